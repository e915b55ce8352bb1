//! Letter structure: `div`s, `head`, `opener`, `dateline`, `salute`, `address`, `p`,
//! `closer`, `signed`, `postscript`, `list`, `table`, `quote`, `pb`/`fw`, stamps,
//! letterheads and margin notes into folio's blocks. Paragraph roles written only as
//! `p@rend` (Tolstoy's `Obrashenie`) come from the collection's mapping.
//!
//! This file walks the containers and sends each block-level element to its reader; the
//! readers are split by what they read: [`role`] (what a paragraph is, from its `rend`),
//! [`paragraph`] (paragraphs into blocks, note references, runs merged), [`letter`]
//! (opener, closer, signatures, address), [`lists`] (lists and tables), [`marks`] (page
//! breaks, forme work, stamps, margin notes, hands).

mod letter;
mod lists;
mod marks;
mod paragraph;
mod role;

use super::{is, Reader, TEI_NS};
// The reader's helpers, which the code of the files below names `super::…` as this one does.
use super::{inline, push_text};
use crate::markup::Inline;
use crate::model::{Block, Closer, Folio, MarkKind, Quote, Side};
use paragraph::{attach_ref, merge_runs};
use role::{side_of, Role, FLUSH_LEFT, PROSE};
use roxmltree::Node;

/// Elements that hold register or apparatus data, not the letter's text.
const REGISTERS: &[&str] = &[
    "listPerson",
    "listPlace",
    "listOrg",
    "listBibl",
    "listEvent",
    "listRelation",
    "listWit",
    "figure",
    "graphic",
    "facsimile",
    "interpGrp",
    "spanGrp",
    "linkGrp",
];

