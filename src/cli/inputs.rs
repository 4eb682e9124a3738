//! The inputs of a `convert` run: each argument is standard input (`-`), a file, a
//! directory (walked) or a glob pattern; `--exclude` and `--shard` narrow the list.
//!
//! Directories are walked with the `ignore` crate: `.gitignore` and `.ignore` files are
//! honoured (inside a Git repository or not), hidden files and folders are skipped, the
//! output directory is never walked into, and only files in a document format cjkdoc reads
//! are taken (`.txt`, `.md`, …; not `.json`, which in a repository is rarely a cjkdoc tree).
//! Every input keeps its path relative to the directory or pattern base it was found under:
//! the outputs mirror that layout under `--out-dir`, and the shard is chosen by it.

use super::plan::UsageError;
use crate::{read, Format};
use globset::GlobBuilder;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};

/// One input found from the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path to read (as given, or the walk's path under the directory given); `None`
    /// for standard input.
    pub path: Option<PathBuf>,
    /// The path relative to where it was found (the file name for a file named directly):
    /// mirrored under `--out-dir`.
    pub rel: PathBuf,
    /// True when it came from a directory or a pattern rather than being named.
    pub walked: bool,
}

/// Part `K` of `N` (1-based) of the inputs, by a stable hash of each relative path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This part, 1 ≤ k ≤ n.
    pub k: u64,
    /// The number of parts.
    pub n: u64,
}

impl Shard {
    /// Parse `K/N`.
    pub fn parse(s: &str) -> Result<Shard, UsageError> {
        let bad = || {
            UsageError(format!(
                "--shard {s}: expected K/N with 1 ≤ K ≤ N, e.g. 2/3"
            ))
        };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (k, n) = (
            k.trim().parse::<u64>().map_err(|_| bad())?,
            n.trim().parse::<u64>().map_err(|_| bad())?,
        );
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }

