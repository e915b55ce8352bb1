//! Note numbering: editorial notes and the notes the edition itself adds — "so in the
//! document" for sic, the hand of a mark (when the style says so), of a block or a span
//! written in another hand, of an insertion in the margin, a deletion (when the style
//! reports deletions in notes) — found per document in order of first reference. Every
//! writer numbers notes through this one walk, so editions agree.
//!
//! Each note belongs to a series: the notes the edition adds are textual, an editorial
//! note is of its own `kind`. Each series has its own marks (style `[notes]`: а, б, в… or
//! 1, 2, 3…) and place; the entry's `number` is its place in the one reading order, which
//! writers use to tell notes apart (ids, links).

use super::{mark_hand_text, Labels};
use crate::markup::{Inline, InsertPlace};
use crate::model::{Block, Document, Note, NoteKind};
use crate::style::notes::{NotePlace, SeriesStyle};
use crate::style::{DeletedDisplay, HandDisplay, Style};
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
    /// The note's place in the document's reading order, over both series (1-based): what
    /// writers tell notes apart by.
    pub number: usize,
    /// The mark printed at the reference and before the note: "а" or "1".
    pub mark: String,
    /// Its series.
    pub kind: NoteKind,
    /// Where it stands (the style's place of its series).
    pub place: NotePlace,
    /// What the note says.
    pub body: NoteBody<'a>,
    /// The note whose text holds the first reference to this one (by number), or `None`
    /// when the document's own text does: where a writer that sets notes apart from the
    /// text (a volume's commentary) finds the reference a note links back to.
    pub within: Option<usize>,
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
    /// A deletion is left out of the text and reported in a note (style
    /// `inline.deleted = "note"`).
    note_deletions: bool,
    /// The two series' settings, whether they are told apart, and how many notes each
    /// has so far.
    textual: SeriesStyle,
    commentary: SeriesStyle,
    separate: bool,
    in_volume: bool,
    counts: [usize; 2],
    letters: &'static [char],
    /// The note whose text the walk is in (`None`: the document's text).
    within: Option<usize>,
}

impl<'a> NoteNumbers<'a> {
    /// Numbers the notes of `doc` in order of first reference.
    pub fn new(doc: &'a Document, style: &Style) -> NoteNumbers<'a> {
        let labels = Labels::of(&doc.language, style);
        let mut numbers = NoteNumbers {
            note_every_insertion: style.inline.inserted == crate::style::InsertedDisplay::Note,
            note_deletions: style.inline.deleted == DeletedDisplay::Note,
            textual: style.notes.textual,
            commentary: style.notes.commentary,
            separate: style.notes.separate(),
            in_volume: style.notes.in_volume,
            letters: labels.note_letters,
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
                numbers.within = Some(numbers.entries[i].number);
                numbers.walk(note.text.inlines(), &by_id, labels);
            }
            i += 1;
        }
        numbers.within = None;
        numbers
    }

    fn push(&mut self, body: NoteBody<'a>) -> usize {
        let number = self.entries.len() + 1;
        let kind = match &body {
            NoteBody::Editorial(note) => note.kind,
            NoteBody::Sic | NoteBody::Apparatus(_) => NoteKind::Textual,
        };
        let series = match kind {
            NoteKind::Textual => self.textual,
            NoteKind::Commentary => self.commentary,
        };
        // One count when the series are one: the marks run on across both.
        let counter = if self.separate { kind as usize } else { 0 };
        self.counts[counter] += 1;
        let mark = series.numbering.mark(self.counts[counter], self.letters);
        // A document alone has no volume's end: its notes for there stand at its own end.
        let place = match series.place {
            NotePlace::VolumeEnd if !self.in_volume => NotePlace::DocumentEnd,
            p => p,
        };
        self.entries.push(NoteEntry {
            number,
            mark,
            kind,
            place,
            body,
            within: self.within,
        });
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
                Inline::Deleted(content) if self.note_deletions => {
                    self.walk(content, notes, labels);
                    let words = crate::markup::plain_text(content);
                    let mut label = labels.deleted.chars();
                    let label: String = label
                        .next()
                        .into_iter()
                        .flat_map(char::to_uppercase)
                        .chain(label)
                        .collect();
                    let number = self.push(NoteBody::Apparatus(format!("{label}: «{words}».")));
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

    /// The notes that stand at one of `places`, in the order they are printed there: the textual
    /// series, then the commentary (in reading order when the two are one series).
    pub fn at(&self, places: &[NotePlace]) -> Vec<&NoteEntry<'a>> {
        let mut at: Vec<&NoteEntry<'a>> = self
            .entries
            .iter()
            .filter(|e| places.contains(&e.place))
            .collect();
        if self.separate {
            at.sort_by_key(|e| (e.kind != NoteKind::Textual, e.number));
        }
        at
    }

    /// The heading of the notes at `places` after the document: "Комментарии" or
    /// "Текстуальные примечания" when they are of one told-apart series, else "Примечания".
    pub fn heading(&self, places: &[NotePlace], labels: &Labels) -> &'static str {
        let at = self.at(places);
        let all = |k: NoteKind| at.iter().all(|e| e.kind == k);
        match () {
            _ if !self.separate => labels.notes,
            _ if all(NoteKind::Commentary) => labels.commentary,
            _ if all(NoteKind::Textual) => labels.textual_notes,
            _ => labels.notes,
        }
    }

    /// The note numbered `number` (as [`NoteNumbers::of_note`] and the others give it).
    pub fn entry(&self, number: usize) -> Option<&NoteEntry<'a>> {
        self.entries.get(number.checked_sub(1)?)
    }

    /// Whether note `number` is set in the volume's commentary (a document in a volume
    /// whose style sends its series there; a document alone has none).
    pub fn in_commentary(&self, number: usize) -> bool {
        self.entry(number)
            .is_some_and(|e| e.place == NotePlace::VolumeEnd)
    }

    /// The mark printed for note `number`: "а" or "1".
    pub fn mark(&self, number: usize) -> &str {
        self.entry(number).map_or("", |e| e.mark.as_str())
    }

    /// Whether the edition leaves deletions out of the text, each in a note of its own.
    pub fn deletions_in_notes(&self) -> bool {
        self.note_deletions
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
