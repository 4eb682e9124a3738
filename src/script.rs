//! Character classes and the text rules that depend on them, shared by every reader and
//! writer (one place, so that the PDF, DOCX, HTML and Markdown outputs and the readers
//! agree on what counts as Chinese).
//!
//! The ranges follow the Unicode Character Database:
//! - [`is_wide`]: East_Asian_Width W or F (UAX #11, `EastAsianWidth.txt`), restricted to
//!   the blocks that occur in CJK text (Hangul Jamo, CJK radicals and symbols, kana,
//!   Bopomofo, CJK ideographs and their extensions, Yi, Hangul syllables, compatibility
//!   ideographs, vertical and small forms, full-width forms).
//! - [`is_han`]: Script=Han ideographs (`Scripts.txt`) plus 〇 (U+3007, which UAX #14
//!   classes as ID like the ideographs).
//! - [`is_ideographic`]: Han and kana, the "Han characters" of clreq §3.2.2 that get a gap
//!   next to Latin text; UAX #14 classes them ID (or CJ for small kana).
//! - [`is_east_asian`]: the characters a word processor sets in the East Asian font slot
//!   (`w:eastAsia`): wide letters and CJK punctuation; the curly quotes and dashes shared
//!   with Latin text are ambiguous (UAX #11 A) and decided by their context instead.

use crate::doc::{Block, Document, Inline};

/// East_Asian_Width W or F (UAX #11): a character that takes a full em.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A Han ideograph (Script=Han: unified ideographs, extensions A–H, compatibility
/// ideographs) or 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Han or kana (and the iteration marks 々〆〇): the characters that get the Han–Latin gap
/// of clreq §3.2.2.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007 | 0x3041..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
}

/// Hangul: Jamo, compatibility Jamo, the Jamo extensions and the syllables. Korean
/// separates its words with spaces, as English does.
pub fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}')
}

/// A Latin letter or a digit (any alphanumeric that is not wide).
pub fn is_latin(c: char) -> bool {
    !is_wide(c) && c.is_alphanumeric()
}

/// A character set in the East Asian font slot: Hangul, CJK radicals, symbols and
/// punctuation, kana, Bopomofo, ideographs, Yi, compatibility and full-width forms.
pub fn is_east_asian(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FFF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x31FF
        | 0x3200..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Punctuation that Chinese and English text share (UAX #11 ambiguous): set in the East
/// Asian face, full width, when it stands in Chinese text.
pub fn is_shared_punctuation(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '–')
}

/// Whether a source line break (a soft break) between `before` and `after` is a space:
/// not next to a wide character (user pain 6: a newline between Chinese characters must
/// not become a space; CSS Text 3 §4.1.2) other than Hangul, not next to a space, and not
/// before a forced break (`'\n'`). `None` (the start or end of the paragraph) is never a
/// space.
pub fn soft_break_is_space(before: Option<char>, after: Option<char>) -> bool {
    let joins = |c: char| is_wide(c) && !is_hangul(c);
    match (before, after) {
        (Some(b), Some(a)) => {
            !(joins(b) || joins(a) || b == ' ' || a == ' ' || a == '\n' || b == '\n')
        }
        _ => false,
    }
}

/// The language every writer uses for `doc`: its `meta.lang`, else `zh-CN` when the text
/// holds a Han character, else `en`.
pub fn document_lang(doc: &Document) -> String {
    if let Some(l) = doc.meta.lang.as_deref().filter(|l| !l.trim().is_empty()) {
        return l.to_string();
    }
    let title_han = doc
        .meta
        .title
        .as_deref()
        .is_some_and(|t| t.chars().any(is_han));
    if title_han || doc.blocks.iter().any(block_has_han) {
        "zh-CN".into()
    } else {
        "en".into()
    }
}

fn block_has_han(b: &Block) -> bool {
    let inl = |v: &[Inline]| crate::doc::inlines_text(v).chars().any(is_han);
    match b {
        Block::Heading(h) => {
            h.label.as_deref().is_some_and(|l| l.chars().any(is_han)) || inl(&h.content)
        }
        Block::Paragraph(p) => inl(&p.content),
        _ => crate::doc::block_text(b).chars().any(is_han),
    }
}

/// Expand tabs to stops every 4 columns, a wide character counting as 2 columns (how code
/// is set in every output).
pub fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            out.push(c);
            col += if is_wide(c) { 2 } else { 1 };
        }
    }
    out
}

/// True for a primary language subtag of Chinese, Japanese or Korean.
pub fn is_cjk_lang(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    ["zh", "ja", "ko"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(primary))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_wide('党') && is_wide('，') && is_wide('　') && !is_wide('a'));
        assert!(is_han('党') && is_han('〇') && !is_han('，') && !is_han('あ'));
        assert!(is_ideographic('あ') && is_ideographic('党') && !is_ideographic('，'));
        assert!(is_east_asian('，') && is_east_asian('党') && !is_east_asian('“'));
        assert!(is_latin('a') && is_latin('9') && !is_latin('党') && !is_latin(','));
    }

    #[test]
    fn soft_breaks() {
        assert!(!soft_break_is_space(Some('党'), Some('的')));
        assert!(!soft_break_is_space(Some('a'), Some('的')));
        assert!(soft_break_is_space(Some('a'), Some('b')));
        assert!(!soft_break_is_space(Some('a'), Some(' ')));
        assert!(!soft_break_is_space(None, Some('b')));
        assert!(soft_break_is_space(Some('다'), Some('한')));
    }

    #[test]
    fn language() {
        let mut d = Document::default();
        assert_eq!(document_lang(&d), "en");
        d.blocks
            .push(Block::Paragraph(crate::doc::Paragraph::body(vec![
                Inline::text("中文"),
            ])));
        assert_eq!(document_lang(&d), "zh-CN");
        d.meta.lang = Some("zh-TW".into());
        assert_eq!(document_lang(&d), "zh-TW");
        assert!(is_cjk_lang("ja-JP") && !is_cjk_lang("en"));
    }
}
