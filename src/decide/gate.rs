//! The gate: from the document's evidence of spin and the language
//! model's scores, a verdict on each ambiguous or common match. The
//! margin the model must clear falls as the document shows more spin.

use serde::Serialize;

use crate::decide::context::{words_after, words_before, InPlace};
use crate::decide::evidence::{Evidence, Thresholds};
use crate::decide::lm::{LanguageModel, Sequence, Window};
use crate::decide::model::{Channel, DecisionModel, DecisionTerms, Features};
use crate::find::lexicon::{Hit, Lexicon};
use crate::format::dict_format::Class;
use crate::format::tokenize::Token;

/// Signal density (per 1,000 words) at and below which the weak margin
/// applies.
pub(crate) const WEAK_SPIN: f64 = 2.0;
/// Signal density (per 1,000 words) at and above which the strong margin
/// applies. Between the two the margin moves linearly with the logarithm
/// of the density.
pub(crate) const STRONG_SPIN: f64 = 20.0;
/// Spin score at and above which the strong margin applies to a document
/// that shows spin by its score rather than by its signals (one full of
/// the spinner's ordinary words, with few fingerprints); from the
/// detection threshold up, the margin moves with the logarithm of the
/// score.
pub(crate) const STRONG_SCORE: f64 = 20.0;
/// The margin of an occurrence nothing in its context could restore.
const NO_MARGIN: f32 = 99.0;
/// The least language-model margin of a `common` entry, in log10: the
/// canonical wording must be this much more probable in context, however
/// spun the document is.
const COMMON_MIN_MARGIN: f64 = 0.5;

/// The margins of the language-model gate, in log10.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Margins {
    /// The margin at [`WEAK_SPIN`] and below.
    pub(crate) weak: f64,
    /// The margin at [`STRONG_SPIN`] and above.
    pub(crate) strong: f64,
}

impl Margins {
    /// The margin for a document with `per_thousand` signals per 1,000
    /// words: the document's spin is the prior odds that an occurrence is
    /// spun, so the more spin, the less the context has to prefer the
    /// canonical wording.
    #[cfg(test)]
    pub(crate) fn at(self, per_thousand: f64) -> f64 {
        self.between(density_strength(per_thousand))
    }

    /// The margin a strength `t` in `0..=1` gives: `weak` at 0, `strong`
    /// at 1.
    fn between(self, t: f64) -> f64 {
        self.weak + (self.strong - self.weak) * t
    }

    /// The margin for `evidence`, and whether its spin score (rather than
    /// its signal density) set it.
    pub(crate) fn for_evidence(self, evidence: &Evidence, threshold: f64) -> (f64, bool) {
        let by_density = density_strength(evidence.per_thousand());
        let by_score = score_strength(evidence.spin_score(), threshold);
        if by_score > by_density {
            (self.between(by_score), true)
        } else {
            (self.between(by_density), false)
        }
    }
}

/// How strongly a signal density shows spin, from 0 (at [`WEAK_SPIN`] or
/// less) to 1 (at [`STRONG_SPIN`] or more), on a log scale.
fn density_strength(per_thousand: f64) -> f64 {
    if per_thousand <= WEAK_SPIN {
        return 0.0;
    }
    if per_thousand >= STRONG_SPIN {
        return 1.0;
    }
    (per_thousand / WEAK_SPIN).log10() / (STRONG_SPIN / WEAK_SPIN).log10()
}

/// How strongly a spin score shows spin, from 0 (at the detection
/// threshold or less) to 1 (at [`STRONG_SCORE`] or more), on a log scale.
fn score_strength(score: f64, threshold: f64) -> f64 {
    let threshold = threshold.max(0.1);
    if score <= threshold || STRONG_SCORE <= threshold {
        return 0.0;
    }
    ((score / threshold).log10() / (STRONG_SCORE / threshold).log10()).min(1.0)
}

