//! The quality metric, exactly as the project's scorer (`score.py` in the
//! shared material) defines it.
//!
//! - Tokens: after folding curly quotes (‘ ’ “ ”) to straight ones, a word
//!   is a run of letters, digits and `_` with inner apostrophes (`don't`),
//!   and every other character that is not whitespace is a token of its
//!   own. "Letters and digits" are the Unicode categories L and N: what
//!   Python's `\w` means. Comparison is case-sensitive.
//! - Errors: the word-level edit distance (insertions, deletions,
//!   substitutions of tokens) to the reference. A reference may offer
//!   alternatives, `[[a|b]]`: the distance is to the closest choice.
//! - Repaired: `1 - errors(reference, restored) / errors(reference, spun)`,
//!   1 when the spun text had no errors.
//! - Damage: edits per 1,000 words between a clean text and its restore;
//!   words are the tokens that start with a letter or digit.

use std::sync::OnceLock;

use regex::Regex;

/// Python's `\w` and `\s`, spelled out: `\w` is letters, digits and `_`
/// (Unicode categories L and N), `\s` is `str.isspace()`.
const TOKEN: &str = concat!(
    r"[\p{L}\p{N}_]+(?:'[\p{L}\p{N}_]+)*",
    r"|[^\p{L}\p{N}_\t\n\x0B\x0C\r\x1C-\x1F\x20\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]"
);

fn token_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(TOKEN).expect("the token pattern is valid"))
}

/// Curly single and double quotes folded to straight ones.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect()
}

/// The scorer's tokens of `text`.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    token_regex()
        .find_iter(&folded)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Tokens that count as words: those starting with a letter or digit
/// (Python's `str.isalnum()`: categories L and N).
pub(crate) fn words(tokens: &[String]) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let starts_alnum = RE.get_or_init(|| Regex::new(r"^[\p{L}\p{N}]").expect("valid"));
    tokens.iter().filter(|t| starts_alnum.is_match(t)).count()
}

/// Token edit distance between `a` and `b` (Levenshtein over tokens).
pub(crate) fn distance(a: &[String], b: &[String]) -> usize {
    // The common prefix and suffix never take part in an optimal
    // alignment's edits: trimming them keeps clean-text checks linear.
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (a, b): (Vec<&String>, Vec<&String>) = (a.iter().collect(), b.iter().collect());
    strsim::generic_levenshtein(&a, &b)
}

/// A reference text: tokens, with `[[a|b]]` groups of alternatives.
#[derive(Debug)]
pub(crate) struct Reference {
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Token(String),
    Choice(Vec<Vec<String>>),
}

impl Reference {
    /// Parses `text`: each `[[...]]` (the shortest, from the leftmost
    /// `[[`) is a choice among its `|`-separated alternatives; the text
    /// between choices is tokenized on its own.
    pub(crate) fn parse(text: &str) -> Reference {
        let mut segments = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("[[") {
            let Some(len) = rest[open + 2..].find("]]") else {
                break;
            };
            let inner = &rest[open + 2..open + 2 + len];
            segments.extend(tokens(&rest[..open]).into_iter().map(Segment::Token));
            segments.push(Segment::Choice(inner.split('|').map(tokens).collect()));
            rest = &rest[open + 2 + len + 2..];
        }
        segments.extend(tokens(rest).into_iter().map(Segment::Token));
        Reference { segments }
    }

    /// The reference's tokens when it has no alternatives.
    fn plain(&self) -> Option<Vec<String>> {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Token(t) => Some(t.clone()),
                Segment::Choice(_) => None,
            })
            .collect()
    }

    /// Errors of `hyp` against this reference: the smallest token edit
    /// distance to any of its choices.
    pub(crate) fn errors(&self, hyp: &[String]) -> usize {
        if let Some(plain) = self.plain() {
            return distance(&plain, hyp);
        }
        // Edit distance against a lattice: one row per position in the
        // reference, insertions closed at every node.
        let mut row: Vec<usize> = (0..=hyp.len()).collect();
        for segment in &self.segments {
            match segment {
                Segment::Token(t) => row = step(&row, t, hyp),
                Segment::Choice(alternatives) => {
                    let mut best = vec![usize::MAX; hyp.len() + 1];
                    for alt in alternatives {
                        let mut r = row.clone();
                        for t in alt {
                            r = step(&r, t, hyp);
                        }
                        for (b, x) in best.iter_mut().zip(r) {
                            *b = (*b).min(x);
                        }
                    }
                    close_insertions(&mut best);
                    row = best;
                }
            }
        }
        row[hyp.len()]
    }
}

/// The next row after consuming reference token `t`.
fn step(row: &[usize], t: &str, hyp: &[String]) -> Vec<usize> {
    let mut next = Vec::with_capacity(row.len());
    next.push(row[0] + 1);
    for j in 1..row.len() {
        let substitute = row[j - 1] + usize::from(t != hyp[j - 1]);
        next.push((row[j] + 1).min(substitute));
    }
    close_insertions(&mut next);
    next
}

