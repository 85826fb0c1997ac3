//! Deciphering the spinner's vocabulary from spun text alone.
//!
//! A spinner swaps words for fixed synonyms, and its substitute is odd
//! *in its context*: "the secretary stated that", "the motion plan". A
//! [`Decipherer`] takes each word of the spun texts that occurs often
//! enough (names, mostly capitalised inside sentences, left out), asks a
//! [`Thesaurus`] for its synonyms in the same inflection ("stated" is read
//! as state + past, so "say" is put back as "said"), and scores each
//! synonym in place of the spun word at every occurrence with the
//! embedded trigram language model, two words of context each side, as
//! the restorer's per-occurrence gate does. What counts is the *gain*:
//! the summed log10 probability of the synonym over the spun word in
//! context, less the difference of their unigram log10 probabilities, so
//! a frequent word ("do", "get") is not preferred for being frequent,
//! only a word the contexts call for. The spinner maps a word the same
//! way everywhere, so a true original gains across many occurrences; a
//! chance synonym here and there.
//!
//! The context alone often prefers a synonym that fits the sentence but
//! is not what the spinner replaced ("company" read as "wing"), so each
//! original is also weighed by how alike its neighbours in the model's
//! bigrams are to the spun word's (the distributional similarity of the
//! two words in clean English): "company" and "corporation" precede and
//! follow the same words, "company" and "wing" do not. Each spun word
//! proposes the original with the best gain weighted by similarity; the
//! pair's score is that total less most of the runner-up's, since a spun
//! word two synonyms fit about as well is a less certain pair. Pairs are
//! listed best first.
//!
//! No original text is used: the pairs' alignments ([`Corpus::confirmed_swaps`])
//! only measure the result (see [`Deciphered::confirmed`]).
//!
//! [`Corpus::confirmed_swaps`]: super::Corpus::confirmed_swaps
//!
//! # Example
//!
//! ```
//! use unspin::learn::{Decipherer, Thesaurus};
//!
//! // A spinner's output: "said" always became "stated".
//! let spun = "The minister stated the plan would work. Officials stated they agreed. \
//!             Critics stated it was late. The mayor stated nothing more.";
//! // A thesaurus: each line a headword and its synonyms.
//! let thesaurus = Thesaurus::from_lines("say,state,declare\n");
//! let deciphered = Decipherer::new().thesaurus(&thesaurus).decipher([spun]);
//! let best = &deciphered.candidates()[0];
//! assert_eq!((best.spun(), best.original()), ("stated", "said"));
//! assert_eq!(best.spun_count(), 4);
//! assert_eq!(best.original_count(), 0);
//! ```

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use crate::decide::lm::{LanguageModel, Profile, Window, SENTENCE_END, SENTENCE_START};
use crate::format::tokenize::{folded, tokenize_into, Token, TokenKind};

/// Default [`Decipherer::min_count`].
pub const DEFAULT_MIN_COUNT: usize = 2;
/// Default [`Decipherer::min_llr`]: a score of 0.5, e.g. the contexts
/// favouring the original by 2 log10 (100 times over, beyond the two
/// words' rates) with a similarity of 0.05, the least that true pairs
/// show.
pub const DEFAULT_MIN_LLR: f64 = 0.5;

/// A thesaurus: which words are synonyms.
///
/// Links go both ways: a word is linked with its headword's synonyms and
/// with the headwords that list it. Only single words are read; phrases
/// among the synonyms are skipped.
///
/// # Example
///
/// ```
/// use unspin::learn::Thesaurus;
///
/// let t = Thesaurus::from_lines("war,battle,conflict\ngovernment,authorities\n");
/// assert!(t.links("battle", "war"));
/// assert!(t.links("war", "battle"));
/// assert!(!t.links("battle", "authorities"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Thesaurus {
    /// One entry a line: headword, then synonyms; separated by `,` or `|`.
    text: String,
}

impl Thesaurus {
    /// A thesaurus in the Moby format: one entry a line, the headword and
    /// then its synonyms, separated by commas (or `|`). Case is folded.
    pub fn from_lines(text: &str) -> Thesaurus {
        Thesaurus {
            text: text.to_lowercase(),
        }
    }

    /// The Moby II thesaurus (public domain, crate `thesaurus-moby`):
    /// 30,260 entries, 2.5 million links. Decompressed on first use (about
    /// 25 MB, kept for the life of the process).
    ///
    /// # Example
    ///
    /// ```no_run
    /// let moby = unspin::learn::Thesaurus::moby();
    /// assert!(moby.links("war", "battle"));
    /// ```
    pub fn moby() -> &'static Thesaurus {
        static MOBY: OnceLock<Thesaurus> = OnceLock::new();
        MOBY.get_or_init(|| Thesaurus {
            text: thesaurus_moby::uncompress(),
        })
    }

    /// Whether `a` and `b` are linked (in either direction). A scan of
    /// the whole thesaurus: for single questions, not for bulk use.
    pub fn links(&self, a: &str, b: &str) -> bool {
        self.entries().any(|(head, mut synonyms)| {
            (head == a && synonyms.any(|s| s == b)) || (head == b && synonyms.any(|s| s == a))
        })
    }

    /// Each entry: its headword and its synonyms.
    fn entries(&self) -> impl Iterator<Item = (&str, impl Iterator<Item = &str>)> {
        self.text.lines().filter_map(|line| {
            let mut fields = line.split([',', '|']).map(str::trim);
            let head = fields.next().filter(|h| !h.is_empty())?;
            Some((head, fields.filter(|s| !s.is_empty())))
        })
    }
}

