//! What each part of a laid-out page is, for a tagged PDF: a tree of roles in reading
//! order, PDF-free. The composer opens a node for each part of a document as it walks the
//! model (so the tree is in the order the document is read, whatever the order things are
//! drawn in); every glyph it sets carries the node it belongs to. Things that are not the
//! document — running heads, page numbers, line numbers, rules, frames — carry an
//! artifact id instead.

use crate::model::{Mark, MarkKind, Position};

/// A node of the structure tree: an index into [`Structure::nodes`], or one of the
/// artifact ids below.
pub type NodeId = u32;

/// Not part of the document: a rule, a frame, filler.
pub const ARTIFACT: NodeId = 0;
/// A running head.
pub const HEADER: NodeId = u32::MAX;
/// A page number.
pub const PAGE_NUMBER: NodeId = u32::MAX - 1;
/// A line number in the margin.
pub const LINE_NUMBER: NodeId = u32::MAX - 2;

/// Whether an id names no structure node but an artifact.
pub fn is_artifact(id: NodeId) -> bool {
    id == ARTIFACT || id >= LINE_NUMBER
}

/// What a part of the document is.
#[derive(Clone, Debug, PartialEq)]
pub enum Role {
    /// One document of the run (an article of a volume).
    Document,
    /// A heading of a level (1: the editorial title, 2: a document's own heading and
    /// the sections of a volume).
    Heading(u16),
    /// The editorial number line ("№ 1").
    Number,
    /// The editorial date and place under the title.
    DatePlace,
    /// The document's dateline.
    Dateline,
    /// An address (to whom).
    Address,
    /// A salutation.
    Salutation,
    /// A paragraph of text (or a postscript's).
    Paragraph,
    /// A block quotation.
    Quote,
    /// A list, numbered or not.
    List {
        /// Numbered (decimal) rather than bulleted.
        numbered: bool,
    },
    /// One item of a list.
    ListItem,
    /// A list item's number or dash.
    ListLabel,
    /// A list item's text.
    ListBody,
    /// The closing lines and signatures.
    Closer,
    /// One closing line.
    CloserLine,
    /// A signature (role and name).
    Signature,
    /// A mark of the original: resolution, помета, stamp…, where it stands.
    Mark {
        /// Its kind.
        kind: MarkKind,
        /// Where it stands on the original.
        position: Position,
    },
    /// A folio break ("/л. 2/").
    Folio,
    /// A reference to a note in the text (the superscript number).
    NoteRef(usize),
    /// A note, by number.
    Note(usize),
    /// A note's number at the foot.
    NoteLabel,
    /// The archival legend.
    Legend,
    /// A struck-out passage: read as deleted.
    Deleted,
    /// Letter-spaced words: read as the words.
    Spaced,
    /// A span in another language than the text around it (its node carries the language).
    Foreign,
    /// Words the edition adds inside the transcription ("[неразб.]", a mark's hand): in
    /// the apparatus's language, an abbreviation with its expansion.
    Apparatus,
    /// A table.
    Table,
    /// A row of a table.
    TableRow,
    /// A header cell (of a header row: it names its column).
    TableHeader,
    /// A data cell.
    TableCell,
    /// The volume's title page.
    TitlePage,
    /// The contents.
    Contents,
    /// One entry of the contents.
    ContentsEntry,
    /// A block of the front matter (preface paragraph, abbreviation entry).
    FrontParagraph,
}

impl Role {
    /// The role of a mark of the original.
    pub fn of_mark(m: &Mark) -> Role {
        Role::Mark {
            kind: m.kind,
            position: m.position,
        }
    }
}

/// A node: its role, its parent, and what a reader should be told beyond the glyphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// The enclosing node (0: the root).
    pub parent: NodeId,
    /// Its language (BCP 47) when it differs from its parent's.
    pub lang: Option<String>,
    /// A description read instead of (or beside) the glyphs: "deleted: …".
    pub alt: Option<String>,
    /// The text the glyphs stand for, when readers would take it otherwise (letter by
    /// letter).
    pub actual: Option<String>,
    /// Its title, for a heading (PDF/UA requires headings to say what they are).
    pub title: Option<String>,
    /// The expansion of an abbreviation it stands for ("неразборчиво" for "неразб.").
    pub expanded: Option<String>,
}

/// The structure tree of a layout run: nodes in the order they are read; node 0 is the
/// root.
#[derive(Clone, Debug)]
pub struct Structure {
    /// The nodes; a node's children are the later nodes that name it as parent, in order.
    pub nodes: Vec<Node>,
    /// The language of the whole run.
    pub lang: String,
    /// While nodes made before are made again (see [`Structure::replay`]): the next one
    /// and the end of the range.
    replay: Option<(usize, usize)>,
}

impl Structure {
    /// An empty tree in a language.
    pub fn new(lang: &str) -> Structure {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                parent: 0,
                lang: None,
                alt: None,
                actual: None,
                title: None,
                expanded: None,
            }],
            lang: lang.to_string(),
            replay: None,
        }
    }

    /// From now on, the nodes `made` are made again, in the same order, before new ones:
    /// [`Structure::push`] returns their ids instead of adding nodes. A document's text is
    /// walked once to make its nodes, so that its notes' nodes, which follow them, can be
    /// made before its text is set.
    pub fn replay(&mut self, made: std::ops::Range<usize>) {
        self.replay = Some((made.start, made.end));
    }

    /// Whether every node being made again has been; ends the replay.
    pub fn replayed(&mut self) -> bool {
        match self.replay.take() {
            Some((next, end)) => next == end,
            None => true,
        }
    }

    /// Adds a node under `parent`; returns its id.
    pub fn push(&mut self, role: Role, parent: NodeId) -> NodeId {
        let parent = if is_artifact(parent) { 0 } else { parent };
        if let Some((next, _)) = self.replay.as_mut().filter(|(n, e)| n < e) {
            let id = *next;
            *next += 1;
            debug_assert!(self.nodes[id].role == role && self.nodes[id].parent == parent);
            return id as NodeId;
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            role,
            parent,
            lang: None,
            alt: None,
            actual: None,
            title: None,
            expanded: None,
        });
        id
    }

    /// The node `id`, if it is one.
    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.nodes.get_mut(id as usize)
    }
}
