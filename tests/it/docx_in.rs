//! The DOCX reader: every Markdown fixture through DOCX and back; Word drafts read with
//! the text reader's structure; files written by other tools against `pandoc -t plain`;
//! bad packages refused with one line.
//!
//! Regenerate the golden files with `CJKDOC_BLESS=1 cargo test --test it docx_in`.

use cjkdoc::doc::Document;
use cjkdoc::read::ReadOptions;
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::tools;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn read(format: Format, bytes: &[u8]) -> Document {
    let mut diag = Diagnostics::default();
    cjkdoc::read::read(format, bytes, &ReadOptions::default(), &mut diag)
        .unwrap_or_else(|e| panic!("read as {format:?}: {e}"))
}

/// Markdown fixture `name` → DOCX, its images found beside it.
fn markdown_to_docx(path: &Path) -> Vec<u8> {
    let doc = read(Format::Markdown, &std::fs::read(path).unwrap());
    let options = WriteOptions {
        base_dir: path.parent().map(Path::to_path_buf),
        ..WriteOptions::default()
    };
    cjkdoc::write::write(Format::Docx, &doc, &options, &mut Diagnostics::default()).unwrap()
}

/// The tree as JSON with the differences DOCX cannot avoid taken out (each one is listed
/// in the README, "DOCX input"):
/// - footnotes are labelled `1`, `2`, … in the order of their first reference and stand
///   at the end (Word numbers its notes; the label the Markdown author chose is not kept);
/// - a code block's info string is gone (Word has no place for it) and its tabs are
///   spaces (the writer sets them so, as in the PDF);
/// - raw HTML is a code block (the writers show it as code, never drop it);
/// - a document without a language has the one the writers give it (`zh-CN` when it
///   holds a Han character, else `en`);
/// - front matter fields other than title, subtitle, authors, date, language, keywords
///   and subject are not written;
/// - a caption that repeats the alt text is no caption (the figure shows the same);
/// - an image in running text is its alt text (the writers show it so, as the PDF does);
/// - an image is known by its bytes, not its URL (the DOCX carries it as `media/…`); an
///   image that could not be read was written as its alt text in a frame, and reads back
///   as that text;
/// - a list or a code block inside a block quote comes out after the quote's paragraphs
///   before it (a Word list is numbered paragraphs, code is a shaded paragraph: the quote
///   bar and indent on them are not read as quoting).
fn normalised(doc: &Document, media: &dyn Fn(&str) -> Option<Vec<u8>>) -> Value {
    let mut v = serde_json::to_value(doc).unwrap();
    let obj = v.as_object_mut().unwrap();
    // A DOCX always says its language: the one every writer takes.
    obj["meta"]["lang"] = Value::String(cjkdoc::script::document_lang(doc));
    obj.remove("media");
    // Front matter fields of its own (not title, subtitle, authors, date, language,
    // keywords, subject) are not written to a DOCX.
    if let Some(extra) = obj["meta"].get_mut("extra").and_then(Value::as_object_mut) {
        extra.retain(|k, _| k == "subject");
        if extra.is_empty() {
            obj["meta"].as_object_mut().unwrap().remove("extra");
        }
    }
    let mut blocks = obj.remove("blocks").unwrap();
    // Footnotes: definitions out, references relabelled in reading order.
    let mut defs: HashMap<String, Value> = HashMap::new();
    take_defs(&mut blocks, &mut defs);
    let mut labels: Vec<String> = Vec::new();
    relabel(&mut blocks, &mut labels);
    let mut notes = Vec::new();
    let mut done = 0;
    while done < labels.len() {
        let old = labels[done].clone();
        done += 1;
        if let Some(mut def) = defs.remove(&old) {
            relabel(&mut def["blocks"], &mut labels);
            def["label"] = Value::String(done.to_string());
            notes.push(def);
        }
    }
    let Value::Array(list) = &mut blocks else {
        unreachable!()
    };
    list.extend(notes);
    walk(&mut blocks, media, 0);
    obj.insert("blocks".into(), blocks);
    v
}

fn take_defs(v: &mut Value, defs: &mut HashMap<String, Value>) {
    if let Value::Array(list) = v {
        list.retain(|b| {
            if b["type"] == "footnote_def" {
                defs.insert(b["label"].as_str().unwrap().to_string(), b.clone());
                false
            } else {
                true
            }
        });
    }
}

