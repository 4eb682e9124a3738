//! CommonMark syntax → document tree: the pulldown-cmark options cjkdoc uses and the
//! mapping from pulldown-cmark events to [`crate::doc`] nodes.
//!
//! Shared knowledge of the Markdown format, used by the Markdown reader
//! ([`crate::read::markdown`], which adds decoding) and by the Markdown writer
//! ([`crate::write::markdown`], which reads its own output back to choose the fewest escapes
//! that keep the meaning). Neither imports the other; both import this.
//!
//! Every pulldown-cmark event lands in the tree; nothing is dropped.
//!
//! Supported nodes (pulldown-cmark → [`crate::doc`]):
//! - [x] YAML metadata block → [`Meta`]: `title`, `subtitle`, `author`/`authors` (string or
//!   list), `date`, `lang`/`language`, `keywords` (`"a, b"` or list); any other key (and a
//!   known key whose value has the wrong shape) → `meta.extra`. Malformed YAML →
//!   `ReadError::Syntax`. Well-formed YAML that is not a mapping (`---\nFoo\n---`) →
//!   `Raw { format: "yaml" }` (the writer puts it back as a metadata block).
//! - [x] paragraph → `Paragraph` (role `Body`); a paragraph holding exactly one image →
//!   `Figure` (empty caption; the alt text stays on the image).
//! - [x] ATX and setext headings → `Heading` (no label, never `run_in`).
//! - [x] block quote → `BlockQuote` (GFM alert kinds are not enabled, so never produced).
//! - [x] fenced code → `CodeBlock` with its info string; indented code → `CodeBlock` with
//!   `info: None`.
//! - [x] HTML block → `Raw { format: "html" }`, text verbatim; a block of nothing but
//!   `<img>` tags (in `p`/`div`/`a`/`center`… wrappers, which are dropped) → `Figure` (one
//!   image, its `width`/`height` as the image's size) or a `Paragraph` of the images (see
//!   [`crate::img_tag`]).
//! - [x] bullet / ordered list (start number kept) → `List`; tight when no item holds a
//!   paragraph directly (pulldown-cmark leaves tight paragraphs unwrapped; such inline runs
//!   become `Paragraph`s inside the item).
//! - [x] task list marker → `ListItem::task`.
//! - [x] GFM table → `Table` (alignments, header cells, body rows).
//! - [x] thematic break → `ThematicBreak`.
//! - [x] footnote definition → `FootnoteDef` where it appears; reference → `FootnoteRef`.
//! - [x] text (adjacent runs merged), code span, emphasis, strong, strikethrough.
//! - [x] links of every kind (inline, reference, collapsed, shortcut, autolink) → `Link` with
//!   the resolved URL and title; e-mail autolinks get a `mailto:` URL. Link reference
//!   definitions are consumed by the resolution.
//! - [x] images → `Image` (alt text as inlines).
//! - [x] inline HTML → `Inline::Raw { format: "html" }`; an `<img>` tag → `Image` with its
//!   size.
//! - [x] soft / hard line breaks.
//! - [ ] math, definition lists, super/subscript, heading attributes, wiki links: those
//!   extensions are not enabled, so their syntax stays literal text. Should an event of that
//!   kind still arrive, it is kept as `Raw { format: "markdown" }` text.

/// Markdown that cannot be turned into a tree (malformed front matter). One line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError(pub String);

use crate::doc::nesting::MAX_NESTING;
use crate::doc::{
    Align, Block, CodeBlock, Document, Figure, FootnoteDef, Heading, Image, Inline, List, ListItem,
    ListKind, Meta, MetaValue, Paragraph, Raw, Table,
};
use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag};
use std::collections::BTreeMap;

/// The pulldown-cmark extensions cjkdoc reads.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Parse Markdown text into a document.
pub fn parse(text: &str) -> Result<Document, SyntaxError> {
    parse_with_notes(text).map(|(doc, _)| doc)
}

