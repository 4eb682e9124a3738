//! What printpdf 0.12 cannot express, added to its `lopdf::Document` before saving:
//! a nested outline pointing at each heading, `/PageMode /UseOutlines` as a name, `/Lang`,
//! link annotations, document info in UTF-16, and deterministic dates and file ids.

use super::subset::fnv1a;
use crate::doc::Document;
use crate::layout::{Item, Layout, LinkTarget};
use crate::write::WriteError;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// A PDF text string: UTF-16BE with a byte order mark (ISO 32000-1 §7.9.2.2).
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A URI as 7-bit ASCII (ISO 32000-1 §12.6.4.7): other bytes and spaces percent-encoded.
fn uri_ascii(url: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(url.len());
    for &b in url.as_bytes() {
        if b > 0x20 && b < 0x7F {
            out.push(b);
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

/// Images: one XObject per picture ([`xobject`]), drawn by a content stream appended to
/// each page that shows them.
fn images(
    lo: &mut lopdf::Document,
    layout: &Layout,
    page_ids: &[ObjectId],
) -> Result<(), lopdf::Error> {
    let mut ids: Vec<Option<ObjectId>> = vec![None; layout.images.len()];
    for (p, page) in layout.pages.iter().enumerate() {
        let boxes: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Image(b) => Some(*b),
                _ => None,
            })
            .collect();
        let Some(&page_id) = page_ids.get(p) else {
            continue;
        };
        if boxes.is_empty() {
            continue;
        }
        let mut ops = String::new();
        let mut names = Dictionary::new();
        for b in &boxes {
            let id = match ids[b.image] {
                Some(id) => id,
                None => {
                    let id = xobject(lo, &layout.images[b.image])?;
                    ids[b.image] = Some(id);
                    id
                }
            };
            let name = format!("Im{}", b.image);
            names.set(name.as_bytes(), Object::Reference(id));
            let h = layout.height;
            ops.push_str(&format!(
                "q {:.3} 0 0 {:.3} {:.3} {:.3} cm /{name} Do Q\n",
                b.width,
                b.height,
                b.x,
                h - b.y - b.height
            ));
        }
        let stream = lo.add_object(lopdf::Stream::new(Dictionary::new(), ops.into_bytes()));
        // The page's resources may be shared or inline: give the page its own copy with
        // the images added.
        let page = lo.get_object(page_id)?.as_dict()?.clone();
        let mut res = match page.get(b"Resources")? {
            Object::Reference(r) => lo.get_object(*r)?.as_dict()?.clone(),
            Object::Dictionary(d) => d.clone(),
            _ => Dictionary::new(),
        };
        let mut xo = match res.get(b"XObject") {
            Ok(Object::Dictionary(d)) => d.clone(),
            Ok(Object::Reference(r)) => lo.get_object(*r)?.as_dict()?.clone(),
            _ => Dictionary::new(),
        };
        for (k, v) in names.iter() {
            xo.set(k.clone(), v.clone());
        }
        res.set("XObject", Object::Dictionary(xo));
        let contents = match page.get(b"Contents")? {
            Object::Array(a) => {
                let mut a = a.clone();
                a.push(Object::Reference(stream));
                a
            }
            c => vec![c.clone(), Object::Reference(stream)],
        };
        let page = lo.get_object_mut(page_id)?.as_dict_mut()?;
        page.set("Resources", Object::Dictionary(res));
        page.set("Contents", Object::Array(contents));
    }
    Ok(())
}

/// The XObject of a picture, added to `lo`: a JPEG as it is, other raster images as RGB
/// with an alpha soft mask, an SVG image as a form of its paths.
fn xobject(
    lo: &mut lopdf::Document,
    pic: &crate::layout::Picture,
) -> Result<ObjectId, lopdf::Error> {
    use crate::layout::PictureData;
    let (space, content): (&[u8], _) = match &pic.data {
        PictureData::Svg { pdf, .. } => return svg_form(lo, pdf),
        PictureData::Jpeg { components: 1 } => (b"DeviceGray", pic.file.clone()),
        PictureData::Jpeg { .. } => (b"DeviceRGB", pic.file.clone()),
        PictureData::Rgb { rgb, .. } => (b"DeviceRGB", rgb.clone()),
    };
    let mut d = image_dict(pic, space);
    match &pic.data {
        PictureData::Jpeg { .. } => d.set("Filter", Object::Name(b"DCTDecode".to_vec())),
        PictureData::Rgb {
            alpha: Some(alpha), ..
        } => {
            let mask = image_dict(pic, b"DeviceGray");
            let mask = lo.add_object(lopdf::Stream::new(mask, alpha.clone()));
            d.set("SMask", Object::Reference(mask));
        }
        _ => {}
    }
    Ok(lo.add_object(lopdf::Stream::new(d, content)))
}

/// The dictionary of an image XObject of `pic`'s pixel size, 8 bits per component in
/// colour space `space`.
fn image_dict(pic: &crate::layout::Picture, space: &[u8]) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Image".to_vec()));
    d.set("Width", i64::from(pic.width));
    d.set("Height", i64::from(pic.height));
    d.set("BitsPerComponent", 8);
    d.set("ColorSpace", Object::Name(space.to_vec()));
    d
}