/// Deciphers the spinner's vocabulary from spun texts alone.
///
/// # Example
///
/// ```
/// use unspin::learn::{Decipherer, Thesaurus};
///
/// let thesaurus = Thesaurus::from_lines("war,battle\n");
/// let decipherer = Decipherer::new().min_count(2).min_llr(0.5).thesaurus(&thesaurus);
/// let d = decipherer.decipher(["The battle went on. The battle ended. A battle began."]);
/// assert_eq!(d.candidates()[0].original(), "war");
/// ```
#[derive(Clone, Debug)]
pub struct Decipherer<'t> {
    min_count: usize,
    min_llr: f64,
    thesaurus: Option<&'t Thesaurus>,
}

impl Default for Decipherer<'_> {
    fn default() -> Self {
        Decipherer {
            min_count: DEFAULT_MIN_COUNT,
            min_llr: DEFAULT_MIN_LLR,
            thesaurus: None,
        }
    }
}

impl<'t> Decipherer<'t> {
    /// A decipherer with the default options and the Moby thesaurus.
    pub fn new() -> Self {
        Decipherer::default()
    }

    /// The least number of times a spun word must occur in the texts to
    /// be a substitute (default 2).
    pub fn min_count(mut self, n: usize) -> Self {
        self.min_count = n.max(1);
        self
    }

    /// The least score of a proposed pair (default 0.5): see
    /// [`Candidate::score`]. Lower it for a small corpus.
    pub fn min_llr(mut self, llr: f64) -> Self {
        self.min_llr = llr;
        self
    }

    /// The thesaurus that proposes originals (default [`Thesaurus::moby`]).
    pub fn thesaurus(mut self, thesaurus: &'t Thesaurus) -> Self {
        self.thesaurus = Some(thesaurus);
        self
    }

    /// Deciphers `texts`, spun texts whose originals are unknown.
    pub fn decipher<I, S>(&self, texts: I) -> Deciphered
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let lm = LanguageModel::embedded();
        let counted = Counts::of(texts);
        let n = counted.words as f64;
        let unigram = |w: &str| f64::from(lm.log10_prob(&[w]));
        let expected = |w: &str| n * 10f64.powf(unigram(w));

        // Substitutes: spun words the model knows, often enough, names
        // (mostly capitalised inside a sentence) left out.
        let mut spun: Vec<Word> = counted
            .counts
            .iter()
            .filter(|(w, &c)| c >= self.min_count && !counted.is_name(w) && lm.contains_word(w))
            .map(|(w, &c)| Word::new(w, c, expected(w)))
            .collect();
        spun.sort_by(|a, b| a.text.cmp(&b.text));
        let mut lemmas: HashMap<String, Vec<(usize, Form)>> = HashMap::new();
        for (i, w) in spun.iter().enumerate() {
            for (lemma, form) in analyses(&w.text) {
                lemmas.entry(lemma).or_default().push((i, form));
            }
        }

        // Originals: the thesaurus's synonyms of each substitute's lemma,
        // inflected as the substitute is, that clean English uses at
        // least once in 100,000 words.
        let thesaurus = self.thesaurus.unwrap_or_else(|| Thesaurus::moby());
        let mut links: HashSet<(usize, String)> = HashSet::new();
        let mut link = |i: usize, form: Form, lemma: &str, own: &str| {
            if lemma == own || !is_plain_word(lemma) {
                return;
            }
            for surface in inflect(lemma, form) {
                if surface != spun[i].text && unigram(&surface) >= MIN_ORIGINAL_LOG10 {
                    links.insert((i, surface));
                }
            }
        };
        for (head, synonyms) in thesaurus.entries() {
            let heads = lemmas.get(head);
            for syn in synonyms {
                if let Some(hs) = heads {
                    for &(i, form) in hs {
                        link(i, form, syn, head);
                    }
                }
                if let Some(ss) = lemmas.get(syn) {
                    for &(i, form) in ss {
                        link(i, form, head, syn);
                    }
                }
            }
        }
        let mut originals: Vec<Vec<String>> = vec![Vec::new(); spun.len()];
        for (i, o) in links {
            originals[i].push(o);
        }

