//! The `text`: blocks as TEI letter parts, inline marks as TEI elements, notes in the back.
//!
//! TEI orders a `div`: opener parts (`head`, `dateline`, `salute`), then paragraphs, then
//! closer parts (`closer`, `postscript`, and again `dateline`, `salute`); notes and page
//! breaks may stand anywhere. A block that cannot follow the one before it opens a new
//! `div`, so any order of blocks is valid TEI and reads back as the same blocks.

use super::header::Hands;
use crate::markup::{Inline, InsertPlace, MentionKind, NameKind};
use crate::model::{Align, Block, Document, ListStyle, Mark, Position, Side};
use crate::shared::xml::escape;

/// Where a block may stand in a TEI `div`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Zone {
    Top,
    Middle,
    Bottom,
}

/// Writes the `text` element.
pub fn write(doc: &Document, hands: &Hands, out: &mut String) {
    out.push_str("<text>\n<body>\n");
    let open = |out: &mut String, first: bool| {
        out.push_str("<div type=\"document\"");
        if first {
            if let Some(n) = &doc.number {
                out.push_str(&format!(" n=\"{}\"", escape(n)));
            }
        }
        out.push_str(">\n");
    };
    open(out, true);
    let mut zone = Zone::Top;
    let mut has_middle = false;
    let mut previous: Option<&Block> = None;
    for block in &doc.content {
        if previous.is_some_and(|p| reads_as_one(p, block)) {
            out.push_str("<milestone unit=\"block\"/>\n");
        }
        previous = Some(block);
        let (may, becomes) = match block {
            Block::Heading(_) => (&[Zone::Top][..], Zone::Top),
            Block::Dateline(_) | Block::Salutation(_) => (
                &[Zone::Top, Zone::Middle, Zone::Bottom][..],
                if zone == Zone::Top {
                    Zone::Top
                } else {
                    Zone::Bottom
                },
            ),
            Block::Text(_)
            | Block::Quote(_)
            | Block::List(_)
            | Block::Table(_)
            | Block::Address(_) => (&[Zone::Top, Zone::Middle][..], Zone::Middle),
            Block::Closer(_) | Block::Postscript(_) => {
                (&[Zone::Top, Zone::Middle, Zone::Bottom][..], Zone::Bottom)
            }
            Block::Mark(_) | Block::Folio(_) => (&[zone][..], zone),
        };
        if !may.contains(&zone) {
            out.push_str("</div>\n");
            open(out, false);
            has_middle = false;
        }
        if becomes == Zone::Bottom && !has_middle {
            // TEI has no closer without a paragraph before it.
            out.push_str("<p/>\n");
            has_middle = true;
        }
        if becomes == Zone::Middle {
            has_middle = true;
        }
        zone = becomes;
        self::block(block, hands, out);
    }
    out.push_str("</div>\n</body>\n");
    if !doc.notes.is_empty() {
        out.push_str("<back>\n<div type=\"notes\">\n");
        for n in &doc.notes {
            // A textual note says so (TEI's own `textConst`); commentary is the default.
            let kind = match n.kind {
                crate::model::NoteKind::Textual => " type=\"textConst\"",
                crate::model::NoteKind::Commentary => "",
            };
            out.push_str(&format!("<note xml:id=\"{}\"{kind}>", note_xml_id(&n.id)));
            inlines(n.text.inlines(), hands, out);
            out.push_str("</note>\n");
        }
        out.push_str("</div>\n</back>\n");
    }
    out.push_str("</text>\n");
}

/// Whether a reader would join two blocks into one (paragraphs of one kind in a row):
/// a milestone between them keeps them apart.
fn reads_as_one(a: &Block, b: &Block) -> bool {
    match (a, b) {
        (Block::Text(a), Block::Text(b)) => {
            a.align == b.align && a.indent == b.indent && a.hand == b.hand
        }
        (Block::Postscript(a), Block::Postscript(b)) => a.hand == b.hand,
        (Block::Quote(_), Block::Quote(_)) => true,
        (Block::Closer(a), Block::Closer(_)) => a.signatures.is_empty(),
        _ => false,
    }
}

/// The `xml:id` of a note: a name XML accepts whatever the note's id ("1", "kustanay").
fn note_xml_id(id: &str) -> String {
    format!("note-{id}")
}

