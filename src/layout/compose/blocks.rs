//! The editorial heading and each block of the document as elements of the flow.

use super::elems::{align_block, beside, keep_lines, read_as_one, side_align, stack};
use super::inline::{note_piece, piece};
use super::{Composer, Ctx};
use crate::layout::para::{Align, Frame, Piece, Sty};
use crate::layout::Elem;
use crate::model::{self, Block, Document, Position, Side};
use crate::shared;

impl Composer<'_> {
    /// The editorial heading: number, title, date and place, centred.
    pub(super) fn heading(&mut self, doc: &Document, ctx: &mut Ctx, flow: &mut Vec<Elem>) {
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        if let Some(n) = shared::number_line(doc) {
            // Readers run "№" and a short number together; the line says how it reads.
            let line = self.line_of(&[piece(&n, bold)], Align::Center, self.size * 1.1, ctx);
            flow.push(read_as_one(line));
        }
        ctx.place = "title".into();
        let pieces = self.pieces(doc.title.inlines(), bold, ctx);
        let mut frame = self.frame(Align::Center, false);
        frame.x += self.measure * 0.08;
        frame.width -= self.measure * 0.16;
        let mut title = stack(self.para(&pieces, frame, ctx));
        title.gap = self.leading * 0.3;
        flow.push(title);
        if let Some(dp) = shared::date_place_line(doc, ctx.labels) {
            let mut e = self.line_of(
                &[piece(
                    &dp,
                    Sty {
                        italic: true,
                        ..Sty::PLAIN
                    },
                )],
                Align::Center,
                self.size,
                ctx,
            );
            e.gap = self.leading * 0.3;
            flow.push(e);
        }
        // The heading stays with what follows.
        for e in flow.iter_mut().skip(1) {
            e.breakable = false;
        }
    }

    pub(super) fn content(&mut self, doc: &Document, ctx: &mut Ctx, flow: &mut Vec<Elem>) {
        let mut i = 0;
        let mut margin: Vec<Elem> = Vec::new();
        let mut first_block = true;
        let mut keep_prev = false;
        while i < doc.content.len() {
            ctx.place = format!("block {} ({})", i + 1, doc.content[i].role());
            // A run of top-left marks before a right-hand address: side by side.
            if let Some((elem, next)) = self.marks_beside_address(doc, i, ctx) {
                let mut elem = elem;
                elem.gap = self.leading;
                flow.push(elem);
                i = next;
                first_block = false;
                continue;
            }
            if let Some((elem, next)) = self.marks_row(doc, i, ctx) {
                let mut elem = elem;
                elem.gap = if first_block {
                    self.leading
                } else {
                    self.leading * 0.6
                };
                flow.push(elem);
                i = next;
                first_block = false;
                continue;
            }
            let block = &doc.content[i];
            let mut elems: Vec<Elem> = match block {
                Block::Mark(m)
                    if matches!(m.position, Position::LeftMargin | Position::RightMargin) =>
                {
                    margin.push(self.margin_mark(i, m, ctx));
                    i += 1;
                    continue;
                }
                Block::Mark(m) => vec![self.mark(i, m, ctx)],
                Block::Dateline(d) => {
                    let mut p = self.pieces(d.text.inlines(), Sty::PLAIN, ctx);
                    self.block_ref(i, &mut p, ctx);
                    let align = side_align(d.side);
                    vec![stack(self.para(&p, self.frame(align, false), ctx))]
                }
                Block::Address(a) => {
                    let mut lines = Vec::new();
                    for (k, l) in a.lines.iter().enumerate() {
                        if k > 0 {
                            lines.push(piece("\n", Sty::PLAIN));
                        }
                        lines.extend(self.pieces(l.inlines(), Sty::PLAIN, ctx));
                    }
                    let mut frame = self.frame(side_align(a.side), false);
                    frame.width = self.measure * 0.55;
                    if a.side == Side::Right {
                        frame.x = self.left + self.measure - frame.width;
                    }
                    let e = stack(self.para(&lines, frame, ctx));
                    vec![align_block(e, a.side, self.left, self.measure)]
                }
                Block::Heading(h) => {
                    let p = self.pieces(
                        h.text.inlines(),
                        Sty {
                            bold: true,
                            ..Sty::PLAIN
                        },
                        ctx,
                    );
                    vec![stack(self.para(&p, self.frame(Align::Center, false), ctx))]
                }
                Block::Salutation(s) => {
                    let p = self.pieces(s.text.inlines(), Sty::PLAIN, ctx);
                    vec![stack(self.para(&p, self.frame(Align::Center, false), ctx))]
                }
                Block::Text(t) => {
                    let align = match t.align {
                        model::Align::Left => Align::Left,
                        model::Align::Right => Align::Right,
                        model::Align::Center => Align::Center,
                        model::Align::Justify => {
                            if self.style.pdf.justify {
                                Align::Justify
                            } else {
                                Align::Left
                            }
                        }
                    };
                    self.paragraphs_of(
                        i,
                        t.text.paragraphs(),
                        self.frame(align, t.indent),
                        true,
                        ctx,
                    )
                }
                Block::Postscript(p) => {
                    let align = if self.style.pdf.justify {
                        Align::Justify
                    } else {
                        Align::Left
                    };
                    self.paragraphs_of(i, p.text.paragraphs(), self.frame(align, true), true, ctx)
                }
                Block::Quote(q) => {
                    let mut f = self.frame_small(Align::Justify, false);
                    f.x += self.size * 2.0;
                    f.width -= self.size * 4.0;
                    self.paragraphs_of(i, q.text.paragraphs(), f, true, ctx)
                }
                Block::List(l) => self.list(l, ctx),
                Block::Closer(c) => vec![self.closer(c, ctx)],
                Block::Folio(f) => {
                    let p = [piece(
                        &format!("/{}/", f.label),
                        Sty {
                            italic: true,
                            ..Sty::PLAIN
                        },
                    )];
                    let mut e = self.line_of(&p, Align::Right, self.small, ctx);
                    e.breakable = true;
                    vec![e]
                }
            };
            if let Some(first) = elems.first_mut() {
                if !first_block {
                    first.gap = match block {
                        Block::Text(_) | Block::Postscript(_)
                            if matches!(
                                doc.content.get(i.wrapping_sub(1)),
                                Some(Block::Text(_) | Block::Folio(_))
                            ) =>
                        {
                            0.0
                        }
                        Block::Folio(_) => 0.0,
                        _ => self.leading * 0.6,
                    };
                } else {
                    first.gap = self.leading;
                }
                // Margin marks stand beside the first line that follows them.
                for m in margin.drain(..) {
                    first.items.extend(m.items);
                    first.notes.extend(m.notes);
                }
                if matches!(block, Block::Closer(_)) {
                    first.breakable = false;
                }
            }
            // A heading, salutation or dateline stays with what follows.
            if keep_prev {
                if let Some(first) = elems.first_mut() {
                    first.breakable = false;
                }
            }
            keep_prev = matches!(
                block,
                Block::Heading(_) | Block::Salutation(_) | Block::Dateline(_)
            );
            flow.extend(elems);
            first_block = false;
            i += 1;
        }
        // Margin marks with nothing after them stand after the text.
        for m in margin {
            flow.push(m);
        }
    }

    /// The reference to a block's own note (a mark's hand, a change of hand), at its end.
    pub(super) fn block_ref(&self, i: usize, pieces: &mut Vec<Piece>, ctx: &Ctx) {
        if let Some(n) = ctx.numbers.of_block(i) {
            pieces.push(note_piece(n, Sty::PLAIN));
        }
    }

    pub(super) fn paragraphs_of(
        &mut self,
        i: usize,
        paras: &[crate::markup::Text],
        frame: Frame,
        counted: bool,
        ctx: &mut Ctx,
    ) -> Vec<Elem> {
        let mut out = Vec::new();
        let n = paras.len();
        for (k, p) in paras.iter().enumerate() {
            let mut pieces = self.pieces(p.inlines(), Sty::PLAIN, ctx);
            if k + 1 == n {
                self.block_ref(i, &mut pieces, ctx);
            }
            let mut lines = self.para(&pieces, frame, ctx);
            self.count_lines(&mut lines, counted);
            out.extend(lines);
        }
        out
    }

    /// Marks a paragraph's lines as counted (or not) for the handout's line numbers, with
    /// ids unique to this paragraph, and keeps its first and last lines with their
    /// neighbours (no widow, no orphan).
    pub(super) fn count_lines(&self, lines: &mut [Elem], counted: bool) {
        let id = self.paragraphs;
        for l in lines.iter_mut() {
            l.counted = counted;
            if let Some((li, cnt)) = l.line {
                l.line = Some((id * 10000 + li, cnt));
            }
        }
        keep_lines(lines);
    }

    pub(super) fn list(&mut self, l: &model::List, ctx: &mut Ctx) -> Vec<Elem> {
        let mut out = Vec::new();
        for (k, item) in l.items.iter().enumerate() {
            let label = match l.style {
                model::ListStyle::Numbered => format!("{}.", l.start as usize + k),
                model::ListStyle::Bulleted => "–".to_string(),
            };
            let mut pieces = vec![piece(&label, Sty::PLAIN), piece("\u{2002}", Sty::PLAIN)];
            pieces.extend(self.pieces(item.inlines(), Sty::PLAIN, ctx));
            let mut frame = self.frame(Align::Justify, false);
            frame.x += self.size * 1.5;
            frame.width -= self.size * 1.5;
            // Later lines hang under the item's text, not under its number.
            frame.rest_indent = self.text_width(&format!("{label}\u{2002}"), self.size);
            let mut lines = self.para(&pieces, frame, ctx);
            self.count_lines(&mut lines, true);
            out.extend(lines);
        }
        out
    }

    /// Closing lines and signatures, kept together as one block.
    pub(super) fn closer(&mut self, c: &model::Closer, ctx: &mut Ctx) -> Elem {
        let mut parts: Vec<Elem> = Vec::new();
        // Closing lines stand flush right above the signature, as in every edition.
        for l in &c.lines {
            let p = self.pieces(l.inlines(), Sty::PLAIN, ctx);
            let f = self.frame(Align::Right, false);
            parts.push(stack(self.para(&p, f, ctx)));
        }
        for s in &c.signatures {
            let name = self.pieces(s.name.inlines(), Sty::PLAIN, ctx);
            match &s.role {
                Some(role) => {
                    // Role at the left, name at the right, on one line, as typed.
                    let r = self.pieces(role.inlines(), Sty::PLAIN, ctx);
                    let mut rf = self.frame(Align::Left, false);
                    rf.width = self.measure * 0.6;
                    let re = stack(self.para(&r, rf, ctx));
                    let (align, x) = match s.side {
                        Side::Right => (Align::Right, self.left),
                        Side::Left => (Align::Left, self.left + self.measure * 0.6),
                    };
                    let mut nf = self.frame(align, false);
                    nf.x = x;
                    nf.width = if s.side == Side::Right {
                        self.measure
                    } else {
                        self.measure * 0.4
                    };
                    let ne = stack(self.para(&name, nf, ctx));
                    // Read as one line: role, then name.
                    parts.push(read_as_one(beside(re, ne)));
                }
                None => {
                    let f = self.frame(side_align(s.side), false);
                    parts.push(stack(self.para(&name, f, ctx)));
                }
            }
        }
        let mut e = stack(parts);
        e.breakable = false;
        e
    }
}
