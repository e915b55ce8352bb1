//! The document walk: each role of the model becomes elements of the vertical flow, which
//! are then cut into pages with their footnotes.

use super::font::{shape, FontSet, DOUBLE, STRIKE, UNDERLINE};
use super::para::{self, Align, Frame, Piece, Sty};
use super::{Bookmark, Elem, Item, Laid, LineTag, Page, Placed};
use crate::diag::Error;
use crate::markup::Inline;
use crate::model::{self, Block, Document, Mark, MarkKind, Position, Side};
use crate::shared::{self, Labels, NoteNumbers};
use crate::style::pdf::NotesPlacement;
use crate::style::{DeletedDisplay, HandDisplay, Style, UnderlineDisplay};

mod table;

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
    paragraphs: usize,
    /// The running head of the current document: left and right texts.
    head: (String, String),
    documents: usize,
    /// The next document runs on below the last one instead of starting a new page.
    run_on: bool,
}

/// Where in the document text is being set, for warnings.
struct Ctx<'a> {
    numbers: NoteNumbers<'a>,
    labels: &'static Labels,
    lang: Option<hypher::Lang>,
    place: String,
    missing: Vec<(char, String)>,
}

const MM: f32 = 72.0 / 25.4;

impl<'s> Composer<'s> {
    /// A composer for a style.
    pub fn new(style: &'s Style) -> Result<Composer<'s>, Error> {
        let family = crate::fonts::Family::from_style(&style.fonts)?;
        let fonts = FontSet::for_family(&family).ok_or_else(|| {
            Error::Usage("a font of the style cannot be read as TrueType/OpenType".into())
        })?;
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
            paragraphs: 0,
            head: (String::new(), String::new()),
            documents: 0,
            run_on: false,
        })
    }

    /// The pages so far, with bookmarks and fonts.
    pub fn finish(self) -> Laid {
        Laid {
            pages: self.pages,
            bookmarks: self.bookmarks,
            fonts: self.fonts,
            missing: self.missing,
        }
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
        let labels = Labels::for_language(&doc.language);
        let mut ctx = Ctx {
            numbers: NoteNumbers::new(doc, self.style),
            labels,
            lang: hyphenation_language(&doc.language).filter(|_| self.style.pdf.hyphenate),
            place: "title".into(),
            missing: Vec::new(),
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
        let mut flow: Vec<Elem> = Vec::new();
        self.heading(doc, &mut ctx, &mut flow);
        self.content(doc, &mut ctx, &mut flow);
        // The legend: small, after the text.
        if let Some(legend) = shared::legend(doc, labels) {
            ctx.place = "legend".into();
            let pieces = self.pieces(&legend, Sty::PLAIN, &mut ctx);
            let mut lines = self.para(&pieces, self.frame_small(Align::Justify, true), &mut ctx);
            if let Some(f) = lines.first_mut() {
                f.gap = self.leading;
            }
            keep_lines(&mut lines);
            flow.extend(lines);
        }
        let notes = self.notes(&mut ctx);
        if self.style.pdf.notes == NotesPlacement::End && !notes.is_empty() {
            let mut head = self.line_of(
                &[piece(
                    labels.notes,
                    Sty {
                        bold: true,
                        ..Sty::PLAIN
                    },
                )],
                Align::Center,
                self.size,
                &mut ctx,
            );
            head.gap = self.leading;
            head.breakable = true;
            flow.push(head);
            let mut first = true;
            for (_, lines) in notes {
                for mut l in lines {
                    l.notes.clear();
                    if first {
                        l.breakable = false;
                        first = false;
                    }
                    flow.push(l);
                }
            }
            for e in flow.iter_mut() {
                e.notes.clear();
            }
            self.paginate(flow, &[], run_on_at.is_some());
        } else {
            self.paginate(flow, &notes, run_on_at.is_some());
        }
        self.documents += 1;
        self.missing.push(std::mem::take(&mut ctx.missing));
        Ok(())
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
        // Only justified text and narrow columns (the margin) are hyphenated: a ragged line
        // of the full measure has room to spare.
        let narrow = frame.width < frame.size * 12.0;
        frame.lang = ctx.lang.filter(|_| frame.align == Align::Justify || narrow);
        let mut missing = Vec::new();
        let glyphs = para::glyphs(self.fonts, pieces, frame.size, frame.lang, &mut missing);
        for c in missing {
            ctx.missing.push((c, ctx.place.clone()));
        }
        let lines = para::set(self.fonts, &glyphs, &frame);
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

    /// The editorial heading: number, title, date and place, centred.
    fn heading(&mut self, doc: &Document, ctx: &mut Ctx, flow: &mut Vec<Elem>) {
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        if let Some(n) = shared::number_line(doc) {
            // Readers run "№" and a short number together; the line says how it reads.
            let line = self.line_of(&[piece(&n, bold)], Align::Center, self.size * 1.1, ctx);
            flow.push(read_as_one(line));
        }
        ctx.place = "title".into();
        let pieces = self.pieces(doc.title.inlines(), bold, ctx);
        let mut frame = self.frame(Align::Center, false);
        frame.x += self.measure * 0.08;
        frame.width -= self.measure * 0.16;
        let mut title = stack(self.para(&pieces, frame, ctx));
        title.gap = self.leading * 0.3;
        flow.push(title);
        if let Some(dp) = shared::date_place_line(doc, ctx.labels) {
            let mut e = self.line_of(
                &[piece(
                    &dp,
                    Sty {
                        italic: true,
                        ..Sty::PLAIN
                    },
                )],
                Align::Center,
                self.size,
                ctx,
            );
            e.gap = self.leading * 0.3;
            flow.push(e);
        }
        // The heading stays with what follows.
        for e in flow.iter_mut().skip(1) {
            e.breakable = false;
        }
    }

    fn content(&mut self, doc: &Document, ctx: &mut Ctx, flow: &mut Vec<Elem>) {
        let mut i = 0;
        let mut margin: Vec<Elem> = Vec::new();
        let mut first_block = true;
        let mut keep_prev = false;
        while i < doc.content.len() {
            ctx.place = format!("block {} ({})", i + 1, doc.content[i].role());
            // A run of top-left marks before a right-hand address: side by side.
            if let Some((elem, next)) = self.marks_beside_address(doc, i, ctx) {
                let mut elem = elem;
                elem.gap = self.leading;
                flow.push(elem);
                i = next;
                first_block = false;
                continue;
            }
            if let Some((elem, next)) = self.marks_row(doc, i, ctx) {
                let mut elem = elem;
                elem.gap = if first_block {
                    self.leading
                } else {
                    self.leading * 0.6
                };
                flow.push(elem);
                i = next;
                first_block = false;
                continue;
            }
            let block = &doc.content[i];
            let mut elems: Vec<Elem> = match block {
                Block::Mark(m)
                    if matches!(m.position, Position::LeftMargin | Position::RightMargin) =>
                {
                    margin.push(self.margin_mark(i, m, ctx));
                    i += 1;
                    continue;
                }
                Block::Mark(m) => vec![self.mark(i, m, ctx)],
                Block::Dateline(d) => {
                    let mut p = self.pieces(d.text.inlines(), Sty::PLAIN, ctx);
                    self.block_ref(i, &mut p, ctx);
                    let align = side_align(d.side);
                    vec![stack(self.para(&p, self.frame(align, false), ctx))]
                }
                Block::Address(a) => {
                    let mut lines = Vec::new();
                    for (k, l) in a.lines.iter().enumerate() {
                        if k > 0 {
                            lines.push(piece("\n", Sty::PLAIN));
                        }
                        lines.extend(self.pieces(l.inlines(), Sty::PLAIN, ctx));
                    }
                    let mut frame = self.frame(side_align(a.side), false);
                    frame.width = self.measure * 0.55;
                    if a.side == Side::Right {
                        frame.x = self.left + self.measure - frame.width;
                    }
                    let e = stack(self.para(&lines, frame, ctx));
                    vec![align_block(e, a.side, self.left, self.measure)]
                }
                Block::Heading(h) => {
                    let p = self.pieces(
                        h.text.inlines(),
                        Sty {
                            bold: true,
                            ..Sty::PLAIN
                        },
                        ctx,
                    );
                    vec![stack(self.para(&p, self.frame(Align::Center, false), ctx))]
                }
                Block::Salutation(s) => {
                    let p = self.pieces(s.text.inlines(), Sty::PLAIN, ctx);
                    vec![stack(self.para(&p, self.frame(Align::Center, false), ctx))]
                }
                Block::Text(t) => {
                    let align = match t.align {
                        model::Align::Left => Align::Left,
                        model::Align::Right => Align::Right,
                        model::Align::Center => Align::Center,
                        model::Align::Justify => {
                            if self.style.pdf.justify {
                                Align::Justify
                            } else {
                                Align::Left
                            }
                        }
                    };
                    self.paragraphs_of(
                        i,
                        t.text.paragraphs(),
                        self.frame(align, t.indent),
                        true,
                        ctx,
                    )
                }
                Block::Postscript(p) => {
                    let align = if self.style.pdf.justify {
                        Align::Justify
                    } else {
                        Align::Left
                    };
                    self.paragraphs_of(i, p.text.paragraphs(), self.frame(align, true), true, ctx)
                }
                Block::Quote(q) => {
                    let mut f = self.frame_small(Align::Justify, false);
                    f.x += self.size * 2.0;
                    f.width -= self.size * 4.0;
                    self.paragraphs_of(i, q.text.paragraphs(), f, true, ctx)
                }
                Block::List(l) => self.list(l, ctx),
                Block::Table(t) => self.table(t, ctx),
                Block::Closer(c) => vec![self.closer(c, ctx)],
                Block::Folio(f) => {
                    let p = [piece(
                        &format!("/{}/", f.label),
                        Sty {
                            italic: true,
                            ..Sty::PLAIN
                        },
                    )];
                    let mut e = self.line_of(&p, Align::Right, self.small, ctx);
                    e.breakable = true;
                    vec![e]
                }
            };
            if let Some(first) = elems.first_mut() {
                if !first_block {
                    first.gap = match block {
                        Block::Text(_) | Block::Postscript(_)
                            if matches!(
                                doc.content.get(i.wrapping_sub(1)),
                                Some(Block::Text(_) | Block::Folio(_))
                            ) =>
                        {
                            0.0
                        }
                        Block::Folio(_) => 0.0,
                        _ => self.leading * 0.6,
                    };
                } else {
                    first.gap = self.leading;
                }
                // Margin marks stand beside the first line that follows them.
                for m in margin.drain(..) {
                    first.items.extend(m.items);
                    first.notes.extend(m.notes);
                }
                if matches!(block, Block::Closer(_)) {
                    first.breakable = false;
                }
            }
            // A heading, salutation or dateline stays with what follows.
            if keep_prev {
                if let Some(first) = elems.first_mut() {
                    first.breakable = false;
                }
            }
            keep_prev = matches!(
                block,
                Block::Heading(_) | Block::Salutation(_) | Block::Dateline(_)
            );
            flow.extend(elems);
            first_block = false;
            i += 1;
        }
        // Margin marks with nothing after them stand after the text.
        for m in margin {
            flow.push(m);
        }
    }
}

impl Composer<'_> {
    /// Inline content as styled pieces, per the style's conventions for each mark.
    fn pieces(&self, inlines: &[Inline], sty: Sty, ctx: &mut Ctx) -> Vec<Piece> {
        let mut out = Vec::new();
        self.walk(inlines, sty, ctx, &mut out);
        out
    }

    fn walk(&self, inlines: &[Inline], sty: Sty, ctx: &mut Ctx, out: &mut Vec<Piece>) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => out.push(Piece {
                    text: bind_spaces(t),
                    sty,
                    notes: vec![],
                }),
                Inline::Underline { double, content } => {
                    let s = match self.style.inline.underline {
                        UnderlineDisplay::Italic => Sty {
                            italic: !sty.italic,
                            ..sty
                        },
                        UnderlineDisplay::Underline => Sty {
                            deco: sty.deco | if *double { DOUBLE } else { UNDERLINE },
                            ..sty
                        },
                        UnderlineDisplay::Spaced => Sty {
                            spacing: 0.2,
                            ..sty
                        },
                    };
                    // A double underline shown in italic is bold italic, so it stays apart.
                    let s = if *double && self.style.inline.underline == UnderlineDisplay::Italic {
                        Sty { bold: true, ..s }
                    } else {
                        s
                    };
                    self.walk(content, s, ctx, out);
                }
                Inline::Spaced(content) => self.walk(
                    content,
                    Sty {
                        spacing: 0.2,
                        ..sty
                    },
                    ctx,
                    out,
                ),
                Inline::Deleted(content) => match self.style.inline.deleted {
                    DeletedDisplay::Strike => self.walk(
                        content,
                        Sty {
                            deco: sty.deco | STRIKE,
                            ..sty
                        },
                        ctx,
                        out,
                    ),
                    DeletedDisplay::Brackets => {
                        out.push(piece("‹", sty));
                        self.walk(content, sty, ctx, out);
                        out.push(piece("›", sty));
                    }
                },
                Inline::Inserted { content, .. }
                | Inline::Sic(content)
                | Inline::Hand { content, .. }
                | Inline::Choice {
                    original: content, ..
                }
                | Inline::Name { content, .. }
                | Inline::Foreign { content, .. } => self.walk(content, sty, ctx, out),
                Inline::Unclear(content) => {
                    self.walk(content, sty, ctx, out);
                    out.push(piece("[?]", sty));
                }
                Inline::Gap(desc) => out.push(piece(
                    &shared::gap_text(desc.as_deref(), ctx.labels),
                    Sty {
                        italic: !sty.italic,
                        ..sty
                    },
                )),
                Inline::Supplied(content) => {
                    out.push(piece("[", Sty { deco: 0, ..sty }));
                    self.walk(content, sty, ctx, out);
                    out.push(piece("]", Sty { deco: 0, ..sty }));
                }
                Inline::NoteRef(id) => {
                    if let Some(n) = ctx.numbers.of_note(id) {
                        out.push(note_piece(n, sty));
                    }
                }
                Inline::LineBreak => out.push(piece("\n", sty)),
                Inline::Superscript(content) => self.walk(
                    content,
                    Sty {
                        scale: sty.scale * 0.7,
                        rise: sty.rise + 0.33,
                        ..sty
                    },
                    ctx,
                    out,
                ),
                Inline::Subscript(content) => self.walk(
                    content,
                    Sty {
                        scale: sty.scale * 0.7,
                        rise: sty.rise - 0.15,
                        ..sty
                    },
                    ctx,
                    out,
                ),
            }
            if let Some(n) = ctx.numbers.of_span(inline) {
                out.push(note_piece(n, sty));
            }
        }
    }

    /// The reference to a block's own note (a mark's hand, a change of hand), at its end.
    fn block_ref(&self, i: usize, pieces: &mut Vec<Piece>, ctx: &Ctx) {
        if let Some(n) = ctx.numbers.of_block(i) {
            pieces.push(note_piece(n, Sty::PLAIN));
        }
    }

    fn paragraphs_of(
        &mut self,
        i: usize,
        paras: &[crate::markup::Text],
        frame: Frame,
        counted: bool,
        ctx: &mut Ctx,
    ) -> Vec<Elem> {
        let mut out = Vec::new();
        let n = paras.len();
        for (k, p) in paras.iter().enumerate() {
            let mut pieces = self.pieces(p.inlines(), Sty::PLAIN, ctx);
            if k + 1 == n {
                self.block_ref(i, &mut pieces, ctx);
            }
            let mut lines = self.para(&pieces, frame, ctx);
            self.count_lines(&mut lines, counted);
            out.extend(lines);
        }
        out
    }

    /// Marks a paragraph's lines as counted (or not) for the handout's line numbers, with
    /// ids unique to this paragraph, and keeps its first and last lines with their
    /// neighbours (no widow, no orphan).
    fn count_lines(&self, lines: &mut [Elem], counted: bool) {
        let id = self.paragraphs;
        for l in lines.iter_mut() {
            l.counted = counted;
            if let Some((li, cnt)) = l.line {
                l.line = Some((id * 10000 + li, cnt));
            }
        }
        keep_lines(lines);
    }

    fn list(&mut self, l: &model::List, ctx: &mut Ctx) -> Vec<Elem> {
        let mut out = Vec::new();
        for (k, item) in l.items.iter().enumerate() {
            let label = match l.style {
                model::ListStyle::Numbered => format!("{}.", l.start as usize + k),
                model::ListStyle::Bulleted => "–".to_string(),
            };
            let mut pieces = vec![piece(&label, Sty::PLAIN), piece("\u{2002}", Sty::PLAIN)];
            pieces.extend(self.pieces(item.inlines(), Sty::PLAIN, ctx));
            let mut frame = self.frame(Align::Justify, false);
            frame.x += self.size * 1.5;
            frame.width -= self.size * 1.5;
            // Later lines hang under the item's text, not under its number.
            frame.rest_indent = self.text_width(&format!("{label}\u{2002}"), self.size);
            let mut lines = self.para(&pieces, frame, ctx);
            self.count_lines(&mut lines, true);
            out.extend(lines);
        }
        out
    }

    /// Closing lines and signatures, kept together as one block.
    fn closer(&mut self, c: &model::Closer, ctx: &mut Ctx) -> Elem {
        let mut parts: Vec<Elem> = Vec::new();
        // Closing lines stand flush right above the signature, as in every edition.
        for l in &c.lines {
            let p = self.pieces(l.inlines(), Sty::PLAIN, ctx);
            let f = self.frame(Align::Right, false);
            parts.push(stack(self.para(&p, f, ctx)));
        }
        for s in &c.signatures {
            let name = self.pieces(s.name.inlines(), Sty::PLAIN, ctx);
            match &s.role {
                Some(role) => {
                    // Role at the left, name at the right, on one line, as typed.
                    let r = self.pieces(role.inlines(), Sty::PLAIN, ctx);
                    let mut rf = self.frame(Align::Left, false);
                    rf.width = self.measure * 0.6;
                    let re = stack(self.para(&r, rf, ctx));
                    let (align, x) = match s.side {
                        Side::Right => (Align::Right, self.left),
                        Side::Left => (Align::Left, self.left + self.measure * 0.6),
                    };
                    let mut nf = self.frame(align, false);
                    nf.x = x;
                    nf.width = if s.side == Side::Right {
                        self.measure
                    } else {
                        self.measure * 0.4
                    };
                    let ne = stack(self.para(&name, nf, ctx));
                    // Read as one line: role, then name.
                    parts.push(read_as_one(beside(re, ne)));
                }
                None => {
                    let f = self.frame(side_align(s.side), false);
                    parts.push(stack(self.para(&name, f, ctx)));
                }
            }
        }
        let mut e = stack(parts);
        e.breakable = false;
        e
    }

    /// The lines of a mark in a column `x`..`x + width`: text, then its signature flush
    /// right under it, the hand in italic after it when the style says so; framed if a
    /// stamp.
    fn mark_column(
        &mut self,
        i: usize,
        mark: &Mark,
        x: f32,
        width: f32,
        align: Align,
        ctx: &mut Ctx,
    ) -> Elem {
        let italic = Sty {
            italic: true,
            ..Sty::PLAIN
        };
        let sty = if mark.kind == MarkKind::Stamp {
            Sty::PLAIN
        } else {
            italic
        };
        let mut p = self.pieces(mark.text.inlines(), sty, ctx);
        if let Some(d) = &mark.date {
            if mark.signature.is_none() {
                p.push(piece(&format!(" {d}"), sty));
            }
        }
        if self.style.marks.hand == HandDisplay::Inline {
            if let Some(h) = shared::mark_hand_text(mark, ctx.labels) {
                p.push(piece(" ", sty));
                p.push(piece(
                    &h,
                    Sty {
                        italic: !sty.italic,
                        ..sty
                    },
                ));
            }
        }
        let pad = if mark.kind == MarkKind::Stamp {
            self.small * 0.5
        } else {
            0.0
        };
        let mut f = self.frame_small(align, false);
        f.x = x + pad;
        f.width = width - 2.0 * pad;
        if mark.signature.is_none() {
            self.block_ref(i, &mut p, ctx);
        }
        let mut lines = self.para(&p, f, ctx);
        let text_right = lines.iter().map(|l| extent(l).1).fold(f.x, f32::max);
        if let Some(sig) = &mark.signature {
            let mut s = self.pieces(sig.inlines(), sty, ctx);
            if let Some(d) = &mark.date {
                s.push(piece(&format!(" {d}"), sty));
            }
            self.block_ref(i, &mut s, ctx);
            let mut sf = f;
            sf.align = Align::Right;
            sf.width = (text_right - f.x).max(f.width * 0.3);
            lines.extend(self.para(&s, sf, ctx));
        }
        let mut e = stack(lines);
        if mark.kind == MarkKind::Stamp {
            let (x0, x1) = extent(&e);
            let w = x1 - x0;
            // Centre the stamp's text in a snug frame.
            let frame_w = w + 2.0 * pad;
            let fx = match align {
                Align::Right => x + width - frame_w,
                Align::Center => x + (width - frame_w) / 2.0,
                _ => x,
            };
            let shift = fx + pad - x0;
            for it in e.items.iter_mut() {
                it.shift_x(shift);
            }
            for it in e.items.iter_mut() {
                it.shift(pad);
            }
            e.items.push(Item::Frame {
                x: fx,
                y: 0.0,
                w: frame_w,
                h: e.h + pad * 2.0,
                width: 0.6,
            });
            e.h += pad * 2.0;
        }
        e
    }

    fn mark(&mut self, i: usize, mark: &Mark, ctx: &mut Ctx) -> Elem {
        let w = self.measure * 0.5;
        let (x, align) = match mark.position {
            Position::TopLeft | Position::BottomLeft => (self.left, Align::Left),
            Position::TopRight | Position::BottomRight => {
                (self.left + self.measure - w, Align::Right)
            }
            _ => (self.left + (self.measure - w) / 2.0, Align::Center),
        };
        let mut e = self.mark_column(i, mark, x, w, align, ctx);
        e.breakable = true;
        e
    }

    /// A mark in the margin: small italic in the margin's width, beside the next line.
    fn margin_mark(&mut self, i: usize, mark: &Mark, ctx: &mut Ctx) -> Elem {
        let gutter = 6.0;
        let (x, w, align) = match mark.position {
            Position::LeftMargin => {
                let w = (self.left - 2.0 * gutter).max(30.0);
                (self.left - gutter - w, w, Align::Right)
            }
            _ => {
                let w = (self.page_w - self.left - self.measure - 2.0 * gutter).max(30.0);
                (self.left + self.measure + gutter, w, Align::Left)
            }
        };
        let saved = self.small;
        let saved_l = self.small_leading;
        self.small = self.size * 0.72;
        self.small_leading = self.small * 1.2;
        let e = self.mark_column(i, mark, x, w, align, ctx);
        self.small = saved;
        self.small_leading = saved_l;
        e
    }

    /// Top-left marks from `start` followed by a right-hand address: the marks as a column at
    /// the left, the address at the right, side by side as on the original.
    fn marks_beside_address(
        &mut self,
        doc: &Document,
        start: usize,
        ctx: &mut Ctx,
    ) -> Option<(Elem, usize)> {
        let (j, a) = shared::marks_beside_address(doc, start)?;
        let col = self.measure * 0.46;
        let mut marks = Vec::new();
        for k in start..j {
            if let Block::Mark(m) = &doc.content[k] {
                ctx.place = format!("block {} (mark)", k + 1);
                let mut e = self.mark_column(k, m, self.left, col, Align::Left, ctx);
                if !marks.is_empty() {
                    e.gap = self.small_leading * 0.5;
                }
                marks.push(e);
            }
        }
        ctx.place = format!("block {} (address)", j + 1);
        let mut lines = Vec::new();
        for (k, l) in a.lines.iter().enumerate() {
            if k > 0 {
                lines.push(piece("\n", Sty::PLAIN));
            }
            lines.extend(self.pieces(l.inlines(), Sty::PLAIN, ctx));
        }
        let mut f = self.frame(Align::Left, false);
        f.width = self.measure - col - self.size;
        f.x = self.left + self.measure - f.width;
        let mut addr = align_block(
            stack(self.para(&lines, f, ctx)),
            Side::Right,
            self.left,
            self.measure,
        );
        // The address starts a little lower than the first mark, as a resolution stands
        // above the address on the original; readers then take the marks first.
        let drop = self.leading * 0.5;
        for it in addr.items.iter_mut() {
            it.shift(drop);
        }
        addr.h += drop;
        // Readers take the two columns apart line by line; the text reads marks first.
        let mut e = read_as_one(beside(stack(marks), addr));
        e.breakable = true;
        Some((e, j + 1))
    }

    /// A run of marks at the top (or the bottom) corners of the original, some left and some
    /// right: one row, each side a column, as they stand on the page.
    fn marks_row(&mut self, doc: &Document, start: usize, ctx: &mut Ctx) -> Option<(Elem, usize)> {
        let side_of = |b: &Block| match b {
            Block::Mark(m) => match m.position {
                Position::TopLeft => Some((0, false)),
                Position::TopRight => Some((0, true)),
                Position::BottomLeft => Some((1, false)),
                Position::BottomRight => Some((1, true)),
                _ => None,
            },
            _ => None,
        };
        let (band, _) = side_of(&doc.content[start])?;
        let mut j = start;
        while j < doc.content.len() && side_of(&doc.content[j]).is_some_and(|(b, _)| b == band) {
            j += 1;
        }
        let sides: Vec<bool> = (start..j)
            .filter_map(|k| side_of(&doc.content[k]).map(|s| s.1))
            .collect();
        if !(sides.contains(&true) && sides.contains(&false)) {
            return None;
        }
        // A run of top-left marks before an address is set beside the address instead.
        if band == 0 && matches!(doc.content.get(j), Some(Block::Address(_))) {
            return None;
        }
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for k in start..j {
            if let Block::Mark(m) = &doc.content[k] {
                ctx.place = format!("block {} (mark)", k + 1);
                let mut e = self.mark(k, m, ctx);
                let col = if side_of(&doc.content[k]).is_some_and(|s| s.1) {
                    &mut right
                } else {
                    &mut left
                };
                if !col.is_empty() {
                    e.gap = self.small_leading * 0.5;
                }
                col.push(e);
            }
        }
        let (l, r) = (stack(left), stack(right));
        // Items in the order of the original, so the row reads in that order.
        let row = if sides[0] { beside(r, l) } else { beside(l, r) };
        Some((read_as_one(row), j))
    }

    /// Every note as lines at the small size, by number.
    fn notes(&mut self, ctx: &mut Ctx) -> Vec<(usize, Vec<Elem>)> {
        let mut out = Vec::new();
        let entries: Vec<(usize, Vec<Inline>)> = ctx
            .numbers
            .entries()
            .iter()
            .map(|e| (e.number, e.inlines(ctx.labels)))
            .collect();
        for (n, inlines) in entries {
            ctx.place = format!("note {n}");
            let mut p = vec![piece(&format!("{n}\u{a0}"), Sty::PLAIN)];
            p.extend(self.pieces(&inlines, Sty::PLAIN, ctx));
            let mut lines = self.para(&p, self.frame_small(Align::Justify, true), ctx);
            for l in lines.iter_mut() {
                l.notes.clear();
            }
            out.push((n, lines));
        }
        out
    }

    /// Cuts the flow into pages: each line's notes at the foot of its page, no widow or
    /// orphan (the elements say where a break may fall), running head and page numbers.
    /// With `run_on`, the flow starts below the text of the last page, its notes above the
    /// notes already there.
    fn paginate(&mut self, flow: Vec<Elem>, notes: &[(usize, Vec<Elem>)], run_on: bool) {
        let mut resume = if run_on { self.pages.pop() } else { None };
        let resumed_first = resume.is_some();
        let sep = self.small_leading * 0.9;
        let note_h = |ns: &[usize]| -> f32 {
            let mut h = 0.0;
            for n in ns {
                if let Some((_, l)) = notes.iter().find(|(k, _)| k == n) {
                    h += l.iter().map(|e| e.h).sum::<f32>();
                }
            }
            if h > 0.0 {
                h + sep
            } else {
                0.0
            }
        };
        let n = flow.len();
        let mut s = 0;
        let mut line_no = 0u32;
        let first_page = self.pages.len();
        // Lines of a note continued from the page before, with its number.
        let mut carry: Vec<(usize, &Elem)> = Vec::new();
        while s < n || !carry.is_empty() {
            // This page's frame: a fresh page, or the rest of the last one.
            let resumed = resume.take();
            let (body_top, limit) = match &resumed {
                Some(p) => (p.body_end + self.leading * 2.0, p.foot_top),
                None => (self.top, self.page_h - self.bottom),
            };
            let body_h = limit - body_top;
            // Find the end of this page.
            let carry_h: f32 = carry.iter().map(|(_, l)| l.h).sum();
            let notes_h = |ns: &[usize]| {
                let h = note_h(ns);
                if carry_h > 0.0 {
                    h.max(sep) + carry_h
                } else {
                    h
                }
            };
            let mut used = 0.0f32;
            let mut page_notes: Vec<usize> = Vec::new();
            let mut j = s;
            let mut end = n;
            // A note split here: its number and how many of its lines stay on this page.
            let mut split: Option<(usize, usize)> = None;
            while j < n {
                let e = &flow[j];
                let gap = if j == s { 0.0 } else { e.gap };
                let mut with: Vec<usize> = page_notes.clone();
                for k in &e.notes {
                    if !with.contains(k) {
                        with.push(*k);
                    }
                }
                if j > s && used + gap + e.h + notes_h(&with) > body_h {
                    // A long note is continued on the next page rather than moving its
                    // line there, when the line itself fits and may end the page.
                    let new: Vec<usize> = with[page_notes.len()..].to_vec();
                    let long = note_h(&new) > body_h * 0.4;
                    let may_end = flow.get(j + 1).is_none_or(|f| f.breakable);
                    if long && may_end && new.len() == 1 {
                        let base = used + gap + e.h + notes_h(&page_notes).max(sep + carry_h);
                        let lines = notes.iter().find(|(k, _)| *k == new[0]).map(|(_, l)| l);
                        let mut room = body_h - base;
                        let mut count = 0;
                        for l in lines.into_iter().flatten() {
                            if l.h > room {
                                break;
                            }
                            room -= l.h;
                            count += 1;
                        }
                        if count >= 2 {
                            split = Some((new[0], count));
                            end = j + 1;
                            break;
                        }
                    }
                    end = if e.breakable {
                        j
                    } else {
                        (s + 1..j).rev().find(|&k| flow[k].breakable).unwrap_or(j)
                    };
                    break;
                }
                used += gap + e.h;
                page_notes = with;
                j += 1;
            }
            let had_notes = resumed.as_ref().is_some_and(|p| !p.footnotes.is_empty());
            let mut page = resumed.unwrap_or_else(|| Page {
                width: self.page_w,
                height: self.page_h,
                document: self.documents,
                ..Page::default()
            });
            let mut y = body_top;
            for (k, e) in flow[s..end].iter().enumerate() {
                if k > 0 {
                    y += e.gap;
                }
                for it in &e.items {
                    let mut it = it.clone();
                    it.shift(y);
                    page.items.push(it);
                }
                for r in &e.notes {
                    if !page.refs.contains(r) {
                        page.refs.push(*r);
                    }
                }
                if let Some((li, cnt)) = e.line {
                    page.lines.push(LineTag {
                        paragraph: li / 10000,
                        index: li % 10000,
                        count: cnt,
                    });
                }
                if e.counted {
                    line_no += 1;
                    let every = self.style.pdf.line_numbers;
                    if every > 0 && line_no.is_multiple_of(every) {
                        let baseline = e.items.iter().find_map(|it| match it {
                            Item::Text { y, .. } => Some(*y),
                            _ => None,
                        });
                        if let Some(b) = baseline {
                            let num = self.text_right(
                                &line_no.to_string(),
                                self.left - self.size,
                                y + b,
                                self.small * 0.9,
                            );
                            // A line number is not text of the document: an empty
                            // ActualText keeps it out of copied and extracted text.
                            page.items.push(Item::Actual(Some(String::new())));
                            page.items.push(num);
                            page.items.push(Item::Actual(None));
                        }
                    }
                }
                y += e.h;
            }
            // Footnotes at the foot: a note continued from the page before, then this
            // page's notes by number; a split note's later lines go on to the next page.
            let mut ns = page.refs.clone();
            ns.sort_unstable();
            let mut lines: Vec<(usize, &Elem)> = std::mem::take(&mut carry);
            if !notes.is_empty() {
                for nn in &ns {
                    if let Some((_, ls)) = notes.iter().find(|(k, _)| k == nn) {
                        for (k, l) in ls.iter().enumerate() {
                            match split {
                                Some((sn, count)) if sn == *nn && k >= count => {
                                    carry.push((*nn, l))
                                }
                                _ => lines.push((*nn, l)),
                            }
                        }
                    }
                }
            }
            page.body_end = y;
            page.foot_top = limit;
            if !lines.is_empty() {
                let h: f32 = lines.iter().map(|(_, l)| l.h).sum::<f32>() + sep;
                let mut ny = limit - h;
                page.foot_top = ny;
                // On a page that has notes already, the rule above them serves these too.
                if !had_notes {
                    page.items.push(Item::Rule {
                        x1: self.left,
                        y1: ny + sep * 0.4,
                        x2: self.left + self.measure * 0.3,
                        y2: ny + sep * 0.4,
                        width: 0.4,
                    });
                }
                ny += sep;
                for (nn, l) in lines {
                    for it in &l.items {
                        let mut it = it.clone();
                        it.shift(ny);
                        page.items.push(it);
                    }
                    ny += l.h;
                    if !page.footnotes.contains(&nn) {
                        page.footnotes.push(nn);
                    }
                }
            }
            self.pages.push(page);
            s = end;
        }
        // Running heads and page numbers.
        let total = self.pages.len();
        // A resumed page has its head and number already.
        for p in first_page + usize::from(resumed_first)..total {
            let folio = (p + 1).to_string();
            let head_y = self.top - self.small_leading * 1.2;
            let mut items = Vec::new();
            if self.style.pdf.running_head && p > first_page {
                let size = self.small * 0.95;
                let it = Sty {
                    italic: true,
                    ..Sty::PLAIN
                };
                let left_w = self.measure * 0.45;
                let (l, r) = self.head.clone();
                if let Some(t) = self.fit_line(&l, it, size, self.left, head_y, left_w, Align::Left)
                {
                    items.push(t);
                }
                let rw = self.measure - left_w - self.size;
                if let Some(t) = self.fit_line(
                    &r,
                    it,
                    size,
                    self.left + self.measure - rw,
                    head_y,
                    rw,
                    Align::Right,
                ) {
                    items.push(t);
                }
                items.push(Item::Rule {
                    x1: self.left,
                    y1: head_y + size * 0.45,
                    x2: self.left + self.measure,
                    y2: head_y + size * 0.45,
                    width: 0.3,
                });
            }
            if self.style.pdf.page_numbers {
                let y = self.page_h - self.bottom + self.leading * 1.6;
                let w = self.text_width(&folio, self.small);
                items.push(self.text_at(
                    &folio,
                    Sty::PLAIN,
                    self.left + (self.measure - w) / 2.0,
                    y,
                    self.small,
                ));
            }
            self.pages[p].items.extend(items);
        }
    }

    fn text_width(&self, s: &str, size: f32) -> f32 {
        let mut m = Vec::new();
        shape(self.fonts, s, 0, size, &mut m)
            .iter()
            .map(|g| g.advance)
            .sum()
    }

    fn text_at(&self, s: &str, sty: Sty, x: f32, y: f32, size: f32) -> Item {
        let mut m = Vec::new();
        let glyphs = shape(self.fonts, s, sty.font(), size, &mut m);
        let refs: Vec<&super::font::Glyph> = glyphs.iter().collect();
        let e = para::set_line(self.fonts, &refs, x, y, 0.0);
        e.items
            .into_iter()
            .next()
            .unwrap_or(Item::Text { y, glyphs: vec![] })
    }

    fn text_right(&self, s: &str, right: f32, y: f32, size: f32) -> Item {
        let w = self.text_width(s, size);
        self.text_at(s, Sty::PLAIN, right - w, y, size)
    }

    /// One line of `s` in `width`, cut at a word with "…" when too wide.
    #[allow(clippy::too_many_arguments)]
    fn fit_line(
        &self,
        s: &str,
        sty: Sty,
        size: f32,
        x: f32,
        y: f32,
        width: f32,
        align: Align,
    ) -> Option<Item> {
        if s.is_empty() {
            return None;
        }
        let mut text = s.to_string();
        let mut m = Vec::new();
        loop {
            let glyphs = shape(self.fonts, &text, sty.font(), size, &mut m);
            let w: f32 = glyphs.iter().map(|g| g.advance).sum();
            if w <= width || !text.contains(' ') {
                let x0 = if align == Align::Right {
                    x + width - w
                } else {
                    x
                };
                let refs: Vec<&super::font::Glyph> = glyphs.iter().collect();
                return para::set_line(self.fonts, &refs, x0, y, 0.0)
                    .items
                    .into_iter()
                    .next();
            }
            let cut = text
                .trim_end_matches('…')
                .rsplit_once(' ')
                .map(|(a, _)| a.to_string())?;
            text = format!("{}…", cut.trim_end_matches([',', '.', ' ']));
        }
    }
}

