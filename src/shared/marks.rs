//! The one order of a mark's parts in every edition (docs/format.md, "One order for a
//! mark"): the text as written; under it, flush right, the signature and then the date; the
//! reference to the editor's note of hand and medium after the last of these; with
//! `marks.hand = "inline"`, that description on its own line under the mark instead. A
//! stamp sets the same parts in the same order inside its frame, the description outside.

use crate::markup::Text;
use crate::model::Mark;
use crate::style::{HandDisplay, Style};

use super::{mark_hand_text, Labels};

/// A part of a mark, in the order the editions set them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MarkPart<'a> {
    /// The mark's text, as written.
    Text(&'a Text),
    /// The signature under it, flush right.
    Signature(&'a Text),
    /// The date written with the mark, on its own line under the signature (or under the
    /// text of an unsigned mark), flush right with it.
    Date(&'a str),
}

/// The parts of `mark` in edition order; the note reference of the mark (its hand and
/// medium, style `marks.hand = "note"`) goes after the last.
pub fn mark_parts(mark: &Mark) -> Vec<MarkPart<'_>> {
    let mut parts = vec![MarkPart::Text(&mark.text)];
    if let Some(s) = &mark.signature {
        parts.push(MarkPart::Signature(s));
    }
    if let Some(d) = &mark.date {
        parts.push(MarkPart::Date(d));
    }
    parts
}

/// The description of hand and medium an edition prints on its own line under the mark
/// ("Рукой И. В. Сталина синим карандашом."), when the style shows it inline.
pub fn inline_hand(mark: &Mark, style: &Style, labels: &Labels) -> Option<String> {
    match style.marks.hand {
        HandDisplay::Inline => mark_hand_text(mark, labels),
        HandDisplay::Note | HandDisplay::None => None,
    }
}
