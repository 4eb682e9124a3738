//! Tables: the PDF's three-line table (三线表) — heavy rules above and below, a light rule
//! under the header, hairlines between rows — with the PDF's column widths (the layout
//! engine's content-based algorithm), centred at their natural width, rows never split,
//! the header repeated on each page.
//!
//! The rules are both in the "Three Line Table" style (for users to apply elsewhere) and on
//! the cells, since not every reader applies a table style's conditional formatting.

use super::model::{BodyItem, Cell, Para, Row, Table};
use super::props::{gray_hex, twips, Borders, Jc, PPr, TblPr, TcPr, TrPr};

/// Points added to each column over the PDF's width.
const CELL_SLACK: f32 = 2.0;
use super::styles::{id, TableRules};
use super::{Ctx, Writer};
use crate::doc::{Align, Table as DocTable};

impl<'d> Writer<'d, '_> {
    pub fn table(&mut self, out: &mut Vec<BodyItem>, t: &'d DocTable, ctx: Ctx) {
        let style = self.style;
        let widths = crate::layout::table_columns(t, ctx.indent, style, self.fonts, self.images);
        let ncols = widths.len().max(1);
        // A little room over the PDF's widths: word processors measure text a hair wider,
        // and a cell that fits exactly in the PDF must not wrap there.
        let grid: Vec<i32> = widths
            .iter()
            .map(|w| twips(*w + CELL_SLACK).max(1))
            .collect();
        let total: f32 = widths.iter().sum();
        let avail = style.measure() - ctx.indent;
        let size = style.table_size();
        let pad_x = twips(crate::layout::TABLE_CELL_PAD_X * size);
        let pad_y = twips(crate::layout::TABLE_CELL_PAD_Y * size);
        let tblpr = TblPr {
            style: Some(id::TABLE),
            width: Some(grid.iter().sum()),
            jc: (ctx.indent <= 0.0).then_some(Jc::Center),
            indent: (ctx.indent > 0.0)
                .then(|| twips(ctx.indent + ((avail - total) / 2.0).max(0.0))),
            fixed: true,
            cell_margins: Some((pad_y, pad_x, pad_y, pad_x)),
            look_first_row: !t.header.is_empty(),
            ..TblPr::default()
        };
        let rules = TableRules::new(style);
        let header = !t.header.is_empty();
        let rows: Vec<(&'d [Vec<crate::doc::Inline>], bool)> = header
            .then_some((&t.header[..], true))
            .into_iter()
            .chain(t.rows.iter().map(|r| (&r[..], false)))
            .collect();
        let n = rows.len();
        let mut set_rows = Vec::with_capacity(n);
        for (ri, (cells, is_header)) in rows.into_iter().enumerate() {
            let borders = Borders {
                top: (ri == 0).then(|| rules.heavy.clone()),
                bottom: Some(if ri + 1 == n {
                    rules.heavy.clone()
                } else if is_header {
                    rules.light.clone()
                } else {
                    rules.hair.clone()
                }),
                ..Borders::default()
            };
            let sid = if is_header {
                id::TABLE_HEADING
            } else {
                id::TABLE_TEXT
            };
            let mut set_cells = Vec::with_capacity(ncols);
            for (k, width) in grid.iter().enumerate() {
                let mut ppr = PPr::styled(sid);
                ppr.jc = match t.aligns.get(k).copied().unwrap_or_default() {
                    // Left is the style's; said all the same, so that it reads back.
                    Align::None => None,
                    a => Some(Jc::of(a)),
                };
                let content = match cells.get(k) {
                    Some(cell) => {
                        let env = self.env_for(sid, &crate::doc::inlines_text(cell));
                        self.runs(cell, &env)
                    }
                    None => Vec::new(),
                };
                set_cells.push(Cell {
                    tcpr: TcPr {
                        width: *width,
                        borders: borders.clone(),
                        // The header on a light ground, as in the PDF.
                        shading: is_header.then(|| gray_hex(style.code.shade_gray)),
                    },
                    items: vec![BodyItem::P(Para { ppr, content })],
                });
            }
            set_rows.push(Row {
                trpr: TrPr {
                    cant_split: true,
                    header: is_header,
                },
                cells: set_cells,
            });
        }
        // The space above the table goes below the paragraph before it; the space below,
        // above the next one.
        let space = style.table_space();
        if let Some(BodyItem::P(p)) = out.last_mut() {
            p.ppr.spacing.after = Some(self.space_of(&p.ppr, false) + twips(space));
        } else if let Some(BodyItem::Table(_)) = out.last() {
            // Two tables never touch (Word would merge them).
            self.push_para(out, Para::default());
        }
        out.push(BodyItem::Table(Box::new(Table {
            tblpr,
            grid,
            rows: set_rows,
        })));
        self.space_pending = style.tables.rule_heavy / 2.0 + space;
    }
}
