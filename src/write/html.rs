//! HTML writer: a standalone HTML5 page with CJK-aware CSS.
//!
//! Supported: every block and inline of the tree.
//! - Meta → `<html lang>` (`script::document_lang`: `meta.lang`, else from the text),
//!   `<title>`, a title block (`<header>`: title, subtitle, authors, date) and
//!   `<meta name="keywords">`.
//! - Headings → `<h1>`…`<h6>` (the label in `<span class="label">`); a run-in heading and
//!   its paragraph share a `<div class="run-in">` whose children are set inline.
//! - Paragraph roles → `class` (`addressee`, `signature`, …) styled after GB/T 9704.
//! - Lists (task items as disabled checkboxes), quotes, code (`language-X` class), tables
//!   (with `text-align`), figures with `<figcaption>`, thematic and page breaks.
//! - Soft breaks → a newline, or nothing where `script::soft_break_is_space` says the
//!   break is no space (between Chinese characters: a browser would show a newline there
//!   as a space).
//! - Footnotes, numbered by [`Notes`]: references become numbered superscript links;
//!   definitions are collected into a `<section class="footnotes">` at the end, in number
//!   order; definitions never referred to follow, each marked with its `[label]`, and a
//!   reference to an undefined label is its label, raised (with a warning).
//! - Raw HTML is passed through; raw material in other formats is dropped with a warning.

use super::shared::escape_xml as escape;
use super::{WriteError, WriteOptions};
use crate::doc::{Align, Block, Document, Heading, Inline, ListKind, Notes, ParagraphRole};
use crate::script::{document_lang, soft_break_is_space};
use crate::Diagnostics;
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
    _: &crate::images::Images,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let notes = Notes::new(doc);
    for w in notes.warnings() {
        diag.warn(w);
    }
    let mut w = Html {
        out: String::new(),
        notes: &notes,
        cited: vec![false; notes.numbered().len()],
        diag,
    };
    w.document(doc);
    Ok(w.out.into_bytes())
}

