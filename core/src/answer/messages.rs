//! The words the core writes (the grounds of a verdict, what was checked, the due-diligence
//! steps, the Markdown report) as message ids with arguments, rendered in English, German or
//! French.
//!
//! The rules in `assess` build a [`Msg`]: an id of the catalogue and its arguments (codes,
//! citations, dates, country codes, question ids, nested phrases). The catalogues are
//! `core/i18n/{en,de,fr}.txt` (`key = value`, `{name}` placeholders, `#` comments), embedded
//! and parsed on first use. English renders the JS API's `{ rule, text }` (a contract: its
//! wording is what embedders and tests see); the UI and the report render the user's
//! language. Citations and legal text are arguments of their own ([`Arg::Cite`]) so a
//! renderer can mark them as English ([`Piece::Legal`]), as the banner says they stay.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Dataset;

/// The languages the catalogues hold, by BCP 47 code.
pub const LANGS: [&str; 3] = ["en", "de", "fr"];

/// A message of the catalogue with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it stands in every language: codes, dates, numbers, UGEA codes.
    Plain(String),
    /// A legal citation or legal text, which stays in the original English.
    Cite(String),
    /// A phrase of the catalogue.
    Msg(Msg),
    /// Several arguments joined by a separator that every language shares ("; ", ", ").
    List(Vec<Arg>, &'static str),
    /// A guided question by id: its text in the language, in quotation marks.
    Question(String),
    /// A country by ISO code: its name in the language.
    Country(String),
}

impl Msg {
    pub fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    /// Add an argument.
    pub fn with(mut self, name: &'static str, arg: impl Into<Arg>) -> Msg {
        self.args.push((name, arg.into()));
        self
    }

    /// Shorthand: a plain (untranslated, language-neutral) argument.
    pub fn plain(self, name: &'static str, value: impl Into<String>) -> Msg {
        self.with(name, Arg::Plain(value.into()))
    }

    /// Shorthand: a citation.
    pub fn cite(self, name: &'static str, value: impl Into<String>) -> Msg {
        self.with(name, Arg::Cite(value.into()))
    }

    /// The text in English.
    pub fn en(&self, ds: &Dataset) -> String {
        render(ds, "en", self)
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(m)
    }
}

/// A piece of rendered text: the language's own words, or legal text/citations that stay
/// English (a UI marks them `lang="en"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Legal(String),
}

fn parse(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

/// The catalogue source of a language (`None` for one we do not hold).
pub fn source(lang: &str) -> Option<&'static str> {
    match lang {
        "en" => Some(include_str!("../../i18n/en.txt")),
        "de" => Some(include_str!("../../i18n/de.txt")),
        "fr" => Some(include_str!("../../i18n/fr.txt")),
        _ => None,
    }
}

fn catalog(lang: &str) -> &'static HashMap<&'static str, &'static str> {
    static CATALOGS: [OnceLock<HashMap<&'static str, &'static str>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = LANGS.iter().position(|l| *l == lang).unwrap_or(0);
    CATALOGS[i].get_or_init(|| parse(source(LANGS[i]).unwrap_or_default()))
}

/// The template of `id` in `lang`; English when the language lacks it, the id when English
/// does too (tests keep both from happening).
pub fn template(lang: &str, id: &str) -> &'static str {
    catalog(lang)
        .get(id)
        .or_else(|| catalog("en").get(id))
        .copied()
        .unwrap_or("\u{2047}")
}

/// Whether `lang`'s catalogue has `id` itself (no fallback).
pub fn has(lang: &str, id: &str) -> bool {
    catalog(lang).contains_key(id)
}

/// The text of a message without arguments (a label).
pub fn label(lang: &str, id: &str) -> &'static str {
    template(lang, id)
}

/// A message in `lang` as one string.
pub fn render(ds: &Dataset, lang: &str, msg: &Msg) -> String {
    pieces(ds, lang, msg)
        .into_iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Legal(s) => s,
        })
        .collect()
}

