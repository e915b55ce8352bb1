//! Note numbering: editorial notes and the notes the edition itself adds — "so in the
//! document" for sic, the hand of a mark (when the style says so), of a block or a span
//! written in another hand, of an insertion in the margin — numbered per document in order
//! of first reference. Every writer numbers notes through this one walk, so editions agree.

use super::{mark_hand_text, Labels};
use crate::markup::{Inline, InsertPlace};
use crate::model::{Block, Document, Note};
use crate::style::{HandDisplay, Style};
use std::collections::BTreeMap;

/// What a numbered note says.
#[derive(Clone, Debug)]
pub enum NoteBody<'a> {
    /// An editorial note of the transcription.
    Editorial(&'a Note),
    /// "So in the document", for a `[…]{.sic}` span.
    Sic,
    /// A note the edition composes: the hand and medium of a mark ("Рукой И. В. Сталина
    /// синим карандашом."), a change of hand, an insertion in the margin.
    Apparatus(String),
}

/// One note with its number.
#[derive(Clone, Debug)]
pub struct NoteEntry<'a> {
    /// The number printed at the reference and before the note (1-based).
    pub number: usize,
    /// What the note says.
    pub body: NoteBody<'a>,
}

impl<'a> NoteEntry<'a> {
    /// The note's content as inline markup: an editorial note's very inlines (so spans in
    /// it keep their identity, for note and mention numbers), or the composed text.
    pub fn inlines(&self, labels: &Labels) -> std::borrow::Cow<'a, [Inline]> {
        match &self.body {
            NoteBody::Editorial(n) => std::borrow::Cow::Borrowed(n.text.inlines()),
            NoteBody::Sic => vec![Inline::Text(labels.sic.to_string())].into(),
            NoteBody::Apparatus(s) => vec![Inline::Text(s.clone())].into(),
        }
    }
}

/// The numbers of every note of one document.
#[derive(Debug, Default)]
pub struct NoteNumbers<'a> {
    entries: Vec<NoteEntry<'a>>,
    by_id: BTreeMap<&'a str, usize>,
    /// Sic, hand and insertion spans by their address in the document: spans are told apart
    /// by identity, since two may have the same words.
    spans: BTreeMap<usize, usize>,
    blocks: BTreeMap<usize, usize>,
    /// Every insertion gets a note, even above the line with no hand known (style
    /// `inline.inserted = "note"`).
    note_every_insertion: bool,
}

impl<'a> NoteNumbers<'a> {
    /// Numbers the notes of `doc` in order of first reference.
    pub fn new(doc: &'a Document, style: &Style) -> NoteNumbers<'a> {
        let labels = Labels::of(&doc.language, style);
        let mut numbers = NoteNumbers {
            note_every_insertion: style.inline.inserted == crate::style::InsertedDisplay::Note,
            ..NoteNumbers::default()
        };
        let by_id: BTreeMap<&str, &Note> = doc.notes.iter().map(|n| (n.id.as_str(), n)).collect();
        numbers.walk(doc.title.inlines(), &by_id, labels);
        for (i, block) in doc.content.iter().enumerate() {
            for text in block.texts() {
                numbers.walk(text.inlines(), &by_id, labels);
            }
            let apparatus = match block {
                Block::Mark(mark) if style.marks.hand == HandDisplay::Note => {
                    mark_hand_text(mark, labels)
                }
                Block::Text(p) => p
                    .hand
                    .as_ref()
                    .map(|h| format!("{} {h}.", labels.in_hand_of)),
                Block::Postscript(p) => p
                    .hand
                    .as_ref()
                    .map(|h| format!("{} {h}.", labels.in_hand_of)),
                Block::Dateline(d) => d
                    .hand
                    .as_ref()
                    .map(|h| format!("{} {h}.", labels.in_hand_of)),
                _ => None,
            };
            if let Some(text) = apparatus {
                let number = numbers.push(NoteBody::Apparatus(text));
                numbers.blocks.insert(i, number);
            }
        }
        if let Some(source) = &doc.source {
            for t in [&source.remarks, &source.legend].into_iter().flatten() {
                numbers.walk(t.inlines(), &by_id, labels);
            }
        }
        // Notes may refer to further notes; those are numbered after the text's own, in
        // the order the notes themselves come.
        let mut i = 0;
        while i < numbers.entries.len() {
            if let NoteBody::Editorial(note) = numbers.entries[i].body {
                numbers.walk(note.text.inlines(), &by_id, labels);
            }
            i += 1;
        }
        numbers
    }

    fn push(&mut self, body: NoteBody<'a>) -> usize {
        let number = self.entries.len() + 1;
        self.entries.push(NoteEntry { number, body });
        number
    }

    fn walk(&mut self, inlines: &'a [Inline], notes: &BTreeMap<&str, &'a Note>, labels: &Labels) {
        for inline in inlines {
            match inline {
                Inline::NoteRef(id) => {
                    if !self.by_id.contains_key(id.as_str()) {
                        if let Some(note) = notes.get(id.as_str()) {
                            let number = self.push(NoteBody::Editorial(note));
                            self.by_id.insert(&note.id, number);
                        }
                    }
                }
                Inline::Sic(content) => {
                    self.walk(content, notes, labels);
                    let number = self.push(NoteBody::Sic);
                    self.spans.insert(inline as *const Inline as usize, number);
                }
                Inline::Hand { hand, content } => {
                    self.walk(content, notes, labels);
                    let number = self.push(NoteBody::Apparatus(format!(
                        "{} {hand}.",
                        labels.in_hand_of
                    )));
                    self.spans.insert(inline as *const Inline as usize, number);
                }
                Inline::Inserted {
                    place,
                    hand,
                    content,
                } => {
                    self.walk(content, notes, labels);
                    let text = match (place, hand) {
                        (InsertPlace::Margin, Some(h)) => format!(
                            "{} {} {h}.",
                            labels.inserted_in_margin,
                            labels.in_hand_of.to_lowercase()
                        ),
                        (InsertPlace::Margin, None) => format!("{}.", labels.inserted_in_margin),
                        (InsertPlace::Below, Some(h)) => format!(
                            "{} {} {h}.",
                            labels.inserted_below,
                            labels.in_hand_of.to_lowercase()
                        ),
                        (InsertPlace::Below, None) => format!("{}.", labels.inserted_below),
                        (_, Some(h)) => format!(
                            "{} {} {h}.",
                            labels.inserted,
                            labels.in_hand_of.to_lowercase()
                        ),
                        (InsertPlace::Above, None) if self.note_every_insertion => {
                            format!("{}.", labels.inserted_above)
                        }
                        (_, None) => continue,
                    };
                    let number = self.push(NoteBody::Apparatus(text));
                    self.spans.insert(inline as *const Inline as usize, number);
                }
                other => self.walk(other.children(), notes, labels),
            }
        }
    }

    /// Every note, in order of number.
    pub fn entries(&self) -> &[NoteEntry<'a>] {
        &self.entries
    }

    /// The number of the editorial note `id`.
    pub fn of_note(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The number of the note the edition adds after this span: "so in the document" for
    /// sic, the hand of a hand span, an insertion's place and hand. `span` must be the very
    /// inline of the document, not a copy; the reference goes right after the span.
    pub fn of_span(&self, span: &Inline) -> Option<usize> {
        self.spans.get(&(span as *const Inline as usize)).copied()
    }

    /// The number of the note describing the block at content index `block`: a mark's hand
    /// and medium, or the hand of a text; the reference goes at the end of the block.
    pub fn of_block(&self, block: usize) -> Option<usize> {
        self.blocks.get(&block).copied()
    }
}
