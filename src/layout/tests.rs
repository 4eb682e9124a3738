//! Engine tests on hand-made trees.

use super::linebreak::{NO_END, NO_START};
use super::*;
use crate::doc::{
    Block, Heading, Inline, List, ListItem, ListKind, Meta, Paragraph, ParagraphRole,
};

mod hyphenate;

/// The seed as the text reader will give it: run-in headings (`一、` + lead sentence) and
/// strong lead-ins (`一要…`) in front of the rest of the line.
fn seed_doc() -> Document {
    let text = include_str!("../../fixtures/seed.txt");
    let mut blocks = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let lead_end = line.find('。').map(|i| i + '。'.len_utf8());
        let label = ["一、", "二、", "三、", "四、", "五、"]
            .into_iter()
            .find(|l| line.starts_with(l));
        match (label, lead_end) {
            (Some(label), Some(end)) => {
                blocks.push(Block::Heading(Heading {
                    level: 1,
                    label: Some(label.into()),
                    content: vec![Inline::text(&line[label.len()..end])],
                    run_in: true,
                }));
                blocks.push(Block::Paragraph(Paragraph::body(vec![Inline::text(
                    &line[end..],
                )])));
            }
            _ if line.starts_with("一要") || line.starts_with("二要") => {
                let end = line.find('，').unwrap();
                blocks.push(Block::Paragraph(Paragraph::body(vec![
                    Inline::strong_text(&line[..end]),
                    Inline::text(&line[end..]),
                ])));
            }
            _ => blocks.push(Block::Paragraph(Paragraph::body(vec![Inline::text(line)]))),
        }
    }
    Document {
        meta: Meta {
            title: Some("深入学习贯彻党的二十大精神".into()),
            date: Some("2023年11月20日".into()),
            ..Meta::default()
        },
        blocks,
        ..Default::default()
    }
}

fn run(doc: &Document) -> (Layout, Diagnostics) {
    let mut diag = Diagnostics::default();
    let l = layout(doc, &Style::default(), LayoutOptions::default(), &mut diag);
    (l, diag)
}

fn all_text(l: &Layout) -> String {
    l.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn seed_keeps_every_character_in_order() {
    let doc = seed_doc();
    let (l, diag) = run(&doc);
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let source: String = std::iter::once("深入学习贯彻党的二十大精神2023年11月20日".to_string())
        .chain(doc.blocks.iter().map(crate::doc::block_text))
        .collect();
    assert_eq!(all_text(&l), source);
    assert!(l.pages.len() >= 3);
}

#[test]
fn no_line_starts_or_ends_with_a_prohibited_mark() {
    let (l, _) = run(&seed_doc());
    for line in &l.lines {
        let first = line.text.chars().next().unwrap();
        let last = line.text.chars().last().unwrap();
        assert!(
            !NO_START.contains(first),
            "line starts with {first}: {}",
            line.text
        );
        assert!(
            !NO_END.contains(last),
            "line ends with {last}: {}",
            line.text
        );
        assert!(!line.text.starts_with("——") && !line.text.starts_with("……"));
    }
}

#[test]
fn full_lines_end_at_the_right_margin() {
    let (l, _) = run(&seed_doc());
    let mut full = 0;
    for line in l
        .lines
        .iter()
        .filter(|l| l.justified && l.end == LineEnd::Full)
    {
        full += 1;
        assert!(
            (line.right - line.measure_right).abs() < 0.1,
            "{} ends at {} not {}",
            line.text,
            line.right,
            line.measure_right
        );
    }
    assert!(full > 50);
    // Last lines are not stretched.
    assert!(l
        .lines
        .iter()
        .any(|l| l.end == LineEnd::Last && l.right < l.measure_right - 20.0));
}

#[test]
fn no_paragraph_ends_in_a_lone_character() {
    let text = "党".repeat(37) + "的大会";
    for n in 0..6 {
        let t = format!("{}{}。", text, "会".repeat(n));
        let doc = Document {
            blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text(t)]))],
            ..Document::default()
        };
        let (l, _) = run(&doc);
        let last = &l.lines.last().unwrap().text;
        let content = last.chars().filter(|c| !NO_START.contains(*c)).count();
        assert!(content >= 2 || l.lines.len() == 1, "{n}: {last:?}");
    }
}

#[test]
fn run_in_heading_is_one_paragraph_with_outline_entry() {
    let doc = Document {
        blocks: vec![
            Block::Heading(Heading {
                level: 1,
                label: Some("（一）".into()),
                content: vec![Inline::text("提高认识。")],
                run_in: true,
            }),
            Block::Paragraph(Paragraph::body(vec![Inline::text("各单位要高度重视。")])),
            Block::Heading(Heading {
                level: 2,
                label: None,
                content: vec![Inline::text("检查时间")],
                run_in: false,
            }),
            Block::Paragraph(Paragraph::body(vec![Inline::text("十一月。")])),
        ],
        ..Document::default()
    };
    let (l, _) = run(&doc);
    assert_eq!(l.lines[0].text, "（一）提高认识。各单位要高度重视。");
    assert_eq!(l.outline.len(), 2);
    assert_eq!(l.outline[0].title, "（一）提高认识。");
    assert_eq!(l.outline[1].level, 2);
    // The lead is in the heading face, the rest in the body face.
    let Item::Text(first) = &l.pages[0].items[0] else {
        panic!()
    };
    let sans_bold = Book::bundled()
        .find("Noto Sans SC", crate::fonts::Weight::Bold)
        .unwrap();
    assert_eq!(first.face, sans_bold);
    assert_eq!(first.text(), "（一）提高认识。");
    // Body paragraphs are indented 2 em, including the run-in one.
    let style = Style::default();
    assert!((l.lines[0].left - style.page.margins.left - 2.0 * style.body.size).abs() < 0.01);
    assert!((l.lines[2].left - style.page.margins.left - 2.0 * style.body.size).abs() < 0.01);
}

#[test]
fn latin_gets_a_quarter_em_gap_but_no_inserted_space() {
    let doc = Document {
        blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text(
            "使用PDF格式和2023年数据",
        )]))],
        ..Document::default()
    };
    let (l, _) = run(&doc);
    assert_eq!(l.lines[0].text, "使用PDF格式和2023年数据");
    let Item::Text(run) = &l.pages[0].items[0] else {
        panic!()
    };
    let x = |t: &str| run.glyphs.iter().find(|g| g.text == t).unwrap().x;
    let em = Style::default().body.size;
    // 用 is a full em; P follows after a quarter-em gap.
    assert!(
        (x("P") - x("用") - 1.25 * em).abs() < 0.01,
        "{}",
        x("P") - x("用")
    );
}

