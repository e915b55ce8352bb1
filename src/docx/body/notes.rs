//! Notes as Word notes: the series the style places at the foot as footnotes, those for
//! the end of the document as endnotes. Word numbers a note itself only when its mark is
//! the next number; a letter (а, б…) or a number out of Word's sequence is written as a
//! custom mark (`w:customMarkFollows`), so every edition shows the same marks.
//!
//! In a volume the notes for its end are the commentary: paragraphs after the documents,
//! under a heading per document (an endnote story can hold no headings), each note and
//! its reference linked both ways by bookmarks and hyperlinks, with the reference's page as
//! a PAGEREF field — what the PDF prints.

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
        if self.in_commentary(n) {
            self.commentary_ref(out, n, &r, &mark);
            return;
        }
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

    /// Whether note `n` goes to the volume's commentary.
    fn in_commentary(&self, n: usize) -> bool {
        self.volume_place.is_some() && self.notes.in_commentary(n)
    }

    /// The bookmark names of note `n` in the commentary and of its first reference.
    fn commentary_bookmarks(&self, n: usize) -> (String, String) {
        let k = self.volume_place.unwrap_or_default() + 1;
        (format!("_FolioNote{k}_{n}"), format!("_FolioRef{k}_{n}"))
    }

    /// A reference to a note of the commentary: its mark raised, a link to the note; the
    /// first one in a bookmark, which the note links back to and takes its page from.
    fn commentary_ref(&mut self, out: &mut String, n: usize, r: &RPr, mark: &str) {
        let (note, reference) = self.commentary_bookmarks(n);
        let first = self.emitted.insert(n);
        let id = self.pkg.bookmark();
        if first {
            let _ = write!(
                out,
                "<w:bookmarkStart w:id=\"{id}\" w:name=\"{reference}\"/>"
            );
        }
        let _ = write!(out, "<w:hyperlink w:anchor=\"{note}\" w:history=\"1\">");
        self.run(out, r, mark);
        out.push_str("</w:hyperlink>");
        if first {
            let _ = write!(out, "<w:bookmarkEnd w:id=\"{id}\"/>");
        }
    }

    /// The document's notes for the volume's end, into the commentary: its number and
    /// title (a heading linked to the title), then each note — its mark (a link back to
    /// the reference), "С. N." with the reference's page, its text — as the PDF sets them.
    pub(super) fn volume_notes(&mut self) {
        if self.volume_place.is_none() {
            return;
        }
        let entries: Vec<(usize, String)> = self
            .notes
            .at(&[NotePlace::VolumeEnd])
            .into_iter()
            .map(|e| (e.number, e.mark.clone()))
            .collect();
        if entries.is_empty() {
            return;
        }
        let mut out = String::with_capacity(4096);
        let title = crate::markup::plain_text(self.doc.title.inlines());
        let heading = match crate::shared::number_line(self.doc) {
            Some(n) => format!("{n}. {title}"),
            None => title,
        };
        let anchor = self.title_bookmark.as_ref().map(|(_, name)| name.clone());
        self.para(&mut out, PPr::styled(id::COMMENTARY_DOCUMENT), |w, o| {
            if let Some(a) = &anchor {
                let _ = write!(o, "<w:hyperlink w:anchor=\"{a}\" w:history=\"1\">");
            }
            w.plain(o, &crate::shared::typography::bind(&heading));
            if anchor.is_some() {
                o.push_str("</w:hyperlink>");
            }
        });
        for (n, mark) in entries {
            let (note, reference) = self.commentary_bookmarks(n);
            let id = self.pkg.bookmark();
            let entry = self.notes.entry(n).cloned();
            let page = self.labels.page;
            self.para(&mut out, PPr::styled(id::COMMENTARY_NOTE), |w, o| {
                let _ = write!(
                    o,
                    "<w:bookmarkStart w:id=\"{id}\" w:name=\"{note}\"/><w:hyperlink w:anchor=\"{reference}\" w:history=\"1\">"
                );
                w.plain(o, &mark);
                let _ = write!(o, "</w:hyperlink><w:bookmarkEnd w:id=\"{id}\"/>");
                // The page is computed by the reader (LibreOffice as it lays out the
                // pages, Word on updating fields), as the contents' are.
                w.plain(o, &format!(" {page}\u{a0}"));
                let _ = write!(o, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF {reference} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
                w.plain(o, ". ");
                match entry.as_ref().map(|e| &e.body) {
                    // Inside the body, a note's own references are real notes again.
                    Some(NoteBody::Editorial(note)) => {
                        w.runs_in(o, note.text.inlines(), &[], &mut None)
                    }
                    Some(_) => {
                        let text = entry
                            .as_ref()
                            .map(|e| crate::markup::plain_text(&e.inlines(w.labels)))
                            .unwrap_or_default();
                        w.plain(o, &text);
                    }
                    None => {}
                }
            });
        }
        self.pkg.commentary.push_str(&out);
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
