//! Search latency while typing, natively: `cargo run --release --example search_latency`.
//! The official figures (Node and Chromium) come from `cargo xtask bench`.
fn main() {
    let ds = dualuse_screener::dataset();
    let _ = dualuse_core::search::search(ds, "warm up", 12);
    let text = std::fs::read_to_string("tests/search_queries.txt").unwrap();
    let qs: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains("=>"))
        .map(|l| l.split("=>").next().unwrap().trim())
        .collect();
    let mut times: Vec<(f64, String)> = Vec::new();
    for q in &qs {
        let mut p = String::new();
        for c in q.chars() {
            p.push(c);
            let t = std::time::Instant::now();
            let _ = dualuse_core::search::search(ds, &p, 12);
            times.push((t.elapsed().as_secs_f64() * 1000.0, p.clone()));
        }
    }
    times.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let n = times.len();
    println!(
        "n={} p50={:.3}ms p95={:.3}ms max={:.3}ms",
        n,
        times[n / 2].0,
        times[n * 95 / 100].0,
        times[n - 1].0
    );
    for (t, q) in times.iter().rev().take(12) {
        println!("{t:.3} {q:?}");
    }
}
