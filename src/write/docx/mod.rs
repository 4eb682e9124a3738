//! DOCX writer: a WordprocessingML package that a Chinese office worker can hand on as is.
//!
//! Supported (checklist):
//! - Meta → Title / Subtitle / Author / Date paragraphs; core properties (title, author,
//!   subject, keywords, language); `w:lang w:eastAsia` from `meta.lang` (default `zh-CN`).
//! - Styles, not direct formatting (`styles.rs`): Normal (justified, 2-character first-line
//!   indent as `w:firstLineChars="200"`, widow control), Title, Subtitle, Heading 1–6 (outline
//!   levels, keep-with-next), role styles (Salutation, Attachment Note,
//!   Signature, Signature Date, Closing), List Paragraph, Quote, Source Code / Verbatim Char,
//!   Figure, caption, footnote text / reference, Hyperlink, footer, Compact / Table Heading,
//!   Table Grid, Horizontal Line. Fonts per script (`w:ascii`/`w:hAnsi` Latin, `w:eastAsia`
//!   CJK), no theme fonts.
//! - Run-in headings: the heading is its own `heading N` paragraph whose mark is hidden
//!   with `w:specVanish` (Word's style separator), so Word shows heading and body on one
//!   line and the navigation pane lists the heading; body size, indent and justification
//!   are direct formatting, so pandoc reads a plain heading (see `blocks.rs`).
//! - Lists through `numbering.xml` (nested, start numbers, ☐/☑ task items), quotes, code,
//!   tables (repeating header row, column alignment, borders from the table style),
//!   hyperlinks, PNG/JPEG images scaled to the text width (a missing image becomes its alt
//!   text, with a warning), real footnotes, thematic and page breaks, raw `openxml`.
//! - Page size and margins from [`Style`](crate::style::Style); a footer with a PAGE field
//!   (`— 1 —`, centred).
//! - Embedded fonts (`embed.rs`): a subset of each bundled face the document uses,
//!   obfuscated per ECMA-376 §17.8, unless `WriteOptions::embed_fonts` is false.
//! - Deterministic: fixed part order, ids and zip timestamps; entries deflated.
//!
//! What docx-rs 0.4.22 builds and what this module writes itself:
//! - docx-rs builds `word/document.xml`: the title block, the top-level headings, body
//!   paragraphs and their roles, run-in heading pairs, code blocks, rules, page breaks,
//!   figures, block quotes of these and tight lists (paragraphs with `w:numPr`); their
//!   runs (bold, italic, strike, size, run styles, `w:hint`, tabs, breaks), external and
//!   internal hyperlinks, inline images and footnote references; the section's page size
//!   and margins. It also builds `word/numbering.xml` (bullet, number and task-box
//!   definitions; docx-rs always adds its own abstractNum 1 / num 1, so ours start at 2)
//!   and `word/footer1.xml` (the PAGE field).
//! - `post.rs` takes these parts out of docx-rs's zip and patches them: drops the
//!   thread-counter `w14:paraId`s; renumbers hyperlink relationships, drawing ids and
//!   footnote ids (process-global counters in docx-rs) in document order; adds alt text;
//!   puts `w:pPr`/`w:rPr`/`w:numPr`/`w:sectPr` children in schema order (docx-rs writes
//!   them out of order); adds `w:firstLineChars`; and splices in the blocks below. The
//!   package is then re-deflated with fixed timestamps (`package::zip`).
//! - Written here (`blocks.rs`), through placeholder paragraphs: blocks holding what
//!   docx-rs cannot write — emphasis dots in Chinese text (`w:em`: no such element in
//!   docx-rs), link titles (no `w:tooltip`), raw XML, loose lists (no
//!   `w:contextualSpacing`), tables (no `w:tblHeader` for the repeating header row, no
//!   `w:tblLook`, and its `w:tblPr` always carries direct `w:tblBorders` and `w:jc` that
//!   override the Table Grid style, written before `w:tblStyle`) — and, not yet ported,
//!   the TOC field. Footnote bodies too: docx-rs
//!   footnotes hold only paragraphs and never write the `w:footnoteRef` number mark.
//! - Written here, every other part: styles (docx-rs 0.4.22's XML builder has no
//!   `w:lang`, `w:kern`, `w:contextualSpacing`, `w:rightChars` or `w:tblStylePr` at all
//!   and never writes `w:firstLineChars`, so the style sheet would be mostly patches),
//!   settings, the font table with embedded fonts (no support in docx-rs), core and app
//!   properties (docx-rs's core properties have only date setters), content types and
//!   relationships. docx-rs's own copies of these parts are dropped.

mod blocks;
mod embed;
mod package;
mod post;
mod props;
mod styles;
mod xml;

use super::{WriteError, WriteOptions};
use crate::doc::Document;
use crate::fonts::Weight;
use crate::Diagnostics;
use styles::Look;

