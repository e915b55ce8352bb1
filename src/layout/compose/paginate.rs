//! The page builder: cuts the vertical flow into pages, each line's footnotes at the foot
//! of its page, and adds running heads and page and line numbers. It takes the flow as it
//! is set, block by block, and finishes each page as soon as what follows can no longer
//! change it, so a long document's lines are not all held at once.

use super::elems::stamp;
use super::footnotes::NoteIndex;
use super::Composer;
use crate::layout::para::{Align, Sty};
use crate::layout::structure;
use crate::layout::{Elem, Item, LineTag, Page};

/// The most a space between blocks grows to fill a page, in leadings: more would read as
/// a section break.
const MAX_SPREAD: f32 = 1.0;

/// The longest tail of a document, in leadings, that may come onto the page before rather
/// than stand alone on a page of its own: a legend of two or three lines and its space.
const MAX_TAIL: f32 = 4.0;

/// The most the spaces between blocks close up to take such a tail, as a fraction of each:
/// more would crowd the blocks.
const MAX_SHRINK: f32 = 0.5;

/// A page builder part way through a flow: what carries over from one page to the next.
pub(super) struct Pager {
    /// The footnotes of the flow, by number.
    notes: NoteIndex,
    /// The last page, to go on below its text (a run-on document), until the first page.
    resume: Option<Page>,
    /// Whether the first page was such a resumed page (it has its head and number).
    resumed_first: bool,
    /// The first page of the flow.
    first_page: usize,
    /// Lines counted for line numbers so far.
    line_no: u32,
    /// Lines of notes continued from the page before: note number and line index.
    carry: Vec<(usize, usize)>,
}

