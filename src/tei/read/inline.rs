//! Marks within a paragraph: `hi` and its renderings, `del`, `add`, `subst`, `unclear`,
//! `gap`, `supplied`, `sic`, `choice`, `handShift`, names, `foreign`, `lb`, `space`, notes
//! and their anchors. Unknown elements keep their text and are reported.

use super::structure::{name, rend_values};
use super::{child, is, plain_text, push_all, push_text, xml_id, xml_lang, Reader, TEI_NS};
use crate::markup::{Inline, InsertPlace, MentionKind, NameKind, Text};
use crate::markup_write;
use crate::model::{Block, Note};
use crate::read::is_language_tag;
use crate::tei::mapping::Target;
use roxmltree::Node;

/// Marks the place of a `handShift` until the paragraph is finished: what follows it is in
/// the hand named after this character (none: back to the document's hand).
const SHIFT: char = '\u{E002}';

/// Elements whose content is kept as it is: their meaning (a date, a title, a word
/// division, a name part) is not printed differently.
const TRANSPARENT: &[&str] = &[
    "hi",
    "emph",
    "seg",
    "c",
    "g",
    "orig",
    "reg",
    "corr",
    "abbr",
    "expan",
    "mod",
    "subst",
    "damage",
    "date",
    "time",
    "measure",
    "num",
    "title",
    "q",
    "quote",
    "said",
    "term",
    "mentioned",
    "soCalled",
    "distinct",
    "w",
    "pc",
    "unit",
    "roleName",
    "forename",
    "surname",
    "addName",
    "genName",
    "nameLink",
    "settlement",
    "country",
    "region",
    "district",
    "geogName",
    "bloc",
    "street",
    "addrLine",
    "email",
    "idno",
    "bibl",
    "author",
    "metamark",
    "restore",
    "retrace",
    "secl",
    "surplus",
    "cit",
    "span",
    "choice-part",
    "lem",
    "rdg",
    "app",
    "desc",
    "label",
    "postCode",
    "orgName-part",
    "objectName",
    "material",
    "origDate",
    "origPlace",
    "dim",
    "height",
    "width",
    "depth",
    "watermark",
    "stamp-text",
    "actor",
    "affiliation",
    "age",
    "birth",
    "death",
    "education",
    "event",
    "faith",
    "floruit",
    "location",
    "nationality",
    "occupation",
    "residence",
    "sex",
    "state",
    "trait",
    "geo",
    "offset",
    "pubPlace",
    "publisher",
    "biblScope",
    "editor",
    "imprint",
    "monogr",
    "analytic",
    "series",
    "edition",
    "extent",
    "citedRange",
    "incipit",
    "explicit",
    "rubric",
    "colophon",
    "finalRubric",
    "summary",
    "catchwords",
    "signatures",
    "locus",
    "locusGrp",
    "ident",
    "gi",
    "att",
    "val",
    "tag",
    "code",
    "eg",
    "egXML",
    "caesura",
    "phr",
    "cl",
    "s",
    "foreign",
];

/// Elements that are paragraphs or lines of their own: met inside a mark, their content
/// follows on a new line.
const NESTED_BLOCKS: &[&str] = &[
    "p",
    "ab",
    "item",
    "lg",
    "list",
    "table",
    "row",
    "cell",
    "head",
    "opener",
    "closer",
    "salute",
    "signed",
    "dateline",
    "address",
    "postscript",
    "trailer",
    "byline",
    "docAuthor",
    "floatingText",
    "div",
    "body",
    "epigraph",
    "argument",
    "noteGrp",
];

impl<'a, 'i> Reader<'a, 'i> {
    /// The inline content of every child of `n`.
    pub(super) fn inline_children(&mut self, n: Node<'a, 'i>, out: &mut Vec<Inline>) {
        for c in n.children() {
            self.inline(c, out);
        }
    }

