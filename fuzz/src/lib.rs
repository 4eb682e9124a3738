//! Shared code of the fuzz targets in `fuzz_targets/`.

use cjkdoc::doc::nesting::{self, MAX_NESTING};
use cjkdoc::doc::Document;
use cjkdoc::read::{ReadError, ReadOptions};
use cjkdoc::write::WriteOptions;
use cjkdoc::{Diagnostics, Format};
use std::sync::LazyLock;

/// How much deeper than [`MAX_NESTING`] a tree may be after a reader or `nesting::limit`
/// (the writers refuse trees deeper than `MAX_NESTING + 2`, see `write::write_many`).
pub const NESTING_SLACK: usize = 2;

/// The writer options, built once (the font book is shared anyway).
static WRITE_OPTIONS: LazyLock<WriteOptions> = LazyLock::new(WriteOptions::default);

/// Read `input` as `format` with the default options; errors are fine, panics are not.
/// A tree that was read must be within the nesting limit.
pub fn read(format: Format, input: &[u8]) -> Result<Document, ReadError> {
    let mut diag = Diagnostics::default();
    let doc = cjkdoc::read::read(format, input, &ReadOptions::default(), &mut diag)?;
    check_depth(&doc, "read");
    Ok(doc)
}

/// Limit `doc`'s nesting and [`sanitize`] it, then write it as `format` with the default options. A tree that
/// went through `nesting::limit` must always be writable: a writer error is a bug too.
pub fn write(format: Format, doc: &mut Document) -> Vec<u8> {
    nesting::limit(doc);
    sanitize(doc);
    check_depth(doc, "nesting::limit");
    let mut diag = Diagnostics::default();
    match cjkdoc::write::write(format, doc, &WRITE_OPTIONS, &mut diag) {
        Ok(bytes) => bytes,
        Err(e) => panic!("{} writer failed: {e}", format.title()),
    }
}

fn check_depth(doc: &Document, after: &str) {
    let depth = nesting::depth(doc);
    assert!(
        depth <= MAX_NESTING + NESTING_SLACK,
        "tree nested {depth} deep after {after} (limit {MAX_NESTING} + {NESTING_SLACK})"
    );
}

/// Bring the values the types allow but a document cannot have (see `doc::check`) into
/// range — heading levels to 1–6, list starts to at most `MAX_LIST_START` — so that the
/// writers, which refuse such trees, are fuzzed on everything else.
/// (Finding `regressions/write_json-heading-level-0`: the JSON writer wrote trees the JSON
/// reader refuses; now every writer refuses them, see `write::write_many`.)
pub fn sanitize(doc: &mut Document) {
    use cjkdoc::doc::{Block, ListKind};
    let mut stack: Vec<&mut Vec<Block>> = vec![&mut doc.blocks];
    while let Some(blocks) = stack.pop() {
        for block in blocks.iter_mut() {
            match block {
                Block::Heading(h) => h.level = h.level.clamp(1, 6),
                Block::List(list) => {
                    if let ListKind::Ordered { start } = &mut list.kind {
                        *start = (*start).min(cjkdoc::doc::check::MAX_LIST_START);
                    }
                    stack.extend(list.items.iter_mut().map(|i| &mut i.blocks));
                }
                Block::BlockQuote { blocks } => stack.push(blocks),
                Block::FootnoteDef(f) => stack.push(&mut f.blocks),
                _ => {}
            }
        }
    }
}
