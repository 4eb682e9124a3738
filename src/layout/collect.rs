//! Stage 1, collect: turn the document tree into a flat flow of paragraphs made of styled
//! text spans. Every piece of text in the tree ends up in some span: block types the
//! engine does not style yet (lists, tables, code, quotes, figures, footnotes, raw) are set
//! as simple paragraphs so that nothing is lost.

use crate::doc::{Block, Document, Heading, Inline, ListKind, Paragraph, ParagraphRole};
use crate::style::Style;

/// A block of the flow.
#[derive(Debug, Clone)]
pub(crate) enum Flow {
    /// A paragraph.
    Par(Par),
    /// A horizontal rule across the measure.
    Rule,
    /// A forced page break.
    PageBreak,
}

/// How a paragraph's lines sit in the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParAlign {
    /// Full lines fill the measure; the last line is flush left.
    Justify,
    /// Flush left.
    Left,
    /// Flush right.
    Right,
    /// Centred.
    Center,
}

/// Which face a span is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Body text.
    Body,
    /// Strong emphasis: the body family in bold.
    Bold,
    /// Headings and run-in leads: the heading family in bold.
    Heading,
    /// Emphasis.
    Emph,
    /// Code.
    Mono,
    /// The document title.
    Title,
}

/// What a span holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SpanKind {
    /// Text, exactly as in the source.
    Text(String),
    /// A line break in the source (a space, or nothing between Chinese characters).
    Soft,
    /// A forced line break.
    Hard,
    /// Horizontal space of this many em (between table cells), no text.
    Gap(f32),
    /// Space taking whatever its line has left (before a table-of-contents page number).
    Fill,
}

/// A run of uniformly styled content.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    /// The content.
    pub kind: SpanKind,
    /// The face role.
    pub role: Role,
    /// Size in points.
    pub size: f32,
    /// Link target.
    pub link: Option<String>,
    /// Struck out.
    pub strike: bool,
}

/// A paragraph ready for shaping.
#[derive(Debug, Clone)]
pub(crate) struct Par {
    /// The content.
    pub spans: Vec<Span>,
    /// Alignment.
    pub align: ParAlign,
    /// First-line indent in points (relative to `indent_left`).
    pub first_indent: f32,
    /// Left indent of every line in points.
    pub indent_left: f32,
    /// Right indent of every line in points.
    pub indent_right: f32,
    /// The paragraph's main size (for the em box of its lines).
    pub size: f32,
    /// Line pitch in points.
    pub pitch: f32,
    /// Space above in points (dropped at a page top).
    pub space_before: f32,
    /// Space below in points.
    pub space_after: f32,
    /// Keep on the same page as the first lines of the next paragraph (headings).
    pub keep_with_next: bool,
    /// Outline entry (level, text) when the paragraph starts with a heading.
    pub outline: Option<(u8, String)>,
}

impl Par {
    fn new(style: &Style, align: ParAlign, size: f32) -> Par {
        Par {
            spans: Vec::new(),
            align,
            first_indent: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            size,
            pitch: style.line_pitch().max(size * 1.3),
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            outline: None,
        }
    }

    fn text(&mut self, text: impl Into<String>, role: Role, size: f32) {
        self.spans.push(Span {
            kind: SpanKind::Text(text.into()),
            role,
            size,
            link: None,
            strike: false,
        });
    }
}

/// The inherited inline style while flattening inlines.
#[derive(Clone)]
struct Ctx {
    role: Role,
    size: f32,
    link: Option<String>,
    strike: bool,
}

/// Collect the flow of `doc`: the title block from the metadata, then the blocks.
/// Returns the flow and the number of title-block paragraphs at its start.
pub(crate) fn collect(doc: &Document, style: &Style) -> (Vec<Flow>, usize) {
    let mut out = Vec::new();
    title_block(doc, style, &mut out);
    let title = out.len();
    blocks(&doc.blocks, style, 0.0, &mut out);
    (out, title)
}