    /// One node in a paragraph.
    pub(super) fn inline(&mut self, n: Node<'a, 'i>, out: &mut Vec<Inline>) {
        if n.is_text() {
            push_text(out, n.text().unwrap_or(""));
            return;
        }
        if !n.is_element() {
            return;
        }
        if n.tag_name().namespace() != Some(TEI_NS) {
            let what = format!(
                "element <{}> of namespace {} is not TEI: kept as text",
                n.tag_name().name(),
                n.tag_name().namespace().unwrap_or("none")
            );
            self.report(n, what);
            // Its structure is unknown: its edges are word boundaries.
            push_text(out, " ");
            self.inline_children(n, out);
            push_text(out, " ");
            return;
        }
        let lang = xml_lang(n)
            .filter(|l| is_language_tag(l) && !l.eq_ignore_ascii_case(&self.language))
            .map(str::to_string);
        if let Some(lang) = lang {
            let mut inner = vec![];
            self.element(n, &mut inner);
            return wrap(out, inner, |content| Inline::Foreign { lang, content });
        }
        self.element(n, out)
    }

    fn element(&mut self, n: Node<'a, 'i>, out: &mut Vec<Inline>) {
        let tag = n.tag_name().name();
        let content = |r: &mut Self| {
            let mut c = vec![];
            r.inline_children(n, &mut c);
            c
        };
        if matches!(tag, "seg" | "hi") && n.attribute("hand").is_some() {
            let (hand, _) = self.hand_of(n);
            let c = content(self);
            let c = self.rendered(n, c);
            return match hand {
                Some(hand) => wrap(out, c, |content| Inline::Hand { hand, content }),
                None => out.extend(c),
            };
        }
        match tag {
            "del" => {
                let c = content(self);
                let (hand, _) = self.hand_of(n);
                wrap(out, c, |c| with_hand(hand, Inline::Deleted(c)))
            }
            "add" => {
                let c = content(self);
                let (hand, _) = self.hand_of(n);
                let place = insert_place(n.attribute("place").unwrap_or(""));
                if !n.attribute("place").is_none_or(known_place) {
                    let what = format!(
                        "place value `{}` on <add> is not mapped (read as above the line)",
                        n.attribute("place").unwrap_or("")
                    );
                    self.report(n, what);
                }
                wrap(out, c, |content| Inline::Inserted {
                    place,
                    hand,
                    content,
                })
            }
            "unclear" => {
                let c = content(self);
                wrap(out, c, Inline::Unclear)
            }
            "supplied" | "ex" => {
                let c = content(self);
                wrap(out, c, Inline::Supplied)
            }
            "sic" => {
                let c = content(self);
                wrap(out, c, Inline::Sic)
            }
            "sup" => {
                let c = content(self);
                wrap(out, c, Inline::Superscript)
            }
            "sub" => {
                let c = content(self);
                wrap(out, c, Inline::Subscript)
            }
            "gap" => out.push(Inline::Gap(gap_description(n))),
            "choice" => self.choice(n, out),
            "persName" | "placeName" | "orgName" | "rs" | "name" => {
                let kind = match (tag, n.attribute("type").unwrap_or("")) {
                    ("persName", _) | (_, "person") | (_, "persName") => NameKind::Person,
                    ("placeName", _) | (_, "place") | (_, "placeName") => NameKind::Place,
                    ("orgName", _) | (_, "org") | (_, "organisation") | (_, "organization") => {
                        NameKind::Org
                    }
                    (_, "work") | (_, "bibl") | (_, "title") => NameKind::Work,
                    _ => NameKind::Other,
                };
                let key = n
                    .attribute("ref")
                    .or(n.attribute("key"))
                    .map(|k| k.split_whitespace().next().unwrap_or("").to_string())
                    .filter(|k| !k.is_empty());
                let c = {
                    let c = content(self);
                    self.rendered(n, c)
                };
                // folio's own TEI writes a mention of its register as a person's or place's
                // name of type "register"; read back, it is that mention again.
                let mention = match kind {
                    NameKind::Person => Some(MentionKind::Person),
                    NameKind::Place => Some(MentionKind::Place),
                    _ => None,
                }
                .filter(|_| n.attribute("type") == Some("register"));
                match (mention, key) {
                    (Some(kind), Some(key)) => {
                        wrap(out, c, |content| Inline::Mention { kind, key, content })
                    }
                    (_, key) => wrap(out, c, |content| Inline::Name { kind, key, content }),
                }
            }
            "lb" => {
                if self.mapping.line_breaks && self.in_note == 0 {
                    trim_end(out);
                    out.push(Inline::LineBreak);
                } else if n.attribute("break") != Some("no") {
                    push_text(out, " ");
                }
            }
            "space" => push_text(out, " "),
            "handShift" => {
                let who = n
                    .attribute("new")
                    .or(n.attribute("scribe"))
                    .or(n.attribute("scribeRef"))
                    .map(|p| self.resolve_name(p))
                    .unwrap_or_default();
                out.push(Inline::Hand {
                    hand: format!("{SHIFT}{who}"),
                    content: vec![],
                });
            }
            "ref" | "ptr" => {
                if let Some(id) = self.note_target(n) {
                    push_ref(out, id);
                } else if tag == "ref" {
                    // A link to another letter or a register: its words stay.
                    let c = {
                        let c = content(self);
                        self.rendered(n, c)
                    };
                    push_all(out, c);
                }
            }
            "anchor" => {
                if let Some(note) = xml_id(n).and_then(|id| self.anchored.get(id).copied()) {
                    if let Some(id) = self.editorial_note_at(note) {
                        push_ref(out, id);
                    }
                }
            }
            "note" => {
                if let Some(mark) = self.mark_note(n) {
                    self.deferred.push(mark);
                } else if let Some(id) = self.editorial_note(n) {
                    push_ref(out, id);
                }
            }
            "pb" => {
                if self.in_note > 0 {
                    self.report(n, "<pb> inside a note is not printed".into());
                } else if let Some(f) = self.page_break(n) {
                    self.deferred.push(f);
                }
            }
            "fw" => {
                if self.in_note == 0 {
                    let mut ignored = vec![];
                    if let Some(b) = self.forme_work(n, &mut ignored) {
                        self.deferred.push(b);
                    }
                }
            }
            "stamp" => {
                let b = self.stamp(n, crate::model::MarkKind::Stamp);
                self.deferred.push(b);
            }
            "seg" if n.attribute("type") == Some("letterhead") => {
                let b = self.stamp(n, crate::model::MarkKind::Stamp);
                self.deferred.push(b);
            }
            "l" => {
                self.inline_children(n, out);
                if n.next_sibling_element().is_some_and(|s| is(s, "l")) {
                    trim_end(out);
                    out.push(Inline::LineBreak);
                }
            }
            "cb" | "milestone" | "figure" | "graphic" | "figDesc" | "media" => {
                let what = format!("<{tag}> is not printed");
                self.report(n, what)
            }
            _ if super::structure::is_register(tag) => {
                let what = format!("<{tag}> (register data) is not printed");
                self.report(n, what)
            }
            _ if NESTED_BLOCKS.contains(&tag) => {
                if !out.is_empty() && !matches!(out.last(), Some(Inline::LineBreak)) {
                    trim_end(out);
                    out.push(Inline::LineBreak);
                }
                let c = {
                    let c = content(self);
                    self.rendered(n, c)
                };
                for i in c {
                    out.push(i);
                }
            }
            _ => {
                if !TRANSPARENT.contains(&tag) {
                    let what = format!("element <{tag}> is not mapped: kept as text");
                    self.report(n, what);
                }
                if matches!(tag, "hi" | "emph") && rend_values(n).is_empty() {
                    let what = format!("<{tag}> without rend or rendition: kept as text");
                    self.report(n, what);
                }
                let c = {
                    let c = content(self);
                    self.rendered(n, c)
                };
                push_all(out, c);
            }
        }
    }

