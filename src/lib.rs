//! folio: editions of archival document transcriptions.
//!
//! The pipeline: [`read`] builds and validates a [`model::Document`]; each writer
//! ([`text`], [`pdf`] through [`layout`], [`docx`], [`epub`]) reads the model and a
//! [`style::Style`] and returns bytes. docs/architecture.md walks one document through it.

pub mod batch;
pub mod cli;
pub mod convert;
pub mod diag;
pub mod docx;
pub mod epub;
pub mod files;
pub mod fonts;
pub mod guard;
pub mod layout;
pub mod limits;
pub mod markup;
pub mod markup_write;
pub mod model;
pub mod output;
pub mod pdf;
pub mod read;
pub mod register;
pub mod schema;
pub mod shared;
pub mod style;
pub mod tei;
pub mod text;
pub mod volume;
pub mod writers;
