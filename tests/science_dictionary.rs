//! Generates `dictionaries/science.tsv` from the Problematic Paper Screener's
//! list of tortured phrases (`dictionaries/sources/pps-tortured-phrases.csv`)
//! and checks that the committed file is exactly the generator's output.
//!
//! After changing the source list or the rules below, regenerate with
//!
//! ```sh
//! UNSPIN_REGENERATE=1 cargo test --test integration science_dictionary
//! ```
//!
//! and review the diff of `dictionaries/science.tsv`.
//!
//! # Rules
//!
//! A row's `tortured_phrase` is a fingerprint query of the screener (for the
//! Dimensions search engine). It is parsed, not copied:
//!
//! - `"X"`: X is a `fingerprint` (restored anywhere).
//! - `"X" AND Y`: X is tortured only where Y (usually the genuine term) also
//!   appears, so X alone is also legitimate wording: `ambiguous` (restored
//!   only in documents shown to be spun), note `and:Y`.
//! - `"X" NOT Y`: X is also legitimate where Y appears: `ambiguous`, note
//!   `not:Y`. A NOT clause never becomes an entry. When the excluded phrase
//!   shares words with X ("engine literacy" NOT "search engine"), the
//!   legitimate use overlaps X itself, which a dictionary cannot express:
//!   the row is dropped.
//! - `"X" OR "Z"` before any AND/NOT: each alternative is an entry with the
//!   row's canonical. Operators are read left to right, as the list's
//!   authors wrote them (`"fit record" OR "fit file" AND "fit index"`).
//! - `"a b"~N` (proximity): dropped. The query tests whether two words occur
//!   near each other, often a tortured word and the genuine term or its
//!   acronym (`"genuine positive TP"~5`, `"squares blockchain"~5`); the
//!   quoted words are not a phrase that occurs in text, and the canonical
//!   describes the tortured word, not the literal string.
//! - `*` (wildcard) anywhere: dropped; a wildcard is not a phrase.
//!
//! The canonical (`expected_phrase`) is cleaned: URLs, `(?)`, `???`, a final
//! `?`, bracketed `[...]` and parenthesized remarks are removed, except a
//! group that the tortured phrase has too (`"synthetic intelligence (AI)"`
//! keeps `(AI)`). A row whose canonical marks itself uncertain (`(?)`, a
//! final `?`, "(or possibly ...)") becomes `ambiguous`; a row is dropped when
//! nothing is left, when the canonical offers alternatives (`a/b`, "or"),
//! holds placeholders (`?? value`), describes instead of naming ("the word
//! 'are' as in ..."), or would delete a parenthetical of the tortured phrase.
//!
//! An entry is dropped when its tortured phrase is legitimate wording: it is
//! (or occurs inside) the canonical of any row, it is a phrase of any AND or
//! NOT clause (where the list names genuine terms: "neural network",
//! "supervised learning", "bag of words", ...), or it is on the reviewed deny
//! list [`deny`]. A one-word tortured phrase, and one that starts or ends
//! with a function word ("into the combination", "sound just"), is ordinary
//! English often enough to be only `ambiguous`; so are the fingerprints that
//! a review found to be legitimate wording in some field
//! ([`reviewed_ambiguous`]: "grouping methods", "heart ailments"). Known
//! misspellings in canonicals are corrected ([`typos`]). Of several rows with the
//! same tortured phrase (compared as the matcher does: by tokens, ignoring
//! case), the one with more papers wins, then the earlier row.
//!
//! The reviewed lists and the word lists are kept by hand as TSV files in
//! `dictionaries/sources/` (`science-deny.tsv`, `science-ambiguous.tsv`,
//! `science-typos.tsv`, `science-function-words.tsv`,
//! `science-small-words.tsv`), each with a header saying where it comes
//! from; the sync test below reads them, so editing one fails the test
//! until `science.tsv` is regenerated.
//!
//! Tortured phrases are written in lower case (matching ignores case); the
//! canonical keeps only inherent capitals: acronyms ("PCA", "IoT"), single
//! capital letters, and capitalized words that the tortured phrase has too
//! ("Markov", "Gaussian") unless it is written in title case. Everything
//! else takes the case of the text it replaces when it is restored.

#[allow(dead_code)]
#[path = "../src/format/tokenize.rs"]
mod tokenize;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::commas;

const SOURCE: &str = "dictionaries/sources/pps-tortured-phrases.csv";
const TARGET: &str = "dictionaries/science.tsv";
const REGENERATE: &str = "UNSPIN_REGENERATE";

/// The generator's hand-kept lists, each a TSV file in
/// `dictionaries/sources/` whose `#` lines say where it comes from.
const LISTS: &str = "dictionaries/sources";

/// The rows of the hand-kept list `name` (in [`LISTS`]): its lines that
/// are not `#` comments, split at tabs; each row must have `columns`
/// fields.
fn list(name: &str, columns: usize) -> Vec<Vec<&'static str>> {
    let path = root().join(LISTS).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text: &'static str = String::leak(text);
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                columns,
                "{}:{}: {columns} fields",
                path.display(),
                n + 1
            );
            fields
        })
        .collect()
}

/// A two-column hand-kept list, read once into `cell`.
fn pairs(
    cell: &'static OnceLock<Vec<(&'static str, &'static str)>>,
    name: &str,
) -> &'static [(&'static str, &'static str)] {
    cell.get_or_init(|| list(name, 2).into_iter().map(|f| (f[0], f[1])).collect())
}

/// A one-column hand-kept list, read once into `cell`.
fn words(cell: &'static OnceLock<Vec<&'static str>>, name: &str) -> &'static [&'static str] {
    cell.get_or_init(|| list(name, 1).into_iter().map(|f| f[0]).collect())
}

/// Tortured phrases that are legitimate wording, reviewed by hand: dropped.
/// Each must match a phrase of the source list that would otherwise be an
/// entry.
fn deny() -> &'static [(&'static str, &'static str)] {
    static LIST: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&LIST, "science-deny.tsv")
}

