//! The DOCX writer: a tree with every block and inline kind, unzipped and checked part by
//! part; determinism; the embedded fonts; and, when the tools are installed, LibreOffice
//! and pandoc reading the result.

use cjkdoc::doc::*;
use cjkdoc::write::{docx, WriteOptions};
use cjkdoc::{Diagnostics, Format};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn t(s: &str) -> Inline {
    Inline::text(s)
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::body(content))
}

fn role(role: ParagraphRole, s: &str) -> Block {
    Block::Paragraph(Paragraph {
        role,
        content: vec![t(s)],
    })
}

/// A document using every block and inline kind of the tree.
pub fn every_kind() -> Document {
    let item = |s: &str| ListItem {
        task: None,
        blocks: vec![para(vec![t(s)])],
    };
    Document {
        meta: Meta {
            title: Some("关于开展安全生产\n大检查的通知".into()),
            subtitle: Some("2024 年第 3 号".into()),
            authors: vec!["市政府办公室".into(), "Li Lei".into()],
            date: Some("2024年3月1日".into()),
            lang: Some("zh-CN".into()),
            keywords: vec!["安全生产".into(), "检查".into()],
            ..Meta::default()
        },
        blocks: vec![
            role(ParagraphRole::Addressee, "各区县人民政府，市各委办局："),
            para(vec![
                t("为深入贯彻“安全第一”方针，"),
                Inline::SoftBreak,
                t("现将有关事项通知如下"),
                Inline::FootnoteRef { label: "n1".into() },
                t("：see "),
                Inline::Link {
                    url: "https://example.com/a?b=1&c=2".into(),
                    title: "规则".into(),
                    content: vec![t("the rules")],
                },
                t("，"),
                Inline::Emphasis {
                    content: vec![t("务必")],
                },
                t(" and "),
                Inline::Emphasis {
                    content: vec![t("really")],
                },
                t("，"),
                Inline::Strikethrough {
                    content: vec![t("作废")],
                },
                Inline::Code {
                    text: "cargo run".into(),
                },
                Inline::HardBreak,
                Inline::Raw(Raw {
                    format: "html".into(),
                    text: "<br>".into(),
                }),
                t("English text, soft"),
                Inline::SoftBreak,
                t("break."),
            ]),
            Block::Heading(Heading {
                level: 1,
                label: Some("一、".into()),
                content: vec![t("检查时间")],
                run_in: false,
            }),
            Block::Heading(Heading {
                level: 2,
                label: Some("（一）".into()),
                content: vec![t("提高思想认识。")],
                run_in: true,
            }),
            para(vec![
                Inline::strong_text("一是"),
                t("各单位要高度重视“两个确立”。"),
            ]),
            Block::Heading(Heading {
                level: 3,
                label: None,
                content: vec![t("Level three")],
                run_in: false,
            }),
            Block::Heading(Heading {
                level: 4,
                label: None,
                content: vec![t("第四级")],
                run_in: false,
            }),
            Block::Heading(Heading {
                level: 5,
                label: None,
                content: vec![t("第五级")],
                run_in: false,
            }),
            Block::Heading(Heading {
                level: 6,
                label: None,
                content: vec![t("第六级")],
                run_in: false,
            }),
            Block::List(List {
                kind: ListKind::Bullet,
                tight: true,
                items: vec![
                    item("要点甲"),
                    ListItem {
                        task: None,
                        blocks: vec![
                            para(vec![t("要点乙")]),
                            Block::List(List {
                                kind: ListKind::Ordered { start: 3 },
                                tight: false,
                                items: vec![item("第三项"), item("第四项")],
                            }),
                            para(vec![t("要点乙的第二段")]),
                        ],
                    },
                ],
            }),
            Block::List(List {
                kind: ListKind::Bullet,
                tight: true,
                items: vec![
                    ListItem {
                        task: Some(false),
                        blocks: vec![para(vec![t("待办事项")])],
                    },
                    ListItem {
                        task: Some(true),
                        blocks: vec![para(vec![t("已办事项")])],
                    },
                ],
            }),
            Block::BlockQuote {
                blocks: vec![para(vec![t("引用的文字。")])],
            },
            Block::CodeBlock(CodeBlock {
                info: Some("rust".into()),
                text: "fn main() {\n    println!(\"你好\");\n}\n".into(),
            }),
            Block::Table(Table {
                aligns: vec![Align::Left, Align::Center, Align::Right],
                header: vec![vec![t("单位")], vec![t("人数")], vec![t("金额")]],
                rows: vec![
                    vec![vec![t("办公室")], vec![t("12")], vec![t("3.5万元")]],
                    vec![vec![t("财政局")], vec![t("8")]],
                ],
            }),
            Block::ThematicBreak,
            Block::Figure(Figure {
                image: Image {
                    url: data("figure.png").to_string_lossy().into_owned(),
                    title: String::new(),
                    alt: vec![t("示意图")],
                },
                caption: vec![t("图1 检查流程示意")],
            }),
            Block::Figure(Figure {
                image: Image {
                    url: "no/such/image.png".into(),
                    title: String::new(),
                    alt: vec![t("缺失的图片")],
                },
                caption: vec![],
            }),
            Block::PageBreak,
            Block::Raw(Raw {
                format: "html".into(),
                text: "<div></div>".into(),
            }),
            Block::FootnoteDef(FootnoteDef {
                label: "n1".into(),
                blocks: vec![para(vec![
                    t("脚注正文，见 "),
                    Inline::Link {
                        url: "https://www.gov.cn/".into(),
                        title: String::new(),
                        content: vec![t("中国政府网")],
                    },
                    t("。"),
                ])],
            }),
            Block::FootnoteDef(FootnoteDef {
                label: "unused".into(),
                blocks: vec![para(vec![t("没有引用")])],
            }),
            Block::Paragraph(Paragraph {
                role: ParagraphRole::Attachment,
                content: vec![t("附件：1. 检查表")],
            }),
            role(ParagraphRole::Closing, "特此通知。"),
            role(ParagraphRole::Signature, "市安全生产委员会"),
            role(ParagraphRole::Date, "2024年3月1日"),
        ],
    }
}

