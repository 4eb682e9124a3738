//! PDF writer: lays the document out with [`crate::layout`] and turns the pages into a PDF.
//!
//! - Fonts: every face used is subset here by `fonts::subset` (printpdf without its
//!   `text_layout` feature would embed whole 15 MB faces) and handed to printpdf as a new
//!   face; glyphs are passed as subset glyph ids together with their source text, which
//!   printpdf turns into the `/ToUnicode` map. TrueType subsets are embedded as
//!   `/CIDFontType2` with `/FontFile2`; CFF subsets (CID-keyed, CID = subset glyph id) as
//!   `/CIDFontType0` with the bare CFF table in `/FontFile3 /CIDFontType0C` (printpdf
//!   decides from the subset's bytes). Faces whose licence forbids embedding are never
//!   used (layout falls back past them).
//! - What printpdf cannot express is fixed on the `lopdf::Document` before saving (see
//!   [`fixup`]): the nested outline, `/Lang`, `/PageMode /UseOutlines`, link annotations,
//!   UTF-16 document info and deterministic dates and file ids.
//!
//! Supported: everything the layout engine produces (text runs, slanted runs, rules, grey
//! shades, stroked paths, images, links, outline). Images are added in [`fixup`]: a JPEG
//! is embedded as it is (`/DCTDecode`), a PNG as deflated RGB with an alpha `/SMask`.

mod fixup;
mod subset;

use super::{WriteError, WriteOptions};
use crate::deflate::Deflater;
use crate::doc::Document;
use crate::layout::{self, Item};
use crate::Diagnostics;
use lopdf::Object;
use printpdf::{
    Codepoint, DictItem, FontId, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix, WindingOrder,
};
use rustybuzz::ttf_parser::GlyphId;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Write `doc` as PDF.
pub fn write(
    doc: &Document,
    opts: &WriteOptions,
    images: &crate::images::Images,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let options = layout::LayoutOptions {
        toc: opts.toc,
        images,
        fonts: &opts.fonts,
    };
    let doc = &*super::shared::numbered_headings(doc, &opts.style);
    let mut content = Content::new(Arc::clone(&opts.fonts), opts.style.page.paper.size_pt());
    let layout = layout::stream(doc, &opts.style, options, diag, &mut content);
    content.finish(doc, layout)
}

/// Turn a finished layout into PDF bytes (its faces are those of [`layout::Layout::fonts`]).
pub fn render(doc: &Document, mut layout: layout::Layout) -> Result<Vec<u8>, WriteError> {
    let mut content = Content::new(Arc::clone(&layout.fonts), (layout.width, layout.height));
    for page in std::mem::take(&mut layout.pages) {
        layout::PageSink::page(&mut content, page);
    }
    content.finish(doc, layout)
}

/// The glyphs each face shows, by subset glyph id: (glyph id in the face, its text).
type UsedGlyphs = BTreeMap<layout::FaceId, Vec<(u16, String)>>;

/// A face as the page content refers to it: its resource name and its subset.
type Fonts<'a> = BTreeMap<layout::FaceId, (FontId, &'a subset::Subset)>;

/// How many glyphs of pages are made into drawing operations before printpdf serialises
/// them (a few dozen pages of text): enough that a batch's overhead does not count, few
/// enough that the operations of a long document are never all held.
const BATCH_GLYPHS: usize = 60_000;

/// The PDF's pages as the layout finishes them. Each page's drawing operations are made
/// when it comes, serialised by printpdf in batches and deflated at once, so that of a
/// long document only the finished content streams are held, never its laid-out glyphs
/// or operations. Glyphs are numbered in each face's subset in the order they first
/// appear, so that the content can be written before the subsets are cut (once every page
/// is known, in [`Content::finish`]).
struct Content {
    book: Arc<layout::font::Book>,
    /// Page width and height.
    size: (f32, f32),
    /// Per face: its glyphs by subset id, and each glyph's subset id.
    used: UsedGlyphs,
    ids: BTreeMap<layout::FaceId, HashMap<u16, u16>>,
    /// Pages made into operations, not yet serialised, and how many glyphs they show.
    batch: Vec<PdfPage>,
    batch_glyphs: usize,
    /// Each page's serialised content: deflated (true) or as it is.
    streams: Vec<(Vec<u8>, bool)>,
    /// Each page's links and images (added in `fixup`).
    kept: Vec<layout::Page>,
    /// A hash of every page's content, for the file id.
    hash: u64,
    /// A problem met while serialising a batch (reported by `finish`).
    failed: Option<WriteError>,
}

