//! The importer of Annex I: the Markdown rendering of the EUR-Lex consolidated text of
//! Regulation (EU) 2021/821 to the project's data files (data/annex-i/*.txt and
//! data/definitions.txt), keeping the project's own metadata (aliases, related entries, US
//! ECCNs, forms of defined terms) and a maintainer's review file across re-imports.
//!
//! Pure: text in, text out. `cargo xtask import-annex FILE` does the file I/O and prints
//! the change report; `tests/reference.rs` imports the reference into memory and compares
//! it with data/ entry by entry.

mod body;
mod definitions;
mod markdown;
mod report;
mod review;

pub use body::{Anomaly, Body};
pub use report::{word_diff, Change, Report};
pub use review::Review;

use crate::records::{parse_records, Errors, Record};
use markdown::{entry_start, normalise, MdLine};
use std::collections::BTreeMap;

/// What the importer says about its source in every file it writes.
pub struct SourceInfo {
    /// e.g. "Regulation (EU) 2021/821, consolidated text of 21 September 2026 (EUR-Lex)".
    pub document: String,
    /// The as-of date of Annex I in it (YYYY-MM-DD).
    pub annex_as_of: String,
}

impl Default for SourceInfo {
    fn default() -> Self {
        SourceInfo {
            document: "Regulation (EU) 2021/821, consolidated text of 21 September 2026 (EUR-Lex, ELI http://data.europa.eu/eli/reg/2021/821/oj), Annex I as replaced by Commission Delegated Regulation (EU) 2025/2003 (consolidated 15 November 2025)".into(),
            annex_as_of: "2025-11-15".into(),
        }
    }
}

/// One record the importer writes: an entry, a category or part header, a Part I note.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    pub key: String,
    pub heading: String,
    pub body: Body,
    /// Line of the rendering where it starts.
    pub line: usize,
}

/// The parsed annex, before it is written in the project's format.
#[derive(Debug, Default)]
pub struct Annex {
    pub part_i: Vec<ImportedRecord>,
    pub definitions: Vec<definitions::Definition>,
    /// File name (`cat0.txt`, `cat5-part2.txt`) to its records in OJ order.
    pub files: Vec<(String, Vec<ImportedRecord>)>,
}

#[derive(Debug)]
pub struct Imported {
    /// Data files relative to data/, with their new text.
    pub files: Vec<(String, String)>,
    pub report: Report,
}

/// Import `markdown` (the whole rendering), keeping what `existing` data files (paths
/// relative to data/) hold that the importer does not own.
pub fn import(
    markdown: &str,
    existing: &[(String, String)],
    source: &SourceInfo,
) -> Result<Imported, String> {
    let annex = parse_annex(markdown)?;
    let review = match existing.iter().find(|(p, _)| p == review::PATH) {
        Some((_, text)) => Review::parse(text)?,
        None => Review::default(),
    };
    let old = OldData::read(existing);
    let mut report = Report::default();
    let mut files = Vec::new();
    let mut anomalies_left = 0;

    // Every record of Annex I, corrections applied, with its verdict of verification.
    for (name, records) in &annex.files {
        let path = format!("annex-i/{name}");
        let mut out = file_header(source, &path);
        for rec in records {
            let mut rec = rec.clone();
            review.apply(&rec.key, &mut rec.body.lines)?;
            let (verified, note) = review.verdict(&rec, source);
            if !verified {
                anomalies_left += 1;
            }
            let text = write_entry(&rec, old.entries.get(&rec.key), verified, &note);
            report.compare(&rec.key, old.entry_text.get(&rec.key), &entry_words(&rec));
            out.push_str(&text);
        }
        files.push((path, out));
    }
    for key in old.entry_text.keys() {
        if !annex
            .files
            .iter()
            .any(|(_, rs)| rs.iter().any(|r| &r.key == key))
        {
            report.removed.push(key.clone());
        }
    }
    let part_i_path = "annex-i/part-i.txt".to_string();
    let mut part_i = file_header(source, &part_i_path);
    for rec in &annex.part_i {
        let (verified, note) = review.verdict(rec, source);
        part_i.push_str(&write_entry(rec, None, verified, &note));
    }
    files.push((part_i_path, part_i));
    files.push((
        "definitions.txt".into(),
        definitions::write(&annex.definitions, &annex.files, &old, source),
    ));
    review.check_all_used()?;
    report.unverified = anomalies_left;
    Ok(Imported { files, report })
}

