//! `word/styles.xml`: every look the document uses is a named style (as pandoc's DOCX
//! writer does), so that users restyle the document in Word; the values all come from
//! [`Style`], the same settings the PDF is typeset with.
//!
//! Fonts are given per script on every style that sets a face: `w:ascii`/`w:hAnsi` for
//! Latin text, `w:eastAsia` for Chinese, never theme fonts (there is no theme part).
//! Every paragraph style has an exact line pitch (`w:lineRule="exact"`), the PDF's, so that
//! lines and pages fall alike in both outputs.

use super::props::{
    gray_hex, twips, Border, Borders, Fonts, Ind, Jc, LineRule, PPr, RPr, Spacing, Tab, TblPr,
};
use super::xml::{Xml, NS_R, NS_W};
use crate::fonts::{Book, Weight};
use crate::style::{FontStack, PageNumberPlace, Style};

/// Style ids.
pub(crate) mod id {
    pub const NORMAL: &str = "Normal";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const AUTHOR: &str = "Author";
    pub const DATE: &str = "Date";
    pub const HEADINGS: [&str; 6] = [
        "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
    ];
    pub const RUN_INS: [&str; 6] = [
        "RunInHeading1",
        "RunInHeading2",
        "RunInHeading3",
        "RunInHeading4",
        "RunInHeading5",
        "RunInHeading6",
    ];
    pub const ADDRESSEE: &str = "Salutation";
    pub const ATTACHMENT: &str = "Attachment";
    pub const SIGNATURE: &str = "Signature";
    pub const SIGNATURE_DATE: &str = "SignatureDate";
    pub const CLOSING: &str = "Closing";
    pub const LIST: &str = "ListParagraph";
    pub const QUOTE: &str = "Quote";
    pub const CODE: &str = "SourceCode";
    pub const VERBATIM: &str = "VerbatimChar";
    /// Marks emphasised Chinese text (set in the emphasis face by direct formatting),
    /// so that a reader knows it for emphasis.
    pub const EMPHASIS: &str = "Emphasis";
    pub const FIGURE: &str = "Figure";
    pub const CAPTION: &str = "Caption";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REF: &str = "FootnoteReference";
    pub const HYPERLINK: &str = "Hyperlink";
    pub const FOOTER: &str = "Footer";
    pub const TABLE: &str = "ThreeLineTable";
    pub const TABLE_TEXT: &str = "Compact";
    pub const TABLE_HEADING: &str = "TableHeading";
    pub const RULE: &str = "HorizontalLine";
    pub const TOC_HEADING: &str = "TOCHeading";
    pub const TOCS: [&str; 6] = ["TOC1", "TOC2", "TOC3", "TOC4", "TOC5", "TOC6"];
}

/// The faces of each role, from [`Style`]: each stack resolved to the families the PDF
/// uses (the first of the stack that exists; Latin and Chinese text may resolve to
/// different members, as in `["Noto Serif", "Noto Serif SC"]`).
#[derive(Debug, Clone)]
pub(crate) struct Faces {
    /// Body text, Latin and Chinese.
    pub body: Fonts,
    /// Headings and run-in leads, per level.
    pub headings: [Fonts; 6],
    /// The title.
    pub title: Fonts,
    /// The subtitle.
    pub subtitle: Fonts,
    /// Code: the mono face for Latin, the level-1 heading (sans) face for Chinese.
    pub code: Fonts,
    /// Chinese emphasis (set upright in this face; Latin emphasis is slanted).
    pub emphasis: Fonts,
    /// Page numbers.
    pub page_number: Fonts,
}

impl Faces {
    pub fn new(style: &Style, book: &Book) -> Faces {
        let resolve = |stack: &FontStack, probe: char| resolve(stack, probe, book);
        let both = |stack: &FontStack| Fonts {
            latin: resolve(stack, 'a'),
            east_asia: resolve(stack, '中'),
        };
        let headings = [1u8, 2, 3, 4, 5, 6].map(|l| both(&style.heading(l).font));
        Faces {
            body: both(&style.body.font),
            title: both(&style.title.font),
            subtitle: both(&style.title.subtitle_font),
            code: Fonts {
                latin: resolve(&style.code.font, 'a'),
                east_asia: headings[0].east_asia.clone(),
            },
            emphasis: Fonts {
                latin: resolve(&style.body.font, 'a'),
                east_asia: resolve(&style.emphasis.font, '中'),
            },
            page_number: both(style.page_number_font()),
            headings,
        }
    }

