//! The core's words in three languages: every message id the core uses exists in English,
//! German and French with the same placeholders; no translation is a copy of the English;
//! rendered grounds and checks over many screenings leave nothing unfilled.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dualuse_core::assess::{
    assess, AssessInput, Concerns, Resolution, DUE_DILIGENCE, DUE_DILIGENCE_IDS,
};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::messages::{parse_catalog, placeholders, render, source, LANGS};
use dualuse_core::Dataset;

fn catalog(lang: &str) -> BTreeMap<String, String> {
    parse_catalog(source(lang).expect("a catalogue"))
        .unwrap_or_else(|e| panic!("core/i18n/{lang}.txt:{e}"))
        .into_iter()
        .map(|(k, v, _)| (k.to_string(), v.to_string()))
        .collect()
}

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

/// The message ids the core's sources name: string literals that look like `g.x`, `c.x` ...
fn ids_in_sources() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/answer");
    let mut out = BTreeSet::new();
    for f in ["assess.rs", "session.rs", "views.rs", "catalogue.rs"] {
        let src = std::fs::read_to_string(dir.join(f)).expect("readable");
        for lit in src.split('"').skip(1).step_by(2) {
            let ns = lit.split('.').next().unwrap_or("");
            if ["g", "c", "p", "dd", "md", "rule", "dataset", "cat"].contains(&ns)
                && lit.contains('.')
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
                && !lit.ends_with('.')
            {
                out.insert(lit.to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_exists_in_every_language_with_the_same_placeholders() {
    let en = catalog("en");
    assert!(en.len() > 130, "English has {} messages", en.len());
    let mut problems = Vec::new();
    for lang in ["de", "fr"] {
        let other = catalog(lang);
        for (k, v) in &en {
            match other.get(k) {
                None => problems.push(format!("core/i18n/{lang}.txt lacks `{k}`")),
                Some(t) if t.trim().is_empty() => problems.push(format!("{lang}: `{k}` is empty")),
                Some(t) if placeholders(t) != placeholders(v) => problems.push(format!(
                    "`{k}`: en has {:?}, {lang} has {:?}",
                    placeholders(v),
                    placeholders(t)
                )),
                // A sentence left in English (short labels such as "Date" may coincide).
                Some(t)
                    if t == v && v.split_whitespace().filter(|w| !w.contains('{')).count() > 2 =>
                {
                    problems.push(format!("{lang}: `{k}` is the English text"))
                }
                _ => {}
            }
        }
        for k in other.keys().filter(|k| !en.contains_key(*k)) {
            problems.push(format!(
                "core/i18n/{lang}.txt has `{k}`, which en.txt lacks"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(LANGS, ["en", "de", "fr"]);
}

#[test]
fn every_id_the_core_names_exists_and_every_message_is_used() {
    let en = catalog("en");
    let used = ids_in_sources();
    assert!(used.len() > 100, "found {} ids", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "ids the core uses but en.txt lacks: {missing:?}"
    );
    // md.verdict.* are built from the verdict's name.
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| !used.contains(*k) && !k.starts_with("md.verdict."))
        .collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

#[test]
fn the_due_diligence_steps_are_the_catalogue_s_english() {
    let en = catalog("en");
    assert_eq!(DUE_DILIGENCE.len(), DUE_DILIGENCE_IDS.len());
    for (text, id) in DUE_DILIGENCE.iter().zip(DUE_DILIGENCE_IDS) {
        assert_eq!(en.get(*id).map(String::as_str), Some(*text), "{id}");
    }
}

/// Screenings that reach every kind of ground: listed and not, inside and outside the EU,
/// sanctions, embargoes, concerns informed and aware, open candidates, guided answers.
fn inputs(ds: &Dataset) -> Vec<AssessInput> {
    let mut out = Vec::new();
    let entries: [&[&str]; 6] = [
        &[],
        &["5A001.f"],
        &["1C350"],
        &["2B001"],
        &["6A003"],
        &["5A002"],
    ];
    let destinations = [
        "CN", "US", "RU", "IR", "SY", "FR", "VE", "BY", "MM", "KP", "IN", "EG",
    ];
    let concern_sets = [
        Concerns::default(),
        Concerns {
            wmd: true,
            ..Concerns::default()
        },
        Concerns {
            military_end_use: true,
            ..Concerns::default()
        },
        Concerns {
            illegal_military_parts: true,
            human_rights: true,
            ..Concerns::default()
        },
    ];
    for e in entries {
        for to in destinations {
            for (i, c) in concern_sets.iter().enumerate() {
                for informed in [false, true] {
                    let mut input = AssessInput {
                        entries: e.iter().map(|s| s.to_string()).collect(),
                        from: "DE".into(),
                        to: to.into(),
                        informed_by_authority: informed,
                        concerns: c.clone(),
                        cyber_surveillance: i == 3,
                        export_form: if i == 1 {
                            dualuse_core::assess::ExportForm::Electronic
                        } else {
                            Default::default()
                        },
                        ..AssessInput::default()
                    };
                    if e.is_empty() {
                        input.candidates = BTreeMap::from([
                            ("5A001.f.2".to_string(), Resolution::Open),
                            ("5A001.j".to_string(), Resolution::Unknown),
                            ("2B001".to_string(), Resolution::No),
                            ("2B001.b".to_string(), Resolution::Open),
                        ]);
                    }
                    out.push(input);
                }
            }
        }
    }
    // Guided answers left open or unknown, for the question-based grounds.
    let unknown: dualuse_core::questions::Answers = ds
        .questions
        .iter()
        .take(12)
        .map(|q| (q.id.clone(), dualuse_core::questions::Answer::Unknown))
        .collect();
    out.push(AssessInput {
        from: "DE".into(),
        to: "CN".into(),
        answers: unknown,
        ..AssessInput::default()
    });
    out
}

#[test]
fn grounds_and_checks_render_fully_in_german_and_french() {
    let ds = dataset();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for input in inputs(&ds) {
        let Ok(a) = assess(&ds, &input) else { continue };
        let msgs = a
            .grounds
            .iter()
            .map(|g| &g.msg)
            .chain(a.checked_msgs.iter());
        for m in msgs {
            seen.insert(m.id);
            let en = render(&ds, "en", m);
            for lang in ["de", "fr"] {
                let t = render(&ds, lang, m);
                if t.contains('\u{2047}') || t.contains('{') || t == en {
                    problems.push(format!("{lang} `{}`: {t}", m.id));
                }
            }
        }
        // The English rendering is the API's text.
        for g in &a.grounds {
            assert_eq!(g.text, render(&ds, "en", &g.msg));
        }
        assert_eq!(a.checked.len(), a.checked_msgs.len());
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        seen.len() >= 30,
        "the inputs reach only {} messages: {seen:?}",
        seen.len()
    );
}

#[test]
fn the_markdown_report_reads_in_german_and_french() {
    use dualuse_core::session::{make_record, markdown, Session};
    let ds = dataset();
    let s = Session {
        description: "IMSI-Catcher".into(),
        picked: vec!["5A001.f.2".into()],
        cyber_surveillance: true,
        from: "DE".into(),
        to: "EG".into(),
        concerns: Concerns {
            human_rights: true,
            ..Concerns::default()
        },
        candidates: BTreeMap::from([("5E001".to_string(), Resolution::Open)]),
        ..Session::default()
    };
    let record = make_record(&ds, &s, "2026-11-30T10:00:00Z");
    let a = assess(&ds, &s.assess_input()).unwrap();
    let en = markdown(&ds, &record, Some(&a), "en");
    let de = markdown(&ds, &record, Some(&a), "de");
    let fr = markdown(&ds, &record, Some(&a), "fr");
    for needle in [
        "## Ergebnis: Genehmigungspflichtig",
        "### Was geprüft wurde",
        "Ägypten (EG)",
        "nicht beantwortet: offen",
        "Güter mit doppeltem Verwendungszweck",
    ] {
        assert!(de.contains(needle), "missing {needle:?} in\n{de}");
    }
    for needle in [
        "## Résultat: Autorisation requise",
        "### Ce qui a été vérifié",
        "sans réponse : ouvert",
        "biens à double usage",
    ] {
        assert!(fr.contains(needle), "missing {needle:?} in\n{fr}");
    }
    for english in [
        "## Result",
        "What was checked",
        "Destination and use",
        "not answered",
        "requires an authorisation.",
    ] {
        assert!(en.contains(english), "{english:?} is in the English report");
        assert!(
            !de.contains(english) && !fr.contains(english),
            "{english:?} in a translated report"
        );
    }
    // The legal text of the entry stays as it stands in every language.
    let heading = &dualuse_core::views::entry(&ds, "5A001.f.2").unwrap().text;
    assert!(de.contains(heading.as_str()) && fr.contains(heading.as_str()));
}
