//! Writing to standard output and error; a closed pipe is not an error.

use std::io::{self, Write};

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
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(old_label, new_label)
        .to_string()
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
    fn diff_is_empty_for_equal_text() {
        assert_eq!(unified_diff("a\n", "a\n", "a", "b"), "");
        assert!(unified_diff("a\n", "b\n", "x", "y").contains("-a\n+b\n"));
    }
}
