//! Fingerprints inside a phrase left alone.
//!
//! The first walk over a chunk finds every phrase of every class,
//! leftmost-longest. Where a phrase found there is not restored (an
//! ambiguous or common phrase in a document not shown to be spun, or one
//! the language model leaves alone), a shorter fingerprint it shadowed may
//! still apply: the tokens from its first one up to the next phrase are
//! walked again, fingerprints only.
//!
//! That second walk need not start at every one of those tokens. The first
//! walk already tried each token after the phrase and before the next one
//! with every class allowed and found nothing, so a walk restricted to
//! fingerprints finds nothing there either: only the tokens of the phrase
//! itself can start a fingerprint. On clean prose, where the phrases left
//! alone are most of the phrases, walking again from every token took
//! about as long as the first walk.
//!
//! Two cases keep the walk from every token, which is what the restore
//! did before this bound: a glued hyphen right after the stretch (the
//! second walk ends there and may accept a phrase ending before it that
//! the first walk refused), and a damaged name inside the stretch (the
//! first walk's common phrases inside a name are dropped, so their tokens
//! were never tried as the next phrase).

use crate::find::lexicon::{glued_hyphen, Hit, Lexicon};
use crate::find::names::NameHit;
use crate::format::dict_format::Class;
use crate::format::tokenize::Token;

/// The fingerprints that start inside `hits[k]`, or the rest of a
/// fingerprint that overlaps it, found by walking `tokens` from the hit's
/// first token up to the next hit's (or the end), fingerprints only. Token
/// indices are the chunk's.
///
/// `names` are the damaged names the first walk's hits were checked
/// against, in token order as `NameWords::find` gives them; with
/// `every_token`, every token of the stretch is tried as a
/// start (the result is the same; the switch is there to show it).
pub(crate) fn fingerprints_inside(
    lexicon: &Lexicon,
    text: &str,
    tokens: &[Token],
    hits: &[Hit],
    k: usize,
    names: &[NameHit],
    every_token: bool,
) -> Vec<Hit> {
    let hit = hits[k];
    let until = free_until(hits, k, tokens.len());
    let starts = if every_token || !only_the_hit_starts(text, tokens, &hit, until, names) {
        until - hit.first
    } else {
        hit.last + 1 - hit.first
    };
    let mut inner = Vec::new();
    lexicon.find_starting_before(
        text,
        &tokens[hit.first..until],
        starts,
        |c| c == Class::Fingerprint,
        &mut inner,
    );
    for h in &mut inner {
        h.first += hit.first;
        h.last += hit.first;
    }
    inner
}

/// Where a walk again inside `hits[k]` may go: up to the next hit, so
/// that a fingerprint that starts inside it and runs past its end ("a Web
/// of Things" after "a Web" is left alone) is found again.
fn free_until(hits: &[Hit], k: usize, tokens: usize) -> usize {
    hits.get(k + 1).map_or(tokens, |next| next.first)
}

/// Whether no fingerprint can start after `hit` and before token `until`
/// in a walk over `tokens[hit.first..until]`: the first walk tried every
/// such token and found nothing, unless a damaged name there dropped a
/// phrase of it, and the stretch ends where the whole text's walk ends a
/// phrase the same way.
fn only_the_hit_starts(
    text: &str,
    tokens: &[Token],
    hit: &Hit,
    until: usize,
    names: &[NameHit],
) -> bool {
    let ends_alike = until >= tokens.len() || !glued_hyphen(text, tokens, until);
    // Names come in token order, their runs disjoint: the first run that
    // ends after the hit is the only one that could start before `until`.
    debug_assert!(names.windows(2).all(|w| w[0].name_last <= w[1].name_last));
    let next = names.partition_point(|n| n.name_last <= hit.last);
    let no_name = names.get(next).is_none_or(|n| n.name_first >= until);
    ends_alike && no_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::dictionary::Dictionary;
    use crate::format::tokenize::tokenize_into;

    const TSV: &str = "a web\tthe web\tambiguous\n\
                       web of things\tInternet of Things\tfingerprint\n\
                       stated\tsaid\tambiguous\n\
                       protection secretary\tDefense Secretary\tfingerprint\n\
                       secretary\tclerk\tambiguous\n\
                       full\tcomplete\tambiguous\n\
                       - full\tfully\tambiguous\n";

    /// Every fingerprint the second walk finds inside each non-fingerprint
    /// hit of `text`, bounded or from every token.
    fn inside(text: &str, every_token: bool) -> Vec<(String, usize, usize)> {
        let lexicon = Lexicon::build(vec![Dictionary::from_tsv("t", TSV).unwrap()]);
        let mut tokens = Vec::new();
        tokenize_into(text, &[], &mut tokens);
        let mut hits = Vec::new();
        lexicon.find_all(text, &tokens, |_| true, &mut hits);
        let mut found = Vec::new();
        for (k, hit) in hits.iter().enumerate() {
            if lexicon.entry(hit.entry).class() == Class::Fingerprint {
                continue;
            }
            for h in fingerprints_inside(&lexicon, text, &tokens, &hits, k, &[], every_token) {
                found.push((text[h.start..h.end].to_string(), h.first, h.last));
            }
        }
        found
    }

    #[test]
    fn a_fingerprint_starting_inside_a_phrase_is_found() {
        let text = "It is a Web of Things, he stated.";
        let found = inside(text, false);
        assert_eq!(found, vec![("Web of Things".to_string(), 3, 5)]);
        assert_eq!(found, inside(text, true));
    }

    #[test]
    fn bounded_and_full_walks_agree() {
        for text in [
            "He stated the Protection Secretary had stated it.",
            "a Web of Things-scale stated full-scale Protection Secretary",
            "stated stated a Web of web of things Secretary-full",
            "a Web of Things a web",
            // The second walk ends at the hyphen and finds "web of
            // things", which the first walk refused as part of a compound.
            "stated web of things-full",
            "",
        ] {
            assert_eq!(inside(text, false), inside(text, true), "{text:?}");
        }
    }

    #[test]
    fn a_glued_hyphen_after_the_stretch_keeps_the_full_walk() {
        let mut tokens = Vec::new();
        let text = "stated web of things-full";
        tokenize_into(text, &[], &mut tokens);
        let hit = Hit {
            first: 0,
            last: 0,
            start: 0,
            end: 6,
            entry: 0,
            canonical_from: 0,
        };
        // Token 4 is the hyphen of "things-full".
        assert!(!only_the_hit_starts(text, &tokens, &hit, 4, &[]));
        assert!(only_the_hit_starts(text, &tokens, &hit, 3, &[]));
        let name = NameHit {
            token: 2,
            name_first: 2,
            name_last: 3,
        };
        assert!(!only_the_hit_starts(text, &tokens, &hit, 3, &[name]));
        let before = NameHit {
            token: 0,
            name_first: 0,
            name_last: 0,
        };
        let after = NameHit {
            token: 4,
            name_first: 3,
            name_last: 4,
        };
        assert!(only_the_hit_starts(
            text,
            &tokens,
            &hit,
            3,
            &[before, after]
        ));
        assert!(!only_the_hit_starts(
            text,
            &tokens,
            &hit,
            4,
            &[before, after]
        ));
        assert!(!only_the_hit_starts(
            text,
            &tokens,
            &hit,
            3,
            &[before, name]
        ));
    }
}
