//! The images a document shows (its figures): read, checked and decoded once per URL,
//! before any writer runs, so that the PDF and the DOCX of one input make the same
//! decision about each image — which bytes, which format, which pixel size, or why not.
//!
//! An image is used only if it is a PNG, JPEG, WebP, GIF (its first frame), BMP or TIFF
//! file (judged by its content, not its name; a `data:` URL or a file the document
//! carries, else a local file) that decodes completely, is at most [`resource::MAX_RESOURCE_BYTES`] long and has
//! at most `max_pixels` pixels ([`DEFAULT_MAX_PIXELS`], `--max-image-pixels`); the pixel
//! count is checked from the header before anything is decoded, so a decompression bomb
//! costs nothing. Anything else is a warning, and the writers show the alt text.

use crate::diag::WarningKind;
use crate::doc::{Block, Document, ImageSize, Inline};
use crate::resource::{self, Access};
use crate::Diagnostics;
use std::collections::HashMap;
use std::sync::Arc;

/// The most pixels an image may have unless the caller allows more: 50 million (an
/// 8660 × 5773 photograph; decoded for the PDF it takes 200 MB).
pub const DEFAULT_MAX_PIXELS: u64 = 50_000_000;

/// A checked, decoded image.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The file's format.
    pub format: PictureFormat,
    /// The file as read (embedded as it is in DOCX, and in PDF for a JPEG).
    pub file: Vec<u8>,
    /// The pixels, as the PDF takes them.
    pub data: PictureData,
}

/// The formats an image file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG (drawn as vector graphics in the PDF; in the DOCX, with a PNG fallback).
    Svg,
}

impl PictureFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Jpeg => "jpeg",
            PictureFormat::Svg => "svg",
        }
    }
}

/// How an image's pixels are stored for the PDF.
#[derive(Debug, Clone)]
pub enum PictureData {
    /// A baseline JPEG whose file is embedded as it is (`/DCTDecode`).
    Jpeg {
        /// 1 (grey) or 3 (RGB).
        components: u8,
    },
    /// An SVG image: a one-page PDF of it (svg2pdf; the PDF writer draws the page as a
    /// form XObject), and a PNG of it at twice its size for formats that need pixels.
    Svg {
        /// The PDF, its page the size of the SVG (1 px = 1 pt), text as outlines.
        pdf: Vec<u8>,
        /// The PNG fallback.
        png: Vec<u8>,
    },
    /// 8-bit RGB samples, with an optional 8-bit alpha channel.
    Rgb {
        /// Width × height × 3 bytes.
        rgb: Vec<u8>,
        /// Width × height bytes, when the image has transparency.
        alpha: Option<Vec<u8>>,
    },
}

/// The figures' images of one document.
#[derive(Debug, Default, Clone)]
pub struct Images {
    list: Vec<Arc<Picture>>,
    /// Image URL as written → index into `list`, or `None` when it cannot be used.
    by_url: HashMap<String, Option<usize>>,
}

impl Images {
    /// Read and decode every figure's image of `doc`; each one that cannot be used is a
    /// warning naming it.
    pub fn load(doc: &Document, access: Access, max_pixels: u64, diag: &mut Diagnostics) -> Images {
        let mut images = Images::default();
        let mut urls = Vec::new();
        figure_urls(&doc.blocks, &mut urls);
        let mut seen = std::collections::HashSet::new();
        urls.retain(|u| seen.insert(*u));
        // Fetching and decoding in parallel; the outcome in document order.
        let loaded = parallel_map(&urls, |url| {
            let carried = doc.media.get(*url).map(Vec::as_slice);
            load(url, carried, access, max_pixels)
        });
        // The same file under two URLs is one picture (embedded once).
        let mut by_content: HashMap<[u8; 32], usize> = HashMap::new();
        for (url, loaded) in urls.into_iter().zip(loaded) {
            let index = match loaded {
                Ok(p) => {
                    use sha2::Digest;
                    let key: [u8; 32] = sha2::Sha256::digest(&p.file).into();
                    Some(*by_content.entry(key).or_insert_with(|| {
                        images.list.push(Arc::new(p));
                        images.list.len() - 1
                    }))
                }
                Err(e) => {
                    diag.warn_as(
                        WarningKind::Image,
                        format!("image {url}: {e}; its alt text is shown instead"),
                    );
                    None
                }
            };
            images.by_url.insert(url.to_string(), index);
        }
        images
    }

