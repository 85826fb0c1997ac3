//! The integration tests, as one binary (as ripgrep's `tests/` is): each
//! module below was a test binary of its own, linked separately; they
//! share the helpers of [`util`]. `cargo test --test integration NAME`
//! runs the tests whose path holds NAME (`science_dictionary`, `stream`).
//!
//! `Cargo.toml` sets `autotests = false` and names this file, so a new
//! file in `tests/` is a module here, declared below, not a binary.
//! Everything is in this one binary: the proptest regressions of
//! `properties` stay in `tests/properties.proptest-regressions`, beside
//! the module's file, and the command-line cases of `tests/cmd/` run from
//! `cli` through trycmd.

mod util;

mod artifacts_dictionary;
mod bench_inputs;
mod bytes;
mod cli;
#[cfg(feature = "learn")]
mod decipher;
mod detect;
mod dictionaries;
mod docs;
mod fixtures;
mod full_walk;
mod ignore_markers;
mod pipe;
mod progress;
mod properties;
mod regressions;
mod science_dictionary;
mod stream;
mod suggestions;
mod traits;
