//! The body: `word/document.xml` and `word/footnotes.xml` from the tree's blocks and
//! inlines. Records, as it goes, the characters each face renders (for font subsetting),
//! the numbering instances, hyperlink and image relationships, and the media parts.

use super::embed::Usage;
use super::props::{Fonts, Ind, Jc, PPr, RPr};
use super::styles::{self, abs, id, Look, StyleDef};
use super::xml::{esc, is_cjk};
use crate::doc::{
    inlines_text, Align, Block, Document, Figure, Heading, Image, Inline, List, ListKind,
    ParagraphRole, Table,
};
use crate::fonts::Weight;
use crate::Diagnostics;
use std::collections::HashMap;
use std::fmt::Write as _;

/// A relationship from a part (document or footnotes) to a target.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    pub id: String,
    pub kind: &'static str,
    pub target: String,
    pub external: bool,
}

/// Relationship type URIs.
pub(crate) const REL_HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
/// Image relationship type.
pub(crate) const REL_IMAGE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// An image part.
pub(crate) struct Media {
    /// Part name under `word/`, e.g. `media/image1.png`.
    pub part: String,
    pub data: Vec<u8>,
}

/// Which part is being written (relationships are per part).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Document,
    Footnotes,
}

/// Inherited run formatting while walking inlines.
#[derive(Clone, Copy)]
struct Ctx {
    fonts: Fonts,
    /// Bold from the paragraph style.
    style_bold: bool,
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    link: bool,
    /// Direct size in half-points (the lead of a run-in heading).
    size: Option<u32>,
    /// The paragraph holds Chinese text (quotes get `w:hint="eastAsia"`; emphasis becomes
    /// emphasis dots instead of a synthetic slant).
    cjk: bool,
}

/// One top-level piece of the body: a paragraph built with docx-rs, or WordprocessingML
/// this module writes itself (blocks docx-rs cannot express; see `mod.rs`).
pub(crate) enum Piece {
    Rs(Box<docx_rs::Paragraph>),
    Xml(String),
}

/// The body writer.
pub(crate) struct Body<'d, 'x> {
    look: &'x Look,
    defs: &'x [StyleDef],
    diag: &'x mut Diagnostics,
    /// Characters per face.
    pub usage: Usage,
    /// `(abstractNumId, ilvl, start)` per `w:num`, numId = index + `styles::FIRST_NUM_ID`.
    pub nums: Vec<(u32, u32, Option<u64>)>,
    task_nums: [Option<u32>; 2],
    /// Footnote XML (`<w:footnote>` elements), ids from 1.
    pub footnotes: Vec<String>,
    notes: HashMap<&'d str, &'d [Block]>,
    referenced: std::collections::HashSet<String>,
    pub doc_rels: Vec<Rel>,
    pub note_rels: Vec<Rel>,
    pub media: Vec<Media>,
    media_by_url: HashMap<String, (usize, u32, u32)>,
    part: Part,
    docpr: u32,
    quote_depth: usize,
    /// Inside a footnote: Body paragraphs use the footnote text style; the first one
    /// starts with the footnote mark.
    in_note: bool,
    note_mark_pending: bool,
    /// Drawing id, alt text and file name of each image docx-rs writes, in document order
    /// (docx-rs numbers every `wp:docPr` 1 and has no alt text; `post.rs` patches them).
    pub rs_pics: Vec<(u32, String, String)>,
    /// The footnote id of each footnote reference docx-rs writes, in document order.
    pub rs_notes: Vec<usize>,
    /// Text width in EMU (images are scaled down to it).
    text_width_emu: i64,
    /// Relative image paths are resolved against this directory.
    base_dir: Option<&'x std::path::Path>,
    /// Text width in twips (table columns).
    pub text_width_twips: i64,
}

impl<'d, 'x> Body<'d, 'x> {
    pub fn new(
        look: &'x Look,
        defs: &'x [StyleDef],
        diag: &'x mut Diagnostics,
        text_width_pt: f32,
        base_dir: Option<&'x std::path::Path>,
    ) -> Self {
        Body {
            base_dir,
            look,
            defs,
            diag,
            usage: Usage::new(),
            nums: Vec::new(),
            task_nums: [None, None],
            footnotes: Vec::new(),
            notes: HashMap::new(),
            referenced: Default::default(),
            doc_rels: Vec::new(),
            note_rels: Vec::new(),
            media: Vec::new(),
            media_by_url: HashMap::new(),
            part: Part::Document,
            docpr: 0,
            quote_depth: 0,
            in_note: false,
            note_mark_pending: false,
            rs_pics: Vec::new(),
            rs_notes: Vec::new(),
            text_width_emu: (text_width_pt * 12700.0) as i64,
            text_width_twips: (text_width_pt * 20.0) as i64,
        }
    }

    /// Record that `chars` are set in `fonts` (both slots: which one Word picks per
    /// character depends on its script).
    fn used(&mut self, fonts: Fonts, bold: bool, text: &str) {
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        for family in [fonts.latin, fonts.cjk] {
            let set = self.usage.entry((family, weight)).or_default();
            set.extend(text.chars().filter(|c| !c.is_control()));
        }
    }

    /// Record characters set outside the runs (footer, list labels), only for faces the
    /// text already uses, plus the regular body face.
    pub fn use_chars(&mut self, fonts: Fonts, weight: Weight, chars: &str) {
        for family in [fonts.latin, fonts.cjk] {
            if weight == Weight::Regular || self.usage.contains_key(&(family, weight)) {
                self.usage
                    .entry((family, weight))
                    .or_default()
                    .extend(chars.chars());
            }
        }
    }

