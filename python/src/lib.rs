//! Python bindings of `unspin`: the `unspin._unspin` extension module of
//! the `unspin` wheel (see docs/python.md). The pure-Python package
//! (python/unspin/) re-exports it.
//!
//! Two things are done here rather than left to Python:
//!
//! - offsets: the library reports byte ranges of the UTF-8 input; Python
//!   indexes strings by code point, so every span is converted (in one pass
//!   over the text, and not at all for ASCII text) before it reaches Python;
//! - threads: every restore and detection runs with the GIL released, and
//!   the batch functions spread their texts over rayon's thread pool.

use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

create_exception!(
    unspin,
    UnspinError,
    PyValueError,
    "An error from unspin, with its message: a dictionary file that cannot be read or is malformed (the message names the file and line)."
);

fn error(e: unspin::Error) -> PyErr {
    UnspinError::new_err(e.to_string())
}

/// The restorer with the embedded dictionaries and default options, built
/// once per process.
fn default_restorer() -> &'static unspin::Restorer {
    static DEFAULT: OnceLock<unspin::Restorer> = OnceLock::new();
    DEFAULT.get_or_init(unspin::Restorer::new)
}

/// Code point offsets of byte offsets into one text. Offsets asked in
/// increasing order cost one pass over the text in all; ASCII text costs
/// nothing.
struct CodePoints<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'a> CodePoints<'a> {
    fn new(text: &'a str) -> Self {
        CodePoints {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code point offset of byte offset `byte` (a char boundary; past
    /// the end means the end).
    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// The texts of a batch: any iterable of `str` but a `str` itself.
fn texts_of(texts: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedStr>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected an iterable of str (a list, a tuple, a pandas Series), not a str",
        ));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for item in texts.try_iter()? {
        out.push(item?.extract::<PyBackedStr>()?);
    }
    Ok(out)
}

/// One change a restore made: `text[start:end]` of the input, `original`,
/// was replaced with `replacement`.
///
/// `start` and `end` are offsets in the Python string that was restored
/// (code points, as `str` indexing counts), so
/// `text[edit.start:edit.end] == edit.original`.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Edit {
    /// Offset of the first character replaced, in the input string.
    start: usize,
    /// Offset just past the last character replaced, in the input string.
    end: usize,
    /// The input text of the span.
    original: String,
    /// What the span was replaced with.
    replacement: String,
    /// The rule that fired: "lexicon" (a dictionary entry), "near_miss"
    /// (other spacing, a plural or a misspelling of an entry), "name" (a
    /// word of a damaged name), "article" ("a"/"an" agreeing with the
    /// restored word), "spintax" (a leftover brace) or "suggestion".
    rule: &'static str,
    /// The dictionary of the entry, for the lexicon and near-miss rules.
    dictionary: Option<String>,
    /// The entry's class, for the lexicon rule: "fingerprint",
    /// "ambiguous" or "common".
    entry_class: Option<&'static str>,
    /// How sure the restorer is, from 0 to 1.
    confidence: f64,
    /// Why the edit fired, in words.
    reason: String,
}

#[pymethods]
impl Edit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(start={}, end={}, original={:?}, replacement={:?}, rule={:?}, dictionary={:?}, confidence={})",
            self.start,
            self.end,
            self.original,
            self.replacement,
            self.rule,
            self.dictionary.as_deref().unwrap_or("None"),
            self.confidence
        )
    }
}

/// An occurrence of an ambiguous entry that the language model left alone:
/// the document shows spin, but here the observed wording is too probable
/// in context to restore. Offsets as for `Edit`.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Skipped {
    /// Offset of the occurrence's first character, in the input string.
    start: usize,
    /// Offset just past its last character.
    end: usize,
    /// The input text of the span.
    original: String,
    /// What a restore would have written.
    replacement: String,
    /// The dictionary of the entry.
    dictionary: Option<String>,
    /// Why it was left alone, in words.
    reason: String,
}

#[pymethods]
impl Skipped {
    fn __repr__(&self) -> String {
        format!(
            "Skipped(start={}, end={}, original={:?}, replacement={:?})",
            self.start, self.end, self.original, self.replacement
        )
    }
}

