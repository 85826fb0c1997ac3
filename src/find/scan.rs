//! One pass over a chunk: protected regions, tokens, spintax leftovers,
//! every lexicon match and the words of damaged names.

use crate::find::lexicon::{Hit, Lexicon};
use crate::find::names::{NameHit, NameWords};
use crate::find::protect::Protector;
use crate::find::spintax;
use crate::format::dict_format::Class;
use crate::format::tokenize::{tokenize_into, Token};

/// What one pass over a text finds.
pub(crate) struct Scan {
    /// The tokens, without the braces of spintax leftovers.
    pub(crate) tokens: Vec<Token>,
    /// Spintax leftover braces, opening and closing. They are not in
    /// `tokens`: phrases are read through them, as the text reads once
    /// they are gone, so a second restore finds nothing new.
    pub(crate) braces: Vec<(Token, Token)>,
    /// Lexicon matches of every class.
    pub(crate) hits: Vec<Hit>,
    /// Words of damaged names outside those matches.
    pub(crate) name_hits: Vec<NameHit>,
}

/// Protected regions, tokens, spintax leftovers and every lexicon match
/// (all classes, leftmost-longest).
pub(crate) fn scan(text: &str, protector: &Protector, lexicon: &Lexicon) -> Scan {
    let mut regions = Vec::new();
    protector.regions(text, &mut regions);
    let mut tokens = Vec::new();
    tokenize_into(text, &regions, &mut tokens);
    let mut pairs = Vec::new();
    spintax::leftovers(text, &tokens, &mut pairs);
    let braces = without_braces(&mut tokens, &pairs);
    let mut hits = Vec::new();
    lexicon.find_all(text, &tokens, |_| true, &mut hits);
    // A common word ("coverage") inside a damaged name is the name
    // rule's to restore: common hits neither hide a name nor stay in it.
    let class_of = |h: &Hit| lexicon.entry(h.entry).class();
    let mut name_hits = Vec::new();
    if hits.iter().any(|h| class_of(h) == Class::Common) {
        let not_common: Vec<Hit> = hits
            .iter()
            .filter(|h| class_of(h) != Class::Common)
            .copied()
            .collect();
        NameWords::embedded().find(
            text,
            &tokens,
            &covered(&tokens, &not_common),
            &mut name_hits,
        );
        hits.retain(|h| {
            class_of(h) != Class::Common
                || !name_hits
                    .iter()
                    .any(|n| h.first <= n.name_last && n.name_first <= h.last)
        });
    } else {
        NameWords::embedded().find(text, &tokens, &covered(&tokens, &hits), &mut name_hits);
    }
    Scan {
        tokens,
        braces,
        hits,
        name_hits,
    }
}

/// Takes the brace tokens of spintax leftovers (`pairs` of token indices)
/// out of `tokens` and returns them. A token after a removed one keeps its
/// break.
fn without_braces(tokens: &mut Vec<Token>, pairs: &[(usize, usize)]) -> Vec<(Token, Token)> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let braces: Vec<(Token, Token)> = pairs
        .iter()
        .map(|&(open, close)| (tokens[open], tokens[close]))
        .collect();
    let mut remove = pairs
        .iter()
        .flat_map(|&(open, close)| [open, close])
        .peekable();
    let mut kept = Vec::with_capacity(tokens.len());
    let mut carry_break = false;
    for (i, &t) in tokens.iter().enumerate() {
        if remove.peek() == Some(&i) {
            remove.next();
            carry_break |= t.break_before;
            continue;
        }
        kept.push(Token {
            break_before: t.break_before || carry_break,
            ..t
        });
        carry_break = false;
    }
    *tokens = kept;
    braces
}

/// Marks the tokens that `hits` cover.
pub(crate) fn covered(tokens: &[Token], hits: &[Hit]) -> Vec<bool> {
    let mut covered = vec![false; tokens.len()];
    for h in hits {
        covered[h.first..=h.last].fill(true);
    }
    covered
}

/// The number of distinct names among name hits.
pub(crate) fn count_names(hits: &[NameHit]) -> usize {
    distinct_names(hits).count()
}

/// The first token of each damaged name that `hits` (in text order) fall
/// in, once per name.
pub(crate) fn distinct_names(hits: &[NameHit]) -> impl Iterator<Item = usize> + '_ {
    hits.iter()
        .enumerate()
        .filter(|&(i, h)| i == 0 || hits[i - 1].name_first != h.name_first)
        .map(|(_, h)| h.name_first)
}
