//! The typed body of a WordprocessingML part: paragraphs, runs, hyperlinks, bookmarks,
//! fields, drawings and tables. The block and inline walks build these values; `write`
//! serialises them, so that what can be expressed is what the schema allows.

use super::props::{PPr, RPr, TblPr, TcPr, TrPr};
use super::xml::Xml;

/// A body-level element.
// Paragraphs, the large variant, are nearly every item: boxing them would cost an
// allocation each and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub(crate) enum BodyItem {
    P(Para),
    Table(Box<Table>),
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    pub ppr: PPr,
    pub content: Vec<PChild>,
}

/// What a paragraph holds.
// Runs, the large variant, are nearly every child (see `BodyItem`).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub(crate) enum PChild {
    Run(Run),
    /// A hyperlink to a relationship (`r:id`) or a bookmark (`w:anchor`).
    Link(Link),
    BookmarkStart {
        id: u32,
        name: String,
    },
    BookmarkEnd {
        id: u32,
    },
}

/// A hyperlink.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub target: LinkTarget,
    pub tooltip: Option<String>,
    pub runs: Vec<Run>,
}

/// Where a hyperlink points.
#[derive(Debug, Clone)]
pub(crate) enum LinkTarget {
    /// An external target through a relationship of the part.
    Rel(String),
    /// A bookmark in the document.
    Anchor(String),
}

/// A run of text with one set of properties.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    pub rpr: RPr,
    pub content: Vec<RChild>,
}

impl Run {
    /// A run of `text` (tabs and newlines become their elements).
    pub fn text(rpr: RPr, text: &str) -> Run {
        let mut run = Run {
            rpr,
            content: Vec::new(),
        };
        run.push_text(text);
        run
    }

    /// Append text, splitting out tabs and line breaks.
    pub fn push_text(&mut self, text: &str) {
        let mut buf = String::new();
        for c in text.chars() {
            match c {
                '\t' | '\n' => {
                    if !buf.is_empty() {
                        self.content.push(RChild::Text(std::mem::take(&mut buf)));
                    }
                    self.content.push(if c == '\t' {
                        RChild::Tab
                    } else {
                        RChild::Break
                    });
                }
                '\r' => {}
                c => buf.push(c),
            }
        }
        if !buf.is_empty() {
            self.content.push(RChild::Text(buf));
        }
    }

    /// A run holding one element.
    pub fn of(rpr: RPr, child: RChild) -> Run {
        Run {
            rpr,
            content: vec![child],
        }
    }
}

/// Field characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldChar {
    Begin,
    Separate,
    End,
}

/// What a run holds.
#[derive(Debug, Clone)]
pub(crate) enum RChild {
    Text(String),
    Tab,
    /// A line break.
    Break,
    /// A reference to footnote `id`.
    FootnoteReference(u32),
    /// The number mark at the start of a footnote's text.
    FootnoteRef,
    /// Separator lines of the footnote area.
    Separator,
    ContinuationSeparator,
    Field(FieldChar),
    Instr(String),
    Drawing(Drawing),
}

/// An inline picture.
#[derive(Debug, Clone)]
pub(crate) struct Drawing {
    /// Relationship id of the image part.
    pub rid: String,
    /// Relationship id of the SVG part the image part is the fallback of.
    pub svg_rid: Option<String>,
    /// Unique drawing id (`wp:docPr/@id`).
    pub id: u32,
    /// Width and height in EMU.
    pub cx: i64,
    pub cy: i64,
    /// Alt text.
    pub descr: String,
    /// Title (`wp:docPr/@title`), empty for none.
    pub title: String,
    /// File name.
    pub name: String,
}

/// A table.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub tblpr: TblPr,
    /// Column widths in twips.
    pub grid: Vec<i32>,
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub trpr: TrPr,
    pub cells: Vec<Cell>,
}

/// A table cell: properties and at least one paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub tcpr: TcPr,
    pub items: Vec<BodyItem>,
}

/// Write body items.
pub(crate) fn write_items(x: &mut Xml, items: &[BodyItem]) {
    for item in items {
        match item {
            BodyItem::P(p) => write_para(x, p),
            BodyItem::Table(t) => write_table(x, t),
        }
    }
}

pub(crate) fn write_para(x: &mut Xml, p: &Para) {
    x.open("w:p");
    p.ppr.write(x);
    for c in &p.content {
        match c {
            PChild::Run(r) => write_run(x, r),
            PChild::Link(l) => {
                x.open("w:hyperlink");
                match &l.target {
                    LinkTarget::Rel(id) => {
                        x.attr("r:id", id);
                    }
                    LinkTarget::Anchor(a) => {
                        x.attr("w:anchor", a);
                    }
                }
                x.attr_opt("w:tooltip", l.tooltip.as_deref());
                if matches!(l.target, LinkTarget::Rel(_)) {
                    x.attr("w:history", "1");
                }
                for r in &l.runs {
                    write_run(x, r);
                }
                x.close();
            }
            PChild::BookmarkStart { id, name } => {
                x.open("w:bookmarkStart")
                    .attr("w:id", id)
                    .attr("w:name", name)
                    .close();
            }
            PChild::BookmarkEnd { id } => {
                x.open("w:bookmarkEnd").attr("w:id", id).close();
            }
        }
    }
    x.close();
}

