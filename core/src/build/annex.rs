//! Entry bodies in the Official Journal layout: items `a.`/`1.` nested by two-space
//! indentation, notes attached to the item whose children they stand among.

use crate::model::{Note, NoteKind, TextLine};
use crate::records::{BodyLine, Errors};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedItem {
    pub label: String,
    pub text: String,
    pub line: u32,
    pub notes: Vec<Note>,
    pub children: Vec<ParsedItem>,
}

/// `a.` at odd depths, `1.` at even depths, as the OJ numbers them.
fn split_label(content: &str) -> Option<(&str, &str)> {
    // An item may have no words of its own ("1." whose sub-item a. follows).
    let (label, rest) = content
        .split_once(". ")
        .or_else(|| content.strip_suffix('.').map(|l| (l, "")))?;
    let is_letters =
        (1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_lowercase());
    let is_digits = (1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit());
    (is_letters || is_digits).then_some((label, rest))
}

/// `Note:`, `Note 2:`, `Technical Notes:`, `N.B.:`, `N.B. 1:` and the text after it.
pub fn split_note_marker(content: &str) -> Option<(NoteKind, String, &str)> {
    let (marker, rest) = content.split_once(':')?;
    let (kind, number) = if let Some(n) = marker.strip_prefix("Technical Notes") {
        (NoteKind::TechnicalNote, n)
    } else if let Some(n) = marker.strip_prefix("Technical Note") {
        (NoteKind::TechnicalNote, n)
    } else if let Some(n) = marker.strip_prefix("Notes") {
        (NoteKind::Note, n)
    } else if let Some(n) = marker.strip_prefix("Note") {
        (NoteKind::Note, n)
    } else if let Some(n) = marker.strip_prefix("N.B.") {
        (NoteKind::NotaBene, n)
    } else if let Some(n) = marker.strip_prefix("Table") {
        (NoteKind::Table, n)
    } else if let Some(n) = marker.strip_prefix("Unlabelled") {
        (NoteKind::Unlabelled, n)
    } else {
        return None;
    };
    let number_ok = number.is_empty()
        || (number.starts_with(' ')
            && number[1..].chars().all(|c| c.is_ascii_digit())
            && number.len() > 1);
    number_ok.then(|| (kind, marker.to_string(), rest.trim()))
}

/// The label after `prev` in the OJ's numbering: b after a, 10 after 9, aa after z.
pub fn next_label(prev: &str) -> Option<String> {
    if let Ok(n) = prev.parse::<u32>() {
        return Some((n + 1).to_string());
    }
    // After z the OJ doubles the letter: aa, bb, ...
    let chars: Vec<char> = prev.chars().collect();
    let bump = |c: char| ((c as u8) + 1) as char;
    match chars.as_slice() {
        ['z'] => Some("aa".into()),
        [c] => Some(bump(*c).to_string()),
        [a, b] if a == b && *a < 'z' => Some([bump(*a), bump(*a)].iter().collect()),
        _ => None,
    }
}

struct OpenNote {
    owner_depth: usize,
    marker_indent: usize,
    note: Note,
}

/// Where the problems of one body go: its file, the errors and the warnings.
struct Report<'a> {
    path: &'a str,
    errors: &'a mut Errors,
    warnings: &'a mut Errors,
}