        // Each substitute's contexts, and each original scored in them
        // and for how alike its bigram neighbours are to the substitute's.
        let contexts = Contexts::of(&counted.streams, &spun);
        let profiled: Vec<&str> = spun
            .iter()
            .zip(&originals)
            .filter(|(_, found)| !found.is_empty())
            .flat_map(|(w, found)| {
                std::iter::once(w.text.as_str()).chain(found.iter().map(String::as_str))
            })
            .collect::<HashSet<&str>>()
            .into_iter()
            .collect();
        let profiles: HashMap<&str, Profile> = profiled
            .iter()
            .copied()
            .zip(lm.bigram_profiles(&profiled))
            .collect();
        let similarity = |a: &str, b: &str| match (profiles.get(a), profiles.get(b)) {
            (Some(a), Some(b)) => a.similarity(b),
            _ => 0.0,
        };
        let mut window = Window::default();
        let mut candidates = Vec::new();
        for (i, w) in spun.iter().enumerate() {
            let found = &originals[i];
            if found.is_empty() {
                continue;
            }
            let mut scored: Vec<(Scored, &String)> = found
                .iter()
                .map(|o| {
                    let context = contexts.score(lm, i, &w.text, o, &mut window);
                    (Scored::new(context, similarity(&w.text, o)), o)
                })
                .collect();
            // Best first; ties alphabetically, so the ranking is
            // deterministic.
            scored.sort_by(|a, b| b.0.total.total_cmp(&a.0.total).then_with(|| a.1.cmp(b.1)));
            let (best, original) = &scored[0];
            let runner_up = scored.get(1);
            let score =
                best.total - RUNNER_UP_WEIGHT * runner_up.map_or(0.0, |r| r.0.total.max(0.0));
            if best.context.preferred == 0 || best.context.gain <= 0.0 || score < self.min_llr {
                continue;
            }
            candidates.push(Candidate {
                spun: w.text.clone(),
                original: (*original).clone(),
                score,
                gain: best.context.gain,
                similarity: best.similarity,
                preferred: best.context.preferred,
                texts: contexts.texts[i],
                spun_count: w.count,
                spun_expected: w.expected,
                original_count: counted.count(original),
                original_expected: expected(original),
                runner_up: runner_up.map(|r| r.1.clone()).unwrap_or_default(),
                rivals: found.len(),
            });
        }
        candidates.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.spun.cmp(&b.spun))
        });
        Deciphered {
            candidates,
            words: counted.words,
            texts: counted.texts,
        }
    }
}

/// Least unigram log10 probability of an original: rarer synonyms
/// ("evinced", "formalities") are left out. The model backs off around a
/// rare word, so one would gain in almost any context.
const MIN_ORIGINAL_LOG10: f64 = -5.0;

/// How much of the runner-up original's total a pair's score takes off:
/// a substitute whose thesaurus offers two originals that fit about as
/// well is a less certain pair. Tuned on the evaluation texts' overall
/// precision (see DESIGN.md, "Decipherment").
const RUNNER_UP_WEIGHT: f64 = 0.8;

/// What a positive context gain is multiplied by, besides the
/// bigram-profile similarity (0 to 1): `gain * (SIMILARITY_FLOOR +
/// similarity)`. The context alone picks the right original among the
/// thesaurus's for 48% of the substitutes whose original it offers; with
/// the similarity, 55%. A product, not a sum, so that a synonym the
/// contexts do not call for gains nothing from being similar. Tuned as
/// [`RUNNER_UP_WEIGHT`] is.
const SIMILARITY_FLOOR: f64 = 0.2;

/// An original as the decipherer weighs it.
#[derive(Clone, Copy, Debug)]
struct Scored {
    context: ContextScore,
    /// [`Profile::similarity`] of the original and the substitute.
    similarity: f64,
    /// The context gain weighted by the similarity.
    total: f64,
}

impl Scored {
    fn new(context: ContextScore, similarity: f64) -> Scored {
        Scored {
            context,
            similarity,
            total: if context.gain > 0.0 {
                context.gain * (SIMILARITY_FLOOR + similarity)
            } else {
                context.gain
            },
        }
    }
}

/// What the language model says, in the contexts of a spun word's
/// occurrences, of an original in its place.
#[derive(Clone, Copy, Debug, Default)]
struct ContextScore {
    /// Occurrences where the model prefers the original in context.
    preferred: usize,
    /// Sum over the occurrences of log10 P(original) - log10 P(spun) in
    /// context, less the difference of their unigram log10 probabilities:
    /// what the contexts add to the two words' frequencies.
    gain: f64,
}

/// Up to two words before a word and up to two after it.
type Context<'s> = (Vec<&'s str>, Vec<&'s str>);

/// The distinct contexts of each substitute's occurrences: up to two
/// words each side, as the restorer's gate reads them, with how often
/// each occurs.
struct Contexts<'s> {
    /// Per substitute: each context and its occurrences.
    of: Vec<Vec<(Context<'s>, usize)>>,
    /// Per substitute: texts it occurs in.
    texts: Vec<usize>,
}

