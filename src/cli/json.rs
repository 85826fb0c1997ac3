//! The JSON wire format of `--format json`, `--jsonl`, `unspin detect
//! --format json` and `unspin dict lint|list|show --format json`.
//!
//! Every object that goes on the wire is a struct of this module, built
//! from the library's public accessors, so the field names and their order
//! are written here and nowhere else: renaming a private field of the
//! library cannot change the output. Spans are given three ways (see
//! [`located`](super::located)).

use serde::Serialize;
use serde_json::Value;

use super::located::{locate, Located};

/// The `--format json` report of one input: a line of its own.
#[derive(Serialize)]
pub(crate) struct Report<'a> {
    path: &'a str,
    changed: bool,
    /// The restored text; `null` when the input is not valid UTF-8.
    text: Option<&'a str>,
    evidence: Evidence,
    edits: Vec<Located<Edit<'a>>>,
    /// Ambiguous occurrences the language model left alone.
    skipped: Vec<Located<Skipped<'a>>>,
    /// Words the spinner is known to write that no entry covers, with
    /// candidate originals (not applied).
    suggestions: Vec<Located<Suggestion<'a>>>,
}

impl<'a> Report<'a> {
    /// The report of `input`, labelled `path`, restored to `restored`.
    pub(crate) fn new(path: &'a str, input: &[u8], restored: &'a unspin::RestoredBytes) -> Self {
        Report {
            path,
            changed: restored.bytes() != input,
            text: std::str::from_utf8(restored.bytes()).ok(),
            evidence: Evidence::from(restored.evidence()),
            edits: locate(
                input,
                restored.edits(),
                |e: &unspin::Edit| e.span(),
                Edit::from,
            ),
            skipped: locate(
                input,
                restored.skipped(),
                |s: &unspin::Skipped| s.span(),
                Skipped::from,
            ),
            suggestions: locate(
                input,
                restored.suggestions(),
                unspin::Suggestion::span,
                Suggestion::from,
            ),
        }
    }
}

/// The `--jsonl` record of one input record.
#[derive(Serialize)]
pub(crate) struct Record<'a> {
    id: &'a Value,
    text: &'a str,
    changed: bool,
    edits: Vec<Located<Edit<'a>>>,
    /// Suggestions for words no entry covers (not applied).
    suggestions: Vec<Located<Suggestion<'a>>>,
    evidence: Evidence,
}

impl<'a> Record<'a> {
    /// The record with `id` whose text `input` was restored to `restored`.
    pub(crate) fn new(id: &'a Value, input: &str, restored: &'a unspin::Restoration) -> Self {
        let input = input.as_bytes();
        Record {
            id,
            text: restored.text(),
            changed: restored.is_changed(),
            edits: locate(
                input,
                restored.edits(),
                |e: &unspin::Edit| e.span(),
                Edit::from,
            ),
            suggestions: locate(
                input,
                restored.suggestions(),
                unspin::Suggestion::span,
                Suggestion::from,
            ),
            evidence: Evidence::from(restored.evidence()),
        }
    }
}

/// The evidence of spin of a document.
#[derive(Serialize)]
struct Evidence {
    words: usize,
    fingerprints: usize,
    ambiguous: usize,
    spintax: usize,
    per_thousand: f64,
    spun: bool,
}

impl From<&unspin::Evidence> for Evidence {
    fn from(e: &unspin::Evidence) -> Self {
        Evidence {
            words: e.words(),
            fingerprints: e.fingerprints(),
            ambiguous: e.ambiguous(),
            spintax: e.spintax(),
            per_thousand: e.per_thousand(),
            spun: e.is_spun(),
        }
    }
}

/// One edit.
#[derive(Serialize)]
struct Edit<'a> {
    start: usize,
    end: usize,
    original: &'a str,
    replacement: &'a str,
    rule: Rule<'a>,
    confidence: f32,
    reason: &'a str,
    /// For occurrences of ambiguous entries that the model judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    language_model: Option<Judgement>,
}

impl<'a> From<&'a unspin::Edit> for Edit<'a> {
    fn from(e: &'a unspin::Edit) -> Self {
        Edit {
            start: e.span().start,
            end: e.span().end,
            original: e.original(),
            replacement: e.replacement(),
            rule: Rule::from(e.rule()),
            confidence: e.confidence(),
            reason: e.reason(),
            language_model: e.judgement().map(Judgement::from),
        }
    }
}

/// An occurrence of an ambiguous entry that the language model left
/// alone.
#[derive(Serialize)]
struct Skipped<'a> {
    start: usize,
    end: usize,
    original: &'a str,
    replacement: &'a str,
    rule: Rule<'a>,
    language_model: Judgement,
    reason: &'a str,
}

