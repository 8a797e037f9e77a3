//! The inverted index. It is not shipped in the blob (to keep the download small): the
//! browser builds it from the dataset once, just after the first paint (src/ui/mod.rs) or
//! by the first search, whichever comes first (`Dataset::index`, about 0.1 s natively).
//!
//! Documents are the nodes of Annex I (entries and every item). Each posting carries a
//! field-weighted term frequency and which fields matched, so search can say why.

use std::collections::BTreeMap;

pub use crate::model::search_index::{Phrases, Posting, SearchIndex};
use crate::model::{lines_to_plain, Dataset};
use crate::text::{is_stop_word, tokenize, Normalizer};

/// Fields a term can come from; the bits of `Posting::fields`.
pub mod field {
    pub const TEXT: u8 = 1;
    pub const NOTE: u8 = 2;
    pub const ALIAS: u8 = 4;
    pub const VOCABULARY: u8 = 8;
    pub const DEFINED_TERM: u8 = 16;
    pub const CONTEXT: u8 = 32;
    pub const FALSE_FRIEND: u8 = 64;
}

/// Weight of one occurrence in each field (tenths, so postings stay integers).
fn field_weight(f: u8) -> u32 {
    match f {
        field::TEXT => 30,
        field::NOTE => 8,
        field::ALIAS => 40,
        field::VOCABULARY => 50,
        field::DEFINED_TERM => 12,
        field::FALSE_FRIEND => 10,
        _ => 6, // CONTEXT: the parent's text, so sub-items share their parent's words a little
    }
}

/// Words of `t` joined by single spaces, with a space on each side.
pub fn padded_words(t: &str) -> String {
    let words: Vec<String> = tokenize(t).into_iter().map(|t| t.word).collect();
    format!(" {} ", words.join(" "))
}

impl Phrases {
    pub fn of(ds: &Dataset) -> &Phrases {
        ds.index().phrases.get_or_init(|| {
            let mut p = Phrases::default();
            for (doc, node) in ds.nodes.iter().enumerate() {
                let mut segments = vec![padded_words(&node.text)];
                if node.parent.is_none() {
                    segments.extend(
                        ds.entries[node.entry as usize]
                            .aliases
                            .iter()
                            .map(|a| padded_words(a)),
                    );
                }
                p.text.push(segments.join("|"));
                p.vocabulary.push(
                    ds.index().doc_vocabulary[doc]
                        .iter()
                        .flat_map(|&vi| {
                            let v = &ds.vocabulary[vi as usize];
                            v.terms
                                .iter()
                                .enumerate()
                                .map(move |(ti, t)| (padded_words(t), vi, ti as u16))
                        })
                        .collect(),
                );
            }
            p
        })
    }
}

impl SearchIndex {
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| i as u32)
    }
}

struct Builder<'a> {
    norm: &'a Normalizer,
    /// term -> doc -> (weight, fields)
    acc: BTreeMap<String, BTreeMap<u32, (u32, u8)>>,
    words: BTreeMap<String, String>,
    doc_len: Vec<u32>,
}

impl Builder<'_> {
    fn add(&mut self, doc: u32, text: &str, f: u8) {
        self.add_weighted(doc, text, f, field_weight(f));
    }

    fn add_weighted(&mut self, doc: u32, text: &str, f: u8, weight: u32) {
        for tok in tokenize(text) {
            if is_stop_word(&tok.word) {
                continue;
            }
            let term = self.norm.stem(&tok.word);
            if f != field::CONTEXT && !tok.word.is_empty() {
                self.words
                    .entry(tok.word.clone())
                    .or_insert_with(|| term.clone());
            }
            let slot = self
                .acc
                .entry(term)
                .or_default()
                .entry(doc)
                .or_insert((0, 0));
            slot.0 += weight;
            slot.1 |= f;
            // Length normalisation looks at the legal text only: synonyms and notes added to
            // an entry must not push it down for its own words.
            if f == field::TEXT {
                self.doc_len[doc as usize] += weight;
            }
        }
    }
}

