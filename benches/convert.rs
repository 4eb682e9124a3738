//! Conversion benchmark, in-process (`cargo bench --bench convert`).
//!
//! Measures seed → PDF, seed×50 → PDF (and the other writers) in-process, after one warm-up
//! run, as the median of several runs. `scripts/bench.sh` compares whole processes with
//! typst and pandoc.

use cjkdoc::{convert, Diagnostics, Format, Options};
use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(input: &[u8], to: Format, runs: usize) -> Option<(Duration, usize)> {
    let opts = Options::default();
    let mut diag = Diagnostics::default();
    let first = convert(input, Format::Text, to, &opts, &mut diag).ok()?;
    let samples = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let out = convert(input, Format::Text, to, &opts, &mut Diagnostics::default());
            let d = t.elapsed();
            std::hint::black_box(out.ok());
            d
        })
        .collect();
    Some((median(samples), first.len()))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("fixtures/seed.txt")).expect("fixtures/seed.txt");
    let seed50: String = (0..50)
        .map(|_| seed.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    println!("cjkdoc in-process, median after warm-up:");
    for (name, input, runs) in [("seed", &seed, 21), ("seed×50", &seed50, 5)] {
        for to in [Format::Pdf, Format::Docx, Format::Markdown, Format::Html] {
            match time(input.as_bytes(), to, runs) {
                Some((d, size)) => println!(
                    "  {name:<8} → {:<4} {:>9.2} ms  {:>9} bytes",
                    to.name(),
                    d.as_secs_f64() * 1000.0,
                    size
                ),
                None => println!("  {name:<8} → {:<4} (not available)", to.name()),
            }
        }
    }
}
