//! Step 3: the verdict, its grounds with their legal citations, what was checked, due
//! diligence, the authority to contact, the handbook: all in the UI language. The grounds,
//! what was checked and the due-diligence steps are the core's messages
//! (`dualuse_core::messages`, core/i18n/); the legal text and the citations inside them stay
//! English and are marked `lang="en"`.

use dualuse_core::assess::{Verdict, DUE_DILIGENCE, DUE_DILIGENCE_IDS};
use dualuse_core::messages::{self, Msg, Piece};
use yew::prelude::*;

use super::item_step::StepProps;
use super::widgets::{legal_note, unverified_mark};
use super::Ui;
use crate::i18n::{t, tf, Lang};
use crate::state::{Action, Step};

/// The verdict's title and what to do, in the UI language.
pub fn verdict_text(lang: Lang, v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Prohibited => (
            t(lang, "verdict.prohibited.title"),
            t(lang, "verdict.prohibited.text"),
        ),
        Verdict::AuthorisationRequired => (
            t(lang, "verdict.authorisation_required.title"),
            t(lang, "verdict.authorisation_required.text"),
        ),
        Verdict::NotifyAuthority => (
            t(lang, "verdict.notify_authority.title"),
            t(lang, "verdict.notify_authority.text"),
        ),
        Verdict::GeneralAuthorisationAvailable => (
            t(lang, "verdict.general_authorisation_available.title"),
            t(lang, "verdict.general_authorisation_available.text"),
        ),
        Verdict::NoAuthorisationIndicated => (
            t(lang, "verdict.no_authorisation_indicated.title"),
            t(lang, "verdict.no_authorisation_indicated.text"),
        ),
    }
}

/// A message of the core in the UI language, citations and legal text marked as English.
pub fn message(lang: Lang, msg: &Msg) -> Html {
    html! {
        <>{for messages::pieces(crate::dataset(), lang.code(), msg).into_iter().map(|p| match p {
            Piece::Text(s) => html!{ {s} },
            Piece::Legal(s) => html!{ <span lang="en">{s}</span> },
        })}</>
    }
}

/// A ground's rule: a citation stays as it stands (English), `open` and `released` are
/// translated.
fn rule(lang: Lang, rule: &str) -> Html {
    match rule {
        "open" | "released" => html! { {dualuse_core::session::rule_label(lang.code(), rule)} },
        other => html! { <span lang="en">{other.to_string()}</span> },
    }
}

/// A due-diligence step of Recommendation (EU) 2024/2659 in the UI language, when it is one
/// of the core's fixed steps; otherwise the core's English.
fn due_diligence_step(
    lang: Lang,
    index: usize,
    text: &str,
    ticked: bool,
    d: &super::Dispatch,
) -> Html {
    let keys = DUE_DILIGENCE_IDS;
    let id = format!("dus-dd-{index}");
    let toggle = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::ToggleTick(index as u8)))
    };
    let label = match DUE_DILIGENCE
        .iter()
        .position(|s| *s == text)
        .and_then(|i| keys.get(i))
    {
        Some(key) => html! { <label for={id.clone()}>{messages::label(lang.code(), key)}</label> },
        None => html! { <label for={id.clone()} lang="en">{text}</label> },
    };
    html! {
        <li class="dus-check"><input type="checkbox" id={id} checked={ticked} onchange={toggle} />{label}</li>
    }
}

