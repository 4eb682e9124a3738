//! `word/styles.xml` and `word/numbering.xml`: every look the document uses is a named
//! style (as pandoc's DOCX writer does), so that users restyle the document in Word.
//!
//! Fonts are given per script on every style that sets a face: `w:ascii`/`w:hAnsi` for Latin
//! text, `w:eastAsia` for Chinese, never theme fonts (there is no theme part at all).

use super::props::{Fonts, Ind, Jc, PPr, RPr};
use super::xml::{esc, DECL, W_NS};
use crate::style::Style;
use std::fmt::Write as _;

/// Faces and sizes the DOCX writer needs beyond [`Style`].
///
/// Kept local to the writer for now (the PDF engineer is extending `Style` in parallel);
/// at merge time these fields can move into `Style` unchanged.
#[derive(Debug, Clone)]
pub(crate) struct Look {
    /// Body text: Song (serif) for Chinese and Latin.
    pub body: Fonts,
    /// Headings: Hei (sans) for the top levels (GB/T 9704: "一、" in 黑体).
    pub sans: Fonts,
    /// Code: a monospaced Latin face, the sans CJK face for Chinese inside code.
    pub code: Fonts,
    /// Body size in points.
    pub body_pt: f32,
    /// Title size in points.
    pub title_pt: f32,
    /// Subtitle size in points.
    pub subtitle_pt: f32,
    /// Heading sizes in points, levels 1–6.
    pub heading_pt: [f32; 6],
    /// Levels (1-based) up to which headings use the sans face; deeper ones use bold serif
    /// (GB/T 9704 sets "（一）" in 楷体, for which the body face stands in).
    pub sans_heading_levels: u8,
    /// Footnote text size in points.
    pub footnote_pt: f32,
    /// Line pitch as a multiple of the size (`Style::line_height`).
    pub line_height: f32,
    /// First-line indent of body text in characters (`Style::first_line_indent_em`).
    pub indent_chars: f32,
}

/// The bundled serif family.
pub(crate) const SERIF: &str = "Noto Serif SC";
/// The bundled sans family.
pub(crate) const SANS: &str = "Noto Sans SC";
/// The bundled monospaced family.
pub(crate) const MONO: &str = "Noto Sans Mono";

impl Look {
    /// The look for a [`Style`]: sizes scale with the body size (12 pt body → 22 pt title).
    pub fn new(style: &Style) -> Look {
        let k = style.font_size / 12.0;
        Look {
            body: Fonts {
                latin: SERIF,
                cjk: SERIF,
            },
            sans: Fonts {
                latin: SANS,
                cjk: SANS,
            },
            code: Fonts {
                latin: MONO,
                cjk: SANS,
            },
            body_pt: style.font_size,
            title_pt: 22.0 * k,
            subtitle_pt: 16.0 * k,
            heading_pt: [16.0 * k, 15.0 * k, 14.0 * k, 13.0 * k, 12.0 * k, 12.0 * k],
            sans_heading_levels: 1,
            footnote_pt: 9.0 * k,
            line_height: style.line_height,
            indent_chars: style.first_line_indent_em,
        }
    }

    /// Half-points for a size in points.
    pub fn hp(pt: f32) -> u32 {
        (pt * 2.0).round() as u32
    }

    /// Twips (1/20 pt) of the body's first-line indent.
    pub fn indent_twips(&self) -> i32 {
        (self.indent_chars * self.body_pt * 20.0).round() as i32
    }

    /// The body's first-line indent in hundredths of a character (`w:firstLineChars`).
    pub fn indent_hundredths(&self) -> i32 {
        (self.indent_chars * 100.0).round() as i32
    }

    /// The body-text first-line indent, in characters with a twips fallback (Word reads
    /// the `Chars` attribute; readers that ignore it still get the right width at body size).
    pub fn body_ind(&self) -> Ind {
        Ind {
            first_line: Some(self.indent_twips()),
            first_line_chars: Some(self.indent_hundredths()),
            ..Ind::default()
        }
    }

