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
    /// The subset font program.
    pub bytes: Vec<u8>,
    /// Original glyph id → subset glyph id.
    pub map: BTreeMap<u16, u16>,
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

/// Subset every face of `book` in `used` (one thread per face).
pub(crate) fn subset_all(
    book: &Book,
    used: &BTreeMap<FaceId, BTreeMap<u16, String>>,
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

/// Subset one face to `glyphs`.
fn subset_face(
    book: &Book,
    face: FaceId,
    glyphs: &BTreeMap<u16, String>,
) -> Result<Subset, WriteError> {
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
    // .notdef first, then the used glyphs in ascending order; the subsetters number the
    // subset glyphs by their position in this list.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&g| g != 0))
        .collect();
    let program = fonts::subset::Program {
        data: loaded.data,
        index: loaded.index,
        file: &file,
    };
    let (bytes, map) = fonts::subset::subset_glyphs_for_pdf(program, &ids)
        .map_err(|e| WriteError::Failed(e.to_string()))?;
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
        map,
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
