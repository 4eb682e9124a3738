//! A TrueType subsetter that reads only what it keeps: the table directory, the `loca`
//! entries and `glyf` records of the kept glyphs (and the components of composite ones),
//! their metrics, and the small tables copied whole. A CJK face has some 30 000 glyphs and
//! a document uses a few hundred, so this is a few hundred small copies instead of a pass
//! over every glyph record.
//!
//! The subset numbers its glyphs by their position in the list it is given (glyph 0,
//! `.notdef`, first), then the components that composite glyphs need. A subset for a word
//! processor has a `cmap` holding exactly the mapping it is given (a PDF reader maps glyphs by
//! id and needs none): a format 4 subtable under Windows Unicode BMP (3, 1),
//! and a format 12 one under (3, 10) when a character lies beyond the BMP.

use std::collections::{BTreeMap, HashMap};

/// Who the subset is for, and so which tables it keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keep<'a> {
    /// What a word processor needs to use an embedded face (names, OS/2, hinting), with a
    /// `cmap` for these characters (character → source glyph id; characters whose glyph is
    /// not kept are left out).
    Office(&'a BTreeMap<u32, u16>),
    /// What a PDF reader needs (outlines, metrics, hinting). A PDF reader maps glyphs by id
    /// (`/CIDToGIDMap /Identity`), never through a `cmap` (ISO 32000-1 §9.9).
    Pdf,
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The OpenType checksum of a table (big-endian u32 words, zero-padded).
pub(crate) fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let rest = words.remainder();
    let mut sum = words.fold(0u32, |sum, w| {
        sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    });
    if !rest.is_empty() {
        let mut w = [0u8; 4];
        w[..rest.len()].copy_from_slice(rest);
        sum = sum.wrapping_add(u32::from_be_bytes(w));
    }
    sum
}

/// The tables of face `index` of a font file by tag (a collection's faces have their own
/// table directories, whose offsets count from the start of the file).
fn directory(font: &[u8], index: u32) -> Option<HashMap<[u8; 4], &[u8]>> {
    let start = if font.get(..4) == Some(b"ttcf") {
        be32(font, 12 + 4 * index as usize)? as usize
    } else {
        0
    };
    let n = usize::from(be16(font, start + 4)?);
    let mut out = HashMap::with_capacity(n);
    for i in 0..n {
        let rec = start + 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        out.insert(tag, font.get(off..off.checked_add(len)?)?);
    }
    Some(out)
}

/// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// The byte offsets of the component glyph ids in a composite glyph record.
fn component_offsets(glyph: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    if glyph.len() < 10 || (be16(glyph, 0).unwrap_or(0) as i16) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(_)) = (be16(glyph, at), be16(glyph, at + 2)) {
        out.push(at + 2);
        at += 4;
        at += if flags & ARG_1_AND_2_ARE_WORDS != 0 {
            4
        } else {
            2
        };
        if flags & WE_HAVE_A_SCALE != 0 {
            at += 2;
        } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
            at += 4;
        } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
            at += 8;
        }
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    out
}