impl layout::PageSink for Content {
    fn page(&mut self, mut page: layout::Page) {
        let ops = self.page_ops(&page);
        let (w, h) = self.size;
        self.batch
            .push(PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), ops));
        page.items
            .retain(|item| matches!(item, Item::Link(_) | Item::Image(_)));
        page.items.shrink_to_fit();
        self.kept.push(page);
        if self.batch_glyphs >= BATCH_GLYPHS {
            if let Err(e) = self.serialise_batch() {
                self.failed.get_or_insert(e);
            }
        }
    }
}

impl Content {
    fn new(book: Arc<layout::font::Book>, size: (f32, f32)) -> Self {
        Content {
            book,
            size,
            used: UsedGlyphs::new(),
            ids: BTreeMap::new(),
            batch: Vec::new(),
            batch_glyphs: 0,
            streams: Vec::new(),
            kept: Vec::new(),
            hash: subset::FNV_BASIS,
            failed: None,
        }
    }

    /// The subset id of glyph `g` of `face`, numbered now if it is new; its text is the
    /// first non-empty one seen (the missing glyph stands for many characters: the layout
    /// marks each with its own `/ActualText`).
    fn glyph_id(&mut self, face: layout::FaceId, g: &layout::Glyph) -> u16 {
        let used = self
            .used
            .entry(face)
            .or_insert_with(|| vec![(0, "\u{FFFD}".into())]);
        let ids = self
            .ids
            .entry(face)
            .or_insert_with(|| HashMap::from([(0, 0)]));
        let id = *ids.entry(g.id).or_insert_with(|| {
            used.push((g.id, String::new()));
            // (A face has fewer than 65,536 glyphs: its ids are u16.)
            (used.len() - 1) as u16
        });
        let text = &mut used[usize::from(id)].1;
        if text.is_empty() {
            text.push_str(&g.text);
        }
        id
    }

