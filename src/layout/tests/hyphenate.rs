//! Hyphenation of Latin words in justified text (`style.body.hyphenate`).

use super::super::flow::{Flow, Par};
use super::super::linebreak::{break_lines, measure, stretchable};
use super::super::units::Kind;
use super::super::{collect, hyphenate, line};
use super::*;

/// English prose with long words, as a report would have it.
const PROSE: [&str; 3] = [
    "Hyphenation breaks long words at their syllables, so that justified text in narrow \
     columns is not full of conspicuously wide gaps between the words. Typographers have \
     traditionally considered uneven interword spacing one of the most distracting \
     irregularities of justified typesetting, particularly in newspapers, magazines and \
     technical documentation with multiple columns.",
    "The implementation follows the established conventions: the patterns determine the \
     permissible positions, a minimum number of letters remains on either side, and \
     uninterrupted sequences of hyphenated lines are discouraged. Characteristically, \
     the recommendations concerning documentation maintainability and organisational \
     responsibilities are comprehensively summarised afterwards.",
    "Administrators configuring the monitoring infrastructure should consult the \
     accompanying specification, which describes the interoperability requirements, \
     the authentication mechanisms and the synchronisation procedures in considerable detail.",
];

/// A document of `pars` body paragraphs.
fn prose_doc(pars: &[&str]) -> Document {
    Document {
        meta: Meta {
            lang: Some("en".into()),
            ..Meta::default()
        },
        blocks: pars
            .iter()
            .map(|p| Block::Paragraph(Paragraph::body(vec![Inline::text(*p)])))
            .collect(),
        ..Default::default()
    }
}

/// A narrow column (about 14 em of 12 pt text on A4), hyphenated or not.
fn narrow(hyphenate: bool) -> Style {
    let mut style = Style::default();
    style.page.margins.left = 200.0;
    style.page.margins.right = 200.0;
    style.body.hyphenate = hyphenate;
    style
}

fn lay(doc: &Document, style: &Style) -> Layout {
    layout(
        doc,
        style,
        LayoutOptions::default(),
        &mut Diagnostics::default(),
    )
}

