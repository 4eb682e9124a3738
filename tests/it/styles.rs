//! Styles: the gongwen preset as the standard wants it in the PDF and the DOCX (and as
//! LibreOffice renders the DOCX), `cjkdoc style`, style files and their errors, the style
//! chosen by language, metadata from the command line.

use crate::tools::tool;
use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn cjkdoc() -> Command {
    Command::cargo_bin("cjkdoc").unwrap()
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Points from millimetres.
fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Convert `input` with `args` into `dir/name`; returns the path.
fn convert(input: &Path, args: &[&str], dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    cjkdoc()
        .arg("convert")
        .arg(input)
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    out
}

/// A line of text as `pdftotext -bbox-layout` finds it.
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    x_min: f32,
    x_max: f32,
    y_max: f32,
}

/// Per page, the lines `pdftotext -bbox-layout` finds in `path`, top to bottom, the words
/// of one baseline joined.
fn bbox_lines(pdftotext: &Path, path: &Path) -> Vec<Vec<TextLine>> {
    let out = std::process::Command::new(pdftotext)
        .arg("-bbox-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    let attr = |s: &str, name: &str| -> f32 {
        let at = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut lines: Vec<TextLine> = Vec::new();
        for line in page.split("<line ").skip(1) {
            let line = &line[..line.find("</line>").unwrap()];
            let text = crate::tools::bbox_line_text(line);
            let l = TextLine {
                text,
                x_min: attr(line, "xMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
            };
            match lines.iter_mut().find(|o| (o.y_max - l.y_max).abs() < 1.0) {
                Some(o) => {
                    o.x_min = o.x_min.min(l.x_min);
                    o.x_max = o.x_max.max(l.x_max);
                    o.text.push_str(&l.text);
                }
                None => lines.push(l),
            }
        }
        lines.sort_by(|a, b| a.y_max.total_cmp(&b.y_max));
        pages.push(lines);
    }
    pages
}

/// The page number line of a page (the lowest line) and the others.
fn split_footer(page: &[TextLine]) -> (&[TextLine], &TextLine) {
    let (footer, body) = page.split_last().unwrap();
    (body, footer)
}

/// 22 lines on every page but the last, at one pitch; page numbers `— N —` on the outer
/// side, one character in from the text block. Returns the pitch.
fn check_gongwen_pages(pages: &[Vec<TextLine>], what: &str) -> f32 {
    assert!(pages.len() >= 5, "{what}: {} pages", pages.len());
    let mut pitches = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let (body, footer) = split_footer(page);
        if p + 1 < pages.len() {
            assert_eq!(
                body.len(),
                22,
                "{what}: page {} holds {} lines",
                p + 1,
                body.len()
            );
        }
        for w in body.windows(2) {
            pitches.push(w[1].y_max - w[0].y_max);
        }
        assert_eq!(
            footer.text,
            format!("—{}—", p + 1),
            "{what}: page {}",
            p + 1
        );
        let (left, right) = (mm(28.0), mm(210.0 - 26.0));
        if p % 2 == 0 {
            assert!(
                (footer.x_max - (right - 16.0)).abs() < 2.0,
                "{what}: page {} number ends at {}",
                p + 1,
                footer.x_max
            );
        } else {
            assert!(
                (footer.x_min - (left + 16.0)).abs() < 2.0,
                "{what}: page {} number starts at {}",
                p + 1,
                footer.x_min
            );
        }
    }
    let pitch = pitches.iter().sum::<f32>() / pitches.len() as f32;
    for d in &pitches {
        assert!((d - pitch).abs() < 0.3, "{what}: line pitch {d} vs {pitch}");
    }
    pitch
}

