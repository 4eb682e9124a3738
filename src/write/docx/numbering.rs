//! `word/numbering.xml`: one abstract numbering per marker kind (bullets, numbers, open and
//! done task boxes), written only when used, and one numbering instance per ordered list
//! (so that each starts at its own number, and each bullet list is known as one), and one
//! per task-box kind.
//!
//! Markers match the PDF's: numbers `1.` at every level; bullets • ◦ ▪ by depth from the
//! heading face (the PDF draws a disc, circle and square of their size); task boxes □ and
//! ▣ (the bundled faces have no ☐/☑). Their glyphs are in the embedded subsets, so they show on any machine.
//! Paragraphs carry their own indents, so a list's level only chooses the marker.

use super::props::{twips, Ind, PPr, RPr};
use super::xml::{Xml, NS_R, NS_W};
use super::Writer;

/// A kind of marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Bullet,
    Ordered,
    Todo,
    Done,
}

const KINDS: [Kind; 4] = [Kind::Bullet, Kind::Ordered, Kind::Todo, Kind::Done];

/// The numbering instances, in the order made; `w:numId` = index + 1.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    nums: Vec<(Kind, Option<(u32, u64)>)>,
}

impl Numbering {
    fn shared(&mut self, kind: Kind) -> u32 {
        if let Some(i) = self
            .nums
            .iter()
            .position(|(k, s)| *k == kind && s.is_none())
        {
            return i as u32 + 1;
        }
        self.nums.push((kind, None));
        self.nums.len() as u32
    }

    /// A new bullet instance, one per list: two bullet lists in a row stay two when the
    /// file is read back.
    pub fn bullet(&mut self) -> u32 {
        self.nums.push((Kind::Bullet, None));
        self.nums.len() as u32
    }

    /// A new instance for an ordered list at level `ilvl` starting at `start`.
    pub fn ordered(&mut self, ilvl: u32, start: u64) -> u32 {
        self.nums.push((Kind::Ordered, Some((ilvl, start))));
        self.nums.len() as u32
    }

    /// The task-box instance, open or done.
    pub fn task(&mut self, done: bool) -> u32 {
        self.shared(if done { Kind::Done } else { Kind::Todo })
    }
}

/// The gap between a list marker's right edge and the item's text, in points.
pub(crate) fn marker_gap(style: &crate::style::Style) -> f32 {
    crate::style::Style::LIST_MARKER_GAP_EM * style.body.size
}

impl Writer<'_, '_> {
    /// `word/numbering.xml`, or `None` when the document has no list.
    pub fn numbering_xml(&mut self) -> Option<String> {
        if self.numbering.nums.is_empty() {
            return None;
        }
        let style = self.style;
        let hang = twips(style.list_hang(None));
        let gap = twips(marker_gap(style));
        let body = self.faces.body.clone();
        let heading = self.faces.heading(1).clone();
        let mut x = Xml::new();
        x.open("w:numbering")
            .attr("xmlns:w", NS_W)
            .attr("xmlns:r", NS_R);
        let used: Vec<Kind> = KINDS
            .iter()
            .copied()
            .filter(|k| self.numbering.nums.iter().any(|(n, _)| n == k))
            .collect();
        for &kind in &used {
            if kind == Kind::Ordered {
                // Numbers are set in the paragraph's face, regular or bold.
                self.use_chars(&body, false, "0123456789.");
                self.use_chars(&body, true, "0123456789.");
            }
            x.open("w:abstractNum").attr("w:abstractNumId", kind as u32);
            x.empty("w:multiLevelType", &[("w:val", "multilevel")]);
            for lvl in 0..9u32 {
                // Markers at the text's size (so they sit on its line): bullets from the
                // heading face, whose • ◦ ▪ are the size of the PDF's drawn disc, circle and
                // square; task boxes □ ▣ from the body face.
                let (fmt, text, face) = match kind {
                    Kind::Bullet => (
                        "bullet",
                        ["•", "◦", "▪"][lvl as usize % 3].to_string(),
                        Some(&heading),
                    ),
                    Kind::Ordered => ("decimal", format!("%{}.", lvl + 1), None),
                    Kind::Todo => ("bullet", "□".to_string(), Some(&body)),
                    Kind::Done => ("bullet", "▣".to_string(), Some(&body)),
                };
                if let Some(f) = face {
                    self.use_chars(f, false, &text);
                }
                x.open("w:lvl").attr("w:ilvl", lvl);
                x.empty("w:start", &[("w:val", "1")]);
                x.empty("w:numFmt", &[("w:val", fmt)]);
                x.empty("w:lvlText", &[("w:val", &text)]);
                x.empty("w:lvlJc", &[("w:val", "right")]);
                PPr {
                    ind: Ind {
                        left: Some(hang * (lvl as i32 + 1)),
                        hanging: Some(gap),
                        ..Ind::default()
                    },
                    ..PPr::default()
                }
                .write(&mut x);
                RPr {
                    fonts: face.cloned(),
                    bold: face.map(|_| false),
                    ..RPr::default()
                }
                .write(&mut x);
                x.close();
            }
            x.close();
        }
        for (i, (kind, start)) in self.numbering.nums.iter().enumerate() {
            x.open("w:num").attr("w:numId", i + 1);
            x.empty("w:abstractNumId", &[("w:val", &(*kind as u32).to_string())]);
            if let Some((ilvl, start)) = start {
                x.open("w:lvlOverride").attr("w:ilvl", ilvl);
                // ST_DecimalNumber is a 32-bit integer.
                x.open("w:startOverride")
                    .attr("w:val", (*start).min(i32::MAX as u64))
                    .close();
                x.close();
            }
            x.close();
        }
        x.close();
        Some(x.finish())
    }
}