    /// The whole document body (the `w:body` children, without `w:sectPr`): paragraphs
    /// that docx-rs can express as docx-rs paragraphs, the rest as XML.
    pub fn document(&mut self, doc: &'d Document, toc: bool) -> Vec<Piece> {
        collect_notes(&doc.blocks, &mut self.notes);
        let mut title = Vec::new();
        self.title_block(&mut title, doc);
        let mut pieces: Vec<Piece> = title.into_iter().map(|p| Piece::Rs(Box::new(p))).collect();
        if toc {
            let mut out = String::new();
            self.toc(&mut out);
            pieces.push(Piece::Xml(out));
        }
        let blocks = &doc.blocks;
        let mut i = 0;
        while i < blocks.len() {
            match (&blocks[i], blocks.get(i + 1)) {
                (Block::Heading(h), Some(Block::Paragraph(p))) if h.run_in => {
                    match self.rs_run_in(h, p.role, &p.content) {
                        Some((lead, body)) => {
                            pieces.push(Piece::Rs(Box::new(lead)));
                            pieces.push(Piece::Rs(Box::new(body)));
                        }
                        None => {
                            let mut x = String::new();
                            self.run_in(&mut x, h, p.role, &p.content);
                            pieces.push(Piece::Xml(x));
                        }
                    }
                    i += 2;
                    continue;
                }
                (block, _) if rs_block_ok(block) => {
                    let mut ps = Vec::new();
                    self.rs_block(&mut ps, block);
                    pieces.extend(ps.into_iter().map(|p| Piece::Rs(Box::new(p))));
                }
                (block, _) => {
                    let mut x = String::new();
                    self.block(&mut x, block);
                    if !x.is_empty() {
                        pieces.push(Piece::Xml(x));
                    }
                }
            }
            i += 1;
        }
        if pieces.is_empty() {
            // Word wants at least one paragraph in the body.
            pieces.push(Piece::Xml("<w:p/>".into()));
        }
        let mut unused: Vec<&str> = self
            .notes
            .keys()
            .copied()
            .filter(|l| !self.referenced.contains(*l))
            .collect();
        unused.sort_unstable();
        for label in unused {
            self.diag
                .warn(format!("footnote [^{label}] is never referenced; dropped"));
        }
        pieces
    }

    /// A block as docx-rs paragraphs; the caller checked [`rs_block_ok`].
    fn rs_block(&mut self, out: &mut Vec<docx_rs::Paragraph>, block: &'d Block) {
        let p = match block {
            Block::Heading(h) => {
                let mut content = Vec::new();
                if let Some(l) = &h.label {
                    content.push(Inline::text(l.clone()));
                }
                content.extend(h.content.iter().cloned());
                self.rs_para(PPr::styled(&styles::heading_id(h.level)), &content)
            }
            Block::Paragraph(p) => {
                let style = self.role_style(p.role);
                self.rs_para(PPr::styled(style), &p.content)
            }
            Block::CodeBlock(c) => {
                let text = c.text.strip_suffix('\n').unwrap_or(&c.text);
                let content = [Inline::Code {
                    text: text.to_string(),
                }];
                self.rs_para(PPr::styled(id::CODE), &content)
            }
            Block::PageBreak => Some(
                docx_rs::Paragraph::new()
                    .add_run(docx_rs::Run::new().add_break(docx_rs::BreakType::Page)),
            ),
            Block::ThematicBreak => Some(docx_rs::Paragraph::new().style(id::RULE)),
            Block::BlockQuote { blocks } => {
                self.quote_depth += 1;
                for b in blocks {
                    self.rs_block(out, b);
                }
                self.quote_depth -= 1;
                None
            }
            Block::List(list) => {
                self.rs_list(out, list, 0);
                None
            }
            Block::Figure(f) => {
                let caption = if f.caption.is_empty() {
                    &f.image.alt
                } else {
                    &f.caption
                };
                let found = match self.place_image(&f.image) {
                    Some(p) => {
                        let run = docx_rs::Run::new().add_image(self.rs_pic(p));
                        out.push(docx_rs::Paragraph::new().style(id::FIGURE).add_run(run));
                        true
                    }
                    None => {
                        out.extend(self.rs_para(PPr::styled(id::FIGURE), &f.image.alt));
                        false
                    }
                };
                // Without the image, the alt text already stands in its place.
                (!caption.is_empty() && (found || !f.caption.is_empty()))
                    .then(|| self.rs_para(PPr::styled(id::CAPTION), caption))
                    .flatten()
            }
            _ => None,
        };
        out.extend(p);
    }

    /// [`Body::list`] through docx-rs (tight lists only; see [`rs_block_ok`]). The numbering definitions stay in this module's numbering.xml.
    fn rs_list(&mut self, out: &mut Vec<docx_rs::Paragraph>, list: &'d List, depth: u32) {
        let depth = depth.min(8);
        let num = match list.kind {
            ListKind::Bullet => self.new_num(abs::BULLET, depth, None),
            ListKind::Ordered { start } => self.new_num(abs::ORDERED, depth, Some(start)),
        };
        let step = self.look.list_step();
        for item in &list.items {
            let num = match item.task {
                None => num,
                Some(done) => self.task_num(done),
            };
            let mut numbered = false;
            for b in &item.blocks {
                match b {
                    Block::Paragraph(p) => {
                        let mut ppr = PPr::styled(id::LIST);
                        if numbered {
                            ppr.ind = Some(Ind {
                                left: Some(step * (depth as i32 + 1)),
                                ..Ind::default()
                            });
                        } else {
                            ppr.num = Some((depth, num));
                            numbered = true;
                        }
                        out.extend(self.rs_para(ppr, &p.content));
                    }
                    Block::List(inner) => {
                        if !numbered {
                            let mut ppr = PPr::styled(id::LIST);
                            ppr.num = Some((depth, num));
                            out.extend(self.rs_para(ppr, &[]));
                            numbered = true;
                        }
                        self.rs_list(out, inner, depth + 1);
                    }
                    other => {
                        if !numbered {
                            let mut ppr = PPr::styled(id::LIST);
                            ppr.num = Some((depth, num));
                            out.extend(self.rs_para(ppr, &[]));
                            numbered = true;
                        }
                        self.rs_block(out, other);
                    }
                }
            }
            if !numbered {
                let mut ppr = PPr::styled(id::LIST);
                ppr.num = Some((depth, num));
                out.extend(self.rs_para(ppr, &[]));
            }
        }
    }

