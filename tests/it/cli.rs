//! The `cjkdoc` command line: format inference, stdin/stdout, destinations and errors.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

fn cjkdoc() -> Command {
    Command::cargo_bin("cjkdoc").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A one-line error on stderr, starting with `cjkdoc: `.
fn one_line_error(stderr: &[u8], needle: &str) {
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
    one_line_error(&out.stderr, "bad.txt: ");
    for i in 0..8 {
        let json = std::fs::read_to_string(out_dir.join(format!("in{i}.json"))).unwrap();
        assert!(json.contains(&format!("第{i}段")));
    }
    assert!(!out_dir.join("bad.json").exists());
}
