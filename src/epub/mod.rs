//! The EPUB edition (not written yet).

use crate::diag::Error;
use crate::model::Document;
use crate::style::Style;
use crate::writers::Output;

/// Writes the EPUB edition of a document.
pub fn write(_doc: &Document, _style: &Style) -> Result<Output, Error> {
    Err(Error::Usage(
        "the EPUB edition is not implemented yet; available: txt".into(),
    ))
}

/// Writes the EPUB edition of a whole volume.
pub fn write_volume(_volume: &crate::volume::Volume, _style: &Style) -> Result<Output, Error> {
    Err(Error::Usage(
        "the EPUB edition of a volume is not implemented yet".into(),
    ))
}
