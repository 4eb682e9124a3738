//! The OPC package: content types, relationships, document properties, settings, the
//! main document with its section, and the zip itself — entries in a fixed order,
//! deflated, with a fixed timestamp, so the same document always gives the same bytes.

use super::fonts::{font_table_rels, Embedded};
use super::media::Media;
use super::model::{write_items, BodyItem};
use super::props::twips;
use super::xml::{Xml, NS_DRAWING, NS_R, NS_W};
use super::zip::{zip, TooLarge};
use super::Rel;
use crate::doc::{Document, MetaValue};
use crate::style::Style;

const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OD: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Everything the package is made of.
pub(crate) struct Parts<'a> {
    pub doc: &'a Document,
    pub style: &'a Style,
    pub lang: &'a str,
    pub east_asia: &'a str,
    pub lang_tag: &'a str,
    pub body: &'a [BodyItem],
    pub footnotes: &'a str,
    pub footer: &'a str,
    /// The even pages' footer, when odd and even pages differ.
    pub even_footer: Option<&'a str>,
    pub numbering: Option<&'a str>,
    pub styles: &'a str,
    pub font_table: &'a str,
    pub embedded: &'a [Embedded],
    pub doc_rels: &'a [Rel],
    pub note_rels: &'a [Rel],
    pub media: &'a Media,
    pub embed_fonts: bool,
}

