//! The `cjkdoc` command line: format inference, stdin/stdout, destinations and errors.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

/// The binary, with its image cache in a folder of the test run's own (never the user's)
/// and no proxy from the environment (the tests' HTTP servers are on loopback).
pub(crate) fn cjkdoc() -> Command {
    let mut c = Command::cargo_bin("cjkdoc").unwrap();
    c.env("CJKDOC_CACHE_DIR", test_cache_dir());
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        c.env_remove(var);
    }
    c
}

/// The image cache of this test run, in the temporary folder (tests that count requests
/// give their own `--cache-dir`).
pub(crate) fn test_cache_dir() -> PathBuf {
    std::env::temp_dir().join(format!("cjkdoc-test-cache-{}", std::process::id()))
}

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A one-line error on stderr, starting with `cjkdoc: `.
pub(crate) fn one_line_error(stderr: &[u8], needle: &str) {
    let s = String::from_utf8_lossy(stderr);
    assert_eq!(s.lines().count(), 1, "not one line: {s:?}");
    assert!(s.starts_with("cjkdoc: "), "{s:?}");
    assert!(s.contains(needle), "{s:?} lacks {needle:?}");
}

#[test]
fn text_to_json_on_stdout_keeps_every_line() {
    let out = cjkdoc()
        .args([
            "convert",
            fixture("seed.txt").to_str().unwrap(),
            "--to",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: cjkdoc::doc::Document = serde_json::from_slice(&out).unwrap();
    let text: String = doc.blocks.iter().map(cjkdoc::doc::block_text).collect();
    let seed = std::fs::read_to_string(fixture("seed.txt")).unwrap();
    let expected: String = seed.lines().collect();
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(strip(&text), strip(&expected));
    assert_eq!(text.matches('*').count(), seed.matches('*').count());
}

#[test]
fn output_format_from_extension_and_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.json");
    cjkdoc()
        .args(["convert", fixture("seed.txt").to_str().unwrap(), "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let json = std::fs::read_to_string(&out).unwrap();
    assert!(json.contains("\"type\": \"paragraph\""));

    let sub = dir.path().join("made/here");
    cjkdoc()
        .args([
            "convert",
            fixture("seed.txt").to_str().unwrap(),
            "--to",
            "json",
        ])
        .arg("--out-dir")
        .arg(&sub)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(sub.join("seed.json")).unwrap(),
        json
    );
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(&sub)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["seed.json"]);
}

#[test]
fn stdin_needs_from_for_text_and_writes_stdout() {
    cjkdoc()
        .args(["convert", "-", "--from", "txt", "--to", "json"])
        .write_stdin("第一段\n\nsecond\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("第一段").and(predicate::str::contains("second")));
}

#[test]
fn missing_input_is_a_one_line_error() {
    let out = cjkdoc()
        .args(["convert", "no-such-file.txt", "--to", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "no-such-file.txt: cannot read: no such file");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = cjkdoc()
        .args(["convert", "a.txt", "--to", "rtf"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "unknown format 'rtf'");
    let out = cjkdoc()
        .args(["convert", "a.weird", "--to", "md"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "a.weird: cannot tell the input format");
}

#[test]
fn unimplemented_output_says_so() {
    let out = cjkdoc()
        .args([
            "convert",
            fixture("seed.txt").to_str().unwrap(),
            "--to",
            "txt",
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "plain text output is not implemented yet");
}

#[test]
fn never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.json");
    std::fs::write(&input, "{\"blocks\": []}").unwrap();
    let out = cjkdoc()
        .current_dir(dir.path())
        .args(["convert", "a.json", "-o", "./a.json"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "refusing to overwrite an input");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "{\"blocks\": []}");
}

#[test]
fn bad_input_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.txt");
    std::fs::write(&input, b"ok\n\xff\xfe\x00bad").unwrap();
    let output = dir.path().join("bad.json");
    let out = cjkdoc()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .code(1)
        .get_output()
        .clone();
    one_line_error(&out.stderr, "bad.txt: ");
    assert!(!output.exists());
}

#[test]
fn fonts_lists_the_bundled_families() {
    cjkdoc().arg("fonts").assert().success().stdout(
        predicate::str::contains("Noto Serif SC")
            .and(predicate::str::contains("Noto Sans SC"))
            .and(predicate::str::contains("Noto Sans Mono")),
    );
}

#[test]
fn fonts_lists_the_faces_of_font_dirs_after_the_bundled_ones() {
    let dir = "/usr/share/fonts/truetype/lxgw-wenkai";
    if !Path::new(dir).is_dir() {
        eprintln!("skipped: fonts_lists_the_faces_of_font_dirs: {dir} is not installed");
        return;
    }
    let out = cjkdoc()
        .args(["fonts", "--font-dir", dir])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Noto Serif SC"), "{out}");
    let regular = lines
        .iter()
        .position(|l| l.contains("LXGWWenKai-Regular.ttf"))
        .expect("the regular face");
    let line = lines[regular];
    for needle in [
        "LXGW WenKai / 霞鹜文楷",
        "Regular",
        "TrueType",
        "installable",
        dir,
    ] {
        assert!(line.contains(needle), "{line:?} lacks {needle:?}");
    }
    assert!(regular > lines.iter().rposition(|l| l.starts_with("Noto")).unwrap());
}

#[test]
fn a_font_dir_that_is_not_a_directory_is_a_usage_error() {
    for args in [
        vec!["fonts", "--font-dir", "no-such-dir"],
        vec!["convert", "-", "--to", "md", "--font-dir", "no-such-dir"],
    ] {
        let out = cjkdoc().args(&args).write_stdin("x").assert().code(2);
        one_line_error(
            &out.get_output().stderr,
            "--font-dir no-such-dir: not a directory",
        );
    }
}

#[test]
fn convert_accepts_font_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("seed.pdf");
    cjkdoc()
        .args(["convert", fixture("seed.txt").to_str().unwrap(), "-o"])
        .arg(&output)
        .args(["--font-dir", dir.path().to_str().unwrap(), "--font-dir"])
        .arg(fixture("text"))
        .assert()
        .success();
    assert!(std::fs::read(&output).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn help_shows_examples() {
    cjkdoc()
        .args(["convert", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:").and(predicate::str::contains("--out-dir")));
}

#[test]
fn batch_converts_the_good_inputs_and_names_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for i in 0..8 {
        let p = dir.path().join(format!("in{i}.txt"));
        std::fs::write(&p, format!("第{i}段\n")).unwrap();
        inputs.push(p);
    }
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    inputs.insert(3, bad);
    let out_dir = dir.path().join("out");
    let out = cjkdoc()
        .arg("convert")
        .args(&inputs)
        .args(["--to", "json", "--out-dir"])
        .arg(&out_dir)
        .assert()
        .code(1)
        .get_output()
        .clone();
    // The bad file named on one line, then the summary.
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    one_line_error(lines[0].as_bytes(), "bad.txt: ");
    assert!(
        lines[1].starts_with("cjkdoc: converted 8 of 9 files (8 outputs) in ")
            && lines[1].ends_with(" s; 1 failed"),
        "{stderr}"
    );
    for i in 0..8 {
        let json = std::fs::read_to_string(out_dir.join(format!("in{i}.json"))).unwrap();
        assert!(json.contains(&format!("第{i}段")));
    }
    assert!(!out_dir.join("bad.json").exists());
}

#[test]
fn webp_gif_and_data_url_images_are_drawn_in_pdf_and_docx() {
    use base64::Engine;
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    // Three different pictures (the same one twice would be embedded once).
    let encoded = |format| {
        let mut out = Vec::new();
        let shade = match format {
            image::ImageFormat::WebP => 60,
            image::ImageFormat::Gif => 120,
            _ => 180,
        };
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            40,
            30,
            image::Rgb([shade, 0, 0]),
        ))
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .unwrap();
        out
    };
    // A WebP under a .png name: the content decides.
    std::fs::write(
        dir.path().join("photo.png"),
        encoded(image::ImageFormat::WebP),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("anim.gif"),
        encoded(image::ImageFormat::Gif),
    )
    .unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(encoded(image::ImageFormat::Png));
    let md = format!(
        "# 图片\n\n![照片](photo.png)\n\n![动图](anim.gif)\n\n![内嵌](data:image/png;base64,{data})\n"
    );
    std::fs::write(dir.path().join("a.md"), md).unwrap();
    for to in ["pdf", "docx"] {
        let run = cjkdoc()
            .current_dir(dir.path())
            .args(["convert", "a.md", "--style", "default", "--to", to])
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
        // No warning: every image was used.
        assert!(
            run.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    // Three pictures (a GIF decodes with transparency: it and its mask count once).
    assert_eq!(crate::hostile::pdf_images(&dir.path().join("a.pdf")), 3);
    let file = std::fs::File::open(dir.path().join("a.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let media: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/"))
        .map(str::to_owned)
        .collect();
    assert_eq!(media.len(), 3, "{media:?}");
    for name in media {
        let mut bytes = Vec::new();
        zip.by_name(&name).unwrap().read_to_end(&mut bytes).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{name} is not a PNG");
    }
}
