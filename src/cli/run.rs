//! Converting the jobs of a run: each input read and parsed once, every output made in
//! memory, then written (so a failed input leaves none of its outputs), on N threads that
//! share the fonts. Inputs are taken in order, one at a time per thread, so results come
//! back nearly in order and messages can be printed in input order as they arrive.

use super::output::{io_reason, write_file, write_stdout};
use super::plan::{Job, Sink, Source};
use super::report::Status;
use super::state::{mtime_ns, Made, State};
use super::styles::StyleChoice;
use crate::diag::WarningKind;
use crate::{read, write, Diagnostics, Options};
use anyhow::anyhow;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// What every job of a run shares.
pub struct Context<'a> {
    /// Reader and writer options (the writer's style is replaced per job).
    pub options: &'a Options,
    /// The style choice.
    pub choice: &'a StyleChoice,
    /// Any warning fails the input.
    pub fail_on_warning: bool,
    /// With `--changed-only`: the state of earlier runs.
    pub state: Option<&'a State>,
    /// The fingerprint of the options (see [`super::report::RunOptions::output_affecting`]).
    pub fingerprint: &'a str,
    /// Whether outputs are hashed (for a report or the state; otherwise `sha256` is empty).
    pub hash: bool,
}

/// What happened to one job.
#[derive(Debug)]
pub struct Outcome {
    /// Converted, skipped, failed or cancelled.
    pub status: Status,
    /// The one-line error of a failed job, naming the file.
    pub error: Option<String>,
    /// The outputs written (or, when skipped, recorded).
    pub outputs: Vec<Made>,
    /// Its warnings and notices.
    pub diag: Diagnostics,
    /// Wall time in milliseconds.
    pub ms: u64,
    /// The input's modification time when it was read (for the state).
    pub input_mtime_ns: Option<u128>,
}

impl Outcome {
    fn cancelled() -> Outcome {
        Outcome {
            status: Status::Cancelled,
            error: None,
            outputs: Vec::new(),
            diag: Diagnostics::default(),
            ms: 0,
            input_mtime_ns: None,
        }
    }
}

/// Run `jobs` on `threads` threads; `done(index, outcome)` is called on the calling
/// thread as each finishes, `starting(index)` on the worker as each starts. With
/// `fail_fast`, no job starts after one has failed.
pub fn run_all(
    jobs: &[Job],
    cx: &Context,
    threads: usize,
    fail_fast: bool,
    starting: &(dyn Fn(usize) + Sync),
    done: &mut dyn FnMut(usize, Outcome),
) {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, jobs.len().max(1)) {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let outcome = if stop.load(Ordering::Relaxed) {
                    Outcome::cancelled()
                } else {
                    starting(i);
                    let outcome = convert_one(job, cx);
                    if fail_fast && outcome.status == Status::Failed {
                        stop.store(true, Ordering::Relaxed);
                    }
                    outcome
                };
                if tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, outcome) in rx {
            done(i, outcome);
        }
    });
}

/// Convert one job: skip it when up to date, else read, make every output, write them.
pub fn convert_one(job: &Job, cx: &Context) -> Outcome {
    let start = Instant::now();
    let mut diag = Diagnostics::default();
    let outcome = |status, error, outputs, diag, mtime| Outcome {
        status,
        error,
        outputs,
        diag,
        ms: start.elapsed().as_millis() as u64,
        input_mtime_ns: mtime,
    };
    if let (Some(state), Source::File(path)) = (cx.state, &job.source) {
        let outputs: Vec<String> = job.outputs.iter().map(|(s, _)| sink_name(s)).collect();
        if let Some(entry) = state.fresh(path, &job.key, cx.fingerprint, &outputs) {
            let (outputs, mtime) = (entry.outputs.clone(), entry.input_mtime_ns);
            return outcome(Status::Skipped, None, outputs, diag, Some(mtime));
        }
    }
    let mtime = match &job.source {
        Source::File(p) => std::fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .map(mtime_ns),
        Source::Stdin => None,
    };
    match convert(job, cx, &mut diag) {
        Ok(outputs) => outcome(Status::Converted, None, outputs, diag, mtime),
        Err(e) => outcome(
            Status::Failed,
            Some(format!("{e:#}")),
            Vec::new(),
            diag,
            mtime,
        ),
    }
}

