//! The notes a style places at the volume's end (`place = "volume-end"`): from a new page,
//! "Комментарии", each document's notes under its number and title, each note with the page
//! of its reference ("С. 12."), as Russian documentary editions print their commentary.

use super::elems::keep_lines;
use super::inline::piece;
use super::{hyphenation_language, Composer, Ctx};
use crate::layout::para::{Align, Sty};
use crate::layout::structure::Role;
use crate::model::Document;
use crate::shared::{self, Labels, NoteNumbers};
use crate::style::notes::NotePlace;

impl Composer<'_> {
    /// Whether any of `docs` has notes for the volume's end.
    pub fn has_volume_notes(&self, docs: &[Document]) -> bool {
        docs.iter().any(|d| {
            !NoteNumbers::new(d, self.style)
                .at(&[NotePlace::VolumeEnd])
                .is_empty()
        })
    }

    /// Starts the volume's commentary on a new page: its heading and bookmark.
    pub fn volume_notes_start(&mut self, volume_title: &str, language: &str) {
        let labels = Labels::of(language, self.style);
        self.section_start(labels.commentary, volume_title);
        let mut ctx = self.front_ctx(language);
        let head = self.section_heading(labels.commentary, &mut ctx);
        self.paginate(vec![head], Vec::new(), false);
    }

    /// Sets the volume-end notes of `doc`, the `k`th document laid out, below what is on
    /// the last page: its number and title, then each note with the page of its reference.
    pub fn volume_notes_of(&mut self, doc: &Document, k: usize) {
        let numbers = NoteNumbers::new(doc, self.style);
        if numbers.at(&[NotePlace::VolumeEnd]).is_empty() {
            return;
        }
        let labels = Labels::of(&doc.language, self.style);
        self.note_document = k;
        let mut ctx = Ctx {
            numbers,
            mentions: shared::index::Mentions::new(doc),
            labels,
            apparatus: labels.lang_beside(&doc.language),
            lang: hyphenation_language(&doc.language).filter(|_| self.style.pdf.hyphenate),
            place: "commentary".into(),
            missing: Vec::new(),
            loose: Vec::new(),
            cut: Vec::new(),
        };
        let title = crate::markup::plain_text(doc.title.inlines());
        let title = match shared::number_line(doc) {
            Some(n) => format!("{n}. {title}"),
            None => title,
        };
        let heading = self.open(Role::Heading(2));
        if let Some(n) = self.tree.get_mut(self.node) {
            n.title = Some(title.clone());
        }
        let mut flow = self.para(
            &[piece(
                &title,
                Sty {
                    bold: true,
                    ..Sty::PLAIN
                },
            )],
            self.frame_small(Align::Left, false),
            &mut ctx,
        );
        self.close(heading);
        keep_lines(&mut flow);
        if let Some(first) = flow.first_mut() {
            first.gap = self.leading;
            first.breakable = true;
        }
        let pages = self.note_pages.get(k).cloned().unwrap_or_default();
        let entries: Vec<(usize, String, Vec<crate::markup::Inline>)> = ctx
            .numbers
            .at(&[NotePlace::VolumeEnd])
            .into_iter()
            .map(|e| (e.number, e.mark.clone(), e.inlines(labels).into_owned()))
            .collect();
        for (i, (n, mark, inlines)) in entries.into_iter().enumerate() {
            let prefix = pages
                .get(&n)
                .map(|p| format!("{} {}. ", labels.page, p + 1));
            let mut lines = self.note_lines(&mut ctx, n, &mark, &inlines, prefix);
            keep_lines(&mut lines);
            if let Some(l) = lines.first_mut() {
                l.gap = self.small_leading * 0.3;
                // The heading keeps its first note.
                l.breakable = i > 0;
            }
            flow.extend(lines);
        }
        self.paginate(flow, Vec::new(), true);
        if let Some(m) = self.missing.get_mut(k) {
            m.append(&mut ctx.missing);
        }
    }
}
