//! Dictionaries: loading them (embedded or from TSV), their errors, the
//! clean-English word list that judges them, and the lint that checks
//! them before they are loaded.

pub(crate) mod common_english;
pub(crate) mod dictionary;
pub(crate) mod error;
pub mod lint;
