//! The body of one document as WordprocessingML: paragraphs in role styles, runs in
//! inline-mark styles, footnotes for every numbered note.

use super::styles::{character_props, id, text_width};
use super::xml::{escape_into, Ind, PPr, RPr};
use crate::markup::Inline;
use crate::model::{Align, Block, Document, ListStyle, Side};
use crate::shared::{self, Labels, NoteNumbers};
use crate::style::{InsertedDisplay, Style};
use std::collections::BTreeSet;
use std::fmt::Write as _;

mod marks;
mod notes;
mod table;

/// A list needing a numbering instance in `numbering.xml`.
#[derive(Clone, Copy, Debug)]
pub enum ListDef {
    /// Decimal, starting at this number.
    Numbered(u32),
    /// Bulleted with a dash.
    Bulleted,
}

/// What the documents of one package share: the parts being built, the footnote ids, the
/// characters used (for font subsets), the numbering instances.
#[derive(Debug, Default)]
pub struct Package {
    /// The content of `w:body`.
    pub body: String,
    /// The `w:footnote` elements after the two separators.
    pub footnotes: String,
    /// The last footnote id given; ids are per package, numbers per document.
    pub last_footnote_id: u32,
    /// The `w:endnote` elements after the two separators: the notes the style places at
    /// the end of the document or of the volume.
    pub endnotes: String,
    /// The last endnote id given.
    pub last_endnote_id: u32,
    /// A volume's commentary (the notes the style places at the volume's end): each
    /// document's number and title, then its notes, for the end of the volume.
    pub commentary: String,
    /// The last bookmark id given to a note or its reference (see [`Package::bookmark`]).
    pub last_bookmark_id: u32,
    /// Every character written, for the font subsets.
    pub chars: BTreeSet<char>,
    /// Numbering instances, `numId` = index + 1.
    pub lists: Vec<ListDef>,
    /// The faces the text is set in: regular, bold, italic, bold italic. Only these are
    /// embedded.
    pub faces: [bool; 4],
    /// Whether every footnote carries its number as a custom mark instead of Word's
    /// automatic numbering: in a volume, whose notes are numbered per document, which
    /// LibreOffice cannot restart per section (docs/docx.md, Notes).
    pub custom_note_marks: bool,
}

impl Package {
    /// A fresh bookmark id. The ids of the titles' bookmarks are the documents' numbers in
    /// the volume; these start far above them.
    pub fn bookmark(&mut self) -> u32 {
        self.last_bookmark_id += 1;
        100_000 + self.last_bookmark_id
    }

    /// Appends `s` as character data and records its characters.
    fn text(&mut self, out: &mut String, s: &str) {
        self.chars.extend(s.chars());
        escape_into(out, s);
    }
}

/// Writes one document into the package body.
pub struct DocWriter<'a, 'p> {
    doc: &'a Document,
    style: &'a Style,
    labels: &'static Labels,
    notes: NoteNumbers<'a>,
    pkg: &'p mut Package,
    /// Note numbers given a footnote or an endnote so far, and how many of each Word
    /// numbers itself (the rest carry custom marks).
    emitted: BTreeSet<usize>,
    footnote_count: usize,
    endnote_count: usize,
    width: i64,
    /// Whether the paragraph being written is bold by its style.
    bold_paragraph: bool,
    /// The document's mentions, as the indexes count them (shared::index).
    mentions: shared::index::Mentions,
    /// The register the mentions point to: each mention gets a Word index entry (XE).
    register: Option<&'a crate::register::Register>,
    /// A bookmark around the title (id, name): the target of a volume's contents entry.
    title_bookmark: Option<(usize, String)>,
    /// In a volume: the document's place in it (from 0), which names the bookmarks of its
    /// notes for the volume's end; those go to the commentary ([`Package::commentary`]).
    volume_place: Option<usize>,
}

/// Paragraph styles set in bold.
const BOLD_PARAGRAPHS: [&str; 7] = [
    id::NUMBER,
    id::TITLE,
    id::HEADING,
    id::VOLUME_TITLE,
    id::FRONT_HEADING,
    id::COMMENTARY_HEADING,
    id::COMMENTARY_DOCUMENT,
];

