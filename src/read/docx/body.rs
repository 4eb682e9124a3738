//! The package → the tree: paragraphs into items, items into blocks.

use super::inlines::{flat, linkify, slice, Extras};
use super::model::{self, BodyChild, Paragraph, SdtChild};
use super::numbering::{Marker, Numbering};
use super::package::{self, Package, Rel};
use super::styles::{Class, StyleMap};
use crate::doc::{
    Block, CodeBlock, Document, Figure, FootnoteDef, Heading, Image, ImageSize, Inline, List,
    ListItem, ListKind, Meta, Paragraph as Para, ParagraphRole, Table,
};
use crate::read::text::{read_paragraphs, Line, Source};
use crate::read::{ReadError, ReadOptions};
use crate::Diagnostics;
use docx_rs::FromXML;
use std::collections::{BTreeMap, HashMap};

/// Indents closer than this (in twips, a quarter of a centimetre) are the same level.
const INDENT_SLACK: i32 = 140;

/// The state of one read.
pub struct Reader<'p, 'd> {
    pkg: Package<'p>,
    pub styles: StyleMap,
    numbering: Numbering,
    /// The relationships of the part being read, by id.
    pub rels: HashMap<String, Rel>,
    /// Bookmark name → the note reference inside it (for `NOTEREF` fields).
    pub note_bookmarks: HashMap<String, (String, String)>,
    /// The media read so far, by URL (`media/image1.png`).
    media: BTreeMap<String, Vec<u8>>,
    /// Notes by (kind, id): their label, once referred to.
    note_labels: HashMap<(String, String), String>,
    /// Notes referred to and not yet read, in order.
    note_queue: Vec<(String, String, String)>,
    diag: &'d mut Diagnostics,
}

/// A paragraph, read.
struct ParaItem {
    class: Class,
    /// What its numbering makes of it, and its numbering id and level.
    marker: Option<(Marker, usize)>,
    /// Its numbering instance (`w:numId`): two bullet lists in a row differ in it.
    num_id: Option<usize>,
    /// The left indent in twips.
    indent: i32,
    /// The part of it its style gives (a quote's own indent: one level of quoting).
    style_indent: i32,
    content: Vec<Inline>,
    /// A run-in heading's level and lead.
    run_in: Option<(u8, Vec<Inline>)>,
    /// It starts a table's header row (`w:tblHeader`).
    header_row: bool,
    /// It has space above of its own (direct formatting): in a list, a loose list.
    spaced: bool,
    /// Its alignment (`w:jc`), for table columns.
    align: crate::doc::Align,
}

/// A piece of the body in reading order.
enum Item {
    Para(ParaItem),
    Block(Block),
    PageBreak,
}

/// Read the package `input`.
pub fn read(
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Document, ReadError> {
    let mut pkg = Package::open(input)?;
    let root_rels = pkg.rels("")?;
    let main = root_rels
        .values()
        .find(|r| r.kind == "officeDocument" && !r.external)
        .map(|r| r.target.clone())
        .filter(|t| pkg.has(t))
        .unwrap_or_else(|| "word/document.xml".into());
    if !pkg.has(&main) {
        let what = if pkg.has("xl/workbook.xml") {
            " (it is an Excel workbook)"
        } else if pkg.has("ppt/presentation.xml") {
            " (it is a PowerPoint presentation)"
        } else {
            ""
        };
        return Err(ReadError::Syntax(format!(
            "not a Word document: the package has no {main}{what}"
        )));
    }
    let rels = pkg.rels(&main)?;
    let part_of = |kind: &str| {
        rels.values()
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.clone())
    };
    let styles_part = part_of("styles");
    let numbering_part = part_of("numbering");
    let footnotes_part = part_of("footnotes");
    let endnotes_part = part_of("endnotes");
    let styles: model::Styles = match &styles_part {
        Some(p) => match pkg.part(p)? {
            Some(bytes) => docx_part(p, &bytes, |b| docx_rs::Styles::from_xml(b))?,
            None => model::Styles::default(),
        },
        None => model::Styles::default(),
    };
    let numberings: model::Numberings = match &numbering_part {
        Some(p) => match pkg.part(p)? {
            Some(bytes) => docx_part(p, &bytes, |b| docx_rs::Numberings::from_xml(b))?,
            None => model::Numberings::default(),
        },
        None => model::Numberings::default(),
    };
    let xml = pkg.text(&main)?.unwrap_or_default();
    let prepared = package::prepare(&main, &xml)?;
    drop(xml);
    let body: model::Body = docx_part(&main, prepared.xml.as_bytes(), |b| {
        docx_rs::Document::from_xml(b)
    })?;
    drop(prepared.xml);
    let mut reader = Reader {
        pkg,
        styles: StyleMap::new(&styles),
        numbering: Numbering::new(&numberings),
        rels,
        note_bookmarks: prepared.note_bookmarks,
        media: BTreeMap::new(),
        note_labels: HashMap::new(),
        note_queue: Vec::new(),
        diag,
    };
    let mut items = Vec::new();
    reader.body(body.children, &mut items);
    let mut meta = Meta::default();
    // A draft: no heading styles, and not written by cjkdoc (whose DOCX holds a tree's
    // structure as it is, whatever it has).
    let structured = items
        .iter()
        .any(|i| matches!(i, Item::Para(p) if matches!(p.class, Class::Heading(_) | Class::Title)))
        || reader.written_by_cjkdoc();
    let preformatted = plain_text_import(&items);
    reader.title_block(&mut items, &mut meta);
    let mut blocks = if options.structure && !structured {
        let zh = zh_text(&items);
        let (title, blocks) = match plain_text(&items).filter(|_| preformatted) {
            // A text file saved as DOCX: read as the text it is (wrapped lines joined).
            Some(text) => crate::read::text::read_structure(&text, zh),
            None => reader.inferred(items, zh, preformatted),
        };
        if meta.title.is_none() {
            meta.title = title;
        }
        blocks
    } else {
        reader.blocks(items, preformatted)
    };
    blocks.extend(reader.notes(&footnotes_part, &endnotes_part)?);
    reader.core_properties(&mut meta)?;
    reader.language(&mut meta, styles_part.as_deref(), &blocks)?;
    Ok(Document {
        meta,
        blocks,
        media: reader.media,
    })
}

