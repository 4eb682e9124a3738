//! Helpers shared by several writers (after pandoc's `Writers/Shared`).

/// Escape text for an XML text node or attribute value; characters XML 1.0 forbids
/// (C0 controls other than tab/newline/CR) are dropped.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `doc` with its headings numbered when the style asks for it (`heading.numbered`):
/// every heading without a label of its own gets `1 `, `1.1 `, … counted from the
/// document's top heading level (headings inside quotes and lists are left alone).
pub(crate) fn numbered_headings<'d>(
    doc: &'d crate::doc::Document,
    style: &crate::style::Style,
) -> std::borrow::Cow<'d, crate::doc::Document> {
    use crate::doc::Block;
    if !style.heading.numbered {
        return std::borrow::Cow::Borrowed(doc);
    }
    let Some(top) = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.label.is_none() => Some(h.level),
            _ => None,
        })
        .min()
    else {
        return std::borrow::Cow::Borrowed(doc);
    };
    let mut out = doc.clone();
    let mut counters = [0u32; 6];
    for b in &mut out.blocks {
        let Block::Heading(h) = b else { continue };
        if h.label.is_some() || h.level < top {
            continue;
        }
        let depth = usize::from(h.level - top).min(5);
        counters[depth] += 1;
        counters[depth + 1..].iter_mut().for_each(|c| *c = 0);
        let parts: Vec<String> = counters[..=depth]
            .iter()
            .map(|c| c.max(&1).to_string())
            .collect();
        h.label = Some(format!("{} ", parts.join(".")));
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Block, Document, Heading, Inline};

    #[test]
    fn headings_are_numbered_from_the_top_level_on_request() {
        let h = |level, label: Option<&str>| {
            Block::Heading(Heading {
                level,
                label: label.map(str::to_string),
                content: vec![Inline::text("x")],
                run_in: false,
            })
        };
        let doc = Document {
            blocks: vec![
                h(2, None),
                h(3, None),
                h(3, None),
                h(2, Some("附录")),
                h(2, None),
                h(4, None),
            ],
            ..Document::default()
        };
        let mut style = crate::style::Style::default();
        assert!(matches!(
            numbered_headings(&doc, &style),
            std::borrow::Cow::Borrowed(_)
        ));
        style.heading.numbered = true;
        let labels: Vec<Option<String>> = numbered_headings(&doc, &style)
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => h.label.clone(),
                _ => None,
            })
            .collect();
        let want = ["1 ", "1.1 ", "1.2 ", "附录", "2 ", "2.1.1 "];
        assert_eq!(labels, want.map(|s| Some(s.to_string())));
    }
}
