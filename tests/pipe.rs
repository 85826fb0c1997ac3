//! A closed pipe downstream (`unspin big.txt | head -c 1`) is not an error.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

#[test]
fn closed_stdout_exits_quietly_with_success() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_unspin"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Far more than a pipe buffer, so the writer must meet the closed end.
    let writer = std::thread::spawn(move || {
        let line = "The Protection Secretary stated it in the U.Okay.\n".repeat(20_000);
        let _ = stdin.write_all(line.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"The Defense Secr");
    drop(stdout);
    writer.join().unwrap();
    exits_quietly(child);
}

/// The same for an input longer than a chunk, which is restored and
/// written a chunk at a time.
#[test]
fn closed_stdout_ends_a_streamed_file_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let paragraph = "The Protection Secretary stated it in the U.Okay.\n\n";
    std::fs::write(&path, paragraph.repeat(60_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_unspin"))
        .arg("--no-config")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"The Defense Secr");
    drop(stdout);
    exits_quietly(child);
}

/// Waits for `child`: exit code 0 and nothing on standard error.
fn exits_quietly(mut child: std::process::Child) {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}
