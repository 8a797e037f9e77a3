//! Install what a fresh machine lacks, from the package registries only: the wasm32 target
//! (rustup), the Node tools (npm ci), Debian's chromium for browser tests (apt). Each step
//! checks first, so running it again does nothing.

use std::path::Path;
use std::process::Command;

pub fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn output(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

pub fn for_build() -> Result<(), String> {
    if !output("rustup", &["target", "list", "--installed"])
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("xtask: adding the wasm32-unknown-unknown target");
        run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    }
    let lock_newer = std::fs::metadata("package-lock.json")
        .and_then(|m| m.modified())
        .ok();
    let installed = std::fs::metadata("node_modules/.package-lock.json")
        .and_then(|m| m.modified())
        .ok();
    if installed.is_none() || lock_newer > installed {
        println!("xtask: installing the Node tools (npm ci)");
        run("npm", &["ci", "--no-audit", "--no-fund"], &[])?;
    }
    Ok(())
}

pub fn for_browser_tests() -> Result<(), String> {
    if !Path::new("/usr/bin/chromium").exists() {
        println!("xtask: installing Debian's chromium for the browser tests");
        run("apt-get", &["update", "-qq"], &[])?;
        run(
            "apt-get",
            &["install", "-y", "-qq", "chromium"],
            &[("DEBIAN_FRONTEND", "noninteractive")],
        )?;
    }
    Ok(())
}
