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
use printpdf::{
    Codepoint, DictItem, FontId, Line, LineCapStyle, LineJoinStyle, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix, WindingOrder,
};
use rustybuzz::ttf_parser::GlyphId;
use std::collections::BTreeMap;

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
    let layout = layout::layout(doc, &opts.style, options, diag);
    render(doc, layout)
}

/// The glyphs each face uses, with their text (the first non-empty text seen).
type UsedGlyphs = BTreeMap<layout::FaceId, BTreeMap<u16, String>>;

/// A face as the page content refers to it: its resource name and its subset.
type Fonts<'a> = BTreeMap<layout::FaceId, (FontId, &'a subset::Subset)>;

/// Turn a finished layout into PDF bytes (its faces are those of [`layout::Layout::fonts`]).
/// Each page's text runs are dropped once its drawing operations are made, so that the
/// glyphs of a long document are not held twice.
pub fn render(doc: &Document, mut layout: layout::Layout) -> Result<Vec<u8>, WriteError> {
    let used = used_glyphs(&layout);
    let subsets = subset::subset_all(&layout.fonts, &used)?;
    let mut pdf = PdfDocument::new(doc.meta.title.as_deref().unwrap_or(""));
    let fonts = add_fonts(&mut pdf, &subsets)?;
    let (width, height) = (layout.width, layout.height);
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &mut layout.pages {
        let ops = page_ops(page, (height, &layout.fonts), &fonts, &used);
        page.items.retain(|item| !matches!(item, Item::Text(_)));
        page.items.shrink_to_fit();
        pages.push(PdfPage::new(Mm::from(Pt(width)), Mm::from(Pt(height)), ops));
    }
    pdf.with_pages(pages);
    save(&pdf, doc, &layout)
}

/// The glyphs of every face the pages show.
fn used_glyphs(layout: &layout::Layout) -> UsedGlyphs {
    let mut used = UsedGlyphs::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let glyphs = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    let t = glyphs.entry(g.id).or_default();
                    if g.id == 0 {
                        // The missing glyph stands for many characters: the layout marks
                        // each with its own `/ActualText`.
                        *t = "\u{FFFD}".into();
                    } else if t.is_empty() {
                        t.push_str(&g.text);
                    }
                }
            }
        }
    }
    used
}

/// Hand each subset face to printpdf, under a fixed resource name (`add_font` would pick
/// a random one, and the font order in the file with it).
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
        let id = FontId(format!("F{}", s.face));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        fonts.insert(s.face, (id, s));
    }
    Ok(fonts)
}

/// The drawing operations of one page (`h`: the page height; the layout measures from
/// the top, PDF from the bottom).
fn page_ops(
    page: &layout::Page,
    (h, book): (f32, &layout::font::Book),
    fonts: &Fonts,
    used: &UsedGlyphs,
) -> Vec<Op> {
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
            Item::Text(run) => {
                if let Some(font) = fonts.get(&run.face) {
                    let loaded = book.get(run.face);
                    text_ops(
                        &mut ops,
                        &mut marked,
                        (run, loaded),
                        h,
                        font,
                        &used[&run.face],
                    );
                }
            }
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
/// kerns move each glyph to its x. A segment ends at a vertical offset and at the edges of
/// `/ActualText` spans.
fn text_ops(
    ops: &mut Vec<Op>,
    marked: &mut usize,
    (run, loaded): (&layout::TextRun, Option<&layout::font::Loaded>),
    h: f32,
    (font, sub): &(FontId, &subset::Subset),
    texts: &BTreeMap<u16, String>,
) {
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font.clone()),
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
        let continues =
            last.is_some_and(|(_, dy, _)| dy == g.dy) && g.actual_text.is_none() && !seg.is_empty();
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
            gid: sub.map.get(&g.id).copied().unwrap_or(0),
            offset: 0.0,
            cid: Some(texts[&g.id].clone()),
        });
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

/// printpdf's document as lopdf's, finished ([`fixup`]), compressed and serialised.
fn save(pdf: &PdfDocument, doc: &Document, layout: &layout::Layout) -> Result<Vec<u8>, WriteError> {
    let save = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save, &mut warnings);
    fixup::fix(&mut lo, doc, layout)?;
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| WriteError::Failed(format!("cannot serialise the PDF: {e}")))?;
    Ok(out)
}

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
    let half = streams.len() / 2;
    let (a, b) = streams.split_at_mut(half);
    let work = |part: &mut [&mut lopdf::Stream]| {
        let mut z = Deflater::new(DEFLATE_LEVEL);
        for s in part.iter_mut() {
            if let Some(packed) = z.zlib(&s.content) {
                if packed.len() < s.content.len() {
                    s.dict
                        .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                    s.set_content(packed);
                }
            }
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| work(a));
        work(b);
    });
}