/// The project's data as it stands, for what the importer keeps and for the report.
#[derive(Default)]
pub struct OldData {
    /// Entry code to its metadata lines the importer does not own (aliases, related ...).
    entries: BTreeMap<String, Vec<(String, String)>>,
    /// Entry code to heading + body, for the change report.
    entry_text: BTreeMap<String, String>,
    /// Definition key to its `forms` value.
    forms: BTreeMap<String, String>,
}

/// Metadata of an entry that belongs to the project, not to the law.
const KEPT_META: [&str; 3] = ["related", "aliases", "us-eccn"];

impl OldData {
    pub fn read(existing: &[(String, String)]) -> OldData {
        let mut old = OldData::default();
        let mut errors = Errors::default();
        for (path, text) in existing {
            if path.starts_with("annex-i/cat") {
                for r in parse_records(path, text, &mut errors).records {
                    let kept = KEPT_META
                        .iter()
                        .filter_map(|k| r.value(k).map(|v| (k.to_string(), v.to_string())))
                        .collect();
                    old.entry_text.insert(r.key.clone(), record_text(&r));
                    old.entries.insert(r.key, kept);
                }
            } else if path == "definitions.txt" {
                for r in parse_records(path, text, &mut errors).records {
                    if let Some(forms) = r.value("forms") {
                        old.forms.insert(r.key.to_lowercase(), forms.to_string());
                    }
                }
            }
        }
        old
    }
}

fn record_text(r: &Record) -> String {
    let mut s = r.value("heading").unwrap_or("").to_string();
    for l in r.body.iter().flatten() {
        s.push('\n');
        s.push_str(&l.text);
    }
    s
}

fn entry_words(rec: &ImportedRecord) -> String {
    let mut s = rec.heading.clone();
    for l in &rec.body.lines {
        s.push('\n');
        s.push_str(l);
    }
    s
}

fn file_header(source: &SourceInfo, path: &str) -> String {
    format!(
        "@source: {}\n@as-of: {}\n@verified-by: imported from the source by `cargo xtask import-annex` (core/src/import); every record compared with it by tests/reference.rs; the review decisions and corrections are in data/{}\n\n# Generated file: edit the source or data/{} and re-import, not this file ({path}).\n",
        source.document, source.annex_as_of, review::PATH, review::PATH
    )
}

fn write_entry(
    rec: &ImportedRecord,
    kept: Option<&Vec<(String, String)>>,
    verified: bool,
    note: &str,
) -> String {
    let mut s = format!("\n== {}\nheading: {}\n", rec.key, rec.heading);
    for (k, v) in kept.into_iter().flatten() {
        s.push_str(&format!("{k}: {v}\n"));
    }
    s.push_str(&format!(
        "verified: {}\nverified-note: {note}\n",
        if verified { "yes" } else { "no" }
    ));
    if !rec.body.lines.is_empty() {
        s.push_str("---\n");
        for l in &rec.body.lines {
            s.push_str(l);
            s.push('\n');
        }
    }
    s
}

/// Split the rendering into Part I, the definitions and the categories.
pub fn parse_annex(markdown: &str) -> Result<Annex, String> {
    let raw: Vec<&str> = markdown.lines().collect();
    let find = |from: usize, pred: &dyn Fn(&str) -> bool, what: &str| {
        (from..raw.len())
            .find(|&i| pred(raw[i]))
            .ok_or_else(|| format!("the rendering has no {what}"))
    };
    let start = find(0, &|l| l.trim() == "## ANNEX I", "`## ANNEX I` heading")?;
    let end = find(
        start,
        &|l| l.trim() == "## ANNEX II",
        "`## ANNEX II` heading",
    )?;
    let part_ii = find(
        start,
        &|l| l.trim() == "### PART II",
        "`### PART II` heading",
    )?;
    let lines: Vec<MdLine> = (0..raw.len())
        .map(|i| normalise(i + 1, if i < end { raw[i] } else { "" }))
        .collect();

    let mut annex = Annex::default();
    parse_part_i(&raw, &lines, start, part_ii, &mut annex)?;
    parse_categories(&raw, &lines, part_ii, end, &mut annex)?;
    Ok(annex)
}

