//! Faces from font directories (`--font-dir`) in the PDF and the DOCX, through the library
//! API (a style naming the family; the style file does not exist yet): the faces of this
//! machine's Debian font packages, each test skipped with a printed reason when its
//! package is absent (fonts-lxgw-wenkai, fonts-lmodern); and a face whose licence forbids
//! embedding, made here from a bundled face.

use crate::docx::unzip;
use crate::pdf::{deref, save};
use crate::tools::tool;
use cjkdoc::doc::{Block, Document, Heading, Inline, Meta, Paragraph};
use cjkdoc::fonts::Book;
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use lopdf::Object;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

const WENKAI_DIR: &str = "/usr/share/fonts/truetype/lxgw-wenkai";
const LM_DIR: &str = "/usr/share/texmf/fonts/opentype/public/lm";

/// `dir` if it exists, else `None` with the reason printed.
fn machine_dir(test: &str, dir: &str) -> Option<PathBuf> {
    let p = PathBuf::from(dir);
    if p.is_dir() {
        Some(p)
    } else if std::env::var_os(crate::tools::REQUIRE_TOOLS).is_some_and(|v| v == "1") {
        panic!("{test}: {dir} is not installed, and CI requires it");
    } else {
        eprintln!("skipped: {test}: {dir} is not installed");
        None
    }
}

/// A heading and two paragraphs.
fn doc(body: &[&str]) -> Document {
    let mut blocks = vec![Block::Heading(Heading {
        level: 1,
        label: None,
        content: vec![Inline::text("一、总体要求")],
        run_in: false,
    })];
    for p in body {
        blocks.push(Block::Paragraph(Paragraph::body(vec![Inline::text(*p)])));
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

const TEXT: [&str; 2] = [
    "霞鹜文楷是一款开源中文字体，基于 FONTWORKS 出品的 Klee One 衍生。",
    "各单位要高度重视，认真落实“两个确立”，切实做好 2024 年的各项工作。",
];

/// Write options whose body family is `family`, looked up in a book with `dir`.
fn options(dir: &Path, family: &str) -> WriteOptions {
    let mut opts = WriteOptions {
        fonts: Arc::new(Book::with_fonts(&[dir], false)),
        ..WriteOptions::default()
    };
    opts.style.body.font = cjkdoc::style::FontStack::of(&[family]);
    opts
}

/// Each Type0 font of a PDF: its BaseFont, its descendant's Subtype, and the font file
/// key of its descriptor with that stream's Subtype (if any).
fn pdf_fonts(pdf: &[u8]) -> Vec<(String, String, String, Option<String>)> {
    let lo = lopdf::Document::load_mem(pdf).unwrap();
    let name = |o: &Object| String::from_utf8_lossy(o.as_name().unwrap()).into_owned();
    let mut out = Vec::new();
    for obj in lo.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let base = name(d.get(b"BaseFont").unwrap());
        let desc = deref(&lo, d.get(b"DescendantFonts").unwrap());
        let cid = deref(&lo, &desc.as_array().unwrap()[0]);
        let cid = cid.as_dict().unwrap();
        let fd = deref(&lo, cid.get(b"FontDescriptor").unwrap());
        let fd = fd.as_dict().unwrap();
        let (key, sub) = ["FontFile2", "FontFile3"]
            .into_iter()
            .find_map(|k| {
                let s = deref(&lo, fd.get(k.as_bytes()).ok()?);
                let sub = s.as_stream().ok()?.dict.get(b"Subtype").ok().map(name);
                Some((k.to_string(), sub))
            })
            .unwrap_or_default();
        out.push((base, name(cid.get(b"Subtype").unwrap()), key, sub));
    }
    out.sort();
    out
}

/// A BaseFont of a subset: six capitals, `+`, then `name`.
fn is_subset_of(base: &str, name: &str) -> bool {
    let b = base.as_bytes();
    b.len() > 7 && b[..6].iter().all(u8::is_ascii_uppercase) && b[6] == b'+' && &base[7..] == name
}

/// The text pdftotext extracts, without whitespace; `None` (printed) without pdftotext.
fn extracted(path: &Path) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let out = Command::new(pdftotext).arg(path).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    Some(text.chars().filter(|c| !c.is_whitespace()).collect())
}

