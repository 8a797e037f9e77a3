//! Reading data/questions.txt (the guided questions, with their German and French texts)
//! and data/screening-rules.txt (which answers make an item listed, open or released) into
//! the Dataset. The questions, the rule language and their evaluation are in
//! answer/questions.rs.

use crate::model::Dataset;
use crate::questions::*;
use crate::records::{list, parse_records, Errors};

fn parse_choices(v: &str) -> Vec<(String, String)> {
    list(v, ';')
        .into_iter()
        .filter_map(|c| {
            c.split_once('=')
                .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        })
        .collect()
}

pub fn compile_questions(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    if f.header("source").unwrap_or("").is_empty() {
        errors.push(
            path,
            1,
            "missing `@source:` header (provenance is required)",
        );
    }
    for r in &f.records {
        let kind = match r.value("type").unwrap_or("yes-no") {
            "yes-no" => QuestionKind::YesNo,
            "number" => QuestionKind::Number,
            "choice" => QuestionKind::Choice,
            other => {
                errors.push(path, r.line, format!("unknown question type `{other}`"));
                QuestionKind::YesNo
            }
        };
        let choices: Vec<(String, String)> =
            r.value("choices").map(parse_choices).unwrap_or_default();
        if kind == QuestionKind::Choice && choices.is_empty() {
            errors.push(
                path,
                r.line,
                format!(
                    "choice question `{}` needs `choices: value = label; ...`",
                    r.key
                ),
            );
        }
        let ask = r.value("ask").unwrap_or("").to_string();
        if ask.is_empty() {
            errors.push(path, r.line, format!("question `{}` needs `ask:`", r.key));
        }
        let tests = r.value("tests").map(|v| list(v, ',')).unwrap_or_default();
        for t in &tests {
            let looks_like_code = t.as_bytes().first().is_some_and(u8::is_ascii_digit);
            if looks_like_code
                && crate::model::nearest_existing(ds, t).as_deref() != Some(t.as_str())
            {
                errors.push(
                    path,
                    r.get("tests").map(|m| m.line).unwrap_or(r.line),
                    format!("question `{}` tests `{t}`, which is not in the data", r.key),
                );
            }
        }
        let ask_if = match r.get("ask-if") {
            Some(m) => match parse_expr(&m.value) {
                Ok(e) => Some(e),
                Err(e) => {
                    errors.push(path, m.line, format!("ask-if: {e}"));
                    None
                }
            },
            None => None,
        };
        if ds.questions.iter().any(|q| q.id == r.key) {
            errors.push(path, r.line, format!("question `{}` defined twice", r.key));
        }
        let translations = question_translations(errors, path, r, &choices);
        ds.questions.push(Question {
            id: r.key.clone(),
            ask,
            help: r.value("help").unwrap_or("").into(),
            kind,
            unit: r.value("unit").unwrap_or("").into(),
            choices,
            topic: r.value("topic").unwrap_or("item").into(),
            tests,
            ask_if,
            shared: r.value("shared") == Some("yes"),
            translations,
            line: r.line,
        });
    }
    // Every question an ask-if reads must exist.
    let ids: Vec<String> = ds.questions.iter().map(|q| q.id.clone()).collect();
    for q in &ds.questions {
        let mut used = Vec::new();
        if let Some(e) = &q.ask_if {
            e.questions(&mut used);
        }
        for u in used {
            if !ids.contains(&u) {
                errors.push(
                    path,
                    q.line,
                    format!("question `{}` depends on unknown question `{u}`", q.id),
                );
            }
        }
    }
}

