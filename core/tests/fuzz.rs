//! Property tests ("fuzzing") for everything that reads text it did not write: the search
//! over arbitrary queries, the code normaliser, the data-file parser and compiler on mutated
//! data, the rule-expression parser, and `assess` on arbitrary input. Every property asserts
//! that the call returns (no panic) and stays within a time bound.
//!
//! Case counts: 256 per property by default (fewer where one case makes many calls), so
//! `cargo test` stays fast. `FUZZ_CASES=N` raises (or lowers) it for every property, for
//! example `FUZZ_CASES=1000000 cargo test --release -p dualuse-core --test fuzz cheap::`.
//! The properties are in two modules so a long run can pick its targets by name:
//!
//! - `cheap::` no dataset: the normaliser and the expression parser (tens of microseconds a
//!   case: a million cases in about a minute), the record parser, and compiling a small
//!   corpus (a couple of milliseconds a case);
//! - `heavy::` over the whole dataset: search, entry, assess, and compiling all of data/.
//!
//! `cargo xtask bench` runs each property in a release build with its own count (the plan
//! is in tests/bench/run.mjs) and reports the timings in BENCHMARKS.md. Failing cases found
//! so far are kept as named tests in `regressions::` at the end of this file.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use dualuse_core::assess::{assess, AssessInput, Concerns, ExportForm, Resolution};
use dualuse_core::codes::{code_prefix, is_within, normalize_code, parent_code, top_level};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::model::Circumstance;
use dualuse_core::questions::{parse_expr, Answer, Answers};
use dualuse_core::records::{parse_records, Errors};
use dualuse_core::search::search;
use dualuse_core::Dataset;

// ---------------------------------------------------------------------------------------
// Set-up shared by all properties.

/// Cases per property: `FUZZ_CASES` or 256.
fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    config_div(1)
}

/// For a property whose one case costs many calls: `cases() / div` cases, at least 8.
fn config_div(div: u32) -> ProptestConfig {
    ProptestConfig {
        cases: (cases() / div).max(8),
        // Failures become named tests in `regressions` below, not files in the tree.
        failure_persistence: None,
        max_shrink_iters: 10_000,
        ..ProptestConfig::default()
    }
}

/// Time bounds are for release builds; debug builds (plain `cargo test`) get 25 times more.
/// They catch pathological inputs (a quadratic path, a runaway loop), with a wide margin for
/// a busy machine: they are not the latency budgets, which `cargo xtask bench` measures.
fn bound(release_ms: u64) -> Duration {
    let factor = if cfg!(debug_assertions) { 25 } else { 1 };
    Duration::from_millis(release_ms * factor)
}

/// Run `f`, and fail when it took longer than `limit` (the input is printed by proptest).
/// A call over the bound is timed twice more and the fastest run counts, so a busy machine
/// (a build beside the tests) does not fail the property; a slow input stays slow.
fn timed<T>(what: &str, limit: Duration, mut f: impl FnMut() -> T) -> Result<T, TestCaseError> {
    let t = Instant::now();
    let mut out = f();
    let mut took = t.elapsed();
    for _ in 0..2 {
        if took <= limit {
            break;
        }
        let t = Instant::now();
        out = f();
        took = took.min(t.elapsed());
    }
    prop_assert!(
        took <= limit,
        "{what} took {took:?} (fastest of 3 runs), more than its bound of {limit:?}"
    );
    Ok(out)
}

fn data_files() -> &'static Vec<(String, String)> {
    static FILES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        read_data_dir(&dir).expect("data/ is readable")
    })
}

fn dataset() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let c = compile(data_files());
        c.dataset
            .unwrap_or_else(|| panic!("data/ compiles: {:?}", c.errors.first()))
    })
}