fn relabel(v: &mut Value, labels: &mut Vec<String>) {
    match v {
        Value::Array(list) => list.iter_mut().for_each(|x| relabel(x, labels)),
        Value::Object(o) => {
            if o.get("type").and_then(Value::as_str) == Some("footnote_ref") {
                let old = o["label"].as_str().unwrap().to_string();
                let n = match labels.iter().position(|l| *l == old) {
                    Some(i) => i + 1,
                    None => {
                        labels.push(old);
                        labels.len()
                    }
                };
                o.insert("label".into(), Value::String(n.to_string()));
            }
            o.values_mut().for_each(|x| relabel(x, labels));
        }
        _ => {}
    }
}

/// The text of an inline (as JSON).
fn inline_text(v: &Value) -> String {
    match v.get("type").and_then(Value::as_str) {
        Some("text" | "code") => v["text"].as_str().unwrap_or("").to_string(),
        Some("soft_break") => " ".into(),
        Some("hard_break") => "\n".into(),
        _ => match v.get("content").or_else(|| v.get("alt")) {
            Some(Value::Array(c)) => c.iter().map(inline_text).collect(),
            _ => String::new(),
        },
    }
}

/// Soft breaks as the DOCX writer sets them (a space, or nothing next to Chinese), and
/// neighbouring text runs joined.
fn soft_breaks(list: &mut Vec<Value>) {
    // An image in running text is written as its alt text (as in the PDF).
    if list
        .iter()
        .any(|x| x["type"] == "image" || x["type"] == "raw")
    {
        let mut out = Vec::new();
        for x in std::mem::take(list) {
            if x["type"] == "raw" {
                // Inline raw HTML is text in a DOCX.
                out.push(serde_json::json!({"type": "text", "text": x["text"]}));
            } else if x["type"] != "image" {
                out.push(x);
            } else if x["alt"].as_array().is_some_and(|a| !a.is_empty()) {
                out.extend(x["alt"].as_array().unwrap().iter().cloned());
            } else {
                out.push(serde_json::json!({"type": "text", "text": x["url"]}));
            }
        }
        *list = out;
    }
    let texts: Vec<String> = list.iter().map(inline_text).collect();
    for (i, x) in list.iter_mut().enumerate() {
        if x["type"] == "soft_break" {
            let before = i.checked_sub(1).and_then(|j| texts[j].chars().last());
            let after = texts.get(i + 1).and_then(|t| t.chars().next());
            let space = cjkdoc::script::soft_break_is_space(before, after);
            *x = serde_json::json!({"type": "text", "text": if space { " " } else { "" }});
        }
    }
    let mut out: Vec<Value> = Vec::new();
    for x in std::mem::take(list) {
        if x["type"] == "text" {
            if let Some(last) = out.last_mut().filter(|l| l["type"] == "text") {
                let joined = format!(
                    "{}{}",
                    last["text"].as_str().unwrap(),
                    x["text"].as_str().unwrap()
                );
                last["text"] = Value::String(joined);
                continue;
            }
            if x["text"] == "" {
                continue;
            }
        }
        out.push(x);
    }
    *list = out;
}

const INLINES: [&str; 11] = [
    "text",
    "emphasis",
    "strong",
    "strikethrough",
    "code",
    "link",
    "image",
    "soft_break",
    "hard_break",
    "footnote_ref",
    "raw",
];

