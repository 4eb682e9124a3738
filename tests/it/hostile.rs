//! Hostile inputs: what an attacker, or the hardest CI user, feeds the tool (issue 13).
//! Every input is generated here (no big files in git). Each case must give a valid
//! output or one clear line naming the file, exit 0, 1 or 2 (never a panic's 101 or an
//! abort's 134), within a time bound relative to the seed's conversion in the same build,
//! with nothing left behind but the output.

use crate::cli::{cjkdoc, fixture, one_line_error};
use crate::docx::unzip;
use crate::tools::tool;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The output formats every case is converted to.
const FORMATS: [&str; 5] = ["pdf", "docx", "md", "html", "json"];

/// How many times the seed's conversion (to the same format, in this build) a hostile
/// case may take, on top of [`SLACK`]. Inputs are sized so that the quadratic behaviour
/// the cases guard against would take far longer.
const RATIO: u32 = 25;
/// A fixed allowance for the start of a process and the first use of the fonts.
const SLACK: Duration = Duration::from_secs(10);

/// The seed's conversion time to `format`, measured once per test binary (the longest of
/// the formats, so that one slow first run does not set a low bound).
fn seed_time() -> Duration {
    static SEED: OnceLock<Duration> = OnceLock::new();
    *SEED.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        FORMATS
            .iter()
            .map(|f| {
                let out = dir.path().join(format!("seed.{f}"));
                let start = Instant::now();
                cjkdoc()
                    .arg("convert")
                    .arg(fixture("seed.txt"))
                    .arg("-o")
                    .arg(&out)
                    .assert()
                    .success();
                start.elapsed()
            })
            .max()
            .unwrap()
    })
}

/// The time a hostile case may take.
fn bound() -> Duration {
    seed_time() * RATIO + SLACK
}

/// What one conversion gave.
struct Run {
    code: i32,
    stderr: String,
    time: Duration,
}

/// Convert `input` to `out` (more arguments in `args`), in `dir`, and check what every
/// hostile case must hold: an exit code of 0, 1 or 2, one line naming the input when it
/// fails, no leftover temporary file, no output when it fails, within [`bound`].
fn convert_in(dir: &Path, input: &Path, out: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let output: Output = cjkdoc()
        .current_dir(dir)
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(args)
        .timeout(bound() * 2)
        .output()
        .unwrap();
    let time = start.elapsed();
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let code = output.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        matches!(code, 0..=2),
        "{name} → {}: exit {code} ({:?}); stderr: {}",
        out.display(),
        output.status,
        tail(&stderr)
    );
    assert!(
        time <= bound(),
        "{name} → {}: {time:?}, more than {RATIO} × the seed's {:?} + {SLACK:?}",
        out.display(),
        seed_time()
    );
    if code != 0 {
        one_line_error(&output.stderr, &name);
        assert!(!out.exists(), "{name}: failed but left {}", out.display());
    } else {
        assert!(out.exists(), "{name}: no output {}", out.display());
    }
    let leftovers: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".cjkdoc-"))
        .collect();
    assert!(leftovers.is_empty(), "{name}: left {leftovers:?}");
    Run { code, stderr, time }
}

/// Write `contents` to `dir/name`, convert it to `dir/name.to` (it must succeed) and
/// return the output's path with the run.
fn converted(dir: &Path, name: &str, contents: impl AsRef<[u8]>, to: &str) -> (PathBuf, Run) {
    let input = put(dir, name, contents);
    let out = dir.join(format!("{name}.{to}"));
    let run = convert_in(dir, &input, &out, &[]);
    assert_eq!(run.code, 0, "{name} → {to}: {}", run.stderr);
    (out, run)
}

/// The end of a long stderr.
fn tail(s: &str) -> &str {
    let start = s.len().saturating_sub(600);
    let start = (start..=s.len()).find(|&i| s.is_char_boundary(i)).unwrap();
    &s[start..]
}

