//! Page and typography settings. Every size, face, margin and indent a writer uses comes
//! from a [`Style`], never from a literal in the writer.

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

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    /// Top.
    pub top: f32,
    /// Right.
    pub right: f32,
    /// Bottom.
    pub bottom: f32,
    /// Left.
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

/// Page and type settings for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Paper size.
    pub paper: Paper,
    /// Margins, in points.
    pub margins: Margins,
    /// Body text size in points.
    pub font_size: f32,
    /// Line pitch as a multiple of the body size.
    pub line_height: f32,
    /// First-line indent of body paragraphs, in em of the body size.
    pub first_line_indent_em: f32,
    /// Family of body text (a Song/Ming face: `Noto Serif SC`).
    pub body_family: String,
    /// Family of headings and run-in heading leads (a Hei face: `Noto Sans SC`).
    pub heading_family: String,
    /// Family of the title (set in its bold weight).
    pub title_family: String,
    /// Family of code and preformatted text.
    pub mono_family: String,
    /// Family for emphasis (Chinese has no italics; a Kai face is ideal, the sans regular
    /// is the bundled stand-in).
    pub emphasis_family: String,
    /// Sizes of headings of levels 1 to 6, in points.
    pub heading_sizes: [f32; 6],
    /// Space above a stand-alone heading, in lines of body pitch.
    pub heading_space_before: f32,
    /// Space below a stand-alone heading, in lines of body pitch.
    pub heading_space_after: f32,
    /// Indent of stand-alone headings, in em of the body size.
    pub heading_indent_em: f32,
    /// Title size in points.
    pub title_size: f32,
    /// Subtitle size in points.
    pub subtitle_size: f32,
    /// Space below the title block, in lines of body pitch.
    pub title_space_after: f32,
    /// Size of code blocks, as a multiple of the body size.
    pub code_scale: f32,
    /// Space between Han and Latin text (clreq §3.2.2), in em of the surrounding text.
    pub cjk_latin_gap_em: f32,
    /// Hyphenate Latin words in justified text (the `hypher` patterns of the document's
    /// language, English by default).
    pub hyphenate: bool,
    /// Footer page number: `{n}` is replaced by the page number; empty for none.
    pub page_number_format: String,
    /// Page number size in points.
    pub page_number_size: f32,
    /// Distance from the bottom of the text block to the page number's baseline, in points.
    pub page_number_gap: f32,
    /// Indent of a list item's text (the marker hangs in it), in em of the body.
    pub list_indent_em: f32,
    /// Space between the items of a loose list, in lines of body pitch.
    pub list_loose_space: f32,
    /// Indent of block-quote text, in em of the body.
    pub quote_indent_em: f32,
    /// Position of the block-quote bar inside that indent, in em of the body.
    pub quote_bar_em: f32,
    /// Width of the block-quote bar, in points.
    pub quote_bar_width: f32,
    /// Grey of the block-quote bar (0 black, 1 white).
    pub quote_bar_gray: f32,
    /// Grey of the shading behind code blocks (0 black, 1 white).
    pub code_shade_gray: f32,
    /// Size of table text, as a multiple of the body size.
    pub table_scale: f32,
    /// Line height inside table cells, as a multiple of their size.
    pub table_line_height: f32,
    /// Size of figure captions, as a multiple of the body size.
    pub caption_scale: f32,
    /// Size of footnotes, as a multiple of the body size (小五 under 小四 body).
    pub footnote_scale: f32,
    /// Line height of footnotes, as a multiple of their size.
    pub footnote_line_height: f32,
    /// Indent of footnote text (the number hangs in it), in em of the footnote size.
    pub footnote_indent_em: f32,
    /// Space taken by the footnote separator above the notes, in lines of body pitch.
    pub footnote_separator_space: f32,
    /// Length of the footnote separator, as a fraction of the measure.
    pub footnote_separator_length: f32,
    /// Grey of the underline of external links (0 black, 1 white).
    pub link_underline_gray: f32,
    /// Weight of the top and bottom rules of a table, in points.
    pub table_rule_heavy: f32,
    /// Weight of the rule under a table's header, in points.
    pub table_rule_light: f32,
    /// Weight of the hairlines between a table's body rows, in points.
    pub table_rule_hair: f32,
    /// Grey of those hairlines (0 black, 1 white).
    pub table_hair_gray: f32,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            paper: Paper::A4,
            margins: Margins {
                top: mm(25.0),
                right: mm(25.0),
                bottom: mm(25.0),
                left: mm(25.0),
            },
            font_size: 12.0,
            line_height: 1.6,
            first_line_indent_em: 2.0,
            body_family: "Noto Serif SC".into(),
            heading_family: "Noto Sans SC".into(),
            title_family: "Noto Serif SC".into(),
            mono_family: "Noto Sans Mono".into(),
            emphasis_family: "Noto Sans SC".into(),
            // 三号, 四号, 小四 bold sans, then body size.
            heading_sizes: [16.0, 14.0, 12.0, 12.0, 12.0, 12.0],
            heading_space_before: 0.5,
            heading_space_after: 0.25,
            heading_indent_em: 0.0,
            // 二号 title (GB/T 9704: 22 pt), 三号 subtitle.
            title_size: 22.0,
            subtitle_size: 16.0,
            title_space_after: 1.0,
            code_scale: 0.85,
            cjk_latin_gap_em: 0.25,
            hyphenate: false,
            page_number_format: "— {n} —".into(),
            page_number_size: 10.5,
            page_number_gap: mm(10.0),
            list_indent_em: 2.0,
            list_loose_space: 0.3,
            quote_indent_em: 2.0,
            quote_bar_em: 0.6,
            quote_bar_width: 2.0,
            quote_bar_gray: 0.7,
            code_shade_gray: 0.94,
            table_scale: 0.875,
            table_line_height: 1.4,
            caption_scale: 0.875,
            footnote_scale: 0.75,
            footnote_line_height: 1.45,
            footnote_indent_em: 2.0,
            footnote_separator_space: 0.8,
            footnote_separator_length: 0.25,
            link_underline_gray: 0.45,
            table_rule_heavy: 1.0,
            table_rule_light: 0.5,
            table_rule_hair: 0.3,
            table_hair_gray: 0.75,
        }
    }
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

    /// The style for command-line settings: each `None` keeps the default. Accepts what
    /// [`parse_paper`], [`parse_margins`], [`parse_font_size`] and [`parse_line_height`] accept.
    pub fn from_options(
        paper: Option<&str>,
        margin: Option<&str>,
        font_size: Option<&str>,
        line_height: Option<&str>,
    ) -> Result<Style, String> {
        let mut style = Style::default();
        if let Some(p) = paper {
            style.paper = parse_paper(p).map_err(|e| format!("--paper: {e}"))?;
        }
        if let Some(m) = margin {
            style.margins = parse_margins(m).map_err(|e| format!("--margin: {e}"))?;
        }
        if let Some(f) = font_size {
            let size = parse_font_size(f).map_err(|e| format!("--font-size: {e}"))?;
            // Headings and title keep their proportion to the body.
            let k = size / style.font_size;
            style.heading_sizes.iter_mut().for_each(|h| *h *= k);
            style.title_size *= k;
            style.subtitle_size *= k;
            style.page_number_size *= k;
            style.font_size = size;
        }
        if let Some(l) = line_height {
            style.line_height =
                parse_line_height(l, style.font_size).map_err(|e| format!("--line-height: {e}"))?;
        }
        Ok(style)
    }

    /// Body line pitch in points.
    pub fn line_pitch(&self) -> f32 {
        self.font_size * self.line_height
    }

    /// Width of the text block in points.
    pub fn measure(&self) -> f32 {
        self.paper.size_pt().0 - self.margins.left - self.margins.right
    }

    /// Height of the text block in points.
    pub fn text_height(&self) -> f32 {
        self.paper.size_pt().1 - self.margins.top - self.margins.bottom
    }

    /// The line pitch of running text set at `size`: the body pitch, or 1.3 × the size
    /// for larger text (headings).
    pub fn pitch_for(&self, size: f32) -> f32 {
        self.line_pitch().max(size * 1.3)
    }

    /// Size of headings of `level` (1–6), in points.
    pub fn heading_size(&self, level: u8) -> f32 {
        self.heading_sizes[usize::from(level.clamp(1, 6) - 1)]
    }

    /// Line pitch of a title-block line set at `size`: 1.5 × the size, at least the body
    /// pitch.
    pub fn title_pitch(&self, size: f32) -> f32 {
        (size * 1.5).max(self.line_pitch())
    }

    /// Size of code blocks, in points.
    pub fn code_size(&self) -> f32 {
        self.font_size * self.code_scale
    }

    /// Line pitch of code blocks, in points.
    pub fn code_pitch(&self) -> f32 {
        self.code_size() * 1.4
    }

    /// Padding left of code and right of it, inside the shading, in points.
    pub fn code_pad(&self) -> f32 {
        0.5 * self.font_size
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
        self.font_size * self.table_scale
    }

    /// Line pitch inside table cells, in points.
    pub fn table_pitch(&self) -> f32 {
        self.table_size() * self.table_line_height
    }

    /// Space above a table and below it (before the half bottom rule), in points.
    pub fn table_space(&self) -> f32 {
        0.5 * self.line_pitch()
    }

    /// Size of figure captions, in points.
    pub fn caption_size(&self) -> f32 {
        self.font_size * self.caption_scale
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
        self.font_size * self.footnote_scale
    }

    /// Line pitch of footnote text, in points.
    pub fn note_pitch(&self) -> f32 {
        self.note_size() * self.footnote_line_height
    }

    /// Hanging indent of a list, in points: the list indent, widened for long numbers
    /// (`ordered_last`: the number after the last item of an ordered list).
    pub fn list_hang(&self, ordered_last: Option<u64>) -> f32 {
        let em = self.font_size;
        match ordered_last {
            None => self.list_indent_em * em,
            Some(last) => {
                let digits = last.to_string().len() as f32;
                (self.list_indent_em * em).max((digits * 0.55 + 1.0) * em)
            }
        }
    }

    /// The page-number text around the number: `(before, after)` for `— {n} —`.
    pub fn page_number_parts(&self) -> Option<(&str, &str)> {
        if self.page_number_format.is_empty() {
            return None;
        }
        Some(
            self.page_number_format
                .split_once("{n}")
                .unwrap_or((self.page_number_format.as_str(), "")),
        )
    }
}

