#![no_main]
use cjkdoc::doc::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: Document| {
    let mut doc = doc;
    let html = cjkdoc_fuzz::write(cjkdoc::Format::Html, &mut doc);
    assert!(std::str::from_utf8(&html).is_ok(), "HTML output is not UTF-8");
});
