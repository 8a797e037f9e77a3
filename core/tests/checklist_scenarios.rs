//! Walked scenarios of the checklist (issue 14): a realistic product, the answers an exporter
//! with it would give after reading the entry (`itemAnswers`), and what the law says follows.
//! The table is core/tests/checklist_scenarios.txt, written from the consolidated text of
//! Regulation (EU) 2021/821 and the project's Annex II / Annex IV data, not from the engine:
//! each block quotes the words that decide it.
//!
//! Block format (`#` starts a comment line; blank lines are ignored):
//!
//! ```text
//! == 6-1 | Thermal camera with a 640 x 512 microbolometer array, 30 Hz, to China
//! from: DE
//! to: CN
//! answers: 6A003.a=no; 6A003.b.4=yes; Note 3 to 6A003.b.4=no   (more `answers:` lines add)
//! verdict: authorisation_required
//! matched: 6A003.b.4.b          (comma list, `-` for none)
//! open: -
//! released: -
//! ugeas: -                      (optional: exactly the general authorisations offered)
//! ```
//!
//! `matched`, `open` and `released` are the item-level outcome of every entry the answers
//! touch (`checklist::evaluate`, as `assess` reports it in `matchedItems`, `openItems`,
//! `releasedBy`), compared as sets. The id's first character is the Annex I category.
//!
//! The second part checks requirement 3 of the issue on the entries that have both guided
//! questions and a checklist: the same product gives the same verdict either way, and where
//! the two disagree the guided questions win.

#[path = "support/checklist_table.rs"]
mod checklist_table;

use std::collections::BTreeSet;
use std::path::Path;

use checklist_table::{table, Scenario, TABLE};
use dualuse_core::assess::{assess, AssessInput, Assessment};
use dualuse_core::checklist::{self, ItemAnswer, ItemAnswers};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::questions::{Answer, Answers};
use dualuse_core::Dataset;

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

/// The item-level outcome of every entry the answers touch, as `assess` computes it.
fn item_outcome(
    ds: &Dataset,
    answers: &ItemAnswers,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let mut matched = BTreeSet::new();
    let mut open = BTreeSet::new();
    let mut released = BTreeSet::new();
    for top in checklist::answered_entries(ds, answers) {
        let ev = checklist::evaluate(ds, &top, answers).expect("an entry of the data");
        matched.extend(ev.matched_items);
        open.extend(ev.open_items);
        released.extend(ev.released_by);
    }
    (matched, open, released)
}