    /// Content wrapped in the marks its `rend`/`rendition`/`style` values map to; values
    /// that are not mapped are reported.
    fn rendered(&mut self, n: Node<'a, 'i>, content: Vec<Inline>) -> Vec<Inline> {
        let mut content = content;
        for (attr, value) in rend_values(n) {
            let target = self.mapping.get(value);
            let mark: Option<fn(Vec<Inline>) -> Inline> = match target {
                Some(Target::Underline) => Some(|c| Inline::Underline {
                    double: false,
                    content: c,
                }),
                Some(Target::DoubleUnderline) => Some(|c| Inline::Underline {
                    double: true,
                    content: c,
                }),
                Some(Target::Spaced) => Some(Inline::Spaced),
                Some(Target::Superscript) => Some(Inline::Superscript),
                Some(Target::Italic) => Some(Inline::Italic),
                Some(Target::Bold) => Some(Inline::Bold),
                Some(Target::Subscript) => Some(Inline::Subscript),
                Some(Target::Deleted) => Some(Inline::Deleted),
                Some(_) => None,
                None => {
                    let what = format!("{attr} value `{value}` on <{}> is not mapped", name(n));
                    self.report(n, what);
                    None
                }
            };
            if let Some(mark) = mark {
                let mut wrapped = vec![];
                wrap(&mut wrapped, content, mark);
                content = wrapped;
            }
        }
        content
    }

