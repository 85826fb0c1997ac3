//! The dictionary line format, shared by the library and the build script.
//!
//! One entry a line, fields separated by a TAB:
//!
//! ```text
//! # comment
//! mangled phrase<TAB>canonical phrase<TAB>class[<TAB>note]
//! ```
//!
//! `class` is `fingerprint` or `ambiguous`. Blank lines and lines whose first
//! non-blank character is `#` are ignored. A `\r` before the newline is
//! tolerated. This module only uses `std` and `serde` so that the build script
//! can include it and compile the embedded dictionaries with the very same
//! rules.

use super::tokenize::phrase_key;

/// How much evidence an entry needs before it is applied.
///
/// # Example
///
/// ```
/// use unspin::Class;
///
/// assert_eq!("fingerprint".parse::<Class>(), Ok(Class::Fingerprint));
/// assert_eq!(Class::Ambiguous.as_str(), "ambiguous");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Class {
    /// The mangled phrase never occurs in clean prose ("Protection
    /// Secretary", "U.Okay."): it is restored wherever it appears.
    Fingerprint,
    /// The mangled phrase is also ordinary English ("stated", "battle"): it
    /// is restored only where the document shows spin.
    Ambiguous,
    /// The mangled phrase is common English that the spinner also writes
    /// ("company" for "corporate"): restored only where the document shows
    /// spin *and* the language model prefers the canonical wording in
    /// context, and never itself counted as evidence of spin.
    Common,
}

impl Class {
    /// The name used in dictionary files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Fingerprint => "fingerprint",
            Class::Ambiguous => "ambiguous",
            Class::Common => "common",
        }
    }
}

impl std::fmt::Display for Class {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Class {
    type Err = String;

    fn from_str(s: &str) -> Result<Class, String> {
        match s {
            "fingerprint" => Ok(Class::Fingerprint),
            "ambiguous" => Ok(Class::Ambiguous),
            "common" => Ok(Class::Common),
            other => Err(format!(
                "unknown class {other:?} (expected \"fingerprint\", \"ambiguous\" or \"common\")"
            )),
        }
    }
}

/// One parsed line. Strings borrow from the dictionary text.
#[derive(Clone, Debug)]
pub(crate) struct RawEntry<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    pub mangled: &'a str,
    pub canonical: &'a str,
    pub class: Class,
    pub note: Option<&'a str>,
    /// The normalized lookup key of `mangled`.
    pub key: String,
}

/// A problem on one line of a dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub kind: LineErrorKind,
    pub message: String,
}

/// What is wrong with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineErrorKind {
    /// Not an entry: wrong number of fields, unknown class, empty phrase,
    /// braces, overlong line.
    Syntax,
    /// The mangled and canonical phrases are the same word for word.
    Unchanged,
    /// The mangled phrase is already defined on an earlier line.
    Duplicate,
}

/// The most errors reported for one file; past that, parsing stops.
pub(crate) const MAX_ERRORS: usize = 50;

/// The longest line accepted, in bytes: dictionary lines are short phrases.
pub(crate) const MAX_LINE_BYTES: usize = 4096;

/// Parses a whole dictionary. Entries come back in file order; every
/// malformed line is reported (up to [`MAX_ERRORS`]).
pub(crate) fn parse_entries(text: &str) -> Result<Vec<RawEntry<'_>>, Vec<LineError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (line_no, line) in lines(text) {
        match parse_line(line, line_no) {
            Ok(None) => {}
            Ok(Some(entry)) => {
                if let Some(&first) = seen.get(&entry.key) {
                    errors.push(LineError {
                        line: line_no,
                        kind: LineErrorKind::Duplicate,
                        message: format!(
                            "duplicate entry: {:?} is already defined on line {first}",
                            entry.mangled
                        ),
                    });
                } else {
                    seen.insert(entry.key.clone(), line_no);
                    entries.push(entry);
                }
            }
            Err(error) => errors.push(error),
        }
        if errors.len() >= MAX_ERRORS {
            break;
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// The lines of a dictionary with their 1-based numbers, without the line
/// ending (`\n` or `\r\n`) and without a byte order mark at the start of
/// the file, which some editors write (it would otherwise become part of
/// the first phrase).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split('\n')
        .enumerate()
        .map(|(index, raw)| (index + 1, raw.strip_suffix('\r').unwrap_or(raw)))
}

