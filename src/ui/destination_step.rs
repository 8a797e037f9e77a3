//! Step 2: where the item goes, in what form, and what the exporter knows of its use.

use dualuse_core::assess::{candidates_to_ask, ExportForm, Resolution};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::item_step::StepProps;
use super::widgets::country_name;
use super::Ui;
use crate::dataset;
use crate::i18n::{sort_key, t, tf};
use crate::state::{Action, Concern, Step};

#[function_component(DestinationStep)]
pub fn destination_step(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let state = &props.state;
    let d = props.dispatch.clone();
    let ds = dataset();
    // Countries in the alphabetical order of the UI language.
    let mut countries: Vec<_> = ds
        .countries
        .iter()
        .map(|c| (sort_key(country_name(l, c)), c))
        .collect();
    countries.sort_by(|a, b| a.0.cmp(&b.0));
    let select = |id: &str, value: &str, eu_only: bool, make: fn(String) -> Action| {
        let d = d.clone();
        html! {
            <select id={id.to_string()} onchange={Callback::from(move |e: Event| d.dispatch(make(e.target_unchecked_into::<HtmlSelectElement>().value())))}>
                <option value="" selected={value.is_empty()}>{t(l, "destination.choose")}</option>
                {for countries.iter().filter(|(_, c)| !eu_only || c.eu).map(|(_, c)| html!{
                    <option value={c.code.clone()} selected={c.code == value}>{format!("{} ({})", country_name(l, c), c.code)}</option>
                })}
            </select>
        }
    };
    let checkbox = |id: &str, label: &str, checked: bool, make: Box<dyn Fn(bool) -> Action>| {
        let d = d.clone();
        html! {
            <div class="dus-check"><input type="checkbox" id={id.to_string()} {checked}
                onchange={Callback::from(move |e: Event| d.dispatch(make(e.target_unchecked_into::<HtmlInputElement>().checked())))} />
            <label for={id.to_string()}>{label.to_string()}</label></div>
        }
    };
    let form_radio = |form: ExportForm, label: &str| {
        let d = d.clone();
        html! { <label class="dus-radio"><input type="radio" name="dus-form" checked={state.export_form == form}
        onchange={Callback::from(move |_| d.dispatch(Action::SetExportForm(form)))} />{label.to_string()}</label> }
    };
    let go = |step: Step, label: &str, primary: bool| {
        let d = d.clone();
        html! { <button type="button" class={classes!(primary.then_some("dus-primary"))} onclick={Callback::from(move |_| d.dispatch(Action::Go(step)))}>{label.to_string()}</button> }
    };
    // A refused "See the result" (no destination): move focus to the destination list.
    {
        let root = props.root.clone();
        use_effect_with(state.destination_missing, move |missing| {
            if *missing {
                super::focus_first(&root, &["#dus-to".to_string()]);
            }
        });
    }
    let c = &state.concerns;
    // Entries the search showed that nothing else settles: ask about each.
    let to_ask = candidates_to_ask(ds, &state.assess_input());
    let candidate_rows = to_ask.iter().map(|(code, current)| {
        let name = format!("dus-cand-{code}");
        let heading = ds.node(code).map(|n| n.text.clone()).unwrap_or_default();
        let radio = |value: Resolution, label: &str| {
            let d = d.clone();
            let code = code.clone();
            html! { <label class="dus-radio"><input type="radio" name={name.clone()} value={value.as_str()} checked={*current == value}
                onchange={Callback::from(move |_| d.dispatch(Action::AnswerCandidate(code.clone(), value)))} />{label.to_string()}</label> }
        };
        let read = {
            let d = d.clone();
            let code = code.clone();
            Callback::from(move |_| {
                d.dispatch(Action::Go(Step::Item));
                d.dispatch(Action::Open(code.clone()));
            })
        };
        html! {
            <li class="dus-candidate" key={code.clone()} data-code={code.clone()}>
                <fieldset>
                    <legend class="dus-ask">{tf(l, "candidates.ask", &[("code", code)])}</legend>
                    {if heading.is_empty() { html!{} } else { html!{ <p class="dus-candidate-heading" lang="en">{heading}</p> } }}
                    <div class="dus-choices">
                        {radio(Resolution::Yes, t(l, "answer.yes"))}
                        {radio(Resolution::No, t(l, "answer.no"))}
                        {radio(Resolution::Unknown, t(l, "answer.unknown"))}
                    </div>
                </fieldset>
                <button type="button" class="dus-link" onclick={read}>{tf(l, "candidates.read", &[("code", code)])}</button>
            </li>
        }
    });
    let to_select = {
        let d = d.clone();
        let missing = state.destination_missing;
        html! {
            <select id="dus-to" aria-invalid={missing.then_some("true")} aria-describedby={missing.then_some("dus-to-missing")}
                onchange={Callback::from(move |e: Event| d.dispatch(Action::SetTo(e.target_unchecked_into::<HtmlSelectElement>().value())))}>
                <option value="" selected={state.to.is_empty()}>{t(l, "destination.choose")}</option>
                {for countries.iter().map(|(_, c)| html!{
                    <option value={c.code.clone()} selected={c.code == state.to}>{format!("{} ({})", country_name(l, c), c.code)}</option>
                })}
            </select>
        }
    };
    html! {
        <section class="dus-destination-step" aria-labelledby="dus-step-title">
            <@{ui.h(1)} id="dus-step-title" class="dus-step-title" tabindex="-1">{t(l, "destination.title")}</@>
            {if to_ask.is_empty() { html!{} } else { html!{
                <section class="dus-candidates" aria-labelledby="dus-candidates-title">
                    <@{ui.h(2)} id="dus-candidates-title">{t(l, "candidates.title")}</@>
                    <p class="dus-help">{t(l, "candidates.intro")}</p>
                    <ol class="dus-candidate-list">{for candidate_rows}</ol>
                </section>
            } }}
            <div class="dus-field"><label for="dus-from">{t(l, "destination.from")}</label>
                {select("dus-from", &state.from, true, Action::SetFrom)}</div>
            <div class="dus-field"><label for="dus-to">{t(l, "destination.to")}</label>
                {to_select}
                {if state.destination_missing { html!{ <p id="dus-to-missing" class="dus-error" role="alert">{t(l, "destination.missing")}</p> } } else { html!{} }}</div>
            <fieldset><legend>{t(l, "destination.form")}</legend>
                <div class="dus-choices">
                    {form_radio(ExportForm::Goods, t(l, "destination.form.goods"))}
                    {form_radio(ExportForm::Electronic, t(l, "destination.form.electronic"))}
                    {form_radio(ExportForm::Exhibition, t(l, "destination.form.exhibition"))}
                </div>
            </fieldset>
            <fieldset><legend>{t(l, "destination.item")}</legend>
                {checkbox("dus-cyber", t(l, "destination.cyber"), state.cyber_surveillance, Box::new(Action::SetCyber))}
                {checkbox("dus-telecom", t(l, "destination.telecom"), state.telecom_monitoring == Some(true), Box::new(|b| Action::SetTelecom(Some(b))))}
            </fieldset>
            <fieldset><legend>{t(l, "destination.use")}</legend>
                {checkbox("dus-informed", t(l, "destination.informed"), state.informed, Box::new(Action::SetInformed))}
                {checkbox("dus-wmd", t(l, "destination.wmd"), c.wmd, Box::new(|b| Action::SetConcern(Concern::Wmd, b)))}
                {checkbox("dus-military", t(l, "destination.military"), c.military_end_use, Box::new(|b| Action::SetConcern(Concern::MilitaryEndUse, b)))}
                {checkbox("dus-parts", t(l, "destination.parts"), c.illegal_military_parts, Box::new(|b| Action::SetConcern(Concern::IllegalMilitaryParts, b)))}
                {checkbox("dus-rights", t(l, "destination.rights"), c.human_rights, Box::new(|b| Action::SetConcern(Concern::HumanRights, b)))}
            </fieldset>
            <div class="dus-actions">{go(Step::Item, t(l, "destination.back"), false)}{go(Step::Result, t(l, "destination.next"), true)}</div>
        </section>
    }
}
