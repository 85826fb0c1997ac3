//! The restorer: finds spin, decides what to change, and reports each edit.

use std::io::{self, Read, Seek, Write};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::article::fix_article;
use crate::case::transfer_case;
use crate::chunk::{self, ChunkReader};
use crate::detect::{self, Detection, SpinScore};
use crate::dict_format::Class;
use crate::dictionary::{Dictionary, DictionaryInfo, Entry};
use crate::evidence::{Counts, Evidence, Thresholds};
use crate::lexicon::{overlap_agrees, Hit, Lexicon};
use crate::lm::{LanguageModel, Window, SENTENCE_END, SENTENCE_START};
use crate::names::{NameHit, NameWords};
use crate::near_miss::{pluralize_last, Difference, NearMiss, NearMissIndex};
use crate::protect::Protector;
use crate::spintax;
use crate::suggest::{self, Suggestion};
use crate::tokenize::{tokenize_into, Token, TokenKind};
use crate::vocabulary::Vocabulary;

/// Confidence given to a word restored by the damaged-name rule.
const NAME_CONFIDENCE: f32 = 0.9;

/// Confidence given to a fingerprint edit.
const FINGERPRINT_CONFIDENCE: f32 = 0.95;
/// Confidence given to a spintax leftover repair.
const SPINTAX_CONFIDENCE: f32 = 0.99;

/// Signal density (per 1,000 words) at and below which the weak margin
/// applies.
pub(crate) const WEAK_SPIN: f64 = 2.0;
/// Signal density (per 1,000 words) at and above which the strong margin
/// applies. Between the two the margin moves linearly with the logarithm
/// of the density.
pub(crate) const STRONG_SPIN: f64 = 20.0;
/// Spin score at and above which the strong margin applies to a document
/// that shows spin by its score rather than by its signals (one full of
/// the spinner's ordinary words, with few fingerprints); from the
/// detection threshold up, the margin moves with the logarithm of the
/// score.
pub(crate) const STRONG_SCORE: f64 = 20.0;
/// The least language-model margin of a `common` entry, in log10: the
/// canonical wording must be this much more probable in context, however
/// spun the document is.
const COMMON_MIN_MARGIN: f64 = 0.5;

/// The margins of the language-model gate, in log10.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Margins {
    weak: f64,
    strong: f64,
}

impl Margins {
    /// The margin for a document with `per_thousand` signals per 1,000
    /// words: the document's spin is the prior odds that an occurrence is
    /// spun, so the more spin, the less the context has to prefer the
    /// canonical wording.
    #[cfg(test)]
    fn at(self, per_thousand: f64) -> f64 {
        self.between(density_strength(per_thousand))
    }

    /// The margin a strength `t` in `0..=1` gives: `weak` at 0, `strong`
    /// at 1.
    fn between(self, t: f64) -> f64 {
        self.weak + (self.strong - self.weak) * t
    }

    /// The margin for `evidence`, and whether its spin score (rather than
    /// its signal density) set it.
    fn for_evidence(self, evidence: &Evidence, threshold: f64) -> (f64, bool) {
        let by_density = density_strength(evidence.per_thousand());
        let by_score = score_strength(evidence.spin_score(), threshold);
        if by_score > by_density {
            (self.between(by_score), true)
        } else {
            (self.between(by_density), false)
        }
    }
}

/// How strongly a signal density shows spin, from 0 (at [`WEAK_SPIN`] or
/// less) to 1 (at [`STRONG_SPIN`] or more), on a log scale.
fn density_strength(per_thousand: f64) -> f64 {
    if per_thousand <= WEAK_SPIN {
        return 0.0;
    }
    if per_thousand >= STRONG_SPIN {
        return 1.0;
    }
    (per_thousand / WEAK_SPIN).log10() / (STRONG_SPIN / WEAK_SPIN).log10()
}

/// How strongly a spin score shows spin, from 0 (at the detection
/// threshold or less) to 1 (at [`STRONG_SCORE`] or more), on a log scale.
fn score_strength(score: f64, threshold: f64) -> f64 {
    let threshold = threshold.max(0.1);
    if score <= threshold || STRONG_SCORE <= threshold {
        return 0.0;
    }
    ((score / threshold).log10() / (STRONG_SCORE / threshold).log10()).min(1.0)
}

/// Configures and builds a [`Restorer`].
///
/// # Example
///
/// ```
/// use unspin::{Dictionary, Restorer};
///
/// let extra = Dictionary::from_tsv("mine", "Fb\tFacebook\tfingerprint\n")?;
/// let restorer = Restorer::builder()
///     .dictionary(extra)
///     .min_signals(3)
///     .min_per_thousand(5.0)
///     .build();
/// assert_eq!(restorer.restore("Fb and Getty Pictures").text(), "Facebook and Getty Images");
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RestorerBuilder {
    default_dictionaries: bool,
    extra: Vec<Dictionary>,
    thresholds: Thresholds,
    ambiguous: bool,
    near_misses: bool,
    disabled: Vec<String>,
    ignored: Vec<String>,
    language_model: bool,
    margins: Margins,
    chunk_size: usize,
    threads: usize,
    protector: Protector,
    suggestions: bool,
    apply_suggestions: bool,
    vocabulary: Option<Arc<Vocabulary>>,
    full_walk: bool,
}

impl Default for RestorerBuilder {
    fn default() -> RestorerBuilder {
        RestorerBuilder {
            default_dictionaries: true,
            extra: Vec::new(),
            thresholds: Thresholds::default(),
            ambiguous: true,
            near_misses: true,
            disabled: Vec::new(),
            ignored: Vec::new(),
            language_model: true,
            margins: Margins {
                weak: RestorerBuilder::DEFAULT_MARGIN_WEAK,
                strong: RestorerBuilder::DEFAULT_MARGIN_STRONG,
            },
            chunk_size: RestorerBuilder::DEFAULT_CHUNK_SIZE,
            threads: 1,
            protector: Protector::new(),
            suggestions: true,
            apply_suggestions: false,
            vocabulary: None,
            full_walk: false,
        }
    }
}

impl RestorerBuilder {
    /// The default language-model margin, in log10, for a document that
    /// barely shows spin (2 signals per 1,000 words or fewer): the canonical
    /// wording must be 100 times more probable in context.
    pub const DEFAULT_MARGIN_WEAK: f64 = 2.0;
    /// The default language-model margin for a strongly spun document (20
    /// signals per 1,000 words or more): the occurrence is restored unless
    /// the observed wording is more than about 3 times (10^0.5) as probable
    /// in context as the canonical one.
    pub const DEFAULT_MARGIN_STRONG: f64 = -0.5;
    /// The default [`chunk_size`](RestorerBuilder::chunk_size): 1 MiB.
    pub const DEFAULT_CHUNK_SIZE: usize = chunk::DEFAULT_LIMIT;

    /// Whether the embedded dictionaries are loaded (default: yes).
    pub fn default_dictionaries(mut self, yes: bool) -> RestorerBuilder {
        self.default_dictionaries = yes;
        self
    }

    /// Adds a dictionary. Its entries override earlier ones for the same
    /// phrase, the embedded ones included.
    pub fn dictionary(mut self, dictionary: Dictionary) -> RestorerBuilder {
        self.extra.push(dictionary);
        self
    }

    /// Fewest signals (fingerprints and spintax leftovers) before the
    /// document counts as spun and ambiguous entries apply (default 2).
    pub fn min_signals(mut self, n: usize) -> RestorerBuilder {
        self.thresholds.min_signals = n;
        self
    }

    /// Lowest signal density, per 1,000 words, before the document counts
    /// as spun (default 2.0).
    pub fn min_per_thousand(mut self, density: f64) -> RestorerBuilder {
        self.thresholds.min_per_thousand = density;
        self
    }

    /// Whether ambiguous entries may apply at all (default: yes, when the
    /// document shows spin). With `false` only fingerprints are restored.
    pub fn ambiguous(mut self, yes: bool) -> RestorerBuilder {
        self.ambiguous = yes;
        self
    }

    /// Whether near misses of multi-word fingerprints are restored too
    /// (default: yes): other spacing or hyphenation ("Getty-Pictures"), a
    /// plural, and, in documents that show spin, a misspelling of a long
    /// phrase ("Protection Secretery").
    ///
    /// # Example
    ///
    /// ```
    /// let on = unspin::Restorer::new();
    /// assert_eq!(on.restore("via Getty-Pictures").text(), "via Getty Images");
    /// let off = unspin::Restorer::builder().near_misses(false).build();
    /// assert_eq!(off.restore("via Getty-Pictures").text(), "via Getty-Pictures");
    /// ```
    pub fn near_misses(mut self, yes: bool) -> RestorerBuilder {
        self.near_misses = yes;
        self
    }

    /// Spin score at and above which a text counts as spun, for
    /// [`Restorer::detect`] and [`Restorer::restore`] alike (default
    /// [`DEFAULT_THRESHOLD`](crate::detect::DEFAULT_THRESHOLD)); a text
    /// with enough signals (see [`min_signals`](RestorerBuilder::min_signals))
    /// is spun whatever its score.
    pub fn spin_threshold(mut self, score: f64) -> RestorerBuilder {
        self.thresholds.spin_threshold = score;
        self
    }

    /// Leaves out the dictionary called `name` (embedded or added), as if it
    /// were not there.
    ///
    /// # Example
    ///
    /// ```
    /// let r = unspin::Restorer::builder().disable_dictionary("science").build();
    /// assert!(r.dictionaries().iter().all(|d| d.name() != "science"));
    /// assert_eq!(r.restore("counterfeit consciousness").text(), "counterfeit consciousness");
    /// ```
    pub fn disable_dictionary(mut self, name: &str) -> RestorerBuilder {
        self.disabled.push(name.to_string());
        self
    }

    /// Never restores `phrase` (as a dictionary would spell its mangled
    /// side; case and spacing do not matter), whatever dictionary defines
    /// it: for words a house style uses on purpose.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "Protection Secretary Hegseth stated it, via Getty Pictures.";
    /// let r = unspin::Restorer::builder().ignore("stated").build();
    /// assert_eq!(r.restore(text).text(), "Defense Secretary Hegseth stated it, via Getty Images.");
    /// ```
    pub fn ignore(mut self, phrase: &str) -> RestorerBuilder {
        self.ignored.push(phrase.to_string());
        self
    }

    /// Whether text marked as intentional is left alone (default: yes): a
    /// line that holds `unspin: ignore` (in any comment syntax, e.g.
    /// `<!-- unspin: ignore -->` or `# unspin: ignore`), and everything
    /// from an HTML comment `<!-- unspin-ignore-start -->` to the end of
    /// the next `<!-- unspin-ignore-end -->` (or of the input, when none
    /// follows). Marked text is a protected region, like code: it is
    /// copied byte for byte, never edited, and not read at all, so it
    /// does not count towards the evidence of spin either.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "The Protection Secretary met the U.Okay. team.\n\
    ///             Spun: \"U.Okay.\" <!-- unspin: ignore -->\n";
    /// let r = unspin::Restorer::new().restore(text);
    /// assert_eq!(r.text(), "The Defense Secretary met the U.K. team.\n\
    ///                       Spun: \"U.Okay.\" <!-- unspin: ignore -->\n");
    ///
    /// let off = unspin::Restorer::builder().ignore_markers(false).build();
    /// assert!(off.restore(text).text().contains("Spun: \"U.K.\""));
    /// ```
    pub fn ignore_markers(mut self, yes: bool) -> RestorerBuilder {
        self.protector = self.protector.markers(yes);
        self
    }

