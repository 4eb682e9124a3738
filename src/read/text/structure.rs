//! Structure inferred from plain text: title, roles, numbered headings, lists.
//!
//! Rules (see `docs/text-reader.md` for the full list and the reasons):
//! - Title: the first line when it is short (≤ 80 columns; ≤ 170, 85 characters, for a
//!   line with `关于` or ending in a document type such as `通知`, `解释`), has no
//!   sentence-final punctuation, is not
//!   numbered and more text follows. Two lines form the title when the first starts with
//!   `关于` (and does not yet end in a document type) or the second is a short document
//!   type line (`通知`); they are kept as `line1\nline2` in `meta.title`. A document
//!   number (`某政发〔2023〕12号`) is not a title.
//! - Addressee: the first line after the title (or the first line) that is short
//!   (≤ 30 characters), ends in `：` and is not a body sentence (`现将…如下：`); or an
//!   English salutation (`Dear …,`, `Hi …,`).
//! - Numbered headings, by rank: `第X编`/`第X部分` 0, `第X章` 1, `第X节` 2, `一、` 3,
//!   `（一）`/`(一)` 4, `1.`/`1．`/`1、` 5 (not `3.5万元`), `（1）`/`(1)` 6, decimal
//!   `1.2`/`1.2.3` 10 + depth, English `1. Title` 11. Levels are the used ranks compacted
//!   (the top one is level 1, no gaps, at most 6).
//! - A candidate becomes a heading only if (a) its number follows the previous one of its
//!   rank under the same parent (or is 1, or the next one continues it; `第X编/章/节`
//!   need no sequence), (b) it is not an enumeration (no sibling ends in `；`/`，`/`、`,
//!   nor in `：` before a quoted paragraph: an amendment), (c) it is not an item inside an
//!   article (`第X条`), and (d) it stands alone (short, ≤ 30 characters, not ending in
//!   `，、；`) or runs in: the lead sentence (≤ 60 characters) goes in the heading
//!   (`run_in`), the rest of the line is the following body paragraph. Otherwise the line
//!   is a body paragraph: a false heading is worse than a missed one.
//! - `第X条` is an article: a body paragraph whose label is Strong.
//! - English: `1. Introduction`, `1.1 Scope` short lines (≤ 60 characters, no final
//!   punctuation, not starting in lower case) are headings by depth; `1.` lines that are
//!   long, or next to another `1.` line, are ordered list items; `- `, `* `, `• ` lines
//!   are bullet list items (the marker is the list, not text).
//! - Attachment note `附件：…` (or `Attachment:`) and the numbered item lines under it:
//!   role Attachment. Closing phrases (`特此通知。`, `此致`, `敬礼！`, `Sincerely,` …):
//!   role Closing. A date line among the last four lines: role Date; one or two short
//!   lines (≤ 25 characters, no final punctuation) right above it: role Signature.

use super::inlines::{lead_end, lead_ins, linkify};
use super::numerals::cn_number;
use super::paragraphs::{ends_sentence, is_full, join, split_lines, width, wrap_width, Line};
use super::patterns;
use crate::doc::{Block, Heading, Inline, List, ListItem, ListKind, Paragraph, ParagraphRole};
use std::ops::Range;

/// What a line is, as far as the line-level passes can tell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Tag {
    /// An empty line.
    Blank,
    /// Ordinary text (may join its neighbours in a hard-wrapped document).
    Body,
    /// A line of the title.
    Title,
    /// The addressee line.
    Addressee,
    /// The attachment note or one of its items.
    Attachment,
    /// A closing phrase.
    Closing,
    /// The date line.
    Date,
    /// A signature line above the date.
    Signature,
    /// A numbered heading candidate; `label` is the byte length of the number and the
    /// whitespace after it.
    Heading { rank: u8, number: u32, label: usize },
    /// A block that is not a paragraph of text (a table, an image, a styled heading of
    /// a DOCX): kept where it is, it ends what is above it as a blank line does.
    Fixed,
    /// `第X条`; `label` is the byte length of `第X条`.
    Article { label: usize },
    /// `- item`; `label` is the byte length of the marker and its whitespace.
    Bullet { label: usize },
    /// English `1. …`: a heading or an ordered list item, decided per unit.
    Numbered { number: u32, label: usize },
}

