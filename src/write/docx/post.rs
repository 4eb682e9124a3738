//! docx-rs builds `word/document.xml` (paragraphs, runs, hyperlinks, pictures, page
//! setup), `word/numbering.xml` and `word/footer1.xml`; this pass takes them out of its packed zip and makes them
//! valid, complete and deterministic:
//!
//! - `w14:paraId` attributes go: docx-rs numbers them from a thread-local counter, so the
//!   same document written twice on one thread differs.
//! - Hyperlink relationships (`rIdHyperlinkN`, N from a process-global counter) get ids in
//!   document order, shared with the links this module writes itself (one relationship
//!   per target).
//! - Children of `w:pPr`, `w:rPr` and `w:sectPr` are put in schema order: docx-rs writes
//!   the paragraph mark's `w:rPr` first in `w:pPr`, `w:jc` before `w:ind`, `w:sz` before
//!   `w:rFonts`, `w:numId` before `w:ilvl`, and `w:footerReference` after `w:pgSz` (all
//!   out of the ECMA-376 sequence).
//! - `w:firstLineChars` is added to first-line indents (docx-rs has the setter but never
//!   writes the attribute).
//! - Pictures get unique `wp:docPr` ids, alt text and names (docx-rs writes `id="1"`
//!   for every picture); the media parts and their relationships are this module's.
//! - Footnote references get the ids of the notes `blocks.rs` wrote (docx-rs takes them
//!   from a process-global counter).
//! - Placeholder paragraphs (`cjkdocSplice<k>`) are replaced by the XML of blocks docx-rs
//!   cannot express (see `mod.rs`).
//!
//! All other parts come from this module (see `mod.rs`), and the package is re-deflated
//! with fixed timestamps by `package::zip`.

use super::blocks::{Piece, Rel, REL_HYPERLINK};
use super::xml::{esc, BODY_NS, DECL, W_NS};
use regex::Regex;
use std::io::Read;
use std::sync::LazyLock;

/// Page setup in twips.
pub(crate) struct Page {
    pub width: u32,
    pub height: u32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub left: i32,
    pub footer: i32,
}

/// What docx-rs produced, patched: the document, numbering and footer parts.
pub(crate) struct Parts {
    pub document: String,
    pub numbering: String,
    pub footer: String,
}

/// What `blocks.rs` assigned, for the patches.
pub(crate) struct Fixes<'a> {
    /// The body's first-line indent: (twips, hundredths of a character).
    pub first_line: (i32, i32),
    /// The document's relationships; docx-rs's hyperlinks are added.
    pub rels: &'a mut Vec<Rel>,
    /// Drawing id, alt text and file name of each picture docx-rs writes.
    pub pics: &'a [(u32, String, String)],
    /// The footnote id of each footnote reference docx-rs writes.
    pub notes: &'a [usize],
}

const SPLICE: &str = "cjkdocSplice";

