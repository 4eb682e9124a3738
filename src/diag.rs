//! Diagnostics: warnings collected during a conversion (missing glyphs, dropped content,
//! guessed encodings). A conversion never prints; the caller decides what to show.

use serde::Serialize;

/// What a warning is about: lets a batch report (and a CI script reading it) tell a
/// guessed encoding from a missing image without parsing the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// The text encoding was guessed, or bytes were invalid in it.
    Encoding,
    /// A font could not be used or embedded, or another face stands in for the style's.
    Font,
    /// A character no available face has (shown as a box).
    Glyph,
    /// An image that could not be read or placed (its alt text is shown).
    Image,
    /// Content the output format cannot hold as it is (dropped or simplified).
    Content,
}

impl WarningKind {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::Encoding => "encoding",
            WarningKind::Font => "font",
            WarningKind::Glyph => "glyph",
            WarningKind::Image => "image",
            WarningKind::Content => "content",
        }
    }
}

/// Warnings gathered while reading and writing one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// Human-readable warnings, in the order they were raised, without duplicates.
    pub warnings: Vec<String>,
    /// The kind of each warning (`kinds[i]` is that of `warnings[i]`).
    pub kinds: Vec<WarningKind>,
    /// Notices: what was chosen for the user (a style, a substituted face), not a fault.
    pub notes: Vec<String>,
    /// The warnings and notices raised so far, so that telling a repeat costs no scan.
    seen: std::collections::HashSet<(bool, String)>,
}

impl Diagnostics {
    /// Record a warning about content the output cannot hold (a repeated identical warning
    /// is kept once).
    pub fn warn(&mut self, message: impl Into<String>) {
        self.warn_as(WarningKind::Content, message);
    }

    /// Record a warning of a kind (a repeated identical warning is kept once).
    pub fn warn_as(&mut self, kind: WarningKind, message: impl Into<String>) {
        let message = message.into();
        if self.seen.insert((true, message.clone())) {
            self.warnings.push(message);
            self.kinds.push(kind);
        }
    }

    /// The warnings with their kinds, in order.
    pub fn warnings_with_kinds(&self) -> impl Iterator<Item = (WarningKind, &str)> {
        self.kinds
            .iter()
            .copied()
            .zip(self.warnings.iter().map(String::as_str))
    }

    /// Record a notice (a repeated identical notice is kept once).
    pub fn note(&mut self, message: impl Into<String>) {
        let message = message.into();
        if self.seen.insert((false, message.clone())) {
            self.notes.push(message);
        }
    }

    /// Add the warnings and notices of `other` after these (repeats kept once).
    pub fn append(&mut self, other: Diagnostics) {
        for (kind, message) in other.kinds.into_iter().zip(other.warnings) {
            self.warn_as(kind, message);
        }
        for message in other.notes {
            self.note(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_keep_their_kinds_and_are_kept_once() {
        let mut d = Diagnostics::default();
        d.warn_as(WarningKind::Glyph, "no glyph");
        d.warn("dropped");
        d.warn_as(WarningKind::Image, "no glyph");
        let all: Vec<_> = d.warnings_with_kinds().collect();
        assert_eq!(
            all,
            [
                (WarningKind::Glyph, "no glyph"),
                (WarningKind::Content, "dropped")
            ]
        );
    }
}