/// A `cmap` for `map` (character → subset glyph id).
fn cmap(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    // Runs of consecutive characters with consecutive glyphs.
    let runs = |limit: u32| {
        let mut v: Vec<(u32, u32, u16)> = Vec::new();
        for (&c, &g) in map.range(..=limit) {
            match v.last_mut() {
                Some((start, end, glyph))
                    if *end + 1 == c && u32::from(*glyph) + (c - *start) == u32::from(g) =>
                {
                    *end = c
                }
                _ => v.push((c, c, g)),
            }
        }
        v
    };
    // Format 4: the BMP, one delta segment per run, then the final 0xFFFF segment.
    let mut segs: Vec<(u16, u16, u16)> = runs(0xFFFE)
        .into_iter()
        .map(|(s, e, g)| (s as u16, e as u16, g.wrapping_sub(s as u16)))
        .collect();
    segs.push((0xFFFF, 0xFFFF, 1));
    let n = segs.len() as u16;
    // searchRange: twice the largest power of two not above the segment count.
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search = 2 << entry_selector;
    let mut f4 = Vec::new();
    let len4 = 16 + 8 * n;
    for v in [4, len4, 0, 2 * n, search, entry_selector, 2 * n - search] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    segs.iter()
        .for_each(|s| f4.extend_from_slice(&s.1.to_be_bytes()));
    f4.extend_from_slice(&0u16.to_be_bytes());
    segs.iter()
        .for_each(|s| f4.extend_from_slice(&s.0.to_be_bytes()));
    segs.iter()
        .for_each(|s| f4.extend_from_slice(&s.2.to_be_bytes()));
    segs.iter()
        .for_each(|_| f4.extend_from_slice(&0u16.to_be_bytes()));
    // Format 12 for everything, when anything lies beyond the BMP.
    let wide = map.keys().any(|&c| c > 0xFFFF);
    let mut f12 = Vec::new();
    if wide {
        let groups = runs(u32::MAX);
        f12.extend_from_slice(&12u16.to_be_bytes());
        f12.extend_from_slice(&0u16.to_be_bytes());
        f12.extend_from_slice(&(16 + 12 * groups.len() as u32).to_be_bytes());
        f12.extend_from_slice(&0u32.to_be_bytes());
        f12.extend_from_slice(&(groups.len() as u32).to_be_bytes());
        for (s, e, g) in groups {
            f12.extend_from_slice(&s.to_be_bytes());
            f12.extend_from_slice(&e.to_be_bytes());
            f12.extend_from_slice(&u32::from(g).to_be_bytes());
        }
    }
    let records: u16 = if wide { 2 } else { 1 };
    let mut t = Vec::new();
    t.extend_from_slice(&0u16.to_be_bytes());
    t.extend_from_slice(&records.to_be_bytes());
    let first = 4 + 8 * u32::from(records);
    t.extend_from_slice(&[0, 3, 0, 1]);
    t.extend_from_slice(&first.to_be_bytes());
    if wide {
        t.extend_from_slice(&[0, 3, 0, 10]);
        t.extend_from_slice(&(first + f4.len() as u32).to_be_bytes());
    }
    t.extend_from_slice(&f4);
    t.extend_from_slice(&f12);
    t
}