/// Rank of an English `1. Title` heading.
const RANK_NUMBERED: u8 = 11;

/// Byte length of `marker` plus the whitespace after it in `text`.
fn label_len(text: &str, marker: usize) -> usize {
    marker + (text[marker..].len() - text[marker..].trim_start().len())
}

/// A numbering marker pattern: the numeral and the marker's byte length.
type Marker = fn(&str) -> Option<(&str, usize)>;

/// The numbering marker a line starts with, if any.
fn marker(text: &str, zh: bool) -> Option<Tag> {
    if let Some((number, end)) = patterns::decimal(text) {
        let parts: Vec<&str> = number.split('.').collect();
        let number = parts.last()?.parse().ok()?;
        let rank = 10 + parts.len().min(6) as u8;
        return Some(Tag::Heading {
            rank,
            number,
            label: label_len(text, end),
        });
    }
    if !zh {
        if let Some(number) = patterns::numbered(text) {
            return Some(Tag::Numbered {
                number: number.parse().ok()?,
                label: label_len(text, number.len() + 1),
            });
        }
    }
    if let Some((numeral, kind, end)) = patterns::di(text) {
        let number = cn_number(numeral)?;
        return Some(match kind {
            "条" => Tag::Article { label: end },
            kind => {
                let rank = match kind {
                    "章" => 1,
                    "节" => 2,
                    _ => 0,
                };
                Tag::Heading {
                    rank,
                    number,
                    label: label_len(text, end),
                }
            }
        });
    }
    let simple: [(Marker, u8); 4] = [
        (patterns::yi, 3),
        (patterns::paren_yi, 4),
        (patterns::arabic, 5),
        (patterns::paren_arabic, 6),
    ];
    for (pattern, rank) in simple {
        if let Some((numeral, end)) = pattern(text) {
            // `3.5万元`, `1、2号楼`: a digit right after the delimiter is not a heading.
            if rank == 5
                && text[end..]
                    .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                return None;
            }
            let number = cn_number(numeral)?;
            return Some(Tag::Heading {
                rank,
                number,
                label: label_len(text, end),
            });
        }
    }
    None
}

/// The byte length of a bullet marker and its whitespace (`- `, `* `, `• `), if `text` is a
/// bullet item. A line of marks only (`* * *`, a scene break) is not an item.
pub fn bullet_label(text: &str) -> Option<usize> {
    let label = patterns::bullet(text)?;
    let marks_only = text[label..]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '*' | '•' | '_' | '=' | '~'));
    (!marks_only).then_some(label)
}

/// Ends in an enumeration mark: the line is one item of a run-on list, not a heading.
fn ends_enumeration(text: &str) -> bool {
    text.ends_with(['；', ';', '，', ',', '、'])
}

/// How a Chinese numbered line can be a heading: `Some(None)` standalone,
/// `Some(Some(end))` run-in with the lead sentence ending at byte `end` of `content`.
fn zh_heading(rank: u8, content: &str) -> Option<Option<usize>> {
    let chars = content.chars().count();
    if content.is_empty() {
        return None;
    }
    let standalone = chars <= 30 && !ends_enumeration(content);
    if rank <= 2 {
        // 第X章 总则: always a short line of its own.
        return (standalone && !ends_sentence(content)).then_some(None);
    }
    match lead_end(content) {
        Some(end) if !content[end..].trim().is_empty() => {
            (content[..end].chars().count() <= 60).then_some(Some(end))
        }
        _ => standalone.then_some(None),
    }
}

