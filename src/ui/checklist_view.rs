//! "Check my item against 6A003": an entry's or item's own conditions as a checklist
//! (`dualuse_core::checklist`). Each item in the law's words (English), its thresholds picked
//! out, yes / no / don't know for its own words and for each note that may release it. What
//! the answers decide comes from the core (`node_states`, `evaluate`): a decided node folds
//! its items and shows its outcome; only what still matters stays open. Where
//! data/checklist-questions.txt has a plain-language question for a node or a release, it is
//! the question asked (in the user's language, with its help), the law's words still shown;
//! the defined terms of a node's words open their definitions on demand.

use std::collections::BTreeMap;

use dualuse_core::checklist::{
    self, evaluate, is_not_used, node_states, ChecklistNode, Combine, ItemAnswer, ItemAnswers,
    NodeState, Question, Status,
};
use dualuse_core::views::definition_view;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::widgets::{definition, legal_note};
use super::{Dispatch, Ui};
use crate::dataset;
use crate::i18n::{format_decimal, t, tf, Lang};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub code: String,
    pub answers: ItemAnswers,
    pub dispatch: Dispatch,
}

struct Ctx<'a> {
    lang: Lang,
    states: &'a BTreeMap<String, NodeState>,
    answers: &'a ItemAnswers,
    answer: Callback<(String, ItemAnswer)>,
}

/// yes / no / don't know for a node's own words or a release, as keyboard radios; the plain
/// question, where there is one, is the legend and its help follows.
fn ask(ctx: &Ctx, key: &str, legend: String, question: Option<&Question>) -> Html {
    let l = ctx.lang;
    let current = ctx.answers.get(key).copied();
    let name = format!("dus-ck-{key}");
    let radio = |value: ItemAnswer, label: &str| {
        let cb = ctx.answer.clone();
        let k = key.to_string();
        html! { <label class="dus-radio"><input type="radio" name={name.clone()} checked={current == Some(value)}
        onchange={Callback::from(move |_| cb.emit((k.clone(), value)))} />{label}</label> }
    };
    html! {
        <fieldset class="dus-ck-ask" data-key={key.to_string()}>
            <legend>{question.map_or(legend, |q| q.ask.clone())}</legend>
            {help(question)}
            <div class="dus-choices">{radio(ItemAnswer::Yes, t(l, "answer.yes"))}{radio(ItemAnswer::No, t(l, "answer.no"))}{radio(ItemAnswer::Unknown, t(l, "answer.unknown"))}</div>
        </fieldset>
    }
}

fn help(question: Option<&Question>) -> Html {
    match question.and_then(|q| q.help.as_deref()) {
        Some(h) => html! { <p class="dus-ck-help">{h}</p> },
        None => html! {},
    }
}

/// The defined terms a node's words and its releasing notes use, each opening its definition.
fn terms(l: Lang, n: &ChecklistNode) -> Html {
    let ds = dataset();
    let Some(node) = ds.node(&n.code) else {
        return html! {};
    };
    let mut words = n.text.to_lowercase();
    for r in &n.releases {
        words.push_str(&r.text.to_lowercase());
    }
    let used: Vec<Html> = node
        .terms
        .iter()
        .filter(|&&t| {
            let d = &ds.definitions[t as usize];
            std::iter::once(d.bare())
                .chain(d.forms.iter().map(|f| f.trim_matches(['"', '\''])))
                .any(|f| words.contains(&f.to_lowercase()))
        })
        .map(|&t| definition(l, &definition_view(ds, t)))
        .collect();
    if used.is_empty() {
        return html! {};
    }
    html! { <div class="dus-ck-terms"><p class="dus-muted">{t(l, "checklist.terms")}</p>{for used}</div> }
}

fn status_label(l: Lang, st: &NodeState) -> (&'static str, &'static str) {
    match st.status {
        _ if st.released => ("dus-released", t(l, "checklist.status.released")),
        Status::Met => ("dus-matched", t(l, "checklist.status.met")),
        Status::NotMet => ("dus-ruled-out", t(l, "checklist.status.not_met")),
        Status::Open => ("dus-open", t(l, "checklist.status.open")),
    }
}

