//! A table block as a real Word table: single borders, equal fixed columns across the text
//! width, header rows repeated on each page and kept bold.

use super::DocWriter;
use crate::docx::styles::id;
use crate::docx::xml::PPr;
use crate::model::Table;
use std::fmt::Write as _;

impl<'a> DocWriter<'a, '_> {
    /// Writes `table` as `w:tbl`.
    pub(super) fn table(&mut self, out: &mut String, table: &'a Table) {
        let columns = table.columns().max(1) as i64;
        let col = self.width / columns;
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{w}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            w = col * columns
        );
        for _ in 0..columns {
            let _ = write!(out, "<w:gridCol w:w=\"{col}\"/>");
        }
        out.push_str("</w:tblGrid>");
        for (r, row) in table.rows.iter().enumerate() {
            out.push_str("<w:tr>");
            if r < table.header_rows {
                out.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for k in 0..columns as usize {
                let _ = write!(
                    out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{col}\" w:type=\"dxa\"/></w:tcPr>"
                );
                let style = if r < table.header_rows {
                    id::HEADING
                } else {
                    id::TEXT_FLUSH
                };
                self.para(out, PPr::styled(style), |w, o| {
                    if let Some(cell) = row.get(k) {
                        w.runs(o, cell.inlines(), &[]);
                    }
                });
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
        // Word needs a paragraph between a table and what follows it.
        self.para(out, PPr::styled(id::TEXT_FLUSH), |_, _| {});
    }
}
