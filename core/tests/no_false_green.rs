//! "No false green light" (issue 13), as a property over generated screening sessions: a
//! query is searched as the UI does, the entries it puts in front of the user become
//! candidates (`search::shown_candidates`) with a random answer or none, some results are
//! chosen, and destination, concerns and guided answers vary. Then:
//!
//! - without a destination there is no verdict: `assess` fails and names `to`;
//! - `no_authorisation_indicated` never comes with a candidate left open ("don't know" or
//!   no answer) that nothing else settles. The one exception is the law's own: a transfer
//!   inside the Union of an item none of whose possible entries touches Annex IV needs no
//!   authorisation whatever the classification (Art. 11(1)); the grounds then say to settle
//!   it before any export;
//! - `no_authorisation_indicated` never comes with a ground that cites a restriction that
//!   applies: a sanctions act of the destination, an arms embargo (Art. 2(19)), a catch-all
//!   (Art. 4(1)(a)/(c), 4(2), 5(1), 5(2)), a UGEA that cannot be used, Art. 3(1) for an
//!   export or an Annex IV authorisation, or (for an export) an open entry.
//!
//! What counts as settled and as restricting is written here from the rules above, not taken
//! from the engine. `FUZZ_CASES=N` sets the number of cases (512 by default).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use proptest::prelude::*;

use dualuse_core::assess::{assess, AssessInput, Concerns, ExportForm, Resolution, Verdict};
use dualuse_core::codes::{is_within, normalize_code};
use dualuse_core::compile::{compile, listed, read_data_dir};
use dualuse_core::questions::{evaluate, Answer, ItemStatus, QuestionKind};
use dualuse_core::search::{search, shown_candidates};
use dualuse_core::Dataset;

fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
        c.dataset
            .unwrap_or_else(|| panic!("data/ compiles: {:?}", c.errors.first()))
    })
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(512)
}

/// What users type: listed things, everyday things, codes, words that find nothing.
const QUERIES: &[&str] = &[
    "IMSI catcher",
    "5-axis milling machine",
    "milling machine",
    "encryption software",
    "router",
    "laptop",
    "smartphone",
    "drone",
    "thermal camera",
    "vacuum pump",
    "phone",
    "spyware",
    "gps",
    "software",
    "machine",
    "5A001",
    "5A001.f.2",
    "5A004",
    "1C351",
    "2B001",
    "banana",
    "",
];

/// Inside and outside the EU, sanctioned, embargoed (binding and political), EU001, and none.
const DESTINATIONS: &[&str] = &[
    "", "CN", "IN", "US", "GB", "JP", "SY", "RU", "BY", "IR", "KP", "MM", "VE", "EG", "AE", "BR",
    "TR", "FR", "NL", "AT",
];

#[derive(Debug, Clone)]
struct Walk {
    query: &'static str,
    /// One answer per candidate position (None: not answered).
    answers_to_candidates: Vec<Option<Resolution>>,
    /// Which results the user chose ("My item falls under this entry"), by position.
    picks: Vec<usize>,
    to: &'static str,
    concerns: [bool; 6],
    telecom: Option<bool>,
    form: ExportForm,
    guided: Vec<(usize, u8)>,
}

fn walk() -> impl Strategy<Value = Walk> {
    // "No" is the answer that can lead to a green light, so it comes most often; concerns
    // are rare, so that the plain cases (where a false green would show) are common.
    let resolution = prop_oneof![
        4 => Just(Some(Resolution::No)),
        1 => Just(Some(Resolution::Yes)),
        1 => Just(Some(Resolution::Unknown)),
        1 => Just(Some(Resolution::Open)),
        1 => Just(None),
    ];
    (
        prop::sample::select(QUERIES),
        prop::collection::vec(resolution, 3),
        prop::collection::vec(0usize..12, 0..2),
        prop::sample::select(DESTINATIONS),
        prop::array::uniform6(prop::bool::weighted(0.15)),
        prop::option::of(any::<bool>()),
        prop::sample::select(vec![
            ExportForm::Goods,
            ExportForm::Electronic,
            ExportForm::Exhibition,
        ]),
        prop::collection::vec((0usize..1000, 0u8..3), 0..12),
    )
        .prop_map(
            |(query, answers_to_candidates, picks, to, concerns, telecom, form, guided)| Walk {
                query,
                answers_to_candidates,
                picks,
                to,
                concerns,
                telecom,
                form,
                guided,
            },
        )
}

/// The session the UI would build from the walk, as `assess` input.
fn input_of(ds: &Dataset, w: &Walk) -> AssessInput {
    let hits = search(ds, w.query, 12);
    let shown = shown_candidates(&hits);
    let candidates: BTreeMap<String, Resolution> = shown
        .iter()
        .zip(&w.answers_to_candidates)
        .map(|(c, r)| (c.clone(), r.unwrap_or(Resolution::Open)))
        .collect();
    let entries = w
        .picks
        .iter()
        .filter_map(|i| hits.get(*i).map(|h| h.code.clone()))
        .collect();
    let yes_no: Vec<&str> = ds
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::YesNo)
        .map(|q| q.id.as_str())
        .collect();
    let answers = w
        .guided
        .iter()
        .map(|(i, a)| {
            let answer = match a {
                0 => Answer::Yes,
                1 => Answer::No,
                _ => Answer::Unknown,
            };
            (yes_no[i % yes_no.len()].to_string(), answer)
        })
        .collect();
    let c = w.concerns;
    AssessInput {
        entries,
        cyber_surveillance: c[0],
        from: "DE".into(),
        to: w.to.into(),
        informed_by_authority: c[1],
        concerns: Concerns {
            wmd: c[2],
            military_end_use: c[3],
            illegal_military_parts: c[4],
            human_rights: c[5],
        },
        telecom_monitoring: w.telecom,
        circumstance: None,
        export_form: w.form,
        answers,
        candidates,
        item_answers: Default::default(),
    }
}

