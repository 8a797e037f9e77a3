//! data/ files -> validated `Dataset`. Pure: the caller reads the files (build.rs, the
//! validate-data tool, tests) and hands over their paths and text.

use std::collections::{BTreeMap, BTreeSet};

use crate::annex::{parse_body, quoted_terms, ParsedItem};
use crate::codes::{is_code, is_entry_code, top_level};
use crate::model::*;
// Lookups on the compiled data, defined with it in model.rs (the answer side uses them
// too); named here as well for the tools and tests that use these paths.
pub use crate::model::{listed, nearest_existing};
use crate::records::{
    list, parse_records, yes_no, BodyLine, DataError, Errors, Record, RecordFile,
};

pub const REGULATION: &str = "Regulation (EU) 2021/821";
pub const ANNEX_VERSION: &str =
    "Annex I as replaced by Commission Delegated Regulation (EU) 2025/2003";
pub const CONSOLIDATED_AS_OF: &str = "2025-11-15";
pub const SOURCE: &str =
    "Consolidated text of Regulation (EU) 2021/821 (EUR-Lex, consolidation of 21 September 2026), Annex I as replaced by Delegated Regulation (EU) 2025/2003 (15 November 2025)";

/// What came out of compiling: the dataset, or every error found; warnings either way.
pub struct Compiled {
    pub dataset: Option<Dataset>,
    pub errors: Vec<DataError>,
    pub warnings: Vec<DataError>,
}

/// The files every build needs, relative to data/.
pub const REQUIRED_FILES: &[&str] = &[
    "annex-i/part-i.txt",
    "annex-i/cat0.txt",
    "annex-i/cat1.txt",
    "annex-i/cat2.txt",
    "annex-i/cat3.txt",
    "annex-i/cat4.txt",
    "annex-i/cat5-part1.txt",
    "annex-i/cat5-part2.txt",
    "annex-i/cat6.txt",
    "annex-i/cat7.txt",
    "annex-i/cat8.txt",
    "annex-i/cat9.txt",
    "definitions.txt",
    "vocabulary.txt",
    "countries.txt",
    "annex-iv.txt",
    "annex-ii-section-i.txt",
    "ugea.txt",
    "sanctions.txt",
    "embargoes.txt",
    "authorities.txt",
    "questions.txt",
    "screening-rules.txt",
    "not-listed.txt",
    "handbook.txt",
];

fn text_lines(body: &[BodyLine]) -> Vec<TextLine> {
    let base = body
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .map(|l| l.text.len() - l.text.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| {
            let indent = (l.text.len() - l.text.trim_start().len()).saturating_sub(base) / 2;
            TextLine {
                indent: indent.min(255) as u8,
                text: l.text.trim().to_string(),
            }
        })
        .collect()
}

struct Ctx {
    errors: Errors,
    warnings: Errors,
    ds: Dataset,
}

impl Ctx {
    fn file_id(&mut self, f: &RecordFile, required_provenance: bool) -> u16 {
        let source = f.header("source").unwrap_or_default().to_string();
        let as_of = f.header("as-of").unwrap_or_default().to_string();
        if required_provenance {
            if source.is_empty() {
                self.errors.push(
                    &f.path,
                    1,
                    "missing `@source:` header (provenance is required)",
                );
            }
            if !is_date(&as_of) {
                self.errors.push(
                    &f.path,
                    1,
                    "missing or malformed `@as-of: YYYY-MM-DD` header",
                );
            }
        }
        self.ds.files.push(SourceFile {
            path: f.path.clone(),
            source,
            as_of,
            verified_by: f.header("verified-by").unwrap_or_default().to_string(),
        });
        (self.ds.files.len() - 1) as u16
    }

