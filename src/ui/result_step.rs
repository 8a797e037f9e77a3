//! Step 3: the verdict, then what to do next (the authorisation, the authority with its
//! website, a general authorisation's conditions in full, the questions still open with a
//! jump to each), its grounds with their legal citations (each said once), what was checked,
//! due diligence, the handbook: all in the UI language. The grounds,
//! what was checked and the due-diligence steps are the core's messages
//! (`dualuse_core::messages`, core/i18n/); the legal text and the citations inside them stay
//! English and are marked `lang="en"`.

use dualuse_core::assess::{Assessment, Verdict, DUE_DILIGENCE, DUE_DILIGENCE_IDS};
use dualuse_core::destinations::UGEA_DUTIES;
use dualuse_core::messages::{self, Msg, Piece};
use dualuse_core::model::{Circumstance, Ugea};
use yew::prelude::*;

use super::item_step::StepProps;
use super::widgets::{country_name, legal_note, unverified_mark};
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

/// A ground with its rule said once (`messages::ground_text`): the rule in bold in front, or,
/// when the text begins with the citation, that citation in bold. Citations stay English
/// (`lang="en"`); `open` and `released` are labels in the UI language.
fn ground(lang: Lang, rule: &str, msg: &Msg) -> Html {
    let g = messages::ground_text(crate::dataset(), lang.code(), rule, msg);
    let label = match g.rule.as_deref() {
        None => html! {},
        Some(r) if rule == "open" || rule == "released" => {
            html! { <><strong>{r.to_string()}</strong>{": "}</> }
        }
        Some(r) => html! { <><strong lang="en">{r.to_string()}</strong>{": "}</> },
    };
    html! {
        <li>{label}{for g.pieces.into_iter().enumerate().map(|(i, p)| match p {
            Piece::Legal(s) if i == 0 && g.lead => html!{ <strong lang="en">{s}</strong> },
            Piece::Legal(s) => html!{ <span lang="en">{s}</span> },
            Piece::Text(s) => html!{ {s} },
        })}</li>
    }
}

/// What the verdict means the exporter does, in one sentence.
fn next_text(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Prohibited => t(lang, "next.prohibited"),
        Verdict::AuthorisationRequired => t(lang, "next.authorisation_required"),
        Verdict::NotifyAuthority => t(lang, "next.notify_authority"),
        Verdict::GeneralAuthorisationAvailable => t(lang, "next.general_authorisation_available"),
        Verdict::NoAuthorisationIndicated => t(lang, "next.no_authorisation_indicated"),
    }
}

/// A duty of data/ugea.txt `duties:` in the UI language.
fn duty_text(lang: Lang, duty: &str, ugea: &str) -> String {
    match duty {
        "icp" => t(lang, "ugea.duty.icp").to_string(),
        "register" => t(lang, "ugea.duty.register").to_string(),
        "register-if-required" => t(lang, "ugea.duty.register_if_required").to_string(),
        "notify-30-days-before" => t(lang, "ugea.duty.notify_30_before").to_string(),
        "notify-10-days-before" => t(lang, "ugea.duty.notify_10_before").to_string(),
        "notify-within-30-days-after" => t(lang, "ugea.duty.notify_30_after").to_string(),
        "customs-declaration" => tf(lang, "ugea.duty.customs", &[("ugea", ugea)]),
        "initial-authorisation-reference" => t(lang, "ugea.duty.initial_reference").to_string(),
        "report-national" => t(lang, "ugea.duty.report_national").to_string(),
        "report-yearly" => t(lang, "ugea.duty.report_yearly").to_string(),
        "report-on-request" => t(lang, "ugea.duty.report_on_request").to_string(),
        "technical-data-on-request" => t(lang, "ugea.duty.technical_data").to_string(),
        other => other.to_string(),
    }
}