/// Parse a paper name: `a4`, `a5`, `letter`, `legal`.
pub fn parse_paper(s: &str) -> Result<Paper, String> {
    Paper::from_name(s.trim())
        .ok_or_else(|| format!("unknown paper size {s:?} (expected a4, a5, letter or legal)"))
}

/// Parse a length with a unit (`25mm`, `2.5cm`, `1in`, `72pt`) into points. A bare
/// number is taken as points.
pub fn parse_length(s: &str) -> Result<f32, String> {
    let t = s.trim().to_ascii_lowercase();
    let (num, factor) = if let Some(n) = t.strip_suffix("mm") {
        (n, 72.0 / 25.4)
    } else if let Some(n) = t.strip_suffix("cm") {
        (n, 72.0 / 2.54)
    } else if let Some(n) = t.strip_suffix("in") {
        (n, 72.0)
    } else if let Some(n) = t.strip_suffix("pt") {
        (n, 1.0)
    } else {
        (t.as_str(), 1.0)
    };
    let v: f32 = num
        .trim()
        .parse()
        .map_err(|_| format!("invalid length {s:?} (expected e.g. 25mm, 2.5cm, 1in, 72pt)"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("invalid length {s:?}: must be a positive number"));
    }
    Ok(v * factor)
}

/// Parse margins: one length for all sides, or two (`top/bottom,left/right`) or four
/// (`top,right,bottom,left`) separated by commas.
pub fn parse_margins(s: &str) -> Result<Margins, String> {
    let parts = s
        .split(',')
        .map(parse_length)
        .collect::<Result<Vec<_>, _>>()?;
    match parts[..] {
        [a] => Ok(Margins::uniform(a)),
        [v, h] => Ok(Margins {
            top: v,
            right: h,
            bottom: v,
            left: h,
        }),
        [top, right, bottom, left] => Ok(Margins {
            top,
            right,
            bottom,
            left,
        }),
        _ => Err(format!(
            "invalid margins {s:?} (expected one, two or four lengths separated by commas)"
        )),
    }
}

