//! Stage 1, collect: turn the document tree into a flat flow of paragraphs made of styled
//! text spans, tables (a paragraph per cell) and figures. Every piece of text in the tree
//! ends up in some span:
//!
//! - lists: items indented by `list_indent_em`, the marker (drawn bullet, number, drawn
//!   task box) hanging left of the first line; loose lists get space between items;
//! - block quotes: indented, a grey bar per nesting level beside every line;
//! - code blocks and raw blocks (raw HTML is shown as code, never dropped): mono face,
//!   shaded, flush left, tabs expanded, wrapped lines marked;
//! - emphasis: Latin slanted; Han text in the emphasis face (sans) upright, never slanted;
//! - footnotes: references become raised numbers, numbered by [`Notes`] (in order of first
//!   reference), the definitions are set small at the foot of the page (see `pages`); a
//!   reference to a label with no definition is its label, raised;
//! - images in running text: a box at the height of the text when the image loaded, else
//!   its alt text (its address when it has none);
//! - hyphenation (when the style asks for it): justified paragraphs, body text and notes,
//!   get the patterns of the document's language; `hyphenate` picks the words.

use super::flow::{
    FigureFlow, Flow, InlineImage, Marker, NoteMark, Par, ParAlign, Role, Span, SpanKind, TableFlow,
};
use super::LinkTarget;
use crate::doc::{
    Align, Block, Document, Figure, FootnoteDef, Heading, Image, Inline, List, ListKind, Notes,
    Paragraph, ParagraphRole, Table,
};
use crate::fonts::Book;
use crate::images::{self, Images};
use crate::style::{self, Style};

/// How far each level of contents entries below the first is indented, in em.
const TOC_LEVEL_INDENT_EM: f32 = 2.0;
/// How close (in points) a list paragraph's indent must be to its item's to count as flush
/// with the item (not a deeper block inside it).
const FLUSH_SLACK: f32 = 0.01;

/// What inline content refers to outside itself: the document's footnotes and the images
/// loaded for it.
#[derive(Clone, Copy)]
struct Refs<'n> {
    /// The footnotes, which number the references.
    notes: &'n Notes<'n>,
    /// The images, which images in running text show.
    images: &'n Images,
    /// The width of the text block, in points.
    width: f32,
}

impl Refs<'_> {
    /// The measure of text `indent` points in (at least `size`).
    fn measure(&self, indent: f32, size: f32) -> f32 {
        (self.width - indent).max(size)
    }
}

/// The inherited inline style while flattening inlines.
#[derive(Clone)]
struct Ctx<'n> {
    role: Role,
    size: f32,
    link: Option<LinkTarget>,
    strike: bool,
    /// The measure of the text, in points (no image in it is wider).
    measure: f32,
    /// The footnotes and images.
    refs: Refs<'n>,
}

impl<'n> Ctx<'n> {
    /// Text of `role` at `size`, `indent` points in, outside links and strike-through.
    fn new(role: Role, size: f32, indent: f32, refs: &Refs<'n>) -> Self {
        Ctx {
            role,
            size,
            link: None,
            strike: false,
            measure: refs.measure(indent, size),
            refs: *refs,
        }
    }

    /// The box an image in running text is set as, when its picture loaded: the height of
    /// the text, its width in proportion to the size the document gives it (or to its
    /// pixels), at most the measure.
    fn inline_image(&self, img: &Image) -> Option<InlineImage> {
        let (image, picture) = self.refs.images.get(&img.url)?;
        let natural = images::natural_size(picture, &img.size, self.measure);
        let (width, height) = images::inline_size(natural, self.size, self.measure);
        Some(InlineImage {
            image,
            width,
            height,
        })
    }

    /// A span of `kind` in this style.
    fn span(&self, kind: SpanKind) -> Span {
        Span {
            kind,
            role: self.role,
            size: self.size,
            link: self.link.clone(),
            strike: self.strike,
            note: None,
        }
    }

