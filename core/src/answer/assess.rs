//! The screening verdict: from the item's classification, the destination and what the
//! exporter knows or was told, to the rule that applies, with its legal grounds.
//!
//! Precedence (the first that applies wins): prohibited, authorisation_required,
//! notify_authority, general_authorisation_available, no_authorisation_indicated.
//!
//! `assess` runs the stages below in order; each returns a `Decision` (the verdict it calls
//! for, its grounds, what it checked) and the strictest verdict wins. To change a rule, change
//! its stage:
//!
//! 1. `check_input`: countries and codes known, answers that fit their questions.
//! 2. `listed_items` (Art. 3(1), Annex I): codes chosen, `guided_findings`,
//!    `checklist_walks`, `search_candidates`.
//! 3. Inside the Union, `intra_union_transfer` (Art. 11(1), Annex IV) instead of 4 to 6.
//! 4. `sanctions`: per rule, `sanction_ban` (prohibited) or `sanction_authorisation`.
//! 5. `listed_items_leaving_the_union` (Art. 3(1), Art. 12(1)(d), Annex II): the UGEAs
//!    and their bars, with `listed_concern_grounds` (Art. 15(1)).
//! 6. Not listed: `catch_all_art4`, `catch_all_art5`.
//! 7. `nothing_required`, `due_diligence` (Recommendation (EU) 2024/2659),
//!    `competent_authority`.

use std::collections::BTreeMap;

use crate::assess_input as input;
use crate::codes::{is_within, normalize_code, top_level};
use crate::messages::{Arg, Msg};
use crate::model::listed;
use crate::model::{Circumstance, Dataset, SanctionEffect, SanctionRule, SanctionScope, Ugea};
use crate::questions::{evaluate, Answers, ItemFinding, ItemStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Prohibited,
    AuthorisationRequired,
    NotifyAuthority,
    GeneralAuthorisationAvailable,
    NoAuthorisationIndicated,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Prohibited => "prohibited",
            Verdict::AuthorisationRequired => "authorisation_required",
            Verdict::NotifyAuthority => "notify_authority",
            Verdict::GeneralAuthorisationAvailable => "general_authorisation_available",
            Verdict::NoAuthorisationIndicated => "no_authorisation_indicated",
        }
    }
}

/// What the exporter knows of (or was told of) the intended use. Serialised as it stands in
/// session records (camelCase).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Concerns {
    pub wmd: bool,
    pub military_end_use: bool,
    pub illegal_military_parts: bool,
    pub human_rights: bool,
}

