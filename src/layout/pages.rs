//! Stage 6, pages: flow the set lines onto pages — headings kept with what follows,
//! widow and orphan control, forced page breaks — and add the page numbers.

use super::collect::{Par, ParAlign, Role, Span, SpanKind};
use super::line::SetLine;
use super::{line, linebreak, shape};
use super::{Item, Layout, LineInfo, LinkBox, OutlineEntry, Page, Rule, TextRun};
use crate::style::Style;
use crate::Diagnostics;

/// A block after line setting.
pub(crate) enum SetBlock {
    /// A paragraph and its lines.
    Par {
        /// The paragraph.
        par: Par,
        /// Its lines.
        lines: Vec<SetLine>,
    },
    /// A horizontal rule.
    Rule,
    /// A forced page break.
    PageBreak,
}

/// Where the ideographic em box's baseline sits: 0.88 em below its top (the Noto CJK
/// ideographic box runs from -0.12 to 0.88 em).
const EM_ASCENT: f32 = 0.88;
const EPS: f32 = 0.01;

struct Flow<'a> {
    style: &'a Style,
    layout: Layout,
    page: Page,
    y: f32,
    top: f32,
}

impl Flow<'_> {
    fn at_top(&self) -> bool {
        self.y <= self.top + EPS
    }

    fn new_page(&mut self) {
        self.layout.pages.push(std::mem::take(&mut self.page));
        self.y = self.top;
    }

    /// Place one line with its top at the current y.
    fn place(&mut self, par: &Par, l: &SetLine) {
        let ml = self.style.margins.left;
        let top = self.y;
        let base = top + (par.pitch - par.size) / 2.0 + EM_ASCENT * par.size;
        for r in &l.runs {
            let mut glyphs = r.glyphs.clone();
            for g in &mut glyphs {
                g.x += ml;
            }
            self.page.items.push(Item::Text(TextRun {
                face: r.face,
                size: r.size,
                y: base,
                glyphs,
            }));
        }
        for (x0, x1, url) in &l.links {
            self.page.items.push(Item::Link(LinkBox {
                x: ml + x0,
                y: base - EM_ASCENT * par.size,
                width: x1 - x0,
                height: par.size,
                url: url.clone(),
            }));
        }
        for &(x0, x1, size) in &l.strikes {
            self.page.items.push(Item::Rule(Rule {
                x: ml + x0,
                y: base - 0.35 * size,
                width: x1 - x0,
                height: 0.05 * size,
            }));
        }
        self.layout.lines.push(LineInfo {
            page: self.layout.pages.len(),
            text: l.text.clone(),
            left: ml + l.left,
            right: ml + l.right,
            measure_right: ml + l.measure_right,
            justified: par.align == ParAlign::Justify,
            end: l.end,
        });
        self.y += par.pitch;
    }
}