impl<'a> From<&'a unspin::Skipped> for Skipped<'a> {
    fn from(s: &'a unspin::Skipped) -> Self {
        Skipped {
            start: s.span().start,
            end: s.span().end,
            original: s.original(),
            replacement: s.replacement(),
            rule: Rule::from(s.rule()),
            language_model: Judgement::from(s.judgement()),
            reason: s.reason(),
        }
    }
}

/// How the language model judged an occurrence.
#[derive(Serialize)]
struct Judgement {
    difference: f32,
    margin: f32,
    /// The decision model's probability of a swap, where it decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f32>,
    /// What the channel, the document and the language model added to
    /// its log-odds.
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<unspin::DecisionTerms>,
}

impl From<&unspin::Judgement> for Judgement {
    fn from(j: &unspin::Judgement) -> Self {
        Judgement {
            difference: j.difference(),
            margin: j.margin(),
            probability: j.probability(),
            terms: j.terms(),
        }
    }
}

/// A word with candidate originals.
#[derive(Serialize)]
struct Suggestion<'a> {
    start: usize,
    end: usize,
    original: &'a str,
    candidates: Vec<Candidate<'a>>,
    reason: &'a str,
}

impl<'a> From<&'a unspin::Suggestion> for Suggestion<'a> {
    fn from(s: &'a unspin::Suggestion) -> Self {
        Suggestion {
            start: s.span().start,
            end: s.span().end,
            original: s.original(),
            candidates: s
                .candidates()
                .iter()
                .map(|c| Candidate {
                    replacement: c.replacement(),
                    score: c.score(),
                    difference: c.difference(),
                    count: c.count(),
                })
                .collect(),
            reason: s.reason(),
        }
    }
}

/// One candidate original of a suggestion.
#[derive(Serialize)]
struct Candidate<'a> {
    replacement: &'a str,
    score: f32,
    difference: f32,
    count: usize,
}

/// Why an edit was made: an object with its `kind`.
#[derive(Serialize)]
#[serde(untagged)]
enum Rule<'a> {
    Known(KnownRule<'a>),
    /// A rule this version of the format does not name: as the library
    /// writes it.
    Other(&'a unspin::Rule),
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum KnownRule<'a> {
    Lexicon {
        dictionary: &'a str,
        line: usize,
        entry: &'a str,
        class: &'static str,
    },
    Spintax,
    Article,
    NearMiss {
        dictionary: &'a str,
        line: usize,
        entry: &'a str,
        difference: &'a str,
    },
    Name {
        line: usize,
        name: &'a str,
    },
    Suggestion,
}

impl<'a> From<&'a unspin::Rule> for Rule<'a> {
    fn from(rule: &'a unspin::Rule) -> Self {
        use unspin::Rule as R;
        Rule::Known(match rule {
            R::Lexicon {
                dictionary,
                line,
                entry,
                class,
            } => KnownRule::Lexicon {
                dictionary,
                line: *line,
                entry,
                class: class.as_str(),
            },
            R::Spintax => KnownRule::Spintax,
            R::Article => KnownRule::Article,
            R::NearMiss {
                dictionary,
                line,
                entry,
                difference,
            } => KnownRule::NearMiss {
                dictionary,
                line: *line,
                entry,
                difference,
            },
            R::Name { line, name } => KnownRule::Name { line: *line, name },
            R::Suggestion => KnownRule::Suggestion,
            other => return Rule::Other(other),
        })
    }
}

/// The `unspin detect --format json` report of one input.
#[derive(Serialize)]
pub(crate) struct Detection<'a> {
    path: &'a str,
    verdict: &'static str,
    threshold: f64,
    #[serde(flatten)]
    score: SpinScore,
    paragraphs: Vec<Paragraph>,
}

impl<'a> Detection<'a> {
    /// The report of `detection`, the verdict on `text` labelled `path`.
    pub(crate) fn new(path: &'a str, text: &str, detection: &unspin::Detection) -> Self {
        Detection {
            path,
            verdict: if detection.is_spun() { "spun" } else { "clean" },
            threshold: detection.threshold(),
            score: SpinScore::from(detection.score()),
            paragraphs: detection
                .paragraphs()
                .iter()
                .map(|p| Paragraph {
                    line: super::output::line_col(text.as_bytes(), p.span().start).0,
                    start: p.span().start,
                    end: p.span().end,
                    score: SpinScore::from(p.score()),
                })
                .collect(),
        }
    }
}