fn write(doc: &Document, opts: &WriteOptions) -> (Vec<u8>, Diagnostics) {
    let mut diag = Diagnostics::default();
    let bytes = docx::write(doc, opts, &mut diag).unwrap();
    (bytes, diag)
}

/// Every entry of a zip, by name, in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, data) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(data.clone()).unwrap()
}

fn has(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "missing {needle:?}");
}

/// Save a copy for manual inspection (`$TMPDIR/cjkdoc-every-kind.docx`).
fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_kind_converts_with_chinese_styles_and_structure() {
    let (bytes, diag) = write(&every_kind(), &WriteOptions::default());
    save("cjkdoc-every-kind.docx", &bytes);
    let parts = unzip(&bytes);

    let styles = part(&parts, "word/styles.xml");
    has(&styles, "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"");
    has(
        &styles,
        "w:ascii=\"Noto Serif SC\" w:hAnsi=\"Noto Serif SC\" w:eastAsia=\"Noto Serif SC\"",
    );
    has(&styles, "w:eastAsia=\"Noto Sans SC\"");
    has(&styles, "w:ascii=\"Noto Sans Mono\"");
    assert!(!styles.contains("Theme"), "theme fonts in styles.xml");
    has(&styles, "w:firstLineChars=\"200\"");
    has(&styles, "<w:jc w:val=\"both\"/>");
    has(&styles, "<w:widowControl/>");
    for level in 1..=6 {
        has(&styles, &format!("<w:name w:val=\"heading {level}\"/>"));
        has(&styles, &format!("<w:outlineLvl w:val=\"{}\"/>", level - 1));
    }
    for name in [
        "Title",
        "Subtitle",
        "List Paragraph",
        "Quote",
        "Source Code",
        "caption",
        "footnote text",
        "Table Grid",
        "Signature",
        "Salutation",
    ] {
        has(&styles, &format!("<w:name w:val=\"{name}\"/>"));
    }

    let doc = part(&parts, "word/document.xml");
    // Run-in heading: the built-in heading style (outline level, read as a heading by
    // pandoc), set like body text by direct formatting, joined by a style separator.
    has(
        &doc,
        "<w:pPr><w:pStyle w:val=\"Heading2\"/><w:spacing w:before=\"0\" w:after=\"0\"/>\
         <w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"480\" w:firstLineChars=\"200\"/>\
         <w:jc w:val=\"both\"/>",
    );
    has(
        &doc,
        "<w:rPr><w:vanish/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:specVanish/></w:rPr></w:pPr>",
    );
    assert!(!doc.contains("RunIn"), "no custom run-in paragraph style");
    has(&doc, "<w:pStyle w:val=\"Heading1\"/>");
    has(&doc, "<w:rFonts w:hint=\"eastAsia\"/>");
    has(&doc, "<w:em w:val=\"dot\"/>");
    has(&doc, "<w:i/>");
    has(&doc, "<w:strike/>");
    has(&doc, "<w:rStyle w:val=\"VerbatimChar\"/>");
    has(&doc, "<w:footnoteReference w:id=\"1\"/>");
    has(
        &doc,
        "<w:hyperlink r:id=\"rIdLink1\" w:tooltip=\"规则\" w:history=\"1\">",
    );
    has(&doc, "<w:numPr><w:ilvl w:val=\"1\"/>");
    // A loose list keeps space between its items.
    has(&doc, "<w:contextualSpacing w:val=\"0\"/>");
    has(&doc, "<w:tblHeader/>");
    has(&doc, "<w:tblStyle w:val=\"TableGrid\"/>");
    has(&doc, "<w:jc w:val=\"right\"/>");
    has(&doc, "<w:br w:type=\"page\"/>");
    has(&doc, "<w:pStyle w:val=\"HorizontalLine\"/>");
    has(&doc, "<a:blip r:embed=\"rIdImage1\"/>");
    has(&doc, "缺失的图片");
    has(&doc, "<w:pStyle w:val=\"SignatureDate\"/>");
    has(&doc, "<w:pStyle w:val=\"Attachment\"/>");
    has(&doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
    has(
        &doc,
        "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>",
    );
    // A soft break between Chinese characters vanishes; between English words it is a space.
    has(&doc, "通知如下");
    has(
        &doc,
        "soft</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t>",
    );
    assert!(!doc.contains("<div>"), "raw HTML leaked");

    let rels = part(&parts, "word/_rels/document.xml.rels");
    has(
        &rels,
        "Target=\"https://example.com/a?b=1&amp;c=2\" TargetMode=\"External\"",
    );
    has(&rels, "Target=\"media/image1.png\"");

    let numbering = part(&parts, "word/numbering.xml");
    has(&numbering, "<w:startOverride w:val=\"3\"/>");
    has(&numbering, "<w:lvlText w:val=\"☐\"/>");
    has(&numbering, "<w:lvlText w:val=\"☑\"/>");
    has(&numbering, "<w:lvlText w:val=\"%1.\"/>");

    let notes = part(&parts, "word/footnotes.xml");
    has(&notes, "<w:footnote w:id=\"1\">");
    has(&notes, "<w:footnoteRef/>");
    has(&notes, "脚注正文");
    assert!(!notes.contains("没有引用"));
    has(
        &part(&parts, "word/_rels/footnotes.xml.rels"),
        "https://www.gov.cn/",
    );

    let fonts = part(&parts, "word/fontTable.xml");
    has(&fonts, "<w:font w:name=\"Noto Serif SC\">");
    has(&fonts, "<w:embedRegular r:id=\"rIdFont");
    has(&fonts, "<w:embedBold r:id=\"rIdFont");
    has(&fonts, "w:subsetted=\"1\"");
    let settings = part(&parts, "word/settings.xml");
    has(&settings, "<w:embedTrueTypeFonts/><w:saveSubsetFonts/>");
    has(
        &part(&parts, "[Content_Types].xml"),
        "application/vnd.openxmlformats-officedocument.obfuscatedFont",
    );
    let footer = part(&parts, "word/footer1.xml");
    has(&footer, "<w:instrText>PAGE</w:instrText>");
    has(&footer, "<w:pStyle w:val=\"Footer\"/>");

    let core = part(&parts, "docProps/core.xml");
    has(&core, "<dc:title>关于开展安全生产 大检查的通知</dc:title>");
    has(&core, "<dc:creator>市政府办公室; Li Lei</dc:creator>");
    has(&core, "<cp:keywords>安全生产, 检查</cp:keywords>");
    has(&core, "<dc:language>zh-CN</dc:language>");
    has(&core, "<dc:subject>2024 年第 3 号</dc:subject>");

    let w = diag.warnings.join("\n");
    assert!(w.contains("no/such/image.png"), "{w}");
    assert!(w.contains("raw html block"), "{w}");
    assert!(w.contains("[^unused] is never referenced"), "{w}");
}

#[test]
fn output_is_byte_identical_deflated_and_undated() {
    let doc = every_kind();
    let (a, _) = write(&doc, &WriteOptions::default());
    let (b, _) = write(&doc, &WriteOptions::default());
    assert!(a == b, "two writes differ");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        assert_eq!(
            f.compression(),
            zip::CompressionMethod::Deflated,
            "{}",
            f.name()
        );
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{}", f.name());
    }
}

/// Undo the obfuscation independently of the writer (ECMA-376 §17.8.1).
fn deobfuscate(data: &mut [u8], guid: &str) {
    let hex: Vec<u8> = guid
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .as_bytes()
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect();
    let key: Vec<u8> = hex.into_iter().rev().collect();
    for i in 0..32 {
        data[i] ^= key[i % 16];
    }
}

#[test]
fn embedded_fonts_are_obfuscated_subsets_of_the_used_faces() {
    let (bytes, _) = write(&every_kind(), &WriteOptions::default());
    let parts = unzip(&bytes);
    let table = part(&parts, "word/fontTable.xml");
    let rels = part(&parts, "word/_rels/fontTable.xml.rels");
    let mut checked = 0;
    for embed in table.split("<w:embed").skip(1) {
        let attr = |name: &str| {
            let start = embed.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            embed[start..].split('"').next().unwrap().to_string()
        };
        let (rid, key) = (attr("r:id"), attr("w:fontKey"));
        assert_eq!(key, key.to_uppercase());
        let rel = rels.split(&format!("Id=\"{rid}\"")).nth(1).unwrap();
        let target = rel
            .split("Target=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let (_, data) = parts
            .iter()
            .find(|(n, _)| *n == format!("word/{target}"))
            .unwrap();
        assert!(ttf_parser::Face::parse(data, 0).is_err(), "not obfuscated");
        let mut font = data.clone();
        deobfuscate(&mut font, &key);
        let face = ttf_parser::Face::parse(&font, 0).expect("de-obfuscated font parses");
        assert!(face.number_of_glyphs() >= 26);
        assert!(face.number_of_glyphs() < 2000, "not a subset");
        assert!(face.glyph_index('A').is_some());
        checked += 1;
    }
    // Serif regular + bold (strong text), sans bold (headings), mono regular (code) at least.
    assert!(checked >= 4, "{checked} faces embedded\n{table}");
    has(&table, "<w:font w:name=\"Noto Sans SC\">");

    let (plain, _) = write(
        &every_kind(),
        &WriteOptions {
            embed_fonts: false,
            ..WriteOptions::default()
        },
    );
    let plain = unzip(&plain);
    assert!(!plain.iter().any(|(n, _)| n.ends_with(".odttf")));
    assert!(!part(&plain, "word/settings.xml").contains("embedTrueTypeFonts"));
    assert!(!part(&plain, "word/fontTable.xml").contains("embedRegular"));
}

fn seed_docx() -> Vec<u8> {
    let input =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed.txt")).unwrap();
    let mut diag = Diagnostics::default();
    cjkdoc::convert(
        &input,
        Format::Text,
        Format::Docx,
        &cjkdoc::Options::default(),
        &mut diag,
    )
    .unwrap()
}

#[test]
fn seed_docx_with_embedded_fonts_stays_under_one_megabyte() {
    let bytes = seed_docx();
    assert!(bytes.len() < 1_000_000, "{} bytes", bytes.len());
    let parts = unzip(&bytes);
    assert!(parts.iter().any(|(n, _)| n.ends_with(".odttf")));
}

fn tool(name: &str) -> bool {
    let ok = Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipped: {name} is not installed");
    }
    ok
}

/// Plain text without whitespace or Markdown punctuation, for order-preserving comparison.
fn han_only(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"#*\\>-_[]`|:".contains(*c))
        .collect()
}

