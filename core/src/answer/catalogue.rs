//! Screening a product list row by row: the name and description of each row searched in
//! the control list, a plain status (likely listed, check, no match), the best candidate
//! entries with why they matched, cautions (false friends, the Cryptography Note), the
//! not-listed guidance, and an existing classification (an EU code or a US ECCN) checked
//! against the list.
//!
//! A row is the user's columns as text; `Columns` says which of them describe the item. The
//! search is the one of `search.rs`; rows with the same words are searched once. Texts come
//! as values the caller renders in a language (`text(ds, lang)`), the JS view in the
//! language it is asked for.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use serde::Serialize;

use crate::codes::{normalize_code, top_level};
use crate::messages::{render, Msg};
use crate::model::Dataset;
use crate::query_hints::{cas_numbers, query_hints, QueryHint};
use crate::search::{search, SearchHit};
use crate::text::{is_stop_word, tokenize, Normalizer};
use crate::views::{search_hit, SearchHitView};

/// Characters of a cell that are read; the rest of a pasted datasheet is left out (and the
/// row says so).
pub const MAX_CELL_CHARS: usize = 4_000;
/// Characters of the words searched: the name first, then the description.
pub const MAX_QUERY_CHARS: usize = 240;
/// Words searched (stop words aside): the search's cost grows with each, and the first words
/// of a name and description say what the item is.
pub const MAX_QUERY_WORDS: usize = 10;
/// Candidate entries shown per row.
pub const MAX_CANDIDATES: usize = 5;

/// A row: column name -> cell text.
pub type Row = BTreeMap<String, String>;

/// Which columns of the rows describe the item. At least one of `name` and `description`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub name: Option<String>,
    pub description: Option<String>,
    pub part_number: Option<String>,
    /// A US ECCN (or EAR99).
    pub eccn: Option<String>,
    /// An existing EU classification (an Annex I code); an ECCN-looking value is read as one.
    pub classification: Option<String>,
}

/// Options that make a screening impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError(pub String);

/// The plain status of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NoMatch,
    Check,
    LikelyListed,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::NoMatch => "no_match",
            Status::Check => "check",
            Status::LikelyListed => "likely_listed",
        }
    }
}

/// A warning that the words of the row may not mean what they seem to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caution {
    /// A false friend of data/vocabulary.txt (its line in `Dataset::vocabulary`).
    FalseFriend(u32),
    /// A candidate of 5A002 or 5D002, or a US mass-market ECCN (5A992, 5D992): the
    /// Cryptography Note may release the item.
    CryptographyNote,
}

/// Guidance and facts about the row that are not cautions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowNotice {
    /// A line of data/not-listed.txt (its index in `Dataset::not_listed`).
    NotListed(u32),
    /// Help for what the search cannot use (EAR99, a 9x ECCN, a CAS number no entry names).
    Hint(QueryHint),
    /// The item columns of the row are empty: nothing was searched.
    NothingToSearch,
    /// A cell was longer than what is read: only its beginning was searched.
    Shortened,
}

/// Which column a classification came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ClassColumn {
    Classification,
    Eccn,
}

/// What the list says about a code the row gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// An Annex I code in force.
    Listed { code: String },
    /// The list holds the code but reads "Not used": it comes from an earlier version.
    NotUsed { code: String },
    /// The entry exists but not this item of it.
    UnknownItem { code: String, entry: String },
    /// No Annex I entry has this code.
    Unknown { code: String },
    /// A US ECCN; `eu` is the Annex I entry with the same number, when there is one.
    UsEccn { eccn: String, eu: Option<String> },
    /// The US "EAR99".
    Ear99,
    /// A US ECCN of the 9x range, which Annex I does not have.
    UsEccn9x { eccn: String },
    /// "N", "none", "not listed": the exporter's own "not listed".
    DeclaredNotListed,
    /// Not shaped like any code.
    Unreadable,
}

/// One code the row gives, as typed, and what the list says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassificationCheck {
    pub column: ClassColumn,
    pub given: String,
    pub finding: Finding,
}

/// The screening of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    pub status: Status,
    /// The words searched.
    pub query: String,
    pub candidates: Vec<SearchHit>,
    /// The row's words hold a name (a vocabulary term, an alias, a CAS number) of one of the
    /// first three candidates.
    pub named: bool,
    pub cautions: Vec<Caution>,
    pub notices: Vec<RowNotice>,
    pub classifications: Vec<ClassificationCheck>,
}

