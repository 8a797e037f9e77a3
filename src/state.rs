//! The whole UI state and every change to it: one pure reducer (`State::apply`), tested
//! natively. The Yew components only render a `State` and dispatch `Action`s.

use std::collections::BTreeMap;

use dualuse_core::assess::{assess, AssessInput, Assessment, Concerns, ExportForm, Resolution};
use dualuse_core::checklist::{ItemAnswer, ItemAnswers};
use dualuse_core::query_hints::QueryHint;
use dualuse_core::questions::Answer;
use dualuse_core::search::{search, shown_candidates, Notice, SearchHit};
use dualuse_core::session::{AnswerValue, Session};
use dualuse_core::Dataset;

use crate::i18n::Lang;

/// How many results the search list shows.
pub const RESULT_LIMIT: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
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
    /// The item as the user describes it, for the record.
    pub description: String,
    /// Queries that led the user to an entry, for the record.
    pub searches: Vec<String>,
    /// Due-diligence steps the user ticked (indices).
    pub ticks: Vec<u8>,
    /// Guidance for the current query beyond the entries (not-listed items, false friends),
    /// rendered in the UI language (`Notice::text`).
    pub notices: Vec<Notice>,
    /// Help for what the query holds that the search cannot use (a bare number, a tariff
    /// code, EAR99, a US 9x ECCN, a CAS number no entry names), shown in the UI language.
    pub hints: Vec<QueryHint>,
    /// A message about a session that was loaded (what changed) or could not be (why).
    pub session_message: Option<String>,
    /// Entries the search showed when the user left the item step (`shown_candidates`), with
    /// the user's answer to "does your item fall under it?"; unanswered ones stay open.
    pub candidates: BTreeMap<String, Resolution>,
    /// The user asked for the result without a destination: the destination step says so.
    pub destination_missing: bool,
    /// A guided question the user jumped to from the result ("questions still open"): the
    /// item step opens its topic and moves focus onto it. Cleared by the next action.
    pub focus_question: Option<String>,
    /// The entry or item whose checklist the user is walking ("Check my item against ..."),
    /// shown instead of the entry reader.
    pub checklist: Option<String>,
    /// Answers to the checklists, by item code or release key (`assess`'s `itemAnswers`).
    pub item_answers: ItemAnswers,
    /// The catalogue view ("Screen a catalogue"), a second module loaded when opened.
    pub catalogue: CatalogueView,
}

/// Where the catalogue view stands. `Behind`: the user opened an entry or a checklist from
/// it; the view stays mounted (its rows and decisions kept) but hidden until they go back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CatalogueView {
    #[default]
    Closed,
    Open,
    Behind,
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
    /// "Does your item fall under this entry the search showed?"
    AnswerCandidate(String, Resolution),
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
    SetDescription(String),
    ToggleTick(u8),
    /// From the result's "questions still open": back to the item step, the question's topic
    /// open and the question focused.
    JumpToQuestion(String),
    /// Open the checklist of an entry or item (a code of the data; others are ignored).
    OpenChecklist(String),
    /// Back from the checklist to the entry reader.
    CloseChecklist,
    /// "Does your item meet this?" / "Does this note release your item?": by item code or
    /// release key (`checklist::Release::key`).
    AnswerItem(String, ItemAnswer),
    /// Clear the checklist answers about this code and everything in it.
    ResetChecklist(String),
    OpenCatalogue,
    CloseCatalogue,
    /// From a catalogue row: the entry (`false`) or its checklist (`true`), the catalogue
    /// kept behind.
    FromCatalogue(String, bool),
    BackToCatalogue,
    /// Replace the session by one loaded from a link, a file or this device, with a message.
    LoadSession(Session, Option<String>),
    /// A link or file that could not be read: keep an empty session and say why.
    SessionError(String),
    /// Browser Back or Forward (or a reload) reached a history entry the widget wrote: the
    /// session and the step it holds, restored without a message. The search box shows the
    /// last search again, with its results.
    Restore(Session, Step),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concern {
    Wmd,
    MilitaryEndUse,
    IllegalMilitaryParts,
    HumanRights,
}

