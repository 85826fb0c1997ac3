//! Throughput over 10 MB inputs built from the committed texts by the recipe
//! in `benches/inputs.toml` (shared with `benches/flashtext_baseline.py`):
//! clean prose (`tests/corpus/clean`, the clean fixtures), spun news and spun
//! science (`tests/fixtures/*.spun.txt`). For each: the matching loop alone
//! (`scan`), the whole restore, detection, and, as the practical ceiling, a
//! plain `aho-corasick` leftmost-longest replace of the same mangled phrases
//! (no word boundaries, no case transfer, no evidence). On spun text the
//! restore is also measured without the language-model gate, which is what
//! the gate costs.
//!
//! The `automaton` group compares, on clean prose and spun news, the
//! restore on one core with a plain `aho-corasick` replace of the same
//! dictionary keys (the lexicon's keys: every embedded entry's mangled
//! phrase, normalized, mapped to the canonical of the entry that wins),
//! leftmost-longest, ASCII case-insensitive, keeping only matches that are
//! whole words, with both a noncontiguous NFA and a DFA. It is what the
//! restore costs over one automaton pass.
//!
//! Run: `cargo bench --bench restore`, or one group:
//! `cargo bench --bench restore -- automaton`

use std::collections::HashMap;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use unspin::{Dictionary, Restorer};

#[path = "support/inputs.rs"]
mod inputs;

/// Where `benches/flashtext_baseline.py` writes the inputs it measured.
const SCRIPT_INPUTS: &str = "target/bench-inputs";

/// The inputs of `benches/inputs.toml`. Where the FlashText script has
/// written its copy of an input, the two must be the same bytes.
fn bench_inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    inputs::inputs(root)
        .into_iter()
        .map(|input| {
            let text = input.text();
            let copy = root.join(SCRIPT_INPUTS).join(format!("{}.txt", input.name));
            if let Ok(bytes) = std::fs::read(&copy) {
                assert!(
                    bytes == text.as_bytes(),
                    "{} differs from the input {} built here: run benches/flashtext_baseline.py again",
                    copy.display(),
                    input.name
                );
                eprintln!("{}: the same {} bytes as {}", input.name, text.len(), copy.display());
            }
            (input.name, text)
        })
        .collect()
}

/// The baseline: every mangled phrase of the embedded dictionaries, as
/// written, replaced by its canonical with one automaton.
fn baseline() -> (AhoCorasick, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries");
    let mut patterns = Vec::new();
    let mut replacements = Vec::new();
    for info in Restorer::new().dictionaries() {
        let dict = Dictionary::from_path(dir.join(format!("{}.tsv", info.name()))).unwrap();
        for e in dict.entries() {
            patterns.push(e.mangled().to_string());
            replacements.push(e.canonical().to_string());
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .unwrap();
    (ac, replacements)
}

fn benches(c: &mut Criterion) {
    let restorer = Restorer::new();
    let blind = Restorer::builder().language_model(false).build();
    let (ac, replacements) = baseline();
    for (name, text) in bench_inputs() {
        let mut group = c.benchmark_group(&name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function("scan", |b| b.iter(|| restorer.scan_count(black_box(&text))));
        group.bench_function("restore", |b| {
            b.iter(|| restorer.restore(black_box(&text)).edits().len())
        });
        if name != "clean" {
            group.bench_function("restore-without-language-model", |b| {
                b.iter(|| blind.restore(black_box(&text)).edits().len())
            });
        }
        group.bench_function("detect", |b| {
            b.iter(|| restorer.detect(black_box(&text)).is_spun())
        });
        group.bench_function("aho-corasick-replace", |b| {
            b.iter(|| ac.replace_all(black_box(&text), &replacements).len())
        });
        group.finish();
    }
}

/// The lexicon's keys: each embedded entry's mangled phrase, lower-cased
/// with its words one space apart, and the canonical of the entry that
/// wins (a later dictionary wins over an earlier one).
fn dictionary_keys() -> (Vec<String>, Vec<String>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let (mut keys, mut canonicals) = (Vec::new(), Vec::new());
    for dict in Dictionary::embedded().unwrap() {
        for e in dict.entries() {
            let key = e
                .mangled()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            match index.get(&key) {
                Some(&i) => canonicals[i] = e.canonical().to_string(),
                None => {
                    index.insert(key.clone(), keys.len());
                    keys.push(key);
                    canonicals.push(e.canonical().to_string());
                }
            }
        }
    }
    (keys, canonicals)
}

/// Whether `b` is part of a word: an ASCII letter or digit, or a byte of
/// a character outside ASCII.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// `text` with every leftmost-longest match of `ac` that is a whole word
/// replaced by its canonical; a match inside a word is left as it is.
fn replace_whole_words(ac: &AhoCorasick, canonicals: &[String], text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in ac.find_iter(text) {
        let before = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
        let after = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
        if before && after {
            out.push_str(&text[last..m.start()]);
            out.push_str(&canonicals[m.pattern().as_usize()]);
            last = m.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The restore on one core against one automaton pass over the same keys.
fn automaton(c: &mut Criterion) {
    let restorer = Restorer::builder().threads(1).build();
    let (keys, canonicals) = dictionary_keys();
    let build = |kind| {
        AhoCorasick::builder()
            .kind(Some(kind))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&keys)
            .unwrap()
    };
    let nfa = build(AhoCorasickKind::NoncontiguousNFA);
    let dfa = build(AhoCorasickKind::DFA);
    eprintln!("automaton: {} dictionary keys", keys.len());
    let mut group = c.benchmark_group("automaton");
    group.sampling_mode(SamplingMode::Flat);
    for (name, text) in bench_inputs() {
        if name != "clean" && name != "spun-news" {
            continue;
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name}/unspin-restore"), |b| {
            b.iter(|| restorer.restore(black_box(&text)).edits().len())
        });
        for (kind, ac) in [("nfa", &nfa), ("dfa", &dfa)] {
            group.bench_function(format!("{name}/aho-corasick-{kind}"), |b| {
                b.iter(|| replace_whole_words(ac, &canonicals, black_box(&text)).len())
            });
        }
    }
    group.finish();
}

criterion_group!(restore, benches);
criterion_group! {
    name = automata;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    targets = automaton
}
criterion_main!(restore, automata);
