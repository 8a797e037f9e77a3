//! "Definitions of terms used in this Annex" (Part I) to data/definitions.txt, and the
//! 'single-quoted' terms that Technical Notes define locally.

use super::body::free_text;
use super::markdown::MdLine;
use super::{ImportedRecord, OldData, SourceInfo};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The term as the definition writes it, without quotes: `Accuracy`.
    pub term: String,
    /// The OJ's category annotation: `2, 3, 6, 7`, `GTN, NTN`, `def`.
    pub categories: String,
    /// Acronyms given in brackets after the term (`"MMIC"`), with their quotes.
    pub acronyms: Vec<String>,
    /// The definition with the annotation taken out, as lines.
    pub lines: Vec<String>,
    pub line: usize,
}

/// Tokens of the bracket after a defined term that says where it is used.
fn is_category_token(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit())
        || matches!(
            t,
            "GTN" | "NTN" | "GSN" | "GISN" | "NSN" | "All" | "all" | "def"
        )
}

pub fn parse(content: &[MdLine]) -> Result<Vec<Definition>, String> {
    let starts: Vec<usize> = (0..content.len())
        .filter(|&i| {
            let l = &content[i];
            l.indent == 0 && !l.italic && !l.heading && l.text.starts_with('"')
        })
        .collect();
    if starts.is_empty() {
        return Err("the definitions section holds no definition".into());
    }
    let mut defs = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(content.len());
        let body = free_text(&content[s..e]);
        let first = &body.lines[0];
        let close = first[1..].find('"').map(|i| i + 1).ok_or_else(|| {
            format!(
                "line {}: a definition without its closing quote",
                content[s].number
            )
        })?;
        let term = first[1..close].to_string();
        // The category bracket is the first bracket after the term made of category tokens;
        // other brackets ("(accelerometer)", "(\"DBRN\")") stay in the text.
        let mut rest = &first[close + 1..];
        let mut kept = String::new();
        let mut categories = String::new();
        let mut acronyms: Vec<String> = Vec::new();
        while let Some(inner) = rest.trim_start().strip_prefix('(') {
            let Some(end) = inner.find(')') else { break };
            let group = &inner[..end];
            let tokens: Vec<&str> = group.split_whitespace().collect();
            if categories.is_empty()
                && !tokens.is_empty()
                && tokens.iter().all(|t| is_category_token(t))
            {
                categories = tokens.join(", ");
            } else {
                kept.push_str(&format!(" ({group})"));
                // ("MMIC") after "Monolithic Microwave Integrated Circuit": its acronym.
                if group.len() > 2 && group.starts_with('"') && group.ends_with('"') {
                    acronyms.push(group.to_string());
                }
            }
            rest = &inner[end + 1..];
        }
        let mut lines = body.lines.clone();
        let sep = if rest.starts_with([',', '.', ';']) {
            ""
        } else {
            " "
        };
        lines[0] = format!("\"{term}\"{kept}{sep}{}", rest.trim_start());
        defs.push(Definition {
            term,
            categories,
            acronyms,
            lines,
            line: content[s].number,
        });
    }
    Ok(defs)
}

/// The key of a term: lower case, unless it is an acronym or a name (a capital after the
/// first letter), as the entries write it.
fn key_of(term: &str) -> String {
    let proper = term.chars().skip(1).any(|c| c.is_uppercase());
    if proper {
        term.to_string()
    } else {
        let mut c = term.chars();
        match c.next() {
            Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
            None => String::new(),
        }
    }
}

