//! Helpers that walk the tree: plain-text extraction.

use super::{Block, Inline};

/// The plain text of a run of inlines: text, code and link text concatenated; soft breaks
/// as `\n`, hard breaks as `\n`; images contribute their alt text; raw inlines and footnote
/// references contribute nothing.
pub fn inlines_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inlines(inlines, &mut out);
    out
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => push_inlines(content, out),
            Inline::Image(image) => push_inlines(&image.alt, out),
            Inline::SoftBreak | Inline::HardBreak => out.push('\n'),
            Inline::FootnoteRef { .. } | Inline::Raw(_) => {}
        }
    }
}

/// The plain text of a block and everything inside it, blocks separated by `\n`.
pub fn block_text(block: &Block) -> String {
    let mut out = String::new();
    push_block(block, &mut out);
    out
}

fn push_block(block: &Block, out: &mut String) {
    let sep = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    match block {
        Block::Heading(h) => out.push_str(&h.text()),
        Block::Paragraph(p) => push_inlines(&p.content, out),
        Block::List(list) => {
            for item in &list.items {
                for b in &item.blocks {
                    sep(out);
                    push_block(b, out);
                }
            }
        }
        Block::BlockQuote { blocks } => {
            for b in blocks {
                sep(out);
                push_block(b, out);
            }
        }
        Block::FootnoteDef(f) => {
            for b in &f.blocks {
                sep(out);
                push_block(b, out);
            }
        }
        Block::CodeBlock(c) => out.push_str(&c.text),
        Block::Table(t) => {
            for row in std::iter::once(&t.header).chain(&t.rows) {
                sep(out);
                let cells: Vec<String> = row.iter().map(|c| inlines_text(c)).collect();
                out.push_str(&cells.join("\t"));
            }
        }
        Block::Figure(f) => push_inlines(&f.image.alt, out),
        Block::Raw(r) => out.push_str(&r.text),
        Block::ThematicBreak | Block::PageBreak => {}
    }
}