fn convert(job: &Job, cx: &Context, diag: &mut Diagnostics) -> anyhow::Result<Vec<Made>> {
    let bytes = match &job.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| anyhow!("<stdin>: cannot read: {e}"))?;
            buf
        }
        Source::File(path) => std::fs::read(path)
            .map_err(|e| anyhow!("{}: cannot read: {}", path.display(), io_reason(&e)))?,
    };
    let doc = read::read(job.from, &bytes, &cx.options.read, diag)
        .map_err(|e| anyhow!("{}: {e}", job.source))?;
    // The style by the document's language, unless --style chose one; the notices only
    // when a page is set (PDF, DOCX).
    let (styled, notice) = cx.choice.for_doc(&doc);
    if job.outputs.iter().any(|(_, f)| f.is_paged()) {
        if let Some(n) = notice {
            diag.note(n);
        }
        if let Some(n) = &styled.substituted {
            diag.warn_as(WarningKind::Font, n.as_str());
        }
    }
    // Images are found relative to the input document, inside the root.
    let base_dir = match &job.source {
        Source::File(path) => path.parent().map(std::path::Path::to_path_buf),
        Source::Stdin => None,
    };
    let write_options = write::WriteOptions {
        style: styled.style.clone(),
        root: Some(image_root(
            cx.options.write.root.as_deref(),
            base_dir.as_deref(),
        )),
        base_dir,
        ..cx.options.write.clone()
    };
    let (made, media) = make_outputs(job, &doc, &write_options, diag)?;
    if cx.fail_on_warning {
        if let Some(first) = diag.warnings.first() {
            let more = match diag.warnings.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            return Err(anyhow!(
                "{}: failed on a warning (--fail-on-warning): {first}{more}",
                job.source
            ));
        }
    }
    let mut written = Vec::with_capacity(made.len());
    for (((sink, to), out), files) in job.outputs.iter().zip(made).zip(media) {
        // The pictures first: an output never refers to files that are not there.
        for (path, bytes) in files {
            let dir = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir)
                .and_then(|()| write_file(&path, &bytes))
                .map_err(|e| anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))?;
        }
        match sink {
            Sink::Stdout => write_stdout(&out, to.is_binary())?,
            Sink::File(path) => write_file(path, &out)
                .map_err(|e| anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))?,
        }
        written.push(Made {
            path: sink_name(sink),
            format: to.name().to_string(),
            bytes: out.len() as u64,
            sha256: if cx.hash {
                hex(&Sha256::digest(&out))
            } else {
                String::new()
            },
        });
    }
    Ok(written)
}

/// The files an output refers to: (path, bytes).
type MediaFiles = Vec<(PathBuf, Vec<u8>)>;

/// Every output of `job` in memory, and for each the files to write beside it. An output
/// that refers to images by file (Markdown, HTML) of a document that carries its pictures
/// (a DOCX's) gets them in a folder `STEM_media/` beside it, its images pointing there.
fn make_outputs(
    job: &Job,
    doc: &crate::doc::Document,
    options: &write::WriteOptions,
    diag: &mut Diagnostics,
) -> anyhow::Result<(Vec<Vec<u8>>, Vec<MediaFiles>)> {
    use crate::Format;
    let fail = |e: write::WriteError| anyhow!("{}: {e}", job.source);
    let refers = |f: Format| matches!(f, Format::Markdown | Format::Html);
    let mut made: Vec<Option<Vec<u8>>> = vec![None; job.outputs.len()];
    let mut media: Vec<MediaFiles> = vec![Vec::new(); job.outputs.len()];
    if !doc.media.is_empty() {
        for (k, (sink, to)) in job.outputs.iter().enumerate() {
            if !refers(*to) {
                continue;
            }
            match sink {
                Sink::File(path) => {
                    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                    let (moved, files) =
                        crate::doc::media::extract(doc, &format!("{stem}_media"));
                    made[k] = Some(write::write(*to, &moved, options, diag).map_err(fail)?);
                    let dir = path.parent().unwrap_or(Path::new(""));
                    media[k] = files.into_iter().map(|f| (dir.join(f.path), f.bytes)).collect();
                }
                Sink::Stdout => diag.warn(format!(
                    "{} pictures of the document are not written: {} on standard output has no folder beside it (use -o FILE)",
                    doc.media.len(),
                    to.title()
                )),
            }
        }
    }
    let rest: Vec<Format> = job
        .outputs
        .iter()
        .zip(&made)
        .filter(|(_, m)| m.is_none())
        .map(|((_, f), _)| *f)
        .collect();
    let mut rest = write::write_many(&rest, doc, options, diag)
        .map_err(fail)?
        .into_iter();
    let made = made
        .into_iter()
        .map(|m| m.or_else(|| rest.next()).unwrap_or_default())
        .collect();
    Ok((made, media))
}

/// The folder an input's images must lie in: `--root`, else the working directory when
/// the input lies inside it (a repository checked out in CI), else the input's folder.
fn image_root(given: Option<&Path>, base_dir: Option<&Path>) -> PathBuf {
    if let Some(root) = given {
        return root.to_path_buf();
    }
    let cwd = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    let dir = base_dir
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (cwd, dir.canonicalize().ok()) {
        (Some(cwd), Some(dir)) if dir.starts_with(&cwd) => cwd,
        (_, Some(dir)) => dir,
        (Some(cwd), None) => cwd,
        (None, None) => PathBuf::from("."),
    }
}

/// A sink as the state and the report name it: its path, or `-`.
fn sink_name(sink: &Sink) -> String {
    match sink {
        Sink::Stdout => "-".into(),
        Sink::File(p) => p.display().to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
