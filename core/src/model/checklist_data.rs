//! The checklist's data as the Dataset holds it: the maintainers' overrides and the
//! plain-language questions (read by build/checklist_files.rs); the checklist itself is
//! built from the text on demand by answer/checklist.rs.

use serde::{Deserialize, Serialize};

/// How a node's items decide whether it is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Combine {
    /// One of its items is enough.
    Any,
    /// Every item is needed.
    All,
    /// No items: the node's own words decide.
    Leaf,
}

/// A maintainer's correction of a node's combine (data/checklist-overrides.txt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub code: String,
    pub combine: Combine,
}

/// The languages of the leads, in column order.
pub const LEAD_LANGS: [&str; 3] = ["en", "de", "fr"];

/// The leads of data/checklist-questions.txt, column by column (brotli packs English next to
/// English better than records that alternate languages).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Leads {
    /// Checklist keys (a node code or a release key), sorted.
    pub keys: Vec<String>,
    /// The question of each key, one column per language of `LEAD_LANGS`.
    pub ask: [Vec<String>; 3],
    /// The help of each key ("" where there is none), one column per language.
    pub help: [Vec<String>; 3],
}
