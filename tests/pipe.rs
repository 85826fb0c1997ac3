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
