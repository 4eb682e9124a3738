//! The command-line front end: parse arguments, plan the jobs, run them, report.
//! No conversion logic lives here; it calls [`crate::read`] and [`crate::write`].
//!
//! Exit codes: 0 success, 1 an input could not be converted, 2 a usage error (unknown or
//! unimplemented format, refused destination).

mod args;
mod inputs;
mod output;
mod plan;
mod progress;
pub mod report;
mod run;
mod state;
mod styles;

pub use args::{Cli, Command, CompletionsArgs, ConvertArgs, FontsArgs, ManArgs, StyleArgs};
pub use inputs::Shard;
pub use plan::{plan, Job, Plan, Sink, Source, UsageError};
pub use styles::StyleChoice;

use crate::fonts::Book;
use crate::{read, write, Options};
use anyhow::anyhow;
use clap::{CommandFactory, Parser};
use output::{io_reason, write_file, write_stdout};
use progress::{Mode, Progress};
use report::{RunOptions, Status};
use state::State;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Exit code for a failed conversion.
pub const EXIT_FAILURE: i32 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: i32 = 2;

/// Run cjkdoc with the process arguments; returns the exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    output::clean_up_on_interrupt();
    match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Fonts(args) => fonts(&args),
        Command::Completions(args) => completions(&args),
        Command::Man(args) => man(&args),
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
            root: args.root.clone(),
            max_image_pixels: args.max_image_pixels,
            remote: Some(Arc::new(remote(args)?)),
            fonts,
        },
    })
}

/// The fetcher of remote images for a run (`--offline`, `--sandbox`, `--cache-dir`,
/// `--fetch-timeout`).
fn remote(args: &ConvertArgs) -> Result<crate::remote::Remote, UsageError> {
    use crate::remote::{Policy, Remote, RemoteOptions};
    if !(args.fetch_timeout.is_finite() && args.fetch_timeout > 0.0 && args.fetch_timeout <= 3600.0)
    {
        return Err(UsageError(format!(
            "--fetch-timeout {}: give seconds between 0 and 3600",
            args.fetch_timeout
        )));
    }
    let policy = if args.sandbox {
        Policy::Sandbox
    } else if args.offline {
        Policy::Offline
    } else {
        Policy::Online
    };
    Ok(Remote::new(RemoteOptions {
        policy,
        cache_dir: args
            .cache_dir
            .clone()
            .or_else(crate::remote::default_cache_dir),
        timeout: std::time::Duration::from_secs_f64(args.fetch_timeout),
        ..RemoteOptions::default()
    }))
}

