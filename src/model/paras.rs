//! Paragraphs written as one string: split at blank lines, each parsed as a text.

use super::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One or more paragraphs of text, written as one string with blank lines between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Paras {
    source: String,
    paragraphs: Vec<Text>,
}

impl Paras {
    /// The paragraphs, in order.
    pub fn paragraphs(&self) -> &[Text] {
        &self.paragraphs
    }

    /// The string as written in the transcription.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl Paras {
    /// Paragraphs built from texts (a reader other than TOML's): written one after another
    /// with a blank line between them.
    pub fn from_paragraphs(paragraphs: Vec<Text>) -> Paras {
        let source = paragraphs
            .iter()
            .map(Text::source)
            .collect::<Vec<_>>()
            .join("\n\n");
        Paras { source, paragraphs }
    }
}

impl TryFrom<String> for Paras {
    type Error = crate::markup::MarkupError;

    fn try_from(source: String) -> Result<Self, Self::Error> {
        let paragraphs = split_paragraphs(&source)
            .into_iter()
            .map(|p| {
                // Errors are placed in the whole string, not in the paragraph.
                let offset = p.as_ptr() as usize - source.as_ptr() as usize;
                Text::try_from(p.to_string()).map_err(|e| e.shifted(offset))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Paras { source, paragraphs })
    }
}

/// Splits a string at blank lines (lines holding only white space).
fn split_paragraphs(source: &str) -> Vec<&str> {
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                paragraphs.push(source[s..end].trim_end());
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            end = offset + line.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        paragraphs.push(source[s..end].trim_end());
    }
    paragraphs
}

impl From<Paras> for String {
    fn from(p: Paras) -> String {
        p.source
    }
}

impl Serialize for Paras {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

impl<'de> Deserialize<'de> for Paras {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Paras::try_from(source).map_err(|e| serde::de::Error::custom(e.to_serde()))
    }
}

impl JsonSchema for Paras {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Paragraphs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "One or more paragraphs with inline markup (docs/format.md); a blank line starts a new paragraph."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            split_paragraphs("a\nb\n\n  \nc\n"),
            vec!["a\nb", "c"],
            "blank and white-space-only lines separate paragraphs"
        );
        assert!(split_paragraphs("\n \n").is_empty());
    }
}
