//! Text normalisation shared by the index builder and the query side: one tokenizer, one
//! stemmer, so the two always agree.

use rust_stemmers::{Algorithm, Stemmer};

/// Words too common in the control list to carry meaning.
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "for",
    "from",
    "has",
    "have",
    "having",
    "i",
    "in",
    "into",
    "is",
    "it",
    "its",
    "my",
    "of",
    "on",
    "or",
    "our",
    "so",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "this",
    "those",
    "to",
    "we",
    "what",
    "when",
    "where",
    "which",
    "with",
    "does",
    "do",
    "it's",
    "me",
    "you",
    "your",
    "need",
    "want",
    "following",
    "follows",
    "thereof",
    "therefor",
    "therefore",
    // Words exporters add to every query that say nothing about the item.
    "licence",
    "license",
    "licences",
    "licenses",
    "licensing",
    "export",
    "exports",
    "exporting",
    "exporter",
    "needs",
    "product",
    "products",
    "company",
    "customer",
    "customers",
    "sell",
    "selling",
    "ship",
    "shipping",
    "whether",
    "controlled",
    "dual",
    "am",
    "was",
    "were",
    "should",
    "would",
    "could",
    "about",
    "how",
    "why",
    "who",
    "us",
    "like",
    "also",
    "just",
    "only",
    // German and French function words, for the everyday terms in those languages.
    "der",
    "die",
    "das",
    "den",
    "dem",
    "und",
    "oder",
    "fur",
    "mit",
    "von",
    "ein",
    "eine",
    "einer",
    "zum",
    "zur",
    "im",
    "auf",
    "ist",
    "wir",
    "ich",
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "et",
    "ou",
    "pour",
    "avec",
    "un",
    "une",
    "au",
    "aux",
    "en",
    "est",
    "nous",
    "sur",
    "par",
    "dans",
];

pub fn is_stop_word(word: &str) -> bool {
    // Called for every token of every query and document: a set, built once.
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v = STOP_WORDS.to_vec();
        v.sort_unstable();
        v
    });
    word.len() <= 10 && sorted.binary_search(&word).is_ok()
}

/// A token: its lower-cased surface form and where it stands in the source (bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub word: String,
    pub start: usize,
    pub end: usize,
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        _ => c,
    }
}

/// Split on anything that is not a letter or digit; lower-case and fold accents.
/// Tokens longer than 40 characters are dropped (no word in the list is that long).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut word = String::new();
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            for l in c.to_lowercase() {
                if l == 'ß' {
                    word.push_str("ss");
                } else {
                    word.push(fold(l));
                }
            }
        } else if let Some(s) = start.take() {
            if word.chars().count() <= 40 {
                out.push(Token {
                    word: std::mem::take(&mut word),
                    start: s,
                    end: i,
                });
            } else {
                word.clear();
            }
        }
    }
    out
}

pub struct Normalizer {
    stemmer: Stemmer,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::English),
        }
    }
}

impl Normalizer {
    /// The index term for a lower-case word: its English stem. Numbers stay as they are.
    pub fn stem(&self, word: &str) -> String {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return word.to_string();
        }
        self.stemmer.stem(word).into_owned()
    }

    /// Tokens of `text` that carry meaning, stemmed.
    pub fn terms(&self, text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|t| !is_stop_word(&t.word))
            .map(|t| self.stem(&t.word))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_and_stems_like_an_index_should() {
        let n = Normalizer::default();
        assert_eq!(
            n.terms("Encryption of the encrypted Systems"),
            vec!["encrypt", "encrypt", "system"]
        );
        let t = tokenize("5-axis CNC, Zürich");
        assert_eq!(
            t.iter().map(|t| t.word.as_str()).collect::<Vec<_>>(),
            vec!["5", "axis", "cnc", "zurich"]
        );
        assert_eq!(&"5-axis CNC, Zürich"[t[3].start..t[3].end], "Zürich");
    }

    #[test]
    fn drops_absurdly_long_tokens() {
        assert!(tokenize(&"x".repeat(1000)).is_empty());
    }
}
