//! Stage 5, line: set each line's units at their x positions — line-edge punctuation,
//! then justification or alignment.

use super::flow::{NoteMark, Par, ParAlign, Span};
use super::linebreak::{end_trim, measure, shrink_cap, LineRange};
use super::set::{LineRun, SetLine};
use super::units::{Kind, Unit};
use super::{Glyph, LineEnd};
use crate::style::Style;

/// Whether extra space may go between units `a` and `b` when justifying: around wide
/// characters and punctuation, after spaces, and in CJK–Latin gaps; never inside a
/// Latin word (clreq §3.1.6 / §3.2.2).
fn stretchable(a: &Unit, b: &Unit) -> bool {
    let wide = |k: Kind| matches!(k, Kind::Wide | Kind::Open | Kind::Close | Kind::Middle);
    if a.kind == Kind::Fill || b.kind == Kind::Fill {
        return false;
    }
    b.gap_before > 0.0 || a.kind == Kind::Space || wide(a.kind) || wide(b.kind)
}

/// Shape a paragraph for setting: its spans after soft-break resolution and its units,
/// with the Han–Latin gaps in place (stages 2 and 3).
pub(crate) fn shape_units(
    par: &Par,
    style: &Style,
    diag: &mut crate::Diagnostics,
) -> (Vec<Span>, Vec<Unit>) {
    let (spans, units) = super::shape::shape_par(par, style, diag);
    (spans, super::prepare::cjk_latin_spacing(units, style))
}

/// Break and set shaped units into lines (stages 4 and 5).
pub(crate) fn set_shaped(par: &Par, spans: &[Span], units: &[Unit], style: &Style) -> Vec<SetLine> {
    let breaks = super::linebreak::break_lines(par, units, style);
    build_lines(par, spans, units, &breaks, style)
}

/// Shape, break and justify one paragraph: the one way every paragraph, list marker, cell
/// and page number is set.
pub(crate) fn set_paragraph(
    par: &Par,
    style: &Style,
    diag: &mut crate::Diagnostics,
) -> Vec<SetLine> {
    let (spans, units) = shape_units(par, style, diag);
    set_shaped(par, &spans, &units, style)
}