#[test]
fn pandoc_reads_the_text_in_order_and_the_headings() {
    if !tool("pandoc") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.docx");
    std::fs::write(&seed, seed_docx()).unwrap();
    let out = Command::new("pandoc")
        .args([
            seed.to_str().unwrap(),
            "-t",
            "markdown-smart",
            "--wrap=none",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed.txt"))
            .unwrap();
    let (got, want) = (han_only(&md), han_only(&text));
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let near = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(10))
                .take(40)
                .collect::<String>()
        };
        panic!(
            "pandoc's text differs at char {at}: got {:?}, want {:?}",
            near(&got),
            near(&want)
        );
    }

    let every = dir.path().join("every.docx");
    std::fs::write(&every, write(&every_kind(), &WriteOptions::default()).0).unwrap();
    let out = Command::new("pandoc")
        .args([
            every.to_str().unwrap(),
            "-t",
            "markdown-smart",
            "--wrap=none",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "# 一、检查时间",
        "## （一）提高思想认识。",
        "### Level three",
        "###### 第六级",
    ] {
        assert!(md.contains(heading), "{heading:?} not a heading in\n{md}");
    }
    assert!(md.contains("[^1]"), "{md}");
    assert!(
        md.contains("[the rules](https://example.com/a?b=1&c=2)"),
        "{md}"
    );
}

