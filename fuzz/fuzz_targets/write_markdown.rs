#![no_main]
use cjkdoc::doc::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: Document| {
    let mut doc = doc;
    let md = cjkdoc_fuzz::write(cjkdoc::Format::Markdown, &mut doc);
    // Errors (e.g. front matter) are fine; a panic or a too-deep tree is not.
    let _ = cjkdoc_fuzz::read(cjkdoc::Format::Markdown, &md);
});