#[test]
fn roles_align_lines() {
    let style = Style::default();
    let para = |role, t: &str| {
        Block::Paragraph(Paragraph {
            role,
            content: vec![Inline::text(t)],
        })
    };
    let doc = Document {
        blocks: vec![
            para(ParagraphRole::Addressee, "各区县人民政府："),
            para(ParagraphRole::Signature, "市人民政府办公室"),
            para(ParagraphRole::Date, "2023年11月20日"),
        ],
        ..Document::default()
    };
    let (l, _) = run(&doc);
    assert!((l.lines[0].left - style.page.margins.left).abs() < 0.01);
    let right_edge = l.width - style.page.margins.right;
    // GB/T 9704 §7.3.5.2: the date starts two characters right of the issuer's first
    // character; this date (with its CJK–Latin gaps) is the longer line, so it sits two
    // characters in from the edge and the issuer moves left.
    let two = 2.0 * style.body.size;
    let shift = l.lines[2].left - l.lines[1].left;
    assert!((shift - two).abs() < 0.1, "{shift}");
    assert!((l.lines[2].right - (right_edge - two)).abs() < 0.1);
    assert!(l.lines[2].right - l.lines[2].left > l.lines[1].right - l.lines[1].left);
}

#[test]
fn every_block_type_keeps_its_text() {
    let doc: Document = serde_json::from_str(
        r#"{"blocks":[
        {"type":"list","kind":"bullet","tight":true,"items":[{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"甲项"}]}]}]},
        {"type":"code_block","text":"fn main() {\n    println!(\"你好\");\n}\n"},
        {"type":"block_quote","blocks":[{"type":"paragraph","content":[{"type":"emphasis","content":[{"type":"text","text":"引文"}]}]}]},
        {"type":"table","aligns":["left"],"header":[[{"type":"text","text":"表头"}]],"rows":[[[{"type":"code","text":"x"}]]]},
        {"type":"thematic_break"},{"type":"page_break"},
        {"type":"figure","image":{"url":"a.png","alt":[{"type":"text","text":"图一"}]}},
        {"type":"footnote_def","label":"1","blocks":[{"type":"paragraph","content":[{"type":"link","url":"https://example.com","content":[{"type":"text","text":"链接"}]}]}]},
        {"type":"raw","format":"html","text":"<div>\n"},
        {"type":"paragraph","content":[{"type":"text","text":"末"},{"type":"soft_break"},{"type":"text","text":"行"},{"type":"hard_break"},{"type":"strikethrough","content":[{"type":"text","text":"删"}]},{"type":"footnote_ref","label":"1"}]}
    ]}"#,
    )
    .unwrap();
    let (l, _) = run(&doc);
    let text = all_text(&l);
    assert!(
        l.lines.iter().any(|x| x.text == "    println!(\"你好\");"),
        "code indentation"
    );
    for needle in [
        "甲项",
        "println!(\"你好\");",
        "引文",
        "表头",
        "x",
        "图一",
        "链接",
        "<div>",
        "末行",
        "删1",
    ] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
    assert!(l.pages.len() >= 2, "page break");
    assert!(l
        .pages
        .iter()
        .any(|p| p.items.iter().any(|i| matches!(i, Item::Link(_)))));
}

#[test]
fn uncovered_character_is_reported_once() {
    let doc = Document {
        blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text(
            "\u{10FFFD}甲\u{10FFFD}",
        )]))],
        ..Document::default()
    };
    let (l, diag) = run(&doc);
    assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    assert!(diag.warnings[0].contains("U+10FFFD"));
    assert_eq!(l.lines[0].text, "\u{10FFFD}甲\u{10FFFD}");
}

#[test]
fn headings_are_not_stranded_at_a_page_bottom() {
    let mut blocks = Vec::new();
    for i in 0..40 {
        blocks.push(Block::Heading(Heading {
            level: 2,
            label: None,
            content: vec![Inline::text(format!("标题{i}"))],
            run_in: false,
        }));
        blocks.push(Block::Paragraph(Paragraph::body(vec![Inline::text(
            "正文".repeat(10 + i * 7),
        )])));
    }
    blocks.push(Block::List(List {
        kind: ListKind::Ordered { start: 1 },
        tight: true,
        items: vec![ListItem {
            task: None,
            blocks: vec![],
        }],
    }));
    let (l, _) = run(&Document {
        blocks,
        ..Document::default()
    });
    for (i, line) in l.lines.iter().enumerate() {
        if line.text.starts_with("标题") {
            let next = &l.lines[i + 1];
            assert_eq!(line.page, next.page, "{} stranded", line.text);
        }
    }
    // Widows: no page starts with the last line of a paragraph begun on the page before
    // (a `Full` line is always followed by a line of the same paragraph).
    for w in l.lines.windows(2) {
        if w[0].page != w[1].page {
            assert!(
                !(w[0].end == LineEnd::Full && w[1].end == LineEnd::Last),
                "widow: {}",
                w[1].text
            );
        }
    }
}

#[test]
fn layout_is_deterministic_and_thread_safe() {
    let doc = seed_doc();
    let texts: Vec<String> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..2).map(|_| s.spawn(|| all_text(&run(&doc).0))).collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(texts[0], texts[1]);
}

#[test]
fn odd_input_never_panics_nor_loses_text() {
    let long_word = "https://example.com/".to_string() + &"abcdefghij".repeat(30);
    let samples = [
        long_word.as_str(),
        "，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，，",
        "（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（（",
        "“”“”“”——……——……——……——……——……——……——……——……——……——……——……——……——……——",
        "   ",
        "e\u{301}\u{200b}x\u{fe0f}😀中文\tTab",
        "A",
        "",
    ];
    for s in samples {
        let doc = Document {
            blocks: vec![
                Block::Heading(Heading {
                    level: 9,
                    label: None,
                    content: vec![Inline::text(s)],
                    run_in: false,
                }),
                Block::Paragraph(Paragraph::body(vec![Inline::text(s.repeat(3))])),
            ],
            ..Document::default()
        };
        let (l, _) = run(&doc);
        let want: String = format!("{s}{}", s.repeat(3))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let got: String = all_text(&l)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(got, want, "{s:?}");
        assert_eq!(l.outline.len(), 1);
        assert!(
            l.lines.iter().all(|line| line.right <= l.width),
            "{s:?} runs off the page"
        );
    }
}

