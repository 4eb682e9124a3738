//! The bundled faces, parsed once per process and shared read-only by every conversion
//! (no mutable global state: layout stays a pure function of its inputs).

use crate::fonts::{self, Weight};
use std::sync::OnceLock;

/// A face: its index in [`crate::fonts::bundled`].
pub type FaceId = usize;

/// A parsed face.
pub struct Loaded {
    /// The shaping face (derefs to the `ttf_parser::Face` for metrics).
    pub face: rustybuzz::Face<'static>,
    /// Units per em.
    pub upem: f32,
}

static FACES: OnceLock<Vec<Option<Loaded>>> = OnceLock::new();

/// All bundled faces, parsed (`None` for a face that failed to parse).
pub fn faces() -> &'static [Option<Loaded>] {
    FACES.get_or_init(|| {
        fonts::bundled()
            .iter()
            .map(|f| {
                rustybuzz::Face::from_slice(f.data, 0).map(|face| Loaded {
                    upem: face.units_per_em() as f32,
                    face,
                })
            })
            .collect()
    })
}

/// The parsed face `id`.
pub fn get(id: FaceId) -> Option<&'static Loaded> {
    faces().get(id).and_then(Option::as_ref)
}

/// The face of `family` with `weight`, if bundled and parseable.
pub fn find(family: &str, weight: Weight) -> Option<FaceId> {
    fonts::bundled()
        .iter()
        .position(|f| f.family.eq_ignore_ascii_case(family) && f.weight == weight)
        .filter(|&i| get(i).is_some())
}

/// Whether face `id` has a glyph for `c`.
pub fn covers(id: FaceId, c: char) -> bool {
    get(id).is_some_and(|l| l.face.glyph_index(c).is_some())
}

/// The faces to try for a character, in order: the `preferred` ones, the same weight in
/// the other bundled families, then any face at all.
pub fn fallback_chain(preferred: &[Option<FaceId>], weight: Weight) -> Vec<FaceId> {
    let mut chain: Vec<FaceId> = Vec::new();
    for &p in preferred.iter().flatten() {
        if !chain.contains(&p) {
            chain.push(p);
        }
    }
    let n = fonts::bundled().len();
    for pass_weight in [Some(weight), None] {
        for i in 0..n {
            let w = fonts::bundled()[i].weight;
            if pass_weight.is_none_or(|pw| pw == w) && !chain.contains(&i) && get(i).is_some() {
                chain.push(i);
            }
        }
    }
    chain
}
