//! JSON reader: the document tree as written by `write::json` (a serde round trip).

use super::{ReadError, ReadOptions};
use crate::doc::Document;
use crate::Diagnostics;

/// Parse a JSON dump of the tree.
pub fn read(input: &[u8], _: &ReadOptions, _: &mut Diagnostics) -> Result<Document, ReadError> {
    serde_json::from_slice(input)
        .map_err(|e| ReadError::Syntax(format!("invalid document JSON: {e}")))
}
