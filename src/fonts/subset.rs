//! Font subsetting: cut a face down to the glyphs a document uses (a full CJK face is
//! 10–15 MB; the glyphs of a report are a few hundred KB).
//!
//! Shared by the writers that embed fonts (DOCX, PDF). TrueType faces go through the
//! project's own subsetter (`ttf.rs`), which reads only the glyph records it keeps; CFF
//! faces (OpenType `.otf`) through the `subsetter` crate, for the PDF only. A DOCX subset
//! keeps what Word and LibreOffice need to use the face: a Windows Unicode cmap, OS/2 and
//! the real family name, the hinting tables; a PDF subset only outlines, metrics and
//! hinting.

use super::ttf::{self, Keep};
use super::Face;
use std::collections::{BTreeMap, BTreeSet};

/// One face of a font file, as the subsetters read it.
#[derive(Debug, Clone, Copy)]
pub struct Program<'a> {
    /// The font file (a whole collection for a face of a `.ttc`).
    pub data: &'a [u8],
    /// The face's index in `data`.
    pub index: u32,
    /// The file's name, for messages.
    pub file: &'a str,
}

impl<'a> From<&'a Face> for Program<'a> {
    fn from(face: &'a Face) -> Self {
        Program {
            data: face.data,
            index: 0,
            file: face.file,
        }
    }
}

impl Program<'_> {
    fn parse(&self) -> Result<ttf_parser::Face<'_>, SubsetError> {
        ttf_parser::Face::parse(self.data, self.index).map_err(|e| SubsetError::Parse {
            file: self.file.to_string(),
            message: e.to_string(),
        })
    }
}

/// `face`'s glyph for a character, as `ttf_parser::Face::glyph_index` finds it (the first
/// Unicode subtable that maps it), with the subtables parsed once.
fn unicode_cmap<'a>(face: &ttf_parser::Face<'a>) -> impl Fn(char) -> Option<u16> + use<'a> {
    let subtables: Vec<ttf_parser::cmap::Subtable<'a>> = face
        .tables()
        .cmap
        .map(|c| c.subtables.into_iter().filter(|s| s.is_unicode()).collect())
        .unwrap_or_default();
    move |c| {
        subtables
            .iter()
            .find_map(|s| s.glyph_index(u32::from(c)))
            .map(|g| g.0)
    }
}

/// Why a subset could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SubsetError {
    /// The face could not be parsed.
    #[error("cannot parse font {file}: {message}")]
    Parse {
        /// The face's file name.
        file: String,
        /// What the parser said.
        message: String,
    },
    /// The face's tables could not be subset.
    #[error("cannot subset font {file}: {message}")]
    Subset {
        /// The face's file name.
        file: String,
        /// What went wrong.
        message: String,
    },
}

/// The glyph ids that `face` uses for `chars`, sorted, with glyph 0 (`.notdef`) first.
/// Characters the face does not cover are skipped.
pub fn glyphs_for<'a>(
    face: impl Into<Program<'a>>,
    chars: impl IntoIterator<Item = char>,
) -> Vec<u16> {
    let program = face.into();
    let Ok(parsed) = program.parse() else {
        return vec![0];
    };
    let glyph_index = unicode_cmap(&parsed);
    let mut set: BTreeSet<u16> = chars.into_iter().filter_map(glyph_index).collect();
    set.remove(&0);
    std::iter::once(0).chain(set).collect()
}

/// A font holding only the glyphs `face` uses for `chars` (plus `.notdef`), with a
/// Unicode cmap for exactly those characters. The output is a pure function of the inputs
/// (byte-stable). A CFF face gives an OpenType (`OTTO`) font: the `subsetter` crate's CFF
/// subset given the face's `OS/2` and `name` tables and the cmap.
pub fn subset<'a>(
    face: impl Into<Program<'a>>,
    chars: impl IntoIterator<Item = char>,
) -> Result<Vec<u8>, SubsetError> {
    let program = face.into();
    let parsed = program.parse()?;
    let glyph_index = unicode_cmap(&parsed);
    // (Collected: a sorted input is built in one pass; a repeated character maps alike.)
    let map: BTreeMap<u32, u16> = chars
        .into_iter()
        .filter_map(|c| Some((u32::from(c), glyph_index(c).filter(|&g| g != 0)?)))
        .collect();
    let glyphs: Vec<u16> = std::iter::once(0)
        .chain(map.values().copied().collect::<BTreeSet<u16>>())
        .collect();
    if parsed.tables().glyf.is_none() && parsed.tables().cff.is_some() {
        return cff_for_office(&program, &parsed, &glyphs, &map);
    }
    run(&program, &glyphs, Keep::Office(&map)).map(|(font, _)| font)
}

