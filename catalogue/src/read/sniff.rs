//! What kind of file the bytes are, from their first bytes (magic numbers), not the name:
//! a renamed PDF must get "this is a PDF", not a page of garbled rows.

/// How [`super::read_file`] goes on with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A zip archive: an .xlsx, or another Office file that [`super::xlsx`] names.
    Zip,
    /// Delimited text, in some encoding.
    Text,
    /// No bytes, or only a byte-order mark and white space.
    Empty,
    /// Control characters that no text file has.
    Binary,
    /// A known file kind that is not a spreadsheet we read, as words for the message.
    Other(&'static str),
}

/// Byte prefixes of kinds people drop by mistake (or rename), with the words for them.
const MAGIC: &[(&[u8], &str)] = &[
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an Excel 97-2003 workbook (.xls), a password-protected workbook or another old Office file",
    ),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1A\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x00asm", "a WebAssembly module"),
    (b"\x7FELF", "a program"),
];

/// Zip archives start with a local file header, or an end record when empty.
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

pub(crate) fn file_kind(bytes: &[u8], file_name: &str) -> FileKind {
    if is_zip(bytes) {
        return FileKind::Zip;
    }
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return FileKind::Other(what);
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return FileKind::Other("a WebP image");
    }
    let text_start = skip_utf8_bom(bytes);
    if text_start.iter().all(u8::is_ascii_whitespace) {
        return FileKind::Empty;
    }
    if super::text::utf16_byte_order(bytes).is_some() {
        return FileKind::Text;
    }
    if let Some(what) = markup_kind(text_start, file_name) {
        return FileKind::Other(what);
    }
    if looks_binary(text_start) {
        return FileKind::Binary;
    }
    FileKind::Text
}

fn skip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// HTML and XML files that spreadsheet programs and web shops save with an .xls name.
fn markup_kind(text: &[u8], file_name: &str) -> Option<&'static str> {
    let head: Vec<u8> = text.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let head = head.trim_ascii_start();
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|window| window == needle);
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || contains(b"<table") {
        return Some(if file_name.to_ascii_lowercase().ends_with(".xls") {
            "a web page saved with an .xls name (HTML)"
        } else {
            "a web page (HTML)"
        });
    }
    if head.starts_with(b"<?xml") {
        return Some(
            if contains(b"urn:schemas-microsoft-com:office:spreadsheet") {
                "an Excel 2003 XML spreadsheet"
            } else {
                "an XML document"
            },
        );
    }
    None
}

/// NUL and other C0 control bytes (not tab, line feed, form feed, carriage return) do not
/// occur in text files; a few in a large sample are tolerated (a stray byte in one cell).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let control_bytes = sample
        .iter()
        .filter(|&&byte| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control_bytes * 100 > sample.len() || sample.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_bytes_not_the_name() {
        assert_eq!(file_kind(b"PK\x03\x04rest", "list.csv"), FileKind::Zip);
        assert_eq!(
            file_kind(b"%PDF-1.7\n...", "list.xlsx"),
            FileKind::Other("a PDF document")
        );
        assert_eq!(file_kind(b"a;b\n1;2\n", "list.pdf"), FileKind::Text);
    }

    #[test]
    fn white_space_and_a_bom_are_empty() {
        assert_eq!(file_kind(b"", "x.csv"), FileKind::Empty);
        assert_eq!(file_kind(b"\xEF\xBB\xBF \r\n\n", "x.csv"), FileKind::Empty);
    }

    #[test]
    fn html_saved_as_xls_is_named() {
        let kind = file_kind(
            b"<html><body><table><tr><td>1</td></tr></table>",
            "export.xls",
        );
        assert_eq!(
            kind,
            FileKind::Other("a web page saved with an .xls name (HTML)")
        );
    }

    #[test]
    fn control_bytes_mean_binary() {
        assert_eq!(file_kind(b"name\x00\x01\x02", "x.csv"), FileKind::Binary);
        // Windows-1252 letters are high bytes, not control bytes.
        assert_eq!(file_kind(b"Pr\xFCfger\xE4t;1\n", "x.csv"), FileKind::Text);
    }
}
