//! The checklist read from the legal text: structure, thresholds, releases and the
//! three-valued evaluation, on the real wordings of data/annex-i.

use std::path::Path;

use dualuse_core::checklist::{self, structure, Combine};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::Dataset;

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

#[test]
fn share_of_nodes_read_with_certainty() {
    let ds = dataset();
    let mut total = 0;
    let mut certain = 0;
    let mut inner = 0;
    let mut inner_certain = 0;
    let mut doubts: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (i, n) in ds.nodes.iter().enumerate() {
        if ds.entries[n.entry as usize].is_category {
            continue;
        }
        let s = structure(&ds, i as u32);
        total += 1;
        if s.combine != Combine::Leaf {
            inner += 1;
        }
        if s.certain {
            certain += 1;
            if s.combine != Combine::Leaf {
                inner_certain += 1;
            }
        } else {
            doubts
                .entry(s.doubt.map_or("?", |d| d.as_str()))
                .or_default()
                .push(n.code.clone());
        }
    }
    println!(
        "checklist: {certain} of {total} nodes certain ({:.1} %); nodes with items: {inner_certain} of {inner} ({:.1} %)",
        100.0 * certain as f64 / total as f64,
        100.0 * inner_certain as f64 / inner as f64
    );
    for (why, codes) in &doubts {
        println!("  {why}: {} ({})", codes.len(), codes.join(", "));
    }
    assert!(certain as f64 / total as f64 > 0.95, "{certain} of {total}");
}

fn combine(ds: &Dataset, code: &str) -> (Combine, bool) {
    let s = structure(
        ds,
        ds.node_index(code).unwrap_or_else(|| panic!("no {code}")),
    );
    (s.combine, s.certain)
}

/// Read from the text of the regulation (data/annex-i), not from the parser's output.
#[test]
fn structures_read_from_the_law() {
    let ds = dataset();
    use Combine::{All, Any, Leaf};
    for (code, want) in [
        ("6A003", Any),             // "as follows"
        ("6A003.b.4", Any),         // "having any of the following"
        ("6A003.b.1", All),         // "having all of the following"
        ("6A003.b.1.a", Any),       // "Having any of the following:" 1.; 2.; or 3.
        ("6A003.a.5", All),         // a. ...; and b. ...
        ("6A003.a.3", Leaf),        // streak cameras, no items
        ("5A001.j", All),           // "having all of the following"
        ("5A001.f", Any),           // "as follows, and specially designed components therefor"
        ("2B001.b", Any),           // "Machine tools for milling having any of the following"
        ("3A001.a", Any),           // "General purpose integrated circuits, as follows"
        ("9A012", Any),             // UAVs ... "as follows"
        ("6A001.a.1.a.1", All),     // "having all of the following" ... c. ...; and
        ("6A001.a.1.a.2", Any),     // "having any of the following"
        ("6A001.a.1.a.2.a", All),   // "Having all of the following:" 1. ...; and 2.
        ("6A001.a.1.a.2.b.3", Any), // "Having any of the following:" a. ...; or b.
        ("3A234", All),             // "with the following characteristics:" a. ...; and b.
    ] {
        assert_eq!(combine(&ds, code), (want, true), "{code}");
    }
    // "at least two of the following" is neither any nor all: the user reads the text.
    assert!(!combine(&ds, "7E004.c.1").1);
    // 9B106.b: items closing with "and" then "or".
    assert!(!combine(&ds, "9B106.b").1);
}

#[test]
fn thresholds_of_real_items() {
    let ds = dataset();
    let item = |code: &str| checklist::checklist(&ds, code).unwrap_or_else(|| panic!("{code}"));
    let t = item("6A003.a.4").thresholds;
    assert_eq!(
        (t[0].value, t[0].unit.as_str(), t[0].comparator),
        (1e6, "frames/s", ">")
    );
    let t = item("3A001.a.2.b").thresholds;
    assert_eq!(
        (t[0].value, t[0].unit.as_str(), t[0].comparator),
        (218.0, "K", "<")
    );
    let t = item("6A003.b.1.a.1").thresholds;
    assert_eq!((t[0].value, t[0].comparator), (4e6, ">"));
    assert!(checklist::checklist(&ds, "6A999").is_none());
}