    /// Leaves alone every byte range `find` reports, as protected regions
    /// like code and URLs: nothing is edited in them or read from them.
    /// `find` gets each text restored (for an input longer than a chunk,
    /// each chunk: see [`chunk_size`](RestorerBuilder::chunk_size)) and
    /// returns byte ranges of it, in any order; ranges may overlap or
    /// reach past its end. Repeatable: the ranges of every `find` are left
    /// alone. The chunks of a long input are cut without asking `find`, so
    /// a range that spans a blank line may be seen in two pieces.
    ///
    /// # Example
    ///
    /// ```
    /// // Leave quoted text alone.
    /// let r = unspin::Restorer::builder()
    ///     .ignore_regions(|text| {
    ///         let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    ///         quotes.chunks_exact(2).map(|q| q[0]..q[1] + 1).collect()
    ///     })
    ///     .build();
    /// let r = r.restore("Getty Pictures, not \"Getty Pictures\".");
    /// assert_eq!(r.text(), "Getty Images, not \"Getty Pictures\".");
    /// ```
    pub fn ignore_regions<F>(mut self, find: F) -> RestorerBuilder
    where
        F: Fn(&str) -> Vec<Range<usize>> + Send + Sync + 'static,
    {
        self.protector = self.protector.finder(Arc::new(find));
        self
    }

    /// Whether each occurrence of an ambiguous entry is judged by the
    /// embedded language model (default: yes). With `false`, every
    /// occurrence is restored once the document shows spin.
    ///
    /// The model compares the canonical and the observed wording with two
    /// words of context on each side and restores the occurrence only when
    /// the canonical wording is more probable by more than a margin (see
    /// [`language_model_margins`](RestorerBuilder::language_model_margins)).
    /// Entries the model does not judge (numbers, words it does not know,
    /// entries of dictionaries added at run time) are left to the document
    /// gate alone.
    ///
    /// # Example
    ///
    /// ```
    /// let spun = "Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly. \
    ///             It was the stated goal of the Pentagon.";
    /// let judged = unspin::Restorer::new().restore(spun);
    /// assert!(judged.text().contains("Hegseth said the plan"));
    /// assert!(judged.text().contains("the stated goal"));
    /// assert_eq!(judged.skipped()[0].original(), "stated");
    ///
    /// let blind = unspin::Restorer::builder().language_model(false).build().restore(spun);
    /// assert!(blind.text().contains("the said goal"));
    /// ```
    pub fn language_model(mut self, yes: bool) -> RestorerBuilder {
        self.language_model = yes;
        self
    }

    /// The margins of the language-model gate, in log10 units: an
    /// occurrence is restored when log10 P(canonical wording in context) -
    /// log10 P(observed wording in context) exceeds the margin. `weak`
    /// applies to a document with 2 signals per 1,000 words or fewer (the
    /// default gate) and `strong` to one with 20 or more; in between the
    /// margin moves linearly with the logarithm of the density. The
    /// document's spin is the prior: the more of it, the likelier an
    /// ambiguous phrase is spun, and the less the context has to prefer the
    /// canonical wording. Defaults:
    /// [`DEFAULT_MARGIN_WEAK`](RestorerBuilder::DEFAULT_MARGIN_WEAK) (2.0)
    /// and [`DEFAULT_MARGIN_STRONG`](RestorerBuilder::DEFAULT_MARGIN_STRONG)
    /// (-0.5).
    ///
    /// # Example
    ///
    /// ```
    /// // Restore only where the context prefers the canonical wording by a
    /// // factor of 1,000 or more, however spun the document.
    /// let strict = unspin::Restorer::builder().language_model_margins(3.0, 3.0).build();
    /// let r = strict.restore("The Protection Secretary met the U.Okay. team. He stated it.");
    /// assert_eq!(r.text(), "The Defense Secretary met the U.K. team. He stated it.");
    /// assert_eq!(r.skipped()[0].judgement().margin(), 3.0);
    /// ```
    pub fn language_model_margins(mut self, weak: f64, strong: f64) -> RestorerBuilder {
        self.margins = Margins { weak, strong };
        self
    }

    /// The largest piece of input, in bytes, restored as one (default
    /// [`DEFAULT_CHUNK_SIZE`](RestorerBuilder::DEFAULT_CHUNK_SIZE), 1 MiB;
    /// at least 16). A longer input is cut into chunks, preferably after a
    /// blank line outside code blocks, HTML and other protected regions:
    /// nothing a restore decides looks across such a line, so the output is
    /// the same as if the input were restored whole. Only a paragraph (or a
    /// protected region) longer than the chunk size is cut elsewhere, at a
    /// line end, then whitespace, where a phrase may be cut in two.
    ///
    /// Every restore cuts the same way, in memory and from a stream
    /// ([`Restorer::restore_stream`]), so their outputs are identical. A
    /// stream restore holds about a chunk in memory.
    ///
    /// # Example
    ///
    /// ```
    /// // Chunks of 64 bytes: cut after the blank line, the same output.
    /// let text = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n";
    /// let small = unspin::Restorer::builder().chunk_size(64).build();
    /// assert_eq!(small.restore(text).text(), unspin::Restorer::new().restore(text).text());
    /// assert_eq!(small.restore(text).text(), "The Defense Secretary met the U.K. team.\n\nHe said it.\n");
    /// ```
    pub fn chunk_size(mut self, bytes: usize) -> RestorerBuilder {
        self.chunk_size = bytes.max(chunk::MIN_LIMIT);
        self
    }

    /// How many chunks of one input are restored at once, each on its own
    /// thread (default 1: no threads are started). An input of several
    /// chunks ([`RestorerBuilder::chunk_size`]) is then restored up to
    /// that many times faster, in memory and from a stream, and a stream
    /// restore holds about that many chunks in memory. The output does not
    /// change. Inputs of one chunk gain nothing: restore many of them in
    /// parallel instead.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n".repeat(4);
    /// let one = unspin::Restorer::builder().chunk_size(64).build();
    /// let four = unspin::Restorer::builder().chunk_size(64).threads(4).build();
    /// assert_eq!(four.restore(&text).text(), one.restore(&text).text());
    /// ```
    pub fn threads(mut self, threads: usize) -> RestorerBuilder {
        self.threads = threads.max(1);
        self
    }

    /// Whether a restore suggests originals for the words the spinner is
    /// known to write that no entry covers (default on): see
    /// [`Restoration::suggestions`]. Only documents shown to be spun get
    /// suggestions, so on clean text this costs nothing.
    ///
    /// # Example
    ///
    /// ```
    /// let spun = "The Protection Secretary met the U.Okay. team. That is precisely the point.";
    /// assert!(!unspin::Restorer::new().restore(spun).suggestions().is_empty());
    /// let quiet = unspin::Restorer::builder().suggestions(false).build();
    /// assert!(quiet.restore(spun).suggestions().is_empty());
    /// // Clean text gets none.
    /// let clean = "The Defense Secretary met the U.K. team. That is precisely the point.";
    /// assert!(unspin::Restorer::new().restore(clean).suggestions().is_empty());
    /// ```
    pub fn suggestions(mut self, yes: bool) -> RestorerBuilder {
        self.suggestions = yes;
        self
    }

    /// Whether the first candidate of each suggestion is applied, as an
    /// edit of rule [`Rule::Suggestion`] (default off: a suggestion's
    /// first candidate is the original word only about half the time).
    /// Applied suggestions are edits, no longer listed as suggestions.
    /// Implies [`suggestions`](RestorerBuilder::suggestions).
    ///
    /// # Example
    ///
    /// ```
    /// let spun = "The Protection Secretary met the U.Okay. team. That is precisely the point.";
    /// let r = unspin::Restorer::builder().apply_suggestions(true).build().restore(spun);
    /// assert_eq!(r.text(), "The Defense Secretary met the U.K. team. That is exactly the point.");
    /// assert!(r.edits().iter().any(|e| *e.rule() == unspin::Rule::Suggestion));
    /// ```
    pub fn apply_suggestions(mut self, yes: bool) -> RestorerBuilder {
        self.apply_suggestions = yes;
        if yes {
            self.suggestions = true;
        }
        self
    }

    /// The spinner's vocabulary that suggestions come from (default:
    /// [`Vocabulary::embedded`]).
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::{Restorer, Vocabulary};
    ///
    /// let mine = Vocabulary::from_tsv("mine", "gathering\t4\tmeeting:3\n")?;
    /// let r = Restorer::builder().vocabulary(mine).build().restore(
    ///     "The Protection Secretary met the U.Okay. team at the gathering.",
    /// );
    /// assert_eq!(r.suggestions()[0].candidates()[0].replacement(), "meeting");
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn vocabulary(mut self, vocabulary: Vocabulary) -> RestorerBuilder {
        self.vocabulary = Some(Arc::new(vocabulary));
        self
    }

    /// Looks for a fingerprint inside a phrase left alone by walking again
    /// from every token up to the next phrase, as earlier versions did,
    /// instead of from the phrase's own tokens only (no other token can
    /// start one). The output is the same either way; the switch is for
    /// the tests and benchmarks that show it.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "He stated the Protection Secretary had gone.";
    /// let (full, bounded) = (
    ///     unspin::Restorer::builder().full_walk(true).build().restore(text),
    ///     unspin::Restorer::new().restore(text),
    /// );
    /// assert!(full.text().contains("Defense Secretary"));
    /// assert_eq!((full.text(), full.edits()), (bounded.text(), bounded.edits()));
    /// ```
    #[doc(hidden)]
    pub fn full_walk(mut self, yes: bool) -> RestorerBuilder {
        self.full_walk = yes;
        self
    }

    /// Builds the restorer. With only the default dictionaries this is
    /// cheap: the embedded lexicon is built once per process and shared.
    pub fn build(self) -> Restorer {
        let customized = !self.extra.is_empty()
            || !self.default_dictionaries
            || !self.disabled.is_empty()
            || !self.ignored.is_empty();
        let lexicon = if !customized {
            embedded_lexicon()
        } else {
            let mut dicts = if self.default_dictionaries {
                embedded_lexicon().dictionaries().to_vec()
            } else {
                Vec::new()
            };
            dicts.extend(self.extra);
            dicts.retain(|d| !self.disabled.iter().any(|n| n == d.info().name()));
            let ignored = self
                .ignored
                .iter()
                .filter_map(|p| crate::tokenize::phrase_key(p))
                .collect();
            Arc::new(Lexicon::build_except(dicts, &ignored))
        };
        let near_miss = if !self.near_misses {
            Arc::new(NearMissIndex::default())
        } else if Arc::ptr_eq(&lexicon, &embedded_lexicon()) {
            embedded_near_miss_index()
        } else {
            Arc::new(NearMissIndex::build(&lexicon))
        };
        Restorer {
            lexicon,
            near_miss,
            protector: if self.protector.is_default() {
                protector()
            } else {
                Arc::new(self.protector)
            },
            thresholds: self.thresholds,
            ambiguous: self.ambiguous,
            language_model: self.language_model.then(LanguageModel::embedded),
            margins: self.margins,
            chunk_size: self.chunk_size,
            threads: self.threads,
            suggestions: self.suggestions,
            apply_suggestions: self.apply_suggestions,
            vocabulary: self.vocabulary,
            full_walk: self.full_walk,
        }
    }
}

