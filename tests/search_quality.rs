//! Search quality: the labelled queries of tests/search_queries.txt, written as users type
//! them. Reports recall@5 and fails below 0.9. A result counts as a hit for an expected code
//! when it is that code or one of its items.

use dualuse_core::codes::is_within;
use dualuse_core::search::search;
use dualuse_screener::dataset;

struct Labelled {
    line: usize,
    query: String,
    expected: Vec<String>,
}

fn labelled_queries() -> Vec<Labelled> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/search_queries.txt"
    ))
    .expect("query set");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| {
            let (q, codes) = l
                .rsplit_once("=>")
                .unwrap_or_else(|| panic!("line {}: expected `query => CODE, CODE`", i + 1));
            Labelled {
                line: i + 1,
                query: q.trim().to_string(),
                expected: codes
                    .split(',')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
            }
        })
        .collect()
}

#[test]
fn every_label_names_an_entry_in_the_data() {
    let ds = dataset();
    for l in labelled_queries() {
        for code in &l.expected {
            assert!(
                dualuse_core::compile::nearest_existing(ds, code).is_some(),
                "tests/search_queries.txt:{}: `{code}` is not in the data",
                l.line
            );
        }
    }
}

#[test]
fn recall_at_5_is_at_least_0_9() {
    let ds = dataset();
    let queries = labelled_queries();
    assert!(
        queries.len() >= 80,
        "the query set has {} queries; it needs at least 80",
        queries.len()
    );
    let (mut hits, mut total) = (0usize, 0usize);
    let mut misses = Vec::new();
    for l in &queries {
        let results = search(ds, &l.query, 5);
        for code in &l.expected {
            // Labels below the text we hold (heading-only entries) count at their entry.
            let target =
                dualuse_core::compile::nearest_existing(ds, code).unwrap_or_else(|| code.clone());
            total += 1;
            if results.iter().any(|r| is_within(&r.code, &target)) {
                hits += 1;
            } else {
                misses.push(format!(
                    "  line {}: {:?} wants {code}, got [{}]",
                    l.line,
                    l.query,
                    results
                        .iter()
                        .map(|r| r.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    let recall = hits as f64 / total as f64;
    println!(
        "search recall@5: {recall:.3} ({hits}/{total} expected entries over {} queries)",
        queries.len()
    );
    if !misses.is_empty() {
        println!("misses:\n{}", misses.join("\n"));
    }
    assert!(recall >= 0.9, "recall@5 {recall:.3} is below 0.9");
}