impl<'s> Contexts<'s> {
    fn of(streams: &'s [Vec<String>], spun: &[Word]) -> Contexts<'s> {
        let index: HashMap<&str, usize> = spun
            .iter()
            .enumerate()
            .map(|(i, w)| (w.text.as_str(), i))
            .collect();
        let mut seen: Vec<HashMap<Context, usize>> = vec![HashMap::new(); spun.len()];
        let mut texts = vec![0usize; spun.len()];
        for stream in streams {
            let mut in_text = HashSet::new();
            for (k, w) in stream.iter().enumerate() {
                let Some(&i) = index.get(w.as_str()) else {
                    continue;
                };
                in_text.insert(i);
                let mut left: Vec<&str> = Vec::with_capacity(2);
                for w in &stream[k.saturating_sub(2)..k] {
                    if w == SENTENCE_START {
                        left.clear();
                    }
                    left.push(w);
                }
                let mut right: Vec<&str> = Vec::with_capacity(2);
                for w in &stream[k + 1..(k + 3).min(stream.len())] {
                    right.push(w);
                    if w == SENTENCE_END {
                        break;
                    }
                }
                *seen[i].entry((left, right)).or_default() += 1;
            }
            for i in in_text {
                texts[i] += 1;
            }
        }
        let of = seen
            .into_iter()
            .map(|m| {
                let mut v: Vec<_> = m.into_iter().collect();
                v.sort();
                v
            })
            .collect();
        Contexts { of, texts }
    }

    /// Scores `original` in place of substitute `i` (`spun`) in each of
    /// its contexts.
    fn score(
        &self,
        lm: &LanguageModel,
        i: usize,
        spun: &str,
        original: &str,
        window: &mut Window,
    ) -> ContextScore {
        let unigram = f64::from(lm.log10_prob(&[original]) - lm.log10_prob(&[spun]));
        let mut out = ContextScore::default();
        for ((left, right), count) in &self.of[i] {
            window.clear();
            for w in left {
                window.left.push(w);
            }
            window.mangled.push(spun);
            window.canonical.push(original);
            for w in right {
                window.right.push(w);
            }
            let d = f64::from(lm.compare(window));
            out.gain += (d - unigram) * *count as f64;
            if d > 0.0 {
                out.preferred += count;
            }
        }
        out
    }
}

/// Whether `word` is made of letters only (no phrase, no hyphen).
fn is_plain_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Word counts of the spun texts.
#[derive(Debug, Default)]
struct Counts {
    /// Occurrences of each word of letters (folded).
    counts: HashMap<String, usize>,
    /// Occurrences inside a sentence, and how many of them capitalised.
    inside: HashMap<String, (usize, usize)>,
    /// Word tokens, of any kind.
    words: usize,
    texts: usize,
    /// Each text as the language model reads it: its words folded, each
    /// sentence between `<s>` and `</s>`.
    streams: Vec<Vec<String>>,
}

impl Counts {
    fn of<I, S>(texts: I) -> Counts
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = Counts::default();
        let mut tokens: Vec<Token> = Vec::new();
        for text in texts {
            let text = text.as_ref();
            out.texts += 1;
            tokenize_into(text, &[], &mut tokens);
            let mut sentence_start = true;
            let mut stream = vec![SENTENCE_START.to_string()];
            let boundary = |stream: &mut Vec<String>| {
                if stream.last().is_some_and(|w| w != SENTENCE_START) {
                    stream.push(SENTENCE_END.to_string());
                    stream.push(SENTENCE_START.to_string());
                }
            };
            for t in &tokens {
                let raw = &text[t.start..t.end];
                if t.break_before {
                    boundary(&mut stream);
                }
                if t.kind != TokenKind::Word {
                    if matches!(raw, "." | "!" | "?") {
                        boundary(&mut stream);
                    }
                    sentence_start = matches!(raw, "." | "!" | "?" | ":" | "\"" | "“" | "(")
                        || (sentence_start && t.break_before);
                    continue;
                }
                out.words += 1;
                let starts = sentence_start || t.break_before;
                sentence_start = false;
                let Ok(word) = String::from_utf8(folded(raw)) else {
                    stream.push(String::new());
                    continue;
                };
                stream.push(word.clone());
                if !is_plain_word(&word) {
                    continue;
                }
                if !starts {
                    let e = out.inside.entry(word.clone()).or_default();
                    e.0 += 1;
                    e.1 += usize::from(raw.chars().next().is_some_and(char::is_uppercase));
                }
                *out.counts.entry(word).or_default() += 1;
            }
            if stream.last().is_some_and(|w| w == SENTENCE_START) {
                stream.pop();
            } else {
                stream.push(SENTENCE_END.to_string());
            }
            out.streams.push(stream);
        }
        out
    }

    fn count(&self, word: &str) -> usize {
        self.counts.get(word).copied().unwrap_or(0)
    }

    /// Whether `word` is mostly capitalised inside sentences: a name, which
    /// no thesaurus pairs sensibly ("Trump", "Bill").
    fn is_name(&self, word: &str) -> bool {
        self.inside
            .get(word)
            .is_some_and(|&(n, caps)| n > 0 && caps * 2 > n)
    }
}

/// A word's count in the spun texts and the count clean English gives.
#[derive(Clone, Debug)]
struct Word {
    text: String,
    count: usize,
    expected: f64,
}

impl Word {
    fn new(text: &str, count: usize, expected: f64) -> Word {
        Word {
            text: text.to_string(),
            count,
            expected,
        }
    }
}