#[test]
fn releases_name_the_item_they_release() {
    let ds = dataset();
    let tree = checklist::checklist(&ds, "6A003").expect("6A003");
    let b = &tree.children[1];
    assert_eq!(b.code, "6A003.b");
    assert_eq!(b.releases.len(), 1, "{:?}", b.releases);
    assert_eq!(b.releases[0].key, "Note to 6A003.b");
    assert!(b.releases[0].text.contains("television broadcasting"));
    // Note 2 and Note 3 stand under 6A003.b.4 but release its items a. and b.
    let b4 = b
        .children
        .iter()
        .find(|c| c.code == "6A003.b.4")
        .expect("b.4");
    assert!(b4.releases.is_empty(), "{:?}", b4.releases);
    let keys = |code: &str| {
        b4.children
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.releases.iter().map(|r| r.key.clone()).collect::<Vec<_>>())
    };
    assert_eq!(
        keys("6A003.b.4.a"),
        Some(vec!["Note 2 to 6A003.b.4".to_string()])
    );
    assert_eq!(
        keys("6A003.b.4.b"),
        Some(vec!["Note 3 to 6A003.b.4".to_string()])
    );
    assert_eq!(
        keys("6A003.b.4.c"),
        Some(vec!["Note 4 to 6A003.b.4".to_string()])
    );
    // Note 1 to 6A003.b.4 says what the cameras include: not a release, anywhere.
    let all: Vec<String> = checklist::entry_releases(&ds, ds.node_index("6A003").unwrap())
        .into_iter()
        .map(|(_, r)| r.key)
        .collect();
    assert!(!all.iter().any(|k| k == "Note 1 to 6A003.b.4"), "{all:?}");
}

fn answers(pairs: &[(&str, &str)]) -> checklist::ItemAnswers {
    pairs
        .iter()
        .map(|(k, v)| {
            (
                k.to_string(),
                checklist::ItemAnswer::parse(v).expect("answer"),
            )
        })
        .collect()
}

fn eval(ds: &Dataset, code: &str, pairs: &[(&str, &str)]) -> checklist::Evaluation {
    checklist::evaluate(ds, code, &answers(pairs)).expect("a code of the data")
}

#[test]
fn three_valued_evaluation() {
    use checklist::Status::{Met, NotMet, Open};
    let ds = dataset();
    // 3A234: striplines "with the following characteristics: a. ...; and b. ...".
    let e = eval(
        &ds,
        "3A234",
        &[("3A234", "yes"), ("3A234.a", "yes"), ("3A234.b", "yes")],
    );
    assert_eq!(
        (e.status, e.matched_items.clone()),
        (Met, vec!["3A234".to_string()])
    );
    let e = eval(
        &ds,
        "3A234",
        &[("3A234", "yes"), ("3A234.a", "yes"), ("3A234.b", "unknown")],
    );
    assert_eq!(
        (e.status, e.open_items.clone()),
        (Open, vec!["3A234".to_string()])
    );
    // "Don't know" never rules out; one "no" of an "all" does, whatever else is unknown.
    let e = eval(&ds, "3A234", &[("3A234.a", "unknown"), ("3A234.b", "no")]);
    assert_eq!(e.status, NotMet);
    assert!(e.matched_items.is_empty() && e.open_items.is_empty());
    // Unanswered own words of an item with characteristics stay unknown.
    let e = eval(&ds, "3A234", &[("3A234.a", "yes"), ("3A234.b", "yes")]);
    assert_eq!(e.status, Open);

    // 6A003 "as follows": meeting 6A003.b.4.b meets 6A003.b and 6A003 ("as follows" lists
    // kinds); 6A003.b.4 "Imaging cameras ... having any of the following" needs its own yes.
    let path = [
        ("6A003.b.4", "yes"),
        ("6A003.b.4.b", "yes"),
        ("6A003.b.4.a", "no"),
        ("6A003.b.4.c", "no"),
    ];
    let e = eval(&ds, "6A003", &path);
    assert_eq!(e.status, Met);
    assert_eq!(e.matched_items, vec!["6A003.b.4.b".to_string()]);
    // The rest of the entry, not answered, stays open; 6A003.b.4.a, answered no, does not.
    assert!(
        e.open_items.contains(&"6A003.a".to_string()),
        "{:?}",
        e.open_items
    );
    assert!(!e.open_items.contains(&"6A003.b.4.a".to_string()));
    // The same path without the own words of 6A003.b.4: open, not met.
    let e = eval(&ds, "6A003.b.4", &[("6A003.b.4.b", "yes")]);
    assert_eq!(e.status, Open);
    assert!(e.matched_items.is_empty());
    // a. and c., not answered, are as possible as b.
    assert_eq!(e.open_items, ["6A003.b.4.a", "6A003.b.4.b", "6A003.b.4.c"]);

    // A release applies only when answered yes; "don't know" keeps the item open.
    let with = |release: &str, a: &str| {
        let mut p = path.to_vec();
        p.push((release, a));
        eval(&ds, "6A003.b.4", &p)
    };
    let e = with("Note 3 to 6A003.b.4", "yes");
    assert_eq!(e.status, NotMet);
    assert_eq!(e.released_by, vec!["Note 3 to 6A003.b.4".to_string()]);
    let e = with("Note 3 to 6A003.b.4", "unknown");
    assert_eq!(
        (e.status, e.open_items.clone()),
        (Open, vec!["6A003.b.4.b".to_string()])
    );
    let e = with("Note 3 to 6A003.b.4", "no");
    assert_eq!(e.status, Met);
    // A release of the heading above (Note to 6A003.b) counts for an item below it.
    let e = with("Note to 6A003.b", "yes");
    assert_eq!(
        (e.status, e.released_by.clone()),
        (NotMet, vec!["Note to 6A003.b".to_string()])
    );
    // A release of another item (Note 2 releases 6A003.b.4.a) changes nothing here.
    let e = with("Note 2 to 6A003.b.4", "yes");
    assert_eq!(e.status, Met);
    // "Not used" items are never met.
    let e = eval(&ds, "6A003.a.1", &[("6A003.a.1", "yes")]);
    assert_eq!(e.status, NotMet);
}

