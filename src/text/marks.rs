//! Marks in the text edition: a mark's parts in the order of every edition
//! (`shared::mark_parts`), framed if a stamp, behind a rule if in the margin.

use super::{cols, Writer};
use crate::model::{Mark, MarkKind, Position};
use crate::shared::{self, MarkPart};

impl Writer<'_> {
    /// A mark as lines at most `width` wide: its text, then its signature and date flush
    /// right under it (at column `column`, when marks stand as one column), the note on its
    /// hand after the last; framed if a stamp; the hand in brackets under it all when the
    /// style shows it inline.
    pub(super) fn mark_lines(
        &self,
        i: usize,
        mark: &Mark,
        width: usize,
        column: usize,
    ) -> Vec<String> {
        let framed = mark.kind == MarkKind::Stamp;
        let inner = if framed {
            width.saturating_sub(4).max(8)
        } else {
            width
        };
        let note = self
            .notes
            .of_block(i)
            .map(|n| format!("[{}]", self.notes.mark(n)))
            .unwrap_or_default();
        let parts = shared::mark_parts(mark);
        let mut lines: Vec<String> = Vec::new();
        let mut under: Vec<String> = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let mut s = match part {
                MarkPart::Text(t) | MarkPart::Signature(t) => self.inline(t.inlines()),
                MarkPart::Date(d) => shared::typography::bind(d),
            };
            if k + 1 == parts.len() {
                s.push_str(&note);
            }
            match part {
                MarkPart::Text(_) => lines = self.page.wrap_width(&s, inner, 0, "", 0),
                _ => under.extend(self.page.wrap_width(&s, inner, 0, "", 0)),
            }
        }
        // Signature and date end where the text (or the column of marks) ends.
        let w = lines
            .iter()
            .chain(&under)
            .map(|l| cols(l))
            .max()
            .unwrap_or(0)
            .max(column.min(inner));
        lines.extend(
            under
                .iter()
                .map(|l| format!("{}{l}", " ".repeat(w.saturating_sub(cols(l))))),
        );
        if framed {
            let w = lines.iter().map(|l| cols(l)).max().unwrap_or(0);
            let mut boxed = vec![format!("+{}+", "-".repeat(w + 2))];
            boxed.extend(
                lines
                    .iter()
                    .map(|l| format!("| {l}{} |", " ".repeat(w.saturating_sub(cols(l))))),
            );
            boxed.push(format!("+{}+", "-".repeat(w + 2)));
            lines = boxed;
        }
        // The editor's words, not the mark's: in brackets, as every editorial addition of
        // the text edition.
        if let Some(h) = shared::inline_hand(mark, self.style, self.labels) {
            lines.extend(self.page.wrap_width(&format!("[{h}]"), width, 0, "", 0));
        }
        if matches!(mark.position, Position::LeftMargin | Position::RightMargin) {
            // A margin has no room in a monospace page: a rule marks the lines as marginal.
            let w = lines.iter().map(|l| cols(l)).max().unwrap_or(0);
            lines = lines
                .into_iter()
                .map(|l| match mark.position {
                    Position::LeftMargin => format!("| {l}"),
                    _ => format!("{l}{} |", " ".repeat(w.saturating_sub(cols(&l)))),
                })
                .collect();
        }
        lines
    }
}
