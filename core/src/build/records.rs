//! The record format shared by the data files (see data/README.md):
//! `@key: value` header lines, then records `== KEY`, `key: value` metadata, `---`, body.

use std::fmt;

/// A data error with its place, printed as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: u32,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Collects errors so one run reports all of them, not only the first.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<DataError>);

impl Errors {
    pub fn push(&mut self, file: &str, line: u32, message: impl Into<String>) {
        self.0.push(DataError {
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub key: String,
    pub value: String,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct BodyLine {
    pub line: u32,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub key: String,
    pub line: u32,
    pub meta: Vec<Meta>,
    /// `None` when the record has no `---` (heading-only entries).
    pub body: Option<Vec<BodyLine>>,
}

impl Record {
    pub fn get(&self, key: &str) -> Option<&Meta> {
        self.meta.iter().find(|m| m.key == key)
    }

    pub fn value(&self, key: &str) -> Option<&str> {
        self.get(key).map(|m| m.value.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct RecordFile {
    pub path: String,
    pub header: Vec<Meta>,
    pub records: Vec<Record>,
}

impl RecordFile {
    pub fn header(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }
}

/// Split `key: value`; keys are lower-case words with dashes.
fn split_meta(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    key_ok.then(|| (key, value.trim()))
}

pub fn parse_records(path: &str, text: &str, errors: &mut Errors) -> RecordFile {
    let mut file = RecordFile {
        path: path.to_string(),
        header: Vec::new(),
        records: Vec::new(),
    };
    let mut in_body = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = raw.trim_end();
        if line.contains('\t') {
            errors.push(path, line_no, "tab character: indent with spaces");
        }
        if let Some(key) = line.strip_prefix("== ") {
            let key = key.trim();
            if key.is_empty() {
                errors.push(path, line_no, "record marker `==` without a key");
            }
            file.records.push(Record {
                key: key.to_string(),
                line: line_no,
                meta: Vec::new(),
                body: None,
            });
            in_body = false;
            continue;
        }
        if line.starts_with('#') && !in_body {
            continue;
        }
        let Some(record) = file.records.last_mut() else {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix('@').and_then(split_meta) {
                Some((k, v)) => file.header.push(Meta {
                    key: k.into(),
                    value: v.into(),
                    line: line_no,
                }),
                None => errors.push(
                    path,
                    line_no,
                    format!(
                        "expected a header line `@key: value` or a record `== KEY`, found `{line}`"
                    ),
                ),
            }
            continue;
        };
        if in_body {
            // A '#' in column 0 inside a body is still a comment; text never starts with '#'.
            if line.starts_with('#') {
                continue;
            }
            if let Some(body) = record.body.as_mut() {
                body.push(BodyLine {
                    line: line_no,
                    text: line.to_string(),
                });
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        if line == "---" {
            record.body = Some(Vec::new());
            in_body = true;
            continue;
        }
        match split_meta(line) {
            Some((k, v)) => {
                if record.get(k).is_some() {
                    errors.push(
                        path,
                        line_no,
                        format!("`{k}` given twice in record `{}`", record.key),
                    );
                }
                record.meta.push(Meta {
                    key: k.into(),
                    value: v.into(),
                    line: line_no,
                })
            }
            None => errors.push(
                path,
                line_no,
                format!(
                    "expected `key: value` metadata or `---` in record `{}`, found `{line}`",
                    record.key
                ),
            ),
        }
    }
    // Trailing blank lines belong to nobody.
    for record in &mut file.records {
        if let Some(body) = record.body.as_mut() {
            while body.last().is_some_and(|l| l.text.is_empty()) {
                body.pop();
            }
        }
    }
    file
}

/// Split a list value on `sep`, trimming and dropping empties.
pub fn list(value: &str, sep: char) -> Vec<String> {
    value
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// `yes`/`no` (also true/false); anything else is an error.
pub fn yes_no(meta: &Meta, path: &str, errors: &mut Errors) -> bool {
    match meta.value.to_ascii_lowercase().as_str() {
        "yes" | "true" => true,
        "no" | "false" => false,
        other => {
            errors.push(
                path,
                meta.line,
                format!("`{}` must be yes or no, found `{other}`", meta.key),
            );
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_records_meta_and_body() {
        let mut e = Errors::default();
        let f = parse_records(
            "x.txt",
            "@source: OJ\n@as-of: 2025-11-15\n\n== 5A002\nheading: H\nverified: no\n---\na. one\n  1. two\n\n== 5A003\nheading: K\n",
            &mut e,
        );
        assert!(e.0.is_empty(), "{:?}", e.0);
        assert_eq!(f.header("source"), Some("OJ"));
        assert_eq!(f.records.len(), 2);
        assert_eq!(f.records[0].value("heading"), Some("H"));
        let body = f.records[0].body.as_ref().unwrap();
        assert_eq!(body.len(), 2);
        assert_eq!(body[1].line, 9);
        assert!(f.records[1].body.is_none());
    }

    #[test]
    fn reports_bad_lines_with_their_line_number() {
        let mut e = Errors::default();
        parse_records("x.txt", "@source: a\n== 1A001\nheading x\n", &mut e);
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].line, 3);
        assert!(e.0[0].to_string().starts_with("x.txt:3: "));
    }
}
