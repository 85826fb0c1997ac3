//! The language model of unspin: the whole CMU Sphinx US English trigram
//! model as `fst::Map`s, ready to be read where they lie (see README.md
//! here for what they hold and how they were made).
//!
//! - [`vocab`]: word -> id, the word's index in the byte order of the
//!   vocabulary.
//! - [`ngrams`]: the n-grams in [`PARTS`] maps, each its own crate
//!   (`unspin-lm-ngrams-1` ...) so that every crate stays under the
//!   10 MiB crates.io accepts. A key is the ids of an n-gram's words, three
//!   big-endian bytes each; a value is `prob | backoff << 8`, the
//!   quantized `-log10 P` and the signed log10 backoff weight (steps in
//!   [`MODEL_TOML`]). The parts split the key space by the n-gram's first
//!   word: each holds every n-gram starting with a word of its range of
//!   ids, in order, so the parts read one after the other are the whole
//!   map, and any n-gram and all its prefixes are in the same part.
//!
//! The data is under the BSD 2-clause licence of CMU Sphinx (`LICENSE`);
//! binaries that embed it must carry its notice.
#![cfg_attr(not(test), no_std)]

/// How many maps the n-grams come in.
pub const PARTS: usize = 3;

/// `model.toml`: where the model came from and what it holds.
pub const MODEL_TOML: &str = include_str!("../model.toml");

static VOCAB: &[u8] = include_bytes!("../vocab.fst");

/// The bytes of the vocabulary's `fst::Map`: word -> id.
pub fn vocab() -> &'static [u8] {
    VOCAB
}

/// The bytes of the n-grams' `fst::Map`s, in key order: part `k` holds
/// the n-grams whose first word's id is at least the first id of part `k`
/// and below that of part `k + 1`.
pub fn ngrams() -> [&'static [u8]; PARTS] {
    [
        unspin_lm_ngrams_1::NGRAMS,
        unspin_lm_ngrams_2::NGRAMS,
        unspin_lm_ngrams_3::NGRAMS,
    ]
}

#[cfg(test)]
mod tests;
