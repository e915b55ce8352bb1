//! The EPUB edition of one document: its chapter, the generated title page, the contents
//! and the description the package document carries.

use super::chapter::{self, apparatus_language, Chapter};
use super::html::{esc, Faces, Html};
use super::package::package;
use super::{page, page_list_items, Item, Metadata};
use crate::diag::Error;
use crate::model::Document;
use crate::output::Output;
use crate::shared::{self, Labels};
use crate::style::Style;

/// Writes the EPUB edition of a document.
pub fn write(doc: &Document, style: &Style) -> Result<Output, Error> {
    let mut faces = Faces::default();
    let labels = Labels::of(&doc.language, style);
    let lang = doc.language.as_str();
    let title = crate::markup::plain_text(doc.title.inlines());

    let mut h = Html::new(&mut faces);
    let mut writer = Chapter::new(doc, style);
    writer.body(&mut h);
    let body = h.out;
    let chapter = page(lang, &title, "bodymatter", &body);
    let pages = page_list_items("document.xhtml", writer.folios());

    let mut spine: Vec<Item> = Vec::new();
    if style.epub.title_page {
        let mut h = Html::new(&mut faces);
        title_page(&mut h, doc, labels);
        let body = h.out;
        spine.push(Item::xhtml(
            "title.xhtml",
            page(
                apparatus_language(lang, style),
                &title,
                "frontmatter",
                &body,
            ),
        ));
    }
    spine.push(Item::xhtml("document.xhtml", chapter));

    let mut toc = String::new();
    let label = match shared::number_line(doc) {
        Some(n) => format!("{n}. {title}"),
        None => title.clone(),
    };
    toc.push_str(&format!(
        "<li><a href=\"document.xhtml\">{}</a>",
        esc(&label)
    ));
    let mut sub = Vec::new();
    if shared::legend(doc, labels).is_some() {
        sub.push(("document.xhtml#legend", labels.legend));
    }
    let notes = crate::shared::NoteNumbers::new(doc, style);
    use crate::style::notes::NotePlace;
    if !notes.at(&[NotePlace::Foot]).is_empty() {
        sub.push(("document.xhtml#notes", labels.notes));
    }
    let end = [NotePlace::DocumentEnd, NotePlace::VolumeEnd];
    if !notes.at(&end).is_empty() {
        sub.push(("document.xhtml#endnotes", notes.heading(&end, labels)));
    }
    if !sub.is_empty() {
        toc.push_str("<ol>");
        for (href, text) in sub {
            toc.push_str(&format!("<li><a href=\"{href}\">{}</a></li>", esc(text)));
        }
        toc.push_str("</ol>");
    }
    toc.push_str("</li>\n");

    let meta = Metadata {
        id_source: &doc.id,
        title: title.clone(),
        language: doc.language.clone(),
        creators: doc.authors.iter().map(|a| a.name.clone()).collect(),
        creator_role: "aut",
        description: description(doc, labels, &title),
        source: shared::legend(doc, labels)
            .map(|l| crate::markup::plain_text(&l).replace('\u{a0}', " ")),
    };
    package(
        &meta,
        labels,
        style,
        spine,
        &toc,
        &pages,
        style.epub.title_page.then_some("title.xhtml"),
        "document.xhtml",
        &mut faces,
    )
}

/// The description: the editorial title with the document's number, date and place.
fn description(doc: &Document, labels: &Labels, title: &str) -> String {
    let mut d = String::new();
    if let Some(n) = shared::number_line(doc) {
        d.push_str(&n);
        d.push_str(". ");
    }
    d.push_str(title);
    if let Some(dp) = shared::date_place_line(doc, labels) {
        d.push_str(". ");
        d.push_str(&dp);
    }
    d.replace('\u{a0}', " ")
}

/// The generated title page: authors, the editorial title, number, date and place.
fn title_page(h: &mut Html, doc: &Document, labels: &Labels) {
    h.raw("<section class=\"titlepage\" epub:type=\"titlepage\">\n");
    if !doc.authors.is_empty() {
        h.raw("<p class=\"authors\">");
        let names: Vec<&str> = doc.authors.iter().map(|a| a.name.as_str()).collect();
        h.text(&chapter::tie_initials(&names.join(", ")));
        h.raw("</p>\n");
    }
    if let Some(n) = shared::number_line(doc) {
        h.raw("<p class=\"number\">");
        h.text(&n);
        h.raw("</p>\n");
    }
    h.raw("<h1>");
    let old = h.face(false, true);
    h.text(&chapter::tie_initials(&crate::markup::plain_text(
        doc.title.inlines(),
    )));
    h.restore(old);
    h.raw("</h1>\n");
    if let Some(d) = shared::date_place_line(doc, labels) {
        h.raw("<p class=\"date-place\">");
        h.text(&d);
        h.raw("</p>\n");
    }
    h.raw("</section>\n");
}
