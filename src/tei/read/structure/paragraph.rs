//! Paragraphs into blocks: a paragraph-like element split where a block stands inside it,
//! the content gathered ended as a block of its role, a note reference attached to the last
//! block with text, and runs of paragraphs of one kind merged into one block.

use super::marks::is_page_number;
use super::{is, Reader, Role, BLOCK_BREAK};
use crate::markup::{Inline, Text};
use crate::markup_write;
use crate::model::{
    Block, Closer, Dateline, Heading, Paragraphs, Paras, Postscript, Quote, Salutation, Signature,
};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// A paragraph-like element: its inline content, split where a page turns or a block
    /// (an address, a list, a letterhead) stands inside it.
    pub(super) fn paragraph(&mut self, n: Node<'a, 'i>, role: Role, out: &mut Vec<Block>) {
        let mut cur: Vec<Inline> = vec![];
        let mut role = role;
        // A hand on the paragraph (or its postscript) is the hand of all it holds.
        let hand = n.attribute("hand").or_else(|| {
            n.parent()
                .filter(|p| is(*p, "postscript"))
                .and_then(|p| p.attribute("hand"))
        });
        if let Some(h) = hand {
            cur.push(super::inline::shift_to(self.resolve_name(h)));
        }
        for c in n.children() {
            if !c.is_element() {
                if c.is_text() {
                    super::push_text(&mut cur, c.text().unwrap_or(""));
                }
                continue;
            }
            let splits = is(c, "pb")
                || is(c, "address")
                || is(c, "list")
                || is(c, "table")
                || is(c, "lg")
                || is(c, "floatingText")
                || is(c, "stamp")
                || (is(c, "fw") && is_page_number(c))
                || (is(c, "seg") && c.attribute("type") == Some("letterhead"))
                || (is(c, "quote") && c.children().any(|q| is(q, "p")));
            if splits {
                let before = out.len();
                self.flush(&mut cur, role, out);
                if out.len() > before {
                    // What follows the break continues the paragraph: no new indent.
                    if let Role::Text { align, .. } = role {
                        role = Role::Text {
                            align,
                            indent: false,
                        };
                    }
                }
                self.block(c, out);
            } else {
                self.inline(c, &mut cur);
            }
        }
        self.flush(&mut cur, role, out);
    }

    /// Ends the content gathered so far as a block of `role` (nothing if it is empty), then
    /// the blocks deferred while reading it.
    pub(super) fn flush(&mut self, content: &mut Vec<Inline>, role: Role, out: &mut Vec<Block>) {
        let inlines = super::inline::finish(std::mem::take(content));
        if !inlines.is_empty() {
            let (hand, inlines) = match inlines.as_slice() {
                [Inline::Hand { hand, content }] => (Some(hand.clone()), content.clone()),
                _ => (None, inlines),
            };
            let text = markup_write::text(&inlines);
            let hand_text = || match &hand {
                Some(h) => markup_write::text(&[Inline::Hand {
                    hand: h.clone(),
                    content: inlines.clone(),
                }]),
                None => text.clone(),
            };
            out.push(match role {
                Role::Text { align, indent } => Block::Text(Paragraphs {
                    text: Paras::from_paragraphs(vec![text]),
                    align,
                    indent,
                    hand,
                }),
                Role::Postscript => Block::Postscript(Postscript {
                    text: Paras::from_paragraphs(vec![text]),
                    hand,
                }),
                Role::Salutation => Block::Salutation(Salutation { text: hand_text() }),
                Role::Heading => Block::Heading(Heading { text: hand_text() }),
                Role::Dateline(side) => Block::Dateline(Dateline { text, side, hand }),
                Role::Quote => Block::Quote(Quote {
                    text: Paras::from_paragraphs(vec![hand_text()]),
                }),
                Role::CloserLine => Block::Closer(Closer {
                    lines: vec![hand_text()],
                    signatures: vec![],
                }),
                Role::Signature(side) => Block::Closer(Closer {
                    lines: vec![],
                    signatures: vec![Signature {
                        name: hand_text(),
                        role: None,
                        autograph: false,
                        side,
                    }],
                }),
            });
        }
        out.append(&mut self.deferred);
    }
}

/// Appends a reference to note `id` at the end of the last block that has text.
pub(super) fn attach_ref(out: &mut [Block], id: String) {
    let Some(block) = out.iter_mut().rev().find(|b| !b.texts().is_empty()) else {
        return;
    };
    let count = block.texts().len();
    let mut k = 0;
    *block = block.map_texts(&mut |t: &Text| {
        k += 1;
        if k == count {
            let mut inlines = t.inlines().to_vec();
            // References in a row stay breakable: a letter's dozen commentary notes
            // would otherwise make one unbreakable run of numbers.
            if matches!(inlines.last(), Some(Inline::NoteRef(_))) {
                inlines.push(Inline::Text(" ".into()));
            }
            inlines.push(Inline::NoteRef(id.clone()));
            markup_write::text(&inlines)
        } else {
            t.clone()
        }
    });
}

/// Runs of paragraphs of one kind read as one block: text paragraphs of the same
/// alignment, indent and hand; postscripts; quotes; closing lines before signatures.
pub(super) fn merge_runs(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut apart = false;
    for b in blocks.drain(..) {
        if matches!(&b, Block::Folio(f) if f.label == BLOCK_BREAK) {
            apart = true;
            continue;
        }
        if std::mem::take(&mut apart) {
            out.push(b);
            continue;
        }
        match (out.last_mut(), b) {
            (Some(Block::Text(a)), Block::Text(b))
                if a.align == b.align && a.indent == b.indent && a.hand == b.hand =>
            {
                a.text = join(&a.text, &b.text);
            }
            (Some(Block::Postscript(a)), Block::Postscript(b)) if a.hand == b.hand => {
                a.text = join(&a.text, &b.text);
            }
            (Some(Block::Quote(a)), Block::Quote(b)) => a.text = join(&a.text, &b.text),
            (Some(Block::Closer(a)), Block::Closer(b)) if a.signatures.is_empty() => {
                a.lines.extend(b.lines);
                a.signatures.extend(b.signatures);
            }
            (_, b) => out.push(b),
        }
    }
    *blocks = out;
}

fn join(a: &Paras, b: &Paras) -> Paras {
    Paras::from_paragraphs(
        a.paragraphs()
            .iter()
            .chain(b.paragraphs())
            .cloned()
            .collect(),
    )
}
