//! Step 1: find the item. Live search, the entry reader, the entries picked, and the guided
//! questions that match or rule out entries parameter by parameter.

use dualuse_core::questions::{evaluate, is_relevant, Answer, ItemStatus, QuestionKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::checklist_view::ChecklistView;
use super::entry_view::EntryView;
use super::widgets::{highlighted, legal_note, unverified_mark, why_label};
use super::{focus_first, Dispatch, Ui};
use crate::dataset;
use crate::i18n::{t, tf, tp, Lang};
use crate::state::{Action, State, Step};

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub state: State,
    pub dispatch: Dispatch,
    /// The widget's root, for moving focus inside it (also inside a shadow root).
    pub root: NodeRef,
}

#[function_component(ItemStep)]
pub fn item_step(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let state = &props.state;
    let d = props.dispatch.clone();

    // Opening an entry moves focus to it; closing it returns focus to its search result.
    {
        let root = props.root.clone();
        let shown = use_mut_ref(|| state.open_code.clone());
        use_effect_with(state.open_code.clone(), move |code| {
            let before = std::mem::replace(&mut *shown.borrow_mut(), code.clone());
            if before != *code {
                match (code, before) {
                    (Some(_), _) => focus_first(&root, &["#dus-entry-title".to_string()]),
                    (None, Some(old)) => focus_first(
                        &root,
                        &[
                            format!("button[data-code=\"{old}\"]"),
                            "#dus-search".to_string(),
                        ],
                    ),
                    (None, None) => {}
                }
            }
        });
    }

    // Closing the checklist returns focus to its button in the entry reader.
    {
        let root = props.root.clone();
        let shown = use_mut_ref(|| state.checklist.is_some());
        use_effect_with(state.checklist.is_some(), move |open| {
            let before = std::mem::replace(&mut *shown.borrow_mut(), *open);
            if before && !*open {
                focus_first(
                    &root,
                    &["#dus-check".to_string(), "#dus-entry-title".to_string()],
                );
            }
        });
    }

    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::Query(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let results = state.results.iter().map(|hit| {
        let open = {
            let d = d.clone();
            let c = hit.code.clone();
            Callback::from(move |_| d.dispatch(Action::Open(c.clone())))
        };
        let expanded = state.open_code.as_deref() == Some(hit.code.as_str());
        let why: Vec<String> = hit.why.iter().map(|w| why_label(l, w)).collect();
        html! {
            <li class="dus-result" key={hit.code.clone()}>
                <button type="button" class="dus-result-open" onclick={open} data-code={hit.code.clone()}
                    aria-expanded={expanded.to_string()} aria-controls={expanded.then_some(if state.checklist.is_some() { "dus-checklist" } else { "dus-entry" })}>
                    <span class="dus-code">{&hit.code}</span>{" "}
                    <span class="dus-result-heading" lang="en">{truncate(&hit.entry_heading, 110)}</span>
                </button>
                {unverified_mark(l, hit.verified)}
                {if let Some((code, text)) = &hit.context {
                    html!{ <p class="dus-context" lang="en">{format!("{code}: {}", truncate(text, 120))}</p> }
                } else { html!{} }}
                {if hit.context.is_some() || hit.snippet != hit.entry_heading {
                    html!{ <p class="dus-snippet" lang="en">{highlighted(&hit.snippet, &hit.highlights)}</p> }
                } else { html!{} }}
                <p class="dus-why">{tf(l, "results.why", &[("reasons", &why.join(", "))])}</p>
                {match (&hit.caution, hit.caution_term.and_then(|i| dataset().vocabulary.get(i as usize)).and_then(|v| v.note_in(l.code()))) {
                    // The false friend's note in the UI language (data/vocabulary.txt `| de: | fr:`).
                    (Some(_), Some(note)) => html!{ <p class="dus-caution">{t(l, "results.caution")}{" "}{note.to_string()}</p> },
                    (Some(c), None) => html!{ <p class="dus-caution">{t(l, "results.caution")}{" "}<span lang="en">{c}</span></p> },
                    (None, _) => html!{},
                }}
            </li>
        }
    });
    let status = if state.query.trim().is_empty() {
        String::new()
    } else if state.results.is_empty() {
        t(l, "search.none").to_string()
    } else {
        tp(l, "search.count", state.results.len() as u64)
    };
    let to_destination = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Go(Step::Destination)))
    };
    html! {
        <section class="dus-item-step" aria-labelledby="dus-step-title">
            <@{ui.h(1)} id="dus-step-title" class="dus-step-title" tabindex="-1">{t(l, "item.title")}</@>
            <label for="dus-search" class="dus-search-label">{t(l, "search.label")}</label>
            <p id="dus-search-hint" class="dus-help">{t(l, "search.hint")}</p>
            <input id="dus-search" class="dus-search" type="search" autocomplete="off" spellcheck="false"
                placeholder={t(l, "search.placeholder")}
                value={state.query.clone()} {oninput} aria-describedby="dus-search-hint dus-search-status" />
            <p id="dus-search-status" class="dus-status" role="status" aria-live="polite">{status}</p>
            {if state.notices.is_empty() && state.hints.is_empty() { html!{} } else { html!{
                <aside class="dus-notices" aria-label={t(l, "search.notices")}>
                    {for state.hints.iter().map(|h| html!{ <p class="dus-caution dus-hint">{h.text(l.code())}</p> })}
                    {for state.notices.iter().map(|n| html!{ <p class="dus-caution">{n.text(dataset(), l.code())}</p> })}
                </aside>
            } }}
            {if state.results.is_empty() { html!{} } else { legal_note(l) }}
            {if state.results.is_empty() { html!{} } else { html!{
                <ol class="dus-results" aria-label={t(l, "results.label")}>{for results}</ol>
            } }}
            {match (&state.checklist, &state.open_code) {
                (Some(code), _) => html!{ <ChecklistView code={code.clone()} answers={state.item_answers.clone()} dispatch={d.clone()} /> },
                (None, Some(code)) => html!{ <EntryView code={code.clone()} picked={state.picked.contains(code)} dispatch={d.clone()} /> },
                (None, None) => html!{},
            }}
            <div class="dus-field dus-description">
                <label for="dus-description">{t(l, "item.description")}</label>
                <textarea id="dus-description" rows="2" value={state.description.clone()}
                    onchange={{
                        let d = d.clone();
                        Callback::from(move |e: Event| d.dispatch(Action::SetDescription(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value().chars().take(2000).collect())))
                    }} />
            </div>
            <Picked state={state.clone()} dispatch={d.clone()} root={props.root.clone()} />
            <Questions state={state.clone()} dispatch={d.clone()} root={props.root.clone()} />
            <div class="dus-actions"><button type="button" class="dus-primary" onclick={to_destination}>{t(l, "item.next")}</button></div>
            <super::record::LoadRecord dispatch={d.clone()} lang={l} />
        </section>
    }
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[function_component(Picked)]
fn picked(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let d = props.dispatch.clone();
    html! {
        <section class="dus-picked" aria-labelledby="dus-picked-title">
            <@{ui.h(2)} id="dus-picked-title">{t(l, "picked.title")}</@>
            {if props.state.picked.is_empty() {
                html!{ <p class="dus-muted">{t(l, "picked.none")}</p> }
            } else { html!{
                <ul>{for props.state.picked.iter().map(|c| {
                    let d = d.clone();
                    let code = c.clone();
                    html!{ <li><span class="dus-code">{c}</span>{" "}
                        <button type="button" aria-label={tf(l, "picked.remove_label", &[("code", c)])}
                            onclick={Callback::from(move |_| d.dispatch(Action::Unpick(code.clone())))}>{t(l, "picked.remove")}</button></li> }
                })}</ul>
            } }}
        </section>
    }
}

