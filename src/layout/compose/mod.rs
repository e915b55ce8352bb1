//! The document walk: each role of the model becomes elements of the vertical flow, which
//! are then cut into pages with their footnotes.
//!
//! - `mod.rs`: the composer, its measures (page, margins, sizes) and one document's walk;
//! - `blocks.rs`: the editorial heading and each block role (text, list, closer …) as elements;
//! - `inline.rs`: inline markup as styled pieces, and the no-break binding of this edition;
//! - `marks.rs`: resolutions, stamps and marginal notes, in columns beside the text;
//! - `notes.rs`: the footnotes' lines;
//! - `paginate.rs`: the page builder — cutting the flow into pages with their footnotes,
//!   running heads and page and line numbers;
//! - `elems.rs`: stacking, setting side by side and aligning elements;
//! - `text.rs`: single lines of text at a given place (heads, numbers);
//! - `front.rs`: a volume's title page, contents, preface and abbreviations;
//! - `index.rs`: the name and place indexes in two columns, with linked page numbers;
//! - `table.rs`: a table block, its rows of cells side by side.

mod blocks;
mod commentary;
mod elems;
mod footnotes;
mod front;
mod index;
mod inline;
mod links;
mod marks;
mod notes;
mod paginate;
mod table;
mod text;

use super::font::FontSet;
use super::para::{self, Align, Frame, Piece, Sty};
use super::structure::{NodeId, Role, Structure};
use super::{Bookmark, Elem, Laid, Page};
use crate::diag::Error;
use crate::model::Document;
use crate::shared::{self, Labels, NoteNumbers};
use crate::style::notes::NotePlace;
use crate::style::pdf::NotesPlacement;
use crate::style::Style;
use elems::{keep_lines, stack};
pub use front::Front;
pub use index::Target;

/// Lays out documents one after another, each from a new page, into one run of pages.
pub struct Composer<'s> {
    style: &'s Style,
    fonts: &'static FontSet,
    page_w: f32,
    page_h: f32,
    left: f32,
    top: f32,
    bottom: f32,
    measure: f32,
    size: f32,
    leading: f32,
    small: f32,
    small_leading: f32,
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    missing: Vec<Vec<(char, String)>>,
    loose: Vec<Vec<String>>,
    cut: Vec<Vec<(String, String)>>,
    paragraphs: usize,
    /// The running head of the current document: left and right texts.
    head: (String, String),
    documents: usize,
    /// Per document laid out, the page (0-based) of each note's first reference, by the
    /// note's number: the volume's commentary gives it.
    note_pages: Vec<std::collections::BTreeMap<usize, usize>>,
    /// The document whose notes are being set (its ordinal), and the structure nodes of
    /// note references and of notes' marks by (document, note number): the links between
    /// them are added when the pages are done (`links.rs`).
    note_document: usize,
    note_refs: Vec<((usize, usize), NodeId)>,
    note_labels: std::collections::BTreeMap<(usize, usize), NodeId>,
    /// The links' progress, as pages are finished (`links.rs`).
    note_links: links::Progress,
    /// The next document runs on below the last one instead of starting a new page.
    run_on: bool,
    /// What is being set, for the tagged PDF: the tree so far and the open node.
    tree: Structure,
    node: NodeId,
    /// Where finished pages go as they are complete (the PDF writer), so that a book is
    /// not held in memory whole; without it they are kept and returned by `finish`.
    sink: Option<PageSink<'s>>,
    /// Pages handed to the sink: `pages[..handed]` are empty placeholders.
    handed: usize,
    /// The mention anchors of the pages handed on: page, item index, mention, top.
    anchors: Vec<(usize, usize, usize, f32)>,
    /// Walking a document's text only for its structure nodes and note references:
    /// nothing is shaped or set (see [`Composer::document`]).
    counting: bool,
    /// While a document's text is walked again: the next of the note references recorded
    /// by the first walk, and their end.
    refs_replay: Option<(usize, usize)>,
    /// Links found after their page was handed on, with that page: see `Laid::late_links`.
    late_links: Vec<(usize, super::Item)>,
}

/// Receives each finished page, in order, exactly once.
pub type PageSink<'s> = Box<dyn FnMut(Page) + 's>;

