//! The typesetting engine behind the PDF writer: shaping, CJK line breaking,
//! justification and pagination. It knows fonts and boxes, not PDF.
//!
//! The stages follow typst's inline layout, one module each:
//! [`collect`] (tree → paragraphs of styled spans) → [`prepare`] (soft breaks, CJK–Latin
//! spacing) → [`shape`] (font fallback, rustybuzz) → [`linebreak`] (UAX #14 plus the
//! Chinese prohibition rules, and inside Latin words at the syllables [`hyphenate`] finds
//! when the style asks for it; greedy) → [`line`] (line-edge punctuation, justification) →
//! [`pages`] (flow, widows and orphans, footer), which leaves the page foot's notes to
//! [`footnotes`]. Each Chinese rule sits in the stage where it acts, citing clreq
//! (<https://www.w3.org/TR/clreq/>).
//!
//! What passes between the stages has modules of its own: [`flow`] (collect's paragraphs of
//! spans, tables, figures), [`units`] (shaped clusters) and [`set`] (set lines, paragraphs,
//! rows, tables and blocks). Stages only look back: a stage uses these types and earlier
//! stages, never a later one (tested in `stage_order` below).
//!
//! The result, [`Layout`], is pages of positioned glyph runs that keep their source text,
//! rules and link boxes, plus the outline. Coordinates are in points from the page's top
//! left corner, y growing downwards.

mod collect;
mod flow;
pub mod font;
mod footnotes;
mod hyphenate;
mod line;
mod linebreak;
mod marks;
mod pages;
mod prepare;
mod set;
mod shape;
mod table;
mod text;
mod units;

use crate::doc::Document;
use crate::fonts::Book;
use crate::style::Style;
use crate::Diagnostics;
use std::sync::Arc;

/// Han or kana: the characters that get a gap next to Latin text (the shared class
/// [`crate::script::is_ideographic`]).
pub use crate::script::is_ideographic as is_han;
pub use font::FaceId;
/// Padding of table cells, in em of the table text (horizontal, vertical).
pub use table::{CELL_PAD_X as TABLE_CELL_PAD_X, CELL_PAD_Y as TABLE_CELL_PAD_Y};
pub use text::ClusterText;

/// The width of `text` set as body text, in points (the sum of its lines' if it does not
/// fit one): for placing short lines against each other (a signature and its date).
pub fn body_text_width(text: &str, style: &Style, book: &crate::fonts::Book) -> f32 {
    let size = style.body.size;
    let mut par = flow::Par::plain(style, flow::ParAlign::Left, size);
    par.text(text, flow::Role::Body, size);
    line::set_paragraph(&par, style, book, &mut Diagnostics::default())
        .iter()
        .map(|l| l.right - l.left)
        .sum()
}

/// A laid-out document.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The font book the layout was made with: [`TextRun::face`] is a face id in it.
    pub fonts: Arc<Book>,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// One entry per heading, in document order.
    pub outline: Vec<OutlineEntry>,
    /// Every line of running text, in order (for tests and debugging).
    pub lines: Vec<LineInfo>,
    /// The decoded images, indexed by [`ImageBox::image`].
    pub images: Vec<Arc<Picture>>,
    /// Footnote reference marks as placed: (page index, note number), for tests.
    pub note_marks: Vec<(usize, usize)>,
    /// Footnotes as started at page feet: (page index, note number), for tests.
    pub note_feet: Vec<(usize, usize)>,
}

impl Default for Layout {
    /// An empty layout over the bundled fonts.
    fn default() -> Self {
        Layout {
            fonts: Arc::clone(Book::bundled()),
            width: 0.0,
            height: 0.0,
            pages: Vec::new(),
            outline: Vec::new(),
            lines: Vec::new(),
            images: Vec::new(),
            note_marks: Vec::new(),
            note_feet: Vec::new(),
        }
    }
}

