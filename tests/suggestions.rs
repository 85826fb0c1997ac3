//! Suggestions: originals proposed for spun words no entry covers, only in
//! documents shown to be spun, reported and not applied unless asked.

use std::path::Path;

use unspin::{Restorer, Rule};

use crate::util::{files, read};

#[test]
fn clean_corpus_gets_no_suggestions() {
    let restorer = Restorer::new();
    let mut paths = files("tests/corpus/clean", ".clean.txt");
    paths.extend(files("tests/fixtures", ".clean.txt"));
    for path in paths {
        let r = restorer.restore(&read(&path));
        assert!(
            r.suggestions().is_empty(),
            "{}: {:?}",
            path.display(),
            r.suggestions()
        );
    }
}

#[test]
fn spun_text_gets_suggestions_that_change_nothing() {
    let text = read(Path::new("tests/fixtures/seed-hegseth.spun.txt"));
    let r = Restorer::new().restore(&text);
    let without = Restorer::builder()
        .suggestions(false)
        .build()
        .restore(&text);
    assert_eq!(r.text(), without.text());
    assert_eq!(r.edits(), without.edits());
    assert!(!r.suggestions().is_empty());
    assert!(without.suggestions().is_empty());
    let mut last_end = 0;
    for s in r.suggestions() {
        assert_eq!(&text[s.span()], s.original());
        assert!(s.span().start >= last_end);
        last_end = s.span().end;
        assert!(r
            .edits()
            .iter()
            .all(|e| e.span().end <= s.span().start || s.span().end <= e.span().start));
        assert!((1..=3).contains(&s.candidates().len()));
        assert!(s
            .candidates()
            .windows(2)
            .all(|w| w[0].score() >= w[1].score()));
        assert!(!s.reason().is_empty());
    }
}

#[test]
fn applied_suggestions_are_edits_of_their_own_rule() {
    let text = read(Path::new("tests/fixtures/seed-hegseth.spun.txt"));
    let suggested = Restorer::new().restore(&text);
    let applied = Restorer::builder()
        .apply_suggestions(true)
        .build()
        .restore(&text);
    assert!(applied.suggestions().is_empty());
    let from_suggestions: Vec<_> = applied
        .edits()
        .iter()
        .filter(|e| *e.rule() == Rule::Suggestion)
        .collect();
    assert_eq!(from_suggestions.len(), suggested.suggestions().len());
    for (e, s) in from_suggestions.iter().zip(suggested.suggestions()) {
        assert_eq!(e.span(), s.span());
        assert_eq!(e.replacement(), s.candidates()[0].replacement());
    }
    // The other edits are those of a plain restore.
    let others: Vec<_> = applied
        .edits()
        .iter()
        .filter(|e| *e.rule() != Rule::Suggestion)
        .collect();
    assert_eq!(others, suggested.edits().iter().collect::<Vec<_>>());
}

#[test]
fn streams_suggest_as_memory_does() {
    let text = read(Path::new("tests/fixtures/seed-hegseth.spun.txt"));
    let restorer = Restorer::builder().chunk_size(256).build();
    let whole = restorer.restore(&text);
    let evidence = restorer.evidence_from(text.as_bytes()).unwrap();
    let mut spans = Vec::new();
    for chunk in restorer.restore_chunks(text.as_bytes(), &evidence) {
        spans.extend(chunk.unwrap().suggestions().iter().map(|s| s.span()));
    }
    let expected: Vec<_> = whole.suggestions().iter().map(|s| s.span()).collect();
    assert_eq!(spans, expected);
}
