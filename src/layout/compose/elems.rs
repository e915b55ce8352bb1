//! Elements of the flow put together: stacked, side by side, aligned, kept whole, read as
//! one text.

use crate::layout::para::Align;
use crate::layout::structure::{self, NodeId};
use crate::layout::{Elem, Item, Placed};
use crate::model::Side;

/// Gives a text item's glyphs their structure node: those not yet in one (or all, `force`).
pub(super) fn stamp(item: &mut Item, node: NodeId, force: bool) {
    if let Item::Text { glyphs, .. } = item {
        for g in glyphs.iter_mut() {
            if force || g.node == structure::ARTIFACT {
                g.node = node;
            }
        }
    }
}

pub(super) fn side_align(side: Side) -> Align {
    match side {
        Side::Left => Align::Left,
        Side::Right => Align::Right,
    }
}

/// Widow and orphan control: no page break after a paragraph's first line or before its
/// last.
pub(super) fn keep_lines(lines: &mut [Elem]) {
    let n = lines.len();
    for (k, l) in lines.iter_mut().enumerate() {
        if k == 1 || (n >= 2 && k == n - 1) {
            l.breakable = false;
        }
    }
}

/// Stacks elements into one unbreakable element.
pub(super) fn stack(parts: Vec<Elem>) -> Elem {
    let mut out = Elem {
        breakable: true,
        ..Elem::default()
    };
    let mut y = 0.0;
    for (k, p) in parts.into_iter().enumerate() {
        if k > 0 {
            y += p.gap;
        }
        for mut it in p.items {
            it.shift(y);
            out.items.push(it);
        }
        out.notes.extend(p.notes);
        out.width = out.width.max(p.width);
        out.counted |= p.counted;
        y += p.h;
    }
    out.h = y;
    out
}

/// Two elements side by side (each keeps its own x).
pub(super) fn beside(a: Elem, b: Elem) -> Elem {
    let mut out = a;
    out.h = out.h.max(b.h);
    out.items.extend(b.items);
    out.notes.extend(b.notes);
    out
}

/// Marks the element's items to be read as one text, in the order of its items (lines
/// joined by spaces), whatever a reader makes of their places.
pub(super) fn read_as_one(mut e: Elem) -> Elem {
    let mut text = String::new();
    for it in &e.items {
        if let Item::Text { glyphs, .. } = it {
            if !text.is_empty() {
                text.push(' ');
            }
            for g in glyphs {
                text.push_str(&g.text.replace('\u{a0}', " "));
            }
        }
    }
    e.items.insert(0, Item::Actual(Some(text)));
    e.items.push(Item::Actual(None));
    e
}

/// Left and right edges of an element's glyphs.
pub(super) fn extent(e: &Elem) -> (f32, f32) {
    let mut lo = f32::MAX;
    let mut hi = f32::MIN;
    for it in &e.items {
        if let Item::Text { glyphs, .. } = it {
            if let (Some(f), Some(l)) = (glyphs.first(), glyphs.last()) {
                lo = lo.min(f.x);
                hi = hi.max(l.x + l.width + l.spacing);
            }
        }
    }
    if lo > hi {
        (0.0, 0.0)
    } else {
        (lo, hi)
    }
}

/// A right-hand block whose lines keep a common left edge, flush to the right margin (as
/// an address is typed); a left-hand block as it is.
pub(super) fn align_block(mut e: Elem, side: Side, left: f32, measure: f32) -> Elem {
    if side == Side::Right {
        // Lines were set flush right; move each to the common left edge.
        let (lo, hi) = extent(&e);
        let target = left + measure - (hi - lo);
        for it in e.items.iter_mut() {
            if let Item::Text { glyphs, .. } = it {
                if let Some(f) = glyphs.first() {
                    let d = target - f.x;
                    glyphs.iter_mut().for_each(|g: &mut Placed| g.x += d);
                }
            }
        }
    }
    e
}
