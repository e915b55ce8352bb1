//! Marks in the DOCX: by their place on the original (indents and alignment); marginal ones
//! in the page margin beside the paragraph after them, and top-left ones beside a
//! right-hand address, each in a borderless table; their parts in the order of every
//! edition (`shared::mark_parts`).

use super::DocWriter;
use crate::docx::styles::id;
use crate::docx::xml::{mm, Edge, Ind, PPr, RPr};
use crate::model::{Block, Mark, MarkKind, Position};
use crate::shared::{self, MarkPart};
use std::fmt::Write as _;

/// The narrowest margin that holds a marginal note, in millimetres: narrower, the note
/// stands in a column at the text's side, set apart by a rule.
const MARGIN_NOTE_MIN: f32 = 15.0;
/// White between a marginal note and the page edge, and between it and the text, in
/// millimetres.
const MARGIN_NOTE_GAP: f32 = 3.0;

/// Mark kinds to the paragraph styles of every part of a mark in the page margin.
fn margin_style(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Resolution => id::RESOLUTION_IN_MARGIN,
        MarkKind::Annotation => id::ANNOTATION_IN_MARGIN,
        MarkKind::Registration => id::REGISTRATION_IN_MARGIN,
        // A marginal note is small wherever it stands; a stamp keeps its frame and size.
        MarkKind::MarginalNote => id::MARGINAL,
        MarkKind::Stamp => id::STAMP,
    }
}

/// Where a mark is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// On the page, placed by indents and alignment as on the original.
    Page,
    /// In the cell beside a right-hand address, in the style of its kind.
    Opening,
    /// In the cell in the page margin: every part in the smaller style of marginal notes;
    /// `left`: in the left margin, its text flush right, toward the text beside it.
    Margin { left: bool },
}

/// Mark kinds to paragraph styles.
fn mark_style(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Resolution => id::RESOLUTION,
        MarkKind::Annotation => id::ANNOTATION,
        MarkKind::Stamp => id::STAMP,
        MarkKind::Registration => id::REGISTRATION,
        MarkKind::MarginalNote => id::MARGINAL,
    }
}

