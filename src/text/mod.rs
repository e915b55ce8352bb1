//! The plain-text edition: a faithful layout in monospace at a fixed width.
//!
//! Conventions (docs/format.md, "The plain-text edition"): underlined `_word_` (twice:
//! `__word__`), spaced out `w o r d`, deleted `<word>`, inserted `\word/`, unclear `word[?]`,
//! gap `[неразб.]`, supplied `Ст[алин]`, note references `[1]`, folio breaks `/л. 2/`, stamps
//! framed. Widths are display columns: a combining stress mark takes none.

mod index;
mod marks;

use crate::diag::Warning;
use crate::markup::Inline;
use crate::model::{Block, Document, ListStyle, Position, Side};
use crate::shared::{self, Labels, NoteNumbers};
use crate::style::notes::NotePlace;
use crate::style::Style;
use unicode_width::UnicodeWidthStr;

mod table;

/// A no-break space inside the working text; it becomes a plain space on output.
const NBSP: char = '\u{a0}';
/// Columns between a top-left mark and an address set beside it.
const GUTTER: usize = 4;

/// Writes the plain-text edition of a document.
pub fn write(doc: &Document, style: &Style) -> String {
    write_with_warnings(doc, style).0
}

/// Writes the plain-text edition of a document, with a warning when a word wider than the
/// line had to be cut where no break is allowed.
pub fn write_with_warnings(doc: &Document, style: &Style) -> (String, Vec<Warning>) {
    let width = style.text.width.max(20);
    let writer = Writer {
        doc,
        page: Page::new(width),
        width,
        indent: style.text.indent,
        labels: Labels::of(&doc.language, style),
        notes: NoteNumbers::new(doc, style),
        style,
    };
    // Nothing invisible from the input reaches the page (a soft hyphen, a zero-width space).
    let mut text = shared::typography::strip_invisible(&writer.document());
    // A document alone prints its own register's indexes when the style asks.
    if let Some(register) = doc.register.as_ref().filter(|_| style.index.document) {
        let mentions = [shared::index::Mentions::new(doc)];
        let indexes = shared::index::indexes(register, &mentions, style);
        let lines = index::lines(&indexes, &[doc], &writer.page, writer.labels);
        if !lines.is_empty() {
            text.push_str(&shared::typography::strip_invisible(&finish_lines(&lines)));
        }
    }
    let cut = writer.page.cut.take();
    let warnings = if cut.is_empty() {
        vec![]
    } else {
        let list: Vec<String> = cut.iter().take(10).map(|w| format!("‘{w}…’")).collect();
        vec![Warning {
            message: format!(
                "{}: {} wider than the {width} columns of a line, cut where no break is allowed: {}{}",
                doc.id,
                if cut.len() == 1 { "a word is" } else { "words are" },
                list.join(", "),
                if cut.len() > 10 { format!(" and {} more", cut.len() - 10) } else { String::new() }
            ),
        }]
    };
    (text, warnings)
}