    /// Serialise the batch's pages with printpdf (no fonts are needed for that: glyphs are
    /// written as their subset ids) and deflate their content streams.
    fn serialise_batch(&mut self) -> Result<(), WriteError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let fail = |e: lopdf::Error| WriteError::Failed(format!("cannot make the pages: {e}"));
        let mut pdf = PdfDocument::new("");
        pdf.with_pages(std::mem::take(&mut self.batch));
        self.batch_glyphs = 0;
        let mut warnings = Vec::new();
        let mut lo = pdf.to_lopdf_document(&SAVE, &mut warnings);
        drop(pdf);
        let mut raw = Vec::new();
        for id in lo.get_pages().into_values() {
            let contents = lo
                .get_dictionary(id)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(fail)?;
            match lo.objects.remove(&contents) {
                Some(Object::Stream(s)) => raw.push(s.content),
                _ => return Err(WriteError::Failed("a page without content".into())),
            }
        }
        drop(lo);
        for content in &raw {
            self.hash = subset::fnv1a(content, self.hash);
        }
        self.streams.extend(deflate_all(raw));
        Ok(())
    }

    /// The PDF of the pages given: fonts subset to the glyphs they show, outline, links,
    /// images and document information from `layout` and `doc`.
    fn finish(mut self, doc: &Document, mut layout: layout::Layout) -> Result<Vec<u8>, WriteError> {
        self.serialise_batch()?;
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        let subsets = subset::subset_all(&self.book, &self.used)?;
        let mut pdf = PdfDocument::new(doc.meta.title.as_deref().unwrap_or(""));
        let fonts = add_fonts(&mut pdf, &subsets)?;
        // printpdf makes each font's widths and `/ToUnicode` from the glyphs the pages
        // show: it is shown every glyph once, on the first page, whose content is then
        // replaced by the real one like every other page's.
        let (w, h) = self.size;
        let mut pages: Vec<PdfPage> = (0..self.streams.len().max(1))
            .map(|_| PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), Vec::new()))
            .collect();
        pages[0].ops = every_glyph(&self.used, &fonts);
        pdf.with_pages(pages);
        let mut warnings = Vec::new();
        let mut lo = pdf.to_lopdf_document(&SAVE, &mut warnings);
        drop(pdf);
        let fail = |e: lopdf::Error| WriteError::Failed(format!("cannot make the pages: {e}"));
        let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
        for (id, (content, deflated)) in page_ids.into_iter().zip(self.streams) {
            let contents = lo
                .get_dictionary(id)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(fail)?;
            let mut dict = lopdf::Dictionary::new();
            if deflated {
                dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            }
            let stream = lopdf::Stream::new(dict, content).with_compression(false);
            lo.objects.insert(contents, Object::Stream(stream));
        }
        layout.pages = self.kept;
        fixup::fix(&mut lo, doc, &layout, self.hash)?;
        compress(&mut lo);
        let mut out = Vec::new();
        lo.save_to(&mut out)
            .map_err(|e| WriteError::Failed(format!("cannot serialise the PDF: {e}")))?;
        Ok(out)
    }

    /// The drawing operations of one page (the layout measures from the top, PDF from
    /// the bottom).
    fn page_ops(&mut self, page: &layout::Page) -> Vec<Op> {
        let h = self.size.1;
        let mut ops = Vec::new();
        let mut in_text = false;
        // Glyphs left in the open `/ActualText` span (a span may continue into the next run).
        let mut marked = 0usize;
        for item in &page.items {
            // Added in `fixup` (annotations; image XObjects).
            if matches!(item, Item::Link(_) | Item::Image(_)) {
                continue;
            }
            let text = matches!(item, Item::Text(_));
            if text != in_text {
                ops.push(if text {
                    Op::StartTextSection
                } else {
                    Op::EndTextSection
                });
                in_text = text;
            }
            match item {
                Item::Text(run) => self.text_ops(&mut ops, &mut marked, run),
                Item::Rule(r) => ops.push(fill(r.x, h - r.y - r.height, r.width, r.height)),
                Item::Shade(sh) => {
                    ops.push(Op::SetFillColor { col: gray(sh.gray) });
                    let r = &sh.rect;
                    ops.push(fill(r.x, h - r.y - r.height, r.width, r.height));
                    ops.push(Op::SetFillColor { col: gray(0.0) });
                }
                Item::Stroke(st) => stroke_ops(&mut ops, st, h),
                Item::Link(_) | Item::Image(_) => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        ops
    }

    /// Show one text run. Glyphs go out in segments: one text matrix, then one `TJ` whose
    /// kerns move each glyph to its x. A segment ends at a vertical offset and at the edges
    /// of `/ActualText` spans.
    fn text_ops(&mut self, ops: &mut Vec<Op>, marked: &mut usize, run: &layout::TextRun) {
        let h = self.size.1;
        let book = Arc::clone(&self.book);
        let loaded = book.get(run.face);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(run.face)),
            size: Pt(run.size),
        });
        // Advance widths as the PDF's `/W` array gives them (printpdf truncates to 1/1000
        // em), so that the kerns below land each glyph exactly.
        let pdf_width = |gid: u16| -> f32 {
            loaded
                .and_then(|l| {
                    let adv = l.face.glyph_hor_advance(GlyphId(gid))?;
                    Some((f32::from(adv) * 1000.0 / l.upem).trunc())
                })
                .unwrap_or(0.0)
        };
        let mut seg: Vec<Codepoint> = Vec::new();
        let mut last: Option<(f32, f32, f32)> = None; // x, dy, width
        for g in &run.glyphs {
            let continues = last.is_some_and(|(_, dy, _)| dy == g.dy)
                && g.actual_text.is_none()
                && !seg.is_empty();
            if continues {
                let (x0, _, w0) = last.expect("checked");
                if let Some(prev) = seg.last_mut() {
                    prev.offset = w0 - (g.x - x0) * 1000.0 / run.size;
                }
            } else {
                flush(ops, &mut seg);
                if let Some((text, n)) = g.actual_text.as_deref() {
                    ops.push(actual_text(text));
                    *marked = *n;
                }
                ops.push(Op::SetTextMatrix {
                    matrix: if run.slant {
                        // Emphasised Latin: slanted by about 12 degrees.
                        TextMatrix::Raw([1.0, 0.0, SLANT, 1.0, g.x, h - run.y + g.dy])
                    } else {
                        TextMatrix::Translate(Pt(g.x), Pt(h - run.y + g.dy))
                    },
                });
            }
            seg.push(Codepoint {
                gid: self.glyph_id(run.face, g),
                offset: 0.0,
                cid: None,
            });
            self.batch_glyphs += 1;
            last = Some((g.x, g.dy, pdf_width(g.id)));
            if *marked > 0 {
                *marked -= 1;
                if *marked == 0 {
                    flush(ops, &mut seg);
                    ops.push(Op::EndMarkedContent);
                    last = None;
                }
            }
        }
        flush(ops, &mut seg);
    }
}

