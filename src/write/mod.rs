//! Writers: one module per output format, each exposing
//! `fn write(&Document, &WriteOptions, &mut Diagnostics) -> Result<Vec<u8>, WriteError>`.
//!
//! To add a format, add a module and one line to [`writer`].

pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
mod shared;

use crate::doc::Document;
use crate::fonts::Book;
use crate::style::Style;
use crate::{Diagnostics, Format};
use std::sync::Arc;

/// How to write an output.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Page and typography settings (PDF, DOCX).
    pub style: Style,
    /// Embed (subsets of) the fonts used, where the format allows it (DOCX).
    pub embed_fonts: bool,
    /// Add a table of contents after the title block.
    pub toc: bool,
    /// The directory relative image paths are resolved against (the input document's
    /// directory); `None` means the working directory.
    pub base_dir: Option<std::path::PathBuf>,
    /// The faces the style's families are looked up in (PDF, DOCX): build one [`Book`] per
    /// process and share it; the default is the bundled faces only.
    pub fonts: Arc<Book>,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            style: Style::default(),
            embed_fonts: true,
            toc: false,
            base_dir: None,
            fonts: Arc::clone(Book::bundled()),
        }
    }
}

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// cjkdoc cannot write this format (yet).
    #[error("{} output is not implemented yet", .0.title())]
    NotImplemented(Format),
    /// Something went wrong inside a writer.
    #[error("{0}")]
    Failed(String),
}

/// A writer function.
pub type WriteFn = fn(&Document, &WriteOptions, &mut Diagnostics) -> Result<Vec<u8>, WriteError>;

/// The writer for a format, if cjkdoc has one.
pub fn writer(format: Format) -> Option<WriteFn> {
    match format {
        Format::Markdown => Some(markdown::write),
        Format::Json => Some(json::write),
        Format::Html => Some(html::write),
        Format::Pdf => Some(pdf::write),
        Format::Docx => Some(docx::write),
        Format::Text => None,
    }
}

/// Write `doc` as `format`.
pub fn write(
    format: Format,
    doc: &Document,
    options: &WriteOptions,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let write = writer(format).ok_or(WriteError::NotImplemented(format))?;
    write(doc, options, diag)
}