/// Writes the plain-text edition of a volume: front matter (title, editors, publisher),
/// a contents list, the preface and the abbreviations, then the documents one after another
/// with a clear separator.
pub fn write_volume(
    volume: &crate::volume::Volume,
    style: &Style,
) -> Result<crate::output::Output, crate::diag::Error> {
    let width = style.text.width.max(20);
    let page = Page::new(width);
    let m = &volume.manifest;
    let labels = Labels::of(&m.language, style);
    let rule = "=".repeat(width);
    let mut out: Vec<String> = Vec::new();
    out.extend(page.centre(&m.title));
    if let Some(sub) = &m.subtitle {
        out.extend(page.centre(sub));
    }
    if !m.editors.is_empty() {
        out.push(String::new());
        out.extend(page.centre(&m.editors.join(", ")));
    }
    let imprint: Vec<&str> = [m.publisher.as_deref(), m.year.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !imprint.is_empty() {
        out.push(String::new());
        out.extend(page.centre(&imprint.join(", ")));
    }
    out.push(String::new());
    out.push(rule.clone());
    out.extend(page.centre(labels.contents));
    out.push(String::new());
    let entries: Vec<String> = volume
        .documents
        .iter()
        .map(|d| {
            shared::number_line(d)
                .map(|n| format!("{n}. "))
                .unwrap_or_default()
        })
        .collect();
    let hang = entries.iter().map(|e| cols(e)).max().unwrap_or(0);
    for (doc, entry) in volume.documents.iter().zip(&entries) {
        let mut title = crate::markup::plain_text(doc.title.inlines());
        if let Some(date) = shared::date_place_line(doc, Labels::of(&doc.language, style)) {
            title.push_str(&format!(". {date}"));
        }
        let first = format!("{entry}{}", " ".repeat(hang - cols(entry)));
        out.extend(page.wrap(&title, 0, &first, hang));
    }
    let front = |out: &mut Vec<String>, heading: &str, body: Vec<String>| {
        out.push(String::new());
        out.push(rule.clone());
        out.extend(page.centre(heading));
        out.push(String::new());
        out.extend(body);
    };
    if let Some(preface) = &m.preface {
        let mut body = Vec::new();
        for p in preface.paragraphs() {
            body.extend(page.wrap(
                &render_inline(p.inlines(), &NoteNumbers::default(), labels),
                0,
                &" ".repeat(style.text.indent),
                0,
            ));
        }
        front(&mut out, labels.preface, body);
    }
    if !m.abbreviations.is_empty() {
        let mut body = Vec::new();
        for a in &m.abbreviations {
            let line = format!(
                "{} — {}",
                a.short,
                render_inline(a.full.inlines(), &NoteNumbers::default(), labels)
            );
            body.extend(page.wrap(&line, 0, "", 4));
        }
        front(&mut out, labels.abbreviations, body);
    }
    let mut text = finish_lines(&out);
    for doc in &volume.documents {
        text.push('\n');
        text.push_str(&rule);
        text.push_str("\n\n");
        text.push_str(&write(doc, &volume_document_style(style)));
    }
    let commentary = volume_end_notes(volume, &volume_document_style(style), &page, labels);
    if !commentary.is_empty() {
        text.push_str(&finish_lines(&commentary));
    }
    let mentions: Vec<shared::index::Mentions> = volume
        .documents
        .iter()
        .map(shared::index::Mentions::new)
        .collect();
    let indexes = shared::index::indexes(&volume.register, &mentions, style);
    let docs: Vec<&Document> = volume.documents.iter().collect();
    let lines = index::lines(&indexes, &docs, &page, labels);
    if !lines.is_empty() {
        text.push_str(&finish_lines(&lines));
    }
    Ok(crate::output::Output {
        bytes: text.into_bytes(),
        warnings: vec![],
    })
}

/// The style of a document inside a volume: its indexes, and its notes for the volume's
/// end, are the volume's.
fn volume_document_style(style: &Style) -> Style {
    let mut s = style.clone();
    s.index.document = false;
    s.notes.in_volume = true;
    s
}

/// The notes placed at the volume's end (style `[notes]`, `place = "volume-end"`): a
/// section "КОММЕНТАРИИ", each document's notes under its number (a text has no pages).
fn volume_end_notes(
    volume: &crate::volume::Volume,
    style: &Style,
    page: &Page,
    labels: &Labels,
) -> Vec<String> {
    let mut out = Vec::new();
    for doc in &volume.documents {
        let writer = Writer {
            doc,
            page: Page::new(page.width),
            width: page.width,
            indent: style.text.indent,
            labels: Labels::of(&doc.language, style),
            notes: NoteNumbers::new(doc, style),
            style,
        };
        let entries = writer.notes.at(&[NotePlace::VolumeEnd]);
        if entries.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push(String::new());
            out.push("=".repeat(page.width));
            out.extend(page.centre(&labels.commentary.to_uppercase()));
        }
        out.push(String::new());
        let title = crate::markup::plain_text(doc.title.inlines());
        let heading = match shared::number_line(doc) {
            Some(n) => format!("{n}. {title}"),
            None => title,
        };
        out.extend(page.wrap(&heading, 0, "", 0));
        out.extend(writer.note_lines(&entries));
    }
    out
}

struct Writer<'a> {
    doc: &'a Document,
    page: Page,
    width: usize,
    indent: usize,
    labels: &'static Labels,
    notes: NoteNumbers<'a>,
    style: &'a Style,
}

/// A monospace page of a fixed width: wrapping, centring and alignment.
struct Page {
    width: usize,
    /// The starts of words that had to be cut where no break is allowed.
    cut: std::cell::RefCell<Vec<String>>,
}

impl Page {
    fn new(width: usize) -> Page {
        Page {
            width,
            cut: Default::default(),
        }
    }

