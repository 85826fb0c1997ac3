//! The [`Restorer`]: the front of the library. It holds what a restore
//! needs (the lexicon, the near-miss index, the protected-region finder,
//! the thresholds and the language model) and runs the stages in order:
//!
//! 1. [`find`](crate::find): protected regions, chunks, tokens, spintax
//!    leftovers, lexicon matches, damaged names, near misses;
//! 2. [`decide`](crate::decide): the evidence of spin of the whole input,
//!    then the gate and the language model's verdict on each match;
//! 3. [`rewrite`](crate::rewrite): the edits, with case and articles;
//! 4. [`suggest`](crate::suggest): candidates for the spinner's words no
//!    entry covers.
//!
//! The engine is in this folder: [`builder`] configures a restorer,
//! [`plan`] decides the edits of each chunk in named steps, [`stream`]
//! restores with bounded memory, [`parallel`] spreads chunks over threads,
//! and [`report`] holds the result types.

use crate::decide::model::DecisionModel;
use std::io::{self, Read, Seek, Write};
use std::sync::Arc;

use crate::decide::detect::{paragraphs, Detection, SpinScore};
use crate::decide::evidence::{Counts, Evidence, Thresholds};
use crate::decide::gate::Margins;
use crate::decide::lm::LanguageModel;
use crate::dict::dictionary::{DictionaryInfo, Entry};
use crate::find::chunk;
use crate::find::lexicon::Lexicon;
use crate::find::near_miss::NearMissIndex;
use crate::find::protect::Protector;
use crate::format::tokenize::{phrase_key, tokenize_into};
use crate::rewrite::edit::apply;
use crate::suggest::vocabulary::Vocabulary;

mod builder;
mod parallel;
mod plan;
mod report;
mod stream;
#[cfg(test)]
mod tests;

pub use crate::decide::gate::Judgement;
pub use crate::rewrite::edit::{Change, Edit, Rule, Skipped};
pub use builder::RestorerBuilder;
pub use report::{Outcome, Restoration, RestoredBytes, RestoredChunk, StreamSummary};
pub use stream::RestoreChunks;

/// Restores spun text. Cheap to clone and safe to share between threads.
///
/// # Example
///
/// ```
/// let restorer = unspin::Restorer::new();
/// let r = restorer.restore("Protection Secretary Pete Hegseth visited the U.Okay.");
/// assert_eq!(r.text(), "Defense Secretary Pete Hegseth visited the U.K.");
/// for edit in r.edits() {
///     println!("{:?}: {} -> {} ({})", edit.span(), edit.original(), edit.replacement(), edit.reason());
/// }
/// ```
#[derive(Clone)]
pub struct Restorer {
    lexicon: Arc<Lexicon>,
    near_miss: Arc<NearMissIndex>,
    protector: Arc<Protector>,
    thresholds: Thresholds,
    ambiguous: bool,
    language_model: Option<&'static LanguageModel>,
    margins: Margins,
    chunk_size: usize,
    threads: usize,
    suggestions: bool,
    apply_suggestions: bool,
    /// `None`: the embedded vocabulary, parsed when first needed.
    vocabulary: Option<Arc<Vocabulary>>,
    /// Walk again from every token where a fingerprint is looked for
    /// inside a phrase left alone (see [`RestorerBuilder::full_walk`]).
    full_walk: bool,
    /// `None`: hand-set margins decide.
    decision: Option<Arc<DecisionModel>>,
}

impl std::fmt::Debug for Restorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Restorer")
            .field("entries", &self.lexicon.len())
            .field("thresholds", &self.thresholds)
            .field("ambiguous", &self.ambiguous)
            .field("language_model", &self.language_model.is_some())
            .field("margins", &self.margins)
            .field("chunk_size", &self.chunk_size)
            .field("threads", &self.threads)
            .field("suggestions", &self.suggestions)
            .field("apply_suggestions", &self.apply_suggestions)
            .finish()
    }
}

impl Default for Restorer {
    fn default() -> Restorer {
        Restorer::new()
    }
}

impl Restorer {
    /// A restorer with the embedded default dictionaries.
    pub fn new() -> Restorer {
        RestorerBuilder::default().build()
    }

    /// A builder to configure dictionaries and thresholds.
    pub fn builder() -> RestorerBuilder {
        RestorerBuilder::default()
    }