/// Where in the document text is being set, for warnings.
struct Ctx<'a> {
    numbers: NoteNumbers<'a>,
    /// The document's mentions of the register, for anchors.
    mentions: shared::index::Mentions,
    labels: &'static Labels,
    /// The apparatus's language where it is not the document's (a German letter in a
    /// Russian edition; the modern Russian of a pre-reform document's edition).
    apparatus: Option<&'static str>,
    lang: Option<hypher::Lang>,
    place: String,
    missing: Vec<(char, String)>,
    /// Paragraphs set with word spaces over twice their width: where, and how they begin.
    loose: Vec<String>,
    /// Words too wide for the line that had to be broken anywhere, with their place.
    cut: Vec<(String, String)>,
}

const MM: f32 = 72.0 / 25.4;

impl<'s> Composer<'s> {
    /// A composer for a style.
    pub fn new(style: &'s Style) -> Result<Composer<'s>, Error> {
        let fonts = super::font::for_style(style)?;
        let p = &style.pdf;
        let (page_w, page_h) = p.page_size.points();
        let left = p.margins.left * MM;
        let right = p.margins.right * MM;
        let size = p.font_size.clamp(4.0, 72.0);
        let leading = p.leading.max(size);
        let small = size * p.small_size.clamp(0.5, 1.0);
        Ok(Composer {
            style,
            fonts,
            page_w,
            page_h,
            left,
            top: p.margins.top * MM,
            bottom: p.margins.bottom * MM,
            measure: (page_w - left - right).max(72.0),
            size,
            leading,
            small,
            small_leading: leading * small / size,
            pages: Vec::new(),
            bookmarks: Vec::new(),
            missing: Vec::new(),
            loose: Vec::new(),
            cut: Vec::new(),
            paragraphs: 0,
            head: (String::new(), String::new()),
            documents: 0,
            note_pages: Vec::new(),
            note_document: 0,
            note_refs: Vec::new(),
            note_labels: std::collections::BTreeMap::new(),
            note_links: links::Progress::default(),
            run_on: false,
            tree: Structure::new(""),
            node: 0,
            sink: None,
            handed: 0,
            late_links: Vec::new(),
            anchors: Vec::new(),
            counting: false,
            refs_replay: None,
        })
    }

    /// Hands every finished page to `sink` instead of keeping it: `finish` then returns no
    /// pages. Memory stays bounded by a document's flow, not the book's length.
    pub fn hand_pages_to(&mut self, sink: PageSink<'s>) {
        self.sink = Some(sink);
    }

    /// How many of the note references recorded for links are set: while a document's
    /// text is walked again, those before the walk's; else all.
    fn references_walked(&self) -> usize {
        self.refs_replay.map_or(usize::MAX, |(next, _)| next)
    }

    /// Hands the pages before `upto` to the sink, keeping their mention anchors.
    fn hand_on(&mut self, upto: usize) {
        // The note links of these pages, while they are still here.
        self.link_notes(upto);
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        while self.handed < upto {
            let page = std::mem::take(&mut self.pages[self.handed]);
            for (k, item) in page.items.iter().enumerate() {
                if let super::Item::Anchor { mention, y, .. } = item {
                    self.anchors.push((self.handed, k, *mention, *y));
                }
            }
            sink(page);
            self.handed += 1;
        }
    }

    /// The pages so far, with bookmarks and fonts.
    pub fn finish(mut self) -> Laid {
        self.hand_on(self.pages.len());
        if self.sink.is_some() {
            self.pages.clear();
        }
        Laid {
            pages: self.pages,
            bookmarks: self.bookmarks,
            fonts: self.fonts,
            missing: self.missing,
            loose: self.loose,
            cut: self.cut,
            structure: self.tree,
            late_links: self.late_links,
        }
    }

    /// Opens a structure node under the open one; returns the node to go back to.
    fn open(&mut self, role: Role) -> NodeId {
        let id = self.tree.push(role, self.node);
        std::mem::replace(&mut self.node, id)
    }

    /// Marks the open node as written in the apparatus's language, when that is not the
    /// document's.
    fn in_apparatus_language(&mut self, ctx: &Ctx) {
        if let (Some(lang), Some(n)) = (ctx.apparatus, self.tree.get_mut(self.node)) {
            n.lang = Some(lang.to_string());
        }
    }

    /// Closes the open node, back to `prev`.
    fn close(&mut self, prev: NodeId) {
        self.node = prev;
    }

    /// The language of the run (the first document's or the volume's).
    fn tree_language(&mut self, language: &str) {
        if self.tree.lang.is_empty() {
            self.tree.lang = language.to_string();
        }
    }

    /// The top margin: where a page's text starts, points from the top.
    pub fn top(&self) -> f32 {
        self.top
    }

    /// Pages laid out so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The next [`Composer::document`] runs on below the text of the last page, when there is
    /// room for its heading and a few lines, instead of starting a new page (a volume's
    /// `document-start = "run-on"`).
    pub fn run_on_next(&mut self) {
        self.run_on = true;
    }

    /// Where the next item will go: the last page and its item count, for
    /// [`Composer::anchors_since`].
    pub fn anchor_mark(&self) -> (usize, usize) {
        match self.pages.last() {
            Some(p) => (self.pages.len() - 1, p.items.len()),
            None => (0, 0),
        }
    }

    /// The mention anchors set since `mark`: each mention's ordinal, page (0-based) and the
    /// top of its line.
    pub fn anchors_since(&self, mark: (usize, usize)) -> Vec<(usize, usize, f32)> {
        // Pages handed on keep their anchors here; the others are read from the pages.
        let mut out: Vec<(usize, usize, f32)> = self
            .anchors
            .iter()
            .filter(|(p, k, _, _)| (*p, *k) >= mark)
            .map(|&(p, _, mention, y)| (mention, p, y))
            .collect();
        for (p, page) in self.pages.iter().enumerate().skip(mark.0.max(self.handed)) {
            let from = if p == mark.0 { mark.1 } else { 0 };
            for item in page.items.iter().skip(from) {
                if let super::Item::Anchor { mention, y, .. } = item {
                    out.push((*mention, p, *y));
                }
            }
        }
        out
    }

    /// The page (0-based) on which the last document laid out starts.
    pub fn last_document_page(&self) -> Option<usize> {
        self.bookmarks.last().map(|b| b.page)
    }

    /// Whether a run-on document fits below the last page's text: room for its heading and
    /// at least six lines.
    fn room_to_run_on(&self) -> Option<f32> {
        let last = self.pages.last()?;
        let top = last.body_end + self.leading * 2.0;
        (last.foot_top - top > self.leading * 10.0).then_some(top)
    }

    /// Lays out a document from a new page (or below the last, see
    /// [`Composer::run_on_next`]). `head_left` replaces the left running head (a volume's
    /// title).
    pub fn document(&mut self, doc: &Document, head_left: Option<&str>) -> Result<(), Error> {
        let run_on_at = if std::mem::take(&mut self.run_on) {
            self.room_to_run_on()
        } else {
            None
        };
        let labels = Labels::of(&doc.language, self.style);
        self.tree_language(&doc.language);
        let outer = self.open(Role::Document);
        if self.tree.lang != doc.language {
            if let Some(n) = self.tree.get_mut(self.node) {
                n.lang = Some(doc.language.clone());
            }
        }
        self.note_document = self.documents;
        let mut ctx = Ctx {
            numbers: NoteNumbers::new(doc, self.style),
            mentions: shared::index::Mentions::new(doc),
            labels,
            apparatus: labels.lang_beside(&doc.language),
            lang: hyphenation_language(&doc.language).filter(|_| self.style.pdf.hyphenate),
            place: "title".into(),
            missing: Vec::new(),
            loose: Vec::new(),
            cut: Vec::new(),
        };
        let number = shared::number_line(doc);
        let title = crate::markup::plain_text(doc.title.inlines());
        self.head = (
            head_left
                .map(str::to_string)
                .or_else(|| shared::date_place_line(doc, labels))
                .unwrap_or_default(),
            match &number {
                Some(n) => format!("{n}. {title}"),
                None => title.clone(),
            },
        );
        self.bookmarks.push(Bookmark {
            title: match &number {
                Some(n) => format!("{n}. {title}"),
                None => title.clone(),
            },
            page: match run_on_at {
                Some(_) => self.pages.len() - 1,
                None => self.pages.len(),
            },
            y: run_on_at.unwrap_or(self.top),
        });
        // The notes' structure nodes follow the text's, but their lines must be set
        // before the text is, for the pages to be cut as the text is set (so that a long
        // document's lines are not all held at once). So the text is walked once for its
        // nodes and note references alone, then the notes are set, then the text, its
        // nodes and references made again in the same order.
        let (nodes, refs, paragraphs) =
            (self.tree.nodes.len(), self.note_refs.len(), self.paragraphs);
        self.counting = true;
        let mut unset = Vec::new();
        self.text_flow(doc, &mut ctx, &mut unset, None);
        self.counting = false;
        self.paragraphs = paragraphs;
        let (text_nodes, text_refs) = (self.tree.nodes.len(), self.note_refs.len());
        // Per note, after how many references its last one is set.
        let mut walked = Vec::new();
        for (k, ((_, n), _)) in self.note_refs.iter().enumerate().skip(refs) {
            if walked.len() <= *n {
                walked.resize(n + 1, 0);
            }
            walked[*n] = k + 1;
        }
        // The notes at the foot of their pages, and those after the document (all of them
        // with the old `pdf.notes = "end"`); their warnings follow the text's.
        let (foot, end): (&[NotePlace], &[NotePlace]) =
            if self.style.pdf.notes == NotesPlacement::End {
                (&[], &[NotePlace::Foot, NotePlace::DocumentEnd])
            } else {
                (&[NotePlace::Foot], &[NotePlace::DocumentEnd])
            };
        let notes = self.notes(&mut ctx, foot);
        let end_notes = self.notes(&mut ctx, end);
        let note_paragraphs = self.paragraphs - paragraphs;
        self.paragraphs = paragraphs;
        let note_warnings = (
            std::mem::take(&mut ctx.missing),
            std::mem::take(&mut ctx.loose),
            std::mem::take(&mut ctx.cut),
        );
        self.tree.replay(nodes..text_nodes);
        self.refs_replay = Some((refs, text_refs));
        let from = self.pages.len() - usize::from(run_on_at.is_some());
        let mut pager = self.pager(notes, run_on_at.is_some(), walked);
        let mut flow: Vec<Elem> = Vec::new();
        let end_head = self.text_flow(doc, &mut ctx, &mut flow, Some(&mut pager));
        let replayed = self.tree.replayed();
        debug_assert!(replayed, "the text made other nodes than when counted");
        self.refs_replay = None;
        self.paragraphs += note_paragraphs;
        ctx.missing.extend(note_warnings.0);
        ctx.loose.extend(note_warnings.1);
        ctx.cut.extend(note_warnings.2);
        if let Some(mut head) = end_head {
            head.gap = self.leading;
            head.breakable = true;
            flow.push(head);
            let mut first = true;
            for (_, lines) in end_notes {
                for mut l in lines {
                    l.notes.clear();
                    if first {
                        l.breakable = false;
                        first = false;
                    }
                    flow.push(l);
                }
            }
        }
        self.paginate_ready(&mut pager, &mut flow, true);
        let mut note_pages = std::collections::BTreeMap::new();
        for (p, page) in self.pages.iter().enumerate().skip(from) {
            for r in &page.refs {
                note_pages.entry(*r).or_insert(p);
            }
        }
        self.note_pages.push(note_pages);
        self.close(outer);
        self.documents += 1;
        self.missing.push(std::mem::take(&mut ctx.missing));
        self.loose.push(std::mem::take(&mut ctx.loose));
        self.cut.push(std::mem::take(&mut ctx.cut));
        Ok(())
    }

    /// A document's text as elements of the flow: the editorial heading, the blocks, the
    /// legend; returns the heading of the notes after the document, when there are any
    /// (the notes are set apart). With a `pager`, pages are cut as the blocks are set.
    fn text_flow(
        &mut self,
        doc: &Document,
        ctx: &mut Ctx,
        flow: &mut Vec<Elem>,
        pager: Option<&mut paginate::Pager>,
    ) -> Option<Elem> {
        let labels = ctx.labels;
        self.heading(doc, ctx, flow);
        self.content(doc, ctx, flow, pager);
        // The legend: small, after the text.
        if let Some(legend) = shared::legend(doc, labels) {
            ctx.place = "legend".into();
            let prev = self.open(Role::Legend);
            self.in_apparatus_language(ctx);
            let pieces = self.pieces(&legend, Sty::PLAIN, ctx);
            let mut lines = self.para(&pieces, self.frame_small(Align::Justify, true), ctx);
            self.close(prev);
            if let Some(f) = lines.first_mut() {
                f.gap = self.leading;
            }
            keep_lines(&mut lines);
            flow.extend(lines);
        }
        // The notes after the document (all of them with the old `pdf.notes = "end"`)
        // under a heading of the apparatus, made before the notes so that it reads before
        // them.
        let end: &[NotePlace] = if self.style.pdf.notes == NotesPlacement::End {
            &[NotePlace::Foot, NotePlace::DocumentEnd]
        } else {
            &[NotePlace::DocumentEnd]
        };
        (!ctx.numbers.at(end).is_empty()).then(|| {
            let title = ctx.numbers.heading(end, labels);
            let heading = self.heading_node(2, title);
            self.in_apparatus_language(ctx);
            let head = self.bold_line(title, self.size, ctx);
            self.close(heading);
            head
        })
    }

    fn frame(&self, align: Align, indent: bool) -> Frame {
        Frame {
            x: self.left,
            width: self.measure,
            indent: if indent {
                self.style.pdf.indent * self.size
            } else {
                0.0
            },
            rest_indent: 0.0,
            size: self.size,
            leading: self.leading,
            align,
            lang: None,
        }
    }

    fn frame_small(&self, align: Align, indent: bool) -> Frame {
        Frame {
            size: self.small,
            leading: self.small_leading,
            indent: if indent {
                self.style.pdf.indent * self.small
            } else {
                0.0
            },
            ..self.frame(align, false)
        }
    }

    /// Sets pieces as a paragraph in `frame`.
    fn para(&mut self, pieces: &[Piece], mut frame: Frame, ctx: &mut Ctx) -> Vec<Elem> {
        if self.counting {
            return Vec::new();
        }
        // Only justified text and narrow columns (the margin) are hyphenated: a ragged line
        // of the full measure has room to spare.
        let narrow = frame.width < frame.size * 12.0;
        frame.lang = ctx.lang.filter(|_| frame.align == Align::Justify || narrow);
        let mut missing = Vec::new();
        let glyphs = para::glyphs(self.fonts, pieces, frame.size, frame.lang, &mut missing);
        for c in missing {
            ctx.missing.push((c, ctx.place.clone()));
        }
        let mut cut = Vec::new();
        let (mut lines, loose) = para::set(self.fonts, &glyphs, &frame, &mut cut);
        for word in cut {
            ctx.cut.push((word, ctx.place.clone()));
        }
        for l in lines.iter_mut() {
            for it in l.items.iter_mut() {
                elems::stamp(it, self.node, false);
            }
        }
        if loose {
            ctx.loose
                .push(format!("{} («{}…»)", ctx.place, opening_words(pieces)));
        }
        self.paragraphs += 1;
        lines
    }

    /// One unbreakable line (a heading line, a signature).
    fn line_of(&mut self, pieces: &[Piece], align: Align, size: f32, ctx: &mut Ctx) -> Elem {
        let frame = Frame {
            size,
            leading: self.leading * size / self.size,
            ..self.frame(align, false)
        };
        stack(self.para(pieces, frame, ctx))
    }
}

/// The first words of a paragraph, to name it in a warning.
fn opening_words(pieces: &[Piece]) -> String {
    let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    words.join(" ")
}

/// The hyphenation language for a BCP 47 tag ("ru-petr1708" hyphenates as "ru").
fn hyphenation_language(tag: &str) -> Option<hypher::Lang> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    let b = primary.as_bytes();
    if b.len() != 2 {
        return None;
    }
    hypher::Lang::from_iso([b[0], b[1]])
}
