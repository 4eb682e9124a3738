//! The typesetting engine behind the PDF writer: shaping, CJK line breaking,
//! justification and pagination. It knows fonts and boxes, not PDF.