fn rule_name(rule: &unspin::Rule) -> &'static str {
    match rule {
        unspin::Rule::Lexicon { .. } => "lexicon",
        unspin::Rule::NearMiss { .. } => "near_miss",
        unspin::Rule::Name { .. } => "name",
        unspin::Rule::Article => "article",
        unspin::Rule::Spintax => "spintax",
        unspin::Rule::Suggestion => "suggestion",
        _ => "other",
    }
}

fn class_name(class: unspin::Class) -> &'static str {
    match class {
        unspin::Class::Fingerprint => "fingerprint",
        unspin::Class::Ambiguous => "ambiguous",
        _ => "common",
    }
}

/// What a document shows of spin: its counts, its density of signals and
/// its spin score, and the verdict.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Evidence {
    /// Whether the document counts as spun, so that ambiguous entries
    /// apply.
    spun: bool,
    /// Word tokens.
    words: usize,
    /// Fingerprint phrases and damaged names found.
    fingerprints: usize,
    /// Ambiguous-entry phrases found (ordinary English the spinner also
    /// writes: not signals by themselves).
    ambiguous: usize,
    /// Spintax leftovers found.
    spintax: usize,
    /// Signals: fingerprints and spintax leftovers.
    signals: usize,
    /// Signals per 1,000 words.
    per_thousand: f64,
    /// The spin score (see `Detection.score`).
    score: f64,
}

#[pymethods]
impl Evidence {
    fn __repr__(&self) -> String {
        format!(
            "Evidence(spun={}, words={}, fingerprints={}, ambiguous={}, spintax={}, per_thousand={:.2}, score={:.2})",
            py_bool(self.spun),
            self.words,
            self.fingerprints,
            self.ambiguous,
            self.spintax,
            self.per_thousand,
            self.score
        )
    }
}

/// The float that prints as `x` does: 0.95, not 0.949999988079071.
fn shortest(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// A list of strings as Python writes it: `['a', 'b']`.
fn py_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| {
            format!(
                "'{}'",
                s.as_ref().replace('\\', "\\\\").replace('\'', "\\'")
            )
        })
        .collect();
    format!("[{}]", quoted.join(", "))
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

impl From<&unspin::Evidence> for Evidence {
    fn from(e: &unspin::Evidence) -> Evidence {
        Evidence {
            spun: e.is_spun(),
            words: e.words(),
            fingerprints: e.fingerprints(),
            ambiguous: e.ambiguous(),
            spintax: e.spintax(),
            signals: e.signals(),
            per_thousand: e.per_thousand(),
            score: e.spin_score(),
        }
    }
}

/// A restore, computed without the GIL: spans already in code points.
struct Restored {
    text: String,
    edits: Vec<Edit>,
    skipped: Vec<Skipped>,
    evidence: Evidence,
}

impl Restored {
    fn of(restorer: &unspin::Restorer, input: &str) -> Restored {
        let r = restorer.restore(input);
        let mut at = CodePoints::new(input);
        let edits = r
            .edits()
            .iter()
            .map(|e| {
                let span = e.span();
                Edit {
                    start: at.at(span.start),
                    end: at.at(span.end),
                    original: e.original().to_string(),
                    replacement: e.replacement().to_string(),
                    rule: rule_name(e.rule()),
                    dictionary: e.dictionary().map(str::to_string),
                    entry_class: e.class().map(class_name),
                    confidence: shortest(e.confidence()),
                    reason: e.reason().to_string(),
                }
            })
            .collect();
        let mut at = CodePoints::new(input);
        let skipped = r
            .skipped()
            .iter()
            .map(|s| {
                let span = s.span();
                Skipped {
                    start: at.at(span.start),
                    end: at.at(span.end),
                    original: s.original().to_string(),
                    replacement: s.replacement().to_string(),
                    dictionary: s.dictionary().map(str::to_string),
                    reason: s.reason().to_string(),
                }
            })
            .collect();
        let evidence = Evidence::from(r.evidence());
        Restored {
            text: r.into_text(),
            edits,
            skipped,
            evidence,
        }
    }

