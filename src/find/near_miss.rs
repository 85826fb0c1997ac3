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

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::dict::common_english::CommonEnglish;
use crate::find::lexicon::Lexicon;
use crate::format::dict_format::Class;
use crate::format::near_miss_keys::{index_key, is_skeleton_char, push_skeleton};
use crate::format::tokenize::{possessive_stem, touching, Token, TokenKind};

/// The index's map: its keys are short words, hashed once per token.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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
    /// Byte offset where the near miss ends: before a possessive `’s` of
    /// the last token, which stays as it is.
    pub end: usize,
    pub entry: usize,
    pub difference: Difference,
}

#[derive(Debug, PartialEq, Eq)]
struct Candidate {
    entry: usize,
    /// The lexicon key: the folded words of the mangled phrase.
    key: Cow<'static, str>,
    /// Skeleton of the whole mangled phrase.
    skeleton: Cow<'static, str>,
    /// Number of word tokens in the phrase.
    words: usize,
}

/// One indexed phrase: where it starts (see
/// [`IndexKey`](crate::format::near_miss_keys::IndexKey)) and its candidate.
type Keyed = (Cow<'static, str>, Candidate);

/// Multi-word fingerprints indexed by their first word and the first
/// letter of their second word: most words start some fingerprint ("the
/// American folks"), and the second letter keeps the candidates few.
#[derive(Debug, Default)]
pub(crate) struct NearMissIndex {
    /// `"first s"` to the range of `candidates` that starts so.
    by_start: FastMap<Cow<'static, str>, Range<usize>>,
    candidates: Vec<Candidate>,
    /// The skeletons of all canonicals, a line each: wording the
    /// dictionaries restore *to* is never a near miss ("choice trees" is no
    /// plural of the spun "choice tree" when a canonical says "choice
    /// trees"). Searched only when a near miss is found, which is rare; a
    /// match across word boundaries only makes the rule more cautious.
    canonical_text: Cow<'static, str>,
}

impl NearMissIndex {
    /// Indexes the multi-word, word-only fingerprints of `lexicon`.
    pub(crate) fn build(lexicon: &Lexicon) -> NearMissIndex {
        let mut keyed = Vec::new();
        lexicon.for_each_key(|key, entry| {
            if lexicon.entry(entry).class() != Class::Fingerprint {
                return;
            }
            if let Some(k) = index_key(key) {
                keyed.push((
                    Cow::Owned(k.start),
                    Candidate {
                        entry,
                        key: Cow::Owned(key.to_string()),
                        skeleton: Cow::Owned(k.skeleton),
                        words: k.words,
                    },
                ));
            }
        });
        let mut canonical_text = String::new();
        for d in lexicon.dictionaries() {
            for e in d.entries() {
                push_skeleton(e.canonical(), &mut canonical_text);
                canonical_text.push('\n');
            }
        }
        NearMissIndex::assemble(keyed, Cow::Owned(canonical_text))
    }

    /// The index of the embedded lexicon, as the build script computed it
    /// with the same rules: the same as `build(&Lexicon::embedded())`
    /// without walking the keys at start-up.
    pub(crate) fn embedded() -> NearMissIndex {
        let keyed = crate::embedded::NEAR_MISS
            .iter()
            .map(|&(start, entry, key, skeleton, words)| {
                (
                    Cow::Borrowed(start),
                    Candidate {
                        entry: entry as usize,
                        key: Cow::Borrowed(key),
                        skeleton: Cow::Borrowed(skeleton),
                        words: usize::from(words),
                    },
                )
            })
            .collect();
        NearMissIndex::assemble(keyed, Cow::Borrowed(crate::embedded::CANONICAL_SKELETONS))
    }

    /// `keyed` is in lexicon key order; candidates that start alike keep it.
    fn assemble(mut keyed: Vec<Keyed>, canonical_text: Cow<'static, str>) -> NearMissIndex {
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut by_start: FastMap<Cow<'static, str>, Range<usize>> =
            FastMap::with_capacity_and_hasher(keyed.len(), Default::default());
        let mut candidates = Vec::with_capacity(keyed.len());
        for (start, candidate) in keyed {
            let i = candidates.len();
            candidates.push(candidate);
            match by_start.get_mut(&start) {
                Some(range) => range.end = i + 1,
                None => {
                    by_start.insert(start, i..i + 1);
                }
            }
        }
        NearMissIndex {
            by_start,
            candidates,
            canonical_text,
        }
    }

    /// The candidates that start with the word `token` followed by a word
    /// that starts with `second`.
    fn starting(&self, token: &str, second: char, buf: &mut String) -> &[Candidate] {
        // Fast path for the usual short ASCII word: the key in a stack
        // buffer, no `String` growth per character.
        let bytes = token.as_bytes();
        let range = if bytes.len() <= 32 && token.is_ascii() && second.is_ascii() {
            let mut key = [0u8; 34];
            let mut n = 0;
            for &b in bytes.iter().filter(|b| b.is_ascii_alphanumeric()) {
                key[n] = b.to_ascii_lowercase();
                n += 1;
            }
            key[n] = b' ';
            key[n + 1] = second as u8;
            let key = std::str::from_utf8(&key[..n + 2]).expect("ASCII");
            self.by_start.get(key)
        } else {
            buf.clear();
            push_skeleton(token, buf);
            buf.push(' ');
            buf.push(second);
            self.by_start.get(buf.as_str())
        };
        range.map_or(&[], |r| &self.candidates[r.clone()])
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
        if self.candidates.is_empty() {
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
            let Some(second) = second_letter(text, tokens, i) else {
                i += 1;
                continue;
            };
            let candidates = self.starting(&text[t.start..t.end], second, &mut word);
            if candidates.is_empty() {
                i += 1;
                continue;
            }
            let scan = Scan {
                text,
                tokens,
                covered,
                prefix: &[],
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

    /// A near miss that overlaps the end of a phrase already restored:
    /// it reads the phrase's last words as restored (`restored`, the
    /// phrase's replacement), then the tokens from `next` on. "Protection
    /// Secretery ofbattle" restores "protection Secretery", then finds
    /// "Secretary ofbattle". The most shared words win. Returns the near
    /// miss (from token `next`) and how many of `restored`'s words it
    /// shares; whether the two agree on them is for the caller to decide.
    pub(crate) fn find_overlapping(
        &self,
        text: &str,
        tokens: &[Token],
        covered: &[bool],
        spun: bool,
        restored: &str,
        next: usize,
    ) -> Option<(NearMiss, usize)> {
        let first_next = tokens
            .get(next)
            .filter(|t| !covered[next] && !t.break_before)?;
        if self.candidates.is_empty() || first_next.kind != TokenKind::Word {
            return None;
        }
        let mut own = Vec::new();
        crate::format::tokenize::tokenize_into(restored, &[], &mut own);
        let words: Vec<&str> = own.iter().map(|t| &restored[t.start..t.end]).collect();
        let next_letter = text[first_next.start..]
            .chars()
            .next()?
            .to_lowercase()
            .next()?;
        let mut buf = String::new();
        let mut window = String::new();
        // Leave at least the first word of the restored phrase out.
        for shared in (1..words.len().min(MAX_WINDOW_WORDS)).rev() {
            let prefix = &words[words.len() - shared..];
            if !prefix
                .iter()
                .all(|w| w.chars().all(crate::format::tokenize::is_word_char))
            {
                continue;
            }
            let second = match prefix.get(1) {
                Some(w) => w.chars().next()?.to_lowercase().next()?,
                None => next_letter,
            };
            let candidates = self.starting(prefix[0], second, &mut buf);
            if candidates.is_empty() {
                continue;
            }
            let scan = Scan {
                text,
                tokens,
                covered,
                prefix,
                spun,
                canonical_text: &self.canonical_text,
            };
            if let Some(hit) = best_at(&scan, next, candidates, &mut window) {
                return Some((hit, shared));
            }
        }
        None
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
    let &Scan {
        text,
        tokens,
        covered,
        prefix,
        spun,
        canonical_text,
    } = scan;
    // The skeletons of all windows starting at `i` share a prefix: build it
    // once, with the end of each window (in words) in `ends`: skeleton
    // length, last token, byte offset.
    let most_words = candidates.iter().map(|c| c.words).max().unwrap_or(0) + 1;
    let mut ends = [(0usize, 0usize, 0usize); MAX_WINDOW_WORDS + 1];
    let mut words = 0;
    window.clear();
    // Words read as restored before token `i` end where `i` starts; no
    // window may end with them.
    for word in prefix {
        push_skeleton(word, window);
        words += 1;
        ends[words] = (window.len(), i.wrapping_sub(1), tokens[i].start);
    }
    let mut j = i;
    while words < most_words.min(MAX_WINDOW_WORDS) {
        let Some(t) = tokens.get(j) else { break };
        if covered[j] || ((j > i || !prefix.is_empty()) && t.break_before) {
            break;
        }
        match t.kind {
            TokenKind::Word => {
                let word = &text[t.start..t.end];
                let stem = possessive_stem(word);
                // Indexed phrases have no apostrophes: a word with one
                // inside ("don't") is no part of a near miss, and its
                // skeleton would hide the apostrophe.
                if stem.unwrap_or(word).contains(['\'', '\u{2019}']) {
                    break;
                }
                // A possessive is no plural: "Getty photograph’s" is not
                // "Getty Photographs". It ends the window, outside it.
                if let Some(stem) = stem {
                    push_skeleton(stem, window);
                    words += 1;
                    ends[words] = (window.len(), j, t.start + stem.len());
                    break;
                }
                push_skeleton(word, window);
                words += 1;
                ends[words] = (window.len(), j, t.end);
            }
            _ if j > i && is_hyphen(text, tokens, j) => {}
            _ => break,
        }
        j += 1;
    }
    let mut best: Option<(usize, NearMiss, usize)> = None;
    for c in candidates {
        // Windows of one word fewer to one word more than the entry: a
        // split or joined word changes the count.
        let fewest = c.words.saturating_sub(1).max(1).max(prefix.len() + 1);
        let most = (c.words + 1).min(words);
        for (n, &(len, last, end)) in ends.iter().enumerate().take(most + 1).skip(fewest) {
            let Some(difference) = compare(&window[..len], &c.skeleton, spun) else {
                continue;
            };
            if let Difference::Edits(_) = difference {
                if !misspelt_only(window, &ends[..=n], &c.key) {
                    continue;
                }
            }
            let rank = match difference {
                Difference::Spacing => 0,
                Difference::Plural => 1,
                Difference::Edits(d) => 1 + d,
            };
            let hit = NearMiss {
                first: i,
                last,
                end,
                entry: c.entry,
                difference,
            };
            if best.is_none_or(|(r, b, _)| rank < r || (rank == r && last > b.last)) {
                best = Some((rank, hit, len));
            }
        }
    }
    best.filter(|&(_, _, len)| !canonical_text.contains(&window[..len]))
        .map(|(_, hit, _)| hit)
}

/// Whether the words of a window (`ends` as built by [`best_at`]) that
/// are not words of the entry's `key` are all misspellings, not common
/// English: "Protection Secretery" is a near miss of "Protection
/// Secretary", but "a photograph of" is no near miss of "photograph op".
fn misspelt_only(window: &str, ends: &[(usize, usize, usize)], key: &str) -> bool {
    let common = CommonEnglish::get();
    ends.windows(2).all(|pair| {
        let word = &window[pair[0].0..pair[1].0];
        key.split(' ').any(|k| k == word) || !common.contains(&[word])
    })
}

/// What a scan for near misses looks at.
struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token],
    covered: &'a [bool],
    /// Words read as restored before the first token (those a near miss
    /// shares with the phrase it overlaps).
    prefix: &'a [&'a str],
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
        && touching(text, tokens[j - 1].end, t.start)
        && tokens
            .get(j + 1)
            .is_some_and(|n| touching(text, t.end, n.start))
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
    if window.is_ascii() && skeleton.is_ascii() && bag_distance(window, skeleton) > allowed {
        return None;
    }
    let d = strsim::damerau_levenshtein(window, skeleton);
    (d > 0 && d <= allowed).then_some(Difference::Edits(d))
}

/// How far apart two ASCII strings are as bags of letters: the larger of
/// the counts of letters only one of them has. Each insertion, deletion
/// or substitution changes it by at most one and a transposition not at
/// all, so it never exceeds the Damerau-Levenshtein distance; it takes a
/// pass over each string where the distance takes their product (and, in
/// `strsim`, a hash map), so it turns away most candidates cheaply.
fn bag_distance(a: &str, b: &str) -> usize {
    let mut counts = [0i32; 128];
    for &x in a.as_bytes() {
        counts[usize::from(x & 0x7f)] += 1;
    }
    for &y in b.as_bytes() {
        counts[usize::from(y & 0x7f)] -= 1;
    }
    let (mut only_a, mut only_b) = (0, 0);
    for c in counts {
        if c > 0 {
            only_a += c as usize;
        } else {
            only_b += (-c) as usize;
        }
    }
    only_a.max(only_b)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precomputed_index_agrees_with_a_runtime_build() {
        let built = NearMissIndex::build(&Lexicon::embedded());
        let embedded = NearMissIndex::embedded();
        assert!(built.candidates.len() > 1000);
        assert_eq!(built.candidates, embedded.candidates);
        assert_eq!(built.by_start, embedded.by_start);
        assert_eq!(built.canonical_text, embedded.canonical_text);
    }

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
    fn the_bag_distance_never_exceeds_the_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "secretary",
            "secretery",
            "sceretary",
            "protection",
            "protectoin",
            "defensesecretary",
            "defencesecretry",
            "aabbcc",
            "ccbbaa",
        ];
        for a in words {
            for b in words {
                let bag = bag_distance(a, b);
                assert!(bag <= strsim::damerau_levenshtein(a, b), "{a} {b}");
                assert_eq!(bag, bag_distance(b, a));
            }
        }
        assert_eq!(bag_distance("secretary", "secretery"), 1);
        assert_eq!(bag_distance("abc", "cab"), 0);
    }

    #[test]
    fn plurals() {
        assert_eq!(pluralize_last("defense secretary"), "defense secretaries");
        assert_eq!(pluralize_last("Getty Image"), "Getty Images");
        assert_eq!(pluralize_last("tax"), "taxes");
        assert_eq!(pluralize_last("holiday"), "holidays");
    }
}
