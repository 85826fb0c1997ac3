//! Spin detection: a score for how unlikely a text's matches would be in
//! clean prose, for the whole text and for each paragraph.
//!
//! Clean prose holds almost no *signals* (fingerprint phrases, spintax
//! leftovers) and a few *ambiguous* phrases ("stated", "battle": ordinary
//! English that the spinner also produces). For a text of `w` words, model
//! each count in clean prose as Poisson with mean `rate * w`, with the
//! rates [`CLEAN_SIGNAL_RATE`] and [`CLEAN_AMBIGUOUS_RATE`]. The score is
//!
//! ```text
//! score = -log10 P(signals >= s) - log10 P(ambiguous >= a)
//! ```
//!
//! the surprise, in powers of ten, of seeing at least that many of each in
//! clean prose of that length: 2 means "one clean text in a hundred would
//! show this much". A text is judged spun when its score reaches the
//! threshold (default [`DEFAULT_THRESHOLD`]) and it has enough matches to
//! judge at all: 2 matches of which one is a signal, or 4 ambiguous
//! phrases. (One short sentence can hold three ordinary words that the
//! spinner also writes.)
//!
//! The rates are conservative readings of measured text: no fingerprint
//! fires on the clean corpus (`tests/corpus/clean`) or on the originals of
//! the spun news pairs, about 40,000 words; with the learned dictionary's
//! ambiguous entries, ambiguous phrases come at about 4.6 per 1,000 words
//! in the corpus and 10.9 in the news originals (up to 34 in the densest),
//! against 85 per 1,000 in spun news. Learned `common` entries are not
//! counted: clean prose is full of them.

use std::ops::{Deref, Range};

use serde::Serialize;

use crate::decide::counts::Counts;
use crate::find::lexicon::{Hit, Lexicon};
use crate::find::scan::{distinct_names, Scan};
use crate::format::dict_format::Class;
use crate::format::tokenize::{has_blank_line, TokenKind};

/// Signals (fingerprints, spintax leftovers) per word expected in clean
/// prose.
pub const CLEAN_SIGNAL_RATE: f64 = 0.05 / 1000.0;
/// Ambiguous-entry phrases per word expected in clean prose.
pub const CLEAN_AMBIGUOUS_RATE: f64 = 15.0 / 1000.0;
/// Score at and above which a text counts as spun.
pub const DEFAULT_THRESHOLD: f64 = 2.0;
/// The least number of ambiguous phrases that can make a text without
/// signals spun (see [`SpinScore::is_enough`]).
const MIN_AMBIGUOUS_ALONE: usize = 4;

/// The counts and score of one stretch of text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpinScore {
    #[serde(flatten)]
    counts: Counts,
    score: f64,
}

impl SpinScore {
    /// The score of `counts`.
    pub(crate) fn new(counts: Counts) -> SpinScore {
        let words = counts.words() as f64;
        let score = surprise(counts.signals(), CLEAN_SIGNAL_RATE * words)
            + surprise(counts.ambiguous(), CLEAN_AMBIGUOUS_RATE * words);
        SpinScore { counts, score }
    }

    /// The counts the score was computed from; the score dereferences to
    /// them.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }
    /// The score: see the module documentation.
    pub fn score(&self) -> f64 {
        self.score
    }
    /// Whether there are enough matches to judge: 2 of which one is a
    /// signal, or 4 ambiguous phrases alone. Three ordinary words that
    /// the spinner also writes are too little in a short text: "wants",
    /// "had been" and "curiosity" in a 25-word paragraph of *Alice* scored
    /// 2.2.
    pub fn is_enough(&self) -> bool {
        let signals = self.counts.signals();
        let matches = signals + self.counts.ambiguous();
        (signals >= 1 && matches >= 2) || matches >= MIN_AMBIGUOUS_ALONE
    }
}

impl Deref for SpinScore {
    type Target = Counts;

    fn deref(&self) -> &Counts {
        &self.counts
    }
}