    /// The twips of one list level (two body characters).
    pub fn list_step(&self) -> i32 {
        (2.0 * self.body_pt * 20.0).round() as i32
    }

    /// Line spacing (`w:line`, "auto" rule: 240 = single).
    pub fn line(&self) -> u32 {
        (240.0 * self.line_height).round() as u32
    }
}

/// Kind of a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    Character,
    Table,
}

/// One style definition.
#[derive(Debug, Clone)]
pub(crate) struct StyleDef {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub based_on: Option<String>,
    pub next: Option<String>,
    pub ppr: PPr,
    pub rpr: RPr,
    /// Extra XML after rPr (table properties).
    pub extra: String,
    pub default: bool,
}

impl StyleDef {
    fn para(id: &str, name: &str, based_on: Option<&str>) -> StyleDef {
        StyleDef {
            id: id.into(),
            name: name.into(),
            kind: Kind::Paragraph,
            based_on: based_on.map(Into::into),
            next: None,
            ppr: PPr::default(),
            rpr: RPr::default(),
            extra: String::new(),
            default: false,
        }
    }

    fn chr(id: &str, name: &str) -> StyleDef {
        StyleDef {
            kind: Kind::Character,
            ..StyleDef::para(id, name, None)
        }
    }

    fn xml(&self) -> String {
        let kind = match self.kind {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
            Kind::Table => "table",
        };
        let mut s = format!("<w:style w:type=\"{kind}\"");
        if self.default {
            s.push_str(" w:default=\"1\"");
        }
        let _ = write!(
            s,
            " w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
            esc(&self.id),
            esc(&self.name)
        );
        if let Some(b) = &self.based_on {
            let _ = write!(s, "<w:basedOn w:val=\"{}\"/>", esc(b));
        }
        if let Some(n) = &self.next {
            let _ = write!(s, "<w:next w:val=\"{}\"/>", esc(n));
        }
        s.push_str("<w:qFormat/>");
        s.push_str(&self.ppr.xml());
        s.push_str(&self.rpr.xml());
        s.push_str(&self.extra);
        s.push_str("</w:style>");
        s
    }
}

/// Style ids used by the body writer.
pub(crate) mod id {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const AUTHOR: &str = "Author";
    pub const DATE: &str = "Date";
    pub const ADDRESSEE: &str = "Salutation";
    pub const ATTACHMENT: &str = "Attachment";
    pub const SIGNATURE: &str = "Signature";
    pub const SIGNATURE_DATE: &str = "SignatureDate";
    pub const CLOSING: &str = "Closing";
    pub const LIST: &str = "ListParagraph";
    pub const QUOTE: &str = "Quote";
    pub const CODE: &str = "SourceCode";
    pub const VERBATIM: &str = "VerbatimChar";
    pub const CAPTION: &str = "Caption";
    pub const FIGURE: &str = "Figure";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REF: &str = "FootnoteReference";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const FOOTER: &str = "Footer";
    pub const TABLE: &str = "TableGrid";
    pub const TABLE_TEXT: &str = "Compact";
    pub const TABLE_HEADING: &str = "TableHeading";
    pub const RULE: &str = "HorizontalLine";
    pub const TOC_HEADING: &str = "TOCHeading";
}

/// `Heading1`…`Heading6`.
pub(crate) fn heading_id(level: u8) -> String {
    format!("Heading{}", level.clamp(1, 6))
}