    /// This style with another role.
    fn with_role(&self, role: Role) -> Self {
        Ctx {
            role,
            ..self.clone()
        }
    }

    /// The style of emphasis inside this one: body text turns to emphasis, other roles
    /// (bold, headings, code) stay.
    fn emphasis(&self) -> Self {
        self.with_role(if self.role == Role::Body {
            Role::Emph
        } else {
            self.role
        })
    }

    /// The style of strong emphasis inside this one: body text and emphasis turn bold,
    /// other roles stay.
    fn strong(&self) -> Self {
        self.with_role(match self.role {
            Role::Body | Role::Emph => Role::Bold,
            r => r,
        })
    }
}

/// The collected document: the flow, the number of title-block paragraphs at its start,
/// and the footnotes in the order of their first reference (each one or more paragraphs).
pub(crate) struct Collected {
    /// The flow.
    pub flows: Vec<Flow>,
    /// Title-block paragraphs at the start of `flows`.
    pub title: usize,
    /// Footnote `n` (from 1) is `notes[n - 1]`.
    pub notes: Vec<Vec<Par>>,
    /// Warnings about the footnotes (undefined and unreferenced ones).
    pub warnings: Vec<String>,
}

/// Collect the flow of `doc`: the title block from the metadata, then the blocks.
/// Footnote references are numbered by [`Notes`] (1, 2, … in the order they first occur,
/// then the references inside notes); their definitions are set at the foot of the page
/// (see `pages`). Definitions never referred to are set at the end of the flow, marked
/// with their label, so that no text is lost. Images in running text whose picture is in
/// `images` are set as boxes in their lines, the others as their alt text.
pub(crate) fn collect(doc: &Document, style: &Style, book: &Book, images: &Images) -> Collected {
    let notes = Notes::new(doc);
    let refs = Refs {
        notes: &notes,
        images,
        width: style.measure(),
    };
    let mut flows = Vec::new();
    title_block(doc, style, &mut flows);
    let title = flows.len();
    let top = Place {
        book: Some(book),
        ..Place::default()
    };
    blocks(&doc.blocks, style, &top, &refs, &mut flows);
    let mut numbered: Vec<Vec<Par>> = notes
        .numbered()
        .iter()
        .enumerate()
        .map(|(k, def)| note_pars(def, k + 1, style, &refs))
        .collect();
    for def in notes.unreferenced() {
        let mut pars = note_pars(def, 0, style, &refs);
        if let Some(m) = &mut pars[0].marker {
            m.spans[0].kind = SpanKind::Text(format!("[{}]", def.label));
        }
        flows.extend(pars.into_iter().map(Flow::Par));
    }
    if style.body.hyphenate {
        let lang = hyphenation_lang(doc.meta.lang.as_deref());
        let pars = flows.iter_mut().filter_map(|f| match f {
            Flow::Par(p) => Some(p),
            _ => None,
        });
        for p in pars.chain(numbered.iter_mut().flatten()) {
            if p.align == ParAlign::Justify {
                p.hyphenate = Some(lang);
            }
        }
    }
    Collected {
        flows,
        title,
        notes: numbered,
        warnings: notes.warnings(),
    }
}

/// The hyphenation patterns for a document in `lang` (a BCP 47 tag: its primary subtag,
/// `de` → German); English for any other language and when none is given (the Latin words
/// of a Chinese document are mostly English).
fn hyphenation_lang(lang: Option<&str>) -> hypher::Lang {
    lang.and_then(|tag| {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        let code: [u8; 2] = primary.as_bytes().try_into().ok()?;
        hypher::Lang::from_iso(code)
    })
    .unwrap_or(hypher::Lang::English)
}