/// Counts and score of a stretch of text.
#[derive(Serialize)]
struct SpinScore {
    words: usize,
    fingerprints: usize,
    ambiguous: usize,
    spintax: usize,
    score: f64,
}

impl From<&unspin::SpinScore> for SpinScore {
    fn from(s: &unspin::SpinScore) -> Self {
        SpinScore {
            words: s.words(),
            fingerprints: s.fingerprints(),
            ambiguous: s.ambiguous(),
            spintax: s.spintax(),
            score: s.score(),
        }
    }
}

/// One paragraph of a detection.
#[derive(Serialize)]
struct Paragraph {
    /// 1-based line where the paragraph starts.
    line: usize,
    start: usize,
    end: usize,
    #[serde(flatten)]
    score: SpinScore,
}

/// A finding of `unspin dict lint`.
#[derive(Serialize)]
pub(crate) struct Finding<'a> {
    file: &'a str,
    line: usize,
    level: &'static str,
    kind: &'static str,
    message: &'a str,
    /// Other lines the finding is about.
    related: Vec<Location<'a>>,
}

impl<'a> From<&'a unspin::lint::Finding> for Finding<'a> {
    fn from(f: &'a unspin::lint::Finding) -> Self {
        Finding {
            file: f.file(),
            line: f.line(),
            level: f.level().as_str(),
            kind: f.kind().as_str(),
            message: f.message(),
            related: f
                .related()
                .iter()
                .map(|l| Location {
                    file: l.file(),
                    line: l.line(),
                })
                .collect(),
        }
    }
}

/// A line of a dictionary file.
#[derive(Serialize)]
struct Location<'a> {
    file: &'a str,
    line: usize,
}

/// A loaded dictionary, for `unspin dict list`.
#[derive(Serialize)]
pub(crate) struct Dictionary<'a> {
    name: &'a str,
    domain: &'a str,
    description: &'a str,
    source: &'a str,
    license: &'a str,
    entries: usize,
    fingerprints: usize,
    ambiguous: usize,
    common: usize,
    embedded: bool,
}

impl<'a> From<&'a unspin::DictionaryInfo> for Dictionary<'a> {
    fn from(d: &'a unspin::DictionaryInfo) -> Self {
        use unspin::Class;
        Dictionary {
            name: d.name(),
            domain: d.domain(),
            description: d.description(),
            source: d.source(),
            license: d.license(),
            entries: d.len(),
            fingerprints: d.count(Class::Fingerprint),
            ambiguous: d.count(Class::Ambiguous),
            common: d.count(Class::Common),
            embedded: d.is_embedded(),
        }
    }
}

/// The answer of `unspin dict show` for one phrase.
#[derive(Serialize)]
pub(crate) struct Shown<'a> {
    phrase: &'a str,
    found: bool,
    /// In precedence order: the last one applies.
    definitions: Vec<Definition<'a>>,
}

impl<'a> Shown<'a> {
    /// The answer for `phrase`, defined by `defs` in precedence order.
    pub(crate) fn new(
        phrase: &'a str,
        defs: &[(&'a unspin::Entry, &'a unspin::DictionaryInfo)],
    ) -> Self {
        Shown {
            phrase,
            found: !defs.is_empty(),
            definitions: defs
                .iter()
                .enumerate()
                .map(|(i, (e, d))| Definition {
                    dictionary: d.name(),
                    line: e.line(),
                    mangled: e.mangled(),
                    canonical: e.canonical(),
                    class: e.class().as_str(),
                    note: e.note(),
                    applies: i + 1 == defs.len(),
                })
                .collect(),
        }
    }
}

