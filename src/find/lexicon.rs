//! The lexicon: every loaded entry behind one finite-state map, and the
//! leftmost-longest phrase matcher that walks it token by token.

use std::borrow::Cow;

use fst::raw::{CompiledAddr, Fst, Node, Output};
use fst::Map;

use crate::dict::dictionary::{Dictionary, Entry};
use crate::find::walk::step;
use crate::format::dict_format::Class;
use crate::format::tokenize::{fold_token, folded, possessive_stem, touching, Token, TokenKind};

/// Entries of all dictionaries and the map from normalized mangled phrase
/// to entry index.
pub(crate) struct Lexicon {
    map: Map<Cow<'static, [u8]>>,
    /// `(dictionary index, entry)` in index order.
    entries: Vec<(usize, Entry)>,
    dictionaries: Vec<Dictionary>,
}

/// A phrase found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index of the first token.
    pub first: usize,
    /// Index of the last token.
    pub last: usize,
    /// Byte range in the text; `end` may stop before the last token's end
    /// (possessive `’s` kept out of the match).
    pub start: usize,
    pub end: usize,
    /// Entry index.
    pub entry: usize,
    /// Where the replacement starts in the entry's canonical: 0, or past
    /// the words an overlapping phrase before this one already covers
    /// (see [`Lexicon::find_all`]).
    pub canonical_from: usize,
}

impl Lexicon {
    /// The embedded default: its map was compiled by the build script.
    pub fn embedded() -> Lexicon {
        let dictionaries =
            Dictionary::embedded().expect("embedded dictionaries were checked at build time");
        let map = Map::new(Cow::Borrowed(crate::embedded::FST)).expect("embedded fst is valid");
        let entries = flatten(&dictionaries);
        debug_assert_eq!(entries.len(), crate::embedded::ENTRY_COUNT);
        Lexicon {
            map,
            entries,
            dictionaries,
        }
    }

    /// A lexicon over `dictionaries`; later dictionaries override earlier
    /// ones where they define the same phrase.
    #[cfg(test)]
    pub fn build(dictionaries: Vec<Dictionary>) -> Lexicon {
        Lexicon::build_except(dictionaries, &std::collections::HashSet::new())
    }