    /// The faces of headings of `level` (1–6).
    pub fn heading(&self, level: u8) -> &Fonts {
        &self.headings[usize::from(level.clamp(1, 6) - 1)]
    }
}

/// The family of `stack` that sets `probe` in the PDF: the first that exists (and may be
/// embedded) and has the character, else the first that exists, else the first named. The
/// family is named as the face names itself (`LXGW WenKai` for `霞鹜文楷`), so that
/// readers match it with the embedded face.
fn resolve(stack: &FontStack, probe: char, book: &Book) -> String {
    // Faces are read only until one covers the probe (the first usually does).
    let mut first = None;
    let mut chosen = None;
    for id in stack.names().filter_map(|n| book.find(n, Weight::Regular)) {
        if book.get(id).is_none_or(|l| l.refusal().is_some()) {
            continue;
        }
        first.get_or_insert(id);
        if book.covers(id, probe) {
            chosen = Some(id);
            break;
        }
    }
    chosen
        .or(first)
        .and_then(|id| book.info(id))
        .map_or_else(|| stack.first().to_string(), |i| i.family().to_string())
}

/// Kind of a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Character,
    Table,
}

/// One style definition.
#[derive(Debug, Clone)]
struct StyleDef {
    id: &'static str,
    name: String,
    kind: Kind,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    ppr: PPr,
    rpr: RPr,
    tblpr: Option<TblPr>,
    /// Cell borders of a table style's first row.
    first_row: Option<Borders>,
}

impl StyleDef {
    fn para(id: &'static str, name: &str) -> StyleDef {
        StyleDef {
            id,
            name: name.into(),
            kind: Kind::Paragraph,
            based_on: Some(id::NORMAL),
            next: None,
            ppr: PPr::default(),
            rpr: RPr::default(),
            tblpr: None,
            first_row: None,
        }
    }

    fn chr(id: &'static str, name: &str) -> StyleDef {
        StyleDef {
            kind: Kind::Character,
            based_on: None,
            ..StyleDef::para(id, name)
        }
    }

    fn write(&self, x: &mut Xml) {
        let kind = match self.kind {
            Kind::Paragraph => "paragraph",
            Kind::Character => "character",
            Kind::Table => "table",
        };
        x.open("w:style").attr("w:type", kind);
        if self.id == id::NORMAL {
            x.attr("w:default", "1");
        }
        x.attr("w:styleId", self.id);
        x.empty("w:name", &[("w:val", &self.name)]);
        if let Some(b) = self.based_on {
            x.empty("w:basedOn", &[("w:val", b)]);
        }
        if let Some(n) = self.next {
            x.empty("w:next", &[("w:val", n)]);
        }
        x.empty("w:qFormat", &[]);
        if self.kind == Kind::Paragraph {
            self.ppr.write(x);
        }
        self.rpr.write(x);
        if let Some(t) = &self.tblpr {
            t.write(x);
        }
        if let Some(b) = &self.first_row {
            x.open("w:tblStylePr").attr("w:type", "firstRow");
            x.open("w:tcPr");
            b.write(x, "w:tcBorders");
            x.close();
            x.close();
        }
        x.close();
    }
}

/// Spacing with an exact pitch.
pub(crate) fn exact(pitch: f32) -> Spacing {
    Spacing {
        before: None,
        after: None,
        line: Some((twips(pitch), LineRule::Exact)),
    }
}

/// No indentation (resets Normal's first-line indent).
pub(crate) fn no_indent() -> Ind {
    Ind {
        left: Some(0),
        first_line: Some(0),
        first_line_chars: Some(0),
        ..Ind::default()
    }
}

/// The first-line indent of body text, in characters with a twips fallback (Word reads the
/// `Chars` attribute; readers that ignore it still get the right width at body size).
pub(crate) fn body_indent(style: &Style) -> Ind {
    Ind {
        first_line: Some(twips(style.body.first_line_indent * style.body.size)),
        first_line_chars: Some((style.body.first_line_indent * 100.0).round() as i32),
        ..Ind::default()
    }
}

