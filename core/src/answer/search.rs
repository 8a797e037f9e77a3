//! Ranked search over the whole control list: code lookup, BM25-style scoring over weighted
//! fields, prefix completion of the word being typed, typo tolerance, phrase bonus.

use std::collections::HashMap;

use crate::codes::{code_prefix, normalize_code};
use crate::index::{field, SearchIndex};
use crate::model::{lines_to_plain, Dataset};
use crate::text::{is_stop_word, tokenize, Normalizer};

/// Longest query we read; the rest of a pasted datasheet is ignored.
const MAX_QUERY_CHARS: usize = 256;
/// Most meaningful words we score.
const MAX_QUERY_TERMS: usize = 12;
/// Results of one entry shown at most, so one entry's items cannot crowd out the others.
const PER_ENTRY: usize = 2;
const K1: f32 = 1.2;
const B: f32 = 0.3;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub code: String,
    /// The node's own text (the heading for an entry, the item text for an item).
    pub heading: String,
    /// The heading of the top-level entry.
    pub entry_heading: String,
    /// For an item: its parent's code and text, so "Equipment specified by 5A004.b." reads
    /// in context.
    pub context: Option<(String, String)>,
    pub score: f32,
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
    /// Why it matched: "code", "text", "note", "synonym: stingray", "typo: encrpytion → encryption" ...
    pub why: Vec<String>,
    pub verified: bool,
    /// A false-friend warning from the vocabulary, when the query used such a word (English).
    pub caution: Option<String>,
    /// The vocabulary line the caution comes from (index into `Dataset::vocabulary`), for its
    /// note in the user's language (`VocabularyTerm::note_in`).
    pub caution_term: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expansion {
    Exact,
    Prefix,
    Typo,
}

struct QueryTerm {
    word: String,
    /// (term id, weight factor, how it was found)
    candidates: Vec<(u32, f32, Expansion)>,
}

/// Optimal string alignment distance, giving up above `max`.
fn edit_distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

fn expand(
    index: &SearchIndex,
    norm: &Normalizer,
    word: &str,
    is_last_open: bool,
) -> Vec<(u32, f32, Expansion)> {
    let mut out: Vec<(u32, f32, Expansion)> = Vec::new();
    let stem = norm.stem(word);
    if let Some(id) = index.term_id(&stem) {
        out.push((id, 1.0, Expansion::Exact));
    }
    let exact = !out.is_empty();
    if is_last_open && word.len() >= 2 {
        let start = index.words.partition_point(|(w, _)| w.as_str() < word);
        for (w, id) in index.words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(word))
            .take(12)
        {
            if !out.iter().any(|c| c.0 == *id) {
                // A completion must not outrank the word itself when the word is indexed.
                let closeness = word.len() as f32 / w.len() as f32;
                let factor = if exact {
                    0.15 + 0.15 * closeness
                } else {
                    0.5 + 0.4 * closeness
                };
                out.push((*id, factor, Expansion::Prefix));
            }
        }
    }
    let n = word.chars().count();
    if out.is_empty() && n >= 5 && word.is_ascii() {
        let max = if n >= 8 { 2 } else { 1 };
        let wb = word.as_bytes();
        // Only words that start with the typed first letter, or with the second one (the first
        // two swapped): the sorted word table gives each as one contiguous range.
        let range = |first: u8| {
            let lo = index
                .words
                .partition_point(|(w, _)| w.as_bytes().first().is_some_and(|c| *c < first));
            let hi = index
                .words
                .partition_point(|(w, _)| w.as_bytes().first().is_some_and(|c| *c <= first));
            &index.words[lo..hi]
        };
        let mut firsts = vec![wb[0]];
        if wb[1] != wb[0] {
            firsts.push(wb[1]);
        }
        for (w, id) in firsts.into_iter().flat_map(range) {
            let cb = w.as_bytes();
            if cb.len().abs_diff(wb.len()) > max {
                continue;
            }
            if let Some(d) = edit_distance_within(wb, cb, max) {
                if !out.iter().any(|c| c.0 == *id) {
                    out.push((*id, 0.75 - 0.15 * d as f32, Expansion::Typo));
                }
            }
        }
        // Nearest first (the factor falls with the distance), then keep the best few.
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out.truncate(8);
    }
    out
}

