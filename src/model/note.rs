//! Editorial notes and their two series, textual and commentary.

use super::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An editorial note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The id used in references (`[^id]`): letters, digits, `-`, `_`.
    pub id: String,
    /// Which series the note belongs to: `textual` (on the text of the original: "Вписано
    /// рукой …", "Так в документе") or `commentary` (on people and events), the default.
    #[serde(default, skip_serializing_if = "NoteKind::is_commentary")]
    pub kind: NoteKind,
    /// The text of the note.
    pub text: Text,
}

/// The two series of notes of a documentary edition, each numbered and placed as the
/// style says (`[notes]`): textual notes lettered at the foot of the page, commentary
/// numbered at the foot or at the end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A note on the text of the original: its hands, insertions, deletions, errors, damage
    /// (текстуальное примечание). The notes folio itself adds are of this kind.
    Textual,
    /// A note on the content: the people, places and events the document names
    /// (комментарий). The default.
    #[default]
    Commentary,
}

impl NoteKind {
    /// Whether this is the default kind, which is not written out.
    pub fn is_commentary(&self) -> bool {
        *self == NoteKind::Commentary
    }
}
