//! Emphasis next to Chinese punctuation.
//!
//! CommonMark's flanking rules (spec §6.2) cannot close `**…。**` when a letter follows,
//! nor open `**“…**` after a letter: a delimiter run between punctuation on the inside and
//! a letter (every Han character counts as one) on the outside is not a delimiter. Chinese
//! lead-ins are exactly that shape: `**一要抓住“悟”的精髓。**党的二十大…`. Instead of
//! leaving such emphasis literal (or falling back to raw HTML), the writer moves the
//! punctuation at the blocked edge just outside the emphasis — `**一要抓住“悟”的精髓**。党…`
//! — which keeps every character in order and looks the same on the page (a bold and a
//! regular `。` are nearly indistinguishable). Only runs that could not be written
//! otherwise are changed.

use crate::doc::Inline;

/// True for the characters CommonMark treats as punctuation (Unicode P and S categories;
/// approximated by ASCII punctuation and the punctuation and symbol blocks).
pub fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{2190}'..='\u{23FF}' | '\u{25A0}'..='\u{27BF}'
            | '\u{2E00}'..='\u{2E7F}' | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3020}'
            | '\u{3030}' | '\u{303D}' | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6B}'
            | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}

/// A character on the outside of a delimiter run that blocks it when the inside is
/// punctuation: anything but whitespace and punctuation.
fn blocks(c: Option<char>) -> bool {
    matches!(c, Some(c) if !c.is_whitespace() && !is_punctuation(c))
}

/// The first character the Markdown for `inlines` will start with (delimiters included).
fn first_char(inlines: &[Inline]) -> Option<char> {
    match inlines.first()? {
        Inline::Text { text } => text.chars().next(),
        Inline::Code { .. } => Some('`'),
        Inline::Emphasis { .. } | Inline::Strong { .. } => Some('*'),
        Inline::Strikethrough { .. } => Some('~'),
        Inline::Link { .. } => Some('['),
        Inline::Image(_) => Some('!'),
        Inline::SoftBreak | Inline::HardBreak => Some('\n'),
        Inline::FootnoteRef { .. } => Some('['),
        Inline::Raw(_) => Some('<'),
    }
}

/// The last character the Markdown for `inlines` will end with (delimiters included).
fn last_char(inlines: &[Inline]) -> Option<char> {
    match inlines.last()? {
        Inline::Text { text } => text.chars().next_back(),
        Inline::Code { .. } => Some('`'),
        Inline::Emphasis { .. } | Inline::Strong { .. } => Some('*'),
        Inline::Strikethrough { .. } => Some('~'),
        Inline::Link { .. } | Inline::Image(_) | Inline::FootnoteRef { .. } => Some(')'),
        Inline::SoftBreak | Inline::HardBreak => Some('\n'),
        Inline::Raw(_) => Some('>'),
    }
}

/// Split the punctuation at the end (`at_end`) or start of a text-ended inline run.
fn split_punctuation(content: &mut [Inline], at_end: bool) -> Option<String> {
    let idx = if at_end {
        content.len().checked_sub(1)?
    } else {
        0
    };
    let Some(Inline::Text { text }) = content.get_mut(idx) else {
        return None;
    };
    // At least one character stays inside (emphasis of nothing is not emphasis).
    if at_end {
        let keep = text.trim_end_matches(is_punctuation).len();
        (keep > 0).then(|| text.split_off(keep))
    } else {
        let rest = text.trim_start_matches(is_punctuation);
        let n = text.len() - rest.len();
        (n > 0 && !rest.is_empty()).then(|| {
            let tail = text.split_off(n);
            std::mem::replace(text, tail)
        })
    }
}

/// Rewrite `inlines` so that no emphasis or strong run has punctuation at an
/// edge where a letter outside would block its delimiter. Recurses into containers.
pub fn pull_edge_punctuation(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for (i, inline) in inlines.iter().enumerate() {
        let wrap = |content: Vec<Inline>| match inline {
            Inline::Emphasis { .. } => Inline::Emphasis { content },
            _ => Inline::Strong { content },
        };
        match inline {
            // Strikethrough is left alone: pulldown-cmark's `~~` does not follow the
            // flanking rules strictly, so it needs no help.
            Inline::Emphasis { content } | Inline::Strong { content } => {
                let mut content = pull_edge_punctuation(content);
                let before = last_char(&out);
                let after = first_char(&inlines[i + 1..]);
                let mut lead = None;
                if blocks(before) && first_char(&content).is_some_and(is_punctuation) {
                    lead = split_punctuation(&mut content, false);
                }
                let mut trail = None;
                if blocks(after) && last_char(&content).is_some_and(is_punctuation) {
                    trail = split_punctuation(&mut content, true);
                }
                if let Some(lead) = lead {
                    out.push(Inline::text(lead));
                }
                out.push(wrap(content));
                if let Some(trail) = trail {
                    out.push(Inline::text(trail));
                }
            }
            Inline::Strikethrough { content } => out.push(Inline::Strikethrough {
                content: pull_edge_punctuation(content),
            }),
            Inline::Link {
                url,
                title,
                content,
            } => out.push(Inline::Link {
                url: url.clone(),
                title: title.clone(),
                content: pull_edge_punctuation(content),
            }),
            other => out.push(other.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_full_stop_leaves_a_lead_in_followed_by_han() {
        let got = pull_edge_punctuation(&[
            Inline::strong_text("一要抓住“悟”的精髓。"),
            Inline::text("党的二十大"),
        ]);
        assert_eq!(
            got,
            [
                Inline::strong_text("一要抓住“悟”的精髓"),
                Inline::text("。"),
                Inline::text("党的二十大"),
            ]
        );
    }

    #[test]
    fn leading_quote_after_han_and_untouched_cases() {
        let got = pull_edge_punctuation(&[
            Inline::text("要"),
            Inline::strong_text("“四个意识”"),
            Inline::text("。"),
        ]);
        assert_eq!(
            got,
            [
                Inline::text("要"),
                Inline::text("“"),
                Inline::strong_text("四个意识”"),
                Inline::text("。"),
            ]
        );
        // Followed by punctuation or at the end: nothing to do.
        let fine = [Inline::strong_text("重点。"), Inline::text("，然后")];
        assert_eq!(pull_edge_punctuation(&fine), fine);
        let alone = [Inline::strong_text("。")];
        assert_eq!(
            pull_edge_punctuation(&[alone[0].clone(), Inline::text("字")]),
            [alone[0].clone(), Inline::text("字")]
        );
    }
}