/// Part I (lines `start` to `part_ii`): `####` headings split it into the general notes,
/// acronyms and definitions.
fn parse_part_i(
    raw: &[&str],
    lines: &[MdLine],
    start: usize,
    part_ii: usize,
    annex: &mut Annex,
) -> Result<(), String> {
    let mut sections: Vec<(usize, usize)> = Vec::new();
    for i in start..part_ii {
        // Section headings are in capitals; `#### *Technical Notes:*` is a note inside one.
        if raw[i].starts_with("#### ")
            && !raw[i].starts_with("#### *")
            && !lines[i].text.starts_with('(')
        {
            sections.push((i, part_ii));
            if sections.len() > 1 {
                let n = sections.len();
                sections[n - 2].1 = i;
            }
        }
    }
    for (s, e) in sections {
        let heading = lines[s].text.clone();
        let content = &lines[s + 1..e];
        if heading.starts_with("DEFINITIONS OF TERMS") {
            annex.definitions = definitions::parse(content)?;
            continue;
        }
        let key = part_i_key(&heading);
        // "(To be read in conjunction with ...)" is a heading line of its own.
        annex.part_i.push(ImportedRecord {
            key,
            heading,
            body: body::free_text(content),
            line: s + 1,
        });
    }
    Ok(())
}

/// A category's file being filled: its name and the records read so far.
type CategoryFile = (String, Vec<ImportedRecord>);

/// Parts II to XI (lines `part_ii` to `end`): the categories and their entries, one file
/// per category.
fn parse_categories(
    raw: &[&str],
    lines: &[MdLine],
    part_ii: usize,
    end: usize,
    annex: &mut Annex,
) -> Result<(), String> {
    let mut current: Option<CategoryFile> = None;
    let mut i = part_ii;
    let mut entry_lines: Vec<MdLine> = Vec::new();
    // A table after the last entry of a category, with everything after it (see
    // relocate_coating_table).
    let mut trailing_table: Vec<MdLine> = Vec::new();
    let mut open: Option<ImportedRecord> = None;
    while i < end {
        let l = &lines[i];
        if raw[i].starts_with("### ") {
            i += 1;
            continue;
        }
        if l.heading && l.text.starts_with("CATEGORY ") {
            close_category(
                &mut open,
                &mut entry_lines,
                &mut current,
                &trailing_table,
                annex,
            )?;
            trailing_table.clear();
            let (file, record) = category_start(l, i);
            current = Some(file);
            open = Some(record);
            i += 1;
            continue;
        }
        if let Some((code, heading)) = entry_start(raw[i]) {
            if !trailing_table.is_empty() {
                return Err(format!("line {}: an entry after a table; the importer expects tables only after the last entry of a category", i + 1));
            }
            flush_entry(&mut open, &mut entry_lines, &mut current);
            if code == "5A002" {
                // Category 5 Part 2 starts here; its heading was lost in the rendering and
                // its Notes 1 to 3 stand in the body of 5E101 (see split_part_2).
                split_part_2(&mut current, annex)?;
            }
            let heading = normalise(i + 1, heading).text;
            if heading == "Not used" || heading == "Not used." {
                i += 1;
                continue;
            }
            open = Some(ImportedRecord {
                key: code.to_string(),
                heading,
                body: Body::default(),
                line: i + 1,
            });
            i += 1;
            continue;
        }
        if l.is_table_row() || !trailing_table.is_empty() {
            trailing_table.push(l.clone());
        } else {
            entry_lines.push(l.clone());
        }
        i += 1;
    }
    close_category(
        &mut open,
        &mut entry_lines,
        &mut current,
        &trailing_table,
        annex,
    )
}

/// The record `open` gets the body of the lines read since it opened, and joins the file.
fn flush_entry(
    open: &mut Option<ImportedRecord>,
    lines: &mut Vec<MdLine>,
    file: &mut Option<CategoryFile>,
) {
    if let (Some(mut rec), Some((_, recs))) = (open.take(), file.as_mut()) {
        rec.body = body::entry_body(lines);
        recs.push(rec);
    }
    lines.clear();
}

/// The end of a category: its last entry is flushed, a table after it moved to its place,
/// and the file joins the annex.
fn close_category(
    open: &mut Option<ImportedRecord>,
    entry_lines: &mut Vec<MdLine>,
    current: &mut Option<CategoryFile>,
    trailing_table: &[MdLine],
    annex: &mut Annex,
) -> Result<(), String> {
    flush_entry(open, entry_lines, current);
    if !trailing_table.is_empty() {
        relocate_coating_table(current.as_mut(), trailing_table)?;
    }
    if let Some(f) = current.take() {
        annex.files.push(f);
    }
    Ok(())
}