/// A bar of data/ugea.txt `bars:` (what the exporter must not know of) in the UI language.
fn bar_text(lang: Lang, bar: &str) -> String {
    match bar {
        "wmd" => t(lang, "ugea.bar.wmd"),
        "military-embargo" => t(lang, "ugea.bar.military_embargo"),
        "illegal-military-parts" => t(lang, "ugea.bar.illegal_military_parts"),
        "human-rights" => t(lang, "ugea.bar.human_rights"),
        "government-security" => t(lang, "ugea.bar.government_security"),
        "re-export" => t(lang, "ugea.bar.re_export"),
        other => other,
    }
    .to_string()
}

/// Country names in the UI language, joined.
fn countries(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            crate::dataset()
                .country(c)
                .map(|x| country_name(lang, x).to_string())
                .unwrap_or_else(|| c.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Union general export authorisation that covers the export: what using it requires, its
/// conditions (items, destinations, what bars it) and the Annex II text itself (English).
fn ugea_conditions(lang: Lang, u: &Ugea, h3: &str) -> Html {
    let l = lang;
    let id = format!("dus-ugea-{}", u.code);
    let circumstance = match u.circumstance {
        Circumstance::Any => None,
        Circumstance::RepairReplacement => Some(t(l, "ugea.circ.repair")),
        Circumstance::Exhibition => Some(t(l, "ugea.circ.exhibition")),
        Circumstance::IntraGroup => Some(t(l, "ugea.circ.intra_group")),
    };
    let mut duties: Vec<&String> = u.duties.iter().collect();
    duties.sort_by_key(|d| UGEA_DUTIES.iter().position(|x| x == d));
    html! {
        <section class="dus-ugea" data-ugea={u.code.clone()} aria-labelledby={id.clone()}>
            <@{h3.to_string()} id={id.clone()}>{tf(l, "next.ugea_title", &[("ugea", &u.code)])}</@>
            <p class="dus-ugea-heading" lang="en">{u.heading.clone()}</p>
            {unverified_mark(l, u.verified)}
            {if let Some(c) = circumstance { html!{ <p class="dus-ugea-circumstance">{c}</p> } } else { html!{} }}
            <p>{t(l, "next.ugea_duties")}</p>
            <ol class="dus-ugea-duties">{for duties.iter().map(|d| html!{ <li data-duty={d.to_string()}>{duty_text(l, d, &u.code)}</li> })}</ol>
            {if u.bars.is_empty() { html!{} } else { html!{ <>
                <p>{t(l, "next.ugea_bars")}</p>
                <ul class="dus-ugea-bars">{for u.bars.iter().map(|b| html!{ <li>{bar_text(l, b)}</li> })}</ul>
            </> } }}
            <p class="dus-ugea-items">{if u.all_items { t(l, "ugea.items_all") } else { t(l, "ugea.items_only") }}</p>
            <ul>
                {if u.all_items { html!{} } else { html!{ <li class="dus-codes">{u.items.join(", ")}</li> } }}
                {if u.excludes_section_i { html!{ <li>{t(l, "ugea.except_section_i")}</li> } } else { html!{} }}
                {if u.excluded_items.is_empty() { html!{} } else { html!{ <li class="dus-codes">{tf(l, "ugea.except_codes", &[("codes", &u.excluded_items.join(", "))])}</li> } }}
            </ul>
            <p class="dus-ugea-destinations">{if u.all_destinations {
                tf(l, "ugea.destinations_all", &[("countries", &countries(l, &u.excluded_destinations))])
            } else {
                tf(l, "ugea.destinations", &[("countries", &countries(l, &u.destinations))])
            }}{if u.excludes_embargoed { format!(" {}", t(l, "ugea.excludes_embargoed")) } else { String::new() }}</p>
            <p class="dus-muted">{t(l, "next.ugea_more")}</p>
            <details class="dus-annex-ii" lang="en">
                <summary lang={l.code()}>{tf(l, "next.ugea_text", &[("ugea", &u.code)])}</summary>
                <p class="dus-cite">{u.annex_part.clone()}</p>
                {for u.conditions.iter().filter(|c| !c.text.trim().is_empty()).map(|c| html!{ <p>{c.text.clone()}</p> })}
            </details>
        </section>
    }
}

/// "What to do next", right under the verdict: which authorisation, from which authority
/// (with its website), a general authorisation's conditions in full, and the questions still
/// open, each with a way to jump to it.
fn next_steps(ui: &Ui, a: &Assessment, props: &StepProps) -> Html {
    let l = ui.lang;
    let ds = crate::dataset();
    let questions = a.open_questions();
    let open_entries = a.entries.iter().any(|e| e.open);
    let ugeas: Vec<&Ugea> = a
        .general_authorisations
        .iter()
        .filter_map(|c| ds.ugeas.iter().find(|u| &u.code == c))
        .collect();
    let from = props.state.from.clone();
    let authority = match &a.authority {
        Some(x) => html! {
            <p class="dus-authority">
                <strong>{t(l, "next.authority")}</strong>
                {ds.country(&x.member_state).map(|c| format!(" ({})", country_name(l, c))).unwrap_or_default()}{": "}
                <span class="dus-authority-name">{x.name.clone()}</span>{unverified_mark(l, x.verified)}
                <br />{t(l, "next.website")}{" "}{super::links::authority_web(&x.web, t(l, "entry.official_note"))}
            </p>
        },
        None if from.is_empty() => {
            html! { <p class="dus-authority">{t(l, "result.authority_none")}</p> }
        }
        None => html! {},
    };
    let jump = |id: &str| {
        let d = props.dispatch.clone();
        let id = id.to_string();
        Callback::from(move |_| d.dispatch(Action::JumpToQuestion(id.clone())))
    };
    html! {
        <section class="dus-next" aria-labelledby="dus-r-next">
            <@{ui.h(2)} id="dus-r-next">{t(l, "next.title")}</@>
            <p class="dus-next-what">{next_text(l, a.verdict)}</p>
            {if open_entries || !questions.is_empty() { html!{ <p>{t(l, "next.settle_first")}</p> } } else { html!{} }}
            {authority}
            {for ugeas.iter().map(|u| ugea_conditions(l, u, &ui.h(3)))}
            {if questions.is_empty() { html!{} } else { html!{
                <section class="dus-open-questions" aria-labelledby="dus-r-questions">
                    <@{ui.h(3)} id="dus-r-questions">{t(l, "next.questions")}</@>
                    <ul>{for questions.iter().filter_map(|id| ds.questions.iter().find(|q| &q.id == id)).map(|q| html!{
                        <li data-question={q.id.clone()}>
                            <span class="dus-open-question">{q.ask_in(l.code()).to_string()}</span>{" "}
                            <button type="button" class="dus-jump" onclick={jump(&q.id)}
                                aria-label={tf(l, "next.question_go_label", &[("question", q.ask_in(l.code()))])}>{t(l, "next.question_go")}</button>
                        </li>
                    })}</ul>
                </section>
            } }}
        </section>
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
                    {next_steps(&ui, a, props)}
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
                        <ul class="dus-grounds">{for a.grounds.iter().map(|g| ground(l, &g.rule, &g.msg))}</ul></section>
                    {if a.due_diligence.is_empty() { html!{} } else { html!{
                        <section aria-labelledby="dus-r-dd"><@{h2.clone()} id="dus-r-dd">{t(l, "result.due_diligence")}</@>
                            <ol class="dus-dd">{for a.due_diligence.iter().enumerate().map(|(i, s)| due_diligence_step(l, i, s, props.state.ticks.contains(&(i as u8)), &d))}</ol></section>
                    } }}
                    <section aria-labelledby="dus-r-checked"><@{h2.clone()} id="dus-r-checked">{t(l, "result.checked")}</@>
                        <ul>{for a.checked_msgs.iter().map(|m| html!{ <li>{message(l, m)}</li> })}</ul></section>
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
