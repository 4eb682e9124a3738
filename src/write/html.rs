//! HTML writer: a standalone HTML5 page with CJK-aware CSS.
//!
//! Supported: every block and inline of the tree.
//! - Meta → `<html lang>`, `<title>`, a title block (`<header>`: title, subtitle, authors,
//!   date) and `<meta name="keywords">`.
//! - Headings → `<h1>`…`<h6>` (the label in `<span class="label">`); a run-in heading and
//!   its paragraph share a `<div class="run-in">` whose children are set inline.
//! - Paragraph roles → `class` (`addressee`, `signature`, …) styled after GB/T 9704.
//! - Lists (task items as disabled checkboxes), quotes, code (`language-X` class), tables
//!   (with `text-align`), figures with `<figcaption>`, thematic and page breaks.
//! - Footnotes: references become numbered superscript links; definitions are collected
//!   into a `<section class="footnotes">` at the end, numbered in order of first reference.
//! - Raw HTML is passed through; raw material in other formats is dropped with a warning.

use super::shared::escape_xml as escape;
use super::{WriteError, WriteOptions};
use crate::doc::{Align, Block, Document, Heading, Inline, ListKind, ParagraphRole};
use crate::Diagnostics;
use std::collections::HashMap;
use std::fmt::Write as _;

const CSS: &str = "\
body{max-width:42em;margin:2em auto;padding:0 1em;line-height:1.8;\
font-family:\"Noto Serif SC\",\"Source Han Serif SC\",\"Songti SC\",SimSun,serif;\
text-align:justify;text-justify:inter-character}\
h1,h2,h3,h4,h5,h6,header{font-family:\"Noto Sans SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\
header{text-align:center}\
p{margin:0;text-indent:2em}\
li p,blockquote p,td p,.footnotes p{text-indent:0}\
.run-in>h1,.run-in>h2,.run-in>h3,.run-in>h4,.run-in>h5,.run-in>h6{display:inline;font-size:1em}\
.run-in{text-indent:2em}.run-in>p{display:inline;text-indent:0}\
.addressee{text-indent:0}.signature,.date{text-align:right}\
pre,code{font-family:\"Noto Sans Mono\",monospace}pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}\
blockquote{margin:0 0 0 1em;padding-left:1em;border-left:3px solid #ccc}\
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.2em .5em}\
.page-break{break-after:page}";

/// Write a standalone HTML page.
pub fn write(
    doc: &Document,
    _: &WriteOptions,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let mut w = Html {
        out: String::new(),
        notes: HashMap::new(),
        note_order: Vec::new(),
        diag,
    };
    w.document(doc);
    Ok(w.out.into_bytes())
}

struct Html<'a> {
    out: String,
    /// Footnote label → number, in order of first reference.
    notes: HashMap<String, usize>,
    note_order: Vec<String>,
    diag: &'a mut Diagnostics,
}

fn align_css(a: Align) -> &'static str {
    match a {
        Align::None => "",
        Align::Left => " style=\"text-align:left\"",
        Align::Center => " style=\"text-align:center\"",
        Align::Right => " style=\"text-align:right\"",
    }
}

fn role_class(role: ParagraphRole) -> &'static str {
    match role {
        ParagraphRole::Body => "",
        ParagraphRole::Addressee => " class=\"addressee\"",
        ParagraphRole::Attachment => " class=\"attachment\"",
        ParagraphRole::Signature => " class=\"signature\"",
        ParagraphRole::Date => " class=\"date\"",
        ParagraphRole::Closing => " class=\"closing\"",
    }
}

