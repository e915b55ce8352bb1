//! The PDF edition (not written yet).

use crate::diag::Error;
use crate::model::Document;
use crate::style::Style;
use crate::writers::Output;

/// Writes the PDF edition of a document.
pub fn write(_doc: &Document, _style: &Style) -> Result<Output, Error> {
    Err(Error::Usage(
        "the PDF edition is not implemented yet; available: txt".into(),
    ))
}