    /// A `choice`: both readings of orig/reg, abbr/expan and sic/corr (the error kept as a
    /// sic in the original reading); any other pair keeps its first alternative.
    fn choice(&mut self, n: Node<'a, 'i>, out: &mut Vec<Inline>) {
        let kids: Vec<Node> = n.children().filter(|c| c.is_element()).collect();
        let find = |names: &[&str]| {
            kids.iter()
                .copied()
                .find(|k| names.iter().any(|x| is(*k, x)))
        };
        let pair = [("orig", "reg"), ("abbr", "expan"), ("sic", "corr")]
            .into_iter()
            .find_map(|(o, r)| Some((o, find(&[o])?, find(&[r])?)));
        let Some((kind, orig, reg)) = pair else {
            let Some(first) = kids.first().copied() else {
                return;
            };
            let what = format!(
                "<choice> of {}: the first alternative is printed",
                kids.iter()
                    .map(|k| format!("<{}>", name(*k)))
                    .collect::<Vec<_>>()
                    .join(" and ")
            );
            self.report(n, what);
            return self.inline(first, out);
        };
        let mut original = vec![];
        self.inline_children(orig, &mut original);
        let mut regularized = vec![];
        self.inline_children(reg, &mut regularized);
        let (lead_o, mut original, trail_o) = trim_edges(original);
        let (lead_r, regularized, trail_r) = trim_edges(regularized);
        if kind == "sic" && !original.is_empty() {
            original = vec![Inline::Sic(original)];
        }
        if lead_o || lead_r {
            push_text(out, " ");
        }
        out.push(Inline::Choice {
            original,
            regularized,
        });
        if trail_o || trail_r {
            push_text(out, " ");
        }
    }

    /// The note a `ref`/`ptr` points at, read now so the reference stands here.
    fn note_target(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let target = n.attribute("target")?.split_whitespace().next()?;
        let id = target.strip_prefix('#')?;
        let note = *self.by_id.get(id)?;
        if !is(note, "note") || self.mark_note_kind(note) {
            return None;
        }
        self.editorial_note_at(note)
    }

    /// Whether a note is a mark on the page rather than an editorial note.
    fn mark_note_kind(&self, n: Node) -> bool {
        n.attribute("type") == Some("mark")
            || matches!(
                n.attribute("place").unwrap_or(""),
                "margin" | "left" | "right" | "margin-left" | "margin-right" | "inner" | "outer"
            )
    }

    /// Reads an editorial note met in the text; the id to reference where it stands, or
    /// none when a `ref`, `ptr` or `anchor` elsewhere references it (or it is empty).
    pub(super) fn editorial_note(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let pointed = xml_id(n).is_some_and(|id| self.pointed_at.contains(id));
        let id = self.editorial_note_at(n)?;
        (!pointed).then_some(id)
    }

    /// Reads a note once and returns its id; later calls return the same id.
    fn editorial_note_at(&mut self, n: Node<'a, 'i>) -> Option<String> {
        let key = n.range().start;
        if let Some(id) = self.read_notes.get(&key) {
            return id.clone();
        }
        self.read_notes.insert(key, None);
        let text = self.paragraph_text(n);
        if text.inlines().is_empty() {
            self.report(n, "empty <note> is not printed".into());
            return None;
        }
        let id = self.note_id(xml_id(n));
        self.notes.push(Note {
            id: id.clone(),
            kind: note_kind(n.attribute("type")),
            text,
        });
        self.read_notes.insert(key, Some(id.clone()));
        Some(id)
    }