fn embedded_near_miss_index() -> Arc<NearMissIndex> {
    static INDEX: OnceLock<Arc<NearMissIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| Arc::new(NearMissIndex::embedded()))
        .clone()
}

fn embedded_lexicon() -> Arc<Lexicon> {
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEXICON
        .get_or_init(|| Arc::new(Lexicon::embedded()))
        .clone()
}

fn protector() -> Arc<Protector> {
    static PROTECTOR: OnceLock<Arc<Protector>> = OnceLock::new();
    PROTECTOR.get_or_init(|| Arc::new(Protector::new())).clone()
}

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

/// What a restore did: the text, every edit, the candidates it left alone,
/// and the evidence of spin.
#[derive(Clone, Debug, Serialize)]
pub struct Restoration {
    text: String,
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
    evidence: Evidence,
}

impl Restoration {
    /// The restored text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The restored text, by value.
    pub fn into_text(self) -> String {
        self.text
    }
    /// The edits, in input order. Spans are byte ranges of the input.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
    /// Occurrences of ambiguous entries that the language model left
    /// alone, in input order. See [`Skipped`].
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
    /// Words the spinner is known to write that no edit covers, each with
    /// up to three candidate originals, in input order; only in a document
    /// shown to be spun. Not applied (see
    /// [`RestorerBuilder::apply_suggestions`]). See [`Suggestion`].
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }
    /// The document-level evidence of spin.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }
    /// Whether anything was changed.
    pub fn is_changed(&self) -> bool {
        !self.edits.is_empty()
    }
}

/// A restore of arbitrary bytes: see [`Restorer::restore_bytes`].
#[derive(Clone, Debug, Serialize)]
pub struct RestoredBytes {
    #[serde(skip)]
    bytes: Vec<u8>,
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
    evidence: Evidence,
}

impl RestoredBytes {
    /// The restored bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    /// The restored bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
    /// The edits, in input order. Spans are byte ranges of the input.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
    /// Occurrences of ambiguous entries that the language model left
    /// alone, in input order.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
    /// Suggestions for words no edit covers, in input order: see
    /// [`Restoration::suggestions`].
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }
    /// The document-level evidence of spin.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }
}

/// What [`Restorer::restore_stream`] did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreamSummary {
    evidence: Evidence,
    edits: usize,
    skipped: usize,
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

/// The chunks of a stream restore: see [`Restorer::restore_chunks`]. After
/// a read error it ends.
pub struct RestoreChunks<'r, R> {
    restorer: &'r Restorer,
    reader: ChunkReader<R>,
    evidence: Evidence,
    /// Chunks restored at once (see [`RestorerBuilder::threads`]) and not
    /// yet taken, then the read error that ended the batch, if any.
    ready: std::collections::VecDeque<io::Result<RestoredChunk>>,
    ended: bool,
}

impl<R: Read> Iterator for RestoreChunks<'_, R> {
    type Item = io::Result<RestoredChunk>;

    fn next(&mut self) -> Option<io::Result<RestoredChunk>> {
        if self.ready.is_empty() && !self.ended {
            let restorer = self.restorer;
            let (batch, end) = restorer.read_batch(&mut self.reader, Vec::new());
            let error = match end {
                BatchEnd::More => None,
                BatchEnd::End => {
                    self.ended = true;
                    None
                }
                BatchEnd::Failed(e) => {
                    self.ended = true;
                    Some(e)
                }
            };
            let evidence = self.evidence;
            let restored = parallel_map(batch, restorer.threads, |(offset, bytes)| {
                restorer.restore_piece(offset, bytes, &evidence)
            });
            self.ready.extend(restored.into_iter().map(Ok));
            self.ready.extend(error.map(Err));
        }
        self.ready.pop_front()
    }
}

/// One chunk of a stream restore: see [`Restorer::restore_chunks`].
#[derive(Clone, Debug)]
pub struct RestoredChunk {
    start: u64,
    input: Vec<u8>,
    bytes: Vec<u8>,
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
}

impl RestoredChunk {
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
    /// The chunk's edits, in input order. Spans are byte ranges of the
    /// whole input (on 32-bit targets they saturate past 4 GiB).
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }
    /// The chunk's ambiguous occurrences the language model left alone;
    /// spans as for [`edits`](RestoredChunk::edits).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }
    /// The chunk's suggestions; spans as for
    /// [`edits`](RestoredChunk::edits).
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }
}

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
    /// The first candidate of a [`Suggestion`], applied on request
    /// ([`RestorerBuilder::apply_suggestions`]).
    Suggestion,
}

/// One change: a byte span of the input and what replaced it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edit {
    start: usize,
    end: usize,
    original: String,
    replacement: String,
    rule: Rule,
    confidence: f32,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    language_model: Option<Judgement>,
}

impl Edit {
    /// The byte range of the input that was replaced.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The input text of the span.
    pub fn original(&self) -> &str {
        &self.original
    }
    /// What the span was replaced with.
    pub fn replacement(&self) -> &str {
        &self.replacement
    }
    /// The rule that fired.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
    /// The dictionary that supplied the entry, for lexicon edits.
    pub fn dictionary(&self) -> Option<&str> {
        match &self.rule {
            Rule::Lexicon { dictionary, .. } | Rule::NearMiss { dictionary, .. } => {
                Some(dictionary)
            }
            _ => None,
        }
    }
    /// The entry class, for lexicon edits.
    pub fn class(&self) -> Option<Class> {
        match &self.rule {
            Rule::Lexicon { class, .. } => Some(*class),
            _ => None,
        }
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

/// How the language model judged one occurrence of an ambiguous entry.
///
/// # Example
///
/// ```
/// let r = unspin::Restorer::new().restore(
///     "Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly.",
/// );
/// let said = r.edits().iter().find(|e| e.original() == "stated").unwrap();
/// let j = said.judgement().unwrap();
/// assert!(j.difference() > j.margin());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Judgement {
    difference: f32,
    margin: f32,
}

impl Judgement {
    /// log10 P(canonical wording) - log10 P(observed wording), each with the
    /// same two words of context on either side: how many powers of ten
    /// the model prefers the canonical wording by (negative when it
    /// prefers the observed one).
    pub fn difference(&self) -> f32 {
        self.difference
    }
    /// The margin the difference had to exceed, given the document's spin.
    pub fn margin(&self) -> f32 {
        self.margin
    }
    /// Whether the occurrence was restored: the difference exceeds the
    /// margin.
    pub fn restores(&self) -> bool {
        self.difference > self.margin
    }
}

/// An occurrence of an ambiguous entry that the language model left alone:
/// the document shows spin, but in this context the observed wording is
/// too probable to restore.
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
    start: usize,
    end: usize,
    original: String,
    replacement: String,
    rule: Rule,
    language_model: Judgement,
    reason: String,
}

impl Skipped {
    /// The byte range of the input that was left alone.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The input text of the span.
    pub fn original(&self) -> &str {
        &self.original
    }
    /// What the span would have been replaced with.
    pub fn replacement(&self) -> &str {
        &self.replacement
    }
    /// The dictionary entry that matched (a [`Rule::Lexicon`]).
    pub fn rule(&self) -> &Rule {
        &self.rule
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
        let Some(key) = crate::tokenize::phrase_key(phrase) else {
            return Vec::new();
        };
        self.lexicon
            .dictionaries()
            .iter()
            .filter_map(|d| {
                d.entries()
                    .iter()
                    .find(|e| crate::tokenize::phrase_key(e.mangled()).as_deref() == Some(&key))
                    .map(|e| (e, d.info()))
            })
            .collect()
    }

    /// Restores `text`.
    pub fn restore(&self, text: &str) -> Restoration {
        let Plan {
            edits,
            skipped,
            suggestions,
            evidence,
        } = self.plan(text.as_bytes());
        let text = apply(text.as_bytes(), &edits);
        let text = String::from_utf8(text).expect("edits replace whole UTF-8 spans with UTF-8");
        Restoration {
            text,
            edits,
            skipped,
            suggestions,
            evidence,
        }
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
        let Plan {
            edits,
            skipped,
            suggestions,
            evidence,
        } = self.plan(input);
        RestoredBytes {
            bytes: apply(input, &edits),
            edits,
            skipped,
            suggestions,
            evidence,
        }
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
        let mut reader = ChunkReader::new(input, self.chunk_size);
        let mut counts = Counts::default();
        loop {
            let (batch, end) = self.read_batch(&mut reader, Vec::new());
            counts += self.batch_counts(&batch);
            match end {
                BatchEnd::More => {}
                BatchEnd::End => return Ok(Evidence::assess(counts, self.thresholds)),
                BatchEnd::Failed(e) => return Err(e),
            }
        }
    }

    /// Chunks up to a batch of [`RestorerBuilder::threads`] after those
    /// in `batch`, owned, and how reading ended.
    fn read_batch<R: Read>(
        &self,
        reader: &mut ChunkReader<R>,
        mut batch: Vec<(u64, Vec<u8>)>,
    ) -> (Vec<(u64, Vec<u8>)>, BatchEnd) {
        while batch.len() < self.threads {
            match reader.next(&self.protector) {
                Ok(Some(piece)) => batch.push((piece.offset, piece.bytes.to_vec())),
                Ok(None) => return (batch, BatchEnd::End),
                Err(e) => return (batch, BatchEnd::Failed(e)),
            }
        }
        (batch, BatchEnd::More)
    }

    /// The evidence counts of a batch of chunks, the chunks scanned at once.
    fn batch_counts(&self, batch: &[(u64, Vec<u8>)]) -> Counts {
        parallel_map(batch.iter().collect(), self.threads, |(_, bytes)| {
            self.counts(&self.scan(&chunk::text_of(bytes)))
        })
        .into_iter()
        .fold(Counts::default(), |mut total, c| {
            total += c;
            total
        })
    }

    /// Restores one chunk of an input (`offset` into it) with the evidence
    /// of the whole input.
    fn restore_piece(&self, offset: u64, bytes: Vec<u8>, evidence: &Evidence) -> RestoredChunk {
        let text = chunk::text_of(&bytes);
        let scan = self.scan(&text);
        let mut planned = self.plan_chunk(&text, scan, evidence);
        let restored = apply(&bytes, &planned.edits);
        planned.shift(usize::try_from(offset).unwrap_or(usize::MAX));
        RestoredChunk {
            start: offset,
            input: bytes,
            bytes: restored,
            edits: planned.edits,
            skipped: planned.skipped,
            suggestions: planned.suggestions,
        }
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
        RestoreChunks {
            restorer: self,
            reader: ChunkReader::new(input, self.chunk_size),
            // Assessed again with this restorer's thresholds.
            evidence: Evidence::assess(evidence.counts(), self.thresholds),
            ready: std::collections::VecDeque::new(),
            ended: false,
        }
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
        mut input: R,
        mut output: W,
    ) -> io::Result<StreamSummary> {
        let origin = input.stream_position()?;
        let mut counts = Counts::default();
        let mut reader = ChunkReader::new(&mut input, self.chunk_size);
        match reader.next(&self.protector)? {
            Some(piece) if piece.last => {
                // One chunk: read once.
                let r = self.restore_bytes(piece.bytes);
                output.write_all(r.bytes())?;
                return Ok(StreamSummary {
                    evidence: r.evidence,
                    edits: r.edits.len(),
                    skipped: r.skipped.len(),
                });
            }
            Some(piece) => {
                let mut first = Some((piece.offset, piece.bytes.to_vec()));
                loop {
                    let (batch, end) =
                        self.read_batch(&mut reader, first.take().into_iter().collect());
                    counts += self.batch_counts(&batch);
                    match end {
                        BatchEnd::More => {}
                        BatchEnd::End => break,
                        BatchEnd::Failed(e) => return Err(e),
                    }
                }
            }
            None => {}
        }
        input.seek(io::SeekFrom::Start(origin))?;
        let mut summary = StreamSummary {
            evidence: Evidence::assess(counts, self.thresholds),
            edits: 0,
            skipped: 0,
        };
        for chunk in self.restore_chunks(&mut input, &summary.evidence) {
            let chunk = chunk?;
            output.write_all(chunk.bytes())?;
            summary.edits += chunk.edits.len();
            summary.skipped += chunk.skipped.len();
        }
        Ok(summary)
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
        let mut paragraphs = Vec::new();
        let mut counts = Counts::default();
        for range in chunk::ranges(text.as_bytes(), self.chunk_size, &self.protector) {
            let chunk = chunk::text_of(&text.as_bytes()[range.clone()]);
            let scan = self.scan(&chunk);
            counts += self.counts(&scan);
            self.paragraphs(&chunk, &scan, range.start, &mut paragraphs);
        }
        Detection::new(
            SpinScore::new(
                counts.words,
                counts.fingerprints,
                counts.ambiguous,
                counts.spintax,
            ),
            Evidence::assess(counts, self.thresholds).is_spun(),
            self.thresholds.spin_threshold,
            paragraphs,
        )
    }