/// Whether an English numbered line reads like a heading (`1. Introduction`).
fn en_heading_like(content: &str) -> bool {
    let first = content.chars().next();
    content.chars().count() <= 60
        && !ends_sentence(content)
        && !content.ends_with([',', '，'])
        && first.is_some_and(|c| !c.is_lowercase())
}

/// Short, unpunctuated, unnumbered: may be a title.
fn title_like(text: &str, zh: bool) -> bool {
    // Judicial interpretations and joint documents run to 60–80 characters
    // (`最高人民法院、最高人民检察院关于办理…刑事案件适用法律若干问题的解释`).
    let long_ok = zh && (text.contains("关于") || patterns::ends_in_doc_type(text));
    let max = if long_ok { 170 } else { 80 };
    width(text) <= max
        && !ends_sentence(text)
        && !text.ends_with([',', '，', '、'])
        && !text.contains('。')
        && !patterns::date(text)
        && !patterns::ends_in_doc_number(text)
        && marker(text, zh).is_none()
}

/// Whether a line is an addressee (`各区县人民政府，市政府各部门：`, `Dear Ms Li,`).
fn addressee_like(text: &str) -> bool {
    let zh = text.ends_with('：')
        && text.chars().count() <= 30
        && !text.contains(['。', '！', '？', '；'])
        && !text.ends_with("如下：")
        && !text.starts_with("现将");
    let en = ["Dear ", "To ", "Hi ", "Hello "]
        .iter()
        .any(|s| text.starts_with(s))
        && text.ends_with([',', ':'])
        && text.chars().count() <= 60;
    zh || en
}

/// Short and unpunctuated: may be a signature line.
fn signature_like(text: &str) -> bool {
    text.chars().count() <= 25
        && !patterns::attachment(text)
        && !ends_sentence(text)
        && !text.ends_with([',', '，', '、'])
        && marker(text, true).is_none()
}

/// A paragraph-level unit: one line, or wrapped lines joined.
struct Unit {
    /// The index of its first line.
    line: usize,
    /// The tag of the unit's first line.
    tag: Tag,
    /// The text, wrapped lines joined.
    text: String,
    /// Whether a blank line precedes the unit (for tight and loose lists).
    blank_before: bool,
}

/// Where an output element's text comes from: the unit's first line and the byte offset
/// of the text in the unit's text (for a reader whose lines carry inlines of their own).
#[derive(Debug, Clone, Copy)]
struct At {
    line: usize,
    offset: usize,
}

/// An output element before inline processing.
enum Out {
    /// A heading; `rank` becomes the level once ranks are compacted. `at` is where the
    /// content starts (the label is the text before it).
    Heading {
        rank: u8,
        label: String,
        content: String,
        run_in: bool,
        at: At,
    },
    /// A paragraph; `strong` holds sorted, disjoint byte ranges of `text` to set Strong.
    Para {
        role: ParagraphRole,
        text: String,
        strong: Vec<Range<usize>>,
        at: At,
    },
    /// A list item: `ordered` holds its number, `None` for a bullet.
    Item {
        ordered: Option<u32>,
        text: String,
        blank_before: bool,
        at: At,
    },
    /// A [`Tag::Fixed`] line, handed back to the reader.
    Fixed { line: usize },
}

/// What the inference hands back to its reader to make the blocks: the inlines of a
/// piece of a unit's text, and the fixed blocks.
pub trait Source {
    /// The inlines for `text`, the bytes `range` of the text of the unit starting at
    /// `line`.
    fn inlines(&mut self, line: usize, range: Range<usize>, text: &str) -> Vec<Inline>;
    /// The blocks of a [`Tag::Fixed`] line.
    fn fixed(&mut self, line: usize) -> Vec<Block>;
}

/// Plain text: every piece is its text, its URLs made links.
struct PlainText;

impl Source for PlainText {
    fn inlines(&mut self, _: usize, _: Range<usize>, text: &str) -> Vec<Inline> {
        linkify(text)
    }
    fn fixed(&mut self, _: usize) -> Vec<Block> {
        Vec::new()
    }
}

