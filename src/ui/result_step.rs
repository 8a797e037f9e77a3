//! Step 3: the verdict, its grounds with their legal citations, what was checked, due
//! diligence, the authority to contact.

use yew::prelude::*;

use super::item_step::StepProps;
use super::widgets::unverified_mark;
use crate::state::{Action, Step};

fn verdict_text(v: &str) -> (&'static str, &'static str) {
    match v {
        "prohibited" => ("Prohibited", "A sanctions regulation bans this export."),
        "authorisation_required" => ("Authorisation required", "Apply to your competent authority before exporting."),
        "notify_authority" => ("Notify your authority", "Tell your competent authority what you know; it decides whether an authorisation is needed."),
        "general_authorisation_available" => ("A Union general authorisation is available", "You may use it if you meet all its conditions."),
        _ => ("No authorisation indicated", "On the facts given, no authorisation is indicated. Your duty of care continues."),
    }
}

#[function_component(ResultStep)]
pub fn result_step(props: &StepProps) -> Html {
    let d = props.dispatch.clone();
    let back = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Go(Step::Destination)))
    };
    let restart = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Restart))
    };
    let body = match &props.state.assessment {
        None => html! { <p>{"Complete the previous steps to see a result."}</p> },
        Some(Err(e)) => html! { <p role="alert" class="dus-error">{e}</p> },
        Some(Ok(a)) => {
            let (title, subtitle) = verdict_text(a.verdict.as_str());
            html! {
                <>
                    <div class={format!("dus-verdict dus-verdict-{}", a.verdict.as_str())} role="status">
                        <p class="dus-verdict-title">{title}</p>
                        <p>{subtitle}</p>
                        <p class="dus-indicative">{"Indicative only: the competent authority decides."}</p>
                    </div>
                    {if a.entries.is_empty() { html!{} } else { html!{
                        <section><h3>{"Entries"}</h3><ul>{for a.entries.iter().map(|e| html!{
                            <li><span class="dus-code">{&e.code}</span>{" "}{&e.heading}
                                {if e.open { html!{ <span class="dus-badge">{"not ruled out"}</span> } } else { html!{} }}
                                {if e.annex_iv { html!{ <span class="dus-badge">{"Annex IV"}</span> } } else { html!{} }}
                                {unverified_mark(e.verified)}</li>
                        })}</ul></section>
                    } }}
                    <section><h3>{"Grounds"}</h3><ul class="dus-grounds">{for a.grounds.iter().map(|g| html!{
                        <li><strong>{&g.rule}</strong>{": "}{&g.text}</li>
                    })}</ul></section>
                    {if a.general_authorisations.is_empty() { html!{} } else { html!{
                        <section><h3>{"Union general export authorisations"}</h3><p>{a.general_authorisations.join(", ")}</p></section>
                    } }}
                    {if a.due_diligence.is_empty() { html!{} } else { html!{
                        <section><h3>{"Due diligence for cyber-surveillance items"}</h3><ol>{for a.due_diligence.iter().map(|s| html!{ <li>{s}</li> })}</ol></section>
                    } }}
                    <section><h3>{"What was checked"}</h3><ul>{for a.checked.iter().map(|s| html!{ <li>{s}</li> })}</ul></section>
                    <section><h3>{"Your competent authority"}</h3>{match &a.authority {
                        Some(x) => html!{ <p>{format!("{} ({})", x.name, x.web)}{unverified_mark(x.verified)}</p> },
                        None => html!{ <p>{"Choose your Member State to see it."}</p> },
                    }}</section>
                    <p class="dus-dataset">{format!("Dataset: {}", a.dataset_version)}</p>
                </>
            }
        }
    };
    html! {
        <section class="dus-result-step">
            {body}
            <div class="dus-actions">
                <button type="button" onclick={back}>{"Change destination and use"}</button>
                <button type="button" onclick={restart}>{"Start again"}</button>
            </div>
        </section>
    }
}
