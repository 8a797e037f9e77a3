//! The plain-language questions of data/checklist-questions.txt: what they cover, how the
//! checklist carries them in each language, and the build errors that keep them to the law.

use std::collections::BTreeMap;
use std::path::Path;

use dualuse_core::checklist::{checklist_in, ChecklistNode};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::Dataset;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    read_data_dir(&dir).expect("data/ is readable")
}

fn dataset() -> Dataset {
    let c = compile(&files());
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

fn find<'a>(n: &'a ChecklistNode, code: &str) -> Option<&'a ChecklistNode> {
    if n.code == code {
        return Some(n);
    }
    n.children.iter().find_map(|c| find(c, code))
}

const HEADER: &str = "@source: test\n@as-of: 2025-11-15\n";

/// The errors of the data with `questions` as data/checklist-questions.txt.
fn errors_with(questions: &str) -> Vec<String> {
    let mut files = files();
    files.retain(|(p, _)| p != "checklist-questions.txt");
    files.push(("checklist-questions.txt".into(), questions.into()));
    let c = compile(&files);
    assert!(c.dataset.is_none() || c.errors.is_empty());
    c.errors
        .iter()
        .map(|e| format!("{}:{}: {}", e.file, e.line, e.message))
        .collect()
}

#[test]
fn questions_cover_the_entries_exporters_ask_about() {
    let ds = dataset();
    let leads = &ds.checklist_leads;
    assert!(leads.keys.len() >= 150, "{} questions", leads.keys.len());
    let mut per_entry: BTreeMap<&str, usize> = BTreeMap::new();
    for k in &leads.keys {
        let code = dualuse_core::checklist::key_code(k);
        *per_entry
            .entry(code.split('.').next().unwrap_or(code))
            .or_default() += 1;
    }
    let outside_4_and_5 = per_entry
        .keys()
        .filter(|c| !c.starts_with('4') && !c.starts_with('5'))
        .count();
    assert!(outside_4_and_5 >= 15, "{per_entry:?}");
    for code in [
        "2B001", "2B350", "2B352", "1C350", "3A001", "3A002", "3B001", "6A002", "6A003", "6A005",
        "6A008", "7A003", "7A005", "9A012",
    ] {
        assert!(
            per_entry.get(code).is_some_and(|&n| n >= 3),
            "{code}: {per_entry:?}"
        );
    }
    // Every question in three languages.
    for l in 0..3 {
        assert!(leads.ask[l].iter().all(|a| !a.is_empty()));
    }
}

#[test]
fn the_checklist_carries_the_question_in_the_users_language() {
    let ds = dataset();
    let en = checklist_in(&ds, "2B001", "en").expect("2B001");
    let b = find(&en, "2B001.b").and_then(|n| n.question.as_ref());
    assert_eq!(
        b.map(|q| q.ask.as_str()),
        Some("Is it a machine tool for milling (a milling machine or machining centre)?")
    );
    // The law's words are still the node's text.
    assert_eq!(
        find(&en, "2B001.b").map(|n| n.text.as_str()),
        Some("Machine tools for milling having any of the following:")
    );
    // Help where the term is hard; none elsewhere; no question where the data has none.
    let a = find(&en, "2B001.a").and_then(|n| n.question.as_ref());
    assert!(a
        .and_then(|q| q.help.as_deref())
        .is_some_and(|h| h.contains("Contouring control")));
    assert_eq!(b.and_then(|q| q.help.as_ref()), None);
    assert_eq!(
        find(&en, "2B001.b.4.a").map(|n| n.question.is_none()),
        Some(true)
    );
    // A release's question, by its key.
    let note = en.releases.iter().find(|r| r.key == "Note 1 to 2B001");
    assert!(note
        .and_then(|r| r.question.as_ref())
        .is_some_and(|q| q.ask.contains("gears")));
    // German and French.
    let de = checklist_in(&ds, "2B001.b", "de").expect("2B001.b");
    assert!(de.question.is_some_and(|q| q.ask.contains("Fräsen")));
    let fr = checklist_in(&ds, "2B001.b", "fr").expect("2B001.b");
    assert!(fr.question.is_some_and(|q| q.ask.contains("fraisage")));
    // The plain checklist (no language) stays as it was: questions only through checklist_in.
    let plain = dualuse_core::checklist::checklist(&ds, "2B001.b").expect("2B001.b");
    assert!(plain.question.is_none());
}

#[test]
fn a_question_that_strays_from_the_law_fails_the_build() {
    let ok = "ask: Is it a milling machine?\nask-de: Fräsmaschine?\nask-fr: Fraiseuse ?\n";
    let errs = errors_with(&format!(
        "{HEADER}\n== 2B001.z\n{ok}\n== 2B001.b\n{ok}\n== 2B001.b\n{ok}\n== 2B001.c\nask: Grinding?\nask-fr: Rectifieuse ?\n\n== 2B001.d\n{ok}help-de: Hilfe\n\n== 2B001.f\nask: Deeper than 6 m?\nask-de: Tiefer als 5 m?\nask-fr: Plus de 5 m ?\nhelp: See 2B001.f and 9A012.a.\nhelp-de: Siehe 2B001.f.\nhelp-fr: Voir 2B001.f.\n\n== Note 9 to 2B001\n{ok}\n== Note 1 to 2B001\n{ok}hepl: typo\n"
    ));
    let expected = [
        "checklist-questions.txt:4: unknown checklist key `2B001.z`",
        "checklist-questions.txt:14: `2B001.b` is given twice",
        "checklist-questions.txt:19: `2B001.c` needs `ask-de:`",
        "checklist-questions.txt:27: `help-de` without `help`",
        "checklist-questions.txt:30: `ask` of `2B001.f` has the number `6`, which is not in the law's text of `2B001.f`",
        "checklist-questions.txt:37: unknown checklist key `Note 9 to 2B001`",
        "checklist-questions.txt:46: unknown field `hepl`",
    ];
    assert_eq!(errs.len(), expected.len(), "{errs:#?}");
    for (e, want) in errs.iter().zip(expected) {
        assert!(e.starts_with(want), "{e}\nexpected: {want}");
    }
}

#[test]
fn numbers_may_come_from_the_items_or_the_releasing_note() {
    // 2B001.a.1's 0,9 μm stands in an item of 2B001.a; a release may quote its note's numbers.
    let errs = errors_with(&format!(
        "{HEADER}\n== 2B001.a\nask: Repeatability 0,9 μm?\nask-de: 0,9 μm?\nask-fr: 0,9 μm ?\n\n== Note 2 to 2B001.a\nask: Bar of 42 mm or less?\nask-de: 42 mm?\nask-fr: 42 mm ?\n\n== Note 1 to 2B001\nask: Gears, 42 mm?\nask-de: Zahnräder?\nask-fr: Engrenages ?\n"
    ));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with(
            "checklist-questions.txt:15: `ask` of `Note 1 to 2B001` has the number `42`"
        ),
        "{errs:#?}"
    );
    // A help without its translations, and a file without provenance.
    let errs = errors_with(
        "== 2B001.b\nask: Milling?\nask-de: Fräsen?\nask-fr: Fraisage ?\nhelp: A milling machine.\n",
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("checklist-questions.txt:1: missing `@source:`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e
                .starts_with("checklist-questions.txt:1: `2B001.b` has `help` but no `help-de:`")),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e
                .starts_with("checklist-questions.txt:1: `2B001.b` has `help` but no `help-fr:`")),
        "{errs:#?}"
    );
}
