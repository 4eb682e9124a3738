//! DOCX writer: a WordprocessingML package that looks like cjkdoc's PDF of the same input
//! and that a Chinese office worker can hand on as it is.
//!
//! # One path, the project's own typed builder
//!
//! Every part is written by this module through typed values: properties (`props.rs`)
//! and body elements (`model.rs`) that serialise their children in schema order, through
//! an XML writer (`xml.rs`) that escapes everything and drops the characters XML forbids.
//! Nothing is built twice, and no serialised XML is edited afterwards.
//!
//! docx-rs is not used for writing: its builder (0.4) drops `w:firstLineChars`, has no
//! `w:em`, `w:tblHeader`, `w:contextualSpacing`, East Asian `w:lang`, font embedding, core
//! properties or stable ids (its ids come from process-wide counters), so a Chinese
//! document would have been mostly patches on its output. docx-rs reads DOCX well: the
//! tests parse every package back with docx-rs's `read_docx`, and the DOCX reader builds on
//! it.
//!
//! # One look
//!
//! Every size, face, pitch, indent, rule and spacing comes from [`Style`] — the settings the
//! PDF is typeset with — and table columns, image sizes and the contents' page numbers come
//! from the layout engine itself (`crate::layout`), so that both outputs fall alike: every
//! paragraph has the PDF's exact line pitch (`w:lineRule="exact"`, `atLeast` for images).
//!
//! # The walk (after pandoc's writer, see `docx-writer-design.md`)
//!
//! The block walk (`blocks.rs`) carries a [`Ctx`] down — the indent, quote depth, list
//! level, whether it is inside a note — and collects into [`Writer`] on the way: the body
//! items, footnotes (`notes.rs`), relationships, media (`media.rs`), numbering instances
//! (`numbering.rs`), the characters each face sets (for the embedded subsets, `fonts.rs`),
//! bookmarks and drawing ids. Nested quotes and lists inside quotes come out right by
//! construction. Inlines become runs in `runs.rs`, tables in `tables.rs`; the package
//! (content types, relationships, properties, settings, footer, zip) in `package.rs`.
//!
//! Choices a reader would notice:
//! - A run-in heading (`一、提高认识。各单位…`) is one paragraph, as in the PDF: its lead is
//!   set in the "Run-in Heading" character style. (Word's style separator, which would keep
//!   it a heading, shows as two lines in LibreOffice before 24.8 and in other readers.)
//!   The contents list it all the same.
//! - Chinese emphasis is set upright in the emphasis face, Latin emphasis slanted.
//! - Block quotes: one grey bar at every depth, drawn single, double, triple for depths
//!   1, 2, 3+ (a paragraph has one left border), the text indented per level.
//! - A repeated note reference is a `NOTEREF` field to the first one.
//! - The contents (`--toc`) are a TOC field pre-filled with the PDF's entries and page
//!   numbers; Word can update it.
//! - Deterministic: fixed part order, ids from the walk, fixed zip timestamps.

mod blocks;
mod fonts;
mod media;
mod model;
mod notes;
mod numbering;
mod package;
mod props;
mod runs;
mod styles;
mod tables;
mod xml;
mod zip;

use super::{WriteError, WriteOptions};
use crate::doc::{Document, Notes};
use crate::style::Style;
use crate::Diagnostics;
use model::BodyItem;

/// Which part is being written (relationships are per part).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Document,
    Footnotes,
}

/// What the walk inherits from the blocks around it (never mutated on the way down).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ctx {
    /// Left indent of the blocks, in points (quotes and lists).
    pub indent: f32,
    /// Block quotes around.
    pub quote_depth: usize,
    /// Lists around (the numbering level).
    pub list_depth: u32,
    /// Bullet lists around (the bullet shape).
    pub bullet_depth: u32,
    /// Inside a footnote.
    pub in_note: bool,
    /// Inside a list item (paragraphs are flush with the item's indent).
    pub in_item: bool,
}

/// A relationship from a part to a target.
#[derive(Debug, Clone)]
pub(crate) struct Rel {
    pub id: String,
    pub kind: &'static str,
    pub target: String,
    pub external: bool,
}