    /// [`Body::run_in`] through docx-rs.
    fn rs_run_in(
        &mut self,
        h: &Heading,
        role: ParagraphRole,
        body: &[Inline],
    ) -> Option<(docx_rs::Paragraph, docx_rs::Paragraph)> {
        if !(rs_inlines_ok(&h.content) && rs_inlines_ok(body)) {
            return None;
        }
        let mut content = Vec::new();
        if let Some(l) = &h.label {
            content.push(Inline::text(l.clone()));
        }
        content.extend(h.content.iter().cloned());
        let size = Look::hp(self.look.body_pt);
        let ppr = PPr::styled(&styles::heading_id(h.level));
        let ind = self.look.body_ind();
        // w:firstLineChars is added in the post-pass (docx-rs does not write it).
        let lead = self
            .rs_para_sized(ppr, &content, Some(size))?
            .line_spacing(docx_rs::LineSpacing::new().before(0).after(0))
            .indent(
                None,
                Some(docx_rs::SpecialIndentType::FirstLine(
                    ind.first_line.unwrap_or(0),
                )),
                None,
                None,
            )
            .align(docx_rs::AlignmentType::Both)
            .run_property(
                docx_rs::RunProperty::new()
                    .vanish()
                    .spec_vanish()
                    .size(size as usize),
            );
        let body = self.rs_para(PPr::styled(self.role_style(role)), body)?;
        Some((lead, body))
    }

    fn rs_para(&mut self, ppr: PPr, content: &[Inline]) -> Option<docx_rs::Paragraph> {
        self.rs_para_sized(ppr, content, None)
    }

    /// One paragraph with its runs and external hyperlinks through docx-rs; `None` when
    /// the content holds something docx-rs cannot write (see [`rs_inlines_ok`]).
    fn rs_para_sized(
        &mut self,
        ppr: PPr,
        content: &[Inline],
        size: Option<u32>,
    ) -> Option<docx_rs::Paragraph> {
        if !rs_inlines_ok(content) {
            return None;
        }
        let style = ppr.style.clone().unwrap_or_else(|| id::NORMAL.to_string());
        let (fonts, bold) = styles::resolve(self.defs, self.look, &style);
        let ctx = Ctx {
            fonts,
            style_bold: bold,
            bold: false,
            italic: false,
            strike: false,
            code: false,
            link: false,
            size,
            cjk: inlines_text(content).chars().any(is_cjk),
        };
        let mut p = docx_rs::Paragraph::new();
        if style != id::NORMAL {
            p = p.style(&style);
        }
        if let Some((lvl, num)) = ppr.num {
            p = p.numbering(
                docx_rs::NumberingId::new(num as usize),
                docx_rs::IndentLevel::new(lvl as usize),
            );
        }
        if let Some(Ind {
            left: Some(left), ..
        }) = ppr.ind
        {
            p = p.indent(Some(left), None, None, None);
        }
        let mut items = Vec::new();
        self.rs_inlines(&mut items, content, ctx);
        for item in items {
            p = match item {
                RsItem::Run(r) => p.add_run(*r),
                RsItem::Link(l) => p.add_hyperlink(*l),
            };
        }
        Some(p)
    }

