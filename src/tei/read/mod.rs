//! The TEI reader: a TEI P5 file into the same [`Document`] as a TOML transcription.
//!
//! roxmltree parses the file with positions and without a DTD: no entity is ever expanded
//! beyond XML's five, nothing external is fetched, so a billion-laughs file or an entity
//! pointing at a local file is refused with its line and column. The size of the input and
//! the depth of its elements are bounded before any walk.
//!
//! The walk is split by what its parts do: [`header`] (metadata and the archival source),
//! [`structure`] (letter parts into blocks), [`inline`] (marks within a paragraph). Every
//! element or attribute value folio does not map is kept as text and reported once per
//! document with its first line:column and its count.

mod header;
mod inline;
mod structure;

use super::mapping::Mapping;
use crate::diag::{line_column, Code, Diagnostic, Error};
use crate::markup::Inline;
use crate::model::{Block, Document, Note};
use roxmltree::Node;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The TEI namespace; elements in any other are not TEI and are kept as text.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// The largest TEI file folio reads: the bound every input has (docs/limits.md), checked
/// here again for TEI handed over in memory.
pub const MAX_BYTES: usize = crate::limits::MAX_DOCUMENT_BYTES as usize;
/// The deepest element nesting folio walks (real letters nest a few dozen deep).
pub const MAX_DEPTH: usize = 256;
/// The most nodes one file may hold.
const MAX_NODES: u32 = 4_000_000;

/// A TEI document read into the model, with what the reader reports.
pub struct TeiRead {
    /// The document.
    pub document: Document,
    /// One warning per unmapped element or value: first position and count.
    pub warnings: Vec<Diagnostic>,
}

/// Reads a TEI file's text; `name` names it in diagnostics and gives the document's id.
pub fn read(text: &str, name: &str, mapping: &Mapping) -> Result<TeiRead, Error> {
    let fail = |code: Code,
                offset: Option<usize>,
                line_col: Option<(usize, usize)>,
                message: String,
                hint: &str| {
        let (line, column) = line_col
            .or_else(|| offset.map(|o| line_column(text, o)))
            .unwrap_or((0, 0));
        Error::Invalid(vec![Diagnostic::error(code, name, message)
            .at_line_column(line, column)
            .hint(hint)])
    };
    if text.len() > MAX_BYTES {
        return Err(fail(
            Code::TeiLimit,
            None,
            None,
            format!(
                "the TEI file is {} MB; folio reads TEI files of up to {} MB",
                text.len() / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            "split the file into one file per letter",
        ));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let xml = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let hint = match e {
            roxmltree::Error::DtdDetected => "folio reads no DTD and expands no entity beyond XML's own (&amp; &lt; &gt; &quot; &apos;) and character references; remove the <!DOCTYPE …> and write the characters themselves",
            roxmltree::Error::UnknownEntityReference(..) => "only XML's own entities and character references (&#1234;) are read; write the character itself",
            roxmltree::Error::NodesLimitReached => "the file has too many nodes; split it into one file per letter",
            _ => "check that every element is closed and nested properly (xmllint --noout FILE shows the same place)",
        };
        let at = match e {
            roxmltree::Error::DtdDetected => text.find("<!DOCTYPE").map(|o| line_column(text, o)),
            roxmltree::Error::NodesLimitReached => None,
            _ => {
                let p = e.pos();
                Some((p.row as usize, p.col as usize))
            }
        };
        let code = if matches!(e, roxmltree::Error::NodesLimitReached) {
            Code::TeiLimit
        } else {
            Code::TeiSyntax
        };
        fail(code, None, at, format!("not well-formed XML: {e}"), hint)
    })?;
    let root = xml.root_element();
    if root.tag_name().namespace() != Some(TEI_NS) {
        return Err(fail(
            Code::TeiSyntax,
            Some(root.range().start),
            None,
            format!(
                "the root element <{}> is not TEI (namespace {}); expected <TEI xmlns=\"{TEI_NS}\">",
                root.tag_name().name(),
                root.tag_name().namespace().unwrap_or("none")
            ),
            "folio reads TEI P5 files and its own .toml and .json transcriptions",
        ));
    }
    if let Some(deep) = too_deep(root) {
        return Err(fail(
            Code::TeiLimit,
            Some(deep.range().start),
            None,
            format!("elements nest more than {MAX_DEPTH} deep here"),
            "real letters nest a few dozen elements deep; this file is damaged or hostile",
        ));
    }
    let mut reader = Reader::new(&xml, text, name, mapping);
    let document = reader.document(root);
    let warnings = reader.warnings();
    Ok(TeiRead { document, warnings })
}

