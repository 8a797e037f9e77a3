//! Real-world shaped catalogues, made here: CSV as German and French Excel save it, UTF-8
//! with a BOM, UTF-16, an .xlsx with several sheets and a header merged over two rows,
//! rows pasted from a spreadsheet.

use dualuse_catalogue::{
    guess_columns, read_file, read_pasted, Delimiter, Notice, ReadOptions, TextEncoding,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook as XlsxWorkbook};

fn cells(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| value.to_string()).collect()
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "the fixture must be Windows-1252 text");
    bytes.into_owned()
}

/// "CSV (Trennzeichen-getrennt)" from a German Excel: Windows-1252, semicolons, decimal
/// commas, CRLF, a quoted cell with a semicolon and one with a line break.
const GERMAN_CSV: &str = "Art.-Nr.;Bezeichnung;Beschreibung;Preis (€);Gewicht kg;AL\r\n\
    PG-100;Prüfgerät;\"Isolationsprüfgerät; 1000 V, Gehäuse IP54\";1.299,00;2,5;\r\n\
    LS-80;Lötstation;\"Lötstation 80 W\nmit Ständer\";189,90;1,75;-\r\n\
    VP-5521;Vakuumpumpe;Drehschieber-Vakuumpumpe, zweistufig;2.450;18;2B999\r\n";

#[test]
fn german_excel_csv_in_windows_1252() {
    let workbook = read_file(
        &windows_1252(GERMAN_CSV),
        "artikel.csv",
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(workbook.delimiter, Some(Delimiter::Semicolon));
    assert!(workbook.notices.is_empty(), "{:?}", workbook.notices);
    let table = &workbook.sheets[0];
    assert_eq!(
        table.headers,
        cells(&[
            "Art.-Nr.",
            "Bezeichnung",
            "Beschreibung",
            "Preis (€)",
            "Gewicht kg",
            "AL"
        ])
    );
    assert_eq!(
        table.rows[0],
        cells(&[
            "PG-100",
            "Prüfgerät",
            "Isolationsprüfgerät; 1000 V, Gehäuse IP54",
            "1.299,00",
            "2,5",
            ""
        ])
    );
    assert_eq!(table.rows[1][1], "Lötstation");
    assert_eq!(table.rows[1][2], "Lötstation 80 W\nmit Ständer");
    assert_eq!(table.rows.len(), 3);

    let guess = guess_columns(&table.headers, &table.rows);
    assert_eq!(guess.part_number, Some(0));
    assert_eq!(guess.name, Some(1));
    assert_eq!(guess.description, Some(2));
    assert_eq!(guess.classification, Some(5));
}

#[test]
fn encoding_and_delimiter_can_be_overridden() {
    let bytes = windows_1252(GERMAN_CSV);
    let as_utf8 = ReadOptions {
        encoding: Some(TextEncoding::Utf8),
        delimiter: Some(Delimiter::Comma),
    };
    let workbook = read_file(&bytes, "artikel.csv", as_utf8).unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Utf8));
    assert_eq!(workbook.delimiter, Some(Delimiter::Comma));
    assert!(workbook.notices.contains(&Notice::InvalidBytesReplaced {
        encoding: TextEncoding::Utf8
    }));
    assert!(workbook.sheets[0].rows[0][0].contains('\u{FFFD}'));
}

#[test]
fn french_excel_csv() {
    let text = "Référence;Désignation;Libellé long;Prix HT;ECCN\r\n\
        OSC-2004;Oscilloscope numérique;Oscilloscope 4 voies, bande passante 200 MHz;1 299,00;EAR99\r\n\
        CAM-640;Caméra thermique;Caméra infrarouge non refroidie 640×480, 30 Hz;8 900,50;6A993.a\r\n";
    let workbook = read_file(&windows_1252(text), "catalogue.csv", ReadOptions::default()).unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(workbook.delimiter, Some(Delimiter::Semicolon));
    let table = &workbook.sheets[0];
    assert_eq!(table.headers[1], "Désignation");
    assert_eq!(
        table.rows[1][2],
        "Caméra infrarouge non refroidie 640×480, 30 Hz"
    );
    assert_eq!(table.rows[1][3], "8 900,50");
    let guess = guess_columns(&table.headers, &table.rows);
    assert_eq!(guess.part_number, Some(0));
    assert_eq!(guess.name, Some(1));
    assert_eq!(guess.description, Some(2));
    assert_eq!(guess.eccn, Some(4));
}