    fn rs_inlines(&mut self, items: &mut Vec<RsItem>, inlines: &[Inline], ctx: Ctx) {
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text { text } => self.rs_run(items, text, ctx),
                Inline::Emphasis { content } => self.rs_inlines(
                    items,
                    content,
                    Ctx {
                        italic: true,
                        ..ctx
                    },
                ),
                Inline::Strong { content } => {
                    self.rs_inlines(items, content, Ctx { bold: true, ..ctx })
                }
                Inline::Strikethrough { content } => self.rs_inlines(
                    items,
                    content,
                    Ctx {
                        strike: true,
                        ..ctx
                    },
                ),
                Inline::Code { text } => self.rs_run(items, text, Ctx { code: true, ..ctx }),
                Inline::Link { url, content, .. } => {
                    let mut runs = Vec::new();
                    let ctx = Ctx { link: true, ..ctx };
                    if content.is_empty() {
                        self.rs_run(&mut runs, url, ctx);
                    } else {
                        self.rs_inlines(&mut runs, content, ctx);
                    }
                    let mut link = match url.strip_prefix('#') {
                        Some(anchor) => {
                            docx_rs::Hyperlink::new(anchor, docx_rs::HyperlinkType::Anchor)
                        }
                        None => docx_rs::Hyperlink::new(url, docx_rs::HyperlinkType::External),
                    };
                    for r in runs {
                        if let RsItem::Run(r) = r {
                            link = link.add_run(*r);
                        }
                    }
                    items.push(RsItem::Link(Box::new(link)));
                }
                Inline::SoftBreak => {
                    let prev = i
                        .checked_sub(1)
                        .and_then(|j| inlines_text(&inlines[j..=j]).chars().last());
                    let next = inlines
                        .get(i + 1)
                        .and_then(|n| inlines_text(std::slice::from_ref(n)).chars().next());
                    let wide = |c: Option<char>| c.is_some_and(is_cjk);
                    if !(wide(prev) || wide(next)) {
                        self.rs_run(items, " ", ctx);
                    }
                }
                Inline::HardBreak => items.push(RsItem::Run(Box::new(
                    docx_rs::Run::new().add_break(docx_rs::BreakType::TextWrapping),
                ))),
                Inline::Image(image) => match self.place_image(image) {
                    Some(p) => {
                        let pic = self.rs_pic(p);
                        items.push(RsItem::Run(Box::new(docx_rs::Run::new().add_image(pic))));
                    }
                    None => self.rs_inlines(items, &image.alt, ctx),
                },
                // The reference run through docx-rs; the note itself is written here
                // (docx-rs footnotes hold only paragraphs and lack the w:footnoteRef
                // mark). post.rs replaces docx-rs's global-counter id with `id`.
                Inline::FootnoteRef { label } => match self.note(label) {
                    Some(id) => {
                        self.rs_notes.push(id);
                        // docx-rs eprintln!s a footnote without content when it writes
                        // its (discarded) footnotes.xml: give it an empty paragraph.
                        let note = docx_rs::Footnote::new().add_content(docx_rs::Paragraph::new());
                        items.push(RsItem::Run(Box::new(
                            docx_rs::Run::new().add_footnote_reference(note),
                        )));
                    }
                    None => self.rs_run(items, &format!("[^{label}]"), ctx),
                },
                // Excluded by rs_inlines_ok.
                Inline::Raw(_) => {}
            }
        }
    }

    /// A placed image as a docx-rs picture (its id, name and alt text are patched in by
    /// `post.rs`).
    fn rs_pic(&mut self, p: Placed) -> docx_rs::Pic {
        let data = self.media[p.index].data.clone();
        let pic = docx_rs::Pic::new_with_dimensions(data, p.px.0, p.px.1)
            .id(p.rid.clone())
            .size(p.cx as u32, p.cy as u32);
        self.rs_pics.push((p.n, p.alt, p.name));
        pic
    }

    /// [`Body::run`] through docx-rs.
    fn rs_run(&mut self, items: &mut Vec<RsItem>, text: &str, ctx: Ctx) {
        if text.is_empty() {
            return;
        }
        let fonts = if ctx.code { self.look.code } else { ctx.fonts };
        let bold = ctx.bold || ctx.style_bold;
        self.used(fonts, bold, text);
        let has_cjk = text.chars().any(is_cjk);
        let quotes = text
            .chars()
            .any(|c| matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '–' | '·' | '‧'));
        let mut r = docx_rs::Run::new();
        if ctx.code && !ctx.link {
            r = r.style(id::VERBATIM);
        } else if ctx.link {
            r = r.style(id::HYPERLINK);
        }
        let mut rf = None;
        if ctx.code && ctx.link {
            let f = self.look.code;
            rf = Some(
                docx_rs::RunFonts::new()
                    .ascii(f.latin)
                    .hi_ansi(f.latin)
                    .east_asia(f.cjk)
                    .cs(f.latin),
            );
        }
        if quotes && (has_cjk || ctx.cjk) {
            rf = Some(rf.unwrap_or_default().hint("eastAsia"));
        }
        if let Some(rf) = rf {
            r = r.fonts(rf);
        }
        if ctx.bold {
            r = r.bold();
        }
        if ctx.italic {
            r = r.italic();
        }
        if ctx.strike {
            r = r.strike();
        }
        if let Some(sz) = ctx.size {
            r = r.size(sz as usize);
        }
        let mut buf = String::new();
        for c in text.chars() {
            match c {
                '\t' => {
                    if !buf.is_empty() {
                        r = r.add_text(std::mem::take(&mut buf));
                    }
                    r = r.add_tab();
                }
                '\n' => {
                    if !buf.is_empty() {
                        r = r.add_text(std::mem::take(&mut buf));
                    }
                    r = r.add_break(docx_rs::BreakType::TextWrapping);
                }
                '\r' => {}
                c => buf.push(c),
            }
        }
        if !buf.is_empty() {
            r = r.add_text(buf);
        }
        items.push(RsItem::Run(Box::new(r)));
    }

    /// Title, subtitle, authors and date as docx-rs paragraphs.
    fn title_block(&mut self, out: &mut Vec<docx_rs::Paragraph>, doc: &Document) {
        let m = &doc.meta;
        if let Some(t) = &m.title {
            out.extend(self.rs_para(PPr::styled(id::TITLE), &lines_to_inlines(t)));
        }
        if let Some(s) = &m.subtitle {
            out.extend(self.rs_para(PPr::styled(id::SUBTITLE), &lines_to_inlines(s)));
        }
        if !m.authors.is_empty() {
            let a = m.authors.join("　");
            out.extend(self.rs_para(PPr::styled(id::AUTHOR), &[Inline::text(a)]));
        }
        if let Some(d) = &m.date {
            out.extend(self.rs_para(PPr::styled(id::DATE), &[Inline::text(d.clone())]));
        }
    }

    fn toc(&mut self, out: &mut String) {
        self.para(out, PPr::styled(id::TOC_HEADING), &[Inline::text("目录")]);
        let hint = "（在 Word 中右键“更新域”以生成目录）";
        self.used(self.look.body, false, hint);
        let _ = write!(
            out,
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{}</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
            esc(hint)
        );
    }

    fn blocks(&mut self, out: &mut String, blocks: &'d [Block]) {
        let mut i = 0;
        while i < blocks.len() {
            match (&blocks[i], blocks.get(i + 1)) {
                (Block::Heading(h), Some(Block::Paragraph(p))) if h.run_in => {
                    self.run_in(out, h, p.role, &p.content);
                    i += 2;
                    continue;
                }
                (block, _) => self.block(out, block),
            }
            i += 1;
        }
    }

    /// The paragraph style for a paragraph role in the current context.
    fn role_style(&self, role: ParagraphRole) -> &'static str {
        match role {
            ParagraphRole::Body if self.in_note => id::FOOTNOTE_TEXT,
            ParagraphRole::Body if self.quote_depth > 0 => id::QUOTE,
            ParagraphRole::Body => id::NORMAL,
            ParagraphRole::Addressee => id::ADDRESSEE,
            ParagraphRole::Attachment => id::ATTACHMENT,
            ParagraphRole::Signature => id::SIGNATURE,
            ParagraphRole::Date => id::SIGNATURE_DATE,
            ParagraphRole::Closing => id::CLOSING,
        }
    }

    fn block(&mut self, out: &mut String, block: &'d Block) {
        match block {
            Block::Heading(h) => {
                let mut content = Vec::new();
                if let Some(l) = &h.label {
                    content.push(Inline::text(l.clone()));
                }
                content.extend(h.content.iter().cloned());
                if self.in_note {
                    // Word has no headings inside footnotes.
                    let mut ppr = PPr::styled(id::FOOTNOTE_TEXT);
                    ppr.keep_next = Some(true);
                    self.para(out, ppr, &[Inline::Strong { content }]);
                } else {
                    self.para(out, PPr::styled(&styles::heading_id(h.level)), &content);
                }
            }
            Block::Paragraph(p) => {
                let style = self.role_style(p.role);
                self.para(out, PPr::styled(style), &p.content);
            }
            Block::List(list) => self.list(out, list, 0),
            Block::BlockQuote { blocks } => {
                self.quote_depth += 1;
                self.blocks(out, blocks);
                self.quote_depth -= 1;
            }
            Block::CodeBlock(c) => {
                let text = c.text.strip_suffix('\n').unwrap_or(&c.text);
                let content = [Inline::Code {
                    text: text.to_string(),
                }];
                self.para(out, PPr::styled(id::CODE), &content);
            }
            Block::Table(t) => self.table(out, t),
            Block::ThematicBreak => {
                out.push_str(&format!("<w:p>{}</w:p>", PPr::styled(id::RULE).xml()));
            }
            Block::PageBreak => out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
            Block::Figure(f) => self.figure(out, f),
            Block::FootnoteDef(_) => {}
            Block::Raw(r) if r.format == "openxml" || r.format == "docx" => {
                out.push_str(&r.text);
            }
            Block::Raw(r) => self
                .diag
                .warn(format!("raw {} block not rendered in DOCX", r.format)),
        }
    }

    /// A run-in heading and its paragraph: two Word paragraphs joined by a hidden
    /// paragraph mark with `w:specVanish` (Word's "style separator"). Word sets them on one
    /// line and still lists the heading in the navigation pane and TOC; readers that do
    /// not know the separator (LibreOffice before 24.8, pandoc) see a heading followed by
    /// a paragraph.
    ///
    /// The lead keeps the built-in `heading N` style (outline level, face, bold) and sets
    /// itself like body text with direct formatting: no spacing, the body's first-line
    /// indent, justified, body size on its runs and mark. A custom "Run-in Heading N"
    /// style would be read by pandoc as a class plus an explicit identifier on the
    /// heading (`{#一… .Run-in-Heading-1}`); direct formatting it ignores.
    fn run_in(&mut self, out: &mut String, h: &Heading, role: ParagraphRole, body: &[Inline]) {
        let mut content = Vec::new();
        if let Some(l) = &h.label {
            content.push(Inline::text(l.clone()));
        }
        content.extend(h.content.iter().cloned());
        let mut ppr = PPr::styled(&styles::heading_id(h.level));
        ppr.spacing = Some((Some(0), Some(0), None, "auto"));
        ppr.ind = Some(self.look.body_ind());
        ppr.jc = Some(Jc::Both);
        ppr.mark = Some(RPr {
            vanish: true,
            spec_vanish: true,
            size: Some(Look::hp(self.look.body_pt)),
            ..RPr::default()
        });
        self.para(out, ppr, &content);
        let ppr = PPr::styled(self.role_style(role));
        self.para(out, ppr, body);
    }

    /// One paragraph.
    fn para(&mut self, out: &mut String, ppr: PPr, content: &[Inline]) {
        let style = ppr.style.clone().unwrap_or_else(|| id::NORMAL.to_string());
        let (fonts, bold) = styles::resolve(self.defs, self.look, &style);
        let ctx = Ctx {
            fonts,
            style_bold: bold,
            bold: false,
            italic: false,
            strike: false,
            code: false,
            link: false,
            size: ppr.mark.as_ref().and_then(|m| m.size),
            cjk: inlines_text(content).chars().any(is_cjk),
        };
        out.push_str("<w:p>");
        // Body paragraphs need no pStyle (Normal is the default); keeping the rest explicit.
        let mut ppr = ppr;
        if ppr.style.as_deref() == Some(id::NORMAL) {
            ppr.style = None;
        }
        out.push_str(&ppr.xml());
        if self.note_mark_pending {
            self.note_mark_pending = false;
            let _ = write!(
                out,
                "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>",
                id::FOOTNOTE_REF
            );
        }
        self.inlines(out, content, ctx);
        out.push_str("</w:p>");
    }

    fn inlines(&mut self, out: &mut String, inlines: &'_ [Inline], ctx: Ctx) {
        for (i, inline) in inlines.iter().enumerate() {
            match inline {
                Inline::Text { text } => self.run(out, text, ctx),
                Inline::Emphasis { content } => self.inlines(
                    out,
                    content,
                    Ctx {
                        italic: true,
                        ..ctx
                    },
                ),
                Inline::Strong { content } => self.inlines(out, content, Ctx { bold: true, ..ctx }),
                Inline::Strikethrough { content } => self.inlines(
                    out,
                    content,
                    Ctx {
                        strike: true,
                        ..ctx
                    },
                ),
                Inline::Code { text } => self.run(out, text, Ctx { code: true, ..ctx }),
                Inline::Link {
                    url,
                    title,
                    content,
                } => self.link(out, url, title, content, ctx),
                Inline::Image(image) => self.inline_image(out, image, ctx),
                Inline::SoftBreak => {
                    // A line break between two Chinese characters is not a space.
                    let prev = i
                        .checked_sub(1)
                        .and_then(|j| inlines_text(&inlines[j..=j]).chars().last());
                    let next = inlines
                        .get(i + 1)
                        .and_then(|n| inlines_text(std::slice::from_ref(n)).chars().next());
                    let wide = |c: Option<char>| c.is_some_and(is_cjk);
                    if !(wide(prev) || wide(next)) {
                        self.run(out, " ", ctx);
                    }
                }
                Inline::HardBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::FootnoteRef { label } => self.footnote_ref(out, label, ctx),
                Inline::Raw(r) if r.format == "openxml" || r.format == "docx" => {
                    out.push_str(&r.text)
                }
                Inline::Raw(r) => self
                    .diag
                    .warn(format!("raw {} inline not rendered in DOCX", r.format)),
            }
        }
    }

    fn run(&mut self, out: &mut String, text: &str, ctx: Ctx) {
        if text.is_empty() {
            return;
        }
        let fonts = if ctx.code { self.look.code } else { ctx.fonts };
        let bold = ctx.bold || ctx.style_bold;
        self.used(fonts, bold, text);
        let has_cjk = text.chars().any(is_cjk);
        // Punctuation that Word would otherwise set in the Latin face (half width) even
        // inside Chinese text: quotes, ellipsis, dashes, middle dot.
        let quotes = text
            .chars()
            .any(|c| matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '–' | '·' | '‧'));
        let rpr = RPr {
            style: if ctx.code && !ctx.link {
                Some(id::VERBATIM.to_string())
            } else if ctx.link {
                Some(id::HYPERLINK.to_string())
            } else {
                None
            },
            fonts: if ctx.code && ctx.link {
                Some(self.look.code)
            } else {
                None
            },
            hint_east_asia: quotes && (has_cjk || ctx.cjk),
            bold: if ctx.bold { Some(true) } else { None },
            // Chinese has no italics: emphasis in Chinese text takes emphasis dots (着重号).
            italic: ctx.italic && !has_cjk,
            em_dot: ctx.italic && has_cjk,
            strike: ctx.strike,
            size: ctx.size,
            ..RPr::default()
        };
        let rpr = rpr.xml();
        // Tabs and newlines become their own elements.
        let mut buf = String::new();
        let flush = |out: &mut String, buf: &mut String| {
            if !buf.is_empty() {
                let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(buf));
                buf.clear();
            }
        };
        out.push_str("<w:r>");
        out.push_str(&rpr);
        for c in text.chars() {
            match c {
                '\t' => {
                    flush(out, &mut buf);
                    out.push_str("<w:tab/>");
                }
                '\n' => {
                    flush(out, &mut buf);
                    out.push_str("<w:br/>");
                }
                '\r' => {}
                c => buf.push(c),
            }
        }
        flush(out, &mut buf);
        out.push_str("</w:r>");
    }

    fn rels(&mut self) -> &mut Vec<Rel> {
        match self.part {
            Part::Document => &mut self.doc_rels,
            Part::Footnotes => &mut self.note_rels,
        }
    }

    fn link(&mut self, out: &mut String, url: &str, title: &str, content: &[Inline], ctx: Ctx) {
        let ctx = Ctx { link: true, ..ctx };
        let tooltip = if title.is_empty() {
            String::new()
        } else {
            format!(" w:tooltip=\"{}\"", esc(title))
        };
        if let Some(anchor) = url.strip_prefix('#') {
            let _ = write!(out, "<w:hyperlink w:anchor=\"{}\"{tooltip}>", esc(anchor));
        } else {
            // One relationship per distinct target.
            let rels = self.rels();
            let rid = match rels
                .iter()
                .find(|r| r.kind == REL_HYPERLINK && r.target == url)
            {
                Some(r) => r.id.clone(),
                None => {
                    let id = format!("rIdLink{}", rels.len() + 1);
                    rels.push(Rel {
                        id: id.clone(),
                        kind: REL_HYPERLINK,
                        target: url.to_string(),
                        external: true,
                    });
                    id
                }
            };
            let _ = write!(out, "<w:hyperlink r:id=\"{rid}\"{tooltip} w:history=\"1\">");
        }
        if content.is_empty() {
            self.run(out, url, ctx);
        } else {
            self.inlines(out, content, ctx);
        }
        out.push_str("</w:hyperlink>");
    }

    fn footnote_ref(&mut self, out: &mut String, label: &str, ctx: Ctx) {
        match self.note(label) {
            Some(id) => {
                let _ = write!(
                    out,
                    "<w:r><w:rPr><w:rStyle w:val=\"{}\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>",
                    id::FOOTNOTE_REF
                );
            }
            None => self.run(out, &format!("[^{label}]"), ctx),
        }
    }

    /// Render the footnote `label` into `self.footnotes` and return its id, or `None`
    /// (with a warning) when the reference stays text: inside a note, or undefined.
    fn note(&mut self, label: &str) -> Option<usize> {
        if self.in_note {
            self.diag.warn(format!(
                "footnote reference [^{label}] inside a footnote kept as text"
            ));
            return None;
        }
        let Some(blocks) = self.notes.get(label).copied() else {
            self.diag.warn(format!(
                "footnote [^{label}] has no definition; kept as text"
            ));
            return None;
        };
        self.referenced.insert(label.to_string());
        let id = self.footnotes.len() + 1;
        // Reserve the id before rendering (notes are never nested).
        self.footnotes.push(String::new());
        let (part, depth) = (self.part, self.quote_depth);
        self.part = Part::Footnotes;
        self.in_note = true;
        self.quote_depth = 0;
        self.note_mark_pending = true;
        let mut note = format!("<w:footnote w:id=\"{id}\">");
        self.blocks(&mut note, blocks);
        if self.note_mark_pending {
            // A note without paragraphs still needs its mark.
            self.para(&mut note, PPr::styled(id::FOOTNOTE_TEXT), &[]);
        }
        note.push_str("</w:footnote>");
        self.in_note = false;
        self.part = part;
        self.quote_depth = depth;
        self.footnotes[id - 1] = note;
        Some(id)
    }

    fn list(&mut self, out: &mut String, list: &'d List, depth: u32) {
        let depth = depth.min(8);
        let num = match list.kind {
            ListKind::Bullet => self.new_num(abs::BULLET, depth, None),
            ListKind::Ordered { start } => self.new_num(abs::ORDERED, depth, Some(start)),
        };
        let step = self.look.list_step();
        for item in &list.items {
            let num = match item.task {
                None => num,
                Some(done) => self.task_num(done),
            };
            let mut numbered = false;
            for b in &item.blocks {
                match b {
                    Block::Paragraph(p) => {
                        let mut ppr = PPr::styled(id::LIST);
                        if numbered {
                            ppr.ind = Some(Ind {
                                left: Some(step * (depth as i32 + 1)),
                                ..Ind::default()
                            });
                        } else {
                            ppr.num = Some((depth, num));
                            numbered = true;
                        }
                        if !list.tight {
                            ppr.spacing = Some((None, Some(self.look.line() / 4), None, "auto"));
                            ppr.contextual_spacing = Some(false);
                        }
                        self.para(out, ppr, &p.content);
                    }
                    Block::List(inner) => {
                        if !numbered {
                            let mut ppr = PPr::styled(id::LIST);
                            ppr.num = Some((depth, num));
                            self.para(out, ppr, &[]);
                            numbered = true;
                        }
                        self.list(out, inner, depth + 1);
                    }
                    other => {
                        if !numbered {
                            let mut ppr = PPr::styled(id::LIST);
                            ppr.num = Some((depth, num));
                            self.para(out, ppr, &[]);
                            numbered = true;
                        }
                        self.block(out, other);
                    }
                }
            }
            if !numbered {
                let mut ppr = PPr::styled(id::LIST);
                ppr.num = Some((depth, num));
                self.para(out, ppr, &[]);
            }
        }
    }

    fn new_num(&mut self, abs_id: u32, lvl: u32, start: Option<u64>) -> u32 {
        self.nums.push((abs_id, lvl, start));
        self.nums.len() as u32 - 1 + styles::FIRST_NUM_ID
    }

    fn task_num(&mut self, done: bool) -> u32 {
        let i = usize::from(done);
        if let Some(n) = self.task_nums[i] {
            return n;
        }
        let n = self.new_num(if done { abs::DONE } else { abs::TODO }, 0, None);
        self.task_nums[i] = Some(n);
        n
    }

    fn table(&mut self, out: &mut String, t: &Table) {
        let cols = t
            .aligns
            .len()
            .max(t.header.len())
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let width = (self.text_width_twips / cols as i64).max(1);
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
             w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            id::TABLE
        );
        for _ in 0..cols {
            let _ = write!(out, "<w:gridCol w:w=\"{width}\"/>");
        }
        out.push_str("</w:tblGrid>");
        let empty = Vec::new();
        let row = |this: &mut Self, out: &mut String, cells: &[Vec<Inline>], header: bool| {
            out.push_str("<w:tr>");
            if header {
                out.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            }
            for c in 0..cols {
                let cell = cells.get(c).unwrap_or(&empty);
                let _ = write!(
                    out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
                );
                let mut ppr = PPr::styled(if header {
                    id::TABLE_HEADING
                } else {
                    id::TABLE_TEXT
                });
                ppr.jc = match t.aligns.get(c).copied().unwrap_or_default() {
                    Align::None => None,
                    Align::Left => Some(Jc::Left),
                    Align::Center => Some(Jc::Center),
                    Align::Right => Some(Jc::Right),
                };
                this.para(out, ppr, cell);
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        };
        if !t.header.is_empty() {
            row(self, out, &t.header, true);
        }
        for r in &t.rows {
            row(self, out, r, false);
        }
        out.push_str("</w:tbl>");
        // Word needs a paragraph between two adjacent tables; an empty one after each
        // table also keeps the following text from sticking to its bottom border.
        let _ = write!(
            out,
            "<w:p>{}</w:p>",
            PPr {
                style: Some(id::TABLE_TEXT.into()),
                ..PPr::default()
            }
            .xml()
        );
    }

    fn figure(&mut self, out: &mut String, f: &Figure) {
        let caption = if f.caption.is_empty() {
            &f.image.alt
        } else {
            &f.caption
        };
        let found = match self.load_image(&f.image) {
            Some(drawing) => {
                let _ = write!(out, "<w:p>{}{drawing}</w:p>", PPr::styled(id::FIGURE).xml());
                true
            }
            None => {
                self.para(out, PPr::styled(id::FIGURE), &f.image.alt);
                false
            }
        };
        // Without the image, the alt text already stands in its place.
        if !caption.is_empty() && (found || !f.caption.is_empty()) {
            self.para(out, PPr::styled(id::CAPTION), caption);
        }
    }

    fn inline_image(&mut self, out: &mut String, image: &Image, ctx: Ctx) {
        match self.load_image(image) {
            Some(drawing) => out.push_str(&drawing),
            None => self.inlines(out, &image.alt, ctx),
        }
    }

    /// A `<w:r><w:drawing>` for an image, or `None` (with a warning) when it cannot be
    /// used: not found, not PNG/JPEG, or remote.
    fn load_image(&mut self, image: &Image) -> Option<String> {
        let p = self.place_image(image)?;
        let (n, cx, cy, rid, alt) = (p.n, p.cx, p.cy, &p.rid, esc(&p.alt));
        Some(format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr>\
             <a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic>\
             <a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"{}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>\
             </a:graphic></wp:inline></w:drawing></w:r>",
            esc(&p.name)
        ))
    }

    /// Load an image into the package (once per URL) and give it a drawing id, or `None`
    /// (with a warning) when it cannot be used: not found, not PNG/JPEG, or remote.
    fn place_image(&mut self, image: &Image) -> Option<Placed> {
        let url = &image.url;
        let (index, w, h) = if let Some(&known) = self.media_by_url.get(url) {
            known
        } else {
            let path = match crate::resource::local_path(url, self.base_dir) {
                Ok(p) => p,
                Err(e) => {
                    self.diag
                        .warn(format!("image {url}: {e}; its alt text is used instead"));
                    return None;
                }
            };
            let data = match std::fs::read(&path) {
                Ok(d) => d,
                Err(e) => {
                    self.diag
                        .warn(format!("image {url}: {e}; its alt text is used instead"));
                    return None;
                }
            };
            let Some((ext, w, h)) = image_size(&data) else {
                self.diag.warn(format!(
                    "image {url}: not a PNG or JPEG file; its alt text is used instead"
                ));
                return None;
            };
            let index = self.media.len();
            self.media.push(Media {
                part: format!("media/image{}.{ext}", index + 1),
                data,
            });
            self.media_by_url.insert(url.clone(), (index, w, h));
            (index, w, h)
        };
        let part = self.media[index].part.clone();
        let rels = self.rels();
        let rid = match rels
            .iter()
            .find(|r| r.kind == REL_IMAGE && r.target == part)
        {
            Some(r) => r.id.clone(),
            None => {
                let id = format!("rIdImage{}", index + 1);
                rels.push(Rel {
                    id: id.clone(),
                    kind: REL_IMAGE,
                    target: part.clone(),
                    external: false,
                });
                id
            }
        };
        // 96 dpi, scaled down to the text width.
        let mut cx = i64::from(w) * 9525;
        let mut cy = i64::from(h) * 9525;
        if cx > self.text_width_emu {
            cy = cy * self.text_width_emu / cx;
            cx = self.text_width_emu;
        }
        self.docpr += 1;
        Some(Placed {
            n: self.docpr,
            cx,
            cy,
            rid,
            alt: inlines_text(&image.alt),
            name: part.trim_start_matches("media/").to_string(),
            index,
            px: (w, h),
        })
    }
}