impl<'a> DocWriter<'a, '_> {
    /// Top-left marks from `start` followed by a right-hand address: a borderless table of
    /// two columns, marks at the left, the address at the right, as on the original. A table
    /// is what Word and LibreOffice both lay out the same way (frames and text boxes drift).
    pub(super) fn marks_beside_address(&mut self, out: &mut String, start: usize) -> Option<usize> {
        let blocks = &self.doc.content;
        let (end, address) = crate::shared::marks_beside_address(self.doc, start)?;
        let left = self.width / 2;
        let right = self.width - left;
        let gutter = mm(8.0);
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{w}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"{gap}\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{left}\"/><w:gridCol w:w=\"{right}\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"{left}\" w:type=\"dxa\"/><w:tcMar><w:right w:w=\"{gutter}\" w:type=\"dxa\"/></w:tcMar></w:tcPr>",
            w = self.width,
            gap = 18 * 20
        );
        for (i, block) in blocks.iter().enumerate().take(end).skip(start) {
            if let Block::Mark(m) = block {
                self.mark_at(out, i, m, Place::Opening, i == start);
            }
        }
        let _ = write!(
            out,
            "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"{right}\" w:type=\"dxa\"/></w:tcPr>"
        );
        self.address(out, address, true);
        out.push_str("</w:tc></w:tr></w:tbl>");
        Some(end - start + 1)
    }

    /// A run of marks in one margin from `start` and the block after them, as a borderless
    /// table of two cells: the marks in the cell that lies in the page margin, the block
    /// (a text's first paragraph) in the cell over the text width, so the marks stand
    /// beside it, as in the PDF. A table, because Word and LibreOffice both lay it out
    /// alike and both keep footnotes in it: a frame (`w:framePr`) or a text box holding a
    /// footnote reference makes LibreOffice drop the text of every footnote of the
    /// document. None (the marks then stand as a column with a rule) without a block to
    /// stand beside, or with a margin narrower than [`MARGIN_NOTE_MIN`].
    pub(super) fn marks_in_margin(&mut self, out: &mut String, start: usize) -> Option<usize> {
        let blocks = &self.doc.content;
        let side = match blocks.get(start) {
            Some(Block::Mark(m)) => m.position,
            _ => return None,
        };
        let d = &self.style.docx;
        let margin = match side {
            Position::LeftMargin => d.margin_left,
            Position::RightMargin => d.margin_right,
            _ => return None,
        };
        if margin < MARGIN_NOTE_MIN {
            return None;
        }
        let mut end = start;
        while matches!(blocks.get(end), Some(Block::Mark(m)) if m.position == side) {
            end += 1;
        }
        let beside: &'a Block = match blocks.get(end) {
            Some(Block::Mark(_) | Block::Table(_) | Block::Folio(_)) | None => return None,
            Some(b) => b,
        };
        let cell = mm(margin - MARGIN_NOTE_GAP);
        let gap = mm(MARGIN_NOTE_GAP);
        let text = self.width;
        let left = side == Position::LeftMargin;
        let indent = if left { -cell } else { 0 };
        let (first, second) = if left { (cell, text) } else { (text, cell) };
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{w}\" w:type=\"dxa\"/><w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{first}\"/><w:gridCol w:w=\"{second}\"/></w:tblGrid><w:tr>",
            w = cell + text
        );
        let mut marks = String::new();
        for (k, block) in blocks.iter().enumerate().take(end).skip(start) {
            if let Block::Mark(m) = block {
                self.mark_at(&mut marks, k, m, Place::Margin { left }, k == start);
            }
        }
        let mut rest = String::new();
        let mut body = String::new();
        self.block_beside(&mut body, &mut rest, end, beside);
        // The white between note and text is on the note's side, toward the text.
        let edge = if left { "right" } else { "left" };
        let margin_cell = format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{cell}\" w:type=\"dxa\"/><w:tcMar><w:{edge} w:w=\"{gap}\" w:type=\"dxa\"/></w:tcMar></w:tcPr>{marks}</w:tc>"
        );
        let text_cell =
            format!("<w:tc><w:tcPr><w:tcW w:w=\"{text}\" w:type=\"dxa\"/></w:tcPr>{body}</w:tc>");
        if left {
            out.push_str(&margin_cell);
            out.push_str(&text_cell);
        } else {
            out.push_str(&text_cell);
            out.push_str(&margin_cell);
        }
        out.push_str("</w:tr></w:tbl>");
        out.push_str(&rest);
        Some(end - start + 1)
    }

    /// Direct paragraph formatting placing a mark where it stands on the original.
    fn mark_position(&self, m: &Mark, subscription: bool) -> PPr {
        let w = self.width;
        let mut p = PPr::default();
        let ind = |left: i64, right: i64| {
            Some(Ind {
                left: Some(left),
                right: Some(right),
                ..Ind::default()
            })
        };
        match m.position {
            Position::TopLeft | Position::BottomLeft => p.ind = ind(0, w * 9 / 20),
            Position::Top | Position::Bottom => {
                p.ind = ind(w / 5, w / 5);
                if !subscription {
                    p.jc = Some("center");
                }
            }
            Position::TopRight | Position::BottomRight => {
                p.ind = ind(w / 2, 0);
                p.jc = Some("right");
            }
            // A mark with no paragraph to stand beside, or a margin too narrow for it
            // ([`DocWriter::marks_in_margin`]): a narrow column at the text's side, set apart
            // by a rule.
            Position::LeftMargin => {
                p.ind = ind(0, w * 11 / 20);
                p.borders = vec![Edge::Left];
            }
            Position::RightMargin => {
                p.ind = ind(w * 11 / 20, 0);
                p.borders = vec![Edge::Right];
                p.jc = Some("right");
            }
        }
        p
    }

    /// A mark in the order of every edition: its text in the style of its kind, its
    /// signature and date flush right under it, the note on its hand after the last; the
    /// hand in the editorial style under it all when the style shows it inline.
    pub(super) fn mark(&mut self, out: &mut String, i: usize, m: &'a Mark) {
        self.mark_at(out, i, m, Place::Page, false);
    }

    /// A mark at `place`; `first_in_cell`: the mark opens a table cell, level with the
    /// block beside it.
    fn mark_at(
        &mut self,
        out: &mut String,
        i: usize,
        m: &'a Mark,
        place: Place,
        first_in_cell: bool,
    ) {
        let kind = mark_style(m.kind);
        let place = |w: &Self, s: &'static str, subscription: bool| {
            let mut p = match place {
                Place::Page => w.mark_position(m, subscription),
                Place::Opening => PPr::default(),
                Place::Margin { left } => PPr {
                    jc: Some(if left || subscription {
                        "right"
                    } else {
                        "left"
                    }),
                    // The signature and date close under the text.
                    spacing: subscription.then_some((Some(0), Some(0), None)),
                    ..PPr::default()
                },
            };
            if m.kind == MarkKind::Stamp {
                // A stamp keeps its own frame and centres its lines inside it; a margin
                // rule would replace one side of the frame.
                p.borders.clear();
                p.jc = None;
            }
            p.style = Some(match place {
                Place::Margin { .. } => margin_style(m.kind),
                _ => s,
            });
            p
        };
        let parts = shared::mark_parts(m);
        let last = parts.len() - 1;
        for (k, part) in parts.into_iter().enumerate() {
            let note = |w: &mut Self, o: &mut String| {
                if k == last {
                    w.block_note(o, i);
                }
            };
            // A stamp's parts are one bordered box: paragraphs of the stamp's style, no
            // white between them inside the box.
            let stamp = |mut p: PPr| {
                if m.kind == MarkKind::Stamp {
                    p.style = Some(id::STAMP);
                    let before = if k == 0 { None } else { Some(0) };
                    let after = if k == last { None } else { Some(0) };
                    p.spacing = Some((before, after, None));
                }
                p
            };
            match part {
                MarkPart::Text(t) => {
                    let mut p = stamp(place(self, kind, false));
                    if first_in_cell {
                        p.spacing = Some((Some(0), p.spacing.and_then(|s| s.1), None));
                    }
                    self.para(out, p, |w, o| {
                        w.runs(o, t.inlines(), &[]);
                        note(w, o);
                    });
                }
                MarkPart::Signature(t) => {
                    let p = stamp(place(self, id::MARK_SIGNATURE, true));
                    self.para(out, p, |w, o| {
                        w.runs(o, t.inlines(), &[]);
                        note(w, o);
                    });
                }
                MarkPart::Date(d) => {
                    let p = stamp(place(self, id::MARK_SIGNATURE, true));
                    self.para(out, p, |w, o| {
                        w.plain(o, &shared::typography::bind(d));
                        note(w, o);
                    });
                }
            }
        }
        if let Some(hand) = shared::inline_hand(m, self.style, self.labels) {
            let mut p = place(self, kind, false);
            // The editor's words stand outside a stamp's frame.
            if m.kind == MarkKind::Stamp {
                p.style = Some(id::MARK);
            }
            let r = RPr {
                style: Some(id::ch::EDITORIAL),
                ..RPr::default()
            };
            self.para(out, p, |w, o| w.run(o, &r, &hand));
        }
    }
}