/// All styles of the document, in output order.
pub(crate) fn definitions(look: &Look) -> Vec<StyleDef> {
    let line = look.line();
    let mut v = Vec::new();

    let mut normal = StyleDef::para(id::NORMAL, "Normal", None);
    normal.default = true;
    normal.ppr.widow_control = Some(true);
    normal.ppr.ind = Some(look.body_ind());
    normal.ppr.jc = Some(Jc::Both);
    v.push(normal);

    let flush = |id: &str, name: &str, jc: Jc| {
        let mut s = StyleDef::para(id, name, Some(id::NORMAL));
        s.ppr.ind = Some(Ind::none());
        s.ppr.jc = Some(jc);
        s
    };

    let mut title = flush(id::TITLE, "Title", Jc::Center);
    title.next = Some(id::NORMAL.into());
    title.ppr.keep_next = Some(true);
    title.ppr.spacing = Some((Some(0), Some(line), None, "auto"));
    title.rpr.fonts = Some(look.body);
    title.rpr.bold = Some(true);
    title.rpr.size = Some(Look::hp(look.title_pt));
    v.push(title);

    let mut subtitle = flush(id::SUBTITLE, "Subtitle", Jc::Center);
    subtitle.next = Some(id::NORMAL.into());
    subtitle.ppr.keep_next = Some(true);
    subtitle.ppr.spacing = Some((Some(0), Some(line / 2), None, "auto"));
    subtitle.rpr.size = Some(Look::hp(look.subtitle_pt));
    v.push(subtitle);

    let mut author = flush(id::AUTHOR, "Author", Jc::Center);
    author.next = Some(id::NORMAL.into());
    author.ppr.keep_next = Some(true);
    v.push(author);

    let mut date = flush(id::DATE, "Date", Jc::Center);
    date.next = Some(id::NORMAL.into());
    date.ppr.spacing = Some((None, Some(line), None, "auto"));
    v.push(date);

    for level in 1..=6u8 {
        let i = usize::from(level - 1);
        let mut h = flush(&heading_id(level), &format!("heading {level}"), Jc::Left);
        h.next = Some(id::NORMAL.into());
        h.ppr.keep_next = Some(true);
        h.ppr.keep_lines = Some(true);
        let before = if level == 1 { line / 2 } else { line / 4 };
        h.ppr.spacing = Some((Some(before), Some(line / 4), None, "auto"));
        h.ppr.outline = Some(level - 1);
        if level <= look.sans_heading_levels {
            h.rpr.fonts = Some(look.sans);
        }
        h.rpr.bold = Some(true);
        h.rpr.size = Some(Look::hp(look.heading_pt[i]));
        v.push(h);
    }
    v.push(flush(id::ADDRESSEE, "Salutation", Jc::Left));
    v.push(StyleDef::para(
        id::ATTACHMENT,
        "Attachment Note",
        Some(id::NORMAL),
    ));
    let mut sig = flush(id::SIGNATURE, "Signature", Jc::Right);
    sig.ppr.ind = Some(Ind {
        right: Some(look.list_step()),
        right_chars: Some(200),
        ..Ind::none()
    });
    v.push(sig);
    v.push(flush(id::SIGNATURE_DATE, "Signature Date", Jc::Right));
    v.push(StyleDef::para(id::CLOSING, "Closing", Some(id::NORMAL)));

    let mut list = flush(id::LIST, "List Paragraph", Jc::Both);
    list.ppr.contextual_spacing = Some(true);
    v.push(list);

    let mut quote = StyleDef::para(id::QUOTE, "Quote", Some(id::NORMAL));
    quote.ppr.border_left = true;
    quote.ppr.ind = Some(Ind {
        left: Some(look.list_step()),
        left_chars: Some(200),
        right: Some(look.list_step()),
        right_chars: Some(200),
        first_line: Some(0),
        first_line_chars: Some(0),
        ..Ind::default()
    });
    quote.rpr.color = Some("404040");
    v.push(quote);

    let mut code = flush(id::CODE, "Source Code", Jc::Left);
    code.ppr.shading = Some("F4F4F4");
    code.ppr.spacing = Some((Some(60), Some(60), Some(240), "auto"));
    code.rpr.fonts = Some(look.code);
    code.rpr.size = Some(Look::hp(look.body_pt * 0.85));
    v.push(code);

    let mut verbatim = StyleDef::chr(id::VERBATIM, "Verbatim Char");
    verbatim.rpr.fonts = Some(look.code);
    verbatim.rpr.shading = Some("F4F4F4");
    v.push(verbatim);

    let mut figure = flush(id::FIGURE, "Figure", Jc::Center);
    figure.ppr.keep_next = Some(true);
    figure.ppr.spacing = Some((Some(120), Some(0), Some(240), "auto"));
    v.push(figure);

    let mut caption = flush(id::CAPTION, "caption", Jc::Center);
    caption.ppr.spacing = Some((Some(60), Some(120), None, "auto"));
    caption.rpr.size = Some(Look::hp(look.body_pt * 0.875));
    v.push(caption);

    let mut fnt = flush(id::FOOTNOTE_TEXT, "footnote text", Jc::Both);
    fnt.ppr.spacing = Some((None, None, Some(240), "auto"));
    fnt.rpr.size = Some(Look::hp(look.footnote_pt));
    v.push(fnt);

    let mut fnr = StyleDef::chr(id::FOOTNOTE_REF, "footnote reference");
    fnr.rpr.superscript = true;
    v.push(fnr);

    let mut link = StyleDef::chr(id::HYPERLINK, "Hyperlink");
    link.rpr.color = Some("0563C1");
    link.rpr.underline = true;
    v.push(link);

    let mut footer = flush(id::FOOTER, "footer", Jc::Center);
    footer.ppr.spacing = Some((None, None, Some(240), "auto"));
    footer.rpr.size = Some(Look::hp(look.body_pt * 0.875));
    v.push(footer);

    let mut cell = flush(id::TABLE_TEXT, "Compact", Jc::Left);
    cell.ppr.spacing = Some((Some(0), Some(0), Some(240), "auto"));
    v.push(cell);
    let mut head = StyleDef::para(id::TABLE_HEADING, "Table Heading", Some(id::TABLE_TEXT));
    head.ppr.keep_next = Some(true);
    head.rpr.bold = Some(true);
    v.push(head);

    let mut rule = flush(id::RULE, "Horizontal Line", Jc::Center);
    rule.ppr.border_bottom = true;
    rule.ppr.spacing = Some((Some(0), Some(line / 2), Some(120), "auto"));
    v.push(rule);

    let mut toc = flush(id::TOC_HEADING, "TOC Heading", Jc::Center);
    toc.ppr.keep_next = Some(true);
    toc.rpr.fonts = Some(look.sans);
    toc.rpr.bold = Some(true);
    toc.rpr.size = Some(Look::hp(look.heading_pt[0]));
    v.push(toc);

    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"";
    v.push(StyleDef {
        id: id::TABLE.into(),
        name: "Table Grid".into(),
        kind: Kind::Table,
        based_on: None,
        next: None,
        ppr: PPr::default(),
        rpr: RPr::default(),
        extra: format!(
            "<w:tblPr><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/>\
             <w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>\
             <w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
             </w:tblCellMar></w:tblPr>"
        ),
        default: false,
    });
    v
}

