//! Settings of the EPUB edition (`[epub]` in a style file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the EPUB edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubStyle {
    /// Embed the text font, cut to the glyphs the book uses (default true), so Cyrillic,
    /// pre-1918 letters and the stress mark look right on readers without the font.
    pub embed_fonts: bool,
    /// Begin the book with a generated title page (default true).
    pub title_page: bool,
    /// Let reading systems hyphenate running text (default true).
    pub hyphenate: bool,
    /// Line height of the text, in ems (default 1.45; kept between 1 and 3).
    pub line_height: f32,
}

impl Default for EpubStyle {
    fn default() -> Self {
        EpubStyle {
            embed_fonts: true,
            title_page: true,
            hyphenate: true,
            line_height: 1.45,
        }
    }
}
