//! Typed paragraph, run, table, row, cell and section properties. Each writes its children
//! in the order the schema prescribes (ECMA-376 Part 1: CT_PPrBase §17.3.1.26, CT_RPr
//! §17.3.2.28, CT_TblPr §17.4.60, CT_TrPr §17.4.82, CT_TcPr §17.4.70, CT_SectPr §17.6.17),
//! so that no part can hold properties out of order: Word rejects such files.
//!
//! Lengths: twips (1/20 pt) for indents, spacing and widths; half-points for font sizes;
//! eighths of a point for border widths.

use super::xml::Xml;

/// Points to twips.
pub(crate) fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to half-points.
pub(crate) fn half_points(pt: f32) -> u32 {
    (pt * 2.0).round().max(1.0) as u32
}

/// A grey level (0 black … 1 white) as an RGB hex colour.
pub(crate) fn gray_hex(g: f32) -> String {
    let v = (g.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{v:02X}{v:02X}{v:02X}")
}

/// Fonts for the two slots of a run: Latin (`w:ascii`, `w:hAnsi`, `w:cs`) and East Asian.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Fonts {
    /// Latin face.
    pub latin: String,
    /// East Asian face.
    pub east_asia: String,
}

/// A border line (`w:top`, `w:left`, `w:bottom`, `w:bdr`, …).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Border {
    /// `single`, `double`, `triple`, `nil`.
    pub kind: &'static str,
    /// Width in points.
    pub width: f32,
    /// Distance from the text in points.
    pub space: f32,
    /// RGB hex, or `auto`.
    pub color: String,
}

impl Border {
    /// A single line.
    pub fn single(width: f32, color: impl Into<String>) -> Border {
        Border {
            kind: "single",
            width,
            space: 0.0,
            color: color.into(),
        }
    }

    fn write(&self, x: &mut Xml, name: &'static str) {
        x.open(name).attr("w:val", self.kind);
        if self.kind != "nil" {
            // Eighths of a point, 2 to 96 (§17.18.2).
            let sz = (self.width * 8.0).round().clamp(2.0, 96.0) as u32;
            x.attr("w:sz", sz)
                .attr("w:space", self.space.round().max(0.0) as u32)
                .attr("w:color", &self.color);
        }
        x.close();
    }
}

/// The four sides (and the inner lines of tables).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Borders {
    pub top: Option<Border>,
    pub left: Option<Border>,
    pub bottom: Option<Border>,
    pub right: Option<Border>,
    pub inside_h: Option<Border>,
    pub inside_v: Option<Border>,
}

impl Borders {
    fn is_empty(&self) -> bool {
        *self == Borders::default()
    }

    /// `name` (`w:tblBorders`, `w:tcBorders`) with its children in schema order.
    pub fn write(&self, x: &mut Xml, name: &'static str) {
        self.write_as(x, name, "w:insideH");
    }

    /// Paragraph borders: `w:between` takes the place of `insideH` (CT_PBdr), and there
    /// are no vertical inner lines.
    fn write_paragraph(&self, x: &mut Xml) {
        Borders {
            inside_v: None,
            ..self.clone()
        }
        .write_as(x, "w:pBdr", "w:between");
    }

    fn write_as(&self, x: &mut Xml, name: &'static str, inner_h: &'static str) {
        if self.is_empty() {
            return;
        }
        x.open(name);
        for (b, n) in [
            (&self.top, "w:top"),
            (&self.left, "w:left"),
            (&self.bottom, "w:bottom"),
            (&self.right, "w:right"),
            (&self.inside_h, inner_h),
            (&self.inside_v, "w:insideV"),
        ] {
            if let Some(b) = b {
                b.write(x, n);
            }
        }
        x.close();
    }
}

/// Shading with a fill colour.
fn shading(x: &mut Xml, fill: &str) {
    x.empty(
        "w:shd",
        &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)],
    );
}

/// Vertical position of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VertAlign {
    Baseline,
    Superscript,
}

