//! The TEI header: titles, `correspDesc` (sender, addressee, date, place), `msDesc` and
//! other source descriptions (the archival legend), language, licence and responsibility,
//! postal stamps in `physDesc/additions` (marks that open the content).

use super::{child, collapse, is, plain_text, xml_lang, Reader};
use crate::markup::Text;
use crate::model::{
    Block, Credit, Document, Edition, Mark, MarkKind, Person, Position, Source, FORMAT_VERSION,
};
use crate::read::{is_iso_date_or_range, is_language_tag};
use roxmltree::Node;

impl<'a, 'i> Reader<'a, 'i> {
    /// The whole document: header, then the text's body (and the notes of its back).
    pub(super) fn document(&mut self, root: Node<'a, 'i>) -> Document {
        let header = child(root, "teiHeader");
        let text = child(root, "text");
        let file_desc = header.and_then(|h| child(h, "fileDesc"));
        let profile = header.and_then(|h| child(h, "profileDesc"));
        let corresp = profile.and_then(|p| child(p, "correspDesc"));

        let language = profile
            .and_then(|p| child(p, "langUsage"))
            .and_then(|l| child(l, "language"))
            .and_then(|l| l.attribute("ident"))
            .or_else(|| text.and_then(xml_lang))
            .or_else(|| xml_lang(root))
            .filter(|l| is_language_tag(l))
            .unwrap_or("und")
            .to_string();

        let mut authors = vec![];
        let mut addressees = vec![];
        let mut date = None;
        let mut place = None;
        if let Some(c) = corresp {
            for action in c.children().filter(|n| is(*n, "correspAction")) {
                let kind = action.attribute("type").unwrap_or("");
                let sending = matches!(kind, "sent" | "sending" | "sender");
                let receiving = matches!(kind, "received" | "receiving" | "receiver");
                let people = action
                    .children()
                    .filter(|n| {
                        ["persName", "orgName", "name", "rs"]
                            .iter()
                            .any(|k| is(*n, k))
                    })
                    .map(|n| Person {
                        name: plain_text(n),
                        key: n
                            .attribute("ref")
                            .or(n.attribute("key"))
                            .map(str::to_string),
                    })
                    .filter(|p| !p.name.is_empty());
                if sending {
                    authors.extend(people);
                    date = date.or_else(|| child(action, "date").and_then(iso_date));
                    place = place.or_else(|| {
                        child(action, "placeName")
                            .map(plain_text)
                            .filter(|s| !s.is_empty())
                    });
                } else if receiving {
                    addressees.extend(people);
                }
            }
        }
        if date.is_none() {
            date = profile
                .and_then(|p| child(p, "creation"))
                .and_then(|c| child(c, "date"))
                .and_then(iso_date);
        }

        let title_stmt = file_desc.and_then(|f| child(f, "titleStmt"));
        let title = title_stmt
            .and_then(|t| {
                let titles: Vec<Node> = t.children().filter(|n| is(*n, "title")).collect();
                // The letter's own title (analytic level) before the series' or edition's.
                titles
                    .iter()
                    .find(|n| n.attribute("level") == Some("a"))
                    .or_else(|| titles.iter().find(|n| n.attribute("type") == Some("main")))
                    .or(titles.first())
                    .copied()
            })
            .map(|t| self.paragraph_text(t))
            .filter(|t| !t.inlines().is_empty())
            .unwrap_or_else(|| Text::plain(&self.stem()));

        let source = file_desc
            .and_then(|f| child(f, "sourceDesc"))
            .and_then(|s| self.source(s));
        let edition = self.edition(file_desc, title_stmt);
        if let Some(ms) = header.and_then(|h| {
            h.descendants()
                .find(|n| is(*n, "physDesc"))
                .and_then(|p| child(p, "additions"))
        }) {
            self.postal_stamps(ms);
        }

        self.language = language.clone();
        let mut content = std::mem::take(&mut self.header_marks);
        if let Some(text) = text {
            self.text(text, &mut content);
        } else {
            self.report(
                root,
                "no <text> in the file: the document has no content".into(),
            );
        }
        if content.is_empty() {
            // The model needs content; an empty letter stays visible as its title.
            content.push(Block::Heading(crate::model::Heading {
                text: title.clone(),
            }));
        }

        Document {
            format: FORMAT_VERSION.into(),
            id: self.stem(),
            number: text
                .and_then(|t| child(t, "body"))
                .and_then(|b| b.children().find(|d| is(*d, "div")))
                .filter(|d| d.attribute("type") == Some("document"))
                .and_then(|d| d.attribute("n"))
                .map(str::to_string),
            title,
            date,
            place,
            language,
            authors,
            addressees,
            source,
            content,
            notes: std::mem::take(&mut self.notes),
            edition,
            register: None,
            origin: None,
        }
    }

