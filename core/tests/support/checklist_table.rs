//! The reader of core/tests/checklist_scenarios.txt (format: see checklist_scenarios.rs),
//! shared by that harness and by the assess snapshot (assess_snapshot.rs), so both run the
//! very same inputs.
#![allow(dead_code)] // each including test uses a part

use std::collections::BTreeSet;
use std::path::Path;

use dualuse_core::checklist::{ItemAnswer, ItemAnswers};

#[derive(Debug, Default)]
pub struct Scenario {
    pub line: usize,
    pub id: String,
    pub product: String,
    pub from: String,
    pub to: String,
    pub answers: ItemAnswers,
    pub verdict: String,
    pub matched: BTreeSet<String>,
    pub open: BTreeSet<String>,
    pub released: BTreeSet<String>,
    pub ugeas: Option<BTreeSet<String>>,
}

pub const TABLE: &str = "tests/checklist_scenarios.txt";

pub fn list(value: &str) -> BTreeSet<String> {
    if value.trim() == "-" {
        return BTreeSet::new();
    }
    value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse(text: &str) -> Vec<Scenario> {
    let mut out: Vec<Scenario> = Vec::new();
    // Which of the required fields each block has set.
    let mut seen: Vec<BTreeSet<&str>> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix("== ") {
            let (id, product) = head
                .split_once(" | ")
                .unwrap_or_else(|| panic!("{TABLE}:{line_no}: expected `== ID | product`"));
            out.push(Scenario {
                line: line_no,
                id: id.trim().to_string(),
                product: product.trim().to_string(),
                ..Default::default()
            });
            seen.push(BTreeSet::new());
            continue;
        }
        let s = out
            .last_mut()
            .unwrap_or_else(|| panic!("{TABLE}:{line_no}: a field before the first `==`"));
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{TABLE}:{line_no}: expected `key: value`"));
        let value = value.trim();
        let key = match key.trim() {
            "from" => {
                s.from = value.to_string();
                "from"
            }
            "to" => {
                s.to = value.to_string();
                "to"
            }
            "answers" => {
                for pair in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    let (k, v) = pair.rsplit_once('=').unwrap_or_else(|| {
                        panic!("{TABLE}:{line_no}: expected `KEY=yes|no|unknown`, got `{pair}`")
                    });
                    let answer = ItemAnswer::parse(v.trim()).unwrap_or_else(|| {
                        panic!("{TABLE}:{line_no}: `{v}` is not yes, no or unknown")
                    });
                    let previous = s.answers.insert(k.trim().to_string(), answer);
                    assert!(
                        previous.is_none(),
                        "{TABLE}:{line_no}: `{k}` answered twice"
                    );
                }
                "answers"
            }
            "verdict" => {
                s.verdict = value.to_string();
                "verdict"
            }
            "matched" => {
                s.matched = list(value);
                "matched"
            }
            "open" => {
                s.open = list(value);
                "open"
            }
            "released" => {
                s.released = list(value);
                "released"
            }
            "ugeas" => {
                s.ugeas = Some(list(value));
                "ugeas"
            }
            other => panic!("{TABLE}:{line_no}: unknown field `{other}`"),
        };
        seen.last_mut().expect("a block").insert(key);
    }
    for (s, keys) in out.iter().zip(&seen) {
        for required in [
            "from", "to", "answers", "verdict", "matched", "open", "released",
        ] {
            assert!(
                keys.contains(required),
                "{TABLE}:{}: scenario {} has no `{required}`",
                s.line,
                s.id
            );
        }
    }
    out
}

pub fn table() -> Vec<Scenario> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    parse(&std::fs::read_to_string(&path).expect("the scenario table is readable"))
}
