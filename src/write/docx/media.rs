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
    /// The image (its file is the part's content).
    pub picture: Arc<crate::images::Picture>,
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

impl Writer<'_, '_> {
    /// The drawing of the image at `url` (alt text `alt`, title `title`) set `indent` points in above a caption
    /// `caption_h` points tall, or `None` when it cannot be used (the warning was given
    /// when the images were read).
    pub fn image(
        &mut self,
        url: &str,
        alt: &str,
        title: &str,
        indent: f32,
        caption_h: f32,
    ) -> Option<Drawing> {
        let (image, picture) = self.images.get(url)?;
        let index = match self.media.by_image.get(&image) {
            Some(&i) => i,
            None => {
                let i = self.media.items.len();
                self.media.items.push(MediaItem {
                    part: format!("media/image{}.{}", i + 1, picture.format.extension()),
                    picture: Arc::clone(picture),
                });
                self.media.by_image.insert(image, i);
                i
            }
        };
        let item = &self.media.items[index];
        let (pw, ph) = (
            item.picture.width as f32 * 0.75,
            item.picture.height as f32 * 0.75,
        );
        let (w, h) = crate::layout::fit_image(pw, ph, indent, caption_h, self.style);
        let part = item.part.clone();
        let name = part.trim_start_matches("media/").to_string();
        let rid = self.rel(REL_IMAGE, &part, false, "rIdImage");
        let id = self.next_drawing;
        self.next_drawing += 1;
        Some(Drawing {
            rid,
            id,
            cx: (w * 12700.0).round() as i64,
            cy: (h * 12700.0).round() as i64,
            descr: alt.to_string(),
            title: title.to_string(),
            name,
        })
    }
}