impl Layout {
    /// A readable dump of the pages: per page, one line per baseline with each glyph run's
    /// first and last glyph x, face, size and text. Golden files of it show a change in
    /// layout as a diff (`tests/golden/layout`).
    pub fn dump(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (p, page) in self.pages.iter().enumerate() {
            let _ = writeln!(out, "page {}", p + 1);
            let mut last_y: Option<f32> = None;
            for item in &page.items {
                let Item::Text(run) = item else {
                    continue;
                };
                let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last()) else {
                    continue;
                };
                if last_y.is_none_or(|y| (y - run.y).abs() > 0.005) {
                    if last_y.is_some() {
                        out.push('\n');
                    }
                    let _ = write!(out, "  y {:.2}", run.y);
                    last_y = Some(run.y);
                }
                let face = self.fonts.info(run.face).map_or_else(
                    || "?".to_string(),
                    |f| format!("{} {:?}", f.family(), f.weight_class()),
                );
                let _ = write!(
                    out,
                    " | {:.2}..{:.2} {face} {}{} {}",
                    first.x,
                    last.x,
                    run.size,
                    if run.slant { " slanted" } else { "" },
                    run.text()
                );
            }
            if last_y.is_some() {
                out.push('\n');
            }
        }
        out
    }
}

use crate::images::Images;
pub use crate::images::{Picture, PictureData};

/// No images: the default of [`LayoutOptions::images`].
static NO_IMAGES: std::sync::LazyLock<Images> = std::sync::LazyLock::new(Images::default);

/// An image placed on a page.
#[derive(Debug, Clone, Copy)]
pub struct ImageBox {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Index into [`Layout::images`].
    pub image: usize,
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What is on the page.
    pub items: Vec<Item>,
}

/// Something placed on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// Glyphs of one face and size on one baseline.
    Text(TextRun),
    /// A filled rectangle (rules, strike-through lines).
    Rule(Rule),
    /// A clickable area pointing at a URL.
    Link(LinkBox),
    /// A rectangle filled with a grey (code shading, quote bars).
    Shade(Shade),
    /// A stroked polyline (task-list boxes and check marks, code continuation marks).
    Stroke(Stroke),
    /// An image.
    Image(ImageBox),
}

/// A rectangle filled with a grey.
#[derive(Debug, Clone, Copy)]
pub struct Shade {
    /// The rectangle.
    pub rect: Rule,
    /// Grey level, 0 = black, 1 = white.
    pub gray: f32,
}

/// A stroked polyline.
#[derive(Debug, Clone)]
pub struct Stroke {
    /// The points, page coordinates (y down).
    pub points: Vec<(f32, f32)>,
    /// Closed (a box) or open (a check mark).
    pub closed: bool,
    /// Line width in points.
    pub width: f32,
}

/// Glyphs of one face and size on one baseline, with the text they show.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The face: its id in [`Layout::fonts`].
    pub face: FaceId,
    /// Font size in points.
    pub size: f32,
    /// Baseline y.
    pub y: f32,
    /// Slanted (emphasised Latin text; Han text is never slanted).
    pub slant: bool,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// The source text of the run.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// One positioned glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Pen position (x of the glyph origin).
    pub x: f32,
    /// Vertical offset from the baseline (positive = up).
    pub dy: f32,
    /// The source text this glyph shows (a whole cluster on its first glyph, empty on the
    /// others).
    pub text: ClusterText,
    /// Set on the first glyph of a stretch whose text must be extracted as one piece
    /// (glyphs separated by a CJK–Latin gap, which extractors would otherwise read as a
    /// space): the stretch's text and how many glyphs it covers, possibly across runs.
    /// (Boxed: it is rare, and a glyph is kept for every character of the document.)
    pub actual_text: Option<Box<(String, usize)>>,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A URL, as written.
    Url(String),
    /// Entry `n` of [`Layout::outline`] (the table of contents links its entries so).
    Outline(usize),
}

/// A link area.
#[derive(Debug, Clone)]
pub struct LinkBox {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The target.
    pub target: LinkTarget,
}

/// A heading, for the PDF outline.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// Heading level, 1 = top.
    pub level: u8,
    /// The heading text (label included).
    pub title: String,
    /// Index of its page.
    pub page: usize,
    /// Top of its first line.
    pub y: f32,
}

