//! Reading the Markdown rendering of EUR-Lex: one line at a time, undoing its quirks.
//!
//! The rendering marks notes by italics (`*Note:*`, `*a.* *text*`), nests items by three
//! spaces, writes superscripts as `<sup>`, puts "and"/"or" between items on lines of their
//! own, and glues an entry's code to its heading (`5A002"Information security" ...`).

/// One line of the rendering, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct MdLine {
    /// Line number in the source file (1-based), for the report.
    pub number: usize,
    /// Leading spaces in the rendering.
    pub indent: usize,
    /// The text without markup (`*`, `**`, `#`, `<sup>`).
    pub text: String,
    /// The text was italic: in the OJ, notes and their lists are set in italics.
    pub italic: bool,
    /// The line was a Markdown heading (`#### ...`).
    pub heading: bool,
}

impl MdLine {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// `a.`, `1.`, `aa.` at the start of the text, and the text after it.
    pub fn label(&self) -> Option<(&str, &str)> {
        split_label(&self.text)
    }

    pub fn is_table_row(&self) -> bool {
        self.text.starts_with('|')
    }
}

/// `a. text`, `12. text`, also `1.The term` (the rendering sometimes loses the space).
pub fn split_label(text: &str) -> Option<(&str, &str)> {
    let dot = text.find('.')?;
    let label = &text[..dot];
    let letters = (1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_lowercase());
    let digits = (1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit());
    if !(letters || digits) {
        return None;
    }
    // Two letters only when doubled (aa, bb): "ie." or "eg." are not labels.
    if letters && label.len() == 2 && label.as_bytes()[0] != label.as_bytes()[1] {
        return None;
    }
    let rest = &text[dot + 1..];
    // "1.5 mm" is a number, not a label; "a.1." is a code.
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    if letters && rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((label, rest.trim_start()))
}

/// Kinds of note markers, as the project's record format writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// `Note`, `Note 2`, `Notes`, `Technical Note`, `Technical Notes 1`, `N.B.`, `N.B. 2`.
    pub label: String,
    /// Text that followed the marker on the same line.
    pub rest: String,
}

/// A note marker at the start of an italic line: `Note:`, `Note 1:`, `Technical Notes:`,
/// `N.B.`, `N.B.2.`, `Note:Entry a. ...`.
pub fn split_marker(text: &str) -> Option<Marker> {
    let kinds = [
        "Technical Notes",
        "Technical Note",
        "Notes",
        "Note",
        "N.B.",
        "NB",
    ];
    let kind = kinds.iter().find(|k| text.starts_with(*k))?;
    let mut rest = &text[kind.len()..];
    // The word must end here: "Noted" or "Note to the Cryptography Note" are not markers.
    let mut number = String::new();
    let trimmed = rest.trim_start();
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        number = digits.clone();
        rest = &trimmed[digits.len()..];
    }
    let rest = rest.trim_start();
    let rest = if let Some(r) = rest.strip_prefix(':') {
        r
    } else if let Some(r) = rest.strip_prefix('.') {
        // "N.B.2." ends its number with a dot.
        if number.is_empty() && !kind.ends_with('.') {
            return None;
        }
        r
    } else if kind.ends_with('.') || rest.is_empty() {
        rest
    } else {
        return None;
    };
    let base = if *kind == "NB" { "N.B." } else { kind };
    let label = if number.is_empty() {
        base.to_string()
    } else {
        format!("{base} {number}")
    };
    Some(Marker {
        label,
        rest: rest.trim().to_string(),
    })
}

/// `or`, `and`, `or:`: a connector the rendering put on a line of its own.
pub fn connector(text: &str) -> Option<&'static str> {
    match text.trim().trim_end_matches(':').trim() {
        "or" => Some("or"),
        "and" => Some("and"),
        "and/or" => Some("and/or"),
        _ => None,
    }
}

/// Normalise one raw line of the rendering.
pub fn normalise(number: usize, raw: &str) -> MdLine {
    let raw = raw.trim_end();
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    let mut text = raw.trim_start().to_string();
    let mut heading = false;
    if text.starts_with('#') {
        heading = true;
        text = text.trim_start_matches('#').trim_start().to_string();
    }
    text = superscripts(&text);
    let italic = is_italic(&text);
    let text = strip_emphasis(&text);
    MdLine {
        number,
        indent,
        text,
        italic,
        heading,
    }
}

/// Italic when the text after an optional label or dash begins with a single `*`.
fn is_italic(text: &str) -> bool {
    let mut t = text.trim_start_matches(['—', '-', ' ']);
    if let Some((_, rest)) = split_label(t) {
        if !t.starts_with('*') {
            t = rest;
        }
    }
    t.starts_with('*') && !t.starts_with("**")
}

/// Remove the `*` and `**` of emphasis, keep everything else, collapse the spaces that
/// separated italic runs (`*a.* *text*` becomes `a. text`).
fn strip_emphasis(text: &str) -> String {
    let without: String = text.chars().filter(|c| *c != '*').collect();
    collapse_spaces(&without)
}

/// Runs of spaces become one space (the rendering doubles them before units and around
/// italic runs); thin and no-break spaces become plain ones.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        let c = if matches!(c, '\u{a0}' | '\u{2009}' | '\u{202f}') {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    // "1 100 ," and "1 024 ;": the rendering leaves a space after a number's last group
    // where the OJ has none.
    let mut tidy = String::with_capacity(out.len());
    let chars: Vec<char> = out.trim().chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let stray = *c == ' '
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && matches!(chars.get(i + 1), Some(',' | ';'))
            && !chars.get(i + 2).is_some_and(|n| n.is_ascii_digit());
        if !stray {
            tidy.push(*c);
        }
    }
    tidy
}