/// Write `bytes` to `dir/name`.
fn put(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Read `path` back through the JSON reader (as `cjkdoc convert x.json --to md` does).
fn json_reads_back(path: &Path) {
    cjkdoc()
        .arg("convert")
        .arg(path)
        .args(["--to", "md"])
        .assert()
        .success();
}

/// Item 2 and 5: nesting far past the limit converts to every format (flattened with a
/// warning naming the line), and the JSON written reads back.
#[test]
fn deep_nesting_is_flattened_with_a_warning_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("quotes.md", format!("{} a\n", ">".repeat(10_000))),
        ("lists.md", format!("{}a\n", "- ".repeat(10_000))),
        (
            "stars.md",
            format!("{}a{}\n", "*".repeat(50_000), "*".repeat(50_000)),
        ),
        ("mixed.md", format!("{}a\n", "> - 1. ".repeat(2_000))),
    ];
    for (name, text) in cases {
        let input = put(dir.path(), name, text);
        for format in FORMATS {
            let out = dir.path().join(format!("{name}.{format}"));
            let run = convert_in(dir.path(), &input, &out, &[]);
            assert_eq!(run.code, 0, "{name} → {format}: {}", run.stderr);
            assert!(
                run.stderr
                    .contains("line 1: nesting deeper than 256 levels is flattened"),
                "{name} → {format}: {}",
                run.stderr
            );
            if format == "json" {
                json_reads_back(&out);
            }
        }
    }
}

/// Item 5: the JSON of a deep tree grows linearly with its depth, and trees nested more
/// than serde_json's default limit (128) read back.
#[test]
fn json_of_deep_trees_is_linear_in_size_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("q70.md", format!("{} a\n", ">".repeat(70))),
        ("l40.md", format!("{}a\n", "- ".repeat(40))),
        ("q250.md", format!("{} a\n", ">".repeat(250))),
    ] {
        let (out, _) = converted(dir.path(), name, text, "json");
        json_reads_back(&out);
    }
    // 1,000 levels (flattened to 256) wrote 10 MB before: indentation is capped.
    let (out, _) = converted(
        dir.path(),
        "q1000.md",
        format!("{} a\n", ">".repeat(1000)),
        "json",
    );
    let size = std::fs::metadata(&out).unwrap().len();
    assert!(size < 200_000, "{size} bytes of JSON for 256 levels");
}

/// Item 1: `-o` onto a device is written into (it stays a device), onto a FIFO streams to
/// its reader, onto a symbolic link writes its target (the link stays); an existing
/// output keeps its mode.
#[cfg(unix)]
#[test]
fn output_onto_a_device_a_fifo_and_a_symlink() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let seed = fixture("seed.txt");
    // A device: a null device of our own where we may make one (as root, where a
    // regression would otherwise replace the machine's /dev/null with a file), else
    // /dev/null (which only root could replace).
    let own = dir.path().join("null");
    let device = if Command::new("mknod")
        .arg(&own)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success())
    {
        own
    } else {
        PathBuf::from("/dev/null")
    };
    convert_in(dir.path(), &seed, &device, &["--to", "pdf"]);
    let m = std::fs::symlink_metadata(&device).unwrap();
    assert!(
        m.file_type().is_char_device(),
        "{} was replaced",
        device.display()
    );
    // A FIFO, read by another thread.
    let fifo = dir.path().join("out.pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        cjkdoc()
            .arg("convert")
            .arg(&seed)
            .arg("-o")
            .arg(&fifo)
            .args(["--to", "pdf"])
            .timeout(bound())
            .assert()
            .success();
        let got = reader.join().unwrap();
        assert!(got.starts_with(b"%PDF-"), "{} bytes", got.len());
        lopdf::Document::load_mem(&got).unwrap();
        let m = std::fs::symlink_metadata(&fifo).unwrap();
        assert!(m.file_type().is_fifo(), "the FIFO was replaced");
    } else {
        println!("skipped: the FIFO case: mkfifo failed");
    }
    // A symbolic link to an existing file of mode 600, and one to a file not made yet.
    let target = put(dir.path(), "target.pdf", "old");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink("target.pdf", &link).unwrap();
    let dangling = dir.path().join("dangling.pdf");
    std::os::unix::fs::symlink("later.pdf", &dangling).unwrap();
    for l in [&link, &dangling] {
        convert_in(dir.path(), &seed, l, &[]);
        assert!(std::fs::symlink_metadata(l)
            .unwrap()
            .file_type()
            .is_symlink());
    }
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
    assert!(std::fs::read(dir.path().join("later.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
    // A plain existing output of mode 640 keeps it when converted again.
    let plain = put(dir.path(), "plain.docx", "old");
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o640)).unwrap();
    convert_in(dir.path(), &seed, &plain, &[]);
    let mode = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "mode {mode:o}");
}