/// `cjkdoc convert`.
fn convert(args: &ConvertArgs) -> i32 {
    let clock = Instant::now();
    let planned = plan(args).and_then(|plan| {
        check_font_dirs(&args.font_dirs)?;
        check_report(args, &plan)?;
        // One book for every job of the run (read-only, shared across threads).
        // --sandbox: no system font either.
        let book = Arc::new(Book::with_fonts(&args.font_dirs, !args.sandbox));
        let choice = style_choice(args, &book)?;
        let options = options(args, &choice, book)?;
        Ok((plan, choice, options))
    });
    let (plan, choice, options) = match planned {
        Ok(planned) => planned,
        Err(e) => {
            error(e);
            return EXIT_USAGE;
        }
    };
    let jobs = &plan.jobs;
    let threads = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let run_options = RunOptions::of(args, &plan.formats, threads);
    let fingerprint = fingerprint(&run_options, &choice);

    // The state of earlier runs lives in the output directory (or, for --changed-only
    // without one, in the current directory); every batch into --out-dir keeps it, so
    // that the next run may be --changed-only.
    let state_dir = match (&args.out_dir, args.changed_only) {
        (Some(d), true) => Some(d.clone()),
        (Some(d), false) if plan.batch => Some(d.clone()),
        (None, true) => Some(PathBuf::from(".")),
        _ => None,
    };
    let progress = Progress::new(Mode::choose(args.quiet, plan.batch), jobs.len());
    let mut state = State::default();
    if let Some(dir) = &state_dir {
        let (loaded, why) = State::load(dir);
        if let Some(why) = why {
            progress.say(&format!("cjkdoc: warning: {why}"));
        }
        state = loaded;
    }
    let cx = run::Context {
        options: &options,
        choice: &choice,
        fail_on_warning: args.fail_on_warning,
        state: args.changed_only.then_some(&state),
        fingerprint: &fingerprint,
        hash: args.report.is_some() || state_dir.is_some(),
    };

    // Messages are printed in input order as soon as every earlier input is done, so the
    // log reads the same whatever the number of threads.
    let mut slots: Vec<Option<run::Outcome>> = (0..jobs.len()).map(|_| None).collect();
    let mut printed = 0;
    let mut said: Vec<String> = Vec::new();
    let starting = |i: usize| progress.started(&jobs[i].source.to_string());
    run::run_all(
        jobs,
        &cx,
        threads,
        args.fail_fast,
        &starting,
        &mut |i, outcome| {
            slots[i] = Some(outcome);
            progress.finished();
            while let Some(Some(outcome)) = slots.get(printed) {
                tell(&progress, &jobs[printed], outcome, plan.batch, &mut said);
                printed += 1;
            }
        },
    );
    let outcomes: Vec<run::Outcome> = slots.into_iter().flatten().collect();

    let mut code = 0;
    if outcomes.iter().any(|o| o.status == Status::Failed) {
        code = EXIT_FAILURE;
    }
    if let Some(dir) = &state_dir {
        let mut forgotten = Vec::new();
        for (job, o) in jobs.iter().zip(&outcomes) {
            match (o.status, &job.source, o.input_mtime_ns) {
                (Status::Converted, Source::File(_), Some(mtime)) => state.record(
                    job.key.clone(),
                    state::Entry {
                        fingerprint: fingerprint.clone(),
                        input_mtime_ns: mtime,
                        outputs: o.outputs.clone(),
                    },
                ),
                (Status::Failed, _, _) => {
                    forgotten.push(job.key.clone());
                }
                _ => {}
            }
        }
        // Only the directory made by this run (or already there) gets a state.
        if dir.is_dir() {
            if let Err(e) = state.save(dir, &forgotten) {
                progress.error(&format!(
                    "cjkdoc: {}: cannot write: {}",
                    dir.join(state::FILE_NAME).display(),
                    io_reason(&e)
                ));
                code = EXIT_FAILURE;
            }
        }
    }
    progress.finish();
    let inputs: Vec<report::Input> = jobs
        .iter()
        .zip(outcomes)
        .map(|(job, o)| report::Input {
            input: match &job.source {
                Source::Stdin => "-".into(),
                Source::File(p) => p.display().to_string(),
            },
            key: job.key.clone(),
            format: job.from.name().into(),
            status: o.status,
            error: o.error,
            outputs: o.outputs,
            warnings: o
                .diag
                .warnings_with_kinds()
                .map(|(kind, m)| report::Warning {
                    kind,
                    message: m.to_string(),
                })
                .collect(),
            notes: o.diag.notes,
            ms: o.ms,
        })
        .collect();
    let totals = report::Totals::of(&inputs, clock.elapsed().as_millis() as u64);
    if plan.batch && progress.mode() != Mode::Quiet {
        eprintln!("cjkdoc: {}", totals.summary());
    }
    if let Some(path) = &args.report {
        let report = report::Report {
            version: report::VERSION,
            cjkdoc: env!("CARGO_PKG_VERSION"),
            options: run_options,
            inputs,
            totals,
        };
        let json = report.to_json();
        let written = if path == Path::new("-") {
            write_stdout(json.as_bytes(), false)
        } else {
            write_file(path, json.as_bytes())
                .map_err(|e| anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))
        };
        if let Err(e) = written {
            error(format_args!("{e:#}"));
            code = EXIT_FAILURE;
        }
    }
    code
}