    /// A lexicon over `dictionaries` (later dictionaries override earlier
    /// ones where they define the same phrase), without the phrases whose
    /// normalized keys are in `ignored` (in every dictionary).
    pub fn build_except(
        dictionaries: Vec<Dictionary>,
        ignored: &std::collections::HashSet<String>,
    ) -> Lexicon {
        let entries = flatten(&dictionaries);
        let mut keys: Vec<(String, u64)> = Vec::with_capacity(entries.len());
        for (i, (_, e)) in entries.iter().enumerate() {
            // Every entry's key was validated when its dictionary was parsed.
            if let Some(k) = crate::format::tokenize::phrase_key(e.mangled()) {
                if !ignored.contains(&k) {
                    keys.push((k, i as u64));
                }
            }
        }
        // Stable sort, then keep the last of equal keys: later wins.
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut deduped: Vec<(String, u64)> = Vec::with_capacity(keys.len());
        for (k, v) in keys {
            match deduped.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => deduped.push((k, v)),
            }
        }
        let map = Map::from_iter(deduped.iter().map(|(k, v)| (k.as_bytes(), *v)))
            .expect("keys are sorted and unique");
        let bytes = map.into_fst().into_inner();
        Lexicon {
            map: Map::new(Cow::Owned(bytes)).expect("just built"),
            entries,
            dictionaries,
        }
    }

    pub fn dictionaries(&self) -> &[Dictionary] {
        &self.dictionaries
    }

    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index].1
    }

    pub fn dictionary_of(&self, index: usize) -> &Dictionary {
        &self.dictionaries[self.entries[index].0]
    }

    /// Looks a phrase up exactly (after normalization).
    pub fn lookup(&self, phrase: &str) -> Option<usize> {
        let key = crate::format::tokenize::phrase_key(phrase)?;
        self.map.get(key.as_bytes()).map(|v| v as usize)
    }

    /// Calls `f` with every key of the map and the entry it selects, in key
    /// order.
    pub fn for_each_key(&self, mut f: impl FnMut(&str, usize)) {
        use fst::Streamer;
        let mut stream = self.map.stream();
        while let Some((key, value)) = stream.next() {
            if let Ok(key) = std::str::from_utf8(key) {
                f(key, value as usize);
            }
        }
    }

    /// Number of keys in the map.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Size of the finite-state map in bytes.
    pub fn fst_bytes(&self) -> usize {
        self.map.as_fst().as_bytes().len()
    }

    /// The replacement of `hit`: its entry's canonical, or the part of it
    /// past the words an overlapping phrase already covers.
    pub fn canonical_of(&self, hit: &Hit) -> &str {
        &self.entry(hit.entry).canonical()[hit.canonical_from..]
    }

    /// Leftmost-longest matches over `tokens`, restricted to entries that
    /// `allow` accepts. Appends to `out`.
    ///
    /// A fingerprint that overlaps the end of a match ("Protection
    /// Secretary" then "Secretary of Battle") is not lost: where both
    /// canonicals agree on the shared words ("Defense Secretary",
    /// "Secretary of War"), the fingerprint's remainder ("of Battle" ->
    /// "of War") is a match of its own. Otherwise a second restore would
    /// find it.
    pub fn find_all(
        &self,
        text: &str,
        tokens: &[Token],
        allow: impl Fn(Class) -> bool,
        out: &mut Vec<Hit>,
    ) {
        self.find_starting_before(text, tokens, tokens.len(), allow, out);
    }

    /// [`Lexicon::find_all`], trying no match that starts at token `starts`
    /// or later; a match that starts before it may still end after it.
    /// Where no match could start after that point anyway, the result is
    /// [`Lexicon::find_all`]'s, without the walks from every later token.
    pub fn find_starting_before(
        &self,
        text: &str,
        tokens: &[Token],
        starts: usize,
        allow: impl Fn(Class) -> bool,
        out: &mut Vec<Hit>,
    ) {
        // A text's tokens are a few thousand distinct words, and a phrase
        // walk from a given node over a given word always ends the same
        // way: remembering each (node, word) walk replaces the walks over
        // the map's nodes, character by character, with a hash lookup per
        // token.
        let mut walks: Walks<'_> = Walks::default();
        // A short slice (inside one phrase) is not worth a table.
        let starts = starts.min(tokens.len());
        let cache = starts >= MIN_TOKENS_TO_CACHE;
        let mut i = 0;
        while i < starts {
            let Some(hit) = self.longest_at(text, tokens, i, &allow, cache.then_some(&mut walks))
            else {
                i += 1;
                continue;
            };
            out.push(hit);
            let mut last = hit;
            while let Some((whole, rest)) =
                self.overlapping_rest(text, tokens, &last, &allow, cache.then_some(&mut walks))
            {
                out.push(rest);
                last = whole;
            }
            i = last.last + 1;
        }
    }

    /// A fingerprint that starts inside `hit` and ends after it, where
    /// both canonicals agree on the shared words: the fingerprint as a
    /// whole, and its part after `hit`.
    fn overlapping_rest<'t>(
        &self,
        text: &'t str,
        tokens: &[Token],
        hit: &Hit,
        allow: &impl Fn(Class) -> bool,
        mut walks: Option<&mut Walks<'t>>,
    ) -> Option<(Hit, Hit)> {
        // A match that keeps a possessive out ends inside its last token.
        if hit.first == hit.last || hit.end != tokens[hit.last].end {
            return None;
        }
        let fingerprint = |c: Class| c == Class::Fingerprint && allow(c);
        for j in hit.first + 1..=hit.last {
            let Some(other) = self.longest_at(text, tokens, j, &fingerprint, walks.as_deref_mut())
            else {
                continue;
            };
            if other.last <= hit.last {
                continue;
            }
            let Some(from) = overlap_agrees(
                self.canonical_of(hit),
                self.entry(other.entry).canonical(),
                hit.last + 1 - j,
            ) else {
                continue;
            };
            let rest = Hit {
                first: hit.last + 1,
                start: tokens[hit.last + 1].start,
                canonical_from: from,
                ..other
            };
            return Some((other, rest));
        }
        None
    }

    /// The longest allowed match that starts at token `i`.
    fn longest_at<'t>(
        &self,
        text: &'t str,
        tokens: &[Token],
        i: usize,
        allow: &impl Fn(Class) -> bool,
        mut walks: Option<&mut Walks<'t>>,
    ) -> Option<Hit> {
        if !starts_cleanly(text, tokens, i) {
            return None;
        }
        let fst: &Fst<Cow<'static, [u8]>> = self.map.as_fst();
        let mut best = None;
        // Where the previous word left the walk (`FROM_ROOT` before the
        // first), and the output gathered on the way there.
        let mut at = FROM_ROOT;
        let mut out = Output::zero();
        for (j, &tok) in tokens.iter().enumerate().skip(i) {
            if j > i && tok.break_before {
                break;
            }
            let word = &text[tok.start..tok.end];
            let walk_from = || {
                if at == FROM_ROOT {
                    walk_word(fst, fst.root(), word, tok.kind, false)
                } else {
                    walk_word(fst, fst.node(at), word, tok.kind, true)
                }
            };
            let walk = match walks.as_deref_mut() {
                Some(cache) => *cache.entry((at, word)).or_insert_with(walk_from),
                None => walk_from(),
            };
            let mut consider = |found: Option<Output>, end: usize| {
                if let Some(found) = found {
                    let entry = out.cat(found).value() as usize;
                    if allow(self.entries[entry].1.class()) {
                        best = Some(Hit {
                            first: i,
                            last: j,
                            start: tokens[i].start,
                            end,
                            entry,
                            canonical_from: 0,
                        });
                    }
                }
            };
            consider(walk.at_stem, tok.start + walk.stem_len);
            if walk.after.is_some() && ends_cleanly(text, tokens, j) {
                consider(walk.at_end, tok.end);
            }
            match walk.after {
                Some((addr, delta)) => {
                    at = addr;
                    out = out.cat(delta);
                }
                None => break,
            }
        }
        best
    }
}

