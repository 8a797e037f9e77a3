//! The screening verdict: from the item's classification, the destination and what the
//! exporter knows or was told, to the rule that applies, with its legal grounds.
//!
//! Precedence (the first that applies wins): prohibited, authorisation_required,
//! notify_authority, general_authorisation_available, no_authorisation_indicated.

use std::collections::BTreeMap;

use crate::codes::{is_within, normalize_code, top_level};
use crate::compile::listed;
use crate::messages::{Arg, Msg};
use crate::model::{Circumstance, Dataset, SanctionEffect, SanctionScope, Ugea};
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

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssessInput {
    pub entries: Vec<String>,
    pub cyber_surveillance: bool,
    pub from: String,
    pub to: String,
    pub informed_by_authority: bool,
    pub concerns: Concerns,
    /// Non-listed equipment primarily for monitoring or intercepting internet or telephone
    /// communications (the sanctions regimes' list). `None`: not asked.
    pub telecom_monitoring: Option<bool>,
    pub circumstance: Option<Circumstance>,
    pub export_form: ExportForm,
    /// Answers to the guided questions; their findings add to `entries`.
    pub answers: Answers,
    /// Entries the search showed the exporter (see `search::shown_candidates`), with what the
    /// exporter said about each. One neither answered "no" nor settled otherwise (by an entry
    /// chosen, an item of it, or the guided questions) stays open and counts as listed.
    pub candidates: BTreeMap<String, Resolution>,
    /// Answers to the checklist of an entry (`checklist::checklist`): whether the item meets
    /// each node's own words, or a release applies, by code or release key. An entry whose
    /// items the answers meet is listed at those items; one they leave open counts as listed.
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

fn ground(ds: &Dataset, grounds: &mut Vec<Ground>, rule: &str, msg: Msg) {
    grounds.push(Ground {
        rule: rule.into(),
        text: msg.en(ds),
        msg,
    });
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

pub fn assess(ds: &Dataset, input: &AssessInput) -> Result<Assessment, InputError> {
    let mut grounds = Vec::new();
    let mut checked = Vec::new();
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
    // No verdict without a destination: what is allowed depends on it.
    if input.to.trim().is_empty() {
        return Err(InputError(
            "missing `to`: the destination is required for a result (an ISO 3166-1 alpha-2 code such as CN)".into(),
        ));
    }
    let to = Some(check_country(ds, &input.to, "to")?);

    // The item: the codes given, plus what the questions established.
    let mut entries: Vec<AssessedEntry> = Vec::new();
    let add = |code: String, open: bool, entries: &mut Vec<AssessedEntry>| {
        if entries.iter().any(|e| e.code == code) {
            return;
        }
        let node = crate::compile::nearest_existing(ds, &code).and_then(|c| ds.node(&c).cloned());
        let (heading, verified) = node
            .map(|n| (n.text.clone(), ds.entries[n.entry as usize].verified))
            .unwrap_or_default();
        entries.push(AssessedEntry {
            annex_iv: listed(&ds.annex_iv, &code) == Some(true),
            section_i: listed(&ds.section_i, &code) == Some(true)
                || listed(&ds.annex_iv, &code) == Some(true),
            cyber_surveillance: is_cyber_entry(&code),
            open,
            verified,
            code,
            heading,
            items: None,
        });
    };
    for raw in &input.entries {
        let code = resolve_code(ds, raw)?;
        add(code, false, &mut entries);
    }
    for raw in input.candidates.keys() {
        resolve_code(ds, raw).map_err(|e| InputError(format!("{} in `candidates`", e.0)))?;
    }
    check_answers(ds, &input.answers)?;
    let findings = evaluate(ds, &input.answers);
    let mut cyber_from_answers = false;
    for finding in findings.iter().cloned() {
        if finding.code == "ART-2-20" {
            match finding.status {
                ItemStatus::Matched => {
                    cyber_from_answers = true;
                    ground(ds, &mut grounds, "Art. 2(20)", Msg::new("g.cyber_matched"));
                }
                ItemStatus::Open(missing) => {
                    cyber_from_answers = true;
                    ground(
                        ds,
                        &mut grounds,
                        "Art. 2(20)",
                        Msg::new("g.cyber_open").with("questions", asked(&missing)),
                    );
                }
                ItemStatus::Released(note) => {
                    checked.push(Msg::new("c.cyber_released").cite("note", note))
                }
                ItemStatus::NotMatched => checked.push(Msg::new("c.cyber_not_matched")),
            }
            continue;
        }
        match finding.status {
            ItemStatus::Matched if !finding.possible_releases.is_empty() => {
                add(finding.code.clone(), true, &mut entries);
                ground(
                    ds,
                    &mut grounds,
                    "open",
                    Msg::new("g.open_release_unknown")
                        .plain("code", &finding.code)
                        .with(
                            "notes",
                            Arg::List(
                                finding
                                    .possible_releases
                                    .iter()
                                    .map(|n| Arg::Cite(n.clone()))
                                    .collect(),
                                "; ",
                            ),
                        ),
                );
            }
            ItemStatus::Matched => {
                add(finding.code.clone(), false, &mut entries);
                ground(
                    ds,
                    &mut grounds,
                    "Art. 3(1)",
                    Msg::new("g.answers_match").plain("code", &finding.code),
                );
            }
            ItemStatus::Open(missing) => {
                add(finding.code.clone(), true, &mut entries);
                ground(
                    ds,
                    &mut grounds,
                    "open",
                    Msg::new("g.open_questions")
                        .plain("code", &finding.code)
                        .with("questions", asked(&missing)),
                );
            }
            ItemStatus::Released(note) => {
                ground(
                    ds,
                    &mut grounds,
                    "released",
                    Msg::new("g.released")
                        .plain("code", &finding.code)
                        .cite("note", &note),
                );
                checked.push(
                    Msg::new("c.released")
                        .plain("code", &finding.code)
                        .cite("note", note),
                )
            }
            ItemStatus::NotMatched => {
                checked.push(Msg::new("c.not_matched").plain("code", &finding.code))
            }
        }
    }
    // The checklist: the items of an entry the answers meet are listed; those they leave
    // open count as listed; a release answered "yes" takes out what it releases.
    // Where guided questions decide an item, they take precedence: the checklist's answers
    // about that item are set aside, and what was checked says so.
    crate::checklist::check_answers(ds, &input.item_answers).map_err(InputError)?;
    let mut evaluations = Vec::new();
    let decided_by_questions = |code: &str| {
        findings
            .iter()
            .any(|f| is_within(code, &f.code) || is_within(&f.code, code))
    };
    for top in crate::checklist::walked_scopes(ds, &input.item_answers) {
        let Some(mut ev) = crate::checklist::evaluate(ds, &top, &input.item_answers) else {
            continue;
        };
        let mut set_aside: Vec<String> = Vec::new();
        if findings.iter().any(|f| is_within(&top, &f.code)) {
            set_aside.push(top.clone());
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
        if !set_aside.is_empty() || findings.iter().any(|f| is_within(&f.code, &top)) {
            if set_aside.is_empty() {
                set_aside.extend(
                    findings
                        .iter()
                        .filter(|f| is_within(&f.code, &top))
                        .map(|f| f.code.clone()),
                );
            }
            checked.push(Msg::new("c.questions_precede").with("items", codes_arg(&set_aside)));
            if ev.matched_items.is_empty() && ev.open_items.is_empty() {
                evaluations.push(ev);
                continue;
            }
        }
        for item in &ev.matched_items {
            add(item.clone(), false, &mut entries);
            ground(
                ds,
                &mut grounds,
                "Art. 3(1)",
                Msg::new("g.answers_match").plain("code", item),
            );
        }
        // Once an item is met the entry is listed; an item still open adds to that only
        // where it is stricter (Annex IV, Annex II Section I).
        for item in &ev.open_items {
            let stricter =
                listed(&ds.annex_iv, item).is_some() || listed(&ds.section_i, item).is_some();
            if ev.matched_items.is_empty() || stricter {
                add(item.clone(), true, &mut entries);
            }
        }
        if !ev.open_items.is_empty() && ev.matched_items.is_empty() {
            ground(
                ds,
                &mut grounds,
                "open",
                Msg::new("g.items_open")
                    .plain("code", &top)
                    .with("items", codes_arg(&ev.open_items)),
            );
        }
        let notes = || {
            Arg::List(
                ev.released_by
                    .iter()
                    .map(|n| Arg::Cite(n.clone()))
                    .collect(),
                "; ",
            )
        };
        if ev.matched_items.is_empty() && ev.open_items.is_empty() {
            if ev.released_by.is_empty() {
                checked.push(Msg::new("c.not_matched").plain("code", &top));
            } else {
                ground(
                    ds,
                    &mut grounds,
                    "released",
                    Msg::new("g.released")
                        .plain("code", &top)
                        .with("note", notes()),
                );
                checked.push(
                    Msg::new("c.released")
                        .plain("code", &top)
                        .with("note", notes()),
                );
            }
        }
        evaluations.push(ev);
    }

    // Entries the search showed: "yes" makes one listed; "don't know", or no answer at all,
    // keeps it open (counted as listed) unless something else settles it.
    for c in candidate_states(ds, input, &findings) {
        match c.state {
            CandidateState::Yes => {
                add(c.code.clone(), false, &mut entries);
                ground(
                    ds,
                    &mut grounds,
                    "Annex I",
                    Msg::new("g.candidate_yes").plain("code", &c.code),
                );
            }
            CandidateState::No => checked.push(Msg::new("c.candidate_no").plain("code", &c.code)),
            CandidateState::Settled(why) => checked.push(
                Msg::new("c.candidate_settled")
                    .plain("code", &c.code)
                    .with("why", why),
            ),
            CandidateState::Open(r) => {
                add(c.code.clone(), true, &mut entries);
                ground(
                    ds,
                    &mut grounds,
                    "open",
                    Msg::new(if r == Resolution::Unknown {
                        "g.candidate_unknown"
                    } else {
                        "g.candidate_open"
                    })
                    .plain("code", &c.code),
                );
            }
        }
    }

    // An ancestor and its own item: keep the more specific code only.
    let codes: Vec<String> = entries.iter().map(|e| e.code.clone()).collect();
    entries.retain(|e| !codes.iter().any(|c| c != &e.code && is_within(c, &e.code)));
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

    let listed_item = !entries.is_empty();
    let cyber = input.cyber_surveillance
        || cyber_from_answers
        || entries.iter().any(|e| e.cyber_surveillance);
    let concerns = &input.concerns;
    let informed = input.informed_by_authority;
    let aware = !informed;
    let to_country = to.as_deref().and_then(|t| ds.country(t));
    let intra_eu = to_country.is_some_and(|c| c.eu);
    let embargo = to
        .as_deref()
        .and_then(|t| ds.embargoes.iter().find(|e| e.country == t));
    // A binding embargo on the whole country answers Art. 4(1)(b) "yes"; a political one,
    // or one limited to some end-users, only "possibly": never "no".
    let binding_embargo = embargo.is_some_and(|e| e.binding && e.whole_country);
    let political_embargo = embargo.is_some_and(|e| !e.binding || !e.whole_country);

    checked.push(if listed_item {
        let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
        Msg::new("c.classification").with("codes", codes_arg(&codes))
    } else {
        Msg::new("c.classification_none")
    });
    if let Some(t) = to_country {
        checked.push(
            Msg::new(if t.eu {
                "c.destination_eu"
            } else {
                "c.destination"
            })
            .with("country", Arg::Country(t.code.clone()))
            .plain("code", &t.code),
        );
    } else {
        checked.push(Msg::new("c.destination_none"));
    }
    if input.export_form == ExportForm::Electronic {
        ground(ds, &mut grounds, "Art. 2(2)(d)", Msg::new("g.electronic"));
    }

    let mut verdict = Verdict::NoAuthorisationIndicated;
    let raise = |v: Verdict, verdict: &mut Verdict| {
        if v < *verdict {
            *verdict = v;
        }
    };
    let mut ugeas_found = Vec::new();

    if intra_eu {
        // Art. 11: inside the Union only Annex IV items need an authorisation.
        let annex_iv: Vec<&AssessedEntry> = entries.iter().filter(|e| e.annex_iv).collect();
        for e in entries
            .iter()
            .filter(|e| !e.annex_iv && listed(&ds.annex_iv, &e.code) == Some(false))
        {
            raise(Verdict::AuthorisationRequired, &mut verdict);
            let parts: Vec<&str> = ds
                .annex_iv
                .iter()
                .filter(|l| is_within(&l.code, &e.code))
                .map(|l| l.code.as_str())
                .collect();
            ground(
                ds,
                &mut grounds,
                "Art. 11(1)",
                Msg::new("g.annex_iv_part")
                    .plain("code", &e.code)
                    .with("parts", codes_arg(&parts)),
            );
        }
        if !annex_iv.is_empty() {
            raise(Verdict::AuthorisationRequired, &mut verdict);
            for e in annex_iv {
                ground(
                    ds,
                    &mut grounds,
                    "Art. 11(1)",
                    Msg::new("g.annex_iv").plain("code", &e.code),
                );
            }
        } else {
            ground(ds, &mut grounds, "Art. 11(1)", Msg::new("g.intra_eu"));
        }
        checked.push(Msg::new("c.annex_iv"));
    } else {
        // Sanctions first: they override licensing.
        if let Some(t) = &to {
            for rule in ds.sanctions.iter().filter(|s| &s.destination == t) {
                let article = if rule.article.starts_with("Art") {
                    rule.article.clone()
                } else {
                    format!("Art. {}", rule.article)
                };
                let cite = format!("{article} of {}", rule.act);
                checked.push(
                    Msg::new("c.sanctions")
                        .cite("cite", &cite)
                        .plain("date", &rule.as_of),
                );
                match (rule.applies_to, rule.effect) {
                    (SanctionScope::AnnexI, SanctionEffect::Prohibited) => {
                        if listed_item {
                            raise(Verdict::Prohibited, &mut verdict);
                            ground(
                                ds,
                                &mut grounds,
                                &cite,
                                Msg::new("g.sanction_annex_i").cite("cite", &cite),
                            );
                        } else {
                            raise(Verdict::AuthorisationRequired, &mut verdict);
                            ground(
                                ds,
                                &mut grounds,
                                &cite,
                                Msg::new("g.sanction_unlisted").cite("act", &rule.act),
                            );
                        }
                    }
                    (SanctionScope::AnnexIMilitaryEndUse, SanctionEffect::Prohibited)
                        if listed_item =>
                    {
                        if concerns.military_end_use {
                            raise(Verdict::Prohibited, &mut verdict);
                            ground(
                                ds,
                                &mut grounds,
                                &cite,
                                Msg::new("g.sanction_military").cite("cite", &cite),
                            );
                        } else {
                            ground(
                                ds,
                                &mut grounds,
                                &cite,
                                Msg::new("g.sanction_military_verify").cite("cite", &cite),
                            );
                        }
                    }
                    (SanctionScope::SelectedItems, effect) if listed_item => {
                        raise(Verdict::AuthorisationRequired, &mut verdict);
                        let id = if effect == SanctionEffect::Prohibited {
                            "g.sanction_selected_listed_prohibits"
                        } else {
                            "g.sanction_selected_listed_authorisation"
                        };
                        ground(ds, &mut grounds, &cite, Msg::new(id).cite("cite", &cite));
                    }
                    (SanctionScope::SelectedItems, effect) => {
                        // Whether the item is in the act's annex is not established: like an
                        // open entry, that counts as restricted until the exporter has checked.
                        raise(Verdict::AuthorisationRequired, &mut verdict);
                        let id = if effect == SanctionEffect::Prohibited {
                            "g.sanction_selected_prohibits"
                        } else {
                            "g.sanction_selected_authorisation"
                        };
                        ground(ds, &mut grounds, &cite, Msg::new(id).cite("cite", &cite));
                    }
                    (SanctionScope::TelecomMonitoring, _) if !listed_item => {
                        let applies = input.telecom_monitoring.unwrap_or(cyber);
                        if applies || input.telecom_monitoring.is_none() && cyber {
                            raise(Verdict::AuthorisationRequired, &mut verdict);
                            ground(
                                ds,
                                &mut grounds,
                                &cite,
                                Msg::new(if input.telecom_monitoring.is_none() {
                                    "g.sanction_telecom_if"
                                } else {
                                    "g.sanction_telecom"
                                })
                                .cite("cite", &cite),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }

        // Listed items leaving the Union: Art. 3(1), unless a UGEA serves.
        if listed_item {
            let mut all_covered = to.is_some();
            // The shared UGEA conditions bar uses in Art. 4(1): a military end-use counts only
            // for a destination under an arms embargo (political: possibly, so barred too).
            let embargoed = binding_embargo || political_embargo;
            let barred_by_concern = concerns.wmd
                || concerns.illegal_military_parts
                || concerns.military_end_use && embargoed;
            for e in &entries {
                ground(
                    ds,
                    &mut grounds,
                    "Art. 3(1)",
                    Msg::new(if e.open { "g.art3_open" } else { "g.art3" }).cite(
                        "cite",
                        format!("Art. 3(1) of Regulation (EU) 2021/821; Annex I {}", e.code),
                    ),
                );
                let covering: Vec<&Ugea> = match &to {
                    Some(t) => ds
                        .ugeas
                        .iter()
                        .filter(|u| ugea_covers(ds, u, e, t, input, embargoed, true))
                        .collect(),
                    None => Vec::new(),
                };
                if let Some(t) = &to {
                    for u in ds.ugeas.iter().filter(|u| {
                        ugea_covers(ds, u, e, t, input, embargoed, false)
                            && !covering.iter().any(|c| c.code == u.code)
                    }) {
                        ground(
                            ds,
                            &mut grounds,
                            "Annex II",
                            Msg::new("g.ugea_barred")
                                .plain("ugea", &u.code)
                                .plain("code", &e.code)
                                .with(
                                    "concerns",
                                    Arg::List(
                                        barring_concerns(u, input, embargoed)
                                            .into_iter()
                                            .map(phrase)
                                            .collect(),
                                        ", ",
                                    ),
                                ),
                        );
                    }
                    // Part of the entry is in Annex II Section I: say which, so the exporter can
                    // classify down to the item instead of applying for what a UGEA covers.
                    let section_i_parts: Vec<&str> = ds
                        .section_i
                        .iter()
                        .filter(|l| is_within(&l.code, &e.code) && l.code != e.code)
                        .map(|l| l.code.as_str())
                        .collect();
                    if covering.is_empty() && !e.section_i && !section_i_parts.is_empty() {
                        let excluded_only_by_parts: Vec<&str> = ds
                            .ugeas
                            .iter()
                            .filter(|u| {
                                u.excludes_section_i
                                    && (u.all_items
                                        || u.items.iter().any(|i| is_within(&e.code, i)))
                            })
                            .filter(|u| {
                                if u.all_destinations {
                                    !u.excluded_destinations.contains(t)
                                } else {
                                    u.destinations.contains(t)
                                }
                            })
                            .filter(|u| {
                                u.circumstance == Circumstance::Any
                                    && barring_concerns(u, input, embargoed).is_empty()
                            })
                            .map(|u| u.code.as_str())
                            .collect();
                        if !excluded_only_by_parts.is_empty() {
                            ground(
                                ds,
                                &mut grounds,
                                "Annex II Section I",
                                Msg::new("g.section_i_parts")
                                    .with("ugeas", codes_arg(&excluded_only_by_parts))
                                    .plain("code", &e.code)
                                    .with("parts", codes_arg(&section_i_parts)),
                            );
                        }
                    }
                }
                if covering.is_empty() {
                    all_covered = false;
                }
                for u in covering {
                    if !ugeas_found.contains(&u.code) {
                        ugeas_found.push(u.code.clone());
                    }
                }
            }
            checked.push(Msg::new("c.ugeas"));
            if barred_by_concern {
                ground(ds, &mut grounds, "Annex II", Msg::new("g.ugea_none_art4"));
                ugeas_found.clear();
                all_covered = false;
            }
            if all_covered && !ugeas_found.is_empty() {
                raise(Verdict::GeneralAuthorisationAvailable, &mut verdict);
                for code in &ugeas_found {
                    let u = ds
                        .ugeas
                        .iter()
                        .find(|u| &u.code == code)
                        .expect("found above");
                    ground(
                        ds,
                        &mut grounds,
                        "Art. 12(1)(d)",
                        Msg::new("g.ugea_covers")
                            .plain("ugea", &u.code)
                            .cite("part", &u.annex_part),
                    );
                }
            } else {
                ugeas_found.clear();
                raise(Verdict::AuthorisationRequired, &mut verdict);
            }
            listed_concern_grounds(ds, input, embargoed, &ugeas_found, &mut grounds);
        } else {
            // Catch-alls for non-listed items.
            let embargo_text = if binding_embargo {
                Some("g.embargo_binding")
            } else if political_embargo {
                Some("g.embargo_political")
            } else {
                None
            };
            let art4_uses: Vec<(&str, &str)> = [
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
            ]
            .into_iter()
            .filter(|(on, _, _)| *on)
            .map(|(_, l, t)| (l, t))
            .collect();
            if concerns.military_end_use && embargo_text.is_none() {
                ground(
                    ds,
                    &mut grounds,
                    "Art. 4(1)(b)",
                    Msg::new("g.military_no_embargo"),
                );
            }
            for (letter, what) in &art4_uses {
                let rule = format!("Art. 4(1){letter}");
                if informed {
                    raise(Verdict::AuthorisationRequired, &mut verdict);
                    ground(
                        ds,
                        &mut grounds,
                        &rule,
                        Msg::new("g.art4_informed")
                            .with("use", phrase(what))
                            .cite("cite", format!("{rule} of Regulation (EU) 2021/821")),
                    );
                } else {
                    raise(Verdict::NotifyAuthority, &mut verdict);
                    ground(
                        ds,
                        &mut grounds,
                        "Art. 4(2)",
                        Msg::new("g.art4_aware").with("use", phrase(what)),
                    );
                }
                if *letter == "(b)" {
                    if let Some(t) = embargo_text {
                        ground(ds, &mut grounds, "Art. 2(19)", Msg::new(t));
                    }
                }
            }
            if concerns.human_rights {
                if cyber {
                    if informed {
                        raise(Verdict::AuthorisationRequired, &mut verdict);
                        ground(ds, &mut grounds, "Art. 5(1)", Msg::new("g.art5_informed"));
                    } else if aware {
                        raise(Verdict::NotifyAuthority, &mut verdict);
                        ground(ds, &mut grounds, "Art. 5(2)", Msg::new("g.art5_aware"));
                    }
                } else if informed {
                    raise(Verdict::AuthorisationRequired, &mut verdict);
                    ground(
                        ds,
                        &mut grounds,
                        "Art. 5(1)",
                        Msg::new("g.art5_informed_not_cyber"),
                    );
                } else {
                    ground(ds, &mut grounds, "Art. 5", Msg::new("g.art5_not_cyber"));
                }
            }
            checked.push(Msg::new("c.catch_all"));
        }
        if let Some(e) = embargo {
            checked.push(
                Msg::new("c.embargo")
                    .with("country", Arg::Country(e.country.clone()))
                    .cite("basis", &e.basis)
                    .plain("date", &e.as_of),
            );
        }
    }

    let open_codes: Vec<&str> = entries
        .iter()
        .filter(|e| e.open)
        .map(|e| e.code.as_str())
        .collect();
    if verdict == Verdict::NoAuthorisationIndicated && !open_codes.is_empty() {
        ground(
            ds,
            &mut grounds,
            "Art. 11",
            Msg::new("g.intra_eu_open").with("codes", codes_arg(&open_codes)),
        );
    } else if verdict == Verdict::NoAuthorisationIndicated && listed_item {
        ground(ds, &mut grounds, "Art. 11", Msg::new("g.intra_eu_listed"));
    } else if verdict == Verdict::NoAuthorisationIndicated {
        ground(ds, &mut grounds, "Art. 3, 4, 5", Msg::new("g.not_listed"));
    }
    let due_diligence = if cyber {
        DUE_DILIGENCE.iter().map(|s| s.to_string()).collect()
    } else {
        Vec::new()
    };
    let authority = from
        .as_deref()
        .and_then(|f| ds.authorities.iter().find(|a| a.member_state == f))
        .map(|a| AuthorityRef {
            member_state: a.member_state.clone(),
            name: a.name.clone(),
            web: a.web.clone(),
            verified: a.verified,
        });
    Ok(Assessment {
        verdict,
        grounds,
        general_authorisations: ugeas_found,
        entries,
        due_diligence,
        authority,
        checked: checked.iter().map(|m| m.en(ds)).collect(),
        checked_msgs: checked,
        dataset_version: format!(
            "{}, {} (consolidated {})",
            ds.info.regulation, ds.info.annex_version, ds.info.consolidated_as_of
        ),
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
    grounds: &mut Vec<Ground>,
) {
    let c = &input.concerns;
    if !(c.wmd || c.military_end_use || c.illegal_military_parts || c.human_rights) {
        return;
    }
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
    let uses = Arg::List(uses, "; ");
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
    if barred.is_empty() {
        let id = if informed {
            "g.listed_bars_none_informed"
        } else {
            "g.listed_bars_none_aware"
        };
        ground(
            ds,
            grounds,
            "Annex II",
            Msg::new(id).with("uses", uses.clone()),
        );
    } else {
        let id = if informed {
            "g.listed_bars_informed"
        } else {
            "g.listed_bars_aware"
        };
        ground(
            ds,
            grounds,
            "Annex II",
            Msg::new(id).with("ugeas", Arg::List(barred, "; ")),
        );
    }
    if c.military_end_use && !embargoed {
        ground(
            ds,
            grounds,
            "Art. 4(1)(b)",
            Msg::new("g.listed_military_no_embargo"),
        );
    }
    if c.human_rights {
        ground(ds, grounds, "Art. 5", Msg::new("g.listed_human_rights"));
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
    ground(
        ds,
        grounds,
        "Art. 15(1)",
        Msg::new("g.authority_weighs").with("considerations", Arg::List(weighs, "; ")),
    );
    let id = if informed {
        "g.disclose_informed"
    } else {
        "g.disclose_aware"
    };
    ground(ds, grounds, "Art. 15(1)", Msg::new(id).with("uses", uses));
    if !usable.is_empty() {
        ground(
            ds,
            grounds,
            "Annex II",
            Msg::new("g.ugea_stays_usable").with("ugeas", codes_arg(usable)),
        );
    }
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
