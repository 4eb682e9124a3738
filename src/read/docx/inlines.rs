//! Runs → inlines: formatting, links, fields, notes, breaks and pictures; and slicing
//! inlines by their text (for the structure rules, which work on text).

use super::body::Reader;
use super::model::{Drawing, ParaChild, Run, RunChild, RunProps, Slot};
use super::package::{
    ALT_CLOSE, ALT_OPEN, ALT_TITLE, HEADER_ROW, NOTE_CLOSE, NOTE_OPEN, TITLE_CLOSE, TITLE_OPEN,
};
use super::styles;
use crate::doc::{Image, Inline};
use std::ops::Range;

/// The formatting of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub strike: bool,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

/// A piece of a paragraph before it is nested into inlines.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Break,
    Image(Image),
    Note(String),
}

/// A link's target and title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Target {
    url: String,
    title: String,
}

/// A piece with its formatting and link.
#[derive(Debug, Clone)]
struct Span {
    marks: Marks,
    link: Option<Target>,
    piece: Piece,
}

/// A field being read: its instruction, and whether its result is being read.
#[derive(Debug, Default)]
struct Field {
    instr: String,
    result: bool,
    link: Option<Target>,
    note: Option<String>,
}

/// What a paragraph's runs hold besides inlines.
#[derive(Debug, Default)]
pub struct Extras {
    /// The text boxes' content, in order.
    pub boxes: Vec<super::model::BodyChild>,
    /// Page breaks: at the start of the paragraph, and after it.
    pub break_before: bool,
    pub break_after: bool,
    /// The header-row mark was seen.
    pub header_row: bool,
    /// A run-in heading's level and lead (the leading runs in a run-in heading style).
    pub run_in: Option<(u8, Vec<Inline>)>,
}

/// The state of one paragraph's walk.
#[derive(Default)]
struct Walk {
    spans: Vec<Span>,
    fields: Vec<Field>,
    link: Vec<Option<Target>>,
    extras: Extras,
    /// The run-in lead so far: its level and how many spans it has (while every run
    /// with content was in a run-in style, `lead_open`).
    lead: Option<(u8, usize)>,
    lead_open: bool,
}

impl Reader<'_, '_> {
    /// The inlines of a paragraph's children, and what else they hold.
    pub fn inlines(&mut self, children: Vec<ParaChild>) -> (Vec<Inline>, Extras) {
        let mut w = Walk {
            lead_open: true,
            ..Walk::default()
        };
        self.children(children, &mut w);
        if let Some((level, n)) = w.lead.filter(|&(_, n)| n > 0) {
            let rest = w.spans.split_off(n);
            w.extras.run_in = Some((level, nest_links(&w.spans)));
            return (nest_links(&rest), w.extras);
        }
        (nest_links(&w.spans), w.extras)
    }

    fn children(&mut self, children: Vec<ParaChild>, w: &mut Walk) {
        for child in children {
            match child {
                ParaChild::Run(run) => self.run(run, w),
                ParaChild::Insert(c) | ParaChild::MoveTo(c) => self.children(c.children, w),
                ParaChild::Delete(_) | ParaChild::MoveFrom(_) => {}
                ParaChild::Hyperlink(h) => {
                    let url = match h.kind.as_str() {
                        "external" => {
                            h.rid
                                .as_deref()
                                .and_then(|rid| self.rels.get(rid))
                                .map(|r| Target {
                                    url: r.target.clone(),
                                    title: String::new(),
                                })
                        }
                        _ => None,
                    };
                    w.link.push(url);
                    self.children(h.children, w);
                    w.link.pop();
                }
                ParaChild::StructuredDataTag(sdt) => {
                    for c in sdt.children {
                        if let super::model::SdtChild::Run(r) = c {
                            self.run(r, w);
                        }
                    }
                }
                ParaChild::Other => {}
            }
        }
    }

    /// The formatting of a run: its own properties over its character style's.
    fn marks(&self, p: &RunProps) -> (Marks, Option<u8>) {
        let class = p
            .style
            .as_deref()
            .map(|s| self.styles.chars(s))
            .unwrap_or_default();
        let marks = Marks {
            strike: p.strike.unwrap_or(false) || p.dstrike.unwrap_or(false),
            bold: p.bold.unwrap_or(class.bold),
            italic: p.italic.unwrap_or(class.italic),
            code: class.code || styles::mono(p),
        };
        (marks, class.run_in)
    }