/// Write `doc` as a .docx package.
pub fn write(
    doc: &Document,
    opts: &WriteOptions,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let style = &opts.style;
    let look = Look::new(style);
    let defs = styles::definitions(&look);
    let lang_tag = doc.meta.lang.clone().unwrap_or_else(|| "zh-CN".to_string());
    let (lang, east_asia) = languages(&lang_tag);

    let (page_w, page_h) = style.paper.size_pt();
    let m = style.margins;
    let text_width = page_w - m.left - m.right;

    let mut body = blocks::Body::new(&look, &defs, diag, text_width, opts.base_dir.as_deref());
    let pieces = body.document(doc, opts.toc);
    let tw = |pt: f32| (pt * 20.0).round() as i32;
    let page = post::Page {
        width: tw(page_w).max(0) as u32,
        height: tw(page_h).max(0) as u32,
        top: tw(m.top),
        right: tw(m.right),
        bottom: tw(m.bottom),
        left: tw(m.left),
        footer: (tw(m.bottom) / 2).max(0),
    };
    let ind = look.body_ind();
    let first_line = (
        ind.first_line.unwrap_or(0),
        ind.first_line_chars.unwrap_or(0),
    );
    let rs = post::build(
        pieces,
        &page,
        styles::id::FOOTER,
        styles::numbering(&look, &body.nums),
        post::Fixes {
            first_line,
            rels: &mut body.doc_rels,
            pics: &body.rs_pics,
            notes: &body.rs_notes,
        },
    )
    .map_err(WriteError::Failed)?;

    // The footer's "— 1 —" and list labels ("（1）", bullets) are set in the body face
    // (bold too, for numbered items in bold paragraphs); keep their glyphs in the subsets.
    body.use_chars(look.body, Weight::Regular, "—（）•◦▪");
    if !body.nums.is_empty() {
        body.use_chars(look.body, Weight::Bold, "（）•◦▪");
    }
    let usage = std::mem::take(&mut body.usage);
    let embedded = if opts.embed_fonts {
        embed::embed(&usage).map_err(|e| WriteError::Failed(e.to_string()))?
    } else {
        Vec::new()
    };
    let families = [styles::SERIF, styles::SANS, styles::MONO];

    let has = |ext: &str| body.media.iter().any(|m| m.part.ends_with(ext));
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "[Content_Types].xml".into(),
            package::content_types(has(".png"), has(".jpeg"), !embedded.is_empty()).into_bytes(),
        ),
        ("_rels/.rels".into(), package::root_rels().into_bytes()),
        (
            "docProps/core.xml".into(),
            package::core(&doc.meta, &lang_tag).into_bytes(),
        ),
        ("docProps/app.xml".into(), package::app().into_bytes()),
        ("word/document.xml".into(), rs.document.into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            package::part_rels(
                &[
                    ("rIdStyles", "styles", "styles.xml"),
                    ("rIdNumbering", "numbering", "numbering.xml"),
                    ("rIdSettings", "settings", "settings.xml"),
                    ("rIdFontTable", "fontTable", "fontTable.xml"),
                    ("rIdFootnotes", "footnotes", "footnotes.xml"),
                    ("rIdFooter1", "footer", "footer1.xml"),
                ],
                &body.doc_rels,
            )
            .into_bytes(),
        ),
        (
            "word/styles.xml".into(),
            styles::styles_xml(&defs, &look, &lang, &east_asia).into_bytes(),
        ),
        ("word/numbering.xml".into(), rs.numbering.into_bytes()),
        (
            "word/settings.xml".into(),
            package::settings(opts.embed_fonts, &lang, &east_asia, opts.toc).into_bytes(),
        ),
        (
            "word/fontTable.xml".into(),
            embed::font_table_xml(&families, &embedded).into_bytes(),
        ),
        (
            "word/footnotes.xml".into(),
            package::footnotes(xml::BODY_NS, &body.footnotes).into_bytes(),
        ),
        ("word/footer1.xml".into(), rs.footer.into_bytes()),
    ];
    if !body.note_rels.is_empty() {
        parts.push((
            "word/_rels/footnotes.xml.rels".into(),
            package::part_rels(&[], &body.note_rels).into_bytes(),
        ));
    }
    if !embedded.is_empty() {
        parts.push((
            "word/_rels/fontTable.xml.rels".into(),
            embed::font_table_rels(&embedded).into_bytes(),
        ));
    }
    for media in std::mem::take(&mut body.media) {
        parts.push((format!("word/{}", media.part), media.data));
    }
    for e in embedded {
        parts.push((format!("word/{}", e.part), e.data));
    }
    package::zip(&parts).map_err(|e| WriteError::Failed(format!("cannot write DOCX: {e}")))
}

/// `(w:val, w:eastAsia)` for a BCP 47 tag: the East Asian language is the tag itself for
/// Chinese, Japanese and Korean, else zh-CN; the Latin language is the tag itself unless it
/// is East Asian (then en-US).
fn languages(tag: &str) -> (String, String) {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "zh" | "ja" | "ko" => {
            let ea = if tag.contains('-') {
                tag.to_string()
            } else {
                match primary.as_str() {
                    "zh" => "zh-CN".into(),
                    "ja" => "ja-JP".into(),
                    _ => "ko-KR".into(),
                }
            };
            ("en-US".into(), ea)
        }
        "" => ("en-US".into(), "zh-CN".into()),
        _ => (tag.to_string(), "zh-CN".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::languages;

    #[test]
    fn latin_and_east_asian_languages_from_the_tag() {
        let l = |t: &str| {
            let (a, b) = languages(t);
            format!("{a} {b}")
        };
        assert_eq!(l("zh-CN"), "en-US zh-CN");
        assert_eq!(l("zh"), "en-US zh-CN");
        assert_eq!(l("zh-TW"), "en-US zh-TW");
        assert_eq!(l("en"), "en zh-CN");
        assert_eq!(l("ja"), "en-US ja-JP");
        assert_eq!(l(""), "en-US zh-CN");
    }
}