/// Parse `bytes` of part `name` with a docx-rs reader, and take its model as ours.
fn docx_part<T, M>(
    name: &str,
    bytes: &[u8],
    parse: impl FnOnce(&[u8]) -> Result<T, docx_rs::ReaderError>,
) -> Result<M, ReadError>
where
    T: serde::Serialize,
    M: serde::de::DeserializeOwned,
{
    let damaged = |why: String| ReadError::Syntax(format!("damaged part {name}: {why}"));
    let model = parse(bytes).map_err(|e| damaged(e.to_string()))?;
    let value = serde_json::to_value(&model).map_err(|e| damaged(e.to_string()))?;
    serde_json::from_value(value).map_err(|e| damaged(e.to_string()))
}

/// Whether (nearly) every paragraph is in LibreOffice's `Preformatted Text`: a plain text
/// file opened in LibreOffice and saved as DOCX, whose paragraphs are body text.
fn plain_text_import(items: &[Item]) -> bool {
    let paras: Vec<&ParaItem> = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) if !flat(&p.content).trim().is_empty() => Some(p),
            _ => None,
        })
        .collect();
    let pre = paras
        .iter()
        .filter(|p| p.class == Class::Preformatted)
        .count();
    !paras.is_empty() && pre * 10 >= paras.len() * 8
}

/// The text of the items when they are all paragraphs of unformatted text, unnumbered:
/// a line each.
fn plain_text(items: &[Item]) -> Option<String> {
    let mut text = String::new();
    for item in items {
        let Item::Para(p) = item else { return None };
        if p.marker.is_some() || p.run_in.is_some() {
            return None;
        }
        for i in &p.content {
            match i {
                Inline::Text { text: t } => text.push_str(t),
                _ => return None,
            }
        }
        text.push('\n');
    }
    Some(text)
}

/// Whether the text is mostly Chinese (as the text reader decides it).
fn zh_text(items: &[Item]) -> bool {
    let text: String = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) => Some(flat(&p.content)),
            _ => None,
        })
        .collect();
    crate::read::text::guess_lang(&text) == Some("zh-CN")
}

/// Inlines with white space at both ends removed.
fn trimmed(content: &[Inline]) -> Vec<Inline> {
    let text = flat(content);
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start >= end {
        // Nothing but white space, or only pictures and notes.
        return slice(content, 0..text.len())
            .into_iter()
            .filter(|i| {
                !matches!(
                    i,
                    Inline::Text { .. } | Inline::HardBreak | Inline::SoftBreak
                )
            })
            .collect();
    }
    slice(content, start..end)
}

/// The text of inlines with breaks as `\n`, for the metadata.
fn meta_text(content: &[Inline]) -> String {
    flat(content).trim().to_string()
}

impl Reader<'_, '_> {
    /// The body's children → items.
    fn body(&mut self, children: Vec<BodyChild>, out: &mut Vec<Item>) {
        for child in children {
            match child {
                BodyChild::Paragraph(p) => self.paragraph(*p, out),
                BodyChild::Table(t) => {
                    let table = self.table(t);
                    out.push(Item::Block(table));
                }
                BodyChild::StructuredDataTag(sdt) => self.sdt(sdt, out),
                BodyChild::TableOfContents(toc) => {
                    self.body(toc.before_contents, out);
                    self.body(toc.after_contents, out);
                }
                BodyChild::Other => {}
            }
        }
    }