/// Run properties (`w:rPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RPr {
    pub style: Option<&'static str>,
    pub fonts: Option<Fonts>,
    /// `w:hint="eastAsia"`: set ambiguous characters (quotes, dashes) in the East Asian
    /// face.
    pub hint_east_asia: bool,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: bool,
    pub vanish: bool,
    pub color: Option<String>,
    /// `w:spacing`: extra space after each character, in twentieths of a point.
    pub spacing: Option<i32>,
    pub kern: Option<u32>,
    /// Raised (positive) or lowered, in half-points.
    pub position: Option<i32>,
    /// Size in points.
    pub size: Option<f32>,
    pub underline: Option<&'static str>,
    /// Colour of the underline (RGB hex).
    pub underline_color: Option<String>,
    pub border: Option<Border>,
    pub shading: Option<String>,
    pub vert_align: Option<VertAlign>,
    /// `(w:val, w:eastAsia)` languages.
    pub lang: Option<(String, String)>,
}

impl RPr {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == RPr::default()
    }

    /// `<w:rPr>…</w:rPr>`, nothing when empty.
    pub fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.open("w:rPr");
        self.write_children(x);
        x.close();
    }

    fn write_children(&self, x: &mut Xml) {
        if let Some(s) = self.style {
            x.empty("w:rStyle", &[("w:val", s)]);
        }
        if self.fonts.is_some() || self.hint_east_asia {
            x.open("w:rFonts");
            if let Some(f) = &self.fonts {
                x.attr("w:ascii", &f.latin)
                    .attr("w:hAnsi", &f.latin)
                    .attr("w:eastAsia", &f.east_asia)
                    .attr("w:cs", &f.latin);
            }
            if self.hint_east_asia {
                x.attr("w:hint", "eastAsia");
            }
            x.close();
        }
        let flag = |x: &mut Xml, name: &'static str, v: Option<bool>| match v {
            Some(true) => {
                x.empty(name, &[]);
            }
            Some(false) => {
                x.empty(name, &[("w:val", "0")]);
            }
            None => {}
        };
        flag(x, "w:b", self.bold);
        flag(x, "w:bCs", self.bold);
        flag(x, "w:i", self.italic);
        flag(x, "w:iCs", self.italic);
        if self.strike {
            x.empty("w:strike", &[]);
        }
        if self.vanish {
            x.empty("w:vanish", &[]);
        }
        if let Some(c) = &self.color {
            x.empty("w:color", &[("w:val", c)]);
        }
        if let Some(v) = self.spacing {
            x.open("w:spacing").attr("w:val", v).close();
        }
        if let Some(k) = self.kern {
            x.open("w:kern").attr("w:val", k).close();
        }
        if let Some(p) = self.position {
            x.open("w:position").attr("w:val", p).close();
        }
        if let Some(sz) = self.size {
            let hp = half_points(sz);
            x.open("w:sz").attr("w:val", hp).close();
            x.open("w:szCs").attr("w:val", hp).close();
        }
        if let Some(u) = self.underline {
            x.open("w:u")
                .attr("w:val", u)
                .attr_opt("w:color", self.underline_color.as_deref())
                .close();
        }
        if let Some(b) = &self.border {
            b.write(x, "w:bdr");
        }
        if let Some(fill) = &self.shading {
            shading(x, fill);
        }
        if let Some(v) = self.vert_align {
            let val = match v {
                VertAlign::Baseline => "baseline",
                VertAlign::Superscript => "superscript",
            };
            x.empty("w:vertAlign", &[("w:val", val)]);
        }
        if let Some((val, ea)) = &self.lang {
            x.empty(
                "w:lang",
                &[("w:val", val), ("w:eastAsia", ea), ("w:bidi", "ar-SA")],
            );
        }
    }
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jc {
    Left,
    Center,
    Right,
    Both,
}

impl Jc {
    pub fn val(self) -> &'static str {
        match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
        }
    }
}

/// Indentation (`w:ind`) in twips; `first_line_chars` in hundredths of a character.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ind {
    pub left: Option<i32>,
    pub right: Option<i32>,
    pub right_chars: Option<i32>,
    pub hanging: Option<i32>,
    pub first_line: Option<i32>,
    pub first_line_chars: Option<i32>,
}

impl Ind {
    fn write(&self, x: &mut Xml) {
        if *self == Ind::default() {
            return;
        }
        x.open("w:ind")
            .attr_opt("w:left", self.left)
            .attr_opt("w:right", self.right)
            .attr_opt("w:rightChars", self.right_chars)
            .attr_opt("w:hanging", self.hanging)
            .attr_opt("w:firstLine", self.first_line)
            .attr_opt("w:firstLineChars", self.first_line_chars)
            .close();
    }
}

/// How `w:line` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRule {
    /// Exactly this pitch (twips).
    Exact,
    /// At least this pitch (twips): lines holding an image grow.
    AtLeast,
}

