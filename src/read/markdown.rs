//! Markdown reader (pulldown-cmark). Work in progress.

use super::{ReadError, ReadOptions};
use crate::doc::Document;
use crate::Diagnostics;

/// Read Markdown.
pub fn read(_input: &[u8], _: &ReadOptions, _: &mut Diagnostics) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported(crate::Format::Markdown))
}
