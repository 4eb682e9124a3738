//! Small values that layout makes one of per cluster or per glyph, kept inline rather than
//! each on the heap: the source text of a cluster ([`ClusterText`]) and the glyphs of a
//! unit ([`UnitGlyphs`], nearly always one).

use super::units::UGlyph;
use std::fmt;
use std::ops::{Deref, DerefMut};

/// How many bytes of text are kept inline (a few characters of any script; a Han
/// character is 3 bytes).
const INLINE: usize = 22;

/// The source text of a cluster or glyph: kept inline up to 22 bytes, else on the heap.
/// Derefs to `str`.
#[derive(Clone)]
pub struct ClusterText(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl ClusterText {
    /// `s` as a cluster text.
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            ClusterText(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            ClusterText(Repr::Heap(s.into()))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from whole `&str`s (see `new`, `push_str`).
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// Append `s`.
    pub fn push_str(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let mut joined = String::with_capacity(self.len() + s.len());
        joined.push_str(self);
        joined.push_str(s);
        *self = ClusterText::new(&joined);
    }
}

impl Default for ClusterText {
    fn default() -> Self {
        ClusterText(Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }
}

impl Deref for ClusterText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for ClusterText {
    fn from(s: &str) -> Self {
        ClusterText::new(s)
    }
}

impl PartialEq for ClusterText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ClusterText {}

impl PartialEq<str> for ClusterText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ClusterText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for ClusterText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ClusterText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The glyphs of a unit: one kept inline, more (or none) in a vector. Derefs to a slice.
#[derive(Debug, Clone)]
pub(crate) enum UnitGlyphs {
    One(UGlyph),
    Many(Vec<UGlyph>),
}

impl UnitGlyphs {
    /// No glyphs.
    pub fn none() -> Self {
        UnitGlyphs::Many(Vec::new())
    }
}

impl From<Vec<UGlyph>> for UnitGlyphs {
    fn from(mut v: Vec<UGlyph>) -> Self {
        if v.len() == 1 {
            if let Some(g) = v.pop() {
                return UnitGlyphs::One(g);
            }
        }
        UnitGlyphs::Many(v)
    }
}

impl Deref for UnitGlyphs {
    type Target = [UGlyph];
    fn deref(&self) -> &[UGlyph] {
        match self {
            UnitGlyphs::One(g) => std::slice::from_ref(g),
            UnitGlyphs::Many(v) => v,
        }
    }
}

impl DerefMut for UnitGlyphs {
    fn deref_mut(&mut self) -> &mut [UGlyph] {
        match self {
            UnitGlyphs::One(g) => std::slice::from_mut(g),
            UnitGlyphs::Many(v) => v,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_text_inline_and_on_the_heap() {
        let short = ClusterText::new("党");
        assert_eq!(short, "党");
        assert!(matches!(short.0, Repr::Inline { .. }));
        let long = ClusterText::new("一二三四五六七八");
        assert!(matches!(long.0, Repr::Heap(_)));
        assert_eq!(long.as_str(), "一二三四五六七八");
        let mut t = ClusterText::default();
        assert!(t.is_empty());
        t.push_str("一二三四五六七");
        t.push_str("\u{200B}");
        assert_eq!(t, "一二三四五六七\u{200B}");
        assert!(matches!(t.0, Repr::Heap(_)));
        assert_eq!(std::mem::size_of::<ClusterText>(), 24);
    }

    #[test]
    fn unit_glyphs_of_one_are_inline() {
        let g = UGlyph {
            id: 7,
            dx: 0.0,
            dy: 0.0,
        };
        let mut one = UnitGlyphs::from(vec![g.clone()]);
        assert!(matches!(one, UnitGlyphs::One(_)));
        one.iter_mut().for_each(|g| g.dy += 1.0);
        assert_eq!(one[0].dy, 1.0);
        assert_eq!(UnitGlyphs::from(vec![g.clone(), g]).len(), 2);
        assert!(UnitGlyphs::none().is_empty());
    }
}
