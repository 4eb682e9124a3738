//! Inline content to Markdown, with minimal escaping.
//!
//! Writing happens in two steps:
//! 1. [`flatten`] turns inlines into a sequence of characters, each marked as literal text
//!    (which may need a backslash) or as markup the writer produced (delimiters, code spans,
//!    link destinations, raw HTML).
//! 2. [`escape`] writes the sequence, escaping a text character only when, next to its
//!    neighbours, it could be read as syntax. Which kinds of syntax are guarded is chosen by
//!    an [`Escapes`] set.
//!
//! The block writer tries the smallest escape set first and re-reads the result with the
//! Markdown reader; the first set that reads back as the same inlines wins (see
//! `super::Writer::verified`). So a `*` between Chinese characters stays bare unless a second
//! `*` in the same paragraph would pair with it, and then both are escaped.

use crate::doc::{Image, Inline};

/// The kinds of inline syntax whose characters are escaped in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Escapes(pub u16);

impl Escapes {
    /// `*` and `_` that could open or close emphasis.
    pub const EMPH: Escapes = Escapes(1);
    /// Every backtick.
    pub const CODE: Escapes = Escapes(1 << 1);
    /// Every `[` and `]`.
    pub const LINK: Escapes = Escapes(1 << 2);
    /// `<` before a letter, `/`, `!` or `?` (HTML tags, comments, autolinks).
    pub const HTML: Escapes = Escapes(1 << 3);
    /// `&` starting something shaped like an entity reference.
    pub const ENTITY: Escapes = Escapes(1 << 4);
    /// Every `~`.
    pub const STRIKE: Escapes = Escapes(1 << 5);
    /// Every `|`.
    pub const PIPE: Escapes = Escapes(1 << 6);
    /// All of the above.
    pub const CLASSES: Escapes = Escapes((1 << 7) - 1);
    /// Every ASCII punctuation character (the last resort).
    pub const ALL: Escapes = Escapes(u16::MAX);
    /// Nothing beyond what is always escaped (line starts, backslashes).
    pub const NONE: Escapes = Escapes(0);

    /// The single classes, in the order they are tried.
    pub const SINGLE: [Escapes; 7] = [
        Escapes::EMPH,
        Escapes::LINK,
        Escapes::CODE,
        Escapes::HTML,
        Escapes::ENTITY,
        Escapes::STRIKE,
        Escapes::PIPE,
    ];

    /// True when every class of `other` is in `self`.
    pub fn has(self, other: Escapes) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Where inline content is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A paragraph or setext heading: several lines, each may start a block.
    Para,
    /// The first paragraph of a list item: like `Para`, and `[ ]` at the start would be a
    /// task marker.
    ItemPara,
    /// An ATX heading: one line; a trailing `#` run would be a closing sequence.
    Atx,
    /// A table cell: one line; `|` ends the cell.
    Cell,
}

/// How inlines are written (besides escaping).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// The emphasis delimiter at even and at odd nesting depths (`*`/`_`): `**_a_**` needs
    /// `['*', '_']`, `_a*b*c_` (after punctuation) needs `['_', '*']`.
    pub delims: [char; 2],
    /// Which syntax is escaped in text.
    pub escapes: Escapes,
}

/// One character of the flattened output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Literal text, escaped as needed.
    Text,
    /// Literal text inside link text or image alt text.
    LinkText,
    /// Markup written as is.
    Markup,
    /// An emphasis delimiter of the node whose opener starts at this index (otherwise like
    /// `Markup`); [`choose_delims`] may switch it between `*` and `_`.
    Delim(usize),
    /// The first character of raw inline HTML (otherwise like `Markup`).
    RawStart,
    /// A line end inside raw inline HTML: the next line is written as a lazy continuation
    /// line (see [`LAZY`]).
    RawBreak,
}

/// Marks the start of a line that container prefixes must not indent: pulldown-cmark keeps
/// container indentation inside multi-line inline HTML (and reads a `>` quote marker as
/// part of it), so such lines are written as lazy paragraph continuation lines. The writer
/// removes the marker at the end.
pub const LAZY: char = '\0';

