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
//! Run: `cargo bench --bench restore`

use std::hint::black_box;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
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

criterion_group!(restore, benches);
criterion_main!(restore);