mod assess_with_item_answers {
    use super::*;
    use dualuse_core::assess::{assess, AssessInput, Verdict};

    fn run(ds: &Dataset, to: &str, pairs: &[(&str, &str)]) -> dualuse_core::assess::Assessment {
        let input = AssessInput {
            from: "DE".into(),
            to: to.into(),
            item_answers: answers(pairs),
            ..Default::default()
        };
        assess(ds, &input).expect("valid input")
    }

    #[test]
    fn met_items_are_listed_at_item_level() {
        let ds = dataset();
        let a = run(
            &ds,
            "CN",
            &[("3A234", "yes"), ("3A234.a", "yes"), ("3A234.b", "yes")],
        );
        assert_eq!(a.verdict, Verdict::AuthorisationRequired);
        let e = &a.entries[0];
        assert_eq!((e.code.as_str(), e.open), ("3A234", false));
        let items = e.items.as_ref().expect("the checklist outcome");
        assert_eq!(items.matched, vec!["3A234".to_string()]);
        assert!(items.open.is_empty() && items.released_by.is_empty());
        let v = dualuse_core::views::assessment(&a);
        let json = serde_json::to_value(&v).expect("serialises");
        assert_eq!(json["entries"][0]["matchedItems"][0], "3A234");
        assert_eq!(
            json["entries"][0]["openItems"].as_array().map(Vec::len),
            Some(0)
        );
    }

