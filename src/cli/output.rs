//! Writing outputs: files atomically (a temporary file beside the target, renamed into
//! place), standard output with a closed pipe tolerated, and what is not a regular file
//! (a device such as `/dev/stdout`, a FIFO) streamed into.
//!
//! - A symbolic link is followed: its target is written, the link stays.
//! - An existing file keeps its permission bits.
//! - The temporary files of a run are removed when it is interrupted (Ctrl-C, SIGTERM,
//!   SIGHUP): see [`clean_up_on_interrupt`].

use anyhow::{anyhow, bail};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use crate::resource::io_reason;

/// Write `bytes` to standard output; binary output is refused on a terminal.
pub fn write_stdout(bytes: &[u8], binary: bool) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    if binary && stdout.is_terminal() {
        bail!("refusing to write binary output to a terminal: use -o FILE");
    }
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow!("<stdout>: cannot write: {e}")),
    }
}

/// Write `bytes` to `path`: a regular file (new or existing) through a temporary file
/// beside it, renamed into place, so that a failed conversion never leaves a half-written
/// output; a device, FIFO or socket by writing into it.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = follow_links(path)?;
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory",
        )),
        Ok(m) if m.is_file() => replace(&target, bytes, Some(m.permissions())),
        // A device (`/dev/stdout`, `/dev/null`), a FIFO: what is written goes into it.
        Ok(_) => {
            let mut f = std::fs::OpenOptions::new().write(true).open(&target)?;
            f.write_all(bytes)?;
            f.flush()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => replace(&target, bytes, None),
        Err(e) => Err(e),
    }
}

/// The path a chain of symbolic links ends at (which may not exist yet: a link to a
/// file still to be made); `path` itself when it is no link.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As the kernel does (ELOOP), give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Write a temporary file beside `path` and rename it over `path`; it gets `keep` (the
/// permissions of the file it replaces) or the usual 0666 less the umask.
fn replace(path: &Path, bytes: &[u8], keep: Option<std::fs::Permissions>) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".cjkdoc-").suffix(".tmp");
    // Outputs get the usual permissions (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    let pending = Pending::register(tmp.path());
    if let Some(perm) = keep {
        tmp.as_file().set_permissions(perm)?;
    }
    // Not synced to disk (as compilers do not): the rename makes the output whole or
    // absent when the process is interrupted; syncing 400 outputs cost more than the
    // conversion of some of them.
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    drop(pending);
    Ok(())
}

/// The temporary files being written now, removed by the interrupt handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file in [`PENDING`] while this lives.
struct Pending(PathBuf);

impl Pending {
    fn register(path: &Path) -> Pending {
        if let Ok(mut p) = PENDING.lock() {
            p.push(path.to_path_buf());
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut p) = PENDING.lock() {
            if let Some(i) = p.iter().position(|x| *x == self.0) {
                p.swap_remove(i);
            }
        }
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP: remove the temporary files being written, then exit with
/// 130 (the shell's code for an interrupt). Outputs already renamed into place stay; none is
/// half-written.
pub fn clean_up_on_interrupt() {
    // Failing to install the handler (another one is set, as in tests) only loses the
    // clean-up.
    let _ = ctrlc::set_handler(|| {
        remove_pending();
        eprintln!("cjkdoc: interrupted");
        std::process::exit(130);
    });
}

/// Remove the temporary files being written now (the interrupt handler's work).
fn remove_pending() {
    if let Ok(p) = PENDING.lock() {
        for path in p.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_symlink_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_dangling_symlink_creates_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("sub/made.md", &link).unwrap();
        write_file(&link, b"x").unwrap();
        assert_eq!(std::fs::read(dir.path().join("sub/made.md")).unwrap(), b"x");
    }

    #[test]
    fn permissions_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.md");
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&out, b"new").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        assert!(PENDING.lock().unwrap().is_empty());
    }

    #[test]
    fn an_interrupt_removes_the_temporary_files_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(".cjkdoc-x.tmp");
        std::fs::write(&tmp, b"half").unwrap();
        let pending = Pending::register(&tmp);
        remove_pending();
        assert!(!tmp.exists());
        drop(pending);
        assert!(PENDING.lock().unwrap().iter().all(|p| *p != tmp));
    }

    #[test]
    fn a_device_is_written_into() {
        use std::os::unix::fs::FileTypeExt;
        // A null device of our own where one may be made (as root a regression would
        // otherwise replace the machine's /dev/null), else /dev/null.
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&own)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
        let device = if made {
            own
        } else {
            PathBuf::from("/dev/null")
        };
        write_file(&device, b"x").unwrap();
        assert!(std::fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device());
    }
}
