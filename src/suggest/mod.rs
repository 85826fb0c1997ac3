//! Suggestions for spun words that no dictionary entry covers.
//!
//! In a document shown to be spun, a word the spinner's [`Vocabulary`]
//! lists, that no edit covers, gets up to [`MAX_CANDIDATES`] candidate
//! originals: the words the pairs show it replacing, each scored by the
//! language model in its context (the two-words-each-side comparison of
//! the ambiguous entries) plus half the log10 share of the word's swaps
//! that were for it (the prior). Only candidates the model finds plausible
//! in context are kept: no more than 1,000 times less probable than the
//! observed word. A word gets suggestions only where at least a fifth of
//! its occurrences in the learned pairs were swaps.

pub(crate) mod vocabulary;

use std::ops::Range;

use serde::Serialize;

use crate::decide::context::{words_after, words_before, InPlace};
use crate::decide::evidence::Evidence;
use crate::decide::lm::{LanguageModel, Window};
use crate::decide::model::{Channel, DecisionModel, Features};
use crate::format::tokenize::{folded, Token, TokenKind};
use crate::rewrite::case::transfer_case;
use vocabulary::Vocabulary;

/// Most candidates a suggestion carries.
pub(crate) const MAX_CANDIDATES: usize = 3;

/// The least language-model difference, log10 P(candidate in context) -
/// log10 P(observed word in context), for a candidate to be kept.
pub(crate) const MIN_DIFFERENCE: f32 = -3.0;

/// The least share of a word's occurrences in the spun texts that were
/// swaps, for it to get suggestions: below it the word is mostly genuine.
pub(crate) const MIN_SWAP_RATE: f64 = 0.2;

/// The weight of the prior (log10 share of the word's swaps) against the
/// language model's difference in a candidate's score.
pub(crate) const PRIOR_WEIGHT: f32 = 0.5;

/// A word the spinner is known to write, that no entry restores, with the
/// originals it may stand for, best first. Reported, not applied (unless
/// [`RestorerBuilder::apply_suggestions`](crate::RestorerBuilder::apply_suggestions)).
///
/// # Example
///
/// ```
/// let text = "The Protection Secretary met the U.Okay. team. That is precisely the point.";
/// let r = unspin::Restorer::new().restore(text);
/// let s = &r.suggestions()[0];
/// assert_eq!((s.original(), &text[s.span()]), ("precisely", "precisely"));
/// assert_eq!(s.candidates()[0].replacement(), "exactly");
/// println!("{}", s.reason());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub(crate) start: usize,
    pub(crate) end: usize,
    original: String,
    pub(crate) candidates: Vec<Candidate>,
    reason: String,
}

impl Suggestion {
    /// The byte range of the word in the input.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The word as it is in the input.
    pub fn original(&self) -> &str {
        &self.original
    }
    /// One to three candidate originals, best first.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }
    /// Why the word got suggestions, in words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// One candidate original of a [`Suggestion`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub(crate) replacement: String,
    score: f32,
    difference: f32,
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f32>,
    #[serde(skip)]
    pub(crate) features: Option<Features>,
}

impl Candidate {
    /// The candidate, in the case of the word it would replace.
    pub fn replacement(&self) -> &str {
        &self.replacement
    }
    /// Its rank score in log10: the language model's
    /// [`difference`](Candidate::difference) plus half the log10 share of
    /// the word's swaps that were for this candidate. Higher is better.
    pub fn score(&self) -> f32 {
        self.score
    }
    /// log10 P(candidate in context) - log10 P(observed word in context),
    /// two words of context on each side.
    pub fn difference(&self) -> f32 {
        self.difference
    }
    /// Times the spun/original pairs show the word replacing it.
    pub fn count(&self) -> usize {
        self.count
    }
    /// The decision model's probability that the word is a swap for this
    /// candidate (see [`DecisionModel`](crate::DecisionModel)).
    pub fn probability(&self) -> Option<f32> {
        self.probability
    }
}

