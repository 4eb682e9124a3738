//! Plain-text reader: bytes in any common Chinese or Western encoding → a structured
//! document. The rules are documented in `docs/text-reader.md`.
//!
//! Pipeline:
//! 1. `encoding`: BOM, UTF-8, UTF-16, GB18030 and other encodings; binary input and bad
//!    bytes are errors; line ends normalised.
//! 2. `meta.lang` guessed: `zh-CN` when Han characters dominate (each counts as two Latin
//!    letters), `en` when there are letters, none for an empty text.
//! 3. Without structure (`--no-structure`): one body paragraph per non-blank line,
//!    indentation dropped, text otherwise unchanged.
//! 4. With structure: `paragraphs` chooses the paragraph style (one per line, or
//!    hard-wrapped); `structure` finds the title, roles, headings and lists;
//!    `inlines` sets lead-ins Strong and finds links.
//!
//! Invariant (tested by a property test): the title plus the text of all blocks equals the
//! input text with its whitespace removed, except that list markers (`- `, `1. `) are
//! carried by the lists instead of the text.

use super::encoding;
mod inlines;
mod numerals;
mod paragraphs;
mod patterns;
mod structure;

// The rules, shared with the DOCX reader (drafts go through them paragraph by paragraph).
pub(crate) use inlines::linkify;
pub(crate) use paragraphs::{is_indent, Line};
pub(crate) use structure::{read as read_structure, read_paragraphs, Source};

use super::{ReadError, ReadOptions};
use crate::doc::{Block, Document, Inline, Meta, Paragraph};
use crate::Diagnostics;

/// Read plain text.
pub fn read(
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Document, ReadError> {
    let text = encoding::decode(input, options, diag)?;
    let lang = guess_lang(&text);
    let (title, blocks) = if options.structure {
        structure::read(&text, lang == Some("zh-CN"))
    } else {
        (None, plain(&text))
    };
    Ok(Document {
        meta: Meta {
            title,
            lang: lang.map(str::to_owned),
            ..Meta::default()
        },
        blocks,
        ..Default::default()
    })
}

/// One body paragraph per non-blank line, indentation dropped.
fn plain(text: &str) -> Vec<Block> {
    paragraphs::split_lines(text)
        .into_iter()
        .filter(|line| !line.is_blank())
        .map(|line| Block::Paragraph(Paragraph::body(vec![Inline::text(line.text)])))
        .collect()
}

/// `zh-CN` when Han characters dominate, `en` when other letters do, `None` without
/// letters. A Han character carries about as much as two Latin letters, so it counts
/// twice.
pub(crate) fn guess_lang(text: &str) -> Option<&'static str> {
    let (mut han, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if crate::script::is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    match (han, other) {
        (0, 0) => None,
        _ if han * 2 >= other => Some("zh-CN"),
        _ => Some("en"),
    }
}

#[cfg(test)]
mod tests;
