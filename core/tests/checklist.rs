//! The checklist read from the legal text: structure, thresholds, releases and the
//! three-valued evaluation, on the real wordings of data/annex-i.

use std::path::Path;

use dualuse_core::checklist::{self, structure, Combine};
use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::Dataset;

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let c = compile(&read_data_dir(&dir).expect("data/ is readable"));
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    c.dataset.expect("the data compiles")
}

#[test]
fn share_of_nodes_read_with_certainty() {
    let ds = dataset();
    let mut total = 0;
    let mut certain = 0;
    let mut inner = 0;
    let mut inner_certain = 0;
    let mut doubts: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (i, n) in ds.nodes.iter().enumerate() {
        if ds.entries[n.entry as usize].is_category {
            continue;
        }
        let s = structure(&ds, i as u32);
        total += 1;
        if s.combine != Combine::Leaf {
            inner += 1;
        }
        if s.certain {
            certain += 1;
            if s.combine != Combine::Leaf {
                inner_certain += 1;
            }
        } else {
            doubts
                .entry(s.doubt.map_or("?", |d| d.as_str()))
                .or_default()
                .push(n.code.clone());
        }
    }
    println!(
        "checklist: {certain} of {total} nodes certain ({:.1} %); nodes with items: {inner_certain} of {inner} ({:.1} %)",
        100.0 * certain as f64 / total as f64,
        100.0 * inner_certain as f64 / inner as f64
    );
    for (why, codes) in &doubts {
        println!("  {why}: {} ({})", codes.len(), codes.join(", "));
    }
    assert!(certain as f64 / total as f64 > 0.95, "{certain} of {total}");
}

fn combine(ds: &Dataset, code: &str) -> (Combine, bool) {
    let s = structure(
        ds,
        ds.node_index(code).unwrap_or_else(|| panic!("no {code}")),
    );
    (s.combine, s.certain)
}

/// Read from the text of the regulation (data/annex-i), not from the parser's output.
#[test]
fn structures_read_from_the_law() {
    let ds = dataset();
    use Combine::{All, Any, Leaf};
    for (code, want) in [
        ("6A003", Any),             // "as follows"
        ("6A003.b.4", Any),         // "having any of the following"
        ("6A003.b.1", All),         // "having all of the following"
        ("6A003.b.1.a", Any),       // "Having any of the following:" 1.; 2.; or 3.
        ("6A003.a.5", All),         // a. ...; and b. ...
        ("6A003.a.3", Leaf),        // streak cameras, no items
        ("5A001.j", All),           // "having all of the following"
        ("5A001.f", Any),           // "as follows, and specially designed components therefor"
        ("2B001.b", Any),           // "Machine tools for milling having any of the following"
        ("3A001.a", Any),           // "General purpose integrated circuits, as follows"
        ("9A012", Any),             // UAVs ... "as follows"
        ("6A001.a.1.a.1", All),     // "having all of the following" ... c. ...; and
        ("6A001.a.1.a.2", Any),     // "having any of the following"
        ("6A001.a.1.a.2.a", All),   // "Having all of the following:" 1. ...; and 2.
        ("6A001.a.1.a.2.b.3", Any), // "Having any of the following:" a. ...; or b.
        ("3A234", All),             // "with the following characteristics:" a. ...; and b.
    ] {
        assert_eq!(combine(&ds, code), (want, true), "{code}");
    }
    // "at least two of the following" is neither any nor all: the user reads the text.
    assert!(!combine(&ds, "7E004.c.1").1);
    // 9B106.b: items closing with "and" then "or".
    assert!(!combine(&ds, "9B106.b").1);
}

#[test]
fn thresholds_of_real_items() {
    let ds = dataset();
    let item = |code: &str| checklist::checklist(&ds, code).unwrap_or_else(|| panic!("{code}"));
    let t = item("6A003.a.4").thresholds;
    assert_eq!(
        (t[0].value, t[0].unit.as_str(), t[0].comparator),
        (1e6, "frames/s", ">")
    );
    let t = item("3A001.a.2.b").thresholds;
    assert_eq!(
        (t[0].value, t[0].unit.as_str(), t[0].comparator),
        (218.0, "K", "<")
    );
    let t = item("6A003.b.1.a.1").thresholds;
    assert_eq!((t[0].value, t[0].comparator), (4e6, ">"));
    assert!(checklist::checklist(&ds, "6A999").is_none());
}

#[test]
fn releases_name_the_item_they_release() {
    let ds = dataset();
    let tree = checklist::checklist(&ds, "6A003").expect("6A003");
    let b = &tree.children[1];
    assert_eq!(b.code, "6A003.b");
    assert_eq!(b.releases.len(), 1, "{:?}", b.releases);
    assert_eq!(b.releases[0].key, "Note to 6A003.b");
    assert!(b.releases[0].text.contains("television broadcasting"));
    // Note 2 and Note 3 stand under 6A003.b.4 but release its items a. and b.
    let b4 = b
        .children
        .iter()
        .find(|c| c.code == "6A003.b.4")
        .expect("b.4");
    assert!(b4.releases.is_empty(), "{:?}", b4.releases);
    let keys = |code: &str| {
        b4.children
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.releases.iter().map(|r| r.key.clone()).collect::<Vec<_>>())
    };
    assert_eq!(
        keys("6A003.b.4.a"),
        Some(vec!["Note 2 to 6A003.b.4".to_string()])
    );
    assert_eq!(
        keys("6A003.b.4.b"),
        Some(vec!["Note 3 to 6A003.b.4".to_string()])
    );
    assert_eq!(
        keys("6A003.b.4.c"),
        Some(vec!["Note 4 to 6A003.b.4".to_string()])
    );
    // Note 1 to 6A003.b.4 says what the cameras include: not a release, anywhere.
    let all: Vec<String> = checklist::entry_releases(&ds, ds.node_index("6A003").unwrap())
        .into_iter()
        .map(|(_, r)| r.key)
        .collect();
    assert!(!all.iter().any(|k| k == "Note 1 to 6A003.b.4"), "{all:?}");
}
