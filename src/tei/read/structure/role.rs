//! What a paragraph of the source is in the letter: the roles, the role a `rend` or
//! `rendition` value gives through the collection's mapping, and the side a role stands on.

use super::{name, rend_values, Reader};
use crate::model::{Align, Side};
use crate::tei::mapping::Target;
use roxmltree::Node;

/// What a paragraph of the source is in the letter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    Text { align: Align, indent: bool },
    Salutation,
    Heading,
    Dateline(Side),
    Quote,
    Postscript,
    CloserLine,
    Signature(Side),
}

impl<'a, 'i> Reader<'a, 'i> {
    /// The role and alignment a `rend`/`rendition` gives a paragraph-like element, if any.
    pub(super) fn role_of(&mut self, n: Node<'a, 'i>) -> Option<Role> {
        let mut role = None;
        let mut align = None;
        let mut indent = None;
        for (attr, value) in rend_values(n) {
            match self.mapping.get(value) {
                Some(Target::Salutation) => role = Some(Role::Salutation),
                Some(Target::Closer) => role = Some(Role::CloserLine),
                Some(Target::Signature) => role = Some(Role::Signature(Side::Right)),
                Some(Target::Heading) => role = Some(Role::Heading),
                Some(Target::Dateline) => role = Some(Role::Dateline(Side::Right)),
                Some(Target::Quote) => role = Some(Role::Quote),
                Some(Target::Postscript) => role = Some(Role::Postscript),
                Some(Target::Left) => align = Some(Align::Left),
                Some(Target::Center) => align = Some(Align::Center),
                Some(Target::Right) => align = Some(Align::Right),
                Some(Target::Justify) => align = Some(Align::Justify),
                Some(Target::NoIndent) => indent = Some(false),
                Some(Target::Indent) => indent = Some(true),
                Some(_) => {}
                None => {
                    let what = format!("{attr} value `{value}` on <{}> is not mapped", name(n));
                    self.report(n, what)
                }
            }
        }
        let side = match align {
            Some(Align::Left) => Side::Left,
            _ => Side::Right,
        };
        match role {
            Some(Role::Signature(_)) => Some(Role::Signature(side)),
            Some(Role::Dateline(_)) => Some(Role::Dateline(side)),
            Some(r) => Some(r),
            None if align.is_none() && indent.is_none() => None,
            None => {
                let align = align.unwrap_or(Align::Justify);
                Some(Role::Text {
                    align,
                    indent: indent.unwrap_or(align == Align::Justify),
                })
            }
        }
    }
}

/// A paragraph of prose: justified, its first line indented.
pub(super) const PROSE: Role = Role::Text {
    align: Align::Justify,
    indent: true,
};

/// Flush left, not indented: a line group, the text of an element that is not TEI.
pub(super) const FLUSH_LEFT: Role = Role::Text {
    align: Align::Left,
    indent: false,
};

pub(super) fn side_of(role: Option<Role>) -> Side {
    match role {
        Some(Role::Text {
            align: Align::Left, ..
        })
        | Some(Role::Signature(Side::Left))
        | Some(Role::Dateline(Side::Left)) => Side::Left,
        _ => Side::Right,
    }
}
