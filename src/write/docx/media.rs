//! Images: read once per URL, checked (PNG or JPEG, its pixel size), stored as one media
//! part however often it is used, and drawn at the size the PDF gives it.

use super::model::Drawing;
use super::{Writer, REL_IMAGE};
use crate::diag::WarningKind;
use std::collections::HashMap;

/// One image part.
#[derive(Debug, Clone)]
pub(crate) struct MediaItem {
    /// Part name under `word/`, e.g. `media/image1.png`.
    pub part: String,
    pub data: Vec<u8>,
    /// Pixel size.
    pub px: (u32, u32),
}

/// The images of the document, by URL (`None`: could not be used).
#[derive(Debug, Default)]
pub(crate) struct Media {
    pub items: Vec<MediaItem>,
    by_url: HashMap<String, Option<usize>>,
}

impl Media {
    /// Whether a part with this extension is present.
    pub fn has(&self, ext: &str) -> bool {
        self.items.iter().any(|m| m.part.ends_with(ext))
    }
}

impl Writer<'_, '_> {
    /// The drawing of the image at `url` set `indent` points in above a caption
    /// `caption_h` points tall, or `None` (with a warning) when it cannot be used.
    pub fn image(&mut self, url: &str, alt: &str, indent: f32, caption_h: f32) -> Option<Drawing> {
        let index = match self.media.by_url.get(url) {
            Some(known) => (*known)?,
            None => {
                let loaded = self.load(url);
                self.media.by_url.insert(url.to_string(), loaded);
                loaded?
            }
        };
        let item = &self.media.items[index];
        let (pw, ph) = (item.px.0 as f32 * 0.75, item.px.1 as f32 * 0.75);
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
            name,
        })
    }

    fn load(&mut self, url: &str) -> Option<usize> {
        let warn = |w: &mut Self, why: String| {
            w.diag.warn_as(
                WarningKind::Image,
                format!("image {url}: {why}; its alt text is shown instead"),
            );
            None
        };
        let data = match crate::resource::read(url, self.base_dir) {
            Ok(d) => d,
            Err(e) => return warn(self, e),
        };
        let ext = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            "png"
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "jpeg"
        } else {
            return warn(self, "not a PNG or JPEG file".into());
        };
        let dims = image::ImageReader::new(std::io::Cursor::new(&data))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok());
        let Some((pw, ph)) = dims.filter(|(w, h)| *w > 0 && *h > 0) else {
            return warn(self, format!("not a readable {} file", ext.to_uppercase()));
        };
        let index = self.media.items.len();
        self.media.items.push(MediaItem {
            part: format!("media/image{}.{ext}", index + 1),
            data,
            px: (pw, ph),
        });
        Some(index)
    }
}
