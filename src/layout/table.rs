//! Tables: column widths from the cells' content, then every cell set as a paragraph of
//! its own within its column.
//!
//! Widths follow the automatic table layout of CSS 2.1 (§17.5.2.2): each column has a
//! minimum width (its longest unbreakable piece) and a maximum width (its longest cell set
//! on one line). When the maxima fit, every column gets its maximum; otherwise every
//! column gets its minimum plus a share of the remaining width in proportion to how much
//! more it would want, so that no column is starved and none is wasted.

use super::flow::TableFlow;
use super::font::Book;
use super::line;
use super::linebreak::{measure, opportunities};
use super::set::{SetPar, SetRow, SetTable};
use super::units::Kind;
use crate::style::Style;
use crate::Diagnostics;

/// Horizontal padding inside a cell, in em of the table text.
pub const CELL_PAD_X: f32 = 0.45;
/// Cells at most this wide (in em of the table text) are kept on one line when the
/// table's minimum widths allow it.
const SHORT_CELL_EM: f32 = 4.0;
/// Vertical padding inside a cell, in em of the table text.
pub const CELL_PAD_Y: f32 = 0.3;

/// The shaped cells of a table, row by row.
type Shaped = Vec<Vec<(Vec<super::flow::Span>, Vec<super::units::Unit>)>>;

/// Column widths of a table in points, by the rule above, without setting the cells (the
/// DOCX writer sizes its tables with it, so both outputs have the same columns).
pub(crate) fn column_widths(
    t: &TableFlow,
    style: &Style,
    book: &Book,
    diag: &mut Diagnostics,
) -> Vec<f32> {
    measure_columns(t, style, book, diag).0
}

/// The size of a table's text (that of its first cell).
fn text_size(t: &TableFlow, style: &Style) -> f32 {
    t.rows
        .first()
        .and_then(|r| r.first())
        .map_or(style.body.size, |p| p.size)
}

/// Shape every cell once; the widths of the columns within the measure.
fn measure_columns(
    t: &TableFlow,
    style: &Style,
    book: &Book,
    diag: &mut Diagnostics,
) -> (Vec<f32>, Shaped) {
    let ncols = t.aligns.len().max(1);
    let size = text_size(t, style);
    let pad = CELL_PAD_X * size;
    // Shape every cell once; measure its min and max content widths.
    let mut shaped = Vec::with_capacity(t.rows.len());
    let mut min = vec![size; ncols];
    let mut max = vec![size; ncols];
    for row in &t.rows {
        let mut cells = Vec::with_capacity(ncols);
        for (k, par) in row.iter().enumerate() {
            let (spans, units) = line::shape_units(par, style, book, diag);
            let allow = opportunities(&units);
            let (mut piece, mut longest, mut linew, mut widest) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
            for (j, u) in units.iter().enumerate() {
                if u.kind == Kind::Newline {
                    widest = widest.max(linew);
                    linew = 0.0;
                    piece = 0.0;
                    continue;
                }
                let w = u.width + if piece > 0.0 { u.gap_before } else { 0.0 };
                linew += u.width + u.gap_before;
                if u.kind != Kind::Space {
                    piece += w;
                }
                longest = longest.max(piece);
                if allow[j] {
                    piece = 0.0;
                }
            }
            widest = widest.max(linew);
            // A short cell (a header word like 序号, a number) is never broken: between
            // Han characters UAX #14 would allow it, a reader would not.
            if widest <= SHORT_CELL_EM * size {
                longest = widest;
            }
            min[k] = min[k].max(longest + 2.0 * pad);
            max[k] = max[k].max(widest + 2.0 * pad);
            cells.push((spans, units));
        }
        shaped.push(cells);
    }
    let (pw, _) = style.page.paper.size_pt();
    let full = pw - style.page.margins.left - style.page.margins.right;
    let avail = full - t.indent;
    (share(&min, &max, avail), shaped)
}

/// Set a table: widths, then each cell's lines.
pub(crate) fn set_table(
    t: TableFlow,
    style: &Style,
    book: &Book,
    diag: &mut Diagnostics,
) -> SetTable {
    let ncols = t.aligns.len().max(1);
    let size = text_size(&t, style);
    let pad = CELL_PAD_X * size;
    let (widths, shaped) = measure_columns(&t, style, book, diag);
    let (pw, _) = style.page.paper.size_pt();
    let full = pw - style.page.margins.left - style.page.margins.right;
    let avail = full - t.indent;
    let mut cols = Vec::with_capacity(ncols + 1);
    let total: f32 = widths.iter().sum();
    let mut x = t.indent + ((avail - total) / 2.0).max(0.0);
    cols.push(x);
    for w in &widths {
        x += w;
        cols.push(x);
    }
    // Set each cell within its column.
    let mut rows = Vec::with_capacity(t.rows.len());
    for (row, cells) in t.rows.into_iter().zip(shaped) {
        let mut set_cells = Vec::with_capacity(ncols);
        for (k, (mut par, (spans, units))) in row.into_iter().zip(cells).enumerate() {
            par.indent_left = cols[k] + pad;
            par.indent_right = full - cols[k + 1] + pad;
            debug_assert!(measure(&par, style, true) > 0.0);
            let lines = line::set_shaped(&par, &spans, &units, style, book);
            set_cells.push(SetPar {
                par,
                lines,
                marker: None,
            });
        }
        rows.push(SetRow { cells: set_cells });
    }
    SetTable {
        rows,
        header: t.header,
        cols,
        size,
        pitch: size * style.tables.line_height,
    }
}

/// Share `avail` among columns with content widths between `min` and `max` (CSS 2.1
/// §17.5.2.2 automatic layout).
pub(crate) fn share(min: &[f32], max: &[f32], avail: f32) -> Vec<f32> {
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if sum_max <= avail {
        // Every cell fits on one line: the table keeps its natural width (and is centred).
        return max.to_vec();
    }
    if sum_min >= avail {
        // Not even the minima fit: shrink them proportionally (words will be cut).
        return min.iter().map(|m| m * avail / sum_min).collect();
    }
    let want: f32 = sum_max - sum_min;
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + (avail - sum_min) * (hi - lo) / want)
        .collect()
}
