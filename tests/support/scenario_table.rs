//! The reader of tests/scenarios.txt (format: see tests/screening_scenarios.rs), shared by
//! that harness and by the assess snapshot (core/tests/assess_snapshot.rs), so both run the
//! very same inputs.
#![allow(dead_code)] // each including test uses a part

use dualuse_core::assess::{AssessInput, Concerns, ExportForm, Resolution};
use dualuse_core::model::Circumstance;
use dualuse_core::questions::Answer;

pub const VERDICTS: [&str; 5] = [
    "prohibited",
    "authorisation_required",
    "notify_authority",
    "general_authorisation_available",
    "no_authorisation_indicated",
];

#[derive(Debug)]
pub struct Case {
    pub line: usize,
    pub id: String,
    pub description: String,
    pub input: AssessInput,
    /// One of VERDICTS, or "error".
    pub verdict: String,
    pub citations: Vec<String>,
    pub ugeas: Vec<String>,
}

fn yes_no(line: usize, key: &str, value: &str) -> bool {
    match value {
        "yes" => true,
        "no" => false,
        other => panic!("tests/scenarios.txt:{line}: `{key}` must be yes or no, not `{other}`"),
    }
}

fn answer(value: &str) -> Answer {
    match value {
        "yes" => Answer::Yes,
        "no" => Answer::No,
        "unknown" => Answer::Unknown,
        v => match v.parse::<f64>() {
            Ok(n) => Answer::Number(n),
            Err(_) => Answer::Choice(v.to_string()),
        },
    }
}

pub fn list(field: &str, sep: char) -> Vec<String> {
    let f = field.trim();
    if f.is_empty() || f == "-" {
        return Vec::new();
    }
    f.split(sep)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse_input(line: usize, field: &str) -> AssessInput {
    let mut input = AssessInput::default();
    let mut concerns = Concerns::default();
    let mut seen = Vec::new();
    for pair in field.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or_else(|| {
            panic!("tests/scenarios.txt:{line}: input `{pair}` is not `key=value`")
        });
        let (key, value) = (key.trim(), value.trim());
        if seen.contains(&key.to_string()) {
            panic!("tests/scenarios.txt:{line}: input key `{key}` given twice");
        }
        seen.push(key.to_string());
        match key {
            "entries" => input.entries = list(value, ','),
            "from" => input.from = value.to_string(),
            "to" => input.to = value.to_string(),
            "cyber" => input.cyber_surveillance = yes_no(line, key, value),
            "informed" => input.informed_by_authority = yes_no(line, key, value),
            "wmd" => concerns.wmd = yes_no(line, key, value),
            "military" => concerns.military_end_use = yes_no(line, key, value),
            "parts" => concerns.illegal_military_parts = yes_no(line, key, value),
            "rights" => concerns.human_rights = yes_no(line, key, value),
            "telecom" => input.telecom_monitoring = Some(yes_no(line, key, value)),
            "form" => {
                input.export_form = match value {
                    "goods" => ExportForm::Goods,
                    "electronic" => ExportForm::Electronic,
                    "exhibition" => ExportForm::Exhibition,
                    other => panic!(
                        "tests/scenarios.txt:{line}: form must be goods, electronic or exhibition, not `{other}`"
                    ),
                }
            }
            "circumstance" => {
                input.circumstance = Some(match value {
                    "repair" => Circumstance::RepairReplacement,
                    "exhibition" => Circumstance::Exhibition,
                    "intra-group" => Circumstance::IntraGroup,
                    other => panic!(
                        "tests/scenarios.txt:{line}: circumstance must be repair, exhibition or intra-group, not `{other}`"
                    ),
                })
            }
            "answers" => {
                for a in list(value, ',') {
                    let (q, v) = a.split_once(':').unwrap_or_else(|| {
                        panic!("tests/scenarios.txt:{line}: answer `{a}` is not `question_id:value`")
                    });
                    let (q, v) = (q.trim(), v.trim());
                    if q.is_empty() || v.is_empty() {
                        panic!("tests/scenarios.txt:{line}: answer `{a}` is not `question_id:value`");
                    }
                    if input.answers.insert(q.to_string(), answer(v)).is_some() {
                        panic!("tests/scenarios.txt:{line}: question `{q}` answered twice");
                    }
                }
            }
            "candidates" => {
                for a in list(value, ',') {
                    let (code, v) = a.split_once(':').unwrap_or_else(|| {
                        panic!("tests/scenarios.txt:{line}: candidate `{a}` is not `code:yes|no|unknown|open`")
                    });
                    let r = Resolution::parse(v.trim()).unwrap_or_else(|| {
                        panic!("tests/scenarios.txt:{line}: candidate `{a}`: the answer must be yes, no, unknown or open")
                    });
                    if input.candidates.insert(code.trim().to_string(), r).is_some() {
                        panic!("tests/scenarios.txt:{line}: candidate `{code}` given twice");
                    }
                }
            }
            other => panic!("tests/scenarios.txt:{line}: unknown input key `{other}`"),
        }
    }
    input.concerns = concerns;
    input
}

pub fn parse_table(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = t.split('|').map(str::trim).collect();
        if fields.len() != 6 {
            panic!(
                "tests/scenarios.txt:{line}: expected 6 `|`-separated fields \
                 (id | description | input | verdict | citations | ugeas), found {}: {t}",
                fields.len()
            );
        }
        let id = fields[0].to_string();
        if id.is_empty() || id.contains(char::is_whitespace) {
            panic!("tests/scenarios.txt:{line}: bad case id `{id}`");
        }
        if let Some(other) = cases.iter().find(|c| c.id == id) {
            panic!(
                "tests/scenarios.txt:{line}: case id `{id}` already used on line {}",
                other.line
            );
        }
        if fields[1].is_empty() {
            panic!("tests/scenarios.txt:{line}: case `{id}` has no description");
        }
        let verdict = fields[3].to_string();
        if verdict != "error" && !VERDICTS.contains(&verdict.as_str()) {
            panic!(
                "tests/scenarios.txt:{line}: unknown verdict `{verdict}` (expected one of {} or error)",
                VERDICTS.join(", ")
            );
        }
        let citations = list(fields[4], ';');
        if verdict == "error" && citations.is_empty() {
            panic!("tests/scenarios.txt:{line}: an `error` case must name the substring its message must contain");
        }
        cases.push(Case {
            line,
            id,
            description: fields[1].to_string(),
            input: parse_input(line, fields[2]),
            verdict,
            citations,
            ugeas: list(fields[5], ','),
        });
    }
    cases
}
