//! Font subsetting (through `fonts::subset`): only the glyphs a document uses are embedded.

use crate::fonts::{self, Book};
use crate::layout::FaceId;
use crate::write::WriteError;
use std::collections::BTreeMap;

/// A subset face.
pub(crate) struct Subset {
    /// The face it came from.
    pub face: FaceId,
    /// PostScript-style name with a subset tag, e.g. `KQZBAC+NotoSerifSC-Bold`.
    pub name: String,
    /// The subset font program (its glyphs numbered as [`subset_all`] was given them).
    pub bytes: Vec<u8>,
}

/// FNV-1a, for stable subset tags and file ids (no dependency, same on every platform).
pub(crate) fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// FNV-1a offset basis.
pub(crate) const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// Subset every face of `book` in `used` (one thread per face): each face's glyphs in the
/// order given (`.notdef` first), which are their ids in the subset.
pub(crate) fn subset_all(
    book: &Book,
    used: &BTreeMap<FaceId, Vec<(u16, String)>>,
) -> Result<Vec<Subset>, WriteError> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = used
            .iter()
            .map(|(&face, glyphs)| scope.spawn(move || subset_face(book, face, glyphs)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| WriteError::Failed("font subsetting panicked".into()))?
            })
            .collect()
    })
}

/// Subset one face to `glyphs`, numbered in their order.
fn subset_face(book: &Book, face: FaceId, glyphs: &[(u16, String)]) -> Result<Subset, WriteError> {
    let missing = || WriteError::Failed(format!("no font number {face}"));
    let (info, loaded) = (
        book.info(face).ok_or_else(missing)?,
        book.get(face).ok_or_else(missing)?,
    );
    // The file name, which the subset tag hashes: for a bundled face its name in `fonts/`
    // (as it always was), else the file's path and the face's index in it.
    let file = match info.origin.path() {
        None => fonts::bundled()
            .get(face)
            .map_or("", |f| f.file)
            .to_string(),
        Some(p) => format!("{}#{}", p.display(), info.index),
    };
    // .notdef first, then the used glyphs in the order the pages first show them; the
    // subsetters number the subset glyphs by their position in this list, which is what
    // the content was written with.
    let ids: Vec<u16> = glyphs.iter().map(|&(g, _)| g).collect();
    if ids.first() != Some(&0) {
        return Err(WriteError::Failed(format!(
            "font number {face}: its glyph list does not start with .notdef"
        )));
    }
    let program = fonts::subset::Program {
        data: loaded.data,
        index: loaded.index,
        file: &file,
    };
    let (bytes, map) = fonts::subset::subset_glyphs_for_pdf(program, &ids)
        .map_err(|e| WriteError::Failed(e.to_string()))?;
    let numbered = ids
        .iter()
        .enumerate()
        .all(|(i, g)| map.get(g).is_some_and(|&n| usize::from(n) == i));
    // A CID-keyed CFF subset is shown by CID: they must be its glyph ids too.
    let cids = printpdf::cff_charset_gid_to_cid_map(&bytes, 0)
        .is_none_or(|cid| cid.iter().all(|(g, c)| g == c));
    if !numbered || !cids {
        return Err(WriteError::Failed(format!(
            "the subset of font {file} does not keep the glyph numbering the pages use"
        )));
    }
    // The subset tag: six capitals from a hash of the face and its glyph set
    // (ISO 32000-1 §9.6.4), so equal inputs give equal bytes.
    let mut h = fnv1a(file.as_bytes(), FNV_BASIS);
    for id in &ids {
        h = fnv1a(&id.to_be_bytes(), h);
    }
    let tag: String = (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect();
    let ps_name = pdf_name(&info.post_script_name)
        .unwrap_or_else(|| pdf_name(&info.family().replace(' ', "")).unwrap_or_default());
    Ok(Subset {
        face,
        name: format!("{tag}+{ps_name}"),
        bytes,
    })
}

/// `name` as a PDF name's characters: printable ASCII without delimiters (a PostScript
/// name is that already); `None` if nothing is left.
fn pdf_name(name: &str) -> Option<String> {
    let out: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .collect();
    (!out.is_empty()).then_some(out)
}
