//! The PDF writer, checked on the PDF it writes: lopdf for structure, poppler and qpdf
//! when they are installed (see `tools`: each such check prints why it is skipped
//! otherwise, and fails under `CJKDOC_REQUIRE_TOOLS=1`).

use crate::tools::tool;
use cjkdoc::doc::{Block, Document, Heading, Inline, Meta, Paragraph};
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use lopdf::{Object, ObjectId};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed as the structure-inferring text reader gives it: run-in headings and strong
/// lead-ins.
fn seed_doc() -> Document {
    let text = include_str!("../../fixtures/seed.txt");
    let mut blocks = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let label = ["一、", "二、", "三、", "四、", "五、"]
            .into_iter()
            .find(|l| line.starts_with(l));
        let lead_end = line.find('。').map(|i| i + '。'.len_utf8());
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
            lang: Some("zh-CN".into()),
            ..Meta::default()
        },
        blocks,
        ..Default::default()
    }
}

fn write(doc: &Document) -> Vec<u8> {
    let mut diag = Diagnostics::default();
    let pdf = cjkdoc::write::write(Format::Pdf, doc, &WriteOptions::default(), &mut diag).unwrap();
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    pdf
}

/// Write `bytes` to a file in the target directory and return its path.
/// Write `bytes` to `name` in the tests' scratch directory.
pub(crate) fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `o`, or the object it refers to.
pub(crate) fn deref(doc: &lopdf::Document, o: &Object) -> Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
        o => o.clone(),
    }
}

/// Source text with no whitespace, for comparison with extracted text.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn fonts_are_embedded_subset_with_tounicode() {
    let pdf = write(&seed_doc());
    assert!(pdf.len() < 250_000, "{} bytes", pdf.len());
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let mut fonts = 0;
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        fonts += 1;
        let base = d.get(b"BaseFont").unwrap().as_name().unwrap();
        assert_eq!(base[6], b'+', "{}", String::from_utf8_lossy(base));
        assert!(d.get(b"ToUnicode").is_ok());
        let desc = deref(&doc, d.get(b"DescendantFonts").unwrap());
        let cid = deref(&doc, &desc.as_array().unwrap()[0]);
        let fd = deref(&doc, cid.as_dict().unwrap().get(b"FontDescriptor").unwrap());
        let file = deref(&doc, fd.as_dict().unwrap().get(b"FontFile2").unwrap());
        let mut stream = file.as_stream().unwrap().clone();
        stream.decompress().ok();
        assert!(
            stream.content.len() < 1_000_000,
            "font of {} bytes",
            stream.content.len()
        );
        assert!(stream.content.len() > 1_000);
    }
    // Serif regular for the body, sans bold for the run-in leads, serif bold for the
    // strong lead-ins.
    assert_eq!(fonts, 3);
}

#[test]
fn outline_is_nested_and_lang_is_set() {
    let mut doc = seed_doc();
    doc.blocks.insert(
        2,
        Block::Heading(Heading {
            level: 2,
            label: Some("（一）".into()),
            content: vec![Inline::text("小节")],
            run_in: false,
        }),
    );
    doc.blocks.insert(
        3,
        Block::Paragraph(Paragraph::body(vec![Inline::text("正文。")])),
    );
    let pdf = write(&doc);
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = lo.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"zh-CN");
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let outlines = deref(&lo, catalog.get(b"Outlines").unwrap());
    // Walk the tree: (title, depth).
    fn walk(
        lo: &lopdf::Document,
        first: Option<ObjectId>,
        depth: usize,
        out: &mut Vec<(String, usize)>,
    ) {
        let mut cur = first;
        while let Some(id) = cur {
            let d = lo.get_object(id).unwrap().as_dict().unwrap();
            let raw = d.get(b"Title").unwrap().as_str().unwrap();
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push((String::from_utf16(&units).unwrap(), depth));
            assert!(d.get(b"Dest").is_ok());
            let kid = d.get(b"First").ok().map(|o| o.as_reference().unwrap());
            walk(lo, kid, depth + 1, out);
            cur = d.get(b"Next").ok().map(|o| o.as_reference().unwrap());
        }
    }
    let mut entries = Vec::new();
    let first = outlines
        .as_dict()
        .unwrap()
        .get(b"First")
        .unwrap()
        .as_reference()
        .unwrap();
    walk(&lo, Some(first), 0, &mut entries);
    let titles: Vec<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles.len(), 6, "{titles:?}");
    assert!(
        titles[0].starts_with("一、深入学习贯彻党的二十大精神"),
        "{titles:?}"
    );
    assert_eq!(entries[1], ("（一）小节".to_string(), 1));
    assert_eq!(entries[2].1, 0);
}