    /// A search candidate the checklist rules out is settled; one it leaves open stays a
    /// candidate to ask about (and counts as listed): "don't know" never rules out.
    #[test]
    fn checklist_answers_settle_candidates_only_when_they_rule_out() {
        use dualuse_core::assess::{candidate_states, CandidateState, Resolution};
        let ds = dataset();
        let mut input = AssessInput {
            from: "DE".into(),
            to: "CN".into(),
            item_answers: answers(&[("6A003.b.4.b", "no"), ("6A003.b.4.a", "unknown")]),
            ..Default::default()
        };
        for code in ["6A003.b.4.b", "6A003.b.4"] {
            input.candidates.insert(code.into(), Resolution::Unknown);
        }
        let findings = dualuse_core::questions::evaluate(&ds, &input.answers);
        let states = candidate_states(&ds, &input, &findings);
        let state = |code: &str| &states.iter().find(|c| c.code == code).unwrap().state;
        assert!(
            matches!(state("6A003.b.4.b"), CandidateState::Settled(_)),
            "{states:?}"
        );
        assert_eq!(
            state("6A003.b.4"),
            &CandidateState::Open(Resolution::Unknown)
        );
        let a = assess(&ds, &input).expect("valid");
        assert_ne!(a.verdict, Verdict::NoAuthorisationIndicated);
        // Ruling out 6A003.b.4 settles both; the verdict follows once no item of the
        // walked entry is left open.
        input.item_answers = answers(&[
            ("6A003.a", "no"),
            ("6A003.b.1", "no"),
            ("6A003.b.2", "no"),
            ("6A003.b.3", "no"),
            ("6A003.b.4", "no"),
            ("6A003.b.5", "no"),
        ]);
        let findings = dualuse_core::questions::evaluate(&ds, &input.answers);
        let states = candidate_states(&ds, &input, &findings);
        assert!(states
            .iter()
            .all(|c| matches!(c.state, CandidateState::Settled(_))));
        let a = assess(&ds, &input).expect("valid");
        assert_eq!(
            a.verdict,
            Verdict::NoAuthorisationIndicated,
            "{:?}",
            a.grounds
        );
    }

    /// The verdict weighs the part of the entry the user walked: answering the items of
    /// 5A001.f says nothing about 5A001.a to .j, which do not come in as open items.
    #[test]
    fn the_verdict_weighs_the_part_of_the_entry_walked() {
        let ds = dataset();
        let none = [
            ("5A001.f.1", "no"),
            ("5A001.f.2", "no"),
            ("5A001.f.3", "no"),
            ("5A001.f.4", "no"),
        ];
        assert_eq!(
            checklist::walked_scopes(&ds, &answers(&none)),
            vec!["5A001.f".to_string()]
        );
        let a = run(&ds, "CN", &none);
        assert!(a.entries.is_empty(), "{:?}", a.entries);
        assert_eq!(a.verdict, Verdict::NoAuthorisationIndicated);
        let mut one = none.to_vec();
        one[1] = ("5A001.f.2", "yes");
        let a = run(&ds, "CN", &one);
        assert_eq!(a.verdict, Verdict::AuthorisationRequired);
        let items = a.entries[0].items.as_ref().expect("the walk's outcome");
        assert_eq!(items.matched, vec!["5A001.f.2".to_string()]);
        assert!(items.open.is_empty(), "{:?}", items.open);
    }

    #[test]
    fn ruled_out_entries_are_not_listed() {
        let ds = dataset();
        let a = run(&ds, "US", &[("3A234.a", "unknown"), ("3A234.b", "no")]);
        assert!(a.entries.is_empty(), "{:?}", a.entries);
        assert_eq!(a.verdict, Verdict::NoAuthorisationIndicated);
        assert!(
            a.checked
                .iter()
                .any(|c| c.contains("3A234: its conditions are not met")),
            "{:?}",
            a.checked
        );
    }

    #[test]
    fn open_items_count_as_listed() {
        let ds = dataset();
        let a = run(&ds, "CN", &[("3A234", "yes"), ("3A234.a", "unknown")]);
        assert_eq!(a.verdict, Verdict::AuthorisationRequired);
        assert!(a.entries.iter().all(|e| e.open), "{:?}", a.entries);
        assert!(a
            .grounds
            .iter()
            .any(|g| g.rule == "open" && g.text.contains("3A234")));
        // "Don't know" never gives the green light.
        assert_ne!(a.verdict, Verdict::NoAuthorisationIndicated);
    }

    #[test]
    fn a_release_answered_yes_takes_the_item_out() {
        let ds = dataset();
        let path = [
            ("6A003.a", "no"),
            ("6A003.b.4", "yes"),
            ("6A003.b.4.b", "yes"),
            ("Note to 6A003.b", "yes"),
        ];
        let a = run(&ds, "US", &path);
        assert!(a.entries.is_empty(), "{:?}", a.entries);
        assert!(a
            .grounds
            .iter()
            .any(|g| g.rule == "released" && g.text.contains("Note to 6A003.b")));
        assert_eq!(a.verdict, Verdict::NoAuthorisationIndicated);
        // The same answers with the release unknown: 6A003.b.4.b stays open, counted as listed.
        let mut unknown = path.to_vec();
        unknown[3] = ("Note to 6A003.b", "unknown");
        let a = run(&ds, "CN", &unknown);
        assert!(
            a.entries.iter().any(|e| e.code == "6A003.b.4.b" && e.open),
            "{:?}",
            a.entries
        );
        assert_eq!(a.verdict, Verdict::AuthorisationRequired);
    }

