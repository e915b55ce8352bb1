//! The name and place indexes of a volume (or of a document alone): from a new page, a
//! centred heading, then the entries in two columns, letter by letter; each locator is a
//! page number (italic when every mention on that page is in the apparatus) and a link to
//! the mention; variants are "см." cross-references.

use super::elems::stack;
use super::inline::piece;
use super::Composer;
use crate::layout::para::{Align, Frame, Sty};
use crate::layout::{Elem, Item};
use crate::shared::index::{self, Index, IndexLine, Locus, Run};

/// Where a mention is set: its page (0-based) and the top of its line.
pub type Target = (usize, f32);

impl Composer<'_> {
    /// Sets one index from a new page. `target` gives the page and place of a mention (the
    /// page of its document's heading for an author or addressee).
    pub fn index(
        &mut self,
        ix: &Index,
        target: &dyn Fn(Locus) -> Option<Target>,
        volume_title: &str,
        language: &str,
    ) {
        let mut ctx = self.front_ctx(language);
        let labels = ctx.labels;
        let title = index::title(ix.kind, labels);
        self.section_start(title, volume_title);
        let mut head = vec![self.section_heading(title, &mut ctx)];
        let mut what = self.para(
            &[piece(
                labels.index_by_page,
                Sty {
                    italic: true,
                    ..Sty::PLAIN
                },
            )],
            self.frame_small(Align::Center, false),
            &mut ctx,
        );
        if let Some(l) = what.last_mut() {
            l.h += self.small_leading;
        }
        head.extend(what);
        let head = stack(head);

        let gutter = self.size * 1.5;
        let col_w = (self.measure - gutter) / 2.0;
        let frame = Frame {
            x: self.left,
            width: col_w,
            indent: 0.0,
            rest_indent: self.small * 1.2,
            ..self.frame_small(Align::Left, false)
        };
        let mut flow: Vec<Elem> = Vec::new();
        for (letter, lines) in &ix.groups {
            let mut l = stack(self.para(
                &[piece(
                    letter,
                    Sty {
                        bold: true,
                        ..Sty::PLAIN
                    },
                )],
                Frame {
                    align: Align::Center,
                    rest_indent: 0.0,
                    ..frame
                },
                &mut ctx,
            ));
            l.gap = if flow.is_empty() {
                0.0
            } else {
                self.small_leading * 0.6
            };
            l.breakable = true;
            flow.push(l);
            let mut first = true;
            for line in lines {
                let (mut pieces, runs) = match line {
                    IndexLine::Entry(e) => {
                        let mut numbered: Vec<(usize, Locus)> = Vec::new();
                        for l in &e.loci {
                            if let Some((page, _)) = target(*l) {
                                numbered.push((page + 1, *l));
                            }
                        }
                        let runs = index::runs(&numbered);
                        let mut p = vec![piece(&index::entry_text(e.entry), Sty::PLAIN)];
                        for (k, r) in runs.iter().enumerate() {
                            p.push(piece(", ", Sty::PLAIN));
                            let mut n = piece(
                                &index::run_text(r),
                                Sty {
                                    italic: r.apparatus,
                                    ..Sty::PLAIN
                                },
                            );
                            n.anchor = Some(k);
                            p.push(n);
                        }
                        (p, runs)
                    }
                    IndexLine::See {
                        variant, target, ..
                    } => (
                        vec![
                            piece(&format!("{variant} — "), Sty::PLAIN),
                            piece(
                                &format!("{} ", labels.see),
                                Sty {
                                    italic: true,
                                    ..Sty::PLAIN
                                },
                            ),
                            piece(target, Sty::PLAIN),
                        ],
                        vec![],
                    ),
                };
                pieces.retain(|p| !p.text.is_empty());
                let mut e = stack(self.para(&pieces, frame, &mut ctx));
                self.links(&mut e, &runs, target);
                // A letter keeps its first entry.
                e.breakable = !first;
                first = false;
                flow.push(e);
            }
        }
        let pages = self.columns(head, flow, col_w + gutter);
        self.paginate(pages, Vec::new(), false);
    }

    /// Turns the anchors the locators left in an entry's lines into links to the mentions.
    fn links(&self, e: &mut Elem, runs: &[Run], target: &dyn Fn(Locus) -> Option<Target>) {
        let mut items = Vec::with_capacity(e.items.len());
        for it in std::mem::take(&mut e.items) {
            match it {
                Item::Anchor { mention: k, x, y } => {
                    let Some(run) = runs.get(k) else { continue };
                    let Some((page, to_y)) = target(run.first) else {
                        continue;
                    };
                    let w = self.text_width(&index::run_text(run), self.small);
                    items.push(Item::Link {
                        x,
                        y,
                        w,
                        h: self.small * 1.25,
                        page,
                        to_y,
                        alt: None,
                    });
                }
                other => items.push(other),
            }
        }
        e.items = items;
    }

    /// Fills columns of the page's text height with the flow, two to a page (the first page
    /// under `head`), each page one element of the full height.
    fn columns(&self, head: Elem, flow: Vec<Elem>, step: f32) -> Vec<Elem> {
        let body_h = self.page_h - self.bottom - self.top;
        let fresh = || Elem {
            breakable: true,
            ..Elem::default()
        };
        let mut pages: Vec<Elem> = Vec::new();
        let mut page = fresh();
        let mut top = head.h;
        page.items.extend(head.items);
        // The page's item count before each element of the current column.
        let mut marks: Vec<usize> = Vec::new();
        let mut column = 0;
        let mut y = top;
        let mut i = 0;
        while i < flow.len() {
            let e = &flow[i];
            let gap = if marks.is_empty() { 0.0 } else { e.gap };
            if !marks.is_empty() && y + gap + e.h > body_h {
                // What may not be parted from the element before it moves on with it,
                // unless it would leave the column empty.
                let first = i - marks.len();
                let mut back = i;
                while back > first && !flow[back].breakable {
                    back -= 1;
                }
                if back > first && back < i {
                    page.items.truncate(marks[marks.len() - (i - back)]);
                    i = back;
                }
                marks.clear();
                column += 1;
                y = top;
                if column == 2 {
                    page.h = body_h;
                    pages.push(std::mem::replace(&mut page, fresh()));
                    column = 0;
                    top = 0.0;
                    y = 0.0;
                }
                continue;
            }
            marks.push(page.items.len());
            y += gap;
            let dx = step * column as f32;
            for it in &e.items {
                let mut it = it.clone();
                it.shift(y);
                it.shift_x(dx);
                page.items.push(it);
            }
            y += e.h;
            page.h = page.h.max(y);
            i += 1;
        }
        if !page.items.is_empty() {
            pages.push(page);
        }
        pages
    }
}
