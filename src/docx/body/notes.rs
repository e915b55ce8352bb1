//! Notes as Word notes: the series the style places at the foot as footnotes, those for
//! the end of the document or volume as endnotes. Word numbers a note itself only when its
//! mark is the next number; a letter (а, б…) or a number out of Word's sequence is written
//! as a custom mark (`w:customMarkFollows`), so every edition shows the same marks.

use super::DocWriter;
use crate::docx::styles::id;
use crate::docx::xml::{escape_into, PPr, RPr};
use crate::shared::NoteBody;
use crate::style::notes::NotePlace;
use std::fmt::Write as _;

/// Which of Word's two note stories a note goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Story {
    Foot,
    End,
}

impl Story {
    /// The element names: the note, its reference, its own mark inside it.
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Story::Foot => ("footnote", "footnoteReference", "footnoteRef"),
            Story::End => ("endnote", "endnoteReference", "endnoteRef"),
        }
    }
}

impl DocWriter<'_, '_> {
    /// The reference to note `n`: a real footnote or endnote the first time in the body; a
    /// superscript mark where a note cannot stand (inside a note) or for a second reference.
    pub(super) fn note_ref(&mut self, out: &mut String, n: usize, nested: &mut Option<Vec<usize>>) {
        let r = RPr {
            style: Some(id::ch::NOTE_REF),
            ..RPr::default()
        };
        let mark = self.notes.mark(n).to_string();
        if let Some(pending) = nested {
            if !self.emitted.contains(&n) && !pending.contains(&n) {
                pending.push(n);
            }
            self.run(out, &r, &mark);
            return;
        }
        if self.emitted.contains(&n) {
            self.run(out, &r, &mark);
            return;
        }
        self.emitted.insert(n);
        let story = match self.notes.entry(n).map(|e| e.place) {
            Some(NotePlace::Foot) | None => Story::Foot,
            Some(NotePlace::DocumentEnd | NotePlace::VolumeEnd) => Story::End,
        };
        let (element, reference, _) = story.names();
        let (fid, count) = match story {
            Story::Foot => {
                self.pkg.last_footnote_id += 1;
                (self.pkg.last_footnote_id, &mut self.footnote_count)
            }
            Story::End => {
                self.pkg.last_endnote_id += 1;
                (self.pkg.last_endnote_id, &mut self.endnote_count)
            }
        };
        // Word numbers notes by position; NoteNumbers numbers them in the same reading
        // order, so the two agree for a numbered series. A letter, or a number out of
        // sequence, is written as a custom mark, so the edition still matches the others.
        *count += 1;
        let custom = mark != count.to_string() || self.pkg.custom_note_marks;
        if custom {
            *count -= 1;
        }
        out.push_str("<w:r>");
        r.write(out);
        if custom {
            let _ = write!(
                out,
                "<w:{reference} w:customMarkFollows=\"1\" w:id=\"{fid}\"/>"
            );
            self.mark_symbols(out, &mark);
            out.push_str("</w:r>");
        } else {
            let _ = write!(out, "<w:{reference} w:id=\"{fid}\"/></w:r>");
        }
        let mut note = String::with_capacity(512);
        let _ = write!(note, "<w:{element} w:id=\"{fid}\">");
        self.note_paragraph(&mut note, n, custom, Some(story));
        let _ = write!(note, "</w:{element}>");
        match story {
            Story::Foot => self.pkg.footnotes.push_str(&note),
            Story::End => self.pkg.endnotes.push_str(&note),
        }
    }

    /// The paragraph of note `n` inside its note (`story`: the first paragraph, which
    /// carries the note's own mark), then the paragraphs of notes it calls that have no
    /// note of their own (a note cannot hold a note).
    fn note_paragraph(&mut self, out: &mut String, n: usize, custom: bool, story: Option<Story>) {
        let r = RPr {
            style: Some(id::ch::NOTE_REF),
            ..RPr::default()
        };
        let entry = self.notes.entry(n).cloned();
        let mark = entry.as_ref().map(|e| e.mark.clone()).unwrap_or_default();
        let mut nested = Some(Vec::new());
        out.push_str("<w:p>");
        PPr::styled(id::NOTE).write(out);
        match story {
            Some(story) if !custom => {
                out.push_str("<w:r>");
                r.write(out);
                let _ = write!(out, "<w:{}/></w:r>", story.names().2);
            }
            Some(_) => {
                out.push_str("<w:r>");
                r.write(out);
                self.mark_symbols(out, &mark);
                out.push_str("</w:r>");
            }
            None => self.run(out, &r, &mark),
        }
        self.plain(out, " ");
        if let Some(entry) = entry {
            match entry.body {
                NoteBody::Editorial(note) => {
                    self.runs_in(out, note.text.inlines(), &[], &mut nested)
                }
                _ => {
                    let text = crate::markup::plain_text(&entry.inlines(self.labels));
                    self.plain(out, &text);
                }
            }
        }
        out.push_str("</w:p>");
        for m in nested.unwrap_or_default() {
            if self.emitted.insert(m) {
                self.note_paragraph(out, m, true, None);
            }
        }
    }

    /// A custom note mark ("а", "12") as `w:sym` characters of the text family. Word
    /// writes custom marks this way; LibreOffice takes symbols as the note's label, whereas
    /// a text mark it shows twice (its label and the text).
    fn mark_symbols(&mut self, out: &mut String, mark: &str) {
        for c in mark.chars() {
            out.push_str("<w:sym w:font=\"");
            escape_into(out, &self.style.fonts.family);
            let _ = write!(out, "\" w:char=\"{:04X}\"/>", c as u32);
            self.pkg.chars.insert(c);
        }
    }
}