fn piece(s: &str, sty: Sty) -> Piece {
    Piece {
        text: if s == "\n" {
            s.to_string()
        } else {
            bind_spaces(s)
        },
        sty,
        notes: vec![],
    }
}

fn note_piece(n: usize, sty: Sty) -> Piece {
    Piece {
        text: n.to_string(),
        sty: Sty {
            scale: sty.scale * 0.65,
            rise: sty.rise + 0.38,
            spacing: 0.0,
            deco: 0,
            ..sty
        },
        notes: vec![n],
    }
}

fn side_align(side: Side) -> Align {
    match side {
        Side::Left => Align::Left,
        Side::Right => Align::Right,
    }
}

/// Widow and orphan control: no page break after a paragraph's first line or before its
/// last.
fn keep_lines(lines: &mut [Elem]) {
    let n = lines.len();
    for (k, l) in lines.iter_mut().enumerate() {
        if k == 1 || (n >= 2 && k == n - 1) {
            l.breakable = false;
        }
    }
}

/// Stacks elements into one unbreakable element.
fn stack(parts: Vec<Elem>) -> Elem {
    let mut out = Elem {
        breakable: true,
        ..Elem::default()
    };
    let mut y = 0.0;
    for (k, p) in parts.into_iter().enumerate() {
        if k > 0 {
            y += p.gap;
        }
        for mut it in p.items {
            it.shift(y);
            out.items.push(it);
        }
        out.notes.extend(p.notes);
        out.width = out.width.max(p.width);
        out.counted |= p.counted;
        y += p.h;
    }
    out.h = y;
    out
}