/// The first element deeper than [`MAX_DEPTH`], found without recursion.
fn too_deep<'a, 'i>(root: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    // Depth by node id: a parent comes before its children in document order.
    let mut depth: Vec<u32> = vec![0; root.document().descendants().count() + 1];
    for n in root.descendants().filter(Node::is_element) {
        let d = n.parent().map_or(0, |p| depth[p.id().get_usize()]) + 1;
        if d as usize > MAX_DEPTH {
            return Some(n);
        }
        depth[n.id().get_usize()] = d;
    }
    None
}

/// One finding folio does not map, counted over the document.
struct Unmapped {
    offset: usize,
    count: usize,
}

/// The state of one document's walk.
pub(crate) struct Reader<'a, 'i> {
    text: &'a str,
    name: &'a str,
    mapping: &'a Mapping,
    /// Elements by `xml:id`, for hands, notes and anchors.
    by_id: HashMap<&'a str, Node<'a, 'i>>,
    /// `xml:id`s that some `ref`/`ptr` points at (such notes are anchored there).
    pointed_at: HashSet<&'a str>,
    /// The model id of each TEI note id.
    note_ids: HashMap<String, String>,
    notes: Vec<Note>,
    unmapped: BTreeMap<String, Unmapped>,
    /// Blocks met inside a paragraph's marks (a page break inside a `hi`): they follow
    /// the paragraph.
    deferred: Vec<Block>,
    /// Marks from the header (postal stamps): they open the content.
    header_marks: Vec<Block>,
    /// The document's language: spans in another are marked foreign.
    language: String,
    /// How deep the walk is inside notes (page breaks there are not folio breaks).
    in_note: usize,
    /// Notes already read, by their position in the file, with their model id.
    read_notes: HashMap<usize, Option<String>>,
    /// Notes kept apart from the text (in the back, in a note group) by the `anchor`
    /// their `target` or `corresp` names.
    anchored: HashMap<&'a str, Node<'a, 'i>>,
}

impl<'a, 'i> Reader<'a, 'i> {
    fn new(
        xml: &'a roxmltree::Document<'i>,
        text: &'a str,
        name: &'a str,
        mapping: &'a Mapping,
    ) -> Reader<'a, 'i> {
        let mut by_id = HashMap::new();
        let mut pointed_at = HashSet::new();
        let mut anchored = HashMap::new();
        for n in xml.descendants().filter(Node::is_element) {
            if is(n, "note") && n.ancestors().any(|a| is(a, "back") || is(a, "noteGrp")) {
                for t in [n.attribute("target"), n.attribute("corresp")]
                    .into_iter()
                    .flatten()
                    .flat_map(str::split_whitespace)
                {
                    anchored.insert(t.trim_start_matches('#'), n);
                }
            }
            if let Some(id) = xml_id(n) {
                by_id.insert(id, n);
            }
            if matches!(n.tag_name().name(), "ref" | "ptr") {
                for t in n.attribute("target").unwrap_or("").split_whitespace() {
                    if let Some(id) = t.strip_prefix('#') {
                        pointed_at.insert(id);
                    }
                }
            }
        }
        Reader {
            text,
            name,
            mapping,
            by_id,
            pointed_at,
            note_ids: HashMap::new(),
            notes: vec![],
            unmapped: BTreeMap::new(),
            deferred: vec![],
            header_marks: vec![],
            language: String::new(),
            in_note: 0,
            read_notes: HashMap::new(),
            anchored,
        }
    }

