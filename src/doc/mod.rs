//! The intermediate document tree: the only thing readers and writers share.
//!
//! Every reader (`crate::read`) produces a [`Document`]; every writer (`crate::write`)
//! consumes one. The tree knows nothing of files, encodings or output formats. It is
//! serde-serialisable: `cjkdoc convert X --to json` dumps it, and the JSON reader loads it
//! back unchanged.
//!
//! Design notes (after pandoc's AST):
//! - Few, general variants. Unknown material is kept as [`Block::Raw`] / [`Inline::Raw`]
//!   with its format name rather than dropped.
//! - Text is kept exactly as written in the source (no inserted spaces between Chinese and
//!   Latin text: spacing is a layout concern).
//! - A heading's numbering label (`一、`, `（二）`, `1.2`) is kept apart from its text so
//!   that writers can style it, but [`Heading::text`] gives them back together.

pub mod check;
pub mod media;
pub mod nesting;
pub mod notes;
mod walk;

pub use notes::Notes;
pub use walk::{block_text, inlines_text};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole document: metadata plus a sequence of blocks.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Document {
    /// Title, authors, language, …
    #[serde(default)]
    pub meta: Meta,
    /// The body, in reading order.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Files the document carries with it, by the URL its images use (`media/image1.png`):
    /// the pictures of a DOCX. Writers take an image from here before looking for a file.
    /// In JSON, each file is a base64 string.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        with = "media_base64"
    )]
    pub media: BTreeMap<String, Vec<u8>>,
}

/// `Document::media` in JSON: name → base64.
mod media_base64 {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        media: &BTreeMap<String, Vec<u8>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let encoded: BTreeMap<&str, String> = media
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str(),
                    base64::engine::general_purpose::STANDARD.encode(v),
                )
            })
            .collect();
        encoded.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Vec<u8>>, D::Error> {
        let encoded = BTreeMap::<String, String>::deserialize(d)?;
        encoded
            .into_iter()
            .map(|(k, v)| {
                base64::engine::general_purpose::STANDARD
                    .decode(v.as_bytes())
                    .map(|bytes| (k.clone(), bytes))
                    .map_err(|e| serde::de::Error::custom(format!("media {k}: {e}")))
            })
            .collect()
    }
}

/// Document metadata, from Markdown front matter or inferred by the text reader.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Meta {
    /// The document title (plain text; a multi-line title keeps its `\n`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A subtitle, set below the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Authors, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The date as written (no parsing: `2023年11月20日` stays as it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// BCP 47 language tag such as `zh-CN` or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Keywords, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Any other front-matter fields, kept so that a Markdown round trip preserves them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, MetaValue>,
}

impl Meta {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Meta::default()
    }
}

/// A free-form metadata value (the YAML data model, minus tags and anchors).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(untagged)]
pub enum MetaValue {
    /// `~` / `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    String(String),
    /// A sequence.
    List(Vec<MetaValue>),
    /// A mapping with string keys, sorted.
    Map(BTreeMap<String, MetaValue>),
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A section heading.
    Heading(Heading),
    /// A paragraph of running text.
    Paragraph(Paragraph),
    /// A bullet or ordered list.
    List(List),
    /// A block quote holding further blocks.
    BlockQuote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
    /// Preformatted code.
    CodeBlock(CodeBlock),
    /// A table.
    Table(Table),
    /// A horizontal rule between sections.
    ThematicBreak,
    /// A forced page break.
    PageBreak,
    /// A figure: a block-level image with an optional caption.
    Figure(Figure),
    /// The text of a footnote, referenced by [`Inline::FootnoteRef`] with the same label.
    FootnoteDef(FootnoteDef),
    /// Material in another format (e.g. an HTML block), kept verbatim.
    Raw(Raw),
}

/// A heading of level 1 (top) to 6.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Heading {
    /// 1 = top level, up to 6.
    pub level: u8,
    /// The numbering label exactly as written in the source (`一、`, `（二）`, `1.2 `), if the
    /// reader recognised one. The label is not repeated in `content`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The heading text after the label.
    pub content: Vec<Inline>,
    /// True when the heading runs into the following paragraph (`（一）提高认识。各单位要…`):
    /// the next block is that paragraph's body, to be set on the same line.
    #[serde(default, skip_serializing_if = "is_false")]
    pub run_in: bool,
}

