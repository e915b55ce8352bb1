//! Links between note references and notes: each reference's superscript mark links to its
//! note (at the foot, after the document, or in the volume's commentary), and the note's
//! mark back to the first reference. Set as pages are finished, once both places are
//! known; a page with a reference whose note is further on waits for it.
//!
//! A reference that cannot be linked yet waits on the one thing it lacks (its note's mark
//! to be made, its own place, or its note's place) and is looked at again only when that
//! comes, so each finished page costs what is on it, not what is still to come: a
//! document's references are known long before their pages are (issue 15's linear
//! pagination).

use super::Composer;
use crate::layout::structure::NodeId;
use crate::layout::Item;
use rustc_hash::{FxHashMap, FxHashSet};

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
        let key = (self.note_document, n);
        if let std::collections::btree_map::Entry::Vacant(v) = self.note_labels.entry(key) {
            v.insert(node);
            let progress = &mut self.note_links;
            progress.wanted.insert(node);
            if let Some(refs) = progress.on_label.remove(&key) {
                progress.recheck.extend(refs);
            }
        }
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
            progress.recheck.push(progress.refs_seen);
            progress.refs_seen += 1;
            progress.unlinked += 1;
        }
        if progress.unlinked == 0 {
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
                            if let Some(refs) = progress.on_place.remove(&g.node) {
                                progress.recheck.extend(refs);
                            }
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
        // In the order of the references, as the links were always added.
        let mut recheck = std::mem::take(&mut progress.recheck);
        recheck.sort_unstable();
        recheck.dedup();
        for r in recheck {
            #[cfg(test)]
            LOOKED_AT.with(|n| n.set(n.get() + 1));
            let (key, node) = &self.note_refs[r];
            let Some(label_node) = self.note_labels.get(key) else {
                progress.on_label.entry(*key).or_default().push(r);
                continue;
            };
            let Some(from) = progress.places.get(node) else {
                progress.on_place.entry(*node).or_default().push(r);
                continue;
            };
            let Some(label) = progress.places.get(label_node) else {
                progress.on_place.entry(*label_node).or_default().push(r);
                continue;
            };
            links.push((from.0, link(*from, *label, self.small, labels.note_link)));
            // The note's mark links back to its first reference.
            if progress.backed.insert(*label_node) {
                links.push((label.0, link(*label, *from, self.small, labels.note_back)));
            }
            progress.unlinked -= 1;
        }
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

#[cfg(test)]
thread_local! {
    /// How many times this thread's layouts looked at a reference to link it.
    static LOOKED_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How far the note links have got: what is looked for, where it was found, what waits.
/// References are indexes into `note_refs`.
#[derive(Default)]
pub(super) struct Progress {
    /// The structure nodes of references and marks whose places are wanted.
    wanted: FxHashSet<NodeId>,
    /// Where each wanted node's glyphs are first drawn.
    places: FxHashMap<NodeId, Place>,
    /// The pages read so far.
    scanned: usize,
    /// How many of `note_refs` have been taken in.
    refs_seen: usize,
    /// How many of those are not linked yet.
    unlinked: usize,
    /// References to look at in the next round: new ones, and those whose wait is over.
    recheck: Vec<usize>,
    /// References waiting for their note's mark to be made, by note.
    on_label: FxHashMap<(usize, usize), Vec<usize>>,
    /// References waiting for a node (their own, or their note's mark) to be placed.
    on_place: FxHashMap<NodeId, Vec<usize>>,
    /// The marks that link back to their first reference already.
    backed: FxHashSet<NodeId>,
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

#[cfg(test)]
mod tests {
    use super::LOOKED_AT;

    /// Linking costs what the references are, not references × pages: each is looked at
    /// when it comes and again only when what it waits for comes (here 82 looks for 82
    /// links, a reference's and its note's). Looking at every waiting reference on every
    /// finished page, as before, made it about 300 here, and 3.6 million on 1,580 pages.
    #[test]
    fn each_note_reference_is_looked_at_a_few_times_however_long_the_document() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/long/long-report-1925.toml"
        );
        let doc = crate::read::read_file(std::path::Path::new(path))
            .unwrap()
            .document;
        let style = crate::style::Style::load(None, None).unwrap();
        LOOKED_AT.with(|n| n.set(0));
        let laid = crate::layout::volume::document_pages_to(&doc, &style, None).unwrap();
        let looked = LOOKED_AT.with(|n| n.get());
        let links = laid
            .laid
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter(|i| matches!(i, crate::layout::Item::Link { .. }))
            .count();
        assert!(
            laid.laid.pages.len() >= 10 && links >= 20,
            "{} pages, {links} links",
            laid.laid.pages.len()
        );
        assert!(2 * looked <= 3 * links, "{looked} looks for {links} links");
    }
}