/// A message in `lang` as pieces, legal text apart.
pub fn pieces(ds: &Dataset, lang: &str, msg: &Msg) -> Vec<Piece> {
    let mut out = Vec::new();
    push_msg(ds, lang, msg, &mut out);
    // Merge neighbours of the same kind.
    let mut merged: Vec<Piece> = Vec::with_capacity(out.len());
    for p in out {
        match (merged.last_mut(), p) {
            (Some(Piece::Text(a)), Piece::Text(b)) | (Some(Piece::Legal(a)), Piece::Legal(b)) => {
                a.push_str(&b)
            }
            (_, p) => merged.push(p),
        }
    }
    merged.retain(|p| !matches!(p, Piece::Text(s) | Piece::Legal(s) if s.is_empty()));
    merged
}

fn push_msg(ds: &Dataset, lang: &str, msg: &Msg, out: &mut Vec<Piece>) {
    let mut rest = template(lang, msg.id);
    while let Some(start) = rest.find('{') {
        out.push(Piece::Text(rest[..start].to_string()));
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push(Piece::Text(rest[start..].to_string()));
            rest = "";
            break;
        };
        let name = &after[..end];
        match msg.args.iter().find(|(k, _)| *k == name) {
            Some((_, arg)) => push_arg(ds, lang, arg, out),
            None => out.push(Piece::Text(format!("{{{name}}}"))),
        }
        rest = &after[end + 1..];
    }
    out.push(Piece::Text(rest.to_string()));
}

fn push_arg(ds: &Dataset, lang: &str, arg: &Arg, out: &mut Vec<Piece>) {
    match arg {
        Arg::Plain(s) => out.push(Piece::Text(s.clone())),
        Arg::Cite(s) => out.push(Piece::Legal(s.clone())),
        Arg::Msg(m) => push_msg(ds, lang, m, out),
        Arg::List(items, sep) => {
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    out.push(Piece::Text(sep.to_string()));
                }
                push_arg(ds, lang, a, out);
            }
        }
        Arg::Question(id) => {
            let text = ds
                .questions
                .iter()
                .find(|q| &q.id == id)
                .map(|q| q.ask_in(lang).to_string())
                .unwrap_or_else(|| id.clone());
            let (open, close) = match lang {
                "de" => ("„", "“"),
                "fr" => ("« ", " »"),
                _ => ("\"", "\""),
            };
            out.push(Piece::Text(format!("{open}{text}{close}")));
        }
        Arg::Country(code) => {
            let name = ds
                .country(code)
                .map(|c| match lang {
                    "de" => c.name_de.clone(),
                    "fr" => c.name_fr.clone(),
                    _ => c.name_en.clone(),
                })
                .unwrap_or_else(|| code.clone());
            out.push(Piece::Text(name));
        }
    }
}

/// Parse a catalogue (these and the UI's i18n/*.txt): `(key, value, line)` in file order, or
/// `line: what is wrong`.
pub fn parse_catalog(text: &str) -> Result<Vec<(&str, &str, usize)>, String> {
    let mut out: Vec<(&str, &str, usize)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(" = ") else {
            return Err(format!("{}: expected `key = value`", i + 1));
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        {
            return Err(format!("{}: bad key `{key}`", i + 1));
        }
        if out.iter().any(|(k, _, _)| *k == key) {
            return Err(format!("{}: `{key}` defined twice", i + 1));
        }
        out.push((key, value.trim(), i + 1));
    }
    Ok(out)
}

/// The placeholders `{name}` of a template, sorted and deduplicated.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out.sort();
    out.dedup();
    out
}

impl Msg {
    /// The guided questions the message names (`Arg::Question`), nested phrases included, in
    /// order of appearance.
    pub fn question_ids(&self) -> Vec<String> {
        fn walk(arg: &Arg, out: &mut Vec<String>) {
            match arg {
                Arg::Question(id) => {
                    if !out.contains(id) {
                        out.push(id.clone())
                    }
                }
                Arg::Msg(m) => m.args.iter().for_each(|(_, a)| walk(a, out)),
                Arg::List(items, _) => items.iter().for_each(|a| walk(a, out)),
                Arg::Plain(_) | Arg::Cite(_) | Arg::Country(_) => {}
            }
        }
        let mut out = Vec::new();
        self.args.iter().for_each(|(_, a)| walk(a, &mut out));
        out
    }
}

/// A ground as shown: the rule it rests on, once. `rule` is the label to put in front
/// (`None` when the text itself begins with the citation: `lead` then says the first piece
/// is that citation, for a renderer to set in bold), `pieces` the text in `lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroundText {
    pub rule: Option<String>,
    pub lead: bool,
    pub pieces: Vec<Piece>,
}