    /// Records one occurrence of something folio does not map.
    pub(crate) fn report(&mut self, node: Node, what: String) {
        let offset = node.range().start;
        self.unmapped
            .entry(what)
            .and_modify(|u| u.count += 1)
            .or_insert(Unmapped { offset, count: 1 });
    }

    /// The warnings, one per unmapped thing, in the order of first occurrence.
    fn warnings(&self) -> Vec<Diagnostic> {
        let mut found: Vec<(&String, &Unmapped)> = self.unmapped.iter().collect();
        found.sort_by_key(|(what, u)| (u.offset, what.as_str()));
        // In the order of their offsets, so the lines are counted in one pass over the text.
        let mut lines = LineCursor::default();
        found
            .into_iter()
            .map(|(what, u)| {
                let (line, column) = lines.line_column(self.text, u.offset);
                let times = if u.count == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", u.count)
                };
                Diagnostic::warning(
                    Code::TeiUnmapped,
                    self.name,
                    format!("TEI: {what}, {times}"),
                )
                .at_line_column(line, column)
            })
            .collect()
    }

    /// The model id for a TEI note id (or a fresh one for a note without), unique in the
    /// document and made of the characters note ids allow.
    fn note_id(&mut self, tei_id: Option<&str>) -> String {
        if let Some(known) = tei_id.and_then(|t| self.note_ids.get(t)) {
            return known.clone();
        }
        let base: String = match tei_id {
            Some(t) => {
                let t = t.strip_prefix("note-").unwrap_or(t);
                t.chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect()
            }
            None => format!("n{}", self.notes.len() + 1),
        };
        let mut id = base.clone();
        let mut k = 1;
        while self.note_ids.values().any(|v| *v == id) || self.notes.iter().any(|n| n.id == id) {
            k += 1;
            id = format!("{base}-{k}");
        }
        if let Some(t) = tei_id {
            self.note_ids.insert(t.to_string(), id.clone());
        }
        id
    }

    /// What a pointer (`#pmb2563`, `#hand1`) names: a hand note's text, a person's name, an
    /// element's text, or the pointer itself without its `#`.
    fn resolve_name(&self, pointer: &str) -> String {
        let id = pointer.trim().trim_start_matches('#');
        if let Some(n) = self.by_id.get(id) {
            let name = match n.tag_name().name() {
                "person" | "org" | "place" => n
                    .children()
                    .find(|c| {
                        matches!(
                            c.tag_name().name(),
                            "persName" | "orgName" | "placeName" | "name"
                        )
                    })
                    .map(plain_text),
                _ => Some(plain_text(*n)),
            };
            if let Some(name) = name.filter(|s| !s.is_empty() && s.chars().count() <= 120) {
                return name;
            }
        }
        id.to_string()
    }
}

/// Line and column of offsets met in increasing order: each call counts only the text
/// since the previous one (what [`line_column`] gives, without scanning from the start).
#[derive(Default)]
struct LineCursor {
    /// The offset reached.
    offset: usize,
    /// The 1-based line at `offset`, less one.
    newlines: usize,
    /// Where the line holding `offset` starts.
    line_start: usize,
}

impl LineCursor {
    fn line_column(&mut self, text: &str, offset: usize) -> (usize, usize) {
        if offset < self.offset || !text.is_char_boundary(offset) {
            return line_column(text, offset);
        }
        let between = &text[self.offset..offset];
        self.newlines += between.bytes().filter(|&b| b == b'\n').count();
        if let Some(i) = between.rfind('\n') {
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        let column = text[self.line_start..offset].chars().count() + 1;
        (self.newlines + 1, column)
    }
}

/// The `xml:id` of an element.
pub(crate) fn xml_id<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute(("http://www.w3.org/XML/1998/namespace", "id"))
}

/// The `xml:lang` of an element.
pub(crate) fn xml_lang<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
}

/// Whether a node is a TEI element named `name`.
pub(crate) fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TEI_NS)
}

/// The first TEI child element named `name`.
pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

/// The text content with white space collapsed and trimmed.
pub(crate) fn plain_text(n: Node) -> String {
    let mut s = String::new();
    for d in n.descendants().filter(Node::is_text) {
        s.push_str(d.text().unwrap_or(""));
    }
    collapse(&s)
}

