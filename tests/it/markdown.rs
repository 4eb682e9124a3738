//! Markdown reader and writer: CommonMark spec round trip, fixtures, idempotence.

use cjkdoc::doc::{Align, Block, Document, Inline, ListKind, MetaValue};
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
    let bytes = md_write::write(
        doc,
        &WriteOptions::default(),
        &Default::default(),
        &mut Diagnostics::default(),
    )
    .expect("write failed");
    String::from_utf8(bytes).expect("writer output is UTF-8")
}

/// Render with plain CommonMark (no extensions).
fn commonmark_html(src: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(src));
    html
}

/// Render with the extensions cjkdoc reads (tables, footnotes, …).
fn extended_html(src: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(src, cjkdoc::commonmark::parser_options());
    pulldown_cmark::html::push_html(&mut html, parser);
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
    let (a, b) = (
        canonical_imgs(&commonmark_html(&ex.markdown)),
        canonical_imgs(&commonmark_html(&out)),
    );
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

/// HTML with each `<img>` tag written one way (source, alt text, title): an `<img>` tag in
/// Markdown is read as an image (and written back as `![alt](src "title")` when it has no
/// size), which renders with an `alt` attribute the tag may not have had.
fn canonical_imgs(html: &str) -> String {
    let re = regex::Regex::new(r"<img [^>]*>").unwrap();
    re.replace_all(html, |c: &regex::Captures| {
        match cjkdoc::img_tag::img_tag(&c[0]) {
            Some(i) => format!(
                "<img src={:?} alt={:?} title={:?}>",
                i.url,
                cjkdoc::doc::inlines_text(&i.alt),
                i.title
            ),
            None => c[0].to_string(),
        }
    })
    .into_owned()
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

/// The Markdown fixtures.
fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("fixtures/markdown")
        .expect("fixtures/markdown exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 3, "expected at least three fixtures");
    out
}

/// Every block in the tree, depth first.
fn all_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    for b in blocks {
        out.push(b);
        match b {
            Block::BlockQuote { blocks } => out.extend(all_blocks(blocks)),
            Block::List(l) => l
                .items
                .iter()
                .for_each(|i| out.extend(all_blocks(&i.blocks))),
            Block::FootnoteDef(f) => out.extend(all_blocks(&f.blocks)),
            _ => {}
        }
    }
    out
}

/// Every inline in the tree, depth first.
fn all_inlines(blocks: &[Block]) -> Vec<&Inline> {
    fn walk<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Inline>) {
        for i in inlines {
            out.push(i);
            match i {
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. } => walk(content, out),
                Inline::Image(img) => walk(&img.alt, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for b in all_blocks(blocks) {
        match b {
            Block::Paragraph(p) => walk(&p.content, &mut out),
            Block::Heading(h) => walk(&h.content, &mut out),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .for_each(|c| walk(c, &mut out)),
            Block::Figure(f) => walk(&f.image.alt, &mut out),
            _ => {}
        }
    }
    out
}

/// The plain text of inlines.
fn text(inlines: &[Inline]) -> String {
    cjkdoc::doc::inlines_text(inlines)
}

#[test]
fn fixture_tree_has_every_construct() {
    let src = std::fs::read_to_string("fixtures/markdown/all-constructs.md").unwrap();
    let doc = read(&src);
    let m = &doc.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("关于深入学习贯彻党的二十大精神的体会")
    );
    assert_eq!(m.subtitle.as_deref(), Some("A bilingual test document"));
    assert_eq!(m.authors, ["张三", "Jane Doe"]);
    assert_eq!(m.date.as_deref(), Some("2023年11月20日"));
    assert_eq!(m.lang.as_deref(), Some("zh-CN"));
    assert_eq!(m.keywords, ["学习", "贯彻", "markdown"]);
    assert_eq!(m.extra["draft"], MetaValue::Bool(true));
    let MetaValue::Map(dept) = &m.extra["department"] else {
        panic!("{:?}", m.extra)
    };
    assert_eq!(dept["name"], MetaValue::String("办公室".into()));
    assert_eq!(dept["floor"], MetaValue::Int(3));

    let blocks = all_blocks(&doc.blocks);
    let levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [1, 2, 3, 4, 5, 6]);
    let Block::Heading(h1) = &doc.blocks[0] else {
        panic!("{:?}", doc.blocks[0])
    };
    assert_eq!(text(&h1.content), "一级标题 Heading one");

    let inlines = all_inlines(&doc.blocks);
    let texts: Vec<&str> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("努力以*全格局保障新发展格局")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("紧扣*主责主业，紧盯*领域")),
        "{texts:?}"
    );
    assert!(texts
        .iter()
        .any(|t| t.contains("snake_case_name 和 下划线_中文_文本")));
    let has = |f: &dyn Fn(&Inline) -> bool| inlines.iter().any(|i| f(i));
    assert!(has(
        &|i| matches!(i, Inline::Emphasis { content } if text(content) == "emphasis")
    ));
    assert!(has(
        &|i| matches!(i, Inline::Strong { content } if text(content) == "加粗")
    ));
    assert!(has(
        &|i| matches!(i, Inline::Strikethrough { content } if text(content) == "struck text")
    ));
    assert!(has(
        &|i| matches!(i, Inline::Code { text } if text == "代码")
    ));
    assert!(has(&|i| matches!(i, Inline::Link { url, title, .. }
        if url == "https://example.com/path?a=1&b=2" && title == "Example title")));
    assert!(has(&|i| matches!(i, Inline::Link { url, title, content }
        if url == "https://spec.commonmark.org/0.31.2/" && title == "CommonMark Spec"
            && text(content) == "the spec")));
    assert!(has(
        &|i| matches!(i, Inline::Link { url, .. } if url == "https://commonmark.org")
    ));
    assert!(has(&|i| matches!(i, Inline::Link { url, content, .. }
        if url == "mailto:office@example.com" && text(content) == "office@example.com")));
    assert!(has(
        &|i| matches!(i, Inline::Image(img) if img.url == "images/logo.png" && img.title == "Logo")
    ));
    assert!(has(
        &|i| matches!(i, Inline::Raw(r) if r.format == "html" && r.text == "<span class=\"note\">")
    ));
    assert!(has(
        &|i| matches!(i, Inline::FootnoteRef { label } if label == "注释")
    ));
    assert_eq!(
        inlines
            .iter()
            .filter(|i| matches!(i, Inline::HardBreak))
            .count(),
        2
    );
    assert!(
        inlines
            .iter()
            .filter(|i| matches!(i, Inline::SoftBreak))
            .count()
            >= 3
    );

    assert!(blocks.iter().any(|b| matches!(b, Block::Figure(f)
        if f.image.url == "images/figure.png" && text(&f.image.alt) == "独立的图片")));
    // Nested lists three deep, tight.
    let depth3 = doc.blocks.iter().any(|b| {
        let Block::List(l) = b else { return false };
        l.tight
            && l.items.iter().any(|i| {
                i.blocks.iter().any(|b| {
                    let Block::List(l2) = b else { return false };
                    l2.items.iter().any(|i| {
                        i.blocks
                            .iter()
                            .any(|b| matches!(b, Block::List(l3) if l3.items.len() == 2))
                    })
                })
            })
    });
    assert!(depth3, "no three-deep nested list");
    let lists: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::List(l) => Some(l),
            _ => None,
        })
        .collect();
    assert!(lists.iter().any(|l| !l.tight
        && l.kind == ListKind::Ordered { start: 1 }
        && l.items[1].blocks.len() == 2));
    assert!(lists
        .iter()
        .any(|l| l.kind == ListKind::Ordered { start: 7 } && l.items.len() == 2));
    let tasks: Vec<Option<bool>> = lists
        .iter()
        .flat_map(|l| l.items.iter().map(|i| i.task))
        .filter(Option::is_some)
        .collect();
    assert_eq!(tasks, [Some(false), Some(true), Some(false)]);

    let quote = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::BlockQuote { blocks } => Some(blocks),
            _ => None,
        })
        .expect("a block quote");
    assert!(matches!(quote[1], Block::BlockQuote { .. }));
    assert!(matches!(quote[2], Block::List(_)));
    assert!(matches!(&quote[3], Block::CodeBlock(c) if c.lang() == Some("text")));

    assert!(blocks.iter().any(|b| matches!(b, Block::CodeBlock(c)
        if c.lang() == Some("rust") && c.text.contains("println!(\"你好, 世界\");"))));
    assert!(blocks.iter().any(|b| matches!(b, Block::CodeBlock(c)
        if c.info.is_none() && c.text == "indented code block\nsecond line\n")));
    let table = blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(
        table.aligns,
        [Align::Left, Align::Center, Align::Right, Align::None]
    );
    assert_eq!(text(&table.header[0]), "左对齐");
    assert_eq!(table.rows.len(), 2);
    assert_eq!(text(&table.rows[0][0]), "张三");
    assert_eq!(text(&table.rows[0][3]), "a | b");
    assert!(blocks.iter().any(|b| matches!(b, Block::FootnoteDef(f)
        if f.label == "注释" && matches!(&f.blocks[..], [Block::Paragraph(p)] if matches!(&p.content[..], [Inline::Text { text: a }, Inline::SoftBreak, Inline::Text { text: b }] if a == "中文脚注，" && b == "有第二行。")))));
    assert!(blocks.iter().any(|b| matches!(b, Block::Raw(r)
        if r.format == "html" && r.text.starts_with("<div class=\"box\">\n") && r.text.ends_with("</div>\n"))));
    assert!(blocks.iter().any(|b| matches!(b, Block::ThematicBreak)));
}