/// Whether `text` begins with the citation `rule` as a whole ("Art. 4(1)" begins "Art.
/// 4(1) of Regulation ..." and "art. 4(1) du règlement", not "Art. 4(1)(b)"); the first
/// letter is compared without case (French writes "art.").
fn cites(text: &str, rule: &str) -> bool {
    let (Some(t0), Some(r0)) = (text.chars().next(), rule.chars().next()) else {
        return false;
    };
    if t0.to_lowercase().ne(r0.to_lowercase())
        || !text[t0.len_utf8()..].starts_with(&rule[r0.len_utf8()..])
    {
        return false;
    }
    match text[rule.len()..].chars().next() {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric()
                || c == '('
                || c == '.' && rule.ends_with(|c: char| c.is_ascii_digit()))
        }
    }
}

/// A ground in `lang` with its rule said once. The grounds' texts often cite the rule they
/// rest on, which in front of them would then stand twice ("Art. 3(1): Art. 3(1) of
/// Regulation (EU) 2021/821; Annex I 5A001.f: the export ..."):
/// - a text that begins with the rule's citation keeps it and loses the label;
/// - a text that cites the rule in brackets, "(Art. 11(1))" or "(Art. 11(1) of Regulation
///   ...)", keeps the label and loses the brackets;
/// - `open` and `released` are labels in `lang`; other texts keep the rule as their label.
pub fn ground_text(ds: &Dataset, lang: &str, rule: &str, msg: &Msg) -> GroundText {
    let pieces = pieces(ds, lang, msg);
    if rule == "open" || rule == "released" {
        return GroundText {
            rule: Some(label(lang, &format!("rule.{rule}")).to_string()),
            lead: false,
            pieces,
        };
    }
    if let Some(Piece::Legal(first)) = pieces.first() {
        if cites(first, rule) {
            return GroundText {
                rule: None,
                lead: true,
                pieces,
            };
        }
    }
    // Characters with their kind, to cut a bracket that spans pieces.
    let chars: Vec<(char, bool)> = pieces
        .iter()
        .flat_map(|p| match p {
            Piece::Text(s) => s.chars().map(|c| (c, false)).collect::<Vec<_>>(),
            Piece::Legal(s) => s.chars().map(|c| (c, true)).collect(),
        })
        .collect();
    let text: String = chars.iter().map(|(c, _)| c).collect();
    let mut cut: Option<(usize, usize)> = None;
    for (open, _) in text.char_indices().filter(|(_, c)| *c == '(') {
        let inner = &text[open + 1..];
        if !cites(inner, rule) {
            continue;
        }
        // The matching bracket.
        let mut depth = 1;
        let mut close = None;
        for (i, c) in inner.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(open + 1 + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(close) = close {
            // With the space before the bracket.
            let start = if text[..open].ends_with(' ') {
                open - 1
            } else {
                open
            };
            cut = Some((start, close + 1));
            break;
        }
    }
    let pieces = match cut {
        None => pieces,
        Some((start, end)) => {
            let mut out: Vec<Piece> = Vec::new();
            let mut byte = 0;
            for (c, legal) in chars {
                let at = byte;
                byte += c.len_utf8();
                if at >= start && at < end {
                    continue;
                }
                match (out.last_mut(), legal) {
                    (Some(Piece::Legal(s)), true) | (Some(Piece::Text(s)), false) => s.push(c),
                    (_, true) => out.push(Piece::Legal(c.to_string())),
                    (_, false) => out.push(Piece::Text(c.to_string())),
                }
            }
            out
        }
    };
    GroundText {
        rule: Some(rule.to_string()),
        lead: false,
        pieces,
    }
}

/// A ground in `lang` as one line of plain text ("rule: text", the rule once).
pub fn ground_line(ds: &Dataset, lang: &str, rule: &str, msg: &Msg) -> String {
    let g = ground_text(ds, lang, rule, msg);
    let text: String = g
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Text(s) | Piece::Legal(s) => s.as_str(),
        })
        .collect();
    match g.rule {
        Some(r) => format!("{r}: {text}"),
        None => text,
    }
}