/// Infer the structure of decoded text. Returns the title and the blocks.
pub fn read(text: &str, zh: bool) -> (Option<String>, Vec<Block>) {
    let lines = split_lines(text);
    let mut tags = tag_lines(&lines, &[], zh);
    let plain: Vec<bool> = tags.iter().map(|&t| t == Tag::Body).collect();
    let opens: Vec<bool> = tags.iter().map(|&t| opens(t)).collect();
    let wrap = wrap_width(&lines, &opens, &plain);
    let title = find_title(&lines, &mut tags, wrap, zh);
    let units = units(&lines, &tags, wrap);
    let mut outs = decide(units);
    add_lead_ins(&mut outs);
    (title, blocks(outs, &mut PlainText))
}

/// Infer the structure of a document that comes in paragraphs (a DOCX): `lines` holds
/// one line per paragraph (its text, indentation removed), `fixed[i]` whether line `i`
/// stands for a block that is not a paragraph of text. The same rules as for plain text,
/// one paragraph a unit (nothing is joined); `source` gives each piece its inlines.
pub fn read_paragraphs(
    lines: &[Line],
    fixed: &[bool],
    zh: bool,
    source: &mut dyn Source,
) -> (Option<String>, Vec<Block>) {
    let mut tags = tag_lines(lines, fixed, zh);
    let title = find_title(lines, &mut tags, None, zh);
    let units = units(lines, &tags, None);
    let mut outs = decide(units);
    add_lead_ins(&mut outs);
    (title, blocks(outs, source))
}

/// The line-level passes: bullets, closings, date and signature, attachment, markers.
/// `fixed` marks the lines that stand for other blocks (may be shorter than `lines`).
fn tag_lines(lines: &[Line], fixed: &[bool], zh: bool) -> Vec<Tag> {
    let n = lines.len();
    let mut tags: Vec<Tag> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if fixed.get(i) == Some(&true) {
                Tag::Fixed
            } else if l.is_blank() {
                Tag::Blank
            } else {
                Tag::Body
            }
        })
        .collect();
    for (tag, line) in tags.iter_mut().zip(lines) {
        if *tag != Tag::Body {
            continue;
        }
        if let Some(label) = bullet_label(line.text) {
            *tag = Tag::Bullet { label };
        } else if patterns::closing(line.text) {
            *tag = Tag::Closing;
        }
    }
    // Date among the last four lines, signature right above.
    let nonblank: Vec<usize> = (0..n).filter(|&i| tags[i] != Tag::Blank).collect();
    if let Some(pos) = nonblank
        .iter()
        .rev()
        .take(4)
        .position(|&i| tags[i] == Tag::Body && patterns::date(lines[i].text))
    {
        let at = nonblank.len() - 1 - pos;
        tags[nonblank[at]] = Tag::Date;
        for &i in nonblank[..at].iter().rev().take(2) {
            if tags[i] != Tag::Body || !signature_like(lines[i].text) {
                break;
            }
            tags[i] = Tag::Signature;
        }
    }
    // Attachment note and its items.
    let mut i = 0;
    while i < n {
        if tags[i] == Tag::Body && patterns::attachment(lines[i].text) {
            tags[i] = Tag::Attachment;
            i += 1;
            while i < n && tags[i] == Tag::Body && patterns::attachment_item(lines[i].text) {
                tags[i] = Tag::Attachment;
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    for (tag, line) in tags.iter_mut().zip(lines) {
        if *tag == Tag::Body {
            *tag = marker(line.text, zh).unwrap_or(Tag::Body);
        }
    }
    // `第三条规定的…` at a line start is prose unless the text really has articles:
    // a label followed by a space, or at least two articles.
    let articles = tags
        .iter()
        .filter(|t| matches!(t, Tag::Article { .. }))
        .count();
    for (tag, line) in tags.iter_mut().zip(lines) {
        if let Tag::Article { label } = *tag {
            let spaced =
                line.text[label..].starts_with(char::is_whitespace) || line.text.len() == label;
            if articles < 2 && !spaced {
                *tag = Tag::Body;
            }
        }
    }
    tags
}

/// Find the title (and the addressee after it), retagging their lines.
fn find_title(lines: &[Line], tags: &mut [Tag], wrap: Option<usize>, zh: bool) -> Option<String> {
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| tags[i] != Tag::Blank)
        .collect();
    let mut title = None;
    let mut rest = 0; // index into `nonblank` of the first line after the title
    if let [first, ..] = nonblank[..] {
        let text = lines[first].text;
        let continues = wrap
            .is_some_and(|w| tags.get(first + 1) == Some(&Tag::Body) && is_full(&lines[first], w));
        if tags[first] == Tag::Body && title_like(text, zh) && !continues && nonblank.len() > 1 {
            let second = nonblank[1];
            let two = zh
                && second == first + 1
                && nonblank.len() > 2
                && tags[second] == Tag::Body
                && title_like(lines[second].text, zh)
                && ((text.starts_with("关于") && !patterns::ends_in_doc_type(text))
                    || (patterns::ends_in_doc_type(lines[second].text)
                        && lines[second].text.chars().count() <= 15));
            if two {
                title = Some(format!("{text}\n{}", lines[second].text));
                tags[first] = Tag::Title;
                tags[second] = Tag::Title;
                rest = 2;
            } else {
                title = Some(text.to_string());
                tags[first] = Tag::Title;
                rest = 1;
            }
        }
    }
    if let Some(&i) = nonblank.get(rest) {
        if tags[i] == Tag::Body && addressee_like(lines[i].text) {
            tags[i] = Tag::Addressee;
        }
    }
    title
}

/// Whether a line with this tag may continue on the next line in hard-wrapped text.
fn opens(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Body
            | Tag::Heading { .. }
            | Tag::Article { .. }
            | Tag::Bullet { .. }
            | Tag::Numbered { .. }
    )
}

