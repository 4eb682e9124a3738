//! Page and typography settings. Every size, face, margin and indent a writer uses comes
//! from a [`Style`], never from a literal in the writer, so that the PDF and the DOCX of one
//! input look alike.
//!
//! A style is grouped into parts a user can read — page, body text, title block, headings
//! per level, lists, quotes, code, tables, captions, notes, links, page numbers — each with
//! a default. The presets are in [`presets`]; a TOML style file ([`file`]) sets any field of
//! any part and may extend a preset.

pub mod file;
mod place;
pub mod presets;
mod units;

pub use file::{load_file, StyleError};
pub use place::{attachment_label, official_place, Place};
pub use presets::{preset, PRESETS};
pub use units::{mm, parse_font_size, parse_length, parse_line_height, parse_margins, parse_paper};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use units::{serde_length, serde_size};

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 148 × 210 mm.
    A5,
    /// 8.5 × 11 in.
    Letter,
    /// 8.5 × 14 in.
    Legal,
}

impl Paper {
    /// Parse `a4`, `a5`, `letter`, `legal` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "a5" => Some(Paper::A5),
            "letter" => Some(Paper::Letter),
            "legal" => Some(Paper::Legal),
            _ => None,
        }
    }

    /// The name [`Paper::from_name`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A5 => "a5",
            Paper::Letter => "letter",
            Paper::Legal => "legal",
        }
    }

    /// Width and height in points (portrait).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (mm(210.0), mm(297.0)),
            Paper::A5 => (mm(148.0), mm(210.0)),
            Paper::Letter => (612.0, 792.0),
            Paper::Legal => (612.0, 1008.0),
        }
    }
}

impl Serialize for Paper {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Paper {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        parse_paper(&name).map_err(serde::de::Error::custom)
    }
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top.
    #[serde(with = "serde_length")]
    pub top: f32,
    /// Right.
    #[serde(with = "serde_length")]
    pub right: f32,
    /// Bottom.
    #[serde(with = "serde_length")]
    pub bottom: f32,
    /// Left (the binding side).
    #[serde(with = "serde_length")]
    pub left: f32,
}

impl Margins {
    /// The same margin on all four sides.
    pub fn uniform(v: f32) -> Self {
        Margins {
            top: v,
            right: v,
            bottom: v,
            left: v,
        }
    }
}

impl Default for Margins {
    fn default() -> Self {
        Margins::uniform(mm(25.0))
    }
}

/// A list of font families to try in order, like CSS's `font-family`: the first one found
/// on the machine (or bundled) is used, and characters it lacks fall back along the rest
/// and then to the bundled faces. A style file writes one name or a list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FontStack(pub Vec<String>);

impl FontStack {
    /// A stack of the given names.
    pub fn of(names: &[&str]) -> Self {
        FontStack(names.iter().map(|s| s.to_string()).collect())
    }

    /// The first family named.
    pub fn first(&self) -> &str {
        self.0.first().map_or("", String::as_str)
    }

    /// The families, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl Serialize for FontStack {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for FontStack {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        let names = match OneOrMany::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a font family name or a list of them")
        })? {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        };
        if names.iter().any(|n| n.trim().is_empty()) {
            return Err(serde::de::Error::custom("empty font family name"));
        }
        Ok(FontStack(names))
    }
}

/// Horizontal alignment of a title or heading line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Flush left (after the indent).
    #[default]
    Left,
    /// Centred.
    Center,
}

/// Where page numbers sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageNumberPlace {
    /// Centred under the text block on every page.
    #[default]
    Center,
    /// On the outer side: right on odd pages, left on even ones (GB/T 9704), `inset` in
    /// from the edge of the text block.
    Outside,
    /// Right on every page, `inset` in.
    Right,
}

/// The page: paper, margins and the optional line and character grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageStyle {
    /// Paper size: a4, a5, letter, legal.
    pub paper: Paper,
    /// Margins (lengths: `"25mm"`, `"1in"`, or points).
    pub margins: Margins,
    /// A line grid: this many body lines fill the text block exactly, and every line of
    /// running text sits on the grid (0: no grid; the pitch comes from `body.line_height`).
    pub lines_per_page: u32,
    /// A character grid: this many ideographs fill a line exactly (0: no grid; ideographs
    /// are set at the body size).
    pub chars_per_line: u32,
}

impl Default for PageStyle {
    fn default() -> Self {
        PageStyle {
            paper: Paper::A4,
            margins: Margins::default(),
            lines_per_page: 0,
            chars_per_line: 0,
        }
    }
}

