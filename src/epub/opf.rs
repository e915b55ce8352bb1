//! The package document (OPF): the book's stable identifier, its metadata, manifest and
//! spine.

use super::html::{attr, esc};
use super::{Item, Metadata};
use crate::shared::clock::Civil;
use sha2::{Digest, Sha256};

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

/// A manifest id for a file: its path with every character an XML name cannot hold
/// replaced.
pub(super) fn item_id(href: &str) -> String {
    let s: String = href
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("f-{s}")
}

/// The package document.
/// The package document. `paged`: the book has a page list of the original's folios, whose
/// source is the archival original named in `dc:source`.
pub(super) fn opf(
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
