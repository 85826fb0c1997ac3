//! The restore looks for a fingerprint inside a phrase it leaves alone only
//! where one can start (`src/find/rescan.rs`). Walking again from every
//! token, as it did before (`RestorerBuilder::full_walk`), must give the
//! same bytes, edits, occurrences left alone, suggestions and evidence on
//! every fixture, the clean corpus and the benchmark inputs, whole, in
//! small chunks and as a stream.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use unspin::{Restorer, RestorerBuilder};

// Only the recipe's base texts are used here, not the 10 MB inputs.
use crate::bench_inputs::inputs;

/// The fixtures and the clean corpus, by path, and the base text of each
/// benchmark input (the 10 MB inputs repeat it).
fn texts() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in ["tests/fixtures", "tests/corpus/clean"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut texts: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    for input in inputs::inputs(root) {
        texts.push((format!("bench input {}", input.name), input.base()));
    }
    assert!(texts.len() > 30, "{} texts", texts.len());
    texts
}

/// Restores `bytes` with `builder`, once with the bounded walk and once
/// with the full one, and asserts that everything reported is the same.
fn assert_same(name: &str, bytes: &[u8], builder: impl Fn() -> RestorerBuilder) {
    let bounded = builder().build();
    let full = builder().full_walk(true).build();
    let (a, b) = (bounded.restore_bytes(bytes), full.restore_bytes(bytes));
    assert!(a.bytes() == b.bytes(), "{name}: restored bytes differ");
    assert_eq!(a.edits(), b.edits(), "{name}: edits");
    assert_eq!(a.skipped(), b.skipped(), "{name}: occurrences left alone");
    assert_eq!(a.suggestions(), b.suggestions(), "{name}: suggestions");
    assert_eq!(a.evidence(), b.evidence(), "{name}: evidence");
}

#[test]
fn bounded_and_full_walks_restore_alike() {
    let mut changed = 0;
    for (name, bytes) in texts() {
        assert_same(&name, &bytes, Restorer::builder);
        if Restorer::new().restore_bytes(&bytes).bytes() != bytes.as_slice() {
            changed += 1;
        }
    }
    // The comparison covers restores that change something, not only
    // texts left as they were.
    assert!(changed >= 6, "{changed} texts changed");
}

#[test]
fn bounded_and_full_walks_restore_alike_without_the_language_model() {
    for (name, bytes) in texts() {
        assert_same(&name, &bytes, || Restorer::builder().language_model(false));
    }
}

#[test]
fn bounded_and_full_walks_restore_alike_in_chunks_and_streams() {
    let all: Vec<u8> = texts()
        .into_iter()
        .flat_map(|(_, mut bytes)| {
            bytes.extend_from_slice(b"\n\n");
            bytes
        })
        .collect();
    let chunked = || Restorer::builder().chunk_size(16 << 10);
    assert_same("all texts in 16 KiB chunks", &all, chunked);
    let mut streamed = [Vec::new(), Vec::new()];
    for (full, out) in [false, true].into_iter().zip(&mut streamed) {
        chunked()
            .full_walk(full)
            .build()
            .restore_stream(Cursor::new(&all), out)
            .unwrap();
    }
    assert!(streamed[0] == streamed[1], "streamed outputs differ");
    assert!(streamed[0] == chunked().build().restore_bytes(&all).bytes());
}