#[test]
fn libreoffice_renders_with_the_embedded_faces_when_none_is_installed() {
    if !tool("soffice") || !tool("pdffonts") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("every.docx");
    std::fs::write(&docx, write(&every_kind(), &WriteOptions::default()).0).unwrap();
    // A fontconfig setup with only DejaVu: no Noto font is available from the system.
    let conf = dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>\
             <cachedir>{}</cachedir></fontconfig>",
            dir.path().join("fc-cache").display()
        ),
    )
    .unwrap();
    let profile = format!("file://{}", dir.path().join("profile").display());
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.path().to_str().unwrap(),
            docx.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("every.pdf");
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    for face in [
        "NotoSerifSC-Regular",
        "NotoSerifSC-Bold",
        "NotoSansSC-Bold",
        "NotoSansMono",
    ] {
        assert!(fonts.contains(face), "{face} not used:\n{fonts}");
    }
}

#[test]
fn toc_page_setup_and_language_follow_the_options() {
    let mut doc = every_kind();
    doc.meta.lang = Some("en".into());
    let mut opts = WriteOptions {
        toc: true,
        ..WriteOptions::default()
    };
    opts.style.paper = cjkdoc::style::Paper::Letter;
    opts.style.margins = cjkdoc::style::Margins::uniform(72.0);
    opts.style.font_size = 16.0;
    let parts = unzip(&write(&doc, &opts).0);
    let body = part(&parts, "word/document.xml");
    has(&body, "TOC \\o \"1-3\" \\h \\z \\u");
    has(&body, "<w:pgSz w:w=\"12240\" w:h=\"15840\"/>");
    has(
        &body,
        "w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\"",
    );
    let styles = part(&parts, "word/styles.xml");
    has(&styles, "<w:lang w:val=\"en\" w:eastAsia=\"zh-CN\"");
    has(&styles, "<w:sz w:val=\"32\"/>");
    // 2 characters of 16 pt = 640 twips where Chars units are not understood.
    has(&styles, "w:firstLine=\"640\" w:firstLineChars=\"200\"");
    has(
        &part(&parts, "word/settings.xml"),
        "<w:updateFields w:val=\"true\"/>",
    );
}