fn walk(v: &mut Value, media: &dyn Fn(&str) -> Option<Vec<u8>>, quote: usize) {
    // `quote`: how many quotes `v` is in.
    match v {
        Value::Array(list) => {
            let inline = list.iter().any(|x| {
                x.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| INLINES.contains(&t) && t != "raw")
            });
            if inline {
                soft_breaks(list);
            } else {
                for x in list.iter_mut().filter(|x| x["type"] == "raw") {
                    // A raw block is shown as code.
                    *x = serde_json::json!({"type": "code_block", "text": x["text"]});
                }
            }
            let mut out = Vec::new();
            for mut x in std::mem::take(list) {
                walk(&mut x, media, quote);
                if x["type"] == "block_quote" && quote == 0 {
                    // A list or code in a quote: the quote stops for it.
                    let mut part = Vec::new();
                    for b in x["blocks"].as_array().unwrap() {
                        if b["type"] == "list" || b["type"] == "code_block" {
                            if !part.is_empty() {
                                let blocks = std::mem::take(&mut part);
                                out.push(
                                    serde_json::json!({"type": "block_quote", "blocks": blocks}),
                                );
                            }
                            out.push(b.clone());
                        } else {
                            part.push(b.clone());
                        }
                    }
                    if !part.is_empty() {
                        out.push(serde_json::json!({"type": "block_quote", "blocks": part}));
                    }
                    continue;
                }
                out.push(x);
            }
            *list = out;
        }
        Value::Object(o) => {
            canonical_marks(o);
            if o.get("type").and_then(Value::as_str) == Some("code_block") {
                o.remove("info");
                let text = o["text"].as_str().unwrap().replace('\t', "    ");
                o.insert("text".into(), Value::String(text));
            }
            if o.get("type").and_then(Value::as_str) == Some("figure")
                && o.get("caption") == Some(&o["image"]["alt"])
            {
                // A caption that says what the alt text says: the same figure.
                o.remove("caption");
            }
            if o.get("type").and_then(Value::as_str) == Some("figure") {
                let url = o["image"]["url"].as_str().unwrap().to_string();
                if media(&url).is_none() {
                    // Written as a paragraph of its caption, else its alt text.
                    let caption = o
                        .get("caption")
                        .filter(|c| c.as_array().is_some_and(|c| !c.is_empty()));
                    let content = caption.unwrap_or(&o["image"]["alt"]).clone();
                    *o = serde_json::json!({"type": "paragraph", "content": content})
                        .as_object()
                        .unwrap()
                        .clone();
                }
            }
            if let Some(Value::String(url)) = o.get("url").cloned() {
                if o.contains_key("alt") {
                    let id = match media(&url) {
                        Some(bytes) => format!("{} bytes, sum {}", bytes.len(), checksum(&bytes)),
                        None => format!("unreadable {url}"),
                    };
                    o.insert("url".into(), Value::String(id));
                }
            }
            let inside = quote + usize::from(o.get("type").is_some_and(|t| t == "block_quote"));
            o.values_mut().for_each(|x| walk(x, media, inside));
        }
        _ => {}
    }
}

/// Strikethrough, strong and emphasis around the same text, in the reader's order
/// (strikethrough outermost, emphasis innermost): Word has only the marks.
fn canonical_marks(o: &mut serde_json::Map<String, Value>) {
    const MARKS: [&str; 3] = ["strikethrough", "strong", "emphasis"];
    let rank = |v: &Value| MARKS.iter().position(|m| v["type"] == *m);
    let mut chain = Vec::new();
    let mut node = Value::Object(o.clone());
    while rank(&node).is_some() {
        chain.push(node["type"].as_str().unwrap().to_string());
        let content = node["content"].as_array().unwrap().clone();
        match <[Value; 1]>::try_from(content) {
            Ok([only]) if rank(&only).is_some() => node = only,
            Ok([only]) => {
                node = Value::Array(vec![only]);
                break;
            }
            Err(content) => {
                node = Value::Array(content);
                break;
            }
        }
    }
    if chain.len() < 2 {
        return;
    }
    chain.sort_by_key(|t| MARKS.iter().position(|m| m == t));
    chain.dedup();
    let mut v = node;
    for t in chain.iter().rev() {
        v = serde_json::json!({"type": t, "content": v});
    }
    *o = v.as_object().unwrap().clone();
}

fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    })
}

/// The first lines where `a` and `b` part, with some context.
fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let i = la.iter().zip(&lb).take_while(|(x, y)| x == y).count();
    let from = i.saturating_sub(8);
    let show = |l: &[&str]| l[from.min(l.len())..(i + 12).min(l.len())].join("\n");
    format!(
        "line {}:\n--- Markdown → tree\n{}\n--- Markdown → DOCX → tree\n{}",
        i + 1,
        show(&la),
        show(&lb)
    )
}

#[test]
fn every_markdown_fixture_survives_docx() {
    let dir = fixture("markdown");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "the Markdown fixtures are missing");
    for path in names {
        let direct = read(Format::Markdown, &std::fs::read(&path).unwrap());
        let docx = markdown_to_docx(&path);
        let back = read(Format::Docx, &docx);
        let files = |url: &str| std::fs::read(dir.join(url)).ok();
        let carried = |url: &str| back.media.get(url).cloned();
        let a = serde_json::to_string_pretty(&normalised(&direct, &files)).unwrap();
        let b = serde_json::to_string_pretty(&normalised(&back, &carried)).unwrap();
        assert!(
            a == b,
            "{}: the tree changed through DOCX, {}",
            path.display(),
            first_difference(&a, &b)
        );
    }
}

// ---- Drafts: the text reader's structure, from Word paragraphs.