/// One definition of a phrase.
#[derive(Serialize)]
struct Definition<'a> {
    dictionary: &'a str,
    line: usize,
    mangled: &'a str,
    canonical: &'a str,
    class: &'static str,
    note: Option<&'a str>,
    /// Whether this is the definition restores use (the others are
    /// overridden by it).
    applies: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `json` names `keys` in this order.
    fn in_order(json: &str, keys: &[&str]) {
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                json.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} in {json}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{keys:?} in {json}");
    }

    const SPUN: &str =
        "The Protection Secretary met the U.Okay. team. He stated it was the stated goal. They may leave soon.";

    fn report(text: &str) -> (String, Value) {
        let restored = unspin::Restorer::new().restore_bytes(text.as_bytes());
        let line =
            serde_json::to_string(&Report::new("a.txt", text.as_bytes(), &restored)).unwrap();
        let value = serde_json::from_str(&line).unwrap();
        (line, value)
    }

    #[test]
    fn a_report_has_the_documented_fields() {
        let (line, v) = report(SPUN);
        in_order(
            &line,
            &[
                "path",
                "changed",
                "text",
                "evidence",
                "edits",
                "skipped",
                "suggestions",
            ],
        );
        assert_eq!(v["path"], "a.txt");
        assert_eq!(v["changed"], true);
        assert!(v["text"].as_str().unwrap().starts_with(
            "The Defense Secretary met the U.K. team. He said it was the stated goal."
        ));
        let edit = &v["edits"][0];
        let edits = &line[line.find("\"edits\":").unwrap()..];
        in_order(
            edits,
            &[
                "start",
                "end",
                "original",
                "replacement",
                "rule",
                "confidence",
                "reason",
            ],
        );
        for key in ["char_start", "char_end", "line", "column"] {
            assert!(edit.get(key).is_some(), "edits carry {key}: {edit}");
        }
        assert_eq!(edit["rule"]["kind"], "lexicon");
        assert_eq!(edit["rule"]["class"], "fingerprint");
        let said = v["edits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["original"] == "stated")
            .unwrap();
        assert!(said["language_model"]["margin"].is_number());
        let skipped = &v["skipped"][0];
        assert_eq!(skipped["original"], "stated");
        assert!(skipped["language_model"]["difference"].is_number());
        let evidence = &line[line.find("\"evidence\":").unwrap()..];
        in_order(
            evidence,
            &[
                "words",
                "fingerprints",
                "ambiguous",
                "spintax",
                "per_thousand",
                "spun",
            ],
        );
        assert!(
            v["evidence"].get("score").is_none(),
            "the score is not on the wire"
        );
        let candidates = &line[line.find("\"candidates\":").unwrap()..];
        in_order(candidates, &["replacement", "score", "difference", "count"]);
    }

    #[test]
    fn rules_are_tagged_by_kind() {
        let restored = unspin::Restorer::new().restore("a {photograph} of the Getty-Pictures");
        let kinds: Vec<String> = restored
            .edits()
            .iter()
            .map(|e| serde_json::to_value(Rule::from(e.rule())).unwrap()["kind"].to_string())
            .collect();
        assert!(kinds.contains(&"\"spintax\"".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"\"near_miss\"".to_string()), "{kinds:?}");
    }

    #[test]
    fn a_detection_lists_its_paragraphs_with_their_lines() {
        let text =
            "Plain words here.\n\nThe Protection Secretary stated it at the U.Okay. assembly.";
        let detection = unspin::Restorer::new().detect(text);
        let v = serde_json::to_value(Detection::new("a.txt", text, &detection)).unwrap();
        assert_eq!(v["verdict"], "spun");
        assert_eq!(v["paragraphs"][1]["line"], 3);
        assert!(v["score"].is_number() && v["threshold"].is_number());
    }

    #[test]
    fn dictionary_reports_name_levels_kinds_and_classes_in_words() {
        let findings = unspin::lint::Linter::new()
            .tsv(
                "mine.tsv",
                "said\tstated\tambiguous\nstated\tsaid\tambiguous\n",
            )
            .lint();
        let cycle = findings.iter().find(|f| !f.related().is_empty()).unwrap();
        let line = serde_json::to_string(&Finding::from(cycle)).unwrap();
        in_order(
            &line,
            &["file", "line", "level", "kind", "message", "related"],
        );
        assert!(
            line.contains("\"level\":\"error\",\"kind\":\"cycle\""),
            "{line}"
        );
        assert!(
            line.ends_with("\"related\":[{\"file\":\"mine.tsv\",\"line\":2}]}"),
            "{line}"
        );

        let restorer = unspin::Restorer::new();
        let dictionaries = restorer.dictionaries();
        let news = dictionaries.iter().find(|d| d.name() == "news").unwrap();
        let line = serde_json::to_string(&Dictionary::from(*news)).unwrap();
        in_order(
            &line,
            &[
                "name",
                "domain",
                "description",
                "source",
                "license",
                "entries",
                "fingerprints",
                "ambiguous",
                "common",
                "embedded",
            ],
        );
        assert!(line.ends_with("\"embedded\":true}"), "{line}");

        let defs = restorer.definitions("stated");
        let v = serde_json::to_value(Shown::new("stated", &defs)).unwrap();
        assert_eq!(v["found"], true);
        let last = v["definitions"].as_array().unwrap().last().unwrap();
        assert_eq!(
            (&last["class"], &last["applies"]),
            (&Value::from("ambiguous"), &Value::from(true))
        );
    }
}
