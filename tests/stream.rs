//! The filter on inputs longer than a chunk (1 MiB), which it restores a
//! chunk at a time in two passes: its output is the library's in-memory
//! restore, byte for byte, from a file, from standard input, rewritten in
//! place, as a diff and in `--explain`.

use std::path::Path;
use std::sync::OnceLock;

use unspin::{RestoredBytes, Restorer};

use crate::util::unspin;

/// About 2.5 MiB: the spun fixtures and the clean corpus, with a fence
/// that spans blank lines, CRLF lines and bytes that are not UTF-8. Spun as
/// a whole, so ambiguous entries go before the language model.
fn document() -> &'static [u8] {
    static DOC: OnceLock<Vec<u8>> = OnceLock::new();
    DOC.get_or_init(|| {
        let read = |dir: &str, suffix: &str| -> Vec<Vec<u8>> {
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_str().unwrap().ends_with(suffix))
                .collect();
            paths.sort();
            paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
        };
        // Enough spun text for the whole to show spin.
        let spun = read("tests/fixtures", ".spun.txt");
        let mut parts: Vec<Vec<u8>> = (0..4).flat_map(|_| spun.iter().cloned()).collect();
        parts.extend(read("tests/fixtures", ".clean.txt"));
        parts.extend(read("tests/corpus/clean", ".clean.txt"));
        parts.push(b"```\nThe Protection Secretary stated it.\n\nU.Okay.\n```".to_vec());
        parts.push(b"caf\xe9 U.Okay. team\r\nHe stated the plan.\r\n\r\nThe battle\xff.".to_vec());
        let round = parts.join(&b"\n\n"[..]);
        let mut doc = Vec::new();
        while doc.len() < 2_500_000 {
            doc.extend_from_slice(&round);
            doc.extend_from_slice(b"\n\n");
        }
        doc
    })
}

fn restored() -> &'static RestoredBytes {
    static RESTORED: OnceLock<RestoredBytes> = OnceLock::new();
    RESTORED.get_or_init(|| Restorer::new().restore_bytes(document()))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// 1-based lines and columns (characters) of the byte offsets `at`, which
/// are in order.
fn line_cols(text: &[u8], at: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let (mut pos, mut line, mut line_start) = (0, 1, 0);
    at.map(|offset| {
        for (i, &b) in text[pos..offset].iter().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = pos + i + 1;
            }
        }
        pos = offset;
        let col = String::from_utf8_lossy(&text[line_start..offset])
            .chars()
            .count()
            + 1;
        (line, col)
    })
    .collect()
}

#[test]
fn a_long_file_streams_as_the_memory_restore() {
    let doc = document();
    let r = restored();
    assert!(r.evidence().is_spun());
    assert!(r.edits().len() > 1000);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long.txt", doc);
    let out = unspin(&["--explain", &path], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout == r.bytes(),
        "stdout differs from the in-memory restore"
    );

    // --explain: the evidence, then a line for each edit, each
    // occurrence left alone and each suggestion, at its line and column.
    let stderr = String::from_utf8(out.stderr).unwrap();
    let mut lines = stderr.lines();
    let e = r.evidence();
    assert_eq!(
        lines.next().unwrap(),
        format!(
            "{path}: {} words, {} fingerprints, {} spintax leftovers, {:.1} signals per 1,000 words: spun",
            e.words(),
            e.fingerprints(),
            e.spintax(),
            e.per_thousand()
        )
    );
    let rest: Vec<&str> = lines.collect();
    assert_eq!(
        rest.len(),
        r.edits().len() + r.skipped().len() + r.suggestions().len()
    );
    let edits = line_cols(doc, r.edits().iter().map(|e| e.span().start));
    let skipped = line_cols(doc, r.skipped().iter().map(|s| s.span().start));
    let suggested = line_cols(doc, r.suggestions().iter().map(|s| s.span().start));
    let mut expected: Vec<String> = r
        .edits()
        .iter()
        .zip(edits)
        .map(|(e, (l, c))| {
            format!(
                "{path}:{l}:{c}: {:?} -> {:?} ",
                e.original(),
                e.replacement()
            )
        })
        .chain(r.skipped().iter().zip(skipped).map(|(s, (l, c))| {
            format!(
                "{path}:{l}:{c}: {:?} left alone (not {:?}) ",
                s.original(),
                s.replacement()
            )
        }))
        .chain(
            r.suggestions()
                .iter()
                .zip(suggested)
                .map(|(s, (l, c))| format!("{path}:{l}:{c}: {:?} might be ", s.original())),
        )
        .collect();
    let mut got: Vec<&str> = rest;
    expected.sort();
    got.sort();
    for (want, line) in expected.iter().zip(&got) {
        assert!(line.starts_with(want.as_str()), "{line:?} is not {want:?}");
    }
}

