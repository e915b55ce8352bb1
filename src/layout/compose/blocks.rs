//! The editorial heading and each block of the document as elements of the flow.

use super::elems::{align_block, beside, keep_lines, read_as_one, side_align, stack};
use super::inline::{note_piece, piece};
use super::paginate::Pager;
use super::{Composer, Ctx};
use crate::layout::para::{Align, Frame, Piece, Sty};
use crate::layout::structure::Role;
use crate::layout::Elem;
use crate::markup::Inline;
use crate::model::{self, Block, Document, Position, Side};
use crate::shared;

impl Composer<'_> {
    /// The editorial heading: number, title, date and place, centred.
    pub(super) fn heading(&mut self, doc: &Document, ctx: &mut Ctx, flow: &mut Vec<Elem>) {
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        // Number and title are one heading, titled as the bookmark is.
        let heading = self.open(Role::Heading(1));
        self.in_apparatus_language(ctx);
        if let Some(n) = self.tree.get_mut(self.node) {
            let t = crate::markup::plain_text(doc.title.inlines());
            n.title = Some(match shared::number_line(doc) {
                Some(num) => format!("{num}. {t}"),
                None => t,
            });
        }
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
        self.close(heading);
        if let Some(dp) = shared::date_place_line(doc, ctx.labels) {
            let prev = self.open(Role::DatePlace);
            self.in_apparatus_language(ctx);
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
            self.close(prev);
        }
        // The heading stays with what follows.
        for e in flow.iter_mut().skip(1) {
            e.breakable = false;
        }
    }

    /// The blocks as elements of the flow; with a `pager`, the pages that are decided are
    /// cut after each block.
    pub(super) fn content(
        &mut self,
        doc: &Document,
        ctx: &mut Ctx,
        flow: &mut Vec<Elem>,
        mut pager: Option<&mut Pager>,
    ) {
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
            let role = match block {
                Block::Mark(m) => Some(Role::of_mark(m)),
                Block::Dateline(_) => Some(Role::Dateline),
                Block::Address(_) => Some(Role::Address),
                Block::Heading(_) => Some(Role::Heading(2)),
                Block::Salutation(_) => Some(Role::Salutation),
                Block::Quote(_) => Some(Role::Quote),
                Block::List(l) => Some(Role::List {
                    numbered: l.style == model::ListStyle::Numbered,
                }),
                Block::Closer(_) => Some(Role::Closer),
                Block::Folio(_) => Some(Role::Folio),
                Block::Table(_) => Some(Role::Table),
                // Paragraphs are nodes of their own.
                Block::Text(_) | Block::Postscript(_) => None,
            };
            let block_node = role.map(|r| self.open(r));
            if let (Block::Heading(h), Some(n)) = (block, self.tree.get_mut(self.node)) {
                n.title = Some(crate::markup::plain_text(h.text.inlines()));
            }
            let mut elems: Vec<Elem> = match block {
                Block::Mark(m)
                    if matches!(m.position, Position::LeftMargin | Position::RightMargin) =>
                {
                    margin.push(self.margin_mark(i, m, ctx));
                    if let Some(prev) = block_node {
                        self.close(prev);
                    }
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
                Block::Table(t) => self.table(t, ctx),
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
            if let Some(prev) = block_node {
                self.close(prev);
            }
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
                    // Its longer setting would lose the mark.
                    first.longer = None;
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
            ) || last_heard(block);
            flow.extend(elems);
            first_block = false;
            i += 1;
            // Not while margin marks wait for the next line: their note references are
            // set, their lines not yet in the flow.
            if let (Some(pager), true) = (pager.as_deref_mut(), margin.is_empty()) {
                self.paginate_ready(pager, flow, false);
            }
        }
        // Margin marks with nothing after them stand after the text.
        for m in margin {
            flow.push(m);
        }
    }

    /// The reference to a block's own note (a mark's hand, a change of hand), at its end.
    pub(super) fn block_ref(&mut self, i: usize, pieces: &mut Vec<Piece>, ctx: &Ctx) {
        if let Some(n) = ctx.numbers.of_block(i) {
            let sty = self.inline_node(Role::NoteRef(n), Sty::PLAIN);
            self.note_ref_node(n, sty.node);
            pieces.push(note_piece(n, ctx.numbers.mark(n), sty));
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
        let mut keep = false;
        for (k, p) in paras.iter().enumerate() {
            let prev = self.open(Role::Paragraph);
            let mut pieces = self.pieces(p.inlines(), Sty::PLAIN, ctx);
            if k + 1 == n {
                self.block_ref(i, &mut pieces, ctx);
            }
            let mut lines = self.para(&pieces, frame, ctx);
            self.close(prev);
            self.count_lines(&mut lines, counted);
            keep_after(&mut lines, std::mem::replace(&mut keep, heard(p.inlines())));
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
            let li = self.open(Role::ListItem);
            let lbl = Sty {
                node: self.tree.push(Role::ListLabel, self.node),
                ..Sty::PLAIN
            };
            let body = Sty {
                node: self.tree.push(Role::ListBody, self.node),
                ..Sty::PLAIN
            };
            let mut pieces = vec![piece(&label, lbl), piece("\u{2002}", lbl)];
            pieces.extend(self.pieces(item.inlines(), body, ctx));
            let mut frame = self.frame(Align::Justify, false);
            frame.x += self.size * 1.5;
            frame.width -= self.size * 1.5;
            // Later lines hang under the item's text, not under its number.
            frame.rest_indent = self.text_width(&format!("{label}\u{2002}"), self.size);
            let mut lines = self.para(&pieces, frame, ctx);
            self.close(li);
            self.count_lines(&mut lines, true);
            keep_after(&mut lines, k > 0 && heard(l.items[k - 1].inlines()));
            out.extend(lines);
        }
        out
    }

    /// Closing lines and signatures, kept together as one block.
    pub(super) fn closer(&mut self, c: &model::Closer, ctx: &mut Ctx) -> Elem {
        let mut parts: Vec<Elem> = Vec::new();
        // Closing lines stand flush right above the signature, as in every edition.
        for l in &c.lines {
            let prev = self.open(Role::CloserLine);
            let p = self.pieces(l.inlines(), Sty::PLAIN, ctx);
            let f = self.frame(Align::Right, false);
            parts.push(stack(self.para(&p, f, ctx)));
            self.close(prev);
        }
        for s in &c.signatures {
            let prev = self.open(Role::Signature);
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
            self.close(prev);
        }
        let mut e = stack(parts);
        e.breakable = false;
        e
    }
}

/// Whether a paragraph opens a protocol's item: what was heard stays on one page with what
/// was decided, so the page does not break after it.
fn heard(inlines: &[Inline]) -> bool {
    crate::shared::protocol::opens_item(inlines)
}

/// Whether a block's last paragraph (or list item) opens a protocol's item.
fn last_heard(block: &Block) -> bool {
    match block {
        Block::Text(t) => t
            .text
            .paragraphs()
            .last()
            .is_some_and(|p| heard(p.inlines())),
        Block::List(l) => l.items.last().is_some_and(|p| heard(p.inlines())),
        _ => false,
    }
}

/// With `keep`, no page breaks before these lines (the paragraph before stays with them).
fn keep_after(lines: &mut [Elem], keep: bool) {
    if let (true, Some(first)) = (keep, lines.first_mut()) {
        first.breakable = false;
    }
}
