//! `cargo run -p dualuse-core --bin validate-data [DATA_DIR]`: check every data file and
//! print `file:line: message` for each problem. Exit 1 on errors.

use std::path::Path;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".into());
    let files = match dualuse_core::compile::read_data_dir(Path::new(&dir)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    let out = dualuse_core::compile::compile(&files);
    for w in &out.warnings {
        println!("warning: {dir}/{w}");
    }
    for e in &out.errors {
        println!("error: {dir}/{e}");
    }
    match out.dataset {
        Some(ds) => println!(
            "ok: {} entries ({} with full text, {} unverified), {} nodes, {} definitions, {} vocabulary lines, {} questions, {} rules; blob {} bytes",
            ds.info.entry_count, ds.info.full_text_count, ds.info.unverified_count, ds.nodes.len(), ds.definitions.len(),
            ds.vocabulary.len(), ds.questions.len(), ds.rules.len(), ds.to_bytes().len()
        ),
        None => {
            println!("{} errors", out.errors.len());
            std::process::exit(1);
        }
    }
}