/// Render inlines to Markdown source.
pub fn render(inlines: &[Inline], ctx: Context, style: Style) -> String {
    let mut seq = Vec::new();
    flatten(inlines, ctx, style, 0, false, &mut seq);
    choose_delims(&mut seq);
    escape(&seq, ctx, style.escapes)
}

/// Switch an emphasis node between `*` and `_` when its delimiters, next to their
/// neighbours, could not open and close with the character first chosen but could with the
/// other (`中*x*:_1*a*_`: `_` after `:`, `*` inside a word).
fn choose_delims(seq: &mut [(char, Kind)]) {
    // Each node's delimiter positions, found in one pass (ids are opener positions, so
    // ascending in the order nodes open).
    let mut nodes: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &(_, k)) in seq.iter().enumerate() {
        if let Kind::Delim(id) = k {
            nodes.entry(id).or_default().push(i);
        }
    }
    let last_of = |id: usize| nodes.get(&id).and_then(|p| p.last().copied());
    for (&id, positions) in &nodes {
        let n = positions.len() / 2;
        let (open, close) = (&positions[..n], &positions[n..]);
        let (o0, o1) = (open[0], open[n - 1] + 1);
        let (c0, c1) = (close[0], close[n - 1] + 1);
        let at = |i: usize| -> Option<char> { seq.get(i).map(|&(c, _)| c) };
        let before = |i: usize| if i == 0 { None } else { at(i - 1) };
        // A neighbouring delimiter run of the same character merges with ours: fine for a
        // parent's run around strong emphasis (`***a***` is em(strong)), wrong for a sibling's
        // run (`*a**b*`) or around emphasis (`***a***` is not strong(em)).
        // `Some(true)`: a parent's run of `ch` is adjacent; `Some(false)`: another node's.
        let neighbour = |pos: Option<usize>, ch: char| -> Option<bool> {
            let &(c, kind) = pos.and_then(|p| seq.get(p))?;
            let Kind::Delim(pid) = kind else { return None };
            if c != ch || pid == id {
                return None;
            }
            Some(pid < id && last_of(pid).is_some_and(|last| last >= c1))
        };
        let conflict = |ch: char| {
            let (left, right) = (neighbour(o0.checked_sub(1), ch), neighbour(Some(c1), ch));
            // Emphasis hugged on both sides by its parent's runs reads as strong
            // (`**a**`); a parent's run on one side only (`***a*b*c*`) is fine.
            left == Some(false)
                || right == Some(false)
                || (n == 1 && left == Some(true) && right == Some(true))
        };
        // (opens and closes, and does so unambiguously: the opener cannot also close an
        // earlier run, the closer cannot also open).
        let works = |ch: char| -> (bool, bool) {
            let (op, on, cp, cn) = (before(o0), at(o1), before(c0), at(c1));
            if conflict(ch) {
                return (false, false);
            }
            let (ol, or) = flanking(op, on);
            let (cl, cr) = flanking(cp, cn);
            let (opens, open_closes, closes, close_opens) = if ch == '*' {
                (ol, or, cr, cl)
            } else {
                (
                    ol && (!or || is_punct(op)),
                    or && (!ol || is_punct(on)),
                    cr && (!cl || is_punct(cn)),
                    cl && (!cr || is_punct(cp)),
                )
            };
            let ok = opens && closes;
            (ok, ok && !open_closes && !close_opens)
        };
        let current = seq[o0].0;
        let other = if current == '*' { '_' } else { '*' };
        let (cur_ok, cur_strict) = works(current);
        let (other_ok, other_strict) = works(other);
        if !cur_strict && (other_strict || !cur_ok && other_ok) {
            for &p in positions {
                seq[p].0 = other;
            }
        }
    }
}

