//! An entry's lines in the rendering to the body of a record in the project's format
//! (data/README.md): items one per line at two spaces per depth, notes with their marker at
//! the indentation of their owner's children and their text indented below it.

use super::markdown::{connector, split_marker, MdLine};
use crate::annex::next_label;

/// Something the converter could not place with certainty; the entry stays unverified
/// until a maintainer has looked at it.
#[derive(Debug, Clone, PartialEq)]
pub struct Anomaly {
    pub line: usize,
    pub what: String,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Body {
    pub lines: Vec<String>,
    pub anomalies: Vec<Anomaly>,
}

/// The marker of a note whose label is not in the source (see data/README.md).
pub const UNLABELLED: &str = "Unlabelled";

struct OpenNote {
    /// Indentation of the marker in the rendering.
    md_indent: usize,
    /// Column of the marker in the output.
    column: usize,
    /// Index of the marker's output line.
    marker_line: usize,
    /// The marker line has no text yet: the first paragraph joins it.
    empty: bool,
}

/// Items of an Annex I entry (labels alternate letters/numbers by depth) and its notes.
pub fn entry_body(lines: &[MdLine]) -> Body {
    let mut b = Builder::default();
    for line in join_lone_labels(lines) {
        b.push(&line);
    }
    b.finish()
}

/// `*1.*` on a line of its own, then its paragraph: one line `1. paragraph`, where the
/// label stands (its indentation and style).
fn join_lone_labels(lines: &[MdLine]) -> Vec<MdLine> {
    let mut out: Vec<MdLine> = Vec::new();
    let mut pending: Option<MdLine> = None;
    for line in lines {
        if line.is_blank() {
            continue;
        }
        if let Some(mut label) = pending.take() {
            label.text = format!("{} {}", label.text, line.text);
            out.push(label);
            continue;
        }
        if line.label().is_some_and(|(_, rest)| rest.is_empty()) {
            pending = Some(line.clone());
            continue;
        }
        out.push(line.clone());
    }
    out.extend(pending);
    out
}

/// Free text (Part I notes, definitions, a table's notes): every line is kept as a text
/// line with its nesting, markers and labels included, nothing is an item.
pub fn free_text(lines: &[MdLine]) -> Body {
    let mut body = Body::default();
    let mut merge_next = false;
    for line in &join_lone_labels(lines) {
        if line.is_blank() {
            continue;
        }
        let text = line.text.as_str();
        if let Some(word) = connector(text) {
            append(&mut body, line, word);
            continue;
        }
        let level = (line.indent + 1) / 3;
        if merge_next && !line.heading && line.label().is_none() {
            if let Some(last) = body.lines.last_mut() {
                last.push(' ');
                last.push_str(text);
                merge_next = false;
                continue;
            }
        }
        let is_marker = line.italic || line.heading;
        merge_next = false;
        let text = match split_marker(text).filter(|_| is_marker) {
            Some(m) if m.rest.is_empty() => {
                merge_next = true;
                format!("{}:", m.label)
            }
            Some(m) => format!("{}: {}", m.label, m.rest),
            // "1.For control" lost its space in the rendering.
            None => match line.label() {
                Some((label, rest)) => format!("{label}. {rest}"),
                None => text.to_string(),
            },
        };
        body.lines.push(format!("{}{}", "  ".repeat(level), text));
    }
    body
}

fn append(body: &mut Body, line: &MdLine, word: &str) {
    match body.lines.last_mut() {
        Some(last) => {
            last.push(' ');
            last.push_str(word);
        }
        None => body.anomalies.push(Anomaly {
            line: line.number,
            what: format!("`{word}` with nothing before it"),
        }),
    }
}

#[derive(Default)]
struct Builder {
    body: Body,
    /// Labels of the open items, depth 1 first.
    path: Vec<String>,
    note: Option<OpenNote>,
}

impl Builder {
    fn push(&mut self, line: &MdLine) {
        if line.is_blank() {
            return;
        }
        let text = line.text.as_str();
        if let Some(word) = connector(text) {
            append(&mut self.body, line, word);
            return;
        }
        let styled = line.italic || line.heading;
        if !styled && matches!(text, "None" | "None.") {
            // What is left of a sub-section heading the rendering lost ("2C Materials" /
            // "None."): it belongs to no entry.
            self.anomaly(
                line,
                "`None.` left by a lost sub-section heading (such as \"2C Materials\"): left out",
            );
            return;
        }
        if styled {
            if let Some(marker) = split_marker(text) {
                let nested = self
                    .note
                    .as_ref()
                    .is_some_and(|n| line.indent > n.md_indent + 1);
                if !nested {
                    self.open_note(line, &marker.label, &marker.rest);
                    return;
                }
            }
            if self.note.is_none() {
                // The rendering lost the note's label ("Technical Note:", "Note:"): keep the
                // text as a note without one, for a maintainer to restore from a second
                // source (data/annex-i/review.txt).
                self.anomaly(line, "a note whose label the rendering lost");
                self.open_note(line, UNLABELLED, "");
            }
            self.note_line(line, text);
            return;
        }
        if let Some((label, rest)) = line.label() {
            self.note = None;
            self.item(line, label, rest);
            return;
        }
        if let Some((label, rest)) = self.label_without_dot(line) {
            self.anomaly(line, "an item label without its dot: read as an item");
            self.note = None;
            self.item(line, label, rest);
            return;
        }
        if line.is_table_row() {
            if self.note.is_some() {
                self.note_line(line, text);
            } else {
                self.anomaly(line, "a table row outside a note");
                self.body.lines.push(text.to_string());
            }
            return;
        }
        // Plain text that is neither an item nor a note: the rest of the line before.
        if self.note.is_some() && !starts_continuation(text) {
            self.note_line(line, text);
            return;
        }
        if !starts_continuation(text) {
            self.anomaly(
                line,
                "a paragraph that is neither an item nor a note: joined to the line before",
            );
        }
        self.continuation(line, text);
    }

