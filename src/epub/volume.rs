//! The EPUB edition of a whole volume: its title page, preface and abbreviations, one
//! chapter per document, the commentary and the indexes, and the sources it names.

use super::chapter::{self, apparatus_language, Chapter, COMMENTARY_HREF};
use super::html::{esc, Faces, Html};
use super::index;
use super::package::package;
use super::{page, page_list_items, Item, Metadata};
use crate::diag::Error;
use crate::model::Document;
use crate::output::Output;
use crate::shared::{self, Labels};
use crate::style::Style;

/// Opens a front-matter section (preface, abbreviations) with its bold heading; the caller
/// writes the body and closes the section.
fn front_section<'f>(faces: &'f mut Faces, id: &str, label: &str, epub_type: &str) -> Html<'f> {
    let mut h = Html::new(faces);
    h.raw(&format!(
        "<section class=\"{id}\"{epub_type} aria-labelledby=\"{id}\">\n<h1 id=\"{id}\">"
    ));
    let old = h.face(false, true);
    h.text(label);
    h.restore(old);
    h.raw("</h1>\n");
    h
}

/// Adds a front-matter chapter `<id>.xhtml` to the spine and the contents.
fn push_front(
    spine: &mut Vec<Item>,
    toc: &mut String,
    lang: &str,
    id: &str,
    label: &str,
    body: String,
) {
    let href = format!("{id}.xhtml");
    spine.push(Item::xhtml(&href, page(lang, label, "frontmatter", &body)));
    toc.push_str(&format!("<li><a href=\"{href}\">{}</a></li>\n", esc(label)));
}

