//! Settings of the PDF edition (`[pdf]` in a style file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the PDF edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfStyle {
    /// Body text size in points.
    pub font_size: f32,
}

impl PdfStyle {
    /// The `edition` preset: a book page.
    pub fn edition() -> PdfStyle {
        PdfStyle { font_size: 10.5 }
    }

    /// The `handout` preset: a classroom handout.
    pub fn handout() -> PdfStyle {
        PdfStyle { font_size: 12.5 }
    }
}

impl Default for PdfStyle {
    fn default() -> Self {
        PdfStyle::edition()
    }
}
