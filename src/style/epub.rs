//! Settings of the EPUB edition (`[epub]` in a style file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the EPUB edition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubStyle {}