    /// The paragraphs of one chunk with their scores, spans shifted by
    /// `offset`.
    fn paragraphs(&self, text: &str, scan: &Scan, offset: usize, out: &mut Vec<detect::Paragraph>) {
        let class_of = |h: &Hit| self.lexicon.entry(h.entry).class();
        // Paragraphs as token index ranges: a blank line between two tokens
        // starts a new one.
        let tokens = &scan.tokens;
        let mut starts = Vec::new();
        for i in 0..tokens.len() {
            if i == 0 || has_blank_line(&text[tokens[i - 1].end..tokens[i].start]) {
                starts.push(i);
            }
        }
        let paragraph_of = |token: usize| starts.partition_point(|&s| s <= token) - 1;
        // (words, fingerprints and damaged names, ambiguous, spintax) per
        // paragraph, as the document's evidence counts them.
        let mut counts = vec![(0usize, 0usize, 0usize, 0usize); starts.len()];
        for first in distinct_names(&scan.name_hits) {
            counts[paragraph_of(first)].1 += 1;
        }
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == TokenKind::Word {
                counts[paragraph_of(i)].0 += 1;
            }
        }
        for h in &scan.hits {
            let c = &mut counts[paragraph_of(h.first)];
            match class_of(h) {
                Class::Fingerprint => c.1 += 1,
                Class::Ambiguous => c.2 += 1,
                Class::Common => {}
            }
        }
        for &(open, _) in &scan.braces {
            // The brace is no token: count it with the word it encloses.
            let next = tokens.partition_point(|t| t.start < open.start);
            counts[paragraph_of(next.min(tokens.len() - 1))].3 += 1;
        }
        out.extend(starts.iter().enumerate().map(|(p, &first)| {
            let last = starts.get(p + 1).map_or(tokens.len(), |&next| next) - 1;
            let (w, f, a, s) = counts[p];
            detect::paragraph(
                offset + tokens[first].start..offset + tokens[last].end,
                SpinScore::new(w, f, a, s),
            )
        }));
    }

    /// Protected regions, tokens, spintax leftovers and every lexicon match
    /// (all classes, leftmost-longest).
    fn scan(&self, text: &str) -> Scan {
        let mut regions = Vec::new();
        self.protector.regions(text, &mut regions);
        let mut tokens = Vec::new();
        tokenize_into(text, &regions, &mut tokens);
        let mut pairs = Vec::new();
        spintax::leftovers(text, &tokens, &mut pairs);
        let braces = without_braces(&mut tokens, &pairs);
        let mut hits = Vec::new();
        self.lexicon.find_all(text, &tokens, |_| true, &mut hits);
        // A common word ("coverage") inside a damaged name is the name
        // rule's to restore: common hits neither hide a name nor stay in it.
        let class_of = |h: &Hit| self.lexicon.entry(h.entry).class();
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

    /// What a scan counts towards the evidence.
    fn counts(&self, scan: &Scan) -> Counts {
        let class_of = |h: &Hit| self.lexicon.entry(h.entry).class();
        let words = scan
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count();
        let fingerprints = scan
            .hits
            .iter()
            .filter(|h| class_of(h) == Class::Fingerprint)
            .count();
        let ambiguous = scan
            .hits
            .iter()
            .filter(|h| class_of(h) == Class::Ambiguous)
            .count();
        Counts {
            words,
            fingerprints: fingerprints + count_names(&scan.name_hits),
            ambiguous,
            spintax: scan.braces.len(),
        }
    }

    /// Finds spin and decides every edit, without applying them: the
    /// input is cut into chunks, the evidence is the sum of theirs, and
    /// each chunk is planned on its own with it. Spans are input offsets.
    fn plan(&self, input: &[u8]) -> Plan {
        let ranges = chunk::ranges(input, self.chunk_size, &self.protector);
        let scanned: Vec<(usize, std::borrow::Cow<'_, str>, Scan)> =
            parallel_map(ranges, self.threads, |range| {
                let text = chunk::text_of(&input[range.clone()]);
                let scan = self.scan(&text);
                (range.start, text, scan)
            });
        let mut counts = Counts::default();
        for (_, _, scan) in &scanned {
            counts += self.counts(scan);
        }
        let evidence = Evidence::assess(counts, self.thresholds);
        let mut plan = Plan {
            edits: Vec::new(),
            skipped: Vec::new(),
            suggestions: Vec::new(),
            evidence,
        };
        let planned = parallel_map(scanned, self.threads, |(offset, text, scan)| {
            let mut planned = self.plan_chunk(&text, scan, &evidence);
            planned.shift(offset);
            planned
        });
        for mut p in planned {
            plan.edits.append(&mut p.edits);
            plan.skipped.append(&mut p.skipped);
            plan.suggestions.append(&mut p.suggestions);
        }
        plan
    }

    /// Decides every edit of one chunk, given the evidence of the whole
    /// input. Spans are offsets in the chunk.
    fn plan_chunk(&self, text: &str, scan: Scan, evidence: &Evidence) -> Planned {
        let evidence = *evidence;
        let Scan {
            tokens,
            braces,
            mut hits,
            mut name_hits,
        } = scan;
        let names = NameWords::embedded();
        let class_of = |h: &Hit| self.lexicon.entry(h.entry).class();
        let ambiguous_ok = self.ambiguous && evidence.is_spun();
        let mut verdicts = vec![Verdict::Document; hits.len()];
        let mut skipped = Vec::new();
        if !ambiguous_ok && hits.iter().any(|h| class_of(h) != Class::Fingerprint) {
            // Without the ambiguous entries, shorter fingerprints they
            // shadowed may match: look again inside each of them (not over
            // the whole text, which would double the cost on clean prose).
            let mut kept = Vec::with_capacity(hits.len());
            for (k, hit) in hits.iter().enumerate() {
                if class_of(hit) == Class::Fingerprint {
                    kept.push(*hit);
                    continue;
                }
                kept.extend(self.fingerprints_inside(text, &tokens, &hits, k, &name_hits));
            }
            hits = kept;
            verdicts = vec![Verdict::Document; hits.len()];
            name_hits.clear();
            names.find(text, &tokens, &covered(&tokens, &hits), &mut name_hits);
        } else if ambiguous_ok {
            match self.language_model {
                Some(lm) => {
                    let (margin, _) = self
                        .margins
                        .for_evidence(&evidence, self.thresholds.spin_threshold);
                    verdicts = self.judge(lm, text, &tokens, &hits, margin);
                }
                None => {
                    // Common entries need the model's word on each
                    // occurrence.
                    for (v, h) in verdicts.iter_mut().zip(&hits) {
                        if class_of(h) == Class::Common {
                            *v = Verdict::Drop;
                        }
                    }
                }
            }
            if verdicts
                .iter()
                .any(|v| matches!(v, Verdict::Skip(_) | Verdict::Drop))
            {
                let mut kept = Vec::with_capacity(hits.len());
                let mut kept_verdicts = Vec::with_capacity(hits.len());
                for (k, (hit, verdict)) in hits.iter().zip(&verdicts).enumerate() {
                    if matches!(verdict, Verdict::Skip(_) | Verdict::Drop) {
                        if let Verdict::Skip(judgement) = *verdict {
                            let record = self.skipped(text, hit, judgement, &evidence);
                            if record.replacement != record.original {
                                skipped.push(record);
                            }
                        }
                        // A fingerprint inside the phrase left alone, or
                        // starting in it, may still apply.
                        for h in self.fingerprints_inside(text, &tokens, &hits, k, &name_hits) {
                            kept.push(h);
                            kept_verdicts.push(Verdict::Document);
                        }
                    } else {
                        kept.push(*hit);
                        kept_verdicts.push(*verdict);
                    }
                }
                hits = kept;
                verdicts = kept_verdicts;
                name_hits.clear();
                names.find(text, &tokens, &covered(&tokens, &hits), &mut name_hits);
            }
        }

        if hits.iter().any(|h| class_of(h) != Class::Fingerprint) {
            // A near miss of a fingerprint ("Protection Secretery") is a
            // stronger reading than an ordinary word ("protection") inside
            // it.
            let fingerprints: Vec<Hit> = hits
                .iter()
                .filter(|h| class_of(h) == Class::Fingerprint)
                .copied()
                .collect();
            let mut taken = covered(&tokens, &fingerprints);
            for h in &name_hits {
                taken[h.token] = true;
            }
            let mut found = Vec::new();
            self.near_miss
                .find(text, &tokens, &taken, evidence.is_spun(), &mut found);
            if !found.is_empty() {
                // Only a hit that a longer near miss holds whole gives way:
                // an exact phrase beats a near miss of the same words.
                let inside_near_miss = |h: &Hit| {
                    class_of(h) != Class::Fingerprint
                        && found.iter().any(|m| {
                            m.first <= h.first
                                && h.last <= m.last
                                && m.last - m.first > h.last - h.first
                        })
                };
                let keep: Vec<bool> = hits.iter().map(|h| !inside_near_miss(h)).collect();
                let mut k = keep.iter();
                hits.retain(|_| *k.next().unwrap());
                let mut k = keep.iter();
                verdicts.retain(|_| *k.next().unwrap());
            }
        }

        let mut edits = Vec::with_capacity(hits.len() + braces.len() * 2);
        for &(open, close) in &braces {
            for t in [open, close] {
                edits.push(Edit {
                    start: t.start,
                    end: t.end,
                    original: text[t.start..t.end].to_string(),
                    replacement: String::new(),
                    rule: Rule::Spintax,
                    confidence: SPINTAX_CONFIDENCE,
                    reason: "brace left over from unexpanded spintax".to_string(),
                    language_model: None,
                });
            }
        }
        // Tokens that an edit already covers, so article fixes skip them.
        let mut last_edited_token: Option<usize> = None;
        for (hit, verdict) in hits.iter().zip(&verdicts) {
            let entry = self.lexicon.entry(hit.entry);
            let original = &text[hit.start..hit.end];
            let replacement = transfer_case(original, self.lexicon.canonical_of(hit));
            if replacement == original
                || joins_lines(original, &replacement)
                || doubles_a_word(text, &tokens, hit, original, &replacement)
            {
                continue;
            }
            let mut judgement = None;
            let (confidence, reason) = match (entry.class(), *verdict) {
                (Class::Fingerprint, _) if hit.canonical_from > 0 => (
                    FINGERPRINT_CONFIDENCE,
                    format!(
                        "fingerprint: the rest of {:?}, whose first words the phrase before it ends with; it does not occur in clean prose",
                        entry.mangled()
                    ),
                ),
                (Class::Fingerprint, _) => (
                    FINGERPRINT_CONFIDENCE,
                    "fingerprint: this phrase does not occur in clean prose".to_string(),
                ),
                (_, Verdict::Apply(j)) => {
                    judgement = Some(j);
                    (
                        (ambiguous_confidence(&evidence, self.thresholds)
                            + 0.05 * (j.difference - j.margin).min(1.0))
                        .min(FINGERPRINT_CONFIDENCE),
                        lm_reason(original, &replacement, j, &evidence, self.margin_by_score(&evidence)),
                    )
                }
                (_, verdict) => (
                    ambiguous_confidence(&evidence, self.thresholds),
                    format!(
                        "ambiguous, applied because the document shows spin: {}{}",
                        self.describe(&evidence),
                        if verdict == Verdict::Unjudged {
                            " (an entry the language model does not judge)"
                        } else {
                            ""
                        }
                    ),
                ),
            };
            if let Some(article_edit) = article_before(
                text,
                &tokens,
                hit.first,
                last_edited_token,
                original,
                &replacement,
            ) {
                edits.push(article_edit);
            }
            edits.push(Edit {
                start: hit.start,
                end: hit.end,
                original: original.to_string(),
                replacement,
                rule: self.rule(hit),
                confidence,
                reason,
                language_model: judgement,
            });
            last_edited_token = Some(hit.last);
        }
        for h in &name_hits {
            let t = tokens[h.token];
            let word = names.entry(text, &t);
            let original = &text[t.start..t.end];
            let replacement = transfer_case(original, &word.canonical);
            if replacement == original || joins_lines(original, &replacement) {
                continue;
            }
            let name = &text[tokens[h.name_first].start..tokens[h.name_last].end];
            edits.push(Edit {
                start: t.start,
                end: t.end,
                original: original.to_string(),
                replacement,
                rule: Rule::Name {
                    line: word.line,
                    name: name.to_string(),
                },
                confidence: NAME_CONFIDENCE,
                reason: format!(
                    "damaged name: {name:?} holds a spun name word that genuine names do not contain"
                ),
                language_model: None,
            });
        }
        let mut taken = covered(&tokens, &hits);
        for h in &name_hits {
            taken[h.token] = true;
        }
        // Near misses, each with its replacement and whether it is the
        // rest of one that overlaps the phrase before it, where the two
        // agree on the words they share ("Protection Secretary ofbattle").
        let spun = evidence.is_spun();
        let mut near: Vec<(NearMiss, String, bool)> = Vec::new();
        let overlapping = |before: &str, last: usize, taken: &mut [bool]| {
            let (m, shared) =
                self.near_miss
                    .find_overlapping(text, &tokens, taken, spun, before, last + 1)?;
            let canonical = near_canonical(self.lexicon.entry(m.entry).canonical(), m.difference);
            let from = overlap_agrees(before, &canonical, shared)?;
            taken[m.first..=m.last].fill(true);
            Some((m, canonical[from..].to_string(), true))
        };
        for hit in &hits {
            if hit.end == tokens[hit.last].end {
                let before = self.lexicon.canonical_of(hit);
                near.extend(overlapping(before, hit.last, &mut taken));
            }
        }
        let mut found = Vec::new();
        self.near_miss.find(text, &tokens, &taken, spun, &mut found);
        for m in &found {
            taken[m.first..=m.last].fill(true);
        }
        for m in found {
            let canonical = near_canonical(self.lexicon.entry(m.entry).canonical(), m.difference);
            let rest = (m.end == tokens[m.last].end)
                .then(|| overlapping(&canonical, m.last, &mut taken))
                .flatten();
            near.push((m, canonical, false));
            near.extend(rest);
        }
        for (m, canonical, overlaps) in &near {
            let entry = self.lexicon.entry(m.entry);
            let (start, end) = (tokens[m.first].start, m.end);
            let original = &text[start..end];
            let replacement = transfer_case(original, canonical);
            if replacement == original || joins_lines(original, &replacement) {
                continue;
            }
            let (difference, confidence, why) = match m.difference {
                Difference::Spacing => (
                    "spacing".to_string(),
                    0.9,
                    "only spacing or hyphenation differs".to_string(),
                ),
                Difference::Plural => (
                    "plural".to_string(),
                    0.85,
                    "the plural of the entry".to_string(),
                ),
                Difference::Edits(d) => (
                    format!("edits:{d}"),
                    0.8 - 0.1 * (d as f32 - 1.0),
                    format!("{d} letter edit(s) away, in a document that shows spin"),
                ),
            };
            let dictionary = self
                .lexicon
                .dictionary_of(m.entry)
                .info()
                .name()
                .to_string();
            edits.push(Edit {
                start,
                end,
                original: original.to_string(),
                replacement,
                rule: Rule::NearMiss {
                    dictionary,
                    line: entry.line(),
                    entry: entry.mangled().to_string(),
                    difference,
                },
                confidence,
                reason: if !overlaps {
                    format!("near miss of fingerprint {:?}: {why}", entry.mangled())
                } else {
                    format!(
                        "the rest of a near miss of fingerprint {:?}, whose first words the phrase before it ends with: {why}",
                        entry.mangled()
                    )
                },
                language_model: None,
            });
        }
        edits.sort_by_key(|e| e.start);
        // A phrase read through a brace ("Getty {photograph}") replaces
        // the brace with the rest of its span.
        let spans: Vec<(usize, usize)> = edits
            .iter()
            .filter(|e| e.rule != Rule::Spintax)
            .map(|e| (e.start, e.end))
            .collect();
        // `spans` is sorted and disjoint: the one that could hold a brace
        // is the last that starts at or before it.
        edits.retain(|e| {
            e.rule != Rule::Spintax || {
                let k = spans.partition_point(|&(s, _)| s <= e.start);
                k == 0 || spans[k - 1].1 < e.end
            }
        });
        let suggestions = if self.suggestions && evidence.is_spun() {
            self.suggest(text, &tokens, &mut edits, &skipped, &evidence)
        } else {
            Vec::new()
        };
        Planned {
            edits,
            skipped,
            suggestions,
        }
    }

    /// The suggestions of a chunk of a spun document; with
    /// [`RestorerBuilder::apply_suggestions`], their first candidates
    /// applied as edits instead.
    fn suggest(
        &self,
        text: &str,
        tokens: &[Token],
        edits: &mut Vec<Edit>,
        skipped: &[Skipped],
        evidence: &Evidence,
    ) -> Vec<Suggestion> {
        let Some(lm) = self.language_model else {
            return Vec::new();
        };
        let vocabulary = match &self.vocabulary {
            Some(v) => v,
            None => Vocabulary::embedded(),
        };
        let replaced: Vec<(Range<usize>, &str)> = edits
            .iter()
            .map(|e| (e.start..e.end, e.replacement.as_str()))
            .collect();
        // A common word the model held back may still be suggested: its
        // entry says only that the context did not prefer one canonical.
        let taken: Vec<Range<usize>> = skipped
            .iter()
            .filter(|s| {
                !matches!(
                    s.rule,
                    Rule::Lexicon {
                        class: Class::Common,
                        ..
                    }
                )
            })
            .map(|s| s.start..s.end)
            .collect();
        let found = suggest::suggest(lm, vocabulary, text, tokens, &replaced, &taken);
        if !self.apply_suggestions {
            return found;
        }
        let confidence = 0.5 * ambiguous_confidence(evidence, self.thresholds);
        for s in found {
            let first = &s.candidates()[0];
            edits.push(Edit {
                start: s.start,
                end: s.end,
                original: s.original().to_string(),
                replacement: first.replacement().to_string(),
                rule: Rule::Suggestion,
                confidence,
                reason: format!(
                    "first suggestion (score {:.2}): {}",
                    first.score(),
                    s.reason()
                ),
                language_model: None,
            });
        }
        edits.sort_by_key(|e| e.start);
        Vec::new()
    }

    /// The fingerprints inside `hits[k]`, a phrase left alone, or
    /// starting in it (see [`crate::find::rescan`]).
    fn fingerprints_inside(
        &self,
        text: &str,
        tokens: &[Token],
        hits: &[Hit],
        k: usize,
        names: &[NameHit],
    ) -> Vec<Hit> {
        crate::find::rescan::fingerprints_inside(
            &self.lexicon,
            text,
            tokens,
            hits,
            k,
            names,
            self.full_walk,
        )
    }

    /// The lexicon rule of a hit.
    fn rule(&self, hit: &Hit) -> Rule {
        let entry = self.lexicon.entry(hit.entry);
        Rule::Lexicon {
            dictionary: self
                .lexicon
                .dictionary_of(hit.entry)
                .info()
                .name()
                .to_string(),
            line: entry.line(),
            entry: entry.mangled().to_string(),
            class: entry.class(),
        }
    }

    /// The document's spin in words, for reasons.
    fn describe(&self, evidence: &Evidence) -> String {
        format!(
            "{} fingerprints and {} spintax leftovers, {:.1} per 1,000 words (gate: {} and {:.1})",
            evidence.fingerprints(),
            evidence.spintax(),
            evidence.per_thousand(),
            self.thresholds.min_signals,
            self.thresholds.min_per_thousand
        )
    }

    /// A record of an ambiguous hit the language model left alone.
    fn skipped(&self, text: &str, hit: &Hit, j: Judgement, evidence: &Evidence) -> Skipped {
        let original = &text[hit.start..hit.end];
        let replacement = transfer_case(original, self.lexicon.canonical_of(hit));
        let reason = lm_reason(
            original,
            &replacement,
            j,
            evidence,
            self.margin_by_score(evidence),
        );
        Skipped {
            start: hit.start,
            end: hit.end,
            original: original.to_string(),
            replacement,
            rule: self.rule(hit),
            language_model: j,
            reason,
        }
    }

    /// Whether the spin score, rather than the signal density, sets the
    /// language-model margin of a document with `evidence`.
    fn margin_by_score(&self, evidence: &Evidence) -> bool {
        self.margins
            .for_evidence(evidence, self.thresholds.spin_threshold)
            .1
    }

    /// Judges every ambiguous hit with the language model, left to right.
    /// The context of a hit is read as restored so far: fingerprints are
    /// restored, ambiguous hits before it as decided, those after it as
    /// found.
    fn judge(
        &self,
        lm: &LanguageModel,
        text: &str,
        tokens: &[Token],
        hits: &[Hit],
        margin: f64,
    ) -> Vec<Verdict> {
        let mut verdicts = vec![Verdict::Document; hits.len()];
        if hits
            .iter()
            .all(|h| self.lexicon.entry(h.entry).class() == Class::Fingerprint)
        {
            return verdicts;
        }
        const NONE: u32 = u32::MAX;
        let mut owner = vec![NONE; tokens.len()];
        let mut restored = vec![false; hits.len()];
        for (i, h) in hits.iter().enumerate() {
            owner[h.first..=h.last].fill(i as u32);
            restored[i] = self.lexicon.entry(h.entry).class() == Class::Fingerprint;
        }
        let ctx = Context {
            text,
            tokens,
            hits,
            owner: &owner,
            lexicon: &self.lexicon,
        };
        let mut window = Window::default();
        for (i, hit) in hits.iter().enumerate() {
            let entry = self.lexicon.entry(hit.entry);
            if entry.class() == Class::Fingerprint {
                continue;
            }
            window.clear();
            window
                .mangled
                .push_phrase(entry.mangled(), &mut window.tokens);
            window
                .canonical
                .push_phrase(entry.canonical(), &mut window.tokens);
            if !lm.judges(&window.mangled, &window.canonical) {
                // A common word is restored only on the model's word.
                let common = entry.class() == Class::Common;
                verdicts[i] = if common {
                    Verdict::Drop
                } else {
                    Verdict::Unjudged
                };
                restored[i] = !common;
                continue;
            }
            ctx.left(hit, &restored, &mut window);
            ctx.right(hit, &restored, &mut window);
            // Two decimals: the model's values are steps of 0.05.
            let round = |x: f32| (x * 100.0).round() / 100.0;
            // A common word needs the model to prefer the canonical
            // outright, however spun the document.
            let margin = if entry.class() == Class::Common {
                margin.max(COMMON_MIN_MARGIN)
            } else {
                margin
            };
            let mut difference = lm.compare(&mut window);
            if entry.class() == Class::Common {
                // What the context says, not how common each word is: a
                // frequent canonical ("through" for "via") would otherwise
                // win in almost any context.
                difference -= base_rate_difference(lm, &window);
            }
            let judgement = Judgement {
                difference: round(difference),
                margin: round(margin as f32),
            };
            restored[i] = judgement.restores();
            verdicts[i] = if restored[i] {
                Verdict::Apply(judgement)
            } else {
                Verdict::Skip(judgement)
            };
        }
        verdicts
    }
}

/// How reading a batch of chunks ended.
enum BatchEnd {
    /// The batch is full; the input may go on.
    More,
    /// The input ended.
    End,
    /// Reading failed after the chunks of the batch.
    Failed(io::Error),
}

/// `f` over `items`, in order, on up to `threads` threads: each takes a
/// run of consecutive items, the calling thread the first. Where a thread
/// cannot be started, its items are done on the calling thread.
fn parallel_map<T: Send, U: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut groups: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        groups.push(items.by_ref().take(per_thread).collect());
    }
    // Each group waits in a slot for the thread that takes it; where no
    // thread could be started, the calling thread takes it afterwards.
    let slots: Vec<std::sync::Mutex<Option<Vec<T>>>> = groups
        .into_iter()
        .map(|g| std::sync::Mutex::new(Some(g)))
        .collect();
    let take = |slot: &std::sync::Mutex<Option<Vec<T>>>| {
        slot.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
            .unwrap_or_default()
    };
    let (f, take) = (&f, &take);
    std::thread::scope(|scope| {
        let handles: Vec<_> = slots[1..]
            .iter()
            .map(|slot| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || {
                        take(slot).into_iter().map(f).collect::<Vec<U>>()
                    })
                    .ok()
            })
            .collect();
        let mut out: Vec<U> = take(&slots[0]).into_iter().map(f).collect();
        for (slot, handle) in slots[1..].iter().zip(handles) {
            match handle.map(|h| h.join()) {
                Some(Ok(done)) => out.extend(done),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => out.extend(take(slot).into_iter().map(f)),
            }
        }
        out
    })
}

