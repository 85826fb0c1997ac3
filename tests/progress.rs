//! The progress bar is for people watching a terminal: a run over many
//! files, long enough for the bar's delay to pass, writes nothing extra
//! when standard error is not a terminal, and keeps its output in order.

use std::process::Command;

#[test]
fn a_long_multi_file_run_off_a_terminal_prints_nothing_extra() {
    let dir = tempfile::tempdir().unwrap();
    let spun = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-hegseth.spun.txt"
    ))
    .unwrap();
    // About 2 MB: in a test build the run outlasts the bar's one-second
    // delay.
    let body = spun.repeat(150);
    let files: Vec<_> = (0..6)
        .map(|i| {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, format!("FILE-{i}\n\n{body}")).unwrap();
            path
        })
        .collect();
    for args in [&[][..], &["detect"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_unspin"))
            .args(args)
            .arg("--no-config")
            .args(&files)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: stderr: {stderr}");
        assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        let mut from = 0;
        for i in 0..files.len() {
            let marker = if args.first() == Some(&"detect") {
                format!("{i}.txt: ")
            } else {
                format!("FILE-{i}")
            };
            let at = stdout[from..]
                .find(&marker)
                .unwrap_or_else(|| panic!("{args:?}: {marker} missing or out of order"));
            from += at + marker.len();
        }
    }
}