#[test]
fn long_standard_input_streams_as_the_memory_restore() {
    let out = unspin(&[], document());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == restored().bytes(), "stdout differs");
    assert!(out.stderr.is_empty());
}

#[test]
fn standard_input_beyond_memory_is_spooled() {
    // More than the 8 MiB kept in memory: cheap paragraphs, a few spun.
    let mut input = Vec::new();
    let mut i = 0;
    while input.len() < (9 << 20) {
        input.extend_from_slice(if i % 500 == 0 {
            b"The Protection Secretary met the U.Okay. team. He stated it.\r\n\r\n".as_slice()
        } else {
            b"Some plain words on a line\nand more of them here.\n\n".as_slice()
        });
        i += 1;
    }
    let out = unspin(&[], &input);
    assert_eq!(out.status.code(), Some(0));
    let expected = Restorer::new().restore_bytes(&input);
    assert!(out.stdout == expected.bytes(), "stdout differs");
    assert!(out.stdout.len() < input.len());
}

#[test]
fn write_rewrites_a_long_file_and_leaves_a_clean_one_alone() {
    let dir = tempfile::tempdir().unwrap();
    let spun = write(dir.path(), "spun.txt", document());
    let mut clean = Vec::new();
    while clean.len() < (3 << 20) / 2 {
        for entry in std::fs::read_dir("tests/corpus/clean").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                clean.extend_from_slice(&std::fs::read(path).unwrap());
                clean.extend_from_slice(b"\n\n");
            }
        }
    }
    let clean_path = write(dir.path(), "clean.txt", &clean);
    let before = std::fs::metadata(&clean_path).unwrap().modified().unwrap();
    let out = unspin(&["--write", &spun, &clean_path], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(
        std::fs::read(&spun).unwrap() == restored().bytes(),
        "rewritten file differs"
    );
    assert_eq!(std::fs::read(&clean_path).unwrap(), clean);
    let after = std::fs::metadata(&clean_path).unwrap().modified().unwrap();
    assert_eq!(before, after, "a file that does not change is not written");
    // Nothing is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn check_prints_hunks_that_fit_the_long_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long.txt", document());
    let out = unspin(&["--check", &path], b"");
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout).unwrap();
    let old = String::from_utf8_lossy(document()).into_owned();
    let new = String::from_utf8_lossy(restored().bytes()).into_owned();
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut lines = diff.split_inclusive('\n');
    assert_eq!(lines.next(), Some(format!("--- a/{path}\n").as_str()));
    assert_eq!(lines.next(), Some(format!("+++ b/{path}\n").as_str()));
    // Each hunk's lines are the files' lines where its header says.
    let (mut o, mut n) = (0, 0);
    let mut hunks = 0;
    let mut last_old = 0;
    for line in lines {
        if let Some(header) = line.strip_prefix("@@ -") {
            let (ranges, _) = header.split_once(" @@").unwrap();
            let (a, b) = ranges.split_once(" +").unwrap();
            let start = |r: &str| r.split(',').next().unwrap().parse::<usize>().unwrap();
            (o, n) = (start(a) - 1, start(b) - 1);
            assert!(o >= last_old, "hunks in order");
            hunks += 1;
            continue;
        }
        let (sign, text) = line.split_at(1);
        match sign {
            " " => {
                assert_eq!(old_lines[o], text);
                assert_eq!(new_lines[n], text);
                o += 1;
                n += 1;
            }
            "-" => {
                assert_eq!(old_lines[o], text);
                o += 1;
            }
            "+" => {
                assert_eq!(new_lines[n], text);
                n += 1;
            }
            _ => panic!("unexpected diff line {line:?}"),
        }
        last_old = o;
    }
    assert!(hunks > 100, "{hunks} hunks");
}

#[test]
fn strict_utf8_names_the_offset_in_a_long_file() {
    let mut valid = String::from_utf8_lossy(document()).into_owned();
    let cut = (0..=2_000_000)
        .rev()
        .find(|&i| valid.is_char_boundary(i))
        .unwrap();
    valid.truncate(cut);
    let mut valid = valid.into_bytes();
    valid.extend_from_slice(b"\n\nThe U.Okay. \xe9 team\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "late.txt", &valid);
    let out = unspin(&["--strict-utf8", &path], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "unspin: {path}: invalid UTF-8 at byte offset {}\n",
            cut + 14
        )
    );
}
