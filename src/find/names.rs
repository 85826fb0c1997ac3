//! Damaged names: a spinner rewrites capitalised names word by word
//! ("Department of Government Efficiency" -> "Division of Authorities
//! Effectivity", "Supreme Court" -> "Supreme Courtroom"). A list of whole
//! names cannot keep up, so this module handles the pattern: within a run of
//! capitalised words, words that are known spun forms of name words are
//! restored when the run carries a *strong* one, a spun form that is
//! essentially never part of a genuine name.
//!
//! The name words live in `dictionaries/name-words.tsv`, in the dictionary
//! format: `fingerprint` marks a strong word, `ambiguous` a weak one (a word
//! such as "Division" or "Protection" that genuine names do contain, and
//! that is restored only beside a strong one).

use std::collections::HashMap;

use crate::format::dict_format::{parse_entries, Class};
use crate::format::tokenize::{Token, TokenKind, SMALL_WORDS};

/// The embedded name-word list.
const NAME_WORDS: &str = include_str!("../../dictionaries/name-words.tsv");

/// Lower-case words that may join the capitalised words of one name
/// ("Department *of* Defense", "Office of Management *and* Budget").
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "on", "de"];

/// The longest run of capitalised words treated as a name. Longer runs are
/// headlines in title case, where any capitalised word may be ordinary.
const MAX_NAME_WORDS: usize = 6;

/// One known spun name word.
#[derive(Clone, Debug)]
pub(crate) struct NameWord {
    pub canonical: String,
    pub strong: bool,
    /// Line in `dictionaries/name-words.tsv`.
    pub line: usize,
}

/// A restorable word inside a damaged name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameHit {
    /// Token index of the word.
    pub token: usize,
    /// Token index of the first and last capitalised word of its name.
    pub name_first: usize,
    pub name_last: usize,
}

/// The name-word table.
#[derive(Debug)]
pub(crate) struct NameWords {
    words: HashMap<String, NameWord, foldhash::fast::RandomState>,
}