/// Where a line ended, for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    /// A line of a paragraph broken to fit the measure (justified when the paragraph is).
    Full,
    /// The last line of a paragraph, or a line ended by a forced break.
    Last,
}

/// One line as the engine set it, for tests.
#[derive(Debug, Clone)]
pub struct LineInfo {
    /// Index of the page.
    pub page: usize,
    /// The source text of the line.
    pub text: String,
    /// x of the first glyph's ink box origin (after line-start adjustment).
    pub left: f32,
    /// x where the line's last advance ends (after line-end adjustment).
    pub right: f32,
    /// The right edge of the measure.
    pub measure_right: f32,
    /// Whether the paragraph is justified.
    pub justified: bool,
    /// How the line ended.
    pub end: LineEnd,
}

/// How to lay a document out, beyond its style.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions<'a> {
    /// A table of contents after the title block.
    pub toc: bool,
    /// The images of figures and of running text (read and decoded before layout; none by
    /// default).
    pub images: &'a Images,
    /// The faces the style's families are looked up in (default: the bundled ones).
    pub fonts: &'a Arc<Book>,
}

impl Default for LayoutOptions<'_> {
    fn default() -> Self {
        LayoutOptions {
            toc: false,
            images: &NO_IMAGES,
            fonts: Book::bundled(),
        }
    }
}

/// Where the pages of a layout go, one at a time as each is finished (its page number
/// included), so that a long document is never held laid out whole: the PDF writer turns
/// each page into drawing operations as it comes.
pub trait PageSink {
    /// The next page.
    fn page(&mut self, page: Page);
    /// A line of running text, as placed (forgotten unless a sink keeps it).
    fn line(&mut self, _line: LineInfo) {}
}

/// The sink of [`layout`]: keeps every page and line.
#[derive(Default)]
struct Keep {
    pages: Vec<Page>,
    lines: Vec<LineInfo>,
}

impl PageSink for Keep {
    fn page(&mut self, page: Page) {
        self.pages.push(page);
    }
    fn line(&mut self, line: LineInfo) {
        self.lines.push(line);
    }
}

/// A sink that forgets the pages (the first pass of a table of contents).
struct Forget;

impl PageSink for Forget {
    fn page(&mut self, _page: Page) {}
}

/// Lay out `doc` with `style`, its families looked up in `options.fonts`. Characters no
/// face covers, faces that may not be embedded, images that cannot be used and footnote
/// problems are reported in `diag`.
pub fn layout(
    doc: &Document,
    style: &Style,
    options: LayoutOptions,
    diag: &mut Diagnostics,
) -> Layout {
    let mut keep = Keep::default();
    let mut layout = stream(doc, style, options, diag, &mut keep);
    layout.pages = keep.pages;
    layout.lines = keep.lines;
    layout
}

/// Lay out `doc` as [`layout`] does, handing each page to `sink` as soon as it is finished
/// (and each placed line). The layout returned holds neither pages nor lines; its page
/// size, fonts, outline, images and note records are complete.
pub fn stream(
    doc: &Document,
    style: &Style,
    options: LayoutOptions,
    diag: &mut Diagnostics,
    sink: &mut dyn PageSink,
) -> Layout {
    let (toc, pictures, fonts) = (options.toc, options.images, options.fonts);
    let collected = collect::collect(doc, style, fonts, pictures);
    for w in &collected.warnings {
        diag.warn(w.as_str());
    }
    let (flows, title, notes) = (collected.flows, collected.title, collected.notes);
    let headings: Vec<(u8, String)> = flows
        .iter()
        .filter_map(|f| match f {
            flow::Flow::Par(p) => p.outline.clone(),
            _ => None,
        })
        .collect();
    if !toc || headings.is_empty() {
        return set(flows, &notes, pictures, (style, fonts), diag, sink);
    }
    // Two passes: the contents take the same lines whatever their page numbers, so the
    // pages found with placeholder numbers are the final ones.
    let with_toc = |pages: &[usize]| {
        let entries: Vec<(u8, String, usize)> = headings
            .iter()
            .zip(pages)
            .map(|((level, text), &page)| (*level, text.clone(), page))
            .collect();
        let mut f = flows[..title].to_vec();
        f.extend(collect::toc(&entries, style));
        f.extend_from_slice(&flows[title..]);
        f
    };
    let first = set(
        with_toc(&vec![0; headings.len()]),
        &notes,
        pictures,
        (style, fonts),
        &mut Diagnostics::default(),
        &mut Forget,
    );
    let pages: Vec<usize> = first.outline.iter().map(|e| e.page + 1).collect();
    set(
        with_toc(&pages),
        &notes,
        pictures,
        (style, fonts),
        diag,
        sink,
    )
}