/// An SVG image as a form XObject: the page of the PDF svg2pdf made of it (its content
/// stream and resources, copied into `lo`), scaled to a unit square as an image XObject
/// is, so that it is drawn the same way. Its paths stay paths.
fn svg_form(lo: &mut lopdf::Document, pdf: &[u8]) -> Result<ObjectId, lopdf::Error> {
    let src = lopdf::Document::load_mem(pdf)?;
    let page_id = *src
        .get_pages()
        .values()
        .next()
        .ok_or(lopdf::Error::PageNumberNotFound(1))?;
    let page = src.get_dictionary(page_id)?;
    let number = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32));
    let bbox = page.get(b"MediaBox")?.as_array()?;
    let [x0, y0, x1, y1] = [0, 1, 2, 3].map(|i| bbox.get(i).map_or(Ok(0.0), number));
    let (x0, y0, x1, y1) = (x0?, y0?, x1?, y1?);
    let (w, h) = (x1 - x0, y1 - y0);
    let content = src.get_page_content(page_id);
    let mut copied = std::collections::HashMap::new();
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set(
        "BBox",
        Object::Array(vec![x0.into(), y0.into(), (x0 + w).into(), (y0 + h).into()]),
    );
    let (sx, sy) = (1.0 / w.max(1e-3), 1.0 / h.max(1e-3));
    d.set(
        "Matrix",
        Object::Array(vec![
            sx.into(),
            0.into(),
            0.into(),
            sy.into(),
            (-x0 * sx).into(),
            (-y0 * sy).into(),
        ]),
    );
    for key in [&b"Resources"[..], b"Group"] {
        if let Ok(o) = page.get(key) {
            let o = copy_object(&src, lo, o.clone(), &mut copied)?;
            d.set(key, o);
        }
    }
    Ok(lo.add_object(lopdf::Stream::new(d, content)))
}

/// `obj` of `src`, with every object it refers to copied into `dst` (once each).
fn copy_object(
    src: &lopdf::Document,
    dst: &mut lopdf::Document,
    obj: Object,
    copied: &mut std::collections::HashMap<ObjectId, ObjectId>,
) -> Result<Object, lopdf::Error> {
    Ok(match obj {
        Object::Reference(id) => {
            if let Some(&new) = copied.get(&id) {
                return Ok(Object::Reference(new));
            }
            let new = dst.new_object_id();
            copied.insert(id, new);
            let o = copy_object(src, dst, src.get_object(id)?.clone(), copied)?;
            dst.objects.insert(new, o);
            Object::Reference(new)
        }
        Object::Array(a) => Object::Array(
            a.into_iter()
                .map(|o| copy_object(src, dst, o, copied))
                .collect::<Result<_, _>>()?,
        ),
        Object::Dictionary(d) => Object::Dictionary(copy_dict(src, dst, d, copied)?),
        Object::Stream(mut s) => {
            s.dict = copy_dict(src, dst, s.dict, copied)?;
            Object::Stream(s)
        }
        o => o,
    })
}

fn copy_dict(
    src: &lopdf::Document,
    dst: &mut lopdf::Document,
    d: Dictionary,
    copied: &mut std::collections::HashMap<ObjectId, ObjectId>,
) -> Result<Dictionary, lopdf::Error> {
    let mut out = Dictionary::new();
    for (k, v) in d.into_iter() {
        out.set(k, copy_object(src, dst, v, copied)?);
    }
    Ok(out)
}