/// Paragraph spacing in twips.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Spacing {
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub line: Option<(i32, LineRule)>,
}

impl Spacing {
    fn write(&self, x: &mut Xml) {
        if *self == Spacing::default() {
            return;
        }
        x.open("w:spacing")
            .attr_opt("w:before", self.before.map(|v| v.max(0)))
            .attr_opt("w:after", self.after.map(|v| v.max(0)));
        if let Some((line, rule)) = self.line {
            x.attr("w:line", line.max(1)).attr(
                "w:lineRule",
                match rule {
                    LineRule::Exact => "exact",
                    LineRule::AtLeast => "atLeast",
                },
            );
        }
        x.close();
    }
}

/// A tab stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tab {
    /// `left`, `right`, `center`.
    pub kind: &'static str,
    /// `none` or `dot`.
    pub leader: &'static str,
    /// Position in twips.
    pub pos: i32,
}

/// Paragraph properties (`w:pPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PPr {
    pub style: Option<&'static str>,
    pub keep_next: Option<bool>,
    pub keep_lines: Option<bool>,
    pub page_break_before: bool,
    pub widow_control: Option<bool>,
    /// `(ilvl, numId)`.
    pub num: Option<(u32, u32)>,
    pub borders: Borders,
    pub shading: Option<String>,
    pub tabs: Vec<Tab>,
    /// `w:suppressAutoHyphens`: never hyphenate the paragraph.
    pub suppress_auto_hyphens: Option<bool>,
    /// `w:overflowPunct`: may punctuation hang past the right margin.
    pub overflow_punct: Option<bool>,
    /// `w:snapToGrid`: whether the lines keep to the document grid.
    pub snap_to_grid: Option<bool>,
    pub spacing: Spacing,
    pub ind: Ind,
    pub contextual_spacing: Option<bool>,
    pub jc: Option<Jc>,
    pub outline: Option<u8>,
    /// Properties of the paragraph mark.
    pub mark: Option<RPr>,
}

impl PPr {
    /// A paragraph of the given style.
    pub fn styled(style: &'static str) -> PPr {
        PPr {
            style: Some(style),
            ..PPr::default()
        }
    }

    /// `<w:pPr>…</w:pPr>`, nothing when empty.
    pub fn write(&self, x: &mut Xml) {
        if *self == PPr::default() {
            return;
        }
        x.open("w:pPr");
        self.write_children(x);
        x.close();
    }

    fn write_children(&self, x: &mut Xml) {
        if let Some(s) = self.style {
            x.empty("w:pStyle", &[("w:val", s)]);
        }
        let flag = |x: &mut Xml, name: &'static str, v: Option<bool>| match v {
            Some(true) => {
                x.empty(name, &[]);
            }
            Some(false) => {
                x.empty(name, &[("w:val", "0")]);
            }
            None => {}
        };
        flag(x, "w:keepNext", self.keep_next);
        flag(x, "w:keepLines", self.keep_lines);
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        flag(x, "w:widowControl", self.widow_control);
        if let Some((ilvl, id)) = self.num {
            x.open("w:numPr");
            x.open("w:ilvl").attr("w:val", ilvl).close();
            x.open("w:numId").attr("w:val", id).close();
            x.close();
        }
        self.borders.write_paragraph(x);
        if let Some(fill) = &self.shading {
            shading(x, fill);
        }
        if !self.tabs.is_empty() {
            x.open("w:tabs");
            for t in &self.tabs {
                x.open("w:tab")
                    .attr("w:val", t.kind)
                    .attr("w:leader", t.leader)
                    .attr("w:pos", t.pos)
                    .close();
            }
            x.close();
        }
        flag(x, "w:suppressAutoHyphens", self.suppress_auto_hyphens);
        flag(x, "w:overflowPunct", self.overflow_punct);
        flag(x, "w:snapToGrid", self.snap_to_grid);
        self.spacing.write(x);
        self.ind.write(x);
        flag(x, "w:contextualSpacing", self.contextual_spacing);
        if let Some(jc) = self.jc {
            x.empty("w:jc", &[("w:val", jc.val())]);
        }
        if let Some(l) = self.outline {
            x.open("w:outlineLvl").attr("w:val", l).close();
        }
        if let Some(mark) = &self.mark {
            mark.write(x);
        }
    }
}

