//! The README's "Use in CI" workflows: both parse as YAML, have the shape their CI needs,
//! and their `cjkdoc` command lines, run as the CI would run them (every shard), together
//! convert the tree exactly once.

use serde_norway::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The YAML blocks of the "Use in CI" section, in order.
fn workflows() -> Vec<Value> {
    let text = readme();
    let start = text
        .find("\n## Use in CI\n")
        .expect("no \"Use in CI\" section");
    let section = &text[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(i) = rest.find("```yaml\n") {
        let body = &rest[i + 8..];
        let end = body.find("\n```").expect("unclosed block");
        blocks.push(serde_norway::from_str(&body[..end]).expect("not YAML"));
        rest = &body[end..];
    }
    assert_eq!(blocks.len(), 2, "expected a GitHub and a GitLab workflow");
    blocks
}

/// The lines of a shell script that run cjkdoc.
fn cjkdoc_lines(script: &str) -> Vec<String> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cjkdoc "))
        .map(String::from)
        .collect()
}

/// A repository with a `docs/` tree of the fixtures.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for (from, to) in [
        ("seed.txt", "docs/seed.txt"),
        ("text/notice.txt", "docs/notices/notice.txt"),
        ("text/regulation.txt", "docs/notices/regulation.txt"),
        ("text/english.txt", "docs/english.txt"),
        ("markdown/report.md", "docs/reports/report.md"),
        (
            "markdown/report-english.md",
            "docs/reports/report-english.md",
        ),
        ("markdown/gongwen.md", "docs/gongwen.md"),
    ] {
        let to = dir.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixtures.join(from), to).unwrap();
    }
    dir
}

/// Run `line` with `sh` in `dir`, cjkdoc on the PATH, and the variables `env`.
fn run(dir: &Path, line: &str, env: &[(&str, String)]) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_cjkdoc"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .args(["-c", line])
        .current_dir(dir)
        .env("PATH", path)
        .env("CI", "true")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{line}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The outputs under `dir/out` (relative path → bytes), without reports and state.
fn outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.join("out")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                stack.push(p);
            } else if !is_report(&name) && name != ".cjkdoc-state.json" {
                let rel = p.strip_prefix(dir.join("out")).unwrap();
                found.insert(rel.display().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    found
}

fn is_report(name: &str) -> bool {
    name.starts_with("report") && name.ends_with(".json")
}

/// The report a job wrote into `dir/out`.
fn report(dir: &Path) -> serde_json::Value {
    let path = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| is_report(&p.file_name().unwrap().to_string_lossy()))
        .expect("no report written");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Run every shard's `lines` (each in its own checkout, as CI jobs are) and check that
/// together they wrote what one unsharded run writes, each file once.
fn check_shards(
    lines: &[String],
    shards: u64,
    env_of: &dyn Fn(u64) -> Vec<(&'static str, String)>,
    subst: &dyn Fn(&str, u64) -> String,
) {
    assert!(!lines.is_empty(), "no cjkdoc command line");
    let mut union = BTreeMap::new();
    for k in 1..=shards {
        let dir = repo();
        for line in lines {
            run(dir.path(), &subst(line, k), &env_of(k));
        }
        let first = report(dir.path());
        assert_eq!(first["options"]["shard"], format!("{k}/{shards}"));
        assert_eq!(first["totals"]["failed"], 0);
        for (rel, bytes) in outputs(dir.path()) {
            assert!(
                union.insert(rel.clone(), bytes).is_none(),
                "{rel} in two shards"
            );
        }
        // A second run of the job converts nothing (the outputs are up to date).
        for line in lines {
            run(dir.path(), &subst(line, k), &env_of(k));
        }
        let again = report(dir.path());
        assert_eq!(again["totals"]["converted"], 0, "{}", again["totals"]);
        assert_eq!(again["totals"]["skipped"], first["totals"]["inputs"]);
    }
    let whole = repo();
    run(
        whole.path(),
        "cjkdoc convert docs --to pdf,docx --out-dir out -q",
        &[],
    );
    let expected = outputs(whole.path());
    assert_eq!(expected.len(), 14);
    assert_eq!(
        union.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    assert!(
        union == expected,
        "the shards wrote other bytes than one run"
    );
}

#[test]
fn the_github_workflow_converts_the_tree_once_over_its_shards() {
    let github = &workflows()[0];
    let job = &github["jobs"]["convert"];
    let shards = job["strategy"]["matrix"]["shard"]
        .as_sequence()
        .expect("a matrix of shards");
    assert_eq!(shards.len(), 3);
    let steps = job["steps"].as_sequence().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.iter().any(|u| u.starts_with("actions/cache@")),
        "{uses:?}"
    );
    assert!(
        uses.iter()
            .any(|u| u.starts_with("actions/upload-artifact@")),
        "{uses:?}"
    );
    let lines: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(cjkdoc_lines)
        .collect();
    assert!(
        lines.iter().all(|l| l.contains("${{ matrix.shard }}")),
        "{lines:?}"
    );
    check_shards(&lines, 3, &|_| Vec::new(), &|line, k| {
        line.replace("${{ matrix.shard }}", &k.to_string())
    });
}

#[test]
fn the_gitlab_job_converts_the_tree_once_over_its_parallel_jobs() {
    let gitlab = &workflows()[1];
    let job = &gitlab["documents"];
    let parallel = job["parallel"].as_u64().expect("parallel: N");
    assert!(job["artifacts"]["paths"].as_sequence().is_some());
    assert!(job["cache"].as_sequence().is_some());
    let lines: Vec<String> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .flat_map(cjkdoc_lines)
        .collect();
    check_shards(
        &lines,
        parallel,
        &|k| {
            vec![
                ("CI_NODE_INDEX", k.to_string()),
                ("CI_NODE_TOTAL", parallel.to_string()),
            ]
        },
        &|line, _| line.to_string(),
    );
}
