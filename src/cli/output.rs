//! Writing to standard output and error; a closed pipe is not an error.

use std::io::{self, Write};

use super::args::ReportFormat;

/// The outcome of writing: go on, or stop because nobody reads any more.
pub(crate) enum Written {
    Ok,
    PipeClosed,
}

/// Writes `bytes` to `out`. A broken pipe is reported as `PipeClosed`;
/// other errors are returned.
pub(crate) fn write_all(out: &mut impl Write, bytes: &[u8]) -> io::Result<Written> {
    match out.write_all(bytes) {
        Ok(()) => Ok(Written::Ok),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Written::PipeClosed),
        Err(e) => Err(e),
    }
}

/// Flushes `out`, with the same broken-pipe rule as [`write_all`].
pub(crate) fn flush(out: &mut impl Write) -> io::Result<Written> {
    match out.flush() {
        Ok(()) => Ok(Written::Ok),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Written::PipeClosed),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` for a command whose status so far is `status`. `None`:
/// go on. `Some(code)`: stop and exit with `code`, which is `status` when
/// the reader went away and 2 after a write error (reported here).
pub(crate) fn emit(out: &mut impl Write, bytes: &[u8], status: u8) -> Option<u8> {
    match write_all(out, bytes) {
        Ok(Written::Ok) => None,
        Ok(Written::PipeClosed) => Some(status),
        Err(e) => {
            eprintln!("unspin: writing output: {e}");
            Some(super::ERROR)
        }
    }
}

/// Writes `bytes` to standard output and flushes; gives `status`, or 2
/// after a write error (reported here). A closed pipe is not an error.
pub(crate) fn print_all(bytes: &[u8], status: u8) -> u8 {
    let mut out = std::io::stdout().lock();
    if let Some(code) = emit(&mut out, bytes, status) {
        return code;
    }
    finish(&mut out, status)
}

/// Prints the report of a command that reports once, at the end: as text
/// by `render`, or as one JSON document (`pretty` or on one line). `Err`:
/// it could not be written (reported here), exit with 2.
pub(crate) fn print_report<R: serde::Serialize>(
    format: ReportFormat,
    report: &R,
    render: impl FnOnce(&R) -> String,
    pretty: bool,
) -> Result<(), u8> {
    let text = match format {
        ReportFormat::Text => render(report),
        ReportFormat::Json => {
            let json = if pretty {
                serde_json::to_string_pretty(report)
            } else {
                serde_json::to_string(report)
            };
            json.expect("reports serialize") + "\n"
        }
    };
    match print_all(text.as_bytes(), super::OK) {
        super::ERROR => Err(super::ERROR),
        _ => Ok(()),
    }
}

/// Flushes `out` at the end of a command and gives its exit code.
pub(crate) fn finish(out: &mut impl Write, status: u8) -> u8 {
    match flush(out) {
        Ok(_) => status,
        Err(e) => {
            eprintln!("unspin: writing output: {e}");
            super::ERROR
        }
    }
}

/// A unified diff of `old` and `new`, labelled with `path`. Empty when the
/// two are equal.
pub(crate) fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    hunks(
        old,
        new,
        Some((old_label.to_string(), new_label.to_string())),
        0,
        0,
    )
}

/// The hunks of a unified diff of `old` and `new`, a piece of longer texts
/// that starts after line `old_line` of the old one and `new_line` of the
/// new one, after a header when `labels` are given. Empty when the two are
/// equal.
pub(crate) fn hunks(
    old: &str,
    new: &str,
    labels: Option<(String, String)>,
    old_line: usize,
    new_line: usize,
) -> String {
    if old == new {
        return String::new();
    }
    let diff = similar::TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    unified.context_radius(2);
    if let Some((a, b)) = &labels {
        unified.header(a, b);
    }
    let text = unified.to_string();
    if old_line == 0 && new_line == 0 {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match shift_hunk_header(line, old_line, new_line) {
            Some(header) => out.push_str(&header),
            None => out.push_str(line),
        }
    }
    out
}

/// `@@ -A,B +C,D @@` with `A` and `C` moved down by `old` and `new` lines;
/// `None` for any other line. (Hunk lines start with ` `, `+`, `-` or `\\`,
/// so a line that starts with `@@ -` is a hunk header.)
fn shift_hunk_header(line: &str, old: usize, new: usize) -> Option<String> {
    let rest = line.strip_prefix("@@ -")?;
    let (ranges, tail) = rest.split_once(" @@")?;
    let (a, c) = ranges.split_once(" +")?;
    let shift = |range: &str, by: usize| -> Option<String> {
        let (start, len) = match range.split_once(',') {
            Some((s, l)) => (s, Some(l)),
            None => (range, None),
        };
        let start: usize = start.parse().ok()?;
        Some(match len {
            Some(len) => format!("{},{len}", start + by),
            None => format!("{}", start + by),
        })
    };
    Some(format!(
        "@@ -{} +{} @@{tail}",
        shift(a, old)?,
        shift(c, new)?
    ))
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub(crate) fn line_col(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é x".as_bytes(), 3), (1, 3));
        assert_eq!(line_col(b"", 0), (1, 1));
    }

    #[test]
    fn hunks_of_a_piece_count_lines_from_its_start() {
        let whole = unified_diff("a\nb\nc\n", "a\nB\nc\n", "x", "y");
        assert_eq!(whole, "--- x\n+++ y\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        let piece = hunks("a\nb\nc\n", "a\nB\nc\n", None, 10, 8);
        assert_eq!(piece, "@@ -11,3 +9,3 @@\n a\n-b\n+B\n c\n");
        // An empty range names the line before it.
        let piece = hunks("a\n", "a\nb\n", None, 4, 4);
        assert_eq!(piece, "@@ -5 +5,2 @@\n a\n+b\n");
        assert_eq!(
            shift_hunk_header("@@ -0,0 +1 @@\n", 3, 2).unwrap(),
            "@@ -3,0 +3 @@\n"
        );
        assert_eq!(shift_hunk_header("-@@ -1 +1 @@\n", 3, 2), None);
    }

    #[test]
    fn diff_is_empty_for_equal_text() {
        assert_eq!(unified_diff("a\n", "a\n", "a", "b"), "");
        assert!(unified_diff("a\n", "b\n", "x", "y").contains("-a\n+b\n"));
    }
}
