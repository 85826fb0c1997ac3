//! Learning the spinner's vocabulary from spun text.
//!
//! A [`Corpus`] holds spun texts with the originals they were spun from
//! (*pairs*). [`Learner::learn`] aligns each pair word by word, collects
//! the substitutions of up to three words, and judges every spun phrase by
//! what the pairs show of it:
//!
//! - its **precision**: of its occurrences in the spun texts, the share
//!   that replaced the proposed canonical wording (rather than being the
//!   original's own word);
//! - its **independent texts**: pairs spun from one original (variants)
//!   count once, so that a swap seen in one article's five spins is not
//!   taken for a habit;
//! - its **lift**: how much more often it occurs in the spun texts than in
//!   the originals, per word;
//! - how common it is in **clean English**: its log10 probability under
//!   the embedded language model.
//!
//! From these it proposes a [`Class`]: a fingerprint for a phrase that
//! clean English hardly has, [`Class::Ambiguous`] for one the spinner
//! over-uses enough to count as evidence of spin, [`Class::Common`] for an
//! ordinary word it also produces, which is restored only in context.
//! [`Learned::to_tsv`] writes the proposals as a dictionary whose notes
//! name their sources and scores.
//!
//! # Example
//!
//! ```
//! use unspin::learn::{Corpus, Learner};
//!
//! let mut corpus = Corpus::new();
//! corpus.add_pair(
//!     "a",
//!     "The authorities stated the plan was a key precedence.",
//!     "The government said the plan was a key priority.",
//! );
//! corpus.add_pair(
//!     "b",
//!     "Officials stated the authorities would act.",
//!     "Officials said the government would act.",
//! );
//! let learned = Learner::new().learn(&corpus);
//! let stated = learned.proposals().iter().find(|p| p.mangled() == "stated").unwrap();
//! assert_eq!(stated.canonical(), "said");
//! assert_eq!(stated.texts().len(), 2);
//! assert_eq!(stated.precision(), 1.0);
//! // "precedence" was seen in one text only: not enough to learn from.
//! assert!(learned.proposals().iter().all(|p| p.mangled() != "precedence"));
//! ```

mod align;
mod decipher;
mod decision;

pub use decision::{DecisionFit, DecisionFitter, DEFAULT_COMMON_MIN_CONTEXT, DEFAULT_DAMAGE_COST};

pub use crate::suggest::vocabulary::{SpunWord, Vocabulary};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use crate::decide::lm::LanguageModel;
use crate::dict::common_english::CommonEnglish;
use crate::dict::dictionary::Dictionary;
use crate::format::dict_format::{push_comments, Class};
use crate::format::tokenize::phrase_key;

use align::{substitutions, Substitution, Tokens, MAX_WORDS};
pub use decipher::{
    Candidate, Deciphered, Decipherer, Thesaurus, DEFAULT_MIN_COUNT, DEFAULT_MIN_LLR,
};

/// Spun texts and their originals to learn from.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pairs: Vec<Pair>,
}

#[derive(Clone, Debug)]
struct Pair {
    name: String,
    /// The texts as given, for restoring them (the decision model's fit).
    spun_text: String,
    original_text: String,
    spun: Tokens,
    original: Tokens,
    subs: Vec<Substitution>,
}

impl Corpus {
    /// An empty corpus.
    ///
    /// # Example
    ///
    /// ```
    /// let corpus = unspin::learn::Corpus::new();
    /// assert_eq!(corpus.len(), 0);
    /// ```
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds a spun text and the original it was spun from. `name` is how
    /// the notes of learned entries cite it (e.g. `train:c-01`).
    ///
    /// # Example
    ///
    /// ```
    /// let mut corpus = unspin::learn::Corpus::new();
    /// corpus.add_pair("mine:1", "He stated it.", "He said it.");
    /// assert_eq!(corpus.len(), 1);
    /// ```
    pub fn add_pair(&mut self, name: &str, spun: &str, original: &str) {
        let (spun_text, original_text) = (spun.to_string(), original.to_string());
        let spun = Tokens::of(spun);
        let original = Tokens::of(original);
        let subs = substitutions(&spun, &original);
        self.pairs.push(Pair {
            name: name.to_string(),
            spun_text,
            original_text,
            spun,
            original,
            subs,
        });
    }