    #[test]
    fn bad_answers_are_named() {
        let ds = dataset();
        let input = AssessInput {
            from: "DE".into(),
            to: "CN".into(),
            item_answers: answers(&[("6A003.z", "yes")]),
            ..Default::default()
        };
        let err = assess(&ds, &input).expect_err("unknown item");
        assert!(err.0.contains("6A003.z"), "{}", err.0);
        let input = AssessInput {
            item_answers: answers(&[("Note 9 to 6A003.b", "yes")]),
            ..input
        };
        assert!(assess(&ds, &input)
            .expect_err("unknown note")
            .0
            .contains("Note 9 to 6A003.b"));
    }

    #[test]
    fn without_item_answers_nothing_changes() {
        let ds = dataset();
        let input = AssessInput {
            entries: vec!["6A003.b.4".into()],
            from: "DE".into(),
            to: "CN".into(),
            ..Default::default()
        };
        let a = assess(&ds, &input).expect("valid");
        assert!(a.entries.iter().all(|e| e.items.is_none()));
        let json = serde_json::to_value(dualuse_core::views::assessment(&a)).expect("json");
        assert!(json["entries"][0].get("matchedItems").is_none());
    }
}

#[test]
fn overrides_settle_a_node_and_bad_lines_fail_the_build() {
    let ds = dataset();
    // data/checklist-overrides.txt settles 1C111.a ("Propulsive substances:", no lead-in).
    let s = structure(&ds, ds.node_index("1C111.a").expect("1C111.a"));
    assert_eq!(
        (s.combine, s.certain, s.overridden),
        (Combine::Any, true, true)
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let mut files = read_data_dir(&dir).expect("data/ is readable");
    files.retain(|(p, _)| p != "checklist-overrides.txt");
    files.push((
        "checklist-overrides.txt".into(),
        "# comment\n7E004.c.1 | any\n6A999.a | any\n6A003.a.3 | all\n6A003.b | maybe\n6A003.b\n7E004.c.1 | all\n".into(),
    ));
    let c = compile(&files);
    let errs: Vec<String> = c
        .errors
        .iter()
        .map(|e| format!("{}:{}: {}", e.file, e.line, e.message))
        .collect();
    assert!(c.dataset.is_none());
    assert_eq!(errs.len(), 5, "{errs:#?}");
    assert!(
        errs[0].starts_with("checklist-overrides.txt:3: unknown Annex I code `6A999.a`"),
        "{errs:#?}"
    );
    assert!(
        errs[1].starts_with("checklist-overrides.txt:4: `6A003.a.3` has no items"),
        "{errs:#?}"
    );
    assert!(
        errs[2].starts_with("checklist-overrides.txt:5: combine must be any, all or leaf"),
        "{errs:#?}"
    );
    assert!(
        errs[3].starts_with("checklist-overrides.txt:6: expected `CODE | any|all|leaf`"),
        "{errs:#?}"
    );
    assert!(
        errs[4].starts_with("checklist-overrides.txt:7: `7E004.c.1` is given twice"),
        "{errs:#?}"
    );
}

/// Notes that say an item "does not include" something release it like "does not control":
/// Note 2 to 5A004.b (a list of exclusions) and Note 2 to 1C101 (satellite thermal coatings).
#[test]
fn notes_saying_does_not_include_release() {
    let ds = dataset();
    let b = checklist::checklist(&ds, "5A004.b").expect("5A004.b");
    assert!(
        // The note stands under 5A004.b.2 in the text and names 5A004.b.
        b.releases.iter().any(|r| r.key == "Note 2 to 5A004.b.2"),
        "{:?}",
        b.releases.iter().map(|r| &r.key).collect::<Vec<_>>()
    );
    let e = checklist::checklist(&ds, "1C101").expect("1C101");
    let note = e
        .releases
        .iter()
        .find(|r| r.key == "Note 2 to 1C101")
        .expect("Note 2 to 1C101 releases 1C101");
    assert!(note.text.contains("thermal control of satellites"));
}
