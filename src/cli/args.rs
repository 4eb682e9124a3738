//! Command-line arguments (clap derive): plain data, validated later by `plan`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const CONVERT_EXAMPLES: &str = "\
Examples:
  cjkdoc convert report.txt -o report.pdf        plain text (UTF-8, GBK, UTF-16) to PDF
  cjkdoc convert report.txt --to md              print the inferred structure as Markdown
  cjkdoc convert notes.md --to pdf,docx          write notes.pdf and notes.docx beside notes.md
  cjkdoc convert draft.docx --style gongwen -o notice.docx
                                                 an unstyled Word draft, restructured as 公文
  cjkdoc convert *.txt --to pdf --out-dir out/   batch conversion into out/
  cjkdoc convert docs --to pdf,docx --out-dir out --report out/report.json
                                                 a whole tree (.gitignore honoured), mirrored
  cjkdoc convert 'docs/**/*.md' --out-dir out --to pdf --changed-only --shard 2/3
                                                 only what changed, this CI job's third
  cat a.md | cjkdoc convert - --to json          read stdin (Markdown unless --from says otherwise)
  cjkdoc convert gbk.txt --encoding gb18030 -o gbk.md

Formats: txt (input), md, json, html, pdf, docx (input and output). Without -o or --out-dir, one input converted
to one text format (md, json, html) goes to standard output; other outputs are written beside
their input as NAME.EXT. An input is never overwritten.

Exit codes: 0 all converted, 1 an input failed, 2 a usage error.";

/// cjkdoc: convert Chinese and English documents to PDF, DOCX, Markdown, HTML and JSON, with
/// embedded CJK fonts.
#[derive(Debug, Parser)]
#[command(name = "cjkdoc", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert documents between formats.
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(Box<ConvertArgs>),
    /// List the fonts cjkdoc can use: the bundled faces, then those in the --font-dir
    /// directories, each with its family names, weight, outlines, glyph count, embedding
    /// permission and file; then what each role of the style resolves to.
    Fonts(FontsArgs),
    /// List the style presets, or print one as a TOML style file to start from.
    Style(StyleArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "Examples:
  cjkdoc completions bash > ~/.local/share/bash-completion/completions/cjkdoc
  cjkdoc completions zsh > ~/.zfunc/_cjkdoc
  cjkdoc completions fish > ~/.config/fish/completions/cjkdoc.fish")]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a directory.
    #[command(after_help = "Examples:
  cjkdoc man | man -l -
  cjkdoc man --dir /usr/local/share/man/man1")]
    Man(ManArgs),
}

/// `cjkdoc completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `cjkdoc man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write cjkdoc.1 and cjkdoc-COMMAND.1 into this directory instead of printing cjkdoc.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `cjkdoc style`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  cjkdoc style --list
  cjkdoc style --dump gongwen > my.toml     then edit my.toml: extends = \"gongwen\" plus your changes
  cjkdoc convert notice.txt --style my.toml -o notice.pdf")]
pub struct StyleArgs {
    /// List the presets.
    #[arg(long, conflicts_with = "dump")]
    pub list: bool,
    /// Print a preset (or a style file, resolved) as a commented TOML style file.
    #[arg(long, value_name = "NAME|FILE.toml")]
    pub dump: Option<String>,
}

/// `cjkdoc fonts`.
#[derive(Debug, Args)]
pub struct FontsArgs {
    /// Show what each role of this style (a preset or a style file) resolves to
    /// (default: the default style).
    #[arg(long, value_name = "NAME|FILE.toml")]
    pub style: Option<String>,
    /// A directory of fonts to list too (searched recursively; repeatable).
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
    /// Override a role's font family, as for `convert`.
    #[arg(long, value_name = "ROLE=FAMILY")]
    pub font: Vec<String>,
}