/// Group lines into units, joining wrapped lines in a hard-wrapped document.
fn units(lines: &[Line], tags: &[Tag], wrap: Option<usize>) -> Vec<Unit> {
    let mut units = vec![];
    let mut blank_before = false;
    let mut i = 0;
    while i < lines.len() {
        let tag = tags[i];
        match tag {
            Tag::Blank => blank_before = true,
            Tag::Title => {}
            Tag::Fixed => {
                units.push(Unit {
                    line: i,
                    tag,
                    text: String::new(),
                    blank_before,
                });
                blank_before = true;
            }
            _ => {
                let line = i;
                let mut text = lines[i].text.to_string();
                if let (Some(w), true) = (wrap, opens(tag)) {
                    let list = matches!(tag, Tag::Bullet { .. } | Tag::Numbered { .. });
                    let first_indent = lines[i].indent;
                    while i + 1 < lines.len() && tags[i + 1] == Tag::Body {
                        let (prev, next) = (&lines[i], &lines[i + 1]);
                        let full = is_full(prev, w);
                        let ok = if list {
                            next.indent > first_indent || full
                        } else {
                            next.indent <= prev.indent && full
                        };
                        if !ok {
                            break;
                        }
                        join(&mut text, next.text);
                        i += 1;
                    }
                }
                units.push(Unit {
                    line,
                    tag,
                    text,
                    blank_before,
                });
                blank_before = false;
            }
        }
        i += 1;
    }
    units
}

/// A numbered line that may be a heading: (unit index, rank, number).
type Cand = (usize, u8, u32);

/// Decide which candidates are headings and turn units into output elements.
fn decide(units: Vec<Unit>) -> Vec<Out> {
    let cands = candidates(&units);
    let (mut accepted, parent) = sequences(&cands);
    drop_enumerations(&units, &cands, &mut accepted, &parent);
    let shape = shapes(&units, &cands, &accepted);
    outs(units, &shape)
}

