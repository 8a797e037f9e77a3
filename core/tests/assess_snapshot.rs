//! The assess snapshot: every input the scenario tables use (tests/scenarios.txt,
//! core/tests/checklist_scenarios.txt) and the inputs of the benchmark (tests/bench/run.mjs,
//! `ASSESS_INPUTS`), run through `assess`, serialised as the JS API gives them (the
//! `assessment` view) with the messages behind each ground, and compared byte for byte with
//! tests/fixtures/assess-snapshot.json.
//!
//! It proves that a refactoring leaves every verdict, ground and message as it was. When a
//! change of behaviour is intended, rewrite the file with
//! `UPDATE_SNAPSHOT=1 cargo test -p dualuse-core --test assess_snapshot` and review its diff.

#[path = "support/checklist_table.rs"]
mod checklist_table;
#[path = "../../tests/support/scenario_table.rs"]
mod scenario_table;

use std::path::Path;

use dualuse_core::assess::{assess, AssessInput, Concerns, ExportForm};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::model::Circumstance;
use dualuse_core::questions::Answer;
use dualuse_core::views;
use dualuse_core::Dataset;
use serde_json::{json, Value};

const SNAPSHOT: &str = "../tests/fixtures/assess-snapshot.json";

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

fn codes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn trip(entries: &[&str], from: &str, to: &str) -> AssessInput {
    AssessInput {
        entries: codes(entries),
        from: from.into(),
        to: to.into(),
        ..Default::default()
    }
}

/// `ASSESS_INPUTS` of tests/bench/run.mjs, in the same order.
fn bench_inputs() -> Vec<AssessInput> {
    let answers = |pairs: &[(&str, Answer)]| {
        pairs
            .iter()
            .map(|(q, a)| (q.to_string(), a.clone()))
            .collect()
    };
    vec![
        trip(&["5A001.f.2"], "DE", "CN"),
        trip(&["5A002.a"], "FR", "US"),
        trip(&["5A002"], "DE", "RU"),
        trip(&["4A005"], "NL", "AT"),
        AssessInput {
            export_form: ExportForm::Electronic,
            ..trip(&["5A004.a"], "DE", "NO")
        },
        trip(&["1C350"], "IT", "CH"),
        AssessInput {
            circumstance: Some(Circumstance::RepairReplacement),
            ..trip(&["9E003.a.1"], "FR", "JP")
        },
        AssessInput {
            cyber_surveillance: true,
            ..trip(&["5A001.f", "5D001.e"], "DE", "AE")
        },
        AssessInput {
            concerns: Concerns {
                wmd: true,
                ..Default::default()
            },
            ..trip(&[], "DE", "IR")
        },
        AssessInput {
            cyber_surveillance: true,
            concerns: Concerns {
                human_rights: true,
                ..Default::default()
            },
            ..trip(&[], "SE", "MM")
        },
        AssessInput {
            telecom_monitoring: Some(true),
            ..trip(&[], "DE", "VE")
        },
        trip(&[], "AT", "BR"),
        AssessInput {
            answers: answers(&[
                ("it_form", Answer::Choice("equipment".into())),
                ("mob_mobile", Answer::Yes),
                ("mob_identifiers", Answer::Yes),
            ]),
            ..trip(&[], "DE", "CN")
        },
        AssessInput {
            answers: answers(&[
                ("it_form", Answer::Choice("software".into())),
                ("gen_public_domain", Answer::No),
            ]),
            ..trip(&[], "DE", "US")
        },
    ]
}

/// Every input of the snapshot, named by where it comes from.
fn inputs() -> Vec<(String, AssessInput)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("tests/scenarios.txt"))
        .expect("tests/scenarios.txt is readable");
    for case in scenario_table::parse_table(&text) {
        out.push((format!("scenarios.txt {}", case.id), case.input));
    }
    for s in checklist_table::table() {
        let input = AssessInput {
            from: s.from,
            to: s.to,
            item_answers: s.answers,
            ..Default::default()
        };
        out.push((format!("checklist_scenarios.txt {}", s.id), input));
    }
    for (i, input) in bench_inputs().into_iter().enumerate() {
        out.push((format!("bench ASSESS_INPUTS[{i}]"), input));
    }
    out
}

fn result(ds: &Dataset, input: &AssessInput) -> Value {
    match assess(ds, input) {
        Err(e) => json!({ "error": e.0 }),
        Ok(a) => {
            // The messages the page renders in the user's language: not in the view, so
            // shown here in their debug form.
            let messages: Vec<String> = a
                .grounds
                .iter()
                .map(|g| format!("{:?}", g.msg))
                .chain(a.checked_msgs.iter().map(|m| format!("{m:?}")))
                .collect();
            json!({
                "assessment": views::assessment(&a),
                "openQuestions": a.open_questions(),
                "messages": messages,
            })
        }
    }
}

#[test]
fn every_scenario_gives_the_assessment_of_the_snapshot() {
    let ds = dataset();
    let all: Vec<Value> = inputs()
        .iter()
        .map(|(name, input)| json!({ "input": name, "result": result(&ds, input) }))
        .collect();
    let text = serde_json::to_string_pretty(&all).expect("serialisable") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::write(&path, &text).expect("the snapshot is writable");
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    if stored != text {
        let differs = stored
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(stored.lines().count().min(text.lines().count()));
        let now: Vec<&str> = text
            .lines()
            .skip(differs.saturating_sub(3))
            .take(8)
            .collect();
        panic!(
            "the assessments differ from {SNAPSHOT} from line {} on; now:\n{}\n\
             (if the change is intended: UPDATE_SNAPSHOT=1 and review the diff)",
            differs + 1,
            now.join("\n")
        );
    }
}