/// Running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BodyStyle {
    /// Families of body text (a Song/Ming or FangSong face for Chinese).
    pub font: FontStack,
    /// Size: points or a Chinese size name (`"小四"`, `"三号"`).
    #[serde(with = "serde_size")]
    pub size: f32,
    /// Line pitch as a multiple of the size (ignored under a line grid).
    pub line_height: f32,
    /// First-line indent of paragraphs, in em.
    pub first_line_indent: f32,
    /// Space between paragraphs, in lines.
    pub paragraph_space: f32,
    /// Space between Han and Latin text (clreq §3.2.2), in em.
    pub cjk_latin_gap: f32,
    /// Hyphenate Latin words in justified text.
    pub hyphenate: bool,
    /// Keep a paragraph's first or last line from standing alone at a page's foot or
    /// head (off under a line grid that must fill every page).
    pub widow_control: bool,
}

impl Default for BodyStyle {
    fn default() -> Self {
        BodyStyle {
            font: FontStack::of(&["Noto Serif SC"]),
            size: 12.0,
            line_height: 1.6,
            first_line_indent: 2.0,
            paragraph_space: 0.0,
            cjk_latin_gap: 0.25,
            hyphenate: false,
            widow_control: true,
        }
    }
}

/// The title block: title, subtitle, authors, date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TitleStyle {
    /// Families of the title.
    pub font: FontStack,
    /// Title size.
    #[serde(with = "serde_size")]
    pub size: f32,
    /// Set the title in the bold weight (a face without one is used as it is).
    pub bold: bool,
    /// Line pitch of the title lines, as a multiple of the title size (at least the body
    /// pitch; on the line grid when there is one).
    pub line_height: f32,
    /// Families of the subtitle.
    pub subtitle_font: FontStack,
    /// Subtitle size.
    #[serde(with = "serde_size")]
    pub subtitle_size: f32,
    /// Space below the title block, in lines.
    pub space_after: f32,
}

impl Default for TitleStyle {
    fn default() -> Self {
        TitleStyle {
            font: FontStack::of(&["Noto Serif SC"]),
            // 二号 (GB/T 9704: 22 pt), 三号 subtitle.
            size: 22.0,
            bold: true,
            line_height: 1.5,
            subtitle_font: FontStack::of(&["Noto Sans SC"]),
            subtitle_size: 16.0,
            space_after: 1.0,
        }
    }
}

/// One heading level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HeadingStyle {
    /// Families (a Hei face for `一、`, Kai for `（一）` in official documents).
    pub font: FontStack,
    /// Size.
    #[serde(with = "serde_size")]
    pub size: f32,
    /// Set in the bold weight (a face without one is used as it is).
    pub bold: bool,
    /// Alignment of a stand-alone heading.
    pub align: Align,
    /// Indent of a stand-alone heading, in em of the body.
    pub indent: f32,
    /// Space above a stand-alone heading, in lines.
    pub space_before: f32,
    /// Space below a stand-alone heading, in lines.
    pub space_after: f32,
}

impl HeadingStyle {
    fn sans(size: f32) -> Self {
        HeadingStyle {
            font: FontStack::of(&["Noto Sans SC"]),
            size,
            bold: true,
            align: Align::Left,
            indent: 0.0,
            space_before: 0.5,
            space_after: 0.25,
        }
    }
}

impl Default for HeadingStyle {
    fn default() -> Self {
        HeadingStyle::sans(12.0)
    }
}

/// The heading levels, `[heading.1]` to `[heading.6]` in a style file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Headings {
    /// Number headings that have no label of their own: `1`, `1.1`, `1.1.1`, … (levels
    /// below the document's top heading level).
    pub numbered: bool,
    /// Level 1.
    #[serde(rename = "1")]
    pub h1: HeadingStyle,
    /// Level 2.
    #[serde(rename = "2")]
    pub h2: HeadingStyle,
    /// Level 3.
    #[serde(rename = "3")]
    pub h3: HeadingStyle,
    /// Level 4.
    #[serde(rename = "4")]
    pub h4: HeadingStyle,
    /// Level 5.
    #[serde(rename = "5")]
    pub h5: HeadingStyle,
    /// Level 6.
    #[serde(rename = "6")]
    pub h6: HeadingStyle,
}

