//! Fonts: the bundled Noto faces (feature `bundled-fonts`) and the [`Book`] of every face a
//! conversion may use (bundled, `--font-dir`, system), looked up by family and weight.
//! Font bytes are `'static`, so they are loaded once per process and shared freely across
//! threads.

pub mod book;
#[cfg(feature = "bundled-fonts")]
mod bundled;
pub mod subset;
mod ttf;

pub use book::{Book, Embedding, FaceId, FaceInfo, Found, Loaded, Origin, Outline};

/// Weight of a face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    /// 400.
    Regular,
    /// 700.
    Bold,
}

/// A font face: its family name, weight and TrueType bytes.
#[derive(Debug, Clone, Copy)]
pub struct Face {
    /// Family name as in the font's `name` table, e.g. `Noto Serif SC`.
    pub family: &'static str,
    /// Weight.
    pub weight: Weight,
    /// The file name it came from (for messages).
    pub file: &'static str,
    /// The font file.
    pub data: &'static [u8],
}

impl Face {
    /// Parse the face with `ttf-parser` (cheap: no tables are copied).
    pub fn parse(&self) -> Result<ttf_parser::Face<'static>, ttf_parser::FaceParsingError> {
        ttf_parser::Face::parse(self.data, 0)
    }
}

/// Every face this build carries (empty without the `bundled-fonts` feature).
pub fn bundled() -> &'static [Face] {
    #[cfg(feature = "bundled-fonts")]
    {
        bundled::FACES
    }
    #[cfg(not(feature = "bundled-fonts"))]
    {
        &[]
    }
}

/// The bundled face of `family` with `weight`, if present (the whole book:
/// [`Book::find`]).
pub fn find(family: &str, weight: Weight) -> Option<&'static Face> {
    bundled()
        .iter()
        .find(|f| f.family.eq_ignore_ascii_case(family) && f.weight == weight)
}

#[cfg(all(test, feature = "bundled-fonts"))]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_parse_and_cover_chinese() {
        assert_eq!(bundled().len(), 10);
        for family in ["Noto Serif SC", "Noto Sans SC"] {
            for weight in [Weight::Regular, Weight::Bold] {
                let face = find(family, weight).expect(family).parse().unwrap();
                assert!(face.number_of_glyphs() > 30_000);
                assert!(face.glyph_index('党').is_some());
                assert!(face.glyph_index('“').is_some());
            }
        }
        let mono = find("Noto Sans Mono", Weight::Regular)
            .unwrap()
            .parse()
            .unwrap();
        assert!(mono.glyph_index('{').is_some());
    }
}