    fn verified(&mut self, path: &str, r: &Record) -> (bool, Option<String>) {
        let v = match r.get("verified") {
            Some(m) => yes_no(m, path, &mut self.errors),
            None => {
                self.errors.push(
                    path,
                    r.line,
                    format!("record `{}` has no `verified:` line", r.key),
                );
                false
            }
        };
        // A verified record's note only says what it was compared with, which its file's
        // provenance says for all of them: the blob keeps the notes that say what is in doubt.
        (v, r.value("verified-note").filter(|_| !v).map(String::from))
    }

    fn required<'r>(&mut self, path: &str, r: &'r Record, key: &str) -> &'r str {
        match r.value(key) {
            Some(v) if !v.is_empty() => v,
            _ => {
                self.errors
                    .push(path, r.line, format!("record `{}` needs `{key}:`", r.key));
                ""
            }
        }
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Compile the data files. `files` holds (path relative to data/, text).
pub fn compile(files: &[(String, String)]) -> Compiled {
    let mut cx = Ctx {
        errors: Errors::default(),
        warnings: Errors::default(),
        ds: empty_dataset(),
    };
    for name in REQUIRED_FILES {
        if find_file(files, name).is_none() {
            cx.errors.push(name, 0, "required data file is missing");
        }
    }
    // Definitions first: entries resolve their terms against them.
    if let Some((p, t)) = find_file(files, "definitions.txt") {
        let f = parse_records(p, t, &mut cx.errors);
        let fid = cx.file_id(&f, true);
        for r in &f.records {
            compile_definition(&mut cx, &f.path, fid, r);
        }
    }
    compile_notes(&mut cx, files);
    compile_annex_files(&mut cx, files);
    index_codes(&mut cx.ds);
    resolve_entry_references(&mut cx);
    compile_other_files(&mut cx, files);
    count_entries(&mut cx.ds);

    let errors = cx.errors.0;
    Compiled {
        dataset: errors.is_empty().then_some(cx.ds),
        errors,
        warnings: cx.warnings.0,
    }
}

/// The dataset before any file is read: the regulation's identity, every list empty.
fn empty_dataset() -> Dataset {
    Dataset {
        format_version: FORMAT_VERSION,
        info: DatasetInfo {
            regulation: REGULATION.into(),
            annex_version: ANNEX_VERSION.into(),
            consolidated_as_of: CONSOLIDATED_AS_OF.into(),
            source: SOURCE.into(),
            entry_count: 0,
            full_text_count: 0,
            unverified_count: 0,
            definition_count: 0,
        },
        files: Vec::new(),
        entries: Vec::new(),
        nodes: Vec::new(),
        by_code: Vec::new(),
        definitions: Vec::new(),
        general_notes: Vec::new(),
        vocabulary: Vec::new(),
        not_listed: Vec::new(),
        handbook: Vec::new(),
        countries: Vec::new(),
        annex_iv: Vec::new(),
        section_i: Vec::new(),
        ugeas: Vec::new(),
        sanctions: Vec::new(),
        embargoes: Vec::new(),
        authorities: Vec::new(),
        questions: Vec::new(),
        rules: Vec::new(),
        checklist_overrides: Vec::new(),
        checklist_leads: Default::default(),
        search_index: Default::default(),
    }
}

/// The (path, text) of the data file `name`, if it was given.
fn find_file<'a>(files: &'a [(String, String)], name: &str) -> Option<(&'a str, &'a str)> {
    files
        .iter()
        .find(|(p, _)| p == name)
        .map(|(p, t)| (p.as_str(), t.as_str()))
}