/// Containers nested deeper than [`MAX_NESTING`] were flattened while parsing: how many,
/// and the 1-based line of the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flattened {
    /// How many containers were replaced by their content.
    pub count: usize,
    /// The line of the first one.
    pub line: usize,
}

impl std::fmt::Display for Flattened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}: nesting deeper than {MAX_NESTING} levels is flattened ({} quote, list or emphasis levels kept as plain content)",
            self.line, self.count
        )
    }
}

/// Parse Markdown text into a document, and say whether deep nesting was flattened.
pub fn parse_with_notes(text: &str) -> Result<(Document, Option<Flattened>), SyntaxError> {
    let (events, offsets): (Vec<Event>, Vec<usize>) = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .map(|(e, range)| (e, range.start))
        .unzip();
    let mut builder = Builder {
        events,
        offsets,
        pos: 0,
        meta: Meta::default(),
        tasks: Vec::new(),
        error: None,
        depth: 0,
        flattened: 0,
        first_flattened: None,
    };
    let blocks = builder.blocks();
    if let Some(e) = builder.error {
        return Err(e);
    }
    let flattened = builder.first_flattened.map(|offset| Flattened {
        count: builder.flattened,
        line: 1 + text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    });
    Ok((
        Document {
            meta: builder.meta,
            blocks,
            ..Default::default()
        },
        flattened,
    ))
}

/// Turns the flat event stream into the tree by recursive descent.
struct Builder<'a> {
    /// All events of the document.
    events: Vec<Event<'a>>,
    /// The next event to consume.
    pos: usize,
    /// Metadata gathered from the front matter.
    meta: Meta,
    /// Task markers of the open list items, innermost last.
    tasks: Vec<Option<bool>>,
    /// The first front-matter error, reported after parsing.
    error: Option<SyntaxError>,
    /// The byte offset in the source of each event.
    offsets: Vec<usize>,
    /// How many containers enclose the current position.
    depth: usize,
    /// How many containers were flattened (nested deeper than [`MAX_NESTING`]).
    flattened: usize,
    /// The source offset of the first flattened container.
    first_flattened: Option<usize>,
}