    /// The loaded dictionaries, in precedence order (later wins).
    pub fn dictionaries(&self) -> Vec<&DictionaryInfo> {
        self.lexicon
            .dictionaries()
            .iter()
            .map(|d| d.info())
            .collect()
    }

    /// Number of distinct phrases in the lexicon.
    pub fn phrase_count(&self) -> usize {
        self.lexicon.len()
    }

    /// Size in bytes of the lexicon's finite-state map.
    pub fn lexicon_bytes(&self) -> usize {
        self.lexicon.fst_bytes()
    }

    /// Size in bytes of the language model's finite-state maps (its
    /// vocabulary and its n-grams), or `None` when the language model is
    /// off.
    ///
    /// # Example
    ///
    /// ```
    /// // The whole trigram model: some 26 MB, read where it lies.
    /// let bytes = unspin::Restorer::new().language_model_bytes().unwrap();
    /// assert!(bytes > 20_000_000, "{bytes}");
    /// let off = unspin::Restorer::builder().language_model(false).build();
    /// assert_eq!(off.language_model_bytes(), None);
    /// ```
    pub fn language_model_bytes(&self) -> Option<usize> {
        self.language_model.map(|lm| lm.fst_bytes())
    }

    /// The entry a phrase maps to, with its dictionary, if any.
    ///
    /// # Example
    ///
    /// ```
    /// let restorer = unspin::Restorer::new();
    /// let (entry, dict) = restorer.lookup("Getty Pictures").unwrap();
    /// assert_eq!(entry.canonical(), "Getty Images");
    /// assert_eq!(dict.name(), "news");
    /// ```
    pub fn lookup(&self, phrase: &str) -> Option<(&Entry, &DictionaryInfo)> {
        let index = self.lexicon.lookup(phrase)?;
        Some((
            self.lexicon.entry(index),
            self.lexicon.dictionary_of(index).info(),
        ))
    }

    /// Every definition of a phrase, one per dictionary that has it, in
    /// precedence order: the last is the one [`Restorer::lookup`] returns
    /// and restores apply; the others are overridden. Empty when no
    /// dictionary defines the phrase. Takes time linear in the number of
    /// entries: it is meant for inspecting dictionaries, not for restoring.
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::{Dictionary, Restorer};
    ///
    /// let mine = Dictionary::from_tsv("mine", "Getty Pictures\tGetty Images\tambiguous\n")?;
    /// let restorer = Restorer::builder().dictionary(mine).build();
    /// let defs = restorer.definitions("getty pictures");
    /// let names: Vec<&str> = defs.iter().map(|(_, d)| d.name()).collect();
    /// assert_eq!(names, ["news", "mine"]);
    /// assert!(restorer.definitions("Getty Images").is_empty());
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn definitions(&self, phrase: &str) -> Vec<(&Entry, &DictionaryInfo)> {
        let Some(key) = phrase_key(phrase) else {
            return Vec::new();
        };
        self.lexicon
            .dictionaries()
            .iter()
            .filter_map(|d| {
                d.entries()
                    .iter()
                    .find(|e| phrase_key(e.mangled()).as_deref() == Some(&key))
                    .map(|e| (e, d.info()))
            })
            .collect()
    }

    /// Restores `text`.
    pub fn restore(&self, text: &str) -> Restoration {
        let outcome = self.plan(text.as_bytes());
        let text = apply(text.as_bytes(), outcome.edits());
        let text = String::from_utf8(text).expect("edits replace whole UTF-8 spans with UTF-8");
        Restoration::new(text, outcome)
    }

    /// Restores arbitrary bytes. Valid UTF-8 stretches are restored; bytes
    /// that are not UTF-8 pass through unchanged and break phrases.
    ///
    /// # Example
    ///
    /// ```
    /// let r = unspin::Restorer::new().restore_bytes(b"caf\xe9 U.Okay.\r\n");
    /// assert_eq!(r.bytes(), b"caf\xe9 U.K.\r\n");
    /// ```
    pub fn restore_bytes(&self, input: &[u8]) -> RestoredBytes {
        let outcome = self.plan(input);
        RestoredBytes::new(apply(input, outcome.edits()), outcome)
    }