#[test]
fn docx_rs_reads_the_package_back() {
    let bytes = write(&every_kind(), &WriteOptions::default()).0;
    let read = docx_rs::read_docx(&bytes).expect("docx-rs parses the package");
    let json = read.json();
    for needle in ["Heading2", "specVanish", "检查时间", "Noto Sans SC"] {
        assert!(json.contains(needle), "{needle} not seen by docx-rs");
    }
}

#[test]
fn an_empty_document_still_has_a_paragraph() {
    let parts = unzip(&write(&Document::default(), &WriteOptions::default()).0);
    has(
        &part(&parts, "word/document.xml"),
        "<w:body><w:p/><w:sectPr>",
    );
}

#[test]
fn json_input_converts_through_the_registry() {
    // (The Markdown reader lands in another branch; the JSON reader gives the same tree.)
    let json = serde_json::to_vec(&every_kind()).unwrap();
    let mut diag = Diagnostics::default();
    let bytes = cjkdoc::convert(
        &json,
        Format::Json,
        Format::Docx,
        &cjkdoc::Options::default(),
        &mut diag,
    )
    .unwrap();
    assert!(bytes == write(&every_kind(), &WriteOptions::default()).0);
}

/// A second, different document with a footnote, links and images at the top level.
fn notes_links_images() -> Document {
    let img = |alt: &str| {
        Inline::Image(Image {
            url: data("figure.png").to_string_lossy().into_owned(),
            alt: vec![t(alt)],
            title: String::new(),
        })
    };
    Document {
        blocks: vec![
            Block::Heading(Heading {
                level: 1,
                label: None,
                content: vec![t("第二份文件")],
                run_in: false,
            }),
            para(vec![
                t("先看"),
                Inline::Link {
                    url: "https://example.org/x".into(),
                    title: String::new(),
                    content: vec![t("链接")],
                },
                t("，再看脚注"),
                Inline::FootnoteRef { label: "a".into() },
                t("和图"),
                img("图一"),
                t("。"),
            ]),
            para(vec![
                Inline::Link {
                    url: "https://example.org/y".into(),
                    title: String::new(),
                    content: vec![t("另一个链接")],
                },
                Inline::FootnoteRef { label: "b".into() },
                img("图二"),
            ]),
            Block::FootnoteDef(FootnoteDef {
                label: "a".into(),
                blocks: vec![para(vec![
                    t("脚注一，见"),
                    Inline::Link {
                        url: "https://example.org/z".into(),
                        title: String::new(),
                        content: vec![t("网站")],
                    },
                ])],
            }),
            Block::FootnoteDef(FootnoteDef {
                label: "b".into(),
                blocks: vec![para(vec![t("脚注二。")])],
            }),
        ],
        ..Document::default()
    }
}

