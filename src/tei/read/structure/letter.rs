//! The letter's frame: an `opener`, a `closer` with its `signed` signatures, and an
//! `address`.

use super::{is, side_of, Reader, Role};
use crate::markup::{Inline, Text};
use crate::markup_write;
use crate::model::{Address, Align, Block, Closer, Side, Signature};
use crate::tei::read::plain_text;
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// An `opener`: dateline, salutation, address as their blocks; its own words (an
    /// edition's heading) as a heading.
    pub(super) fn opener(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let mut cur = vec![];
        for c in n.children() {
            if c.is_text() {
                super::push_text(&mut cur, c.text().unwrap_or(""));
            } else if c.is_element() {
                if self.is_block(c) && !is(c, "note") {
                    self.flush(&mut cur, Role::Heading, out);
                    self.block(c, out);
                } else {
                    self.inline(c, &mut cur);
                }
            }
        }
        self.flush(&mut cur, Role::Heading, out);
    }

    /// A `closer`: closing lines and signatures as one closer block; a dateline or an
    /// address in it as blocks of their own beside it.
    pub(super) fn closer(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let mut closer = Closer {
            lines: vec![],
            signatures: vec![],
        };
        let mut after: Vec<Block> = vec![];
        let mut cur = vec![];
        let end_line = |r: &mut Self, cur: &mut Vec<Inline>, closer: &mut Closer| {
            let inlines = super::inline::finish(std::mem::take(cur));
            if !inlines.is_empty() {
                closer.lines.push(markup_write::text(&inlines));
            }
            let _ = r;
        };
        for c in n.children() {
            if c.is_text() {
                super::push_text(&mut cur, c.text().unwrap_or(""));
                continue;
            }
            if !c.is_element() {
                continue;
            }
            match c.tag_name().name() {
                "signed" if is(c, "signed") => {
                    end_line(self, &mut cur, &mut closer);
                    let side = side_of(self.role_of(c));
                    if let Some(s) = self.signature(c, side) {
                        closer.signatures.push(s);
                    }
                }
                "salute" | "p" | "ab" | "l" if is(c, c.tag_name().name()) => {
                    end_line(self, &mut cur, &mut closer);
                    self.inline_children(c, &mut cur);
                    end_line(self, &mut cur, &mut closer);
                }
                _ if self.is_block(c) && !is(c, "note") => {
                    end_line(self, &mut cur, &mut closer);
                    let target = if closer.lines.is_empty() && closer.signatures.is_empty() {
                        &mut *out
                    } else {
                        &mut after
                    };
                    self.block(c, target);
                }
                _ => self.inline(c, &mut cur),
            }
        }
        end_line(self, &mut cur, &mut closer);
        if !closer.lines.is_empty() || !closer.signatures.is_empty() {
            out.push(Block::Closer(closer));
        }
        out.append(&mut after);
        out.append(&mut self.deferred);
    }

    /// A `signed`: the name, with a `roleName` child as the signer's role.
    pub(super) fn signature(&mut self, n: Node<'a, 'i>, side: Side) -> Option<Signature> {
        let mut role = None;
        let mut name = vec![];
        for c in n.children() {
            if is(c, "roleName") && role.is_none() && name.is_empty() {
                let mut r = vec![];
                self.inline_children(c, &mut r);
                let r = super::inline::finish(r);
                if !r.is_empty() {
                    role = Some(markup_write::text(&r));
                }
            } else if c.is_text() {
                super::push_text(&mut name, c.text().unwrap_or(""));
            } else if c.is_element() {
                self.inline(c, &mut name);
            }
        }
        let name = super::inline::finish(name);
        if name.is_empty() {
            return None;
        }
        Some(Signature {
            name: markup_write::text(&name),
            role,
            autograph: n
                .attribute("rend")
                .is_some_and(|r| r.split_whitespace().any(|w| w == "autograph")),
            side,
        })
    }

    /// An `address`: its `addrLine`s (or other children) as lines.
    pub(super) fn address(&mut self, n: Node<'a, 'i>, role: Option<Role>, out: &mut Vec<Block>) {
        let mut lines = vec![];
        for c in n.children().filter(Node::is_element) {
            let mut line = vec![];
            if is(c, "addrLine")
                || is(c, "street")
                || is(c, "postCode")
                || is(c, "settlement")
                || is(c, "name")
                || is(c, "persName")
                || is(c, "placeName")
            {
                if is(c, "addrLine") {
                    self.inline_children(c, &mut line);
                } else {
                    self.inline(c, &mut line);
                }
            } else if is(c, "pb") || is(c, "fw") || is(c, "note") {
                let mut moved = vec![];
                self.block(c, &mut moved);
                self.deferred.extend(moved);
                continue;
            } else {
                self.inline(c, &mut line);
            }
            let line = super::inline::finish(line);
            if !line.is_empty() {
                lines.push(markup_write::text(&line));
            }
        }
        if lines.is_empty() {
            let t = plain_text(n);
            if !t.is_empty() {
                lines.push(Text::plain(&t));
            }
        }
        if !lines.is_empty() {
            out.push(Block::Address(Address {
                lines,
                side: match role {
                    Some(Role::Text {
                        align: Align::Left, ..
                    }) => Side::Left,
                    _ => Side::Right,
                },
            }));
        }
        out.append(&mut self.deferred);
    }
}
