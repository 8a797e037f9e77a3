//! The guided questions and the screening rules as the Dataset holds them: read from the
//! data files by build/question_files.rs, asked and evaluated by answer/questions.rs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub enum QuestionKind {
    YesNo,
    Number,
    Choice,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Question {
    pub id: String,
    pub ask: String,
    pub help: String,
    pub kind: QuestionKind,
    pub unit: String,
    /// (value, label) for choice questions.
    pub choices: Vec<(String, String)>,
    /// The step of the questionnaire it belongs to ("mobile", "crypto" ...).
    pub topic: String,
    /// The Annex I codes (or note) whose text the question tests.
    pub tests: Vec<String>,
    /// Asked only when this holds.
    pub ask_if: Option<Expr>,
    /// A question many rules read (what the item is: equipment, software ...). Answering it
    /// alone does not bring every rule into the findings.
    pub shared: bool,
    /// The wording in the other UI languages (`ask-de`, `help-fr`, `choices-de` ...); `ask`,
    /// `help` and `choices` above are the English.
    pub translations: Vec<QuestionText>,
    pub line: u32,
}

/// The languages questions.txt may be translated into, besides English.
pub const QUESTION_LANGS: &[&str] = &["de", "fr"];

/// A question's wording in one language (`lang`: "de", "fr").
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct QuestionText {
    pub lang: String,
    pub ask: String,
    pub help: String,
    /// (value, label), the values in the order of the English `choices`.
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Release {
    pub when: Expr,
    /// The note that releases the item, as the annex names it.
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ScreeningRule {
    pub code: String,
    pub requires: Expr,
    pub releases: Vec<Release>,
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Cmp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Expr {
    /// A yes/no question answered yes.
    Yes(String),
    /// A number or choice question compared with a value.
    Compare(String, Cmp, String),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}