/// Fingerprints of the source list that are also legitimate wording in some
/// field or ordinary English, reviewed by hand: ambiguous. Each must match
/// a phrase that would otherwise be a fingerprint.
fn reviewed_ambiguous() -> &'static [(&'static str, &'static str)] {
    static LIST: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&LIST, "science-ambiguous.tsv")
}

/// Misspellings in canonicals of the source list, corrected on output.
/// Each must occur in some canonical.
fn typos() -> &'static [(&'static str, &'static str)] {
    static LIST: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&LIST, "science-typos.tsv")
}

/// Words that make a phrase starting or ending with them a piece of ordinary
/// syntax rather than a term.
fn function_words() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&str>> = OnceLock::new();
    words(&LIST, "science-function-words.tsv")
}

/// Words too small to capitalize inside a title.
fn small_words() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&str>> = OnceLock::new();
    words(&LIST, "science-small-words.tsv")
}

// ---------------------------------------------------------------------------
// The query language of the source list.

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    /// A quoted phrase, with the `~N` that may follow it.
    Phrase(String, Option<u32>),
    /// An unquoted word.
    Word(String),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn lex(query: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let start = i + 1;
            let mut end = None;
            for (j, d) in chars.by_ref() {
                if d == '"' {
                    end = Some(j);
                    break;
                }
            }
            let end = end.ok_or("unbalanced quote")?;
            let mut near = None;
            if let Some(&(_, '~')) = chars.peek() {
                chars.next();
                let mut digits = String::new();
                while let Some(&(_, d)) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    digits.push(d);
                    chars.next();
                }
                near = Some(digits.parse().map_err(|_| "~ without a number")?);
            }
            out.push(Tok::Phrase(query[start..end].to_string(), near));
        } else if c == '(' {
            chars.next();
            out.push(Tok::Open);
        } else if c == ')' {
            chars.next();
            out.push(Tok::Close);
        } else {
            let mut word = String::new();
            while let Some(&(_, d)) = chars.peek() {
                if d.is_whitespace() || matches!(d, '"' | '(' | ')') {
                    break;
                }
                word.push(d);
                chars.next();
            }
            out.push(match word.as_str() {
                "AND" => Tok::And,
                "OR" => Tok::Or,
                "NOT" => Tok::Not,
                _ => Tok::Word(word),
            });
        }
    }
    Ok(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    And,
    Not,
}

/// A clause after the tortured phrases: `AND ...` or `NOT ...`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Clause {
    op: Op,
    /// The clause as written, normalized spacing.
    text: String,
    /// Its phrases (quoted phrases, runs of unquoted words).
    phrases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Query {
    /// The tortured phrases: alternatives joined by OR before any AND/NOT.
    heads: Vec<String>,
    clauses: Vec<Clause>,
    proximity: bool,
    wildcard: bool,
}

fn parse_query(query: &str) -> Result<Query, String> {
    let toks = lex(query)?;
    // Split at AND/NOT outside parentheses.
    let mut segments: Vec<(Option<Op>, Vec<Tok>)> = vec![(None, Vec::new())];
    let mut depth = 0i32;
    for t in toks {
        match t {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth -= 1;
                if depth < 0 {
                    return Err("unbalanced parenthesis".into());
                }
            }
            Tok::And | Tok::Not if depth == 0 => {
                let op = if t == Tok::And { Op::And } else { Op::Not };
                segments.push((Some(op), Vec::new()));
                continue;
            }
            _ => {}
        }
        segments.last_mut().unwrap().1.push(t);
    }
    if depth != 0 {
        return Err("unbalanced parenthesis".into());
    }
    let mut proximity = false;
    let mut wildcard = false;
    for (_, seg) in &segments {
        for t in seg {
            match t {
                Tok::Phrase(p, near) => {
                    proximity |= near.is_some();
                    wildcard |= p.contains('*');
                }
                Tok::Word(w) => wildcard |= w.contains('*'),
                _ => {}
            }
        }
    }
    let (_, head) = &segments[0];
    let mut heads = Vec::new();
    let mut expect_phrase = true;
    for t in head {
        match (t, expect_phrase) {
            (Tok::Phrase(p, _), true) => {
                heads.push(p.clone());
                expect_phrase = false;
            }
            (Tok::Or, false) => expect_phrase = true,
            _ => return Err(format!("unsupported tortured phrase part {t:?}")),
        }
    }
    if heads.is_empty() || expect_phrase {
        return Err("no tortured phrase".into());
    }
    let mut clauses = Vec::new();
    for (op, seg) in &segments[1..] {
        if seg.is_empty() {
            return Err("empty clause".into());
        }
        clauses.push(Clause {
            op: op.expect("segments after the first have an operator"),
            text: render(seg),
            phrases: clause_phrases(seg),
        });
    }
    Ok(Query {
        heads,
        clauses,
        proximity,
        wildcard,
    })
}

