//! Reading a catalogue: a file's bytes (CSV in any usual encoding, or .xlsx) or rows pasted
//! from a spreadsheet, into [`Workbook`] tables of string cells, within [`crate::limits`].

mod headers;
mod sniff;
mod text;
mod xlsx;

use std::fmt;

use crate::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_XLSX_UNCOMPRESSED_BYTES,
};
use crate::table::Workbook;

pub use text::{Delimiter, TextEncoding};

/// What the user chose after a first read, when a guess was wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Decode text with this encoding instead of the detected one.
    pub encoding: Option<TextEncoding>,
    /// Split text with this delimiter instead of the detected one.
    pub delimiter: Option<Delimiter>,
}

/// Something the reader did that the user should know about; the read still succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Cells longer than [`crate::limits::MAX_CELL_CHARS`] were cut there.
    CellsTruncated {
        sheet: Option<String>,
        count: usize,
        first_row: usize,
    },
    /// Rows with fewer or more cells than the header row (filled up with empty cells).
    RaggedRows {
        sheet: Option<String>,
        count: usize,
        first_row: usize,
    },
    /// Columns without a header got a name like "Column C".
    BlankHeadersNamed {
        sheet: Option<String>,
        names: Vec<String>,
    },
    /// Repeated headers got a number: "Name (2)".
    DuplicateHeadersRenamed {
        sheet: Option<String>,
        names: Vec<String>,
    },
    /// A header merged over two rows was read as "Group / Column".
    HeaderRowsCombined { sheet: String },
    /// Sheets without a data row were left out.
    SheetsSkipped { names: Vec<String> },
    /// Bytes the chosen encoding cannot decode were replaced by "\u{FFFD}".
    InvalidBytesReplaced { encoding: TextEncoding },
    /// Pasted rows did not start with a header row; columns are named "Column A", ...
    NoHeaderRow,
    /// A quoted cell spans many lines: often a stray quote that swallowed rows.
    LongQuotedCell { line: u64, lines: u64 },
}

impl Notice {
    /// A stable identifier for the UI's own translation of the notice.
    pub fn code(&self) -> &'static str {
        match self {
            Notice::CellsTruncated { .. } => "cellsTruncated",
            Notice::RaggedRows { .. } => "raggedRows",
            Notice::BlankHeadersNamed { .. } => "blankHeadersNamed",
            Notice::DuplicateHeadersRenamed { .. } => "duplicateHeadersRenamed",
            Notice::HeaderRowsCombined { .. } => "headerRowsCombined",
            Notice::SheetsSkipped { .. } => "sheetsSkipped",
            Notice::InvalidBytesReplaced { .. } => "invalidBytesReplaced",
            Notice::NoHeaderRow => "noHeaderRow",
            Notice::LongQuotedCell { .. } => "longQuotedCell",
        }
    }
}

fn in_sheet(sheet: &Option<String>) -> String {
    match sheet {
        Some(name) => format!(" in sheet \"{name}\""),
        None => String::new(),
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::CellsTruncated { sheet, count, first_row } => write!(
                f,
                "{} cell(s){} were longer than {} characters and were cut (the first in row {first_row})",
                count,
                in_sheet(sheet),
                thousands(crate::limits::MAX_CELL_CHARS as u64)
            ),
            Notice::RaggedRows { sheet, count, first_row } => write!(
                f,
                "{count} row(s){} do not have as many cells as the header row (the first is row {first_row}); missing cells are empty",
                in_sheet(sheet)
            ),
            Notice::BlankHeadersNamed { sheet, names } => write!(
                f,
                "columns without a header{} were named {}",
                in_sheet(sheet),
                names.join(", ")
            ),
            Notice::DuplicateHeadersRenamed { sheet, names } => write!(
                f,
                "repeated column headers{} were numbered: {}",
                in_sheet(sheet),
                names.join(", ")
            ),
            Notice::HeaderRowsCombined { sheet } => write!(
                f,
                "the header of sheet \"{sheet}\" is merged over two rows; its columns are named \"Group / Column\""
            ),
            Notice::SheetsSkipped { names } => write!(
                f,
                "sheets without data rows were left out: {}",
                names.join(", ")
            ),
            Notice::InvalidBytesReplaced { encoding } => write!(
                f,
                "some bytes are not valid {}; they show as \u{FFFD}: try another encoding",
                encoding.label()
            ),
            Notice::NoHeaderRow => write!(
                f,
                "the pasted rows have no header row; the columns are named Column A, Column B, ..."
            ),
            Notice::LongQuotedCell { line, lines } => write!(
                f,
                "a quoted cell starting on line {line} spans {lines} lines: if rows are missing, check the quotes on that line"
            ),
        }
    }
}

/// Why a file could not be read. The message names the problem and, where it helps, what
/// to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge {
        bytes: usize,
    },
    Empty,
    NotASpreadsheet {
        what: &'static str,
    },
    NotText,
    OnlyHeader {
        sheet: Option<String>,
    },
    TooManyRows {
        sheet: Option<String>,
    },
    TooManyColumns {
        sheet: Option<String>,
        row: u64,
        columns: usize,
    },
    TooManyCells {
        sheet: Option<String>,
    },
    XlsxTooLarge {
        declared_bytes: u64,
    },
    XlsxTooManyEntries {
        entries: usize,
    },
    XlsxDamaged {
        detail: String,
    },
    UnclosedQuote {
        line: u64,
    },
    Csv {
        line: Option<u64>,
        detail: String,
    },
}

