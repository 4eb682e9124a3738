//! Embedded fonts (ECMA-376 Part 1 §17.8): subsets of the faces the document uses (looked
//! up in the conversion's font book), obfuscated as `.odttf` parts and listed in
//! `word/fontTable.xml`. A face whose licence forbids embedding is named in the font table
//! only, with a notice. CFF faces (`.otf`) are embedded as OpenType subsets (LibreOffice
//! uses them; Word's own embedding is TrueType-only, so Word may substitute them).
//!
//! See `docx-font-embedding.md`: the obfuscation key is the font key GUID's 32 hex digits
//! read as 16 bytes in the order they appear, then reversed; bytes 0–15 and 16–31 of the
//! font are XORed with it.

use super::styles::Faces;
use super::xml::{Xml, NS_R, NS_W};
use crate::diag::WarningKind;
use crate::fonts::{subset, Book, FaceId, Weight};
use crate::Diagnostics;
use std::collections::{BTreeMap, BTreeSet};

/// A deterministic font key for a face: a GUID-shaped string derived from its name, in
/// upper case with braces (`{0123ABCD-…}`).
pub(crate) fn font_key(family: &str, weight: Weight) -> String {
    // FNV-1a, twice with different seeds, gives 128 stable bits.
    let name = format!("cjkdoc:{family}:{weight:?}");
    let fnv = |seed: u64| {
        let mut h = seed;
        for b in name.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        h
    };
    let a = fnv(0xcbf2_9ce4_8422_2325);
    let b = fnv(0x8422_2325_cbf2_9ce4);
    let hex = format!("{a:016X}{b:016X}");
    format!(
        "{{{}-{}-{}-{}-{}}}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The 16-byte obfuscation key of a GUID string.
fn key_bytes(guid: &str) -> [u8; 16] {
    let digits: Vec<u8> = guid
        .chars()
        .filter_map(|c| c.to_digit(16))
        .map(|d| d as u8)
        .collect();
    let mut key = [0u8; 16];
    for (i, pair) in digits.chunks(2).take(16).enumerate() {
        key[15 - i] = (pair[0] << 4) | pair.get(1).copied().unwrap_or(0);
    }
    key
}

/// Obfuscate (or, applied again, de-obfuscate) font bytes with the key of `guid`.
pub(crate) fn obfuscate(font: &mut [u8], guid: &str) {
    let key = key_bytes(guid);
    for (i, b) in font.iter_mut().take(32).enumerate() {
        *b ^= key[i % 16];
    }
}

/// Characters each face renders, keyed by `(family, weight)`.
pub(crate) type Usage = BTreeMap<(String, Weight), BTreeSet<char>>;

/// One embedded face, ready for the package.
pub(crate) struct Embedded {
    pub family: String,
    pub weight: Weight,
    pub key: String,
    /// Part name under `word/`, e.g. `fonts/font1.odttf`.
    pub part: String,
    /// Obfuscated bytes.
    pub data: Vec<u8>,
}

/// Subset and obfuscate every used face of `book`. Printable ASCII is always kept
/// (LibreOffice ignores subsets with fewer than 26 glyphs, and digits appear in page
/// numbers). A family used in a weight it lacks contributes its characters to the face of
/// the nearest weight, embedded under that weight (the reader emboldens it). Faces that
/// cannot be embedded are reported in `diag`.
pub(crate) fn embed(
    usage: &Usage,
    book: &Book,
    diag: &mut Diagnostics,
) -> Result<Vec<Embedded>, subset::SubsetError> {
    // The faces to embed, by family (as the document names it) and weight.
    let mut faces: BTreeMap<(String, Weight), (FaceId, BTreeSet<char>)> = BTreeMap::new();
    for ((family, weight), chars) in usage {
        if chars.is_empty() {
            continue;
        }
        let Some(found) = book.find_weight(family, *weight) else {
            continue;
        };
        let weight = match book.info(found.id) {
            Some(info) if !found.exact => info.weight_class(),
            _ => *weight,
        };
        let entry = faces
            .entry((family.clone(), weight))
            .or_insert((found.id, BTreeSet::new()));
        entry.1.extend(chars.iter().copied());
    }
    let mut out = Vec::new();
    for ((family, weight), (id, chars)) in &faces {
        let (Some(info), Some(loaded)) = (book.info(*id), book.get(*id)) else {
            continue;
        };
        let name = info.family();
        if let Some(why) = loaded.refusal() {
            diag.warn_as(
                WarningKind::Font,
                format!(
                    "font {name:?} is not embedded in the DOCX: {why}; the document names it only"
                ),
            );
            continue;
        }
        let file = match info.origin.path() {
            Some(p) => p.display().to_string(),
            None => name.to_string(),
        };
        let program = subset::Program {
            data: loaded.data,
            index: loaded.index,
            file: &file,
        };
        let all = chars.iter().copied().chain((0x20u8..0x7f).map(char::from));
        let mut data = subset::subset(program, all)?;
        let key = font_key(family, *weight);
        obfuscate(&mut data, &key);
        out.push(Embedded {
            family: family.clone(),
            weight: *weight,
            key,
            part: format!("fonts/font{}.odttf", out.len() + 1),
            data,
        });
    }
    Ok(out)
}

/// A family of the font table and the Chinese name of its kind of face, which Word
/// substitutes when neither the family nor its embedded subset is there.
pub(crate) struct Family {
    pub name: String,
    pub alt_name: Option<&'static str>,
    pub mono: bool,
}

/// The families the styles name, each once, by role: body (宋体), headings (黑体), title,
/// emphasis (楷体), code; plus any other family the text used.
pub(crate) fn families(faces: &Faces, usage: &Usage) -> Vec<Family> {
    let mut out: Vec<Family> = Vec::new();
    let roles: [(&str, Option<&'static str>, bool); 5] = [
        (&faces.body.east_asia, Some("宋体"), false),
        (&faces.heading(1).east_asia, Some("黑体"), false),
        (&faces.title.east_asia, Some("宋体"), false),
        (&faces.emphasis.east_asia, Some("楷体"), false),
        (&faces.code.latin, None, true),
    ];
    for (name, alt, mono) in roles {
        if !out.iter().any(|f| f.name.eq_ignore_ascii_case(name)) {
            out.push(Family {
                name: name.to_string(),
                alt_name: alt,
                mono,
            });
        }
    }
    for (name, _) in usage.keys() {
        if !out.iter().any(|f| f.name.eq_ignore_ascii_case(name)) {
            out.push(Family {
                name: name.clone(),
                alt_name: None,
                mono: false,
            });
        }
    }
    out
}

/// `(panose1, [usb0..usb3, csb0, csb1])` from the OS/2 table of the family's regular face
/// (else its nearest) in `book`.
fn os2_signature(family: &str, book: &Book) -> Option<(String, [u32; 6])> {
    let face = book.get(book.find(family, Weight::Regular)?)?;
    let os2 = face
        .face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))?;
    if os2.len() < 86 {
        return None;
    }
    let u32_at = |o: usize| u32::from_be_bytes([os2[o], os2[o + 1], os2[o + 2], os2[o + 3]]);
    let panose: String = os2[32..42].iter().map(|b| format!("{b:02X}")).collect();
    Some((
        panose,
        [
            u32_at(42),
            u32_at(46),
            u32_at(50),
            u32_at(54),
            u32_at(78),
            u32_at(82),
        ],
    ))
}

/// `word/fontTable.xml`: the families used, with their Chinese alternative names, PANOSE
/// classification and Unicode/code-page signature (so that a reader that must substitute
/// picks a similar face), and their embedded faces (relationship ids `rIdFont1`…, in the
/// order of `embedded`).
pub(crate) fn font_table_xml(families: &[Family], embedded: &[Embedded], book: &Book) -> String {
    let mut x = Xml::new();
    x.open("w:fonts")
        .attr("xmlns:w", NS_W)
        .attr("xmlns:r", NS_R);
    for f in families {
        x.open("w:font").attr("w:name", &f.name);
        if let Some(alt) = f.alt_name {
            x.empty("w:altName", &[("w:val", alt)]);
        }
        let sig = os2_signature(&f.name, book);
        if let Some((panose, _)) = &sig {
            x.empty("w:panose1", &[("w:val", panose)]);
        }
        let (charset, kind, pitch) = if f.mono {
            ("00", "modern", "fixed")
        } else if f.alt_name == Some("黑体") {
            ("86", "swiss", "variable")
        } else {
            ("86", "roman", "variable")
        };
        x.empty("w:charset", &[("w:val", charset)]);
        x.empty("w:family", &[("w:val", kind)]);
        x.empty("w:pitch", &[("w:val", pitch)]);
        if let Some((_, s)) = &sig {
            let hex = |v: u32| format!("{v:08X}");
            x.empty(
                "w:sig",
                &[
                    ("w:usb0", &hex(s[0])),
                    ("w:usb1", &hex(s[1])),
                    ("w:usb2", &hex(s[2])),
                    ("w:usb3", &hex(s[3])),
                    ("w:csb0", &hex(s[4])),
                    ("w:csb1", &hex(s[5])),
                ],
            );
        }
        for weight in [Weight::Regular, Weight::Bold] {
            if let Some((i, e)) = embedded
                .iter()
                .enumerate()
                .find(|(_, e)| e.family.eq_ignore_ascii_case(&f.name) && e.weight == weight)
            {
                let tag = match weight {
                    Weight::Regular => "w:embedRegular",
                    Weight::Bold => "w:embedBold",
                };
                x.open(tag)
                    .attr("r:id", format!("rIdFont{}", i + 1))
                    .attr("w:fontKey", &e.key)
                    .attr("w:subsetted", "1")
                    .close();
            }
        }
        x.close();
    }
    x.close();
    x.finish()
}

/// `word/_rels/fontTable.xml.rels`.
pub(crate) fn font_table_rels(embedded: &[Embedded]) -> Vec<super::Rel> {
    embedded
        .iter()
        .enumerate()
        .map(|(i, e)| super::Rel {
            id: format!("rIdFont{}", i + 1),
            kind: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font",
            target: e.part.clone(),
            external: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_the_guid_bytes_reversed() {
        let key = key_bytes("{00112233-4455-6677-8899-AABBCCDDEEFF}");
        assert_eq!(
            key,
            [
                0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22,
                0x11, 0x00
            ]
        );
    }

    #[test]
    fn obfuscation_round_trips_and_touches_only_32_bytes() {
        let original: Vec<u8> = (0..100u8).collect();
        let key = font_key("Noto Serif SC", Weight::Regular);
        assert!(
            key.starts_with('{') && key.ends_with('}') && key.len() == 38,
            "{key}"
        );
        assert_eq!(key, key.to_uppercase());
        let mut data = original.clone();
        obfuscate(&mut data, &key);
        assert_ne!(data[..32], original[..32]);
        assert_eq!(data[32..], original[32..]);
        obfuscate(&mut data, &key);
        assert_eq!(data, original);
        assert_ne!(key, font_key("Noto Serif SC", Weight::Bold));
    }
}