/// Table properties (`w:tblPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TblPr {
    pub style: Option<&'static str>,
    /// Preferred width in twips.
    pub width: Option<i32>,
    pub jc: Option<Jc>,
    /// Indent from the leading margin, twips.
    pub indent: Option<i32>,
    pub borders: Borders,
    /// Fixed layout (the column widths as given).
    pub fixed: bool,
    /// Cell margins in twips: top, left, bottom, right.
    pub cell_margins: Option<(i32, i32, i32, i32)>,
    /// `w:tblLook`: the first row is a header.
    pub look_first_row: bool,
}

impl TblPr {
    pub fn write(&self, x: &mut Xml) {
        x.open("w:tblPr");
        if let Some(s) = self.style {
            x.empty("w:tblStyle", &[("w:val", s)]);
        }
        if let Some(w) = self.width {
            x.open("w:tblW")
                .attr("w:w", w)
                .attr("w:type", "dxa")
                .close();
        }
        if let Some(jc) = self.jc {
            // Transitional: left/center/right for tables as for paragraphs.
            x.empty("w:jc", &[("w:val", jc.val())]);
        }
        if let Some(i) = self.indent {
            x.open("w:tblInd")
                .attr("w:w", i)
                .attr("w:type", "dxa")
                .close();
        }
        self.borders.write(x, "w:tblBorders");
        if self.fixed {
            x.empty("w:tblLayout", &[("w:type", "fixed")]);
        }
        if let Some((t, l, b, r)) = self.cell_margins {
            x.open("w:tblCellMar");
            for (name, v) in [("w:top", t), ("w:left", l), ("w:bottom", b), ("w:right", r)] {
                x.open(name).attr("w:w", v).attr("w:type", "dxa").close();
            }
            x.close();
        }
        if self.look_first_row {
            x.empty(
                "w:tblLook",
                &[
                    ("w:val", "0420"),
                    ("w:firstRow", "1"),
                    ("w:lastRow", "0"),
                    ("w:firstColumn", "0"),
                    ("w:lastColumn", "0"),
                    ("w:noHBand", "1"),
                    ("w:noVBand", "1"),
                ],
            );
        }
        x.close();
    }
}

/// Row properties (`w:trPr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TrPr {
    pub cant_split: bool,
    /// Repeated at the top of each page.
    pub header: bool,
}

impl TrPr {
    pub fn write(&self, x: &mut Xml) {
        if !(self.cant_split || self.header) {
            return;
        }
        x.open("w:trPr");
        if self.cant_split {
            x.empty("w:cantSplit", &[]);
        }
        if self.header {
            x.empty("w:tblHeader", &[]);
        }
        x.close();
    }
}

/// Cell properties (`w:tcPr`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TcPr {
    /// Width in twips.
    pub width: i32,
    pub borders: Borders,
    /// Fill colour.
    pub shading: Option<String>,
}

impl TcPr {
    pub fn write(&self, x: &mut Xml) {
        x.open("w:tcPr");
        x.open("w:tcW")
            .attr("w:w", self.width)
            .attr("w:type", "dxa")
            .close();
        self.borders.write(x, "w:tcBorders");
        if let Some(fill) = &self.shading {
            shading(x, fill);
        }
        x.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_come_out_in_schema_order() {
        let p = PPr {
            style: Some("Heading1"),
            keep_next: Some(true),
            spacing: Spacing {
                before: Some(0),
                after: Some(120),
                line: Some((384, LineRule::Exact)),
            },
            ind: Ind {
                first_line_chars: Some(200),
                first_line: Some(480),
                ..Ind::default()
            },
            jc: Some(Jc::Both),
            outline: Some(0),
            mark: Some(RPr {
                bold: Some(true),
                size: Some(12.0),
                ..RPr::default()
            }),
            ..PPr::default()
        };
        let mut x = Xml::fragment();
        p.write(&mut x);
        assert_eq!(
            x.finish(),
            "<w:pPr><w:pStyle w:val=\"Heading1\"/><w:keepNext/>\
             <w:spacing w:before=\"0\" w:after=\"120\" w:line=\"384\" w:lineRule=\"exact\"/>\
             <w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/>\
             <w:outlineLvl w:val=\"0\"/><w:rPr><w:b/><w:bCs/><w:sz w:val=\"24\"/>\
             <w:szCs w:val=\"24\"/></w:rPr></w:pPr>"
        );
        let mut x = Xml::fragment();
        RPr::default().write(&mut x);
        assert_eq!(x.finish(), "");
    }
}
