//! Font subsetting (through `fonts::subset`): only the glyphs a document uses are embedded.

use crate::fonts;
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

/// Subset every face in `used` (one thread per face).
pub(crate) fn subset_all(
    used: &BTreeMap<FaceId, BTreeMap<u16, String>>,
) -> Result<Vec<Subset>, WriteError> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = used
            .iter()
            .map(|(&face, glyphs)| scope.spawn(move || subset_face(face, glyphs)))
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
fn subset_face(face: FaceId, glyphs: &BTreeMap<u16, String>) -> Result<Subset, WriteError> {
    let f = fonts::bundled()
        .get(face)
        .ok_or_else(|| WriteError::Failed(format!("no font number {face}")))?;
    // .notdef first, then the used glyphs in ascending order; the subsetter numbers the subset
    // glyphs by their position in this list (glyf outlines).
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.keys().copied().filter(|&g| g != 0))
        .collect();
    let bytes = fonts::subset::subset_glyphs_for_pdf(f, &ids)
        .map_err(|e| WriteError::Failed(e.to_string()))?;
    let map = ids
        .iter()
        .enumerate()
        .map(|(new, &old)| (old, new as u16))
        .collect();
    // The subset tag: six capitals from a hash of the face and its glyph set
    // (ISO 32000-1 §9.6.4), so equal inputs give equal bytes.
    let mut h = fnv1a(f.file.as_bytes(), FNV_BASIS);
    for id in &ids {
        h = fnv1a(&id.to_be_bytes(), h);
    }
    let tag: String = (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect();
    let ps_name: String = format!(
        "{}-{}",
        f.family.replace(' ', ""),
        match f.weight {
            fonts::Weight::Regular => "Regular",
            fonts::Weight::Bold => "Bold",
        }
    );
    Ok(Subset {
        face,
        name: format!("{tag}+{ps_name}"),
        bytes,
        map,
    })
}
