//! Dictionary lint: problems a dictionary can have beyond its syntax.
//!
//! A [`Linter`] reads dictionaries in precedence order (later ones override
//! earlier ones, as at run time) and reports every [`Finding`]:
//!
//! | kind | level | what |
//! |---|---|---|
//! | [`Kind::Malformed`] | error | the line is not an entry |
//! | [`Kind::Unchanged`] | error | mangled and canonical are the same after normalization |
//! | [`Kind::Duplicate`] | error in one file, note across files | the phrase is defined again, with the same canonical and class |
//! | [`Kind::Conflict`] | error in one file, note across files | the phrase is defined again, differently (across files: the later one overrides) |
//! | [`Kind::Cycle`] | error | `a -> b -> a`: restoring never settles |
//! | [`Kind::Chain`] | warning, or note when `b`'s entry is ambiguous | `a -> b` where `b`, or a phrase inside it, is itself restored |
//! | [`Kind::CommonEnglish`] | warning | a fingerprint that is a common English word or bigram |
//!
//! Phrases are compared as the matcher sees them: tokens folded to lower
//! case, with curly and straight apostrophes alike. Cycles and chains are
//! checked on the entries that apply after overrides.
//!
//! A chain means a second restore of the output would change it again. A
//! restored text has no fingerprints left, so it no longer shows spin, and
//! a second restore applies no ambiguous entry: a chain into an ambiguous
//! entry is only a note. A cycle is an error whatever the classes: the
//! dictionary claims that each phrase in it is the spun form of the next.
//!
//! The common-English check uses the words and bigrams that occur at least
//! twice per million words in the CMU Sphinx US English language model
//! (`data/common-english.txt`, BSD-2-Clause, compiled in). Fingerprints are
//! restored anywhere, so one that is ordinary English damages clean text.
//! Longer phrases are not checked.
//!
//! # Example
//!
//! ```
//! use unspin::lint::{Kind, Level, Linter};
//!
//! let findings = Linter::new()
//!     .tsv("mine.tsv", "stated\tsaid\tambiguous\nsaid\tstated\tambiguous\nthey usually\tand they\tfingerprint\n")
//!     .lint();
//! for f in &findings {
//!     println!("{f}");
//! }
//! assert_eq!(findings[0].to_string(), r#"mine.tsv:1: error: cycle: "stated" -> "said" -> "stated": restoring never settles"#);
//! assert_eq!(findings[1].kind(), Kind::CommonEnglish);
//! assert_eq!(findings[1].level(), Level::Warning);
//! assert_eq!(findings[1].line(), 3);
//!
//! // The embedded dictionaries have no errors.
//! assert!(Linter::new().embedded().lint().iter().all(|f| f.level() < Level::Error));
//! ```

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::dict::common_english::CommonEnglish;
use crate::format::dict_format::{lines, parse_line, Class, LineErrorKind, RawEntry};
use crate::format::manifest::Manifest;
use crate::format::tokenize::phrase_key;

/// How serious a finding is. Ordered: `Note < Warning < Error`.
///
/// # Example
///
/// ```
/// use unspin::lint::Level;
///
/// assert!(Level::Warning < Level::Error);
/// assert_eq!(Level::Note.to_string(), "note");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Level {
    /// Worth knowing, nothing wrong: a later dictionary overriding an
    /// earlier one.
    Note,
    /// Probably wrong: restores would be unstable, or damage clean text.
    Warning,
    /// Wrong: the dictionary does not load, or restores never settle.
    Error,
}

impl Level {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding is about. See the [module documentation](self) for the
/// level each kind is reported at.
///
/// # Example
///
/// ```
/// use unspin::lint::{Kind, Linter};
///
/// let findings = Linter::new().tsv("mine.tsv", "stated\tsaid\n").lint();
/// assert_eq!(findings[0].kind(), Kind::Malformed);
/// assert_eq!(Kind::CommonEnglish.as_str(), "common-english");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Kind {
    /// The line is not an entry: wrong number of fields, unknown class,
    /// empty phrase, braces, overlong line.
    Malformed,
    /// The mangled and canonical phrases are the same after normalization.
    Unchanged,
    /// The mangled phrase is defined again with the same canonical and
    /// class.
    Duplicate,
    /// The mangled phrase is defined again with another canonical or class.
    Conflict,
    /// Entries restore into each other in a circle.
    Cycle,
    /// An entry restores to a phrase that another entry restores again.
    Chain,
    /// A fingerprint whose mangled phrase is a common English word or
    /// bigram.
    CommonEnglish,
}

