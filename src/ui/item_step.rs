//! Step 1: find the item. Live search, the entry reader, the entries picked, and the guided
//! questions that match or rule out entries parameter by parameter.

use dualuse_core::questions::{evaluate, is_relevant, Answer, ItemStatus, QuestionKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::entry_view::EntryView;
use super::widgets::{highlighted, unverified_mark};
use super::Dispatch;
use crate::dataset;
use crate::state::{Action, State, Step};

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub state: State,
    pub dispatch: Dispatch,
}

#[function_component(ItemStep)]
pub fn item_step(props: &StepProps) -> Html {
    let state = &props.state;
    let d = props.dispatch.clone();
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
        html! {
            <li class="dus-result">
                <button type="button" class="dus-result-open" onclick={open}>
                    <span class="dus-code">{&hit.code}</span>{" "}
                    <span class="dus-result-heading">{truncate(&hit.entry_heading, 110)}</span>
                </button>
                {unverified_mark(hit.verified)}
                {if let Some((code, text)) = &hit.context {
                    html!{ <p class="dus-context">{format!("{code}: {}", truncate(text, 120))}</p> }
                } else { html!{} }}
                {if hit.context.is_some() || hit.snippet != hit.entry_heading {
                    html!{ <p class="dus-snippet">{highlighted(&hit.snippet, &hit.highlights)}</p> }
                } else { html!{} }}
                <p class="dus-why">{format!("Matched by: {}", hit.why.join(", "))}</p>
                {if let Some(c) = &hit.caution { html!{ <p class="dus-caution">{format!("Careful: {c}")}</p> } } else { html!{} }}
            </li>
        }
    });
    let status = if state.query.trim().is_empty() {
        String::new()
    } else if state.results.is_empty() {
        "No entry matches. Try other words, a trade name or a code such as 5A002.".into()
    } else {
        format!("{} entries may apply, best first.", state.results.len())
    };
    let to_destination = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Go(Step::Destination)))
    };
    html! {
        <section class="dus-item-step">
            <label for="dus-search" class="dus-search-label">{"Describe the item or type an Annex I code"}</label>
            <input id="dus-search" class="dus-search" type="search" autocomplete="off" spellcheck="false"
                placeholder="e.g. IMSI catcher, VPN with AES-256, 5-axis milling machine, 5A002"
                value={state.query.clone()} {oninput} aria-describedby="dus-search-status" />
            <p id="dus-search-status" class="dus-status" role="status" aria-live="polite">{status}</p>
            <ol class="dus-results" aria-label="Search results">{for results}</ol>
            {if let Some(code) = &state.open_code {
                html!{ <EntryView code={code.clone()} picked={state.picked.contains(code)} dispatch={d.clone()} /> }
            } else { html!{} }}
            <Picked state={state.clone()} dispatch={d.clone()} />
            <Questions state={state.clone()} dispatch={d.clone()} />
            <div class="dus-actions"><button type="button" class="dus-primary" onclick={to_destination}>{"Next: destination and use"}</button></div>
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
    let d = props.dispatch.clone();
    html! {
        <section class="dus-picked" aria-labelledby="dus-picked-title">
            <h3 id="dus-picked-title">{"My item falls under"}</h3>
            {if props.state.picked.is_empty() {
                html!{ <p class="dus-muted">{"No entry chosen yet. Open a search result and choose it, or answer the questions below."}</p> }
            } else { html!{
                <ul>{for props.state.picked.iter().map(|c| {
                    let d = d.clone();
                    let code = c.clone();
                    html!{ <li><span class="dus-code">{c}</span>{" "}
                        <button type="button" aria-label={format!("Remove {c}")} onclick={Callback::from(move |_| d.dispatch(Action::Unpick(code.clone())))}>{"Remove"}</button></li> }
                })}</ul>
            } }}
        </section>
    }
}

fn topic_title(topic: &str) -> String {
    match topic {
        "cyber" => "Cyber-surveillance: is it a surveillance item (Art. 2(20))?".into(),
        "mobile" => "Mobile interception and jamming (5A001.f)".into(),
        "ip" => "IP network surveillance (5A001.j) and monitoring software (5D001.e)".into(),
        "intrusion" => "Intrusion software (4A005, 4D004, 4E001)".into(),
        "crypto" => "Encryption and information security (5A002, 5A003, 5D002, 5E002)".into(),
        "forensics" => "Cryptanalysis and forensics (5A004)".into(),
        other => other.to_string(),
    }
}

