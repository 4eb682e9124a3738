//! Plain-text reader.
//!
//! Supported now:
//! - UTF-8 with or without BOM; CRLF, CR or LF line ends.
//! - One paragraph per non-blank line; leading ASCII spaces, tabs and ideographic spaces
//!   (U+3000) are indentation and are dropped.

use super::{ReadError, ReadOptions};
use crate::doc::{Block, Document, Inline, Paragraph};
use crate::Diagnostics;

/// Read plain text.
pub fn read(input: &[u8], _: &ReadOptions, _: &mut Diagnostics) -> Result<Document, ReadError> {
    let text = decode(input)?;
    let blocks = text
        .lines()
        .map(|line| line.trim_start_matches([' ', '\t', '\u{3000}']).trim_end())
        .filter(|line| !line.is_empty())
        .map(|line| Block::Paragraph(Paragraph::body(vec![Inline::text(line)])))
        .collect();
    Ok(Document {
        blocks,
        ..Document::default()
    })
}

/// Decode UTF-8 (BOM optional), normalising line ends to `\n`.
fn decode(input: &[u8]) -> Result<String, ReadError> {
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let text = std::str::from_utf8(body).map_err(|e| {
        let good = &body[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        ReadError::Decode {
            encoding: "UTF-8".into(),
            line,
            column,
        }
    })?;
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(input: &[u8]) -> Vec<String> {
        let doc = read(input, &ReadOptions::default(), &mut Diagnostics::default()).unwrap();
        doc.blocks.iter().map(crate::doc::block_text).collect()
    }

    #[test]
    fn one_paragraph_per_line_without_indentation() {
        let input = "\u{feff}　　第一段*保密*。\r\n\r\n  second line\r\n\tthird\n";
        assert_eq!(
            paragraphs(input.as_bytes()),
            ["第一段*保密*。", "second line", "third"]
        );
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let err = read(b"ok\nab\xff", &ReadOptions::default(), &mut Diagnostics::default());
        assert_eq!(
            err.unwrap_err(),
            ReadError::Decode {
                encoding: "UTF-8".into(),
                line: 2,
                column: 3
            }
        );
    }
}
