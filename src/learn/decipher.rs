//! Deciphering the spinner's vocabulary from spun text alone.
//!
//! A spinner swaps words for fixed synonyms, so its output is skewed
//! against clean English: the words it replaces ("said", "government",
//! "war") are rarer in spun text than in clean English, and its
//! substitutes ("stated", "authorities", "battle") are more frequent.
//! A [`Decipherer`] counts the words of spun texts, compares each word's
//! count with the count clean English would give a text of that length
//! (the unigram probability of the embedded language model), and pairs
//! over-represented spun words with under-represented originals that a
//! [`Thesaurus`] lists as synonyms, in the same inflection ("stated" with
//! "said", "businesses" with "companies").
//!
//! Each pair is scored by how much of the two words' deviation from clean
//! English it explains: the fall in their Poisson log-likelihood ratios
//! (Dunning's G²) against clean English when the substitute's excess
//! occurrences, up to the original's deficit, are given back to the
//! original. A pair whose excess and deficit are of one size scores the
//! sum of both words' G²; a large excess with a small deficit scores only
//! what the small deficit can take. Pairs are taken greedily, best first;
//! each taken pair moves the spun word's excess, up to the original's
//! deficit, back to the original, and the pairs that share a word with it
//! are scored again on what is left. So a spun word is paired with its
//! likeliest original first and with another only when its excess is not
//! used up, and an original that one substitute explains does not pair
//! with every synonym of it that the texts happen to over-use.
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

use crate::lm::LanguageModel;
use crate::tokenize::{folded, tokenize_into, Token, TokenKind};