impl Composer<'_> {
    /// A page builder for a flow whose footnotes are `notes`. With `run_on`, the flow
    /// starts below the text of the last page, its notes above the notes already there.
    /// `walked` says, per note number, after how many of the references recorded for
    /// links the last reference to the note has been set (none: all are set already).
    pub(super) fn pager(
        &mut self,
        notes: Vec<(usize, Vec<Elem>)>,
        run_on: bool,
        walked: Vec<usize>,
    ) -> Pager {
        let resume = if run_on { self.pages.pop() } else { None };
        Pager {
            notes: NoteIndex::new(notes, walked),
            resumed_first: resume.is_some(),
            resume,
            first_page: self.pages.len(),
            line_no: 0,
            carry: Vec::new(),
        }
    }

    /// Cuts a whole flow into pages (see [`Composer::paginate_ready`]).
    pub(super) fn paginate(
        &mut self,
        mut flow: Vec<Elem>,
        notes: Vec<(usize, Vec<Elem>)>,
        run_on: bool,
    ) {
        let mut pager = self.pager(notes, run_on, Vec::new());
        self.paginate_ready(&mut pager, &mut flow, true);
    }

    /// Cuts the flow into pages: each line's notes at the foot of its page, no widow or
    /// orphan (the elements say where a break may fall), running head and page numbers.
    /// Before the flow is `done`, only the pages that what may still come cannot change
    /// are made; their elements leave `flow`, the rest waits for more.
    pub(super) fn paginate_ready(&mut self, pager: &mut Pager, flow: &mut Vec<Elem>, done: bool) {
        let sep = self.small_leading * 0.9;
        let by_number = &mut pager.notes;
        let mut n = flow.len();
        let mut s = 0;
        while (s < n || !pager.carry.is_empty()) && (done || self.decided(&flow[s..])) {
            let note_h = |ns: &[usize]| -> f32 {
                let h: f32 = ns.iter().map(|n| by_number.height(*n)).sum();
                if h > 0.0 {
                    h + sep
                } else {
                    0.0
                }
            };
            // This page's frame: a fresh page, or the rest of the last one.
            let resumed = pager.resume.take();
            let (body_top, limit) = match &resumed {
                Some(p) => (p.body_end + self.leading * 2.0, p.foot_top),
                None => (self.top, self.page_h - self.bottom),
            };
            let body_h = limit - body_top;
            // Find the end of this page.
            let carry_h: f32 = pager
                .carry
                .iter()
                .map(|&(nn, k)| by_number.lines(nn)[k].h)
                .sum();
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
            // Notes split here: per note, how many of its lines stay on this page (the rest
            // go on to the next).
            let mut split: Vec<(usize, usize)> = Vec::new();
            // Notes continued from the page before that leave no room for a line of text
            // take the page alone (text one line a page between them would be lost to the
            // eye).
            if !pager.carry.is_empty() && s < n && carry_h + sep + flow[s].h > body_h {
                end = s;
                j = n;
            }
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
                    // Long notes are continued on the next page rather than moving their
                    // line there, when the line itself fits and may end the page: as many
                    // of their lines as fit stay, in order of number.
                    let mut new: Vec<usize> = with[page_notes.len()..].to_vec();
                    let long = note_h(&new) > body_h * 0.4;
                    let may_end = flow.get(j + 1).is_none_or(|f| f.breakable);
                    if long && may_end && !new.is_empty() {
                        new.sort_unstable_by_key(|n| by_number.rank(*n));
                        let base = used + gap + e.h + notes_h(&page_notes).max(sep + carry_h);
                        let mut room = body_h - base;
                        let mut kept = Vec::new();
                        let mut full = false;
                        for nn in &new {
                            let mut count = 0;
                            for l in by_number.lines(*nn) {
                                if full || l.h > room {
                                    full = true;
                                    break;
                                }
                                room -= l.h;
                                count += 1;
                            }
                            kept.push((*nn, count));
                        }
                        if kept.iter().map(|(_, c)| c).sum::<usize>() >= 2 {
                            split = kept;
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
            // A short tail of the document (the legend, a last line) that would stand alone
            // on a page of its own comes onto this one, the spaces between blocks closing up.
            let mut shrink = 0.0;
            if end < n && split.is_empty() && pager.carry.is_empty() {
                let mut all = page_notes.clone();
                for e in &flow[end..n] {
                    for k in &e.notes {
                        if !all.contains(k) {
                            all.push(*k);
                        }
                    }
                }
                if let Some(f) = self.close_up(&flow[s..n], end - s, notes_h(&all), body_h) {
                    shrink = f;
                    end = n;
                }
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
            // Footnotes at the foot: notes continued from the page before, then this
            // page's notes in the order given (by series, then number); a split note's
            // later lines go on to the next page.
            let mut ns = page.refs.clone();
            ns.sort_unstable_by_key(|n| by_number.rank(*n));
            let mut lines: Vec<(usize, usize)> = std::mem::take(&mut pager.carry);
            for nn in &ns {
                let stay = split
                    .iter()
                    .find(|(sn, _)| sn == nn)
                    .map_or(usize::MAX, |(_, c)| *c);
                for k in 0..by_number.lines(*nn).len() {
                    if k >= stay {
                        pager.carry.push((*nn, k));
                    } else {
                        lines.push((*nn, k));
                    }
                }
            }
            let line_h = |(nn, k): (usize, usize)| by_number.lines(nn)[k].h;
            // Notes that do not fit below the page's text at all (a line at the top of a
            // page that refers to more notes than a page holds) go on to the next page too,
            // before the notes split above: nothing is set over the text. A page without
            // text keeps at least one line, so that every page moves on.
            // The text as it will stand: closed up when a tail was taken in.
            let text_h = stacked_closed_up(&flow[s..end], shrink);
            let mut room = limit - body_top - text_h - sep;
            let mut fit = 0;
            for &l in &lines {
                // A hair of tolerance: the page loop summed the same heights in another order.
                if line_h(l) > room + 0.01 {
                    break;
                }
                room -= line_h(l);
                fit += 1;
            }
            if fit < lines.len() {
                let fit = if s == end { fit.max(1) } else { fit };
                let rest = lines.split_off(fit);
                pager.carry.splice(0..0, rest);
            }
            let foot_h = if lines.is_empty() {
                0.0
            } else {
                lines.iter().map(|&l| line_h(l)).sum::<f32>() + sep
            };
            // A page that is not the document's last, a line or more short (a kept line, a
            // note moved on): paragraphs on it take their setting one line longer.
            if end < n && split.is_empty() {
                let room = limit - foot_h - body_top;
                let added = lengthen(flow, s, end, room);
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
            // The lines move onto the page: the flow keeps no second copy of them (nor the
            // longer settings of paragraphs already placed).
            for (k, e) in flow[s..end].iter_mut().enumerate() {
                if k > 0 {
                    y += e.gap * (1.0 - shrink) + if flexible(e) { spread } else { 0.0 };
                }
                let baseline = e.items.iter().find_map(|it| match it {
                    Item::Text { y, .. } => Some(*y),
                    _ => None,
                });
                e.longer = None;
                for mut it in std::mem::take(&mut e.items) {
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
                    pager.line_no += 1;
                    let line_no = pager.line_no;
                    let every = self.style.pdf.line_numbers;
                    if every > 0 && line_no.is_multiple_of(every) {
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
                for &(nn, k) in &lines {
                    let l = &by_number.lines(nn)[k];
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
            // The notes set in full whose every reference is placed are not needed again.
            let references = self.references_walked();
            for nn in &page.footnotes {
                let later = flow[end..].iter().any(|e| e.notes.contains(nn));
                if !later && !pager.carry.iter().any(|(c, _)| c == nn) {
                    by_number.release(*nn, references);
                }
            }
            self.pages.push(page);
            let at = self.pages.len() - 1;
            // A resumed page has its head and number already.
            if !(pager.resumed_first && at == pager.first_page) {
                self.heads_and_folios(pager.first_page, at);
            }
            // The pages before this one are finished: handed on (the last may yet be
            // resumed by a run-on document).
            self.hand_on(at);
            s = end;
        }
        // What is placed leaves the flow.
        flow.drain(..s);
    }

    /// Whether the page that starts the flow `rest` is decided whatever follows it: the
    /// flow holds more than the page can take, the element after that (whether the page
    /// may end there) and, beyond, more than a short tail that could come onto the page.
    fn decided(&self, rest: &[Elem]) -> bool {
        // The page ends at `over` at the latest (a page takes at least two elements).
        let mut h = 0.0;
        let mut over = None;
        for (k, e) in rest.iter().enumerate() {
            h += e.h + if k > 0 { e.gap } else { 0.0 };
            if k > 0 && h > self.page_h {
                over = Some(k);
                break;
            }
        }
        let Some(over) = over else {
            return false;
        };
        // Past the element after that, a tail longer than a short one.
        let mut tail = 0.0;
        for e in rest.iter().skip(over + 2) {
            tail += e.h + e.gap;
            if tail > self.leading * MAX_TAIL {
                return true;
            }
        }
        false
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

    /// Whether the elements of a page and the short tail after it (from `tail`: at most
    /// [`MAX_TAIL`] leadings, the end of the document) fit in `room` with their notes
    /// (`notes_h`) when the spaces between blocks close up; by how much they close (the
    /// fraction of each, at most [`MAX_SHRINK`]). A compositor would rather tighten a page a
    /// little than send two lines to a page of their own.
    fn close_up(&self, elems: &[Elem], tail: usize, notes_h: f32, room: f32) -> Option<f32> {
        let rest = &elems[tail..];
        let tail_h: f32 = rest.iter().map(|e| e.h + e.gap).sum();
        if rest.is_empty() || tail_h > self.leading * MAX_TAIL {
            return None;
        }
        let over = stacked(elems) + notes_h - room;
        let gaps: f32 = elems.iter().skip(1).map(|e| e.gap.max(0.0)).sum();
        if gaps <= 0.0 {
            return None;
        }
        let f = over.max(0.0) / gaps;
        (f <= MAX_SHRINK).then_some(f)
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
    stacked_closed_up(elems, 0.0)
}

/// Height of `elems` stacked with the spaces between them closed up by `shrink` (a
/// fraction of each), as [`Composer::paginate_ready`] places them.
fn stacked_closed_up(elems: &[Elem], shrink: f32) -> f32 {
    elems
        .iter()
        .enumerate()
        .map(|(k, e)| e.h + if k > 0 { e.gap * (1.0 - shrink) } else { 0.0 })
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
        let (true, Some((tag, count))) = (flow[k].longer.is_some(), flow[k].line) else {
            continue;
        };
        let line_h = flow[k].h;
        if white < line_h || k + count > end + added || tag % 10000 != 0 {
            continue;
        }
        let Some(mut alt) = flow[k].longer.take() else {
            continue;
        };
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
