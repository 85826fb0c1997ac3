//! Fitting the decision model on spun/original pairs.
//!
//! The model must be fitted on what it will see on text nobody mined, so
//! its samples are out of fold: the pairs' groups (variants of one
//! original stay together) are dealt into folds; for each fold the
//! dictionary is learned from the other folds, and the fold's spun texts
//! are restored with it. Every ambiguous or common occurrence the restore
//! judges becomes a sample, labelled by what applying it alone does to the
//! word-level distance from the original: a swap undone (gain > 0) or not.
//! The weights are those of a logistic regression over all samples; the
//! threshold is the probability at which applying everything above it
//! undoes the most damage net of the damage it does, with no occurrence in
//! a held-out original applied.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::{Corpus, Learner};
use crate::decide::model::{fit, DecisionModel, TERM_COUNT};
use crate::dict::dictionary::Dictionary;
use crate::format::tokenize::{folded, tokenize_into, Token};
use crate::restore::RestorerBuilder;
use crate::suggest::vocabulary::Vocabulary;

/// The L2 penalty of the fit: enough to keep a term that few samples
/// show near zero.
const L2: f64 = 1.0;

/// How to fit.
#[derive(Clone, Debug)]
pub struct DecisionFitter {
    folds: usize,
    rounds: usize,
    damage_cost: f64,
    common_min_context: f64,
}

/// What a word-level error an edit adds costs against one it removes,
/// when the threshold is chosen: damage is worse than doing nothing.
pub const DEFAULT_DAMAGE_COST: f64 = 2.0;

/// The least language-model difference in context of a common entry or
/// vocabulary word that is restored (see [`DecisionFitter::common_min_context`]).
pub const DEFAULT_COMMON_MIN_CONTEXT: f64 = 0.3;

impl Default for DecisionFitter {
    fn default() -> DecisionFitter {
        DecisionFitter {
            folds: 5,
            rounds: 2,
            damage_cost: DEFAULT_DAMAGE_COST,
            common_min_context: DEFAULT_COMMON_MIN_CONTEXT,
        }
    }
}

/// One labelled candidate.
#[derive(Clone, Debug)]
struct Labelled {
    terms: [f64; TERM_COUNT],
    /// The context lets it be restored (see [`DecisionModel::context_allows`]).
    allowed: bool,
    /// Word-level errors applying it alone removes (negative: adds).
    gain: i32,
    /// A held-out original: any edit there is damage.
    clean: bool,
}

/// What a fit found.
#[derive(Clone, Debug)]
pub struct DecisionFit {
    model: DecisionModel,
    report: String,
}

impl DecisionFit {
    /// The fitted model.
    pub fn model(&self) -> &DecisionModel {
        &self.model
    }
    /// The fit in words: samples, weights, the threshold and what it
    /// gains out of fold.
    pub fn report(&self) -> &str {
        &self.report
    }
}

impl DecisionFitter {
    /// The default: 5 folds, 2 rounds (the second restores the training
    /// texts with the first round's model, so the context each candidate
    /// is judged in is read as the fitted model would restore it).
    pub fn new() -> DecisionFitter {
        DecisionFitter::default()
    }

    /// What an error an edit adds costs against one it removes, when the
    /// threshold is chosen (default [`DEFAULT_DAMAGE_COST`]).
    pub fn damage_cost(mut self, cost: f64) -> DecisionFitter {
        self.damage_cost = cost.max(0.0);
        self
    }

    /// The least language-model difference in context (log10) at which a
    /// common entry or a vocabulary word is restored, whatever its
    /// probability (default [`DEFAULT_COMMON_MIN_CONTEXT`]).
    pub fn common_min_context(mut self, log10: f64) -> DecisionFitter {
        self.common_min_context = log10;
        self
    }

    /// Number of folds (at least 2).
    pub fn folds(mut self, n: usize) -> DecisionFitter {
        self.folds = n.max(2);
        self
    }

