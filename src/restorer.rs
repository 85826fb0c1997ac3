//! The restorer: finds spin, decides what to change, and reports each edit.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::article::fix_article;
use crate::case::transfer_case;
use crate::detect::{self, Detection, SpinScore};
use crate::dict_format::Class;
use crate::dictionary::{Dictionary, DictionaryInfo, Entry};
use crate::evidence::{Evidence, Thresholds};
use crate::lexicon::{Hit, Lexicon};
use crate::names::{NameHit, NameWords};
use crate::near_miss::{pluralize_last, Difference, NearMissIndex};
use crate::protect::Protector;
use crate::spintax;
use crate::tokenize::{tokenize_into, Token, TokenKind};

/// Confidence given to a word restored by the damaged-name rule.
const NAME_CONFIDENCE: f32 = 0.9;

/// Confidence given to a fingerprint edit.
const FINGERPRINT_CONFIDENCE: f32 = 0.95;
/// Confidence given to a spintax leftover repair.
const SPINTAX_CONFIDENCE: f32 = 0.99;

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
    spin_threshold: f64,
    disabled: Vec<String>,
    ignored: Vec<String>,
}

impl Default for RestorerBuilder {
    fn default() -> RestorerBuilder {
        RestorerBuilder {
            default_dictionaries: true,
            extra: Vec::new(),
            thresholds: Thresholds::default(),
            ambiguous: true,
            near_misses: true,
            spin_threshold: detect::DEFAULT_THRESHOLD,
            disabled: Vec::new(),
            ignored: Vec::new(),
        }
    }
}

impl RestorerBuilder {
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

    /// Score at and above which [`Restorer::detect`] judges a text spun
    /// (default [`DEFAULT_THRESHOLD`](crate::detect::DEFAULT_THRESHOLD)).
    /// It does not change what [`Restorer::restore`] does.
    pub fn spin_threshold(mut self, score: f64) -> RestorerBuilder {
        self.spin_threshold = score;
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
            protector: protector(),
            thresholds: self.thresholds,
            ambiguous: self.ambiguous,
            spin_threshold: self.spin_threshold,
        }
    }
}

fn embedded_near_miss_index() -> Arc<NearMissIndex> {
    static INDEX: OnceLock<Arc<NearMissIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| Arc::new(NearMissIndex::build(&embedded_lexicon())))
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
    spin_threshold: f64,
}

impl std::fmt::Debug for Restorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Restorer")
            .field("entries", &self.lexicon.len())
            .field("thresholds", &self.thresholds)
            .field("ambiguous", &self.ambiguous)
            .field("spin_threshold", &self.spin_threshold)
            .finish()
    }
}

impl Default for Restorer {
    fn default() -> Restorer {
        Restorer::new()
    }
}

