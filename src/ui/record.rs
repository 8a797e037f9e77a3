//! "Keep a record": print, download JSON and Markdown, copy a link that restores the
//! session (in the URL fragment, never sent to a server), load a JSON record back, and keep
//! sessions on this device only after the user opts in.

use dualuse_core::session::{self, Record};
use dualuse_core::views;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser::{self, device};
use super::item_step::StepProps;
use super::Ui;
use crate::dataset;
use crate::i18n::{t, tf, Lang};
use crate::state::{Action, State};

fn record_of(state: &State) -> Record {
    session::make_record_in(
        dataset(),
        &state.session(),
        &browser::now_iso(),
        state.lang.code(),
    )
}

fn record_json(state: &State) -> Result<String, String> {
    let value = serde::Serialize::serialize(
        &record_of(state),
        &serde_wasm_bindgen::Serializer::json_compatible(),
    )
    .map_err(|e| e.to_string())?;
    browser::to_json(&value)
}

fn record_markdown(state: &State) -> String {
    let assessment = state.assessment.as_ref().and_then(|a| a.as_ref().ok());
    session::markdown(dataset(), &record_of(state), assessment, state.lang.code())
}

fn file_stamp() -> String {
    browser::now_iso()
        .chars()
        .take(16)
        .map(|c| if c == ':' { '-' } else { c })
        .collect()
}

/// Read a JSON record the user picked and load it (or say why not).
fn load_file(file: web_sys::File, d: super::Dispatch, lang: Lang) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = match wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string())
        {
            Some(t) => t,
            None => {
                return d.dispatch(Action::SessionError(
                    t(lang, "record.load_unreadable").into(),
                ))
            }
        };
        let parsed = browser::from_json(&text).and_then(|v| {
            serde_wasm_bindgen::from_value::<Record>(v)
                .map_err(|e| format!("{}: {e}", t(lang, "record.load_not_record")))
        });
        match parsed.and_then(|r| session::check_record(dataset(), &r).map(|changes| (r, changes)))
        {
            Ok((record, changes)) => {
                let message = if changes.is_empty() {
                    t(lang, "record.loaded").to_string()
                } else {
                    format!("{} {}", t(lang, "record.loaded_changed"), changes.join(" "))
                };
                let mut restored = record.session;
                restored.drop_outdated_answers(dataset());
                d.dispatch(Action::LoadSession(restored, Some(message)));
            }
            Err(e) => d.dispatch(Action::SessionError(e)),
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct LoadProps {
    pub dispatch: super::Dispatch,
    pub lang: Lang,
}

/// "Load a saved record (JSON)": on the first step too, so a record loads without first
/// walking to a result (which needs a destination).
#[function_component(LoadRecord)]
pub fn load_record(props: &LoadProps) -> Html {
    let l = props.lang;
    let d = props.dispatch.clone();
    let on_load = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            load_file(file, d.clone(), l);
        }
        input.set_value("");
    });
    html! {
        <div class="dus-field dus-no-print">
            <label for="dus-load">{t(l, "record.load")}</label>
            <input id="dus-load" type="file" accept=".json,application/json" onchange={on_load} />
        </div>
    }
}

