//! The files a document carries ([`Document::media`], the pictures of a DOCX) taken out
//! of it, for an output that refers to files instead of holding them (Markdown, HTML):
//! the images then point into a folder beside the output, as pandoc's `--extract-media`.
//! No I/O here: the caller writes the files.

use super::{Block, Document, Image, Inline};

/// A file taken out of a document: its path relative to the output, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    /// `folder/name`, as the images now refer to it.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// `doc` with its carried files moved to `folder` (a relative path such as
/// `report_media`): every image whose URL names a carried file now points to
/// `folder/NAME`, and the files are returned, in the order of their names. A name that
/// is not a plain file name (`..`, spaces, a hidden file) becomes `imageN.EXT`.
pub fn extract(doc: &Document, folder: &str) -> (Document, Vec<MediaFile>) {
    let mut out = doc.clone();
    let media = std::mem::take(&mut out.media);
    let mut files = Vec::with_capacity(media.len());
    let mut renamed = std::collections::HashMap::new();
    for (i, (url, bytes)) in media.into_iter().enumerate() {
        let name = url.rsplit('/').next().unwrap_or_default();
        let name = if plain_name(name) {
            name.to_string()
        } else {
            let ext = name
                .rsplit_once('.')
                .map(|(_, e)| e)
                .filter(|e| plain_name(e))
                .unwrap_or("bin");
            format!("image{}.{ext}", i + 1)
        };
        let path = format!("{folder}/{name}");
        renamed.insert(url, path.clone());
        files.push(MediaFile { path, bytes });
    }
    // Two URLs may have come to the same name (`a/x.png`, `b/x.png`): number the later.
    let mut seen = std::collections::HashSet::new();
    for (i, f) in files.iter_mut().enumerate() {
        if !seen.insert(f.path.clone()) {
            let new = format!("{folder}/{}-{}", i + 1, &f.path[folder.len() + 1..]);
            for target in renamed.values_mut().filter(|t| **t == f.path) {
                target.clone_from(&new);
            }
            f.path = new;
            seen.insert(f.path.clone());
        }
    }
    let mut visit = |img: &mut Image| {
        if let Some(path) = renamed.get(&img.url) {
            img.url.clone_from(path);
        }
    };
    blocks(&mut out.blocks, &mut visit);
    (out, files)
}

/// Letters, digits, `.`, `_`, `-`; not starting with a dot.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

fn blocks(bs: &mut [Block], f: &mut dyn FnMut(&mut Image)) {
    for b in bs {
        match b {
            Block::Heading(h) => inlines(&mut h.content, f),
            Block::Paragraph(p) => inlines(&mut p.content, f),
            Block::List(l) => l.items.iter_mut().for_each(|i| blocks(&mut i.blocks, f)),
            Block::BlockQuote { blocks: inner } => blocks(inner, f),
            Block::FootnoteDef(d) => blocks(&mut d.blocks, f),
            Block::Table(t) => t
                .header
                .iter_mut()
                .chain(t.rows.iter_mut().flatten())
                .for_each(|c| inlines(c, f)),
            Block::Figure(fig) => {
                f(&mut fig.image);
                inlines(&mut fig.image.alt, f);
                inlines(&mut fig.caption, f);
            }
            Block::CodeBlock(_) | Block::ThematicBreak | Block::PageBreak | Block::Raw(_) => {}
        }
    }
}

fn inlines(is: &mut [Inline], f: &mut dyn FnMut(&mut Image)) {
    for i in is {
        match i {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => inlines(content, f),
            Inline::Image(img) => {
                f(img);
                inlines(&mut img.alt, f);
            }
            Inline::Text { .. }
            | Inline::Code { .. }
            | Inline::SoftBreak
            | Inline::HardBreak
            | Inline::FootnoteRef { .. }
            | Inline::Raw(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Figure, Paragraph};

    fn image(url: &str) -> Image {
        Image {
            url: url.into(),
            title: String::new(),
            alt: vec![Inline::text("alt")],
            size: Default::default(),
        }
    }

    #[test]
    fn carried_images_point_into_the_folder() {
        let mut doc = Document {
            blocks: vec![
                Block::Figure(Figure {
                    image: image("media/image1.png"),
                    caption: Vec::new(),
                }),
                Block::Paragraph(Paragraph::body(vec![
                    Inline::Image(image("media/..")),
                    Inline::Image(image("chart.png")),
                ])),
            ],
            ..Default::default()
        };
        doc.media.insert("media/image1.png".into(), b"png".to_vec());
        doc.media.insert("media/..".into(), b"odd".to_vec());
        let (out, files) = extract(&doc, "report_media");
        assert!(out.media.is_empty());
        let Block::Figure(f) = &out.blocks[0] else {
            panic!()
        };
        assert_eq!(f.image.url, "report_media/image1.png");
        let Block::Paragraph(p) = &out.blocks[1] else {
            panic!()
        };
        let urls: Vec<&str> = p
            .content
            .iter()
            .map(|i| match i {
                Inline::Image(img) => img.url.as_str(),
                _ => "",
            })
            .collect();
        // `..` is no file name; a file the document does not carry is left alone.
        assert_eq!(urls, ["report_media/image1.bin", "chart.png"]);
        assert_eq!(
            files,
            [
                MediaFile {
                    path: "report_media/image1.bin".into(),
                    bytes: b"odd".to_vec()
                },
                MediaFile {
                    path: "report_media/image1.png".into(),
                    bytes: b"png".to_vec()
                },
            ]
        );
    }
}
