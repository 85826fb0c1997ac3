//! Byte-offset tokenizer.
//!
//! A word is a run of alphanumeric characters, with apostrophes (`'` or `’`)
//! kept inside it when letters stand on both sides (`don't`, `Hegseth’s`).
//! Every other non-whitespace character is a one-character punctuation
//! token. Whitespace separates tokens and is never part of one.
//!
//! This module only uses `std`: the build script includes it to normalize
//! dictionary keys exactly as the matcher does.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters and digits, possibly with inner apostrophes.
    Word,
    /// A single character that is neither alphanumeric nor whitespace.
    Punct,
}

/// A token: a byte range of the input and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// True when a phrase must not run from the previous token into this
    /// one: a protected region or a paragraph break lies between them.
    pub break_before: bool,
}

/// Whether `c` may start or continue a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `c` is an apostrophe that can stand inside a word.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits `text` into tokens, skipping the byte ranges in `skip` (sorted,
/// non-overlapping, on char boundaries). Tokens are appended to `out`, which
/// is cleared first, so a caller can reuse one buffer for many documents.
pub(crate) fn tokenize_into(text: &str, skip: &[(usize, usize)], out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut skip = skip.iter().peekable();
    let mut pos = 0;
    let mut pending_break = false;
    let mut lines = BlankLines::default();
    let mut blank_in_gap = false;
    while pos < bytes.len() {
        if let Some(&&(s, e)) = skip.peek() {
            if pos >= s {
                skip.next();
                if e > pos {
                    pos = e;
                }
                pending_break = true;
                continue;
            }
        }
        let b = bytes[pos];
        // ASCII fast path: most text is ASCII.
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[pos..]
                .chars()
                .next()
                .expect("pos is on a char boundary");
            (c, c.len_utf8())
        };
        if c.is_whitespace() {
            blank_in_gap |= lines.push(c);
            pos += len;
            continue;
        }
        let start = pos;
        let kind = if is_word_char(c) {
            pos += len;
            pos = scan_word_rest(text, pos);
            TokenKind::Word
        } else {
            pos += len;
            TokenKind::Punct
        };
        // A blank line ends a paragraph.
        let break_before = pending_break || blank_in_gap;
        out.push(Token {
            start,
            end: pos,
            kind,
            break_before,
        });
        pending_break = false;
        lines = BlankLines::default();
        blank_in_gap = false;
    }
}

/// Continues a word that started before `pos`; returns where it ends.
fn scan_word_rest(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        if pos >= bytes.len() {
            return pos;
        }
        let b = bytes[pos];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                pos += 1;
                continue;
            }
            if b == b'\'' && next_is_word_char(text, pos + 1) {
                pos += 1;
                continue;
            }
            return pos;
        }
        let c = text[pos..].chars().next().expect("char boundary");
        if is_word_char(c) || (is_apostrophe(c) && next_is_word_char(text, pos + c.len_utf8())) {
            pos += c.len_utf8();
            continue;
        }
        return pos;
    }
}

fn next_is_word_char(text: &str, pos: usize) -> bool {
    text[pos..].chars().next().is_some_and(is_word_char)
}

/// Calls `emit` with the case-folded bytes of `token`: lower case, curly
/// apostrophes and single quotes as `'`. The matcher and the dictionary
/// compiler both fold through this one function.
#[inline]
pub(crate) fn fold_token<F: FnMut(u8) -> bool>(token: &str, mut emit: F) -> bool {
    for c in token.chars() {
        if c.is_ascii() {
            if !emit((c as u8).to_ascii_lowercase()) {
                return false;
            }
        } else if c == '\u{2019}' || c == '\u{2018}' {
            if !emit(b'\'') {
                return false;
            }
        } else {
            for lc in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in lc.encode_utf8(&mut buf).as_bytes() {
                    if !emit(b) {
                        return false;
                    }
                }
            }
        }
    }
    true
}

