//! Settings of the DOCX edition (`[docx]` in a style file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A paper size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm (the default: what an editor prints a manuscript on).
    #[default]
    A4,
    /// ISO A5, 148 × 210 mm (a book page).
    A5,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn mm(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0, 297.0),
            PageSize::A5 => (148.0, 210.0),
            PageSize::Letter => (215.9, 279.4),
        }
    }
}

/// Which fonts are embedded in the DOCX file. A style file writes a name, or `true`
/// (subset) and `false` (none) as `[epub] embed-fonts` does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FontEmbedding {
    /// The faces the text uses, each cut to the characters of the document and a base set
    /// (Latin, Cyrillic, punctuation) with a matching `cmap` and layout tables: a letter an
    /// editor types that the subset lacks is drawn in a fallback font.
    #[default]
    Subset,
    /// The four faces whole (about 1.3 MB for PT Serif).
    Full,
    /// No font embedded: the reader's machine must have the family.
    None,
}

impl<'de> Deserialize<'de> for FontEmbedding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FontEmbedding;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`subset`, `full`, `none`, `true` or `false`")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<FontEmbedding, E> {
                Ok(if v {
                    FontEmbedding::Subset
                } else {
                    FontEmbedding::None
                })
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FontEmbedding, E> {
                match v {
                    "subset" => Ok(FontEmbedding::Subset),
                    "full" => Ok(FontEmbedding::Full),
                    "none" => Ok(FontEmbedding::None),
                    _ => Err(E::unknown_variant(v, &["subset", "full", "none"])),
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Settings of the DOCX edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocxStyle {
    /// Paper size: a4 (default), a5 or letter.
    pub page_size: PageSize,
    /// Top margin in millimetres.
    pub margin_top: f32,
    /// Bottom margin in millimetres.
    pub margin_bottom: f32,
    /// Left margin in millimetres.
    pub margin_left: f32,
    /// Right margin in millimetres.
    pub margin_right: f32,
    /// Body text size in points.
    pub font_size: f32,
    /// Size of marks (resolutions, stamps…), of the legend and of the notes, in points.
    pub small_font_size: f32,
    /// Line spacing as a multiple of single spacing (1.15 by default).
    pub line_spacing: f32,
    /// First-line indent of running text, in millimetres (12.5 by default, the Russian
    /// typescript convention).
    pub first_line_indent: f32,
    /// Which fonts are embedded: subset (default, or `true`), full, or none (`false`).
    pub embed_fonts: FontEmbedding,
}

impl Default for DocxStyle {
    fn default() -> Self {
        DocxStyle {
            page_size: PageSize::A4,
            margin_top: 20.0,
            margin_bottom: 20.0,
            margin_left: 25.0,
            margin_right: 20.0,
            font_size: 12.0,
            small_font_size: 10.0,
            line_spacing: 1.15,
            first_line_indent: 12.5,
            embed_fonts: FontEmbedding::Subset,
        }
    }
}