/// Add to printpdf's document what it cannot express (see the module header).
pub(crate) fn fix(
    lo: &mut lopdf::Document,
    doc: &Document,
    layout: &Layout,
    content_hash: u64,
) -> Result<(), WriteError> {
    let fail = |e: lopdf::Error| WriteError::Failed(format!("cannot finish the PDF: {e}"));
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    links(lo, layout, &page_ids).map_err(fail)?;
    images(lo, layout, &page_ids).map_err(fail)?;
    let outline = outline(lo, layout, &page_ids);
    catalog(lo, doc, outline).map_err(fail)?;
    info(lo, doc);
    file_id(lo, layout, content_hash);
    Ok(())
}

/// An explicit destination: the top of `y` (from the page top) on `page`, zoom unchanged.
fn destination(page: ObjectId, y: f32, layout: &Layout) -> Object {
    Object::Array(vec![
        Object::Reference(page),
        Object::Name(b"XYZ".to_vec()),
        Object::Null,
        Object::Real(layout.height - y),
        Object::Null,
    ])
}

/// Link annotations: URLs as URI actions, contents entries as destinations at their heading.
fn links(
    lo: &mut lopdf::Document,
    layout: &Layout,
    page_ids: &[ObjectId],
) -> Result<(), lopdf::Error> {
    let h = layout.height;
    for (page, &page_id) in layout.pages.iter().zip(page_ids) {
        let mut annots = Vec::new();
        for item in &page.items {
            let Item::Link(l) = item else { continue };
            let mut a = Dictionary::new();
            match &l.target {
                LinkTarget::Outline(i) => {
                    let Some(e) = layout.outline.get(*i) else {
                        continue;
                    };
                    let Some(&target) = page_ids.get(e.page) else {
                        continue;
                    };
                    a.set("Dest", destination(target, e.y, layout));
                }
                LinkTarget::Url(url) => {
                    let mut action = Dictionary::new();
                    action.set("S", Object::Name(b"URI".to_vec()));
                    action.set("URI", Object::string_literal(uri_ascii(url)));
                    a.set("A", Object::Dictionary(action));
                }
            }
            a.set("Type", Object::Name(b"Annot".to_vec()));
            a.set("Subtype", Object::Name(b"Link".to_vec()));
            a.set(
                "Rect",
                Object::Array(vec![
                    Object::Real(l.x),
                    Object::Real(h - l.y - l.height),
                    Object::Real(l.x + l.width),
                    Object::Real(h - l.y),
                ]),
            );
            a.set("Border", Object::Array(vec![0.into(), 0.into(), 0.into()]));
            annots.push(Object::Reference(lo.add_object(a)));
        }
        if !annots.is_empty() {
            let page = lo.get_object_mut(page_id).and_then(Object::as_dict_mut)?;
            page.set("Annots", Object::Array(annots));
        }
    }
    Ok(())
}

/// The outline: one item per heading, nested by level, each pointing at its heading.
/// Returns the outline root, if there are headings.
fn outline(lo: &mut lopdf::Document, layout: &Layout, page_ids: &[ObjectId]) -> Option<ObjectId> {
    let entries = &layout.outline;
    if entries.is_empty() {
        return None;
    }
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| lo.new_object_id()).collect();
    // The parent of each entry (the nearest earlier entry of a lower level), its place
    // among its siblings, and the children of each entry and of the root, in order.
    let mut parent: Vec<Option<usize>> = vec![None; entries.len()];
    let mut place: Vec<usize> = vec![0; entries.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    let mut top: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&s| entries[s].level >= e.level) {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        let siblings = match parent[i] {
            Some(p) => &mut children[p],
            None => &mut top,
        };
        place[i] = siblings.len();
        siblings.push(i);
        stack.push(i);
    }
    // Descendants of each entry (all open): entries come in document order, so each
    // entry's count is complete before its parent adds it in.
    let mut count = vec![0i64; entries.len()];
    for i in (0..entries.len()).rev() {
        if let Some(p) = parent[i] {
            count[p] += 1 + count[i];
        }
    }
    for (i, e) in entries.iter().enumerate() {
        let siblings = parent[i].map_or(&top, |p| &children[p]);
        let pos = place[i];
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&n) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[n]));
        }
        if let (Some(&f), Some(&l)) = (children[i].first(), children[i].last()) {
            d.set("First", Object::Reference(ids[f]));
            d.set("Last", Object::Reference(ids[l]));
            d.set("Count", Object::Integer(count[i]));
        }
        if let Some(&page_id) = page_ids.get(e.page) {
            d.set("Dest", destination(page_id, e.y, layout));
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    let (first, last) = (*top.first()?, *top.last()?);
    let mut o = Dictionary::new();
    o.set("Type", Object::Name(b"Outlines".to_vec()));
    o.set("First", Object::Reference(ids[first]));
    o.set("Last", Object::Reference(ids[last]));
    o.set("Count", Object::Integer(entries.len() as i64));
    lo.objects.insert(root, Object::Dictionary(o));
    Some(root)
}

