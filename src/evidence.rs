//! Document-level evidence of spin, and the rule that gates ambiguous
//! entries on it.
//!
//! The rule (until a context model replaces it): a document is treated as
//! spun when it holds at least [`Thresholds::min_signals`] signals and at
//! least [`Thresholds::min_per_thousand`] signals per 1,000 words. A signal
//! is a fingerprint match or a spintax leftover: things that never occur in
//! clean prose. Ambiguous entries are applied only in spun documents.

use serde::Serialize;

/// The gate's parameters. See the module documentation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Thresholds {
    pub min_signals: usize,
    pub min_per_thousand: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            min_signals: 2,
            min_per_thousand: 2.0,
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
    words: usize,
    fingerprints: usize,
    ambiguous: usize,
    spintax: usize,
    per_thousand: f64,
    spun: bool,
}

impl Evidence {
    pub(crate) fn assess(
        words: usize,
        fingerprints: usize,
        ambiguous: usize,
        spintax: usize,
        t: Thresholds,
    ) -> Evidence {
        let signals = fingerprints + spintax;
        let per_thousand = if words == 0 {
            0.0
        } else {
            signals as f64 * 1000.0 / words as f64
        };
        Evidence {
            words,
            fingerprints,
            ambiguous,
            spintax,
            per_thousand,
            spun: signals >= t.min_signals && per_thousand >= t.min_per_thousand,
        }
    }

    /// Number of word tokens in the document.
    pub fn words(&self) -> usize {
        self.words
    }
    /// Fingerprint phrases found.
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
    /// Signals (fingerprints and spintax) per 1,000 words.
    pub fn per_thousand(&self) -> f64 {
        self.per_thousand
    }
    /// Whether the document counts as spun, so ambiguous entries apply.
    pub fn is_spun(&self) -> bool {
        self.spun
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_needs_count_and_density() {
        let t = Thresholds::default();
        assert!(!Evidence::assess(100, 1, 0, 0, t).is_spun());
        assert!(Evidence::assess(100, 1, 0, 1, t).is_spun());
        assert!(!Evidence::assess(5000, 3, 0, 0, t).is_spun());
        assert!(Evidence::assess(1000, 2, 0, 0, t).is_spun());
        assert_eq!(Evidence::assess(0, 0, 0, 0, t).per_thousand(), 0.0);
        // Ambiguous phrases are no signals.
        assert!(!Evidence::assess(100, 0, 40, 0, t).is_spun());
    }
}