#[test]
fn table_of_contents_lists_headings_with_their_pages() {
    let mut diag = Diagnostics::default();
    let doc = seed_doc();
    let l = layout(
        &doc,
        &Style::default(),
        LayoutOptions {
            toc: true,
            ..Default::default()
        },
        &mut diag,
    );
    let first = l
        .lines
        .iter()
        .position(|x| x.text.starts_with("一、深入"))
        .unwrap();
    // The entry may wrap; its last line ends in the page number, at the right margin.
    let entry = l.lines[first..]
        .iter()
        .find(|x| x.text.ends_with(|c: char| c.is_ascii_digit()))
        .unwrap();
    let page = l.outline[0].page + 1;
    assert!(
        entry.text.ends_with(&page.to_string()),
        "{} vs page {page}",
        entry.text
    );
    assert!((entry.right - entry.measure_right).abs() < 0.1);
    assert_eq!(
        l.lines
            .iter()
            .filter(|x| x.text.starts_with("五、深入"))
            .count(),
        2
    );
    assert_ne!(l.outline[0].page, 0, "contents come before the text");
}

#[test]
fn rules_hold_on_other_papers_and_sizes() {
    for (paper, margin, size, lh) in [
        ("a5", "15mm", "14", "1.5"),
        ("letter", "1in", "五号", "1.8"),
        ("legal", "20mm,30mm", "小三", "26pt"),
    ] {
        let style = Style::from_options(Some(paper), Some(margin), Some(size), Some(lh)).unwrap();
        let mut diag = Diagnostics::default();
        let l = layout(&seed_doc(), &style, LayoutOptions::default(), &mut diag);
        for line in &l.lines {
            let first = line.text.chars().next().unwrap();
            let last = line.text.chars().last().unwrap();
            assert!(!NO_START.contains(first), "{paper}: starts with {first}");
            assert!(!NO_END.contains(last), "{paper}: ends with {last}");
            if line.justified && line.end == LineEnd::Full {
                assert!(
                    (line.right - line.measure_right).abs() < 0.1,
                    "{paper}: {}",
                    line.text
                );
            }
        }
        let (_, h) = style.page.paper.size_pt();
        for page in &l.pages {
            for item in &page.items {
                if let Item::Text(run) = item {
                    assert!(run.y < h - style.page.margins.bottom + style.page_numbers.gap + 0.1);
                }
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text, in any mix of scripts, punctuation, spaces and breaks: no panic, nothing
    /// lost, no line past the page edge.
    #[test]
    fn any_text_is_set_without_loss(
        parts in proptest::collection::vec(
            "[党的二十大会议精神，。、；：？！“”‘’（）《》——……a-zA-Z0-9 .,;:!?()\\[\\]*\\-]{0,60}",
            1..6,
        ),
        strong in proptest::bool::ANY,
    ) {
        let content: Vec<Inline> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| if strong && i % 2 == 1 { Inline::strong_text(p.clone()) } else { Inline::text(p.clone()) })
            .collect();
        let doc = Document {
            blocks: vec![Block::Paragraph(Paragraph::body(content))],
            ..Document::default()
        };
        let (l, _) = run(&doc);
        let want: String = parts.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = all_text(&l).chars().filter(|c| !c.is_whitespace()).collect();
        proptest::prop_assert_eq!(got, want);
        for line in &l.lines {
            proptest::prop_assert!(line.right <= l.width - 1.0);
        }
    }
}

#[test]
fn quotes_are_full_width_in_chinese_and_proportional_in_english() {
    let doc = Document {
        blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text(
            "他说“好”。He said “yes” to it.",
        )]))],
        ..Document::default()
    };
    let (l, _) = run(&doc);
    let Item::Text(run) = &l.pages[0].items[0] else {
        panic!()
    };
    let em = Style::default().body.size;
    let advance = |t: &str, nth: usize| {
        let i = run
            .glyphs
            .iter()
            .enumerate()
            .filter(|(_, g)| g.text == t)
            .nth(nth)
            .unwrap()
            .0;
        run.glyphs[i + 1].x - run.glyphs[i].x
    };
    // “ before 好 is a full em; the one before "yes" is narrower.
    assert!((advance("“", 0) - em).abs() < 0.5, "{}", advance("“", 0));
    assert!(advance("“", 1) < 0.7 * em, "{}", advance("“", 1));
}

/// The every-construct fixture, read as the CLI reads it.
fn every_construct() -> (Document, Layout, Diagnostics) {
    let src = include_bytes!("../../fixtures/markdown/every-construct.md");
    let mut diag = Diagnostics::default();
    let doc = crate::read::read(
        crate::Format::Markdown,
        src,
        &crate::read::ReadOptions::default(),
        &mut diag,
    )
    .unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown");
    let access = crate::resource::Access {
        base_dir: Some(&dir),
        root: None,
        ..crate::resource::Access::default()
    };
    let images =
        crate::images::Images::load(&doc, access, crate::images::DEFAULT_MAX_PIXELS, &mut diag);
    let l = layout(
        &doc,
        &Style::default(),
        LayoutOptions {
            toc: false,
            images: &images,
            ..Default::default()
        },
        &mut diag,
    );
    (doc, l, diag)
}

/// Every piece of text in the tree, footnote references as the numbers they get (in order
/// of first reference), footnote definitions after the rest.
fn tree_text(doc: &Document) -> String {
    fn inl(xs: &[Inline], order: &mut Vec<String>, out: &mut String) {
        for x in xs {
            match x {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Raw(r) => out.push_str(&r.text),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. } => inl(content, order, out),
                Inline::Image(i) => inl(&i.alt, order, out),
                Inline::FootnoteRef { label } => {
                    if !order.contains(label) {
                        order.push(label.clone());
                    }
                    let n = order.iter().position(|l| l == label).unwrap() + 1;
                    out.push_str(&n.to_string());
                }
                Inline::SoftBreak | Inline::HardBreak => {}
            }
        }
    }
    fn blk(
        bs: &[Block],
        order: &mut Vec<String>,
        defs: &mut Vec<(String, Vec<Block>)>,
        out: &mut String,
    ) {
        for b in bs {
            match b {
                Block::Heading(h) => {
                    out.push_str(h.label.as_deref().unwrap_or(""));
                    inl(&h.content, order, out);
                }
                Block::Paragraph(p) => inl(&p.content, order, out),
                Block::List(l) => l
                    .items
                    .iter()
                    .for_each(|i| blk(&i.blocks, order, defs, out)),
                Block::BlockQuote { blocks } => blk(blocks, order, defs, out),
                Block::CodeBlock(c) => out.push_str(&c.text),
                Block::Raw(r) => out.push_str(&r.text),
                Block::Table(t) => {
                    for row in std::iter::once(&t.header).chain(&t.rows) {
                        row.iter().for_each(|c| inl(c, order, out));
                    }
                }
                Block::Figure(f) => {
                    let c = if f.caption.is_empty() {
                        &f.image.alt
                    } else {
                        &f.caption
                    };
                    inl(c, order, out);
                }
                Block::FootnoteDef(d) => defs.push((d.label.clone(), d.blocks.clone())),
                Block::ThematicBreak | Block::PageBreak => {}
            }
        }
    }
    let m = &doc.meta;
    let mut out = String::new();
    for t in [&m.title, &m.subtitle, &m.date].into_iter().flatten() {
        out.push_str(t);
    }
    m.authors.iter().for_each(|a| out.push_str(a));
    let (mut order, mut defs) = (Vec::new(), Vec::new());
    blk(&doc.blocks, &mut order, &mut defs, &mut out);
    for (_, bs) in defs {
        blk(&bs, &mut order, &mut Vec::new(), &mut out);
    }
    out
}

