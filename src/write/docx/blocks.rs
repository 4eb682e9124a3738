//! The block walk: the tree's blocks → body items, with the [`Ctx`] of the blocks around.

use super::model::{BodyItem, PChild, Para, RChild, Run};
use super::props::{twips, Ind, Jc, LineRule, PPr, RPr, Spacing};
use super::runs::RunEnv;
use super::styles::{self, id};
use super::{Ctx, Writer};
use crate::doc::{
    Block, Document, Figure, Heading, Inline, List, ListKind, Paragraph, ParagraphRole,
};

impl<'d> Writer<'d, '_> {
    /// The body: the title block, the contents, the blocks, then any footnote never
    /// referred to (its text kept, marked with its label).
    pub fn document(
        &mut self,
        doc: &'d Document,
        contents: Option<&[(u8, String, usize)]>,
    ) -> Vec<BodyItem> {
        let mut out = Vec::new();
        self.title_block(&mut out, doc);
        if let Some(entries) = contents.filter(|e| !e.is_empty()) {
            self.contents(&mut out, entries);
        }
        self.blocks(&mut out, &doc.blocks, Ctx::default());
        for def in self.notes.unreferenced() {
            let ctx = Ctx {
                in_note: true,
                ..Ctx::default()
            };
            let start = out.len();
            self.blocks(&mut out, &def.blocks, ctx);
            let mark = Run::text(RPr::default(), &format!("[{}]\t", def.label));
            self.use_body_chars(&format!("[{}]", def.label));
            self.mark_first(&mut out, start, mark);
        }
        if out.is_empty() {
            // Word wants at least one paragraph in the body.
            out.push(BodyItem::P(Para::default()));
        }
        out
    }

    /// Put `mark` at the start of the first paragraph from `start` on (adding one when
    /// there is none).
    pub fn mark_first(&mut self, out: &mut Vec<BodyItem>, start: usize, mark: Run) {
        match out.get_mut(start) {
            Some(BodyItem::P(p)) => p.content.insert(0, PChild::Run(mark)),
            _ => {
                let p = Para {
                    ppr: PPr::styled(id::FOOTNOTE_TEXT),
                    content: vec![PChild::Run(mark)],
                };
                out.insert(start, BodyItem::P(p));
            }
        }
    }

    /// Add a paragraph, with any page break or space that a previous block left pending.
    pub fn push_para(&mut self, out: &mut Vec<BodyItem>, mut p: Para) {
        if out.is_empty() || self.page_break_pending {
            // At the top of a page the PDF drops the space above; LibreOffice keeps it at
            // the start of the document and after a page break.
            p.ppr.spacing.before = Some(0);
            self.space_pending = 0.0;
        }
        if self.page_break_pending {
            p.ppr.page_break_before = true;
            self.page_break_pending = false;
        }
        if self.space_pending > 0.0 {
            p.ppr.spacing.before = Some(self.space_of(&p.ppr, true) + twips(self.space_pending));
            self.space_pending = 0.0;
        }
        // Space below a paragraph and above the next is one gap, the sum (as the PDF sets
        // it): written as the next one's space above, since Word adds the two but
        // LibreOffice takes the larger.
        if let Some(BodyItem::P(prev)) = out.last_mut() {
            let after = self.space_of(&prev.ppr, false);
            let before = self.space_of(&p.ppr, true);
            if after > 0 && before > 0 {
                prev.ppr.spacing.after = Some(0);
                p.ppr.spacing.before = Some(after + before);
            }
        }
        out.push(BodyItem::P(p));
    }

    /// The space in twips above (`before`) or below a paragraph: its own, else its style's.
    pub fn space_of(&self, ppr: &PPr, before: bool) -> i32 {
        let own = if before {
            ppr.spacing.before
        } else {
            ppr.spacing.after
        };
        own.unwrap_or_else(|| twips(self.style_space(ppr.style, before)))
    }

    /// The space a paragraph style puts above (`before`) or below its paragraphs, in points.
    pub fn style_space(&self, style_id: Option<&'static str>, before: bool) -> f32 {
        let s = self.style;
        match style_id {
            Some(sid) if id::HEADINGS.contains(&sid) => {
                let level = id::HEADINGS.iter().position(|h| *h == sid).unwrap_or(0) as u8 + 1;
                let h = s.heading(level);
                s.space(if before {
                    h.space_before
                } else {
                    h.space_after
                })
            }
            Some(id::CODE) => styles::code_outer_space(s),
            Some(id::FIGURE) if before => s.figure_space_before(),
            Some(id::FIGURE) => s.figure_caption_gap(),
            Some(id::CAPTION) if !before => s.figure_space_after(),
            Some(id::RULE) if !before => s.rule_space() / 2.0,
            Some(id::TOC_HEADING) if !before => s.toc_head_space(),
            _ => 0.0,
        }
    }

    /// Title, subtitle, authors and date, centred; the last line keeps the space below
    /// the block.
    fn title_block(&mut self, out: &mut Vec<BodyItem>, doc: &Document) {
        let m = &doc.meta;
        let mut lines: Vec<(&'static str, String)> = Vec::new();
        if let Some(t) = &m.title {
            lines.push((id::TITLE, t.clone()));
        }
        if let Some(t) = &m.subtitle {
            lines.push((id::SUBTITLE, t.clone()));
        }
        if !m.authors.is_empty() {
            lines.push((id::AUTHOR, m.authors.join("　")));
        }
        if let Some(d) = &m.date {
            lines.push((id::DATE, d.clone()));
        }
        let n = lines.len();
        for (i, (sid, text)) in lines.into_iter().enumerate() {
            let mut ppr = PPr::styled(sid);
            if i + 1 == n {
                ppr.keep_next = Some(false);
                ppr.spacing.after = Some(twips(self.style.space(self.style.title.space_after)));
            }
            let env = self.env_for(sid, &text);
            let content = self.runs(&[Inline::text(text)], &env);
            self.push_para(out, Para { ppr, content });
        }
    }

    /// The contents: a TOC field whose result is already the PDF's entries and page
    /// numbers, each linked to its heading; then a page break.
    fn contents(&mut self, out: &mut Vec<BodyItem>, entries: &[(u8, String, usize)]) {
        let head = "目录";
        let env = self.env_for(id::TOC_HEADING, head);
        let content = self.runs(&[Inline::text(head)], &env);
        self.push_para(
            out,
            Para {
                ppr: PPr::styled(id::TOC_HEADING),
                content,
            },
        );
        let n = entries.len();
        for (k, (level, text, page)) in entries.iter().enumerate() {
            let sid = id::TOCS[usize::from(level.clamp(&1, &6) - 1)];
            let env = self.env_for(sid, text);
            let mut content = Vec::new();
            if k == 0 {
                for c in [
                    RChild::Field(super::model::FieldChar::Begin),
                    RChild::Instr(" TOC \\o \"1-6\" \\h \\z \\u ".into()),
                    RChild::Field(super::model::FieldChar::Separate),
                ] {
                    content.push(PChild::Run(Run::of(RPr::default(), c)));
                }
            }
            let mut runs: Vec<Run> = self
                .runs(&[Inline::text(text.clone())], &env)
                .into_iter()
                .filter_map(|c| match c {
                    PChild::Run(r) => Some(r),
                    _ => None,
                })
                .collect();
            runs.push(Run::of(RPr::default(), RChild::Tab));
            let number = page.to_string();
            self.use_chars(&env.fonts, env.bold, &number);
            runs.push(Run::text(RPr::default(), &number));
            content.push(PChild::Link(super::model::Link {
                target: super::model::LinkTarget::Anchor(format!("_Toc{k}")),
                tooltip: None,
                runs,
            }));
            if k + 1 == n {
                content.push(PChild::Run(Run::of(
                    RPr::default(),
                    RChild::Field(super::model::FieldChar::End),
                )));
            }
            self.push_para(
                out,
                Para {
                    ppr: PPr::styled(sid),
                    content,
                },
            );
        }
        self.page_break_pending = true;
    }

    /// Blocks in `ctx`.
    pub fn blocks(&mut self, out: &mut Vec<BodyItem>, bs: &'d [Block], ctx: Ctx) {
        let mut i = 0;
        let mut prev_code = false;
        while i < bs.len() {
            let block = &bs[i];
            let is_code = matches!(block, Block::CodeBlock(_) | Block::Raw(_));
            if is_code && prev_code {
                // Two code blocks stay two (Word and pandoc merge touching ones).
                self.separator(out);
            }
            prev_code = is_code;
            match block {
                Block::Heading(h) if h.run_in && !ctx.in_note => {
                    let next = match bs.get(i + 1) {
                        Some(Block::Paragraph(p)) => {
                            i += 1;
                            Some(p)
                        }
                        _ => None,
                    };
                    self.run_in(out, h, next, ctx);
                }
                Block::Heading(h) => self.heading(out, h, ctx),
                Block::Paragraph(p) => {
                    let style = self.style;
                    let book = self.fonts;
                    let width = |t: &str| crate::layout::body_text_width(t, style, book);
                    let place = crate::style::official_place(bs, i, style, &width);
                    self.paragraph(out, p, ctx, place);
                }
                Block::List(l) => self.list(out, l, ctx),
                Block::BlockQuote { blocks } => {
                    let inner = Ctx {
                        indent: ctx.indent + self.style.quote.indent * self.style.body.size,
                        quote_depth: ctx.quote_depth + 1,
                        in_item: false,
                        ..ctx
                    };
                    self.blocks(out, blocks, inner);
                }
                Block::CodeBlock(c) => self.code(out, &c.text, ctx),
                // Raw blocks (HTML) are shown as code, as in the PDF: never dropped.
                Block::Raw(r) => self.code(out, &r.text, ctx),
                Block::Table(t) => self.table(out, t, ctx),
                Block::Figure(f) => self.figure(out, f, ctx),
                Block::ThematicBreak => {
                    let content = Vec::new();
                    self.push_para(
                        out,
                        Para {
                            ppr: PPr::styled(id::RULE),
                            content,
                        },
                    );
                }
                Block::PageBreak => self.page_break_pending = true,
                // Written where they are referred to (`notes.rs`).
                Block::FootnoteDef(_) => {}
            }
            i += 1;
        }
    }

    /// An empty hairline paragraph that keeps two shaded blocks apart.
    fn separator(&mut self, out: &mut Vec<BodyItem>) {
        let ppr = PPr {
            spacing: Spacing {
                before: Some(0),
                after: Some(0),
                line: Some((20, LineRule::Exact)),
            },
            ind: styles::no_indent(),
            ..PPr::default()
        };
        self.push_para(
            out,
            Para {
                ppr,
                content: Vec::new(),
            },
        );
    }

    /// Indent and quote bar of a paragraph in `ctx`; `first_line` keeps the style's
    /// first-line indent.
    pub fn place(&self, ppr: &mut PPr, ctx: Ctx, first_line: bool) {
        if ctx.quote_depth > 0 {
            ppr.borders.left = Some(styles::quote_bar(self.style, ctx.quote_depth));
        }
        if ctx.indent > 0.0 || ctx.quote_depth > 0 || ctx.in_item {
            let base = if first_line {
                styles::body_indent(self.style)
            } else {
                Ind {
                    first_line: Some(0),
                    first_line_chars: Some(0),
                    ..Ind::default()
                }
            };
            ppr.ind = Ind {
                left: Some(twips(ctx.indent)),
                ..base
            };
        }
    }

    /// A stand-alone heading (in a note: a bold paragraph of the note).
    fn heading(&mut self, out: &mut Vec<BodyItem>, h: &Heading, ctx: Ctx) {
        let mut content_inl = Vec::new();
        if let Some(l) = &h.label {
            content_inl.push(Inline::text(l.clone()));
        }
        content_inl.extend(h.content.iter().cloned());
        if ctx.in_note {
            let p = Paragraph::body(vec![Inline::Strong {
                content: content_inl,
            }]);
            self.paragraph(out, &p, ctx, None);
            return;
        }
        let sid = id::HEADINGS[usize::from(h.level.clamp(1, 6) - 1)];
        let mut ppr = PPr::styled(sid);
        if ctx.indent > 0.0 || ctx.quote_depth > 0 {
            self.place(&mut ppr, ctx, false);
        }
        let env = self.env_for(sid, &crate::doc::inlines_text(&content_inl));
        let runs = self.runs(&content_inl, &env);
        let content = self.bookmarked_heading(runs);
        self.push_para(out, Para { ppr, content });
    }

    /// Wrap a heading's runs in its contents bookmark `_Toc{n}`.
    fn bookmarked_heading(&mut self, runs: Vec<PChild>) -> Vec<PChild> {
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        let name = format!("_Toc{}", self.headings);
        self.headings += 1;
        let mut content = vec![PChild::BookmarkStart { id, name }];
        content.extend(runs);
        content.push(PChild::BookmarkEnd { id });
        content
    }

    /// A run-in heading and its paragraph: one paragraph, the lead in the run-in heading
    /// style, as the PDF sets it.
    fn run_in(&mut self, out: &mut Vec<BodyItem>, h: &Heading, body: Option<&Paragraph>, ctx: Ctx) {
        let role = body.map_or(ParagraphRole::Body, |p| p.role);
        let sid = self.role_style(role, ctx);
        let mut ppr = PPr::styled(sid);
        self.place(&mut ppr, ctx, !ctx.in_item);
        let mut lead = Vec::new();
        if let Some(l) = &h.label {
            lead.push(Inline::text(l.clone()));
        }
        lead.extend(h.content.iter().cloned());
        let all_text = format!(
            "{}{}",
            crate::doc::inlines_text(&lead),
            body.map(|p| crate::doc::inlines_text(&p.content))
                .unwrap_or_default()
        );
        let mut lead_env = self.env_for(sid, &all_text);
        let level = h.level.clamp(1, 6);
        lead_env.fonts = self.faces.heading(level).clone();
        lead_env.bold = self.style.heading(level).bold;
        lead_env.rstyle = Some(id::RUN_INS[usize::from(level - 1)]);
        lead_env.plain_face = false;
        let runs = self.runs(&lead, &lead_env);
        let mut content = self.bookmarked_heading(runs);
        if let Some(p) = body {
            let env = self.env_for(sid, &all_text);
            content.extend(self.runs(&p.content, &env));
        }
        self.push_para(out, Para { ppr, content });
    }

    /// The paragraph style for a role in `ctx`.
    fn role_style(&self, role: ParagraphRole, ctx: Ctx) -> &'static str {
        match role {
            ParagraphRole::Body if ctx.in_note => id::FOOTNOTE_TEXT,
            ParagraphRole::Body if ctx.in_item => id::LIST,
            ParagraphRole::Body if ctx.quote_depth > 0 => id::QUOTE,
            ParagraphRole::Body => id::NORMAL,
            ParagraphRole::Addressee => id::ADDRESSEE,
            ParagraphRole::Attachment => id::ATTACHMENT,
            ParagraphRole::Signature => id::SIGNATURE,
            ParagraphRole::Date => id::SIGNATURE_DATE,
            ParagraphRole::Closing => id::CLOSING,
        }
    }

    /// A paragraph in `ctx`; `official` is its place as GB/T 9704 gives it (attachment
    /// note, signature, date), when it has one.
    fn paragraph(
        &mut self,
        out: &mut Vec<BodyItem>,
        p: &Paragraph,
        ctx: Ctx,
        official: Option<crate::style::Place>,
    ) {
        let sid = self.role_style(p.role, ctx);
        let mut ppr = PPr::styled(sid);
        if sid == id::NORMAL {
            // Normal is the default paragraph style.
            ppr.style = None;
        }
        if !ctx.in_note {
            let first_line = matches!(
                p.role,
                ParagraphRole::Body | ParagraphRole::Attachment | ParagraphRole::Closing
            ) && !ctx.in_item;
            self.place(&mut ppr, ctx, first_line);
            if let Some(pl) = official {
                ppr.ind = Ind {
                    left: Some(twips(ctx.indent + pl.left)),
                    right: Some(twips(pl.right)),
                    hanging: (pl.first < 0.0).then(|| twips(-pl.first)),
                    first_line: (pl.first >= 0.0).then(|| twips(pl.first)),
                    first_line_chars: Some(0),
                    ..Ind::default()
                };
            }
        }
        let env = self.env_for(sid, &crate::doc::inlines_text(&p.content));
        let content = self.runs(&p.content, &env);
        self.push_para(out, Para { ppr, content });
    }

    /// A code block (or raw block): the mono face on a shaded ground, lines kept, tabs
    /// expanded.
    fn code(&mut self, out: &mut Vec<BodyItem>, text: &str, ctx: Ctx) {
        let s = self.style;
        let mut ppr = PPr::styled(id::CODE);
        if ctx.indent > 0.0 {
            ppr.ind = Ind {
                left: Some(twips(ctx.indent + s.code_pad())),
                right: Some(twips(s.code_pad() + s.code_size())),
                first_line: Some(0),
                first_line_chars: Some(0),
                ..Ind::default()
            };
        }
        let body = text.strip_suffix('\n').unwrap_or(text);
        let lines: Vec<String> = body.split('\n').map(crate::script::expand_tabs).collect();
        let joined = lines.join("\n");
        let env = self.env_for(id::CODE, &joined);
        let content = self.runs(&[Inline::text(joined)], &env);
        self.push_para(out, Para { ppr, content });
    }

    /// A list: each item's blocks indented by the hang, its marker hanging in it from
    /// `numbering.xml`; loose lists get space between items.
    fn list(&mut self, out: &mut Vec<BodyItem>, list: &'d List, ctx: Ctx) {
        let s = self.style;
        let (last, bullet) = match list.kind {
            ListKind::Bullet => (None, true),
            ListKind::Ordered { start } => {
                (Some(start.saturating_add(list.items.len() as u64)), false)
            }
        };
        let hang = s.list_hang(last);
        let inner = Ctx {
            indent: ctx.indent + hang,
            list_depth: ctx.list_depth + 1,
            bullet_depth: ctx.bullet_depth + u32::from(bullet),
            in_item: true,
            ..ctx
        };
        let list_num = match list.kind {
            ListKind::Bullet => self.numbering.bullet(),
            ListKind::Ordered { start } => self.numbering.ordered(ctx.list_depth.min(8), start),
        };
        let gap = twips(s.lists.loose_space * s.line_pitch());
        for (k, item) in list.items.iter().enumerate() {
            let (num, lvl) = match item.task {
                Some(done) => (self.numbering.task(done), 0),
                None if bullet => (list_num, ctx.bullet_depth.min(8)),
                None => (list_num, ctx.list_depth.min(8)),
            };
            let start = out.len();
            self.blocks(out, &item.blocks, inner);
            let marked = matches!(out.get(start), Some(BodyItem::P(p)) if p.ppr.num.is_none() && p.ppr.style != Some(id::CODE));
            if !marked {
                let mut ppr = PPr::styled(id::LIST);
                self.place(&mut ppr, inner, false);
                out.insert(
                    start,
                    BodyItem::P(Para {
                        ppr,
                        content: Vec::new(),
                    }),
                );
            }
            if let Some(BodyItem::P(p)) = out.get_mut(start) {
                p.ppr.num = Some((lvl, num));
                // The marker ends half an em before the text, as in the PDF (the
                // numbering right-aligns it there; a tab takes the text to its indent).
                p.ppr.ind = Ind {
                    left: Some(twips(inner.indent)),
                    hanging: Some(twips(super::numbering::marker_gap(s))),
                    ..Ind::default()
                };
            }
            if !list.tight {
                // Loose lists: space above every paragraph of an item but the list's first.
                let mut first = true;
                for item in &mut out[start..] {
                    if let BodyItem::P(p) = item {
                        if !(first && k == 0) {
                            let b = p.ppr.spacing.before.unwrap_or(0).max(gap);
                            p.ppr.spacing.before = Some(b);
                        }
                        first = false;
                    }
                }
            }
        }
    }

    /// A figure: the image centred, its caption below; a missing image's alt text framed
    /// in its place.
    fn figure(&mut self, out: &mut Vec<BodyItem>, f: &'d Figure, ctx: Ctx) {
        let caption: &[Inline] = if f.caption.is_empty() {
            &f.image.alt
        } else {
            &f.caption
        };
        let cap_text = crate::doc::inlines_text(caption);
        let cap_h = if cap_text.is_empty() {
            0.0
        } else {
            self.style.pitch_for(self.style.caption_size())
        };
        let drawing = self.image(
            &f.image,
            super::media::Placement::Figure {
                indent: ctx.indent,
                caption_h: cap_h,
            },
        );
        let env = self.env_for(id::CAPTION, &cap_text);
        match drawing {
            Some(d) => {
                let mut ppr = PPr::styled(id::FIGURE);
                if ctx.indent > 0.0 {
                    ppr.ind.left = Some(twips(ctx.indent));
                }
                let run = Run::of(RPr::default(), RChild::Drawing(d));
                self.push_para(
                    out,
                    Para {
                        ppr,
                        content: vec![PChild::Run(run)],
                    },
                );
                if !cap_text.is_empty() {
                    let mut ppr = PPr::styled(id::CAPTION);
                    if ctx.indent > 0.0 {
                        ppr.ind.left = Some(twips(ctx.indent));
                    }
                    let content = self.runs(caption, &env);
                    self.push_para(out, Para { ppr, content });
                }
            }
            None => {
                let mut ppr = PPr::styled(id::CAPTION);
                ppr.spacing.before = Some(twips(self.style.figure_space_before()));
                if ctx.indent > 0.0 {
                    ppr.ind.left = Some(twips(ctx.indent));
                }
                let shown: Vec<Inline> = if cap_text.is_empty() {
                    vec![Inline::Code {
                        text: format!("[{}]", f.image.url),
                    }]
                } else {
                    caption.to_vec()
                };
                let mut env = env;
                env.frame = true;
                let content = self.runs(&shown, &env);
                self.push_para(out, Para { ppr, content });
            }
        }
    }

    /// The run environment of a paragraph of style `sid` holding `text`.
    pub fn env_for(&self, sid: &'static str, text: &str) -> RunEnv {
        let f = &self.faces;
        let heading = id::HEADINGS.iter().position(|h| *h == sid);
        let (fonts, bold) = match sid {
            id::TITLE => (f.title.clone(), self.style.title.bold),
            id::SUBTITLE => (f.subtitle.clone(), true),
            id::TOC_HEADING => (f.heading(1).clone(), true),
            _ if heading.is_some() => {
                let level = heading.unwrap_or(0) as u8 + 1;
                (f.heading(level).clone(), self.style.heading(level).bold)
            }
            id::CODE => (f.code.clone(), false),
            id::TABLE_HEADING => (f.body.clone(), true),
            s if s == id::TOCS[0] => (f.body.clone(), true),
            _ => (f.body.clone(), false),
        };
        let plain_face = !(bold
            || sid == id::CODE
            || sid == id::TITLE
            || sid == id::SUBTITLE
            || heading.is_some());
        RunEnv {
            fonts,
            bold,
            size: None,
            cjk: text.chars().any(crate::script::is_han),
            plain_face,
            rstyle: None,
            frame: false,
        }
    }
}

impl Jc {
    /// The alignment of a table column.
    pub fn of(a: crate::doc::Align) -> Jc {
        match a {
            crate::doc::Align::Center => Jc::Center,
            crate::doc::Align::Right => Jc::Right,
            _ => Jc::Left,
        }
    }
}
