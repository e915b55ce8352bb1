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
}

impl Format {
    /// Every format, in the order `--to all` writes them.
    pub const ALL: [Format; 4] = [Format::Txt, Format::Pdf, Format::Docx, Format::Epub];

    /// The file extension, which is also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Epub => "epub",
        }
    }

    /// The format named by an extension or a `--to` word.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(name))
    }
}

/// Writes one edition of a document.
pub fn write(format: Format, doc: &Document, style: &Style) -> Result<Output, Error> {
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
    }
}

/// Writes one edition of a whole volume.
pub fn write_volume(
    format: Format,
    volume: &crate::volume::Volume,
    style: &Style,
) -> Result<Output, Error> {
    match format {
        Format::Txt => crate::text::write_volume(volume, style),
        Format::Pdf => crate::pdf::write_volume(volume, style),
        Format::Docx => crate::docx::write_volume(volume, style),
        Format::Epub => crate::epub::write_volume(volume, style),
    }
}