    /// The image at `url` and its index, if it can be used.
    pub fn get(&self, url: &str) -> Option<(usize, &Arc<Picture>)> {
        let i = (*self.by_url.get(url)?)?;
        Some((i, &self.list[i]))
    }

    /// The usable images, in the order of their first use.
    pub fn list(&self) -> &[Arc<Picture>] {
        &self.list
    }
}

/// The URLs of the images in `blocks` (figures and images in running text), in reading
/// order (footnotes, quotes, lists and table cells included).
fn figure_urls<'d>(blocks: &'d [Block], out: &mut Vec<&'d str>) {
    for b in blocks {
        match b {
            Block::Figure(f) => out.push(&f.image.url),
            Block::BlockQuote { blocks } => figure_urls(blocks, out),
            Block::FootnoteDef(f) => figure_urls(&f.blocks, out),
            Block::List(l) => {
                for item in &l.items {
                    figure_urls(&item.blocks, out);
                }
            }
            Block::Paragraph(p) => inline_urls(&p.content, out),
            Block::Heading(h) => inline_urls(&h.content, out),
            Block::Table(t) => {
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    inline_urls(cell, out);
                }
            }
            _ => {}
        }
    }
}

fn inline_urls<'d>(inlines: &'d [Inline], out: &mut Vec<&'d str>) {
    for i in inlines {
        match i {
            Inline::Image(img) => out.push(&img.url),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => inline_urls(content, out),
            _ => {}
        }
    }
}

/// The size in points at which `picture` is meant to be shown, before fitting to the
/// page: the size the document gives (`size`; one side given: the other in proportion;
/// percentages of `measure`), else its pixels at 96 dpi.
pub fn natural_size(picture: &Picture, size: &ImageSize, measure: f32) -> (f32, f32) {
    let (pw, ph) = (picture.width as f32 * 0.75, picture.height as f32 * 0.75);
    let ratio = ph / pw;
    // A side that is no usable length (zero, negative, absurd) counts as not given.
    let side = |len: Option<crate::doc::Length>| {
        len.map(|l| l.points(measure))
            .filter(|v| v.is_finite() && *v > 0.01 && *v < 30_000.0)
    };
    match (side(size.width), side(size.height)) {
        (Some(w), Some(h)) => (w, h),
        (Some(w), None) => (w, w * ratio),
        (None, Some(h)) => (h / ratio, h),
        (None, None) => (pw, ph),
    }
}

/// How much taller than the text an image in running text may be meant to be and still
/// stay in the line (badges, icons, formulas); a larger one is set as a figure of its own
/// ([`lift_large_inline_images`]).
pub const INLINE_MAX_HEIGHT_EM: f32 = 3.0;

/// Whether an image of `natural` size (see [`natural_size`]) in running text of
/// `text_size` points stays in the line.
pub fn stays_inline(natural: (f32, f32), text_size: f32) -> bool {
    natural.1 <= INLINE_MAX_HEIGHT_EM * text_size
}

/// The size in points of an image in running text: the height of the text (`text_size`),
/// its width in proportion, at most `measure`.
pub fn inline_size(natural: (f32, f32), text_size: f32, measure: f32) -> (f32, f32) {
    let (w, h) = natural;
    let k = (text_size / h.max(0.01)).min(measure / w.max(0.01));
    (w * k, h * k)
}

