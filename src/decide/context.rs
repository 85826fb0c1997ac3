//! The context the language model reads around a match or a word: up to
//! two words on each side, read as restored so far, and where sentences
//! end. The gate and the suggestions read it the same way.

use crate::decide::lm::{Window, SENTENCE_END, SENTENCE_START};
use crate::format::tokenize::{is_word_char, tokenize_into, touching, Token, TokenKind};

/// A phrase that stands in place of tokens `first..=last` as the language
/// model reads the text: a restored match's canonical wording, or an
/// edit's replacement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct InPlace<'a> {
    pub(crate) phrase: &'a str,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// Up to two words before token `first` into `window.left`, after
/// [`SENTENCE_START`] when a sentence starts before them. Where
/// `in_place(j)` gives a phrase, its words are read instead of token `j`
/// and the tokens it stands for.
pub(crate) fn words_before<'a>(
    text: &str,
    tokens: &[Token],
    first: usize,
    in_place: impl Fn(usize) -> Option<InPlace<'a>>,
    window: &mut Window,
) {
    let Window {
        left,
        tokens: scratch,
        ..
    } = window;
    let mut j = first;
    let mut boundary = false;
    while left.len() < 2 {
        if j == 0 || tokens[j].break_before {
            boundary = true;
            break;
        }
        j -= 1;
        if let Some(p) = in_place(j) {
            // Words of the phrase, last first.
            tokenize_into(p.phrase, &[], scratch);
            for t in scratch.iter().rev() {
                if left.len() < 2 && is_word(&p.phrase[t.start..t.end]) {
                    left.push_folded(&p.phrase[t.start..t.end]);
                }
            }
            j = p.first;
            continue;
        }
        let t = tokens[j];
        if t.kind == TokenKind::Word {
            left.push_folded(&text[t.start..t.end]);
        } else if ends_sentence(text, tokens, j) {
            boundary = true;
            break;
        }
    }
    if boundary && left.len() < 2 {
        left.push(SENTENCE_START);
    }
    left.reverse();
}

/// Up to two words after token `last` into `window.right`, then
/// [`SENTENCE_END`] when the sentence ends before two; phrases in place
/// of tokens as for [`words_before`].
pub(crate) fn words_after<'a>(
    text: &str,
    tokens: &[Token],
    last: usize,
    in_place: impl Fn(usize) -> Option<InPlace<'a>>,
    window: &mut Window,
) {
    let Window {
        right,
        tokens: scratch,
        ..
    } = window;
    let mut j = last + 1;
    let mut boundary = false;
    while right.len() < 2 {
        if j >= tokens.len() || tokens[j].break_before {
            boundary = true;
            break;
        }
        if let Some(p) = in_place(j) {
            tokenize_into(p.phrase, &[], scratch);
            for t in scratch.iter() {
                if right.len() < 2 && is_word(&p.phrase[t.start..t.end]) {
                    right.push_folded(&p.phrase[t.start..t.end]);
                }
            }
            j = p.last + 1;
            continue;
        }
        let t = tokens[j];
        if t.kind == TokenKind::Word {
            right.push_folded(&text[t.start..t.end]);
        } else if ends_sentence(text, tokens, j) {
            boundary = true;
            break;
        }
        j += 1;
    }
    if boundary && right.len() < 2 {
        right.push(SENTENCE_END);
    }
}

/// Whether a dictionary phrase's token is a word (not punctuation).
fn is_word(token: &str) -> bool {
    token.chars().next().is_some_and(is_word_char)
}

/// Whether punctuation token `j` ends a sentence for the language model:
/// `.`, `!`, `?`, `;`, `:` or `…`, except a `.` right after a one-letter
/// word ("U.S.", "J. Smith").
pub(crate) fn ends_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = tokens[j];
    match &text[t.start..t.end] {
        "!" | "?" | ";" | ":" | "\u{2026}" => true,
        "." => {
            !(j > 0 && {
                let p = tokens[j - 1];
                p.kind == TokenKind::Word
                    && touching(text, p.end, t.start)
                    && text[p.start..p.end].chars().count() == 1
            })
        }
        _ => false,
    }
}
