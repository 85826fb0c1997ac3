//! Any bytes in: the filter passes bytes that are not UTF-8 through
//! unchanged while it restores the text around them, or, with
//! `--strict-utf8`, refuses them naming the offset. (Run here rather than as
//! data cases, which hold UTF-8 only.)

use crate::util::unspin;

#[test]
fn invalid_utf8_passes_through_byte_for_byte() {
    let out = unspin(&[], b"caf\xe9 U.Okay.\r\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"caf\xe9 U.K.\r\n");
    assert!(out.stderr.is_empty());
}

#[test]
fn bom_nul_and_empty_input_are_kept() {
    let out = unspin(&[], b"\xef\xbb\xbfThe U.Okay. and Getty Pictures");
    assert_eq!(out.stdout, b"\xef\xbb\xbfThe U.K. and Getty Images");
    // A NUL byte marks binary input, passed through as it is unless
    // `--binary` asks for a restore, which keeps the NUL bytes.
    let input = b"\xef\xbb\xbfThe U.Okay.\0 and Getty Pictures\0";
    let out = unspin(&[], input);
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), &input[..])
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary file"));
    let out = unspin(&["--binary"], input);
    assert_eq!(out.stdout, b"\xef\xbb\xbfThe U.K.\0 and Getty Images\0");
    let out = unspin(&[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn strict_utf8_names_the_offset() {
    let out = unspin(&["--strict-utf8"], b"caf\xe9 U.Okay.\r\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "unspin: <stdin>: invalid UTF-8 at byte offset 3\n"
    );
}

#[test]
fn a_ten_megabyte_line_is_restored() {
    let mut line = b"word ".repeat(2 << 20);
    line.extend_from_slice(b"the U.Okay.\n");
    let out = unspin(&[], &line);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout.len(), line.len() - 3);
    assert!(out.stdout.ends_with(b"the U.K.\n"));
}

#[test]
fn a_dictionary_that_is_not_one_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.tsv");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len((64 << 20) + 1).unwrap();
    let out = unspin(&["--dict", big.to_str().unwrap()], b"text");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("big.tsv") && err.contains("larger than 64 MiB"),
        "{err}"
    );

    let binary = dir.path().join("binary.tsv");
    std::fs::write(&binary, b"\x00\xff\x00 not text").unwrap();
    let out = unspin(&["--dict", binary.to_str().unwrap()], b"text");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("binary.tsv") && err.contains("not UTF-8"),
        "{err}"
    );
}