/// `doc` with each paragraph's images too large for the line (see [`stays_inline`]; at
/// the top of the paragraph or alone in a link) set as figures of their own between the
/// paragraph's parts (the link is dropped), as the PDF and the DOCX both show them.
/// `text_size` is the body size, `measure` the column width. Borrowed unchanged when no
/// paragraph has one.
pub fn lift_large_inline_images<'d>(
    doc: &'d Document,
    images: &Images,
    text_size: f32,
    measure: f32,
) -> std::borrow::Cow<'d, Document> {
    let large = |img: &crate::doc::Image| {
        images
            .get(&img.url)
            .is_some_and(|(_, p)| !stays_inline(natural_size(p, &img.size, measure), text_size))
    };
    let lifted = |i: &Inline| match i {
        Inline::Image(img) if large(img) => Some(img.clone()),
        Inline::Link { content, .. } => match content.as_slice() {
            [Inline::Image(img)] if large(img) => Some(img.clone()),
            _ => None,
        },
        _ => None,
    };
    fn any_para(blocks: &[Block], f: &dyn Fn(&[Inline]) -> bool) -> bool {
        blocks.iter().any(|b| match b {
            Block::Paragraph(p) => f(&p.content),
            Block::BlockQuote { blocks } => any_para(blocks, f),
            Block::FootnoteDef(d) => any_para(&d.blocks, f),
            Block::List(l) => l.items.iter().any(|i| any_para(&i.blocks, f)),
            _ => false,
        })
    }
    fn rewrite(
        blocks: &[Block],
        lifted: &dyn Fn(&Inline) -> Option<crate::doc::Image>,
    ) -> Vec<Block> {
        let mut out = Vec::with_capacity(blocks.len());
        for b in blocks {
            match b {
                Block::Paragraph(p) if p.content.iter().any(|i| lifted(i).is_some()) => {
                    let mut part = Vec::new();
                    let flush = |part: &mut Vec<Inline>, out: &mut Vec<Block>| {
                        let blank = part.iter().all(|i| match i {
                            Inline::Text { text } => text.trim().is_empty(),
                            Inline::SoftBreak | Inline::HardBreak => true,
                            _ => false,
                        });
                        if !blank {
                            out.push(Block::Paragraph(crate::doc::Paragraph {
                                role: p.role,
                                content: std::mem::take(part),
                            }));
                        }
                        part.clear();
                    };
                    for i in &p.content {
                        match lifted(i) {
                            Some(image) => {
                                flush(&mut part, &mut out);
                                out.push(Block::Figure(crate::doc::Figure {
                                    image,
                                    caption: Vec::new(),
                                }));
                            }
                            None => part.push(i.clone()),
                        }
                    }
                    flush(&mut part, &mut out);
                }
                Block::BlockQuote { blocks } => out.push(Block::BlockQuote {
                    blocks: rewrite(blocks, lifted),
                }),
                Block::FootnoteDef(d) => out.push(Block::FootnoteDef(crate::doc::FootnoteDef {
                    label: d.label.clone(),
                    blocks: rewrite(&d.blocks, lifted),
                })),
                Block::List(l) => {
                    let mut l = l.clone();
                    for item in &mut l.items {
                        item.blocks = rewrite(&item.blocks, lifted);
                    }
                    out.push(Block::List(l));
                }
                b => out.push(b.clone()),
            }
        }
        out
    }
    if images.list.is_empty()
        || !any_para(&doc.blocks, &|c: &[Inline]| {
            c.iter().any(|i| lifted(i).is_some())
        })
    {
        return std::borrow::Cow::Borrowed(doc);
    }
    let mut new = doc.clone();
    new.blocks = rewrite(&doc.blocks, &lifted);
    std::borrow::Cow::Owned(new)
}

/// `f` of each item, on up to 8 threads (remote images wait on the network), the results
/// in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        let work = || loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let r = f(item);
            *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
        };
        let workers = items.len().min(8);
        let spawned: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new()
                    .stack_size(16 << 20)
                    .spawn_scoped(scope, work)
            })
            .collect();
        // A thread that cannot be made: this one does the work.
        if spawned.iter().any(Result::is_err) {
            work();
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every item is done")
        })
        .collect()
}