/// A table of contents: `entries` are (level, text, page number), set one per line with
/// the page number at the right margin, followed by a page break.
pub(crate) fn toc(entries: &[(u8, String, usize)], style: &Style) -> Vec<Flow> {
    let em = style.body.size;
    let size = style.heading_size(1);
    let mut head = Par::new(style, ParAlign::Center, size);
    head.text("目录", Role::Heading(1), size);
    head.space_after = style.toc_head_space();
    head.keep_with_next = true;
    let mut out = vec![Flow::Par(head)];
    for (i, (level, text, page)) in entries.iter().enumerate() {
        let mut par = Par::new(style, ParAlign::Left, em);
        par.indent_left = f32::from(level.saturating_sub(1)) * TOC_LEVEL_INDENT_EM * em;
        let role = if *level == 1 { Role::Bold } else { Role::Body };
        // The whole entry links to its heading.
        let link = Some(LinkTarget::Outline(i));
        let span = |kind| Span {
            kind,
            role,
            size: em,
            link: link.clone(),
            strike: false,
            note: None,
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
    let mut lines: Vec<(String, Role, f32)> = Vec::new();
    if let Some(t) = &m.title {
        lines.push((t.clone(), Role::Title, style.title.size));
    }
    if let Some(t) = &m.subtitle {
        lines.push((t.clone(), Role::Subtitle, style.title.subtitle_size));
    }
    if !m.authors.is_empty() {
        lines.push((m.authors.join("　"), Role::Body, style.body.size));
    }
    if let Some(d) = &m.date {
        lines.push((d.clone(), Role::Body, style.body.size));
    }
    let n = lines.len();
    for (i, (text, role, size)) in lines.into_iter().enumerate() {
        let mut par = Par::new(style, ParAlign::Center, size);
        par.pitch = style.title_pitch(size);
        par.keep_with_next = i + 1 < n;
        if i + 1 == n {
            par.space_after = style.space(style.title.space_after);
        }
        for (k, piece) in text.split('\n').enumerate() {
            if k > 0 {
                par.spans.push(Span::new(SpanKind::Hard, role, size));
            }
            par.text(piece, role, size);
        }
        out.push(Flow::Par(par));
    }
}

/// Where a block sits: its indent and the quote bars beside it.
#[derive(Clone, Default)]
struct Place<'b> {
    indent: f32,
    bars: Vec<f32>,
    /// Depth of bullet lists around.
    depth: u8,
    /// The faces, to measure lines placed against each other (the bundled ones if none).
    book: Option<&'b Book>,
}

/// Collect `bs` at `place`.
fn blocks(bs: &[Block], style: &Style, place: &Place, refs: &Refs, out: &mut Vec<Flow>) {
    let indent = place.indent;
    let mut i = 0;
    while i < bs.len() {
        let start = out.len();
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
                out.push(Flow::Par(run_in(h, next, style, indent, refs)));
            }
            Block::Heading(h) => out.push(Flow::Par(heading(h, style, indent, refs))),
            Block::Paragraph(p) => {
                let mut par = paragraph(p, style, indent, refs);
                official_place(
                    &mut par,
                    bs,
                    i,
                    style,
                    place.book.unwrap_or(Book::bundled()),
                );
                out.push(Flow::Par(par));
            }
            Block::List(list) => list_blocks(list, style, place, refs, out),
            Block::BlockQuote { blocks: inner } => quote(inner, style, place, refs, out),
            Block::CodeBlock(code) => out.push(Flow::Par(preformatted(&code.text, style, indent))),
            // Raw HTML (or other raw) blocks are shown as code, never dropped.
            Block::Raw(raw) => out.push(Flow::Par(preformatted(&raw.text, style, indent))),
            Block::Table(table) => out.push(Flow::Table(table_flow(table, style, indent, refs))),
            Block::Figure(fig) => out.push(Flow::Figure(figure(fig, style, indent, refs))),
            // Set at the foot of the page that refers to them (see `collect`).
            Block::FootnoteDef(_) => {}
            Block::ThematicBreak => out.push(Flow::Rule),
            Block::PageBreak => out.push(Flow::PageBreak),
        }
        // The quote bars around reach the paragraphs that have none of their own.
        for f in &mut out[start..] {
            if let Flow::Par(p) = f {
                if p.bars.is_empty() {
                    p.bars.clone_from(&place.bars);
                }
            }
        }
        i += 1;
    }
}

