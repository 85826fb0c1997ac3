//! Inputs longer than a chunk, with bounded memory: a file is read twice
//! (the evidence of spin, then the restore, carried out a chunk at a time
//! by the run's [`Action`](super::action::Action)); standard input is kept
//! in memory up to [`STDIN_MEMORY`](super::input::STDIN_MEMORY) and
//! spooled to a temporary file beyond (see [`input`](super::input)). The
//! restored text is the in-memory restore's, byte for byte: the library
//! cuts both the same way.

use std::io::{self, Read, Seek, SeekFrom, Write};

use unspin::{Evidence, Restorer};

use super::action::{Failure, Pieces};
use super::explain::{explain_edits, explain_evidence, Locator};
use super::input::Source;
use super::output::Written;

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

/// Restores `source` in two passes, a chunk at a time into `pieces`.
pub(crate) fn restore(
    restorer: &Restorer,
    mut source: Source,
    mut pieces: Pieces<'_>,
    label: &str,
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
    let mut changed = false;
    let mut edits = 0;
    // Where the next chunk starts, in lines and columns for --explain.
    let mut at = Locator::default();
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
        let written = pieces.piece(chunk.start(), chunk.input(), chunk.bytes(), edited, out)?;
        if let Written::PipeClosed = written {
            return Ok(Outcome::PipeClosed);
        }
        at.advance(chunk.input(), chunk.input().len());
        at.restart();
    }
    pieces.finish()?;
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
