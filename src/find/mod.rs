//! Finding phrases in a chunk's tokens, beyond the first leftmost-longest
//! walk of the lexicon (`lexicon.rs`).
//!
//! - [`rescan`]: the fingerprints inside a phrase that will not be
//!   restored, looked for only where one can start.

pub(crate) mod rescan;
