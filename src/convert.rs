//! `folio convert`: a transcription read from any input format (TEI above all) written as
//! folio's own TOML or JSON, so an editor can go on in folio's format.

use crate::diag::Error;
use crate::model::Document;

/// The formats `folio convert` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// folio's authoring format.
    Toml,
    /// folio's pipeline format.
    Json,
}

impl Target {
    /// The target named on the command line or by a file extension.
    pub fn from_name(name: &str) -> Option<Target> {
        match name.to_ascii_lowercase().as_str() {
            "toml" => Some(Target::Toml),
            "json" => Some(Target::Json),
            _ => None,
        }
    }
}

/// The document as the text of a transcription file.
pub fn write(doc: &Document, target: Target) -> Result<String, Error> {
    match target {
        Target::Toml => toml::to_string_pretty(doc)
            .map_err(|e| Error::Output(format!("cannot write the transcription as TOML: {e}"))),
        Target::Json => serde_json::to_string_pretty(doc)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| Error::Output(format!("cannot write the transcription as JSON: {e}"))),
    }
}