    /// The words of the pairs' spun texts (folded): the spun words whose
    /// swaps these pairs can confirm or refute. A deciphered proposal
    /// whose spun word is not among them can be judged by no pair here
    /// (see [`Deciphered::confirmed_judgeable`]).
    ///
    /// # Example
    ///
    /// ```
    /// let mut corpus = unspin::learn::Corpus::new();
    /// corpus.add_pair("a", "The battle ended.", "The war ended.");
    /// let words = corpus.spun_words();
    /// assert!(words.contains("battle") && words.contains("the"));
    /// assert!(!words.contains("war") && !words.contains("."));
    /// ```
    pub fn spun_words(&self) -> HashSet<String> {
        self.pairs
            .iter()
            .flat_map(|p| p.spun.text.iter().zip(&p.spun.word))
            .filter(|(_, &word)| word)
            .map(|(t, _)| t.clone())
            .collect()
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the corpus has no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The names of the pairs, in the order they were added.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|p| p.name.as_str())
    }

    /// The pairs grouped by original: pairs whose originals share most of
    /// their wording (variant spins of one article) form one group, given
    /// as indices in the order pairs were added. A group is one
    /// independent text.
    ///
    /// # Example
    ///
    /// ```
    /// let mut corpus = unspin::learn::Corpus::new();
    /// let original = "The government said the plan would cut costs across every department.";
    /// corpus.add_pair("a", "The authorities stated the plan would cut costs across every division.", original);
    /// corpus.add_pair("a.variant1", "The authorities said the plan would reduce costs across every department.", original);
    /// corpus.add_pair("b", "A different story entirely.", "A different story altogether.");
    /// assert_eq!(corpus.groups(), vec![vec![0, 1], vec![2]]);
    /// ```
    pub fn groups(&self) -> Vec<Vec<usize>> {
        let shingles: Vec<HashSet<&[String]>> = self
            .pairs
            .iter()
            .map(|p| p.original.text.windows(3).collect())
            .collect();
        let mut parent: Vec<usize> = (0..self.pairs.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for i in 0..shingles.len() {
            for j in i + 1..shingles.len() {
                let small = shingles[i].len().min(shingles[j].len());
                if small == 0 {
                    continue;
                }
                let shared = shingles[i].intersection(&shingles[j]).count();
                if shared * 10 >= small * 3 {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[b.max(a)] = b.min(a);
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.pairs.len() {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        groups.into_values().collect()
    }

    /// The one-word swaps the pairs' alignments show, as `(spun,
    /// original)` (folded to lower case): what the spinner is known to have
    /// done, to measure a [`Decipherer`] against.
    ///
    /// # Example
    ///
    /// ```
    /// let mut corpus = unspin::learn::Corpus::new();
    /// corpus.add_pair("a", "He stated the high precedence.", "He said the top priority.");
    /// let swaps = corpus.confirmed_swaps();
    /// assert!(swaps.contains(&("stated".to_string(), "said".to_string())));
    /// assert!(swaps.contains(&("precedence".to_string(), "priority".to_string())));
    /// assert!(!swaps.contains(&("high precedence".to_string(), "top priority".to_string())));
    /// ```
    pub fn confirmed_swaps(&self) -> HashSet<(String, String)> {
        self.pairs
            .iter()
            .flat_map(|p| &p.subs)
            .filter(|s| !s.spun.contains(' ') && !s.original.contains(' '))
            .map(|s| (s.spun.clone(), s.original.clone()))
            .collect()
    }

    /// The spinner's vocabulary the pairs show: every one-word
    /// substitution, whether or not it would make a dictionary entry (seen
    /// in one text, low precision, several originals), with the original
    /// words it replaced and counts. Articles swapped for one another are
    /// left out (the restorer fixes articles itself).
    ///
    /// # Example
    ///
    /// ```
    /// let mut corpus = unspin::learn::Corpus::new();
    /// corpus.add_pair("a", "The battle was a fight.", "The war was a fight.");
    /// corpus.add_pair("b", "A battle began.", "A conflict began.");
    /// let v = corpus.vocabulary();
    /// let battle = v.get("battle").unwrap();
    /// assert_eq!(battle.occurrences(), 2);
    /// assert_eq!(battle.originals(), [("conflict".to_string(), 1), ("war".to_string(), 1)]);
    /// ```
    pub fn vocabulary(&self) -> Vocabulary {
        let mut v = Vocabulary::new();
        for pair in &self.pairs {
            for s in &pair.subs {
                if s.len == 1
                    && !s.original.contains(' ')
                    && !is_article_shift(&s.spun, &s.original)
                {
                    v.add_swap(&s.spun, &s.original);
                }
            }
        }
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for pair in &self.pairs {
            for (t, &word) in pair.spun.text.iter().zip(&pair.spun.word) {
                if word {
                    *counts.entry(t.as_str()).or_default() += 1;
                }
            }
        }
        v.count_occurrences(|w| counts.get(w).copied().unwrap_or(0));
        v
    }

    /// A copy without the pairs at `indices`.
    pub fn without(&self, indices: &[usize]) -> Corpus {
        Corpus {
            pairs: self
                .pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| !indices.contains(i))
                .map(|(_, p)| p.clone())
                .collect(),
        }
    }
}

/// A one-word substitution found by aligning a text with its original:
/// see [`word_swaps`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordSwap {
    /// Byte range of the word in the text.
    pub span: std::ops::Range<usize>,
    /// The word, folded to lower case.
    pub word: String,
    /// The original word it stands for, folded to lower case.
    pub original: String,
}

/// The one-word substitutions that turn `original` into `text`, aligned
/// word by word as [`Learner`] aligns pairs, with where each lies in
/// `text`. Run on a restored text and its original, they are the swaps the
/// restore left.
///
/// # Example
///
/// ```
/// let swaps = unspin::learn::word_swaps("He stated it was a battle.", "He said it was a war.");
/// let found: Vec<(&str, &str)> = swaps.iter().map(|s| (s.word.as_str(), s.original.as_str())).collect();
/// assert_eq!(found, [("stated", "said"), ("battle", "war")]);
/// assert_eq!(swaps[0].span, 3..9);
/// ```
pub fn word_swaps(text: &str, original: &str) -> Vec<WordSwap> {
    let spun = Tokens::of(text);
    let subs = substitutions(&spun, &Tokens::of(original));
    let mut raw = Vec::new();
    crate::format::tokenize::tokenize_into(text, &[], &mut raw);
    subs.into_iter()
        .filter(|s| s.len == 1 && !s.original.contains(' '))
        .map(|s| WordSwap {
            span: raw[s.at].start..raw[s.at].end,
            word: s.spun,
            original: s.original,
        })
        .collect()
}

/// Decides which substitutions become entries, and of what class.
///
/// # Example
///
/// ```
/// let learner = unspin::learn::Learner::new().min_precision(0.8).min_texts(3);
/// # let _ = learner;
/// ```
#[derive(Clone, Debug)]
pub struct Learner {
    min_precision: f64,
    min_texts: usize,
    min_swaps: usize,
    fingerprint_log10: f64,
    ambiguous_lift: f64,
    /// Keys of the phrases known dictionaries define, with the key of the
    /// wording they restore.
    known: HashMap<String, String>,
}

/// Default [`Learner::min_precision`].
pub const DEFAULT_MIN_PRECISION: f64 = 0.3;
/// Default [`Learner::min_texts`].
pub const DEFAULT_MIN_TEXTS: usize = 2;
/// Default [`Learner::fingerprint_below`]: about one in ten million words.
pub const DEFAULT_FINGERPRINT_LOG10: f64 = -7.0;
/// Default [`Learner::ambiguous_lift`].
pub const DEFAULT_AMBIGUOUS_LIFT: f64 = 8.0;

impl Default for Learner {
    fn default() -> Learner {
        Learner {
            min_precision: DEFAULT_MIN_PRECISION,
            min_texts: DEFAULT_MIN_TEXTS,
            min_swaps: 2,
            fingerprint_log10: DEFAULT_FINGERPRINT_LOG10,
            ambiguous_lift: DEFAULT_AMBIGUOUS_LIFT,
            known: HashMap::new(),
        }
    }
}

impl Learner {
    /// A learner with the default thresholds.
    pub fn new() -> Learner {
        Learner::default()
    }

    /// The least precision a proposal needs: the share of its occurrences
    /// in spun text that were swaps for its canonical (default 0.3). A
    /// phrase swapped in fewer than half of its occurrences would do harm
    /// restored everywhere, but the classes keep it from that: it becomes a
    /// `common` entry, restored only where the language model prefers its
    /// canonical in context. Leave-one-out over the evaluation pairs:
    /// 0.359 mean repaired at 0.5, 0.368 at 0.3, damage 0 on clean text
    /// at both.
    pub fn min_precision(mut self, p: f64) -> Learner {
        self.min_precision = p;
        self
    }

    /// The least number of independent texts (groups of pairs with one
    /// original) a swap must be seen in (default 2).
    pub fn min_texts(mut self, n: usize) -> Learner {
        self.min_texts = n.max(1);
        self
    }

    /// The clean-English log10 probability at or below which a phrase
    /// never seen in the originals, of precision 0.9 or more in three or
    /// more texts, is proposed as a fingerprint (default -7).
    pub fn fingerprint_below(mut self, log10: f64) -> Learner {
        self.fingerprint_log10 = log10;
        self
    }

    /// The lift (spun rate over original rate) at or above which a phrase
    /// of precision [`AMBIGUOUS_PRECISION`] or more is proposed as
    /// `ambiguous`, evidence of spin; below it a proposal is `common`
    /// (default 8).
    pub fn ambiguous_lift(mut self, lift: f64) -> Learner {
        self.ambiguous_lift = lift;
        self
    }

    /// Leaves out phrases that these dictionaries already define: the
    /// proposals are what they lack.
    pub fn known(mut self, dictionaries: &[Dictionary]) -> Learner {
        for d in dictionaries {
            for e in d.entries() {
                if let (Some(k), Some(c)) = (phrase_key(e.mangled()), phrase_key(e.canonical())) {
                    self.known.insert(k, c);
                }
            }
        }
        self
    }

    /// Learns from `corpus`.
    pub fn learn(&self, corpus: &Corpus) -> Learned {
        let groups = corpus.groups();
        let mut group_of = vec![0; corpus.len()];
        for (g, members) in groups.iter().enumerate() {
            for &i in members {
                group_of[i] = g;
            }
        }
        // Swaps by spun phrase, then canonical: count and the pairs.
        let mut swaps: HashMap<&str, HashMap<&str, Vec<usize>>> = HashMap::new();
        for (i, pair) in corpus.pairs.iter().enumerate() {
            for s in &pair.subs {
                swaps
                    .entry(&s.spun)
                    .or_default()
                    .entry(&s.original)
                    .or_default()
                    .push(i);
            }
        }
        let spun_counts = ngram_counts(corpus.pairs.iter().map(|p| &p.spun), &swaps);
        let original_counts = ngram_counts(corpus.pairs.iter().map(|p| &p.original), &swaps);
        let spun_words: usize = corpus.pairs.iter().map(|p| p.spun.words()).sum();
        let original_words: usize = corpus.pairs.iter().map(|p| p.original.words()).sum();
        let lm = LanguageModel::embedded();

        let mut proposals = Vec::new();
        let mut rejected = Vec::new();
        for (&spun, canonicals) in &swaps {
            let mut ranked: Vec<(&str, &Vec<usize>)> =
                canonicals.iter().map(|(c, v)| (*c, v)).collect();
            ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
            let (canonical, seen) = ranked[0];
            let occurrences = spun_counts.get(spun).copied().unwrap_or(0).max(seen.len());
            let in_originals = original_counts.get(spun).copied().unwrap_or(0);
            let mut texts: Vec<usize> = seen.iter().map(|&i| group_of[i]).collect();
            texts.sort_unstable();
            texts.dedup();
            let mut sources: Vec<&str> = seen
                .iter()
                .map(|&i| corpus.pairs[i].name.as_str())
                .collect();
            sources.sort_unstable();
            sources.dedup();
            let precision = seen.len() as f64 / occurrences as f64;
            let lift = (occurrences as f64 / spun_words.max(1) as f64)
                / ((in_originals as f64 + 0.5) / original_words.max(1) as f64);
            let clean_log10 = clean_log10(lm, spun);
            let proposal = Proposal {
                mangled: spun.to_string(),
                canonical: canonical.to_string(),
                class: Class::Common,
                swaps: seen.len(),
                occurrences,
                in_originals,
                texts: sources.iter().map(|s| s.to_string()).collect(),
                independent: texts.len(),
                precision,
                lift,
                clean_log10,
                alternatives: ranked[1..]
                    .iter()
                    .map(|(c, v)| (c.to_string(), v.len()))
                    .collect(),
            };
            let reason = if self.known.contains_key(spun) {
                Some(Rejection::Known)
            } else if texts.len() < self.min_texts {
                Some(Rejection::FewTexts)
            } else if seen.len() < self.min_swaps {
                Some(Rejection::FewSwaps)
            } else if precision < self.min_precision {
                Some(Rejection::Precision)
            } else if lift < 1.0 {
                // Rarer in spun text than in the originals: the spinner
                // mostly writes something else for it, and the few left
                // are too few to say what they stand for.
                Some(Rejection::Lift)
            } else if is_article_shift(spun, canonical) {
                Some(Rejection::Article)
            } else {
                None
            };
            match reason {
                Some(r) => rejected.push((proposal, r)),
                None => {
                    let class = if in_originals == 0
                        && clean_log10 <= self.fingerprint_log10
                        && !is_common_english(spun)
                        && precision >= 0.9
                        && texts.len() >= 3
                    {
                        Class::Fingerprint
                    } else if lift >= self.ambiguous_lift
                        && precision >= AMBIGUOUS_PRECISION
                        && texts.len() >= AMBIGUOUS_MIN_TEXTS
                        && clean_log10 <= AMBIGUOUS_CLEAN_LOG10
                        && !only_drops_words(spun, canonical)
                    {
                        Class::Ambiguous
                    } else {
                        Class::Common
                    };
                    proposals.push(Proposal { class, ..proposal });
                }
            }
        }
        // The spinner swaps some words both ways ("company" and
        // "corporate"): of two entries that would restore each other, keep
        // the stronger, so that a restore settles.
        proposals.sort_by(|a, b| {
            strength(b)
                .total_cmp(&strength(a))
                .then_with(|| a.mangled.cmp(&b.mangled))
        });
        // Nor may an entry restore to a phrase that another entry restores
        // again, or restore what another one restores to: a second restore
        // would change the text again.
        let mut restores: HashMap<String, String> = self.known.clone();
        let mut restored_to: HashSet<String> = HashSet::new();
        let mut kept = Vec::with_capacity(proposals.len());
        for p in proposals {
            if comes_back(&restores, &p.canonical, &p.mangled) {
                rejected.push((p, Rejection::Cycle));
            } else if restores.contains_key(&p.canonical) || restored_to.contains(&p.mangled) {
                rejected.push((p, Rejection::Chain));
            } else {
                restores.insert(p.mangled.clone(), p.canonical.clone());
                restored_to.insert(p.canonical.clone());
                kept.push(p);
            }
        }
        let mut proposals = kept;
        proposals.sort_by(|a, b| {
            b.swaps
                .cmp(&a.swaps)
                .then_with(|| a.mangled.cmp(&b.mangled))
        });
        rejected.sort_by(|a, b| {
            b.0.swaps
                .cmp(&a.0.swaps)
                .then_with(|| a.0.mangled.cmp(&b.0.mangled))
        });
        Learned {
            proposals,
            rejected,
            pairs: corpus.len(),
            groups: groups.len(),
            substitutions: corpus.pairs.iter().map(|p| p.subs.len()).sum(),
        }
    }
}

/// The clean-English log10 probability above which a phrase is too
/// common to count as evidence of spin (about 30 per million words).
const AMBIGUOUS_CLEAN_LOG10: f64 = -4.5;

/// The least precision of an `ambiguous` proposal: swapped in at least
/// three fifths of its uses in spun text (0.5 let "traits" for "trends",
/// 4 of 7, count as evidence of spin in a Rust crate's README).
pub const AMBIGUOUS_PRECISION: f64 = 0.6;

/// The least number of independent texts an `ambiguous` proposal is seen
/// in: a swap seen in two texts only ("stays" for "remains") is too
/// little to restore it whenever a document is spun and the model agrees.
pub const AMBIGUOUS_MIN_TEXTS: usize = 3;

/// Whether restoring `spun` to `canonical` only deletes words ("the
/// general" -> "the", "brand new" -> "new"). Such a phrase is not made
/// `ambiguous`: in a short spun document the margin falls below zero, and
/// a deletion the model barely minds ("The general stated" -> "The
/// stated") loses a word the text needed.
fn only_drops_words(spun: &str, canonical: &str) -> bool {
    let spun: Vec<&str> = spun.split(' ').collect();
    let canonical: Vec<&str> = canonical.split(' ').collect();
    canonical.len() < spun.len() && canonical.iter().all(|w| spun.contains(w))
}

/// Whether a phrase, or each pair of neighbouring words in it, is common
/// English (see [`CommonEnglish`]).
fn is_common_english(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split(' ').collect();
    let common = CommonEnglish::get();
    match words.len() {
        1 => common.contains(&words),
        _ => words.windows(2).all(|w| common.contains(w)),
    }
}

/// How strongly the pairs support a proposal: its swaps, weighed by its
/// precision.
fn strength(p: &Proposal) -> f64 {
    p.swaps as f64 * p.precision
}

/// Whether restoring `from` (a key) again and again through `restores`
/// comes back to `to`.
fn comes_back(restores: &HashMap<String, String>, from: &str, to: &str) -> bool {
    let mut at = from;
    for _ in 0..8 {
        if at == to {
            return true;
        }
        match restores.get(at) {
            Some(next) => at = next,
            None => return false,
        }
    }
    false
}

/// "a" for "an" and the like: the restorer fixes articles itself.
fn is_article_shift(spun: &str, canonical: &str) -> bool {
    let article = |w: &str| matches!(w, "a" | "an" | "the");
    let (s, c): (Vec<&str>, Vec<&str>) =
        (spun.split(' ').collect(), canonical.split(' ').collect());
    s.len() == 1 && c.len() == 1 && article(s[0]) && article(c[0])
}

/// Occurrences, in `texts`, of every spun phrase of `swaps`.
fn ngram_counts<'a, 'k>(
    texts: impl Iterator<Item = &'a Tokens>,
    swaps: &HashMap<&'k str, HashMap<&'k str, Vec<usize>>>,
) -> HashMap<&'k str, usize> {
    let mut counts: HashMap<&'k str, usize> = HashMap::new();
    let mut key = String::new();
    for t in texts {
        for start in 0..t.len() {
            key.clear();
            for n in 0..MAX_WORDS.min(t.len() - start) {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&t.text[start + n]);
                if let Some((&k, _)) = swaps.get_key_value(key.as_str()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
    }
    counts
}

/// log10 probability of `phrase` in running English under the language
/// model: each word given up to two before it.
fn clean_log10(lm: &LanguageModel, phrase: &str) -> f64 {
    let words: Vec<&str> = phrase.split(' ').collect();
    f64::from(lm.phrase_log10(&words))
}

/// Why a substitution did not become an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rejection {
    /// A dictionary given to [`Learner::known`] defines the phrase.
    Known,
    /// Seen in fewer independent texts than [`Learner::min_texts`].
    FewTexts,
    /// Seen swapped fewer than twice.
    FewSwaps,
    /// Its precision is below [`Learner::min_precision`].
    Precision,
    /// It is rarer in the spun texts than in the originals.
    Lift,
    /// One article for another, which the restorer fixes by itself.
    Article,
    /// A stronger entry, or a known one, restores its canonical back to it.
    Cycle,
    /// A stronger entry, or a known one, restores its canonical further,
    /// or restores to its phrase: a second restore would change the text
    /// again.
    Chain,
}

impl Rejection {
    /// A short description for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Rejection::Known => "already in a dictionary",
            Rejection::FewTexts => "seen in too few independent texts",
            Rejection::FewSwaps => "swapped too few times",
            Rejection::Precision => "precision too low",
            Rejection::Lift => "rarer in spun text than in the originals",
            Rejection::Article => "article agreement",
            Rejection::Cycle => "a stronger entry restores it back",
            Rejection::Chain => "a stronger entry restores its canonical again, or to its phrase",
        }
    }
}

