//! Writers: one module per output format, each exposing
//! `fn write(&Document, &WriteOptions, &Images, &mut Diagnostics) -> Result<Vec<u8>, WriteError>`
//! (the [`Images`] are the figures' images, read and decoded once for every writer).

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
use crate::images::Images;
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
    /// The folder images must lie in (`--root`); `None`: `base_dir`, or the working
    /// directory (see [`crate::resource`]).
    pub root: Option<std::path::PathBuf>,
    /// The most pixels an image may have (`--max-image-pixels`).
    pub max_image_pixels: u64,
    /// The fetcher of remote images (one per process, shared); `None`: remote images are
    /// not fetched and show their alt text.
    pub remote: Option<Arc<crate::remote::Remote>>,
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
            root: None,
            max_image_pixels: crate::images::DEFAULT_MAX_PIXELS,
            remote: None,
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
pub type WriteFn =
    fn(&Document, &WriteOptions, &Images, &mut Diagnostics) -> Result<Vec<u8>, WriteError>;

impl WriteOptions {
    /// Where the document's images may be read from.
    pub fn access(&self) -> crate::resource::Access<'_> {
        crate::resource::Access {
            base_dir: self.base_dir.as_deref(),
            root: self.root.as_deref(),
            remote: self.remote.as_deref(),
            fonts: Some(&self.fonts),
        }
    }
}

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
    Ok(write_many(&[format], doc, options, diag)?.remove(0))
}

/// Write `doc` in each of `formats` (in order), its images read and decoded once for all.
pub fn write_many(
    formats: &[Format],
    doc: &Document,
    options: &WriteOptions,
    diag: &mut Diagnostics,
) -> Result<Vec<Vec<u8>>, WriteError> {
    let writers = formats
        .iter()
        .map(|&f| writer(f).ok_or(WriteError::NotImplemented(f)))
        .collect::<Result<Vec<_>, _>>()?;
    let depth = crate::doc::nesting::depth(doc);
    if depth > crate::doc::nesting::MAX_NESTING + 2 {
        return Err(WriteError::Failed(format!(
            "the document is nested {depth} levels deep, more than {} (pass it through doc::nesting::limit)",
            crate::doc::nesting::MAX_NESTING
        )));
    }
    crate::doc::check::values(doc)
        .map_err(|e| WriteError::Failed(format!("the document cannot be written: {e}")))?;
    crate::stack::with_tree_stack(|| {
        // Only the paged formats show images.
        let images = if formats.iter().any(|f| f.is_paged()) {
            Images::load(doc, options.access(), options.max_image_pixels, diag)
        } else {
            Images::default()
        };
        // The paged formats set an image too tall for its line as a figure (both alike).
        let style = &options.style;
        let paged =
            crate::images::lift_large_inline_images(doc, &images, style.body.size, style.measure());
        formats
            .iter()
            .zip(writers)
            .map(|(format, write)| {
                let doc = if format.is_paged() { &*paged } else { doc };
                write(doc, options, &images, diag)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Block, Heading, List, ListKind};

    #[test]
    fn trees_the_json_reader_would_refuse_are_not_written() {
        let heading = Document {
            blocks: vec![Block::Heading(Heading {
                level: 0,
                label: None,
                content: vec![],
                run_in: false,
            })],
            ..Document::default()
        };
        let list = Document {
            blocks: vec![Block::List(List {
                kind: ListKind::Ordered { start: u64::MAX },
                tight: true,
                items: vec![],
            })],
            ..Document::default()
        };
        let opts = WriteOptions::default();
        for (doc, why) in [
            (heading, "heading level 0 is not between 1 and 6"),
            (
                list,
                "ordered list start 18446744073709551615 is more than 999999999",
            ),
        ] {
            for format in [Format::Json, Format::Markdown, Format::Html] {
                let e = write(format, &doc, &opts, &mut Diagnostics::default()).unwrap_err();
                assert_eq!(
                    e.to_string(),
                    format!("the document cannot be written: {why}")
                );
            }
        }
    }
}
