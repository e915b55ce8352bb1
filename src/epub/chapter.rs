//! One document as semantic XHTML: one class per role and per inline mark, the layout left
//! to the stylesheet (css.rs), notes as EPUB 3 footnotes.

use super::html::{attr, Html};
use crate::markup::Inline;
use crate::model::{Align, Block, Document, ListStyle, Mark, MarkKind, Position, Side, Text};
use crate::shared::{self, Labels, MarkPart, NoteBody, NoteNumbers};
use crate::style::notes::NotePlace;
use crate::style::{DeletedDisplay, Style, UnderlineDisplay};
use std::collections::BTreeSet;

/// The language of the editorial apparatus (headings, notes, legend) for a document: its
/// labels' (`shared::Labels::of`).
pub fn apparatus_language(doc_language: &str, style: &Style) -> &'static str {
    Labels::of(doc_language, style).lang
}

/// A note's content: the document's own inlines, or a composed text.
type NoteText<'a> = Result<&'a [Inline], Vec<Inline>>;

/// The file of a volume's commentary: the notes the style places at the volume's end.
pub const COMMENTARY_HREF: &str = "commentary.xhtml";

/// The mentions of a document given an anchor, each with whether it stands in the
/// commentary file rather than the document's: where the index links to.
#[derive(Debug, Default)]
pub struct Anchors(std::collections::BTreeMap<usize, bool>);

impl Anchors {
    /// The file the anchor of `mention` stands in: the document's own (`href`) or the
    /// commentary. A mention in a note never printed has none.
    pub fn file<'h>(&self, mention: usize, href: &'h str) -> Option<&'h str> {
        self.0.get(&mention).map(
            |&commentary| {
                if commentary {
                    COMMENTARY_HREF
                } else {
                    href
                }
            },
        )
    }
}

/// Writes the body of one document: editorial heading, transcription, legend, notes.
pub struct Chapter<'a> {
    doc: &'a Document,
    style: &'a Style,
    labels: &'static Labels,
    notes: NoteNumbers<'a>,
    /// Note numbers whose first reference already carries the `ref-N` id.
    referenced: BTreeSet<usize>,
    /// ` lang="…" xml:lang="…"` for apparatus elements when it differs from the document's.
    apparatus_lang: String,
    /// Whether initials are tied to the name (the editorial title, not the transcription).
    tie: bool,
    /// The mentions of the register: each gets an anchor the index links to (in a volume
    /// with indexes; see [`Chapter::with_mention_anchors`]).
    mentions: crate::shared::index::Mentions,
    /// The folio breaks written so far: element id and label ("л. 1 об."), for the page list.
    folios: Vec<(String, String)>,
    /// In a volume: the document's file (`doc-001.xhtml`). Its notes for the volume's end
    /// go to the commentary file, under ids prefixed with the file's stem (`doc-001-note-3`),
    /// since the commentary holds the notes of every document.
    href: Option<String>,
    /// Whether the writer is writing into the commentary file (see [`Chapter::commentary`]).
    in_commentary: bool,
    /// The mentions given an anchor so far.
    anchors: Anchors,
}