/// An image placed in the package: drawing id, size in EMU, relationship, alt text,
/// file name, index in `Body::media`, size in pixels.
pub(crate) struct Placed {
    pub n: u32,
    pub cx: i64,
    pub cy: i64,
    pub rid: String,
    pub alt: String,
    pub name: String,
    index: usize,
    px: (u32, u32),
}

/// Whether docx-rs can write this block as it must be (see [`rs_inlines_ok`]): headings,
/// paragraphs, code blocks, rules, page breaks, figures, block quotes of those, and tight
/// lists of those (a loose list needs `w:contextualSpacing w:val="0"`, which docx-rs
/// cannot write).
fn rs_block_ok(block: &Block) -> bool {
    match block {
        Block::Heading(h) => rs_inlines_ok(&h.content),
        Block::Paragraph(p) => rs_inlines_ok(&p.content),
        Block::CodeBlock(_) | Block::ThematicBreak | Block::PageBreak => true,
        Block::Figure(f) => rs_inlines_ok(&f.image.alt) && rs_inlines_ok(&f.caption),
        Block::BlockQuote { blocks } => blocks.iter().all(rs_block_ok),
        Block::List(list) => {
            list.tight
                && list
                    .items
                    .iter()
                    .all(|item| item.blocks.iter().all(rs_block_ok))
        }
        _ => false,
    }
}