/// The resource name of a face (fixed: `add_font` would pick a random one, and the font
/// order in the file with it).
fn font_id(face: layout::FaceId) -> FontId {
    FontId(format!("F{face}"))
}

/// Hand each subset face to printpdf.
fn add_fonts<'a>(
    pdf: &mut PdfDocument,
    subsets: &'a [subset::Subset],
) -> Result<Fonts<'a>, WriteError> {
    let mut fonts = Fonts::new();
    for s in subsets {
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&s.bytes, 0, &mut warnings).ok_or_else(|| {
            WriteError::Failed(format!(
                "cannot read the subset of {}: {warnings:?}",
                s.name
            ))
        })?;
        parsed.font_name = Some(s.name.clone());
        let id = font_id(s.face);
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(s.face, (id, s));
    }
    Ok(fonts)
}

/// Operations showing every used glyph once with its text, from which printpdf makes the
/// fonts' `/W` and `/ToUnicode` (keyed by subset id, which the content shows).
fn every_glyph(used: &UsedGlyphs, fonts: &Fonts) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (face, glyphs) in used {
        let Some((font, _)) = fonts.get(face) else {
            continue;
        };
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(10.0),
        });
        let items = glyphs
            .iter()
            .enumerate()
            .map(|(id, (_, text))| Codepoint {
                gid: id as u16,
                offset: 0.0,
                cid: Some(text.clone()),
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(items)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A filled rectangle (PDF coordinates).
fn fill(x: f32, y: f32, width: f32, height: f32) -> Op {
    Op::DrawRectangle {
        rectangle: Rect {
            x: Pt(x),
            y: Pt(y),
            width: Pt(width),
            height: Pt(height),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        },
    }
}

/// A stroked path in black with round joins and caps.
fn stroke_ops(ops: &mut Vec<Op>, st: &layout::Stroke, h: f32) {
    ops.push(Op::SetOutlineColor { col: gray(0.0) });
    ops.push(Op::SetOutlineThickness { pt: Pt(st.width) });
    ops.push(Op::SetLineJoinStyle {
        join: LineJoinStyle::Round,
    });
    ops.push(Op::SetLineCapStyle {
        cap: LineCapStyle::Round,
    });
    let points = st
        .points
        .iter()
        .map(|&(x, y)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(h - y),
            },
            bezier: false,
        })
        .collect();
    ops.push(Op::DrawLine {
        line: Line {
            points,
            is_closed: st.closed,
        },
    });
}

/// How printpdf serialises: fonts as given (they are subset already), content as given.
const SAVE: PdfSaveOptions = PdfSaveOptions {
    optimize: false,
    subset_fonts: false,
    secure: true,
    image_optimization: None,
};

/// The shear of slanted (emphasised Latin) text: tan 12°.
const SLANT: f32 = 0.2126;

/// A grey fill or stroke colour (0 black, 1 white).
fn gray(level: f32) -> printpdf::Color {
    printpdf::Color::Greyscale(printpdf::Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// Show the glyphs of `seg`, if any.
fn flush(ops: &mut Vec<Op>, seg: &mut Vec<Codepoint>) {
    if !seg.is_empty() {
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(std::mem::take(seg))],
        });
    }
}

/// Open an `/ActualText` span (ISO 32000-1 §14.9.4): extractors take `text` for the glyphs
/// inside, without a space at a CJK–Latin gap.
fn actual_text(text: &str) -> Op {
    let mut utf16 = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    let map = [(
        "ActualText".to_string(),
        DictItem::String {
            data: utf16,
            literal: false,
        },
    )];
    Op::BeginMarkedContentWithProperties {
        tag: "Span".into(),
        properties: DictItem::Dict {
            map: map.into_iter().collect(),
        },
    }
}

