//! Near misses: forms of a multi-word fingerprint that the exact lexicon
//! walk cannot see: another hyphenation or spacing ("Getty-Pictures",
//! "Protection Secretary" split as "Protec tion"), a plural ("Protection
//! Secretarys" aside, "Authorities Effectivities"), or a misspelling
//! ("Protection Secretery").
//!
//! Candidates are anchored on an exact first word, so the cost is a hash
//! lookup per word and a few edit distances (`strsim`) where a fingerprint
//! could start. Phrases are compared as *skeletons*: their letters and
//! digits, lower-cased, without spaces, hyphens or apostrophes.
//!
//! How far a near miss may be from its entry:
//! - distance 0 (only spacing or hyphenation differs): anywhere, like a
//!   fingerprint;
//! - a plural "s"/"es" of the last word: anywhere; the canonical's last word
//!   is put in the plural too;
//! - edit distance 1 for skeletons of at least [`MIN_LEN_ONE_EDIT`]
//!   characters, 2 for at least [`MIN_LEN_TWO_EDITS`]: only in documents
//!   shown to be spun, because short phrases one letter apart can be
//!   different genuine words ("White Home" is spun, "White Hole" is not).

use std::collections::HashMap;

/// The index's maps: their keys are short words, hashed once per token.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use crate::dict_format::Class;
use crate::lexicon::Lexicon;
use crate::tokenize::{Token, TokenKind};

/// Shortest skeleton that may match with one edit.
pub(crate) const MIN_LEN_ONE_EDIT: usize = 12;
/// Shortest skeleton that may match with two edits.
pub(crate) const MIN_LEN_TWO_EDITS: usize = 18;

/// The longest window, in words, compared with an entry. Longer entries
/// match exactly or not at all.
const MAX_WINDOW_WORDS: usize = 8;

/// How a near miss differs from its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Difference {
    /// Only spacing or hyphenation.
    Spacing,
    /// The last word is in the plural.
    Plural,
    /// A misspelling at this Damerau-Levenshtein distance.
    Edits(usize),
}

/// A near miss over tokens `first..=last`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NearMiss {
    pub first: usize,
    pub last: usize,
    pub entry: usize,
    pub difference: Difference,
}

#[derive(Debug)]
struct Candidate {
    entry: usize,
    /// Skeleton of the whole mangled phrase.
    skeleton: String,
    /// Number of word tokens in the phrase.
    words: usize,
}

/// Multi-word fingerprints indexed by their first word and the first
/// letter of their second word: most words start some fingerprint ("the
/// American folks"), and the second letter key keeps the candidates few.
#[derive(Debug, Default)]
pub(crate) struct NearMissIndex {
    by_first_word: FastMap<String, FastMap<char, Vec<Candidate>>>,
    /// The skeletons of all canonicals, a line each: wording the
    /// dictionaries restore *to* is never a near miss ("choice trees" is no
    /// plural of the spun "choice tree" when a canonical says "choice
    /// trees"). Searched only when a near miss is found, which is rare; a
    /// match across word boundaries only makes the rule more cautious.
    canonical_text: String,
}

impl NearMissIndex {
    /// Indexes the multi-word, word-only fingerprints of `lexicon`.
    pub(crate) fn build(lexicon: &Lexicon) -> NearMissIndex {
        let mut by_first_word: FastMap<String, FastMap<char, Vec<Candidate>>> = FastMap::default();
        let mut canonical_text = String::new();
        lexicon.for_each_key(|key, entry| {
            if lexicon.entry(entry).class() != Class::Fingerprint {
                return;
            }
            let words: Vec<&str> = key.split(' ').collect();
            // Punctuation inside ("u . okay .") is abbreviation damage,
            // where one letter is all the difference: exact matches only.
            if words.len() < 2 || !words.iter().all(|w| w.chars().all(is_skeleton_char)) {
                return;
            }
            let skeleton: String = words.concat();
            let Some(second) = words[1].chars().next() else {
                return;
            };
            by_first_word
                .entry(words[0].to_string())
                .or_default()
                .entry(second)
                .or_default()
                .push(Candidate {
                    entry,
                    skeleton,
                    words: words.len(),
                });
        });
        for d in lexicon.dictionaries() {
            for e in d.entries() {
                push_skeleton(e.canonical(), &mut canonical_text);
                canonical_text.push('\n');
            }
        }
        NearMissIndex {
            by_first_word,
            canonical_text,
        }
    }