/// The column widths, in points, that the PDF gives `table` when it is set `indent`
/// points in from the left margin (content-based, CSS 2.1 automatic layout; see
/// `table.rs`), its text in faces of `fonts` and its images from `images` (as the PDF
/// sets them). Writers of other page formats use it so that their tables match.
pub fn table_columns(
    table: &crate::doc::Table,
    indent: f32,
    style: &Style,
    fonts: &Book,
    images: &Images,
) -> Vec<f32> {
    let doc = Document {
        blocks: vec![crate::doc::Block::Table(table.clone())],
        ..Document::default()
    };
    let collected = collect::collect(&doc, style, fonts, images);
    let mut diag = Diagnostics::default();
    collected
        .flows
        .into_iter()
        .find_map(|f| match f {
            flow::Flow::Table(mut t) => {
                t.indent = indent;
                Some(table::column_widths(&t, style, fonts, &mut diag))
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// How far below the baseline an image in running text stands, in em of its text: on the
/// bottom of the ideographic em box, as the PDF sets it (the DOCX lowers its pictures in
/// running text as far).
pub const INLINE_IMAGE_DROP_EM: f32 = 1.0 - pages::EM_ASCENT;

/// The size in points at which the PDF sets an image of `w` × `h` points (its natural
/// size, [`crate::images::natural_size`]) `indent` points in, with a caption `caption_h`
/// points tall below it: scaled down to the measure and to 80% of the text block's height,
/// never up.
pub fn fit_image(w: f32, h: f32, indent: f32, caption_h: f32, style: &Style) -> (f32, f32) {
    pages::fit_image(w, h, indent, caption_h, style)
}

/// The headings as the PDF's table of contents lists them: (level, text, page number from
/// 1), with the contents in place after the title block (`options.toc` is ignored).
pub fn contents(doc: &Document, style: &Style, options: LayoutOptions) -> Vec<(u8, String, usize)> {
    let options = LayoutOptions {
        toc: true,
        ..options
    };
    let layout = layout(doc, style, options, &mut Diagnostics::default());
    layout
        .outline
        .into_iter()
        .map(|e| (e.level, e.title, e.page + 1))
        .collect()
}

/// Shape, break and set one paragraph; its marker (if any) is set as a line of its own.
fn set_par(par: &flow::Par, style: &Style, book: &Book, diag: &mut Diagnostics) -> set::SetPar {
    let lines = line::set_paragraph(par, style, book, diag);
    let marker = par.marker.as_ref().and_then(|m| {
        if m.spans.is_empty() {
            return None;
        }
        let mut mp = flow::Par::plain(style, flow::ParAlign::Left, par.size);
        mp.spans = m.spans.clone();
        line::set_paragraph(&mp, style, book, diag)
            .into_iter()
            .next()
    });
    set::SetPar {
        par: par.clone(),
        lines,
        marker,
    }
}

/// Shape, break and set one collected block.
fn set_block(
    flow: flow::Flow,
    pictures: &Images,
    (style, fonts): (&Style, &Arc<Book>),
    diag: &mut Diagnostics,
) -> set::SetBlock {
    match flow {
        flow::Flow::Par(par) => set::SetBlock::Par(set_par(&par, style, fonts, diag)),
        flow::Flow::Rule => set::SetBlock::Rule,
        flow::Flow::PageBreak => set::SetBlock::PageBreak,
        flow::Flow::Table(t) => set::SetBlock::Table(table::set_table(t, style, fonts, diag)),
        flow::Flow::Figure(fig) => {
            let image = pictures.get(&fig.url);
            let mut cap = fig.caption;
            if image.is_none() && cap.spans.is_empty() {
                // Neither image nor alt text: show where the image was to come from.
                let size = cap.size;
                cap.text(format!("[{}]", fig.url), flow::Role::Mono, size);
            }
            let caption = set_par(&cap, style, fonts, diag);
            // The size the document asks for (else its pixels at 96 dpi), which `pages`
            // scales down to the measure and the page.
            let measure = style.measure() - fig.indent;
            let image = image.map(|(i, p)| {
                let (w, h) = crate::images::natural_size(p, &fig.size, measure);
                (i, w, h)
            });
            set::SetBlock::Figure {
                image,
                caption,
                indent: fig.indent,
            }
        }
    }
}

/// Shape, break, set and paginate a collected flow, each block as pagination reaches it,
/// the pages going to `sink`. (Warnings in the order the blocks, the notes and the page
/// numbers raise them.)
fn set(
    flows: Vec<flow::Flow>,
    notes: &[Vec<flow::Par>],
    pictures: &Images,
    (style, fonts): (&Style, &Arc<Book>),
    diag: &mut Diagnostics,
    sink: &mut dyn PageSink,
) -> Layout {
    let mut note_diag = Diagnostics::default();
    let notes: Vec<Vec<set::SetPar>> = notes
        .iter()
        .map(|pars| {
            pars.iter()
                .map(|p| set_par(p, style, fonts, &mut note_diag))
                .collect()
        })
        .collect();
    let mut number_diag = Diagnostics::default();
    let blocks = flows
        .into_iter()
        .map(|flow| set_block(flow, pictures, (style, fonts), diag));
    let mut layout = pages::paginate(blocks, &notes, (style, fonts), sink, &mut number_diag);
    diag.append(note_diag);
    diag.append(number_diag);
    layout.images = pictures.list().to_vec();
    layout
}

#[cfg(all(test, feature = "bundled-fonts"))]
mod tests;

#[cfg(test)]
mod stage_order {
    /// The modules of the engine in stage order: the types of the flow, units and set
    /// lines first, then the stages. Each may use only the modules before it (and the
    /// output types of this file).
    const ORDER: [(&str, &str); 14] = [
        ("font", include_str!("font.rs")),
        ("flow", include_str!("flow.rs")),
        ("units", include_str!("units.rs")),
        ("set", include_str!("set.rs")),
        ("collect", include_str!("collect.rs")),
        ("prepare", include_str!("prepare.rs")),
        ("shape", include_str!("shape.rs")),
        ("hyphenate", include_str!("hyphenate.rs")),
        ("linebreak", include_str!("linebreak.rs")),
        ("line", include_str!("line.rs")),
        ("table", include_str!("table.rs")),
        ("marks", include_str!("marks.rs")),
        ("footnotes", include_str!("footnotes.rs")),
        ("pages", include_str!("pages.rs")),
    ];

    /// The modules a source file names through `super::` (`super::x::…`,
    /// `super::{x, y::…}`).
    fn uses(src: &str) -> Vec<String> {
        let ident = |s: &str| -> String {
            s.trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        };
        let mut out = Vec::new();
        let mut rest = src;
        while let Some(at) = rest.find("super::") {
            rest = &rest[at + 7..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                out.extend(group[..end].split(',').map(ident));
            } else {
                out.push(ident(rest));
            }
        }
        out
    }

    #[test]
    fn no_stage_uses_a_later_one() {
        let mut wrong = Vec::new();
        for (i, (name, src)) in ORDER.iter().enumerate() {
            for used in uses(src) {
                if let Some(j) = ORDER.iter().position(|(m, _)| *m == used) {
                    if j >= i && used != *name {
                        wrong.push(format!("{name} uses {used}"));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "stages must only look back: {wrong:?}");
        assert!(uses("use super::{line, linebreak::x};").contains(&"linebreak".to_string()));
    }
}
