//! Links between note references and notes: each reference's superscript mark links to its
//! note (at the foot, after the document, or in the volume's commentary), and the note's
//! mark back to the first reference. Set as pages are finished, once both places are
//! known; a page with a reference whose note is further on waits for it.

use super::Composer;
use crate::layout::structure::NodeId;
use crate::layout::Item;
use std::collections::{BTreeMap, BTreeSet};

/// Where a node's glyphs are first drawn: page, left, top, width, height.
type Place = (usize, f32, f32, f32, f32);

impl Composer<'_> {
    /// Records a note reference's node, for its link: note `n` of the document laid out.
    pub(super) fn note_ref_node(&mut self, n: usize, node: NodeId) {
        let reference = ((self.note_document, n), node);
        // A text walked again makes the references of its first walk again.
        if let Some((next, _)) = self.refs_replay.as_mut().filter(|(n, e)| n < e) {
            debug_assert!(self.note_refs[*next] == reference);
            *next += 1;
            return;
        }
        self.note_refs.push(reference);
    }

    /// Records a note's mark node, for the links to it.
    pub(super) fn note_label_node(&mut self, n: usize, node: NodeId) {
        self.note_labels
            .entry((self.note_document, n))
            .or_insert(node);
    }

    /// Adds the links whose two ends lie on the finished pages before `upto`: reference →
    /// note, and the note's mark → its first reference. Each page is read once. A page is
    /// handed on (to the PDF writer, when one takes pages as they are made) right after
    /// this; a reference whose note is set further on (at the end of the document or
    /// volume) gets its link once the note is set, in `late_links`, which the writer adds
    /// to the page it has already drawn.
    pub(super) fn link_notes(&mut self, upto: usize) {
        let upto = upto.min(self.pages.len());
        let progress = &mut self.note_links;
        for (_, node) in &self.note_refs[progress.refs_seen..] {
            progress.wanted.insert(*node);
            progress.pending.push(progress.refs_seen);
            progress.refs_seen += 1;
        }
        for node in self.note_labels.values() {
            progress.wanted.insert(*node);
        }
        if progress.pending.is_empty() {
            progress.scanned = progress.scanned.max(upto);
            return;
        }
        for p in progress.scanned..upto {
            for item in &self.pages[p].items {
                let Item::Text { y, glyphs } = item else {
                    continue;
                };
                // A line's glyphs come in runs of one node: each run is looked up once.
                let mut last: Option<(NodeId, bool)> = None;
                for g in glyphs {
                    let wanted = match last {
                        Some((node, wanted)) if node == g.node => wanted,
                        _ => {
                            let wanted = progress.wanted.contains(&g.node);
                            last = Some((g.node, wanted));
                            wanted
                        }
                    };
                    if !wanted {
                        continue;
                    }
                    match progress.places.get_mut(&g.node) {
                        None => {
                            let place = (p, g.x, y - g.rise - g.size, g.width, g.size * 1.3);
                            progress.places.insert(g.node, place);
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
        progress.scanned = progress.scanned.max(upto);
        let labels = crate::shared::Labels::of(&self.tree.lang, self.style);
        let mut links: Vec<(usize, Item)> = Vec::new();
        let places = &progress.places;
        let backed = &mut progress.backed;
        progress.pending.retain(|&r| {
            let (key, node) = &self.note_refs[r];
            let Some(label_node) = self.note_labels.get(key) else {
                return true;
            };
            let (Some(from), Some(label)) = (places.get(node), places.get(label_node)) else {
                return true;
            };
            links.push((from.0, link(*from, *label, self.small, labels.note_link)));
            // The note's mark links back to its first reference.
            if backed.insert(*label_node) {
                links.push((label.0, link(*label, *from, self.small, labels.note_back)));
            }
            false
        });
        for (p, item) in links {
            if p < self.handed {
                // Its page is gone to the writer: the writer adds it at the end.
                self.late_links.push((p, item));
            } else if let Some(page) = self.pages.get_mut(p) {
                page.items.push(item);
            }
        }
    }
}

/// How far the note links have got: what is looked for, where it was found, what waits.
#[derive(Default)]
pub(super) struct Progress {
    /// The structure nodes of references and marks whose places are wanted.
    wanted: BTreeSet<NodeId>,
    /// Where each wanted node's glyphs are first drawn.
    places: BTreeMap<NodeId, Place>,
    /// The pages read so far.
    scanned: usize,
    /// How many of `note_refs` have been taken into `pending`.
    refs_seen: usize,
    /// The references (indexes into `note_refs`) not linked yet.
    pending: Vec<usize>,
    /// The marks that link back to their first reference already.
    backed: BTreeSet<NodeId>,
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
