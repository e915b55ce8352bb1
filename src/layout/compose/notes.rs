//! The footnotes' lines, set once per document and placed by the page builder.

use super::inline::piece;
use super::{Composer, Ctx};
use crate::layout::para::{Align, Sty};
use crate::layout::structure::Role;
use crate::layout::Elem;
use crate::markup::Inline;
use crate::style::notes::NotePlace;

impl Composer<'_> {
    /// The notes standing at `places` as lines at the small size, in the order they are
    /// printed (textual, then commentary).
    pub(super) fn notes(&mut self, ctx: &mut Ctx, places: &[NotePlace]) -> Vec<(usize, Vec<Elem>)> {
        let mut out = Vec::new();
        let entries: Vec<(usize, String, std::borrow::Cow<[Inline]>)> = ctx
            .numbers
            .at(places)
            .into_iter()
            .map(|e| (e.number, e.mark.clone(), e.inlines(ctx.labels)))
            .collect();
        for (n, mark, inlines) in entries {
            let lines = self.note_lines(ctx, n, &mark, &inlines, None);
            out.push((n, lines));
        }
        out
    }

    /// One note's lines: its mark, an optional italic prefix (the page of its reference, in
    /// the volume's commentary), its text.
    pub(super) fn note_lines(
        &mut self,
        ctx: &mut Ctx,
        n: usize,
        mark: &str,
        inlines: &[Inline],
        prefix: Option<String>,
    ) -> Vec<Elem> {
        ctx.place = format!("note {n}");
        let prev = self.open(Role::Note(n));
        self.in_apparatus_language(ctx);
        let lbl = Sty {
            node: self.tree.push(Role::NoteLabel, self.node),
            ..Sty::PLAIN
        };
        self.note_label_node(n, lbl.node);
        let mut p = vec![piece(&format!("{mark}\u{a0}"), lbl)];
        if let Some(prefix) = prefix {
            p.push(piece(
                &prefix,
                Sty {
                    italic: true,
                    ..Sty::PLAIN
                },
            ));
        }
        p.extend(self.pieces(inlines, Sty::PLAIN, ctx));
        let mut lines = self.para(&p, self.frame_small(Align::Justify, true), ctx);
        self.close(prev);
        for l in lines.iter_mut() {
            l.notes.clear();
        }
        lines
    }
}