#[test]
fn output_is_deterministic() {
    let doc = seed_doc();
    let (a, b) = (write(&doc), write(&doc));
    let first_diff = a.iter().zip(&b).position(|(x, y)| x != y);
    assert!(
        a == b,
        "lengths {} {}, first difference at {first_diff:?}: {:?}",
        a.len(),
        b.len(),
        first_diff
            .map(|i| String::from_utf8_lossy(&a[i.saturating_sub(80)..(i + 40).min(a.len())]))
    );
}

#[test]
fn seed_text_extracts_back_and_qpdf_accepts_it() {
    let doc = seed_doc();
    let pdf = write(&doc);
    let path = save("seed.pdf", &pdf);
    if let Some(qpdf) = tool("qpdf") {
        let out = Command::new(qpdf)
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let out = Command::new(pdftotext)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Drop the page numbers ("— 1 —").
    let body: String = text
        .lines()
        .filter(|l| {
            !(l.starts_with('—')
                && l.trim_matches(['—', ' '])
                    .chars()
                    .all(|c| c.is_ascii_digit()))
        })
        .collect();
    // The CJK–Latin gap is not read as a space.
    assert!(body.contains("新时代10年的"), "{body}");
    let source: String = doc.blocks.iter().map(cjkdoc::doc::block_text).collect();
    // Lines are joined without separators: the seed has no spaces, so this is exact.
    assert!(!source.contains(char::is_whitespace));
    assert_eq!(body.replace('\u{c}', ""), source);
    assert_eq!(squeeze(&body), squeeze(&source));
}

/// The lines `pdftotext -bbox-layout` finds in `path`, each checked for a prohibited
/// first or last mark; returns how many there are.
fn check_line_edges(pdftotext: &Path, path: &Path) -> usize {
    let out = Command::new(pdftotext)
        .arg("-bbox-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut lines = 0;
    for line in xml.split("<line").skip(1) {
        let line = &line[..line.find("</line>").unwrap()];
        let text = crate::tools::bbox_line_text(line);
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
            continue;
        };
        lines += 1;
        assert!(
            !"、，；：。！？）》」』”’".contains(first),
            "starts with {first}: {text}"
        );
        assert!(!"（《「『“‘".contains(last), "ends with {last}: {text}");
    }
    lines
}

#[test]
fn no_extracted_line_starts_or_ends_with_a_prohibited_mark() {
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let path = save("seed-bbox.pdf", &write(&seed_doc()));
    let lines = check_line_edges(&pdftotext, &path);
    assert!(lines > 100, "{lines} lines");
}

/// The every-construct fixture as the CLI converts it (images relative to the input).
fn every_construct() -> (Document, Vec<u8>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown");
    let src = std::fs::read(dir.join("every-construct.md")).unwrap();
    let mut diag = Diagnostics::default();
    let doc = cjkdoc::read::read(
        Format::Markdown,
        &src,
        &cjkdoc::read::ReadOptions::default(),
        &mut diag,
    )
    .unwrap();
    let opts = WriteOptions {
        base_dir: Some(dir),
        ..WriteOptions::default()
    };
    let pdf = cjkdoc::write::write(Format::Pdf, &doc, &opts, &mut diag).unwrap();
    // The one missing image is a warning, nothing else.
    assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    (doc, pdf)
}

#[test]
fn every_construct_fonts_are_embedded_and_subset_and_images_are_xobjects() {
    let (_, pdf) = every_construct();
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let mut fonts = 0;
    let mut images = 0;
    for obj in lo.objects.values() {
        if let Ok(s) = obj.as_stream() {
            if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
                && s.dict.get(b"SMask").is_ok()
            {
                images += 1; // the PNG with its alpha
            }
            if s.dict.get(b"Filter").and_then(Object::as_name).ok() == Some(b"DCTDecode".as_slice())
            {
                images += 1; // the JPEG, as it is
            }
            continue;
        }
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        fonts += 1;
        let base = d.get(b"BaseFont").unwrap().as_name().unwrap();
        assert_eq!(base[6], b'+', "{}", String::from_utf8_lossy(base));
        let desc = deref(&lo, d.get(b"DescendantFonts").unwrap());
        let cid = deref(&lo, &desc.as_array().unwrap()[0]);
        let fd = deref(&lo, cid.as_dict().unwrap().get(b"FontDescriptor").unwrap());
        assert!(fd.as_dict().unwrap().get(b"FontFile2").is_ok());
    }
    assert!(fonts >= 4, "{fonts} fonts");
    assert_eq!(images, 2);
    if let Some(pdffonts) = tool("pdffonts") {
        let path = save("every-construct-fonts.pdf", &pdf);
        let out = Command::new(pdffonts).arg(&path).output().unwrap();
        let table = String::from_utf8(out.stdout).unwrap();
        for row in table.lines().skip(2) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        }
    }
}

