//! cjkdoc: convert plain text and Markdown into PDF, DOCX, Markdown, HTML and JSON, with
//! embedded CJK fonts.
//!
//! The pipeline is `bytes --read--> doc::Document --write--> bytes`:
//! - [`read`] holds one module per input format, each turning bytes into a
//!   [`doc::Document`];
//! - [`write`] holds one module per output format, each turning a document into bytes;
//! - [`layout`] is the typesetting engine behind the PDF writer;
//! - [`fonts`] holds the bundled faces, [`style`] the page and typography presets;
//! - [`cli`] is the command-line front end (no conversion logic).
//!
//! A conversion is a pure function of (input bytes, options): see [`convert`].

pub mod cli;
pub mod commonmark;
mod deflate;
pub mod diag;
pub mod doc;
pub mod fonts;
mod format;
pub mod images;
pub mod img_tag;
pub mod layout;
pub mod read;
pub mod remote;
pub mod resource;
pub mod script;
mod stack;
pub mod style;
pub mod write;

pub use diag::Diagnostics;
pub use format::Format;

/// Everything that can go wrong in a conversion.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be read.
    #[error(transparent)]
    Read(#[from] read::ReadError),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

/// Options for one conversion: how to read, how to write.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Reader options.
    pub read: read::ReadOptions,
    /// Writer options.
    pub write: write::WriteOptions,
}

/// Convert `input` (in format `from`) to format `to`. Warnings go to `diag`.
pub fn convert(
    input: &[u8],
    from: Format,
    to: Format,
    options: &Options,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, Error> {
    let doc = read::read(from, input, &options.read, diag)?;
    Ok(write::write(to, &doc, &options.write, diag)?)
}
