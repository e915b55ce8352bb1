//! The indexes of the EPUB edition as chapters with EPUB Indexes markup
//! (`epub:type="index"`, `index-group`, `index-entry`, `index-term`, `index-locator`): each
//! entry with the numbers of the documents that mention it, each number a link to the
//! first mention in that document; variants as `index-xref-preferred` links to their entry.

use super::html::{attr, Html};
use crate::markup::MentionKind;
use crate::model::Document;
use crate::shared::index::{self, Index, IndexLine, Mentions};
use crate::shared::Labels;

/// The file an index is written to.
pub(super) fn href(kind: MentionKind) -> String {
    format!("{}.xhtml", section_id(kind))
}

fn entry_id(kind: MentionKind, key: &str) -> String {
    format!("{}-{key}", crate::register::kind_word(kind))
}

/// The id of an index's section.
pub(super) fn section_id(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Person => "index-names",
        MentionKind::Place => "index-places",
    }
}

/// The body of one index chapter after its heading (the caller opens the section and
/// closes it). `doc_hrefs` are the documents' files, parallel to `docs`; `anchor_file`
/// gives the file a mention's anchor stands in (the document's, or the commentary's for
/// a mention in a note set at the volume's end), `None` when it has none.
pub(super) fn chapter(
    h: &mut Html,
    ix: &Index,
    docs: &[&Document],
    mentions: &[Mentions],
    doc_hrefs: &[String],
    anchor_file: &dyn Fn(usize, usize) -> Option<String>,
    labels: &Labels,
) {
    h.raw("<p class=\"index-note\" epub:type=\"index-headnotes\">");
    h.text(labels.index_by_document);
    h.raw("</p>\n");
    for (letter, lines) in &ix.groups {
        h.raw("<section epub:type=\"index-group\">\n<h2>");
        let old = h.face(false, true);
        h.text(letter);
        h.restore(old);
        h.raw("</h2>\n<ul epub:type=\"index-entry-list\">\n");
        for line in lines {
            match line {
                IndexLine::Entry(e) => {
                    h.raw(&format!(
                        "<li epub:type=\"index-entry\" id=\"{}\"><span epub:type=\"index-term\">",
                        attr(&entry_id(ix.kind, &e.entry.key))
                    ));
                    h.text(&index::entry_text(e.entry));
                    h.raw("</span>");
                    // Each document once, linked to its first mention; in italics when every
                    // mention there is in the apparatus.
                    let mut seen: Vec<usize> = Vec::new();
                    for l in &e.loci {
                        if seen.contains(&l.document) {
                            continue;
                        }
                        seen.push(l.document);
                        let apparatus = e
                            .loci
                            .iter()
                            .filter(|m| m.document == l.document)
                            .all(|m| m.apparatus);
                        let file = &doc_hrefs[l.document];
                        let stem = file.strip_suffix(".xhtml").unwrap_or(file);
                        let target = match anchor_file(l.document, l.mention) {
                            _ if l.mention < mentions[l.document].metadata() => file.clone(),
                            Some(f) if f == *file => {
                                format!("{file}#{}", index::anchor_id(l.mention))
                            }
                            // In the commentary, under the document's prefix.
                            Some(f) => format!("{f}#{stem}-{}", index::anchor_id(l.mention)),
                            None => file.clone(),
                        };
                        h.text(", ");
                        h.raw(&format!(
                            "<a epub:type=\"index-locator\" href=\"{}\">",
                            attr(&target)
                        ));
                        let old = h.face(apparatus, false);
                        if apparatus {
                            h.raw("<i>");
                        }
                        h.text(&index::document_label(docs, l.document));
                        if apparatus {
                            h.raw("</i>");
                        }
                        h.restore(old);
                        h.raw("</a>");
                    }
                    h.raw("</li>\n");
                }
                IndexLine::See {
                    variant,
                    target,
                    key,
                } => {
                    h.raw("<li epub:type=\"index-entry\"><span epub:type=\"index-term\">");
                    h.text(variant);
                    h.raw("</span> — <i>");
                    let old = h.face(true, false);
                    h.text(labels.see);
                    h.restore(old);
                    h.raw(&format!(
                        "</i> <a epub:type=\"index-xref-preferred\" href=\"#{}\">",
                        attr(&entry_id(ix.kind, key))
                    ));
                    h.text(target);
                    h.raw("</a></li>\n");
                }
            }
        }
        h.raw("</ul>\n</section>\n");
    }
}