fn show(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// What is wrong with one scenario's outcome, if anything.
fn check(ds: &Dataset, s: &Scenario) -> Vec<String> {
    let input = AssessInput {
        from: s.from.clone(),
        to: s.to.clone(),
        item_answers: s.answers.clone(),
        ..Default::default()
    };
    let a = match assess(ds, &input) {
        Ok(a) => a,
        Err(e) => return vec![format!("assess failed: {}", e.0)],
    };
    let mut problems = Vec::new();
    if a.verdict.as_str() != s.verdict {
        problems.push(format!(
            "verdict: expected {}, got {}",
            s.verdict,
            a.verdict.as_str()
        ));
    }
    let (matched, open, released) = item_outcome(ds, &s.answers);
    for (what, expected, got) in [
        ("matched", &s.matched, &matched),
        ("open", &s.open, &open),
        ("released", &s.released, &released),
    ] {
        if expected != got {
            problems.push(format!(
                "{what}: expected {}, got {}",
                show(expected),
                show(got)
            ));
        }
    }
    // The assessment reports the same outcome: every item met is a listed entry (or lies
    // within one listed more specifically), and the entries carry the items.
    for item in &matched {
        let listed = a
            .entries
            .iter()
            .any(|e| !e.open && (e.code == *item || e.code.starts_with(&format!("{item}."))));
        if !listed {
            problems.push(format!("{item} is met but not a listed entry"));
        }
    }
    for e in &a.entries {
        if let Some(items) = &e.items {
            let got: BTreeSet<String> = items.matched.iter().cloned().collect();
            if !got.is_subset(&matched) {
                problems.push(format!("{}: matchedItems {:?}", e.code, items.matched));
            }
        }
    }
    if matched.is_empty() && !open.is_empty() {
        let all_open_listed = open.iter().all(|o| a.entries.iter().any(|e| &e.code == o));
        if !all_open_listed || a.entries.iter().any(|e| !e.open) {
            problems.push("open items must be listed as open entries".into());
        }
    }
    if matched.is_empty() && open.is_empty() && !released.is_empty() {
        let cited = released.iter().all(|note| {
            a.grounds
                .iter()
                .any(|g| g.rule == "released" && g.text.contains(note.as_str()))
        });
        if !cited {
            problems.push("the release is not cited in a `released` ground".into());
        }
    }
    if let Some(expected) = &s.ugeas {
        let got: BTreeSet<String> = a.general_authorisations.iter().cloned().collect();
        if &got != expected {
            problems.push(format!(
                "ugeas: expected {}, got {}",
                show(expected),
                show(&got)
            ));
        }
    }
    problems
}

fn grounds(a: &Assessment) -> String {
    a.grounds
        .iter()
        .map(|g| format!("    [{}] {}", g.rule, g.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn walked_scenarios_reach_the_verdict_the_law_gives() {
    let ds = dataset();
    let scenarios = table();
    let mut failures = Vec::new();
    for s in &scenarios {
        let problems = check(&ds, s);
        if !problems.is_empty() {
            let input = AssessInput {
                from: s.from.clone(),
                to: s.to.clone(),
                item_answers: s.answers.clone(),
                ..Default::default()
            };
            let detail = assess(&ds, &input).map(|a| grounds(&a)).unwrap_or_default();
            failures.push(format!(
                "{TABLE}:{} {} ({}):\n  {}\n{detail}",
                s.line,
                s.id,
                s.product,
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios fail:\n{}",
        failures.len(),
        scenarios.len(),
        failures.join("\n")
    );
}

#[test]
fn every_category_has_at_least_six_scenarios() {
    let scenarios = table();
    let mut ids = BTreeSet::new();
    for s in &scenarios {
        assert!(ids.insert(&s.id), "{TABLE}:{}: id {} twice", s.line, s.id);
    }
    let mut counts = [0usize; 10];
    for s in &scenarios {
        let category =
            s.id.chars()
                .next()
                .and_then(|c| c.to_digit(10))
                .unwrap_or_else(|| panic!("{TABLE}:{}: the id starts with the category", s.line));
        counts[category as usize] += 1;
    }
    println!("scenarios per category 0-9: {counts:?}");
    for (category, n) in counts.iter().enumerate() {
        assert!(*n >= 6, "Category {category} has {n} scenarios");
    }
    assert!(scenarios.len() >= 60, "{} scenarios", scenarios.len());
}

/// Requirement 3 of issue 14: the guided questions (data/questions.txt) and the checklist
/// describe the same law for 5A001.f, 5A001.j, 5D001.e, 4A005, 4D004 and 5A002, so the same
/// product answered either way must get the same verdict.
mod guided_questions_and_checklist {
    use super::*;

    fn guided(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|&(id, v)| {
                let answer = match v {
                    "yes" => Answer::Yes,
                    "no" => Answer::No,
                    "unknown" => Answer::Unknown,
                    v => v
                        .parse::<f64>()
                        .map(Answer::Number)
                        .unwrap_or_else(|_| Answer::Choice(v.to_string())),
                };
                (id.to_string(), answer)
            })
            .collect()
    }

    fn items(pairs: &[&str]) -> ItemAnswers {
        pairs
            .iter()
            .map(|pair| {
                let (k, v) = pair.rsplit_once('=').expect("KEY=answer");
                (
                    k.to_string(),
                    ItemAnswer::parse(v).expect("yes, no or unknown"),
                )
            })
            .collect()
    }

    fn run(ds: &Dataset, to: &str, answers: Answers, item_answers: ItemAnswers) -> Assessment {
        let input = AssessInput {
            from: "DE".into(),
            to: to.into(),
            answers,
            item_answers,
            ..Default::default()
        };
        assess(ds, &input).expect("valid input")
    }

    struct Case {
        product: &'static str,
        to: &'static str,
        guided: Vec<(&'static str, &'static str)>,
        items: Vec<&'static str>,
        verdict: &'static str,
    }

    /// The other items of 5A001, which an exporter of a 5A001.f or 5A001.j item answers "no".
    const NOT_5A001_OTHERS: &[&str] = &[
        "5A001.a=no",
        "5A001.b=no",
        "5A001.c=no",
        "5A001.d=no",
        "5A001.e=no",
        "5A001.g=no",
        "5A001.h=no",
    ];

    const MOBILE: &[(&str, &str)] = &[
        ("it_form", "equipment"),
        ("mob_mobile", "yes"),
        ("mob_jamming", "no"),
        ("mob_pmr_wlan", "no"),
        ("mob_dev_production", "no"),
    ];

    const IP: &[(&str, &str)] = &[
        ("it_form", "equipment"),
        ("ip_surveillance", "yes"),
        ("ip_carrier", "yes"),
        ("ip_layer7", "yes"),
        ("ip_extract", "yes"),
        ("ip_index", "yes"),
        ("ip_hard_selectors", "yes"),
    ];

    const CRYPTO_ROUTER: &[(&str, &str)] = &[
        ("it_form", "equipment"),
        ("cr_confidentiality", "yes"),
        ("cr_only_excluded", "no"),
        ("cr_asymmetric", "ecc"),
        ("cr_asymmetric_bits", "256"),
        ("cr_dormant", "no"),
        ("cr_note2", "none"),
        ("cr_retail", "no"),
        ("cr_personal", "no"),
    ];

    fn with<T: Clone>(base: &[T], more: &[T]) -> Vec<T> {
        [base, more].concat()
    }

    fn cases() -> Vec<Case> {
        vec![
            // 5A001.f.2: "Interception equipment ... designed for the extraction of client device
            // or subscriber identifiers (e.g., IMSI, TIMSI or IMEI) ..."
            Case {
                product: "IMSI catcher for police in China",
                to: "CN",
                guided: with(
                    MOBILE,
                    &[
                        ("mob_content", "no"),
                        ("mob_identifiers", "yes"),
                        ("mob_operator", "no"),
                    ],
                ),
                items: with(
                    NOT_5A001_OTHERS,
                    &[
                        "5A001.j=no",
                        "5A001.f.1=no",
                        "5A001.f.2=yes",
                        "5A001.f.3=no",
                        "5A001.f.4=no",
                        "Note to 5A001.f=no",
                    ],
                ),
                verdict: "authorisation_required",
            },
            // Note to 5A001.f: "b. Equipment designed for mobile telecommunications network operators".
            Case {
                product: "voice and identifier probe built for mobile operators, China",
                to: "CN",
                guided: with(
                    MOBILE,
                    &[
                        ("mob_content", "yes"),
                        ("mob_identifiers", "yes"),
                        ("mob_operator", "yes"),
                    ],
                ),
                items: with(
                    NOT_5A001_OTHERS,
                    &[
                        "5A001.j=no",
                        "5A001.f.1=yes",
                        "5A001.f.2=yes",
                        "5A001.f.3=no",
                        "5A001.f.4=no",
                        "Note to 5A001.f=yes",
                    ],
                ),
                verdict: "no_authorisation_indicated",
            },
            // 5A001.j, all of j.1.a-c and j.2.a-b.
            Case {
                product: "national-backbone interception platform, Brazil",
                to: "BR",
                guided: with(IP, &[("ip_relational", "yes"), ("ip_commercial", "no")]),
                items: with(
                    NOT_5A001_OTHERS,
                    &[
                        "5A001.f=no",
                        "5A001.j=yes",
                        "5A001.j.1=yes",
                        "5A001.j.1.a=yes",
                        "5A001.j.1.b=yes",
                        "5A001.j.1.c=yes",
                        "5A001.j.2=yes",
                        "5A001.j.2.a=yes",
                        "5A001.j.2.b=yes",
                        "Note to 5A001.j=no",
                    ],
                ),
                verdict: "authorisation_required",
            },
            // j.2.b "Mapping of the relational network ..." not done: all-of fails.
            Case {
                product: "backbone probe without relational mapping, Brazil",
                to: "BR",
                guided: with(IP, &[("ip_relational", "no"), ("ip_commercial", "no")]),
                items: with(
                    NOT_5A001_OTHERS,
                    &[
                        "5A001.f=no",
                        "5A001.j=yes",
                        "5A001.j.1=yes",
                        "5A001.j.1.a=yes",
                        "5A001.j.1.b=yes",
                        "5A001.j.1.c=yes",
                        "5A001.j.2=yes",
                        "5A001.j.2.a=yes",
                        "5A001.j.2.b=no",
                        "Note to 5A001.j=no",
                    ],
                ),
                verdict: "no_authorisation_indicated",
            },
            // Note to 5A001.j unknown: stays open, counted as listed.
            Case {
                product: "backbone platform, unsure whether it is a QoS product, Brazil",
                to: "BR",
                guided: with(
                    IP,
                    &[("ip_relational", "yes"), ("ip_commercial", "unknown")],
                ),
                items: with(
                    NOT_5A001_OTHERS,
                    &[
                        "5A001.f=no",
                        "5A001.j=yes",
                        "5A001.j.1=yes",
                        "5A001.j.1.a=yes",
                        "5A001.j.1.b=yes",
                        "5A001.j.1.c=yes",
                        "5A001.j.2=yes",
                        "5A001.j.2.a=yes",
                        "5A001.j.2.b=yes",
                        "Note to 5A001.j=unknown",
                    ],
                ),
                verdict: "authorisation_required",
            },
            // 5D001.e: e.1 and e.2.
            Case {
                product: "law-enforcement analysis software, Turkey",
                to: "TR",
                guided: vec![
                    ("it_form", "software"),
                    ("le_software", "yes"),
                    ("le_handover_search", "yes"),
                    ("le_map_track", "yes"),
                    ("le_excluded", "no"),
                    ("gen_public_domain", "no"),
                    ("gen_retail_software", "no"),
                ],
                items: vec![
                    "5D001.a=no",
                    "5D001.c=no",
                    "5D001.d=no",
                    "5D001.e=yes",
                    "5D001.e.1=yes",
                    "5D001.e.2=yes",
                    "Note to 5D001.e=no",
                ],
                verdict: "authorisation_required",
            },
            // Note to 5D001.e: "d. Mediation devices".
            Case {
                product: "lawful-interception mediation software, Turkey",
                to: "TR",
                guided: vec![
                    ("it_form", "software"),
                    ("le_software", "yes"),
                    ("le_handover_search", "yes"),
                    ("le_map_track", "yes"),
                    ("le_excluded", "yes"),
                    ("gen_public_domain", "no"),
                    ("gen_retail_software", "no"),
                ],
                items: vec![
                    "5D001.a=no",
                    "5D001.c=no",
                    "5D001.d=no",
                    "5D001.e=yes",
                    "5D001.e.1=yes",
                    "5D001.e.2=yes",
                    "Note to 5D001.e=yes",
                ],
                verdict: "no_authorisation_indicated",
            },
            // 4A005: equipment "for the generation, command and control, or delivery of
            // "intrusion software"".
            Case {
                product: "implant command-and-control appliance, Kazakhstan",
                to: "KZ",
                guided: vec![
                    ("it_form", "equipment"),
                    ("in_evades", "yes"),
                    ("in_executes", "yes"),
                    ("in_excluded", "no"),
                    ("in_role", "command"),
                ],
                items: vec!["4A005=yes"],
                verdict: "authorisation_required",
            },
            // A debugger is not "intrusion software" (its definition's Note 1): not 4A005.
            Case {
                product: "hardware debugger appliance, Kazakhstan",
                to: "KZ",
                guided: vec![
                    ("it_form", "equipment"),
                    ("in_evades", "yes"),
                    ("in_executes", "yes"),
                    ("in_excluded", "yes"),
                    ("in_role", "deliver"),
                ],
                items: vec!["4A005=no"],
                verdict: "no_authorisation_indicated",
            },
            // 4D004 software delivering intrusion software.
            Case {
                product: "implant delivery software, UAE",
                to: "AE",
                guided: vec![
                    ("it_form", "software"),
                    ("in_evades", "yes"),
                    ("in_executes", "yes"),
                    ("in_excluded", "no"),
                    ("in_role", "deliver"),
                    ("in_update", "no"),
                    ("gen_public_domain", "no"),
                    ("gen_retail_software", "no"),
                ],
                items: vec!["4D004=yes", "Note to 4D004=no"],
                verdict: "authorisation_required",
            },
            // Note to 4D004: updates that run only with the owner's authorisation.
            Case {
                product: "authorised update delivery software, UAE",
                to: "AE",
                guided: vec![
                    ("it_form", "software"),
                    ("in_evades", "yes"),
                    ("in_executes", "yes"),
                    ("in_excluded", "no"),
                    ("in_role", "deliver"),
                    ("in_update", "yes"),
                    ("gen_public_domain", "no"),
                    ("gen_retail_software", "no"),
                ],
                items: vec!["4D004=yes", "Note to 4D004=yes"],
                verdict: "no_authorisation_indicated",
            },
            // 5A002.a.1: "information security" as a primary function, AES-256.
            Case {
                product: "network encryptor with AES-256, Brazil",
                to: "BR",
                guided: vec![
                    ("it_form", "equipment"),
                    ("cr_confidentiality", "yes"),
                    ("cr_only_excluded", "no"),
                    ("cr_symmetric_bits", "256"),
                    ("cr_asymmetric", "none"),
                    ("cr_dormant", "no"),
                    ("cr_function", "security"),
                    ("cr_note2", "none"),
                    ("cr_retail", "no"),
                    ("cr_personal", "no"),
                ],
                items: vec![
                    "5A002.a.1=yes",
                    "5A002.a.2=no",
                    "5A002.a.3=no",
                    "5A002.a.4=no",
                    "Note 2 to 5A002.a=no",
                    "5A002.b=no",
                    "5A002.c=no",
                    "5A002.d=no",
                    "5A002.e=no",
                ],
                verdict: "authorisation_required",
            },
            // 5A002.a.2 to Brazil: EU008 covers "5A002.a.2" there.
            Case {
                product: "enterprise router with AES-256 VPN, Brazil",
                to: "BR",
                guided: with(
                    CRYPTO_ROUTER,
                    &[("cr_symmetric_bits", "256"), ("cr_function", "network")],
                ),
                items: vec![
                    "5A002.a.1=no",
                    "5A002.a.2=yes",
                    "5A002.a.3=no",
                    "5A002.a.4=no",
                    "Note 2 to 5A002.a=no",
                    "5A002.b=no",
                    "5A002.c=no",
                    "5A002.d=no",
                    "5A002.e=no",
                ],
                verdict: "general_authorisation_available",
            },
            // 'Described security algorithm': "a. A 'symmetric algorithm' employing a key length
            // in excess of 56 bits": 56-bit DES is not one, so 5A002.a's heading is not met.
            Case {
                product: "legacy 56-bit DES link encryptor, China",
                to: "CN",
                guided: vec![
                    ("it_form", "equipment"),
                    ("cr_confidentiality", "yes"),
                    ("cr_only_excluded", "no"),
                    ("cr_symmetric_bits", "56"),
                    ("cr_asymmetric", "none"),
                    ("cr_dormant", "no"),
                    ("cr_function", "network"),
                    ("cr_note2", "none"),
                    ("cr_retail", "no"),
                    ("cr_personal", "no"),
                ],
                items: vec![
                    "5A002.a=no",
                    "5A002.b=no",
                    "5A002.c=no",
                    "5A002.d=no",
                    "5A002.e=no",
                ],
                verdict: "no_authorisation_indicated",
            },
        ]
    }

    #[test]
    fn the_same_product_gets_the_same_verdict_either_way() {
        let ds = dataset();
        let mut failures = Vec::new();
        for c in cases() {
            let by_questions = run(&ds, c.to, guided(&c.guided), ItemAnswers::new());
            let by_checklist = run(&ds, c.to, Answers::new(), items(&c.items));
            let both = run(&ds, c.to, guided(&c.guided), items(&c.items));
            for (how, a) in [
                ("guided questions", &by_questions),
                ("checklist", &by_checklist),
                ("both", &both),
            ] {
                if a.verdict.as_str() != c.verdict {
                    failures.push(format!(
                        "{} ({how}): expected {}, got {}\n{}",
                        c.product,
                        c.verdict,
                        a.verdict.as_str(),
                        grounds(a)
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Guided answers and checklist answers that disagree about the same item, with the
    /// verdict the guided answers alone give (they keep precedence, requirement 3).
    fn disagreements() -> Vec<Case> {
        let cases = cases();
        let find = |product: &str| {
            cases
                .iter()
                .find(|c| c.product == product)
                .unwrap_or_else(|| panic!("{product}"))
        };
        let mut out = Vec::new();
        // The questions release 5A001.f.2 (operators' equipment); the checklist says met and
        // the note does not apply.
        let operator = find("voice and identifier probe built for mobile operators, China");
        let catcher = find("IMSI catcher for police in China");
        out.push(Case {
            product: "questions: released by the Note to 5A001.f; checklist: 5A001.f.2 met",
            to: "CN",
            guided: operator.guided.clone(),
            items: catcher.items.clone(),
            verdict: "no_authorisation_indicated",
        });
        // The questions meet 5A001.j; the checklist says j.2.b is not met.
        out.push(Case {
            product: "questions: 5A001.j met; checklist: 5A001.j.2.b not met",
            to: "BR",
            guided: find("national-backbone interception platform, Brazil")
                .guided
                .clone(),
            items: find("backbone probe without relational mapping, Brazil")
                .items
                .clone(),
            verdict: "authorisation_required",
        });
        // The questions release 5D001.e (mediation); the checklist says the note does not apply.
        out.push(Case {
            product: "questions: released by the Note to 5D001.e; checklist: 5D001.e met",
            to: "TR",
            guided: find("lawful-interception mediation software, Turkey")
                .guided
                .clone(),
            items: find("law-enforcement analysis software, Turkey")
                .items
                .clone(),
            verdict: "no_authorisation_indicated",
        });
        // The questions rule 4A005 out (a debugger); the checklist says met.
        out.push(Case {
            product: "questions: 4A005 not met; checklist: 4A005 met",
            to: "KZ",
            guided: find("hardware debugger appliance, Kazakhstan")
                .guided
                .clone(),
            items: find("implant command-and-control appliance, Kazakhstan")
                .items
                .clone(),
            verdict: "no_authorisation_indicated",
        });
        // The questions meet 4D004; the checklist says not met.
        out.push(Case {
            product: "questions: 4D004 met; checklist: 4D004 not met",
            to: "AE",
            guided: find("implant delivery software, UAE").guided.clone(),
            items: vec!["4D004=no"],
            verdict: "authorisation_required",
        });
        out
    }

    // Requirement 3: the guided questions keep precedence and the result says so: where they
    // decide an item, the checklist's answers about it are set aside (`checked` names them),
    // so a release the questions establish is not overridden by a checklist "yes", and a
    // checklist "no" does not contradict the questions' match.
    #[test]
    fn guided_answers_take_precedence_over_disagreeing_checklist_answers() {
        let ds = dataset();
        let mut failures = Vec::new();
        for c in disagreements() {
            let by_questions = run(&ds, c.to, guided(&c.guided), ItemAnswers::new());
            assert_eq!(by_questions.verdict.as_str(), c.verdict, "{}", c.product);
            let both = run(&ds, c.to, guided(&c.guided), items(&c.items));
            let met: Vec<&str> = both
                .grounds
                .iter()
                .filter(|g| g.msg.id == "g.answers_match")
                .map(|g| g.text.as_str())
                .collect();
            let released: Vec<&str> = both
                .grounds
                .iter()
                .filter(|g| g.rule == "released")
                .map(|g| g.text.as_str())
                .collect();
            let contradicts = !met.is_empty() && !released.is_empty();
            let says_so = both
                .checked_msgs
                .iter()
                .any(|m| m.id == "c.questions_precede");
            if !says_so {
                failures.push(format!(
                    "{}: the result does not say the guided questions took precedence",
                    c.product
                ));
            }
            if both.verdict != by_questions.verdict || contradicts {
                failures.push(format!(
                    "{}: questions alone {}, with the checklist {}\n{}",
                    c.product,
                    by_questions.verdict.as_str(),
                    both.verdict.as_str(),
                    grounds(&both)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_entry_with_both_mechanisms_is_covered() {
        let ds = dataset();
        let touched: BTreeSet<String> = cases()
            .iter()
            .flat_map(|c| checklist::answered_entries(&ds, &items(&c.items)))
            .collect();
        for code in ["5A001", "5D001", "4A005", "4D004", "5A002"] {
            assert!(touched.contains(code), "{code}");
        }
        let guided_items: BTreeSet<&str> = cases()
            .iter()
            .flat_map(|c| c.items.iter())
            .map(|pair| checklist::key_code(pair.rsplit_once('=').expect("KEY=answer").0))
            .collect();
        for code in ["5A001.f.2", "5A001.j", "5D001.e"] {
            assert!(guided_items.contains(code), "{code}");
        }
    }
}