/// Default [`Decipherer::min_count`].
pub const DEFAULT_MIN_COUNT: usize = 2;
/// Default [`Decipherer::min_llr`]: G² of 3.84, about p = 0.05.
pub const DEFAULT_MIN_LLR: f64 = 3.84;

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
/// let decipherer = Decipherer::new().min_count(2).min_llr(3.84).thesaurus(&thesaurus);
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

    /// The least G² (log-likelihood ratio against clean English) of an
    /// over-represented spun word and of an under-represented original,
    /// and the least score of a pair (default 3.84).
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
        let expected = |w: &str| n * 10f64.powf(f64::from(lm.log10_prob(&[w])));
        let known = |w: &str| lm.log10_prob(&[w]) > crate::lm::UNKNOWN_WORD;

        // Substitutes: spun words over-represented against clean English,
        // names (mostly capitalised inside a sentence) left out.
        let mut over: Vec<Word> = counted
            .counts
            .iter()
            .filter(|(w, &c)| c >= self.min_count && !counted.is_name(w))
            .map(|(w, &c)| Word::new(w, c, expected(w)))
            .filter(|w| w.count as f64 > w.expected && w.llr() >= self.min_llr)
            .collect();
        over.sort_by(|a, b| a.text.cmp(&b.text));
        let mut lemmas: HashMap<String, Vec<(usize, Form)>> = HashMap::new();
        for (i, w) in over.iter().enumerate() {
            for (lemma, form) in analyses(&w.text) {
                lemmas.entry(lemma).or_default().push((i, form));
            }
        }

        // Originals: the thesaurus's synonyms of each substitute's lemma,
        // inflected as the substitute is, that clean English has.
        let thesaurus = self.thesaurus.unwrap_or_else(|| Thesaurus::moby());
        let mut links: HashSet<(usize, String)> = HashSet::new();
        let mut link = |i: usize, form: Form, lemma: &str, own: &str| {
            if lemma == own || !is_plain_word(lemma) {
                return;
            }
            for surface in inflect(lemma, form) {
                if surface != over[i].text && known(&surface) {
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
        // ... under-represented in the texts.
        let mut originals: Vec<Word> = Vec::new();
        let mut original_index: HashMap<String, usize> = HashMap::new();
        let mut rejected: HashSet<String> = HashSet::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut sorted_links: Vec<(usize, String)> = links.into_iter().collect();
        sorted_links.sort();
        for (i, o) in sorted_links {
            if rejected.contains(&o) {
                continue;
            }
            let j = match original_index.get(&o) {
                Some(&j) => j,
                None => {
                    let w = Word::new(&o, counted.count(&o), expected(&o));
                    if (w.count as f64) >= w.expected || w.llr() < self.min_llr {
                        rejected.insert(o);
                        continue;
                    }
                    originals.push(w);
                    original_index.insert(o, originals.len() - 1);
                    originals.len() - 1
                }
            };
            pairs.push((i, j));
        }
        let mut rivals = vec![0usize; over.len()];
        for &(i, _) in &pairs {
            rivals[i] += 1;
        }

        // Greedy: the best pair on what is left of both words' deviation.
        let mut excess: Vec<f64> = over.iter().map(|w| w.count as f64 - w.expected).collect();
        let mut deficit: Vec<f64> = originals
            .iter()
            .map(|w| w.expected - w.count as f64)
            .collect();
        let mut scores: Vec<f64> = pairs
            .iter()
            .map(|&(i, j)| pair_score(&over[i], excess[i], &originals[j], deficit[j]))
            .collect();
        let mut taken = vec![false; pairs.len()];
        let mut candidates = Vec::new();
        loop {
            // Ties go to the pair found first (spun word, then original,
            // in alphabetical order), so the ranking is deterministic.
            let best = (0..pairs.len())
                .filter(|&k| !taken[k])
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then_with(|| b.cmp(&a)));
            let Some(k) = best else { break };
            if scores[k] < self.min_llr {
                break;
            }
            taken[k] = true;
            let (i, j) = pairs[k];
            let (s, o) = (&over[i], &originals[j]);
            candidates.push(Candidate {
                spun: s.text.clone(),
                original: o.text.clone(),
                score: scores[k],
                spun_count: s.count,
                spun_expected: s.expected,
                original_count: o.count,
                original_expected: o.expected,
                rivals: rivals[i],
            });
            let moved = excess[i].min(deficit[j]).max(0.0);
            excess[i] -= moved;
            deficit[j] -= moved;
            for (q, &(a, b)) in pairs.iter().enumerate() {
                if !taken[q] && (a == i || b == j) {
                    scores[q] = pair_score(&over[a], excess[a], &originals[b], deficit[b]);
                }
            }
        }
        Deciphered {
            candidates,
            words: counted.words,
            texts: counted.texts,
        }
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
            for t in &tokens {
                let raw = &text[t.start..t.end];
                if t.kind != TokenKind::Word {
                    sentence_start = matches!(raw, "." | "!" | "?" | ":" | "\"" | "“" | "(")
                        || (sentence_start && t.break_before);
                    continue;
                }
                out.words += 1;
                let starts = sentence_start || t.break_before;
                sentence_start = false;
                let Ok(word) = String::from_utf8(folded(raw)) else {
                    continue;
                };
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

    fn llr(&self) -> f64 {
        g2(self.count as f64, self.expected)
    }
}

/// Dunning's G² of an observed count against an expected one (Poisson):
/// twice the log-likelihood ratio of the observed rate over the expected.
pub(crate) fn g2(observed: f64, expected: f64) -> f64 {
    if expected <= 0.0 {
        return 0.0;
    }
    let o = observed.max(0.0);
    let log = if o > 0.0 {
        o * (o / expected).ln()
    } else {
        0.0
    };
    (2.0 * (log - (o - expected))).max(0.0)
}

/// How much of the two words' deviation from clean English the pair
/// explains: the fall in their G² when `moved` = min(excess, deficit)
/// occurrences of the substitute are given back to the original.
/// `excess` and `deficit` are what is left of each word's deviation (in
/// occurrences) after the pairs already taken.
fn pair_score(spun: &Word, excess: f64, original: &Word, deficit: f64) -> f64 {
    let moved = excess.min(deficit);
    if moved <= 0.0 {
        return 0.0;
    }
    let s = spun.expected + excess;
    let o = original.expected - deficit;
    (g2(s, spun.expected) - g2(s - moved, spun.expected))
        + (g2(o, original.expected) - g2(o + moved, original.expected))
}

/// One proposed swap: a spun word and the original it likely replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    spun: String,
    original: String,
    score: f64,
    spun_count: usize,
    spun_expected: f64,
    original_count: usize,
    original_expected: f64,
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
    /// The pair's score when it was taken (G² units; higher is surer).
    pub fn score(&self) -> f64 {
        self.score
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
    /// How many under-represented originals the thesaurus offered for the
    /// spun word.
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

    /// The candidates as TSV, best first, after a header line: rank, spun
    /// word, original, score, then the spun word's count and clean-English
    /// expectation, the original's, and the thesaurus's originals for the
    /// spun word.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "rank\tspun\toriginal\tscore\tspun_count\tspun_expected\toriginal_count\toriginal_expected\trivals\n",
        );
        for (k, c) in self.candidates.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{:.1}\t{}\t{:.2}\t{}\t{:.2}\t{}",
                k + 1,
                c.spun,
                c.original,
                c.score,
                c.spun_count,
                c.spun_expected,
                c.original_count,
                c.original_expected,
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

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn g2_is_zero_at_the_expected_count_and_grows_away_from_it() {
        assert!(close(g2(5.0, 5.0), 0.0));
        // Nothing where 5 were expected: twice the expected count.
        assert!(close(g2(0.0, 5.0), 10.0));
        assert!(g2(20.0, 5.0) > g2(10.0, 5.0));
        assert!(g2(0.0, 10.0) > g2(2.0, 10.0));
        // Nothing expected is no evidence either way.
        assert!(close(g2(3.0, 0.0), 0.0));
    }

    #[test]
    fn a_pair_scores_what_it_explains() {
        let spun = Word::new("stated", 20, 2.0);
        let original = Word::new("said", 0, 18.0);
        let matched = pair_score(&spun, 18.0, &original, 18.0);
        // The excess and the deficit are of one size: the pair explains
        // nearly all of both words' deviation.
        assert!(matched > 0.9 * (spun.llr() + original.llr()) - 1.0);
        // A deficit a tenth the size explains much less.
        let small = Word::new("declared", 0, 1.8);
        assert!(pair_score(&spun, 18.0, &small, 1.8) < matched / 4.0);
        // Used up on either side: nothing left to explain.
        assert!(close(pair_score(&spun, 0.0, &original, 18.0), 0.0));
        assert!(close(pair_score(&spun, 18.0, &original, 0.0), 0.0));
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
        let top: Vec<(&str, &str)> = d
            .candidates()
            .iter()
            .take(3)
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