/// The bytes of a `data:` URL (`data:image/png;base64,…`, or percent-encoded).
fn data_url(url: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let rest = &url["data:".len()..];
    let (head, body) = rest.split_once(',').ok_or("a data: URL without a comma")?;
    if body.len() as u64 > resource::MAX_RESOURCE_BYTES * 4 / 3 + 4 {
        return Err("a data: URL larger than the limit".into());
    }
    if head.ends_with(";base64") {
        let clean: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(clean.as_bytes())
            .or_else(|_| {
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(clean.trim_end_matches('=').as_bytes())
            })
            .map_err(|e| format!("a data: URL that is not base64 ({e})"))
    } else {
        let mut out = Vec::with_capacity(body.len());
        let b = body.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            match (
                b[i],
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                (b'%', Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                (c, _, _) => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }
}

/// Read, check and decode one image: the bytes the document carries for `url`
/// ([`Document::media`]), else the file.
fn load(
    url: &str,
    carried: Option<&[u8]>,
    access: Access,
    max_pixels: u64,
) -> Result<Picture, String> {
    let file = match carried {
        Some(bytes) => bytes.to_vec(),
        None if url.starts_with("data:") => data_url(url)?,
        None => resource::read(url, access, resource::MAX_RESOURCE_BYTES)?,
    };
    if is_svg(&file) {
        return load_svg(file, access, max_pixels);
    }
    // By content, not by name. PNG and JPEG go into the outputs as they are; WebP, GIF (its
    // first frame), BMP and TIFF are decoded and go in as PNG.
    let image_format = match image::guess_format(&file) {
        Ok(
            f @ (image::ImageFormat::Png
            | image::ImageFormat::Jpeg
            | image::ImageFormat::WebP
            | image::ImageFormat::Gif
            | image::ImageFormat::Bmp
            | image::ImageFormat::Tiff),
        ) => f,
        _ => return Err("not an image cjkdoc reads (PNG, JPEG, WebP, GIF, BMP, TIFF, SVG)".into()),
    };
    let format = match image_format {
        image::ImageFormat::Jpeg => PictureFormat::Jpeg,
        _ => PictureFormat::Png,
    };
    let name = format!("{image_format:?}").to_uppercase();
    let unreadable = |e: image::ImageError| format!("not a readable {name} file ({e})");
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(&file), image_format);
    let (width, height) = reader().into_dimensions().map_err(unreadable)?;
    if width == 0 || height == 0 {
        return Err("empty image".into());
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(format!(
            "{width} × {height} pixels, more than the limit of {max_pixels} (--max-image-pixels)"
        ));
    }
    let mut limits = image::Limits::default();
    // Room for the decoded pixels at 16 bits per channel, RGBA.
    limits.max_alloc = Some(pixels.saturating_mul(8).saturating_add(1 << 20));
    let mut decoder = reader();
    decoder.limits(limits);
    let img = decoder.decode().map_err(unreadable)?;
    // A format the outputs do not take as it is: its pixels as a PNG.
    let file = if image_format == image::ImageFormat::Png || format == PictureFormat::Jpeg {
        file
    } else {
        let mut png = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| format!("cannot convert the {name} image ({e})"))?;
        png
    };
    let data = match (format, img.color()) {
        // A JPEG goes in as it is: no re-encoding, no loss.
        (PictureFormat::Jpeg, image::ColorType::L8) => PictureData::Jpeg { components: 1 },
        (PictureFormat::Jpeg, image::ColorType::Rgb8) if jpeg_components(&file) == Some(3) => {
            PictureData::Jpeg { components: 3 }
        }
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
        format,
        file,
        data,
    })
}

/// Whether `file` is an SVG image (by its content: markup with an `<svg` element near the
/// start, or gzip-compressed, as `.svgz` is).
fn is_svg(file: &[u8]) -> bool {
    if file.starts_with(&[0x1F, 0x8B]) {
        return true;
    }
    let text = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = &text[start..text.len().min(start + 4096)];
    head.first() == Some(&b'<') && head.windows(4).any(|w| w.eq_ignore_ascii_case(b"<svg"))
}

