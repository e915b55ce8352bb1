//! A table block: each row a line of cells side by side, each cell a paragraph set in its
//! column's width. Header rows are bold; a row never breaks across pages.

use super::elems::{beside, read_as_one, stack};
use super::inline::piece;
use super::{Composer, Ctx};
use crate::layout::para::{Align, Sty};
use crate::layout::structure::Role;
use crate::layout::{Elem, Item};
use crate::model::Table;

impl Composer<'_> {
    /// The rows of a table as unbreakable elements, read row by row, cell by cell: in the
    /// structure tree a TR per row, a TH per cell of a header row (naming its column), a
    /// TD per other cell, under the table's node (opened by the caller).
    pub(super) fn table(&mut self, table: &Table, ctx: &mut Ctx) -> Vec<Elem> {
        let columns = table.columns().max(1);
        let gutter = self.size;
        let width = (self.measure - gutter * (columns - 1) as f32) / columns as f32;
        let mut rows = Vec::with_capacity(table.rows.len());
        for (r, row) in table.rows.iter().enumerate() {
            let sty = Sty {
                bold: r < table.header_rows,
                ..Sty::PLAIN
            };
            let mut line: Option<Elem> = None;
            let tr = self.open(Role::TableRow);
            for (k, cell) in row.iter().enumerate() {
                let td = self.open(if r < table.header_rows {
                    Role::TableHeader
                } else {
                    Role::TableCell
                });
                let mut pieces = self.pieces(cell.inlines(), sty, ctx);
                if pieces.is_empty() {
                    pieces.push(piece(" ", sty));
                }
                let mut frame = self.frame(Align::Left, false);
                frame.x = self.left + k as f32 * (width + gutter);
                frame.width = width;
                let cell = stack(self.para(&pieces, frame, ctx));
                self.close(td);
                line = Some(match line {
                    None => cell,
                    Some(l) => beside(l, cell),
                });
            }
            self.close(tr);
            let mut e = read_as_one(line.unwrap_or_default());
            e.breakable = true;
            e.gap = if r == 0 { 0.0 } else { self.leading * 0.25 };
            if r + 1 == table.header_rows {
                // A rule under the header rows.
                let y = e.h + self.leading * 0.1;
                e.items.push(Item::Rule {
                    x1: self.left,
                    y1: y,
                    x2: self.left + self.measure,
                    y2: y,
                    width: 0.4,
                });
            }
            rows.push(e);
        }
        rows
    }
}
