//! The document formats cjkdoc knows by name and by file extension.

use std::fmt;
use std::path::Path;

/// A document format, as an input, an output, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Plain text (`.txt`), with structure inferred from the text.
    Text,
    /// CommonMark with GFM tables, strikethrough, task lists, footnotes and YAML front matter.
    Markdown,
    /// The document tree as JSON (see README).
    Json,
    /// HTML.
    Html,
    /// PDF.
    Pdf,
    /// Word (Office Open XML).
    Docx,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::Html,
        Format::Pdf,
        Format::Docx,
    ];

    /// The canonical short name (`md`, `pdf`, …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The file extension used for outputs in this format.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// A human name for messages ("PDF", "Markdown").
    pub fn title(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Html => "HTML",
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        }
    }

    /// True for formats whose bytes are not text (refused on a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }

    /// True for formats set on pages, in a [`crate::style::Style`] (PDF, DOCX).
    pub fn is_paged(self) -> bool {
        matches!(self, Format::Pdf | Format::Docx)
    }

    /// Parse a format name or alias, case-insensitively (`markdown`, `md`, `txt`, `text`, …).
    pub fn from_name(name: &str) -> Option<Format> {
        let format = match name
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase()
            .as_str()
        {
            "txt" | "text" | "plain" => Format::Text,
            "md" | "markdown" | "commonmark" | "gfm" | "mkd" | "mdown" | "markdn" => {
                Format::Markdown
            }
            "json" => Format::Json,
            "html" | "htm" | "xhtml" => Format::Html,
            "pdf" => Format::Pdf,
            "docx" | "word" => Format::Docx,
            _ => return None,
        };
        Some(format)
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions() {
        assert_eq!(Format::from_name("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::from_name("TXT"), Some(Format::Text));
        assert_eq!(Format::from_name("rtf"), None);
        assert_eq!(
            Format::from_path(Path::new("a/b.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("noext")), None);
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }
}
