//! The page builder: cuts the vertical flow into pages, each line's footnotes at the foot
//! of its page, and adds running heads and page and line numbers.

use super::elems::stamp;
use super::Composer;
use crate::layout::para::{Align, Sty};
use crate::layout::structure;
use crate::layout::{Elem, Item, LineTag, Page};

/// The most a space between blocks grows to fill a page, in leadings: more would read as
/// a section break.
const MAX_SPREAD: f32 = 1.0;

impl Composer<'_> {
    /// Cuts the flow into pages: each line's notes at the foot of its page, no widow or
    /// orphan (the elements say where a break may fall), running head and page numbers.
    /// With `run_on`, the flow starts below the text of the last page, its notes above the
    /// notes already there.
    pub(super) fn paginate(
        &mut self,
        mut flow: Vec<Elem>,
        notes: &[(usize, Vec<Elem>)],
        run_on: bool,
    ) {
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
        let mut n = flow.len();
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
            for e in &flow[s..end] {
                for r in &e.notes {
                    if !page.refs.contains(r) {
                        page.refs.push(*r);
                    }
                }
            }
            // Footnotes at the foot: a note continued from the page before, then this
            // page's notes in the order given (by series, then number); a split note's
            // later lines go on to the next page.
            let mut lines: Vec<(usize, &Elem)> = std::mem::take(&mut carry);
            for (nn, ls) in notes.iter().filter(|(k, _)| page.refs.contains(k)) {
                for (k, l) in ls.iter().enumerate() {
                    match split {
                        Some((sn, count)) if sn == *nn && k >= count => carry.push((*nn, l)),
                        _ => lines.push((*nn, l)),
                    }
                }
            }
            let foot_h = if lines.is_empty() {
                0.0
            } else {
                lines.iter().map(|(_, l)| l.h).sum::<f32>() + sep
            };
            // A page that is not the document's last, a line or more short (a kept line, a
            // note moved on): paragraphs on it take their setting one line longer.
            if end < n && split.is_none() {
                let room = limit - foot_h - body_top;
                let added = lengthen(&mut flow, s, end, room);
                end += added;
                n += added;
            }
            // A page that is not the document's last is filled to its foot: the white a
            // kept line or a note left goes into the spaces between blocks.
            let spread = if end < n {
                self.spread(&flow[s..end], limit - foot_h - body_top)
            } else {
                0.0
            };
            let mut y = body_top;
            for (k, e) in flow[s..end].iter().enumerate() {
                if k > 0 {
                    y += e.gap + if flexible(e) { spread } else { 0.0 };
                }
                for it in &e.items {
                    let mut it = it.clone();
                    it.shift(y);
                    page.items.push(it);
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
                            let mut num = self.text_right(
                                &line_no.to_string(),
                                self.left - self.size,
                                y + b,
                                self.small * 0.9,
                            );
                            // A line number is not text of the document: an artifact.
                            stamp(&mut num, structure::LINE_NUMBER, true);
                            page.items.push(num);
                        }
                    }
                }
                y += e.h;
            }
            page.body_end = y;
            page.foot_top = limit;
            if !lines.is_empty() {
                let mut ny = limit - foot_h;
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

    /// How much each space between blocks and paragraphs on a page grows so that its text
    /// reaches the foot: the white of `room` not taken by `elems`, shared by the
    /// [`flexible`] places (not above the first), each growing by at most [`MAX_SPREAD`]
    /// leadings.
    fn spread(&self, elems: &[Elem], room: f32) -> f32 {
        let used = stacked(elems);
        let gaps = elems.iter().skip(1).filter(|e| flexible(e)).count();
        let white = room - used;
        if gaps == 0 || white <= 0.0 {
            return 0.0;
        }
        (white / gaps as f32).min(self.leading * MAX_SPREAD)
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
                for it in items.iter_mut() {
                    stamp(it, structure::HEADER, true);
                }
            }
            if self.style.pdf.page_numbers {
                let y = self.page_h - self.bottom + self.leading * 1.6;
                let w = self.text_width(&folio, self.small);
                let mut num = self.text_at(
                    &folio,
                    Sty::PLAIN,
                    self.left + (self.measure - w) / 2.0,
                    y,
                    self.small,
                );
                stamp(&mut num, structure::PAGE_NUMBER, true);
                items.push(num);
            }
            self.pages[p].items.extend(items);
        }
    }
}

/// Height of `elems` stacked (the first one's gap dropped, as at a page's top).
fn stacked(elems: &[Elem]) -> f32 {
    elems
        .iter()
        .enumerate()
        .map(|(k, e)| e.h + if k > 0 { e.gap } else { 0.0 })
        .sum()
}

/// Replaces paragraphs of `flow[s..end]` by their settings one line longer (from the
/// bottom of the page up) while the lines fit in `room`; returns how many lines it added.
/// The longer setting keeps what the page builder knows of the paragraph: its gap, whether
/// a page may break before it, its widow and orphan control, its line numbers.
fn lengthen(flow: &mut Vec<Elem>, s: usize, end: usize, room: f32) -> usize {
    let mut white = room - stacked(&flow[s..end]);
    let mut added = 0;
    let mut k = end;
    while k > s {
        k -= 1;
        let (Some(alt), Some((tag, count))) = (flow[k].longer.as_ref(), flow[k].line) else {
            continue;
        };
        let line_h = flow[k].h;
        if white < line_h || k + count > end + added || tag % 10000 != 0 {
            continue;
        }
        let mut alt = alt.clone();
        let len = alt.len();
        let id = tag / 10000;
        for (i, l) in alt.iter_mut().enumerate() {
            l.counted = flow[k].counted;
            l.line = Some((id * 10000 + i, len));
            if i == 1 || i + 1 == len {
                l.breakable = false;
            }
        }
        alt[0].gap = flow[k].gap;
        alt[0].breakable = flow[k].breakable;
        flow.splice(k..k + count, alt);
        white -= line_h;
        added += 1;
    }
    added
}

/// Whether the space above an element may grow to fill a page: above a block (a gap) and
/// above a paragraph's first line — where a compositor puts the white of a short page.
fn flexible(e: &Elem) -> bool {
    e.gap > 0.0 || e.line.is_some_and(|(tag, _)| tag % 10000 == 0)
}
