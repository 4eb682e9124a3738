//! Integration tests: one test binary (each binary links the 50 MB of bundled fonts).

mod cli;
mod docx;
mod markdown;
mod pdf;
mod styles;
mod tools;
