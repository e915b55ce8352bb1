//! The archival source: where a document is kept and what the kept copy is.

use super::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The archival source: where the document is kept and what the kept copy is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Archive, usually abbreviated ("РГАСПИ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    /// Fond (record group) number ("17").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fond: Option<String>,
    /// Opis (inventory) number ("3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opis: Option<String>,
    /// Delo (file) number ("1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delo: Option<String>,
    /// Folios ("1–2 об.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folios: Option<String>,
    /// What the kept copy is: original, copy, draft…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticity: Option<Authenticity>,
    /// How the kept copy is written: typescript, manuscript, autograph…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<Medium>,
    /// Free remarks appended to the legend ("Подписи — автографы.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<Text>,
    /// A free-form legend that replaces the composed one entirely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legend: Option<Text>,
}

/// What the kept copy of the document is (Russian: подлинник, копия…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Authenticity {
    /// The original (подлинник).
    Original,
    /// A copy (копия).
    Copy,
    /// A certified copy (заверенная копия).
    CertifiedCopy,
    /// A draft (черновик).
    Draft,
    /// The sender's retained copy (отпуск).
    RetainedCopy,
    /// An excerpt (выписка).
    Excerpt,
}

/// How the kept copy is written (Russian: машинопись, рукопись…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Medium {
    /// Typed (машинопись).
    Typescript,
    /// Handwritten by a clerk or an unknown hand (рукопись).
    Manuscript,
    /// Handwritten by the author (автограф).
    Autograph,
    /// A telegram form or tape (телеграфный бланк).
    Telegram,
    /// Printed (типографский экземпляр).
    Print,
    /// Duplicated by hectograph or mimeograph (гектограф).
    Hectograph,
}