struct Html<'a> {
    out: String,
    /// The document's footnotes, numbered.
    notes: &'a Notes<'a>,
    /// Whether note `n` (index n - 1) has been cited: only the first citation carries the
    /// `fnref` id the note links back to.
    cited: Vec<bool>,
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
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            escape(&document_lang(doc))
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
        self.blocks(&doc.blocks);
        self.footnotes();
        self.out.push_str("</body>\n</html>\n");
    }

    /// Write blocks; footnote definitions are written at the end (see `footnotes`).
    fn blocks(&mut self, blocks: &[Block]) {
        let mut i = 0;
        while i < blocks.len() {
            match (&blocks[i], blocks.get(i + 1)) {
                (Block::Heading(h), Some(Block::Paragraph(p))) if h.run_in => {
                    self.out.push_str("<div class=\"run-in\">");
                    self.heading(h);
                    self.out.push_str("<p>");
                    self.paragraph_inlines(&p.content);
                    self.out.push_str("</p></div>\n");
                    i += 2;
                    continue;
                }
                (block, _) => self.block(block),
            }
            i += 1;
        }
    }

    fn heading(&mut self, h: &Heading) {
        let level = h.level.clamp(1, 6);
        let _ = write!(self.out, "<h{level}>");
        if let Some(label) = &h.label {
            let _ = write!(self.out, "<span class=\"label\">{}</span>", escape(label));
        }
        self.paragraph_inlines(&h.content);
        let _ = write!(self.out, "</h{level}>");
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(h) => {
                self.heading(h);
                self.out.push('\n');
            }
            Block::Paragraph(p) => {
                let _ = write!(self.out, "<p{}>", role_class(p.role));
                self.paragraph_inlines(&p.content);
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
                            Block::Paragraph(p) if list.tight => self.paragraph_inlines(&p.content),
                            b => self.block(b),
                        }
                    }
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(close);
                self.out.push('\n');
            }
            Block::BlockQuote { blocks } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
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
                    self.paragraph_inlines(cell);
                    self.out.push_str("</th>");
                }
                self.out.push_str("</tr>\n</thead>\n<tbody>\n");
                for row in &t.rows {
                    self.out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let a = align_css(t.aligns.get(i).copied().unwrap_or_default());
                        let _ = write!(self.out, "<td{a}>");
                        self.paragraph_inlines(cell);
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
                    self.paragraph_inlines(caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("</figure>\n");
            }
            // Written at the end, in number order (see `footnotes`).
            Block::FootnoteDef(_) => {}
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
        let mut style = String::new();
        for (name, len) in [("width", image.size.width), ("height", image.size.height)] {
            let _ = match len {
                Some(crate::doc::Length::Px(v)) => write!(self.out, " {name}=\"{v}\""),
                Some(crate::doc::Length::Percent(v)) => write!(self.out, " {name}=\"{v}%\""),
                Some(crate::doc::Length::Pt(v)) => write!(style, "{name}: {v}pt; "),
                None => Ok(()),
            };
        }
        if !style.is_empty() {
            let _ = write!(self.out, " style=\"{}\"", style.trim_end());
        }
        self.out.push('>');
    }

    /// Write the inlines of one paragraph (or heading, cell, caption).
    fn paragraph_inlines(&mut self, inlines: &[Inline]) {
        self.inlines(inlines, None, None);
    }

    /// Write `inlines`; `before` and `after` are the characters just outside them in their
    /// paragraph, which decide the soft breaks at their edges.
    fn inlines(&mut self, inlines: &[Inline], before: Option<char>, after: Option<char>) {
        let notes = self.notes;
        for (i, inline) in inlines.iter().enumerate() {
            // The characters either side of this inline.
            let edges = || {
                (
                    last_char(&inlines[..i], notes).or(before),
                    first_char(&inlines[i + 1..], notes).or(after),
                )
            };
            match inline {
                Inline::Text { text } => self.out.push_str(&escape(text)),
                Inline::Emphasis { content } => self.wrap("em", content, edges()),
                Inline::Strong { content } => self.wrap("strong", content, edges()),
                Inline::Strikethrough { content } => self.wrap("del", content, edges()),
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
                    let (b, a) = edges();
                    self.inlines(content, b, a);
                    self.out.push_str("</a>");
                }
                Inline::Image(image) => self.image(image),
                Inline::SoftBreak => {
                    // Nothing between Chinese characters (a newline would show as a space).
                    let (b, a) = edges();
                    if soft_break_is_space(b, a) {
                        self.out.push('\n');
                    }
                }
                Inline::HardBreak => self.out.push_str("<br>\n"),
                Inline::FootnoteRef { label } => match self.notes.number(label) {
                    Some(n) => {
                        let first = !std::mem::replace(&mut self.cited[n - 1], true);
                        let id = if first {
                            format!(" id=\"fnref{n}\"")
                        } else {
                            String::new()
                        };
                        let _ = write!(
                            self.out,
                            "<sup class=\"footnote-ref\"><a href=\"#fn{n}\"{id}>{n}</a></sup>"
                        );
                    }
                    // No definition: the label, raised, as written.
                    None => {
                        let _ = write!(
                            self.out,
                            "<sup class=\"footnote-ref\">{}</sup>",
                            escape(label)
                        );
                    }
                },
                Inline::Raw(r) if r.format == "html" => self.out.push_str(&r.text),
                Inline::Raw(r) => self
                    .diag
                    .warn(format!("raw {} inline not rendered in HTML", r.format)),
            }
        }
    }

    /// Write `content` in element `tag`; `edges` are the characters either side of it.
    fn wrap(&mut self, tag: &str, content: &[Inline], edges: (Option<char>, Option<char>)) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content, edges.0, edges.1);
        let _ = write!(self.out, "</{tag}>");
    }

    /// The footnotes section: the notes in number order, then the definitions never
    /// referred to, each marked with its label (so that no text is lost).
    fn footnotes(&mut self) {
        let (numbered, unreferenced) = (self.notes.numbered(), self.notes.unreferenced());
        if numbered.is_empty() && unreferenced.is_empty() {
            return;
        }
        self.out.push_str("<section class=\"footnotes\">\n<hr>\n");
        if !numbered.is_empty() {
            self.out.push_str("<ol>\n");
            for (k, def) in numbered.iter().enumerate() {
                let n = k + 1;
                let _ = writeln!(self.out, "<li id=\"fn{n}\" value=\"{n}\">");
                self.blocks(&def.blocks);
                let _ = writeln!(self.out, "<a href=\"#fnref{n}\">↩</a></li>");
            }
            self.out.push_str("</ol>\n");
        }
        if !unreferenced.is_empty() {
            self.out.push_str("<dl class=\"unreferenced\">\n");
            for def in unreferenced {
                let _ = writeln!(self.out, "<dt>[{}]</dt>\n<dd>", escape(&def.label));
                self.blocks(&def.blocks);
                self.out.push_str("</dd>\n");
            }
            self.out.push_str("</dl>\n");
        }
        self.out.push_str("</section>\n");
    }
}

/// The text a footnote reference shows: its number, or its label when it has no
/// definition.
fn ref_text(label: &str, notes: &Notes) -> String {
    notes
        .number(label)
        .map_or_else(|| label.to_string(), |n| n.to_string())
}

