//! Excel .xlsx workbooks through `calamine`, after the archive's declared sizes have been
//! checked (a zip bomb is refused before anything is decompressed: the `zip` crate then
//! stops any entry that inflates past its declared size). Cells are streamed, so a sheet
//! declaring a huge dimension allocates nothing for its empty cells.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Dimensions, Reader, SheetType, Xlsx};

use crate::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_SHEETS, MAX_XLSX_ENTRIES, MAX_XLSX_UNCOMPRESSED_BYTES,
};
use crate::table::{Table, Workbook};

use super::headers::{name_headers, CellLimiter};
use super::{Notice, ReadError};

fn damaged(error: impl std::fmt::Display) -> ReadError {
    ReadError::XlsxDamaged {
        detail: error.to_string(),
    }
}

/// Refuses archives that are not workbooks, or that declare more than the caps, from the
/// central directory alone.
fn check_archive(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    if archive.len() > MAX_XLSX_ENTRIES {
        return Err(ReadError::XlsxTooManyEntries {
            entries: archive.len(),
        });
    }
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .collect();
    let has = |wanted: &str| names.iter().any(|name| name == wanted);
    let has_folder = |folder: &str| names.iter().any(|name| name.starts_with(folder));
    if !has("xl/workbook.xml") {
        let what = if has("xl/workbook.bin") {
            "an Excel binary workbook (.xlsb)"
        } else if has_folder("word/") {
            "a Word document (.docx)"
        } else if has_folder("ppt/") {
            "a PowerPoint presentation (.pptx)"
        } else if has("content.xml") {
            "an OpenDocument file (.ods or .odt)"
        } else {
            "a zip archive, not an Excel workbook"
        };
        return Err(ReadError::NotASpreadsheet { what });
    }
    let mut declared_bytes: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(damaged)?;
        declared_bytes = declared_bytes.saturating_add(entry.size());
    }
    if declared_bytes > MAX_XLSX_UNCOMPRESSED_BYTES {
        return Err(ReadError::XlsxTooLarge { declared_bytes });
    }
    Ok(())
}

pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Workbook, ReadError> {
    check_archive(bytes)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let sheet_names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .take(MAX_SHEETS)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut notices = Vec::new();
    let mut sheets = Vec::new();
    let mut skipped = Vec::new();
    let mut any_header = false;
    for name in sheet_names {
        match read_sheet(&mut workbook, &name, &mut notices)? {
            SheetContent::Table(table) => sheets.push(table),
            SheetContent::HeaderOnly => {
                any_header = true;
                skipped.push(name);
            }
            SheetContent::Empty => skipped.push(name),
        }
    }
    if sheets.is_empty() {
        return Err(if any_header {
            ReadError::OnlyHeader { sheet: None }
        } else {
            ReadError::Empty
        });
    }
    if !skipped.is_empty() {
        notices.push(Notice::SheetsSkipped { names: skipped });
    }
    Ok(Workbook {
        sheets,
        encoding: None,
        delimiter: None,
        notices,
    })
}

enum SheetContent {
    Table(Table),
    HeaderOnly,
    Empty,
}

/// Rows of rows beyond the header that a sheet may start with (titles, blank lines).
const LEADING_ROWS_ALLOWED: usize = 100;

fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    notices: &mut Vec<Notice>,
) -> Result<SheetContent, ReadError> {
    let sheet = Some(name.to_string());
    let merged = workbook.merge_cells_by_sheet_name(name).map_err(damaged)?;
    let mut reader = workbook.worksheet_cells_reader(name).map_err(damaged)?;
    let mut limiter = CellLimiter::default();
    // Filled cells by row, then column; empty cells are never stored.
    let mut grid: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut filled = 0usize;
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        if column as usize >= MAX_COLUMNS {
            return Err(ReadError::TooManyColumns {
                sheet,
                row: u64::from(row) + 1,
                columns: column as usize + 1,
            });
        }
        if row as usize >= MAX_ROWS + LEADING_ROWS_ALLOWED {
            return Err(ReadError::TooManyRows { sheet });
        }
        filled += 1;
        if filled > MAX_CELLS {
            return Err(ReadError::TooManyCells { sheet });
        }
        let text = limiter.limit(text, row as usize + 1);
        grid.entry(row).or_default().insert(column, text);
    }
    let Some(&header_row) = grid.keys().next() else {
        return Ok(SheetContent::Empty);
    };
    let width = grid
        .values()
        .filter_map(|cells| cells.keys().next_back())
        .max()
        .map_or(0, |&last| last as usize + 1);
    let cell = |row: u32, column: u32| -> &str {
        grid.get(&row)
            .and_then(|cells| cells.get(&column))
            .map_or("", String::as_str)
    };

    let two_row_header = has_grouped_header(&merged, header_row, &grid);
    let raw_headers: Vec<String> = (0..width as u32)
        .map(|column| {
            if two_row_header {
                combined_header(&merged, header_row, column, &cell)
            } else {
                cell(header_row, column).to_string()
            }
        })
        .collect();
    let first_data_row = header_row + if two_row_header { 2 } else { 1 };
    let rows: Vec<Vec<String>> = grid
        .range(first_data_row..)
        .map(|(_, cells)| {
            let mut row = vec![String::new(); width];
            for (&column, text) in cells {
                row[column as usize] = text.clone();
            }
            row
        })
        .collect();
    if rows.is_empty() {
        return Ok(SheetContent::HeaderOnly);
    }
    if rows.len() > MAX_ROWS {
        return Err(ReadError::TooManyRows { sheet });
    }
    if two_row_header {
        notices.push(Notice::HeaderRowsCombined {
            sheet: name.to_string(),
        });
    }
    notices.extend(limiter.notice(&sheet));
    let (headers, header_notices) = name_headers(&raw_headers, &sheet);
    notices.extend(header_notices);
    Ok(SheetContent::Table(Table {
        sheet,
        headers,
        rows,
    }))
}

/// A header cell merged across columns of the header row, with filled cells under it in
/// the next row: a group header ("Product") over its columns ("Name", "Description").
fn has_grouped_header(
    merged: &[Dimensions],
    header_row: u32,
    grid: &BTreeMap<u32, BTreeMap<u32, String>>,
) -> bool {
    let Some(next_row) = grid.get(&(header_row + 1)) else {
        return false;
    };
    merged.iter().any(|region| {
        region.start.0 == header_row
            && region.end.0 == header_row
            && region.end.1 > region.start.1
            && next_row
                .keys()
                .any(|&column| (region.start.1..=region.end.1).contains(&column))
    })
}

/// "Group / Column" for a column under a group header; a header merged down over both
/// rows ("ECCN" in A1:A2) stays as it is.
fn combined_header<'a>(
    merged: &[Dimensions],
    header_row: u32,
    column: u32,
    cell: &impl Fn(u32, u32) -> &'a str,
) -> String {
    let region = merged.iter().find(|region| {
        region.start.0 == header_row && (region.start.1..=region.end.1).contains(&column)
    });
    let top = cell(header_row, region.map_or(column, |region| region.start.1)).trim();
    let spans_both_rows = region.is_some_and(|region| region.end.0 > header_row);
    let bottom = if spans_both_rows {
        ""
    } else {
        cell(header_row + 1, column).trim()
    };
    match (top.is_empty(), bottom.is_empty()) {
        (false, false) if top != bottom => format!("{top} / {bottom}"),
        (false, _) => top.to_string(),
        (true, _) => bottom.to_string(),
    }
}

/// A cell as the spreadsheet shows it, near enough: formulas are their cached value.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => format_number(*number),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => text.to_string(),
        DataRef::Bool(true) => "TRUE".to_string(),
        DataRef::Bool(false) => "FALSE".to_string(),
        DataRef::DateTime(datetime) if datetime.is_duration() => format_duration(datetime.as_f64()),
        DataRef::DateTime(datetime) => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            match (hour, minute, second) {
                (0, 0, 0) => format!("{year:04}-{month:02}-{day:02}"),
                (_, _, 0) => format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}"),
                _ => format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"),
            }
        }
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(error) => error.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// Excel shows at most 15 significant digits: 0.1 + 0.2 is "0.3", 12 is "12", not "12.0".
pub(crate) fn format_number(number: f64) -> String {
    if !number.is_finite() {
        return number.to_string();
    }
    let rounded: f64 = format!("{number:.14e}").parse().unwrap_or(number);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// `[h]:mm:ss`, as Excel shows a duration.
fn format_duration(days: f64) -> String {
    let seconds = (days * 86_400.0).round() as i64;
    let sign = if seconds < 0 { "-" } else { "" };
    let seconds = seconds.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(-3.25), "-3.25");
        assert_eq!(format_number(1234567890123.0), "1234567890123");
    }

    #[test]
    fn durations_are_hours_minutes_seconds() {
        assert_eq!(format_duration(1.5), "36:00:00");
        assert_eq!(format_duration(1.0 / 24.0 / 60.0), "0:01:00");
    }
}