/// Where two overlapping phrases agree: `before` (the canonical of the
/// first) ends with the same `shared` words (folded) that `after` (the
/// canonical of the second) starts with. Returns where the rest of
/// `after` starts; `None` when they differ or `after` has nothing else.
pub(crate) fn overlap_agrees(before: &str, after: &str, shared: usize) -> Option<usize> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    crate::format::tokenize::tokenize_into(before, &[], &mut a);
    crate::format::tokenize::tokenize_into(after, &[], &mut b);
    if shared == 0 || a.len() < shared || b.len() <= shared {
        return None;
    }
    a[a.len() - shared..]
        .iter()
        .zip(&b[..shared])
        .all(|(x, y)| folded(&before[x.start..x.end]) == folded(&after[y.start..y.end]))
        .then_some(b[shared].start)
}

/// Token count from which [`Lexicon::find_all`] remembers walks.
const MIN_TOKENS_TO_CACHE: usize = 32;

/// The walk of a phrase's first word, which starts at the root; every
/// later word starts with the space after the node its predecessor
/// reached.
const FROM_ROOT: CompiledAddr = CompiledAddr::MAX;

/// Remembered walks, by the node they start from and the word as written.
type Walks<'t> =
    std::collections::HashMap<(CompiledAddr, &'t str), WordWalk, foldhash::fast::RandomState>;

/// What walking one token through the map from some node gives. Outputs
/// are relative to the node's: a node reached by several paths may carry
/// different outputs.
#[derive(Clone, Copy)]
struct WordWalk {
    /// The output of a key ending just before a possessive `’s`.
    at_stem: Option<Output>,
    /// Byte length of the word without its possessive ending.
    stem_len: usize,
    /// The output of a key ending with the whole word.
    at_end: Option<Output>,
    /// The node after the whole word and the output on the way; `None`
    /// when no key continues with it.
    after: Option<(CompiledAddr, Output)>,
}

/// Steps through a space (when `space`) and the folded characters of
/// `word` from `node`.
fn walk_word<'f>(
    fst: &'f Fst<Cow<'static, [u8]>>,
    mut node: Node<'f>,
    word: &str,
    kind: TokenKind,
    space: bool,
) -> WordWalk {
    // A possessive `’s` may stay outside the match: "Protection
    // Secretary’s" restores as "Defense Secretary’s".
    let stem = (kind == TokenKind::Word)
        .then(|| possessive_stem(word).map(str::len))
        .flatten();
    let mut walk = WordWalk {
        at_stem: None,
        stem_len: stem.unwrap_or(0),
        at_end: None,
        after: None,
    };
    let mut out = Output::zero();
    if space && !step(fst, &mut node, &mut out, b' ') {
        return walk;
    }
    let mut pos = 0;
    for c in word.chars() {
        if Some(pos) == stem && node.is_final() {
            walk.at_stem = Some(out.cat(node.final_output()));
        }
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        if !fold_token(s, |b| step(fst, &mut node, &mut out, b)) {
            return walk;
        }
        pos += c.len_utf8();
    }
    if node.is_final() {
        walk.at_end = Some(out.cat(node.final_output()));
    }
    walk.after = Some((node.addr(), out));
    walk
}

/// A hyphen glued to both neighbours joins a compound ("full-scale"):
/// a phrase may not start or end inside one.
pub(crate) fn glued_hyphen(text: &str, tokens: &[Token], hyphen: usize) -> bool {
    let h = tokens[hyphen];
    if &text[h.start..h.end] != "-" || hyphen == 0 || hyphen + 1 >= tokens.len() {
        return false;
    }
    let (a, b) = (tokens[hyphen - 1], tokens[hyphen + 1]);
    a.kind == TokenKind::Word
        && b.kind == TokenKind::Word
        && touching(text, a.end, h.start)
        && touching(text, h.end, b.start)
}

