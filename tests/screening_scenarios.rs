//! Screening scenarios: an independent table of cases (tests/scenarios.txt) that states what
//! Regulation (EU) 2021/821, its annexes and the sanctions regulations require, written from
//! the domain briefs, not from the engine. Each case runs through `assess` and must give the
//! expected verdict, cite the expected rules, and offer exactly the expected UGEAs.
//!
//! Line format (pipe-separated, `#` starts a comment line):
//!
//! ```text
//! id | description | input | expected verdict | citations | ugeas
//! ```
//!
//! - `input`: `;`-separated `key=value`: entries=5A001.f.2,5A002.a.1 ; from=DE ; to=CN ;
//!   cyber=yes ; informed=yes ; wmd=yes ; military=yes ; parts=yes ; rights=yes ;
//!   telecom=yes|no ; form=goods|electronic|exhibition ;
//!   circumstance=repair|exhibition|intra-group ;
//!   answers=question_id:value,question_id:value (yes, no, unknown, a number, or a choice) ;
//!   candidates=CODE:yes|no|unknown|open,... (entries the search showed, and the answer to
//!   "does your item fall under it?"; open = not answered).
//! - verdict: prohibited, authorisation_required, notify_authority,
//!   general_authorisation_available, no_authorisation_indicated, or `error` (bad input: the
//!   citations are then substrings the error message must contain).
//! - citations: `;`-separated substrings, each of which must appear in the rule or the text
//!   of some ground; `-` for none.
//! - ugeas: comma list that must equal the general authorisations offered (as a set), or `-`.
//!
//! Every failing case is reported (id, line, expected, got, grounds) before the test fails.

#[path = "support/scenario_table.rs"]
mod scenario_table;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use dualuse_core::assess::{assess, Assessment};
use dualuse_core::questions::{Answer, QuestionKind};
use dualuse_screener::dataset;
use scenario_table::{parse_table, Case, VERDICTS};

fn table_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios.txt"))
        .expect("tests/scenarios.txt is readable")
}