#[test]
fn utf8_with_bom_and_commas() {
    let text = "\u{FEFF}Part number,Product name,Description\n\
        \"TC-1\",\"Thermal camera\",\"Uncooled, 640x480 \"\"VGA\"\"\"\n\
        SW-2,Switch,Managed Ethernet switch\n";
    let workbook = read_file(text.as_bytes(), "list.csv", ReadOptions::default()).unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Utf8));
    assert_eq!(workbook.delimiter, Some(Delimiter::Comma));
    let table = &workbook.sheets[0];
    assert_eq!(
        table.headers[0], "Part number",
        "the BOM is not part of the first header"
    );
    assert_eq!(table.rows[0][2], "Uncooled, 640x480 \"VGA\"");
}

#[test]
fn utf16_unicode_text_from_excel() {
    let text = "Name\tECCN\r\nSpektrometer\t3A999\r\nΦίλτρο\tEAR99\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let workbook = read_file(&bytes, "liste.txt", ReadOptions::default()).unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(workbook.delimiter, Some(Delimiter::Tab));
    assert_eq!(workbook.sheets[0].rows[1], cells(&["Φίλτρο", "EAR99"]));

    let mut big_endian = vec![0xFE, 0xFF];
    big_endian.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let workbook = read_file(&big_endian, "liste.txt", ReadOptions::default()).unwrap();
    assert_eq!(workbook.encoding, Some(TextEncoding::Utf16Be));
    assert_eq!(
        workbook.sheets[0].rows[0],
        cells(&["Spektrometer", "3A999"])
    );
}

#[test]
fn blank_and_repeated_headers_and_ragged_rows() {
    let text = "Name,,Name\nPump,x,y,extra\nValve\n";
    let workbook = read_file(text.as_bytes(), "x.csv", ReadOptions::default()).unwrap();
    let table = &workbook.sheets[0];
    assert_eq!(
        table.headers,
        cells(&["Name", "Column B", "Name (2)", "Column D"])
    );
    assert_eq!(table.rows[1], cells(&["Valve", "", "", ""]));
    assert!(workbook.notices.iter().any(|notice| matches!(
        notice,
        Notice::RaggedRows {
            count: 2,
            first_row: 1,
            ..
        }
    )));
}

#[test]
fn leading_blank_lines_and_excel_separator_line() {
    let text = "sep=|\r\n\r\n||\r\nItem|Code\r\nPump|2B350\r\n";
    let workbook = read_file(text.as_bytes(), "x.csv", ReadOptions::default()).unwrap();
    assert_eq!(workbook.delimiter, Some(Delimiter::Pipe));
    assert_eq!(workbook.sheets[0].headers, cells(&["Item", "Code"]));
    assert_eq!(workbook.sheets[0].rows, vec![cells(&["Pump", "2B350"])]);
}

