//! The page builder: cuts the vertical flow into pages, each line's footnotes at the foot
//! of its page, and adds running heads and page and line numbers.

use super::Composer;
use crate::layout::para::{Align, Sty};
use crate::layout::{Elem, Item, LineTag, Page};

impl Composer<'_> {
    /// Cuts the flow into pages: each line's notes at the foot of its page, no widow or
    /// orphan (the elements say where a break may fall), running head and page numbers.
    /// With `run_on`, the flow starts below the text of the last page, its notes above the
    /// notes already there.
    pub(super) fn paginate(&mut self, flow: Vec<Elem>, notes: &[(usize, Vec<Elem>)], run_on: bool) {
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
        // A resumed page has its head and number already.
        self.heads_and_folios(first_page, first_page + usize::from(resumed_first));
    }

    /// Running heads (from the second page of a document, `first_page`) and page numbers, on
    /// the pages from `from` on.
    fn heads_and_folios(&mut self, first_page: usize, from: usize) {
        let total = self.pages.len();
        for p in from..total {
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
}