/// A proposed dictionary entry and the evidence for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    mangled: String,
    canonical: String,
    class: Class,
    swaps: usize,
    occurrences: usize,
    in_originals: usize,
    texts: Vec<String>,
    independent: usize,
    precision: f64,
    lift: f64,
    clean_log10: f64,
    alternatives: Vec<(String, usize)>,
}

impl Proposal {
    /// The spun phrase (folded to lower case).
    pub fn mangled(&self) -> &str {
        &self.mangled
    }
    /// The original wording it replaced most often.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }
    /// The proposed class.
    pub fn class(&self) -> Class {
        self.class
    }
    /// Times the pairs show it replacing [`canonical`](Proposal::canonical).
    pub fn swaps(&self) -> usize {
        self.swaps
    }
    /// Times it occurs in the spun texts.
    pub fn occurrences(&self) -> usize {
        self.occurrences
    }
    /// Times it occurs in the originals.
    pub fn in_originals(&self) -> usize {
        self.in_originals
    }
    /// The pairs it was seen swapped in.
    pub fn texts(&self) -> &[String] {
        &self.texts
    }
    /// Independent texts (groups of pairs with one original) it was seen in.
    pub fn independent_texts(&self) -> usize {
        self.independent
    }
    /// `swaps / occurrences`.
    pub fn precision(&self) -> f64 {
        self.precision
    }
    /// Rate per word in the spun texts over the rate in the originals.
    pub fn lift(&self) -> f64 {
        self.lift
    }
    /// log10 probability of the phrase in clean English (language model).
    pub fn clean_log10(&self) -> f64 {
        self.clean_log10
    }
    /// Other original wordings it replaced, with counts.
    pub fn alternatives(&self) -> &[(String, usize)] {
        &self.alternatives
    }