/// Set the lines of a paragraph.
pub(crate) fn build_lines(
    par: &Par,
    spans: &[Span],
    units: &[Unit],
    breaks: &[LineRange],
    style: &Style,
) -> Vec<SetLine> {
    let mut out = Vec::with_capacity(breaks.len());
    for (li, lr) in breaks.iter().enumerate() {
        let first = li == 0;
        let last = li + 1 == breaks.len() || lr.hard;
        let m = measure(par, style, first);
        let x_start = par.indent_left + if first { par.first_indent } else { 0.0 };
        // Visible units: drop trailing spaces and the forced-break marker.
        let mut end = lr.range.end;
        while end > lr.range.start && matches!(units[end - 1].kind, Kind::Space | Kind::Newline) {
            end -= 1;
        }
        let mut start = lr.range.start;
        // Spaces where a line was broken hang at the previous line's end; spaces after a
        // forced break (indentation in code) are kept.
        if !first && !breaks[li - 1].hard {
            while start < end && units[start].kind == Kind::Space {
                start += 1;
            }
        }
        let us = &units[start..end];
        let mut widths: Vec<f32> = us.iter().map(|u| u.width).collect();
        let mut shifts: Vec<f32> = vec![0.0; us.len()];
        let mut gaps: Vec<f32> = us.iter().map(|u| u.gap_before).collect();
        if let Some(g) = gaps.first_mut() {
            *g = 0.0; // no CJK–Latin gap at a line start (clreq §3.2.2)
        }
        // Line-end punctuation is set half-width (GB/T 15834 §5.1.10, clreq §3.1.6.3).
        let mut end_cut = 0.0;
        if let Some(lw) = widths.last_mut() {
            end_cut = end_trim(&us[us.len() - 1]);
            *lw -= end_cut;
        }
        // An opening mark starting a continuation line loses its blank half
        // (clreq §3.1.6.3).
        if !first && !us.is_empty() && us[0].kind == Kind::Open {
            let cut = (us[0].width - 0.5 * us[0].size).max(0.0);
            widths[0] -= cut;
            shifts[0] -= cut;
        }
        let natural: f32 = widths.iter().sum::<f32>() + gaps.iter().sum::<f32>();
        let justify = par.align == ParAlign::Justify && !last;
        let mut extra = m - natural;
        let mut offset = match par.align {
            ParAlign::Justify | ParAlign::Left => 0.0,
            ParAlign::Right => extra.max(0.0),
            ParAlign::Center => (extra / 2.0).max(0.0),
        };
        let mut between = vec![0.0f32; us.len()];
        if extra < -0.001 && !par.wrap_mark {
            // Too tight (the break stage counted on compression): squeeze punctuation,
            // gaps and spaces in proportion to what each can give (clreq §3.1.6.1).
            let caps: Vec<f32> = us
                .iter()
                .enumerate()
                .map(|(k, u)| {
                    if k + 1 == us.len() && end_cut > 0.0 {
                        0.0
                    } else {
                        shrink_cap(u)
                    }
                })
                .collect();
            let total: f32 = caps.iter().sum::<f32>() + gaps.iter().map(|g| g * 0.5).sum::<f32>();
            if total > 0.0 {
                let ratio = (-extra / total).min(1.0);
                for k in 0..us.len() {
                    let cut = caps[k] * ratio;
                    widths[k] -= cut;
                    match us[k].kind {
                        Kind::Open => shifts[k] -= cut,
                        Kind::Middle => shifts[k] -= cut / 2.0,
                        _ => {}
                    }
                    gaps[k] -= gaps[k] * 0.5 * ratio;
                }
                extra += total * ratio;
            }
            offset = 0.0;
        }
        if let Some(k) = us.iter().position(|u| u.kind == Kind::Fill) {
            // A fill takes what is left: the page number of a contents line sits at the
            // right margin.
            if extra > 0.0 {
                widths[k] += extra;
                extra = 0.0;
                offset = 0.0;
            }
        }
        if justify && extra > 0.0 {
            // Spread what is left over the stretchable boundaries so that the line ends
            // exactly at the measure (clreq §3.1.6); last lines are not stretched.
            let slots: Vec<usize> = (1..us.len())
                .filter(|&k| stretchable(&us[k - 1], &us[k]))
                .collect();
            if !slots.is_empty() {
                let each = extra / slots.len() as f32;
                for k in slots {
                    between[k] = each;
                }
            }
        }
        // Stretches joined by CJK–Latin gaps: their text is marked for extraction as one
        // piece (the gap is layout, not a space in the text).
        let mut joined: Vec<(usize, usize)> = Vec::new();
        for (k, &gap) in gaps.iter().enumerate().skip(1) {
            if gap > 0.0 {
                match joined.last_mut() {
                    Some(g) if g.1 + 1 >= k => g.1 = k,
                    _ => joined.push((k - 1, k)),
                }
            }
        }
        // Place.
        let mut x = x_start + offset;
        let left = x;
        let mut runs: Vec<LineRun> = Vec::new();
        let mut links: Vec<(f32, f32, super::LinkTarget)> = Vec::new();
        let mut strikes: Vec<(f32, f32, f32)> = Vec::new();
        let mut text = String::new();
        let mut notes: Vec<usize> = Vec::new();
        for (k, u) in us.iter().enumerate() {
            x += gaps[k] + between[k];
            let ux = x + shifts[k];
            text.push_str(&u.text);
            if !u.glyphs.is_empty() {
                let same = runs
                    .last()
                    .is_some_and(|r| r.face == u.face && r.size == u.size && r.slant == u.slant);
                if !same {
                    runs.push(LineRun {
                        face: u.face,
                        size: u.size,
                        slant: u.slant,
                        glyphs: Vec::new(),
                    });
                }
                let run = runs.last_mut().expect("pushed above");
                let actual_text = joined.iter().find(|g| g.0 == k).map(|&(a, b)| {
                    let text: String = us[a..=b].iter().map(|u| u.text.as_str()).collect();
                    (text, us[a..=b].iter().map(|u| u.glyphs.len()).sum())
                });
                for (gi, g) in u.glyphs.iter().enumerate() {
                    run.glyphs.push(Glyph {
                        id: g.id,
                        x: ux + g.dx,
                        dy: g.dy,
                        text: if gi == 0 {
                            u.text.clone()
                        } else {
                            String::new()
                        },
                        actual_text: if gi == 0 { actual_text.clone() } else { None },
                    });
                }
            } else if !u.text.is_empty() {
                // Text without glyphs (format characters): attach to the previous glyph.
                if let Some(g) = runs.last_mut().and_then(|r| r.glyphs.last_mut()) {
                    g.text.push_str(&u.text);
                }
            }
            let span = &spans[u.span];
            let x_end = x + widths[k];
            if let Some(NoteMark::Note(n)) = span.note {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
            if let Some(url) = &span.link {
                match links.last_mut() {
                    Some(l) if l.2 == *url && (l.1 - x).abs() < u.size => l.1 = x_end,
                    _ => links.push((x, x_end, url.clone())),
                }
            }
            if span.strike {
                match strikes.last_mut() {
                    Some(s) if (s.1 - x).abs() < u.size => s.1 = x_end,
                    _ => strikes.push((x, x_end, u.size)),
                }
            }
            x = x_end;
        }
        out.push(SetLine {
            runs,
            links,
            strikes,
            notes,
            wrapped: !last,
            text,
            left,
            right: x,
            measure_right: x_start + m,
            end: if justify {
                LineEnd::Full
            } else {
                LineEnd::Last
            },
        });
    }
    out
}
