//! Exports of a screened catalogue: the user's columns in their order, then the tool's
//! fixed columns, as CSV, .xlsx or JSON. Re-reading an export gives back the same cells
//! and [`detect_export`] finds the tool's columns, so a review can go on later.
//!
//! Spreadsheet formula injection (OWASP "CSV injection"): a cell that begins with `=`, `+`,
//! `-`, `@`, tab or carriage return would run as a formula when the export is opened. In
//! CSV it is written behind a single quote (`'=HYPERLINK(...)`); in .xlsx it is a string
//! cell with Excel's quote prefix, the same single quote kept as a cell property, so the
//! value is unchanged and editing the cell never turns it into a formula.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::limits::MAX_CELL_CHARS;
use crate::read::Delimiter;

pub const STATUS: &str = "Status";
pub const DECISION: &str = "Decision";
pub const CANDIDATES: &str = "Candidates";
pub const NOTE: &str = "Note";
pub const DATASET_VERSION: &str = "Dataset version";
pub const DATASET_DATE: &str = "Dataset date";

/// The tool's columns, after the user's own, in this order.
pub const EXPORT_COLUMNS: [&str; 6] = [
    STATUS,
    DECISION,
    CANDIDATES,
    NOTE,
    DATASET_VERSION,
    DATASET_DATE,
];

/// Where the tool's columns are in a re-opened export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportColumns {
    /// The user's columns are `0..user_columns`.
    pub user_columns: usize,
    pub status: usize,
    pub decision: usize,
    pub candidates: usize,
    pub note: usize,
    pub dataset_version: usize,
    pub dataset_date: usize,
}

/// The export's columns if `headers` end with [`EXPORT_COLUMNS`].
pub fn detect_export<S: AsRef<str>>(headers: &[S]) -> Option<ExportColumns> {
    let user_columns = headers.len().checked_sub(EXPORT_COLUMNS.len())?;
    let ours = &headers[user_columns..];
    let matches = ours
        .iter()
        .zip(EXPORT_COLUMNS)
        .all(|(header, expected)| header.as_ref().trim() == expected);
    matches.then_some(ExportColumns {
        user_columns,
        status: user_columns,
        decision: user_columns + 1,
        candidates: user_columns + 2,
        note: user_columns + 3,
        dataset_version: user_columns + 4,
        dataset_date: user_columns + 5,
    })
}

/// The headers of an export: the user's, then [`EXPORT_COLUMNS`]. A user column already
/// named like one of the tool's becomes "Status (original)", so the export stays
/// recognisable.
pub fn export_headers<S: AsRef<str>>(user_headers: &[S]) -> Vec<String> {
    let mut headers: Vec<String> = user_headers
        .iter()
        .map(|header| {
            let header = header.as_ref();
            if EXPORT_COLUMNS
                .iter()
                .any(|ours| ours.eq_ignore_ascii_case(header.trim()))
            {
                format!("{header} (original)")
            } else {
                header.to_string()
            }
        })
        .collect();
    headers.extend(EXPORT_COLUMNS.iter().map(|column| column.to_string()));
    headers
}

/// A plain number ("-5", "+3.5", "-1,25") is data, not a formula, and is left alone.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|byte| byte.is_ascii_digit())
        && fraction.is_none_or(|fraction| {
            !fraction.is_empty() && fraction.bytes().all(|byte| byte.is_ascii_digit())
        })
}

/// Whether a spreadsheet could take the cell for a formula. A lone "-" (the usual "none"
/// mark) cannot be one.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(cell) && cell != "-"
}

/// The CSV form of a cell: formula-like cells behind a single quote. Cells that already
/// begin with a quote get one more, so that reading an export back removes exactly one.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) || cell.starts_with('\'') {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`neutralise_formula`], for cells read back from a CSV export.
pub(crate) fn unescape_formula(cell: &mut String) {
    if cell.starts_with('\'') {
        cell.remove(0);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// A row with another number of cells than there are headers (1-based row).
    RowWidth {
        row: usize,
        cells: usize,
        headers: usize,
    },
    Csv(String),
    Xlsx(String),
    Json(String),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::RowWidth {
                row,
                cells,
                headers,
            } => write!(
                f,
                "row {row} has {cells} cells but there are {headers} columns"
            ),
            WriteError::Csv(detail) => write!(f, "the CSV file could not be written: {detail}"),
            WriteError::Xlsx(detail) => write!(f, "the .xlsx file could not be written: {detail}"),
            WriteError::Json(detail) => write!(f, "the JSON file could not be written: {detail}"),
        }
    }
}

impl std::error::Error for WriteError {}

fn check_widths(headers: &[String], rows: &[Vec<String>]) -> Result<(), WriteError> {
    match rows.iter().position(|row| row.len() != headers.len()) {
        Some(index) => Err(WriteError::RowWidth {
            row: index + 1,
            cells: rows[index].len(),
            headers: headers.len(),
        }),
        None => Ok(()),
    }
}