/// Runs of white space as one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends plain text, collapsing white space and not doubling a space.
pub(crate) fn push_text(out: &mut Vec<Inline>, s: &str) {
    if !s.is_empty() {
        push_collapsed(out, collapse_spaces(s));
    }
}

/// Appends inlines gathered by [`push_text`] (a mark's content, a paragraph's) to other
/// content: their texts are collapsed already, and are joined as `push_text` joins.
pub(crate) fn push_all(out: &mut Vec<Inline>, inlines: impl IntoIterator<Item = Inline>) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => push_collapsed(out, t),
            other => out.push(other),
        }
    }
}

/// [`push_text`] for text whose white space is collapsed already.
fn push_collapsed(out: &mut Vec<Inline>, mut t: String) {
    debug_assert_eq!(t, collapse_chars(&t), "white space not collapsed");
    if t.is_empty() {
        return;
    }
    // A space that only a pretty-printer put between a mark and the punctuation after it
    // ("</choice>\n ,") is not the writer's.
    if t.starts_with(' ')
        && t[1..].starts_with([',', '.', ';', ':', '!', '?', ')', '»', '“'])
        && !out.is_empty()
        && !matches!(out.last(), Some(Inline::Text(_)))
    {
        t.remove(0);
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        let doubled = last.ends_with(' ') && t.starts_with(' ');
        last.push_str(&t[usize::from(doubled)..]);
    } else {
        if t.starts_with(' ') && ends_in_space(out) {
            t.remove(0);
        }
        if !t.is_empty() {
            out.push(Inline::Text(t));
        }
    }
}

/// Runs of white space (but for no-break spaces) as one space, kept at the edges. Text is
/// split at ASCII white space by bytes; only text holding a character that may be other
/// white space (U+0085, U+1680, U+2000–U+3000) is read character by character.
fn collapse_spaces(s: &str) -> String {
    let bytes = s.as_bytes();
    // The first bytes of the non-ASCII white space characters.
    let maybe_other = bytes
        .iter()
        .fold(false, |a, &b| a | matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3));
    if maybe_other
        && s.chars()
            .any(|c| !c.is_ascii() && c.is_whitespace() && c != '\u{a0}')
    {
        return collapse_chars(s);
    }
    let mut t = String::with_capacity(s.len());
    let mut space = false;
    let mut word = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b' ' || (b'\t'..=b'\r').contains(&b) {
            if word < i {
                if space {
                    t.push(' ');
                }
                t.push_str(&s[word..i]);
            }
            space = true;
            word = i + 1;
        }
    }
    if space {
        t.push(' ');
    }
    t.push_str(&s[word..]);
    t
}

/// [`collapse_spaces`] for text holding white space beyond ASCII.
fn collapse_chars(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space {
                t.push(' ');
                space = false;
            }
            t.push(c);
        }
    }
    if space {
        t.push(' ');
    }
    t
}

/// Whether the content ends in a space (inside its last mark too) or in a line break.
fn ends_in_space(out: &[Inline]) -> bool {
    match out.last() {
        None => false,
        Some(Inline::Text(t)) => t.ends_with(' '),
        Some(Inline::LineBreak) => true,
        Some(other) => {
            let c = other.children();
            !c.is_empty() && ends_in_space(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{collapse_chars, collapse_spaces};

    #[test]
    fn white_space_collapses_by_bytes_as_by_characters() {
        let cases = [
            "",
            " ",
            "   ",
            "a",
            " a",
            "a ",
            "  a  b  ",
            "\n\t a\r\n b\x0b\x0cc",
            "Ваше  сиятельство,\n      я",
            "a\u{a0} b\u{a0}\u{a0}c",
            "a\u{2003}b \u{2003} c",
            "\u{85}x\u{3000}\u{205f}y\u{1680}",
            "„Brief“ – 1809 … \u{2028}z",
            "ü  ß\u{202f}\u{2009}",
        ];
        for s in cases {
            assert_eq!(collapse_spaces(s), collapse_chars(s), "{s:?}");
        }
    }
}
