//! Marks on the page: resolutions, notes and stamps in columns beside the address or in a
//! row at the corners, and marginal notes in the margin beside the next line.

use super::elems::{align_block, beside, extent, read_as_one, stack};
use super::inline::piece;
use super::{Composer, Ctx};
use crate::layout::para::{Align, Sty};
use crate::layout::structure::Role;
use crate::layout::{Elem, Item};
use crate::model::{Block, Document, Mark, MarkKind, Position, Side};
use crate::shared;
use crate::style::HandDisplay;

impl Composer<'_> {
    /// The lines of a mark in a column `x`..`x + width`: text, then its signature flush
    /// right under it, the hand in italic after it when the style says so; framed if a
    /// stamp.
    pub(super) fn mark_column(
        &mut self,
        i: usize,
        mark: &Mark,
        x: f32,
        width: f32,
        align: Align,
        ctx: &mut Ctx,
    ) -> Elem {
        let italic = Sty {
            italic: true,
            ..Sty::PLAIN
        };
        let sty = if mark.kind == MarkKind::Stamp {
            Sty::PLAIN
        } else {
            italic
        };
        let mut p = self.pieces(mark.text.inlines(), sty, ctx);
        if let Some(d) = &mark.date {
            if mark.signature.is_none() {
                p.push(piece(&format!(" {d}"), sty));
            }
        }
        if self.style.marks.hand == HandDisplay::Inline {
            if let Some(h) = shared::mark_hand_text(mark, ctx.labels) {
                p.push(piece(" ", sty));
                let words = self.apparatus_node(sty, ctx, None);
                p.push(piece(
                    &h,
                    Sty {
                        italic: !sty.italic,
                        ..words
                    },
                ));
            }
        }
        let pad = if mark.kind == MarkKind::Stamp {
            self.small * 0.5
        } else {
            0.0
        };
        let mut f = self.frame_small(align, false);
        f.x = x + pad;
        f.width = width - 2.0 * pad;
        if mark.signature.is_none() {
            self.block_ref(i, &mut p, ctx);
        }
        let mut lines = self.para(&p, f, ctx);
        let text_right = lines.iter().map(|l| extent(l).1).fold(f.x, f32::max);
        if let Some(sig) = &mark.signature {
            let mut s = self.pieces(sig.inlines(), sty, ctx);
            if let Some(d) = &mark.date {
                s.push(piece(&format!(" {d}"), sty));
            }
            self.block_ref(i, &mut s, ctx);
            let mut sf = f;
            sf.align = Align::Right;
            sf.width = (text_right - f.x).max(f.width * 0.3);
            lines.extend(self.para(&s, sf, ctx));
        }
        let mut e = stack(lines);
        if mark.kind == MarkKind::Stamp {
            let (x0, x1) = extent(&e);
            let w = x1 - x0;
            // Centre the stamp's text in a snug frame.
            let frame_w = w + 2.0 * pad;
            let fx = match align {
                Align::Right => x + width - frame_w,
                Align::Center => x + (width - frame_w) / 2.0,
                _ => x,
            };
            let shift = fx + pad - x0;
            for it in e.items.iter_mut() {
                it.shift_x(shift);
            }
            for it in e.items.iter_mut() {
                it.shift(pad);
            }
            e.items.push(Item::Frame {
                x: fx,
                y: 0.0,
                w: frame_w,
                h: e.h + pad * 2.0,
                width: 0.6,
            });
            e.h += pad * 2.0;
        }
        e
    }

    pub(super) fn mark(&mut self, i: usize, mark: &Mark, ctx: &mut Ctx) -> Elem {
        let w = self.measure * 0.5;
        let (x, align) = match mark.position {
            Position::TopLeft | Position::BottomLeft => (self.left, Align::Left),
            Position::TopRight | Position::BottomRight => {
                (self.left + self.measure - w, Align::Right)
            }
            _ => (self.left + (self.measure - w) / 2.0, Align::Center),
        };
        let mut e = self.mark_column(i, mark, x, w, align, ctx);
        e.breakable = true;
        e
    }

    /// A mark in the margin: small italic in the margin's width, beside the next line.
    pub(super) fn margin_mark(&mut self, i: usize, mark: &Mark, ctx: &mut Ctx) -> Elem {
        let gutter = 6.0;
        let (x, w, align) = match mark.position {
            Position::LeftMargin => {
                let w = (self.left - 2.0 * gutter).max(30.0);
                (self.left - gutter - w, w, Align::Right)
            }
            _ => {
                let w = (self.page_w - self.left - self.measure - 2.0 * gutter).max(30.0);
                (self.left + self.measure + gutter, w, Align::Left)
            }
        };
        let saved = self.small;
        let saved_l = self.small_leading;
        self.small = self.size * 0.72;
        self.small_leading = self.small * 1.2;
        let e = self.mark_column(i, mark, x, w, align, ctx);
        self.small = saved;
        self.small_leading = saved_l;
        e
    }

    /// Top-left marks from `start` followed by a right-hand address: the marks as a column at
    /// the left, the address at the right, side by side as on the original.
    pub(super) fn marks_beside_address(
        &mut self,
        doc: &Document,
        start: usize,
        ctx: &mut Ctx,
    ) -> Option<(Elem, usize)> {
        let (j, a) = shared::marks_beside_address(doc, start)?;
        let col = self.measure * 0.46;
        let mut marks = Vec::new();
        for k in start..j {
            if let Block::Mark(m) = &doc.content[k] {
                ctx.place = format!("block {} (mark)", k + 1);
                let prev = self.open(Role::of_mark(m));
                let mut e = self.mark_column(k, m, self.left, col, Align::Left, ctx);
                self.close(prev);
                if !marks.is_empty() {
                    e.gap = self.small_leading * 0.5;
                }
                marks.push(e);
            }
        }
        ctx.place = format!("block {} (address)", j + 1);
        let prev = self.open(Role::Address);
        let mut lines = Vec::new();
        for (k, l) in a.lines.iter().enumerate() {
            if k > 0 {
                lines.push(piece("\n", Sty::PLAIN));
            }
            lines.extend(self.pieces(l.inlines(), Sty::PLAIN, ctx));
        }
        let mut f = self.frame(Align::Left, false);
        f.width = self.measure - col - self.size;
        f.x = self.left + self.measure - f.width;
        let mut addr = align_block(
            stack(self.para(&lines, f, ctx)),
            Side::Right,
            self.left,
            self.measure,
        );
        self.close(prev);
        // The address starts a little lower than the first mark, as a resolution stands
        // above the address on the original; readers then take the marks first.
        let drop = self.leading * 0.5;
        for it in addr.items.iter_mut() {
            it.shift(drop);
        }
        addr.h += drop;
        // Readers take the two columns apart line by line; the text reads marks first.
        let mut e = read_as_one(beside(stack(marks), addr));
        e.breakable = true;
        Some((e, j + 1))
    }

    /// A run of marks at the top (or the bottom) corners of the original, some left and some
    /// right: one row, each side a column, as they stand on the page.
    pub(super) fn marks_row(
        &mut self,
        doc: &Document,
        start: usize,
        ctx: &mut Ctx,
    ) -> Option<(Elem, usize)> {
        let side_of = |b: &Block| match b {
            Block::Mark(m) => match m.position {
                Position::TopLeft => Some((0, false)),
                Position::TopRight => Some((0, true)),
                Position::BottomLeft => Some((1, false)),
                Position::BottomRight => Some((1, true)),
                _ => None,
            },
            _ => None,
        };
        let (band, _) = side_of(&doc.content[start])?;
        let mut j = start;
        while j < doc.content.len() && side_of(&doc.content[j]).is_some_and(|(b, _)| b == band) {
            j += 1;
        }
        let sides: Vec<bool> = (start..j)
            .filter_map(|k| side_of(&doc.content[k]).map(|s| s.1))
            .collect();
        if !(sides.contains(&true) && sides.contains(&false)) {
            return None;
        }
        // A run of top-left marks before an address is set beside the address instead.
        if band == 0 && matches!(doc.content.get(j), Some(Block::Address(_))) {
            return None;
        }
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for k in start..j {
            if let Block::Mark(m) = &doc.content[k] {
                ctx.place = format!("block {} (mark)", k + 1);
                let prev = self.open(Role::of_mark(m));
                let mut e = self.mark(k, m, ctx);
                self.close(prev);
                let col = if side_of(&doc.content[k]).is_some_and(|s| s.1) {
                    &mut right
                } else {
                    &mut left
                };
                if !col.is_empty() {
                    e.gap = self.small_leading * 0.5;
                }
                col.push(e);
            }
        }
        let (l, r) = (stack(left), stack(right));
        // Items in the order of the original, so the row reads in that order.
        let row = if sides[0] { beside(r, l) } else { beside(l, r) };
        Some((read_as_one(row), j))
    }
}
