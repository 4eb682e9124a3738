//! What a run shows on standard error while it works.
//!
//! - On a terminal (and `CI` not set), a batch shows a progress bar: files done of the
//!   total, the file being converted, the time so far; warnings and failures are printed
//!   above it as they come.
//! - Elsewhere (a CI log, a pipe), one line per warning or failure, then a summary.
//! - With `-q`, errors only.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Errors only (`-q`).
    Quiet,
    /// Warning and failure lines, and a summary for a batch.
    Lines,
    /// A progress bar on the terminal, the lines above it.
    Bar,
}

impl Mode {
    /// The mode for a run: a bar only for a batch on a terminal outside CI.
    pub fn choose(quiet: bool, batch: bool) -> Mode {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        if quiet {
            Mode::Quiet
        } else if batch && !ci && std::io::stderr().is_terminal() {
            Mode::Bar
        } else {
            Mode::Lines
        }
    }
}

/// The progress display of one run.
pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Start showing progress over `total` inputs.
    pub fn new(mode: Mode, total: usize) -> Progress {
        let bar = (mode == Mode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            let style = ProgressStyle::with_template(
                "{spinner:.green} [{elapsed_precise}] {bar:30.cyan/blue} {pos}/{len} {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { mode, bar }
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// An input is being converted (shown as the bar's message).
    pub fn started(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
        }
    }

    /// An input is done.
    pub fn finished(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Print a warning or notice line (not with `-q`).
    pub fn say(&self, line: &str) {
        match (&self.bar, self.mode) {
            (_, Mode::Quiet) => {}
            (Some(bar), _) => bar.println(line),
            (None, _) => eprintln!("{line}"),
        }
    }

    /// Print an error line (always).
    pub fn error(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Remove the bar; the summary follows on its own line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