/// The General Notes of Annex I (annex-i/part-i.txt) and the handbook's notes (handbook.txt,
/// with their translations).
fn compile_notes(cx: &mut Ctx, files: &[(String, String)]) {
    for (name, is_handbook) in [("annex-i/part-i.txt", false), ("handbook.txt", true)] {
        let Some((p, t)) = find_file(files, name) else {
            continue;
        };
        let f = parse_records(p, t, &mut cx.errors);
        let fid = cx.file_id(&f, true);
        for r in &f.records {
            let (verified, verified_note) = cx.verified(p, r);
            let heading = cx.required(p, r, "heading").to_string();
            let lines = r.body.as_deref().map(text_lines).unwrap_or_default();
            let translations = if is_handbook {
                handbook_translations(&mut cx.errors, p, r, &lines)
            } else {
                Vec::new()
            };
            let note = GeneralNote {
                key: r.key.clone(),
                heading,
                lines,
                verified,
                verified_note,
                file: fid,
                translations,
            };
            if is_handbook {
                cx.ds.handbook.push(note);
            } else {
                cx.ds.general_notes.push(note);
            }
        }
    }
}

/// The entries of Annex I, one file per category (annex-i/cat*.txt), in the order of the
/// Official Journal.
fn compile_annex_files(cx: &mut Ctx, files: &[(String, String)]) {
    let mut annex_files: Vec<&(String, String)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("annex-i/cat"))
        .collect();
    annex_files.sort_by_key(|(p, _)| annex_order(p));
    for (p, t) in annex_files {
        let f = parse_records(p, t, &mut cx.errors);
        let fid = cx.file_id(&f, true);
        let category = p
            .trim_start_matches("annex-i/cat")
            .chars()
            .next()
            .unwrap_or('?');
        for r in &f.records {
            compile_entry(cx, p, fid, category, r);
        }
    }
}