/// `10<sup>-6</sup>` becomes `10⁻⁶`; ordinals (`5<sup>th</sup>`) become `5th`; what Unicode
/// has no superscript for (`2/3`, `2,65`) becomes `^(2/3)`.
pub fn superscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<sup>") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 5..];
        let Some(end) = after.find("</sup>") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = after[..end].trim();
        // The rendering sometimes puts a space between a base and its exponent.
        if !inner.is_empty()
            && out.ends_with(' ')
            && out
                .trim_end()
                .ends_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.pop();
        }
        out.push_str(&superscript(inner));
        rest = &after[end + 6..];
    }
    out.push_str(rest);
    out
}

fn superscript(inner: &str) -> String {
    if matches!(inner, "th" | "st" | "nd" | "rd") {
        return inner.to_string();
    }
    let mapped: Option<String> = inner
        .chars()
        .map(|c| {
            Some(match c {
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                '9' => '⁹',
                '-' | '−' => '⁻',
                '+' => '⁺',
                '(' => '⁽',
                ')' => '⁾',
                'n' => 'ⁿ',
                'o' => 'ᵒ',
                'i' => 'ⁱ',
                _ => return None,
            })
        })
        .collect();
    mapped.unwrap_or_else(|| format!("^({inner})"))
}

/// Where an Annex I entry starts: its code glued to its heading at the start of a line.
pub fn entry_start(raw: &str) -> Option<(&str, &str)> {
    let b = raw.as_bytes();
    let is_code = b.len() >= 5
        && b[0].is_ascii_digit()
        && (b'A'..=b'E').contains(&b[1])
        && b[2..5].iter().all(u8::is_ascii_digit)
        && b.get(5).is_none_or(|c| !c.is_ascii_digit());
    is_code.then(|| (&raw[..5], raw[5..].trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_lines_lose_their_stars_and_keep_their_label() {
        let l = normalise(1, "   *a.* *\"Authentication\";*");
        assert!(l.italic);
        assert_eq!(l.indent, 3);
        assert_eq!(l.text, "a. \"Authentication\";");
        assert_eq!(l.label(), Some(("a", "\"Authentication\";")));
        let l = normalise(
            1,
            "   1. *Converting, by means of \"cryptographic activation\"*",
        );
        assert!(l.italic);
        let l = normalise(1, "a. Designed or modified to use 'cryptography'");
        assert!(!l.italic);
    }

    #[test]
    fn superscripts_become_unicode_or_a_caret() {
        assert_eq!(superscripts("10<sup>-14</sup> J"), "10⁻¹⁴ J");
        assert_eq!(superscripts("2 <sup>n</sup> levels"), "2ⁿ levels");
        assert_eq!(superscripts("V<sup>2,65</sup>Q"), "V^(2,65)Q");
        assert_eq!(superscripts("the 5<sup>th</sup> axis"), "the 5th axis");
        assert_eq!(
            superscripts("(<sup>1</sup>) The numbers"),
            "(¹) The numbers"
        );
    }

    #[test]
    fn markers_in_their_many_spellings() {
        let m = |t: &str| split_marker(t).map(|m| (m.label, m.rest));
        assert_eq!(m("Note:"), Some(("Note".into(), "".into())));
        assert_eq!(m("Note 2:"), Some(("Note 2".into(), "".into())));
        assert_eq!(
            m("N.B. For the control of"),
            Some(("N.B.".into(), "For the control of".into()))
        );
        assert_eq!(
            m("N.B.2. For the control"),
            Some(("N.B. 2".into(), "For the control".into()))
        );
        assert_eq!(
            m("Note:Entry a. of the GSN"),
            Some(("Note".into(), "Entry a. of the GSN".into()))
        );
        assert_eq!(
            m("Technical Notes:"),
            Some(("Technical Notes".into(), "".into()))
        );
        assert_eq!(m("Note to the Cryptography Note:"), None);
        assert_eq!(m("Noted that"), None);
    }

    #[test]
    fn no_space_between_a_number_and_its_comma() {
        assert_eq!(
            collapse_spaces("fewer than 1 100 , 'fully"),
            "fewer than 1 100, 'fully"
        );
        assert_eq!(collapse_spaces("level 1 024 ;"), "level 1 024;");
        assert_eq!(collapse_spaces("0 ,5"), "0 ,5");
    }

    #[test]
    fn labels_are_not_numbers_or_codes() {
        assert_eq!(split_label("1.The term"), Some(("1", "The term")));
        assert_eq!(split_label("1.5 mm"), None);
        assert_eq!(split_label("e.g. a thing"), None);
        assert_eq!(split_label("aa. Doubled"), Some(("aa", "Doubled")));
        assert_eq!(split_label("ie. no"), None);
    }

    #[test]
    fn entry_starts_are_codes_glued_to_headings() {
        assert_eq!(
            entry_start("5A002\"Information security\" systems"),
            Some(("5A002", "\"Information security\" systems"))
        );
        assert_eq!(entry_start("5A0021 no"), None);
        assert_eq!(entry_start("a. 5A002"), None);
    }
}
