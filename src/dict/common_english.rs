//! Common English words and bigrams (`data/common-english.txt`, derived
//! from the CMU Sphinx US English model, BSD-2-Clause; rebuilt by
//! `scripts/common_english.py`). Compiled in and parsed on first use: the
//! dictionary lint warns about fingerprints that are common English, and
//! a misspelling near miss never rests on a common word.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The common words and bigrams of `data/common-english.txt`.
pub(crate) struct CommonEnglish {
    /// Each common word, with the sorted words that follow it in a common
    /// bigram.
    next: HashMap<&'static str, Vec<&'static str>>,
}

impl CommonEnglish {
    pub(crate) fn get() -> &'static CommonEnglish {
        static DATA: &str = include_str!("../../data/common-english.txt");
        static COMMON: OnceLock<CommonEnglish> = OnceLock::new();
        COMMON.get_or_init(|| CommonEnglish::parse(DATA))
    }

    fn parse(text: &'static str) -> CommonEnglish {
        let next = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| match l.split_once('\t') {
                Some((word, nexts)) => (word, nexts.split(' ').collect()),
                None => (l, Vec::new()),
            })
            .collect();
        CommonEnglish { next }
    }

    /// Whether `words` (folded tokens) is a common word or bigram.
    pub(crate) fn contains(&self, words: &[&str]) -> bool {
        match words {
            [word] => self.next.contains_key(word),
            [first, second] => self
                .next
                .get(first)
                .is_some_and(|nexts| nexts.binary_search(second).is_ok()),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_english_data_loads_and_answers() {
        let common = CommonEnglish::get();
        assert!(common.next.len() > 10_000, "{}", common.next.len());
        assert!(common.contains(&["they", "usually"]));
        assert!(common.contains(&["the"]));
        assert!(common.contains(&["don't"]));
        assert!(!common.contains(&["protection", "secretary"]));
        assert!(!common.contains(&["effectivity"]));
        assert!(!common.contains(&["u", ".", "okay"]));
        for nexts in common.next.values() {
            assert!(
                nexts.windows(2).all(|w| w[0] < w[1]),
                "sorted for binary search"
            );
        }
    }
}