fn read_file(path: &Path, structure: bool) -> Document {
    let options = ReadOptions {
        structure,
        ..ReadOptions::default()
    };
    let format = Format::from_path(path).unwrap();
    cjkdoc::read::read(
        format,
        &std::fs::read(path).unwrap(),
        &options,
        &mut Diagnostics::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_text_file_saved_as_docx_by_libreoffice_reads_as_the_text() {
    // `soffice --headless --convert-to docx fixtures/text/notice.txt`: paragraphs in
    // LibreOffice's Preformatted Text, no other styles.
    let text = read_file(&fixture("text/notice.txt"), true);
    let docx = read_file(&fixture("docx/notice.docx"), true);
    assert!(docx.media.is_empty());
    assert_eq!(
        serde_json::to_string_pretty(&docx).unwrap(),
        serde_json::to_string_pretty(&text).unwrap()
    );
}

/// The tree of `fixtures/docx/NAME.docx` against `tests/golden/docx-in/NAME.json`.
fn golden_tree(name: &str, structure: bool) {
    let doc = read_file(&fixture(&format!("docx/{name}.docx")), structure);
    let mut json = serde_json::to_value(&doc).unwrap();
    // The pictures by size only: the bytes are the fixture's.
    if let Some(media) = json.get_mut("media").and_then(Value::as_object_mut) {
        for (k, v) in media.iter_mut() {
            *v = Value::String(format!("{} bytes", doc.media[k].len()));
        }
    }
    let got = serde_json::to_string_pretty(&json).unwrap() + "\n";
    let suffix = if structure { "" } else { ".no-structure" };
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/golden/docx-in/{name}{suffix}.json"));
    if std::env::var_os("CJKDOC_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        got == want,
        "{name}: the tree differs from {} (regenerate with CJKDOC_BLESS=1), {}",
        path.display(),
        first_difference(&want, &got)
    );
}

#[test]
fn an_unstyled_draft_gets_the_structure_of_its_text() {
    // `fixtures/docx/draft.html` saved as DOCX by LibreOffice: every paragraph in Text
    // Body, the title a bold centred line, indents typed as U+3000, a table.
    golden_tree("draft", true);
    // --no-structure: Word's structure only, the paragraphs as they are.
    golden_tree("draft", false);
    let flat = read_file(&fixture("docx/draft.docx"), false);
    assert!(flat.blocks.iter().all(|b| matches!(
        b,
        cjkdoc::doc::Block::Paragraph(_) | cjkdoc::doc::Block::Table(_)
    )));
}

#[test]
fn files_from_other_tools_read_as_their_golden_trees() {
    for name in [
        "libreoffice-every-construct",
        "pandoc-every-construct",
        "pandoc-report-english",
    ] {
        golden_tree(name, true);
    }
}

// ---- The text, against what pandoc recovers.

/// The letters and digits of a tree's text, in reading order, as `pandoc -t plain` shows
/// a document: headings with their numbers, ordered list numbers, a note's number where
/// it is referred to and before its text at the end, a table's cells row by row, a
/// figure's alt text then its caption, links and
/// images by their text.
fn plain_letters(doc: &Document) -> String {
    use cjkdoc::doc::{Block, Inline};
    fn inl(is: &[Inline], out: &mut String) {
        for i in is {
            match i {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. } => inl(content, out),
                Inline::Image(img) => inl(&img.alt, out),
                Inline::FootnoteRef { label } => out.push_str(label),
                Inline::Raw(r) => out.push_str(&r.text),
                Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            }
        }
    }
    fn blocks(bs: &[Block], out: &mut String, notes: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Heading(h) => {
                    out.push_str(h.label.as_deref().unwrap_or(""));
                    inl(&h.content, out);
                }
                Block::Paragraph(p) => inl(&p.content, out),
                Block::List(l) => {
                    for (k, item) in l.items.iter().enumerate() {
                        if let cjkdoc::doc::ListKind::Ordered { start } = l.kind {
                            out.push_str(&(start + k as u64).to_string());
                        }
                        blocks(&item.blocks, out, notes);
                    }
                }
                Block::BlockQuote { blocks: inner } => blocks(inner, out, notes),
                Block::CodeBlock(c) => out.push_str(&c.text),
                Block::Raw(r) => out.push_str(&r.text),
                Block::Table(t) => {
                    for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                        inl(cell, out);
                    }
                }
                Block::Figure(f) => {
                    inl(&f.image.alt, out);
                    inl(&f.caption, out);
                }
                Block::FootnoteDef(d) => {
                    let mut text = d.label.clone();
                    blocks(&d.blocks, &mut text, &mut Vec::new());
                    notes.push(text);
                }
                Block::ThematicBreak | Block::PageBreak => {}
            }
        }
    }
    let mut out = String::new();
    let mut notes = Vec::new();
    blocks(&doc.blocks, &mut out, &mut notes);
    out.extend(notes);
    letters(&out)
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether the text of `doc` is what pandoc shows of the same file (`pandoc` its
/// `-t plain` output): the same letters and digits in the same order. pandoc keeps a
/// title cjkdoc inferred (`meta.title`) in the body; a title from a Title paragraph or the
/// core properties it drops, as cjkdoc does.
fn same_text(doc: &Document, pandoc: &str) -> Result<(), String> {
    let ours = plain_letters(doc);
    let theirs = letters(pandoc);
    let title = letters(doc.meta.title.as_deref().unwrap_or(""));
    if ours == theirs || (!title.is_empty() && format!("{title}{ours}") == theirs) {
        return Ok(());
    }
    let i = ours
        .chars()
        .zip(theirs.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let around = |s: &str| {
        s.chars()
            .skip(i.saturating_sub(20))
            .take(60)
            .collect::<String>()
    };
    Err(format!(
        "differs at letter {i}:\n  cjkdoc: {}\n  pandoc: {}",
        around(&ours),
        around(&theirs)
    ))
}

/// Every `.docx` in `dir` with its `NAME.pandoc.txt` beside it: (name, result).
fn text_checks(dir: &Path) -> Vec<(String, Result<(), String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let golden = path.with_extension("pandoc.txt");
        let Ok(pandoc) = std::fs::read_to_string(&golden) else {
            continue;
        };
        let bytes = std::fs::read(&path).unwrap();
        let read = std::panic::catch_unwind(|| {
            let mut diag = Diagnostics::default();
            cjkdoc::read::read(Format::Docx, &bytes, &ReadOptions::default(), &mut diag)
        });
        let result = match read {
            Err(_) => Err("panicked".to_string()),
            Ok(Err(e)) => Err(format!("not read: {e}")),
            Ok(Ok(doc)) => same_text(&doc, &pandoc),
        };
        out.push((name, result));
    }
    out
}

/// `CJKDOC_BLESS=1` with pandoc installed writes the `.pandoc.txt` files anew.
fn bless_pandoc_text(dir: &Path) {
    let Some(pandoc) = tools::tool("pandoc") else {
        return;
    };
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        let out = std::process::Command::new(&pandoc)
            .args(["-f", "docx", "-t", "plain", "--wrap=none", "--columns=300"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "pandoc failed on {}", path.display());
        let text: String = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.trim_end().to_string() + "\n")
            .collect();
        std::fs::write(path.with_extension("pandoc.txt"), text).unwrap();
    }
}