impl Parts<'_> {
    /// The zipped package.
    pub fn zip(&self) -> Result<Vec<u8>, TooLarge> {
        let mut parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), self.content_types().into()),
            ("_rels/.rels".into(), root_rels().into()),
            ("docProps/core.xml".into(), self.core().into()),
            ("docProps/app.xml".into(), app().into()),
            ("word/document.xml".into(), self.document().into()),
            (
                "word/_rels/document.xml.rels".into(),
                self.document_rels().into(),
            ),
            ("word/styles.xml".into(), self.styles.into()),
        ];
        if let Some(n) = self.numbering {
            parts.push(("word/numbering.xml".into(), n.into()));
        }
        parts.push(("word/settings.xml".into(), self.settings().into()));
        parts.push(("word/fontTable.xml".into(), self.font_table.into()));
        parts.push(("word/footnotes.xml".into(), self.footnotes.into()));
        parts.push(("word/footer1.xml".into(), self.footer.into()));
        if let Some(even) = self.even_footer {
            parts.push(("word/footer2.xml".into(), even.into()));
        }
        if !self.note_rels.is_empty() {
            parts.push((
                "word/_rels/footnotes.xml.rels".into(),
                rels_xml(&[], self.note_rels).into(),
            ));
        }
        if !self.embedded.is_empty() {
            parts.push((
                "word/_rels/fontTable.xml.rels".into(),
                rels_xml(&[], &font_table_rels(self.embedded)).into(),
            ));
        }
        for m in &self.media.items {
            for (part, bytes) in m.parts() {
                parts.push((format!("word/{part}"), bytes.to_vec()));
            }
        }
        for e in self.embedded {
            parts.push((format!("word/{}", e.part), e.data.clone()));
        }
        zip(&parts)
    }

    fn content_types(&self) -> String {
        let mut x = Xml::new();
        x.open("Types").attr(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        );
        let mut default = |ext: &str, ct: &str| {
            x.empty("Default", &[("Extension", ext), ("ContentType", ct)]);
        };
        default(
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        );
        default("xml", "application/xml");
        if self.media.has(".png") {
            default("png", "image/png");
        }
        if self.media.has(".jpeg") {
            default("jpeg", "image/jpeg");
        }
        if self.media.items.iter().any(|m| m.svg_part.is_some()) {
            default("svg", "image/svg+xml");
        }
        if !self.embedded.is_empty() {
            default(
                "odttf",
                "application/vnd.openxmlformats-officedocument.obfuscatedFont",
            );
        }
        let mut parts = vec![
            ("/word/document.xml", "document.main+xml"),
            ("/word/styles.xml", "styles+xml"),
        ];
        if self.numbering.is_some() {
            parts.push(("/word/numbering.xml", "numbering+xml"));
        }
        parts.extend([
            ("/word/settings.xml", "settings+xml"),
            ("/word/fontTable.xml", "fontTable+xml"),
            ("/word/footnotes.xml", "footnotes+xml"),
            ("/word/footer1.xml", "footer+xml"),
        ]);
        if self.even_footer.is_some() {
            parts.push(("/word/footer2.xml", "footer+xml"));
        }
        for (part, kind) in parts {
            x.open("Override")
                .attr("PartName", part)
                .attr("ContentType", format!("{WML}.{kind}"))
                .close();
        }
        x.empty(
            "Override",
            &[
                ("PartName", "/docProps/core.xml"),
                (
                    "ContentType",
                    "application/vnd.openxmlformats-package.core-properties+xml",
                ),
            ],
        );
        x.empty(
            "Override",
            &[
                ("PartName", "/docProps/app.xml"),
                (
                    "ContentType",
                    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                ),
            ],
        );
        x.close();
        x.finish()
    }

    fn document_rels(&self) -> String {
        let mut fixed = vec![("rIdStyles", "styles", "styles.xml")];
        if self.numbering.is_some() {
            fixed.push(("rIdNumbering", "numbering", "numbering.xml"));
        }
        fixed.extend([
            ("rIdSettings", "settings", "settings.xml"),
            ("rIdFontTable", "fontTable", "fontTable.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"),
            ("rIdFooter1", "footer", "footer1.xml"),
        ]);
        if self.even_footer.is_some() {
            fixed.push(("rIdFooter2", "footer", "footer2.xml"));
        }
        rels_xml(&fixed, self.doc_rels)
    }

    /// `word/document.xml`: the body and its one section (page size, margins, footer).
    fn document(&self) -> String {
        let s = self.style;
        let mut x = Xml::new();
        x.open("w:document")
            .attr("xmlns:w", NS_W)
            .attr("xmlns:r", NS_R);
        for (k, v) in NS_DRAWING {
            x.attr(k, v);
        }
        x.open("w:body");
        write_items(&mut x, self.body);
        let (pw, ph) = s.page.paper.size_pt();
        let m = s.page.margins;
        // The footer's baseline where the PDF puts the page number: `page_number_gap`
        // below the text block.
        let footer = (m.bottom - s.page_numbers.gap - 0.25 * s.page_numbers.size).max(0.0);
        x.open("w:sectPr");
        if self.even_footer.is_some() {
            x.empty(
                "w:footerReference",
                &[("w:type", "even"), ("r:id", "rIdFooter2")],
            );
        }
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", "rIdFooter1")],
        );
        x.open("w:pgSz")
            .attr("w:w", twips(pw))
            .attr("w:h", twips(ph))
            .close();
        x.open("w:pgMar")
            .attr("w:top", twips(m.top))
            .attr("w:right", twips(m.right))
            .attr("w:bottom", twips(m.bottom))
            .attr("w:left", twips(m.left))
            .attr("w:header", twips(m.top / 2.0))
            .attr("w:footer", twips(footer))
            .attr("w:gutter", 0)
            .close();
        x.empty("w:cols", &[("w:space", "425")]);
        x.open("w:docGrid");
        match s.char_pitch() {
            // Word's character pitch is the default size plus charSpace/4096 pt.
            Some(pitch) => x
                .attr("w:type", "linesAndChars")
                .attr("w:linePitch", twips(s.line_pitch()))
                .attr(
                    "w:charSpace",
                    ((pitch - s.body.size) * 4096.0).round() as i32,
                ),
            None if s.page.lines_per_page > 0 => x
                .attr("w:type", "lines")
                .attr("w:linePitch", twips(s.line_pitch())),
            None => x.attr("w:linePitch", twips(s.line_pitch())),
        }
        .close();
        x.close();
        x.close();
        x.close();
        x.finish()
    }

    /// `docProps/core.xml` from the metadata (no dates: the output must be reproducible).
    fn core(&self) -> String {
        let meta = &self.doc.meta;
        let mut x = Xml::new();
        x.open("cp:coreProperties")
            .attr(
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            )
            .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
            .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
            .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
            .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
        let mut el = |tag: &'static str, v: &str| {
            if !v.is_empty() {
                x.text_element(tag, v);
            }
        };
        el("dc:title", &join_lines(meta.title.as_deref().unwrap_or("")));
        let subject = match meta.extra.get("subject") {
            Some(MetaValue::String(s)) => s.clone(),
            _ => meta.subtitle.clone().unwrap_or_default(),
        };
        el("dc:subject", &subject);
        el("dc:creator", &meta.authors.join("; "));
        el("cp:keywords", &meta.keywords.join(", "));
        el("dc:language", self.lang_tag);
        x.close();
        x.finish()
    }

    /// `word/settings.xml`.
    fn settings(&self) -> String {
        let mut x = Xml::new();
        x.open("w:settings")
            .attr("xmlns:w", NS_W)
            .attr("xmlns:r", NS_R);
        x.empty("w:zoom", &[("w:percent", "100")]);
        if self.embed_fonts {
            x.empty("w:embedTrueTypeFonts", &[]);
            x.empty("w:saveSubsetFonts", &[]);
        }
        x.open("w:defaultTabStop")
            .attr("w:val", twips(2.0 * self.style.body.size))
            .close();
        if self.style.body.hyphenate {
            // Word hyphenates the text with its own dictionaries (the run's language), and,
            // like the PDF, leaves words in capitals alone. Schema order: right after
            // `defaultTabStop` (CT_Settings).
            x.empty("w:autoHyphenation", &[]);
            x.empty("w:doNotHyphenateCaps", &[]);
        }
        if self.even_footer.is_some() {
            x.empty("w:evenAndOddHeaders", &[]);
        }
        x.empty(
            "w:characterSpacingControl",
            &[("w:val", "compressPunctuation")],
        );
        x.open("w:footnotePr");
        x.empty("w:footnote", &[("w:id", "-1")]);
        x.empty("w:footnote", &[("w:id", "0")]);
        x.close();
        x.open("w:compat");
        x.empty("w:doNotExpandShiftReturn", &[]);
        x.empty(
            "w:compatSetting",
            &[
                ("w:name", "compatibilityMode"),
                ("w:uri", "http://schemas.microsoft.com/office/word"),
                ("w:val", "15"),
            ],
        );
        x.close();
        x.empty(
            "w:themeFontLang",
            &[("w:val", self.lang), ("w:eastAsia", self.east_asia)],
        );
        x.empty("w:decimalSymbol", &[("w:val", ".")]);
        x.empty("w:listSeparator", &[("w:val", ",")]);
        x.close();
        x.finish()
    }
}