/// A block quote's blocks `inner`: a bar in the gutter, the text indented past it; nested
/// quotes add bars.
fn quote(inner: &[Block], style: &Style, place: &Place, refs: &Refs, out: &mut Vec<Flow>) {
    let em = style.body.size;
    let mut q = place.clone();
    q.bars.push(place.indent + style.quote.bar_offset * em);
    q.indent = place.indent + style.quote.indent * em;
    let from = out.len();
    blocks(inner, style, &q, refs, out);
    for f in &mut out[from..] {
        if let Flow::Par(p) = f {
            p.space_before = p.space_before.max(0.0);
        }
    }
}

/// A table `indent` points in: a paragraph per cell, in the table's size, the header row
/// bold; every row has a cell for every column.
fn table_flow(table: &Table, style: &Style, indent: f32, refs: &Refs) -> TableFlow {
    let aligns = column_aligns(table);
    let size = style.table_size();
    let header = !table.header.is_empty();
    let rows = header
        .then_some((&table.header, Role::Bold))
        .into_iter()
        .chain(table.rows.iter().map(|r| (r, Role::Body)));
    let mut set_rows = Vec::new();
    for (row, role) in rows {
        let mut cells = Vec::with_capacity(aligns.len());
        for (k, &align) in aligns.iter().enumerate() {
            let mut par = Par::new(style, align, size);
            par.pitch = style.table_pitch();
            if let Some(cell) = row.get(k) {
                inlines(cell, &Ctx::new(role, size, indent, refs), &mut par.spans);
            }
            cells.push(par);
        }
        set_rows.push(cells);
    }
    TableFlow {
        aligns,
        rows: set_rows,
        header,
        indent,
    }
}

/// The alignment of each column of `table` (as many as its widest row), left when not
/// given.
fn column_aligns(table: &Table) -> Vec<ParAlign> {
    let columns = table
        .header
        .len()
        .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
    (0..columns)
        .map(|k| match table.aligns.get(k) {
            Some(Align::Center) => ParAlign::Center,
            Some(Align::Right) => ParAlign::Right,
            _ => ParAlign::Left,
        })
        .collect()
}

/// A figure `indent` points in: its image and a centred caption (the alt text when it has
/// no caption of its own).
fn figure(fig: &Figure, style: &Style, indent: f32, refs: &Refs) -> FigureFlow {
    let size = style.caption_size();
    let mut par = Par::new(style, ParAlign::Center, size);
    par.indent_left = indent;
    par.space_after = style.figure_space_after();
    let content = if fig.caption.is_empty() {
        &fig.image.alt
    } else {
        &fig.caption
    };
    inlines(
        content,
        &Ctx::new(Role::Body, size, indent, refs),
        &mut par.spans,
    );
    FigureFlow {
        url: fig.image.url.clone(),
        size: fig.image.size,
        caption: par,
        indent,
    }
}