/// Screen every row with the same columns.
pub fn screen_rows(
    ds: &Dataset,
    rows: &[Row],
    columns: &Columns,
) -> Result<Vec<RowResult>, CatalogueError> {
    let mut screener = Screener::new(ds, columns)?;
    Ok(rows.iter().map(|r| screener.screen(r)).collect())
}

/// What the search and the data say about one query, shared by the rows that have it.
#[derive(Debug)]
struct Searched {
    hits: Vec<SearchHit>,
    /// The row's words name one of the first three hits (see `Screener::names`).
    named: bool,
    cautions: Vec<Caution>,
    notices: Vec<RowNotice>,
}

/// A screening in progress: the options checked, the vocabulary's phrases prepared once,
/// and the answer for each query seen.
pub struct Screener<'a> {
    ds: &'a Dataset,
    columns: Columns,
    norm: Normalizer,
    names: Rc<Names>,
    seen: HashMap<String, Rc<Searched>>,
}

/// The dataset's names, stemmed once: what the words of a row are compared with. A caller
/// that screens in chunks keeps one (`Screener::with_names`) instead of stemming the
/// vocabulary again for every chunk.
#[derive(Debug)]
pub struct Names {
    /// (stemmed words, vocabulary line) of false friends that have a note.
    false_friends: Vec<(String, u32)>,
    /// (stemmed words, line of not-listed.txt).
    not_listed: Vec<(String, u32)>,
    /// The stemmed terms of each vocabulary line that is not a false friend (empty for
    /// false friends), and the stemmed aliases of each entry: the names of controlled things.
    vocabulary_names: Vec<Vec<String>>,
    alias_names: Vec<Vec<String>>,
}

impl Names {
    pub fn new(ds: &Dataset) -> Names {
        let norm = Normalizer::default();
        let stemmed = |t: &str| Some(stemmed_words(&norm, t)).filter(|p| p.trim() != "");
        let mut false_friends = Vec::new();
        let mut vocabulary_names = Vec::new();
        for (i, v) in ds.vocabulary.iter().enumerate() {
            let terms = v.terms.iter().filter_map(|t| stemmed(t));
            if !v.false_friend {
                vocabulary_names.push(terms.collect());
                continue;
            }
            vocabulary_names.push(Vec::new());
            if v.note.is_some() {
                false_friends.extend(terms.map(|t| (t, i as u32)));
            }
        }
        let not_listed = ds
            .not_listed
            .iter()
            .enumerate()
            .flat_map(|(i, n)| n.terms.iter().map(move |t| (t, i as u32)))
            .filter_map(|(t, i)| Some((stemmed(t)?, i)))
            .collect();
        let alias_names = ds
            .entries
            .iter()
            .map(|e| e.aliases.iter().filter_map(|a| stemmed(a)).collect())
            .collect();
        Names {
            false_friends,
            not_listed,
            vocabulary_names,
            alias_names,
        }
    }
}

impl<'a> Screener<'a> {
    pub fn new(ds: &'a Dataset, columns: &Columns) -> Result<Screener<'a>, CatalogueError> {
        Screener::with_names(ds, Rc::new(Names::new(ds)), columns)
    }

    /// A screener with names prepared before (`Names::new` of the same dataset).
    pub fn with_names(
        ds: &'a Dataset,
        names: Rc<Names>,
        columns: &Columns,
    ) -> Result<Screener<'a>, CatalogueError> {
        let named = |c: &Option<String>| c.as_deref().is_some_and(|c| !c.trim().is_empty());
        if !named(&columns.name) && !named(&columns.description) {
            return Err(CatalogueError(
                "columns: name the column that holds the item's name or its description \
                 (`name` or `description`)"
                    .into(),
            ));
        }
        Ok(Screener {
            ds,
            columns: columns.clone(),
            norm: Normalizer::default(),
            names,
            seen: HashMap::new(),
        })
    }