impl<'a> Builder<'a> {
    /// The next event, consumed.
    fn next(&mut self) -> Option<Event<'a>> {
        let e = self.events.get_mut(self.pos)?;
        self.pos += 1;
        Some(std::mem::replace(e, Event::SoftBreak))
    }

    /// The next event, not consumed.
    fn peek(&self) -> Option<&Event<'a>> {
        self.events.get(self.pos)
    }

    /// At the nesting limit, consume the next event if it opens a container of the kind
    /// `is_container` accepts, and count it flattened: its content then lands in the
    /// enclosing sequence, and the caller skips its `End`.
    fn flatten(&mut self, is_container: fn(&Tag) -> bool) -> bool {
        if self.depth < MAX_NESTING {
            return false;
        }
        match self.peek() {
            Some(Event::Start(tag)) if is_container(tag) => {
                self.first_flattened.get_or_insert(self.offsets[self.pos]);
                self.flattened += 1;
                self.pos += 1;
                true
            }
            _ => false,
        }
    }

    /// Blocks up to the end of the enclosing container (its `End` event is consumed) or the
    /// end of input.
    fn blocks(&mut self) -> Vec<Block> {
        self.depth += 1;
        let blocks = self.blocks_inner();
        self.depth -= 1;
        blocks
    }

    fn blocks_inner(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        // Containers flattened into this sequence whose `End` is still to come.
        let mut open = 0usize;
        loop {
            if self.flatten(is_block_container) {
                open += 1;
                continue;
            }
            match self.peek() {
                None => return blocks,
                Some(Event::End(_)) if open > 0 => {
                    open -= 1;
                    self.pos += 1;
                }
                Some(Event::End(_)) => {
                    self.pos += 1;
                    return blocks;
                }
                Some(e) if is_inline_event(e) => {
                    // A tight list item's paragraph: inline events without a Paragraph tag.
                    let content = self.inlines_until_block();
                    push_paragraph(&mut blocks, content);
                }
                Some(_) => {
                    if let Some(block) = self.block() {
                        blocks.push(block);
                    }
                }
            }
        }
    }

    /// Inline events up to the next block-level event (not consumed).
    fn inlines_until_block(&mut self) -> Vec<Inline> {
        let mut out = Vec::new();
        while let Some(e) = self.peek() {
            if !is_inline_event(e) {
                break;
            }
            let e = self.next().expect("peeked");
            self.inline(e, &mut out);
        }
        out
    }

    /// One block-level element, starting at the next event.
    fn block(&mut self) -> Option<Block> {
        let event = self.next()?;
        Some(match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    let content = self.inlines();
                    let mut blocks = Vec::new();
                    push_paragraph(&mut blocks, content);
                    return blocks.pop();
                }
                Tag::Heading { level, .. } => Block::Heading(Heading {
                    level: level as u8,
                    label: None,
                    content: self.inlines(),
                    run_in: false,
                }),
                Tag::BlockQuote(_) => Block::BlockQuote {
                    blocks: self.blocks(),
                },
                Tag::CodeBlock(kind) => {
                    let info = match kind {
                        CodeBlockKind::Fenced(info) if !info.is_empty() => Some(info.to_string()),
                        _ => None,
                    };
                    let mut text = self.raw_text();
                    // The tree's code lines all end in `\n`, even at the end of input.
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    Block::CodeBlock(CodeBlock { info, text })
                }
                Tag::HtmlBlock => {
                    let mut text = self.raw_text();
                    if let Some(mut images) = crate::img_tag::images_only(&text) {
                        return Some(if images.len() == 1 {
                            Block::Figure(Figure {
                                image: images.remove(0),
                                caption: Vec::new(),
                            })
                        } else {
                            let mut content = Vec::new();
                            for (i, image) in images.into_iter().enumerate() {
                                if i > 0 {
                                    content.push(Inline::text(" "));
                                }
                                content.push(Inline::Image(image));
                            }
                            Block::Paragraph(Paragraph::body(content))
                        });
                    }
                    // Like code, every line ends in `\n`, even at the end of input.
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    Block::Raw(Raw {
                        format: "html".into(),
                        text,
                    })
                }
                Tag::List(start) => self.list(start),
                Tag::FootnoteDefinition(label) => Block::FootnoteDef(FootnoteDef {
                    label: label.to_string(),
                    blocks: self.blocks(),
                }),
                Tag::Table(aligns) => self.table(aligns),
                Tag::MetadataBlock(_) => {
                    let yaml = self.raw_text();
                    match read_front_matter(&yaml, &mut self.meta) {
                        Ok(true) => return None,
                        Ok(false) => Block::Raw(Raw {
                            format: "yaml".into(),
                            text: yaml,
                        }),
                        Err(e) => {
                            self.error.get_or_insert(e);
                            return None;
                        }
                    }
                }
                Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::Item => Block::BlockQuote {
                    // Not produced with our options; keep the content rather than drop it.
                    blocks: self.blocks(),
                },
                inline_tag => {
                    // Inline tags are handled by `blocks`; unreachable in practice.
                    let mut out = Vec::new();
                    self.inline(Event::Start(inline_tag), &mut out);
                    Block::Paragraph(Paragraph::body(out))
                }
            },
            Event::Rule => Block::ThematicBreak,
            Event::Html(html) => Block::Raw(Raw {
                format: "html".into(),
                text: html.to_string(),
            }),
            Event::DisplayMath(math) => Block::Raw(Raw {
                format: "markdown".into(),
                text: format!("$${math}$$"),
            }),
            Event::End(_) => return None,
            other => {
                let mut out = Vec::new();
                self.inline(other, &mut out);
                Block::Paragraph(Paragraph::body(out))
            }
        })
    }

    /// A list; the `Start(List)` event is consumed.
    fn list(&mut self, start: Option<u64>) -> Block {
        let kind = match start {
            Some(start) => ListKind::Ordered { start },
            None => ListKind::Bullet,
        };
        let mut items = Vec::new();
        let mut tight = true;
        loop {
            match self.next() {
                Some(Event::Start(Tag::Item)) => {
                    if matches!(self.peek(), Some(Event::Start(Tag::Paragraph))) {
                        tight = false;
                    }
                    self.tasks.push(None);
                    let blocks = self.item_blocks(&mut tight);
                    let task = self.tasks.pop().flatten();
                    items.push(ListItem { task, blocks });
                }
                Some(Event::End(_)) | None => break,
                Some(_) => {}
            }
        }
        Block::List(List { kind, tight, items })
    }

    /// The blocks of a list item, noting whether any is a direct (loose) paragraph.
    fn item_blocks(&mut self, tight: &mut bool) -> Vec<Block> {
        self.depth += 1;
        let blocks = self.item_blocks_inner(tight);
        self.depth -= 1;
        blocks
    }

    fn item_blocks_inner(&mut self, tight: &mut bool) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut open = 0usize;
        loop {
            if self.flatten(is_block_container) {
                open += 1;
                continue;
            }
            match self.peek() {
                None => return blocks,
                Some(Event::End(_)) if open > 0 => {
                    open -= 1;
                    self.pos += 1;
                }
                Some(Event::End(_)) => {
                    self.pos += 1;
                    return blocks;
                }
                Some(Event::Start(Tag::Paragraph)) => {
                    *tight = false;
                    if let Some(b) = self.block() {
                        blocks.push(b);
                    }
                }
                Some(e) if is_inline_event(e) => {
                    let content = self.inlines_until_block();
                    push_paragraph(&mut blocks, content);
                }
                Some(_) => {
                    if let Some(b) = self.block() {
                        blocks.push(b);
                    }
                }
            }
        }
    }

    /// A table; the `Start(Table)` event is consumed.
    fn table(&mut self, aligns: Vec<Alignment>) -> Block {
        let aligns = aligns
            .into_iter()
            .map(|a| match a {
                Alignment::None => Align::None,
                Alignment::Left => Align::Left,
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        loop {
            match self.next() {
                Some(Event::Start(Tag::TableHead)) => header = self.row(),
                Some(Event::Start(Tag::TableRow)) => rows.push(self.row()),
                Some(Event::End(_)) | None => break,
                Some(_) => {}
            }
        }
        Block::Table(Table {
            aligns,
            header,
            rows,
        })
    }

    /// The cells of a table row (or the head); its start event is consumed.
    fn row(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        loop {
            match self.next() {
                Some(Event::Start(Tag::TableCell)) => cells.push(self.inlines()),
                Some(Event::End(_)) | None => break,
                Some(_) => {}
            }
        }
        cells
    }

    /// The concatenated text up to the matching `End` (code blocks, HTML blocks, metadata).
    fn raw_text(&mut self) -> String {
        let mut s = String::new();
        while let Some(e) = self.next() {
            match e {
                Event::End(_) => break,
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => {
                    s.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => s.push('\n'),
                _ => {}
            }
        }
        s
    }

    /// Inlines up to the matching `End` (consumed).
    fn inlines(&mut self) -> Vec<Inline> {
        self.depth += 1;
        let mut out = Vec::new();
        let mut open = 0usize;
        loop {
            if self.flatten(is_inline_container) {
                open += 1;
                continue;
            }
            let Some(e) = self.next() else { break };
            if let Event::End(_) = e {
                if open == 0 {
                    break;
                }
                open -= 1;
                continue;
            }
            self.inline(e, &mut out);
        }
        self.depth -= 1;
        out
    }

    /// Append one inline event (and, for a start tag, its content) to `out`.
    fn inline(&mut self, event: Event<'a>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(t) => push_text(out, &t),
            Event::Code(t) => out.push(Inline::Code {
                text: t.to_string(),
            }),
            Event::InlineHtml(t) | Event::Html(t) => match crate::img_tag::img_tag(&t) {
                Some(image) => out.push(Inline::Image(image)),
                None => out.push(Inline::Raw(Raw {
                    format: "html".into(),
                    text: t.to_string(),
                })),
            },
            Event::InlineMath(t) => push_raw_md(out, format!("${t}$")),
            Event::DisplayMath(t) => push_raw_md(out, format!("$${t}$$")),
            Event::FootnoteReference(label) => out.push(Inline::FootnoteRef {
                label: label.to_string(),
            }),
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Rule => push_raw_md(out, "***".into()),
            Event::TaskListMarker(checked) => {
                if let Some(slot) = self.tasks.last_mut() {
                    *slot = Some(checked);
                }
            }
            Event::End(_) => {}
            Event::Start(tag) => match tag {
                Tag::Emphasis => {
                    let content = self.inlines();
                    out.push(Inline::Emphasis { content });
                }
                Tag::Strong => {
                    let content = self.inlines();
                    out.push(Inline::Strong { content });
                }
                Tag::Strikethrough => {
                    let content = self.inlines();
                    out.push(Inline::Strikethrough { content });
                }
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                } => {
                    let content = self.inlines();
                    out.push(Inline::Link {
                        url: link_url(link_type, dest_url),
                        title: title.to_string(),
                        content,
                    });
                }
                Tag::Image {
                    dest_url, title, ..
                } => {
                    let alt = self.inlines();
                    out.push(Inline::Image(Image {
                        url: dest_url.to_string(),
                        title: title.to_string(),
                        alt,
                        size: crate::doc::ImageSize::default(),
                    }));
                }
                Tag::Superscript | Tag::Subscript => {
                    let mark = if matches!(tag, Tag::Superscript) {
                        "^"
                    } else {
                        "~"
                    };
                    push_raw_md(out, mark.into());
                    let content = self.inlines();
                    out.extend(content);
                    push_raw_md(out, mark.into());
                }
                _ => {
                    // A block tag inside inline content cannot happen with our options; keep
                    // its text.
                    let content = self.inlines();
                    out.extend(content);
                }
            },
        }
    }
}