/// The block-quote bar at quote depth `depth` (1 = outermost): one line per level, grey.
pub(crate) fn quote_bar(style: &Style, depth: usize) -> Border {
    let em = style.body.size;
    let (kind, width) = match depth {
        0 | 1 => ("single", style.quote.bar_width),
        2 => ("double", style.quote.bar_width / 3.0),
        _ => ("triple", style.quote.bar_width / 4.0),
    };
    Border {
        kind,
        width,
        // From the bar to the text: the quote indent less the bar's place in it.
        space: ((style.quote.indent - style.quote.bar_offset) * em - style.quote.bar_width / 2.0)
            .clamp(0.0, 31.0),
        color: gray_hex(style.quote.bar_gray),
    }
}

/// Borders that carry a code block's shading into its padding (Word shades the text area
/// only; a paragraph's border extends it), in the shading's own colour.
pub(crate) fn code_borders(style: &Style) -> Borders {
    let color = gray_hex(style.code.shade_gray);
    let side = Border {
        kind: "single",
        width: 0.25,
        space: style.code_pad(),
        color: color.clone(),
    };
    let cap = Border {
        space: style.code_shade_pad(),
        ..side.clone()
    };
    Borders {
        top: Some(cap.clone()),
        left: Some(side.clone()),
        bottom: Some(cap),
        right: Some(side),
        ..Borders::default()
    }
}

/// The space above and below a code block outside its borders: the PDF's code space holds
/// the shading's padding, which here is the borders' distance from the text.
pub(crate) fn code_outer_space(style: &Style) -> f32 {
    let b = code_borders(style);
    let cap = b.top.map_or(0.0, |t| t.space + t.width);
    (style.code_space() - cap).max(0.0)
}

/// The three-line table's rules: heavy top and bottom, a light rule under the header,
/// hairlines between body rows.
pub(crate) struct TableRules {
    pub heavy: Border,
    pub light: Border,
    pub hair: Border,
}

impl TableRules {
    pub fn new(style: &Style) -> TableRules {
        TableRules {
            heavy: Border::single(style.tables.rule_heavy, "000000"),
            light: Border::single(style.tables.rule_light, "000000"),
            hair: Border::single(style.tables.rule_hair, gray_hex(style.tables.hair_gray)),
        }
    }
}