fn render(toks: &[Tok]) -> String {
    let mut out = String::new();
    for t in toks {
        let piece = match t {
            Tok::Phrase(p, None) => format!("\"{p}\""),
            Tok::Phrase(p, Some(n)) => format!("\"{p}\"~{n}"),
            Tok::Word(w) => w.clone(),
            Tok::And => "AND".into(),
            Tok::Or => "OR".into(),
            Tok::Not => "NOT".into(),
            Tok::Open => "(".into(),
            Tok::Close => ")".into(),
        };
        if !out.is_empty() && !out.ends_with('(') && piece != ")" {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

fn clause_phrases(toks: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for t in toks {
        match t {
            Tok::Word(w) => {
                words.push(w);
                continue;
            }
            Tok::Phrase(p, _) => out.push(p.clone()),
            _ => {}
        }
        if !words.is_empty() {
            out.push(words.join(" "));
            words.clear();
        }
    }
    if !words.is_empty() {
        out.push(words.join(" "));
    }
    out
}

// ---------------------------------------------------------------------------
// Canonicals.

/// Why a row or phrase is not an entry. The order is the report's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Drop {
    Query,
    Proximity,
    Wildcard,
    NotOverlap,
    CanonicalEmpty,
    CanonicalAlternatives,
    CanonicalPlaceholder,
    CanonicalDescription,
    CanonicalParenthetical,
    Unusable,
    Same,
    LegitCanonical,
    LegitContext,
    Deny,
    Duplicate,
}

impl Drop {
    fn describe(self) -> &'static str {
        match self {
            Drop::Query => "query not understood",
            Drop::Proximity => "proximity query (\"a b\"~N): a co-occurrence test, not a phrase",
            Drop::Wildcard => "wildcard (*) in the query",
            Drop::NotOverlap => "NOT excludes a phrase that overlaps the tortured phrase",
            Drop::CanonicalEmpty => "canonical empty after removing notes (???, (?), URLs)",
            Drop::CanonicalAlternatives => "canonical offers alternatives (a/b, or)",
            Drop::CanonicalPlaceholder => "canonical has a placeholder (?? value)",
            Drop::CanonicalDescription => "canonical describes instead of naming",
            Drop::CanonicalParenthetical => {
                "canonical would delete a parenthetical of the tortured phrase"
            }
            Drop::Unusable => "characters the dictionary format reserves (braces, tabs)",
            Drop::Same => "tortured phrase equals the canonical",
            Drop::LegitCanonical => "tortured phrase is or is inside a canonical (legitimate)",
            Drop::LegitContext => "tortured phrase is an AND/NOT phrase of a row (legitimate)",
            Drop::Deny => "reviewed deny list (legitimate wording)",
            Drop::Duplicate => "duplicate of a row with more papers",
        }
    }
}

/// A cleaned canonical.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Canonical {
    text: String,
    /// The list's authors marked it uncertain.
    uncertain: bool,
    /// The list's authors noted false positives.
    caveat: bool,
}