/// A table of contents: `entries` are (level, text, page number), set one per line with
/// the page number at the right margin, followed by a page break.
pub(crate) fn toc(entries: &[(u8, String, usize)], style: &Style) -> Vec<Flow> {
    let em = style.font_size;
    let mut head = Par::new(style, ParAlign::Center, style.heading_sizes[0]);
    head.text("目录", Role::Heading, style.heading_sizes[0]);
    head.space_after = 0.5 * style.line_pitch();
    head.keep_with_next = true;
    let mut out = vec![Flow::Par(head)];
    for (i, (level, text, page)) in entries.iter().enumerate() {
        let mut par = Par::new(style, ParAlign::Left, em);
        par.indent_left = f32::from(level.saturating_sub(1)) * 2.0 * em;
        let role = if *level == 1 { Role::Bold } else { Role::Body };
        // The whole entry links to its heading.
        let link = Some(format!("{}{i}", super::OUTLINE_LINK));
        let span = |kind| Span {
            kind,
            role,
            size: em,
            link: link.clone(),
            strike: false,
        };
        par.spans.push(span(SpanKind::Text(text.clone())));
        par.spans.push(span(SpanKind::Fill));
        par.spans.push(span(SpanKind::Text(page.to_string())));
        out.push(Flow::Par(par));
    }
    out.push(Flow::PageBreak);
    out
}

/// Title, subtitle, authors and date, centred.
fn title_block(doc: &Document, style: &Style, out: &mut Vec<Flow>) {
    let m = &doc.meta;
    let pitch = style.line_pitch();
    let mut lines: Vec<(String, Role, f32)> = Vec::new();
    if let Some(t) = &m.title {
        lines.push((t.clone(), Role::Title, style.title_size));
    }
    if let Some(t) = &m.subtitle {
        lines.push((t.clone(), Role::Heading, style.subtitle_size));
    }
    if !m.authors.is_empty() {
        lines.push((m.authors.join("　"), Role::Body, style.font_size));
    }
    if let Some(d) = &m.date {
        lines.push((d.clone(), Role::Body, style.font_size));
    }
    let n = lines.len();
    for (i, (text, role, size)) in lines.into_iter().enumerate() {
        let mut par = Par::new(style, ParAlign::Center, size);
        par.pitch = (size * 1.5).max(pitch);
        par.keep_with_next = i + 1 < n;
        if i + 1 == n {
            par.space_after = style.title_space_after * pitch;
        }
        for (k, piece) in text.split('\n').enumerate() {
            if k > 0 {
                par.spans.push(Span {
                    kind: SpanKind::Hard,
                    role,
                    size,
                    link: None,
                    strike: false,
                });
            }
            par.text(piece, role, size);
        }
        out.push(Flow::Par(par));
    }
}