/// log10 P(canonical) - log10 P(mangled) of a window's two phrases with no
/// context: how much more common the canonical wording is by itself.
fn base_rate_difference(lm: &LanguageModel, window: &Window) -> f32 {
    fn words(s: &crate::lm::Sequence) -> Vec<&str> {
        (0..s.len()).map(|i| s.word(i)).collect()
    }
    lm.phrase_log10(&words(&window.canonical)) - lm.phrase_log10(&words(&window.mangled))
}

/// The canonical a near miss restores: the entry's, or its plural.
fn near_canonical(canonical: &str, difference: Difference) -> String {
    match difference {
        Difference::Plural => pluralize_last(canonical),
        _ => canonical.to_string(),
    }
}

/// What a restore plans: edits, candidates left alone, suggestions,
/// evidence.
struct Plan {
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
    evidence: Evidence,
}

/// What the plan of one chunk holds.
struct Planned {
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    suggestions: Vec<Suggestion>,
}

impl Planned {
    /// Moves every span `offset` bytes on: from the chunk into the input.
    fn shift(&mut self, offset: usize) {
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

/// How an ambiguous hit was decided.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Verdict {
    /// By the document gate alone (no language model, or a fingerprint).
    Document,
    /// By the document gate: the language model does not judge the entry.
    Unjudged,
    /// The language model prefers the canonical wording by the margin.
    Apply(Judgement),
    /// The language model does not.
    Skip(Judgement),
    /// A common entry the language model cannot judge: left alone.
    Drop,
}

/// Reads the context of a hit for the language model.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    hits: &'a [Hit],
    /// For each token, the hit covering it, or `u32::MAX`.
    owner: &'a [u32],
    lexicon: &'a Lexicon,
}