pub fn write(
    defs: &[Definition],
    files: &[(String, Vec<ImportedRecord>)],
    old: &OldData,
    source: &SourceInfo,
) -> String {
    let mut out = format!(
        "@source: {}, Annex I, Part I, \"Definitions of terms used in this Annex\"; local 'single-quoted' terms from the Technical Notes of the entries\n@as-of: {}\n@verified-by: imported from the source by `cargo xtask import-annex` (core/src/import) and compared with it by tests/reference.rs\n\n# Generated file: re-import rather than edit (only `forms` is the project's own and kept).\n# Keys are the terms as the entries write them; `forms` lists other written forms so that\n# references resolve; `categories` is the bracket after the term in the OJ (GTN, NTN, GSN,\n# GISN, All, def: used in other definitions only). Terms defined twice in the OJ (\"Bias\"\n# for accelerometers and gyros) are one record with both paragraphs.\n",
        source.document, source.annex_as_of
    );
    let note = format!(
        "Word for word as compared with the consolidated text of Regulation (EU) 2021/821 (EUR-Lex), Annex I as of {}.",
        super::review::display_date(&source.annex_as_of)
    );
    // Double-quoted terms, merged by key in OJ order.
    let mut order: Vec<String> = Vec::new();
    let mut merged: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut acronyms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in defs {
        let key = key_of(&d.term);
        let e = merged.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            (Vec::new(), Vec::new())
        });
        for c in d.categories.split(", ").filter(|c| !c.is_empty()) {
            if !e.0.iter().any(|x| x == c) {
                e.0.push(c.to_string());
            }
        }
        if !e.1.is_empty() {
            e.1.push(String::new());
        }
        acronyms
            .entry(key.clone())
            .or_default()
            .extend(d.acronyms.iter().cloned());
        e.1.extend(d.lines.iter().cloned());
    }
    for key in &order {
        let (cats, lines) = &merged[key];
        let quoted = format!("\"{key}\"");
        out.push_str(&format!(
            "\n== {quoted}\nscope: annex\ncategories: {}\n",
            cats.join(", ")
        ));
        // Forms: the acronym the definition gives, then those the project added.
        let mut forms: Vec<String> = acronyms.get(key).cloned().unwrap_or_default();
        if let Some(kept) = old.forms.get(&quoted.to_lowercase()) {
            for f in crate::annex::quoted_terms(kept) {
                if !forms.contains(&f) {
                    forms.push(f);
                }
            }
        }
        if !forms.is_empty() {
            out.push_str(&format!("forms: {}\n", forms.join(", ")));
        }
        out.push_str(&format!("verified: yes\nverified-note: {note}\n---\n"));
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    // 'Single-quoted' terms that a Technical Note defines ("'x' means ...").
    for (file, records) in files {
        for rec in records {
            for (term, note_lines) in local_definitions(rec) {
                let quoted = format!("'{}'", key_of(&term));
                let category = file.trim_start_matches("cat").chars().next().unwrap_or('?');
                out.push_str(&format!(
                    "\n== {quoted}\nscope: {}\ncategories: {category}\n",
                    rec.key
                ));
                if let Some(forms) = old.forms.get(&quoted.to_lowercase()) {
                    out.push_str(&format!("forms: {forms}\n"));
                }
                out.push_str(&format!(
                    "verified: yes\nverified-note: {note} From a Technical Note of {}.\n---\n",
                    rec.key
                ));
                for l in note_lines {
                    out.push_str(&l);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Terms in single quotes that a Technical Note of `rec` defines, with the note's text.
fn local_definitions(rec: &ImportedRecord) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let lines = &rec.body.lines;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let indent = line.len() - line.trim_start().len();
        let content = line.trim_start();
        if !content.starts_with("Technical Note") {
            i += 1;
            continue;
        }
        let mut note = vec![content.to_string()];
        let mut j = i + 1;
        while j < lines.len() && lines[j].len() - lines[j].trim_start().len() > indent {
            note.push(lines[j].trim().to_string());
            j += 1;
        }
        for text in &note {
            for term in defined_terms(text) {
                let key = term.to_lowercase();
                if !out.iter().any(|(t, _)| t.to_lowercase() == key) {
                    out.push((term, note.clone()));
                }
            }
        }
        i = j;
    }
    out
}

/// `'x' means`, `'x' is`, `'x' refers to` ...: the terms a sentence defines.
fn defined_terms(text: &str) -> Vec<String> {
    let verbs = [
        " means",
        " is ",
        " are ",
        " includes",
        " include ",
        " refers to",
        " consists",
        " consist of",
        " is defined",
    ];
    let mut out = Vec::new();
    for q in crate::annex::quoted_terms(text) {
        if !q.starts_with('\'') {
            continue;
        }
        if let Some(at) = text.find(&q) {
            let after = &text[at + q.len()..];
            if verbs.iter().any(|v| after.starts_with(v)) {
                out.push(q.trim_matches('\'').to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::markdown::normalise;
    use super::*;

    fn md(s: &str) -> Vec<MdLine> {
        s.lines()
            .enumerate()
            .map(|(i, l)| normalise(i + 1, l))
            .collect()
    }

    #[test]
    fn the_category_bracket_goes_to_categories_other_brackets_stay() {
        let d = parse(&md("\"Bias\" (accelerometer) (7) means the average.\n\n\"Accuracy\" (2 3 6 7), usually measured.\n\n\"Development\" (GTN NTN All) is related.\n*N.B.*\n \n *See also.*\n")).unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].term, "Bias");
        assert_eq!(d[0].categories, "7");
        assert_eq!(
            d[0].lines,
            vec!["\"Bias\" (accelerometer) means the average."]
        );
        assert_eq!(d[1].lines[0], "\"Accuracy\", usually measured.");
        assert_eq!(d[2].categories, "GTN, NTN, All");
        assert_eq!(d[2].lines[1], "N.B.: See also.");
    }

    #[test]
    fn technical_notes_define_single_quoted_terms() {
        let rec = ImportedRecord {
            key: "0A001".into(),
            heading: "h".into(),
            body: super::super::Body {
                lines: vec![
                    "h. 'Nuclear reactor internals' specially designed;".into(),
                    "  Technical Note: In 0A001.h. 'nuclear reactor internals' means any major structure.".into(),
                    "i. Next".into(),
                ],
                anomalies: vec![],
            },
            line: 1,
        };
        let defs = local_definitions(&rec);
        assert_eq!(defs.len(), 1);
        assert_eq!(defs[0].0, "nuclear reactor internals");
    }
}
