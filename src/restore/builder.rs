//! Configuring a [`Restorer`]: dictionaries, thresholds, the language
//! model, protected regions, chunks and threads.

use crate::decide::model::DecisionModel;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::Restorer;
use crate::decide::evidence::{self, Thresholds};
use crate::decide::gate::Margins;
use crate::decide::lm::LanguageModel;
use crate::dict::dictionary::Dictionary;
use crate::find::chunk;
use crate::find::lexicon::Lexicon;
use crate::find::near_miss::NearMissIndex;
use crate::find::protect::Protector;
use crate::suggest::vocabulary::Vocabulary;

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
    /// `None`: hand-set margins decide.
    decision: Option<Arc<DecisionModel>>,
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
            decision: Some(Arc::new(DecisionModel::embedded().clone())),
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
    /// The default [`min_signals`](RestorerBuilder::min_signals): 2.
    pub const DEFAULT_MIN_SIGNALS: usize = evidence::DEFAULT_MIN_SIGNALS;
    /// The default [`min_per_thousand`](RestorerBuilder::min_per_thousand):
    /// 2 signals per 1,000 words.
    pub const DEFAULT_MIN_PER_THOUSAND: f64 = evidence::DEFAULT_MIN_PER_THOUSAND;
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
    /// [`DEFAULT_THRESHOLD`](crate::decide::detect::DEFAULT_THRESHOLD)); a text
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
    /// a range that spans a blank line may be seen in two pieces. `find`
    /// is unwind safe (as closures over plain data, a `Mutex` or a
    /// `regex::Regex` are), so that the restorer stays `UnwindSafe` and
    /// `RefUnwindSafe`.
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
        F: Fn(&str) -> Vec<Range<usize>>
            + Send
            + Sync
            + std::panic::RefUnwindSafe
            + std::panic::UnwindSafe
            + 'static,
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
        self.decision = None;
        self
    }

    /// The model that decides each occurrence of an ambiguous or common
    /// entry in a document shown to be spun (default: the embedded
    /// [`DecisionModel::embedded`], fitted on spun/original pairs by
    /// `unspin learn --decision-model`). Setting
    /// [`language_model_margins`](RestorerBuilder::language_model_margins)
    /// afterwards replaces it with hand-set margins.
    ///
    /// # Example
    ///
    /// ```
    /// let model = unspin::DecisionModel::embedded().clone();
    /// let r = unspin::Restorer::builder().decision_model(model).build();
    /// let out = r.restore("Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly.");
    /// let said = out.edits().iter().find(|e| e.original() == "stated").unwrap();
    /// assert!(said.judgement().unwrap().probability().unwrap() > 0.5);
    /// ```
    pub fn decision_model(mut self, model: DecisionModel) -> RestorerBuilder {
        self.decision = Some(Arc::new(model));
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
    /// [`Outcome::suggestions`](crate::Outcome::suggestions). Only documents shown to be spun get
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
    /// edit of rule [`Rule::Suggestion`](crate::Rule::Suggestion) (default off: a suggestion's
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
                .filter_map(|p| crate::format::tokenize::phrase_key(p))
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
            decision: self.decision,
        }
    }
}

fn embedded_near_miss_index() -> Arc<NearMissIndex> {
    static INDEX: OnceLock<Arc<NearMissIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| Arc::new(NearMissIndex::embedded()))
        .clone()
}

pub(super) fn embedded_lexicon() -> Arc<Lexicon> {
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEXICON
        .get_or_init(|| Arc::new(Lexicon::embedded()))
        .clone()
}

fn protector() -> Arc<Protector> {
    static PROTECTOR: OnceLock<Arc<Protector>> = OnceLock::new();
    PROTECTOR.get_or_init(|| Arc::new(Protector::new())).clone()
}
