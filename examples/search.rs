//! Try the search from the command line: `cargo run --example search -- "imsi catcher" ...`

fn main() {
    let ds = dualuse_screener::dataset();
    for q in std::env::args().skip(1) {
        println!("== {q}");
        for h in dualuse_core::search::search(ds, &q, 5) {
            let text: String = h.heading.chars().take(90).collect();
            println!(
                "  {:<14} {:>6.2}  {}  [{}]",
                h.code,
                h.score,
                text,
                h.why.join("; ")
            );
        }
    }
}
