//! Document-level evidence of spin, and the rule that gates ambiguous
//! entries on it.
//!
//! The rule: a document is treated as spun when it holds at least
//! [`Thresholds::min_signals`] signals and at least
//! [`Thresholds::min_per_thousand`] signals per 1,000 words, or when its
//! spin score (see [`crate::decide::detect`]: how unlikely its signals and
//! ambiguous phrases would be in clean prose) reaches
//! [`Thresholds::spin_threshold`] on enough matches. A signal is a
//! fingerprint match or a spintax leftover: things that never occur in
//! clean prose. Ambiguous and common entries are applied only in spun
//! documents. `unspin detect` and the restore use this one rule.
//!
//! The evidence is additive: it is assessed from [`Counts`], and the counts
//! of a document are the sums of the counts of its chunks, so a stream can
//! be assessed a chunk at a time.

use std::ops::Deref;

use serde::Serialize;

pub(crate) use crate::decide::counts::Counts;
use crate::decide::detect::{SpinScore, DEFAULT_THRESHOLD};

/// The least number of signals of a document shown to be spun by its
/// signals.
pub(crate) const DEFAULT_MIN_SIGNALS: usize = 2;
/// The least number of signals per 1,000 words of a document shown to be
/// spun by its signals.
pub(crate) const DEFAULT_MIN_PER_THOUSAND: f64 = 2.0;

/// The gate's parameters. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Thresholds {
    pub min_signals: usize,
    pub min_per_thousand: f64,
    pub spin_threshold: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            min_signals: DEFAULT_MIN_SIGNALS,
            min_per_thousand: DEFAULT_MIN_PER_THOUSAND,
            spin_threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// What a document shows of spin.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore("The Protection Secretary stated it at the U.Okay. assembly.");
/// let ev = r.evidence();
/// assert_eq!(ev.fingerprints(), 2);
/// assert!(ev.is_spun());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Evidence {
    #[serde(flatten)]
    counts: Counts,
    per_thousand: f64,
    #[serde(skip)]
    score: f64,
    spun: bool,
}

impl Evidence {
    pub(crate) fn assess(counts: Counts, t: Thresholds) -> Evidence {
        let (signals, words) = (counts.signals(), counts.words());
        let per_thousand = if words == 0 {
            0.0
        } else {
            signals as f64 * 1000.0 / words as f64
        };
        let score = SpinScore::new(counts);
        let by_signals = signals >= t.min_signals && per_thousand >= t.min_per_thousand;
        let by_score = score.is_enough() && score.score() >= t.spin_threshold;
        Evidence {
            counts,
            per_thousand,
            score: score.score(),
            spun: by_signals || by_score,
        }
    }

    /// The counts the evidence was assessed from; the evidence
    /// dereferences to them.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }
    /// Signals (fingerprints and spintax) per 1,000 words.
    pub fn per_thousand(&self) -> f64 {
        self.per_thousand
    }
    /// The spin score of the document (see [`crate::decide::detect`]).
    pub fn spin_score(&self) -> f64 {
        self.score
    }
    /// Whether the document counts as spun, so ambiguous entries apply:
    /// enough signals, or a spin score at the threshold on enough matches.
    pub fn is_spun(&self) -> bool {
        self.spun
    }
}

impl Deref for Evidence {
    type Target = Counts;

    fn deref(&self) -> &Counts {
        &self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assess(words: usize, fingerprints: usize, ambiguous: usize, spintax: usize) -> Evidence {
        let counts = Counts::new(words, fingerprints, ambiguous, spintax);
        Evidence::assess(counts, Thresholds::default())
    }

    #[test]
    fn gate_needs_count_and_density() {
        assert!(!assess(100, 1, 0, 0).is_spun());
        assert!(assess(100, 1, 0, 1).is_spun());
        // Three fingerprints in 5,000 words are below the density but
        // unlikely in clean prose; in 50,000 words they are not.
        assert!(assess(5000, 3, 0, 0).is_spun());
        assert!(!assess(50000, 3, 0, 0).is_spun());
        assert!(assess(1000, 2, 0, 0).is_spun());
        assert_eq!(assess(0, 0, 0, 0).per_thousand(), 0.0);
        // Ambiguous phrases are no signals, but many of them make a
        // spin score that clean prose would hardly reach.
        assert!(!assess(100, 0, 1, 0).is_spun());
        assert!(!assess(1000, 0, 6, 0).is_spun());
        assert!(assess(100, 0, 40, 0).is_spun());
    }

    #[test]
    fn counts_add_up_to_the_same_evidence() {
        // Two halves of a document, each below the gate, together above it.
        let mut sum = Counts {
            words: 400,
            fingerprints: 1,
            ambiguous: 3,
            spintax: 0,
        };
        sum += Counts {
            words: 100,
            fingerprints: 0,
            ambiguous: 1,
            spintax: 1,
        };
        let e = Evidence::assess(sum, Thresholds::default());
        assert_eq!(e, assess(500, 1, 4, 1));
        assert!(e.is_spun());
        assert_eq!(*e.counts(), sum);
    }
}
