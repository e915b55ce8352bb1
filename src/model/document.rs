//! The document itself: its metadata, the making of its transcription, the file it was read
//! from, and the people it names.

use super::date::date_or_string;
use super::{Block, Note, Source, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One transcribed archival document: editorial metadata, archival source, content, notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Format version, "MAJOR.MINOR" (this folio reads major version 1).
    pub format: String,
    /// Identifier of the document, safe as a file name: letters, digits, `-`, `_`, `.`.
    pub id: String,
    /// Number of the document in the edition ("1", "12а"); printed as "№ 1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The editorial title (heading): kind of document, author, addressee, summary.
    pub title: Text,
    /// Date of the document, ISO 8601: "1932-12-03", partial "1932-12" or "1932", or a
    /// range "1932-12-03/1932-12-05". In TOML a date literal (`date = 1932-12-03`) is read
    /// as the same date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date_or_string"
    )]
    pub date: Option<String>,
    /// Place where the document was written, as the editor names it ("Москва").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Language of the document, a BCP 47 tag ("ru", "ru-petr1708" for pre-1918 spelling, "uk").
    #[serde(default = "default_language")]
    pub language: String,
    /// Authors of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Person>,
    /// Addressees of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<Person>,
    /// The archival source, from which the edition composes the legend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The content of the document: blocks in the order of the original.
    pub content: Vec<Block>,
    /// Editorial notes, referenced from text as `[^id]`; numbered per document in order of
    /// first reference.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The document's own register of persons and places, for a document published alone
    /// (a volume's register is named in its manifest and adds to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<crate::register::Register>,
    /// Who made this transcription and under which licence (TEI's `respStmt` and
    /// `licence`), kept for the edition's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    /// The file the document was read from, kept for editions that carry their source
    /// (the PDF's `--embed-source`); not part of the format.
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: Option<Origin>,
}

/// The making of the transcription: its licence and who did what.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The licence of the transcription, as its source states it ("CC BY 4.0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    /// Who is responsible for what (transcription, encoding, commentary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
}

/// One statement of responsibility: a role and the people who held it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// What they did ("transcription", "TEI encoding").
    pub role: String,
    /// Who did it, as the source names them.
    pub name: String,
}

/// A transcription file as read: its name and its exact bytes.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The file name, without folders ("zinoviev-1932-12-03.toml").
    pub name: String,
    /// The bytes of the file, unchanged; `None` once let go ([`Document::release_source`]).
    pub bytes: Option<std::sync::Arc<[u8]>>,
    /// Where the file was read from (not for standard input), to read it again for a
    /// diagnostic once its bytes are let go.
    pub path: Option<std::path::PathBuf>,
}

impl Origin {
    /// The file's text, as kept or read again; `None` if it can be had neither way.
    pub fn text(&self) -> Option<std::sync::Arc<str>> {
        match (&self.bytes, &self.path) {
            (Some(bytes), _) => std::str::from_utf8(bytes).ok().map(Into::into),
            (None, Some(path)) => std::fs::read_to_string(path).ok().map(Into::into),
            (None, None) => None,
        }
    }
}

impl Document {
    /// Lets go of the bytes of the file the document was read from, when no edition will
    /// embed them (`--embed-source`): a long document's file is as large as its parsed
    /// text, and held to the end of every edition (6 MB of a 1,580-page document's peak).
    /// A file read from a path can still be read again for a diagnostic; from standard
    /// input, the bytes are kept.
    pub fn release_source(&mut self) {
        if let Some(origin) = self.origin.as_mut().filter(|o| o.path.is_some()) {
            origin.bytes = None;
        }
    }
}

/// Where a document was read from does not make it another document: a TOML file and
/// its JSON twin hold equal documents.
impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

fn default_language() -> String {
    "ru".to_string()
}

/// A person named in the metadata: an author or an addressee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name as the edition prints it ("Г. Е. Зиновьев").
    pub name: String,
    /// The key of the person in the register ("zinoviev-g-e"): the person is then
    /// indexed as mentioned by this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}
