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

/// One slot per bundled face, each parsed on first use: a conversion parses only the faces
/// it needs (a CLI run converts once, so this is most of its start-up cost).
static FACES: OnceLock<Vec<OnceLock<Option<Loaded>>>> = OnceLock::new();

/// The parsed face `id` (`None` if there is no such face or it does not parse).
pub fn get(id: FaceId) -> Option<&'static Loaded> {
    let slots = FACES.get_or_init(|| fonts::bundled().iter().map(|_| OnceLock::new()).collect());
    slots
        .get(id)?
        .get_or_init(|| {
            let f = fonts::bundled().get(id)?;
            rustybuzz::Face::from_slice(f.data, 0).map(|face| Loaded {
                upem: face.units_per_em() as f32,
                face,
            })
        })
        .as_ref()
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
            if pass_weight.is_none_or(|pw| pw == w) && !chain.contains(&i) {
                chain.push(i);
            }
        }
    }
    chain
}
