//! Figures: load the PNG and JPEG files a document shows, once each. A missing or
//! unreadable image is a warning; its alt text is printed in its place.

use super::flow::Flow;
use super::{Picture, PictureData};
use crate::diag::WarningKind;
use crate::Diagnostics;
use std::collections::HashMap;
use std::path::Path;

/// The images of a document.
#[derive(Debug, Default)]
pub(crate) struct Pictures {
    /// The decoded images.
    pub list: Vec<Picture>,
    /// Image URL as written → index into `list` (only the ones that loaded).
    pub index: HashMap<String, usize>,
}

/// Load every figure's image, relative paths against `base_dir`.
pub(crate) fn load_all(
    flows: &[Flow],
    base_dir: Option<&Path>,
    diag: &mut Diagnostics,
) -> Pictures {
    let mut out = Pictures::default();
    let mut failed: Vec<&str> = Vec::new();
    for f in flows {
        let Flow::Figure(fig) = f else { continue };
        if out.index.contains_key(&fig.url) || failed.contains(&fig.url.as_str()) {
            continue;
        }
        match load(&fig.url, base_dir) {
            Ok(p) => {
                out.index.insert(fig.url.clone(), out.list.len());
                out.list.push(p);
            }
            Err(e) => {
                diag.warn_as(
                    WarningKind::Image,
                    format!("image {}: {e}; its alt text is shown instead", fig.url),
                );
                failed.push(&fig.url);
            }
        }
    }
    out
}

/// Read and decode one image.
fn load(url: &str, base_dir: Option<&Path>) -> Result<Picture, String> {
    let bytes = crate::resource::read(url, base_dir)?;
    let format = image::guess_format(&bytes).map_err(|e| e.to_string())?;
    let img = image::load_from_memory_with_format(&bytes, format).map_err(|e| e.to_string())?;
    let (width, height) = (img.width(), img.height());
    if width == 0 || height == 0 {
        return Err("empty image".into());
    }
    let data = match (format, img.color()) {
        // A JPEG goes in as it is: no re-encoding, no loss.
        (image::ImageFormat::Jpeg, image::ColorType::L8) => PictureData::Jpeg {
            bytes,
            components: 1,
        },
        (image::ImageFormat::Jpeg, image::ColorType::Rgb8) => PictureData::Jpeg {
            bytes,
            components: 3,
        },
        (_, color) => {
            let alpha = color
                .has_alpha()
                .then(|| img.to_rgba8().pixels().map(|p| p.0[3]).collect::<Vec<u8>>());
            PictureData::Rgb {
                rgb: img.to_rgb8().into_raw(),
                alpha,
            }
        }
    };
    Ok(Picture {
        width,
        height,
        data,
    })
}