    /// The content of a note (or any element) as one text, paragraphs on new lines.
    pub(super) fn paragraph_text(&mut self, n: Node<'a, 'i>) -> Text {
        self.in_note += 1;
        let deferred = std::mem::take(&mut self.deferred);
        let mut content = vec![];
        self.inline_children(n, &mut content);
        let inner: Vec<Block> = std::mem::replace(&mut self.deferred, deferred);
        for b in inner {
            if let Block::Mark(m) = b {
                // A mark inside a note: its words follow in the note.
                push_text(&mut content, " ");
                content.extend(m.text.inlines().iter().cloned());
            }
        }
        self.in_note -= 1;
        markup_write::text(&finish(content))
    }
}

/// The series of a TEI note by its `@type`: the kinds of textual criticism (`textConst`,
/// `textual`, `variant`, `gloss`, …) are textual notes; everything else (`commentary`,
/// `comments`, `editorial`, none) is commentary.
fn note_kind(kind: Option<&str>) -> crate::model::NoteKind {
    use crate::model::NoteKind;
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some(
            "textconst" | "textual" | "textcrit" | "text" | "variant" | "variants" | "gloss"
            | "apparatus" | "app" | "sic" | "correction" | "deletion" | "addition" | "hand"
            | "orthographic",
        ) => NoteKind::Textual,
        _ => NoteKind::Commentary,
    }
}

/// Whether an `add@place` value is one folio maps.
fn known_place(p: &str) -> bool {
    p.split_whitespace().all(|w| {
        matches!(
            w,
            "above"
                | "superlinear"
                | "supralinear"
                | "top"
                | "over"
                | "below"
                | "sublinear"
                | "bottom"
                | "under"
                | "margin"
                | "left"
                | "right"
                | "margin-left"
                | "margin-right"
                | "inner"
                | "outer"
                | "inline"
                | "intralinear"
                | "inspace"
                | "across"
                | "overwritten"
                | "end"
                | "opposite"
                | "overleaf"
        )
    })
}

fn insert_place(p: &str) -> InsertPlace {
    let first = p.split_whitespace().next().unwrap_or("");
    match first {
        "below" | "sublinear" | "bottom" | "under" => InsertPlace::Below,
        "margin" | "left" | "right" | "margin-left" | "margin-right" | "inner" | "outer"
        | "opposite" | "overleaf" | "end" => InsertPlace::Margin,
        "inline" | "intralinear" | "inspace" | "across" | "overwritten" => InsertPlace::Inline,
        _ => InsertPlace::Above,
    }
}

/// A gap's description: its `desc`, else its extent and the reason.
fn gap_description(n: Node) -> Option<String> {
    if let Some(d) = child(n, "desc").map(plain_text).filter(|d| !d.is_empty()) {
        return Some(d);
    }
    let extent = n.attribute("extent").map(str::to_string).or_else(|| {
        let q = n.attribute("quantity")?;
        Some(match n.attribute("unit") {
            Some(u) => format!("{q} {u}"),
            None => q.to_string(),
        })
    });
    let reason = n.attribute("reason");
    match (reason, extent) {
        (Some(r), Some(e)) => Some(format!("{r}, {e}")),
        (Some(r), None) => Some(r.to_string()),
        (None, Some(e)) => Some(e),
        (None, None) => None,
    }
}

fn with_hand(hand: Option<String>, inline: Inline) -> Inline {
    match hand {
        Some(hand) => Inline::Hand {
            hand,
            content: vec![inline],
        },
        None => inline,
    }
}

/// Pushes `make(content)` with the white space at the content's edges moved outside it
/// (`a<hi> b</hi>` is "a", a space, then the marked "b"); nothing for empty content.
fn wrap(out: &mut Vec<Inline>, content: Vec<Inline>, make: impl FnOnce(Vec<Inline>) -> Inline) {
    let (lead, content, trail) = trim_edges(content);
    if lead {
        push_text(out, " ");
    }
    if !content.is_empty() {
        out.push(make(content));
    }
    if trail {
        push_text(out, " ");
    }
}

/// The content with white space removed at both edges (inside marks too), and whether
/// there was some at the start and at the end.
fn trim_edges(mut content: Vec<Inline>) -> (bool, Vec<Inline>, bool) {
    let lead = trim_start(&mut content);
    let trail = trim_end(&mut content);
    (lead, content, trail)
}