#[function_component(Questions)]
fn questions(props: &StepProps) -> Html {
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
        html! { <li><button type="button" aria-expanded={current.to_string()} class={classes!(current.then_some("dus-current"))}
            onclick={Callback::from(move |_| d.dispatch(Action::OpenTopic(if current { None } else { Some(topic.clone()) })))}>{topic_title(t)}</button></li> }
    });
    let open_questions = state.topic.as_deref().map(|topic| {
        ds.questions.iter().filter(|q| q.topic == topic && is_relevant(q, &state.answers)).map(|q| {
            let id = q.id.clone();
            let current = state.answers.get(&q.id).cloned();
            let name = format!("dus-q-{}", q.id);
            let control = match q.kind {
                QuestionKind::YesNo => {
                    let radio = |value: Answer, label: &str| {
                        let d = d.clone();
                        let id = id.clone();
                        let checked = current.as_ref() == Some(&value);
                        let v = value.clone();
                        html!{ <label class="dus-radio"><input type="radio" name={name.clone()} {checked}
                            onchange={Callback::from(move |_| d.dispatch(Action::Answer(id.clone(), v.clone())))} />{label}</label> }
                    };
                    html!{ <div role="radiogroup" aria-labelledby={format!("{name}-ask")}>{radio(Answer::Yes, "Yes")}{radio(Answer::No, "No")}{radio(Answer::Unknown, "Don't know")}</div> }
                }
                QuestionKind::Number => {
                    let d = d.clone();
                    let id = id.clone();
                    let value = match &current { Some(Answer::Number(n)) => n.to_string(), _ => String::new() };
                    html!{ <label class="dus-number">
                        <input type="number" min="0" inputmode="numeric" aria-labelledby={format!("{name}-ask")} {value}
                            onchange={Callback::from(move |e: Event| {
                                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                                let a = v.trim().parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0).map(Answer::Number).unwrap_or(Answer::Unknown);
                                d.dispatch(Action::Answer(id.clone(), a))
                            })} />{format!(" {}", q.unit)}</label> }
                }
                QuestionKind::Choice => {
                    let d = d.clone();
                    let id = id.clone();
                    let selected = match &current { Some(Answer::Choice(c)) => c.clone(), _ => String::new() };
                    html!{ <select aria-labelledby={format!("{name}-ask")} onchange={Callback::from(move |e: Event| {
                            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                            d.dispatch(Action::Answer(id.clone(), if v.is_empty() { Answer::Unknown } else { Answer::Choice(v) }))
                        })}>
                        <option value="" selected={selected.is_empty()}>{"Don't know"}</option>
                        {for q.choices.iter().map(|(v, l)| html!{ <option value={v.clone()} selected={&selected == v}>{l}</option> })}
                    </select> }
                }
            };
            html! {
                <li class="dus-question">
                    <p id={format!("{name}-ask")} class="dus-ask">{&q.ask}</p>
                    {if q.help.is_empty() { html!{} } else { html!{ <p class="dus-help">{&q.help}</p> } }}
                    {control}
                    <p class="dus-tests">{format!("Tests: {}", q.tests.join(", "))}</p>
                </li>
            }
        }).collect::<Html>()
    });
    let finding_rows = findings.iter().map(|f| {
        let (class, text) = match &f.status {
            ItemStatus::Matched => (
                "dus-matched",
                "matched: your item is described by this entry".to_string(),
            ),
            ItemStatus::NotMatched => ("dus-ruled-out", "not matched".to_string()),
            ItemStatus::Released(note) => ("dus-released", format!("released by {note}")),
            ItemStatus::Open(missing) => (
                "dus-open",
                if missing.is_empty() {
                    "open".into()
                } else {
                    format!("open: still to find out ({})", missing.len())
                },
            ),
        };
        html! { <li class={class}><span class="dus-code">{&f.code}</span>{" — "}{text}</li> }
    });
    html! {
        <section class="dus-questions" aria-labelledby="dus-questions-title">
            <h3 id="dus-questions-title">{"Guided questions"}</h3>
            <p class="dus-muted">{"Answer what you know; \"Don't know\" keeps an entry open, it never rules it out."}</p>
            <ul class="dus-topics">{for topic_buttons}</ul>
            {if let Some(q) = open_questions { html!{ <ol class="dus-question-list">{q}</ol> } } else { html!{} }}
            {if findings.is_empty() { html!{} } else { html!{
                <section aria-live="polite"><h4>{"What your answers say"}</h4><ul class="dus-findings">{for finding_rows}</ul></section>
            } }}
        </section>
    }
}