/// Parses one line: `None` for a blank or comment line.
pub(crate) fn parse_line(line: &str, line_no: usize) -> Result<Option<RawEntry<'_>>, LineError> {
    let syntax = |message: String| LineError {
        line: line_no,
        kind: LineErrorKind::Syntax,
        message,
    };
    if line.len() > MAX_LINE_BYTES {
        return Err(syntax(format!(
            "line is longer than {MAX_LINE_BYTES} bytes"
        )));
    }
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let fields: Vec<&str> = line.split('\t').collect();
    if fields.len() < 3 || fields.len() > 4 {
        return Err(syntax(format!(
            "expected 3 or 4 TAB-separated fields (mangled, canonical, class, note), found {}",
            fields.len()
        )));
    }
    let mangled = fields[0].trim();
    let canonical = fields[1].trim();
    let class: Class = fields[2].trim().parse().map_err(syntax)?;
    let note = fields.get(3).map(|n| n.trim()).filter(|n| !n.is_empty());
    let key = phrase_key(mangled).ok_or_else(|| syntax("the mangled phrase is empty".into()))?;
    let canonical_key =
        phrase_key(canonical).ok_or_else(|| syntax("the canonical phrase is empty".into()))?;
    if key == canonical_key {
        return Err(LineError {
            line: line_no,
            kind: LineErrorKind::Unchanged,
            message: format!(
                "mangled and canonical phrases are the same word for word ({mangled:?})"
            ),
        });
    }
    if mangled.contains(['{', '}']) || canonical.contains(['{', '}']) {
        return Err(syntax(
            "braces are reserved for spintax leftovers".to_string(),
        ));
    }
    Ok(Some(RawEntry {
        line: line_no,
        mangled,
        canonical,
        class,
        note,
        key,
    }))
}

/// Writes `header` as comment lines (`# ` and each line), as a TSV the
/// library writes (a learned dictionary, a vocabulary) starts.
pub(crate) fn push_comments(out: &mut String, header: &str) {
    for line in header.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_comments_and_crlf() {
        let text = "# header\r\n\r\nProtection Secretary\tDefense Secretary\tfingerprint\r\nstated\tsaid\tambiguous\tverb\n";
        let entries = parse_entries(text).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[0].key, "protection secretary");
        assert_eq!(entries[0].canonical, "Defense Secretary");
        assert_eq!(entries[1].note, Some("verb"));
        assert_eq!(entries[1].class, Class::Ambiguous);
    }

    #[test]
    fn reports_every_bad_line_with_its_number() {
        let text = "a\tb\n\tb\tfingerprint\nc\td\tmaybe\ne\te\tambiguous\nf\tg\tambiguous\nF\th\tfingerprint\n";
        let errors = parse_entries(text).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 6]);
        assert!(errors[0].message.contains("fields"));
        assert!(errors[1].message.contains("empty"));
        assert!(errors[2].message.contains("unknown class"));
        assert!(errors[3].message.contains("same"));
        assert!(errors[4].message.contains("line 5"));
        let kinds: Vec<LineErrorKind> = errors.iter().map(|e| e.kind).collect();
        use LineErrorKind::*;
        assert_eq!(kinds, [Syntax, Syntax, Syntax, Unchanged, Duplicate]);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_phrase() {
        let entries = parse_entries("\u{feff}x\ty\tfingerprint\n").unwrap();
        assert_eq!((entries[0].line, entries[0].key.as_str()), (1, "x"));
    }

    #[test]
    fn rejects_overlong_lines() {
        let text = format!("{}\tb\tfingerprint\n", "a".repeat(MAX_LINE_BYTES));
        assert!(parse_entries(&text).unwrap_err()[0]
            .message
            .contains("longer"));
    }
}
