//! The review of a screened catalogue, pure and tested natively: what the screening said
//! about each row (read leniently from `screenCatalogue`'s JSON), what the user decided, the
//! filters and the order of the list, and the rows of the export, which a later session reads
//! back to continue where the user stopped.

use serde_json::Value;

use crate::write::ExportColumns;

/// The screening's status of a row, as `screenCatalogue` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    LikelyListed,
    Check,
    NoMatch,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "likely_listed" => Some(Status::LikelyListed),
            "check" => Some(Status::Check),
            "no_match" => Some(Status::NoMatch),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::LikelyListed => "likely_listed",
            Status::Check => "check",
            Status::NoMatch => "no_match",
        }
    }
}

/// One candidate entry of a row: its code, heading and why it matched.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Candidate {
    pub code: String,
    pub heading: String,
    pub why: Vec<String>,
    pub caution: Option<String>,
}

/// What the screening said about one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Screened {
    pub status: Status,
    pub candidates: Vec<Candidate>,
    /// Cautions and notices, as text in the language they came in.
    pub cautions: Vec<String>,
    pub notices: Vec<String>,
}

/// A text from a string or from an object's `text` (or `message`) field.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("text")
            .or_else(|| o.get("message"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

fn texts(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(text_of).collect())
        .unwrap_or_default()
}

impl Screened {
    /// One element of `screenCatalogue`'s result; `None` when it has no known status.
    pub fn from_json(v: &Value) -> Option<Screened> {
        let status = Status::parse(v.get("status")?.as_str()?)?;
        let candidates = v
            .get("candidates")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|c| {
                        Some(Candidate {
                            code: c.get("code")?.as_str()?.to_string(),
                            heading: c
                                .get("heading")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                            why: texts(c.get("why")),
                            caution: c.get("caution").and_then(text_of),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Screened {
            status,
            candidates,
            cautions: texts(v.get("cautions")),
            notices: texts(v.get("notices")),
        })
    }
}

/// What the user decided about a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Decision {
    #[default]
    Open,
    /// The item falls under this entry (a candidate confirmed, or a code typed).
    Listed(String),
    /// The user marked it not listed.
    NotListed,
}

/// The user's review of one row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowReview {
    pub decision: Decision,
    /// Candidates the user rejected ("not this entry").
    pub rejected: Vec<String>,
    pub note: String,
}

/// Which rows the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Status(Status),
    /// Rows with no decision yet.
    Undecided,
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As in the file.
    #[default]
    File,
    /// Likely listed first, then check, then no match; the file's order within each.
    Status,
}

/// The indices of the rows to show, filtered and ordered.
pub fn visible_rows(
    screened: &[Option<Screened>],
    reviews: &[RowReview],
    filter: Filter,
    order: Order,
) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..screened.len())
        .filter(|&i| match filter {
            Filter::All => true,
            Filter::Status(s) => screened[i].as_ref().is_some_and(|x| x.status == s),
            Filter::Undecided => reviews.get(i).is_none_or(|r| r.decision == Decision::Open),
        })
        .collect();
    if order == Order::Status {
        // Rows not screened (a cancelled run) last.
        rows.sort_by_key(|&i| (screened[i].as_ref().map_or(u8::MAX, |x| x.status as u8), i));
    }
    rows
}