impl Context<'_> {
    /// Up to two words before `hit` into `window.left`, after
    /// [`SENTENCE_START`] when a sentence starts before them.
    fn left(&self, hit: &Hit, restored: &[bool], window: &mut Window) {
        let Window {
            left,
            tokens: scratch,
            ..
        } = window;
        let mut j = hit.first;
        let mut boundary = false;
        while left.len() < 2 {
            if j == 0 || self.tokens[j].break_before {
                boundary = true;
                break;
            }
            j -= 1;
            let o = self.owner[j];
            if o != u32::MAX && restored[o as usize] {
                // Words of a restored phrase, last first.
                let h = &self.hits[o as usize];
                let phrase = self.lexicon.canonical_of(h);
                tokenize_into(phrase, &[], scratch);
                for t in scratch.iter().rev() {
                    if left.len() < 2 && is_word(&phrase[t.start..t.end]) {
                        left.push_folded(&phrase[t.start..t.end]);
                    }
                }
                j = h.first;
                continue;
            }
            let t = self.tokens[j];
            if t.kind == TokenKind::Word {
                left.push_folded(&self.text[t.start..t.end]);
            } else if ends_sentence(self.text, self.tokens, j) {
                boundary = true;
                break;
            }
        }
        if boundary && left.len() < 2 {
            left.push(SENTENCE_START);
        }
        left.reverse();
    }

    /// Up to two words after `hit` into `window.right`, then
    /// [`SENTENCE_END`] when the sentence ends before two.
    fn right(&self, hit: &Hit, restored: &[bool], window: &mut Window) {
        let Window {
            right,
            tokens: scratch,
            ..
        } = window;
        let mut j = hit.last + 1;
        let mut boundary = false;
        while right.len() < 2 {
            if j >= self.tokens.len() || self.tokens[j].break_before {
                boundary = true;
                break;
            }
            let o = self.owner[j];
            if o != u32::MAX && restored[o as usize] {
                let h = &self.hits[o as usize];
                let phrase = self.lexicon.canonical_of(h);
                tokenize_into(phrase, &[], scratch);
                for t in scratch.iter() {
                    if right.len() < 2 && is_word(&phrase[t.start..t.end]) {
                        right.push_folded(&phrase[t.start..t.end]);
                    }
                }
                j = h.last + 1;
                continue;
            }
            let t = self.tokens[j];
            if t.kind == TokenKind::Word {
                right.push_folded(&self.text[t.start..t.end]);
            } else if ends_sentence(self.text, self.tokens, j) {
                boundary = true;
                break;
            }
            j += 1;
        }
        if boundary && right.len() < 2 {
            right.push(SENTENCE_END);
        }
    }
}

/// The reason of a language-model decision, in words. `by_score`: the
/// document's spin score, not its signal density, set the margin.
fn lm_reason(
    original: &str,
    replacement: &str,
    j: Judgement,
    evidence: &Evidence,
    by_score: bool,
) -> String {
    let d = j.difference;
    // "only" where the preference went the other way than the decision.
    let preference = match (d >= 0.0, j.restores()) {
        (true, true) => format!("{replacement:?} by {d:.1}"),
        (true, false) => format!("{replacement:?} by only {d:.1}"),
        (false, true) => format!("{original:?} by only {:.1}", -d),
        (false, false) => format!("{original:?} by {:.1}", -d),
    };
    if by_score {
        return format!(
            "language model prefers {preference} log10 in context (margin {:.1} for a document with a spin score of {:.1}: {} ambiguous phrases, {} fingerprints, {} spintax leftovers in {} words)",
            j.margin,
            evidence.spin_score(),
            evidence.ambiguous(),
            evidence.fingerprints(),
            evidence.spintax(),
            evidence.words()
        );
    }
    format!(
        "language model prefers {preference} log10 in context (margin {:.1} for a document with {:.1} signals per 1,000 words: {} fingerprints, {} spintax leftovers)",
        j.margin,
        evidence.per_thousand(),
        evidence.fingerprints(),
        evidence.spintax()
    )
}

/// Whether a dictionary phrase's token is a word (not punctuation).
fn is_word(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(crate::tokenize::is_word_char)
}

/// Whether punctuation token `j` ends a sentence for the language model:
/// `.`, `!`, `?`, `;`, `:` or `…`, except a `.` right after a one-letter
/// word ("U.S.", "J. Smith").
pub(crate) fn ends_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let t = tokens[j];
    match &text[t.start..t.end] {
        "!" | "?" | ";" | ":" | "\u{2026}" => true,
        "." => {
            !(j > 0 && {
                let p = tokens[j - 1];
                p.kind == TokenKind::Word
                    && crate::tokenize::touching(text, p.end, t.start)
                    && text[p.start..p.end].chars().count() == 1
            })
        }
        _ => false,
    }
}

/// Marks the tokens that lexicon hits cover.
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

fn covered(tokens: &[Token], hits: &[Hit]) -> Vec<bool> {
    let mut covered = vec![false; tokens.len()];
    for h in hits {
        covered[h.first..=h.last].fill(true);
    }
    covered
}

/// Whether a replacement would join the lines of the phrase it replaces:
/// "U.\nOkay." as "U.K.", which has no space to hold the line break.
/// Such a phrase is left as it is: joined lines read differently to the
/// next restore (a headline line grows) and to the reader.
fn joins_lines(original: &str, replacement: &str) -> bool {
    original.contains('\n') && !replacement.contains('\n')
}

/// Whether replacing the phrase of `hit` (`original`) with `replacement`
/// would write a word twice: the replacement starts with the word just
/// before the phrase, or ends with the word just after it, and the phrase
/// itself does not. "and they usually arrived" is genuine English, not a
/// spun "and they" (`they usually` -> `and they`): restored, it would read
/// "and and they arrived". Such a phrase is left as it is.
fn doubles_a_word(
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
            .map(|t| crate::tokenize::folded(&s[t.start..t.end]))
            .collect::<Vec<_>>()
    };
    let neighbour = |i: usize, next: usize| {
        let t = tokens[i];
        (t.kind == TokenKind::Word && !tokens[i.max(next)].break_before)
            .then(|| crate::tokenize::folded(&text[t.start..t.end]))
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

/// The number of distinct names among name hits.
fn count_names(hits: &[NameHit]) -> usize {
    distinct_names(hits).count()
}

/// The first token of each damaged name that `hits` (in text order) fall
/// in, once per name.
fn distinct_names(hits: &[NameHit]) -> impl Iterator<Item = usize> + '_ {
    hits.iter()
        .enumerate()
        .filter(|&(i, h)| i == 0 || hits[i - 1].name_first != h.name_first)
        .map(|(_, h)| h.name_first)
}

