//! The fonts in `fonts/`, embedded into the binary. See `fonts/README.md` for their source
//! and licence (SIL Open Font License 1.1).

use super::{Face, Weight};

macro_rules! face {
    ($family:expr, $weight:expr, $file:expr) => {
        Face {
            family: $family,
            weight: $weight,
            file: $file,
            data: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $file)),
        }
    };
}

/// All bundled faces.
pub static FACES: &[Face] = &[
    face!("Noto Serif SC", Weight::Regular, "NotoSerifSC-Regular.ttf"),
    face!("Noto Serif SC", Weight::Bold, "NotoSerifSC-Bold.ttf"),
    face!("Noto Sans SC", Weight::Regular, "NotoSansSC-Regular.ttf"),
    face!("Noto Sans SC", Weight::Bold, "NotoSansSC-Bold.ttf"),
    face!(
        "Noto Sans Mono",
        Weight::Regular,
        "NotoSansMono-Regular.ttf"
    ),
    face!("Noto Sans Mono", Weight::Bold, "NotoSansMono-Bold.ttf"),
    // Latin-first faces for English documents (the `report` style), after the others so
    // that they are the last fallback for any character.
    face!("Noto Serif", Weight::Regular, "NotoSerif-Regular.ttf"),
    face!("Noto Serif", Weight::Bold, "NotoSerif-Bold.ttf"),
    face!("Noto Sans", Weight::Regular, "NotoSans-Regular.ttf"),
    face!("Noto Sans", Weight::Bold, "NotoSans-Bold.ttf"),
];