    fn into_py(self, py: Python<'_>) -> PyResult<Restoration> {
        Ok(Restoration {
            text: PyString::new(py, &self.text).unbind(),
            edits: PyList::new(py, self.edits)?.unbind(),
            skipped: PyList::new(py, self.skipped)?.unbind(),
            spun: self.evidence.spun,
            evidence: Py::new(py, self.evidence)?,
        })
    }
}

/// What a restore did: the restored `text`, its `edits` (in input order),
/// the occurrences the language model left alone (`skipped`) and the
/// `evidence` of spin of the document, with its verdict `spun`.
#[pyclass(module = "unspin", frozen, get_all)]
struct Restoration {
    /// The restored text.
    text: Py<PyString>,
    /// Every change made, in input order (a list of `Edit`).
    edits: Py<PyList>,
    /// Occurrences of ambiguous entries left alone (a list of `Skipped`).
    skipped: Py<PyList>,
    /// Whether the document counts as spun (`evidence.spun`).
    spun: bool,
    /// The evidence of spin of the whole document.
    evidence: Py<Evidence>,
}

#[pymethods]
impl Restoration {
    /// Whether anything was changed.
    #[getter]
    fn changed(&self, py: Python<'_>) -> bool {
        !self.edits.bind(py).is_empty()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        let shown = text.to_str()?;
        let shown = match shown.char_indices().nth(60) {
            Some((i, _)) => format!("{}...", &shown[..i]),
            None => shown.to_string(),
        };
        Ok(format!(
            "Restoration(text={shown}, edits={}, spun={})",
            self.edits.bind(py).len(),
            py_bool(self.spun)
        ))
    }
}

/// One paragraph (text between blank lines) of a detection, with its
/// counts and score. `start` and `end` are offsets in the input string,
/// first token to last.
#[pyclass(module = "unspin", frozen, get_all)]
#[derive(Clone)]
struct Paragraph {
    /// Offset of the paragraph's first token.
    start: usize,
    /// Offset just past its last token.
    end: usize,
    /// Its spin score.
    score: f64,
    /// Word tokens.
    words: usize,
    /// Fingerprint phrases and damaged names.
    fingerprints: usize,
    /// Ambiguous-entry phrases.
    ambiguous: usize,
    /// Spintax leftovers.
    spintax: usize,
    /// Fingerprints and spintax leftovers.
    signals: usize,
}

#[pymethods]
impl Paragraph {
    fn __repr__(&self) -> String {
        format!(
            "Paragraph(start={}, end={}, score={:.2}, words={}, signals={}, ambiguous={})",
            self.start, self.end, self.score, self.words, self.signals, self.ambiguous
        )
    }
}

/// How strongly a text shows spin: the verdict `spun`, the spin `score`
/// (the surprise, in powers of ten, of seeing that many signals and
/// ambiguous phrases in clean prose of that length) and its counts, for the
/// whole text and for each paragraph.
#[pyclass(module = "unspin", frozen, get_all)]
struct Detection {
    /// Whether the text counts as spun (the same verdict a restore uses).
    spun: bool,
    /// The spin score of the whole text.
    score: f64,
    /// The score threshold the verdict used.
    threshold: f64,
    /// Word tokens.
    words: usize,
    /// Fingerprint phrases and damaged names found.
    fingerprints: usize,
    /// Ambiguous-entry phrases found.
    ambiguous: usize,
    /// Spintax leftovers found.
    spintax: usize,
    /// Signals: fingerprints and spintax leftovers.
    signals: usize,
    /// Each paragraph, in input order (a list of `Paragraph`).
    paragraphs: Py<PyList>,
}

#[pymethods]
impl Detection {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Detection(spun={}, score={:.2}, words={}, fingerprints={}, ambiguous={}, spintax={}, paragraphs={})",
            py_bool(self.spun),
            self.score,
            self.words,
            self.fingerprints,
            self.ambiguous,
            self.spintax,
            self.paragraphs.bind(py).len()
        )
    }

    fn __bool__(&self) -> bool {
        self.spun
    }
}

