//! The JSON report of a run (`--report FILE.json`): per input its status, outputs (size
//! and SHA-256), warnings and time; totals; the cjkdoc version and the options. The schema
//! is documented in the README; `version` changes only when a field changes meaning or
//! goes away (new fields may be added within a version).

use super::args::ConvertArgs;
use super::state::Made;
use crate::diag::WarningKind;
use serde::Serialize;

/// The report's schema version.
pub const VERSION: u32 = 1;

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Read and every output written.
    Converted,
    /// Its outputs were up to date (`--changed-only`): nothing done.
    Skipped,
    /// It could not be converted (or had a warning under `--fail-on-warning`): no output
    /// of it was written.
    Failed,
    /// Not started: an earlier input failed under `--fail-fast`.
    Cancelled,
}

/// One warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// encoding, font, glyph, image or content.
    pub kind: WarningKind,
    /// The message, as printed.
    pub message: String,
}

/// One input's entry.
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    /// The input's path as named or found (`-` for standard input).
    pub input: String,
    /// Its relative path, `/`-separated: the key of shards and of `--changed-only`.
    pub key: String,
    /// The format it was read as.
    pub format: String,
    /// What happened.
    pub status: Status,
    /// Why it failed (status `failed`).
    pub error: Option<String>,
    /// Its outputs (for `skipped`, those of the run that made them).
    pub outputs: Vec<Made>,
    /// Its warnings.
    pub warnings: Vec<Warning>,
    /// Its notices (the style chosen by language, …).
    pub notes: Vec<String>,
    /// Wall time of its conversion, in milliseconds.
    pub ms: u64,
}

/// The totals.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Inputs in the run (after `--exclude` and `--shard`).
    pub inputs: usize,
    /// Converted.
    pub converted: usize,
    /// Skipped as up to date.
    pub skipped: usize,
    /// Failed.
    pub failed: usize,
    /// Not started (`--fail-fast`).
    pub cancelled: usize,
    /// Outputs written.
    pub outputs: usize,
    /// Warnings, over all inputs.
    pub warnings: usize,
    /// Wall time of the whole run, in milliseconds.
    pub ms: u64,
}

impl Totals {
    /// The totals of `inputs`.
    pub fn of(inputs: &[Input], ms: u64) -> Totals {
        let count = |s: Status| inputs.iter().filter(|i| i.status == s).count();
        Totals {
            inputs: inputs.len(),
            converted: count(Status::Converted),
            skipped: count(Status::Skipped),
            failed: count(Status::Failed),
            cancelled: count(Status::Cancelled),
            outputs: inputs
                .iter()
                .filter(|i| i.status == Status::Converted)
                .map(|i| i.outputs.len())
                .sum(),
            warnings: inputs.iter().map(|i| i.warnings.len()).sum(),
            ms,
        }
    }

    /// The one-line summary printed at the end of a batch:
    /// `converted 198 of 200 files (396 outputs) in 2.1 s; 2 failed`.
    pub fn summary(&self) -> String {
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        let outputs = if self.outputs == 1 {
            "output"
        } else {
            "outputs"
        };
        let mut line = format!(
            "converted {} of {} {} ({} {outputs}) in {:.1} s",
            self.converted,
            self.inputs,
            files(self.inputs),
            self.outputs,
            self.ms as f64 / 1000.0
        );
        for (n, what) in [
            (self.skipped, "unchanged (skipped)"),
            (self.failed, "failed"),
            (self.cancelled, "not started (--fail-fast)"),
        ] {
            if n > 0 {
                line.push_str(&format!("; {n} {what}"));
            }
        }
        if self.warnings > 0 {
            let s = if self.warnings == 1 { "" } else { "s" };
            line.push_str(&format!("; {} warning{s}", self.warnings));
        }
        line
    }
}

/// The options that change an output's bytes, as given (paths as strings): what the
/// `--changed-only` fingerprint is made of.
#[derive(Debug, Clone, Serialize)]
pub struct OutputOptions {
    /// `--from`.
    pub from: Option<String>,
    /// `--style`.
    pub style: Option<String>,
    /// `--font`.
    pub fonts: Vec<String>,
    /// `--font-dir`.
    pub font_dirs: Vec<String>,
    /// `--encoding`.
    pub encoding: Option<String>,
    /// Structure inferred from plain text (not `--no-structure`).
    pub structure: bool,
    /// `--lang`.
    pub lang: Option<String>,
    /// `--title`.
    pub title: Option<String>,
    /// `--author`.
    pub authors: Vec<String>,
    /// `--date`.
    pub date: Option<String>,
    /// `--paper`.
    pub paper: Option<String>,
    /// `--margin`.
    pub margin: Option<String>,
    /// `--font-size`.
    pub font_size: Option<String>,
    /// `--line-height`.
    pub line_height: Option<String>,
    /// Fonts embedded in DOCX (not `--no-embed-fonts`).
    pub embed_fonts: bool,
    /// `--toc`.
    pub toc: bool,
    /// `--root`.
    pub root: Option<String>,
    /// `--max-image-pixels`.
    pub max_image_pixels: u64,
}