/// A bracketed group in a text: `(...)` or `[...]`, with its byte range.
fn groups(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => stack.push((c, i)),
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                if let Some(pos) = stack.iter().rposition(|&(o, _)| o == open) {
                    let (_, start) = stack[pos];
                    stack.truncate(pos);
                    if stack.is_empty() {
                        out.push((start, i + 1));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn is_acronym_like(inner: &str) -> bool {
    !inner.is_empty()
        && inner.len() <= 12
        && !inner.contains(char::is_whitespace)
        && inner
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A remark in parentheses rather than part of the term.
fn is_remark(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    inner.contains('?')
        || inner.contains(':')
        || inner.split_whitespace().count() >= 5
        || [
            "http", "see ", "e.g", "i.e", "note", "found in", "as in ", "context", "possibly",
        ]
        .iter()
        .any(|m| lower.contains(m))
}

fn normalize_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Straight apostrophes, plain spaces, no stray escapes.
fn normalize_chars(s: &str) -> String {
    s.replace("\\\"", "\"")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace('\u{a0}', " ")
}

fn clean_canonical(raw: &str, mangled: &str) -> Result<Canonical, Drop> {
    let mut text = normalize_chars(raw);
    let mut uncertain = false;
    let mut caveat = false;

    // URLs, with a "see" that introduces them.
    let words: Vec<&str> = text.split_whitespace().collect();
    if words
        .iter()
        .any(|w| w.contains("http://") || w.contains("https://"))
    {
        let mut kept: Vec<&str> = Vec::new();
        for w in words {
            if w.contains("http://") || w.contains("https://") {
                // A URL inside a group: keep its closing brackets.
                let closers: String = w.chars().rev().take_while(|c| *c == ')').collect();
                match kept.last().map(|k| k.to_lowercase()) {
                    Some(k) if k == "see" => {
                        kept.pop();
                    }
                    Some(k) if k == "(see" => {
                        kept.pop();
                        kept.push("(");
                    }
                    _ => {}
                }
                if !closers.is_empty() {
                    kept.push(")");
                }
                continue;
            }
            kept.push(w);
        }
        text = kept.join(" ").replace(" )", ")");
    }

    // Groups: keep those the tortured phrase has too; else drop remarks.
    let mangled_groups: Vec<String> = groups(mangled)
        .into_iter()
        .map(|(s, e)| mangled[s..e].to_lowercase())
        .collect();
    let mangled_parens = mangled_groups.iter().filter(|g| g.starts_with('(')).count();
    let mut kept_parens = 0;
    let mut out = String::new();
    let mut last = 0;
    for (s, e) in groups(&text) {
        let group = &text[s..e];
        let inner = group[1..group.len() - 1].trim();
        let lower_inner = inner.to_lowercase();
        if inner == "?" || lower_inner.starts_with("or ") || lower_inner.contains("possibly") {
            uncertain = true;
        }
        if lower_inner.contains("false positive") {
            caveat = true;
        }
        let keep = if mangled_groups.contains(&group.to_lowercase()) {
            true
        } else {
            group.starts_with('(') && kept_parens < mangled_parens && !is_remark(inner)
        };
        out.push_str(&text[last..s]);
        if keep {
            if group.starts_with('(') {
                kept_parens += 1;
            }
            out.push_str(group);
        }
        last = e;
    }
    out.push_str(&text[last..]);
    let mut text = normalize_spaces(&out.replace('"', ""));
    // "term ," left behind by a removed group.
    text = text.replace(" ,", ",").replace(" ;", ";");

    // Question marks: a final "?" or "(?)" marks doubt; "??" in the middle
    // stands for a word nobody knew.
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<String> = Vec::new();
    let n = words.len();
    for (i, w) in words.iter().enumerate() {
        if w.chars().all(|c| c == '?') {
            if i + 1 == n {
                uncertain = true;
                continue;
            }
            return Err(Drop::CanonicalPlaceholder);
        }
        if w.contains('?') {
            if i + 1 == n && w.ends_with('?') && !w.trim_end_matches('?').contains('?') {
                uncertain = true;
                kept.push(w.trim_end_matches('?').to_string());
                continue;
            }
            return Err(Drop::CanonicalPlaceholder);
        }
        kept.push(w.to_string());
    }
    let text = kept
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'))
        .to_string();

    if text.is_empty() {
        return Err(Drop::CanonicalEmpty);
    }
    // Alternatives: a slash, "or" or "AND" that the tortured phrase lacks.
    let m_lower = mangled.to_lowercase();
    if text.matches('/').count() > mangled.matches('/').count() {
        return Err(Drop::CanonicalAlternatives);
    }
    let has_word = |s: &str, w: &str| s.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if (has_word(&text, "or") || has_word(&text, "OR")) && !has_word(&m_lower, "or") {
        return Err(Drop::CanonicalAlternatives);
    }
    if has_word(&text, "AND") && !mangled.contains("AND") {
        return Err(Drop::CanonicalAlternatives);
    }
    // Descriptions quote words ('are') or mark them with asterisks.
    let quotes_a_word = text
        .split_whitespace()
        .any(|w| w.starts_with('\'') || w.starts_with("('"));
    if (quotes_a_word || text.contains('*')) && !mangled.contains(['\'', '*']) {
        return Err(Drop::CanonicalDescription);
    }
    // Every parenthetical of the tortured phrase must survive, or the
    // restore would delete it; a final acronym may be carried over.
    let text_parens = groups(&text)
        .into_iter()
        .filter(|&(s, _)| text[s..].starts_with('('))
        .count();
    let mut text = text;
    if text_parens < mangled_parens {
        let m_groups = groups(mangled);
        let last = m_groups.last().copied();
        match last {
            Some((s, e))
                if mangled_parens == 1
                    && text_parens == 0
                    && mangled[e..].trim().is_empty()
                    && is_acronym_like(&mangled[s + 1..e - 1]) =>
            {
                text = format!("{text} {}", &mangled[s..e]);
            }
            _ => return Err(Drop::CanonicalParenthetical),
        }
    }
    Ok(Canonical {
        text,
        uncertain,
        caveat,
    })
}

/// The alphanumeric words of a text, with inner apostrophes.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let inner_apostrophe = c == '\''
            && start.is_some()
            && chars.get(k + 1).is_some_and(|&(_, d)| d.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn capitalize(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Two or more words that are not small words, all capitalized: a title,
/// whose capitals say nothing about the words.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = word_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .filter(|w| w.chars().any(char::is_alphabetic) && !small_words().contains(w))
        .collect();
    words.len() >= 2 && words.iter().all(|w| !w.starts_with(char::is_lowercase))
}

/// Lower case except inherent capitals (see the module documentation).
fn canonical_case(canonical: &str, mangled: &str) -> String {
    let mangled_capitals: HashSet<&str> = if is_title_case(mangled) {
        HashSet::new()
    } else {
        word_spans(mangled)
            .into_iter()
            .map(|(s, e)| &mangled[s..e])
            .filter(|w| starts_upper(w))
            .collect()
    };
    let mut out = String::with_capacity(canonical.len());
    let mut last = 0;
    for (s, e) in word_spans(canonical) {
        out.push_str(&canonical[last..s]);
        let w = &canonical[s..e];
        let acronym = w.chars().skip(1).any(char::is_uppercase);
        let letter = w.chars().count() == 1 && starts_upper(w);
        if acronym || letter || mangled_capitals.contains(w) {
            out.push_str(w);
        } else {
            out.push_str(&w.to_lowercase());
        }
        last = e;
    }
    out.push_str(&canonical[last..]);
    out
}

fn fix_typos(text: &str, used: &mut HashSet<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (s, e) in word_spans(text) {
        out.push_str(&text[last..s]);
        let w = &text[s..e];
        match typos()
            .iter()
            .find(|(wrong, _)| wrong.eq_ignore_ascii_case(w))
        {
            Some((wrong, right)) => {
                used.insert(wrong);
                if starts_upper(w) {
                    out.push_str(&capitalize(right));
                } else {
                    out.push_str(right);
                }
            }
            None => out.push_str(w),
        }
        last = e;
    }
    out.push_str(&text[last..]);
    out
}

fn key(phrase: &str) -> Option<String> {
    tokenize::phrase_key(phrase)
}

// ---------------------------------------------------------------------------
// Generation.

struct Row {
    /// 1-based record number (the header is record 0).
    number: usize,
    query: String,
    expected: String,
    papers: u64,
}

fn read_rows(path: &Path) -> Vec<Row> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["tortured_phrase", "expected_phrase", "num_papers"],
        "{}: unexpected columns",
        path.display()
    );
    reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let papers = r[2].replace(',', "");
            Row {
                number: i + 1,
                query: r[0].to_string(),
                expected: r[1].to_string(),
                papers: papers
                    .parse()
                    .unwrap_or_else(|e| panic!("{}: row {}: {e}", path.display(), i + 1)),
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Fingerprint,
    Ambiguous,
}

impl Class {
    fn as_str(self) -> &'static str {
        match self {
            Class::Fingerprint => "fingerprint",
            Class::Ambiguous => "ambiguous",
        }
    }
}

/// Why an entry is ambiguous rather than a fingerprint. Report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Why {
    And,
    Not,
    Uncertain,
    Caveat,
    OneWord,
    FunctionWord,
    Reviewed,
}

impl Why {
    fn describe(self) -> &'static str {
        match self {
            Why::And => "AND clause: tortured only beside another phrase",
            Why::Not => "NOT clause: legitimate in some contexts",
            Why::Uncertain => "canonical marked uncertain by the list's authors",
            Why::Caveat => "false positives noted by the list's authors",
            Why::OneWord => "one word: ordinary English too often",
            Why::FunctionWord => "starts or ends with a function word",
            Why::Reviewed => "reviewed: legitimate wording in some field",
        }
    }
}

#[derive(Clone, Debug)]
struct Candidate {
    mangled: String,
    key: String,
    canonical: String,
    why: Vec<Why>,
    note: String,
    papers: u64,
    row: usize,
}

impl Candidate {
    fn class(&self) -> Class {
        if self.why.is_empty() {
            Class::Fingerprint
        } else {
            Class::Ambiguous
        }
    }
}

/// The generator's result: the entries and what happened to every phrase.
struct Generated {
    rows: usize,
    phrases: usize,
    entries: Vec<Candidate>,
    dropped: BTreeMap<Drop, usize>,
    /// Deny-list items and typo corrections that were used.
    deny_used: HashSet<&'static str>,
    reviewed_used: HashSet<&'static str>,
    typos_used: HashSet<&'static str>,
}

fn generate(rows: &[Row]) -> Generated {
    let mut dropped: BTreeMap<Drop, usize> = BTreeMap::new();
    let mut cx = Context {
        typos_used: HashSet::new(),
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    // Legitimate wording named by the list itself.
    let mut canonical_grams: HashSet<String> = HashSet::new();
    let mut context_keys: HashSet<String> = HashSet::new();
    let mut phrases = 0;

    for row in rows {
        let query = match parse_query(&row.query) {
            Ok(q) => q,
            Err(_) => {
                phrases += 1;
                *dropped.entry(Drop::Query).or_default() += 1;
                continue;
            }
        };
        phrases += query.heads.len();
        for clause in &query.clauses {
            for p in &clause.phrases {
                if let Some(k) = key(&normalize_chars(p)) {
                    context_keys.insert(k);
                }
            }
        }
        // Every canonical names legitimate wording, whatever becomes of the
        // row: every run of its words, remarks and alternatives included.
        if let Some(k) = key(&strip_urls(&normalize_chars(&row.expected))) {
            add_grams(&k, &mut canonical_grams);
        }
        let row_drop = if query.proximity {
            Some(Drop::Proximity)
        } else if query.wildcard {
            Some(Drop::Wildcard)
        } else {
            None
        };
        if let Some(d) = row_drop {
            *dropped.entry(d).or_default() += query.heads.len();
            continue;
        }
        for head in &query.heads {
            let head = normalize_spaces(&normalize_chars(head));
            match candidate(row, &query, &head, &mut cx) {
                Ok(c) => candidates.push(c),
                Err(d) => *dropped.entry(d).or_default() += 1,
            }
        }
    }

    // Legitimate wording and the deny list.
    let mut deny_used = HashSet::new();
    let deny: HashMap<String, &'static str> = deny()
        .iter()
        .map(|(p, _)| (key(p).expect("deny-list phrases are not empty"), *p))
        .collect();
    let reviewed: HashMap<String, &'static str> = reviewed_ambiguous()
        .iter()
        .map(|(p, _)| (key(p).expect("reviewed phrases are not empty"), *p))
        .collect();
    let mut reviewed_used = HashSet::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for mut c in candidates {
        if let Some(p) = reviewed.get(&c.key) {
            if c.class() == Class::Fingerprint {
                reviewed_used.insert(*p);
                c.why.push(Why::Reviewed);
                c.note.push_str(" reviewed");
            }
        }
        let reason = if canonical_grams.contains(&c.key) {
            Some(Drop::LegitCanonical)
        } else if context_keys.contains(&c.key) {
            Some(Drop::LegitContext)
        } else if let Some(p) = deny.get(&c.key) {
            deny_used.insert(*p);
            Some(Drop::Deny)
        } else {
            None
        };
        match reason {
            Some(d) => *dropped.entry(d).or_default() += 1,
            None => kept.push(c),
        }
    }

    // One entry per phrase: more papers, then the earlier row.
    kept.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then(b.papers.cmp(&a.papers))
            .then(a.row.cmp(&b.row))
    });
    let mut entries: Vec<Candidate> = Vec::with_capacity(kept.len());
    for c in kept {
        if entries.last().is_some_and(|l| l.key == c.key) {
            *dropped.entry(Drop::Duplicate).or_default() += 1;
        } else {
            entries.push(c);
        }
    }
    Generated {
        rows: rows.len(),
        phrases,
        entries,
        dropped,
        deny_used,
        reviewed_used,
        typos_used: cx.typos_used,
    }
}