/// Flow `blocks` onto pages.
pub(crate) fn paginate(blocks: Vec<SetBlock>, style: &Style, diag: &mut Diagnostics) -> Layout {
    let (width, height) = style.paper.size_pt();
    let top = style.margins.top;
    let bottom = height - style.margins.bottom;
    let mut f = Flow {
        style,
        layout: Layout {
            width,
            height,
            ..Layout::default()
        },
        page: Page::default(),
        y: top,
        top,
    };
    let pitch = style.line_pitch();
    for (bi, block) in blocks.iter().enumerate() {
        match block {
            SetBlock::PageBreak => {
                if !f.at_top() || !f.page.items.is_empty() {
                    f.new_page();
                }
            }
            SetBlock::Rule => {
                if f.y + pitch > bottom + EPS {
                    f.new_page();
                }
                let measure = width - style.margins.left - style.margins.right;
                f.page.items.push(Item::Rule(Rule {
                    x: style.margins.left + measure / 3.0,
                    y: f.y + pitch / 2.0,
                    width: measure / 3.0,
                    height: 0.5,
                }));
                f.y += pitch;
            }
            SetBlock::Par { par, lines } => {
                let n = lines.len();
                let mut space = if f.at_top() { 0.0 } else { par.space_before };
                if par.keep_with_next {
                    // A heading is kept with the next paragraph's first two lines (or all
                    // of it when shorter), following any further kept paragraphs.
                    let mut need = space + n as f32 * par.pitch + par.space_after;
                    for next in &blocks[bi + 1..] {
                        let SetBlock::Par { par: np, lines: nl } = next else {
                            break;
                        };
                        let k = if np.keep_with_next {
                            nl.len()
                        } else {
                            nl.len().min(2)
                        };
                        need += np.space_before + k as f32 * np.pitch;
                        if !np.keep_with_next {
                            break;
                        }
                        need += np.space_after;
                    }
                    if f.y + need > bottom + EPS && !f.at_top() {
                        f.new_page();
                        space = 0.0;
                    }
                }
                f.y += space;
                if n == 0 {
                    // An empty heading still gets its outline entry.
                    if let Some((level, title)) = &par.outline {
                        f.layout.outline.push(OutlineEntry {
                            level: *level,
                            title: title.clone(),
                            page: f.layout.pages.len(),
                            y: f.y,
                        });
                    }
                }
                let mut i = 0;
                while i < n {
                    let avail = ((bottom - f.y + EPS) / par.pitch).floor().max(0.0) as usize;
                    let rest = n - i;
                    let mut take = avail.min(rest);
                    if take < rest {
                        // Widow: never leave a paragraph's last line alone at a page top.
                        if rest - take == 1 && take > 1 {
                            take -= 1;
                        }
                        // Orphan: never leave its first line alone at a page bottom.
                        if take == 1 && i == 0 && rest > 1 {
                            take = 0;
                        }
                        if take == 0 && f.at_top() {
                            take = avail.clamp(1, rest);
                        }
                    }
                    for (k, l) in lines[i..i + take].iter().enumerate() {
                        if i == 0 && k == 0 {
                            if let Some((level, title)) = &par.outline {
                                f.layout.outline.push(OutlineEntry {
                                    level: *level,
                                    title: title.clone(),
                                    page: f.layout.pages.len(),
                                    y: f.y,
                                });
                            }
                        }
                        f.place(par, l);
                    }
                    i += take;
                    if i < n {
                        f.new_page();
                    }
                }
                f.y += par.space_after;
            }
        }
    }
    if !f.page.items.is_empty() || f.layout.pages.is_empty() {
        f.layout.pages.push(std::mem::take(&mut f.page));
    }
    let mut layout = f.layout;
    page_numbers(&mut layout, style, diag);
    layout
}

/// Page numbers, centred below the text block.
fn page_numbers(layout: &mut Layout, style: &Style, diag: &mut Diagnostics) {
    if style.page_number_format.is_empty() {
        return;
    }
    let size = style.page_number_size;
    let base = layout.height - style.margins.bottom + style.page_number_gap;
    for (p, page) in layout.pages.iter_mut().enumerate() {
        let text = style
            .page_number_format
            .replace("{n}", &(p + 1).to_string());
        let par = Par {
            spans: vec![Span {
                kind: SpanKind::Text(text),
                role: Role::Body,
                size,
                link: None,
                strike: false,
            }],
            align: ParAlign::Center,
            first_indent: 0.0,
            indent_left: 0.0,
            indent_right: 0.0,
            size,
            pitch: size,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            outline: None,
        };
        let (spans, units) = shape::shape_par(&par, style, diag);
        let breaks = linebreak::break_lines(&par, &units, style);
        for l in line::build_lines(&par, &spans, &units, &breaks, style) {
            for r in l.runs {
                let mut glyphs = r.glyphs;
                for g in &mut glyphs {
                    g.x += style.margins.left;
                }
                page.items.push(Item::Text(TextRun {
                    face: r.face,
                    size: r.size,
                    y: base,
                    glyphs,
                }));
            }
        }
    }
}