/// What one pass over a text finds.
struct Scan {
    tokens: Vec<Token>,
    /// Spintax leftover braces, opening and closing. They are not in
    /// `tokens`: phrases are read through them, as the text reads once
    /// they are gone, so a second restore finds nothing new.
    braces: Vec<(Token, Token)>,
    /// Lexicon matches of every class.
    hits: Vec<Hit>,
    /// Words of damaged names outside those matches.
    name_hits: Vec<NameHit>,
}

/// Whether the gap between two tokens holds a blank line: two newlines
/// with only whitespace between them.
fn has_blank_line(gap: &str) -> bool {
    let mut after_newline = false;
    for c in gap.chars() {
        if c == '\n' {
            if after_newline {
                return true;
            }
            after_newline = true;
        } else if !c.is_whitespace() {
            after_newline = false;
        }
    }
    false
}

/// Confidence of an ambiguous edit: from 0.5 at the gate up to 0.9 as the
/// signal density grows to four times the gate.
fn ambiguous_confidence(evidence: &Evidence, t: Thresholds) -> f32 {
    let gate = t.min_per_thousand.max(0.1);
    let ratio = (evidence.per_thousand() / (4.0 * gate)).min(1.0);
    (0.5 + 0.4 * ratio) as f32
}

/// An edit of the "a"/"an" just before token `first`, when the restored
/// word needs the other form and the original agreed with the old word.
fn article_before(
    text: &str,
    tokens: &[Token],
    first: usize,
    last_edited: Option<usize>,
    original: &str,
    replacement: &str,
) -> Option<Edit> {
    let prev = first.checked_sub(1)?;
    if last_edited.is_some_and(|l| l >= prev) || tokens[first].break_before {
        return None;
    }
    let art = tokens[prev];
    if art.kind != TokenKind::Word || crate::tokenize::touching(text, art.end, tokens[first].start)
    {
        return None;
    }
    let article = &text[art.start..art.end];
    let old_word = original.split_whitespace().next()?;
    let new_word = replacement.split_whitespace().next()?;
    // Only repair an article that agreed with the word it stood before.
    if fix_article(article, old_word).is_some() {
        return None;
    }
    let fixed = fix_article(article, new_word)?;
    Some(Edit {
        start: art.start,
        end: art.end,
        original: article.to_string(),
        replacement: fixed,
        rule: Rule::Article,
        confidence: FINGERPRINT_CONFIDENCE,
        reason: format!("article agrees with the restored word {new_word:?}"),
        language_model: None,
    })
}

/// Moves chunk offsets to input offsets.
fn shift(edits: &mut [Edit], skipped: &mut [Skipped], offset: usize) {
    if offset == 0 {
        return;
    }
    for e in edits {
        e.start = e.start.saturating_add(offset);
        e.end = e.end.saturating_add(offset);
    }
    for s in skipped {
        s.start = s.start.saturating_add(offset);
        s.end = s.end.saturating_add(offset);
    }
}

