//! Stage 6, pages: flow the set lines onto pages — headings kept with what follows,
//! widow and orphan control, forced page breaks — and add the page numbers. The notes at
//! each page's foot are decided in `footnotes`; this module asks it whether a line's notes
//! fit and draws the foot it gives back.

use super::flow::{Par, ParAlign, Role, Span, SpanKind};
use super::font::Book;
use super::footnotes::Foot;
use super::set::{LineImage, LineRun, SetBlock, SetLine, SetPar, SetRow, SetTable, EPS};
use super::{line, marks};
use super::{
    ImageBox, Item, Layout, LineInfo, LinkBox, OutlineEntry, Page, PageSink, Rule, Shade, Stroke,
    TextRun,
};
use crate::style::{PageNumberPlace, Style};
use crate::Diagnostics;
use std::collections::VecDeque;
use std::sync::Arc;

/// Where the ideographic em box's baseline sits: 0.88 em below its top (the Noto CJK
/// ideographic box runs from -0.12 to 0.88 em).
pub(super) const EM_ASCENT: f32 = 0.88;
/// How far the top of an external link's underline sits below the baseline, in em.
const UNDERLINE_DROP_EM: f32 = 0.12;
/// The thickness of a link's underline, in em.
const UNDERLINE_WEIGHT_EM: f32 = 0.04;
/// How far a strike-through line's top sits above the baseline, in em.
const STRIKE_RISE_EM: f32 = 0.3;
/// The thickness of a strike-through line, in em.
const STRIKE_WEIGHT_EM: f32 = 0.05;
/// The share of the text block's height an image may take, its caption included.
const IMAGE_MAX_HEIGHT: f32 = 0.8;
/// The space between a missing image's alt text and the frame around it, left and right,
/// in em of the caption.
const STAND_IN_PAD_EM: f32 = 0.5;
/// The frame's space above and below the alt text, as a share of the space at the sides.
const STAND_IN_PAD_Y: f32 = 0.2;
/// How many lines of the paragraph after a heading must go on the heading's page (all of
/// it when shorter).
const KEEP_LINES: usize = 2;

/// The page being filled and what is already done.
struct Flow<'a, 's> {
    style: &'a Style,
    /// The outline and note records so far (the pages go to `out`).
    layout: Layout,
    /// Where finished pages and placed lines go.
    out: &'s mut dyn PageSink,
    /// How many pages have gone to `out`: the index of the page being filled.
    pages: usize,
    /// Warnings from setting the page numbers.
    diag: &'s mut Diagnostics,
    /// The page being filled.
    page: Page,
    /// Where the next line's top goes.
    y: f32,
    /// The text block's top.
    top: f32,
    /// The text block's bottom (the footnotes included).
    bottom: f32,
    /// The footnotes of this page's foot and those continuing on later pages.
    foot: Foot<'a>,
}

impl<'a, 's> Flow<'a, 's> {
    /// An empty first page of `style`'s paper, with notes `notes` still to place, its
    /// pages going to `out`.
    fn new(
        style: &'a Style,
        notes: &'a [Vec<SetPar>],
        fonts: &Arc<Book>,
        (out, diag): (&'s mut dyn PageSink, &'s mut Diagnostics),
    ) -> Self {
        let (width, height) = style.page.paper.size_pt();
        let top = style.page.margins.top;
        Flow {
            style,
            layout: Layout {
                width,
                height,
                fonts: Arc::clone(fonts),
                ..Layout::default()
            },
            out,
            pages: 0,
            diag,
            page: Page::default(),
            y: top,
            top,
            bottom: height - style.page.margins.bottom,
            foot: Foot::new(notes, style),
        }
    }
}

impl Flow<'_, '_> {
    /// Whether nothing has taken room on this page yet.
    fn at_top(&self) -> bool {
        self.y <= self.top + EPS
    }

    /// The bottom of the body text on this page (above the footnotes).
    fn body_bottom(&self) -> f32 {
        self.bottom - self.foot.height()
    }

    /// Whether a line of height `h` needing notes `ns` fits here. When it does (or the
    /// page is empty so it must), the notes are booked for this page's foot; what of them
    /// does not fit continues on the next page.
    fn book(&mut self, h: f32, ns: &[usize]) -> bool {
        let at_top = self.at_top();
        self.foot.book(ns, self.y + h, self.bottom, at_top)
    }

