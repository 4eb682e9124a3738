//! JSON reader: the document tree as written by `write::json` (a serde round trip).
//!
//! The tree may come from anywhere, so it is checked as the other readers check theirs:
//! JSON nested deeper than [`MAX_JSON_DEPTH`] is refused before it is parsed (serde
//! recursion would otherwise need unbounded stack), and containers nested deeper than
//! [`MAX_NESTING`] are flattened with a warning.

use super::{ReadError, ReadOptions};
use crate::doc::nesting::{self, MAX_NESTING};
use crate::doc::Document;
use crate::Diagnostics;
use serde::Deserialize;

/// The deepest JSON nesting read: enough for a tree at [`MAX_NESTING`] (a list level takes
/// four JSON levels: the list, its items, an item, its blocks) with room to spare.
pub const MAX_JSON_DEPTH: usize = 4 * MAX_NESTING + 64;

/// Parse a JSON dump of the tree.
pub fn read(input: &[u8], _: &ReadOptions, diag: &mut Diagnostics) -> Result<Document, ReadError> {
    let depth = json_depth(input);
    if depth > MAX_JSON_DEPTH {
        return Err(ReadError::Syntax(format!(
            "invalid document JSON: nested {depth} levels deep, more than the {MAX_JSON_DEPTH} a document tree can have"
        )));
    }
    let mut de = serde_json::Deserializer::from_slice(input);
    // The depth is checked above; serde_json's own limit (128) is below what a tree at the
    // nesting limit needs.
    de.disable_recursion_limit();
    let mut doc = Document::deserialize(&mut de)
        .and_then(|doc| de.end().map(|()| doc))
        .map_err(|e| ReadError::Syntax(format!("invalid document JSON: {e}")))?;
    crate::doc::check::values(&doc)
        .map_err(|e| ReadError::Syntax(format!("invalid document JSON: {e}")))?;
    let flattened = nesting::limit(&mut doc);
    if flattened > 0 {
        diag.warn(format!(
            "nesting deeper than {MAX_NESTING} levels is flattened ({flattened} quote, list or emphasis levels kept as plain content)"
        ));
    }
    Ok(doc)
}

pub use crate::doc::check::MAX_LIST_START;

/// The deepest nesting of `[` and `{` in JSON text (strings skipped), without parsing it.
fn json_depth(input: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in input {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(json: &str) -> Result<Document, ReadError> {
        read(
            json.as_bytes(),
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        )
    }

    #[test]
    fn heading_levels_outside_one_to_six_and_huge_list_starts_are_refused() {
        let heading = |level: u32| {
            format!(
                r#"{{"blocks":[{{"type":"block_quote","blocks":[{{"type":"heading","level":{level},"content":[]}}]}}]}}"#
            )
        };
        let list = |start: u64| {
            format!(
                r#"{{"blocks":[{{"type":"list","kind":{{"ordered":{{"start":{start}}}}},"tight":true,"items":[]}}]}}"#
            )
        };
        for level in [1, 6] {
            read_str(&heading(level)).unwrap();
        }
        for level in [0, 7, 99] {
            let e = read_str(&heading(level)).unwrap_err().to_string();
            assert_eq!(
                e,
                format!("invalid document JSON: heading level {level} is not between 1 and 6")
            );
        }
        read_str(&list(MAX_LIST_START)).unwrap();
        let e = read_str(&list(u64::MAX)).unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid document JSON: ordered list start 18446744073709551615 is more than 999999999"
        );
    }

    #[test]
    fn depth_skips_strings() {
        assert_eq!(json_depth(br#"{"a": ["[[{", {"b": "\"{"}]}"#), 3);
        assert_eq!(json_depth(b"1"), 0);
    }

    #[test]
    fn too_deep_json_is_refused_without_recursing() {
        let mut s = "[".repeat(1_000_000);
        s.push_str(&"]".repeat(1_000_000));
        let err = read(
            s.as_bytes(),
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        );
        let Err(ReadError::Syntax(msg)) = err else {
            panic!("{err:?}")
        };
        assert!(msg.contains("nested 1000000 levels deep"), "{msg}");
    }
}