impl<'a> Chapter<'a> {
    /// Gives every mention of the register an anchor (`id="m3"`) for the index to link to.
    pub fn with_mention_anchors(mut self) -> Chapter<'a> {
        self.mentions = crate::shared::index::Mentions::new(self.doc);
        self
    }

    /// A writer for `doc`.
    pub fn new(doc: &'a Document, style: &'a Style) -> Chapter<'a> {
        let lang = apparatus_language(&doc.language, style);
        Chapter {
            doc,
            style,
            labels: Labels::of(&doc.language, style),
            notes: NoteNumbers::new(doc, style),
            mentions: Default::default(),
            referenced: BTreeSet::new(),
            apparatus_lang: if doc.language == lang {
                String::new()
            } else {
                format!(" lang=\"{lang}\" xml:lang=\"{lang}\"")
            },
            tie: false,
            folios: Vec::new(),
            href: None,
            in_commentary: false,
            anchors: Default::default(),
        }
    }

    /// Writes the document as the volume's file `href`: its notes for the volume's end are
    /// left for [`Chapter::commentary`] (the style must be the volume's documents', with
    /// `notes.in_volume`).
    pub fn in_volume(mut self, href: &str) -> Chapter<'a> {
        self.href = Some(href.to_string());
        self
    }

    /// The mentions given an anchor, once the document and its commentary are written.
    pub fn into_anchors(self) -> Anchors {
        self.anchors
    }

    /// The id prefix of an element in the commentary file (`doc-001-`) or in the
    /// document's (none).
    fn prefix(&self, commentary: bool) -> String {
        match &self.href {
            Some(href) if commentary => {
                format!("{}-", href.strip_suffix(".xhtml").unwrap_or(href))
            }
            _ => String::new(),
        }
    }

    /// A link to `id` in the commentary file or the document's, from the file being written.
    fn link(&self, commentary: bool, id: &str) -> String {
        let file = if commentary {
            COMMENTARY_HREF
        } else {
            self.href.as_deref().unwrap_or("")
        };
        if commentary == self.in_commentary {
            format!("#{id}")
        } else {
            format!("{file}#{id}")
        }
    }

    /// Whether note `n` stands in the commentary file (a volume's end).
    fn note_in_commentary(&self, n: usize) -> bool {
        self.href.is_some() && self.notes.in_commentary(n)
    }

    /// Whether the first reference to note `n` stands in the commentary file: in the text
    /// of a note there (`NoteEntry::within`).
    fn ref_in_commentary(&self, n: usize) -> bool {
        self.notes
            .entry(n)
            .and_then(|e| e.within)
            .is_some_and(|m| self.note_in_commentary(m))
    }

    /// The document's notes for the volume's end, for the commentary file: a section under
    /// the document's number and title (a link to the document), each note linked both
    /// ways with its reference. Writes nothing when the document has none.
    pub fn commentary(&mut self, h: &mut Html) {
        if self.href.is_none() || self.notes.at(&[NotePlace::VolumeEnd]).is_empty() {
            return;
        }
        self.in_commentary = true;
        let doc = self.doc;
        let id = format!("{}commentary", self.prefix(true));
        let lang = apparatus_language(&doc.language, self.style);
        h.raw(&format!(
            "<section class=\"commentary-document\" aria-labelledby=\"{id}\" lang=\"{lang}\" xml:lang=\"{lang}\">\n<h2 id=\"{id}\"><a href=\"{}\">",
            attr(self.href.as_deref().unwrap_or(""))
        ));
        let title = crate::markup::plain_text(doc.title.inlines());
        let heading = match shared::number_line(doc) {
            Some(n) => format!("{n}. {title}"),
            None => title,
        };
        let old = h.face(false, true);
        h.text(&tie_initials(&heading));
        h.restore(old);
        h.raw("</a></h2>\n");
        self.note_items(h, &[NotePlace::VolumeEnd], false);
        h.raw("</section>\n");
        self.in_commentary = false;
    }

    /// The folio breaks of the original (element id, label) in reading order: the book's
    /// page list, so a reader can go to a folio of the original.
    pub fn folios(&self) -> &[(String, String)] {
        &self.folios
    }

    /// The document as the content of `<body>`.
    pub fn body(&mut self, h: &mut Html) {
        let doc = self.doc;
        h.raw("<section class=\"document\" epub:type=\"chapter\" role=\"doc-chapter\" aria-labelledby=\"title\">\n");
        h.raw(&format!(
            "<header class=\"heading\"{}>\n",
            self.apparatus_lang
        ));
        if let Some(n) = shared::number_line(doc) {
            h.raw("<p class=\"number\">");
            h.text(&n);
            h.raw("</p>\n");
        }
        h.raw("<h1 class=\"title\" id=\"title\">");
        let old = h.face(false, true);
        self.tie = true;
        self.inlines(h, doc.title.inlines());
        self.tie = false;
        h.restore(old);
        h.raw("</h1>\n");
        if let Some(d) = shared::date_place_line(doc, self.labels) {
            h.raw("<p class=\"date-place\">");
            h.text(&d);
            h.raw("</p>\n");
        }
        h.raw("</header>\n");

        let blocks = &doc.content;
        let mut i = 0;
        while i < blocks.len() {
            let used = self.opening(h, i);
            if used > 0 {
                i += used;
                continue;
            }
            self.block(h, i);
            i += 1;
        }

        if let Some(legend) = shared::legend(doc, self.labels) {
            h.raw(&format!(
                "<footer class=\"legend\" id=\"legend\" aria-label=\"{}\"{}>\n<p>",
                attr(self.labels.legend),
                self.apparatus_lang
            ));
            // The legend's remarks are a copy of the document's: spans in them carry no
            // notes of their own, so they are written without span lookups.
            self.inlines(h, &legend);
            h.raw("</p>\n</footer>\n");
        }

        self.notes_at(h, &[NotePlace::Foot]);
        // In a volume the notes for its end go to the commentary; alone they have none.
        self.notes_at(h, &[NotePlace::DocumentEnd]);
        h.raw("</section>\n");
    }

    /// The notes standing at `places`: those for the foot as EPUB footnotes (asides a
    /// reading system shows as pop-ups), those for the end as the document's endnotes (a
    /// list under "Комментарии" or "Примечания").
    fn notes_at(&mut self, h: &mut Html, places: &[NotePlace]) {
        if self.notes.at(places).is_empty() {
            return;
        }
        let foot = places.contains(&NotePlace::Foot);
        let (class, id, heading) = if foot {
            ("notes", "notes", self.notes.heading(places, self.labels))
        } else {
            (
                "notes endnotes",
                "endnotes",
                self.notes.heading(places, self.labels),
            )
        };
        let kind = if foot {
            "epub:type=\"footnotes\"".to_string()
        } else {
            "epub:type=\"endnotes\" role=\"doc-endnotes\"".to_string()
        };
        h.raw(&format!(
            "<section class=\"{class}\" id=\"{id}\" {kind} aria-labelledby=\"{id}-heading\"{}>\n<h2 id=\"{id}-heading\">",
            self.apparatus_lang
        ));
        let old = h.face(false, true);
        h.text(heading);
        h.restore(old);
        h.raw("</h2>\n");
        self.note_items(h, places, foot);
        h.raw("</section>\n");
    }

    /// The notes at `places`: footnote asides (`foot`), else a list of endnotes.
    fn note_items(&mut self, h: &mut Html, places: &[NotePlace], foot: bool) {
        let entries = self.notes.at(places);
        // An editorial note is written from the document's own inlines, so spans in it
        // (a sic, a hand) find their notes; composed notes are plain text.
        let bodies: Vec<(usize, String, NoteText<'a>)> = entries
            .iter()
            .map(|e| match &e.body {
                NoteBody::Editorial(note) => {
                    let note: &'a crate::model::Note = note;
                    (e.number, e.mark.clone(), Ok(note.text.inlines()))
                }
                _ => (
                    e.number,
                    e.mark.clone(),
                    Err(e.inlines(self.labels).into_owned()),
                ),
            })
            .collect();
        if !foot {
            h.raw("<ol>\n");
        }
        for (n, mark, body) in &bodies {
            let body: &[Inline] = match body {
                Ok(b) => b,
                Err(b) => b,
            };
            // The mark is the back link's generated content (data-n in the CSS), so a
            // reader that converts the book (pandoc) shows it once, not twice.
            let mark = attr(mark);
            let commentary = self.ref_in_commentary(*n);
            let target = self.link(commentary, &format!("{}ref-{n}", self.prefix(commentary)));
            let back = format!("<p><a class=\"back\" href=\"{target}\" role=\"doc-backlink\" data-n=\"{mark}\" aria-label=\"{mark}\"></a>");
            let id = format!("{}note-{n}", self.prefix(self.in_commentary));
            if foot {
                h.raw(&format!(
                    "<aside class=\"note\" id=\"{id}\" epub:type=\"footnote\" role=\"doc-footnote\">\n{back}"
                ));
            } else {
                // No `epub:type="endnote"`: EPUB's vocabulary deprecates it (epubcheck says
                // so); a list item of an `endnotes` section is an endnote.
                h.raw(&format!("<li class=\"note\" id=\"{id}\">\n{back}"));
            }
            self.inlines(h, body);
            h.raw(if foot {
                "</p>\n</aside>\n"
            } else {
                "</p>\n</li>\n"
            });
        }
        if !foot {
            h.raw("</ol>\n");
        }
    }

    /// A run of marks at the top of the page, with the right-hand address that follows
    /// them, set as one opening: marks at the left beside the address at the right when
    /// the screen is wide enough, above it when not (floats: every reading system has
    /// them). Returns the number of blocks used (0: no opening here).
    fn opening(&mut self, h: &mut Html, start: usize) -> usize {
        let blocks = &self.doc.content;
        let mut end = start;
        while let Some(Block::Mark(m)) = blocks.get(end) {
            if !matches!(
                m.position,
                Position::TopLeft | Position::Top | Position::TopRight
            ) {
                break;
            }
            end += 1;
        }
        if end == start {
            return 0;
        }
        let address = matches!(blocks.get(end), Some(Block::Address(a)) if a.side == Side::Right);
        let position = |i: usize| match &blocks[i] {
            Block::Mark(m) => m.position,
            _ => Position::TopRight,
        };
        // Consecutive marks on one side form a column, so their signatures share one right
        // edge; columns keep the document's order (readers and converters follow it) and
        // the floats put them in place.
        let class = |p: Position| match p {
            Position::TopLeft => "opening-left",
            Position::Top => "opening-center",
            _ => "opening-right",
        };
        let mut columns: Vec<(&'static str, Vec<usize>)> = Vec::new();
        for i in start..end + usize::from(address) {
            let c = class(position(i));
            match columns.last_mut() {
                Some((last, members)) if *last == c => members.push(i),
                _ => columns.push((c, vec![i])),
            }
        }
        h.raw("<div class=\"opening\">\n");
        for (class, members) in columns {
            h.raw(&format!("<div class=\"{class}\">\n"));
            for i in members {
                self.block(h, i);
            }
            h.raw("</div>\n");
        }
        h.raw("</div>\n");
        end - start + usize::from(address)
    }

    /// The note reference at the end of block `i`, if the block has a note.
    fn block_note(&mut self, h: &mut Html, i: usize) {
        if let Some(n) = self.notes.of_block(i) {
            self.noteref(h, n);
        }
    }

    fn block(&mut self, h: &mut Html, i: usize) {
        let doc = self.doc;
        match &doc.content[i] {
            Block::Dateline(d) => {
                h.raw(&format!("<p class=\"dateline {}\">", side(d.side)));
                self.inlines(h, d.text.inlines());
                self.block_note(h, i);
                h.raw("</p>\n");
            }
            Block::Mark(m) => self.mark(h, i, m),
            Block::Address(a) => {
                h.raw(&format!("<div class=\"address {}\">\n", side(a.side)));
                for line in &a.lines {
                    h.raw("<p>");
                    self.inlines(h, line.inlines());
                    h.raw("</p>\n");
                }
                h.raw("</div>\n");
            }
            Block::Heading(t) => {
                h.raw("<p class=\"heading\">");
                self.inlines(h, t.text.inlines());
                h.raw("</p>\n");
            }
            Block::Salutation(s) => {
                h.raw("<p class=\"salutation\">");
                self.inlines(h, s.text.inlines());
                h.raw("</p>\n");
            }
            Block::Text(p) => {
                let mut class = String::from("text");
                if !p.indent {
                    class.push_str(" noindent");
                }
                class.push_str(match p.align {
                    Align::Justify => "",
                    Align::Left => " left",
                    Align::Center => " center",
                    Align::Right => " right",
                });
                if p.hand.is_some() {
                    class.push_str(" other-hand");
                }
                self.paragraphs(h, i, &class, p.text.paragraphs());
            }
            Block::Quote(q) => {
                h.raw("<blockquote class=\"quote\">\n");
                for para in q.text.paragraphs() {
                    h.raw("<p>");
                    self.inlines(h, para.inlines());
                    h.raw("</p>\n");
                }
                h.raw("</blockquote>\n");
            }
            Block::List(l) => {
                match l.style {
                    ListStyle::Numbered if l.start != 1 => h.raw(&format!(
                        "<ol class=\"list numbered\" start=\"{}\">\n",
                        l.start
                    )),
                    ListStyle::Numbered => h.raw("<ol class=\"list numbered\">\n"),
                    ListStyle::Bulleted => h.raw("<ul class=\"list bulleted\">\n"),
                }
                for item in &l.items {
                    h.raw("<li>");
                    self.inlines(h, item.inlines());
                    h.raw("</li>\n");
                }
                h.raw(match l.style {
                    ListStyle::Numbered => "</ol>\n",
                    ListStyle::Bulleted => "</ul>\n",
                });
            }
            Block::Closer(c) => {
                h.raw("<div class=\"closer\">\n");
                for line in &c.lines {
                    h.raw("<p class=\"closer-line\">");
                    self.inlines(h, line.inlines());
                    h.raw("</p>\n");
                }
                for s in &c.signatures {
                    let mut class = format!("signature {}", side(s.side));
                    if s.autograph {
                        class.push_str(" autograph");
                    }
                    h.raw(&format!("<p class=\"{class}\">"));
                    if let Some(role) = &s.role {
                        h.raw("<span class=\"role\">");
                        self.inlines(h, role.inlines());
                        h.raw("</span> ");
                    }
                    h.raw("<span class=\"name\">");
                    self.inlines(h, s.name.inlines());
                    h.raw("</span></p>\n");
                }
                h.raw("</div>\n");
            }
            Block::Postscript(p) => {
                let class = if p.hand.is_some() {
                    "postscript other-hand"
                } else {
                    "postscript"
                };
                self.paragraphs(h, i, class, p.text.paragraphs());
            }
            Block::Table(t) => {
                h.raw("<table class=\"table\">\n");
                for (r, row) in t.rows.iter().enumerate() {
                    let cell = if r < t.header_rows { "th" } else { "td" };
                    h.raw("<tr>");
                    for c in row {
                        h.raw(&format!("<{cell}>"));
                        self.inlines(h, c.inlines());
                        h.raw(&format!("</{cell}>"));
                    }
                    h.raw("</tr>\n");
                }
                h.raw("</table>\n");
            }
            Block::Folio(f) => {
                // A page break of the original, named for assistive technology and listed
                // in the page-list nav.
                let id = format!("folio-{}", self.folios.len() + 1);
                h.raw(&format!(
                    "<p class=\"folio\" id=\"{id}\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"{}\">",
                    attr(&f.label)
                ));
                h.text(&format!("/{}/", f.label));
                h.raw("</p>\n");
                self.folios.push((id, f.label.clone()));
            }
        }
    }

    /// Paragraphs of one block, each `<p class=…>`; the block's note after the last.
    fn paragraphs(&mut self, h: &mut Html, i: usize, class: &str, paragraphs: &'a [Text]) {
        let last = paragraphs.len().saturating_sub(1);
        for (k, para) in paragraphs.iter().enumerate() {
            h.raw(&format!("<p class=\"{class}\">"));
            self.inlines(h, para.inlines());
            if k == last {
                self.block_note(h, i);
            }
            h.raw("</p>\n");
        }
        if paragraphs.is_empty() {
            if let Some(n) = self.notes.of_block(i) {
                h.raw(&format!("<p class=\"{class}\">"));
                self.noteref(h, n);
                h.raw("</p>\n");
            }
        }
    }

    /// A mark in the order of every edition (`shared::mark_parts`): its text, then its
    /// signature and date flush right under it, the note on its hand after the last; the
    /// hand in italic under it all when the style shows it inline.
    fn mark(&mut self, h: &mut Html, i: usize, m: &'a Mark) {
        let (kind, position) = (m.kind.name(), m.position.name());
        h.raw(&format!("<div class=\"mark {kind} {position}\">\n"));
        let parts = shared::mark_parts(m);
        let last = parts.len() - 1;
        for (k, part) in parts.into_iter().enumerate() {
            match part {
                MarkPart::Text(t) => {
                    h.raw("<p class=\"mark-text\">");
                    self.inlines(h, t.inlines());
                }
                MarkPart::Signature(t) => {
                    h.raw("<p class=\"mark-signature\">");
                    self.inlines(h, t.inlines());
                }
                MarkPart::Date(d) => {
                    h.raw("<p class=\"mark-date\">");
                    h.text(&shared::typography::bind(d));
                }
            }
            if k == last {
                self.block_note(h, i);
            }
            h.raw("</p>\n");
        }
        // The editor's words stand outside a stamp's frame, inside any other mark's box.
        let stamp = m.kind == MarkKind::Stamp;
        if stamp {
            h.raw("</div>\n");
        }
        if let Some(text) = shared::inline_hand(m, self.style, self.labels) {
            h.raw(&format!("<p class=\"mark-hand\"{}>", self.apparatus_lang));
            let old = h.face(true, false);
            h.text(&text);
            h.restore(old);
            h.raw("</p>\n");
        }
        if !stamp {
            h.raw("</div>\n");
        }
    }

    /// A note reference: the first one to a note carries the id the note links back to.
    /// In a volume the id goes on the first reference in the file where `NoteNumbers` found
    /// the first one, which is where the note links back to.
    fn noteref(&mut self, h: &mut Html, n: usize) {
        let here = self.ref_in_commentary(n) == self.in_commentary;
        let id = if here && self.referenced.insert(n) {
            format!(" id=\"{}ref-{n}\"", self.prefix(self.in_commentary))
        } else {
            String::new()
        };
        let there = self.note_in_commentary(n);
        let href = self.link(there, &format!("{}note-{n}", self.prefix(there)));
        h.raw(&format!(
            "<a class=\"noteref\" epub:type=\"noteref\" role=\"doc-noteref\" href=\"{href}\"{id}>"
        ));
        let mark = self.notes.mark(n).to_string();
        h.text(&mark);
        h.raw("</a>");
    }

    fn inlines(&mut self, h: &mut Html, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(s) if self.tie => h.text(&tie_initials(s)),
                // No-break spaces where Russian typography binds words, as in every edition.
                Inline::Text(s) => h.text(&shared::typography::bind(s)),
                Inline::Underline { double, content } => {
                    let class = if *double {
                        "double-underline"
                    } else {
                        "underline"
                    };
                    // Italic shows a single underline, bold italic a double one.
                    let (italic, bold) = match self.style.inline.underline {
                        UnderlineDisplay::Italic => (true, *double),
                        UnderlineDisplay::Spaced => (false, *double),
                        UnderlineDisplay::Underline => (false, false),
                    };
                    h.raw(&format!("<span class=\"{class}\">"));
                    let old = h.face(italic, bold);
                    self.inlines(h, content);
                    h.restore(old);
                    h.raw("</span>");
                }
                Inline::Spaced(c) => {
                    // Letter spacing, not spaces, so a search finds the word; the last letter
                    // unspaced, so no gap opens before the punctuation after it.
                    h.raw("<span class=\"spaced\">");
                    match shared::spacing::last_letter_apart(c) {
                        Some((before, head, last)) => {
                            self.inlines(h, before);
                            self.inlines(h, &[Inline::Text(head.to_string())]);
                            h.raw("<span class=\"spaced-end\">");
                            h.text(last);
                            h.raw("</span>");
                        }
                        None => self.inlines(h, c),
                    }
                    h.raw("</span>");
                }
                // Left out, the words in a note "Зачёркнуто: …" (style `inline.deleted`).
                Inline::Deleted(_) if self.notes.deletions_in_notes() => {}
                Inline::Deleted(c) => {
                    h.raw("<del class=\"deleted\">");
                    let brackets = self.style.inline.deleted == DeletedDisplay::Brackets;
                    if brackets {
                        h.text("‹");
                    }
                    self.inlines(h, c);
                    if brackets {
                        h.text("›");
                    }
                    h.raw("</del>");
                }
                Inline::Inserted { content, .. } => {
                    h.raw("<ins class=\"inserted\">");
                    self.inlines(h, content);
                    h.raw("</ins>");
                }
                Inline::Unclear(c) => {
                    h.raw("<span class=\"unclear\">");
                    self.inlines(h, c);
                    h.raw("<span class=\"query\">");
                    h.text("[?]");
                    h.raw("</span></span>");
                }
                Inline::Gap(d) => {
                    h.raw(&format!("<span class=\"gap\"{}>", self.apparatus_lang));
                    let old = h.face(true, false);
                    h.text(&shared::gap_text(d.as_deref(), self.labels));
                    h.restore(old);
                    h.raw("</span>");
                }
                Inline::Supplied(c) => {
                    h.raw("<span class=\"supplied\">");
                    h.text("[");
                    self.inlines(h, c);
                    h.text("]");
                    h.raw("</span>");
                }
                Inline::Choice { original: c, .. } => self.inlines(h, c),
                Inline::Foreign { lang, content } => {
                    h.raw(&format!(
                        "<span lang=\"{}\" xml:lang=\"{}\">",
                        attr(lang),
                        attr(lang)
                    ));
                    self.inlines(h, content);
                    h.raw("</span>");
                }
                Inline::Sic(c) => {
                    h.raw("<span class=\"sic\">");
                    self.inlines(h, c);
                    h.raw("</span>");
                }
                Inline::Hand { content, .. } => {
                    h.raw("<span class=\"hand\">");
                    self.inlines(h, content);
                    h.raw("</span>");
                }
                // A name with a register key counts as a mention (shared::index).
                Inline::Mention { content, .. } | Inline::Name { content, .. } => {
                    match self.mentions.of_span(inline) {
                        Some(n) => {
                            self.anchors.0.entry(n).or_insert(self.in_commentary);
                            h.raw(&format!(
                                "<span class=\"mention\" id=\"{}{}\">",
                                self.prefix(self.in_commentary),
                                crate::shared::index::anchor_id(n)
                            ));
                            self.inlines(h, content);
                            h.raw("</span>");
                        }
                        None => self.inlines(h, content),
                    }
                }
                Inline::NoteRef(id) => {
                    if let Some(n) = self.notes.of_note(id) {
                        self.noteref(h, n);
                    }
                }
                Inline::LineBreak => h.raw("<br/>\n"),
                Inline::Italic(c) => {
                    h.raw("<i class=\"italic\">");
                    let old = h.face(true, false);
                    self.inlines(h, c);
                    h.restore(old);
                    h.raw("</i>");
                }
                Inline::Bold(c) => {
                    h.raw("<b class=\"bold\">");
                    let old = h.face(false, true);
                    self.inlines(h, c);
                    h.restore(old);
                    h.raw("</b>");
                }
                Inline::Superscript(c) => {
                    h.raw("<sup class=\"superscript\">");
                    self.inlines(h, c);
                    h.raw("</sup>");
                }
                Inline::Subscript(c) => {
                    h.raw("<sub class=\"subscript\">");
                    self.inlines(h, c);
                    h.raw("</sub>");
                }
            }
            if let Some(n) = self.notes.of_span(inline) {
                self.noteref(h, n);
            }
        }
    }
}

fn side(s: Side) -> &'static str {
    match s {
        Side::Left => "left",
        Side::Right => "right",
    }
}

/// The editor's text with initials tied to what follows by no-break spaces ("И.\u{a0}В.
/// Сталину" never breaks after "И."). Only for editorial text: a transcription keeps its
/// spaces as typed.
pub fn tie_initials(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let initial = c == ' '
            && i >= 2
            && chars[i - 1] == '.'
            && chars[i - 2].is_uppercase()
            && (i < 3 || !chars[i - 3].is_alphabetic());
        out.push(if initial { '\u{a0}' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_are_tied_to_the_name() {
        assert_eq!(
            super::tie_initials("Письмо Г. Е. Зиновьева И. В. Сталину. Да"),
            "Письмо Г.\u{a0}Е.\u{a0}Зиновьева И.\u{a0}В.\u{a0}Сталину. Да"
        );
    }
}
