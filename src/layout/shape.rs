//! Stage 3, shape: pick a face for every character (the role's face from the conversion's
//! font book, then per-character fallback through the bundled faces), shape runs with
//! rustybuzz, and cut the result into [`Unit`]s — the
//! clusters that line breaking and justification work on.

use super::flow::{InlineImage, Par, Role, Span, SpanKind};
use super::font::{Book, FaceId};
use super::prepare::resolve_soft_breaks;
use super::text::{ClusterText, UnitGlyphs};
use super::units::{among, Kind, UGlyph, Unit};
use crate::diag::WarningKind;
use crate::fonts::Weight;
use crate::script::is_wide;
use crate::style::{FontStack, Style};
use crate::Diagnostics;
use rustybuzz::ttf_parser::Tag;

/// Closing and stop punctuation that sits in the left half of its em box.
const CLOSE: &str = "，。、；：？！）》〉】〗〕］｝」』”’．｡､％";
/// Opening punctuation that sits in the right half of its em box.
const OPEN: &str = "（《〈【〖〔［｛「『“‘";
/// Centred punctuation.
const MIDDLE: &str = "·・‧";

/// Shape one paragraph into units. Returns the spans after soft-break resolution, which
/// [`Unit::span`] indexes.
pub(crate) fn shape_par(
    par: &Par,
    style: &Style,
    book: &Book,
    diag: &mut Diagnostics,
) -> (Vec<Span>, Vec<Unit>) {
    let spans = resolve_soft_breaks(&par.spans);
    let mut units = Vec::new();
    for (si, span) in spans.iter().enumerate() {
        let (stack, weight) = role_face(span.role, style);
        let wanted = find_stack(book, stack, weight, diag);
        let primary = wanted.first().copied();
        match &span.kind {
            SpanKind::Text(text) => {
                // Sans before serif for anything the wanted face lacks (code, symbols).
                let first = |stack: &FontStack, diag: &mut Diagnostics| {
                    find_stack(book, stack, weight, diag).first().copied()
                };
                let mut preferred: Vec<Option<FaceId>> = wanted.iter().copied().map(Some).collect();
                preferred.push(first(&style.heading.h1.font, diag));
                preferred.push(first(&style.body.font, diag));
                let chain = book.fallback_chain(&preferred, weight);
                let body = (span.role == Role::Emph).then(|| {
                    let faces = [
                        first(&style.body.font, diag),
                        first(&style.heading.h1.font, diag),
                    ];
                    book.fallback_chain(&faces, weight)
                });
                let from = units.len();
                if span.note.is_some() {
                    // A footnote mark: a raised, smaller number.
                    let size = span.size * NOTE_MARK_SCALE;
                    shape_text(text, &chain, size, si, book, diag, &mut units);
                    for u in &mut units[from..] {
                        u.mark = true;
                        u.glyphs
                            .iter_mut()
                            .for_each(|g| g.dy += NOTE_MARK_RISE * span.size);
                    }
                } else if let Some(body) = &body {
                    // Emphasis: Han text upright in the emphasis face (Chinese has no
                    // italics); Latin text in the body face, slanted, so that it matches
                    // the words around it.
                    for (wide, piece) in by_width(text) {
                        let from = units.len();
                        let faces = if wide { &chain } else { body };
                        shape_text(piece, faces, span.size, si, book, diag, &mut units);
                        for u in &mut units[from..] {
                            u.slant = !wide;
                        }
                    }
                } else {
                    shape_text(text, &chain, span.size, si, book, diag, &mut units);
                }
            }
            SpanKind::Image(image) => {
                let mut u = empty(Kind::Image, image.width, span.size, si, primary);
                u.text = ClusterText::new(InlineImage::CHAR.encode_utf8(&mut [0; 4]));
                units.push(u);
            }
            SpanKind::Hard => units.push(empty(Kind::Newline, 0.0, span.size, si, primary)),
            SpanKind::Fill => units.push(empty(Kind::Fill, 0.0, span.size, si, primary)),
            SpanKind::Soft => {}
        }
    }
    if let Some(pitch) = style.char_pitch() {
        on_char_grid(&mut units, pitch - style.body.size);
    }
    (spans, units)
}

/// A character grid (GB/T 9704's 28 characters a line; Word's `w:docGrid
/// w:type="linesAndChars"`): every full-width character's advance changes by `delta`, the
/// grid's pitch less the body size, as Word's `w:charSpace` does. The ink keeps its place
/// in the em box: centred characters move by half the change, opening marks by all of it.
fn on_char_grid(units: &mut [Unit], delta: f32) {
    for u in units {
        let shift = match u.kind {
            Kind::Wide | Kind::Middle => 0.5 * delta,
            Kind::Open => delta,
            Kind::Close => 0.0,
            _ => continue,
        };
        if u.mark || u.width < 0.75 * u.size {
            continue;
        }
        u.width += delta;
        u.glyphs.iter_mut().for_each(|g| g.dx += shift);
    }
}