impl Kind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Malformed => "malformed",
            Kind::Unchanged => "unchanged",
            Kind::Duplicate => "duplicate",
            Kind::Conflict => "conflict",
            Kind::Cycle => "cycle",
            Kind::Chain => "chain",
            Kind::CommonEnglish => "common-english",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A line of a dictionary file.
///
/// # Example
///
/// ```
/// use unspin::lint::Linter;
///
/// let tsv = "Getty Pictures\tGetty Images\tfingerprint\nGetty pictures\tGetty Photos\tfingerprint\n";
/// let findings = Linter::new().tsv("mine.tsv", tsv).lint();
/// let other = &findings[0].related()[0];
/// assert_eq!((other.file(), other.line()), ("mine.tsv", 1));
/// assert_eq!(other.to_string(), "mine.tsv:1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    file: String,
    line: usize,
}

impl Location {
    /// The file, as named to the [`Linter`].
    pub fn file(&self) -> &str {
        &self.file
    }
    /// The 1-based line.
    pub fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One problem, at one line of one dictionary.
///
/// `Display` gives `file:line: level: kind: message`.
///
/// # Example
///
/// ```
/// use unspin::lint::{Kind, Level, Linter};
///
/// let findings = Linter::new().tsv("mine.tsv", "# mine\nU.Okay.\tU.K.\tsometimes\n").lint();
/// let f = &findings[0];
/// assert_eq!((f.file(), f.line(), f.level(), f.kind()), ("mine.tsv", 2, Level::Error, Kind::Malformed));
/// assert!(f.message().starts_with("unknown class"));
/// assert!(f.related().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    file: String,
    line: usize,
    level: Level,
    kind: Kind,
    message: String,
    related: Vec<Location>,
}

impl Finding {
    /// The dictionary file, as named to the [`Linter`].
    pub fn file(&self) -> &str {
        &self.file
    }
    /// The 1-based line the finding is about.
    pub fn line(&self) -> usize {
        self.line
    }
    /// How serious it is.
    pub fn level(&self) -> Level {
        self.level
    }
    /// What it is about.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The other lines involved: the earlier definition of a duplicate, the
    /// other members of a cycle, the entry a chain runs into.
    pub fn related(&self) -> &[Location] {
        &self.related
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}: {}",
            self.file, self.line, self.level, self.kind, self.message
        )
    }
}

/// Lints dictionaries, given in precedence order.
///
/// # Example
///
/// To lint a dictionary as it loads after the embedded ones (`--dict`),
/// add both and keep the findings that involve it:
///
/// ```
/// use unspin::lint::Linter;
///
/// let mine = "Getty Pictures\tGetty Images\tfingerprint\nmy phrase\tGetty Pictures\tfingerprint\n";
/// let findings: Vec<_> = Linter::new()
///     .embedded()
///     .tsv("mine.tsv", mine)
///     .lint()
///     .into_iter()
///     .filter(|f| f.file() == "mine.tsv" || f.related().iter().any(|l| l.file() == "mine.tsv"))
///     .collect();
/// let kinds: Vec<&str> = findings.iter().map(|f| f.kind().as_str()).collect();
/// assert_eq!(kinds, ["duplicate", "chain"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Linter {
    sources: Vec<(String, Cow<'static, str>)>,
}

impl Linter {
    /// A linter with no dictionaries yet.
    pub fn new() -> Linter {
        Linter::default()
    }

    /// Adds the embedded dictionaries, in manifest order, named by their
    /// source path (`dictionaries/news.tsv`).
    pub fn embedded(mut self) -> Linter {
        let manifest = Manifest::parse(crate::embedded::MANIFEST)
            .expect("the embedded manifest was checked at build time");
        for (meta, text) in manifest
            .dictionaries
            .iter()
            .zip(crate::embedded::DICTIONARY_TEXTS.iter().copied())
        {
            self.sources
                .push((format!("dictionaries/{}", meta.file), Cow::Borrowed(text)));
        }
        self
    }

    /// Adds a dictionary from its text; `file` names it in findings.
    pub fn tsv(mut self, file: impl Into<String>, text: impl Into<String>) -> Linter {
        self.sources.push((file.into(), Cow::Owned(text.into())));
        self
    }