/// How the language model judged one occurrence of an ambiguous entry.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore(
///     "Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly.",
/// );
/// let said = r.edits().iter().find(|e| e.original() == "stated").unwrap();
/// let j = said.judgement().unwrap();
/// assert!(j.difference() > j.margin());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Judgement {
    difference: f32,
    margin: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<DecisionTerms>,
}

impl Judgement {
    /// log10 P(canonical wording) - log10 P(observed wording), each with the
    /// same two words of context on either side: how many powers of ten
    /// the model prefers the canonical wording by (negative when it
    /// prefers the observed one).
    pub fn difference(&self) -> f32 {
        self.difference
    }
    /// The margin the difference had to exceed, given the document's spin.
    pub fn margin(&self) -> f32 {
        self.margin
    }
    /// Whether the occurrence was restored: the difference exceeds the
    /// margin.
    pub fn restores(&self) -> bool {
        self.difference > self.margin
    }
    /// The decision model's probability that the occurrence is a swap
    /// (see [`DecisionModel`]); `None` where hand-set margins decided
    /// ([`RestorerBuilder::language_model_margins`](crate::RestorerBuilder::language_model_margins)).
    pub fn probability(&self) -> Option<f32> {
        self.probability
    }
    /// What the channel, the document and the language model each added
    /// to the probability's log-odds; `None` where hand-set margins
    /// decided.
    pub fn terms(&self) -> Option<DecisionTerms> {
        self.terms
    }
}

/// A candidate the decision model read: where, what it would write, and
/// what the model saw. Collected for fitting the model.
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "learn"), allow(dead_code))]
pub(crate) struct Sample {
    pub start: usize,
    pub end: usize,
    pub canonical: String,
    pub features: Features,
}

/// How an ambiguous hit was decided.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// By the document gate alone (no language model, or a fingerprint).
    Document,
    /// By the document gate: the language model does not judge the entry.
    Unjudged,
    /// The language model prefers the canonical wording by the margin.
    Apply(Judgement),
    /// The language model does not.
    Skip(Judgement),
    /// Left alone without a judgement: a common entry the language
    /// model cannot judge, or a canonical that would put an article after
    /// a determiner.
    Drop,
}