impl Default for Headings {
    fn default() -> Self {
        // 三号, 四号, 小四 bold sans, then body size.
        Headings {
            numbered: false,
            h1: HeadingStyle::sans(16.0),
            h2: HeadingStyle::sans(14.0),
            h3: HeadingStyle::sans(12.0),
            h4: HeadingStyle::sans(12.0),
            h5: HeadingStyle::sans(12.0),
            h6: HeadingStyle::sans(12.0),
        }
    }
}

impl Headings {
    /// Level `level` (clamped to 1–6).
    pub fn level(&self, level: u8) -> &HeadingStyle {
        match level.clamp(1, 6) {
            1 => &self.h1,
            2 => &self.h2,
            3 => &self.h3,
            4 => &self.h4,
            5 => &self.h5,
            _ => &self.h6,
        }
    }

    /// All six levels, mutably.
    pub fn all_mut(&mut self) -> [&mut HeadingStyle; 6] {
        [
            &mut self.h1,
            &mut self.h2,
            &mut self.h3,
            &mut self.h4,
            &mut self.h5,
            &mut self.h6,
        ]
    }
}

/// Emphasis (`*text*`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmphasisStyle {
    /// Families for emphasised Han text (Chinese has no italics: a Kai face is ideal; Latin
    /// text is set in the body face, slanted).
    pub font: FontStack,
}

impl Default for EmphasisStyle {
    fn default() -> Self {
        EmphasisStyle {
            font: FontStack::of(&["Noto Sans SC"]),
        }
    }
}

/// Bullet and ordered lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListStyle {
    /// Indent of an item's text (the marker hangs in it), in em.
    pub indent: f32,
    /// Space between the items of a loose list, in lines.
    pub loose_space: f32,
}

impl Default for ListStyle {
    fn default() -> Self {
        ListStyle {
            indent: 2.0,
            loose_space: 0.3,
        }
    }
}

/// Block quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuoteStyle {
    /// Indent of the quoted text, in em.
    pub indent: f32,
    /// Position of the bar inside that indent, in em.
    pub bar_offset: f32,
    /// Width of the bar, in points.
    pub bar_width: f32,
    /// Grey of the bar (0 black, 1 white).
    pub bar_gray: f32,
}

impl Default for QuoteStyle {
    fn default() -> Self {
        QuoteStyle {
            indent: 2.0,
            bar_offset: 0.6,
            bar_width: 2.0,
            bar_gray: 0.7,
        }
    }
}

/// Code blocks and inline code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CodeStyle {
    /// Families of code (monospaced).
    pub font: FontStack,
    /// Size, as a multiple of the body size.
    pub scale: f32,
    /// Line pitch, as a multiple of the code size.
    pub line_height: f32,
    /// Grey of the shading behind code blocks (0 black, 1 white).
    pub shade_gray: f32,
}

impl Default for CodeStyle {
    fn default() -> Self {
        CodeStyle {
            font: FontStack::of(&["Noto Sans Mono"]),
            scale: 0.85,
            line_height: 1.4,
            shade_gray: 0.94,
        }
    }
}

/// Tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableStyle {
    /// Size of table text, as a multiple of the body size.
    pub scale: f32,
    /// Line pitch inside cells, as a multiple of their size.
    pub line_height: f32,
    /// Weight of the top and bottom rules, in points.
    pub rule_heavy: f32,
    /// Weight of the rule under the header, in points.
    pub rule_light: f32,
    /// Weight of the hairlines between body rows, in points.
    pub rule_hair: f32,
    /// Grey of those hairlines (0 black, 1 white).
    pub hair_gray: f32,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle {
            scale: 0.875,
            line_height: 1.4,
            rule_heavy: 1.0,
            rule_light: 0.5,
            rule_hair: 0.3,
            hair_gray: 0.75,
        }
    }
}

/// Figure captions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaptionStyle {
    /// Size, as a multiple of the body size.
    pub scale: f32,
}

impl Default for CaptionStyle {
    fn default() -> Self {
        CaptionStyle { scale: 0.875 }
    }
}

/// Footnotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NoteStyle {
    /// Size, as a multiple of the body size (小五 under 小四 body).
    pub scale: f32,
    /// Line pitch, as a multiple of the note size.
    pub line_height: f32,
    /// Indent of the note text (the number hangs in it), in em of the note size.
    pub indent: f32,
    /// Space taken by the separator above the notes, in lines.
    pub separator_space: f32,
    /// Length of the separator, as a fraction of the text width.
    pub separator_length: f32,
}

