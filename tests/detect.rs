//! Spin detection on the committed texts: every clean text (the corpus in
//! `tests/corpus/clean`, the clean fixtures and the expected restores) is
//! judged clean, every spun fixture spun; and so is every paragraph of
//! the clean corpus on its own, as a short text piped through the filter
//! would be.

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
fn clean_paragraphs_alone_are_not_spun_and_unchanged() {
    let restorer = unspin::Restorer::new();
    let mut paragraphs = 0;
    let mut flagged = Vec::new();
    for p in files("tests/corpus/clean", ".clean.txt") {
        let text = std::fs::read_to_string(&p).unwrap();
        for (k, paragraph) in text.split("\n\n").enumerate() {
            if paragraph.trim().is_empty() {
                continue;
            }
            paragraphs += 1;
            let r = restorer.restore(paragraph);
            if r.evidence().is_spun() || r.is_changed() || !r.suggestions().is_empty() {
                flagged.push(format!("{} paragraph {k}: {}", p.display(), r.text()));
            }
        }
    }
    assert!(paragraphs >= 300, "{paragraphs} paragraphs");
    // Among them the Alice paragraph whose "wants", "had been" and
    // "curiosity" once made 25 words spun and "curiosity" "interest".
    assert!(flagged.is_empty(), "{flagged:#?}");
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
