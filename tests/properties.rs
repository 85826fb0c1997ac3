//! Property tests of the invariants every restore must keep:
//! - lossless: outside the reported edit spans, output bytes equal input;
//! - the reported edits, applied to the input, give the output;
//! - spans are sorted, disjoint, on char boundaries, and `original` is the
//!   input text of the span;
//! - clean text (no lexicon phrase) comes out unchanged;
//! - restoring twice gives what restoring once gives;
//! - the language model only holds back ambiguous occurrences: what it
//!   restores and what it leaves alone add up to what a blind restore
//!   changes;
//! - a stream restore, read in any pieces, equals the in-memory restore
//!   with the same chunk size;
//! - cutting a document into chunks at its blank lines changes nothing.

use std::io::{Cursor, Read};

use proptest::prelude::*;
use unspin::{Class, Restoration, Restorer, Rule};

/// Pieces that exercise the matcher: spun phrases, their parts, ordinary
/// words, punctuation, markup, URLs and odd Unicode.
const PIECES: &[&str] = &[
    "Protection Secretary",
    "protection",
    "Secretary",
    "U.Okay.",
    "U.",
    "Okay",
    "Getty Pictures",
    "Getty",
    "stated",
    "battle",
    "of",
    "Battle",
    "Secretary of Battle",
    "they usually",
    "{photograph}",
    "photograph",
    "Photographs",
    "op",
    "Secretery",
    "{that a}",
    "{",
    "}",
    "an",
    "everlasting",
    "a",
    "peace",
    "the",
    "and",
    "’s",
    "'s",
    "-",
    "—",
    ",",
    ".",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "[",
    "](https://x.org/Getty Pictures)",
    "`stated`",
    "<b>",
    "</b>",
    "www.a.com/b",
    "me@x.org",
    "é",
    "ﬁ",
    "İ",
    "ß",
    "日本",
    "\u{200b}",
    "\u{a0}",
    "0",
    "42%",
    "```",
];

const SEPARATORS: &[&str] = &["", " ", "  ", "\n", "\r\n", "\n\n", "\t"];

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(PIECES),
            prop::sample::select(SEPARATORS),
        ),
        0..60,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

/// Text made only of words that no default entry contains.
fn clean_document() -> impl Strategy<Value = String> {
    const CLEAN: &[&str] = &[
        "The",
        "minister",
        "spoke",
        "to",
        "reporters",
        "on",
        "Tuesday",
        "about",
        "budget",
        "plans",
        ",",
        ".",
        "—",
        "“",
        "”",
        "in",
        "Paris",
        "2025",
        "and",
        "they",
        "agreed",
    ];
    prop::collection::vec(
        (
            prop::sample::select(CLEAN),
            prop::sample::select(SEPARATORS),
        ),
        0..80,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s]).collect())
}

/// Paragraphs of spun and clean pieces, with no construct that stays open
/// past its paragraph, and fences and comments that span a blank line;
/// joined by blank lines of several kinds. No paragraph is longer than 270
/// bytes with the blank line after it, so a chunk of 300 always holds a
/// blank line to cut at.
fn paragraphs() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "Protection Secretary",
        "Protection Secretery",
        "U.Okay.",
        "stated",
        "battle",
        "{photograph}",
        "Getty Pictures",
        "Getty-Pictures",
        "they usually",
        "an",
        "everlasting",
        "the",
        "Division of Authorities Effectivity",
        "Supreme Courtroom",
        "However",
        "long it takes",
        "goal",
        ",",
        ".",
        "`stated`",
        "<b>",
        "</b>",
        "https://x.org/stated",
        "me@x.org",
        "[U.Okay.](https://x/getty pictures)",
        "é",
        "日本",
    ];
    const INSIDE: &[&str] = &[" ", "", "\n", "\r\n", "\t"];
    const BLOCKS: &[&str] = &[
        "```\nstated\n\nthe U.Okay. battle\n```",
        "~~~\r\nGetty Pictures\r\n\r\n~~~",
        "<!-- stated\n\nbattle -->",
    ];
    const BLANK: &[&str] = &["\n\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n\t\r\n"];
    let paragraph = prop_oneof![
        4 => prop::collection::vec(
            (prop::sample::select(PIECES), prop::sample::select(INSIDE)),
            1..8,
        )
        .prop_map(|parts| {
            let mut p: String = parts.into_iter().flat_map(|(p, s)| [p, s]).collect();
            p.truncate(p.trim_end().len());
            p
        }),
        1 => prop::sample::select(BLOCKS).prop_map(str::to_string),
    ];
    prop::collection::vec((paragraph, prop::sample::select(BLANK)), 1..24)
        .prop_map(|parts| parts.into_iter().map(|(p, b)| p + b).collect())
}