/// A run or hyperlink on its way into a docx-rs paragraph.
enum RsItem {
    Run(Box<docx_rs::Run>),
    Link(Box<docx_rs::Hyperlink>),
}

/// Whether docx-rs can write these inlines as they must be: not raw XML, not link titles (docx-rs has no
/// `w:tooltip`), and not emphasis in Chinese text (docx-rs has no `w:em` emphasis dots).
fn rs_inlines_ok(inlines: &[Inline]) -> bool {
    fn ok(inlines: &[Inline], in_em: bool) -> bool {
        inlines.iter().all(|i| match i {
            Inline::Text { text } | Inline::Code { text } => !(in_em && text.chars().any(is_cjk)),
            Inline::Emphasis { content } => ok(content, true),
            Inline::Strong { content } | Inline::Strikethrough { content } => ok(content, in_em),
            Inline::Link {
                url,
                title,
                content,
            } => !url.starts_with('#') && title.is_empty() && !url.is_empty() && ok(content, in_em),
            Inline::SoftBreak | Inline::HardBreak => true,
            Inline::Image(image) => ok(&image.alt, in_em),
            Inline::FootnoteRef { .. } => true,
            Inline::Raw(_) => false,
        })
    }
    ok(inlines, false)
}

/// Split a multi-line string into text and hard breaks.
fn lines_to_inlines(s: &str) -> Vec<Inline> {
    let mut v = Vec::new();
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            v.push(Inline::HardBreak);
        }
        v.push(Inline::text(line));
    }
    v
}