#[test]
fn fixtures_round_trip_and_are_idempotent() {
    for (path, src) in fixtures() {
        let doc = read(&src);
        let once = write(&doc);
        let reread = read(&once);
        assert_eq!(
            reread, doc,
            "{path}: the written Markdown reads back as another tree\n{once}"
        );
        let twice = write(&reread);
        assert_eq!(twice, once, "{path}: writing is not idempotent");
        assert!(
            once.ends_with('\n') && !once.ends_with("\n\n"),
            "{path}: bad final newline"
        );
        // With cjkdoc's extensions on, the output renders exactly like the source.
        assert_eq!(extended_html(&once), extended_html(&src), "{path}\n{once}");
    }
}

#[test]
fn fixtures_survive_a_json_round_trip() {
    for (path, src) in fixtures() {
        let doc = read(&src);
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc, "{path}");
        assert_eq!(write(&back), write(&doc), "{path}");
    }
}

#[test]
fn literal_stars_between_chinese_characters_render_as_stars() {
    let src = std::fs::read_to_string("fixtures/markdown/all-constructs.md").unwrap();
    let out = write(&read(&src));
    // A single `*` in a paragraph cannot pair: it stays bare.
    assert!(out.contains("\n党的二十大是在迈上"), "{out}");
    assert!(out.contains("努力以*全格局保障"), "{out}");
    // Two in one paragraph would pair into emphasis: both are escaped.
    assert!(out.contains("紧扣\\*主责主业，紧盯\\*领域"), "{out}");
    let html = commonmark_html(&out);
    assert!(html.contains("努力以*全格局保障"), "{html}");
    assert!(html.contains("紧扣*主责主业，紧盯*领域"), "{html}");
    assert!(
        html.contains("snake_case_name 和 下划线_中文_文本"),
        "{html}"
    );
}

