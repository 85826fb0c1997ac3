//! The language model behind the per-occurrence gate of ambiguous entries.
//!
//! A pruned copy of the CMU Sphinx US English trigram model
//! (`dictionaries/lm/`, made by `scripts/build_lm.py`) is compiled by the
//! build script into an `fst::Map` from an n-gram (lower-case words joined by
//! one space) to its quantized log10 probability and backoff weight.
//! Scoring is standard Katz backoff: an n-gram the map lacks backs off to
//! the next lower order, adding the backoff weight of its history (0 when
//! the history is missing too); a word the map lacks gets
//! [`UNKNOWN_WORD`].
//!
//! [`LanguageModel::compare`] scores the two wordings of an entry in the
//! same context. The map holds, for every entry it *judges*, the n-grams
//! that comparison reads, pruned to a size budget (see
//! `scripts/build_lm.py`); entries it does not judge (a number, a word the
//! model lacks, an entry added at run time) are left to the document gate.

use std::sync::OnceLock;

use fst::raw::{Fst, Node, Output};
use fst::Map;

use crate::tokenize::{fold_token, tokenize_into, Token};

/// log10 probability of a word the model does not hold. The model has no
/// `<unk>`; the value is below every unigram it has. In a comparison it
/// mostly cancels: both wordings share their context words.
pub(crate) const UNKNOWN_WORD: f32 = -9.0;

/// Sentence start and end, as the model spells them.
pub(crate) const SENTENCE_START: &str = "<s>";
pub(crate) const SENTENCE_END: &str = "</s>";

/// The embedded trigram model.
pub(crate) struct LanguageModel {
    map: Map<&'static [u8]>,
    /// log10 units per quantization step.
    unit: f32,
}

/// A probability and backoff weight, in log10.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Gram {
    pub prob: f32,
    pub backoff: f32,
}

impl LanguageModel {
    /// The model compiled into the library, loaded once per process.
    pub fn embedded() -> &'static LanguageModel {
        static MODEL: OnceLock<LanguageModel> = OnceLock::new();
        MODEL.get_or_init(|| LanguageModel {
            map: Map::new(crate::embedded::LM_FST).expect("embedded language model is valid"),
            unit: 1.0 / crate::embedded::LM_STEP,
        })
    }

    /// Number of keys in the map (n-grams and judged entries).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Size of the map in bytes.
    pub fn fst_bytes(&self) -> usize {
        self.map.as_fst().as_bytes().len()
    }

    /// The stored values of the n-gram `words`, if the model has it.
    #[cfg(test)]
    pub fn gram(&self, words: &[&str], key: &mut Vec<u8>) -> Option<Gram> {
        key.clear();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                key.push(b' ');
            }
            key.extend_from_slice(w.as_bytes());
        }
        let value = self.map.get(&key[..])?;
        Some(Gram {
            prob: self.prob_of(value),
            backoff: self.backoff_of(value),
        })
    }

    /// log10 P(last word | the words before it), with Katz backoff.
    /// `words` holds one to three words, lower-case.
    pub fn log10_prob(&self, words: &[&str]) -> f32 {
        let mut total = 0.0;
        let mut words = words;
        loop {
            // One walk finds the n-gram and its history.
            let found = self.walk(words);
            let n = words.len();
            if let Some(v) = found[n - 1] {
                return total + self.prob_of(v);
            }
            if n == 1 {
                return total + UNKNOWN_WORD;
            }
            if let Some(v) = found[n - 2] {
                total += self.backoff_of(v);
            }
            words = &words[1..];
        }
    }

    /// Walks `words` (up to three) through the map: the value of every
    /// prefix n-gram it holds, `found[k]` for `words[..=k]`.
    fn walk(&self, words: &[&str]) -> [Option<u64>; 3] {
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut out = Output::zero();
        let mut found = [None; 3];
        for (k, word) in words.iter().enumerate() {
            if k > 0 && !step(fst, &mut node, &mut out, b' ') {
                return found;
            }
            for &b in word.as_bytes() {
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

    fn prob_of(&self, value: u64) -> f32 {
        -((value & 0xFF) as f32) * self.unit
    }

    fn backoff_of(&self, value: u64) -> f32 {
        f32::from((value >> 8) as u8 as i8) * self.unit
    }

    /// Whether the model holds what comparing the two phrases needs: the
    /// entry was judged when the model was built.
    pub fn judges(&self, mangled: &Sequence, canonical: &Sequence, key: &mut Vec<u8>) -> bool {
        key.clear();
        key.push(0);
        mangled.join_into(key);
        key.push(b'\t');
        canonical.join_into(key);
        self.map.contains_key(&key[..])
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
            ..
        } = window;
        let observed = self.score(left, mangled, right, start, end_m);
        let restored = self.score(left, canonical, right, start, end_c);
        restored - observed
    }

    /// Sum of log10 P over positions `from..to + 2` of `phrase` (phrase
    /// indices; past its end they run into `right`), each given the two
    /// words before it.
    fn score(
        &self,
        left: &Sequence,
        phrase: &Sequence,
        right: &Sequence,
        from: usize,
        to: usize,
    ) -> f32 {
        let n = left.len() + phrase.len() + right.len();
        let word = |i: usize| -> &str {
            if i < left.len() {
                left.word(i)
            } else if i < left.len() + phrase.len() {
                phrase.word(i - left.len())
            } else {
                right.word(i - left.len() - phrase.len())
            }
        };
        let mut total = 0.0;
        for k in left.len() + from..(left.len() + to + 2).min(n) {
            let first = k.saturating_sub(2);
            let mut words = [""; 3];
            for (slot, i) in (first..=k).enumerate() {
                words[slot] = word(i);
            }
            total += self.log10_prob(&words[..=k - first]);
        }
        total
    }
}

/// Follows the transition on `byte`; false when there is none.
#[inline]
fn step<'f>(fst: &'f Fst<&'static [u8]>, node: &mut Node<'f>, out: &mut Output, byte: u8) -> bool {
    match node.find_input(byte) {
        Some(i) => {
            let t = node.transition(i);
            *out = out.cat(t.out);
            *node = fst.node(t.addr);
            true
        }
        None => false,
    }
}