/// How many of the first results count as shown to the user (see `shown_candidates`).
pub const SHOWN_TOP: usize = 3;
/// A result among those counts only with at least this share of the best result's score.
pub const SHOWN_SHARE: f32 = 0.5;

/// The entries a result list put in front of the user, which the screening must not pass
/// over in silence ("candidates"): of the first `SHOWN_TOP` results, those scoring at least
/// `SHOWN_SHARE` of the first. The first result always counts; a code the user typed is the
/// first result. Scores are relative to the query (they are not comparable across queries),
/// so a strong hit is one close to the best, and the long tail that only shares a word with
/// the query (a tenth of the best score or less) does not count. An item below a candidate
/// already taken (5A001.a after 5A001) adds nothing to ask: the answer on its entry covers it.
pub fn shown_candidates(hits: &[SearchHit]) -> Vec<String> {
    let Some(best) = hits.first().map(|h| h.score) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for h in hits.iter().take(SHOWN_TOP) {
        if h.score >= best * SHOWN_SHARE && !out.iter().any(|c| crate::codes::is_within(&h.code, c))
        {
            out.push(h.code.clone());
        }
    }
    out
}

/// Search the dataset. `limit` is capped at 50. Never panics, whatever the query.
pub fn search(ds: &Dataset, query: &str, limit: usize) -> Vec<SearchHit> {
    let limit = limit.clamp(1, 50);
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let trimmed = query.trim();
    if trimmed.is_empty() {
        return Vec::new();
    }
    if let Some(hits) = code_lookup(ds, trimmed, limit) {
        return hits;
    }
    // A CAS number finds the entries that name it; one that none names is left out of the
    // words (its digits would only match unrelated values).
    let cas = crate::query_hints::cas_numbers(trimmed);
    if let Some(hits) = cas_hits(ds, &cas, limit) {
        return hits;
    }
    let mut without_cas = trimmed.to_string();
    for c in &cas {
        without_cas = without_cas.replace(c.as_str(), " ");
    }
    let norm = Normalizer::default();
    let index = ds.index();
    let ends_open = !query.ends_with(|c: char| c.is_whitespace());
    let (tokens, number_phrases) = query_tokens(index, &norm, &without_cas);
    if tokens.is_empty() {
        return Vec::new();
    }
    let last = tokens.len() - 1;
    let terms: Vec<QueryTerm> = tokens
        .iter()
        .enumerate()
        .map(|(i, w)| QueryTerm {
            word: w.clone(),
            candidates: expand(index, &norm, w, i == last && ends_open),
        })
        .collect();
    let acc = score_documents(ds, &terms, &number_phrases);
    let ranked = rank(ds, &acc, terms.len(), &tokens);
    let mut per_entry: HashMap<u32, usize> = HashMap::new();
    let mut hits = Vec::new();
    for (doc, score) in ranked {
        let node = &ds.nodes[doc as usize];
        let count = per_entry.entry(node.entry).or_insert(0);
        if *count >= PER_ENTRY {
            continue;
        }
        *count += 1;
        let (_, _, fields, used) = &acc[doc as usize];
        hits.push(make_hit(ds, doc, score, *fields, used, &terms, &norm));
        if hits.len() >= limit {
            break;
        }
    }
    hits
}

/// The entries that name one of the query's CAS numbers, in order; None when none does.
fn cas_hits(ds: &Dataset, cas: &[String], limit: usize) -> Option<Vec<SearchHit>> {
    let cas_docs: Vec<u32> = cas
        .iter()
        .flat_map(|c| crate::query_hints::nodes_naming_cas(ds, c))
        .collect();
    if cas_docs.is_empty() {
        return None;
    }
    Some(
        cas_docs
            .iter()
            .take(limit)
            .enumerate()
            .map(|(i, &doc)| {
                let mut hit = code_hit(ds, doc, 100.0 - i as f32);
                hit.why = vec!["CAS number".into()];
                hit
            })
            .collect(),
    )
}

