//! Throughput over 10 MB inputs built from the committed texts: clean prose
//! (`tests/corpus/clean`, the clean fixtures), spun news and spun science
//! (`tests/fixtures/*.spun.txt`). For each: the matching loop alone
//! (`scan`), the whole restore, detection, and, as the practical ceiling, a
//! plain `aho-corasick` leftmost-longest replace of the same mangled phrases
//! (no word boundaries, no case transfer, no evidence). On spun text the
//! restore is also measured without the language-model gate, which is what
//! the gate costs.
//!
//! Run: `cargo bench --bench restore`

use std::hint::black_box;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unspin::{Dictionary, Restorer};

/// The size of each input.
const TARGET_BYTES: usize = 10 << 20;

fn read_all(dir: &str, suffix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_str().unwrap().ends_with(suffix))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n\n")
        .collect()
}

fn repeat_to_target(text: &str) -> String {
    assert!(!text.is_empty());
    let mut out = String::with_capacity(TARGET_BYTES + text.len());
    while out.len() < TARGET_BYTES {
        out.push_str(text);
    }
    out
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
    let clean =
        read_all("tests/corpus/clean", ".clean.txt") + &read_all("tests/fixtures", ".clean.txt");
    let spun_news: String = ["seed-hegseth", "spinner-patterns", "damaged-names"]
        .iter()
        .map(|n| {
            std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{n}.spun.txt")),
            )
            .unwrap()
                + "\n\n"
        })
        .collect();
    let spun_science = read_all("tests/fixtures", "science-tortured.spun.txt")
        + &read_all("tests/fixtures", "clean-science-abstract.clean.txt");
    for (name, text) in [
        ("clean", repeat_to_target(&clean)),
        ("spun-news", repeat_to_target(&spun_news)),
        ("spun-science", repeat_to_target(&spun_science)),
    ] {
        let mut group = c.benchmark_group(name);
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

criterion_group!(restore, benches);
criterion_main!(restore);