/// Characters with their counts, whitespace left out.
fn census(s: &str) -> std::collections::BTreeMap<char, usize> {
    let mut m = std::collections::BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

#[test]
fn every_construct_places_every_character_once() {
    let (doc, l, diag) = every_construct();
    let mut want = census(&tree_text(&doc));
    // The long table's header is set again on each page it runs onto.
    let repeats = l.lines.iter().filter(|x| x.text == "Code").count() - 1;
    for (c, n) in census("序号城市金额说明Code") {
        *want.get_mut(&c).unwrap() += n * repeats;
    }
    let got = census(&all_text(&l));
    let keys: std::collections::BTreeSet<&char> = want.keys().chain(got.keys()).collect();
    let diff: Vec<_> = keys
        .into_iter()
        .filter(|c| want.get(c) != got.get(c))
        .map(|c| (*c, want.get(c).copied(), got.get(c).copied()))
        .collect();
    assert!(diff.is_empty(), "(char, in tree, placed): {diff:?}");
    // Only the missing image is reported.
    assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    assert!(diag.warnings[0].contains("missing.png"));
    assert_eq!(l.images.len(), 2, "the PNG and the JPEG");
    let shown = l
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, Item::Image(_)))
        .count();
    assert_eq!(shown, 2);
}

#[test]
fn every_table_row_is_set_and_the_header_repeats() {
    let (_, l, _) = every_construct();
    for i in 1..=60 {
        let code = format!("item-{i:03}");
        let n = l.lines.iter().filter(|x| x.text == code).count();
        assert_eq!(n, 1, "{code} set {n} times");
    }
    // The header is set once on every page the long table runs over.
    let pages: std::collections::BTreeSet<usize> = l
        .lines
        .iter()
        .filter(|x| x.text.starts_with("item-"))
        .map(|x| x.page)
        .collect();
    assert!(pages.len() >= 3, "the 60 rows take several pages");
    let header: Vec<usize> = l
        .lines
        .iter()
        .filter(|x| x.text == "Code")
        .map(|x| x.page)
        .collect();
    for p in &pages {
        assert!(header.contains(p), "no header on page {p}");
    }
}

#[test]
fn footnote_marks_and_notes_match_and_share_a_page() {
    let (_, l, _) = every_construct();
    let mut first_mark: std::collections::BTreeMap<usize, usize> = Default::default();
    for &(page, n) in &l.note_marks {
        first_mark.entry(n).or_insert(page);
    }
    let feet: std::collections::BTreeMap<usize, usize> =
        l.note_feet.iter().map(|&(p, n)| (n, p)).collect();
    assert_eq!(
        first_mark.keys().collect::<Vec<_>>(),
        vec![&1, &2, &3],
        "marks"
    );
    assert_eq!(
        first_mark, feet,
        "each note starts on its first mark's page"
    );
}

#[test]
fn no_box_overflows_the_margins() {
    let (_, l, _) = every_construct();
    assert_within_margins(&l);
}

#[test]
fn code_shading_stays_inside_the_margins_at_a_page_top_and_bottom() {
    let code = |n: usize| {
        Block::CodeBlock(crate::doc::CodeBlock {
            info: None,
            text: (0..n).map(|i| format!("line {i}\n")).collect(),
        })
    };
    let para = || Block::Paragraph(Paragraph::body(vec![Inline::text("正文。")]));
    // A code block first on the page; then code blocks of 1 to 11 lines after a run of
    // paragraphs, so that some start a page and some end just above its bottom.
    for k in 0..45 {
        let mut blocks = vec![code(3)];
        blocks.extend((0..k).map(|_| para()));
        blocks.extend((1..12).map(code));
        let doc = Document {
            blocks,
            ..Document::default()
        };
        let (l, _) = run(&doc);
        assert_within_margins(&l);
    }
}

fn assert_within_margins(l: &Layout) {
    let s = Style::default();
    let (x0, x1) = (
        s.page.margins.left - 0.01,
        l.width - s.page.margins.right + 0.01,
    );
    let (y0, y1) = (
        s.page.margins.top - 0.01,
        l.height - s.page.margins.bottom + 0.01,
    );
    for line in &l.lines {
        assert!(line.left >= x0 && line.right <= x1, "{line:?}");
    }
    let within = |x: f32, w: f32, what: &str| {
        assert!(x >= x0 && x + w <= x1, "{what} from {x} to {}", x + w);
    };
    let within_y = |y: f32, h: f32, what: &str| {
        assert!(y >= y0 && y + h <= y1, "{what} from y {y} to {}", y + h);
    };
    for (p, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Item::Text(r) => {
                    if r.y > y1 {
                        continue; // the page number, in the bottom margin by design
                    }
                    assert!(r.y >= y0, "page {p}: text above the top margin");
                    for g in &r.glyphs {
                        within(g.x, 0.0, &format!("page {p}: glyph {:?}", g.text));
                    }
                }
                Item::Rule(r) => {
                    within(r.x, r.width, "rule");
                    within_y(r.y, r.height, &format!("page {p}: rule"));
                }
                Item::Shade(sh) => {
                    within(sh.rect.x, sh.rect.width, "shade");
                    within_y(sh.rect.y, sh.rect.height, &format!("page {p}: shade"));
                }
                Item::Image(b) => {
                    within(b.x, b.width, "image");
                    assert!(b.y >= y0 && b.y + b.height <= y1, "image below the margin");
                }
                Item::Stroke(st) => st
                    .points
                    .iter()
                    .for_each(|&(x, _)| within(x, 0.0, "stroke")),
                Item::Link(k) => within(k.x, k.width, "link"),
            }
        }
    }
}