/// A list: each item's blocks indented, its marker (bullet, number, task box) hanging in
/// the indent left of the first line; loose lists get space between items.
fn list_blocks(list: &List, style: &Style, place: &Place, refs: &Refs, out: &mut Vec<Flow>) {
    let em = style.body.size;
    // Numbers may be wide: the hang grows with the widest number.
    let hang = style.list_hang(match list.kind {
        ListKind::Bullet => None,
        ListKind::Ordered { start } => Some(start.saturating_add(list.items.len() as u64)),
    });
    let inner = Place {
        indent: place.indent + hang,
        bars: place.bars.clone(),
        depth: place.depth + u8::from(list.kind == ListKind::Bullet),
        book: place.book,
    };
    for (k, item) in list.items.iter().enumerate() {
        let marker = item_marker(list, k, item.task, place.depth, em);
        let start = out.len();
        blocks(&item.blocks, style, &inner, refs, out);
        let gap = if list.tight {
            0.0
        } else {
            style.lists.loose_space * style.line_pitch()
        };
        let mut first = true;
        for f in &mut out[start..] {
            if let Flow::Par(p) = f {
                // List paragraphs are flush with the item's indent (no first-line indent).
                if p.indent_left <= inner.indent + FLUSH_SLACK && p.outline.is_none() {
                    p.first_indent = 0.0;
                }
                if first {
                    p.space_before = p.space_before.max(if k == 0 { 0.0 } else { gap });
                    first = false;
                } else if !list.tight {
                    p.space_before = p.space_before.max(gap);
                }
            }
        }
        let first = out[start..].iter_mut().find_map(|f| match f {
            Flow::Par(p) => Some(p),
            _ => None,
        });
        match first {
            Some(p) if p.marker.is_none() => p.marker = Some(marker),
            _ => {
                let mut p = Par::new(style, ParAlign::Left, em);
                p.indent_left = inner.indent;
                p.bars.clone_from(&place.bars);
                p.marker = Some(marker);
                p.spans
                    .push(Span::new(SpanKind::Text(String::new()), Role::Body, em));
                out.insert(start, Flow::Par(p));
            }
        }
    }
}

/// The marker of item `k` of `list` (`task`: its task box, checked or not) at bullet depth
/// `depth`: the task box, else the item's number or the bullet of its depth.
fn item_marker(list: &List, k: usize, task: Option<bool>, depth: u8, em: f32) -> Marker {
    let text = match (task, list.kind) {
        (Some(_), _) => String::new(),
        (None, ListKind::Bullet) => String::new(),
        (None, ListKind::Ordered { start }) => format!("{}.", start + k as u64),
    };
    Marker {
        spans: if text.is_empty() {
            Vec::new()
        } else {
            vec![Span::new(SpanKind::Text(text), Role::Body, em)]
        },
        task,
        bullet: (task.is_none() && list.kind == ListKind::Bullet).then_some(depth),
    }
}

/// The paragraphs of a footnote numbered `n`, set small, its number hanging.
fn note_pars(def: &FootnoteDef, n: usize, style: &Style, refs: &Refs) -> Vec<Par> {
    let size = style.note_size();
    let mut note_style = style.clone();
    note_style.body.size = size;
    note_style.body.line_height = style.notes.line_height;
    let place = Place {
        indent: style.notes.indent * size,
        bars: Vec::new(),
        depth: 0,
        book: None,
    };
    let mut flows = Vec::new();
    blocks(&def.blocks, &note_style, &place, refs, &mut flows);
    // A note is paragraphs only: a table in a note is set a row per line (cells apart by
    // an ideographic space), a figure as its caption.
    let flows: Vec<Flow> = flows
        .into_iter()
        .flat_map(|f| match f {
            Flow::Table(t) => t
                .rows
                .into_iter()
                .map(|row| {
                    let mut p = Par::new(&note_style, ParAlign::Left, size);
                    p.indent_left = place.indent;
                    for (k, cell) in row.into_iter().enumerate() {
                        if k > 0 {
                            p.text("　", Role::Body, size);
                        }
                        p.spans.extend(cell.spans);
                    }
                    Flow::Par(p)
                })
                .collect(),
            Flow::Figure(fig) => vec![Flow::Par(fig.caption)],
            f => vec![f],
        })
        .collect();
    let mut pars: Vec<Par> = flows
        .into_iter()
        .filter_map(|f| match f {
            Flow::Par(mut p) => {
                p.first_indent = 0.0;
                p.space_before = 0.0;
                p.space_after = 0.0;
                p.keep_with_next = false;
                p.outline = None;
                Some(p)
            }
            _ => None,
        })
        .collect();
    if pars.is_empty() {
        let mut p = Par::new(&note_style, ParAlign::Justify, size);
        p.indent_left = place.indent;
        p.spans
            .push(Span::new(SpanKind::Text(String::new()), Role::Body, size));
        pars.push(p);
    }
    pars[0].marker = Some(Marker {
        spans: vec![Span::new(SpanKind::Text(n.to_string()), Role::Body, size)],
        task: None,
        bullet: None,
    });
    pars
}