    /// Whether the query (stemmed words) holds a name the vocabulary or an alias gives the
    /// hit's node or entry: the row's own words name a controlled thing.
    fn names(&self, hit: &SearchHit, query: &str) -> bool {
        if hit.why.iter().any(|w| w == "CAS number") {
            return true;
        }
        let Some(doc) = self.ds.node_index(&hit.code) else {
            return false;
        };
        let entry = self.ds.nodes[doc as usize].entry as usize;
        let index = self.ds.index();
        let vocabulary = index.doc_vocabulary[doc as usize]
            .iter()
            .flat_map(|&v| &self.names.vocabulary_names[v as usize]);
        vocabulary
            .chain(&self.names.alias_names[entry])
            .any(|name| query.contains(name.as_str()))
    }

    /// Screen one row.
    pub fn screen(&mut self, row: &Row) -> RowResult {
        let cell = |c: &Option<String>| c.as_ref().and_then(|k| row.get(k)).map(String::as_str);
        let (name, description) = (cell(&self.columns.name), cell(&self.columns.description));
        let part = cell(&self.columns.part_number);
        let query = item_query(self.ds, name, description, part);
        let mut classifications = Vec::new();
        if let Some(v) = cell(&self.columns.classification) {
            classifications.extend(check_codes(self.ds, v, ClassColumn::Classification));
        }
        if let Some(v) = cell(&self.columns.eccn) {
            classifications.extend(check_codes(self.ds, v, ClassColumn::Eccn));
        }
        let mut notices = Vec::new();
        if query.shortened {
            notices.push(RowNotice::Shortened);
        }
        let searched = if query.text.trim().is_empty() {
            notices.push(RowNotice::NothingToSearch);
            None
        } else {
            Some(self.searched(&query.text))
        };
        let empty = Searched {
            hits: Vec::new(),
            named: false,
            cautions: Vec::new(),
            notices: Vec::new(),
        };
        let s = searched.as_deref().unwrap_or(&empty);
        let mut cautions = s.cautions.clone();
        if classifications.iter().any(names_mass_market_eccn)
            && !cautions.contains(&Caution::CryptographyNote)
        {
            cautions.push(Caution::CryptographyNote);
        }
        notices.extend(s.notices.iter().cloned());
        // Hints read the cells as typed (the query has lost "EAR99" and "5A992" with the
        // other part-number-like words); a bare number or a tariff code in a description
        // says nothing worth a line per row.
        notices.extend(
            query_hints(self.ds, &query.typed)
                .into_iter()
                .filter(|h| {
                    matches!(
                        h,
                        QueryHint::Ear99 | QueryHint::UsEccn9x(_) | QueryHint::CasNotNamed(_)
                    )
                })
                .map(RowNotice::Hint),
        );
        let status = if searched.is_none() {
            // Nothing to search is not "no match": someone has to look at the row.
            Status::Check
        } else {
            status_of(&s.hits, s.named, &cautions, &classifications)
        };
        RowResult {
            status,
            query: query.text,
            candidates: s.hits.iter().take(MAX_CANDIDATES).cloned().collect(),
            named: s.named,
            cautions,
            notices,
            classifications,
        }
    }

    /// The search and the data's notices for a query, once per distinct query.
    fn searched(&mut self, query: &str) -> Rc<Searched> {
        if let Some(s) = self.seen.get(query) {
            return Rc::clone(s);
        }
        let mut hits = search(self.ds, query, SEARCHED);
        let padded = stemmed_words(&self.norm, query);
        // Entries the row's words name come first, in the search's order: a vocabulary name
        // or alias in full is surer than the score, which long descriptions dilute.
        let named: Vec<bool> = hits.iter().map(|h| self.names(h, &padded)).collect();
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| !named[i]);
        let named_first = order.iter().take(3).any(|&i| named[i]);
        hits = order.into_iter().map(|i| hits[i].clone()).collect();
        let mut cautions: Vec<Caution> = Vec::new();
        for (phrase, line) in &self.names.false_friends {
            let same = |c: &Caution| matches!(c, Caution::FalseFriend(l) if self.ds.vocabulary[*l as usize].note == self.ds.vocabulary[*line as usize].note);
            if padded.contains(phrase.as_str()) && !cautions.iter().any(same) {
                cautions.push(Caution::FalseFriend(*line));
            }
        }
        let crypto = hits
            .iter()
            .take(3)
            .any(|h| matches!(top_level(&h.code), "5A002" | "5D002"));
        if crypto {
            cautions.push(Caution::CryptographyNote);
        }
        let mut notices: Vec<RowNotice> = Vec::new();
        for (phrase, line) in &self.names.not_listed {
            if padded.contains(phrase.as_str()) && !notices.contains(&RowNotice::NotListed(*line)) {
                notices.push(RowNotice::NotListed(*line));
            }
        }
        let s = Rc::new(Searched {
            hits,
            named: named_first,
            cautions,
            notices,
        });
        self.seen.insert(query.to_string(), Rc::clone(&s));
        s
    }
}

