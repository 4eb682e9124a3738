//! Font subsetting: cut a face down to the glyphs a document uses (a full CJK face is
//! 10–15 MB; the glyphs of a report are a few hundred KB).
//!
//! Shared by the writers that embed fonts (DOCX; the PDF writer may use it too). Built on
//! allsorts; the subset keeps the tables of allsorts' "minimal" profile (cmap with Unicode
//! mappings for the kept glyphs, head, hhea, hmtx, maxp, name, OS/2, post) plus the hinting
//! tables — Word and LibreOffice need OS/2 and the real family name.

use super::Face;
use allsorts::binary::read::ReadScope;
use allsorts::error::ParseError;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::FontTableProvider;
use allsorts::tag;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// Why a subset could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SubsetError {
    /// The face could not be parsed.
    #[error("cannot parse font {file}: {message}")]
    Parse {
        /// The face's file name.
        file: &'static str,
        /// What the parser said.
        message: String,
    },
    /// allsorts refused to subset.
    #[error("cannot subset font {file}: {message}")]
    Subset {
        /// The face's file name.
        file: &'static str,
        /// What allsorts said.
        message: String,
    },
}

/// The glyph ids that `face` uses for `chars`, sorted, with glyph 0 (`.notdef`) first.
/// Characters the face does not cover are skipped.
pub fn glyphs_for(face: &Face, chars: impl IntoIterator<Item = char>) -> Vec<u16> {
    let Ok(parsed) = face.parse() else {
        return vec![0];
    };
    let mut set = BTreeSet::new();
    for c in chars {
        if let Some(g) = parsed.glyph_index(c) {
            set.insert(g.0);
        }
    }
    set.remove(&0);
    std::iter::once(0).chain(set).collect()
}

/// A TrueType font holding only the glyphs `face` uses for `chars` (plus `.notdef`), with
/// a Unicode cmap for exactly those characters. The output is a pure function of the
/// inputs (byte-stable).
///
/// allsorts matches every mapping of the source cmap against the glyph list (65 000
/// mappings × the glyph count for a CJK face); handing it a cmap cut down to `chars`
/// first makes this several times faster.
pub fn subset(face: &Face, chars: impl IntoIterator<Item = char>) -> Result<Vec<u8>, SubsetError> {
    let parsed = face.parse().map_err(|e| SubsetError::Parse {
        file: face.file,
        message: e.to_string(),
    })?;
    let mut map = BTreeMap::new();
    for c in chars {
        if let Some(g) = parsed.glyph_index(c).filter(|g| g.0 != 0) {
            map.insert(u32::from(c), g.0);
        }
    }
    let glyphs: Vec<u16> = std::iter::once(0)
        .chain(map.values().copied().collect::<BTreeSet<u16>>())
        .collect();
    run(face, &glyphs, Some(cmap12(&map)))
}

/// Like [`subset`], from glyph ids (glyph 0 should come first); the subset's cmap keeps
/// every character of the source cmap that maps to one of them.
pub fn subset_glyphs(face: &Face, glyphs: &[u16]) -> Result<Vec<u8>, SubsetError> {
    run(face, glyphs, None)
}

/// A `cmap` table with one format 12 subtable (platform 3, encoding 10) for `map`.
fn cmap12(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    // Groups of consecutive characters with consecutive glyphs.
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for (&c, &g) in map {
        match groups.last_mut() {
            Some((start, end, glyph)) if *end + 1 == c && *glyph + (c - *start) == u32::from(g) => {
                *end = c
            }
            _ => groups.push((c, c, u32::from(g))),
        }
    }
    let len = 16 + 12 * groups.len() as u32;
    let mut t = Vec::with_capacity(12 + len as usize);
    t.extend_from_slice(&0u16.to_be_bytes()); // version
    t.extend_from_slice(&1u16.to_be_bytes()); // numTables
    t.extend_from_slice(&3u16.to_be_bytes()); // platform: Windows
    t.extend_from_slice(&10u16.to_be_bytes()); // encoding: Unicode full repertoire
    t.extend_from_slice(&12u32.to_be_bytes()); // offset
    t.extend_from_slice(&12u16.to_be_bytes()); // format
    t.extend_from_slice(&0u16.to_be_bytes()); // reserved
    t.extend_from_slice(&len.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes()); // language
    t.extend_from_slice(&(groups.len() as u32).to_be_bytes());
    for (start, end, glyph) in groups {
        t.extend_from_slice(&start.to_be_bytes());
        t.extend_from_slice(&end.to_be_bytes());
        t.extend_from_slice(&glyph.to_be_bytes());
    }
    t
}

