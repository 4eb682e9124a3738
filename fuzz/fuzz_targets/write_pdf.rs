#![no_main]
use cjkdoc::doc::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: Document| {
    let mut doc = doc;
    let pdf = cjkdoc_fuzz::write(cjkdoc::Format::Pdf, &mut doc);
    assert!(pdf.starts_with(b"%PDF-"), "no %PDF- header");
    if let Err(e) = lopdf::Document::load_mem(&pdf) {
        panic!("lopdf cannot load the PDF: {e}");
    }
});