/// A small opaque RGB PNG of `w` × `h`.
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The pictures a PDF (this tool's or another's) draws: its image XObjects that are not
/// another image's soft mask, so that a picture with transparency counts once.
pub(crate) fn pdf_images(path: &Path) -> usize {
    let doc = lopdf::Document::load(path).unwrap();
    let streams = || {
        doc.objects
            .iter()
            .filter_map(|(id, o)| Some((id, o.as_stream().ok()?)))
    };
    let masks: std::collections::HashSet<lopdf::ObjectId> = streams()
        .filter_map(|(_, s)| s.dict.get(b"SMask").and_then(|o| o.as_reference()).ok())
        .collect();
    streams()
        .filter(|(id, s)| {
            s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Image".as_slice())
                && !masks.contains(id)
        })
        .count()
}

/// The files in a DOCX's `word/media`.
fn docx_media(path: &Path) -> Vec<String> {
    unzip(&std::fs::read(path).unwrap())
        .into_iter()
        .map(|(name, _)| name)
        .filter(|n| n.starts_with("word/media/"))
        .collect()
}

/// Items 3 and 9: an image that is a FIFO or a device is not read (no hang, no runaway
/// memory); one outside the root (`../`, an absolute path, `file://`) is refused unless
/// `--root` takes it in. Each is named in a warning and its alt text shown.
#[cfg(unix)]
#[test]
fn images_that_are_not_regular_files_or_leave_the_root_are_not_read() {
    let top = tempfile::tempdir().unwrap();
    let proj = top.path().join("proj");
    std::fs::create_dir(&proj).unwrap();
    put(&proj, "good.png", png(40, 30));
    let outside = put(top.path(), "outside.png", png(20, 20));
    std::os::unix::fs::symlink("/dev/zero", proj.join("zero.png")).unwrap();
    let fifo = proj.join("pipe.png");
    let have_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let abs = outside.display().to_string();
    let md = format!(
        "# Images\n\n![good](good.png)\n\n![zero](zero.png)\n\n{}![up](../outside.png)\n\n![abs]({abs})\n\n![url](file://{abs})\n",
        if have_fifo { "![pipe](pipe.png)\n\n" } else { "" }
    );
    let input = put(&proj, "doc.md", md);
    for format in ["pdf", "docx"] {
        let out = proj.join(format!("doc.{format}"));
        let run = convert_in(&proj, &input, &out, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut urls = vec!["zero.png", "../outside.png", abs.as_str()];
        let file_url = format!("file://{abs}");
        urls.push(&file_url);
        if have_fifo {
            urls.push("pipe.png");
        }
        for url in urls {
            assert!(
                run.stderr
                    .lines()
                    .any(|l| l.contains(&format!("image {url}: "))
                        && l.ends_with("its alt text is shown instead")),
                "{format}: no warning for {url}: {}",
                run.stderr
            );
        }
        assert!(
            run.stderr.contains("outside the root folder"),
            "{format}: {}",
            run.stderr
        );
        match format {
            "pdf" => assert_eq!(pdf_images(&out), 1),
            _ => assert_eq!(docx_media(&out).len(), 1, "{:?}", docx_media(&out)),
        }
    }
    // With the parent folder as the root, `../outside.png`, the absolute path and the
    // `file://` URL (the same file, three times: embedded once) are in.
    let out = proj.join("rooted.docx");
    let run = convert_in(&proj, &input, &out, &["--root", ".."]);
    for url in ["../outside.png", abs.as_str()] {
        assert!(
            !run.stderr.contains(&format!("image {url}: ")),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("zero.png is a link to /dev/zero, outside the root folder"),
        "{}",
        run.stderr
    );
    assert_eq!(docx_media(&out).len(), 2, "{:?}", docx_media(&out));
}

/// Item 7: images the PDF cannot use (corrupt, a header claiming 100000 × 100000, a bogus
/// JPEG, more pixels than `--max-image-pixels`) are not put into the DOCX either.
#[test]
fn docx_embeds_only_images_the_pdf_can_use() {
    let dir = tempfile::tempdir().unwrap();
    let good = png(64, 64);
    let mut corrupt = good.clone();
    let n = corrupt.len();
    corrupt[n / 2..n - 12].iter_mut().for_each(|b| *b ^= 0x5A);
    put(dir.path(), "corrupt.png", corrupt);
    // A valid IHDR claiming 100000 × 100000, then nothing.
    let mut huge = good[..33].to_vec();
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32fast::hash(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    put(dir.path(), "huge.png", huge);
    put(
        dir.path(),
        "bogus.jpg",
        b"\xFF\xD8\xFF\xE0 not really a JPEG",
    );
    put(dir.path(), "big.png", png(200, 200));
    put(dir.path(), "good.png", &good);
    let input = put(
        dir.path(),
        "doc.md",
        "![c](corrupt.png)\n\n![h](huge.png)\n\n![b](bogus.jpg)\n\n![big](big.png)\n\n![g](good.png)\n",
    );
    for format in ["pdf", "docx"] {
        let out = dir.path().join(format!("doc.{format}"));
        let run = convert_in(dir.path(), &input, &out, &["--max-image-pixels", "10000"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for url in ["corrupt.png", "huge.png", "bogus.jpg", "big.png"] {
            assert!(
                run.stderr.contains(&format!("image {url}: ")),
                "{format}: no warning for {url}: {}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("good.png"), "{}", run.stderr);
        match format {
            "pdf" => assert_eq!(pdf_images(&out), 1),
            _ => assert_eq!(docx_media(&out).len(), 1, "{:?}", docx_media(&out)),
        }
    }
}

/// Item 6: characters XML forbids (form feed, vertical tab, ESC, U+FFFE) in a text file
/// never reach the DOCX's XML, which parses.
#[test]
fn characters_xml_forbids_never_reach_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let text = "第一段\u{c}分页\n垂直\u{b}制表\u{1b}转义\u{fffe}非字符\u{7}响铃\n";
    let (out, _) = converted(dir.path(), "ctl.txt", text, "docx");
    for (name, bytes) in unzip(&std::fs::read(&out).unwrap()) {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
                    || matches!(c, '\u{fffe}' | '\u{ffff}')
            })
            .collect();
        assert!(bad.is_empty(), "{name} holds {bad:?}");
    }
    docx_rs::read_docx(&std::fs::read(&out).unwrap()).unwrap();
}

/// The `/ActualText` strings of a PDF's page content.
fn actual_texts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut out = Vec::new();
    for (_, page) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(page).unwrap();
        for op in content.operations {
            if op.operator != "BDC" {
                continue;
            }
            for operand in &op.operands {
                let dict = match operand {
                    lopdf::Object::Dictionary(d) => d,
                    _ => continue,
                };
                if let Ok(lopdf::Object::String(bytes, _)) = dict.get(b"ActualText") {
                    let units: Vec<u16> = bytes
                        .strip_prefix(&[0xFE, 0xFF])
                        .unwrap_or(bytes)
                        .chunks(2)
                        .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
                        .collect();
                    out.push(String::from_utf16_lossy(&units));
                }
            }
        }
    }
    out
}

/// Item 8: characters no face has all show the missing glyph, but each extracts as
/// itself (not all as the first one).
#[test]
fn every_missing_glyph_extracts_as_its_own_character() {
    let dir = tempfile::tempdir().unwrap();
    let text = "阿拉伯文 ع，藏文 ཀ，表情 😀，再来 ش。\n";
    let (out, _) = converted(dir.path(), "scripts.md", text, "pdf");
    let texts = actual_texts(&out);
    for c in ["ع", "ཀ", "😀", "ش"] {
        assert!(
            texts.iter().any(|t| t.contains(c)),
            "{c} has no /ActualText: {texts:?}"
        );
    }
    let Some(pdftotext) = tool("pdftotext") else {
        return;
    };
    let got = Command::new(pdftotext).arg(&out).arg("-").output().unwrap();
    let got = String::from_utf8(got.stdout).unwrap();
    for c in ["ع", "ཀ", "😀", "ش", "阿拉伯文"] {
        assert!(got.contains(c), "{c} not extracted: {got}");
    }
}

/// Item 10: clear messages for what is not a readable text file, or no place to write.
#[test]
fn unclear_inputs_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // UTF-16 without a BOM whose text has 一 (U+4E00: a NUL low byte) and an ideographic
    // space.
    let text = "一、总则\n\u{3000}\u{3000}第一条 为了规范管理，制定本办法。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (out, run) = converted(d, "utf16.txt", le, "md");
    assert!(
        run.stderr.contains("decoded as UTF-16LE (guessed)"),
        "{}",
        run.stderr
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("第一条"));
    // UTF-8 with one bad byte is damaged UTF-8, not GB18030.
    let mut bytes = "第一条 为了规范管理，制定本办法。\n第二条 适用范围。\n"
        .as_bytes()
        .to_vec();
    bytes.insert(20, 0xFF);
    let input = put(d, "bad-utf8.txt", bytes);
    let run = convert_in(d, &input, &d.join("bad-utf8.pdf"), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("invalid UTF-8 at line"),
        "{}",
        run.stderr
    );
    // A directory given as the input of -o.
    let sub = d.join("folder.txt");
    std::fs::create_dir(&sub).unwrap();
    let out = d.join("folder.pdf");
    let o = cjkdoc()
        .current_dir(d)
        .arg("convert")
        .arg(&sub)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(1 | 2)), "{:?}", o.status);
    one_line_error(&o.stderr, "folder.txt");
    one_line_error(&o.stderr, "directory");
    // --out-dir naming a file.
    let file = put(d, "not-a-dir", "x");
    let o = cjkdoc()
        .current_dir(d)
        .arg("convert")
        .arg(fixture("seed.txt"))
        .arg("--out-dir")
        .arg(&file)
        .args(["--to", "pdf"])
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(1 | 2)), "{:?}", o.status);
    one_line_error(&o.stderr, "not-a-dir");
    one_line_error(&o.stderr, "not a directory");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    // JSON heading levels outside 1–6 and list starts past nine digits are refused.
    let input = put(
        d,
        "levels.json",
        r#"{"blocks":[{"type":"heading","level":99,"content":[{"type":"text","text":"x"}]}]}"#,
    );
    let run = convert_in(d, &input, &d.join("levels.md"), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("heading level 99 is not between 1 and 6"),
        "{}",
        run.stderr
    );
}

