//! Writing outputs: files atomically (a temporary file beside the target, renamed into
//! place), standard output with a closed pipe tolerated.

use anyhow::{anyhow, bail};
use std::io::{IsTerminal, Write};
use std::path::Path;

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

/// Write to a temporary file beside `path`, then rename it into place, so that a failed
/// conversion never leaves a half-written output.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
    // Not synced to disk (as compilers do not): the rename makes the output whole or
    // absent when the process is interrupted; syncing 400 outputs cost more than the
    // conversion of some of them.
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