fn trim_start(content: &mut Vec<Inline>) -> bool {
    let mut trimmed = false;
    while let Some(first) = content.first_mut() {
        match first {
            Inline::Text(t) => {
                let s = t.trim_start_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
                trimmed |= s.len() != t.len();
                if s.is_empty() {
                    content.remove(0);
                    continue;
                }
                *t = s.to_string();
            }
            other => {
                if !is_shift(other) {
                    if let Some(c) = other.children_mut() {
                        trimmed |= trim_start(c);
                    }
                }
            }
        }
        break;
    }
    trimmed
}

fn trim_end(content: &mut Vec<Inline>) -> bool {
    let mut trimmed = false;
    while let Some(last) = content.last_mut() {
        match last {
            Inline::Text(t) => {
                let s = t.trim_end_matches(|c: char| c.is_whitespace() && c != '\u{a0}');
                trimmed |= s.len() != t.len();
                if s.is_empty() {
                    content.pop();
                    continue;
                }
                *t = s.to_string();
            }
            other => {
                if let Some(c) = other.children_mut() {
                    trimmed |= trim_end(c);
                }
            }
        }
        break;
    }
    trimmed
}

fn is_shift(i: &Inline) -> bool {
    matches!(i, Inline::Hand { hand, .. } if hand.starts_with(SHIFT))
}

/// A paragraph's content made final: what follows each `handShift` wrapped in that hand,
/// white space trimmed at the edges and around line breaks, no line break at either end.
pub(super) fn finish(content: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = vec![];
    let mut hand: Option<(String, Vec<Inline>)> = None;
    let close = |hand: &mut Option<(String, Vec<Inline>)>, out: &mut Vec<Inline>| {
        if let Some((name, content)) = hand.take() {
            let (lead, content, trail) = trim_edges(content);
            if lead {
                push_text(out, " ");
            }
            if !content.is_empty() {
                out.push(Inline::Hand {
                    hand: name,
                    content,
                });
            }
            if trail {
                push_text(out, " ");
            }
        }
    };
    for inline in content {
        if let Inline::Hand { hand: name, .. } = &inline {
            if let Some(who) = name.strip_prefix(SHIFT) {
                close(&mut hand, &mut out);
                if !who.is_empty() {
                    hand = Some((who.to_string(), vec![]));
                }
                continue;
            }
        }
        let target = match &mut hand {
            Some((_, c)) => c,
            None => &mut out,
        };
        push_all(target, [inline]);
    }
    close(&mut hand, &mut out);
    let mut out = spaces_around_breaks(out);
    while matches!(out.first(), Some(Inline::LineBreak)) {
        out.remove(0);
        trim_start(&mut out);
    }
    trim_start(&mut out);
    trim_end(&mut out);
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
        trim_end(&mut out);
    }
    out
}

/// No white space right before or after a line break.
fn spaces_around_breaks(content: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(content.len());
    let mut after_break = false;
    for mut inline in content {
        match &mut inline {
            Inline::LineBreak => {
                trim_end(&mut out);
                after_break = true;
                out.push(inline);
                continue;
            }
            Inline::Text(t) if after_break => {
                let s = t.trim_start().to_string();
                if s.is_empty() {
                    continue;
                }
                *t = s;
            }
            _ => {}
        }
        after_break = false;
        out.push(inline);
    }
    out
}

/// The marker of a change of hand to `who` (a name; empty: back to the document's hand).
pub(super) fn shift_to(who: String) -> Inline {
    Inline::Hand {
        hand: format!("{SHIFT}{who}"),
        content: vec![],
    }
}

/// A note reference right after the word it follows, not after the space that a
/// pretty-printer put before the `ref` or `note`.
fn push_ref(out: &mut Vec<Inline>, id: String) {
    let after_ref = out.len() >= 2 && matches!(out[out.len() - 2], Inline::NoteRef(_));
    if let Some(Inline::Text(t)) = out.last_mut() {
        if after_ref && t.trim().is_empty() {
            // A space between two references keeps them breakable.
            *t = " ".into();
            out.push(Inline::NoteRef(id));
            return;
        }
        let trimmed = t.trim_end().len();
        t.truncate(trimmed);
        if t.is_empty() {
            out.pop();
        }
    }
    out.push(Inline::NoteRef(id));
}