    /// Lints the dictionaries. Findings come in dictionary order, then
    /// line order.
    pub fn lint(&self) -> Vec<Finding> {
        let mut found: Vec<(usize, Finding)> = Vec::new();
        let entries = self.parse(&mut found);
        let effective = self.definitions(&entries, &mut found);
        self.cycles_and_chains(&entries, &effective, &mut found);
        self.common_english(&entries, &mut found);
        found.sort_by_key(|(source, f)| (*source, f.line));
        found.into_iter().map(|(_, f)| f).collect()
    }

    fn location(&self, at: At, entries: &[Vec<Parsed<'_>>]) -> Location {
        Location {
            file: self.sources[at.source].0.clone(),
            line: entries[at.source][at.index].raw.line,
        }
    }

    /// `line N` in the same file, `file:N` in another.
    fn where_is(&self, at: At, from: usize, entries: &[Vec<Parsed<'_>>]) -> String {
        let line = entries[at.source][at.index].raw.line;
        if at.source == from {
            format!("line {line}")
        } else {
            format!("{}:{line}", self.sources[at.source].0)
        }
    }

    fn finding(
        &self,
        at: At,
        entries: &[Vec<Parsed<'_>>],
        level: Level,
        kind: Kind,
        message: String,
        related: Vec<Location>,
    ) -> (usize, Finding) {
        let location = self.location(at, entries);
        (
            at.source,
            Finding {
                file: location.file,
                line: location.line,
                level,
                kind,
                message,
                related,
            },
        )
    }

    /// Every line of every source: malformed lines become findings, entries
    /// are returned per source.
    fn parse(&self, found: &mut Vec<(usize, Finding)>) -> Vec<Vec<Parsed<'_>>> {
        let mut all = Vec::with_capacity(self.sources.len());
        for (source, (file, text)) in self.sources.iter().enumerate() {
            let mut entries = Vec::new();
            for (line_no, line) in lines(text) {
                match parse_line(line, line_no) {
                    Ok(None) => {}
                    Ok(Some(raw)) => {
                        let canonical_key =
                            phrase_key(raw.canonical).expect("parse_line checked the canonical");
                        entries.push(Parsed { raw, canonical_key });
                    }
                    Err(e) => found.push((
                        source,
                        Finding {
                            file: file.clone(),
                            line: e.line,
                            level: Level::Error,
                            kind: match e.kind {
                                LineErrorKind::Unchanged => Kind::Unchanged,
                                _ => Kind::Malformed,
                            },
                            message: e.message,
                            related: Vec::new(),
                        },
                    )),
                }
            }
            all.push(entries);
        }
        all
    }

    /// Duplicates and conflicts; returns the entry that applies for each
    /// phrase (the first in a file, the last across files).
    fn definitions<'e>(
        &self,
        entries: &'e [Vec<Parsed<'_>>],
        found: &mut Vec<(usize, Finding)>,
    ) -> HashMap<&'e str, At> {
        let mut effective: HashMap<&str, At> = HashMap::new();
        for (source, list) in entries.iter().enumerate() {
            let mut first: HashMap<&str, At> = HashMap::new();
            for (index, e) in list.iter().enumerate() {
                let at = At { source, index };
                let key = e.raw.key.as_str();
                let (earlier, level) = if let Some(&earlier) = first.get(key) {
                    (earlier, Level::Error)
                } else {
                    first.insert(key, at);
                    match effective.insert(key, at) {
                        Some(earlier) => (earlier, Level::Note),
                        None => continue,
                    }
                };
                let old = &entries[earlier.source][earlier.index].raw;
                let place = self.where_is(earlier, source, entries);
                let same = old.canonical == e.raw.canonical && old.class == e.raw.class;
                let (kind, message) = match (same, level) {
                    (true, Level::Error) => (
                        Kind::Duplicate,
                        format!("{:?} is already defined on {place}", e.raw.mangled),
                    ),
                    (true, _) => (
                        Kind::Duplicate,
                        format!(
                            "{:?} is also defined in {place}, with the same canonical and class",
                            e.raw.mangled
                        ),
                    ),
                    (false, Level::Error) => (
                        Kind::Conflict,
                        format!(
                            "{:?} -> {:?} ({}), but {place} has {:?} -> {:?} ({})",
                            e.raw.mangled,
                            e.raw.canonical,
                            e.raw.class,
                            old.mangled,
                            old.canonical,
                            old.class
                        ),
                    ),
                    (false, _) => (
                        Kind::Conflict,
                        format!(
                            "{:?} -> {:?} ({}) overrides {:?} -> {:?} ({}) of {place}",
                            e.raw.mangled,
                            e.raw.canonical,
                            e.raw.class,
                            old.mangled,
                            old.canonical,
                            old.class
                        ),
                    ),
                };
                let related = vec![self.location(earlier, entries)];
                found.push(self.finding(at, entries, level, kind, message, related));
            }
        }
        effective
    }

    /// Follows each applying entry's canonical through the entries that
    /// apply: a circle is a cycle, a step that leaves the circle a chain.
    fn cycles_and_chains(
        &self,
        entries: &[Vec<Parsed<'_>>],
        effective: &HashMap<&str, At>,
        found: &mut Vec<(usize, Finding)>,
    ) {
        let get = |at: At| &entries[at.source][at.index];
        let next = |at: At| effective.get(get(at).canonical_key.as_str()).copied();
        // Applying entries in dictionary and line order, so reports are
        // stable.
        let mut order: Vec<At> = effective.values().copied().collect();
        order.sort();
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            New,
            OnPath,
            Done,
        }
        let mut state: HashMap<At, State> = order.iter().map(|&at| (at, State::New)).collect();
        let mut in_cycle: Vec<At> = Vec::new();
        for &start in &order {
            if state[&start] != State::New {
                continue;
            }
            let mut path = vec![start];
            state.insert(start, State::OnPath);
            while let Some(n) = next(*path.last().expect("path is never empty")) {
                match state[&n] {
                    State::New => {
                        state.insert(n, State::OnPath);
                        path.push(n);
                    }
                    State::OnPath => {
                        let from = path.iter().position(|&p| p == n).expect("n is on the path");
                        let mut cycle = path[from..].to_vec();
                        // Start at the first member in file order.
                        let min = (0..cycle.len())
                            .min_by_key(|&i| cycle[i])
                            .expect("a cycle has members");
                        cycle.rotate_left(min);
                        let mut names: Vec<String> = cycle
                            .iter()
                            .map(|&c| format!("{:?}", get(c).raw.mangled))
                            .collect();
                        names.push(names[0].clone());
                        let related = cycle[1..]
                            .iter()
                            .map(|&c| self.location(c, entries))
                            .collect();
                        found.push(self.finding(
                            cycle[0],
                            entries,
                            Level::Error,
                            Kind::Cycle,
                            format!("{}: restoring never settles", names.join(" -> ")),
                            related,
                        ));
                        in_cycle.extend(cycle);
                        break;
                    }
                    State::Done => break,
                }
            }
            for p in path {
                state.insert(p, State::Done);
            }
        }
        for &at in &order {
            if in_cycle.contains(&at) {
                continue;
            }
            let Some((target, inside)) = chain_target(get(at), effective, entries) else {
                continue;
            };
            let (e, t) = (&get(at).raw, &get(target).raw);
            let place = self.where_is(target, at.source, entries);
            let (level, consequence) = match t.class {
                Class::Fingerprint => (Level::Warning, "a second restore changes the text again"),
                Class::Ambiguous | Class::Common => (
                    Level::Note,
                    "a second restore changes it again only if the text still shows spin",
                ),
            };
            let message = if inside {
                format!(
                    "{:?} -> {:?}, in which {place} restores {:?} again to {:?}: {consequence}",
                    e.mangled, e.canonical, t.mangled, t.canonical
                )
            } else {
                format!(
                    "{:?} -> {:?}, which {place} restores again to {:?}: {consequence}",
                    e.mangled, e.canonical, t.canonical
                )
            };
            let related = vec![self.location(target, entries)];
            found.push(self.finding(at, entries, level, Kind::Chain, message, related));
        }
    }

    /// Fingerprints that are common English words or bigrams.
    fn common_english(&self, entries: &[Vec<Parsed<'_>>], found: &mut Vec<(usize, Finding)>) {
        let common = CommonEnglish::get();
        for (source, list) in entries.iter().enumerate() {
            for (index, e) in list.iter().enumerate() {
                if e.raw.class != Class::Fingerprint {
                    continue;
                }
                let words: Vec<&str> = e.raw.key.split(' ').collect();
                if !common.contains(&words) {
                    continue;
                }
                let what = if words.len() == 1 { "word" } else { "bigram" };
                let message = format!(
                    "fingerprint {:?} is a common English {what} (at least 2 per million words); \
                     restored anywhere, it changes clean text: make it ambiguous or remove it",
                    e.raw.mangled
                );
                found.push(self.finding(
                    At { source, index },
                    entries,
                    Level::Warning,
                    Kind::CommonEnglish,
                    message,
                    Vec::new(),
                ));
            }
        }
    }
}