#[function_component(RecordPanel)]
pub fn record_panel(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let state = props.state.clone();
    let d = props.dispatch.clone();
    let link = use_state(|| None::<String>);
    let problem = use_state(|| None::<String>);
    // What happened to the last print or copy: done, or blocked by the page embedding us.
    let outcome = use_state(|| None::<Outcome>);
    let link_base = use_context::<super::LinkBase>()
        .map(|b| b.0)
        .filter(|b| !b.is_empty());
    let consent = use_state(device::consented);
    let saved = use_state(|| {
        if device::consented() {
            device::list()
        } else {
            Vec::new()
        }
    });

    let on_print = {
        let outcome = outcome.clone();
        Callback::from(move |_| {
            outcome.set(None);
            let outcome = outcome.clone();
            browser::print(move |opened| {
                if !opened {
                    outcome.set(Some(Outcome::PrintBlocked));
                }
            });
        })
    };
    let on_json = {
        let state = state.clone();
        let problem = problem.clone();
        Callback::from(move |_| {
            let r = record_json(&state).and_then(|json| {
                browser::download(
                    &format!("dual-use-record-{}.json", file_stamp()),
                    "application/json",
                    &json,
                )
            });
            problem.set(r.err());
        })
    };
    let on_markdown = {
        let state = state.clone();
        let problem = problem.clone();
        Callback::from(move |_| {
            let r = browser::download(
                &format!("dual-use-record-{}.md", file_stamp()),
                "text/markdown",
                &record_markdown(&state),
            );
            problem.set(r.err());
        })
    };
    let on_link = {
        let state = state.clone();
        let link = link.clone();
        let outcome = outcome.clone();
        Callback::from(move |_| {
            // The host page when the host said where the widget lives, else this document.
            let base = link_base.clone().unwrap_or_else(browser::page_address);
            let url = format!("{base}#{}", session::encode_link(&state.session()));
            let outcome = outcome.clone();
            browser::copy(&url, move |ok| {
                outcome.set(Some(if ok {
                    Outcome::Copied
                } else {
                    Outcome::CopyBlocked
                }))
            });
            link.set(Some(url));
        })
    };
    let on_consent = {
        let consent = consent.clone();
        let saved = saved.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            device::set_consent(on);
            consent.set(on);
            saved.set(if on { device::list() } else { Vec::new() });
        })
    };
    let on_save = {
        let state = state.clone();
        let saved = saved.clone();
        let problem = problem.clone();
        Callback::from(move |_| {
            let name = browser::now_iso();
            let r = device::save(&name, &session::encode_link(&state.session()));
            problem.set(r.err());
            saved.set(device::list());
        })
    };
    let saved_rows = saved.iter().map(|(key, value)| {
        let when = key.trim_start_matches(device::SESSION_PREFIX).chars().take(19).collect::<String>().replace('T', " ");
        let what = saved_summary(l, value);
        let open = {
            let d = d.clone();
            let value = value.clone();
            Callback::from(move |_| match session::decode_link(dataset(), &value) {
                Ok(s) => d.dispatch(Action::LoadSession(s, Some(t(l, "record.loaded").to_string()))),
                Err(e) => d.dispatch(Action::SessionError(e)),
            })
        };
        let delete = {
            let saved = saved.clone();
            let key = key.clone();
            Callback::from(move |_| {
                device::delete(&key);
                saved.set(device::list());
            })
        };
        html! {
            <li>
                <span class="dus-saved-what">{what.clone()}</span>{" "}<span class="dus-muted">{when.clone()}</span>{" "}
                <button type="button" onclick={open} aria-label={format!("{}: {what}, {when}", t(l, "record.open"))}>{t(l, "record.open")}</button>
                <button type="button" onclick={delete} aria-label={format!("{}: {what}, {when}", t(l, "record.delete"))}>{t(l, "record.delete")}</button>
            </li>
        }
    });
    let h = ui.h(2);
    html! {
        <section class="dus-record" aria-labelledby="dus-record-title">
            <@{h} id="dus-record-title">{t(l, "record.title")}</@>
            <div class="dus-actions dus-no-print">
                <button type="button" onclick={on_print}>{t(l, "record.print")}</button>
                <button type="button" onclick={on_json.clone()}>{t(l, "record.json")}</button>
                <button type="button" onclick={on_markdown.clone()}>{t(l, "record.markdown")}</button>
                <button type="button" onclick={on_link}>{t(l, "record.link")}</button>
            </div>
            <p class="dus-muted dus-no-print">{t(l, "record.link_note")}</p>
            {if let Some(url) = (*link).clone() { html!{
                <div class="dus-field dus-no-print"><label for="dus-link">{t(l, "record.link_label")}</label>
                    <input id="dus-link" type="text" readonly=true value={url} /></div>
            } } else { html!{} }}
            {if let Some(p) = (*problem).clone() { html!{ <p role="alert" class="dus-error">{p}</p> } } else { html!{} }}
            {match *outcome {
                Some(Outcome::Copied) => html!{ <p role="status" class="dus-copied dus-no-print">{t(l, "record.copied")}</p> },
                Some(Outcome::CopyBlocked) => html!{ <div role="alert" class="dus-blocked dus-no-print"><p>{t(l, "record.copy_blocked")}</p>
                    <button type="button" onclick={on_json.clone()}>{t(l, "record.json")}</button></div> },
                Some(Outcome::PrintBlocked) => html!{ <div role="alert" class="dus-blocked dus-no-print"><p>{t(l, "record.print_blocked")}</p>
                    <button type="button" onclick={on_markdown.clone()}>{t(l, "record.markdown")}</button>{" "}
                    <button type="button" onclick={on_json.clone()}>{t(l, "record.json")}</button></div> },
                None => html!{},
            }}
            <LoadRecord dispatch={d.clone()} lang={l} />
            <div class="dus-check dus-no-print">
                <input type="checkbox" id="dus-consent" checked={*consent} onchange={on_consent} />
                <label for="dus-consent">{t(l, "record.consent")}</label>
            </div>
            {if *consent { html!{
                <div class="dus-no-print">
                    <button type="button" onclick={on_save}>{t(l, "record.save")}</button>
                    {if saved.is_empty() { html!{ <p class="dus-muted">{t(l, "record.none_saved")}</p> } } else { html!{
                        <ul class="dus-saved" aria-label={t(l, "record.saved")}>{for saved_rows}</ul>
                    } }}
                </div>
            } } else { html!{ <p class="dus-muted dus-no-print">{t(l, "record.consent_note")}</p> } }}
        </section>
    }
}