#[test]
fn gongwen_pdf_has_the_standards_page_grid_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = convert(
        &fixture("fixtures/seed.txt"),
        &["--style", "gongwen"],
        dir.path(),
        "seed.pdf",
    );
    let doc = lopdf::Document::load(&pdf).unwrap();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let n: Vec<f32> = media.iter().map(|o| o.as_float().unwrap()).collect();
        assert!(
            (n[2] - mm(210.0)).abs() < 0.1 && (n[3] - mm(297.0)).abs() < 0.1,
            "{n:?}"
        );
    }
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let pages = bbox_lines(&pdftotext, &pdf);
    let pitch = check_gongwen_pages(&pages, "PDF");
    assert!((pitch - mm(225.0) / 22.0).abs() < 0.1, "{pitch}");
    // The text block: 28 mm from the left, 26 mm from the right (a closing mark may hang
    // past it), the first baseline one line below the 37 mm top margin.
    for page in &pages {
        let (body, _) = split_footer(page);
        // (A line starting with an opening mark starts half a character out: the mark's
        // blank half is cut.)
        let left = body
            .iter()
            .filter(|l| !"“‘（《「『".contains(l.text.chars().next().unwrap()))
            .map(|l| l.x_min)
            .fold(f32::MAX, f32::min);
        assert!((left - mm(28.0)).abs() < mm(0.5), "left edge {left}");
        let full: Vec<&TextLine> = body
            .iter()
            .filter(|l| !"，。、；：！？”’）》".contains(l.text.chars().last().unwrap()))
            .collect();
        let right = full.iter().map(|l| l.x_max).fold(0.0, f32::max);
        assert!((right - mm(184.0)).abs() < mm(0.5), "right edge {right}");
        assert!(body[0].y_max > mm(37.0) && body[0].y_max < mm(37.0) + pitch + 1.0);
    }
}

/// The XML parts of the DOCX at `path`, by name, as text (other parts empty).
fn unzip(path: &Path) -> Vec<(String, String)> {
    crate::docx::unzip(&std::fs::read(path).unwrap())
        .into_iter()
        .map(|(name, data)| {
            let xml = name.ends_with(".xml") || name.ends_with(".rels");
            let text = if xml {
                String::from_utf8(data).unwrap()
            } else {
                String::new()
            };
            (name, text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// The `<w:style>` element of style `id`.
fn style_def<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!("w:styleId=\"{id}\""))
        .unwrap_or_else(|| panic!("no style {id}"));
    &styles[at..at + styles[at..].find("</w:style>").unwrap()]
}

fn has(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "{needle:?} not in:\n{hay}");
}

#[test]
fn gongwen_docx_carries_the_page_setup_grid_fonts_and_footers() {
    let dir = tempfile::tempdir().unwrap();
    let docx = convert(
        &fixture("fixtures/seed.txt"),
        &["--style", "gongwen"],
        dir.path(),
        "seed.docx",
    );
    let parts = unzip(&docx);
    let document = part(&parts, "word/document.xml");
    // A4, margins 37 / 26 / 35 / 28 mm (twips), a grid of 22 lines × 28 characters.
    has(document, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>");
    has(
        document,
        "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"",
    );
    // 28.95 pt lines; characters 16 pt − 0.207 pt (charSpace in 1/4096 pt).
    has(
        document,
        "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"-848\"/>",
    );
    // Odd and even footers, the even one first as the schema orders them.
    has(
        document,
        "<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>",
    );
    has(part(&parts, "word/settings.xml"), "<w:evenAndOddHeaders/>");
    let odd = part(&parts, "word/footer1.xml");
    let even = part(&parts, "word/footer2.xml");
    has(odd, "<w:ind w:right=\"320\"/>");
    has(even, "<w:ind w:left=\"320\"/><w:jc w:val=\"left\"/>");
    for f in [odd, even] {
        has(
            f,
            "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
        );
        has(f, "— </w:t>");
    }
    let rels = part(&parts, "word/_rels/document.xml.rels");
    has(rels, "Target=\"footer2.xml\"");
    has(part(&parts, "[Content_Types].xml"), "/word/footer2.xml");
    // Every line at exactly the grid's pitch; the body 16 pt, not snapped to the grid
    // (the runs carry the grid's character pitch), widow control off.
    let styles = part(&parts, "word/styles.xml");
    let normal = style_def(styles, "Normal");
    has(normal, "<w:widowControl w:val=\"0\"/>");
    has(normal, "<w:snapToGrid w:val=\"0\"/>");
    has(normal, "<w:spacing w:line=\"579\" w:lineRule=\"exact\"/>");
    has(normal, "<w:sz w:val=\"32\"/>");
    has(document, "<w:spacing w:val=\"-6\"/>");
    // Faces by role: the first of each role's stack on this machine (the bundled
    // stand-ins when FangSong, Hei, Kai and 小标宋 are not installed); 22 pt title; no
    // bold headings. (Body text takes the default run fonts: docDefaults.)
    let book = cjkdoc::fonts::Book::with_fonts(&[] as &[&Path], true);
    let face = |stack: &[&str]| {
        let (id, _) = book
            .find_first(stack, cjkdoc::fonts::Weight::Regular)
            .unwrap();
        format!("w:eastAsia=\"{}\"", book.info(id).unwrap().family())
    };
    use cjkdoc::style::presets::{FANGSONG, HEI, KAI};
    has(
        &styles[..styles.find("</w:docDefaults>").unwrap()],
        &face(FANGSONG),
    );
    let h1 = style_def(styles, "Heading1");
    has(h1, &face(HEI));
    has(h1, "<w:b w:val=\"0\"/>");
    has(style_def(styles, "Heading2"), &face(KAI));
    has(style_def(styles, "Title"), "<w:sz w:val=\"44\"/>");
    has(style_def(styles, "RunInHeading1"), &face(HEI));
}

#[test]
fn libreoffice_sets_the_gongwen_docx_in_22_lines_a_page() {
    let (Some(soffice), Some(pdftotext)) = (tool("soffice"), tool("pdftotext")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = convert(
        &fixture("fixtures/seed.txt"),
        &["--style", "gongwen"],
        dir.path(),
        "seed.docx",
    );
    let pdf = convert(
        &fixture("fixtures/seed.txt"),
        &["--style", "gongwen"],
        dir.path(),
        "own.pdf",
    );
    let out = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path().join("lo"))
        .arg(&docx)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rendered = bbox_lines(&pdftotext, &dir.path().join("lo/seed.pdf"));
    let own = bbox_lines(&pdftotext, &pdf);
    let pitch = check_gongwen_pages(&rendered, "LibreOffice");
    assert!((pitch - 28.95).abs() < 0.1, "{pitch}");
    assert_eq!(rendered.len(), own.len());
    // Line for line the same text as the PDF.
    let lines = |pages: &[Vec<TextLine>]| -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| p.iter().map(|l| l.text.clone()))
            .collect()
    };
    let (a, b) = (lines(&rendered), lines(&own));
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    assert!(
        same * 100 >= 95 * b.len(),
        "{same} of {} lines alike",
        b.len()
    );
}

