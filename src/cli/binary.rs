//! Binary input: a NUL byte in the first 8 KiB marks a file as binary, as
//! ripgrep and git decide it. Text never holds NUL; images, archives and
//! executables almost always do early on. Without `--binary`, such an
//! input passes through unchanged and a note says it was skipped.

use std::io::{self, Read, Seek, SeekFrom};

/// How much of the start of an input is looked at.
pub(crate) const PEEK: usize = 8 << 10;

/// The offset of the first NUL byte in the first [`PEEK`] bytes of
/// `bytes`: `Some` for binary input.
pub(crate) fn nul_at(bytes: &[u8]) -> Option<usize> {
    bytes[..bytes.len().min(PEEK)].iter().position(|&b| b == 0)
}

/// [`nul_at`] for a seekable input, which is left at its start.
pub(crate) fn peek(input: &mut (impl Read + Seek)) -> io::Result<Option<usize>> {
    let mut start = Vec::with_capacity(PEEK);
    input.by_ref().take(PEEK as u64).read_to_end(&mut start)?;
    input.seek(SeekFrom::Start(0))?;
    Ok(nul_at(&start))
}

/// The note for a binary input: what was done with it (`left unchanged`)
/// and what `--binary` would do (`restores it`).
pub(crate) fn note(label: &str, at: usize, done: &str, instead: &str) -> String {
    format!("unspin: {label}: binary file (NUL byte at offset {at}): {done} (--binary {instead})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_early_on_marks_binary() {
        assert_eq!(nul_at(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(8));
        assert_eq!(nul_at(b"plain text\n"), None);
        let mut late = vec![b'a'; PEEK];
        late.push(0);
        assert_eq!(nul_at(&late), None);
        let mut cursor = io::Cursor::new(b"ab\0cd".to_vec());
        assert_eq!(peek(&mut cursor).unwrap(), Some(2));
        assert_eq!(cursor.position(), 0);
    }
}
