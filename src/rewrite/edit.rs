//! Edits: what a restore changes (an [`Edit`]) or leaves alone on the
//! language model's word (a [`Skipped`]), why ([`Rule`]), the checks that
//! keep an edit from damaging the text around it, and applying edits.

use std::ops::{Deref, Range};

use serde::Serialize;

use crate::decide::gate::Judgement;
use crate::find::lexicon::Hit;
use crate::format::dict_format::Class;
use crate::format::tokenize::TokenKind;
use crate::format::tokenize::{folded, tokenize_into, Token};

/// Confidence given to a word restored by the damaged-name rule.
pub(crate) const NAME_CONFIDENCE: f32 = 0.9;
/// Confidence given to a fingerprint edit.
pub(crate) const FINGERPRINT_CONFIDENCE: f32 = 0.95;
/// Confidence given to a spintax leftover repair.
pub(crate) const SPINTAX_CONFIDENCE: f32 = 0.99;
/// Confidence given to a near miss of a fingerprint that differs only in
/// spacing or hyphenation.
pub(crate) const NEAR_MISS_SPACING_CONFIDENCE: f32 = 0.9;
/// Confidence given to the plural of a fingerprint.
pub(crate) const NEAR_MISS_PLURAL_CONFIDENCE: f32 = 0.85;
/// Confidence given to a misspelled fingerprint one letter edit away.
pub(crate) const NEAR_MISS_EDIT_CONFIDENCE: f32 = 0.8;
/// How much each further letter edit takes off that confidence.
pub(crate) const NEAR_MISS_EDIT_STEP: f32 = 0.1;

/// Why an edit was made.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A dictionary entry matched.
    Lexicon {
        /// The dictionary's name.
        dictionary: String,
        /// The line of the entry in its dictionary file.
        line: usize,
        /// The entry's mangled phrase as written in the dictionary.
        entry: String,
        /// The entry's class.
        class: Class,
    },
    /// A brace left over from unexpanded spintax was removed.
    Spintax,
    /// "a"/"an" was changed to agree with the restored word after it.
    Article,
    /// A near miss of a dictionary entry: other spacing or hyphenation, a
    /// plural, or a misspelling.
    NearMiss {
        /// The dictionary's name.
        dictionary: String,
        /// The line of the entry in its dictionary file.
        line: usize,
        /// The entry's mangled phrase as written in the dictionary.
        entry: String,
        /// How the text differs from the entry: `spacing`, `plural` or
        /// `edits:N` (Damerau-Levenshtein distance over letters).
        difference: String,
    },
    /// A word of a damaged name ("Division of Authorities Effectivity") was
    /// restored by the name rule.
    Name {
        /// The line of the word in `dictionaries/name-words.tsv`.
        line: usize,
        /// The whole capitalised name the word is part of, as found.
        name: String,
    },
    /// The first candidate of a [`Suggestion`](crate::Suggestion), applied on
    /// request ([`RestorerBuilder::apply_suggestions`](crate::RestorerBuilder::apply_suggestions)).
    Suggestion,
}

/// A byte span of the input and what a rule writes there: what an
/// [`Edit`] did, or what a [`Skipped`] occurrence would have done. Both
/// hold one and dereference to it.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore("It was at the U.Okay. assembly.");
/// let change: &unspin::Change = r.edits()[0].change();
/// assert_eq!((change.span(), change.original(), change.replacement()), (14..21, "U.Okay.", "U.K."));
/// assert_eq!(change.dictionary(), Some("artifacts"));
/// assert_eq!(change.class(), Some(unspin::Class::Fingerprint));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    start: usize,
    end: usize,
    original: String,
    replacement: String,
    rule: Rule,
}

impl Change {
    /// `span`, whose text is `original`, and its `replacement` by `rule`.
    fn new(span: Range<usize>, original: &str, replacement: String, rule: Rule) -> Change {
        Change {
            start: span.start,
            end: span.end,
            original: original.to_string(),
            replacement,
            rule,
        }
    }

    /// The byte range of the input that is replaced.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The input text of the span.
    pub fn original(&self) -> &str {
        &self.original
    }
    /// What the span is replaced with.
    pub fn replacement(&self) -> &str {
        &self.replacement
    }
    /// The rule that fired.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
    /// The dictionary that supplied the entry, for lexicon and near-miss
    /// rules.
    pub fn dictionary(&self) -> Option<&str> {
        match &self.rule {
            Rule::Lexicon { dictionary, .. } | Rule::NearMiss { dictionary, .. } => {
                Some(dictionary)
            }
            _ => None,
        }
    }
    /// The entry class, for lexicon rules.
    pub fn class(&self) -> Option<Class> {
        match &self.rule {
            Rule::Lexicon { class, .. } => Some(*class),
            _ => None,
        }
    }

    /// Moves the span `offset` bytes on.
    fn shift(&mut self, offset: usize) {
        self.start = self.start.saturating_add(offset);
        self.end = self.end.saturating_add(offset);
    }
}

/// One change made: a byte span of the input and what replaced it (its
/// [`Change`], which it dereferences to), how sure the restorer is and
/// why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edit {
    #[serde(flatten)]
    change: Change,
    confidence: f32,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    language_model: Option<Judgement>,
}

