//! Cutting an input into chunks that are restored one at a time.
//!
//! Nothing a restore decides looks across a blank line: phrases, damaged
//! names, near misses, spintax pairs, article fixes and the language
//! model's context all stop at a paragraph break (`Token::break_before`).
//! So a text cut at a blank line that lies outside every protected region
//! restores, chunk by chunk, exactly as it does whole, once the evidence of
//! all chunks is added up.
//!
//! The cut after a chunk's start is a function of the next
//! [`DEFAULT_LIMIT`] (or configured) bytes alone, and of whether they hold
//! the rest of the input: [`next_cut`] never sees more. The in-memory
//! restore and the stream restore both cut with it, so they cut in the same
//! places, and their output is the same by construction, for any input.
//!
//! Where to cut, in order of preference, the last such place in the window:
//! 1. after a blank line outside protected regions;
//! 2. after a line end outside protected regions;
//! 3. after ASCII whitespace outside protected regions;
//! 4. after any line end, then after any ASCII whitespace;
//! 5. before a byte that does not continue a UTF-8 sequence;
//! 6. at the end of the window.
//!
//! Only 1 keeps the restore exactly as it is on the whole text; the others
//! are for paragraphs (or protected regions) longer than the limit, where a
//! phrase, a name or a code block may be cut in two. A construct that is
//! still open at the end of the window (a code fence, an HTML comment or
//! tag, inline code) counts as running on past it, so a blank line inside
//! it is no cut.

use std::borrow::Cow;
use std::io::{self, Read};
use std::ops::Range;

use crate::find::protect::Protector;
use crate::format::tokenize::has_blank_line;

/// The default largest chunk, in bytes.
pub(crate) const DEFAULT_LIMIT: usize = 1 << 20;

/// The smallest chunk limit: enough for any UTF-8 character.
pub(crate) const MIN_LIMIT: usize = 16;

/// How many bytes a stream is read at a time.
const READ_SIZE: usize = 64 << 10;

/// The length of the next chunk of `window`: the input from the chunk's
/// start, at most the limit long. `at_end` says whether the window holds
/// the rest of the input; then it is one chunk. `regions` is scratch space.
/// Returns more than 0 unless the window is empty.
pub(crate) fn next_cut(
    window: &[u8],
    at_end: bool,
    protector: &Protector,
    regions: &mut Vec<(usize, usize)>,
) -> usize {
    if at_end || window.len() <= 1 {
        return window.len();
    }
    protector.open_regions(window, regions);
    let protected = |cut: usize| {
        // The last region starting before the cut; regions are sorted and
        // disjoint.
        let i = regions.partition_point(|&(s, _)| s < cut);
        i > 0 && regions[i - 1].1 > cut
    };
    // 1 and 2: walk the lines from the end.
    let mut line_end = None;
    let mut end = window.len();
    while let Some(nl) = window[..end].iter().rposition(|&b| b == b'\n') {
        let cut = nl + 1;
        if !protected(cut) {
            let before = window[..nl].iter().rposition(|&b| b == b'\n');
            if let Some(prev) = before {
                if std::str::from_utf8(&window[prev..=nl]).is_ok_and(has_blank_line) {
                    return cut;
                }
            }
            line_end.get_or_insert(cut);
        }
        end = nl;
    }
    if let Some(cut) = line_end {
        return cut;
    }
    // 3.
    if let Some(cut) = (1..window.len())
        .rev()
        .find(|&cut| window[cut - 1].is_ascii_whitespace() && !protected(cut))
    {
        return cut;
    }
    // 4.
    if let Some(nl) = window.iter().rposition(|&b| b == b'\n') {
        return nl + 1;
    }
    if let Some(ws) = window.iter().rposition(|b| b.is_ascii_whitespace()) {
        return ws + 1;
    }
    // 5 and 6.
    (1..window.len())
        .rev()
        .find(|&cut| !is_continuation(window[cut]))
        .unwrap_or(window.len())
}

fn is_continuation(b: u8) -> bool {
    (0x80..0xc0).contains(&b)
}

