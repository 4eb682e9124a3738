//! Integration tests (one binary): each module covers one area of cjkdoc.
mod markdown;
