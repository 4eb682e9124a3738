//! What the setting stages produce and pagination reads: set lines (`line`), set
//! paragraphs, rows and tables (`table`), and the blocks of the flow ready for `pages`.

use super::flow::Par;
use super::{FaceId, Glyph, LineEnd};

/// Slack of every fit test in pagination, in points: what ends less than this below the
/// text block's bottom (or the page top) still counts as fitting (sums of pitches round).
pub(crate) const EPS: f32 = 0.01;

/// Glyphs of one face and size within a line; x relative to the text block's left edge.
#[derive(Debug, Clone)]
pub(crate) struct LineRun {
    /// Face.
    pub face: FaceId,
    /// Size.
    pub size: f32,
    /// Slanted.
    pub slant: bool,
    /// Glyphs.
    pub glyphs: Vec<Glyph>,
}

/// An image set in a line, x relative to the text block's left edge; its bottom is that of
/// the ideographic em box of its text (`pages` places it on the baseline).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineImage {
    /// Index into the layout's images.
    pub image: usize,
    /// Left edge.
    pub x: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The size of its text.
    pub size: f32,
}

/// A set line, x relative to the text block's left edge, y to be decided by `pages`.
#[derive(Debug, Clone)]
pub(crate) struct SetLine {
    /// Glyph runs.
    pub runs: Vec<LineRun>,
    /// Images in the line.
    pub images: Vec<LineImage>,
    /// Link areas: x from, x to, target.
    pub links: Vec<(f32, f32, super::LinkTarget)>,
    /// Strike-through: x from, x to, font size.
    pub strikes: Vec<(f32, f32, f32)>,
    /// The footnotes referred to on this line.
    pub notes: Vec<usize>,
    /// Broken to fit the measure (not at a forced break, not the last line).
    pub wrapped: bool,
    /// The line's source text.
    pub text: String,
    /// x where the line's first advance starts.
    pub left: f32,
    /// x where the line's last advance ends.
    pub right: f32,
    /// Right edge of the measure.
    pub measure_right: f32,
    /// Full or last line.
    pub end: LineEnd,
}

/// A paragraph after line setting.
#[derive(Debug, Clone)]
pub(crate) struct SetPar {
    /// The paragraph.
    pub par: Par,
    /// Its lines.
    pub lines: Vec<SetLine>,
    /// Its list marker, set as a line of its own (x from 0).
    pub marker: Option<SetLine>,
}

/// A table row after line setting: one paragraph per column.
#[derive(Debug, Clone)]
pub(crate) struct SetRow {
    /// The cells.
    pub cells: Vec<SetPar>,
}

impl SetRow {
    /// Lines of the tallest cell.
    pub(crate) fn lines(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

/// A table after line setting.
#[derive(Debug, Clone)]
pub(crate) struct SetTable {
    /// The rows, the header first when there is one.
    pub rows: Vec<SetRow>,
    /// Whether the first row is a header (repeated on each page the table runs onto).
    pub header: bool,
    /// Column edges, x from the left margin (one more than columns).
    pub cols: Vec<f32>,
    /// Text size.
    pub size: f32,
    /// Line pitch in cells.
    pub pitch: f32,
}

/// A block after line setting.
pub(crate) enum SetBlock {
    /// A paragraph and its lines.
    Par(SetPar),
    /// A horizontal rule.
    Rule,
    /// A forced page break.
    PageBreak,
    /// A table.
    Table(SetTable),
    /// A figure: the image (index, natural width and height in points) when it loaded, and
    /// the caption (the alt text, printed in the image's place when it did not).
    Figure {
        /// The image.
        image: Option<(usize, f32, f32)>,
        /// The caption.
        caption: SetPar,
        /// Left indent.
        indent: f32,
    },
}