fn without_groups(text: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (s, e) in groups(text) {
        out.push_str(&text[last..s]);
        last = e;
    }
    out.push_str(&text[last..]);
    normalize_spaces(&out)
}

fn strip_urls(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.contains("http://") && !w.contains("https://"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every run of whole tokens of a key, so that "occurs inside" is a lookup.
fn add_grams(key: &str, grams: &mut HashSet<String>) {
    let toks: Vec<&str> = key.split(' ').collect();
    for i in 0..toks.len() {
        for j in i + 1..=toks.len() {
            grams.insert(toks[i..j].join(" "));
        }
    }
}

/// What the rules record while they run.
struct Context {
    typos_used: HashSet<&'static str>,
}

fn candidate(row: &Row, query: &Query, head: &str, cx: &mut Context) -> Result<Candidate, Drop> {
    let head_key = key(head).ok_or(Drop::Query)?;
    // A NOT phrase that shares a word with the head: its legitimate use
    // contains the head, which the dictionary cannot exclude.
    let head_words: HashSet<&str> = head_key.split(' ').collect();
    for clause in query.clauses.iter().filter(|c| c.op == Op::Not) {
        for p in &clause.phrases {
            if let Some(k) = key(p) {
                if k.split(' ')
                    .any(|w| head_words.contains(w) && w.chars().any(char::is_alphanumeric))
                {
                    return Err(Drop::NotOverlap);
                }
            }
        }
    }
    let canonical = clean_canonical(&row.expected, head)?;
    let text = fix_typos(&canonical_case(&canonical.text, head), &mut cx.typos_used);
    let mangled = head.to_lowercase();
    if mangled.contains(['{', '}', '\t', '\n', '\r']) || text.contains(['{', '}', '\t', '\n', '\r'])
    {
        return Err(Drop::Unusable);
    }
    let canonical_key = key(&text).ok_or(Drop::CanonicalEmpty)?;
    if canonical_key == head_key {
        return Err(Drop::Same);
    }

    let mut why = Vec::new();
    let mut notes = vec![format!("pps:{}", row.papers)];
    for clause in &query.clauses {
        match clause.op {
            Op::And => {
                why.push(Why::And);
                notes.push(format!("and:{}", clause.text));
            }
            Op::Not => {
                why.push(Why::Not);
                notes.push(format!("not:{}", clause.text));
            }
        }
    }
    if query.heads.len() > 1 {
        notes.push("or".to_string());
    }
    if canonical.uncertain {
        why.push(Why::Uncertain);
        notes.push("uncertain".to_string());
    }
    if canonical.caveat {
        why.push(Why::Caveat);
        notes.push("false-positives".to_string());
    }
    let words: Vec<&str> = head_key
        .split(' ')
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() == 1 {
        why.push(Why::OneWord);
        notes.push("one-word".to_string());
    } else {
        // The edges of the phrase outside its groups: in "data innovation
        // (IT)" the acronym is not the word "it".
        let outside = without_groups(head);
        let edge_words: Vec<&str> = word_spans(&outside)
            .into_iter()
            .map(|(s, e)| &outside[s..e])
            .collect();
        let function_word = |w: &&str| {
            let acronym = w.chars().count() > 1 && !w.chars().any(char::is_lowercase);
            !acronym && function_words().contains(&w.to_lowercase().as_str())
        };
        if edge_words.first().is_some_and(function_word)
            || edge_words.last().is_some_and(function_word)
        {
            why.push(Why::FunctionWord);
            notes.push("function-word".to_string());
        }
    }
    why.sort();
    why.dedup();
    Ok(Candidate {
        mangled,
        key: head_key,
        canonical: text,
        why,
        note: notes.join(" "),
        papers: row.papers,
        row: row.number,
    })
}

fn render_tsv(g: &Generated) -> String {
    let mut by_class: BTreeMap<Class, usize> = BTreeMap::new();
    let mut by_why: BTreeMap<Why, usize> = BTreeMap::new();
    for e in &g.entries {
        *by_class.entry(e.class()).or_default() += 1;
        for w in &e.why {
            *by_why.entry(*w).or_default() += 1;
        }
    }
    let mut out = String::new();
    let h = &mut out;
    let _ = writeln!(
        h,
        "# unspin science dictionary: tortured phrases and the terms they replace."
    );
    let _ = writeln!(h, "#");
    let _ = writeln!(
        h,
        "# GENERATED FILE, DO NOT EDIT BY HAND. Generated by tests/science_dictionary.rs"
    );
    let _ = writeln!(
        h,
        "# from dictionaries/sources/pps-tortured-phrases.csv; regenerate with"
    );
    let _ = writeln!(
        h,
        "#   UNSPIN_REGENERATE=1 cargo test --test integration science_dictionary"
    );
    let _ = writeln!(
        h,
        "# (the test fails while this file differs from the generator's output)."
    );
    let _ = writeln!(h, "#");
    let _ = writeln!(
        h,
        "# Source: the \"Tortured\" fingerprint list of the Problematic Paper Screener"
    );
    let _ = writeln!(
        h,
        "# by Guillaume Cabanac, Cyril Labbé and Alexander Magazinov,"
    );
    let _ = writeln!(h, "# https://dbrech.irit.fr/pls/apex/f?p=9999:5:::NO:::");
    let _ = writeln!(
        h,
        "# Licence: CC BY 4.0 (attribution: Problematic Paper Screener, Cabanac, Labbé,"
    );
    let _ = writeln!(
        h,
        "# Magazinov); see dictionaries/sources/README.md for the licence caveat."
    );
    let _ = writeln!(h, "#");
    let _ = writeln!(
        h,
        "# Format: tortured phrase <TAB> canonical <TAB> class <TAB> note"
    );
    let _ = writeln!(
        h,
        "# note: pps:N = papers the fingerprint matched in Dimensions; and:/not: = the"
    );
    let _ = writeln!(
        h,
        "# query's clauses; or = one of several alternatives; uncertain, false-positives,"
    );
    let _ = writeln!(
        h,
        "# one-word, function-word, reviewed = why the entry is ambiguous (see the generator)."
    );
    let _ = writeln!(h, "#");
    let _ = writeln!(h, "# Rows: {}; tortured phrases: {}.", g.rows, g.phrases);
    let _ = writeln!(h, "# Entries: {}", g.entries.len());
    for (class, n) in &by_class {
        let _ = writeln!(h, "#   {:<12} {n:>5}", class.as_str());
    }
    let _ = writeln!(
        h,
        "# Ambiguous because (an entry may have several reasons):"
    );
    for (why, n) in &by_why {
        let _ = writeln!(h, "#   {n:>5}  {}", why.describe());
    }
    let _ = writeln!(
        h,
        "# Dropped phrases: {}",
        g.dropped.values().sum::<usize>()
    );
    for (d, n) in &g.dropped {
        let _ = writeln!(h, "#   {n:>5}  {}", d.describe());
    }
    let _ = writeln!(h);
    for e in &g.entries {
        let _ = writeln!(
            h,
            "{}\t{}\t{}\t{}",
            e.mangled,
            e.canonical,
            e.class().as_str(),
            e.note
        );
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The generator's output for the committed source, computed once.
fn generated() -> &'static (Generated, String) {
    static GENERATED: OnceLock<(Generated, String)> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let rows = read_rows(&root().join(SOURCE));
        let g = generate(&rows);
        let text = render_tsv(&g);
        (g, text)
    })
}

// ---------------------------------------------------------------------------
// The sync test.

#[test]
fn science_dictionary_matches_the_generator() {
    let (_, text) = generated();
    let path = root().join(TARGET);
    if std::env::var_os(REGENERATE).is_some_and(|v| v == "1") {
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != *text {
        let first = committed
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(text.lines().count()));
        panic!(
            "{TARGET} is not what the generator produces (first difference at line {}).\n\
             Regenerate it with\n    {REGENERATE}=1 cargo test --test integration science_dictionary\n\
             and review the diff.",
            first + 1
        );
    }
}

#[test]
fn generated_entries_parse_and_are_unique() {
    let (g, text) = generated();
    let dict = unspin::Dictionary::from_tsv("science", text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dict.entries().len(), g.entries.len());
    assert!(
        g.entries.len() > 1000,
        "too few entries: {}",
        g.entries.len()
    );
    for e in dict.entries() {
        assert_eq!(e.mangled(), e.mangled().to_lowercase());
        assert!(e.note().is_some_and(|n| n.starts_with("pps:")));
    }
}

#[test]
fn docs_state_the_entry_counts() {
    let (g, _) = generated();
    let count = |class| g.entries.iter().filter(|e| e.class() == class).count();
    let row = format!(
        "| `science` | {} ({} fingerprint, {} ambiguous) |",
        commas(g.entries.len()),
        commas(count(Class::Fingerprint)),
        commas(count(Class::Ambiguous))
    );
    let page = std::fs::read_to_string(root().join("docs/dictionaries.md")).unwrap();
    assert!(
        page.contains(&row),
        "docs/dictionaries.md's dictionary table should read {row}"
    );
}

#[test]
fn reviewed_lists_are_all_used() {
    let (g, _) = generated();
    for (phrase, reason) in deny() {
        assert!(
            !reason.is_empty(),
            "deny-list item {phrase:?} needs a reason"
        );
        assert!(
            g.deny_used.contains(phrase),
            "deny-list item {phrase:?} matches no phrase of the source list"
        );
    }
    for (phrase, reason) in reviewed_ambiguous() {
        assert!(
            !reason.is_empty(),
            "reviewed item {phrase:?} needs a reason"
        );
        assert!(
            g.reviewed_used.contains(phrase),
            "reviewed item {phrase:?} matches no fingerprint of the source list"
        );
    }
    for (wrong, _) in typos() {
        assert!(
            g.typos_used.contains(wrong),
            "typo {wrong:?} occurs in no canonical"
        );
    }
}

#[test]
fn legitimate_terms_named_by_the_list_are_not_entries() {
    let (g, _) = generated();
    let keys: HashSet<&str> = g.entries.iter().map(|e| e.key.as_str()).collect();
    for term in [
        "neural network",
        "supervised learning",
        "cloud computing",
        "bag of words",
        "output layer",
        "deep learning",
        "artificial intelligence",
        "corvus corone module for a secured two way",
        "with macs",
    ] {
        assert!(!keys.contains(term), "{term:?} is an entry");
    }
}

// ---------------------------------------------------------------------------
// The rules, one by one.

#[test]
fn queries_parse() {
    let q = parse_query(r#""profound learning" AND "deep learning""#).unwrap();
    assert_eq!(q.heads, ["profound learning"]);
    assert_eq!(q.clauses.len(), 1);
    assert_eq!(q.clauses[0].op, Op::And);
    assert_eq!(q.clauses[0].text, "\"deep learning\"");

    let q = parse_query(r#""PC helped" AND ("be that as it" OR "on the off chance")"#).unwrap();
    assert_eq!(q.heads, ["PC helped"]);
    assert_eq!(
        q.clauses[0].text,
        r#"("be that as it" OR "on the off chance")"#
    );
    assert_eq!(q.clauses[0].phrases, ["be that as it", "on the off chance"]);

    let q = parse_query(r#""fit record" OR "fit file" AND "fit index""#).unwrap();
    assert_eq!(q.heads, ["fit record", "fit file"]);

    let q = parse_query(r#""business knowledge" AND business intelligence"#).unwrap();
    assert_eq!(q.clauses[0].phrases, ["business intelligence"]);

    let q = parse_query(r#""extricating highlights"~20 NOT specular"#).unwrap();
    assert!(q.proximity);
    assert_eq!(q.clauses[0].op, Op::Not);
    assert!(
        parse_query(r#""enhancement calculation" AND optimiz*"#)
            .unwrap()
            .wildcard
    );

    assert!(parse_query(r#"AND "x""#).is_err());
    assert!(parse_query(r#""x" AND"#).is_err());
    assert!(parse_query(r#""x"#).is_err());
    assert!(parse_query(r#"("x" OR "y") AND "z""#).is_err());
}

fn cleaned(raw: &str, mangled: &str) -> Result<(String, bool), Drop> {
    clean_canonical(raw, mangled).map(|c| (c.text, c.uncertain))
}

#[test]
fn canonicals_are_cleaned() {
    let ok = |s: &str, u| Ok((s.to_string(), u));
    assert_eq!(
        cleaned("rythm pattern (?)", "cadence design"),
        ok("rythm pattern", true)
    );
    assert_eq!(
        cleaned("Crow search algorithm ?", "x"),
        ok("Crow search algorithm", true)
    );
    assert_eq!(
        cleaned("strengths and weaknesses?", "x"),
        ok("strengths and weaknesses", true)
    );
    assert_eq!(cleaned("???", "x"), Err(Drop::CanonicalEmpty));
    assert_eq!(cleaned("(?)", "x (CR)"), Err(Drop::CanonicalEmpty));
    assert_eq!(
        cleaned("?? value", "review esteem"),
        Err(Drop::CanonicalPlaceholder)
    );
    assert_eq!(
        cleaned(
            "social influence, see https://en.wikipedia.org/wiki/Unified_theory",
            "social impact"
        ),
        ok("social influence", false)
    );
    assert_eq!(
        cleaned("[neural network] layer outputs", "layer yields"),
        ok("layer outputs", false)
    );
    assert_eq!(
        cleaned("back propagation (BP)", "feedback processing"),
        ok("back propagation", false)
    );
    assert_eq!(
        cleaned(
            "artificial intelligence (or possibly \\\"machine learning\\\")",
            "x"
        ),
        ok("artificial intelligence", true)
    );
    assert_eq!(
        cleaned(
            "machine learning\u{a0}(in this context)",
            "machine knowledge"
        ),
        ok("machine learning", false)
    );
    // Groups of the tortured phrase stay; a final acronym is carried over.
    assert_eq!(
        cleaned("Internet of Things (IoT)", "Web of Things (IoT)"),
        ok("Internet of Things (IoT)", false)
    );
    assert_eq!(
        cleaned("IoT (Internet of Things)", "IoT (Web of Things)"),
        ok("IoT (Internet of Things)", false)
    );
    assert_eq!(
        cleaned("information technology", "data technology (IT)"),
        ok("information technology (IT)", false)
    );
    assert_eq!(
        cleaned(
            "relative risk (please note that the HR does exist)",
            "hazard ratio (RR)"
        ),
        ok("relative risk (RR)", false)
    );
    assert_eq!(
        cleaned("[C=O] groups", "[C=O] bunches"),
        ok("[C=O] groups", false)
    );
    assert_eq!(
        cleaned("ground-truth labels", "ground-truth names (comments)"),
        Err(Drop::CanonicalParenthetical)
    );
    // Alternatives and descriptions.
    assert_eq!(
        cleaned(
            "contagious/transmissible diseases",
            "irresistible infections"
        ),
        Err(Drop::CanonicalAlternatives)
    );
    assert_eq!(
        cleaned("renal or kidney failure", "renal disappointment"),
        Err(Drop::CanonicalAlternatives)
    );
    assert_eq!(
        cleaned("procedure AND ultimate density", "preformation"),
        Err(Drop::CanonicalAlternatives)
    );
    assert_eq!(
        cleaned("The word \u{2018}are\u{2019} as in the conjugated verb \u{2018}be\u{2019}, see https://pubpeer.com/x", "area unit"),
        Err(Drop::CanonicalDescription)
    );
    assert_eq!(
        cleaned("Prisoner's Dilemma", "detainee's difficulty"),
        ok("Prisoner's Dilemma", false)
    );
    let c = clean_canonical("single day (caveat: false positives)", "solitary day").unwrap();
    assert!(c.caveat);
}

#[test]
fn canonical_case_keeps_only_inherent_capitals() {
    assert_eq!(
        canonical_case(
            "Principal Component Analysis (PCA)",
            "main element analysis (PCA)"
        ),
        "principal component analysis (PCA)"
    );
    assert_eq!(
        canonical_case("Hidden Markov Model (HMM)", "concealed Markov"),
        "hidden Markov model (HMM)"
    );
    assert_eq!(
        canonical_case("Gaussian mixture", "Gaussian blend"),
        "Gaussian mixture"
    );
    assert_eq!(
        canonical_case("K-nearest neighbors", "K-closest neighbors"),
        "K-nearest neighbors"
    );
    assert_eq!(
        canonical_case("Reinforcement Learning", "Fortification learning"),
        "reinforcement learning"
    );
    assert_eq!(
        canonical_case(
            "World Health Organization (WHO)",
            "World Wellbeing Association (WHO)"
        ),
        "world health organization (WHO)"
    );
    assert_eq!(
        canonical_case("Internet of Things (IoT)", "Web of Things (IoT)"),
        "internet of things (IoT)"
    );
    assert_eq!(
        canonical_case("Crow search algorithm", "corvus corone"),
        "crow search algorithm"
    );
    assert_eq!(canonical_case("eGFR value", "x"), "eGFR value");
}

fn row(query: &str, expected: &str, papers: u64, number: usize) -> Row {
    Row {
        number,
        query: query.to_string(),
        expected: expected.to_string(),
        papers,
    }
}

fn entries(rows: &[Row]) -> Vec<(String, String, Class, String)> {
    generate(rows)
        .entries
        .into_iter()
        .map(|e| {
            (
                e.mangled.clone(),
                e.canonical.clone(),
                e.class(),
                e.note.clone(),
            )
        })
        .collect()
}

#[test]
fn classes_and_drops() {
    let rows = [
        row(
            r#""counterfeit consciousness""#,
            "artificial intelligence (AI)",
            100,
            1,
        ),
        row(
            r#""profound learning" AND "deep learning""#,
            "deep learning",
            90,
            2,
        ),
        row(r#""bosom" AND "breast""#, "breast", 80, 3),
        row(
            r#""surface highlights" NOT specular"#,
            "surface features",
            70,
            4,
        ),
        row(
            r#""engine literacy" NOT "search engine""#,
            "machine learning",
            60,
            5,
        ),
        row(
            r#""affirmed recuperated demise" OR "affirmed recuperated passing""#,
            "confirmed, recovered and death (cases)",
            50,
            6,
        ),
        row(r#""gatherings clustering"~10"#, "clustering", 40, 7),
        row(
            r#""Hey Greetings" AND "hear*""#,
            "hearing-impaired (HI)",
            30,
            8,
        ),
        row(r#""Counterfeit consciousness""#, "machine learning", 5, 9),
        row(
            r#""into the combination""#,
            "into (reaction) mixture",
            20,
            10,
        ),
        row(r#""deep learning""#, "machine learning", 10, 11),
        row(r#""learning""#, "studying", 10, 12),
        row(
            r#""data innovation (IT)""#,
            "Information Technology (IT)",
            10,
            13,
        ),
    ];
    let g = generate(&rows);
    let got = entries(&rows);
    let find = |m: &str| got.iter().find(|e| e.0 == m).cloned();
    let cc = find("counterfeit consciousness").unwrap();
    assert_eq!(
        (cc.1.as_str(), cc.2),
        ("artificial intelligence", Class::Fingerprint)
    );
    assert_eq!(cc.3, "pps:100");
    let pl = find("profound learning").unwrap();
    assert_eq!(pl.2, Class::Ambiguous);
    assert_eq!(pl.3, "pps:90 and:\"deep learning\"");
    assert_eq!(find("bosom").unwrap().2, Class::Ambiguous);
    assert_eq!(find("surface highlights").unwrap().3, "pps:70 not:specular");
    assert!(find("engine literacy").is_none());
    assert!(find("search engine").is_none());
    assert!(find("specular").is_none());
    let a = find("affirmed recuperated passing").unwrap();
    assert_eq!(
        (a.1.as_str(), a.2),
        ("confirmed, recovered and death", Class::Fingerprint)
    );
    assert!(find("affirmed recuperated demise").is_some());
    assert!(find("gatherings clustering").is_none());
    assert!(find("hey greetings").is_none());
    let into = find("into the combination").unwrap();
    assert_eq!(
        (into.1.as_str(), into.2),
        ("into mixture", Class::Ambiguous)
    );
    // The AND phrase and the canonicals are legitimate wording.
    assert!(find("deep learning").is_none());
    assert!(find("learning").is_none());
    assert_eq!(g.dropped[&Drop::Duplicate], 1);
    assert_eq!(g.dropped[&Drop::NotOverlap], 1);
    assert_eq!(g.dropped[&Drop::Proximity], 1);
    assert_eq!(g.dropped[&Drop::Wildcard], 1);
    assert_eq!(g.dropped[&Drop::LegitCanonical], 2);
    let it = find("data innovation (it)").unwrap();
    assert_eq!(
        (it.1.as_str(), it.2),
        ("information technology (IT)", Class::Fingerprint)
    );
    assert_eq!(got.len(), 8);
}