    /// Fits the model on `corpus`. `learner` learns each fold's
    /// dictionary (as `unspin learn` does); `base` is the restorer to
    /// start from (its learned dictionary is replaced by the fold's).
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::learn::{Corpus, DecisionFitter, Learner};
    /// let mut corpus = Corpus::new();
    /// for i in 0..4 {
    ///     corpus.add_pair(
    ///         &format!("t{i}"),
    ///         &format!("The Protection Secretary stated plan {i} at the U.Okay. assembly."),
    ///         &format!("The Defense Secretary said plan {i} at the U.K. assembly."),
    ///     );
    /// }
    /// let fit = DecisionFitter::new().folds(2).fit(&corpus, &Learner::new(), &unspin::Restorer::builder());
    /// assert!(fit.model().threshold() > 0.0);
    /// ```
    pub fn fit(&self, corpus: &Corpus, learner: &Learner, base: &RestorerBuilder) -> DecisionFit {
        let groups = corpus.groups();
        let folds: Vec<Vec<usize>> = (0..self.folds)
            .map(|k| {
                groups
                    .iter()
                    .enumerate()
                    .filter(|(g, _)| g % self.folds == k)
                    .flat_map(|(_, members)| members.iter().copied())
                    .collect()
            })
            .filter(|f: &Vec<usize>| !f.is_empty())
            .collect();
        let learned: Vec<(Dictionary, Vocabulary)> = folds
            .iter()
            .map(|members| {
                let rest = corpus.without(members);
                let l = learner.learn(&rest);
                let dictionary = Dictionary::from_tsv("learned-fold", &l.to_tsv(""))
                    .expect("learned entries are well-formed");
                (dictionary, rest.vocabulary())
            })
            .collect();
        let mut builder = base.clone();
        // Only the context floor counts in it, to tell which candidates
        // the context allows.
        let floor = DecisionModel::new([0.0; TERM_COUNT], 0.5, self.common_min_context);
        let mut samples = Vec::new();
        let mut weights = [0.0; TERM_COUNT];
        let mut threshold = 0.5;
        for _ in 0..self.rounds {
            samples.clear();
            for (members, (dictionary, vocabulary)) in folds.iter().zip(&learned) {
                let restorer = builder
                    .clone()
                    .disable_dictionary("learned")
                    .dictionary(dictionary.clone())
                    .vocabulary(vocabulary.clone())
                    .build();
                let mut originals_seen = Vec::new();
                for &i in members {
                    let pair = &corpus.pairs[i];
                    let aligned = Aligned::new(&pair.spun_text, &pair.original_text);
                    let (_, found) = restorer.decision_samples(&pair.spun_text);
                    for s in found {
                        if let Some(gain) = aligned.gain(s.start, s.end, &s.canonical) {
                            samples.push(Labelled {
                                terms: s.features.terms(),
                                allowed: floor.context_allows(&s.features),
                                gain,
                                clean: false,
                            });
                        }
                    }
                    if !originals_seen.contains(&&pair.original_text) {
                        originals_seen.push(&pair.original_text);
                        let (_, found) = restorer.decision_samples(&pair.original_text);
                        samples.extend(found.into_iter().map(|s| Labelled {
                            terms: s.features.terms(),
                            allowed: floor.context_allows(&s.features),
                            gain: -1,
                            clean: true,
                        }));
                    }
                }
            }
            // The model is fitted on the candidates the context allows:
            // the others are never restored.
            samples.retain(|s| s.allowed);
            let data: Vec<([f64; TERM_COUNT], bool, f64)> =
                samples.iter().map(|s| (s.terms, s.gain > 0, 1.0)).collect();
            weights = fit(&data, L2);
            threshold = best_threshold(&weights, &samples, self.damage_cost);
            builder = builder.decision_model(DecisionModel::new(
                weights,
                threshold,
                self.common_min_context,
            ));
        }
        let model = DecisionModel::new(weights, threshold, self.common_min_context);
        let report = report(&model, &samples);
        DecisionFit { model, report }
    }
}