/// Catch typos in the table: outside `error` cases, every answered question must exist and
/// every choice value must be one the question offers.
fn check_answers_exist(cases: &[Case]) {
    let ds = dataset();
    for c in cases.iter().filter(|c| c.verdict != "error") {
        for (q, a) in &c.input.answers {
            let question = ds.questions.iter().find(|x| &x.id == q).unwrap_or_else(|| {
                panic!(
                    "tests/scenarios.txt:{}: case {} answers unknown question `{q}`",
                    c.line, c.id
                )
            });
            if let (QuestionKind::Choice, Answer::Choice(v)) = (question.kind, a) {
                if !question.choices.iter().any(|(value, _)| value == v) {
                    panic!(
                        "tests/scenarios.txt:{}: case {}: `{v}` is not a choice of `{q}` (choices: {})",
                        c.line,
                        c.id,
                        question
                            .choices
                            .iter()
                            .map(|(v, _)| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
            }
        }
    }
}

fn show_grounds(a: &Assessment) -> String {
    a.grounds
        .iter()
        .map(|g| format!("      - [{}] {}", g.rule, g.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run one case: `None` when it passes, else what went wrong.
fn run(case: &Case) -> Option<String> {
    let ds = dataset();
    let result = catch_unwind(AssertUnwindSafe(|| assess(ds, &case.input)));
    let result = match result {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Some(format!("    expected {}, got a PANIC: {msg}", case.verdict));
        }
    };
    match (case.verdict.as_str(), result) {
        ("error", Err(e)) => {
            let missing: Vec<&String> = case
                .citations
                .iter()
                .filter(|s| !e.0.contains(s.as_str()))
                .collect();
            if missing.is_empty() {
                None
            } else {
                Some(format!(
                    "    expected an error naming {:?}\n    got error: {}",
                    missing, e.0
                ))
            }
        }
        ("error", Ok(a)) => Some(format!(
            "    expected an error naming {:?}\n    got verdict {} (ugeas {:?})\n    grounds:\n{}",
            case.citations,
            a.verdict.as_str(),
            a.general_authorisations,
            show_grounds(&a)
        )),
        (_, Err(e)) => Some(format!("    expected {}, got error: {}", case.verdict, e.0)),
        (expected, Ok(a)) => {
            let mut problems = Vec::new();
            if a.verdict.as_str() != expected {
                problems.push(format!(
                    "verdict: expected {expected}, got {}",
                    a.verdict.as_str()
                ));
            }
            for c in &case.citations {
                if !a
                    .grounds
                    .iter()
                    .any(|g| g.rule.contains(c.as_str()) || g.text.contains(c.as_str()))
                {
                    problems.push(format!("citation `{c}` not found in any ground"));
                }
            }
            let mut want = case.ugeas.clone();
            want.sort();
            let mut got = a.general_authorisations.clone();
            got.sort();
            if want != got {
                problems.push(format!("ugeas: expected {want:?}, got {got:?}"));
            }
            if problems.is_empty() {
                None
            } else {
                Some(format!(
                    "    {}\n    grounds:\n{}",
                    problems.join("\n    "),
                    show_grounds(&a)
                ))
            }
        }
    }
}

fn count_by_verdict(cases: &[Case]) -> BTreeMap<&str, usize> {
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cases {
        *by.entry(c.verdict.as_str()).or_default() += 1;
    }
    by
}

fn summary(cases: &[Case]) -> String {
    let by = count_by_verdict(cases);
    let mut parts: Vec<String> = VERDICTS
        .iter()
        .map(|v| format!("{} {}", v, by.get(v).copied().unwrap_or(0)))
        .collect();
    parts.push(format!("error {}", by.get("error").copied().unwrap_or(0)));
    format!("scenarios: {} ({})", cases.len(), parts.join(", "))
}

#[test]
fn scenarios_match_the_law() {
    let cases = parse_table(&table_text());
    check_answers_exist(&cases);
    println!("{}", summary(&cases));
    let mut failures = Vec::new();
    for case in &cases {
        if let Some(why) = run(case) {
            failures.push(format!(
                "  {} (tests/scenarios.txt:{}): {}\n{}",
                case.id, case.line, case.description, why
            ));
        }
    }
    if !failures.is_empty() {
        eprintln!(
            "{} of {} scenarios disagree with the expected result:\n\n{}\n",
            failures.len(),
            cases.len(),
            failures.join("\n\n")
        );
        panic!(
            "{} of {} scenarios failed (listed above); {}",
            failures.len(),
            cases.len(),
            summary(&cases)
        );
    }
}

#[test]
fn table_is_large_enough_and_covers_every_verdict() {
    let cases = parse_table(&table_text());
    let real = cases.iter().filter(|c| c.verdict != "error").count();
    assert!(
        real >= 60,
        "the scenario table needs at least 60 cases with a verdict, has {real}"
    );
    let by = count_by_verdict(&cases);
    for v in VERDICTS {
        assert!(
            by.get(v).copied().unwrap_or(0) > 0,
            "no scenario expects the verdict {v}; {}",
            summary(&cases)
        );
    }
    assert!(
        by.get("error").copied().unwrap_or(0) > 0,
        "no scenario checks bad input"
    );
}

#[test]
fn table_covers_the_cyber_surveillance_entries_and_sanction_regimes() {
    let cases = parse_table(&table_text());
    // Each listed cyber-surveillance entry must be the subject of some case, given as a code
    // or reached through the questions (then named in the citations).
    let named = |code: &str| {
        cases.iter().any(|c| {
            c.input.entries.iter().any(|e| e == code) || c.citations.iter().any(|s| s == code)
        })
    };
    for code in [
        "5A001.f.1",
        "5A001.f.2",
        "5A001.f.3",
        "5A001.f.4",
        "5A001.j",
        "5D001.e",
        "4A005",
        "4D004",
        "4E001.a",
        "4E001.c",
        "5A004.a",
        "5A004.b",
        "5D002.a.3.b",
        "5D002.c.3.b",
    ] {
        assert!(named(code), "no scenario covers {code}");
    }
    for to in ["RU", "BY", "KP", "IR", "MM", "SY", "VE"] {
        assert!(
            cases.iter().any(|c| c.input.to == to),
            "no scenario for the sanctions regime of {to}"
        );
    }
    for ugea in [
        "EU001", "EU002", "EU003", "EU004", "EU005", "EU006", "EU007", "EU008",
    ] {
        assert!(
            cases.iter().any(|c| c.ugeas.iter().any(|u| u == ugea)),
            "no scenario where {ugea} is available"
        );
    }
}

#[test]
#[should_panic(expected = "tests/scenarios.txt:3: expected 6 `|`-separated fields")]
fn a_malformed_line_is_reported_with_its_line_number() {
    parse_table("# comment\n\nX1 | too few | to=CN | prohibited\n");
}

#[test]
#[should_panic(expected = "tests/scenarios.txt:1: unknown input key `destination`")]
fn an_unknown_input_key_is_reported_with_its_line_number() {
    parse_table("X1 | bad key | destination=CN | prohibited | - | -\n");
}