fn write_run(x: &mut Xml, r: &Run) {
    x.open("w:r");
    r.rpr.write(x);
    for c in &r.content {
        match c {
            RChild::Text(t) => {
                x.open("w:t").attr("xml:space", "preserve").text(t).close();
            }
            RChild::Tab => {
                x.empty("w:tab", &[]);
            }
            RChild::Break => {
                x.empty("w:br", &[]);
            }
            RChild::FootnoteReference(id) => {
                x.open("w:footnoteReference").attr("w:id", id).close();
            }
            RChild::FootnoteRef => {
                x.empty("w:footnoteRef", &[]);
            }
            RChild::Separator => {
                x.empty("w:separator", &[]);
            }
            RChild::ContinuationSeparator => {
                x.empty("w:continuationSeparator", &[]);
            }
            RChild::Field(f) => {
                let v = match f {
                    FieldChar::Begin => "begin",
                    FieldChar::Separate => "separate",
                    FieldChar::End => "end",
                };
                x.empty("w:fldChar", &[("w:fldCharType", v)]);
            }
            RChild::Instr(t) => {
                x.open("w:instrText")
                    .attr("xml:space", "preserve")
                    .text(t)
                    .close();
            }
            RChild::Drawing(d) => write_drawing(x, d),
        }
    }
    x.close();
}

fn write_drawing(x: &mut Xml, d: &Drawing) {
    let (cx, cy) = (d.cx.to_string(), d.cy.to_string());
    x.open("w:drawing");
    x.empty_inline_start();
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.open("wp:docPr")
        .attr("id", d.id)
        .attr("name", format!("Picture {}", d.id))
        .attr("descr", &d.descr)
        .attr_opt("title", (!d.title.is_empty()).then_some(d.title.as_str()))
        .close();
    x.open("wp:cNvGraphicFramePr");
    x.open("a:graphicFrameLocks")
        .attr("noChangeAspect", "1")
        .close();
    x.close();
    x.open("a:graphic");
    x.open("a:graphicData").attr(
        "uri",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    );
    x.open("pic:pic");
    x.open("pic:nvPicPr");
    x.open("pic:cNvPr")
        .attr("id", d.id)
        .attr("name", &d.name)
        .attr("descr", &d.descr)
        .close();
    x.empty("pic:cNvPicPr", &[]);
    x.close();
    x.open("pic:blipFill");
    match &d.svg_rid {
        None => {
            x.empty("a:blip", &[("r:embed", &d.rid)]);
        }
        Some(svg) => {
            // The extension Word 2016 writes for an SVG picture; readers that do not know
            // it draw the PNG.
            x.open("a:blip").attr("r:embed", &d.rid);
            x.open("a:extLst");
            x.open("a:ext")
                .attr("uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}");
            x.open("asvg:svgBlip")
                .attr(
                    "xmlns:asvg",
                    "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
                )
                .attr("r:embed", svg)
                .close();
            x.close();
            x.close();
            x.close();
        }
    }
    x.open("a:stretch");
    x.empty("a:fillRect", &[]);
    x.close();
    x.close();
    x.open("pic:spPr");
    x.open("a:xfrm");
    x.empty("a:off", &[("x", "0"), ("y", "0")]);
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)]);
    x.close();
    x.open("a:prstGeom").attr("prst", "rect");
    x.empty("a:avLst", &[]);
    x.close();
    x.close();
    x.close(); // pic:pic
    x.close(); // a:graphicData
    x.close(); // a:graphic
    x.close(); // wp:inline
    x.close(); // w:drawing
}

impl Xml {
    /// `<wp:inline>` with no distance from the text.
    fn empty_inline_start(&mut self) {
        self.open("wp:inline")
            .attr("distT", "0")
            .attr("distB", "0")
            .attr("distL", "0")
            .attr("distR", "0");
    }
}

fn write_table(x: &mut Xml, t: &Table) {
    x.open("w:tbl");
    t.tblpr.write(x);
    x.open("w:tblGrid");
    for w in &t.grid {
        x.open("w:gridCol").attr("w:w", w).close();
    }
    x.close();
    for row in &t.rows {
        x.open("w:tr");
        row.trpr.write(x);
        for cell in &row.cells {
            x.open("w:tc");
            cell.tcpr.write(x);
            write_items(x, &cell.items);
            x.close();
        }
        x.close();
    }
    x.close();
}