/// Parse a font size: points (`12`, `12pt`, `10.5`) or a Chinese size name (`小四`, `三号`).
pub fn parse_font_size(s: &str) -> Result<f32, String> {
    const NAMES: &[(&str, f32)] = &[
        ("初号", 42.0),
        ("小初", 36.0),
        ("一号", 26.0),
        ("小一", 24.0),
        ("二号", 22.0),
        ("小二", 18.0),
        ("三号", 16.0),
        ("小三", 15.0),
        ("四号", 14.0),
        ("小四", 12.0),
        ("五号", 10.5),
        ("小五", 9.0),
        ("六号", 7.5),
    ];
    let t = s.trim();
    if let Some(&(_, v)) = NAMES.iter().find(|(n, _)| *n == t) {
        return Ok(v);
    }
    let v = parse_length(t)
        .map_err(|_| format!("invalid font size {s:?} (expected e.g. 12, 10.5pt or 小四)"))?;
    if !(4.0..=200.0).contains(&v) {
        return Err(format!("font size {s:?} out of range (4 to 200 pt)"));
    }
    Ok(v)
}

/// Parse a line height: a multiple of the font size (`1.6`) or an absolute pitch with a
/// unit (`28pt`, `10mm`), returned as a multiple of `font_size`.
pub fn parse_line_height(s: &str, font_size: f32) -> Result<f32, String> {
    let t = s.trim();
    let v = if t.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) {
        parse_length(t)? / font_size
    } else {
        t.parse::<f32>()
            .map_err(|_| format!("invalid line height {s:?} (expected e.g. 1.6 or 28pt)"))?
    };
    if !(0.8..=5.0).contains(&v) {
        return Err(format!(
            "line height {s:?} out of range (0.8 to 5 times the font size)"
        ));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_units() {
        assert_eq!(parse_length("72pt").unwrap(), 72.0);
        assert_eq!(parse_length("1in").unwrap(), 72.0);
        assert!((parse_length("25.4mm").unwrap() - 72.0).abs() < 1e-3);
        assert!((parse_length("2.54cm").unwrap() - 72.0).abs() < 1e-3);
        assert_eq!(parse_length(" 10 ").unwrap(), 10.0);
        assert!(parse_length("ten").is_err());
        assert!(parse_length("-3mm").is_err());
    }

    #[test]
    fn margins_one_two_four() {
        assert_eq!(parse_margins("1in").unwrap(), Margins::uniform(72.0));
        let m = parse_margins("72pt,36pt").unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (72.0, 36.0, 72.0, 36.0));
        let m = parse_margins("1pt,2pt,3pt,4pt").unwrap();
        assert_eq!((m.top, m.right, m.bottom, m.left), (1.0, 2.0, 3.0, 4.0));
        assert!(parse_margins("1pt,2pt,3pt").is_err());
    }

    #[test]
    fn paper_font_size_line_height() {
        assert_eq!(parse_paper("A5").unwrap(), Paper::A5);
        assert!(parse_paper("b4").unwrap_err().contains("b4"));
        assert_eq!(parse_font_size("小四").unwrap(), 12.0);
        assert_eq!(parse_font_size("10.5pt").unwrap(), 10.5);
        assert!(parse_font_size("1000").is_err());
        assert_eq!(parse_line_height("1.5", 12.0).unwrap(), 1.5);
        assert_eq!(parse_line_height("24pt", 12.0).unwrap(), 2.0);
        assert!(parse_line_height("x", 12.0).is_err());
    }

    #[test]
    fn from_options_scales_headings() {
        let s = Style::from_options(Some("a5"), Some("20mm"), Some("16"), Some("1.5")).unwrap();
        assert_eq!(s.paper, Paper::A5);
        assert_eq!(s.font_size, 16.0);
        assert!((s.heading_sizes[0] - 16.0 * 16.0 / 12.0).abs() < 1e-4);
        assert!(Style::from_options(None, Some("wide"), None, None).is_err());
        assert_eq!(
            Style::from_options(None, None, None, None).unwrap(),
            Style::default()
        );
    }
}
