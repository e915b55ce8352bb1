//! The `teiHeader`: title and responsibility, licence, folio's remarks and legend, the
//! archival source as `msDesc`, `correspDesc`, the language and the hands.

use super::body::inlines;
use crate::markup::Inline;
use crate::model::{Block, Document, Person};
use crate::shared::xml::escape;

/// Every hand (with its medium) named in the document, numbered for `@hand` pointers.
pub struct Hands {
    hands: Vec<(String, Option<String>)>,
}

impl Hands {
    /// The hands of a document in reading order.
    pub fn of(doc: &Document) -> Hands {
        let mut h = Hands { hands: vec![] };
        for block in &doc.content {
            match block {
                Block::Mark(m) if m.hand.is_some() || m.medium.is_some() => {
                    h.add(m.hand.clone().unwrap_or_default(), m.medium.clone())
                }
                Block::Dateline(d) => {
                    if let Some(x) = &d.hand {
                        h.add(x.clone(), None)
                    }
                }
                Block::Text(t) => {
                    if let Some(x) = &t.hand {
                        h.add(x.clone(), None)
                    }
                }
                Block::Postscript(p) => {
                    if let Some(x) = &p.hand {
                        h.add(x.clone(), None)
                    }
                }
                _ => {}
            }
        }
        for (_, text) in doc.texts() {
            h.walk(text.inlines());
        }
        h
    }

    fn walk(&mut self, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Hand { hand, .. }
                | Inline::Inserted {
                    hand: Some(hand), ..
                } => self.add(hand.clone(), None),
                Inline::Choice {
                    original,
                    regularized,
                } => {
                    self.walk(original);
                    self.walk(regularized);
                }
                _ => {}
            }
            self.walk(i.children());
        }
    }

    fn add(&mut self, name: String, medium: Option<String>) {
        if !self.hands.contains(&(name.clone(), medium.clone())) {
            self.hands.push((name, medium));
        }
    }

    /// The pointer to a hand (`#hand2`).
    pub fn pointer(&self, name: &str, medium: Option<&str>) -> String {
        let k = self
            .hands
            .iter()
            .position(|(n, m)| n == name && m.as_deref() == medium)
            .unwrap_or(0);
        format!("#hand{}", k + 1)
    }
}

/// Writes the header.
pub fn write(doc: &Document, hands: &Hands, out: &mut String) {
    out.push_str("<teiHeader>\n<fileDesc>\n<titleStmt>\n<title>");
    inlines(doc.title.inlines(), hands, out);
    out.push_str("</title>\n");
    if let Some(e) = &doc.edition {
        for c in &e.credits {
            out.push_str(&format!(
                "<respStmt>\n<resp>{}</resp>\n<name>{}</name>\n</respStmt>\n",
                escape(&c.role),
                escape(&c.name)
            ));
        }
    }
    out.push_str("</titleStmt>\n<publicationStmt>\n");
    match doc.edition.as_ref().and_then(|e| e.licence.as_ref()) {
        Some(l) => out.push_str(&format!(
            "<authority>folio</authority>\n<availability>\n<licence>{}</licence>\n</availability>\n",
            escape(l)
        )),
        None => out.push_str("<p>Written by folio from its transcription.</p>\n"),
    }
    out.push_str("</publicationStmt>\n");
    let source = doc.source.clone().unwrap_or_default();
    if source.remarks.is_some() || source.legend.is_some() {
        out.push_str("<notesStmt>\n");
        for (kind, text) in [("remarks", &source.remarks), ("legend", &source.legend)] {
            if let Some(t) = text {
                out.push_str(&format!("<note type=\"{kind}\">"));
                inlines(t.inlines(), hands, out);
                out.push_str("</note>\n");
            }
        }
        out.push_str("</notesStmt>\n");
    }
    out.push_str("<sourceDesc>\n");
    let identified = [
        &source.archive,
        &source.fond,
        &source.opis,
        &source.delo,
        &source.folios,
    ]
    .iter()
    .any(|f| f.is_some());
    if identified || source.authenticity.is_some() || source.medium.is_some() {
        out.push_str("<msDesc>\n<msIdentifier>\n");
        if let Some(a) = &source.archive {
            out.push_str(&format!("<repository>{}</repository>\n", escape(a)));
        }
        for (kind, v) in [
            ("fond", &source.fond),
            ("opis", &source.opis),
            ("delo", &source.delo),
            ("folios", &source.folios),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("<idno type=\"{kind}\">{}</idno>\n", escape(v)));
            }
        }
        out.push_str("</msIdentifier>\n");
        if source.authenticity.is_some() || source.medium.is_some() {
            out.push_str("<physDesc>\n<objectDesc");
            if let Some(a) = source.authenticity {
                out.push_str(&format!(" form=\"{}\"", word(&a)));
            }
            match source.medium {
                Some(m) => out.push_str(&format!(">\n<p>{}</p>\n</objectDesc>\n", word(&m))),
                None => out.push_str("/>\n"),
            }
            out.push_str("</physDesc>\n");
        }
        out.push_str("</msDesc>\n");
    } else {
        out.push_str("<p/>\n");
    }
    out.push_str("</sourceDesc>\n</fileDesc>\n<profileDesc>\n");
    let sent = !doc.authors.is_empty() || doc.date.is_some() || doc.place.is_some();
    if sent || !doc.addressees.is_empty() {
        out.push_str("<correspDesc>\n");
        if sent {
            out.push_str("<correspAction type=\"sent\">\n");
            people(&doc.authors, out);
            if let Some(p) = &doc.place {
                out.push_str(&format!("<placeName>{}</placeName>\n", escape(p)));
            }
            if let Some(d) = &doc.date {
                match d.split_once('/') {
                    Some((a, b)) => out.push_str(&format!(
                        "<date from=\"{}\" to=\"{}\"/>\n",
                        escape(a),
                        escape(b)
                    )),
                    None => out.push_str(&format!("<date when=\"{}\"/>\n", escape(d))),
                }
            }
            out.push_str("</correspAction>\n");
        }
        if !doc.addressees.is_empty() {
            out.push_str("<correspAction type=\"received\">\n");
            people(&doc.addressees, out);
            out.push_str("</correspAction>\n");
        }
        out.push_str("</correspDesc>\n");
    }
    out.push_str(&format!(
        "<langUsage>\n<language ident=\"{}\"/>\n</langUsage>\n",
        escape(&doc.language)
    ));
    if !hands.hands.is_empty() {
        out.push_str("<handNotes>\n");
        for (k, (name, medium)) in hands.hands.iter().enumerate() {
            out.push_str(&format!("<handNote xml:id=\"hand{}\"", k + 1));
            if let Some(m) = medium {
                out.push_str(&format!(" medium=\"{}\"", escape(m)));
            }
            out.push_str(&format!(">{}</handNote>\n", escape(name)));
        }
        out.push_str("</handNotes>\n");
    }
    out.push_str("</profileDesc>\n</teiHeader>\n");
}

fn people(people: &[Person], out: &mut String) {
    for p in people {
        out.push_str("<persName");
        if let Some(k) = &p.key {
            out.push_str(&format!(" key=\"{}\"", escape(k)));
        }
        out.push_str(&format!(">{}</persName>\n", escape(&p.name)));
    }
}

/// The kebab-case word serde writes for an enum value.
fn word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