/// The most pixels of an SVG image's PNG fallback.
const MAX_FALLBACK_PIXELS: u64 = 4_000_000;

/// Parse an SVG image (usvg: its text set in the book's faces; references to other files
/// are not followed, embedded `data:` images are), convert it to a PDF page (svg2pdf) and
/// render a PNG fallback (resvg).
fn load_svg(file: Vec<u8>, access: Access, max_pixels: u64) -> Result<Picture, String> {
    use resvg::{tiny_skia, usvg};
    let book = access.fonts.unwrap_or(crate::fonts::Book::bundled());
    let options = usvg::Options {
        fontdb: book.svg_fonts(),
        font_family: "Noto Sans SC".into(),
        languages: vec!["zh-CN".into(), "en".into()],
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            // No file is read on an SVG's behalf: it might lie outside the root.
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(&file, &options)
        .map_err(|e| format!("not a readable SVG file ({e})"))?;
    let size = tree.size();
    let (w, h) = (size.width(), size.height());
    if !(w.is_finite() && h.is_finite() && w >= 0.5 && h >= 0.5) {
        return Err("empty image".into());
    }
    let pdf = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions {
            embed_text: false,
            ..svg2pdf::ConversionOptions::default()
        },
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| format!("cannot convert the SVG image ({e})"))?;
    // The fallback at twice the size, within the limits.
    let budget = max_pixels.clamp(1, MAX_FALLBACK_PIXELS) as f32;
    let scale = 2f32.min((budget / (w * h)).sqrt());
    let (pw, ph) = (
        ((w * scale).round() as u32).max(1),
        ((h * scale).round() as u32).max(1),
    );
    let mut pixmap = tiny_skia::Pixmap::new(pw, ph).ok_or("an SVG image too large to draw")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(pw as f32 / w, ph as f32 / h),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot convert the SVG image ({e})"))?;
    // What a DOCX embeds as SVG: the file itself, unless it is compressed (.svgz).
    let file = if file.starts_with(&[0x1F, 0x8B]) {
        tree.to_string(&usvg::WriteOptions::default()).into_bytes()
    } else {
        file
    };
    Ok(Picture {
        width: (w.round() as u32).max(1),
        height: (h.round() as u32).max(1),
        format: PictureFormat::Svg,
        file,
        data: PictureData::Svg { pdf, png },
    })
}