/// The face (fonts and boldness) a style gives its text, following `basedOn`.
pub(crate) fn resolve(defs: &[StyleDef], look: &Look, style: &str) -> (Fonts, bool) {
    let mut fonts = None;
    let mut bold = None;
    let mut cur = Some(style);
    let mut guard = 0;
    while let Some(id) = cur {
        let Some(def) = defs.iter().find(|d| d.id == id) else {
            break;
        };
        fonts = fonts.or(def.rpr.fonts);
        bold = bold.or(def.rpr.bold);
        cur = def.based_on.as_deref();
        guard += 1;
        if guard > 10 {
            break;
        }
    }
    (fonts.unwrap_or(look.body), bold.unwrap_or(false))
}

/// `word/styles.xml`.
pub(crate) fn styles_xml(defs: &[StyleDef], look: &Look, lang: &str, east_asia: &str) -> String {
    let mut s = String::from(DECL);
    let _ = write!(s, "<w:styles {W_NS}>");
    let defaults = RPr {
        fonts: Some(look.body),
        kern: Some(2),
        size: Some(Look::hp(look.body_pt)),
        lang: Some((lang.to_string(), east_asia.to_string())),
        ..RPr::default()
    };
    let _ = write!(
        s,
        "<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"0\" w:line=\"{}\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
         </w:docDefaults>",
        defaults.xml(),
        look.line()
    );
    s.push_str(
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>\
         </w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">\
         <w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr></w:style><w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\">\
         <w:name w:val=\"No List\"/><w:semiHidden/></w:style>",
    );
    for d in defs {
        s.push_str(&d.xml());
    }
    s.push_str("</w:styles>");
    s
}

