//! The one table of editions: every output format by name, and the call that writes it.

use crate::diag::Error;
use crate::model::Document;
pub use crate::output::Output;
use crate::style::Style;

/// An edition folio writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Plain text.
    Txt,
    /// PDF, typeset.
    Pdf,
    /// Word document.
    Docx,
    /// EPUB 3 e-book.
    Epub,
    /// TEI P5 XML: the transcription itself, for other tools and archives.
    Tei,
}

impl Format {
    /// Every format, in the order `--to all` writes them.
    pub const ALL: [Format; 5] = [
        Format::Txt,
        Format::Pdf,
        Format::Docx,
        Format::Epub,
        Format::Tei,
    ];

    /// The file extension; for all but TEI (`.tei.xml`) also the format's name on the
    /// command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Epub => "epub",
            Format::Tei => "tei.xml",
        }
    }

    /// The format's name on the command line (`--to tei`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Tei => "tei",
            other => other.extension(),
        }
    }

    /// The format named by an extension or a `--to` word (`xml` and `tei.xml` are TEI).
    pub fn from_name(name: &str) -> Option<Format> {
        if name.eq_ignore_ascii_case("xml") || name.eq_ignore_ascii_case("tei.xml") {
            return Some(Format::Tei);
        }
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// Lets go of what no edition in `style` will use of the document as read: the file's
/// bytes, unless the PDF embeds its source (`Document::release_source`). Called once the
/// style is known, before the editions are written.
pub fn release_unused(doc: &mut Document, style: &Style) {
    if !style.pdf.embed_source {
        doc.release_source();
    }
}

/// Writes one edition of a document.
pub fn write(format: Format, doc: &Document, style: &Style) -> Result<Output, Error> {
    if format == Format::Tei {
        // TEI keeps both readings of every choice.
        return crate::tei::write(doc, style);
    }
    let doc = &*crate::shared::spelling::choose(doc, style.spelling);
    match format {
        Format::Txt => {
            let (text, warnings) = crate::text::write_with_warnings(doc, style);
            Ok(Output {
                bytes: text.into_bytes(),
                warnings,
            })
        }
        Format::Pdf => crate::pdf::write(doc, style),
        Format::Docx => crate::docx::write(doc, style),
        Format::Epub => crate::epub::write(doc, style),
        Format::Tei => unreachable!("TEI is written above"),
    }
}

/// Writes one edition of a whole volume.
pub fn write_volume(
    format: Format,
    volume: &crate::volume::Volume,
    style: &Style,
) -> Result<Output, Error> {
    if format != Format::Tei
        && volume.documents.iter().any(|d| {
            matches!(
                crate::shared::spelling::choose(d, style.spelling),
                std::borrow::Cow::Owned(_)
            )
        })
    {
        let mut chosen = volume.clone();
        for d in &mut chosen.documents {
            *d = crate::shared::spelling::choose(d, style.spelling).into_owned();
        }
        return write_volume(format, &chosen, style);
    }
    match format {
        Format::Txt => crate::text::write_volume(volume, style),
        Format::Pdf => crate::pdf::write_volume(volume, style),
        Format::Docx => crate::docx::write_volume(volume, style),
        Format::Epub => crate::epub::write_volume(volume, style),
        Format::Tei => crate::tei::write_volume(volume, style),
    }
}