/// Hyperlink relationship type.
pub(crate) const REL_HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
/// Image relationship type.
pub(crate) const REL_IMAGE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// The writer's collected state.
pub(crate) struct Writer<'d, 'x> {
    pub style: &'x Style,
    /// The faces the style's families are looked up in.
    pub fonts: &'x crate::fonts::Book,
    pub faces: styles::Faces,
    pub diag: &'x mut Diagnostics,
    /// The figures' images, read and checked.
    pub images: &'x crate::images::Images,
    pub notes: Notes<'d>,
    /// Footnote bodies by note number (index n - 1); `None` until written.
    pub note_bodies: Vec<Option<Vec<BodyItem>>>,
    /// The bookmark around each note's first reference, by note number.
    pub note_marks: Vec<Option<String>>,
    /// Notes referred to only from inside the note being written (set after it).
    pub nested_notes: Vec<usize>,
    /// The part being written.
    pub part: Part,
    pub doc_rels: Vec<Rel>,
    pub note_rels: Vec<Rel>,
    /// The id of each (part, kind, target) in `doc_rels` and `note_rels`, and how many
    /// relationships of each kind a part has, so that a new link costs no scan.
    pub rel_ids: std::collections::HashMap<(Part, &'static str, String), String>,
    pub rel_counts: std::collections::HashMap<(Part, &'static str), usize>,
    pub media: media::Media,
    pub numbering: numbering::Numbering,
    pub usage: fonts::Usage,
    /// Next bookmark id.
    pub next_bookmark: u32,
    /// Next drawing id.
    pub next_drawing: u32,
    /// Headings met so far (the contents link to `_Toc{n}`).
    pub headings: usize,
    /// The next paragraph starts a page.
    pub page_break_pending: bool,
    /// Extra space in points above the next paragraph (after a table).
    pub space_pending: f32,
}

/// Write `doc` as a .docx package.
pub fn write(
    doc: &Document,
    opts: &WriteOptions,
    images: &crate::images::Images,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let style = &opts.style;
    let doc = &*super::shared::numbered_headings(doc, style);
    let lang_tag = crate::script::document_lang(doc);
    let (lang, east_asia) = languages(&lang_tag);
    let notes = Notes::new(doc);
    for w in notes.warnings() {
        diag.warn(w);
    }
    let n_notes = notes.numbered().len();
    let mut w = Writer {
        style,
        fonts: &opts.fonts,
        faces: styles::Faces::new(style, &opts.fonts),
        diag,
        images,
        notes,
        note_bodies: vec![None; n_notes],
        note_marks: vec![None; n_notes],
        nested_notes: Vec::new(),
        part: Part::Document,
        doc_rels: Vec::new(),
        note_rels: Vec::new(),
        rel_ids: Default::default(),
        rel_counts: Default::default(),
        media: media::Media::default(),
        numbering: numbering::Numbering::default(),
        usage: fonts::Usage::new(),
        next_bookmark: 0,
        next_drawing: 1,
        headings: 0,
        page_break_pending: false,
        space_pending: 0.0,
    };
    let contents = opts.toc.then(|| {
        let options = crate::layout::LayoutOptions {
            toc: true,
            images,
            fonts: &opts.fonts,
        };
        crate::layout::contents(doc, style, options)
    });
    let body = w.document(doc, contents.as_deref());
    let footnotes = w.footnotes();
    let footer = w.footer(false);
    let even_footer = (style.page_numbers.place == crate::style::PageNumberPlace::Outside
        && style.page_number_parts().is_some())
    .then(|| w.footer(true));
    let numbering_xml = w.numbering_xml();

    let embedded = if opts.embed_fonts {
        fonts::embed(&w.usage, &opts.fonts, w.diag)
            .map_err(|e| WriteError::Failed(e.to_string()))?
    } else {
        Vec::new()
    };
    let families = fonts::families(&w.faces, &w.usage);
    let parts = package::Parts {
        doc,
        style,
        lang: &lang,
        east_asia: &east_asia,
        lang_tag: &lang_tag,
        body: &body,
        footnotes: &footnotes,
        footer: &footer,
        even_footer: even_footer.as_deref(),
        numbering: numbering_xml.as_deref(),
        styles: &styles::styles_xml(style, &w.faces, &lang, &east_asia),
        font_table: &fonts::font_table_xml(&families, &embedded, &opts.fonts),
        embedded: &embedded,
        doc_rels: &w.doc_rels,
        note_rels: &w.note_rels,
        media: &w.media,
        embed_fonts: opts.embed_fonts,
    };
    parts
        .zip()
        .map_err(|e| WriteError::Failed(format!("cannot write DOCX: {e}")))
}

/// `(w:val, w:eastAsia)` for a BCP 47 tag: the East Asian language is the tag itself for
/// Chinese, Japanese and Korean, else zh-CN; the Latin language is the tag itself unless it
/// is East Asian (then en-US).
fn languages(tag: &str) -> (String, String) {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "zh" | "ja" | "ko" => {
            let ea = if tag.contains('-') {
                tag.to_string()
            } else {
                match primary.as_str() {
                    "zh" => "zh-CN".into(),
                    "ja" => "ja-JP".into(),
                    _ => "ko-KR".into(),
                }
            };
            ("en-US".into(), ea)
        }
        "" => ("en-US".into(), "zh-CN".into()),
        _ => (tag.to_string(), "zh-CN".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::languages;

    #[test]
    fn latin_and_east_asian_languages_from_the_tag() {
        let l = |t: &str| {
            let (a, b) = languages(t);
            format!("{a} {b}")
        };
        assert_eq!(l("zh-CN"), "en-US zh-CN");
        assert_eq!(l("zh"), "en-US zh-CN");
        assert_eq!(l("zh-TW"), "en-US zh-TW");
        assert_eq!(l("en"), "en zh-CN");
        assert_eq!(l("ja"), "en-US ja-JP");
        assert_eq!(l(""), "en-US zh-CN");
    }
}
