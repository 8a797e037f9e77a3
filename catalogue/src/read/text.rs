//! Delimited text: CSV from Excel in any locale, TSV, pasted rows. Decoding (UTF-8 with or
//! without BOM, UTF-16 with BOM, else Windows-1252), delimiter sniffing, then the `csv`
//! crate in flexible mode.

use std::borrow::Cow;

use crate::columns;
use crate::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::table::{Table, Workbook};
use crate::write;

use super::headers::{name_headers, CellLimiter};
use super::{Notice, ReadError};

/// The encodings spreadsheet programs save text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// What German and French Excel write for "CSV (delimited)"; a superset of Latin-1.
    Windows1252,
}

impl TextEncoding {
    pub const ALL: [TextEncoding; 4] = [
        TextEncoding::Utf8,
        TextEncoding::Windows1252,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ];

    /// The WHATWG name, as the UI shows it and options give it back.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// Any WHATWG label of one of the four ("latin1", "cp1252", "utf8", ...).
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
        TextEncoding::ALL
            .into_iter()
            .find(|candidate| candidate.codec() == encoding)
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }

    fn byte_order_mark(self) -> &'static [u8] {
        match self {
            TextEncoding::Utf8 => b"\xEF\xBB\xBF",
            TextEncoding::Utf16Le => b"\xFF\xFE",
            TextEncoding::Utf16Be => b"\xFE\xFF",
            TextEncoding::Windows1252 => b"",
        }
    }
}

/// The cell separators seen in catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    /// German and French Excel, where the comma is the decimal sign.
    Semicolon,
    Tab,
    Pipe,
}

impl Delimiter {
    /// In order of preference when two fit the sample equally well.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Pipe,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }

    /// The character itself: ",", ";", "\t" or "|".
    pub fn as_str(self) -> &'static str {
        match self {
            Delimiter::Comma => ",",
            Delimiter::Semicolon => ";",
            Delimiter::Tab => "\t",
            Delimiter::Pipe => "|",
        }
    }

    /// The character, or a name for it ("tab", "semicolon", ...).
    pub fn parse(text: &str) -> Option<Delimiter> {
        match text {
            "\t" => return Some(Delimiter::Tab),
            "" => return None,
            _ => {}
        }
        match text.trim().to_ascii_lowercase().as_str() {
            "," | "comma" => Some(Delimiter::Comma),
            ";" | "semicolon" => Some(Delimiter::Semicolon),
            "tab" | "\\t" => Some(Delimiter::Tab),
            "|" | "pipe" => Some(Delimiter::Pipe),
            _ => None,
        }
    }
}

