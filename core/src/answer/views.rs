//! Serialisable views of the core's answers, in the shapes of the JS API contract
//! (camelCase). The wasm API serialises these as they are; native tests check them too.

use serde::Serialize;

use crate::assess::{Assessment, INDICATIVE};
use crate::codes::{normalize_code, top_level};
use crate::model::listed;
use crate::model::{Dataset, Note, NoteKind, TextLine};
use crate::search::SearchHit;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetInfoView {
    pub regulation: String,
    pub annex_version: String,
    pub consolidated_as_of: String,
    pub entry_count: u32,
    pub source: String,
    pub full_text_count: u32,
    pub unverified_count: u32,
    pub definition_count: u32,
}

pub fn dataset_info(ds: &Dataset) -> DatasetInfoView {
    let i = &ds.info;
    DatasetInfoView {
        regulation: i.regulation.clone(),
        annex_version: i.annex_version.clone(),
        consolidated_as_of: i.consolidated_as_of.clone(),
        entry_count: i.entry_count,
        source: i.source.clone(),
        full_text_count: i.full_text_count,
        unverified_count: i.unverified_count,
        definition_count: i.definition_count,
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHitView {
    pub code: String,
    pub heading: String,
    pub score: f32,
    pub snippet: String,
    pub entry_heading: String,
    /// For an item: `{ code, text }` of its parent.
    pub context: Option<PathStep>,
    /// [start, end) in UTF-16 code units of `snippet`, for JS.
    pub highlights: Vec<[u32; 2]>,
    pub why: Vec<String>,
    pub verified: bool,
    pub caution: Option<String>,
}

fn utf16_offset(s: &str, byte: usize) -> u32 {
    s[..byte.min(s.len())].encode_utf16().count() as u32
}

pub fn search_hit(hit: &SearchHit) -> SearchHitView {
    SearchHitView {
        code: hit.code.clone(),
        heading: hit.heading.clone(),
        score: hit.score,
        highlights: hit
            .highlights
            .iter()
            .map(|(s, e)| {
                [
                    utf16_offset(&hit.snippet, *s),
                    utf16_offset(&hit.snippet, *e),
                ]
            })
            .collect(),
        snippet: hit.snippet.clone(),
        entry_heading: hit.entry_heading.clone(),
        context: hit.context.as_ref().map(|(code, text)| PathStep {
            code: code.clone(),
            text: text.clone(),
        }),
        why: hit.why.clone(),
        verified: hit.verified,
        caution: hit.caution.clone(),
    }
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub kind: &'static str,
    pub label: String,
    pub text: Vec<String>,
    /// The note says the entry (or part of it) is not controlled: a decontrol note.
    pub releases: bool,
}

fn note_view(n: &Note) -> NoteView {
    let text = lines_text(&n.lines);
    let joined = text.join(" ").to_lowercase();
    NoteView {
        kind: match n.kind {
            NoteKind::Note => "note",
            NoteKind::TechnicalNote => "technicalNote",
            NoteKind::NotaBene => "nb",
            NoteKind::Table => "table",
            NoteKind::Unlabelled => "unlabelled",
        },
        label: n.label.clone(),
        releases: n.kind == NoteKind::Note
            && (joined.contains("does not control")
                || joined.contains("do not control")
                || joined.contains("not controlled")
                || joined.contains("does not apply")),
        text,
    }
}

/// Lines with list indentation rendered as leading spaces (two per level).
pub fn lines_text(lines: &[TextLine]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("{}{}", "  ".repeat(l.indent as usize), l.text))
        .collect()
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    pub code: String,
    pub label: String,
    pub text: String,
    pub notes: Vec<NoteView>,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PathStep {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DefinitionView {
    pub term: String,
    pub text: Vec<String>,
    pub verified: bool,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    pub document: String,
    /// Where the record lives in data/, for maintainers (never shown to users).
    pub file: String,
    pub line: u32,
    pub as_of: String,
    /// How the file was checked, for maintainers (never shown to users).
    pub verified_by: String,
    /// The official text: the ELI the source document names, else the Regulation's.
    pub official_url: String,
}

/// A source document's name as a reader sees it: without the parentheses that hold web
/// addresses ("(EUR-Lex, ELI http://...)"), which the UI gives as a link instead.
pub fn document_title(document: &str) -> String {
    let mut out = String::new();
    let mut rest = document;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = &rest[open..=close];
        if inner.contains("http") {
            out.truncate(out.trim_end().len());
        } else {
            out.push_str(inner);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The Regulation's ELI, which resolves to its text on EUR-Lex.
pub const REGULATION_ELI: &str = "http://data.europa.eu/eli/reg/2021/821/oj";

/// The official text a source document names: its `ELI http...` (or EUR-Lex) address, else
/// the Regulation's ELI. Only addresses of the EU's publication services are taken.
pub fn official_url(document: &str) -> String {
    document
        .split(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == ';')
        .find(|w| {
            w.starts_with("http://data.europa.eu/eli/")
                || w.starts_with("https://data.europa.eu/eli/")
                || w.starts_with("https://eur-lex.europa.eu/")
        })
        .unwrap_or(REGULATION_ELI)
        .to_string()
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EntryView {
    pub code: String,
    pub heading: String,
    /// The node's own text (the heading for a top-level entry).
    pub text: String,
    pub label: String,
    pub items: Vec<ItemView>,
    pub notes: Vec<NoteView>,
    pub regime: &'static str,
    #[serde(rename = "annexIV")]
    pub annex_iv: bool,
    /// Codes below this one that are in Annex IV (when only part of it is).
    #[serde(rename = "annexIVParts")]
    pub annex_iv_parts: Vec<String>,
    pub section_i: bool,
    pub section_i_parts: Vec<String>,
    pub related: Vec<String>,
    pub verified: bool,
    pub verified_note: Option<String>,
    pub full_text: bool,
    pub us_eccn: Option<String>,
    pub aliases: Vec<String>,
    pub source: SourceView,
    /// From the category down to this node.
    pub path: Vec<PathStep>,
    pub definitions: Vec<DefinitionView>,
    /// Notes above this node (on its ancestors) and general notes that may release it.
    pub decontrol_notes: Vec<String>,
    pub dataset_version: String,
}

fn item_view(ds: &Dataset, idx: u32) -> ItemView {
    let n = &ds.nodes[idx as usize];
    ItemView {
        code: n.code.clone(),
        label: n.label.clone(),
        text: n.text.clone(),
        notes: n.notes.iter().map(note_view).collect(),
        items: n.children.iter().map(|&c| item_view(ds, c)).collect(),
    }
}

fn parts(list: &[crate::model::ListedCode], code: &str) -> Vec<String> {
    list.iter()
        .filter(|l| crate::codes::is_within(&l.code, code) && l.code != code)
        .map(|l| l.code.clone())
        .collect()
}

/// A defined term of `Dataset::definitions` as the entry reader and the checklist show it.
pub fn definition_view(ds: &Dataset, term: u32) -> DefinitionView {
    let d = &ds.definitions[term as usize];
    DefinitionView {
        term: d.term.clone(),
        text: lines_text(&d.lines),
        verified: d.verified,
    }
}

/// The entry view of any code (top-level or item), in any usual spelling.
pub fn entry(ds: &Dataset, raw: &str) -> Option<EntryView> {
    let code = normalize_code(raw)?;
    let idx = ds.node_index(&code)?;
    let node = &ds.nodes[idx as usize];
    let e = ds.entry_of(node);
    let file = &ds.files[e.file as usize];
    let path_idx = ds.path(idx);
    let mut path: Vec<PathStep> = Vec::new();
    if let Some(cat) = category_of(ds, &e.code) {
        path.push(PathStep {
            code: cat.0,
            text: cat.1,
        });
    }
    path.extend(path_idx.iter().map(|&i| PathStep {
        code: ds.nodes[i as usize].code.clone(),
        text: ds.nodes[i as usize].text.clone(),
    }));
    // Terms used anywhere in this node or below it.
    let mut term_ids: Vec<u32> = Vec::new();
    let mut stack = vec![idx];
    while let Some(i) = stack.pop() {
        let n = &ds.nodes[i as usize];
        for t in &n.terms {
            if !term_ids.contains(t) {
                term_ids.push(*t);
            }
        }
        stack.extend(&n.children);
    }
    let definitions = term_ids.iter().map(|&t| definition_view(ds, t)).collect();
    let mut decontrol_notes = Vec::new();
    for &a in &path_idx[..path_idx.len() - 1] {
        for note in ds.nodes[a as usize]
            .notes
            .iter()
            .map(note_view)
            .filter(|n| n.releases)
        {
            decontrol_notes.push(format!(
                "{} to {}: {}",
                note.label,
                ds.nodes[a as usize].code,
                note.text.join(" ")
            ));
        }
    }
    let top = top_level(&code);
    if ["5A002", "5D002"].contains(&top) {
        decontrol_notes.push("Cryptography Note (Note 3 to Category 5 Part 2): releases mass-market items sold from stock at retail whose cryptography the user cannot easily change.".into());
    }
    if code.as_bytes().get(1) == Some(&b'D') {
        decontrol_notes.push("General Software Note: software in the public domain, and (outside Category 5 Part 2) mass-market retail software, is not controlled.".into());
    }
    if code.as_bytes().get(1) == Some(&b'E') {
        decontrol_notes.push("General Technology Note: technology in the public domain, basic scientific research and the minimum for patent applications are not controlled.".into());
    }
    Some(EntryView {
        code: node.code.clone(),
        heading: e.heading.clone(),
        text: node.text.clone(),
        label: node.label.clone(),
        items: node.children.iter().map(|&c| item_view(ds, c)).collect(),
        notes: node.notes.iter().map(note_view).collect(),
        regime: e.regime.name(),
        annex_iv: listed(&ds.annex_iv, &code) == Some(true),
        annex_iv_parts: parts(&ds.annex_iv, &code),
        section_i: listed(&ds.section_i, &code) == Some(true)
            || listed(&ds.annex_iv, &code) == Some(true),
        section_i_parts: parts(&ds.section_i, &code),
        related: e.related.clone(),
        verified: e.verified,
        verified_note: e.verified_note.clone(),
        full_text: e.full_text,
        us_eccn: e.us_eccn.clone(),
        aliases: e.aliases.clone(),
        source: SourceView {
            document: file.source.clone(),
            file: format!("data/{}", file.path),
            line: e.line,
            as_of: file.as_of.clone(),
            verified_by: file.verified_by.clone(),
            official_url: official_url(&file.source),
        },
        path,
        definitions,
        decontrol_notes,
        dataset_version: dataset_version(ds),
    })
}

fn category_of(ds: &Dataset, code: &str) -> Option<(String, String)> {
    let cat = code.chars().next()?;
    let key = if cat == '5' {
        let part2 = ["5A002", "5A003", "5A004", "5B002", "5D002", "5E002"].contains(&code);
        if part2 {
            "CATEGORY 5 PART 2".to_string()
        } else {
            "CATEGORY 5 PART 1".to_string()
        }
    } else {
        format!("CATEGORY {cat}")
    };
    ds.entries
        .iter()
        .find(|e| e.code == key)
        .map(|e| (e.code.clone(), e.heading.clone()))
}

pub fn dataset_version(ds: &Dataset) -> String {
    format!(
        "{}, {} (consolidated {})",
        ds.info.regulation, ds.info.annex_version, ds.info.consolidated_as_of
    )
}

/// The dataset's version as a message ("..., consolidated ..." in the user's language; the
/// acts cited stay as they stand).
pub fn dataset_version_msg(ds: &Dataset) -> crate::messages::Msg {
    crate::messages::Msg::new("dataset.version")
        .cite("regulation", &ds.info.regulation)
        .cite("annex", &ds.info.annex_version)
        .plain("date", &ds.info.consolidated_as_of)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroundView {
    pub rule: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessedEntryView {
    pub code: String,
    pub heading: String,
    #[serde(rename = "annexIV")]
    pub annex_iv: bool,
    pub section_i: bool,
    pub cyber_surveillance: bool,
    pub open: bool,
    pub verified: bool,
    /// With `itemAnswers` for this entry: the items met ("6A003.b.4.b").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_items: Option<Vec<String>>,
    /// With `itemAnswers`: the items still possible, to find out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_items: Option<Vec<String>>,
    /// With `itemAnswers`: the releases answered "yes" ("Note 3 to 6A003.b.4").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub released_by: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorityView {
    pub member_state: String,
    pub name: String,
    pub web: String,
    pub verified: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentView {
    pub verdict: &'static str,
    pub grounds: Vec<GroundView>,
    pub general_authorisations: Vec<String>,
    pub entries: Vec<AssessedEntryView>,
    pub due_diligence: Vec<String>,
    pub authority: Option<AuthorityView>,
    pub checked: Vec<String>,
    pub dataset_version: String,
    pub indicative: &'static str,
}

pub fn assessment(a: &Assessment) -> AssessmentView {
    AssessmentView {
        verdict: a.verdict.as_str(),
        grounds: a
            .grounds
            .iter()
            .map(|g| GroundView {
                rule: g.rule.clone(),
                text: g.text.clone(),
            })
            .collect(),
        general_authorisations: a.general_authorisations.clone(),
        entries: a
            .entries
            .iter()
            .map(|e| AssessedEntryView {
                code: e.code.clone(),
                heading: e.heading.clone(),
                annex_iv: e.annex_iv,
                section_i: e.section_i,
                cyber_surveillance: e.cyber_surveillance,
                open: e.open,
                verified: e.verified,
                matched_items: e.items.as_ref().map(|i| i.matched.clone()),
                open_items: e.items.as_ref().map(|i| i.open.clone()),
                released_by: e.items.as_ref().map(|i| i.released_by.clone()),
            })
            .collect(),
        due_diligence: a.due_diligence.clone(),
        authority: a.authority.as_ref().map(|x| AuthorityView {
            member_state: x.member_state.clone(),
            name: x.name.clone(),
            web: x.web.clone(),
            verified: x.verified,
        }),
        checked: a.checked.clone(),
        dataset_version: a.dataset_version.clone(),
        indicative: INDICATIVE,
    }
}

#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct HandbookView {
    pub key: String,
    pub heading: String,
    pub text: Vec<String>,
}

/// The handbook in `lang` ("en", "de", "fr"; the data requires both translations, so
/// English shows only for a language we do not hold).
pub fn handbook_in(ds: &Dataset, lang: &str) -> Vec<HandbookView> {
    ds.handbook
        .iter()
        .map(|h| match h.translations.iter().find(|t| t.lang == lang) {
            Some(t) => HandbookView {
                key: h.key.clone(),
                heading: t.heading.clone(),
                text: t.paragraphs.clone(),
            },
            None => HandbookView {
                key: h.key.clone(),
                heading: h.heading.clone(),
                text: lines_text(&h.lines),
            },
        })
        .collect()
}

/// The plain-language handbook shown with every verdict.
pub fn handbook(ds: &Dataset) -> Vec<HandbookView> {
    ds.handbook
        .iter()
        .map(|h| HandbookView {
            key: h.key.clone(),
            heading: h.heading.clone(),
            text: lines_text(&h.lines),
        })
        .collect()
}

#[cfg(test)]
mod source_tests {
    use super::*;

    #[test]
    fn the_official_text_is_the_eli_the_source_names() {
        let doc = "Regulation (EU) 2021/821, consolidated text of 21 September 2026 (EUR-Lex, ELI http://data.europa.eu/eli/reg/2021/821/oj), Annex I as replaced by Commission Delegated Regulation (EU) 2025/2003 (consolidated 15 November 2025)";
        assert_eq!(
            official_url(doc),
            "http://data.europa.eu/eli/reg/2021/821/oj"
        );
        assert_eq!(
            document_title(doc),
            "Regulation (EU) 2021/821, consolidated text of 21 September 2026, Annex I as replaced by Commission Delegated Regulation (EU) 2025/2003 (consolidated 15 November 2025)"
        );
        // No address, or one that is not the EU's: the Regulation's ELI.
        assert_eq!(official_url("Curated by the maintainers"), REGULATION_ELI);
        assert_eq!(official_url("see https://example.com/x"), REGULATION_ELI);
    }
}