    /// `b Microwave ...`, `12 Clostridium ...`: the source printed the label without its
    /// dot. Read as an item only where the label is the next one of an open list at exactly
    /// that list's indentation and the text after it starts in upper case.
    fn label_without_dot<'a>(&self, line: &'a MdLine) -> Option<(&'a str, &'a str)> {
        let (label, rest) = line.text.split_once(' ')?;
        if !rest.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        (1..=self.path.len())
            .any(|d| {
                3 * (d - 1) == line.indent
                    && next_label(&self.path[d - 1]).as_deref() == Some(label)
            })
            .then_some((label, rest))
    }

    fn anomaly(&mut self, line: &MdLine, what: &str) {
        self.body.anomalies.push(Anomaly {
            line: line.number,
            what: format!("{what}: `{}`", clip(&line.text, 70)),
        });
    }

    fn continuation(&mut self, line: &MdLine, text: &str) {
        match self.body.lines.last_mut() {
            Some(last) => {
                if !last.ends_with(['(', '[', '/']) && !text.starts_with([')', ']', ',', ';', '.'])
                {
                    last.push(' ');
                }
                last.push_str(text);
            }
            None => {
                self.anomaly(line, "text before any item: kept as a note");
                self.body.lines.push(format!("N.B.: {text}"));
            }
        }
    }

    fn open_note(&mut self, line: &MdLine, label: &str, rest: &str) {
        // A note belongs to the item whose children stand at its indentation.
        let owner_depth = ((line.indent + 1) / 3).min(self.path.len());
        let column = owner_depth * 2;
        let mut text = format!("{}{label}:", " ".repeat(column));
        if !rest.is_empty() {
            text.push(' ');
            text.push_str(rest);
        }
        self.body.lines.push(text);
        self.note = Some(OpenNote {
            md_indent: line.indent,
            column,
            marker_line: self.body.lines.len() - 1,
            empty: rest.is_empty(),
        });
    }