/// pdffonts' rows: (name, type, emb, sub).
fn pdffonts(path: &Path) -> Option<Vec<(String, String, String, String)>> {
    let pdffonts = tool("pdffonts")?;
    let out = Command::new(pdffonts).arg(path).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    Some(
        table
            .lines()
            .skip(2)
            .map(|row| {
                let c: Vec<&str> = row.split_whitespace().collect();
                let n = c.len();
                // name type... encoding emb sub uni object ID
                let kind = c[1..n - 6].join(" ");
                (c[0].into(), kind, c[n - 5].into(), c[n - 4].into())
            })
            .collect(),
    )
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdf_embeds_a_subset_of_a_font_dir_face_and_its_text_extracts() {
    let test = "pdf_embeds_a_subset_of_a_font_dir_face_and_its_text_extracts";
    let Some(dir) = machine_dir(test, WENKAI_DIR) else {
        return;
    };
    let opts = options(&dir, "LXGW WenKai");
    let mut diag = Diagnostics::default();
    let pdf = cjkdoc::write::write(Format::Pdf, &doc(&TEXT), &opts, &mut diag).unwrap();
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let fonts = pdf_fonts(&pdf);
    let wenkai: Vec<_> = fonts
        .iter()
        .filter(|f| is_subset_of(&f.0, "LXGWWenKai-Regular"))
        .collect();
    assert_eq!(wenkai.len(), 1, "{fonts:?}");
    assert_eq!(wenkai[0].1, "CIDFontType2");
    assert_eq!(wenkai[0].2, "FontFile2");
    // The body is all WenKai: no body serif face; the heading keeps its bundled face.
    assert!(
        !fonts.iter().any(|f| f.0.ends_with("+NotoSerifSC-Regular")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|f| f.0.ends_with("+NotoSansSC-Bold")),
        "{fonts:?}"
    );
    // Small: a subset, not the 15 MB face.
    assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
    let path = save("wenkai.pdf", &pdf);
    if let Some(rows) = pdffonts(&path) {
        let row = rows
            .iter()
            .find(|r| r.0.ends_with("+LXGWWenKai-Regular"))
            .unwrap();
        assert_eq!((row.2.as_str(), row.3.as_str()), ("yes", "yes"), "{rows:?}");
    }
    if let Some(text) = extracted(&path) {
        for p in TEXT {
            assert!(text.contains(&squeeze(p)), "{p} not in {text}");
        }
    }
    // The layout says which face set the body.
    let layout = cjkdoc::layout::layout(
        &doc(&TEXT),
        &opts.style,
        cjkdoc::layout::LayoutOptions {
            fonts: &opts.fonts,
            ..Default::default()
        },
        &mut Diagnostics::default(),
    );
    assert!(
        layout.dump().contains("LXGW WenKai Regular 12"),
        "{}",
        layout.dump()
    );
}

#[test]
fn a_chinese_family_name_finds_the_same_face() {
    let test = "a_chinese_family_name_finds_the_same_face";
    let Some(dir) = machine_dir(test, WENKAI_DIR) else {
        return;
    };
    let write = |family: &str| {
        let opts = options(&dir, family);
        cjkdoc::write::write(Format::Pdf, &doc(&TEXT), &opts, &mut Diagnostics::default()).unwrap()
    };
    assert_eq!(
        pdf_fonts(&write("霞鹜文楷")),
        pdf_fonts(&write("lxgw wenkai"))
    );
}

fn part<'a>(parts: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &parts.iter().find(|(n, _)| n == name).expect(name).1
}

/// The embedded faces of a DOCX: (family in fontTable, element, de-obfuscated font).
fn embedded(parts: &[(String, Vec<u8>)]) -> Vec<(String, String, Vec<u8>)> {
    let table = String::from_utf8(part(parts, "word/fontTable.xml").to_vec()).unwrap();
    let rels = String::from_utf8(part(parts, "word/_rels/fontTable.xml.rels").to_vec()).unwrap();
    let attr = |s: &str, a: &str| -> String {
        let at = s.find(&format!("{a}=\"")).unwrap() + a.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].to_string()
    };
    let mut out = Vec::new();
    for font in table.split("<w:font ").skip(1) {
        let family = attr(font, "w:name");
        for el in font.split("<w:embed").skip(1) {
            let kind = el[..el.find(' ').unwrap()].to_string();
            let (id, key) = (attr(el, "r:id"), attr(el, "w:fontKey"));
            let rel = rels
                .split("<Relationship ")
                .find(|r| r.contains(&format!("Id=\"{id}\"")));
            let target = attr(rel.unwrap(), "Target");
            let mut data = part(parts, &format!("word/{target}")).to_vec();
            // ECMA-376 §17.8.1: the key's hex digits as bytes, reversed, XORed twice.
            let hex: Vec<u8> = key
                .chars()
                .filter_map(|c| c.to_digit(16))
                .map(|d| d as u8)
                .collect();
            let mut k = [0u8; 16];
            for (i, p) in hex.chunks(2).enumerate() {
                k[15 - i] = (p[0] << 4) | p[1];
            }
            for (i, b) in data.iter_mut().take(32).enumerate() {
                *b ^= k[i % 16];
            }
            out.push((family.clone(), kind, data));
        }
    }
    out
}