/// The face of `family` nearest to `weight`, if the book has one that may be embedded; a
/// face whose licence forbids embedding is not used (its characters fall back to the next
/// faces), with a notice.
fn usable(book: &Book, family: &str, weight: Weight, diag: &mut Diagnostics) -> Option<FaceId> {
    let id = book.find(family, weight)?;
    let loaded = book.get(id)?;
    if let Some(why) = loaded.refusal() {
        let name = book.info(id).map_or(family, |i| i.family());
        diag.warn_as(
            WarningKind::Font,
            format!("font {name:?} is not used: {why}; its characters are set in a fallback face"),
        );
        return None;
    }
    Some(id)
}

/// `text` cut into pieces of wide (CJK) and other characters; spaces and punctuation go
/// with the piece they follow.
fn by_width(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut cur: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let wide = if is_wide(c) || c.is_alphanumeric() {
            is_wide(c)
        } else {
            continue;
        };
        match cur {
            Some(w) if w != wide => {
                out.push((w, &text[start..i]));
                start = i;
                cur = Some(wide);
            }
            None => cur = Some(wide),
            _ => {}
        }
    }
    if start < text.len() {
        out.push((cur.unwrap_or(false), &text[start..]));
    }
    out
}

/// Size of a footnote reference mark, as a multiple of its text's size.
const NOTE_MARK_SCALE: f32 = 0.6;
/// How far a footnote reference mark is raised, as a multiple of its text's size.
const NOTE_MARK_RISE: f32 = 0.38;

/// The families and weight for a role.
fn role_face(role: Role, style: &Style) -> (&FontStack, Weight) {
    let weight = |bold: bool| if bold { Weight::Bold } else { Weight::Regular };
    match role {
        Role::Body => (&style.body.font, Weight::Regular),
        Role::Bold => (&style.body.font, Weight::Bold),
        Role::Heading(level) => {
            let h = style.heading(level);
            (&h.font, weight(h.bold))
        }
        Role::Subtitle => (&style.title.subtitle_font, Weight::Bold),
        Role::Emph => (&style.emphasis.font, Weight::Regular),
        Role::Mono => (&style.code.font, Weight::Regular),
        Role::Title => (&style.title.font, weight(style.title.bold)),
        Role::PageNumber => (style.page_number_font(), Weight::Regular),
    }
}

/// The faces of `stack` that exist and may be used, in its order.
fn find_stack(
    book: &Book,
    stack: &FontStack,
    weight: Weight,
    diag: &mut Diagnostics,
) -> Vec<FaceId> {
    let mut out = Vec::new();
    for name in stack.names() {
        if let Some(id) = usable(book, name, weight, diag) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn empty(kind: Kind, width: f32, size: f32, span: usize, face: Option<FaceId>) -> Unit {
    Unit {
        text: ClusterText::default(),
        glyphs: UnitGlyphs::none(),
        face: face.unwrap_or(0),
        size,
        width,
        kind,
        gap_before: 0.0,
        span,
        slant: false,
        mark: false,
    }
}

/// Characters that need no glyph of their own (format and control characters).
fn invisible(c: char) -> bool {
    matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F | 0x200B..=0x200F | 0x2028..=0x202E
        | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF | 0xAD)
}

/// Split `text` into runs of one face each and shape them.
fn shape_text(
    text: &str,
    chain: &[FaceId],
    size: f32,
    span: usize,
    book: &Book,
    diag: &mut Diagnostics,
    out: &mut Vec<Unit>,
) {
    let Some(&first) = chain.first() else {
        diag.warn_as(
            WarningKind::Font,
            "no font is available: text cannot be set",
        );
        return;
    };
    // “ ” ‘ ’ are shared with English: next to Chinese text they take the full-width
    // forms (`fwid`), next to Latin text only the proportional ones (`pwid`); alone in a
    // span they keep the face's default (full width in the SC faces). User pain 3.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let quotes: Vec<(usize, &[u8; 4])> = chars
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| matches!(c, '“' | '”' | '‘' | '’'))
        .filter_map(|(k, &(i, _))| {
            let before = k.checked_sub(1).map(|p| chars[p].1);
            let after = chars.get(k + 1).map(|n| n.1);
            let near = [before, after];
            if near.iter().flatten().any(|&c| is_wide(c)) {
                Some((i, b"fwid"))
            } else if near.iter().flatten().next().is_some() {
                Some((i, b"pwid"))
            } else {
                None
            }
        })
        .collect();
    let mut run_start = 0;
    let mut run_face: Option<FaceId> = None;
    for (i, c) in text.char_indices() {
        let face = if invisible(c) {
            run_face.unwrap_or(first)
        } else if let Some(&f) = chain.iter().find(|&&f| book.covers(f, c)) {
            f
        } else {
            diag.warn_as(
                WarningKind::Glyph,
                format!(
                    "no bundled font has the character {c:?} (U+{:04X}); it is shown as a box",
                    c as u32
                ),
            );
            run_face.unwrap_or(first)
        };
        match run_face {
            Some(rf) if rf == face => {}
            Some(rf) => {
                let run = (&text[run_start..i], run_start);
                shape_run(run, &quotes, (book, rf), size, span, out);
                run_start = i;
                run_face = Some(face);
            }
            None => run_face = Some(face),
        }
    }
    if let Some(rf) = run_face {
        shape_run(
            (&text[run_start..], run_start),
            &quotes,
            (book, rf),
            size,
            span,
            out,
        );
    }
}

