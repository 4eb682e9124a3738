//! What stage 1 (`collect`) produces and every later stage reads: the flow of paragraphs
//! of styled spans, tables and figures.

use crate::style::Style;

/// A block of the flow.
#[derive(Debug, Clone)]
pub(crate) enum Flow {
    /// A paragraph.
    Par(Par),
    /// A horizontal rule across the measure.
    Rule,
    /// A forced page break.
    PageBreak,
    /// A table.
    Table(TableFlow),
    /// An image and its caption.
    Figure(FigureFlow),
}

/// How a paragraph's lines sit in the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParAlign {
    /// Full lines fill the measure; the last line is flush left.
    Justify,
    /// Flush left.
    Left,
    /// Flush right.
    Right,
    /// Centred.
    Center,
}

/// Which face a span is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Body text.
    Body,
    /// Strong emphasis: the body family in bold.
    Bold,
    /// Headings and run-in leads of a level (1–6): that level's face.
    Heading(u8),
    /// The subtitle.
    Subtitle,
    /// Emphasis.
    Emph,
    /// Code.
    Mono,
    /// The document title.
    Title,
    /// Page numbers.
    PageNumber,
}

/// What a span holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SpanKind {
    /// Text, exactly as in the source.
    Text(String),
    /// A line break in the source (a space, or nothing between Chinese characters).
    Soft,
    /// A forced line break.
    Hard,
    /// Space taking whatever its line has left (before a table-of-contents page number).
    Fill,
    /// An image set in the line.
    Image(InlineImage),
}

/// An image in running text, set as one box in its line (see `collect`): the height of its
/// text, its width in proportion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct InlineImage {
    /// Index into the layout's images.
    pub image: usize,
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
}

impl InlineImage {
    /// The character that stands for an inline image in the text of its line and in the
    /// rules that look at characters: U+FFFC OBJECT REPLACEMENT CHARACTER (not wide: a
    /// source line break between it and Latin text is a space, next to Chinese text
    /// nothing; not Latin nor Han: no CJK–Latin gap).
    pub(crate) const CHAR: char = '\u{FFFC}';
}

/// A run of uniformly styled content.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    /// The content.
    pub kind: SpanKind,
    /// The face role.
    pub role: Role,
    /// Size in points.
    pub size: f32,
    /// Link target.
    pub link: Option<super::LinkTarget>,
    /// Struck out.
    pub strike: bool,
    /// A footnote reference mark, set as a superscript.
    pub note: Option<NoteMark>,
}

/// What a footnote reference mark refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteMark {
    /// Note `n` (from 0): its text goes to the foot of the page the mark is on.
    Note(usize),
    /// A label with no definition: the label is shown, raised, as written.
    Undefined,
}

impl Span {
    /// A plain span.
    pub(crate) fn new(kind: SpanKind, role: Role, size: f32) -> Span {
        Span {
            kind,
            role,
            size,
            link: None,
            strike: false,
            note: None,
        }
    }
}

/// A paragraph ready for shaping.
#[derive(Debug, Clone)]
pub(crate) struct Par {
    /// The content.
    pub spans: Vec<Span>,
    /// Alignment.
    pub align: ParAlign,
    /// First-line indent in points (relative to `indent_left`).
    pub first_indent: f32,
    /// Left indent of every line in points.
    pub indent_left: f32,
    /// Right indent of every line in points.
    pub indent_right: f32,
    /// The paragraph's main size (for the em box of its lines).
    pub size: f32,
    /// Line pitch in points.
    pub pitch: f32,
    /// Space above in points (dropped at a page top).
    pub space_before: f32,
    /// Space below in points.
    pub space_after: f32,
    /// Keep on the same page as the first lines of the next paragraph (headings).
    pub keep_with_next: bool,
    /// Outline entry (level, text) when the paragraph starts with a heading.
    pub outline: Option<(u8, String)>,
    /// Block-quote bars beside every line: x of each bar (from the left margin).
    pub bars: Vec<f32>,
    /// Shading behind every line (code blocks): x from, x to (from the left margin).
    pub shade: Option<(f32, f32)>,
    /// A list marker hanging left of the first line.
    pub marker: Option<Marker>,
    /// Code: lines that continue on the next line get a mark, and spaces are never
    /// compressed (columns stay aligned).
    pub wrap_mark: bool,
    /// Hyphenate its Latin words with these patterns (justified paragraphs, when the
    /// style asks for it; see `hyphenate`).
    pub hyphenate: Option<hypher::Lang>,
}

/// A list item's marker, set in the hanging indent left of the item's first line.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    /// The bullet or number (empty for task items).
    pub spans: Vec<Span>,
    /// A task box, checked or not, drawn as vector graphics (the bundled faces have no
    /// ☐/☑).
    pub task: Option<bool>,
    /// A bullet, drawn (the bundled bullet glyphs are tiny): its list depth, 0 = outermost
    /// (disc, circle, square, then again).
    pub bullet: Option<u8>,
}

impl Par {
    pub(crate) fn new(style: &Style, align: ParAlign, size: f32) -> Par {
        Par {
            spans: Vec::new(),
            align,
            first_indent: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            size,
            pitch: style.pitch_for(size),
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            outline: None,
            bars: Vec::new(),
            shade: None,
            marker: None,
            wrap_mark: false,
            hyphenate: None,
        }
    }

    /// A paragraph with nothing set but its alignment and size (also used by `pages`).
    pub(crate) fn plain(style: &Style, align: ParAlign, size: f32) -> Par {
        Par::new(style, align, size)
    }

    pub(crate) fn text(&mut self, text: impl Into<String>, role: Role, size: f32) {
        self.spans
            .push(Span::new(SpanKind::Text(text.into()), role, size));
    }
}

/// A table, one paragraph per cell; `pages` sets the columns.
#[derive(Debug, Clone)]
pub(crate) struct TableFlow {
    /// Alignment of each column.
    pub aligns: Vec<ParAlign>,
    /// The rows, header first when `header` is set; every row has one paragraph per column.
    pub rows: Vec<Vec<Par>>,
    /// Whether the first row is a header (repeated at the top of each page).
    pub header: bool,
    /// Left indent of the table in points.
    pub indent: f32,
}

/// An image with its caption.
#[derive(Debug, Clone)]
pub(crate) struct FigureFlow {
    /// The image path as written.
    pub url: String,
    /// The size the document gives the image (none: its pixels at 96 dpi).
    pub size: crate::doc::ImageSize,
    /// The caption (alt text when there is no caption); may have no spans.
    pub caption: Par,
    /// Left indent in points.
    pub indent: f32,
}
