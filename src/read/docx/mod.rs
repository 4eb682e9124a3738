//! DOCX reader: a Word file → the tree, and an unstyled Word draft → a structured document.
//!
//! docx-rs parses the main document, the notes, the styles and the numbering into its
//! typed model (`package::prepare` first rewrites the few elements it would drop); the
//! package's relationships, core properties, language and media are read here from the
//! zip. What becomes what:
//!
//! - Paragraph styles (by id, name — Chinese names included — or the style they are based
//!   on; see `styles`): headings and outline levels → headings; Title, Subtitle (and
//!   cjkdoc's Author and Date in the title block) → the metadata; code styles → code
//!   blocks; quote styles → block quotes; Caption after a picture → the figure's caption;
//!   cjkdoc's role styles (Salutation, Signature, …) → paragraph roles; table-of-contents
//!   entries are left out (the writers make their own).
//! - Runs: bold, italic, strikethrough (direct formatting or a character style), inline
//!   code (code character styles, monospaced fonts), hyperlinks (also `HYPERLINK` fields),
//!   footnote and endnote references, line breaks, pictures. Hidden text is left out.
//! - Tracked changes are read as if accepted (insertions kept, deletions dropped);
//!   comments are dropped; a field keeps the result it shows; a text box's paragraphs
//!   follow the paragraph that anchors it.
//! - Numbering: bullet and decimal levels make lists (nested by indent, start numbers
//!   kept); other levels (`一、`, `（一）`, `第一章`) put their number text before the
//!   paragraph's text.
//! - Tables: rows of cells (paragraphs in a cell joined by line breaks); the first row is
//!   the header when it repeats on each page (`w:tblHeader`) or is all bold or styled as
//!   a table heading, else the header is empty.
//! - Pictures: the media bytes travel with the tree ([`Document::media`], keyed
//!   `media/NAME`), so that DOCX → PDF or DOCX embeds them and DOCX → Markdown writes them
//!   beside the output.
//! - A draft — a document without heading or title styles — goes through the plain-text
//!   rules (`read::text::structure::read_paragraphs`: title, addressee, numbered headings,
//!   articles, lists, signature, date, lead-ins), each Word paragraph one line, its
//!   leading spaces and indents ignored. `--no-structure` keeps Word's structure only.

mod body;
mod inlines;
mod model;
mod numbering;
mod package;
mod styles;

use super::{ReadError, ReadOptions};
use crate::doc::Document;
use crate::Diagnostics;

/// Read a DOCX file.
pub fn read(
    input: &[u8],
    options: &ReadOptions,
    diag: &mut Diagnostics,
) -> Result<Document, ReadError> {
    // docx-rs asserts on some inputs; a panic in it must not end the run, nor print.
    quiet_panics();
    QUIET.with(|q| q.set(q.get() + 1));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut local = Diagnostics::default();
        let doc = body::read(input, options, &mut local);
        (doc, local)
    }));
    QUIET.with(|q| q.set(q.get() - 1));
    match caught {
        Ok((doc, local)) => {
            diag.append(local);
            doc
        }
        Err(_) if is_strict(input) => Err(ReadError::Syntax(
            "this DOCX file is in Strict Open XML, which cjkdoc cannot read: save it as a Word Document (.docx, not Strict)".into(),
        )),
        Err(_) => Err(ReadError::Syntax(
            "damaged DOCX file: its XML could not be read".into(),
        )),
    }
}

thread_local! {
    /// Above 0 while this thread reads a DOCX: its panics are caught, not printed.
    static QUIET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Install, once per process, a panic hook that is silent on a thread reading a DOCX
/// and hands every other panic to the hook that was there.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) == 0 {
                previous(info);
            }
        }));
    });
}

/// Whether the package's main part is in Strict Open XML (its namespace says so).
fn is_strict(input: &[u8]) -> bool {
    package::Package::open(input)
        .ok()
        .and_then(|mut p| p.text("word/document.xml").ok().flatten())
        .is_some_and(|xml| xml.contains("http://purl.oclc.org/ooxml/wordprocessingml/main"))
}