/// A CFF face's subset for a word processor: the PDF subset plus `cmap`, `OS/2`, `name`.
fn cff_for_office(
    program: &Program,
    parsed: &ttf_parser::Face,
    glyphs: &[u16],
    chars: &BTreeMap<u32, u16>,
) -> Result<Vec<u8>, SubsetError> {
    let (font, new_id) = cff_for_pdf(program, glyphs)?;
    let mapped: BTreeMap<u32, u16> = chars
        .iter()
        .filter_map(|(&c, g)| Some((c, *new_id.get(g)?)))
        .collect();
    let mut extra = vec![(*b"cmap", ttf::cmap_table(&mapped))];
    for tag in [b"OS/2", b"name"] {
        if let Some(t) = parsed.raw_face().table(ttf_parser::Tag::from_bytes(tag)) {
            extra.push((*tag, t.to_vec()));
        }
    }
    ttf::with_tables(&font, extra).ok_or_else(|| SubsetError::Subset {
        file: program.file.to_string(),
        message: "cannot read back the CFF subset".into(),
    })
}

/// Like [`subset`], from glyph ids (glyph 0 should come first); the subset's cmap keeps
/// every character of the source cmap that maps to one of them.
pub fn subset_glyphs<'a>(
    face: impl Into<Program<'a>>,
    glyphs: &[u16],
) -> Result<Vec<u8>, SubsetError> {
    let program = face.into();
    let parsed = program.parse()?;
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
    run(&program, glyphs, Keep::Office(&map)).map(|(font, _)| font)
}

/// A subset for embedding in a PDF (only the tables a PDF reader uses, no `cmap`) holding
/// `glyphs` (glyph 0 first), and each source glyph's id in it (the listed glyphs are
/// numbered by position). TrueType faces come out as TrueType; CFF faces as an OpenType
/// font with CID-keyed CFF outlines whose CIDs are the subset's glyph ids (the `subsetter`
/// crate).
pub fn subset_glyphs_for_pdf<'a>(
    face: impl Into<Program<'a>>,
    glyphs: &[u16],
) -> Result<(Vec<u8>, BTreeMap<u16, u16>), SubsetError> {
    let program = face.into();
    let parsed = program.parse()?;
    if parsed.tables().glyf.is_none() && parsed.tables().cff.is_some() {
        return cff_for_pdf(&program, glyphs);
    }
    run(&program, glyphs, Keep::Pdf)
}

/// A CFF face's PDF subset, through the `subsetter` crate.
fn cff_for_pdf(
    program: &Program,
    glyphs: &[u16],
) -> Result<(Vec<u8>, BTreeMap<u16, u16>), SubsetError> {
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    for &g in glyphs {
        remapper.remap(g);
    }
    let bytes = subsetter::subset(program.data, program.index, &remapper).map_err(|e| {
        SubsetError::Subset {
            file: program.file.to_string(),
            message: e.to_string(),
        }
    })?;
    let map = std::iter::once(0)
        .chain(glyphs.iter().copied())
        .filter_map(|g| Some((g, remapper.get(g)?)))
        .collect();
    Ok((bytes, map))
}

fn run(
    program: &Program,
    glyphs: &[u16],
    keep: Keep,
) -> Result<(Vec<u8>, BTreeMap<u16, u16>), SubsetError> {
    ttf::subset(program.data, program.index, glyphs, keep).ok_or_else(|| SubsetError::Subset {
        file: program.file.to_string(),
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