    /// Finish this page and start the next, its foot beginning with the continued notes.
    fn new_page(&mut self) {
        self.finish_page();
        self.emit();
        self.y = self.top;
        self.foot.next_page(self.top, self.bottom);
    }

    /// Set this page's footnotes at its foot, under a short rule.
    fn finish_page(&mut self) {
        let Some((rule, lines)) = self.foot.take(self.bottom) else {
            return;
        };
        self.page.items.push(Item::Rule(rule));
        for l in lines {
            if let Some(n) = l.starts {
                self.layout.note_feet.push((self.pages, n + 1));
            }
            let saved = self.y;
            self.y = l.top;
            self.place(l.par, l.line, false);
            self.y = saved;
        }
    }

    /// Hand the page being filled to `out`, with its page number.
    fn emit(&mut self) {
        let mut page = std::mem::take(&mut self.page);
        page_number(&mut page, self.pages, (self.style, &self.layout), self.diag);
        self.out.page(page);
        self.pages += 1;
    }

    /// After the last block: the notes not placed yet at the last page's foot, pages of
    /// their own for notes continuing past the text.
    fn finish(mut self) -> Layout {
        // Notes referred to only from other notes: at the foot of the last page.
        self.foot.rest_at_end(self.y, self.bottom);
        self.finish_page();
        // Notes continued past the last page of text get pages of their own.
        while self.foot.continues() {
            self.new_page();
            self.finish_page();
        }
        if !self.page.items.is_empty() || self.pages == 0 {
            self.emit();
        }
        self.layout
    }

    /// Place line `li` of `sp` with its top at the current y, with its decorations: quote
    /// bars, code shading, the list marker, the continuation mark of a wrapped code line;
    /// `body`: a line of the text (whose note references are recorded), not of a note.
    fn place(&mut self, sp: &SetPar, li: usize, body: bool) {
        let ml = self.style.page.margins.left;
        let par = &sp.par;
        let l = &sp.lines[li];
        let top = self.y;
        let base = top + (par.pitch - par.size) / 2.0 + EM_ASCENT * par.size;
        if let Some(cols) = par.shade {
            self.shade(sp, li, cols, top);
        }
        self.quote_bars(par, top);
        if li == 0 {
            self.marker(sp, base);
        }
        self.push_runs(&l.runs, ml, base);
        self.line_images(&l.images, base);
        self.links(l, par.size, base);
        self.strikes(l, base);
        if par.wrap_mark && l.wrapped {
            let arrow = marks::wrap_arrow(ml + l.measure_right, base, par.size);
            self.page.items.extend(arrow.into_iter().map(Item::Stroke));
        }
        if body {
            for &n in &l.notes {
                self.layout.note_marks.push((self.pages, n + 1));
            }
        }
        self.record_line(par, l);
        self.y += par.pitch;
    }

    /// The code shading behind line `li` of `sp` (columns `x0..x1`, top at `top`), with
    /// padding above the first line and below the last.
    fn shade(&mut self, sp: &SetPar, li: usize, (x0, x1): (f32, f32), top: f32) {
        let par = &sp.par;
        // Padding above the first line and below the last, inside the block's spacing
        // (and inside the text area: see `Flow::par`).
        let pad = Style::CODE_SHADE_PAD_EM * par.size;
        let up = if li == 0 { pad } else { 0.0 };
        let down = if li + 1 == sp.lines.len() { pad } else { 0.0 };
        self.page.items.push(Item::Shade(Shade {
            rect: Rule {
                x: self.style.page.margins.left + x0,
                y: top - up,
                width: x1 - x0,
                height: par.pitch + up + down,
            },
            gray: self.style.code.shade_gray,
        }));
    }

    /// The grey bars of the quotes around `par`, beside a line whose top is at `top`.
    fn quote_bars(&mut self, par: &Par, top: f32) {
        let style = self.style;
        for &bx in &par.bars {
            self.page.items.push(Item::Shade(Shade {
                rect: Rule {
                    x: style.page.margins.left + bx,
                    y: top,
                    width: style.quote.bar_width,
                    height: par.pitch,
                },
                gray: style.quote.bar_gray,
            }));
        }
    }