impl Default for NoteStyle {
    fn default() -> Self {
        NoteStyle {
            scale: 0.75,
            line_height: 1.45,
            indent: 2.0,
            separator_space: 0.8,
            separator_length: 0.25,
        }
    }
}

/// Links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LinkStyle {
    /// Grey of the underline of external links (0 black, 1 white).
    pub underline_gray: f32,
}

impl Default for LinkStyle {
    fn default() -> Self {
        LinkStyle {
            underline_gray: 0.45,
        }
    }
}

/// Page numbers in the footer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageNumberStyle {
    /// The text: `{n}` is replaced by the page number; empty for no page numbers.
    pub format: String,
    /// Families of the page number (empty: the body's).
    pub font: FontStack,
    /// Size.
    #[serde(with = "serde_size")]
    pub size: f32,
    /// Distance from the bottom of the text block to the number's baseline.
    #[serde(with = "serde_length")]
    pub gap: f32,
    /// Where: center, outside (odd pages right, even pages left) or right.
    pub place: PageNumberPlace,
    /// Distance in from the edge of the text block when not centred, in em of the body.
    pub inset: f32,
}

impl Default for PageNumberStyle {
    fn default() -> Self {
        PageNumberStyle {
            format: "— {n} —".into(),
            font: FontStack::default(),
            size: 10.5,
            gap: mm(10.0),
            place: PageNumberPlace::Center,
            inset: 0.0,
        }
    }
}

/// Page and type settings for one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    /// Paper, margins, grid.
    pub page: PageStyle,
    /// Running text.
    pub body: BodyStyle,
    /// The title block.
    pub title: TitleStyle,
    /// Headings, per level.
    pub heading: Headings,
    /// Emphasis.
    pub emphasis: EmphasisStyle,
    /// Lists.
    pub lists: ListStyle,
    /// Block quotes.
    pub quote: QuoteStyle,
    /// Code.
    pub code: CodeStyle,
    /// Tables.
    pub tables: TableStyle,
    /// Figure captions.
    pub captions: CaptionStyle,
    /// Footnotes.
    pub notes: NoteStyle,
    /// Links.
    pub links: LinkStyle,
    /// Page numbers.
    pub page_numbers: PageNumberStyle,
}

/// Command-line settings that override a style: each `None` keeps the style's value.
/// Accepts what [`parse_paper`], [`parse_margins`], [`parse_font_size`] and
/// [`parse_line_height`] accept.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overrides<'a> {
    /// `--paper`.
    pub paper: Option<&'a str>,
    /// `--margin`.
    pub margin: Option<&'a str>,
    /// `--font-size`.
    pub font_size: Option<&'a str>,
    /// `--line-height`.
    pub line_height: Option<&'a str>,
}

impl Style {
    /// Padding of a code block's shading above its first line and below its last, in em of
    /// the code.
    pub const CODE_SHADE_PAD_EM: f32 = 0.3;
    /// Gap between a list marker's right edge and the item's text, in em of the text.
    pub const LIST_MARKER_GAP_EM: f32 = 0.5;
    /// Indent of the signature (落款) from the right margin, in em of the body (GB/T 9704:
    /// two characters).
    pub const SIGNATURE_INDENT_EM: f32 = 2.0;
    /// Weight of a thematic break's rule, in points.
    pub const RULE_WIDTH: f32 = 0.5;
    /// Weight of the frame around a missing image's alt text, in points.
    pub const FRAME_WIDTH: f32 = 0.4;

    /// The default style with command-line settings applied.
    pub fn from_options(
        paper: Option<&str>,
        margin: Option<&str>,
        font_size: Option<&str>,
        line_height: Option<&str>,
    ) -> Result<Style, String> {
        let mut style = Style::default();
        style.apply(&Overrides {
            paper,
            margin,
            font_size,
            line_height,
        })?;
        Ok(style)
    }

    /// Apply command-line settings. A new body size scales the headings, title and page
    /// numbers with it; a line height turns the line grid off.
    pub fn apply(&mut self, o: &Overrides) -> Result<(), String> {
        if let Some(p) = o.paper {
            self.page.paper = parse_paper(p).map_err(|e| format!("--paper: {e}"))?;
        }
        if let Some(m) = o.margin {
            self.page.margins = parse_margins(m).map_err(|e| format!("--margin: {e}"))?;
        }
        if let Some(f) = o.font_size {
            let size = parse_font_size(f).map_err(|e| format!("--font-size: {e}"))?;
            let k = size / self.body.size;
            self.heading.all_mut().into_iter().for_each(|h| h.size *= k);
            self.title.size *= k;
            self.title.subtitle_size *= k;
            self.page_numbers.size *= k;
            self.body.size = size;
        }
        if let Some(l) = o.line_height {
            self.body.line_height =
                parse_line_height(l, self.body.size).map_err(|e| format!("--line-height: {e}"))?;
            self.page.lines_per_page = 0;
        }
        Ok(())
    }