    /// Lines of `text`, each centred.
    fn centre(&self, text: &str) -> Vec<String> {
        self.wrap(text, 0, "", 0)
            .into_iter()
            .map(|l| {
                let l = l.trim_start().to_string();
                format!(
                    "{}{l}",
                    " ".repeat((self.width.saturating_sub(cols(&l))) / 2)
                )
            })
            .collect()
    }

    /// Lines of `text`, flush to one side.
    fn aligned(&self, text: &str, side: Side) -> Vec<String> {
        let lines = self.wrap(text, 0, "", 0);
        match side {
            Side::Left => lines,
            Side::Right => lines
                .into_iter()
                .map(|l| format!("{}{l}", " ".repeat(self.width.saturating_sub(cols(&l)))))
                .collect(),
        }
    }

    /// Wraps at the full width: the first line starts with `first`, later lines with
    /// `rest_indent` spaces; `indent` columns of the first line precede `first`.
    fn wrap(&self, text: &str, indent: usize, first: &str, rest_indent: usize) -> Vec<String> {
        self.wrap_width(text, self.width, indent, first, rest_indent)
    }

    /// Greedy wrapping at `width` columns. Hard line breaks (`\n`) from the transcription
    /// are kept; words longer than a line are cut.
    fn wrap_width(
        &self,
        text: &str,
        width: usize,
        indent: usize,
        first: &str,
        rest_indent: usize,
    ) -> Vec<String> {
        let mut out = Vec::new();
        for (n, hard_line) in text.split('\n').enumerate() {
            let lead = if n == 0 {
                format!("{}{first}", " ".repeat(indent))
            } else {
                " ".repeat(rest_indent)
            };
            // The line's width is kept as words are added (measuring the whole line for
            // each word made long paragraphs quadratic).
            let mut line = lead;
            let mut line_cols = cols(&line);
            let mut line_has_word = false;
            for word in hard_line.split(' ').filter(|w| !w.is_empty()) {
                let word_cols = cols(word);
                let needed = line_cols + usize::from(line_has_word) + word_cols;
                if line_has_word && needed > width {
                    out.push(std::mem::take(&mut line));
                    line = " ".repeat(rest_indent);
                    line_cols = rest_indent;
                    line_has_word = false;
                }
                if line_has_word {
                    line.push(' ');
                    line_cols += 1;
                }
                // A word wider than the line is cut where the line ends. Widths are kept
                // as the word is eaten, so a word of any length costs time linear in it.
                let mut rest = word;
                let mut rest_cols = word_cols;
                let mut warned = false;
                while line_cols + rest_cols > width && line_cols < width {
                    let room = width - line_cols;
                    let (cut, allowed) = allowed_cut(rest, room);
                    if cut == 0 {
                        break;
                    }
                    if !allowed && !warned {
                        warned = true;
                        let start: String = word.chars().take(30).collect();
                        self.cut.borrow_mut().push(start);
                    }
                    rest_cols -= cols(&rest[..cut]);
                    line.push_str(&rest[..cut]);
                    out.push(std::mem::take(&mut line));
                    line = " ".repeat(rest_indent);
                    line_cols = rest_indent;
                    rest = &rest[cut..];
                }
                line.push_str(rest);
                // A line's first word is measured with what precedes it (an indent, a
                // label), once a line; a later one after its space adds its own width.
                line_cols = if line_has_word {
                    line_cols + rest_cols
                } else {
                    cols(&line)
                };
                line_has_word = true;
            }
            out.push(line);
        }
        out
    }
}

/// The lines as the file holds them: no-break spaces printed as spaces, no trailing blanks,
/// a newline after each.
fn finish_lines(lines: &[String]) -> String {
    let mut text = String::new();
    for l in lines {
        text.push_str(l.replace(NBSP, " ").trim_end());
        text.push('\n');
    }
    text
}

