//! Integration tests: one binary, since each test binary links the bundled fonts.

mod pdf;
