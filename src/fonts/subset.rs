//! Font subsetting: cut a face down to the glyphs a document uses (a full CJK face is
//! 10–15 MB; the glyphs of a report are a few hundred KB).
//!
//! Shared by the writers that embed fonts (DOCX; the PDF writer may use it too). Built on
//! allsorts; the subset keeps the tables of allsorts' "minimal" profile (cmap with Unicode
//! mappings for the kept glyphs, head, hhea, hmtx, maxp, name, OS/2, post) plus the hinting
//! tables — Word and LibreOffice need OS/2 and the real family name.

use super::Face;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tag;
use std::collections::BTreeSet;

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
/// a Unicode cmap for them. The output is a pure function of the inputs (byte-stable).
pub fn subset(face: &Face, chars: impl IntoIterator<Item = char>) -> Result<Vec<u8>, SubsetError> {
    subset_glyphs(face, &glyphs_for(face, chars))
}

/// Like [`subset`], from glyph ids (glyph 0 should come first).
pub fn subset_glyphs(face: &Face, glyphs: &[u16]) -> Result<Vec<u8>, SubsetError> {
    let parse_err = |e: &dyn std::fmt::Display| SubsetError::Parse {
        file: face.file,
        message: e.to_string(),
    };
    let font_data = ReadScope::new(face.data)
        .read::<FontData<'_>>()
        .map_err(|e| parse_err(&e))?;
    let provider = font_data.table_provider(0).map_err(|e| parse_err(&e))?;
    let profile = SubsetProfile::Custom(vec![
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
    ]);
    allsorts::subset::subset(&provider, glyphs, &profile, CmapTarget::Unicode).map_err(|e| {
        SubsetError::Subset {
            file: face.file,
            message: e.to_string(),
        }
    })
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
        // Same input, same bytes.
        assert_eq!(bytes, subset(face, text.chars()).unwrap());
    }
}