/// The words of the query that are looked up (stop words out, at most `MAX_QUERY_TERMS`),
/// each with, for a number, the phrases a document must contain for it to score.
fn query_tokens(
    index: &SearchIndex,
    norm: &Normalizer,
    text: &str,
) -> (Vec<String>, Vec<Option<Vec<String>>>) {
    let all: Vec<String> = tokenize(text)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| !is_stop_word(w))
        .collect();
    // Numbers count only beside a word (their unit or context): a bare "500" would match
    // every threshold that happens to hold it. Each kept number carries the phrases a
    // document must contain for it to score.
    let mut tokens: Vec<String> = Vec::new();
    let mut number_phrases: Vec<Option<Vec<String>>> = Vec::new();
    for (i, w) in all.iter().enumerate() {
        if tokens.len() >= MAX_QUERY_TERMS {
            break;
        }
        if !w.bytes().all(|b| b.is_ascii_digit()) {
            tokens.push(w.clone());
            number_phrases.push(None);
            continue;
        }
        let phrases = number_context(&all, i, norm);
        if phrases.is_empty() {
            continue;
        }
        for part in number_parts(index, w) {
            tokens.push(part);
            number_phrases.push(Some(phrases.clone()));
        }
    }
    (tokens, number_phrases)
}

/// A number as the index holds it. The list writes thousands apart ("5 000"): "5000" is
/// looked up as its groups when the index does not hold it whole.
fn number_parts(index: &SearchIndex, w: &str) -> Vec<String> {
    if w.len() > 3 && !w.starts_with('0') && index.term_id(w).is_none() {
        let head = w.len() % 3;
        let mut parts = Vec::new();
        if head > 0 {
            parts.push(w[..head].to_string());
        }
        parts.extend((head..w.len()).step_by(3).map(|k| w[k..k + 3].to_string()));
        parts
    } else {
        vec![w.to_string()]
    }
}

/// What a document gathered over the query's terms: (score, groups matched, fields, and
/// for each query term it matched, how).
type DocScore = (f32, u32, u8, Vec<(usize, Expansion)>);

