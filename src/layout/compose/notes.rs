//! The footnotes' lines, set once per document and placed by the page builder.

use super::inline::piece;
use super::{Composer, Ctx};
use crate::layout::para::{Align, Sty};
use crate::layout::structure::Role;
use crate::layout::Elem;
use crate::markup::Inline;

impl Composer<'_> {
    /// Every note as lines at the small size, by number.
    pub(super) fn notes(&mut self, ctx: &mut Ctx) -> Vec<(usize, Vec<Elem>)> {
        let mut out = Vec::new();
        let entries: Vec<(usize, std::borrow::Cow<[Inline]>)> = ctx
            .numbers
            .entries()
            .iter()
            .map(|e| (e.number, e.inlines(ctx.labels)))
            .collect();
        for (n, inlines) in entries {
            ctx.place = format!("note {n}");
            let prev = self.open(Role::Note(n));
            self.in_apparatus_language(ctx);
            let lbl = Sty {
                node: self.tree.push(Role::NoteLabel, self.node),
                ..Sty::PLAIN
            };
            let mut p = vec![piece(&format!("{n}\u{a0}"), lbl)];
            p.extend(self.pieces(&inlines, Sty::PLAIN, ctx));
            let mut lines = self.para(&p, self.frame_small(Align::Justify, true), ctx);
            self.close(prev);
            for l in lines.iter_mut() {
                l.notes.clear();
            }
            out.push((n, lines));
        }
        out
    }
}
