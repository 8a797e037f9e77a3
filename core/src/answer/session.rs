//! What the user established, as a record they can keep: the session (inputs only), its
//! compact link form for the URL fragment, the versioned JSON record, and the Markdown report.
//!
//! The link is `v2.` + base64url(zlib(postcard(session))) (`v1.` links, from before the
//! candidates were kept, still read): small, checksummed, and parsed
//! strictly, so a damaged or foreign link gives a clear message, never a half-read session.

use base64::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::assess::{
    AssessInput, Assessment, Concerns, ExportForm, Resolution, DUE_DILIGENCE, DUE_DILIGENCE_IDS,
};
use crate::checklist::ItemAnswer;
use crate::messages::{label, render, Msg};
use crate::questions::Answer;
use crate::Dataset;

pub const RECORD_SCHEMA: &str = "dualuse-screener/record";
/// 2 adds what a person reads as evidence (docs/record-schema.md); version 1 records, the
/// session and cited entries only, still load.
pub const RECORD_SCHEMA_VERSION: u32 = 2;
/// Links are written in the v2 shape (with the candidates), or v3 (v2 and the checklist
/// answers) when the session has checklist answers; v1 links still read.
const LINK_PREFIX: &str = "v2.";
const LINK_PREFIX_V3: &str = "v3.";
const LINK_PREFIX_V1: &str = "v1.";
/// A link longer than this is not ours (sessions are a few hundred bytes).
const MAX_LINK_CHARS: usize = 16_384;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl AnswerValue {
    pub fn to_answer(&self) -> Answer {
        match self {
            AnswerValue::Bool(true) => Answer::Yes,
            AnswerValue::Bool(false) => Answer::No,
            AnswerValue::Number(n) => Answer::Number(*n),
            AnswerValue::Text(t) if t == "unknown" => Answer::Unknown,
            AnswerValue::Text(t) if t == "yes" => Answer::Yes,
            AnswerValue::Text(t) if t == "no" => Answer::No,
            AnswerValue::Text(t) => Answer::Choice(t.clone()),
        }
    }

    pub fn from_answer(a: &Answer) -> AnswerValue {
        match a {
            Answer::Yes => AnswerValue::Bool(true),
            Answer::No => AnswerValue::Bool(false),
            Answer::Unknown => AnswerValue::Text("unknown".into()),
            Answer::Number(n) => AnswerValue::Number(*n),
            Answer::Choice(c) => AnswerValue::Text(c.clone()),
        }
    }
}

/// Everything the user entered. Derived things (search results, the verdict) are not kept:
/// they are recomputed from the dataset in force.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Session {
    pub description: String,
    pub searches: Vec<String>,
    pub picked: Vec<String>,
    pub answers: BTreeMap<String, AnswerValue>,
    pub cyber_surveillance: bool,
    pub telecom_monitoring: Option<bool>,
    pub from: String,
    pub to: String,
    pub informed_by_authority: bool,
    pub concerns: Concerns,
    /// `goods`, `electronic` or `exhibition`.
    pub export_form: String,
    /// Indices of the due-diligence steps the user ticked.
    pub ticks: Vec<u8>,
    /// Entries the search showed and what the user said of each ("yes", "no", "unknown",
    /// "open" for not answered). Missing in records made before: none.
    pub candidates: BTreeMap<String, Resolution>,
    /// Answers to entries' checklists (`checklist::checklist`), by item code or release key.
    /// Missing in records made before: none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub item_answers: crate::checklist::ItemAnswers,
}

impl Session {
    pub fn assess_input(&self) -> AssessInput {
        AssessInput {
            entries: self.picked.clone(),
            cyber_surveillance: self.cyber_surveillance,
            from: self.from.clone(),
            to: self.to.clone(),
            informed_by_authority: self.informed_by_authority,
            concerns: self.concerns.clone(),
            telecom_monitoring: self.telecom_monitoring,
            circumstance: None,
            export_form: match self.export_form.as_str() {
                "electronic" => ExportForm::Electronic,
                "exhibition" => ExportForm::Exhibition,
                _ => ExportForm::Goods,
            },
            answers: self
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), v.to_answer()))
                .collect(),
            candidates: self.candidates.clone(),
            item_answers: self.item_answers.clone(),
        }
    }

    /// Answers the current questions no longer accept (a question removed, a choice dropped
    /// when the law changed, such as the banking and PAN items that left Note 2 to 5A002.a):
    /// taken out so that the session still opens, and named so the user answers again.
    pub fn drop_outdated_answers(&mut self, ds: &Dataset) -> Vec<String> {
        let mut dropped = Vec::new();
        self.answers.retain(|id, value| {
            let fits = ds.questions.iter().find(|q| &q.id == id).is_some_and(|q| {
                match (&q.kind, value.to_answer()) {
                    (crate::questions::QuestionKind::Choice, Answer::Choice(c)) => {
                        q.choices.iter().any(|(v, _)| *v == c)
                    }
                    _ => true,
                }
            });
            if !fits {
                dropped.push(format!(
                    "Your answer to the question `{id}` no longer fits it (the question changed with the control list): answer it again."
                ));
            }
            fits
        });
        dropped
    }

    /// Check every code, country and question id against the dataset.
    pub fn validate(&self, ds: &Dataset) -> Result<(), String> {
        for code in &self.picked {
            crate::assess::resolve_code(ds, code).map_err(|e| e.0)?;
        }
        for code in self.candidates.keys() {
            crate::assess::resolve_code(ds, code)
                .map_err(|e| format!("{} in `candidates`", e.0))?;
        }
        for (field, c) in [("from", &self.from), ("to", &self.to)] {
            if !c.is_empty() && ds.country(c).is_none() {
                return Err(format!("unknown country `{c}` in `{field}`"));
            }
        }
        if let Some(id) = self
            .answers
            .keys()
            .find(|id| !ds.questions.iter().any(|q| &q.id == *id))
        {
            return Err(format!("unknown question `{id}`"));
        }
        crate::checklist::check_answers(ds, &self.item_answers)?;
        if !["", "goods", "electronic", "exhibition"].contains(&self.export_form.as_str()) {
            return Err(format!("unknown form of export `{}`", self.export_form));
        }
        Ok(())
    }
}

