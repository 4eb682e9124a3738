//! Markdown writer: CommonMark plus GFM tables, strikethrough, task lists and footnotes,
//! with YAML front matter.
//!
//! The output reads back (with `crate::commonmark`) as the same tree, and writing that
//! tree again gives the same bytes. It ends with exactly one `\n`.
//!
//! Supported nodes:
//! - [x] `Meta` → YAML front matter (`title`, `subtitle`, `author` (string, or list when
//!   several), `date`, `lang`, `keywords` (list), then `extra` keys in sorted order).
//! - [x] `Heading` → ATX heading (`label` then `content`); a level-1/2 heading whose text
//!   has line breaks → setext heading; line breaks in deeper headings become spaces
//!   (warning). `run_in` headings are written as ordinary headings.
//! - [x] `Paragraph` → paragraph (roles are not representable and are dropped silently).
//! - [x] `List` → `-`/`*` or `1.`/`1)` lists (consecutive lists alternate markers so they do
//!   not merge), start numbers kept, tight/loose honoured, task items `[ ]`/`[x]`.
//! - [x] `BlockQuote` → `> ` prefixed blocks.
//! - [x] `CodeBlock` → fenced code (backticks, or tildes when the info string has a backtick;
//!   the fence is longer than any run inside).
//! - [x] `Table` → GFM pipe table with an alignment row; `|` escaped in cells; line breaks
//!   in cells become spaces (warning).
//! - [x] `ThematicBreak` → `***` (`---` where `***` would merge with a `*` list marker).
//! - [x] `PageBreak` → raw HTML `<div style="page-break-after: always;"></div>`.
//! - [x] `Figure` → a paragraph holding only the image; a caption other than the alt text
//!   is dropped (warning).
//! - [x] `FootnoteDef` → `[^label]: …` with continuation lines indented four spaces.
//! - [x] `Raw` html (and markdown) → verbatim; `Raw` yaml (non-mapping front matter) → a
//!   `---` metadata block at the start of the document; other raw formats → fenced code
//!   with info `{=format}` (warning).
//! - [x] Inlines (see [`inline`]): text with minimal escaping, `*em*`, `**strong**`,
//!   `~~strike~~`, code spans, inline links and images with resolved URLs (`<…>`
//!   destinations when needed), autolinks, `[^label]` references, raw HTML, soft breaks
//!   (newline) and hard breaks (backslash-newline).
//!
//! Emphasis whose edge punctuation would block its delimiters next to Han text
//! (`**…。**党`) has that punctuation moved just outside (see [`flanking`]).
//!
//! How escaping is chosen: each paragraph, heading and table is rendered with the smallest
//! set of escapes first and read back; the first rendering that reads back as the same tree
//! is kept (see [`inline`]). Line-start escapes (`\#`, `\-`, `1\.`, `\>`, …) and blanks
//! at line edges (`&#32;`) are applied exactly where a parser would otherwise see block
//! syntax.
//!
//! Known limits (trees no Markdown text produces, or only via pathological input):
//! - a tight list item holding a paragraph and then a list whose first item is empty (or an
//!   ordered list not starting at 1) cannot be written tight: the list would be paragraph
//!   text;
//! - emphasis nested three deep in emphasis with punctuation at its edges
//!   (`***:*\n…*` style) may not find delimiters that read back; the most escaped form is
//!   written;
//! - raw inline HTML spanning lines inside list items: pulldown-cmark keeps part of the
//!   container indentation in the HTML text, so some such trees do not read back exactly;
//! - line breaks in table cells and in level 3–6 headings, figure captions and paragraph
//!   roles are not representable (warnings for the first three).

mod flanking;
mod front_matter;
pub mod inline;

use super::{WriteError, WriteOptions};
use crate::doc::{Align, Block, CodeBlock, Document, Heading, Inline, List, ListKind, Raw, Table};
use crate::Diagnostics;
use inline::{Context, Escapes, Style};
use std::collections::{BTreeSet, HashMap};