/// A detection, computed without the GIL.
struct Detected {
    detection: unspin::Detection,
    paragraphs: Vec<Paragraph>,
}

impl Detected {
    fn of(restorer: &unspin::Restorer, input: &str) -> Detected {
        let detection = restorer.detect(input);
        let mut at = CodePoints::new(input);
        let paragraphs = detection
            .paragraphs()
            .iter()
            .map(|p| {
                let s = p.score();
                Paragraph {
                    start: at.at(p.span().start),
                    end: at.at(p.span().end),
                    score: s.score(),
                    words: s.words(),
                    fingerprints: s.fingerprints(),
                    ambiguous: s.ambiguous(),
                    spintax: s.spintax(),
                    signals: s.signals(),
                }
            })
            .collect();
        Detected {
            detection,
            paragraphs,
        }
    }

    fn into_py(self, py: Python<'_>) -> PyResult<Detection> {
        let d = &self.detection;
        let s = d.score();
        Ok(Detection {
            spun: d.is_spun(),
            score: s.score(),
            threshold: d.threshold(),
            words: s.words(),
            fingerprints: s.fingerprints(),
            ambiguous: s.ambiguous(),
            spintax: s.spintax(),
            signals: s.signals(),
            paragraphs: PyList::new(py, self.paragraphs)?.unbind(),
        })
    }
}

/// The options a `Restorer` was made with: kept to rebuild it when it is
/// unpickled (in a worker process of Spark, datatrove or multiprocessing).
#[derive(Clone, Debug)]
struct Options {
    fingerprints_only: bool,
    language_model: bool,
    near_misses: bool,
    ignore_words: Vec<String>,
    dictionaries: Vec<PathBuf>,
    disable_dictionaries: Vec<String>,
    default_dictionaries: bool,
    min_signals: Option<usize>,
    min_per_thousand: Option<f64>,
    spin_threshold: Option<f64>,
    language_model_margins: Option<(f64, f64)>,
    ignore_markers: bool,
    chunk_size: Option<usize>,
    threads: usize,
    apply_suggestions: bool,
}

impl Options {
    fn build(&self) -> Result<unspin::Restorer, unspin::Error> {
        let mut b = unspin::Restorer::builder()
            .default_dictionaries(self.default_dictionaries)
            .ambiguous(!self.fingerprints_only)
            .language_model(self.language_model)
            .near_misses(self.near_misses)
            .ignore_markers(self.ignore_markers)
            .threads(self.threads)
            .apply_suggestions(self.apply_suggestions);
        for path in &self.dictionaries {
            b = b.dictionary(unspin::Dictionary::from_path(path)?);
        }
        for name in &self.disable_dictionaries {
            b = b.disable_dictionary(name);
        }
        for word in &self.ignore_words {
            b = b.ignore(word);
        }
        if let Some(n) = self.min_signals {
            b = b.min_signals(n);
        }
        if let Some(d) = self.min_per_thousand {
            b = b.min_per_thousand(d);
        }
        if let Some(t) = self.spin_threshold {
            b = b.spin_threshold(t);
        }
        if let Some((weak, strong)) = self.language_model_margins {
            b = b.language_model_margins(weak, strong);
        }
        if let Some(bytes) = self.chunk_size {
            b = b.chunk_size(bytes);
        }
        Ok(b.build())
    }

    fn to_kwargs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("fingerprints_only", self.fingerprints_only)?;
        d.set_item("language_model", self.language_model)?;
        d.set_item("near_misses", self.near_misses)?;
        d.set_item("ignore_words", PyTuple::new(py, &self.ignore_words)?)?;
        d.set_item("dictionaries", PyTuple::new(py, &self.dictionaries)?)?;
        d.set_item(
            "disable_dictionaries",
            PyTuple::new(py, &self.disable_dictionaries)?,
        )?;
        d.set_item("default_dictionaries", self.default_dictionaries)?;
        d.set_item("min_signals", self.min_signals)?;
        d.set_item("min_per_thousand", self.min_per_thousand)?;
        d.set_item("spin_threshold", self.spin_threshold)?;
        d.set_item("language_model_margins", self.language_model_margins)?;
        d.set_item("ignore_markers", self.ignore_markers)?;
        d.set_item("chunk_size", self.chunk_size)?;
        d.set_item("threads", self.threads)?;
        d.set_item("apply_suggestions", self.apply_suggestions)?;
        Ok(d)
    }
}