/// Shape one run (its text and its position in its span's text) in one face of `book`
/// and append its clusters as units. `quotes` are the span offsets of quotes and the width
/// feature each takes.
fn shape_run(
    (text, offset): (&str, usize),
    quotes: &[(usize, &[u8; 4])],
    (book, face_id): (&Book, FaceId),
    size: f32,
    span: usize,
    out: &mut Vec<Unit>,
) {
    if text.is_empty() {
        return;
    }
    let Some(loaded) = book.get(face_id) else {
        return;
    };
    let scale = size / loaded.upem;
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_direction(rustybuzz::Direction::LeftToRight);
    if let Ok(lang) = crate::fonts::book::SHAPING_LANGUAGE.parse() {
        buf.set_language(lang);
    }
    // Quotes take `fwid` or `pwid` (see `shape_text`).
    let mut features = crate::fonts::book::shaping_features();
    for &(q, tag) in quotes {
        if q >= offset && q < offset + text.len() {
            let at = q - offset;
            features.push(rustybuzz::Feature::new(Tag::from_bytes(tag), 1, at..at + 3));
        }
    }
    // The face's plan for the run's script when the run has no features of its own
    // (`rustybuzz::shape` would make the same one).
    buf.guess_segment_properties();
    let plan = (features.len() == 1)
        .then(|| loaded.shape_plan(buf.script()))
        .flatten();
    let shaped = match plan {
        Some(plan) => rustybuzz::shape_with_plan(&loaded.face, plan, buf),
        None => rustybuzz::shape(&loaded.face, &features, buf),
    };
    let infos = shaped.glyph_infos();
    let positions = shaped.glyph_positions();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster as usize;
        let mut j = i;
        while j < infos.len() && infos[j].cluster as usize == cluster {
            j += 1;
        }
        let end = infos.get(j).map_or(text.len(), |g| g.cluster as usize);
        let end = if end > cluster { end } else { text.len() };
        let ctext = &text[cluster..end];
        let mut pen = 0.0;
        let mut glyph = |(info, pos): (&rustybuzz::GlyphInfo, &rustybuzz::GlyphPosition)| {
            let g = UGlyph {
                id: info.glyph_id as u16,
                dx: pen + pos.x_offset as f32 * scale,
                dy: pos.y_offset as f32 * scale,
            };
            pen += pos.x_advance as f32 * scale;
            g
        };
        let glyphs = match (&infos[i..j], &positions[i..j]) {
            ([info], [pos]) => UnitGlyphs::One(glyph((info, pos))),
            (infos, positions) => {
                UnitGlyphs::Many(infos.iter().zip(positions).map(&mut glyph).collect())
            }
        };
        let kind = classify(ctext, pen, size);
        if ctext.chars().all(invisible) && pen == 0.0 {
            // Zero-width format characters ride on the previous unit so that they are not
            // break opportunities of their own; their text is kept.
            if let Some(prev) = out.last_mut().filter(|u| !u.text.is_empty()) {
                prev.text.push_str(ctext);
                i = j;
                continue;
            }
        }
        out.push(Unit {
            text: ClusterText::new(ctext),
            glyphs,
            face: face_id,
            size,
            width: pen,
            kind,
            gap_before: 0.0,
            span,
            slant: false,
            mark: false,
        });
        i = j;
    }
}

/// Classify a cluster by its text and its shaped width.
fn classify(text: &str, width: f32, size: f32) -> Kind {
    let mut chars = text.chars();
    let Some(c) = chars.next() else {
        return Kind::Narrow;
    };
    if c == ' ' || c == '\u{3000}' && width == 0.0 {
        return Kind::Space;
    }
    // Quotes share code points with English: full width only when the face set them so.
    let full = width >= 0.75 * size;
    if full && among(OPEN, c) {
        Kind::Open
    } else if full && among(CLOSE, c) {
        Kind::Close
    } else if full && among(MIDDLE, c) {
        Kind::Middle
    } else if is_wide(c) {
        Kind::Wide
    } else {
        Kind::Narrow
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn mark_sets_hold_no_letters() {
        for set in [super::OPEN, super::CLOSE, super::MIDDLE] {
            for c in set.chars() {
                assert!(super::among(set, c), "{c} in {set}");
            }
        }
    }
}