/// The catalog: the outline, opened beside the pages when there is one, and `/Lang` (the
/// language every writer gives the document: `meta.lang`, else from its text).
fn catalog(
    lo: &mut lopdf::Document,
    doc: &Document,
    outline: Option<ObjectId>,
) -> Result<(), lopdf::Error> {
    let lang = crate::script::document_lang(doc);
    let root = lo.trailer.get(b"Root").and_then(Object::as_reference)?;
    let catalog = lo.get_object_mut(root).and_then(Object::as_dict_mut)?;
    catalog.remove(b"Outlines");
    catalog.remove(b"PageMode");
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    catalog.set("Lang", Object::string_literal(lang.as_bytes().to_vec()));
    Ok(())
}

/// Document info, in UTF-16; dates only from `SOURCE_DATE_EPOCH`.
fn info(lo: &mut lopdf::Document, doc: &Document) {
    let m = &doc.meta;
    let mut info = Dictionary::new();
    if let Some(t) = &m.title {
        info.set("Title", text_string(&t.replace('\n', " ")));
    }
    if !m.authors.is_empty() {
        info.set("Author", text_string(&m.authors.join(", ")));
    }
    if let Some(s) = &m.subtitle {
        info.set("Subject", text_string(s));
    }
    if !m.keywords.is_empty() {
        info.set("Keywords", text_string(&m.keywords.join(", ")));
    }
    info.set("Creator", text_string("cjkdoc"));
    info.set(
        "Producer",
        text_string(&format!("cjkdoc {} (printpdf)", env!("CARGO_PKG_VERSION"))),
    );
    if let Some(date) = source_date() {
        info.set("CreationDate", Object::string_literal(date.clone()));
        info.set("ModDate", Object::string_literal(date));
    }
    let info_id = lo.add_object(info);
    if let Ok(old) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        lo.objects.remove(&old);
    }
    lo.trailer.set("Info", Object::Reference(info_id));
}

/// A file id from the content (`content_hash`: a hash of the pages' content streams),
/// not from a random generator.
fn file_id(lo: &mut lopdf::Document, layout: &Layout, content_hash: u64) {
    let hash = fnv1a(&(layout.pages.len() as u64).to_be_bytes(), content_hash);
    let id = format!("{hash:016x}{:016x}", fnv1a(b"cjkdoc", hash));
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Hexadecimal),
            Object::String(id.into_bytes(), StringFormat::Hexadecimal),
        ]),
    );
}

/// `D:YYYYMMDDHHmmSSZ` from the `SOURCE_DATE_EPOCH` environment variable, if set (the
/// reproducible-builds convention); without it the file has no dates at all.
fn source_date() -> Option<String> {
    pdf_date(&std::env::var("SOURCE_DATE_EPOCH").ok()?)
}

/// `D:YYYYMMDDHHmmSSZ` for a count of seconds since 1970 (UTC).
fn pdf_date(epoch: &str) -> Option<String> {
    let secs: i64 = epoch.trim().parse().ok()?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    Some(format!(
        "D:{y:04}{mo:02}{d:02}{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_date() {
        assert_eq!(super::pdf_date("1700438400").unwrap(), "D:20231120000000Z");
        assert_eq!(super::pdf_date("0").unwrap(), "D:19700101000000Z");
        assert_eq!(super::pdf_date("951782400").unwrap(), "D:20000229000000Z");
        assert_eq!(super::pdf_date("-86400").unwrap(), "D:19691231000000Z");
        assert!(super::pdf_date("soon").is_none());
    }
}