/// The heading candidates, in order. Items of an article (`（一）…；`) are not candidates,
/// and an English `1.` line is one only when it reads like a heading and is not part of
/// a run of numbered lines (a list).
fn candidates(units: &[Unit]) -> Vec<Cand> {
    let numbered = |u: Option<&Unit>| u.is_some_and(|u| matches!(u.tag, Tag::Numbered { .. }));
    let mut cands: Vec<(usize, u8, u32)> = vec![];
    let mut in_article = false;
    for (k, u) in units.iter().enumerate() {
        match u.tag {
            Tag::Article { .. } => in_article = true,
            Tag::Heading {
                rank,
                number,
                label,
            } => {
                if rank <= 2 {
                    in_article = false;
                }
                // Items of an article (`（一）…；`) are not headings.
                let article_item = in_article && (3..=6).contains(&rank);
                if !article_item && !u.text[label..].is_empty() {
                    cands.push((k, rank, number));
                }
            }
            Tag::Numbered { number, label } => {
                let lone =
                    !numbered(k.checked_sub(1).map(|p| &units[p])) && !numbered(units.get(k + 1));
                if lone && en_heading_like(&u.text[label..]) {
                    cands.push((k, RANK_NUMBERED, number));
                }
            }
            _ => {}
        }
    }
    cands
}

/// The sequence rule: a candidate is accepted when its number is 1, follows the previous
/// accepted number of its rank (under the same parent), or is continued by the next
/// candidate of its rank. Returns the accepted flags and each candidate's parent (the
/// last accepted candidate of a higher rank).
fn sequences(cands: &[Cand]) -> (Vec<bool>, Vec<Option<usize>>) {
    let mut last: [Option<u32>; 20] = [None; 20];
    let mut parent: Vec<Option<usize>> = vec![None; cands.len()];
    let mut accepted = vec![false; cands.len()];
    let mut top: [Option<usize>; 20] = [None; 20]; // last accepted candidate per rank
    for c in 0..cands.len() {
        let (_, r, n) = cands[c];
        let r = r as usize;
        for l in &mut last[r + 1..] {
            *l = None;
        }
        for t in &mut top[r + 1..] {
            *t = None;
        }
        let continued = || {
            cands[c + 1..]
                .iter()
                .find(|&&(_, r2, _)| (r2 as usize) <= r)
                .is_some_and(|&(_, r2, n2)| r2 as usize == r && Some(n2) == n.checked_add(1))
        };
        let follows = n
            .checked_sub(1)
            .is_some_and(|p| p > 0 && last[r] == Some(p));
        // `第X编/章/节` + a short name on its own line is a heading whatever the sequence
        // (a source may skip a chapter); the shape rule still applies.
        let ok = n == 1 || follows || r <= 2 || (n > 0 && last[r].is_none() && continued());
        if ok {
            last[r] = Some(n);
            accepted[c] = true;
            parent[c] = top[..r].iter().rev().flatten().next().copied();
            top[r] = Some(c);
        }
    }
    (accepted, parent)
}

/// The enumeration rule: when one sibling is a single clause ending in `；`, `，` or `、`,
/// the whole group (same rank, same parent) is an enumeration in prose, not headings.
fn drop_enumerations(
    units: &[Unit],
    cands: &[Cand],
    accepted: &mut [bool],
    parent: &[Option<usize>],
) {
    let mut groups = std::collections::HashSet::new();
    for (c, &(k, r, _)) in cands.iter().enumerate() {
        let content = match units[k].tag {
            Tag::Heading { label, .. } => &units[k].text[label..],
            _ => continue,
        };
        // One clause ending in `；` (a run-in heading's body may end in anything).
        let item = ends_enumeration(content)
            && lead_end(content).is_none_or(|e| content[e..].trim().is_empty());
        // An amendment (修正案, 决定): `一、将第五条修改为：` followed by the quoted new text.
        let amendment = content.ends_with(['：', ':'])
            && units
                .get(k + 1)
                .is_some_and(|next| next.text.starts_with(['“', '「', '"']));
        let item = item || amendment;
        if accepted[c] && (3..=6).contains(&r) && item {
            groups.insert((r, parent[c]));
        }
    }
    for (c, &(_, r, _)) in cands.iter().enumerate() {
        if groups.contains(&(r, parent[c])) {
            accepted[c] = false;
        }
    }
}

