//! The entry reader: the path from the category down, the legal text with its items and
//! notes, the defined terms on demand, flags and provenance.

use dualuse_core::views::{self, ItemView, NoteView};
use yew::prelude::*;

use super::widgets::{text_lines, unverified_mark};
use super::Dispatch;
use crate::dataset;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct EntryViewProps {
    pub code: String,
    pub picked: bool,
    pub dispatch: Dispatch,
}

fn note(n: &NoteView) -> Html {
    html! {
        <div class={classes!("dus-note", n.releases.then_some("dus-note-releases"))}>
            <strong>{format!("{}:", n.label)}</strong>
            {if n.releases { html!{ <span class="dus-badge">{"may release the item"}</span> } } else { html!{} }}
            {text_lines(&n.text)}
        </div>
    }
}

fn item(i: &ItemView) -> Html {
    html! {
        <li class="dus-item" id={format!("dus-{}", i.code)}>
            <span class="dus-label">{&i.label}</span>{" "}{&i.text}
            <span class="dus-code-hint">{format!(" [{}]", i.code)}</span>
            {for i.notes.iter().map(note)}
            {if i.items.is_empty() { html!{} } else { html!{ <ol class="dus-items">{for i.items.iter().map(item)}</ol> } }}
        </li>
    }
}

#[function_component(EntryView)]
pub fn entry_view(props: &EntryViewProps) -> Html {
    let Some(e) = views::entry(dataset(), &props.code) else {
        return html! { <p role="alert">{format!("No entry {} in the control list.", props.code)}</p> };
    };
    let d = props.dispatch.clone();
    let code = e.code.clone();
    let pick = if props.picked {
        let d = d.clone();
        let c = code.clone();
        html! { <button type="button" onclick={Callback::from(move |_| d.dispatch(Action::Unpick(c.clone())))}>{"Remove from my item"}</button> }
    } else {
        let d = d.clone();
        let c = code.clone();
        html! { <button type="button" class="dus-primary" onclick={Callback::from(move |_| d.dispatch(Action::Pick(c.clone())))}>{"My item falls under this entry"}</button> }
    };
    let close = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::CloseEntry))
    };
    html! {
        <article class="dus-entry" aria-labelledby="dus-entry-title">
            <nav class="dus-path" aria-label="Position in Annex I">
                {for e.path.iter().map(|p| {
                    let d = d.clone();
                    let c = p.code.clone();
                    let is_category = p.code.starts_with("CATEGORY");
                    html!{ <span class="dus-path-step">{
                        if is_category { html!{ {p.text.clone()} } } else {
                            html!{ <button type="button" class="dus-link" onclick={Callback::from(move |_| d.dispatch(Action::Open(c.clone())))}>{&p.code}</button> }
                        }
                    }</span> }
                })}
            </nav>
            <h3 id="dus-entry-title">{format!("{} ", e.code)}{unverified_mark(e.verified)}</h3>
            <p class="dus-heading">{&e.text}</p>
            <ul class="dus-flags">
                <li>{format!("Regime: {}", e.regime)}</li>
                <li>{if e.annex_iv { "Annex IV: yes — an authorisation is needed even inside the EU".to_string() } else if !e.annex_iv_parts.is_empty() { format!("Annex IV: only {}", e.annex_iv_parts.join(", ")) } else { "Annex IV: no".to_string() }}</li>
                <li>{if e.section_i { "Annex II Section I: yes — no Union general authorisation".to_string() } else if !e.section_i_parts.is_empty() { format!("Annex II Section I: only {}", e.section_i_parts.join(", ")) } else { "Annex II Section I: no".to_string() }}</li>
                {if let Some(eccn) = &e.us_eccn { html!{ <li>{format!("US ECCN with the same number: {eccn}")}</li> } } else { html!{} }}
            </ul>
            {if let Some(n) = &e.verified_note { html!{ <p class="dus-verify-note">{format!("Not yet verified: {n}")}</p> } } else { html!{} }}
            {if !e.full_text { html!{ <p class="dus-muted">{"Only the heading of this entry is in the dataset: read its items in the Official Journal."}</p> } } else { html!{} }}
            {if e.items.is_empty() { html!{} } else { html!{ <ol class="dus-items">{for e.items.iter().map(item)}</ol> } }}
            {for e.notes.iter().map(note)}
            {if e.decontrol_notes.is_empty() { html!{} } else { html!{
                <section class="dus-decontrols"><h4>{"Notes that may release the item"}</h4>
                    <ul>{for e.decontrol_notes.iter().map(|n| html!{ <li>{n}</li> })}</ul></section>
            } }}
            {if e.definitions.is_empty() { html!{} } else { html!{
                <section class="dus-definitions"><h4>{"Defined terms"}</h4>
                    {for e.definitions.iter().map(|def| html!{
                        <details><summary>{&def.term}{unverified_mark(def.verified)}</summary>{text_lines(&def.text)}</details>
                    })}
                </section>
            } }}
            {if e.related.is_empty() { html!{} } else { html!{
                <p class="dus-related">{"Related: "}{for e.related.iter().map(|r| {
                    let d = d.clone();
                    let c = r.clone();
                    html!{ <button type="button" class="dus-link" onclick={Callback::from(move |_| d.dispatch(Action::Open(c.clone())))}>{r}</button> }
                })}</p>
            } }}
            <p class="dus-source">{format!("Source: {} ({}, {}:{}). {}", e.source.document, e.source.as_of, e.source.file, e.source.line, e.source.verified_by)}</p>
            <div class="dus-actions">{pick}<button type="button" onclick={close}>{"Close"}</button></div>
        </article>
    }
}