    /// Body size in points (1 em of running text).
    pub fn em(&self) -> f32 {
        self.body.size
    }

    /// The width of one character for indents ("2 characters in"): the character grid's
    /// pitch, else the body size.
    pub fn cell(&self) -> f32 {
        self.char_pitch().unwrap_or(self.body.size)
    }

    /// Right indents of a signature (落款) and the date under it, after GB/T 9704 §7.3.5.2
    /// (no seal): the issuer two characters in from the right edge, the date's first
    /// character two characters right of the issuer's first; a date longer than the issuer
    /// sits two characters in and pushes the issuer left.
    /// `signature` and `date` are the widths of the two lines.
    pub fn signature_indents(&self, s: f32, d: f32) -> (f32, f32) {
        let two = Self::SIGNATURE_INDENT_EM * self.cell();
        if d <= s {
            (two, s - d)
        } else {
            (2.0 * two + d - s, two)
        }
    }

    /// Body line pitch in points: the grid pitch under a line grid, rounded down to the
    /// DOCX's unit (1/20 pt) so that both outputs keep exactly the same pitch and the last
    /// grid line still fits.
    pub fn line_pitch(&self) -> f32 {
        match self.page.lines_per_page {
            0 => self.body.size * self.body.line_height,
            n => (self.text_height() / n as f32 * 20.0).floor() / 20.0,
        }
    }

    /// Under a character grid, the advance of one ideograph, in points.
    pub fn char_pitch(&self) -> Option<f32> {
        match self.page.chars_per_line {
            0 => None,
            n => Some(self.measure() / n as f32),
        }
    }

    /// `h` rounded up to whole lines of the grid, when there is a line grid.
    pub fn snap(&self, h: f32) -> f32 {
        if self.page.lines_per_page == 0 {
            return h;
        }
        let pitch = self.line_pitch();
        (h / pitch - 1e-3).ceil().max(1.0) * pitch
    }

    /// `lines` of body pitch in points, rounded to whole lines under a line grid.
    pub fn space(&self, lines: f32) -> f32 {
        let lines = if self.page.lines_per_page == 0 {
            lines
        } else {
            lines.round()
        };
        lines * self.line_pitch()
    }

    /// Width of the text block in points.
    pub fn measure(&self) -> f32 {
        self.page.paper.size_pt().0 - self.page.margins.left - self.page.margins.right
    }

    /// Height of the text block in points.
    pub fn text_height(&self) -> f32 {
        self.page.paper.size_pt().1 - self.page.margins.top - self.page.margins.bottom
    }

    /// The line pitch of running text set at `size`: the body pitch, or 1.3 × the size
    /// for larger text (headings), on the grid when there is one.
    pub fn pitch_for(&self, size: f32) -> f32 {
        self.snap(self.line_pitch().max(size * 1.3))
    }

    /// The style of headings of `level` (1–6).
    pub fn heading(&self, level: u8) -> &HeadingStyle {
        self.heading.level(level)
    }

    /// Size of headings of `level` (1–6), in points.
    pub fn heading_size(&self, level: u8) -> f32 {
        self.heading(level).size
    }

    /// Line pitch of a title-block line set at `size`: `title.line_height` × the size, at
    /// least the body pitch, on the grid when there is one.
    pub fn title_pitch(&self, size: f32) -> f32 {
        self.snap((size * self.title.line_height).max(self.line_pitch()))
    }

    /// Space between body paragraphs, in points.
    pub fn paragraph_space(&self) -> f32 {
        self.space(self.body.paragraph_space)
    }

    /// Size of code blocks, in points.
    pub fn code_size(&self) -> f32 {
        self.body.size * self.code.scale
    }

    /// Line pitch of code blocks, in points.
    pub fn code_pitch(&self) -> f32 {
        self.code_size() * self.code.line_height
    }

    /// Padding left of code and right of it, inside the shading, in points.
    pub fn code_pad(&self) -> f32 {
        0.5 * self.body.size
    }

