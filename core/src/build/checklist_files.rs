//! Reading data/checklist-overrides.txt (how a node combines its items, where the text does
//! not say) and data/checklist-questions.txt (the plain-language question of each node, in
//! three languages, checked against the law's numbers) into the Dataset. The checklist itself
//! and its evaluation are in answer/checklist.rs.

use crate::checklist::*;
use crate::model::Dataset;
use crate::records::Errors;

/// Parse data/checklist-overrides.txt: `CODE | any|all|leaf`, `#` comments. Errors name the
/// file and line; codes must exist, and `any`/`all` need a node with items.
pub fn compile_overrides(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let mut out: Vec<Override> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('@') {
            continue;
        }
        let Some((code, combine)) = line.split_once('|') else {
            errors.push(
                path,
                line_no,
                format!("expected `CODE | any|all|leaf`, got `{line}`"),
            );
            continue;
        };
        let (code, combine) = (code.trim(), combine.trim());
        let Some(combine) = Combine::parse(combine) else {
            errors.push(
                path,
                line_no,
                format!("combine must be any, all or leaf, got `{combine}`"),
            );
            continue;
        };
        let Some(idx) = ds.node_index(code) else {
            errors.push(path, line_no, format!("unknown Annex I code `{code}`"));
            continue;
        };
        let has_items = ds.nodes[idx as usize]
            .children
            .iter()
            .any(|&c| !is_not_used(&ds.nodes[c as usize].text));
        if combine != Combine::Leaf && !has_items {
            errors.push(
                path,
                line_no,
                format!(
                    "`{code}` has no items, so it cannot combine them as `{}`",
                    combine.as_str()
                ),
            );
            continue;
        }
        if out.iter().any(|o| o.code == code) {
            errors.push(path, line_no, format!("`{code}` is given twice"));
            continue;
        }
        out.push(Override {
            code: code.to_string(),
            combine,
        });
    }
    ds.checklist_overrides = out;
}

/// The runs of ASCII digits of a text, codes such as "6A002.a.3" left out: what a question
/// may quote must stand in the law.
fn digit_runs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "(),;:\"'„“”«»‘’/".contains(c))
    {
        if crate::codes::normalize_code(word.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .is_some()
        {
            continue;
        }
        out.extend(
            word.split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty()),
        );
    }
    out
}

/// Parse and check data/checklist-questions.txt into `Dataset::checklist_leads`. Each record
/// is a checklist key (a node code or a release key such as "Note to 6A003.b") with `ask`,
/// `ask-de`, `ask-fr` and optionally `help`, `help-de`, `help-fr`. Errors name the file and
/// line: an unknown key, a key given twice, a missing or unknown field, a translation of a
/// help that is not there, and a number the law's text does not hold (for a node, its own and
/// its items' texts; for a release, also the note's).
pub fn compile_questions(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = crate::records::parse_records(path, text, errors);
    for (header, what) in [("source", "@source:"), ("as-of", "@as-of:")] {
        if f.header(header).unwrap_or("").is_empty() {
            errors.push(
                path,
                1,
                format!("missing `{what}` header (provenance is required)"),
            );
        }
    }
    let mut rows: Vec<(String, [String; 3], [String; 3])> = Vec::new();
    for r in &f.records {
        let key = r.key.as_str();
        let Some(law) = law_words(ds, key) else {
            errors.push(
                path,
                r.line,
                format!("unknown checklist key `{key}` (expected an Annex I code such as 2B001.b or a release such as \"Note to 6A003.b\")"),
            );
            continue;
        };
        if rows.iter().any(|row| row.0 == key) {
            errors.push(path, r.line, format!("`{key}` is given twice"));
            continue;
        }
        check_record_shape(errors, path, r);
        let (ask, help) = question_texts(errors, path, r, &digit_runs(&law));
        rows.push((key.to_string(), ask, help));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut leads = Leads::default();
    for (key, ask, help) in rows {
        leads.keys.push(key);
        for (l, (a, h)) in ask.into_iter().zip(help).enumerate() {
            leads.ask[l].push(a);
            leads.help[l].push(h);
        }
    }
    ds.checklist_leads = leads;
}

/// The words a question of `key` may draw its numbers from: a node's own and its items'
/// texts; for a release, the text of the node it releases and the note's. `None` when the
/// key names neither.
fn law_words(ds: &Dataset, key: &str) -> Option<String> {
    if let Some(idx) = ds.node_index(key) {
        let mut law = String::new();
        let mut stack = vec![idx];
        while let Some(i) = stack.pop() {
            law.push_str(&ds.nodes[i as usize].text);
            law.push('\n');
            stack.extend(&ds.nodes[i as usize].children);
        }
        return Some(law);
    }
    let idx = ds.node_index(key_code(key))?;
    let (target, rel) = entry_releases(ds, idx)
        .into_iter()
        .find(|(_, rel)| rel.key == key)?;
    Some(format!("{}\n{}", ds.nodes[target as usize].text, rel.text))
}

/// A question record has no body and only the fields of a question.
fn check_record_shape(errors: &mut Errors, path: &str, r: &crate::records::Record) {
    const FIELDS: [&str; 6] = ["ask", "ask-de", "ask-fr", "help", "help-de", "help-fr"];
    if r.body.is_some() {
        errors.push(
            path,
            r.line,
            format!("`{}`: a question has no `---` body", r.key),
        );
    }
    for m in &r.meta {
        if !FIELDS.contains(&m.key.as_str()) {
            errors.push(
                path,
                m.line,
                format!(
                    "unknown field `{}` (expected ask, help and their -de, -fr)",
                    m.key
                ),
            );
        }
    }
}

/// The question and its help in each language, checked: every language present, a help
/// translated only where there is a help, and no number that `allowed` (the law's) lacks.
fn question_texts(
    errors: &mut Errors,
    path: &str,
    r: &crate::records::Record,
    allowed: &[&str],
) -> ([String; 3], [String; 3]) {
    let key = r.key.as_str();
    let mut ask: [String; 3] = Default::default();
    let mut help: [String; 3] = Default::default();
    for (l, lang) in LEAD_LANGS.iter().enumerate() {
        let suffix = if l == 0 {
            String::new()
        } else {
            format!("-{lang}")
        };
        let ask_key = format!("ask{suffix}");
        match r.get(&ask_key).filter(|m| !m.value.is_empty()) {
            Some(m) => ask[l] = m.value.clone(),
            None => errors.push(path, r.line, format!("`{key}` needs `{ask_key}:`")),
        }
        let help_key = format!("help{suffix}");
        match r.get(&help_key) {
            Some(m) if l > 0 && r.get("help").is_none() => {
                errors.push(path, m.line, format!("`{help_key}` without `help`"))
            }
            Some(m) => help[l] = m.value.clone(),
            None if l > 0 && r.get("help").is_some() => errors.push(
                path,
                r.line,
                format!("`{key}` has `help` but no `{help_key}:`"),
            ),
            None => {}
        }
        for field in [&ask_key, &help_key] {
            let Some(m) = r.get(field) else { continue };
            if let Some(d) = digit_runs(&m.value)
                .into_iter()
                .find(|d| !allowed.contains(d))
            {
                errors.push(
                    path,
                    m.line,
                    format!("`{field}` of `{key}` has the number `{d}`, which is not in the law's text of `{key}`"),
                );
            }
        }
    }
    (ask, help)
}
