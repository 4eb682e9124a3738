//! What a paragraph or character style means for the tree.
//!
//! A style is known by its id or its name (Word's built-in names, their Chinese names such
//! as `标题 1`, pandoc's and cjkdoc's own style names), else by the style it is based on
//! (up to ten steps), else by its outline level. Names are compared in lower case with
//! spaces removed.

use super::model::{ParaProps, RunProps, Style, Styles};
use crate::doc::ParagraphRole;
use std::collections::HashMap;

/// What a paragraph style makes of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A body paragraph.
    Normal,
    /// The document title (`meta.title`).
    Title,
    /// The subtitle.
    Subtitle,
    /// The authors line of a title block.
    Author,
    /// The date line of a title block.
    Date,
    /// A heading of this level (1–6; deeper outline levels are 6).
    Heading(u8),
    /// A code block line.
    Code,
    /// LibreOffice's `Preformatted Text`: code, unless (nearly) every paragraph has it —
    /// then the document is a plain-text file LibreOffice opened.
    Preformatted,
    /// A block quote paragraph.
    Quote,
    /// A paragraph with a role of an official document.
    Role(ParagraphRole),
    /// A figure's caption.
    Caption,
    /// A footnote's or endnote's text.
    NoteText,
    /// cjkdoc's horizontal rule paragraph.
    Rule,
    /// An entry or the heading of a table of contents (made again by the writers).
    Contents,
    /// A table's header cell (cjkdoc's, pandoc's): a body paragraph that marks the row.
    TableHeading,
}

/// What a character style makes of its runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CharClass {
    /// Inline code.
    pub code: bool,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// The lead of a run-in heading of this level.
    pub run_in: Option<u8>,
}

/// A paragraph style, resolved.
#[derive(Debug, Clone)]
pub struct ParaStyle {
    /// What it is.
    pub class: Class,
    /// Its numbering (a heading style with automatic numbers), from it or its bases.
    pub num: Option<(usize, usize)>,
    /// Its left indent in twips, from it or its bases.
    pub indent: Option<i32>,
}

/// The document's styles.
#[derive(Debug, Default)]
pub struct StyleMap {
    para: HashMap<String, ParaStyle>,
    chars: HashMap<String, CharClass>,
    /// The default paragraph style's id (`w:default="1"`; `Normal` when unknown).
    pub default_para: Option<String>,
}

/// A style name or id for comparison: lower case, spaces, hyphens and underscores out.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The class a style's own name or id gives it, if any.
fn named_class(name: &str) -> Option<Class> {
    let k = key(name);
    let heading = |k: &str| -> Option<u8> {
        let digits = k
            .strip_prefix("heading")
            .or_else(|| k.strip_prefix("标题"))?;
        let n: u8 = digits.parse().ok()?;
        (1..=9).contains(&n).then_some(n.min(6))
    };
    if let Some(n) = heading(&k) {
        return Some(Class::Heading(n));
    }
    if k.starts_with("toc") || k.starts_with("目录") || k == "contentsheading" {
        return Some(Class::Contents);
    }
    Some(match k.as_str() {
        "title" | "标题" => Class::Title,
        "subtitle" | "副标题" => Class::Subtitle,
        "author" => Class::Author,
        "date" => Class::Date,
        "sourcecode" | "htmlpreformatted" | "code" | "codeblock" | "macrotext" | "代码" => {
            Class::Code
        }
        "preformattedtext" => Class::Preformatted,
        "quote" | "quotation" | "quotations" | "blockquote" | "blocktext" | "intensequote"
        | "引用" | "明显引用" => Class::Quote,
        "salutation" => Class::Role(ParagraphRole::Addressee),
        "attachment" | "attachmentnote" => Class::Role(ParagraphRole::Attachment),
        "signature" => Class::Role(ParagraphRole::Signature),
        "signaturedate" => Class::Role(ParagraphRole::Date),
        "closing" => Class::Role(ParagraphRole::Closing),
        "caption" | "imagecaption" | "tablecaption" | "题注" => Class::Caption,
        "footnotetext" | "endnotetext" | "脚注文本" | "尾注文本" => Class::NoteText,
        "horizontalline" => Class::Rule,
        "tableheading" | "tableheader" => Class::TableHeading,
        _ => return None,
    })
}