/// Write Markdown.
pub fn write(
    doc: &Document,
    _: &WriteOptions,
    _: &crate::images::Images,
    diag: &mut Diagnostics,
) -> Result<Vec<u8>, WriteError> {
    let mut defined = BTreeSet::new();
    collect_labels(&doc.blocks, &mut defined);
    let mut labels: HashMap<String, Vec<String>> = HashMap::new();
    for label in defined {
        labels.entry(label_key(&label)).or_default().push(label);
    }
    let mut w = Writer { labels, diag };
    let mut out = String::new();
    let mut blocks = doc.blocks.as_slice();
    if !doc.meta.is_empty() {
        out.push_str(&front_matter::write(&doc.meta)?);
    } else if let Some(Block::Raw(raw)) = blocks.first() {
        if raw.format == "yaml" {
            out.push_str("---\n");
            out.push_str(&raw.text);
            if !raw.text.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("---\n");
            blocks = &blocks[1..];
        }
    }
    let body = w.blocks(blocks, false);
    if !body.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&body);
    }
    out.retain(|c| c != inline::LAZY);
    while out.ends_with('\n') {
        out.pop();
    }
    out.push('\n');
    Ok(out.into_bytes())
}

/// Footnote labels defined anywhere in the blocks.
fn collect_labels(blocks: &[Block], labels: &mut BTreeSet<String>) {
    for b in blocks {
        match b {
            Block::FootnoteDef(f) => {
                labels.insert(f.label.clone());
                collect_labels(&f.blocks, labels);
            }
            Block::BlockQuote { blocks } => collect_labels(blocks, labels),
            Block::List(l) => l
                .items
                .iter()
                .for_each(|i| collect_labels(&i.blocks, labels)),
            _ => {}
        }
    }
}

/// A coarse form of a footnote label under which every label a reference could match
/// is found (CommonMark matches labels case-folded with whitespace collapsed; this also
/// drops backslashes and all whitespace, so it may find more, never fewer).
fn label_key(label: &str) -> String {
    label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ß' => 's',
            'ς' => 'σ',
            'ſ' => 's',
            c => c,
        })
        .fold(String::new(), |mut key, c| {
            // `ß` folds to `ss`: any run of `s` is one.
            if !(c == 's' && key.ends_with('s')) {
                key.push(c);
            }
            key
        })
}

/// The [`label_key`]s of everything in `md` that could be a footnote reference: the text
/// after each `[^` up to the next `]` not escaped by a backslash.
fn label_keys(md: &str) -> impl Iterator<Item = String> + '_ {
    md.match_indices("[^").filter_map(move |(at, _)| {
        let rest = &md[at + 2..];
        let mut escaped = false;
        // A label is at most 999 characters (CommonMark link labels).
        for (k, c) in rest.char_indices().take(1000) {
            match c {
                ']' if !escaped => return Some(label_key(&rest[..k])),
                '\\' => escaped = !escaped,
                _ => escaped = false,
            }
        }
        None
    })
}

/// Writer state shared by all blocks.
struct Writer<'d> {
    /// Footnote labels of the document by [`label_key`] (verification re-reads need their
    /// definitions).
    labels: HashMap<String, Vec<String>>,
    /// Where warnings go.
    diag: &'d mut Diagnostics,
}