/// Parse an entry body. Returns the root (label "", the entry itself) with its tree.
/// Problems go to `errors`; warnings (a gap in the numbering) to `warnings`.
pub fn parse_body(
    path: &str,
    body: &[BodyLine],
    errors: &mut Errors,
    warnings: &mut Errors,
) -> ParsedItem {
    let mut report = Report {
        path,
        errors,
        warnings,
    };
    let mut stack: Vec<ParsedItem> = vec![ParsedItem::default()];
    let mut open_note: Option<OpenNote> = None;
    for BodyLine { line, text } in body {
        let indent = text.len() - text.trim_start().len();
        let content = text.trim();
        if content.is_empty() {
            if let Some(open) = open_note.as_mut() {
                open.note.lines.push(TextLine {
                    indent: 0,
                    text: String::new(),
                });
            }
            continue;
        }
        if let Some(open) = open_note.as_mut() {
            if indent > open.marker_indent {
                let rel = indent.saturating_sub(open.marker_indent + 2) / 2;
                open.note.lines.push(TextLine {
                    indent: rel.min(255) as u8,
                    text: content.to_string(),
                });
                continue;
            }
        }
        close_note(&mut stack, open_note.take());
        if indent % 2 != 0 {
            report.errors.push(
                path,
                *line,
                format!("odd indentation ({indent} spaces): use two spaces per level"),
            );
            continue;
        }
        if let Some(marker) = split_note_marker(content) {
            open_note = start_note(&mut stack, &mut report, *line, indent, marker);
            continue;
        }
        let Some((label, rest)) = split_label(content) else {
            report.errors.push(path, *line, format!("expected an item (`a. ...`, `1. ...`) or a note marker (`Note:`, `Technical Note:`, `N.B.:`), found `{}`", truncate(content, 60)));
            continue;
        };
        add_item(&mut stack, &mut report, *line, indent, label, rest);
    }
    close_note(&mut stack, open_note.take());
    close_to(&mut stack, 1);
    stack.pop().expect("root")
}

/// The open note, its trailing blank lines dropped, joins the item that owns it.
fn close_note(stack: &mut [ParsedItem], open: Option<OpenNote>) {
    if let Some(mut open) = open {
        while open.note.lines.last().is_some_and(|l| l.text.is_empty()) {
            open.note.lines.pop();
        }
        stack[open.owner_depth].notes.push(open.note);
    }
}

/// The items deeper than `len` are closed, each joining its parent's children.
fn close_to(stack: &mut Vec<ParsedItem>, len: usize) {
    while stack.len() > len {
        let item = stack.pop().expect("stack is longer than len");
        stack.last_mut().expect("root stays").children.push(item);
    }
}

/// A note marker at `indent` opens a note of the item at that depth; None (and an error)
/// when no item stands there.
fn start_note(
    stack: &mut Vec<ParsedItem>,
    report: &mut Report,
    line: u32,
    indent: usize,
    (kind, label, rest): (NoteKind, String, &str),
) -> Option<OpenNote> {
    let level = indent / 2;
    if stack.len() <= level {
        report.errors.push(report.path, line, format!("note `{label}` is indented {indent} spaces but there is no item at depth {level} above it"));
        return None;
    }
    close_to(stack, level + 1);
    let mut note = Note {
        kind,
        label,
        lines: Vec::new(),
    };
    if !rest.is_empty() {
        note.lines.push(TextLine {
            indent: 0,
            text: rest.to_string(),
        });
    }
    Some(OpenNote {
        owner_depth: level,
        marker_indent: indent,
        note,
    })
}

