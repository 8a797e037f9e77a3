//! `cargo xtask import-annex FILE [--data DIR] [--dry-run] [--keep-going]`: import Annex I from the
//! Markdown rendering of the consolidated text (a file, or a folder of `chunk-*.md` pieces
//! joined in order) into data/, keeping the project's own metadata, and print the per-entry
//! change report. The parsing lives in the core (dualuse_core::import); this is the file I/O.

use dualuse_core::compile::{compile, read_data_dir};
use dualuse_core::import::{import, SourceInfo};
use std::path::{Path, PathBuf};
use std::time::Instant;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut source: Option<PathBuf> = None;
    let mut data = PathBuf::from("data");
    let mut dry_run = false;
    let mut keep_going = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--data" => {
                i += 1;
                data = PathBuf::from(args.get(i).ok_or("--data needs a folder")?);
            }
            "--dry-run" => dry_run = true,
            // Write even when the result does not compile, to look at it.
            "--keep-going" => keep_going = true,
            other if source.is_none() => source = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
        i += 1;
    }
    let source = source.ok_or(
        "usage: cargo xtask import-annex FILE|FOLDER [--data DIR] [--dry-run] [--keep-going]\n  FILE: the Markdown rendering of the consolidated text of Regulation (EU) 2021/821 (e.g. ../shared/reference/eu-32021R0821/)",
    )?;
    let started = Instant::now();
    let markdown = read_source(&source)?;
    let existing = read_data_dir(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let imported = import(&markdown, &existing, &SourceInfo::default())?;
    print!("{}", imported.report);
    // The new data must compile with the rest of data/ before anything is written.
    let mut files = existing.clone();
    for (path, text) in &imported.files {
        match files.iter_mut().find(|(p, _)| p == path) {
            Some(f) => f.1 = text.clone(),
            None => files.push((path.clone(), text.clone())),
        }
    }
    let compiled = compile(&files);
    for e in &compiled.errors {
        eprintln!("data/{e}");
    }
    if dry_run {
        println!(
            "dry run: nothing written ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    if !compiled.errors.is_empty() && !keep_going {
        return Err(format!(
            "the imported data does not compile ({} errors above); nothing written",
            compiled.errors.len()
        ));
    }
    for (path, text) in &imported.files {
        let target = data.join(path);
        let unchanged = std::fs::read_to_string(&target).is_ok_and(|t| &t == text);
        if !unchanged {
            std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    println!(
        "import-annex: {} files written to {} in {:.1} s",
        imported.files.len(),
        data.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The rendering, from one file or from the `chunk-*.md` pieces of a folder in order.
pub fn read_source(path: &Path) -> Result<String, String> {
    if path.is_dir() {
        let mut chunks: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("chunk-") && n.ends_with(".md"))
            })
            .collect();
        if chunks.is_empty() {
            return Err(format!(
                "{}: no chunk-*.md pieces in this folder",
                path.display()
            ));
        }
        chunks.sort();
        let mut text = String::new();
        for c in chunks {
            text.push_str(
                &std::fs::read_to_string(&c).map_err(|e| format!("{}: {e}", c.display()))?,
            );
        }
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}