/// One proposed swap: a spun word and the original it likely replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    spun: String,
    original: String,
    score: f64,
    gain: f64,
    similarity: f64,
    preferred: usize,
    texts: usize,
    spun_count: usize,
    spun_expected: f64,
    original_count: usize,
    original_expected: f64,
    runner_up: String,
    rivals: usize,
}
impl Candidate {
    /// The spun word (folded to lower case).
    pub fn spun(&self) -> &str {
        &self.spun
    }
    /// The original it likely replaced.
    pub fn original(&self) -> &str {
        &self.original
    }
    /// The pair's score (higher is surer): its gain times 0.2 plus its
    /// similarity, less 0.8 times the same of the runner-up original.
    pub fn score(&self) -> f64 {
        self.score
    }
    /// What the contexts say for the original: summed over the spun
    /// word's occurrences, log10 P(original) - log10 P(spun) under the
    /// language model with two words of context each side, less the
    /// difference of their unigram log10 probabilities (what the two
    /// words' frequencies alone would say).
    pub fn gain(&self) -> f64 {
        self.gain
    }
    /// How alike the two words' neighbours are in the language model's
    /// bigrams, 0 to 1 (see the module documentation).
    pub fn similarity(&self) -> f64 {
        self.similarity
    }
    /// Occurrences of the spun word where the language model prefers the
    /// original in context.
    pub fn preferred(&self) -> usize {
        self.preferred
    }
    /// Texts the spun word occurs in.
    pub fn texts(&self) -> usize {
        self.texts
    }
    /// Times the spun word occurs in the texts.
    pub fn spun_count(&self) -> usize {
        self.spun_count
    }
    /// Times clean English would have the spun word in texts of this length.
    pub fn spun_expected(&self) -> f64 {
        self.spun_expected
    }
    /// Times the original occurs in the texts.
    pub fn original_count(&self) -> usize {
        self.original_count
    }
    /// Times clean English would have the original in texts of this length.
    pub fn original_expected(&self) -> f64 {
        self.original_expected
    }
    /// The original with the next best gain ("" when there was one
    /// original only).
    pub fn runner_up(&self) -> &str {
        &self.runner_up
    }
    /// How many originals the thesaurus offered for the spun word.
    pub fn rivals(&self) -> usize {
        self.rivals
    }
}

/// What [`Decipherer::decipher`] found.
#[derive(Clone, Debug)]
pub struct Deciphered {
    candidates: Vec<Candidate>,
    words: usize,
    texts: usize,
}

impl Deciphered {
    /// The proposed swaps, best first.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// Number of words in the texts.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Number of texts.
    pub fn texts(&self) -> usize {
        self.texts
    }

    /// How many of the first `top` candidates are in `confirmed`, swaps as
    /// `(spun, original)` (see [`Corpus::confirmed_swaps`](super::Corpus::confirmed_swaps)),
    /// and how many were compared (fewer than `top` when there are fewer
    /// candidates).
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::HashSet;
    /// use unspin::learn::{Decipherer, Thesaurus};
    ///
    /// let thesaurus = Thesaurus::from_lines("war,battle\n");
    /// let d = Decipherer::new()
    ///     .thesaurus(&thesaurus)
    ///     .decipher(["The battle went on. The battle ended. A battle began."]);
    /// let confirmed: HashSet<(String, String)> =
    ///     [("battle".to_string(), "war".to_string())].into_iter().collect();
    /// assert_eq!(d.confirmed(&confirmed, 200), (1, 1));
    /// ```
    pub fn confirmed(&self, confirmed: &HashSet<(String, String)>, top: usize) -> (usize, usize) {
        let head = &self.candidates[..top.min(self.candidates.len())];
        let hits = head
            .iter()
            .filter(|c| confirmed.contains(&(c.spun.clone(), c.original.clone())))
            .count();
        (hits, head.len())
    }

    /// As [`confirmed`](Self::confirmed), over the candidates the pairs
    /// can judge: those whose spun word occurs in the pairs' spun texts
    /// (`words`, see [`Corpus::spun_words`](super::Corpus::spun_words)).
    /// A swap of a word no pair has is neither confirmed nor refuted by
    /// them.
    ///
    /// # Example
    ///
    /// ```
    /// use std::collections::HashSet;
    /// use unspin::learn::{Decipherer, Thesaurus};
    ///
    /// let thesaurus = Thesaurus::from_lines("war,battle\nsay,state\n");
    /// let d = Decipherer::new().thesaurus(&thesaurus).decipher([
    ///     "The battle went on, he stated. The battle ended, she stated. A battle began, they stated.",
    /// ]);
    /// let confirmed: HashSet<(String, String)> =
    ///     [("battle".to_string(), "war".to_string())].into_iter().collect();
    /// // The pairs hold "battle" but not "stated".
    /// let words: HashSet<String> = ["battle", "the"].map(String::from).into_iter().collect();
    /// assert_eq!(d.candidates().len(), 2);
    /// assert_eq!(d.confirmed_judgeable(&confirmed, &words, 200), (1, 1));
    /// ```
    pub fn confirmed_judgeable(
        &self,
        confirmed: &HashSet<(String, String)>,
        words: &HashSet<String>,
        top: usize,
    ) -> (usize, usize) {
        let head: Vec<&Candidate> = self
            .candidates
            .iter()
            .filter(|c| words.contains(&c.spun))
            .take(top)
            .collect();
        let hits = head
            .iter()
            .filter(|c| confirmed.contains(&(c.spun.clone(), c.original.clone())))
            .count();
        (hits, head.len())
    }

