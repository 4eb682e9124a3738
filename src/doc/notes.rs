//! Footnotes: which definition each reference points at and what number it gets, decided
//! once for every writer (PDF, DOCX, HTML number notes alike).
//!
//! The rules:
//! - Notes are numbered 1, 2, … in the order of their first reference in reading order
//!   (headings, paragraphs, list items, quotes, table header then rows, figure captions —
//!   the alt text where there is no caption — and image alt text). A note referred to
//!   again keeps its number.
//! - References inside notes number further notes, after all the body's, note by note.
//! - With two definitions of one label, the first counts; the second is unreferenced.
//! - A definition never referred to is *unreferenced*: writers keep its text (marked with
//!   its label) where definitions are collected, so nothing is lost.
//! - A reference to a label with no definition is *undefined*: writers show the label
//!   raised, as written, and warn.

use super::{Block, Document, FootnoteDef, Inline};
use std::collections::HashMap;

/// The footnotes of a document, numbered.
#[derive(Debug, Clone, Default)]
pub struct Notes<'a> {
    /// Every definition, in document order (nested ones after their parent's start).
    defs: Vec<&'a FootnoteDef>,
    /// Note `n` (from 1) is `numbered[n - 1]`.
    numbered: Vec<&'a FootnoteDef>,
    numbers: HashMap<&'a str, usize>,
    /// Notes `1..=in_body` are referred to from outside notes.
    in_body: usize,
    undefined: Vec<&'a str>,
}

impl<'a> Notes<'a> {
    /// Find and number the notes of `doc`.
    pub fn new(doc: &'a Document) -> Notes<'a> {
        let mut defs = Vec::new();
        find_defs(&doc.blocks, &mut defs);
        let mut first: HashMap<&'a str, &'a FootnoteDef> = HashMap::new();
        for d in &defs {
            first.entry(d.label.as_str()).or_insert(d);
        }
        let mut notes = Notes {
            defs,
            ..Notes::default()
        };
        let mut refs = Vec::new();
        body_refs(&doc.blocks, &mut refs);
        notes.take(&refs, &first);
        notes.in_body = notes.numbered.len();
        let mut k = 0;
        while k < notes.numbered.len() {
            let mut inner = Vec::new();
            body_refs(&notes.numbered[k].blocks, &mut inner);
            notes.take(&inner, &first);
            k += 1;
        }
        notes
    }

    fn take(&mut self, refs: &[&'a str], first: &HashMap<&'a str, &'a FootnoteDef>) {
        for &label in refs {
            match first.get(label) {
                Some(def) => {
                    if !self.numbers.contains_key(label) {
                        self.numbered.push(def);
                        self.numbers.insert(label, self.numbered.len());
                    }
                }
                None => {
                    if !self.undefined.contains(&label) {
                        self.undefined.push(label);
                    }
                }
            }
        }
    }

    /// The number of the note `label` refers to, from 1; `None` when it has no definition.
    pub fn number(&self, label: &str) -> Option<usize> {
        self.numbers.get(label).copied()
    }

    /// Whether note `n` is referred to from the body (not only from inside other notes).
    pub fn in_body(&self, n: usize) -> bool {
        n >= 1 && n <= self.in_body
    }

    /// The referenced notes in number order (note `n` at index `n - 1`).
    pub fn numbered(&self) -> &[&'a FootnoteDef] {
        &self.numbered
    }

    /// The definitions never referred to, in document order.
    pub fn unreferenced(&self) -> Vec<&'a FootnoteDef> {
        self.defs
            .iter()
            .copied()
            .filter(|d| !self.numbered.iter().any(|n| std::ptr::eq(*n, *d)))
            .collect()
    }

    /// Labels referred to but never defined, in order of first reference.
    pub fn undefined(&self) -> &[&'a str] {
        &self.undefined
    }

    /// The warnings a writer reports for these notes.
    pub fn warnings(&self) -> Vec<String> {
        let mut w: Vec<String> = self
            .undefined
            .iter()
            .map(|l| format!("footnote [^{l}] is referred to but never defined"))
            .collect();
        w.extend(self.unreferenced().iter().map(|d| {
            if self.numbers.contains_key(d.label.as_str()) {
                format!(
                    "footnote [^{}] is defined twice; the second text is kept where notes are collected",
                    d.label
                )
            } else {
                format!(
                    "footnote [^{}] is never referred to; its text is kept where notes are collected",
                    d.label
                )
            }
        }));
        w
    }
}

fn find_defs<'a>(bs: &'a [Block], out: &mut Vec<&'a FootnoteDef>) {
    for b in bs {
        match b {
            Block::FootnoteDef(d) => {
                out.push(d);
                find_defs(&d.blocks, out);
            }
            Block::BlockQuote { blocks } => find_defs(blocks, out),
            Block::List(l) => l.items.iter().for_each(|i| find_defs(&i.blocks, out)),
            _ => {}
        }
    }
}