    /// The link areas of line `l` (text `size`, baseline `base`), external ones underlined.
    fn links(&mut self, l: &SetLine, size: f32, base: f32) {
        let ml = self.style.page.margins.left;
        for (x0, x1, target) in &l.links {
            let internal = matches!(target, super::LinkTarget::Outline(_));
            self.page.items.push(Item::Link(LinkBox {
                x: ml + x0,
                y: base - EM_ASCENT * size,
                width: x1 - x0,
                height: size,
                target: target.clone(),
            }));
            if !internal {
                // External links are underlined: visible in print, where a box is not.
                self.page.items.push(Item::Shade(Shade {
                    rect: Rule {
                        x: ml + x0,
                        y: base + UNDERLINE_DROP_EM * size,
                        width: x1 - x0,
                        height: UNDERLINE_WEIGHT_EM * size,
                    },
                    gray: self.style.links.underline_gray,
                }));
            }
        }
    }

    /// The strike-through lines of line `l` (baseline `base`).
    fn strikes(&mut self, l: &SetLine, base: f32) {
        let ml = self.style.page.margins.left;
        for &(x0, x1, size) in &l.strikes {
            self.page.items.push(Item::Rule(Rule {
                x: ml + x0,
                y: base - STRIKE_RISE_EM * size,
                width: x1 - x0,
                height: STRIKE_WEIGHT_EM * size,
            }));
        }
    }

    /// Record line `l` of `par` as placed on this page, for tests.
    fn record_line(&mut self, par: &Par, l: &SetLine) {
        let ml = self.style.page.margins.left;
        self.out.line(LineInfo {
            page: self.pages,
            text: l.text.clone(),
            left: ml + l.left,
            right: ml + l.right,
            measure_right: ml + l.measure_right,
            justified: par.align == ParAlign::Justify,
            end: l.end,
        });
    }

    /// Place a line's glyph runs on the page, shifted right by `dx`, on baseline `y`.
    fn push_runs(&mut self, runs: &[LineRun], dx: f32, y: f32) {
        for r in runs {
            let mut glyphs = r.glyphs.clone();
            for g in &mut glyphs {
                g.x += dx;
            }
            self.page.items.push(Item::Text(TextRun {
                face: r.face,
                size: r.size,
                y,
                slant: r.slant,
                glyphs,
            }));
        }
    }

    /// A line's images on baseline `base`, each standing on the bottom of its text's
    /// ideographic em box ([`super::INLINE_IMAGE_DROP_EM`]): one the height of its text
    /// fills the em box, as an ideograph's body does.
    fn line_images(&mut self, images: &[LineImage], base: f32) {
        let ml = self.style.page.margins.left;
        for im in images {
            let bottom = base + super::INLINE_IMAGE_DROP_EM * im.size;
            self.page.items.push(Item::Image(ImageBox {
                x: ml + im.x,
                y: bottom - im.height,
                width: im.width,
                height: im.height,
                image: im.image,
            }));
        }
    }

    /// A list marker (right-aligned half an em left of the text) or a task box.
    fn marker(&mut self, sp: &SetPar, base: f32) {
        let Some(m) = &sp.par.marker else { return };
        let ml = self.style.page.margins.left;
        let s = sp.par.size;
        let text_x = ml + sp.par.indent_left;
        if let Some(ml_line) = &sp.marker {
            let w = ml_line.right - ml_line.left;
            let dx = text_x - Style::LIST_MARKER_GAP_EM * s - w - ml_line.left;
            self.push_runs(&ml_line.runs, dx, base);
        }
        if let Some(depth) = m.bullet {
            let bullet = marks::bullet(depth, text_x, base, s);
            self.page.items.push(Item::Stroke(bullet));
        }
        if let Some(checked) = m.task {
            let strokes = marks::task_box(checked, text_x, base, s);
            self.page
                .items
                .extend(strokes.into_iter().map(Item::Stroke));
        }
    }

    /// A forced page break: a new page unless this one is still empty.
    fn page_break(&mut self) {
        if !self.at_top() || !self.page.items.is_empty() {
            self.new_page();
        }
    }

