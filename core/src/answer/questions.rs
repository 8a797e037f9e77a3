//! Guided screening as data: questions (questions.txt) and the rules that decide, for each
//! Annex I item, from the answers, whether it is matched, released by a note, not matched,
//! or still open (screening-rules.txt).
//!
//! Answers are three-valued: yes, no, or unknown ("don't know", or not asked yet). Rules are
//! evaluated in Kleene logic, so an unknown answer can never rule an item out.

use std::collections::BTreeMap;

pub use crate::model::rules::{
    Cmp, Expr, Question, QuestionKind, QuestionText, Release, ScreeningRule, QUESTION_LANGS,
};
use crate::model::Dataset;

impl Question {
    fn text(&self, lang: &str) -> Option<&QuestionText> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// The question in `lang` ("en", "de", "fr"), English when there is no translation.
    pub fn ask_in(&self, lang: &str) -> &str {
        self.text(lang)
            .map(|t| t.ask.as_str())
            .filter(|a| !a.is_empty())
            .unwrap_or(&self.ask)
    }

    /// The help text in `lang`, English when there is no translation.
    pub fn help_in(&self, lang: &str) -> &str {
        self.text(lang)
            .map(|t| t.help.as_str())
            .filter(|h| !h.is_empty())
            .unwrap_or(&self.help)
    }

    /// (value, label) in `lang`; a choice without a translation keeps its English label.
    pub fn choices_in(&self, lang: &str) -> Vec<(&str, &str)> {
        let t = self.text(lang);
        self.choices
            .iter()
            .map(|(v, l)| {
                let label = t
                    .and_then(|t| t.choices.iter().find(|(tv, _)| tv == v))
                    .map(|(_, tl)| tl.as_str())
                    .unwrap_or(l);
                (v.as_str(), label)
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Yes,
    No,
    Unknown,
    Number(f64),
    Choice(String),
}

pub type Answers = BTreeMap<String, Answer>;

/// Kleene three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Expr {
    pub fn eval(&self, answers: &Answers) -> Truth {
        match self {
            Expr::Yes(id) => match answers.get(id) {
                Some(Answer::Yes) => Truth::True,
                Some(Answer::No) => Truth::False,
                _ => Truth::Unknown,
            },
            Expr::Compare(id, op, value) => match answers.get(id) {
                Some(Answer::Number(n)) => match value.parse::<f64>() {
                    Ok(v) => truth(match op {
                        Cmp::Eq => *n == v,
                        Cmp::Ne => *n != v,
                        Cmp::Gt => *n > v,
                        Cmp::Ge => *n >= v,
                        Cmp::Lt => *n < v,
                        Cmp::Le => *n <= v,
                    }),
                    Err(_) => Truth::Unknown,
                },
                Some(Answer::Choice(c)) => match op {
                    Cmp::Eq => truth(c == value),
                    Cmp::Ne => truth(c != value),
                    _ => Truth::Unknown,
                },
                _ => Truth::Unknown,
            },
            Expr::Not(e) => match e.eval(answers) {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unknown => Truth::Unknown,
            },
            Expr::And(es) => {
                let mut out = Truth::True;
                for e in es {
                    match e.eval(answers) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => out = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                out
            }
            Expr::Or(es) => {
                let mut out = Truth::False;
                for e in es {
                    match e.eval(answers) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => out = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                out
            }
        }
    }

    /// The question ids this expression reads.
    pub fn questions(&self, out: &mut Vec<String>) {
        match self {
            Expr::Yes(id) | Expr::Compare(id, _, _) => {
                if !out.contains(id) {
                    out.push(id.clone())
                }
            }
            Expr::Not(e) => e.questions(out),
            Expr::And(es) | Expr::Or(es) => es.iter().for_each(|e| e.questions(out)),
        }
    }
}

fn truth(b: bool) -> Truth {
    if b {
        Truth::True
    } else {
        Truth::False
    }
}

/// Parse `a and (b or not c) and bits > 56 and purpose = confidentiality`.
pub fn parse_expr(src: &str) -> Result<Expr, String> {
    let tokens = lex(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let e = p.or()?;
    if p.pos != p.tokens.len() {
        return Err(format!("unexpected `{}`", p.tokens[p.pos]));
    }
    Ok(e)
}

fn lex(src: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            out.push(c.to_string());
            chars.next();
        } else if "=!<>".contains(c) {
            let mut op = String::from(c);
            chars.next();
            if chars.peek() == Some(&'=') {
                op.push('=');
                chars.next();
            }
            out.push(op);
        } else if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' || d == '.' || d == '-' {
                    w.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(w);
        } else {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<String>,
    pos: usize,
    depth: usize,
}

/// Deeper nesting than any rule needs; the bound keeps hostile input off the stack limit.
const MAX_EXPR_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(String::as_str)
    }
    fn next(&mut self) -> Option<String> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.and()?];
        while self.peek() == Some("or") {
            self.pos += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Expr::Or(items)
        })
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.not()?];
        while self.peek() == Some("and") {
            self.pos += 1;
            items.push(self.not()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one")
        } else {
            Expr::And(items)
        })
    }
    fn not(&mut self) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return Err(format!(
                "the expression is nested more than {MAX_EXPR_DEPTH} levels deep"
            ));
        }
        let e = if self.peek() == Some("not") {
            self.pos += 1;
            self.not().map(|e| Expr::Not(Box::new(e)))
        } else {
            self.atom()
        };
        self.depth -= 1;
        e
    }
    fn atom(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(t) if t == "(" => {
                let e = self.or()?;
                match self.next() {
                    Some(t) if t == ")" => Ok(e),
                    _ => Err("missing `)`".into()),
                }
            }
            Some(id)
                if id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && !["and", "or", "not"].contains(&id.as_str()) =>
            {
                let op = match self.peek() {
                    Some("=") => Cmp::Eq,
                    Some("!=") => Cmp::Ne,
                    Some(">") => Cmp::Gt,
                    Some(">=") => Cmp::Ge,
                    Some("<") => Cmp::Lt,
                    Some("<=") => Cmp::Le,
                    _ => return Ok(Expr::Yes(id)),
                };
                self.pos += 1;
                match self.next() {
                    Some(v) if v != "(" && v != ")" => Ok(Expr::Compare(id, op, v)),
                    _ => Err(format!("`{id}` is compared with nothing")),
                }
            }
            Some(t) => Err(format!("expected a question id, found `{t}`")),
            None => Err("the expression ends too early".into()),
        }
    }
}

