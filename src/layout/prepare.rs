//! Stage 2, prepare: the decisions made on the text before and right after shaping —
//! source line breaks inside a paragraph, and the space between Han and Latin text.

use super::flow::{InlineImage, Span, SpanKind};
use super::units::{Kind, Unit};
use crate::script::{is_ideographic, is_latin, soft_break_is_space};
use crate::style::Style;

/// Resolve source line breaks (`SoftBreak`, and `\n` inside text) by
/// [`soft_break_is_space`]: a break next to a wide character is nothing, elsewhere it is a
/// space (user pain 6: a newline between Chinese characters must not turn into a space);
/// an image in the line counts as [`InlineImage::CHAR`]. Tabs become spaces.
pub(crate) fn resolve_soft_breaks(spans: &[Span]) -> Vec<Span> {
    // Split text at '\n' so that embedded newlines behave like soft breaks.
    let mut split: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match &s.kind {
            SpanKind::Text(t) if t.contains(['\n', '\r', '\t']) => {
                let t = t.replace('\t', " ").replace('\r', "");
                for (k, piece) in t.split('\n').enumerate() {
                    if k > 0 {
                        split.push(Span {
                            kind: SpanKind::Soft,
                            ..s.clone()
                        });
                    }
                    if !piece.is_empty() {
                        split.push(Span {
                            kind: SpanKind::Text(piece.to_string()),
                            ..s.clone()
                        });
                    }
                }
            }
            _ => split.push(s.clone()),
        }
    }
    let last_char = |v: &[Span]| {
        v.iter().rev().find_map(|s| match &s.kind {
            SpanKind::Text(t) => t.chars().last(),
            SpanKind::Image(_) => Some(InlineImage::CHAR),
            _ => None,
        })
    };
    let mut out: Vec<Span> = Vec::with_capacity(split.len());
    for i in 0..split.len() {
        if split[i].kind != SpanKind::Soft {
            out.push(split[i].clone());
            continue;
        }
        let before = last_char(&out);
        let after = split[i + 1..].iter().find_map(|s| match &s.kind {
            SpanKind::Text(t) => t.chars().next(),
            SpanKind::Image(_) => Some(InlineImage::CHAR),
            SpanKind::Hard | SpanKind::Fill => Some('\n'),
            SpanKind::Soft => None,
        });
        if !soft_break_is_space(before, after) {
            continue;
        }
        out.push(Span {
            kind: SpanKind::Text(" ".into()),
            ..split[i].clone()
        });
    }
    out
}

/// Give each Latin unit that follows Han text (and each Han unit that follows Latin text)
/// a stretchable gap of `style.body.cjk_latin_gap` (clreq §3.2.2 "Spacing between Chinese
/// and Western characters"). The gap is layout, never a U+0020 in the text; it is not set
/// at a line start (see `line`) nor next to punctuation.
pub(crate) fn cjk_latin_spacing(mut units: Vec<Unit>, style: &Style) -> Vec<Unit> {
    // The previous unit's last character, carried over (one look at each unit's text).
    let mut last = units.first().and_then(|u| u.text.chars().next_back());
    for i in 1..units.len() {
        let (prev, cur) = (&units[i - 1], &units[i]);
        let text = cur.text.as_str();
        let (a, b) = (last, text.chars().next());
        last = text.chars().next_back();
        if prev.kind == Kind::Fill || cur.kind == Kind::Fill || cur.mark || prev.mark {
            continue;
        }
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if (is_ideographic(a) && is_latin(b)) || (is_latin(a) && is_ideographic(b)) {
            let size = prev.size.max(cur.size);
            units[i].gap_before = style.body.cjk_latin_gap * size;
        }
    }
    units
}