/// The number of components of a JPEG's first frame (from its SOF marker), if found: a
/// CMYK JPEG (4) cannot be passed through as RGB.
fn jpeg_components(file: &[u8]) -> Option<u8> {
    let mut i = 2;
    while i + 4 <= file.len() {
        if file[i] != 0xFF {
            return None;
        }
        let marker = file[i + 1];
        let len = usize::from(u16::from_be_bytes([file[i + 2], file[i + 3]]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            return file.get(i + 9).copied();
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::doc::{Figure, Image};

    /// `doc`'s images, files read from `dir` (relative paths; no root, so nothing is out
    /// of bounds), with at most `max_pixels` each; and the warnings.
    pub(crate) fn load_in(
        doc: &Document,
        dir: Option<&std::path::Path>,
        max_pixels: u64,
    ) -> (Images, Diagnostics) {
        let access = Access {
            base_dir: dir,
            root: None,
            ..Access::default()
        };
        let mut diag = Diagnostics::default();
        let images = Images::load(doc, access, max_pixels, &mut diag);
        (images, diag)
    }

    fn doc_with(urls: &[&str]) -> Document {
        Document {
            blocks: urls
                .iter()
                .map(|u| {
                    Block::Figure(Figure {
                        image: Image {
                            url: u.to_string(),
                            title: String::new(),
                            alt: Vec::new(),
                            size: Default::default(),
                        },
                        caption: Vec::new(),
                    })
                })
                .collect(),
            ..Document::default()
        }
    }

    /// A black PNG of `w` × `h` pixels.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(w, h)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    /// A PNG whose header claims `w` × `h` (the CRC is fixed; the data is not).
    fn claimed_png(w: u32, h: u32) -> Vec<u8> {
        let mut f = png(1, 1);
        f[16..20].copy_from_slice(&w.to_be_bytes());
        f[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32fast::hash(&f[12..29]);
        f[29..33].copy_from_slice(&crc.to_be_bytes());
        f
    }

    #[test]
    fn each_image_is_decided_once_and_bad_ones_are_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("ok.png"), png(3, 2)).unwrap();
        let mut truncated = png(40, 40);
        truncated.truncate(truncated.len() - 20);
        std::fs::write(p.join("cut.png"), truncated).unwrap();
        std::fs::write(p.join("huge.png"), claimed_png(100_000, 100_000)).unwrap();
        std::fs::write(p.join("fake.jpg"), b"\xFF\xD8\xFFnot really").unwrap();
        std::fs::write(p.join("text.png"), b"hello").unwrap();
        let doc = doc_with(&[
            "ok.png", "cut.png", "huge.png", "fake.jpg", "text.png", "ok.png", "gone.png",
        ]);
        let (images, diag) = load_in(&doc, Some(p), DEFAULT_MAX_PIXELS);
        assert_eq!(images.list().len(), 1);
        let (i, ok) = images.get("ok.png").unwrap();
        assert_eq!(
            (i, ok.width, ok.height, ok.format),
            (0, 3, 2, PictureFormat::Png)
        );
        for bad in ["cut.png", "huge.png", "fake.jpg", "text.png", "gone.png"] {
            assert!(images.get(bad).is_none(), "{bad}");
        }
        assert_eq!(diag.warnings.len(), 5, "{:?}", diag.warnings);
        assert!(
            diag.warnings[1].contains("100000 × 100000 pixels"),
            "{:?}",
            diag.warnings
        );
        assert!(
            diag.warnings[3].contains("not an image cjkdoc reads"),
            "{:?}",
            diag.warnings
        );
    }

    #[test]
    fn the_pixel_limit_can_be_raised() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), png(20, 10)).unwrap();
        let doc = doc_with(&["a.png"]);
        let load = |max| load_in(&doc, Some(dir.path()), max).0;
        assert!(load(199).get("a.png").is_none());
        assert!(load(200).get("a.png").is_some());
    }

    #[test]
    fn images_the_document_carries_come_before_files() {
        let dir = tempfile::tempdir().unwrap();
        // A file of the same name that is not an image: the carried bytes win.
        std::fs::create_dir(dir.path().join("media")).unwrap();
        std::fs::write(dir.path().join("media/image1.png"), b"hello").unwrap();
        let mut doc = doc_with(&["media/image1.png", "media/image2.png"]);
        doc.media.insert("media/image1.png".into(), png(4, 3));
        doc.media
            .insert("media/image2.png".into(), b"broken".to_vec());
        let (images, diag) = load_in(&doc, Some(dir.path()), DEFAULT_MAX_PIXELS);
        let (_, p) = images.get("media/image1.png").unwrap();
        assert_eq!((p.width, p.height), (4, 3));
        assert!(images.get("media/image2.png").is_none());
        assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
    }

    #[test]
    fn webp_gif_bmp_tiff_and_data_urls_by_their_content() {
        use base64::Engine;
        let encoded = |format| {
            let mut out = Vec::new();
            let mut img = image::RgbaImage::new(5, 4);
            img.put_pixel(1, 1, image::Rgba([200, 10, 10, 255]));
            image::DynamicImage::ImageRgba8(img)
                .write_to(&mut std::io::Cursor::new(&mut out), format)
                .unwrap();
            out
        };
        // Wrong names on purpose: the content decides.
        let names = ["a.png", "b.jpg", "c.gif", "d.webp"];
        let mut doc = doc_with(&names);
        for (name, format) in names.iter().zip([
            image::ImageFormat::WebP,
            image::ImageFormat::Gif,
            image::ImageFormat::Bmp,
            image::ImageFormat::Tiff,
        ]) {
            doc.media.insert((*name).into(), encoded(format));
        }
        let data = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png(3, 2))
        );
        let mut more = doc_with(&[data.as_str(), "data:image/png;base64,@@@"]);
        doc.blocks.append(&mut more.blocks);
        let (images, diag) = load_in(&doc, None, DEFAULT_MAX_PIXELS);
        for name in names {
            let (_, p) = images
                .get(name)
                .unwrap_or_else(|| panic!("{name}: {diag:?}"));
            assert_eq!(
                (p.width, p.height, p.format),
                (5, 4, PictureFormat::Png),
                "{name}"
            );
            // What the DOCX embeds is a PNG now.
            assert!(p.file.starts_with(b"\x89PNG"), "{name}");
        }
        let (_, p) = images.get(&data).unwrap();
        assert_eq!((p.width, p.height), (3, 2));
        assert!(images.get("data:image/png;base64,@@@").is_none());
        assert_eq!(diag.warnings.len(), 1, "{:?}", diag.warnings);
        assert!(
            diag.warnings[0].contains("not base64"),
            "{:?}",
            diag.warnings
        );
    }

    #[test]
    fn sizes_and_which_images_in_text_become_figures() {
        use crate::doc::{Length, Paragraph};
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("big.png"), png(400, 300)).unwrap();
        std::fs::write(dir.path().join("badge.png"), png(88, 20)).unwrap();
        let image = |url: &str, size: ImageSize| crate::doc::Image {
            url: url.into(),
            title: String::new(),
            alt: vec![Inline::text("图")],
            size,
        };
        let para = |content| Block::Paragraph(Paragraph::body(content));
        let doc = Document {
            blocks: vec![
                para(vec![
                    Inline::text("如图"),
                    Inline::Image(image("big.png", ImageSize::default())),
                    Inline::text("所示"),
                ]),
                para(vec![
                    Inline::text("徽章"),
                    Inline::Image(image("badge.png", ImageSize::default())),
                ]),
                // Sized down by the document: it stays in the line.
                para(vec![
                    Inline::text("小图"),
                    Inline::Image(image(
                        "big.png",
                        ImageSize {
                            width: None,
                            height: Some(Length::Px(24.0)),
                        },
                    )),
                ]),
            ],
            ..Document::default()
        };
        let (images, diag) = load_in(&doc, Some(dir.path()), DEFAULT_MAX_PIXELS);
        assert!(diag.warnings.is_empty(), "{diag:?}");
        let (_, big) = images.get("big.png").unwrap();
        assert_eq!(
            natural_size(big, &ImageSize::default(), 400.0),
            (300.0, 225.0)
        );
        let half = ImageSize {
            width: Some(Length::Percent(50.0)),
            height: None,
        };
        assert_eq!(natural_size(big, &half, 400.0), (200.0, 150.0));
        let bogus = ImageSize {
            width: Some(Length::Px(-5.0)),
            height: None,
        };
        assert_eq!(natural_size(big, &bogus, 400.0), (300.0, 225.0));
        assert_eq!(inline_size((66.0, 15.0), 12.0, 400.0), (52.8, 12.0));
        assert_eq!(inline_size((900.0, 15.0), 12.0, 400.0).0, 400.0);
        let lifted = lift_large_inline_images(&doc, &images, 12.0, 400.0);
        let kinds: Vec<String> = lifted
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => format!("p:{}", crate::doc::inlines_text(&p.content)),
                Block::Figure(f) => format!("figure:{}", f.image.url),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            ["p:如图", "figure:big.png", "p:所示", "p:徽章图", "p:小图图"]
        );
        // Nothing to lift: the same document, not a copy.
        let small = Document {
            blocks: doc.blocks[1..].to_vec(),
            ..Document::default()
        };
        assert!(matches!(
            lift_large_inline_images(&small, &images, 12.0, 400.0),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
