#![no_main]
use cjkdoc::doc::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: Document| {
    let mut doc = doc;
    let json = cjkdoc_fuzz::write(cjkdoc::Format::Json, &mut doc);
    // Every tree a writer takes reads back (regressions/write_json-heading-level-0).
    if let Err(e) = cjkdoc_fuzz::read(cjkdoc::Format::Json, &json) {
        panic!(
            "the JSON output does not read back: {e}\n{}",
            String::from_utf8_lossy(&json)
        );
    }
});
