//! Turns `convert` arguments into a list of jobs (input, format → output, format), checking
//! everything that can be checked before any input is read: formats known and implemented,
//! destinations unambiguous, no output overwriting an input.

use super::args::ConvertArgs;
use super::inputs::{self, Shard};
use crate::{read, write, Format};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a job reads from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("<stdin>"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Where a job writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// Standard output.
    Stdout,
    /// A file (written atomically).
    File(PathBuf),
}

/// One input and every output made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The input.
    pub source: Source,
    /// Its relative path with `/` separators (see [`super::inputs::key`]): the key of
    /// shards and of the `--changed-only` state.
    pub key: String,
    /// Its format.
    pub from: Format,
    /// The outputs, each with its format.
    pub outputs: Vec<(Sink, Format)>,
}

/// A usage error: the arguments cannot work, whatever the inputs contain (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn usage(msg: impl Into<String>) -> UsageError {
    UsageError(msg.into())
}

fn format_named(name: &str) -> Result<Format, UsageError> {
    Format::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        usage(format!(
            "unknown format '{name}' (known: {})",
            known.join(", ")
        ))
    })
}

/// The jobs of a `convert` invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// One per input, in order (after `--exclude` and `--shard`).
    pub jobs: Vec<Job>,
    /// The output formats, in the order given.
    pub formats: Vec<Format>,
    /// Several inputs, or a directory or pattern (see [`is_batch`]).
    pub batch: bool,
}

/// Build the jobs for a `convert` invocation.
pub fn plan(args: &ConvertArgs) -> Result<Plan, UsageError> {
    let from = args.from.as_deref().map(format_named).transpose()?;
    if let Some(f) = from {
        if read::reader(f).is_none() {
            return Err(usage(format!("{} input is not supported", f.title())));
        }
    }

    // Output formats: --to, else the extension of -o.
    let mut formats = Vec::new();
    for name in &args.to {
        let f = format_named(name)?;
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    let output = args.output.as_deref();
    if formats.is_empty() {
        match output {
            Some(o) if o != Path::new("-") => {
                formats.push(Format::from_path(o).ok_or_else(|| {
                    usage(format!(
                        "cannot tell the output format from '{}': use --to FMT",
                        o.display()
                    ))
                })?)
            }
            Some(_) => return Err(usage("writing to standard output needs --to FMT")),
            None => return Err(usage("no output format: give -o FILE or --to FMT")),
        }
    }
    if output.is_some() && args.out_dir.is_some() {
        return Err(usage("give either -o or --out-dir, not both"));
    }
    // A folder still to be made is fine; anything else that is not a folder is not.
    if let Some(dir) = &args.out_dir {
        if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
            return Err(usage(format!(
                "--out-dir {}: not a directory",
                dir.display()
            )));
        }
    }
    if output.is_some() && formats.len() > 1 {
        return Err(usage(
            "-o takes one input and one format: use --out-dir for several",
        ));
    }
    let stdin_count = args.inputs.iter().filter(|p| is_dash(p)).count();
    if stdin_count > 1 {
        return Err(usage("standard input (-) can be read only once"));
    }
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;

    let found = inputs::expand(
        &args.inputs,
        &inputs::Selection {
            from,
            exclude: &args.exclude,
            out_dir: args.out_dir.as_deref(),
        },
    )?;
    let batch = is_batch(args, &found);
    if output.is_some() && batch {
        return Err(usage(
            "-o takes one input and one format: use --out-dir for several",
        ));
    }
    let single = !batch && formats.len() == 1;
    let mut jobs = Vec::new();
    for input in found {
        let key = inputs::key(&input.rel);
        if shard.is_some_and(|s| !s.takes(&key)) {
            continue;
        }
        let source = match &input.path {
            None => Source::Stdin,
            Some(p) => Source::File(p.clone()),
        };
        let from = match (from, &input.path) {
            (Some(f), _) => f,
            (None, None) => Format::Markdown,
            (None, Some(p)) => input_format(p)?,
        };
        let mut outputs = Vec::new();
        for &to in &formats {
            let sink = match (output, &args.out_dir, &source) {
                (Some(o), _, _) if is_dash(o) => Sink::Stdout,
                (Some(o), _, _) => Sink::File(o.to_path_buf()),
                (None, Some(dir), _) => Sink::File(dir.join(output_rel(&input.rel, to))),
                (None, None, Source::Stdin) => Sink::Stdout,
                (None, None, Source::File(_)) if single && !to.is_binary() => Sink::Stdout,
                (None, None, Source::File(p)) => {
                    Sink::File(p.with_file_name(output_name(&source, to)))
                }
            };
            outputs.push((sink, to));
        }
        jobs.push(Job {
            source,
            key,
            from,
            outputs,
        });
    }
    check_destinations(&jobs, args.out_dir.is_none() && batch)?;
    for &f in &formats {
        if write::writer(f).is_none() {
            return Err(usage(format!(
                "{} output is not implemented yet",
                f.title()
            )));
        }
    }
    Ok(Plan {
        jobs,
        formats,
        batch,
    })
}

/// True when the run is a batch: several inputs, or any directory or pattern (then a
/// summary is printed, and outputs never go to standard output by default).
pub fn is_batch(args: &ConvertArgs, found: &[inputs::Found]) -> bool {
    found.len() > 1 || args.inputs.len() > 1 || found.iter().any(|f| f.walked)
}