/// Candidates left open ("don't know" or no answer) that nothing else settles: no chosen entry
/// or "yes" candidate of the same entry family, no "no" to the entry they belong to, and no
/// guided finding that rules them out or itself keeps them (as a listed or open entry).
fn unsettled(ds: &Dataset, input: &AssessInput) -> Vec<String> {
    let related = |a: &str, b: &str| is_within(a, b) || is_within(b, a);
    let norm = |c: &str| normalize_code(c).unwrap_or_else(|| c.to_string());
    let chosen: Vec<String> = input
        .entries
        .iter()
        .map(|c| norm(c))
        .chain(
            input
                .candidates
                .iter()
                .filter(|(_, r)| **r == Resolution::Yes)
                .map(|(c, _)| norm(c)),
        )
        .collect();
    let findings = evaluate(ds, &input.answers);
    input
        .candidates
        .iter()
        .filter(|(_, r)| matches!(r, Resolution::Unknown | Resolution::Open))
        .map(|(c, _)| norm(c))
        .filter(|c| !chosen.iter().any(|p| related(p, c)))
        .filter(|c| {
            !input
                .candidates
                .iter()
                .any(|(a, r)| *r == Resolution::No && is_within(c, &norm(a)))
        })
        .filter(|c| {
            !findings.iter().any(|f| match f.status {
                ItemStatus::NotMatched | ItemStatus::Released(_) => is_within(c, &f.code),
                ItemStatus::Matched | ItemStatus::Open(_) => related(&f.code, c),
            })
        })
        .collect()
}

/// Grounds that cite a restriction applying to this export.
fn restricting<'a>(
    ds: &Dataset,
    to: &str,
    intra_eu: bool,
    grounds: &'a [dualuse_core::assess::Ground],
) -> Vec<&'a dualuse_core::assess::Ground> {
    let acts: Vec<&str> = ds
        .sanctions
        .iter()
        .filter(|s| s.destination == to)
        .map(|s| s.act.as_str())
        .collect();
    grounds
        .iter()
        .filter(|g| {
            let r = g.rule.as_str();
            acts.iter().any(|a| r.contains(a))
                || [
                    "Art. 2(19)",
                    "Art. 4(1)(a)",
                    "Art. 4(1)(c)",
                    "Art. 4(2)",
                    "Art. 5(1)",
                    "Art. 5(2)",
                ]
                .contains(&r)
                // Inside the Union a listed item needs none (Art. 11(1)): there "Art. 3(1)"
                // only states the classification.
                || r == "Art. 3(1)" && !intra_eu
                || r == "Art. 4(1)(b)" && g.text.contains("authorisation is required")
                || r == "Art. 11(1)" && g.text.contains("an authorisation is required")
                || g.text.contains("cannot be used")
                || g.text.contains("bars these")
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_green_light_with_an_open_candidate_a_missing_destination_or_a_restriction(w in walk()) {
        let ds = dataset();
        let input = input_of(ds, &w);
        let out = assess(ds, &input);
        if w.to.is_empty() {
            let err = out.expect_err("a verdict without a destination");
            prop_assert!(err.0.contains("`to`"), "the error names the field: {}", err.0);
            return Ok(());
        }
        // Only guided answers of the wrong kind could fail, and the walk gives none.
        let a = out.map_err(|e| TestCaseError::fail(format!("assess failed: {}", e.0)))?;
        if a.verdict != Verdict::NoAuthorisationIndicated {
            return Ok(());
        }
        let intra_eu = ds.country(w.to).is_some_and(|c| c.eu);
        let open = unsettled(ds, &input);
        if intra_eu {
            for c in &open {
                prop_assert!(
                    listed(&ds.annex_iv, c).is_none(),
                    "green for a transfer while the open candidate {c} may be in Annex IV"
                );
                prop_assert!(
                    a.grounds.iter().any(|g| g.text.contains(c.as_str())),
                    "the grounds must say what to settle ({c})"
                );
            }
        } else {
            prop_assert!(open.is_empty(), "green with open candidates {:?} (input {:?})", open, input);
            prop_assert!(a.entries.iter().all(|e| !e.open), "green with an open entry");
            prop_assert!(!a.grounds.iter().any(|g| g.rule == "open"), "green with an open ground");
        }
        let bad = restricting(ds, w.to, intra_eu, &a.grounds);
        prop_assert!(bad.is_empty(), "green while the grounds cite a restriction: {:?}", bad);
    }
}

/// The two flows of issue 13, as the UI would send them: nothing chosen, nothing answered.
#[test]
fn the_reported_flows_are_not_green() {
    let ds = dataset();
    for (query, to, must_show) in [
        ("IMSI catcher", "CN", "5A001.f"),
        ("5-axis milling machine", "IN", "2B001"),
    ] {
        let shown = shown_candidates(&search(ds, query, 12));
        assert!(
            shown.iter().any(|c| is_within(c, must_show)),
            "{query}: {must_show} is among the candidates {shown:?}"
        );
        let input = AssessInput {
            from: "DE".into(),
            to: to.into(),
            candidates: shown
                .iter()
                .map(|c| (c.clone(), Resolution::Open))
                .collect(),
            ..Default::default()
        };
        let a = assess(ds, &input).expect("valid input");
        assert_eq!(a.verdict, Verdict::AuthorisationRequired, "{query} to {to}");
        assert!(a
            .grounds
            .iter()
            .any(|g| g.rule == "open" && g.text.contains(must_show)));
    }
}