/// libdeflate's level for PDF streams. The seed's streams are 350 KB, two thirds of them
/// TrueType outlines; on them (callgrind, whole conversion): zlib at level 1 took 34 M
/// instructions for 223 KB; libdeflate at 1 takes 14 M (217 KB), at 2 23 M (214 KB), at 6
/// 29 M (207 KB). Level 1: a batch's time matters more than the 1–2 % of size level 2
/// saves.
const DEFLATE_LEVEL: i32 = 1;

/// Deflate every stream not yet filtered, on two threads.
fn compress(lo: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.dict.get(b"Filter").is_err() && s.content.len() > 64)
        .collect();
    let contents: Vec<Vec<u8>> = streams
        .iter_mut()
        .map(|s| std::mem::take(&mut s.content))
        .collect();
    for (s, (content, deflated)) in streams.into_iter().zip(deflate_all(contents)) {
        if deflated {
            s.dict
                .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
        }
        s.set_content(content);
    }
}

/// Each of `streams` deflated when that makes it smaller (then `true`), else as it is; on
/// two threads.
fn deflate_all(mut streams: Vec<Vec<u8>>) -> Vec<(Vec<u8>, bool)> {
    let work = |part: &mut [Vec<u8>]| -> Vec<bool> {
        let mut z = Deflater::new(DEFLATE_LEVEL);
        part.iter_mut()
            .map(|s| match z.zlib(s) {
                Some(packed) if packed.len() < s.len() && s.len() > 64 => {
                    *s = packed;
                    true
                }
                _ => false,
            })
            .collect()
    };
    let half = streams.len() / 2;
    let (a, b) = streams.split_at_mut(half);
    let (da, db) = std::thread::scope(|scope| {
        let other = scope.spawn(|| work(a));
        let db = work(b);
        (
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            db,
        )
    });
    streams.into_iter().zip(da.into_iter().chain(db)).collect()
}

#[cfg(all(test, feature = "bundled-fonts"))]
mod tests {
    use super::*;
    use crate::doc::{Block, Inline, Paragraph};
    use crate::layout::PageSink;

    /// Pages are serialised in batches as they come, so that the operations of a long
    /// document are never all held (issue 13: 20 MB of Markdown took 2.5 GB as PDF); the
    /// file is the same whichever way the pages came.
    #[test]
    fn pages_are_serialised_in_batches_as_they_come() {
        let para = "这是一段中文文字，包含 English words 和强调以及代码。".repeat(20);
        let doc = Document {
            blocks: (0..400)
                .map(|_| Block::Paragraph(Paragraph::body(vec![Inline::text(&para)])))
                .collect(),
            ..Document::default()
        };
        let style = crate::style::Style::default();
        let options = layout::LayoutOptions::default();
        let mut laid = layout::layout(&doc, &style, options, &mut Diagnostics::default());
        let pages = std::mem::take(&mut laid.pages);
        assert!(pages.len() > 100, "{} pages", pages.len());
        let mut content = Content::new(Arc::clone(&laid.fonts), (laid.width, laid.height));
        let mut most = 0;
        for page in pages {
            content.page(page);
            most = most.max(content.batch.len());
        }
        assert!(
            content.streams.len() > 50,
            "{} serialised",
            content.streams.len()
        );
        assert!(most < 40, "{most} pages held as operations");
        // Every glyph numbered once, from 1 (0 is .notdef) in the order first shown.
        for (face, glyphs) in &content.used {
            assert_eq!(glyphs[0], (0, "\u{FFFD}".to_string()));
            assert_eq!(content.ids[face].len(), glyphs.len());
            for (i, (g, _)) in glyphs.iter().enumerate() {
                assert_eq!(usize::from(content.ids[face][g]), i);
            }
        }
        let streamed = content.finish(&doc, laid).unwrap();
        let written = write(
            &doc,
            &WriteOptions::default(),
            &crate::images::Images::default(),
            &mut Diagnostics::default(),
        )
        .unwrap();
        assert_eq!(streamed, written);
        let lo = lopdf::Document::load_mem(&written).unwrap();
        assert_eq!(lo.get_pages().len(), content_pages(&written));
    }

    /// The number of pages whose content stream decodes (every page has one).
    fn content_pages(pdf: &[u8]) -> usize {
        let lo = lopdf::Document::load_mem(pdf).unwrap();
        lo.get_pages()
            .values()
            .filter(|&&id| !lo.get_page_content(id).is_empty())
            .count()
    }
}