/// UTF-8 with a BOM (so that Excel does not read it as the local ANSI code page), CRLF line
/// ends, cells quoted where needed, formula-like cells neutralised.
pub fn write_csv(
    headers: &[String],
    rows: &[Vec<String>],
    delimiter: Delimiter,
) -> Result<Vec<u8>, WriteError> {
    check_widths(headers, rows)?;
    let csv_error = |error: csv::Error| WriteError::Csv(error.to_string());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        writer
            .write_record(row.iter().map(|cell| neutralise_formula(cell).into_owned()))
            .map_err(csv_error)?;
    }
    writer
        .into_inner()
        .map_err(|error| WriteError::Csv(error.to_string()))
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(wanted: &str) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|character| {
            if "[]:*?/\\".contains(character) {
                ' '
            } else {
                character
            }
        })
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').to_string();
    if cleaned.is_empty() {
        "Catalogue".to_string()
    } else {
        cleaned
    }
}

/// One sheet: a bold, frozen header row with a filter, every cell a string cell (never a
/// formula), formula-like cells with Excel's quote prefix (crate::xlsx_out).
pub fn write_xlsx(
    headers: &[String],
    rows: &[Vec<String>],
    sheet: &str,
) -> Result<Vec<u8>, WriteError> {
    check_widths(headers, rows)?;
    let cells = |row: &[String]| -> Vec<(String, bool)> {
        row.iter()
            .map(|cell| {
                (
                    cell.chars().take(MAX_CELL_CHARS).collect(),
                    is_formula_like(cell),
                )
            })
            .collect()
    };
    let table: Vec<Vec<(String, bool)>> = std::iter::once(headers)
        .chain(rows.iter().map(Vec::as_slice))
        .map(cells)
        .collect();
    crate::xlsx_out::xlsx_bytes(&sheet_name(sheet), &table, headers.len())
        .map_err(|error| WriteError::Xlsx(error.to_string()))
}

/// The rows as a JSON array of objects, keys in column order (not sorted).
struct JsonRows<'a> {
    headers: &'a [String],
    rows: &'a [Vec<String>],
}

struct JsonRow<'a> {
    headers: &'a [String],
    cells: &'a [String],
}

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut sequence = serializer.serialize_seq(Some(self.rows.len()))?;
        for cells in self.rows {
            sequence.serialize_element(&JsonRow {
                headers: self.headers,
                cells,
            })?;
        }
        sequence.end()
    }
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.headers.len()))?;
        for (header, cell) in self.headers.iter().zip(self.cells) {
            map.serialize_entry(header, cell)?;
        }
        map.end()
    }
}

/// An array of objects, one per row, keyed by header in column order. JSON is data, not a
/// spreadsheet: no formula neutralisation.
pub fn write_json(headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, WriteError> {
    check_widths(headers, rows)?;
    serde_json::to_vec_pretty(&JsonRows { headers, rows })
        .map_err(|error| WriteError::Json(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_neutralised() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["Pump", "5A002", "-5", "+3.5", "-1,25", "-", "", "a=b"] {
            assert_eq!(neutralise_formula(cell), cell, "{cell:?}");
        }
        assert_eq!(neutralise_formula("'quoted"), "''quoted");
    }

    #[test]
    fn unescape_inverts_neutralise() {
        for cell in ["=1+1", "'=1+1", "''x", "plain", "-5", "-x"] {
            let mut written = neutralise_formula(cell).into_owned();
            unescape_formula(&mut written);
            assert_eq!(written, cell);
        }
    }

    #[test]
    fn export_columns_are_detected_at_the_end() {
        let headers = export_headers(&["Name", "status"]);
        assert_eq!(headers[..2], ["Name", "status (original)"]);
        let columns = detect_export(&headers).expect("an export");
        assert_eq!(columns.user_columns, 2);
        assert_eq!(headers[columns.status], STATUS);
        assert_eq!(headers[columns.dataset_date], DATASET_DATE);
        assert_eq!(detect_export(&["Name", "Status"]), None);
        assert_eq!(detect_export(&EXPORT_COLUMNS[1..]), None);
    }

    #[test]
    fn json_keeps_column_order() {
        let headers = vec!["Zeta".to_string(), "Alpha".to_string()];
        let rows = vec![vec!["1".to_string(), "=2".to_string()]];
        let json = String::from_utf8(write_json(&headers, &rows).unwrap()).unwrap();
        assert!(json.find("Zeta").unwrap() < json.find("Alpha").unwrap());
        assert!(json.contains("\"=2\""));
    }

    #[test]
    fn rows_must_match_the_headers() {
        let headers = vec!["A".to_string(), "B".to_string()];
        let rows = vec![vec!["1".to_string()]];
        assert_eq!(
            write_csv(&headers, &rows, Delimiter::Comma),
            Err(WriteError::RowWidth {
                row: 1,
                cells: 1,
                headers: 2
            })
        );
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        assert_eq!(sheet_name("Q1/2025 [draft]"), "Q1 2025  draft");
        assert_eq!(sheet_name(""), "Catalogue");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