    /// A horizontal rule in the middle of its space, on the next page when the space does
    /// not fit on this one.
    fn rule(&mut self) {
        let style = self.style;
        let space = style.rule_space();
        if self.y + space > self.body_bottom() + EPS {
            self.new_page();
        }
        let length = style.rule_length();
        self.page.items.push(Item::Rule(Rule {
            x: style.page.margins.left + length,
            y: self.y + space / 2.0,
            width: length,
            height: Style::RULE_WIDTH,
        }));
        self.y += space;
    }

    /// A figure: the image scaled to fit, and its caption below; without an image the
    /// caption (its alt text) is framed in the image's place.
    fn figure(&mut self, image: Option<(usize, f32, f32)>, caption: &SetPar, indent: f32) {
        let cap_h = caption.lines.len() as f32 * caption.par.pitch;
        let fitted = image.map(|(index, w, h)| (index, fit_image(w, h, indent, cap_h, self.style)));
        // The gap between image and caption belongs to the figure: leaving it out of
        // the fit sends a caption alone to the next page.
        let below = match fitted {
            Some(_) if cap_h > 0.0 => self.style.figure_caption_gap() + cap_h,
            _ => cap_h,
        };
        self.figure_top(fitted.map_or(0.0, |(_, (_, h))| h), below);
        if let Some((index, (w, h))) = fitted {
            self.image(index, w, h, indent);
        }
        let (page0, y0) = (self.pages, self.y);
        self.caption(caption);
        if image.is_none() && self.pages == page0 && !caption.lines.is_empty() {
            self.stand_in_frame(caption, y0);
        }
        self.y += caption.par.space_after;
    }

    /// Where a figure starts: on this page when its image (`h` tall, 0 without one) and
    /// what comes below it (`below`: the caption gap and caption) fit below the space
    /// before it, else at the next page's top.
    fn figure_top(&mut self, h: f32, below: f32) {
        let space = self.style.figure_space_before();
        if self.y + space + h + below > self.body_bottom() + EPS && !self.at_top() {
            self.new_page();
        }
        if !self.at_top() {
            self.y += space;
        }
    }

    /// Image `index`, `w` × `h` as fitted, centred in the measure `indent` points in, at
    /// the current y; the caption gap below it.
    fn image(&mut self, index: usize, w: f32, h: f32, indent: f32) {
        let style = self.style;
        let measure =
            self.layout.width - style.page.margins.left - style.page.margins.right - indent;
        self.page.items.push(Item::Image(ImageBox {
            x: style.page.margins.left + indent + (measure - w) / 2.0,
            y: self.y,
            width: w,
            height: h,
            image: index,
        }));
        self.y += h + style.figure_caption_gap();
    }

    /// A figure's caption lines; a line whose notes do not fit under it goes to the next
    /// page.
    fn caption(&mut self, caption: &SetPar) {
        for li in 0..caption.lines.len() {
            if !self.book(caption.par.pitch, &caption.lines[li].notes) {
                self.new_page();
                self.book(caption.par.pitch, &caption.lines[li].notes);
            }
            self.place(caption, li, true);
        }
    }

    /// The frame around the alt text in a missing image's place (a stand-in), from `y0`
    /// down to the current y.
    fn stand_in_frame(&mut self, caption: &SetPar, y0: f32) {
        let ml = self.style.page.margins.left;
        let pad = STAND_IN_PAD_EM * caption.par.size;
        let x0 = caption
            .lines
            .iter()
            .map(|l| l.left)
            .fold(f32::MAX, f32::min);
        let x1 = caption.lines.iter().map(|l| l.right).fold(0.0, f32::max);
        let (x0, x1) = (ml + x0 - pad, ml + x1 + pad);
        let (y0, y1) = (y0 - STAND_IN_PAD_Y * pad, self.y + STAND_IN_PAD_Y * pad);
        self.page.items.push(Item::Stroke(Stroke {
            points: vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
            closed: true,
            width: Style::FRAME_WIDTH,
        }));
    }