/// Whether nothing but spintax braces lies between two tokens: a brace
/// left between tokens was taken out of them as a spintax leftover, and
/// the restore removes it, so "{photograph}-op" reads as "photograph-op".
pub(crate) fn touching(text: &str, end: usize, start: usize) -> bool {
    text.as_bytes()[end..start]
        .iter()
        .all(|&b| b == b'{' || b == b'}')
}

/// The word without a final possessive `'s`/`’s` (either case), if it has
/// one and something is left: "Hegseth’s" gives "Hegseth".
pub(crate) fn possessive_stem(word: &str) -> Option<&str> {
    ["'s", "\u{2019}s", "'S", "\u{2019}S"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .filter(|stem| !stem.is_empty())
}

/// The bytes [`fold_token`] gives for `token`.
pub(crate) fn folded(token: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(token.len());
    fold_token(token, |b| {
        bytes.push(b);
        true
    });
    bytes
}

/// The lookup key of a phrase: its folded tokens joined by single spaces.
/// Returns `None` when the phrase has no token.
pub(crate) fn phrase_key(phrase: &str) -> Option<String> {
    let mut tokens = Vec::new();
    tokenize_into(phrase, &[], &mut tokens);
    if tokens.is_empty() {
        return None;
    }
    let mut key = String::with_capacity(phrase.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        let bytes = folded(&phrase[t.start..t.end]);
        key.push_str(&String::from_utf8(bytes).expect("folding keeps UTF-8"));
    }
    Some(key)
}

/// Words too small to capitalize inside a title ("Department of
/// Defense"): a title-case line leaves them in lower case.
pub(crate) const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "the", "to", "vs", "with",
];

/// The one blank-line rule: a blank line is two newlines with only
/// whitespace between them. Fed the characters of a stretch of text one
/// at a time, it says where a blank line ends.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BlankLines {
    after_newline: bool,
}

impl BlankLines {
    /// Reads `c`; true when it is the newline that ends a blank line.
    #[inline]
    pub(crate) fn push(&mut self, c: char) -> bool {
        if c == '\n' {
            let blank = self.after_newline;
            self.after_newline = true;
            blank
        } else {
            if !c.is_whitespace() {
                self.after_newline = false;
            }
            false
        }
    }
}

/// Whether `text` (such as the gap between two tokens) holds a blank line:
/// see [`BlankLines`].
pub(crate) fn has_blank_line(text: &str) -> bool {
    let mut lines = BlankLines::default();
    text.chars().any(|c| lines.push(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_into(text, &[], &mut out);
        out.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_words_and_punctuation() {
        assert_eq!(
            words("U.Okay., they’re here—don't"),
            ["U", ".", "Okay", ".", ",", "they’re", "here", "—", "don't"]
        );
    }

    #[test]
    fn trailing_apostrophe_is_punctuation() {
        assert_eq!(words("players' entrance"), ["players", "'", "entrance"]);
    }

    #[test]
    fn skipped_ranges_break_phrases() {
        let text = "see https://x.y/z now";
        let mut out = Vec::new();
        tokenize_into(text, &[(4, 17)], &mut out);
        let got: Vec<_> = out
            .iter()
            .map(|t| (&text[t.start..t.end], t.break_before))
            .collect();
        assert_eq!(got, [("see", false), ("now", true)]);
    }

    #[test]
    fn blank_line_breaks_phrases() {
        let mut out = Vec::new();
        tokenize_into("a\nb\n\nc", &[], &mut out);
        let breaks: Vec<_> = out.iter().map(|t| t.break_before).collect();
        assert_eq!(breaks, [false, false, true]);
    }

    #[test]
    fn keys_fold_case_and_apostrophes() {
        assert_eq!(phrase_key("U.Okay.").as_deref(), Some("u . okay ."));
        assert_eq!(phrase_key("  Isn’t   IT ").as_deref(), Some("isn't it"));
        assert_eq!(phrase_key(" \t "), None);
    }

    #[test]
    fn blank_lines_need_only_whitespace_between_newlines() {
        assert!(has_blank_line("\n\n"));
        assert!(has_blank_line(" \r\n\t\r\n "));
        assert!(!has_blank_line("\n"));
        assert!(!has_blank_line("\n`x`\n"));
    }
}
