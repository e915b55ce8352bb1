//! The transcription model: one archival document, defined once.
//!
//! Readers (TOML for authors, JSON for pipelines) deserialize straight into these types with
//! the same field names, then [`crate::read`] validates them. Every writer reads only this
//! model and a [`crate::style::Style`]. Text fields carry inline markup (see [`crate::markup`]);
//! they are stored both as the source string (so a document round-trips) and as parsed
//! [`Inline`]s (so no writer parses markup).

mod block;
mod date;
mod document;
mod note;
mod paras;
mod roles;
mod source;
mod texts;

pub use crate::markup::{Inline, InsertPlace, Text};

pub use block::{Block, ROLES};
pub use date::DATE_TIME_REFUSED;
pub use document::{Credit, Document, Edition, Origin, Person};
pub use note::{Note, NoteKind};
pub use paras::Paras;
pub use roles::{
    Address, Align, Closer, Dateline, Folio, Heading, List, ListStyle, Mark, MarkKind, Paragraphs,
    Position, Postscript, Quote, Salutation, Side, Signature, Table,
};
pub use source::{Authenticity, Medium, Source};
pub use texts::TextPlace;

/// The major version of the format this folio reads; a file with a newer major is refused.
pub const FORMAT_MAJOR: u32 = 1;
/// The full format version written by `folio new` and documented in docs/format.md.
pub const FORMAT_VERSION: &str = "1.0";
