//! The OPC package: content types, relationships, document properties, settings, footer,
//! and the zip itself — entries in a fixed order, deflated, with a fixed timestamp, so the
//! same document always gives the same bytes.

use super::blocks::Rel;
use super::xml::{esc, DECL, W_NS};
use crate::doc::Meta;
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OD: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `[Content_Types].xml`.
pub(crate) fn content_types(has_png: bool, has_jpeg: bool, has_fonts: bool) -> String {
    let mut s = String::from(DECL);
    s.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    if has_png {
        s.push_str("<Default Extension=\"png\" ContentType=\"image/png\"/>");
    }
    if has_jpeg {
        s.push_str("<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>");
    }
    if has_fonts {
        s.push_str("<Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>");
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/numbering.xml", "numbering+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footnotes.xml", "footnotes+xml"),
        ("/word/footer1.xml", "footer+xml"),
    ] {
        let _ = write!(
            s,
            "<Override PartName=\"{part}\" ContentType=\"{wml}.{kind}\"/>"
        );
    }
    s.push_str(
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>",
    );
    s
}

/// `_rels/.rels`.
pub(crate) fn root_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"{REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{OD}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{OD}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

/// A part's relationships file from its fixed relationships and the collected ones.
pub(crate) fn part_rels(fixed: &[(&str, &str, &str)], rels: &[Rel]) -> String {
    let mut s = format!("{DECL}<Relationships xmlns=\"{REL_NS}\">");
    for (id, kind, target) in fixed {
        let _ = write!(
            s,
            "<Relationship Id=\"{id}\" Type=\"{OD}/{kind}\" Target=\"{target}\"/>"
        );
    }
    for r in rels {
        let mode = if r.external {
            " TargetMode=\"External\""
        } else {
            ""
        };
        let _ = write!(
            s,
            "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{mode}/>",
            r.id,
            r.kind,
            esc(&r.target)
        );
    }
    s.push_str("</Relationships>");
    s
}

/// `docProps/core.xml` from the metadata (no dates: the output must be reproducible).
pub(crate) fn core(meta: &Meta, lang: &str) -> String {
    let mut s = String::from(DECL);
    s.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    );
    let mut el = |tag: &str, v: &str| {
        if !v.is_empty() {
            let _ = write!(s, "<{tag}>{}</{tag}>", esc(v));
        }
    };
    el(
        "dc:title",
        &meta.title.as_deref().unwrap_or("").replace('\n', " "),
    );
    let subject = match meta.extra.get("subject") {
        Some(crate::doc::MetaValue::String(s)) => s.clone(),
        _ => meta.subtitle.clone().unwrap_or_default(),
    };
    el("dc:subject", &subject);
    el("dc:creator", &meta.authors.join("; "));
    el("cp:keywords", &meta.keywords.join(", "));
    el("dc:language", lang);
    s.push_str("</cp:coreProperties>");
    s
}

/// `docProps/app.xml`.
pub(crate) fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>cjkdoc {}</Application><DocSecurity>0</DocSecurity></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// `word/settings.xml`.
pub(crate) fn settings(embed: bool, lang: &str, east_asia: &str, toc: bool) -> String {
    let mut s = format!("{DECL}<w:settings {W_NS}><w:zoom w:percent=\"100\"/>");
    if embed {
        s.push_str("<w:embedTrueTypeFonts/><w:saveSubsetFonts/>");
    }
    s.push_str(
        "<w:defaultTabStop w:val=\"420\"/>\
         <w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    );
    // Schema order: updateFields comes after characterSpacingControl.
    if toc {
        s.push_str("<w:updateFields w:val=\"true\"/>");
    }
    s.push_str(
        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>\
         <w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    );
    let _ = write!(
        s,
        "<w:themeFontLang w:val=\"{}\" w:eastAsia=\"{}\"/>\
         <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>",
        esc(lang),
        esc(east_asia)
    );
    s
}

/// `word/footnotes.xml` with the two separators Word requires.
pub(crate) fn footnotes(ns: &str, notes: &[String]) -> String {
    let mut s = format!(
        "{DECL}<w:footnotes {ns}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    );
    for n in notes {
        s.push_str(n);
    }
    s.push_str("</w:footnotes>");
    s
}

/// Zip the parts, in the given order, deflated, all dated 1980-01-01.
pub(crate) fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, data) in parts {
        w.start_file(name.as_str(), options)?;
        w.write_all(data)?;
    }
    Ok(w.finish()?.into_inner())
}
