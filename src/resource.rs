//! Locating the external files a document refers to (images), shared by the writers.
//!
//! A document's relative paths are relative to the document itself, so the CLI passes the
//! input's directory as `base_dir`. Remote URLs are never fetched: a conversion does no
//! network I/O.

use std::path::{Path, PathBuf};

/// The local path of a resource `url` (a relative or absolute path, or a `file:` URL),
/// resolved against `base_dir`; an error message for remote URLs.
pub fn local_path(url: &str, base_dir: Option<&Path>) -> Result<PathBuf, String> {
    if url.contains("://") && !url.starts_with("file://") {
        return Err("remote images are not fetched".into());
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

/// The bytes of the local resource `url` (see [`local_path`]); the error is one phrase for a
/// warning: `cannot read images/a.png: no such file`.
pub fn read(url: &str, base_dir: Option<&Path>) -> Result<Vec<u8>, String> {
    let path = local_path(url, base_dir)?;
    std::fs::read(&path).map_err(|e| format!("cannot read {}: {}", path.display(), io_reason(&e)))
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
}
