//! Links between note references and notes: each reference's superscript mark links to its
//! note (at the foot, after the document, or in the volume's commentary), and the note's
//! mark back to the first reference. Set once all pages are laid out, when both places are
//! known.

use super::Composer;
use crate::layout::structure::NodeId;
use crate::layout::Item;
use std::collections::BTreeMap;

/// Where a node's glyphs are first drawn: page, left, top, width, height.
type Place = (usize, f32, f32, f32, f32);

impl Composer<'_> {
    /// Records a note reference's node, for its link: note `n` of the document laid out.
    pub(super) fn note_ref_node(&mut self, n: usize, node: NodeId) {
        self.note_refs.push(((self.note_document, n), node));
    }

    /// Records a note's mark node, for the links to it.
    pub(super) fn note_label_node(&mut self, n: usize, node: NodeId) {
        self.note_labels
            .entry((self.note_document, n))
            .or_insert(node);
    }

    /// Adds the links: reference → note, and the note's mark → its first reference.
    pub(super) fn link_notes(&mut self) {
        let mut wanted: BTreeMap<NodeId, Option<Place>> = BTreeMap::new();
        for (_, node) in &self.note_refs {
            wanted.insert(*node, None);
        }
        for node in self.note_labels.values() {
            wanted.insert(*node, None);
        }
        if wanted.is_empty() {
            return;
        }
        for (p, page) in self.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Text { y, glyphs } = item else {
                    continue;
                };
                for g in glyphs {
                    let Some(slot) = wanted.get_mut(&g.node) else {
                        continue;
                    };
                    match slot {
                        None => {
                            *slot = Some((p, g.x, y - g.rise - g.size, g.width, g.size * 1.3));
                        }
                        // Further glyphs of the same mark on its line widen it ("аа", "12").
                        Some((sp, sx, _, w, _)) if *sp == p && g.x >= *sx => {
                            *w = (g.x + g.width - *sx).max(*w);
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        let place = |node: &NodeId| wanted.get(node).copied().flatten();
        let labels = crate::shared::Labels::of(&self.tree.lang, self.style);
        let mut links: Vec<(usize, Item)> = Vec::new();
        let mut back: BTreeMap<NodeId, Place> = BTreeMap::new();
        for (key, node) in &self.note_refs {
            let (Some(from), Some(label)) =
                (place(node), self.note_labels.get(key).and_then(&place))
            else {
                continue;
            };
            links.push((from.0, link(from, label, self.small, labels.note_link)));
            if let Some(l) = self.note_labels.get(key) {
                back.entry(*l).or_insert(from);
            }
        }
        for (label, to) in back {
            if let Some(from) = place(&label) {
                links.push((from.0, link(from, to, self.small, labels.note_back)));
            }
        }
        for (p, item) in links {
            if let Some(page) = self.pages.get_mut(p) {
                page.items.push(item);
            }
        }
    }
}

/// A link over the mark at `from` to the line of `to`, described as `alt`; a mark is
/// small, so the rectangle is at least `min` wide.
fn link(from: Place, to: Place, min: f32, alt: &str) -> Item {
    let (_, x, y, w, h) = from;
    Item::Link {
        x,
        y,
        w: w.max(min * 0.6),
        h,
        page: to.0,
        to_y: to.2,
        alt: Some(alt.to_string()),
    }
}