/// Hits asked of the search per row: the candidates and a few more, which a name in the
/// row's words can bring forward.
const SEARCHED: usize = 8;

/// The words of `text`, stemmed, apart by spaces and with one on each side, so a name is
/// found with a substring test on word boundaries ("ffp2 masks" names "ffp2 mask").
fn stemmed_words(norm: &Normalizer, text: &str) -> String {
    let mut out = String::from(" ");
    for t in tokenize(text) {
        out.push_str(&norm.stem(&t.word));
        out.push(' ');
    }
    out
}

/// The words searched for a row, and whether a cell was cut.
struct ItemQuery {
    text: String,
    /// The name and description as typed (their first 256 characters are what hints read).
    typed: String,
    shortened: bool,
}

/// The name, then the description, as words the search can use: part numbers and article
/// numbers left out (letters and digits run together that the list does not know: "A655sc"),
/// a number glued to its unit split from it ("2kW" -> "2 kw"), cut at `MAX_QUERY_CHARS`.
/// CAS numbers of any item column come first: the search finds the entry that names one.
fn item_query(
    ds: &Dataset,
    name: Option<&str>,
    description: Option<&str>,
    part: Option<&str>,
) -> ItemQuery {
    let cells = [name, description, part].map(|c| readable_part(c.unwrap_or("")));
    let shortened = cells.iter().any(|c| c.1);
    let cells = cells.map(|c| c.0);
    let mut text = String::new();
    for cas in cells.iter().flat_map(|c| cas_numbers(c)) {
        if !text.contains(&cas) {
            text.push_str(&cas);
            text.push(' ');
        }
    }
    let index = ds.index();
    let norm = Normalizer::default();
    let mut words = 0;
    'cells: for (i, cell) in cells[..2].iter().enumerate() {
        for token in tokenize(cell) {
            let w = token.word.as_str();
            // Numbers, with or without their unit, and part numbers: a threshold is not
            // decided by words, and each number costs the search a phrase check per entry.
            // Letters and digits the list knows ("uf6", "co2") stay.
            let digits = w.bytes().filter(u8::is_ascii_digit).count();
            let hyphened = |b: &[u8]| {
                b.len() == 2 && b[0] == b'-' && b[1].is_ascii_alphabetic()
                    || b.len() == 2 && b[1] == b'-' && b[0].is_ascii_alphabetic()
            };
            let bytes = cell.as_bytes();
            // A number joined to a word by a hyphen is part of a name: "helium-3", "5-axis".
            let in_name = hyphened(&bytes[token.start.saturating_sub(2)..token.start])
                || hyphened(&bytes[token.end..(token.end + 2).min(bytes.len())]);
            if digits == w.len() && !in_name
                || digits > 0 && digits < w.len() && index.term_id(w).is_none()
            {
                continue;
            }
            if is_stop_word(w) {
                continue;
            }
            if words == MAX_QUERY_WORDS {
                break 'cells;
            }
            words += 1;
            // A word of the description the list does not know (a brand, a word of another
            // language) would only be matched by spelling to some other word: the search
            // tries that for the name's words, where a typo is worth correcting.
            if i == 1 && w.len() >= 5 && index.term_id(&norm.stem(w)).is_none() {
                continue;
            }
            if text.len() + w.len() + 1 > MAX_QUERY_CHARS {
                break 'cells;
            }
            text.push_str(w);
            text.push(' ');
        }
    }
    let typed = format!("{} {}", cells[0], cells[1])
        .chars()
        .take(256)
        .collect();
    ItemQuery {
        text,
        typed,
        shortened,
    }
}

/// The first `MAX_CELL_CHARS` characters of a cell, and whether it had more.
fn readable_part(cell: &str) -> (&str, bool) {
    match cell.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => (&cell[..cut], true),
        None => (cell, false),
    }
}