/// Two elements side by side (each keeps its own x).
fn beside(a: Elem, b: Elem) -> Elem {
    let mut out = a;
    out.h = out.h.max(b.h);
    out.items.extend(b.items);
    out.notes.extend(b.notes);
    out
}

/// Marks the element's items to be read as one text, in the order of its items (lines
/// joined by spaces), whatever a reader makes of their places.
fn read_as_one(mut e: Elem) -> Elem {
    let mut text = String::new();
    for it in &e.items {
        if let Item::Text { glyphs, .. } = it {
            if !text.is_empty() {
                text.push(' ');
            }
            for g in glyphs {
                text.push_str(&g.text.replace('\u{a0}', " "));
            }
        }
    }
    e.items.insert(0, Item::Actual(Some(text)));
    e.items.push(Item::Actual(None));
    e
}

/// Left and right edges of an element's glyphs.
fn extent(e: &Elem) -> (f32, f32) {
    let mut lo = f32::MAX;
    let mut hi = f32::MIN;
    for it in &e.items {
        if let Item::Text { glyphs, .. } = it {
            if let (Some(f), Some(l)) = (glyphs.first(), glyphs.last()) {
                lo = lo.min(f.x);
                hi = hi.max(l.x + l.width + l.spacing);
            }
        }
    }
    if lo > hi {
        (0.0, 0.0)
    } else {
        (lo, hi)
    }
}

