//! Footnotes: written when their first reference is met (`runs.rs`), numbered by
//! [`crate::doc::Notes`] like the PDF's; `word/footnotes.xml` and the footer part.

use super::model::{write_items, write_para, BodyItem, FieldChar, PChild, Para, RChild, Run};
use super::props::{twips, Jc, PPr, RPr, Spacing, VertAlign};
use super::styles::{self, id};
use super::xml::{Xml, NS_DRAWING, NS_R, NS_W};
use super::{Ctx, Part, Writer};
use crate::style::PageNumberPlace;

impl<'d> Writer<'d, '_> {
    /// Write the text of note `n` (from 1), then that of any note referred to only from
    /// inside it.
    pub fn write_note(&mut self, n: usize) {
        let part = std::mem::replace(&mut self.part, Part::Footnotes);
        let outer_nested = std::mem::take(&mut self.nested_notes);
        let mut items = self.note_items(n);
        let mut k = 0;
        while k < self.nested_notes.len() {
            let m = self.nested_notes[k];
            let more = self.note_items(m);
            items.extend(more);
            k += 1;
        }
        self.nested_notes = outer_nested;
        self.note_bodies[n - 1] = Some(items);
        self.part = part;
    }

    /// The paragraphs of note `n`, the first starting with its number.
    fn note_items(&mut self, n: usize) -> Vec<BodyItem> {
        let def = self.notes.numbered()[n - 1];
        let ctx = Ctx {
            in_note: true,
            ..Ctx::default()
        };
        let mut items = Vec::new();
        self.blocks(&mut items, &def.blocks, ctx);
        // The number as the PDF sets it: not raised, hanging in the indent.
        let rpr = RPr {
            style: Some(id::FOOTNOTE_REF),
            vert_align: Some(VertAlign::Baseline),
            ..RPr::default()
        };
        let number = n.to_string();
        self.use_body_chars(&number);
        let mark = if self.notes.in_body(n) {
            Run {
                rpr,
                content: vec![RChild::FootnoteRef, RChild::Tab],
            }
        } else {
            Run::text(RPr::default(), &format!("{number}\t"))
        };
        self.mark_first(&mut items, 0, mark);
        items
    }

    /// `word/footnotes.xml`: the two separators Word requires, then the notes by id.
    pub fn footnotes(&self) -> String {
        let mut x = Xml::new();
        x.open("w:footnotes")
            .attr("xmlns:w", NS_W)
            .attr("xmlns:r", NS_R);
        for (k, v) in NS_DRAWING {
            x.attr(k, v);
        }
        for (kind, nid, child) in [
            ("separator", "-1", RChild::Separator),
            ("continuationSeparator", "0", RChild::ContinuationSeparator),
        ] {
            x.open("w:footnote").attr("w:type", kind).attr("w:id", nid);
            let p = Para {
                ppr: PPr {
                    spacing: Spacing {
                        after: Some(0),
                        ..styles::exact(self.style.note_pitch())
                    },
                    ind: styles::no_indent(),
                    ..PPr::default()
                },
                content: vec![PChild::Run(Run::of(RPr::default(), child))],
            };
            write_para(&mut x, &p);
            x.close();
        }
        for (i, body) in self.note_bodies.iter().enumerate() {
            if let Some(items) = body.as_ref().filter(|_| self.notes.in_body(i + 1)) {
                x.open("w:footnote").attr("w:id", i + 1);
                write_items(&mut x, items);
                x.close();
            }
        }
        x.close();
        x.finish()
    }

    /// `word/footer1.xml` (and `footer2.xml` for even pages): the page number in the
    /// style's form (`— 1 —`), where the style places it; `even` for the even pages' footer
    /// when odd and even pages differ.
    pub fn footer(&mut self, even: bool) -> String {
        let mut x = Xml::new();
        x.open("w:ftr").attr("xmlns:w", NS_W).attr("xmlns:r", NS_R);
        let mut content = Vec::new();
        if let Some((before, after)) = self.style.page_number_parts() {
            let (before, after) = (before.to_string(), after.to_string());
            let fonts = self.faces.page_number.clone();
            self.use_chars(&fonts, false, &format!("{before}{after}0123456789"));
            let run = |c: RChild| PChild::Run(Run::of(RPr::default(), c));
            if !before.is_empty() {
                content.push(PChild::Run(Run::text(RPr::default(), &before)));
            }
            content.push(run(RChild::Field(FieldChar::Begin)));
            content.push(run(RChild::Instr(" PAGE ".into())));
            content.push(run(RChild::Field(FieldChar::Separate)));
            content.push(run(RChild::Text("1".into())));
            content.push(run(RChild::Field(FieldChar::End)));
            if !after.is_empty() {
                content.push(PChild::Run(Run::text(RPr::default(), &after)));
            }
        }
        let mut ppr = PPr::styled(id::FOOTER);
        let inset = twips(self.style.page_numbers.inset * self.style.body.size);
        match self.style.page_numbers.place {
            PageNumberPlace::Center => {}
            PageNumberPlace::Outside if even => {
                ppr.jc = Some(Jc::Left);
                ppr.ind.left = Some(inset);
            }
            PageNumberPlace::Outside | PageNumberPlace::Right => ppr.ind.right = Some(inset),
        }
        write_para(&mut x, &Para { ppr, content });
        x.close();
        x.finish()
    }
}
