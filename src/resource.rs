//! Locating and reading the external files a document refers to (images), shared by the
//! writers.
//!
//! A document's relative paths are relative to the document itself, so the CLI passes the
//! input's directory as `base_dir`. Remote (`http:`, `https:`) URLs go to the
//! [`Remote`] the caller gives (the CLI makes one per process; see [`crate::remote`]); a
//! conversion without one does no network I/O.
//!
//! Files are read only from inside the *root* folder (as typst does): a path that leads
//! out of it (`../`, an absolute path, a `file://` URL, a symbolic link pointing out) is
//! refused, so converting a document someone sent cannot embed `/etc/passwd` or a key from
//! the home folder. Only regular files are read, and at most [`MAX_RESOURCE_BYTES`] of
//! them: a FIFO would block forever, `/dev/zero` never ends.

use crate::remote::{self, Remote};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file a document may refer to (64 MiB: a 50-megapixel JPEG is about 25).
pub const MAX_RESOURCE_BYTES: u64 = 64 << 20;

/// Where a document's resources may come from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Access<'a> {
    /// The fetcher of remote images; `None`: remote images are not fetched.
    pub remote: Option<&'a Remote>,
    /// The faces an SVG image's text is drawn with; `None`: the bundled ones.
    pub fonts: Option<&'a crate::fonts::Book>,
    /// The directory relative paths are resolved against (the input document's); `None`:
    /// the working directory.
    pub base_dir: Option<&'a Path>,
    /// The folder every resource must lie in; `None`: `base_dir` (or the working directory).
    pub root: Option<&'a Path>,
}

impl Access<'_> {
    /// The root as a canonical path (or why it cannot be used).
    fn canonical_root(&self) -> Result<PathBuf, String> {
        let root = self.root.or(self.base_dir).unwrap_or(Path::new("."));
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        root.canonicalize().map_err(|e| {
            format!(
                "the root folder {} cannot be used: {}",
                root.display(),
                io_reason(&e)
            )
        })
    }
}

/// The local path of a resource `url` (a relative or absolute path, or a `file:` URL),
/// resolved against `base_dir`; an error message for other URLs.
pub fn local_path(url: &str, base_dir: Option<&Path>) -> Result<PathBuf, String> {
    if remote::is_remote(url) {
        return Err("remote images are not fetched".into());
    }
    if let Some((scheme, _)) = url.split_once("://") {
        if !scheme.eq_ignore_ascii_case("file") && !scheme.contains(['/', '\\', '.']) {
            return Err(format!(
                "{scheme}: URLs are not read (http, https, data and files are)"
            ));
        }
    }
    let rel = url
        .strip_prefix("file://")
        .or_else(|| url.strip_prefix("file:"))
        .unwrap_or(url);
    Ok(match base_dir {
        Some(dir) if Path::new(rel).is_relative() => dir.join(rel),
        _ => PathBuf::from(rel),
    })
}

/// The bytes of the local resource `url` (see [`local_path`]), if it lies inside the root,
/// is a regular file and is not larger than `max_bytes`; the error is one phrase for a
/// warning: `cannot read images/a.png: no such file or directory`.
pub fn read(url: &str, access: Access, max_bytes: u64) -> Result<Vec<u8>, String> {
    if remote::is_remote(url) {
        return match access.remote {
            Some(r) => r.get(url).map(|b| b.as_ref().clone()),
            None => Err("remote images are not fetched".into()),
        };
    }
    let path = local_path(url, access.base_dir)?;
    let cannot = |e: std::io::Error| format!("cannot read {}: {}", path.display(), io_reason(&e));
    let real = path.canonicalize().map_err(cannot)?;
    let root = access.canonical_root()?;
    if !real.starts_with(&root) {
        let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
        return Err(if link {
            format!(
                "{} is a link to {}, outside the root folder {}, and is not read (give --root to allow it)",
                path.display(),
                real.display(),
                root.display()
            )
        } else {
            format!(
                "{} is outside the root folder {} and is not read (give --root to allow it)",
                path.display(),
                root.display()
            )
        });
    }
    let meta = std::fs::metadata(&real).map_err(cannot)?;
    if !meta.is_file() {
        return Err(format!("{} is not a regular file", path.display()));
    }
    if meta.len() > max_bytes {
        return Err(format!(
            "{} is larger than {} MiB",
            path.display(),
            max_bytes >> 20
        ));
    }
    let file = std::fs::File::open(&real).map_err(cannot)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is cut at the limit and then refused.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{} is larger than {} MiB",
            path.display(),
            max_bytes >> 20
        ));
    }
    Ok(bytes)
}

/// An I/O error's reason in words, without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_follow_the_document() {
        let base = Path::new("docs");
        assert_eq!(
            local_path("a.png", Some(base)).unwrap(),
            Path::new("docs/a.png")
        );
        assert_eq!(
            local_path("/x/a.png", Some(base)).unwrap(),
            Path::new("/x/a.png")
        );
        assert_eq!(local_path("file:a.png", None).unwrap(), Path::new("a.png"));
        assert!(local_path("https://example.com/a.png", Some(base)).is_err());
    }

    #[test]
    fn only_regular_files_inside_the_root_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("a.png"), b"inside").unwrap();
        std::fs::write(dir.path().join("secret"), b"outside").unwrap();
        let access = Access {
            base_dir: Some(&docs),
            root: None,
            ..Access::default()
        };
        assert_eq!(read("a.png", access, 100).unwrap(), b"inside");
        let outside = read("../secret", access, 100).unwrap_err();
        assert!(outside.contains("outside the root folder"), "{outside}");
        let abs = dir.path().join("secret");
        for url in [
            abs.display().to_string(),
            format!("file://{}", abs.display()),
        ] {
            let e = read(&url, access, 100).unwrap_err();
            assert!(e.contains("outside the root folder"), "{e}");
        }
        // With the parent as root, the same file may be read.
        let wider = Access {
            base_dir: Some(&docs),
            root: Some(dir.path()),
            ..Access::default()
        };
        assert_eq!(read("../secret", wider, 100).unwrap(), b"outside");
        assert!(read("a.png", access, 3)
            .unwrap_err()
            .contains("larger than"));
        assert!(read(".", access, 100)
            .unwrap_err()
            .contains("not a regular file"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), docs.join("link.png")).unwrap();
            let e = read("link.png", access, 100).unwrap_err();
            assert!(e.contains("outside the root folder"), "{e}");
        }
    }
}