#[test]
fn the_notice_in_gongwen_places_each_part_in_the_docx_as_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let docx = convert(
        &fixture("fixtures/text/notice.txt"),
        &["--style", "gongwen"],
        dir.path(),
        "n.docx",
    );
    let parts = unzip(&docx);
    let document = part(&parts, "word/document.xml");
    // The (last) paragraph holding `text`, up to it.
    let para_of = |text: &str| {
        let at = document.rfind(text).unwrap_or_else(|| panic!("no {text}"));
        let start = document[..at].rfind("<w:p>").unwrap();
        &document[start..at]
    };
    // Title (two lines: a break inside one paragraph), addressee, attachment items hanging
    // under the first item's text, signature and date placed against each other.
    has(para_of("关于开展"), "<w:pStyle w:val=\"Title\"/>");
    has(
        para_of("各区县人民政府"),
        "<w:pStyle w:val=\"Salutation\"/>",
    );
    // 2 + 3 characters of 15.79 pt: 1579 twips, the first line 3 characters back.
    has(
        para_of("附件："),
        "<w:ind w:left=\"1579\" w:right=\"0\" w:hanging=\"948\"",
    );
    has(
        para_of("冬季安全生产大检查情况汇总表"),
        "<w:ind w:left=\"1579\" w:right=\"0\" w:firstLine=\"0\"",
    );
    has(
        para_of("市人民政府办公室"),
        "<w:pStyle w:val=\"Signature\"/>",
    );
    has(para_of("11</w:t>"), "<w:pStyle w:val=\"SignatureDate\"/>");
    let styles = part(&parts, "word/styles.xml");
    has(
        style_def(styles, "Salutation"),
        "<w:ind w:left=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/>",
    );
    has(style_def(styles, "Title"), "<w:jc w:val=\"center\"/>");
}

