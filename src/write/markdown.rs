//! Markdown writer. Work in progress.

use super::{WriteError, WriteOptions};
use crate::doc::Document;
use crate::Diagnostics;

/// Write Markdown.
pub fn write(
    _doc: &Document,
    _: &WriteOptions,
    _: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    Err(WriteError::NotImplemented(crate::Format::Markdown))
}
