//! A small XML writer: elements are opened and closed through it, so every part is
//! well-formed by construction, every attribute value and text node is escaped, and the
//! characters XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE, U+FFFF) never
//! reach the output.

use crate::write::shared::escape_xml;
use std::fmt::Display;

/// The XML declaration every part starts with.
pub(crate) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// WordprocessingML main namespace.
pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationships namespace (`r:id`).
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Namespaces of parts that hold drawings.
pub(crate) const NS_DRAWING: [(&str, &str); 3] = [
    (
        "xmlns:wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        "xmlns:a",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        "xmlns:pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
];

/// An XML document being written.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    out: String,
    /// Names of the open elements.
    stack: Vec<&'static str>,
    /// The last start tag is still open for attributes.
    in_tag: bool,
}

impl Xml {
    /// A new part, starting with the XML declaration.
    pub fn new() -> Xml {
        Xml {
            out: String::from(DECL),
            ..Xml::default()
        }
    }

    /// A fragment without declaration (for tests).
    #[cfg(test)]
    pub fn fragment() -> Xml {
        Xml::default()
    }

    fn close_tag(&mut self) {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
    }

    /// Open element `name`; attributes may follow until content or the end.
    pub fn open(&mut self, name: &'static str) -> &mut Self {
        self.close_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.stack.push(name);
        self.in_tag = true;
        self
    }

    /// An attribute of the element just opened.
    pub fn attr(&mut self, name: &str, value: impl Display) -> &mut Self {
        debug_assert!(self.in_tag, "attribute {name} outside a start tag");
        let v = value.to_string();
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.out.push_str(&escape_xml(&v));
        self.out.push('"');
        self
    }

    /// An attribute, when there is a value.
    pub fn attr_opt(&mut self, name: &str, value: Option<impl Display>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    /// Close the innermost open element (`<x/>` when it has no content).
    pub fn close(&mut self) -> &mut Self {
        let name = self.stack.pop().expect("an open element");
        if self.in_tag {
            self.out.push_str("/>");
            self.in_tag = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    /// An element with the given attributes and no content.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.open(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.close()
    }

    /// An element holding only `text`.
    pub fn text_element(&mut self, name: &'static str, text: &str) -> &mut Self {
        self.open(name);
        self.text(text);
        self.close()
    }

    /// Escaped text content.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.close_tag();
        self.out.push_str(&escape_xml(text));
        self
    }

    /// The finished part.
    pub fn finish(mut self) -> String {
        self.close_tag();
        debug_assert!(self.stack.is_empty(), "unclosed {:?}", self.stack);
        while let Some(name) = self.stack.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_well_formed_escaped_xml() {
        let mut x = Xml::fragment();
        x.open("w:p").attr("a", "x\"<&\u{c}");
        x.open("w:t").text("a<b>&c\u{1b}\u{fffe}\td").close();
        x.empty("w:br", &[]);
        x.close();
        assert_eq!(
            x.finish(),
            "<w:p a=\"x&quot;&lt;&amp;\"><w:t>a&lt;b&gt;&amp;c\td</w:t><w:br/></w:p>"
        );
    }
}
