//! Part 2 of 3 of the n-grams of unspin's language model: an `fst::Map`
//! from n-gram keys to quantized values, as `unspin-lm` describes them.
//! Use it through `unspin-lm`.
#![no_std]

/// The bytes of part 2's `fst::Map`.
pub static NGRAMS: &[u8] = include_bytes!("../ngrams.fst");