    /// A paragraph, the blocks `following` it in view: its space before (none at a page
    /// top), on a new page when it is a heading that would not keep with what follows,
    /// then its lines, as many on each page as may go there.
    fn par(&mut self, sp: &SetPar, following: &[SetBlock]) {
        let par = &sp.par;
        let n = sp.lines.len();
        let mut space = if self.at_top() { 0.0 } else { par.space_before };
        if par.keep_with_next {
            let own = space + n as f32 * par.pitch + par.space_after;
            let room = self.body_bottom() + EPS - self.y;
            let mut need = kept_height(own, following, room, self.style);
            let page = self.bottom - self.top;
            if need > room && kept_height(own, following, page, self.style) > page {
                // A run of headings taller than a page cannot be kept together: each
                // keeps with the block after it only (not each on a page of its own).
                need = own + next_lead(following, self.style);
            }
            if need > room && !self.at_top() {
                self.new_page();
                space = 0.0;
            }
        }
        self.y += space;
        if n == 0 {
            // An empty heading still gets its outline entry.
            self.outline(par);
        }
        // The shading's padding above the first line and below the last stays in the text
        // area: a shaded block starting a page moves down by it, and its last line needs
        // room for it.
        let pad = if par.shade.is_some() {
            Style::CODE_SHADE_PAD_EM * par.size
        } else {
            0.0
        };
        let mut i = 0;
        while i < n {
            // (Measured before the padding moves y off the page top.)
            let at_top = self.at_top();
            if i == 0 && at_top && self.y + pad + par.pitch <= self.body_bottom() + EPS {
                self.y += pad;
            }
            let take = self.lines_here(par, i, n - i, pad, at_top);
            i += self.place_lines(sp, i, take);
            if i < n {
                self.new_page();
            }
        }
        self.y += par.space_after;
    }

    /// How many of the `rest` lines of `par` from line `i` go on this page (`at_top`: the
    /// page was empty): as many as fit, the last one only with room for the shading's
    /// padding `pad` below it, adjusted against widows and orphans.
    fn lines_here(&self, par: &Par, i: usize, rest: usize, pad: f32, at_top: bool) -> usize {
        let fit = |h: f32| ((h - self.y + EPS) / par.pitch).floor().max(0.0) as usize;
        let mut avail = fit(self.body_bottom());
        if avail >= rest && fit(self.body_bottom() - pad) < rest {
            avail = rest - 1;
        }
        if self.style.body.widow_control {
            keep_widows_and_orphans(avail, i, rest, at_top)
        } else if avail == 0 && at_top {
            1
        } else {
            avail.min(rest)
        }
    }

    /// Place lines `i..i + take` of `sp` from the current y, stopping before a line whose
    /// footnotes do not fit under it; how many were placed.
    fn place_lines(&mut self, sp: &SetPar, i: usize, take: usize) -> usize {
        let mut placed = 0;
        for (k, l) in sp.lines.iter().enumerate().skip(i).take(take) {
            // A line whose footnotes do not fit under it goes to the next page.
            if !self.book(sp.par.pitch, &l.notes) {
                break;
            }
            if k == 0 {
                self.outline(&sp.par);
            }
            self.place(sp, k, true);
            placed += 1;
        }
        placed
    }

    /// The outline entry of `par` when it is a heading, at the current y.
    fn outline(&mut self, par: &Par) {
        if let Some((level, title)) = &par.outline {
            self.layout.outline.push(OutlineEntry {
                level: *level,
                title: title.clone(),
                page: self.pages,
                y: self.y,
            });
        }
    }

    /// Place a table row (or the part of it from line `from`, `n` lines) at the current y.
    fn place_row(&mut self, t: &SetTable, row: &SetRow, from: usize, n: usize, header: bool) {
        let pad = super::table::CELL_PAD_Y * t.size;
        let top = self.y;
        if header {
            // The header on a light ground.
            let ml = self.style.page.margins.left;
            self.page.items.push(Item::Shade(Shade {
                rect: Rule {
                    x: ml + t.cols[0],
                    y: top,
                    width: t.cols[t.cols.len() - 1] - t.cols[0],
                    height: 2.0 * pad + n as f32 * t.pitch,
                },
                gray: self.style.code.shade_gray,
            }));
        }
        for cell in &row.cells {
            self.y = top + pad;
            for li in from..(from + n).min(cell.lines.len()) {
                // Notes referred to in cells go to this page's foot, or the next one's
                // when this foot is full.
                let ns = cell.lines[li].notes.clone();
                if !self.book(0.0, &ns) {
                    self.foot.defer(&ns);
                }
                self.place(cell, li, true);
            }
        }
        self.y = top + 2.0 * pad + n as f32 * t.pitch;
    }