/// Build the document and footer through docx-rs and patch them (see the module header).
/// External hyperlinks docx-rs wrote are added to `rels`.
pub(crate) fn build(
    pieces: Vec<Piece>,
    page: &Page,
    footer_style: &str,
    numbering: (Vec<docx_rs::AbstractNumbering>, Vec<docx_rs::Numbering>),
    fix: Fixes<'_>,
) -> Result<Parts, String> {
    let Fixes {
        first_line,
        rels,
        pics,
        notes,
    } = fix;
    let mut xml_pieces = Vec::new();
    let mut docx = docx_rs::Docx::new();
    for a in numbering.0 {
        docx = docx.add_abstract_numbering(a);
    }
    for n in numbering.1 {
        docx = docx.add_numbering(n);
    }
    for piece in pieces {
        match piece {
            Piece::Rs(p) => docx = docx.add_paragraph(*p),
            Piece::Xml(x) => {
                let k = xml_pieces.len();
                xml_pieces.push(x);
                docx = docx.add_paragraph(docx_rs::Paragraph::new().style(&format!("{SPLICE}{k}")));
            }
        }
    }
    let footer = docx_rs::Footer::new().add_paragraph(
        docx_rs::Paragraph::new()
            .style(footer_style)
            .add_run(docx_rs::Run::new().add_text("— "))
            .add_page_num(docx_rs::PageNum::new())
            .add_run(docx_rs::Run::new().add_text(" —")),
    );
    docx = docx
        .page_size(page.width, page.height)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(page.top)
                .right(page.right)
                .bottom(page.bottom)
                .left(page.left)
                .header(851)
                .footer(page.footer)
                .gutter(0),
        )
        .footer(footer);
    let mut packed = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut packed)
        .map_err(|e| format!("docx-rs: {e}"))?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(packed.into_inner()))
        .map_err(|e| format!("docx-rs package: {e}"))?;
    let mut read = |name: &str| -> Result<String, String> {
        let mut s = String::new();
        zip.by_name(name)
            .map_err(|e| format!("docx-rs package lacks {name}: {e}"))?
            .read_to_string(&mut s)
            .map_err(|e| e.to_string())?;
        Ok(s)
    };
    let document = read("word/document.xml")?;
    let footer = read("word/footer1.xml")?;
    let numbering = read("word/numbering.xml")?;
    let rs_rels = read("word/_rels/document.xml.rels")?;

    // The body.
    let inner =
        between(&document, "<w:body>", "</w:body>").ok_or("docx-rs document without a body")?;
    let inner = normalise(inner, first_line);
    let inner = relink(&inner, &rs_rels, rels)?;
    let inner = name_pictures(&inner, pics)?;
    let inner = number_notes(&inner, notes)?;
    let inner = splice(&inner, &xml_pieces)?;
    let document = format!("{DECL}<w:document {BODY_NS}><w:body>{inner}</w:body></w:document>");

    let footer_inner =
        between(&footer, "<w:ftr", "</w:ftr>").ok_or("docx-rs footer without w:ftr")?;
    let footer_inner = &footer_inner[footer_inner.find('>').map_or(0, |i| i + 1)..];
    let footer = format!(
        "{DECL}<w:ftr {W_NS}>{}</w:ftr>",
        normalise(footer_inner, first_line)
    );
    let numbering_inner = between(&numbering, "<w:numbering", "</w:numbering>")
        .ok_or("docx-rs numbering without w:numbering")?;
    let numbering_inner = &numbering_inner[numbering_inner.find('>').map_or(0, |i| i + 1)..];
    let numbering = format!(
        "{DECL}<w:numbering {W_NS}>{}</w:numbering>",
        normalise(numbering_inner, first_line)
    );
    Ok(Parts {
        document,
        numbering,
        footer,
    })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s.rfind(close)?;
    (a <= b).then(|| &s[a..b])
}

static PARA_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#" w14:(?:paraId|textId)="[0-9A-Fa-f]*""#).unwrap());
static SELF_CLOSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+/>").unwrap());
static EMPTY_RPR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<w:rPr/>").unwrap());
static FIRST_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<w:ind([^>]*) w:firstLine="(-?\d+)"([^>]*)/>"#).unwrap());

/// Drop paragraph ids and empty run properties, add `w:firstLineChars`, and put
/// property children in schema order. `first_line` is (twips, hundredths of a char).
fn normalise(xml: &str, first_line: (i32, i32)) -> String {
    let s = PARA_ID.replace_all(xml, "");
    let s = SELF_CLOSE.replace_all(&s, "/>");
    let s = EMPTY_RPR.replace_all(&s, "");
    let s = FIRST_LINE.replace_all(&s, |c: &regex::Captures| {
        let (before, tw, after) = (&c[1], &c[2], &c[3]);
        if after.contains("firstLineChars") || tw != first_line.0.to_string() {
            return c[0].to_string();
        }
        format!(
            "<w:ind{before} w:firstLine=\"{tw}\" w:firstLineChars=\"{}\"{after}/>",
            first_line.1
        )
    });
    let s = sort_children(&s, "w:pPr", P_ORDER);
    let s = sort_children(&s, "w:rPr", R_ORDER);
    let s = sort_children(&s, "w:sectPr", SECT_ORDER);
    let s = sort_children(&s, "w:numPr", &["w:ilvl", "w:numId"]);
    // An empty w:pPr after dropping an empty mark rPr.
    s.replace("<w:pPr></w:pPr>", "")
}

