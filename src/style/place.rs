//! Where GB/T 9704 puts the closing parts of an official document, shared by the PDF and
//! the DOCX writers: the attachment note's items aligned under the first item's text, the
//! signature and the date under it placed against each other.

use super::Style;
use crate::doc::{inlines_text, Block, ParagraphRole};

/// Indents of one paragraph, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Added to the paragraph's left indent (every line).
    pub left: f32,
    /// First-line indent, relative to the left indent (negative: hanging).
    pub first: f32,
    /// Right indent.
    pub right: f32,
}

/// The place of paragraph `bs[i]` when it is an attachment note, a signature or a date
/// that the standard places; `None` for anything else (set by its role alone). `width`
/// gives the width of a text set as body text (the layout's `body_text_width`).
pub fn official_place(
    bs: &[Block],
    i: usize,
    style: &Style,
    width: &dyn Fn(&str) -> f32,
) -> Option<Place> {
    let text_of = |k: usize, role: ParagraphRole| match bs.get(k) {
        Some(Block::Paragraph(p)) if p.role == role => Some(inlines_text(&p.content)),
        _ => None,
    };
    let Some(Block::Paragraph(p)) = bs.get(i) else {
        return None;
    };
    let indent = style.body.first_line_indent * style.cell();
    match p.role {
        ParagraphRole::Attachment => {
            // The note's label `附件：`, from the first paragraph of the note.
            let first = (0..=i)
                .rev()
                .take_while(|&k| text_of(k, ParagraphRole::Attachment).is_some())
                .last()
                .unwrap_or(i);
            let note = text_of(first, ParagraphRole::Attachment)?;
            let hang = indent + width(attachment_label(&note)?);
            Some(Place {
                left: hang,
                first: if first == i { indent - hang } else { 0.0 },
                right: 0.0,
            })
        }
        ParagraphRole::Signature => {
            let date = text_of(i + 1, ParagraphRole::Date)?;
            let sig = inlines_text(&p.content);
            Some(Place {
                left: 0.0,
                first: 0.0,
                right: style.signature_indents(width(&sig), width(&date)).0,
            })
        }
        ParagraphRole::Date => {
            let sig = text_of(i.checked_sub(1)?, ParagraphRole::Signature)?;
            let date = inlines_text(&p.content);
            Some(Place {
                left: 0.0,
                first: 0.0,
                right: style.signature_indents(width(&sig), width(&date)).1,
            })
        }
        _ => None,
    }
}

/// `附件：` of an attachment note `附件：1.…` (the label up to and including its colon).
pub fn attachment_label(text: &str) -> Option<&str> {
    let t = text.trim_start_matches([' ', '\u{3000}']);
    if !t.starts_with('附') {
        return None;
    }
    let end = t.find(['：', ':'])?;
    let colon = t[end..].chars().next()?.len_utf8();
    (t[..end].chars().count() <= 4).then(|| &t[..end + colon])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Inline, Paragraph};

    /// Wide characters a cell, others half an em.
    fn estimate(s: &Style) -> impl Fn(&str) -> f32 + '_ {
        move |t: &str| {
            t.chars()
                .map(|c| {
                    if crate::script::is_wide(c) {
                        s.cell()
                    } else {
                        0.5 * s.body.size
                    }
                })
                .sum()
        }
    }

    fn para(role: ParagraphRole, text: &str) -> Block {
        Block::Paragraph(Paragraph {
            role,
            content: vec![Inline::text(text)],
        })
    }

    #[test]
    fn attachment_items_hang_under_the_first_items_text() {
        let s = crate::style::preset("gongwen").unwrap();
        let c = s.cell();
        let bs = [
            para(ParagraphRole::Attachment, "附件：1.甲"),
            para(ParagraphRole::Attachment, "2.乙"),
        ];
        let first = official_place(&bs, 0, &s, &estimate(&s)).unwrap();
        let second = official_place(&bs, 1, &s, &estimate(&s)).unwrap();
        // 2 characters in, then the 3 characters of 附件：.
        assert!((first.left - 5.0 * c).abs() < 1e-3);
        assert!((first.left + first.first - 2.0 * c).abs() < 1e-3);
        assert!((second.left - 5.0 * c).abs() < 1e-3 && second.first == 0.0);
        assert_eq!(attachment_label("附件:1.x"), Some("附件:"));
        assert_eq!(attachment_label("附录材料很多很多："), None);
    }

    #[test]
    fn signature_and_date_after_the_standard() {
        let s = crate::style::preset("gongwen").unwrap();
        let c = s.cell();
        // Issuer 8 characters, date 4 digits + 2 + 2 + 3 characters = 7 cells.
        let bs = [
            para(ParagraphRole::Signature, "市人民政府办公室"),
            para(ParagraphRole::Date, "2024年11月15日"),
        ];
        let sig = official_place(&bs, 0, &s, &estimate(&s)).unwrap().right;
        let date = official_place(&bs, 1, &s, &estimate(&s)).unwrap().right;
        let (sw, dw) = (8.0 * c, estimate(&s)("2024年11月15日"));
        assert!((sig - 2.0 * c).abs() < 1e-3);
        // The date starts two characters right of the issuer's start.
        let sig_start = s.measure() - sig - sw;
        let date_start = s.measure() - date - dw;
        assert!((date_start - sig_start - 2.0 * c).abs() < 1e-3);
        // A date longer than the issuer sits two characters in.
        let bs = [
            para(ParagraphRole::Signature, "某局"),
            para(ParagraphRole::Date, "二〇二四年十一月十五日"),
        ];
        assert!((official_place(&bs, 1, &s, &estimate(&s)).unwrap().right - 2.0 * c).abs() < 1e-3);
    }
}