/// The class a character style's name or id gives it.
fn named_char(name: &str) -> CharClass {
    let k = key(name);
    let run_in = k
        .strip_prefix("runinheading")
        .and_then(|d| d.parse::<u8>().ok())
        .filter(|n| (1..=6).contains(n));
    CharClass {
        code: matches!(
            k.as_str(),
            "verbatimchar"
                | "sourcecodechar"
                | "htmlcode"
                | "code"
                | "inlinecode"
                | "htmltypewriter"
        ),
        bold: matches!(k.as_str(), "strong" | "strongemphasis" | "要点"),
        italic: matches!(k.as_str(), "emphasis" | "强调"),
        run_in,
    }
}

impl StyleMap {
    /// Resolve every style of `styles`.
    pub fn new(styles: &Styles) -> StyleMap {
        let by_id: HashMap<&str, &Style> = styles
            .styles
            .iter()
            .map(|s| (s.style_id.as_str(), s))
            .collect();
        let mut map = StyleMap::default();
        for s in &styles.styles {
            // The chain: the style, then its bases (at most ten, no loops).
            let mut chain = vec![s];
            while let Some(base) = chain
                .last()
                .and_then(|c| c.based_on.as_deref())
                .and_then(|b| by_id.get(b))
            {
                if chain.len() >= 10 || chain.iter().any(|c| c.style_id == base.style_id) {
                    break;
                }
                chain.push(base);
            }
            match s.style_type.as_str() {
                "character" => {
                    let mut class = CharClass::default();
                    for c in chain.iter().rev() {
                        let named = named_char(&c.name);
                        let by_id = named_char(&c.style_id);
                        class.code |= named.code || by_id.code || mono(&c.run_property);
                        class.bold |= named.bold || by_id.bold;
                        class.italic |= named.italic || by_id.italic;
                        class.run_in = class.run_in.or(named.run_in).or(by_id.run_in);
                    }
                    map.chars.insert(s.style_id.clone(), class);
                }
                _ => {
                    let class = chain
                        .iter()
                        .find_map(|c| {
                            named_class(&c.style_id)
                                .or_else(|| named_class(&c.name))
                                .or_else(|| outline(&c.paragraph_property))
                        })
                        .unwrap_or(Class::Normal);
                    let num = chain.iter().find_map(|c| {
                        let n = c.paragraph_property.numbering_property?;
                        Some((n.id?, n.level.unwrap_or(0)))
                    });
                    let indent = chain
                        .iter()
                        .find_map(|c| c.paragraph_property.indent.and_then(|i| i.start));
                    map.para
                        .insert(s.style_id.clone(), ParaStyle { class, num, indent });
                }
            }
        }
        map
    }

    /// The paragraph style `id` (or the default style when `None`).
    pub fn para(&self, id: Option<&str>) -> Option<&ParaStyle> {
        let id = id.or(self.default_para.as_deref()).unwrap_or("Normal");
        self.para.get(id)
    }

    /// The character style `id`.
    pub fn chars(&self, id: &str) -> CharClass {
        self.chars
            .get(id)
            .copied()
            .unwrap_or_else(|| named_char(id))
    }
}

/// A heading class from an outline level (`w:outlineLvl` 0–8; 9 is body text).
pub fn outline(p: &ParaProps) -> Option<Class> {
    let lvl = p.outline_lvl?;
    (lvl < 9).then(|| Class::Heading((lvl as u8 + 1).min(6)))
}

/// Whether run properties name a monospaced font.
pub fn mono(r: &RunProps) -> bool {
    let Some(f) = &r.fonts else { return false };
    let Some(name) = f.ascii.as_deref() else {
        return false;
    };
    let k = key(name);
    [
        "courier",
        "consolas",
        "menlo",
        "monaco",
        "mono",
        "sourcecodepro",
        "lucidaconsole",
        "andalemono",
        "inconsolata",
        "firacode",
    ]
    .iter()
    .any(|m| k.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names_in_english_and_chinese() {
        assert_eq!(named_class("heading 1"), Some(Class::Heading(1)));
        assert_eq!(named_class("Heading3"), Some(Class::Heading(3)));
        assert_eq!(named_class("标题 2"), Some(Class::Heading(2)));
        assert_eq!(named_class("标题"), Some(Class::Title));
        assert_eq!(named_class("heading 9"), Some(Class::Heading(6)));
        assert_eq!(named_class("toc 1"), Some(Class::Contents));
        assert_eq!(named_class("Body Text"), None);
    }
}