/// Print what one input's conversion said: errors always; warnings unless `-q`; notices
/// only for a single input (in a batch they are in the report). The notice of substituted
/// faces is the same for every input of a style: it is printed once.
fn tell(progress: &Progress, job: &Job, o: &run::Outcome, batch: bool, said: &mut Vec<String>) {
    if !batch {
        for n in &o.diag.notes {
            progress.say(&format!("cjkdoc: note: {}: {n}", job.source));
        }
    }
    for w in &o.diag.warnings {
        if w.starts_with(styles::SUBSTITUTED) {
            if !said.contains(w) {
                progress.say(&format!("cjkdoc: warning: {w}"));
                said.push(w.clone());
            }
        } else {
            progress.say(&format!("cjkdoc: warning: {}: {w}", job.source));
        }
    }
    if let Some(e) = &o.error {
        progress.error(&format!("cjkdoc: {e}"));
    }
}

/// The fingerprint of everything that changes an output's bytes: the cjkdoc version, the
/// options, the resolved styles.
fn fingerprint(options: &RunOptions, choice: &StyleChoice) -> String {
    use sha2::{Digest, Sha256};
    let styles: Vec<String> = choice
        .styles()
        .iter()
        .map(|s| serde_json::to_string(&s.style).unwrap_or_default())
        .collect();
    let text = format!(
        "cjkdoc {}\n{}",
        env!("CARGO_PKG_VERSION"),
        options.output_affecting(&styles.join("\n"))
    );
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `--report -` cannot share standard output with an output; the report never replaces
/// an input.
fn check_report(args: &ConvertArgs, plan: &Plan) -> Result<(), UsageError> {
    let Some(report) = &args.report else {
        return Ok(());
    };
    let outputs = plan.jobs.iter().flat_map(|j| &j.outputs);
    if report == Path::new("-") {
        if outputs.clone().any(|(s, _)| *s == Sink::Stdout) {
            return Err(UsageError(
                "--report - and an output both on standard output: give --out-dir or a report file"
                    .into(),
            ));
        }
        return Ok(());
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let clash = plan
        .jobs
        .iter()
        .any(|j| matches!(&j.source, Source::File(p) if same(p, report)))
        || outputs
            .into_iter()
            .any(|(s, _)| matches!(s, Sink::File(p) if same(p, report)));
    if clash {
        return Err(UsageError(format!(
            "--report {}: that is an input or an output of this run",
            report.display()
        )));
    }
    Ok(())
}

/// `cjkdoc completions SHELL`.
fn completions(args: &CompletionsArgs) -> i32 {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "cjkdoc", &mut std::io::stdout());
    0
}

/// `cjkdoc man [--dir DIR]`.
fn man(args: &ManArgs) -> i32 {
    let cmd = Cli::command();
    let result = match &args.dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|e| anyhow!("cannot render the manual page: {e}"))
                .and_then(|()| write_stdout(&page, false))
        }
        Some(dir) => man_pages(cmd, dir),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            error(format_args!("{e:#}"));
            EXIT_FAILURE
        }
    }
}

/// cjkdoc.1 and one cjkdoc-COMMAND.1 per subcommand, into `dir`.
fn man_pages(cmd: clap::Command, dir: &Path) -> anyhow::Result<()> {
    let mut pages = vec![("cjkdoc".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("cjkdoc-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page_cmd) in pages {
        let mut page = Vec::new();
        clap_mangen::Man::new(page_cmd)
            .render(&mut page)
            .map_err(|e| anyhow!("cannot render the manual page {name}: {e}"))?;
        let path = dir.join(format!("{name}.1"));
        write_file(&path, &page)
            .map_err(|e| anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))?;
    }
    Ok(())
}
