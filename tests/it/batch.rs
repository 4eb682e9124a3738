//! Batch runs over a tree: walking, the report, repeatability, `--changed-only`, shards,
//! `--fail-on-warning`, `--fail-fast`, completions and the manual page.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::cli::{cjkdoc, fixture};

fn put(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The 50 inputs of the tree (relative paths), and what it holds besides: an ignored
/// folder, a hidden file, files of other kinds.
struct Tree {
    dir: tempfile::TempDir,
    inputs: Vec<String>,
}

impl Tree {
    fn docs(&self) -> PathBuf {
        self.dir.path().join("docs")
    }
}

/// 50 mixed inputs: UTF-8, GB18030, UTF-16LE/BE text, Markdown with images (one missing),
/// one undecodable file; plus a file in a .gitignored folder, a hidden one, and a PNG and
/// a JSON file that are not documents.
fn tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let texts: Vec<(&str, String)> = ["seed.txt", "text/notice.txt", "text/regulation.txt"]
        .iter()
        .map(|f| (*f, std::fs::read_to_string(fixture(f)).unwrap()))
        .collect();
    let english = std::fs::read_to_string(fixture("text/english.txt")).unwrap();
    let mut inputs = Vec::new();
    let mut add = |rel: String, bytes: &[u8]| {
        put(&docs.join(&rel), bytes);
        inputs.push(rel);
    };
    for i in 0..14 {
        let (name, text) = &texts[i % texts.len()];
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        let text = format!("第{}号\n{text}", i + 1);
        add(format!("utf8/{stem}-{i:02}.txt"), text.as_bytes());
    }
    for i in 0..4 {
        add(format!("english/doc-{i}.txt"), english.as_bytes());
    }
    for i in 0..8 {
        let (name, text) = &texts[i % texts.len()];
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        let (bytes, _, bad) = encoding_rs::GB18030.encode(text);
        assert!(!bad);
        add(format!("gb18030/{stem}-{i}.txt"), &bytes);
    }
    for i in 0..6 {
        let (_, text) = &texts[i % texts.len()];
        let mut bytes = if i % 2 == 0 {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let b = if i % 2 == 0 {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&b);
        }
        add(format!("utf16/doc-{i}.txt"), &bytes);
    }
    let markdown = [
        "markdown/every-construct.md",
        "markdown/report.md",
        "markdown/report-english.md",
        "markdown/gongwen.md",
        "markdown/edge-cases.md",
    ];
    for i in 0..17 {
        let name = markdown[i % markdown.len()];
        let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read(fixture(name)).unwrap();
        add(format!("md/{}/{stem}-{i:02}.md", i % 3), &text);
    }
    for d in 0..3 {
        for img in ["chart.png", "photo.jpg"] {
            let bytes = std::fs::read(fixture(&format!("markdown/{img}"))).unwrap();
            put(&docs.join(format!("md/{d}/{img}")), &bytes);
        }
    }
    // Undecodable: bytes that are no text in any encoding.
    add(
        "broken/binary.txt".into(),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00",
    );
    assert_eq!(inputs.len(), 50);
    put(&docs.join(".gitignore"), b"drafts/\n");
    put(&docs.join("drafts/not-this.txt"), "草稿\n".as_bytes());
    put(&docs.join(".hidden.md"), b"# hidden\n");
    put(&docs.join("data/config.json"), b"{}\n");
    inputs.sort();
    Tree { dir, inputs }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Every file under `dir` (relative path → bytes), but the state file and reports.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel != ".cjkdoc-state.json" && !rel.ends_with("report.json") {
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out
}

fn statuses(report: &Value) -> BTreeMap<String, String> {
    report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["key"].as_str().unwrap().to_string(),
                i["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ALL: &str = "pdf,docx,md,html,json";

fn convert(tree: &Tree, out: &str, extra: &[&str]) -> (i32, Value, String) {
    let root = tree.dir.path();
    let report = root.join(format!("{out}-report.json"));
    let result = cjkdoc()
        .current_dir(root)
        .args(["convert", "docs", "--out-dir", out, "--report"])
        .arg(&report)
        .args(extra)
        .env("CI", "true")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    (result.status.code().unwrap(), read_json(&report), stderr)
}

#[test]
fn a_tree_of_fifty_inputs_converts_reports_repeats_skips_and_shards() {
    let tree = tree();
    let root = tree.dir.path();
    let (code, report, stderr) = convert(&tree, "out", &["--to", ALL]);
    assert_eq!(code, 1, "{stderr}");

    // The report lists every input (not the ignored, hidden or non-document files).
    assert_eq!(report["version"], 1);
    assert_eq!(report["cjkdoc"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        report["options"]["to"],
        serde_json::json!(["pdf", "docx", "md", "html", "json"])
    );
    let keys: Vec<String> = statuses(&report).into_keys().collect();
    assert_eq!(keys, tree.inputs);
    let failed: Vec<_> = statuses(&report)
        .into_iter()
        .filter(|(_, s)| s != "converted")
        .collect();
    assert_eq!(
        failed,
        [("broken/binary.txt".to_string(), "failed".to_string())]
    );
    let totals = &report["totals"];
    assert_eq!(
        (
            totals["inputs"].as_u64(),
            totals["converted"].as_u64(),
            totals["failed"].as_u64()
        ),
        (Some(50), Some(49), Some(1))
    );
    assert_eq!(totals["outputs"], 49 * 5);

    // The bad file named on one line, then the summary; warnings one line each.
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("cjkdoc: warning: "))
        .collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(
        errors[0].starts_with("cjkdoc: docs/broken/binary.txt: "),
        "{stderr}"
    );
    let warnings = totals["warnings"].as_u64().unwrap();
    assert!(
        errors[1].starts_with("cjkdoc: converted 49 of 50 files (245 outputs) in ")
            && errors[1].ends_with(&format!(" s; 1 failed; {warnings} warnings")),
        "{stderr}"
    );
    let warning_lines = stderr
        .lines()
        .filter(|l| l.starts_with("cjkdoc: warning: "));
    assert_eq!(warning_lines.count() as u64, warnings, "{stderr}");

    // Each listed output is on disk with the size and hash reported; the layout mirrors
    // the tree; the guessed encodings and the missing image are warnings of their kinds.
    let out = files(&root.join("out"));
    assert_eq!(out.len(), 49 * 5);
    let mut kinds = BTreeMap::<String, usize>::new();
    for input in report["inputs"].as_array().unwrap() {
        for o in input["outputs"].as_array().unwrap() {
            let rel = o["path"].as_str().unwrap().strip_prefix("out/").unwrap();
            let bytes = &out[rel];
            assert_eq!(o["bytes"].as_u64(), Some(bytes.len() as u64));
            use sha2::Digest;
            let hex: String = sha2::Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(o["sha256"].as_str(), Some(hex.as_str()));
        }
        for w in input["warnings"].as_array().unwrap() {
            *kinds.entry(w["kind"].as_str().unwrap().into()).or_default() += 1;
        }
    }
    assert!(out.contains_key("md/1/report-01.pdf") && out.contains_key("gb18030/seed-0.docx"));
    assert_eq!(kinds.get("encoding"), Some(&8), "{kinds:?}");
    assert!(kinds.get("image").is_some_and(|&n| n >= 4), "{kinds:?}");
    let gb = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "gb18030/seed-0.txt")
        .unwrap();
    assert_eq!(gb["warnings"][0]["message"], "decoded as GB18030 (guessed)");

    // A second run into another folder writes the same bytes.
    let (code, _, _) = convert(&tree, "again", &["--to", ALL]);
    assert_eq!(code, 1);
    assert!(
        files(&root.join("again")) == out,
        "a second run wrote other bytes"
    );

    // --changed-only: nothing converted; every input skipped but the broken one (it has
    // no outputs, so it is tried again and fails again).
    let (code, report, stderr) = convert(&tree, "out", &["--to", ALL, "--changed-only"]);
    assert_eq!(code, 1);
    let s = statuses(&report);
    assert_eq!(s.values().filter(|v| *v == "skipped").count(), 49, "{s:?}");
    assert_eq!(s["broken/binary.txt"], "failed");
    assert!(
        stderr.contains("converted 0 of 50 files (0 outputs)"),
        "{stderr}"
    );
    let skipped = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "utf8/seed-00.txt")
        .unwrap();
    assert_eq!(skipped["outputs"].as_array().unwrap().len(), 5, "{skipped}");

    // Touch one input: exactly that one is converted.
    let touched = tree.docs().join("utf16/doc-3.txt");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    std::fs::File::options()
        .write(true)
        .open(&touched)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (_, report, _) = convert(&tree, "out", &["--to", ALL, "--changed-only"]);
    let converted: Vec<_> = statuses(&report)
        .into_iter()
        .filter(|(_, v)| v == "converted")
        .map(|(k, _)| k)
        .collect();
    assert_eq!(converted, ["utf16/doc-3.txt"]);
    // Other options: everything again.
    let (_, report, _) = convert(&tree, "out", &["--to", ALL, "--changed-only", "--toc"]);
    assert_eq!(report["totals"]["converted"], 49);

    // Shards 1/3, 2/3 and 3/3 together write exactly the files of the unsharded run.
    let mut sharded = BTreeMap::new();
    let mut taken = 0;
    for k in 1..=3 {
        let (_, report, _) = convert(
            &tree,
            &format!("shard{k}"),
            &["--to", ALL, "--shard", &format!("{k}/3")],
        );
        let n = report["totals"]["inputs"].as_u64().unwrap();
        assert!((5..35).contains(&n), "shard {k}/3 took {n} of 50");
        taken += n;
        for (rel, bytes) in files(&root.join(format!("shard{k}"))) {
            assert!(
                sharded.insert(rel.clone(), bytes).is_none(),
                "{rel} in two shards"
            );
        }
    }
    assert_eq!(taken, 50);
    assert!(
        sharded == out,
        "the shards wrote other files than the whole run"
    );
}

#[test]
fn excludes_patterns_and_writing_beside_the_inputs() {
    let tree = tree();
    let root = tree.dir.path();
    // A pattern, quoted, with an exclusion; without --out-dir, outputs go beside inputs.
    let out = cjkdoc()
        .current_dir(root)
        .args([
            "convert",
            "docs/**/*.md",
            "--exclude",
            "md/1/",
            "--exclude",
            "*edge*",
            "--to",
            "html,json",
        ])
        .args(["--report", "-", "-q"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "-q printed {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<String> = statuses(&report).into_keys().collect();
    let expected: Vec<String> = tree
        .inputs
        .iter()
        .filter(|k| k.ends_with(".md") && !k.starts_with("md/1/") && !k.contains("edge"))
        .cloned()
        .collect();
    assert_eq!(keys, expected);
    assert!(keys.len() >= 8);
    // Without --out-dir the outputs are beside each input; excluded ones get none.
    assert!(root.join("docs/md/0/every-construct-00.json").exists());
    assert!(root.join("docs/md/0/every-construct-00.html").exists());
    assert!(!root.join("docs/md/1/every-construct-01.json").exists());
    assert!(!root.join("docs/md/2/edge-cases-14.json").exists());
}

#[test]
fn fail_on_warning_and_fail_fast() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(&root.join("in/a.txt"), "一段文字。\n".as_bytes());
    let (gb, _, _) =
        encoding_rs::GB18030.encode("这是一段用国标编码写成的中文文字，用来猜测编码。\n");
    put(&root.join("in/b.txt"), &gb);
    put(&root.join("in/c.txt"), "又一段。\n".as_bytes());
    let run = |extra: &[&str]| {
        let out = cjkdoc()
            .current_dir(root)
            .args([
                "convert",
                "in",
                "--to",
                "md",
                "--out-dir",
                "out",
                "--report",
                "r.json",
                "-j",
                "1",
            ])
            .args(extra)
            .env("CI", "1")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            read_json(&root.join("r.json")),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, report, stderr) = run(&[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("cjkdoc: warning: in/b.txt: decoded as GB18030 (guessed)"),
        "{stderr}"
    );
    std::fs::remove_dir_all(root.join("out")).unwrap();

    let (code, report2, stderr) = run(&["--fail-on-warning"]);
    assert_eq!(code, 1, "{stderr}");
    let s = statuses(&report2);
    assert_eq!(s["b.txt"], "failed");
    assert_eq!(
        (s["a.txt"].as_str(), s["c.txt"].as_str()),
        ("converted", "converted")
    );
    assert!(report2["inputs"][1]["error"]
        .as_str()
        .unwrap()
        .contains("--fail-on-warning"));
    assert!(
        !root.join("out/b.md").exists(),
        "a failed input's output was written"
    );
    assert!(root.join("out/c.md").exists());
    assert_eq!(report["inputs"][1]["warnings"][0]["kind"], "encoding");

    let (code, report, _) = run(&["--fail-on-warning", "--fail-fast"]);
    assert_eq!(code, 1);
    let s = statuses(&report);
    assert_eq!(
        (
            s["a.txt"].as_str(),
            s["b.txt"].as_str(),
            s["c.txt"].as_str()
        ),
        ("converted", "failed", "cancelled")
    );
    assert!(report["options"]["fail_fast"].as_bool().unwrap());
}

#[test]
fn usage_errors_of_batch_options() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    put(&root.join("in/a.txt"), "一段。\n".as_bytes());
    std::fs::create_dir(root.join("empty")).unwrap();
    let err = |args: &[&str]| {
        let out = cjkdoc().current_dir(root).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(err(&["convert", "in", "--to", "md", "--shard", "4/3"]).contains("--shard 4/3"));
    assert!(err(&["convert", "empty", "--to", "md"]).contains("empty: no documents found"));
    assert!(err(&["convert", "in/*.docx", "--to", "md"]).contains("matches no documents"));
    assert!(err(&["convert", "in", "-o", "x.md"]).contains("-o takes one input"));
    assert!(err(&["convert", "in/a.txt", "--to", "md", "--report", "-"]).contains("--report -"));
    assert!(
        err(&["convert", "in", "--to", "md", "--report", "in/a.txt"])
            .contains("an input or an output")
    );
    assert!(err(&["convert", "in", "--to", "md", "-j", "0"]).contains("0"));
    put(&root.join("in/b.md"), "# 标题\n".as_bytes());
    assert!(err(&["convert", "in", "--to", "md"])
        .contains("in/b.md: refusing to overwrite an input file (give --out-dir)"));
}

#[test]
fn completions_and_manual_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = cjkdoc().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("changed-only") && text.contains("convert"),
            "{shell}"
        );
    }
    let out = cjkdoc().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH cjkdoc 1"),
        "{page:.200}"
    );
    assert!(page.contains("convert"));
    let dir = tempfile::tempdir().unwrap();
    cjkdoc()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let convert = std::fs::read_to_string(dir.path().join("cjkdoc-convert.1")).unwrap();
    assert!(convert.contains("changed\\-only"), "{convert:.300}");
    for name in [
        "cjkdoc.1",
        "cjkdoc-fonts.1",
        "cjkdoc-style.1",
        "cjkdoc-completions.1",
        "cjkdoc-man.1",
    ] {
        assert!(dir.path().join(name).exists(), "{name}");
    }
}
