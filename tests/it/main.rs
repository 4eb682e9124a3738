//! Integration tests: one test binary (each binary links the 50 MB of bundled fonts).

mod batch;
mod ci;
mod cli;
mod docx;
mod docx_in;
mod fonts;
mod hostile;
mod markdown;
mod pdf;
mod remote;
mod styles;
mod tools;
