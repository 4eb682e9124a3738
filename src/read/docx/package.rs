//! The DOCX package: the zip, its relationships, its parts, and what docx-rs's model
//! leaves out.
//!
//! docx-rs parses a part's XML into its typed model but drops some elements the tree
//! needs. Before a part goes to docx-rs, [`prepare`] rewrites them into text docx-rs keeps:
//! a footnote or endnote reference becomes a marker of private-use characters with the
//! note's id ([`NOTE_OPEN`] `f12` [`NOTE_CLOSE`]), a table whose first row repeats as a
//! header gets [`HEADER_ROW`] at the start of the row's first paragraph, `mc:Fallback`
//! (the legacy copy of a text box or shape, which would be read twice) and the elements
//! that carry nothing for the tree (bookmarks, comment anchors, proofing marks) are
//! removed. docx-rs panics on some malformed elements (a bookmark without a name); those
//! never reach it.

use super::super::ReadError;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The largest part read (uncompressed): 256 MiB. A zip's declared sizes may lie, so the
/// read itself stops there too.
pub const MAX_PART_BYTES: u64 = 256 << 20;

/// Opens a note reference marker.
pub const NOTE_OPEN: char = '\u{F8F0}';
/// Closes a note reference marker.
pub const NOTE_CLOSE: char = '\u{F8F1}';
/// Marks the first paragraph of a table's header row.
pub const HEADER_ROW: char = '\u{F8F2}';
/// Opens a picture's alt text (`wp:docPr/@descr`), put right after the picture's run.
pub const ALT_OPEN: char = '\u{F8F3}';
/// Closes a picture's alt text.
pub const ALT_CLOSE: char = '\u{F8F4}';
/// Separates a picture's alt text from its title (`wp:docPr/@title`).
pub const ALT_TITLE: char = '\u{F8F7}';
/// Opens a link's title (`w:hyperlink/@w:tooltip`), put first in the link.
pub const TITLE_OPEN: char = '\u{F8F5}';
/// Closes a link's title.
pub const TITLE_CLOSE: char = '\u{F8F6}';

/// A part rewritten for docx-rs.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The XML.
    pub xml: String,
    /// Bookmark name → the note reference inside it (`f` or `e`, note id): what a
    /// `NOTEREF` field refers to.
    pub note_bookmarks: HashMap<String, (String, String)>,
}

/// The WordprocessingML namespace.
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The markup-compatibility namespace (`mc:AlternateContent`).
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// One relationship of a part.
#[derive(Debug, Clone)]
pub struct Rel {
    /// The relationship type's last path segment: `image`, `hyperlink`, `footnotes`, …
    pub kind: String,
    /// The target: a part name (resolved against the source part's folder) or, for an
    /// external target, the URL as written.
    pub target: String,
    /// `TargetMode="External"`.
    pub external: bool,
}