/// Collect `bs` with every line indented by `indent` points.
fn blocks(bs: &[Block], style: &Style, indent: f32, out: &mut Vec<Flow>) {
    let em = style.font_size;
    let mut i = 0;
    while i < bs.len() {
        match &bs[i] {
            Block::Heading(h) if h.run_in => {
                // A run-in heading and the paragraph after it are ONE paragraph: the lead
                // in the heading face, the body continuing on the same line (gongwen.md).
                let next = match bs.get(i + 1) {
                    Some(Block::Paragraph(p)) => {
                        i += 1;
                        Some(p)
                    }
                    _ => None,
                };
                out.push(Flow::Par(run_in(h, next, style, indent)));
            }
            Block::Heading(h) => out.push(Flow::Par(heading(h, style, indent))),
            Block::Paragraph(p) => out.push(Flow::Par(paragraph(p, style, indent))),
            Block::List(list) => {
                for (k, item) in list.items.iter().enumerate() {
                    let mut marker = match list.kind {
                        ListKind::Bullet => "•".to_string(),
                        ListKind::Ordered { start } => format!("{}.", start + k as u64),
                    };
                    match item.task {
                        Some(true) => marker.push_str(" ☑"),
                        Some(false) => marker.push_str(" ☐"),
                        None => {}
                    }
                    let start = out.len();
                    blocks(&item.blocks, style, indent + 2.0 * em, out);
                    // The marker goes in front of the item's first paragraph.
                    let first = out[start..].iter_mut().find_map(|f| match f {
                        Flow::Par(p) => Some(p),
                        _ => None,
                    });
                    let mut marker_spans = vec![
                        Span {
                            kind: SpanKind::Text(marker),
                            role: Role::Body,
                            size: em,
                            link: None,
                            strike: false,
                        },
                        Span {
                            kind: SpanKind::Gap(0.5),
                            role: Role::Body,
                            size: em,
                            link: None,
                            strike: false,
                        },
                    ];
                    match first {
                        Some(p) => {
                            p.first_indent = 0.0;
                            marker_spans.append(&mut p.spans);
                            p.spans = marker_spans;
                        }
                        None => {
                            let mut p = Par::new(style, ParAlign::Left, em);
                            p.indent_left = indent + 2.0 * em;
                            p.spans = marker_spans;
                            out.push(Flow::Par(p));
                        }
                    }
                }
            }
            Block::BlockQuote { blocks: inner } => blocks(inner, style, indent + 2.0 * em, out),
            Block::CodeBlock(code) => out.push(Flow::Par(preformatted(&code.text, style, indent))),
            Block::Raw(raw) => out.push(Flow::Par(preformatted(&raw.text, style, indent))),
            Block::Table(table) => {
                let rows = std::iter::once((&table.header, Role::Bold))
                    .chain(table.rows.iter().map(|r| (r, Role::Body)));
                for (row, role) in rows {
                    let mut par = Par::new(style, ParAlign::Left, em);
                    par.indent_left = indent;
                    let ctx = Ctx {
                        role,
                        size: em,
                        link: None,
                        strike: false,
                    };
                    for (k, cell) in row.iter().enumerate() {
                        if k > 0 {
                            par.spans.push(Span {
                                kind: SpanKind::Gap(2.0),
                                role,
                                size: em,
                                link: None,
                                strike: false,
                            });
                        }
                        inlines(cell, &ctx, &mut par.spans);
                    }
                    out.push(Flow::Par(par));
                }
            }
            Block::Figure(fig) => {
                let mut par = Par::new(style, ParAlign::Center, em);
                let ctx = Ctx {
                    role: Role::Body,
                    size: em,
                    link: None,
                    strike: false,
                };
                let content = if fig.caption.is_empty() {
                    &fig.image.alt
                } else {
                    &fig.caption
                };
                inlines(content, &ctx, &mut par.spans);
                if par.spans.is_empty() {
                    par.text(fig.image.url.clone(), Role::Mono, em * style.code_scale);
                }
                out.push(Flow::Par(par));
            }
            Block::FootnoteDef(def) => {
                let start = out.len();
                blocks(&def.blocks, style, indent, out);
                let label = Span {
                    kind: SpanKind::Text(format!("[{}]", def.label)),
                    role: Role::Body,
                    size: em,
                    link: None,
                    strike: false,
                };
                match out[start..].iter_mut().find_map(|f| match f {
                    Flow::Par(p) => Some(p),
                    _ => None,
                }) {
                    Some(p) => p.spans.insert(0, label),
                    None => {
                        let mut p = Par::new(style, ParAlign::Left, em);
                        p.spans.push(label);
                        out.push(Flow::Par(p));
                    }
                }
            }
            Block::ThematicBreak => out.push(Flow::Rule),
            Block::PageBreak => out.push(Flow::PageBreak),
        }
        i += 1;
    }
}

/// A stand-alone heading: the heading face at its level's size, kept with what follows.
fn heading(h: &Heading, style: &Style, indent: f32) -> Par {
    let level = h.level.clamp(1, 6);
    let size = style.heading_sizes[usize::from(level - 1)];
    let mut par = Par::new(style, ParAlign::Left, size);
    par.indent_left = indent;
    par.first_indent = style.heading_indent_em * style.font_size;
    par.space_before = style.heading_space_before * style.line_pitch();
    par.space_after = style.heading_space_after * style.line_pitch();
    par.keep_with_next = true;
    par.outline = Some((level, h.text()));
    let ctx = Ctx {
        role: Role::Heading,
        size,
        link: None,
        strike: false,
    };
    if let Some(label) = &h.label {
        par.text(label.clone(), Role::Heading, size);
    }
    inlines(&h.content, &ctx, &mut par.spans);
    par
}

/// A run-in heading and its paragraph, set as one body paragraph.
fn run_in(h: &Heading, body: Option<&Paragraph>, style: &Style, indent: f32) -> Par {
    let size = style.font_size;
    let mut par = Par::new(style, ParAlign::Justify, size);
    par.indent_left = indent;
    par.first_indent = style.first_line_indent_em * size;
    par.outline = Some((h.level.clamp(1, 6), h.text()));
    let ctx = Ctx {
        role: Role::Heading,
        size,
        link: None,
        strike: false,
    };
    if let Some(label) = &h.label {
        par.text(label.clone(), Role::Heading, size);
    }
    inlines(&h.content, &ctx, &mut par.spans);
    if let Some(p) = body {
        let body_ctx = Ctx {
            role: Role::Body,
            ..ctx
        };
        inlines(&p.content, &body_ctx, &mut par.spans);
    }
    par
}

