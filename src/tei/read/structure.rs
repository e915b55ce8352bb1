//! Letter structure: `div`s, `head`, `opener`, `dateline`, `salute`, `address`, `p`,
//! `closer`, `signed`, `postscript`, `list`, `table`, `quote`, `pb`/`fw`, stamps,
//! letterheads and margin notes into folio's blocks. Paragraph roles written only as
//! `p@rend` (Tolstoy's `Obrashenie`) come from the collection's mapping.

use super::{collapse, is, plain_text, Reader, TEI_NS};
use crate::markup::{Inline, Text};
use crate::markup_write;
use crate::model::{
    Address, Align, Block, Closer, Dateline, Folio, Heading, List, ListStyle, Mark, MarkKind,
    Paragraphs, Paras, Position, Postscript, Quote, Salutation, Side, Signature, Table,
};
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

    /// The role and alignment a `rend`/`rendition` gives a paragraph-like element, if any.
    fn role_of(&mut self, n: Node<'a, 'i>) -> Option<Role> {
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

    /// An `opener`: dateline, salutation, address as their blocks; its own words (an
    /// edition's heading) as a heading.
    fn opener(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
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
    fn closer(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
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
    fn signature(&mut self, n: Node<'a, 'i>, side: Side) -> Option<Signature> {
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
    fn address(&mut self, n: Node<'a, 'i>, role: Option<Role>, out: &mut Vec<Block>) {
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

    /// A `list`: its items, numbered unless the source says otherwise; a page break inside
    /// it ends the list there and a new one continues the numbering.
    fn list(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let style = match n.attribute("type").or(n.attribute("rend")).unwrap_or("") {
            "bulleted" | "unordered" | "simple" | "bullets" | "gloss" => ListStyle::Bulleted,
            _ => ListStyle::Numbered,
        };
        let mut start: u32 = 1;
        let mut items: Vec<Text> = vec![];
        let end = |items: &mut Vec<Text>, start: &mut u32, out: &mut Vec<Block>| {
            if !items.is_empty() {
                let count = items.len() as u32;
                out.push(Block::List(List {
                    style,
                    start: *start,
                    items: std::mem::take(items),
                }));
                *start += count;
            }
        };
        for c in n.children().filter(Node::is_element) {
            if is(c, "item") {
                if let Some(k) = c
                    .attribute("n")
                    .and_then(|v| v.trim_end_matches('.').parse().ok())
                {
                    if items.is_empty() && style == ListStyle::Numbered {
                        start = k;
                    }
                }
                let mut content = vec![];
                self.inline_children(c, &mut content);
                let content = super::inline::finish(content);
                if !content.is_empty() {
                    items.push(markup_write::text(&content));
                }
            } else if is(c, "head") {
                end(&mut items, &mut start, out);
                self.paragraph(c, Role::Heading, out);
            } else {
                end(&mut items, &mut start, out);
                self.block(c, out);
            }
            if !self.deferred.is_empty() {
                end(&mut items, &mut start, out);
                out.append(&mut self.deferred);
            }
        }
        end(&mut items, &mut start, out);
    }

    /// A `table`: rows of cells; leading rows with `role="label"` head it.
    fn table(&mut self, n: Node<'a, 'i>, out: &mut Vec<Block>) {
        let mut rows = vec![];
        let mut header_rows = 0;
        let mut heading = true;
        for row in n.children().filter(|c| is(*c, "row")) {
            let label = row.attribute("role") == Some("label");
            if label && heading {
                header_rows += 1;
            } else {
                heading = false;
            }
            let mut cells = vec![];
            for cell in row.children().filter(|c| is(*c, "cell")) {
                let mut content = vec![];
                self.inline_children(cell, &mut content);
                cells.push(markup_write::text(&super::inline::finish(content)));
            }
            rows.push(cells);
        }
        for c in n.children().filter(|c| is(*c, "head")) {
            self.paragraph(c, Role::Heading, out);
        }
        if !rows.is_empty() {
            out.push(Block::Table(Table { header_rows, rows }));
        }
        out.append(&mut self.deferred);
    }

    /// A page break: a folio break labelled by the `fw type="pageNum"` after it, or by its
    /// `n`.
    pub(super) fn page_break(&mut self, pb: Node<'a, 'i>) -> Option<Block> {
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
    pub(super) fn forme_work(&mut self, fw: Node<'a, 'i>, _out: &mut Vec<Block>) -> Option<Block> {
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
    pub(super) fn stamp(&mut self, n: Node<'a, 'i>, kind: MarkKind) -> Block {
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
    pub(super) fn mark_note(&mut self, n: Node<'a, 'i>) -> Option<Block> {
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
    pub(super) fn hand_of(&self, n: Node) -> (Option<String>, Option<String>) {
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

/// A paragraph of prose: justified, its first line indented.
const PROSE: Role = Role::Text {
    align: Align::Justify,
    indent: true,
};

/// Flush left, not indented: a line group, the text of an element that is not TEI.
const FLUSH_LEFT: Role = Role::Text {
    align: Align::Left,
    indent: false,
};

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

/// Whether `fw` holds a folio or page number.
fn is_page_number(fw: Node) -> bool {
    matches!(
        fw.attribute("type"),
        Some("pageNum") | Some("pageNumber") | Some("folNum") | Some("folio")
    )
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

fn side_of(role: Option<Role>) -> Side {
    match role {
        Some(Role::Text {
            align: Align::Left, ..
        })
        | Some(Role::Signature(Side::Left))
        | Some(Role::Dateline(Side::Left)) => Side::Left,
        _ => Side::Right,
    }
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
fn merge_runs(blocks: &mut Vec<Block>) {
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
