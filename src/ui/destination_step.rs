//! Step 2: where the item goes, in what form, and what the exporter knows of its use.

use dualuse_core::assess::ExportForm;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::item_step::StepProps;
use crate::dataset;
use crate::state::{Action, Concern, Step};

#[function_component(DestinationStep)]
pub fn destination_step(props: &StepProps) -> Html {
    let state = &props.state;
    let d = props.dispatch.clone();
    let ds = dataset();
    let select = |id: &str, value: &str, eu_only: bool, make: fn(String) -> Action| {
        let d = d.clone();
        html! {
            <select id={id.to_string()} onchange={Callback::from(move |e: Event| d.dispatch(make(e.target_unchecked_into::<HtmlSelectElement>().value())))}>
                <option value="" selected={value.is_empty()}>{"Choose…"}</option>
                {for ds.countries.iter().filter(|c| !eu_only || c.eu).map(|c| html!{
                    <option value={c.code.clone()} selected={c.code == value}>{format!("{} ({})", c.name_en, c.code)}</option>
                })}
            </select>
        }
    };
    let checkbox = |id: &str, label: &str, checked: bool, make: Box<dyn Fn(bool) -> Action>| {
        let d = d.clone();
        html! {
            <div class="dus-check"><input type="checkbox" id={id.to_string()} {checked}
                onchange={Callback::from(move |e: Event| d.dispatch(make(e.target_unchecked_into::<HtmlInputElement>().checked())))} />
            <label for={id.to_string()}>{label}</label></div>
        }
    };
    let form_radio = |form: ExportForm, label: &str| {
        let d = d.clone();
        html! { <label class="dus-radio"><input type="radio" name="dus-form" checked={state.export_form == form}
        onchange={Callback::from(move |_| d.dispatch(Action::SetExportForm(form)))} />{label}</label> }
    };
    let go = |step: Step, label: &str, primary: bool| {
        let d = d.clone();
        html! { <button type="button" class={classes!(primary.then_some("dus-primary"))} onclick={Callback::from(move |_| d.dispatch(Action::Go(step)))}>{label}</button> }
    };
    let c = &state.concerns;
    html! {
        <section class="dus-destination-step">
            <div class="dus-field"><label for="dus-from">{"Exporting Member State (where you are established)"}</label>
                {select("dus-from", &state.from, true, Action::SetFrom)}</div>
            <div class="dus-field"><label for="dus-to">{"Destination country"}</label>
                {select("dus-to", &state.to, false, Action::SetTo)}</div>
            <fieldset><legend>{"Form of the export"}</legend>
                {form_radio(ExportForm::Goods, "Goods shipped")}
                {form_radio(ExportForm::Electronic, "Software or technology sent electronically or made available online")}
                {form_radio(ExportForm::Exhibition, "Temporary export for a demonstration or fair")}
            </fieldset>
            <fieldset><legend>{"The item"}</legend>
                {checkbox("dus-cyber", "It is a cyber-surveillance item: specially designed to enable covert surveillance of people by monitoring, extracting, collecting or analysing data from ICT systems (Art. 2(20))", state.cyber_surveillance, Box::new(Action::SetCyber))}
                {checkbox("dus-telecom", "It is primarily for monitoring or intercepting internet or telephone communications", state.telecom_monitoring == Some(true), Box::new(|b| Action::SetTelecom(Some(b))))}
            </fieldset>
            <fieldset><legend>{"What you know of the end use"}</legend>
                {checkbox("dus-informed", "My authority has informed me of the uses ticked below (otherwise: I am aware of them)", state.informed, Box::new(Action::SetInformed))}
                {checkbox("dus-wmd", "Chemical, biological or nuclear weapons, or missiles for them (Art. 4(1)(a))", c.wmd, Box::new(|b| Action::SetConcern(Concern::Wmd, b)))}
                {checkbox("dus-military", "A military end-use (Art. 4(1)(b))", c.military_end_use, Box::new(|b| Action::SetConcern(Concern::MilitaryEndUse, b)))}
                {checkbox("dus-parts", "Parts of military items exported illegally (Art. 4(1)(c))", c.illegal_military_parts, Box::new(|b| Action::SetConcern(Concern::IllegalMilitaryParts, b)))}
                {checkbox("dus-rights", "Internal repression or serious violations of human rights or international humanitarian law (Art. 5)", c.human_rights, Box::new(|b| Action::SetConcern(Concern::HumanRights, b)))}
            </fieldset>
            <div class="dus-actions">{go(Step::Item, "Back: item", false)}{go(Step::Result, "See the result", true)}</div>
        </section>
    }
}