/// The exporter's answer to "does your item fall under X?" for an entry the search showed
/// (a candidate): serialised as it stands in session records and the JS API.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    Yes,
    No,
    /// "Don't know".
    Unknown,
    /// Not answered.
    #[default]
    Open,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::Yes => "yes",
            Resolution::No => "no",
            Resolution::Unknown => "unknown",
            Resolution::Open => "open",
        }
    }

    pub fn parse(s: &str) -> Option<Resolution> {
        match s {
            "yes" => Some(Resolution::Yes),
            "no" => Some(Resolution::No),
            "unknown" | "dont_know" => Some(Resolution::Unknown),
            "open" => Some(Resolution::Open),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportForm {
    #[default]
    Goods,
    /// Software or technology sent electronically or made available online.
    Electronic,
    /// A demonstration or exhibition abroad (temporary export).
    Exhibition,
}

/// What `assess` takes. Read from the JS API's object (camelCase, every field optional)
/// through serde: the readers of each field, and their error messages, are in
/// assess_input.rs.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AssessInput {
    #[serde(deserialize_with = "input::codes")]
    pub entries: Vec<String>,
    #[serde(deserialize_with = "input::flag")]
    pub cyber_surveillance: bool,
    #[serde(deserialize_with = "input::text")]
    pub from: String,
    #[serde(deserialize_with = "input::text")]
    pub to: String,
    #[serde(deserialize_with = "input::flag")]
    pub informed_by_authority: bool,
    #[serde(deserialize_with = "input::concerns")]
    pub concerns: Concerns,
    /// Non-listed equipment primarily for monitoring or intercepting internet or telephone
    /// communications (the sanctions regimes' list). `None`: not asked.
    #[serde(deserialize_with = "input::optional_flag")]
    pub telecom_monitoring: Option<bool>,
    #[serde(deserialize_with = "input::circumstance")]
    pub circumstance: Option<Circumstance>,
    #[serde(deserialize_with = "input::export_form")]
    pub export_form: ExportForm,
    /// Answers to the guided questions; their findings add to `entries`.
    #[serde(deserialize_with = "input::answers")]
    pub answers: Answers,
    /// Entries the search showed the exporter (see `search::shown_candidates`), with what the
    /// exporter said about each. One neither answered "no" nor settled otherwise (by an entry
    /// chosen, an item of it, or the guided questions) stays open and counts as listed.
    #[serde(deserialize_with = "input::candidates")]
    pub candidates: BTreeMap<String, Resolution>,
    /// Answers to the checklist of an entry (`checklist::checklist`): whether the item meets
    /// each node's own words, or a release applies, by code or release key. An entry whose
    /// items the answers meet is listed at those items; one they leave open counts as listed.
    #[serde(deserialize_with = "input::item_answers")]
    pub item_answers: crate::checklist::ItemAnswers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ground {
    /// The citation the ground rests on ("Art. 3(1)"), or `open` / `released`.
    pub rule: String,
    /// The ground in English (the JS API's `text`).
    pub text: String,
    /// The same as a message, for rendering in the user's language.
    pub msg: Msg,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssessedEntry {
    pub code: String,
    pub heading: String,
    pub annex_iv: bool,
    pub section_i: bool,
    pub cyber_surveillance: bool,
    /// Still open after the questions: treated as listed until resolved.
    pub open: bool,
    pub verified: bool,
    /// What the checklist answers say about the entry this code belongs to, when the input
    /// has `item_answers` for it.
    pub items: Option<EntryItems>,
}

/// The checklist's outcome for one Annex I entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryItems {
    /// The most specific items the answers meet ("6A003.b.4.b").
    pub matched: Vec<String>,
    /// The items still possible: to find out before relying on the result.
    pub open: Vec<String>,
    /// The releases answered "yes" ("Note 3 to 6A003.b.4").
    pub released_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthorityRef {
    pub member_state: String,
    pub name: String,
    pub web: String,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub verdict: Verdict,
    pub grounds: Vec<Ground>,
    pub general_authorisations: Vec<String>,
    pub entries: Vec<AssessedEntry>,
    pub due_diligence: Vec<String>,
    pub authority: Option<AuthorityRef>,
    /// What the assessment looked at, for the record, in English (the JS API's `checked`).
    pub checked: Vec<String>,
    /// The same as messages, one per line of `checked`, for the user's language.
    pub checked_msgs: Vec<Msg>,
    pub dataset_version: String,
}

impl Assessment {
    /// The guided questions the result still asks the user to answer (those its grounds
    /// name: an entry or the cyber-surveillance definition not settled), in order, once each.
    pub fn open_questions(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for g in &self.grounds {
            for id in g.msg.question_ids() {
                if !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }
}

/// The listed cyber-surveillance items named in the annex of Recommendation (EU) 2024/2659.
pub const CYBER_SURVEILLANCE_ENTRIES: &[&str] = &[
    "5A001.f",
    "5A001.j",
    "5D001.e",
    "4A005",
    "4D004",
    "4E001.a",
    "4E001.c",
    "5A004.b",
    "5D002.a.3.b",
    "5D002.c.3.b",
];

/// The message ids of the due-diligence steps, in the order of `DUE_DILIGENCE`.
pub const DUE_DILIGENCE_IDS: &[&str] = &[
    "dd.step1",
    "dd.step2",
    "dd.step3",
    "dd.step4",
    "dd.red_flags",
];

/// The due-diligence steps of Recommendation (EU) 2024/2659 for cyber-surveillance items.
pub const DUE_DILIGENCE: &[&str] = &[
    "Step 1 (Recommendation (EU) 2024/2659): check whether the item is a cyber-surveillance item in the sense of Art. 2(20): specially designed to enable covert surveillance of natural persons by monitoring, extracting, collecting or analysing data from information and telecommunication systems.",
    "Step 2: review the item's capabilities and how a foreign end-user could misuse them for internal repression or serious violations of human rights or international humanitarian law.",
    "Step 3: review the stakeholders: end-user, consignee, distributors and resellers, their record and the human-rights situation in the destination.",
    "Step 4: use the findings to prevent or mitigate the risk (end-use statements, contractual clauses, refusing the deal) and notify your competent authority under Art. 5(2) when you become aware of such a use.",
    "Red flags: marketing that stresses covert capabilities; an end-user with a record of repression; evasive answers about the end-use or the end-user; unusual routing or payment.",
];

pub const INDICATIVE: &str = "Indicative pre-screening only. Classifying the item is the exporter's duty; whether an authorisation is required or granted, and every decision under Art. 4 and 5, is for the competent authority of the Member State where the exporter is established.";

/// Bad input, named: "unknown Annex I code `5A999`".
#[derive(Debug, Clone, PartialEq)]
pub struct InputError(pub String);

fn is_cyber_entry(code: &str) -> bool {
    CYBER_SURVEILLANCE_ENTRIES
        .iter()
        .any(|c| is_within(code, c) || is_within(c, code))
}

fn plain(s: impl Into<String>) -> Arg {
    Arg::Plain(s.into())
}

fn phrase(id: &'static str) -> Arg {
    Arg::Msg(Msg::new(id))
}

/// Codes joined by ", ".
fn codes_arg<S: AsRef<str>>(codes: &[S]) -> Arg {
    Arg::List(codes.iter().map(|c| plain(c.as_ref())).collect(), ", ")
}

/// Check a code: it must be a well-formed Annex I code whose entry is in the data.
pub fn resolve_code(ds: &Dataset, raw: &str) -> Result<String, InputError> {
    let code = normalize_code(raw).ok_or_else(|| {
        InputError(format!(
            "`{raw}` is not an Annex I code (expected e.g. 5A001.f)"
        ))
    })?;
    if ds.node(top_level(&code)).is_none() {
        return Err(InputError(format!("unknown Annex I code `{raw}`")));
    }
    // A sub-item below the text we hold (heading-only entries) is accepted as listed.
    let mut c = code.as_str();
    while ds.node(c).is_none() {
        let parent = crate::codes::parent_code(c).unwrap_or(c);
        if ds.node(parent).is_some_and(|n| !n.children.is_empty()) {
            return Err(InputError(format!(
                "unknown Annex I code `{raw}`: {parent} has no item `{}`",
                &code[parent.len() + 1..]
            )));
        }
        c = parent;
    }
    Ok(code)
}

fn check_country(ds: &Dataset, raw: &str, field: &str) -> Result<String, InputError> {
    let code = raw.trim().to_ascii_uppercase();
    if ds.country(&code).is_none() {
        return Err(InputError(format!(
            "unknown country `{raw}` in `{field}` (expected an ISO 3166-1 alpha-2 code such as DE)"
        )));
    }
    Ok(code)
}

/// The screening verdict, stage by stage, in the order of precedence of the verdicts
/// (DESIGN.md, `verdict`): each stage returns what it decides, and the strictest verdict any
/// stage calls for wins. The grounds and the record of what was checked follow the stages'
/// order.
pub fn assess(ds: &Dataset, input: &AssessInput) -> Result<Assessment, InputError> {
    let trip = check_input(ds, input)?;
    let findings = evaluate(ds, &input.answers);
    let items = listed_items(ds, input, &trip.codes, &findings);
    let situation = Situation::new(ds, input, &trip, &items);
    let mut decision = items.decision;
    decision.then(the_export(input, &situation, &items.entries));
    let mut ugeas = Vec::new();
    if situation.intra_eu {
        decision.then(intra_union_transfer(ds, &items.entries));
    } else {
        decision.then(sanctions(ds, input, &situation));
        if situation.listed_item {
            let (listed, usable) =
                listed_items_leaving_the_union(ds, input, &situation, &items.entries);
            decision.then(listed);
            ugeas = usable;
        } else {
            decision.then(catch_all_art4(input, &situation));
            decision.then(catch_all_art5(input, &situation));
        }
        decision.then(arms_embargo_record(&situation));
    }
    let verdict = decision
        .verdict
        .unwrap_or(Verdict::NoAuthorisationIndicated);
    decision.then(nothing_required(verdict, &items.entries));
    Ok(Assessment {
        verdict,
        grounds: decision
            .grounds
            .into_iter()
            .map(|(rule, msg)| Ground {
                rule,
                text: msg.en(ds),
                msg,
            })
            .collect(),
        general_authorisations: ugeas,
        entries: items.entries,
        due_diligence: due_diligence(situation.cyber),
        authority: competent_authority(ds, trip.from.as_deref()),
        checked: decision.checked.iter().map(|m| m.en(ds)).collect(),
        checked_msgs: decision.checked,
        dataset_version: format!(
            "{}, {} (consolidated {})",
            ds.info.regulation, ds.info.annex_version, ds.info.consolidated_as_of
        ),
    })
}

/// What one stage decides: the verdict it calls for, if any, the grounds it gives (rule and
/// message, in order) and what it looked at, for the record.
#[derive(Debug, Default)]
struct Decision {
    verdict: Option<Verdict>,
    grounds: Vec<(String, Msg)>,
    checked: Vec<Msg>,
}

impl Decision {
    /// Call for `v`: the strictest verdict called for wins (`Verdict` is ordered so).
    fn raise(&mut self, v: Verdict) {
        self.verdict = Some(self.verdict.map_or(v, |w| w.min(v)));
    }

    fn ground(&mut self, rule: impl Into<String>, msg: Msg) {
        self.grounds.push((rule.into(), msg));
    }

    fn check(&mut self, msg: Msg) {
        self.checked.push(msg);
    }

    /// A later stage's decision: its verdict counts, its grounds and checks come after ours.
    fn then(&mut self, later: Decision) {
        if let Some(v) = later.verdict {
            self.raise(v);
        }
        self.grounds.extend(later.grounds);
        self.checked.extend(later.checked);
    }
}

/// The input as the stages rely on it.
#[derive(Debug)]
struct Trip {
    /// The exporter's Member State, when given: its competent authority decides.
    from: Option<String>,
    /// The destination: what is allowed depends on it.
    to: String,
    /// The Annex I codes chosen, normalised.
    codes: Vec<String>,
}

/// Stage 1, the input: countries known (`from` an EU Member State, `to` required), every
/// code an Annex I code of the data, every answer one its question takes. Bad input is an
/// error that names it, never a verdict.
fn check_input(ds: &Dataset, input: &AssessInput) -> Result<Trip, InputError> {
    let from = if input.from.trim().is_empty() {
        None
    } else {
        Some(check_country(ds, &input.from, "from")?)
    };
    if let Some(f) = &from {
        if !ds.country(f).is_some_and(|c| c.eu) {
            return Err(InputError(format!(
                "`from` must be an EU Member State, `{}` is not",
                input.from
            )));
        }
    }
    if input.to.trim().is_empty() {
        return Err(InputError(
            "missing `to`: the destination is required for a result (an ISO 3166-1 alpha-2 code such as CN)".into(),
        ));
    }
    let to = check_country(ds, &input.to, "to")?;
    let codes = input
        .entries
        .iter()
        .map(|raw| resolve_code(ds, raw))
        .collect::<Result<Vec<_>, _>>()?;
    for raw in input.candidates.keys() {
        resolve_code(ds, raw).map_err(|e| InputError(format!("{} in `candidates`", e.0)))?;
    }
    check_answers(ds, &input.answers)?;
    crate::checklist::check_answers(ds, &input.item_answers).map_err(InputError)?;
    Ok(Trip { from, to, codes })
}

/// The item as the later stages see it: the Annex I entries it falls under (or may: `open`,
/// which counts as listed), and whether the guided questions found it a cyber-surveillance
/// item.
#[derive(Debug)]
struct ListedItems {
    entries: Vec<AssessedEntry>,
    cyber_from_answers: bool,
    decision: Decision,
}

/// Codes one source lists the item under, in order, each with whether it is still open.
#[derive(Debug, Default)]
struct Listing {
    codes: Vec<(String, bool)>,
    decision: Decision,
}

impl Listing {
    fn list(&mut self, code: &str, open: bool) {
        self.codes.push((code.to_string(), open));
    }
}

/// Stage 2, listed items (Art. 3(1), Annex I): the codes chosen, then what the guided
/// questions, the checklist's walks and the entries the search showed establish. The first
/// source to name a code decides whether it is open; of an entry and its own item only the
/// more specific stays.
fn listed_items(
    ds: &Dataset,
    input: &AssessInput,
    codes: &[String],
    findings: &[ItemFinding],
) -> ListedItems {
    let (guided, cyber_from_answers) = guided_findings(findings);
    let (walked, evaluations) = checklist_walks(ds, &input.item_answers, findings);
    let shown = search_candidates(ds, input, findings);
    let mut entries: Vec<AssessedEntry> = Vec::new();
    let mut decision = Decision::default();
    let chosen = codes.iter().map(|c| (c.clone(), false));
    let mut listings = vec![guided, walked, shown];
    let named = chosen.chain(
        listings
            .iter_mut()
            .flat_map(|l| std::mem::take(&mut l.codes)),
    );
    for (code, open) in named {
        if !entries.iter().any(|e| e.code == code) {
            entries.push(assessed_entry(ds, code, open));
        }
    }
    for listing in listings {
        decision.then(listing.decision);
    }
    let all: Vec<String> = entries.iter().map(|e| e.code.clone()).collect();
    entries.retain(|e| !all.iter().any(|c| c != &e.code && is_within(c, &e.code)));
    for e in entries.iter_mut() {
        // The walk of its entry (one per entry: `walked_scopes`).
        if let Some(ev) = evaluations
            .iter()
            .find(|ev| top_level(&ev.code) == top_level(&e.code))
        {
            e.items = Some(EntryItems {
                matched: ev.matched_items.clone(),
                open: ev.open_items.clone(),
                released_by: ev.released_by.clone(),
            });
        }
    }
    ListedItems {
        entries,
        cyber_from_answers,
        decision,
    }
}

fn assessed_entry(ds: &Dataset, code: String, open: bool) -> AssessedEntry {
    let node = crate::model::nearest_existing(ds, &code).and_then(|c| ds.node(&c));
    let (heading, verified) = node
        .map(|n| (n.text.clone(), ds.entries[n.entry as usize].verified))
        .unwrap_or_default();
    AssessedEntry {
        annex_iv: listed(&ds.annex_iv, &code) == Some(true),
        section_i: listed(&ds.section_i, &code) == Some(true)
            || listed(&ds.annex_iv, &code) == Some(true),
        cyber_surveillance: is_cyber_entry(&code),
        open,
        verified,
        code,
        heading,
        items: None,
    }
}

/// The guided questions' findings (Annex I through its questions; Art. 2(20) for the
/// cyber-surveillance definition): an item met is listed, one still open or with a release
/// not known counts as listed, a release answered names its note. Also returns whether the
/// answers make the item a cyber-surveillance item (met or still open).
fn guided_findings(findings: &[ItemFinding]) -> (Listing, bool) {
    let mut out = Listing::default();
    let mut cyber = false;
    for finding in findings {
        let code = &finding.code;
        if code == "ART-2-20" {
            cyber = cyber_definition(&finding.status, &mut out.decision);
            continue;
        }
        match &finding.status {
            ItemStatus::Matched if !finding.possible_releases.is_empty() => {
                out.list(code, true);
                let notes = finding
                    .possible_releases
                    .iter()
                    .map(|n| Arg::Cite(n.clone()))
                    .collect();
                out.decision.ground(
                    "open",
                    Msg::new("g.open_release_unknown")
                        .plain("code", code)
                        .with("notes", Arg::List(notes, "; ")),
                );
            }
            ItemStatus::Matched => {
                out.list(code, false);
                let msg = Msg::new("g.answers_match").plain("code", code);
                out.decision.ground("Art. 3(1)", msg);
            }
            ItemStatus::Open(missing) => {
                out.list(code, true);
                out.decision.ground(
                    "open",
                    Msg::new("g.open_questions")
                        .plain("code", code)
                        .with("questions", asked(missing)),
                );
            }
            ItemStatus::Released(note) => {
                let msg = Msg::new("g.released")
                    .plain("code", code)
                    .cite("note", note);
                out.decision.ground("released", msg);
                let msg = Msg::new("c.released")
                    .plain("code", code)
                    .cite("note", note);
                out.decision.check(msg);
            }
            ItemStatus::NotMatched => out
                .decision
                .check(Msg::new("c.not_matched").plain("code", code)),
        }
    }
    (out, cyber)
}

/// The answers about the definition of a cyber-surveillance item (Art. 2(20)): whether they
/// make the item one (met, or not yet settled).
fn cyber_definition(status: &ItemStatus, decision: &mut Decision) -> bool {
    match status {
        ItemStatus::Matched => {
            decision.ground("Art. 2(20)", Msg::new("g.cyber_matched"));
            true
        }
        ItemStatus::Open(missing) => {
            let msg = Msg::new("g.cyber_open").with("questions", asked(missing));
            decision.ground("Art. 2(20)", msg);
            true
        }
        ItemStatus::Released(note) => {
            decision.check(Msg::new("c.cyber_released").cite("note", note));
            false
        }
        ItemStatus::NotMatched => {
            decision.check(Msg::new("c.cyber_not_matched"));
            false
        }
    }
}

/// The checklist (Annex I, item by item): the items of an entry the answers meet are listed;
/// those they leave open count as listed; a release answered "yes" takes out what it
/// releases. Returns the listing and each walked entry's evaluation.
fn checklist_walks(
    ds: &Dataset,
    answers: &crate::checklist::ItemAnswers,
    findings: &[ItemFinding],
) -> (Listing, Vec<crate::checklist::Evaluation>) {
    let mut out = Listing::default();
    let mut evaluations = Vec::new();
    for top in crate::checklist::walked_scopes(ds, answers) {
        let Some(mut ev) = crate::checklist::evaluate(ds, &top, answers) else {
            continue;
        };
        if let Some(set_aside) = questions_precede(&top, &mut ev, findings) {
            out.decision
                .check(Msg::new("c.questions_precede").with("items", codes_arg(&set_aside)));
            if ev.matched_items.is_empty() && ev.open_items.is_empty() {
                evaluations.push(ev);
                continue;
            }
        }
        walked_entry(ds, &top, &ev, &mut out);
        evaluations.push(ev);
    }
    (out, evaluations)
}

/// Where guided questions decide an item, they take precedence over the checklist: its
/// answers about that item are set aside. Returns what was set aside (or, when the
/// questions only decide items below `top`, those items), `None` when the two do not meet.
fn questions_precede(
    top: &str,
    ev: &mut crate::checklist::Evaluation,
    findings: &[ItemFinding],
) -> Option<Vec<String>> {
    let decided_by_questions = |code: &str| {
        findings
            .iter()
            .any(|f| is_within(code, &f.code) || is_within(&f.code, code))
    };
    let mut set_aside: Vec<String> = Vec::new();
    if findings.iter().any(|f| is_within(top, &f.code)) {
        set_aside.push(top.to_string());
        ev.matched_items.clear();
        ev.open_items.clear();
        ev.released_by.clear();
    }
    for list in [&mut ev.matched_items, &mut ev.open_items] {
        list.retain(|item| {
            let keep = !decided_by_questions(item);
            if !keep {
                set_aside.push(item.clone());
            }
            keep
        });
    }
    ev.released_by
        .retain(|note| !decided_by_questions(crate::checklist::key_code(note)));
    let below: Vec<String> = findings
        .iter()
        .filter(|f| is_within(&f.code, top))
        .map(|f| f.code.clone())
        .collect();
    if set_aside.is_empty() && below.is_empty() {
        return None;
    }
    Some(if set_aside.is_empty() {
        below
    } else {
        set_aside
    })
}

/// One walked entry's items: met (listed), open (listed where nothing is met, or where the
/// open item is stricter: Annex IV, Annex II Section I), or released.
fn walked_entry(ds: &Dataset, top: &str, ev: &crate::checklist::Evaluation, out: &mut Listing) {
    for item in &ev.matched_items {
        out.list(item, false);
        let msg = Msg::new("g.answers_match").plain("code", item);
        out.decision.ground("Art. 3(1)", msg);
    }
    // Once an item is met the entry is listed; an item still open adds to that only where
    // it is stricter.
    for item in &ev.open_items {
        let stricter =
            listed(&ds.annex_iv, item).is_some() || listed(&ds.section_i, item).is_some();
        if ev.matched_items.is_empty() || stricter {
            out.list(item, true);
        }
    }
    if !ev.matched_items.is_empty() {
        return;
    }
    if !ev.open_items.is_empty() {
        let msg = Msg::new("g.items_open")
            .plain("code", top)
            .with("items", codes_arg(&ev.open_items));
        out.decision.ground("open", msg);
    } else if ev.released_by.is_empty() {
        out.decision
            .check(Msg::new("c.not_matched").plain("code", top));
    } else {
        let notes = || {
            let cites = ev.released_by.iter().map(|n| Arg::Cite(n.clone()));
            Arg::List(cites.collect(), "; ")
        };
        let msg = Msg::new("g.released").plain("code", top);
        out.decision.ground("released", msg.with("note", notes()));
        let msg = Msg::new("c.released").plain("code", top);
        out.decision.check(msg.with("note", notes()));
    }
}

/// The entries the search showed (Annex I): "yes" makes one listed; "don't know", or no
/// answer at all, keeps it open (counted as listed) unless something else settles it.
fn search_candidates(ds: &Dataset, input: &AssessInput, findings: &[ItemFinding]) -> Listing {
    let mut out = Listing::default();
    for c in candidate_states(ds, input, findings) {
        let code = c.code.as_str();
        match c.state {
            CandidateState::Yes => {
                out.list(code, false);
                let msg = Msg::new("g.candidate_yes").plain("code", code);
                out.decision.ground("Annex I", msg);
            }
            CandidateState::No => out
                .decision
                .check(Msg::new("c.candidate_no").plain("code", code)),
            CandidateState::Settled(why) => out.decision.check(
                Msg::new("c.candidate_settled")
                    .plain("code", code)
                    .with("why", why),
            ),
            CandidateState::Open(r) => {
                out.list(code, true);
                let id = if r == Resolution::Unknown {
                    "g.candidate_unknown"
                } else {
                    "g.candidate_open"
                };
                out.decision
                    .ground("open", Msg::new(id).plain("code", code));
            }
        }
    }
    out
}

/// What the rules after the listing depend on: the item listed or not, a cyber-surveillance
/// item or not, and the destination with its arms embargo.
#[derive(Debug)]
struct Situation<'a> {
    to: &'a str,
    to_country: Option<&'a crate::model::Country>,
    /// In the Union: a transfer (Art. 11), not an export.
    intra_eu: bool,
    /// Listed in Annex I, or possibly (an open entry).
    listed_item: bool,
    /// A cyber-surveillance item: said so, found so by the answers, or a listed one.
    cyber: bool,
    embargo: Option<&'a crate::model::Embargo>,
    /// A binding embargo on the whole country answers Art. 4(1)(b) "yes"; a political one,
    /// or one limited to some end-users, only "possibly": never "no".
    binding_embargo: bool,
    political_embargo: bool,
}

impl<'a> Situation<'a> {
    fn new(ds: &'a Dataset, input: &AssessInput, trip: &'a Trip, items: &ListedItems) -> Self {
        let to = trip.to.as_str();
        let to_country = ds.country(to);
        let embargo = ds.embargoes.iter().find(|e| e.country == to);
        Situation {
            to,
            to_country,
            intra_eu: to_country.is_some_and(|c| c.eu),
            listed_item: !items.entries.is_empty(),
            cyber: input.cyber_surveillance
                || items.cyber_from_answers
                || items.entries.iter().any(|e| e.cyber_surveillance),
            embargo,
            binding_embargo: embargo.is_some_and(|e| e.binding && e.whole_country),
            political_embargo: embargo.is_some_and(|e| !e.binding || !e.whole_country),
        }
    }

    /// Under an arms embargo of any kind: what bars UGEAs for a military end-use.
    fn embargoed(&self) -> bool {
        self.binding_embargo || self.political_embargo
    }
}

/// What is exported where, for the record; software or technology sent electronically is an
/// export too (Art. 2(2)(d)).
fn the_export(input: &AssessInput, s: &Situation, entries: &[AssessedEntry]) -> Decision {
    let mut d = Decision::default();
    d.check(if s.listed_item {
        let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        Msg::new("c.classification").with("codes", codes_arg(&codes))
    } else {
        Msg::new("c.classification_none")
    });
    d.check(match s.to_country {
        Some(t) => Msg::new(if t.eu {
            "c.destination_eu"
        } else {
            "c.destination"
        })
        .with("country", Arg::Country(t.code.clone()))
        .plain("code", &t.code),
        None => Msg::new("c.destination_none"),
    });
    if input.export_form == ExportForm::Electronic {
        d.ground("Art. 2(2)(d)", Msg::new("g.electronic"));
    }
    d
}

/// A transfer inside the Union (Art. 11(1)): only Annex IV items need an authorisation; an
/// entry only part of which is in Annex IV names those parts.
fn intra_union_transfer(ds: &Dataset, entries: &[AssessedEntry]) -> Decision {
    let mut d = Decision::default();
    let annex_iv: Vec<&AssessedEntry> = entries.iter().filter(|e| e.annex_iv).collect();
    for e in entries
        .iter()
        .filter(|e| !e.annex_iv && listed(&ds.annex_iv, &e.code) == Some(false))
    {
        d.raise(Verdict::AuthorisationRequired);
        let parts: Vec<&str> = ds
            .annex_iv
            .iter()
            .filter(|l| is_within(&l.code, &e.code))
            .map(|l| l.code.as_str())
            .collect();
        let msg = Msg::new("g.annex_iv_part")
            .plain("code", &e.code)
            .with("parts", codes_arg(&parts));
        d.ground("Art. 11(1)", msg);
    }
    if annex_iv.is_empty() {
        d.ground("Art. 11(1)", Msg::new("g.intra_eu"));
    } else {
        d.raise(Verdict::AuthorisationRequired);
        for e in annex_iv {
            d.ground("Art. 11(1)", Msg::new("g.annex_iv").plain("code", &e.code));
        }
    }
    d.check(Msg::new("c.annex_iv"));
    d
}

/// The sanctions regulations for the destination (e.g. Reg. 833/2014, 765/2006, 36/2012):
/// they override licensing. Each rule of the data, in order, either bans the export
/// (`sanction_ban`) or requires an authorisation (`sanction_authorisation`), or does not
/// apply to this item.
fn sanctions(ds: &Dataset, input: &AssessInput, s: &Situation) -> Decision {
    let mut d = Decision::default();
    for rule in ds.sanctions.iter().filter(|r| r.destination == s.to) {
        let article = if rule.article.starts_with("Art") {
            rule.article.clone()
        } else {
            format!("Art. {}", rule.article)
        };
        let cite = format!("{article} of {}", rule.act);
        d.check(
            Msg::new("c.sanctions")
                .cite("cite", &cite)
                .plain("date", &rule.as_of),
        );
        let outcome = sanction_ban(rule, &cite, s.listed_item, &input.concerns).or_else(|| {
            let telecom = input.telecom_monitoring;
            sanction_authorisation(rule, &cite, s.listed_item, telecom, s.cyber)
        });
        if let Some((verdict, msg)) = outcome {
            if let Some(v) = verdict {
                d.raise(v);
            }
            d.ground(&cite, msg);
        }
    }
    d
}

/// A sanctions ban (verdict `prohibited`): Annex I items to the destination (Reg. 833/2014
/// Art. 2(1), Reg. 765/2006 Art. 1e(1)), or Annex I items for a military end-use (only
/// reminded of when that use is not stated). `None` when the rule bans nothing here.
fn sanction_ban(
    rule: &SanctionRule,
    cite: &str,
    listed_item: bool,
    concerns: &Concerns,
) -> Option<(Option<Verdict>, Msg)> {
    if rule.effect != SanctionEffect::Prohibited || !listed_item {
        return None;
    }
    match rule.applies_to {
        SanctionScope::AnnexI => Some((
            Some(Verdict::Prohibited),
            Msg::new("g.sanction_annex_i").cite("cite", cite),
        )),
        SanctionScope::AnnexIMilitaryEndUse if concerns.military_end_use => Some((
            Some(Verdict::Prohibited),
            Msg::new("g.sanction_military").cite("cite", cite),
        )),
        SanctionScope::AnnexIMilitaryEndUse => Some((
            None,
            Msg::new("g.sanction_military_verify").cite("cite", cite),
        )),
        _ => None,
    }
}

/// A sanctions regulation that requires an authorisation (verdict `authorisation_required`):
/// items of the act's own annex (established or not yet checked), non-listed items under an
/// Annex I ban that may fall under its wider annexes, and non-listed telecom monitoring
/// equipment (`telecom`: said so, or, not asked (`None`), a `cyber`-surveillance item).
fn sanction_authorisation(
    rule: &SanctionRule,
    cite: &str,
    listed_item: bool,
    telecom: Option<bool>,
    cyber: bool,
) -> Option<(Option<Verdict>, Msg)> {
    let required = |msg: Msg| Some((Some(Verdict::AuthorisationRequired), msg));
    let prohibits = rule.effect == SanctionEffect::Prohibited;
    match rule.applies_to {
        SanctionScope::AnnexI if prohibits && !listed_item => {
            required(Msg::new("g.sanction_unlisted").cite("act", &rule.act))
        }
        SanctionScope::SelectedItems => {
            // Whether the item is in the act's annex is not established: like an open entry,
            // that counts as restricted until the exporter has checked.
            let id = match (listed_item, prohibits) {
                (true, true) => "g.sanction_selected_listed_prohibits",
                (true, false) => "g.sanction_selected_listed_authorisation",
                (false, true) => "g.sanction_selected_prohibits",
                (false, false) => "g.sanction_selected_authorisation",
            };
            required(Msg::new(id).cite("cite", cite))
        }
        SanctionScope::TelecomMonitoring if !listed_item && telecom.unwrap_or(cyber) => {
            // Not asked, but a cyber-surveillance item: the ground says "if".
            let id = if telecom.is_none() {
                "g.sanction_telecom_if"
            } else {
                "g.sanction_telecom"
            };
            required(Msg::new(id).cite("cite", cite))
        }
        _ => None,
    }
}

/// A listed item leaving the Union needs an authorisation (Art. 3(1)) unless a Union general
/// export authorisation covers every entry for this destination (Art. 12(1)(d), Annex II)
/// and no concern of Art. 4(1) bars its use. Returns the decision and the usable UGEAs.
fn listed_items_leaving_the_union(
    ds: &Dataset,
    input: &AssessInput,
    s: &Situation,
    entries: &[AssessedEntry],
) -> (Decision, Vec<String>) {
    let mut d = Decision::default();
    let mut all_covered = true;
    let mut usable: Vec<String> = Vec::new();
    for e in entries {
        let (entry, covering) = ugeas_for_entry(ds, input, s, e);
        d.then(entry);
        all_covered &= !covering.is_empty();
        for u in covering {
            if !usable.contains(&u.code) {
                usable.push(u.code.clone());
            }
        }
    }
    d.check(Msg::new("c.ugeas"));
    // The shared UGEA conditions bar uses in Art. 4(1): a military end-use counts only for a
    // destination under an arms embargo (political: possibly, so barred too).
    let c = &input.concerns;
    if c.wmd || c.illegal_military_parts || c.military_end_use && s.embargoed() {
        d.ground("Annex II", Msg::new("g.ugea_none_art4"));
        all_covered = false;
    }
    if all_covered && !usable.is_empty() {
        d.raise(Verdict::GeneralAuthorisationAvailable);
        for code in &usable {
            let u = ds.ugeas.iter().find(|u| &u.code == code).expect("a UGEA");
            let msg = Msg::new("g.ugea_covers")
                .plain("ugea", &u.code)
                .cite("part", &u.annex_part);
            d.ground("Art. 12(1)(d)", msg);
        }
    } else {
        usable.clear();
        d.raise(Verdict::AuthorisationRequired);
    }
    d.then(listed_concern_grounds(ds, input, s.embargoed(), &usable));
    (d, usable)
}

/// One listed entry: its Art. 3(1) ground, the UGEAs that would cover it but for a concern
/// (Annex II), the parts of it in Annex II Section I when that alone keeps a UGEA out, and
/// the UGEAs that cover it.
fn ugeas_for_entry<'a>(
    ds: &'a Dataset,
    input: &AssessInput,
    s: &Situation,
    e: &AssessedEntry,
) -> (Decision, Vec<&'a Ugea>) {
    let mut d = Decision::default();
    let cite = format!("Art. 3(1) of Regulation (EU) 2021/821; Annex I {}", e.code);
    let id = if e.open { "g.art3_open" } else { "g.art3" };
    d.ground("Art. 3(1)", Msg::new(id).cite("cite", cite));
    let embargoed = s.embargoed();
    let covering: Vec<&Ugea> = ds
        .ugeas
        .iter()
        .filter(|u| ugea_covers(ds, u, e, s.to, input, embargoed, true))
        .collect();
    for u in ds.ugeas.iter().filter(|u| {
        ugea_covers(ds, u, e, s.to, input, embargoed, false)
            && !covering.iter().any(|c| c.code == u.code)
    }) {
        let concerns = barring_concerns(u, input, embargoed)
            .into_iter()
            .map(phrase);
        let msg = Msg::new("g.ugea_barred")
            .plain("ugea", &u.code)
            .plain("code", &e.code)
            .with("concerns", Arg::List(concerns.collect(), ", "));
        d.ground("Annex II", msg);
    }
    if covering.is_empty() && !e.section_i {
        if let Some(msg) = section_i_parts(ds, input, s, e) {
            d.ground("Annex II Section I", msg);
        }
    }
    (d, covering)
}

/// Part of the entry is in Annex II Section I and only that keeps out a UGEA that would
/// otherwise serve: say which parts, so the exporter can classify down to the item instead
/// of applying for what a UGEA covers.
fn section_i_parts(
    ds: &Dataset,
    input: &AssessInput,
    s: &Situation,
    e: &AssessedEntry,
) -> Option<Msg> {
    let parts: Vec<&str> = ds
        .section_i
        .iter()
        .filter(|l| is_within(&l.code, &e.code) && l.code != e.code)
        .map(|l| l.code.as_str())
        .collect();
    if parts.is_empty() {
        return None;
    }
    let to = s.to.to_string();
    let excluded_only_by_parts: Vec<&str> = ds
        .ugeas
        .iter()
        .filter(|u| {
            u.excludes_section_i && (u.all_items || u.items.iter().any(|i| is_within(&e.code, i)))
        })
        .filter(|u| {
            if u.all_destinations {
                !u.excluded_destinations.contains(&to)
            } else {
                u.destinations.contains(&to)
            }
        })
        .filter(|u| {
            u.circumstance == Circumstance::Any
                && barring_concerns(u, input, s.embargoed()).is_empty()
        })
        .map(|u| u.code.as_str())
        .collect();
    (!excluded_only_by_parts.is_empty()).then(|| {
        Msg::new("g.section_i_parts")
            .with("ugeas", codes_arg(&excluded_only_by_parts))
            .plain("code", &e.code)
            .with("parts", codes_arg(&parts))
    })
}

/// The catch-all of Art. 4 for a non-listed item: a use the exporter knows of (aware: notify,
/// Art. 4(2)) or was informed of (authorisation, Art. 4(1)): (a) weapons of mass
/// destruction, (b) a military end-use in a country under an arms embargo (Art. 2(19)),
/// (c) parts of military items exported illegally.
fn catch_all_art4(input: &AssessInput, s: &Situation) -> Decision {
    let mut d = Decision::default();
    let concerns = &input.concerns;
    let embargo_text = if s.binding_embargo {
        Some("g.embargo_binding")
    } else if s.political_embargo {
        Some("g.embargo_political")
    } else {
        None
    };
    let uses = [
        (concerns.wmd, "(a)", "p.use_wmd"),
        (
            concerns.military_end_use && embargo_text.is_some(),
            "(b)",
            "p.use_military_embargo",
        ),
        (
            concerns.illegal_military_parts,
            "(c)",
            "p.use_as_illegal_parts",
        ),
    ];
    if concerns.military_end_use && embargo_text.is_none() {
        d.ground("Art. 4(1)(b)", Msg::new("g.military_no_embargo"));
    }
    for (_, letter, what) in uses.into_iter().filter(|(on, _, _)| *on) {
        let rule = format!("Art. 4(1){letter}");
        if input.informed_by_authority {
            d.raise(Verdict::AuthorisationRequired);
            let msg = Msg::new("g.art4_informed")
                .with("use", phrase(what))
                .cite("cite", format!("{rule} of Regulation (EU) 2021/821"));
            d.ground(rule, msg);
        } else {
            d.raise(Verdict::NotifyAuthority);
            d.ground(
                "Art. 4(2)",
                Msg::new("g.art4_aware").with("use", phrase(what)),
            );
        }
        if letter == "(b)" {
            if let Some(t) = embargo_text {
                d.ground("Art. 2(19)", Msg::new(t));
            }
        }
    }
    d
}

/// The catch-all of Art. 5 for a non-listed cyber-surveillance item that may be used for
/// internal repression or serious violations of human rights: informed, an authorisation
/// (Art. 5(1)); aware, notify (Art. 5(2)). Not a cyber-surveillance item: Art. 5 does not
/// apply, unless the authority informed the exporter.
fn catch_all_art5(input: &AssessInput, s: &Situation) -> Decision {
    let mut d = Decision::default();
    let informed = input.informed_by_authority;
    if input.concerns.human_rights {
        match (s.cyber, informed) {
            (true, true) => {
                d.raise(Verdict::AuthorisationRequired);
                d.ground("Art. 5(1)", Msg::new("g.art5_informed"));
            }
            (true, false) => {
                d.raise(Verdict::NotifyAuthority);
                d.ground("Art. 5(2)", Msg::new("g.art5_aware"));
            }
            (false, true) => {
                d.raise(Verdict::AuthorisationRequired);
                d.ground("Art. 5(1)", Msg::new("g.art5_informed_not_cyber"));
            }
            (false, false) => d.ground("Art. 5", Msg::new("g.art5_not_cyber")),
        }
    }
    d.check(Msg::new("c.catch_all"));
    d
}

/// The arms embargo on the destination, for the record (Art. 2(19), Art. 4(1)(b)).
fn arms_embargo_record(s: &Situation) -> Decision {
    let mut d = Decision::default();
    if let Some(e) = s.embargo {
        d.check(
            Msg::new("c.embargo")
                .with("country", Arg::Country(e.country.clone()))
                .cite("basis", &e.basis)
                .plain("date", &e.as_of),
        );
    }
    d
}

/// When no stage called for anything: why not (entries still open inside the Union, a listed
/// item inside the Union (Art. 11), or not listed and no catch-all (Art. 3, 4, 5)).
fn nothing_required(verdict: Verdict, entries: &[AssessedEntry]) -> Decision {
    let mut d = Decision::default();
    if verdict != Verdict::NoAuthorisationIndicated {
        return d;
    }
    let open: Vec<&str> = entries
        .iter()
        .filter(|e| e.open)
        .map(|e| e.code.as_str())
        .collect();
    if !open.is_empty() {
        d.ground(
            "Art. 11",
            Msg::new("g.intra_eu_open").with("codes", codes_arg(&open)),
        );
    } else if !entries.is_empty() {
        d.ground("Art. 11", Msg::new("g.intra_eu_listed"));
    } else {
        d.ground("Art. 3, 4, 5", Msg::new("g.not_listed"));
    }
    d
}

/// The due-diligence steps of Recommendation (EU) 2024/2659, for a cyber-surveillance item
/// (Art. 5(2): the exporter's own diligence).
fn due_diligence(cyber: bool) -> Vec<String> {
    if !cyber {
        return Vec::new();
    }
    DUE_DILIGENCE.iter().map(|s| s.to_string()).collect()
}

/// The competent authority of the Member State where the exporter is established (the one
/// that grants authorisations and receives notifications), when `from` is given.
fn competent_authority(ds: &Dataset, from: Option<&str>) -> Option<AuthorityRef> {
    let a = ds
        .authorities
        .iter()
        .find(|a| Some(a.member_state.as_str()) == from)?;
    Some(AuthorityRef {
        member_state: a.member_state.clone(),
        name: a.name.clone(),
        web: a.web.clone(),
        verified: a.verified,
    })
}

/// Questions still to answer, as the user reads them (their text in the user's language,
/// not their ids).
fn asked(ids: &[String]) -> Arg {
    if ids.is_empty() {
        return phrase("p.remaining_conditions");
    }
    Arg::List(
        ids.iter().map(|id| Arg::Question(id.clone())).collect(),
        "; ",
    )
}

/// What the exporter knows of the end use, for a LISTED item: Art. 5 does not apply and
/// Art. 4 adds no authorisation duty of its own (one is needed anyway), but the concern still
/// bars UGEAs under their conditions (Annex II), is weighed by the authority (Art. 15(1)) and
/// belongs in the application.
fn listed_concern_grounds(
    ds: &Dataset,
    input: &AssessInput,
    embargoed: bool,
    usable: &[String],
) -> Decision {
    let mut d = Decision::default();
    let c = &input.concerns;
    if !(c.wmd || c.military_end_use || c.illegal_military_parts || c.human_rights) {
        return d;
    }
    let uses = concern_uses(c, embargoed);
    let informed = input.informed_by_authority;
    // Which UGEAs the concern bars, from each one's conditions in the data.
    let barred: Vec<Arg> = ds
        .ugeas
        .iter()
        .filter_map(|u| {
            let b = barring_concerns(u, input, embargoed);
            (!b.is_empty()).then(|| {
                Arg::Msg(Msg::new("p.ugea_barred_by").plain("ugea", &u.code).with(
                    "concerns",
                    Arg::List(b.into_iter().map(phrase).collect(), ", "),
                ))
            })
        })
        .collect();
    let msg = match (barred.is_empty(), informed) {
        (true, true) => Msg::new("g.listed_bars_none_informed").with("uses", uses.clone()),
        (true, false) => Msg::new("g.listed_bars_none_aware").with("uses", uses.clone()),
        (false, true) => Msg::new("g.listed_bars_informed").with("ugeas", Arg::List(barred, "; ")),
        (false, false) => Msg::new("g.listed_bars_aware").with("ugeas", Arg::List(barred, "; ")),
    };
    d.ground("Annex II", msg);
    if c.military_end_use && !embargoed {
        d.ground("Art. 4(1)(b)", Msg::new("g.listed_military_no_embargo"));
    }
    if c.human_rights {
        d.ground("Art. 5", Msg::new("g.listed_human_rights"));
    }
    let mut weighs = Vec::new();
    if c.wmd {
        weighs.push(phrase("p.weigh_a"));
    }
    if c.military_end_use && embargoed {
        weighs.push(phrase("p.weigh_b"));
    }
    if c.human_rights || c.military_end_use {
        weighs.push(phrase("p.weigh_c"));
    }
    weighs.push(phrase("p.weigh_d"));
    let msg = Msg::new("g.authority_weighs").with("considerations", Arg::List(weighs, "; "));
    d.ground("Art. 15(1)", msg);
    let id = if informed {
        "g.disclose_informed"
    } else {
        "g.disclose_aware"
    };
    d.ground("Art. 15(1)", Msg::new(id).with("uses", uses));
    if !usable.is_empty() {
        let msg = Msg::new("g.ugea_stays_usable").with("ugeas", codes_arg(usable));
        d.ground("Annex II", msg);
    }
    d
}

/// The uses the exporter knows of, as phrases ("a military end-use in a country under an
/// arms embargo").
fn concern_uses(c: &Concerns, embargoed: bool) -> Arg {
    let mut uses = Vec::new();
    if c.wmd {
        uses.push(phrase("p.use_wmd"));
    }
    if c.military_end_use {
        uses.push(phrase(if embargoed {
            "p.use_military_embargo"
        } else {
            "p.use_military"
        }));
    }
    if c.illegal_military_parts {
        uses.push(phrase("p.use_illegal_parts"));
    }
    if c.human_rights {
        uses.push(phrase("p.use_human_rights"));
    }
    Arg::List(uses, "; ")
}

/// The concerns that bar `u` for this input, as phrase ids.
fn barring_concerns(u: &Ugea, input: &AssessInput, embargoed: bool) -> Vec<&'static str> {
    let c = &input.concerns;
    let has = |b: &str| u.bars.iter().any(|x| x == b);
    let mut out = Vec::new();
    if c.wmd && has("wmd") {
        out.push("p.bar_wmd");
    }
    if c.military_end_use && (has("military-embargo") && embargoed || has("government-security")) {
        out.push("p.bar_military");
    }
    if c.illegal_military_parts && has("illegal-military-parts") {
        out.push("p.bar_illegal_parts");
    }
    if c.human_rights && has("human-rights") {
        out.push("p.bar_human_rights");
    }
    out
}

/// Unknown question ids and answers of the wrong kind are errors that name them.
fn check_answers(ds: &Dataset, answers: &crate::questions::Answers) -> Result<(), InputError> {
    use crate::questions::{Answer, QuestionKind};
    for (id, a) in answers {
        let q = ds
            .questions
            .iter()
            .find(|q| &q.id == id)
            .ok_or_else(|| InputError(format!("unknown question `{id}` in answers")))?;
        let ok = match (q.kind, a) {
            (_, Answer::Unknown) => true,
            (QuestionKind::YesNo, Answer::Yes | Answer::No) => true,
            (QuestionKind::Number, Answer::Number(n)) => n.is_finite() && *n >= 0.0,
            (QuestionKind::Choice, Answer::Choice(c)) => q.choices.iter().any(|(v, _)| v == c),
            _ => false,
        };
        if !ok {
            let shown = match a {
                Answer::Yes => "yes".to_string(),
                Answer::No => "no".to_string(),
                Answer::Number(n) => n.to_string(),
                Answer::Choice(c) => c.clone(),
                Answer::Unknown => "unknown".to_string(),
            };
            return Err(InputError(format!(
                "answer `{shown}` does not fit question `{id}`"
            )));
        }
    }
    Ok(())
}

/// Whether `u` covers entry `e` to `to`; with `with_bars`, also that none of its bars (the
/// end uses it excludes) applies.
fn ugea_covers(
    ds: &Dataset,
    u: &Ugea,
    e: &AssessedEntry,
    to: &str,
    input: &AssessInput,
    embargoed: bool,
    with_bars: bool,
) -> bool {
    let circumstance_ok = match u.circumstance {
        Circumstance::Any => true,
        c => {
            input.circumstance == Some(c)
                || c == Circumstance::Exhibition && input.export_form == ExportForm::Exhibition
        }
    };
    let item_ok = (u.all_items || u.items.iter().any(|i| is_within(&e.code, i)))
        && !u
            .excluded_items
            .iter()
            .any(|x| is_within(&e.code, x) || is_within(x, &e.code))
        && !(u.excludes_section_i && (e.section_i || listed(&ds.section_i, &e.code).is_some()));
    let dest_ok = if u.all_destinations {
        !u.excluded_destinations.iter().any(|d| d == to)
    } else {
        u.destinations.iter().any(|d| d == to)
    };
    let sanctioned = ds.sanctions.iter().any(|s| s.destination == to);
    let embargo_ok = !(u.excludes_embargoed && (embargoed || sanctioned));
    let barred = with_bars && !barring_concerns(u, input, embargoed).is_empty();
    circumstance_ok && item_ok && dest_ok && embargo_ok && !barred
}

/// Where a candidate stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CandidateState {
    /// The exporter said the item falls under it.
    Yes,
    /// The exporter said it does not.
    No,
    /// Settled by something else (what, as a phrase): an entry chosen that it belongs to or
    /// that belongs to it, the guided questions, or a "no" to the entry it belongs to.
    Settled(Msg),
    /// Still open: "don't know" (`Unknown`) or no answer (`Open`). Counts as listed.
    Open(Resolution),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub code: String,
    pub state: CandidateState,
}

/// Every candidate of `input` (codes normalised; ones that are not codes are left out: `assess`
/// reports them) with where it stands.
pub fn candidate_states(
    ds: &Dataset,
    input: &AssessInput,
    findings: &[ItemFinding],
) -> Vec<Candidate> {
    let norm = |raw: &str| resolve_code(ds, raw).ok();
    let cands: Vec<(String, Resolution)> = input
        .candidates
        .iter()
        .filter_map(|(raw, r)| norm(raw).map(|c| (c, *r)))
        .collect();
    let chosen: Vec<String> = input
        .entries
        .iter()
        .filter_map(|raw| norm(raw))
        .chain(
            cands
                .iter()
                .filter(|(_, r)| *r == Resolution::Yes)
                .map(|(c, _)| c.clone()),
        )
        // Items the checklist answers meet settle a candidate of their family too.
        .chain(
            crate::checklist::walked_scopes(ds, &input.item_answers)
                .iter()
                .filter_map(|top| crate::checklist::evaluate(ds, top, &input.item_answers))
                .flat_map(|ev| ev.matched_items),
        )
        .collect();
    let related = |a: &str, b: &str| is_within(a, b) || is_within(b, a);
    // The checklist answers rule a candidate out: its conditions (or an ancestor's) are not
    // met, or a note answered "yes" releases it. "Don't know" never rules out.
    let walked = crate::checklist::answered_entries(ds, &input.item_answers);
    let ruled_out_by_checklist = |code: &str| {
        walked.iter().any(|top| is_within(code, top))
            && crate::checklist::evaluate(ds, code, &input.item_answers)
                .is_some_and(|ev| ev.status == crate::checklist::Status::NotMet)
    };
    cands
        .iter()
        .map(|(code, r)| {
            let state = if *r == Resolution::Yes {
                CandidateState::Yes
            } else if let Some(p) = chosen.iter().find(|p| related(p, code)) {
                CandidateState::Settled(Msg::new("p.settled_chosen").plain("code", p))
            } else if *r == Resolution::No {
                CandidateState::No
            } else if let Some(f) = findings.iter().find(|f| match f.status {
                ItemStatus::Matched | ItemStatus::Open(_) => related(&f.code, code),
                ItemStatus::NotMatched | ItemStatus::Released(_) => is_within(code, &f.code),
            }) {
                CandidateState::Settled(Msg::new("p.settled_questions").plain("code", &f.code))
            } else if ruled_out_by_checklist(code) {
                CandidateState::Settled(Msg::new("p.settled_checklist").plain("code", code))
            } else if let Some((a, _)) = cands
                .iter()
                .find(|(a, ar)| *ar == Resolution::No && a != code && is_within(code, a))
            {
                CandidateState::Settled(Msg::new("p.settled_no").plain("code", a))
            } else {
                CandidateState::Open(*r)
            };
            Candidate {
                code: code.clone(),
                state,
            }
        })
        .collect()
}

/// The candidates to ask about ("does your item fall under X?"): those nothing else settles,
/// answered or not, so the exporter can see and change the answer.
pub fn candidates_to_ask(ds: &Dataset, input: &AssessInput) -> Vec<(String, Resolution)> {
    let findings = evaluate(ds, &input.answers);
    candidate_states(ds, input, &findings)
        .into_iter()
        .filter_map(|c| match c.state {
            CandidateState::Yes => Some((c.code, Resolution::Yes)),
            CandidateState::No => Some((c.code, Resolution::No)),
            CandidateState::Open(r) => Some((c.code, r)),
            CandidateState::Settled(_) => None,
        })
        .collect()
}

/// One rule of each stage, on a minimal input. The law's cases are in the scenario tables
/// (tests/scenarios.txt, core/tests/checklist_scenarios.txt).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, read_data_dir};
    use std::sync::OnceLock;

    fn ds() -> &'static Dataset {
        static DS: OnceLock<Dataset> = OnceLock::new();
        DS.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
            compile(&read_data_dir(&dir).expect("data/"))
                .dataset
                .expect("the data compiles")
        })
    }

    fn input(entries: &[&str], from: &str, to: &str) -> AssessInput {
        AssessInput {
            entries: entries.iter().map(|s| s.to_string()).collect(),
            from: from.into(),
            to: to.into(),
            ..Default::default()
        }
    }

    fn rules(d: &Decision) -> Vec<&str> {
        d.grounds.iter().map(|(rule, _)| rule.as_str()).collect()
    }

    fn ids(d: &Decision) -> Vec<&str> {
        d.grounds.iter().map(|(_, msg)| msg.id).collect()
    }

    /// A situation with nothing to note: a non-listed, non-cyber item to a country without
    /// an embargo or sanctions.
    fn plain_situation() -> Situation<'static> {
        Situation {
            to: "BR",
            to_country: None,
            intra_eu: false,
            listed_item: false,
            cyber: false,
            embargo: None,
            binding_embargo: false,
            political_embargo: false,
        }
    }

    #[test]
    fn decision_keeps_the_strictest_verdict() {
        let mut d = Decision::default();
        d.raise(Verdict::GeneralAuthorisationAvailable);
        d.raise(Verdict::Prohibited);
        d.raise(Verdict::NotifyAuthority);
        assert_eq!(d.verdict, Some(Verdict::Prohibited));
    }

    #[test]
    fn input_without_a_destination_is_an_error() {
        let e = check_input(ds(), &input(&["5A002.a"], "DE", "")).unwrap_err();
        assert!(e.0.starts_with("missing `to`"), "{}", e.0);
        let e = check_input(ds(), &input(&[], "US", "CN")).unwrap_err();
        assert!(e.0.contains("must be an EU Member State"), "{}", e.0);
    }

    #[test]
    fn guided_findings_count_an_open_item_as_listed() {
        let findings = [ItemFinding {
            code: "5A001.f.1".into(),
            status: ItemStatus::Open(vec![]),
            possible_releases: vec![],
        }];
        let (listing, cyber) = guided_findings(&findings);
        assert_eq!(listing.codes, vec![("5A001.f.1".to_string(), true)]);
        assert_eq!(rules(&listing.decision), ["open"]);
        assert!(!cyber);
    }

    #[test]
    fn the_cyber_definition_met_makes_a_cyber_surveillance_item() {
        let mut d = Decision::default();
        assert!(cyber_definition(&ItemStatus::Matched, &mut d));
        assert_eq!(rules(&d), ["Art. 2(20)"]);
        assert!(!cyber_definition(&ItemStatus::NotMatched, &mut d));
    }

    #[test]
    fn listed_items_keep_the_more_specific_code_and_open_candidates() {
        let mut i = input(&["5A001", "5A001.f.1"], "DE", "JP");
        i.candidates.insert("5A002.a".into(), Resolution::Unknown);
        let items = listed_items(ds(), &i, &["5A001".into(), "5A001.f.1".into()], &[]);
        let codes: Vec<(&str, bool)> = items
            .entries
            .iter()
            .map(|e| (e.code.as_str(), e.open))
            .collect();
        assert_eq!(codes, [("5A001.f.1", false), ("5A002.a", true)]);
        assert_eq!(ids(&items.decision), ["g.candidate_unknown"]);
    }

    #[test]
    fn the_checklist_is_set_aside_only_where_questions_decide() {
        let mut ev = crate::checklist::Evaluation {
            code: "6A003".into(),
            status: crate::checklist::Status::Met,
            matched_items: vec!["6A003.b.4.b".into()],
            open_items: vec![],
            released_by: vec![],
        };
        assert_eq!(questions_precede("6A003", &mut ev, &[]), None);
        assert_eq!(ev.matched_items, ["6A003.b.4.b"]);
    }

    fn rule(applies_to: SanctionScope, effect: SanctionEffect) -> SanctionRule {
        SanctionRule {
            key: "test".into(),
            destination: "RU".into(),
            act: "Regulation (EU) No 833/2014".into(),
            article: "2(1)".into(),
            applies_to,
            effect,
            as_of: "2026-01-01".into(),
            summary: vec![],
            verified: true,
        }
    }

    #[test]
    fn a_sanctions_ban_on_annex_i_prohibits_a_listed_item_only() {
        let ban = rule(SanctionScope::AnnexI, SanctionEffect::Prohibited);
        let concerns = Concerns::default();
        let (verdict, msg) = sanction_ban(&ban, "Art. 2(1)", true, &concerns).unwrap();
        assert_eq!(
            (verdict, msg.id),
            (Some(Verdict::Prohibited), "g.sanction_annex_i")
        );
        assert_eq!(sanction_ban(&ban, "Art. 2(1)", false, &concerns), None);
    }

    #[test]
    fn a_sanctions_ban_on_annex_i_asks_an_authorisation_for_a_non_listed_item() {
        let ban = rule(SanctionScope::AnnexI, SanctionEffect::Prohibited);
        let (verdict, msg) = sanction_authorisation(&ban, "c", false, None, false).unwrap();
        assert_eq!(verdict, Some(Verdict::AuthorisationRequired));
        assert_eq!(msg.id, "g.sanction_unlisted");
    }

    #[test]
    fn telecom_monitoring_rules_apply_to_a_cyber_item_not_asked_about() {
        let r = rule(
            SanctionScope::TelecomMonitoring,
            SanctionEffect::Authorisation,
        );
        let (_, msg) = sanction_authorisation(&r, "c", false, None, true).unwrap();
        assert_eq!(msg.id, "g.sanction_telecom_if");
        assert_eq!(
            sanction_authorisation(&r, "c", false, Some(false), true),
            None
        );
    }

    #[test]
    fn sanctions_check_every_rule_for_the_destination() {
        let i = input(&["5A002.a"], "DE", "RU");
        let s = Situation {
            to: "RU",
            listed_item: true,
            ..plain_situation()
        };
        let d = sanctions(ds(), &i, &s);
        assert_eq!(d.verdict, Some(Verdict::Prohibited));
        let for_ru = ds().sanctions.iter().filter(|r| r.destination == "RU");
        assert_eq!(d.checked.len(), for_ru.count());
    }

    #[test]
    fn a_ugea_serves_a_listed_item_unless_a_concern_bars_it() {
        let ds = ds();
        let e = assessed_entry(ds, "5A001.f.1".into(), false);
        let s = Situation {
            to: "GB",
            listed_item: true,
            cyber: true,
            ..plain_situation()
        };
        let mut i = input(&["5A001.f.1"], "FR", "GB");
        let (d, usable) = listed_items_leaving_the_union(ds, &i, &s, std::slice::from_ref(&e));
        assert_eq!(d.verdict, Some(Verdict::GeneralAuthorisationAvailable));
        assert_eq!(usable, ["EU001"]);
        i.concerns.wmd = true;
        let (d, usable) = listed_items_leaving_the_union(ds, &i, &s, &[e]);
        assert_eq!(d.verdict, Some(Verdict::AuthorisationRequired));
        assert!(usable.is_empty());
        assert!(ids(&d).contains(&"g.ugea_none_art4"));
    }

    #[test]
    fn art4_awareness_calls_for_a_notification_being_informed_for_an_authorisation() {
        let mut i = input(&[], "DE", "BR");
        i.concerns.wmd = true;
        let d = catch_all_art4(&i, &plain_situation());
        assert_eq!(d.verdict, Some(Verdict::NotifyAuthority));
        assert_eq!(rules(&d), ["Art. 4(2)"]);
        i.informed_by_authority = true;
        let d = catch_all_art4(&i, &plain_situation());
        assert_eq!(d.verdict, Some(Verdict::AuthorisationRequired));
        assert_eq!(rules(&d), ["Art. 4(1)(a)"]);
    }

    #[test]
    fn art4_military_end_use_needs_an_arms_embargo() {
        let mut i = input(&[], "DE", "BR");
        i.concerns.military_end_use = true;
        let d = catch_all_art4(&i, &plain_situation());
        assert_eq!(d.verdict, None);
        assert_eq!(ids(&d), ["g.military_no_embargo"]);
    }

    #[test]
    fn art5_applies_to_cyber_surveillance_items_only() {
        let mut i = input(&[], "DE", "BR");
        i.concerns.human_rights = true;
        let d = catch_all_art5(&i, &plain_situation());
        assert_eq!((d.verdict, rules(&d)), (None, vec!["Art. 5"]));
        let cyber = Situation {
            cyber: true,
            ..plain_situation()
        };
        let d = catch_all_art5(&i, &cyber);
        assert_eq!(d.verdict, Some(Verdict::NotifyAuthority));
        assert_eq!(rules(&d), ["Art. 5(2)"]);
    }

    #[test]
    fn inside_the_union_only_annex_iv_needs_an_authorisation() {
        let ds = ds();
        let d = intra_union_transfer(ds, &[]);
        assert_eq!((d.verdict, ids(&d)), (None, vec!["g.intra_eu"]));
        let annex_iv = assessed_entry(ds, ds.annex_iv[0].code.clone(), false);
        let d = intra_union_transfer(ds, &[annex_iv]);
        assert_eq!(d.verdict, Some(Verdict::AuthorisationRequired));
        assert_eq!(rules(&d), ["Art. 11(1)"]);
    }

    #[test]
    fn nothing_required_says_why_only_when_no_stage_called_for_anything() {
        let d = nothing_required(Verdict::NoAuthorisationIndicated, &[]);
        assert_eq!(rules(&d), ["Art. 3, 4, 5"]);
        let d = nothing_required(Verdict::NotifyAuthority, &[]);
        assert!(d.grounds.is_empty());
    }

    #[test]
    fn due_diligence_and_authority_follow_the_item_and_the_exporter() {
        assert_eq!(due_diligence(true).len(), DUE_DILIGENCE.len());
        assert!(due_diligence(false).is_empty());
        let de = competent_authority(ds(), Some("DE")).expect("an authority for DE");
        assert_eq!(de.member_state, "DE");
        assert_eq!(competent_authority(ds(), None), None);
    }
}