/// Applies sorted, non-overlapping edits to `input`.
fn apply(input: &[u8], edits: &[Edit]) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn restorer(tsv: &str) -> Restorer {
        Restorer::builder()
            .default_dictionaries(false)
            .dictionary(Dictionary::from_tsv("t", tsv).unwrap())
            .build()
    }

    const TSV: &str = "protection secretary\tDefense Secretary\tfingerprint\nU.Okay.\tU.K.\tfingerprint\nstated\tsaid\tambiguous\neverlasting\tlasting\tambiguous\ngetty pictures\tGetty Images\tfingerprint\nthey usually\tand they\tfingerprint\n";

    #[test]
    fn ambiguous_entries_wait_for_evidence() {
        let r = restorer(TSV);
        assert_eq!(r.restore("He stated it.").text(), "He stated it.");
        assert_eq!(
            r.restore("The Protection Secretary stated it in the U.Okay.")
                .text(),
            "The Defense Secretary said it in the U.K."
        );
    }

    #[test]
    fn articles_follow_the_restored_word() {
        // Without the language model, which prefers "an everlasting
        // peace" in this context.
        let r = Restorer::builder()
            .default_dictionaries(false)
            .dictionary(Dictionary::from_tsv("t", TSV).unwrap())
            .language_model(false)
            .build();
        let out = r.restore("U.Okay. and Getty Pictures seek an everlasting peace.");
        assert_eq!(out.text(), "U.K. and Getty Images seek a lasting peace.");
        let kinds: Vec<_> = out.edits().iter().map(|e| e.rule().clone()).collect();
        assert!(kinds.contains(&Rule::Article));
    }

    #[test]
    fn spintax_braces_are_removed() {
        let r = restorer(TSV);
        let out = r.restore("a handout {photograph} and {that a} test");
        assert_eq!(out.text(), "a handout photograph and that a test");
        assert_eq!(out.evidence().spintax(), 2);
    }

    #[test]
    fn edits_report_spans_in_the_input() {
        let r = restorer(TSV);
        let input = "“Protection Secretary’s” words";
        let out = r.restore(input);
        assert_eq!(out.text(), "“Defense Secretary’s” words");
        let e = &out.edits()[0];
        assert_eq!(&input[e.span()], "Protection Secretary");
        assert_eq!(e.dictionary(), Some("t"));
        assert_eq!(e.class(), Some(Class::Fingerprint));
    }

    #[test]
    fn protected_regions_are_untouched() {
        let r = restorer(TSV);
        let input = "Getty Pictures ![U.Okay.](https://x/getty pictures) `they usually` <b title=\"U.Okay.\">";
        assert_eq!(
            r.restore(input).text(),
            "Getty Images ![U.K.](https://x/getty pictures) `they usually` <b title=\"U.Okay.\">"
        );
    }

    /// A document that shows spin (three fingerprints), then `body`.
    fn spun(body: &str) -> String {
        format!(
            "Protection Secretary Pete Hegseth met the U.Okay. delegation, via Getty Pictures.\n\n{body}"
        )
    }

    #[test]
    fn language_model_restores_a_spun_said() {
        let r = Restorer::new().restore(&spun("Hegseth stated the plan would work."));
        assert!(
            r.text().ends_with("Hegseth said the plan would work."),
            "{}",
            r.text()
        );
        let e = r.edits().iter().find(|e| e.original() == "stated").unwrap();
        let j = e.judgement().expect("judged by the language model");
        assert!(j.difference() > 1.0 && j.restores(), "{j:?}");
        assert!(
            e.reason().starts_with("language model prefers \"said\""),
            "{}",
            e.reason()
        );
        assert!(hand_skips(&r).is_empty());
    }

    /// The occurrences of hand-written (`ambiguous`) entries the model left
    /// alone; learned `common` words it holds back are not under test here.
    fn hand_skips(r: &Restoration) -> Vec<&Skipped> {
        r.skipped()
            .iter()
            .filter(|s| {
                !matches!(
                    s.rule(),
                    Rule::Lexicon {
                        class: Class::Common,
                        ..
                    }
                )
            })
            .collect()
    }

    #[test]
    fn language_model_keeps_a_genuine_however() {
        let body = "However long it takes, we will wait. The talks stalled, however the two sides will meet.";
        let r = Restorer::new().restore(&spun(body));
        assert!(
            r.text().ends_with("However long it takes, we will wait. The talks stalled, but the two sides will meet."),
            "{}",
            r.text()
        );
        let skipped = hand_skips(&r);
        assert_eq!(skipped.len(), 1);
        let s = skipped[0];
        assert_eq!((s.original(), s.replacement()), ("However", "But"));
        assert!(s.judgement().difference() < -1.0, "{:?}", s.judgement());
        assert!(!s.judgement().restores());
        assert!(s.reason().contains("prefers \"However\""), "{}", s.reason());
    }

    #[test]
    fn language_model_keeps_idioms() {
        for genuine in [
            "It was the stated goal of the Pentagon.",
            "She had been a teacher for years.",
        ] {
            let r = Restorer::new().restore(&spun(genuine));
            assert!(r.text().ends_with(genuine), "{}", r.text());
            assert_eq!(hand_skips(&r).len(), 1, "{genuine}");
        }
    }

    #[test]
    fn without_the_language_model_every_occurrence_is_restored() {
        let body = "However long it takes, it was the stated goal.";
        let r = Restorer::builder()
            .language_model(false)
            .build()
            .restore(&spun(body));
        assert!(r
            .text()
            .ends_with("But long it takes, it was the said goal."));
        assert!(r.skipped().is_empty());
        assert!(r.edits().iter().all(|e| e.judgement().is_none()));
    }

    #[test]
    fn margins_follow_the_document_spin() {
        let m = Margins {
            weak: 2.0,
            strong: -0.5,
        };
        assert_eq!(m.at(0.0), 2.0);
        assert_eq!(m.at(WEAK_SPIN), 2.0);
        assert!((m.at(WEAK_SPIN * 10f64.sqrt()) - 0.75).abs() < 1e-9);
        assert_eq!(m.at(STRONG_SPIN), -0.5);
        assert_eq!(m.at(500.0), -0.5);
        // A high enough margin leaves every judged occurrence alone.
        let r = Restorer::builder()
            .language_model_margins(10.0, 10.0)
            .build()
            .restore(&spun("Hegseth stated the plan would work."));
        assert!(r.text().ends_with("Hegseth stated the plan would work."));
        assert_eq!(r.skipped()[0].judgement().margin(), 10.0);
    }

    #[test]
    fn entries_the_model_does_not_judge_follow_the_document_gate() {
        // A word the model does not know: restored on the document's
        // evidence alone.
        let r = Restorer::builder()
            .dictionary(Dictionary::from_tsv("t", "quarrelz\tdispute\tambiguous\n").unwrap())
            .build()
            .restore(&spun("The quarrelz went on."));
        let e = r
            .edits()
            .iter()
            .find(|e| e.original() == "quarrelz")
            .unwrap();
        assert!(e.judgement().is_none());
        assert!(e.reason().contains("does not judge"), "{}", e.reason());
        // A number: "June fifth" / "June 5".
        let r = Restorer::new().restore(&spun("They met on June fifth."));
        assert!(r.text().ends_with("They met on June 5."), "{}", r.text());
    }

    #[test]
    fn context_reads_restored_neighbours() {
        // "stated" follows a fingerprint: its left context is "defense
        // secretary", as restored, which makes "said" far more probable.
        let r = Restorer::new().restore(&spun("The Protection Secretary stated it."));
        let e = r.edits().iter().find(|e| e.original() == "stated").unwrap();
        let restored = e.judgement().unwrap().difference();
        let r = Restorer::new().restore(&spun("The Protection Clerk stated it."));
        let e = r.edits().iter().find(|e| e.original() == "stated");
        let other = e.map_or(f32::MIN, |e| e.judgement().unwrap().difference());
        assert!(restored > other, "{restored} vs {other}");
    }

    #[test]
    fn detect_scores_each_paragraph() {
        let r = restorer(TSV);
        let text = "Protection Secretary stated it in the U.Okay.\r\n \r\nHe stated it.\nAgain.\n\n\nGetty Pictures";
        let d = r.detect(text);
        let ps = d.paragraphs();
        assert_eq!(ps.len(), 3);
        assert_eq!(
            &text[ps[0].span()],
            "Protection Secretary stated it in the U.Okay."
        );
        assert_eq!(
            (ps[0].score().fingerprints(), ps[0].score().ambiguous()),
            (2, 1)
        );
        assert_eq!(&text[ps[1].span()], "He stated it.\nAgain.");
        assert_eq!((ps[1].score().words(), ps[1].score().ambiguous()), (4, 1));
        assert_eq!(ps[2].score().fingerprints(), 1);
        // The whole text's counts are the restore's evidence.
        let e = *r.restore(text).evidence();
        let s = d.score();
        assert_eq!(
            (s.words(), s.fingerprints(), s.ambiguous(), s.spintax()),
            (e.words(), e.fingerprints(), e.ambiguous(), e.spintax())
        );
        assert!(d.is_spun());
        assert!(r.detect("").paragraphs().is_empty());
        // Damaged names count in their paragraph as in the document.
        let named =
            "Plain words here.\n\nThe Workplace of Nationwide Drug Management Coverage met.";
        let d = Restorer::new().detect(named);
        let ps = d.paragraphs();
        assert_eq!(ps[0].score().fingerprints(), 0);
        assert_eq!(ps[1].score().fingerprints(), 1);
        assert_eq!(d.score().fingerprints(), 1);
    }

    #[test]
    fn blank_lines_need_only_whitespace_between_newlines() {
        assert!(has_blank_line("\n\n"));
        assert!(has_blank_line(" \r\n\t\r\n "));
        assert!(!has_blank_line("\n"));
        assert!(!has_blank_line("\n`x`\n"));
    }

    /// A document of several paragraphs: spun ones, a fence that spans a
    /// blank line, CRLF lines, invalid UTF-8 and names.
    fn long_document() -> Vec<u8> {
        let mut doc = Vec::new();
        for i in 0..40 {
            doc.extend_from_slice(match i % 8 {
                0 => &b"The Protection Secretary stated it at the U.Okay. assembly.\n\n"[..],
                1 => b"He stated that the battle would finish soon, via Getty Pictures.\r\n\r\n",
                2 => b"```\nstated\n\nbattle\n```\n\n",
                3 => b"caf\xe9 stated \xff the battle\n \n",
                4 => b"It was the stated goal of the Division of Authorities Effectivity.\n\n",
                5 => b"a handout {photograph} of an everlasting peace\n\n",
                6 => b"One long line of words with no blank line after it, stated once\n",
                _ => b"<!-- stated\n\nbattle -->\n\n",
            });
        }
        doc
    }

    #[test]
    fn cutting_at_blank_lines_changes_nothing() {
        let doc = long_document();
        let whole = Restorer::new().restore_bytes(&doc);
        assert!(whole.evidence().is_spun());
        // Every paragraph fits in 80 bytes, every fence and comment too.
        for size in [160, 300, 1000] {
            let chunked = Restorer::builder().chunk_size(size).build();
            let r = chunked.restore_bytes(&doc);
            assert_eq!(r.bytes(), whole.bytes(), "chunk size {size}");
            assert_eq!(r.edits(), whole.edits(), "chunk size {size}");
            assert_eq!(r.skipped(), whole.skipped(), "chunk size {size}");
            assert_eq!(r.evidence(), whole.evidence(), "chunk size {size}");
            let text = String::from_utf8_lossy(&doc);
            assert_eq!(
                chunked.detect(&text).paragraphs(),
                Restorer::new().detect(&text).paragraphs()
            );
        }
    }

    #[test]
    fn nothing_crosses_a_blank_line() {
        let r = Restorer::new();
        // In a spun document (see `spun`), each pair restores as it does
        // apart: nothing joins the end of one paragraph to the next.
        let restored = |body: &str| {
            let out = r.restore(&spun(body)).into_text();
            out[out.find("\n\n").unwrap() + 2..].to_string()
        };
        let cases = [
            // a phrase
            ("the Protection", "Secretary met them"),
            // a near miss
            ("via Getty-", "Pictures today"),
            // a damaged name
            ("before the Supreme", "Courtroom today"),
            // spintax braces
            ("a handout {photograph", "} of it"),
            // an article before a restored word
            ("they seek an", "everlasting peace"),
        ];
        for (a, b) in cases {
            let joined = restored(&format!("{a}\n\n{b}"));
            assert_eq!(
                joined,
                format!("{}\n\n{}", restored(a), restored(b)),
                "{a:?} / {b:?}"
            );
        }
        assert_eq!(
            restored("they seek an\n\neverlasting peace"),
            "they seek an\n\nlasting peace"
        );
        // The language model's context: a sentence starts after the blank
        // line, as it does after a full stop.
        let judged = |text: &str| {
            let r = r.restore(&spun(text));
            let edit = r.edits().iter().find(|e| e.original() == "stated");
            let left = r.skipped().iter().find(|s| s.original() == "stated");
            edit.and_then(|e| e.judgement().copied())
                .or(left.map(|s| *s.judgement()))
                .unwrap()
        };
        assert_eq!(
            judged("It was the\n\nstated goal of it."),
            judged("It was. stated goal of it.")
        );
    }

    #[test]
    fn the_evidence_is_the_whole_documents() {
        // The second paragraph alone shows no spin; the document does, so
        // its "stated" is judged as in a spun document.
        let doc = "The Protection Secretary met the U.Okay. team, via Getty Pictures.\n\nHe stated the plan would work.\n";
        let whole = Restorer::new().restore(doc);
        assert!(whole.text().ends_with("He said the plan would work.\n"));
        let chunked = Restorer::builder().chunk_size(70).build();
        let pieces = crate::chunk::ranges(doc.as_bytes(), 70, &chunked.protector);
        assert_eq!(pieces.len(), 2);
        assert_eq!(chunked.restore(doc).text(), whole.text());
        let alone = Restorer::new().restore("He stated the plan would work.\n");
        assert_eq!(alone.text(), "He stated the plan would work.\n");
    }

    #[test]
    fn streams_restore_as_memory_does() {
        let doc = long_document();
        for (size, threads) in [(16, 1), (50, 1), (160, 1), (100_000, 1), (16, 3), (50, 2)] {
            let r = Restorer::builder()
                .chunk_size(size)
                .threads(threads)
                .build();
            let memory = r.restore_bytes(&doc);
            let one_thread = Restorer::builder()
                .chunk_size(size)
                .build()
                .restore_bytes(&doc);
            assert_eq!(memory.bytes(), one_thread.bytes());
            assert_eq!(memory.edits(), one_thread.edits());
            let evidence = r.evidence_from(doc.as_slice()).unwrap();
            assert_eq!(&evidence, memory.evidence());
            let mut bytes = Vec::new();
            let (mut edits, mut skipped) = (Vec::new(), Vec::new());
            let mut next = 0;
            for chunk in r.restore_chunks(doc.as_slice(), &evidence) {
                let chunk = chunk.unwrap();
                assert_eq!(chunk.start(), next);
                assert_eq!(
                    chunk.input(),
                    &doc[next as usize..next as usize + chunk.input().len()]
                );
                next += chunk.input().len() as u64;
                bytes.extend_from_slice(chunk.bytes());
                edits.extend_from_slice(chunk.edits());
                skipped.extend_from_slice(chunk.skipped());
            }
            assert_eq!(next, doc.len() as u64);
            assert_eq!(bytes, memory.bytes(), "chunk size {size}");
            assert_eq!(edits, memory.edits());
            assert_eq!(skipped, memory.skipped());

            let mut out = Vec::new();
            let summary = r
                .restore_stream(std::io::Cursor::new(&doc), &mut out)
                .unwrap();
            assert_eq!(out, memory.bytes());
            assert_eq!(summary.evidence(), memory.evidence());
            assert_eq!(summary.edit_count(), memory.edits().len());
            assert_eq!(summary.skipped_count(), memory.skipped().len());
            assert!(summary.is_changed());
        }
    }

    #[test]
    fn a_stream_restores_from_where_it_is() {
        let mut input = std::io::Cursor::new(b"U.Okay. skipped\n\nThe U.Okay. team\n".to_vec());
        input.set_position(17);
        let mut out = Vec::new();
        for size in [16, 1000] {
            out.clear();
            input.set_position(17);
            let r = Restorer::builder().chunk_size(size).build();
            r.restore_stream(&mut input, &mut out).unwrap();
            assert_eq!(out, b"The U.K. team\n");
        }
    }

    #[test]
    fn read_errors_end_a_stream() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("disk on fire"));
                }
                let n = buf.len().min(self.0);
                buf[..n].fill(b'a');
                self.0 -= n;
                Ok(n)
            }
        }
        for threads in [1, 3] {
            let r = Restorer::builder().chunk_size(16).threads(threads).build();
            assert!(r.evidence_from(Failing(40)).is_err());
            let evidence = r.evidence_from(&b""[..]).unwrap();
            let mut chunks = r.restore_chunks(Failing(40), &evidence);
            let err = chunks.next().unwrap().unwrap_err();
            assert_eq!(err.to_string(), "disk on fire");
            assert!(chunks.next().is_none());
            assert!(r
                .restore_stream(std::io::Cursor::new(b""), &mut Vec::new())
                .is_ok());
        }
    }

    #[test]
    fn chunks_before_a_read_error_come_first() {
        // Blank lines every 12 bytes, then an error: the chunks read before
        // it are restored and given out, then the error.
        /// Bytes read so far, and how many to give before the error.
        struct Paragraphs(usize, usize);
        impl Read for Paragraphs {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == self.1 {
                    return Err(io::Error::other("disk on fire"));
                }
                let at = self.0 % 12;
                let n = buf.len().min(self.1 - self.0).min(12 - at);
                buf[..n].copy_from_slice(&b"U.Okay. a\n\n\n"[at..at + n]);
                self.0 += n;
                Ok(n)
            }
        }
        for threads in [1, 2, 4] {
            let r = Restorer::builder().chunk_size(16).threads(threads).build();
            let evidence = r.evidence_from(&b"U.Okay. U.Okay."[..]).unwrap();
            let items: Vec<_> = r
                .restore_chunks(Paragraphs(0, 200_004), &evidence)
                .collect();
            let (last, chunks) = items.split_last().unwrap();
            assert_eq!(last.as_ref().unwrap_err().to_string(), "disk on fire");
            assert!(!chunks.is_empty());
            for chunk in chunks {
                let bytes = chunk.as_ref().unwrap().bytes();
                assert!(!bytes.windows(4).any(|w| w == b"Okay"), "{bytes:?}");
            }
        }
    }

    #[test]
    fn parallel_map_keeps_the_order() {
        for threads in 1..6 {
            for n in 0..12 {
                let items: Vec<usize> = (0..n).collect();
                let doubled = parallel_map(items, threads, |x| x * 2);
                assert_eq!(doubled, (0..n).map(|x| x * 2).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn invalid_utf8_passes_through() {
        let r = restorer(TSV);
        let out = r.restore_bytes(b"caf\xe9 U.Okay.\r\n\xff\xfe getty pictures");
        assert_eq!(out.bytes(), b"caf\xe9 U.K.\r\n\xff\xfe Getty Images");
    }
}
