//! data/annex-i/review.txt: what maintainers decided about imported records, kept across
//! re-imports. A record there can restore text the rendering garbled (body lines `old text
//! => new text`, checked against the second parse named in its note) and settle verification
//! (`verified`, `verified-note`). A correction that no longer matches fails the import, so
//! that next year's text is looked at again rather than silently patched.

use super::{ImportedRecord, SourceInfo};
use crate::records::{parse_records, Errors};
use std::cell::RefCell;
use std::collections::BTreeMap;

pub const PATH: &str = "annex-i/review.txt";

#[derive(Debug, Default)]
pub struct Review {
    records: BTreeMap<String, Decision>,
    used: RefCell<Vec<String>>,
}

#[derive(Debug, Default, Clone)]
struct Decision {
    line: u32,
    replacements: Vec<(String, String)>,
    verified: Option<bool>,
    note: Option<String>,
}

impl Review {
    pub fn parse(text: &str) -> Result<Review, String> {
        let mut errors = Errors::default();
        let file = parse_records(PATH, text, &mut errors);
        if let Some(e) = errors.0.first() {
            return Err(e.to_string());
        }
        let mut review = Review::default();
        for r in file.records {
            let mut d = Decision {
                line: r.line,
                ..Decision::default()
            };
            for l in r.body.iter().flatten() {
                let (old, new) = l.text.split_once(" => ").ok_or_else(|| {
                    format!(
                        "{PATH}:{}: a correction reads `old text => new text`",
                        l.line
                    )
                })?;
                d.replacements.push((old.to_string(), new.to_string()));
            }
            for m in &r.meta {
                match m.key.as_str() {
                    "verified" => d.verified = Some(m.value == "yes"),
                    "verified-note" => d.note = Some(m.value.clone()),
                    other => {
                        return Err(format!(
                            "{PATH}:{}: unknown key `{other}` (known: verified, verified-note; corrections go in the body)",
                            m.line
                        ))
                    }
                }
            }
            if d.verified.is_some() != d.note.is_some() {
                return Err(format!(
                    "{PATH}:{}: `verified` and `verified-note` go together",
                    r.line
                ));
            }
            review.records.insert(r.key, d);
        }
        Ok(review)
    }

    /// Apply the corrections for `key` to its body lines.
    pub fn apply(&self, key: &str, lines: &mut [String]) -> Result<(), String> {
        let Some(d) = self.records.get(key) else {
            return Ok(());
        };
        self.used.borrow_mut().push(key.to_string());
        for (old, new) in &d.replacements {
            let line = lines.iter_mut().find(|l| l.contains(old.as_str())).ok_or_else(|| {
                format!(
                    "{PATH}:{}: the correction of {key} no longer applies: `{old}` is not in the imported text; look at the new text and update or remove it",
                    d.line
                )
            })?;
            *line = line.replacen(old.as_str(), new, 1);
        }
        Ok(())
    }

    /// Whether the record counts as verified, and the note that says against what.
    pub fn verdict(&self, rec: &ImportedRecord, source: &SourceInfo) -> (bool, String) {
        if let Some(d) = self.records.get(&rec.key) {
            self.used.borrow_mut().push(rec.key.clone());
            if let (Some(v), Some(n)) = (d.verified, &d.note) {
                return (v, n.clone());
            }
        }
        let compared = format!(
            "compared with the consolidated text of Regulation (EU) 2021/821 (EUR-Lex), Annex I as of {}",
            display_date(&source.annex_as_of)
        );
        if rec.body.anomalies.is_empty() {
            (true, format!("Word for word as {compared}."))
        } else {
            let places: Vec<String> = rec
                .body
                .anomalies
                .iter()
                .map(|a| format!("source line {}: {}", a.line, a.what))
                .collect();
            (
                false,
                format!(
                    "Imported and {compared}, but the layout of these places could not be read with certainty; read them in the official text: {}",
                    places.join("; ")
                ),
            )
        }
    }

    /// Every review record must name a record of the import.
    pub fn check_all_used(&self) -> Result<(), String> {
        let used = self.used.borrow();
        for (key, d) in &self.records {
            if !used.contains(key) {
                return Err(format!(
                    "{PATH}:{}: {key} is not in the imported annex any more",
                    d.line
                ));
            }
        }
        Ok(())
    }
}

/// 2025-11-15 -> 15 November 2025.
pub fn display_date(iso: &str) -> String {
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match m
            .parse::<usize>()
            .ok()
            .and_then(|m| months.get(m.wrapping_sub(1)))
        {
            Some(month) => format!("{} {month} {y}", d.trim_start_matches('0')),
            None => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}
