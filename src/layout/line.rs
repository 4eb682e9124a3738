//! Stage 5, line: set each line's units at their x positions — line-edge punctuation,
//! then justification or alignment.

use super::flow::{NoteMark, Par, ParAlign, Span, SpanKind};
use super::font::Book;
use super::linebreak::{
    end_trim, grid_end, measure, shrink_cap, stretchable, LineRange, GAP_SHRINK,
};
use super::set::{LineImage, LineRun, SetLine};
use super::text::{ClusterText, UnitGlyphs};
use super::units::{Kind, UGlyph, Unit};
use super::{Glyph, LineEnd, LinkTarget};
use crate::style::Style;
use std::ops::Range;

/// How far a line may run past its measure, in points, before it is squeezed (rounding
/// in the sums of widths).
const OVERFULL: f32 = 0.001;

/// Shape a paragraph for setting: its spans after soft-break resolution and its units,
/// with the Han–Latin gaps in place (stages 2 and 3).
pub(crate) fn shape_units(
    par: &Par,
    style: &Style,
    book: &Book,
    diag: &mut crate::Diagnostics,
) -> (Vec<Span>, Vec<Unit>) {
    let (spans, units) = super::shape::shape_par(par, style, book, diag);
    (spans, super::prepare::cjk_latin_spacing(units, style))
}

/// Break and set shaped units into lines (stages 4 and 5).
pub(crate) fn set_shaped(
    par: &Par,
    spans: &[Span],
    units: &[Unit],
    style: &Style,
    book: &Book,
) -> Vec<SetLine> {
    let breaks = super::linebreak::break_lines(par, spans, units, style, book);
    build_lines(par, spans, units, &breaks, style, book)
}

/// Shape, break and justify one paragraph: the one way every paragraph, list marker, cell
/// and page number is set.
pub(crate) fn set_paragraph(
    par: &Par,
    style: &Style,
    book: &Book,
    diag: &mut crate::Diagnostics,
) -> Vec<SetLine> {
    let (spans, units) = shape_units(par, style, book, diag);
    set_shaped(par, &spans, &units, style, book)
}

/// Set the lines of a paragraph.
pub(crate) fn build_lines(
    par: &Par,
    spans: &[Span],
    units: &[Unit],
    breaks: &[LineRange],
    style: &Style,
    book: &Book,
) -> Vec<SetLine> {
    (0..breaks.len())
        .map(|li| set_line(par, spans, units, breaks, li, style, book))
        .collect()
}

/// Set line `li` of `breaks`: its visible units at their edges, squeezed, filled or
/// justified into the measure (or aligned in it), then placed.
fn set_line(
    par: &Par,
    spans: &[Span],
    units: &[Unit],
    breaks: &[LineRange],
    li: usize,
    style: &Style,
    book: &Book,
) -> SetLine {
    let first = li == 0;
    let last = li + 1 == breaks.len() || breaks[li].hard;
    let m = measure(par, style, first);
    let x_start = par.indent_left + if first { par.first_indent } else { 0.0 };
    let us = &units[visible(units, breaks, li)];
    // A line broken inside a word ends with a hyphen in the word's face and size.
    let with_hyphen = if breaks[li].hyphen {
        hyphenated(us, book)
    } else {
        None
    };
    let hyphen = with_hyphen.is_some();
    let us = with_hyphen.as_deref().unwrap_or(us);
    let grid = style.char_pitch().is_some();
    let (mut fit, end_cut) = Fit::at_edges(us, first, grid.then_some(m));
    let natural: f32 = fit.widths.iter().sum::<f32>() + fit.gaps.iter().sum::<f32>();
    let justify = par.align == ParAlign::Justify && !last;
    let mut extra = m - natural;
    let mut offset = match par.align {
        ParAlign::Justify | ParAlign::Left => 0.0,
        ParAlign::Right => extra.max(0.0),
        ParAlign::Center => (extra / 2.0).max(0.0),
    };
    if extra < -OVERFULL && !par.wrap_mark {
        extra = fit.squeeze(us, end_cut, extra, grid);
        offset = 0.0;
    }
    if fit.fill(us, extra) {
        extra = 0.0;
        offset = 0.0;
    }
    if justify && extra > 0.0 {
        fit.justify(us, extra);
    }
    let left = x_start + offset;
    let placed = place_units(us, spans, &fit, left, hyphen);
    SetLine {
        runs: placed.runs,
        images: placed.images,
        links: placed.links,
        strikes: placed.strikes,
        notes: placed.notes,
        wrapped: !last,
        text: placed.text,
        left,
        right: placed.right,
        measure_right: x_start + m,
        end: if justify {
            LineEnd::Full
        } else {
            LineEnd::Last
        },
    }
}