#[test]
fn output_is_identical_when_written_alternately_from_several_threads() {
    let docs = [every_kind(), notes_links_images()];
    let opts = WriteOptions::default();
    let reference: Vec<Vec<u8>> = docs.iter().map(|d| write(d, &opts).0).collect();
    assert_ne!(reference[0], reference[1]);
    // Ids in document order, whatever docx-rs's global counters say.
    let doc = part(&unzip(&reference[1]), "word/document.xml");
    let at = |n: &str| doc.find(n).unwrap_or_else(|| panic!("missing {n}"));
    assert!(at("<w:footnoteReference w:id=\"1\"/>") < at("<w:footnoteReference w:id=\"2\"/>"));
    assert!(
        at("<wp:docPr id=\"1\" name=\"Picture 1\" descr=\"图一\"/>") < at("<wp:docPr id=\"2\"")
    );
    assert!(doc.contains("r:id=\"rIdLink"));
    assert!(!doc.contains("w14:paraId"));
    std::thread::scope(|s| {
        for thread in 0..4 {
            let (docs, reference, opts) = (&docs, &reference, &opts);
            s.spawn(move || {
                for round in 0..6 {
                    let k = (thread + round) % 2;
                    let got = write(&docs[k], opts).0;
                    assert!(
                        got == reference[k],
                        "document {k} differs in thread {thread}, round {round}"
                    );
                }
            });
        }
    });
}

/// The Markdown fixture with every construct, read by the Markdown reader, converts; the
/// package holds each construct's XML.
#[test]
fn markdown_fixture_with_every_construct_converts() {
    let src = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown/all-constructs.md"),
    )
    .unwrap();
    let mut diag = Diagnostics::default();
    let doc = cjkdoc::read::read(
        cjkdoc::Format::Markdown,
        &src,
        &cjkdoc::read::ReadOptions::default(),
        &mut diag,
    )
    .unwrap();
    let (bytes, _) = write(&doc, &WriteOptions::default());
    let parts = unzip(&bytes);
    let document = part(&parts, "word/document.xml");
    let styles = part(&parts, "word/styles.xml");
    // Headings 1–6 by style, title from front matter in the core properties.
    for level in 1..=6 {
        has(&document, &format!("<w:pStyle w:val=\"Heading{level}\"/>"));
    }
    has(
        &part(&parts, "docProps/core.xml"),
        "关于深入学习贯彻党的二十大精神的体会",
    );
    // Chinese fonts per script and the character-based indent.
    has(&styles, "w:eastAsia=\"Noto Serif SC\"");
    has(&styles, "w:firstLineChars=\"200\"");
    // Lists through numbering.xml, tasks as boxes, a table, links, footnotes.
    has(&document, "<w:numPr>");
    let numbering = part(&parts, "word/numbering.xml");
    has(&numbering, "<w:startOverride w:val=\"7\"/>");
    has(&numbering, "<w:lvlText w:val=\"☐\"/>");
    has(&numbering, "<w:lvlText w:val=\"☑\"/>");
    has(&document, "<w:tbl>");
    has(&document, "<w:hyperlink");
    has(&document, "<w:footnoteReference");
    has(&part(&parts, "word/fontTable.xml"), "w:embedRegular");
    // Every word of the literal text survives, redaction marks included.
    has(&document, "以*全格局");
}