/// Judges every ambiguous hit with the language model, left to right.
/// The context of a hit is read as restored so far: fingerprints are
/// restored, ambiguous hits before it as decided, those after it as
/// found.
#[allow(clippy::too_many_arguments)]
pub(crate) fn judge(
    lm: &LanguageModel,
    lexicon: &Lexicon,
    text: &str,
    tokens: &[Token],
    hits: &[Hit],
    margin: f64,
    decision: Option<(&DecisionModel, &Evidence)>,
    mut samples: Option<&mut Vec<Sample>>,
) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Document; hits.len()];
    if hits
        .iter()
        .all(|h| lexicon.entry(h.entry).class() == Class::Fingerprint)
    {
        return verdicts;
    }
    const NONE: u32 = u32::MAX;
    let mut owner = vec![NONE; tokens.len()];
    let mut restored = vec![false; hits.len()];
    for (i, h) in hits.iter().enumerate() {
        owner[h.first..=h.last].fill(i as u32);
        restored[i] = lexicon.entry(h.entry).class() == Class::Fingerprint;
    }
    let mut window = Window::default();
    // Each entry's counts, read from its note once per chunk.
    let mut channels: foldhash::HashMap<usize, Option<Channel>> = Default::default();
    for (i, hit) in hits.iter().enumerate() {
        let entry = lexicon.entry(hit.entry);
        if entry.class() == Class::Fingerprint {
            continue;
        }
        window.clear();
        window
            .mangled
            .push_phrase(entry.mangled(), &mut window.tokens);
        window
            .canonical
            .push_phrase(entry.canonical(), &mut window.tokens);
        let channel = match decision {
            Some(_) => *channels
                .entry(hit.entry)
                .or_insert_with(|| entry.note().and_then(Channel::of_note)),
            None => None,
        };
        let features = |lm_context: f64, lm_base_rate: f64, unjudged: bool| {
            decision.map(|(_, evidence)| Features {
                lm_context,
                lm_base_rate,
                channel,
                class: entry.class(),
                unjudged,
                ..Features::of_document(evidence)
            })
        };
        let mut record = |f: &Option<Features>| {
            if let (Some(samples), Some(f)) = (samples.as_deref_mut(), f) {
                samples.push(Sample {
                    start: hit.start,
                    end: hit.end,
                    canonical: lexicon.canonical_of(hit).to_string(),
                    features: *f,
                });
            }
        };
        if !lm.judges(&window.mangled, &window.canonical) {
            // A common word is restored only on the model's word.
            let common = entry.class() == Class::Common;
            let f = features(0.0, 0.0, true);
            record(&f);
            let apply = match (decision, f) {
                (Some((model, _)), Some(f)) => {
                    !common && model.probability(&f) >= model.threshold()
                }
                _ => !common,
            };
            verdicts[i] = if apply {
                Verdict::Unjudged
            } else {
                Verdict::Drop
            };
            restored[i] = apply;
            continue;
        }
        // The context as restored so far: fingerprints restored,
        // ambiguous hits before this one as decided, those after it as
        // found.
        let in_place = |j: usize| {
            let o = owner[j];
            (o != NONE && restored[o as usize]).then(|| {
                let h = &hits[o as usize];
                InPlace {
                    phrase: lexicon.canonical_of(h),
                    first: h.first,
                    last: h.last,
                }
            })
        };
        words_before(text, tokens, hit.first, in_place, &mut window);
        words_after(text, tokens, hit.last, in_place, &mut window);
        if article_after_determiner(&window) {
            verdicts[i] = Verdict::Drop;
            continue;
        }
        // Two decimals: the model's values are steps of 0.05.
        let round = |x: f32| (x * 100.0).round() / 100.0;
        if let Some((model, _)) = decision {
            let context = lm.compare(&mut window);
            let base = base_rate_difference(lm, &window);
            let f = features(f64::from(context), f64::from(base), false);
            record(&f);
            let f = f.expect("a decision gives features");
            let decided = model.decide(&f);
            let p = decided.probability;
            // The margin says it all: where the document or the class
            // rules the occurrence out whatever the context, no difference
            // reaches it.
            let anywhere = Features {
                lm_context: f64::from(NO_MARGIN),
                ..f
            };
            let margin = if model.context_allows(&anywhere) {
                decided.margin.max(if entry.class() == Class::Common {
                    model.common_min_context()
                } else {
                    model.ambiguous_min_context()
                })
            } else {
                f64::from(NO_MARGIN)
            };
            let judgement = Judgement {
                difference: round(context),
                margin: round(margin.clamp(-f64::from(NO_MARGIN), f64::from(NO_MARGIN)) as f32),
                probability: Some(round(p as f32)),
                terms: Some(decided.terms),
            };
            restored[i] = judgement.restores();
            verdicts[i] = if restored[i] {
                Verdict::Apply(judgement)
            } else {
                Verdict::Skip(judgement)
            };
            continue;
        }
        // A common word needs the model to prefer the canonical
        // outright, however spun the document.
        let margin = if entry.class() == Class::Common {
            margin.max(COMMON_MIN_MARGIN)
        } else {
            margin
        };
        let mut difference = lm.compare(&mut window);
        if entry.class() == Class::Common {
            // What the context says, not how common each word is: a
            // frequent canonical ("through" for "via") would otherwise
            // win in almost any context.
            difference -= base_rate_difference(lm, &window);
        }
        let judgement = Judgement {
            difference: round(difference),
            margin: round(margin as f32),
            probability: None,
            terms: None,
        };
        restored[i] = judgement.restores();
        verdicts[i] = if restored[i] {
            Verdict::Apply(judgement)
        } else {
            Verdict::Skip(judgement)
        };
    }
    verdicts
}