#[test]
fn style_list_and_dump_and_a_dumped_file_sets_the_same_pages() {
    let out = cjkdoc().args(["style", "--list"]).assert().success();
    let list = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for name in ["default", "gongwen", "report"] {
        assert!(list.lines().any(|l| l.starts_with(name)), "{list}");
    }
    let out = cjkdoc()
        .args(["style", "--dump", "gongwen"])
        .assert()
        .success();
    let dump = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(dump.contains("lines_per_page = 22"), "{dump}");
    assert!(dump.contains("# Running text."), "{dump}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, &dump).unwrap();
    let notice = fixture("fixtures/text/notice.txt");
    let a = convert(&notice, &["--style", "gongwen"], dir.path(), "a.docx");
    let b = convert(
        &notice,
        &["--style", file.to_str().unwrap()],
        dir.path(),
        "b.docx",
    );
    // The same document (lengths are written in 0.01 mm, so twips agree).
    let (a, b) = (unzip(&a), unzip(&b));
    for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        assert_eq!(part(&a, name), part(&b, name), "{name}");
    }
    // A file extending the preset changes only what it says.
    let small = dir.path().join("small.toml");
    std::fs::write(
        &small,
        "extends = \"gongwen\"\n[page_numbers]\nformat = \"- {n} -\"\n",
    )
    .unwrap();
    let c = convert(
        &notice,
        &["--style", small.to_str().unwrap()],
        dir.path(),
        "c.pdf",
    );
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let pages = bbox_lines(&pdftotext, &c);
    assert_eq!(pages[0].last().unwrap().text, "-1-");
}

/// Run `convert` with a style file holding `toml`; the one-line error it gives (exit 2).
fn style_error(toml: &str) -> (String, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, toml).unwrap();
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/notice.txt"))
        .args(["--style", file.to_str().unwrap(), "-o"])
        .arg(dir.path().join("out.pdf"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!dir.path().join("out.pdf").exists());
    (stderr, file, dir)
}