    fn run(&mut self, run: Run, w: &mut Walk) {
        let p = &run.run_property;
        if p.vanish == Some(true) {
            return;
        }
        let (marks, run_in) = self.marks(p);
        let before = w.spans.len();
        for child in run.children {
            let in_instr = w.fields.iter().any(|f| !f.result);
            let field_link = w.fields.iter().rev().find_map(|f| f.link.clone());
            let link = w.link.iter().rev().flatten().next().cloned().or(field_link);
            let mut push = |w: &mut Walk, piece: Piece| {
                w.spans.push(Span {
                    marks,
                    link: link.clone(),
                    piece,
                })
            };
            match child {
                RunChild::FieldChar(f) => match f.field_char_type.as_str() {
                    "begin" => w.fields.push(Field::default()),
                    "separate" => {
                        if let Some(field) = w.fields.last_mut() {
                            field.result = true;
                            let (link, note) = self.field_meaning(&field.instr);
                            field.link = link;
                            field.note = note.clone();
                            if let Some(label) = note {
                                push(w, Piece::Note(label));
                            }
                        }
                    }
                    _ => {
                        w.fields.pop();
                    }
                },
                RunChild::InstrTextString(s) => {
                    if let Some(field) = w.fields.last_mut() {
                        field.instr.push_str(&s);
                    }
                }
                _ if in_instr => {}
                // A NOTEREF field's shown number is the note reference made above.
                _ if w.fields.iter().any(|f| f.note.is_some()) => {}
                RunChild::Text(t) => self.text(&t.text, w, &mut push),
                RunChild::Tab | RunChild::PTab(_) => push(w, Piece::Text("\t".into())),
                RunChild::Break(b) => match b.break_type.as_str() {
                    "page" => {
                        if w.spans.is_empty() {
                            w.extras.break_before = true;
                        } else {
                            w.extras.break_after = true;
                        }
                    }
                    "column" => push(w, Piece::Text(" ".into())),
                    _ => push(w, Piece::Break),
                },
                RunChild::CarriageReturn => push(w, Piece::Break),
                RunChild::Sym(s) => {
                    // A code of a symbol font (Symbol, Wingdings) is no Unicode character:
                    // better nothing than a wrong letter (`Ú` for Symbol's ⇑).
                    let font = s.font.to_ascii_lowercase();
                    let symbol_font = ["symbol", "wingdings", "webdings"]
                        .iter()
                        .any(|f| font.starts_with(f));
                    if let Some(c) = u32::from_str_radix(&s.char, 16)
                        .ok()
                        .filter(|&c| !symbol_font || c >= 0x100)
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
                    {
                        push(w, Piece::Text(c.to_string()));
                    }
                }
                RunChild::Drawing(Slot::Known(Drawing::Pic(pic))) => {
                    if let Some(image) = self.image(&pic.id) {
                        push(w, Piece::Image(image));
                    }
                }
                RunChild::Drawing(Slot::Known(Drawing::TextBox(b))) => {
                    w.extras.boxes.extend(b.children);
                }
                RunChild::Shape(s) => {
                    if let Some(image) = s.image_data.and_then(|d| self.image(&d.id)) {
                        push(w, Piece::Image(image));
                    }
                }
                RunChild::DeleteText(_) | RunChild::Drawing(_) | RunChild::Other => {}
            }
        }
        if w.spans.len() > before {
            match run_in {
                Some(level) if w.lead_open => w.lead = Some((level, w.spans.len())),
                _ => w.lead_open = false,
            }
        }
    }

    /// A text node: its note and header-row markers, and the alt text of the picture
    /// before it.
    fn text(&mut self, text: &str, w: &mut Walk, push: &mut impl FnMut(&mut Walk, Piece)) {
        let mut rest = text;
        while !rest.is_empty() {
            let next = rest.find([NOTE_OPEN, HEADER_ROW, ALT_OPEN, TITLE_OPEN]);
            let (plain, tail) = rest.split_at(next.unwrap_or(rest.len()));
            if !plain.is_empty() {
                push(w, Piece::Text(plain.to_string()));
            }
            let Some(c) = tail.chars().next() else { break };
            let tail = &tail[c.len_utf8()..];
            match c {
                HEADER_ROW => {
                    w.extras.header_row = true;
                    rest = tail;
                }
                NOTE_OPEN => {
                    let end = tail.find(NOTE_CLOSE).unwrap_or(tail.len());
                    let mark = &tail[..end];
                    let (kind, id) = mark.split_at(mark.chars().next().map_or(0, char::len_utf8));
                    if let Some(label) = self.note_label(kind, id) {
                        push(w, Piece::Note(label));
                    }
                    rest = tail.get(end + NOTE_CLOSE.len_utf8()..).unwrap_or("");
                }
                TITLE_OPEN => {
                    let end = tail.find(TITLE_CLOSE).unwrap_or(tail.len());
                    if let Some(Some(target)) = w.link.last_mut() {
                        target.title = tail[..end].to_string();
                    }
                    rest = tail.get(end + TITLE_CLOSE.len_utf8()..).unwrap_or("");
                }
                _ => {
                    let end = tail.find(ALT_CLOSE).unwrap_or(tail.len());
                    let (alt, title) = tail[..end]
                        .split_once(ALT_TITLE)
                        .unwrap_or((&tail[..end], ""));
                    if let Some(Span {
                        piece: Piece::Image(image),
                        ..
                    }) = w.spans.last_mut()
                    {
                        if image.alt.is_empty() && !alt.is_empty() {
                            image.alt = vec![Inline::text(alt)];
                            image.title = title.to_string();
                        }
                    }
                    rest = tail.get(end + ALT_CLOSE.len_utf8()..).unwrap_or("");
                }
            }
        }
    }