/// An item line at `indent` opens an item under the item above it at the depth before;
/// its label is checked against the OJ's numbering (errors: no parent, a label twice;
/// warnings: a letter for a number or back, a gap).
fn add_item(
    stack: &mut Vec<ParsedItem>,
    report: &mut Report,
    line: u32,
    indent: usize,
    label: &str,
    rest: &str,
) {
    let path = report.path;
    let level = indent / 2;
    let depth = level + 1;
    if stack.len() < depth {
        report.errors.push(path, line, format!("item `{label}.` is indented {indent} spaces but has no parent item at depth {level}"));
        return;
    }
    // The OJ alternates letters and numbers by depth, with a few exceptions of its own
    // (0B004.b.10.1.): a break in the alternation is worth a look, not an error.
    let is_letters = label.chars().all(|c| c.is_ascii_lowercase());
    let wants_letters = depth % 2 == 1;
    if wants_letters != is_letters {
        let want = if wants_letters {
            "a letter (a., b., ...)"
        } else {
            "a number (1., 2., ...)"
        };
        report.warnings.push(
            path,
            line,
            format!("item `{label}.` at depth {depth} is usually labelled with {want}"),
        );
    }
    close_to(stack, depth);
    let siblings = &stack[depth - 1].children;
    if siblings.iter().any(|s| s.label == label) {
        report.errors.push(
            path,
            line,
            format!("item `{label}.` appears twice under the same parent"),
        );
        return;
    }
    let expected = match siblings.last() {
        Some(prev) => next_label(&prev.label),
        None => Some(if is_letters { "a".into() } else { "1".into() }),
    };
    if expected.as_deref() != Some(label) {
        report.warnings.push(
            path,
            line,
            format!(
                "item `{label}.` follows `{}`: a gap or a change of order in the numbering",
                siblings
                    .last()
                    .map(|s| s.label.as_str())
                    .unwrap_or("(none)")
            ),
        );
    }
    stack.push(ParsedItem {
        label: label.to_string(),
        text: rest.trim().to_string(),
        line,
        notes: Vec::new(),
        children: Vec::new(),
    });
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// Terms written in double quotes ("intrusion software") and in single quotes
/// ('extract raw data') in `text`, with their quotes.
pub fn quoted_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    // Once a search for a closing quote has failed, no later opening quote of the same kind
    // can close either: remembering that keeps this linear on hostile lines.
    let (mut no_double_close, mut no_single_close) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let opens_single =
            c == '\'' && (i == 0 || !chars[i - 1].is_alphanumeric()) && !no_single_close;
        if (c == '"' && !no_double_close) || opens_single {
            let close = (i + 1..chars.len()).find(|&j| {
                chars[j] == c
                    && (c == '"' || j + 1 == chars.len() || !chars[j + 1].is_alphanumeric())
            });
            match close {
                Some(j) => {
                    let inner: String = chars[i + 1..j].iter().collect();
                    if !inner.trim().is_empty() && inner.len() <= 80 {
                        out.push(format!("{c}{inner}{c}"));
                    }
                    i = j + 1;
                    continue;
                }
                None if c == '"' => no_double_close = true,
                None => no_single_close = true,
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<BodyLine> {
        s.lines()
            .enumerate()
            .map(|(i, t)| BodyLine {
                line: i as u32 + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn builds_the_item_tree_and_attaches_notes_to_their_owner() {
        let mut e = Errors::default();
        let mut w = Errors::default();
        let root = parse_body(
            "f",
            &lines("a. A\n  1. A1\n  2. A2\n    a. A2a\n  Note: on a\n      a. list in note\n\n      more\nb. B\nNote 1: on entry\n"),
            &mut e,
            &mut w,
        );
        assert!(e.0.is_empty(), "{:?}", e.0);
        assert!(w.0.is_empty(), "{:?}", w.0);
        assert_eq!(root.children.len(), 2);
        let a = &root.children[0];
        assert_eq!(a.children[1].children[0].text, "A2a");
        assert_eq!(a.notes.len(), 1);
        assert_eq!(a.notes[0].lines.len(), 4);
        assert_eq!(a.notes[0].lines[1].text, "a. list in note");
        assert_eq!(root.notes[0].label, "Note 1");
    }

    #[test]
    fn warns_on_unusual_labels_and_rejects_orphans() {
        let mut e = Errors::default();
        let mut w = Errors::default();
        parse_body(
            "f",
            &lines("1. wrong\n    a. orphan\nb. fine gap\n"),
            &mut e,
            &mut w,
        );
        // A number at depth 1 is unusual (a warning); an item without a parent is an error.
        assert_eq!(e.0.len(), 1, "{:?}", e.0);
        assert_eq!(e.0[0].line, 2);
        assert_eq!(w.0.len(), 2, "{:?}", w.0);
        assert_eq!(w.0[0].line, 1);
    }

    #[test]
    fn finds_double_and_single_quoted_terms_but_not_apostrophes() {
        let t = quoted_terms(
            "the \"intrusion software\" of the operator's 'extract raw data' function",
        );
        assert_eq!(t, vec!["\"intrusion software\"", "'extract raw data'"]);
    }
}