/// A small corpus with every required file: the header and the first two records of each
/// record file, the first 25 lines of the others, at most 30 lines a file (a full compile
/// indexes all of Annex I and costs tens of milliseconds; this costs about one).
fn small_corpus() -> &'static Vec<(String, String)> {
    static SMALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SMALL.get_or_init(|| {
        data_files()
            .iter()
            .map(|(p, t)| {
                let records = t.lines().filter(|l| l.starts_with("== ")).count();
                let mut out = String::new();
                let mut seen = 0;
                for (i, l) in t.lines().enumerate() {
                    if l.starts_with("== ") {
                        seen += 1;
                    }
                    if (records > 0 && seen > 2) || (records == 0 && i >= 25) || i >= 30 {
                        break;
                    }
                    out.push_str(l);
                    out.push('\n');
                }
                (p.clone(), out)
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------------------
// Strategies.

#[rustfmt::skip]
const QUERY_WORDS: &[&str] = &[
    "imsi", "catcher", "encryption", "encrpytion", "vpn", "drone", "uav", "5a002", "5A001.f.2",
    "5a001f", "5a", "5", "1c", "0a001", "9e003.a.1", "nuclear", "laser", "the", "of", "and",
    "not", "as", "follows", "software", "technology", "intrusion", "interception", "quantum",
    "cryptography", "spectrum", "frequency", "hopping", "gsm", "lte", "5g", "wlan", "stingray",
    "jailbreak", "vulnerability", "disclosure", "machine", "tool", "cnc", "5-axis", "axis",
    "spindle", "centrifuge", "uranium", "zürich", "größe", "ümlaut", "naïve", "façade", "x",
    "é", "ab", "encr", "encry",
];

#[rustfmt::skip]
const EXPR_TOKENS: &[&str] = &[
    "(", ")", "and", "or", "not", "=", "!=", ">", ">=", "<", "<=", "==", "!", "<>", "it_form",
    "cs_designed", "bits", "56", "-1", "1e309", "NaN", "x.y", "_", "-", "AND", "Or", "a", "ä",
    "0", "((", "))",
];

#[rustfmt::skip]
const DATA_LINES: &[&str] = &[
    "== ", "==", "== 5A002", "== 5A002.a", "== CATEGORY 5", "== \"\"", "== \"x\"", "== 'y'",
    "---", "--- ", "#", "@source:", "@as-of: 2025-13-45", "@as-of: 2025-11-15", "@x",
    "heading:", "heading: H", "verified: maybe", "verified: yes", "verified: no",
    "related: 5A002, , ,5Z999", "aliases: ;;;", "scope: 5A002", "forms: \"a\", \"",
    "type: number", "type: choice", "type: nonsense", "choices: a = A; = ; b", "choices: =",
    "ask-if: (", "ask-if: a and", "requires: not not not", "release-1: =>", "release-1: x => ",
    "tests: 5A002.a", "a. item", "  1. sub", "    a. subsub", "      1. deeper", "b. next",
    "z. last", "aa. double", "zz. end", "99. big", "Note:", "Note 1: text", "Note x: bad",
    "Technical Notes: t", "N.B.: nb", "N.B. 2:", "   odd", "\t tab",
    "DE | Germany | Deutschland | Allemagne | eu", "XX | | | |", "|||||", "5A002.a | part",
    "EU001", "items: all", "destinations: all except CN", "circumstance: repair",
    "effect: prohibited", "applies-to: annex-i", "binding: yes", "country: CN",
];

#[rustfmt::skip]
const ASSESS_CODES: &[&str] = &[
    "5A001.f.2", "5A001.f", "5A002", "5A002.a", "5A004.a", "5D002.c.3.b", "4A005", "4D004",
    "4E001.c", "1C350", "0A001", "9E003.a.1", "5A001.j", "1A001.a", "2B001", "5A002.z",
    "5A002.a.99", "5A999", "5a001f2", "5A001 f 2",
];

#[rustfmt::skip]
const COUNTRIES: &[&str] = &[
    "DE", "FR", "CN", "US", "RU", "IR", "KP", "BY", "SY", "CH", "NO", "JP", "GB", "AT", "NL",
    "MM", "VE", "de", " cn ", "", "XX", "EU", "GR", "EL",
];

#[rustfmt::skip]
const CHOICES: &[&str] = &[
    "equipment", "software", "technology", "test", "",
];

#[rustfmt::skip]
const HOSTILE_CHARS: &[char] = &[
    '\u{7f}', '\u{fe0f}', '\u{feff}', '\u{fffd}', '\u{ffff}', '\u{d7ff}', '\u{e000}',
    '\u{10ffff}', 'İ', 'ß', 'ﬁ', 'ǅ', 'Σ', 'ς', 'ª', 'º', '²', '½', 'Ⅻ', '"', '\'', '.', ' ',
    '\u{a0}', '\u{2028}', '\t', '\n', '\r',
];

/// Characters that break naive text handling: controls, bidi overrides and marks, combining
/// marks, zero-width joiners, surrogate-adjacent and private-use code points, emoji, case
/// mappings that change length (İ, ß, ﬁ), full-width digits, quotes and separators.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('\u{0}', '\u{1f}'),
        prop::char::range('\u{80}', '\u{9f}'),
        prop::char::range('\u{200b}', '\u{200f}'),
        prop::char::range('\u{202a}', '\u{202e}'),
        prop::char::range('\u{2066}', '\u{2069}'),
        prop::char::range('\u{0300}', '\u{036f}'),
        prop::char::range('\u{0590}', '\u{06ff}'),
        prop::char::range('\u{1f300}', '\u{1faff}'),
        prop::char::range('\u{ff10}', '\u{ff5a}'),
        prop::sample::select(HOSTILE_CHARS),
    ]
}

/// Words the index knows, code-shaped tokens and stop words: inputs that reach deep into
/// the scoring, snippet and highlight code rather than bouncing off the first check.
fn known_word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(QUERY_WORDS).prop_map(String::from),
        "[0-9][a-eA-E][0-9]{3}([ .\\-_]?[a-zA-Z0-9]{1,2}){0,4}",
        "[a-z]{1,12}",
    ]
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        // Anything at all.
        any::<String>(),
        prop::collection::vec(hostile_char(), 0..64).prop_map(|v| v.into_iter().collect()),
        // Real words glued with hostile separators, so the engine goes all the way.
        prop::collection::vec(
            (known_word(), prop::collection::vec(hostile_char(), 0..3)),
            1..16
        )
        .prop_map(|parts| {
            parts
                .into_iter()
                .map(|(w, sep)| format!("{w}{}", sep.into_iter().collect::<String>()))
                .collect::<Vec<_>>()
                .join(" ")
        }),
        // Very long: a pasted datasheet, a repeated word, one endless token.
        (known_word(), 1usize..20_000, any::<bool>()).prop_map(|(w, n, spaced)| {
            if spaced {
                format!("{w} ").repeat(n)
            } else {
                w.repeat(n)
            }
        }),
        (hostile_char(), 1usize..100_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// A code as users type it, and as they mistype it.
fn code_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9][a-zA-Z][0-9]{3}([ .\\-_]{0,2}[a-zA-Z0-9]{1,3}){0,6}",
        "[ \t]*[0-9][a-eA-E][0-9]{0,4}[ \t]*",
        prop::collection::vec(
            prop_oneof![hostile_char(), prop::char::range('0', 'z')],
            0..24
        )
        .prop_map(|v| v.into_iter().collect()),
        (
            "[0-9][a-eA-E][0-9]{3}",
            prop::collection::vec(hostile_char(), 0..6)
        )
            .prop_map(|(c, tail)| format!("{c}{}", tail.into_iter().collect::<String>())),
    ]
}