#[test]
fn writer_output_for_the_edge_fixture_is_exact() {
    let src = std::fs::read_to_string("fixtures/markdown/edge-cases.md").unwrap();
    let out = write(&read(&src));
    for want in [
        "\\# not a heading, really.\n",
        "\\- not a list item (really).\n",
        "1\\. not an ordered list: no.\n",
        "\\> not a quote\n",
        "\\+ plus sign\n",
        "\n=== (a line of equals signs)\n",
        "2023\\. 年度总结\n",
        "a | b | c looks like table text\n",
        "\n````\ntilde fenced code with ``` inside\n````\n",
        "\n-\n\n- item after an empty item\n",
        "\n- a\n- b\n\n* c (a second bullet list)\n",
        "[link with (parens)](https://example.com/a_(b) \"title with \\\"quotes\\\"\")",
        "[spaces in url](<a b.html>)",
        "a lone < sign, a < b > c.",
        "  ```sh\n  echo \"blank line follows\"\n\n  echo done\n  ```\n",
        "<!-- an HTML comment block -->\n",
        "Final line ends with a backslash\\\n",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        // More with PROPTEST_CASES=100000.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000),
        failure_persistence: None,
        // Deterministic: the same inputs on every run (vary with PROPTEST_RNG_SEED).
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20261128),
        ),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Random Markdown made of syntax characters reads back as the same tree after
    /// writing, and writing is idempotent.
    #[test]
    fn random_markdown_round_trips(src in "[ab*_`\\[\\]()<>!#&;:|~+=.1 \n\t中文^x\\\\-]{0,60}") {
        let doc = match md_read::read(src.as_bytes(), &ReadOptions::default(), &mut Diagnostics::default()) {
            Ok(d) => d,
            Err(_) => return Ok(()),
        };
        let once = write(&doc);
        let back = read(&once);
        proptest::prop_assert_eq!(&back, &doc, "source {:?}\noutput {:?}", src, once);
        proptest::prop_assert_eq!(write(&back), once);
    }

    /// The same with line-oriented input: list markers, quotes, fences, tables, indentation.
    /// (No `:` in the text: a link reference definition that empties a list item can leave
    /// a tight item "paragraph + list starting with an empty item", which Markdown cannot
    /// write back; see the writer's checklist.)
    #[test]
    fn random_block_markdown_round_trips(
        src in "([ ]{0,5}([-*+>] |[-*+>]|1[.)] |2\\. |#{1,2} |```|~~~|\\| |- \\[[ x]\\] |\\[\\^1\\]: |---|===)?[a*_`<>|\\[\\]中 -]{0,8}\n){0,8}"
    ) {
        let doc = match md_read::read(src.as_bytes(), &ReadOptions::default(), &mut Diagnostics::default()) {
            Ok(d) => d,
            Err(_) => return Ok(()),
        };
        let once = write(&doc);
        let back = read(&once);
        proptest::prop_assert_eq!(&back, &doc, "source {:?}\noutput {:?}", src, once);
        proptest::prop_assert_eq!(write(&back), once);
    }
}

