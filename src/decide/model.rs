//! The decision model: the probability that an occurrence of an
//! ambiguous or common entry is a spinner's swap, from everything the
//! restore knows about it.
//!
//! A logistic model over a few terms, each a reading of one kind of
//! evidence in log-odds, so that the posterior is prior plus likelihood:
//!
//! - the *channel*: how often the pairs show the spinner writing this
//!   phrase for the canonical (the learned entry's "N of M in spun text
//!   were swaps", smoothed), or the entry's class where a hand-written
//!   entry has no counts;
//! - the *document*: its signal density and spin score (in a densely spun
//!   document every phrase the spinner writes is likelier a swap);
//! - the *language model*: log10 P(canonical wording) - log10 P(observed
//!   wording) with two words of context on each side, and the same
//!   difference without context (how common each wording is by itself).
//!
//! The weights and the threshold are fitted by `unspin learn
//! --decision-model` on out-of-fold candidates of the spun/original pairs
//! (see [`crate::learn::decision`]) and shipped in
//! `dictionaries/decision.toml`. Because the language model's difference
//! enters linearly, a decision is also a margin: the occurrence is
//! restored when the difference exceeds the value at which the
//! probability reaches the threshold, which is what
//! [`Judgement::margin`](crate::Judgement::margin) reports.

// The fit and the samples' details serve `learn` only.
#![cfg_attr(not(feature = "learn"), allow(dead_code))]

use serde::{Deserialize, Serialize};

use crate::decide::evidence::Evidence;
use crate::dict::error::Error;
use crate::format::dict_format::Class;

/// The names of the model's terms, in weight order (the TOML keys).
pub(crate) const TERMS: [&str; TERM_COUNT] = [
    "bias",
    "lm_context",
    "lm_base_rate",
    "channel_log_odds",
    "has_channel",
    "channel_occurrences",
    "ambiguous_class",
    "document_density",
    "document_score",
    "unjudged",
    "independent_texts",
    "vocabulary",
    "document_ambiguous",
];
/// The least ambiguous phrases per 1,000 words of a document in which a
/// common entry or vocabulary word is restored (see
/// [`DecisionModel::context_allows`]).
pub(crate) const COMMON_MIN_AMBIGUOUS: f64 = 40.0;
/// The least context difference (log10) of a vocabulary word restored.
pub(crate) const VOCABULARY_MIN_CONTEXT: f64 = 0.0;

/// The least number of ambiguous phrases of a document in which a common
/// entry or vocabulary word is restored.
pub(crate) const COMMON_MIN_AMBIGUOUS_COUNT: usize = 4;

/// The least context difference (log10) of an ambiguous entry restored:
/// where the context prefers the wording as written by more, it stays
/// ("she had been a teacher").
pub(crate) const AMBIGUOUS_MIN_CONTEXT: f64 = -0.5;

fn no_floor() -> f64 {
    -99.0
}

/// Number of terms.
pub(crate) const TERM_COUNT: usize = 13;

/// The largest |difference| the model reads, in log10: beyond it the
/// trigram model's back-off dominates, not the context.
const CLIP: f64 = 8.0;

/// The counts a learned entry's note carries: "learned: N of M in spun
/// text were swaps (...); K texts; ...".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Channel {
    pub swaps: u32,
    pub occurrences: u32,
    pub texts: u32,
}

impl Channel {
    /// The counts of a note written by the learner, if it is one.
    pub(crate) fn of_note(note: &str) -> Option<Channel> {
        let rest = note.strip_prefix("learned: ")?;
        let (swaps, rest) = rest.split_once(" of ")?;
        let (occurrences, rest) = rest.split_once(' ')?;
        let texts = rest
            .split("; ")
            .find_map(|part| part.strip_suffix(" texts").or(part.strip_suffix(" text")))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        Some(Channel {
            swaps: swaps.parse().ok()?,
            occurrences: occurrences.parse().ok()?,
            texts,
        })
    }
}

/// What the model reads of one candidate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Features {
    /// The language model's difference in context (0 when unjudged).
    pub lm_context: f64,
    /// The difference of the two wordings alone.
    pub lm_base_rate: f64,
    pub channel: Option<Channel>,
    pub class: Class,
    /// Signals per 1,000 words of the document.
    pub density: f64,
    /// The document's spin score.
    pub score: f64,
    /// Ambiguous phrases per 1,000 words of the document: how much of its
    /// wording is the spinner's.
    pub ambiguous: f64,
    /// Ambiguous phrases in the document: a rate over a few words says
    /// little.
    pub ambiguous_count: usize,
    /// The language model cannot judge the pair.
    pub unjudged: bool,
    /// A candidate of the spinner's vocabulary (a word seen swapped), not
    /// a dictionary entry.
    pub vocabulary: bool,
    /// A vocabulary candidate that a second restore would change again (it
    /// is itself a word the spinner writes): never restored, so that a
    /// restored text restores to itself.
    pub restores_again: bool,
}