/// The shape rule: per unit, `Some((rank, lead))` when it is a heading, standalone
/// (`lead == None`) or run-in (the lead sentence ends at byte `lead` of the content).
fn shapes(units: &[Unit], cands: &[Cand], accepted: &[bool]) -> Vec<Option<(u8, Option<usize>)>> {
    let mut shape: Vec<Option<(u8, Option<usize>)>> = vec![None; units.len()];
    for (c, &(k, r, _)) in cands.iter().enumerate() {
        if !accepted[c] {
            continue;
        }
        let u = &units[k];
        let content = match u.tag {
            Tag::Heading { label, .. } | Tag::Numbered { label, .. } => &u.text[label..],
            _ => continue,
        };
        shape[k] = match r {
            0..=6 => zh_heading(r, content).map(|lead| (r, lead)),
            RANK_NUMBERED => Some((r, None)),
            _ => en_heading_like(content).then_some((r, None)),
        };
    }
    shape
}

/// Output elements for the units, with heading ranks compacted into levels 1–6.
fn outs(units: Vec<Unit>, shape: &[Option<(u8, Option<usize>)>]) -> Vec<Out> {
    let mut ranks: Vec<u8> = shape.iter().flatten().map(|s| s.0).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let mut outs = vec![];
    for (k, u) in units.into_iter().enumerate() {
        let at = |offset| At {
            line: u.line,
            offset,
        };
        let para = |role, text: String, offset| Out::Para {
            role,
            text,
            strong: vec![],
            at: at(offset),
        };
        match (u.tag, shape[k]) {
            (Tag::Heading { label, .. } | Tag::Numbered { label, .. }, Some((rank, lead))) => {
                let (label_text, content) = u.text.split_at(label);
                match lead {
                    Some(end) => {
                        outs.push(Out::Heading {
                            rank,
                            label: label_text.into(),
                            content: content[..end].into(),
                            run_in: true,
                            at: at(label),
                        });
                        let rest = content[end..].trim_start();
                        outs.push(para(
                            ParagraphRole::Body,
                            rest.into(),
                            u.text.len() - rest.len(),
                        ));
                    }
                    None => outs.push(Out::Heading {
                        rank,
                        label: label_text.into(),
                        content: content.into(),
                        run_in: false,
                        at: at(label),
                    }),
                }
            }
            (Tag::Numbered { number, label }, None) => outs.push(Out::Item {
                ordered: Some(number),
                text: u.text[label..].into(),
                blank_before: u.blank_before,
                at: at(label),
            }),
            (Tag::Bullet { label }, _) => outs.push(Out::Item {
                ordered: None,
                text: u.text[label..].into(),
                blank_before: u.blank_before,
                at: at(label),
            }),
            (Tag::Article { label }, _) => outs.push(Out::Para {
                role: ParagraphRole::Body,
                strong: std::iter::once(0..label).collect(),
                text: u.text,
                at: at(0),
            }),
            (Tag::Fixed, _) => outs.push(Out::Fixed { line: u.line }),
            (tag, _) => {
                let role = match tag {
                    Tag::Addressee => ParagraphRole::Addressee,
                    Tag::Attachment => ParagraphRole::Attachment,
                    Tag::Closing => ParagraphRole::Closing,
                    Tag::Date => ParagraphRole::Date,
                    Tag::Signature => ParagraphRole::Signature,
                    _ => ParagraphRole::Body,
                };
                outs.push(para(role, u.text, 0));
            }
        }
    }
    // Compact the ranks into levels 1…6.
    for out in &mut outs {
        if let Out::Heading { rank, .. } = out {
            let level = ranks.iter().position(|r| r == rank).unwrap_or(0) + 1;
            *rank = level.min(6) as u8;
        }
    }
    outs
}

