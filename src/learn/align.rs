//! Word-level alignment of a spun text with its original, and the
//! substitutions it shows.
//!
//! Both texts are tokenized as the matcher tokenizes (words with inner
//! apostrophes, one token per punctuation character) and folded to lower
//! case. The token sequences are aligned with a minimal edit script
//! (Myers' diff, crate `similar`); each replaced span of at most
//! [`MAX_WORDS`] tokens a side is a substitution. A replaced run of equal
//! length also gives its word-for-word swaps ("high precedence" for "top
//! priority" is two swaps the spinner made side by side). A span only one
//! side has ("marketing campaign" for "campaign") is read with the equal
//! word beside it, on either side, so that it becomes a substitution too.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::format::tokenize::{folded, tokenize_into, Token, TokenKind};

/// Longest phrase, in tokens, on either side of a substitution.
pub const MAX_WORDS: usize = 3;

/// A text as folded tokens.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tokens {
    /// Folded token text.
    pub text: Vec<String>,
    /// Whether each token is a word (letters or digits).
    pub word: Vec<bool>,
}

impl Tokens {
    pub fn of(text: &str) -> Tokens {
        let mut raw: Vec<Token> = Vec::new();
        tokenize_into(text, &[], &mut raw);
        let mut out = Tokens {
            text: Vec::with_capacity(raw.len()),
            word: Vec::with_capacity(raw.len()),
        };
        for t in raw {
            let s = String::from_utf8(folded(&text[t.start..t.end])).expect("folding keeps UTF-8");
            out.text.push(s);
            out.word.push(t.kind == TokenKind::Word);
        }
        out
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Number of word tokens.
    pub fn words(&self) -> usize {
        self.word.iter().filter(|&&w| w).count()
    }

    /// The tokens `range` joined by single spaces (a dictionary key).
    pub fn phrase(&self, range: std::ops::Range<usize>) -> String {
        self.text[range].join(" ")
    }

    /// Whether every token of `range` is a word made of letters (and inner
    /// apostrophes): the only phrases worth an entry.
    pub fn is_lettered(&self, range: std::ops::Range<usize>) -> bool {
        !range.is_empty()
            && range.clone().all(|i| {
                self.word[i] && self.text[i].chars().all(|c| c.is_alphabetic() || c == '\'')
            })
    }
}

/// One substitution: the spun phrase, where it starts among the spun
/// tokens, and the original phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Substitution {
    pub spun: String,
    pub original: String,
    /// Index of the first spun token.
    pub at: usize,
    /// Number of spun tokens.
    pub len: usize,
}

/// The substitutions that turn `original` into `spun`, in spun-text order.
/// Only phrases of letters on both sides are kept.
pub(crate) fn substitutions(spun: &Tokens, original: &Tokens) -> Vec<Substitution> {
    let ops = capture_diff_slices(Algorithm::Myers, &spun.text, &original.text);
    let mut out = Vec::new();
    let mut push = |s: std::ops::Range<usize>, o: std::ops::Range<usize>| {
        if s.len() <= MAX_WORDS
            && o.len() <= MAX_WORDS
            && spun.is_lettered(s.clone())
            && original.is_lettered(o.clone())
        {
            let sub = Substitution {
                spun: spun.phrase(s.clone()),
                original: original.phrase(o),
                at: s.start,
                len: s.len(),
            };
            if sub.spun != sub.original && !out.contains(&sub) {
                out.push(sub);
            }
        }
    };
    for op in &ops {
        let (tag, s, o) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            DiffTag::Replace => {
                push(s.clone(), o.clone());
                if s.len() == o.len() && s.len() > 1 {
                    for k in 0..s.len() {
                        push(s.start + k..s.start + k + 1, o.start + k..o.start + k + 1);
                    }
                }
            }
            DiffTag::Delete | DiffTag::Insert => {
                // One side is empty: read it with the equal token before
                // and, separately, the one after (both sides share them).
                if s.len() + o.len() > MAX_WORDS - 1 {
                    continue;
                }
                if s.start > 0
                    && o.start > 0
                    && spun.text[s.start - 1] == original.text[o.start - 1]
                {
                    push(s.start - 1..s.end, o.start - 1..o.end);
                }
                if s.end < spun.len()
                    && o.end < original.len()
                    && spun.text[s.end] == original.text[o.end]
                {
                    push(s.start..s.end + 1, o.start..o.end + 1);
                }
            }
        }
    }
    out.sort_by_key(|sub| (sub.at, sub.len));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subs(spun: &str, original: &str) -> Vec<(String, String)> {
        substitutions(&Tokens::of(spun), &Tokens::of(original))
            .into_iter()
            .map(|s| (s.spun, s.original))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn one_word_swaps_are_found_and_folded() {
        assert_eq!(
            subs(
                "The Protection Secretary stated the battle is over.",
                "The Defense Secretary said the war is over."
            ),
            vec![
                pair("protection", "defense"),
                pair("stated", "said"),
                pair("battle", "war"),
            ]
        );
    }

    #[test]
    fn phrases_of_different_length() {
        assert_eq!(
            subs(
                "She is figuring out whether or not it works.",
                "She is determining whether it works."
            ),
            vec![
                pair("figuring out", "determining"),
                pair("whether or not", "whether"),
                pair("or not it", "it"),
            ]
        );
    }

    #[test]
    fn runs_of_equal_length_give_their_word_swaps() {
        assert_eq!(
            subs("It is a high precedence now.", "It is a top priority now."),
            vec![
                pair("high", "top"),
                pair("high precedence", "top priority"),
                pair("precedence", "priority"),
            ]
        );
    }

    #[test]
    fn an_inserted_word_is_read_with_its_neighbours() {
        assert_eq!(
            subs(
                "The Trump marketing campaign spent it.",
                "The Trump campaign spent it."
            ),
            vec![
                pair("trump marketing", "trump"),
                pair("marketing campaign", "campaign"),
            ]
        );
    }

    #[test]
    fn numbers_punctuation_and_long_rewrites_are_left_out() {
        assert!(subs("It cost five% more.", "It cost 5% more.").is_empty());
        assert!(subs("He said \"no\".", "He said 'no'.").is_empty());
        assert!(subs(
            "A b c d e f g h.",
            "A completely different and much longer sentence with more words h."
        )
        .is_empty());
    }

    #[test]
    fn identical_texts_have_no_substitution() {
        assert!(subs("Nothing changed here.", "Nothing changed here.").is_empty());
    }
}