#[test]
fn docx_embeds_a_subset_of_a_font_dir_face() {
    let test = "docx_embeds_a_subset_of_a_font_dir_face";
    let Some(dir) = machine_dir(test, WENKAI_DIR) else {
        return;
    };
    let opts = options(&dir, "LXGW WenKai");
    let mut diag = Diagnostics::default();
    let docx = cjkdoc::write::write(Format::Docx, &doc(&TEXT), &opts, &mut diag).unwrap();
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let parts = unzip(&docx);
    assert!(parts
        .iter()
        .any(|(n, _)| n.starts_with("word/fonts/") && n.ends_with(".odttf")));
    let faces = embedded(&parts);
    let wenkai: Vec<_> = faces.iter().filter(|f| f.0 == "LXGW WenKai").collect();
    assert_eq!(
        wenkai.len(),
        1,
        "{:?}",
        faces.iter().map(|f| (&f.0, &f.1)).collect::<Vec<_>>()
    );
    assert_eq!(wenkai[0].1, "Regular");
    let face = ttf_parser::Face::parse(&wenkai[0].2, 0).expect("a font once de-obfuscated");
    for c in squeeze(&TEXT.concat()).chars() {
        assert!(face.glyph_index(c).is_some(), "{c} missing from the subset");
    }
    assert!(face.glyph_index('国').is_none(), "not a subset");
    let family = face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
        .and_then(|n| n.to_string());
    assert_eq!(family.as_deref(), Some("LXGW WenKai"));
    assert!(wenkai[0].2.len() < 200_000, "{} bytes", wenkai[0].2.len());
}

#[test]
fn cff_faces_are_embedded_in_the_pdf_and_the_docx() {
    let test = "cff_faces_are_embedded_in_the_pdf_and_the_docx";
    let Some(dir) = machine_dir(test, LM_DIR) else {
        return;
    };
    let text = ["The quick brown fox jumps over the lazy dog, 1234567890 times."];
    let opts = options(&dir, "Latin Modern Roman");
    let mut diag = Diagnostics::default();
    let pdf = cjkdoc::write::write(Format::Pdf, &doc(&text), &opts, &mut diag).unwrap();
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let fonts = pdf_fonts(&pdf);
    let lm: Vec<_> = fonts
        .iter()
        .filter(|f| is_subset_of(&f.0, "LMRoman10-Regular"))
        .collect();
    assert_eq!(lm.len(), 1, "{fonts:?}");
    assert_eq!(lm[0].1, "CIDFontType0");
    assert_eq!(lm[0].2, "FontFile3");
    assert!(
        matches!(lm[0].3.as_deref(), Some("CIDFontType0C" | "OpenType")),
        "{:?}",
        lm[0]
    );
    let path = save("lmodern.pdf", &pdf);
    if let Some(rows) = pdffonts(&path) {
        let row = rows
            .iter()
            .find(|r| r.0.ends_with("+LMRoman10-Regular"))
            .unwrap();
        assert!(row.1.starts_with("CID Type 0"), "{rows:?}");
        assert_eq!((row.2.as_str(), row.3.as_str()), ("yes", "yes"), "{rows:?}");
    }
    if let Some(extracted) = extracted(&path) {
        assert!(extracted.contains(&squeeze(text[0])), "{extracted}");
    }
    // The DOCX embeds an OpenType subset with a cmap for the text, the face's OS/2 and
    // names.
    let mut diag = Diagnostics::default();
    let docx = cjkdoc::write::write(Format::Docx, &doc(&text), &opts, &mut diag).unwrap();
    assert!(diag.warnings.is_empty(), "{:?}", diag.warnings);
    let parts = unzip(&docx);
    let table = String::from_utf8(part(&parts, "word/fontTable.xml").to_vec()).unwrap();
    assert!(table.contains("w:name=\"Latin Modern Roman\""));
    let faces = embedded(&parts);
    let lm: Vec<_> = faces
        .iter()
        .filter(|f| f.0 == "Latin Modern Roman")
        .collect();
    assert_eq!(lm.len(), 1);
    assert!(lm[0].2.starts_with(b"OTTO"));
    let face = ttf_parser::Face::parse(&lm[0].2, 0).expect("an OpenType font");
    assert!(face.tables().cff.is_some() && face.tables().os2.is_some());
    for c in squeeze(text[0]).chars() {
        let g = face.glyph_index(c).unwrap_or_else(|| panic!("{c} missing"));
        assert!(
            face.outline_glyph(g, &mut NoOutline).is_some(),
            "{c} has no outline"
        );
    }
    assert!(face.number_of_glyphs() < 120, "{}", face.number_of_glyphs());
    assert!(faces.iter().any(|f| f.0 == "Noto Sans SC"));
}