/// The byte order of UTF-16 text: from its BOM, or from the zero bytes that ASCII letters
/// leave in one half of every pair (files saved as "Unicode text" by Excel have a BOM,
/// other tools not always).
pub(crate) fn utf16_byte_order(bytes: &[u8]) -> Option<TextEncoding> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(TextEncoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(TextEncoding::Utf16Be);
    }
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even_zeros, odd_zeros) = (zeros_at(0), zeros_at(1));
    if odd_zeros * 10 > pairs * 6 && even_zeros * 20 < pairs {
        Some(TextEncoding::Utf16Le)
    } else if even_zeros * 10 > pairs * 6 && odd_zeros * 20 < pairs {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// The encoding the bytes are most likely in: a BOM decides; valid UTF-8 is UTF-8 (no
/// Windows-1252 text with accents is valid UTF-8 by accident in practice); else
/// Windows-1252, which decodes any byte.
pub fn detect_encoding(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(TextEncoding::Utf8.byte_order_mark()) {
        return TextEncoding::Utf8;
    }
    if let Some(utf16) = utf16_byte_order(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Windows1252
    }
}

/// The text of the bytes, the encoding used, and a notice when bytes had to be replaced.
fn decode(
    bytes: &[u8],
    chosen: Option<TextEncoding>,
) -> (Cow<'_, str>, TextEncoding, Option<Notice>) {
    let encoding = chosen.unwrap_or_else(|| detect_encoding(bytes));
    let body = bytes
        .strip_prefix(encoding.byte_order_mark())
        .unwrap_or(bytes);
    let (text, had_errors) = encoding.codec().decode_without_bom_handling(body);
    let notice = had_errors.then_some(Notice::InvalidBytesReplaced { encoding });
    (text, encoding, notice)
}

/// Excel reads (and some tools write) a first line `sep=;` naming the delimiter.
fn strip_separator_line(text: &str) -> (&str, Option<Delimiter>) {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first_line = text[..first_line_end].trim_end_matches('\r');
    match first_line.strip_prefix("sep=").and_then(Delimiter::parse) {
        Some(delimiter) => (
            &text[(first_line_end + 1).min(text.len())..],
            Some(delimiter),
        ),
        None => (text, None),
    }
}

/// The delimiter that splits the first lines most consistently into the most cells. On
/// German CSV the semicolon wins over the decimal commas, which vary from line to line.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let mut sample_end = text.len().min(64 * 1024);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let sample = &text[..sample_end];
    let mut lines: Vec<&str> = sample
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    if sample_end < text.len() && lines.len() > 1 {
        lines.pop(); // cut in the middle
    }
    lines.truncate(50);
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for delimiter in Delimiter::ALL {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, delimiter.byte()))
            .collect();
        let Some(&usual) = most_frequent(&counts) else {
            continue;
        };
        if usual == 0 {
            continue;
        }
        let consistent_lines = counts.iter().filter(|&&count| count == usual).count();
        // More consistent lines first, then more cells; ALL's order breaks ties.
        if (consistent_lines, usual) > (best.1, best.2) {
            best = (delimiter, consistent_lines, usual);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut in_quotes = false;
    let mut count = 0;
    for byte in line.bytes() {
        if byte == b'"' {
            in_quotes = !in_quotes;
        } else if byte == delimiter && !in_quotes {
            count += 1;
        }
    }
    count
}

fn most_frequent(counts: &[usize]) -> Option<&usize> {
    counts.iter().max_by_key(|&count| {
        (
            counts.iter().filter(|&other| other == count).count(),
            *count,
        )
    })
}

/// What a quick pass over the text, quoting as the `csv` crate does, found.
#[derive(Debug, Default, PartialEq, Eq)]
struct QuoteScan {
    /// The first physical line holding more than [`MAX_COLUMNS`] cells, with its count so far.
    too_wide: Option<(u64, usize)>,
    /// The line of a quoted cell still open at the end of the text.
    unclosed_from: Option<u64>,
    /// The first quoted cell spanning many lines: (its first line, how many lines).
    long_quoted: Option<(u64, u64)>,
    lines: u64,
}

/// Quoted cells spanning more lines than this get a notice: usually a stray quote.
const LONG_QUOTED_LINES: u64 = 20;

/// Counts the cells of each record without building it, so that a line of a million
/// cells is refused before the `csv` crate allocates its field bounds, and finds quotes
/// that are never closed. A quote opens a cell only at its start and `""` inside quotes
/// is a quote, as in RFC 4180 and the `csv` crate.
fn scan_quotes(text: &str, delimiter: u8) -> QuoteScan {
    let mut scan = QuoteScan::default();
    let mut line: u64 = 1;
    let mut cells_in_record = 1usize;
    let mut at_cell_start = true;
    let mut quote_opened_on: Option<u64> = None;
    let mut bytes = text.bytes().peekable();
    while let Some(byte) = bytes.next() {
        if byte == b'\n' {
            line += 1;
        }
        if let Some(opened_on) = quote_opened_on {
            if byte == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quote_opened_on = None;
                    let spanned = line - opened_on + 1;
                    if spanned > LONG_QUOTED_LINES && scan.long_quoted.is_none() {
                        scan.long_quoted = Some((opened_on, spanned));
                    }
                }
            }
            continue;
        }
        match byte {
            b'"' if at_cell_start => {
                quote_opened_on = Some(line);
                at_cell_start = false;
            }
            b'\n' => {
                cells_in_record = 1;
                at_cell_start = true;
            }
            b'\r' => at_cell_start = true,
            _ if byte == delimiter => {
                cells_in_record += 1;
                at_cell_start = true;
                if cells_in_record > MAX_COLUMNS && scan.too_wide.is_none() {
                    scan.too_wide = Some((line, cells_in_record));
                    return scan;
                }
            }
            _ => at_cell_start = false,
        }
    }
    scan.lines = line;
    // A quote left open on the last line costs nothing: that cell simply ends there.
    scan.unclosed_from = quote_opened_on.filter(|&opened_on| opened_on < line);
    scan
}

