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
    /// `?kind` labels: the help the query must get instead of results (`number`, `tariff`,
    /// `ear99`, `eccn9x`, `cas`; see `dualuse_core::query_hints`).
    hints: Vec<String>,
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
            let labels: Vec<String> = codes
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let (hints, expected): (Vec<String>, Vec<String>) =
                labels.into_iter().partition(|c| c.starts_with('?'));
            Labelled {
                line: i + 1,
                query: q.trim().to_string(),
                expected,
                hints: hints.iter().map(|h| h[1..].to_string()).collect(),
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

/// Queries labelled `?kind` get that help; those with no code label get no results at all
/// (a bare number, a tariff code or a US classification matches nothing by accident).
#[test]
fn queries_the_search_cannot_use_get_help_instead_of_noise() {
    let ds = dataset();
    let labelled: Vec<Labelled> = labelled_queries()
        .into_iter()
        .filter(|l| !l.hints.is_empty())
        .collect();
    assert!(labelled.len() >= 8, "only {} help queries", labelled.len());
    for l in &labelled {
        let kinds: Vec<&str> = dualuse_core::query_hints::query_hints(ds, &l.query)
            .iter()
            .map(|h| h.kind())
            .collect();
        for want in &l.hints {
            assert!(
                kinds.contains(&want.as_str()),
                "tests/search_queries.txt:{}: {:?} should get the `{want}` help, got {kinds:?}",
                l.line,
                l.query
            );
        }
        if l.expected.is_empty() {
            let results = search(ds, &l.query, 5);
            assert!(
                results.is_empty(),
                "tests/search_queries.txt:{}: {:?} should match nothing, got {:?}",
                l.line,
                l.query,
                results.iter().map(|r| &r.code).collect::<Vec<_>>()
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
    for l in queries.iter().filter(|l| !l.expected.is_empty()) {
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
    assert!(recall >= 0.95, "recall@5 {recall:.3} is below 0.95");
    // The independent set was written without reading the vocabulary: it measures how the
    // search does on words nobody tuned it for, and must stay as good.
    let (ind_hits, ind_total) = independent_recall(ds, &queries);
    println!("independent set recall@5: {ind_hits}/{ind_total}");
    assert!(
        ind_hits as f64 >= 0.95 * ind_total as f64,
        "independent set recall@5 {ind_hits}/{ind_total} is below 0.95"
    );
}

/// Hits and expected entries of the section headed `# --- independent set`, up to the next
/// `# ---` section.
fn independent_recall(ds: &dualuse_core::Dataset, queries: &[Labelled]) -> (usize, usize) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/search_queries.txt"
    ))
    .expect("query set");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("# --- independent set"))
        .expect("the query set has an independent section")
        + 1;
    let end = (start..lines.len())
        .find(|&i| lines[i].starts_with("# ---"))
        .unwrap_or(lines.len())
        + 1;
    let (mut hits, mut total) = (0, 0);
    for l in queries.iter().filter(|l| l.line > start && l.line < end) {
        let results = search(ds, &l.query, 5);
        for code in &l.expected {
            let target =
                dualuse_core::compile::nearest_existing(ds, code).unwrap_or_else(|| code.clone());
            total += 1;
            hits += usize::from(results.iter().any(|r| is_within(&r.code, &target)));
        }
    }
    assert!(total >= 80, "the independent section has {total} labels");
    (hits, total)
}