impl Heading {
    /// The label followed by the content, as plain text.
    pub fn text(&self) -> String {
        let mut s = self.label.clone().unwrap_or_default();
        s.push_str(&inlines_text(&self.content));
        s
    }
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Paragraph {
    /// What the paragraph is for; writers align and indent by it.
    #[serde(default, skip_serializing_if = "ParagraphRole::is_body")]
    pub role: ParagraphRole,
    /// The text.
    pub content: Vec<Inline>,
}

impl Paragraph {
    /// A body paragraph.
    pub fn body(content: Vec<Inline>) -> Self {
        Paragraph {
            role: ParagraphRole::Body,
            content,
        }
    }
}

/// The function of a paragraph in a document (see `gongwen.md`: the parts of an official
/// document). Writers choose alignment and indentation from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    /// Ordinary running text: justified, first line indented.
    #[default]
    Body,
    /// 主送机关: the addressee line (`各区县人民政府：`), flush left.
    Addressee,
    /// 附件说明: the attachment note (`附件：1. …`) and its items.
    Attachment,
    /// 落款: the issuer's name at the end, right-aligned.
    Signature,
    /// 成文日期: the date line, right-aligned.
    Date,
    /// A closing phrase such as `特此通知。` or `此致`.
    Closing,
}

impl ParagraphRole {
    /// True for [`ParagraphRole::Body`].
    pub fn is_body(&self) -> bool {
        *self == ParagraphRole::Body
    }
}

/// A list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct List {
    /// Bullet or ordered (with its start number).
    pub kind: ListKind,
    /// Tight lists have no blank lines between items (paragraphs are set without spacing).
    pub tight: bool,
    /// The items.
    pub items: Vec<ListItem>,
}

/// Bullet or ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Unordered.
    Bullet,
    /// Numbered, starting at `start`.
    Ordered {
        /// The first item's number.
        start: u64,
    },
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ListItem {
    /// `Some(checked)` for a task-list item (`- [ ]` / `- [x]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct CodeBlock {
    /// The info string after the opening fence (its first word is the language), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<String>,
    /// The code, each line ending in `\n`.
    pub text: String,
}

impl CodeBlock {
    /// The language: the first word of the info string.
    pub fn lang(&self) -> Option<&str> {
        self.info
            .as_deref()
            .and_then(|i| i.split_whitespace().next())
    }
}

/// A table: a header row and body rows of cells holding inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Table {
    /// One alignment per column.
    pub aligns: Vec<Align>,
    /// The header row.
    pub header: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell.
pub type Cell = Vec<Inline>;

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Not specified (writers use their default, normally left).
    #[default]
    None,
    /// Left.
    Left,
    /// Centre.
    Center,
    /// Right.
    Right,
}

/// A block-level image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Figure {
    /// The image.
    pub image: Image,
    /// A caption, if any (writers may fall back to the alt text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Inline>,
}

/// An image reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Image {
    /// Where the image is: a path relative to the input document, or a URL.
    pub url: String,
    /// The title attribute, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The alternative text.
    pub alt: Vec<Inline>,
    /// The size the source gives it (HTML `width`/`height`, a DOCX picture's extent);
    /// unset sides follow the image's proportions, and with neither the image has its
    /// own size (its pixels at 96 dpi).
    #[serde(default, skip_serializing_if = "ImageSize::is_auto")]
    pub size: ImageSize,
}

/// The size given to an image: each side a length or unset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ImageSize {
    /// The width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Length>,
    /// The height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<Length>,
}

impl ImageSize {
    /// Neither side given.
    pub fn is_auto(&self) -> bool {
        self.width.is_none() && self.height.is_none()
    }
}

/// A length given in a document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "snake_case")]
pub enum Length {
    /// CSS pixels (1/96 inch; HTML's unit).
    Px(f32),
    /// Points (1/72 inch).
    Pt(f32),
    /// A percentage of the column's width.
    Percent(f32),
}

