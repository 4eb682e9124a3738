//! Paragraph and run property builders that emit their children in schema order
//! (ECMA-376 CT_PPr / CT_RPr): Word rejects out-of-order properties.

use super::xml::esc;
use std::fmt::Write as _;

/// Fonts for one run: the Latin face (`w:ascii`/`w:hAnsi`) and the East Asian face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fonts {
    /// Latin face.
    pub latin: &'static str,
    /// East Asian (CJK) face.
    pub cjk: &'static str,
}

/// Run properties (`w:rPr`).
#[derive(Debug, Clone, Default)]
pub(crate) struct RPr {
    pub style: Option<String>,
    pub fonts: Option<Fonts>,
    pub hint_east_asia: bool,
    pub bold: Option<bool>,
    pub italic: bool,
    pub strike: bool,
    pub vanish: bool,
    pub color: Option<&'static str>,
    pub kern: Option<u32>,
    /// Size in half-points.
    pub size: Option<u32>,
    pub underline: bool,
    pub shading: Option<&'static str>,
    pub superscript: bool,
    /// `w:em` emphasis mark (着重号).
    pub em_dot: bool,
    /// `(w:val, w:eastAsia)` languages.
    pub lang: Option<(String, String)>,
    pub spec_vanish: bool,
}

impl RPr {
    fn xml_inner(&self) -> String {
        let mut s = String::new();
        if let Some(st) = &self.style {
            let _ = write!(s, "<w:rStyle w:val=\"{}\"/>", esc(st));
        }
        if self.fonts.is_some() || self.hint_east_asia {
            s.push_str("<w:rFonts");
            if let Some(f) = self.fonts {
                let _ = write!(
                    s,
                    " w:ascii=\"{0}\" w:hAnsi=\"{0}\" w:eastAsia=\"{1}\" w:cs=\"{0}\"",
                    esc(f.latin),
                    esc(f.cjk)
                );
            }
            if self.hint_east_asia {
                s.push_str(" w:hint=\"eastAsia\"");
            }
            s.push_str("/>");
        }
        match self.bold {
            Some(true) => s.push_str("<w:b/><w:bCs/>"),
            Some(false) => s.push_str("<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"),
            None => {}
        }
        if self.italic {
            s.push_str("<w:i/><w:iCs/>");
        }
        if self.strike {
            s.push_str("<w:strike/>");
        }
        if self.vanish {
            s.push_str("<w:vanish/>");
        }
        if let Some(c) = self.color {
            let _ = write!(s, "<w:color w:val=\"{c}\"/>");
        }
        if let Some(k) = self.kern {
            let _ = write!(s, "<w:kern w:val=\"{k}\"/>");
        }
        if let Some(sz) = self.size {
            let _ = write!(s, "<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>");
        }
        if self.underline {
            s.push_str("<w:u w:val=\"single\"/>");
        }
        if let Some(fill) = self.shading {
            let _ = write!(
                s,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        if self.superscript {
            s.push_str("<w:vertAlign w:val=\"superscript\"/>");
        }
        if self.em_dot {
            s.push_str("<w:em w:val=\"dot\"/>");
        }
        if let Some((val, ea)) = &self.lang {
            let _ = write!(
                s,
                "<w:lang w:val=\"{}\" w:eastAsia=\"{}\" w:bidi=\"ar-SA\"/>",
                esc(val),
                esc(ea)
            );
        }
        if self.spec_vanish {
            s.push_str("<w:specVanish/>");
        }
        s
    }

    /// `<w:rPr>…</w:rPr>`, or nothing when empty.
    pub fn xml(&self) -> String {
        let inner = self.xml_inner();
        if inner.is_empty() {
            inner
        } else {
            format!("<w:rPr>{inner}</w:rPr>")
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
    fn val(self) -> &'static str {
        match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
        }
    }
}

/// Indentation (`w:ind`); `*_chars` are in hundredths of a character.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ind {
    pub left: Option<i32>,
    pub left_chars: Option<i32>,
    pub right: Option<i32>,
    pub right_chars: Option<i32>,
    pub hanging: Option<i32>,
    pub first_line: Option<i32>,
    pub first_line_chars: Option<i32>,
}

impl Ind {
    /// No indentation at all (resets an inherited first-line indent).
    pub fn none() -> Ind {
        Ind {
            left: Some(0),
            left_chars: Some(0),
            first_line: Some(0),
            first_line_chars: Some(0),
            ..Ind::default()
        }
    }