    /// The candidates as TSV, best first, after a header line: rank, spun
    /// word, original, score, gain, similarity, the occurrences where the model
    /// prefers the original, the spun word's occurrences and texts, its
    /// clean-English expectation, the original's count and expectation,
    /// the runner-up original and how many originals the thesaurus
    /// offered.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "rank\tspun\toriginal\tscore\tgain\tsimilarity\tpreferred\tspun_count\ttexts\tspun_expected\toriginal_count\toriginal_expected\trunner_up\trivals\n",
        );
        for (k, c) in self.candidates.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{:.1}\t{:.1}\t{:.3}\t{}\t{}\t{}\t{:.2}\t{}\t{:.2}\t{}\t{}",
                k + 1,
                c.spun,
                c.original,
                c.score,
                c.gain,
                c.similarity,
                c.preferred,
                c.spun_count,
                c.texts,
                c.spun_expected,
                c.original_count,
                c.original_expected,
                c.runner_up,
                c.rivals
            );
        }
        out
    }
}

/// The inflection a spinner keeps when it swaps a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Form {
    /// As listed.
    Base,
    /// Plural or third person: -s, -es, -ies.
    S,
    /// Past tense or participle: -ed, -d, -ied, or irregular.
    Ed,
    /// -ing.
    Ing,
}

/// The readings of `word` as an inflection of a lemma: always itself as
/// [`Form::Base`], then whatever its ending allows. Wrong readings are
/// harmless: a lemma must also be in the thesaurus, linked with a word
/// that inflects the same way.
fn analyses(word: &str) -> Vec<(String, Form)> {
    let mut out = vec![(word.to_string(), Form::Base)];
    let len = word.len();
    let mut add = |lemma: &str, form: Form| {
        if lemma.len() >= 2 && !out.iter().any(|(l, f)| l == lemma && *f == form) {
            out.push((lemma.to_string(), form));
        }
    };
    for (lemma, past) in irregular() {
        if past.contains(&word) {
            add(lemma, Form::Ed);
        }
    }
    if len > 3 {
        if let Some(stem) = word.strip_suffix("ies") {
            add(&format!("{stem}y"), Form::S);
        }
        if let Some(stem) = word.strip_suffix("es") {
            add(stem, Form::S);
        }
        if let Some(stem) = word.strip_suffix('s') {
            if !stem.ends_with('s') {
                add(stem, Form::S);
            }
        }
        if let Some(stem) = word.strip_suffix("ied") {
            add(&format!("{stem}y"), Form::Ed);
        }
        if let Some(stem) = word.strip_suffix("ed") {
            add(stem, Form::Ed);
            add(&word[..len - 1], Form::Ed);
            if let Some(single) = undoubled(stem) {
                add(single, Form::Ed);
            }
        }
    }
    if len > 4 {
        if let Some(stem) = word.strip_suffix("ing") {
            add(stem, Form::Ing);
            add(&format!("{stem}e"), Form::Ing);
            if let Some(single) = undoubled(stem) {
                add(single, Form::Ing);
            }
        }
    }
    out
}

/// `stem` less its last letter when that letter is doubled ("plann").
fn undoubled(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]))
        .then(|| &stem[..stem.len() - 1])
}

/// The spellings of `lemma` in `form`; the caller keeps those clean
/// English has.
fn inflect(lemma: &str, form: Form) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let last = lemma.chars().last().unwrap_or(' ');
    let before_y_consonant = lemma
        .strip_suffix('y')
        .and_then(|s| s.chars().last())
        .is_some_and(|c| !"aeiou".contains(c));
    match form {
        Form::Base => out.push(lemma.to_string()),
        Form::S => {
            if before_y_consonant {
                out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
            } else if lemma.ends_with('s')
                || lemma.ends_with('x')
                || lemma.ends_with('z')
                || lemma.ends_with("ch")
                || lemma.ends_with("sh")
            {
                out.push(format!("{lemma}es"));
            } else {
                out.push(format!("{lemma}s"));
            }
        }
        Form::Ed => {
            if let Some((_, past)) = irregular().iter().find(|(l, _)| *l == lemma) {
                out.extend(past.iter().map(|p| p.to_string()));
            } else if before_y_consonant {
                out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
            } else if last == 'e' {
                out.push(format!("{lemma}d"));
            } else {
                out.push(format!("{lemma}ed"));
                out.push(format!("{lemma}{last}ed"));
            }
        }
        Form::Ing => {
            if let Some(stem) = lemma.strip_suffix('e').filter(|_| !lemma.ends_with("ee")) {
                out.push(format!("{stem}ing"));
            } else {
                out.push(format!("{lemma}ing"));
                out.push(format!("{lemma}{last}ing"));
            }
        }
    }
    out
}

/// Irregular verbs: each lemma with its past tense and participle.
fn irregular() -> &'static [(&'static str, Vec<&'static str>)] {
    static TABLE: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        IRREGULAR
            .split_whitespace()
            .map(|entry| {
                let mut forms = entry.split('/');
                let lemma = forms.next().unwrap_or_default();
                let mut past: Vec<&str> = forms.collect();
                past.dedup();
                (lemma, past)
            })
            .collect()
    })
}

