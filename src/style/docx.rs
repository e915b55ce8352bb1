//! Settings of the DOCX edition (`[docx]` in a style file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Settings of the DOCX edition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DocxStyle {}