#[test]
fn a_note_too_long_for_its_page_continues_on_the_next() {
    let long = "脚注的文字很长，一直写下去。".repeat(160);
    let body = "正文段落，引用一个很长的脚注。".repeat(20);
    let md = format!("{body}[^a]\n\n{body}\n\n[^a]: {long}\n");
    let mut diag = Diagnostics::default();
    let doc = crate::read::read(
        crate::Format::Markdown,
        md.as_bytes(),
        &crate::read::ReadOptions::default(),
        &mut diag,
    )
    .unwrap();
    let l = layout(&doc, &Style::default(), LayoutOptions::default(), &mut diag);
    // Every character of the note is set, on more than one page.
    let set: String = l.lines.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(set.matches('写').count(), 160);
    let note_pages: std::collections::BTreeSet<usize> = l
        .lines
        .iter()
        .filter(|x| x.text.contains('写'))
        .map(|x| x.page)
        .collect();
    assert!(note_pages.len() >= 2, "{note_pages:?}");
    assert_eq!(l.note_marks[0].0, *note_pages.iter().next().unwrap());
    let s = Style::default();
    for x in &l.lines {
        assert!(x.right <= l.width - s.page.margins.right + 0.01);
    }
}

#[test]
fn notes_from_table_cells_and_from_other_notes_are_not_lost() {
    let md = "| 甲 | 乙 |\n| --- | --- |\n| 单元格[^t] | 二 |\n\n正文[^a]。\n\n\
              [^t]: 表格里的脚注。\n\n[^a]: 脚注里又引用[^b]。\n\n[^b]: 被脚注引用的脚注。\n\n\
              \x20   | 注表头 | 列二 |\n    | --- | --- |\n    | 注单元 | 丙 |\n";
    let mut diag = Diagnostics::default();
    let doc = crate::read::read(
        crate::Format::Markdown,
        md.as_bytes(),
        &crate::read::ReadOptions::default(),
        &mut diag,
    )
    .unwrap();
    let l = layout(&doc, &Style::default(), LayoutOptions::default(), &mut diag);
    let set = all_text(&l);
    for needle in [
        "表格里的脚注。",
        "脚注里又引用3。",
        "被脚注引用的脚注。",
        "单元格1",
        "正文2。",
        "注表头　列二",
        "注单元　丙",
    ] {
        assert!(set.contains(needle), "{needle} missing from {set}");
    }
    let feet: Vec<usize> = l.note_feet.iter().map(|&(_, n)| n).collect();
    assert_eq!(feet, vec![1, 2, 3]);
}

#[test]
fn inline_code_gets_the_cjk_latin_gap_on_both_sides() {
    let doc = Document {
        blocks: vec![Block::Paragraph(Paragraph::body(vec![
            Inline::text("使用"),
            Inline::Code {
                text: "code".into(),
            },
            Inline::text("格式"),
        ]))],
        ..Document::default()
    };
    let (l, _) = run(&doc);
    assert_eq!(l.lines[0].text, "使用code格式");
    let glyphs: Vec<&Glyph> = l.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text(run) => Some(run.glyphs.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    let x = |t: &str| glyphs.iter().find(|g| g.text == t).unwrap().x;
    let em = Style::default().body.size;
    let mono = 4.0 * (x("e") - x("c")) / 3.0; // "code" is four equal mono advances
    assert!(
        (x("c") - x("用") - 1.25 * em).abs() < 0.01,
        "before: {}",
        x("c") - x("用")
    );
    let after = x("格") - x("c") - mono;
    assert!((after - 0.25 * em).abs() < 0.01, "after: {after}");
}

#[test]
fn unreferenced_duplicate_and_undefined_notes_keep_their_text_and_warn() {
    let par = |v: Vec<Inline>| Block::Paragraph(Paragraph::body(v));
    let r = |l: &str| Inline::FootnoteRef { label: l.into() };
    let def = |l: &str, v: Vec<Inline>| {
        Block::FootnoteDef(crate::doc::FootnoteDef {
            label: l.into(),
            blocks: vec![par(v)],
        })
    };
    let doc = Document {
        blocks: vec![
            par(vec![
                Inline::text("正文"),
                r("a"),
                Inline::text("，未定义"),
                r("zz"),
                Inline::text("。"),
            ]),
            def("a", vec![Inline::text("甲注。")]),
            def("b", vec![Inline::text("无人引用，却引用"), r("a")]),
            def("a", vec![Inline::text("重复的定义。")]),
        ],
        ..Document::default()
    };
    let (l, diag) = run(&doc);
    let set = all_text(&l);
    for needle in [
        "正文1，未定义zz。",
        "甲注。",
        "无人引用，却引用1",
        "重复的定义。",
    ] {
        assert!(set.contains(needle), "{needle} missing from {set}");
    }
    // The unreferenced definitions hang their labels (markers are not in `lines`).
    let glyphs: String = l
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            Item::Text(run) => Some(run.glyphs.iter().map(|g| g.text.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(glyphs.contains("[b]") && glyphs.contains("[a]"), "{glyphs}");
    assert_eq!(l.note_marks.iter().map(|m| m.1).max(), Some(1));
    let feet: Vec<usize> = l.note_feet.iter().map(|&(_, n)| n).collect();
    assert_eq!(feet, vec![1]);
    assert_eq!(diag.warnings, crate::doc::Notes::new(&doc).warnings());
    assert_eq!(diag.warnings.len(), 3, "{:?}", diag.warnings);
}

/// A fixture read as the CLI reads it.
fn read_fixture(rel: &str) -> Document {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap();
    crate::read::read(
        crate::Format::Text,
        &bytes,
        &crate::read::ReadOptions::default(),
        &mut Diagnostics::default(),
    )
    .unwrap()
}

/// Per page, the baselines of text above the page number, in order.
fn baselines(l: &Layout, style: &Style) -> Vec<Vec<f32>> {
    let foot = l.height - style.page.margins.bottom;
    l.pages
        .iter()
        .map(|p| {
            let mut ys: Vec<f32> = p
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) if r.y <= foot + 0.01 => Some(r.y),
                    _ => None,
                })
                .collect();
            ys.sort_by(f32::total_cmp);
            ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
            ys
        })
        .collect()
}

/// The page number runs: (page, text, first glyph x, last advance end).
fn page_numbers(l: &Layout, style: &Style) -> Vec<(usize, String, f32, f32)> {
    let foot = l.height - style.page.margins.bottom;
    let mut out = Vec::new();
    for (p, page) in l.pages.iter().enumerate() {
        let runs: Vec<&TextRun> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) if r.y > foot + 0.01 => Some(r),
                _ => None,
            })
            .collect();
        let text: String = runs.iter().map(|r| r.text()).collect();
        let x0 = runs
            .first()
            .and_then(|r| r.glyphs.first())
            .map_or(0.0, |g| g.x);
        let x1 = runs.last().map_or(0.0, |r| {
            let g = r.glyphs.last().unwrap();
            let f = l.fonts.get(r.face).unwrap();
            let adv = f
                .face
                .glyph_hor_advance(ttf_parser::GlyphId(g.id))
                .unwrap_or(0);
            g.x + f32::from(adv) * r.size / f.upem
        });
        out.push((p, text, x0, x1));
    }
    out
}

