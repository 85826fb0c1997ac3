//! Restore behaviour as data: every `tests/fixtures/NAME.spun.txt` must
//! restore to `NAME.expected.txt`, and every `NAME.clean.txt` must come out
//! unchanged. `unspin check tests/fixtures` runs the same check.

use std::path::Path;

#[test]
fn fixtures_restore_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let restorer = unspin::Restorer::new();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let expected_path = if let Some(stem) = name.strip_suffix(".spun.txt") {
            dir.join(format!("{stem}.expected.txt"))
        } else if name.ends_with(".clean.txt") {
            path.clone()
        } else {
            continue;
        };
        count += 1;
        let input = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let got = restorer.restore(&input);
        if got.text() != expected {
            let mut msg = format!("{name}:\n");
            for (e, g) in expected.lines().zip(got.text().lines()) {
                if e != g {
                    msg.push_str(&format!("  expected: {e}\n  restored: {g}\n"));
                }
            }
            failures.push(msg);
        }
    }
    assert!(count >= 4, "too few fixtures found in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} of {count} fixtures failed:\n{}",
        failures.len(),
        failures.concat()
    );
}
