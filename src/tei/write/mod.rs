//! The TEI writer: any transcription as TEI P5, valid against tei_all (the tests check it
//! with jing). The header carries the metadata, the archival source and the hands; the
//! body the blocks, in `div`s cut where TEI's order of letter parts requires (opener parts,
//! then paragraphs, then closer parts); the back the editorial notes, referenced by `ptr`.
//! Both readings of every choice are kept. docs/tei.md has the mapping table.

mod body;
mod header;

use crate::diag::Error;
use crate::model::Document;
use crate::shared::xml::escape;
use crate::style::Style;
use crate::writers::Output;

/// Writes a document as a TEI P5 file.
pub fn write(doc: &Document, _style: &Style) -> Result<Output, Error> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    document(doc, &mut out, "");
    Ok(Output {
        bytes: out.into_bytes(),
        warnings: vec![],
    })
}

/// Writes a volume as a `teiCorpus`: a header for the volume, then each document's `TEI`.
pub fn write_volume(volume: &crate::volume::Volume, _style: &Style) -> Result<Output, Error> {
    let m = &volume.manifest;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"{}\">\n<teiHeader>\n<fileDesc>\n<titleStmt>\n<title>{}</title>\n",
        escape(&m.language),
        escape(&m.title)
    ));
    if let Some(sub) = &m.subtitle {
        out.push_str(&format!("<title type=\"sub\">{}</title>\n", escape(sub)));
    }
    for e in &m.editors {
        out.push_str(&format!("<editor>{}</editor>\n", escape(e)));
    }
    out.push_str("</titleStmt>\n<publicationStmt>\n");
    match &m.publisher {
        Some(p) => {
            out.push_str(&format!("<publisher>{}</publisher>\n", escape(p)));
            if let Some(y) = &m.year {
                out.push_str(&format!("<date>{}</date>\n", escape(y)));
            }
        }
        None => out.push_str("<p>A volume of transcriptions written by folio.</p>\n"),
    }
    out.push_str("</publicationStmt>\n<sourceDesc>\n<p>The documents of the volume, each with its own source.</p>\n</sourceDesc>\n</fileDesc>\n</teiHeader>\n");
    for doc in &volume.documents {
        document(doc, &mut out, "");
    }
    out.push_str("</teiCorpus>\n");
    Ok(Output {
        bytes: out.into_bytes(),
        warnings: vec![],
    })
}

/// One `TEI` element.
fn document(doc: &Document, out: &mut String, _indent: &str) {
    let hands = header::Hands::of(doc);
    out.push_str(&format!(
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:lang=\"{}\" n=\"{}\">\n",
        escape(&doc.language),
        escape(&doc.id)
    ));
    header::write(doc, &hands, out);
    body::write(doc, &hands, out);
    out.push_str("</TEI>\n");
}
