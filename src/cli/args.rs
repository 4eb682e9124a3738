//! Command-line arguments (clap derive): plain data, validated later by `plan`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const CONVERT_EXAMPLES: &str = "\
Examples:
  cjkdoc convert report.txt -o report.pdf        plain text (UTF-8, GBK, UTF-16) to PDF
  cjkdoc convert report.txt --to md              print the inferred structure as Markdown
  cjkdoc convert notes.md --to pdf,docx          write notes.pdf and notes.docx beside notes.md
  cjkdoc convert *.txt --to pdf --out-dir out/   batch conversion into out/
  cat a.md | cjkdoc convert - --to json          read stdin (Markdown unless --from says otherwise)
  cjkdoc convert gbk.txt --encoding gb18030 -o gbk.md

Formats: txt (input), md, json, html, pdf, docx. Without -o or --out-dir, one input converted
to one text format (md, json, html) goes to standard output; other outputs are written beside
their input as NAME.EXT. An input is never overwritten.";

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
    /// Input files (`-` for standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output file (`-` for standard output); its extension gives the format unless --to does.
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: Option<PathBuf>,

    /// Output format(s), comma-separated: md, json, html, pdf, docx.
    #[arg(short, long, value_name = "FMT[,FMT...]", value_delimiter = ',')]
    pub to: Vec<String>,

    /// Input format (txt, md, json); by default from each input's extension.
    #[arg(short, long, value_name = "FMT")]
    pub from: Option<String>,

    /// Directory for the outputs (created if missing), named INPUT-STEM.EXT.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Text encoding of plain-text input (e.g. gb18030, utf-16le); default: detected.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Read plain text as one paragraph per line, without inferring headings and roles.
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

    /// Do not print warnings.
    #[arg(short, long)]
    pub quiet: bool,
}