/// The applying entry that restores `entry`'s canonical again, or a phrase
/// inside it (then `true`): the whole canonical first, then a fingerprint
/// before an ambiguous entry, a longer phrase before a shorter one, the
/// leftmost first.
fn chain_target(
    entry: &Parsed<'_>,
    effective: &HashMap<&str, At>,
    entries: &[Vec<Parsed<'_>>],
) -> Option<(At, bool)> {
    if let Some(&at) = effective.get(entry.canonical_key.as_str()) {
        return Some((at, false));
    }
    let tokens: Vec<&str> = entry.canonical_key.split(' ').collect();
    let mut best: Option<(bool, At)> = None;
    for len in (1..tokens.len()).rev() {
        for start in 0..=tokens.len() - len {
            let phrase = tokens[start..start + len].join(" ");
            let Some(&at) = effective.get(phrase.as_str()) else {
                continue;
            };
            let fingerprint = entries[at.source][at.index].raw.class == Class::Fingerprint;
            if best.is_none_or(|(f, _)| fingerprint && !f) {
                best = Some((fingerprint, at));
            }
        }
    }
    best.map(|(_, at)| (at, true))
}

/// An entry: its source and its index among that source's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct At {
    source: usize,
    index: usize,
}

/// A parsed entry with the normalized key of its canonical.
struct Parsed<'a> {
    raw: RawEntry<'a>,
    canonical_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(tsv: &str) -> Vec<Finding> {
        Linter::new().tsv("t.tsv", tsv).lint()
    }

    fn summary(findings: &[Finding]) -> Vec<(usize, Level, Kind)> {
        findings
            .iter()
            .map(|f| (f.line(), f.level(), f.kind()))
            .collect()
    }

    #[test]
    fn reports_every_malformed_line_not_only_the_first() {
        let text = "a\tb\n".repeat(60) + "x\tx\tfingerprint\n";
        let found = lint(&text);
        assert_eq!(found.len(), 61);
        assert!(found[..60].iter().all(|f| f.kind() == Kind::Malformed));
        assert_eq!(found[60].kind(), Kind::Unchanged);
        assert_eq!(found[60].line(), 61);
        assert!(found.iter().all(|f| f.level() == Level::Error));
    }

    #[test]
    fn duplicates_and_conflicts_in_one_file_are_errors() {
        let found = lint(
            "Getty Pictures\tGetty Images\tfingerprint\ngetty  pictures\tGetty Images\tfingerprint\nGETTY PICTURES\tGetty Photos\tfingerprint\nGetty Pictures\tGetty Images\tambiguous\n",
        );
        assert_eq!(
            summary(&found),
            [
                (2, Level::Error, Kind::Duplicate),
                (3, Level::Error, Kind::Conflict),
                (4, Level::Error, Kind::Conflict),
            ]
        );
        assert_eq!(
            found[0].message(),
            "\"getty  pictures\" is already defined on line 1"
        );
        assert_eq!(
            found[1].message(),
            "\"GETTY PICTURES\" -> \"Getty Photos\" (fingerprint), but line 1 has \"Getty Pictures\" -> \"Getty Images\" (fingerprint)"
        );
        assert_eq!(found[2].related()[0].line(), 1);
    }

    #[test]
    fn overrides_across_files_are_notes() {
        let found = Linter::new()
            .tsv("a.tsv", "stated\tsaid\tambiguous\nbattle\twar\tambiguous\n")
            .tsv("b.tsv", "battle\twar\tambiguous\nStated\tsays\tambiguous\n")
            .lint();
        assert_eq!(
            summary(&found),
            [
                (1, Level::Note, Kind::Duplicate),
                (2, Level::Note, Kind::Conflict)
            ]
        );
        assert!(found.iter().all(|f| f.file() == "b.tsv"));
        assert_eq!(
            found[1].message(),
            "\"Stated\" -> \"says\" (ambiguous) overrides \"stated\" -> \"said\" (ambiguous) of a.tsv:1"
        );
    }

    #[test]
    fn cycles_of_any_length_are_errors_reported_once() {
        let found = lint(
            "safety\tsecurity\tambiguous\nsecurity\tsafety\tambiguous\nbattle\tstruggle\tambiguous\nfight\tbattle\tambiguous\nstruggle\tfight\tambiguous\n",
        );
        assert_eq!(
            summary(&found),
            [
                (1, Level::Error, Kind::Cycle),
                (3, Level::Error, Kind::Cycle)
            ]
        );
        assert_eq!(
            found[1].message(),
            "\"battle\" -> \"struggle\" -> \"fight\" -> \"battle\": restoring never settles"
        );
        let related: Vec<usize> = found[1].related().iter().map(|l| l.line()).collect();
        assert_eq!(related, [5, 4]);
    }

    #[test]
    fn chains_into_fingerprints_are_warnings_into_ambiguous_entries_notes() {
        let found = lint(
            "Protection Secretary\tdefense secretary\tfingerprint\nDefense Secretary\tWar Secretary\tfingerprint\nstrife\tsafety\tambiguous\nsafety\tsecurity\tambiguous\nsecurity\tsafety\tambiguous\n",
        );
        assert_eq!(
            summary(&found),
            [
                (1, Level::Warning, Kind::Chain),
                (3, Level::Note, Kind::Chain),
                (4, Level::Error, Kind::Cycle),
            ]
        );
        assert_eq!(
            found[0].message(),
            "\"Protection Secretary\" -> \"defense secretary\", which line 2 restores again to \"War Secretary\": a second restore changes the text again"
        );
        assert!(found[1]
            .message()
            .contains("only if the text still shows spin"));
    }

    #[test]
    fn chains_through_a_phrase_inside_the_canonical() {
        // Line 1's canonical holds "battle" (ambiguous) and "Getty Pictures"
        // (fingerprint): the fingerprint is reported.
        let found = lint(
            "Getty Photos battle\tGetty Pictures battle\tfingerprint\nbattle\twar\tambiguous\nGetty Pictures\tGetty Images\tfingerprint\nauthorized battle\tlegal battle\tfingerprint\n",
        );
        assert_eq!(
            summary(&found),
            [
                (1, Level::Warning, Kind::Chain),
                (4, Level::Note, Kind::Chain)
            ]
        );
        assert_eq!(
            found[0].message(),
            "\"Getty Photos battle\" -> \"Getty Pictures battle\", in which line 3 restores \"Getty Pictures\" again to \"Getty Images\": a second restore changes the text again"
        );
        assert_eq!(found[1].related()[0].line(), 2);
    }

    #[test]
    fn overridden_entries_take_no_part_in_cycles() {
        // b.tsv replaces "said" -> "stated", so no cycle remains, but the
        // chain through the new entry does.
        let found = Linter::new()
            .tsv(
                "a.tsv",
                "stated\tsaid\tambiguous\nsaid\tstated\tambiguous\n",
            )
            .tsv("b.tsv", "said\tspoke\tambiguous\n")
            .lint();
        let kinds: Vec<(&str, Kind)> = found.iter().map(|f| (f.file(), f.kind())).collect();
        assert_eq!(kinds, [("a.tsv", Kind::Chain), ("b.tsv", Kind::Conflict)]);
        assert_eq!(found[0].related()[0].to_string(), "b.tsv:1");
    }

    #[test]
    fn common_english_fingerprints_are_warnings() {
        let found = lint(
            "they usually\tand they\tfingerprint\nstated\tsaid\tambiguous\nprotection secretary\tdefense secretary\tfingerprint\nthe\ta\tfingerprint\nwhen they usually\twhen they\tfingerprint\n",
        );
        assert_eq!(
            summary(&found),
            [
                (1, Level::Warning, Kind::CommonEnglish),
                (4, Level::Warning, Kind::CommonEnglish),
            ]
        );
        assert!(found[0].message().contains("bigram"));
        assert!(found[1].message().contains("word"));
    }

    #[test]
    fn display_and_json_shapes() {
        let found = lint("Getty Pictures\tGetty Images\tfingerprint\nGetty pictures\tGetty Photos\tfingerprint\n");
        assert_eq!(
            found[0].to_string(),
            "t.tsv:2: error: conflict: \"Getty pictures\" -> \"Getty Photos\" (fingerprint), but line 1 has \"Getty Pictures\" -> \"Getty Images\" (fingerprint)"
        );
        let json = serde_json::to_string(&found[0]).unwrap();
        assert!(
            json.starts_with(
                r#"{"file":"t.tsv","line":2,"level":"error","kind":"conflict","message":"#
            ),
            "{json}"
        );
        assert!(
            json.ends_with(r#""related":[{"file":"t.tsv","line":1}]}"#),
            "{json}"
        );
    }
}