/// A stand-alone heading: the heading face at its level's size, kept with what follows.
fn heading(h: &Heading, style: &Style, indent: f32, refs: &Refs) -> Par {
    let level = h.level.clamp(1, 6);
    let hs = style.heading(level);
    let size = hs.size;
    let align = match hs.align {
        style::Align::Left => ParAlign::Left,
        style::Align::Center => ParAlign::Center,
    };
    let mut par = Par::new(style, align, size);
    par.indent_left = indent;
    par.first_indent = hs.indent * style.cell();
    par.space_before = style.space(hs.space_before);
    par.space_after = style.space(hs.space_after);
    par.keep_with_next = true;
    par.outline = Some((level, h.text()));
    heading_spans(h, level, (size, indent), refs, &mut par);
    par
}

/// The heading's label and text, in its level's face at `size`, `indent` points in.
fn heading_spans(h: &Heading, level: u8, (size, indent): (f32, f32), refs: &Refs, par: &mut Par) {
    if let Some(label) = &h.label {
        par.text(label.clone(), Role::Heading(level), size);
    }
    let ctx = Ctx::new(Role::Heading(level), size, indent, refs);
    inlines(&h.content, &ctx, &mut par.spans);
}

/// A run-in heading and its paragraph, set as one body paragraph.
fn run_in(h: &Heading, body: Option<&Paragraph>, style: &Style, indent: f32, refs: &Refs) -> Par {
    let size = style.body.size;
    let mut par = Par::new(style, ParAlign::Justify, size);
    par.indent_left = indent;
    par.first_indent = style.body.first_line_indent * style.cell();
    par.space_after = style.paragraph_space();
    let level = h.level.clamp(1, 6);
    par.outline = Some((level, h.text()));
    heading_spans(h, level, (size, indent), refs, &mut par);
    if let Some(p) = body {
        let ctx = Ctx::new(Role::Body, size, indent, refs);
        inlines(&p.content, &ctx, &mut par.spans);
    }
    par
}

/// The places GB/T 9704 gives the closing parts of `bs[i]` (see [`style::official_place`]).
fn official_place(par: &mut Par, bs: &[Block], i: usize, style: &Style, book: &Book) {
    let width = |t: &str| super::body_text_width(t, style, book);
    if let Some(place) = style::official_place(bs, i, style, &width) {
        par.indent_left += place.left;
        par.first_indent = place.first;
        par.indent_right = place.right;
    }
}

/// A paragraph, aligned and indented by its role.
fn paragraph(p: &Paragraph, style: &Style, indent: f32, refs: &Refs) -> Par {
    let size = style.body.size;
    let (align, first) = match p.role {
        ParagraphRole::Body | ParagraphRole::Attachment | ParagraphRole::Closing => (
            ParAlign::Justify,
            style.body.first_line_indent * style.cell(),
        ),
        ParagraphRole::Addressee => (ParAlign::Left, 0.0),
        ParagraphRole::Signature | ParagraphRole::Date => (ParAlign::Right, 0.0),
    };
    let mut par = Par::new(style, align, size);
    par.indent_left = indent;
    par.first_indent = first;
    if p.role == ParagraphRole::Signature {
        // GB/T 9704: the issuer sits 2 characters in from the right edge (see `blocks` for
        // the date under it).
        par.indent_right = Style::SIGNATURE_INDENT_EM * style.cell();
    }
    // The closing (`特此通知。`) and the issuer stay on the page of the date under them:
    // a page that holds only a date or a signature is what GB/T 9704 forbids.
    par.keep_with_next = matches!(p.role, ParagraphRole::Signature | ParagraphRole::Closing);
    par.space_after = style.paragraph_space();
    let ctx = Ctx::new(Role::Body, size, indent, refs);
    inlines(&p.content, &ctx, &mut par.spans);
    par
}

