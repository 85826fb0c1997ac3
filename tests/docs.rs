//! The numbers the documentation states about the repository's own data
//! are the data's: a change to the language model, the dictionaries'
//! precedence or the clean corpus that leaves a page stale fails here.
//! (The dictionary table and the name words are checked in
//! `dictionaries.rs` and `science_dictionary.rs`.)

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::util::commas;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `n` as the pages write a small count in words.
fn in_words(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS.get(n).map_or_else(|| commas(n), |w| w.to_string())
}

fn assert_says(path: &str, said: &str) {
    assert!(read(path).contains(said), "{path} should say {said:?}");
}

/// The sizes of the embedded language model, as `crates/unspin-lm/model.toml`
/// records them (a test in `src/decide/lm.rs` checks that file against
/// the maps themselves).
#[test]
fn language_model_figures() {
    let meta: toml::Table = read("crates/unspin-lm/model.toml").parse().unwrap();
    let int = |k: &str| meta[k].as_integer().unwrap() as usize;
    let counts = format!(
        "{} words, {} bigrams",
        commas(int("words")),
        commas(int("bigrams"))
    );
    let trigrams = format!("{} trigrams", commas(int("trigrams")));
    for path in ["docs/dictionaries.md", "DESIGN.md"] {
        // The pages may break the line between the figures.
        let page = read(path).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(page.contains(&counts), "{path} should say {counts:?}");
        assert!(page.contains(&trigrams), "{path} should say {trigrams:?}");
    }
    let ngrams: i64 = meta["ngrams-bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_integer().unwrap())
        .sum();
    let megabytes = (int("vocab-bytes") + ngrams as usize) as f64 / 1e6;
    let size = format!("({megabytes:.1} MB");
    assert_says("docs/dictionaries.md", &size);
    assert_says("docs/speed.md", &size);
}

/// "news comes after science and wins for the N phrases both define".
#[test]
fn phrases_science_and_news_both_define() {
    let phrases = |name: &str| -> HashSet<String> {
        read(&format!("dictionaries/{name}.tsv"))
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mangled = l.split('\t').next().unwrap();
                mangled
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect()
    };
    let both = phrases("science").intersection(&phrases("news")).count();
    let said = format!("wins for the {} phrases both define", in_words(both));
    let page = read("docs/dictionaries.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        page.contains(&said),
        "docs/dictionaries.md should say {said:?}"
    );
}

/// Words as `unspin eval` counts them for the clean corpus: runs of word
/// characters, with an apostrophe between two word characters inside a
/// word (`\w+(?:'\w+)*`).
fn count_words(text: &str) -> usize {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let chars: Vec<char> = text.chars().collect();
    let mut count = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !word(c) || (i > 0 && word(chars[i - 1])) {
            continue;
        }
        // A word character after a non-word one starts a word, unless it
        // follows an apostrophe that follows a word character.
        let joined = i >= 2 && chars[i - 1] == '\'' && word(chars[i - 2]);
        if !joined {
            count += 1;
        }
    }
    count
}

/// `tests/corpus/clean/`: how many texts, of which sources, how many words.
#[test]
fn clean_corpus_figures() {
    let dir = root().join("tests/corpus/clean");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(path);
        }
    }
    let named = |prefix: &str| {
        texts
            .iter()
            .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
            .count()
    };
    let words: usize = texts
        .iter()
        .map(|p| count_words(&std::fs::read_to_string(p).unwrap()))
        .sum();

    let (n, w) = (texts.len(), commas(words));
    assert_says(
        "docs/quality.md",
        &format!("`tests/corpus/clean/` holds {n} texts, {w} words"),
    );
    assert_says(
        "tests/corpus/clean/SOURCES.md",
        &format!("{n} excerpts, {w} words"),
    );
    assert_says("README.md", &format!("clean corpus ({w} words of"));
    let page = read("docs/quality.md")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for said in [
        format!(
            "the openings of {} State of the Union addresses",
            named("sotu-")
        ),
        format!(
            "and {} chapter openings of",
            in_words(named("gutenberg-alice-"))
        ),
    ] {
        assert!(page.contains(&said), "docs/quality.md should say {said:?}");
    }
}