    /// A horizontal rule across the table at the current y.
    fn table_rule(&mut self, t: &SetTable, weight: f32) {
        let ml = self.style.page.margins.left;
        self.page.items.push(Item::Rule(Rule {
            x: ml + t.cols[0],
            y: self.y - weight / 2.0,
            width: t.cols[t.cols.len() - 1] - t.cols[0],
            height: weight,
        }));
    }

    /// The hairline between two body rows at the current y.
    fn row_hairline(&mut self, t: &SetTable) {
        let hair = self.style.tables.rule_hair;
        let ml = self.style.page.margins.left;
        self.page.items.push(Item::Shade(Shade {
            rect: Rule {
                x: ml + t.cols[0],
                y: self.y - hair / 2.0,
                width: t.cols[t.cols.len() - 1] - t.cols[0],
                height: hair,
            },
            gray: self.style.tables.hair_gray,
        }));
    }

    /// The start of a table on a page: the heavy top rule, and the header with the light
    /// rule under it.
    fn table_head(&mut self, t: &SetTable, header: Option<&SetRow>) {
        let heavy = self.style.tables.rule_heavy;
        self.y += heavy / 2.0;
        self.table_rule(t, heavy);
        if let Some(h) = header {
            self.place_row(t, h, 0, h.lines(), true);
            self.table_rule(t, self.style.tables.rule_light);
        }
    }

    /// The table's end on this page (heavy rule) and its start on the next one.
    fn table_page_turn(&mut self, t: &SetTable, header: Option<&SetRow>) {
        self.table_rule(t, self.style.tables.rule_heavy);
        self.new_page();
        self.table_head(t, header);
    }

    /// How many of the `rest` lines of a table row go on this page, under a header
    /// `header_h` tall on every page: all when they fit; none when the row fits on a page
    /// of its own (it moves there whole) or nothing fits here; else what fits.
    fn row_lines_here(&self, t: &SetTable, rest: usize, header_h: f32) -> usize {
        let pad = super::table::CELL_PAD_Y * t.size;
        let heavy = self.style.tables.rule_heavy;
        let room = self.body_bottom() - self.y - 2.0 * pad - heavy;
        let fit = ((room + EPS) / t.pitch).floor().max(0.0) as usize;
        // A whole row moves to the next page when it fits there; only a row taller than a
        // page is split.
        let page_rows = ((self.bottom - self.top - header_h - 2.0 * pad - 2.0 * heavy) / t.pitch)
            .floor() as usize;
        if fit >= rest {
            rest
        } else if rest <= page_rows || fit == 0 {
            0
        } else {
            fit
        }
    }

    /// A table: three-line style (三线表) — heavy rules above and below, a light one under
    /// the header — with hairlines between body rows; the header repeats on every page the
    /// table runs onto; a row taller than what is left of a page continues on the next
    /// one, line by line, so no text is lost.
    fn table(&mut self, t: &SetTable) {
        let pad = super::table::CELL_PAD_Y * t.size;
        let heavy = self.style.tables.rule_heavy;
        let header = if t.header { t.rows.first() } else { None };
        let header_h = header.map_or(0.0, |h| 2.0 * pad + h.lines() as f32 * t.pitch);
        let body: &[SetRow] = if t.header { &t.rows[1..] } else { &t.rows };
        // The table starts where its header and first row fit.
        let first_h = body
            .first()
            .map_or(0.0, |r| 2.0 * pad + r.lines() as f32 * t.pitch);
        if self.y + heavy + header_h + first_h > self.body_bottom() + EPS && !self.at_top() {
            self.new_page();
        }
        if !self.at_top() {
            self.y += self.style.table_space();
        }
        self.table_head(t, header);
        for (ri, row) in body.iter().enumerate() {
            let total = row.lines();
            let mut from = 0;
            while from < total {
                let n = self.row_lines_here(t, total - from, header_h);
                if n == 0 {
                    self.table_page_turn(t, header);
                    continue;
                }
                if ri > 0 && from == 0 {
                    self.row_hairline(t);
                }
                self.place_row(t, row, from, n, false);
                from += n;
                if from < total {
                    self.table_page_turn(t, header);
                }
            }
        }
        self.table_rule(t, heavy);
        self.y += heavy / 2.0 + self.style.table_space();
    }
}