/// A workbook as exporters keep them: a price-list sheet whose header has a group
/// "Product" merged over "Name" and "Description" in the row below (and "Art.-Nr." merged
/// down over both rows), typed cells (numbers, a date, a formula with its cached value),
/// a second sheet with a plain header, an empty sheet.
fn several_sheets_workbook() -> Vec<u8> {
    let mut workbook = XlsxWorkbook::new();
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet().set_name("Preisliste").unwrap();
    sheet.merge_range(0, 0, 1, 0, "Art.-Nr.", &bold).unwrap();
    sheet.merge_range(0, 1, 0, 2, "Product", &bold).unwrap();
    sheet.write_string_with_format(1, 1, "Name", &bold).unwrap();
    sheet
        .write_string_with_format(1, 2, "Description", &bold)
        .unwrap();
    sheet.merge_range(0, 3, 1, 3, "Price", &bold).unwrap();
    sheet.merge_range(0, 4, 1, 4, "Since", &bold).unwrap();
    sheet.merge_range(0, 5, 1, 5, "Stock value", &bold).unwrap();
    let rows: [(&str, &str, &str, f64); 2] = [
        ("PG-100", "Prüfgerät", "Isolation tester 1000 V", 1299.0),
        ("LS-80", "Lötstation", "Soldering station 80 W", 189.9),
    ];
    for (index, (part, name, description, price)) in rows.into_iter().enumerate() {
        let row = index as u32 + 2;
        sheet.write_string(row, 0, part).unwrap();
        sheet.write_string(row, 1, name).unwrap();
        sheet.write_string(row, 2, description).unwrap();
        sheet.write_number(row, 3, price).unwrap();
        let date = ExcelDateTime::from_ymd(2024, 3, 15).unwrap();
        sheet
            .write_datetime_with_format(row, 4, &date, &date_format)
            .unwrap();
    }
    // Formulas are never evaluated: the cached value is what a spreadsheet shows.
    sheet
        .write_formula(2, 5, Formula::new("=D3*10").set_result("12990"))
        .unwrap();
    sheet
        .write_formula(3, 5, Formula::new("=D4*10").set_result("1899"))
        .unwrap();

    let second = workbook.add_worksheet().set_name("Zubehör").unwrap();
    second.write_string(0, 0, "Item").unwrap();
    second.write_string(0, 1, "ECCN").unwrap();
    second.write_string(1, 0, "Spare filter").unwrap();
    second.write_string(1, 1, "EAR99").unwrap();
    second.write_boolean(1, 2, true).unwrap();

    workbook.add_worksheet().set_name("Leer").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_several_sheets_and_a_two_row_header() {
    let workbook = read_file(
        &several_sheets_workbook(),
        "preise.xlsx",
        ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(workbook.encoding, None);
    assert_eq!(workbook.sheets.len(), 2);

    let prices = &workbook.sheets[0];
    assert_eq!(prices.sheet.as_deref(), Some("Preisliste"));
    assert_eq!(
        prices.headers,
        cells(&[
            "Art.-Nr.",
            "Product / Name",
            "Product / Description",
            "Price",
            "Since",
            "Stock value"
        ])
    );
    assert_eq!(
        prices.rows,
        vec![
            cells(&[
                "PG-100",
                "Prüfgerät",
                "Isolation tester 1000 V",
                "1299",
                "2024-03-15",
                "12990"
            ]),
            cells(&[
                "LS-80",
                "Lötstation",
                "Soldering station 80 W",
                "189.9",
                "2024-03-15",
                "1899"
            ]),
        ]
    );
    let guess = guess_columns(&prices.headers, &prices.rows);
    assert_eq!(guess.part_number, Some(0));
    assert_eq!(guess.name, Some(1));
    assert_eq!(guess.description, Some(2));

    let accessories = &workbook.sheets[1];
    assert_eq!(accessories.sheet.as_deref(), Some("Zubehör"));
    assert_eq!(accessories.headers, cells(&["Item", "ECCN", "Column C"]));
    assert_eq!(
        accessories.rows,
        vec![cells(&["Spare filter", "EAR99", "TRUE"])]
    );

    assert!(workbook.notices.contains(&Notice::HeaderRowsCombined {
        sheet: "Preisliste".into()
    }));
    assert!(workbook.notices.contains(&Notice::SheetsSkipped {
        names: cells(&["Leer"])
    }));
}

#[test]
fn pasted_rows_with_a_header() {
    // Excel puts a multi-line cell in quotes on the clipboard.
    let text = "Bezeichnung\tArt.-Nr.\tECCN\r\nLötstation\tLS-80\tEAR99\r\n\"Pumpe\nzweistufig\"\tVP-1\t\r\n";
    let workbook = read_pasted(text).unwrap();
    let table = &workbook.sheets[0];
    assert_eq!(table.headers, cells(&["Bezeichnung", "Art.-Nr.", "ECCN"]));
    assert_eq!(table.rows[1], cells(&["Pumpe\nzweistufig", "VP-1", ""]));
    assert!(workbook.notices.is_empty());
}

#[test]
fn pasted_rows_without_a_header() {
    let text = "Oscilloscope 200 MHz\tOSC-200\t3A992\nThermal camera\tTC-640\t6A993\n";
    let workbook = read_pasted(text).unwrap();
    let table = &workbook.sheets[0];
    assert_eq!(table.headers, cells(&["Column A", "Column B", "Column C"]));
    assert_eq!(table.rows.len(), 2);
    assert!(workbook.notices.contains(&Notice::NoHeaderRow));
    // One pasted product name is a catalogue of one.
    let single = read_pasted("Vacuum pump, two-stage\n").unwrap();
    assert_eq!(
        single.sheets[0].rows,
        vec![cells(&["Vacuum pump, two-stage"])]
    );
}