impl Writer<'_> {
    /// Blocks, separated by blank lines (tight list items: by line ends). No final newline.
    fn blocks(&mut self, blocks: &[Block], tight: bool) -> String {
        self.blocks_in(blocks, tight, false)
    }

    /// Blocks; `item` is true for the blocks of a list item (the first paragraph may look
    /// like a task marker).
    fn blocks_in(&mut self, blocks: &[Block], tight: bool, item: bool) -> String {
        let mut out = String::new();
        let mut last_list: Option<(bool, bool)> = None; // (ordered, alternate marker)
        for (i, block) in blocks.iter().enumerate() {
            let text = match block {
                Block::List(list) => {
                    let ordered = matches!(list.kind, ListKind::Ordered { .. });
                    let alt = match last_list {
                        Some((o, a)) if o == ordered => !a,
                        _ => false,
                    };
                    last_list = Some((ordered, alt));
                    self.list(list, alt)
                }
                other => {
                    last_list = None;
                    self.block(other, item && i == 0)
                }
            };
            if i > 0 {
                let prev = &blocks[i - 1];
                let join = tight && tight_join_ok(prev, block);
                let quote_then_text = matches!(prev, Block::BlockQuote { .. })
                    && matches!(block, Block::Paragraph(_) | Block::Figure(_))
                    && ends_with_paragraph(prev);
                if tight && quote_then_text {
                    // An empty `>` line ends the quoted paragraph without a blank line
                    // (which would make the list loose).
                    out.push_str("\n>\n");
                } else {
                    out.push_str(if join { "\n" } else { "\n\n" });
                }
            }
            out.push_str(&text);
        }
        out
    }

    /// One block (not a list).
    fn block(&mut self, block: &Block, first_in_item: bool) -> String {
        match block {
            Block::Heading(h) => self.heading(h),
            Block::Paragraph(p) => {
                let ctx = if first_in_item {
                    Context::ItemPara
                } else {
                    Context::Para
                };
                self.paragraph(&p.content, ctx)
            }
            Block::List(list) => self.list(list, false),
            Block::BlockQuote { blocks } => {
                let inner = self.blocks(blocks, false);
                if inner.is_empty() {
                    return ">".into();
                }
                prefix_lines(&inner, "> ", "> ", ">")
            }
            Block::CodeBlock(code) => code_block(code),
            Block::Table(table) => self.table(table),
            Block::ThematicBreak => "***".into(),
            Block::PageBreak => "<div style=\"page-break-after: always;\"></div>".into(),
            Block::Figure(fig) => {
                let mut image = fig.image.clone();
                // A Markdown figure's description is both its alt text and its caption:
                // a figure with a caption only (a DOCX's) gives it its caption.
                if image.alt.is_empty() {
                    image.alt.clone_from(&fig.caption);
                } else if !fig.caption.is_empty() && fig.caption != fig.image.alt {
                    self.diag.warn(
                        "Markdown output: figure captions are not kept (the image alt text is)",
                    );
                }
                let content = vec![Inline::Image(image)];
                self.paragraph(&content, Context::Para)
            }
            Block::FootnoteDef(def) => {
                let inner = self.blocks(&def.blocks, false);
                let first = format!("[^{}]: ", def.label);
                if inner.is_empty() {
                    return first.trim_end().to_string();
                }
                prefix_lines(&inner, &first, "    ", "")
            }
            Block::Raw(raw) => self.raw(raw),
        }
    }

    /// A raw block.
    fn raw(&mut self, raw: &Raw) -> String {
        if raw.format == "html" || raw.format == "markdown" {
            return raw.text.trim_end_matches('\n').to_string();
        }
        self.diag.warn(format!(
            "Markdown output: raw {} content is written as a code block",
            raw.format
        ));
        code_block(&CodeBlock {
            info: Some(format!("{{={}}}", raw.format)),
            text: raw.text.clone(),
        })
    }

    /// A paragraph (or a setext heading's text), escaped minimally.
    fn paragraph(&mut self, content: &[Inline], ctx: Context) -> String {
        if content.is_empty() {
            return String::new();
        }
        let content = &flanking::pull_edge_punctuation(content);
        let want = normalize(content);
        self.verified(
            |style| inline::render(content, ctx, style),
            |doc| match doc.blocks.first() {
                Some(Block::Paragraph(p)) => normalize(&p.content) == want,
                Some(Block::Figure(f)) => {
                    f.caption.is_empty() && want == [Inline::Image(f.image.clone())]
                }
                _ => false,
            },
        )
    }

    /// Render with the least escaping that reads back as intended (`check`); if nothing
    /// does, the most thorough escaping.
    fn verified(
        &mut self,
        render: impl Fn(Style) -> String,
        check: impl Fn(&Document) -> bool,
    ) -> String {
        let mut sets = vec![Escapes::NONE];
        sets.extend(Escapes::SINGLE);
        sets.push(Escapes::CLASSES);
        sets.push(Escapes::ALL);
        let mut tried = std::collections::HashSet::new();
        for &escapes in &sets {
            for delims in [['*', '*'], ['*', '_'], ['_', '*'], ['_', '_']] {
                let md = render(Style { delims, escapes });
                if tried.insert(md.clone()) && self.reads_back(&md, &check) {
                    return md;
                }
            }
        }
        render(Style {
            delims: ['*', '*'],
            escapes: Escapes::ALL,
        })
    }

    /// True when `md`, read as a document (with the document's footnote definitions
    /// appended), passes `check`.
    fn reads_back(&self, md: &str, check: &impl Fn(&Document) -> bool) -> bool {
        let mut src = md.replace(inline::LAZY, "");
        // Only the definitions `md` could refer to: appending all of them would make
        // each paragraph's check as long as the document's notes.
        let mut wanted = BTreeSet::new();
        for key in label_keys(&src) {
            if let Some(labels) = self.labels.get(&key) {
                wanted.extend(labels);
            }
        }
        for label in wanted {
            src.push_str(&format!("\n\n[^{label}]: x"));
        }
        match crate::commonmark::parse(&src) {
            Ok(doc) => check(&doc),
            Err(_) => false,
        }
    }

    /// A heading: ATX, or setext when a level-1/2 heading has line breaks.
    fn heading(&mut self, h: &Heading) -> String {
        let mut content = Vec::new();
        if let Some(label) = &h.label {
            content.push(Inline::text(label.clone()));
        }
        content.extend(h.content.iter().cloned());
        let content = flanking::pull_edge_punctuation(&content);
        let level = h.level.clamp(1, 6);
        let has_breaks = has_breaks(&content);
        let want = normalize(&content);
        let matches = move |doc: &Document| match doc.blocks.first() {
            Some(Block::Heading(r)) => r.level == level && normalize(&r.content) == want,
            _ => false,
        };
        if has_breaks && level <= 2 {
            let underline = if level == 1 { "===" } else { "---" };
            return self.verified(
                |style| {
                    format!(
                        "{}\n{underline}",
                        inline::render(&content, Context::Para, style)
                    )
                },
                matches,
            );
        }
        if has_breaks {
            self.diag
                .warn("Markdown output: line breaks in headings below level 2 become spaces");
        }
        let hashes = "#".repeat(level as usize);
        self.verified(
            |style| {
                let text = inline::render(&content, Context::Atx, style);
                if text.is_empty() {
                    hashes.clone()
                } else {
                    format!("{hashes} {text}")
                }
            },
            matches,
        )
    }

    /// A list; `alt` picks the second marker style (`*`, `)`).
    fn list(&mut self, list: &List, alt: bool) -> String {
        let bullet = if alt { "*" } else { "-" };
        let out = self.list_with(list, alt, bullet);
        // `- - -` (an item holding a list holding an empty item) is a thematic break; `+`
        // never forms one.
        if list.kind == ListKind::Bullet
            && out.split('\n').any(|line| {
                let rule =
                    is_thematic_break(line) && !line.ends_with("***") && !line.ends_with("---");
                rule || (line.starts_with(bullet) && is_table_delimiter_row(line))
            })
        {
            return self.list_with(list, alt, "+");
        }
        out
    }

    /// A list with the given bullet character.
    fn list_with(&mut self, list: &List, alt: bool, bullet: &str) -> String {
        let mut out = String::new();
        for (n, item) in list.items.iter().enumerate() {
            let marker = match list.kind {
                ListKind::Bullet => bullet.to_string(),
                ListKind::Ordered { start } => {
                    format!(
                        "{}{}",
                        start.saturating_add(n as u64),
                        if alt { ")" } else { "." }
                    )
                }
            };
            let mut content = self.blocks_in(&item.blocks, list.tight, true);
            if let Some(checked) = item.task {
                let mark = if checked { "[x]" } else { "[ ]" };
                content = if content.is_empty() {
                    mark.to_string()
                } else if matches!(item.blocks.first(), Some(Block::Paragraph(_))) {
                    format!("{mark} {content}")
                } else {
                    // `- [x] 1.` would make the list text: start it on the next line.
                    format!("{mark}\n{content}")
                };
            }
            let indent = " ".repeat(marker.len() + 1);
            let mut text = if content.is_empty() {
                marker.clone()
            } else {
                prefix_lines(&content, &format!("{marker} "), &indent, "")
            };
            // `* ***` or `- ---` would be one thematic break: swap the inner rule, or
            // escape the text that continues the marker (`- \--`).
            let first_line = text.lines().next().unwrap_or("").to_string();
            let starts_with_rule = matches!(item.blocks.first(), Some(Block::ThematicBreak));
            let starts_with_para = matches!(item.blocks.first(), Some(Block::Paragraph(_)));
            if is_thematic_break(&first_line) && starts_with_para && item.task.is_none() {
                text.insert(marker.len() + 1, '\\');
            } else if is_thematic_break(&first_line) && starts_with_rule {
                let swapped = if first_line.ends_with("***") {
                    format!("{}---", &first_line[..first_line.len() - 3])
                } else {
                    format!("{}***", &first_line[..first_line.len() - 3])
                };
                text = format!("{swapped}{}", &text[first_line.len()..]);
            }
            if n > 0 {
                out.push_str(if list.tight { "\n" } else { "\n\n" });
            }
            out.push_str(&text);
        }
        out
    }

    /// A GFM table.
    fn table(&mut self, table: &Table) -> String {
        let cols = table
            .aligns
            .len()
            .max(table.header.len())
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        if table
            .header
            .iter()
            .chain(table.rows.iter().flatten())
            .any(|cell| has_breaks(cell))
        {
            self.diag
                .warn("Markdown output: line breaks in table cells become spaces");
        }
        let want = table.clone();
        self.verified(
            |style| {
                let row = |cells: &[Vec<Inline>]| {
                    let mut s = String::from("|");
                    for c in 0..cols {
                        let text = cells
                            .get(c)
                            .map(|cell| inline::render(cell, Context::Cell, style))
                            .unwrap_or_default();
                        s.push(' ');
                        s.push_str(&text);
                        s.push_str(" |");
                    }
                    s
                };
                let mut out = row(&table.header);
                out.push_str("\n|");
                for c in 0..cols {
                    out.push_str(match table.aligns.get(c).copied().unwrap_or_default() {
                        Align::None => " --- |",
                        Align::Left => " :-- |",
                        Align::Center => " :-: |",
                        Align::Right => " --: |",
                    });
                }
                for r in &table.rows {
                    out.push('\n');
                    out.push_str(&row(r));
                }
                out
            },
            |doc| match doc.blocks.first() {
                Some(Block::Table(t)) => normalize_table(t) == normalize_table(&want),
                _ => false,
            },
        )
    }
}