/// Allows insertions of hypothesis tokens at this reference position.
fn close_insertions(row: &mut [usize]) {
    for j in 1..row.len() {
        row[j] = row[j].min(row[j - 1] + 1);
    }
}

/// Share of the spinner's damage undone: `1 - after / before`, 1 when
/// there was no damage.
pub(crate) fn repaired(before: usize, after: usize) -> f64 {
    if before == 0 {
        1.0
    } else {
        1.0 - after as f64 / before as f64
    }
}

/// Edits per 1,000 words; a text without words counts as one word.
pub(crate) fn per_thousand(edits: usize, words: usize) -> f64 {
    1000.0 * edits as f64 / words.max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn tokens_follow_the_scorer() {
        assert_eq!(
            toks("Don’t stop—it’s “U.K.” rock'n'roll, O'Neil's 3.5% x_y"),
            [
                "Don't",
                "stop",
                "—",
                "it's",
                "\"",
                "U",
                ".",
                "K",
                ".",
                "\"",
                "rock'n'roll",
                ",",
                "O'Neil's",
                "3",
                ".",
                "5",
                "%",
                "x_y"
            ]
        );
        // An apostrophe not followed by a word character stands alone.
        assert_eq!(toks("boys' club 'x"), ["boys", "'", "club", "'", "x"]);
        // Superscripts and other numbers are word characters; combining
        // marks are not (Python's \w).
        assert_eq!(toks("x² e\u{301}"), ["x²", "e", "\u{301}"]);
        // Python's whitespace includes the ASCII separators 0x1C-0x1F.
        assert_eq!(toks("a\u{1c}b\u{a0}c"), ["a", "b", "c"]);
    }

    #[test]
    fn words_are_tokens_starting_alphanumeric() {
        assert_eq!(words(&toks("The U.S. _x, 42 times: ok")), 6);
    }

    #[test]
    fn distance_is_token_levenshtein() {
        let d = |a: &str, b: &str| distance(&toks(a), &toks(b));
        assert_eq!(d("the cat sat", "the cat sat"), 0);
        assert_eq!(d("the cat sat", "the dog sat"), 1);
        assert_eq!(d("the cat sat", "cat sat"), 1);
        assert_eq!(d("and they left", "they usually left"), 2);
        assert_eq!(d("U.K.", "U.Okay."), 1);
        assert_eq!(d("", "a b c"), 3);
        assert_eq!(d("said", "Said"), 1);
        // Curly and straight quotes are equal.
        assert_eq!(d("it’s “fine”", "it's \"fine\""), 0);
    }

    #[test]
    fn repaired_on_a_hand_made_pair() {
        let original = Reference::parse("Defense Secretary Pete Hegseth said the war must end.");
        let spun = toks("Protection Secretary Pete Hegseth stated the battle must finish.");
        let restored = toks("Defense Secretary Pete Hegseth stated the war must finish.");
        let before = original.errors(&spun);
        let after = original.errors(&restored);
        assert_eq!((before, after), (4, 2));
        assert_eq!(repaired(before, after), 0.5);
        // A restore that makes things worse repairs less than nothing.
        let worse = toks("Protection Secretary Pete Hegseth stated a battle must finish.");
        assert_eq!(repaired(before, original.errors(&worse)), -0.25);
        assert_eq!(repaired(0, 0), 1.0);
    }

    #[test]
    fn alternatives_take_the_closest_choice() {
        let r = Reference::parse("He [[said|stated]] it [[|again]].");
        assert_eq!(r.errors(&toks("He said it.")), 0);
        assert_eq!(r.errors(&toks("He stated it again.")), 0);
        assert_eq!(r.errors(&toks("He mentioned it.")), 1);
        assert_eq!(r.errors(&toks("it.")), 2);
        // Multi-token alternatives and an unclosed group.
        let r = Reference::parse("[[and they|they usually]] went [[x");
        assert_eq!(r.errors(&toks("they usually went [[x")), 0);
        assert_eq!(r.errors(&toks("and they went [ [ x")), 0);
    }

    #[test]
    fn lattice_agrees_with_levenshtein_without_choices() {
        let texts = [
            "",
            "a",
            "the cat sat on the mat",
            "the bat sat on a mat .",
            "cat the sat mat on",
            "a b a b a b",
            "b a b a",
        ];
        for a in texts {
            // Force the lattice path with a choice of one empty option.
            let lattice = Reference::parse(&format!("[[]]{a}"));
            for b in texts {
                let hyp = toks(b);
                assert_eq!(
                    lattice.errors(&hyp),
                    distance(&toks(a), &hyp),
                    "{a:?} / {b:?}"
                );
            }
        }
    }

    #[test]
    fn damage_per_thousand_words() {
        assert_eq!(per_thousand(1, 500), 2.0);
        assert_eq!(per_thousand(0, 0), 0.0);
        assert_eq!(per_thousand(3, 0), 3000.0);
    }
}