fn topic_title(lang: Lang, topic: &str) -> String {
    match topic {
        "item" => t(lang, "topic.item"),
        "cyber" => t(lang, "topic.cyber"),
        "mobile" => t(lang, "topic.mobile"),
        "ip" => t(lang, "topic.ip"),
        "intrusion" => t(lang, "topic.intrusion"),
        "crypto" => t(lang, "topic.crypto"),
        "forensics" => t(lang, "topic.forensics"),
        other => other,
    }
    .to_string()
}

fn unit_label(lang: Lang, unit: &str) -> String {
    match unit {
        "bits" => t(lang, "unit.bits").to_string(),
        other => other.to_string(),
    }
}

#[function_component(Questions)]
fn questions(props: &StepProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: props.state.lang,
        heading: 2,
    });
    let l = ui.lang;
    let code = l.code();
    let ds = dataset();
    let state = &props.state;
    let d = props.dispatch.clone();
    let mut topics: Vec<&str> = Vec::new();
    for q in &ds.questions {
        if !topics.contains(&q.topic.as_str()) {
            topics.push(&q.topic);
        }
    }
    let findings = evaluate(ds, &state.answers);
    let topic_buttons = topics.iter().map(|t| {
        let d = d.clone();
        let topic = t.to_string();
        let current = state.topic.as_deref() == Some(*t);
        html! { <li key={topic.clone()}><button type="button" aria-expanded={current.to_string()}
            aria-controls={current.then_some("dus-question-list")} class={classes!(current.then_some("dus-current"))}
            onclick={Callback::from(move |_| d.dispatch(Action::OpenTopic(if current { None } else { Some(topic.clone()) })))}>{topic_title(l, t)}</button></li> }
    });
    let open_questions = state.topic.as_deref().map(|topic| {
        ds.questions.iter().filter(|q| q.topic == topic && is_relevant(q, &state.answers)).map(|q| {
            let id = q.id.clone();
            let current = state.answers.get(&q.id).cloned();
            let name = format!("dus-q-{}", q.id);
            let help = q.help_in(code);
            let help_id = format!("{name}-help");
            let described = (!help.is_empty()).then(|| help_id.clone());
            let help_html = if help.is_empty() { html!{} } else { html!{ <p id={help_id.clone()} class="dus-help">{help}</p> } };
            let tests = html!{ <p class="dus-tests">{tf(l, "questions.tests", &[("codes", &q.tests.join(", "))])}</p> };
            match q.kind {
                QuestionKind::YesNo => {
                    let radio = |value: Answer, label: &str| {
                        let d = d.clone();
                        let id = id.clone();
                        let checked = current.as_ref() == Some(&value);
                        let v = value.clone();
                        html!{ <label class="dus-radio"><input type="radio" name={name.clone()} {checked}
                            onchange={Callback::from(move |_| d.dispatch(Action::Answer(id.clone(), v.clone())))} />{label}</label> }
                    };
                    html!{
                        <li class="dus-question" key={q.id.clone()}>
                            <fieldset aria-describedby={described}>
                                <legend class="dus-ask">{q.ask_in(code)}</legend>
                                {help_html}
                                <div class="dus-choices">{radio(Answer::Yes, t(l, "answer.yes"))}{radio(Answer::No, t(l, "answer.no"))}{radio(Answer::Unknown, t(l, "answer.unknown"))}</div>
                            </fieldset>
                            {tests}
                        </li>
                    }
                }
                QuestionKind::Number => {
                    let d = d.clone();
                    let id = id.clone();
                    let value = match &current { Some(Answer::Number(n)) => n.to_string(), _ => String::new() };
                    let unit = unit_label(l, &q.unit);
                    html!{
                        <li class="dus-question" key={q.id.clone()}>
                            <label for={name.clone()} class="dus-ask">{q.ask_in(code)}</label>
                            {help_html}
                            <div class="dus-number">
                                <input id={name.clone()} type="number" min="0" inputmode="numeric" aria-describedby={described} {value}
                                    onchange={Callback::from(move |e: Event| {
                                        let v = e.target_unchecked_into::<HtmlInputElement>().value();
                                        let a = v.trim().replace(',', ".").parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0).map(Answer::Number).unwrap_or(Answer::Unknown);
                                        d.dispatch(Action::Answer(id.clone(), a))
                                    })} />
                                {if unit.is_empty() { html!{} } else { html!{ <span class="dus-unit">{unit}</span> } }}
                            </div>
                            {tests}
                        </li>
                    }
                }
                QuestionKind::Choice => {
                    let d = d.clone();
                    let id = id.clone();
                    let selected = match &current { Some(Answer::Choice(c)) => c.clone(), _ => String::new() };
                    html!{
                        <li class="dus-question" key={q.id.clone()}>
                            <label for={name.clone()} class="dus-ask">{q.ask_in(code)}</label>
                            {help_html}
                            <select id={name.clone()} aria-describedby={described} onchange={Callback::from(move |e: Event| {
                                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                                    d.dispatch(Action::Answer(id.clone(), if v.is_empty() { Answer::Unknown } else { Answer::Choice(v) }))
                                })}>
                                <option value="" selected={selected.is_empty()}>{t(l, "answer.unknown")}</option>
                                {for q.choices_in(code).into_iter().map(|(v, label)| html!{ <option value={v.to_string()} selected={selected == v}>{label}</option> })}
                            </select>
                            {tests}
                        </li>
                    }
                }
            }
        }).collect::<Html>()
    });
    let finding_rows = findings.iter().map(|f| {
        let (class, text) = match &f.status {
            ItemStatus::Matched => ("dus-matched", t(l, "finding.matched").to_string()),
            ItemStatus::NotMatched => ("dus-ruled-out", t(l, "finding.not_matched").to_string()),
            ItemStatus::Released(note) => ("dus-released", tf(l, "finding.released", &[("note", note)])),
            ItemStatus::Open(missing) => (
                "dus-open",
                if missing.is_empty() {
                    t(l, "finding.open").to_string()
                } else {
                    tp(l, "finding.open_missing", missing.len() as u64)
                },
            ),
        };
        html! { <li class={class} key={f.code.clone()}><span class="dus-code">{&f.code}</span>{" — "}{text}</li> }
    });
    html! {
        <section class="dus-questions" aria-labelledby="dus-questions-title">
            <@{ui.h(2)} id="dus-questions-title" tabindex="-1">{t(l, "questions.title")}</@>
            <p class="dus-muted">{t(l, "questions.intro")}</p>
            <ul class="dus-topics" aria-label={t(l, "questions.topics")}>{for topic_buttons}</ul>
            {if let Some(q) = open_questions { html!{ <ol id="dus-question-list" class="dus-question-list">{q}</ol> } } else { html!{} }}
            <div class="dus-findings-region" aria-live="polite">
                {if findings.is_empty() { html!{} } else { html!{
                    <section aria-labelledby="dus-findings-title">
                        <@{ui.h(3)} id="dus-findings-title">{t(l, "findings.title")}</@>
                        <ul class="dus-findings">{for finding_rows}</ul>
                    </section>
                } }}
            </div>
        </section>
    }
}