/// A paragraph, aligned and indented by its role.
fn paragraph(p: &Paragraph, style: &Style, indent: f32) -> Par {
    let size = style.font_size;
    let (align, first) = match p.role {
        ParagraphRole::Body | ParagraphRole::Attachment | ParagraphRole::Closing => {
            (ParAlign::Justify, style.first_line_indent_em * size)
        }
        ParagraphRole::Addressee => (ParAlign::Left, 0.0),
        ParagraphRole::Signature | ParagraphRole::Date => (ParAlign::Right, 0.0),
    };
    let mut par = Par::new(style, align, size);
    par.indent_left = indent;
    par.first_indent = first;
    if p.role == ParagraphRole::Signature {
        // GB/T 9704: the issuer sits 2 characters in from the right edge; the date under it.
        par.indent_right = 2.0 * size;
    }
    let ctx = Ctx {
        role: Role::Body,
        size,
        link: None,
        strike: false,
    };
    inlines(&p.content, &ctx, &mut par.spans);
    par
}

/// Code or raw text: the mono face, lines kept as they are.
fn preformatted(text: &str, style: &Style, indent: f32) -> Par {
    let size = style.font_size * style.code_scale;
    let mut par = Par::new(style, ParAlign::Left, size);
    par.pitch = size * 1.4;
    par.indent_left = indent + 2.0 * style.font_size;
    par.space_before = 0.25 * style.line_pitch();
    par.space_after = 0.25 * style.line_pitch();
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (k, l) in body.split('\n').enumerate() {
        if k > 0 {
            par.spans.push(Span {
                kind: SpanKind::Hard,
                role: Role::Mono,
                size,
                link: None,
                strike: false,
            });
        }
        par.text(l.replace('\t', "    "), Role::Mono, size);
    }
    par
}

/// Flatten inlines into spans.
fn inlines(content: &[Inline], ctx: &Ctx, out: &mut Vec<Span>) {
    for inline in content {
        let span = |kind: SpanKind, ctx: &Ctx| Span {
            kind,
            role: ctx.role,
            size: ctx.size,
            link: ctx.link.clone(),
            strike: ctx.strike,
        };
        match inline {
            Inline::Text { text } => out.push(span(SpanKind::Text(text.clone()), ctx)),
            Inline::Emphasis { content } => {
                let role = if ctx.role == Role::Body {
                    Role::Emph
                } else {
                    ctx.role
                };
                inlines(
                    content,
                    &Ctx {
                        role,
                        ..ctx.clone()
                    },
                    out,
                );
            }
            Inline::Strong { content } => {
                let role = match ctx.role {
                    Role::Body | Role::Emph => Role::Bold,
                    r => r,
                };
                inlines(
                    content,
                    &Ctx {
                        role,
                        ..ctx.clone()
                    },
                    out,
                );
            }
            Inline::Strikethrough { content } => inlines(
                content,
                &Ctx {
                    strike: true,
                    ..ctx.clone()
                },
                out,
            ),
            Inline::Code { text } => out.push(span(
                SpanKind::Text(text.clone()),
                &Ctx {
                    role: Role::Mono,
                    ..ctx.clone()
                },
            )),
            Inline::Link { url, content, .. } => inlines(
                content,
                &Ctx {
                    link: Some(url.clone()),
                    ..ctx.clone()
                },
                out,
            ),
            Inline::Image(img) => {
                if img.alt.is_empty() {
                    out.push(span(SpanKind::Text(img.url.clone()), ctx));
                } else {
                    inlines(&img.alt, ctx, out);
                }
            }
            Inline::SoftBreak => out.push(span(SpanKind::Soft, ctx)),
            Inline::HardBreak => out.push(span(SpanKind::Hard, ctx)),
            Inline::FootnoteRef { label } => {
                out.push(span(SpanKind::Text(format!("[{label}]")), ctx))
            }
            Inline::Raw(raw) => out.push(span(SpanKind::Text(raw.text.clone()), ctx)),
        }
    }
}