impl Features {
    /// The document's part of the features.
    pub(crate) fn of_document(evidence: &Evidence) -> Features {
        Features {
            lm_context: 0.0,
            lm_base_rate: 0.0,
            channel: None,
            class: Class::Common,
            density: evidence.per_thousand(),
            score: evidence.spin_score(),
            ambiguous_count: evidence.ambiguous(),
            ambiguous: if evidence.words() == 0 {
                0.0
            } else {
                evidence.ambiguous() as f64 * 1000.0 / evidence.words() as f64
            },
            unjudged: false,
            vocabulary: false,
            restores_again: false,
        }
    }

    /// The terms, in weight order.
    pub(crate) fn terms(&self) -> [f64; TERM_COUNT] {
        let clip = |x: f64| x.clamp(-CLIP, CLIP);
        let (log_odds, has, occurrences, texts) = match self.channel {
            Some(c) => {
                let s = f64::from(c.swaps);
                let o = f64::from(c.occurrences).max(s);
                (
                    ((s + 0.5) / (o - s + 0.5)).ln(),
                    1.0,
                    (1.0 + o).ln(),
                    (1.0 + f64::from(c.texts)).ln(),
                )
            }
            None => (0.0, 0.0, 0.0, 0.0),
        };
        [
            1.0,
            clip(self.lm_context),
            clip(self.lm_base_rate),
            log_odds,
            has,
            occurrences,
            f64::from(u8::from(self.class == Class::Ambiguous)),
            (1.0 + self.density.max(0.0)).ln(),
            (self.score.max(0.0) / 10.0).min(3.0),
            f64::from(u8::from(self.unjudged)),
            texts,
            f64::from(u8::from(self.vocabulary)),
            (1.0 + self.ambiguous.max(0.0)).ln(),
        ]
    }
}

/// The fitted model: one weight a term and the least probability at which
/// an occurrence is restored.
///
/// # Example
///
/// ```
/// let model = unspin::DecisionModel::embedded();
/// assert!(model.threshold() > 0.0 && model.threshold() < 1.0);
/// let again = unspin::DecisionModel::from_toml(&model.to_toml("# a copy")).unwrap();
/// assert_eq!(&again, model);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionModel {
    threshold: f64,
    /// The least language-model difference in context at which a common
    /// entry or a vocabulary candidate is restored, whatever its
    /// probability: such words are ordinary English, and a document full
    /// of fingerprints may still use them as written.
    #[serde(default)]
    common_min_context: f64,
    /// The least language-model difference in context at which an
    /// ambiguous entry the model judges is restored, whatever its
    /// probability.
    #[serde(default = "no_floor")]
    ambiguous_min_context: f64,
    /// The least language-model difference in context at which a word of
    /// the spinner's vocabulary is restored.
    #[serde(default)]
    vocabulary_min_context: f64,
    /// The least rate of ambiguous phrases (per 1,000 words) of a document
    /// in which a common entry or vocabulary word is restored: a document
    /// with a few fingerprints but its own wording is not rewritten word
    /// by word.
    #[serde(default)]
    common_min_ambiguous: f64,
    weights: Weights,
}

/// The weights by name, as the TOML file holds them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Weights {
    bias: f64,
    lm_context: f64,
    lm_base_rate: f64,
    channel_log_odds: f64,
    has_channel: f64,
    channel_occurrences: f64,
    ambiguous_class: f64,
    document_density: f64,
    document_score: f64,
    unjudged: f64,
    independent_texts: f64,
    #[serde(default)]
    vocabulary: f64,
    #[serde(default)]
    document_ambiguous: f64,
}

impl Weights {
    fn from_array(w: [f64; TERM_COUNT]) -> Weights {
        Weights {
            bias: w[0],
            lm_context: w[1],
            lm_base_rate: w[2],
            channel_log_odds: w[3],
            has_channel: w[4],
            channel_occurrences: w[5],
            ambiguous_class: w[6],
            document_density: w[7],
            document_score: w[8],
            unjudged: w[9],
            independent_texts: w[10],
            vocabulary: w[11],
            document_ambiguous: w[12],
        }
    }