impl Length {
    /// The length in points, percentages taken of `of` points.
    pub fn points(self, of: f32) -> f32 {
        match self {
            Length::Px(v) => v * 0.75,
            Length::Pt(v) => v,
            Length::Percent(v) => v / 100.0 * of,
        }
    }
}

/// A footnote's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FootnoteDef {
    /// The label that references use (`[^label]`).
    pub label: String,
    /// The footnote's content.
    pub blocks: Vec<Block>,
}

/// Material in a format the tree does not model, kept verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Raw {
    /// The format, e.g. `html`.
    pub format: String,
    /// The text, exactly as in the source.
    pub text: String,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text, exactly as written.
    Text {
        /// The characters.
        text: String,
    },
    /// Emphasis (italic in Latin text).
    Emphasis {
        /// The emphasised content.
        content: Vec<Inline>,
    },
    /// Strong emphasis (bold).
    Strong {
        /// The emphasised content.
        content: Vec<Inline>,
    },
    /// Struck-out text.
    Strikethrough {
        /// The struck content.
        content: Vec<Inline>,
    },
    /// Inline code.
    Code {
        /// The code text.
        text: String,
    },
    /// A hyperlink.
    Link {
        /// The target.
        url: String,
        /// The title attribute (empty when none).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        title: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An inline image.
    Image(Image),
    /// A line break in the source that is not a paragraph break (usually rendered as a
    /// space between Latin words, and as nothing between Chinese characters).
    SoftBreak,
    /// A forced line break.
    HardBreak,
    /// A reference to the footnote with this label.
    FootnoteRef {
        /// The footnote's label.
        label: String,
    },
    /// Inline material in another format (e.g. an HTML tag), kept verbatim.
    Raw(Raw),
}

impl Inline {
    /// A text inline.
    pub fn text(s: impl Into<String>) -> Self {
        Inline::Text { text: s.into() }
    }

    /// Strong emphasis around a single text run.
    pub fn strong_text(s: impl Into<String>) -> Self {
        Inline::Strong {
            content: vec![Inline::text(s)],
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut meta = Meta {
            title: Some("关于开展检查的通知".into()),
            lang: Some("zh-CN".into()),
            authors: vec!["办公室".into()],
            ..Meta::default()
        };
        meta.extra.insert(
            "version".into(),
            MetaValue::List(vec![MetaValue::Int(1), MetaValue::String("二".into())]),
        );
        Document {
            meta,
            blocks: vec![
                Block::Heading(Heading {
                    level: 1,
                    label: Some("一、".into()),
                    content: vec![Inline::text("提高认识。")],
                    run_in: true,
                }),
                Block::Paragraph(Paragraph::body(vec![
                    Inline::text("各单位要以*格局"),
                    Inline::strong_text("保障"),
                    Inline::SoftBreak,
                    Inline::FootnoteRef { label: "1".into() },
                ])),
                Block::Paragraph(Paragraph {
                    role: ParagraphRole::Date,
                    content: vec![Inline::text("2023年11月20日")],
                }),
                Block::List(List {
                    kind: ListKind::Ordered { start: 3 },
                    tight: true,
                    items: vec![ListItem {
                        task: Some(true),
                        blocks: vec![Block::ThematicBreak],
                    }],
                }),
                Block::Table(Table {
                    aligns: vec![Align::Left, Align::None],
                    header: vec![vec![Inline::text("a")], vec![]],
                    rows: vec![vec![vec![Inline::Code { text: "x".into() }], vec![]]],
                }),
                Block::Raw(Raw {
                    format: "html".into(),
                    text: "<div>\n".into(),
                }),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn json_round_trip_is_lossless() {
        let doc = sample();
        let json = serde_json::to_string_pretty(&doc).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(doc, back);
        assert!(json.contains("\"type\": \"heading\""), "{json}");
        assert!(json.contains("\"role\": \"date\""), "{json}");
    }

    #[test]
    fn heading_text_joins_label_and_content() {
        let Block::Heading(h) = &sample().blocks[0] else {
            panic!()
        };
        assert_eq!(h.text(), "一、提高认识。");
    }
}
