//! The footnotes of a flow by number, for the page builder: each one's lines, their
//! height and their place at the foot, and the lines let go once no page can want them.

use crate::layout::Elem;

/// The notes of a document by number: each one's lines and their height.
pub(super) struct NoteIndex {
    /// Per note number, its lines (empty for a number without a note, or once released).
    lines: Vec<Vec<Elem>>,
    /// Per note number, the height of its lines.
    heights: Vec<f32>,
    /// Per note number, its place in the order the notes are given (textual series first,
    /// then commentary, each by number): the order they stand in at the foot.
    ranks: Vec<usize>,
    /// Per note number, how many references must have been set (counted as the links
    /// count them) before no later line can refer to the note; none: all are set.
    walked: Vec<usize>,
}

impl NoteIndex {
    /// The index of `notes` (number and lines, in the order given); `walked` as in
    /// [`NoteIndex::release`].
    pub(super) fn new(notes: Vec<(usize, Vec<Elem>)>, walked: Vec<usize>) -> NoteIndex {
        let len = notes.iter().map(|(k, _)| k + 1).max().unwrap_or(0);
        let mut index = NoteIndex {
            lines: (0..len).map(|_| Vec::new()).collect(),
            heights: vec![0.0; len],
            ranks: vec![usize::MAX; len],
            walked,
        };
        // The first note of a number wins, as a search would find it.
        for (rank, (k, lines)) in notes.into_iter().enumerate().rev() {
            index.heights[k] = lines.iter().map(|e| e.h).sum();
            index.lines[k] = lines;
            index.ranks[k] = rank;
        }
        index
    }

    /// The lines of note `n` (none for an unknown number).
    pub(super) fn lines(&self, n: usize) -> &[Elem] {
        self.lines.get(n).map_or(&[], Vec::as_slice)
    }

    /// Where note `n` stands at the foot among the others (after them all if unknown).
    pub(super) fn rank(&self, n: usize) -> usize {
        self.ranks.get(n).copied().unwrap_or(usize::MAX)
    }

    /// The height of note `n`'s lines.
    pub(super) fn height(&self, n: usize) -> f32 {
        self.heights.get(n).copied().unwrap_or(0.0)
    }

    /// Lets go of note `n`'s lines, set at the foot, when its last reference is among the
    /// `references` set so far: no page to come refers to it. (The caller knows that
    /// none of the lines still to be placed does.)
    pub(super) fn release(&mut self, n: usize, references: usize) {
        if self.walked.get(n).is_none_or(|&w| w <= references) {
            if let Some(lines) = self.lines.get_mut(n) {
                *lines = Vec::new();
            }
        }
    }
}
