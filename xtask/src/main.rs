//! `cargo xtask <command>`: the project's build tool. See ARCHITECTURE.md.
//!
//! - `serve [--port N]`: set up what is missing, build dist/, serve it on 127.0.0.1.
//! - `build`: set up what is missing and build dist/ (all four outputs).
//! - `test`: set up what is missing, run the native tests, build dist/, run the browser tests.
//! - `bench`: build, then run the benchmarks (bundle sizes, load time, search and assess
//!   latency in Node and Chromium, memory) and print the table.
//! - `import-annex FILE [--data DIR] [--dry-run]`: import Annex I from the Markdown rendering
//!   of the consolidated text into data/ and print the per-entry change report.

mod build;
mod import;
mod serve;
mod setup;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => setup::for_build().and_then(|_| build::build_all()),
        Some("serve") => {
            let port = args
                .iter()
                .position(|a| a == "--port")
                .and_then(|i| args.get(i + 1))
                .and_then(|p| p.parse().ok())
                .unwrap_or(8080);
            setup::for_build()
                .and_then(|_| build::build_all())
                .and_then(|_| serve::serve(port))
        }
        Some("test") => test(),
        Some("import-annex") => import::run(&args[1..]),
        Some("bench") => setup::for_build()
            .and_then(|_| build::build_all())
            .and_then(|_| setup::run("node", &["tests/bench/run.mjs"], &[])),
        _ => {
            eprintln!("usage: cargo xtask <serve [--port N] | build | test | bench | import-annex FILE [--data DIR] [--dry-run]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn test() -> Result<(), String> {
    setup::for_build()?;
    setup::for_browser_tests()?;
    let started = std::time::Instant::now();
    // xtask itself has no tests: leaving it out spares CI a second build of wasm-bindgen.
    setup::run(
        "cargo",
        &["test", "--workspace", "--exclude", "xtask", "--quiet"],
        &[],
    )?;
    build::build_all()?;
    setup::run(
        "node",
        &[
            "--test",
            "--test-reporter=spec",
            "--test-concurrency=1",
            "tests/browser/",
        ],
        &[],
    )?;
    println!(
        "xtask: all tests passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
