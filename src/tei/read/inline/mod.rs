//! Marks within a paragraph: `hi` and its renderings, `del`, `add`, `subst`, `unclear`,
//! `gap`, `supplied`, `sic`, `choice`, `handShift`, names, `foreign`, `lb`, `space`, notes
//! and their anchors. Unknown elements keep their text and are reported.
//!
//! This file walks the nodes and sends each element to its reading; the rest is split by
//! what it does: [`marks`] (rend values, `choice`, the place of an `add`, the description of
//! a `gap`), [`notes`] (editorial notes and the references to them), [`finish`] (hand
//! shifts and white space: a paragraph's content made final).

mod finish;
mod marks;
mod notes;

pub(super) use finish::{finish, shift_to};

use super::structure::rend_values;
use super::{is, push_all, push_text, xml_id, xml_lang, Reader, TEI_NS};
use crate::markup::{Inline, MentionKind, NameKind};
use crate::read::is_language_tag;
use finish::{trim_end, wrap, SHIFT};
use marks::{gap_description, insert_place, known_place, with_hand};
use notes::push_ref;
use roxmltree::Node;

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
}