    /// Runs only the matching loop (protected regions, tokens, lexicon
    /// scan) and returns the number of phrases found. For benchmarks.
    #[doc(hidden)]
    pub fn scan_count(&self, text: &str) -> usize {
        let mut regions = Vec::new();
        self.protector.regions(text, &mut regions);
        let mut tokens = Vec::new();
        tokenize_into(text, &regions, &mut tokens);
        let mut hits = Vec::new();
        self.lexicon.find_all(text, &tokens, |_| true, &mut hits);
        hits.len()
    }

    /// Scores how strongly `text` shows spin, as a whole and per paragraph
    /// (text between blank lines), from the same matches a restore finds.
    /// See [`Detection`] for the score and the verdict.
    pub fn detect(&self, text: &str) -> Detection {
        let mut found = Vec::new();
        let mut counts = Counts::default();
        for range in chunk::ranges(text.as_bytes(), self.chunk_size, &self.protector) {
            let chunk = chunk::text_of(&text.as_bytes()[range.clone()]);
            let scan = self.scan(&chunk);
            counts += self.counts(&scan);
            paragraphs(&chunk, &scan, &self.lexicon, range.start, &mut found);
        }
        Detection::new(
            SpinScore::new(counts),
            Evidence::assess(counts, self.thresholds).is_spun(),
            self.thresholds.spin_threshold,
            found,
        )
    }

    /// Reads `input` to its end, a chunk at a time (see
    /// [`RestorerBuilder::chunk_size`]), and returns its evidence of spin:
    /// the first pass of a restore in two passes. Memory stays at about a
    /// chunk, however long the input.
    ///
    /// # Example
    ///
    /// ```
    /// let input = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n";
    /// let restorer = unspin::Restorer::new();
    /// let evidence = restorer.evidence_from(input.as_bytes())?;
    /// assert_eq!(evidence, *restorer.restore(input).evidence());
    /// assert!(evidence.is_spun());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn evidence_from<R: Read>(&self, input: R) -> io::Result<Evidence> {
        self.stream_evidence(input)
    }

    /// Restores `input` a chunk at a time with the evidence of the whole
    /// input, from [`Restorer::evidence_from`] over the same bytes: the
    /// second pass of a restore in two passes. Each item is one chunk, with
    /// its input, its restored bytes and its edits; edit spans are offsets
    /// in the whole input. The chunks, written one after the other, are
    /// exactly what [`Restorer::restore_bytes`] gives for the whole input.
    ///
    /// Use it where the restored text goes somewhere in pieces, or where
    /// each edit is reported as it is found; [`Restorer::restore_stream`]
    /// does both passes for seekable input.
    ///
    /// # Example
    ///
    /// ```
    /// let input = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n";
    /// let restorer = unspin::Restorer::builder().chunk_size(32).build();
    /// let evidence = restorer.evidence_from(input.as_bytes())?;
    /// let mut output = Vec::new();
    /// for chunk in restorer.restore_chunks(input.as_bytes(), &evidence) {
    ///     let chunk = chunk?;
    ///     for edit in chunk.edits() {
    ///         assert_eq!(&input[edit.span()], edit.original());
    ///     }
    ///     output.extend_from_slice(chunk.bytes());
    /// }
    /// assert_eq!(output, restorer.restore(input).text().as_bytes());
    /// assert_eq!(output, b"The Defense Secretary met the U.K. team.\n\nHe said it.\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn restore_chunks<R: Read>(&self, input: R, evidence: &Evidence) -> RestoreChunks<'_, R> {
        self.stream_chunks(input, evidence)
    }

    /// Restores `input` into `output` with bounded memory: one pass for
    /// the evidence of spin, a seek back to where `input` was, and a second
    /// pass that restores and writes a chunk at a time. Input that fits in
    /// one chunk is read once. The output is exactly what
    /// [`Restorer::restore_bytes`] gives for the whole input; the input
    /// must read the same both times.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::Cursor;
    ///
    /// let input = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n";
    /// let mut output = Vec::new();
    /// let summary = unspin::Restorer::new().restore_stream(Cursor::new(input), &mut output)?;
    /// assert_eq!(output, b"The Defense Secretary met the U.K. team.\n\nHe said it.\n");
    /// assert_eq!(summary.edit_count(), 3);
    /// assert!(summary.evidence().is_spun());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn restore_stream<R: Read + Seek, W: Write>(
        &self,
        input: R,
        output: W,
    ) -> io::Result<StreamSummary> {
        self.stream_restore(input, output)
    }
}
