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
        }
    }
}
