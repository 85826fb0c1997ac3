//! What is in the text: protected regions, chunks, spintax leftovers,
//! lexicon matches, near misses of fingerprints and damaged names. Nothing
//! here decides whether to change anything.

pub(crate) mod chunk;
pub(crate) mod lexicon;
pub(crate) mod names;
pub(crate) mod near_miss;
pub(crate) mod protect;
pub(crate) mod rescan;
pub(crate) mod scan;
pub(crate) mod spintax;
pub(crate) mod walk;