/// An outline sink.
struct NoOutline;

impl ttf_parser::OutlineBuilder for NoOutline {
    fn move_to(&mut self, _: f32, _: f32) {}
    fn line_to(&mut self, _: f32, _: f32) {}
    fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {}
    fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {}
    fn close(&mut self) {}
}

/// A TrueType font's table `tag`: its offset and length.
fn table(font: &[u8], tag: &[u8; 4]) -> Option<(usize, usize)> {
    let be16 = |at: usize| usize::from(u16::from_be_bytes([font[at], font[at + 1]]));
    let be32 = |at: usize| {
        u32::from_be_bytes([font[at], font[at + 1], font[at + 2], font[at + 3]]) as usize
    };
    (0..be16(4))
        .map(|i| 12 + 16 * i)
        .find_map(|rec| (&font[rec..rec + 4] == tag).then(|| (be32(rec + 8), be32(rec + 12))))
}

#[test]
fn a_face_whose_licence_forbids_embedding_is_neither_used_nor_embedded() {
    // A "Noto Sans Mono" (code text) whose OS/2 fsType says Restricted License: the font
    // directory comes first, so the style finds it; the PDF must not use it and the DOCX
    // must not embed it.
    let mono = cjkdoc::fonts::find("Noto Sans Mono", cjkdoc::fonts::Weight::Regular).unwrap();
    let chars = (0x20u8..0x7f).map(char::from);
    let mut font = cjkdoc::fonts::subset::subset(mono, chars).unwrap();
    let (os2, _) = table(&font, b"OS/2").unwrap();
    font[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("restricted-mono.ttf"), &font).unwrap();
    let book = Book::with_fonts(&[dir.path()], false);
    let id = book
        .find("Noto Sans Mono", cjkdoc::fonts::Weight::Regular)
        .unwrap();
    assert!(book.font_dir_faces().contains(&id));
    let loaded = book.get(id).unwrap();
    assert_eq!(loaded.embedding, cjkdoc::fonts::Embedding::Restricted);
    assert!(!loaded.embeddable());

    let mut d = doc(&TEXT);
    d.blocks
        .push(Block::Paragraph(Paragraph::body(vec![Inline::Code {
            text: "let x = 1;".into(),
        }])));
    let opts = WriteOptions {
        fonts: Arc::new(book),
        ..WriteOptions::default()
    };
    let mut diag = Diagnostics::default();
    let pdf = cjkdoc::write::write(Format::Pdf, &d, &opts, &mut diag).unwrap();
    assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    assert!(
        diag.warnings[0].contains("\"Noto Sans Mono\" is not used"),
        "{:?}",
        diag.warnings
    );
    // The code is set in a bundled face instead (the fallback chain).
    let fonts = pdf_fonts(&pdf);
    assert!(fonts.iter().all(|f| f.2 == "FontFile2"), "{fonts:?}");
    let layout = cjkdoc::layout::layout(
        &d,
        &opts.style,
        cjkdoc::layout::LayoutOptions {
            fonts: &opts.fonts,
            ..Default::default()
        },
        &mut Diagnostics::default(),
    );
    for page in &layout.pages {
        for item in &page.items {
            if let cjkdoc::layout::Item::Text(run) = item {
                assert!(run.face < layout.fonts.bundled_count(), "{}", run.text());
            }
        }
    }
    let mut diag = Diagnostics::default();
    let docx = cjkdoc::write::write(Format::Docx, &d, &opts, &mut diag).unwrap();
    assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    assert!(
        diag.warnings[0].contains("not embedded in the DOCX"),
        "{:?}",
        diag.warnings
    );
    let faces = embedded(&unzip(&docx));
    assert!(!faces.iter().any(|f| f.0 == "Noto Sans Mono"));
    assert!(faces.iter().any(|f| f.0 == "Noto Serif SC"));
}