/// The founding sample, read by the text reader, survives Markdown output: every paragraph
/// reads back with the same text, literal `*` included.
#[test]
fn text_reader_sample_survives_markdown() {
    let seed = std::fs::read("fixtures/seed.txt").unwrap();
    let doc = cjkdoc::read::text::read(&seed, &ReadOptions::default(), &mut Diagnostics::default())
        .unwrap();
    assert!(doc.blocks.len() > 5);
    let out = write(&doc);
    let back = read(&out);
    let texts = |d: &Document| {
        d.blocks
            .iter()
            .map(cjkdoc::doc::block_text)
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(&back), texts(&doc), "{out}");
    // A lone `*` in its paragraph stays bare; where two could pair, both are escaped.
    assert!(out.contains("努力以*全格局保障"), "{out}");
    assert!(out.contains("紧扣\\*主责主业，紧盯\\*领域"), "{out}");
    assert!(commonmark_html(&out).contains("努力以*全格局保障"));
    assert!(!commonmark_html(&out).contains("<em>"));
    // Run-in headings are ATX headings; `一、…` needs no escaping.
    assert!(out.contains("\n# 一、深入学习贯彻党的二十大精神"), "{out}");
    // Lead-ins are bold: the full stop that would block the closing `**` before Han text
    // moves just outside it.
    assert!(
        out.contains("\n**一要抓住“悟”的精髓，充分认识学习宣传二十大精神的重大意义**。党的"),
        "{out}"
    );
    assert!(commonmark_html(&out).contains(
        "<strong>一要抓住“悟”的精髓，充分认识学习宣传二十大精神的重大意义</strong>。党的"
    ));
    assert_eq!(write(&back), out);
}