fn threshold(l: Lang, th: &checklist::Threshold) -> Html {
    let unit = if th.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", th.unit)
    };
    let sign = th.comparator.replace(">=", "≥").replace("<=", "≤");
    let (value, caught) = match (th.comparator, th.upper) {
        ("between" | "outside", Some(upper)) => (
            format!(
                "{} – {}{unit}",
                format_decimal(l, th.value),
                format_decimal(l, upper)
            ),
            t(
                l,
                if th.comparator == "outside" {
                    "checklist.outside"
                } else {
                    "checklist.between"
                },
            ),
        ),
        // No number to show: the words in brackets say the limit.
        (c, _) if th.formula => (
            format!("{sign} {}{unit}", t(l, "checklist.formula")),
            if c.starts_with('>') {
                t(l, "checklist.more")
            } else {
                t(l, "checklist.less")
            },
        ),
        (c, _) => (
            format!("{sign} {}{unit}", format_decimal(l, th.value)),
            if c.starts_with('>') {
                t(l, "checklist.more")
            } else {
                t(l, "checklist.less")
            },
        ),
    };
    html! { <li><strong>{value}</strong>{" — "}{caught}{" "}<span class="dus-muted" lang="en">{format!("(“{}”)", th.text)}</span></li> }
}

fn node(ctx: &Ctx, n: &ChecklistNode) -> Html {
    let l = ctx.lang;
    let Some(st) = ctx.states.get(&n.code) else {
        return html! {};
    };
    let (class, label) = status_label(l, st);
    let items: Vec<&ChecklistNode> = n
        .children
        .iter()
        .filter(|c| !is_not_used(&c.text))
        .collect();
    let decided = st.status != Status::Open;
    html! {
        <li class="dus-ck-node" key={n.code.clone()} data-code={n.code.clone()}>
            <p class="dus-ck-head"><span class="dus-code">{&n.code}</span>{" "}<span class={classes!("dus-ck-status", class)}>{label}</span></p>
            {match (&n.question, st.asks) {
                (Some(q), false) => html!{ <><p class="dus-ck-lead">{&q.ask}</p>{help(Some(q))}</> },
                _ => html!{},
            }}
            {if n.text.trim().is_empty() { html!{} } else { html!{ <p class="dus-ck-text" lang="en">{&n.text}</p> } }}
            {terms(l, n)}
            {if n.thresholds.is_empty() { html!{} } else { html!{
                <ul class="dus-ck-thresholds" aria-label={t(l, "checklist.thresholds")}>{for n.thresholds.iter().map(|th| threshold(l, th))}</ul>
            } }}
            {if n.certain { html!{} } else { html!{ <p class="dus-caution">{t(l, "checklist.uncertain")}</p> } }}
            {if st.asks { ask(ctx, &n.code, tf(l, "checklist.meets", &[("code", &n.code)]), n.question.as_ref()) } else { html!{} }}
            {for n.releases.iter().map(|r| html!{
                <div class="dus-note dus-note-releases">
                    <strong lang="en">{format!("{}:", r.label)}</strong>
                    <div lang="en">{for r.text.lines().filter(|x| !x.trim().is_empty()).map(|x| html!{ <p class="dus-line">{x.trim()}</p> })}</div>
                    {ask(ctx, &r.key, t(l, "checklist.release_ask").to_string(), r.question.as_ref())}
                </div>
            })}
            {if items.is_empty() { html!{} } else { html!{
                <details class="dus-ck-items" open={!decided}>
                    <summary>{tf(l, "checklist.items", &[("code", &n.code), ("outcome", label)])}{" "}
                        {t(l, if n.combine == Combine::All { "checklist.all" } else { "checklist.any" })}</summary>
                    <ol>{for items.iter().map(|c| node(ctx, c))}</ol>
                </details>
            } }}
        </li>
    }
}