    fn sdt(&mut self, sdt: model::Sdt, out: &mut Vec<Item>) {
        let mut runs = Vec::new();
        for c in sdt.children {
            match c {
                SdtChild::Paragraph(p) => self.paragraph(p, out),
                SdtChild::Table(t) => {
                    let table = self.table(t);
                    out.push(Item::Block(table));
                }
                SdtChild::StructuredDataTag(s) => self.sdt(s, out),
                SdtChild::Run(r) => runs.push(model::ParaChild::Run(r)),
                SdtChild::Other => {}
            }
        }
        if !runs.is_empty() {
            self.paragraph(
                Paragraph {
                    children: runs,
                    property: model::ParaProps::default(),
                },
                out,
            );
        }
    }

    /// One paragraph → items (itself, the page breaks around it, its text boxes').
    fn paragraph(&mut self, p: Paragraph, out: &mut Vec<Item>) {
        let props = p.property;
        let style = self.styles.para(props.style.as_deref()).cloned();
        let mut class = style.as_ref().map_or(Class::Normal, |s| s.class);
        if let Some(heading) = super::styles::outline(&props) {
            if matches!(class, Class::Normal | Class::Role(_)) {
                class = heading;
            }
        }
        let num = match props.numbering_property {
            Some(n) => n.id.map(|id| (id, n.level.unwrap_or(0))),
            None => style.as_ref().and_then(|s| s.num),
        };
        let level = num.and_then(|(id, l)| self.numbering.level(id, l));
        let style_indent = style.as_ref().and_then(|s| s.indent).unwrap_or(0);
        let indent = props
            .indent
            .and_then(|i| i.start)
            .or_else(|| level.and_then(|l| l.paragraph_property.indent?.start))
            .unwrap_or(style_indent);
        let (content, extras) = self.inlines(p.children);
        let marker = num.and_then(|(id, l)| Some((self.numbering.next(id, l)?, l)));
        let Extras {
            boxes,
            break_before,
            break_after,
            run_in,
            header_row,
        } = extras;
        if break_before || props.page_break_before == Some(true) {
            out.push(Item::PageBreak);
        }
        out.push(Item::Para(ParaItem {
            class,
            marker,
            num_id: num.map(|(id, _)| id),
            indent,
            style_indent,
            content,
            run_in,
            header_row,
            spaced: props.line_spacing.and_then(|s| s.before).unwrap_or(0) > 0,
            align: match props.alignment.as_deref() {
                Some("left" | "start") => crate::doc::Align::Left,
                Some("center") => crate::doc::Align::Center,
                Some("right" | "end") => crate::doc::Align::Right,
                _ => crate::doc::Align::None,
            },
        }));
        if break_after {
            out.push(Item::PageBreak);
        }
        self.body(boxes, out);
    }

