//! TEI P5 in and out: the reader builds the model from a TEI file ([`read`]); the writer
//! ([`write`]) writes any transcription as TEI. docs/tei.md has the mapping both ways.

pub mod mapping;
pub mod read;
pub mod write;

pub use write::{write, write_volume};
