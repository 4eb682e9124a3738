//! Between stages 3 and 4: where a Latin word may be broken with a hyphen, at the
//! syllable points of TeX's patterns (the `hypher` crate, as typst uses it), and the
//! hyphen glyph a line broken there ends with. Only paragraphs that `collect` gave patterns
//! (justified ones, when the style asks for hyphenation) are hyphenated, and in them only
//! plain words: never a word in a heading, the title or code, a word with digits or other
//! non-letters inside (numbers, URLs, addresses, identifiers, compounds with a hyphen of
//! their own), a word in capitals only (an acronym), or the last word of a paragraph or
//! before a forced break (its piece would stand alone on the last line). How far from a
//! word's ends it may break is the language's default (English: 2 letters before, 3
//! after, TeX's `\lefthyphenmin` and `\righthyphenmin`). Chinese text is untouched: a
//! word is made of Latin letters only.

use super::flow::{Par, Role, Span};
use super::font::{Book, FaceId};
use super::units::{Kind, Unit};
use std::ops::Range;

/// Where a line may break inside a word with a hyphen: for each unit, the width of the
/// hyphen a line ending after it takes (in the unit's face and size), `None` elsewhere
/// (also everywhere when `par` is not hyphenated). `spans` are the spans the units index.
pub(crate) fn points(par: &Par, spans: &[Span], units: &[Unit], book: &Book) -> Vec<Option<f32>> {
    let mut out = vec![None; units.len()];
    let Some(lang) = par.hyphenate else {
        return out;
    };
    let words = words(spans, units);
    // The hyphen of each face and size used, shaped once.
    let mut hyphens: Vec<(FaceId, f32, Option<f32>)> = Vec::new();
    for (wi, w) in words.iter().enumerate() {
        // Not the last word of the paragraph or before a forced break.
        let next = words.get(wi + 1).map_or(units.len(), |n| n.range.start);
        let last = wi + 1 == words.len()
            || units[w.range.end..next]
                .iter()
                .any(|u| u.kind == Kind::Newline);
        if last || !w.plain {
            continue;
        }
        let mut text = String::new();
        let mut ends = Vec::with_capacity(w.range.len()); // byte offset after each unit
        for u in &units[w.range.clone()] {
            text.push_str(&u.text);
            ends.push(text.len());
        }
        if !text.chars().any(char::is_lowercase) {
            continue; // capitals only: an acronym
        }
        let syllables: Vec<&str> = hypher::hyphenate(&text, lang).collect();
        let mut at = 0;
        // Unit ends are ascending, as are the points: one pass over both.
        let mut k = 0;
        for s in &syllables[..syllables.len().saturating_sub(1)] {
            at += s.len();
            while ends.get(k).is_some_and(|&e| e < at) {
                k += 1;
            }
            // A point inside a unit (a ligature's cluster) cannot be used.
            if ends.get(k) != Some(&at) {
                continue;
            }
            let u = &units[w.range.start + k];
            let width = match hyphens.iter().find(|h| h.0 == u.face && h.1 == u.size) {
                Some(h) => h.2,
                None => {
                    let width = hyphen(book, u.face, u.size).map(|g| g.1);
                    hyphens.push((u.face, u.size, width));
                    width
                }
            };
            out[w.range.start + k] = width;
        }
    }
    out
}

/// A maximal run of letter units (a word, or the letters of a longer token) and whether it
/// may be hyphenated for what it is and what surrounds it.
struct Word {
    /// The units.
    range: Range<usize>,
    /// Plain text: set in a role that is hyphenated, and its token (what lies between
    /// spaces or Chinese characters) is the word with at most punctuation around it.
    plain: bool,
}

/// Whether unit `u` is a Latin letter (or a cluster of them; Han characters are wide).
fn letter(u: &Unit) -> bool {
    u.kind == Kind::Narrow
        && !u.mark
        && !u.text.is_empty()
        && u.text.chars().all(char::is_alphabetic)
}

/// Punctuation that may stand around a hyphenated word: quotes, brackets, stops.
fn around(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '('
            | ')'
            | '['
            | ']'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
    )
}

/// The words of a paragraph's units, in order.
fn words(spans: &[Span], units: &[Unit]) -> Vec<Word> {
    let hyphenated = |u: &Unit| {
        spans
            .get(u.span)
            .is_some_and(|s| matches!(s.role, Role::Body | Role::Bold | Role::Emph))
    };
    // What ends a token: spaces, forced breaks, Chinese characters and punctuation, images.
    let boundary = |u: &Unit| {
        matches!(
            u.kind,
            Kind::Space
                | Kind::Newline
                | Kind::Fill
                | Kind::Wide
                | Kind::Open
                | Kind::Close
                | Kind::Middle
                | Kind::Image
        )
    };
    let punct = |u: &Unit| u.kind == Kind::Narrow && u.text.chars().all(around);
    // One pass each way, so that a long token (`<div><div>…`) is not scanned again for
    // each word in it: `stop[i]` is the first unit from `i` on that is a boundary or not
    // such punctuation.
    let n = units.len();
    let mut stop = vec![n; n + 1];
    for i in (0..n).rev() {
        stop[i] = if boundary(&units[i]) || !punct(&units[i]) {
            i
        } else {
            stop[i + 1]
        };
    }
    let mut out = Vec::new();
    // Since the token started, only punctuation (no letters, no other characters).
    let mut clean_prefix = true;
    let mut k = 0;
    while k < n {
        let u = &units[k];
        if boundary(u) {
            clean_prefix = true;
            k += 1;
            continue;
        }
        if !letter(u) {
            clean_prefix &= punct(u);
            k += 1;
            continue;
        }
        let start = k;
        while k < n && letter(&units[k]) {
            k += 1;
        }
        let clean_suffix = stop[k] == n || boundary(&units[stop[k]]);
        out.push(Word {
            range: start..k,
            plain: clean_prefix && clean_suffix && units[start..k].iter().all(hyphenated),
        });
        clean_prefix = false;
    }
    out
}

/// The hyphen glyph that ends a line broken inside a word set in `face` at `size`: its id
/// and advance width, shaped on its own.
pub(crate) fn hyphen(book: &Book, face: FaceId, size: f32) -> Option<(u16, f32)> {
    let loaded = book.get(face)?;
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str("-");
    buf.set_direction(rustybuzz::Direction::LeftToRight);
    let shaped = rustybuzz::shape(&loaded.face, &[], buf);
    let (info, pos) = shaped
        .glyph_infos()
        .first()
        .zip(shaped.glyph_positions().first())?;
    if info.glyph_id == 0 {
        return None; // the face has no hyphen: no hyphenation in it
    }
    Some((
        info.glyph_id as u16,
        pos.x_advance as f32 * size / loaded.upem,
    ))
}