    /// The candidates whose first word has the skeleton of `token`.
    fn first_word(&self, token: &str, buf: &mut String) -> Option<&FastMap<char, Vec<Candidate>>> {
        // Fast path for the usual short ASCII word: its skeleton in a
        // stack buffer, no `String` growth per character.
        let bytes = token.as_bytes();
        if bytes.len() <= 32 && token.is_ascii() {
            let mut skeleton = [0u8; 32];
            let mut n = 0;
            for &b in bytes.iter().filter(|b| b.is_ascii_alphanumeric()) {
                skeleton[n] = b.to_ascii_lowercase();
                n += 1;
            }
            let key = std::str::from_utf8(&skeleton[..n]).expect("ASCII");
            return self.by_first_word.get(key);
        }
        buf.clear();
        push_skeleton(token, buf);
        self.by_first_word.get(buf.as_str())
    }

    /// Finds near misses that start at uncovered word tokens. `spun` says
    /// whether the document shows spin (misspellings need it).
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        covered: &[bool],
        spun: bool,
        out: &mut Vec<NearMiss>,
    ) {
        if self.by_first_word.is_empty() {
            return;
        }
        let mut word = String::new();
        let mut window = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if covered[i] || t.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            let Some(by_second) = self.first_word(&text[t.start..t.end], &mut word) else {
                i += 1;
                continue;
            };
            let Some(candidates) = second_letter(text, tokens, i).and_then(|c| by_second.get(&c))
            else {
                i += 1;
                continue;
            };
            let scan = Scan {
                text,
                tokens,
                covered,
                spun,
                canonical_text: &self.canonical_text,
            };
            match best_at(&scan, i, candidates, &mut window) {
                Some(hit) => {
                    out.push(hit);
                    i = hit.last + 1;
                }
                None => i += 1,
            }
        }
    }
}

/// The best near miss starting at token `i`: the smallest difference, then
/// the longest window.
fn best_at(
    scan: &Scan<'_>,
    i: usize,
    candidates: &[Candidate],
    window: &mut String,
) -> Option<NearMiss> {
    let Scan {
        text,
        tokens,
        covered,
        spun,
        canonical_text,
    } = *scan;
    // The skeletons of all windows starting at `i` share a prefix: build it
    // once, with the end of each window (in words) in `ends`.
    let most_words = candidates.iter().map(|c| c.words).max().unwrap_or(0) + 1;
    let mut ends = [(0usize, 0usize); MAX_WINDOW_WORDS + 1];
    let mut words = 0;
    window.clear();
    let mut j = i;
    while words < most_words.min(MAX_WINDOW_WORDS) {
        let Some(t) = tokens.get(j) else { break };
        if covered[j] || (j > i && t.break_before) {
            break;
        }
        match t.kind {
            TokenKind::Word => {
                push_skeleton(&text[t.start..t.end], window);
                words += 1;
                ends[words] = (window.len(), j);
            }
            _ if j > i && is_hyphen(text, tokens, j) => {}
            _ => break,
        }
        j += 1;
    }
    let mut best: Option<(usize, NearMiss)> = None;
    for c in candidates {
        // Windows of one word fewer to one word more than the entry: a
        // split or joined word changes the count.
        let fewest = c.words.saturating_sub(1).max(1);
        let most = (c.words + 1).min(words);
        for &(len, last) in ends.iter().take(most + 1).skip(fewest) {
            let Some(difference) = compare(&window[..len], &c.skeleton, spun) else {
                continue;
            };
            let rank = match difference {
                Difference::Spacing => 0,
                Difference::Plural => 1,
                Difference::Edits(d) => 1 + d,
            };
            let hit = NearMiss {
                first: i,
                last,
                entry: c.entry,
                difference,
            };
            if best.is_none_or(|(r, b)| rank < r || (rank == r && last > b.last)) {
                best = Some((rank, hit));
            }
        }
    }
    best.map(|(_, hit)| hit).filter(|hit| {
        let len = ends[1..=words]
            .iter()
            .find(|&&(_, last)| last == hit.last)
            .map_or(0, |&(len, _)| len);
        !canonical_text.contains(&window[..len])
    })
}