/// A title's lines joined as one: nothing between Chinese characters, a space elsewhere.
fn join_lines(title: &str) -> String {
    let mut out = String::new();
    for (k, line) in title.split('\n').enumerate() {
        let line = line.trim();
        if k > 0 && crate::script::soft_break_is_space(out.chars().last(), line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `_rels/.rels`.
fn root_rels() -> String {
    rels_xml(
        &[],
        &[
            Rel {
                id: "rId1".into(),
                kind: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                target: "word/document.xml".into(),
                external: false,
            },
            Rel {
                id: "rId2".into(),
                kind: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                target: "docProps/core.xml".into(),
                external: false,
            },
            Rel {
                id: "rId3".into(),
                kind: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
                target: "docProps/app.xml".into(),
                external: false,
            },
        ],
    )
}

/// A relationships part from fixed `(id, type, target)` triples and collected ones.
fn rels_xml(fixed: &[(&str, &str, &str)], rels: &[Rel]) -> String {
    let mut x = Xml::new();
    x.open("Relationships").attr("xmlns", NS_PKG_REL);
    for (id, kind, target) in fixed {
        x.open("Relationship")
            .attr("Id", id)
            .attr("Type", format!("{OD}/{kind}"))
            .attr("Target", target)
            .close();
    }
    for r in rels {
        x.open("Relationship")
            .attr("Id", &r.id)
            .attr("Type", r.kind)
            .attr("Target", &r.target);
        if r.external {
            x.attr("TargetMode", "External");
        }
        x.close();
    }
    x.close();
    x.finish()
}

/// `docProps/app.xml`.
fn app() -> String {
    let mut x = Xml::new();
    x.open("Properties")
        .attr(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )
        .attr(
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        );
    x.text_element(
        "Application",
        &format!("cjkdoc {}", env!("CARGO_PKG_VERSION")),
    );
    x.text_element("DocSecurity", "0");
    x.close();
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::join_lines;

    #[test]
    fn title_lines_join_without_a_space_between_han() {
        assert_eq!(
            join_lines("关于开展安全生产\n大检查的通知"),
            "关于开展安全生产大检查的通知"
        );
        assert_eq!(join_lines("A Report\non Things"), "A Report on Things");
    }
}
