//! The DOCX writer: golden `document.xml`, `styles.xml` and `numbering.xml` for the
//! fixtures and a tree with every block and inline kind; every package parsed back with
//! docx-rs and checked against the ECMA-376 schemas; determinism; the embedded fonts; and,
//! when the tools are installed, pandoc and LibreOffice reading the result (the rendering
//! compared with cjkdoc's own PDF).
//!
//! Regenerate the golden files with `CJKDOC_BLESS=1 cargo test --test it docx`.

use cjkdoc::doc::*;
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools;

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
                    size: Default::default(),
                },
                caption: vec![t("图1 检查流程示意")],
            }),
            Block::Figure(Figure {
                image: Image {
                    url: "no/such/image.png".into(),
                    title: String::new(),
                    alt: vec![t("缺失的图片")],
                    size: Default::default(),
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
        ..Default::default()
    }
}

/// Write `doc` as DOCX, and check that docx-rs parses the package back and that every part
/// passes the ECMA-376 schemas (each distinct package once).
fn write(doc: &Document, opts: &WriteOptions) -> (Vec<u8>, Diagnostics) {
    let mut diag = Diagnostics::default();
    let bytes =
        cjkdoc::write::write(cjkdoc::Format::Docx, doc, opts, &mut diag).expect("DOCX written");
    docx_rs::read_docx(&bytes).expect("docx-rs parses the package");
    validate_once(&bytes);
    (bytes, diag)
}

/// Run the schema check on a package not checked before in this test run.
fn validate_once(bytes: &[u8]) {
    use std::collections::HashSet;
    use std::hash::{Hash, Hasher};
    use std::sync::Mutex;
    static SEEN: Mutex<Option<HashSet<u64>>> = Mutex::new(None);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    let key = h.finish();
    if !SEEN
        .lock()
        .unwrap()
        .get_or_insert_with(HashSet::new)
        .insert(key)
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.docx");
    std::fs::write(&path, bytes).unwrap();
    tools::ooxml_validate(&[&path]);
}

/// The parts of a DOCX: (name, bytes), in the package's order.
pub(crate) fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
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
    assert!(hay.contains(needle), "{needle:?} not found");
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture read into the tree, and the write options its conversion uses (images
/// relative to its folder).
fn fixture(rel: &str) -> (Document, WriteOptions) {
    let path = root().join(rel);
    let format = if rel.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    let src = std::fs::read(&path).unwrap();
    let doc = cjkdoc::read::read(
        format,
        &src,
        &cjkdoc::read::ReadOptions::default(),
        &mut Diagnostics::default(),
    )
    .unwrap();
    let opts = WriteOptions {
        base_dir: path.parent().map(Path::to_path_buf),
        ..WriteOptions::default()
    };
    (doc, opts)
}

/// The documents of the golden and schema tests: the fixtures, every kind of block and
/// inline, notes with links and images, an empty document, contents, no embedded fonts.
fn cases() -> Vec<(&'static str, Document, WriteOptions)> {
    let mut v = Vec::new();
    for (name, rel) in [
        ("seed", "fixtures/seed.txt"),
        ("notice", "fixtures/text/notice.txt"),
        ("regulation", "fixtures/text/regulation.txt"),
        ("english", "fixtures/text/english.txt"),
        ("every-construct", "fixtures/markdown/every-construct.md"),
        ("gongwen", "fixtures/markdown/gongwen.md"),
    ] {
        let (doc, opts) = fixture(rel);
        v.push((name, doc, opts));
    }
    v.push(("every-kind", every_kind(), WriteOptions::default()));
    let toc = WriteOptions {
        toc: true,
        ..WriteOptions::default()
    };
    v.push(("every-kind-toc", every_kind(), toc));
    v.push((
        "notes-links-images",
        notes_links_images(),
        WriteOptions::default(),
    ));
    v.push(("empty", Document::default(), WriteOptions::default()));
    let plain = WriteOptions {
        embed_fonts: false,
        ..WriteOptions::default()
    };
    v.push(("no-embed", every_kind(), plain));
    v
}

/// One element or text node per line, indented by depth: golden files that diff well.
fn pretty(xml: &str) -> String {
    let mut out = String::new();
    let mut depth: usize = 0;
    let mut rest = xml;
    while !rest.is_empty() {
        let (token, tail) = if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            rest.split_at(end)
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            rest.split_at(end)
        };
        rest = tail;
        if token.trim().is_empty() {
            continue;
        }
        let closing = token.starts_with("</");
        if closing {
            depth = depth.saturating_sub(1);
        }
        out.push_str(&"  ".repeat(depth));
        out.push_str(token.trim_end_matches('\n'));
        out.push('\n');
        if token.starts_with('<') && !closing && !token.ends_with("/>") && !token.starts_with("<?")
        {
            depth += 1;
        }
    }
    out
}

#[test]
fn document_styles_and_numbering_match_the_golden_files() {
    let bless = std::env::var_os("CJKDOC_BLESS").is_some();
    let dir = root().join("tests/golden/docx");
    let mut stale = Vec::new();
    for (name, doc, opts) in cases() {
        if !["seed", "notice", "every-construct", "every-kind"].contains(&name) {
            continue;
        }
        let parts = unzip(&write(&doc, &opts).0);
        for p in ["document", "styles", "numbering"] {
            let file = dir.join(format!("{name}.{p}.xml"));
            let got = parts
                .iter()
                .find(|(n, _)| *n == format!("word/{p}.xml"))
                .map(|(_, d)| pretty(&String::from_utf8_lossy(d)));
            if bless {
                std::fs::create_dir_all(&dir).unwrap();
                match &got {
                    Some(g) => std::fs::write(&file, g).unwrap(),
                    None => {
                        let _ = std::fs::remove_file(&file);
                    }
                }
                continue;
            }
            let want = std::fs::read_to_string(&file).ok();
            if got != want {
                let line = match (&got, &want) {
                    (Some(g), Some(w)) => g
                        .lines()
                        .zip(w.lines())
                        .position(|(a, b)| a != b)
                        .map_or_else(
                            || "at the end".to_string(),
                            |i| format!("at line {}", i + 1),
                        ),
                    _ => "(part present in one only)".into(),
                };
                stale.push(format!("{} {line}", file.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "DOCX output differs from the golden files (regenerate with CJKDOC_BLESS=1 after \
         checking the change):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_package_passes_the_ecma_376_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, doc, opts) in cases() {
        let p = dir.path().join(format!("{name}.docx"));
        std::fs::write(&p, write(&doc, &opts).0).unwrap();
        paths.push(p);
    }
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    tools::ooxml_validate(&refs);
}

#[test]
fn one_look_every_size_and_face_from_the_style() {
    let (bytes, _) = write(&every_kind(), &WriteOptions::default());
    let parts = unzip(&bytes);
    let styles = part(&parts, "word/styles.xml");
    let document = part(&parts, "word/document.xml");
    // The body pitch of the PDF, exactly: 12 pt × 1.6 = 19.2 pt = 384 twips.
    has(
        &styles,
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"384\" w:lineRule=\"exact\"/>",
    );
    assert_eq!(count(&styles, "w:lineRule=\"auto\""), 0);
    // Headings of every level in the heading face, sizes from the style (16, 14, 12 pt).
    for (level, hp) in [(1, 32), (2, 28), (3, 24), (6, 24)] {
        let at = styles
            .find(&format!("w:styleId=\"Heading{level}\""))
            .unwrap();
        let def = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        has(def, "w:eastAsia=\"Noto Sans SC\"");
        has(def, &format!("<w:sz w:val=\"{hp}\"/>"));
        has(def, &format!("<w:outlineLvl w:val=\"{}\"/>", level - 1));
    }
    let sub = styles.find("w:styleId=\"Subtitle\"").unwrap();
    has(&styles[sub..sub + 900], "w:eastAsia=\"Noto Sans SC\"");
    // A different style changes the DOCX alike.
    let mut style = cjkdoc::style::Style::default();
    style.body.size = 16.0;
    style.heading.h2.size = 15.0;
    let big = unzip(
        &write(
            &every_kind(),
            &WriteOptions {
                style,
                ..WriteOptions::default()
            },
        )
        .0,
    );
    let big_styles = part(&big, "word/styles.xml");
    has(&big_styles, "w:line=\"512\" w:lineRule=\"exact\"");
    has(&big_styles, "<w:sz w:val=\"30\"/>");
    // The run-in heading is one paragraph with its lead in the run-in style; Chinese
    // emphasis is upright in the emphasis face, Latin emphasis slanted.
    has(&document, "<w:rStyle w:val=\"RunInHeading2\"/>");
    let lead = document.find("提高思想认识。").unwrap();
    let p_end = lead + document[lead..].find("</w:p>").unwrap();
    assert!(
        document[lead..p_end].contains("一是"),
        "the body follows the lead in its paragraph"
    );
    has(
        &document,
        "<w:rFonts w:ascii=\"Noto Serif SC\" w:hAnsi=\"Noto Serif SC\" w:eastAsia=\"Noto Sans SC\" w:cs=\"Noto Serif SC\"/></w:rPr><w:t xml:space=\"preserve\">务必",
    );
    has(
        &document,
        "<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">really",
    );
    assert!(!document.contains("<w:em "), "no emphasis dots");
}

#[test]
fn tables_are_three_line_tables_with_the_pdfs_columns() {
    let (doc, opts) = fixture("fixtures/markdown/every-construct.md");
    let parts = unzip(&write(&doc, &opts).0);
    let document = part(&parts, "word/document.xml");
    let styles = part(&parts, "word/styles.xml");
    has(&styles, "w:styleId=\"ThreeLineTable\"");
    has(&styles, "<w:tblStylePr w:type=\"firstRow\">");
    assert!(!document.contains("TableGrid") && !document.contains("w:type=\"pct\""));
    // Narrow tables centred at their natural width, never split rows, header repeated.
    has(&document, "<w:jc w:val=\"center\"/>");
    has(&document, "<w:tblLayout w:type=\"fixed\"/>");
    assert_eq!(count(&document, "<w:tblHeader/>"), 2);
    assert!(count(&document, "<w:cantSplit/>") > 60);
    // The column widths are the PDF's (plus 2 pt each).
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    let widths = cjkdoc::layout::table_columns(
        table,
        0.0,
        &opts.style,
        &opts.fonts,
        &cjkdoc::images::Images::default(),
    );
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{}\"/>", ((w + 2.0) * 20.0).round() as i32))
        .collect();
    has(&document, &format!("<w:tblGrid>{grid}</w:tblGrid>"));
    // No stray empty paragraph after the last table: the next block follows it.
    let last = document.rfind("</w:tbl>").unwrap();
    assert!(!document[last..].starts_with("</w:tbl><w:p/>"));
}

#[test]
fn notes_quotes_code_and_lists_as_in_the_pdf() {
    let (doc, opts) = fixture("fixtures/markdown/every-construct.md");
    let parts = unzip(&write(&doc, &opts).0);
    let document = part(&parts, "word/document.xml");
    let notes = part(&parts, "word/footnotes.xml");
    // Three notes, the repeated reference a NOTEREF field to the first one.
    assert_eq!(count(&document, "<w:footnoteReference "), 3);
    assert_eq!(count(&notes, "<w:footnoteRef/>"), 3);
    has(&document, "<w:bookmarkStart w:id=");
    has(&document, " NOTEREF _RefNote2 \\f \\h ");
    // Nested quotes: a bar per level (single, then double), text indented per level; the
    // list in the quote keeps the quote's bar.
    has(&document, "<w:left w:val=\"single\"");
    has(&document, "<w:left w:val=\"double\"");
    let list_in_quote = document.find("引用中的列表").unwrap();
    let p_start = document[..list_in_quote].rfind("<w:p>").unwrap();
    let p = &document[p_start..list_in_quote];
    has(p, "<w:numPr>");
    has(p, "<w:left w:val=\"single\"");
    // Adjacent code blocks stay apart; raw HTML is shown as code.
    assert_eq!(count(&document, "<w:pStyle w:val=\"SourceCode\"/>"), 3);
    has(&document, "&lt;div class=&quot;box&quot;&gt;");
    // Only the numbering definitions used, markers from the embedded body face.
    let numbering = part(&parts, "word/numbering.xml");
    assert_eq!(count(&numbering, "<w:abstractNum "), 4);
    for glyph in ["•", "◦", "▪", "□", "▣"] {
        has(&numbering, &format!("<w:lvlText w:val=\"{glyph}\"/>"));
    }
    assert!(!numbering.contains("Segoe"));
    // Bullets from the heading face (its • is the PDF's disc), at the text's size.
    has(
        &numbering,
        "<w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"right\"/>",
    );
    assert!(!numbering.contains("<w:sz "));
    // The thematic break is the short centred rule.
    has(&document, "<w:pStyle w:val=\"HorizontalLine\"/>");
    // No list at all: no numbering part.
    let plain = unzip(&write(&notes_links_images(), &WriteOptions::default()).0);
    assert!(plain.iter().all(|(n, _)| n != "word/numbering.xml"));
    assert!(!part(&plain, "word/_rels/document.xml.rels").contains("numbering"));
}

#[test]
fn contents_are_prefilled_from_the_layout() {
    let doc = every_kind();
    let opts = WriteOptions {
        toc: true,
        ..WriteOptions::default()
    };
    let parts = unzip(&write(&doc, &opts).0);
    let document = part(&parts, "word/document.xml");
    let styles = part(&parts, "word/styles.xml");
    for level in 1..=3 {
        has(&styles, &format!("w:styleId=\"TOC{level}\""));
    }
    has(&document, " TOC \\o &quot;1-6&quot; \\h \\z \\u ");
    let entries = cjkdoc::layout::contents(&doc, &opts.style, Default::default());
    assert!(entries.len() >= 6);
    for (k, (_, text, page)) in entries.iter().enumerate() {
        has(
            &document,
            &format!("<w:hyperlink w:anchor=\"_Toc{k}\"><w:r><w:rPr><w:b/><w:bCs/></w:rPr>")
                .replace("<w:rPr><w:b/><w:bCs/></w:rPr>", ""),
        );
        has(&document, &format!("{text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">{page}</w:t>"));
        has(&document, &format!("w:name=\"_Toc{k}\""));
    }
    has(&document, "<w:pageBreakBefore/>");
    assert!(!part(&parts, "word/settings.xml").contains("updateFields"));
}

#[test]
fn font_table_names_alternatives_panose_and_signature() {
    let parts = unzip(&write(&every_kind(), &WriteOptions::default()).0);
    let table = part(&parts, "word/fontTable.xml");
    has(&table, "<w:font w:name=\"Noto Serif SC\"><w:altName w:val=\"宋体\"/><w:panose1 w:val=\"02020200000000000000\"/>");
    has(
        &table,
        "<w:font w:name=\"Noto Sans SC\"><w:altName w:val=\"黑体\"/>",
    );
    has(&table, "<w:sig w:usb0=\"");
    let core = part(&parts, "docProps/core.xml");
    has(&core, "<dc:title>关于开展安全生产大检查的通知</dc:title>");
}

#[test]
fn forbidden_xml_characters_never_reach_the_package() {
    let doc = Document {
        blocks: vec![para(vec![t("a\u{c}b\u{b}c\u{1b}d\u{fffe}e")])],
        ..Document::default()
    };
    let parts = unzip(&write(&doc, &WriteOptions::default()).0);
    has(&part(&parts, "word/document.xml"), ">abcde</w:t>");
}

#[test]
fn output_is_byte_identical_deflated_and_undated() {
    let a = write(&every_kind(), &WriteOptions::default()).0;
    let b = write(&every_kind(), &WriteOptions::default()).0;
    assert_eq!(a, b);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1));
    }
}

#[test]
fn output_is_identical_when_written_from_several_threads() {
    let docs = [every_kind(), notes_links_images()];
    let opts = WriteOptions::default();
    let reference: Vec<Vec<u8>> = docs.iter().map(|d| write(d, &opts).0).collect();
    assert_ne!(reference[0], reference[1]);
    std::thread::scope(|s| {
        for thread in 0..4 {
            let (docs, reference, opts) = (&docs, &reference, &opts);
            s.spawn(move || {
                for round in 0..4 {
                    let k = (thread + round) % 2;
                    let got = write(&docs[k], opts).0;
                    assert!(
                        got == reference[k],
                        "document {k} differs in thread {thread}"
                    );
                }
            });
        }
    });
}

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

/// The style's hyphenation switch turns on Word's automatic hyphenation (and, as in the
/// PDF, none in words of capitals), in the place the schema gives it.
#[test]
fn hyphenation_is_word_automatic_hyphenation() {
    let parts = |hyphenate: bool| {
        let mut opts = WriteOptions::default();
        opts.style.body.hyphenate = hyphenate;
        unzip(&write(&every_kind(), &opts).0)
    };
    let settings = |hyphenate: bool| part(&parts(hyphenate), "word/settings.xml");
    // Only justified text is hyphenated, as in the PDF: headings, title and code not.
    let styles = part(&parts(true), "word/styles.xml");
    let def = |id: &str| {
        let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap();
        styles[at..at + styles[at..].find("</w:style>").unwrap()].to_string()
    };
    for id in ["Heading1", "Heading6", "Title", "SourceCode", "Caption"] {
        has(&def(id), "<w:suppressAutoHyphens/>");
    }
    for id in ["Normal", "Quote", "ListParagraph"] {
        assert!(!def(id).contains("suppressAutoHyphens"), "{id}");
    }
    assert!(!part(&parts(false), "word/styles.xml").contains("suppressAutoHyphens"));
    let on = settings(true);
    has(
        &on,
        "<w:autoHyphenation/><w:doNotHyphenateCaps/><w:characterSpacingControl",
    );
    assert_eq!(count(&on, "autoHyphenation"), 1);
    let off = settings(false);
    assert!(!off.contains("Hyphenat"), "{off}");
    assert_eq!(
        on.replace("<w:autoHyphenation/><w:doNotHyphenateCaps/>", ""),
        off
    );
}

fn seed_docx() -> Vec<u8> {
    let (doc, opts) = fixture("fixtures/seed.txt");
    write(&doc, &opts).0
}

#[test]
fn seed_docx_with_embedded_fonts_stays_under_one_megabyte() {
    let bytes = seed_docx();
    assert!(bytes.len() < 1_000_000, "{} bytes", bytes.len());
    let parts = unzip(&bytes);
    assert!(parts.iter().any(|(n, _)| n.ends_with(".odttf")));
    // The literal redaction marks survive.
    has(&part(&parts, "word/document.xml"), "以*全格局");
}

/// Plain text without whitespace or Markdown punctuation, for order-preserving comparison.
fn han_only(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"#*\\>-_[]`|:".contains(*c))
        .collect()
}

fn pandoc_markdown(pandoc: &Path, docx: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.docx");
    std::fs::write(&path, docx).unwrap();
    let out = Command::new(pandoc)
        .arg(&path)
        .args(["-t", "markdown-smart", "--wrap=none"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pandoc_recovers_the_text_headings_lists_tables_and_notes() {
    let Some(pandoc) = tools::tool("pandoc") else {
        return;
    };
    // The seed's text, every character in order.
    let md = pandoc_markdown(&pandoc, &seed_docx());
    let text = std::fs::read_to_string(root().join("fixtures/seed.txt")).unwrap();
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
    // Run-in leads come back as bold leads of their paragraphs.
    assert_eq!(count(&md, "**一、"), 1, "{md}");

    let md = pandoc_markdown(&pandoc, &write(&every_kind(), &WriteOptions::default()).0);
    for heading in ["# 一、检查时间", "### Level three", "###### 第六级"] {
        assert!(md.contains(heading), "{heading:?} not a heading in\n{md}");
    }
    assert!(md.contains("[^1]"), "{md}");
    assert!(
        md.contains("[the rules](https://example.com/a?b=1&c=2)"),
        "{md}"
    );

    let (doc, opts) = fixture("fixtures/markdown/every-construct.md");
    let md = pandoc_markdown(&pandoc, &write(&doc, &opts).0);
    // Headings, list items, the 60 table rows, the three notes.
    assert_eq!(
        md.lines().filter(|l| l.starts_with("# ")).count(),
        1,
        "{md}"
    );
    assert_eq!(
        md.lines().filter(|l| l.starts_with("## ")).count(),
        6,
        "{md}"
    );
    for item in [
        "-   第一层项目 First level",
        "-   第三层 Third level, deep inside",
        "3.  从三开始的编号 Starts at three",
        "-   list inside a quote",
    ] {
        assert!(md.contains(item), "{item:?} not a list item in\n{md}");
    }
    for row in 1..=60 {
        assert!(md.contains(&format!("item-{row:03}")), "row {row} missing");
    }
    for n in 1..=3 {
        assert!(
            md.contains(&format!("[^{n}]:")),
            "note {n} missing in\n{md}"
        );
    }
}

#[test]
fn libreoffice_renders_with_the_embedded_faces_when_none_is_installed() {
    let (Some(soffice), Some(pdffonts)) = (tools::tool("soffice"), tools::tool("pdffonts")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("seed.docx");
    std::fs::write(&docx_path, seed_docx()).unwrap();
    let fc = dir.path().join("fonts.conf");
    std::fs::write(
        &fc,
        format!(
            "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>\
             <dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{}/fc</cachedir></fontconfig>",
            dir.path().display()
        ),
    )
    .unwrap();
    let out = Command::new(&soffice)
        .env("FONTCONFIG_FILE", &fc)
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo",
            dir.path().display()
        ))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fonts = Command::new(pdffonts)
        .arg(dir.path().join("seed.pdf"))
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("NotoSerifSC"), "{fonts}");
    assert!(fonts.contains("NotoSansSC"), "{fonts}");
}

/// The fidelity line of `../shared/tools/docx_vs_pdf.py` for a fixture: LibreOffice's
/// rendering of the DOCX (with no font installed but DejaVu) against cjkdoc's PDF.
fn fidelity(python: &Path, rel: &str) -> (usize, usize, f32, f32, u32, bool) {
    let (doc, opts) = fixture(rel);
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("x.docx");
    let pdf_path = dir.path().join("x-own.pdf");
    std::fs::write(&docx_path, write(&doc, &opts).0).unwrap();
    let pdf = cjkdoc::write::write(
        cjkdoc::Format::Pdf,
        &doc,
        &opts,
        &mut Diagnostics::default(),
    )
    .unwrap();
    std::fs::write(&pdf_path, pdf).unwrap();
    let script = root().join("../shared/tools/docx_vs_pdf.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(&docx_path)
        .arg(&pdf_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout.lines().last().unwrap_or("").to_string();
    // fidelity: pages A/B, pitch X/Y pt, breaks P%, fonts ok|differ
    let nums: Vec<f32> = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|s| !s.is_empty() && *s != ".")
        .filter_map(|s| s.parse().ok())
        .collect();
    assert!(nums.len() >= 5, "{line}");
    eprintln!("{rel}: {line}");
    (
        nums[0] as usize,
        nums[1] as usize,
        nums[2],
        nums[3],
        nums[4] as u32,
        line.ends_with("fonts ok"),
    )
}

#[test]
fn libreoffice_renders_the_docx_like_the_pdf() {
    let (Some(python), Some(_), Some(_)) = (
        tools::tool("python3"),
        tools::tool("soffice"),
        tools::tool("pdftotext"),
    ) else {
        return;
    };
    for (rel, min_breaks) in [
        ("fixtures/seed.txt", 45),
        ("fixtures/text/notice.txt", 85),
        ("fixtures/markdown/every-construct.md", 80),
    ] {
        let (pages_docx, pages_pdf, pitch_docx, pitch_pdf, breaks, fonts) = fidelity(&python, rel);
        assert_eq!(pages_docx, pages_pdf, "{rel}: page counts");
        assert!(
            (pitch_docx - pitch_pdf).abs() <= 0.5,
            "{rel}: pitch {pitch_docx} vs {pitch_pdf}"
        );
        assert!(fonts, "{rel}: font families differ");
        assert!(
            breaks >= min_breaks,
            "{rel}: {breaks}% identical line breaks"
        );
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
    assert!(bytes.starts_with(b"PK"));
    validate_once(&bytes);
}

fn notes_links_images() -> Document {
    let img = |alt: &str| {
        Inline::Image(Image {
            url: data("figure.png").to_string_lossy().into_owned(),
            alt: vec![t(alt)],
            title: String::new(),
            size: Default::default(),
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