#[test]
fn every_construct_text_extracts_cells_notes_and_code() {
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let (doc, pdf) = every_construct();
    let path = save("every-construct.pdf", &pdf);
    let out = Command::new(&pdftotext)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = squeeze(&String::from_utf8(out.stdout).unwrap());
    let mut checked = 0;
    let mut need = |s: &str| {
        let s = squeeze(s);
        if !s.is_empty() {
            assert!(text.contains(&s), "{s} missing");
            checked += 1;
        }
    };
    fn plain(xs: &[Inline]) -> String {
        xs.iter()
            .map(|x| match x {
                Inline::Text { text } | Inline::Code { text } => text.clone(),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content }
                | Inline::Link { content, .. } => plain(content),
                _ => String::new(),
            })
            .collect()
    }
    for b in &doc.blocks {
        match b {
            Block::Table(t) => std::iter::once(&t.header)
                .chain(&t.rows)
                .flatten()
                .for_each(|c| need(&plain(c))),
            Block::FootnoteDef(d) => d.blocks.iter().for_each(|b| {
                if let Block::Paragraph(p) = b {
                    need(&plain(&p.content));
                }
            }),
            Block::CodeBlock(c) => c.text.lines().for_each(&mut need),
            Block::Raw(r) => r.text.lines().for_each(&mut need),
            _ => {}
        }
    }
    assert!(checked > 300, "{checked} pieces checked");
    check_line_edges(&pdftotext, &path);
    if let Some(qpdf) = tool("qpdf") {
        let out = Command::new(qpdf)
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn links_become_annotations_and_meta_becomes_info() {
    let doc = Document {
        meta: Meta {
            title: Some("关于开展检查的通知".into()),
            authors: vec!["办公室".into()],
            ..Meta::default()
        },
        blocks: vec![Block::Paragraph(Paragraph::body(vec![
            Inline::text("请访问"),
            Inline::Link {
                url: "https://example.com/检查".into(),
                title: String::new(),
                content: vec![Inline::text("检查平台")],
            },
            Inline::text("填报。"),
        ]))],
        ..Default::default()
    };
    let pdf = write(&doc);
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let page = lo.get_pages()[&1];
    let annots = lo
        .get_object(page)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Annots")
        .unwrap();
    let annot = deref(&lo, &annots.as_array().unwrap()[0]);
    let action = annot
        .as_dict()
        .unwrap()
        .get(b"A")
        .unwrap()
        .as_dict()
        .unwrap();
    assert_eq!(
        action.get(b"URI").unwrap().as_str().unwrap(),
        b"https://example.com/%E6%A3%80%E6%9F%A5"
    );
    let info = deref(&lo, lo.trailer.get(b"Info").unwrap());
    let title = info
        .as_dict()
        .unwrap()
        .get(b"Title")
        .unwrap()
        .as_str()
        .unwrap();
    let units: Vec<u16> = title[2..]
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(String::from_utf16(&units).unwrap(), "关于开展检查的通知");
    // No language given: Chinese text is tagged zh-CN.
    assert_eq!(
        lo.catalog()
            .unwrap()
            .get(b"Lang")
            .unwrap()
            .as_str()
            .unwrap(),
        b"zh-CN"
    );
    assert!(
        info.as_dict().unwrap().get(b"CreationDate").is_err()
            || std::env::var("SOURCE_DATE_EPOCH").is_ok()
    );
}

#[test]
fn contents_entries_link_to_their_headings() {
    let mut diag = Diagnostics::default();
    let opts = WriteOptions {
        toc: true,
        ..WriteOptions::default()
    };
    let pdf = cjkdoc::write::write(Format::Pdf, &seed_doc(), &opts, &mut diag).unwrap();
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let first = lo.get_pages()[&1];
    let annots = lo
        .get_object(first)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Annots")
        .unwrap();
    let annots = annots.as_array().unwrap();
    assert!(annots.len() >= 5, "{} links", annots.len());
    let a = deref(&lo, &annots[0]);
    let dest = a
        .as_dict()
        .unwrap()
        .get(b"Dest")
        .unwrap()
        .as_array()
        .unwrap();
    // The first heading is on page 2, after the contents.
    assert_eq!(dest[0].as_reference().unwrap(), lo.get_pages()[&2]);
}

/// The engine's pages for the fixtures as text (lines with their x, face, size and text),
/// compared with `tests/golden/layout/NAME.txt`; regenerate with `CJKDOC_BLESS=1`.
#[test]
fn page_dumps_match_the_golden_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/golden/layout");
    let bless = std::env::var_os("CJKDOC_BLESS").is_some();
    let mut stale = Vec::new();
    let plain = cjkdoc::style::Style::default();
    // English in a narrow column (A5, wide margins), hyphenated.
    let mut narrow = cjkdoc::style::Style::default();
    narrow.page.paper = cjkdoc::style::parse_paper("a5").unwrap();
    narrow.page.margins = cjkdoc::style::parse_margins("25mm").unwrap();
    narrow.body.hyphenate = true;
    for (name, rel, format, style) in [
        ("seed", "fixtures/seed.txt", cjkdoc::Format::Text, &plain),
        (
            "notice",
            "fixtures/text/notice.txt",
            cjkdoc::Format::Text,
            &plain,
        ),
        (
            "every-construct",
            "fixtures/markdown/every-construct.md",
            cjkdoc::Format::Markdown,
            &plain,
        ),
        (
            "report-english-hyphenated",
            "fixtures/markdown/report-english.md",
            cjkdoc::Format::Markdown,
            &narrow,
        ),
    ] {
        let path = root.join(rel);
        let src = std::fs::read(&path).unwrap();
        let mut diag = cjkdoc::Diagnostics::default();
        let doc = cjkdoc::read::read(
            format,
            &src,
            &cjkdoc::read::ReadOptions::default(),
            &mut diag,
        )
        .unwrap();
        let access = cjkdoc::resource::Access {
            base_dir: path.parent(),
            root: None,
            ..Default::default()
        };
        let images = cjkdoc::images::Images::load(
            &doc,
            access,
            cjkdoc::images::DEFAULT_MAX_PIXELS,
            &mut diag,
        );
        let options = cjkdoc::layout::LayoutOptions {
            toc: false,
            images: &images,
            ..Default::default()
        };
        let layout = cjkdoc::layout::layout(&doc, style, options, &mut diag);
        let got = layout.dump();
        let file = dir.join(format!("{name}.txt"));
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(got.lines().count().min(want.lines().count()), |i| i)
                + 1;
            stale.push(format!("{} at line {line}", file.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "the layout differs from the golden page dumps (regenerate with CJKDOC_BLESS=1 \
         after checking the change):\n{}",
        stale.join("\n")
    );
}