/// Flatten inlines into marked characters.
fn flatten(
    inlines: &[Inline],
    ctx: Context,
    style: Style,
    depth: usize,
    in_link: bool,
    out: &mut Vec<(char, Kind)>,
) {
    let text_kind = if in_link { Kind::LinkText } else { Kind::Text };
    let one_line = matches!(ctx, Context::Atx | Context::Cell);
    // The delimiter character that closed the previous sibling, if it was emphasis.
    let mut last_closer = None;
    for inline in inlines {
        if !matches!(inline, Inline::Emphasis { .. } | Inline::Strong { .. }) {
            last_closer = None;
        }
        match inline {
            Inline::Text { text } => {
                for c in text.chars() {
                    // A line end inside text is not a line break: write it as a reference.
                    match c {
                        '\n' => markup(out, "&#10;"),
                        LAZY => out.push(('\u{FFFD}', text_kind)),
                        '\r' => markup(out, "&#13;"),
                        _ => out.push((c, text_kind)),
                    }
                }
            }
            Inline::Emphasis { content } | Inline::Strong { content } => {
                let mut ch = style.delims[depth % 2];
                // `*a**b*` would read as one run: switch characters after a sibling's
                // closing run.
                if last_closer == Some(ch)
                    && matches!(out.last(), Some(&(c, Kind::Delim(_))) if c == ch)
                {
                    ch = if ch == '*' { '_' } else { '*' };
                }
                let n = if matches!(inline, Inline::Strong { .. }) {
                    2
                } else {
                    1
                };
                let id = out.len();
                out.extend(std::iter::repeat_n((ch, Kind::Delim(id)), n));
                flatten(content, ctx, style, depth + 1, in_link, out);
                out.extend(std::iter::repeat_n((ch, Kind::Delim(id)), n));
                last_closer = Some(ch);
                continue;
            }
            Inline::Strikethrough { content } => {
                markup(out, "~~");
                flatten(content, ctx, style, depth, in_link, out);
                markup(out, "~~");
            }
            Inline::Code { text } => markup(out, &code_span(text, ctx == Context::Cell)),
            Inline::Link {
                url,
                title,
                content,
            } => {
                if let Some(auto) = autolink(url, title, content) {
                    markup(out, &auto);
                } else {
                    markup(out, "[");
                    flatten(content, ctx, style, depth, true, out);
                    markup(out, "](");
                    markup(out, &destination(url, title, ctx == Context::Cell));
                    markup(out, ")");
                }
            }
            Inline::Image(image) => image_markup(image, ctx, style, depth, out),
            Inline::SoftBreak => {
                if one_line {
                    out.push((' ', Kind::Markup))
                } else {
                    out.push(('\n', Kind::Markup))
                }
            }
            Inline::HardBreak => {
                if one_line {
                    out.push((' ', Kind::Markup))
                } else {
                    markup(out, "\\\n")
                }
            }
            Inline::FootnoteRef { label } => markup(out, &format!("[^{label}]")),
            Inline::Raw(raw) => {
                let text = if one_line {
                    raw.text.replace('\n', " ")
                } else {
                    raw.text.clone()
                };
                let start = out.len();
                markup(out, &text);
                for m in &mut out[start..] {
                    if m.0 == '\n' {
                        m.1 = Kind::RawBreak;
                    }
                }
                if let Some(first) = out.get_mut(start) {
                    first.1 = Kind::RawStart;
                }
            }
        }
    }
}

/// Push markup characters.
fn markup(out: &mut Vec<(char, Kind)>, s: &str) {
    out.extend(s.chars().map(|c| (c, Kind::Markup)));
}

/// `![alt](url "title")`.
fn image_markup(
    image: &Image,
    ctx: Context,
    style: Style,
    depth: usize,
    out: &mut Vec<(char, Kind)>,
) {
    // A sized image as HTML: Markdown has no syntax for a size.
    if !image.size.is_auto() {
        markup(
            out,
            &crate::img_tag::write(image, &crate::doc::inlines_text(&image.alt)),
        );
        return;
    }
    markup(out, "![");
    flatten(&image.alt, ctx, style, depth, true, out);
    markup(out, "](");
    markup(
        out,
        &destination(&image.url, &image.title, ctx == Context::Cell),
    );
    markup(out, ")");
}

/// An image as Markdown source (used for figures).
pub fn image(image: &Image, ctx: Context, style: Style) -> String {
    let mut seq = Vec::new();
    image_markup(image, ctx, style, 0, &mut seq);
    choose_delims(&mut seq);
    escape(&seq, ctx, style.escapes)
}