/// Set the lead sentences of `一是…二是…` lead-ins Strong in body paragraphs.
fn add_lead_ins(outs: &mut [Out]) {
    let idx: Vec<usize> = (0..outs.len())
        .filter(|&k| matches!(&outs[k], Out::Para { role: ParagraphRole::Body, strong, .. } if strong.is_empty()))
        .collect();
    let texts: Vec<&str> = idx
        .iter()
        .map(|&k| match &outs[k] {
            Out::Para { text, .. } => text.as_str(),
            _ => "",
        })
        .collect();
    let found = lead_ins(&texts);
    for (&k, ranges) in idx.iter().zip(found) {
        if let Out::Para { strong, .. } = &mut outs[k] {
            *strong = ranges;
        }
    }
}

/// Build the blocks, gathering list items into lists; `source` gives the inlines.
fn blocks(outs: Vec<Out>, source: &mut dyn Source) -> Vec<Block> {
    let mut blocks: Vec<Block> = vec![];
    // The next number expected by the open ordered list, if the last block is one.
    let mut next_number: Option<u32> = None;
    for out in outs {
        match out {
            Out::Heading {
                rank,
                label,
                content,
                run_in,
                at,
            } => {
                let range = at.offset..at.offset + content.len();
                blocks.push(Block::Heading(Heading {
                    level: rank,
                    label: Some(label),
                    content: source.inlines(at.line, range, &content),
                    run_in,
                }));
            }
            Out::Para {
                role,
                text,
                strong,
                at,
            } => {
                if text.is_empty() {
                    continue;
                }
                let mut content = vec![];
                let mut pos = 0;
                let mut piece = |from: usize, to: usize| {
                    let range = at.offset + from..at.offset + to;
                    source.inlines(at.line, range, &text[from..to])
                };
                for r in &strong {
                    if r.start > pos {
                        let inl = piece(pos, r.start);
                        content.extend(inl);
                    }
                    let inl = piece(r.start, r.end);
                    content.push(Inline::Strong { content: inl });
                    pos = r.end;
                }
                if pos < text.len() {
                    let inl = piece(pos, text.len());
                    content.extend(inl);
                }
                blocks.push(Block::Paragraph(Paragraph { role, content }));
            }
            Out::Item {
                ordered,
                text,
                blank_before,
                at,
            } => {
                let range = at.offset..at.offset + text.len();
                let content = source.inlines(at.line, range, &text);
                let item = ListItem {
                    task: None,
                    blocks: vec![Block::Paragraph(Paragraph::body(content))],
                };
                let continues = match (blocks.last(), ordered) {
                    (Some(Block::List(l)), None) => l.kind == ListKind::Bullet,
                    (Some(Block::List(l)), Some(n)) => {
                        matches!(l.kind, ListKind::Ordered { .. }) && next_number == Some(n)
                    }
                    _ => false,
                };
                if let (true, Some(Block::List(list))) = (continues, blocks.last_mut()) {
                    list.tight &= !blank_before;
                    list.items.push(item);
                } else {
                    let kind = match ordered {
                        Some(n) => ListKind::Ordered {
                            start: u64::from(n),
                        },
                        None => ListKind::Bullet,
                    };
                    blocks.push(Block::List(List {
                        kind,
                        tight: true,
                        items: vec![item],
                    }));
                }
                next_number = ordered.map(|n| n + 1);
                continue;
            }
            Out::Fixed { line } => blocks.extend(source.fixed(line)),
        }
        next_number = None;
    }
    blocks
}