/// One paragraph (text between blank lines) and its score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Paragraph {
    start: usize,
    end: usize,
    #[serde(flatten)]
    score: SpinScore,
}

impl Paragraph {
    /// Byte range of the paragraph in the input, first token to last.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// Its counts and score.
    pub fn score(&self) -> &SpinScore {
        &self.score
    }
}

/// The verdict on a whole text, with its paragraphs.
///
/// # Example
///
/// ```
/// let restorer = unspin::Restorer::new();
/// let d = restorer.detect("The Protection Secretary stated it at the U.Okay. assembly.");
/// assert!(d.is_spun());
/// assert!(d.score().score() > 2.0);
///
/// let clean = restorer.detect("The senator stated her case before the battle over the budget.");
/// assert!(!clean.is_spun());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detection {
    #[serde(flatten)]
    score: SpinScore,
    spun: bool,
    threshold: f64,
    paragraphs: Vec<Paragraph>,
}

impl Detection {
    /// `spun` is the verdict of the document gate (see
    /// [`Evidence::is_spun`](crate::Evidence::is_spun)), so that detection
    /// and restore agree.
    pub(crate) fn new(
        score: SpinScore,
        spun: bool,
        threshold: f64,
        paragraphs: Vec<Paragraph>,
    ) -> Detection {
        Detection {
            score,
            spun,
            threshold,
            paragraphs,
        }
    }

    /// Counts and score of the whole text.
    pub fn score(&self) -> &SpinScore {
        &self.score
    }
    /// Whether the text counts as spun.
    pub fn is_spun(&self) -> bool {
        self.spun
    }
    /// The threshold the verdict used.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
    /// Each paragraph, in input order.
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }
}

/// Builds a paragraph record.
pub(crate) fn paragraph(span: Range<usize>, score: SpinScore) -> Paragraph {
    Paragraph {
        start: span.start,
        end: span.end,
        score,
    }
}

/// The paragraphs of one chunk with their scores, spans shifted by
/// `offset`.
pub(crate) fn paragraphs(
    text: &str,
    scan: &Scan,
    lexicon: &Lexicon,
    offset: usize,
    out: &mut Vec<Paragraph>,
) {
    let class_of = |h: &Hit| lexicon.entry(h.entry).class();
    // Paragraphs as token index ranges: a blank line between two tokens
    // starts a new one.
    let tokens = &scan.tokens;
    let mut starts = Vec::new();
    for i in 0..tokens.len() {
        if i == 0 || has_blank_line(&text[tokens[i - 1].end..tokens[i].start]) {
            starts.push(i);
        }
    }
    let paragraph_of = |token: usize| starts.partition_point(|&s| s <= token) - 1;
    // The counts of each paragraph, as the document's evidence counts
    // them.
    let mut counts = vec![Counts::default(); starts.len()];
    for first in distinct_names(&scan.name_hits) {
        counts[paragraph_of(first)].fingerprints += 1;
    }
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Word {
            counts[paragraph_of(i)].words += 1;
        }
    }
    for h in &scan.hits {
        let c = &mut counts[paragraph_of(h.first)];
        match class_of(h) {
            Class::Fingerprint => c.fingerprints += 1,
            Class::Ambiguous => c.ambiguous += 1,
            Class::Common => {}
        }
    }
    for &(open, _) in &scan.braces {
        // The brace is no token: count it with the word it encloses.
        let next = tokens.partition_point(|t| t.start < open.start);
        counts[paragraph_of(next.min(tokens.len() - 1))].spintax += 1;
    }
    out.extend(starts.iter().enumerate().map(|(p, &first)| {
        let last = starts.get(p + 1).map_or(tokens.len(), |&next| next) - 1;
        paragraph(
            offset + tokens[first].start..offset + tokens[last].end,
            SpinScore::new(counts[p]),
        )
    }));
}