/// Writes the EPUB edition of a whole volume: a title page, the preface and the list of
/// abbreviations as chapters of their own, then one XHTML file per document, the
/// commentary (the notes the style places at the volume's end) and the indexes; the
/// navigation lists every one.
pub fn write_volume(volume: &crate::volume::Volume, style: &Style) -> Result<Output, Error> {
    let style = &shared::volume_document_style(style);
    let m = &volume.manifest;
    let mut faces = Faces::default();
    let apparatus = apparatus_language(&m.language, style);
    let labels = Labels::of(apparatus, style);
    let (preface_label, abbreviations_label) = (labels.preface, labels.abbreviations);
    let mut spine: Vec<Item> = Vec::new();
    let mut toc = String::new();

    if style.epub.title_page {
        let mut h = Html::new(&mut faces);
        h.raw("<section class=\"titlepage\" epub:type=\"titlepage\">\n");
        if !m.editors.is_empty() {
            h.raw("<p class=\"authors\">");
            h.text(&m.editors.join(", "));
            h.raw("</p>\n");
        }
        h.raw("<h1>");
        let old = h.face(false, true);
        h.text(&m.title);
        h.restore(old);
        h.raw("</h1>\n");
        for line in [&m.subtitle, &m.publisher, &m.year].into_iter().flatten() {
            h.raw("<p>");
            h.text(line);
            h.raw("</p>\n");
        }
        h.raw("</section>\n");
        let body = h.out;
        spine.push(Item::xhtml(
            "title.xhtml",
            page(&m.language, &m.title, "frontmatter", &body),
        ));
    }
    if let Some(preface) = &m.preface {
        let (id, label) = ("preface", preface_label);
        let mut h = front_section(
            &mut faces,
            id,
            label,
            " epub:type=\"preface\" role=\"doc-preface\"",
        );
        for para in preface.paragraphs() {
            h.raw("<p class=\"text\">");
            front_inlines(&mut h, para.inlines(), labels);
            h.raw("</p>\n");
        }
        h.raw("</section>\n");
        push_front(&mut spine, &mut toc, &m.language, id, label, h.out);
    }
    if !m.abbreviations.is_empty() {
        let (id, label) = ("abbreviations", abbreviations_label);
        let mut h = front_section(&mut faces, id, label, "");
        h.raw("<dl class=\"abbreviations\">\n");
        for a in &m.abbreviations {
            h.raw("<dt>");
            h.text(&a.short);
            h.raw("</dt><dd>");
            front_inlines(&mut h, a.full.inlines(), labels);
            h.raw("</dd>\n");
        }
        h.raw("</dl>\n</section>\n");
        push_front(&mut spine, &mut toc, &m.language, id, label, h.out);
    }
    let mut first_document = None;
    let mut doc_hrefs = Vec::new();
    let mut pages = String::new();
    // The commentary's sections, one per document with notes for the volume's end, with
    // the nav's entries for them; and where each document's mention anchors stand.
    let mut commentary = String::new();
    let mut commentary_toc = String::new();
    let mut anchors: Vec<chapter::Anchors> = Vec::new();
    for (k, doc) in volume.documents.iter().enumerate() {
        let href = format!("doc-{:03}.xhtml", k + 1);
        doc_hrefs.push(href.clone());
        let title = crate::markup::plain_text(doc.title.inlines());
        let mut h = Html::new(&mut faces);
        let chapter = Chapter::new(doc, style);
        let chapter = chapter.in_volume(&href);
        let mut chapter = if volume.register.is_empty() {
            chapter
        } else {
            chapter.with_mention_anchors()
        };
        chapter.body(&mut h);
        pages.push_str(&page_list_items(&href, chapter.folios()));
        let body = h.out;
        let mut c = Html::new(&mut faces);
        chapter.commentary(&mut c);
        if !c.out.is_empty() {
            let label = match shared::number_line(doc) {
                Some(n) => format!("{n}. {title}"),
                None => title.clone(),
            };
            let stem = href.strip_suffix(".xhtml").unwrap_or(&href);
            commentary_toc.push_str(&format!(
                "<li><a href=\"{COMMENTARY_HREF}#{stem}-commentary\">{}</a></li>\n",
                esc(&label)
            ));
            commentary.push_str(&c.out);
        }
        anchors.push(chapter.into_anchors());
        spine.push(Item::xhtml(
            &href,
            page(&doc.language, &title, "bodymatter", &body),
        ));
        let label = match shared::number_line(doc) {
            Some(n) => format!("{n}. {title}"),
            None => title,
        };
        toc.push_str(&format!(
            "<li><a href=\"{href}\" lang=\"{a}\" xml:lang=\"{a}\">{}</a></li>\n",
            esc(&label),
            a = apparatus_language(&doc.language, style)
        ));
        first_document.get_or_insert(href);
    }
    let Some(first_document) = first_document else {
        return Err(Error::Usage("the volume has no documents".into()));
    };
    let mentions: Vec<shared::index::Mentions> = volume
        .documents
        .iter()
        .map(shared::index::Mentions::new)
        .collect();
    if !commentary.is_empty() {
        // One chapter at the end of the book, before the indexes, as a printed volume has
        // it: each document's notes under its number and title.
        let label = labels.commentary;
        let mut h = front_section(
            &mut faces,
            "commentary",
            label,
            " epub:type=\"endnotes\" role=\"doc-endnotes\"",
        );
        h.raw(&commentary);
        h.raw("</section>\n");
        spine.push(Item::xhtml(
            COMMENTARY_HREF,
            page(&m.language, label, "backmatter", &h.out),
        ));
        toc.push_str(&format!(
            "<li><a href=\"{COMMENTARY_HREF}\">{}</a>\n<ol>\n{commentary_toc}</ol>\n</li>\n",
            esc(label)
        ));
    }
    let docs: Vec<&Document> = volume.documents.iter().collect();
    let anchor_file = |document: usize, mention: usize| {
        anchors[document]
            .file(mention, &doc_hrefs[document])
            .map(str::to_string)
    };
    for ix in shared::index::indexes(&volume.register, &mentions, style) {
        let label = shared::index::title(ix.kind, labels);
        let id = index::section_id(ix.kind);
        let mut h = front_section(
            &mut faces,
            id,
            label,
            " epub:type=\"index\" role=\"doc-index\"",
        );
        index::chapter(
            &mut h,
            &ix,
            &docs,
            &mentions,
            &doc_hrefs,
            &anchor_file,
            labels,
        );
        h.raw("</section>\n");
        let file = index::href(ix.kind);
        spine.push(Item::xhtml(
            &file,
            page(&m.language, label, "backmatter", &h.out),
        ));
        toc.push_str(&format!("<li><a href=\"{file}\">{}</a></li>\n", esc(label)));
    }
    let ids: Vec<&str> = volume.documents.iter().map(|d| d.id.as_str()).collect();
    let id_source = format!("volume:{}:{}", m.title, ids.join(","));
    let meta = Metadata {
        id_source: &id_source,
        title: m.title.clone(),
        language: m.language.clone(),
        creators: m.editors.clone(),
        creator_role: "edt",
        description: match &m.subtitle {
            Some(sub) => format!("{}. {sub}", m.title),
            None => m.title.clone(),
        },
        // The originals the documents are published from: the source of the page list's
        // folios, which readers (and DAISY Ace) expect to be named.
        source: volume_sources(volume, style),
    };
    package(
        &meta,
        labels,
        style,
        spine,
        &toc,
        &pages,
        style.epub.title_page.then_some("title.xhtml"),
        &first_document,
        &mut faces,
    )
}