fn block(block: &Block, hands: &Hands, out: &mut String) {
    match block {
        Block::Heading(h) => element("head", "", h.text.inlines(), hands, out),
        Block::Dateline(d) => {
            let rend = if d.side == Side::Left {
                " rend=\"left\""
            } else {
                ""
            };
            out.push_str(&format!("<dateline{rend}>"));
            with_hand(d.hand.as_deref(), d.text.inlines(), hands, out);
            out.push_str("</dateline>\n");
        }
        Block::Salutation(s) => element("salute", "", s.text.inlines(), hands, out),
        Block::Text(t) => {
            let mut rend = vec![];
            match t.align {
                Align::Left => rend.push("left"),
                Align::Center => rend.push("center"),
                Align::Right => rend.push("right"),
                Align::Justify => {}
            }
            if !t.indent {
                rend.push("noindent");
            } else if t.align != Align::Justify {
                rend.push("indent");
            }
            let mut attrs = String::new();
            if !rend.is_empty() {
                attrs.push_str(&format!(" rend=\"{}\"", rend.join(" ")));
            }
            if let Some(h) = &t.hand {
                attrs.push_str(&format!(" hand=\"{}\"", hands.pointer(h, None)));
            }
            for p in t.text.paragraphs() {
                element("p", &attrs, p.inlines(), hands, out);
            }
        }
        Block::Quote(q) => {
            out.push_str("<quote>\n");
            for p in q.text.paragraphs() {
                element("p", "", p.inlines(), hands, out);
            }
            out.push_str("</quote>\n");
        }
        Block::List(l) => {
            let kind = match l.style {
                ListStyle::Numbered => "ordered",
                ListStyle::Bulleted => "unordered",
            };
            out.push_str(&format!("<list type=\"{kind}\">\n"));
            for (k, item) in l.items.iter().enumerate() {
                let n = if k == 0 && l.start != 1 {
                    format!(" n=\"{}\"", l.start)
                } else {
                    String::new()
                };
                element("item", &n, item.inlines(), hands, out);
            }
            out.push_str("</list>\n");
        }
        Block::Table(t) => {
            out.push_str("<table>\n");
            for (r, row) in t.rows.iter().enumerate() {
                let role = if r < t.header_rows {
                    " role=\"label\""
                } else {
                    ""
                };
                out.push_str(&format!("<row{role}>"));
                for cell in row {
                    element("cell", "", cell.inlines(), hands, out);
                }
                out.push_str("</row>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Address(a) => {
            let rend = if a.side == Side::Left {
                " rend=\"left\""
            } else {
                ""
            };
            out.push_str(&format!("<ab type=\"address\"><address{rend}>\n"));
            for line in &a.lines {
                element("addrLine", "", line.inlines(), hands, out);
            }
            out.push_str("</address></ab>\n");
        }
        Block::Closer(c) => {
            out.push_str("<closer>\n");
            for line in &c.lines {
                element("salute", "", line.inlines(), hands, out);
            }
            for s in &c.signatures {
                let mut rend = vec![];
                if s.side == Side::Left {
                    rend.push("left");
                }
                if s.autograph {
                    rend.push("autograph");
                }
                let attrs = if rend.is_empty() {
                    String::new()
                } else {
                    format!(" rend=\"{}\"", rend.join(" "))
                };
                out.push_str(&format!("<signed{attrs}>"));
                if let Some(role) = &s.role {
                    out.push_str("<roleName>");
                    inlines(role.inlines(), hands, out);
                    out.push_str("</roleName> ");
                }
                inlines(s.name.inlines(), hands, out);
                out.push_str("</signed>\n");
            }
            out.push_str("</closer>\n");
        }
        Block::Postscript(p) => {
            let hand = p
                .hand
                .as_ref()
                .map(|h| format!(" hand=\"{}\"", hands.pointer(h, None)))
                .unwrap_or_default();
            out.push_str(&format!("<postscript{hand}>\n"));
            for para in p.text.paragraphs() {
                element("p", "", para.inlines(), hands, out);
            }
            out.push_str("</postscript>\n");
        }
        Block::Folio(f) => out.push_str(&format!("<pb n=\"{}\"/>\n", escape(&f.label))),
        Block::Mark(m) => mark(m, hands, out),
    }
}

/// A mark as `note type="mark"`, its kind as `subtype`, its position as `place`.
fn mark(m: &Mark, hands: &Hands, out: &mut String) {
    let kind = m.kind.name();
    // TEI's own words for the margins (`margin-left`); the rest as the format has them.
    let place = match m.position {
        Position::LeftMargin => "margin-left",
        Position::RightMargin => "margin-right",
        p => p.name(),
    };
    let mut attrs = format!(" type=\"mark\" subtype=\"{kind}\" place=\"{place}\"");
    if m.hand.is_some() || m.medium.is_some() {
        let name = m.hand.clone().unwrap_or_default();
        attrs.push_str(&format!(
            " hand=\"{}\"",
            hands.pointer(&name, m.medium.as_deref())
        ));
    }
    out.push_str(&format!("<note{attrs}>\n"));
    element("ab", "", m.text.inlines(), hands, out);
    if let Some(s) = &m.signature {
        element("ab", " type=\"signature\"", s.inlines(), hands, out);
    }
    if let Some(d) = &m.date {
        out.push_str(&format!(
            "<ab type=\"date\"><date>{}</date></ab>\n",
            escape(d)
        ));
    }
    out.push_str("</note>\n");
}

fn element(name: &str, attrs: &str, content: &[Inline], hands: &Hands, out: &mut String) {
    out.push_str(&format!("<{name}{attrs}>"));
    inlines(content, hands, out);
    out.push_str(&format!("</{name}>\n"));
}

/// Content in a hand of its own, as a `seg`, where the element holding it has no `hand`.
fn with_hand(hand: Option<&str>, content: &[Inline], hands: &Hands, out: &mut String) {
    match hand {
        Some(h) => {
            out.push_str(&format!("<seg hand=\"{}\">", hands.pointer(h, None)));
            inlines(content, hands, out);
            out.push_str("</seg>");
        }
        None => inlines(content, hands, out),
    }
}

/// Inline content as TEI.
pub fn inlines(content: &[Inline], hands: &Hands, out: &mut String) {
    for inline in content {
        let wrap = |out: &mut String, open: &str, close: &str, c: &[Inline]| {
            out.push_str(open);
            inlines(c, hands, out);
            out.push_str(close);
        };
        match inline {
            Inline::Text(t) => out.push_str(&escape(t)),
            Inline::Underline { double, content } => {
                let rend = if *double {
                    "double-underline"
                } else {
                    "underline"
                };
                wrap(out, &format!("<hi rend=\"{rend}\">"), "</hi>", content)
            }
            Inline::Spaced(c) => wrap(out, "<hi rend=\"spaced\">", "</hi>", c),
            Inline::Superscript(c) => wrap(out, "<hi rend=\"superscript\">", "</hi>", c),
            Inline::Italic(c) => wrap(out, "<hi rend=\"italic\">", "</hi>", c),
            Inline::Bold(c) => wrap(out, "<hi rend=\"bold\">", "</hi>", c),
            Inline::Subscript(c) => wrap(out, "<hi rend=\"subscript\">", "</hi>", c),
            Inline::Deleted(c) => wrap(out, "<del>", "</del>", c),
            Inline::Inserted {
                place,
                hand,
                content,
            } => {
                let place = match place {
                    InsertPlace::Above => "above",
                    InsertPlace::Below => "below",
                    InsertPlace::Margin => "margin",
                    InsertPlace::Inline => "inline",
                };
                let hand = hand
                    .as_ref()
                    .map(|h| format!(" hand=\"{}\"", hands.pointer(h, None)))
                    .unwrap_or_default();
                wrap(
                    out,
                    &format!("<add place=\"{place}\"{hand}>"),
                    "</add>",
                    content,
                )
            }
            Inline::Unclear(c) => wrap(out, "<unclear>", "</unclear>", c),
            Inline::Supplied(c) => wrap(out, "<supplied>", "</supplied>", c),
            Inline::Sic(c) => wrap(out, "<sic>", "</sic>", c),
            Inline::Gap(None) => out.push_str("<gap/>"),
            Inline::Gap(Some(d)) => out.push_str(&format!("<gap><desc>{}</desc></gap>", escape(d))),
            Inline::NoteRef(id) => out.push_str(&format!("<ptr target=\"#{}\"/>", note_xml_id(id))),
            Inline::LineBreak => out.push_str("<lb/>"),
            Inline::Hand { hand, content } => wrap(
                out,
                &format!("<seg hand=\"{}\">", hands.pointer(hand, None)),
                "</seg>",
                content,
            ),
            Inline::Choice {
                original,
                regularized,
            } => match original.as_slice() {
                [Inline::Sic(sic)] => {
                    out.push_str("<choice>");
                    wrap(out, "<sic>", "</sic>", sic);
                    wrap(out, "<corr>", "</corr>", regularized);
                    out.push_str("</choice>");
                }
                _ => {
                    out.push_str("<choice>");
                    wrap(out, "<orig>", "</orig>", original);
                    wrap(out, "<reg>", "</reg>", regularized);
                    out.push_str("</choice>");
                }
            },
            Inline::Name { kind, key, content } => {
                let key = key
                    .as_ref()
                    .map(|k| format!(" key=\"{}\"", escape(k)))
                    .unwrap_or_default();
                let (open, close) = match kind {
                    NameKind::Person => (format!("<persName{key}>"), "</persName>"),
                    NameKind::Place => (format!("<placeName{key}>"), "</placeName>"),
                    NameKind::Org => (format!("<orgName{key}>"), "</orgName>"),
                    NameKind::Work => (format!("<rs type=\"work\"{key}>"), "</rs>"),
                    NameKind::Other => (format!("<name{key}>"), "</name>"),
                };
                wrap(out, &open, close, content)
            }
            // A mention of the register is a name of type "register" with the register's
            // key: other TEI readers see a name; folio reads the mention back.
            Inline::Mention { kind, key, content } => {
                let key = escape(key);
                let (open, close) = match kind {
                    MentionKind::Person => (
                        format!("<persName type=\"register\" key=\"{key}\">"),
                        "</persName>",
                    ),
                    MentionKind::Place => (
                        format!("<placeName type=\"register\" key=\"{key}\">"),
                        "</placeName>",
                    ),
                };
                wrap(out, &open, close, content)
            }
            Inline::Foreign { lang, content } => wrap(
                out,
                &format!("<foreign xml:lang=\"{}\">", escape(lang)),
                "</foreign>",
                content,
            ),
        }
    }
}
