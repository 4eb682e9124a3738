//! Embedded fonts (ECMA-376 Part 1 §17.8): subsets of the bundled faces the document uses,
//! obfuscated as `.odttf` parts and listed in `word/fontTable.xml`.
//!
//! See `docx-font-embedding.md`: the obfuscation key is the font key GUID's 32 hex digits
//! read as 16 bytes in the order they appear, then reversed; bytes 0–15 and 16–31 of the
//! font are XORed with it.

use super::xml::{esc, DECL, W_NS};
use crate::fonts::{self, subset, Weight};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

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
pub(crate) type Usage = BTreeMap<(&'static str, Weight), BTreeSet<char>>;

/// One embedded face, ready for the package.
pub(crate) struct Embedded {
    pub family: &'static str,
    pub weight: Weight,
    pub key: String,
    /// Part name under `word/`, e.g. `fonts/font1.odttf`.
    pub part: String,
    /// Obfuscated bytes.
    pub data: Vec<u8>,
}

/// Subset and obfuscate every used face. Printable ASCII is always kept (LibreOffice
/// ignores subsets with fewer than 26 glyphs, and digits appear in page numbers).
pub(crate) fn embed(usage: &Usage) -> Result<Vec<Embedded>, subset::SubsetError> {
    let mut out = Vec::new();
    for ((family, weight), chars) in usage {
        if chars.is_empty() {
            continue;
        }
        let Some(face) = fonts::find(family, *weight) else {
            continue;
        };
        let all = chars.iter().copied().chain((0x20u8..0x7f).map(char::from));
        let mut data = subset::subset(face, all)?;
        let key = font_key(family, *weight);
        obfuscate(&mut data, &key);
        out.push(Embedded {
            family,
            weight: *weight,
            key,
            part: format!("fonts/font{}.odttf", out.len() + 1),
            data,
        });
    }
    Ok(out)
}

/// `word/fontTable.xml`: the families used, with their embedded faces (relationship ids
/// `rIdFont1`…, in the order of `embedded`).
pub(crate) fn font_table_xml(families: &[&'static str], embedded: &[Embedded]) -> String {
    let mut s = String::from(DECL);
    let _ = write!(s, "<w:fonts {W_NS}>");
    for family in families {
        let (charset, kind) = if *family == super::styles::MONO {
            ("00", "modern")
        } else if *family == super::styles::SANS {
            ("86", "swiss")
        } else {
            ("86", "roman")
        };
        let pitch = if kind == "modern" {
            "fixed"
        } else {
            "variable"
        };
        let _ = write!(
            s,
            "<w:font w:name=\"{}\"><w:charset w:val=\"{charset}\"/><w:family w:val=\"{kind}\"/>\
             <w:pitch w:val=\"{pitch}\"/>",
            esc(family)
        );
        for weight in [Weight::Regular, Weight::Bold] {
            if let Some((i, e)) = embedded
                .iter()
                .enumerate()
                .find(|(_, e)| e.family == *family && e.weight == weight)
            {
                let tag = match weight {
                    Weight::Regular => "embedRegular",
                    Weight::Bold => "embedBold",
                };
                let _ = write!(
                    s,
                    "<w:{tag} r:id=\"rIdFont{}\" w:fontKey=\"{}\" w:subsetted=\"1\"/>",
                    i + 1,
                    e.key
                );
            }
        }
        s.push_str("</w:font>");
    }
    s.push_str("</w:fonts>");
    s
}

/// `word/_rels/fontTable.xml.rels`.
pub(crate) fn font_table_rels(embedded: &[Embedded]) -> String {
    let mut s = String::from(DECL);
    s.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, e) in embedded.iter().enumerate() {
        let _ = write!(
            s,
            "<Relationship Id=\"rIdFont{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/font\" Target=\"{}\"/>",
            i + 1,
            e.part
        );
    }
    s.push_str("</Relationships>");
    s
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