/// Units `us` of a line broken inside a word, followed by a hyphen unit: the hyphen glyph
/// in the face and size of the last unit (part of its span: a link or strike-through runs
/// on under it), with no text (the line's text stays the word as written); `None` when
/// the face has no hyphen (`hyphenate` finds no points in it then).
fn hyphenated(us: &[Unit], book: &Book) -> Option<Vec<Unit>> {
    let last = us.last()?;
    let (id, width) = super::hyphenate::hyphen(book, last.face, last.size)?;
    let mut out = us.to_vec();
    out.push(Unit {
        text: ClusterText::default(),
        glyphs: UnitGlyphs::One(UGlyph {
            id,
            dx: 0.0,
            dy: 0.0,
        }),
        width,
        kind: Kind::Narrow,
        gap_before: 0.0,
        mark: false,
        ..last.clone()
    });
    Some(out)
}

/// The units of line `li` that are visible: without trailing spaces and the forced-break
/// marker, and without the spaces a line broken there left at its start.
fn visible(units: &[Unit], breaks: &[LineRange], li: usize) -> Range<usize> {
    let lr = &breaks[li];
    let mut end = lr.range.end;
    while end > lr.range.start && matches!(units[end - 1].kind, Kind::Space | Kind::Newline) {
        end -= 1;
    }
    let mut start = lr.range.start;
    // Spaces where a line was broken hang at the previous line's end; spaces after a
    // forced break (indentation in code) are kept.
    if li > 0 && !breaks[li - 1].hard {
        while start < end && units[start].kind == Kind::Space {
            start += 1;
        }
    }
    start..end
}

/// How a line's units are spaced, one entry per unit.
struct Fit {
    /// Advance widths, after line-edge and compression cuts.
    widths: Vec<f32>,
    /// How far each unit's glyphs move from its pen position (left when negative): a cut
    /// blank half.
    shifts: Vec<f32>,
    /// CJK–Latin gaps before the units.
    gaps: Vec<f32>,
    /// Justification space before the units.
    between: Vec<f32>,
}

impl Fit {
    /// The natural spacing of line units `us` with the line-edge rules applied (`first`:
    /// the paragraph's first line; `grid`: the measure of a line on a character grid), and
    /// what the last unit lost at the line end.
    fn at_edges(us: &[Unit], first: bool, grid: Option<f32>) -> (Fit, f32) {
        let mut fit = Fit {
            widths: us.iter().map(|u| u.width).collect(),
            shifts: vec![0.0; us.len()],
            gaps: us.iter().map(|u| u.gap_before).collect(),
            between: vec![0.0; us.len()],
        };
        if let Some(g) = fit.gaps.first_mut() {
            *g = 0.0; // no CJK–Latin gap at a line start (clreq §3.2.2)
        }
        // Line-end punctuation is set half-width (GB/T 15834 §5.1.10, clreq §3.1.6.3).
        // On a character grid it keeps its cell, or hangs in the margin when the line is
        // full (`linebreak::grid_end`).
        let mut end_cut = 0.0;
        if let Some(u) = us.last() {
            end_cut = match grid {
                Some(m) => {
                    let natural: f32 =
                        us.iter().map(|u| u.width).sum::<f32>() + fit.gaps.iter().sum::<f32>();
                    natural - grid_end(natural, u, m)
                }
                None => end_trim(u),
            };
            if let Some(lw) = fit.widths.last_mut() {
                *lw -= end_cut;
            }
        }
        // An opening mark starting a continuation line loses its blank half
        // (clreq §3.1.6.3).
        if !first && !us.is_empty() && us[0].kind == Kind::Open {
            let cut = (us[0].width - 0.5 * us[0].size).max(0.0);
            fit.widths[0] -= cut;
            fit.shifts[0] -= cut;
        }
        (fit, end_cut)
    }