    fn to_array(&self) -> [f64; TERM_COUNT] {
        [
            self.bias,
            self.lm_context,
            self.lm_base_rate,
            self.channel_log_odds,
            self.has_channel,
            self.channel_occurrences,
            self.ambiguous_class,
            self.document_density,
            self.document_score,
            self.unjudged,
            self.independent_texts,
            self.vocabulary,
            self.document_ambiguous,
        ]
    }
}

static EMBEDDED: &str = include_str!("../../dictionaries/decision.toml");

impl DecisionModel {
    /// The model shipped in `dictionaries/decision.toml`.
    pub fn embedded() -> &'static DecisionModel {
        static MODEL: std::sync::OnceLock<DecisionModel> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            DecisionModel::from_toml(EMBEDDED)
                .expect("the embedded decision model is checked by a test")
        })
    }

    /// A model from its TOML form (as [`DecisionModel::to_toml`] writes it).
    pub fn from_toml(text: &str) -> Result<DecisionModel, Error> {
        let model: DecisionModel = toml::from_str(text)
            .map_err(|e| Error::manifest("decision model", format!("not a decision model: {e}")))?;
        let finite = model.weights.to_array().iter().all(|w| w.is_finite());
        if !(finite && model.threshold > 0.0 && model.threshold < 1.0) {
            return Err(Error::manifest(
                "decision model",
                "weights must be finite and the threshold between 0 and 1",
            ));
        }
        Ok(model)
    }

    /// The TOML form, after `header` (comment lines: where the weights
    /// come from).
    pub fn to_toml(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!(
            "\n# Restore an occurrence when its probability reaches this.\nthreshold = {:.4}\n\
             # ... and, for a common entry or a vocabulary word, when the language model\n\
             # prefers the canonical in context by at least this (log10).\n\
             common_min_context = {:.2}\n\
             # ... and when the document has at least this many ambiguous phrases per 1,000 words.\n\
             common_min_ambiguous = {:.1}\n\
             # ... and, for an ambiguous entry, when the language model's difference in context\n\
             # is at least this (log10).\n\
             ambiguous_min_context = {:.2}\n\
             # ... and, for a vocabulary word, when it is at least this (log10).\n\
             vocabulary_min_context = {:.2}\n\n[weights]\n",
            self.threshold,
            self.common_min_context,
            self.common_min_ambiguous,
            self.ambiguous_min_context,
            self.vocabulary_min_context
        ));
        for (name, w) in TERMS.iter().zip(self.weights.to_array()) {
            out.push_str(&format!("{name} = {w:.6}\n"));
        }
        out
    }

    /// The least probability at which an occurrence is restored.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    pub(crate) fn new(
        weights: [f64; TERM_COUNT],
        threshold: f64,
        common_min_context: f64,
    ) -> DecisionModel {
        DecisionModel {
            threshold,
            common_min_context,
            common_min_ambiguous: COMMON_MIN_AMBIGUOUS,
            ambiguous_min_context: AMBIGUOUS_MIN_CONTEXT,
            vocabulary_min_context: VOCABULARY_MIN_CONTEXT,
            weights: Weights::from_array(weights),
        }
    }

    /// The least context difference of a common entry or vocabulary word.
    pub(crate) fn common_min_context(&self) -> f64 {
        self.common_min_context
    }

    /// The least context difference of an ambiguous entry.
    pub(crate) fn ambiguous_min_context(&self) -> f64 {
        self.ambiguous_min_context
    }

    /// Whether a candidate with features `f` is restored.
    pub(crate) fn applies(&self, f: &Features) -> bool {
        self.probability(f) >= self.threshold && self.context_allows(f)
    }

    /// Whether the context lets a candidate be restored at all: a common
    /// entry or a vocabulary word needs the language model's preference.
    pub(crate) fn context_allows(&self, f: &Features) -> bool {
        if f.restores_again {
            return false;
        }
        let needs_context = f.vocabulary || f.class == Class::Common;
        if !needs_context {
            return f.unjudged || f.lm_context >= self.ambiguous_min_context;
        }
        !needs_context
            || (!f.unjudged
                && f.lm_context
                    >= if f.vocabulary {
                        self.vocabulary_min_context
                    } else {
                        self.common_min_context
                    }
                && f.ambiguous >= self.common_min_ambiguous
                && f.ambiguous_count >= COMMON_MIN_AMBIGUOUS_COUNT)
    }

    pub(crate) fn weights(&self) -> [f64; TERM_COUNT] {
        self.weights.to_array()
    }

    /// The log-odds of `f`.
    pub(crate) fn log_odds(&self, f: &Features) -> f64 {
        self.weights
            .to_array()
            .iter()
            .zip(f.terms())
            .map(|(w, x)| w * x)
            .sum()
    }

    /// The probability that the candidate `f` is a swap.
    pub(crate) fn probability(&self, f: &Features) -> f64 {
        sigmoid(self.log_odds(f))
    }

    /// The language-model difference at which `f` would reach the
    /// threshold, all else as it is: the occurrence's margin. Infinite
    /// when the model gives the context no weight.
    #[cfg(test)]
    pub(crate) fn margin(&self, f: &Features) -> f64 {
        self.decide(f).margin
    }

    /// Everything the restore reports of one candidate, its terms
    /// computed once (the hot path of a spun document).
    pub(crate) fn decide(&self, f: &Features) -> Decision {
        let w = self.weights.to_array();
        let x = f.terms();
        let z: f64 = w.iter().zip(&x).map(|(a, b)| a * b).sum();
        let probability = sigmoid(z);
        let wc = self.weights.lm_context;
        let rest = z - wc * f.lm_context.clamp(-CLIP, CLIP);
        let target = (self.threshold / (1.0 - self.threshold)).ln();
        let margin = if wc.abs() < 1e-9 {
            if rest >= target {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        } else {
            (target - rest) / wc
        };
        Decision {
            probability,
            margin,
            terms: terms_from(&w, &x),
        }
    }

    /// What each kind of evidence added to `f`'s log-odds.
    pub(crate) fn terms_of(&self, f: &Features) -> DecisionTerms {
        terms_from(&self.weights.to_array(), &f.terms())
    }

    /// The terms of `f`, in words, for reasons.
    pub(crate) fn main_terms(&self, f: &Features) -> String {
        self.terms_of(f).to_string()
    }
}