/// The file and the category record a `CATEGORY n` heading (at line index `i`) opens;
/// Category 5 opens as its Part 1.
fn category_start(l: &MdLine, i: usize) -> (CategoryFile, ImportedRecord) {
    let number = l.text[9..10].to_string();
    let name = if number == "5" {
        "cat5-part1.txt".to_string()
    } else {
        format!("cat{number}.txt")
    };
    let (key, heading) = if number == "5" {
        (
            "CATEGORY 5 PART 1".to_string(),
            format!("{} - Part 1 - TELECOMMUNICATIONS", l.text),
        )
    } else {
        (format!("CATEGORY {number}"), l.text.clone())
    };
    let record = ImportedRecord {
        key,
        heading: heading.replace('–', "-"),
        body: Body::default(),
        line: i + 1,
    };
    ((name, Vec::new()), record)
}

/// `GENERAL TECHNOLOGY NOTE (GTN)` -> `GENERAL TECHNOLOGY NOTE`, the keys the project uses.
fn part_i_key(heading: &str) -> String {
    let h = heading.replace('“', "\"").replace('”', "\"");
    let h = match h.find(" (") {
        Some(i) => &h[..i],
        None => h.as_str(),
    };
    match h {
        "GENERAL NOTES TO ANNEX I" => "GENERAL NOTES".into(),
        "ACRONYMS AND ABBREVIATIONS USED IN THIS ANNEX" => "ACRONYMS AND ABBREVIATIONS".into(),
        other => other.to_uppercase(),
    }
}

/// Category 5 Part 2's Notes 1 to 3 follow 5E101 in the rendering: move them, from the first
/// `Note 1` at the margin on, into a `CATEGORY 5 PART 2` header record of their own.
fn split_part_2(
    current: &mut Option<(String, Vec<ImportedRecord>)>,
    annex: &mut Annex,
) -> Result<(), String> {
    let Some((name, mut recs)) = current.take() else {
        return Err("5A002 before any category heading".into());
    };
    let last = recs
        .last_mut()
        .ok_or("5A002 is the first entry of Category 5")?;
    let at = last
        .body
        .lines
        .iter()
        .position(|l| l.starts_with("Note 1:"))
        .ok_or_else(|| {
            format!(
                "the notes of Category 5 Part 2 were not found after {}",
                last.key
            )
        })?;
    let notes: Vec<String> = last.body.lines.split_off(at);
    annex.files.push((name, recs));
    *current = Some((
        "cat5-part2.txt".into(),
        vec![ImportedRecord {
            key: "CATEGORY 5 PART 2".into(),
            heading: "CATEGORY 5 - TELECOMMUNICATIONS AND \"INFORMATION SECURITY\" - Part 2 - \"INFORMATION SECURITY\"".into(),
            body: Body { lines: notes, anomalies: Vec::new() },
            line: 0,
        }],
    ));
    Ok(())
}

/// The coating table of 2E003.f and its Technical Notes stand after the last entry of
/// Category 2 in the rendering (2E003.f says "The table and Technical Note appear after
/// entry 2E301"). They are kept with 2E003.f, as a `Table:` block, so that they do not read
/// as part of the entry that happens to precede them.
fn relocate_coating_table(
    file: Option<&mut (String, Vec<ImportedRecord>)>,
    table: &[MdLine],
) -> Result<(), String> {
    let line = table[0].number;
    let (_, recs) = file.ok_or(format!("line {line}: a table outside any category"))?;
    let target = recs
        .iter_mut()
        .find(|r| r.key == "2E003")
        .ok_or(format!("line {line}: a table after the last entry of a category other than Category 2; only the coating table of 2E003.f is known to stand there"))?;
    let lines = &mut target.body.lines;
    let f = lines
        .iter()
        .rposition(|l| l.starts_with("f. "))
        .ok_or("2E003 has no item f. for the coating table")?;
    // After f. and its own notes, before the next item.
    let next = (f + 1..lines.len())
        .find(|&i| !lines[i].starts_with(' '))
        .unwrap_or(lines.len());
    let text = body::free_text(table);
    let mut block = vec!["  Table:".to_string()];
    block.extend(text.lines.into_iter().map(|l| format!("    {l}")));
    lines.splice(next..next, block);
    target.body.anomalies.extend(text.anomalies);
    Ok(())
}