/// Code or raw text: the mono face on a shaded ground, never justified, lines kept as they
/// are (tabs expanded to stops every 4 columns); lines too long for the measure wrap, with
/// a continuation mark at the end of each wrapped line.
fn preformatted(text: &str, style: &Style, indent: f32) -> Par {
    let size = style.code_size();
    let mut par = Par::new(style, ParAlign::Left, size);
    par.pitch = style.code_pitch();
    let pad = style.code_pad();
    par.indent_left = indent + pad;
    // Room for the continuation mark at the right.
    par.indent_right = pad + size;
    let (w, _) = style.page.paper.size_pt();
    let right = w - style.page.margins.left - style.page.margins.right;
    par.shade = Some((indent, right));
    par.wrap_mark = true;
    par.space_before = style.code_space();
    par.space_after = style.code_space();
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (k, l) in body.split('\n').enumerate() {
        if k > 0 {
            par.spans.push(Span::new(SpanKind::Hard, Role::Mono, size));
        }
        par.text(crate::script::expand_tabs(l), Role::Mono, size);
    }
    par
}

/// Flatten inlines into spans.
fn inlines(content: &[Inline], ctx: &Ctx, out: &mut Vec<Span>) {
    for inline in content {
        match inline {
            Inline::Text { text } => out.push(ctx.span(SpanKind::Text(text.clone()))),
            Inline::Emphasis { content } => inlines(content, &ctx.emphasis(), out),
            Inline::Strong { content } => inlines(content, &ctx.strong(), out),
            Inline::Strikethrough { content } => {
                let struck = Ctx {
                    strike: true,
                    ..ctx.clone()
                };
                inlines(content, &struck, out);
            }
            Inline::Code { text } => {
                out.push(ctx.with_role(Role::Mono).span(SpanKind::Text(text.clone())));
            }
            Inline::Link { url, content, .. } => {
                let linked = Ctx {
                    link: Some(LinkTarget::Url(url.clone())),
                    ..ctx.clone()
                };
                inlines(content, &linked, out);
            }
            // An image inside text is a box in the line; one that did not load shows its
            // alt text, or its address when it has none.
            Inline::Image(img) => match ctx.inline_image(img) {
                Some(image) => out.push(ctx.span(SpanKind::Image(image))),
                None if img.alt.is_empty() => {
                    out.push(ctx.span(SpanKind::Text(img.url.clone())));
                }
                None => inlines(&img.alt, ctx, out),
            },
            Inline::SoftBreak => out.push(ctx.span(SpanKind::Soft)),
            Inline::HardBreak => out.push(ctx.span(SpanKind::Hard)),
            Inline::FootnoteRef { label } => out.push(footnote_ref(label, ctx)),
            Inline::Raw(raw) => out.push(ctx.span(SpanKind::Text(raw.text.clone()))),
        }
    }
}

/// A footnote reference: the note's number, raised; a reference to nothing keeps its
/// label, still raised.
fn footnote_ref(label: &str, ctx: &Ctx) -> Span {
    let (text, mark) = match ctx.refs.notes.number(label) {
        Some(n) => (n.to_string(), NoteMark::Note(n - 1)),
        None => (label.to_string(), NoteMark::Undefined),
    };
    let mut s = ctx.span(SpanKind::Text(text));
    s.note = Some(mark);
    s
}