    /// A table: rows of cells, a cell's paragraphs joined by line breaks.
    fn table(&mut self, t: model::Table) -> Block {
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        // The alignment of each cell with text, by row and column.
        let mut aligns: Vec<Vec<Option<crate::doc::Align>>> = Vec::new();
        let mut header_marked = false;
        let mut first_bold = true;
        for (r, row) in t.rows.into_iter().enumerate() {
            let model::TableRow::TableRow(row) = row else {
                continue;
            };
            let mut cells = Vec::new();
            let mut row_aligns = Vec::new();
            for cell in row.cells {
                let model::TableCell::TableCell(cell) = cell else {
                    continue;
                };
                let mut items = Vec::new();
                let merged = cell.property.vertical_merge.as_deref() == Some("continue");
                self.body(cell.children, &mut items);
                let mut content: Vec<Inline> = Vec::new();
                let mut all_bold = true;
                let mut align = None;
                for item in items {
                    let p = match item {
                        Item::Para(p) => p,
                        // A table in a cell (the tree's cells hold inlines): its rows as
                        // lines, its cells apart by a space.
                        Item::Block(Block::Table(inner)) => {
                            for row in std::iter::once(&inner.header)
                                .filter(|h| !h.is_empty())
                                .chain(&inner.rows)
                            {
                                let mut line: Vec<Inline> = Vec::new();
                                for cell in row.iter().filter(|c| !c.is_empty()) {
                                    if !line.is_empty() {
                                        line.push(Inline::text(" "));
                                    }
                                    line.extend(cell.iter().cloned());
                                }
                                if line.is_empty() {
                                    continue;
                                }
                                if !content.is_empty() {
                                    content.push(Inline::HardBreak);
                                }
                                content.extend(line);
                            }
                            all_bold = false;
                            continue;
                        }
                        _ => continue,
                    };
                    align = align.or(Some(p.align));
                    header_marked |= r == 0 && p.header_row;
                    let mut c = trimmed(&p.content);
                    if let Some((Marker::Label(label), _)) = &p.marker {
                        c.insert(0, Inline::text(label.clone()));
                    }
                    if c.is_empty() {
                        continue;
                    }
                    all_bold &= p.class == Class::TableHeading
                        || c.iter().all(|i| matches!(i, Inline::Strong { .. }));
                    if !content.is_empty() {
                        content.push(Inline::HardBreak);
                    }
                    content.extend(c);
                }
                if merged {
                    content.clear();
                }
                if r == 0 && !content.is_empty() {
                    first_bold &= all_bold;
                }
                let span = cell.property.grid_span.unwrap_or(1).clamp(1, 64);
                row_aligns.push(if content.is_empty() { None } else { align });
                cells.push(content);
                for _ in 1..span {
                    cells.push(Vec::new());
                    row_aligns.push(None);
                }
            }
            rows.push(cells);
            aligns.push(row_aligns);
        }
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            row.resize(columns, Vec::new());
        }
        let has_header = rows.len() > 1 && (header_marked || first_bold);
        let header = if has_header {
            let mut h = rows.remove(0);
            // A bold header's cells: their text, the bold being the header's.
            for cell in &mut h {
                if cell.iter().all(|i| matches!(i, Inline::Strong { .. })) {
                    *cell = std::mem::take(cell)
                        .into_iter()
                        .flat_map(|i| match i {
                            Inline::Strong { content } => content,
                            other => vec![other],
                        })
                        .collect();
                }
            }
            h
        } else {
            Vec::new()
        };
        // A column's alignment is its cells' when they all agree.
        let aligns = (0..columns)
            .map(|c| {
                let mut seen = aligns.iter().filter_map(|r| r.get(c).copied().flatten());
                let first = seen.next().unwrap_or_default();
                if seen.all(|a| a == first) {
                    first
                } else {
                    crate::doc::Align::None
                }
            })
            .collect();
        Block::Table(Table {
            aligns,
            header,
            rows,
        })
    }

    /// The title block at the start: Title, Subtitle, Author and Date paragraphs (empty
    /// paragraphs between them aside) → the metadata.
    fn title_block(&mut self, items: &mut Vec<Item>, meta: &mut Meta) {
        let mut taken = 0;
        for (i, item) in items.iter().enumerate() {
            let Item::Para(p) = item else { break };
            let text = meta_text(&p.content);
            match p.class {
                Class::Title if meta.title.is_none() => meta.title = Some(text),
                Class::Subtitle if meta.subtitle.is_none() => meta.subtitle = Some(text),
                // An Author paragraph each (pandoc), or several in one.
                Class::Author => {
                    meta.authors.extend(
                        text.split(['　', ';', '；'])
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned),
                    );
                }
                Class::Date if meta.date.is_none() => meta.date = Some(text),
                _ if text.is_empty() && p.content.is_empty() => continue,
                _ => break,
            }
            taken = i + 1;
        }
        items.drain(..taken);
    }

    /// Items → blocks, Word's structure as it is.
    fn blocks(&mut self, items: Vec<Item>, preformatted: bool) -> Vec<Block> {
        let mut b = Builder::default();
        for item in items {
            self.build(&mut b, item, preformatted);
        }
        b.finish()
    }

    fn build(&mut self, b: &mut Builder, item: Item, preformatted: bool) {
        match item {
            Item::PageBreak => b.block(Block::PageBreak),
            Item::Block(block) => b.block(block),
            Item::Para(p) => b.para(p, preformatted),
        }
    }

    /// Items → blocks through the plain-text rules (a draft): every body paragraph is a
    /// line; everything else is kept as Word has it, standing where it is.
    fn inferred(
        &mut self,
        items: Vec<Item>,
        zh: bool,
        preformatted: bool,
    ) -> (Option<String>, Vec<Block>) {
        // Lines: body paragraphs as text; runs of other items as one fixed line each.
        let mut texts: Vec<String> = Vec::new();
        let mut rich: Vec<Vec<Inline>> = Vec::new();
        let mut fixed: Vec<bool> = Vec::new();
        let mut groups: HashMap<usize, Vec<Block>> = HashMap::new();
        let mut pending = Builder::default();
        let flush = |pending: &mut Builder,
                     texts: &mut Vec<String>,
                     rich: &mut Vec<Vec<Inline>>,
                     fixed: &mut Vec<bool>,
                     groups: &mut HashMap<usize, Vec<Block>>| {
            let blocks = std::mem::take(pending).finish();
            if !blocks.is_empty() {
                groups.insert(texts.len(), blocks);
                texts.push(String::new());
                rich.push(Vec::new());
                fixed.push(true);
            }
        };
        for item in items {
            let plain = match &item {
                Item::Para(p) => {
                    let body = p.class == Class::Normal
                        || (p.class == Class::Preformatted && preformatted);
                    let listed =
                        matches!(p.marker, Some((Marker::Bullet(_) | Marker::Ordered(_), _)));
                    let figure = figure_image(&p.content).is_some();
                    body && !listed && !figure && p.run_in.is_none()
                }
                _ => false,
            };
            if !plain {
                self.build(&mut pending, item, preformatted);
                continue;
            }
            flush(&mut pending, &mut texts, &mut rich, &mut fixed, &mut groups);
            let Item::Para(p) = item else { continue };
            let mut content = p.content;
            if let Some((Marker::Label(label), _)) = p.marker {
                content.insert(0, Inline::text(label));
            }
            // Indentation (spaces, tabs, U+3000) and trailing white space are dropped.
            let text = flat(&content);
            let start = text.len() - text.trim_start_matches(crate::read::text::is_indent).len();
            let end = text.trim_end().len().max(start);
            let line = slice(&content, start..end);
            texts.push(flat(&line));
            rich.push(line);
            fixed.push(false);
        }
        flush(&mut pending, &mut texts, &mut rich, &mut fixed, &mut groups);
        let lines: Vec<Line> = texts
            .iter()
            .map(|t| Line {
                indent: 0,
                text: t.as_str(),
            })
            .collect();
        let mut source = Rich { rich, groups };
        let (title, mut blocks) = read_paragraphs(&lines, &fixed, zh, &mut source);
        // A heading typed in bold: the bold was the typist's way to make it a heading.
        for b in &mut blocks {
            if let Block::Heading(h) = b {
                if let [Inline::Strong { content }] = h.content.as_mut_slice() {
                    h.content = std::mem::take(content);
                }
            }
        }
        (title, blocks)
    }

    /// The label of note `id` of `kind` (`f` footnote, `e` endnote), numbering it at its
    /// first reference.
    pub fn note_label(&mut self, kind: &str, id: &str) -> Option<String> {
        if !matches!(kind, "f" | "e") || id.is_empty() {
            return None;
        }
        let key = (kind.to_string(), id.to_string());
        if let Some(label) = self.note_labels.get(&key) {
            return Some(label.clone());
        }
        let label = (self.note_labels.len() + 1).to_string();
        self.note_labels.insert(key, label.clone());
        self.note_queue
            .push((kind.to_string(), id.to_string(), label.clone()));
        Some(label)
    }

    /// The notes referred to, as footnote definitions, in the order of their labels.
    fn notes(
        &mut self,
        footnotes: &Option<String>,
        endnotes: &Option<String>,
    ) -> Result<Vec<Block>, ReadError> {
        let mut parts: HashMap<&str, HashMap<String, String>> = HashMap::new();
        for (kind, part) in [("f", footnotes), ("e", endnotes)] {
            let Some(part) = part else { continue };
            let Some(xml) = self.pkg.text(part)? else {
                continue;
            };
            let notes = package::split_notes(part, &xml)?;
            parts.insert(kind, notes.into_iter().collect());
            let rels = self.pkg.rels(part)?;
            // Pictures and links in notes: their relationships join the document's.
            for (id, rel) in rels {
                self.rels.entry(id).or_insert(rel);
            }
        }
        let mut defs = Vec::new();
        let mut done = 0;
        while done < self.note_queue.len() {
            let (kind, id, label) = self.note_queue[done].clone();
            done += 1;
            let part = if kind == "f" { footnotes } else { endnotes };
            let part = part.as_deref().unwrap_or("word/footnotes.xml");
            let Some(xml) = parts.get(kind.as_str()).and_then(|n| n.get(&id)) else {
                self.diag
                    .warn(format!("note {id} is referred to but not in {part}"));
                continue;
            };
            let prepared = package::prepare(part, xml)?;
            for (k, v) in prepared.note_bookmarks {
                self.note_bookmarks.entry(k).or_insert(v);
            }
            let body: model::Body = docx_part(part, prepared.xml.as_bytes(), |b| {
                docx_rs::Document::from_xml(b)
            })?;
            let mut items = Vec::new();
            self.body(body.children, &mut items);
            let blocks = self.blocks(items, false);
            defs.push(Block::FootnoteDef(FootnoteDef { label, blocks }));
        }
        Ok(defs)
    }

    /// The picture of relationship `rid`: its media part read into the tree once.
    pub fn image(&mut self, rid: &str) -> Option<Image> {
        let rel = self.rels.get(rid)?.clone();
        if rel.external {
            return Some(Image {
                url: rel.target,
                title: String::new(),
                alt: Vec::new(),
                size: ImageSize::default(),
            });
        }
        let name = rel.target.rsplit('/').next().unwrap_or(&rel.target);
        let url = format!("media/{name}");
        if !self.media.contains_key(&url) {
            match self
                .pkg
                .part_limited(&rel.target, crate::resource::MAX_RESOURCE_BYTES)
            {
                Ok(Some(bytes)) => {
                    self.media.insert(url.clone(), bytes);
                }
                Ok(None) => {
                    self.diag.warn(format!(
                        "picture {} is missing from the package; its alt text is shown instead",
                        rel.target
                    ));
                }
                Err(e) => {
                    self.diag.warn(format!(
                        "picture {}: {e}; its alt text is shown instead",
                        rel.target
                    ));
                }
            }
        }
        Some(Image {
            url,
            title: String::new(),
            alt: Vec::new(),
            size: ImageSize::default(),
        })
    }

    /// Whether `docProps/app.xml` names cjkdoc as the application (a damaged or missing
    /// part says no: nothing else is read from it).
    fn written_by_cjkdoc(&mut self) -> bool {
        let name = "docProps/app.xml";
        let Ok(Some(xml)) = self.pkg.text(name) else {
            return false;
        };
        package::core_properties(name, &xml).is_ok_and(|props| {
            props
                .iter()
                .any(|(k, v)| k == "Application" && v.starts_with("cjkdoc"))
        })
    }

    /// Title, authors, subject and keywords from `docProps/core.xml`, where the body
    /// gave none.
    fn core_properties(&mut self, meta: &mut Meta) -> Result<(), ReadError> {
        let name = "docProps/core.xml";
        let Some(xml) = self.pkg.text(name)? else {
            return Ok(());
        };
        for (key, value) in package::core_properties(name, &xml)? {
            match key.as_str() {
                "title" if meta.title.is_none() => meta.title = Some(value),
                "creator" if meta.authors.is_empty() => {
                    meta.authors = value
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                "subject" if meta.subtitle.as_deref() != Some(value.as_str()) => {
                    meta.extra
                        .insert("subject".into(), crate::doc::MetaValue::String(value));
                }
                "keywords" if meta.keywords.is_empty() => {
                    meta.keywords = value
                        .split([',', ';', '，', '；', '、'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                "language" => meta.lang = Some(value),
                _ => {}
            }
        }
        Ok(())
    }

    /// The language: the one declared (core properties, else the styles' default
    /// `w:lang`) unless the text says otherwise — the declared language is often only the
    /// typist's locale (LibreOffice writes `en-US` into a Chinese file), so a text that is
    /// mostly Chinese is Chinese (the styles' East Asian language, if Chinese, else
    /// `zh-CN`); no language when neither says.
    fn language(
        &mut self,
        meta: &mut Meta,
        styles: Option<&str>,
        blocks: &[Block],
    ) -> Result<(), ReadError> {
        let text: String = blocks.iter().map(crate::doc::block_text).collect();
        let guessed = crate::read::text::guess_lang(&text);
        let (latin, east_asian) = match styles {
            Some(part) => match self.pkg.text(part)? {
                Some(xml) => package::default_langs(part, &xml)?,
                None => (None, None),
            },
            None => (None, None),
        };
        let declared = meta.lang.take().or(latin);
        let chinese = |l: &Option<String>| l.as_ref().filter(|l| l.starts_with("zh")).cloned();
        meta.lang = match guessed {
            Some("zh-CN") => chinese(&declared)
                .or_else(|| chinese(&east_asian))
                .or(Some("zh-CN".into())),
            _ => declared.or(guessed.map(str::to_owned)),
        };
        Ok(())
    }
}

/// The picture of a paragraph that holds nothing else (a figure).
fn figure_image(content: &[Inline]) -> Option<&Image> {
    let mut image = None;
    for i in content {
        match i {
            Inline::Image(img) if image.is_none() => image = Some(img),
            Inline::Text { text } if text.trim().is_empty() => {}
            _ => return None,
        }
    }
    image
}

/// The inference's view of the lines: rich inlines per line, and the fixed groups.
struct Rich {
    rich: Vec<Vec<Inline>>,
    groups: HashMap<usize, Vec<Block>>,
}

impl Source for Rich {
    fn inlines(&mut self, line: usize, range: std::ops::Range<usize>, _: &str) -> Vec<Inline> {
        let content = self.rich.get(line).map_or(&[][..], Vec::as_slice);
        linkify(slice(content, range))
    }

    fn fixed(&mut self, line: usize) -> Vec<Block> {
        self.groups.remove(&line).unwrap_or_default()
    }
}

/// Quoted blocks with their quoting levels (0 the outermost) → the blocks of a quote at
/// `level`, deeper ones nested.
fn nest_quotes(blocks: Vec<(usize, Block)>, level: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut deeper = Vec::new();
    for (l, b) in blocks {
        if l > level {
            deeper.push((l, b));
            continue;
        }
        if !deeper.is_empty() {
            let inner = nest_quotes(std::mem::take(&mut deeper), level + 1);
            out.push(Block::BlockQuote { blocks: inner });
        }
        out.push(b);
    }
    if !deeper.is_empty() {
        let inner = nest_quotes(deeper, level + 1);
        out.push(Block::BlockQuote { blocks: inner });
    }
    out
}

/// An open list while blocks are built.
struct OpenList {
    indent: i32,
    kind: ListKind,
    items: Vec<ListItem>,
    /// The number the next item continues with (ordered lists).
    next: u64,
    /// The numbering instance of its bullets (not task boxes).
    bullets: Option<usize>,
    /// An item after the first has space above it.
    loose: bool,
}

/// A list item as its paragraph gives it.
struct NewItem {
    indent: i32,
    kind: ListKind,
    task: Option<bool>,
    /// Its number (ordered lists).
    n: u64,
    num: Option<usize>,
}

/// Gathers blocks: lists nested by indent, code and quote paragraphs joined, captions
/// put under their figures.
#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    lists: Vec<OpenList>,
    code: Option<String>,
    /// The open code block is one paragraph of several lines.
    code_whole: bool,
    /// The paragraphs of an open quote, with their indents, and the indent of one level.
    quote: Vec<(i32, Block)>,
    quote_step: i32,
}

impl Builder {
    /// Add a block that is not part of a list.
    fn block(&mut self, b: Block) {
        self.end_code();
        self.end_quote();
        self.close_lists();
        self.out.push(b);
    }

    /// End an open code block.
    fn end_code(&mut self) {
        if let Some(text) = self.code.take() {
            let target = self.target();
            target.push(Block::CodeBlock(CodeBlock {
                info: None,
                text: text + "\n",
            }));
        }
    }

    /// End an open block quote.
    fn end_quote(&mut self) {
        if !self.quote.is_empty() {
            let quote = std::mem::take(&mut self.quote);
            let base = quote.iter().map(|(i, _)| *i).min().unwrap_or(0);
            let step = self.quote_step.max(INDENT_SLACK + 1);
            let levelled = quote
                .into_iter()
                .map(|(i, b)| (((i - base + step / 2) / step) as usize, b))
                .collect();
            let blocks = nest_quotes(levelled, 0);
            self.target().push(Block::BlockQuote { blocks });
        }
    }

    /// Where a block goes: the last item of the innermost open list, else the body.
    fn target(&mut self) -> &mut Vec<Block> {
        match self.lists.last_mut().and_then(|l| l.items.last_mut()) {
            Some(item) => &mut item.blocks,
            None => &mut self.out,
        }
    }

    /// Close lists indented deeper than `indent` (all with `None`).
    fn close_to(&mut self, indent: Option<i32>) {
        while let Some(top) = self.lists.last() {
            if indent.is_some_and(|i| top.indent <= i + INDENT_SLACK) {
                break;
            }
            self.close_top();
        }
    }

    /// Close the innermost open list: it becomes a block where it stands.
    fn close_top(&mut self) {
        let l = self.lists.pop().expect("a list is open");
        let block = Block::List(List {
            kind: l.kind,
            tight: !l.loose,
            items: l.items,
        });
        self.target().push(block);
    }

    fn close_lists(&mut self) {
        self.close_to(None);
    }

    fn para(&mut self, p: ParaItem, preformatted: bool) {
        let content = trimmed(&p.content);
        let item_kind = match &p.marker {
            Some((Marker::Bullet(task), _)) => Some((ListKind::Bullet, *task, 0)),
            Some((Marker::Ordered(n), _)) => Some((ListKind::Ordered { start: *n }, None, *n)),
            _ => None,
        };
        if let Some((kind, task, n)) = item_kind {
            if !matches!(p.class, Class::Heading(_)) {
                self.end_code();
                self.end_quote();
                let item = NewItem {
                    indent: p.indent,
                    kind,
                    task,
                    n,
                    num: p.num_id,
                };
                self.item(item, content, p.spaced);
                return;
            }
        }
        let is_code = p.class == Class::Code || (p.class == Class::Preformatted && !preformatted);
        if !is_code {
            self.end_code();
        }
        if p.class != Class::Quote {
            self.end_quote();
        }
        // A paragraph indented under an open list continues its last item (a quote's
        // own indent aside).
        let outer = if p.class == Class::Quote {
            p.indent - p.style_indent
        } else {
            p.indent
        };
        let in_item = self
            .lists
            .last()
            .is_some_and(|l| outer > 0 && outer + INDENT_SLACK >= l.indent);
        if in_item {
            // A quote open in a deeper item ends with it.
            if self
                .lists
                .last()
                .is_some_and(|l| l.indent > outer + INDENT_SLACK)
            {
                self.end_quote();
            }
            self.close_to(Some(outer));
        } else {
            // A quote open in an item ends with the list.
            if !self.lists.is_empty() {
                self.end_quote();
            }
            self.end_code_outside_lists(is_code);
            self.close_lists();
        }
        let label = match p.marker {
            Some((Marker::Label(l), _)) if !l.is_empty() => Some(l),
            Some((Marker::Ordered(n), _)) if matches!(p.class, Class::Heading(_)) => {
                Some(format!("{n}. "))
            }
            _ => None,
        };
        match p.class {
            Class::Code | Class::Preformatted if p.class == Class::Code || !preformatted => {
                // A paragraph a line (LibreOffice, Word users) joins the lines before
                // it; a paragraph of several lines is a code block of its own (cjkdoc,
                // pandoc).
                let text = flat(&p.content);
                let whole = text.contains('\n');
                if whole || self.code_whole {
                    self.end_code();
                }
                self.code_whole = whole;
                match &mut self.code {
                    Some(code) => {
                        code.push('\n');
                        code.push_str(&text);
                    }
                    None => self.code = Some(text),
                }
            }
            Class::Contents => {}
            Class::Rule => self.target().push(Block::ThematicBreak),
            Class::Heading(level) => {
                if content.is_empty() {
                    return;
                }
                self.target().push(Block::Heading(Heading {
                    level,
                    label,
                    content,
                    run_in: false,
                }));
            }
            Class::Caption => {
                let target = self.target();
                match target.last_mut() {
                    // A caption set apart (space above of its own) is not its figure's:
                    // cjkdoc writes a picture it could not read so, as its alt text.
                    Some(Block::Figure(f)) if f.caption.is_empty() && !p.spaced => {
                        f.caption = content;
                    }
                    _ if !content.is_empty() => target.push(Block::Paragraph(Para::body(content))),
                    _ => {}
                }
            }
            class => {
                if let Some(image) = figure_image(&content) {
                    let image = image.clone();
                    self.target().push(Block::Figure(Figure {
                        image,
                        caption: Vec::new(),
                    }));
                    return;
                }
                let mut content = content;
                if let Some(l) = label {
                    content.insert(0, Inline::text(l));
                }
                if let Some((level, lead)) = p.run_in {
                    self.target().push(Block::Heading(Heading {
                        level,
                        label: None,
                        content: trimmed(&lead),
                        run_in: true,
                    }));
                }
                if content.is_empty() {
                    return;
                }
                let role = match class {
                    Class::Role(r) => r,
                    Class::Date => ParagraphRole::Date,
                    _ => ParagraphRole::Body,
                };
                let para = Block::Paragraph(Para { role, content });
                if class == Class::Quote {
                    if p.style_indent > 0 {
                        self.quote_step = p.style_indent;
                    }
                    self.quote.push((p.indent, para));
                } else {
                    self.target().push(para);
                }
            }
        }
    }

    /// A list item.
    fn item(&mut self, item: NewItem, content: Vec<Inline>, spaced: bool) {
        let NewItem {
            indent,
            kind,
            task,
            n,
            num,
        } = item;
        // Task boxes from the numbering have numbering instances of their own.
        let boxed = task.is_some();
        let mut task = task;
        // A box typed before the text (pandoc writes task items so): a task item.
        let mut content = content;
        if task.is_none() && kind == ListKind::Bullet {
            let text = flat(&content);
            let done = match text.chars().next() {
                Some('☐') => Some(false),
                Some('☒' | '☑') => Some(true),
                _ => None,
            };
            if let Some(done) = done {
                let rest = text.len() - text[3..].trim_start().len();
                content = slice(&content, rest..text.len());
                task = Some(done);
            }
        }
        self.close_to(Some(indent));
        let same = |l: &OpenList| {
            (l.indent - indent).abs() <= INDENT_SLACK
                && std::mem::discriminant(&l.kind) == std::mem::discriminant(&kind)
                && match l.kind {
                    ListKind::Bullet => boxed || l.bullets.is_none() || l.bullets == num,
                    ListKind::Ordered { .. } => l.next == n,
                }
        };
        match self.lists.last() {
            Some(top) if same(top) => {}
            Some(top) if (top.indent - indent).abs() <= INDENT_SLACK => {
                // Another kind of list at the same level: the open one ends.
                self.close_top();
                self.open(indent, kind);
            }
            _ => self.open(indent, kind),
        }
        let top = self.lists.last_mut().expect("a list is open");
        top.next = n + 1;
        if !boxed && top.bullets.is_none() {
            top.bullets = num;
        }
        top.loose |= spaced && !top.items.is_empty();
        let blocks = if content.is_empty() {
            Vec::new()
        } else {
            vec![Block::Paragraph(Para::body(content))]
        };
        top.items.push(ListItem { task, blocks });
    }

    fn open(&mut self, indent: i32, kind: ListKind) {
        self.lists.push(OpenList {
            indent,
            kind,
            items: Vec::new(),
            next: 0,
            bullets: None,
            loose: false,
        });
    }

    /// A code run that began inside a list item ends when a paragraph outside the list
    /// comes, even another code paragraph.
    fn end_code_outside_lists(&mut self, is_code: bool) {
        if is_code && !self.lists.is_empty() {
            self.end_code();
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_code();
        self.end_quote();
        self.close_lists();
        self.out
    }
}