/// Gives at most `step` bytes a read.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fn check_edits(input: &str, output: &str, r: &unspin::Restoration) -> Result<(), TestCaseError> {
    let mut rebuilt = String::new();
    let mut pos = 0;
    for e in r.edits() {
        let span = e.span();
        prop_assert!(span.start >= pos, "edits overlap or are unsorted");
        prop_assert!(input.is_char_boundary(span.start) && input.is_char_boundary(span.end));
        prop_assert_eq!(&input[span.clone()], e.original());
        rebuilt.push_str(&input[pos..span.start]);
        rebuilt.push_str(e.replacement());
        pos = span.end;
    }
    rebuilt.push_str(&input[pos..]);
    prop_assert_eq!(rebuilt.as_str(), output);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lossless_outside_edits(input in document()) {
        let r = Restorer::new().restore(&input);
        check_edits(&input, r.text(), &r)?;
    }

    #[test]
    fn clean_text_is_unchanged(input in clean_document()) {
        let r = Restorer::new().restore(&input);
        prop_assert!(r.edits().is_empty());
        prop_assert_eq!(r.text(), input.as_str());
    }

    #[test]
    fn restoring_twice_is_restoring_once(input in document()) {
        let restorer = Restorer::new();
        let once = restorer.restore(&input).into_text();
        let twice = restorer.restore(&once).into_text();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn language_model_only_holds_back_ambiguous_occurrences(input in document()) {
        let judged = Restorer::new().restore(&input);
        let blind = Restorer::builder().language_model(false).build().restore(&input);
        let ambiguous = |r: &Restoration| {
            r.edits().iter().filter(|e| e.class() == Some(Class::Ambiguous)).count()
        };
        // Common entries apply only on the model's word: none without it.
        let skipped_ambiguous = judged
            .skipped()
            .iter()
            .filter(|s| matches!(s.rule(), Rule::Lexicon { class: Class::Ambiguous, .. }))
            .count();
        // The model only holds back: what it applies, the blind restore
        // applies too, and what the blind one applies the model applied or
        // left alone (a phrase left alone may be one the blind restore
        // would not apply either, as when its canonical doubles the word
        // before it).
        prop_assert!(ambiguous(&judged) <= ambiguous(&blind));
        prop_assert!(ambiguous(&judged) + skipped_ambiguous >= ambiguous(&blind));
        prop_assert!(blind.edits().iter().all(|e| e.class() != Some(Class::Common)));
        for s in judged.skipped() {
            prop_assert_eq!(&input[s.span()], s.original());
            let ambiguous_rule = matches!(
                s.rule(),
                Rule::Lexicon {
                    class: Class::Ambiguous | Class::Common,
                    ..
                }
            );
            prop_assert!(ambiguous_rule);
            prop_assert!(!s.judgement().restores());
        }
        for e in judged.edits() {
            if let Some(j) = e.judgement() {
                prop_assert!(j.restores());
            }
        }
    }

    #[test]
    fn bytes_agree_with_text(input in document()) {
        let restorer = Restorer::new();
        let text = restorer.restore(&input);
        let bytes = restorer.restore_bytes(input.as_bytes());
        prop_assert_eq!(text.text().as_bytes(), bytes.bytes());
    }

    #[test]
    fn invalid_bytes_pass_through(input in document(), junk in prop::collection::vec(0x80u8..=0xff, 1..4), at in 0usize..200) {
        let mut bytes = input.into_bytes();
        let at = at.min(bytes.len());
        // Keep the junk on a char boundary of the valid text around it.
        let at = (0..=at).rev().find(|&i| std::str::from_utf8(&bytes[..i]).is_ok()).unwrap_or(0);
        bytes.splice(at..at, junk.iter().copied());
        let r = Restorer::new().restore_bytes(&bytes);
        let mut pos = 0;
        let mut rebuilt = Vec::new();
        for e in r.edits() {
            prop_assert_eq!(&bytes[e.span()], e.original().as_bytes());
            rebuilt.extend_from_slice(&bytes[pos..e.span().start]);
            rebuilt.extend_from_slice(e.replacement().as_bytes());
            pos = e.span().end;
        }
        rebuilt.extend_from_slice(&bytes[pos..]);
        prop_assert_eq!(rebuilt.as_slice(), r.bytes());
    }

    #[test]
    fn streams_restore_as_memory_does(
        input in document(),
        junk in prop::collection::vec(0x80u8..=0xff, 0..3),
        at in 0usize..200,
        chunk_size in 16usize..80,
        step in 1usize..50,
        threads in 1usize..4,
    ) {
        let mut bytes = input.into_bytes();
        let at = at.min(bytes.len());
        bytes.splice(at..at, junk.iter().copied());
        let restorer = Restorer::builder().chunk_size(chunk_size).threads(threads).build();
        let memory = restorer.restore_bytes(&bytes);
        let one_thread = Restorer::builder().chunk_size(chunk_size).build().restore_bytes(&bytes);
        prop_assert_eq!(memory.bytes(), one_thread.bytes());
        prop_assert_eq!(memory.edits(), one_thread.edits());
        let evidence = restorer.evidence_from(Trickle(&bytes, step)).unwrap();
        prop_assert_eq!(&evidence, memory.evidence());
        let mut out = Vec::new();
        let mut edits = Vec::new();
        let mut skipped = Vec::new();
        for chunk in restorer.restore_chunks(Trickle(&bytes, step), &evidence) {
            let chunk = chunk.unwrap();
            prop_assert!(chunk.input().len() <= chunk_size);
            out.extend_from_slice(chunk.bytes());
            edits.extend_from_slice(chunk.edits());
            skipped.extend_from_slice(chunk.skipped());
        }
        prop_assert_eq!(out.as_slice(), memory.bytes());
        prop_assert_eq!(edits.as_slice(), memory.edits());
        prop_assert_eq!(skipped.as_slice(), memory.skipped());
        let mut out = Vec::new();
        restorer.restore_stream(Cursor::new(&bytes), &mut out).unwrap();
        prop_assert_eq!(out.as_slice(), memory.bytes());
    }

    #[test]
    fn cutting_at_blank_lines_changes_nothing(input in paragraphs(), chunk_size in 300usize..1000) {
        let whole = Restorer::new().restore(&input);
        let chunked = Restorer::builder().chunk_size(chunk_size).build();
        let evidence = chunked.evidence_from(input.as_bytes()).unwrap();
        let chunks = chunked.restore_chunks(input.as_bytes(), &evidence).count();
        prop_assert!(chunks >= input.len() / chunk_size);
        let r = chunked.restore(&input);
        prop_assert_eq!(r.text(), whole.text());
        prop_assert_eq!(r.edits(), whole.edits());
        prop_assert_eq!(r.skipped(), whole.skipped());
        prop_assert_eq!(r.evidence(), whole.evidence());
        let (a, b) = (chunked.detect(&input), Restorer::new().detect(&input));
        prop_assert_eq!(a.paragraphs(), b.paragraphs());
    }
}