/// What became of a print or copy request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    Copied,
    /// The clipboard refused (a sandboxed frame without `clipboard-write`, an old browser).
    CopyBlocked,
    /// No print dialog opened (a sandboxed frame without `allow-modals`).
    PrintBlocked,
}

/// A saved session as its row reads: the item (its description, else the entries chosen,
/// else the last search) and the destination.
fn saved_summary(l: Lang, link: &str) -> String {
    let Ok(s) = session::decode_link(dataset(), link) else {
        return t(l, "record.saved_unreadable").to_string();
    };
    let item: String = if !s.description.trim().is_empty() {
        s.description.trim().to_string()
    } else if !s.picked.is_empty() {
        s.picked.join(", ")
    } else {
        s.searches.last().cloned().unwrap_or_default()
    };
    let mut item: String = item.chars().take(60).collect();
    if item.is_empty() {
        item = "—".into();
    }
    let to = dataset()
        .country(&s.to)
        .map(|c| super::widgets::country_name(l, c).to_string())
        .unwrap_or_else(|| t(l, "record.saved_no_destination").to_string());
    tf(
        l,
        "record.saved_row",
        &[("item", &item), ("destination", &to)],
    )
}

fn print_item(i: &views::ItemView) -> Html {
    html! {
        <li><strong>{&i.label}</strong>{" "}{&i.text}
            {for i.notes.iter().map(|n| html!{ <p class="dus-note"><em>{format!("{}: ", n.label)}</em>{n.text.join(" ")}</p> })}
            {if i.items.is_empty() { html!{} } else { html!{ <ul>{for i.items.iter().map(print_item)}</ul> } }}
        </li>
    }
}

/// What only the printed report shows: the date, the item as described, the searches, every
/// answer, and the full legal text of the entries (the screen shows them step by step).
#[function_component(PrintSummary)]
pub fn print_summary(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let s = &props.state;
    let ds = dataset();
    let h = ui.h(2);
    // In the questionnaire's order, with the question and the answer as the user saw them.
    let answers = ds.questions.iter().filter_map(|q| {
        let a = s.answers.get(&q.id)?;
        let shown = match a {
            dualuse_core::questions::Answer::Yes => t(l, "answer.yes").to_string(),
            dualuse_core::questions::Answer::No => t(l, "answer.no").to_string(),
            dualuse_core::questions::Answer::Unknown => t(l, "answer.unknown").to_string(),
            dualuse_core::questions::Answer::Number(n) => n.to_string(),
            dualuse_core::questions::Answer::Choice(c) => q
                .choices_in(l.code())
                .into_iter()
                .find(|(v, _)| v == c)
                .map(|(_, label)| label.to_string())
                .unwrap_or_else(|| c.clone()),
        };
        Some(html! { <tr><td>{q.ask_in(l.code()).to_string()}</td><td>{shown}</td></tr> })
    });
    html! {
        <section class="dus-print-only" aria-hidden="true">
            <@{h.clone()}>{t(l, "print.title")}</@>
            <p>{format!("{} {}", t(l, "print.date"), browser::now_iso())}</p>
            <p>{format!("{} {}", t(l, "print.description"), if s.description.is_empty() { "—" } else { &s.description })}</p>
            <p>{format!("{} {}", t(l, "print.searches"), if s.searches.is_empty() { "—".to_string() } else { s.searches.join("; ") })}</p>
            {if s.answers.is_empty() { html!{} } else { html!{
                <table class="dus-answers"><tbody>{for answers}</tbody></table>
            } }}
            {for s.picked.iter().filter_map(|c| views::entry(ds, c)).map(|e| html!{
                <div class="dus-print-entry" lang="en">
                    <p><strong>{&e.code}</strong>{" "}{&e.text}{if e.verified { "" } else { " [wording not yet verified against the Official Journal]" }}</p>
                    <ul>{for e.items.iter().map(print_item)}</ul>
                    {for e.notes.iter().map(|n| html!{ <p class="dus-note"><em>{format!("{}: ", n.label)}</em>{n.text.join(" ")}</p> })}
                </div>
            })}
        </section>
    }
}