/// How many of the `rest` lines from line `i` go on a page with room for `avail` lines:
/// all when they fit; else fewer, so that the paragraph leaves neither its last line alone
/// at the next page's top (a widow) nor its first line alone at this page's bottom (an
/// orphan), but on a page that was empty (`at_top`) what fits, at least one line.
fn keep_widows_and_orphans(avail: usize, i: usize, rest: usize, at_top: bool) -> usize {
    let mut take = avail.min(rest);
    if take == rest {
        return take;
    }
    // Widow: never leave a paragraph's last line alone at a page top.
    if rest - take == 1 && take > 1 {
        take -= 1;
    }
    // Orphan: never leave its first line alone at a page bottom.
    if take == 1 && i == 0 && rest > 1 {
        take = 0;
    }
    if take == 0 && at_top {
        take = avail.clamp(1, rest);
    }
    take
}

/// The room a kept paragraph (a heading) that needs `own` itself must find on its page:
/// with the next paragraph's first `KEEP_LINES` lines (or all of it when shorter),
/// following any further kept paragraphs, or with the start of a table or figure
/// (`lead_height`). Counted only until it exceeds `room` (the answer is then known: a
/// long run of headings is not rescanned for each of them).
fn kept_height(own: f32, following: &[SetBlock], room: f32, style: &Style) -> f32 {
    let mut need = own;
    for next in following {
        if need > room {
            break;
        }
        let np = match next {
            SetBlock::Par(np) => np,
            other => {
                need += lead_height(other, style);
                break;
            }
        };
        let k = if np.par.keep_with_next {
            np.lines.len()
        } else {
            np.lines.len().min(KEEP_LINES)
        };
        need += np.par.space_before + k as f32 * np.par.pitch;
        if !np.par.keep_with_next {
            break;
        }
        need += np.par.space_after;
    }
    need
}

/// The room the first of `following` needs on a heading's page, as if nothing further
/// were kept with it: its first `KEEP_LINES` lines, or the start of a table or figure.
fn next_lead(following: &[SetBlock], style: &Style) -> f32 {
    match following.first() {
        Some(SetBlock::Par(np)) => {
            np.par.space_before + np.lines.len().min(KEEP_LINES) as f32 * np.par.pitch
        }
        Some(other) => lead_height(other, style),
        None => 0.0,
    }
}

/// The height a kept paragraph adds to what the heading before it keeps with: the whole
/// of it (as [`kept_height`] counts it); nothing for other blocks.
fn kept_share(block: &SetBlock) -> f32 {
    match block {
        SetBlock::Par(np) if np.par.keep_with_next => {
            np.par.space_before + np.lines.len() as f32 * np.par.pitch + np.par.space_after
        }
        _ => 0.0,
    }
}

/// An image's size scaled down (never up) to fit the column and the page with its
/// caption of height `cap_h`.
pub(crate) fn fit_image(w: f32, h: f32, indent: f32, cap_h: f32, style: &Style) -> (f32, f32) {
    let measure = style.measure() - indent;
    let max_h = style.text_height() * IMAGE_MAX_HEIGHT - cap_h;
    let k = (measure / w).min(max_h / h).min(1.0);
    (w * k, h * k)
}

/// The height a heading must find below it for a table or figure that follows: the
/// table's top rule, header and first row; the image and the first caption line.
fn lead_height(block: &SetBlock, style: &Style) -> f32 {
    match block {
        SetBlock::Table(t) => {
            let pad = super::table::CELL_PAD_Y * t.size;
            let rows = usize::from(t.header) + 1;
            let lines: usize = t.rows.iter().take(rows).map(SetRow::lines).sum();
            style.table_space()
                + 2.0 * style.tables.rule_heavy
                + rows as f32 * 2.0 * pad
                + lines as f32 * t.pitch
        }
        SetBlock::Figure {
            image,
            caption,
            indent,
        } => {
            let cap_h = caption.lines.len() as f32 * caption.par.pitch;
            let img = image.map_or(0.0, |(_, w, h)| fit_image(w, h, *indent, cap_h, style).1);
            style.figure_space_before() + img + style.figure_caption_gap() + caption.par.pitch
        }
        _ => 0.0,
    }
}