/// The display width of a string in columns.
fn cols(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

impl Writer<'_> {
    fn document(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        // The editorial heading: number, title, date and place, centred.
        if let Some(n) = shared::number_line(self.doc) {
            out.extend(self.page.centre(&n));
        }
        out.extend(self.page.centre(&self.inline(self.doc.title.inlines())));
        if let Some(d) = shared::date_place_line(self.doc, self.labels) {
            out.extend(self.page.centre(&d));
        }
        out.push(String::new());

        let blocks = &self.doc.content;
        let mut i = 0;
        while i < blocks.len() {
            // A run of top-left marks next to a right-hand address opens the page side by
            // side, as on the original, when both fit.
            if let Some((lines, used)) = self.marks_beside_address(i) {
                out.extend(lines);
                out.push(String::new());
                i += used;
                continue;
            }
            let lines = self.block(i);
            if !lines.is_empty() {
                out.extend(lines);
                out.push(String::new());
            }
            i += 1;
        }

        // A text has no pages: the notes for the foot follow the document after a short
        // rule, those for its end under their heading.
        let foot = self.notes.at(&[NotePlace::Foot]);
        if !foot.is_empty() {
            out.push("-".repeat(10));
            out.extend(self.note_lines(&foot));
            out.push(String::new());
        }
        let end = self.notes.at(&[NotePlace::DocumentEnd]);
        if !end.is_empty() {
            let heading = self.notes.heading(&[NotePlace::DocumentEnd], self.labels);
            out.extend(self.page.centre(heading));
            out.push(String::new());
            out.extend(self.note_lines(&end));
            out.push(String::new());
        }
        if let Some(legend) = shared::legend(self.doc, self.labels) {
            out.extend(self.page.wrap(&self.inline(&legend), 0, "", 0));
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        finish_lines(&out)
    }

    /// Notes as hanging paragraphs: "[а] Рукой …".
    fn note_lines(&self, entries: &[&shared::notes::NoteEntry]) -> Vec<String> {
        let mut out = Vec::new();
        for entry in entries {
            let body = self.inline(&entry.inlines(self.labels));
            let label = format!("[{}] ", entry.mark);
            out.extend(self.page.wrap(&body, 0, &label, cols(&label)));
        }
        out
    }

    /// Top-left marks starting at `start` followed by a right-side address, set side by side.
    fn marks_beside_address(&self, start: usize) -> Option<(Vec<String>, usize)> {
        let blocks = &self.doc.content;
        let (end, address) = crate::shared::marks_beside_address(self.doc, start)?;
        let right: Vec<String> = address
            .lines
            .iter()
            .map(|l| self.inline(l.inlines()))
            .collect();
        let right_w = right.iter().map(|l| cols(l)).max().unwrap_or(0);
        let left_w = self.width.checked_sub(right_w + GUTTER)?;
        if left_w < 16 {
            return None;
        }
        // Signatures stand flush right of the widest mark, as one column.
        let column = (start..end)
            .filter_map(|i| match &blocks[i] {
                Block::Mark(m) => self
                    .mark_lines(i, m, left_w, 0)
                    .iter()
                    .map(|l| cols(l))
                    .max(),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut left: Vec<String> = Vec::new();
        for (i, block) in blocks.iter().enumerate().take(end).skip(start) {
            if let Block::Mark(m) = block {
                left.extend(self.mark_lines(i, m, left_w, column));
            }
        }
        let rows = left.len().max(right.len());
        let mut lines = Vec::with_capacity(rows);
        for r in 0..rows {
            let l = left.get(r).map(String::as_str).unwrap_or("");
            let rt = right.get(r).map(String::as_str).unwrap_or("");
            let pad = self.width.saturating_sub(cols(l) + cols(rt)).max(1);
            lines.push(format!("{l}{}{rt}", " ".repeat(pad)));
        }
        Some((lines, end - start + 1))
    }

    /// The lines of one block at content index `i`.
    fn block(&self, i: usize) -> Vec<String> {
        let block_note = self
            .notes
            .of_block(i)
            .map(|n| format!("[{}]", self.notes.mark(n)))
            .unwrap_or_default();
        match &self.doc.content[i] {
            Block::Dateline(d) => {
                let text = format!("{}{block_note}", self.inline(d.text.inlines()));
                self.page.aligned(&text, d.side)
            }
            Block::Mark(m) => {
                let lines = self.mark_lines(i, m, self.width * 2 / 3, 0);
                let w = lines.iter().map(|l| cols(l)).max().unwrap_or(0);
                let shift = match m.position {
                    Position::TopLeft | Position::BottomLeft | Position::LeftMargin => 0,
                    Position::Top | Position::Bottom => self.width.saturating_sub(w) / 2,
                    Position::TopRight | Position::BottomRight | Position::RightMargin => {
                        self.width.saturating_sub(w)
                    }
                };
                lines
                    .into_iter()
                    .map(|l| format!("{}{l}", " ".repeat(shift)))
                    .collect()
            }
            Block::Address(a) => {
                let lines: Vec<String> = a.lines.iter().map(|l| self.inline(l.inlines())).collect();
                let w = lines
                    .iter()
                    .map(|l| cols(l))
                    .max()
                    .unwrap_or(0)
                    .min(self.width);
                lines
                    .iter()
                    .flat_map(|l| match a.side {
                        // The block stands at the right; its lines keep their left edge.
                        Side::Right => self.page.wrap(
                            l,
                            self.width.saturating_sub(w),
                            "",
                            self.width.saturating_sub(w),
                        ),
                        Side::Left => self.page.wrap(l, 0, "", 0),
                    })
                    .collect()
            }
            Block::Heading(h) => self.page.centre(&self.inline(h.text.inlines())),
            Block::Salutation(s) => self.page.centre(&self.inline(s.text.inlines())),
            Block::Text(p) => self.paragraphs(p.text.paragraphs(), p.indent, p.align, &block_note),
            Block::Postscript(p) => self.paragraphs(
                p.text.paragraphs(),
                true,
                crate::model::Align::Justify,
                &block_note,
            ),
            Block::Quote(q) => {
                let mut out = Vec::new();
                for (k, para) in q.text.paragraphs().iter().enumerate() {
                    if k > 0 {
                        out.push(String::new());
                    }
                    let text = self.inline(para.inlines());
                    out.extend(self.page.wrap_width(
                        &text,
                        self.width.saturating_sub(self.indent).max(10),
                        self.indent,
                        "",
                        self.indent,
                    ));
                }
                out
            }
            Block::List(l) => {
                let mut out = Vec::new();
                let labels: Vec<String> = (0..l.items.len())
                    .map(|k| match l.style {
                        ListStyle::Numbered => format!("{}. ", l.start as usize + k),
                        ListStyle::Bulleted => "– ".to_string(),
                    })
                    .collect();
                let hang = labels.iter().map(|s| cols(s)).max().unwrap_or(0);
                for (item, label) in l.items.iter().zip(&labels) {
                    let first = format!("{}{label}", " ".repeat(hang.saturating_sub(cols(label))));
                    out.extend(
                        self.page
                            .wrap(&self.inline(item.inlines()), hang, &first, hang),
                    );
                }
                out
            }
            Block::Closer(c) => {
                let mut out = Vec::new();
                for line in &c.lines {
                    out.extend(self.page.aligned(&self.inline(line.inlines()), Side::Right));
                }
                for s in &c.signatures {
                    let name = self.inline(s.name.inlines());
                    match (&s.role, s.side) {
                        // A role with a right-hand signature: role at the left, name at the
                        // right, on one line, as typed under Soviet documents.
                        (Some(role), Side::Right) => {
                            let role = self.inline(role.inlines());
                            let gap = self.width.saturating_sub(cols(&role) + cols(&name));
                            if gap >= 2 {
                                out.push(format!("{role}{}{name}", " ".repeat(gap)));
                            } else {
                                out.extend(self.page.wrap(&role, 0, "", 0));
                                out.extend(self.page.aligned(&name, Side::Right));
                            }
                        }
                        (Some(role), Side::Left) => {
                            let role = self.inline(role.inlines());
                            out.extend(self.page.wrap(&format!("{role}  {name}"), 0, "", 0));
                        }
                        (None, side) => out.extend(self.page.aligned(&name, side)),
                    }
                }
                out
            }
            Block::Folio(f) => self.page.aligned(&format!("/{}/", f.label), Side::Right),
            Block::Table(t) => self.table(t),
        }
    }

    fn paragraphs(
        &self,
        paragraphs: &[crate::model::Text],
        indent: bool,
        align: crate::model::Align,
        block_note: &str,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let last = paragraphs.len().saturating_sub(1);
        for (k, para) in paragraphs.iter().enumerate() {
            let mut text = self.inline(para.inlines());
            if k == last {
                text.push_str(block_note);
            }
            let lines = match align {
                crate::model::Align::Center => self.page.centre(&text),
                crate::model::Align::Right => self.page.aligned(&text, Side::Right),
                crate::model::Align::Left | crate::model::Align::Justify => {
                    let first = if indent {
                        " ".repeat(self.indent)
                    } else {
                        String::new()
                    };
                    self.page.wrap(&text, 0, &first, 0)
                }
            };
            out.extend(lines);
        }
        out
    }

    /// Inline content as plain text, with the edition's conventions for each mark.
    fn inline(&self, inlines: &[Inline]) -> String {
        render_inline(inlines, &self.notes, self.labels)
    }
}

/// Inline content as plain text, with the edition's conventions for each mark.
fn render_inline(inlines: &[Inline], notes: &NoteNumbers, labels: &Labels) -> String {
    render_marks(inlines, notes, labels, false)
}

/// Renders inline content; `in_spaced` is true inside spaced-out text, where a nested
/// spaced-out mark adds nothing (spacing it again would double its length at each level).
fn render_marks(
    inlines: &[Inline],
    notes: &NoteNumbers,
    labels: &Labels,
    in_spaced: bool,
) -> String {
    let mut out = String::new();
    for inline in inlines {
        let content = |c: &[Inline]| render_marks(c, notes, labels, in_spaced);
        match inline {
            Inline::Text(s) => {
                out.push_str(&shared::typography::bind(&s.replace(['\n', '\t'], " ")))
            }
            Inline::Underline { double, content: c } => {
                let m = if *double { "__" } else { "_" };
                out.push_str(&format!("{m}{}{m}", content(c)));
            }
            Inline::Spaced(c) if in_spaced => out.push_str(&content(c)),
            Inline::Spaced(c) => {
                let spaced: Vec<String> = render_marks(c, notes, labels, true)
                    .split(' ')
                    .map(|w| {
                        w.chars()
                            .map(String::from)
                            .collect::<Vec<_>>()
                            .join(&NBSP.to_string())
                    })
                    .collect();
                out.push_str(&spaced.join(&format!("{NBSP}{NBSP} ")));
            }
            // Left out, the words in a note "Зачёркнуто: …" (style `inline.deleted`).
            Inline::Deleted(_) if notes.deletions_in_notes() => {}
            Inline::Deleted(c) => out.push_str(&format!("<{}>", content(c))),
            Inline::Inserted { content: c, .. } => out.push_str(&format!("\\{}/", content(c))),
            Inline::Unclear(c) => out.push_str(&format!("{}[?]", content(c))),
            Inline::Gap(d) => out.push_str(&shared::gap_text(d.as_deref(), labels)),
            Inline::Supplied(c) => out.push_str(&format!("[{}]", content(c))),
            Inline::Sic(c)
            | Inline::Hand { content: c, .. }
            | Inline::Mention { content: c, .. }
            | Inline::Choice { original: c, .. }
            | Inline::Name { content: c, .. }
            | Inline::Foreign { content: c, .. } => out.push_str(&content(c)),
            Inline::NoteRef(id) => {
                if let Some(n) = notes.of_note(id) {
                    out.push_str(&format!("[{}]", notes.mark(n)));
                }
            }
            Inline::LineBreak => out.push('\n'),
            // Plain text has no faces: italic and bold read as written.
            Inline::Superscript(c) | Inline::Subscript(c) | Inline::Italic(c) | Inline::Bold(c) => {
                out.push_str(&content(c))
            }
        }
        if let Some(n) = notes.of_span(inline) {
            out.push_str(&format!("[{}]", notes.mark(n)));
        }
    }
    out
}

/// Where to cut a word too wide for the `room` left on a line: after the last "/", "-" or
/// "_" that fits (a URL, a shelf mark, a row of underscores), between two CJK characters,
/// or else where the room ends. Returns the byte index and whether the cut is at an
/// allowed point.
fn allowed_cut(s: &str, room: usize) -> (usize, bool) {
    let end = split_at_cols(s, room);
    let head = &s[..end];
    if let Some(i) = head.rfind(['/', '-', '_']) {
        let after = i + 1;
        if after < end && cols(&head[..after]) * 3 >= room {
            return (after, true);
        }
    }
    let is_cjk = shared::typography::is_cjk;
    let between_cjk =
        head.chars().next_back().is_some_and(is_cjk) || s[end..].chars().next().is_some_and(is_cjk);
    (end, between_cjk || head.ends_with(['/', '-', '_']))
}

/// The byte index where `s` reaches `room` columns, at a character boundary.
fn split_at_cols(s: &str, room: usize) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            return i;
        }
        used += w;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stress_mark_takes_no_column() {
        assert_eq!(cols("мука\u{301}"), 4);
    }

    #[test]
    fn cutting_respects_columns() {
        assert_eq!(split_at_cols("абвгд", 2), "аб".len());
    }
}