/// The suggestions for the words of `tokens` (a chunk's, `text`) that no
/// `taken` span covers, their context read with `edits` applied (sorted,
/// disjoint spans with their replacements).
pub(crate) fn suggest(
    lm: &LanguageModel,
    vocabulary: &Vocabulary,
    text: &str,
    tokens: &[Token],
    edits: &[(Range<usize>, &str)],
    taken: &[Range<usize>],
    decision: Option<(&DecisionModel, &Evidence)>,
) -> Vec<Suggestion> {
    // The edit covering each token, if any, and the first and last token
    // of each edit.
    let mut edit_of = vec![None; tokens.len()];
    let mut edit_tokens = vec![(usize::MAX, 0); edits.len()];
    let mut k = 0;
    for (i, t) in tokens.iter().enumerate() {
        while k < edits.len() && edits[k].0.end <= t.start {
            k += 1;
        }
        if k < edits.len() && edits[k].0.start < t.end {
            edit_of[i] = Some(k);
            let (first, last) = &mut edit_tokens[k];
            *first = (*first).min(i);
            *last = i;
        }
    }
    let mut covered = vec![false; tokens.len()];
    let mut k = 0;
    for (i, t) in tokens.iter().enumerate() {
        while k < taken.len() && taken[k].end <= t.start {
            k += 1;
        }
        covered[i] = edit_of[i].is_some() || (k < taken.len() && taken[k].start < t.end);
    }
    // The context as restored by the edits.
    let in_place = |j: usize| {
        edit_of[j].map(|e: usize| InPlace {
            phrase: edits[e].1,
            first: edit_tokens[e].0,
            last: edit_tokens[e].1,
        })
    };
    let mut out = Vec::new();
    let mut window = Window::default();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || covered[i] {
            continue;
        }
        let word = &text[t.start..t.end];
        let key = String::from_utf8(folded(word)).expect("folding keeps UTF-8");
        let Some(spun) = vocabulary.get(&key) else {
            continue;
        };
        if spun.swap_rate() < MIN_SWAP_RATE {
            continue;
        }
        let swaps = spun.swaps().max(1) as f32;
        window.clear();
        words_before(text, tokens, i, in_place, &mut window);
        words_after(text, tokens, i, in_place, &mut window);
        let mut candidates: Vec<Candidate> = Vec::new();
        // The observed word alone, for every candidate's base rate.
        let observed_log10 = decision.map(|_| lm.phrase_log10(&[key.as_str()]));
        for (original, count) in spun.originals() {
            if *original == key {
                continue;
            }
            window.mangled.clear();
            window.canonical.clear();
            window.mangled.push_folded(word);
            window.canonical.push_phrase(original, &mut window.tokens);
            let difference = round(lm.compare(&mut window));
            if difference < MIN_DIFFERENCE {
                continue;
            }
            let prior = (*count as f32 / swaps).log10();
            let features = decision
                .zip(observed_log10)
                .map(|((_, evidence), observed)| Features {
                    lm_context: f64::from(difference),
                    lm_base_rate: f64::from(
                        lm.phrase_log10(&original.split(' ').collect::<Vec<_>>()) - observed,
                    ),
                    channel: Some(Channel {
                        swaps: u32::try_from(*count).unwrap_or(u32::MAX),
                        occurrences: u32::try_from(spun.occurrences()).unwrap_or(u32::MAX),
                        texts: 1,
                    }),
                    vocabulary: true,
                    restores_again: false,
                    ..Features::of_document(evidence)
                });
            let probability = decision
                .zip(features.as_ref())
                .map(|((model, _), f)| round(model.probability(f) as f32));
            candidates.push(Candidate {
                replacement: transfer_case(word, original),
                score: round(difference + PRIOR_WEIGHT * prior),
                difference,
                count: *count,
                probability,
                features,
            });
        }
        if candidates.is_empty() {
            continue;
        }
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.count.cmp(&a.count))
                .then_with(|| a.replacement.cmp(&b.replacement))
        });
        candidates.truncate(MAX_CANDIDATES);
        let reason = format!(
            "the learned pairs show the spinner writing {key:?} for another word in {} of its {} uses; candidates: the words it replaced, ranked by the language model in context and how often each was replaced",
            spun.swaps(),
            spun.occurrences(),
        );
        out.push(Suggestion {
            start: t.start,
            end: t.end,
            original: word.to_string(),
            candidates,
            reason,
        });
    }
    out
}

/// Two decimals: the model's values are steps of 0.05.
fn round(x: f32) -> f32 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tokenize::tokenize_into;

    fn tokens(text: &str) -> Vec<Token> {
        let mut t = Vec::new();
        tokenize_into(text, &[], &mut t);
        t
    }

    fn vocabulary() -> Vocabulary {
        Vocabulary::from_tsv(
            "v",
            "metropolis\t4\tcity:3 capital:1\nbattle\t10\twar:3 fight:2 zzzq:1\nthe\t1000\ta:100\n",
        )
        .unwrap()
    }

    #[test]
    fn candidates_are_ranked_and_keep_case() {
        let text = "Crowds filled the Metropolis on Monday.";
        let s = suggest(
            LanguageModel::embedded(),
            &vocabulary(),
            text,
            &tokens(text),
            &[],
            &[],
            None,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].original(), "Metropolis");
        assert_eq!(&text[s[0].span()], "Metropolis");
        let c: Vec<&str> = s[0].candidates().iter().map(|c| c.replacement()).collect();
        assert_eq!(c[0], "City");
        assert!(s[0]
            .candidates()
            .windows(2)
            .all(|w| w[0].score() >= w[1].score()));
    }

    #[test]
    fn implausible_candidates_and_rare_swaps_are_left_out() {
        let text = "The battle went on.";
        let s = suggest(
            LanguageModel::embedded(),
            &vocabulary(),
            text,
            &tokens(text),
            &[],
            &[],
            None,
        );
        // "the" is swapped in a tenth of its uses: no suggestion.
        assert_eq!(s.len(), 1);
        // A word the model does not know is far less probable in context.
        assert!(s[0].candidates().iter().all(|c| c.replacement() != "zzzq"));
    }

    #[test]
    fn words_an_edit_or_a_taken_span_covers_get_none() {
        let text = "The battle in the metropolis.";
        let b = text.find("battle").unwrap();
        let m = text.find("metropolis").unwrap();
        let taken: Vec<Range<usize>> = std::iter::once(m..m + 10).collect();
        let s = suggest(
            LanguageModel::embedded(),
            &vocabulary(),
            text,
            &tokens(text),
            &[(b..b + 6, "war")],
            &taken,
            None,
        );
        assert!(s.is_empty());
    }
}