impl NameWords {
    /// The embedded table, parsed once per process.
    pub(crate) fn embedded() -> &'static NameWords {
        static TABLE: std::sync::OnceLock<NameWords> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| {
            NameWords::parse(NAME_WORDS).expect("dictionaries/name-words.tsv is checked by a test")
        })
    }

    fn parse(text: &str) -> Result<NameWords, String> {
        let entries = parse_entries(text).map_err(|errors| {
            errors
                .iter()
                .map(|e| format!("name-words.tsv:{}: {}", e.line, e.message))
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        let mut words = HashMap::with_capacity_and_hasher(
            entries.len(),
            foldhash::fast::RandomState::default(),
        );
        for e in entries {
            if e.mangled.contains(' ') || e.canonical.contains(' ') {
                return Err(format!(
                    "name-words.tsv:{}: name words are single words",
                    e.line
                ));
            }
            words.insert(
                e.mangled.to_lowercase(),
                NameWord {
                    canonical: e.canonical.to_string(),
                    strong: e.class == Class::Fingerprint,
                    line: e.line,
                },
            );
        }
        Ok(NameWords { words })
    }

    /// The entry for a spun name word, looked up case-insensitively; `buf`
    /// is reused between calls so the scan does not allocate per token.
    pub(crate) fn get(&self, word: &str, buf: &mut String) -> Option<&NameWord> {
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        self.words.get(buf.as_str())
    }

    /// Finds the restorable words of damaged names. `covered[i]` marks
    /// tokens that another edit already handles; they still count as part
    /// of a name but are never reported.
    pub(crate) fn find(
        &self,
        text: &str,
        tokens: &[Token],
        covered: &[bool],
        out: &mut Vec<NameHit>,
    ) {
        let mut buf = String::new();
        let mut i = 0;
        while i < tokens.len() {
            if !is_capitalised(text, &tokens[i]) {
                i += 1;
                continue;
            }
            // Extend a run: capitalised words, with single connectors
            // between two of them.
            let first = i;
            let mut last = i;
            let mut capitalised = 1;
            let mut j = i + 1;
            while j < tokens.len() && !tokens[j].break_before {
                let t = &tokens[j];
                if is_capitalised(text, t) {
                    last = j;
                    capitalised += 1;
                    j += 1;
                } else if t.kind == TokenKind::Word
                    && CONNECTORS.contains(&&text[t.start..t.end])
                    && tokens
                        .get(j + 1)
                        .is_some_and(|n| !n.break_before && is_capitalised(text, n))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            i = last + 1;
            if !(2..=MAX_NAME_WORDS).contains(&capitalised) {
                continue;
            }
            let mut strong = false;
            let start = out.len();
            for (k, t) in tokens.iter().enumerate().take(last + 1).skip(first) {
                if let Some(w) = self.get(&text[t.start..t.end], &mut buf) {
                    strong |= w.strong;
                    if !covered[k] && is_capitalised(text, t) {
                        out.push(NameHit {
                            token: k,
                            name_first: first,
                            name_last: last,
                        });
                    }
                }
            }
            if !strong || in_title_case_line(text, tokens[first].start) {
                out.truncate(start);
            }
        }
    }

    /// The entry behind a hit.
    pub(crate) fn entry(&self, text: &str, token: &Token) -> &NameWord {
        self.words
            .get(&text[token.start..token.end].to_lowercase())
            .expect("hits come from the table")
    }
}

/// Whether the line around byte `at` is a title-case headline (every word
/// but the small ones capitalised): there any word may be ordinary.
fn in_title_case_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    text[start..end]
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .all(|w| w.starts_with(char::is_uppercase) || SMALL_WORDS.contains(&w))
}

/// A word token starting with an upper-case letter.
fn is_capitalised(text: &str, t: &Token) -> bool {
    if t.kind != TokenKind::Word {
        return false;
    }
    let first = text.as_bytes()[t.start];
    if first.is_ascii() {
        return first.is_ascii_uppercase();
    }
    text[t.start..t.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::tokenize::tokenize_into;

    fn restored_words(text: &str) -> Vec<(String, String)> {
        let mut tokens = Vec::new();
        tokenize_into(text, &[], &mut tokens);
        let covered = vec![false; tokens.len()];
        let mut hits = Vec::new();
        let table = NameWords::embedded();
        table.find(text, &tokens, &covered, &mut hits);
        hits.iter()
            .map(|h| {
                let t = &tokens[h.token];
                (
                    text[t.start..t.end].to_string(),
                    table.entry(text, t).canonical.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn embedded_table_parses() {
        assert!(NameWords::parse(NAME_WORDS).is_ok());
    }

    #[test]
    fn strong_word_restores_the_name() {
        assert_eq!(
            restored_words("the Division of Authorities Effectivity said"),
            [
                ("Division".to_string(), "Department".to_string()),
                ("Authorities".to_string(), "Government".to_string()),
                ("Effectivity".to_string(), "Efficiency".to_string()),
            ]
        );
        assert_eq!(
            restored_words("before the Supreme Courtroom today"),
            [("Courtroom".to_string(), "Court".to_string())]
        );
    }

    #[test]
    fn weak_words_alone_stay() {
        assert!(restored_words("the Military Police Division").is_empty());
        assert!(restored_words("the Environmental Protection Agency").is_empty());
    }

    #[test]
    fn a_single_capitalised_word_is_not_a_name() {
        assert!(restored_words("Inexperienced workers were hired.").is_empty());
        assert!(restored_words("the courtroom was full").is_empty());
    }

    #[test]
    fn long_title_case_runs_are_headlines() {
        assert!(
            restored_words("Why Inexperienced Drivers Crash More Often On Wet Roads At Night")
                .is_empty()
        );
        assert!(restored_words("Inexperienced Pilots Blamed for the Crash\nText.").is_empty());
        assert_eq!(
            restored_words("Ambassadors met the Inexperienced Berets in the field.").len(),
            1
        );
    }
}