/// The URL-fragment form of a session.
pub fn encode_link(session: &Session) -> String {
    let v2 = LinkSession::from(session);
    let (prefix, bytes) = if session.item_answers.is_empty() {
        (LINK_PREFIX, postcard::to_allocvec(&v2))
    } else {
        let v3 = LinkSessionV3 {
            v2,
            item_answers: session
                .item_answers
                .iter()
                .map(|(k, a)| (k.clone(), *a as u8))
                .collect(),
        };
        (LINK_PREFIX_V3, postcard::to_allocvec(&v3))
    };
    let bytes = bytes.expect("a session always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 9);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Read a link made by `encode_link`; any damage gives a message that says what is wrong.
pub fn decode_link(ds: &Dataset, link: &str) -> Result<Session, String> {
    let mut session = read_link(link)?;
    session.drop_outdated_answers(ds);
    session
        .validate(ds)
        .map_err(|e| format!("this link does not fit the current control list: {e}"))?;
    Ok(session)
}

/// The session a link holds, not yet checked against the dataset.
fn read_link(link: &str) -> Result<Session, String> {
    let link = link.trim().trim_start_matches('#');
    if link.len() > MAX_LINK_CHARS {
        return Err("this link is far too long to be a screening session".into());
    }
    let (body, version) = match (
        link.strip_prefix(LINK_PREFIX),
        link.strip_prefix(LINK_PREFIX_V1),
        link.strip_prefix(LINK_PREFIX_V3),
    ) {
        (Some(b), _, _) => (b, 2),
        (None, Some(b), _) => (b, 1),
        (None, None, Some(b)) => (b, 3),
        _ => {
            return Err(
                "this link does not hold a screening session (or comes from a newer version)"
                    .into(),
            )
        }
    };
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| "this link is damaged: it is not valid base64url text")?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, 1 << 20)
        .map_err(|_| "this link is damaged: its compressed data does not check out")?;
    // Strict: every byte belongs to the session (a v2 body under a v1 prefix is damaged).
    fn whole<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
        match postcard::take_from_bytes::<T>(bytes) {
            Ok((value, [])) => Ok(value),
            _ => Err("this link is damaged: its contents cannot be read".into()),
        }
    }
    let session = match version {
        1 => Session::from(whole::<LinkSessionV1>(&bytes)?),
        2 => Session::from(whole::<LinkSession>(&bytes)?),
        _ => {
            let v3 = whole::<LinkSessionV3>(&bytes)?;
            let mut session = Session::from(v3.v2);
            for (key, tag) in v3.item_answers {
                let answer = match tag {
                    0 => ItemAnswer::Yes,
                    1 => ItemAnswer::No,
                    2 => ItemAnswer::Unknown,
                    _ => return Err("this link is damaged: its contents cannot be read".into()),
                };
                session.item_answers.insert(key, answer);
            }
            session
        }
    };
    Ok(session)
}

/// Postcard is not self-describing: the link uses a fixed shape with answers as tagged
/// values, so the encoding does not depend on serde's untagged handling.
#[derive(Serialize, Deserialize)]
struct LinkSession {
    description: String,
    searches: Vec<String>,
    picked: Vec<String>,
    answers: Vec<(String, u8, f64, String)>,
    flags: u16,
    telecom: u8,
    from: String,
    to: String,
    export_form: String,
    ticks: Vec<u8>,
    /// (code, 0 yes, 1 no, 2 unknown, 3 open)
    candidates: Vec<(String, u8)>,
}

/// The v3 link shape: v2, then the checklist answers (code or release key, 0 yes, 1 no,
/// 2 unknown). Written only when there are some, so other links stay v2.
#[derive(Serialize, Deserialize)]
struct LinkSessionV3 {
    v2: LinkSession,
    item_answers: Vec<(String, u8)>,
}

