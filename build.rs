//! Compile data/ into the dataset blob embedded in the crate: parse, validate (every error
//! as `data/file:line: message`), index, serialise. Invalid data fails the build.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let files = dualuse_core::compile::read_data_dir(Path::new("data")).expect("data/ is readable");
    let compiled = dualuse_core::compile::compile(&files);
    // The official text has a few hundred layout oddities worth a look (numbered items at
    // depth 1, gaps in the numbering): name a count here, the full list in validate-data.
    if !compiled.warnings.is_empty() {
        println!(
            "cargo:warning={} data warnings (see them with `cargo run -p dualuse-core --bin validate-data`)",
            compiled.warnings.len()
        );
    }
    let Some(dataset) = compiled.dataset else {
        for e in &compiled.errors {
            eprintln!("error: data/{e}");
        }
        panic!(
            "{} error(s) in data/ (listed above as data/file:line: message)",
            compiled.errors.len()
        );
    };
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("dataset.bin");
    std::fs::write(&out, dataset.to_bytes()).expect("OUT_DIR is writable");
}
