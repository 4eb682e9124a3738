//! Stage 4, linebreak: where lines may end (UAX #14 plus the Chinese prohibition rules,
//! and inside words at `hyphenate`'s points) and where they do end (greedy, with
//! punctuation compression before pulling a character down, a hyphenated break only when
//! it spares the line more stretching than a hyphen costs, and no paragraph ending in a
//! lone character).

use super::flow::{Par, ParAlign, Span};
use super::font::Book;
use super::units::{among, Kind, Unit};
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
    /// Ends inside a word, which the line ends with a hyphen.
    pub hyphen: bool,
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

/// Whether a line may end after each unit. An image in the line is broken around as an
/// ideograph is: its text, U+FFFC, is UAX #14's class CB, which allows a break on either
/// side (not before a space), and the prohibition rules still hold (`。` stays with the
/// image before it, `（` with the one after it).
pub(crate) fn opportunities(units: &[Unit]) -> Vec<bool> {
    let n = units.len();
    let mut allow = vec![false; n];
    let texts: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
    // UAX #14 on the paragraph's text, mapped onto unit ends (both ascend).
    let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(n);
    for (k, t) in texts.iter().enumerate() {
        text.push_str(t);
        if !t.is_empty() {
            ends.push((text.len(), k));
        }
    }
    let mut e = 0;
    for (pos, opp) in linebreaks(&text) {
        if pos < text.len()
            && matches!(opp, BreakOpportunity::Allowed | BreakOpportunity::Mandatory)
        {
            while ends.get(e).is_some_and(|&(end, _)| end < pos) {
                e += 1;
            }
            if let Some(&(end, k)) = ends.get(e) {
                if end == pos {
                    allow[k] = true;
                }
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
        let (Some(a), Some(b)) = (
            texts[k].chars().next_back(),
            texts.get(k + 1).and_then(|t| t.chars().next()),
        ) else {
            continue;
        };
        let (ka, kb) = (units[k].kind, units[k + 1].kind);
        // UAX #14 (Unicode 15.0) forbids a break on either side of a quotation mark; in
        // Chinese text a line may break before an opening and after a closing quote
        // (clreq §3.1.7; Unicode 15.1 LB19a).
        if (b == '“' || b == '‘') && kb == Kind::Open && ka.is_wide_box() {
            allow[k] = true;
        }
        if (a == '”' || a == '’') && ka == Kind::Close && kb.is_wide_box() {
            allow[k] = true;
        }
        // The prohibition rules (clreq §3.1.7).
        if among(NO_START, b) || among(NO_END, a) {
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

/// Whether extra space may go between units `a` and `b` when justifying: around wide
/// characters, punctuation and images, after spaces, and in CJK–Latin gaps; never inside
/// a Latin word (clreq §3.1.6 / §3.2.2). (An image itself is never stretched.)
pub(crate) fn stretchable(a: &Unit, b: &Unit) -> bool {
    if a.kind == Kind::Fill || b.kind == Kind::Fill {
        return false;
    }
    b.gap_before > 0.0 || a.kind == Kind::Space || a.kind.is_wide_box() || b.kind.is_wide_box()
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

/// Where a line may end: after each unit, at a break opportunity, or inside a word with
/// a hyphen of the given width.
struct Points {
    /// A line may end after the unit ([`opportunities`]).
    allow: Vec<bool>,
    /// A line may end after the unit inside a word, with a hyphen this wide
    /// (`hyphenate::points`).
    hyphen: Vec<Option<f32>>,
}

/// Break `units` (of `par`, indexing `spans`) into lines.
pub(crate) fn break_lines(
    par: &Par,
    spans: &[Span],
    units: &[Unit],
    style: &Style,
    book: &Book,
) -> Vec<LineRange> {
    let n = units.len();
    let points = Points {
        allow: opportunities(units),
        hyphen: super::hyphenate::points(par, spans, units, book),
    };
    let allow = &points.allow;
    let m_first = measure(par, style, true);
    let m_rest = measure(par, style, false);
    // On a character grid a line holds its full count whenever compressed punctuation
    // lets it (GB/T 9704's 28 characters).
    let full = style.char_pitch().is_some();
    let rules = Rules {
        rigid: par.wrap_mark,
        grid: full,
    };
    let mut lines: Vec<LineRange> = Vec::new();
    let mut start = 0;
    while start < n {
        let m = if lines.is_empty() { m_first } else { m_rest };
        let after_hyphen = lines.last().is_some_and(|l| l.hyphen);
        let line = fit(units, &points, start, n, m, rules, after_hyphen);
        start = line.range.end;
        lines.push(line);
    }
    // No paragraph ends in a lone character (clreq, "avoid a single character on
    // the last line"): end the line before one opportunity earlier and reflow the rest.
    if par.align == ParAlign::Justify && lines.len() >= 2 {
        let last = &lines[lines.len() - 1];
        let content = units[last.range.clone()]
            .iter()
            .filter(|u| matches!(u.kind, Kind::Wide | Kind::Narrow | Kind::Image))
            .count();
        let prev = &lines[lines.len() - 2];
        if content <= 1 && !prev.hard && !last.hard {
            let m = if lines.len() == 2 { m_first } else { m_rest };
            let (ps, pe) = (prev.range.start, prev.range.end);
            let after_hyphen = lines.len() >= 3 && lines[lines.len() - 3].hyphen;
            let earlier = (ps..pe.saturating_sub(2))
                .rev()
                .find(|&k| allow[k])
                .map(|k| k + 1);
            if let Some(e) = earlier.filter(|&e| e > ps) {
                let refit = fit(units, &points, ps, e, m, rules, after_hyphen);
                if refit.range.end == e {
                    lines.truncate(lines.len() - 2);
                    lines.push(refit);
                    let mut start = e;
                    while start < n {
                        let after_hyphen = lines.last().is_some_and(|l| l.hyphen);
                        let line = fit(units, &points, start, n, m_rest, rules, after_hyphen);
                        start = line.range.end;
                        lines.push(line);
                    }
                }
            }
        }
    }
    lines
}

/// What justification may comfortably add at each stretchable boundary of a line, in em:
/// TeX's interword stretch (1.67 pt in 10 pt Computer Modern), the scale of a line's
/// badness when choosing between a whole-word and a hyphenated break.
const STRETCH_EM: f32 = 1.0 / 6.0;
/// Demerits of every line (TeX's `\linepenalty`).
const LINE_PENALTY: f32 = 10.0;
/// Penalty of a break inside a word (TeX's `\hyphenpenalty`).
const HYPHEN_PENALTY: f32 = 50.0;
/// Extra demerits of a hyphenated line after a hyphenated line (TeX's
/// `\doublehyphendemerits`): a ladder of hyphens only where the alternative is very loose.
const DOUBLE_HYPHEN_DEMERITS: f32 = 10_000.0;

/// A candidate line end, for comparing a whole-word break with a hyphenated one.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// End of the line (exclusive).
    end: usize,
    /// Natural width of the line (hyphen included, trailing spaces hanging).
    natural: f32,
    /// How far the line can shrink.
    room: f32,
    /// Stretchable boundaries in it ([`stretchable`]).
    slots: usize,
    /// Size of its last unit.
    size: f32,
}

impl Candidate {
    /// The line's demerits in `measure`, as TeX's: (line penalty + badness)² plus
    /// `penalty` (the break's penalty squared and any extra demerits), badness being
    /// 100 r³ for r the share of the shrink it needs, or of the comfortable stretch
    /// ([`STRETCH_EM`] per boundary) it takes.
    fn demerits(&self, measure: f32, penalty: f32) -> f32 {
        let slack = measure - self.natural;
        let ratio = if slack < 0.0 {
            -slack / self.room.max(f32::MIN_POSITIVE)
        } else if slack < 0.01 {
            0.0
        } else {
            slack / (self.slots as f32 * STRETCH_EM * self.size).max(f32::MIN_POSITIVE)
        };
        // Not capped at TeX's 10 000: of two very loose lines the less loose one wins.
        let badness = 100.0 * ratio.powi(3);
        (LINE_PENALTY + badness).powi(2) + penalty
    }
}

/// How a paragraph's lines may be fitted.
#[derive(Debug, Clone, Copy)]
struct Rules {
    /// Nothing shrinks (code keeps its columns).
    rigid: bool,
    /// On a character grid: marks keep their cells, lines hold their full count.
    grid: bool,
}

/// The longest line from `start` (ending at most at `limit`) that fits `measure`,
/// compressing punctuation if needed (never when `rules.rigid`: code keeps its
/// columns; always under `rules.grid`, rather than breaking earlier), or one broken inside a word with a hyphen
/// when that has fewer demerits (more when the line before, `after_hyphen`, ended so too).
fn fit(
    units: &[Unit],
    points: &Points,
    start: usize,
    limit: usize,
    measure: f32,
    rules: Rules,
    after_hyphen: bool,
) -> LineRange {
    const EPS: f32 = 0.01;
    let Rules { rigid, grid: full } = rules;
    let allow = &points.allow;
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
    // The same two lines, and every hyphenated line that fits, for their demerits.
    let mut slots = 0;
    let mut best_cand: Option<Candidate> = None;
    let mut loose_cand: Option<Candidate> = None;
    let mut hyphenated: Vec<Candidate> = Vec::new();
    for (j, u) in units.iter().enumerate().take(limit).skip(start) {
        if j > start {
            w += u.gap_before;
            if !rigid {
                shrink += u.gap_before * GAP_SHRINK;
            }
            if stretchable(&units[j - 1], u) {
                slots += 1;
            }
        }
        if u.kind == Kind::Newline {
            return LineRange {
                range: start..j + 1,
                hard: true,
                hyphen: false,
            };
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
                let cand = Candidate {
                    end: j + 1,
                    natural,
                    room: natural - tight,
                    slots,
                    size: u.size,
                };
                best_cand = Some(cand);
                if natural <= measure + EPS {
                    loose = Some((j + 1, measure - natural, stretch_room));
                    loose_cand = Some(cand);
                }
            } else if best.is_some() {
                break;
            }
        } else if let Some(hw) = points.hyphen[j] {
            // Broken here, the line ends with the hyphen.
            let natural = w + hw;
            if natural - shrink <= measure + EPS {
                hyphenated.push(Candidate {
                    end: j + 1,
                    natural,
                    room: shrink,
                    slots,
                    size: u.size,
                });
            }
        }
        // Past the measure by more than any line end can take back, no later end fits
        // either (also when none has: a long unbreakable run is not scanned to its end
        // for each of its lines).
        if w - shrink - trailing_space > measure + 2.0 * u.size {
            break;
        }
    }
    let whole = |end: usize| LineRange {
        range: start..end,
        hard: false,
        hyphen: false,
    };
    if best.is_some() {
        // The longest line needs compressed punctuation. Squeezing several marks to half
        // width in mid-line looks cramped, so break earlier instead when the shorter line
        // needs proportionally less stretching than this one needs shrinking.
        let mut chosen = best_cand;
        if best_need > EPS && best_room > 0.0 && !full {
            if let Some((end, slack, room)) = loose {
                let shrink_ratio = best_need / best_room;
                let stretch_ratio = if room > 0.0 {
                    slack / room
                } else {
                    f32::INFINITY
                };
                if end > start && stretch_ratio <= 1.0 && stretch_ratio < shrink_ratio {
                    chosen = loose_cand;
                }
            }
        }
        let chosen = chosen.expect("set with best");
        // A hyphenated line beyond it, if one has fewer demerits than the whole-word line
        // even with the hyphen's penalty: the whole-word break wins unless it leaves the
        // line loose (TeX's rule, one line at a time).
        let penalty = HYPHEN_PENALTY.powi(2)
            + if after_hyphen {
                DOUBLE_HYPHEN_DEMERITS
            } else {
                0.0
            };
        let plain = chosen.demerits(measure, 0.0);
        let better = hyphenated
            .iter()
            .filter(|h| h.end > chosen.end)
            .map(|h| (h.demerits(measure, penalty), h.end))
            .filter(|&(d, _)| d < plain)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, end)) = better {
            return LineRange {
                range: start..end,
                hard: false,
                hyphen: true,
            };
        }
        return whole(chosen.end);
    }
    // Nothing fits (a word longer than the line): break it at its last hyphenation point
    // that fits, else cut it where the measure ends.
    if let Some(h) = hyphenated.last() {
        return LineRange {
            range: start..h.end,
            hard: false,
            hyphen: true,
        };
    }
    let mut w = 0.0;
    let mut end = start + 1;
    for (j, u) in units.iter().enumerate().take(limit).skip(start) {
        w += u.width + if j > start { u.gap_before } else { 0.0 };
        if w > measure + EPS && j > start {
            break;
        }
        end = j + 1;
    }
    whole(end)
}

#[cfg(test)]
mod tests {
    #[test]
    fn prohibited_marks_hold_no_letters() {
        for set in [super::NO_START, super::NO_END] {
            for c in set.chars() {
                assert!(super::among(set, c), "{c} in {set}");
            }
        }
    }
}