/// The files read after the entries, which may name them: the search vocabulary, what is
/// not listed, countries, Annex IV and Section I, the destinations' files, the questions,
/// the screening rules and the checklist's files.
fn compile_other_files(cx: &mut Ctx, files: &[(String, String)]) {
    let get = |name: &str| find_file(files, name);
    if let Some((p, t)) = get("vocabulary.txt") {
        compile_vocabulary(cx, p, t);
    }
    if let Some((p, t)) = get("not-listed.txt") {
        compile_not_listed(cx, p, t);
    }
    if let Some((p, t)) = get("countries.txt") {
        compile_countries(cx, p, t);
    }
    for (name, is_annex_iv) in [("annex-iv.txt", true), ("annex-ii-section-i.txt", false)] {
        if let Some((p, t)) = get(name) {
            let listed = compile_code_list(cx, p, t);
            if is_annex_iv {
                cx.ds.annex_iv = listed;
            } else {
                cx.ds.section_i = listed;
            }
        }
    }
    if let Some((p, t)) = get("ugea.txt") {
        crate::destinations::compile_ugeas(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("sanctions.txt") {
        crate::destinations::compile_sanctions(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("embargoes.txt") {
        crate::destinations::compile_embargoes(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("authorities.txt") {
        crate::destinations::compile_authorities(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("questions.txt") {
        super::question_files::compile_questions(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("screening-rules.txt") {
        super::question_files::compile_rules(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("checklist-overrides.txt") {
        super::checklist_files::compile_overrides(&mut cx.errors, &mut cx.ds, p, t);
    }
    if let Some((p, t)) = get("checklist-questions.txt") {
        super::checklist_files::compile_questions(&mut cx.errors, &mut cx.ds, p, t);
    }
}

/// The counts the dataset's info shows: entries (categories aside), those with their full
/// text, those not verified, definitions.
fn count_entries(ds: &mut Dataset) {
    let real: Vec<&Entry> = ds.entries.iter().filter(|e| !e.is_category).collect();
    ds.info.entry_count = real.len() as u32;
    ds.info.full_text_count = real.iter().filter(|e| e.full_text).count() as u32;
    ds.info.unverified_count = real.iter().filter(|e| !e.verified).count() as u32;
    ds.info.definition_count = ds.definitions.len() as u32;
}

/// OJ order: 0 ... 4, 5 Part 1, 5 Part 2, 6 ... 9.
fn annex_order(path: &str) -> (u8, u8) {
    let name = path.trim_start_matches("annex-i/cat");
    let cat = name
        .as_bytes()
        .first()
        .map(|c| c.wrapping_sub(b'0'))
        .unwrap_or(99);
    (cat, u8::from(name.contains("part2")))
}

fn compile_definition(cx: &mut Ctx, path: &str, fid: u16, r: &Record) {
    let quoted = (r.key.starts_with('"') && r.key.ends_with('"'))
        || (r.key.starts_with('\'') && r.key.ends_with('\''));
    if !quoted || r.key.len() < 3 {
        cx.errors.push(path, r.line, format!("a definition key is the term in its quotes, like `== \"intrusion software\"`; found `{}`", r.key));
        return;
    }
    let (verified, verified_note) = cx.verified(path, r);
    let scope = match r.value("scope") {
        None | Some("annex") | Some("") => None,
        Some(code) => Some(code.to_string()),
    };
    let Some(body) = r.body.as_deref().filter(|b| !b.is_empty()) else {
        cx.errors.push(
            path,
            r.line,
            format!(
                "definition {} has no text (add `---` and the definition)",
                r.key
            ),
        );
        return;
    };
    // Forms are quoted strings ("Operations, Administration or Maintenance" has a comma).
    let forms: Vec<String> = r.value("forms").map(quoted_terms).unwrap_or_default();
    cx.ds.definitions.push(Definition {
        term: r.key.clone(),
        forms: forms
            .into_iter()
            .map(|f| f.trim_matches(|c| c == '"' || c == '\'').to_lowercase())
            .collect(),
        scope,
        categories: r.value("categories").unwrap_or("").to_string(),
        lines: text_lines(body),
        verified,
        verified_note,
        file: fid,
        line: r.line,
    });
}

fn compile_entry(cx: &mut Ctx, path: &str, fid: u16, category: char, r: &Record) {
    let is_category = r.key.starts_with("CATEGORY ");
    if !is_category {
        if !is_entry_code(&r.key) {
            cx.errors.push(
                path,
                r.line,
                format!("`{}` is not an Annex I entry code like 5A002", r.key),
            );
            return;
        }
        if !r.key.starts_with(category) {
            cx.errors.push(
                path,
                r.line,
                format!("entry {} does not belong in this category's file", r.key),
            );
        }
    }
    let heading = cx.required(path, r, "heading").to_string();
    let (verified, verified_note) = cx.verified(path, r);
    let known = [
        "heading",
        "related",
        "aliases",
        "us-eccn",
        "verified",
        "verified-note",
    ];
    for m in &r.meta {
        if !known.contains(&m.key.as_str()) {
            cx.errors.push(
                path,
                m.line,
                format!("unknown metadata `{}` (known: {})", m.key, known.join(", ")),
            );
        }
    }
    let root_item = match &r.body {
        Some(body) => parse_body(path, body, &mut cx.errors, &mut cx.warnings),
        None => ParsedItem::default(),
    };
    let entry_idx = cx.ds.entries.len() as u32;
    let root = cx.ds.nodes.len() as u32;
    cx.ds.entries.push(Entry {
        code: r.key.clone(),
        heading: heading.clone(),
        is_category,
        root,
        regime: Regime::of_code(&r.key),
        related: r.value("related").map(|v| list(v, ',')).unwrap_or_default(),
        aliases: r.value("aliases").map(|v| list(v, ';')).unwrap_or_default(),
        us_eccn: r
            .value("us-eccn")
            .filter(|v| !v.is_empty())
            .map(String::from),
        verified,
        verified_note,
        full_text: r.body.as_ref().is_some_and(|b| !b.is_empty()),
        file: fid,
        line: r.line,
    });
    let root_parsed = ParsedItem {
        label: String::new(),
        text: heading,
        line: r.line,
        notes: root_item.notes,
        children: root_item.children,
    };
    push_node(cx, path, &root_parsed, &r.key, None, entry_idx, 0);
}

fn push_node(
    cx: &mut Ctx,
    path: &str,
    item: &ParsedItem,
    code: &str,
    parent: Option<u32>,
    entry: u32,
    depth: u8,
) -> u32 {
    let idx = cx.ds.nodes.len() as u32;
    let mut quoted = quoted_terms(&item.text);
    for n in &item.notes {
        for l in &n.lines {
            quoted.extend(quoted_terms(&l.text));
        }
    }
    let entry_code = cx.ds.entries[entry as usize].code.clone();
    let mut terms = BTreeSet::new();
    for q in quoted {
        match resolve_term(&cx.ds.definitions, &q, &entry_code) {
            Some(t) => {
                terms.insert(t);
            }
            // The annex itself quotes a few terms it never defines ("circuit elements" is
            // defined only in single quotes): worth a look, not a broken build.
            None if q.starts_with('"') => {
                cx.warnings.push(
                    path,
                    item.line,
                    format!("defined term {q} (in {code}) is not in definitions.txt (add a `forms` entry if it is a form of a defined term)"),
                );
            }
            None => {}
        }
    }
    cx.ds.nodes.push(Node {
        code: code.to_string(),
        label: if item.label.is_empty() {
            String::new()
        } else {
            format!("{}.", item.label)
        },
        text: item.text.clone(),
        notes: item.notes.clone(),
        parent,
        children: Vec::new(),
        entry,
        depth,
        terms: terms.into_iter().collect(),
    });
    for child in &item.children {
        let child_code = format!("{code}.{}", child.label);
        let c = push_node(
            cx,
            path,
            child,
            &child_code,
            Some(idx),
            entry,
            depth.saturating_add(1),
        );
        cx.ds.nodes[idx as usize].children.push(c);
    }
    idx
}

/// Find the definition of a quoted term: exact term or one of its forms, case-insensitive;
/// single-quoted terms only within their scope.
pub fn resolve_term(defs: &[Definition], quoted: &str, entry_code: &str) -> Option<u32> {
    let double = quoted.starts_with('"');
    let bare = quoted
        .trim_matches(|c| c == '"' || c == '\'')
        .to_lowercase();
    defs.iter()
        .position(|d| {
            let same_quote = d.term.starts_with('"') == double;
            let in_scope = d
                .scope
                .as_deref()
                .is_none_or(|s| top_level(s) == top_level(entry_code))
                || double;
            let term = d.bare().to_lowercase();
            same_quote
                && in_scope
                && (is_form_of(&bare, &term) || d.forms.iter().any(|f| is_form_of(&bare, f)))
        })
        .map(|i| i as u32)
}

/// `word` is `term` or its regular English plural.
fn is_form_of(word: &str, term: &str) -> bool {
    word == term
        || word.strip_suffix('s').is_some_and(|w| w == term)
        || word.strip_suffix("es").is_some_and(|w| w == term)
        || word
            .strip_suffix("ies")
            .is_some_and(|w| term.strip_suffix('y') == Some(w))
}

fn index_codes(ds: &mut Dataset) {
    let mut order: Vec<u32> = (0..ds.nodes.len() as u32).collect();
    order.sort_by(|a, b| ds.nodes[*a as usize].code.cmp(&ds.nodes[*b as usize].code));
    ds.by_code = order;
}

fn resolve_entry_references(cx: &mut Ctx) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for e in &cx.ds.entries {
        let path = cx.ds.files[e.file as usize].path.clone();
        if let Some(first) = seen.insert(e.code.clone(), e.line) {
            cx.errors.push(
                &path,
                e.line,
                format!("entry {} is defined twice (first at line {first})", e.code),
            );
        }
    }
    for i in 0..cx.ds.entries.len() {
        let e = &cx.ds.entries[i];
        let path = cx.ds.files[e.file as usize].path.clone();
        for r in &e.related {
            if !is_code(r) || cx.ds.node_index(top_level(r)).is_none() {
                cx.errors.push(
                    &path,
                    e.line,
                    format!(
                        "entry {} names related entry `{r}`, which does not exist",
                        e.code
                    ),
                );
            }
        }
    }
}

fn compile_vocabulary(cx: &mut Ctx, path: &str, text: &str) {
    for (line_no, line) in line_items(cx, path, text) {
        let (main, note) = match line.split_once('|') {
            Some((m, n)) => (m.trim(), n.trim()),
            None => (line, ""),
        };
        // `note | de: German | fr: French`: the translations of the note.
        let mut parts = note.split(" | ");
        let note = parts
            .next()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let mut note_translations: Vec<(String, String)> = Vec::new();
        for part in parts {
            match part.trim().split_once(':') {
                Some((lang @ ("de" | "fr"), text)) if !text.trim().is_empty() => {
                    if note_translations.iter().any(|(l, _)| l == lang) {
                        cx.errors.push(
                            path,
                            line_no,
                            format!("`{lang}:` given twice for the note"),
                        );
                    }
                    note_translations.push((lang.to_string(), text.trim().to_string()));
                }
                _ => cx.errors.push(
                    path,
                    line_no,
                    format!(
                        "expected `| de: note` or `| fr: note` after the note, got `{}`",
                        part.trim()
                    ),
                ),
            }
        }
        let (terms, targets, false_friend) = if let Some((t, c)) = main.split_once("!>") {
            (t, c, true)
        } else if let Some((t, c)) = main.split_once("=>") {
            (t, c, false)
        } else {
            cx.errors.push(
                path,
                line_no,
                "expected `terms => codes | note` or `terms !> codes | note`",
            );
            continue;
        };
        let terms = list(terms, ',');
        let mut resolved = Vec::new();
        for code in list(targets, ',') {
            match nearest_existing(&cx.ds, &code) {
                // A sub-item of a heading-only entry maps to the entry until its text is in.
                Some(found) => resolved.push(found),
                None => cx.errors.push(
                    path,
                    line_no,
                    format!("`{code}` is not an Annex I code in the data"),
                ),
            }
        }
        if terms.is_empty() || resolved.is_empty() {
            cx.errors.push(
                path,
                line_no,
                "a vocabulary line needs at least one term and one code",
            );
            continue;
        }
        if note.is_none() && !note_translations.is_empty() {
            cx.errors
                .push(path, line_no, "translations of a note that is not there");
        }
        if false_friend && note.is_some() {
            for lang in ["de", "fr"] {
                if !note_translations.iter().any(|(l, _)| l == lang) {
                    cx.errors.push(
                        path,
                        line_no,
                        format!(
                            "a false friend's note needs its {} (`| {lang}: ...`): the search shows it as a caution in the user's language",
                            if lang == "de" { "German" } else { "French" }
                        ),
                    );
                }
            }
        }
        cx.ds.vocabulary.push(VocabularyTerm {
            terms: terms.iter().map(|t| t.to_lowercase()).collect(),
            targets: resolved,
            note,
            note_translations,
            false_friend,
            line: line_no,
        });
    }
}

/// A handbook topic's German and French: `heading-de:` / `heading-fr:` and `text-de:` /
/// `text-fr:` with the paragraphs of the English body in order, apart by ` ¶ `. Both
/// languages are required (the UI must never fall back to English), with as many paragraphs
/// as the English.
fn handbook_translations(
    errors: &mut crate::records::Errors,
    path: &str,
    r: &crate::records::Record,
    lines: &[TextLine],
) -> Vec<NoteTranslation> {
    let paragraphs = lines.iter().filter(|l| !l.text.is_empty()).count();
    for m in &r.meta {
        if let Some((field, lang)) = m.key.rsplit_once('-') {
            if (field == "heading" || field == "text") && lang != "de" && lang != "fr" {
                errors.push(
                    path,
                    m.line,
                    format!(
                        "unknown language `{lang}` in `{}` (expected de or fr)",
                        m.key
                    ),
                );
            }
        }
    }
    let mut out = Vec::new();
    for lang in ["de", "fr"] {
        let heading = r.get(&format!("heading-{lang}"));
        let texts: Vec<String> = r
            .get(&format!("text-{lang}"))
            .map(|m| m.value.split('¶').map(|p| p.trim().to_string()).collect())
            .unwrap_or_default();
        let Some(heading) = heading.filter(|h| !h.value.trim().is_empty()) else {
            errors.push(
                path,
                r.line,
                format!("handbook topic `{}` has no `heading-{lang}`", r.key),
            );
            continue;
        };
        if texts.len() != paragraphs || texts.iter().any(|t| t.is_empty()) {
            errors.push(
                path,
                heading.line,
                format!(
                    "handbook topic `{}`: `text-{lang}` has {} paragraphs (apart by ¶) for {paragraphs} of English, or an empty one",
                    r.key,
                    texts.len()
                ),
            );
            continue;
        }
        out.push(NoteTranslation {
            lang: lang.into(),
            heading: heading.value.trim().into(),
            paragraphs: texts,
        });
    }
    out
}

/// `terms ~> guidance`, each followed by `de: terms ~> guidance` and `fr: terms ~> guidance`:
/// the translated guidance, and terms in that language that also call it up (may be empty).
fn compile_not_listed(cx: &mut Ctx, path: &str, text: &str) {
    let missing_check = |cx: &mut Ctx, n: Option<&NotListed>, line: u32| {
        if let Some(n) = n {
            for lang in ["de", "fr"] {
                if !n.translations.iter().any(|(l, _)| l == lang) {
                    cx.errors.push(
                        path,
                        line,
                        format!("guidance for `{}` has no `{lang}:` line", n.terms[0]),
                    );
                }
            }
        }
    };
    let mut started: Option<u32> = None;
    for (line_no, line) in line_items(cx, path, text) {
        let (lang, rest) = match line.split_once(':') {
            Some((l, rest)) if l.len() == 2 && l.chars().all(|c| c.is_ascii_lowercase()) => {
                (Some(l), rest)
            }
            _ => (None, line),
        };
        let Some((terms, guidance)) = rest.split_once("~>").filter(|(_, g)| !g.trim().is_empty())
        else {
            cx.errors.push(
                path,
                line_no,
                "expected `terms ~> guidance` or `de: terms ~> guidance`",
            );
            continue;
        };
        let terms: Vec<String> = list(terms, ',').iter().map(|t| t.to_lowercase()).collect();
        match lang {
            None if terms.is_empty() => cx.errors.push(path, line_no, "guidance without terms"),
            None => {
                if let Some(at) = started {
                    missing_check(cx, cx.ds.not_listed.last().cloned().as_ref(), at);
                }
                started = Some(line_no);
                cx.ds.not_listed.push(NotListed {
                    terms,
                    guidance: guidance.trim().into(),
                    translations: Vec::new(),
                });
            }
            Some(l) if l != "de" && l != "fr" => cx.errors.push(
                path,
                line_no,
                format!("unknown language `{l}` (expected de or fr)"),
            ),
            Some(l) => match cx.ds.not_listed.last_mut().filter(|_| started.is_some()) {
                Some(n) if n.translations.iter().any(|(x, _)| x == l) => {
                    cx.errors
                        .push(path, line_no, format!("a second `{l}:` line"))
                }
                Some(n) => {
                    n.terms.extend(terms);
                    n.translations.push((l.to_string(), guidance.trim().into()));
                }
                None => cx.errors.push(
                    path,
                    line_no,
                    format!("`{l}:` before any guidance it could translate"),
                ),
            },
        }
    }
    if let Some(at) = started {
        missing_check(cx, cx.ds.not_listed.last().cloned().as_ref(), at);
    }
}

/// The item lines of a line-format file (vocabulary, countries, lists) with their numbers;
/// comments and blank lines dropped. Its `@key: value` header becomes the file's provenance,
/// and a missing `@source:` or `@as-of:` is an error, as for record files.
fn line_items<'t>(cx: &mut Ctx, path: &str, text: &'t str) -> Vec<(u32, &'t str)> {
    let mut header = Vec::new();
    let mut items = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_prefix('@') {
            Some(h) => header.push(h.to_string()),
            None => items.push((i as u32 + 1, line)),
        }
    }
    if header_value(&header, "source:").is_empty() || header_value(&header, "as-of:").is_empty() {
        cx.errors.push(
            path,
            1,
            "missing `@source:` / `@as-of:` header (provenance is required)",
        );
    }
    cx.ds.files.push(SourceFile {
        path: path.into(),
        source: header_value(&header, "source:"),
        as_of: header_value(&header, "as-of:"),
        verified_by: header_value(&header, "verified-by:"),
    });
    items
}

fn header_value(header: &[String], key: &str) -> String {
    header
        .iter()
        .find_map(|h| h.strip_prefix(key))
        .unwrap_or("")
        .trim()
        .to_string()
}

fn compile_countries(cx: &mut Ctx, path: &str, text: &str) {
    for (line_no, line) in line_items(cx, path, text) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        if cols.len() != 5 || cols[0].len() != 2 || !cols[0].bytes().all(|b| b.is_ascii_uppercase())
        {
            cx.errors.push(
                path,
                line_no,
                "expected `CODE | English | German | French | groups`",
            );
            continue;
        }
        let groups: Vec<&str> = cols[4].split_whitespace().collect();
        for g in &groups {
            if !["eu", "eu001"].contains(g) {
                cx.errors.push(
                    path,
                    line_no,
                    format!("unknown group `{g}` (known: eu, eu001)"),
                );
            }
        }
        if cx.ds.countries.iter().any(|c| c.code == cols[0]) {
            cx.errors
                .push(path, line_no, format!("country {} listed twice", cols[0]));
        }
        cx.ds.countries.push(Country {
            code: cols[0].into(),
            name_en: cols[1].into(),
            name_de: cols[2].into(),
            name_fr: cols[3].into(),
            eu: groups.contains(&"eu"),
            eu001: groups.contains(&"eu001"),
        });
    }
    let eu = cx.ds.countries.iter().filter(|c| c.eu).count();
    if eu != 27 {
        cx.errors.push(
            path,
            1,
            format!("{eu} countries are marked `eu`; the Union has 27 Member States"),
        );
    }
}

fn compile_code_list(cx: &mut Ctx, path: &str, text: &str) -> Vec<ListedCode> {
    let mut out = Vec::new();
    for (line_no, line) in line_items(cx, path, text) {
        let (code, qualifier) = line
            .split_once('|')
            .map(|(c, q)| (c.trim(), q.trim()))
            .unwrap_or((line, ""));
        if !is_code(code) || cx.ds.node_index(top_level(code)).is_none() {
            cx.errors.push(
                path,
                line_no,
                format!("`{code}` is not an Annex I code in the data"),
            );
            continue;
        }
        out.push(ListedCode {
            code: code.into(),
            qualifier: qualifier.into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_recognised() {
        assert!(is_code("5A002.a.1"));
        assert!(is_code("1C351.d.4"));
        assert!(!is_code("5A002."));
        assert!(!is_code("5Z002"));
        assert!(!is_code("5A002.A"));
    }
}

/// Read every `.txt` file below `dir` as (path relative to `dir`, text). Only for tools on
/// the host (build.rs, validate-data); the core itself does no I/O beyond this helper.
pub fn read_data_dir(dir: &std::path::Path) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path)?));
            }
        }
    }
    out.sort();
    Ok(out)
}
