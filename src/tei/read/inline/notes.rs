//! Editorial notes met in the text: read once each, their series from `@type`, and the
//! reference to each placed where it stands.

use super::finish::finish;
use crate::markup::{Inline, Text};
use crate::markup_write;
use crate::model::{Block, Note};
use crate::tei::read::{is, push_text, xml_id, Reader};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// The note a `ref`/`ptr` points at, read now so the reference stands here.
    pub(super) fn note_target(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let target = n.attribute("target")?.split_whitespace().next()?;
        let id = target.strip_prefix('#')?;
        let note = *self.by_id.get(id)?;
        if !is(note, "note") || self.mark_note_kind(note) {
            return None;
        }
        self.editorial_note_at(note)
    }

    /// Whether a note is a mark on the page rather than an editorial note.
    fn mark_note_kind(&self, n: Node) -> bool {
        n.attribute("type") == Some("mark")
            || matches!(
                n.attribute("place").unwrap_or(""),
                "margin" | "left" | "right" | "margin-left" | "margin-right" | "inner" | "outer"
            )
    }

    /// Reads an editorial note met in the text; the id to reference where it stands, or
    /// none when a `ref`, `ptr` or `anchor` elsewhere references it (or it is empty).
    pub(in crate::tei::read) fn editorial_note(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let pointed = xml_id(n).is_some_and(|id| self.pointed_at.contains(id));
        let id = self.editorial_note_at(n)?;
        (!pointed).then_some(id)
    }

    /// Reads a note once and returns its id; later calls return the same id.
    pub(super) fn editorial_note_at(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let key = n.range().start;
        if let Some(id) = self.read_notes.get(&key) {
            return id.clone();
        }
        self.read_notes.insert(key, None);
        let text = self.paragraph_text(n);
        if text.inlines().is_empty() {
            self.report(n, "empty <note> is not printed".into());
            return None;
        }
        let id = self.note_id(xml_id(n));
        self.notes.push(Note {
            id: id.clone(),
            kind: note_kind(n.attribute("type")),
            text,
        });
        self.read_notes.insert(key, Some(id.clone()));
        Some(id)
    }

    /// The content of a note (or any element) as one text, paragraphs on new lines.
    pub(in crate::tei::read) fn paragraph_text(&mut self, n: Node<'a, 'i>) -> Text {
        self.in_note += 1;
        let deferred = std::mem::take(&mut self.deferred);
        let mut content = vec![];
        self.inline_children(n, &mut content);
        let inner: Vec<Block> = std::mem::replace(&mut self.deferred, deferred);
        for b in inner {
            if let Block::Mark(m) = b {
                // A mark inside a note: its words follow in the note.
                push_text(&mut content, " ");
                content.extend(m.text.inlines().iter().cloned());
            }
        }
        self.in_note -= 1;
        markup_write::text(&finish(content))
    }
}

/// The series of a TEI note by its `@type`: the kinds of textual criticism (`textConst`,
/// `textual`, `variant`, `gloss`, …) are textual notes; everything else (`commentary`,
/// `comments`, `editorial`, none) is commentary.
fn note_kind(kind: Option<&str>) -> crate::model::NoteKind {
    use crate::model::NoteKind;
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some(
            "textconst" | "textual" | "textcrit" | "text" | "variant" | "variants" | "gloss"
            | "apparatus" | "app" | "sic" | "correction" | "deletion" | "addition" | "hand"
            | "orthographic",
        ) => NoteKind::Textual,
        _ => NoteKind::Commentary,
    }
}

/// A note reference right after the word it follows, not after the space that a
/// pretty-printer put before the `ref` or `note`.
pub(super) fn push_ref(out: &mut Vec<Inline>, id: String) {
    let after_ref = out.len() >= 2 && matches!(out[out.len() - 2], Inline::NoteRef(_));
    if let Some(Inline::Text(t)) = out.last_mut() {
        if after_ref && t.trim().is_empty() {
            // A space between two references keeps them breakable.
            *t = " ".into();
            out.push(Inline::NoteRef(id));
            return;
        }
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
        if t.is_empty() {
            out.pop();
        }
    }
    out.push(Inline::NoteRef(id));
}
