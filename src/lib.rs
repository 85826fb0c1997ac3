//! Repair text that an article spinner has mangled.
//!
//! Spam sites run scraped articles through automatic synonym substitution:
//! "Defense Secretary" becomes "Protection Secretary", "said" becomes
//! "stated", "U.K." becomes "U.Okay.". In science the same damage is known
//! as *tortured phrases*. `unspin` finds that damage and restores the
//! canonical wording, while leaving every other byte of the input as it was.
//!
//! A spinner is not reversible by lookup: "stated" and "battle" are also
//! ordinary English. Every dictionary entry therefore has a [`Class`]:
//! *fingerprints* never occur in clean prose and are restored anywhere;
//! *ambiguous* entries are restored only where the document shows spin
//! (see [`Evidence`]).
//!
//! # Example
//!
//! ```
//! let text = "Protection Secretary Pete Hegseth stated the battle should finish, via Getty Pictures.";
//! assert_eq!(
//!     unspin::restore(text),
//!     "Defense Secretary Pete Hegseth said the war should end, via Getty Images."
//! );
//!
//! // Clean prose comes out unchanged.
//! let clean = "The senator stated her case before the battle over the budget.";
//! assert_eq!(unspin::restore(clean), clean);
//! ```
//!
//! For the edits themselves (span, rule, dictionary, confidence, reason),
//! use a [`Restorer`]. To check a dictionary before loading it (duplicates,
//! conflicts, cycles, fingerprints that are ordinary English), see
//! [`lint`].

#![deny(missing_docs)]

// The stages of a restore, in the order the text goes through them; each
// uses only those above it.
mod decide; // what to believe
mod dict; // dictionaries: formats, loading, lint
mod embedded; // the data compiled in
mod find; // what is in the text
mod format; // std-only formats shared with build.rs
#[cfg(feature = "learn")]
pub mod learn;
mod restore; // the `Restorer` front: builder, reports, streams
mod rewrite; // how to write what is restored
mod suggest; // candidates for what no entry covers

pub use decide::counts::Counts;
pub use decide::detect;
pub use decide::detect::{Detection, Paragraph, SpinScore};
pub use decide::evidence::Evidence;
pub use decide::model::{DecisionModel, DecisionTerms};
pub use dict::dictionary::{Dictionary, DictionaryInfo, Entry};
pub use dict::error::Error;
pub use dict::lint;
pub use format::dict_format::Class;
pub use restore::{
    Change, Edit, Judgement, Outcome, Restoration, RestoreChunks, RestoredBytes, RestoredChunk,
    Restorer, RestorerBuilder, Rule, Skipped, StreamSummary,
};
pub use suggest::vocabulary::{SpunWord, Vocabulary};
pub use suggest::{Candidate, Suggestion};

/// Restores `text` with the embedded default dictionaries.
///
/// The dictionaries are loaded once per process, on first use, and shared
/// between threads.
///
/// # Example
///
/// ```
/// assert_eq!(unspin::restore("the U.Okay. and Getty Pictures"), "the U.K. and Getty Images");
/// ```
pub fn restore(text: &str) -> String {
    static DEFAULT: std::sync::OnceLock<Restorer> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Restorer::new).restore(text).into_text()
}

// The README's Rust examples are compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

// So are those of the pages in docs/ (a page without Rust code blocks
// tests nothing, but one added later is run).
#[cfg(doctest)]
mod docs_doctests {
    #[doc = include_str!("../docs/cli.md")]
    pub struct Cli;
    #[doc = include_str!("../docs/dictionaries.md")]
    pub struct Dictionaries;
    #[doc = include_str!("../docs/how-it-works.md")]
    pub struct HowItWorks;
    #[doc = include_str!("../docs/learning.md")]
    pub struct Learning;
    #[doc = include_str!("../docs/library.md")]
    pub struct Library;
    #[doc = include_str!("../docs/quality.md")]
    pub struct Quality;
    #[doc = include_str!("../docs/speed.md")]
    pub struct Speed;
}