fn is_dash(p: &Path) -> bool {
    p == Path::new("-")
}

fn input_format(path: &Path) -> Result<Format, UsageError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if let Some(old) = ext.as_deref().filter(|e| matches!(*e, "doc" | "wps")) {
        return Err(usage(format!(
            "{}: .{old} files (old Word and WPS formats) cannot be read: save the file as .docx in Word, WPS or LibreOffice",
            path.display()
        )));
    }
    let f = Format::from_path(path).ok_or_else(|| {
        usage(format!(
            "{}: cannot tell the input format from the file name: use --from FMT",
            path.display()
        ))
    })?;
    if read::reader(f).is_none() {
        return Err(usage(format!(
            "{}: {} input is not supported",
            path.display(),
            f.title()
        )));
    }
    Ok(f)
}

/// The output's path under `--out-dir`: the input's relative path with the format's
/// extension.
fn output_rel(rel: &Path, to: Format) -> PathBuf {
    let mut out = rel.to_path_buf();
    if out.file_stem().is_none() {
        out.set_file_name("output");
    }
    out.set_extension(to.extension());
    out
}

fn output_name(source: &Source, to: Format) -> PathBuf {
    let stem = match source {
        Source::Stdin => "stdin".into(),
        Source::File(p) => p
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_else(|| "output".into()),
    };
    let mut name = PathBuf::from(stem);
    name.set_extension(to.extension());
    name
}

/// The absolute, symlink-resolved form of a path that may not exist yet.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Refuse an output that is an input, or two outputs with the same path; `beside` when
/// a batch writes beside its inputs (then --out-dir is the way out).
fn check_destinations(jobs: &[Job], beside: bool) -> Result<(), UsageError> {
    let hint = if beside { " (give --out-dir)" } else { "" };
    let inputs: Vec<PathBuf> = jobs
        .iter()
        .filter_map(|j| match &j.source {
            Source::File(p) => Some(resolved(p)),
            Source::Stdin => None,
        })
        .collect();
    let mut seen: Vec<PathBuf> = Vec::new();
    for job in jobs {
        for (sink, _) in &job.outputs {
            let Sink::File(path) = sink else { continue };
            let r = resolved(path);
            if inputs.contains(&r) {
                return Err(usage(format!(
                    "{}: refusing to overwrite an input file{hint}",
                    path.display()
                )));
            }
            if seen.contains(&r) {
                return Err(usage(format!(
                    "{}: two outputs would be written to this path{hint}",
                    path.display()
                )));
            }
            seen.push(r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn plan_of(argv: &[&str]) -> Result<Vec<Job>, UsageError> {
        let mut full = vec!["cjkdoc", "convert"];
        full.extend_from_slice(argv);
        let cli = super::super::args::Cli::try_parse_from(full).unwrap();
        let super::super::args::Command::Convert(args) = cli.command else {
            unreachable!()
        };
        plan(&args).map(|p| p.jobs)
    }

    #[test]
    fn output_extension_gives_format() {
        let jobs = plan_of(&["a.txt", "-o", "b.md"]).unwrap();
        assert_eq!(jobs[0].from, Format::Text);
        assert_eq!(
            jobs[0].outputs,
            [(Sink::File("b.md".into()), Format::Markdown)]
        );
    }

    #[test]
    fn single_text_output_goes_to_stdout_binary_beside_input() {
        let jobs = plan_of(&["dir/a.txt", "--to", "md"]).unwrap();
        assert_eq!(jobs[0].outputs, [(Sink::Stdout, Format::Markdown)]);
        let jobs = plan_of(&["dir/a.txt", "--to", "md,json"]).unwrap();
        assert_eq!(
            jobs[0].outputs,
            [
                (Sink::File("dir/a.md".into()), Format::Markdown),
                (Sink::File("dir/a.json".into()), Format::Json)
            ]
        );
    }

    #[test]
    fn out_dir_and_stdin() {
        let jobs = plan_of(&["a.md", "b.txt", "--to", "json", "--out-dir", "o"]).unwrap();
        assert_eq!(
            jobs[1].outputs,
            [(Sink::File("o/b.json".into()), Format::Json)]
        );
        let jobs = plan_of(&["-", "--to", "md"]).unwrap();
        assert_eq!(jobs[0].source, Source::Stdin);
        assert_eq!(jobs[0].from, Format::Markdown);
        assert_eq!(jobs[0].outputs, [(Sink::Stdout, Format::Markdown)]);
    }

    #[test]
    fn usage_errors() {
        let err = |argv: &[&str]| plan_of(argv).unwrap_err().0;
        assert!(err(&["a.txt"]).contains("no output format"));
        assert!(err(&["a.txt", "--to", "rtf"]).contains("unknown format 'rtf'"));
        assert!(err(&["a.rtf", "--to", "md"]).contains("use --from"));
        assert!(err(&["a.doc", "--to", "md"]).contains("save the file as .docx"));
        assert!(err(&["a.txt", "b.txt", "-o", "c.md"]).contains("--out-dir"));
        assert!(err(&["a.md", "-o", "a.md"]).contains("overwrite an input"));
        assert!(err(&["a.md", "-o", "./a.md"]).contains("overwrite an input"));
        assert!(
            err(&["x/a.md", "y/a.txt", "--to", "json", "--out-dir", "o"]).contains("two outputs")
        );
        assert!(err(&["a.pdf", "--to", "md"]).contains("PDF input is not supported"));
    }
}