/// The v1 link shape: v2 without the candidates.
#[derive(Serialize, Deserialize)]
struct LinkSessionV1 {
    description: String,
    searches: Vec<String>,
    picked: Vec<String>,
    answers: Vec<(String, u8, f64, String)>,
    flags: u16,
    telecom: u8,
    from: String,
    to: String,
    export_form: String,
    ticks: Vec<u8>,
}

impl From<LinkSessionV1> for Session {
    fn from(l: LinkSessionV1) -> Self {
        Session::from(LinkSession {
            description: l.description,
            searches: l.searches,
            picked: l.picked,
            answers: l.answers,
            flags: l.flags,
            telecom: l.telecom,
            from: l.from,
            to: l.to,
            export_form: l.export_form,
            ticks: l.ticks,
            candidates: Vec::new(),
        })
    }
}

impl From<&Session> for LinkSession {
    fn from(s: &Session) -> Self {
        let c = &s.concerns;
        let flags = [
            s.cyber_surveillance,
            s.informed_by_authority,
            c.wmd,
            c.military_end_use,
            c.illegal_military_parts,
            c.human_rights,
        ]
        .iter()
        .enumerate()
        .fold(0u16, |acc, (i, b)| acc | (u16::from(*b) << i));
        LinkSession {
            description: s.description.clone(),
            searches: s.searches.clone(),
            picked: s.picked.clone(),
            answers: s
                .answers
                .iter()
                .map(|(k, v)| match v {
                    AnswerValue::Bool(b) => (k.clone(), u8::from(*b), 0.0, String::new()),
                    AnswerValue::Number(n) => (k.clone(), 2, *n, String::new()),
                    AnswerValue::Text(t) => (k.clone(), 3, 0.0, t.clone()),
                })
                .collect(),
            flags,
            telecom: match s.telecom_monitoring {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            },
            from: s.from.clone(),
            to: s.to.clone(),
            export_form: s.export_form.clone(),
            ticks: s.ticks.clone(),
            candidates: s
                .candidates
                .iter()
                .map(|(c, r)| {
                    let tag = match r {
                        Resolution::Yes => 0,
                        Resolution::No => 1,
                        Resolution::Unknown => 2,
                        Resolution::Open => 3,
                    };
                    (c.clone(), tag)
                })
                .collect(),
        }
    }
}

impl From<LinkSession> for Session {
    fn from(l: LinkSession) -> Self {
        let bit = |i: u16| l.flags & (1 << i) != 0;
        Session {
            description: l.description,
            searches: l.searches,
            picked: l.picked,
            answers: l
                .answers
                .into_iter()
                .map(|(k, tag, n, t)| {
                    let v = match tag {
                        0 => AnswerValue::Bool(false),
                        1 => AnswerValue::Bool(true),
                        2 => AnswerValue::Number(n),
                        _ => AnswerValue::Text(t),
                    };
                    (k, v)
                })
                .collect(),
            cyber_surveillance: bit(0),
            informed_by_authority: bit(1),
            concerns: Concerns {
                wmd: bit(2),
                military_end_use: bit(3),
                illegal_military_parts: bit(4),
                human_rights: bit(5),
            },
            telecom_monitoring: match l.telecom {
                1 => Some(false),
                2 => Some(true),
                _ => None,
            },
            from: l.from,
            to: l.to,
            export_form: l.export_form,
            ticks: l.ticks,
            candidates: l
                .candidates
                .into_iter()
                .map(|(c, tag)| {
                    let r = match tag {
                        0 => Resolution::Yes,
                        1 => Resolution::No,
                        2 => Resolution::Unknown,
                        _ => Resolution::Open,
                    };
                    (c, r)
                })
                .collect(),
            item_answers: Default::default(),
        }
    }
}

/// A cited entry as it stood when the record was made, to tell later what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CitedEntry {
    pub code: String,
    pub text: String,
    /// FNV-1a of the node's text and notes, hex.
    pub digest: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetStamp {
    pub regulation: String,
    pub annex_version: String,
    pub consolidated_as_of: String,
}

