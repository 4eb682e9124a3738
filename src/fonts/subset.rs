//! Font subsetting: cut a face down to the glyphs a document uses (a full CJK face is
//! 10–15 MB; the glyphs of a report are a few hundred KB).
//!
//! Shared by the writers that embed fonts (DOCX, PDF), on the project's own TrueType
//! subsetter (`ttf.rs`), which reads only the glyph records it keeps. A DOCX subset keeps
//! what Word and LibreOffice need to use the face: a Windows Unicode cmap, OS/2 and the
//! real family name, the hinting tables; a PDF subset only outlines, metrics and hinting.

use super::ttf::{self, Keep};
use super::Face;
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
    /// The face's tables could not be subset.
    #[error("cannot subset font {file}: {message}")]
    Subset {
        /// The face's file name.
        file: &'static str,
        /// What went wrong.
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
    run(face, &glyphs, Keep::Office(&map))
}

/// Like [`subset`], from glyph ids (glyph 0 should come first); the subset's cmap keeps
/// every character of the source cmap that maps to one of them.
pub fn subset_glyphs(face: &Face, glyphs: &[u16]) -> Result<Vec<u8>, SubsetError> {
    let parsed = face.parse().map_err(|e| SubsetError::Parse {
        file: face.file,
        message: e.to_string(),
    })?;
    let wanted: BTreeSet<u16> = glyphs.iter().copied().collect();
    let mut map = BTreeMap::new();
    if let Some(cmap) = parsed.tables().cmap {
        for st in cmap.subtables.into_iter().filter(|st| st.is_unicode()) {
            st.codepoints(|c| {
                if let Some(g) = st.glyph_index(c).filter(|g| wanted.contains(&g.0)) {
                    map.entry(c).or_insert(g.0);
                }
            });
        }
    }
    run(face, glyphs, Keep::Office(&map))
}

/// A subset for embedding in a PDF (only the tables a PDF reader uses, no `cmap`) holding
/// `glyphs` (glyph 0 first; the subset numbers them by position).
pub fn subset_glyphs_for_pdf(face: &Face, glyphs: &[u16]) -> Result<Vec<u8>, SubsetError> {
    run(face, glyphs, Keep::Pdf)
}

fn run(face: &Face, glyphs: &[u16], keep: Keep) -> Result<Vec<u8>, SubsetError> {
    ttf::subset(face.data, glyphs, keep)
        .map(|(font, _)| font)
        .ok_or_else(|| SubsetError::Subset {
            file: face.file,
            message: "not a TrueType face this subsetter can read (no glyf/loca)".into(),
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
        assert_eq!(ttf::checksum(&bytes), 0xB1B0_AFBA);
        // Same input, same bytes.
        assert_eq!(bytes, subset(face, text.chars()).unwrap());
        // The glyph-list variant keeps the same glyphs.
        let by_glyphs = subset_glyphs(face, &glyphs_for(face, text.chars())).unwrap();
        let other = ttf_parser::Face::parse(&by_glyphs, 0).unwrap();
        assert_eq!(other.number_of_glyphs(), sub.number_of_glyphs());
        assert!(other.glyph_index('党').is_some());
    }

    /// The points of an outline.
    #[derive(Default)]
    struct Points(Vec<(i32, i32)>);

    impl ttf_parser::OutlineBuilder for Points {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn close(&mut self) {}
    }

    #[test]
    fn composite_glyphs_bring_their_components_renumbered() {
        // Noto Sans Mono builds accented letters from components.
        let face = find("Noto Sans Mono", Weight::Regular).unwrap();
        let src = face.parse().unwrap();
        let bytes = subset(face, "Àé".chars()).unwrap();
        let sub = ttf_parser::Face::parse(&bytes, 0).unwrap();
        // .notdef, the two letters, and at least their base letters and accents.
        assert!(sub.number_of_glyphs() >= 5, "{}", sub.number_of_glyphs());
        assert!(sub.number_of_glyphs() < 20);
        for c in ['À', 'é'] {
            let g = sub.glyph_index(c).expect("mapped");
            let src_g = src.glyph_index(c).unwrap();
            assert_eq!(sub.glyph_hor_advance(g), src.glyph_hor_advance(src_g));
            // The outline is resolved through the renumbered components: the same points.
            let (mut a, mut b) = (Points::default(), Points::default());
            sub.outline_glyph(g, &mut a).expect("outline");
            src.outline_glyph(src_g, &mut b).unwrap();
            assert!(!a.0.is_empty());
            assert_eq!(a.0, b.0, "{c}: outline differs");
        }
        assert_eq!(ttf::checksum(&bytes), 0xB1B0_AFBA);
    }
}