/// How the header row is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderRow {
    /// The first row with a filled cell (files).
    FirstFilled,
    /// The first filled row if it reads like headers, else none (pasted rows).
    IfItLooksLikeOne,
}

/// Splits the text into a table under [`crate::limits`].
fn parse_table(
    text: &str,
    delimiter: Delimiter,
    header_row: HeaderRow,
    notices: &mut Vec<Notice>,
) -> Result<Table, ReadError> {
    let scan = scan_quotes(text, delimiter.byte());
    if let Some((line, columns)) = scan.too_wide {
        return Err(ReadError::TooManyColumns {
            sheet: None,
            row: line,
            columns,
        });
    }
    if let Some(line) = scan.unclosed_from {
        return Err(ReadError::UnclosedQuote { line });
    }
    if let Some((line, lines)) = scan.long_quoted {
        notices.push(Notice::LongQuotedCell { line, lines });
    }

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut limiter = CellLimiter::default();
    let mut cells = 0usize;
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader
            .read_record(&mut record)
            .map_err(|error| ReadError::Csv {
                line: error.position().map(|position| position.line()),
                detail: error.to_string(),
            })?;
        if !read {
            break;
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |position| position.line()) as usize;
        let cells_of_row: Vec<String> = record
            .iter()
            .map(|cell| limiter.limit(cell.to_string(), line))
            .collect();
        if header.is_none() {
            let is_header = match header_row {
                HeaderRow::FirstFilled => true,
                HeaderRow::IfItLooksLikeOne => columns::looks_like_header(&cells_of_row),
            };
            if is_header {
                header = Some(cells_of_row);
                continue;
            }
            header = Some(Vec::new());
            notices.push(Notice::NoHeaderRow);
        }
        if rows.len() == MAX_ROWS {
            return Err(ReadError::TooManyRows { sheet: None });
        }
        cells += cells_of_row.len();
        if cells > MAX_CELLS {
            return Err(ReadError::TooManyCells { sheet: None });
        }
        rows.push(cells_of_row);
    }
    let Some(raw_headers) = header else {
        return Err(ReadError::Empty);
    };
    if rows.is_empty() {
        return Err(ReadError::OnlyHeader { sheet: None });
    }
    limiter
        .notice(&None)
        .into_iter()
        .for_each(|notice| notices.push(notice));
    Ok(square_table(raw_headers, rows, notices))
}

/// Pads every row to one width (the widest row or the header), names the headers, and
/// undoes the export's formula escaping when the file is one of our exports.
fn square_table(
    mut raw_headers: Vec<String>,
    mut rows: Vec<Vec<String>>,
    notices: &mut Vec<Notice>,
) -> Table {
    let header_width = raw_headers.len();
    let width = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(header_width);
    let mut ragged = 0;
    let mut first_ragged = 0;
    for (index, row) in rows.iter_mut().enumerate() {
        if row.len() != header_width && header_width > 0 {
            if ragged == 0 {
                first_ragged = index + 1;
            }
            ragged += 1;
        }
        row.resize(width, String::new());
    }
    if ragged > 0 {
        notices.push(Notice::RaggedRows {
            sheet: None,
            count: ragged,
            first_row: first_ragged,
        });
    }
    raw_headers.resize(width, String::new());
    if write::detect_export(&raw_headers).is_some() {
        raw_headers.iter_mut().for_each(write::unescape_formula);
        rows.iter_mut().flatten().for_each(write::unescape_formula);
    }
    let (headers, header_notices) = name_headers(&raw_headers, &None);
    notices.extend(header_notices);
    Table {
        sheet: None,
        headers,
        rows,
    }
}

