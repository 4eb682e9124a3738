//! Convert a text file to PDF: `cargo run --example to_pdf -- in.txt out.pdf`
//! (defaults: `fixtures/seed.txt` → `/tmp/seed.pdf`). Further arguments: `--toc` adds a
//! table of contents, `--hyphenate` hyphenates justified Latin text, `--narrow` sets the
//! text in a narrow column (A5, 25 mm margins). Prints warnings and the time taken.

use cjkdoc::{Diagnostics, Format, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "fixtures/seed.txt".into());
    let output = args.next().unwrap_or_else(|| "/tmp/seed.pdf".into());
    let bytes = std::fs::read(&input).expect("read input");
    let from = if input.ends_with(".md") {
        Format::Markdown
    } else if input.ends_with(".json") {
        Format::Json
    } else {
        Format::Text
    };
    let mut options = Options::default();
    for flag in args {
        match flag.as_str() {
            "--toc" => options.write.toc = true,
            "--hyphenate" => options.write.style.body.hyphenate = true,
            "--narrow" => {
                let style = &mut options.write.style;
                style.page.paper = cjkdoc::style::parse_paper("a5").expect("a5");
                style.page.margins = cjkdoc::style::parse_margins("25mm").expect("25mm");
            }
            other => panic!("unknown argument {other:?}"),
        }
    }
    let mut diag = Diagnostics::default();
    let t = std::time::Instant::now();
    let pdf = cjkdoc::convert(&bytes, from, Format::Pdf, &options, &mut diag).expect("convert");
    let took = t.elapsed();
    std::fs::write(&output, &pdf).expect("write output");
    for w in &diag.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("{output}: {} bytes in {took:?}", pdf.len());
}
