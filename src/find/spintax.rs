//! Spintax leftovers: a spinner that failed to expand `{photo|picture}`
//! leaves braces around a plain phrase ("{photograph}", "{that a}").

use crate::format::tokenize::{Token, TokenKind};

/// Most words a leftover brace pair encloses.
const MAX_WORDS: usize = 6;

/// Token indices `(open, close)` of brace pairs that enclose only 1 to
/// [`MAX_WORDS`] words separated by single spaces, glued to the braces,
/// and not glued to a word outside (which would be code or a template).
/// Pairs nest: once the pairs inside are gone, the braces around them
/// may enclose a plain phrase ("{Okay {photograph}}"), and are a pair too,
/// as a second restore would find. In token order.
pub(crate) fn leftovers(text: &str, tokens: &[Token], out: &mut Vec<(usize, usize)>) {
    out.clear();
    // The tokens not yet taken as braces of a pair, by index.
    let mut view: Vec<usize> = (0..tokens.len()).collect();
    loop {
        let found = out.len();
        let mut i = 0;
        while i < view.len() {
            if is(text, tokens[view[i]], "{") {
                if let Some(close) = closes_at(text, tokens, &view, i) {
                    out.push((view[i], view[close]));
                    i = close + 1;
                    continue;
                }
            }
            i += 1;
        }
        if out.len() == found {
            break;
        }
        let taken: std::collections::HashSet<usize> =
            out[found..].iter().flat_map(|&(o, c)| [o, c]).collect();
        view.retain(|t| !taken.contains(t));
    }
    out.sort_unstable();
}

fn is(text: &str, t: Token, s: &str) -> bool {
    t.kind == TokenKind::Punct && &text[t.start..t.end] == s
}

/// Where in `view` (indices of `tokens`) the brace at `view[open]`
/// closes a leftover pair. Braces of pairs already found are out of the
/// view, and out of the gaps between the tokens in it.
fn closes_at(text: &str, tokens: &[Token], view: &[usize], open: usize) -> Option<usize> {
    let o = tokens[view[open]];
    // "{" glued to what precedes it: "f{x}", "${var}", "x={y}", "İ{x}" (a
    // word: removing the brace would join two words).
    if let Some(prev) = text[..o.start].chars().next_back() {
        if prev.is_alphanumeric() || "$=%#{}_".contains(prev) {
            return None;
        }
    }
    let mut prev_end = o.end;
    for (n, j) in (open + 1..view.len()).enumerate() {
        let t = tokens[view[j]];
        if t.break_before {
            return None;
        }
        let gap = text[prev_end..t.start]
            .chars()
            .filter(|&c| c != '{' && c != '}');
        if is(text, t, "}") {
            if n == 0 || gap.clone().next().is_some() {
                return None;
            }
            let after = text[t.end..].chars().next();
            if after.is_some_and(char::is_alphanumeric) {
                return None;
            }
            return Some(j);
        }
        if t.kind != TokenKind::Word || n >= MAX_WORDS {
            return None;
        }
        let expected_gap = if n == 0 { "" } else { " " };
        if !gap.eq(expected_gap.chars()) {
            return None;
        }
        prev_end = t.end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tokenize::tokenize_into;

    fn pairs(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize_into(text, &[], &mut tokens);
        let mut out = Vec::new();
        leftovers(text, &tokens, &mut out);
        out.iter()
            .map(|&(o, c)| text[tokens[o].start..tokens[c].end].to_string())
            .collect()
    }

    #[test]
    fn finds_leftovers() {
        assert_eq!(pairs("a handout {photograph} taken"), ["{photograph}"]);
        assert_eq!(
            pairs("debate {that a} extra, ({so}), end"),
            ["{that a}", "{so}"]
        );
    }

    #[test]
    fn leaves_code_and_templates() {
        assert!(pairs("${name} f{x} {a|b} {} { spaced } {a, b} {x}y").is_empty());
    }
}
