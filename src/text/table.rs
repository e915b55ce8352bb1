//! A table in plain text: columns of equal width side by side, each cell wrapped in its
//! column, two spaces between columns, a rule under the header rows.

use super::{cols, Writer};
use crate::model::Table;

impl Writer<'_> {
    /// The lines of a table, row by row.
    pub(super) fn table(&self, table: &Table) -> Vec<String> {
        let columns = table.columns().max(1);
        let gutter = 2;
        let width = (self.width.saturating_sub(gutter * (columns - 1)) / columns).max(1);
        let mut out = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<Vec<String>> = row
                .iter()
                .map(|c| {
                    self.page
                        .wrap_width(&self.inline(c.inlines()), width, 0, "", 0)
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut line = String::new();
                for (c, cell) in cells.iter().enumerate() {
                    let part = cell.get(k).map(String::as_str).unwrap_or("");
                    if c > 0 {
                        line.push_str(&" ".repeat(gutter));
                    }
                    line.push_str(part);
                    if c + 1 < cells.len() {
                        line.push_str(&" ".repeat(width.saturating_sub(cols(part))));
                    }
                }
                out.push(line.trim_end().to_string());
            }
            if r + 1 == table.header_rows {
                out.push("─".repeat(self.width));
            }
        }
        out
    }
}
