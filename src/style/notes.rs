//! The two series of notes (`[notes]`): textual notes and commentary, each with its
//! numbering and its place. docs/volumes.md describes the conventions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the two series of notes are numbered and where they stand, in every edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NotesStyle {
    /// Textual notes (the hand, "Так в документе", insertions, deletions, and notes of kind
    /// `textual`): lettered а, б, в… at the foot of the page by default.
    pub textual: SeriesStyle,
    /// Commentary (notes of kind `commentary`, the default kind): numbered 1, 2, 3… at the
    /// foot of the page by default.
    pub commentary: SeriesStyle,
    /// Set by a volume's writer for its documents, never read from a file: the notes
    /// placed at the volume's end are the volume writer's to print, not the document's
    /// (which prints them at its own end when it stands alone).
    #[serde(skip)]
    #[schemars(skip)]
    pub in_volume: bool,
}

impl Default for NotesStyle {
    fn default() -> Self {
        NotesStyle {
            textual: SeriesStyle {
                numbering: Numbering::Letters,
                place: NotePlace::Foot,
            },
            commentary: SeriesStyle {
                numbering: Numbering::Numbers,
                place: NotePlace::Foot,
            },
            in_volume: false,
        }
    }
}

impl NotesStyle {
    /// Whether the two series are told apart. Two series with the same numbering in the
    /// same place would show two notes "1" side by side: they are then one series,
    /// numbered together in reading order.
    pub fn separate(&self) -> bool {
        self.textual != self.commentary
    }
}

/// The numbering and the place of one series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SeriesStyle {
    /// "letters" (а, б, в… restarting in every document) or "numbers" (1, 2, 3…).
    pub numbering: Numbering,
    /// "foot" (of the page), "document-end" or "volume-end".
    pub place: NotePlace,
}

impl Default for SeriesStyle {
    fn default() -> Self {
        SeriesStyle {
            numbering: Numbering::Numbers,
            place: NotePlace::Foot,
        }
    }
}

/// How the notes of a series are marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// а, б, в… (the document's alphabet: Cyrillic without ё, й, ъ, ы, ь; Latin a, b, c…),
    /// after the last letter doubled: аа, бб… then tripled.
    Letters,
    /// 1, 2, 3…
    Numbers,
}

/// Where the notes of a series stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NotePlace {
    /// At the foot of the page of the reference (footnotes; in DOCX real footnotes, in EPUB
    /// footnote asides).
    Foot,
    /// After the document, before its legend (endnotes).
    DocumentEnd,
    /// In a "Комментарии" section at the end of the volume, under each document's number
    /// and page; a single document has them at its end.
    VolumeEnd,
}

impl Numbering {
    /// The mark of the `n`th note of a series (1-based), lettered from `letters` (the
    /// apparatus's alphabet, [`crate::shared::Labels::note_letters`]).
    pub fn mark(self, n: usize, letters: &[char]) -> String {
        match self {
            Numbering::Numbers => n.to_string(),
            Numbering::Letters if letters.is_empty() => n.to_string(),
            Numbering::Letters => {
                let k = n.max(1) - 1;
                let letter = letters[k % letters.len()];
                std::iter::repeat_n(letter, k / letters.len() + 1).collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_through_the_alphabet_then_double() {
        let l = Numbering::Letters;
        let ru = crate::shared::Labels::for_language("ru").note_letters;
        let en = crate::shared::Labels::for_language("en").note_letters;
        assert_eq!(l.mark(1, ru), "а");
        assert_eq!(l.mark(10, ru), "к", "й is skipped");
        assert_eq!(l.mark(28, ru), "я");
        assert_eq!(l.mark(29, ru), "аа");
        assert_eq!(l.mark(30, ru), "бб");
        assert_eq!(l.mark(57, ru), "ааа");
        assert_eq!(l.mark(2, en), "b");
        assert_eq!(Numbering::Numbers.mark(12, ru), "12");
        assert!(NotesStyle::default().separate());
    }
}