impl<'a, 'p> DocWriter<'a, 'p> {
    /// A writer for `doc` adding to `pkg`.
    pub fn new(doc: &'a Document, style: &'a Style, pkg: &'p mut Package) -> Self {
        DocWriter {
            doc,
            style,
            labels: Labels::of(&doc.language, style),
            notes: NoteNumbers::new(doc, style),
            pkg,
            emitted: BTreeSet::new(),
            footnote_count: 0,
            endnote_count: 0,
            width: text_width(style),
            bold_paragraph: false,
            register: None,
            mentions: shared::index::Mentions::new(doc),
            title_bookmark: None,
            volume_place: None,
        }
    }

    /// Writes the document as the `k`th (from 0) of a volume: its notes for the volume's
    /// end go to the commentary (the style must be the volume's documents', with
    /// `notes.in_volume`).
    pub fn in_volume(mut self, k: usize) -> Self {
        self.volume_place = Some(k);
        self
    }

    /// Marks every mention with a Word index entry (an XE field) for the entry of
    /// `register` it points to.
    pub fn with_register(mut self, register: Option<&'a crate::register::Register>) -> Self {
        self.register = register;
        self
    }

    /// Puts a bookmark named `name` (id `id`) around the title, for a contents entry's
    /// page reference and link.
    pub fn with_title_bookmark(mut self, id: usize, name: String) -> Self {
        self.title_bookmark = Some((id, name));
        self
    }

