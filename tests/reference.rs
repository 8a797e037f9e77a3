//! The data and the law agree: where the consolidated text of Regulation (EU) 2021/821 is at
//! hand (../shared/reference/eu-32021R0821/, or the folder or file named by
//! DUALUSE_REFERENCE), import it in memory with today's data/ and compare every file the
//! importer owns, record by record, with what data/ holds.

use dualuse_core::compile::read_data_dir;
use dualuse_core::import::{import, word_diff, SourceInfo};
use dualuse_core::records::{parse_records, Errors};
use std::path::{Path, PathBuf};

fn reference() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("DUALUSE_REFERENCE") {
        return Some(PathBuf::from(p));
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/eu-32021R0821");
    p.is_dir().then_some(p)
}

fn read_reference(path: &Path) -> String {
    if path.is_file() {
        return std::fs::read_to_string(path).expect("reference file");
    }
    let mut chunks: Vec<PathBuf> = std::fs::read_dir(path)
        .expect("reference folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("chunk-"))
        })
        .collect();
    chunks.sort();
    chunks
        .iter()
        .map(|c| std::fs::read_to_string(c).expect("chunk"))
        .collect()
}

#[test]
fn data_matches_the_consolidated_text_entry_by_entry() {
    let Some(path) = reference() else {
        eprintln!(
            "SKIPPED: the consolidated text is not here (../shared/reference/eu-32021R0821/ next to the repository, or DUALUSE_REFERENCE); nothing was compared"
        );
        return;
    };
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let existing = read_data_dir(&data).expect("data/");
    let imported = import(&read_reference(&path), &existing, &SourceInfo::default())
        .expect("the reference imports");
    let mut differences = Vec::new();
    let mut compared = 0;
    for (file, text) in &imported.files {
        let ours = existing
            .iter()
            .find(|(p, _)| p == file)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        let mut errors = Errors::default();
        let theirs = parse_records(file, text, &mut errors);
        let mine = parse_records(file, ours, &mut errors);
        assert!(errors.0.is_empty(), "{:?}", errors.0);
        for (i, r) in theirs.records.iter().enumerate() {
            compared += 1;
            // Local 'single-quoted' terms can share a key (one per entry that defines
            // them): the n-th record of a key is compared with the n-th.
            let nth = theirs.records[..i]
                .iter()
                .filter(|o| o.key == r.key)
                .count();
            let Some(m) = mine.records.iter().filter(|m| m.key == r.key).nth(nth) else {
                differences.push(format!("data/{file}: {} is missing", r.key));
                continue;
            };
            let words = |r: &dualuse_core::records::Record| {
                let mut s = format!(
                    "{} {} {}",
                    r.value("heading").unwrap_or(""),
                    r.value("verified").unwrap_or(""),
                    r.value("verified-note").unwrap_or("")
                );
                for l in r.body.iter().flatten() {
                    s.push('\n');
                    s.push_str(&l.text);
                }
                s
            };
            let diff = word_diff(&words(m), &words(r), 5);
            if !diff.is_empty() {
                differences.push(format!("data/{file}: {}\n{diff}", r.key));
            }
        }
        for m in &mine.records {
            if !theirs.records.iter().any(|r| r.key == m.key) {
                differences.push(format!(
                    "data/{file}: {} is not in the consolidated text",
                    m.key
                ));
            }
        }
    }
    assert!(compared > 700, "only {compared} records compared");
    assert!(
        differences.is_empty(),
        "{} records differ from the consolidated text (re-run `cargo xtask import-annex {}`):\n{}",
        differences.len(),
        path.display(),
        differences.join("\n")
    );
}
