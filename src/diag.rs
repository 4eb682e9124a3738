//! Diagnostics: warnings collected during a conversion (missing glyphs, dropped content,
//! guessed encodings). A conversion never prints; the caller decides what to show.

/// Warnings gathered while reading and writing one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// Human-readable warnings, in the order they were raised, without duplicates.
    pub warnings: Vec<String>,
    /// Notices: what was chosen for the user (a style, a substituted face), not a fault.
    pub notes: Vec<String>,
}

impl Diagnostics {
    /// Record a warning (a repeated identical warning is kept once).
    pub fn warn(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.warnings.contains(&message) {
            self.warnings.push(message);
        }
    }

    /// Record a notice (a repeated identical notice is kept once).
    pub fn note(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.notes.contains(&message) {
            self.notes.push(message);
        }
    }
}
