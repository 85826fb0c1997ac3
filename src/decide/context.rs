//! The context the language model reads around a match: up to two words
//! on each side, read as restored so far, and where sentences end.

use crate::decide::lm::{Window, SENTENCE_END, SENTENCE_START};
use crate::find::lexicon::{Hit, Lexicon};
use crate::format::tokenize::{is_word_char, tokenize_into, touching, Token, TokenKind};

/// Reads the context of a hit for the language model.
pub(crate) struct Context<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) hits: &'a [Hit],
    /// For each token, the hit covering it, or `u32::MAX`.
    pub(crate) owner: &'a [u32],
    pub(crate) lexicon: &'a Lexicon,
}

impl Context<'_> {
    /// Up to two words before `hit` into `window.left`, after
    /// [`SENTENCE_START`] when a sentence starts before them.
    pub(crate) fn left(&self, hit: &Hit, restored: &[bool], window: &mut Window) {
        let Window {
            left,
            tokens: scratch,
            ..
        } = window;
        let mut j = hit.first;
        let mut boundary = false;
        while left.len() < 2 {
            if j == 0 || self.tokens[j].break_before {
                boundary = true;
                break;
            }
            j -= 1;
            let o = self.owner[j];
            if o != u32::MAX && restored[o as usize] {
                // Words of a restored phrase, last first.
                let h = &self.hits[o as usize];
                let phrase = self.lexicon.canonical_of(h);
                tokenize_into(phrase, &[], scratch);
                for t in scratch.iter().rev() {
                    if left.len() < 2 && is_word(&phrase[t.start..t.end]) {
                        left.push_folded(&phrase[t.start..t.end]);
                    }
                }
                j = h.first;
                continue;
            }
            let t = self.tokens[j];
            if t.kind == TokenKind::Word {
                left.push_folded(&self.text[t.start..t.end]);
            } else if ends_sentence(self.text, self.tokens, j) {
                boundary = true;
                break;
            }
        }
        if boundary && left.len() < 2 {
            left.push(SENTENCE_START);
        }
        left.reverse();
    }

    /// Up to two words after `hit` into `window.right`, then
    /// [`SENTENCE_END`] when the sentence ends before two.
    pub(crate) fn right(&self, hit: &Hit, restored: &[bool], window: &mut Window) {
        let Window {
            right,
            tokens: scratch,
            ..
        } = window;
        let mut j = hit.last + 1;
        let mut boundary = false;
        while right.len() < 2 {
            if j >= self.tokens.len() || self.tokens[j].break_before {
                boundary = true;
                break;
            }
            let o = self.owner[j];
            if o != u32::MAX && restored[o as usize] {
                let h = &self.hits[o as usize];
                let phrase = self.lexicon.canonical_of(h);
                tokenize_into(phrase, &[], scratch);
                for t in scratch.iter() {
                    if right.len() < 2 && is_word(&phrase[t.start..t.end]) {
                        right.push_folded(&phrase[t.start..t.end]);
                    }
                }
                j = h.last + 1;
                continue;
            }
            let t = self.tokens[j];
            if t.kind == TokenKind::Word {
                right.push_folded(&self.text[t.start..t.end]);
            } else if ends_sentence(self.text, self.tokens, j) {
                boundary = true;
                break;
            }
            j += 1;
        }
        if boundary && right.len() < 2 {
            right.push(SENTENCE_END);
        }
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
