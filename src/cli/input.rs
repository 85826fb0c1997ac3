//! Reading the inputs of a command: files and `-` (standard input), their
//! labels in messages, and the choice between reading an input whole and
//! restoring it a chunk at a time.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use unspin::RestorerBuilder;

/// Inputs up to this size are one chunk: they are read whole and restored
/// in memory (several files in parallel).
pub(crate) const WHOLE_LIMIT: usize = RestorerBuilder::DEFAULT_CHUNK_SIZE;

/// Standard input is kept in memory up to this size and spooled to a
/// temporary file beyond it.
pub(crate) const STDIN_MEMORY: usize = 8 << 20;

/// Whether standard input is among `inputs`.
pub(crate) fn reads_stdin(inputs: &[PathBuf]) -> bool {
    inputs.iter().any(|p| p == Path::new("-"))
}

/// How `path` is named in messages and reports: `<stdin>` for `-`.
pub(crate) fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The whole of `path` (`-` for standard input).
pub(crate) fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// A seekable input.
pub(crate) enum Source {
    File(File),
    Memory(Cursor<Vec<u8>>),
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::File(f) => f.read(buf),
            Source::Memory(c) => c.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Source::File(f) => f.seek(pos),
            Source::Memory(c) => c.seek(pos),
        }
    }
}

/// An input, opened for a restore.
pub(crate) enum Opened {
    /// At most one chunk, read whole.
    Whole(Vec<u8>),
    /// Longer: to be restored in two passes.
    Stream(Source),
}

/// Opens `path` (`-` for standard input): read whole when it is at most
/// [`WHOLE_LIMIT`] long, otherwise kept to be read twice (standard input
/// in memory up to [`STDIN_MEMORY`], in a temporary file beyond).
pub(crate) fn open(path: &Path) -> io::Result<Opened> {
    if path == Path::new("-") {
        let mut stdin = io::stdin().lock();
        let mut buf = Vec::new();
        (&mut stdin)
            .take(STDIN_MEMORY as u64 + 1)
            .read_to_end(&mut buf)?;
        if buf.len() <= WHOLE_LIMIT {
            return Ok(Opened::Whole(buf));
        }
        if buf.len() <= STDIN_MEMORY {
            return Ok(Opened::Stream(Source::Memory(Cursor::new(buf))));
        }
        let mut spool = tempfile::tempfile()?;
        spool.write_all(&buf)?;
        drop(buf);
        io::copy(&mut stdin, &mut spool)?;
        spool.seek(SeekFrom::Start(0))?;
        return Ok(Opened::Stream(Source::File(spool)));
    }
    let mut file = File::open(path)?;
    let mut buf = Vec::new();
    (&mut file)
        .take(WHOLE_LIMIT as u64 + 1)
        .read_to_end(&mut buf)?;
    if buf.len() <= WHOLE_LIMIT {
        return Ok(Opened::Whole(buf));
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(Opened::Stream(Source::File(file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_input_is_labelled_and_found() {
        assert_eq!(display(Path::new("-")), "<stdin>");
        assert_eq!(display(Path::new("a/b.txt")), "a/b.txt");
        assert!(reads_stdin(&[PathBuf::from("a"), PathBuf::from("-")]));
        assert!(!reads_stdin(&[PathBuf::from("a")]));
    }

    #[test]
    fn a_file_up_to_a_chunk_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("short.txt");
        std::fs::write(&short, "a short text\n").unwrap();
        assert!(matches!(open(&short).unwrap(), Opened::Whole(b) if b == b"a short text\n"));
        let long = dir.path().join("long.txt");
        std::fs::write(&long, vec![b'a'; WHOLE_LIMIT + 1]).unwrap();
        let Opened::Stream(mut source) = open(&long).unwrap() else {
            panic!("a file longer than a chunk is streamed");
        };
        // From its start.
        let mut all = Vec::new();
        source.read_to_end(&mut all).unwrap();
        assert_eq!(all.len(), WHOLE_LIMIT + 1);
    }
}
