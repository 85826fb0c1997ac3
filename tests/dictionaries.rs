//! The shipped dictionaries lint clean: no errors and no warnings (notes,
//! such as chains into ambiguous entries, are allowed).

use unspin::lint::{Level, Linter};

#[test]
fn embedded_dictionaries_lint_clean() {
    let findings = Linter::new().embedded().lint();
    let problems: Vec<String> = findings
        .iter()
        .filter(|f| f.level() >= Level::Warning)
        .map(|f| f.to_string())
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(findings.iter().all(|f| f.file() == "dictionaries/news.tsv"));
}
