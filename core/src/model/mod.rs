//! The compiled dataset: everything the screener knows, as plain data.
//!
//! Built once from data/ by `compile::compile` (at build time, in build.rs), serialised with
//! postcard, embedded in the binary and decoded on first use.

// The parts of the Dataset that the answer side reads and the build side writes: defined
// here, so both depend on the model and the model on neither.
pub mod checklist_data;
pub mod columns;
pub mod rules;
pub mod search_index;

use serde::{Deserialize, Serialize};

/// Bump when the layout of `Dataset` changes, so a stale blob is rejected, not misread.
pub const FORMAT_VERSION: u32 = 8;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Dataset {
    pub format_version: u32,
    pub info: DatasetInfo,
    pub files: Vec<SourceFile>,
    #[serde(with = "crate::model::columns::entries")]
    pub entries: Vec<Entry>,
    /// Every addressable node: entry roots and all their items, in document order.
    #[serde(with = "crate::model::columns")]
    pub nodes: Vec<Node>,
    /// Indices of `nodes`, sorted by code, for lookup by binary search (restored on load).
    #[serde(skip)]
    pub by_code: Vec<u32>,
    #[serde(with = "crate::model::columns::definitions")]
    pub definitions: Vec<Definition>,
    pub general_notes: Vec<GeneralNote>,
    pub vocabulary: Vec<VocabularyTerm>,
    /// The plain-language handbook shown with every verdict.
    pub handbook: Vec<GeneralNote>,
    /// Things users look for that Annex I does not list, with what applies instead.
    pub not_listed: Vec<NotListed>,
    pub countries: Vec<Country>,
    pub annex_iv: Vec<ListedCode>,
    pub section_i: Vec<ListedCode>,
    pub ugeas: Vec<Ugea>,
    pub sanctions: Vec<SanctionRule>,
    pub embargoes: Vec<Embargo>,
    pub authorities: Vec<Authority>,
    pub questions: Vec<rules::Question>,
    pub rules: Vec<rules::ScreeningRule>,
    /// Maintainers' corrections of a node's combine (data/checklist-overrides.txt); the rest
    /// of the checklist is derived from the text on demand (`checklist`).
    pub checklist_overrides: Vec<checklist_data::Override>,
    /// Plain-language questions for checklist nodes and releases (data/checklist-questions.txt).
    pub checklist_leads: checklist_data::Leads,
    /// The search index: derived from the rest, so it is not shipped in the blob (it would
    /// be about 40 % of it compressed) but built on first use; see `Dataset::index`.
    #[serde(skip)]
    pub search_index: std::sync::OnceLock<search_index::SearchIndex>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DatasetInfo {
    pub regulation: String,
    pub annex_version: String,
    pub consolidated_as_of: String,
    pub source: String,
    pub entry_count: u32,
    pub full_text_count: u32,
    pub unverified_count: u32,
    pub definition_count: u32,
}

impl Dataset {
    /// The node with exactly this code.
    pub fn node_index(&self, code: &str) -> Option<u32> {
        self.by_code
            .binary_search_by(|&i| self.nodes[i as usize].code.as_str().cmp(code))
            .ok()
            .map(|pos| self.by_code[pos])
    }

    pub fn node(&self, code: &str) -> Option<&Node> {
        self.node_index(code).map(|i| &self.nodes[i as usize])
    }

    pub fn entry_of(&self, node: &Node) -> &Entry {
        &self.entries[node.entry as usize]
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The codes from the node up to its entry: ["5A002", "5A002.a", "5A002.a.1"].
    pub fn path(&self, node_idx: u32) -> Vec<u32> {
        let mut out = vec![node_idx];
        let mut cur = node_idx;
        while let Some(p) = self.nodes[cur as usize].parent {
            out.push(p);
            cur = p;
        }
        out.reverse();
        out
    }

    pub fn general_note(&self, key: &str) -> Option<&GeneralNote> {
        self.general_notes.iter().find(|n| n.key == key)
    }

    /// Decode the embedded blob.
    pub fn from_bytes(bytes: &[u8]) -> Result<Dataset, String> {
        let mut ds: Dataset =
            postcard::from_bytes(bytes).map_err(|e| format!("dataset blob is unreadable: {e}"))?;
        if ds.format_version != FORMAT_VERSION {
            return Err(format!(
                "dataset format {} but this code reads {FORMAT_VERSION}",
                ds.format_version
            ));
        }
        ds.restore_codes()?;
        Ok(ds)
    }

    /// Node codes from their entry and labels (parents come before their children), and the
    /// lookup order by code.
    pub fn restore_codes(&mut self) -> Result<(), String> {
        for i in 0..self.nodes.len() {
            let n = &self.nodes[i];
            let code = match n.parent {
                None => {
                    let e = self
                        .entries
                        .get(n.entry as usize)
                        .filter(|e| e.root as usize == i)
                        .ok_or("dataset blob: a root node that is not its entry's root")?;
                    e.code.clone()
                }
                Some(p) if (p as usize) < i => format!(
                    "{}.{}",
                    self.nodes[p as usize].code,
                    n.label.trim_end_matches('.')
                ),
                Some(_) => return Err("dataset blob: a node before its parent".into()),
            };
            self.nodes[i].code = code;
        }
        let mut order: Vec<u32> = (0..self.nodes.len() as u32).collect();
        order.sort_by(|a, b| {
            self.nodes[*a as usize]
                .code
                .cmp(&self.nodes[*b as usize].code)
        });
        self.by_code = order;
        Ok(())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a dataset always serialises")
    }
}

/// Provenance of one data file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceFile {
    pub path: String,
    pub source: String,
    pub as_of: String,
    pub verified_by: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Regime {
    Wassenaar,
    NuclearSuppliersTriggerList,
    Mtcr,
    NuclearSuppliers,
    AustraliaGroup,
    ChemicalWeaponsConvention,
    EuOnly,
}

impl Regime {
    /// The regime follows from the code: category 0 is the NSG trigger list; elsewhere the
    /// first of the three digits (5A001 -> 0) names the origin.
    pub fn of_code(code: &str) -> Regime {
        let b = code.as_bytes();
        let category = b.first().copied().unwrap_or(b'0');
        let origin = b.get(2).copied().unwrap_or(b'0');
        match (category, origin) {
            (b'0', _) => Regime::NuclearSuppliersTriggerList,
            (_, b'1') => Regime::Mtcr,
            (_, b'2') => Regime::NuclearSuppliers,
            (_, b'3') => Regime::AustraliaGroup,
            (_, b'4') => Regime::ChemicalWeaponsConvention,
            (_, b'5') => Regime::EuOnly,
            _ => Regime::Wassenaar,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Regime::Wassenaar => "Wassenaar Arrangement",
            Regime::NuclearSuppliersTriggerList => "Nuclear Suppliers Group (trigger list)",
            Regime::Mtcr => "Missile Technology Control Regime",
            Regime::NuclearSuppliers => "Nuclear Suppliers Group (dual-use list)",
            Regime::AustraliaGroup => "Australia Group",
            Regime::ChemicalWeaponsConvention => "Chemical Weapons Convention",
            Regime::EuOnly => "EU-only control (Delegated Regulation (EU) 2025/2003)",
        }
    }
}

/// One top-level Annex I record: an entry such as 5A002, or a category header.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub code: String,
    pub heading: String,
    pub is_category: bool,
    pub root: u32,
    pub regime: Regime,
    pub related: Vec<String>,
    pub aliases: Vec<String>,
    pub us_eccn: Option<String>,
    pub verified: bool,
    pub verified_note: Option<String>,
    pub full_text: bool,
    pub file: u16,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Node {
    /// Full code: "5A002", "5A002.a", "5A002.a.1". Derived from the entry and the labels,
    /// so not shipped in the blob; `Dataset::from_bytes` restores it.
    #[serde(skip)]
    pub code: String,
    /// The OJ label: "a.", "1.", or "" for the entry itself.
    pub label: String,
    /// Item text; for the entry itself, its heading.
    pub text: String,
    pub notes: Vec<Note>,
    pub parent: Option<u32>,
    pub children: Vec<u32>,
    pub entry: u32,
    pub depth: u8,
    /// Defined terms ("double" and 'single' quoted) used in this node's text and notes.
    pub terms: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum NoteKind {
    Note,
    TechnicalNote,
    NotaBene,
    /// A table of the annex with its own notes, kept as rows `| a | b |` (2E003.f).
    Table,
    /// Italic text whose label ("Note", "Technical Note") the source rendering lost.
    Unlabelled,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    /// The marker as written: "Note 2", "Technical Note", "N.B.".
    pub label: String,
    pub lines: Vec<TextLine>,
}

/// A line of free text with its indentation relative to its block (0 = paragraph).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TextLine {
    pub indent: u8,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Definition {
    /// As written in the annex, with its quotes: "\"intrusion software\"".
    pub term: String,
    /// Other forms of the term used in the text ("lasers" for "laser").
    pub forms: Vec<String>,
    /// `None` for annex-wide terms, or the entry whose technical note defines it.
    pub scope: Option<String>,
    pub categories: String,
    pub lines: Vec<TextLine>,
    pub verified: bool,
    pub verified_note: Option<String>,
    pub file: u16,
    pub line: u32,
}

impl Definition {
    /// The bare term, without its quotes.
    pub fn bare(&self) -> &str {
        self.term.trim_matches(|c| c == '"' || c == '\'')
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GeneralNote {
    pub key: String,
    pub heading: String,
    pub lines: Vec<TextLine>,
    pub verified: bool,
    pub verified_note: Option<String>,
    pub file: u16,
    /// The handbook's German and French (`heading-de`, `text-de` ...); empty for the
    /// legal notes of Annex I, which stay English.
    pub translations: Vec<NoteTranslation>,
}

/// A handbook topic in another language: its heading and paragraphs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NoteTranslation {
    pub lang: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VocabularyTerm {
    pub terms: Vec<String>,
    pub targets: Vec<String>,
    pub note: Option<String>,
    /// (language, note) for German and French: required for a false friend's note, which
    /// the search shows as a caution in the user's language.
    pub note_translations: Vec<(String, String)>,
    pub false_friend: bool,
    pub line: u32,
}

impl VocabularyTerm {
    /// The note in `lang`, English when there is no translation.
    pub fn note_in(&self, lang: &str) -> Option<&str> {
        self.note_translations
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, n)| n.as_str())
            .or(self.note.as_deref())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NotListed {
    pub terms: Vec<String>,
    pub guidance: String,
    /// (language, guidance) for German and French.
    pub translations: Vec<(String, String)>,
}

impl NotListed {
    /// The guidance in `lang`, English when there is none.
    pub fn guidance_in(&self, lang: &str) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, g)| g.as_str())
            .unwrap_or(&self.guidance)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Country {
    pub code: String,
    pub name_en: String,
    pub name_de: String,
    pub name_fr: String,
    pub eu: bool,
    pub eu001: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ListedCode {
    pub code: String,
    pub qualifier: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum Circumstance {
    Any,
    RepairReplacement,
    Exhibition,
    IntraGroup,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Ugea {
    pub code: String,
    pub heading: String,
    pub annex_part: String,
    /// Codes covered at any level; empty with `all_items`.
    pub items: Vec<String>,
    pub all_items: bool,
    pub excluded_items: Vec<String>,
    pub excludes_section_i: bool,
    /// Destinations covered; with `all_destinations`, every country but `excluded_destinations`.
    pub destinations: Vec<String>,
    pub all_destinations: bool,
    pub excluded_destinations: Vec<String>,
    pub excludes_embargoed: bool,
    pub bars: Vec<String>,
    pub circumstance: Circumstance,
    /// What the exporter must do to use it (`duties:` in data/ugea.txt): `customs-declaration`,
    /// `icp`, `register`, `register-if-required`, `notify-within-30-days-after`,
    /// `notify-30-days-before`, `notify-10-days-before`, `report-national`, `report-yearly`,
    /// `report-on-request`, `technical-data-on-request`, `initial-authorisation-reference`.
    pub duties: Vec<String>,
    pub conditions: Vec<TextLine>,
    pub verified: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum SanctionScope {
    AnnexI,
    AnnexIMilitaryEndUse,
    TelecomMonitoring,
    SelectedItems,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum SanctionEffect {
    Prohibited,
    Authorisation,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SanctionRule {
    pub key: String,
    pub destination: String,
    pub act: String,
    pub article: String,
    pub applies_to: SanctionScope,
    pub effect: SanctionEffect,
    pub as_of: String,
    pub summary: Vec<TextLine>,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Embargo {
    pub country: String,
    pub basis: String,
    /// Binding in the sense of Art. 2(19); false for political declarations.
    pub binding: bool,
    pub whole_country: bool,
    pub as_of: String,
    pub summary: Vec<TextLine>,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Authority {
    pub member_state: String,
    pub name: String,
    pub web: String,
    pub details: Vec<TextLine>,
    pub verified: bool,
}

/// Join text lines into plain paragraphs (for search and plain-text output).
pub fn lines_to_plain(lines: &[TextLine]) -> String {
    let mut out = String::new();
    for l in lines {
        if !out.is_empty() {
            out.push(if l.text.is_empty() { '\n' } else { ' ' });
        }
        out.push_str(&l.text);
    }
    out
}

/// The code itself if it is in the data, else its nearest ancestor that is.
pub fn nearest_existing(ds: &Dataset, code: &str) -> Option<String> {
    if !crate::codes::is_code(code) {
        return None;
    }
    let mut c = code;
    loop {
        if ds.node_index(c).is_some() {
            return Some(c.to_string());
        }
        c = crate::codes::parent_code(c)?;
    }
}

/// Whether `code` is covered by a list naming codes at any level: `Some(true)` when the code
/// or an ancestor is listed, `Some(false)` when only part of it (a descendant) is.
pub fn listed(list: &[ListedCode], code: &str) -> Option<bool> {
    use crate::codes::is_within;
    if list.iter().any(|l| is_within(code, &l.code)) {
        Some(true)
    } else if list.iter().any(|l| is_within(&l.code, code)) {
        Some(false)
    } else {
        None
    }
}