/// A table provider that answers `cmap` with a replacement table.
struct WithCmap<'a, P> {
    inner: &'a P,
    cmap: Vec<u8>,
}

impl<P: FontTableProvider> FontTableProvider for WithCmap<'_, P> {
    fn table_data(&self, tag: u32) -> Result<Option<Cow<'_, [u8]>>, ParseError> {
        if tag == tag::CMAP {
            Ok(Some(Cow::Borrowed(&self.cmap)))
        } else {
            self.inner.table_data(tag)
        }
    }

    fn has_table(&self, tag: u32) -> bool {
        tag == tag::CMAP || self.inner.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        self.inner.table_tags()
    }
}

fn run(face: &Face, glyphs: &[u16], cmap: Option<Vec<u8>>) -> Result<Vec<u8>, SubsetError> {
    run_with(face, glyphs, cmap, office_profile())
}

/// The tables Word and LibreOffice need: allsorts' minimal set plus the hinting tables.
fn office_profile() -> SubsetProfile {
    SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::CVT,
        tag::FPGM,
        tag::PREP,
    ])
}

/// A subset for embedding in a PDF (allsorts' PDF profile: only the tables a PDF reader
/// uses) holding `glyphs` (glyph 0 first; the subset numbers them by position), with a
/// cmap limited to `map` (character → source glyph id). Limiting the cmap avoids allsorts'
/// slow match of the whole source cmap against the glyph list.
pub fn subset_glyphs_for_pdf(
    face: &Face,
    glyphs: &[u16],
    map: &BTreeMap<u32, u16>,
) -> Result<Vec<u8>, SubsetError> {
    run_with(face, glyphs, Some(cmap12(map)), SubsetProfile::Pdf)
}

