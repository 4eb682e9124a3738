//! Markdown reader: decodes the input (UTF-8, or another encoding detected or forced as for
//! plain text, see [`super::encoding`]) and parses it with [`crate::commonmark`], which holds
//! the checklist of supported nodes.

use super::{encoding, ReadError, ReadOptions};
use crate::commonmark;
#[cfg(test)]
use crate::doc::{Block, Document, Inline, MetaValue, Paragraph};
use crate::Diagnostics;

/// Read Markdown.
pub fn read(
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<crate::doc::Document, ReadError> {
    let text = encoding::decode(input, options, diag)?;
    let (doc, flattened) =
        commonmark::parse_with_notes(&text).map_err(|e| ReadError::Syntax(e.0))?;
    if let Some(f) = flattened {
        diag.warn(f.to_string());
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(md: &str) -> Document {
        read(
            md.as_bytes(),
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        )
        .unwrap()
    }

    #[test]
    fn front_matter_fills_meta() {
        let d = doc("---\ntitle: 通知\nauthor: [甲, 乙]\nlanguage: zh-CN\nkeywords: a, b\nx: 1\n---\n\nHi\n");
        assert_eq!(d.meta.title.as_deref(), Some("通知"));
        assert_eq!(d.meta.authors, ["甲", "乙"]);
        assert_eq!(d.meta.lang.as_deref(), Some("zh-CN"));
        assert_eq!(d.meta.keywords, ["a", "b"]);
        assert_eq!(d.meta.extra["x"], MetaValue::Int(1));
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn malformed_front_matter_is_a_syntax_error() {
        let err = read(
            b"---\ntitle: [a\n---\n",
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        )
        .unwrap_err();
        let ReadError::Syntax(msg) = err else {
            panic!("{err:?}")
        };
        assert!(msg.starts_with("invalid YAML front matter: "), "{msg}");
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = read(
            b"\xEF\xBB\xBFa\n\xe4\xb8\xadb\xff",
            &ReadOptions::default(),
            &mut Diagnostics::default(),
        );
        assert_eq!(
            err.unwrap_err(),
            ReadError::Decode {
                encoding: "UTF-8".into(),
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn tight_list_items_hold_paragraphs_and_tasks() {
        let d = doc("- [x] done\n- todo\n");
        let Block::List(list) = &d.blocks[0] else {
            panic!()
        };
        assert!(list.tight);
        assert_eq!(list.items[0].task, Some(true));
        assert_eq!(list.items[1].task, None);
        assert_eq!(
            list.items[0].blocks,
            [Block::Paragraph(Paragraph::body(vec![Inline::text(
                "done"
            )]))]
        );
    }
}