/// Whether two blocks of a tight list item may be written on consecutive lines: not when
/// the second would continue the first (a paragraph after a quote, list or paragraph; a row
/// after a table; anything after an HTML block).
fn tight_join_ok(prev: &Block, next: &Block) -> bool {
    let paragraph_like = |b: &Block| matches!(b, Block::Paragraph(_) | Block::Figure(_));
    match prev {
        Block::Heading(_) | Block::CodeBlock(_) | Block::ThematicBreak => true,
        // (pulldown-cmark lets a table interrupt a paragraph.)
        Block::Paragraph(_) | Block::Figure(_) => {
            !paragraph_like(next) && !matches!(next, Block::Raw(_))
        }
        Block::BlockQuote { .. } => {
            let merges = matches!(next, Block::BlockQuote { .. });
            let lazy = paragraph_like(next) && ends_with_paragraph(prev);
            !merges && !lazy
        }
        Block::List(_) | Block::FootnoteDef(_) => {
            !(paragraph_like(next) && ends_with_paragraph(prev))
        }
        _ => false,
    }
}

/// True when a block's last line is paragraph text (a following line could continue it
/// lazily).
fn ends_with_paragraph(block: &Block) -> bool {
    match block {
        Block::Paragraph(_) | Block::Figure(_) => true,
        Block::BlockQuote { blocks } => blocks.last().is_some_and(ends_with_paragraph),
        Block::FootnoteDef(f) => f.blocks.last().is_some_and(ends_with_paragraph),
        Block::List(l) => l
            .items
            .last()
            .and_then(|i| i.blocks.last())
            .is_some_and(ends_with_paragraph),
        _ => false,
    }
}