    /// The code shading's padding above the first line and below the last, in points.
    pub fn code_shade_pad(&self) -> f32 {
        Self::CODE_SHADE_PAD_EM * self.code_size()
    }

    /// Length of a thematic break's rule (centred), in points.
    pub fn rule_length(&self) -> f32 {
        self.measure() / 3.0
    }

    /// Height a thematic break takes (the rule in its middle), in points.
    pub fn rule_space(&self) -> f32 {
        self.line_pitch()
    }

    /// Space below the contents' heading, in points.
    pub fn toc_head_space(&self) -> f32 {
        0.5 * self.line_pitch()
    }

    /// Space above and below a code block, in points.
    pub fn code_space(&self) -> f32 {
        0.25 * self.line_pitch()
    }

    /// Size of table text, in points.
    pub fn table_size(&self) -> f32 {
        self.body.size * self.tables.scale
    }

    /// Line pitch inside table cells, in points.
    pub fn table_pitch(&self) -> f32 {
        self.table_size() * self.tables.line_height
    }

    /// Space above a table and below it (before the half bottom rule), in points.
    pub fn table_space(&self) -> f32 {
        0.5 * self.line_pitch()
    }

    /// Size of figure captions, in points.
    pub fn caption_size(&self) -> f32 {
        self.body.size * self.captions.scale
    }

    /// Space above a figure, in points.
    pub fn figure_space_before(&self) -> f32 {
        0.5 * self.line_pitch()
    }

    /// Space between a figure's image and its caption, in points.
    pub fn figure_caption_gap(&self) -> f32 {
        0.3 * self.line_pitch()
    }

    /// Space below a figure's caption, in points.
    pub fn figure_space_after(&self) -> f32 {
        0.5 * self.line_pitch()
    }

    /// Size of footnote text, in points.
    pub fn note_size(&self) -> f32 {
        self.body.size * self.notes.scale
    }

    /// Line pitch of footnote text, in points.
    pub fn note_pitch(&self) -> f32 {
        self.note_size() * self.notes.line_height
    }

    /// Hanging indent of a list, in points: the list indent, widened for long numbers
    /// (`ordered_last`: the number after the last item of an ordered list).
    pub fn list_hang(&self, ordered_last: Option<u64>) -> f32 {
        let em = self.body.size;
        match ordered_last {
            None => self.lists.indent * em,
            Some(last) => {
                let digits = last.to_string().len() as f32;
                (self.lists.indent * em).max((digits * 0.55 + 1.0) * em)
            }
        }
    }

    /// The families of page numbers: their own, else the body's.
    pub fn page_number_font(&self) -> &FontStack {
        if self.page_numbers.font.0.is_empty() {
            &self.body.font
        } else {
            &self.page_numbers.font
        }
    }

    /// The page-number text around the number: `(before, after)` for `— {n} —`.
    pub fn page_number_parts(&self) -> Option<(&str, &str)> {
        let format = &self.page_numbers.format;
        if format.is_empty() {
            return None;
        }
        Some(format.split_once("{n}").unwrap_or((format.as_str(), "")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_options_scales_headings() {
        let s = Style::from_options(Some("a5"), Some("20mm"), Some("16"), Some("1.5")).unwrap();
        assert_eq!(s.page.paper, Paper::A5);
        assert_eq!(s.body.size, 16.0);
        assert!((s.heading.h1.size - 16.0 * 16.0 / 12.0).abs() < 1e-4);
        assert!(Style::from_options(None, Some("wide"), None, None).is_err());
        assert_eq!(
            Style::from_options(None, None, None, None).unwrap(),
            Style::default()
        );
    }

    #[test]
    fn grid_pitches() {
        let mut s = Style::default();
        s.page.margins = Margins {
            top: mm(37.0),
            right: mm(26.0),
            bottom: mm(35.0),
            left: mm(28.0),
        };
        s.page.lines_per_page = 22;
        s.page.chars_per_line = 28;
        assert!(s.line_pitch() * 22.0 <= mm(225.0));
        assert!(s.line_pitch() * 22.0 > mm(225.0) - 22.0 / 20.0);
        assert!((s.char_pitch().unwrap() * 28.0 - mm(156.0)).abs() < 1e-3);
        // Larger lines take whole grid lines.
        assert!((s.pitch_for(16.0) - s.line_pitch()).abs() < 1e-4);
        assert!((s.snap(s.line_pitch() * 1.2) - 2.0 * s.line_pitch()).abs() < 1e-4);
    }
}
