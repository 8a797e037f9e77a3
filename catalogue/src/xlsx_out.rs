//! An .xlsx file of one sheet of strings, written as the six parts of SpreadsheetML
//! (ECMA-376 Part 1) into a zip with the `zip` crate calamine already links. A writer crate
//! (rust_xlsxwriter, about 240 KB of code in this module) would not leave the single-file
//! page room within its 2 MB budget; a sheet of strings needs none of what it offers more.
//!
//! Every cell is an inline string (`t="inlineStr"`), never a formula; a formula-like cell
//! gets Excel's quote prefix (style 2, 3 in the header), so editing it never turns it into
//! one. The header row is bold, frozen and filtered.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::table::column_letter;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Styles: 0 plain, 1 bold (header), 2 quote prefix, 3 bold with quote prefix.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// Text as XML character data: markup escaped, characters XML 1.0 forbids dropped.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML reads a bare CR as LF: the reference keeps it.
            '\r' => out.push_str("&#xD;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn workbook_xml(sheet: &str, last_cell: Option<&str>) -> String {
    let mut name = String::new();
    escape(sheet, &mut name);
    // The filter's range, as Excel itself records it.
    let filter = last_cell.map_or(String::new(), |last| {
        let quoted = name.replace('\'', "''");
        format!(
            "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'{quoted}'!$A$1:{last}</definedName></definedNames>"
        )
    });
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>{filter}</workbook>"#
    )
}

/// The sheet: `cells(row)` gives each row's cells with whether it is formula-like.
fn sheet_xml(rows: &[Vec<(String, bool)>], width: usize) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if width > 0 {
        xml.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#);
    }
    xml.push_str("<sheetData>");
    let letters: Vec<String> = (0..width).map(column_letter).collect();
    for (r, row) in rows.iter().enumerate() {
        let number = r + 1;
        xml.push_str(&format!("<row r=\"{number}\">"));
        for (c, (cell, formula_like)) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let style = usize::from(r == 0) + 2 * usize::from(*formula_like);
            let s = if style == 0 {
                String::new()
            } else {
                format!(" s=\"{style}\"")
            };
            xml.push_str(&format!(
                "<c r=\"{}{number}\" t=\"inlineStr\"{s}><is><t xml:space=\"preserve\">",
                letters[c]
            ));
            escape(cell, &mut xml);
            xml.push_str("</t></is></c>");
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if width > 0 {
        xml.push_str(&format!(
            "<autoFilter ref=\"A1:{}{}\"/>",
            letters[width - 1],
            rows.len()
        ));
    }
    xml.push_str("</worksheet>");
    xml
}

/// The .xlsx bytes of one sheet named `sheet` (already a valid Excel sheet name).
pub fn xlsx_bytes(
    sheet: &str,
    rows: &[Vec<(String, bool)>],
    width: usize,
) -> Result<Vec<u8>, zip::result::ZipError> {
    let last_cell = (width > 0).then(|| format!("${}${}", column_letter(width - 1), rows.len()));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("xl/workbook.xml", workbook_xml(sheet, last_cell.as_deref())),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/styles.xml", STYLES.to_string()),
        ("xl/worksheets/sheet1.xml", sheet_xml(rows, width)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        let mut out = String::new();
        escape("a<b & \"c\"\u{1}\td", &mut out);
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot;\td");
    }

    #[test]
    fn cells_are_inline_strings_styled_by_row_and_formula_likeness() {
        let rows = vec![
            vec![("Name".to_string(), false), ("=X".to_string(), true)],
            vec![("chair".to_string(), false), (String::new(), false)],
            vec![("-cmd".to_string(), true), ("ok".to_string(), false)],
        ];
        let xml = sheet_xml(&rows, 2);
        assert!(xml.contains(r#"<c r="A1" t="inlineStr" s="1">"#));
        assert!(xml.contains(r#"<c r="B1" t="inlineStr" s="3">"#));
        assert!(xml.contains(r#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">chair</t>"#));
        assert!(!xml.contains(r#"r="B2""#), "empty cells are left out");
        assert!(xml.contains(r#"<c r="A3" t="inlineStr" s="2">"#));
        assert!(xml.contains(r#"<autoFilter ref="A1:B3"/>"#));
        assert!(!xml.contains("<f>"), "never a formula");
    }
}