impl ReadError {
    /// A stable identifier for the UI's own translation of the error.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::TooLarge { .. } => "tooLarge",
            ReadError::Empty => "empty",
            ReadError::NotASpreadsheet { .. } => "notASpreadsheet",
            ReadError::NotText => "notText",
            ReadError::OnlyHeader { .. } => "onlyHeader",
            ReadError::TooManyRows { .. } => "tooManyRows",
            ReadError::TooManyColumns { .. } => "tooManyColumns",
            ReadError::TooManyCells { .. } => "tooManyCells",
            ReadError::XlsxTooLarge { .. } => "xlsxTooLarge",
            ReadError::XlsxTooManyEntries { .. } => "xlsxTooManyEntries",
            ReadError::XlsxDamaged { .. } => "xlsxDamaged",
            ReadError::UnclosedQuote { .. } => "unclosedQuote",
            ReadError::Csv { .. } => "csv",
        }
    }
}

const SAVE_AS: &str = "Save it as .xlsx or CSV and try again.";

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge { bytes } => write!(
                f,
                "the file is larger than {} MB ({} MB): keep only the rows and columns to screen, or split it",
                MAX_FILE_BYTES / (1024 * 1024),
                megabytes(*bytes as u64)
            ),
            ReadError::Empty => write!(f, "the file is empty"),
            ReadError::NotASpreadsheet { what } => {
                write!(f, "this is not a spreadsheet we can read: it is {what}. {SAVE_AS}")
            }
            ReadError::NotText => write!(
                f,
                "this is not a spreadsheet we can read: it holds binary data, not text. {SAVE_AS}"
            ),
            ReadError::OnlyHeader { sheet } => write!(
                f,
                "the file has a header row{} but no rows under it",
                in_sheet(sheet)
            ),
            ReadError::TooManyRows { sheet } => write!(
                f,
                "the file has more than {} rows{}: split it into smaller files",
                thousands(MAX_ROWS as u64),
                in_sheet(sheet)
            ),
            ReadError::TooManyColumns { sheet, row, columns } => write!(
                f,
                "row {row}{} has {} columns or more; at most {} can be read: keep only the columns that describe the items",
                in_sheet(sheet),
                thousands(*columns as u64),
                thousands(MAX_COLUMNS as u64)
            ),
            ReadError::TooManyCells { sheet } => write!(
                f,
                "the file has more than {} filled cells{}: keep only the columns that describe the items",
                thousands(MAX_CELLS as u64),
                in_sheet(sheet)
            ),
            ReadError::XlsxTooLarge { declared_bytes } => write!(
                f,
                "the .xlsx file would unpack to {} MB, more than {} MB: refused, as it may be a zip bomb",
                megabytes(*declared_bytes),
                MAX_XLSX_UNCOMPRESSED_BYTES / (1024 * 1024)
            ),
            ReadError::XlsxTooManyEntries { entries } => write!(
                f,
                "the .xlsx file holds {} parts, far more than a workbook has: refused",
                thousands(*entries as u64)
            ),
            ReadError::XlsxDamaged { detail } => write!(
                f,
                "the .xlsx file is damaged or not an Excel workbook ({detail}). Open it in a spreadsheet program and save it again as .xlsx or CSV."
            ),
            ReadError::UnclosedQuote { line } => write!(
                f,
                "line {line} opens a quoted cell (\") that is never closed, so the rest of the file would be one cell: check the quotes on that line, or save the file again from the spreadsheet"
            ),
            ReadError::Csv { line: Some(line), detail } => {
                write!(f, "line {line} cannot be read as CSV: {detail}")
            }
            ReadError::Csv { line: None, detail } => write!(f, "the file cannot be read as CSV: {detail}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// 1234567 → "1,234,567".
pub(crate) fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

fn megabytes(bytes: u64) -> String {
    let tenths = bytes * 10 / (1024 * 1024);
    format!("{}.{}", thousands(tenths / 10), tenths % 10)
}

/// Reads a catalogue file: .xlsx (every sheet with data) or delimited text. The kind is
/// taken from the bytes, not the name; `file_name` only words the messages.
pub fn read_file(
    bytes: &[u8],
    file_name: &str,
    options: ReadOptions,
) -> Result<Workbook, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    match sniff::file_kind(bytes, file_name) {
        sniff::FileKind::Zip => xlsx::read_xlsx(bytes),
        sniff::FileKind::Text => text::read_delimited(bytes, options),
        sniff::FileKind::Empty => Err(ReadError::Empty),
        sniff::FileKind::Binary => Err(ReadError::NotText),
        sniff::FileKind::Other(what) => Err(ReadError::NotASpreadsheet { what }),
    }
}

/// Reads rows copied from a spreadsheet (cells separated by tabs, Excel's clipboard text).
/// The first row is taken as the header when it reads like one; otherwise every row is
/// data and the columns are named "Column A", "Column B", ...
pub fn read_pasted(text: &str) -> Result<Workbook, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    text::read_pasted(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn megabytes_has_one_decimal() {
        assert_eq!(megabytes(100 * 1024 * 1024), "100.0");
        assert_eq!(megabytes(1024 * 1024 * 3 / 2), "1.5");
    }
}