pub(crate) fn read_delimited(
    bytes: &[u8],
    options: super::ReadOptions,
) -> Result<Workbook, ReadError> {
    let mut notices = Vec::new();
    let (text, encoding, decode_notice) = decode(bytes, options.encoding);
    notices.extend(decode_notice);
    let (body, named_delimiter) = strip_separator_line(&text);
    let delimiter = options
        .delimiter
        .or(named_delimiter)
        .unwrap_or_else(|| sniff_delimiter(body));
    let table = parse_table(body, delimiter, HeaderRow::FirstFilled, &mut notices)?;
    Ok(Workbook {
        sheets: vec![table],
        encoding: Some(encoding),
        delimiter: Some(delimiter),
        notices,
    })
}

pub(crate) fn read_pasted(text: &str) -> Result<Workbook, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let mut notices = Vec::new();
    let table = parse_table(
        text,
        Delimiter::Tab,
        HeaderRow::IfItLooksLikeOne,
        &mut notices,
    )?;
    Ok(Workbook {
        sheets: vec![table],
        encoding: None,
        delimiter: Some(Delimiter::Tab),
        notices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_csv_splits_on_semicolons_despite_decimal_commas() {
        let text = "Artikel;Preis;Gewicht\nPrüfgerät;12,50;1,2\nLötstation;99;3,75\nKabel;1,5;2\n";
        assert_eq!(sniff_delimiter(text), Delimiter::Semicolon);
    }

    #[test]
    fn commas_inside_quotes_do_not_count() {
        let text = "name,description\n\"Pump\",\"steel, 5 bar, DN50\"\n";
        assert_eq!(sniff_delimiter(text), Delimiter::Comma);
    }

    #[test]
    fn tab_and_pipe_are_sniffed() {
        assert_eq!(sniff_delimiter("a\tb\tc\n1\t2\t3\n"), Delimiter::Tab);
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), Delimiter::Pipe);
    }

    #[test]
    fn excel_separator_line_names_the_delimiter() {
        let (body, delimiter) = strip_separator_line("sep=;\r\na;b\n");
        assert_eq!((body, delimiter), ("a;b\n", Some(Delimiter::Semicolon)));
        assert_eq!(strip_separator_line("a;b\n"), ("a;b\n", None));
    }

    #[test]
    fn encodings_are_detected() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFa;b"), TextEncoding::Utf8);
        assert_eq!(detect_encoding("Prüfgerät".as_bytes()), TextEncoding::Utf8);
        assert_eq!(
            detect_encoding(b"Pr\xFCfger\xE4t"),
            TextEncoding::Windows1252
        );
        assert_eq!(detect_encoding(b"\xFF\xFEa\x00"), TextEncoding::Utf16Le);
        assert_eq!(detect_encoding(b"\xFE\xFF\x00a"), TextEncoding::Utf16Be);
        let utf16le_without_bom: Vec<u8> = "name;code\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(detect_encoding(&utf16le_without_bom), TextEncoding::Utf16Le);
    }

    #[test]
    fn encoding_labels_round_trip() {
        for encoding in TextEncoding::ALL {
            assert_eq!(TextEncoding::from_label(encoding.label()), Some(encoding));
        }
        assert_eq!(
            TextEncoding::from_label("latin1"),
            Some(TextEncoding::Windows1252)
        );
        assert_eq!(TextEncoding::from_label("shift_jis"), None);
    }

    #[test]
    fn quote_scan_counts_cells_and_finds_open_quotes() {
        let scan = scan_quotes("a,\"b,\"\"c\"\"\",d\n1,2,3\n", b',');
        assert_eq!(scan.too_wide, None);
        assert_eq!(scan.unclosed_from, None);
        // A quote inside an unquoted cell is a character (24" monitor), not an opening.
        assert_eq!(
            scan_quotes("Monitor 24\",x\ny,z\n", b',').unclosed_from,
            None
        );
        assert_eq!(scan_quotes("a,\"open\nb,c\n", b',').unclosed_from, Some(1));
        let wide = "x,".repeat(MAX_COLUMNS + 5);
        assert_eq!(
            scan_quotes(&wide, b',').too_wide,
            Some((1, MAX_COLUMNS + 1))
        );
    }
}