    /// The whole document: heading, content, legend. `sect` closes the document's section
    /// (a volume), written into the last paragraph's properties.
    pub fn write(mut self, sect: Option<String>) {
        let mut out = String::with_capacity(32 * 1024);
        if let Some(n) = shared::number_line(self.doc) {
            self.para(&mut out, PPr::styled(id::NUMBER), |w, o| w.plain(o, &n));
        }
        let title = self.doc.title.inlines();
        let bookmark = self.title_bookmark.clone();
        self.para(&mut out, PPr::styled(id::TITLE), |w, o| {
            if let Some((id, name)) = &bookmark {
                let _ = write!(o, "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>");
            }
            w.runs(o, title, &[]);
            if let Some((id, _)) = &bookmark {
                let _ = write!(o, "<w:bookmarkEnd w:id=\"{id}\"/>");
            }
        });
        if let Some(d) = shared::date_place_line(self.doc, self.labels) {
            self.para(&mut out, PPr::styled(id::DATE), |w, o| w.plain(o, &d));
        }

        let blocks = &self.doc.content;
        let mut i = 0;
        while i < blocks.len() {
            if let Some(used) = self.marks_beside_address(&mut out, i) {
                i += used;
                continue;
            }
            if let Some(used) = self.marks_in_margin(&mut out, i) {
                i += used;
                continue;
            }
            self.block(&mut out, i);
            i += 1;
        }

        let mut legend_pr = PPr::styled(id::LEGEND);
        legend_pr.sect = sect;
        if let Some(legend) = shared::legend(self.doc, self.labels) {
            // The shared legend is a copy; the document's own remark or free-legend inlines
            // are written from the document, so note spans in them keep their numbers.
            let source = self.doc.source.as_ref();
            let own: &'a [Inline] = match source {
                Some(s) if s.legend.is_some() => s.legend.as_ref().map_or(&[], |t| t.inlines()),
                Some(s) => s.remarks.as_ref().map_or(&[], |t| t.inlines()),
                None => &[],
            };
            let composed = legend[..legend.len().saturating_sub(own.len())].to_vec();
            self.para(&mut out, legend_pr, |w, o| {
                for inline in &composed {
                    if let Inline::Text(t) = inline {
                        w.plain(o, t);
                    }
                }
                w.runs(o, own, &[]);
            });
        } else if legend_pr.sect.is_some() {
            self.para(&mut out, legend_pr, |_, _| {});
        }
        self.pkg.body.push_str(&out);
        self.volume_notes();
    }

    /// A paragraph of inline content in a style, written straight into the body (the front
    /// matter of a volume).
    pub fn paragraph(&mut self, style: &'static str, inlines: &'a [Inline]) {
        let mut out = String::new();
        self.para(&mut out, PPr::styled(style), |w, o| w.runs(o, inlines, &[]));
        self.pkg.body.push_str(&out);
    }

    /// A paragraph of plain text in a style, written straight into the body.
    pub fn plain_paragraph(&mut self, style: &'static str, text: &str) {
        let mut out = String::new();
        self.para(&mut out, PPr::styled(style), |w, o| w.plain(o, text));
        self.pkg.body.push_str(&out);
    }

    /// An entry of a list of abbreviations: the abbreviation, a tab, what it stands for.
    pub fn abbreviation(&mut self, short: &str, full: &'a [Inline]) {
        let mut out = String::new();
        self.para(&mut out, PPr::styled(id::ABBREVIATION), |w, o| {
            w.plain(o, short);
            o.push_str("<w:r><w:tab/></w:r>");
            w.runs(o, full, &[]);
        });
        self.pkg.body.push_str(&out);
    }

    /// An entry of a volume's contents: a link to the bookmark on the document's title, a
    /// dot leader, and the page as a PAGEREF field (its result left for the reader to
    /// compute).
    pub fn contents_entry(&mut self, entry: &str, bookmark: &str) {
        let mut out = String::new();
        self.para(&mut out, PPr::styled(id::TOC1), |w, o| {
            let _ = write!(o, "<w:hyperlink w:anchor=\"{bookmark}\" w:history=\"1\">");
            w.plain(o, entry);
            let _ = write!(o, "</w:hyperlink><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF {bookmark} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        });
        self.pkg.body.push_str(&out);
    }

    /// A paragraph: properties, then whatever `content` writes.
    fn para(&mut self, out: &mut String, ppr: PPr, content: impl FnOnce(&mut Self, &mut String)) {
        out.push_str("<w:p>");
        ppr.write(out);
        self.bold_paragraph = ppr.style.is_some_and(|s| BOLD_PARAGRAPHS.contains(&s));
        content(self, out);
        self.bold_paragraph = false;
        out.push_str("</w:p>");
    }

    /// A run of plain text with no character style.
    fn plain(&mut self, out: &mut String, s: &str) {
        self.run(out, &RPr::default(), s);
    }

    /// A run of text with the given properties.
    fn run(&mut self, out: &mut String, rpr: &RPr, s: &str) {
        if s.is_empty() {
            return;
        }
        let mut look = rpr.clone();
        if let Some(style) = rpr.style {
            look.merge(&character_props(style, self.style));
            if style == id::ch::UNDERLINED_TWICE {
                look.merge(&character_props(id::ch::UNDERLINED, self.style));
            }
        }
        let bold = look.bold || self.bold_paragraph;
        self.pkg.faces[usize::from(bold) + 2 * usize::from(look.italic)] = true;
        out.push_str("<w:r>");
        rpr.write(out);
        out.push_str("<w:t xml:space=\"preserve\">");
        self.pkg.text(out, s);
        out.push_str("</w:t></w:r>");
    }

    /// Run properties for a run inside the character styles `stack` (outermost first): the
    /// innermost as the style, the outer ones' looks as direct formatting.
    fn rpr(&self, stack: &[&'static str]) -> RPr {
        let mut r = RPr::default();
        if let Some((inner, outer)) = stack.split_last() {
            for s in outer {
                if *s == id::ch::UNDERLINED_TWICE {
                    // Its look is its base's plus its own.
                    r.merge(&character_props(id::ch::UNDERLINED, self.style));
                }
                r.merge(&character_props(s, self.style));
            }
            r.style = Some(inner);
        }
        r
    }

    /// Inline content as runs.
    fn runs(&mut self, out: &mut String, inlines: &'a [Inline], stack: &[&'static str]) {
        self.runs_in(out, inlines, stack, &mut None);
    }

    /// Inline content as runs; inside a footnote (`nested` is `Some`) note references become
    /// plain superscript numbers and the notes they call are collected.
    fn runs_in(
        &mut self,
        out: &mut String,
        inlines: &'a [Inline],
        stack: &[&'static str],
        nested: &mut Option<Vec<usize>>,
    ) {
        for inline in inlines {
            let with = |s: &'static str| {
                let mut v = stack.to_vec();
                v.push(s);
                v
            };
            match inline {
                Inline::Text(s) => {
                    // No-break spaces where Russian typography binds words ("И. В. Сталин",
                    // "3 декабря", "№ 5"), as in every edition.
                    let r = self.rpr(stack);
                    self.run(out, &r, &shared::typography::bind(s));
                }
                Inline::Underline { double, content } => {
                    let mut v = with(id::ch::UNDERLINED);
                    if *double {
                        v.pop();
                        v.push(id::ch::UNDERLINED_TWICE);
                    }
                    self.runs_in(out, content, &v, nested);
                }
                Inline::Spaced(c) => {
                    let stack = with(id::ch::SPACED);
                    match shared::spacing::last_letter_apart(c) {
                        // The last letter keeps the style but no spacing, so no gap opens
                        // before the punctuation after it.
                        Some((before, head, last)) => {
                            self.runs_in(out, before, &stack, nested);
                            let r = self.rpr(&stack);
                            self.run(out, &r, &shared::typography::bind(head));
                            let end = RPr {
                                letter_spacing: Some(0),
                                ..r
                            };
                            self.run(out, &end, last);
                        }
                        None => self.runs_in(out, c, &stack, nested),
                    }
                }
                // Left out, the words in a note "Зачёркнуто: …" (style `inline.deleted`).
                Inline::Deleted(_) if self.notes.deletions_in_notes() => {}
                Inline::Deleted(c) => {
                    let v = with(id::ch::DELETED);
                    let brackets =
                        self.style.inline.deleted == crate::style::DeletedDisplay::Brackets;
                    let r = self.rpr(&v);
                    if brackets {
                        self.run(out, &r, "‹");
                    }
                    self.runs_in(out, c, &v, nested);
                    if brackets {
                        self.run(out, &r, "›");
                    }
                }
                Inline::Inserted { content, .. } => {
                    // The style's editorial convention, as in every edition: \added/, or
                    // (`inline.inserted = "note"`) the words as written with a note saying
                    // where they were added, which NoteNumbers gives the span.
                    let v = with(id::ch::INSERTED);
                    let slashes = self.style.inline.inserted == InsertedDisplay::Slashes;
                    let r = self.rpr(&v);
                    if slashes {
                        self.run(out, &r, "\\");
                    }
                    self.runs_in(out, content, &v, nested);
                    if slashes {
                        self.run(out, &r, "/");
                    }
                }
                Inline::Unclear(c) => {
                    self.runs_in(out, c, &with(id::ch::UNCLEAR), nested);
                    let r = self.rpr(&with(id::ch::EDITORIAL));
                    self.run(out, &r, "[?]");
                }
                Inline::Gap(d) => {
                    let r = self.rpr(&with(id::ch::EDITORIAL));
                    let text = shared::gap_text(d.as_deref(), self.labels);
                    self.run(out, &r, &text);
                }
                Inline::Supplied(c) => {
                    let v = with(id::ch::SUPPLIED);
                    let r = self.rpr(&v);
                    self.run(out, &r, "[");
                    self.runs_in(out, c, &v, nested);
                    self.run(out, &r, "]");
                }
                Inline::Sic(c)
                | Inline::Choice { original: c, .. }
                | Inline::Foreign { content: c, .. } => self.runs_in(out, c, stack, nested),
                Inline::Hand { content, .. } => {
                    self.runs_in(out, content, &with(id::ch::HAND), nested)
                }
                // A name with a register key counts as a mention (shared::index).
                Inline::Mention { content, .. } | Inline::Name { content, .. } => {
                    self.runs_in(out, content, stack, nested);
                    // Only what the indexes count gets a field: a keyed name inside a
                    // mention is the same mention, whose field it would double.
                    let entry = inline
                        .register_key()
                        .filter(|_| self.mentions.of_span(inline).is_some())
                        .and_then(|(kind, key)| Some((self.register?.find(kind, key)?, kind)));
                    if let Some((e, kind)) = entry {
                        super::index::xe_field(out, e, kind);
                    }
                }
                Inline::NoteRef(note_id) => {
                    if let Some(n) = self.notes.of_note(note_id) {
                        self.note_ref(out, n, nested);
                    }
                }
                Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::Superscript(c) => self.runs_in(out, c, &with(id::ch::RAISED), nested),
                Inline::Italic(c) => self.runs_in(out, c, &with(id::ch::ITALIC), nested),
                Inline::Bold(c) => self.runs_in(out, c, &with(id::ch::BOLD), nested),
                Inline::Subscript(c) => self.runs_in(out, c, &with(id::ch::LOWERED), nested),
            }
            if let Some(n) = self.notes.of_span(inline) {
                self.note_ref(out, n, nested);
            }
        }
    }

    /// The note reference closing block `i`, if its hand is noted.
    fn block_note(&mut self, out: &mut String, i: usize) {
        if let Some(n) = self.notes.of_block(i) {
            self.note_ref(out, n, &mut None);
        }
    }

    /// The address: one paragraph, its lines broken as written.
    fn address(&mut self, out: &mut String, a: &'a crate::model::Address, in_table: bool) {
        let mut p = PPr::styled(id::ADDRESS);
        if in_table || a.side == Side::Left {
            p.ind = Some(Ind {
                left: Some(0),
                ..Ind::default()
            });
        }
        self.para(out, p, |w, o| {
            for (k, line) in a.lines.iter().enumerate() {
                if k > 0 {
                    o.push_str("<w:r><w:br/></w:r>");
                }
                w.runs(o, line.inlines(), &[]);
            }
        });
    }

    /// Block `i` of the content.
    fn block(&mut self, out: &mut String, i: usize) {
        let block: &'a Block = &self.doc.content[i];
        match block {
            Block::Dateline(d) => {
                let mut p = PPr::styled(id::DATELINE);
                if d.side == Side::Left {
                    p.jc = Some("left");
                }
                self.para(out, p, |w, o| {
                    w.runs(o, d.text.inlines(), &[]);
                    w.block_note(o, i);
                });
            }
            Block::Mark(m) => self.mark(out, i, m),
            Block::Address(a) => self.address(out, a, false),
            Block::Heading(h) => {
                self.para(out, PPr::styled(id::HEADING), |w, o| {
                    w.runs(o, h.text.inlines(), &[])
                });
            }
            Block::Salutation(s) => {
                self.para(out, PPr::styled(id::SALUTATION), |w, o| {
                    w.runs(o, s.text.inlines(), &[])
                });
            }
            Block::Text(t) => {
                let (style, jc) = text_style(t);
                self.paragraphs(out, t.text.paragraphs(), style, jc, i);
            }
            Block::Postscript(p) => {
                self.paragraphs(out, p.text.paragraphs(), id::POSTSCRIPT, None, i);
            }
            Block::Quote(q) => {
                for para in q.text.paragraphs() {
                    self.para(out, PPr::styled(id::QUOTE), |w, o| {
                        w.runs(o, para.inlines(), &[])
                    });
                }
            }
            Block::List(l) => {
                self.pkg.lists.push(match l.style {
                    ListStyle::Numbered => ListDef::Numbered(l.start),
                    ListStyle::Bulleted => ListDef::Bulleted,
                });
                let num = self.pkg.lists.len() as u32;
                for item in &l.items {
                    let mut p = PPr::styled(id::LIST);
                    p.num = Some(num);
                    // A protocol's "Слушали" item stays on the page of its "Постановили".
                    p.keep_next = shared::protocol::opens_item(item.inlines());
                    self.para(out, p, |w, o| w.runs(o, item.inlines(), &[]));
                }
            }
            Block::Closer(c) => {
                for line in &c.lines {
                    self.para(out, PPr::styled(id::CLOSER), |w, o| {
                        w.runs(o, line.inlines(), &[])
                    });
                }
                for s in &c.signatures {
                    let style = match s.side {
                        Side::Right => id::SIGNATURE_RIGHT,
                        Side::Left => id::SIGNATURE_LEFT,
                    };
                    self.para(out, PPr::styled(style), |w, o| {
                        if let Some(role) = &s.role {
                            w.runs(o, role.inlines(), &[]);
                        }
                        if s.role.is_some() || s.side == Side::Right {
                            o.push_str("<w:r><w:tab/></w:r>");
                        }
                        w.runs(o, s.name.inlines(), &[]);
                    });
                }
            }
            Block::Table(t) => self.table(out, t),
            Block::Folio(f) => {
                let label = format!("/{}/", f.label);
                self.para(out, PPr::styled(id::FOLIO), |w, o| w.plain(o, &label));
            }
        }
    }

    /// Block `i` beside marks in the margin: into `beside`, the block, or of a text or a
    /// postscript its first paragraph, the rest into `after`.
    fn block_beside(
        &mut self,
        beside: &mut String,
        after: &mut String,
        i: usize,
        block: &'a Block,
    ) {
        let (paragraphs, style, jc) = match block {
            Block::Text(t) => {
                let (style, jc) = text_style(t);
                (t.text.paragraphs(), style, jc)
            }
            Block::Postscript(p) => (p.text.paragraphs(), id::POSTSCRIPT, None),
            _ => {
                self.block(beside, i);
                return;
            }
        };
        match paragraphs.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                // No block has this index: the block's note goes after its last paragraph.
                self.paragraphs(beside, std::slice::from_ref(first), style, jc, usize::MAX);
                self.paragraphs(after, rest, style, jc, i);
            }
            _ => self.paragraphs(beside, paragraphs, style, jc, i),
        }
        if beside.is_empty() {
            // A table cell ends with a paragraph.
            beside.push_str("<w:p/>");
        }
    }

    /// Paragraphs of running text; the block's note after the last.
    fn paragraphs(
        &mut self,
        out: &mut String,
        paragraphs: &'a [crate::model::Text],
        style: &'static str,
        jc: Option<&'static str>,
        i: usize,
    ) {
        let last = paragraphs.len().saturating_sub(1);
        for (k, para) in paragraphs.iter().enumerate() {
            let mut p = PPr::styled(style);
            p.jc = jc;
            // "Слушали: 4. …" typed as a paragraph stays whole with what was decided.
            let heard = shared::protocol::opens_item(para.inlines());
            p.keep_next = heard;
            p.keep_lines = heard;
            self.para(out, p, |w, o| {
                w.runs(o, para.inlines(), &[]);
                if k == last {
                    w.block_note(o, i);
                }
            });
        }
    }
}

/// The paragraph style and alignment of a text block.
fn text_style(t: &crate::model::Paragraphs) -> (&'static str, Option<&'static str>) {
    let style = if t.indent { id::TEXT } else { id::TEXT_FLUSH };
    let jc = match t.align {
        Align::Justify => None,
        Align::Left => Some("left"),
        Align::Center => Some("center"),
        Align::Right => Some("right"),
    };
    (style, jc)
}

/// Characters every embedded subset holds whatever the text: Basic Latin and Latin-1,
/// all of Cyrillic (pre-1918 letters included), the stress mark, general punctuation, №.
/// Two reasons: an editor may type these on a machine without the font, and LibreOffice
/// keeps the first embedded font of a family for the whole session (its temporary font
/// file is named by family and face), so every folio DOCX should embed the same subset —
/// with this base set, documents in Russian or English do.
pub fn base_chars() -> BTreeSet<char> {
    let ranges = [
        (0x20, 0x7e),
        (0xa0, 0xff),
        (0x300, 0x301),
        (0x400, 0x4ff),
        (0x2010, 0x2027),
        (0x2030, 0x203a),
        (0x20ac, 0x20ac),
        (0x2116, 0x2116),
        (0x2122, 0x2122),
    ];
    ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
        .collect()
}