/// A rule expression: a soup of the language's tokens, plus hostile characters.
fn expr_source() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => prop::sample::select(EXPR_TOKENS).prop_map(String::from),
        1 => "[a-z_][a-z0-9_.\\-]{0,10}",
        1 => hostile_char().prop_map(|c| c.to_string()),
    ];
    prop_oneof![
        4 => prop::collection::vec(token, 0..40).prop_map(|t| t.join(" ")),
        1 => any::<String>(),
    ]
}

/// A mutation of a text file, given as (kind, position, position, payload).
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLines(usize, usize),
    InsertLine(usize, String),
    DuplicateLine(usize, usize),
    SwapLines(usize, usize),
    Indent(usize, usize),
    Dedent(usize),
    InsertInLine(usize, usize, String),
    TruncateAt(usize),
    ReplaceLine(usize, String),
}

fn data_line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(DATA_LINES).prop_map(String::from),
        "[ -~]{0,60}",
        any::<String>(),
        prop::collection::vec(hostile_char(), 0..20).prop_map(|v| v.into_iter().collect()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = any::<usize>();
    prop_oneof![
        (pos, 1usize..8).prop_map(|(a, n)| Mutation::DeleteLines(a, n)),
        (pos, data_line()).prop_map(|(a, l)| Mutation::InsertLine(a, l)),
        (pos, 1usize..5).prop_map(|(a, n)| Mutation::DuplicateLine(a, n)),
        (pos, pos).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (pos, 1usize..9).prop_map(|(a, n)| Mutation::Indent(a, n)),
        pos.prop_map(Mutation::Dedent),
        (pos, pos, data_line()).prop_map(|(a, b, s)| Mutation::InsertInLine(a, b, s)),
        pos.prop_map(Mutation::TruncateAt),
        (pos, data_line()).prop_map(|(a, l)| Mutation::ReplaceLine(a, l)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLines(a, k) => {
                let a = a % n;
                let end = (a + k).min(lines.len());
                if a < end {
                    lines.drain(a..end);
                }
            }
            Mutation::InsertLine(a, l) => lines.insert(a % (lines.len() + 1), l.clone()),
            Mutation::DuplicateLine(a, k) => {
                if !lines.is_empty() {
                    let l = lines[a % n].clone();
                    for _ in 0..*k {
                        lines.insert(a % n, l.clone());
                    }
                }
            }
            Mutation::SwapLines(a, b) => {
                if !lines.is_empty() {
                    lines.swap(a % n, b % n);
                }
            }
            Mutation::Indent(a, k) => {
                if !lines.is_empty() {
                    lines[a % n].insert_str(0, &" ".repeat(*k));
                }
            }
            Mutation::Dedent(a) => {
                if !lines.is_empty() {
                    let l = &mut lines[a % n];
                    *l = l.trim_start().to_string();
                }
            }
            Mutation::InsertInLine(a, b, s) => {
                if !lines.is_empty() {
                    let l = &mut lines[a % n];
                    let bounds: Vec<usize> =
                        l.char_indices().map(|(i, _)| i).chain([l.len()]).collect();
                    l.insert_str(bounds[b % bounds.len()], s);
                }
            }
            Mutation::TruncateAt(a) => lines.truncate(a % n),
            Mutation::ReplaceLine(a, l) => {
                if !lines.is_empty() {
                    lines[a % n] = l.clone();
                }
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn assess_input() -> impl Strategy<Value = AssessInput> {
    let codes = prop_oneof![
        3 => prop::sample::select(ASSESS_CODES).prop_map(String::from),
        1 => code_like(),
    ];
    let country = prop_oneof![
        3 => prop::sample::select(COUNTRIES).prop_map(String::from),
        1 => any::<String>(),
    ];
    let answer = prop_oneof![
        Just(Answer::Yes),
        Just(Answer::No),
        Just(Answer::Unknown),
        any::<f64>().prop_map(Answer::Number),
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            0.0,
            56.0,
            1e308,
        ])
        .prop_map(Answer::Number),
        prop_oneof![
            prop::sample::select(CHOICES).prop_map(String::from),
            any::<String>(),
        ]
        .prop_map(Answer::Choice),
    ];
    let question_ids: Vec<String> = dataset().questions.iter().map(|q| q.id.clone()).collect();
    let qid = prop_oneof![
        4 => prop::sample::select(question_ids),
        1 => any::<String>(),
    ];
    let answers = prop::collection::btree_map(qid, answer, 0..40);
    let circumstance = prop::option::of(prop::sample::select(vec![
        Circumstance::Any,
        Circumstance::RepairReplacement,
        Circumstance::Exhibition,
        Circumstance::IntraGroup,
    ]));
    let form = prop::sample::select(vec![
        ExportForm::Goods,
        ExportForm::Electronic,
        ExportForm::Exhibition,
    ]);
    let resolution = prop::sample::select(vec![
        Resolution::Yes,
        Resolution::No,
        Resolution::Unknown,
        Resolution::Open,
    ]);
    let candidates = prop::collection::btree_map(codes.clone(), resolution, 0..4);
    (
        prop::collection::vec(codes, 0..6),
        any::<[bool; 6]>(),
        country.clone(),
        country,
        prop::option::of(any::<bool>()),
        circumstance,
        form,
        answers,
        candidates,
    )
        .prop_map(
            |(entries, f, from, to, telecom, circumstance, export_form, answers, candidates)| {
                AssessInput {
                    entries,
                    cyber_surveillance: f[0],
                    from,
                    to,
                    informed_by_authority: f[1],
                    concerns: Concerns {
                        wmd: f[2],
                        military_end_use: f[3],
                        illegal_military_parts: f[4],
                        human_rights: f[5],
                    },
                    telecom_monitoring: telecom,
                    circumstance,
                    export_form,
                    answers: answers.into_iter().collect::<Answers>(),
                    candidates,
                    item_answers: Default::default(),
                }
            },
        )
}

// ---------------------------------------------------------------------------------------
// Cheap targets: microseconds per call.

mod cheap {
    use super::*;

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn normalize_code_never_panics_and_is_idempotent(s in code_like()) {
            let out = timed("normalize_code", bound(20), || normalize_code(&s))?;
            if let Some(code) = out {
                let again = normalize_code(&code);
                prop_assert_eq!(again.as_deref(), Some(code.as_str()));
                prop_assert!(code.is_ascii());
                let top = top_level(&code);
                prop_assert!(is_within(&code, top));
                if let Some(p) = parent_code(&code) {
                    prop_assert!(is_within(&code, p));
                }
            }
            let _ = code_prefix(&s);
            let _ = parent_code(&s);
            let _ = top_level(&s);
            let _ = is_within(&s, "5A002");
            let _ = is_within("5A002.a", &s);
        }

        #[test]
        fn parse_expr_never_panics(src in expr_source()) {
            timed("parse_expr", bound(20), || {
                if let Ok(e) = parse_expr(&src) {
                    let mut ids = Vec::new();
                    e.questions(&mut ids);
                    let _ = e.eval(&Answers::new());
                }
            })?;
        }

        #[test]
        fn parse_records_never_panics_on_any_text(text in prop_oneof![
            any::<String>(),
            prop::collection::vec(data_line(), 0..40).prop_map(|l| l.join("\n")),
        ]) {
            let mut errors = Errors::default();
            timed("parse_records", bound(50), || parse_records("fuzz.txt", &text, &mut errors))?;
            for e in &errors.0 {
                prop_assert!(e.line as usize <= text.lines().count().max(1));
            }
        }
    }

    proptest! {
        // A compile of the small corpus indexes its text: about a millisecond a case.
        #![proptest_config(config_div(2))]

        #[test]
        fn compile_never_panics_on_a_mutated_small_corpus(
            file in any::<prop::sample::Index>(),
            mutations in prop::collection::vec(mutation(), 1..10),
            drop_file in prop::option::weighted(0.05, any::<prop::sample::Index>()),
        ) {
            let mut files = small_corpus().clone();
            let i = file.index(files.len());
            files[i].1 = mutate(&files[i].1, &mutations);
            if let Some(d) = drop_file {
                files.remove(d.index(files.len()));
            }
            let out = timed("compile (small corpus)", bound(250), || compile(&files))?;
            // Whatever it says, it either has a dataset or names an error.
            prop_assert!(out.dataset.is_some() || !out.errors.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Heavy targets: the whole dataset per call.

mod heavy {
    use super::*;

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn search_never_panics_and_stays_fast(q in query(), limit in 0usize..80) {
            let ds = dataset();
            let hits = timed("search", bound(250), || search(ds, &q, limit))?;
            prop_assert!(hits.len() <= limit.clamp(1, 50));
            for h in &hits {
                for &(s, e) in &h.highlights {
                    prop_assert!(s <= e && e <= h.snippet.len());
                    prop_assert!(h.snippet.is_char_boundary(s) && h.snippet.is_char_boundary(e));
                }
                prop_assert!(h.score.is_finite());
            }
        }

        #[test]
        fn entry_view_never_panics(code in code_like()) {
            let ds = dataset();
            timed("entry", bound(50), || dualuse_core::views::entry(ds, &code))?;
        }

        #[test]
        fn assess_returns_ok_or_err_never_panics(input in assess_input()) {
            let ds = dataset();
            let out = timed("assess", bound(50), || assess(ds, &input))?;
            if let Ok(a) = out {
                prop_assert!(!a.grounds.is_empty());
            }
        }
    }

    proptest! {
        // One case is a query typed character by character: up to 80 searches.
        #![proptest_config(config_div(8))]

        #[test]
        fn search_of_every_prefix_never_panics(q in query()) {
            let ds = dataset();
            let chars: Vec<char> = q.chars().take(80).collect();
            for n in 0..=chars.len() {
                let p: String = chars[..n].iter().collect();
                timed("search (prefix)", bound(250), || search(ds, &p, 10))?;
            }
        }
    }

    proptest! {
        // A full compile costs tens of milliseconds (hundreds in a debug build).
        #![proptest_config(config_div(64))]

        #[test]
        fn compile_never_panics_on_mutated_full_data(
            file in any::<prop::sample::Index>(),
            mutations in prop::collection::vec(mutation(), 1..10),
        ) {
            let mut files = data_files().clone();
            let i = file.index(files.len());
            files[i].1 = mutate(&files[i].1, &mutations);
            let out = timed("compile (all of data/)", bound(5_000), || compile(&files))?;
            prop_assert!(out.dataset.is_some() || !out.errors.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Fixed cases: the hostile inputs named in the issue, and every failing case found so far.

// ---------------------------------------------------------------------------------------
// Session links: what arrives in the URL fragment is outside input.

mod links {
    use super::*;
    use dualuse_core::session::{decode_link, encode_link, Session};

    fn a_session() -> Session {
        Session {
            description: "tactical interception kit".into(),
            searches: vec!["imsi catcher".into()],
            picked: vec!["5A001.f.2".into()],
            from: "DE".into(),
            to: "EG".into(),
            ..Session::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_fragment_decodes_or_says_why(s in any::<String>()) {
            let ds = dataset();
            let out = timed("decode_link", bound(20), || decode_link(ds, &s))?;
            if let Err(e) = out {
                prop_assert!(!e.is_empty());
            }
        }

        #[test]
        fn a_mutated_link_never_panics_and_a_clean_one_round_trips(mutations in prop::collection::vec(mutation(), 0..6)) {
            let ds = dataset();
            let link = encode_link(&a_session());
            prop_assert_eq!(decode_link(ds, &link).ok(), Some(a_session()));
            let damaged = mutate(&link, &mutations);
            let _ = timed("decode_link", bound(20), || decode_link(ds, &damaged))?;
        }
    }
}

mod regressions {
    use super::*;

    #[test]
    fn the_small_corpus_and_the_full_data_compile() {
        assert!(compile(data_files()).dataset.is_some());
        // The small corpus has dangling references, so errors are expected; no panic is.
        let _ = compile(small_corpus());
    }

    #[test]
    fn hostile_queries_from_the_issue() {
        let ds = dataset();
        let huge = "x".repeat(1 << 20);
        let garbage: String = (0u32..4096)
            .map(|i| char::from_u32((i * 7919) % 0x11_0000).unwrap_or('\u{fffd}'))
            .collect();
        for q in [
            huge.as_str(),
            garbage.as_str(),
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "\"><img src=x onerror=alert(1)>",
            "\u{202e}rotpyrcne\u{202c} \u{200f}שלום مرحبا",
            "e\u{301}\u{301}\u{301}ncry\u{308}ption",
            "🔐🛰️📡 👨‍👩‍👧 encryption 🔐",
            "İSTANBUL ǅ ß ﬁ",
            "\0\0\0",
        ] {
            let t = Instant::now();
            let _ = search(ds, q, 10);
            assert!(
                t.elapsed() <= bound(250),
                "{:?}...",
                q.chars().take(20).collect::<String>()
            );
        }
    }

    // Found by fuzzing (2026-11-30): 256 nested items in an entry body overflowed the u8
    // depth in compile::push_node (`depth + 1`, core/src/build/compile.rs): a panic in debug
    // builds, a wrong depth in release. Fixed with `depth.saturating_add(1)`.
    #[test]
    fn deep_item_nesting_in_an_entry_body_does_not_overflow() {
        let mut body = String::new();
        for d in 0..300usize {
            let label = if d % 2 == 0 { "a" } else { "1" };
            body.push_str(&format!("{}{label}. level {d}\n", "  ".repeat(d)));
        }
        let mut files = data_files().clone();
        let i = files
            .iter()
            .position(|(p, _)| p == "annex-i/cat5-part2.txt")
            .expect("cat5-part2.txt");
        files[i].1 = format!(
            "{}\n== 5A999\nheading: deep\nverified: no\n---\n{body}",
            files[i].1
        );
        let _ = compile(&files);
    }

    // Found by fuzzing (2026-11-30): parse_expr (core/src/answer/questions.rs) recursed once per
    // `(` and per `not`, so on a 2 MB thread stack 700 nested parentheses (debug build) or
    // 5,000 (release) overflowed it and aborted the process: a crash, not an Err. Only data
    // files reach it (questions.txt `ask-if`, screening-rules.txt). Fixed by a nesting limit
    // in the parser (MAX_EXPR_DEPTH).
    #[test]
    fn parse_expr_survives_deep_nesting() {
        // Before the fix this aborted the whole test process; now it is a clear Err.
        for n in [1_000usize, 100_000] {
            let deep = parse_expr(&format!("{}a{}", "(".repeat(n), ")".repeat(n)));
            assert!(deep.is_err_and(|e| e.contains("nested")), "nesting of {n}");
            assert!(parse_expr(&format!("{}a", "not ".repeat(n))).is_err());
            assert!(parse_expr(&"(".repeat(n)).is_err());
        }
    }

    // Found by probing (2026-11-30): annex::quoted_terms (core/src/build/annex.rs) scanned to the
    // end of the line for every opening quote without a close, so a line of n unclosed single
    // quotes cost O(n^2): ` 'a` x 10,000 (30 KB) took 0.76 s in a release build, x 30,000
    // (90 KB) 7 s. Only data files reach it (item text, notes, `forms:`). Now linear.
    #[test]
    fn quoted_terms_stays_linear_on_unclosed_quotes() {
        let line = " 'a".repeat(5_000);
        let t = Instant::now();
        let _ = dualuse_core::annex::quoted_terms(&line);
        let took = t.elapsed();
        assert!(
            took <= bound(20),
            "quoted_terms on 5,000 unclosed quotes took {took:?} (bound {:?})",
            bound(20)
        );
    }
}