/// The first character `inlines` show as text, as the PDF sees it: soft breaks are looked
/// through, a hard break is `\n`, an image is its alt text (its URL without one).
fn first_char(inlines: &[Inline], notes: &Notes) -> Option<char> {
    inlines.iter().find_map(|i| match i {
        Inline::Text { text } | Inline::Code { text } => text.chars().next(),
        Inline::Raw(r) => r.text.chars().next(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Strikethrough { content }
        | Inline::Link { content, .. } => first_char(content, notes),
        Inline::Image(img) if img.alt.is_empty() => img.url.chars().next(),
        Inline::Image(img) => first_char(&img.alt, notes),
        Inline::FootnoteRef { label } => ref_text(label, notes).chars().next(),
        Inline::SoftBreak => None,
        Inline::HardBreak => Some('\n'),
    })
}

/// The last character `inlines` show as text (see [`first_char`]).
fn last_char(inlines: &[Inline], notes: &Notes) -> Option<char> {
    inlines.iter().rev().find_map(|i| match i {
        Inline::Text { text } | Inline::Code { text } => text.chars().next_back(),
        Inline::Raw(r) => r.text.chars().next_back(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Strikethrough { content }
        | Inline::Link { content, .. } => last_char(content, notes),
        Inline::Image(img) if img.alt.is_empty() => img.url.chars().next_back(),
        Inline::Image(img) => last_char(&img.alt, notes),
        Inline::FootnoteRef { label } => ref_text(label, notes).chars().next_back(),
        Inline::SoftBreak => None,
        Inline::HardBreak => Some('\n'),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{FootnoteDef, Paragraph};

    fn html(doc: &Document) -> String {
        let bytes = crate::write::write(
            crate::Format::Html,
            doc,
            &WriteOptions::default(),
            &mut Diagnostics::default(),
        )
        .unwrap();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_note_cited_twice_has_one_back_link_target() {
        let r = || Inline::FootnoteRef { label: "a".into() };
        let doc = Document {
            blocks: vec![
                Block::Paragraph(Paragraph::body(vec![r(), Inline::text("x"), r()])),
                Block::FootnoteDef(FootnoteDef {
                    label: "a".into(),
                    blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text("n")]))],
                }),
            ],
            ..Document::default()
        };
        let out = html(&doc);
        assert_eq!(out.matches("id=\"fnref1\"").count(), 1, "{out}");
        assert_eq!(out.matches("href=\"#fn1\"").count(), 2, "{out}");
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

    #[test]
    fn soft_breaks_between_chinese_characters_are_nothing() {
        let doc = Document {
            blocks: vec![Block::Paragraph(Paragraph::body(vec![
                Inline::text("中文"),
                Inline::SoftBreak,
                Inline::Emphasis {
                    content: vec![Inline::text("继续")],
                },
                Inline::SoftBreak,
                Inline::text("and"),
                Inline::SoftBreak,
                Inline::Strong {
                    content: vec![Inline::text("more")],
                },
                Inline::SoftBreak,
                Inline::text("字"),
            ]))],
            ..Document::default()
        };
        let out = html(&doc);
        assert!(
            out.contains("<p>中文<em>继续</em>and\n<strong>more</strong>字</p>"),
            "{out}"
        );
    }

    #[test]
    fn language_from_the_text_when_not_given() {
        let mut doc = Document {
            blocks: vec![Block::Paragraph(Paragraph::body(vec![Inline::text(
                "Hello",
            )]))],
            ..Document::default()
        };
        assert!(html(&doc).contains("<html lang=\"en\">"));
        doc.meta.lang = Some("zh-TW".into());
        assert!(html(&doc).contains("<html lang=\"zh-TW\">"));
    }

    #[test]
    fn notes_numbered_like_every_writer_and_none_lost() {
        let r = |l: &str| Inline::FootnoteRef { label: l.into() };
        let def = |l: &str, v: Vec<Inline>| {
            Block::FootnoteDef(FootnoteDef {
                label: l.into(),
                blocks: vec![Block::Paragraph(Paragraph::body(v))],
            })
        };
        let doc = Document {
            blocks: vec![
                def("a", vec![Inline::text("甲"), r("c")]),
                Block::Paragraph(Paragraph::body(vec![r("b"), r("a"), r("zz")])),
                def("b", vec![Inline::text("乙")]),
                def("c", vec![Inline::text("丙")]),
                def("d", vec![Inline::text("丁")]),
            ],
            ..Document::default()
        };
        let mut diag = Diagnostics::default();
        let out = String::from_utf8(
            crate::write::write(
                crate::Format::Html,
                &doc,
                &WriteOptions::default(),
                &mut diag,
            )
            .unwrap(),
        )
        .unwrap();
        assert!(
            out.contains(
                "<p><sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup>\
                 <sup class=\"footnote-ref\"><a href=\"#fn2\" id=\"fnref2\">2</a></sup>\
                 <sup class=\"footnote-ref\">zz</sup></p>"
            ),
            "{out}"
        );
        let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} missing: {out}"));
        assert!(at("<li id=\"fn1\" value=\"1\">\n<p>乙</p>") < at("<li id=\"fn2\""));
        assert!(at("<p>甲<sup class=\"footnote-ref\"><a href=\"#fn3\"") < at("<li id=\"fn3\""));
        assert!(at("<li id=\"fn3\" value=\"3\">\n<p>丙</p>") < at("<dt>[d]</dt>\n<dd>\n<p>丁</p>"));
        assert_eq!(diag.warnings, Notes::new(&doc).warnings());
        assert_eq!(diag.warnings.len(), 2);
    }
}
