//! The limits folio puts on one input, all in one place; docs/limits.md explains each and
//! what happens past it. Each is far above what a real transcription needs and low enough
//! that a hostile or broken file gets a clear error at its place instead of exhausting the
//! stack, the memory or the user's patience.

/// Largest transcription file, in bytes (a long protocol is under 1 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 16 << 20;

/// Longest single text field (a block's text, a note, a title), in bytes.
pub const MAX_FIELD_BYTES: usize = 2 << 20;

/// Most content blocks in one document.
pub const MAX_BLOCKS: usize = 10_000;

/// Most editorial notes in one document.
pub const MAX_NOTES: usize = 10_000;

/// How deep inline marks may nest (`_*{+…+}*_` is 3). Real transcriptions nest 3 or 4
/// deep; the limit keeps every walk over the tree, in every writer, far from the end of the
/// stack and every writer's work linear.
pub const MAX_NESTING: usize = 32;

/// Most errors reported for one input; the rest are counted in one last message. Finding a
/// diagnostic's place costs a search of the file, so this also bounds that work.
pub const MAX_ERRORS: usize = 100;