/// A right-hand block whose lines keep a common left edge, flush to the right margin (as
/// an address is typed); a left-hand block as it is.
fn align_block(mut e: Elem, side: Side, left: f32, measure: f32) -> Elem {
    if side == Side::Right {
        // Lines were set flush right; move each to the common left edge.
        let (lo, hi) = extent(&e);
        let target = left + measure - (hi - lo);
        for it in e.items.iter_mut() {
            if let Item::Text { glyphs, .. } = it {
                if let Some(f) = glyphs.first() {
                    let d = target - f.x;
                    glyphs.iter_mut().for_each(|g: &mut Placed| g.x += d);
                }
            }
        }
    }
    e
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

/// Binds with no-break spaces what Russian typography keeps on one line: the shared rules
/// every edition applies (`shared::typography::bind`: initials and the surname, a day and
/// its month, a year and "г.", "№ 5", a dash to the word before it), and — since this
/// edition breaks its own lines — a one- or two-letter preposition or conjunction to the
/// word after it ("в Москву").
pub fn bind_spaces(s: &str) -> String {
    let bound = shared::typography::bind(s);
    let chars: Vec<char> = bound.chars().collect();
    let mut out = String::with_capacity(bound.len());
    for (i, &c) in chars.iter().enumerate() {
        if c != ' ' {
            out.push(c);
            continue;
        }
        // The word before the space, when it is at most two letters long.
        let n = chars[..i]
            .iter()
            .rev()
            .take(3)
            .take_while(|c| c.is_alphabetic())
            .count();
        let starts_word = n <= 2 && (i == n || !chars[i - n - 1].is_alphanumeric());
        let short: String = if n > 0 && starts_word {
            chars[i - n..i]
                .iter()
                .flat_map(|c| c.to_lowercase())
                .collect()
        } else {
            String::new()
        };
        let bind = !short.is_empty() && SHORT_WORDS.contains(&short.as_str());
        out.push(if bind { '\u{a0}' } else { ' ' });
    }
    out
}

/// Words a Russian line does not end with.
const SHORT_WORDS: [&str; 22] = [
    "в", "во", "к", "ко", "с", "со", "у", "о", "об", "и", "а", "но", "от", "до", "на", "по", "за",
    "из", "не", "ни", "же", "въ",
];

/// The front matter of a volume, as the title page prints it.
pub struct Front<'a> {
    /// Title of the volume.
    pub title: &'a str,
    /// Subtitle.
    pub subtitle: Option<&'a str>,
    /// Editors (compilers).
    pub editors: &'a [String],
    /// Publisher.
    pub publisher: Option<&'a str>,
    /// Year of publication.
    pub year: Option<&'a str>,
    /// Language of the apparatus.
    pub language: &'a str,
}