/// Words that say "not listed" in a classification column, as exporters write them.
const NOT_LISTED_WORDS: &[&str] = &[
    "n",
    "no",
    "none",
    "nlr",
    "not listed",
    "nicht gelistet",
    "keine",
    "al n",
    "al: n",
    "non liste",
    "non listé",
    "aucun",
    "-",
    "0",
];

/// The codes of a classification or ECCN cell ("5A002.a, 5D002", "ECCN 5A992.c", "EAR99"),
/// each with what the list says about it.
pub fn check_codes(ds: &Dataset, cell: &str, column: ClassColumn) -> Vec<ClassificationCheck> {
    let cell: String = cell.chars().take(200).collect();
    let lower = cell.trim().to_lowercase();
    if lower.is_empty() {
        return Vec::new();
    }
    if NOT_LISTED_WORDS.contains(&lower.as_str()) {
        return vec![ClassificationCheck {
            column,
            given: cell.trim().to_string(),
            finding: Finding::DeclaredNotListed,
        }];
    }
    cell.split([',', ';', '/', '|', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(8)
        .map(|given| ClassificationCheck {
            column,
            given: given.to_string(),
            finding: finding_for(ds, given, column),
        })
        .collect()
}

/// Labels exporters put before a code: "ECCN 5A992", "AL 2B001", "EU: 5A002".
fn without_label(given: &str) -> &str {
    let mut rest = given.trim();
    for label in [
        "eccn", "eu", "al", "dual-use", "dual use", "annex i", "anhang i", "code",
    ] {
        if rest.len() > label.len() && rest[..label.len()].eq_ignore_ascii_case(label) {
            rest = rest[label.len()..].trim_start_matches([':', ' ', '.', '#']);
        }
    }
    rest
}

fn finding_for(ds: &Dataset, given: &str, column: ClassColumn) -> Finding {
    let bare = without_label(given);
    if bare.eq_ignore_ascii_case("ear99") {
        return Finding::Ear99;
    }
    let Some(code) = normalize_code(bare) else {
        return Finding::Unreadable;
    };
    let entry = top_level(&code).to_string();
    // Annex I numbers its entries below 900 in every group: a 9x number is US only.
    if entry.as_bytes()[2] == b'9' {
        return Finding::UsEccn9x { eccn: code };
    }
    if column == ClassColumn::Eccn {
        let eu = ds.node_index(&entry).map(|_| entry);
        return Finding::UsEccn { eccn: code, eu };
    }
    match ds.node(&code) {
        Some(n) if is_not_used(&n.text) => Finding::NotUsed { code },
        Some(_) => Finding::Listed { code },
        None if ds.node_index(&entry).is_some() => Finding::UnknownItem { code, entry },
        None => Finding::Unknown { code },
    }
}

fn is_not_used(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ';']);
    t.eq_ignore_ascii_case("not used")
}

/// A US mass-market encryption ECCN (5A992, 5D992): the EU's Cryptography Note is the
/// question to ask.
fn names_mass_market_eccn(c: &ClassificationCheck) -> bool {
    matches!(&c.finding, Finding::UsEccn9x { eccn } if eccn.starts_with("5A992") || eccn.starts_with("5D992"))
}

// The thresholds, tuned on tests/fixtures/catalogue-labelled.tsv (234 rows, 93 listed).
// Search scores only compare within a query, so a score alone says little: a name of the
// entry in the row's words (a vocabulary term, an alias, a CAS number) is the surer sign.
// Named and scoring 15 or more: 70 % of the listed rows are "likely listed", 9 % of the
// unlisted ones (lasers, vacuum pumps, shakers below the thresholds: words cannot read a
// threshold). Unnamed, only a score of 50 or more (the legal text matched word for word).
// Below 6 and unnamed, the shared words are noise ("garden pump", "LED driver"): no match.

/// Scores at or above this make a row whose words name a candidate "likely listed".
pub const LIKELY_NAMED_SCORE: f32 = 15.0;
/// Scores at or above this make any row "likely listed".
pub const LIKELY_SCORE: f32 = 50.0;
/// Scores at or above this make a row "check"; a named candidate does at any score.
pub const CHECK_SCORE: f32 = 6.0;

