//! Lines and paragraphs: indentation, character classes, and the two paragraph styles.
//!
//! Rules:
//! - Leading spaces, tabs and ideographic spaces (U+3000) are indentation: they are
//!   measured (to see paragraph starts) and dropped. Trailing whitespace is dropped.
//! - Chinese style: every non-blank line is a paragraph (the default).
//! - English style (hard-wrapped): chosen for the whole document when, among the full
//!   plain lines followed by a plain line, at least 60% do not end a sentence; the wrap
//!   width (widest such line, indentation included) is 40–160 columns; there are at
//!   least two such wrapped lines (or one that breaks between two Latin words); and the
//!   text has a blank line (or at least three wrapped lines). A line is full at half the wrap
//!   width, or 80% when it ends in a CJK character. Then a plain line continues the
//!   paragraph above when that line is full and the new line is not indented further (a
//!   deeper indent starts a paragraph).
//! - Joining wrapped lines: no space between two CJK characters, one space otherwise.
//!   Quotes, dashes and ellipses are looked through to the nearest character that decides.

use crate::script::{is_east_asian, is_hangul, is_shared_punctuation};

/// One source line with its indentation removed.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Width of the indentation removed, in columns (space 1, U+3000 2, tab 4).
    pub indent: usize,
    /// The text without indentation and trailing whitespace (empty for a blank line).
    pub text: &'a str,
}

impl Line<'_> {
    /// True for an empty or whitespace-only line.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Characters that count as indentation at the start of a line.
pub fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// Split normalised text (`\n` line ends) into lines.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .map(|raw| {
            let text = raw.trim_start_matches(is_indent);
            let indent = raw[..raw.len() - text.len()]
                .chars()
                .map(|c| match c {
                    '\t' => 4,
                    '\u{3000}' => 2,
                    _ => 1,
                })
                .sum();
            Line {
                indent,
                text: text.trim_end(),
            }
        })
        .collect()
}

/// A CJK character for line joining: East Asian text ([`is_east_asian`]: Han, kana, CJK
/// punctuation and symbols, full-width forms, …) except Hangul, whose words are separated
/// by spaces as in English.
fn is_cjk(c: char) -> bool {
    is_east_asian(c) && !is_hangul(c)
}

/// Display width in columns: East Asian characters (CJK and Hangul) are two columns wide,
/// other characters one.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if is_east_asian(c) { 2 } else { 1 })
        .sum()
}

/// Append the wrapped line `next` to `para`: no space between two CJK characters, one
/// space otherwise.
pub fn join(para: &mut String, next: &str) {
    let before = para.chars().rev().find(|&c| !is_shared_punctuation(c));
    let after = next.chars().find(|&c| !is_shared_punctuation(c));
    let tight = matches!((before, after), (Some(a), Some(b)) if is_cjk(a) && is_cjk(b));
    if !tight && !para.is_empty() {
        para.push(' ');
    }
    para.push_str(next);
}

/// True when `text` ends a sentence (or a clause that cannot run on: `；`, `：`), looking
/// through closing quotes and brackets.
pub fn ends_sentence(text: &str) -> bool {
    let last = text
        .chars()
        .rev()
        .find(|c| !matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'' | '》'));
    matches!(
        last,
        Some('。' | '！' | '？' | '；' | '：' | '.' | '!' | '?' | ';' | ':' | '…')
    )
}