    fn note_line(&mut self, line: &MdLine, text: &str) {
        let note = self.note.as_mut().expect("a note is open");
        let rel = (line.indent.saturating_sub(note.md_indent) + 1) / 3;
        let is_list = line.label().is_some() || text.starts_with('—') || line.is_table_row();
        if note.empty && rel == 0 && !is_list {
            let marker = &mut self.body.lines[note.marker_line];
            marker.push(' ');
            marker.push_str(text);
            note.empty = false;
            return;
        }
        note.empty = false;
        self.body
            .lines
            .push(format!("{}{text}", " ".repeat(note.column + 2 + 2 * rel)));
    }

    fn item(&mut self, line: &MdLine, label: &str, rest: &str) {
        // "1. a. Voltage rating ...": an item without words of its own whose first
        // sub-item shares its line.
        if let Some((inner, inner_rest)) = super::markdown::split_label(rest) {
            if (inner == "a" || inner == "1") && !inner_rest.is_empty() {
                self.item(line, label, "");
                let nested = MdLine {
                    indent: line.indent + 3,
                    ..line.clone()
                };
                self.item(&nested, inner, inner_rest);
                return;
            }
        }
        let depth = match self.depth_for(line, label) {
            Some(d) => d,
            None => {
                self.anomaly(
                    line,
                    "an item label out of sequence: placed by its indentation",
                );
                self.fallback_depth(line, label)
            }
        };
        self.path.truncate(depth - 1);
        self.path.push(label.to_string());
        let text = format!("{}{label}. {rest}", "  ".repeat(depth - 1));
        self.body.lines.push(text.trim_end().to_string());
    }

    /// The depth at which `label` continues a list (next sibling of an open item) or starts
    /// one (first child of the deepest item); the rendering's indentation decides between
    /// several such places.
    fn depth_for(&self, line: &MdLine, label: &str) -> Option<usize> {
        // The OJ alternates letters and numbers by depth, but not always (0B004.b.10. has
        // numbered sub-items): the alternation only breaks ties.
        let letters = label.chars().all(|c| c.is_ascii_lowercase());
        let parity_ok = |d: usize| (d % 2 == 1) == letters;
        let mut candidates: Vec<usize> = (1..=self.path.len())
            .filter(|&d| next_label(&self.path[d - 1]).as_deref() == Some(label))
            .collect();
        let child = self.path.len() + 1;
        if label == "a" || label == "1" {
            candidates.push(child);
        }
        let expected = |d: usize| 3 * (d - 1);
        candidates.into_iter().min_by_key(|&d| {
            (
                expected(d).abs_diff(line.indent),
                !parity_ok(d),
                usize::MAX - d,
            )
        })
    }

    fn fallback_depth(&self, line: &MdLine, label: &str) -> usize {
        let letters = label.chars().all(|c| c.is_ascii_lowercase());
        (1..=self.path.len() + 1)
            .filter(|d| (d % 2 == 1) == letters)
            .min_by_key(|d| (3 * (d - 1)).abs_diff(line.indent))
            .unwrap_or(1)
    }

    fn finish(self) -> Body {
        self.body
    }
}

/// Text that continues the line before: it starts in lower case, with a closing bracket, a
/// digit, a superscript or punctuation (the rendering breaks lines inside formulas).
fn starts_continuation(text: &str) -> bool {
    text.starts_with(|c: char| {
        c.is_lowercase()
            || c.is_ascii_digit()
            || matches!(c, ')' | ']' | ',' | ';' | '.' | '×' | '=' | '+' | '/')
            || ('⁰'..='⁹').contains(&c)
            || matches!(c, '¹' | '²' | '³' | '⁻')
    })
}

fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::markdown::normalise;
    use super::*;

    fn body(md: &str) -> Body {
        let lines: Vec<MdLine> = md
            .lines()
            .enumerate()
            .map(|(i, l)| normalise(i + 1, l))
            .collect();
        entry_body(&lines)
    }

    #[test]
    fn items_nest_by_label_and_notes_attach_to_their_owner() {
        let b = body(
            "a. First:\n   1. One;\n   2. Two;\n      *N.B.*\n\n       *See 0A001.*\n   3. Three\n   *Note:*\n\n    *It is fine.*\n\nb. Second\n*Technical Note:*\n*In this entry:*\n*a.* *Alpha;*\n    *or*\n*b.* *Beta.*\n",
        );
        assert!(b.anomalies.is_empty(), "{:?}", b.anomalies);
        assert_eq!(
            b.lines,
            vec![
                "a. First:",
                "  1. One;",
                "  2. Two;",
                "    N.B.: See 0A001.",
                "  3. Three",
                "  Note: It is fine.",
                "b. Second",
                "Technical Note: In this entry:",
                "  a. Alpha; or",
                "  b. Beta.",
            ]
        );
    }

    #[test]
    fn a_label_continues_the_list_it_belongs_to_even_when_badly_indented() {
        // 'b.' at indent 3 cannot be a child (it is not the first label), so it is the
        // sibling of 'a.', whatever the indentation says.
        let b = body("a. A\n   1. A1\n   b. B\n");
        assert_eq!(b.lines, vec!["a. A", "  1. A1", "b. B"]);
    }

    #[test]
    fn lines_broken_inside_a_formula_join_the_line_before() {
        let b = body("a. A power of 10\n          ⁻³ W;\nb. Next\n");
        assert_eq!(b.lines[0], "a. A power of 10 ⁻³ W;");
        assert!(b.anomalies.is_empty());
    }

    #[test]
    fn heading_used_as_a_note_marker() {
        let b = body("a. A\n#### *Technical Note:*\n*Text.*\n");
        assert_eq!(b.lines, vec!["a. A", "Technical Note: Text."]);
    }

    #[test]
    fn italic_list_items_after_a_marker_stay_in_the_note() {
        let b = body("b. Token;\n   *Technical Note:*\n   *For 5A002.b., a token is:*\n   1. *Converting;*\n       *or*\n   2. *Enabling.*\n");
        assert_eq!(
            b.lines,
            vec![
                "b. Token;",
                "  Technical Note: For 5A002.b., a token is:",
                "    1. Converting; or",
                "    2. Enabling.",
            ]
        );
    }

    #[test]
    fn a_label_without_its_dot_is_read_as_the_next_item_where_it_fits() {
        let b = body(
            "a. A\n   11. Eleven; 12 Twelve\n   11. Eleven;\n   12 Twelve;\n   13. Thirteen\n      *Technical Note:*\n      *b. c) text.*\nb Bee:\n   13. Thirteen\n   14 mm wide\n",
        );
        assert_eq!(
            b.lines,
            vec![
                "a. A",
                "  11. Eleven; 12 Twelve",
                "  11. Eleven;",
                "  12. Twelve;",
                "  13. Thirteen",
                // A labelled line inside a note stays a line of the note, not an item.
                "    Technical Note:",
                "      b. c) text.",
                "b. Bee:",
                "  13. Thirteen 14 mm wide",
            ]
        );
        // Flagged: the two dotless labels read as items, and the three labels that start or
        // repeat a list out of sequence (11. first, 11. again, 13. first under b.).
        let dotless = b
            .anomalies
            .iter()
            .filter(|a| a.what.contains("without its dot"))
            .count();
        assert_eq!(dotless, 2, "{:?}", b.anomalies);
        assert_eq!(b.anomalies.len(), 5, "{:?}", b.anomalies);
    }

    #[test]
    fn none_left_by_a_lost_sub_section_heading_is_left_out() {
        let b = body("a. A;\nb. B.\n\nNone.\n\n*Technical Note:*\n*Text.*\n\nNone\n");
        assert_eq!(b.lines, vec!["a. A;", "b. B.", "Technical Note: Text."]);
        assert_eq!(b.anomalies.len(), 2);
    }

    #[test]
    fn free_text_keeps_markers_as_text() {
        let lines: Vec<MdLine> = "1.For control of goods.\n\n*N.B.*\n \n *In judging.*\n"
            .lines()
            .enumerate()
            .map(|(i, l)| normalise(i + 1, l))
            .collect();
        let b = free_text(&lines);
        assert_eq!(
            b.lines,
            vec!["1. For control of goods.", "N.B.: In judging."]
        );
    }
}
