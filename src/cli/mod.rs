//! The command-line front end: parse arguments, plan the jobs, run them, report.
//! No conversion logic lives here; it calls [`crate::read`] and [`crate::write`].
//!
//! Exit codes: 0 success, 1 an input could not be converted, 2 a usage error (unknown or
//! unimplemented format, refused destination).

mod args;
mod plan;
mod styles;

pub use args::{Cli, Command, ConvertArgs, FontsArgs, StyleArgs};
pub use plan::{plan, Job, Sink, Source, UsageError};
pub use styles::StyleChoice;

use crate::fonts::Book;
use crate::{read, write, Diagnostics, Options};
use anyhow::{anyhow, bail};
use clap::Parser;
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exit code for a failed conversion.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: i32 = 2;

/// Run cjkdoc with the process arguments; returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Fonts(args) => fonts(&args),
        Command::Style(args) => match styles::command(&args) {
            Ok(text) => {
                print!("{text}");
                0
            }
            Err(e) => {
                error(e);
                EXIT_USAGE
            }
        },
    }
}

/// `cjkdoc fonts`: the bundled faces, then those of the font directories (the system's
/// fonts are not listed: there may be thousands); then what each role of the style
/// resolves to, and from where.
fn fonts(args: &FontsArgs) -> i32 {
    if let Err(e) = check_font_dirs(&args.font_dirs) {
        error(e);
        return EXIT_USAGE;
    }
    let book = Book::with_fonts(&args.font_dirs, true);
    if book.bundled_count() == 0 {
        println!("no bundled fonts (built without the `bundled-fonts` feature)");
    }
    for dir in book.font_dirs() {
        if !book.font_dir_faces().any(|id| {
            book.info(id)
                .and_then(|i| i.origin.path())
                .is_some_and(|p| p.starts_with(dir))
        }) {
            error(format_args!("warning: {}: no fonts found", dir.display()));
        }
    }
    for line in book.describe() {
        println!("{line}");
    }
    let style = match styles::fonts_style(args.style.as_deref(), &args.font) {
        Ok(s) => s,
        Err(e) => {
            error(e);
            return EXIT_USAGE;
        }
    };
    println!();
    println!("{}", styles::roles_report(&style, &book));
    0
}

/// Every `--font-dir` must be a directory.
fn check_font_dirs(dirs: &[PathBuf]) -> Result<(), UsageError> {
    match dirs.iter().find(|d| !d.is_dir()) {
        Some(d) => Err(UsageError(format!(
            "--font-dir {}: not a directory",
            d.display()
        ))),
        None => Ok(()),
    }
}

fn error(message: impl std::fmt::Display) {
    eprintln!("cjkdoc: {message}");
}

/// The style choice from `--style` and the settings over it; a bad value is a usage error.
fn style_choice(args: &ConvertArgs, book: &Book) -> Result<StyleChoice, UsageError> {
    let overrides = crate::style::Overrides {
        paper: args.paper.as_deref(),
        margin: args.margin.as_deref(),
        font_size: args.font_size.as_deref(),
        line_height: args.line_height.as_deref(),
    };
    let fonts = args
        .font
        .iter()
        .map(|f| styles::parse_font(f))
        .collect::<Result<Vec<_>, _>>()?;
    let finish =
        |s| styles::finish(s, &overrides, &fonts).map(|s| Box::new(styles::Styled::new(s, book)));
    let exists = |family: &str| book.find(family, crate::fonts::Weight::Regular).is_some();
    let named = match &args.style {
        Some(spec) => Some(styles::load(spec)?),
        None => None,
    };
    let settings = named.as_ref().map_or(&[][..], |n| &n.fonts[..]);
    styles::check_fonts(settings, &fonts, &exists)?;
    Ok(match named {
        Some(n) => StyleChoice::Fixed(finish(n.style)?),
        None => StyleChoice::ByLanguage {
            cjk: finish(crate::style::Style::default())?,
            latin: finish(crate::style::presets::report())?,
        },
    })
}