/// The subset of face `index` of `font` holding `glyphs` (glyph 0 first) and their
/// components, with the tables `keep` asks for. Returns the font and the subset's glyph id
/// for each source glyph kept.
pub(crate) fn subset(
    font: &[u8],
    index: u32,
    glyphs: &[u16],
    keep: Keep,
) -> Option<(Vec<u8>, BTreeMap<u16, u16>)> {
    let dir = directory(font, index)?;
    let head = *dir.get(b"head")?;
    let maxp = *dir.get(b"maxp")?;
    let hhea = *dir.get(b"hhea")?;
    let hmtx = *dir.get(b"hmtx")?;
    let loca = *dir.get(b"loca")?;
    let glyf = *dir.get(b"glyf")?;
    let long_loca = be16(head, 50)? == 1;
    let num_glyphs = be16(maxp, 4)?;
    let num_h = usize::from(be16(hhea, 34)?).max(1);
    let glyph_range = |g: u16| -> Option<&[u8]> {
        let g = usize::from(g);
        let (a, b) = if long_loca {
            (be32(loca, 4 * g)? as usize, be32(loca, 4 * g + 4)? as usize)
        } else {
            (
                2 * usize::from(be16(loca, 2 * g)?),
                2 * usize::from(be16(loca, 2 * g + 2)?),
            )
        };
        glyf.get(a..b.max(a))
    };
    // The glyph list, then the components composite glyphs need.
    let mut order: Vec<u16> = Vec::with_capacity(glyphs.len() + 1);
    let mut new_id: BTreeMap<u16, u16> = BTreeMap::new();
    let mut add = |g: u16, order: &mut Vec<u16>| {
        if g < num_glyphs && !new_id.contains_key(&g) {
            new_id.insert(g, order.len() as u16);
            order.push(g);
        }
    };
    add(0, &mut order);
    for &g in glyphs {
        add(g, &mut order);
    }
    let mut k = 0;
    while k < order.len() {
        let data = glyph_range(order[k])?;
        for at in component_offsets(data) {
            add(be16(data, at)?, &mut order);
        }
        k += 1;
    }
    // glyf and a long loca.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (order.len() + 1));
    for &g in &order {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let data = glyph_range(g)?;
        let start = new_glyf.len();
        new_glyf.extend_from_slice(data);
        for at in component_offsets(data) {
            let old = be16(data, at)?;
            let new = *new_id.get(&old)?;
            new_glyf[start + at..start + at + 2].copy_from_slice(&new.to_be_bytes());
        }
        new_glyf.resize(new_glyf.len().div_ceil(4) * 4, 0);
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    // Metrics: one long metric per glyph.
    let mut new_hmtx = Vec::with_capacity(4 * order.len());
    for &g in &order {
        let g = usize::from(g);
        let adv = be16(hmtx, 4 * g.min(num_h - 1))?;
        let lsb = if g < num_h {
            be16(hmtx, 4 * g + 2)?
        } else {
            be16(hmtx, 4 * num_h + 2 * (g - num_h))?
        };
        new_hmtx.extend_from_slice(&adv.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp
        .get_mut(4..6)?
        .copy_from_slice(&(order.len() as u16).to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea
        .get_mut(34..36)?
        .copy_from_slice(&(order.len() as u16).to_be_bytes());
    // post format 3: no glyph names.
    let mut new_post = Vec::with_capacity(32);
    new_post.extend_from_slice(&0x0003_0000u32.to_be_bytes());
    new_post.extend_from_slice(
        dir.get(b"post")
            .and_then(|p| p.get(4..32))
            .unwrap_or(&[0; 28]),
    );
    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
    ];
    if let Keep::Office(chars) = keep {
        let mapped: BTreeMap<u32, u16> = chars
            .iter()
            .filter_map(|(&c, g)| Some((c, *new_id.get(g)?)))
            .collect();
        tables.push((*b"cmap", cmap(&mapped)));
    }
    let copied: &[&[u8; 4]] = match keep {
        Keep::Office(_) => &[b"OS/2", b"cvt ", b"fpgm", b"gasp", b"name", b"prep"],
        Keep::Pdf => &[b"cvt ", b"fpgm", b"prep"],
    };
    for tag in copied {
        if let Some(t) = dir.get(*tag) {
            tables.push((**tag, t.to_vec()));
        }
    }
    if matches!(keep, Keep::Office(_)) {
        tables.push((*b"post", new_post));
    }
    tables.sort_by_key(|t| t.0);
    Some((assemble(&tables), new_id))
}

/// A copy of the single-face font `font` (a subset) with the tables of `extra` added or
/// replaced, e.g. a CFF subset given the `cmap`, `OS/2` and `name` a word processor needs.
/// The sfnt version (`OTTO` for CFF) is kept.
pub(crate) fn with_tables(font: &[u8], extra: Vec<([u8; 4], Vec<u8>)>) -> Option<Vec<u8>> {
    let version: [u8; 4] = font.get(..4)?.try_into().ok()?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = directory(font, 0)?
        .into_iter()
        .filter(|(tag, _)| !extra.iter().any(|(t, _)| t == tag))
        .map(|(tag, data)| (tag, data.to_vec()))
        .collect();
    tables.extend(extra);
    tables.sort_by_key(|t| t.0);
    if let Some((_, head)) = tables.iter_mut().find(|(t, _)| t == b"head") {
        head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    }
    Some(assemble_version(u32::from_be_bytes(version), &tables))
}

/// The subset's `cmap` for `map` (character → subset glyph id).
pub(crate) fn cmap_table(map: &BTreeMap<u32, u16>) -> Vec<u8> {
    cmap(map)
}

/// The TrueType font file of `tables` (sorted by tag): header, directory, 4-byte aligned
/// tables, and `head.checkSumAdjustment`.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    assemble_version(0x0001_0000, tables)
}

/// [`assemble`] with the sfnt version `version` (`0x00010000`, or `OTTO` for CFF).
fn assemble_version(version: u32, tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search = 16 << entry_selector;
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    for v in [n, search, entry_selector, n * 16 - search] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    // The whole file's checksum: the header's plus every (zero-padded) table's.
    let mut file_sum = 0u32;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        let sum = checksum(data);
        file_sum = file_sum.wrapping_add(sum);
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    file_sum = file_sum.wrapping_add(checksum(&out));
    out.reserve(offset - out.len());
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(file_sum);
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}
