//! Readers: one module per input format, each exposing
//! `fn read(&[u8], &ReadOptions, &mut Diagnostics) -> Result<Document, ReadError>`.
//!
//! To add a format, add a module and one line to [`reader`].

pub mod docx;
pub mod encoding;
pub mod json;
pub mod markdown;
pub mod text;

use crate::doc::Document;
use crate::{Diagnostics, Format};

/// How to read an input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force this text encoding (an `encoding_rs` label such as `gb18030`, `utf-16le`);
    /// undecodable bytes then become U+FFFD instead of an error.
    pub encoding: Option<String>,
    /// Infer structure (headings, roles, lists) from plain text. `false` reads one
    /// paragraph per line.
    pub structure: bool,
    /// Override the document language (BCP 47).
    pub lang: Option<String>,
    /// Override the title (front matter and inference give way to it).
    pub title: Option<String>,
    /// Override the authors (when not empty).
    pub authors: Vec<String>,
    /// Override the date.
    pub date: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            structure: true,
            lang: None,
            title: None,
            authors: Vec::new(),
            date: None,
        }
    }
}

/// Why an input could not be read. Messages are one line, lower-case, without the file
/// name (the caller adds it).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// cjkdoc has no reader for this format.
    #[error("{} input is not supported", .0.title())]
    Unsupported(Format),
    /// The bytes are not text in the detected or given encoding.
    #[error("invalid {encoding} at line {line}, column {column} (use --encoding to choose another encoding)")]
    Decode {
        /// The encoding tried.
        encoding: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in characters) of the first bad byte.
        column: usize,
    },
    /// The input looks like a binary file, not text.
    #[error("this is a binary file ({0}), not text")]
    Binary(String),
    /// `--encoding` named no known encoding.
    #[error("unknown encoding '{0}'")]
    UnknownEncoding(String),
    /// Malformed input for a structured format (JSON, front matter).
    #[error("{0}")]
    Syntax(String),
}

/// A reader function.
pub type ReadFn = fn(&[u8], &ReadOptions, &mut Diagnostics) -> Result<Document, ReadError>;

/// The reader for a format, if cjkdoc has one.
pub fn reader(format: Format) -> Option<ReadFn> {
    match format {
        Format::Text => Some(text::read),
        Format::Markdown => Some(markdown::read),
        Format::Json => Some(json::read),
        Format::Docx => Some(docx::read),
        Format::Html | Format::Pdf => None,
    }
}

/// Read `input` as `format`.
pub fn read(
    format: Format,
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Document, ReadError> {
    let read = reader(format).ok_or(ReadError::Unsupported(format))?;
    let mut doc = crate::stack::with_tree_stack(|| read(input, options, diag))?;
    if let Some(lang) = &options.lang {
        doc.meta.lang = Some(lang.clone());
    }
    if let Some(title) = &options.title {
        doc.meta.title = Some(title.clone());
    }
    if !options.authors.is_empty() {
        doc.meta.authors.clone_from(&options.authors);
    }
    if let Some(date) = &options.date {
        doc.meta.date = Some(date.clone());
    }
    Ok(doc)
}