    /// The note of its dictionary line: the evidence and the sources.
    pub fn note(&self) -> String {
        let mut note = format!(
            "learned: {} of {} in spun text were swaps ({:.2}); {} texts; {} in originals; lift {:.1}; clean 10^{:.1}",
            self.swaps,
            self.occurrences,
            self.precision,
            self.independent,
            self.in_originals,
            self.lift,
            self.clean_log10
        );
        if !self.alternatives.is_empty() {
            note.push_str("; also ");
            for (i, (c, n)) in self.alternatives.iter().take(3).enumerate() {
                if i > 0 {
                    note.push_str(", ");
                }
                let _ = write!(note, "{c} {n}");
            }
        }
        note.push_str("; sources ");
        note.push_str(&self.texts.join(","));
        note
    }
}

/// What [`Learner::learn`] found.
#[derive(Clone, Debug)]
pub struct Learned {
    proposals: Vec<Proposal>,
    rejected: Vec<(Proposal, Rejection)>,
    pairs: usize,
    groups: usize,
    substitutions: usize,
}

impl Learned {
    /// The accepted proposals, most swaps first.
    pub fn proposals(&self) -> &[Proposal] {
        &self.proposals
    }

    /// The substitutions that did not become proposals, and why.
    pub fn rejected(&self) -> &[(Proposal, Rejection)] {
        &self.rejected
    }

