//! The shape every reader produces: sheets of string cells under a header row.

use crate::read::{Delimiter, Notice, TextEncoding};

/// One sheet (or the one table of a CSV file): a header per column and rows of cells.
/// Every row has exactly `headers.len()` cells. Cells are strings as a spreadsheet shows
/// them: numbers as written, dates as `YYYY-MM-DD`, formulas as their cached value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The sheet's name in an .xlsx; `None` for CSV and pasted rows.
    pub sheet: Option<String>,
    /// Unique, non-empty column names ("Column C" for a blank one, "Name (2)" for a repeat).
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// All sheets read from one file, in workbook order; sheets without a data row are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workbook {
    pub sheets: Vec<Table>,
    /// How text was decoded (`None` for .xlsx), so the user can pick another.
    pub encoding: Option<TextEncoding>,
    /// How text was split into cells (`None` for .xlsx), so the user can pick another.
    pub delimiter: Option<Delimiter>,
    pub notices: Vec<Notice>,
}

/// The spreadsheet letter name of a zero-based column index: 0 → "A", 26 → "AA".
pub fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(b'A' + digit as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn column_letters_follow_spreadsheet_naming() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
