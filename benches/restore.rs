//! Throughput of the matching loop and of the whole restore over
//! multi-megabyte inputs built from the committed fixtures: spun news
//! (`*.spun.txt`) and clean prose (`*.clean.txt`). On spun news the
//! restore is also measured without the language-model gate, which is
//! what it costs.
//!
//! Run: `cargo bench --bench restore`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use unspin::Restorer;

/// About 4 MB: enough to leave caches and amortize per-document work.
const TARGET_BYTES: usize = 4 << 20;

fn corpus(suffix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_str().unwrap().ends_with(suffix))
        .collect();
    texts.sort();
    let joined: String = texts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap() + "\n\n")
        .collect();
    assert!(!joined.is_empty(), "no {suffix} fixtures");
    let mut out = String::with_capacity(TARGET_BYTES + joined.len());
    while out.len() < TARGET_BYTES {
        out.push_str(&joined);
    }
    out
}

fn benches(c: &mut Criterion) {
    let restorer = Restorer::new();
    let blind = Restorer::builder().language_model(false).build();
    for (name, text) in [
        ("spun", corpus(".spun.txt")),
        ("clean", corpus(".clean.txt")),
    ] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function("scan", |b| b.iter(|| restorer.scan_count(black_box(&text))));
        group.bench_function("restore", |b| {
            b.iter(|| restorer.restore(black_box(&text)).edits().len())
        });
        if name == "spun" {
            group.bench_function("restore without language model", |b| {
                b.iter(|| blind.restore(black_box(&text)).edits().len())
            });
        }
        group.finish();
    }
}

criterion_group!(restore, benches);
criterion_main!(restore);