/// What each kind of evidence added to a candidate's log-odds of being a
/// swap (the bias is the rest).
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore(
///     "Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly.",
/// );
/// let said = r.edits().iter().find(|e| e.original() == "stated").unwrap();
/// let terms = said.judgement().unwrap().terms().unwrap();
/// assert!(terms.language_model() > 0.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DecisionTerms {
    channel: f32,
    document: f32,
    language_model: f32,
}

impl DecisionTerms {
    /// How often the spinner makes this swap: the entry's counts and class.
    pub fn channel(&self) -> f32 {
        self.channel
    }
    /// How spun the document is.
    pub fn document(&self) -> f32 {
        self.document
    }
    /// The language model's judgement of both wordings, in context and
    /// alone.
    pub fn language_model(&self) -> f32 {
        self.language_model
    }
}

impl std::fmt::Display for DecisionTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "channel {:+.1}, document {:+.1}, language model {:+.1} log-odds",
            self.channel, self.document, self.language_model
        )
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// What each kind of evidence added to the log-odds, from the weights `w`
/// and the terms `x`.
fn terms_from(w: &[f64; TERM_COUNT], x: &[f64; TERM_COUNT]) -> DecisionTerms {
    let part = |i: usize| w[i] * x[i];
    let round = |v: f64| ((v * 100.0).round() / 100.0) as f32;
    DecisionTerms {
        channel: round(part(3) + part(4) + part(5) + part(6) + part(10) + part(11)),
        document: round(part(7) + part(8) + part(12)),
        language_model: round(part(1) + part(2) + part(9)),
    }
}

/// One candidate decided: see [`DecisionModel::decide`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Decision {
    pub probability: f64,
    /// The context difference at which the probability reaches the
    /// threshold.
    pub margin: f64,
    pub terms: DecisionTerms,
}

