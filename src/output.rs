//! What every writer returns: the bytes of an edition and the warnings raised while writing
//! it. Below the writers, so a writer depends on it and not on the table that calls it.

use crate::diag::Warning;

/// The bytes of an edition, with the warnings raised while writing it.
#[derive(Debug)]
pub struct Output {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// What deserves a look (a character no bundled font has, say).
    pub warnings: Vec<Warning>,
}