/// ECMA-376 sequence of `w:pPr` children.
const P_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// ECMA-376 sequence of `w:rPr` children.
const R_ORDER: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
];

/// ECMA-376 sequence of `w:sectPr` children.
const SECT_ORDER: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// Put the children of every `<tag>…</tag>` in `order` (stable; unknown names last).
fn sort_children(xml: &str, tag: &str, order: &[&str]) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(a) = rest.find(&open) {
        let Some(b) = rest[a..].find(&close).map(|b| a + b) else {
            break;
        };
        out.push_str(&rest[..a + open.len()]);
        let mut kids = children(&rest[a + open.len()..b]);
        kids.sort_by_key(|k| {
            let name = k[1..].split([' ', '/', '>']).next().unwrap_or("");
            order.iter().position(|o| *o == name).unwrap_or(order.len())
        });
        for k in kids {
            out.push_str(k);
        }
        out.push_str(&close);
        rest = &rest[b + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The sibling elements of an element-only XML fragment.
fn children(xml: &str) -> Vec<&str> {
    let mut kids = Vec::new();
    let (mut depth, mut start, mut i) = (0i32, 0usize, 0usize);
    let bytes = xml.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let end = xml[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
        let t = &xml[i..end];
        if depth == 0 {
            start = i;
        }
        if t.starts_with("</") {
            depth -= 1;
        } else if !t.ends_with("/>") {
            depth += 1;
        }
        if depth == 0 {
            kids.push(&xml[start..end]);
        }
        i = end;
    }
    kids
}

static RS_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"r:id="(rIdHyperlink\d+)""#).unwrap());
static RS_REL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<Relationship Id="(rIdHyperlink\d+)"[^>]* Target="([^"]*)""#).unwrap()
});

/// Give docx-rs's hyperlinks relationship ids in document order (one per target).
fn relink(xml: &str, rs_rels: &str, rels: &mut Vec<Rel>) -> Result<String, String> {
    let targets: std::collections::HashMap<&str, String> = RS_REL
        .captures_iter(rs_rels)
        .map(|c| {
            let t = c.get(2).unwrap().as_str();
            let t = t
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            (c.get(1).unwrap().as_str(), t)
        })
        .collect();
    let mut err = None;
    let out = RS_LINK.replace_all(xml, |c: &regex::Captures| {
        let Some(target) = targets.get(&c[1]) else {
            err = Some(format!("docx-rs hyperlink {} has no relationship", &c[1]));
            return String::new();
        };
        let id = match rels
            .iter()
            .find(|r| r.kind == REL_HYPERLINK && &r.target == target)
        {
            Some(r) => r.id.clone(),
            None => {
                let id = format!("rIdLink{}", rels.len() + 1);
                rels.push(Rel {
                    id: id.clone(),
                    kind: REL_HYPERLINK,
                    target: target.clone(),
                    external: true,
                });
                id
            }
        };
        format!("r:id=\"{id}\"")
    });
    match err {
        Some(e) => Err(e),
        None => Ok(out.into_owned()),
    }
}

static RS_DOC_PR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<wp:docPr id="\d+" name="Figure"/>"#).unwrap());
static RS_C_NV_PR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<pic:cNvPr id="0" name=""/>"#).unwrap());

