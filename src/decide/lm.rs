//! The language model behind the per-occurrence gate of ambiguous entries.
//!
//! The whole CMU Sphinx US English trigram model (72,547 words, about 2
//! million bigrams and 1.7 million trigrams; the `unspin-lm` crate in
//! `crates/unspin-lm/`, made by `scripts/build_lm.py`) is embedded as
//! `fst::Map`s: the vocabulary maps each word to its id, its index in the
//! byte order of the vocabulary, and the n-grams map an n-gram, the ids of
//! its words as three big-endian bytes each, to its quantized log10
//! probability and backoff weight (`prob | backoff << 8`, see [`STEP`]).
//! The n-grams come in parts, one a crate (so that each crate stays under
//! the size crates.io accepts), split by the n-gram's first word: an
//! n-gram and all its prefixes are in the same part. All are read where
//! they lie in the binary: loading the model parses nothing.
//!
//! Scoring is standard Katz backoff: an n-gram the map lacks backs off to
//! the next lower order, adding the backoff weight of its history (0 when
//! the history is missing too); a word the model lacks gets
//! [`UNKNOWN_WORD`].
//!
//! [`LanguageModel::compare`] scores the two wordings of an entry in the
//! same context. The model judges any entry whose differing words it knows
//! (see [`LanguageModel::judges`]), an entry of a user dictionary as much
//! as an embedded one; the rest (a number, a word the model lacks) is left
//! to the document gate.

use std::sync::OnceLock;

use fst::raw::Output;
use fst::Map;

use crate::find::walk::step;
use crate::format::tokenize::{fold_token, tokenize_into, Token};

/// log10 probability of a word the model does not hold. The model has no
/// `<unk>`; the value is below every unigram it has. In a comparison it
/// mostly cancels: both wordings share their context words.
pub(crate) const UNKNOWN_WORD: f32 = -9.0;

/// Sentence start and end, as the model spells them.
pub(crate) const SENTENCE_START: &str = "<s>";
pub(crate) const SENTENCE_END: &str = "</s>";

/// Quantization steps per log10 unit of the stored values: a probability
/// is stored as -log10 P in steps of 1/20 (a byte, 0 to -12.75), a
/// backoff weight as a signed byte in the same steps. `STEP` in
/// `scripts/build_lm.py` and `step` in `crates/unspin-lm/model.toml` say
/// the same.
pub(crate) const STEP: f32 = 20.0;

/// Bytes of a word id in an n-gram key.
const ID_BYTES: usize = 3;

/// How many maps the n-grams come in.
const PARTS: usize = unspin_lm::PARTS;

/// The embedded trigram model.
pub(crate) struct LanguageModel {
    /// word -> id.
    vocab: Map<&'static [u8]>,
    /// ids -> `prob | backoff << 8`, in parts by the first word's id.
    parts: [Map<&'static [u8]>; PARTS],
    /// The first word id of each part: part `k` holds the n-grams whose
    /// first word's id is in `firsts[k]..firsts[k + 1]`.
    firsts: [u32; PARTS],
}

/// A probability and backoff weight, in log10.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Gram {
    pub prob: f32,
    pub backoff: f32,
}

/// A word's id, or `None` for a word the model does not hold.
type Id = Option<u32>;

