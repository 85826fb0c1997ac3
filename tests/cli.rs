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

/// Runs the binary in `dir` with `args` and `stdin`: exit code, stdout,
/// stderr.
fn run_in(dir: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A run that fails on its arguments may exit before reading.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `unspin --dict mine.tsv detect spun.txt` restored to standard output
/// and failed with "detect: No such file or directory": options before a
/// subcommand made it a FILE.
#[test]
fn issue_12_options_before_a_subcommand_apply_to_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.tsv"), "Fbk\tFacebook\tfingerprint\n").unwrap();
    std::fs::write(
        dir.path().join("spun.txt"),
        "On Fbk, the Protection Secretary met the U.Okay. team.\n",
    )
    .unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["--dict", "mine.tsv", "--no-config", "detect", "spun.txt"],
        "",
    );
    assert_eq!((code, err.as_str()), (1, ""));
    assert!(
        out.starts_with("spun.txt: ") && out.ends_with(" spun\n"),
        "{out}"
    );
    let (code, out, err) = run_in(dir.path(), &["--no-config", "dict", "list"], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("news (embedded"), "{out}");
}

/// `--lm-margin nan` silently stopped ambiguous restores, `--min-per-thousand
/// nan` made every document clean, a misspelt dictionary name was ignored:
/// each is now refused with one line naming the setting.
#[test]
fn issue_12_settings_no_run_can_use_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--no-config", "--lm-margin", "nan"][..],
        &["--no-config", "--lm-margin-spun", "inf"],
        &["--no-config", "--min-per-thousand", "nan"],
        &["--no-config", "--min-per-thousand", "-1"],
        &["--no-config", "detect", "--threshold", "NaN"],
    ] {
        let (code, out, err) = run_in(dir.path(), args, "text");
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.starts_with("error: invalid value"), "{args:?}: {err}");
    }
    // Negative numbers are values for every number option.
    let (code, _, err) = run_in(
        dir.path(),
        &["--no-config", "--lm-margin", "-1", "--min-signals", "0"],
        "text",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    for (config, key) in [
        ("min-per-thousand = nan\n", "min-per-thousand"),
        ("lm-margin = -inf\n", "lm-margin"),
        ("disable-dictionaries = [\"sciense\"]\n", "\"sciense\""),
    ] {
        std::fs::write(dir.path().join("unspin.toml"), config).unwrap();
        let (code, out, err) = run_in(dir.path(), &[], "text");
        assert_eq!((code, out.as_str()), (2, ""), "{config}");
        assert!(err.contains(key), "{config}: {err}");
    }
}

/// `-w` on a symlink replaced the link with a regular file and left the
/// target unrepaired, split hard links, and rewrote a read-only file by
/// renaming over it.
#[cfg(unix)]
#[test]
fn issue_12_write_keeps_links_and_read_only_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let spun = "The Protection Secretary met the U.Okay. team.\n";
    let fixed = "The Defense Secretary met the U.K. team.\n";
    for name in ["target.txt", "linked.txt", "read-only.txt"] {
        std::fs::write(p(name), spun).unwrap();
    }
    std::os::unix::fs::symlink("target.txt", p("link.txt")).unwrap();
    std::fs::hard_link(p("linked.txt"), p("other-name.txt")).unwrap();
    std::fs::set_permissions(p("read-only.txt"), std::fs::Permissions::from_mode(0o444)).unwrap();

    let (code, _, err) = run_in(dir.path(), &["--no-config", "-w", "link.txt"], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(std::fs::symlink_metadata(p("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(p("target.txt")).unwrap(), fixed);

    let (code, _, err) = run_in(dir.path(), &["--no-config", "-w", "linked.txt"], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(std::fs::read_to_string(p("other-name.txt")).unwrap(), fixed);
    assert_eq!(std::fs::metadata(p("linked.txt")).unwrap().nlink(), 2);

    let (code, _, err) = run_in(dir.path(), &["--no-config", "-w", "read-only.txt"], "");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "unspin: read-only.txt: the file is read-only: left unchanged\n"
    );
    assert_eq!(std::fs::read_to_string(p("read-only.txt")).unwrap(), spun);
}

/// `-w` rewrote binary files (a PNG with "Getty Pictures" in a text chunk
/// lost its CRC) and `unspin` read 100 KB of an executable as words:
/// input with a NUL byte in its first 8 KiB passes through unchanged.
#[test]
fn issue_12_binary_input_passes_through() {
    let dir = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR tEXt Comment Getty Pictures\n";
    let path = dir.path().join("photo.png");
    std::fs::write(&path, png).unwrap();
    let (code, _, err) = run_in(dir.path(), &["--no-config", "-w", "photo.png"], "");
    assert_eq!(code, 0);
    assert!(err.contains("binary file (NUL byte at offset 8)"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), png);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(["--no-config", "photo.png"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.stdout, png);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(["--no-config", "--binary", "photo.png"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.stdout.ends_with(b"Getty Images\n"));
    // Binary input longer than a chunk is streamed through as it is.
    let mut big = png.to_vec();
    big.resize(3 << 20, b'x');
    std::fs::write(&path, &big).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_unspin"))
        .args(["--no-config", "photo.png"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.stdout, big);
}

/// What `unspin learn` writes is a dictionary: `dict lint` passes it, and
/// `--dict` loads it and restores with it.
#[test]
fn learned_dictionaries_round_trip_through_lint_and_dict() {
    let dir = tempfile::tempdir().unwrap();
    let learned = dir.path().join("learned.tsv");
    let bin = env!("CARGO_BIN_EXE_unspin");
    let out = std::process::Command::new(bin)
        .args(["learn", "--include-known", "mine/pairs", "-o"])
        .arg(&learned)
        .current_dir("tests/cmd/learn.in")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lint = std::process::Command::new(bin)
        .args(["dict", "lint"])
        .arg(&learned)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stdout)
    );
    assert!(String::from_utf8_lossy(&lint.stdout).contains("0 errors, 0 warnings"));
    // Alone, without the embedded dictionaries: the learned "stated" is
    // what restores it, in a document its own matches show to be spun.
    let mut restore = std::process::Command::new(bin)
        .args([
            "--no-config",
            "--no-default-dictionaries",
            "--format",
            "json",
            "--dict",
        ])
        .arg(&learned)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    restore
        .stdin
        .take()
        .unwrap()
        // A paragraph each: one phrase counts at most twice in a paragraph.
        .write_all(b"The minister stated the plan.\n\nOfficials stated it was late.\n\nCritics stated so.\n\nThe mayor stated nothing.\n")
        .unwrap();
    let out = restore.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let edits = report["edits"].as_array().unwrap();
    assert!(!edits.is_empty(), "{report}");
    assert!(edits
        .iter()
        .all(|e| e["rule"]["dictionary"] == "learned" && e["replacement"] == "said"));
}