/// The outcome of the whole checklist: items met, open (to find out), releases, ruled out.
fn outcome(l: Lang, code: &str, answers: &ItemAnswers) -> Html {
    let Some(ev) = evaluate(dataset(), code, answers) else {
        return html! {};
    };
    let mut lines = Vec::new();
    if !ev.matched_items.is_empty() {
        lines.push((
            "dus-matched",
            tf(
                l,
                "checklist.outcome.met",
                &[("items", &ev.matched_items.join(", "))],
            ),
        ));
    }
    if !ev.open_items.is_empty() {
        lines.push((
            "dus-open",
            tf(
                l,
                "checklist.outcome.open",
                &[("items", &ev.open_items.join(", "))],
            ),
        ));
    }
    if !ev.released_by.is_empty() {
        lines.push((
            "dus-released",
            tf(
                l,
                "checklist.outcome.released",
                &[("notes", &ev.released_by.join("; "))],
            ),
        ));
    }
    if ev.status == Status::NotMet && ev.released_by.is_empty() {
        lines.push((
            "dus-ruled-out",
            tf(l, "checklist.outcome.ruled_out", &[("code", code)]),
        ));
    }
    html! { <ul class="dus-ck-outcome">{for lines.into_iter().map(|(c, s)| html!{ <li class={c}>{s}</li> })}</ul> }
}

#[function_component(ChecklistView)]
pub fn checklist_view(props: &ChecklistProps) -> Html {
    let ui = use_context::<Ui>().unwrap_or(Ui {
        lang: Lang::En,
        heading: 2,
    });
    let l = ui.lang;
    let root = use_node_ref();
    let last = use_mut_ref(|| None::<String>);
    // Opening: focus the title. An answer that folds the branch it was given in: focus moves
    // to the summary of the outermost folded branch, which shows the outcome.
    {
        let root = root.clone();
        let last = last.clone();
        use_effect_with(props.answers.clone(), move |_| {
            let Some(article) = root.cast::<web_sys::Element>() else {
                return;
            };
            let Some(key) = last.borrow_mut().take() else {
                if let Ok(Some(el)) = article.query_selector("#dus-ck-title") {
                    let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
                }
                return;
            };
            let sel = format!("fieldset[data-key=\"{key}\"]");
            let Ok(Some(mut el)) = article.query_selector(&sel) else {
                return;
            };
            let mut folded = None;
            while let Ok(Some(d)) = el.closest("details:not([open])") {
                let up = d.parent_element();
                folded = Some(d);
                match up {
                    Some(p) => el = p,
                    None => break,
                }
            }
            if let Some(Ok(Some(s))) = folded.map(|d| d.query_selector("summary")) {
                let _ = s.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }
    let Some(tree) = checklist::checklist_in(dataset(), &props.code, l.code()) else {
        return html! { <p role="alert">{tf(l, "entry.missing", &[("code", &props.code)])}</p> };
    };
    let states = node_states(dataset(), &tree.code, &props.answers).unwrap_or_default();
    let d = props.dispatch.clone();
    let answer = {
        let d = d.clone();
        let last = last.clone();
        Callback::from(move |(key, a): (String, ItemAnswer)| {
            *last.borrow_mut() = Some(key.clone());
            d.dispatch(Action::AnswerItem(key, a))
        })
    };
    let ctx = Ctx {
        lang: l,
        states: &states,
        answers: &props.answers,
        answer,
    };
    let reset = {
        let d = d.clone();
        let c = tree.code.clone();
        Callback::from(move |_| d.dispatch(Action::ResetChecklist(c.clone())))
    };
    let back = Callback::from(move |_| d.dispatch(Action::CloseChecklist));
    html! {
        <article id="dus-checklist" class="dus-entry dus-checklist" aria-labelledby="dus-ck-title" ref={root}>
            <@{ui.h(2)} id="dus-ck-title" class="dus-entry-title" tabindex="-1">{tf(l, "checklist.title", &[("code", &tree.code)])}</@>
            <p class="dus-muted">{t(l, "checklist.intro")}</p>
            {legal_note(l)}
            <section class="dus-ck-result" aria-live="polite" aria-labelledby="dus-ck-outcome">
                <@{ui.h(3)} id="dus-ck-outcome">{t(l, "checklist.outcome")}</@>
                {outcome(l, &tree.code, &props.answers)}
            </section>
            <ol class="dus-ck-tree">{node(&ctx, &tree)}</ol>
            <div class="dus-actions">
                <button type="button" onclick={reset}>{t(l, "checklist.reset")}</button>
                <button type="button" onclick={back}>{t(l, "checklist.back")}</button>
            </div>
        </article>
    }
}