/// The body paragraphs of `doc` as `collect` gives them.
fn pars(doc: &Document, style: &Style) -> Vec<Par> {
    collect::collect(doc, style, Book::bundled(), &NO_IMAGES)
        .flows
        .into_iter()
        .filter_map(|f| match f {
            Flow::Par(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// What justification adds at each word space of every full line, in em, and how many of
/// those lines end with a hyphen.
fn stretches(doc: &Document, style: &Style) -> (Vec<f32>, usize) {
    let mut out = Vec::new();
    let mut hyphens = 0;
    for par in pars(doc, style) {
        let (spans, units) =
            line::shape_units(&par, style, Book::bundled(), &mut Diagnostics::default());
        let breaks = break_lines(&par, &spans, &units, style, Book::bundled());
        for (li, b) in breaks.iter().enumerate().take(breaks.len() - 1) {
            let mut r = b.range.clone();
            while units[r.end - 1].kind == Kind::Space {
                r.end -= 1;
            }
            while units[r.start].kind == Kind::Space {
                r.start += 1;
            }
            let us = &units[r];
            let mut natural: f32 = us.iter().map(|u| u.width).sum();
            if b.hyphen {
                let last = &us[us.len() - 1];
                natural += hyphenate::hyphen(Book::bundled(), last.face, last.size)
                    .unwrap()
                    .1;
                hyphens += 1;
            }
            let slots = us.windows(2).filter(|p| stretchable(&p[0], &p[1])).count();
            let slack = measure(&par, style, li == 0) - natural;
            out.push(slack / slots as f32 / par.size);
        }
    }
    (out, hyphens)
}

fn mean(v: &[f32]) -> f32 {
    v.iter().sum::<f32>() / v.len() as f32
}

/// The hyphen glyphs of a layout (marked to be extracted as a soft hyphen).
fn hyphen_glyphs(l: &Layout) -> Vec<Glyph> {
    l.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .flat_map(|r| &r.glyphs)
        .filter(|g| g.actual_text.as_ref().is_some_and(|a| a.0 == "\u{AD}"))
        .cloned()
        .collect()
}

#[test]
fn hyphenation_evens_out_a_narrow_english_column() {
    let doc = prose_doc(&PROSE);
    let (off, none) = stretches(&doc, &narrow(false));
    let (on, hyphens) = stretches(&doc, &narrow(true));
    assert_eq!(none, 0);
    assert!(hyphens >= 3, "{hyphens} hyphenated lines");
    let worst = |v: &[f32]| v.iter().copied().fold(0.0, f32::max);
    eprintln!(
        "word-space stretch (em): without {:.3} mean, {:.3} worst ({} lines); with {:.3} \
         mean, {:.3} worst ({} lines, {hyphens} hyphenated)",
        mean(&off),
        worst(&off),
        off.len(),
        mean(&on),
        worst(&on),
        on.len()
    );
    assert!(
        mean(&on) < 0.8 * mean(&off),
        "{} vs {}",
        mean(&on),
        mean(&off)
    );
    assert!(worst(&on) < worst(&off));

    // In the set pages: the hyphen is a glyph at the line end, not text; the lines still
    // hold every character of the source once, and full lines end at the margin.
    let l = lay(&doc, &narrow(true));
    let glyphs = hyphen_glyphs(&l);
    assert_eq!(glyphs.len(), hyphens);
    assert!(glyphs.iter().all(|g| g.text == "-"));
    let text: String = l.lines.iter().map(|l| l.text.as_str()).collect();
    let bare = |t: &str| t.replace(' ', "");
    assert_eq!(
        bare(&text),
        bare(&PROSE.concat()),
        "(spaces at breaks hang)"
    );
    // The lines that end inside a word: their last piece is no word of the source, the
    // piece with the next line's first is.
    let source = PROSE.concat();
    let words: std::collections::HashSet<&str> = source
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let piece = |t: &str, last: bool| {
        let mut ws = t
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty());
        if last { ws.next_back() } else { ws.next() }
            .unwrap_or("")
            .to_string()
    };
    let broken = l
        .lines
        .windows(2)
        .filter(|w| {
            let (a, b) = (piece(&w[0].text, true), piece(&w[1].text, false));
            w[0].text.ends_with(char::is_alphabetic)
                && !words.contains(a.as_str())
                && words.contains(format!("{a}{b}").as_str())
        })
        .count();
    assert_eq!(broken, hyphens);
    for line in l.lines.iter().filter(|l| l.end == LineEnd::Full) {
        assert!(
            (line.right - line.measure_right).abs() < 0.1,
            "{}",
            line.text
        );
    }
    assert_within_margins(&l);
}

#[test]
fn the_hyphen_is_the_last_glyph_of_its_line_and_does_not_overlap() {
    let l = lay(&prose_doc(&PROSE), &narrow(true));
    let page = &l.pages[0];
    let runs: Vec<&TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let mut seen = 0;
    for run in &runs {
        for (k, g) in run.glyphs.iter().enumerate() {
            if g.actual_text.as_ref().is_some_and(|a| a.0 == "\u{AD}") {
                seen += 1;
                let same_line = runs
                    .iter()
                    .flat_map(|r| r.glyphs.iter().filter(move |_| (r.y - run.y).abs() < 0.01));
                let right = same_line.map(|g| g.x).fold(f32::MIN, f32::max);
                assert_eq!(g.x, right, "the hyphen ends its line");
                assert!(k > 0 && run.glyphs[k - 1].x < g.x, "after its word");
            }
        }
    }
    assert!(seen > 0);
}

#[test]
fn hyphenation_leaves_chinese_text_and_short_paragraphs_as_they_were() {
    let doc = seed_doc();
    let mut on = Style::default();
    on.body.hyphenate = true;
    assert_eq!(lay(&doc, &on).dump(), lay(&doc, &Style::default()).dump());
    // A paragraph that fits its measure has nothing to break.
    let doc = prose_doc(&["A short paragraph."]);
    assert_eq!(
        lay(&doc, &narrow(true)).dump(),
        lay(&doc, &narrow(false)).dump()
    );
}

/// The units of a justified paragraph of `content` after which a hyphenated break may
/// come, as the text before each point.
fn points_in(content: Vec<Inline>) -> Vec<String> {
    let doc = Document {
        blocks: vec![Block::Paragraph(Paragraph::body(content))],
        ..Document::default()
    };
    let style = narrow(true);
    let par = pars(&doc, &style).remove(0);
    let (spans, units) =
        line::shape_units(&par, &style, Book::bundled(), &mut Diagnostics::default());
    let points = hyphenate::points(&par, &spans, &units, Book::bundled());
    let mut out = Vec::new();
    let mut before = String::new();
    for (u, p) in units.iter().zip(&points) {
        before.push_str(&u.text);
        if p.is_some() {
            out.push(before.rsplit(' ').next().unwrap().to_string());
        }
    }
    out
}

#[test]
fn only_plain_words_other_than_the_last_are_hyphenated() {
    // A plain word: at its syllables, keeping 2 letters before and 3 after.
    assert_eq!(
        points_in(vec![Inline::text("hyphenation works")]),
        ["hy", "hyphen"]
    );
    // Never: the last word, capitals only, digits, addresses, code, words fused with
    // other signs.
    let none = [
        "extraordinarily",
        "INTERNATIONALIZATION done",
        "abc123defghijkl done",
        "https://example.org/documentation done",
        "quality@documentation.example done",
        "documentation.example done",
        "well-documentation done",
    ];
    for text in none {
        assert!(points_in(vec![Inline::text(text)]).is_empty(), "{text}");
    }
    assert!(points_in(vec![
        Inline::Code {
            text: "documentation".into()
        },
        Inline::text(" done"),
    ])
    .is_empty());
    // Punctuation around a word is no obstacle; a forced break ends a paragraph's line
    // like its end.
    assert!(!points_in(vec![Inline::text("(documentation), done")]).is_empty());
    assert!(points_in(vec![
        Inline::text("documentation"),
        Inline::HardBreak,
        Inline::text("done"),
    ])
    .is_empty());
}

#[test]
fn headings_and_code_blocks_are_never_hyphenated() {
    let long = "Characteristically comprehensive internationalisation recommendations";
    let doc = Document {
        blocks: vec![
            Block::Heading(Heading {
                level: 1,
                label: None,
                content: vec![Inline::text(long)],
                run_in: false,
            }),
            Block::CodeBlock(crate::doc::CodeBlock {
                info: None,
                text: format!("{long}\n"),
            }),
            Block::Paragraph(Paragraph::body(vec![Inline::text(PROSE[0])])),
        ],
        ..Document::default()
    };
    let l = lay(&doc, &narrow(true));
    // The heading and the code are set in full words; the body paragraph is hyphenated as
    // when it is alone.
    let alone = lay(&prose_doc(&PROSE[..1]), &narrow(true));
    assert!(!hyphen_glyphs(&alone).is_empty());
    assert_eq!(hyphen_glyphs(&l).len(), hyphen_glyphs(&alone).len());
    let heading_lines: Vec<&LineInfo> = l
        .lines
        .iter()
        .take_while(|line| !PROSE[0].starts_with(&line.text))
        .collect();
    assert!(heading_lines.len() >= 4);
    let joined: String = heading_lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, format!("{long}{long}").replace(' ', ""));
    let words: Vec<&str> = long.split(' ').collect();
    for line in &heading_lines {
        assert!(
            words.iter().any(|w| line.text.ends_with(w)),
            "{}",
            line.text
        );
    }
}

#[test]
fn the_document_language_chooses_the_patterns() {
    let de = |lang: Option<&str>| {
        let doc = Document {
            meta: Meta {
                lang: lang.map(String::from),
                ..Meta::default()
            },
            blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text("a")]))],
            ..Default::default()
        };
        pars(&doc, &narrow(true))[0].hyphenate
    };
    assert_eq!(de(Some("de-DE")), Some(hypher::Lang::German));
    assert_eq!(de(Some("en")), Some(hypher::Lang::English));
    assert_eq!(de(Some("zh-CN")), Some(hypher::Lang::English));
    assert_eq!(de(None), Some(hypher::Lang::English));
    assert_eq!(pars(&prose_doc(&["a"]), &narrow(false))[0].hyphenate, None);
}