/// A configured restorer: dictionaries, thresholds, the language model.
/// Building one loads the dictionaries given (`UnspinError` when one
/// cannot be read or is malformed); it is then cheap to use from any
/// thread, and it pickles (by its options: dictionary files are read
/// again where it is unpickled).
///
/// Options (all keyword-only):
///
/// - `fingerprints_only`: restore only fingerprints (phrases that never
///   occur in clean prose), never ambiguous entries;
/// - `language_model`: judge each ambiguous occurrence with the embedded
///   language model (default on);
/// - `near_misses`: restore near misses of multi-word fingerprints: other
///   spacing or hyphenation, plurals, misspellings (default on);
/// - `ignore_words`: phrases never to restore ("stated"), whatever
///   dictionary defines them;
/// - `dictionaries`: paths of extra dictionary files (TSV: mangled,
///   canonical, class), which override the embedded ones;
/// - `disable_dictionaries`: names of dictionaries to leave out
///   ("science", "news", ...);
/// - `default_dictionaries`: load the embedded dictionaries (default on);
/// - `min_signals`, `min_per_thousand`, `spin_threshold`: when a document
///   counts as spun (defaults 2, 2.0 and 2.0);
/// - `language_model_margins`: `(weak, strong)` margins of the language
///   model gate, in log10 (defaults 2.0 and -0.5);
/// - `ignore_markers`: leave text marked `unspin: ignore` alone (default
///   on);
/// - `chunk_size`: the largest piece of one input restored as one, in bytes
///   (default 1 MiB);
/// - `threads`: chunks of one long input restored at once (default 1;
///   batches use the thread pool whatever this is);
/// - `apply_suggestions`: apply the first candidate for words no entry
///   covers (default off).
#[pyclass(module = "unspin", frozen)]
struct Restorer {
    inner: unspin::Restorer,
    options: Options,
}