/// The options of the run, as given (paths as strings).
#[derive(Debug, Clone, Serialize)]
pub struct RunOptions {
    /// Output formats.
    pub to: Vec<String>,
    /// `--out-dir`.
    pub out_dir: Option<String>,
    /// The options that change output bytes (their fields sit beside these in the JSON).
    #[serde(flatten)]
    pub output: OutputOptions,
    /// `--exclude`.
    pub exclude: Vec<String>,
    /// `--shard`.
    pub shard: Option<String>,
    /// `--changed-only`.
    pub changed_only: bool,
    /// `--fail-on-warning`.
    pub fail_on_warning: bool,
    /// `--fail-fast`.
    pub fail_fast: bool,
    /// Inputs converted at a time.
    pub jobs: usize,
}

impl RunOptions {
    /// The options of `args`, with the number of threads used.
    pub fn of(args: &ConvertArgs, formats: &[crate::Format], jobs: usize) -> RunOptions {
        let s = |p: &std::path::Path| p.display().to_string();
        RunOptions {
            to: formats.iter().map(|f| f.name().to_string()).collect(),
            out_dir: args.out_dir.as_deref().map(s),
            output: OutputOptions {
                from: args.from.clone(),
                style: args.style.clone(),
                fonts: args.font.clone(),
                font_dirs: args.font_dirs.iter().map(|p| s(p)).collect(),
                encoding: args.encoding.clone(),
                structure: !args.no_structure,
                lang: args.lang.clone(),
                title: args.title.clone(),
                authors: args.author.clone(),
                date: args.date.clone(),
                paper: args.paper.clone(),
                margin: args.margin.clone(),
                font_size: args.font_size.clone(),
                line_height: args.line_height.clone(),
                embed_fonts: !args.no_embed_fonts,
                toc: args.toc,
                root: args.root.as_deref().map(s),
                max_image_pixels: args.max_image_pixels,
            },
            exclude: args.exclude.clone(),
            shard: args.shard.clone(),
            changed_only: args.changed_only,
            fail_on_warning: args.fail_on_warning,
            fail_fast: args.fail_fast,
            jobs,
        }
    }

    /// The options that change an output's bytes, as one string (with the resolved styles,
    /// so that an edited style file counts as a change).
    pub fn output_affecting(&self, styles: &str) -> String {
        let output = serde_json::to_string(&self.output).unwrap_or_default();
        format!("{output}\n{styles}")
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The schema version ([`VERSION`]).
    pub version: u32,
    /// The cjkdoc version that ran.
    pub cjkdoc: &'static str,
    /// The options.
    pub options: RunOptions,
    /// Every input, in order.
    pub inputs: Vec<Input>,
    /// The totals.
    pub totals: Totals,
}

impl Report {
    /// The report as pretty JSON, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(status: Status, outputs: usize, warnings: usize) -> Input {
        Input {
            input: "a.txt".into(),
            key: "a.txt".into(),
            format: "txt".into(),
            status,
            error: None,
            outputs: (0..outputs)
                .map(|_| Made {
                    path: "a.pdf".into(),
                    format: "pdf".into(),
                    bytes: 1,
                    sha256: String::new(),
                })
                .collect(),
            warnings: (0..warnings)
                .map(|_| Warning {
                    kind: WarningKind::Glyph,
                    message: "m".into(),
                })
                .collect(),
            notes: vec![],
            ms: 1,
        }
    }

    #[test]
    fn summary_lines() {
        let mut all: Vec<Input> = (0..198).map(|_| input(Status::Converted, 2, 0)).collect();
        all.extend((0..2).map(|_| input(Status::Failed, 0, 0)));
        assert_eq!(
            Totals::of(&all, 2100).summary(),
            "converted 198 of 200 files (396 outputs) in 2.1 s; 2 failed"
        );
        let all = vec![
            input(Status::Skipped, 2, 0),
            input(Status::Converted, 1, 1),
            input(Status::Cancelled, 0, 0),
        ];
        assert_eq!(
            Totals::of(&all, 40).summary(),
            "converted 1 of 3 files (1 output) in 0.0 s; 1 unchanged (skipped); \
             1 not started (--fail-fast); 1 warning"
        );
    }
}