/// `cjkdoc convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input files, directories (walked for .txt and .md files; .gitignore honoured, hidden
    /// files skipped) or quoted glob patterns ('docs/**/*.md'); `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output file (`-` for standard output); its extension gives the format unless --to does.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<PathBuf>,

    /// Output format(s), comma-separated: md, json, html, pdf, docx.
    #[arg(short, long, value_name = "FMT[,FMT...]", value_delimiter = ',')]
    pub to: Vec<String>,

    /// Input format (txt, md, json, docx); by default from each input's extension.
    #[arg(short, long, value_name = "FMT")]
    pub from: Option<String>,

    /// Directory for the outputs (created if missing), named INPUT-STEM.EXT; the files of a
    /// directory or pattern keep their relative layout under it.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Leave out inputs matching this pattern (gitignore syntax, relative to each
    /// directory given; repeatable), e.g. 'drafts/' or '*.draft.md'.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Convert N inputs at a time (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Write a JSON report of the run (`-` for standard output): per input its status,
    /// outputs with size and SHA-256, warnings and time. Schema: see the README.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,

    /// Treat any warning (guessed encoding, substituted font, missing glyph or image) as a
    /// failure: that input's outputs are not written, and the exit code is 1.
    #[arg(long)]
    pub fail_on_warning: bool,

    /// Stop at the first failed input (outputs already written stay).
    #[arg(long)]
    pub fail_fast: bool,

    /// Skip inputs whose outputs exist, are newer than the input and were made by this
    /// cjkdoc version with the same options (kept in OUT/.cjkdoc-state.json).
    #[arg(long)]
    pub changed_only: bool,

    /// Convert only part K of N of the inputs, chosen by a stable hash of each relative
    /// path: N CI jobs with 1/N … N/N cover the inputs exactly once.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    /// Text encoding of plain-text input (e.g. gb18030, utf-16le); default: detected.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Read plain text as one paragraph per line, without inferring headings and roles;
    /// read a Word draft with Word's own structure only.
    #[arg(long)]
    pub no_structure: bool,

    /// Document language (BCP 47, e.g. zh-CN, en); default: from the input.
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,

    /// Style for PDF and DOCX: a preset (default, gongwen, report) or a TOML style file.
    /// Without it, English documents get `report` and others `default`.
    #[arg(long, value_name = "NAME|FILE.toml")]
    pub style: Option<String>,

    /// Set a role's font family, ahead of the style's (repeatable). Roles: body, title,
    /// subtitle, heading (all levels), h1 … h6, emphasis, code, page-number.
    #[arg(long, value_name = "ROLE=FAMILY")]
    pub font: Vec<String>,

    /// Document title (overrides front matter and the inferred title).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Document author (repeatable; overrides front matter).
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// Document date (overrides front matter).
    #[arg(long, value_name = "TEXT")]
    pub date: Option<String>,

    /// Paper size for PDF and DOCX: a4 (default), a5, letter, legal.
    #[arg(long, value_name = "SIZE")]
    pub paper: Option<String>,

    /// Page margins: one value for all sides, or 2 (vertical horizontal) or 4 (top right
    /// bottom left) values separated by commas, each with a unit: mm, cm, in, pt (e.g. 25mm).
    #[arg(long, value_name = "LEN[,LEN...]")]
    pub margin: Option<String>,

    /// Body font size: points (12, 12pt) or a Chinese size name (小四, 三号).
    #[arg(long, value_name = "SIZE")]
    pub font_size: Option<String>,

    /// Line pitch: a multiple of the font size (1.6) or a length (28.95pt).
    #[arg(long, value_name = "N|LEN")]
    pub line_height: Option<String>,

    /// Do not embed font subsets in DOCX output (smaller files; readers need the fonts).
    #[arg(long)]
    pub no_embed_fonts: bool,

    /// A directory of fonts (.ttf, .otf, .ttc; searched recursively) whose families the
    /// style may name; searched before the bundled and the system's fonts. Repeatable.
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,

    /// Add a table of contents after the title block.
    #[arg(long)]
    pub toc: bool,

    /// The folder images may be read from; an image outside it is not read (its alt text
    /// is shown). Default: the current directory when the input lies inside it, else the
    /// input's folder.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// The most pixels an image may have (width × height); larger ones are not decoded.
    #[arg(long, value_name = "N", default_value_t = crate::images::DEFAULT_MAX_PIXELS)]
    pub max_image_pixels: u64,

    /// Fetch no remote (http, https) image: use only those in the image cache, and local
    /// files.
    #[arg(long, conflicts_with = "sandbox")]
    pub offline: bool,

    /// Read nothing but the inputs, the files inside the root folder and the bundled
    /// fonts: no remote image, no image cache, no system font.
    #[arg(long)]
    pub sandbox: bool,

    /// The folder fetched images are kept in (default: the platform's cache folder, e.g.
    /// ~/.cache/cjkdoc/images; also CJKDOC_CACHE_DIR).
    #[arg(long, value_name = "DIR", env = "CJKDOC_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Give up on a remote image after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub fetch_timeout: f64,

    /// Print errors only (no warnings, progress or summary).
    #[arg(short, long)]
    pub quiet: bool,
}
