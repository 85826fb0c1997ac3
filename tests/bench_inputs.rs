//! The benchmark recipe (`benches/inputs.toml`) names files that exist and
//! builds inputs of the promised size, so `cargo bench` and
//! `benches/flashtext_baseline.py` do not break when fixtures move.

// Shared with the other modules that read the recipe (`full_walk`).
#[path = "../benches/support/inputs.rs"]
pub(crate) mod inputs;

use std::path::Path;

#[test]
fn recipe_builds_its_inputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = inputs::inputs(root);
    let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["clean", "spun-news", "spun-science"]);
    for input in &inputs {
        assert!(!input.files.is_empty(), "{}", input.name);
        for path in &input.files {
            assert!(path.is_file(), "{}: {}", input.name, path.display());
        }
        let base = input.base();
        assert!(
            std::str::from_utf8(&base).is_ok(),
            "{} is not UTF-8",
            input.name
        );
        assert!(base.ends_with(b"\n\n"));
        assert_eq!(input.target_bytes, 10 << 20);
    }
    // The clean input is every clean text of the corpus and the fixtures,
    // in name order.
    let clean = &inputs[0];
    let corpus = clean
        .files
        .iter()
        .filter(|p| p.starts_with(root.join("tests/corpus/clean")))
        .count();
    assert_eq!(corpus, 24);
    let mut sorted = clean.files[..corpus].to_vec();
    sorted.sort();
    assert_eq!(sorted, clean.files[..corpus]);
}

#[test]
fn an_input_is_its_base_repeated_to_the_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut input = inputs::inputs(root).remove(1);
    input.target_bytes = 5000;
    let base = input.base();
    let text = input.text();
    assert!(text.len() >= 5000 && text.len() < 5000 + base.len());
    assert_eq!(text.len() % base.len(), 0);
    assert!(text.as_bytes().starts_with(&base));
}
