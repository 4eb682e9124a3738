//! Conversion benchmark (run with `scripts/bench.sh`, or `cargo bench --bench convert`).
//!
//! Measures seed → PDF, seed×50 → PDF (and the other writers) in-process, after one warm-up
//! run, as the median of several runs. It also writes the same content as Typst markup to
//! `target/bench/` so that `scripts/bench.sh` can time `typst` on it in the same run.

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

/// The seed as Typst markup, with the same fonts, size and indent as cjkdoc's default style.
fn typst_source(text: &str) -> String {
    let mut s = String::from(
        "#set page(paper: \"a4\", margin: 25mm, numbering: \"1\")\n\
         #set text(font: (\"Noto Serif SC\",), size: 12pt, lang: \"zh\", region: \"cn\")\n\
         #set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.6em, spacing: 0.6em)\n\
         #show heading: set text(font: \"Noto Sans SC\")\n\n",
    );
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        for c in line.chars() {
            // Escape Typst's markup characters so the text stays literal.
            if "*_`#$@<>[]\\/~".contains(c) {
                s.push('\\');
            }
            s.push(c);
        }
        s.push_str("\n\n");
    }
    s
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read_to_string(root.join("fixtures/seed.txt")).expect("fixtures/seed.txt");
    let seed50: String = (0..50)
        .map(|_| seed.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("seed.typ"), typst_source(&seed)).unwrap();
    std::fs::write(out_dir.join("seed50.typ"), typst_source(&seed50)).unwrap();

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
