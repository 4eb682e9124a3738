//! PDF writer: lays the document out with [`crate::layout`] and turns the pages into a PDF.
//!
//! - Fonts: every face used is subset here by `fonts::subset` (printpdf without its
//!   `text_layout` feature would embed whole 15 MB faces) and handed to printpdf as a new
//!   face; glyphs are passed as subset glyph ids together with their source text, which
//!   printpdf turns into the `/ToUnicode` map.
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
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let options = layout::LayoutOptions {
        toc: opts.toc,
        base_dir: opts.base_dir.as_deref(),
    };
    let layout = layout::layout(doc, &opts.style, options, diag);
    render(doc, &layout)
}

/// Turn a finished layout into PDF bytes.
pub fn render(doc: &Document, layout: &layout::Layout) -> Result<Vec<u8>, WriteError> {
    // The glyphs each face uses, with their text (the first non-empty text seen).
    let mut used: BTreeMap<layout::FaceId, BTreeMap<u16, String>> = BTreeMap::new();
    for page in &layout.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                let glyphs = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    let t = glyphs.entry(g.id).or_default();
                    if t.is_empty() {
                        t.clone_from(&g.text);
                    }
                }
            }
        }
    }
    let subsets = subset::subset_all(&used)?;

    let mut pdf = PdfDocument::new(doc.meta.title.as_deref().unwrap_or(""));
    let mut font_ids: BTreeMap<layout::FaceId, (FontId, &subset::Subset)> = BTreeMap::new();
    for s in &subsets {
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&s.bytes, 0, &mut warnings).ok_or_else(|| {
            WriteError::Failed(format!(
                "cannot read the subset of {}: {warnings:?}",
                s.name
            ))
        })?;
        parsed.font_name = Some(s.name.clone());
        // A fixed resource name (`add_font` would pick a random one, and the font order
        // in the file with it).
        let id = FontId(format!("F{}", s.face));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        font_ids.insert(s.face, (id, s));
    }

    let h = layout.height;
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut ops = Vec::new();
        let mut in_text = false;
        // Glyphs left in the open `/ActualText` span.
        let mut marked = 0usize;
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let Some((font, sub)) = font_ids.get(&run.face) else {
                        continue;
                    };
                    if !in_text {
                        ops.push(Op::StartTextSection);
                        in_text = true;
                    }
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font.clone()),
                        size: Pt(run.size),
                    });
                    let texts = &used[&run.face];
                    // Advance widths as the PDF's `/W` array gives them (printpdf truncates
                    // to 1/1000 em), so that the kerns below land each glyph exactly.
                    let loaded = layout::font::get(run.face);
                    let pdf_width = |gid: u16| -> f32 {
                        loaded
                            .and_then(|l| {
                                let adv = l.face.glyph_hor_advance(GlyphId(gid))?;
                                Some((f32::from(adv) * 1000.0 / l.upem).trunc())
                            })
                            .unwrap_or(0.0)
                    };
                    // Glyphs go out in segments: one text matrix, then one `TJ` whose kerns
                    // move each glyph to its x. A segment ends at a vertical offset and at
                    // the edges of `/ActualText` spans.
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
                            flush(&mut ops, &mut seg);
                            if let Some((text, n)) = &g.actual_text {
                                ops.push(actual_text(text));
                                marked = *n;
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
                        if marked > 0 {
                            marked -= 1;
                            if marked == 0 {
                                flush(&mut ops, &mut seg);
                                ops.push(Op::EndMarkedContent);
                                last = None;
                            }
                        }
                    }
                    flush(&mut ops, &mut seg);
                }
                Item::Rule(r) => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(r.x),
                            y: Pt(h - r.y - r.height),
                            width: Pt(r.width),
                            height: Pt(r.height),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
                Item::Shade(sh) => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    ops.push(Op::SetFillColor { col: gray(sh.gray) });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(sh.rect.x),
                            y: Pt(h - sh.rect.y - sh.rect.height),
                            width: Pt(sh.rect.width),
                            height: Pt(sh.rect.height),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                    ops.push(Op::SetFillColor { col: gray(0.0) });
                }
                Item::Stroke(st) => {
                    if in_text {
                        ops.push(Op::EndTextSection);
                        in_text = false;
                    }
                    ops.push(Op::SetOutlineColor { col: gray(0.0) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(st.width) });
                    ops.push(Op::SetLineJoinStyle {
                        join: LineJoinStyle::Round,
                    });
                    ops.push(Op::SetLineCapStyle {
                        cap: LineCapStyle::Round,
                    });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: st
                                .points
                                .iter()
                                .map(|&(x, y)| LinePoint {
                                    p: Point {
                                        x: Pt(x),
                                        y: Pt(h - y),
                                    },
                                    bezier: false,
                                })
                                .collect(),
                            is_closed: st.closed,
                        },
                    });
                }
                // Added in `fixup` (annotations; image XObjects).
                Item::Link(_) | Item::Image(_) => {}
            }
        }
        if in_text {
            ops.push(Op::EndTextSection);
        }
        pages.push(PdfPage::new(
            Mm::from(Pt(layout.width)),
            Mm::from(Pt(layout.height)),
            ops,
        ));
    }
    pdf.with_pages(pages);

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

/// Deflate every stream not yet filtered, on two threads, at zlib's fast level. lopdf's
/// own `compress` uses the slowest level: on the seed that took half the conversion time,
/// and level 1 instead of 9 costs about 7% in size (181 KB instead of 169 KB).
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.dict.get(b"Filter").is_err() && s.content.len() > 64)
        .collect();
    let half = streams.len() / 2;
    let (a, b) = streams.split_at_mut(half);
    let work = |part: &mut [&mut lopdf::Stream]| {
        for s in part.iter_mut() {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            if z.write_all(&s.content).is_ok() {
                if let Ok(packed) = z.finish() {
                    if packed.len() < s.content.len() {
                        s.dict
                            .set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
                        s.set_content(packed);
                    }
                }
            }
        }
    };
    std::thread::scope(|scope| {
        scope.spawn(|| work(a));
        work(b);
    });
}
