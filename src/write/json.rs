//! JSON writer: the document tree, pretty-printed (see README for the schema).

use super::{WriteError, WriteOptions};
use crate::doc::Document;
use crate::Diagnostics;

/// Serialise the tree as pretty JSON with a trailing newline.
pub fn write(doc: &Document, _: &WriteOptions, _: &mut Diagnostics) -> Result<Vec<u8>, WriteError> {
    let mut out = serde_json::to_vec_pretty(doc).map_err(|e| WriteError::Failed(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}
