//! JSON writer: the document tree, pretty-printed (see README for the schema).
//!
//! Indentation stops growing below [`MAX_INDENT_LEVELS`]: a deeply nested tree would
//! otherwise give JSON whose size grows with the square of its depth.

use super::{WriteError, WriteOptions};
use crate::doc::Document;
use crate::Diagnostics;
use serde::Serialize;
use std::io::{self, Write};

/// Nesting levels that get their own indentation (two spaces each); deeper levels are
/// indented as this one.
pub const MAX_INDENT_LEVELS: usize = 32;

/// Serialise the tree as pretty JSON with a trailing newline.
pub fn write(
    doc: &Document,
    _: &WriteOptions,
    _: &crate::images::Images,
    _: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    doc.serialize(&mut ser)
        .map_err(|e| WriteError::Failed(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// serde_json's `PrettyFormatter` (two-space indent), with the indent capped.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 2 * MAX_INDENT_LEVELS];
        w.write_all(&SPACES[..2 * self.level.min(MAX_INDENT_LEVELS)])
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Block, Inline, Paragraph};

    fn json(doc: &Document) -> String {
        let out = write(
            doc,
            &WriteOptions::default(),
            &crate::images::Images::default(),
            &mut Diagnostics::default(),
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn shallow_trees_are_as_serde_json_prints_them() {
        let doc = Document {
            blocks: vec![Block::Paragraph(Paragraph::body(vec![
                Inline::strong_text("a"),
                Inline::SoftBreak,
            ]))],
            ..Document::default()
        };
        let expected = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        assert_eq!(json(&doc), expected);
        assert_eq!(
            json(&Document::default()),
            "{\n  \"meta\": {},\n  \"blocks\": []\n}\n"
        );
    }

    #[test]
    fn size_grows_linearly_with_depth() {
        let quotes = |n: usize| {
            let mut blocks = vec![Block::ThematicBreak];
            for _ in 0..n {
                blocks = vec![Block::BlockQuote { blocks }];
            }
            Document {
                blocks,
                ..Document::default()
            }
        };
        let (small, big) = (json(&quotes(100)).len(), json(&quotes(200)).len());
        // Twice the depth, about twice the size (quadratic would be four times).
        assert!(big < small * 9 / 4, "{small} → {big}");
    }
}
