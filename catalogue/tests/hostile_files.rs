//! Files that must get a clear message and break nothing (issue 15, requirement 4).

use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

use dualuse_catalogue::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS};
use dualuse_catalogue::{read_file, read_pasted, Notice, ReadError, ReadOptions};

fn read(bytes: &[u8], name: &str) -> Result<dualuse_catalogue::Workbook, ReadError> {
    read_file(bytes, name, ReadOptions::default())
}

fn message(result: Result<dualuse_catalogue::Workbook, ReadError>) -> String {
    result.expect_err("the file must be refused").to_string()
}

#[test]
fn files_that_are_not_spreadsheets_are_named() {
    let png = b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01";
    assert_eq!(
        message(read(png, "catalogue.csv")),
        "this is not a spreadsheet we can read: it is a PNG image. Save it as .xlsx or CSV and try again."
    );
    assert!(
        message(read(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "catalogue.xlsx"))
            .contains("a PDF document")
    );
    let old_excel = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    assert!(message(read(old_excel, "catalogue.xls")).contains("Excel 97-2003 workbook (.xls)"));
}

#[test]
fn office_files_that_are_zip_archives_are_named() {
    let mut docx = zip::ZipWriter::new(Cursor::new(Vec::new()));
    docx.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    docx.write_all(b"<w:document/>").unwrap();
    let docx = docx.finish().unwrap().into_inner();
    assert!(message(read(&docx, "catalogue.xlsx")).contains("a Word document (.docx)"));
}

#[test]
fn random_bytes_are_not_text() {
    // A fixed pseudo-random sequence (xorshift), so the test is the same every run.
    let mut state: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect();
    assert_eq!(read(&bytes, "data.csv"), Err(ReadError::NotText));
    assert!(ReadError::NotText
        .to_string()
        .contains("binary data, not text"));
}

#[test]
fn empty_files() {
    assert_eq!(read(b"", "empty.csv"), Err(ReadError::Empty));
    assert_eq!(
        read(b"\xEF\xBB\xBF\r\n \r\n", "empty.csv"),
        Err(ReadError::Empty)
    );
    assert_eq!(read(b";;;\r\n;;;\r\n", "empty.csv"), Err(ReadError::Empty));
    assert_eq!(read_pasted("\n\n"), Err(ReadError::Empty));
    assert_eq!(message(read(b"", "empty.csv")), "the file is empty");
}

#[test]
fn a_header_only_file() {
    let result = read(b"Bezeichnung;Art.-Nr.;AL\r\n", "kopf.csv");
    assert_eq!(result, Err(ReadError::OnlyHeader { sheet: None }));
    assert_eq!(
        message(result),
        "the file has a header row but no rows under it"
    );
    assert_eq!(
        read_pasted("Part number\tDescription\n"),
        Err(ReadError::OnlyHeader { sheet: None })
    );

    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(0, 1, "ECCN").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(
        read(&bytes, "kopf.xlsx"),
        Err(ReadError::OnlyHeader { sheet: None })
    );
}

#[test]
fn a_100_mb_file_is_refused_by_its_size_first() {
    // In memory only; the size check comes before anything looks at the bytes.
    let bytes = vec![b'a'; 100 * 1024 * 1024];
    let started = Instant::now();
    let result = read(&bytes, "huge.csv");
    assert!(started.elapsed() < Duration::from_millis(100));
    assert_eq!(result, Err(ReadError::TooLarge { bytes: bytes.len() }));
    assert_eq!(
        message(result),
        "the file is larger than 50 MB (100.0 MB): keep only the rows and columns to screen, or split it"
    );
    assert!(read(&bytes[..MAX_FILE_BYTES + 1], "huge.csv").is_err());
}

#[test]
fn a_million_columns_in_one_line_are_refused_fast() {
    let mut text = "x,".repeat(1_000_000);
    text.push_str("\nPump,Valve\n");
    let started = Instant::now();
    let result = read(text.as_bytes(), "wide.csv");
    let elapsed = started.elapsed();
    assert_eq!(
        result,
        Err(ReadError::TooManyColumns {
            sheet: None,
            row: 1,
            columns: MAX_COLUMNS + 1
        })
    );
    assert!(elapsed < Duration::from_secs(1), "took {elapsed:?}");
    assert_eq!(
        message(result),
        "row 1 has 501 columns or more; at most 500 can be read: keep only the columns that describe the items"
    );
}

#[test]
fn too_many_columns_in_an_xlsx() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(1, 0, "Pump").unwrap();
    sheet.write_string(1, 16_000, "far right").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    assert!(matches!(
        read(&bytes, "wide.xlsx"),
        Err(ReadError::TooManyColumns {
            row: 2,
            columns: 16_001,
            ..
        })
    ));
}