/// Item 4: inputs on which a reader or writer was quadratic (one long unbreakable line,
/// a long paragraph, many footnotes, many link references, many references to one note,
/// many inline HTML tags, many headings in a row) convert to every format within the bound; the full scaling is
/// measured by `scripts/bench-hostile.sh`.
#[test]
fn inputs_that_were_quadratic_convert_within_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let notes: String = (0..3_000)
        .map(|i| format!("text[^{i}] "))
        .collect::<String>()
        + "\n\n"
        + &(0..3_000)
            .map(|i| format!("[^{i}]: note {i}\n"))
            .collect::<String>();
    let refs: String = (0..10_000).map(|i| format!("[l{i}] ")).collect::<String>()
        + "\n\n"
        + &(0..10_000)
            .map(|i| format!("[l{i}]: http://e.com/{i}\n"))
            .collect::<String>();
    let cases = [
        ("run.txt", "x".repeat(300_000) + "\n"),
        ("code.md", format!("```\n{}\n```\n", "ab".repeat(100_000))),
        ("para.md", "ab ".repeat(60_000) + "\n"),
        ("spaces.md", format!("a{}b\n", " \u{3000}".repeat(50_000))),
        ("stars.md", "a*b ".repeat(30_000) + "\n"),
        ("divs.md", format!("a {}\n", "<div>".repeat(30_000))),
        ("lts.md", format!("a {}\n", "<a".repeat(30_000))),
        ("notes.md", notes),
        ("refs.md", refs),
        (
            "noterefs.md",
            "a[^1] ".repeat(10_000) + "\n\n[^1]: the note\n",
        ),
        // Each heading looked at every heading after it to see what it keeps with.
        (
            "headings.md",
            (0..30_000).map(|i| format!("# h{i}\n")).collect(),
        ),
    ];
    for (name, text) in cases {
        let input = put(dir.path(), name, text);
        for format in FORMATS {
            let out = dir.path().join(format!("{name}.{format}"));
            let run = convert_in(dir.path(), &input, &out, &[]);
            assert_eq!(run.code, 0, "{name} → {format}: {}", run.stderr);
            println!("{name} → {format}: {:?}", run.time);
        }
    }
}