    /// Whether the input with this key (its relative path, `/`-separated) is in the shard.
    /// The hash is SHA-256, the same on every machine and in every version.
    pub fn takes(&self, key: &str) -> bool {
        let digest = Sha256::digest(key.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % self.n == self.k - 1
    }
}

/// The key an input is known by in shards and in the state of `--changed-only`: its
/// relative path with `/` separators.
pub fn key(rel: &Path) -> String {
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// What to walk for, and what to leave out.
pub struct Selection<'a> {
    /// `--from`: every input is read as this format (walks still take known extensions).
    pub from: Option<Format>,
    /// `--exclude` patterns (gitignore syntax, relative to each directory walked).
    pub exclude: &'a [String],
    /// The output directory, never walked into.
    pub out_dir: Option<&'a Path>,
}

/// True for the formats a directory walk or a pattern takes: those with a reader, except
/// the JSON tree (a repository's `.json` files are configuration, not documents).
pub fn walked_format(f: Format) -> bool {
    f != Format::Json && read::reader(f).is_some()
}

fn has_glob_chars(s: &str) -> bool {
    s.contains(['*', '?', '[', '{'])
}

/// Expand the arguments into inputs, in argument order; a walk's files sorted by path.
pub fn expand(args: &[PathBuf], sel: &Selection) -> Result<Vec<Found>, UsageError> {
    let excluded = Exclusions::new(sel.exclude)?;
    let out_dir = sel.out_dir.and_then(|d| d.canonicalize().ok());
    let mut found = Vec::new();
    for arg in args {
        if arg == Path::new("-") {
            found.push(Found {
                path: None,
                rel: "stdin".into(),
                walked: false,
            });
            continue;
        }
        let text = arg.to_string_lossy();
        if arg.is_dir() {
            let before = found.len();
            walk(arg, None, sel, out_dir.as_deref(), &mut found)?;
            if found.len() == before {
                return Err(UsageError(format!(
                    "{}: no documents found in this directory (cjkdoc reads {})",
                    arg.display(),
                    known_extensions()
                )));
            }
        } else if !arg.exists() && has_glob_chars(&text) {
            let before = found.len();
            let (base, glob) = split_pattern(&text)?;
            walk(&base, Some(&glob), sel, out_dir.as_deref(), &mut found)?;
            if found.len() == before {
                return Err(UsageError(format!(
                    "{text}: the pattern matches no documents"
                )));
            }
        } else {
            // A file named directly (a missing one fails when it is read, naming it).
            if excluded.excludes(arg) {
                continue;
            }
            let rel = arg.file_name().map_or_else(|| arg.clone(), PathBuf::from);
            found.push(Found {
                path: Some(arg.clone()),
                rel,
                walked: false,
            });
        }
    }
    Ok(found)
}

fn known_extensions() -> String {
    Format::ALL
        .iter()
        .filter(|&&f| walked_format(f))
        .map(|f| format!(".{}", f.extension()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--exclude` patterns for files named directly: the same gitignore syntax as in walks,
/// relative to the current directory.
struct Exclusions(ignore::gitignore::Gitignore);

impl Exclusions {
    fn new(patterns: &[String]) -> Result<Exclusions, UsageError> {
        let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let mut builder = ignore::gitignore::GitignoreBuilder::new(root);
        for p in patterns {
            builder
                .add_line(None, p)
                .map_err(|e| UsageError(format!("--exclude {p}: {e}")))?;
        }
        builder
            .build()
            .map(Exclusions)
            .map_err(|e| UsageError(format!("--exclude: {e}")))
    }

    /// Whether `path` or a folder it is in is excluded. A path outside the current
    /// directory is judged by its file name.
    fn excludes(&self, path: &Path) -> bool {
        let inside = !path.has_root() || path.starts_with(self.0.path());
        let path = match (inside, path.file_name()) {
            (true, _) => path,
            (false, Some(name)) => Path::new(name),
            (false, None) => return false,
        };
        self.0.matched_path_or_any_parents(path, false).is_ignore()
    }
}

/// A pattern's base directory (its leading components without glob characters) and the
/// pattern itself, in which `*` does not cross `/` and `**` does.
fn split_pattern(text: &str) -> Result<(PathBuf, globset::GlobMatcher), UsageError> {
    let normal = text.replace('\\', "/");
    let mut base = PathBuf::new();
    for part in normal.split('/') {
        if has_glob_chars(part) {
            break;
        }
        base.push(if part.is_empty() { "/" } else { part });
    }
    let glob = GlobBuilder::new(normal.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .map_err(|e| UsageError(format!("{text}: bad pattern: {}", e.kind())))?;
    let base = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    Ok((base, glob.compile_matcher()))
}

/// Walk `dir`, pushing every document (matching `glob`, when given) with its path
/// relative to `dir`.
fn walk(
    dir: &Path,
    glob: Option<&globset::GlobMatcher>,
    sel: &Selection,
    out_dir: Option<&Path>,
    found: &mut Vec<Found>,
) -> Result<(), UsageError> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for p in sel.exclude {
        overrides
            .add(&format!("!{p}"))
            .map_err(|e| UsageError(format!("--exclude {p}: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| UsageError(format!("--exclude: {e}")))?;
    let out_dir = out_dir.map(Path::to_path_buf);
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .overrides(overrides)
        .sort_by_file_path(|a, b| a.cmp(b))
        .filter_entry(move |e| {
            let is_out = e.file_type().is_some_and(|t| t.is_dir())
                && out_dir
                    .as_deref()
                    .is_some_and(|o| e.path().canonicalize().is_ok_and(|p| p == o));
            !is_out
        })
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| UsageError(format!("{}: {e}", dir.display())))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Some(format) = Format::from_path(path) else {
            continue;
        };
        if !walked_format(format) && sel.from.is_none() {
            continue;
        }
        if let Some(g) = glob {
            let shown = path.strip_prefix("./").unwrap_or(path);
            if !g.is_match(shown) {
                continue;
            }
        }
        let rel = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
        found.push(Found {
            path: Some(path.to_path_buf()),
            rel,
            walked: true,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        for f in [
            "a.txt",
            "b.md",
            "data.json",
            "notes.rtf",
            "sub/c.txt",
            "sub/deep/d.markdown",
            "drafts/e.txt",
            ".hidden/f.txt",
            ".g.txt",
            "ignored/h.txt",
            "out/old.md",
        ] {
            let path = p.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        std::fs::write(p.join(".gitignore"), "ignored/\n").unwrap();
        dir
    }

    fn rels(found: &[Found]) -> Vec<String> {
        found.iter().map(|f| key(&f.rel)).collect()
    }

    #[test]
    fn walks_documents_honouring_ignores_hidden_excludes_and_the_out_dir() {
        let dir = tree();
        let out = dir.path().join("out");
        let exclude = vec!["drafts/".to_string()];
        let sel = Selection {
            from: None,
            exclude: &exclude,
            out_dir: Some(&out),
        };
        let found = expand(&[dir.path().to_path_buf()], &sel).unwrap();
        assert_eq!(
            rels(&found),
            ["a.txt", "b.md", "sub/c.txt", "sub/deep/d.markdown"]
        );
        assert!(found.iter().all(|f| f.walked));
        assert_eq!(
            found[2].path.as_deref(),
            Some(&*dir.path().join("sub/c.txt"))
        );
    }

    #[test]
    fn patterns_and_named_files() {
        let dir = tree();
        let sel = Selection {
            from: None,
            exclude: &[],
            out_dir: None,
        };
        let base = dir.path().display().to_string();
        let found = expand(&[PathBuf::from(format!("{base}/**/*.txt"))], &sel).unwrap();
        assert_eq!(rels(&found), ["a.txt", "drafts/e.txt", "sub/c.txt"]);
        let found = expand(&[PathBuf::from(format!("{base}/*.txt"))], &sel).unwrap();
        assert_eq!(rels(&found), ["a.txt"]);
        let named = dir.path().join("sub/c.txt");
        let found = expand(&[named.clone(), "-".into()], &sel).unwrap();
        assert_eq!(found[0].rel, Path::new("c.txt"));
        assert!(!found[0].walked);
        assert_eq!(found[1].path, None);
        let err = expand(&[PathBuf::from(format!("{base}/*.pdf"))], &sel).unwrap_err();
        assert!(err.0.contains("matches no documents"), "{err}");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let err = expand(&[empty], &sel).unwrap_err();
        assert!(err.0.contains("no documents found"), "{err}");
    }

    #[test]
    fn shards_split_the_keys_exactly_once_and_stably() {
        let keys: Vec<String> = (0..300).map(|i| format!("dir/file{i}.txt")).collect();
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for key in &keys {
            assert_eq!(shards.iter().filter(|s| s.takes(key)).count(), 1);
        }
        for s in &shards {
            let n = keys.iter().filter(|k| s.takes(k)).count();
            assert!((70..130).contains(&n), "shard {}/3 takes {n} of 300", s.k);
        }
        // The hash is fixed: these must never change between versions or machines.
        let mine: Vec<u64> = ["a.txt", "sub/c.txt", "报告/通知.md"]
            .iter()
            .map(|k| (1..=3).find(|&i| Shard { k: i, n: 3 }.takes(k)).unwrap())
            .collect();
        assert_eq!(mine, SHARDS_OF_KNOWN_KEYS);
        assert_eq!(Shard::parse("2/3"), Ok(Shard { k: 2, n: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    // Worked out independently: int(sha256(key)[:8], big-endian) % 3 + 1.
    const SHARDS_OF_KNOWN_KEYS: [u64; 3] = [3, 2, 3];

    #[test]
    fn named_files_are_excluded_with_the_syntax_of_walks() {
        let ex = Exclusions::new(&["drafts/".to_string(), "*.draft.md".to_string()]).unwrap();
        assert!(ex.excludes(Path::new("docs/drafts/a.txt")));
        assert!(ex.excludes(Path::new("./docs/b.draft.md")));
        assert!(!ex.excludes(Path::new("docs/a.md")));
        assert!(!ex.excludes(Path::new("docs/drafts.md")));
        // Outside the current directory only the file name is judged.
        assert!(ex.excludes(Path::new("/elsewhere/x.draft.md")));
        assert!(!ex.excludes(Path::new("/elsewhere/drafts/a.txt")));
        let cwd = std::env::current_dir().unwrap();
        assert!(ex.excludes(&cwd.join("docs/drafts/a.txt")));
    }

    #[test]
    fn keys_use_forward_slashes() {
        assert_eq!(key(Path::new("./a/b/c.txt")), "a/b/c.txt");
    }
}