fn run_with(
    face: &Face,
    glyphs: &[u16],
    cmap: Option<Vec<u8>>,
    profile: SubsetProfile,
) -> Result<Vec<u8>, SubsetError> {
    let parse_err = |e: &dyn std::fmt::Display| SubsetError::Parse {
        file: face.file,
        message: e.to_string(),
    };
    let font_data = ReadScope::new(face.data)
        .read::<FontData<'_>>()
        .map_err(|e| parse_err(&e))?;
    let provider = font_data.table_provider(0).map_err(|e| parse_err(&e))?;
    let subset_err = |e: allsorts::subset::SubsetError| SubsetError::Subset {
        file: face.file,
        message: e.to_string(),
    };
    let font = match cmap {
        Some(cmap) => {
            let provider = WithCmap {
                inner: &provider,
                cmap,
            };
            allsorts::subset::subset(&provider, glyphs, &profile, CmapTarget::Unicode)
        }
        None => allsorts::subset::subset(&provider, glyphs, &profile, CmapTarget::Unicode),
    }
    .map_err(subset_err)?;
    Ok(with_windows_cmap(&font).unwrap_or(font))
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The OpenType checksum of a table (big-endian u32 words, zero-padded).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// allsorts writes the subset's cmap under the Unicode platform only (0, 3/4); Windows
/// (Word's font loader) wants a Windows-platform record. Add a (3, 1) — or (3, 10) for a
/// format 12 subtable — record pointing at the same subtable, and rebuild the table
/// directory with fresh offsets and checksums. `None` when there is nothing to do or the
/// font is not laid out as expected.
fn with_windows_cmap(font: &[u8]) -> Option<Vec<u8>> {
    let num_tables = usize::from(be16(font, 4)?);
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(num_tables);
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        tables.push((tag, font.get(off..off + len)?.to_vec()));
    }
    let cmap = &mut tables.iter_mut().find(|(t, _)| t == b"cmap")?.1;
    let n = usize::from(be16(cmap, 2)?);
    let mut records = Vec::with_capacity(n + 1);
    for i in 0..n {
        let r = 4 + 8 * i;
        records.push((be16(cmap, r)?, be16(cmap, r + 2)?, be32(cmap, r + 4)?));
    }
    if records.iter().any(|r| r.0 == 3) {
        return None;
    }
    let &(_, _, offset) = records.first()?;
    let format = be16(cmap, offset as usize)?;
    let encoding = if format == 12 { 10 } else { 1 };
    records.push((3, encoding, offset));
    records.sort_unstable();
    let body_start = 4 + 8 * n;
    let mut new = Vec::with_capacity(cmap.len() + 8);
    new.extend_from_slice(&0u16.to_be_bytes());
    new.extend_from_slice(&(records.len() as u16).to_be_bytes());
    for (p, e, o) in &records {
        new.extend_from_slice(&p.to_be_bytes());
        new.extend_from_slice(&e.to_be_bytes());
        new.extend_from_slice(&(o + 8).to_be_bytes());
    }
    new.extend_from_slice(cmap.get(body_start..)?);
    *cmap = new;

    // Rebuild: header, directory, tables (4-byte aligned), then head.checkSumAdjustment.
    let mut out = font.get(..12)?.to_vec();
    let mut offset = 12 + 16 * num_tables;
    let mut head_at = None;
    for (tag, data) in &tables {
        let sum = if tag == b"head" {
            let mut d = data.clone();
            d.get_mut(8..12)?.copy_from_slice(&[0; 4]);
            head_at = Some(offset);
            checksum(&d)
        } else {
            checksum(data)
        };
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (tag, data) in &tables {
        let start = out.len();
        out.extend_from_slice(data);
        if tag == b"head" {
            out.get_mut(start + 8..start + 12)?.copy_from_slice(&[0; 4]);
        }
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    let head_at = head_at?;
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(all(test, feature = "bundled-fonts"))]
mod tests {
    use super::*;
    use crate::fonts::{find, Weight};

    #[test]
    fn subset_keeps_only_the_requested_characters() {
        let face = find("Noto Serif SC", Weight::Regular).unwrap();
        let text = "党的二十大精神“两个确立” ABC xyz 123";
        let bytes = subset(face, text.chars()).unwrap();
        assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
        let sub = ttf_parser::Face::parse(&bytes, 0).unwrap();
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            assert!(sub.glyph_index(c).is_some(), "{c} missing");
        }
        assert!(sub.glyph_index('国').is_none());
        let family = sub
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .and_then(|n| n.to_string());
        assert_eq!(family.as_deref(), Some("Noto Serif SC"));
        assert!(sub.tables().os2.is_some());
        // A Windows-platform cmap record, for Word on Windows.
        let platforms: Vec<_> = sub
            .tables()
            .cmap
            .unwrap()
            .subtables
            .into_iter()
            .map(|st| (st.platform_id, st.encoding_id))
            .collect();
        assert!(
            platforms.contains(&(ttf_parser::PlatformId::Windows, 1)),
            "{platforms:?}"
        );
        // head.checkSumAdjustment makes the whole-font checksum 0xB1B0AFBA.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
        // Same input, same bytes.
        assert_eq!(bytes, subset(face, text.chars()).unwrap());
        // The glyph-list variant keeps the same glyphs.
        let by_glyphs = subset_glyphs(face, &glyphs_for(face, text.chars())).unwrap();
        let other = ttf_parser::Face::parse(&by_glyphs, 0).unwrap();
        assert_eq!(other.number_of_glyphs(), sub.number_of_glyphs());
        assert!(other.glyph_index('党').is_some());
    }
}
