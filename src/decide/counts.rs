//! What a stretch of text holds, counted: the numbers behind both the
//! document gate ([`Evidence`](crate::Evidence)) and the spin score
//! ([`SpinScore`](crate::SpinScore)). Counts add up, so the counts of a
//! document are the sums of the counts of its chunks.

use std::ops::AddAssign;

use serde::Serialize;

use crate::find::lexicon::{Hit, Lexicon};
use crate::find::scan::{count_names, Scan};
use crate::format::dict_format::Class;
use crate::format::tokenize::TokenKind;

/// The most times one ambiguous entry counts in a paragraph.
pub(crate) const MAX_REPEATS: usize = 2;

/// Word tokens and matches of a stretch of text. [`Evidence`](crate::Evidence)
/// and [`SpinScore`](crate::SpinScore) each hold one and dereference to it.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore("The Protection Secretary stated it at the U.Okay. assembly.");
/// let counts: &unspin::Counts = r.evidence().counts();
/// assert_eq!((counts.fingerprints(), counts.ambiguous(), counts.spintax()), (2, 2, 0));
/// assert_eq!(counts.signals(), 2);
/// assert_eq!(counts.words(), 10);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub(crate) words: usize,
    /// Fingerprint phrases and damaged names.
    pub(crate) fingerprints: usize,
    pub(crate) ambiguous: usize,
    pub(crate) spintax: usize,
}

impl Counts {
    /// Counts of `words` word tokens, `fingerprints` fingerprints and
    /// damaged names, `ambiguous` ambiguous phrases and `spintax`
    /// leftovers.
    #[cfg(test)]
    pub(crate) fn new(words: usize, fingerprints: usize, ambiguous: usize, spintax: usize) -> Self {
        Counts {
            words,
            fingerprints,
            ambiguous,
            spintax,
        }
    }

    /// What a scan counts towards the evidence.
    pub(crate) fn of(scan: &Scan, lexicon: &Lexicon) -> Counts {
        let class_of = |h: &Hit| lexicon.entry(h.entry).class();
        let words = scan
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        let fingerprints = scan
            .hits
            .iter()
            .filter(|h| class_of(h) == Class::Fingerprint)
            .count();
        // A phrase repeated is a topic more than new evidence ("traits"
        // five times in a Rust crate's README): each entry counts at most
        // [`MAX_REPEATS`] times in a paragraph (between two breaks: blank
        // lines and protected regions), which no chunk boundary splits
        // where the input can be cut at blank lines.
        let mut paragraph = Vec::with_capacity(scan.tokens.len());
        let mut p = 0usize;
        for t in &scan.tokens {
            p += usize::from(t.break_before);
            paragraph.push(p);
        }
        let mut entries: Vec<(usize, usize)> = scan
            .hits
            .iter()
            .filter(|h| class_of(h) == Class::Ambiguous)
            .map(|h| (paragraph[h.first], h.entry))
            .collect();
        entries.sort_unstable();
        let ambiguous = entries
            .chunk_by(|a, b| a == b)
            .map(|run| run.len().min(MAX_REPEATS))
            .sum();
        Counts {
            words,
            fingerprints: fingerprints + count_names(&scan.name_hits),
            ambiguous,
            spintax: scan.braces.len(),
        }
    }

    /// Word tokens.
    pub fn words(&self) -> usize {
        self.words
    }
    /// Fingerprint phrases found (damaged names count as fingerprints).
    pub fn fingerprints(&self) -> usize {
        self.fingerprints
    }
    /// Ambiguous-entry phrases found, whether or not the gate let them
    /// apply. Not signals by themselves: clean prose has them too.
    pub fn ambiguous(&self) -> usize {
        self.ambiguous
    }
    /// Spintax leftovers found.
    pub fn spintax(&self) -> usize {
        self.spintax
    }
    /// Signals: fingerprints and spintax leftovers, things that never
    /// occur in clean prose.
    pub fn signals(&self) -> usize {
        self.fingerprints + self.spintax
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.words += other.words;
        self.fingerprints += other.fingerprints;
        self.ambiguous += other.ambiguous;
        self.spintax += other.spintax;
    }
}
