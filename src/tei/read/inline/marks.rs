//! The readings of single marks: `rend`/`rendition`/`style` values into the marks they map
//! to, a `choice`'s two readings, the place of an `add`, the description of a `gap`, and a
//! mark in a hand.

use super::finish::{trim_edges, wrap};
use crate::markup::{Inline, InsertPlace};
use crate::tei::mapping::Target;
use crate::tei::read::structure::{name, rend_values};
use crate::tei::read::{child, is, plain_text, push_text, Reader};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// Content wrapped in the marks its `rend`/`rendition`/`style` values map to; values
    /// that are not mapped are reported.
    pub(super) fn rendered(&mut self, n: Node<'a, 'i>, content: Vec<Inline>) -> Vec<Inline> {
        let mut content = content;
        for (attr, value) in rend_values(n) {
            let target = self.mapping.get(value);
            let mark: Option<fn(Vec<Inline>) -> Inline> = match target {
                Some(Target::Underline) => Some(|c| Inline::Underline {
                    double: false,
                    content: c,
                }),
                Some(Target::DoubleUnderline) => Some(|c| Inline::Underline {
                    double: true,
                    content: c,
                }),
                Some(Target::Spaced) => Some(Inline::Spaced),
                Some(Target::Superscript) => Some(Inline::Superscript),
                Some(Target::Italic) => Some(Inline::Italic),
                Some(Target::Bold) => Some(Inline::Bold),
                Some(Target::Subscript) => Some(Inline::Subscript),
                Some(Target::Deleted) => Some(Inline::Deleted),
                Some(_) => None,
                None => {
                    let what = format!("{attr} value `{value}` on <{}> is not mapped", name(n));
                    self.report(n, what);
                    None
                }
            };
            if let Some(mark) = mark {
                let mut wrapped = vec![];
                wrap(&mut wrapped, content, mark);
                content = wrapped;
            }
        }
        content
    }

    /// A `choice`: both readings of orig/reg, abbr/expan and sic/corr (the error kept as a
    /// sic in the original reading); any other pair keeps its first alternative.
    pub(super) fn choice(&mut self, n: Node<'a, 'i>, out: &mut Vec<Inline>) {
        let kids: Vec<Node> = n.children().filter(|c| c.is_element()).collect();
        let find = |names: &[&str]| {
            kids.iter()
                .copied()
                .find(|k| names.iter().any(|x| is(*k, x)))
        };
        let pair = [("orig", "reg"), ("abbr", "expan"), ("sic", "corr")]
            .into_iter()
            .find_map(|(o, r)| Some((o, find(&[o])?, find(&[r])?)));
        let Some((kind, orig, reg)) = pair else {
            let Some(first) = kids.first().copied() else {
                return;
            };
            let what = format!(
                "<choice> of {}: the first alternative is printed",
                kids.iter()
                    .map(|k| format!("<{}>", name(*k)))
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
            self.report(n, what);
            return self.inline(first, out);
        };
        let mut original = vec![];
        self.inline_children(orig, &mut original);
        let mut regularized = vec![];
        self.inline_children(reg, &mut regularized);
        let (lead_o, mut original, trail_o) = trim_edges(original);
        let (lead_r, regularized, trail_r) = trim_edges(regularized);
        if kind == "sic" && !original.is_empty() {
            original = vec![Inline::Sic(original)];
        }
        if lead_o || lead_r {
            push_text(out, " ");
        }
        out.push(Inline::Choice {
            original,
            regularized,
        });
        if trail_o || trail_r {
            push_text(out, " ");
        }
    }
}

/// Whether an `add@place` value is one folio maps.
pub(super) fn known_place(p: &str) -> bool {
    p.split_whitespace().all(|w| {
        matches!(
            w,
            "above"
                | "superlinear"
                | "supralinear"
                | "top"
                | "over"
                | "below"
                | "sublinear"
                | "bottom"
                | "under"
                | "margin"
                | "left"
                | "right"
                | "margin-left"
                | "margin-right"
                | "inner"
                | "outer"
                | "inline"
                | "intralinear"
                | "inspace"
                | "across"
                | "overwritten"
                | "end"
                | "opposite"
                | "overleaf"
        )
    })
}

pub(super) fn insert_place(p: &str) -> InsertPlace {
    let first = p.split_whitespace().next().unwrap_or("");
    match first {
        "below" | "sublinear" | "bottom" | "under" => InsertPlace::Below,
        "margin" | "left" | "right" | "margin-left" | "margin-right" | "inner" | "outer"
        | "opposite" | "overleaf" | "end" => InsertPlace::Margin,
        "inline" | "intralinear" | "inspace" | "across" | "overwritten" => InsertPlace::Inline,
        _ => InsertPlace::Above,
    }
}

/// A gap's description: its `desc`, else its extent and the reason.
pub(super) fn gap_description(n: Node) -> Option<String> {
    if let Some(d) = child(n, "desc").map(plain_text).filter(|d| !d.is_empty()) {
        return Some(d);
    }
    let extent = n.attribute("extent").map(str::to_string).or_else(|| {
        let q = n.attribute("quantity")?;
        Some(match n.attribute("unit") {
            Some(u) => format!("{q} {u}"),
            None => q.to_string(),
        })
    });
    let reason = n.attribute("reason");
    match (reason, extent) {
        (Some(r), Some(e)) => Some(format!("{r}, {e}")),
        (Some(r), None) => Some(r.to_string()),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

pub(super) fn with_hand(hand: Option<String>, inline: Inline) -> Inline {
    match hand {
        Some(hand) => Inline::Hand {
            hand,
            content: vec![inline],
        },
        None => inline,
    }
}
