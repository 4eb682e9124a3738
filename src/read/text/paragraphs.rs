//! Lines and paragraphs: indentation, character classes, and the two paragraph styles.
//!
//! Rules:
//! - Leading spaces, tabs and ideographic spaces (U+3000) are indentation: they are
//!   counted (to see paragraph starts) and dropped. Trailing whitespace is dropped.
//! - Chinese style: every non-blank line is a paragraph (the default).
//! - English style (hard-wrapped): chosen for the whole document when most pairs of
//!   adjacent plain lines look like a wrapped line followed by its continuation (the first
//!   line is at least half the wrap width and does not end a sentence), the wrap width is
//!   40–160 columns, and the text has a blank line (or at least three such pairs). Then a
//!   plain line continues the paragraph above when that line was at least half the wrap
//!   width and the new line is not indented further (a deeper indent starts a paragraph).
//! - Joining wrapped lines: no space between two CJK characters, one space otherwise.
//!   Quotes, dashes and ellipses are looked through to the nearest character that decides.

/// One source line with its indentation removed.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Number of indentation characters removed.
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
            let indent = raw[..raw.len() - text.len()].chars().count();
            Line {
                indent,
                text: text.trim_end(),
            }
        })
        .collect()
}

/// A Han character (CJK unified ideographs, extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A CJK character for line joining: Han, kana, CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}'
            | '\u{31C0}'..='\u{31EF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Punctuation shared by Chinese and English text: it does not decide whether a line
/// break is a space, its neighbour does.
fn is_neutral(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '–')
}

/// Display width in columns: CJK and Hangul are two columns wide, other characters one.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if is_cjk(c) || ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Append the wrapped line `next` to `para`: no space between two CJK characters, one
/// space otherwise.
pub fn join(para: &mut String, next: &str) {
    let before = para.chars().rev().find(|&c| !is_neutral(c));
    let after = next.chars().find(|&c| !is_neutral(c));
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

/// Decide the paragraph style. `plain[i]` says whether line `i` is ordinary text that may
/// join its neighbours. Returns the wrap width when the document is hard-wrapped.
pub fn wrap_width(lines: &[Line], plain: &[bool]) -> Option<usize> {
    let pairs: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| plain[i] && plain[i + 1])
        .collect();
    let w = pairs.iter().map(|&i| width(lines[i].text)).max()?;
    if !(40..=160).contains(&w) {
        return None;
    }
    let wrap_like = pairs
        .iter()
        .filter(|&&i| width(lines[i].text) * 2 >= w && !ends_sentence(lines[i].text))
        .count();
    let has_blank = lines.iter().any(Line::is_blank);
    (wrap_like * 10 >= pairs.len() * 6 && (has_blank || pairs.len() >= 3)).then_some(w)
}

/// In a hard-wrapped document, whether line `prev` is full enough to continue on the next.
pub fn is_full(prev: &str, wrap: usize) -> bool {
    width(prev) * 2 >= wrap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_is_counted_and_dropped() {
        let lines = split_lines("　　正文  \n\t x\n   \n");
        assert_eq!((lines[0].indent, lines[0].text), (2, "正文"));
        assert_eq!((lines[1].indent, lines[1].text), (2, "x"));
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
        assert_eq!(wrap_width(&lines, &plain), Some(52));
    }

    #[test]
    fn one_paragraph_per_line_is_not_wrapped() {
        let text = "各单位要高度重视安全生产工作，切实加强组织领导，明确责任分工。\n各单位要认真开展隐患排查，建立问题清单，限期整改到位，确保安全。\n";
        let lines = split_lines(text);
        let plain: Vec<bool> = lines.iter().map(|l| !l.is_blank()).collect();
        assert_eq!(wrap_width(&lines, &plain), None);
        // Short lines without punctuation (a list of names) are not a wrapped paragraph.
        let lines = split_lines("张三\n李四\n王五\n赵六\n");
        let plain: Vec<bool> = lines.iter().map(|l| !l.is_blank()).collect();
        assert_eq!(wrap_width(&lines, &plain), None);
    }
}