/// Numbering definitions (`abstractNumId`s).
pub(crate) mod abs {
    /// Bullets.
    pub const BULLET: u32 = 0;
    /// Decimal numbers.
    pub const ORDERED: u32 = 1;
    /// Unchecked task box.
    pub const TODO: u32 = 2;
    /// Checked task box.
    pub const DONE: u32 = 3;
}

/// docx-rs writes its own abstractNum 1 and num 1 into every numbering.xml; ours start
/// after them.
pub(crate) const ABS_OFFSET: u32 = 2;
/// The first `w:numId` of ours (see [`ABS_OFFSET`]).
pub(crate) const FIRST_NUM_ID: u32 = 2;

/// The numbering definitions for docx-rs: four abstract numberings (bullets, decimal
/// numbers, task boxes) of nine levels, and one `w:num` per list, `(abstractNumId, ilvl,
/// start)` each, numIds from [`FIRST_NUM_ID`].
pub(crate) fn numbering(
    look: &Look,
    nums: &[(u32, u32, Option<u64>)],
) -> (Vec<docx_rs::AbstractNumbering>, Vec<docx_rs::Numbering>) {
    let step = look.list_step();
    let bullets = ["•", "◦", "▪"];
    let mut abstracts = Vec::new();
    for (abs_id, kind) in [
        (abs::BULLET, "bullet"),
        (abs::ORDERED, "ordered"),
        (abs::TODO, "todo"),
        (abs::DONE, "done"),
    ] {
        let mut a = docx_rs::AbstractNumbering::new((abs_id + ABS_OFFSET) as usize);
        for lvl in 0..9u32 {
            let (fmt, text, font) = match kind {
                "bullet" => (
                    "bullet",
                    bullets[lvl as usize % 3].to_string(),
                    Some(look.body),
                ),
                "ordered" => match lvl % 3 {
                    0 => ("decimal", format!("%{}.", lvl + 1), None),
                    1 => ("decimal", format!("（%{}）", lvl + 1), None),
                    _ => ("lowerLetter", format!("%{}.", lvl + 1), None),
                },
                // No bundled face has ☐/☑: these fall back to the system's symbol font
                // (Segoe UI Symbol in Word on Windows, DejaVu Sans in LibreOffice).
                "todo" => ("bullet", "☐".to_string(), None),
                _ => ("bullet", "☑".to_string(), None),
            };
            let left = step * (lvl as i32 + 1);
            let mut level = docx_rs::Level::new(
                lvl as usize,
                docx_rs::Start::new(1),
                docx_rs::NumberFormat::new(fmt),
                docx_rs::LevelText::new(text),
                docx_rs::LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(docx_rs::SpecialIndentType::Hanging(step)),
                None,
                None,
            );
            if let Some(f) = font {
                level = level.fonts(
                    docx_rs::RunFonts::new()
                        .ascii(f.latin)
                        .hi_ansi(f.latin)
                        .east_asia(f.cjk)
                        .cs(f.latin),
                );
            } else if kind == "todo" || kind == "done" {
                let sym = "Segoe UI Symbol";
                level = level.fonts(
                    docx_rs::RunFonts::new()
                        .ascii(sym)
                        .hi_ansi(sym)
                        .east_asia(sym)
                        .cs(sym)
                        .hint("default"),
                );
            }
            a = a.add_level(level);
        }
        abstracts.push(a);
    }
    let nums = nums
        .iter()
        .enumerate()
        .map(|(i, &(abs_id, lvl, start))| {
            let mut n =
                docx_rs::Numbering::new(i + FIRST_NUM_ID as usize, (abs_id + ABS_OFFSET) as usize);
            if let Some(start) = start {
                n = n.add_override(docx_rs::LevelOverride::new(lvl as usize).start(start as usize));
            }
            n
        })
        .collect();
    (abstracts, nums)
}