/// The JSON record (schema `dualuse-screener/record`, version 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub schema: String,
    pub schema_version: u32,
    pub created_at: String,
    pub dataset: DatasetStamp,
    pub session: Session,
    pub cited_entries: Vec<CitedEntry>,
    /// Version 2 on: the language of the labels and texts below ("en", "de", "fr").
    #[serde(default)]
    pub lang: String,
    /// Version 2 on: the as-of date of every source the result rests on.
    #[serde(default)]
    pub sources: Vec<RecordSource>,
    /// Version 2 on: the answers in the order the questionnaire asks them, as shown.
    #[serde(default)]
    pub answers: Vec<RecordAnswer>,
    /// Version 2 on: the entries the search showed and where each stands.
    #[serde(default)]
    pub candidates: Vec<RecordCandidate>,
    /// Version 2 on: the entries the result counts, listed or left open.
    #[serde(default)]
    pub entries: Vec<RecordEntry>,
    /// Version 2 on: the verdict and what it rests on; absent without a destination.
    #[serde(default)]
    pub result: Option<RecordResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordSource {
    /// `annex-i`, `ugea`, `sanctions`, `embargoes`, `authorities`.
    pub source: String,
    pub document: String,
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAnswer {
    pub id: String,
    /// The question as the user read it.
    pub question: String,
    /// The stored value (as in `session.answers`).
    pub value: AnswerValue,
    /// The answer as the user chose it ("yes", "don't know", a choice's label ...).
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCandidate {
    pub code: String,
    /// `yes`, `no`, `settled` or `open`.
    pub state: String,
    /// How it reads: "yes", "don't know: open", "settled by ...".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordEntry {
    pub code: String,
    pub heading: String,
    /// Still open: counted as listed until settled.
    pub open: bool,
    #[serde(rename = "annexIV")]
    pub annex_iv: bool,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordGround {
    /// The citation ("Art. 3(1)") or, in `lang`, "open" / "released".
    pub rule: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordStep {
    pub text: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAuthority {
    pub member_state: String,
    pub name: String,
    pub web: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordResult {
    /// The JS API's verdict value (`authorisation_required` ...).
    pub verdict: String,
    /// The verdict as shown.
    pub verdict_label: String,
    pub grounds: Vec<RecordGround>,
    pub general_authorisations: Vec<String>,
    pub checked: Vec<String>,
    pub due_diligence: Vec<RecordStep>,
    pub authority: Option<RecordAuthority>,
}

fn digest(ds: &Dataset, code: &str) -> Option<(String, String)> {
    let node = ds.node(code)?;
    let mut h: u64 = 0xcbf29ce484222325;
    let notes: Vec<String> = node
        .notes
        .iter()
        .map(|n| crate::model::lines_to_plain(&n.lines))
        .collect();
    for b in node.text.bytes().chain(notes.join("\n").bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    Some((node.text.clone(), format!("{h:016x}")))
}

/// The record in English (`make_record_in` for the user's language).
pub fn make_record(ds: &Dataset, session: &Session, created_at: &str) -> Record {
    make_record_in(ds, session, created_at, "en")
}

/// The record with its labels and texts in `lang` ("en", "de", "fr"): the session that
/// restores it, and what a person reads as evidence (the verdict and its grounds, what was
/// checked, the entries, the candidates, the answers as asked and shown, the sources' dates).
/// Legal text and citations stay in the original English.
pub fn make_record_in(ds: &Dataset, session: &Session, created_at: &str, lang: &str) -> Record {
    let lang = match lang {
        "de" | "fr" => lang,
        _ => "en",
    };
    let mut record = make_record_v1(ds, session, created_at);
    record.lang = lang.into();
    record.sources = crate::provenance::source_dates(ds, created_at)
        .into_iter()
        .map(|s| RecordSource {
            source: s.source.into(),
            document: s.document,
            as_of: s.as_of,
        })
        .collect();
    record.answers = record_answers(ds, session, lang);
    let input = session.assess_input();
    record.candidates = record_candidates(ds, &input, lang);
    if let Ok(a) = crate::assess::assess(ds, &input) {
        record.entries = a
            .entries
            .iter()
            .map(|e| RecordEntry {
                code: e.code.clone(),
                heading: e.heading.clone(),
                open: e.open,
                annex_iv: e.annex_iv,
                verified: e.verified,
            })
            .collect();
        record.result = Some(record_result(ds, session, &a, lang));
    }
    record
}

/// The guided answers as asked and shown, in the questionnaire's order (the UI's).
fn record_answers(ds: &Dataset, session: &Session, lang: &str) -> Vec<RecordAnswer> {
    let l = |id: &str| label(lang, id).to_string();
    ds.questions
        .iter()
        .filter_map(|q| {
            let v = session.answers.get(&q.id)?;
            let answer = match v {
                AnswerValue::Bool(b) => l(if *b { "md.yes" } else { "md.no" }),
                AnswerValue::Number(n) => n.to_string(),
                AnswerValue::Text(t) if t == "unknown" => l("md.dont_know"),
                AnswerValue::Text(t) => q
                    .choices_in(lang)
                    .into_iter()
                    .find(|(v, _)| v == t)
                    .map(|(_, label)| label.to_string())
                    .unwrap_or_else(|| t.clone()),
            };
            Some(RecordAnswer {
                id: q.id.clone(),
                question: q.ask_in(lang).to_string(),
                value: v.clone(),
                answer,
            })
        })
        .collect()
}

/// The entries the search showed, with where each stands and its label in `lang`.
fn record_candidates(
    ds: &Dataset,
    input: &crate::assess::AssessInput,
    lang: &str,
) -> Vec<RecordCandidate> {
    use crate::assess::CandidateState;
    let l = |id: &str| label(lang, id).to_string();
    let findings = crate::questions::evaluate(ds, &input.answers);
    crate::assess::candidate_states(ds, input, &findings)
        .into_iter()
        .map(|c| {
            let (state, label) = match c.state {
                CandidateState::Yes => ("yes", l("md.yes")),
                CandidateState::No => ("no", l("md.no")),
                CandidateState::Open(Resolution::Unknown) => ("open", l("md.open_unknown")),
                CandidateState::Open(_) => ("open", l("md.open_unanswered")),
                CandidateState::Settled(why) => (
                    "settled",
                    render(ds, lang, &Msg::new("md.settled_by").with("why", why)),
                ),
            };
            RecordCandidate {
                code: c.code,
                state: state.into(),
                label,
            }
        })
        .collect()
}

/// The verdict as a person reads it: its label, grounds, checks, due diligence (with the
/// steps ticked) and the authority, in `lang`.
fn record_result(
    ds: &Dataset,
    session: &Session,
    a: &crate::assess::Assessment,
    lang: &str,
) -> RecordResult {
    let l = |id: &str| label(lang, id).to_string();
    RecordResult {
        verdict: a.verdict.as_str().into(),
        verdict_label: l(&format!("md.verdict.{}", a.verdict.as_str())),
        grounds: a
            .grounds
            .iter()
            .map(|g| RecordGround {
                rule: rule_label(lang, &g.rule),
                text: render(ds, lang, &g.msg),
            })
            .collect(),
        general_authorisations: a.general_authorisations.clone(),
        checked: a.checked_msgs.iter().map(|m| render(ds, lang, m)).collect(),
        due_diligence: a
            .due_diligence
            .iter()
            .enumerate()
            .map(|(i, step)| RecordStep {
                text: DUE_DILIGENCE
                    .iter()
                    .position(|d| d == step)
                    .and_then(|k| DUE_DILIGENCE_IDS.get(k))
                    .map(|id| l(id))
                    .unwrap_or_else(|| step.clone()),
                done: session.ticks.contains(&(i as u8)),
            })
            .collect(),
        authority: a.authority.as_ref().map(|x| RecordAuthority {
            member_state: x.member_state.clone(),
            name: x.name.clone(),
            web: x.web.clone(),
        }),
    }
}

fn make_record_v1(ds: &Dataset, session: &Session, created_at: &str) -> Record {
    let cited_entries = session
        .picked
        .iter()
        .filter_map(|c| {
            digest(ds, c).map(|(text, digest)| CitedEntry {
                code: c.clone(),
                text,
                digest,
            })
        })
        .collect();
    Record {
        schema: RECORD_SCHEMA.into(),
        schema_version: RECORD_SCHEMA_VERSION,
        created_at: created_at.into(),
        dataset: DatasetStamp {
            regulation: ds.info.regulation.clone(),
            annex_version: ds.info.annex_version.clone(),
            consolidated_as_of: ds.info.consolidated_as_of.clone(),
        },
        session: session.clone(),
        cited_entries,
        lang: String::new(),
        sources: Vec::new(),
        answers: Vec::new(),
        candidates: Vec::new(),
        entries: Vec::new(),
        result: None,
    }
}

/// Check a loaded record and say what changed since it was made.
pub fn check_record(ds: &Dataset, record: &Record) -> Result<Vec<String>, String> {
    if record.schema != RECORD_SCHEMA {
        return Err(format!(
            "this file is not a dualuse-screener record (schema `{}`)",
            record.schema
        ));
    }
    if record.schema_version > RECORD_SCHEMA_VERSION {
        return Err(format!("this record uses schema version {}, newer than this tool reads ({RECORD_SCHEMA_VERSION})", record.schema_version));
    }
    let mut changes = Vec::new();
    if record.dataset.consolidated_as_of != ds.info.consolidated_as_of
        || record.dataset.annex_version != ds.info.annex_version
    {
        changes.push(format!(
            "The record was made with {} (consolidated {}); the widget now uses {} (consolidated {}).",
            record.dataset.annex_version, record.dataset.consolidated_as_of, ds.info.annex_version, ds.info.consolidated_as_of
        ));
    }
    for cited in &record.cited_entries {
        match digest(ds, &cited.code) {
            None => changes.push(format!(
                "{} is no longer in the control list: classify the item again.",
                cited.code
            )),
            Some((_, d)) if d != cited.digest => changes.push(format!(
                "The text of {} has changed since the record was made: read it again.",
                cited.code
            )),
            Some(_) => {}
        }
    }
    // Codes that no longer resolve are reported, not fatal: the record stays readable.
    let mut session = record.session.clone();
    session
        .picked
        .retain(|c| crate::assess::resolve_code(ds, c).is_ok());
    changes.extend(session.drop_outdated_answers(ds));
    session.validate(ds)?;
    Ok(changes)
}

/// The printable report as Markdown, in `lang` ("en", "de", "fr"): the labels, grounds and
/// what was checked in that language; the legal text of the entries and the citations stay
/// in the original English.
pub fn markdown(
    ds: &Dataset,
    record: &Record,
    assessment: Option<&Assessment>,
    lang: &str,
) -> String {
    let s = &record.session;
    let mut md = String::new();
    push_header(&mut md, ds, record, lang);
    push_item_and_answers(&mut md, ds, s, lang);
    push_entries(&mut md, ds, s, lang);
    push_candidates(&mut md, ds, s, lang);
    push_checklists(&mut md, ds, &s.item_answers, lang);
    push_destination(&mut md, ds, s, lang);
    if let Some(a) = assessment {
        push_result(&mut md, ds, s, a, lang);
    }
    md
}

/// Yes or no, in `lang`.
fn yes_no(lang: &str, b: bool) -> &'static str {
    label(lang, if b { "md.yes" } else { "md.no" })
}

/// A country as its name in `lang` with its code, the code alone when unknown, or
/// "not given" when empty.
fn country_name(ds: &Dataset, lang: &str, c: &str) -> String {
    ds.country(c)
        .map(|x| {
            let name = match lang {
                "de" => &x.name_de,
                "fr" => &x.name_fr,
                _ => &x.name_en,
            };
            format!("{name} ({c})")
        })
        .unwrap_or_else(|| {
            if c.is_empty() {
                label(lang, "md.not_given").into()
            } else {
                c.into()
            }
        })
}

/// The title and the date, dataset version and tool lines.
fn push_header(md: &mut String, ds: &Dataset, record: &Record, lang: &str) {
    let l = |id: &str| label(lang, id);
    md.push_str(&format!("# {}\n\n", l("md.title")));
    md.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n\n",
        l("md.date"),
        record.created_at,
        l("md.dataset"),
        render(ds, lang, &crate::views::dataset_version_msg(ds)),
        l("md.tool"),
        l("md.tool_value"),
    ));
}

/// The item: its description, the searches made and the table of the questions answered.
fn push_item_and_answers(md: &mut String, ds: &Dataset, s: &Session, lang: &str) {
    let l = |id: &str| label(lang, id);
    md.push_str(&format!("## {}\n\n", l("md.item")));
    md.push_str(&format!(
        "{}\n\n",
        if s.description.is_empty() {
            l("md.no_description")
        } else {
            &s.description
        }
    ));
    if !s.searches.is_empty() {
        md.push_str(&format!(
            "{}: {}\n\n",
            l("md.searches"),
            s.searches
                .iter()
                .map(|q| format!("\"{q}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !s.answers.is_empty() {
        md.push_str(&format!(
            "### {}\n\n| {} | {} |\n|---|---|\n",
            l("md.answers"),
            l("md.question"),
            l("md.answer")
        ));
        for (id, v) in &s.answers {
            let q = ds.questions.iter().find(|q| &q.id == id);
            let ask = q.map(|q| q.ask_in(lang)).unwrap_or(id);
            let shown = match v {
                AnswerValue::Bool(b) => yes_no(lang, *b).to_string(),
                AnswerValue::Number(n) => n.to_string(),
                AnswerValue::Text(t) if t == "unknown" => l("md.dont_know").to_string(),
                AnswerValue::Text(t) => q
                    .and_then(|q| {
                        q.choices_in(lang)
                            .into_iter()
                            .find(|(v, _)| v == t)
                            .map(|(_, label)| label.to_string())
                    })
                    .unwrap_or_else(|| t.clone()),
            };
            md.push_str(&format!("| {} | {} |\n", ask.replace('|', "\\|"), shown));
        }
        md.push('\n');
    }
}

/// The entries chosen, each with its legal text and items.
fn push_entries(md: &mut String, ds: &Dataset, s: &Session, lang: &str) {
    let l = |id: &str| label(lang, id);
    md.push_str(&format!("## {}\n\n", l("md.entries")));
    if s.picked.is_empty() {
        md.push_str(&format!("{}\n\n", l("md.none_chosen")));
    }
    for code in &s.picked {
        if let Some(e) = crate::views::entry(ds, code) {
            md.push_str(&format!(
                "### {} {}\n\n{}\n\n",
                e.code,
                if e.verified { "" } else { l("md.unverified") },
                e.text
            ));
            for item in &e.items {
                push_item(md, item, 0);
            }
            md.push('\n');
        }
    }
}

/// The entries shown as candidates, with whether the item falls under each.
fn push_candidates(md: &mut String, ds: &Dataset, s: &Session, lang: &str) {
    let l = |id: &str| label(lang, id);
    if s.candidates.is_empty() {
        return;
    }
    md.push_str(&format!(
        "### {}\n\n| {} | {} |\n|---|---|\n",
        l("md.shown"),
        l("md.entry"),
        l("md.falls_under")
    ));
    let input = s.assess_input();
    let findings = crate::questions::evaluate(ds, &input.answers);
    for c in crate::assess::candidate_states(ds, &input, &findings) {
        use crate::assess::CandidateState;
        let shown = match c.state {
            CandidateState::Yes => l("md.yes").to_string(),
            CandidateState::No => l("md.no").to_string(),
            CandidateState::Open(Resolution::Unknown) => l("md.open_unknown").to_string(),
            CandidateState::Open(_) => l("md.open_unanswered").to_string(),
            CandidateState::Settled(why) => {
                render(ds, lang, &Msg::new("md.settled_by").with("why", why))
            }
        };
        md.push_str(&format!("| {} | {} |\n", c.code, shown));
    }
    md.push('\n');
}

/// The destination: from, to, the form of export and the concerns the exporter knows of.
fn push_destination(md: &mut String, ds: &Dataset, s: &Session, lang: &str) {
    let l = |id: &str| label(lang, id);
    let yn = |b: bool| yes_no(lang, b);
    md.push_str(&format!("## {}\n\n", l("md.destination")));
    let form = match s.export_form.as_str() {
        "electronic" => l("md.form.electronic"),
        "exhibition" => l("md.form.exhibition"),
        _ => l("md.form.goods"),
    };
    md.push_str(&format!(
        "- {}: {}\n- {}: {}\n- {}: {}\n",
        l("md.from"),
        country_name(ds, lang, &s.from),
        l("md.to"),
        country_name(ds, lang, &s.to),
        l("md.form"),
        form
    ));
    let c = &s.concerns;
    md.push_str(&format!(
        "- {}: {} {}, {} {}, {} {}, {} {}\n- {}: {}\n\n",
        l(if s.informed_by_authority {
            "md.informed_of"
        } else {
            "md.aware_of"
        }),
        l("md.concern.wmd"),
        yn(c.wmd),
        l("md.concern.military"),
        yn(c.military_end_use),
        l("md.concern.illegal_parts"),
        yn(c.illegal_military_parts),
        l("md.concern.human_rights"),
        yn(c.human_rights),
        l("md.cyber"),
        yn(s.cyber_surveillance)
    ));
}

/// The result: the verdict and its grounds, the general authorisations, the due diligence
/// steps ticked or not, what was checked, the authority and the closing disclaimer.
fn push_result(md: &mut String, ds: &Dataset, s: &Session, a: &Assessment, lang: &str) {
    let l = |id: &str| label(lang, id);
    md.push_str(&format!(
        "## {}: {}\n\n",
        l("md.result"),
        l(&format!("md.verdict.{}", a.verdict.as_str()))
    ));
    push_grounds(md, ds, a, lang);
    if !a.general_authorisations.is_empty() {
        md.push_str(&format!(
            "\n{}: {}\n",
            l("md.ugeas"),
            a.general_authorisations.join(", ")
        ));
    }
    push_due_diligence(md, s, a, lang);
    md.push_str(&format!("\n### {}\n\n", l("md.checked")));
    for c in &a.checked_msgs {
        md.push_str(&format!("- {}\n", render(ds, lang, c)));
    }
    if let Some(auth) = &a.authority {
        md.push_str(&format!(
            "\n### {}\n\n{} ({})\n",
            l("md.authority"),
            auth.name,
            auth.web
        ));
    }
    md.push_str(&format!("\n---\n\n{}\n", l("md.indicative")));
}

/// The grounds of the verdict, one bullet each, the rule in bold once.
fn push_grounds(md: &mut String, ds: &Dataset, a: &Assessment, lang: &str) {
    for g in &a.grounds {
        // The rule once: in bold in front, or the citation the text begins with.
        let gt = crate::messages::ground_text(ds, lang, &g.rule, &g.msg);
        let mut text = String::new();
        for (i, p) in gt.pieces.iter().enumerate() {
            match p {
                crate::messages::Piece::Legal(s) if i == 0 && gt.lead => {
                    text.push_str(&format!("**{s}**"))
                }
                crate::messages::Piece::Text(s) | crate::messages::Piece::Legal(s) => {
                    text.push_str(s)
                }
            }
        }
        match gt.rule {
            Some(rule) => md.push_str(&format!("- **{rule}**: {text}\n")),
            None => md.push_str(&format!("- {text}\n")),
        }
    }
}

/// The due diligence steps as a task list, those the user ticked checked.
fn push_due_diligence(md: &mut String, s: &Session, a: &Assessment, lang: &str) {
    if a.due_diligence.is_empty() {
        return;
    }
    md.push_str(&format!("\n### {}\n\n", label(lang, "md.due_diligence")));
    for (i, step) in a.due_diligence.iter().enumerate() {
        let text = DUE_DILIGENCE
            .iter()
            .position(|d| d == step)
            .and_then(|k| DUE_DILIGENCE_IDS.get(k))
            .map(|id| label(lang, id))
            .unwrap_or(step);
        md.push_str(&format!(
            "- [{}] {}\n",
            if s.ticks.contains(&(i as u8)) {
                "x"
            } else {
                " "
            },
            text
        ));
    }
}

/// The checklist answers, one table per entry walked, and what they establish: the items
/// met, those still open, the notes that release. The legal words stay English.
fn push_checklists(
    md: &mut String,
    ds: &Dataset,
    answers: &crate::checklist::ItemAnswers,
    lang: &str,
) {
    use crate::checklist::{evaluate, key_code};
    let l = |id: &str| label(lang, id);
    for top in crate::checklist::walked_scopes(ds, answers) {
        let Some(ev) = evaluate(ds, &top, answers) else {
            continue;
        };
        md.push_str(&format!(
            "### {}\n\n| {} | {} | {} |\n|---|---|---|\n",
            render(ds, lang, &Msg::new("md.checklist").plain("code", &top)),
            l("md.entry"),
            l("md.checklist_words"),
            l("md.answer")
        ));
        for (key, answer) in answers.iter().filter(|(k, _)| {
            let code = key_code(k);
            code == top || crate::codes::is_within(code, &top)
        }) {
            let words = ds
                .node_index(key)
                .map(|i| ds.nodes[i as usize].text.clone())
                .unwrap_or_default();
            let shown = match answer {
                ItemAnswer::Yes => l("md.yes"),
                ItemAnswer::No => l("md.no"),
                ItemAnswer::Unknown => l("md.dont_know"),
            };
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                key.replace('|', "\\|"),
                words.replace('|', "\\|").replace('\n', " "),
                shown
            ));
        }
        let list = |codes: &[String]| {
            if codes.is_empty() {
                "—".to_string()
            } else {
                codes.join(", ")
            }
        };
        md.push_str(&format!(
            "\n- {}: {}\n- {}: {}\n- {}: {}\n\n",
            l("md.items_met"),
            list(&ev.matched_items),
            l("md.items_open"),
            list(&ev.open_items),
            l("md.released_by"),
            list(&ev.released_by)
        ));
    }
}

/// A ground's rule as shown: citations as they stand, `open` and `released` in `lang`.
pub fn rule_label(lang: &str, rule: &str) -> String {
    match rule {
        "open" => label(lang, "rule.open").to_string(),
        "released" => label(lang, "rule.released").to_string(),
        other => other.to_string(),
    }
}

fn push_item(md: &mut String, item: &crate::views::ItemView, depth: usize) {
    md.push_str(&format!(
        "{}- {} {}\n",
        "  ".repeat(depth),
        item.label,
        item.text
    ));
    for n in &item.notes {
        md.push_str(&format!(
            "{}  - *{}:* {}\n",
            "  ".repeat(depth),
            n.label,
            n.text.join(" ")
        ));
    }
    for c in &item.items {
        push_item(md, c, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(prefix: &str, bytes: &[u8]) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9);
        format!(
            "{prefix}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
        )
    }

    #[test]
    fn a_v1_link_made_before_candidates_still_reads() {
        let v1 = LinkSessionV1 {
            description: "IMSI catcher".into(),
            searches: vec!["imsi".into()],
            picked: vec!["5A001.f.2".into()],
            answers: vec![("mob_mobile".into(), 1, 0.0, String::new())],
            flags: 0b10_0000,
            telecom: 2,
            from: "DE".into(),
            to: "CN".into(),
            export_form: "goods".into(),
            ticks: vec![1],
        };
        let link = pack(LINK_PREFIX_V1, &postcard::to_allocvec(&v1).unwrap());
        let s = read_link(&link).unwrap();
        assert_eq!(s.picked, vec!["5A001.f.2".to_string()]);
        assert_eq!(s.to, "CN");
        assert!(s.concerns.human_rights);
        assert_eq!(s.telecom_monitoring, Some(true));
        assert!(s.candidates.is_empty());
    }

    #[test]
    fn a_v2_link_keeps_the_candidates_and_their_answers() {
        let mut s = Session {
            to: "IN".into(),
            ..Session::default()
        };
        for (c, r) in [
            ("2B001", Resolution::Open),
            ("2B201", Resolution::No),
            ("5A001.f.2", Resolution::Unknown),
            ("5D001", Resolution::Yes),
        ] {
            s.candidates.insert(c.into(), r);
        }
        let link = encode_link(&s);
        assert!(link.starts_with("v2."));
        assert_eq!(read_link(&link).unwrap(), s);
        // A v2 body read as v1 (or the reverse) is damaged, not half-read.
        let body = link.strip_prefix(LINK_PREFIX).unwrap();
        assert!(read_link(&format!("{LINK_PREFIX_V1}{body}")).is_err());
    }

    #[test]
    fn checklist_answers_make_a_v3_link_and_v2_links_still_read() {
        use crate::checklist::ItemAnswer;
        let mut s = Session {
            to: "CN".into(),
            ..Session::default()
        };
        let v2 = encode_link(&s);
        assert!(v2.starts_with("v2."));
        s.item_answers.insert("6A003.b.4".into(), ItemAnswer::Yes);
        s.item_answers
            .insert("Note to 6A003.b".into(), ItemAnswer::Unknown);
        s.item_answers.insert("6A003.a".into(), ItemAnswer::No);
        let link = encode_link(&s);
        assert!(link.starts_with("v3."));
        assert_eq!(read_link(&link).unwrap(), s);
        assert!(read_link(&v2).unwrap().item_answers.is_empty());
        // A v3 body under the v2 prefix (or the reverse) is damaged, not half-read.
        let body = link.strip_prefix(LINK_PREFIX_V3).unwrap();
        assert!(read_link(&format!("{LINK_PREFIX}{body}")).is_err());
        let body = v2.strip_prefix(LINK_PREFIX).unwrap();
        assert!(read_link(&format!("{LINK_PREFIX_V3}{body}")).is_err());
    }
}
