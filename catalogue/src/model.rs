//! The catalogue view's state and its one reducer, pure and tested natively: the file read,
//! the columns chosen, the screening's progress and results, the user's decisions, the
//! list's filter, order, page and focused row.

use std::rc::Rc;

use crate::columns::Guess;
use crate::review::{visible_rows, Decision, Filter, Order, RowReview, Screened};
use crate::table::Workbook;

/// How many rows the list shows at once (a page): rendering 10,000 rows would freeze it.
pub const PAGE_ROWS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Source,
    Setup,
    Screening,
    Review,
}

/// The columns that describe the item (indices into the sheet's headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    pub name: Option<usize>,
    pub description: Option<usize>,
    pub part_number: Option<usize>,
    pub eccn: Option<usize>,
    pub classification: Option<usize>,
}

impl From<Guess> for Columns {
    fn from(g: Guess) -> Self {
        Columns {
            name: g.name,
            description: g.description,
            part_number: g.part_number,
            eccn: g.eccn,
            classification: g.classification,
        }
    }
}

/// The kinds of column the user chooses, in the order the view shows them.
pub const COLUMN_KINDS: [&str; 5] = [
    "name",
    "description",
    "partNumber",
    "eccn",
    "classification",
];

impl Columns {
    pub fn get(&self, kind: &str) -> Option<usize> {
        match kind {
            "name" => self.name,
            "description" => self.description,
            "partNumber" => self.part_number,
            "eccn" => self.eccn,
            _ => self.classification,
        }
    }

    fn set(&mut self, kind: &str, col: Option<usize>) {
        match kind {
            "name" => self.name = col,
            "description" => self.description = col,
            "partNumber" => self.part_number = col,
            "eccn" => self.eccn = col,
            _ => self.classification = col,
        }
    }

