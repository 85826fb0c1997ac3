//! Inputs longer than a chunk, with bounded memory: a file is read twice
//! (the evidence of spin, then the restore, written a chunk at a time);
//! standard input is kept in memory up to [`STDIN_MEMORY`] and spooled to
//! a temporary file beyond. The output is the in-memory restore's, byte for
//! byte: the library cuts both the same way.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use std::path::Path;

use unspin::{Evidence, RestoredChunk, Restorer, RestorerBuilder};

use super::filter::{explain_edits, explain_evidence, Locator};
use super::output::{hunks, write_all, Written};

/// Inputs up to this size are one chunk: they are read whole and restored
/// in memory (several files in parallel).
pub(crate) const WHOLE_LIMIT: usize = RestorerBuilder::DEFAULT_CHUNK_SIZE;

/// Standard input is kept in memory up to this size and spooled to a
/// temporary file beyond it.
pub(crate) const STDIN_MEMORY: usize = 8 << 20;

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

/// Opens `path` (`-` for standard input).
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

/// Where a stream restore goes.
#[derive(Clone, Copy)]
pub(crate) enum Target<'a> {
    /// The restored text, to the output.
    Print,
    /// Back into the file, when something changes.
    Rewrite(&'a Path),
    /// A unified diff, to the output.
    Diff,
    /// Nowhere: only whether it changes, and how much.
    Discard,
}

/// How a stream restore ended.
pub(crate) enum Outcome {
    Done {
        changed: bool,
        /// How many edits it had.
        edits: usize,
    },
    /// Nobody reads the output any more.
    PipeClosed,
}

/// Why a stream restore stopped.
pub(crate) enum Failure {
    /// The input (or the file being rewritten): report and go on.
    Input(String),
    /// The output: stop.
    Output(io::Error),
}

/// Restores `source` in two passes into `target`.
pub(crate) fn restore(
    restorer: &Restorer,
    mut source: Source,
    label: &str,
    target: Target<'_>,
    strict_utf8: bool,
    explain: bool,
    out: &mut impl Write,
) -> Result<Outcome, Failure> {
    let input = |e: io::Error| Failure::Input(e.to_string());
    let evidence = evidence(restorer, &mut source, strict_utf8)?;
    source.seek(SeekFrom::Start(0)).map_err(input)?;
    if explain {
        explain_evidence(label, &evidence);
    }
    let mut rewrite = Rewrite::default();
    let mut header_done = false;
    let mut changed = false;
    let mut edits = 0;
    // Where the next chunk starts: lines and columns for --explain, lines
    // of the input and of the output for diffs.
    let mut at = Locator::default();
    let (mut old_lines, mut new_lines) = (0, 0);
    for chunk in restorer.restore_chunks(&mut source, &evidence) {
        let chunk = chunk.map_err(input)?;
        let edited = !chunk.edits().is_empty();
        changed |= edited;
        edits += chunk.edits().len();
        if explain {
            let start = usize::try_from(chunk.start()).unwrap_or(usize::MAX);
            let (edits, skipped) = (chunk.edits(), chunk.skipped());
            let suggestions = chunk.suggestions();
            explain_edits(
                label,
                chunk.input(),
                (edits, skipped, suggestions),
                at.clone(),
                start,
            );
        }
        let written = match target {
            Target::Print => write_all(out, chunk.bytes()),
            Target::Rewrite(path) => {
                rewrite.chunk(path, &chunk).map_err(input)?;
                Ok(Written::Ok)
            }
            Target::Diff if edited => {
                let diff = hunks(
                    &String::from_utf8_lossy(chunk.input()),
                    &String::from_utf8_lossy(chunk.bytes()),
                    (!header_done).then(|| (format!("a/{label}"), format!("b/{label}"))),
                    old_lines,
                    new_lines,
                );
                header_done = true;
                write_all(out, diff.as_bytes())
            }
            Target::Diff | Target::Discard => Ok(Written::Ok),
        };
        match written.map_err(Failure::Output)? {
            Written::Ok => {}
            Written::PipeClosed => return Ok(Outcome::PipeClosed),
        }
        at.advance(chunk.input(), chunk.input().len());
        at.restart();
        old_lines += newlines(chunk.input());
        new_lines += newlines(chunk.bytes());
    }
    if let Target::Rewrite(path) = target {
        rewrite.finish(path).map_err(input)?;
    }
    Ok(Outcome::Done { changed, edits })
}