/// The status from the search and the classification. An Annex I code the exporter gives
/// (valid, outdated or unknown: they thought the item listed), or a US ECCN whose number
/// Annex I has, keeps the row at "check" at least; a
/// word of the vocabulary or an alias naming an entry (the item's own words name a
/// controlled thing) too. A false friend in the words keeps it from "likely listed".
fn status_of(
    hits: &[SearchHit],
    named: bool,
    cautions: &[Caution],
    classes: &[ClassificationCheck],
) -> Status {
    let best = hits.iter().take(3).map(|h| h.score).fold(0.0, f32::max);
    let false_friend = cautions
        .iter()
        .any(|c| matches!(c, Caution::FalseFriend(_)));
    let by_code = hits
        .first()
        .is_some_and(|h| h.why.iter().any(|w| w == "code"));
    let mut status = if by_code {
        Status::Check
    } else if (best >= LIKELY_SCORE || named && best >= LIKELY_NAMED_SCORE) && !false_friend {
        Status::LikelyListed
    } else if best >= CHECK_SCORE || named {
        Status::Check
    } else {
        Status::NoMatch
    };
    let floor = classes.iter().any(|c| match &c.finding {
        Finding::Listed { .. }
        | Finding::NotUsed { .. }
        | Finding::UnknownItem { .. }
        | Finding::Unknown { .. } => true,
        Finding::UsEccn { eu, .. } => eu.is_some(),
        _ => false,
    });
    if floor {
        status = status.max(Status::Check);
    }
    status
}

// ---------------------------------------------------------------------------------------
// Texts, in a language.

impl Caution {
    pub fn kind(&self) -> &'static str {
        match self {
            Caution::FalseFriend(_) => "false_friend",
            Caution::CryptographyNote => "cryptography_note",
        }
    }

    pub fn text(&self, ds: &Dataset, lang: &str) -> String {
        match *self {
            Caution::FalseFriend(i) => crate::search::Notice::FalseFriend(i).text(ds, lang),
            Caution::CryptographyNote => render(ds, lang, &Msg::new("cat.cryptography_note")),
        }
    }
}

impl RowNotice {
    pub fn kind(&self) -> &'static str {
        match self {
            RowNotice::NotListed(_) => "not_listed",
            RowNotice::Hint(h) => h.kind(),
            RowNotice::NothingToSearch => "nothing_to_search",
            RowNotice::Shortened => "shortened",
        }
    }

    pub fn text(&self, ds: &Dataset, lang: &str) -> String {
        match self {
            RowNotice::NotListed(i) => crate::search::Notice::NotListed(*i).text(ds, lang),
            RowNotice::Hint(h) => h.text(lang),
            RowNotice::NothingToSearch => render(ds, lang, &Msg::new("cat.nothing_to_search")),
            RowNotice::Shortened => render(
                ds,
                lang,
                &Msg::new("cat.shortened").plain("chars", MAX_CELL_CHARS.to_string()),
            ),
        }
    }
}