/// An open DOCX package.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    /// Open `input` as a zip, or say why it is not one.
    pub fn open(input: &'a [u8]) -> Result<Package<'a>, ReadError> {
        if input.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(ReadError::Syntax(ole_message(input)));
        }
        let zip = zip::ZipArchive::new(Cursor::new(input)).map_err(|e| {
            ReadError::Syntax(format!("not a DOCX file: not a readable zip archive ({e})"))
        })?;
        Ok(Package { zip })
    }

    /// Whether the package has a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The bytes of part `name` (`None` when there is none); a part larger than
    /// [`MAX_PART_BYTES`] or one that does not decompress is an error naming it.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.part_limited(name, MAX_PART_BYTES)
    }

    /// As [`Package::part`], with a limit of `max` bytes.
    pub fn part_limited(&mut self, name: &str, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let damaged = |why: String| ReadError::Syntax(format!("damaged part {name}: {why}"));
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| damaged(e.to_string()))?;
        if file.size() > max {
            return Err(damaged(format!("larger than {} MiB", max >> 20)));
        }
        let mut bytes = Vec::with_capacity(file.size() as usize);
        file.take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(e.to_string()))?;
        if bytes.len() as u64 > max {
            return Err(damaged(format!("larger than {} MiB", max >> 20)));
        }
        Ok(Some(bytes))
    }

    /// Part `name` as text (UTF-8, a byte-order mark dropped).
    pub fn text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let Some(bytes) = self.part(name)? else {
            return Ok(None);
        };
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&bytes)
            .to_vec();
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ReadError::Syntax(format!("damaged part {name}: not UTF-8 text")))
    }

    /// The relationships of part `name` (from `_rels/…rels` beside it), by id.
    pub fn rels(&mut self, name: &str) -> Result<HashMap<String, Rel>, ReadError> {
        let (dir, file) = match name.rfind('/') {
            Some(i) => (&name[..i], &name[i + 1..]),
            None => ("", name),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(xml) = self.text(&rels_name)? else {
            return Ok(HashMap::new());
        };
        let doc = parse(&rels_name, &xml)?;
        let mut rels = HashMap::new();
        for r in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
        {
            let (Some(id), Some(kind), Some(target)) = (
                r.attribute("Id"),
                r.attribute("Type"),
                r.attribute("Target"),
            ) else {
                continue;
            };
            let external = r.attribute("TargetMode") == Some("External");
            let target = if external {
                target.to_string()
            } else {
                resolve(dir, target)
            };
            let kind = kind.rsplit('/').next().unwrap_or(kind).to_string();
            rels.insert(
                id.to_string(),
                Rel {
                    kind,
                    target,
                    external,
                },
            );
        }
        Ok(rels)
    }
}

/// What an OLE compound file (`D0 CF 11 E0`) probably is, as an error message.
fn ole_message(input: &[u8]) -> String {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let has = |s: &str| {
        let needle = utf16(s);
        input.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptedPackage") {
        "this DOCX file is password-protected (encrypted), which cjkdoc cannot read: save a copy without a password".into()
    } else if has("WordDocument") {
        "this is an old Word 97–2003 document (.doc), which cjkdoc cannot read: save it as .docx in Word or LibreOffice".into()
    } else {
        "this is an OLE compound file (an old Office format or a password-protected document), not a DOCX file".into()
    }
}

/// A part name: `target` resolved against the folder `dir` (`word`, ``), `..` followed.
pub fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Parse part `name`'s XML, or say where it is broken.
pub fn parse<'x>(name: &str, xml: &'x str) -> Result<roxmltree::Document<'x>, ReadError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options)
        .map_err(|e| ReadError::Syntax(format!("damaged part {name}: {e}")))
}

/// Elements removed before docx-rs reads a part: they carry nothing for the tree, and
/// docx-rs panics on some malformed ones.
const DROPPED: [&str; 8] = [
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeStart",
    "commentRangeEnd",
    "commentReference",
    "proofErr",
    "permStart",
    "permEnd",
];