/// The chunks of a whole input, as byte ranges, cut as a stream of it
/// would be.
pub(crate) fn ranges(input: &[u8], limit: usize, protector: &Protector) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut regions = Vec::new();
    let mut start = 0;
    while start < input.len() {
        let rest = &input[start..];
        let at_end = rest.len() <= limit;
        let window = &rest[..rest.len().min(limit)];
        let cut = next_cut(window, at_end, protector, &mut regions);
        out.push(start..start + cut);
        start += cut;
    }
    out
}

/// The text the restorer reads for `bytes`: the bytes themselves when they
/// are UTF-8, else a copy of the same length with each invalid byte as
/// U+001A, so that byte offsets agree and no phrase runs across one.
pub(crate) fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let mut text = String::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                text.extend(std::iter::repeat_n('\u{1a}', chunk.invalid().len()));
            }
            Cow::Owned(text)
        }
    }
}

/// Reads a stream a chunk at a time, cut by [`next_cut`]. Holds at most
/// the limit plus one read's worth of bytes.
pub(crate) struct ChunkReader<R> {
    input: R,
    buf: Vec<u8>,
    /// Where the next chunk starts in `buf`.
    start: usize,
    /// Offset of `buf[start]` in the stream.
    offset: u64,
    eof: bool,
    limit: usize,
    regions: Vec<(usize, usize)>,
}

/// One chunk read from a stream.
pub(crate) struct Piece<'a> {
    /// Offset of the chunk in the stream.
    pub offset: u64,
    pub bytes: &'a [u8],
    /// Whether this is the last chunk.
    pub last: bool,
}

impl<R: Read> ChunkReader<R> {
    pub(crate) fn new(input: R, limit: usize) -> ChunkReader<R> {
        ChunkReader {
            input,
            buf: Vec::new(),
            start: 0,
            offset: 0,
            eof: false,
            limit,
            regions: Vec::new(),
        }
    }

    /// The next chunk, or `None` at the end of the stream.
    pub(crate) fn next(&mut self, protector: &Protector) -> io::Result<Option<Piece<'_>>> {
        // Fill the buffer past the limit (to know whether the window holds
        // the rest), or to the end of the stream.
        while !self.eof && self.buf.len() - self.start <= self.limit {
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let want = (self.limit + 1 - self.buf.len()).max(READ_SIZE);
            let got = self
                .input
                .by_ref()
                .take(want as u64)
                .read_to_end(&mut self.buf)?;
            if got < want {
                self.eof = true;
            }
        }
        let rest = &self.buf[self.start..];
        if rest.is_empty() {
            return Ok(None);
        }
        let at_end = self.eof && rest.len() <= self.limit;
        let window = &rest[..rest.len().min(self.limit)];
        let cut = next_cut(window, at_end, protector, &mut self.regions);
        let piece = Piece {
            offset: self.offset,
            bytes: &self.buf[self.start..self.start + cut],
            last: self.eof && cut == rest.len(),
        };
        self.start += cut;
        self.offset += cut as u64;
        Ok(Some(piece))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(input: &[u8], limit: usize) -> Vec<&[u8]> {
        ranges(input, limit, &Protector::new())
            .into_iter()
            .map(|r| &input[r])
            .collect()
    }