/// Reader and writer options from the arguments; a bad value is a usage error. The
/// writer's style is the choice's first; each job takes its own from the choice.
fn options(
    args: &ConvertArgs,
    choice: &StyleChoice,
    fonts: Arc<Book>,
) -> Result<Options, UsageError> {
    Ok(Options {
        read: read::ReadOptions {
            encoding: args.encoding.clone(),
            structure: !args.no_structure,
            lang: args.lang.clone(),
            title: args.title.clone(),
            authors: args.author.clone(),
            date: args.date.clone(),
        },
        write: write::WriteOptions {
            style: choice.styles()[0].style.clone(),
            embed_fonts: !args.no_embed_fonts,
            toc: args.toc,
            base_dir: None,
            fonts,
        },
    })
}

/// `cjkdoc convert`.
fn convert(args: &ConvertArgs) -> i32 {
    let planned = plan(args).and_then(|jobs| {
        check_font_dirs(&args.font_dirs)?;
        // One book for every job of the run (read-only, shared across threads).
        let book = Arc::new(Book::with_fonts(&args.font_dirs, true));
        let choice = style_choice(args, &book)?;
        let options = options(args, &choice, book)?;
        Ok((jobs, choice, options))
    });
    let (jobs, choice, options) = match planned {
        Ok(planned) => planned,
        Err(e) => {
            error(e);
            return EXIT_USAGE;
        }
    };

    // Inputs are converted in parallel (fonts are shared, conversions are pure); messages
    // are printed afterwards in the order of the inputs, so the output is deterministic.
    let results: Vec<(Diagnostics, anyhow::Result<()>)> = jobs
        .par_iter()
        .map(|job| {
            let mut diag = Diagnostics::default();
            let result = run_job(job, &options, &choice, &mut diag);
            (diag, result)
        })
        .collect();
    let mut code = 0;
    // Notices about the style's faces are the same for every input in that style: each is
    // printed once.
    let mut said: Vec<String> = Vec::new();
    for (job, (diag, result)) in jobs.iter().zip(results) {
        if !args.quiet {
            for n in &diag.notes {
                if n.starts_with(styles::SUBSTITUTED) {
                    if !said.contains(n) {
                        error(format_args!("note: {n}"));
                        said.push(n.clone());
                    }
                } else {
                    error(format_args!("note: {}: {n}", job.source));
                }
            }
            for w in &diag.warnings {
                error(format_args!("warning: {}: {w}", job.source));
            }
        }
        if let Err(message) = result {
            error(format_args!("{message:#}"));
            code = EXIT_FAILURE;
        }
    }
    code
}

/// Read one input and write all its outputs. The error is one line naming the file.
fn run_job(
    job: &Job,
    options: &Options,
    choice: &StyleChoice,
    diag: &mut Diagnostics,
) -> anyhow::Result<()> {
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
    let doc = read::read(job.from, &bytes, &options.read, diag)
        .map_err(|e| anyhow!("{}: {e}", job.source))?;
    // The style by the document's language, unless --style chose one; the notice only
    // when a page is set (PDF, DOCX).
    let (styled, notice) = choice.for_doc(&doc);
    if job.outputs.iter().any(|(_, f)| f.is_paged()) {
        if let Some(n) = notice {
            diag.note(n);
        }
        if let Some(n) = &styled.substituted {
            diag.note(n.as_str());
        }
    }
    // Images are found relative to the input document.
    let write_options = write::WriteOptions {
        style: styled.style.clone(),
        base_dir: match &job.source {
            Source::File(path) => path.parent().map(std::path::Path::to_path_buf),
            Source::Stdin => None,
        },
        ..options.write.clone()
    };
    for (sink, to) in &job.outputs {
        let out = write::write(*to, &doc, &write_options, diag)
            .map_err(|e| anyhow!("{}: {e}", job.source))?;
        match sink {
            Sink::Stdout => write_stdout(&out, to.is_binary())?,
            Sink::File(path) => write_file(path, &out)
                .map_err(|e| anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))?,
        }
    }
    Ok(())
}

fn write_stdout(bytes: &[u8], binary: bool) -> anyhow::Result<()> {
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
fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The reason part of an I/O error, without Rust's "(os error N)" suffix.
fn io_reason(e: &std::io::Error) -> String {
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
