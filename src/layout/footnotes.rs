//! Stage 6, pages — the page foot: which footnote lines go to the foot of the page being
//! filled, which continue on the next page, and where the foot's lines and the separator
//! above them sit. `pages` asks before placing a line whether its notes fit and draws what
//! this module positions.
//!
//! A note is booked for the page of its first reference. It may break across pages, but at
//! least its first line stays with the reference; the lines that do not fit continue at the
//! foot of the next page (and the next, as long as they do not fit).

use super::set::{SetPar, EPS};
use super::Rule;
use crate::style::Style;

/// A footnote line waiting for its page foot: note, paragraph, line.
type NoteLine = (usize, usize, usize);

/// Thickness of the short rule above a page's footnotes, in points.
const SEPARATOR_WEIGHT: f32 = 0.5;

/// The footnotes of the page being filled and those waiting for later pages.
pub(crate) struct Foot<'a> {
    style: &'a Style,
    /// Note `n` is `notes[n]`.
    notes: &'a [Vec<SetPar>],
    /// Footnote lines for this page's foot.
    lines: Vec<NoteLine>,
    /// Footnote lines that did not fit this page's foot: they continue on the next.
    carry: Vec<NoteLine>,
    /// Notes already given a place.
    noted: Vec<bool>,
}

/// A footnote line as placed at a page's foot.
pub(crate) struct FootLine<'a> {
    /// Its paragraph.
    pub par: &'a SetPar,
    /// Which line of the paragraph.
    pub line: usize,
    /// The top of the line.
    pub top: f32,
    /// The note it starts, when it is the note's first line.
    pub starts: Option<usize>,
}

impl<'a> Foot<'a> {
    /// No notes placed yet.
    pub(crate) fn new(notes: &'a [Vec<SetPar>], style: &'a Style) -> Self {
        Foot {
            style,
            notes,
            lines: Vec::new(),
            carry: Vec::new(),
            noted: vec![false; notes.len()],
        }
    }

    /// The space between the body text and the first footnote line, the rule mid-way.
    fn separator_space(&self) -> f32 {
        self.style.notes.separator_space * self.style.line_pitch()
    }

    /// Height of a set of footnote lines, with the separator above them.
    fn height_of(&self, lines: &[NoteLine]) -> f32 {
        if lines.is_empty() {
            return 0.0;
        }
        self.separator_space()
            + lines
                .iter()
                .map(|&(n, p, _)| self.notes[n][p].par.pitch)
                .sum::<f32>()
    }

    /// Height of this page's foot, separator included (0 without notes).
    pub(crate) fn height(&self) -> f32 {
        self.height_of(&self.lines)
    }

    /// Whether lines continue past this page's foot.
    pub(crate) fn continues(&self) -> bool {
        !self.carry.is_empty()
    }

    /// Every line of note `n`.
    fn note_lines(&self, n: usize) -> Vec<NoteLine> {
        let mut out = Vec::new();
        for (p, sp) in self.notes[n].iter().enumerate() {
            for l in 0..sp.lines.len() {
                out.push((n, p, l));
            }
        }
        out
    }

    /// Whether a body line reaching down to `below`, needing notes `ns`, fits on a page
    /// whose text block ends at `bottom` (`at_top`: the page is empty, so it must). When
    /// it does, the notes not placed yet are booked for this page's foot, provided at
    /// least their first lines fit; what of them does not fit continues on the next page.
    pub(crate) fn book(&mut self, ns: &[usize], below: f32, bottom: f32, at_top: bool) -> bool {
        let new: Vec<usize> = ns
            .iter()
            .copied()
            .filter(|&n| n < self.notes.len() && !self.noted[n])
            .collect();
        if new.is_empty() {
            return below <= bottom - self.height() + EPS || at_top;
        }
        let mut foot = self.lines.clone();
        for &n in &new {
            foot.extend(self.note_lines(n));
        }
        // A note may break across pages, but at least its first line stays with the
        // reference.
        let mut first_only = self.lines.clone();
        first_only.extend(new.iter().map(|&n| (n, 0, 0)));
        let fits_first = below + self.height_of(&first_only) <= bottom + EPS;
        if !fits_first && !at_top {
            return false;
        }
        for &n in &new {
            self.noted[n] = true;
        }
        self.lines = foot;
        self.spill(below, bottom);
        true
    }

    /// Give notes `ns` (those not placed yet) a place at the next page's foot.
    pub(crate) fn defer(&mut self, ns: &[usize]) {
        for &n in ns {
            if n < self.notes.len() && !self.noted[n] {
                self.noted[n] = true;
                let lines = self.note_lines(n);
                self.carry.extend(lines);
            }
        }
    }

    /// Move the last lines of this page's foot (never its first) that do not fit between
    /// the body text ending at `body_end` and the text block's `bottom` to the front of the
    /// lines continuing on the next page.
    fn spill(&mut self, body_end: f32, bottom: f32) {
        let mut over = Vec::new();
        while self.lines.len() > 1 && body_end + self.height() > bottom + EPS {
            over.extend(self.lines.pop());
        }
        over.reverse();
        over.append(&mut self.carry);
        self.carry = over;
    }

    /// Start the foot of a new page whose text starts at `top` with the continued lines;
    /// those that still do not fit wait for a further page.
    pub(crate) fn next_page(&mut self, top: f32, bottom: f32) {
        self.lines = std::mem::take(&mut self.carry);
        self.spill(top, bottom);
    }

    /// After the last body line (ending at `body_end`): notes referred to only from other
    /// notes join this page's foot, after any continued lines; what does not fit continues.
    pub(crate) fn rest_at_end(&mut self, body_end: f32, bottom: f32) {
        let rest: Vec<usize> = (0..self.notes.len()).filter(|&n| !self.noted[n]).collect();
        if rest.is_empty() {
            return;
        }
        self.defer(&rest);
        let carry = std::mem::take(&mut self.carry);
        self.lines.extend(carry);
        self.spill(body_end, bottom);
    }

    /// Take this page's foot, set up from the text block's `bottom`: the short rule above it
    /// and its lines, top to bottom; `None` when the page has no notes.
    pub(crate) fn take(&mut self, bottom: f32) -> Option<(Rule, Vec<FootLine<'a>>)> {
        if self.lines.is_empty() {
            return None;
        }
        let style = self.style;
        let sep = self.separator_space();
        let foot = std::mem::take(&mut self.lines);
        let mut y = bottom - self.height_of(&foot) + sep;
        let (width, _) = style.page.paper.size_pt();
        let measure = width - style.page.margins.left - style.page.margins.right;
        let rule = Rule {
            x: style.page.margins.left,
            y: y - sep / 2.0,
            width: measure * style.notes.separator_length,
            height: SEPARATOR_WEIGHT,
        };
        let mut lines = Vec::with_capacity(foot.len());
        for (n, p, l) in foot {
            let par = &self.notes[n][p];
            lines.push(FootLine {
                par,
                line: l,
                top: y,
                starts: (p == 0 && l == 0).then_some(n),
            });
            y += par.par.pitch;
        }
        Some((rule, lines))
    }
}
