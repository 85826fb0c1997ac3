//! Properties of the embedded dictionaries as a whole: they lint clean
//! (no errors, no warnings; notes such as chains into ambiguous entries are
//! allowed), restored text is not restored again, and precedence and
//! credits are as documented.

use std::path::Path;

use unspin::lint::{Level, Linter};
use unspin::{Dictionary, Restorer};

fn embedded_files() -> Vec<Dictionary> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    Restorer::new()
        .dictionaries()
        .iter()
        .map(|d| Dictionary::from_path(dir.join(format!("{}.tsv", d.name()))).unwrap())
        .collect()
}

/// A restored phrase is not restored again: no canonical of any embedded
/// dictionary contains a phrase that the embedded dictionaries restore on
/// its own.
#[test]
fn canonicals_are_left_alone() {
    let restorer = Restorer::new();
    let mut changed = Vec::new();
    for dict in embedded_files() {
        for e in dict.entries() {
            let r = restorer.restore(e.canonical());
            if r.is_changed() {
                changed.push(format!(
                    "{}:{}: {:?} -> {:?}",
                    dict.info().name(),
                    e.line(),
                    e.canonical(),
                    r.text()
                ));
            }
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}

/// news comes after science and learned, so its hand-checked entries win
/// where they define the same phrase.
#[test]
fn news_wins_over_science() {
    let restorer = Restorer::new();
    let names: Vec<&str> = restorer.dictionaries().iter().map(|d| d.name()).collect();
    assert_eq!(names, ["science", "artifacts", "learned", "news"]);
    let (entry, dict) = restorer.lookup("pores and skin most cancers").unwrap();
    assert_eq!((entry.canonical(), dict.name()), ("skin cancer", "news"));
    let (entry, dict) = restorer.lookup("counterfeit consciousness").unwrap();
    assert_eq!(
        (entry.canonical(), dict.name()),
        ("artificial intelligence", "science")
    );
}

#[test]
fn science_credits_its_source() {
    let restorer = Restorer::new();
    let science = restorer
        .dictionaries()
        .into_iter()
        .find(|d| d.name() == "science")
        .unwrap();
    assert_eq!(science.domain(), "science");
    assert!(science.license().starts_with("CC BY 4.0"));
    for name in [
        "Problematic Paper Screener",
        "Cabanac",
        "Labbé",
        "Magazinov",
    ] {
        assert!(
            science.source().contains(name),
            "source does not credit {name}"
        );
    }
}

#[test]
fn embedded_dictionaries_lint_clean() {
    let findings = Linter::new().embedded().lint();
    let problems: Vec<String> = findings
        .iter()
        .filter(|f| f.level() >= Level::Warning)
        .map(|f| f.to_string())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// No entry of the embedded dictionaries writes a word twice where the
/// text already has the canonical's first word before the phrase or its
/// last word after it (`they usually -> and they` once made "and they
/// usually" read "and and they"). The restorer leaves such occurrences
/// alone; this checks every entry, with the gate forced open.
#[test]
fn no_entry_doubles_a_neighbouring_word() {
    let restorer = Restorer::builder()
        .min_signals(0)
        .min_per_thousand(0.0)
        .language_model(false)
        .near_misses(false)
        .build();
    let words = |s: &str| -> Vec<String> {
        // As the tokenizer reads words: apostrophes only inside them.
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .map(|w| w.trim_matches(['\'', '\u{2019}']))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut doubled = Vec::new();
    for dict in embedded_files() {
        for e in dict.entries() {
            let (said, written) = (words(e.mangled()), words(e.canonical()));
            let (Some(first), Some(last)) = (written.first(), written.last()) else {
                continue;
            };
            let mut texts = Vec::new();
            if said.first() != Some(first) {
                texts.push(format!("x {first} {} x", e.mangled()));
            }
            if said.last() != Some(last) {
                texts.push(format!("x {} {last} x", e.mangled()));
            }
            for text in texts {
                let out = words(restorer.restore(&text).text());
                if out
                    .windows(2)
                    .any(|w| w[0] == w[1] && !words(&text).windows(2).any(|v| v == w))
                {
                    doubled.push(format!("{}:{}: {text:?}", dict.info().name(), e.line()));
                }
            }
        }
    }
    assert!(doubled.is_empty(), "{}", doubled.join("\n"));
}

/// The counts docs/dictionaries.md states (the dictionary table, the name
/// words) are the data's: a change to a dictionary that leaves them stale
/// fails here.
#[test]
fn documented_counts_match_the_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/dictionaries.md")).unwrap();
    let number = |s: &str| -> usize { s.trim().replace(',', "").parse().unwrap() };
    let restorer = Restorer::new();
    for info in restorer.dictionaries() {
        let prefix = format!("| `{}` | ", info.name());
        let row = page
            .lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .unwrap_or_else(|| panic!("docs/dictionaries.md has no table row for {}", info.name()));
        // "7,264 (6,431 fingerprint, 833 ambiguous) | ...", with
        // ", N common" where there are common entries
        let counts = row.split(" | ").next().unwrap();
        let (total, rest) = counts.split_once(" (").unwrap();
        let (fingerprint, rest) = rest.split_once(" fingerprint, ").unwrap();
        let rest = rest.strip_suffix(")").unwrap();
        let (ambiguous, common) = match rest.split_once(" ambiguous, ") {
            Some((a, c)) => (a, number(c.strip_suffix(" common").unwrap())),
            None => (rest.strip_suffix(" ambiguous").unwrap(), 0),
        };
        assert_eq!(
            (
                number(total),
                number(fingerprint),
                number(ambiguous),
                common
            ),
            (
                info.len(),
                info.count(unspin::Class::Fingerprint),
                info.count(unspin::Class::Ambiguous),
                info.count(unspin::Class::Common)
            ),
            "docs/dictionaries.md's counts for {}",
            info.name()
        );
    }

    let names = std::fs::read_to_string(root.join("dictionaries/name-words.tsv")).unwrap();
    let words = names
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    assert!(
        page.contains(&format!("`dictionaries/name-words.tsv` ({words} words)")),
        "docs/dictionaries.md's count of name words is not {words}"
    );
}