/// A code span whose fence is a backtick run that does not occur in the code.
pub fn code_span(code: &str, in_cell: bool) -> String {
    let code = code.replace('\n', " ");
    let mut runs = std::collections::BTreeSet::new();
    let mut run = 0;
    for c in code.chars().chain(std::iter::once(' ')) {
        if c == '`' {
            run += 1;
        } else if run > 0 {
            runs.insert(run);
            run = 0;
        }
    }
    let n = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
    let fence = "`".repeat(n);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && code.chars().any(|c| c != ' '));
    let body = if in_cell {
        code.replace('|', "\\|")
    } else {
        code
    };
    if pad {
        format!("{fence} {body} {fence}")
    } else {
        format!("{fence}{body}{fence}")
    }
}

/// `<url>` when the link is an autolink (its text is its URL), else `None`.
fn autolink(url: &str, title: &str, content: &[Inline]) -> Option<String> {
    let [Inline::Text { text }] = content else {
        return None;
    };
    if !title.is_empty() {
        return None;
    }
    if text == url && is_uri_autolink(url) {
        return Some(format!("<{url}>"));
    }
    if url.strip_prefix("mailto:") == Some(text.as_str()) && is_email(text) {
        return Some(format!("<{text}>"));
    }
    None
}

/// A URI autolink: scheme of 2–32 characters, `:`, no spaces, `<`, `>` or controls.
fn is_uri_autolink(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let mut sc = scheme.chars();
    (2..=32).contains(&scheme.len())
        && sc.next().is_some_and(|c| c.is_ascii_alphabetic())
        && sc.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        && rest
            .chars()
            .all(|c| !c.is_ascii_control() && c != ' ' && c != '<' && c != '>')
}

