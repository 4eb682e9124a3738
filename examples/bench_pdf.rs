//! Benchmark: seed → PDF and seed×50 → PDF, with the time split by stage.
//! Run through `scripts/bench.sh` (release build; also times typst when installed).

use cjkdoc::read::{self, ReadOptions};
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(name: &str, input: &[u8], runs: usize) {
    let opts = WriteOptions::default();
    let mut total = Vec::new();
    let mut layout_t = Vec::new();
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let mut diag = Diagnostics::default();
        let doc = read::read(Format::Text, input, &ReadOptions::default(), &mut diag).unwrap();
        let t1 = Instant::now();
        let layout = cjkdoc::layout::layout(&doc, &opts.style, Default::default(), &mut diag);
        let t2 = Instant::now();
        pages = layout.pages.len();
        let pdf = cjkdoc::write::pdf::render(&doc, layout).unwrap();
        let t3 = Instant::now();
        total.push(t3 - t0);
        layout_t.push(t2 - t1);
        size = pdf.len();
        let _ = t1;
    }
    let total = median(total);
    let lay = median(layout_t);
    println!(
        "{name:<10} {:>8} bytes in  {:>9.2?} total (layout {:>9.2?}, PDF {:>9.2?}) {pages:>4} pages, {size:>8} bytes PDF",
        input.len(),
        total,
        lay,
        total - lay
    );
}

fn main() {
    let seed = std::fs::read("fixtures/seed.txt").expect("run from the crate root");
    // The first conversion pays for parsing the bundled faces once per process.
    let t = Instant::now();
    let mut diag = Diagnostics::default();
    cjkdoc::convert(
        &seed,
        Format::Text,
        Format::Pdf,
        &Default::default(),
        &mut diag,
    )
    .unwrap();
    println!(
        "first conversion (cold, parses the fonts): {:.2?}",
        t.elapsed()
    );
    bench("seed", &seed, 21);
    let big: Vec<u8> = std::iter::repeat_n(seed.as_slice(), 50)
        .flatten()
        .copied()
        .collect();
    bench("seed×50", &big, 3);
}
