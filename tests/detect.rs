//! Spin detection on the committed texts: every clean text (the corpus in
//! `tests/corpus/clean`, the clean fixtures and the expected restores) is
//! judged clean, every spun fixture spun.

use crate::util::files;

#[test]
fn clean_texts_are_not_spun() {
    let restorer = unspin::Restorer::new();
    let mut paths = files("tests/corpus/clean", ".clean.txt");
    assert!(paths.len() >= 20, "the clean corpus is missing");
    paths.extend(files("tests/fixtures", ".clean.txt"));
    paths.extend(files("tests/fixtures", ".expected.txt"));
    let flagged: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            let d = restorer.detect(&std::fs::read_to_string(p).unwrap());
            d.is_spun()
                .then(|| format!("{}: {:.2}", p.display(), d.score().score()))
        })
        .collect();
    assert!(flagged.is_empty(), "clean texts judged spun: {flagged:?}");
}

#[test]
fn spun_fixtures_are_spun() {
    let restorer = unspin::Restorer::new();
    let paths = files("tests/fixtures", ".spun.txt");
    assert!(!paths.is_empty());
    for p in paths {
        let d = restorer.detect(&std::fs::read_to_string(&p).unwrap());
        assert!(
            d.is_spun(),
            "{} scored {:.2}",
            p.display(),
            d.score().score()
        );
    }
}
