//! The spinner's vocabulary: every word the pairs show it writing in
//! place of another, with each original word and how often.
//!
//! Dictionary entries need a certain canonical; most of what a spinner
//! writes has none (it picks at random among several words). The
//! vocabulary keeps all of it, so that a restore can *suggest* originals
//! for a word no entry covers (see `Restoration::suggestions`).
//!
//! The file format (`dictionaries/vocabulary.tsv`, written by
//! `unspin learn --vocabulary FILE`): `#` comment lines, then one line per
//! spun word, `spun<TAB>occurrences<TAB>original:count original:count ...`,
//! words folded to lower case, originals most frequent first;
//! `occurrences` is how often the spun word occurs in the spun texts, swap
//! or not.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use crate::dict::error::Error;
use crate::format::dict_format::push_comments;

/// The spinner's one-word substitutions, learned from spun/original pairs.
///
/// # Example
///
/// ```
/// use unspin::Vocabulary;
///
/// let v = Vocabulary::from_tsv("mine", "stated\t4\tsaid:2 added:1\n")?;
/// let stated = v.get("stated").unwrap();
/// assert_eq!(stated.swaps(), 3);
/// assert_eq!(stated.originals()[0], ("said".to_string(), 2));
/// assert!(Vocabulary::embedded().len() > 100);
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vocabulary {
    words: HashMap<String, SpunWord>,
}

/// One word of a [`Vocabulary`]: the originals it replaced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpunWord {
    occurrences: usize,
    originals: Vec<(String, usize)>,
}

impl SpunWord {
    /// Times the word occurs in the spun texts, swapped or not.
    pub fn occurrences(&self) -> usize {
        self.occurrences
    }
    /// The original words it replaced, with counts, most frequent first.
    pub fn originals(&self) -> &[(String, usize)] {
        &self.originals
    }
    /// Times it replaced an original word.
    pub fn swaps(&self) -> usize {
        self.originals.iter().map(|(_, n)| n).sum()
    }
    /// The share of its occurrences that were swaps (0 to 1).
    pub fn swap_rate(&self) -> f64 {
        self.swaps() as f64 / self.occurrences.max(self.swaps()).max(1) as f64
    }
}

static EMBEDDED: &str = include_str!("../../dictionaries/vocabulary.tsv");

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// The vocabulary compiled into the library
    /// (`dictionaries/vocabulary.tsv`), parsed on first use.
    pub fn embedded() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| {
            Vocabulary::from_tsv("vocabulary", EMBEDDED).expect("embedded vocabulary is valid")
        })
    }

    /// Parses a vocabulary file; `origin` names it in errors.
    pub fn from_tsv(origin: &str, text: &str) -> Result<Vocabulary, Error> {
        let mut words = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| Error::manifest(origin, format!("line {}: {what}", i + 1));
            let mut fields = line.split('\t');
            let (Some(spun), Some(occurrences), Some(originals), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(bad("expected 3 tab-separated fields"));
            };
            let occurrences = occurrences
                .parse()
                .map_err(|_| bad("occurrences is not a number"))?;
            let mut list = Vec::new();
            for item in originals.split(' ').filter(|s| !s.is_empty()) {
                let (word, count) = item
                    .rsplit_once(':')
                    .ok_or_else(|| bad("expected original:count"))?;
                let count = count.parse().map_err(|_| bad("count is not a number"))?;
                list.push((word.to_string(), count));
            }
            let word = SpunWord {
                occurrences,
                originals: list,
            };
            if words.insert(spun.to_string(), word).is_some() {
                return Err(bad("spun word listed twice"));
            }
        }
        Ok(Vocabulary { words })
    }

    /// The originals of a spun word (folded to lower case), if the
    /// vocabulary lists it.
    pub fn get(&self, spun: &str) -> Option<&SpunWord> {
        self.words.get(spun)
    }

    /// Number of spun words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it lists no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Counts one swap of `original` by `spun`.
    #[cfg_attr(not(feature = "learn"), allow(dead_code))]
    pub(crate) fn add_swap(&mut self, spun: &str, original: &str) {
        let word = self.words.entry(spun.to_string()).or_default();
        match word.originals.iter_mut().find(|(o, _)| o == original) {
            Some((_, n)) => *n += 1,
            None => word.originals.push((original.to_string(), 1)),
        }
    }

    /// Sets the occurrences of every listed word from `count`.
    #[cfg_attr(not(feature = "learn"), allow(dead_code))]
    pub(crate) fn count_occurrences(&mut self, count: impl Fn(&str) -> usize) {
        for (spun, word) in &mut self.words {
            word.occurrences = count(spun).max(word.swaps());
            word.originals
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
    }

    /// The vocabulary as a file (see the module documentation), sorted by
    /// spun word; `header` is written first as comment lines.
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::{learn::Corpus, Vocabulary};
    ///
    /// let mut corpus = Corpus::new();
    /// corpus.add_pair("a", "He stated it was a battle.", "He said it was a war.");
    /// let tsv = corpus.vocabulary().to_tsv("from one pair");
    /// assert!(tsv.contains("stated\t1\tsaid:1\n"));
    /// assert_eq!(Vocabulary::from_tsv("t", &tsv)?, corpus.vocabulary());
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        push_comments(&mut out, header);
        let mut spun: Vec<&String> = self.words.keys().collect();
        spun.sort();
        for s in spun {
            let w = &self.words[s];
            let _ = write!(out, "{s}\t{}\t", w.occurrences);
            for (i, (o, n)) in w.originals.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{o}:{n}");
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_vocabulary_parses() {
        let v = Vocabulary::embedded();
        assert!(!v.is_empty());
        for w in v.words.values() {
            assert!(!w.originals().is_empty());
            assert!(w.occurrences() >= w.swaps());
        }
    }

    #[test]
    fn malformed_lines_are_errors() {
        for bad in [
            "a\tb\n",
            "a\tx\tb:1\n",
            "a\t1\tb\n",
            "a\t1\tb:1\na\t1\tc:1\n",
        ] {
            let err = Vocabulary::from_tsv("v", bad).unwrap_err();
            assert!(err.to_string().contains("line"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn swap_rate_is_swaps_over_occurrences() {
        let v = Vocabulary::from_tsv("v", "# c\nbattle\t10\twar:3 fight:2\n").unwrap();
        assert_eq!(v.get("battle").unwrap().swap_rate(), 0.5);
        assert!(v.get("war").is_none());
    }
}
