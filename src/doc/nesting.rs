//! The nesting limit of the tree: how deep containers (block quotes, lists, footnotes,
//! emphasis, links, images) may be nested.
//!
//! Every writer walks the tree recursively, so a tree must not be arbitrarily deep. The
//! limit is applied once, where a tree is built: the Markdown reader flattens deeper
//! containers as it goes (see [`crate::commonmark`]); a tree from anywhere else (the JSON
//! reader, a library caller, a fuzzer) goes through [`limit`]. No real document comes
//! near it: Word allows 9 list levels, and a 20-level quote is already unreadable.
//!
//! Flattening keeps all content and its order: a container deeper than the limit is
//! replaced by its children (a quote by its blocks, a list by its items' blocks, emphasis
//! by the emphasised inlines, an image inside the alt text of a too-deep image by its alt
//! text).

use super::{Block, Document, Figure, Heading, Image, Inline, List, Paragraph, Table};

/// The deepest container nesting a tree may have. Containers below it are flattened.
pub const MAX_NESTING: usize = 256;

/// Flatten every container nested deeper than [`MAX_NESTING`]; returns how many were
/// flattened (0: the tree was within the limit and is unchanged).
///
/// Iterative below the limit, so any depth is handled; above it the recursion is at most
/// [`MAX_NESTING`] deep.
pub fn limit(doc: &mut Document) -> usize {
    let mut flattened = 0;
    let blocks = std::mem::take(&mut doc.blocks);
    doc.blocks = blocks_at(blocks, 0, &mut flattened);
    flattened
}

/// The nesting depth of the tree (0 for a flat document of paragraphs of text), found
/// without recursion.
pub fn depth(doc: &Document) -> usize {
    enum Node<'a> {
        Blocks(&'a [Block]),
        Inlines(&'a [Inline]),
    }
    let mut deepest = 0;
    let mut stack = vec![(Node::Blocks(&doc.blocks), 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        match node {
            Node::Blocks(blocks) => {
                for b in blocks {
                    match b {
                        Block::Heading(h) => stack.push((Node::Inlines(&h.content), d + 1)),
                        Block::Paragraph(p) => stack.push((Node::Inlines(&p.content), d + 1)),
                        Block::List(l) => {
                            for item in &l.items {
                                stack.push((Node::Blocks(&item.blocks), d + 1));
                            }
                        }
                        Block::BlockQuote { blocks } => stack.push((Node::Blocks(blocks), d + 1)),
                        Block::FootnoteDef(f) => stack.push((Node::Blocks(&f.blocks), d + 1)),
                        Block::Table(t) => {
                            for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                                stack.push((Node::Inlines(cell), d + 1));
                            }
                        }
                        Block::Figure(f) => {
                            stack.push((Node::Inlines(&f.image.alt), d + 1));
                            stack.push((Node::Inlines(&f.caption), d + 1));
                        }
                        Block::CodeBlock(_)
                        | Block::ThematicBreak
                        | Block::PageBreak
                        | Block::Raw(_) => {}
                    }
                }
            }
            Node::Inlines(inlines) => {
                for i in inlines {
                    match i {
                        Inline::Emphasis { content }
                        | Inline::Strong { content }
                        | Inline::Strikethrough { content }
                        | Inline::Link { content, .. } => {
                            stack.push((Node::Inlines(content), d + 1))
                        }
                        Inline::Image(image) => stack.push((Node::Inlines(&image.alt), d + 1)),
                        _ => {}
                    }
                }
            }
        }
    }
    deepest
}

/// The depth below `depth`, never past the limit (flattened content stays at the limit).
fn below(depth: usize) -> usize {
    (depth + 1).min(MAX_NESTING)
}

fn blocks_at(blocks: Vec<Block>, depth: usize, flattened: &mut usize) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    // Pending blocks, next last: a flattened container's children go back on the stack, so
    // a chain of any length is taken apart without recursion.
    let mut pending: Vec<Block> = blocks;
    pending.reverse();
    let deep = depth >= MAX_NESTING;
    while let Some(block) = pending.pop() {
        let block = match block {
            Block::BlockQuote { blocks } if deep => {
                *flattened += 1;
                pending.extend(blocks.into_iter().rev());
                continue;
            }
            Block::FootnoteDef(f) if deep => {
                *flattened += 1;
                pending.extend(f.blocks.into_iter().rev());
                continue;
            }
            Block::List(l) if deep => {
                *flattened += 1;
                for item in l.items.into_iter().rev() {
                    pending.extend(item.blocks.into_iter().rev());
                }
                continue;
            }
            Block::BlockQuote { blocks } => Block::BlockQuote {
                blocks: blocks_at(blocks, below(depth), flattened),
            },
            Block::FootnoteDef(mut f) => {
                f.blocks = blocks_at(std::mem::take(&mut f.blocks), below(depth), flattened);
                Block::FootnoteDef(f)
            }
            Block::List(List { kind, tight, items }) => Block::List(List {
                kind,
                tight,
                items: items
                    .into_iter()
                    .map(|mut item| {
                        item.blocks = blocks_at(item.blocks, below(depth), flattened);
                        item
                    })
                    .collect(),
            }),
            Block::Heading(h) => Block::Heading(Heading {
                content: inlines_at(h.content, below(depth), false, flattened),
                ..h
            }),
            Block::Paragraph(p) => Block::Paragraph(Paragraph {
                role: p.role,
                content: inlines_at(p.content, below(depth), false, flattened),
            }),
            Block::Table(Table {
                aligns,
                header,
                rows,
            }) => {
                let mut cells = |row: Vec<Vec<Inline>>| -> Vec<Vec<Inline>> {
                    row.into_iter()
                        .map(|c| inlines_at(c, below(depth), false, flattened))
                        .collect()
                };
                let header = cells(header);
                let rows = rows.into_iter().map(&mut cells).collect();
                Block::Table(Table {
                    aligns,
                    header,
                    rows,
                })
            }
            Block::Figure(Figure { image, caption }) => Block::Figure(Figure {
                image: Image {
                    alt: inlines_at(image.alt, below(depth), true, flattened),
                    ..image
                },
                caption: inlines_at(caption, below(depth), false, flattened),
            }),
            other @ (Block::CodeBlock(_)
            | Block::ThematicBreak
            | Block::PageBreak
            | Block::Raw(_)) => other,
        };
        out.push(block);
    }
    out
}