impl<'a, 'i> Reader<'a, 'i> {
    /// The `text` element: its body's blocks, and the notes kept in its back.
    pub(super) fn text(&mut self, text: Node<'a, 'i>, out: &mut Vec<Block>) {
        for c in text.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "body" if is(c, "body") => self.blocks(c, out),
                "group" if is(c, "group") => {
                    for t in c.children().filter(|n| is(*n, "text")) {
                        self.text(t, out);
                    }
                }
                "back" if is(c, "back") => self.back(c, out),
                _ => self.report(
                    c,
                    format!(
                        "<{}> (front matter of the source edition) is not printed",
                        name(c)
                    ),
                ),
            }
        }
        merge_runs(out);
    }

    /// The back: its notes are read (they are referenced from the text); registers and the
    /// rest are reference data, not printed.
    fn back(&mut self, back: Node<'a, 'i>, _out: &mut Vec<Block>) {
        for n in back.descendants().filter(|n| is(*n, "note")) {
            if n.ancestors().skip(1).any(|a| is(a, "note")) {
                continue;
            }
            // Notes in the back are referenced from the text (ptr, ref, anchor) or not at
            // all: none is attached anywhere.
            let _ = self.editorial_note(n);
        }
        for c in back.children().filter(Node::is_element) {
            if !c.descendants().any(|n| is(n, "note")) {
                self.report(c, format!("<{}> in <back> is not printed", name(c)));
            }
        }
    }

    /// The blocks of a container (`body`, `div`…).
    pub(super) fn blocks(&mut self, container: Node<'a, 'i>, out: &mut Vec<Block>) {
        self.gather(container, PROSE, false, out)
    }

    /// The children of a container: each block-level child a block of its own, the loose
    /// content between them (text, marks) a paragraph of `role`. In a line group
    /// (`lines`), each `l` is a line of that paragraph.
    fn gather(&mut self, container: Node<'a, 'i>, role: Role, lines: bool, out: &mut Vec<Block>) {
        let mut loose: Vec<Inline> = vec![];
        for c in container.children() {
            if c.is_text() {
                if !c.text().unwrap_or("").trim().is_empty() {
                    super::push_text(&mut loose, c.text().unwrap_or(""));
                }
            } else if lines && is(c, "l") {
                if !loose.is_empty() {
                    loose.push(Inline::LineBreak);
                }
                self.inline_children(c, &mut loose);
            } else if c.is_element() && self.is_block(c) {
                self.flush(&mut loose, role, out);
                self.block(c, out);
            } else if c.is_element() {
                self.inline(c, &mut loose);
            }
        }
        self.flush(&mut loose, role, out);
    }

    /// Whether an element stands as a block of its own where it is met.
    fn is_block(&self, n: Node) -> bool {
        if n.tag_name().namespace() != Some(TEI_NS) {
            return true;
        }
        matches!(
            n.tag_name().name(),
            "div"
                | "div1"
                | "div2"
                | "div3"
                | "div4"
                | "div5"
                | "div6"
                | "div7"
                | "lg"
                | "head"
                | "opener"
                | "closer"
                | "dateline"
                | "salute"
                | "address"
                | "p"
                | "ab"
                | "l"
                | "list"
                | "table"
                | "quote"
                | "cit"
                | "floatingText"
                | "postscript"
                | "signed"
                | "trailer"
                | "byline"
                | "docAuthor"
                | "argument"
                | "epigraph"
                | "pb"
                | "fw"
                | "cb"
                | "milestone"
                | "note"
                | "noteGrp"
                | "stamp"
                | "label"
        ) || REGISTERS.contains(&n.tag_name().name())
            || (is(n, "seg") && n.attribute("type") == Some("letterhead"))
    }

    /// One block-level element.
    fn block(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        if n.tag_name().namespace() != Some(TEI_NS) {
            // Not TEI (the Correspondence SIG's egXML examples, a project's own elements):
            // its text is kept as a paragraph.
            self.report(
                n,
                format!(
                    "element <{}> of namespace {} is not TEI: kept as text",
                    n.tag_name().name(),
                    n.tag_name().namespace().unwrap_or("none")
                ),
            );
            let mut content = vec![];
            self.inline_children(n, &mut content);
            self.flush(&mut content, FLUSH_LEFT, out);
            return;
        }
        let rend_role = self.role_of(n);
        match n.tag_name().name() {
            "div" | "div1" | "div2" | "div3" | "div4" | "div5" | "div6" | "div7"
            | "floatingText" | "body" => self.blocks(n, out),
            "lg" => self.gather(n, rend_role.unwrap_or(FLUSH_LEFT), true, out),
            "head" | "trailer" | "byline" | "docAuthor" | "argument" | "epigraph" | "label" => {
                self.paragraph(n, rend_role.unwrap_or(Role::Heading), out)
            }
            "opener" => self.opener(n, out),
            "closer" => self.closer(n, out),
            "signed" => {
                let side = side_of(rend_role);
                let s = self.signature(n, side);
                if let Some(s) = s {
                    out.push(Block::Closer(Closer {
                        lines: vec![],
                        signatures: vec![s],
                    }));
                }
            }
            "dateline" => self.paragraph(n, Role::Dateline(side_of(rend_role)), out),
            "salute" => self.paragraph(n, rend_role.unwrap_or(Role::Salutation), out),
            "address" => self.address(n, rend_role, out),
            "p" | "ab" | "l" => {
                if is(n, "ab") && n.attribute("type") == Some("signature") {
                    return self.paragraph(n, Role::Signature(Side::Right), out);
                }
                self.paragraph(n, rend_role.unwrap_or(PROSE), out)
            }
            "quote" | "cit" => {
                if n.children()
                    .any(|c| is(c, "p") || is(c, "ab") || is(c, "lg"))
                {
                    let mut inner = vec![];
                    self.blocks(n, &mut inner);
                    for b in inner {
                        out.push(match b {
                            Block::Text(t) => Block::Quote(Quote { text: t.text }),
                            other => other,
                        });
                    }
                } else {
                    self.paragraph(n, Role::Quote, out)
                }
            }
            "postscript" => {
                for c in n.children() {
                    if is(c, "p") || is(c, "ab") {
                        self.paragraph(c, Role::Postscript, out);
                    } else if c.is_element() {
                        if self.is_block(c) {
                            self.block(c, out);
                        } else {
                            let mut content = vec![];
                            self.inline(c, &mut content);
                            self.flush(&mut content, Role::Postscript, out);
                        }
                    } else if c.is_text() && !c.text().unwrap_or("").trim().is_empty() {
                        let mut content = vec![];
                        super::push_text(&mut content, c.text().unwrap_or(""));
                        self.flush(&mut content, Role::Postscript, out);
                    }
                }
            }
            "list" => self.list(n, out),
            "table" => self.table(n, out),
            "pb" => {
                if let Some(f) = self.page_break(n) {
                    out.push(f);
                }
            }
            "fw" => {
                if let Some(b) = self.forme_work(n, out) {
                    out.push(b);
                }
            }
            "milestone" if n.attribute("unit") == Some("block") => {
                // folio's own mark between two blocks that would otherwise read as one.
                out.push(Block::Folio(Folio {
                    label: BLOCK_BREAK.into(),
                }))
            }
            "cb" | "milestone" => self.report(n, format!("<{}> is not printed", name(n))),
            "note" => {
                if let Some(m) = self.mark_note(n) {
                    out.push(m);
                } else if let Some(id) = self.editorial_note(n) {
                    attach_ref(out, id);
                }
            }
            "noteGrp" => {
                for c in n.children().filter(|c| is(*c, "note")) {
                    self.block(c, out);
                }
            }
            "stamp" => out.push(self.stamp(n, MarkKind::Stamp)),
            "seg" => out.push(self.stamp(n, MarkKind::Stamp)),
            other => {
                let what = format!("<{other}> (register data) is not printed");
                self.report(n, what)
            }
        }
    }
}

/// Stands, while blocks are gathered, for a `milestone unit="block"`: the blocks around
/// it stay apart.
const BLOCK_BREAK: &str = "\u{E003}";

/// Whether an element holds register data rather than letter text.
pub(super) fn is_register(tag: &str) -> bool {
    REGISTERS.contains(&tag)
}

/// The TEI name of an element, with its prefix if it is not TEI.
pub(super) fn name(n: Node) -> String {
    n.tag_name().name().to_string()
}

/// The values of `rend`, `rendition` and `style`, each with its attribute's name.
pub(super) fn rend_values<'a>(n: Node<'a, '_>) -> Vec<(&'static str, &'a str)> {
    let mut v = vec![];
    for (attr, sep) in [("rend", ' '), ("rendition", ' '), ("style", ';')] {
        if let Some(value) = n.attribute(attr) {
            for token in value.split(|c: char| c == sep || c.is_whitespace()) {
                let token = token.trim();
                if !token.is_empty() {
                    v.push((attr, token));
                }
            }
        }
    }
    v
}
