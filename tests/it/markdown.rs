//! Markdown reader and writer: CommonMark spec round trip, fixtures, idempotence.

use cjkdoc::doc::Document;
use cjkdoc::read::{markdown as md_read, ReadOptions};
use cjkdoc::write::{markdown as md_write, WriteOptions};
use cjkdoc::Diagnostics;

/// Read Markdown with the CLI's options.
fn read(src: &str) -> Document {
    md_read::read(
        src.as_bytes(),
        &ReadOptions::default(),
        &mut Diagnostics::default(),
    )
    .unwrap_or_else(|e| panic!("read failed: {e}\n{src}"))
}

/// Write Markdown.
fn write(doc: &Document) -> String {
    let bytes = md_write::write(doc, &WriteOptions::default(), &mut Diagnostics::default())
        .expect("write failed");
    String::from_utf8(bytes).expect("writer output is UTF-8")
}

/// Render with plain CommonMark (no extensions).
fn commonmark_html(src: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(src));
    html
}

/// One spec example.
struct Example {
    /// The example number (1-based, as on spec.commonmark.org).
    number: usize,
    /// The Markdown input (tabs restored).
    markdown: String,
}

/// The examples of the CommonMark spec.
fn spec_examples() -> Vec<Example> {
    let spec = include_str!("../data/commonmark-spec-0.31.2.txt");
    let fence = "`".repeat(32);
    let start = format!("{fence} example");
    let mut examples = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line != start {
            continue;
        }
        let mut markdown = String::new();
        for l in lines.by_ref() {
            if l == "." {
                break;
            }
            markdown.push_str(l);
            markdown.push('\n');
        }
        for l in lines.by_ref() {
            if l == fence {
                break;
            }
        }
        examples.push(Example {
            number: examples.len() + 1,
            markdown: markdown.replace('→', "\t"),
        });
    }
    examples
}

/// How an example fared: None when it round-trips, else why not.
fn spec_round_trip(ex: &Example) -> Option<String> {
    let doc = md_read::read(
        ex.markdown.as_bytes(),
        &ReadOptions::default(),
        &mut Diagnostics::default(),
    );
    let doc = match doc {
        Ok(d) => d,
        Err(e) => return Some(format!("read error: {e}")),
    };
    let out = write(&doc);
    let (a, b) = (commonmark_html(&ex.markdown), commonmark_html(&out));
    if a != b {
        return Some(format!(
            "HTML differs\n--- input\n{}--- output\n{}--- want\n{a}--- got\n{b}",
            ex.markdown, out
        ));
    }
    let again = write(&read(&out));
    if again != out {
        return Some(format!(
            "not idempotent\n--- first\n{out}--- second\n{again}"
        ));
    }
    None
}

/// How many of the 652 spec examples must round-trip (all of them at present).
const SPEC_EXPECTED_PASSES: usize = 652;

/// Every CommonMark spec example, read and written back, renders (plain CommonMark, no
/// extensions) to the same HTML as the original, and writing is idempotent.
#[test]
fn commonmark_spec_round_trip() {
    let examples = spec_examples();
    assert_eq!(examples.len(), 652);
    let mut failed = Vec::new();
    let mut dump = Vec::new();
    for ex in &examples {
        if let Ok(doc) = md_read::read(
            ex.markdown.as_bytes(),
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        ) {
            dump.push(serde_json::json!({
                "number": ex.number,
                "input": ex.markdown,
                "output": write(&doc),
            }));
        }
        if let Some(why) = spec_round_trip(ex) {
            if std::env::var_os("SPEC_VERBOSE").is_some() {
                eprintln!("=== example {}: {why}", ex.number);
            }
            failed.push(ex.number);
        }
    }
    // `scripts/commonmark-js-check.sh` re-checks these pairs with commonmark.js.
    if let Some(path) = std::env::var_os("CJKDOC_SPEC_DUMP") {
        std::fs::write(path, serde_json::to_string_pretty(&dump).unwrap()).unwrap();
    }
    let passed = examples.len() - failed.len();
    eprintln!("CommonMark spec round trip: {passed}/652 (failing: {failed:?})");
    assert!(
        passed >= SPEC_EXPECTED_PASSES,
        "only {passed}/652 spec examples round-trip; failing: {failed:?}"
    );
}