/// Block-level containers: flattened into their parent past the nesting limit.
fn is_block_container(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
    )
}

/// Inline containers: flattened into their parent past the nesting limit (an image
/// becomes its alt text).
fn is_inline_container(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// True for events that belong inside a paragraph.
fn is_inline_event(e: &Event) -> bool {
    match e {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        _ => false,
    }
}

/// Add a paragraph (or a figure, when it is one image) to `blocks`; empty content (a task
/// marker alone) adds nothing.
fn push_paragraph(blocks: &mut Vec<Block>, content: Vec<Inline>) {
    if content.is_empty() {
        return;
    }
    if let [Inline::Image(image)] = content.as_slice() {
        blocks.push(Block::Figure(Figure {
            image: image.clone(),
            caption: Vec::new(),
        }));
        return;
    }
    blocks.push(Block::Paragraph(Paragraph::body(content)));
}

/// Append text, merging with a preceding text run.
fn push_text(out: &mut Vec<Inline>, t: &str) {
    if let Some(Inline::Text { text }) = out.last_mut() {
        text.push_str(t);
    } else {
        out.push(Inline::text(t));
    }
}

/// Append Markdown source the tree has no node for.
fn push_raw_md(out: &mut Vec<Inline>, text: String) {
    out.push(Inline::Raw(Raw {
        format: "markdown".into(),
        text,
    }));
}

/// The URL a link points to (e-mail autolinks get `mailto:`).
fn link_url(link_type: LinkType, dest: CowStr) -> String {
    if link_type == LinkType::Email && !dest.starts_with("mailto:") {
        format!("mailto:{dest}")
    } else {
        dest.to_string()
    }
}

/// Fill `meta` from YAML front matter. `Ok(false)` when the YAML is well-formed but not a
/// mapping (such as `---\nFoo\n---`, a thematic break and a setext heading in plain
/// CommonMark): the caller keeps it as a `Raw { format: "yaml" }` block.
fn read_front_matter(yaml: &str, meta: &mut Meta) -> Result<bool, SyntaxError> {
    let value: serde_norway::Value = serde_norway::from_str(yaml).map_err(|e| {
        let msg = e.to_string().replace('\n', " ");
        SyntaxError(format!("invalid YAML front matter: {msg}"))
    })?;
    let map = match value {
        serde_norway::Value::Mapping(m) => m,
        _ => return Ok(false),
    };
    for (key, value) in map {
        let key = match key {
            serde_norway::Value::String(s) => s,
            other => scalar_string(&other).unwrap_or_else(|| format!("{other:?}")),
        };
        let value = meta_value(value);
        let taken = match key.as_str() {
            "title" => set_string(&mut meta.title, &value),
            "subtitle" => set_string(&mut meta.subtitle, &value),
            "date" => set_string(&mut meta.date, &value),
            "lang" | "language" => set_string(&mut meta.lang, &value),
            "author" | "authors" if meta.authors.is_empty() => {
                set_list(&mut meta.authors, &value, false)
            }
            "keywords" => set_list(&mut meta.keywords, &value, true),
            _ => false,
        };
        if !taken {
            meta.extra.insert(key, value);
        }
    }
    Ok(true)
}

/// Store a scalar as a string field (if the field is still empty); false if not taken.
fn set_string(field: &mut Option<String>, value: &MetaValue) -> bool {
    if field.is_some() {
        return false;
    }
    match meta_scalar(value) {
        Some(s) => {
            *field = Some(s);
            true
        }
        None => false,
    }
}

/// Store a string or list of scalars; `split` splits a string at commas.
fn set_list(field: &mut Vec<String>, value: &MetaValue, split: bool) -> bool {
    match value {
        MetaValue::List(items) => {
            let strings: Option<Vec<String>> = items.iter().map(meta_scalar).collect();
            match strings {
                Some(s) => {
                    *field = s;
                    true
                }
                None => false,
            }
        }
        MetaValue::String(s) if split => {
            *field = s
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            true
        }
        other => match meta_scalar(other) {
            Some(s) => {
                *field = vec![s];
                true
            }
            None => false,
        },
    }
}

/// A scalar metadata value as text.
fn meta_scalar(value: &MetaValue) -> Option<String> {
    match value {
        MetaValue::String(s) => Some(s.clone()),
        MetaValue::Int(i) => Some(i.to_string()),
        MetaValue::Float(f) => Some(f.to_string()),
        MetaValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A YAML scalar as text.
fn scalar_string(value: &serde_norway::Value) -> Option<String> {
    meta_scalar(&meta_value(value.clone()))
}

/// Convert a YAML value to the tree's metadata model.
fn meta_value(value: serde_norway::Value) -> MetaValue {
    use serde_norway::Value as Y;
    match value {
        Y::Null => MetaValue::Null,
        Y::Bool(b) => MetaValue::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                MetaValue::Int(i)
            } else {
                MetaValue::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Y::String(s) => MetaValue::String(s),
        Y::Sequence(items) => MetaValue::List(items.into_iter().map(meta_value).collect()),
        Y::Mapping(m) => MetaValue::Map(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match k {
                        Y::String(s) => s,
                        other => scalar_string(&other).unwrap_or_default(),
                    };
                    (k, meta_value(v))
                })
                .collect::<BTreeMap<_, _>>(),
        ),
        Y::Tagged(t) => meta_value(t.value),
    }
}