/// Read `ask-de`, `help-fr`, `choices-de` ...: the language must be known, a translated
/// help needs an English one, and translated choices must have the English values, in order.
fn question_translations(
    errors: &mut Errors,
    path: &str,
    r: &crate::records::Record,
    choices: &[(String, String)],
) -> Vec<QuestionText> {
    let mut out: Vec<QuestionText> = Vec::new();
    for m in r.meta.iter().filter(|m| m.key != "ask-if") {
        let Some((field, lang)) = ["ask-", "help-", "choices-"]
            .iter()
            .find_map(|p| m.key.strip_prefix(p).map(|l| (&p[..p.len() - 1], l)))
        else {
            continue;
        };
        if !QUESTION_LANGS.contains(&lang) {
            errors.push(
                path,
                m.line,
                format!(
                    "`{}`: unknown language `{lang}` (known: {})",
                    m.key,
                    QUESTION_LANGS.join(", ")
                ),
            );
            continue;
        }
        if m.value.trim().is_empty() {
            errors.push(path, m.line, format!("`{}` is empty", m.key));
            continue;
        }
        let i = match out.iter().position(|t| t.lang == lang) {
            Some(i) => i,
            None => {
                out.push(QuestionText {
                    lang: lang.to_string(),
                    ..QuestionText::default()
                });
                out.len() - 1
            }
        };
        let t = &mut out[i];
        match field {
            "ask" => t.ask = m.value.clone(),
            "help" => {
                if r.value("help").unwrap_or("").is_empty() {
                    errors.push(
                        path,
                        m.line,
                        format!(
                            "`{}` translates a `help:` the question does not have",
                            m.key
                        ),
                    );
                }
                t.help = m.value.clone();
            }
            _ => {
                let translated = parse_choices(&m.value);
                let values: Vec<&str> = translated.iter().map(|(v, _)| v.as_str()).collect();
                let expected: Vec<&str> = choices.iter().map(|(v, _)| v.as_str()).collect();
                if values != expected {
                    errors.push(
                        path,
                        m.line,
                        format!(
                            "`{}` must have the values of `choices`, in order ({}), got ({})",
                            m.key,
                            expected.join(", "),
                            values.join(", ")
                        ),
                    );
                }
                if translated.iter().any(|(_, l)| l.is_empty()) {
                    errors.push(path, m.line, format!("`{}`: a choice has no label", m.key));
                }
                t.choices = translated;
            }
        }
    }
    out
}

pub fn compile_rules(errors: &mut Errors, ds: &mut Dataset, path: &str, text: &str) {
    let f = parse_records(path, text, errors);
    if f.header("source").unwrap_or("").is_empty() {
        errors.push(
            path,
            1,
            "missing `@source:` header (provenance is required)",
        );
    }
    let ids: Vec<String> = ds.questions.iter().map(|q| q.id.clone()).collect();
    for r in &f.records {
        let is_article = r.key.starts_with("ART-");
        if !is_article
            && crate::model::nearest_existing(ds, &r.key).as_deref() != Some(r.key.as_str())
        {
            errors.push(
                path,
                r.line,
                format!("rule for `{}`: no such code in the data", r.key),
            );
        }
        let check = |e: &Expr, line: u32, errors: &mut Errors| {
            let mut used = Vec::new();
            e.questions(&mut used);
            for u in used {
                if !ids.contains(&u) {
                    errors.push(
                        path,
                        line,
                        format!("rule `{}` reads unknown question `{u}`", r.key),
                    );
                }
            }
        };
        let Some(req) = r.get("requires") else {
            errors.push(path, r.line, format!("rule `{}` needs `requires:`", r.key));
            continue;
        };
        let requires = match parse_expr(&req.value) {
            Ok(e) => e,
            Err(e) => {
                errors.push(path, req.line, format!("requires: {e}"));
                continue;
            }
        };
        check(&requires, req.line, errors);
        let mut releases = Vec::new();
        for m in r.meta.iter().filter(|m| m.key.starts_with("release")) {
            let Some((expr, note)) = m.value.split_once("=>") else {
                errors.push(
                    path,
                    m.line,
                    "a release reads `expression => the note that releases`",
                );
                continue;
            };
            match parse_expr(expr) {
                Ok(e) => {
                    check(&e, m.line, errors);
                    releases.push(Release {
                        when: e,
                        note: note.trim().to_string(),
                    });
                }
                Err(e) => errors.push(path, m.line, format!("{}: {e}", m.key)),
            }
        }
        ds.rules.push(ScreeningRule {
            code: r.key.clone(),
            requires,
            releases,
            line: r.line,
        });
    }
}
