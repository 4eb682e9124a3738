//! The external conformance tools some tests run (poppler's `pdftotext` and `pdffonts`,
//! `qpdf`, `pandoc`, LibreOffice's `soffice`, and the OOXML schema check in
//! `../shared/tools`).
//!
//! A test that needs a tool asks [`tool`] for it. When the tool is missing the check is
//! skipped with a line `skipped: <test>: <tool> not installed` — unless the environment
//! variable `CJKDOC_REQUIRE_TOOLS=1` is set (CI sets it once it has installed them all), in
//! which case a missing tool fails the test: a CI run never passes by skipping.
//!
//! ```ignore
//! let Some(pdftotext) = tools::tool("pdftotext") else {
//!     return;
//! };
//! let out = Command::new(pdftotext).arg(&path).arg("-").output().unwrap();
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that turns a missing tool into a test failure.
pub const REQUIRE_TOOLS: &str = "CJKDOC_REQUIRE_TOOLS";

/// The executable `name` as found on `PATH`, to run with `Command::new`.
///
/// `None` when it is not installed: the caller skips its check (this prints
/// `skipped: <test>: <name> not installed`). With `CJKDOC_REQUIRE_TOOLS=1`, a missing tool
/// panics instead.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    });
    if found.is_none() {
        missing(name);
    }
    found
}

/// Validate every XML part of the `.docx` files `paths` against the ECMA-376 schemas with
/// `../shared/tools/ooxml_validate.py` (run by `python3`, which needs the `lxml` module),
/// and assert that none is invalid (the script's last line, `ooxml: N parts, 0 invalid`).
///
/// Returns whether the check ran: when python3, lxml or the script is missing it is skipped
/// like [`tool`] (and fails under `CJKDOC_REQUIRE_TOOLS=1`).
pub fn ooxml_validate(paths: &[&Path]) -> bool {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/ooxml_validate.py");
    if !script.is_file() {
        missing("../shared/tools/ooxml_validate.py");
        return false;
    }
    let Some(python) = tool("python3") else {
        return false;
    };
    let lxml = Command::new(&python)
        .args(["-c", "import lxml.etree"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !lxml {
        missing("lxml (the python3 module)");
        return false;
    }
    let out = Command::new(&python)
        .arg(&script)
        .args(paths)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("");
    assert!(
        last.starts_with("ooxml: ") && last.ends_with(" 0 invalid"),
        "{} found invalid parts in {paths:?}:\n{stdout}{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// The text of one `<line …>` element of `pdftotext -bbox-layout`'s output: its words
/// joined (Chinese has no spaces between them; Latin words lose theirs).
pub fn bbox_line_text(line: &str) -> String {
    line.split("<word")
        .skip(1)
        .map(|w| {
            let start = w.find('>').unwrap() + 1;
            &w[start..w.find("</word>").unwrap()]
        })
        .collect()
}

/// Report that `what` is missing: skip, or fail under `CJKDOC_REQUIRE_TOOLS=1`.
fn missing(what: &str) {
    let thread = std::thread::current();
    let test = thread.name().filter(|n| *n != "main").unwrap_or("test");
    if std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| v == "1") {
        panic!("{test}: {what} not installed, and {REQUIRE_TOOLS}=1 requires it");
    }
    eprintln!("skipped: {test}: {what} not installed");
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}
