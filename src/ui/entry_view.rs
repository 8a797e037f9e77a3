//! The entry reader: the path from the category down, the legal text with its items and
//! notes, the defined terms on demand, flags and provenance: the source document, its date,
//! whether the wording was compared with the consolidated text and a link to the official
//! text (the data file and line and the maintainers' notes are for maintainers and are not
//! shown). The legal text is English in every UI language (marked `lang="en"`); the frame
//! around it is translated.

use dualuse_core::views::{self, ItemView, NoteView};
use yew::prelude::*;

use super::widgets::{definition, legal_note, text_lines, unverified_mark};
use super::{Dispatch, Ui};
use crate::dataset;
use crate::i18n::{format_date, t, tf, Lang};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct EntryViewProps {
    pub code: String,
    pub picked: bool,
    pub dispatch: Dispatch,
}

fn note(lang: Lang, n: &NoteView) -> Html {
    html! {
        <div class={classes!("dus-note", n.releases.then_some("dus-note-releases"))}>
            {if n.kind == "unlabelled" {
                html!{ <strong>{t(lang, "entry.unlabelled")}</strong> }
            } else {
                html!{ <strong lang="en">{format!("{}:", n.label)}</strong> }
            }}
            {if n.releases { html!{ <span class="dus-badge">{t(lang, "entry.may_release")}</span> } } else { html!{} }}
            <div lang="en">{text_lines(&n.text)}</div>
        </div>
    }
}

fn item(lang: Lang, i: &ItemView) -> Html {
    html! {
        <li class="dus-item" id={format!("dus-{}", i.code)}>
            <span lang="en"><span class="dus-label">{&i.label}</span>{" "}{&i.text}</span>
            <span class="dus-code-hint">{format!(" [{}]", i.code)}</span>
            {for i.notes.iter().map(|n| note(lang, n))}
            {if i.items.is_empty() { html!{} } else { html!{ <ol class="dus-items">{for i.items.iter().map(|c| item(lang, c))}</ol> } }}
        </li>
    }
}

#[function_component(EntryView)]
pub fn entry_view(props: &EntryViewProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: Lang::En,
        heading: 2,
    });
    let l = ui.lang;
    let Some(e) = views::entry(dataset(), &props.code) else {
        return html! { <p role="alert">{tf(l, "entry.missing", &[("code", &props.code)])}</p> };
    };
    let d = props.dispatch.clone();
    let code = e.code.clone();
    let pick = if props.picked {
        let d = d.clone();
        let c = code.clone();
        html! { <button type="button" onclick={Callback::from(move |_| d.dispatch(Action::Unpick(c.clone())))}>{t(l, "entry.unpick")}</button> }
    } else {
        let d = d.clone();
        let c = code.clone();
        html! { <button type="button" class="dus-primary" onclick={Callback::from(move |_| d.dispatch(Action::Pick(c.clone())))}>{t(l, "entry.pick")}</button> }
    };
    // Walk the entry's (or the item's) own conditions: only where it has items or notes to ask.
    let check = if e.full_text {
        let d = d.clone();
        let c = props.code.clone();
        html! { <button type="button" id="dus-check" onclick={Callback::from(move |_| d.dispatch(Action::OpenChecklist(c.clone())))}>{tf(l, "entry.check", &[("code", &props.code)])}</button> }
    } else {
        html! {}
    };
    let close = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::CloseEntry))
    };
    let annex_iv = if e.annex_iv {
        t(l, "entry.annex_iv.yes").to_string()
    } else if !e.annex_iv_parts.is_empty() {
        tf(
            l,
            "entry.annex_iv.parts",
            &[("parts", &e.annex_iv_parts.join(", "))],
        )
    } else {
        t(l, "entry.annex_iv.no").to_string()
    };
    let section_i = if e.section_i {
        t(l, "entry.section_i.yes").to_string()
    } else if !e.section_i_parts.is_empty() {
        tf(
            l,
            "entry.section_i.parts",
            &[("parts", &e.section_i_parts.join(", "))],
        )
    } else {
        t(l, "entry.section_i.no").to_string()
    };
    let sub = ui.h(3);
    html! {
        <article id="dus-entry" class="dus-entry" aria-labelledby="dus-entry-title">
            <@{ui.h(2)} id="dus-entry-title" class="dus-entry-title" tabindex="-1">{tf(l, "entry.title", &[("code", &e.code)])}{unverified_mark(l, e.verified)}</@>
            <nav class="dus-path" aria-label={t(l, "entry.path")}>
                {for e.path.iter().map(|p| {
                    let d = d.clone();
                    let c = p.code.clone();
                    let is_category = p.code.starts_with("CATEGORY");
                    html!{ <span class="dus-path-step">{
                        if is_category { html!{ <span lang="en">{p.text.clone()}</span> } } else {
                            html!{ <button type="button" class="dus-link" aria-label={tf(l, "entry.open_code", &[("code", &p.code)])}
                                onclick={Callback::from(move |_| d.dispatch(Action::Open(c.clone())))}>{&p.code}</button> }
                        }
                    }</span> }
                })}
            </nav>
            {legal_note(l)}
            <p class="dus-heading" lang="en">{&e.text}</p>
            <ul class="dus-flags">
                <li>{tf(l, "entry.regime", &[("regime", e.regime)])}</li>
                <li>{annex_iv}</li>
                <li>{section_i}</li>
                {if let Some(eccn) = &e.us_eccn { html!{ <li>{tf(l, "entry.eccn", &[("eccn", eccn)])}</li> } } else { html!{} }}
            </ul>
            {if !e.full_text { html!{ <p class="dus-muted">{t(l, "entry.heading_only")}</p> } } else { html!{} }}
            {if e.items.is_empty() { html!{} } else { html!{ <ol class="dus-items">{for e.items.iter().map(|i| item(l, i))}</ol> } }}
            {for e.notes.iter().map(|n| note(l, n))}
            {if e.decontrol_notes.is_empty() { html!{} } else { html!{
                <section class="dus-decontrols" aria-labelledby="dus-entry-decontrols"><@{sub.clone()} id="dus-entry-decontrols">{t(l, "entry.decontrols")}</@>
                    <ul lang="en">{for e.decontrol_notes.iter().map(|n| html!{ <li>{n}</li> })}</ul></section>
            } }}
            {if e.definitions.is_empty() { html!{} } else { html!{
                <section class="dus-definitions" aria-labelledby="dus-entry-definitions"><@{sub.clone()} id="dus-entry-definitions">{t(l, "entry.definitions")}</@>
                    {for e.definitions.iter().map(|def| definition(l, def))}
                </section>
            } }}
            {if e.related.is_empty() { html!{} } else { html!{
                <p class="dus-related">{t(l, "entry.related")}{" "}{for e.related.iter().map(|r| {
                    let d = d.clone();
                    let c = r.clone();
                    html!{ <button type="button" class="dus-link" aria-label={tf(l, "entry.open_code", &[("code", r)])}
                        onclick={Callback::from(move |_| d.dispatch(Action::Open(c.clone())))}>{r}</button> }
                })}</p>
            } }}
            <div class="dus-source">
                <p>{tf(l, "entry.source", &[("document", &views::document_title(&e.source.document)), ("date", &format_date(l, &e.source.as_of))])}</p>
                <p>{t(l, if e.verified { "entry.compared.yes" } else { "entry.compared.no" })}</p>
                <p>{super::links::external(&e.source.official_url, t(l, "entry.official"), t(l, "entry.official_note"))}</p>
            </div>
            <div class="dus-actions">{pick}{check}<button type="button" onclick={close}>{t(l, "entry.close")}</button></div>
        </article>
    }
}
