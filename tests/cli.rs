//! Command-line behaviour, as data: each `tests/cmd/*.toml` is one run of
//! the binary with its arguments, input, expected output and exit code.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

/// `dict lint --format json`: one JSON object a line, one line a finding.
/// (Checked here rather than as a case: the cases' output normalization
/// turns the backslashes of JSON escapes into slashes.)
#[test]
fn dict_lint_json_is_one_finding_a_line() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(["dict", "lint", "--format", "json", "bad.tsv"])
        .current_dir("tests/cmd/dict-lint-bad.in")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let findings: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["level"].as_str().unwrap(),
                f["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, "warning", "chain"),
            (3, "error", "malformed"),
            (4, "error", "malformed"),
            (5, "error", "unchanged"),
            (6, "error", "duplicate"),
            (7, "error", "conflict"),
            (8, "error", "cycle"),
            (10, "error", "cycle"),
            (14, "warning", "common-english"),
        ]
    );
    assert!(findings.iter().all(|f| f["file"] == "bad.tsv"));
    assert_eq!(
        findings[7]["message"],
        r#""battle" -> "struggle" -> "fight" -> "battle": restoring never settles"#
    );
    assert_eq!(
        findings[7]["related"],
        serde_json::json!([{"file": "bad.tsv", "line": 11}, {"file": "bad.tsv", "line": 12}])
    );
}