/// `-log10 P(N >= n)` for `N` Poisson with mean `mean`: 0 for `n = 0`.
fn surprise(n: usize, mean: f64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    if mean <= 0.0 {
        // Impossible under the model; cap instead of infinity.
        return MAX_SURPRISE;
    }
    // ln P(N >= n) = ln P(N = n) + ln(1 + mean/(n+1) + mean^2/((n+1)(n+2)) + ...),
    // summed in log space so that no term underflows.
    let ln_first = -mean + n as f64 * mean.ln() - ln_factorial(n);
    let mut term = 1.0f64;
    let mut sum = 1.0f64;
    let mut k = n;
    while term > 1e-17 * sum && k < n + 100_000 {
        k += 1;
        term *= mean / k as f64;
        sum += term;
    }
    let ln_tail = (ln_first + sum.ln()).min(0.0);
    (-ln_tail / std::f64::consts::LN_10).min(MAX_SURPRISE)
}

/// Largest score one count contributes.
const MAX_SURPRISE: f64 = 300.0;

fn ln_factorial(n: usize) -> f64 {
    (2..=n).map(|k| (k as f64).ln()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn surprise_is_the_poisson_tail() {
        assert_eq!(surprise(0, 3.0), 0.0);
        // P(N >= 1) = 1 - e^-m
        let m: f64 = 0.3;
        assert!(close(surprise(1, m), -(1.0 - (-m).exp()).log10()));
        // P(N >= 3) = 1 - e^-m (1 + m + m^2/2)
        let p3 = 1.0 - (-m).exp() * (1.0 + m + m * m / 2.0);
        assert!(close(surprise(3, m), -p3.log10()));
        // Large mean, small count: the tail is almost 1.
        assert!(surprise(2, 50.0) < 1e-12);
        // Far tails stay finite and grow.
        assert!(surprise(20, 0.01) > surprise(10, 0.01) + 20.0);
        assert_eq!(surprise(200, 0.01), MAX_SURPRISE);
        assert_eq!(surprise(1, 0.0), MAX_SURPRISE);
    }

    #[test]
    fn verdict_needs_score_and_matches() {
        // Five ambiguous phrases in 60 words: spun.
        let s = SpinScore::new(Counts::new(60, 0, 5, 0));
        assert!(s.is_enough() && s.score() > DEFAULT_THRESHOLD);
        // Two in five words score high but are too few to judge.
        let s = SpinScore::new(Counts::new(5, 0, 2, 0));
        assert!(s.score() > DEFAULT_THRESHOLD && !s.is_enough());
        assert!(!Detection::new(
            s.clone(),
            s.is_enough() && s.score() >= DEFAULT_THRESHOLD,
            DEFAULT_THRESHOLD,
            Vec::new()
        )
        .is_spun());
        // With a fingerprint, two matches are enough.
        let s = SpinScore::new(Counts::new(57, 1, 1, 0));
        assert!(s.is_enough());
        assert!(Detection::new(
            s.clone(),
            s.is_enough() && s.score() >= DEFAULT_THRESHOLD,
            DEFAULT_THRESHOLD,
            Vec::new()
        )
        .is_spun());
        // One fingerprint alone is not.
        assert!(!SpinScore::new(Counts::new(20, 1, 0, 0)).is_enough());
        // Nor are three ambiguous phrases without a signal, however short
        // the text; four are.
        let s = SpinScore::new(Counts::new(25, 0, 3, 0));
        assert!(s.score() > DEFAULT_THRESHOLD && !s.is_enough());
        assert!(SpinScore::new(Counts::new(25, 0, 4, 0)).is_enough());
        // Three ambiguous phrases in 1,000 words are what clean text has.
        assert!(SpinScore::new(Counts::new(1000, 0, 3, 0)).score() < 0.5);
        // Two fingerprints in 1,000 words are not.
        assert!(SpinScore::new(Counts::new(1000, 2, 0, 0)).score() > DEFAULT_THRESHOLD);
        assert_eq!(SpinScore::new(Counts::new(0, 0, 0, 0)).score(), 0.0);
    }
}