/// The first pass: the evidence of spin, and with `strict_utf8` a check
/// that the input is UTF-8.
fn evidence(
    restorer: &Restorer,
    source: &mut Source,
    strict_utf8: bool,
) -> Result<Evidence, Failure> {
    let input = |e: io::Error| Failure::Input(e.to_string());
    if !strict_utf8 {
        return restorer.evidence_from(source).map_err(input);
    }
    let mut checked = Utf8Check::new(source);
    let evidence = restorer.evidence_from(&mut checked).map_err(input)?;
    match checked.invalid_at() {
        Some(at) => Err(Failure::Input(format!("invalid UTF-8 at byte offset {at}"))),
        None => Ok(evidence),
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// A file rewritten a chunk at a time. The temporary file is made at the
/// first chunk that changes, from the unchanged bytes before it, so a file
/// that does not change is never written.
#[derive(Default)]
struct Rewrite {
    tmp: Option<tempfile::NamedTempFile>,
}

impl Rewrite {
    fn chunk(&mut self, path: &Path, chunk: &RestoredChunk) -> io::Result<()> {
        let tmp = match &mut self.tmp {
            Some(tmp) => tmp,
            None if chunk.edits().is_empty() => return Ok(()),
            None => {
                let mut tmp = super::rewrite::temp_beside(path)?;
                let mut original = File::open(path)?;
                let copied = io::copy(&mut (&mut original).take(chunk.start()), &mut tmp)?;
                if copied != chunk.start() {
                    return Err(io::Error::other("the file changed while being read"));
                }
                self.tmp.insert(tmp)
            }
        };
        tmp.write_all(chunk.bytes())
    }

    fn finish(self, path: &Path) -> io::Result<()> {
        match self.tmp {
            Some(tmp) => super::rewrite::persist(tmp, path),
            None => Ok(()),
        }
    }
}

/// Checks that what is read through it is UTF-8.
struct Utf8Check<R> {
    inner: R,
    /// Bytes checked, not counting `pending`.
    checked: u64,
    /// The start of a character that the last read cut off.
    pending: Vec<u8>,
    invalid: Option<u64>,
}

impl<R> Utf8Check<R> {
    fn new(inner: R) -> Utf8Check<R> {
        Utf8Check {
            inner,
            checked: 0,
            pending: Vec::new(),
            invalid: None,
        }
    }

    /// After the whole input was read: the offset of its first byte that
    /// is not UTF-8.
    fn invalid_at(&self) -> Option<u64> {
        self.invalid
            .or_else(|| (!self.pending.is_empty()).then_some(self.checked))
    }

    fn check(&mut self, data: &[u8]) {
        let joined;
        let bytes = if self.pending.is_empty() {
            data
        } else {
            joined = [std::mem::take(&mut self.pending).as_slice(), data].concat();
            &joined
        };
        match std::str::from_utf8(bytes) {
            Ok(_) => self.checked += bytes.len() as u64,
            Err(e) if e.error_len().is_some() => {
                self.invalid = Some(self.checked + e.valid_up_to() as u64);
            }
            Err(e) => {
                self.checked += e.valid_up_to() as u64;
                self.pending = bytes[e.valid_up_to()..].to_vec();
            }
        }
    }
}

impl<R: Read> Read for Utf8Check<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if self.invalid.is_none() {
            self.check(&buf[..n]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_invalid(bytes: &[u8], step: usize) -> Option<u64> {
        let mut check = Utf8Check::new(bytes);
        let mut buf = vec![0; step];
        while check.read(&mut buf).unwrap() > 0 {}
        check.invalid_at()
    }

    #[test]
    fn utf8_is_checked_across_reads() {
        let text = "aé€𝄞b".repeat(5);
        for step in 1..8 {
            assert_eq!(first_invalid(text.as_bytes(), step), None, "step {step}");
            let mut bad = text.clone().into_bytes();
            bad.insert(10, 0xff);
            assert_eq!(first_invalid(&bad, step), Some(10), "step {step}");
            let cut = &text.as_bytes()[..text.len() - 2];
            let expected = std::str::from_utf8(cut).unwrap_err().valid_up_to() as u64;
            assert_eq!(first_invalid(cut, step), Some(expected), "step {step}");
        }
    }
}