fn probability(w: &[f64; TERM_COUNT], x: &[f64; TERM_COUNT]) -> f64 {
    let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The threshold (in steps of 0.01 from 0.2 to 0.95) whose applied
/// samples gain the most, with no held-out original's occurrence applied
/// where any threshold avoids it.
fn best_threshold(w: &[f64; TERM_COUNT], samples: &[Labelled], damage_cost: f64) -> f64 {
    let p: Vec<f64> = samples.iter().map(|s| probability(w, &s.terms)).collect();
    let clean_max = samples
        .iter()
        .zip(&p)
        .filter(|(s, _)| s.clean)
        .map(|(_, &p)| p)
        .fold(0.0, f64::max);
    let mut best = (f64::NEG_INFINITY, 0.5);
    for step in 20..=95 {
        let t = f64::from(step) / 100.0;
        if t <= clean_max && clean_max < 0.95 {
            continue;
        }
        let gain: f64 = samples
            .iter()
            .zip(&p)
            .filter(|(_, &p)| p >= t)
            .map(|(s, _)| {
                let g = f64::from(s.gain);
                if g < 0.0 {
                    g * damage_cost
                } else {
                    g
                }
            })
            .sum();
        if gain > best.0 {
            best = (gain, t);
        }
    }
    best.1
}

fn report(model: &DecisionModel, samples: &[Labelled]) -> String {
    let w = model.weights();
    let t = model.threshold();
    let swaps = samples.iter().filter(|s| s.gain > 0).count();
    let mut applied = (0usize, 0i64);
    let mut log_loss = 0.0;
    for s in samples {
        let p = probability(&w, &s.terms).clamp(1e-9, 1.0 - 1e-9);
        log_loss -= if s.gain > 0 { p.ln() } else { (1.0 - p).ln() };
        if p >= t {
            applied.0 += 1;
            applied.1 += i64::from(s.gain);
        }
    }
    let available: i64 = samples.iter().map(|s| i64::from(s.gain.max(0))).sum();
    let mut out = format!(
        "decision model: {} out-of-fold candidates ({} swaps undone when applied alone, {} in held-out originals); mean log-loss {:.3}\n\
         threshold {t:.2}: {} applied, net word errors removed {} of {} that the candidates could remove\n",
        samples.len(),
        swaps,
        samples.iter().filter(|s| s.clean).count(),
        log_loss / samples.len().max(1) as f64,
        applied.0,
        applied.1,
        available,
    );
    for (name, w) in crate::decide::model::TERMS.iter().zip(w) {
        out.push_str(&format!("  {name:<20} {w:+.3}\n"));
    }
    out
}

/// A spun text aligned with its original, token by token (folded), to
/// label candidates.
struct Aligned {
    spun: Vec<Token>,
    spun_words: Vec<String>,
    original_words: Vec<String>,
    /// The original token each spun token is equal to, if any.
    map: Vec<Option<usize>>,
}

/// The tokens of `text` and each one folded, as the matcher folds them.
fn folded_words(text: &str) -> (Vec<Token>, Vec<String>) {
    let mut tokens = Vec::new();
    tokenize_into(text, &[], &mut tokens);
    let words = tokens
        .iter()
        .map(|t| String::from_utf8(folded(&text[t.start..t.end])).unwrap_or_default())
        .collect();
    (tokens, words)
}

/// Widest window (tokens a side) a label is computed over.
const MAX_WINDOW: usize = 60;

impl Aligned {
    fn new(spun: &str, original: &str) -> Aligned {
        let (spun_tokens, spun_words) = folded_words(spun);
        let (_, original_words) = folded_words(original);
        let mut map = vec![None; spun_words.len()];
        for op in capture_diff_slices(Algorithm::Myers, &spun_words, &original_words) {
            let (tag, s, o) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                for (i, j) in s.zip(o) {
                    map[i] = Some(j);
                }
            }
        }
        Aligned {
            spun: spun_tokens,
            spun_words,
            original_words,
            map,
        }
    }

    /// Word-level errors against the original removed by replacing the
    /// spun bytes `start..end` with `canonical` (negative: added), over
    /// the window between the nearest tokens left equal on either side.
    /// `None` where the window is too wide to tell.
    fn gain(&self, start: usize, end: usize, canonical: &str) -> Option<i32> {
        let a = self.spun.partition_point(|t| t.end <= start);
        let b = self.spun.partition_point(|t| t.start < end);
        if a >= b {
            return None;
        }
        let mut l = a;
        while l > 0 && self.map[l - 1].is_none() {
            l -= 1;
        }
        let mut r = b;
        while r < self.map.len() && self.map[r].is_none() {
            r += 1;
        }
        let o_start = if l == 0 { 0 } else { self.map[l - 1]? + 1 };
        let o_end = if r == self.map.len() {
            self.original_words.len()
        } else {
            self.map[r]?
        };
        if r - l > MAX_WINDOW || o_end.saturating_sub(o_start) > MAX_WINDOW || o_end < o_start {
            return None;
        }
        let original = &self.original_words[o_start..o_end];
        let before: Vec<&str> = self.spun_words[l..r].iter().map(String::as_str).collect();
        let (_, replacement) = folded_words(canonical);
        let mut after: Vec<&str> = self.spun_words[l..a].iter().map(String::as_str).collect();
        after.extend(replacement.iter().map(String::as_str));
        after.extend(self.spun_words[b..r].iter().map(String::as_str));
        let original: Vec<&str> = original.iter().map(String::as_str).collect();
        let distance = |b: &Vec<&str>| strsim::generic_levenshtein(&original, b) as i32;
        Some(distance(&before) - distance(&after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_undone_gains_and_a_genuine_word_changed_loses() {
        let spun = "He stated that the battle was the stated goal.";
        let original = "He said that the war was the stated goal.";
        let a = Aligned::new(spun, original);
        let at = |w: &str, nth: usize| spun.match_indices(w).nth(nth).unwrap().0;
        let stated = at("stated", 0);
        assert_eq!(a.gain(stated, stated + 6, "said"), Some(1));
        let battle = at("battle", 0);
        assert_eq!(a.gain(battle, battle + 6, "war"), Some(1));
        let goal = at("stated", 1);
        assert_eq!(a.gain(goal, goal + 6, "said"), Some(-1));
    }
}