    /// The proposals as a dictionary file (see `dictionaries/README.md`
    /// for the format); `header` is written first as comment lines.
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::learn::{Corpus, Learner};
    ///
    /// let mut corpus = Corpus::new();
    /// corpus.add_pair("a", "He stated it.", "He said it.");
    /// corpus.add_pair("b", "She stated so.", "She said so.");
    /// let tsv = Learner::new().learn(&corpus).to_tsv("learned from two pairs");
    /// let dict = unspin::Dictionary::from_tsv("mine", &tsv)?;
    /// assert_eq!(dict.entries()[0].canonical(), "said");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        push_comments(&mut out, header);
        let mut sorted: Vec<&Proposal> = self.proposals.iter().collect();
        sorted.sort_by(|a, b| a.mangled.cmp(&b.mangled));
        for p in sorted {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}",
                p.mangled,
                p.canonical,
                p.class,
                p.note()
            );
        }
        out
    }

    /// A summary for people: counts, then each proposal and each rejected
    /// substitution seen in two or more texts.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let class_count = |c: Class| self.proposals.iter().filter(|p| p.class == c).count();
        let _ = writeln!(
            out,
            "{} pairs in {} independent texts; {} substitutions, {} distinct",
            self.pairs,
            self.groups,
            self.substitutions,
            self.proposals.len() + self.rejected.len()
        );
        let _ = writeln!(
            out,
            "proposed: {} ({} fingerprint, {} ambiguous, {} common)",
            self.proposals.len(),
            class_count(Class::Fingerprint),
            class_count(Class::Ambiguous),
            class_count(Class::Common)
        );
        let mut by_reason: BTreeMap<Rejection, usize> = BTreeMap::new();
        for (_, r) in &self.rejected {
            *by_reason.entry(*r).or_default() += 1;
        }
        for (r, n) in by_reason {
            let _ = writeln!(out, "left out: {n} {}", r.as_str());
        }
        for p in &self.proposals {
            let _ = writeln!(
                out,
                "+ {:<12} {} -> {}: {}",
                p.class,
                p.mangled,
                p.canonical,
                p.note()
            );
        }
        for (p, r) in &self.rejected {
            if p.independent >= 2 {
                let _ = writeln!(
                    out,
                    "- {} -> {}: {} ({})",
                    p.mangled,
                    p.canonical,
                    r.as_str(),
                    p.note()
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(pairs: &[(&str, &str, &str)]) -> Corpus {
        let mut c = Corpus::new();
        for (name, spun, original) in pairs {
            c.add_pair(name, spun, original);
        }
        c
    }

    #[test]
    fn precision_counts_genuine_uses_against_a_swap() {
        let c = corpus(&[
            ("a", "He stated the plan.", "He said the plan."),
            ("b", "She stated her case.", "She said her case."),
            ("c", "It is the stated goal.", "It is the stated goal."),
        ]);
        let learned = Learner::new().learn(&c);
        let p = &learned.proposals()[0];
        assert_eq!((p.mangled(), p.canonical()), ("stated", "said"));
        assert_eq!((p.swaps(), p.occurrences(), p.in_originals()), (2, 3, 1));
        assert!((p.precision() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn variants_of_one_original_are_one_text() {
        let original =
            "The government said the plan would cut costs in every department of the state.";
        let c = corpus(&[
            (
                "a",
                "The authorities said the plan would cut costs in every division of the state.",
                original,
            ),
            (
                "a.variant1",
                "The authorities stated the plan would cut costs in every division of the state.",
                original,
            ),
        ]);
        assert_eq!(c.groups(), vec![vec![0, 1]]);
        let learned = Learner::new().learn(&c);
        assert!(learned.proposals().is_empty());
        assert!(learned
            .rejected()
            .iter()
            .any(|(p, r)| p.mangled() == "authorities" && *r == Rejection::FewTexts));
        let one = Learner::new().min_texts(1).learn(&c);
        assert!(one.proposals().iter().any(|p| p.mangled() == "authorities"));
    }

    #[test]
    fn deletions_are_not_ambiguous() {
        assert!(only_drops_words("the general", "the"));
        assert!(only_drops_words("brand new", "new"));
        assert!(!only_drops_words("stated", "said"));
        assert!(!only_drops_words("a number of", "many"));
        assert!(!only_drops_words("the general", "the public"));
    }

    #[test]
    fn low_precision_is_left_out() {
        let c = corpus(&[
            ("a", "The group met.", "The team met."),
            ("b", "The group left.", "The team left."),
            (
                "c",
                "A group of friends. The group sang. Another group. A group formed. One group stayed. The group won.",
                "A group of friends. The group sang. Another group. A group formed. One group stayed. The group won.",
            ),
        ]);
        // 2 of 8 occurrences were swaps: 0.25, below the default 0.3.
        let learned = Learner::new().learn(&c);
        assert!(learned.proposals().is_empty());
        assert_eq!(learned.rejected()[0].1, Rejection::Precision);
    }

    #[test]
    fn known_phrases_are_left_out() {
        let c = corpus(&[
            ("a", "He stated it.", "He said it."),
            ("b", "She stated so.", "She said so."),
        ]);
        let known = Dictionary::from_tsv("k", "stated\tsaid\tambiguous\n").unwrap();
        let learned = Learner::new().known(&[known]).learn(&c);
        assert!(learned.proposals().is_empty());
        assert_eq!(learned.rejected()[0].1, Rejection::Known);
    }

    #[test]
    fn classes_follow_clean_frequency_and_lift() {
        // "effectivity" is rare English: a fingerprint once seen in three
        // texts and never in the originals.
        let c = corpus(&[
            ("a", "Its effectivity was low.", "Its efficiency was low."),
            (
                "b",
                "The effectivity of the plan.",
                "The efficiency of the plan.",
            ),
            ("c", "More effectivity now.", "More efficiency now."),
        ]);
        let learned = Learner::new().learn(&c);
        let p = &learned.proposals()[0];
        assert_eq!(p.mangled(), "effectivity");
        assert_eq!(p.class(), Class::Fingerprint);
        // An ordinary word the originals also use is `common`.
        let c = corpus(&[
            (
                "a",
                "The company said so. The company agreed.",
                "The corporate said so. The company agreed.",
            ),
            (
                "b",
                "A company plan. The company won.",
                "A corporate plan. The company won.",
            ),
        ]);
        let learned = Learner::new().min_precision(0.0).learn(&c);
        let p = learned
            .proposals()
            .iter()
            .find(|p| p.mangled() == "company")
            .unwrap();
        assert_eq!(p.class(), Class::Common);
    }

    #[test]
    fn of_two_entries_that_restore_each_other_the_stronger_stays() {
        let c = corpus(&[
            (
                "a",
                "The company plan. A company deal. The corporate plan.",
                "The corporate plan. A corporate deal. The company plan.",
            ),
            (
                "b",
                "The company plan. A company deal. The corporate plan.",
                "The corporate plan. A corporate deal. The company plan.",
            ),
        ]);
        let learned = Learner::new().min_texts(1).learn(&c);
        let kept: Vec<&str> = learned.proposals().iter().map(|p| p.mangled()).collect();
        assert_eq!(kept, vec!["company"]);
        // ("corporate" is also rarer in the spun text than in the
        // original here.)
        assert!(learned
            .rejected()
            .iter()
            .any(|(p, r)| p.mangled() == "corporate"
                && matches!(r, Rejection::Cycle | Rejection::Lift)));
        // A known entry wins over a learned one.
        let known = Dictionary::from_tsv("k", "corporate\tcompany\tambiguous\n").unwrap();
        let learned = Learner::new().min_texts(1).known(&[known]).learn(&c);
        assert!(learned.proposals().is_empty());
    }

    #[test]
    fn of_two_entries_that_chain_the_stronger_stays() {
        // "policy" became "coverage" and "coverage" became "protection":
        // both entries together would restore "protection" to "policy" in
        // two restores.
        let c = corpus(&[
            (
                "a",
                "The coverage ended. The coverage began. Its protection lapsed.",
                "The policy ended. The policy began. Its coverage lapsed.",
            ),
            (
                "b",
                "A coverage change. New coverage rules. More protection now.",
                "A policy change. New policy rules. More coverage now.",
            ),
        ]);
        let learned = Learner::new().learn(&c);
        let kept: Vec<&str> = learned.proposals().iter().map(|p| p.mangled()).collect();
        assert_eq!(kept, vec!["coverage"]);
        assert!(learned
            .rejected()
            .iter()
            .any(|(p, r)| p.mangled() == "protection" && *r == Rejection::Chain));
    }

    #[test]
    fn the_dictionary_round_trips() {
        let c = corpus(&[
            (
                "train:a",
                "He stated the battle was over.",
                "He said the war was over.",
            ),
            (
                "train:b",
                "She stated the battle began.",
                "She said the war began.",
            ),
        ]);
        let tsv = Learner::new().learn(&c).to_tsv("test");
        let d = Dictionary::from_tsv("learned", &tsv).unwrap();
        let pairs: Vec<(&str, &str)> = d
            .entries()
            .iter()
            .map(|e| (e.mangled(), e.canonical()))
            .collect();
        assert_eq!(pairs, vec![("battle", "war"), ("stated", "said")]);
        assert!(d.entries()[0]
            .note()
            .unwrap()
            .contains("sources train:a,train:b"));
    }
}