/// What a scan for near misses looks at.
struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token],
    covered: &'a [bool],
    spun: bool,
    canonical_text: &'a str,
}

/// The first letter (lower-cased) of the word after token `i`, across a
/// hyphen.
fn second_letter(text: &str, tokens: &[Token], i: usize) -> Option<char> {
    let mut j = i + 1;
    if tokens.get(j).is_some_and(|t| t.kind != TokenKind::Word) {
        if !is_hyphen(text, tokens, j) {
            return None;
        }
        j += 1;
    }
    let t = tokens.get(j)?;
    if t.break_before || t.kind != TokenKind::Word {
        return None;
    }
    text[t.start..t.end]
        .chars()
        .find(|&c| is_skeleton_char(c))
        .and_then(|c| c.to_lowercase().next())
}

/// A hyphen token directly between two words ("Getty-Pictures").
fn is_hyphen(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = &tokens[j];
    &text[t.start..t.end] == "-"
        && tokens[j - 1].end == t.start
        && tokens.get(j + 1).is_some_and(|n| n.start == t.end)
        && tokens.get(j + 1).is_some_and(|n| n.kind == TokenKind::Word)
}

/// How `window` differs from `skeleton`, when it is close enough.
fn compare(window: &str, skeleton: &str, spun: bool) -> Option<Difference> {
    if window.len() + 2 < skeleton.len() || window.len() > skeleton.len() + 2 {
        return None;
    }
    if window == skeleton {
        return Some(Difference::Spacing);
    }
    if let Some(suffix) = window.strip_prefix(skeleton) {
        if (suffix == "s" || suffix == "es") && !skeleton.ends_with('s') {
            return Some(Difference::Plural);
        }
    }
    if !spun {
        return None;
    }
    let len = skeleton.len();
    let allowed = if len >= MIN_LEN_TWO_EDITS {
        2
    } else if len >= MIN_LEN_ONE_EDIT {
        1
    } else {
        0
    };
    if allowed == 0 || window.len().abs_diff(len) > allowed {
        return None;
    }
    let d = strsim::damerau_levenshtein(window, skeleton);
    (d > 0 && d <= allowed).then_some(Difference::Edits(d))
}

/// Puts the last word of `canonical` in the plural (for a plural near
/// miss of a singular entry).
pub(crate) fn pluralize_last(canonical: &str) -> String {
    let (head, last) = match canonical.rfind(' ') {
        Some(p) => canonical.split_at(p + 1),
        None => ("", canonical),
    };
    let lower = last.to_lowercase();
    let plural = if lower.ends_with('s')
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        format!("{last}es")
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else {
        format!("{last}s")
    };
    format!("{head}{plural}")
}

fn is_skeleton_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Appends the skeleton of `token`: its letters and digits, lower-cased.
fn push_skeleton(token: &str, out: &mut String) {
    // Most words are ASCII: skip the Unicode tables for them.
    if token.is_ascii() {
        out.extend(
            token
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return;
    }
    for c in token.chars().filter(|&c| is_skeleton_char(c)) {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences() {
        assert_eq!(
            compare("gettypictures", "gettypictures", false),
            Some(Difference::Spacing)
        );
        assert_eq!(
            compare("protectionsecretaries", "protectionsecretary", true),
            None,
            "irregular plurals are entries of their own"
        );
        assert_eq!(
            compare("protectionministers", "protectionminister", false),
            Some(Difference::Plural)
        );
        assert_eq!(compare("gettypicturess", "gettypictures", false), None);
        assert_eq!(
            compare("protectionsecretery", "protectionsecretary", true),
            Some(Difference::Edits(1))
        );
        assert_eq!(
            compare("protectionsecretery", "protectionsecretary", false),
            None,
            "misspellings need a spun document"
        );
        assert_eq!(
            compare("whitehole", "whitehome", true),
            None,
            "short phrases one letter apart can both be genuine"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(pluralize_last("defense secretary"), "defense secretaries");
        assert_eq!(pluralize_last("Getty Image"), "Getty Images");
        assert_eq!(pluralize_last("tax"), "taxes");
        assert_eq!(pluralize_last("holiday"), "holidays");
    }
}
