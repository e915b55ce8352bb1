//! The layout's structure tree (`layout::structure`) as PDF structure elements: which
//! standard structure type each role is, with its attributes (heading level and title,
//! list numbering, a mark's placement, a note's id, language, alternate text, expansion).

use crate::layout::structure::{NodeId, Role, Structure};
use crate::model::Position;
use krilla::tagging::{
    Identifier, ListNumbering, Node, Placement, TableHeaderScope, Tag, TagGroup, TagId, TagKind,
    TagTree,
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
        Role::Deleted | Role::Spaced | Role::Foreign | Role::Apparatus => Tag::Span.into(),
        Role::Table => Tag::Table.into(),
        Role::TableRow => Tag::TR.into(),
        Role::TableHeader => Tag::TH(TableHeaderScope::Column).into(),
        Role::TableCell => Tag::TD.into(),
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
            k.set_actual_text(n.actual.clone());
            k.set_expanded(n.expanded.clone());
            Some(TagGroup::new(k))
        })
        .collect();
    // Each node's parts in reading order. Nodes were made in the order the document is
    // read, so children follow their ids — marks before the address they stand beside,
    // a margin mark before the line it is drawn next to, notes after the text. A node
    // with content of its own mixes its content and inline children (a note reference
    // in a paragraph) in the order drawn. Built from the last node back, so a child is
    // whole when it joins its parent.
    let mut parts: Vec<Vec<Part>> = leaves
        .of
        .into_iter()
        .map(|v| {
            v.into_iter()
                .map(|(drawn, id)| Part {
                    drawn,
                    node: 0,
                    leaf: true,
                    item: Node::Leaf(id),
                })
                .collect()
        })
        .collect();
    for i in (1..nodes.len()).rev() {
        let mine = in_order(std::mem::take(&mut parts[i]));
        let Some(drawn) = mine.iter().map(|p| p.drawn).min() else {
            continue;
        };
        let Some(mut g) = groups[i].take() else {
            continue;
        };
        for p in mine {
            g.push(p.item);
        }
        parts[nodes[i].parent as usize].push(Part {
            drawn,
            node: i,
            leaf: false,
            item: Node::Group(g),
        });
    }
    let top = in_order(std::mem::take(&mut parts[0]));
    let mut tree = TagTree::new().with_lang(Some(structure.lang.clone()));
    for p in top {
        tree.push(p.item);
    }
    tree
}

/// A leaf or a child group of a node, with where it is drawn first and its node.
struct Part {
    drawn: u64,
    node: usize,
    leaf: bool,
    item: Node,
}

/// A node's parts in reading order: as drawn when it has content of its own, else by
/// node (the order the document was read in).
fn in_order(mut parts: Vec<Part>) -> Vec<Part> {
    if parts.iter().any(|p| p.leaf) {
        parts.sort_by_key(|p| p.drawn);
    } else {
        parts.sort_by_key(|p| p.node);
    }
    parts
}