/// lemma/past/participle of the irregular verbs common in news.
const IRREGULAR: &str = "\
    arise/arose/arisen awake/awoke/awoken be/was/were/been bear/bore/borne beat/beat/beaten \
    become/became/become begin/began/begun bend/bent/bent bet/bet/bet bid/bid/bid bind/bound/bound \
    bite/bit/bitten bleed/bled/bled blow/blew/blown break/broke/broken breed/bred/bred \
    bring/brought/brought build/built/built burn/burnt/burnt buy/bought/bought cast/cast/cast \
    catch/caught/caught choose/chose/chosen cling/clung/clung come/came/come cost/cost/cost \
    creep/crept/crept cut/cut/cut deal/dealt/dealt dig/dug/dug do/did/done draw/drew/drawn \
    dream/dreamt/dreamt drink/drank/drunk drive/drove/driven eat/ate/eaten fall/fell/fallen \
    feed/fed/fed feel/felt/felt fight/fought/fought find/found/found flee/fled/fled fling/flung/flung \
    fly/flew/flown forbid/forbade/forbidden forecast/forecast/forecast foresee/foresaw/foreseen \
    forget/forgot/forgotten forgive/forgave/forgiven freeze/froze/frozen get/got/gotten \
    give/gave/given go/went/gone grind/ground/ground grow/grew/grown hang/hung/hung have/had/had \
    hear/heard/heard hide/hid/hidden hit/hit/hit hold/held/held hurt/hurt/hurt keep/kept/kept \
    know/knew/known lay/laid/laid lead/led/led leap/leapt/leapt learn/learnt/learnt leave/left/left \
    lend/lent/lent let/let/let lie/lay/lain light/lit/lit lose/lost/lost make/made/made \
    mean/meant/meant meet/met/met mislead/misled/misled overcome/overcame/overcome \
    oversee/oversaw/overseen overtake/overtook/overtaken pay/paid/paid put/put/put quit/quit/quit \
    read/read/read rid/rid/rid ride/rode/ridden ring/rang/rung rise/rose/risen run/ran/run \
    say/said/said see/saw/seen seek/sought/sought sell/sold/sold send/sent/sent set/set/set \
    shake/shook/shaken shed/shed/shed shine/shone/shone shoot/shot/shot show/showed/shown \
    shrink/shrank/shrunk shut/shut/shut sing/sang/sung sink/sank/sunk sit/sat/sat sleep/slept/slept \
    slide/slid/slid speak/spoke/spoken speed/sped/sped spend/spent/spent spin/spun/spun \
    split/split/split spread/spread/spread spring/sprang/sprung stand/stood/stood steal/stole/stolen \
    stick/stuck/stuck sting/stung/stung strike/struck/struck strive/strove/striven swear/swore/sworn \
    sweep/swept/swept swim/swam/swum swing/swung/swung take/took/taken teach/taught/taught \
    tear/tore/torn tell/told/told think/thought/thought throw/threw/thrown \
    undergo/underwent/undergone understand/understood/understood undertake/undertook/undertaken \
    uphold/upheld/upheld upset/upset/upset wake/woke/woken wear/wore/worn weep/wept/wept \
    win/won/won withdraw/withdrew/withdrawn write/wrote/written";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_two_words_each_side_within_the_sentence() {
        let counted =
            Counts::of(["The man stated it. Officials stated the plan today.\n\nWe stated"]);
        let spun = vec![Word::new("stated", 3, 0.0)];
        let contexts = Contexts::of(&counted.streams, &spun);
        let of: Vec<(Context, usize)> = contexts.of[0].clone();
        assert_eq!(
            of,
            vec![
                ((vec!["<s>", "officials"], vec!["the", "plan"]), 1),
                ((vec!["<s>", "we"], vec!["</s>"]), 1),
                ((vec!["the", "man"], vec!["it", "</s>"]), 1),
            ]
        );
        assert_eq!(contexts.texts, vec![1]);
    }

    #[test]
    fn an_original_gains_where_its_context_wants_it() {
        let lm = LanguageModel::embedded();
        let text = "The secretary stated that the war was over. The minister stated that \
                    talks would go on.";
        let counted = Counts::of([text]);
        let spun = vec![Word::new("stated", 2, 0.0)];
        let contexts = Contexts::of(&counted.streams, &spun);
        let mut window = Window::default();
        let said = contexts.score(lm, 0, "stated", "said", &mut window);
        assert_eq!(said.preferred, 2);
        assert!(said.gain > 0.0, "{said:?}");
        // A synonym that does not fit "the secretary ... that".
        let declared = contexts.score(lm, 0, "stated", "uttered", &mut window);
        assert!(declared.gain < said.gain, "{declared:?} {said:?}");
    }

    #[test]
    fn inflections_are_read_and_made_as_the_spinner_keeps_them() {
        let readings = analyses("stated");
        assert!(readings.contains(&("state".to_string(), Form::Ed)));
        assert!(readings.contains(&("stated".to_string(), Form::Base)));
        assert!(analyses("businesses").contains(&("business".to_string(), Form::S)));
        assert!(analyses("companies").contains(&("company".to_string(), Form::S)));
        assert!(analyses("planning").contains(&("plan".to_string(), Form::Ing)));
        assert!(analyses("said").contains(&("say".to_string(), Form::Ed)));
        assert_eq!(inflect("say", Form::Ed), vec!["said"]);
        assert_eq!(inflect("company", Form::S), vec!["companies"]);
        assert_eq!(inflect("business", Form::S), vec!["businesses"]);
        assert_eq!(inflect("make", Form::Ing), vec!["making"]);
        assert!(inflect("plan", Form::Ed).contains(&"planned".to_string()));
    }

    /// Replaces whole words, lower-case and capitalised, as a spinner
    /// that always picks one substitute would.
    fn spin(text: &str, swaps: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower = word.to_lowercase();
            match swaps.iter().find(|(from, _)| *from == lower) {
                Some((_, to)) if word.starts_with(char::is_uppercase) => {
                    let mut c = to.chars();
                    out.extend(c.next().map(|f| f.to_ascii_uppercase()));
                    out.push_str(c.as_str());
                }
                Some((_, to)) => out.push_str(to),
                None => out.push_str(word),
            }
            word.clear();
        };
        for ch in text.chars() {
            if ch.is_alphabetic() {
                word.push(ch);
            } else {
                flush(&mut word, &mut out);
                out.push(ch);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// Clean speeches of the test corpus, spun by a made-up spinner.
    fn spun_corpus() -> Vec<String> {
        let swaps = [
            ("said", "stated"),
            ("war", "battle"),
            ("people", "individuals"),
        ];
        [
            include_str!("../../tests/corpus/clean/sotu-1982-reagan.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-1986-reagan.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-1990-bush.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-1994-clinton.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-2002-bush.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-2006-bush.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-2010-obama.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-2018-trump.clean.txt"),
            include_str!("../../tests/corpus/clean/sotu-2022-biden.clean.txt"),
        ]
        .iter()
        .map(|t| spin(t, &swaps))
        .collect()
    }

    #[test]
    fn the_test_spinner_keeps_case_and_everything_else() {
        assert_eq!(
            spin(
                "War, said the Government; warm war.",
                &[
                    ("war", "battle"),
                    ("said", "stated"),
                    ("government", "authorities")
                ]
            ),
            "Battle, stated the Authorities; warm battle."
        );
    }

    #[test]
    fn a_made_up_spinner_is_deciphered_from_its_output() {
        let thesaurus = Thesaurus::from_lines(
            "say,state,declare,tell,speak,utter\n\
             war,battle,conflict,fight,combat\n\
             government,authorities,administration,regime,state,rule\n\
             people,individuals,folks,persons,nation,public\n\
             work,job,labor,effort,task\n",
        );
        let d = Decipherer::new()
            .thesaurus(&thesaurus)
            .decipher(spun_corpus());
        // The three swaps lead; "stated" and "said" keep different company
        // in clean English (bigram similarity 0.06), so that pair ties with
        // a chance one of the unspun speech ("regimes": "governments").
        let top: Vec<(&str, &str)> = d
            .candidates()
            .iter()
            .take(4)
            .map(|c| (c.spun(), c.original()))
            .collect();
        for pair in [
            ("stated", "said"),
            ("battle", "war"),
            ("individuals", "people"),
        ] {
            assert!(
                top.contains(&pair),
                "{pair:?} not in {top:?}\n{}",
                d.to_tsv()
            );
        }
        let stated = &d.candidates()[top.iter().position(|p| p.0 == "stated").unwrap()];
        assert_eq!(stated.original_count(), 0);
        assert!(stated.spun_count() > 0);
        assert_eq!(d.texts(), 9);
    }

    #[test]
    fn names_are_not_substitutes() {
        // "Battle" as a name (capitalised inside sentences) is left out.
        let thesaurus = Thesaurus::from_lines("war,battle\n");
        let d = Decipherer::new()
            .thesaurus(&thesaurus)
            .decipher(["We met Mr Battle. Then Mr Battle left, and Ms Battle stayed."]);
        assert!(d.candidates().is_empty());
    }

    #[test]
    fn the_tsv_has_a_header_and_a_line_a_candidate() {
        let thesaurus = Thesaurus::from_lines("war,battle\n");
        let d = Decipherer::new()
            .thesaurus(&thesaurus)
            .decipher(spun_corpus());
        let tsv = d.to_tsv();
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("rank\tspun\toriginal\tscore"));
        assert!(lines[1].starts_with("1\tbattle\twar\t"), "{}", lines[1]);
    }

    #[test]
    fn empty_input_gives_no_candidates() {
        let thesaurus = Thesaurus::from_lines("war,battle\n");
        let d = Decipherer::new()
            .thesaurus(&thesaurus)
            .decipher(Vec::<String>::new());
        assert!(d.candidates().is_empty());
        assert_eq!((d.words(), d.texts()), (0, 0));
        assert_eq!(d.confirmed(&HashSet::new(), 200), (0, 0));
    }
}