/// Gather footnote definitions anywhere in the tree, by label (the first one wins).
fn collect_notes<'d>(blocks: &'d [Block], notes: &mut HashMap<&'d str, &'d [Block]>) {
    for b in blocks {
        match b {
            Block::FootnoteDef(f) => {
                notes.entry(f.label.as_str()).or_insert(&f.blocks[..]);
            }
            Block::BlockQuote { blocks } => collect_notes(blocks, notes),
            Block::List(l) => {
                for item in &l.items {
                    collect_notes(&item.blocks, notes);
                }
            }
            _ => {}
        }
    }
}

/// `(extension, width, height)` in pixels of a PNG or JPEG file.
pub(crate) fn image_size(data: &[u8]) -> Option<(&'static str, u32, u32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") && data.len() >= 24 {
        let w = u32::from_be_bytes(data[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(data[20..24].try_into().ok()?);
        return (w > 0 && h > 0).then_some(("png", w, h));
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < data.len() {
            if data[i] != 0xFF {
                i += 1;
                continue;
            }
            let marker = data[i + 1];
            if marker == 0xFF {
                i += 1;
                continue;
            }
            if matches!(marker, 0xD8 | 0x01 | 0xD0..=0xD7) {
                i += 2;
                continue;
            }
            let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
            if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
                let h = u32::from(u16::from_be_bytes([data[i + 5], data[i + 6]]));
                let w = u32::from(u16::from_be_bytes([data[i + 7], data[i + 8]]));
                return (w > 0 && h > 0).then_some(("jpeg", w, h));
            }
            i += 2 + len;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_jpeg_sizes() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(image_size(&png), Some(("png", 640, 480)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 100, 3, 0, 0, 0,
        ];
        assert_eq!(image_size(&jpeg), Some(("jpeg", 100, 50)));
        assert_eq!(image_size(b"GIF89a"), None);
    }
}
