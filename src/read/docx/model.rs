//! The parts of docx-rs's typed model that the reader uses.
//!
//! docx-rs parses `document.xml`, `styles.xml` and `numbering.xml` into its own types,
//! many of whose fields are private (`Bold`, `Start`, `LevelText`, `Name`, …); what it
//! offers instead is serde serialisation (its `json()`). So the reader serialises docx-rs's
//! model to a `serde_json::Value` and reads these mirror types back from it, taking only
//! the fields it needs; every field has a default, and an element kind it does not know is
//! `Other`, so that a newer docx-rs adding fields or kinds does not break reading.

use serde::Deserialize;

/// `w:document`'s body.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Body {
    pub children: Vec<BodyChild>,
}

/// A child of the body, a table cell, a text box or a content control.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum BodyChild {
    Paragraph(Box<Paragraph>),
    Table(Table),
    StructuredDataTag(Sdt),
    TableOfContents(Toc),
    #[serde(other)]
    Other,
}

/// `w:sdt` (a content control): its children are read in place.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sdt {
    pub children: Vec<SdtChild>,
}

/// A child of a content control: block or inline content.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum SdtChild {
    Paragraph(Paragraph),
    Table(Table),
    Run(Run),
    StructuredDataTag(Sdt),
    #[serde(other)]
    Other,
}

/// A table of contents docx-rs recognised: it is made again by the writers, so only the
/// content around it is kept.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Toc {
    pub before_contents: Vec<BodyChild>,
    pub after_contents: Vec<BodyChild>,
}

/// `w:p`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Paragraph {
    pub children: Vec<ParaChild>,
    pub property: ParaProps,
}

/// `w:pPr` (also a style's paragraph properties).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ParaProps {
    pub style: Option<String>,
    pub numbering_property: Option<NumProps>,
    pub alignment: Option<String>,
    pub outline_lvl: Option<usize>,
    pub page_break_before: Option<bool>,
    pub indent: Option<Indent>,
    pub line_spacing: Option<Spacing>,
    pub run_property: RunProps,
}

/// `w:spacing`, in twips.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Spacing {
    pub before: Option<i64>,
}

/// `w:numPr`.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NumProps {
    pub id: Option<usize>,
    pub level: Option<usize>,
}

/// `w:ind`, in twips.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Indent {
    pub start: Option<i32>,
}

/// A child of a paragraph (or of a hyperlink, an insertion, a content control).
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum ParaChild {
    Run(Run),
    Insert(Container),
    Delete(serde::de::IgnoredAny),
    MoveTo(Container),
    MoveFrom(serde::de::IgnoredAny),
    Hyperlink(Hyperlink),
    StructuredDataTag(Sdt),
    #[serde(other)]
    Other,
}

/// An insertion, deletion or move: runs inside.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Container {
    pub children: Vec<ParaChild>,
}

/// `w:hyperlink`: `kind` is `external` (with `rid`) or `anchor` (with `anchor`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Hyperlink {
    #[serde(rename = "type")]
    pub kind: String,
    pub rid: Option<String>,
    pub anchor: Option<String>,
    pub children: Vec<ParaChild>,
}

/// `w:r`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Run {
    pub run_property: RunProps,
    pub children: Vec<RunChild>,
}

/// `w:rPr` (also a style's run properties). `None`: not set here.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RunProps {
    pub style: Option<String>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
    pub dstrike: Option<bool>,
    pub vanish: Option<bool>,
    pub vert_align: Option<String>,
    pub fonts: Option<Fonts>,
}

/// `w:rFonts`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Fonts {
    pub ascii: Option<String>,
    pub east_asia: Option<String>,
}

/// A child of a run.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum RunChild {
    Text(Text),
    DeleteText(serde::de::IgnoredAny),
    Sym(Sym),
    Tab,
    #[serde(rename = "ptab")]
    PTab(serde::de::IgnoredAny),
    Break(Break),
    CarriageReturn,
    Drawing(Slot<Drawing>),
    Shape(Shape),
    FieldChar(FieldChar),
    InstrTextString(String),
    #[serde(other)]
    Other,
}

/// `w:t`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Text {
    pub text: String,
}

/// `w:sym`: a character of a symbol font, as a hex code.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sym {
    pub font: String,
    pub char: String,
}

/// `w:br`: `textWrapping` (a line break), `page` or `column`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Break {
    pub break_type: String,
}

/// `w:fldChar`: `begin`, `separate` or `end`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldChar {
    pub field_char_type: String,
}

/// What docx-rs may leave empty (`{}` for a drawing it could not read).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Slot<T> {
    Known(T),
    Unknown(serde::de::IgnoredAny),
}

/// `w:drawing`: a picture or a text box.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum Drawing {
    Pic(Pic),
    TextBox(TextBox),
    #[serde(other)]
    Other,
}

/// A picture: its relationship id and size in EMU.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Pic {
    pub id: String,
    pub size: (u64, u64),
}

/// A text box's content.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TextBox {
    pub children: Vec<BodyChild>,
}

/// A VML shape (`w:pict`): an image when it has image data.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Shape {
    pub image_data: Option<ImageData>,
}

/// `v:imagedata`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImageData {
    pub id: String,
}

/// `w:tbl`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Table {
    pub rows: Vec<TableRow>,
}

/// A row, as docx-rs tags it.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum TableRow {
    TableRow(Row),
    #[serde(other)]
    Other,
}

/// `w:tr`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Row {
    pub cells: Vec<TableCell>,
}

/// A cell, as docx-rs tags it.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "camelCase")]
pub enum TableCell {
    TableCell(Cell),
    #[serde(other)]
    Other,
}

/// `w:tc`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Cell {
    pub children: Vec<BodyChild>,
    pub property: CellProps,
}

/// `w:tcPr`: the columns a cell spans, and whether it continues a vertical merge.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CellProps {
    pub grid_span: Option<usize>,
    pub vertical_merge: Option<String>,
}

/// `styles.xml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Styles {
    pub styles: Vec<Style>,
}

/// `w:style`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Style {
    pub style_id: String,
    pub name: String,
    pub style_type: String,
    pub based_on: Option<String>,
    pub paragraph_property: ParaProps,
    pub run_property: RunProps,
}

/// `numbering.xml`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Numberings {
    pub abstract_nums: Vec<AbstractNum>,
    pub numberings: Vec<Num>,
}

/// `w:abstractNum`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AbstractNum {
    pub id: usize,
    pub levels: Vec<Level>,
}

/// `w:lvl`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Level {
    pub level: usize,
    pub start: u64,
    pub format: String,
    pub text: String,
    pub paragraph_property: ParaProps,
}

/// `w:num`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Num {
    pub id: usize,
    pub abstract_num_id: usize,
    pub level_overrides: Vec<LevelOverride>,
}

/// `w:lvlOverride`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LevelOverride {
    pub level: usize,
    pub override_start: Option<u64>,
}