/// An e-mail autolink address (the CommonMark definition).
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c))
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// A link destination plus optional title, as written between `(` and `)`.
pub fn destination(url: &str, title: &str, in_cell: bool) -> String {
    let bare_ok = !url.is_empty()
        && !url.starts_with('<')
        && url.chars().all(|c| !c.is_ascii_control() && c != ' ')
        && parens_balanced(url);
    let mut s = String::new();
    // A backslash in a destination or title is always doubled: before the closing `)`, `>`
    // or `"` it would otherwise escape it.
    if bare_ok {
        for (i, c) in url.char_indices() {
            if c == '\\' || c == '&' && entity_at(url, i) {
                s.push('\\');
            }
            s.push(c);
        }
    } else {
        s.push('<');
        for (i, c) in url.char_indices() {
            if matches!(c, '<' | '>' | '\\') || c == '&' && entity_at(url, i) {
                s.push('\\');
            }
            match c {
                '\n' => s.push_str("%0A"),
                _ => s.push(c),
            }
        }
        s.push('>');
    }
    if !title.is_empty() {
        s.push_str(" \"");
        for (i, c) in title.char_indices() {
            if matches!(c, '"' | '\\') || c == '&' && entity_at(title, i) {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
    }
    if in_cell {
        s = s.replace('|', "\\|");
    }
    s
}

/// True when every `)` closes an earlier `(` and all are closed.
fn parens_balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// True when an entity or numeric character reference starts at byte `i` (`&amp;`, `&#20;`).
pub fn entity_at(s: &str, i: usize) -> bool {
    let rest = &s.as_bytes()[i + 1..];
    let (digits, max): (&dyn Fn(u8) -> bool, usize) = if rest.first() == Some(&b'#') {
        if matches!(rest.get(1), Some(b'x' | b'X')) {
            return count_then_semi(&rest[2..], |b| b.is_ascii_hexdigit(), 6);
        }
        return count_then_semi(&rest[1..], |b| b.is_ascii_digit(), 7);
    } else {
        (&|b: u8| b.is_ascii_alphanumeric(), 32)
    };
    rest.first().is_some_and(|b| b.is_ascii_alphabetic()) && count_then_semi(rest, digits, max)
}

/// 1..=max bytes matching `f`, then `;`.
fn count_then_semi(bytes: &[u8], f: impl Fn(u8) -> bool, max: usize) -> bool {
    let n = bytes.iter().take_while(|&&b| f(b)).count();
    (1..=max).contains(&n) && bytes.get(n) == Some(&b';')
}

/// Unicode whitespace in the CommonMark sense (end of input counts as whitespace).
fn is_ws(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

/// Unicode punctuation (approximated: ASCII punctuation, and non-alphanumeric,
/// non-whitespace characters outside the letter scripts).
fn is_punct(c: Option<char>) -> bool {
    match c {
        None => false,
        Some(c) if c.is_ascii() => c.is_ascii_punctuation(),
        Some(c) => !c.is_alphanumeric() && !c.is_whitespace(),
    }
}

/// Whether a delimiter run with these neighbours is left- and right-flanking.
fn flanking(prev: Option<char>, next: Option<char>) -> (bool, bool) {
    let left = !is_ws(next) && (!is_punct(next) || is_ws(prev) || is_punct(prev));
    let right = !is_ws(prev) && (!is_punct(prev) || is_ws(next) || is_punct(next));
    (left, right)
}

/// Write the flattened characters, escaping text where needed.
fn escape(seq: &[(char, Kind)], ctx: Context, esc: Escapes) -> String {
    let chars: Vec<char> = seq.iter().map(|&(c, _)| c).collect();
    let multi_line = matches!(ctx, Context::Para | Context::ItemPara);
    let mut out = String::with_capacity(seq.len() + 8);
    let mut first_line = true;
    // The last character written was a text backslash left bare.
    let mut bare_backslash = false;
    // What the decisions below look ahead at or back to, found once per line or per run
    // so that a long line is not scanned again for each of its characters.
    let blank = |c: char| c == ' ' || c == '\t';
    let first_non_ws = chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(chars.len());
    let last_non_ws = chars.iter().rposition(|c| !c.is_whitespace());
    let mut line = Line::at(seq, 0);
    let mut ahead = Ahead::default();
    // Byte-free index bookkeeping: decisions are per character index.
    let mut i = 0;
    while i < seq.len() {
        let (c, kind) = seq[i];
        if c == '\n' {
            bare_backslash = false;
            out.push('\n');
            if kind == Kind::RawBreak && multi_line {
                out.push(LAZY);
            }
            i += 1;
            line = Line::at(seq, i);
            first_line = false;
            continue;
        }
        if matches!(kind, Kind::Markup | Kind::RawStart | Kind::Delim(_)) {
            if kind == Kind::RawStart && c == '<' && i == line.start && !first_line && multi_line {
                // Raw HTML opening a continuation line could start an HTML block; indented
                // four columns it cannot (and indented code cannot interrupt a paragraph).
                out.push_str("    ");
            }
            bare_backslash = false;
            out.push(c);
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        // Leading and trailing blanks of a line are stripped by parsers: write them as
        // character references.
        let at_start = i <= line.blank_text_until;
        let blank_to_end = line.last_non_blank.is_none_or(|l| l < i);
        if blank(c) && (at_start || blank_to_end) {
            if bare_backslash {
                out.push('\\'); // `\&` would escape the reference
            }
            bare_backslash = false;
            out.push_str(if c == ' ' { "&#32;" } else { "&#9;" });
            i += 1;
            continue;
        }
        // Some parsers (commonmark.js) also trim other Unicode whitespace (U+00A0, U+3000)
        // from the ends of a paragraph, against the spec: keep it with a reference.
        if !c.is_ascii()
            && c.is_whitespace()
            && (i <= first_non_ws || last_non_ws.is_none_or(|l| l < i))
        {
            if bare_backslash {
                out.push('\\');
            }
            bare_backslash = false;
            out.push_str(&format!("&#{};", c as u32));
            i += 1;
            continue;
        }
        if i == line.start && multi_line {
            let text: String = chars[i..line.end].iter().collect();
            let needs =
                line_start_escape(&text, first_line, ctx == Context::ItemPara && first_line);
            if let Some(n) = needs {
                // Escape the n-th character of the line (it is ASCII punctuation).
                if n == 0 {
                    out.push('\\');
                    out.push(c);
                    i += 1;
                    continue;
                }
                out.extend(&chars[i..i + n]);
                out.push('\\');
                out.push(chars[i + n]);
                i += n + 1;
                continue;
            }
        }
        if ctx == Context::Atx && c == '#' && atx_closing_at(&chars, i) {
            out.push('\\');
            out.push(c);
            i += 1;
            continue;
        }
        let escaped = needs_escape(&chars, i, &line, &mut ahead, next, ctx, esc);
        if escaped {
            out.push('\\');
        }
        bare_backslash = c == '\\' && !escaped;
        out.push(c);
        i += 1;
    }
    out
}

/// The output line a character is on, looked at once when the line starts.
struct Line {
    /// Index of its first character.
    start: usize,
    /// Index of the `\n` ending it (or the end of the text).
    end: usize,
    /// Index of its last character that is not a blank, if any.
    last_non_blank: Option<usize>,
    /// Its characters before this index are all blanks of text (not markup).
    blank_text_until: usize,
}

impl Line {
    fn at(seq: &[(char, Kind)], start: usize) -> Line {
        let end = seq[start..]
            .iter()
            .position(|&(c, _)| c == '\n')
            .map_or(seq.len(), |p| p + start);
        let blank = |c: char| c == ' ' || c == '\t';
        let text = |k: Kind| matches!(k, Kind::Text | Kind::LinkText);
        Line {
            start,
            end,
            last_non_blank: seq[start..end]
                .iter()
                .rposition(|&(c, _)| !blank(c))
                .map(|p| p + start),
            blank_text_until: seq[start..end]
                .iter()
                .position(|&(c, k)| !(blank(c) && text(k)))
                .map_or(end, |p| p + start),
        }
    }
}

/// Look-ahead found once and reused while the scan has not passed it.
#[derive(Default)]
struct Ahead {
    /// The run of equal characters last looked at (start, end).
    run: Option<(usize, usize)>,
    /// The index of the next `>` at or after the last position asked about (or none).
    next_gt: Option<Option<usize>>,
    /// The position `next_gt` was found from.
    gt_from: usize,
}

impl Ahead {
    /// The run of characters equal to `chars[i]` around `i`.
    fn run(&mut self, chars: &[char], i: usize) -> (usize, usize) {
        if let Some((start, end)) = self.run {
            if (start..end).contains(&i) && chars[start] == chars[i] {
                return (start, end);
            }
        }
        let c = chars[i];
        let start = chars[..i]
            .iter()
            .rposition(|&x| x != c)
            .map_or(0, |p| p + 1);
        let end = chars[i..]
            .iter()
            .position(|&x| x != c)
            .map_or(chars.len(), |p| p + i);
        self.run = Some((start, end));
        (start, end)
    }

    /// The index of the first `>` at or after `i` (`i` never decreases between calls).
    fn next_gt(&mut self, chars: &[char], i: usize) -> Option<usize> {
        match self.next_gt {
            Some(Some(gt)) if gt >= i && self.gt_from <= i => return Some(gt),
            Some(None) if self.gt_from <= i => return None,
            _ => {}
        }
        let found = chars[i..].iter().position(|&c| c == '>').map(|p| p + i);
        (self.next_gt, self.gt_from) = (Some(found), i);
        found
    }
}

/// True when the `#` at `i` starts a run that would be read as an ATX closing sequence.
fn atx_closing_at(chars: &[char], i: usize) -> bool {
    // Only the first `#` of a run after a blank is looked further at, so that a long run
    // is scanned once.
    let before_blank = i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '\t';
    if !before_blank {
        return false;
    }
    let end = chars[i..]
        .iter()
        .position(|&c| c != '#')
        .map_or(chars.len(), |p| p + i);
    chars[end..].iter().all(|&c| c == ' ' || c == '\t')
}

/// Which character (index into `line`) must be escaped so that a paragraph line does not
/// start a block, if any.
fn line_start_escape(line: &str, first: bool, item_first: bool) -> Option<usize> {
    let b = line.as_bytes();
    let c0 = *b.first()?;
    let rest_blank = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .all(|&c| c == b' ' || c == b'\t')
    };
    let only = |ch: u8| b.iter().all(|&c| c == ch || c == b' ' || c == b'\t');
    match c0 {
        b'>' => return Some(0),
        b'#' => {
            let n = b.iter().take_while(|&&c| c == b'#').count();
            if n <= 6 && matches!(b.get(n), None | Some(b' ' | b'\t')) {
                return Some(0);
            }
        }
        b'=' if !first && only(b'=') => return Some(0),
        b'-' | b'*' | b'_' | b'+' => {
            let count = b.iter().filter(|&&c| c == c0).count();
            if c0 != b'+' && only(c0) && count >= 3 {
                return Some(0); // thematic break
            }
            if c0 == b'-' && !first && only(b'-') {
                return Some(0); // setext underline
            }
            if c0 != b'_' && matches!(b.get(1), None | Some(b' ' | b'\t')) {
                // A bullet; on a continuation line only a non-empty item interrupts.
                if first || !rest_blank(1) {
                    return Some(0);
                }
            }
        }
        b'`' | b'~' if b.iter().take_while(|&&c| c == c0).count() >= 3 => return Some(0),
        b'0'..=b'9' => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if n <= 9
                && matches!(b.get(n), Some(b'.' | b')'))
                && matches!(b.get(n + 1), None | Some(b' ' | b'\t'))
            {
                let one = line[..n].parse::<u64>().ok() == Some(1);
                if first || (one && !rest_blank(n + 1)) {
                    return Some(n);
                }
            }
        }
        b'[' if item_first
            && matches!(b.get(1), Some(b' ' | b'x' | b'X'))
            && b.get(2) == Some(&b']') =>
        {
            return Some(0)
        }
        _ => {}
    }
    None
}

/// Whether the text character at `i` needs a backslash under `esc`.
fn needs_escape(
    chars: &[char],
    i: usize,
    line: &Line,
    ahead: &mut Ahead,
    next: Option<char>,
    ctx: Context,
    esc: Escapes,
) -> bool {
    let c = chars[i];
    if !c.is_ascii_punctuation() {
        return false;
    }
    if c == '\\' {
        return next.is_some_and(|n| n.is_ascii_punctuation() || n == '\n');
    }
    if esc == Escapes::ALL {
        return true;
    }
    match c {
        '*' | '_' if esc.has(Escapes::EMPH) => {
            let (start, end) = ahead.run(chars, i);
            let before = if start == 0 {
                None
            } else {
                Some(chars[start - 1])
            };
            let after = chars.get(end).copied();
            let (left, right) = flanking(before, after);
            if c == '*' {
                left || right
            } else {
                (left && (!right || is_punct(before))) || (right && (!left || is_punct(after)))
            }
        }
        '`' => esc.has(Escapes::CODE),
        '[' | ']' => esc.has(Escapes::LINK),
        '<' => {
            let tag_like =
                next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
            // Unclosed on its line: inside a block quote, pulldown-cmark would take the next
            // line's `>` marker as the end of an HTML tag.
            let mut runs_on = || {
                let nl = (line.end < chars.len()).then_some(line.end);
                let gt = ahead.next_gt(chars, i);
                nl.is_some_and(|nl| gt.is_none_or(|gt| gt > nl))
            };
            tag_like && (esc.has(Escapes::HTML) || runs_on())
        }
        '&' => {
            esc.has(Escapes::ENTITY) && {
                let s: String = chars[i..chars.len().min(i + 40)].iter().collect();
                entity_at(&s, 0)
            }
        }
        '~' => esc.has(Escapes::STRIKE),
        '|' => ctx == Context::Cell || esc.has(Escapes::PIPE),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::text(s)]
    }

    fn style(escapes: Escapes) -> Style {
        Style {
            delims: ['*', '*'],
            escapes,
        }
    }

    #[test]
    fn star_between_chinese_is_escaped_only_when_guarding_emphasis() {
        let inl = t("努力以*全格局保障");
        assert_eq!(
            render(&inl, Context::Para, style(Escapes::NONE)),
            "努力以*全格局保障"
        );
        assert_eq!(
            render(&inl, Context::Para, style(Escapes::EMPH)),
            "努力以\\*全格局保障"
        );
    }

    #[test]
    fn spaced_star_and_intraword_underscore_never_escaped() {
        let inl = t("a * b snake_case_name");
        assert_eq!(
            render(&t("a\nb"), Context::Para, style(Escapes::NONE)),
            "a&#10;b"
        );
        assert_eq!(
            render(&inl, Context::Para, style(Escapes::EMPH)),
            "a * b snake_case_name"
        );
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(
            render(&t("# not a heading"), Context::Para, style(Escapes::NONE)),
            "\\# not a heading"
        );
        assert_eq!(
            render(&t("#hashtag"), Context::Para, style(Escapes::NONE)),
            "#hashtag"
        );
        assert_eq!(
            render(&t("> q"), Context::Para, style(Escapes::NONE)),
            "\\> q"
        );
        assert_eq!(
            render(&t("- x"), Context::Para, style(Escapes::NONE)),
            "\\- x"
        );
        assert_eq!(render(&t("-x"), Context::Para, style(Escapes::NONE)), "-x");
        assert_eq!(
            render(&t("2023. 年"), Context::Para, style(Escapes::NONE)),
            "2023\\. 年"
        );
        assert_eq!(
            render(&t("1) a"), Context::Para, style(Escapes::NONE)),
            "1\\) a"
        );
        let two_lines = vec![Inline::text("a"), Inline::SoftBreak, Inline::text("2. b")];
        assert_eq!(
            render(&two_lines, Context::Para, style(Escapes::NONE)),
            "a\n2. b"
        );
        let setext = vec![Inline::text("a"), Inline::SoftBreak, Inline::text("==")];
        assert_eq!(
            render(&setext, Context::Para, style(Escapes::NONE)),
            "a\n\\=="
        );
        assert_eq!(
            render(&t("```"), Context::Para, style(Escapes::NONE)),
            "\\```"
        );
    }

    #[test]
    fn blanks_at_line_edges_become_references() {
        assert_eq!(
            render(&t("    code?"), Context::Para, style(Escapes::NONE)),
            "&#32;&#32;&#32;&#32;code?"
        );
        assert_eq!(
            render(&t("end  "), Context::Para, style(Escapes::NONE)),
            "end&#32;&#32;"
        );
        assert_eq!(
            render(
                &t("\u{3000}\u{3000}第一段\u{3000}二"),
                Context::Para,
                style(Escapes::NONE)
            ),
            "&#12288;&#12288;第一段\u{3000}二"
        );
    }

    #[test]
    fn backslash_escaped_before_punctuation_and_breaks_only() {
        let inl = vec![
            Inline::text("a\\b \\* c\\"),
            Inline::SoftBreak,
            Inline::text("d"),
        ];
        assert_eq!(
            render(&inl, Context::Para, style(Escapes::NONE)),
            "a\\b \\\\* c\\\\\nd"
        );
    }

    #[test]
    fn entities_brackets_html_pipes() {
        let s = style(Escapes::CLASSES);
        assert_eq!(render(&t("&amp; & &x"), Context::Para, s), "\\&amp; & &x");
        assert_eq!(render(&t("[a](b)"), Context::Para, s), "\\[a\\](b)");
        assert_eq!(render(&t("<div> a < b"), Context::Para, s), "\\<div> a < b");
        assert_eq!(
            render(&t("a|b"), Context::Cell, style(Escapes::NONE)),
            "a\\|b"
        );
        assert_eq!(
            render(&t("a|b"), Context::Para, style(Escapes::NONE)),
            "a|b"
        );
    }

    #[test]
    fn atx_closing_hashes_escaped() {
        assert_eq!(
            render(&t("C #"), Context::Atx, style(Escapes::NONE)),
            "C \\#"
        );
        assert_eq!(render(&t("C#"), Context::Atx, style(Escapes::NONE)), "C#");
    }

    #[test]
    fn code_spans_and_destinations() {
        assert_eq!(code_span("a`b", false), "``a`b``");
        assert_eq!(code_span("`a", false), "`` `a ``");
        assert_eq!(code_span(" a ", false), "`  a  `");
        assert_eq!(destination("/u rl", "ti\"t", false), "</u rl> \"ti\\\"t\"");
        assert_eq!(destination("a(b", "", false), "<a(b>");
        assert_eq!(destination("a(b)", "", false), "a(b)");
        assert!(entity_at("&#x41;", 0) && entity_at("&copy;", 0) && !entity_at("& x;", 0));
    }
}