#[pymethods]
impl Restorer {
    #[new]
    #[pyo3(signature = (
        *,
        fingerprints_only = false,
        language_model = true,
        near_misses = true,
        ignore_words = Vec::new(),
        dictionaries = Vec::new(),
        disable_dictionaries = Vec::new(),
        default_dictionaries = true,
        min_signals = None,
        min_per_thousand = None,
        spin_threshold = None,
        language_model_margins = None,
        ignore_markers = true,
        chunk_size = None,
        threads = 1,
        apply_suggestions = false,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        fingerprints_only: bool,
        language_model: bool,
        near_misses: bool,
        ignore_words: Vec<String>,
        dictionaries: Vec<PathBuf>,
        disable_dictionaries: Vec<String>,
        default_dictionaries: bool,
        min_signals: Option<usize>,
        min_per_thousand: Option<f64>,
        spin_threshold: Option<f64>,
        language_model_margins: Option<(f64, f64)>,
        ignore_markers: bool,
        chunk_size: Option<usize>,
        threads: usize,
        apply_suggestions: bool,
    ) -> PyResult<Restorer> {
        let options = Options {
            fingerprints_only,
            language_model,
            near_misses,
            ignore_words,
            dictionaries,
            disable_dictionaries,
            default_dictionaries,
            min_signals,
            min_per_thousand,
            spin_threshold,
            language_model_margins,
            ignore_markers,
            chunk_size,
            threads,
            apply_suggestions,
        };
        let inner = py.detach(|| options.build()).map_err(error)?;
        Ok(Restorer { inner, options })
    }

    /// Restores `text`: a `Restoration` with the restored text, the edits
    /// (offsets into `text`) and the evidence of spin.
    fn restore(&self, py: Python<'_>, text: &str) -> PyResult<Restoration> {
        py.detach(|| Restored::of(&self.inner, text)).into_py(py)
    }

    /// Restores each text of `texts` (any iterable of str), on the thread
    /// pool with the GIL released; the results are in the order of the
    /// texts. The pool has a thread per core unless the environment
    /// variable RAYON_NUM_THREADS says otherwise.
    fn restore_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<Restoration>> {
        let texts = texts_of(texts)?;
        let done: Vec<Restored> = py.detach(|| {
            texts
                .par_iter()
                .map(|t| Restored::of(&self.inner, t))
                .collect()
        });
        done.into_iter().map(|r| r.into_py(py)).collect()
    }

    /// Scores how strongly `text` shows spin, as a whole and per paragraph.
    fn detect(&self, py: Python<'_>, text: &str) -> PyResult<Detection> {
        py.detach(|| Detected::of(&self.inner, text)).into_py(py)
    }

    /// `detect` over each text of `texts`, on the thread pool with the GIL
    /// released.
    fn detect_batch(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Detection>> {
        let texts = texts_of(texts)?;
        let done: Vec<Detected> = py.detach(|| {
            texts
                .par_iter()
                .map(|t| Detected::of(&self.inner, t))
                .collect()
        });
        done.into_iter().map(|d| d.into_py(py)).collect()
    }

    /// The names of the dictionaries loaded, in precedence order (later
    /// wins).
    fn dictionary_names(&self) -> Vec<String> {
        self.inner
            .dictionaries()
            .iter()
            .map(|d| d.name().to_string())
            .collect()
    }

    fn __getnewargs_ex__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        Ok((PyTuple::empty(py), self.options.to_kwargs(py)?))
    }

    fn __repr__(&self) -> String {
        let o = &self.options;
        let mut parts = Vec::new();
        if o.fingerprints_only {
            parts.push("fingerprints_only=True".to_string());
        }
        if !o.language_model {
            parts.push("language_model=False".to_string());
        }
        if !o.near_misses {
            parts.push("near_misses=False".to_string());
        }
        if !o.ignore_words.is_empty() {
            parts.push(format!("ignore_words={}", py_list(&o.ignore_words)));
        }
        if !o.dictionaries.is_empty() {
            let paths: Vec<String> = o
                .dictionaries
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            parts.push(format!("dictionaries={}", py_list(&paths)));
        }
        if !o.disable_dictionaries.is_empty() {
            parts.push(format!(
                "disable_dictionaries={}",
                py_list(&o.disable_dictionaries)
            ));
        }
        format!("Restorer({})", parts.join(", "))
    }
}

/// Restores `text` with the embedded dictionaries and default options and
/// returns the restored text.
///
/// >>> unspin.restore("The Protection Secretary met the U.Okay. team.")
/// 'The Defense Secretary met the U.K. team.'
#[pyfunction]
fn restore(py: Python<'_>, text: &str) -> String {
    py.detach(|| unspin::restore(text))
}

/// Scores how strongly `text` shows spin, with the embedded dictionaries
/// and default options.
#[pyfunction]
fn detect(py: Python<'_>, text: &str) -> PyResult<Detection> {
    py.detach(|| Detected::of(default_restorer(), text))
        .into_py(py)
}

/// Restores each text of `texts` (any iterable of str) with the default
/// options, on the thread pool with the GIL released, and returns the
/// restored texts in order.
#[pyfunction]
fn restore_batch(py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let texts = texts_of(texts)?;
    Ok(py.detach(|| {
        texts
            .par_iter()
            .map(|t| default_restorer().restore(t).into_text())
            .collect()
    }))
}

/// The extension module; `unspin` re-exports everything in it.
#[pymodule]
fn _unspin(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("UnspinError", m.py().get_type::<UnspinError>())?;
    m.add_class::<Restorer>()?;
    m.add_class::<Restoration>()?;
    m.add_class::<Edit>()?;
    m.add_class::<Skipped>()?;
    m.add_class::<Evidence>()?;
    m.add_class::<Detection>()?;
    m.add_class::<Paragraph>()?;
    m.add_function(wrap_pyfunction!(restore, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(restore_batch, m)?)?;
    Ok(())
}
