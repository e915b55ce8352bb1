//! The EPUB edition: an EPUB 3 book that passes epubcheck, carries its fonts (subsets of
//! PT Serif) and keeps the layout of the original on a reflowable screen.
//!
//! The package (OCF container, OPF, navigation document) is written here directly with the
//! `zip` crate rather than through epub-builder: epub-builder gives `dc:language` and
//! `dc:creator` the same id (two epubcheck errors), stamps a random UUID and the current
//! time unless told otherwise, and renders through templates; writing the few small XML
//! files ourselves keeps every byte under our control and the output reproducible.
//! docs/epub.md describes the edition.
//!
//! The edition is split by what its parts do: [`document`] writes one document's book and
//! [`volume`] a volume's; [`package`] assembles either (navigation, fonts, stylesheet, the
//! zip) and [`opf`] writes its package document. This file holds what they share: a file of
//! the book, its metadata, the XHTML page around a body and the page list's entries.

mod chapter;
mod css;
mod document;
pub mod font;
mod html;
mod index;
mod opf;
mod package;
mod volume;

pub use document::write;
pub use opf::identifier;
pub use volume::write_volume;

use html::{attr, esc};

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

/// The page-list entries of one chapter's folio breaks: links to them, labelled as the
/// original's folios ("л. 1 об."). In a volume every document's folios are listed in turn.
fn page_list_items(href: &str, folios: &[(String, String)]) -> String {
    folios
        .iter()
        .map(|(id, label)| format!("<li><a href=\"{href}#{id}\">{}</a></li>\n", esc(label)))
        .collect()
}
