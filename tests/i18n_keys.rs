//! The translation files stay complete and honest: every key in every language, the same
//! placeholders everywhere, plural forms in pairs, no key the UI does not use, no key the UI
//! uses that English lacks; and every guided question translated into German and French.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dualuse_screener::dataset;
use dualuse_screener::i18n::{parse_catalog, placeholders, Lang};

fn catalog(lang: Lang) -> BTreeMap<String, String> {
    let parsed =
        parse_catalog(lang.source()).unwrap_or_else(|e| panic!("i18n/{}.txt:{e}", lang.code()));
    parsed
        .into_iter()
        .map(|(k, v, _)| (k.to_string(), v.to_string()))
        .collect()
}

/// The string literals of a Rust source (enough for ours: no raw strings hold keys).
fn literals(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = src.chars().peekable();
    let mut in_comment = false;
    let mut prev = '\0';
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
            prev = c;
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
            continue;
        }
        // A char literal such as '"' is not the start of a string.
        if c == '"' && prev != '\'' {
            let mut s = String::new();
            while let Some(d) = chars.next() {
                match d {
                    '\\' => {
                        if let Some(e) = chars.next() {
                            s.push(e);
                        }
                    }
                    '"' => break,
                    _ => s.push(d),
                }
            }
            out.push(s);
            prev = '"';
            continue;
        }
        prev = c;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ui is readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn ui_literals() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
        &mut files,
    );
    assert!(files.len() >= 5, "found the UI sources: {files:?}");
    files
        .iter()
        .flat_map(|f| literals(&std::fs::read_to_string(f).expect("readable source")))
        .collect()
}

fn plural_base(key: &str) -> Option<&str> {
    key.strip_suffix(".one")
        .or_else(|| key.strip_suffix(".other"))
}

#[test]
fn every_key_exists_in_every_language() {
    let en = catalog(Lang::En);
    assert!(en.len() > 100, "English has {} keys", en.len());
    let mut problems = Vec::new();
    for lang in [Lang::De, Lang::Fr] {
        let other = catalog(lang);
        for k in en.keys().filter(|k| !other.contains_key(*k)) {
            problems.push(format!("i18n/{}.txt lacks `{k}`", lang.code()));
        }
        for k in other.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!(
                "i18n/{}.txt has `{k}`, which en.txt lacks",
                lang.code()
            ));
        }
    }
    for lang in Lang::ALL {
        for (k, v) in catalog(lang) {
            if v.trim().is_empty() {
                problems.push(format!("i18n/{}.txt: `{k}` is empty", lang.code()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn placeholders_match_across_languages() {
    let en = catalog(Lang::En);
    let mut problems = Vec::new();
    for lang in [Lang::De, Lang::Fr] {
        for (k, v) in catalog(lang) {
            let Some(e) = en.get(&k) else { continue };
            if placeholders(e) != placeholders(&v) {
                problems.push(format!(
                    "`{k}`: en has {:?}, {} has {:?}",
                    placeholders(e),
                    lang.code(),
                    placeholders(&v)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn plural_forms_come_in_pairs_with_a_count() {
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let c = catalog(lang);
        for k in c.keys() {
            if let Some(base) = plural_base(k) {
                for form in ["one", "other"] {
                    if !c.contains_key(&format!("{base}.{form}")) {
                        problems.push(format!("{}: `{k}` without `{base}.{form}`", lang.code()));
                    }
                }
                if !placeholders(&c[k]).contains(&"count".to_string()) {
                    problems.push(format!("{}: `{k}` does not show {{count}}", lang.code()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_key_is_used_and_every_key_used_exists() {
    let en = catalog(Lang::En);
    let used = ui_literals();
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| !used.contains(*k) && !plural_base(k).is_some_and(|b| used.contains(b)))
        .collect();
    assert!(unused.is_empty(), "keys no file in src/ui uses: {unused:?}");
    // Literals that look like our keys (a known namespace, dotted) must exist in English.
    let namespaces: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
    let missing: Vec<&String> = used
        .iter()
        .filter(|s| {
            let first = s.split('.').next().unwrap_or("");
            s.contains('.')
                && namespaces.contains(first)
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
        })
        .filter(|s| {
            let plural =
                en.contains_key(&format!("{s}.one")) && en.contains_key(&format!("{s}.other"));
            !(en.contains_key(*s) || plural)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in src/ui but missing from en.txt: {missing:?}"
    );
}

#[test]
fn every_guided_question_is_translated() {
    let mut problems = Vec::new();
    for q in &dataset().questions {
        for lang in ["de", "fr"] {
            if q.ask_in(lang) == q.ask {
                problems.push(format!("question `{}`: no ask-{lang}", q.id));
            }
            if !q.help.is_empty() && q.help_in(lang) == q.help {
                problems.push(format!("question `{}`: no help-{lang}", q.id));
            }
            let english: Vec<&str> = q.choices.iter().map(|(_, l)| l.as_str()).collect();
            let translated: Vec<&str> = q.choices_in(lang).iter().map(|(_, l)| *l).collect();
            for (e, t) in english.iter().zip(&translated) {
                if e == t && e.len() > 12 {
                    problems.push(format!(
                        "question `{}`: choice `{e}` has no {lang} label",
                        q.id
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_sees_literals_not_comments() {
    let src = "let a = t(l, \"x.y\"); // t(l, \"not.this\")\nlet q = '\"'; let b = \"a\\\"b\";";
    assert_eq!(literals(src), vec!["x.y".to_string(), "a\"b".to_string()]);
}

#[test]
fn broken_question_translations_fail_the_data_build() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let files = dualuse_core::compile::read_data_dir(&dir).expect("data/ is readable");
    let with = |from: &str, to: &str| -> Vec<String> {
        let mut files = files.clone();
        let q = files
            .iter_mut()
            .find(|(p, _)| p == "questions.txt")
            .expect("questions.txt");
        assert!(q.1.contains(from), "the data still holds `{from}`");
        q.1 = q.1.replacen(from, to, 1);
        let compiled = dualuse_core::compile::compile(&files);
        compiled.errors.iter().map(|e| e.to_string()).collect()
    };
    let errors = with("ask-de: Was führen Sie aus?", "ask-es: ¿Qué exporta?");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("questions.txt:") && e.contains("unknown language `es`")),
        "{errors:?}"
    );
    let errors = with("choices-de: equipment = ", "choices-de: equipement = ");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`choices-de` must have the values of `choices`")),
        "{errors:?}"
    );
    let errors = with(
        "ask-fr: Permet-il une surveillance secrète",
        "help-fr: x\nask-fr: Permet-il une surveillance secrète",
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`help-fr` translates a `help:`")),
        "{errors:?}"
    );
}