fn starts_cleanly(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens[i].kind != TokenKind::Word || i == 0 || !glued_hyphen(text, tokens, i - 1)
}

fn ends_cleanly(text: &str, tokens: &[Token], j: usize) -> bool {
    tokens[j].kind != TokenKind::Word || j + 1 >= tokens.len() || !glued_hyphen(text, tokens, j + 1)
}

fn flatten(dictionaries: &[Dictionary]) -> Vec<(usize, Entry)> {
    dictionaries
        .iter()
        .enumerate()
        .flat_map(|(d, dict)| dict.entries().iter().map(move |e| (d, e.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tokenize::tokenize_into;

    fn lexicon(tsv: &str) -> Lexicon {
        Lexicon::build(vec![Dictionary::from_tsv("t", tsv).unwrap()])
    }

    fn matches(lex: &Lexicon, text: &str) -> Vec<(String, String)> {
        let mut tokens = Vec::new();
        tokenize_into(text, &[], &mut tokens);
        let mut hits = Vec::new();
        lex.find_all(text, &tokens, |_| true, &mut hits);
        hits.iter()
            .map(|h| {
                (
                    text[h.start..h.end].to_string(),
                    lex.canonical_of(h).to_string(),
                )
            })
            .collect()
    }

    const TSV: &str = "protection\tdefense\tambiguous\nprotection secretary\tDefense Secretary\tfingerprint\nU.Okay.\tU.K.\tfingerprint\nbattle\twar\tambiguous\n";

    #[test]
    fn leftmost_longest() {
        let lex = lexicon(TSV);
        assert_eq!(
            matches(&lex, "The Protection Secretary and protection."),
            [
                (
                    "Protection Secretary".to_string(),
                    "Defense Secretary".to_string()
                ),
                ("protection".to_string(), "defense".to_string())
            ]
        );
    }

    #[test]
    fn punctuation_phrases_and_possessives() {
        let lex = lexicon(TSV);
        let got = matches(&lex, "the U.Okay. and Protection Secretary’s plan");
        assert_eq!(got[0].0, "U.Okay.");
        assert_eq!(got[1].0, "Protection Secretary");
    }

    #[test]
    fn no_match_inside_words_or_compounds() {
        let lex = lexicon(TSV);
        assert!(matches(&lex, "battleground battles full-battle battle-ready").is_empty());
        assert_eq!(matches(&lex, "a - battle").len(), 1);
    }

    #[test]
    fn an_overlapping_fingerprint_restores_its_rest() {
        let lex = lexicon(
            "protection secretary\tDefense Secretary\tfingerprint\n\
             secretary of battle\tSecretary of War\tfingerprint\n\
             secretary of health\tminister of health\tfingerprint\n",
        );
        assert_eq!(
            matches(&lex, "Protection Secretary of Battle"),
            [
                (
                    "Protection Secretary".to_string(),
                    "Defense Secretary".to_string()
                ),
                ("of Battle".to_string(), "of War".to_string()),
            ]
        );
        // Canonicals that disagree on the shared word: the first wins.
        assert_eq!(
            matches(&lex, "Protection Secretary of Health"),
            [(
                "Protection Secretary".to_string(),
                "Defense Secretary".to_string()
            )]
        );
    }

    #[test]
    fn overlap_agreement() {
        assert_eq!(
            overlap_agrees("Defense Secretary", "secretary of war", 1),
            Some(10)
        );
        assert_eq!(
            overlap_agrees("Defense Secretary", "minister of war", 1),
            None
        );
        // Nothing left after the shared words.
        assert_eq!(overlap_agrees("Defense Secretary", "Secretary", 1), None);
        assert_eq!(overlap_agrees("a b", "a b c", 2), Some(4));
        assert_eq!(overlap_agrees("b", "a b c", 2), None);
    }

    #[test]
    fn later_dictionaries_override() {
        let a = Dictionary::from_tsv("a", "battle\twar\tambiguous\n").unwrap();
        let b = Dictionary::from_tsv("b", "battle\tfight\tfingerprint\n").unwrap();
        let lex = Lexicon::build(vec![a, b]);
        let i = lex.lookup("Battle").unwrap();
        assert_eq!(lex.entry(i).canonical(), "fight");
        assert_eq!(lex.dictionary_of(i).info().name(), "b");
    }

    #[test]
    fn embedded_map_agrees_with_runtime_build() {
        let embedded = Lexicon::embedded();
        let rebuilt = Lexicon::build(Dictionary::embedded().unwrap());
        assert_eq!(embedded.fst_bytes(), rebuilt.fst_bytes());
        assert_eq!(
            embedded.map.as_fst().as_bytes(),
            rebuilt.map.as_fst().as_bytes()
        );
    }
}