/// BM25 over the terms' expansions, one accumulator per document (node): for each query
/// term, the best of its expansions counts once per document. A number scores only in a
/// document that holds one of its phrases.
fn score_documents(
    ds: &Dataset,
    terms: &[QueryTerm],
    number_phrases: &[Option<Vec<String>>],
) -> Vec<DocScore> {
    let index = ds.index();
    let n_docs = ds.nodes.len().max(1) as f32;
    // Dense per-document accumulators: the list has only a few hundred nodes, so arrays
    // beat hash maps on every keystroke. doc -> (score, groups matched, fields, expansions).
    let mut acc: Vec<DocScore> = vec![(0.0, 0, 0, Vec::new()); ds.nodes.len()];
    let mut best: Vec<(f32, u8, Expansion)> = vec![(0.0, 0, Expansion::Exact); ds.nodes.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (qi, qt) in terms.iter().enumerate() {
        for &(tid, factor, how) in &qt.candidates {
            let postings = &index.postings[tid as usize];
            let df = postings.len() as f32;
            let idf = (1.0 + (n_docs - df + 0.5) / (df + 0.5)).ln();
            for p in postings {
                if let Some(phrases) = &number_phrases[qi] {
                    let text = &crate::index::Phrases::of(ds).text[p.doc as usize];
                    if !phrases.iter().any(|ph| text.contains(ph.as_str())) {
                        continue;
                    }
                }
                let w = p.weight as f32 / 10.0;
                let len = index.doc_len.get(p.doc as usize).copied().unwrap_or(1) as f32 / 10.0;
                let norm_len = 1.0 - B + B * len / (index.avg_len / 10.0);
                let s = idf * factor * w * (K1 + 1.0) / (w + K1 * norm_len);
                let slot = &mut best[p.doc as usize];
                if slot.0 == 0.0 {
                    touched.push(p.doc);
                }
                if s > slot.0 {
                    *slot = (s, p.fields, how);
                }
            }
        }
        for doc in touched.drain(..) {
            let (s, fields, how) =
                std::mem::replace(&mut best[doc as usize], (0.0, 0, Expansion::Exact));
            let a = &mut acc[doc as usize];
            a.0 += s;
            a.1 += 1;
            a.2 |= fields;
            a.3.push((qi, how));
        }
    }
    acc
}

/// The best 40 documents (categories aside), best first: the score weighed by the share of
/// the query's terms matched, squared, and raised for the top 25 that hold the query's
/// words as a phrase.
fn rank(ds: &Dataset, acc: &[DocScore], n_terms: usize, tokens: &[String]) -> Vec<(u32, f32)> {
    let total = n_terms as f32;
    let mut ranked: Vec<(u32, f32)> = acc
        .iter()
        .enumerate()
        .filter(|(doc, a)| a.1 > 0 && !ds.entries[ds.nodes[*doc].entry as usize].is_category)
        .map(|(doc, (s, matched, _, _))| {
            let coverage = *matched as f32 / total;
            (doc as u32, s * coverage * coverage)
        })
        .collect();
    let by_score = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if ranked.len() > 40 {
        ranked.select_nth_unstable_by(39, by_score);
        ranked.truncate(40);
    }
    ranked.sort_by(by_score);
    if tokens.len() >= 2 {
        for (doc, score) in ranked.iter_mut().take(25) {
            if phrase_in_doc(ds, *doc, tokens) {
                *score *= 1.6;
            }
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    ranked
}

/// The phrases (padded words, as in `Phrases::text`) in which the number at `i` of the query
/// words counts: the run of numbers it belongs to ("5 000") followed by the next word
/// (matched as a prefix, so "bit" finds "bits") or preceded by the word before it. The run
/// is also tried written together and in groups of three ("5000", "5 000"). Empty when no
/// word with a letter stands beside the run: the number is bare.
fn number_context(words: &[String], i: usize, norm: &Normalizer) -> Vec<String> {
    let numeric = |w: &String| w.bytes().all(|b| b.is_ascii_digit());
    let mut start = i;
    while start > 0 && numeric(&words[start - 1]) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < words.len() && numeric(&words[end]) {
        end += 1;
    }
    let run = words[start..end].join(" ");
    let joined: String = words[start..end].concat();
    let mut forms = vec![run.clone()];
    if joined != run {
        forms.push(joined.clone());
    }
    if joined.len() > 3 && !joined.starts_with('0') {
        let mut grouped = String::new();
        for (k, c) in joined.chars().enumerate() {
            if k > 0 && (joined.len() - k) % 3 == 0 {
                grouped.push(' ');
            }
            grouped.push(c);
        }
        if !forms.contains(&grouped) {
            forms.push(grouped);
        }
    }
    let with_letter = |w: &&String| w.chars().any(char::is_alphabetic);
    let mut out = Vec::new();
    if let Some(next) = words.get(end).filter(with_letter) {
        // The part of the word its stem shares ("densiti" -> "densit"), so plurals match.
        let stem = norm.stem(next);
        let common = next
            .chars()
            .zip(stem.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let head: String = next.chars().take(common.max(1)).collect();
        out.extend(forms.iter().map(|f| format!(" {f} {head}")));
    }
    if let Some(prev) = start.checked_sub(1).map(|p| &words[p]).filter(with_letter) {
        out.extend(forms.iter().map(|f| format!(" {prev} {f} ")));
    }
    out
}

/// Consecutive query words appear together in the node's text, an alias or a synonym.
fn phrase_in_doc(ds: &Dataset, doc: u32, tokens: &[String]) -> bool {
    // Padded with spaces so "des" never matches inside "designed".
    let phrase = format!(" {} ", tokens.join(" "));
    let p = crate::index::Phrases::of(ds);
    p.text[doc as usize].contains(&phrase)
        || p.vocabulary[doc as usize]
            .iter()
            .filter(|(_, vi, _)| !ds.vocabulary[*vi as usize].false_friend)
            .any(|(t, _, _)| phrase.contains(t.as_str()) || t.contains(&phrase))
}

fn code_lookup(ds: &Dataset, q: &str, limit: usize) -> Option<Vec<SearchHit>> {
    if let Some(code) = normalize_code(q) {
        // The exact code, or the nearest existing ancestor, then its children.
        let mut c = code.as_str();
        let doc = loop {
            if let Some(d) = ds.node_index(c) {
                break Some(d);
            }
            match crate::codes::parent_code(c) {
                Some(p) => c = p,
                None => break None,
            }
        };
        let doc = doc?;
        let mut out = vec![code_hit(ds, doc, 100.0)];
        for (i, &child) in ds.nodes[doc as usize]
            .children
            .iter()
            .enumerate()
            .take(limit.saturating_sub(1))
        {
            out.push(code_hit(ds, child, 90.0 - i as f32));
        }
        return Some(out);
    }
    let prefix = code_prefix(q)?;
    let hits: Vec<SearchHit> = ds
        .entries
        .iter()
        .filter(|e| !e.is_category && e.code.starts_with(&prefix))
        .take(limit)
        .enumerate()
        .map(|(i, e)| code_hit(ds, e.root, 80.0 - i as f32))
        .collect();
    (!hits.is_empty()).then_some(hits)
}

fn code_hit(ds: &Dataset, doc: u32, score: f32) -> SearchHit {
    let node = &ds.nodes[doc as usize];
    let entry = &ds.entries[node.entry as usize];
    let (snippet, _) = window(&node.text, None);
    SearchHit {
        code: node.code.clone(),
        heading: node.text.clone(),
        entry_heading: entry.heading.clone(),
        context: parent_context(ds, doc),
        score,
        highlights: Vec::new(),
        snippet,
        why: vec!["code".into()],
        verified: entry.verified,
        caution: None,
        caution_term: None,
    }
}

/// A hit for a document the words matched: why it matched (fields, synonym, spelling), the
/// false-friend caution, and the snippet with the matched words highlighted.
fn make_hit(
    ds: &Dataset,
    doc: u32,
    score: f32,
    fields: u8,
    used: &[(usize, Expansion)],
    terms: &[QueryTerm],
    norm: &Normalizer,
) -> SearchHit {
    let node = &ds.nodes[doc as usize];
    let entry = &ds.entries[node.entry as usize];
    let (synonym, caution, caution_term) = vocabulary_notes(ds, doc, terms);
    let why = why_matched(ds, fields, used, terms, synonym);
    let (source, marks) = snippet_marks(ds, node, fields, used, terms, norm);
    let (snippet, highlights) = window(&source, Some(&marks));
    SearchHit {
        code: node.code.clone(),
        heading: node.text.clone(),
        entry_heading: entry.heading.clone(),
        context: parent_context(ds, doc),
        score: (score * 100.0).round() / 100.0,
        snippet,
        highlights,
        why,
        verified: entry.verified,
        caution,
        caution_term,
    }
}

/// What the vocabulary says of the document against the query: the synonym a query word
/// stands in (the first), and the caution of a false-friend term the query holds whole,
/// with its vocabulary line.
fn vocabulary_notes<'d>(
    ds: &'d Dataset,
    doc: u32,
    terms: &[QueryTerm],
) -> (Option<&'d str>, Option<String>, Option<u32>) {
    let mut caution = None;
    let mut caution_term = None;
    let query_words: Vec<&str> = terms.iter().map(|t| t.word.as_str()).collect();
    let query_text = query_words.join(" ");
    let padded_query = format!(" {query_text} ");
    let phrases = crate::index::Phrases::of(ds);
    let query_word_padded: Vec<String> = terms.iter().map(|t| format!(" {} ", t.word)).collect();
    let mut synonym: Option<&str> = None;
    for (padded, vi, ti) in &phrases.vocabulary[doc as usize] {
        let v = &ds.vocabulary[*vi as usize];
        if v.false_friend {
            // The whole false-friend term is in the query, on word boundaries.
            if padded_query.contains(padded.as_str()) && caution.is_none() {
                caution_term = Some(u32::from(*vi));
                caution = v.note.clone().or_else(|| {
                    Some(format!(
                        "\"{}\" usually means something the list does not control",
                        v.terms[0]
                    ))
                });
            }
        } else if synonym.is_none()
            && query_word_padded
                .iter()
                .any(|w| padded.contains(w.as_str()))
        {
            synonym = Some(v.terms[*ti as usize].as_str());
        }
    }
    (synonym, caution, caution_term)
}

/// Why a document matched, in the order shown: the fields the words were found in, then
/// each spelling corrected.
fn why_matched(
    ds: &Dataset,
    fields: u8,
    used: &[(usize, Expansion)],
    terms: &[QueryTerm],
    synonym: Option<&str>,
) -> Vec<String> {
    let mut why = Vec::new();
    if fields & field::VOCABULARY != 0 {
        why.push(match synonym {
            Some(s) => format!("synonym: {s}"),
            None => "synonym".into(),
        });
    }
    if fields & field::ALIAS != 0 {
        why.push("plain-language alias".into());
    }
    if fields & field::TEXT != 0 {
        why.push("legal text".into());
    }
    if fields & field::NOTE != 0 {
        why.push("note".into());
    }
    if fields & field::DEFINED_TERM != 0 {
        why.push("defined term".into());
    }
    if fields & field::CONTEXT != 0 && fields & (field::TEXT | field::NOTE) == 0 {
        why.push("parent item".into());
    }
    for (qi, how) in used {
        if *how == Expansion::Typo {
            let qt = &terms[*qi];
            if let Some(c) = qt.candidates.first() {
                let shown = ds
                    .index()
                    .words
                    .iter()
                    .find(|(_, id)| *id == c.0)
                    .map(|(w, _)| w.as_str())
                    .unwrap_or("");
                why.push(format!("spelling: {} → {}", qt.word, shown));
            }
        }
    }
    why
}

/// The text the snippet is cut from and the byte ranges in it of the words that matched:
/// the node's text when it holds a match, else the first note that seems to (a cheap
/// substring test on the query words' stems picks it; only that text is tokenized).
fn snippet_marks(
    ds: &Dataset,
    node: &crate::model::Node,
    fields: u8,
    used: &[(usize, Expansion)],
    terms: &[QueryTerm],
    norm: &Normalizer,
) -> (String, Vec<(usize, usize)>) {
    let matched_terms: Vec<&str> = used
        .iter()
        .flat_map(|(qi, _)| {
            terms[*qi]
                .candidates
                .iter()
                .map(|c| ds.index().terms[c.0 as usize].as_str())
        })
        .collect();
    // Look a word up in the surface-word table (every indexed word is there) before stemming.
    let is_match = |word: &str| {
        if is_stop_word(word) {
            return false;
        }
        let term: std::borrow::Cow<str> = match ds
            .index()
            .words
            .binary_search_by(|(w, _)| w.as_str().cmp(word))
        {
            Ok(i) => ds.index().terms[ds.index().words[i].1 as usize]
                .as_str()
                .into(),
            Err(_) => norm.stem(word).into(),
        };
        matched_terms.contains(&term.as_ref())
    };
    let text_tokens = tokenize(&node.text);
    let mut source = node.text.clone();
    let mut marks: Vec<(usize, usize)> = text_tokens
        .iter()
        .filter(|t| is_match(&t.word))
        .map(|t| (t.start, t.end))
        .collect();
    if marks.is_empty() && fields & field::NOTE != 0 {
        let stems: Vec<String> = terms
            .iter()
            .map(|t| norm.stem(&t.word))
            .filter(|s| s.len() >= 3)
            .collect();
        let note = node.notes.iter().find_map(|n| {
            let text = lines_to_plain(&n.lines);
            let at = stems
                .iter()
                .filter_map(|s| find_ignoring_case(&text, s))
                .min()?;
            Some((text, at))
        });
        if let Some((note, at)) = note {
            // Only the part around the match is tokenized: notes run to pages, the
            // snippet is 200 characters.
            let (part, offset) = around(&note, at, 80, 400);
            marks = tokenize(part)
                .into_iter()
                .filter(|t| is_match(&t.word))
                .map(|t| (t.start + offset, t.end + offset))
                .collect();
            source = note;
        }
    }
    (source, marks)
}

/// Byte position of the first occurrence of `needle` (lower case) in `text`, ignoring ASCII
/// case; on a character boundary.
fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > t.len() {
        return None;
    }
    (0..=t.len() - n.len())
        .find(|&i| text.is_char_boundary(i) && t[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The slice of `text` from about `before` bytes before `at` to `after` bytes after it (on
/// character boundaries), and where it starts.
fn around(text: &str, at: usize, before: usize, after: usize) -> (&str, usize) {
    let mut start = at.saturating_sub(before);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + after).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (&text[start..end], start)
}

fn parent_context(ds: &Dataset, doc: u32) -> Option<(String, String)> {
    let parent = &ds.nodes[ds.nodes[doc as usize].parent? as usize];
    Some((parent.code.clone(), parent.text.clone()))
}

/// About 200 characters of `text` around the first mark, with the marks moved to match.
fn window(text: &str, marks: Option<&[(usize, usize)]>) -> (String, Vec<(usize, usize)>) {
    const WIDTH: usize = 200;
    let marks = marks.unwrap_or(&[]);
    if text.len() <= WIDTH {
        return (text.to_string(), marks.to_vec());
    }
    let first = marks.first().map(|m| m.0).unwrap_or(0);
    let mut start = first.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    // Start at a word, not in the middle of one.
    if start > 0 {
        if let Some(space) = text[start..first].find(char::is_whitespace) {
            start += space + 1;
        }
    }
    let mut end = (start + WIDTH).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = prefix.len() as isize - start as isize;
    let moved = marks
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| {
            (
                (*s as isize + shift) as usize,
                (*e as isize + shift) as usize,
            )
        })
        .collect();
    (format!("{prefix}{}{suffix}", &text[start..end]), moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert_eq!(
            edit_distance_within(b"encrpytion", b"encryption", 2),
            Some(1)
        );
        assert_eq!(edit_distance_within(b"abc", b"xyz", 2), None);
        assert_eq!(edit_distance_within(b"drone", b"drone", 1), Some(0));
    }

    #[test]
    fn window_keeps_marks_on_the_same_words() {
        let text = format!("{} needle {}", "x ".repeat(150), "y ".repeat(150));
        let pos = text.find("needle").unwrap();
        let (snip, marks) = window(&text, Some(&[(pos, pos + 6)]));
        assert_eq!(&snip[marks[0].0..marks[0].1], "needle");
    }
}

/// Guidance for the query: what applies to things Annex I does not list (facial recognition,
/// military items ...) and false-friend warnings from the vocabulary, in English.
pub fn notices(ds: &Dataset, query: &str) -> Vec<String> {
    notices_in(ds, query, "en")
}

/// The same in `lang` (`en`, `de`, `fr`; English for any other).
pub fn notices_in(ds: &Dataset, query: &str, lang: &str) -> Vec<String> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut out: Vec<String> = data_notices_for(ds, &query)
        .iter()
        .map(|n| n.text(ds, lang))
        .collect();
    out.extend(
        crate::query_hints::query_hints(ds, &query)
            .iter()
            .map(|h| h.text(lang)),
    );
    out
}

/// A notice the data holds for a query, rendered in the user's language by `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A line of data/not-listed.txt (index into `Dataset::not_listed`).
    NotListed(u32),
    /// A false friend of data/vocabulary.txt with its note (index into
    /// `Dataset::vocabulary`).
    FalseFriend(u32),
}

impl Notice {
    /// The notice in `lang`: the not-listed guidance, or `"term": note (codes)` for a false
    /// friend, with the language's quotation marks.
    pub fn text(&self, ds: &Dataset, lang: &str) -> String {
        match *self {
            Notice::NotListed(i) => ds
                .not_listed
                .get(i as usize)
                .map(|n| n.guidance_in(lang).to_string())
                .unwrap_or_default(),
            Notice::FalseFriend(i) => {
                let Some(v) = ds.vocabulary.get(i as usize) else {
                    return String::new();
                };
                let (open, close) = match lang {
                    "de" => ("„", "“"),
                    "fr" => ("« ", " »"),
                    _ => ("\"", "\""),
                };
                format!(
                    "{open}{}{close}: {} ({})",
                    v.terms[0],
                    v.note_in(lang).unwrap_or_default(),
                    v.targets.join(", ")
                )
            }
        }
    }
}

/// The notices the data holds for the query: not-listed items and false friends (the
/// query hints left out; the UI renders those in its own language).
pub fn data_notices_for(ds: &Dataset, query: &str) -> Vec<Notice> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let words: Vec<String> = tokenize(&query).into_iter().map(|t| t.word).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let joined = format!(" {} ", words.join(" "));
    let named = |term: &str| {
        let t: Vec<String> = tokenize(term).into_iter().map(|t| t.word).collect();
        !t.is_empty() && joined.contains(&format!(" {} ", t.join(" ")))
    };
    let mut out: Vec<Notice> = ds
        .not_listed
        .iter()
        .enumerate()
        .filter(|(_, n)| n.terms.iter().any(|t| named(t)))
        .map(|(i, _)| Notice::NotListed(i as u32))
        .collect();
    let mut seen: Vec<String> = Vec::new();
    for (i, v) in ds.vocabulary.iter().enumerate() {
        if !v.false_friend || v.note.is_none() || !v.terms.iter().any(|t| named(t)) {
            continue;
        }
        // The same caution for the same term and codes once.
        let key = format!("{}|{}|{:?}", v.terms[0], v.targets.join(","), v.note);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(Notice::FalseFriend(i as u32));
        }
    }
    out
}
