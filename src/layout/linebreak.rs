//! Stage 4, linebreak: where lines may end (UAX #14 plus the Chinese prohibition rules)
//! and where they do end (greedy, with punctuation compression before pulling a
//! character down, and no paragraph ending in a lone character).

use super::flow::{Par, ParAlign};
use super::units::{Kind, Unit};
use crate::style::Style;
use std::ops::Range;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Marks that may not start a line (clreq §3.1.7, GB/T 15834 "basic" plus the strict
/// dash and ellipsis rule): closing and stop punctuation, connectors, middle dots.
pub(crate) const NO_START: &str = "、，；：。！？．‼⁇⁈⁉”’」』）》〉】〗〕］｝〙〛\
    ～–—―…‥·・‧゠々ヽヾゝゞーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ\
    ,.;:!?)]}%‰℃°′″";
/// Marks that may not end a line (clreq §3.1.7): opening punctuation, and the solidus in
/// GB style.
pub(crate) const NO_END: &str = "“‘「『（《〈【〖〔［｛〘〚([{／";

/// A line: the units it holds and whether a forced break ended it.
#[derive(Debug, Clone)]
pub(crate) struct LineRange {
    /// Units of the line.
    pub range: Range<usize>,
    /// Ended by a forced break (set like a last line).
    pub hard: bool,
}

/// The width available to line `index` of `par`.
pub(crate) fn measure(par: &Par, style: &Style, first: bool) -> f32 {
    let (w, _) = style.page.paper.size_pt();
    let mut m =
        w - style.page.margins.left - style.page.margins.right - par.indent_left - par.indent_right;
    if first {
        m -= par.first_indent;
    }
    m.max(par.size)
}

/// Whether a line may end after each unit.
pub(crate) fn opportunities(units: &[Unit]) -> Vec<bool> {
    let n = units.len();
    let mut allow = vec![false; n];
    // UAX #14 on the paragraph's text, mapped onto unit ends.
    let mut text = String::new();
    let mut end_of: std::collections::HashMap<usize, usize> = Default::default();
    for (k, u) in units.iter().enumerate() {
        text.push_str(&u.text);
        if !u.text.is_empty() {
            end_of.insert(text.len(), k);
        }
    }
    for (pos, opp) in linebreaks(&text) {
        if pos < text.len()
            && matches!(opp, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
        {
            if let Some(&k) = end_of.get(&pos) {
                allow[k] = true;
            }
        }
    }
    for k in 0..n {
        match units[k].kind {
            Kind::Newline | Kind::Fill => {
                allow[k] = true;
                if k > 0 {
                    allow[k - 1] = true;
                }
                continue;
            }
            _ => {}
        }
        if k + 1 >= n || units[k + 1].text.is_empty() {
            continue;
        }
        let (Some(a), Some(b)) = (
            units[k].text.chars().last(),
            units[k + 1].text.chars().next(),
        ) else {
            continue;
        };
        let (ka, kb) = (units[k].kind, units[k + 1].kind);
        let cjk = |k: Kind| matches!(k, Kind::Wide | Kind::Open | Kind::Close | Kind::Middle);
        // UAX #14 (Unicode 15.0) forbids a break on either side of a quotation mark; in
        // Chinese text a line may break before an opening and after a closing quote
        // (clreq §3.1.7; Unicode 15.1 LB19a).
        if (b == '“' || b == '‘') && kb == Kind::Open && cjk(ka) {
            allow[k] = true;
        }
        if (a == '”' || a == '’') && ka == Kind::Close && cjk(kb) {
            allow[k] = true;
        }
        // The prohibition rules (clreq §3.1.7).
        if NO_START.contains(b) || NO_END.contains(a) {
            allow[k] = false;
        }
        // A footnote mark stays with the text it follows.
        if units[k + 1].mark {
            allow[k] = false;
        }
        // A two-em dash or an ellipsis is never split (clreq §3.1.7).
        if a == b && matches!(a, '—' | '…' | '⸺' | '⸻' | '·') {
            allow[k] = false;
        }
    }
    allow
}

/// The share of a CJK–Latin gap that a tight line may take back (clreq §3.1.6.1).
pub(crate) const GAP_SHRINK: f32 = 0.5;

/// How much a unit can give when a line is tight: half of a full-width mark, a third of a
/// space (clreq §3.1.6.1, punctuation compression); its gap before gives [`GAP_SHRINK`].
pub(crate) fn shrink_cap(u: &Unit) -> f32 {
    match u.kind {
        Kind::Open | Kind::Close => (u.width - 0.5 * u.size).max(0.0),
        Kind::Middle => (u.width - 0.5 * u.size).max(0.0),
        Kind::Space => u.width / 3.0,
        _ => 0.0,
    }
}

/// What a full-width closing mark loses at a line end: it is set half-width
/// (GB/T 15834 §5.1.10, clreq §3.1.6.3).
pub(crate) fn end_trim(u: &Unit) -> f32 {
    match u.kind {
        Kind::Close => (u.width - 0.5 * u.size).max(0.0),
        _ => 0.0,
    }
}

/// On a character grid, the width a line of natural width `natural` ending in `u` takes
/// in the measure: a closing mark that would overflow hangs in the margin (as Word's
/// `w:overflowPunct` lets it), any other mark keeps its full cell.
pub(crate) fn grid_end(natural: f32, u: &Unit, measure: f32) -> f32 {
    if u.kind == Kind::Close && natural > measure + 0.01 {
        natural - u.width
    } else {
        natural
    }
}

/// Break `units` into lines.
pub(crate) fn break_lines(par: &Par, units: &[Unit], style: &Style) -> Vec<LineRange> {
    let n = units.len();
    let allow = opportunities(units);
    let m_first = measure(par, style, true);
    let m_rest = measure(par, style, false);
    // On a character grid a line holds its full count whenever compressed punctuation
    // lets it (GB/T 9704's 28 characters).
    let full = style.char_pitch().is_some();
    let mut lines: Vec<LineRange> = Vec::new();
    let mut start = 0;
    while start < n {
        let m = if lines.is_empty() { m_first } else { m_rest };
        let (end, hard) = fit(units, &allow, start, n, m, par.wrap_mark, full);
        lines.push(LineRange {
            range: start..end,
            hard,
        });
        start = end;
    }
    // No paragraph ends in a lone character (clreq, "avoid a single character on
    // the last line"): end the line before one opportunity earlier and reflow the rest.
    if par.align == ParAlign::Justify && lines.len() >= 2 {
        let last = &lines[lines.len() - 1];
        let content = units[last.range.clone()]
            .iter()
            .filter(|u| matches!(u.kind, Kind::Wide | Kind::Narrow))
            .count();
        let prev = &lines[lines.len() - 2];
        if content <= 1 && !prev.hard && !last.hard {
            let m = if lines.len() == 2 { m_first } else { m_rest };
            let (ps, pe) = (prev.range.start, prev.range.end);
            let earlier = (ps..pe.saturating_sub(2))
                .rev()
                .find(|&k| allow[k])
                .map(|k| k + 1);
            if let Some(e) = earlier.filter(|&e| e > ps) {
                let (e2, _) = fit(units, &allow, ps, e, m, par.wrap_mark, full);
                if e2 == e {
                    lines.truncate(lines.len() - 2);
                    lines.push(LineRange {
                        range: ps..e,
                        hard: false,
                    });
                    let mut start = e;
                    while start < n {
                        let (end, hard) = fit(units, &allow, start, n, m_rest, par.wrap_mark, full);
                        lines.push(LineRange {
                            range: start..end,
                            hard,
                        });
                        start = end;
                    }
                }
            }
        }
    }
    lines
}

/// The longest line from `start` (ending at most at `limit`) that fits `measure`,
/// compressing punctuation if needed (never when `rigid`: code keeps its columns; always
/// when `full`, rather than breaking earlier). Returns its end and whether a forced break
/// ended it.
fn fit(
    units: &[Unit],
    allow: &[bool],
    start: usize,
    limit: usize,
    measure: f32,
    rigid: bool,
    full: bool,
) -> (usize, bool) {
    const EPS: f32 = 0.01;
    let n = units.len();
    let mut w = 0.0;
    let mut shrink = 0.0;
    let mut trailing_space = 0.0;
    let mut best: Option<usize> = None;
    // The best line's natural width and how far it can shrink.
    let mut best_need = 0.0f32;
    let mut best_room = 0.0f32;
    // The longest line that fits without compressing anything: (end, slack, stretch room).
    let mut loose: Option<(usize, f32, f32)> = None;
    let mut stretch_room = 0.0f32;
    for (j, u) in units.iter().enumerate().take(limit).skip(start) {
        if j > start {
            w += u.gap_before;
            if !rigid {
                shrink += u.gap_before * GAP_SHRINK;
            }
        }
        if u.kind == Kind::Newline {
            return (j + 1, true);
        }
        w += u.width;
        if j > start && !rigid {
            // What justification may comfortably add here: a little between characters,
            // more at a word space (clreq §3.8: stretch inter-character gaps evenly).
            stretch_room += if u.kind == Kind::Space {
                0.4 * u.size
            } else {
                0.15 * u.size
            };
        }
        if u.kind == Kind::Space {
            trailing_space += u.width;
        } else {
            trailing_space = 0.0;
        }
        // On a character grid marks keep their cells (spaces still give).
        let cap = if rigid || (full && u.kind != Kind::Space) {
            0.0
        } else {
            shrink_cap(u)
        };
        shrink += cap;
        if allow[j] || j + 1 == n {
            // This candidate line: trailing spaces hang, a closing mark at the end is set
            // half-width and cannot also be compressed.
            let natural = if full {
                grid_end(w - trailing_space, u, measure)
            } else {
                w - trailing_space - end_trim(u)
            };
            let tight = natural - (shrink - if u.kind == Kind::Close { cap } else { 0.0 });
            if tight <= measure + EPS {
                best = Some(j + 1);
                best_need = natural - measure;
                best_room = natural - tight;
                if natural <= measure + EPS {
                    loose = Some((j + 1, measure - natural, stretch_room));
                }
            } else if best.is_some() {
                break;
            }
        }
        if best.is_some() && w - shrink - trailing_space > measure + 2.0 * u.size {
            break;
        }
    }
    if let Some(b) = best {
        // The longest line needs compressed punctuation. Squeezing several marks to half
        // width in mid-line looks cramped, so break earlier instead when the shorter line
        // needs proportionally less stretching than this one needs shrinking.
        if best_need > EPS && best_room > 0.0 && !full {
            if let Some((end, slack, room)) = loose {
                let shrink_ratio = best_need / best_room;
                let stretch_ratio = if room > 0.0 {
                    slack / room
                } else {
                    f32::INFINITY
                };
                if end > start && stretch_ratio <= 1.0 && stretch_ratio < shrink_ratio {
                    return (end, false);
                }
            }
        }
        return (b, false);
    }
    // Nothing fits (a word longer than the line): cut it where the measure ends.
    let mut w = 0.0;
    let mut end = start + 1;
    for (j, u) in units.iter().enumerate().take(limit).skip(start) {
        w += u.width + if j > start { u.gap_before } else { 0.0 };
        if w > measure + EPS && j > start {
            break;
        }
        end = j + 1;
    }
    (end, false)
}
