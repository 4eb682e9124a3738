//! Marks the engine draws rather than sets, since the bundled faces lack them or set them
//! too small: list bullets (disc, circle, square by depth), task boxes (☐ / ☑) and the
//! hooked arrow (↵) at the end of a wrapped code line. Each is a function of where it goes
//! and the text size `s`.

use super::Stroke;

/// The bullet of a list at bullet depth `depth` (0 = outermost), centred 0.75 em left of
/// the text at `text_x`, on the text's x-height middle above baseline `base`.
pub(crate) fn bullet(depth: u8, text_x: f32, base: f32, s: f32) -> Stroke {
    let (cx, cy) = (text_x - 0.75 * s, base - 0.34 * s);
    let (points, closed, width) = match depth % 3 {
        // A disc: a dot drawn with a round cap.
        0 => (vec![(cx, cy), (cx, cy)], false, 0.3 * s),
        // A circle.
        1 => (
            (0..16)
                .map(|k| {
                    let a = k as f32 * std::f32::consts::PI / 8.0;
                    (cx + 0.12 * s * a.cos(), cy + 0.12 * s * a.sin())
                })
                .collect(),
            true,
            0.05 * s,
        ),
        // A square.
        _ => {
            let r = 0.06 * s;
            (
                vec![
                    (cx - r, cy - r),
                    (cx + r, cy - r),
                    (cx + r, cy + r),
                    (cx - r, cy + r),
                ],
                true,
                0.12 * s,
            )
        }
    };
    Stroke {
        points,
        closed,
        width,
    }
}

/// A task box ending 0.45 em left of the text, with a check mark when `checked`.
pub(crate) fn task_box(checked: bool, text_x: f32, base: f32, s: f32) -> Vec<Stroke> {
    let side = 0.72 * s;
    let x1 = text_x - 0.45 * s;
    let x0 = x1 - side;
    let y1 = base + 0.08 * s;
    let y0 = y1 - side;
    let mut out = vec![Stroke {
        points: vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
        closed: true,
        width: 0.06 * s,
    }];
    if checked {
        out.push(Stroke {
            points: vec![
                (x0 + 0.18 * side, y0 + 0.5 * side),
                (x0 + 0.42 * side, y0 + 0.76 * side),
                (x0 + 0.86 * side, y0 + 0.2 * side),
            ],
            closed: false,
            width: 0.1 * s,
        });
    }
    out
}

/// The hooked arrow right of a wrapped code line whose measure ends at `right`.
pub(crate) fn wrap_arrow(right: f32, base: f32, s: f32) -> [Stroke; 2] {
    let x = right + 0.3 * s;
    let w = 0.06 * s;
    [
        Stroke {
            points: vec![
                (x + 0.6 * s, base - 0.65 * s),
                (x + 0.6 * s, base - 0.2 * s),
                (x, base - 0.2 * s),
            ],
            closed: false,
            width: w,
        },
        Stroke {
            points: vec![
                (x + 0.2 * s, base - 0.38 * s),
                (x, base - 0.2 * s),
                (x + 0.2 * s, base - 0.02 * s),
            ],
            closed: false,
            width: w,
        },
    ]
}