/// docx-rs writes every picture as `wp:docPr id="1" name="Figure"` (duplicate ids, which
/// Word repairs, and no alt text) and `pic:cNvPr id="0"`: give each, in document order,
/// the id, alt text and name `blocks.rs` assigned.
fn name_pictures(xml: &str, pics: &[(u32, String, String)]) -> Result<String, String> {
    let mut k = 0;
    let s = RS_DOC_PR.replace_all(xml, |_: &regex::Captures| {
        let out = match pics.get(k) {
            Some((n, alt, _)) => {
                format!(
                    "<wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{}\"/>",
                    esc(alt)
                )
            }
            None => String::new(),
        };
        k += 1;
        out
    });
    let mut j = 0;
    let s = RS_C_NV_PR.replace_all(&s, |_: &regex::Captures| {
        let out = match pics.get(j) {
            Some((n, _, name)) => format!("<pic:cNvPr id=\"{n}\" name=\"{}\"/>", esc(name)),
            None => String::new(),
        };
        j += 1;
        out
    });
    if k != pics.len() || j != pics.len() {
        return Err(format!(
            "docx-rs wrote {k} drawings ({j} pictures) for {} images",
            pics.len()
        ));
    }
    Ok(s.into_owned())
}

static RS_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<w:footnoteReference w:id="\d+"/>"#).unwrap());

/// docx-rs numbers footnote references from a process-global counter: give each, in
/// document order, the id of the note `blocks.rs` wrote.
fn number_notes(xml: &str, notes: &[usize]) -> Result<String, String> {
    let mut k = 0;
    let s = RS_NOTE.replace_all(xml, |_: &regex::Captures| {
        let out = notes
            .get(k)
            .map(|id| format!("<w:footnoteReference w:id=\"{id}\"/>"))
            .unwrap_or_default();
        k += 1;
        out
    });
    if k != notes.len() {
        return Err(format!(
            "docx-rs wrote {k} footnote references for {} notes",
            notes.len()
        ));
    }
    Ok(s.into_owned())
}

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<w:p><w:pPr><w:pStyle w:val="cjkdocSplice(\d+)"/></w:pPr></w:p>"#).unwrap()
});

/// Replace the placeholder paragraphs by the blocks' own XML.
fn splice(xml: &str, pieces: &[String]) -> Result<String, String> {
    let mut seen = 0;
    let out = PLACEHOLDER.replace_all(xml, |c: &regex::Captures| {
        seen += 1;
        let k: usize = c[1].parse().unwrap_or(usize::MAX);
        pieces.get(k).cloned().unwrap_or_default()
    });
    if seen != pieces.len() {
        return Err(format!(
            "found {seen} of {} placeholder paragraphs in docx-rs's document.xml",
            pieces.len()
        ));
    }
    Ok(out.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_children_are_put_in_schema_order() {
        let x = "<w:p><w:pPr><w:rPr><w:sz w:val=\"24\"/><w:vanish/></w:rPr>\
                 <w:pStyle w:val=\"A\"/><w:jc w:val=\"both\"/><w:ind w:firstLine=\"480\"/>\
                 <w:numPr><w:numId w:val=\"1\"/><w:ilvl w:val=\"0\"/></w:numPr></w:pPr></w:p>";
        assert_eq!(
            normalise(x, (480, 200)),
            "<w:p><w:pPr><w:pStyle w:val=\"A\"/>\
             <w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>\
             <w:ind w:firstLine=\"480\" w:firstLineChars=\"200\"/><w:jc w:val=\"both\"/>\
             <w:rPr><w:vanish/><w:sz w:val=\"24\"/></w:rPr></w:pPr></w:p>"
        );
    }

    #[test]
    fn children_split_nested_elements() {
        assert_eq!(
            children("<a/><b x=\"1\"><c/></b><d></d>"),
            vec!["<a/>", "<b x=\"1\"><c/></b>", "<d></d>"]
        );
    }
}