/// Where two token sequences differ: `(start, end_a, end_b)` such that
/// `a[start..end_a]` and `b[start..end_b]` are what is left after the
/// tokens both share at the start and at the end. Either may be empty.
/// `scripts/build_lm.py` splits entries the same way.
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

    fn join_into(&self, key: &mut Vec<u8>) {
        for i in 0..self.len() {
            if i > 0 {
                key.push(b' ');
            }
            key.extend_from_slice(self.word(i).as_bytes());
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
    pub key: Vec<u8>,
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
        assert!(lm.len() > 100_000, "{} keys", lm.len());
        assert!(lm.fst_bytes() > 1_000_000);
        // An n-gram with a value in every field: "said", -2.5655 and
        // backoff -0.6016 in the ARPA listing of the model.
        let g = lm.gram(&["said"], &mut Vec::new()).unwrap();
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
        assert!(lm()
            .gram(&["secretary", "stated"], &mut Vec::new())
            .is_none());
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
    fn every_ambiguous_entry_is_in_the_model_data() {
        use std::collections::{BTreeMap, BTreeSet};

        use crate::dict_format::Class;
        use crate::dictionary::Dictionary;
        use crate::tokenize::phrase_key;

        let data = include_str!("../dictionaries/lm/ngrams.txt");
        let section = data
            .split("\\entries\n")
            .nth(1)
            .and_then(|s| s.split("\\ngrams\n").next())
            .expect("an entries section");
        let listed: BTreeSet<(&str, &str)> = section
            .lines()
            .map(|l| {
                let mut f = l.split('\t');
                (f.next().unwrap(), f.next().unwrap())
            })
            .collect();
        // The entries as the library loads them: later dictionaries win.
        let mut entries = BTreeMap::new();
        for d in Dictionary::embedded().unwrap() {
            for e in d.entries() {
                let key = phrase_key(e.mangled()).unwrap();
                entries.insert(key, (phrase_key(e.canonical()).unwrap(), e.class()));
            }
        }
        let missing: Vec<_> = entries
            .iter()
            .filter(|(_, (_, class))| *class == Class::Ambiguous)
            .filter(|(m, (c, _))| !listed.contains(&(m.as_str(), c.as_str())))
            .map(|(m, (c, _))| format!("{m} -> {c}"))
            .collect();
        assert!(
            missing.is_empty(),
            "ambiguous entries missing from dictionaries/lm/ngrams.txt; regenerate it \
             (see dictionaries/lm/README.md): {missing:?}"
        );
    }

    #[test]
    fn judged_entries_are_found() {
        let lm = lm();
        let mut w = Window::default();
        w.mangled.push_phrase("stated", &mut w.tokens);
        w.canonical.push_phrase("said", &mut w.tokens);
        assert!(lm.judges(&w.mangled, &w.canonical, &mut w.key));
        w.clear();
        // A number is not a word of the model.
        w.mangled.push_phrase("June fifth", &mut w.tokens);
        w.canonical.push_phrase("June 5", &mut w.tokens);
        assert!(!lm.judges(&w.mangled, &w.canonical, &mut w.key));
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
}
