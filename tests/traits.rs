//! The restorer and every public result type can be shared between
//! threads, sent to another, and kept across a caught panic, as
//! aho-corasick asserts for its types: a change that puts a `Cell`, an
//! `Rc` or a raw pointer in one of them fails to compile here.

use std::panic::{RefUnwindSafe, UnwindSafe};

fn assert_traits<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

/// For the types that carry a `std::io::Error`, which the standard library
/// makes neither `UnwindSafe` nor `RefUnwindSafe` (it may box any error).
fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn restorer_and_results_are_send_sync_and_unwind_safe() {
    // The restorer, its builder, and what a restore gives.
    assert_traits::<unspin::Restorer>();
    assert_traits::<unspin::RestorerBuilder>();
    assert_traits::<unspin::Restoration>();
    assert_traits::<unspin::RestoredBytes>();
    assert_traits::<unspin::RestoredChunk>();
    assert_traits::<unspin::StreamSummary>();
    assert_traits::<unspin::Edit>();
    assert_traits::<unspin::Skipped>();
    assert_traits::<unspin::Judgement>();
    assert_traits::<unspin::Rule>();
    assert_traits::<unspin::Class>();
    assert_traits::<unspin::Suggestion>();
    assert_traits::<unspin::Candidate>();
    assert_traits::<unspin::Evidence>();
    // An error, and the chunks of a stream restore (each an io::Result).
    assert_send_sync::<unspin::Error>();
    assert_send_sync::<unspin::RestoreChunks<'static, std::io::Cursor<Vec<u8>>>>();
    // Detection.
    assert_traits::<unspin::Detection>();
    assert_traits::<unspin::Paragraph>();
    assert_traits::<unspin::SpinScore>();
    // Dictionaries and their lint.
    assert_traits::<unspin::Dictionary>();
    assert_traits::<unspin::DictionaryInfo>();
    assert_traits::<unspin::Entry>();
    assert_traits::<unspin::Vocabulary>();
    assert_traits::<unspin::SpunWord>();
    assert_traits::<unspin::lint::Linter>();
    assert_traits::<unspin::lint::Finding>();
    assert_traits::<unspin::lint::Location>();
    assert_traits::<unspin::lint::Level>();
    assert_traits::<unspin::lint::Kind>();
}

/// What `unspin::learn` gives.
#[cfg(feature = "learn")]
#[test]
fn learned_results_are_send_sync_and_unwind_safe() {
    use unspin::learn;
    assert_traits::<learn::Corpus>();
    assert_traits::<learn::WordSwap>();
    assert_traits::<learn::Learner>();
    assert_traits::<learn::Rejection>();
    assert_traits::<learn::Proposal>();
    assert_traits::<learn::Learned>();
    assert_traits::<learn::Thesaurus>();
    assert_traits::<learn::Decipherer<'static>>();
    assert_traits::<learn::Candidate>();
    assert_traits::<learn::Deciphered>();
}