impl Html<'_> {
    fn document(&mut self, doc: &Document) {
        let m = &doc.meta;
        let lang = m.lang.as_deref().unwrap_or("zh-CN");
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            escape(lang)
        );
        if let Some(t) = &m.title {
            let _ = writeln!(self.out, "<title>{}</title>", escape(t));
        }
        if !m.authors.is_empty() {
            let _ = writeln!(
                self.out,
                "<meta name=\"author\" content=\"{}\">",
                escape(&m.authors.join(", "))
            );
        }
        if !m.keywords.is_empty() {
            let _ = writeln!(
                self.out,
                "<meta name=\"keywords\" content=\"{}\">",
                escape(&m.keywords.join(", "))
            );
        }
        let _ = write!(self.out, "<style>{CSS}</style>\n</head>\n<body>\n");
        if m.title.is_some() || m.subtitle.is_some() || !m.authors.is_empty() || m.date.is_some() {
            self.out.push_str("<header>\n");
            if let Some(t) = &m.title {
                let _ = writeln!(
                    self.out,
                    "<h1 class=\"title\">{}</h1>",
                    escape(t).replace('\n', "<br>")
                );
            }
            if let Some(s) = &m.subtitle {
                let _ = writeln!(self.out, "<p class=\"subtitle\">{}</p>", escape(s));
            }
            if !m.authors.is_empty() {
                let _ = writeln!(
                    self.out,
                    "<p class=\"author\">{}</p>",
                    escape(&m.authors.join("　"))
                );
            }
            if let Some(d) = &m.date {
                let _ = writeln!(self.out, "<p class=\"date\">{}</p>", escape(d));
            }
            self.out.push_str("</header>\n");
        }
        let defs = self.blocks(&doc.blocks);
        self.footnotes(&defs);
        self.out.push_str("</body>\n</html>\n");
    }

    /// Write blocks; footnote definitions are returned (with their blocks) for the end.
    fn blocks<'d>(&mut self, blocks: &'d [Block]) -> Vec<(&'d str, &'d [Block])> {
        let mut defs = Vec::new();
        let mut i = 0;
        while i < blocks.len() {
            match (&blocks[i], blocks.get(i + 1)) {
                (Block::Heading(h), Some(Block::Paragraph(p))) if h.run_in => {
                    self.out.push_str("<div class=\"run-in\">");
                    self.heading(h);
                    self.out.push_str("<p>");
                    self.inlines(&p.content);
                    self.out.push_str("</p></div>\n");
                    i += 2;
                    continue;
                }
                (Block::FootnoteDef(f), _) => defs.push((f.label.as_str(), &f.blocks[..])),
                (block, _) => defs.extend(self.block(block)),
            }
            i += 1;
        }
        defs
    }

    fn heading(&mut self, h: &Heading) {
        let level = h.level.clamp(1, 6);
        let _ = write!(self.out, "<h{level}>");
        if let Some(label) = &h.label {
            let _ = write!(self.out, "<span class=\"label\">{}</span>", escape(label));
        }
        self.inlines(&h.content);
        let _ = write!(self.out, "</h{level}>");
    }

    fn block<'d>(&mut self, block: &'d Block) -> Vec<(&'d str, &'d [Block])> {
        let mut defs = Vec::new();
        match block {
            Block::Heading(h) => {
                self.heading(h);
                self.out.push('\n');
            }
            Block::Paragraph(p) => {
                let _ = write!(self.out, "<p{}>", role_class(p.role));
                self.inlines(&p.content);
                self.out.push_str("</p>\n");
            }
            Block::List(list) => {
                let (open, close) = match list.kind {
                    ListKind::Bullet => ("<ul>".to_string(), "</ul>"),
                    ListKind::Ordered { start: 1 } => ("<ol>".to_string(), "</ol>"),
                    ListKind::Ordered { start } => (format!("<ol start=\"{start}\">"), "</ol>"),
                };
                self.out.push_str(&open);
                self.out.push('\n');
                for item in &list.items {
                    self.out.push_str("<li>");
                    if let Some(checked) = item.task {
                        let c = if checked { " checked" } else { "" };
                        let _ = write!(self.out, "<input type=\"checkbox\" disabled{c}> ");
                    }
                    for b in &item.blocks {
                        match b {
                            Block::Paragraph(p) if list.tight => self.inlines(&p.content),
                            b => defs.extend(self.block(b)),
                        }
                    }
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(close);
                self.out.push('\n');
            }
            Block::BlockQuote { blocks } => {
                self.out.push_str("<blockquote>\n");
                defs.extend(self.blocks(blocks));
                self.out.push_str("</blockquote>\n");
            }
            Block::CodeBlock(c) => {
                match c.lang() {
                    Some(lang) => {
                        let _ = write!(self.out, "<pre><code class=\"language-{}\">", escape(lang));
                    }
                    None => self.out.push_str("<pre><code>"),
                }
                self.out.push_str(&escape(&c.text));
                self.out.push_str("</code></pre>\n");
            }
            Block::Table(t) => {
                self.out.push_str("<table>\n<thead>\n<tr>");
                for (i, cell) in t.header.iter().enumerate() {
                    let a = align_css(t.aligns.get(i).copied().unwrap_or_default());
                    let _ = write!(self.out, "<th{a}>");
                    self.inlines(cell);
                    self.out.push_str("</th>");
                }
                self.out.push_str("</tr>\n</thead>\n<tbody>\n");
                for row in &t.rows {
                    self.out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let a = align_css(t.aligns.get(i).copied().unwrap_or_default());
                        let _ = write!(self.out, "<td{a}>");
                        self.inlines(cell);
                        self.out.push_str("</td>");
                    }
                    self.out.push_str("</tr>\n");
                }
                self.out.push_str("</tbody>\n</table>\n");
            }
            Block::ThematicBreak => self.out.push_str("<hr>\n"),
            Block::PageBreak => self.out.push_str("<div class=\"page-break\"></div>\n"),
            Block::Figure(f) => {
                self.out.push_str("<figure>");
                self.image(&f.image);
                let caption = if f.caption.is_empty() {
                    &f.image.alt
                } else {
                    &f.caption
                };
                if !caption.is_empty() {
                    self.out.push_str("<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("</figure>\n");
            }
            Block::FootnoteDef(f) => defs.push((f.label.as_str(), &f.blocks[..])),
            Block::Raw(r) if r.format == "html" => {
                self.out.push_str(&r.text);
                if !r.text.ends_with('\n') {
                    self.out.push('\n');
                }
            }
            Block::Raw(r) => self
                .diag
                .warn(format!("raw {} block not rendered in HTML", r.format)),
        }
        defs
    }

    fn image(&mut self, image: &crate::doc::Image) {
        let alt = crate::doc::inlines_text(&image.alt);
        let _ = write!(
            self.out,
            "<img src=\"{}\" alt=\"{}\"",
            escape(&image.url),
            escape(&alt)
        );
        if !image.title.is_empty() {
            let _ = write!(self.out, " title=\"{}\"", escape(&image.title));
        }
        self.out.push('>');
    }

    fn note_number(&mut self, label: &str) -> usize {
        if let Some(&n) = self.notes.get(label) {
            return n;
        }
        self.note_order.push(label.to_string());
        let n = self.note_order.len();
        self.notes.insert(label.to_string(), n);
        n
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text { text } => self.out.push_str(&escape(text)),
                Inline::Emphasis { content } => self.wrap("em", content),
                Inline::Strong { content } => self.wrap("strong", content),
                Inline::Strikethrough { content } => self.wrap("del", content),
                Inline::Code { text } => {
                    let _ = write!(self.out, "<code>{}</code>", escape(text));
                }
                Inline::Link {
                    url,
                    title,
                    content,
                } => {
                    let _ = write!(self.out, "<a href=\"{}\"", escape(url));
                    if !title.is_empty() {
                        let _ = write!(self.out, " title=\"{}\"", escape(title));
                    }
                    self.out.push('>');
                    self.inlines(content);
                    self.out.push_str("</a>");
                }
                Inline::Image(image) => self.image(image),
                Inline::SoftBreak => self.out.push('\n'),
                Inline::HardBreak => self.out.push_str("<br>\n"),
                Inline::FootnoteRef { label } => {
                    let n = self.note_number(label);
                    let _ = write!(
                        self.out,
                        "<sup class=\"footnote-ref\"><a href=\"#fn{n}\" id=\"fnref{n}\">{n}</a></sup>"
                    );
                }
                Inline::Raw(r) if r.format == "html" => self.out.push_str(&r.text),
                Inline::Raw(r) => self
                    .diag
                    .warn(format!("raw {} inline not rendered in HTML", r.format)),
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn footnotes(&mut self, defs: &[(&str, &[Block])]) {
        if defs.is_empty() {
            return;
        }
        // Definitions are listed in order of first reference; unreferenced ones last.
        let mut ordered: Vec<(usize, &(&str, &[Block]))> = defs
            .iter()
            .map(|d| (self.notes.get(d.0).copied().unwrap_or(usize::MAX), d))
            .collect();
        ordered.sort_by_key(|(n, _)| *n);
        self.out
            .push_str("<section class=\"footnotes\">\n<hr>\n<ol>\n");
        for (_, (label, blocks)) in ordered {
            let n = self.note_number(label);
            let _ = writeln!(self.out, "<li id=\"fn{n}\" value=\"{n}\">");
            // Footnote definitions nested inside a footnote are not supported by HTML's
            // model either; they are rare enough to ignore.
            let _nested = self.blocks(blocks);
            let _ = writeln!(self.out, "<a href=\"#fnref{n}\">↩</a></li>");
        }
        self.out.push_str("</ol>\n</section>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{FootnoteDef, Paragraph};

    fn html(doc: &Document) -> String {
        let bytes = write(doc, &WriteOptions::default(), &mut Diagnostics::default()).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn run_in_heading_shares_a_line_with_its_body_and_text_is_escaped() {
        let doc = Document {
            blocks: vec![
                Block::Heading(Heading {
                    level: 1,
                    label: Some("一、".into()),
                    content: vec![Inline::text("提高认识。")],
                    run_in: true,
                }),
                Block::Paragraph(Paragraph::body(vec![
                    Inline::text("以*格局 <保障> & "),
                    Inline::FootnoteRef { label: "n".into() },
                ])),
                Block::FootnoteDef(FootnoteDef {
                    label: "n".into(),
                    blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text("注")]))],
                }),
            ],
            ..Document::default()
        };
        let out = html(&doc);
        assert!(out.contains(
            "<div class=\"run-in\"><h1><span class=\"label\">一、</span>提高认识。</h1><p>以*格局 &lt;保障&gt; &amp; "
        ), "{out}");
        assert!(out.contains("href=\"#fn1\""), "{out}");
        assert!(
            out.contains("<li id=\"fn1\" value=\"1\">\n<p>注</p>"),
            "{out}"
        );
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    }
}
