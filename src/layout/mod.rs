//! The typesetting engine behind the PDF writer: shaping, CJK line breaking,
//! justification and pagination. It knows fonts and boxes, not PDF.
//!
//! The stages follow typst's inline layout, one module each:
//! [`collect`] (tree → paragraphs of styled spans) → [`prepare`] (soft breaks, CJK–Latin
//! spacing) → [`shape`] (font fallback, rustybuzz) → [`linebreak`] (UAX #14 plus the
//! Chinese prohibition rules, greedy) → [`line`] (line-edge punctuation, justification) →
//! [`pages`] (flow, widows and orphans, footer). Each Chinese rule sits in the stage where it
//! acts, citing clreq (<https://www.w3.org/TR/clreq/>).
//!
//! The result, [`Layout`], is pages of positioned glyph runs that keep their source text,
//! rules and link boxes, plus the outline. Coordinates are in points from the page's top
//! left corner, y growing downwards.

mod collect;
pub mod font;
mod line;
mod linebreak;
mod pages;
mod prepare;
mod shape;

use crate::doc::Document;
use crate::style::Style;
use crate::Diagnostics;

pub use font::FaceId;
pub use prepare::is_han;

/// A laid-out document.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// One entry per heading, in document order.
    pub outline: Vec<OutlineEntry>,
    /// Every line of running text, in order (for tests and debugging).
    pub lines: Vec<LineInfo>,
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What is on the page.
    pub items: Vec<Item>,
}

/// Something placed on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// Glyphs of one face and size on one baseline.
    Text(TextRun),
    /// A filled rectangle (rules, strike-through lines).
    Rule(Rule),
    /// A clickable area pointing at a URL.
    Link(LinkBox),
}

/// Glyphs of one face and size on one baseline, with the text they show.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The face (index into [`crate::fonts::bundled`]).
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Baseline y.
    pub y: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// The source text of the run.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// One positioned glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Pen position (x of the glyph origin).
    pub x: f32,
    /// Vertical offset from the baseline (positive = up).
    pub dy: f32,
    /// The source text this glyph shows (a whole cluster on its first glyph, empty on the
    /// others).
    pub text: String,
    /// Set on the first glyph of a stretch whose text must be extracted as one piece
    /// (glyphs separated by a CJK–Latin gap, which extractors would otherwise read as a
    /// space): the stretch's text and how many glyphs it covers, possibly across runs.
    pub actual_text: Option<(String, usize)>,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Link targets starting with this are internal: the rest is an index into
/// [`Layout::outline`] (the table of contents links its entries so).
pub const OUTLINE_LINK: &str = "cjkdoc-outline:";

/// A link area.
#[derive(Debug, Clone)]
pub struct LinkBox {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The target.
    pub url: String,
}

/// A heading, for the PDF outline.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// Heading level, 1 = top.
    pub level: u8,
    /// The heading text (label included).
    pub title: String,
    /// Index of its page.
    pub page: usize,
    /// Top of its first line.
    pub y: f32,
}

/// Where a line ended, for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// A line of a paragraph broken to fit the measure (justified when the paragraph is).
    Full,
    /// The last line of a paragraph, or a line ended by a forced break.
    Last,
}

/// One line as the engine set it, for tests.
#[derive(Debug, Clone)]
pub struct LineInfo {
    /// Index of the page.
    pub page: usize,
    /// The source text of the line.
    pub text: String,
    /// x of the first glyph's ink box origin (after line-start adjustment).
    pub left: f32,
    /// x where the line's last advance ends (after line-end adjustment).
    pub right: f32,
    /// The right edge of the measure.
    pub measure_right: f32,
    /// Whether the paragraph is justified.
    pub justified: bool,
    /// How the line ended.
    pub end: LineEnd,
}

/// Lay out `doc` with `style`. Characters no bundled face covers are reported in `diag`.
pub fn layout(doc: &Document, style: &Style, diag: &mut Diagnostics) -> Layout {
    layout_with(doc, style, false, diag)
}

/// Lay out `doc` with `style`, with a table of contents after the title block when `toc`
/// is set.
pub fn layout_with(doc: &Document, style: &Style, toc: bool, diag: &mut Diagnostics) -> Layout {
    let (flows, title) = collect::collect(doc, style);
    let headings: Vec<(u8, String)> = flows
        .iter()
        .filter_map(|f| match f {
            collect::Flow::Par(p) => p.outline.clone(),
            _ => None,
        })
        .collect();
    if !toc || headings.is_empty() {
        return set(flows, style, diag);
    }
    // Two passes: the contents take the same lines whatever their page numbers, so the
    // pages found with placeholder numbers are the final ones.
    let with_toc = |pages: &[usize]| {
        let entries: Vec<(u8, String, usize)> = headings
            .iter()
            .zip(pages)
            .map(|((level, text), &page)| (*level, text.clone(), page))
            .collect();
        let mut f = flows[..title].to_vec();
        f.extend(collect::toc(&entries, style));
        f.extend_from_slice(&flows[title..]);
        f
    };
    let first = set(with_toc(&vec![0; headings.len()]), style, diag);
    let pages: Vec<usize> = first.outline.iter().map(|e| e.page + 1).collect();
    set(with_toc(&pages), style, diag)
}

/// Shape, break, set and paginate a collected flow.
fn set(flows: Vec<collect::Flow>, style: &Style, diag: &mut Diagnostics) -> Layout {
    let mut blocks = Vec::with_capacity(flows.len());
    for flow in flows {
        blocks.push(match flow {
            collect::Flow::Par(par) => {
                let (spans, units) = shape::shape_par(&par, style, diag);
                let units = prepare::cjk_latin_spacing(units, style);
                let breaks = linebreak::break_lines(&par, &units, style);
                let lines = line::build_lines(&par, &spans, &units, &breaks, style);
                pages::SetBlock::Par { par, lines }
            }
            collect::Flow::Rule => pages::SetBlock::Rule,
            collect::Flow::PageBreak => pages::SetBlock::PageBreak,
        });
    }
    pages::paginate(blocks, style, diag)
}

#[cfg(all(test, feature = "bundled-fonts"))]
mod tests;