/// All style definitions, in output order.
fn definitions(style: &Style, faces: &Faces) -> Vec<StyleDef> {
    let pitch = style.line_pitch();
    let em = style.body.size;
    let mut v = Vec::new();

    let mut normal = StyleDef::para(id::NORMAL, "Normal");
    normal.based_on = None;
    normal.ppr.widow_control = Some(style.body.widow_control);
    normal.ppr.spacing = exact(pitch);
    normal.ppr.ind = body_indent(style);
    normal.ppr.jc = Some(Jc::Both);
    if style.page.chars_per_line > 0 {
        // LibreOffice takes the grid's character pitch from Normal's own size. The text
        // keeps off the grid (see `Writer::grid_spacing`); its pitch is exact anyway.
        normal.rpr.size = Some(em);
        normal.ppr.snap_to_grid = Some(false);
    }
    v.push(normal);

    let centred = |id: &'static str, name: &str, size: f32, fonts: &Fonts, bold: bool| {
        let mut s = StyleDef::para(id, name);
        s.next = Some(id::NORMAL);
        s.ppr.keep_next = Some(true);
        s.ppr.spacing = exact(style.title_pitch(size));
        s.ppr.ind = no_indent();
        s.ppr.jc = Some(Jc::Center);
        if style.page.lines_per_page > 0 && style.page.chars_per_line == 0 {
            // Large type keeps its exact pitch, one grid line, as in the PDF (LibreOffice
            // would otherwise give a line of it two grid lines).
            s.ppr.snap_to_grid = Some(false);
        }
        s.rpr.fonts = Some(fonts.clone());
        s.rpr.bold = bold.then_some(true);
        s.rpr.size = Some(size);
        s
    };
    v.push(centred(
        id::TITLE,
        "Title",
        style.title.size,
        &faces.title,
        style.title.bold,
    ));
    v.push(centred(
        id::SUBTITLE,
        "Subtitle",
        style.title.subtitle_size,
        &faces.subtitle,
        true,
    ));
    v.push(centred(id::AUTHOR, "Author", em, &faces.body, false));
    v.push(centred(id::DATE, "Date", em, &faces.body, false));

    for level in 1..=6u8 {
        let hs = style.heading(level);
        let size = hs.size;
        let mut h = StyleDef::para(
            id::HEADINGS[usize::from(level - 1)],
            &format!("heading {level}"),
        );
        h.next = Some(id::NORMAL);
        h.ppr.keep_next = Some(true);
        h.ppr.keep_lines = Some(true);
        h.ppr.spacing = Spacing {
            before: Some(twips(style.space(hs.space_before))),
            after: Some(twips(style.space(hs.space_after))),
            line: Some((twips(style.pitch_for(size)), LineRule::Exact)),
        };
        h.ppr.ind = Ind {
            left: Some(0),
            first_line: Some(twips(hs.indent * em)),
            first_line_chars: Some((hs.indent * 100.0).round() as i32),
            ..Ind::default()
        };
        h.ppr.jc = Some(match hs.align {
            crate::style::Align::Left => Jc::Left,
            crate::style::Align::Center => Jc::Center,
        });
        h.ppr.outline = Some(level - 1);
        h.rpr.fonts = Some(faces.heading(level).clone());
        h.rpr.bold = Some(hs.bold);
        h.rpr.size = Some(size);
        v.push(h);
    }

    for level in 1..=6u8 {
        let i = usize::from(level - 1);
        let mut run_in = StyleDef::chr(id::RUN_INS[i], &format!("Run-in Heading {level}"));
        run_in.rpr.fonts = Some(faces.heading(level).clone());
        run_in.rpr.bold = Some(style.heading(level).bold);
        v.push(run_in);
    }

    let mut addressee = StyleDef::para(id::ADDRESSEE, "Salutation");
    addressee.ppr.ind = no_indent();
    addressee.ppr.jc = Some(Jc::Left);
    v.push(addressee);
    v.push(StyleDef::para(id::ATTACHMENT, "Attachment Note"));
    let mut sig = StyleDef::para(id::SIGNATURE, "Signature");
    sig.ppr.ind = Ind {
        right: Some(twips(Style::SIGNATURE_INDENT_EM * style.cell())),
        ..no_indent()
    };
    sig.ppr.jc = Some(Jc::Right);
    // The issuer stays on the page of its date (and the closing on the issuer's).
    sig.ppr.keep_next = Some(true);
    v.push(sig);
    let mut date = StyleDef::para(id::SIGNATURE_DATE, "Signature Date");
    date.ppr.ind = no_indent();
    date.ppr.jc = Some(Jc::Right);
    v.push(date);
    let mut closing = StyleDef::para(id::CLOSING, "Closing");
    closing.ppr.keep_next = Some(true);
    v.push(closing);

    let mut list = StyleDef::para(id::LIST, "List Paragraph");
    list.ppr.ind = no_indent();
    v.push(list);

    let mut quote = StyleDef::para(id::QUOTE, "Quote");
    quote.ppr.borders.left = Some(quote_bar(style, 1));
    quote.ppr.ind = Ind {
        left: Some(twips(style.quote.indent * em)),
        ..body_indent(style)
    };
    v.push(quote);

    let mut code = StyleDef::para(id::CODE, "Source Code");
    code.ppr.borders = code_borders(style);
    code.ppr.shading = Some(gray_hex(style.code.shade_gray));
    code.ppr.spacing = Spacing {
        before: Some(twips(code_outer_space(style))),
        after: Some(twips(code_outer_space(style))),
        line: Some((twips(style.code_pitch()), LineRule::Exact)),
    };
    code.ppr.ind = Ind {
        left: Some(twips(style.code_pad())),
        right: Some(twips(style.code_pad() + style.code_size())),
        first_line: Some(0),
        first_line_chars: Some(0),
        ..Ind::default()
    };
    code.ppr.jc = Some(Jc::Left);
    code.rpr.fonts = Some(faces.code.clone());
    code.rpr.size = Some(style.code_size());
    v.push(code);

    let mut verbatim = StyleDef::chr(id::VERBATIM, "Verbatim Char");
    verbatim.rpr.fonts = Some(faces.code.clone());
    v.push(verbatim);

    // No properties: the face change is the run's own (Word's built-in Emphasis is italic,
    // which Chinese text must not be).
    v.push(StyleDef::chr(id::EMPHASIS, "Emphasis"));

    let mut figure = StyleDef::para(id::FIGURE, "Figure");
    figure.ppr.keep_next = Some(true);
    figure.ppr.spacing = Spacing {
        before: Some(twips(style.figure_space_before())),
        after: Some(twips(style.figure_caption_gap())),
        line: Some((twips(pitch), LineRule::AtLeast)),
    };
    figure.ppr.ind = no_indent();
    figure.ppr.jc = Some(Jc::Center);
    v.push(figure);

    let mut caption = StyleDef::para(id::CAPTION, "caption");
    caption.ppr.spacing = Spacing {
        after: Some(twips(style.figure_space_after())),
        ..exact(style.pitch_for(style.caption_size()))
    };
    caption.ppr.ind = no_indent();
    caption.ppr.jc = Some(Jc::Center);
    caption.rpr.size = Some(style.caption_size());
    v.push(caption);

    let note = style.note_size();
    let mut fnt = StyleDef::para(id::FOOTNOTE_TEXT, "footnote text");
    fnt.ppr.spacing = exact(style.note_pitch());
    let hang = twips(style.notes.indent * note);
    fnt.ppr.ind = Ind {
        left: Some(hang),
        hanging: Some(hang),
        first_line_chars: Some(0),
        ..Ind::default()
    };
    fnt.rpr.size = Some(note);
    v.push(fnt);

    let mut fnr = StyleDef::chr(id::FOOTNOTE_REF, "footnote reference");
    fnr.rpr.vert_align = Some(super::props::VertAlign::Superscript);
    v.push(fnr);

    let mut link = StyleDef::chr(id::HYPERLINK, "Hyperlink");
    link.rpr.underline = Some("single");
    link.rpr.underline_color = Some(gray_hex(style.links.underline_gray));
    v.push(link);

    let mut footer = StyleDef::para(id::FOOTER, "footer");
    footer.ppr.spacing = exact(style.page_numbers.size * 1.2);
    footer.ppr.ind = no_indent();
    footer.ppr.jc = Some(match style.page_numbers.place {
        PageNumberPlace::Center => Jc::Center,
        PageNumberPlace::Outside | PageNumberPlace::Right => Jc::Right,
    });
    if faces.page_number != faces.body {
        footer.rpr.fonts = Some(faces.page_number.clone());
    }
    footer.rpr.size = Some(style.page_numbers.size);
    v.push(footer);

    let mut cell = StyleDef::para(id::TABLE_TEXT, "Compact");
    cell.ppr.spacing = exact(style.table_pitch());
    cell.ppr.ind = no_indent();
    cell.ppr.jc = Some(Jc::Left);
    cell.ppr.widow_control = Some(false);
    cell.rpr.size = Some(style.table_size());
    v.push(cell);
    let mut head = StyleDef::para(id::TABLE_HEADING, "Table Heading");
    head.based_on = Some(id::TABLE_TEXT);
    head.ppr.keep_next = Some(true);
    head.rpr.bold = Some(true);
    v.push(head);

    let mut rule = StyleDef::para(id::RULE, "Horizontal Line");
    let third = twips(style.rule_length());
    rule.ppr.borders.bottom = Some(Border::single(Style::RULE_WIDTH, "000000"));
    rule.ppr.spacing = Spacing {
        before: Some(0),
        after: Some(twips(style.rule_space() / 2.0)),
        line: Some((twips(style.rule_space() / 2.0), LineRule::Exact)),
    };
    rule.ppr.ind = Ind {
        left: Some(third),
        right: Some(third),
        first_line: Some(0),
        first_line_chars: Some(0),
        ..Ind::default()
    };
    v.push(rule);

    let mut toc = StyleDef::para(id::TOC_HEADING, "TOC Heading");
    toc.ppr.keep_next = Some(true);
    toc.ppr.spacing = Spacing {
        after: Some(twips(style.toc_head_space())),
        ..exact(style.pitch_for(style.heading_size(1)))
    };
    toc.ppr.ind = no_indent();
    toc.ppr.jc = Some(Jc::Center);
    toc.rpr.fonts = Some(faces.heading(1).clone());
    toc.rpr.bold = Some(true);
    toc.rpr.size = Some(style.heading_size(1));
    v.push(toc);
    for (i, tid) in id::TOCS.iter().enumerate() {
        let mut t = StyleDef::para(tid, &format!("toc {}", i + 1));
        t.next = Some(id::NORMAL);
        t.ppr.tabs = vec![Tab {
            kind: "right",
            // As in the PDF: the page number at the margin, no leader.
            leader: "none",
            pos: twips(style.measure()),
        }];
        t.ppr.ind = Ind {
            left: Some(twips(i as f32 * 2.0 * em)),
            first_line: Some(0),
            first_line_chars: Some(0),
            ..Ind::default()
        };
        t.ppr.jc = Some(Jc::Left);
        if i == 0 {
            t.rpr.bold = Some(true);
        }
        v.push(t);
    }

    let rules = TableRules::new(style);
    let pad_x = twips(crate::layout::TABLE_CELL_PAD_X * style.table_size());
    let pad_y = twips(crate::layout::TABLE_CELL_PAD_Y * style.table_size());
    v.push(StyleDef {
        id: id::TABLE,
        name: "Three Line Table".into(),
        kind: Kind::Table,
        based_on: None,
        next: None,
        ppr: PPr::default(),
        rpr: RPr::default(),
        tblpr: Some(TblPr {
            borders: Borders {
                top: Some(rules.heavy.clone()),
                bottom: Some(rules.heavy.clone()),
                inside_h: Some(rules.hair.clone()),
                ..Borders::default()
            },
            cell_margins: Some((pad_y, pad_x, pad_y, pad_x)),
            ..TblPr::default()
        }),
        first_row: Some(Borders {
            bottom: Some(rules.light.clone()),
            ..Borders::default()
        }),
    });
    if style.body.hyphenate {
        // The PDF hyphenates justified text only: headings, the title block, code and
        // every other unjustified style keep their words whole in Word too.
        for d in &mut v {
            let justified = d.id == id::NORMAL || matches!(d.ppr.jc, None | Some(Jc::Both));
            if d.kind == Kind::Paragraph && (!justified || d.id == id::CODE) {
                d.ppr.suppress_auto_hyphens = Some(true);
            }
        }
    }
    if style.body.paragraph_space > 0.0 {
        // Normal's space after reaches the body paragraphs and those set like them (as
        // in the PDF); every other paragraph style keeps its own spacing.
        let like_body = [
            id::NORMAL,
            id::ADDRESSEE,
            id::ATTACHMENT,
            id::SIGNATURE,
            id::SIGNATURE_DATE,
            id::CLOSING,
            id::QUOTE,
        ];
        for d in &mut v {
            if d.kind != Kind::Paragraph {
                continue;
            }
            if d.id == id::NORMAL {
                d.ppr.spacing.after = Some(twips(style.paragraph_space()));
            } else if !like_body.contains(&d.id) && d.ppr.spacing.after.is_none() {
                d.ppr.spacing.after = Some(0);
            }
        }
    }
    v
}

