//! Images: the checked images of [`crate::images`], stored as one media part each however
//! often they are used, and drawn at the size the PDF gives them.

use super::model::Drawing;
use super::{Writer, REL_IMAGE};
use std::collections::HashMap;
use std::sync::Arc;

/// One image part.
#[derive(Debug, Clone)]
pub(crate) struct MediaItem {
    /// Part name under `word/`, e.g. `media/image1.png`.
    pub part: String,
    /// The image (its file is the part's content; for an SVG image, its PNG fallback is,
    /// and the file is the part `svg_part`).
    pub picture: Arc<crate::images::Picture>,
    /// For an SVG image: the part of the SVG file (`media/image1.svg`).
    pub svg_part: Option<String>,
}

impl MediaItem {
    /// The parts of this item and their contents.
    pub fn parts(&self) -> Vec<(&str, &[u8])> {
        match (&self.picture.data, &self.svg_part) {
            (crate::images::PictureData::Svg { png, .. }, Some(svg)) => vec![
                (self.part.as_str(), png.as_slice()),
                (svg.as_str(), self.picture.file.as_slice()),
            ],
            _ => vec![(self.part.as_str(), self.picture.file.as_slice())],
        }
    }
}

/// The image parts of the document.
#[derive(Debug, Default)]
pub(crate) struct Media {
    pub items: Vec<MediaItem>,
    /// Index in [`crate::images::Images`] → index into `items`.
    by_image: HashMap<usize, usize>,
}

impl Media {
    /// Whether a part with this extension is present.
    pub fn has(&self, ext: &str) -> bool {
        self.items.iter().any(|m| m.part.ends_with(ext))
    }
}

/// Where a picture goes: a figure's paragraph, or a line of text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Placement {
    /// A figure `indent` points in above a caption `caption_h` points tall.
    Figure { indent: f32, caption_h: f32 },
    /// In running text of `size` points, `indent` points in: at the height of the text.
    Inline { size: f32, indent: f32 },
}

impl Writer<'_, '_> {
    /// The drawing of `img` placed as `placement`, or `None` when it cannot be used (the
    /// warning was given when the images were read). The size is the PDF's.
    pub fn image(&mut self, img: &crate::doc::Image, placement: Placement) -> Option<Drawing> {
        let (image, picture) = self.images.get(&img.url)?;
        let index = match self.media.by_image.get(&image) {
            Some(&i) => i,
            None => {
                let i = self.media.items.len();
                let svg = picture.format == crate::images::PictureFormat::Svg;
                // An SVG image is a PNG (what every reader shows) with the SVG beside it
                // (what Word 2016 and later draw), as Word itself stores one.
                let ext = if svg {
                    "png"
                } else {
                    picture.format.extension()
                };
                self.media.items.push(MediaItem {
                    part: format!("media/image{}.{ext}", i + 1),
                    picture: Arc::clone(picture),
                    svg_part: svg.then(|| format!("media/image{}.svg", i + 1)),
                });
                self.media.by_image.insert(image, i);
                i
            }
        };
        let item = &self.media.items[index];
        let measure = |indent: f32| self.style.measure() - indent;
        let natural =
            |indent: f32| crate::images::natural_size(&item.picture, &img.size, measure(indent));
        let (w, h) = match placement {
            Placement::Figure { indent, caption_h } => {
                let (nw, nh) = natural(indent);
                crate::layout::fit_image(nw, nh, indent, caption_h, self.style)
            }
            Placement::Inline { size, indent } => {
                crate::images::inline_size(natural(indent), size, measure(indent))
            }
        };
        let part = item.part.clone();
        let svg_part = item.svg_part.clone();
        let name = part.trim_start_matches("media/").to_string();
        let rid = self.rel(REL_IMAGE, &part, false, "rIdImage");
        let svg_rid = svg_part.map(|p| self.rel(REL_IMAGE, &p, false, "rIdImage"));
        let id = self.next_drawing;
        self.next_drawing += 1;
        Some(Drawing {
            rid,
            svg_rid,
            id,
            cx: (w * 12700.0).round() as i64,
            cy: (h * 12700.0).round() as i64,
            descr: crate::doc::inlines_text(&img.alt),
            title: img.title.clone(),
            name,
        })
    }
}