/// Generated inputs of every kind the matrix knows, each to every format: a valid output
/// or one clear line, never a crash, hang or leftover.
#[test]
fn hostile_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut random = 0x2545_F491_4F6C_DD1Du64;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                random as u8
            })
            .collect()
    };
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", vec![]),
        ("blank.txt", b" \n\t\n\r\n".to_vec()),
        ("bom-only.txt", b"\xEF\xBB\xBF".to_vec()),
        ("nul.txt", b"a\0b\0\0c".to_vec()),
        ("cr-only.txt", b"one\rtwo\r\rthree".to_vec()),
        ("controls.txt", (0u8..32).chain([127]).collect()),
        ("lone-surrogate.json", br#"{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"\ud800"}]}]}"#.to_vec()),
        ("deep.json", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
        ("truncated.json", br#"{"blocks":[{"type":"paragraph","#.to_vec()),
        ("wrong-type.json", br#"{"blocks":"nope"}"#.to_vec()),
        ("start.json", br#"{"blocks":[{"type":"list","kind":{"ordered":{"start":18446744073709551615}},"tight":true,"items":[]}]}"#.to_vec()),
        ("pdf-in-disguise.md", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec()),
        ("zip-in-disguise.txt", b"PK\x03\x04\x14\x00\x00\x00".to_vec()),
        ("html.md", b"<script>alert(1)</script>\n\n<div><p>unclosed\n\n<!-- x".to_vec()),
        ("entities.md", "&#0; &#xD800; &#x10FFFF; &#1114112; &nbsp;&amp;&lt;\n".repeat(200).into_bytes()),
        ("table.md", format!("|{}\n|{}\n|{}\n", "a|".repeat(2_000), "-|".repeat(2_000), "b|".repeat(2_000)).into_bytes()),
        ("long-word.md", format!("{}\n", "supercalifragilistic".repeat(5_000)).into_bytes()),
        ("headings.md", "# a\n## b\n### c\n#### d\n##### e\n###### f\n####### g\n".repeat(300).into_bytes()),
        ("links.md", "[a](javascript:alert(1)) <http://x> [b](<> \"t\") ![i](http://e.com/i.png)\n".repeat(200).into_bytes()),
        ("gongwen.txt", "第一章 总则\n第一条 为了\n（一）一\n1. 二\n（1）三\n".repeat(2_000).into_bytes()),
        ("rtl-mix.txt", "中文 English العربية עברית 한국어 ไทย 😀\u{200f}\u{202e}\n".repeat(300).into_bytes()),
        ("combining.txt", format!("a{}\n", "\u{301}".repeat(20_000)).into_bytes()),
        ("zwj.txt", "👨\u{200d}".repeat(10_000).into_bytes()),
        ("tabs.txt", format!("{}x\n", "\t".repeat(50_000)).into_bytes()),
        ("many-lines.txt", "一\n".repeat(100_000).into_bytes()),
    ];
    cases.push(("random.bin.txt", noise(20_000)));
    cases.push(("random.md", noise(20_000)));
    cases.push(("random.json", noise(5_000)));
    let mut bad_utf8 = "正文".repeat(1000).into_bytes();
    bad_utf8[1001] = 0xC0;
    cases.push(("bad-utf8.md", bad_utf8));
    for (name, bytes) in cases {
        let input = put(d, name, bytes);
        // Its image URL leads nowhere: fetched by no test.
        let args: &[&str] = if name == "links.md" {
            &["--sandbox"]
        } else {
            &[]
        };
        for format in FORMATS {
            let out = d.join(format!("out-{name}.{format}"));
            convert_in(d, &input, &out, args);
        }
    }
}