/// `word/styles.xml`.
pub(crate) fn styles_xml(style: &Style, faces: &Faces, lang: &str, east_asia: &str) -> String {
    let mut x = Xml::new();
    x.open("w:styles")
        .attr("xmlns:w", NS_W)
        .attr("xmlns:r", NS_R);
    x.open("w:docDefaults");
    x.open("w:rPrDefault");
    RPr {
        fonts: Some(faces.body.clone()),
        size: Some(style.body.size),
        lang: Some((lang.to_string(), east_asia.to_string())),
        ..RPr::default()
    }
    .write(&mut x);
    x.close();
    x.open("w:pPrDefault");
    PPr {
        spacing: Spacing {
            before: Some(0),
            after: Some(0),
            line: Some((twips(style.line_pitch()), LineRule::Exact)),
        },
        ..PPr::default()
    }
    .write(&mut x);
    x.close();
    x.close();
    // The latent defaults Word expects.
    x.open("w:style")
        .attr("w:type", "character")
        .attr("w:default", "1")
        .attr("w:styleId", "DefaultParagraphFont");
    x.empty("w:name", &[("w:val", "Default Paragraph Font")]);
    x.empty("w:uiPriority", &[("w:val", "1")]);
    x.empty("w:semiHidden", &[]);
    x.close();
    x.open("w:style")
        .attr("w:type", "table")
        .attr("w:default", "1")
        .attr("w:styleId", "TableNormal");
    x.empty("w:name", &[("w:val", "Normal Table")]);
    x.empty("w:semiHidden", &[]);
    TblPr {
        indent: Some(0),
        cell_margins: Some((0, 108, 0, 108)),
        ..TblPr::default()
    }
    .write(&mut x);
    x.close();
    x.open("w:style")
        .attr("w:type", "numbering")
        .attr("w:default", "1")
        .attr("w:styleId", "NoList");
    x.empty("w:name", &[("w:val", "No List")]);
    x.empty("w:semiHidden", &[]);
    x.close();
    for d in definitions(style, faces) {
        d.write(&mut x);
    }
    x.close();
    x.finish()
}