#[function_component(ResultStep)]
pub fn result_step(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let d = props.dispatch.clone();
    let back = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Go(Step::Destination)))
    };
    let restart = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Restart))
    };
    let h2 = ui.h(2);
    let body = match &props.state.assessment {
        None => html! { <p>{t(l, "result.incomplete")}</p> },
        Some(Err(e)) => html! {
            <div role="alert" class="dus-error">
                <p>{t(l, "result.error")}</p>
                <p lang="en">{e}</p>
            </div>
        },
        Some(Ok(a)) => {
            let (title, subtitle) = verdict_text(l, a.verdict);
            html! {
                <>
                    <div class={format!("dus-verdict dus-verdict-{}", a.verdict.as_str())}>
                        <@{h2.clone()} id="dus-verdict-title" class="dus-verdict-title" tabindex="-1">{title}</@>
                        <p>{subtitle}</p>
                        {{
                            let open: Vec<&str> = a.entries.iter().filter(|e| e.open).map(|e| e.code.as_str()).collect();
                            if open.is_empty() { html!{} } else { html!{
                                <p class="dus-open-classification">{tf(l, "result.open", &[("codes", &open.join(", "))])}</p>
                            } }
                        }}
                        <p class="dus-indicative">{t(l, "result.indicative")}</p>
                    </div>
                    {legal_note(l)}
                    {if a.entries.is_empty() { html!{} } else { html!{
                        <section aria-labelledby="dus-r-entries"><@{h2.clone()} id="dus-r-entries">{t(l, "result.entries")}</@><ul>{for a.entries.iter().map(|e| html!{
                            <li><span class="dus-code">{&e.code}</span>{" "}<span lang="en">{&e.heading}</span>
                                {if e.open { html!{ <span class="dus-badge">{t(l, "result.badge.open")}</span> } } else { html!{} }}
                                {if e.annex_iv { html!{ <span class="dus-badge">{t(l, "result.badge.annex_iv")}</span> } } else { html!{} }}
                                {unverified_mark(l, e.verified)}</li>
                        })}</ul></section>
                    } }}
                    <section aria-labelledby="dus-r-grounds"><@{h2.clone()} id="dus-r-grounds">{t(l, "result.grounds")}</@>
                        <ul class="dus-grounds">{for a.grounds.iter().map(|g| html!{
                            <li><strong>{rule(l, &g.rule)}</strong>{": "}{message(l, &g.msg)}</li>
                        })}</ul></section>
                    {if a.general_authorisations.is_empty() { html!{} } else { html!{
                        <section aria-labelledby="dus-r-ugea"><@{h2.clone()} id="dus-r-ugea">{t(l, "result.ugea")}</@><p>{a.general_authorisations.join(", ")}</p></section>
                    } }}
                    {if a.due_diligence.is_empty() { html!{} } else { html!{
                        <section aria-labelledby="dus-r-dd"><@{h2.clone()} id="dus-r-dd">{t(l, "result.due_diligence")}</@>
                            <ol class="dus-dd">{for a.due_diligence.iter().enumerate().map(|(i, s)| due_diligence_step(l, i, s, props.state.ticks.contains(&(i as u8)), &d))}</ol></section>
                    } }}
                    <section aria-labelledby="dus-r-checked"><@{h2.clone()} id="dus-r-checked">{t(l, "result.checked")}</@>
                        <ul>{for a.checked_msgs.iter().map(|m| html!{ <li>{message(l, m)}</li> })}</ul></section>
                    <section aria-labelledby="dus-r-authority"><@{h2.clone()} id="dus-r-authority">{t(l, "result.authority")}</@>{match &a.authority {
                        Some(x) => html!{ <p class="dus-authority">{x.name.clone()}{" · "}{super::links::authority_web(&x.web, t(l, "entry.official_note"))}{unverified_mark(l, x.verified)}</p> },
                        None => html!{ <p>{t(l, "result.authority_none")}</p> },
                    }}</section>
                    <p class="dus-dataset">{tf(l, "result.dataset", &[("version", &messages::render(crate::dataset(), l.code(), &dualuse_core::views::dataset_version_msg(crate::dataset())))])}</p>
                    <super::sources::Sources lang={l} />
                    <section class="dus-handbook" aria-labelledby="dus-r-handbook"><@{h2.clone()} id="dus-r-handbook">{t(l, "result.handbook")}</@>
                        {for dualuse_core::views::handbook_in(crate::dataset(), l.code()).into_iter().map(|h| html!{
                            <details><summary>{h.heading}</summary>{for h.text.iter().map(|p| html!{ <p>{p}</p> })}</details>
                        })}
                    </section>
                    <super::record::PrintSummary state={props.state.clone()} dispatch={props.dispatch.clone()} root={props.root.clone()} />
                    <super::record::RecordPanel state={props.state.clone()} dispatch={props.dispatch.clone()} root={props.root.clone()} />
                </>
            }
        }
    };
    html! {
        <section class="dus-result-step" aria-labelledby="dus-step-title">
            <@{ui.h(1)} id="dus-step-title" class="dus-step-title" tabindex="-1">{t(l, "result.title")}</@>
            {body}
            <div class="dus-actions">
                <button type="button" onclick={back}>{t(l, "result.back")}</button>
                <button type="button" onclick={restart}>{t(l, "result.restart")}</button>
            </div>
        </section>
    }
}