    /// Squeeze a line that is too tight (`extra` < 0: the break stage counted on
    /// compression): punctuation, gaps and spaces give in proportion to what each can
    /// (clreq §3.1.6.1), the last unit nothing when already cut by `end_cut`. Returns
    /// what is left of `extra`.
    fn squeeze(&mut self, us: &[Unit], end_cut: f32, extra: f32, grid: bool) -> f32 {
        let caps: Vec<f32> = us
            .iter()
            .enumerate()
            .map(|(k, u)| {
                if (k + 1 == us.len() && end_cut > 0.0) || (grid && u.kind != Kind::Space) {
                    0.0
                } else {
                    shrink_cap(u)
                }
            })
            .collect();
        let total: f32 =
            caps.iter().sum::<f32>() + self.gaps.iter().map(|g| g * GAP_SHRINK).sum::<f32>();
        let mut extra = extra;
        if total > 0.0 {
            let ratio = (-extra / total).min(1.0);
            for k in 0..us.len() {
                let cut = caps[k] * ratio;
                self.widths[k] -= cut;
                match us[k].kind {
                    Kind::Open => self.shifts[k] -= cut,
                    Kind::Middle => self.shifts[k] -= cut / 2.0,
                    _ => {}
                }
                self.gaps[k] -= self.gaps[k] * GAP_SHRINK * ratio;
            }
            extra += total * ratio;
        }
        extra
    }

    /// Give what is left of the line (`extra` > 0) to its fill, if it has one: the page
    /// number of a contents line sits at the right margin. Whether it took it.
    fn fill(&mut self, us: &[Unit], extra: f32) -> bool {
        match us.iter().position(|u| u.kind == Kind::Fill) {
            Some(k) if extra > 0.0 => {
                self.widths[k] += extra;
                true
            }
            _ => false,
        }
    }

    /// Spread `extra` over the stretchable boundaries so that the line ends exactly at the
    /// measure (clreq §3.1.6); last lines are not stretched.
    fn justify(&mut self, us: &[Unit], extra: f32) {
        let slots: Vec<usize> = (1..us.len())
            .filter(|&k| stretchable(&us[k - 1], &us[k]))
            .collect();
        if !slots.is_empty() {
            let each = extra / slots.len() as f32;
            for k in slots {
                self.between[k] = each;
            }
        }
    }

    /// The stretches of units joined by CJK–Latin gaps, first and last index: their text
    /// is marked for extraction as one piece (the gap is layout, not a space in the text).
    fn joined(&self) -> Vec<(usize, usize)> {
        let mut joined: Vec<(usize, usize)> = Vec::new();
        for (k, &gap) in self.gaps.iter().enumerate().skip(1) {
            if gap > 0.0 {
                match joined.last_mut() {
                    Some(g) if g.1 + 1 >= k => g.1 = k,
                    _ => joined.push((k - 1, k)),
                }
            }
        }
        joined
    }
}

/// A line's units as placed: what becomes of them in the set line.
#[derive(Default)]
struct Placed {
    /// Glyph runs.
    runs: Vec<LineRun>,
    /// Images.
    images: Vec<LineImage>,
    /// Link areas: x from, x to, target.
    links: Vec<(f32, f32, LinkTarget)>,
    /// Strike-through: x from, x to, font size.
    strikes: Vec<(f32, f32, f32)>,
    /// The source text.
    text: String,
    /// The footnotes referred to.
    notes: Vec<usize>,
    /// Where the last advance ends.
    right: f32,
}