#[test]
fn gongwen_seed_fills_the_grid_of_the_standard() {
    let style = crate::style::preset("gongwen").unwrap();
    let doc = read_fixture("fixtures/seed.txt");
    let mut diag = Diagnostics::default();
    let l = layout(&doc, &style, LayoutOptions::default(), &mut diag);
    let mm = crate::style::mm;
    // A4, margins top 37 mm, left 28 mm, a 156 × 225 mm text block.
    assert!((l.width - mm(210.0)).abs() < 0.01 && (l.height - mm(297.0)).abs() < 0.01);
    let m = style.page.margins;
    for (got, want) in [
        (m.top, 37.0),
        (m.left, 28.0),
        (m.right, 26.0),
        (m.bottom, 35.0),
    ] {
        assert!((got - mm(want)).abs() < mm(0.5), "{got} vs {want} mm");
    }
    // Every page but the last holds 22 lines at a fixed pitch of 225 mm / 22.
    let pitch = style.line_pitch();
    assert!((pitch - mm(225.0) / 22.0).abs() < 0.05, "{pitch}");
    let pages = baselines(&l, &style);
    assert!(pages.len() >= 5, "{} pages", pages.len());
    for (p, ys) in pages.iter().enumerate() {
        for w in ys.windows(2) {
            assert!((w[1] - w[0] - pitch).abs() < 0.01, "page {}: {w:?}", p + 1);
        }
        if p + 1 < pages.len() {
            assert_eq!(ys.len(), 22, "page {} holds {} lines", p + 1, ys.len());
        }
        // The first line sits in the same place on every page, inside the text block.
        assert!((ys[0] - pages[0][0]).abs() < 0.01);
        assert!(ys[0] > m.top && *ys.last().unwrap() <= l.height - m.bottom + 0.01);
    }
    // Every full line of ideographs holds 28 of them (26 after a paragraph's indent), a
    // closing mark after them hanging in the margin; lines fill the measure exactly: the
    // character pitch is 156 mm / 28.
    let cell = style.char_pitch().unwrap();
    assert!((cell - mm(156.0) / 28.0).abs() < 1e-3);
    let mut full = 0;
    for (k, line) in l.lines.iter().enumerate() {
        if line.end != LineEnd::Full || !line.justified {
            continue;
        }
        if !line.text.chars().all(crate::script::is_wide) {
            continue;
        }
        // An opening mark may not end a line: the line before it is one short.
        let next = l.lines.get(k + 1).and_then(|x| x.text.chars().next());
        if next.is_some_and(|c| NO_END.contains(c)) {
            continue;
        }
        let n = line.text.chars().count();
        let indent = ((line.left - m.left) / cell).round() as usize;
        let last = line.text.chars().last().unwrap();
        let hangs = usize::from(n + indent == 29 && "，。、；：！？”’）》」』".contains(last));
        assert_eq!(n + indent - hangs, 28, "{:?} (indent {indent})", line.text);
        assert!((line.right - line.measure_right).abs() < 0.01);
        full += 1;
    }
    assert!(full > 50, "{full} full lines");
    // Page numbers: `— N —` in 14 pt, odd pages right and even pages left, one character
    // in from the text block's edge, 7 mm below it.
    for (p, text, x0, x1) in page_numbers(&l, &style) {
        assert_eq!(text, format!("— {} —", p + 1));
        let em = style.body.size;
        if p % 2 == 0 {
            assert!(
                (x1 - (l.width - m.right - em)).abs() < 0.5,
                "page {}: {x1}",
                p + 1
            );
        } else {
            assert!((x0 - (m.left + em)).abs() < 0.5, "page {}: {x0}", p + 1);
        }
    }
    let number = l.pages[0].items.iter().find_map(|i| match i {
        Item::Text(r) if r.y > l.height - m.bottom => Some(r),
        _ => None,
    });
    let number = number.unwrap();
    assert_eq!(number.size, 14.0);
    let top_of_digits = number.y - 0.7 * number.size;
    assert!((top_of_digits - (l.height - m.bottom) - mm(7.0)).abs() < mm(0.5));
}