impl Finding {
    pub fn kind(&self) -> &'static str {
        match self {
            Finding::Listed { .. } => "listed",
            Finding::NotUsed { .. } => "not_used",
            Finding::UnknownItem { .. } => "unknown_item",
            Finding::Unknown { .. } => "unknown",
            Finding::UsEccn { .. } => "us_eccn",
            Finding::Ear99 => "ear99",
            Finding::UsEccn9x { .. } => "us_eccn_9x",
            Finding::DeclaredNotListed => "declared_not_listed",
            Finding::Unreadable => "unreadable",
        }
    }

    /// The Annex I code the finding points to, if any.
    pub fn eu_code(&self) -> Option<&str> {
        match self {
            Finding::Listed { code } => Some(code),
            Finding::UsEccn { eu, .. } => eu.as_deref(),
            Finding::UnknownItem { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

impl ClassificationCheck {
    /// What the list says about the code, in `lang`. EAR99 and 9x ECCNs get the search's
    /// hint for them.
    pub fn text(&self, ds: &Dataset, lang: &str) -> String {
        let hint = match &self.finding {
            Finding::Ear99 => Some(QueryHint::Ear99),
            Finding::UsEccn9x { eccn } => Some(QueryHint::UsEccn9x(top_level(eccn).to_string())),
            _ => None,
        };
        match (hint, self.message(ds)) {
            (Some(h), _) => format!("{}: {}", self.given, h.text(lang)),
            (None, Some(m)) => render(ds, lang, &m),
            (None, None) => String::new(),
        }
    }

    /// What the list says about the code, as one message (EAR99 and 9x ECCNs have the
    /// hints of `query_hints` instead).
    pub fn message(&self, ds: &Dataset) -> Option<Msg> {
        let heading = |code: &str| {
            ds.node(code)
                .map(|n| ds.entry_of(n).heading.clone())
                .unwrap_or_default()
        };
        let given = |id| Msg::new(id).plain("given", self.given.clone());
        Some(match &self.finding {
            Finding::Listed { code } => given("cat.class_listed")
                .plain("code", code.clone())
                .cite("heading", heading(code)),
            Finding::NotUsed { code } => given("cat.class_not_used").plain("code", code.clone()),
            Finding::UnknownItem { code, entry } => given("cat.class_unknown_item")
                .plain("code", code.clone())
                .plain("entry", entry.clone()),
            Finding::Unknown { code } => given("cat.class_unknown").plain("code", code.clone()),
            Finding::UsEccn { eccn, eu: Some(eu) } => given("cat.eccn_same_number")
                .plain("eccn", eccn.clone())
                .plain("code", eu.clone())
                .cite("heading", heading(eu)),
            Finding::UsEccn { eccn, eu: None } => {
                given("cat.eccn_no_eu").plain("eccn", eccn.clone())
            }
            Finding::Ear99 | Finding::UsEccn9x { .. } => return None,
            Finding::DeclaredNotListed => given("cat.class_declared_not_listed"),
            Finding::Unreadable => given("cat.class_unreadable"),
        })
    }
}

// ---------------------------------------------------------------------------------------
// The JS API's shape (camelCase).

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub kind: &'static str,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassificationView {
    pub column: ClassColumn,
    pub given: String,
    pub finding: &'static str,
    /// The Annex I code it points to: the code itself, the entry of an unknown item, or the
    /// EU entry with a US ECCN's number.
    pub eu_code: Option<String>,
    pub eu_heading: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowView {
    /// The row's place in the whole list (with `offset`), from 0.
    pub row: usize,
    pub status: Status,
    pub query: String,
    pub candidates: Vec<SearchHitView>,
    pub named: bool,
    pub cautions: Vec<NoteView>,
    pub notices: Vec<NoteView>,
    pub classification: Vec<ClassificationView>,
}

/// The row as the JS API returns it, its texts in `lang`.
pub fn row_view(ds: &Dataset, r: &RowResult, row: usize, lang: &str) -> RowView {
    RowView {
        row,
        status: r.status,
        query: r.query.trim_end().to_string(),
        candidates: r.candidates.iter().map(search_hit).collect(),
        named: r.named,
        cautions: r
            .cautions
            .iter()
            .map(|c| NoteView {
                kind: c.kind(),
                text: c.text(ds, lang),
            })
            .collect(),
        notices: r
            .notices
            .iter()
            .map(|n| NoteView {
                kind: n.kind(),
                text: n.text(ds, lang),
            })
            .collect(),
        classification: r
            .classifications
            .iter()
            .map(|c| {
                let eu_code = c.finding.eu_code().map(str::to_string);
                ClassificationView {
                    column: c.column,
                    given: c.given.clone(),
                    finding: c.finding.kind(),
                    eu_heading: eu_code
                        .as_deref()
                        .and_then(|code| ds.node(code))
                        .map(|n| ds.entry_of(n).heading.clone()),
                    eu_code,
                    text: c.text(ds, lang),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, read_data_dir};

    fn dataset() -> Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        compile(&read_data_dir(&dir).expect("data/"))
            .dataset
            .expect("the data compiles")
    }

    fn columns() -> Columns {
        Columns {
            name: Some("Name".into()),
            description: Some("Text".into()),
            eccn: Some("ECCN".into()),
            classification: Some("AL".into()),
            ..Columns::default()
        }
    }

    fn row(cells: &[(&str, &str)]) -> Row {
        cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_status_follows_the_words_and_the_classification() {
        let ds = dataset();
        let rows = [
            row(&[
                ("Name", "IMSI catcher"),
                ("Text", "active cell site simulator"),
            ]),
            row(&[("Name", "Office chair"), ("Text", "mesh back, black")]),
            // The exporter's own Annex I code keeps an office chair at "check".
            row(&[("Name", "Office chair"), ("AL", "5A002.a")]),
            // A US ECCN whose number Annex I has does too; EAR99 does not.
            row(&[("Name", "Office chair"), ("ECCN", "5A002")]),
            row(&[("Name", "Office chair"), ("ECCN", "EAR99")]),
            // A false friend is never "likely listed".
            row(&[
                ("Name", "Laser printer"),
                ("Text", "office laser printer A4"),
            ]),
        ];
        let out = screen_rows(&ds, &rows, &columns()).unwrap();
        let statuses: Vec<Status> = out.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                Status::LikelyListed,
                Status::NoMatch,
                Status::Check,
                Status::Check,
                Status::NoMatch,
                Status::Check
            ]
        );
        assert!(out[0].candidates[0].code.starts_with("5A001.f"));
        assert!(out[0].named);
        assert!(out[5].cautions.iter().any(|c| c.kind() == "false_friend"));
    }

    #[test]
    fn codes_are_read_as_exporters_write_them() {
        let ds = dataset();
        let kinds = |cell: &str, column| -> Vec<&'static str> {
            check_codes(&ds, cell, column)
                .iter()
                .map(|c| c.finding.kind())
                .collect()
        };
        let class = ClassColumn::Classification;
        assert_eq!(kinds("5A002.a, 5D002", class), ["listed", "listed"]);
        assert_eq!(kinds("AL: 2b001b2a", class), ["listed"]);
        assert_eq!(kinds("6A003.a.1", class), ["not_used"]);
        assert_eq!(kinds("5A002.z", class), ["unknown_item"]);
        assert_eq!(kinds("4D002", class), ["unknown"]);
        assert_eq!(kinds("5A992.c", class), ["us_eccn_9x"]);
        assert_eq!(kinds("ear99", class), ["ear99"]);
        assert_eq!(kinds("N", class), ["declared_not_listed"]);
        assert_eq!(kinds("hello", class), ["unreadable"]);
        assert_eq!(kinds("", class), Vec::<&str>::new());
        assert_eq!(kinds("ECCN 5A002.a", ClassColumn::Eccn), ["us_eccn"]);
        let no_eu = check_codes(&ds, "0A521", ClassColumn::Eccn);
        assert_eq!(
            no_eu[0].finding,
            Finding::UsEccn {
                eccn: "0A521".into(),
                eu: None
            }
        );
        for lang in crate::messages::LANGS {
            let text = no_eu[0].text(&ds, lang);
            assert!(
                text.contains("0A521") && !text.contains('{'),
                "{lang}: {text}"
            );
        }
    }

    #[test]
    fn bad_input_gives_an_error_or_a_notice_never_a_panic() {
        let ds = dataset();
        let none = Columns {
            part_number: Some("PN".into()),
            ..Columns::default()
        };
        assert!(screen_rows(&ds, &[], &none).is_err());
        assert!(screen_rows(&ds, &[], &columns()).unwrap().is_empty());
        let huge = "thermal camera ".repeat(10_000);
        let rows = [
            row(&[("Name", &huge)]),
            row(&[("Other", "a row without the named columns")]),
            row(&[
                ("Name", "\u{0}\u{200b}∑∑∑ 🙂"),
                ("AL", &"5".repeat(100_000)),
            ]),
        ];
        let out = screen_rows(&ds, &rows, &columns()).unwrap();
        assert!(out[0].notices.contains(&RowNotice::Shortened));
        assert!(out[0].query.len() <= MAX_QUERY_CHARS);
        assert_eq!(out[1].status, Status::Check);
        assert!(out[1].notices.contains(&RowNotice::NothingToSearch));
        assert!(out[2].classifications.len() <= 8);
    }

    #[test]
    fn identical_rows_are_searched_once() {
        let ds = dataset();
        let mut s = Screener::new(&ds, &columns()).unwrap();
        let r = row(&[("Name", "Heavy water"), ("Text", "D2O 99.9 %")]);
        let a = s.screen(&r);
        let b = s.screen(&r);
        assert_eq!(a, b);
        assert_eq!(s.seen.len(), 1);
    }
}
