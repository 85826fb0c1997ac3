//! Restoring a stream with bounded memory: the evidence of the whole
//! input from a first pass over its chunks, then each chunk restored with
//! it, up to [`RestorerBuilder::threads`](crate::RestorerBuilder::threads)
//! chunks at a time.

use std::io::{self, Read, Seek, Write};

use super::parallel::parallel_map;
use super::report::{RestoredChunk, StreamSummary};
use super::Restorer;
use crate::decide::evidence::{Counts, Evidence};
use crate::find::chunk::{self, ChunkReader};
use crate::rewrite::edit::apply;

/// The chunks of a stream restore: see [`Restorer::restore_chunks`]. After
/// a read error it ends.
pub struct RestoreChunks<'r, R> {
    restorer: &'r Restorer,
    reader: ChunkReader<R>,
    evidence: Evidence,
    /// Chunks restored at once (see [`RestorerBuilder::threads`](crate::RestorerBuilder::threads)) and not
    /// yet taken, then the read error that ended the batch, if any.
    ready: std::collections::VecDeque<io::Result<RestoredChunk>>,
    ended: bool,
}

impl<R: Read> Iterator for RestoreChunks<'_, R> {
    type Item = io::Result<RestoredChunk>;

    fn next(&mut self) -> Option<io::Result<RestoredChunk>> {
        if self.ready.is_empty() && !self.ended {
            let restorer = self.restorer;
            let (batch, end) = restorer.read_batch(&mut self.reader, Vec::new());
            let error = match end {
                BatchEnd::More => None,
                BatchEnd::End => {
                    self.ended = true;
                    None
                }
                BatchEnd::Failed(e) => {
                    self.ended = true;
                    Some(e)
                }
            };
            let evidence = self.evidence;
            let restored = parallel_map(batch, restorer.threads, |(offset, bytes)| {
                restorer.restore_piece(offset, bytes, &evidence)
            });
            self.ready.extend(restored.into_iter().map(Ok));
            self.ready.extend(error.map(Err));
        }
        self.ready.pop_front()
    }
}

/// How reading a batch of chunks ended.
enum BatchEnd {
    /// The batch is full; the input may go on.
    More,
    /// The input ended.
    End,
    /// Reading failed after the chunks of the batch.
    Failed(io::Error),
}

impl Restorer {
    /// Chunks up to a batch of [`RestorerBuilder::threads`](crate::RestorerBuilder::threads) after those
    /// in `batch`, owned, and how reading ended.
    fn read_batch<R: Read>(
        &self,
        reader: &mut ChunkReader<R>,
        mut batch: Vec<(u64, Vec<u8>)>,
    ) -> (Vec<(u64, Vec<u8>)>, BatchEnd) {
        while batch.len() < self.threads {
            match reader.next(&self.protector) {
                Ok(Some(piece)) => batch.push((piece.offset, piece.bytes.to_vec())),
                Ok(None) => return (batch, BatchEnd::End),
                Err(e) => return (batch, BatchEnd::Failed(e)),
            }
        }
        (batch, BatchEnd::More)
    }

    /// The evidence counts of a batch of chunks, the chunks scanned at once.
    fn batch_counts(&self, batch: &[(u64, Vec<u8>)]) -> Counts {
        parallel_map(batch.iter().collect(), self.threads, |(_, bytes)| {
            self.counts(&self.scan(&chunk::text_of(bytes)))
        })
        .into_iter()
        .fold(Counts::default(), |mut total, c| {
            total += c;
            total
        })
    }

    /// Restores one chunk of an input (`offset` into it) with the evidence
    /// of the whole input.
    fn restore_piece(&self, offset: u64, bytes: Vec<u8>, evidence: &Evidence) -> RestoredChunk {
        let text = chunk::text_of(&bytes);
        let scan = self.scan(&text);
        let mut planned = self.plan_chunk(&text, scan, evidence);
        let restored = apply(&bytes, planned.edits());
        planned.shift(usize::try_from(offset).unwrap_or(usize::MAX));
        RestoredChunk::new(offset, bytes, restored, planned)
    }

    /// The evidence of `input`, read to its end a chunk at a time.
    pub(super) fn stream_evidence<R: Read>(&self, input: R) -> io::Result<Evidence> {
        let mut reader = ChunkReader::new(input, self.chunk_size);
        let mut counts = Counts::default();
        loop {
            let (batch, end) = self.read_batch(&mut reader, Vec::new());
            counts += self.batch_counts(&batch);
            match end {
                BatchEnd::More => {}
                BatchEnd::End => return Ok(Evidence::assess(counts, self.thresholds)),
                BatchEnd::Failed(e) => return Err(e),
            }
        }
    }

    /// The chunks of `input` restored with `evidence`, assessed again with this restorer's thresholds.
    pub(super) fn stream_chunks<R: Read>(
        &self,
        input: R,
        evidence: &Evidence,
    ) -> RestoreChunks<'_, R> {
        RestoreChunks {
            restorer: self,
            reader: ChunkReader::new(input, self.chunk_size),
            // Assessed again with this restorer's thresholds.
            evidence: Evidence::assess(*evidence.counts(), self.thresholds),
            ready: std::collections::VecDeque::new(),
            ended: false,
        }
    }

    /// Restores `input` into `output` in two passes, or in one when it fits in a chunk.
    pub(super) fn stream_restore<R: Read + Seek, W: Write>(
        &self,
        mut input: R,
        mut output: W,
    ) -> io::Result<StreamSummary> {
        let origin = input.stream_position()?;
        let mut counts = Counts::default();
        let mut reader = ChunkReader::new(&mut input, self.chunk_size);
        match reader.next(&self.protector)? {
            Some(piece) if piece.last => {
                // One chunk: read once.
                let r = self.restore_bytes(piece.bytes);
                output.write_all(r.bytes())?;
                return Ok(StreamSummary {
                    evidence: *r.evidence(),
                    edits: r.edits().len(),
                    skipped: r.skipped().len(),
                });
            }
            Some(piece) => {
                let mut first = Some((piece.offset, piece.bytes.to_vec()));
                loop {
                    let (batch, end) =
                        self.read_batch(&mut reader, first.take().into_iter().collect());
                    counts += self.batch_counts(&batch);
                    match end {
                        BatchEnd::More => {}
                        BatchEnd::End => break,
                        BatchEnd::Failed(e) => return Err(e),
                    }
                }
            }
            None => {}
        }
        input.seek(io::SeekFrom::Start(origin))?;
        let mut summary = StreamSummary {
            evidence: Evidence::assess(counts, self.thresholds),
            edits: 0,
            skipped: 0,
        };
        for chunk in self.restore_chunks(&mut input, &summary.evidence) {
            let chunk = chunk?;
            output.write_all(chunk.bytes())?;
            summary.edits += chunk.edits().len();
            summary.skipped += chunk.skipped().len();
        }
        Ok(summary)
    }
}
