//! A paragraph's content made final: the place of each `handShift` marked until the
//! paragraph ends, then what follows it wrapped in that hand, and white space moved out of
//! marks and trimmed at the edges and around line breaks.

use crate::markup::Inline;
use crate::tei::read::{push_all, push_text};

/// Marks the place of a `handShift` until the paragraph is finished: what follows it is in
/// the hand named after this character (none: back to the document's hand).
pub(super) const SHIFT: char = '\u{E002}';

/// Pushes `make(content)` with the white space at the content's edges moved outside it
/// (`a<hi> b</hi>` is "a", a space, then the marked "b"); nothing for empty content.
pub(super) fn wrap(
    out: &mut Vec<Inline>,
    content: Vec<Inline>,
    make: impl FnOnce(Vec<Inline>) -> Inline,
) {
    let (lead, content, trail) = trim_edges(content);
    if lead {
        push_text(out, " ");
    }
    if !content.is_empty() {
        out.push(make(content));
    }
    if trail {
        push_text(out, " ");
    }
}

/// The content with white space removed at both edges (inside marks too), and whether
/// there was some at the start and at the end.
pub(super) fn trim_edges(mut content: Vec<Inline>) -> (bool, Vec<Inline>, bool) {
    let lead = trim_start(&mut content);
    let trail = trim_end(&mut content);
    (lead, content, trail)
}

fn trim_start(content: &mut Vec<Inline>) -> bool {
    let mut trimmed = false;
    while let Some(first) = content.first_mut() {
        match first {
            Inline::Text(t) => {
                let s = t.trim_start_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
                trimmed |= s.len() != t.len();
                if s.is_empty() {
                    content.remove(0);
                    continue;
                }
                *t = s.to_string();
            }
            other => {
                if !is_shift(other) {
                    if let Some(c) = other.children_mut() {
                        trimmed |= trim_start(c);
                    }
                }
            }
        }
        break;
    }
    trimmed
}

pub(super) fn trim_end(content: &mut Vec<Inline>) -> bool {
    let mut trimmed = false;
    while let Some(last) = content.last_mut() {
        match last {
            Inline::Text(t) => {
                let s = t.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
                trimmed |= s.len() != t.len();
                if s.is_empty() {
                    content.pop();
                    continue;
                }
                *t = s.to_string();
            }
            other => {
                if let Some(c) = other.children_mut() {
                    trimmed |= trim_end(c);
                }
            }
        }
        break;
    }
    trimmed
}

fn is_shift(i: &Inline) -> bool {
    matches!(i, Inline::Hand { hand, .. } if hand.starts_with(SHIFT))
}

/// A paragraph's content made final: what follows each `handShift` wrapped in that hand,
/// white space trimmed at the edges and around line breaks, no line break at either end.
pub(in crate::tei::read) fn finish(content: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = vec![];
    let mut hand: Option<(String, Vec<Inline>)> = None;
    let close = |hand: &mut Option<(String, Vec<Inline>)>, out: &mut Vec<Inline>| {
        if let Some((name, content)) = hand.take() {
            let (lead, content, trail) = trim_edges(content);
            if lead {
                push_text(out, " ");
            }
            if !content.is_empty() {
                out.push(Inline::Hand {
                    hand: name,
                    content,
                });
            }
            if trail {
                push_text(out, " ");
            }
        }
    };
    for inline in content {
        if let Inline::Hand { hand: name, .. } = &inline {
            if let Some(who) = name.strip_prefix(SHIFT) {
                close(&mut hand, &mut out);
                if !who.is_empty() {
                    hand = Some((who.to_string(), vec![]));
                }
                continue;
            }
        }
        let target = match &mut hand {
            Some((_, c)) => c,
            None => &mut out,
        };
        push_all(target, [inline]);
    }
    close(&mut hand, &mut out);
    let mut out = spaces_around_breaks(out);
    while matches!(out.first(), Some(Inline::LineBreak)) {
        out.remove(0);
        trim_start(&mut out);
    }
    trim_start(&mut out);
    trim_end(&mut out);
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
        trim_end(&mut out);
    }
    out
}

/// No white space right before or after a line break.
fn spaces_around_breaks(content: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(content.len());
    let mut after_break = false;
    for mut inline in content {
        match &mut inline {
            Inline::LineBreak => {
                trim_end(&mut out);
                after_break = true;
                out.push(inline);
                continue;
            }
            Inline::Text(t) if after_break => {
                let s = t.trim_start().to_string();
                if s.is_empty() {
                    continue;
                }
                *t = s;
            }
            _ => {}
        }
        after_break = false;
        out.push(inline);
    }
    out
}

/// The marker of a change of hand to `who` (a name; empty: back to the document's hand).
pub(in crate::tei::read) fn shift_to(who: String) -> Inline {
    Inline::Hand {
        hand: format!("{SHIFT}{who}"),
        content: vec![],
    }
}