/// The XML of a part with what docx-rs would drop made into text it keeps, and what it
/// must not see removed (see the module's notes).
pub fn prepare(name: &str, xml: &str) -> Result<Prepared, ReadError> {
    let doc = parse(name, xml)?;
    let mut note_bookmarks = HashMap::new();
    // Bookmarks open at this point: (w:id, name).
    let mut open: Vec<(&str, &str)> = Vec::new();
    // (byte range to replace, replacement), sorted by start, not overlapping.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut skip_until = 0;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let range = node.range();
        if range.start < skip_until {
            continue;
        }
        let tag = node.tag_name();
        let w = tag.namespace() == Some(NS_W);
        let local = tag.name();
        if w && local == "bookmarkStart" {
            if let (Some(id), Some(name)) =
                (node.attribute((NS_W, "id")), node.attribute((NS_W, "name")))
            {
                open.push((id, name));
            }
        } else if w && local == "bookmarkEnd" {
            let id = node.attribute((NS_W, "id"));
            open.retain(|(i, _)| Some(*i) != id);
        }
        if w && matches!(local, "footnoteReference" | "endnoteReference") {
            let kind = if local == "footnoteReference" {
                "f"
            } else {
                "e"
            };
            let id = node.attribute((NS_W, "id")).unwrap_or("");
            for (_, name) in open.drain(..) {
                note_bookmarks.insert(name.to_string(), (kind.to_string(), id.to_string()));
            }
        }
        if w && local == "drawing" {
            // The alt text is `descr`, else the title; the title is kept when both are.
            let pr = node.descendants().find(|n| n.tag_name().name() == "docPr");
            let attr = |name| {
                pr.and_then(|d| d.attribute(name))
                    .filter(|d: &&str| !d.trim().is_empty())
            };
            let (alt, title) = match (attr("descr"), attr("title")) {
                (Some(d), t) => (Some(d), t),
                (None, t) => (t, None),
            };
            let run = node
                .ancestors()
                .find(|a| a.tag_name().namespace() == Some(NS_W) && a.tag_name().name() == "r");
            if let (Some(alt), Some(run)) = (alt, run) {
                let prefix = prefix_of(xml, run.range().start);
                let at = run.range().end;
                let title = title.map(|t| format!("{ALT_TITLE}{}", text_content(t)));
                edits.push((
                    at..at,
                    format!(
                        "<{prefix}r><{prefix}t>{ALT_OPEN}{}{}{ALT_CLOSE}</{prefix}t></{prefix}r>",
                        text_content(alt),
                        title.unwrap_or_default()
                    ),
                ));
            }
        }
        if w && local == "t" && node.text().is_some_and(|t| t.contains('&')) {
            // (A `w:t` holds text only.)
            let inner = match (node.first_child(), node.last_child()) {
                (Some(a), Some(b)) => a.range().start..b.range().end,
                _ => range.clone(),
            };
            let text: String = node.children().filter_map(|c| c.text()).collect();
            edits.push((inner, text_content(&text)));
        }
        if w && local == "hyperlink" {
            let tooltip = node
                .attribute((NS_W, "tooltip"))
                .filter(|t| !t.trim().is_empty());
            if let (Some(tooltip), Some(first)) = (tooltip, node.first_child()) {
                let prefix = prefix_of(xml, range.start);
                let at = first.range().start;
                edits.push((
                    at..at,
                    format!(
                        "<{prefix}r><{prefix}t>{TITLE_OPEN}{}{TITLE_CLOSE}</{prefix}t></{prefix}r>",
                        text_content(tooltip)
                    ),
                ));
            }
        }
        if (tag.namespace() == Some(NS_MC) && local == "Fallback")
            || (w && DROPPED.contains(&local))
        {
            edits.push((range.clone(), String::new()));
            skip_until = range.end;
        } else if w && matches!(local, "footnoteReference" | "endnoteReference") {
            let id = node.attribute((NS_W, "id")).unwrap_or("");
            let kind = if local == "footnoteReference" {
                'f'
            } else {
                'e'
            };
            let prefix = prefix_of(xml, range.start);
            edits.push((
                range.clone(),
                format!(
                    "<{prefix}t>{NOTE_OPEN}{kind}{}{NOTE_CLOSE}</{prefix}t>",
                    text_content(id)
                ),
            ));
            skip_until = range.end;
        } else if w && local == "noBreakHyphen" {
            let prefix = prefix_of(xml, range.start);
            edits.push((range.clone(), format!("<{prefix}t>\u{2011}</{prefix}t>")));
            skip_until = range.end;
        } else if w && local == "tbl" {
            if let Some(at) = header_row_mark(&node) {
                let prefix = prefix_of(xml, range.start);
                edits.push((
                    at..at,
                    format!("<{prefix}r><{prefix}t>{HEADER_ROW}</{prefix}t></{prefix}r>"),
                ));
            }
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    for (r, text) in edits {
        if r.start < pos {
            continue;
        }
        out.push_str(&xml[pos..r.start]);
        out.push_str(&text);
        pos = r.end;
    }
    out.push_str(&xml[pos..]);
    Ok(Prepared {
        xml: out,
        note_bookmarks,
    })
}

/// Where to put the header-row mark of table `tbl`: in the first paragraph of the first
/// row, when that row is marked `w:tblHeader` or the table has its style's first-row look
/// (`w:tblLook`), before the paragraph's first child that is
/// not its properties (or before its end tag).
fn header_row_mark(tbl: &roxmltree::Node) -> Option<usize> {
    let is_w = |n: &roxmltree::Node, name: &str| {
        n.is_element() && n.tag_name().namespace() == Some(NS_W) && n.tag_name().name() == name
    };
    let row = tbl.children().find(|n| is_w(n, "tr"))?;
    let repeated = row
        .children()
        .filter(|n| is_w(n, "trPr"))
        .flat_map(|p| p.children())
        .find(|n| is_w(n, "tblHeader"))
        .is_some_and(|h| !matches!(h.attribute((NS_W, "val")), Some("0" | "false" | "off")));
    // The table style's first-row look is on (`w:tblLook`, as pandoc reads it).
    let look = tbl
        .children()
        .filter(|n| is_w(n, "tblPr"))
        .flat_map(|p| p.children())
        .find(|n| is_w(n, "tblLook"))
        .is_some_and(|l| match l.attribute((NS_W, "firstRow")) {
            Some(v) => matches!(v, "1" | "true" | "on"),
            None => l
                .attribute((NS_W, "val"))
                .and_then(|v| u32::from_str_radix(v, 16).ok())
                .is_some_and(|v| v & 0x0020 != 0),
        });
    if !repeated && !look {
        return None;
    }
    let cell = row.children().find(|n| is_w(n, "tc"))?;
    let para = cell.children().find(|n| is_w(n, "p"))?;
    if let Some(child) = para.children().find(|n| n.is_element() && !is_w(n, "pPr")) {
        return Some(child.range().start);
    }
    let r = para.range();
    let element = &para.document().input_text()[r.clone()];
    // `<w:p/>` has no end tag to put it before.
    if element.ends_with("/>") {
        return None;
    }
    Some(r.start + element.rfind("</")?)
}

/// The namespace prefix of the element starting at byte `start` (`w:` or empty).
fn prefix_of(xml: &str, start: usize) -> &str {
    let name = &xml[start + 1..];
    let end = name
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(0);
    match name[..end].find(':') {
        Some(i) => &name[..=i],
        None => "",
    }
}

/// XML-escape an attribute value for a text node.
/// `s` as the content of a `w:t` for docx-rs, which decodes entities once more after the
/// XML parser did (`&amp;amp;` would reach the tree as `&`): every `&` doubled first.
fn text_content(s: &str) -> String {
    escape(&s.replace('&', "&amp;"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The end of the start tag that begins at byte `start` (the index just after its `>`).
fn start_tag_end(xml: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in xml[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// The notes of a `footnotes.xml` or `endnotes.xml` part, each as a document of its own
/// that docx-rs can read (`<w:document …><w:body>…</w:body></w:document>`, with the
/// part's namespace declarations): (note id, XML). Separator notes are left out.
pub fn split_notes(name: &str, xml: &str) -> Result<Vec<(String, String)>, ReadError> {
    let doc = parse(name, xml)?;
    let root = doc.root_element();
    let r = root.range();
    let bad = || ReadError::Syntax(format!("damaged part {name}: unexpected structure"));
    let open_end = start_tag_end(xml, r.start).ok_or_else(bad)?;
    let root_tag = &xml[r.start..open_end];
    let qname_len = root_tag[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .ok_or_else(bad)?;
    let prefix = prefix_of(xml, r.start);
    let attrs = root_tag[1 + qname_len..]
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut notes = Vec::new();
    for note in root.children().filter(|n| n.is_element()) {
        if !matches!(note.attribute((NS_W, "type")), None | Some("normal")) {
            continue;
        }
        let Some(id) = note.attribute((NS_W, "id")) else {
            continue;
        };
        let nr = note.range();
        let element = &xml[nr.clone()];
        let inner = if element.ends_with("/>") {
            ""
        } else {
            let from = start_tag_end(xml, nr.start).ok_or_else(bad)?;
            let to = nr.start + element.rfind("</").ok_or_else(bad)?;
            &xml[from..to]
        };
        notes.push((
            id.to_string(),
            format!(
                "<{prefix}document{attrs}><{prefix}body>{inner}</{prefix}body></{prefix}document>"
            ),
        ));
    }
    Ok(notes)
}

/// The core properties (`docProps/core.xml`): (local element name, text) pairs.
pub fn core_properties(name: &str, xml: &str) -> Result<Vec<(String, String)>, ReadError> {
    let doc = parse(name, xml)?;
    Ok(doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .filter_map(|n| {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            let text = text.trim();
            (!text.is_empty()).then(|| (n.tag_name().name().to_string(), text.to_string()))
        })
        .collect())
}

/// The languages of `styles.xml`'s document defaults (`w:docDefaults//w:lang`):
/// (`w:val`, `w:eastAsia`).
pub fn default_langs(name: &str, xml: &str) -> Result<(Option<String>, Option<String>), ReadError> {
    let doc = parse(name, xml)?;
    let lang = doc
        .descendants()
        .find(|n| n.tag_name().name() == "docDefaults")
        .and_then(|d| d.descendants().find(|n| n.tag_name().name() == "lang"));
    Ok(match lang {
        Some(l) => (
            l.attribute((NS_W, "val")).map(str::to_owned),
            l.attribute((NS_W, "eastAsia")).map(str::to_owned),
        ),
        None => (None, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn note_references_become_markers_and_bookmarks_go() {
        let xml = format!(
            "<w:document {W}><w:body><w:p><w:bookmarkStart w:id=\"0\"/><w:r><w:t>a</w:t></w:r>\
             <w:r><w:footnoteReference w:id=\"3\"/></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r>\
             <w:bookmarkEnd w:id=\"0\"/></w:p></w:body></w:document>"
        );
        let out = prepare("word/document.xml", &xml).unwrap().xml;
        assert_eq!(
            out,
            format!(
                "<w:document {W}><w:body><w:p><w:r><w:t>a</w:t></w:r>\
                 <w:r><w:t>\u{F8F0}f3\u{F8F1}</w:t></w:r><w:r><w:t>\u{F8F0}e1\u{F8F1}</w:t></w:r>\
                 </w:p></w:body></w:document>"
            )
        );
    }

    #[test]
    fn a_repeated_header_row_is_marked() {
        let xml = format!(
            "<w:document {W}><w:body><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc>\
             <w:p><w:pPr/><w:r><w:t>h</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
        );
        let out = prepare("word/document.xml", &xml).unwrap().xml;
        assert!(
            out.contains("<w:pPr/><w:r><w:t>\u{F8F2}</w:t></w:r><w:r><w:t>h</w:t>"),
            "{out}"
        );
    }

    #[test]
    fn notes_are_split_into_documents() {
        let xml = format!(
            "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote>\
             <w:footnote w:id=\"1\"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote></w:footnotes>"
        );
        let notes = split_notes("word/footnotes.xml", &xml).unwrap();
        assert_eq!(
            notes,
            [(
                "1".to_string(),
                format!("<w:document {W}><w:body><w:p><w:r><w:t>n</w:t></w:r></w:p></w:body></w:document>")
            )]
        );
    }

    #[test]
    fn part_names_resolve_against_their_folder() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
    }

    #[test]
    fn ole_files_are_told_apart() {
        let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0];
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(ole_message(&doc).contains("Word 97–2003"));
        let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0];
        enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(ole_message(&enc).contains("password-protected"));
    }
}
