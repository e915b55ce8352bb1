//! What stands on the page besides the text: page breaks and forme work (folio numbers),
//! stamps and letterheads, notes that are marks, and the hands that wrote them.

use super::{is, name, Reader};
use crate::markup::{Inline, Text};
use crate::markup_write;
use crate::model::{Block, Folio, Mark, MarkKind, Position};
use crate::tei::read::{collapse, plain_text};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// A page break: a folio break labelled by the `fw type="pageNum"` after it, or by its
    /// `n`.
    pub(in crate::tei::read) fn page_break(&mut self, pb: Node<'a, 'i>) -> Option<Block> {
        let next = pb
            .next_sibling_element()
            .filter(|f| is(*f, "fw") && is_page_number(*f));
        let label = next
            .map(plain_text)
            .filter(|s| !s.is_empty())
            .or_else(|| pb.attribute("n").map(collapse))
            .filter(|s| !s.is_empty());
        match label {
            Some(label) => Some(Block::Folio(Folio { label })),
            None => {
                self.report(pb, "<pb> without n or folio number is not printed".into());
                None
            }
        }
    }

    /// Forme work: a folio number (unless the page break before it took it) or a register
    /// number and other running text, as a mark.
    pub(in crate::tei::read) fn forme_work(
        &mut self,
        fw: Node<'a, 'i>,
        _out: &mut Vec<Block>,
    ) -> Option<Block> {
        if is_page_number(fw) {
            let after_pb = fw.prev_sibling_element().is_some_and(|p| is(p, "pb"));
            if after_pb {
                return None;
            }
            let label = plain_text(fw);
            return (!label.is_empty()).then_some(Block::Folio(Folio { label }));
        }
        let kind = match fw.attribute("type") {
            Some("docNum") | Some("sig") | Some("catch") => MarkKind::Registration,
            _ => MarkKind::Annotation,
        };
        let mark = self.stamp(fw, kind);
        Some(mark)
    }

    /// A stamp, letterhead or forme work as a mark, at the place its `place`/`rend` says.
    pub(in crate::tei::read) fn stamp(&mut self, n: Node<'a, 'i>, kind: MarkKind) -> Block {
        let mut content = vec![];
        self.inline_children(n, &mut content);
        let mut content = super::inline::finish(content);
        if content.is_empty() {
            content.push(Inline::Text(format!("[{}]", name(n))));
        }
        Block::Mark(Mark {
            kind,
            text: markup_write::text(&content),
            signature: None,
            date: None,
            hand: None,
            medium: None,
            position: position_of(n.attribute("place").or(n.attribute("rend")).unwrap_or("")),
        })
    }

    /// A note that is a mark on the document (folio's own `note type="mark"`, or one in
    /// a margin), as a mark block.
    pub(in crate::tei::read) fn mark_note(&mut self, n: Node<'a, 'i>) -> Option<Block> {
        let place = n.attribute("place").unwrap_or("");
        let folio_mark = n.attribute("type") == Some("mark");
        let margin = matches!(
            place,
            "margin"
                | "left"
                | "right"
                | "margin-left"
                | "margin-right"
                | "inner"
                | "outer"
                | "marginLeft"
                | "marginRight"
                | "marginleft"
                | "marginright"
        );
        if !folio_mark && !margin {
            return None;
        }
        let kind = match n.attribute("subtype") {
            Some("resolution") => MarkKind::Resolution,
            Some("annotation") => MarkKind::Annotation,
            Some("stamp") => MarkKind::Stamp,
            Some("registration") => MarkKind::Registration,
            _ => MarkKind::MarginalNote,
        };
        let mut text = vec![];
        let mut signature = None;
        let mut date = None;
        for c in n.children() {
            if is(c, "ab") && c.attribute("type") == Some("signature") {
                let mut s = vec![];
                self.inline_children(c, &mut s);
                signature = Some(markup_write::text(&super::inline::finish(s)));
            } else if is(c, "ab") && c.attribute("type") == Some("date") {
                date = Some(plain_text(c));
            } else if is(c, "ab") || is(c, "p") {
                if !text.is_empty() {
                    text.push(Inline::LineBreak);
                }
                self.inline_children(c, &mut text);
            } else if c.is_text() {
                super::push_text(&mut text, c.text().unwrap_or(""));
            } else if c.is_element() {
                self.inline(c, &mut text);
            }
        }
        let text = super::inline::finish(text);
        let (hand, medium) = self.hand_of(n);
        let position = if margin {
            if matches!(
                place,
                "right" | "margin-right" | "marginRight" | "marginright" | "outer"
            ) {
                Position::RightMargin
            } else {
                Position::LeftMargin
            }
        } else {
            position_of(place)
        };
        Some(Block::Mark(Mark {
            kind,
            text: if text.is_empty() {
                Text::plain("…")
            } else {
                markup_write::text(&text)
            },
            signature: signature.filter(|s| !s.inlines().is_empty()),
            date: date.filter(|d| !d.is_empty()),
            hand,
            medium,
            position,
        }))
    }

    /// The hand of an element's `@hand` (a `handNote`, with its medium) as names.
    pub(in crate::tei::read) fn hand_of(&self, n: Node) -> (Option<String>, Option<String>) {
        let Some(pointer) = n.attribute("hand") else {
            return (None, None);
        };
        let id = pointer.trim().trim_start_matches('#');
        // `#author` with nothing of that id: the author's own hand, the document's.
        if id == "author" && !self.by_id.contains_key(id) {
            return (None, None);
        }
        let note = self.by_id.get(id).filter(|h| is(**h, "handNote"));
        let medium = note
            .and_then(|h| h.attribute("medium"))
            .map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "));
        // A hand note with a medium but no name: the document's hand, in that medium.
        if note.is_some_and(|h| plain_text(*h).is_empty()) {
            return (None, medium);
        }
        let name = self.resolve_name(pointer);
        ((!name.is_empty()).then_some(name), medium)
    }
}

/// Whether `fw` holds a folio or page number.
pub(super) fn is_page_number(fw: Node) -> bool {
    matches!(
        fw.attribute("type"),
        Some("pageNum") | Some("pageNumber") | Some("folNum") | Some("folio")
    )
}

/// A mark's place on the page from `place`/`rend` words.
fn position_of(place: &str) -> Position {
    let words: Vec<&str> = place.split_whitespace().collect();
    let has = |w: &str| words.iter().any(|x| x.eq_ignore_ascii_case(w));
    match place {
        "top-left" => Position::TopLeft,
        "top-right" => Position::TopRight,
        "top" => Position::Top,
        "bottom-left" => Position::BottomLeft,
        "bottom-right" => Position::BottomRight,
        "bottom" | "foot" => Position::Bottom,
        "margin-left" | "left-margin" => Position::LeftMargin,
        "margin-right" | "right-margin" => Position::RightMargin,
        _ if has("left") => Position::TopLeft,
        _ if has("center") || has("centre") => Position::Top,
        _ => Position::TopRight,
    }
}