/// References in reading order, outside footnote definitions.
fn body_refs<'a>(bs: &'a [Block], out: &mut Vec<&'a str>) {
    for b in bs {
        match b {
            Block::Heading(h) => inline_refs(&h.content, out),
            Block::Paragraph(p) => inline_refs(&p.content, out),
            Block::List(l) => l.items.iter().for_each(|i| body_refs(&i.blocks, out)),
            Block::BlockQuote { blocks } => body_refs(blocks, out),
            Block::Table(t) => {
                t.header.iter().for_each(|c| inline_refs(c, out));
                t.rows.iter().flatten().for_each(|c| inline_refs(c, out));
            }
            Block::Figure(f) => {
                if f.caption.is_empty() {
                    inline_refs(&f.image.alt, out)
                } else {
                    inline_refs(&f.caption, out)
                }
            }
            Block::FootnoteDef(_)
            | Block::CodeBlock(_)
            | Block::ThematicBreak
            | Block::PageBreak
            | Block::Raw(_) => {}
        }
    }
}

fn inline_refs<'a>(v: &'a [Inline], out: &mut Vec<&'a str>) {
    for i in v {
        match i {
            Inline::FootnoteRef { label } => out.push(label),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => inline_refs(content, out),
            Inline::Image(img) => inline_refs(&img.alt, out),
            Inline::Text { .. }
            | Inline::Code { .. }
            | Inline::SoftBreak
            | Inline::HardBreak
            | Inline::Raw(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Paragraph;

    fn r(l: &str) -> Inline {
        Inline::FootnoteRef { label: l.into() }
    }
    fn def(l: &str, content: Vec<Inline>) -> Block {
        Block::FootnoteDef(FootnoteDef {
            label: l.into(),
            blocks: vec![Block::Paragraph(Paragraph::body(content))],
        })
    }

    #[test]
    fn numbered_by_first_reference_then_inside_notes() {
        let doc = Document {
            blocks: vec![
                def("a", vec![Inline::text("A"), r("c")]),
                Block::Paragraph(Paragraph::body(vec![r("b"), r("a"), r("b"), r("zz")])),
                def("b", vec![Inline::text("B")]),
                def("c", vec![Inline::text("C")]),
                def("d", vec![Inline::text("D")]),
                def("a", vec![Inline::text("again")]),
            ],
            ..Document::default()
        };
        let n = Notes::new(&doc);
        assert_eq!(n.number("b"), Some(1));
        assert_eq!(n.number("a"), Some(2));
        assert_eq!(n.number("c"), Some(3));
        assert_eq!(n.number("d"), None);
        let labels: Vec<&str> = n.numbered().iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["b", "a", "c"]);
        let un: Vec<&str> = n.unreferenced().iter().map(|d| d.label.as_str()).collect();
        assert_eq!(un, ["d", "a"]);
        assert_eq!(n.undefined(), ["zz"]);
        assert_eq!(n.warnings().len(), 3);
    }
}
