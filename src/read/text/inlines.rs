//! Inline rules: lead sentences, bold lead-ins, links.
//!
//! Rules:
//! - A lead sentence runs up to and including the first `。`, `：`, `！` or `？` (or `!`,
//!   `?`) that is outside quotes and brackets.
//! - Lead-ins `一是…二是…`, `一要…二要…`: a run of at least two, numbered from 一 without
//!   gaps, each at the start of a paragraph or after `。；：！？`. Each member's lead
//!   sentence (ending before the next member; `；` ends it when nothing else does) is
//!   Strong, unless it is longer than 60 characters.
//! - `http://`, `https://` URLs and e-mail addresses become links whose text is the
//!   address exactly as written (trailing `.,;:!?` and an unbalanced `)` are left out;
//!   a URL ends at the first character that is not printable ASCII, e.g. `下载`).

use super::patterns;
use crate::doc::Inline;
use std::ops::Range;

/// Byte offset just after the lead sentence of `text`, if it has one.
pub fn lead_end(text: &str) -> Option<usize> {
    terminator(text, &['。', '：', '！', '？', '!', '?'])
}

/// Byte offset just after the first of `terms` outside quotes and brackets.
fn terminator(text: &str, terms: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut ascii_quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '“' | '‘' | '「' | '『' | '（' | '(' | '《' | '【' | '[' => depth += 1,
            '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | ']' => {
                depth = depth.saturating_sub(1)
            }
            '"' => ascii_quote = !ascii_quote,
            _ if depth == 0 && !ascii_quote && terms.contains(&c) => return Some(i + c.len_utf8()),
            _ => {}
        }
    }
    None
}

/// Find lead-ins in a sequence of paragraph texts. Returns, per paragraph, the byte
/// ranges to set Strong.
pub fn lead_ins(paras: &[&str]) -> Vec<Vec<Range<usize>>> {
    // (paragraph, byte offset, number, verb)
    let mut found: Vec<(usize, usize, u32, char)> = vec![];
    for (p, text) in paras.iter().enumerate() {
        for (start, numeral, verb) in patterns::lead_in_markers(text) {
            let before = text[..start].chars().next_back();
            if !matches!(before, None | Some('。' | '；' | '：' | '！' | '？')) {
                continue;
            }
            let Some(n) = super::numerals::cn_number(numeral) else {
                continue;
            };
            found.push((p, start, n, verb));
        }
    }
    let mut out = vec![vec![]; paras.len()];
    for verb in ['是', '要'] {
        let marks: Vec<_> = found.iter().filter(|f| f.3 == verb).collect();
        let mut i = 0;
        while i < marks.len() {
            let mut j = i + 1;
            while j < marks.len() && marks[j].2 == marks[j - 1].2 + 1 {
                j += 1;
            }
            if marks[i].2 == 1 && j - i >= 2 {
                for k in i..j {
                    let (p, start, ..) = *marks[k];
                    let text = paras[p];
                    // The lead sentence may not run into the next member.
                    let limit = marks
                        .get(k + 1)
                        .filter(|m| m.0 == p)
                        .map_or(text.len(), |m| m.1);
                    let item = &text[start..limit];
                    let end = lead_end(item).or_else(|| terminator(item, &['；', ';']));
                    if let Some(end) = end {
                        if item[..end].chars().count() <= 60 {
                            out[p].push(start..start + end);
                        }
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
    for ranges in &mut out {
        // 是- and 要-runs in one paragraph may overlap: keep the earlier range.
        ranges.sort_by_key(|r| r.start);
        let mut end = 0;
        ranges.retain(|r| {
            let keep = r.start >= end;
            if keep {
                end = r.end;
            }
            keep
        });
    }
    out
}

/// Inlines for `text`: plain text with its URLs and e-mail addresses as links.
pub fn linkify(text: &str) -> Vec<Inline> {
    let mut out = vec![];
    let mut pos = 0;
    for found in patterns::links(text) {
        let mut link = &text[found.clone()];
        loop {
            let trimmed = link.trim_end_matches(['.', ',', ';', ':', '!', '?']);
            let unbalanced = trimmed.ends_with(')')
                && trimmed.matches(')').count() > trimmed.matches('(').count();
            let next = if unbalanced {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if next.len() == link.len() {
                break;
            }
            link = next;
        }
        let is_url = link.starts_with("http");
        if is_url && link.len() <= "https://".len() {
            continue;
        }
        if found.start > pos {
            out.push(Inline::text(&text[pos..found.start]));
        }
        let url = if is_url {
            link.to_string()
        } else {
            format!("mailto:{link}")
        };
        out.push(Inline::Link {
            url,
            title: String::new(),
            content: vec![Inline::text(link)],
        });
        pos = found.start + link.len();
    }
    if pos < text.len() || out.is_empty() && !text.is_empty() {
        out.push(Inline::text(&text[pos..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_sentence_skips_quotes_and_brackets() {
        let s = "坚持“两个确立。”（见附件：一）的要求。各单位要……";
        assert_eq!(
            &s[..lead_end(s).unwrap()],
            "坚持“两个确立。”（见附件：一）的要求。"
        );
        assert_eq!(lead_end("检查时间"), None);
        assert_eq!(lead_end("工作目标：到2025年"), Some("工作目标：".len()));
    }

    #[test]
    fn lead_ins_at_paragraph_starts() {
        let paras = [
            "一要抓住重点。具体内容。",
            "二要“讲”好故事！后文。",
            "三要落实。",
        ];
        let ranges = lead_ins(&paras);
        let strong: Vec<&str> = (0..3).map(|p| &paras[p][ranges[p][0].clone()]).collect();
        assert_eq!(strong, ["一要抓住重点。", "二要“讲”好故事！", "三要落实。"]);
        assert!(ranges.iter().all(|r| r.len() == 1 && r[0].start == 0));
    }

    #[test]
    fn lead_ins_inside_a_paragraph() {
        let p = "主要措施有：一是加强领导；二是压实责任。三是严格考核。";
        let r = lead_ins(&[p]);
        let strong: Vec<&str> = r[0].iter().map(|r| &p[r.clone()]).collect();
        assert_eq!(
            strong,
            ["一是加强领导；", "二是压实责任。", "三是严格考核。"]
        );
    }

    #[test]
    fn a_single_lead_in_is_not_bold() {
        assert!(lead_ins(&["一要抓住重点。", "其他内容。"])[0].is_empty());
        // Not at a sentence start: 统一要求 is not a lead-in.
        assert!(lead_ins(&["统一要求。二要落实。"])[0].is_empty());
    }

    #[test]
    fn links_keep_their_text() {
        let inl = linkify("详见https://example.gov.cn/a?b=1。联系：office@example.com.");
        assert_eq!(
            inl,
            [
                Inline::text("详见"),
                Inline::Link {
                    url: "https://example.gov.cn/a?b=1".into(),
                    title: String::new(),
                    content: vec![Inline::text("https://example.gov.cn/a?b=1")]
                },
                Inline::text("。联系："),
                Inline::Link {
                    url: "mailto:office@example.com".into(),
                    title: String::new(),
                    content: vec![Inline::text("office@example.com")]
                },
                Inline::text("."),
            ]
        );
        let inl = linkify("(see http://a.org/x_(y)) and http://b.org).");
        let text = crate::doc::inlines_text(&inl);
        assert_eq!(text, "(see http://a.org/x_(y)) and http://b.org).");
        assert!(matches!(&inl[1], Inline::Link { url, .. } if url == "http://a.org/x_(y)"));
        assert!(matches!(&inl[3], Inline::Link { url, .. } if url == "http://b.org"));
    }
}