#[test]
fn a_sheet_declaring_a_huge_dimension_allocates_nothing_for_it() {
    // Cells at A1 and at the last row of the sheet: a dense grid would be 1,048,576 rows.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(1, 0, "Pump").unwrap();
    sheet.write_string(1_048_575, 0, "bottom").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let started = Instant::now();
    assert_eq!(
        read(&bytes, "tall.xlsx"),
        Err(ReadError::TooManyRows {
            sheet: Some("Sheet1".into())
        })
    );
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn too_many_rows_in_a_csv() {
    let mut text = String::from("Name\n");
    for index in 0..=MAX_ROWS {
        text.push_str(&format!("item {index}\n"));
    }
    let result = read(text.as_bytes(), "long.csv");
    assert_eq!(result, Err(ReadError::TooManyRows { sheet: None }));
    assert_eq!(
        message(result),
        "the file has more than 100,000 rows: split it into smaller files"
    );
}

#[test]
fn overlong_cells_are_cut_with_a_notice() {
    let text = format!(
        "Name,Description\nPump,{}\n",
        "x".repeat(MAX_CELL_CHARS + 1000)
    );
    let workbook = read(text.as_bytes(), "long-cell.csv").unwrap();
    assert_eq!(workbook.sheets[0].rows[0][1].len(), MAX_CELL_CHARS);
    assert!(workbook.notices.contains(&Notice::CellsTruncated {
        sheet: None,
        count: 1,
        first_row: 2
    }));
}

#[test]
fn a_quote_that_is_never_closed() {
    let text = "Name,Description\nPump,\"two-stage, 5 m3/h\nValve,brass\nFilter,steel\n";
    let result = read(text.as_bytes(), "broken.csv");
    assert_eq!(result, Err(ReadError::UnclosedQuote { line: 2 }));
    assert!(message(result).starts_with("line 2 opens a quoted cell (\") that is never closed"));
}

#[test]
fn stray_quotes_that_can_be_read_are_read() {
    // A quote inside a cell is a character; a quote left open on the last line ends there.
    let text = "Name,Size\nMonitor 24\" LCD,24\"\nCable,\"2 m";
    let workbook = read(text.as_bytes(), "quotes.csv").unwrap();
    assert_eq!(workbook.sheets[0].rows[0], ["Monitor 24\" LCD", "24\""]);
    assert_eq!(workbook.sheets[0].rows[1], ["Cable", "2 m"]);
}

#[test]
fn a_quoted_cell_over_many_lines_gets_a_notice() {
    let text = format!("Name,Note\nPump,\"{}\"\nValve,ok\n", "line\n".repeat(30));
    let workbook = read(text.as_bytes(), "long-quote.csv").unwrap();
    assert!(workbook
        .notices
        .contains(&Notice::LongQuotedCell { line: 2, lines: 31 }));
    assert_eq!(workbook.sheets[0].rows.len(), 2);
}

fn small_xlsx() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(1, 0, "Pump").unwrap();
    workbook.save_to_buffer().unwrap()
}

/// Sets the uncompressed size of `entry` in its local header and the central directory.
fn patch_declared_size(bytes: &mut [u8], entry: &str, declared: u32) {
    let mut patched = 0;
    let mut offset = 0;
    while offset + 46 < bytes.len() {
        let signature = &bytes[offset..offset + 4];
        let (size_at, name_length_at, name_at) = match signature {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => {
                offset += 1;
                continue;
            }
        };
        let name_length = u16::from_le_bytes([
            bytes[offset + name_length_at],
            bytes[offset + name_length_at + 1],
        ]) as usize;
        if &bytes[offset + name_at..offset + name_at + name_length] == entry.as_bytes() {
            bytes[offset + size_at..offset + size_at + 4].copy_from_slice(&declared.to_le_bytes());
            patched += 1;
        }
        offset += 4;
    }
    assert_eq!(patched, 2, "{entry} has a local and a central header");
}

#[test]
fn a_zip_bomb_declaring_a_huge_size_is_refused_before_decompressing() {
    // A real .xlsx whose sheet then claims 3.75 GB.
    let mut bytes = small_xlsx();
    patch_declared_size(&mut bytes, "xl/worksheets/sheet1.xml", 0xF000_0000);
    let started = Instant::now();
    let result = read(&bytes, "bomb.xlsx");
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(
        matches!(result, Err(ReadError::XlsxTooLarge { .. })),
        "{result:?}"
    );
    assert!(message(result).contains("may be a zip bomb"));
}

#[test]
fn a_zip_bomb_declaring_a_small_size_stops_at_that_size() {
    // 20 MB of one repeated row compresses to a few kB; the archive claims 1 kB.
    let mut sheet_xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    let row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>";
    while sheet_xml.len() < 20 * 1024 * 1024 {
        sheet_xml.push_str(row);
    }
    sheet_xml.push_str("</sheetData></worksheet>");
    // Rebuild a real workbook with the bomb as its sheet, then make it lie about its size.
    let mut source = zip::ZipArchive::new(Cursor::new(small_xlsx())).unwrap();
    let names: Vec<String> = source
        .file_names()
        .map(|name| name.unwrap().into_owned())
        .collect();
    let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for name in names {
        let mut content = Vec::new();
        source
            .by_name(&name)
            .unwrap()
            .read_to_end(&mut content)
            .unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            content = sheet_xml.clone().into_bytes();
        }
        bomb.start_file(name.as_str(), options).unwrap();
        bomb.write_all(&content).unwrap();
    }
    let mut bytes = bomb.finish().unwrap().into_inner();
    assert!(
        bytes.len() < 1024 * 1024,
        "the bomb is small: {} bytes",
        bytes.len()
    );
    patch_declared_size(&mut bytes, "xl/worksheets/sheet1.xml", 1024);
    let result = read(&bytes, "bomb.xlsx");
    assert!(
        matches!(result, Err(ReadError::XlsxDamaged { .. })),
        "{result:?}"
    );
    assert!(message(result).contains("larger than its declared uncompressed size"));
}
