//! The search index's data, part of the Dataset (built on the first search, not shipped):
//! how it is built and read is in answer/index.rs and answer/search.rs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Posting {
    pub doc: u32,
    /// Field-weighted term frequency in tenths, saturated at 255.
    pub weight: u8,
    pub fields: u8,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SearchIndex {
    /// Stemmed terms, sorted; `postings[i]` belongs to `terms[i]`.
    pub terms: Vec<String>,
    pub postings: Vec<Vec<Posting>>,
    /// Surface words seen in the text, sorted, with the term they stem to: for prefix
    /// completion and typo tolerance on what the user actually types.
    pub words: Vec<(String, u32)>,
    /// Weighted length of each document, for length normalisation.
    pub doc_len: Vec<u16>,
    /// For each document, the vocabulary lines that name it (synonyms and false friends),
    /// so a hit can say which synonym matched without scanning the whole vocabulary.
    pub doc_vocabulary: Vec<Vec<u16>>,
    pub avg_len: f32,
    /// Normalised texts for phrase matching, made on first use (not shipped in the blob).
    #[serde(skip)]
    pub phrases: std::sync::OnceLock<Phrases>,
}

/// Each document's words as " w1 w2 | alias words | ... " (segments never run together),
/// and the words of each vocabulary term that names it, padded with spaces, so a phrase
/// check is a substring test on word boundaries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrases {
    pub text: Vec<String>,
    /// (padded words, vocabulary line, term within the line) of synonyms and false friends.
    pub vocabulary: Vec<Vec<(String, u16, u16)>>,
}