    fn xml(&self) -> String {
        let mut s = String::from("<w:ind");
        let mut attr = |name: &str, v: Option<i32>| {
            if let Some(v) = v {
                let _ = write!(s, " w:{name}=\"{v}\"");
            }
        };
        attr("left", self.left);
        attr("leftChars", self.left_chars);
        attr("right", self.right);
        attr("rightChars", self.right_chars);
        attr("hanging", self.hanging);
        attr("firstLine", self.first_line);
        attr("firstLineChars", self.first_line_chars);
        s.push_str("/>");
        s
    }
}

/// `(before, after, line, line rule)`: twips before and after, `w:line` and its rule.
pub(crate) type Spacing = (Option<u32>, Option<u32>, Option<u32>, &'static str);

/// Paragraph properties (`w:pPr`).
#[derive(Debug, Clone, Default)]
pub(crate) struct PPr {
    pub style: Option<String>,
    pub keep_next: Option<bool>,
    pub keep_lines: Option<bool>,
    pub widow_control: Option<bool>,
    /// `(ilvl, numId)`.
    pub num: Option<(u32, u32)>,
    /// A bottom border (thematic break).
    pub border_bottom: bool,
    /// A left border (block quote).
    pub border_left: bool,
    pub shading: Option<&'static str>,
    /// `(before, after, line, rule)` in twips; any may be absent.
    pub spacing: Option<Spacing>,
    pub ind: Option<Ind>,
    /// `w:contextualSpacing`: no space between paragraphs of the same style.
    pub contextual_spacing: Option<bool>,
    pub jc: Option<Jc>,
    pub outline: Option<u8>,
    /// Properties of the paragraph mark.
    pub mark: Option<RPr>,
}

impl PPr {
    /// A paragraph of the given style.
    pub fn styled(style: &str) -> PPr {
        PPr {
            style: Some(style.to_string()),
            ..PPr::default()
        }
    }

    fn xml_inner(&self) -> String {
        let mut s = String::new();
        if let Some(st) = &self.style {
            let _ = write!(s, "<w:pStyle w:val=\"{}\"/>", esc(st));
        }
        let flag = |s: &mut String, name: &str, v: Option<bool>| match v {
            Some(true) => {
                let _ = write!(s, "<w:{name}/>");
            }
            Some(false) => {
                let _ = write!(s, "<w:{name} w:val=\"0\"/>");
            }
            None => {}
        };
        flag(&mut s, "keepNext", self.keep_next);
        flag(&mut s, "keepLines", self.keep_lines);
        flag(&mut s, "widowControl", self.widow_control);
        if let Some((ilvl, id)) = self.num {
            let _ = write!(
                s,
                "<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{id}\"/></w:numPr>"
            );
        }
        if self.border_bottom || self.border_left {
            s.push_str("<w:pBdr>");
            if self.border_left {
                s.push_str(
                    "<w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"BFBFBF\"/>",
                );
            }
            if self.border_bottom {
                s.push_str(
                    "<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/>",
                );
            }
            s.push_str("</w:pBdr>");
        }
        if let Some(fill) = self.shading {
            let _ = write!(
                s,
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
            );
        }
        if let Some((before, after, line, rule)) = self.spacing {
            s.push_str("<w:spacing");
            if let Some(b) = before {
                let _ = write!(s, " w:before=\"{b}\"");
            }
            if let Some(a) = after {
                let _ = write!(s, " w:after=\"{a}\"");
            }
            if let Some(l) = line {
                let _ = write!(s, " w:line=\"{l}\" w:lineRule=\"{rule}\"");
            }
            s.push_str("/>");
        }
        if let Some(ind) = &self.ind {
            s.push_str(&ind.xml());
        }
        flag(&mut s, "contextualSpacing", self.contextual_spacing);
        if let Some(jc) = self.jc {
            let _ = write!(s, "<w:jc w:val=\"{}\"/>", jc.val());
        }
        if let Some(l) = self.outline {
            let _ = write!(s, "<w:outlineLvl w:val=\"{l}\"/>");
        }
        if let Some(mark) = &self.mark {
            s.push_str(&mark.xml());
        }
        s
    }

    /// `<w:pPr>…</w:pPr>`, or nothing when empty.
    pub fn xml(&self) -> String {
        let inner = self.xml_inner();
        if inner.is_empty() {
            inner
        } else {
            format!("<w:pPr>{inner}</w:pPr>")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_come_out_in_schema_order() {
        let p = PPr {
            style: Some("Heading1".into()),
            keep_next: Some(true),
            ind: Some(Ind {
                first_line_chars: Some(200),
                first_line: Some(480),
                ..Ind::default()
            }),
            jc: Some(Jc::Both),
            outline: Some(0),
            mark: Some(RPr {
                vanish: true,
                spec_vanish: true,
                ..RPr::default()
            }),
            ..PPr::default()
        };
        assert_eq!(
            p.xml(),
            "<w:pPr><w:pStyle w:val=\"Heading1\"/><w:keepNext/>\
             <w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/>\
             <w:outlineLvl w:val=\"0\"/><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>"
        );
        assert_eq!(RPr::default().xml(), "");
    }
}