#[test]
fn the_text_of_each_fixture_is_what_pandoc_recovers() {
    let dir = fixture("docx");
    if std::env::var_os("CJKDOC_BLESS").is_some() {
        bless_pandoc_text(&dir);
    }
    let results = text_checks(&dir);
    assert!(
        results.len() >= 5,
        "the DOCX fixtures or their .pandoc.txt are missing"
    );
    let failed: Vec<String> = results
        .iter()
        .filter_map(|(n, r)| r.as_ref().err().map(|e| format!("{n}: {e}")))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The share of the DOCX files in `CJKDOC_DOCX_DIR` (each with a `NAME.pandoc.txt` made
/// by `pandoc -f docx -t plain --wrap=none --columns=300`) whose text cjkdoc reads as
/// pandoc does: a measurement, run by hand:
/// `CJKDOC_DOCX_DIR=/path cargo test --test it docx_in::share -- --ignored --nocapture`.
#[test]
#[ignore]
fn share_of_files_read_as_pandoc_reads_them() {
    let Some(dir) = std::env::var_os("CJKDOC_DOCX_DIR") else {
        eprintln!("skipped: set CJKDOC_DOCX_DIR");
        return;
    };
    let results = text_checks(Path::new(&dir));
    let same = results.iter().filter(|(_, r)| r.is_ok()).count();
    for (n, r) in &results {
        match r {
            Ok(()) => println!("same  {n}"),
            Err(e) => println!("DIFF  {n}: {e}"),
        }
    }
    println!("{same} of {} files read with pandoc's text", results.len());
}

// ---- Bad packages: one line naming the file and the problem, no output, no panic.

/// A zip of `parts`.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The parts of `fixtures/docx/notice.docx`, `change` applied to each (name, bytes).
fn notice_with(change: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    use std::io::Read;
    let bytes = std::fs::read(fixture("docx/notice.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        let name = f.name().to_string();
        if let Some(data) = change(&name, data) {
            parts.push((name, data));
        }
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    package(&refs)
}

#[test]
fn bad_packages_are_refused_in_one_line() {
    let ole = |marker: &str| {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend([0u8; 64]);
        b.extend(marker.encode_utf16().flat_map(u16::to_le_bytes));
        b.extend([0u8; 64]);
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text.docx",
            b"hello, not a zip".to_vec(),
            "not a DOCX file: not a readable zip archive",
        ),
        ("empty.docx", Vec::new(), "not a DOCX file"),
        (
            "other.docx",
            package(&[("a.txt", b"x")]),
            "not a Word document: the package has no word/document.xml",
        ),
        (
            "book.docx",
            package(&[("xl/workbook.xml", b"<workbook/>")]),
            "(it is an Excel workbook)",
        ),
        (
            "old.docx",
            ole("WordDocument"),
            "old Word 97–2003 document (.doc)",
        ),
        ("locked.docx", ole("EncryptedPackage"), "password-protected"),
        (
            "cut.docx",
            notice_with(|n, d| {
                Some(if n == "word/document.xml" {
                    d[..d.len() / 2].to_vec()
                } else {
                    d
                })
            }),
            "damaged part word/document.xml",
        ),
        (
            "styles.docx",
            notice_with(|n, d| {
                Some(if n == "word/styles.xml" {
                    b"<w:styles><w:style".to_vec()
                } else {
                    d
                })
            }),
            "damaged part word/styles.xml",
        ),
        (
            "binary.docx",
            notice_with(|n, d| {
                Some(if n == "word/document.xml" {
                    vec![0xFF, 0xFE, 0x00, 0x3C]
                } else {
                    d
                })
            }),
            "damaged part word/document.xml",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, message) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, &bytes).unwrap();
        let out = dir.path().join(format!("{name}.pdf"));
        let run = crate::cli::cjkdoc()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{name}: {run:?}");
        crate::cli::one_line_error(&run.stderr, message);
        crate::cli::one_line_error(&run.stderr, name);
        assert!(!out.exists(), "{name}: an output was written");
    }
    // An old binary .doc by its name.
    let doc = dir.path().join("report.doc");
    std::fs::write(&doc, ole("WordDocument")).unwrap();
    let run = crate::cli::cjkdoc()
        .arg("convert")
        .arg(&doc)
        .arg("-t")
        .arg("pdf")
        .output()
        .unwrap();
    assert_ne!(run.status.code(), Some(0));
    crate::cli::one_line_error(&run.stderr, "save the file as .docx");
}

// ---- Pictures: carried in the tree, embedded in PDF and DOCX, written beside Markdown.

#[test]
fn pictures_travel_with_the_tree() {
    let input = fixture("docx/pandoc-every-construct.docx");
    let dir = tempfile::tempdir().unwrap();
    // The pictures of the package, by name.
    let doc = read_file(&input, true);
    assert_eq!(doc.media.len(), 2, "{:?}", doc.media.keys());
    let md = dir.path().join("报告.md");
    let pdf = dir.path().join("报告.pdf");
    let docx = dir.path().join("again.docx");
    for out in [&md, &pdf, &docx] {
        let run = crate::cli::cjkdoc()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
    }
    // Markdown: the files in 报告_media/, the images pointing there.
    let text = std::fs::read_to_string(&md).unwrap();
    for (url, bytes) in &doc.media {
        let name = url.rsplit('/').next().unwrap();
        let rel = format!("报告_media/{name}");
        assert!(text.contains(&format!("]({rel})")), "{rel} not in\n{text}");
        assert_eq!(&std::fs::read(dir.path().join(&rel)).unwrap(), bytes);
    }
    // PDF: both pictures drawn (a PNG with transparency and its mask count once).
    assert_eq!(crate::hostile::pdf_images(&pdf), 2);
    // DOCX: both in word/media, read back the same.
    let again = read_file(&docx, true);
    let mut a: Vec<&Vec<u8>> = doc.media.values().collect();
    let mut b: Vec<&Vec<u8>> = again.media.values().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}
