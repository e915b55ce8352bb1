//! The layout's structure tree (`layout::structure`) as PDF structure elements: which
//! standard structure type each role is, with its attributes (heading level and title,
//! list numbering, a mark's placement, a note's id, language, alternate text).

use crate::layout::structure::{NodeId, Role, Structure};
use crate::model::Position;
use krilla::tagging::{
    Identifier, ListNumbering, Node, Placement, Tag, TagGroup, TagId, TagKind, TagTree,
};
use std::num::NonZeroU16;

/// The marked content of each node, numbered in the order drawn.
pub struct Leaves {
    of: Vec<Vec<(u64, Identifier)>>,
    count: u64,
}

impl Leaves {
    /// No content yet for `n` nodes.
    pub fn new(n: usize) -> Leaves {
        Leaves {
            of: vec![Vec::new(); n],
            count: 0,
        }
    }

    /// Content drawn for node `node`.
    pub fn push(&mut self, node: NodeId, id: Identifier) {
        if let Some(v) = self.of.get_mut(node as usize) {
            v.push((self.count, id));
            self.count += 1;
        }
    }
}

/// The structure type of a role.
fn kind(role: &Role) -> TagKind {
    match role {
        Role::Document => Tag::Article.into(),
        Role::Heading(level) => {
            Tag::Hn(NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN), None).into()
        }
        Role::Number
        | Role::DatePlace
        | Role::Dateline
        | Role::Address
        | Role::Salutation
        | Role::Paragraph
        | Role::CloserLine
        | Role::Signature
        | Role::Folio
        | Role::FrontParagraph => Tag::P.into(),
        Role::Quote => Tag::BlockQuote.into(),
        Role::List { numbered } => Tag::L(if *numbered {
            ListNumbering::Decimal
        } else {
            ListNumbering::None
        })
        .into(),
        Role::ListItem => Tag::LI.into(),
        Role::ListLabel | Role::NoteLabel => Tag::Lbl.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Closer | Role::Legend | Role::TitlePage => Tag::Div.into(),
        Role::Mark { position, .. } => Tag::Div
            .with_placement(Some(match position {
                Position::LeftMargin => Placement::Start,
                Position::RightMargin => Placement::End,
                _ => Placement::Block,
            }))
            .into(),
        Role::NoteRef(_) => Tag::Reference.into(),
        // PDF/UA wants an id on every note; the mark's id is added in `build`.
        Role::Note(_) => Tag::Note.into(),
        Role::Deleted => Tag::Span.into(),
        Role::Contents => Tag::TOC.into(),
        Role::ContentsEntry => Tag::TOCI.into(),
    }
}

/// Builds the tag tree: each node a group under its parent, in reading order, with its
/// drawn content as leaves.
pub fn build(structure: &Structure, leaves: Leaves) -> TagTree {
    let nodes = &structure.nodes;
    let mut groups: Vec<Option<TagGroup>> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut k = kind(&n.role);
            if let Role::Heading(_) = n.role {
                if let TagKind::Hn(h) = &mut k {
                    h.set_title(n.title.clone());
                }
            }
            // Ids unique in the file (a volume has many notes 1): what it is, and its node.
            let id = match &n.role {
                Role::Mark { kind, .. } => Some(format!("{kind:?}-{i}").to_lowercase()),
                Role::Note(num) => Some(format!("note-{num}-{i}")),
                _ => None,
            };
            k.set_id(id.map(|s| TagId::from(s.into_bytes())));
            k.set_lang(n.lang.clone());
            k.set_alt_text(n.alt.clone());
            Some(TagGroup::new(k))
        })
        .collect();
    // Each node's content and children in the order drawn (a note reference stands
    // where it is in its paragraph): built from the last node back, so a child is whole
    // when it joins its parent.
    let mut parts: Vec<Vec<(u64, Node)>> = leaves
        .of
        .into_iter()
        .map(|v| v.into_iter().map(|(k, id)| (k, Node::Leaf(id))).collect())
        .collect();
    for i in (1..nodes.len()).rev() {
        let mut mine = std::mem::take(&mut parts[i]);
        if mine.is_empty() {
            continue;
        }
        mine.sort_by_key(|(k, _)| *k);
        // Notes are read after the text they annotate, in their order, wherever
        // their pages put them.
        let first = match nodes[i].role {
            Role::Note(_) => u64::MAX / 2 + i as u64,
            _ => mine[0].0,
        };
        let Some(mut g) = groups[i].take() else {
            continue;
        };
        for (_, c) in mine {
            g.push(c);
        }
        parts[nodes[i].parent as usize].push((first, Node::Group(g)));
    }
    let mut top = std::mem::take(&mut parts[0]);
    top.sort_by_key(|(k, _)| *k);
    let mut tree = TagTree::new().with_lang(Some(structure.lang.clone()));
    for (_, c) in top {
        tree.push(c);
    }
    tree
}