    /// Reads `input` through a [`ChunkReader`] that gets `step` bytes a
    /// read.
    fn streamed(input: &[u8], limit: usize, step: usize) -> Vec<Vec<u8>> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let protector = Protector::new();
        let mut reader = ChunkReader::new(Trickle(input, step), limit);
        let mut out = Vec::new();
        let mut offset = 0;
        while let Some(piece) = reader.next(&protector).unwrap() {
            assert_eq!(piece.offset, offset);
            offset += piece.bytes.len() as u64;
            assert_eq!(piece.last, offset == input.len() as u64);
            out.push(piece.bytes.to_vec());
        }
        out
    }

    #[test]
    fn input_within_the_limit_is_one_chunk() {
        assert_eq!(cuts(b"a\n\nb", 16), [b"a\n\nb"]);
        assert!(cuts(b"", 16).is_empty());
    }

    #[test]
    fn cuts_after_the_last_blank_line_of_the_window() {
        let text = b"one two\n\nthree\n \t\nfour five six seven";
        assert_eq!(
            cuts(text, 24),
            [&b"one two\n\nthree\n \t\n"[..], b"four five six seven"]
        );
        // CRLF blank lines.
        let text = b"one two\r\n\r\nthree four five six";
        assert_eq!(
            cuts(text, 24),
            [&b"one two\r\n\r\n"[..], b"three four five six"]
        );
    }

    #[test]
    fn a_fence_that_spans_blank_lines_is_kept_whole() {
        let text = b"intro\n\n```\ncode\n\nmore code\n```\n\noutro words here";
        // The window of 28 bytes ends inside the fence: cut before it.
        assert_eq!(cuts(text, 28)[0], b"intro\n\n");
        // A window that holds the closed fence cuts after it.
        assert_eq!(
            cuts(text, 40)[0],
            b"intro\n\n```\ncode\n\nmore code\n```\n\n"
        );
        // An HTML comment likewise.
        let text = b"intro\n\n<!-- a\n\nb -->\n\nrest of it all";
        assert_eq!(cuts(text, 18)[0], b"intro\n\n");
        assert_eq!(cuts(text, 24)[0], b"intro\n\n<!-- a\n\nb -->\n\n");
    }

    #[test]
    fn long_paragraphs_fall_back_to_lines_then_whitespace() {
        assert_eq!(
            cuts(b"one two\nthree four five", 16),
            [&b"one two\n"[..], b"three four five"]
        );
        assert_eq!(
            cuts(b"one two three four five", 16),
            [&b"one two three "[..], b"four five"]
        );
    }

    #[test]
    fn one_endless_line_is_cut_on_a_char_boundary() {
        let text = "é".repeat(20);
        let chunks = cuts(text.as_bytes(), 17);
        assert_eq!(chunks.len(), 3);
        for c in &chunks {
            assert!(std::str::from_utf8(c).is_ok());
            assert!(c.len() <= 17);
        }
        assert_eq!(chunks.concat(), text.as_bytes());
    }

    #[test]
    fn invalid_utf8_is_cut_anywhere_a_char_can_start() {
        let text = [0xffu8; 40];
        let chunks = cuts(&text, 16);
        assert_eq!(
            chunks.iter().map(|c| c.len()).collect::<Vec<_>>(),
            [15, 15, 10]
        );
        // Only continuation bytes: the window's end.
        let text = [0x80u8; 40];
        assert_eq!(cuts(&text, 16)[0].len(), 16);
        // Cut at a line end, the invalid bytes pass as they are.
        let text = b"caf\xe9\n\n\xff\xfe and more words";
        assert_eq!(cuts(text, 16)[0], b"caf\xe9\n\n");
        assert_eq!(text_of(b"caf\xe9\n"), "caf\u{1a}\n");
    }

    #[test]
    fn streams_cut_where_whole_inputs_do() {
        let mut text = Vec::new();
        for i in 0..200 {
            text.extend_from_slice(match i % 7 {
                0 => &b"Some words here.\n\n"[..],
                1 => b"```\nfenced\n\ncode\n```\n",
                2 => b"a line\r\n",
                3 => b"\r\n\r\n",
                4 => b"<!-- note\n\n-->",
                5 => b"caf\xe9 \xff",
                _ => b"averyveryverylongwordwithoutanyspaceatall",
            });
        }
        for limit in [16, 17, 40, 100, 1000] {
            let whole = cuts(&text, limit);
            assert_eq!(whole.concat(), text);
            assert!(whole.iter().all(|c| !c.is_empty() && c.len() <= limit));
            for step in [1, 7, 64, 100_000] {
                assert_eq!(
                    streamed(&text, limit, step),
                    whole,
                    "limit {limit}, step {step}"
                );
            }
        }
    }
}