impl LanguageModel {
    /// The model compiled into the library, loaded once per process.
    pub fn embedded() -> &'static LanguageModel {
        static MODEL: OnceLock<LanguageModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            let parts = unspin_lm::ngrams()
                .map(|bytes| Map::new(bytes).expect("embedded language model is valid"));
            let firsts = std::array::from_fn(|k| {
                let mut keys = parts[k].keys();
                let key = fst::Streamer::next(&mut keys).expect("a part holds n-grams");
                id_at(key, 0)
            });
            LanguageModel {
                vocab: Map::new(unspin_lm::vocab()).expect("embedded vocabulary is valid"),
                parts,
                firsts,
            }
        })
    }

    /// Size of the maps in bytes.
    pub fn fst_bytes(&self) -> usize {
        self.vocab.as_fst().as_bytes().len()
            + self
                .parts
                .iter()
                .map(|p| p.as_fst().as_bytes().len())
                .sum::<usize>()
    }

    /// The part holding the n-grams that start with the word `first`.
    fn part(&self, first: u32) -> &Map<&'static [u8]> {
        &self.parts[self.firsts.partition_point(|&f| f <= first).max(1) - 1]
    }

    /// How many n-grams the model holds.
    #[cfg(test)]
    fn ngram_count(&self) -> usize {
        self.parts.iter().map(|p| p.len()).sum()
    }

    /// The id of `word` (lower-case, straight apostrophes), if the model
    /// holds it.
    fn id(&self, word: &str) -> Id {
        self.vocab.get(word).map(|id| id as u32)
    }

    /// Whether the model holds `w` (lower-case, straight apostrophes, as
    /// [`Sequence::push_folded`] writes words; also `<s>` and `</s>`).
    pub fn contains_word(&self, w: &str) -> bool {
        self.vocab.contains_key(w)
    }

    /// The stored values of the n-gram `words`, if the model has it.
    #[cfg(test)]
    pub fn gram(&self, words: &[&str]) -> Option<Gram> {
        let mut key = Vec::new();
        for w in words {
            key.extend_from_slice(&self.id(w)?.to_be_bytes()[4 - ID_BYTES..]);
        }
        let value = self.part(id_at(&key, 0)).get(&key)?;
        Some(Gram {
            prob: prob_of(value),
            backoff: backoff_of(value),
        })
    }

    /// log10 P(last word | the words before it), with Katz backoff.
    /// `words` holds one to three words, lower-case.
    #[allow(dead_code)] // for scoring wording outside a comparison
    pub fn log10_prob(&self, words: &[&str]) -> f32 {
        let mut ids = [None; 3];
        for (slot, w) in ids.iter_mut().zip(words) {
            *slot = self.id(w);
        }
        self.log10_prob_ids(&ids[..words.len()])
    }

    /// log10 probability of `words` (lower-case) as a phrase of running
    /// text: the first word's unigram probability, then each next word
    /// given up to two words before it. No sentence start or end is
    /// added; a word the model lacks counts [`UNKNOWN_WORD`].
    #[allow(dead_code)] // for scoring wording outside a comparison
    pub fn phrase_log10(&self, words: &[&str]) -> f32 {
        let ids: Vec<Id> = words.iter().map(|w| self.id(w)).collect();
        (0..ids.len())
            .map(|k| self.log10_prob_ids(&ids[k.saturating_sub(2)..=k]))
            .sum()
    }

    /// [`log10_prob`](Self::log10_prob) over word ids.
    fn log10_prob_ids(&self, ids: &[Id]) -> f32 {
        let mut total = 0.0;
        let mut ids = ids;
        loop {
            // One walk finds the n-gram and its history.
            let found = self.walk(ids);
            let n = ids.len();
            if let Some(v) = found[n - 1] {
                return total + prob_of(v);
            }
            if n == 1 {
                return total + UNKNOWN_WORD;
            }
            if let Some(v) = found[n - 2] {
                total += backoff_of(v);
            }
            ids = &ids[1..];
        }
    }

    /// The bigram profiles of `words` (lower-case): for each, the words
    /// the model has after it and before it, each with how much more
    /// likely the bigram makes the second word than its own unigram
    /// (log10 P(b | a) - log10 P(b), kept when positive). Two words a
    /// thesaurus calls synonyms are substitutable in general when their
    /// profiles overlap ("company" and "firm" both precede "'s" and
    /// "executives"; "wing" does not). A word the model lacks gets an
    /// empty profile. One pass over the stored n-grams.
    #[cfg(feature = "learn")]
    pub fn bigram_profiles(&self, words: &[&str]) -> Vec<Profile> {
        use fst::Streamer;
        let mut index: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
        for (k, w) in words.iter().enumerate() {
            if let Some(id) = self.id(w) {
                index.insert(id, k);
            }
        }
        // Unigrams come before the bigrams that start with them but not
        // before every bigram that ends with them: keep raw bigram
        // probabilities and subtract the unigram at the end.
        let mut unigram: Vec<f32> = Vec::new();
        let mut bigrams: Vec<(u32, u32, f32)> = Vec::new();
        for part in &self.parts {
            let mut stream = part.stream();
            while let Some((key, value)) = stream.next() {
                match key.len() {
                    ID_BYTES => {
                        let id = id_at(key, 0) as usize;
                        if unigram.len() <= id {
                            unigram.resize(id + 1, UNKNOWN_WORD);
                        }
                        unigram[id] = prob_of(value);
                    }
                    n if n == 2 * ID_BYTES => {
                        let (a, b) = (id_at(key, 0), id_at(key, 1));
                        if index.contains_key(&a) || index.contains_key(&b) {
                            bigrams.push((a, b, prob_of(value)));
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut out = vec![Profile::default(); words.len()];
        for (a, b, prob) in bigrams {
            let lift = prob - unigram.get(b as usize).copied().unwrap_or(UNKNOWN_WORD);
            if lift <= 0.0 {
                continue;
            }
            if let Some(&k) = index.get(&a) {
                out[k].after.push((b, lift));
            }
            if let Some(&k) = index.get(&b) {
                out[k].before.push((a, lift));
            }
        }
        for p in &mut out {
            p.after.sort_unstable_by_key(|e| e.0);
            p.before.sort_unstable_by_key(|e| e.0);
        }
        out
    }

    /// Walks `ids` (up to three) through the map: the value of every
    /// prefix n-gram it holds, `found[k]` for `ids[..=k]`.
    fn walk(&self, ids: &[Id]) -> [Option<u64>; 3] {
        let mut found = [None; 3];
        let Some(Some(first)) = ids.first() else {
            return found;
        };
        let fst = self.part(*first).as_fst();
        let mut node = fst.root();
        let mut out = Output::zero();
        for (k, id) in ids.iter().enumerate() {
            let Some(id) = id else {
                return found;
            };
            for &b in &id.to_be_bytes()[4 - ID_BYTES..] {
                if !step(fst, &mut node, &mut out, b) {
                    return found;
                }
            }
            if node.is_final() {
                found[k] = Some(out.cat(node.final_output()).value());
            }
        }
        found
    }

    /// Whether the model can judge an entry with these two phrases: the
    /// words where they differ (after the words both share at the start
    /// and the end) are all words of the model, and they do differ. Words
    /// of the context need not be: one the model lacks is shared by both
    /// wordings. So numbers ("June 5") and words the model has never seen
    /// are left to the document gate, and any other entry, embedded or
    /// added at run time, is judged.
    pub fn judges(&self, mangled: &Sequence, canonical: &Sequence) -> bool {
        let (start, end_m, end_c) = split(mangled, canonical);
        (start < end_m || start < end_c)
            && (start..end_m).all(|i| self.contains_word(mangled.word(i)))
            && (start..end_c).all(|i| self.contains_word(canonical.word(i)))
    }

    /// log10 P(canonical wording) - log10 P(mangled wording), each with the
    /// same context around it: `left` (up to two words, or fewer after
    /// [`SENTENCE_START`]) and `right` (up to two words, or fewer up to
    /// [`SENTENCE_END`]). Only the positions whose probability can differ
    /// are scored: the words where the phrases differ, and the two after
    /// them. With a trigram model that equals the difference of the two
    /// whole sentences' log-probabilities.
    pub fn compare(&self, window: &mut Window) -> f32 {
        let (start, end_m, end_c) = split(&window.mangled, &window.canonical);
        let Window {
            left,
            mangled,
            canonical,
            right,
            ids,
            ..
        } = window;
        let observed = self.score(left, mangled, right, start, end_m, ids);
        let restored = self.score(left, canonical, right, start, end_c, ids);
        restored - observed
    }

    /// Sum of log10 P over positions `from..to + 2` of `phrase` (phrase
    /// indices; past its end they run into `right`), each given the two
    /// words before it. `ids` is scratch.
    fn score(
        &self,
        left: &Sequence,
        phrase: &Sequence,
        right: &Sequence,
        from: usize,
        to: usize,
        ids: &mut Vec<Id>,
    ) -> f32 {
        ids.clear();
        for seq in [left, phrase, right] {
            ids.extend((0..seq.len()).map(|i| self.id(seq.word(i))));
        }
        let n = ids.len();
        let mut total = 0.0;
        for k in left.len() + from..(left.len() + to + 2).min(n) {
            total += self.log10_prob_ids(&ids[k.saturating_sub(2)..=k]);
        }
        total
    }
}

/// The `k`th word id of an n-gram key.
fn id_at(key: &[u8], k: usize) -> u32 {
    key[k * ID_BYTES..(k + 1) * ID_BYTES]
        .iter()
        .fold(0, |id, &b| id << 8 | u32::from(b))
}

/// A word's bigram neighbours, as [`LanguageModel::bigram_profiles`]
/// reads them: `(word id, lift)`, sorted by id.
#[cfg(feature = "learn")]
#[derive(Clone, Debug, Default)]
pub(crate) struct Profile {
    /// Words that follow it.
    pub after: Vec<(u32, f32)>,
    /// Words that precede it.
    pub before: Vec<(u32, f32)>,
}

#[cfg(feature = "learn")]
impl Profile {
    /// How alike two words' neighbours are, 0 to 1: the mean of the
    /// cosines of their `after` and of their `before` lifts.
    pub fn similarity(&self, other: &Profile) -> f64 {
        (cosine(&self.after, &other.after) + cosine(&self.before, &other.before)) / 2.0
    }
}

/// The cosine of two sparse vectors sorted by index.
#[cfg(feature = "learn")]
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let norm = |v: &[(u32, f32)]| v.iter().map(|e| f64::from(e.1).powi(2)).sum::<f64>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot / (na * nb)
}

fn prob_of(value: u64) -> f32 {
    -((value & 0xFF) as f32) / STEP
}

fn backoff_of(value: u64) -> f32 {
    f32::from((value >> 8) as u8 as i8) / STEP
}

/// Where two token sequences differ: `(start, end_a, end_b)` such that
/// `a[start..end_a]` and `b[start..end_b]` are what is left after the
/// tokens both share at the start and at the end. Either may be empty.
pub(crate) fn split(a: &Sequence, b: &Sequence) -> (usize, usize, usize) {
    let mut start = 0;
    while start < a.len() && start < b.len() && a.word(start) == b.word(start) {
        start += 1;
    }
    let (mut end_a, mut end_b) = (a.len(), b.len());
    while end_a > start && end_b > start && a.word(end_a - 1) == b.word(end_b - 1) {
        end_a -= 1;
        end_b -= 1;
    }
    (start, end_a, end_b)
}

/// A short sequence of lower-case words in one reused buffer.
#[derive(Default)]
pub(crate) struct Sequence {
    text: String,
    ends: Vec<usize>,
    /// Scratch for `reverse`.
    spare: String,
}

impl Sequence {
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Appends a word as it is (already lower-case, or `<s>` / `</s>`).
    pub fn push(&mut self, word: &str) {
        self.text.push_str(word);
        self.ends.push(self.text.len());
    }

    /// Appends a token of the text, folded as the lexicon folds it.
    pub fn push_folded(&mut self, token: &str) {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        fold_token(token, |b| {
            bytes.push(b);
            true
        });
        self.text = String::from_utf8(bytes).expect("folding keeps UTF-8");
        self.ends.push(self.text.len());
    }

    /// Appends the folded tokens of `phrase` (a dictionary phrase).
    pub fn push_phrase(&mut self, phrase: &str, tokens: &mut Vec<Token>) {
        tokenize_into(phrase, &[], tokens);
        for t in tokens.iter() {
            self.push_folded(&phrase[t.start..t.end]);
        }
    }

    /// Reverses the order of the words: for context collected walking
    /// backwards. Allocates nothing once the buffers have grown.
    pub fn reverse(&mut self) {
        self.spare.clear();
        for i in (0..self.len()).rev() {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            self.spare.push_str(&self.text[start..self.ends[i]]);
        }
        std::mem::swap(&mut self.text, &mut self.spare);
        // Ends to lengths, reversed, back to ends.
        for i in (1..self.ends.len()).rev() {
            self.ends[i] -= self.ends[i - 1];
        }
        self.ends.reverse();
        for i in 1..self.ends.len() {
            self.ends[i] += self.ends[i - 1];
        }
    }
}

/// The buffers of one comparison, reused from one candidate to the next.
#[derive(Default)]
pub(crate) struct Window {
    pub left: Sequence,
    pub mangled: Sequence,
    pub canonical: Sequence,
    pub right: Sequence,
    /// Scratch: the word ids of a scored window.
    ids: Vec<Id>,
    pub tokens: Vec<Token>,
}

impl Window {
    pub fn clear(&mut self) {
        self.left.clear();
        self.mangled.clear();
        self.canonical.clear();
        self.right.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "learn")]
    #[test]
    fn bigram_profiles_tell_substitutable_synonyms_from_other_senses() {
        let lm = LanguageModel::embedded();
        let words = ["company", "corporation", "wing", "notaword"];
        let p = lm.bigram_profiles(&words);
        assert!(!p[0].after.is_empty() && !p[0].before.is_empty());
        assert!(p[3].after.is_empty() && p[3].before.is_empty());
        let near = p[0].similarity(&p[1]);
        let far = p[0].similarity(&p[2]);
        assert!(
            near > 2.0 * far,
            "company~corporation {near}, company~wing {far}"
        );
        assert!((p[0].similarity(&p[0]) - 1.0).abs() < 1e-9);
        assert_eq!(p[0].similarity(&p[3]), 0.0);
    }

    #[cfg(feature = "learn")]
    #[test]
    fn cosine_of_sparse_vectors() {
        assert_eq!(cosine(&[(1, 1.0)], &[(2, 1.0)]), 0.0);
        assert!((cosine(&[(1, 1.0), (2, 1.0)], &[(2, 1.0)]) - 0.5f64.sqrt()).abs() < 1e-9);
        assert_eq!(cosine(&[], &[(2, 1.0)]), 0.0);
    }

    fn lm() -> &'static LanguageModel {
        LanguageModel::embedded()
    }

    fn prob(words: &[&str]) -> f32 {
        lm().log10_prob(words)
    }

    fn close(a: f32, b: f32) -> bool {
        // Values are stored in steps of 0.05 log10.
        (a - b).abs() <= 0.026
    }

    #[test]
    fn embedded_model_loads() {
        let lm = lm();
        assert!(lm.vocab.len() > 70_000, "{} words", lm.vocab.len());
        assert!(lm.ngram_count() > 3_000_000, "{} n-grams", lm.ngram_count());
        // An n-gram with a value in every field: "said", -2.5655 and
        // backoff -0.6016 in the ARPA listing of the model.
        let g = lm.gram(&["said"]).unwrap();
        assert!(close(g.prob, -2.5655) && close(g.backoff, -0.6016), "{g:?}");
    }

    #[test]
    fn listed_ngrams_have_their_values() {
        // ARPA: -1.6839 secretary said
        assert!(close(prob(&["secretary", "said"]), -1.6839));
        // ARPA: -2.6923 <s> however
        assert!(close(prob(&["<s>", "however"]), -2.6923));
        // ARPA: -3.7564 this battle; -2.7899 this war
        assert!(close(prob(&["this", "battle"]), -3.7564));
        assert!(close(prob(&["this", "war"]), -2.7899));
    }

    #[test]
    fn missing_bigrams_back_off_to_unigrams() {
        // "secretary stated" is not in the model: backoff of "secretary"
        // (-0.4812) plus P(stated) (-4.7389) = -5.2201.
        assert!(lm().gram(&["secretary", "stated"]).is_none());
        let p = prob(&["secretary", "stated"]);
        assert!((p - -5.2201).abs() <= 2.0 * 0.026, "{p}");
    }

    #[test]
    fn listed_trigrams_have_their_values() {
        // ARPA: -0.6108 the battle of; -1.6384 the war of
        assert!(close(prob(&["the", "battle", "of"]), -0.6108));
        assert!(close(prob(&["the", "war", "of"]), -1.6384));
    }

    #[test]
    fn missing_trigrams_back_off_through_the_history() {
        // Neither "the secretary stated" nor "secretary stated" is listed.
        // ARPA: backoff of "the secretary" -0.2047, of "secretary" -0.4812,
        // P(stated) -4.7389: -5.4248 (three quantized terms).
        let p = prob(&["the", "secretary", "stated"]);
        assert!((p - -5.4248).abs() <= 3.0 * 0.026, "{p}");
    }

    #[test]
    fn unknown_words_get_the_floor() {
        assert_eq!(prob(&["qqzzxv"]), UNKNOWN_WORD);
        // An unknown history adds no backoff weight.
        assert!(close(prob(&["qqzzxv", "said"]), -2.5655));
    }

    #[test]
    fn words_are_in_the_vocabulary_or_not() {
        let lm = lm();
        for w in [
            "said",
            "stated",
            "the",
            "don't",
            "secretary's",
            "<s>",
            "</s>",
        ] {
            assert!(lm.contains_word(w), "{w}");
        }
        // Lower-case only, no numbers, no punctuation.
        for w in ["Said", "5", "2024", "-", ".", "qqzzxv", ""] {
            assert!(!lm.contains_word(w), "{w}");
        }
    }

    #[test]
    fn phrases_score_as_running_text() {
        let lm = lm();
        // P(the) + P(war | the) + P(of | the war), no sentence markers.
        let by_hand = prob(&["the"]) + prob(&["the", "war"]) + prob(&["the", "war", "of"]);
        let p = lm.phrase_log10(&["the", "war", "of"]);
        assert!((p - by_hand).abs() < 1e-4, "{p} vs {by_hand}");
        // Only the two words before a word count.
        let four = lm.phrase_log10(&["at", "the", "war", "of"]);
        let by_hand = prob(&["at"])
            + prob(&["at", "the"])
            + prob(&["at", "the", "war"])
            + prob(&["the", "war", "of"]);
        assert!((four - by_hand).abs() < 1e-4, "{four} vs {by_hand}");
        assert_eq!(lm.phrase_log10(&[]), 0.0);
        assert_eq!(lm.phrase_log10(&["qqzzxv"]), UNKNOWN_WORD);
    }

    #[test]
    fn judged_entries_are_found() {
        let lm = lm();
        let mut w = Window::default();
        let mut judges = |mangled: &str, canonical: &str| {
            w.clear();
            w.mangled.push_phrase(mangled, &mut w.tokens);
            w.canonical.push_phrase(canonical, &mut w.tokens);
            lm.judges(&w.mangled, &w.canonical)
        };
        assert!(judges("stated", "said"));
        // Any pair of known words, not only the embedded entries.
        assert!(judges("the vessel", "the ship"));
        assert!(judges("will likely be", "will be"));
        // A word the model lacks is fine where both phrases share it.
        assert!(judges("a petabyte of information", "a petabyte of data"));
        // A number is not a word of the model.
        assert!(!judges("June fifth", "June 5"));
        assert!(!judges("qqzzxv", "said"));
        // Phrases that fold to the same words leave nothing to judge.
        assert!(!judges("Said", "said"));
    }

    #[test]
    fn embedded_entries_of_known_words_are_judged() {
        use std::collections::BTreeMap;

        use crate::dict::dictionary::Dictionary;
        use crate::format::dict_format::Class;

        // The entries as the library loads them: later dictionaries win.
        let mut entries = BTreeMap::new();
        for d in Dictionary::embedded().unwrap() {
            for e in d.entries() {
                let canonical = e.canonical().to_string();
                entries.insert(e.mangled().to_lowercase(), (canonical, e.class()));
            }
        }
        let (lm, mut w) = (lm(), Window::default());
        let (mut judged, mut ambiguous) = (0, 0);
        for (mangled, (canonical, class)) in &entries {
            if *class != Class::Ambiguous {
                continue;
            }
            ambiguous += 1;
            w.clear();
            w.mangled.push_phrase(mangled, &mut w.tokens);
            w.canonical.push_phrase(canonical, &mut w.tokens);
            let known = |s: &Sequence| (0..s.len()).all(|i| lm.contains_word(s.word(i)));
            if lm.judges(&w.mangled, &w.canonical) {
                judged += 1;
            } else {
                // Not judged: a word where the phrases differ is a number
                // or a word the model lacks.
                assert!(
                    !known(&w.mangled) || !known(&w.canonical),
                    "{mangled} -> {canonical}"
                );
            }
        }
        // 1,164 of 1,699 when the whole model came in; the pruned model
        // before it judged 1,103.
        assert!(judged * 10 > ambiguous * 6, "{judged} of {ambiguous}");
    }

    #[test]
    fn comparisons_score_only_what_differs() {
        let lm = lm();
        let mut w = Window::default();
        for word in ["<s>", "the"] {
            w.left.push(word);
        }
        w.mangled.push_phrase("stated", &mut w.tokens);
        w.canonical.push_phrase("said", &mut w.tokens);
        for word in ["goal", "was"] {
            w.right.push(word);
        }
        // By hand: P(said | <s> the) + P(goal | the said) + P(was | said
        // goal) minus the same for "stated", each from the model.
        let p = |ws: &[&str]| lm.log10_prob(ws);
        let by_hand =
            p(&["<s>", "the", "said"]) + p(&["the", "said", "goal"]) + p(&["said", "goal", "was"])
                - p(&["<s>", "the", "stated"])
                - p(&["the", "stated", "goal"])
                - p(&["stated", "goal", "was"]);
        let d = lm.compare(&mut w);
        assert!((d - by_hand).abs() < 1e-4, "{d} vs {by_hand}");
        assert!(d < -1.0, "\"the stated goal\" is idiomatic: {d}");
    }

    #[test]
    fn split_finds_the_differing_core() {
        let seq = |s: &str| {
            let mut q = Sequence::default();
            for w in s.split(' ') {
                q.push(w);
            }
            q
        };
        assert_eq!(split(&seq("within the"), &seq("in the")), (0, 1, 1));
        assert_eq!(split(&seq("will likely be"), &seq("will be")), (1, 2, 1));
        assert_eq!(split(&seq("stated"), &seq("said")), (0, 1, 1));
    }

    #[test]
    fn sequences_fold_and_reverse() {
        let mut q = Sequence::default();
        q.push_folded("Hegseth’s");
        q.push("<s>");
        q.push_folded("NATO");
        assert_eq!(q.word(0), "hegseth's");
        q.reverse();
        assert_eq!(
            (q.word(0), q.word(1), q.word(2)),
            ("nato", "<s>", "hegseth's")
        );
        q.reverse();
        assert_eq!(q.word(2), "nato");
    }

    /// The model's parts, as the crates hold them, answer as one map: a
    /// sample of each part's n-grams (every thousandth, the first, the
    /// last) are found through the model's walk, with their values and
    /// their first word's unigram, and `model.toml` of
    /// `unspin-lm` (which checks its own data) says the same step.
    #[test]
    fn parts_answer_as_one_model() {
        use fst::{IntoStreamer, Streamer};
        let meta: toml::Table = toml::from_str(unspin_lm::MODEL_TOML).unwrap();
        assert_eq!(meta["step"].as_integer(), Some(STEP as i64));
        let lm = lm();
        assert_eq!(lm.firsts[0], 0);
        assert!(lm.firsts.windows(2).all(|w| w[0] < w[1]), "{:?}", lm.firsts);
        let mut checked = 0;
        for part in &lm.parts {
            // Every thousandth n-gram of the part, its first and its last.
            let mut sample = Vec::new();
            let mut stream = part.stream();
            let mut i = 0;
            while let Some((key, value)) = stream.next() {
                if i % 1000 == 0 {
                    sample.push((key.to_vec(), value));
                }
                i += 1;
            }
            let mut last = part.range().gt(&sample.last().unwrap().0).into_stream();
            while let Some((key, value)) = last.next() {
                sample.push((key.to_vec(), value));
            }
            for (key, value) in sample {
                let n = key.len() / ID_BYTES;
                let ids: Vec<Id> = (0..n).map(|k| Some(id_at(&key, k))).collect();
                let found = lm.walk(&ids);
                assert_eq!(found[n - 1], Some(value), "{ids:?}");
                // Its first word's unigram is in the same part.
                assert!(found[0].is_some(), "{ids:?}");
                checked += 1;
            }
        }
        assert!(checked > 3_000, "{checked}");
        assert_eq!(
            lm.fst_bytes(),
            unspin_lm::vocab().len() + unspin_lm::ngrams().iter().map(|p| p.len()).sum::<usize>()
        );
    }
}