/// Whether the canonical wording would put an article right after a
/// determiner ("the numerous individuals" -> "the a number of people").
/// The model can still prefer that window, the longer phrase's likely
/// words outweighing one unlikely pair, so it is not asked.
fn article_after_determiner(window: &Window) -> bool {
    const ARTICLES: [&str; 3] = ["a", "an", "the"];
    const DETERMINERS: [&str; 19] = [
        "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its",
        "our", "their", "every", "each", "no", "any", "some",
    ];
    let opens_with_article = |s: &Sequence| s.len() > 0 && ARTICLES.contains(&s.word(0));
    let left = &window.left;
    opens_with_article(&window.canonical)
        && !opens_with_article(&window.mangled)
        && left.len() > 0
        && DETERMINERS.contains(&left.word(left.len() - 1))
}

/// log10 P(canonical) - log10 P(mangled) of a window's two phrases with no
/// context: how much more common the canonical wording is by itself.
fn base_rate_difference(lm: &LanguageModel, window: &Window) -> f32 {
    fn words(s: &Sequence) -> Vec<&str> {
        (0..s.len()).map(|i| s.word(i)).collect()
    }
    lm.phrase_log10(&words(&window.canonical)) - lm.phrase_log10(&words(&window.mangled))
}

/// The reason of a language-model decision, in words. `by_score`: the
/// document's spin score, not its signal density, set the margin.
pub(crate) fn lm_reason(
    original: &str,
    replacement: &str,
    j: Judgement,
    evidence: &Evidence,
    by_score: bool,
) -> String {
    let d = j.difference;
    // "only" where the preference went the other way than the decision.
    let preference = match (d >= 0.0, j.restores()) {
        (true, true) => format!("{replacement:?} by {d:.1}"),
        (true, false) => format!("{replacement:?} by only {d:.1}"),
        (false, true) => format!("{original:?} by only {:.1}", -d),
        (false, false) => format!("{original:?} by {:.1}", -d),
    };
    if let (Some(p), Some(terms)) = (j.probability, j.terms) {
        return format!(
            "decision model: probability {p:.2} that {original:?} was written for {replacement:?} ({terms}); the language model prefers {preference} log10 in context (margin {:.1}) in a document with {:.1} signals and {:.1} ambiguous phrases per 1,000 words",
            j.margin,
            evidence.per_thousand(),
            if evidence.words() == 0 {
                0.0
            } else {
                evidence.ambiguous() as f64 * 1000.0 / evidence.words() as f64
            },
        );
    }
    if by_score {
        return format!(
            "language model prefers {preference} log10 in context (margin {:.1} for a document with a spin score of {:.1}: {} ambiguous phrases, {} fingerprints, {} spintax leftovers in {} words)",
            j.margin,
            evidence.spin_score(),
            evidence.ambiguous(),
            evidence.fingerprints(),
            evidence.spintax(),
            evidence.words()
        );
    }
    format!(
        "language model prefers {preference} log10 in context (margin {:.1} for a document with {:.1} signals per 1,000 words: {} fingerprints, {} spintax leftovers)",
        j.margin,
        evidence.per_thousand(),
        evidence.fingerprints(),
        evidence.spintax()
    )
}

/// Confidence of an ambiguous edit: from 0.5 at the gate up to 0.9 as the
/// signal density grows to four times the gate.
pub(crate) fn ambiguous_confidence(evidence: &Evidence, t: Thresholds) -> f32 {
    let gate = t.min_per_thousand.max(0.1);
    let ratio = (evidence.per_thousand() / (4.0 * gate)).min(1.0);
    (0.5 + 0.4 * ratio) as f32
}

/// The document's spin in words, for reasons.
pub(crate) fn describe(evidence: &Evidence, thresholds: Thresholds) -> String {
    format!(
        "{} fingerprints and {} spintax leftovers, {:.1} per 1,000 words (gate: {} and {:.1})",
        evidence.fingerprints(),
        evidence.spintax(),
        evidence.per_thousand(),
        thresholds.min_signals,
        thresholds.min_per_thousand
    )
}