/// Fits a logistic model to `samples` (terms, label, weight) by Newton's
/// method with an L2 penalty `l2` on every weight but the bias. A dozen
/// terms and a few thousand samples: a dense solve per step is enough.
pub(crate) fn fit(samples: &[([f64; TERM_COUNT], bool, f64)], l2: f64) -> [f64; TERM_COUNT] {
    const N: usize = TERM_COUNT;
    let mut w = [0.0; N];
    for _ in 0..50 {
        let mut grad = [0.0; N];
        let mut hess = [[0.0; N]; N];
        for (x, y, weight) in samples {
            let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
            let p = sigmoid(z);
            let r = p - f64::from(u8::from(*y));
            let s = (p * (1.0 - p)).max(1e-9);
            for i in 0..N {
                grad[i] += weight * r * x[i];
                for j in 0..N {
                    hess[i][j] += weight * s * x[i] * x[j];
                }
            }
        }
        for i in 1..N {
            grad[i] += l2 * w[i];
            hess[i][i] += l2;
        }
        for (i, row) in hess.iter_mut().enumerate() {
            row[i] += 1e-9;
        }
        let step = solve(hess, grad);
        let mut biggest: f64 = 0.0;
        for i in 0..N {
            w[i] -= step[i];
            biggest = biggest.max(step[i].abs());
        }
        if biggest < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> [f64; N] {
    for col in 0..N {
        let pivot = (col..N)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-300 {
            continue;
        }
        for row in col + 1..N {
            let f = a[row][col] / d;
            if f == 0.0 {
                continue;
            }
            let pivot_row = a[col];
            for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; N];
    for row in (0..N).rev() {
        let mut s = b[row];
        for k in row + 1..N {
            s -= a[row][k] * x[k];
        }
        x[row] = if a[row][row].abs() < 1e-300 {
            0.0
        } else {
            s / a[row][row]
        };
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_of_the_learner_give_their_counts() {
        let c = Channel::of_note(
            "learned: 18 of 32 in spun text were swaps (0.56); 11 texts; 9 in originals; lift 3.2",
        )
        .unwrap();
        assert_eq!((c.swaps, c.occurrences, c.texts), (18, 32, 11));
        assert_eq!(Channel::of_note("Hegseth article, 2025"), None);
    }

    #[test]
    fn the_embedded_model_reads_and_round_trips() {
        let m = DecisionModel::embedded();
        assert_eq!(&DecisionModel::from_toml(&m.to_toml("# x")).unwrap(), m);
        assert!(DecisionModel::from_toml("threshold = 2.0\n[weights]\n").is_err());
    }

    #[test]
    fn the_margin_is_where_the_probability_reaches_the_threshold() {
        let m = DecisionModel::embedded();
        let mut f = Features {
            lm_context: 0.0,
            lm_base_rate: 0.3,
            channel: Some(Channel {
                swaps: 5,
                occurrences: 9,
                texts: 3,
            }),
            class: Class::Common,
            density: 6.0,
            score: 12.0,
            ambiguous: 40.0,
            ambiguous_count: 8,
            unjudged: false,
            vocabulary: false,
            restores_again: false,
        };
        f.lm_context = m.margin(&f);
        assert!((m.probability(&f) - m.threshold()).abs() < 1e-6);
    }

    /// A synthetic spinner: swaps are likelier where its channel says so
    /// and where the language model prefers the canonical; the fit finds
    /// both effects and ranks held-out candidates well.
    #[test]
    fn fitting_recovers_a_synthetic_spinner() {
        // A small deterministic generator (xorshift) keeps the test exact.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let true_w = [
            -1.0, 1.5, 0.0, 0.8, 0.0, 0.0, 0.5, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0,
        ];
        let mut samples = Vec::new();
        for _ in 0..4000 {
            let occurrences = 1 + (next() * 40.0) as u32;
            let swaps = (next() * f64::from(occurrences + 1)) as u32;
            let f = Features {
                lm_context: next() * 6.0 - 3.0,
                lm_base_rate: next() * 2.0 - 1.0,
                channel: Some(Channel {
                    swaps: swaps.min(occurrences),
                    occurrences,
                    texts: 1 + (next() * 5.0) as u32,
                }),
                class: if next() < 0.3 {
                    Class::Ambiguous
                } else {
                    Class::Common
                },
                density: next() * 30.0,
                score: next() * 20.0,
                ambiguous: next() * 80.0,
                ambiguous_count: 10,
                unjudged: false,
                vocabulary: false,
                restores_again: false,
            };
            let x = f.terms();
            let z: f64 = true_w.iter().zip(&x).map(|(a, b)| a * b).sum();
            samples.push((x, next() < sigmoid(z), 1.0));
        }
        let w = fit(&samples, 1.0);
        assert!((w[1] - 1.5).abs() < 0.3, "lm weight {}", w[1]);
        assert!((w[3] - 0.8).abs() < 0.3, "channel weight {}", w[3]);
        assert!((w[7] - 0.7).abs() < 0.4, "density weight {}", w[7]);
        assert!(w[2].abs() < 0.3, "base-rate weight {}", w[2]);
    }
}