    /// What a field's instruction makes of its result: a link (`HYPERLINK "url"`) or a
    /// note reference (`NOTEREF name`, a bookmark around a note reference).
    fn field_meaning(&mut self, instr: &str) -> (Option<Target>, Option<String>) {
        let mut words = instr.split_whitespace();
        match words.next().map(str::to_ascii_uppercase).as_deref() {
            Some("HYPERLINK") => {
                let rest = instr.trim_start()["HYPERLINK".len()..].trim();
                if rest.starts_with("\\l") {
                    return (None, None);
                }
                let url = rest
                    .strip_prefix('"')
                    .and_then(|r| r.split('"').next())
                    .unwrap_or_else(|| rest.split_whitespace().next().unwrap_or(""));
                // `\o "title"`: the screen tip.
                let title = rest
                    .split_once("\\o")
                    .and_then(|(_, t)| t.trim().strip_prefix('"'))
                    .and_then(|t| t.split('"').next())
                    .unwrap_or("");
                let target = Target {
                    url: url.to_string(),
                    title: title.to_string(),
                };
                ((!url.is_empty()).then_some(target), None)
            }
            Some("NOTEREF") => {
                let name = words.next().unwrap_or("");
                let note = self.note_bookmarks.get(name).cloned();
                let label = note.and_then(|(kind, id)| self.note_label(&kind, &id));
                (None, label)
            }
            _ => (None, None),
        }
    }
}

/// Nest spans into inlines: links outermost, then strikethrough, bold, italic; code is a
/// leaf.
fn nest_links(spans: &[Span]) -> Vec<Inline> {
    let mut out = Vec::new();
    for group in spans.chunk_by(|a, b| a.link == b.link) {
        let inner = nest(group, 0);
        match &group[0].link {
            Some(target) => out.push(Inline::Link {
                url: target.url.clone(),
                title: target.title.clone(),
                content: inner,
            }),
            None => out.extend(inner),
        }
    }
    out
}

fn nest(spans: &[Span], depth: u8) -> Vec<Inline> {
    let get = |m: &Marks| match depth {
        0 => m.strike,
        1 => m.bold,
        _ => m.italic,
    };
    if depth > 2 {
        return leaves(spans);
    }
    let mut out = Vec::new();
    for group in spans.chunk_by(|a, b| get(&a.marks) == get(&b.marks)) {
        let inner = nest(group, depth + 1);
        if get(&group[0].marks) && !is_blank(&inner) {
            out.push(match depth {
                0 => Inline::Strikethrough { content: inner },
                1 => Inline::Strong { content: inner },
                _ => Inline::Emphasis { content: inner },
            });
        } else {
            out.extend(inner);
        }
    }
    out
}

/// Whether inlines are only white space (formatting around it is dropped).
fn is_blank(inlines: &[Inline]) -> bool {
    inlines
        .iter()
        .all(|i| matches!(i, Inline::Text { text } if text.trim().is_empty()))
}

/// The leaves: adjacent text (or code) pieces joined.
fn leaves(spans: &[Span]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for s in spans {
        match &s.piece {
            Piece::Text(t) if s.marks.code => match out.last_mut() {
                Some(Inline::Code { text }) => text.push_str(t),
                _ => out.push(Inline::Code { text: t.clone() }),
            },
            Piece::Text(t) => match out.last_mut() {
                Some(Inline::Text { text }) => text.push_str(t),
                _ => out.push(Inline::text(t.clone())),
            },
            Piece::Break => out.push(Inline::HardBreak),
            Piece::Image(i) => out.push(Inline::Image(i.clone())),
            Piece::Note(label) => out.push(Inline::FootnoteRef {
                label: label.clone(),
            }),
        }
    }
    out
}