/// Trees from other readers: labels, run-in headings, roles, page breaks, captions.
#[test]
fn non_markdown_tree_is_written_sensibly() {
    use cjkdoc::doc::{Figure, Heading, Image, Meta, Paragraph, ParagraphRole};
    let doc = Document {
        meta: Meta {
            title: Some("关于开展检查的通知".into()),
            authors: vec!["办公室".into()],
            ..Meta::default()
        },
        blocks: vec![
            Block::Heading(Heading {
                level: 2,
                label: Some("（一）".into()),
                content: vec![Inline::text("提高认识。")],
                run_in: true,
            }),
            Block::Paragraph(Paragraph::body(vec![Inline::text("各单位要高度重视。")])),
            Block::Paragraph(Paragraph {
                role: ParagraphRole::Date,
                content: vec![Inline::text("2023年11月20日")],
            }),
            Block::PageBreak,
            Block::Figure(Figure {
                image: Image {
                    url: "a b.png".into(),
                    title: String::new(),
                    alt: vec![Inline::text("图")],
                    size: Default::default(),
                },
                caption: vec![Inline::text("图一 说明")],
            }),
            Block::Heading(Heading {
                level: 3,
                label: None,
                content: vec![Inline::text("a"), Inline::SoftBreak, Inline::text("b #")],
                run_in: false,
            }),
        ],
        ..Default::default()
    };
    let mut diag = Diagnostics::default();
    let out = String::from_utf8(
        md_write::write(
            &doc,
            &WriteOptions::default(),
            &Default::default(),
            &mut diag,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        out,
        "---\ntitle: 关于开展检查的通知\nauthor: 办公室\n---\n\n\
         ## （一）提高认识。\n\n各单位要高度重视。\n\n2023年11月20日\n\n\
         <div style=\"page-break-after: always;\"></div>\n\n![图](<a b.png>)\n\n### a b \\#\n"
    );
    assert_eq!(diag.warnings.len(), 2, "{:?}", diag.warnings);
    let back = read(&out);
    assert_eq!(back.meta, doc.meta);
    assert_eq!(write(&back), out);
}

/// `<img>` tags as READMEs write them: an HTML block of images only (inside `<p
/// align="center">`, `<a>`) is a figure with the tag's size, or a paragraph of images; an
/// inline tag is an inline image. A sized image is written back as an `<img>` tag (the
/// wrappers are not kept), an unsized one as `![alt](src)`, and both read back the same.
#[test]
fn img_tags_are_sized_images_and_round_trip() {
    use cjkdoc::doc::Length;
    let src = "<p align=\"center\">\n  <a href=\"https://x.org\"><img src=\"logo.png\" width=\"200\" alt=\"标志\"></a>\n</p>\n\n<p>\n<img src=\"b1.svg\"> <img src=\"b2.svg\" height=\"20\">\n</p>\n\n文字 <img src=\"icon.png\" width=16> 文字\n\n<div><p>other HTML</p></div>\n";
    let doc = read(src);
    let [Block::Figure(fig), Block::Paragraph(badges), Block::Paragraph(text), Block::Raw(raw)] =
        doc.blocks.as_slice()
    else {
        panic!("{:#?}", doc.blocks)
    };
    assert_eq!(fig.image.url, "logo.png");
    assert_eq!(fig.image.size.width, Some(Length::Px(200.0)));
    assert_eq!(fig.image.alt, [Inline::text("标志")]);
    let urls: Vec<&str> = badges
        .content
        .iter()
        .filter_map(|i| match i {
            Inline::Image(img) => Some(img.url.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(urls, ["b1.svg", "b2.svg"]);
    assert!(matches!(&text.content[1], Inline::Image(i) if i.size.width == Some(Length::Px(16.0))));
    assert!(raw.text.contains("other HTML"));
    let out = write(&doc);
    assert!(
        out.starts_with("<img src=\"logo.png\" alt=\"标志\" width=\"200\">\n\n![](b1.svg) <img src=\"b2.svg\" alt=\"\" height=\"20\">\n"),
        "{out}"
    );
    assert_eq!(read(&out), doc);
}