#[test]
fn gongwen_notice_puts_each_part_where_the_standard_does() {
    let style = crate::style::preset("gongwen").unwrap();
    let doc = read_fixture("fixtures/text/notice.txt");
    let mut diag = Diagnostics::default();
    let l = layout(&doc, &style, LayoutOptions::default(), &mut diag);
    let m = style.page.margins;
    let cell = style.char_pitch().unwrap();
    let right = l.width - m.right;
    let find = |start: &str| {
        l.lines
            .iter()
            .find(|x| x.text.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?}"))
    };
    let centre = |x: &LineInfo| (x.left + x.right) / 2.0;
    // The title over two centred lines in 22 pt.
    let t1 = find("关于开展");
    let t2 = find("大检查工作的通知");
    for t in [t1, t2] {
        assert!(
            (centre(t) - (m.left + right) / 2.0).abs() < 1.0,
            "{:?}",
            t.text
        );
    }
    let title_run = l.pages[0].items.iter().find_map(|i| match i {
        Item::Text(r) if r.text().starts_with("关于") => Some(r),
        _ => None,
    });
    assert_eq!(title_run.unwrap().size, 22.0);
    // The addressee flush left; body paragraphs two characters in.
    assert!((find("各区县人民政府").left - m.left).abs() < 0.5);
    assert!((find("为深入贯彻").left - (m.left + 2.0 * cell)).abs() < 0.5);
    // Levels 1–4 two characters in, in the Hei, Kai and body faces (bundled stand-ins:
    // Noto Sans SC, then Noto Serif SC).
    for lead in [
        "一、检查时间",
        "（一）落实",
        "1.危险化学品",
        "（1）人员密集",
    ] {
        assert!(
            (find(lead).left - (m.left + 2.0 * cell)).abs() < 0.5,
            "{lead}"
        );
    }
    let face_of = |text: &str| {
        l.pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|i| match i {
                Item::Text(r) if r.text().starts_with(text) => l.fonts.info(r.face),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no run {text:?}"))
            .family()
            .to_string()
    };
    assert_eq!(face_of("一、"), "Noto Sans SC");
    assert_eq!(face_of("（一）"), "Noto Serif SC");
    assert_eq!(face_of("（1）"), "Noto Serif SC");
    // The attachment note two characters in, its second item under the first item's text.
    let a1 = find("附件：1.");
    let a2 = find("2.冬季安全生产大检查情况汇总表");
    assert!((a1.left - (m.left + 2.0 * cell)).abs() < 0.5);
    assert!((a2.left - (m.left + 5.0 * cell)).abs() < 0.5, "{}", a2.left);
    // The signature two characters from the right edge (or further when the date is
    // longer), the date starting two characters right of the signature's start.
    let sig = find("市人民政府办公室");
    let date = find("2024年11月15日");
    assert!(sig.right <= right - 2.0 * cell + 0.5 && date.right <= right - 2.0 * cell + 0.5);
    assert!(
        (sig.right - (right - 2.0 * cell)).abs() < 0.5
            || (date.right - (right - 2.0 * cell)).abs() < 0.5
    );
    assert!((date.left - sig.left - 2.0 * cell).abs() < 0.5);
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
}

/// Pages reach the sink while most of the document is still unset: pagination takes the
/// set blocks one at a time (and a heading's few to keep with), never the whole document,
/// so that a long document is not held laid out whole (issue 13: 20 MB of Markdown took
/// 2.5 GB as PDF). And a stream of pages is the layout's, page for page.
#[test]
fn pages_are_handed_on_as_they_are_finished() {
    use std::cell::Cell;
    let para = "这是一段中文文字，包含 English words 和强调以及代码。".repeat(6);
    let mut blocks = Vec::new();
    for i in 0..300 {
        blocks.push(Block::Heading(Heading {
            level: 2,
            label: None,
            content: vec![Inline::text(format!("第{i}节"))],
            run_in: false,
        }));
        blocks.push(Block::Paragraph(Paragraph::body(vec![Inline::text(&para)])));
    }
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let (style, fonts) = (Style::default(), Book::bundled());
    let collected = collect::collect(&doc, &style, fonts, &NO_IMAGES);
    let total = collected.flows.len();
    let pulled = Cell::new(0usize);
    let mut diag = Diagnostics::default();
    let blocks = collected.flows.into_iter().map(|f| {
        pulled.set(pulled.get() + 1);
        set_block(f, &NO_IMAGES, (&style, fonts), &mut diag)
    });
    struct Seen<'a>(&'a Cell<usize>, Vec<(usize, usize)>);
    impl PageSink for Seen<'_> {
        fn page(&mut self, page: Page) {
            self.1.push((self.0.get(), page.items.len()));
        }
    }
    let mut seen = Seen(&pulled, Vec::new());
    let mut numbers = Diagnostics::default();
    pages::paginate(blocks, &[], (&style, fonts), &mut seen, &mut numbers);
    let at_page: Vec<usize> = seen.1.iter().map(|&(n, _)| n).collect();
    assert!(at_page.len() > 20, "{} pages", at_page.len());
    // Each page arrives when the blocks on it and a few after have been set.
    let per_page = total / at_page.len();
    for (p, &n) in at_page.iter().enumerate() {
        assert!(
            n <= (p + 1) * per_page + 3 * per_page + 4,
            "page {p}: {n} of {total} blocks set"
        );
    }
    // The same pages as `layout` keeps.
    let kept = layout(
        &doc,
        &style,
        LayoutOptions::default(),
        &mut Diagnostics::default(),
    );
    let items: Vec<usize> = kept.pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(items, seen.1.iter().map(|&(_, i)| i).collect::<Vec<_>>());
}

/// A long run of headings fills its pages, decided in time linear in its length: whether
/// a heading keeps with what follows is counted only until the page is full.
#[test]
fn a_long_run_of_headings_fills_its_pages() {
    let blocks: Vec<Block> = (0..3000)
        .map(|i| {
            Block::Heading(Heading {
                level: 3,
                label: None,
                content: vec![Inline::text(format!("标题{i}"))],
                run_in: false,
            })
        })
        .collect();
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let (l, _) = run(&doc);
    assert_eq!(l.outline.len(), 3000);
    // Each page full of headings (a run taller than a page cannot be kept together; it
    // once put every heading on a page of its own).
    let per_page = l.outline.iter().filter(|e| e.page == 1).count();
    assert!(per_page > 10, "{per_page} headings on page 2");
    assert_eq!(
        l.pages.len(),
        3000usize.div_ceil(per_page),
        "{per_page} a page"
    );
}

use crate::images::tests::png;

/// An image at `url` with alt text `alt`, of `size`.
fn image_at(url: &str, alt: &str, size: crate::doc::ImageSize) -> crate::doc::Image {
    crate::doc::Image {
        url: url.into(),
        title: String::new(),
        alt: if alt.is_empty() {
            Vec::new()
        } else {
            vec![Inline::text(alt)]
        },
        size,
    }
}

/// `doc` laid out with its images read from `files` (name, bytes) in a temporary folder.
fn run_with_files(doc: &Document, files: &[(&str, Vec<u8>)]) -> (Layout, Diagnostics) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (images, mut diag) =
        crate::images::tests::load_in(doc, Some(dir.path()), crate::images::DEFAULT_MAX_PIXELS);
    let options = LayoutOptions {
        images: &images,
        ..Default::default()
    };
    let l = layout(doc, &Style::default(), options, &mut diag);
    (l, diag)
}

/// The images placed on the pages.
fn placed_images(l: &Layout) -> Vec<ImageBox> {
    l.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Image(b) => Some(*b),
            _ => None,
        })
        .collect()
}

/// A paragraph of `content`.
fn par_doc(content: Vec<Inline>) -> Document {
    Document {
        blocks: vec![Block::Paragraph(Paragraph::body(content))],
        ..Document::default()
    }
}

#[test]
fn an_inline_image_is_set_in_its_line_at_text_height() {
    let doc = par_doc(vec![
        Inline::text("文字 "),
        Inline::Image(image_at("a.png", "i", Default::default())),
        Inline::text(" 文字"),
    ]);
    let (l, diag) = run_with_files(&doc, &[("a.png", png(40, 20))]);
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let style = Style::default();
    let em = style.body.size;
    let shown = placed_images(&l);
    assert_eq!(shown.len(), 1, "{shown:?}");
    let b = shown[0];
    assert!((b.height - em).abs() < 0.01, "{b:?}");
    assert!((b.width - 2.0 * em).abs() < 0.01, "{b:?}");
    // One line: the text on both sides of the image, which stands for it in the text.
    assert_eq!(l.lines.len(), 1, "{:?}", l.lines);
    assert_eq!(l.lines[0].text, "文字 \u{FFFC} 文字");
    // Inside the text block, between the text before and after it.
    let runs: Vec<&TextRun> = l.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) if r.y < l.height - style.page.margins.bottom => Some(r),
            _ => None,
        })
        .collect();
    let han: Vec<f32> = runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .filter(|g| g.text == "文" || g.text == "字")
        .map(|g| g.x)
        .collect();
    assert_eq!(han.len(), 4, "文字 twice");
    assert!(
        han[1] + 0.9 * em <= b.x,
        "after the first 文字: {han:?} {b:?}"
    );
    assert!(
        b.x + b.width <= han[2],
        "before the second 文字: {han:?} {b:?}"
    );
    assert!(b.x >= style.page.margins.left && b.x + b.width <= l.width - style.page.margins.right);
    // On the baseline of the text: its bottom that of the ideographic em box.
    let base = runs[0].y;
    assert!(runs.iter().all(|r| (r.y - base).abs() < 0.01));
    assert!(
        (b.y + b.height - (base + 0.12 * em)).abs() < 0.01,
        "{b:?} on {base}"
    );
    assert!((b.y - (base - 0.88 * em)).abs() < 0.01, "{b:?} on {base}");
}

