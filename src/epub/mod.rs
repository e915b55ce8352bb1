//! The EPUB edition: an EPUB 3 book that passes epubcheck, carries its fonts (subsets of
//! PT Serif) and keeps the layout of the original on a reflowable screen.
//!
//! The package (OCF container, OPF, navigation document) is written here directly with the
//! `zip` crate rather than through epub-builder: epub-builder gives `dc:language` and
//! `dc:creator` the same id (two epubcheck errors), stamps a random UUID and the current
//! time unless told otherwise, and renders through templates; writing the few small XML
//! files ourselves keeps every byte under our control and the output reproducible.
//! docs/epub.md describes the edition.

mod chapter;
mod css;
pub mod font;
mod html;
mod index;

use crate::diag::{Error, Warning};
use crate::fonts::Family;
use crate::model::Document;
use crate::output::Output;
use crate::shared::clock::Civil;
use crate::shared::{self, Labels};
use crate::style::Style;
use chapter::{apparatus_language, Chapter, COMMENTARY_HREF};
use html::{attr, esc, Face, Faces, Html};
use sha2::{Digest, Sha256};
use std::io::Write;

/// Characters the stylesheet itself shows (generated note numbers, list dashes, the marks
/// around insertions): always part of the upright subset.
const GENERATED: &str = "0123456789.\\/\u{2013}\u{a0}[]?";

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

/// The page-list entries of one chapter's folio breaks: links to them, labelled as the
/// original's folios ("л. 1 об."). In a volume every document's folios are listed in turn.
fn page_list_items(href: &str, folios: &[(String, String)]) -> String {
    folios
        .iter()
        .map(|(id, label)| format!("<li><a href=\"{href}#{id}\">{}</a></li>\n", esc(label)))
        .collect()
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

/// A complete XHTML content document around `body`.
fn page(lang: &str, title: &str, body_type: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n\
         <head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n\
         <link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n\
         <body epub:type=\"{body_type}\">\n{body}</body>\n</html>\n",
        l = attr(lang),
        t = esc(title)
    )
}

/// One file of the book.
struct Item {
    /// Path inside EPUB/.
    href: String,
    media_type: &'static str,
    bytes: Vec<u8>,
}

impl Item {
    fn xhtml(href: &str, text: String) -> Item {
        Item {
            href: href.to_string(),
            media_type: "application/xhtml+xml",
            bytes: text.into_bytes(),
        }
    }
}

/// What the package document says about the book.
struct Metadata<'a> {
    /// The document or volume id, from which the identifier is derived.
    id_source: &'a str,
    title: String,
    language: String,
    creators: Vec<String>,
    /// MARC relator of the creators: "aut" for a document's authors, "edt" for a volume's
    /// editors.
    creator_role: &'static str,
    description: String,
    /// The archival source (the legend), for `dc:source`.
    source: Option<String>,
}