/// Convert the notice with `args` (to PDF, into a directory never made): the usage error
/// it gives (exit 2).
fn usage_error(args: &[&str]) -> String {
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/notice.txt"))
        .args(args)
        .args(["--to", "pdf", "--out-dir", "/nonexistent-cjkdoc"])
        .assert()
        .code(2);
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

#[test]
fn bad_style_files_give_one_clear_error_each() {
    let (e, file, _d) = style_error("extends = \"gongwen\"\n[body]\nsize = 16\ncolour = \"red\"\n");
    assert!(
        e.starts_with(&format!("cjkdoc: {}:4:", file.display())),
        "{e}"
    );
    assert!(e.contains("body.colour: unknown field `colour`"), "{e}");
    let (e, file, _d) = style_error("[page]\nlines_per_page = \"many\"\n");
    assert!(
        e.starts_with(&format!("cjkdoc: {}:2:", file.display())),
        "{e}"
    );
    assert!(
        e.contains("page.lines_per_page: invalid type: string \"many\""),
        "{e}"
    );
    let (e, _, _d) = style_error("[heading.1]\nsize = \"huge\"\n");
    assert!(
        e.contains("heading.1.size") && e.contains("\"huge\""),
        "{e}"
    );
    let (e, file, _d) =
        style_error("extends = \"gongwen\"\n\n[body]\nfont = [\"No Such Face\", \"Nor This\"]\n");
    assert!(
        e.starts_with(&format!("cjkdoc: {}:4:", file.display())),
        "{e}"
    );
    assert!(
        e.contains("body.font: no font family \"No Such Face\" or \"Nor This\" was found"),
        "{e}"
    );
    let (e, _, _d) = style_error("extends = \"fancy\"\n");
    assert!(
        e.contains(":1:") && e.contains("unknown preset \"fancy\""),
        "{e}"
    );
    // A --font family that does not exist; a style that is neither a preset nor a file.
    let e = usage_error(&["--font", "body=No Such Face"]);
    assert!(
        e.contains("--font body=No Such Face: no font family"),
        "{e}"
    );
    let e = usage_error(&["--style", "fancy"]);
    assert!(
        e.contains("unknown style \"fancy\"") && e.contains("gongwen"),
        "{e}"
    );
}

#[test]
fn the_style_follows_the_language_with_a_notice() {
    // One input: the notice on stderr.
    let dir = tempfile::tempdir().unwrap();
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/english.txt"))
        .args(["--to", "pdf", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let e = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(
        e,
        format!(
            "cjkdoc: note: {}: set in the report style (the text is in en; choose another with --style)\n",
            fixture("fixtures/text/english.txt").display()
        )
    );
    // A batch: the notices are in the report, stderr has the summary only.
    let report = dir.path().join("report.json");
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/english.txt"))
        .arg(fixture("fixtures/text/notice.txt"))
        .args(["--to", "pdf", "--out-dir"])
        .arg(dir.path())
        .arg("--report")
        .arg(&report)
        .assert()
        .success();
    let e = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        e.starts_with("cjkdoc: converted 2 of 2 files (2 outputs) in ") && e.lines().count() == 1,
        "{e}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let notes = |i: usize| {
        report["inputs"][i]["notes"][0]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        notes(0).starts_with("set in the report style (the text is in en"),
        "{}",
        notes(0)
    );
    assert!(
        notes(1).starts_with("set in the default style (the text is in zh-CN"),
        "{}",
        notes(1)
    );
    // No notice when no page is set, or when --style chose.
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/english.txt"))
        .args(["--to", "md"])
        .assert()
        .success();
    assert!(out.get_output().stderr.is_empty());
}

#[test]
fn title_author_and_date_from_the_command_line_override_the_document() {
    let out = cjkdoc()
        .arg("convert")
        .arg(fixture("fixtures/text/notice.txt"))
        .args([
            "--to",
            "json",
            "--title",
            "新标题",
            "--author",
            "甲",
            "--author",
            "乙",
        ])
        .args(["--date", "2025年1月1日"])
        .assert()
        .success();
    let doc: cjkdoc::doc::Document = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("新标题"));
    assert_eq!(doc.meta.authors, ["甲", "乙"]);
    assert_eq!(doc.meta.date.as_deref(), Some("2025年1月1日"));
}

const WENKAI_DIR: &str = "/usr/share/fonts/truetype/lxgw-wenkai";

#[test]
fn a_style_file_sets_the_body_in_a_face_from_a_font_dir() {
    let test = "a_style_file_sets_the_body_in_a_face_from_a_font_dir";
    if !Path::new(WENKAI_DIR).is_dir() {
        if std::env::var_os(crate::tools::REQUIRE_TOOLS).is_some_and(|v| v == "1") {
            panic!("{test}: {WENKAI_DIR} is not installed, and CI requires it");
        }
        eprintln!("skipped: {test}: {WENKAI_DIR} (fonts-lxgw-wenkai) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("kai.toml");
    // By its Chinese name.
    std::fs::write(
        &style,
        "extends = \"gongwen\"\n[body]\nfont = \"霞鹜文楷\"\n",
    )
    .unwrap();
    let args = ["--style", style.to_str().unwrap(), "--font-dir", WENKAI_DIR];
    let notice = fixture("fixtures/text/notice.txt");
    let pdf = convert(&notice, &args, dir.path(), "n.pdf");
    let docx = convert(&notice, &args, dir.path(), "n.docx");
    // The PDF embeds a subset of the face; the text extracts back.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .is_ok_and(|t| t.as_name().ok() == Some(b"FontDescriptor"))
        })
        .filter_map(|d| {
            d.get(b"FontName")
                .ok()?
                .as_name()
                .ok()
                .map(|n| String::from_utf8_lossy(n).to_string())
        })
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.len() > 7 && n.as_bytes()[6] == b'+' && n.ends_with("LXGWWenKai-Regular")),
        "{names:?}"
    );
    if let Some(pdftotext) = tool("pdftotext") {
        let out = std::process::Command::new(pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).replace(char::is_whitespace, "");
        assert!(text.contains("为深入贯彻落实安全生产工作部署"), "{text}");
    }
    // The DOCX names it for the body and embeds its subset.
    let parts = unzip(&docx);
    let styles = part(&parts, "word/styles.xml");
    has(
        &styles[..styles.find("</w:docDefaults>").unwrap()],
        "w:eastAsia=\"LXGW WenKai\"",
    );
    let table = part(&parts, "word/fontTable.xml");
    has(table, "<w:font w:name=\"LXGW WenKai\">");
    has(table, "w:embedRegular");
    assert!(parts
        .iter()
        .any(|(n, _)| n.starts_with("word/fonts/") && n.ends_with(".odttf")));
    // `cjkdoc fonts` says where each role's face comes from.
    let out = cjkdoc()
        .args([
            "fonts",
            "--style",
            style.to_str().unwrap(),
            "--font-dir",
            WENKAI_DIR,
        ])
        .assert()
        .success();
    let report = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let body = report.lines().find(|l| l.starts_with("body ")).unwrap();
    assert!(
        body.contains(&format!(
            "LXGW WenKai 400 ({WENKAI_DIR}/LXGWWenKai-Regular.ttf)"
        )),
        "{body}"
    );
    let code = report.lines().find(|l| l.starts_with("code ")).unwrap();
    assert!(code.contains("Noto Sans Mono 400 (bundled)"), "{code}");
}