#[test]
fn an_inline_image_is_broken_around_like_an_ideograph_and_never_stretched() {
    // A justified paragraph of many lines with images inside them, one before `。`.
    let mut content = Vec::new();
    for i in 0..30 {
        content.push(Inline::text("中文排版的文字"));
        content.push(Inline::Image(image_at("a.png", "", Default::default())));
        content.push(Inline::text(if i % 3 == 0 { "。" } else { "内容" }));
    }
    let doc = par_doc(content);
    let (l, _) = run_with_files(&doc, &[("a.png", png(40, 20))]);
    let em = Style::default().body.size;
    let shown = placed_images(&l);
    assert_eq!(shown.len(), 30);
    // Stretching goes between the boxes, never into them.
    for b in &shown {
        assert!((b.width - 2.0 * em).abs() < 0.01, "{b:?}");
    }
    let full: Vec<&LineInfo> = l.lines.iter().filter(|x| x.end == LineEnd::Full).collect();
    assert!(full.len() >= 3);
    for x in &full {
        assert!((x.right - x.measure_right).abs() < 0.1, "{x:?}");
    }
    assert!(!l.lines.iter().any(|x| x.text.starts_with('。')));
    // A line may end before and after an image, but not before the `。` after it, nor
    // after the `（` before it, nor before a space.
    let style = Style::default();
    let mut par = flow::Par::new(&style, flow::ParAlign::Justify, em);
    let image = flow::InlineImage {
        image: 0,
        width: 2.0 * em,
        height: em,
    };
    for piece in ["字", "", "。字", "", "字（", "", " a"] {
        let kind = if piece.is_empty() {
            flow::SpanKind::Image(image)
        } else {
            flow::SpanKind::Text(piece.into())
        };
        par.spans.push(flow::Span::new(kind, flow::Role::Body, em));
    }
    let (_, units) = line::shape_units(&par, &style, Book::bundled(), &mut Diagnostics::default());
    let text: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    assert_eq!(
        text,
        ["字", "\u{FFFC}", "。", "字", "\u{FFFC}", "字", "（", "\u{FFFC}", " ", "a"]
    );
    let allow = linebreak::opportunities(&units);
    assert_eq!(
        allow[..9],
        [true, false, true, true, true, true, false, false, true],
        "{text:?}"
    );
}

#[test]
fn an_inline_image_in_a_link_is_inside_its_link_area() {
    let doc = par_doc(vec![
        Inline::text("文字"),
        Inline::Link {
            url: "https://example.com".into(),
            title: String::new(),
            content: vec![Inline::Image(image_at("a.png", "", Default::default()))],
        },
        Inline::text("文字"),
    ]);
    let (l, _) = run_with_files(&doc, &[("a.png", png(40, 20))]);
    let b = placed_images(&l)[0];
    let links: Vec<&LinkBox> = l.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Link(k) => Some(k),
            _ => None,
        })
        .collect();
    assert_eq!(links.len(), 1);
    let k = links[0];
    assert!(
        (k.x - b.x).abs() < 0.01 && (k.width - b.width).abs() < 0.01,
        "{k:?} {b:?}"
    );
    assert!(
        k.y <= b.y + 0.01 && k.y + k.height >= b.y + b.height - 0.01,
        "{k:?} {b:?}"
    );
}

#[test]
fn a_figure_takes_the_size_the_document_gives_it() {
    let size = crate::doc::ImageSize {
        width: Some(crate::doc::Length::Px(100.0)),
        height: None,
    };
    let doc = Document {
        blocks: vec![Block::Figure(crate::doc::Figure {
            image: image_at("big.png", "", size),
            caption: Vec::new(),
        })],
        ..Document::default()
    };
    let (l, diag) = run_with_files(&doc, &[("big.png", png(400, 200))]);
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let shown = placed_images(&l);
    assert_eq!(shown.len(), 1);
    let b = shown[0];
    assert!(
        (b.width - 75.0).abs() < 0.01 && (b.height - 37.5).abs() < 0.01,
        "{b:?}"
    );
}

#[test]
fn an_inline_image_that_did_not_load_shows_its_alt_text() {
    let doc = par_doc(vec![
        Inline::text("文字"),
        Inline::Image(image_at("gone.png", "替代", Default::default())),
        Inline::text("文字"),
        Inline::Image(image_at("gone2.png", "", Default::default())),
    ]);
    let (l, diag) = run_with_files(&doc, &[]);
    assert!(placed_images(&l).is_empty());
    assert_eq!(all_text(&l), "文字替代文字gone2.png");
    assert_eq!(diag.warnings.len(), 2, "{:?}", diag.warnings);
}

#[test]
fn a_figure_caption_never_goes_to_the_next_page_alone() {
    // Text down the page, then a figure whose image is a little taller each time: at
    // some height the figure no longer fits and moves on, image and caption together.
    let mut blocks: Vec<Block> = (0..10)
        .map(|_| Block::Paragraph(Paragraph::body(vec![Inline::text("正文一行。")])))
        .collect();
    blocks.push(Block::Figure(crate::doc::Figure {
        image: image_at("a.png", "", Default::default()),
        caption: vec![Inline::text("图注")],
    }));
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let mut moved = 0;
    for h in (150..900).step_by(3) {
        let (l, _) = run_with_files(&doc, &[("a.png", png(40, h))]);
        let image_page = l
            .pages
            .iter()
            .position(|p| p.items.iter().any(|i| matches!(i, Item::Image(_))))
            .unwrap();
        let caption = l.lines.iter().find(|x| x.text == "图注").unwrap();
        assert_eq!(caption.page, image_page, "image {h} px tall");
        moved += usize::from(image_page == 1);
    }
    assert!(moved > 0, "the sweep never reached the page's end");
}
