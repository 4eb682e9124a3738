//! Values the tree's types allow but a document cannot have: a heading level outside 1–6,
//! an ordered list starting above [`MAX_LIST_START`]. Readers that take a tree from
//! outside (JSON) refuse them, and writers refuse a tree holding them, so that what one
//! writes the other reads back.

use super::{Block, Document, ListKind};

/// The largest number an ordered list may start at: CommonMark's (nine digits), which a
/// DOCX numbering's start also holds.
pub const MAX_LIST_START: u64 = 999_999_999;

/// Whether each side given is a finite positive length of at most 10 metres (a
/// percentage at most 100). Inline images are checked by the writers' own fitting.
fn image_size(size: &crate::doc::ImageSize) -> Result<(), String> {
    for (side, len) in [("width", size.width), ("height", size.height)] {
        let Some(len) = len else { continue };
        let (v, max) = match len {
            crate::doc::Length::Px(v) => (v, 37_795.0),
            crate::doc::Length::Pt(v) => (v, 28_346.0),
            crate::doc::Length::Percent(v) => (v, 100.0),
        };
        if !(v.is_finite() && v > 0.0 && v <= max) {
            return Err(format!(
                "image {side} {len:?} is not a length cjkdoc can set"
            ));
        }
    }
    Ok(())
}

/// The first value in `doc` a document cannot have, as a phrase for an error message
/// (iterative: the tree may be deeper than the nesting limit here).
pub fn values(doc: &Document) -> Result<(), String> {
    let mut stack: Vec<&[Block]> = vec![&doc.blocks];
    while let Some(blocks) = stack.pop() {
        for block in blocks {
            match block {
                Block::Heading(h) if !(1..=6).contains(&h.level) => {
                    return Err(format!("heading level {} is not between 1 and 6", h.level));
                }
                Block::List(list) => {
                    if let ListKind::Ordered { start } = list.kind {
                        if start > MAX_LIST_START {
                            return Err(format!(
                                "ordered list start {start} is more than {MAX_LIST_START}"
                            ));
                        }
                    }
                    stack.extend(list.items.iter().map(|i| i.blocks.as_slice()));
                }
                Block::BlockQuote { blocks } => stack.push(blocks),
                Block::FootnoteDef(f) => stack.push(&f.blocks),
                Block::Figure(f) => image_size(&f.image.size)?,
                _ => {}
            }
        }
    }
    Ok(())
}