/// Flow `blocks` onto pages, with the footnotes `notes` (note n is `notes[n]`) at the foot
/// of the page where they are referred to, handing each finished page (with its number) to
/// `out`. The blocks are taken from the iterator as they are placed, and only as many
/// ahead as a heading needs to see what it keeps with, so that a long document is never
/// held set whole. The page numbers are set in faces of `fonts`, which the layout keeps
/// (its face ids are ids in it); their warnings go to `diag`.
pub(crate) fn paginate(
    mut blocks: impl Iterator<Item = SetBlock>,
    notes: &[Vec<SetPar>],
    (style, fonts): (&Style, &Arc<Book>),
    out: &mut dyn PageSink,
    diag: &mut Diagnostics,
) -> Layout {
    let mut f = Flow::new(style, notes, fonts, (out, diag));
    let mut ahead: VecDeque<SetBlock> = VecDeque::new();
    loop {
        if ahead.is_empty() {
            ahead.extend(blocks.next());
        }
        let Some(block) = ahead.pop_front() else {
            break;
        };
        if matches!(&block, SetBlock::Par(sp) if sp.par.keep_with_next) {
            // What `kept_height` looks at: the kept paragraphs that follow and the block
            // after them, as far as they would fill a page (it stops there too).
            let page = f.bottom - f.top;
            let mut height: f32 = ahead.iter().map(kept_share).sum();
            loop {
                let kept = match ahead.back() {
                    None => true,
                    Some(SetBlock::Par(np)) => np.par.keep_with_next,
                    Some(_) => false,
                };
                if !kept || height > page {
                    break;
                }
                let Some(next) = blocks.next() else { break };
                height += kept_share(&next);
                ahead.push_back(next);
            }
        }
        match block {
            SetBlock::PageBreak => f.page_break(),
            SetBlock::Rule => f.rule(),
            SetBlock::Table(t) => f.table(&t),
            SetBlock::Figure {
                image,
                caption,
                indent,
            } => f.figure(image, &caption, indent),
            SetBlock::Par(sp) => f.par(&sp, ahead.make_contiguous()),
        }
    }
    f.finish()
}

/// Page `p`'s (from 0) number below the text block: centred, on the outer side (odd
/// pages right, even pages left) or right, as the style places it.
fn page_number(
    page: &mut Page,
    p: usize,
    (style, layout): (&Style, &Layout),
    diag: &mut Diagnostics,
) {
    if style.page_numbers.format.is_empty() {
        return;
    }
    let size = style.page_numbers.size;
    let base = layout.height - style.page.margins.bottom + style.page_numbers.gap;
    let text = style
        .page_numbers
        .format
        .replace("{n}", &(p + 1).to_string());
    let inset = style.page_numbers.inset * style.em();
    let odd = p.is_multiple_of(2);
    let (align, left, right) = match style.page_numbers.place {
        PageNumberPlace::Center => (ParAlign::Center, 0.0, 0.0),
        PageNumberPlace::Right => (ParAlign::Right, 0.0, inset),
        PageNumberPlace::Outside if odd => (ParAlign::Right, 0.0, inset),
        PageNumberPlace::Outside => (ParAlign::Left, inset, 0.0),
    };
    let mut par = Par::plain(style, align, size);
    par.pitch = size;
    par.indent_left = left;
    par.indent_right = right;
    par.spans = vec![Span::new(SpanKind::Text(text), Role::PageNumber, size)];
    for l in line::set_paragraph(&par, style, &layout.fonts, diag) {
        for r in l.runs {
            let mut glyphs = r.glyphs;
            for g in &mut glyphs {
                g.x += style.page.margins.left;
            }
            page.items.push(Item::Text(TextRun {
                face: r.face,
                size: r.size,
                y: base,
                slant: false,
                glyphs,
            }));
        }
    }
}
