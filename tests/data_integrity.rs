//! Integrity of the embedded dataset, and golden tests of the thresholds and conditions
//! that decide cases. These read the compiled data exactly as the widget does.

use dualuse_core::codes::is_within;
use dualuse_core::compile::listed;
use dualuse_core::model::lines_to_plain;
use dualuse_screener::dataset;

fn text_below(code: &str) -> String {
    let ds = dataset();
    ds.nodes
        .iter()
        .filter(|n| is_within(&n.code, code))
        .map(|n| {
            format!(
                "{} {}",
                n.text,
                n.notes
                    .iter()
                    .map(|x| lines_to_plain(&x.lines))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn children(code: &str) -> Vec<String> {
    let ds = dataset();
    let n = ds.node(code).unwrap_or_else(|| panic!("{code} is missing"));
    n.children
        .iter()
        .map(|&c| ds.nodes[c as usize].code.clone())
        .collect()
}

#[test]
fn every_top_level_code_of_annex_i_is_in_the_data() {
    let ds = dataset();
    let checklist = include_str!("annex-i-codes.txt");
    let codes: Vec<&str> = checklist
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(codes.len() >= 380, "checklist has {} codes", codes.len());
    let missing: Vec<&&str> = codes.iter().filter(|c| ds.node(c).is_none()).collect();
    assert!(missing.is_empty(), "missing entries: {missing:?}");
    let extra: Vec<&str> = ds
        .entries
        .iter()
        .filter(|e| !e.is_category && !codes.contains(&e.code.as_str()))
        .map(|e| e.code.as_str())
        .collect();
    assert!(extra.is_empty(), "entries not in the checklist: {extra:?}");
    assert_eq!(ds.info.entry_count as usize, codes.len());
}

#[test]
fn codes_are_unique_and_every_parent_exists() {
    let ds = dataset();
    let mut seen = std::collections::BTreeSet::new();
    for n in &ds.nodes {
        assert!(seen.insert(&n.code), "{} twice", n.code);
        if let Some(p) = dualuse_core::codes::parent_code(&n.code) {
            assert!(ds.node(p).is_some(), "{} has no parent {p}", n.code);
        }
    }
}

#[test]
fn categories_4_and_5_are_in_full_text() {
    let ds = dataset();
    for e in ds
        .entries
        .iter()
        .filter(|e| !e.is_category && (e.code.starts_with('4') || e.code.starts_with('5')))
    {
        let one_sentence = ["4A005", "4A101", "5D101", "5E101", "4A507"].contains(&e.code.as_str());
        assert!(
            e.full_text || one_sentence,
            "{} has only its heading",
            e.code
        );
    }
}

#[test]
fn every_file_has_provenance_and_every_entry_a_verified_flag_the_ui_can_show() {
    let ds = dataset();
    for f in &ds.files {
        assert!(!f.source.is_empty(), "{} has no source", f.path);
    }
    // Nothing was compared with the Official Journal yet: the flag must say so.
    let unverified = ds.entries.iter().filter(|e| !e.verified).count();
    assert_eq!(
        unverified as u32,
        ds.info.unverified_count
            + ds.entries
                .iter()
                .filter(|e| e.is_category && !e.verified)
                .count() as u32
    );
}

#[test]
fn the_5a002_described_security_algorithm_thresholds() {
    let t = text_below("5A002.a");
    assert!(
        t.contains("key length in excess of 56 bits"),
        "symmetric 56-bit limit"
    );
    assert!(
        t.contains("Factorisation of integers in excess of 512 bits"),
        "RSA 512-bit limit"
    );
    assert!(
        t.contains("finite field of size greater than 512 bits"),
        "finite-field DL 512-bit limit"
    );
    assert!(
        t.contains("in excess of 112 bits"),
        "other discrete-log 112-bit limit"
    );
    for family in ["lattices", "Supersingular", "Decoding random codes"] {
        assert!(t.contains(family), "post-quantum family {family}");
    }
    assert_eq!(
        children("5A002.a"),
        ["5A002.a.1", "5A002.a.2", "5A002.a.3", "5A002.a.4"]
    );
}

#[test]
fn the_all_of_conditions_of_5a001_j_and_5d001_e() {
    let ds = dataset();
    assert!(ds
        .node("5A001.j")
        .unwrap()
        .text
        .contains("having all of the following"));
    assert_eq!(children("5A001.j"), ["5A001.j.1", "5A001.j.2"]);
    assert_eq!(
        children("5A001.j.1"),
        ["5A001.j.1.a", "5A001.j.1.b", "5A001.j.1.c"]
    );
    assert_eq!(children("5A001.j.2"), ["5A001.j.2.a", "5A001.j.2.b"]);
    assert!(text_below("5A001.j").contains("Quality of Experience"));
    assert!(ds
        .node("5D001.e")
        .unwrap()
        .text
        .contains("all of the following"));
    assert_eq!(children("5D001.e"), ["5D001.e.1", "5D001.e.2"]);
    assert!(text_below("5D001.e").contains("handover interface"));
}

#[test]
fn the_two_conditions_of_5a004_b_and_its_notes() {
    let ds = dataset();
    assert!(ds
        .node("5A004.b")
        .unwrap()
        .text
        .contains("all of the following"));
    assert_eq!(children("5A004.b"), ["5A004.b.1", "5A004.b.2"]);
    let t = text_below("5A004.b");
    for exclusion in [
        "hypervisors",
        "logical data extraction",
        "chip-off",
        "JTAG",
        "jail-breaking",
    ] {
        assert!(t.contains(exclusion), "Note 2 exclusion {exclusion}");
    }
}

#[test]
fn the_5a001_f_items_and_their_note() {
    assert_eq!(
        children("5A001.f"),
        ["5A001.f.1", "5A001.f.2", "5A001.f.3", "5A001.f.4"]
    );
    let t = text_below("5A001.f");
    assert!(t.contains("IMSI"));
    assert!(t.contains("802.11"));
    assert!(t.contains("network operators"));
}

#[test]
fn annex_iv_and_section_i_flags_follow_the_lists() {
    let ds = dataset();
    assert_eq!(listed(&ds.annex_iv, "5A004.a"), Some(true));
    assert_eq!(
        listed(&ds.annex_iv, "5A004"),
        Some(false),
        "only part of 5A004 is in Annex IV"
    );
    assert_eq!(listed(&ds.annex_iv, "5A001.f"), None);
    assert_eq!(listed(&ds.annex_iv, "5A002"), None);
    assert_eq!(listed(&ds.section_i, "5A004.a"), Some(true));
    assert_eq!(listed(&ds.section_i, "4A005"), None);
}

#[test]
fn vulnerability_disclosure_is_released_from_4e001() {
    let t = text_below("4E001");
    assert!(
        t.contains("\"vulnerability disclosure\"") && t.contains("\"cyber incident response\"")
    );
}

#[test]
fn every_eu_member_state_has_an_authority_and_eu001_has_its_ten_destinations() {
    let ds = dataset();
    assert_eq!(ds.countries.iter().filter(|c| c.eu).count(), 27);
    for c in ds.countries.iter().filter(|c| c.eu) {
        assert!(
            ds.authorities.iter().any(|a| a.member_state == c.code),
            "{}",
            c.code
        );
    }
    let eu001 = ds.ugeas.iter().find(|u| u.code == "EU001").expect("EU001");
    let mut d = eu001.destinations.clone();
    d.sort();
    assert_eq!(
        d,
        ["AU", "CA", "CH", "GB", "IS", "JP", "LI", "NO", "NZ", "US"]
    );
}

#[test]
fn a_broken_data_file_fails_with_its_file_and_line() {
    let mut files = dualuse_core::compile::read_data_dir(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data"
    )))
    .unwrap();
    let cat4 = files
        .iter_mut()
        .find(|(p, _)| p == "annex-i/cat4.txt")
        .unwrap();
    cat4.1.push_str(
        "\n== 4A999\nheading: A \"made-up term\" here\nrelated: 4Z001\nverified: maybe\n",
    );
    let line = cat4.1.lines().count() as u32;
    let out = dualuse_core::compile::compile(&files);
    assert!(out.dataset.is_none());
    let messages: Vec<String> = out.errors.iter().map(|e| e.to_string()).collect();
    // An undefined quoted term is a warning (the annex itself quotes a few terms it never
    // defines), still named with its file and line.
    let warnings: Vec<String> = out.warnings.iter().map(|e| e.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|m| m.starts_with("annex-i/cat4.txt:") && m.contains("\"made-up term\"")),
        "{warnings:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains(&format!(":{}:", line)) && m.contains("yes or no")),
        "{messages:?}"
    );
    assert!(messages.iter().any(|m| m.contains("4Z001")), "{messages:?}");
}

#[test]
fn results_name_their_sources_and_flag_old_sanctions_data() {
    let ds = dualuse_screener::dataset();
    let sources = dualuse_core::provenance::source_dates(ds, "2026-12-05");
    let names: Vec<&str> = sources.iter().map(|s| s.source).collect();
    assert_eq!(
        names,
        ["annex-i", "ugea", "sanctions", "embargoes", "authorities"]
    );
    let annex = &sources[0];
    assert_eq!(annex.as_of, "2025-11-15");
    assert!(annex.document.contains("2025/2003"), "{}", annex.document);
    // Annex I does not age by this rule; sanctions as of early 2026 do by December 2026.
    assert!(!annex.stale);
    let sanctions = &sources[2];
    let fresh_until = {
        let (y, m) = sanctions.as_of.split_at(4);
        let month: u32 = m[1..3].parse().unwrap();
        format!("{}-{:02}-01", y, month)
    };
    assert!(!dualuse_core::provenance::source_dates(ds, &fresh_until)[2].stale);
    assert_eq!(
        sanctions.stale,
        dualuse_core::provenance::older_than_months(&sanctions.as_of, "2026-12-05", 6)
    );
}