/// Decide the paragraph style. `opens[i]` says whether line `i` may be continued on the
/// next line (plain text, a numbered line, a list item), `plain[i]` whether it is plain
/// text that may continue the line above. Returns the wrap width when the document is
/// hard-wrapped: most full lines followed by plain text do not end a sentence.
pub fn wrap_width(lines: &[Line], opens: &[bool], plain: &[bool]) -> Option<usize> {
    let pairs: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| opens[i] && plain[i + 1])
        .collect();
    let w = pairs.iter().map(|&i| line_width(&lines[i])).max()?;
    if !(40..=160).contains(&w) {
        return None;
    }
    // Short lines followed by text (`Thanks,` / `Bob`) say nothing about the style.
    let full: Vec<usize> = pairs
        .into_iter()
        .filter(|&i| is_full(&lines[i], w))
        .collect();
    let wrapped: Vec<usize> = full
        .iter()
        .copied()
        .filter(|&i| !ends_sentence(lines[i].text))
        .collect();
    let wrap_like = wrapped.len();
    // One wrapped line is enough evidence only between two Latin words: a single full
    // Chinese line followed by another may just be a long list entry.
    let latin_break = |i: usize| {
        let before = lines[i].text.chars().next_back();
        let after = lines[i + 1].text.chars().next();
        before.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c) || c == ',')
            && after.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c))
    };
    let has_blank = lines.iter().any(Line::is_blank);
    let evidence = wrap_like >= 2 || wrapped.iter().any(|&i| latin_break(i));
    let enough = evidence && (has_blank || wrap_like >= 3);
    (enough && wrap_like * 10 >= full.len() * 6).then_some(w)
}

/// The width of a line in columns, indentation included.
fn line_width(line: &Line) -> usize {
    line.indent + width(line.text)
}

/// In a hard-wrapped document, whether `line` is full enough to continue on the next
/// line: at least half the wrap width, or 80% when it ends in a CJK character (Chinese
/// wraps between any two characters, so a wrapped Chinese line is nearly full; a shorter
/// one ends its paragraph, e.g. one item of a list of names).
pub fn is_full(line: &Line, wrap: usize) -> bool {
    let w = line_width(line);
    let cjk_end = line.text.chars().next_back().is_some_and(is_cjk);
    if cjk_end {
        w * 10 >= wrap * 8
    } else {
        w * 2 >= wrap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_is_counted_and_dropped() {
        let lines = split_lines("　　正文  \n\t x\n   \n");
        assert_eq!((lines[0].indent, lines[0].text), (4, "正文"));
        assert_eq!((lines[1].indent, lines[1].text), (5, "x"));
        assert!(lines[2].is_blank() && lines[3].is_blank());
    }

    #[test]
    fn joining_cjk_and_latin() {
        let cases = [
            ("各单位要加强", "领导", "各单位要加强领导"),
            ("加强“安全", "”意识", "加强“安全”意识"),
            ("the quick", "brown fox", "the quick brown fox"),
            ("使用", "Rust 语言", "使用 Rust 语言"),
            ("截至", "2023年", "截至 2023年"),
            ("要求：", "（一）", "要求：（一）"),
            // Korean separates words with spaces; enclosed numbers are Chinese text.
            ("안녕하세요", "세계", "안녕하세요 세계"),
            ("详见", "㈠", "详见㈠"),
        ];
        for (a, b, joined) in cases {
            let mut s = a.to_string();
            join(&mut s, b);
            assert_eq!(s, joined);
        }
    }

    #[test]
    fn widths() {
        assert_eq!(width("ab中文，"), 8);
    }

    #[test]
    fn english_wrapped_text_is_detected() {
        let text = "This is a paragraph of English text that has been\nhard-wrapped at about sixty columns by an editor, as\nplain text often is.\n\nA second paragraph follows after a blank line and it\nis wrapped the same way.\n";
        let lines = split_lines(text);
        let plain: Vec<bool> = lines.iter().map(|l| !l.is_blank()).collect();
        assert_eq!(wrap_width(&lines, &plain, &plain), Some(52));
    }

    #[test]
    fn one_paragraph_per_line_is_not_wrapped() {
        let text = "各单位要高度重视安全生产工作，切实加强组织领导，明确责任分工。\n各单位要认真开展隐患排查，建立问题清单，限期整改到位，确保安全。\n";
        let lines = split_lines(text);
        let plain: Vec<bool> = lines.iter().map(|l| !l.is_blank()).collect();
        assert_eq!(wrap_width(&lines, &plain, &plain), None);
        // Short lines without punctuation (a list of names) are not a wrapped paragraph.
        let lines = split_lines("张三\n李四\n王五\n赵六\n");
        let plain: Vec<bool> = lines.iter().map(|l| !l.is_blank()).collect();
        assert_eq!(wrap_width(&lines, &plain, &plain), None);
    }
}
