//! What stage 3 (`shape`) produces: clusters of glyphs with their source text, the units
//! that lines are made of.

use super::font::FaceId;
use super::text::{ClusterText, UnitGlyphs};

/// Whether `c` is in `marks`, a string of punctuation and symbols (no Han ideographs, no
/// ASCII letters or digits): those, the bulk of any text, are rejected without a search.
pub(crate) fn among(marks: &str, c: char) -> bool {
    !(c.is_ascii_alphanumeric() || matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'))
        && marks.contains(c)
}

/// What kind of material a unit is, for breaking and justification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A wide character that is not punctuation (Han, kana, full-width letters).
    Wide,
    /// Proportional text (Latin letters, digits, narrow punctuation).
    Narrow,
    /// An inter-word space.
    Space,
    /// Full-width opening punctuation (blank in the left half, GB style).
    Open,
    /// Full-width closing or stop punctuation (blank in the right half, GB style).
    Close,
    /// Full-width punctuation centred in its em box (middle dots).
    Middle,
    /// A forced line break (no glyph, no text).
    Newline,
    /// Space that takes what its line has left (no glyph, no text).
    Fill,
    /// An image in the line: one box, its width the unit's, no glyph (its span holds the
    /// image; its text is [`super::flow::InlineImage::CHAR`]). Lines break around it as
    /// around an ideograph; it never shrinks.
    Image,
}

impl Kind {
    /// Whether the unit is an em-box-like block of CJK text, which lines break around and
    /// justification spaces around: a wide character, full-width punctuation, an image.
    pub(crate) fn is_wide_box(self) -> bool {
        matches!(
            self,
            Kind::Wide | Kind::Open | Kind::Close | Kind::Middle | Kind::Image
        )
    }
}

/// A glyph inside a unit.
#[derive(Debug, Clone)]
pub(crate) struct UGlyph {
    /// Glyph id.
    pub id: u16,
    /// Offset of the glyph origin from the unit's origin.
    pub dx: f32,
    /// Vertical offset (positive = up).
    pub dy: f32,
}

/// A cluster: the smallest piece of text that lines are made of.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// The source text.
    pub text: ClusterText,
    /// The glyphs showing it.
    pub glyphs: UnitGlyphs,
    /// Their face.
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Advance width in points.
    pub width: f32,
    /// The kind.
    pub kind: Kind,
    /// Stretchable space before the unit (CJK–Latin gap), dropped at a line start.
    pub gap_before: f32,
    /// Index of the (resolved) span this came from (links, strike-through).
    pub span: usize,
    /// Set slanted: emphasised Latin text. Chinese has no italics, and a synthetic slant
    /// of Han characters looks wrong (clreq): emphasised Han text is set in the emphasis
    /// face (a sans) upright instead.
    pub slant: bool,
    /// A footnote reference mark (raised; no CJK–Latin gap before it).
    pub mark: bool,
}
