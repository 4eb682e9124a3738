#![no_main]
use cjkdoc::doc::Document;
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read};

fuzz_target!(|doc: Document| {
    let mut doc = doc;
    let docx = cjkdoc_fuzz::write(cjkdoc::Format::Docx, &mut doc);
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).expect("DOCX is not a zip");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("zip entry");
        let name = part.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml)
            .unwrap_or_else(|e| panic!("{name} is not UTF-8 / unreadable: {e}"));
        let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: u32::MAX };
        if let Err(e) = roxmltree::Document::parse_with_options(&xml, opts) {
            panic!("{name} is not well-formed XML: {e}\n{xml}");
        }
    }
});