    /// The file name without folders and extension, safe as an id.
    fn stem(&self) -> String {
        let base = std::path::Path::new(self.name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("document");
        let id: String = base
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let id = id.trim_start_matches('.').to_string();
        if id.is_empty() {
            "document".into()
        } else {
            id
        }
    }

    /// The archival source: the first `msDesc` (repository, collection, idno), or a
    /// bibliographic description as a free legend.
    fn source(&mut self, source_desc: Node<'a, 'i>) -> Option<Source> {
        if let Some(ms) = source_desc.descendants().find(|n| is(*n, "msIdentifier")) {
            let mut s = Source::default();
            let part = |name: &str| child(ms, name).map(plain_text).filter(|t| !t.is_empty());
            let archive = [part("settlement"), part("institution"), part("repository")]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            s.archive = (!archive.is_empty()).then_some(archive);
            let mut other = vec![];
            if let Some(c) = part("collection") {
                other.push(c);
            }
            for idno in ms.children().filter(|n| is(*n, "idno")) {
                let value = plain_text(idno);
                match idno.attribute("type") {
                    Some("fond") => s.fond = Some(value),
                    Some("opis") | Some("inventory") => s.opis = Some(value),
                    Some("delo") | Some("file") => s.delo = Some(value),
                    Some("folios") => s.folios = Some(value),
                    _ if !value.is_empty() => other.push(value),
                    _ => {}
                }
            }
            let ms_desc = ms.parent().filter(|p| is(*p, "msDesc"));
            if let Some(phys) = ms_desc.and_then(|m| child(m, "physDesc")) {
                if let Some(form) = child(phys, "objectDesc").and_then(|o| o.attribute("form")) {
                    s.authenticity = serde_plain(form);
                }
                if let Some(medium) = child(phys, "objectDesc")
                    .and_then(|o| child(o, "p"))
                    .map(plain_text)
                {
                    s.medium = serde_plain(&medium);
                }
            }
            if !other.is_empty() {
                s.remarks = Some(Text::plain(&format!("{}.", other.join(", "))));
            }
            self.notes_stmt(source_desc, &mut s);
            return Some(s);
        }
        let bibl = source_desc
            .children()
            .find(|n| {
                ["bibl", "biblStruct", "p", "listBibl"]
                    .iter()
                    .any(|k| is(*n, k))
            })
            .map(plain_text)
            .filter(|t| !t.is_empty());
        let mut s = Source {
            legend: bibl.map(|b| Text::plain(&b)),
            ..Source::default()
        };
        self.notes_stmt(source_desc, &mut s);
        (s != Source::default()).then_some(s)
    }

    /// folio's own remarks and legend, which its TEI writer keeps in `notesStmt`.
    fn notes_stmt(&mut self, source_desc: Node<'a, 'i>, s: &mut Source) {
        let Some(notes) = source_desc.parent().and_then(|f| child(f, "notesStmt")) else {
            return;
        };
        for note in notes.children().filter(|n| is(*n, "note")) {
            let text = self.paragraph_text(note);
            match note.attribute("type") {
                Some("remarks") => s.remarks = Some(text),
                Some("legend") => s.legend = Some(text),
                _ => {}
            }
        }
    }

    /// Licence and responsibility statements.
    fn edition(
        &mut self,
        file_desc: Option<Node<'a, 'i>>,
        title_stmt: Option<Node<'a, 'i>>,
    ) -> Option<Edition> {
        let mut e = Edition::default();
        if let Some(avail) = file_desc
            .and_then(|f| child(f, "publicationStmt"))
            .and_then(|p| child(p, "availability"))
        {
            let licence = child(avail, "licence");
            e.licence = licence
                .map(plain_text)
                .filter(|t| !t.is_empty())
                .or_else(|| {
                    licence
                        .and_then(|l| l.attribute("target"))
                        .map(str::to_string)
                })
                .or_else(|| Some(plain_text(avail)).filter(|t| !t.is_empty()));
        }
        if let Some(t) = title_stmt {
            for r in t.children().filter(|n| is(*n, "respStmt")) {
                let role = child(r, "resp").map(plain_text).unwrap_or_default();
                let names: Vec<String> = r
                    .children()
                    .filter(|n| ["name", "persName", "orgName"].iter().any(|k| is(*n, k)))
                    .map(plain_text)
                    .filter(|n| !n.is_empty())
                    .collect();
                if !names.is_empty() {
                    e.credits.push(Credit {
                        role: if role.is_empty() {
                            "responsible".into()
                        } else {
                            role
                        },
                        name: names.join(", "),
                    });
                }
            }
            for ed in t.children().filter(|n| is(*n, "editor")) {
                let name = plain_text(ed);
                if !name.is_empty() {
                    e.credits.push(Credit {
                        role: ed.attribute("role").unwrap_or("editor").to_string(),
                        name,
                    });
                }
            }
        }
        (e != Edition::default()).then_some(e)
    }

    /// Postal stamps described in `physDesc/additions` become stamps at the top right.
    fn postal_stamps(&mut self, additions: Node<'a, 'i>) {
        for stamp in additions.descendants().filter(|n| is(*n, "stamp")) {
            // Its parts (place, date, time) are elements side by side: a space between.
            let text = collapse(
                &stamp
                    .children()
                    .map(|c| {
                        if c.is_element() {
                            plain_text(c)
                        } else {
                            c.text().unwrap_or("").to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            if text.is_empty() {
                continue;
            }
            self.header_marks.push(Block::Mark(Mark {
                kind: MarkKind::Stamp,
                text: Text::plain(&text),
                signature: None,
                date: None,
                hand: None,
                medium: None,
                position: Position::TopRight,
            }));
        }
    }
}

/// An ISO date from `date@when`, `@notBefore`/`@notAfter` or `@from`/`@to`.
fn iso_date(d: Node) -> Option<String> {
    let short = |s: &str| s.get(..10.min(s.len())).unwrap_or(s).to_string();
    let candidate = if let Some(w) = d.attribute("when").or(d.attribute("when-iso")) {
        short(w)
    } else {
        let from = d.attribute("notBefore").or(d.attribute("from"));
        let to = d.attribute("notAfter").or(d.attribute("to"));
        match (from, to) {
            (Some(a), Some(b)) => format!("{}/{}", short(a), short(b)),
            (Some(a), None) | (None, Some(a)) => short(a),
            _ => return None,
        }
    };
    is_iso_date_or_range(&candidate).then_some(candidate)
}

/// A kebab-case enum value ("draft", "typescript") parsed from a word, if it is one.
fn serde_plain<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(word.trim().to_string())).ok()
}
