//! The JavaScript API of the catalogue module (wasm32 only). Shapes are camelCase; errors
//! are JS `Error`s with the English message and a `code` for the UI's own words.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::columns::{guess_columns, Guess};
use crate::read::{self, Delimiter, ReadOptions, TextEncoding};
use crate::table::{Table, Workbook};
use crate::write::{self, ExportColumns};

fn js_error(message: &str, code: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| js_error(&error.to_string(), "internal"))
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|error| js_error(&format!("{what}: {error}"), "badArgument"))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ReadOptionsInput {
    encoding: Option<String>,
    delimiter: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GuessView {
    name: Option<usize>,
    description: Option<usize>,
    part_number: Option<usize>,
    eccn: Option<usize>,
    classification: Option<usize>,
}

impl From<Guess> for GuessView {
    fn from(guess: Guess) -> Self {
        GuessView {
            name: guess.name,
            description: guess.description,
            part_number: guess.part_number,
            eccn: guess.eccn,
            classification: guess.classification,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportView {
    user_columns: usize,
    status: usize,
    decision: usize,
    candidates: usize,
    note: usize,
    dataset_version: usize,
    dataset_date: usize,
}

impl From<ExportColumns> for ExportView {
    fn from(columns: ExportColumns) -> Self {
        ExportView {
            user_columns: columns.user_columns,
            status: columns.status,
            decision: columns.decision,
            candidates: columns.candidates,
            note: columns.note,
            dataset_version: columns.dataset_version,
            dataset_date: columns.dataset_date,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SheetView {
    name: Option<String>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    row_count: usize,
    guess: GuessView,
    /// Where the tool's columns are, when the file is a re-opened export.
    export: Option<ExportView>,
}

#[derive(Serialize)]
struct NoticeView {
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkbookView {
    sheets: Vec<SheetView>,
    encoding: Option<&'static str>,
    delimiter: Option<&'static str>,
    notices: Vec<NoticeView>,
    /// The first sheet's guess (each sheet has its own).
    guess: GuessView,
}

fn sheet_view(table: Table) -> SheetView {
    SheetView {
        guess: guess_columns(&table.headers, &table.rows).into(),
        export: write::detect_export(&table.headers).map(Into::into),
        name: table.sheet,
        row_count: table.rows.len(),
        headers: table.headers,
        rows: table.rows,
    }
}

fn workbook_view(result: Result<Workbook, read::ReadError>) -> Result<JsValue, JsValue> {
    let workbook = result.map_err(|error| js_error(&error.to_string(), error.code()))?;
    let sheets: Vec<SheetView> = workbook.sheets.into_iter().map(sheet_view).collect();
    let guess = sheets
        .first()
        .map(|sheet| guess_columns(&sheet.headers, &sheet.rows))
        .unwrap_or_default()
        .into();
    to_js(&WorkbookView {
        sheets,
        encoding: workbook.encoding.map(TextEncoding::label),
        delimiter: workbook.delimiter.map(Delimiter::as_str),
        notices: workbook
            .notices
            .iter()
            .map(|notice| NoticeView {
                code: notice.code(),
                message: notice.to_string(),
            })
            .collect(),
        guess,
    })
}

/// `readCatalogue(bytes, fileName, { encoding?, delimiter? })`: every sheet of an .xlsx, or
/// the table of a CSV/TSV file, with the encoding and delimiter used (to offer others),
/// notices and a guess of the columns that describe the item.
#[wasm_bindgen(js_name = readCatalogue)]
pub fn read_catalogue(bytes: &[u8], file_name: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let input: ReadOptionsInput = from_js(options, "options")?;
    let encoding = match input.encoding.as_deref() {
        None | Some("") => None,
        Some(label) => Some(TextEncoding::from_label(label).ok_or_else(|| {
            js_error(
                &format!(
                    "unknown encoding \"{label}\": use UTF-8, windows-1252, UTF-16LE or UTF-16BE"
                ),
                "badArgument",
            )
        })?),
    };
    let delimiter = match input.delimiter.as_deref() {
        None | Some("") => None,
        Some(text) => Some(Delimiter::parse(text).ok_or_else(|| {
            js_error(
                &format!("unknown delimiter \"{text}\": use \",\", \";\", tab or \"|\""),
                "badArgument",
            )
        })?),
    };
    workbook_view(read::read_file(
        bytes,
        file_name,
        ReadOptions {
            encoding,
            delimiter,
        },
    ))
}

/// `readPasted(text)`: rows copied from a spreadsheet (tab-separated).
#[wasm_bindgen(js_name = readPasted)]
pub fn read_pasted(text: &str) -> Result<JsValue, JsValue> {
    workbook_view(read::read_pasted(text))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WriteOptionsInput {
    delimiter: Option<String>,
    sheet_name: Option<String>,
}

/// `writeCatalogue("csv" | "xlsx" | "json", headers, rows, { delimiter?, sheetName? })`:
/// the file's bytes. Headers usually come from `exportHeaders`.
#[wasm_bindgen(js_name = writeCatalogue)]
pub fn write_catalogue(
    format: &str,
    headers: JsValue,
    rows: JsValue,
    options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let headers: Vec<String> = from_js(headers, "headers")?;
    let rows: Vec<Vec<String>> = from_js(rows, "rows")?;
    let options: WriteOptionsInput = from_js(options, "options")?;
    let written = match format {
        "csv" => {
            let delimiter = match options.delimiter.as_deref() {
                None | Some("") => Delimiter::Comma,
                Some(text) => match Delimiter::parse(text) {
                    Some(delimiter @ (Delimiter::Comma | Delimiter::Semicolon)) => delimiter,
                    _ => {
                        return Err(js_error(
                            &format!("a CSV export is separated by \",\" or \";\", not \"{text}\""),
                            "badArgument",
                        ))
                    }
                },
            };
            write::write_csv(&headers, &rows, delimiter)
        }
        "xlsx" => write::write_xlsx(
            &headers,
            &rows,
            options.sheet_name.as_deref().unwrap_or("Catalogue"),
        ),
        "json" => write::write_json(&headers, &rows),
        other => {
            return Err(js_error(
                &format!("unknown export format \"{other}\": use csv, xlsx or json"),
                "badArgument",
            ))
        }
    };
    written.map_err(|error| js_error(&error.to_string(), "writeFailed"))
}

/// `exportHeaders(userHeaders)`: the user's headers then the tool's fixed columns.
#[wasm_bindgen(js_name = exportHeaders)]
pub fn export_headers(user_headers: JsValue) -> Result<JsValue, JsValue> {
    let user_headers: Vec<String> = from_js(user_headers, "headers")?;
    to_js(&write::export_headers(&user_headers))
}

/// `detectExport(headers)`: where the tool's columns are, or `null` if not an export.
#[wasm_bindgen(js_name = detectExport)]
pub fn detect_export(headers: JsValue) -> Result<JsValue, JsValue> {
    let headers: Vec<String> = from_js(headers, "headers")?;
    to_js(&write::detect_export(&headers).map(ExportView::from))
}