/// Build the index over `ds.nodes` from the node texts, notes, entry aliases, the
/// vocabulary and the defined terms each node uses.
pub fn build(ds: &Dataset) -> SearchIndex {
    let norm = Normalizer::default();
    let mut b = Builder {
        norm: &norm,
        acc: BTreeMap::new(),
        words: BTreeMap::new(),
        doc_len: vec![0; ds.nodes.len()],
    };
    let by_code: BTreeMap<&str, u32> = ds
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.code.as_str(), i as u32))
        .collect();
    for (i, node) in ds.nodes.iter().enumerate() {
        let doc = i as u32;
        b.add(doc, &node.code, field::TEXT);
        b.add(doc, &node.text, field::TEXT);
        for note in &node.notes {
            b.add(doc, &lines_to_plain(&note.lines), field::NOTE);
        }
        if let Some(p) = node.parent {
            b.add(doc, &ds.nodes[p as usize].text, field::CONTEXT);
        }
        if node.parent.is_none() {
            for alias in &ds.entries[node.entry as usize].aliases {
                b.add(doc, alias, field::ALIAS);
            }
        }
        for &t in &node.terms {
            b.add(doc, ds.definitions[t as usize].bare(), field::DEFINED_TERM);
        }
    }
    let mut doc_vocabulary: Vec<Vec<u16>> = vec![Vec::new(); ds.nodes.len()];
    for (vi, v) in ds.vocabulary.iter().enumerate() {
        for (doc, node) in ds.nodes.iter().enumerate() {
            let related = v.targets.iter().any(|t| {
                if v.false_friend {
                    // A false friend warns on the entry it is mistaken for and on its items.
                    crate::codes::is_within(&node.code, t) || crate::codes::is_within(t, &node.code)
                } else {
                    t == &node.code
                }
            });
            if related {
                doc_vocabulary[doc].push(vi as u16);
            }
        }
    }
    for v in &ds.vocabulary {
        // A false friend still leads to the entry it is mistaken for (with its caution),
        // but weakly; the words of a multi-word term share the term's weight.
        let f = if v.false_friend {
            field::FALSE_FRIEND
        } else {
            field::VOCABULARY
        };
        for target in &v.targets {
            if let Some(&doc) = by_code.get(target.as_str()) {
                for term in &v.terms {
                    let words = tokenize(term)
                        .iter()
                        .filter(|t| !is_stop_word(&t.word))
                        .count()
                        .max(1) as u32;
                    let weight = (field_weight(f) * 2 / (words + 1)).max(8);
                    b.add_weighted(doc, term, f, weight);
                }
            }
        }
    }
    let mut index = SearchIndex {
        doc_vocabulary,
        ..SearchIndex::default()
    };
    for (term, docs) in b.acc {
        index.terms.push(term);
        index.postings.push(
            docs.into_iter()
                .map(|(doc, (w, fields))| Posting {
                    doc,
                    weight: w.min(255) as u8,
                    fields,
                })
                .collect(),
        );
    }
    for (word, term) in b.words {
        if let Some(id) = index.term_id(&term) {
            index.words.push((word, id));
        }
    }
    index.doc_len = b
        .doc_len
        .iter()
        .map(|&l| l.min(u16::MAX as u32) as u16)
        .collect();
    let total: u64 = b.doc_len.iter().map(|&l| l as u64).sum();
    index.avg_len = if b.doc_len.is_empty() {
        1.0
    } else {
        (total as f32 / b.doc_len.len() as f32).max(1.0)
    };
    index
}

impl Dataset {
    /// The search index, built once: just after the first paint or by the first search
    /// (about 0.1 s natively).
    pub fn index(&self) -> &SearchIndex {
        self.search_index.get_or_init(|| build(self))
    }
}
