//! The whole UI state and every change to it: one pure reducer (`State::apply`), tested
//! natively. The Yew components only render a `State` and dispatch `Action`s.

use std::collections::BTreeMap;

use dualuse_core::assess::{assess, AssessInput, Assessment, Concerns, ExportForm};
use dualuse_core::questions::{Answer, Answers};
use dualuse_core::search::{search, SearchHit};
use dualuse_core::Dataset;

use crate::i18n::Lang;

/// How many results the search list shows.
pub const RESULT_LIMIT: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    /// Find and classify the item: search, entries, guided questions.
    #[default]
    Item,
    /// Destination, end use, form of export.
    Destination,
    /// The verdict and its grounds.
    Result,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    /// The language of the UI (the legal text and the grounds stay English).
    pub lang: Lang,
    pub step: Step,
    pub query: String,
    pub results: Vec<SearchHit>,
    /// The entry open in the reader, if any.
    pub open_code: Option<String>,
    /// Entries the user picked as describing the item.
    pub picked: Vec<String>,
    pub answers: BTreeMap<String, Answer>,
    /// The topic of guided questions the user is answering, if any.
    pub topic: Option<String>,
    pub cyber_surveillance: bool,
    pub telecom_monitoring: Option<bool>,
    pub from: String,
    pub to: String,
    pub informed: bool,
    pub concerns: Concerns,
    pub export_form: ExportForm,
    pub assessment: Option<Result<Assessment, String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Query(String),
    Open(String),
    CloseEntry,
    Pick(String),
    Unpick(String),
    OpenTopic(Option<String>),
    Answer(String, Answer),
    SetCyber(bool),
    SetTelecom(Option<bool>),
    SetFrom(String),
    SetTo(String),
    SetInformed(bool),
    SetConcern(Concern, bool),
    SetExportForm(ExportForm),
    Go(Step),
    Restart,
    SetLang(Lang),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    Wmd,
    MilitaryEndUse,
    IllegalMilitaryParts,
    HumanRights,
}

impl State {
    pub fn new(from: &str) -> State {
        State {
            from: from.to_string(),
            ..State::default()
        }
    }

    /// The same state in another language.
    pub fn with_lang(mut self, lang: Lang) -> State {
        self.lang = lang;
        self
    }

    pub fn assess_input(&self) -> AssessInput {
        AssessInput {
            entries: self.picked.clone(),
            cyber_surveillance: self.cyber_surveillance,
            from: self.from.clone(),
            to: self.to.clone(),
            informed_by_authority: self.informed,
            concerns: self.concerns.clone(),
            telecom_monitoring: self.telecom_monitoring,
            circumstance: None,
            export_form: self.export_form,
            answers: self
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Answers>(),
        }
    }

    /// Apply one action. Pure: the same state and action always give the same result.
    pub fn apply(mut self, ds: &Dataset, action: Action) -> State {
        match action {
            Action::Query(q) => {
                self.results = search(ds, &q, RESULT_LIMIT);
                self.query = q;
            }
            Action::Open(code) => self.open_code = Some(code),
            Action::CloseEntry => self.open_code = None,
            Action::Pick(code) => {
                if !self.picked.contains(&code) {
                    self.picked.push(code);
                }
            }
            Action::Unpick(code) => self.picked.retain(|c| c != &code),
            Action::OpenTopic(t) => self.topic = t,
            Action::Answer(id, a) => {
                self.answers.insert(id, a);
            }
            Action::SetCyber(b) => self.cyber_surveillance = b,
            Action::SetTelecom(b) => self.telecom_monitoring = b,
            Action::SetFrom(c) => self.from = c,
            Action::SetTo(c) => self.to = c,
            Action::SetInformed(b) => self.informed = b,
            Action::SetConcern(c, on) => match c {
                Concern::Wmd => self.concerns.wmd = on,
                Concern::MilitaryEndUse => self.concerns.military_end_use = on,
                Concern::IllegalMilitaryParts => self.concerns.illegal_military_parts = on,
                Concern::HumanRights => self.concerns.human_rights = on,
            },
            Action::SetExportForm(f) => self.export_form = f,
            Action::Go(step) => self.step = step,
            Action::Restart => {
                let from = std::mem::take(&mut self.from);
                self = State::new(&from).with_lang(self.lang);
            }
            Action::SetLang(lang) => self.lang = lang,
        }
        // The verdict always reflects the current answers.
        self.assessment =
            (self.step == Step::Result).then(|| assess(ds, &self.assess_input()).map_err(|e| e.0));
        self
    }
}