    /// The screening needs the item's name or its description.
    pub fn usable(&self) -> bool {
        self.name.is_some() || self.description.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    pub stage: Stage,
    pub file_name: String,
    pub workbook: Rc<Workbook>,
    pub sheet: usize,
    /// What the reader did that the user should know (in English, from the reader).
    pub notices: Vec<String>,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    /// The file's bytes while it is being set up, to read it again with another encoding
    /// or separator (text files only; dropped once the screening starts).
    pub bytes: Option<Rc<Vec<u8>>>,
    pub columns: Columns,
    pub error: Option<String>,
    /// Per row of the sheet: what the screening said (None: not screened yet).
    pub screened: Vec<Option<Screened>>,
    pub reviews: Vec<RowReview>,
    /// Rows screened so far.
    pub done: usize,
    pub cancelled: bool,
    /// The file was an export of an earlier screening: its decisions were restored.
    pub restored: bool,
    pub filter: Filter,
    pub order: Order,
    pub page: usize,
    /// The row (index into the sheet) that has the keyboard focus in the list.
    pub focus: Option<usize>,
    /// Bumped at each screening start: a chunk of an older run is ignored.
    pub run: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A file or pasted rows were read: the sheets, what the reader noticed, the guess.
    Loaded {
        file_name: String,
        workbook: Workbook,
        notices: Vec<String>,
        encoding: Option<String>,
        delimiter: Option<String>,
        guess: Guess,
        /// Reviews restored from an export of an earlier screening.
        reviews: Option<Vec<RowReview>>,
        /// The bytes of a text file, kept to read it again another way.
        bytes: Option<Rc<Vec<u8>>>,
    },
    Failed(String),
    SetSheet(usize, Guess, Option<Vec<RowReview>>),
    SetColumn(&'static str, Option<usize>),
    Start,
    /// A chunk of results for rows `from..` of run `run`.
    Screened {
        run: u32,
        from: usize,
        rows: Vec<Option<Screened>>,
    },
    Cancel,
    ScreenFailed(String),
    Decide(usize, Decision),
    Reject(usize, String),
    SetNote(usize, String),
    SetFilter(Filter),
    SetOrder(Order),
    Page(usize),
    Focus(usize),
    Restart,
}

impl Model {
    pub fn table(&self) -> Option<&crate::table::Table> {
        self.workbook.sheets.get(self.sheet)
    }

    pub fn row_count(&self) -> usize {
        self.table().map_or(0, |t| t.rows.len())
    }

    /// The rows shown, filtered and ordered (all pages).
    pub fn visible(&self) -> Vec<usize> {
        visible_rows(&self.screened, &self.reviews, self.filter, self.order)
    }

    fn fresh_rows(&mut self, reviews: Option<Vec<RowReview>>) {
        let n = self.row_count();
        self.screened = vec![None; n];
        self.restored = reviews.is_some();
        self.reviews = reviews
            .filter(|r| r.len() == n)
            .unwrap_or_else(|| vec![RowReview::default(); n]);
        self.done = 0;
        self.cancelled = false;
        self.page = 0;
        self.focus = None;
    }

    /// The first candidate of a row the user has not rejected.
    pub fn first_candidate(&self, row: usize) -> Option<String> {
        let rejected = &self.reviews.get(row)?.rejected;
        self.screened
            .get(row)?
            .as_ref()?
            .candidates
            .iter()
            .find(|c| !rejected.contains(&c.code))
            .map(|c| c.code.clone())
    }

    pub fn apply(mut self, action: Action) -> Model {
        match action {
            Action::Loaded {
                file_name,
                workbook,
                notices,
                encoding,
                delimiter,
                guess,
                reviews,
                bytes,
            } => {
                self = Model {
                    stage: Stage::Setup,
                    bytes: if encoding.is_some() { bytes } else { None },
                    file_name,
                    workbook: Rc::new(workbook),
                    notices,
                    encoding,
                    delimiter,
                    columns: guess.into(),
                    run: self.run,
                    ..Model::default()
                };
                self.fresh_rows(reviews);
            }
            Action::Failed(why) => self.error = Some(why),
            Action::SetSheet(i, guess, reviews) if i < self.workbook.sheets.len() => {
                self.sheet = i;
                self.columns = guess.into();
                self.fresh_rows(reviews);
            }
            Action::SetSheet(..) => {}
            Action::SetColumn(kind, col) => self.columns.set(kind, col),
            Action::Start if self.columns.usable() => {
                self.run += 1;
                self.bytes = None;
                self.stage = Stage::Screening;
                self.screened = vec![None; self.row_count()];
                self.done = 0;
                self.cancelled = false;
                self.error = None;
            }
            Action::Start => {}
            Action::Screened { run, from, rows }
                if run == self.run && self.stage == Stage::Screening =>
            {
                let n = rows.len();
                for (k, r) in rows.into_iter().enumerate() {
                    if let Some(slot) = self.screened.get_mut(from + k) {
                        *slot = r;
                    }
                }
                self.done = (from + n).min(self.row_count());
                if self.done >= self.row_count() {
                    self.stage = Stage::Review;
                }
            }
            Action::Screened { .. } => {}
            Action::Cancel if self.stage == Stage::Screening => {
                self.cancelled = true;
                self.stage = Stage::Review;
            }
            Action::Cancel => {}
            Action::ScreenFailed(why) => {
                self.error = Some(why);
                self.stage = Stage::Review;
            }
            Action::Decide(row, d) => {
                if let Some(r) = self.reviews.get_mut(row) {
                    r.decision = d;
                }
            }
            Action::Reject(row, code) => {
                if let Some(r) = self.reviews.get_mut(row) {
                    if !r.rejected.contains(&code) {
                        r.rejected.push(code.clone());
                    }
                    if r.decision == Decision::Listed(code) {
                        r.decision = Decision::Open;
                    }
                }
            }
            Action::SetNote(row, note) => {
                if let Some(r) = self.reviews.get_mut(row) {
                    r.note = note;
                }
            }
            Action::SetFilter(f) => {
                self.filter = f;
                self.page = 0;
            }
            Action::SetOrder(o) => {
                self.order = o;
                self.page = 0;
            }
            Action::Page(p) => {
                self.page = p.min(self.visible().len().saturating_sub(1) / PAGE_ROWS)
            }
            Action::Focus(row) => self.focus = Some(row),
            Action::Restart => {
                self = Model {
                    run: self.run + 1,
                    ..Model::default()
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Status;
    use crate::table::Table;

    fn loaded(rows: usize) -> Model {
        let table = Table {
            sheet: None,
            headers: vec!["Artikel".into(), "Beschreibung".into()],
            rows: (0..rows)
                .map(|i| vec![format!("A{i}"), format!("item {i}")])
                .collect(),
        };
        Model::default().apply(Action::Loaded {
            file_name: "katalog.csv".into(),
            workbook: Workbook {
                sheets: vec![table],
                ..Default::default()
            },
            notices: vec![],
            encoding: Some("windows-1252".into()),
            delimiter: Some(";".into()),
            guess: Guess {
                name: Some(0),
                description: Some(1),
                ..Default::default()
            },
            reviews: None,
            bytes: Some(Rc::new(b"Artikel;Beschreibung".to_vec())),
        })
    }

    fn result(status: Status, code: &str) -> Option<Screened> {
        Some(Screened {
            status,
            candidates: vec![crate::review::Candidate {
                code: code.into(),
                ..Default::default()
            }],
            cautions: vec![],
            notices: vec![],
        })
    }

    #[test]
    fn screening_in_chunks_reaches_the_review_and_ignores_an_old_run() {
        let m = loaded(3).apply(Action::Start);
        assert_eq!((m.stage, m.run), (Stage::Screening, 1));
        let m = m.apply(Action::Screened {
            run: 0,
            from: 0,
            rows: vec![result(Status::Check, "3A001")],
        });
        assert_eq!(m.done, 0, "a chunk of an older run is ignored");
        let m = m.apply(Action::Screened {
            run: 1,
            from: 0,
            rows: vec![result(Status::Check, "3A001"), None],
        });
        assert_eq!((m.done, m.stage), (2, Stage::Screening));
        let m = m.apply(Action::Screened {
            run: 1,
            from: 2,
            rows: vec![result(Status::LikelyListed, "6A003.b.4")],
        });
        assert_eq!((m.done, m.stage), (3, Stage::Review));
    }

    #[test]
    fn cancel_keeps_what_was_screened() {
        let m = loaded(1000).apply(Action::Start);
        let m = m.apply(Action::Screened {
            run: 1,
            from: 0,
            rows: vec![result(Status::Check, "3A001"); 250],
        });
        let m = m.apply(Action::Cancel);
        assert!(m.cancelled);
        assert_eq!((m.stage, m.done), (Stage::Review, 250));
        let late = m.clone().apply(Action::Screened {
            run: 1,
            from: 250,
            rows: vec![None; 250],
        });
        assert_eq!(late.done, 250, "a chunk after cancel changes nothing");
    }

    #[test]
    fn decisions_rejections_and_notes() {
        let m = loaded(2).apply(Action::Start);
        let m = m.apply(Action::Screened {
            run: 1,
            from: 0,
            rows: vec![
                result(Status::Check, "3A001"),
                result(Status::NoMatch, "1A001"),
            ],
        });
        assert_eq!(m.first_candidate(0).as_deref(), Some("3A001"));
        let m = m.apply(Action::Decide(0, Decision::Listed("3A001".into())));
        let m = m.apply(Action::Reject(0, "3A001".into()));
        assert_eq!(
            m.reviews[0].decision,
            Decision::Open,
            "rejecting the confirmed entry reopens the row"
        );
        assert_eq!(m.first_candidate(0), None);
        let m = m
            .apply(Action::SetNote(1, "standard part".into()))
            .apply(Action::Decide(1, Decision::NotListed));
        assert_eq!(m.reviews[1].note, "standard part");
        let m = m.apply(Action::SetFilter(Filter::Undecided));
        assert_eq!(m.visible(), vec![0]);
        let m = m.apply(Action::Decide(5, Decision::NotListed));
        assert_eq!(m.reviews.len(), 2, "a row that does not exist is ignored");
    }

    #[test]
    fn screening_needs_a_name_or_description_column() {
        let m = loaded(2)
            .apply(Action::SetColumn("name", None))
            .apply(Action::SetColumn("description", None));
        let m = m.apply(Action::Start);
        assert_eq!(m.stage, Stage::Setup);
        let m = m
            .apply(Action::SetColumn("description", Some(1)))
            .apply(Action::Start);
        assert_eq!(m.stage, Stage::Screening);
    }

    #[test]
    fn a_text_file_is_kept_to_read_again_until_the_screening_starts() {
        let m = loaded(2);
        assert!(m.bytes.is_some(), "windows-1252 text: kept for \"Read as\"");
        assert!(m.apply(Action::Start).bytes.is_none());
    }

    #[test]
    fn pages_stay_in_range() {
        let m = loaded(250).apply(Action::Page(7));
        assert_eq!(m.page, 2);
    }
}