impl Step {
    /// The step's name in a history entry's fragment (`#v2.…~destination`).
    pub fn name(self) -> &'static str {
        match self {
            Step::Item => "item",
            Step::Destination => "destination",
            Step::Result => "result",
        }
    }

    pub fn parse(name: &str) -> Option<Step> {
        [Step::Item, Step::Destination, Step::Result]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The URL fragment of a history entry: the session link, then `~` and the step.
pub fn history_fragment(state: &State) -> String {
    format!(
        "{}~{}",
        dualuse_core::session::encode_link(&state.session()),
        state.step.name()
    )
}

/// Read a fragment written by `history_fragment`, or a plain session link (a copied link:
/// no step). `#` in front is allowed.
pub fn read_fragment(ds: &Dataset, fragment: &str) -> Result<(Session, Option<Step>), String> {
    let f = fragment.trim().trim_start_matches('#');
    let (link, step) = match f.rsplit_once('~') {
        Some((link, name)) => (
            link,
            Some(Step::parse(name).ok_or_else(|| format!("unknown step `{name}` in the link"))?),
        ),
        None => (f, None),
    };
    Ok((dualuse_core::session::decode_link(ds, link)?, step))
}

impl State {
    fn remember_query(&mut self) {
        let q = self.query.trim();
        if !q.is_empty() && !self.searches.iter().any(|s| s == q) && self.searches.len() < 50 {
            self.searches.push(q.chars().take(200).collect());
        }
    }

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

    /// The input of `assess`: the same mapping as a saved session, so the two never differ.
    pub fn assess_input(&self) -> AssessInput {
        self.session().assess_input()
    }

    /// Everything the user entered, for links, records and saved sessions.
    pub fn session(&self) -> Session {
        let form = match self.export_form {
            ExportForm::Goods => "goods",
            ExportForm::Electronic => "electronic",
            ExportForm::Exhibition => "exhibition",
        };
        Session {
            description: self.description.clone(),
            searches: self.searches.clone(),
            picked: self.picked.clone(),
            answers: self
                .answers
                .iter()
                .map(|(k, v)| (k.clone(), AnswerValue::from_answer(v)))
                .collect(),
            cyber_surveillance: self.cyber_surveillance,
            telecom_monitoring: self.telecom_monitoring,
            from: self.from.clone(),
            to: self.to.clone(),
            informed_by_authority: self.informed,
            concerns: self.concerns.clone(),
            export_form: form.into(),
            ticks: self.ticks.clone(),
            candidates: self.candidates.clone(),
            item_answers: self.item_answers.clone(),
        }
    }

    fn load(self, s: Session) -> State {
        let input = s.assess_input();
        let mut next = State::new(&s.from).with_lang(self.lang);
        next.description = s.description;
        next.searches = s.searches;
        next.picked = s.picked;
        next.answers = input.answers;
        next.cyber_surveillance = s.cyber_surveillance;
        next.telecom_monitoring = s.telecom_monitoring;
        next.to = s.to;
        next.informed = s.informed_by_authority;
        next.concerns = input.concerns;
        next.export_form = input.export_form;
        next.ticks = s.ticks;
        next.candidates = s.candidates;
        next.item_answers = s.item_answers;
        // A restored session opens on its result when it has one (a destination), else on
        // the destination step when the item was worked on.
        next.step = if !next.to.is_empty() {
            Step::Result
        } else if next.picked.is_empty()
            && next.candidates.is_empty()
            && next.answers.is_empty()
            && next.item_answers.is_empty()
        {
            Step::Item
        } else {
            Step::Destination
        };
        next.topic = None;
        next
    }

    /// Apply one action. Pure: the same state and action always give the same result.
    pub fn apply(mut self, ds: &Dataset, action: Action) -> State {
        self.focus_question = None;
        match action {
            Action::Query(q) => {
                self.results = search(ds, &q, RESULT_LIMIT);
                self.notices = dualuse_core::search::data_notices_for(ds, &q);
                self.hints = dualuse_core::query_hints::query_hints(ds, &q);
                self.query = q;
            }
            Action::Open(code) => {
                self.remember_query();
                self.checklist = None;
                self.open_code = Some(code)
            }
            Action::CloseEntry => {
                self.open_code = None;
                self.checklist = None;
            }
            Action::OpenChecklist(code) => {
                if let Some(node) = dualuse_core::checklist::checklist(ds, &code) {
                    self.remember_query();
                    // The item the user checks is in question: a candidate, unless one of its
                    // family already is or was chosen. The walk settles it (met or ruled out);
                    // left open, it is asked about like the search's candidates.
                    let related = |c: &String| {
                        dualuse_core::codes::is_within(c, &node.code)
                            || dualuse_core::codes::is_within(&node.code, c)
                    };
                    if !self.candidates.keys().any(related) && !self.picked.iter().any(related) {
                        self.candidates.insert(node.code.clone(), Resolution::Open);
                    }
                    self.checklist = Some(node.code);
                }
            }
            Action::CloseChecklist => self.checklist = None,
            Action::OpenCatalogue | Action::BackToCatalogue => self.catalogue = CatalogueView::Open,
            Action::CloseCatalogue => self.catalogue = CatalogueView::Closed,
            Action::FromCatalogue(code, checklist) => {
                let Ok(code) = dualuse_core::assess::resolve_code(ds, &code) else {
                    return self;
                };
                self.catalogue = CatalogueView::Behind;
                self.step = Step::Item;
                self.open_code = Some(code.clone());
                self.checklist = checklist.then_some(code);
            }
            Action::AnswerItem(key, a) => {
                // Only a node or release of the data (the same check as `assess`).
                let one = ItemAnswers::from([(key.clone(), a)]);
                if dualuse_core::checklist::check_answers(ds, &one).is_ok() {
                    self.item_answers.insert(key, a);
                }
            }
            Action::ResetChecklist(code) => self.item_answers.retain(|key, _| {
                !dualuse_core::codes::is_within(dualuse_core::checklist::key_code(key), &code)
            }),
            Action::Pick(code) => {
                self.remember_query();
                if !self.picked.contains(&code) {
                    self.picked.push(code);
                }
            }
            Action::Unpick(code) => self.picked.retain(|c| c != &code),
            Action::OpenTopic(t) => self.topic = t,
            Action::Answer(id, a) => {
                self.answers.insert(id, a);
            }
            Action::AnswerCandidate(code, r) => {
                self.candidates.insert(code, r);
            }
            Action::SetCyber(b) => self.cyber_surveillance = b,
            Action::SetTelecom(b) => self.telecom_monitoring = b,
            Action::SetFrom(c) => self.from = c,
            Action::SetTo(c) => {
                self.destination_missing &= c.is_empty();
                self.to = c;
            }
            Action::SetInformed(b) => self.informed = b,
            Action::SetConcern(c, on) => match c {
                Concern::Wmd => self.concerns.wmd = on,
                Concern::MilitaryEndUse => self.concerns.military_end_use = on,
                Concern::IllegalMilitaryParts => self.concerns.illegal_military_parts = on,
                Concern::HumanRights => self.concerns.human_rights = on,
            },
            Action::SetExportForm(f) => self.export_form = f,
            Action::Go(step) => {
                // Leaving the item step: the strong results on screen are candidates the
                // user must settle (or leave open) before a result.
                if self.step == Step::Item && step != Step::Item {
                    let shown = shown_candidates(&self.results);
                    if !shown.is_empty() {
                        self.remember_query();
                    }
                    for code in shown {
                        self.candidates.entry(code).or_insert(Resolution::Open);
                    }
                }
                // No result without a destination.
                if step == Step::Result && self.to.trim().is_empty() {
                    self.step = Step::Destination;
                    self.destination_missing = true;
                } else {
                    self.step = step;
                }
            }
            Action::Restart => {
                let from = std::mem::take(&mut self.from);
                self = State::new(&from).with_lang(self.lang);
            }
            Action::SetLang(lang) => self.lang = lang,
            Action::SetDescription(d) => self.description = d,
            Action::JumpToQuestion(id) => {
                // Only a question of the dataset: its topic opens on the item step.
                if let Some(q) = ds.questions.iter().find(|q| q.id == id) {
                    self.topic = Some(q.topic.clone());
                    self.open_code = None;
                    self.checklist = None;
                    self.step = Step::Item;
                    self.focus_question = Some(id);
                }
            }
            Action::ToggleTick(i) => {
                if self.ticks.contains(&i) {
                    self.ticks.retain(|t| *t != i);
                } else {
                    self.ticks.push(i);
                    self.ticks.sort_unstable();
                }
            }
            Action::LoadSession(s, message) => {
                self = self.load(s);
                self.session_message = message;
            }
            Action::Restore(session, step) => {
                let lang = self.lang;
                self = State::new(&session.from).with_lang(lang).load(session);
                if let Some(q) = self.searches.last().cloned() {
                    self.results = search(ds, &q, RESULT_LIMIT);
                    self.notices = dualuse_core::search::data_notices_for(ds, &q);
                    self.hints = dualuse_core::query_hints::query_hints(ds, &q);
                    self.query = q;
                }
                // The same rule as `Go`: no result without a destination.
                self.step = if step == Step::Result && self.to.trim().is_empty() {
                    Step::Destination
                } else {
                    step
                };
            }
            Action::SessionError(message) => {
                let from = std::mem::take(&mut self.from);
                self = State::new(&from).with_lang(self.lang);
                self.session_message = Some(message);
            }
        }
        // The verdict always reflects the current answers.
        self.assessment =
            (self.step == Step::Result).then(|| assess(ds, &self.assess_input()).map_err(|e| e.0));
        self
    }
}