/// Place units `us` spaced by `fit` from `x` on: their glyphs or images, text, footnote
/// marks, link areas and strike-through. When `hyphen`, the last unit is the hyphen of a
/// line broken inside a word.
fn place_units(us: &[Unit], spans: &[Span], fit: &Fit, x: f32, hyphen: bool) -> Placed {
    let joined = fit.joined();
    let mut out = Placed::default();
    let mut x = x;
    for (k, u) in us.iter().enumerate() {
        x += fit.gaps[k] + fit.between[k];
        out.text.push_str(&u.text);
        if let SpanKind::Image(image) = &spans[u.span].kind {
            out.images.push(LineImage {
                image: image.image,
                x,
                width: fit.widths[k],
                height: image.height,
                size: u.size,
            });
        } else if !u.glyphs.is_empty() {
            let mut actual_text = joined.iter().find(|g| g.0 == k).map(|&(a, b)| {
                let text: String = us[a..=b].iter().map(|u| u.text.as_str()).collect();
                (text, us[a..=b].iter().map(|u| u.glyphs.len()).sum())
            });
            // A character no face has shows the missing glyph, which all such characters
            // share (and the font's `/ToUnicode` maps to U+FFFD): its own text goes with
            // it, unless a joined stretch already carries it.
            let in_joined = joined.iter().any(|&(a, b)| (a..=b).contains(&k));
            if !in_joined && u.glyphs.iter().any(|g| g.id == 0) {
                actual_text = Some((u.text.as_str().to_owned(), u.glyphs.len()));
            }
            if hyphen && k + 1 == us.len() {
                out.hyphen(u, x + fit.shifts[k]);
            } else {
                out.glyphs(u, x + fit.shifts[k], actual_text);
            }
        } else if !u.text.is_empty() {
            // Text without glyphs (format characters): attach to the previous glyph.
            if let Some(g) = out.runs.last_mut().and_then(|r| r.glyphs.last_mut()) {
                g.text.push_str(&u.text);
            }
        }
        let x_end = x + fit.widths[k];
        out.span_marks(&spans[u.span], u.size, x, x_end);
        x = x_end;
    }
    out.right = x;
    out
}

impl Placed {
    /// Unit `u`'s glyphs with its origin at `ux`, in the last run when face, size and
    /// slant match, else in a new one; the first glyph carries the unit's text (and the
    /// `actual_text` of a joined stretch that starts here).
    fn glyphs(&mut self, u: &Unit, ux: f32, actual_text: Option<(String, usize)>) {
        let same = self
            .runs
            .last()
            .is_some_and(|r| r.face == u.face && r.size == u.size && r.slant == u.slant);
        if !same {
            self.runs.push(LineRun {
                face: u.face,
                size: u.size,
                slant: u.slant,
                glyphs: Vec::new(),
            });
        }
        let run = self.runs.last_mut().expect("pushed above");
        for (gi, g) in u.glyphs.iter().enumerate() {
            run.glyphs.push(Glyph {
                id: g.id,
                x: ux + g.dx,
                dy: g.dy,
                text: if gi == 0 {
                    u.text.clone()
                } else {
                    ClusterText::default()
                },
                actual_text: if gi == 0 {
                    actual_text.clone().map(Box::new)
                } else {
                    None
                },
            });
        }
    }

    /// The hyphen unit `u` at `ux`, which ends a line broken inside a word. Its glyph maps
    /// to `-` like any hyphen (they share the glyph, and the font's character map), and is
    /// marked to be extracted as a soft hyphen (U+00AD, the character for a hyphen that
    /// hyphenation added): extractors honouring `/ActualText` give the word as written
    /// with a soft hyphen at the line end (pdftotext: `re\u{AD}` at one line's end,
    /// `spects` at the next one's start), the others a `-` there.
    fn hyphen(&mut self, u: &Unit, ux: f32) {
        self.glyphs(u, ux, Some(("\u{AD}".to_string(), 1)));
        if let Some(g) = self.runs.last_mut().and_then(|r| r.glyphs.last_mut()) {
            g.text = ClusterText::new("-");
        }
    }

    /// What `span` marks on a unit of `size` from `x` to `x_end`: its footnote, its link
    /// area and its strike-through (each joined with the previous one when adjacent).
    fn span_marks(&mut self, span: &Span, size: f32, x: f32, x_end: f32) {
        if let Some(NoteMark::Note(n)) = span.note {
            if !self.notes.contains(&n) {
                self.notes.push(n);
            }
        }
        if let Some(url) = &span.link {
            match self.links.last_mut() {
                Some(l) if l.2 == *url && (l.1 - x).abs() < size => l.1 = x_end,
                _ => self.links.push((x, x_end, url.clone())),
            }
        }
        if span.strike {
            match self.strikes.last_mut() {
                Some(s) if (s.1 - x).abs() < size => s.1 = x_end,
                _ => self.strikes.push((x, x_end, size)),
            }
        }
    }
}