/// True when the inlines (at any depth) hold a soft or hard line break.
fn has_breaks(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::SoftBreak | Inline::HardBreak => true,
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Strikethrough { content }
        | Inline::Link { content, .. } => has_breaks(content),
        Inline::Image(img) => has_breaks(&img.alt),
        Inline::Raw(raw) => raw.text.contains('\n'),
        _ => false,
    })
}

/// Prefix the first line with `first`, later non-blank lines with `rest` and blank lines
/// with `blank`.
fn prefix_lines(text: &str, first: &str, rest: &str, blank: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0 {
            out.push_str(first);
        } else if line.starts_with(inline::LAZY) {
            // A lazy continuation line: no prefix.
        } else if line.is_empty() {
            out.push_str(blank);
        } else {
            out.push_str(rest);
        }
        out.push_str(line);
    }
    out
}

/// A fenced code block.
fn code_block(code: &CodeBlock) -> String {
    let info = code.info.as_deref().unwrap_or("");
    let fence_char = if info.contains('`') { '~' } else { '`' };
    let longest = longest_run(&code.text, fence_char);
    let fence = fence_char.to_string().repeat((longest + 1).max(3));
    let mut info_escaped = String::new();
    for (i, c) in info.char_indices() {
        let next_punct = info[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_punctuation());
        if c == '\\' && next_punct || c == '&' && inline::entity_at(info, i) {
            info_escaped.push('\\');
        }
        info_escaped.push(c);
    }
    // `~~~ ~x`: a space keeps the info string from lengthening the fence.
    let space = if info.starts_with(fence_char) {
        " "
    } else {
        ""
    };
    let mut out = format!("{fence}{space}{info_escaped}\n{}", code.text);
    if !code.text.is_empty() && !code.text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&fence);
    out
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// True when a line could be a table's delimiter row (`- |`, `-|-`, `:-:|`).
fn is_table_delimiter_row(line: &str) -> bool {
    line.contains('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '-' | ':' | '|' | ' ' | '\t'))
}

/// True when a line is a thematic break (three or more `-`, `*` or `_` and blanks).
fn is_thematic_break(line: &str) -> bool {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return false;
    }
    let Some(c) = t.chars().next() else {
        return false;
    };
    matches!(c, '-' | '*' | '_')
        && t.chars().all(|x| x == c || x == ' ' || x == '\t')
        && t.chars().filter(|&x| x == c).count() >= 3
}