/// What the answers say about one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatus {
    Matched,
    NotMatched,
    /// Released by the named note.
    Released(String),
    /// Needs answers to these questions.
    Open(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemFinding {
    pub code: String,
    pub status: ItemStatus,
    /// Notes that may still release the item: the user answered "don't know" to them.
    pub possible_releases: Vec<String>,
}

/// Report each item's status under the answers. A rule comes into the findings once one
/// of its own (not shared) questions has an answer, "don't know" included.
pub fn evaluate(ds: &Dataset, answers: &Answers) -> Vec<ItemFinding> {
    let mut out = Vec::new();
    let shared: Vec<&str> = ds
        .questions
        .iter()
        .filter(|q| q.shared)
        .map(|q| q.id.as_str())
        .collect();
    for rule in &ds.rules {
        let mut used = Vec::new();
        rule.requires.questions(&mut used);
        if !used
            .iter()
            .any(|q| answers.contains_key(q) && !shared.contains(&q.as_str()))
        {
            continue;
        }
        // An item whose own conditions are met is controlled unless the answers establish a
        // release; a release not (yet) established does not keep it open.
        let status = match rule.requires.eval(answers) {
            Truth::False => ItemStatus::NotMatched,
            req => match rule
                .releases
                .iter()
                .find(|r| r.when.eval(answers) == Truth::True)
            {
                Some(r) => ItemStatus::Released(r.note.clone()),
                None if req == Truth::True => ItemStatus::Matched,
                None => {
                    let mut open = Vec::new();
                    rule.requires.questions(&mut open);
                    open.retain(|q| {
                        !matches!(
                            answers.get(q),
                            Some(Answer::Yes | Answer::No | Answer::Number(_) | Answer::Choice(_))
                        )
                    });
                    ItemStatus::Open(open)
                }
            },
        };
        let possible_releases = rule
            .releases
            .iter()
            .filter(|r| {
                let mut qs = Vec::new();
                r.when.questions(&mut qs);
                r.when.eval(answers) == Truth::Unknown
                    && qs.iter().any(|q| answers.get(q) == Some(&Answer::Unknown))
            })
            .map(|r| r.note.clone())
            .collect();
        out.push(ItemFinding {
            code: rule.code.clone(),
            status,
            possible_releases,
        });
    }
    out
}

/// Whether a question should be shown, given the answers so far.
pub fn is_relevant(q: &Question, answers: &Answers) -> bool {
    q.ask_if
        .as_ref()
        .is_none_or(|e| e.eval(answers) == Truth::True)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn parses_and_evaluates_in_three_valued_logic() {
        let e = parse_expr("a and (b or not c) and bits > 56").unwrap();
        let yes = answers(&[
            ("a", Answer::Yes),
            ("b", Answer::No),
            ("c", Answer::No),
            ("bits", Answer::Number(128.0)),
        ]);
        assert_eq!(e.eval(&yes), Truth::True);
        let short = answers(&[
            ("a", Answer::Yes),
            ("b", Answer::Yes),
            ("bits", Answer::Number(56.0)),
        ]);
        assert_eq!(e.eval(&short), Truth::False);
        let unknown = answers(&[
            ("a", Answer::Yes),
            ("b", Answer::Unknown),
            ("c", Answer::Unknown),
            ("bits", Answer::Number(128.0)),
        ]);
        assert_eq!(e.eval(&unknown), Truth::Unknown);
        // False wins over unknown in a conjunction.
        let no = answers(&[("a", Answer::No)]);
        assert_eq!(e.eval(&no), Truth::False);
    }

    #[test]
    fn rejects_malformed_expressions() {
        assert!(parse_expr("a and").is_err());
        assert!(parse_expr("(a or b").is_err());
        assert!(parse_expr("a > ").is_err());
        assert!(parse_expr("a $ b").is_err());
        assert!(parse_expr("A").is_err());
    }

    #[test]
    fn choice_comparison() {
        let e = parse_expr("purpose = confidentiality").unwrap();
        assert_eq!(
            e.eval(&answers(&[(
                "purpose",
                Answer::Choice("confidentiality".into())
            )])),
            Truth::True
        );
        assert_eq!(
            e.eval(&answers(&[(
                "purpose",
                Answer::Choice("authentication".into())
            )])),
            Truth::False
        );
        assert_eq!(e.eval(&answers(&[])), Truth::Unknown);
    }
}