/// The text of inlines as the structure rules see it: text and code; a break is `\n`;
/// pictures, note references and raw inlines take no room.
pub fn flat(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_flat(inlines, &mut out);
    out
}

fn push_flat(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => push_flat(content, out),
            Inline::SoftBreak | Inline::HardBreak => out.push('\n'),
            Inline::Image(_) | Inline::FootnoteRef { .. } | Inline::Raw(_) => {}
        }
    }
}

/// The inlines covering bytes `range` of [`flat`]`(inlines)`, formatting kept. Something
/// that takes no room belongs to the range it starts, or to the last one at the end.
pub fn slice(inlines: &[Inline], range: Range<usize>) -> Vec<Inline> {
    let total = flat(inlines).len();
    let mut pos = 0;
    slice_at(inlines, &range, total, &mut pos)
}

fn slice_at(
    inlines: &[Inline],
    range: &Range<usize>,
    total: usize,
    pos: &mut usize,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let inside = |p: usize| range.contains(&p) || (p == range.end && p == total);
    for i in inlines {
        match i {
            Inline::Text { text } | Inline::Code { text } => {
                let (start, end) = (*pos, *pos + text.len());
                *pos = end;
                let (a, b) = (range.start.max(start), range.end.min(end));
                if a < b {
                    let piece = text[a - start..b - start].to_string();
                    out.push(match i {
                        Inline::Code { .. } => Inline::Code { text: piece },
                        _ => Inline::text(piece),
                    });
                }
            }
            Inline::SoftBreak | Inline::HardBreak => {
                if range.contains(pos) {
                    out.push(i.clone());
                }
                *pos += 1;
            }
            Inline::Image(_) | Inline::FootnoteRef { .. } | Inline::Raw(_) => {
                if inside(*pos) {
                    out.push(i.clone());
                }
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strikethrough { content }
            | Inline::Link { content, .. } => {
                let inner = slice_at(content, range, total, pos);
                if !inner.is_empty() {
                    out.push(match i {
                        Inline::Emphasis { .. } => Inline::Emphasis { content: inner },
                        Inline::Strong { .. } => Inline::Strong { content: inner },
                        Inline::Strikethrough { .. } => Inline::Strikethrough { content: inner },
                        Inline::Link { url, title, .. } => Inline::Link {
                            url: url.clone(),
                            title: title.clone(),
                            content: inner,
                        },
                        _ => unreachable!(),
                    });
                }
            }
        }
    }
    out
}

/// URLs and e-mail addresses in text that is not already a link or code made links, as
/// the text reader makes them.
pub fn linkify(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::new();
    for i in inlines {
        match i {
            Inline::Text { text } => out.extend(crate::read::text::linkify(&text)),
            Inline::Emphasis { content } => out.push(Inline::Emphasis {
                content: linkify(content),
            }),
            Inline::Strong { content } => out.push(Inline::Strong {
                content: linkify(content),
            }),
            Inline::Strikethrough { content } => out.push(Inline::Strikethrough {
                content: linkify(content),
            }),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Inline> {
        vec![
            Inline::text("一、"),
            Inline::Strong {
                content: vec![
                    Inline::text("总则"),
                    Inline::FootnoteRef { label: "1".into() },
                ],
            },
            Inline::text("。正文"),
        ]
    }

    #[test]
    fn slices_follow_the_text() {
        let inl = sample();
        assert_eq!(flat(&inl), "一、总则。正文");
        let label = "一、".len();
        assert_eq!(slice(&inl, 0..label), [Inline::text("一、")]);
        let lead = label.."一、总则。".len();
        assert_eq!(
            slice(&inl, lead.clone()),
            [
                Inline::Strong {
                    content: vec![
                        Inline::text("总则"),
                        Inline::FootnoteRef { label: "1".into() }
                    ]
                },
                Inline::text("。")
            ]
        );
        assert_eq!(
            slice(&inl, lead.end..flat(&inl).len()),
            [Inline::text("正文")]
        );
    }

    #[test]
    fn a_note_at_the_end_stays_with_the_last_piece() {
        let inl = vec![
            Inline::text("ab"),
            Inline::FootnoteRef { label: "x".into() },
        ];
        assert_eq!(slice(&inl, 0..1), [Inline::text("a")]);
        assert_eq!(
            slice(&inl, 1..2),
            [Inline::text("b"), Inline::FootnoteRef { label: "x".into() }]
        );
    }
}