fn inlines_at(
    inlines: Vec<Inline>,
    depth: usize,
    in_alt: bool,
    flattened: &mut usize,
) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    let mut pending = inlines;
    pending.reverse();
    let deep = depth >= MAX_NESTING;
    while let Some(inline) = pending.pop() {
        let inline = match inline {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. }
                if deep =>
            {
                *flattened += 1;
                pending.extend(content.into_iter().rev());
                continue;
            }
            // An image inside a too-deep image's alt text: its own alt text stands in.
            Inline::Image(image) if deep && in_alt => {
                *flattened += 1;
                pending.extend(image.alt.into_iter().rev());
                continue;
            }
            Inline::Emphasis { content } => Inline::Emphasis {
                content: inlines_at(content, below(depth), in_alt, flattened),
            },
            Inline::Strong { content } => Inline::Strong {
                content: inlines_at(content, below(depth), in_alt, flattened),
            },
            Inline::Strikethrough { content } => Inline::Strikethrough {
                content: inlines_at(content, below(depth), in_alt, flattened),
            },
            Inline::Link {
                url,
                title,
                content,
            } => Inline::Link {
                url,
                title,
                content: inlines_at(content, below(depth), in_alt, flattened),
            },
            Inline::Image(image) => Inline::Image(Image {
                alt: inlines_at(image.alt, below(depth), true, flattened),
                ..image
            }),
            other => other,
        };
        out.push(inline);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{ListItem, ListKind};

    fn quotes(n: usize) -> Document {
        let mut blocks = vec![Block::Paragraph(Paragraph::body(vec![Inline::text("x")]))];
        for _ in 0..n {
            blocks = vec![Block::BlockQuote { blocks }];
        }
        Document {
            blocks,
            ..Document::default()
        }
    }

    fn emphasis(n: usize) -> Document {
        let mut content = vec![Inline::text("x")];
        for i in 0..n {
            content = if i % 2 == 0 {
                vec![Inline::Emphasis { content }]
            } else {
                vec![Inline::Strong { content }, Inline::text("y")]
            };
        }
        Document {
            blocks: vec![Block::Paragraph(Paragraph::body(content))],
            ..Document::default()
        }
    }

    #[test]
    fn shallow_trees_are_unchanged() {
        for doc in [quotes(MAX_NESTING - 1), emphasis(MAX_NESTING - 2)] {
            let mut copy = doc.clone();
            assert_eq!(limit(&mut copy), 0);
            assert_eq!(copy, doc);
        }
    }

    #[test]
    fn deep_quotes_are_flattened_keeping_the_text() {
        let mut doc = quotes(10_000);
        assert_eq!(depth(&doc), 10_001);
        assert_eq!(limit(&mut doc), 10_000 - MAX_NESTING);
        assert!(depth(&doc) <= MAX_NESTING + 1, "{}", depth(&doc));
        assert_eq!(crate::doc::block_text(&doc.blocks[0]), "x");
    }

    #[test]
    fn deep_emphasis_is_flattened_in_order() {
        let mut doc = emphasis(20_000);
        assert!(limit(&mut doc) > 0);
        assert!(depth(&doc) <= MAX_NESTING + 1);
        let text = format!("x{}", "y".repeat(10_000));
        assert_eq!(crate::doc::block_text(&doc.blocks[0]), text);
    }

    #[test]
    fn deep_lists_become_their_items_blocks() {
        let mut blocks = vec![Block::Paragraph(Paragraph::body(vec![Inline::text("x")]))];
        for _ in 0..5_000 {
            blocks = vec![Block::List(List {
                kind: ListKind::Bullet,
                tight: true,
                items: vec![
                    ListItem { task: None, blocks },
                    ListItem {
                        task: None,
                        blocks: vec![Block::ThematicBreak],
                    },
                ],
            })];
        }
        let mut doc = Document {
            blocks,
            ..Document::default()
        };
        limit(&mut doc);
        assert!(depth(&doc) <= MAX_NESTING + 1);
    }
}