/// What a restore did: the text, every edit, and the evidence of spin.
#[derive(Clone, Debug, Serialize)]
pub struct Restoration {
    text: String,
    edits: Vec<Edit>,
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
    /// The document-level evidence of spin.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
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
        let (edits, evidence) = self.plan(text);
        let text = apply(text.as_bytes(), &edits);
        let text = String::from_utf8(text).expect("edits replace whole UTF-8 spans with UTF-8");
        Restoration {
            text,
            edits,
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
        let (edits, evidence) = match std::str::from_utf8(input) {
            Ok(text) => self.plan(text),
            Err(_) => {
                // Same length, invalid bytes as U+001A: byte offsets agree,
                // and the substitute is punctuation no entry contains.
                let mut text = String::with_capacity(input.len());
                for chunk in input.utf8_chunks() {
                    text.push_str(chunk.valid());
                    text.extend(std::iter::repeat_n('\u{1a}', chunk.invalid().len()));
                }
                self.plan(&text)
            }
        };
        RestoredBytes {
            bytes: apply(input, &edits),
            edits,
            evidence,
        }
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
        let scan = self.scan(text);
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
        // (words, fingerprints, ambiguous, spintax) per paragraph.
        let mut counts = vec![(0usize, 0usize, 0usize, 0usize); starts.len()];
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
            }
        }
        for &(open, _) in &scan.braces {
            counts[paragraph_of(open)].3 += 1;
        }
        let paragraphs = starts
            .iter()
            .enumerate()
            .map(|(p, &first)| {
                let last = starts.get(p + 1).map_or(tokens.len(), |&next| next) - 1;
                let (w, f, a, s) = counts[p];
                detect::paragraph(
                    tokens[first].start..tokens[last].end,
                    SpinScore::new(w, f, a, s),
                )
            })
            .collect();
        let e = self.evidence(&scan);
        Detection::new(
            SpinScore::new(e.words(), e.fingerprints(), e.ambiguous(), e.spintax()),
            self.spin_threshold,
            paragraphs,
        )
    }

    /// Protected regions, tokens, spintax leftovers and every lexicon match
    /// (all classes, leftmost-longest).
    fn scan(&self, text: &str) -> Scan {
        let mut regions = Vec::new();
        self.protector.regions(text, &mut regions);
        let mut tokens = Vec::new();
        tokenize_into(text, &regions, &mut tokens);
        let mut braces = Vec::new();
        spintax::leftovers(text, &tokens, &mut braces);
        let mut hits = Vec::new();
        self.lexicon.find_all(text, &tokens, |_| true, &mut hits);
        let mut name_hits = Vec::new();
        NameWords::embedded().find(text, &tokens, &covered(&tokens, &hits), &mut name_hits);
        Scan {
            tokens,
            braces,
            hits,
            name_hits,
        }
    }

    /// The document's evidence from a scan.
    fn evidence(&self, scan: &Scan) -> Evidence {
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
        Evidence::assess(
            words,
            fingerprints + count_names(&scan.name_hits),
            ambiguous,
            scan.braces.len(),
            self.thresholds,
        )
    }

    /// Finds spin and decides every edit, without applying them.
    fn plan(&self, text: &str) -> (Vec<Edit>, Evidence) {
        let scan = self.scan(text);
        let evidence = self.evidence(&scan);
        let Scan {
            tokens,
            braces,
            mut hits,
            mut name_hits,
        } = scan;
        let names = NameWords::embedded();
        let class_of = |h: &Hit| self.lexicon.entry(h.entry).class();
        let ambiguous_ok = self.ambiguous && evidence.is_spun();
        if !ambiguous_ok && hits.iter().any(|h| class_of(h) != Class::Fingerprint) {
            // Without the ambiguous entries, shorter fingerprints they
            // shadowed may match: scan again.
            hits.clear();
            self.lexicon
                .find_all(text, &tokens, |c| c == Class::Fingerprint, &mut hits);
            name_hits.clear();
            names.find(text, &tokens, &covered(&tokens, &hits), &mut name_hits);
        }

        let mut edits = Vec::with_capacity(hits.len() + braces.len() * 2);
        for &(open, close) in &braces {
            for t in [tokens[open], tokens[close]] {
                edits.push(Edit {
                    start: t.start,
                    end: t.end,
                    original: text[t.start..t.end].to_string(),
                    replacement: String::new(),
                    rule: Rule::Spintax,
                    confidence: SPINTAX_CONFIDENCE,
                    reason: "brace left over from unexpanded spintax".to_string(),
                });
            }
        }
        // Tokens that an edit already covers, so article fixes skip them.
        let mut last_edited_token: Option<usize> = None;
        for hit in &hits {
            let entry = self.lexicon.entry(hit.entry);
            let original = &text[hit.start..hit.end];
            let replacement = transfer_case(original, entry.canonical());
            if replacement == original {
                continue;
            }
            let (confidence, reason) = match entry.class() {
                Class::Fingerprint => (
                    FINGERPRINT_CONFIDENCE,
                    "fingerprint: this phrase does not occur in clean prose".to_string(),
                ),
                _ => (
                    ambiguous_confidence(&evidence, self.thresholds),
                    format!(
                        "ambiguous, applied because the document shows spin: {} fingerprints and {} spintax leftovers, {:.1} per 1,000 words (gate: {} and {:.1})",
                        evidence.fingerprints(),
                        evidence.spintax(),
                        evidence.per_thousand(),
                        self.thresholds.min_signals,
                        self.thresholds.min_per_thousand
                    ),
                ),
            };
            let dictionary = self
                .lexicon
                .dictionary_of(hit.entry)
                .info()
                .name()
                .to_string();
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
                rule: Rule::Lexicon {
                    dictionary,
                    line: entry.line(),
                    entry: entry.mangled().to_string(),
                    class: entry.class(),
                },
                confidence,
                reason,
            });
            last_edited_token = Some(hit.last);
        }
        for h in &name_hits {
            let t = tokens[h.token];
            let word = names.entry(text, &t);
            let original = &text[t.start..t.end];
            let replacement = transfer_case(original, &word.canonical);
            if replacement == original {
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
            });
        }
        let mut taken = covered(&tokens, &hits);
        for h in &name_hits {
            taken[h.token] = true;
        }
        let mut near = Vec::new();
        self.near_miss
            .find(text, &tokens, &taken, evidence.is_spun(), &mut near);
        for m in &near {
            let entry = self.lexicon.entry(m.entry);
            let (start, end) = (tokens[m.first].start, tokens[m.last].end);
            let original = &text[start..end];
            let canonical = match m.difference {
                Difference::Plural => pluralize_last(entry.canonical()),
                _ => entry.canonical().to_string(),
            };
            let replacement = transfer_case(original, &canonical);
            if replacement == original {
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
                reason: format!("near miss of fingerprint {:?}: {why}", entry.mangled()),
            });
        }
        edits.sort_by_key(|e| e.start);
        (edits, evidence)
    }
}

/// Marks the tokens that lexicon hits cover.
fn covered(tokens: &[Token], hits: &[Hit]) -> Vec<bool> {
    let mut covered = vec![false; tokens.len()];
    for h in hits {
        covered[h.first..=h.last].fill(true);
    }
    covered
}

/// The number of distinct names among name hits.
fn count_names(hits: &[NameHit]) -> usize {
    let mut n = 0;
    let mut last = None;
    for h in hits {
        if last != Some(h.name_first) {
            n += 1;
            last = Some(h.name_first);
        }
    }
    n
}

/// What one pass over a text finds.
struct Scan {
    tokens: Vec<Token>,
    /// Token indices of spintax leftover braces.
    braces: Vec<(usize, usize)>,
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
    if art.kind != TokenKind::Word || art.end == tokens[first].start {
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
    })
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
        let r = restorer(TSV);
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
    }

    #[test]
    fn blank_lines_need_only_whitespace_between_newlines() {
        assert!(has_blank_line("\n\n"));
        assert!(has_blank_line(" \r\n\t\r\n "));
        assert!(!has_blank_line("\n"));
        assert!(!has_blank_line("\n`x`\n"));
    }

    #[test]
    fn invalid_utf8_passes_through() {
        let r = restorer(TSV);
        let out = r.restore_bytes(b"caf\xe9 U.Okay.\r\n\xff\xfe getty pictures");
        assert_eq!(out.bytes(), b"caf\xe9 U.K.\r\n\xff\xfe Getty Images");
    }
}
