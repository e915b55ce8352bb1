//! The `[index]` settings: which indexes an edition prints and how they sort.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where names in Latin letters go in an index of Russian names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LatinOrder {
    /// After all Cyrillic names, in their own alphabet (the usual Russian practice).
    #[default]
    After,
    /// Among the Cyrillic names, each Latin letter sorted as its Russian transliteration
    /// (c as ц, h as х, w as в).
    Interfiled,
}

/// The settings of the name and place indexes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexStyle {
    /// Print the name index (persons of the register) when anything is mentioned.
    pub persons: bool,
    /// Print the place index (places of the register) when anything is mentioned.
    pub places: bool,
    /// Print the indexes at the end of a document exported alone, too (a volume always
    /// has them at its end).
    pub document: bool,
    /// Where Latin names go.
    pub latin: LatinOrder,
}

impl Default for IndexStyle {
    fn default() -> Self {
        IndexStyle {
            persons: true,
            places: true,
            document: false,
            latin: LatinOrder::After,
        }
    }
}
