//! What a restore reports: the [`Outcome`] (edits, occurrences left alone,
//! suggestions and the evidence of spin) that every result type holds,
//! with the restored text or bytes around it.

use std::ops::Deref;

use serde::Serialize;

use crate::decide::evidence::Evidence;
use crate::rewrite::edit::{shift, Edit, Skipped};
use crate::suggest::Suggestion;

/// What a restore decided: every edit, the occurrences it left alone, the
/// suggestions for words no entry covers, and the evidence of spin. Each
/// result type ([`Restoration`], [`RestoredBytes`], [`RestoredChunk`])
/// holds one and dereferences to it, so `r.edits()` reads the same on all
/// of them.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore("The Protection Secretary met the U.Okay. team.");
/// let outcome: &unspin::Outcome = r.outcome();
/// assert_eq!(outcome.edits().len(), 2);
/// assert!(outcome.skipped().is_empty());
/// assert!(outcome.evidence().is_spun());
/// assert!(outcome.is_changed());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
    evidence: Evidence,
}

impl Outcome {
    /// An outcome of `edits` (sorted and disjoint), `skipped` and
    /// `suggestions` in a document with `evidence`.
    pub(crate) fn new(
        edits: Vec<Edit>,
        skipped: Vec<Skipped>,
        suggestions: Vec<Suggestion>,
        evidence: Evidence,
    ) -> Outcome {
        Outcome {
            edits,
            skipped,
            suggestions,
            evidence,
        }
    }

    /// The edits, in input order. Spans are byte ranges of the input (of
    /// the whole input for a [`RestoredChunk`]; on 32-bit targets they
    /// saturate past 4 GiB).
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
    /// Occurrences of ambiguous entries that the language model left
    /// alone, in input order; spans as for [`edits`](Outcome::edits). See
    /// [`Skipped`].
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
    /// Words the spinner is known to write that no edit covers, each with
    /// up to three candidate originals, in input order; only in a document
    /// shown to be spun. Not applied (see
    /// [`RestorerBuilder::apply_suggestions`](crate::RestorerBuilder::apply_suggestions)).
    /// See [`Suggestion`].
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }
    /// The document-level evidence of spin (of the whole input, for a
    /// [`RestoredChunk`]).
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }
    /// Whether anything was changed.
    pub fn is_changed(&self) -> bool {
        !self.edits.is_empty()
    }

    /// Appends `other`'s edits, skipped occurrences and suggestions, which
    /// all come after this outcome's.
    pub(crate) fn append(&mut self, other: &mut Outcome) {
        self.edits.append(&mut other.edits);
        self.skipped.append(&mut other.skipped);
        self.suggestions.append(&mut other.suggestions);
    }

    /// Moves every span `offset` bytes on: from a chunk into the input.
    pub(crate) fn shift(&mut self, offset: usize) {
        shift(&mut self.edits, &mut self.skipped, offset);
        if offset == 0 {
            return;
        }
        for s in &mut self.suggestions {
            s.start = s.start.saturating_add(offset);
            s.end = s.end.saturating_add(offset);
        }
    }
}

/// What a restore did: the text, and the [`Outcome`] (every edit, the
/// candidates it left alone, the evidence of spin), which it dereferences
/// to.
#[derive(Clone, Debug, Serialize)]
pub struct Restoration {
    text: String,
    #[serde(flatten)]
    outcome: Outcome,
}

impl Restoration {
    /// The restored `text` and what the restore decided.
    pub(crate) fn new(text: String, outcome: Outcome) -> Restoration {
        Restoration { text, outcome }
    }
    /// The restored text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The restored text, by value.
    pub fn into_text(self) -> String {
        self.text
    }
    /// What the restore decided.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
    /// What the restore decided, by value.
    pub fn into_outcome(self) -> Outcome {
        self.outcome
    }
}

impl Deref for Restoration {
    type Target = Outcome;

    fn deref(&self) -> &Outcome {
        &self.outcome
    }
}

/// A restore of arbitrary bytes: see
/// [`Restorer::restore_bytes`](crate::Restorer::restore_bytes). It
/// dereferences to its [`Outcome`].
#[derive(Clone, Debug, Serialize)]
pub struct RestoredBytes {
    #[serde(skip)]
    bytes: Vec<u8>,
    #[serde(flatten)]
    outcome: Outcome,
}

impl RestoredBytes {
    /// The restored `bytes` and what the restore decided.
    pub(crate) fn new(bytes: Vec<u8>, outcome: Outcome) -> RestoredBytes {
        RestoredBytes { bytes, outcome }
    }
    /// The restored bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The restored bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
    /// What the restore decided.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
    /// What the restore decided, by value.
    pub fn into_outcome(self) -> Outcome {
        self.outcome
    }
}

impl Deref for RestoredBytes {
    type Target = Outcome;

    fn deref(&self) -> &Outcome {
        &self.outcome
    }
}

/// What [`Restorer::restore_stream`](crate::Restorer::restore_stream) did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamSummary {
    pub(crate) evidence: Evidence,
    pub(crate) edits: usize,
    pub(crate) skipped: usize,
}

impl StreamSummary {
    /// The evidence of spin of the whole input.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }
    /// How many edits were made.
    pub fn edit_count(&self) -> usize {
        self.edits
    }
    /// How many ambiguous occurrences the language model left alone.
    pub fn skipped_count(&self) -> usize {
        self.skipped
    }
    /// Whether anything was changed.
    pub fn is_changed(&self) -> bool {
        self.edits > 0
    }
}

/// One chunk of a stream restore: see
/// [`Restorer::restore_chunks`](crate::Restorer::restore_chunks). It
/// dereferences to its [`Outcome`]: the chunk's edits, occurrences left
/// alone and suggestions, with spans in the whole input, and the evidence
/// of the whole input.
#[derive(Clone, Debug)]
pub struct RestoredChunk {
    start: u64,
    input: Vec<u8>,
    bytes: Vec<u8>,
    outcome: Outcome,
}

impl RestoredChunk {
    /// The chunk that starts at `start` in the input, its `input` and
    /// restored `bytes`, and what the restore of it decided.
    pub(crate) fn new(start: u64, input: Vec<u8>, bytes: Vec<u8>, outcome: Outcome) -> Self {
        RestoredChunk {
            start,
            input,
            bytes,
            outcome,
        }
    }
    /// The offset of the chunk's first byte in the input.
    pub fn start(&self) -> u64 {
        self.start
    }
    /// The chunk's input bytes.
    pub fn input(&self) -> &[u8] {
        &self.input
    }
    /// The chunk's restored bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// What the restore of the chunk decided.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
}

impl Deref for RestoredChunk {
    type Target = Outcome;

    fn deref(&self) -> &Outcome {
        &self.outcome
    }
}