/// The archival sources of a volume's documents, "№ 1: РГАСПИ. Ф. 17…; № 2: …", or `None`
/// when no document names one.
fn volume_sources(volume: &crate::volume::Volume, style: &Style) -> Option<String> {
    let sources: Vec<String> = volume
        .documents
        .iter()
        .filter_map(|d| {
            let labels = Labels::of(&d.language, style);
            let legend = crate::markup::plain_text(&shared::legend(d, labels)?);
            Some(match shared::number_line(d) {
                Some(n) => format!("{n}: {legend}"),
                None => legend,
            })
        })
        .collect();
    (!sources.is_empty()).then(|| sources.join("; ").replace('\u{a0}', " "))
}

/// Inline markup of the front matter (preface, abbreviations): no notes, no spans of the
/// original to annotate, so the marks show simply.
fn front_inlines(h: &mut Html, inlines: &[crate::markup::Inline], labels: &Labels) {
    use crate::markup::Inline;
    for inline in inlines {
        match inline {
            Inline::Text(s) => h.text(s),
            Inline::LineBreak => h.raw("<br/>"),
            Inline::Gap(d) => h.text(&shared::gap_text(d.as_deref(), labels)),
            Inline::Underline { content, .. } => {
                h.raw("<em>");
                let old = h.face(true, false);
                front_inlines(h, content, labels);
                h.restore(old);
                h.raw("</em>");
            }
            Inline::Italic(c) => {
                h.raw("<i>");
                let old = h.face(true, false);
                front_inlines(h, c, labels);
                h.restore(old);
                h.raw("</i>");
            }
            Inline::Bold(c) => {
                h.raw("<b>");
                let old = h.face(false, true);
                front_inlines(h, c, labels);
                h.restore(old);
                h.raw("</b>");
            }
            Inline::Superscript(c) => {
                h.raw("<sup>");
                front_inlines(h, c, labels);
                h.raw("</sup>");
            }
            Inline::Subscript(c) => {
                h.raw("<sub>");
                front_inlines(h, c, labels);
                h.raw("</sub>");
            }
            Inline::NoteRef(_) => {}
            Inline::Spaced(c)
            | Inline::Deleted(c)
            | Inline::Inserted { content: c, .. }
            | Inline::Unclear(c)
            | Inline::Supplied(c)
            | Inline::Sic(c)
            | Inline::Hand { content: c, .. }
            | Inline::Mention { content: c, .. }
            | Inline::Choice { original: c, .. }
            | Inline::Name { content: c, .. }
            | Inline::Foreign { content: c, .. } => front_inlines(h, c, labels),
        }
    }
}