/// Inlines with adjacent text runs merged and empty runs dropped, for comparison.
fn normalize(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        let n = match inline {
            Inline::Text { text } if text.is_empty() => continue,
            Inline::Text { text } => {
                if let Some(Inline::Text { text: prev }) = out.last_mut() {
                    prev.push_str(text);
                    continue;
                }
                inline.clone()
            }
            Inline::Emphasis { content } => Inline::Emphasis {
                content: normalize(content),
            },
            Inline::Strong { content } => Inline::Strong {
                content: normalize(content),
            },
            Inline::Strikethrough { content } => Inline::Strikethrough {
                content: normalize(content),
            },
            Inline::Link {
                url,
                title,
                content,
            } => Inline::Link {
                url: url.clone(),
                title: title.clone(),
                content: normalize(content),
            },
            Inline::Image(img) => {
                let mut img = img.clone();
                img.alt = normalize(&img.alt);
                Inline::Image(img)
            }
            other => other.clone(),
        };
        out.push(n);
    }
    out
}

/// A table with normalised cells and rows padded to the column count.
fn normalize_table(t: &Table) -> Table {
    let cols = t.aligns.len();
    let row = |r: &Vec<Vec<Inline>>| {
        let mut r: Vec<Vec<Inline>> = r.iter().map(|c| normalize(c)).collect();
        r.resize(cols, Vec::new());
        r
    };
    Table {
        aligns: t.aligns.clone(),
        header: row(&t.header),
        rows: t.rows.iter().map(row).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{ListItem, Paragraph};

    fn md(blocks: Vec<Block>) -> String {
        let doc = Document {
            blocks,
            ..Document::default()
        };
        String::from_utf8(
            crate::write::write(
                crate::Format::Markdown,
                &doc,
                &WriteOptions::default(),
                &mut Diagnostics::default(),
            )
            .unwrap(),
        )
        .unwrap()
    }

    fn para(s: &str) -> Block {
        Block::Paragraph(Paragraph::body(vec![Inline::text(s)]))
    }

    #[test]
    fn lone_star_between_chinese_stays_bare_pairs_get_escaped() {
        assert_eq!(md(vec![para("努力以*全格局保障")]), "努力以*全格局保障\n");
        assert_eq!(
            md(vec![para("紧扣*主责主业，紧盯*领域")]),
            "紧扣\\*主责主业，紧盯\\*领域\n"
        );
    }

    #[test]
    fn links_are_escaped_only_when_they_would_form() {
        assert_eq!(md(vec![para("[a] b")]), "[a] b\n");
        assert_eq!(md(vec![para("[a](b)")]), "\\[a\\](b)\n");
        assert_eq!(md(vec![para("a <b> c")]), "a \\<b> c\n");
        assert_eq!(md(vec![para("a < b")]), "a < b\n");
        assert_eq!(md(vec![para("~~x~~")]), "\\~\\~x\\~\\~\n");
    }

    #[test]
    fn consecutive_lists_alternate_markers() {
        let list = |kind| {
            Block::List(List {
                kind,
                tight: true,
                items: vec![ListItem {
                    task: None,
                    blocks: vec![para("a")],
                }],
            })
        };
        let out = md(vec![
            list(ListKind::Bullet),
            list(ListKind::Bullet),
            list(ListKind::Ordered { start: 3 }),
            list(ListKind::Ordered { start: 3 }),
        ]);
        assert_eq!(out, "- a\n\n* a\n\n3. a\n\n3) a\n");
    }

    #[test]
    fn code_fence_outgrows_content() {
        let code = Block::CodeBlock(CodeBlock {
            info: Some("rust".into()),
            text: "````\n".into(),
        });
        assert_eq!(md(vec![code]), "`````rust\n````\n`````\n");
    }

    #[test]
    fn thematic_break_in_star_item_is_swapped() {
        let list = Block::List(List {
            kind: ListKind::Bullet,
            tight: true,
            items: vec![ListItem {
                task: None,
                blocks: vec![Block::ThematicBreak],
            }],
        });
        assert_eq!(
            md(vec![para("x"), list.clone(), list]),
            "x\n\n- ***\n\n* ---\n"
        );
    }
}