/// The export's cells for the tool's columns of one row, in the order of `ExportColumns`:
/// status, decision, candidates, note (the dataset's version and date are added by the
/// writer's caller, the same on every row).
pub fn export_cells(screened: Option<&Screened>, review: &RowReview) -> [String; 4] {
    let status = screened.map_or("", |s| s.status.as_str()).to_string();
    let decision = match &review.decision {
        Decision::Open => String::new(),
        Decision::Listed(code) => format!("listed {code}"),
        Decision::NotListed => "not listed".to_string(),
    };
    let candidates = screened
        .map(|s| {
            s.candidates
                .iter()
                .map(|c| {
                    if review.rejected.contains(&c.code) {
                        format!("{} (rejected)", c.code)
                    } else {
                        c.code.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default();
    [status, decision, candidates, review.note.clone()]
}

/// A row's review read back from an export's cells (decision, candidates, note): what the
/// user decided before, so that they continue where they stopped.
pub fn review_from_export(decision: &str, candidates: &str, note: &str) -> RowReview {
    let decision = decision.trim();
    let decision = if let Some(code) = decision.strip_prefix("listed ") {
        Decision::Listed(code.trim().to_string())
    } else if decision == "not listed" {
        Decision::NotListed
    } else {
        Decision::Open
    };
    let rejected = candidates
        .split(';')
        .filter_map(|c| c.trim().strip_suffix(" (rejected)"))
        .map(|c| c.trim().to_string())
        .collect();
    RowReview {
        decision,
        rejected,
        note: note.to_string(),
    }
}

/// The reviews held in an export being re-opened, one per row, when its headers carry the
/// tool's columns; `None` for an ordinary catalogue.
pub fn reviews_from_export(headers: &[String], rows: &[Vec<String>]) -> Option<Vec<RowReview>> {
    let cols: ExportColumns = crate::write::detect_export(headers)?;
    let cell = |row: &Vec<String>, i: usize| row.get(i).map_or("", String::as_str).to_string();
    Some(
        rows.iter()
            .map(|r| {
                review_from_export(
                    &cell(r, cols.decision),
                    &cell(r, cols.candidates),
                    &cell(r, cols.note),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn screened(status: &str, codes: &[&str]) -> Screened {
        Screened::from_json(&json!({
            "status": status,
            "candidates": codes.iter().map(|c| json!({"code": c, "heading": "h", "why": ["text"]})).collect::<Vec<_>>(),
            "cautions": [{"text": "a caution"}, "another"],
            "notices": [],
        }))
        .expect("a known status")
    }

    #[test]
    fn reads_the_screening_leniently() {
        let s = screened("check", &["6A003.b.4"]);
        assert_eq!(s.status, Status::Check);
        assert_eq!(s.candidates[0].code, "6A003.b.4");
        assert_eq!(s.candidates[0].why, vec!["text".to_string()]);
        assert_eq!(s.cautions, vec!["a caution", "another"]);
        assert!(Screened::from_json(&json!({"status": "maybe"})).is_none());
        assert!(Screened::from_json(&json!([])).is_none());
    }

    #[test]
    fn filters_and_orders_rows() {
        let rows = vec![
            Some(screened("no_match", &[])),
            Some(screened("likely_listed", &["5A002.a"])),
            None,
            Some(screened("check", &["3A001"])),
        ];
        let mut reviews = vec![RowReview::default(); 4];
        reviews[1].decision = Decision::Listed("5A002.a".into());
        assert_eq!(
            visible_rows(&rows, &reviews, Filter::All, Order::Status),
            vec![1, 3, 0, 2]
        );
        assert_eq!(
            visible_rows(&rows, &reviews, Filter::Status(Status::Check), Order::File),
            vec![3]
        );
        assert_eq!(
            visible_rows(&rows, &reviews, Filter::Undecided, Order::File),
            vec![0, 2, 3]
        );
    }

    #[test]
    fn a_review_survives_the_export_round_trip() {
        let s = screened("likely_listed", &["5A002.a", "5A992"]);
        let review = RowReview {
            decision: Decision::Listed("5A002.a".into()),
            rejected: vec!["5A992".into()],
            note: "checked with the datasheet; see ticket 42".into(),
        };
        let [status, decision, candidates, note] = export_cells(Some(&s), &review);
        assert_eq!(status, "likely_listed");
        assert_eq!(decision, "listed 5A002.a");
        assert_eq!(candidates, "5A002.a; 5A992 (rejected)");
        assert_eq!(review_from_export(&decision, &candidates, &note), review);
        let not_listed = RowReview {
            decision: Decision::NotListed,
            ..Default::default()
        };
        let cells = export_cells(None, &not_listed);
        assert_eq!(
            review_from_export(&cells[1], &cells[2], &cells[3]),
            not_listed
        );
    }
}