impl Composer<'_> {
    fn front_ctx(&self, language: &str) -> Ctx<'static> {
        Ctx {
            numbers: NoteNumbers::default(),
            labels: Labels::for_language(language),
            lang: None,
            place: "volume".into(),
            missing: Vec::new(),
        }
    }

    /// A volume's title page: title, subtitle and editors centred in the upper third,
    /// publisher and year at the foot; no page number.
    pub fn title_page(&mut self, front: &Front) {
        let mut ctx = self.front_ctx(front.language);
        let bold = Sty {
            bold: true,
            ..Sty::PLAIN
        };
        let mut flow = Vec::new();
        let big = self.size * 1.6;
        let title = self.pieces(&[Inline::Text(front.title.to_string())], bold, &mut ctx);
        let frame = Frame {
            size: big,
            leading: big * 1.25,
            ..self.frame(Align::Center, false)
        };
        flow.push(stack(self.para(&title, frame, &mut ctx)));
        if let Some(s) = front.subtitle {
            let mut e = self.line_of(
                &[piece(s, Sty::PLAIN)],
                Align::Center,
                self.size * 1.15,
                &mut ctx,
            );
            e.gap = self.leading;
            flow.push(e);
        }
        if !front.editors.is_empty() {
            let mut e = self.line_of(
                &[piece(
                    &front.editors.join(", "),
                    Sty {
                        italic: true,
                        ..Sty::PLAIN
                    },
                )],
                Align::Center,
                self.size,
                &mut ctx,
            );
            e.gap = self.leading * 2.0;
            flow.push(e);
        }
        let mut page = Page {
            width: self.page_w,
            height: self.page_h,
            document: self.documents,
            ..Page::default()
        };
        let mut y = self.top + (self.page_h - self.top - self.bottom) * 0.25;
        for (k, e) in flow.iter().enumerate() {
            if k > 0 {
                y += e.gap;
            }
            for it in &e.items {
                let mut it = it.clone();
                it.shift(y);
                page.items.push(it);
            }
            y += e.h;
        }
        let foot: Vec<&str> = [front.publisher, front.year]
            .into_iter()
            .flatten()
            .collect();
        if !foot.is_empty() {
            let e = self.line_of(
                &[piece(&foot.join(", "), Sty::PLAIN)],
                Align::Center,
                self.size,
                &mut ctx,
            );
            for it in &e.items {
                let mut it = it.clone();
                it.shift(self.page_h - self.bottom - e.h);
                page.items.push(it);
            }
        }
        self.bookmarks.push(Bookmark {
            title: front.title.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
        self.pages.push(page);
    }

    /// A table of contents from a new page: each entry's title, its page number flush
    /// right on the entry's last line.
    pub fn contents(&mut self, entries: &[(String, usize)], volume_title: &str, language: &str) {
        let mut ctx = self.front_ctx(language);
        let labels = ctx.labels;
        self.head = (volume_title.to_string(), labels.contents.to_string());
        self.bookmarks.push(Bookmark {
            title: labels.contents.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
        let mut flow = Vec::new();
        let mut head = self.line_of(
            &[piece(
                labels.contents,
                Sty {
                    bold: true,
                    ..Sty::PLAIN
                },
            )],
            Align::Center,
            self.size * 1.2,
            &mut ctx,
        );
        head.h += self.leading;
        flow.push(head);
        for (title, page) in entries {
            let p = self.pieces(&[Inline::Text(title.clone())], Sty::PLAIN, &mut ctx);
            let mut f = self.frame(Align::Left, false);
            f.width -= self.size * 3.0;
            f.rest_indent = self.size * 1.5;
            let mut e = stack(self.para(&p, f, &mut ctx));
            let last = e.items.iter().rev().find_map(|it| match it {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            });
            if let Some(y) = last {
                let n = self.text_right(&page.to_string(), self.left + self.measure, y, self.size);
                e.items.push(n);
            }
            e.gap = self.leading * 0.4;
            e.breakable = true;
            flow.push(e);
        }
        self.paginate(flow, &[], false);
    }
}

impl Composer<'_> {
    /// A volume's preface from a new page: a centred heading, then justified paragraphs
    /// with their inline marks.
    pub fn preface(&mut self, paras: &[crate::markup::Text], volume_title: &str, language: &str) {
        let mut ctx = self.front_ctx(language);
        ctx.lang = hyphenation_language(language).filter(|_| self.style.pdf.hyphenate);
        let labels = ctx.labels;
        self.section_start(labels.preface, volume_title);
        let mut flow = vec![self.section_heading(labels.preface, &mut ctx)];
        for p in paras {
            let pieces = self.pieces(p.inlines(), Sty::PLAIN, &mut ctx);
            let mut lines = self.para(&pieces, self.frame(Align::Justify, true), &mut ctx);
            keep_lines(&mut lines);
            flow.extend(lines);
        }
        if let Some(e) = flow.get_mut(1) {
            e.breakable = false;
        }
        self.paginate(flow, &[], false);
    }

    /// A volume's list of abbreviations from a new page: each abbreviation, a dash, and
    /// what it stands for, later lines hanging.
    pub fn abbreviations(
        &mut self,
        list: &[(String, crate::markup::Text)],
        volume_title: &str,
        language: &str,
    ) {
        let mut ctx = self.front_ctx(language);
        let labels = ctx.labels;
        self.section_start(labels.abbreviations, volume_title);
        let mut flow = vec![self.section_heading(labels.abbreviations, &mut ctx)];
        for (short, full) in list {
            let mut pieces = vec![piece(&format!("{short} — "), Sty::PLAIN)];
            pieces.extend(self.pieces(full.inlines(), Sty::PLAIN, &mut ctx));
            let mut f = self.frame(Align::Left, false);
            f.rest_indent = self.size * 1.5;
            let mut e = stack(self.para(&pieces, f, &mut ctx));
            e.gap = self.leading * 0.2;
            flow.push(e);
        }
        if let Some(e) = flow.get_mut(1) {
            e.breakable = false;
        }
        self.paginate(flow, &[], false);
    }

    fn section_start(&mut self, title: &str, volume_title: &str) {
        self.head = (volume_title.to_string(), title.to_string());
        self.bookmarks.push(Bookmark {
            title: title.to_string(),
            page: self.pages.len(),
            y: self.top,
        });
    }

    fn section_heading(&mut self, title: &str, ctx: &mut Ctx) -> Elem {
        let mut head = self.line_of(
            &[piece(
                title,
                Sty {
                    bold: true,
                    ..Sty::PLAIN
                },
            )],
            Align::Center,
            self.size * 1.2,
            ctx,
        );
        head.h += self.leading;
        head
    }
}