impl Edit {
    /// An edit of `span`, whose text is `original`, to `replacement`,
    /// made by `rule` with `confidence` for `reason`. The language model's
    /// judgement, if it judged the edit, is added with [`Edit::judged`].
    pub(crate) fn new(
        span: Range<usize>,
        original: &str,
        replacement: String,
        rule: Rule,
        confidence: f32,
        reason: String,
    ) -> Edit {
        Edit {
            change: Change::new(span, original, replacement, rule),
            confidence,
            reason,
            language_model: None,
        }
    }

    /// The edit with the language model's judgement of it.
    pub(crate) fn judged(self, judgement: Option<Judgement>) -> Edit {
        Edit {
            language_model: judgement,
            ..self
        }
    }

    /// The span and its replacement.
    pub fn change(&self) -> &Change {
        &self.change
    }
    /// How sure the restorer is, from 0 to 1.
    pub fn confidence(&self) -> f32 {
        self.confidence
    }
    /// Why the edit fired, in words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// How the language model judged the occurrence, for ambiguous entries
    /// it judged.
    pub fn judgement(&self) -> Option<&Judgement> {
        self.language_model.as_ref()
    }
}

impl Deref for Edit {
    type Target = Change;

    fn deref(&self) -> &Change {
        &self.change
    }
}

/// An occurrence of an ambiguous entry that the language model left alone:
/// the document shows spin, but in this context the observed wording is
/// too probable to restore. It dereferences to the [`Change`] it would
/// have made.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore(
///     "Protection Secretary Pete Hegseth visited the U.Okay. It was the stated goal.",
/// );
/// let s = &r.skipped()[0];
/// assert_eq!((s.original(), s.replacement()), ("stated", "said"));
/// assert!(!s.judgement().restores());
/// println!("{}", s.reason());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Skipped {
    #[serde(flatten)]
    change: Change,
    language_model: Judgement,
    reason: String,
}

impl Skipped {
    /// An occurrence of `span` (whose text is `original`) that `rule`
    /// would have replaced with `replacement`, left alone on the language
    /// model's `judgement` for `reason`.
    pub(crate) fn new(
        span: Range<usize>,
        original: &str,
        replacement: String,
        rule: Rule,
        judgement: Judgement,
        reason: String,
    ) -> Skipped {
        Skipped {
            change: Change::new(span, original, replacement, rule),
            language_model: judgement,
            reason,
        }
    }

    /// The span and what it would have been replaced with (the rule is a
    /// [`Rule::Lexicon`]).
    pub fn change(&self) -> &Change {
        &self.change
    }
    /// The language model's judgement.
    pub fn judgement(&self) -> &Judgement {
        &self.language_model
    }
    /// Why it was left alone, in words.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl Deref for Skipped {
    type Target = Change;

    fn deref(&self) -> &Change {
        &self.change
    }
}

/// Whether a replacement would join the lines of the phrase it replaces:
/// "U.\nOkay." as "U.K.", which has no space to hold the line break.
/// Such a phrase is left as it is: joined lines read differently to the
/// next restore (a headline line grows) and to the reader.
pub(crate) fn joins_lines(original: &str, replacement: &str) -> bool {
    original.contains('\n') && !replacement.contains('\n')
}

/// Whether replacing the phrase of `hit` (`original`) with `replacement`
/// would write a word twice: the replacement starts with the word just
/// before the phrase, or ends with the word just after it, and the phrase
/// itself does not. "and they usually arrived" is genuine English, not a
/// spun "and they" (`they usually` -> `and they`): restored, it would read
/// "and and they arrived". Such a phrase is left as it is.
pub(crate) fn doubles_a_word(
    text: &str,
    tokens: &[Token],
    hit: &Hit,
    original: &str,
    replacement: &str,
) -> bool {
    let words = |s: &str| {
        let mut out = Vec::new();
        tokenize_into(s, &[], &mut out);
        out.retain(|t| t.kind == TokenKind::Word);
        out.into_iter()
            .map(|t| folded(&s[t.start..t.end]))
            .collect::<Vec<_>>()
    };
    let neighbour = |i: usize, next: usize| {
        let t = tokens[i];
        (t.kind == TokenKind::Word && !tokens[i.max(next)].break_before)
            .then(|| folded(&text[t.start..t.end]))
    };
    let (said, written) = (words(original), words(replacement));
    let (Some(said_first), Some(written_first)) = (said.first(), written.first()) else {
        return false;
    };
    let before = hit
        .first
        .checked_sub(1)
        .and_then(|i| neighbour(i, hit.first));
    if before.as_ref() == Some(written_first) && said_first != written_first {
        return true;
    }
    let after = (hit.last + 1 < tokens.len())
        .then(|| neighbour(hit.last + 1, hit.last + 1))
        .flatten();
    after.as_ref() == written.last() && said.last() != written.last()
}

/// Moves chunk offsets to input offsets.
pub(crate) fn shift(edits: &mut [Edit], skipped: &mut [Skipped], offset: usize) {
    if offset == 0 {
        return;
    }
    for e in edits {
        e.change.shift(offset);
    }
    for s in skipped {
        s.change.shift(offset);
    }
}

/// Applies sorted, non-overlapping edits to `input`.
pub(crate) fn apply(input: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() + 16 * edits.len());
    let mut pos = 0;
    for e in edits {
        out.extend_from_slice(&input[pos..e.start]);
        out.extend_from_slice(e.replacement.as_bytes());
        pos = e.end;
    }
    out.extend_from_slice(&input[pos..]);
    out
}