/// A stable identifier: a UUID (version 8, RFC 9562) made from a SHA-256 of the id, so
/// the same document always gets the same identifier and different documents differ.
pub fn identifier(id: &str) -> String {
    let hash = Sha256::digest(format!("folio:{id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The modification instant: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed
/// 1980-01-01, the earliest time a zip file can hold — never the clock.
fn modified(warnings: &mut Vec<Warning>) -> Civil {
    const FALLBACK: i64 = 315_532_800; // 1980-01-01T00:00:00Z
    let secs = match crate::shared::clock::source_date_epoch() {
        Ok(Some(s)) => s,
        Ok(None) => FALLBACK,
        Err(v) => {
            warnings.push(Warning {
                message: format!(
                    "SOURCE_DATE_EPOCH `{v}` is not a number of seconds; the EPUB's modified date is 1980-01-01"
                ),
            });
            FALLBACK
        }
    };
    Civil::from_unix(secs)
}

/// Assembles the book: subsets the fonts, writes the stylesheet, package document and
/// navigation, and zips everything in a fixed order with fixed times.
#[allow(clippy::too_many_arguments)]
fn package(
    meta: &Metadata,
    labels: &Labels,
    style: &Style,
    mut spine: Vec<Item>,
    toc: &str,
    page_list: &str,
    title_href: Option<&str>,
    body_href: &str,
    faces: &mut Faces,
) -> Result<Output, Error> {
    let mut warnings = Vec::new();
    let when = modified(&mut warnings);
    let apparatus = apparatus_language(&meta.language, style);

    // The navigation document is written before the fonts are cut: its text needs glyphs.
    let nav_title = labels.contents;
    let mut h = Html::new(faces);
    h.raw("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n<h1>");
    let old = h.face(false, true);
    h.text(nav_title);
    h.restore(old);
    h.raw("</h1>\n<ol>\n");
    h.text("");
    h.raw(toc);
    h.raw("</ol>\n</nav>\n");
    h.raw("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<ol>\n");
    if let Some(t) = title_href {
        h.raw(&format!(
            "<li><a epub:type=\"titlepage\" href=\"{t}\">{}</a></li>\n",
            esc(&meta.title)
        ));
    }
    h.raw(&format!(
        "<li><a epub:type=\"bodymatter\" href=\"{body_href}\">{}</a></li>\n</ol>\n</nav>\n",
        esc(&meta.title)
    ));
    if !page_list.is_empty() {
        h.raw("<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\">\n<ol>\n");
        h.raw(page_list);
        h.raw("</ol>\n</nav>\n");
    }
    let nav_body = h.out;
    // The toc's and the page list's link texts are the book's words too.
    faces.sets[Face::Regular as usize].extend(toc.chars());
    faces.sets[Face::Regular as usize].extend(page_list.chars());
    let nav = page(apparatus, nav_title, "frontmatter", &nav_body);

    // Fonts: each face the text uses, cut to its characters.
    let mut files: Vec<Item> = Vec::new();
    let mut declared = Vec::new();
    let family = Family::from_style(&style.fonts)?;
    if style.epub.embed_fonts {
        let custom = style.fonts.regular.is_some();
        for face in Face::ALL {
            let set = &mut faces.sets[face as usize];
            if set.is_empty() {
                continue;
            }
            set.extend(GENERATED.chars());
            // A custom family without a file for this face: let the reading system slant
            // or embolden the upright face rather than declare the upright as italic.
            let given = match face {
                Face::Regular => true,
                Face::Italic => !custom || style.fonts.italic.is_some(),
                Face::Bold => !custom || style.fonts.bold.is_some(),
                Face::BoldItalic => !custom || style.fonts.bold_italic.is_some(),
            };
            if !given {
                continue;
            }
            let (data, name) = match face {
                Face::Regular => (&family.regular, "Regular"),
                Face::Italic => (&family.italic, "Italic"),
                Face::Bold => (&family.bold, "Bold"),
                Face::BoldItalic => (&family.bold_italic, "BoldItalic"),
            };
            let (bytes, cff) = match font::subset_memoized(data, set) {
                Ok((s, missing)) => {
                    if !missing.is_empty() && face == Face::Regular {
                        let list: String = missing
                            .iter()
                            .map(|c| format!("{c} (U+{:04X}) ", *c as u32))
                            .collect();
                        warnings.push(Warning {
                            message: format!(
                                "EPUB: the font {} lacks {}; reading systems show these in their own font",
                                family.name,
                                list.trim_end()
                            ),
                        });
                    }
                    (s.bytes, s.cff)
                }
                Err(e) => {
                    warnings.push(Warning {
                        message: format!(
                            "EPUB: the {name} face of {} could not be subset ({e}); it is embedded whole",
                            family.name
                        ),
                    });
                    (data.to_vec(), data.get(0..4) == Some(b"OTTO"))
                }
            };
            let (ext, media_type) = if cff {
                ("otf", "font/otf")
            } else {
                // The media types EPUB 3.3 lists for fonts (epubcheck 5 advises these over
                // the older application/font-sfnt).
                ("ttf", "font/ttf")
            };
            let href = format!("fonts/{name}.{ext}");
            declared.push(css::FontFace {
                href: href.clone(),
                italic: matches!(face, Face::Italic | Face::BoldItalic),
                bold: matches!(face, Face::Bold | Face::BoldItalic),
            });
            files.push(Item {
                href,
                media_type,
                bytes,
            });
        }
    }
    let stylesheet = css::stylesheet(style, &family.name, &declared);

    let mut all: Vec<Item> = vec![
        Item::xhtml("nav.xhtml", nav),
        Item {
            href: "style.css".into(),
            media_type: "text/css",
            bytes: stylesheet.into_bytes(),
        },
    ];
    let spine_ids: Vec<String> = spine.iter().map(|i| item_id(&i.href)).collect();
    all.append(&mut spine);
    all.append(&mut files);

    let opf = opf(
        meta,
        apparatus,
        when,
        &all,
        &spine_ids,
        !page_list.is_empty(),
    );
    let bytes = zip(&opf, &all, when).map_err(|e| Error::Output(format!("EPUB: {e}")))?;
    Ok(Output { bytes, warnings })
}

/// A manifest id for a file: its path with every character an XML name cannot hold
/// replaced.
fn item_id(href: &str) -> String {
    let s: String = href
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{s}")
}

/// The package document.
/// The package document. `paged`: the book has a page list of the original's folios, whose
/// source is the archival original named in `dc:source`.
fn opf(
    meta: &Metadata,
    apparatus: &str,
    when: Civil,
    items: &[Item],
    spine: &[String],
    paged: bool,
) -> String {
    let (y, mo, d, h, mi, s) = (
        when.year,
        i64::from(when.month),
        i64::from(when.day),
        i64::from(when.hour),
        i64::from(when.minute),
        i64::from(when.second),
    );
    let mut o = String::with_capacity(4096);
    o.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"{}\">\n\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <dc:identifier id=\"pub-id\">{}</dc:identifier>\n\
         <dc:title id=\"title\">{}</dc:title>\n\
         <dc:language>{}</dc:language>\n",
        attr(apparatus),
        identifier(meta.id_source),
        esc(&meta.title),
        esc(&meta.language)
    ));
    for (k, c) in meta.creators.iter().enumerate() {
        o.push_str(&format!(
            "<dc:creator id=\"creator-{n}\">{}</dc:creator>\n\
             <meta refines=\"#creator-{n}\" property=\"role\" scheme=\"marc:relators\">{}</meta>\n",
            esc(c),
            meta.creator_role,
            n = k + 1
        ));
    }
    o.push_str(&format!(
        "<dc:description>{}</dc:description>\n",
        esc(&meta.description)
    ));
    if let Some(src) = &meta.source {
        o.push_str(&format!(
            "<dc:source id=\"source\">{}</dc:source>\n",
            esc(src)
        ));
        if paged {
            o.push_str("<meta refines=\"#source\" property=\"source-of\">pagination</meta>\n");
        }
    }
    o.push_str(&format!(
        "<meta property=\"dcterms:modified\">{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z</meta>\n\
         <meta property=\"schema:accessMode\">textual</meta>\n\
         <meta property=\"schema:accessModeSufficient\">textual</meta>\n\
         <meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>\n\
         <meta property=\"schema:accessibilityFeature\">tableOfContents</meta>\n\
         <meta property=\"schema:accessibilityFeature\">readingOrder</meta>\n\
         <meta property=\"schema:accessibilityFeature\">displayTransformability</meta>\n"
    ));
    if paged {
        o.push_str(
            "<meta property=\"schema:accessibilityFeature\">pageBreakMarkers</meta>\n\
             <meta property=\"schema:accessibilityFeature\">pageNavigation</meta>\n",
        );
    }
    o.push_str(&format!(
        "<meta property=\"schema:accessibilityHazard\">none</meta>\n\
         <meta property=\"schema:accessibilitySummary\">{}</meta>\n\
         <meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>\n\
         </metadata>\n<manifest>\n",
        if paged {
            "Reflowable text with semantic markup and ARIA roles; notes are linked both ways; the folios of the original are page breaks with a page list."
        } else {
            "Reflowable text with semantic markup and ARIA roles; notes are linked both ways."
        }
    ));
    for item in items {
        let props = if item.href == "nav.xhtml" {
            " properties=\"nav\""
        } else {
            ""
        };
        o.push_str(&format!(
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"{props}/>\n",
            item_id(&item.href),
            attr(&item.href),
            item.media_type
        ));
    }
    o.push_str("</manifest>\n<spine>\n");
    for id in spine {
        o.push_str(&format!("<itemref idref=\"{id}\"/>\n"));
    }
    o.push_str("</spine>\n</package>\n");
    o
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n\
</rootfiles>\n</container>\n";

/// The OCF container: `mimetype` first and stored, then the rest deflated, in a fixed
/// order, every entry with the same time and Unix attributes (byte-identical output).
fn zip(opf: &str, items: &[Item], when: Civil) -> Result<Vec<u8>, zip::result::ZipError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let (y, mo, d, h, mi, s) = (
        when.year,
        i64::from(when.month),
        i64::from(when.day),
        i64::from(when.hour),
        i64::from(when.minute),
        i64::from(when.second),
    );
    let time = zip::DateTime::from_date_and_time(
        y.clamp(1980, 2107) as u16,
        mo as u8,
        d as u8,
        h as u8,
        mi as u8,
        s as u8,
    )
    .unwrap_or_default();
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let stored = base.compression_method(CompressionMethod::Stored);
    let deflated = base
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(256 * 1024)));
    w.start_file("mimetype", stored)?;
    w.write_all(b"application/epub+zip")?;
    w.start_file("META-INF/container.xml", deflated)?;
    w.write_all(CONTAINER.as_bytes())?;
    w.start_file("EPUB/package.opf", deflated)?;
    w.write_all(opf.as_bytes())?;
    for item in items {
        w.start_file(format!("EPUB/{}", item.href), deflated)?;
        w.write_all(&item.bytes)?;
    }
    Ok(w.finish()?.into_inner())
}
