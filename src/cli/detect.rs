//! `unspin detect [FILE]...`: a spin score and verdict per input.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unspin::Restorer;

use super::args::{DetectArgs, ReportFormat};
use super::input::{display, read_input, reads_stdin};
use super::json;
use super::output::{emit, finish};
use super::progress::{Progress, Run, Unit};
use super::{binary, ERROR, FAILED, OK};

pub(crate) fn run(restorer: &Restorer, args: &DetectArgs) -> u8 {
    let inputs: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let progress = Progress::new(Run {
        total: Some(inputs.len() as u64),
        unit: Unit::Files,
        prints_while_running: true,
        reads_stdin: reads_stdin(&inputs),
        disabled: args.progress.no_progress,
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut any_spun, mut error) = (false, false);
    // Inputs are read and judged in parallel, a batch at a time, and
    // reported in the order given.
    let batch_size = 2 * rayon::current_num_threads();
    for batch in inputs.chunks(batch_size) {
        // Binary input (a NUL byte at an offset) is left out with a note.
        type Judged = (bool, String, Option<usize>);
        let judged: Vec<(&PathBuf, io::Result<Judged>)> = batch
            .par_iter()
            .map(|path| {
                let result = read_input(path).map(|input| {
                    match binary::nul_at(&input).filter(|_| !args.binary) {
                        Some(at) => (false, String::new(), Some(at)),
                        None => {
                            let (spun, line) = judge(restorer, args, path, &input);
                            (spun, line, None)
                        }
                    }
                });
                progress.inc();
                (path, result)
            })
            .collect();
        for (path, result) in judged {
            match result {
                Ok((_, _, Some(at))) => {
                    progress.suspend(|| {
                        eprintln!(
                            "{}",
                            binary::note(&display(path), at, "skipped", "judges it")
                        )
                    });
                }
                Ok((spun, line, None)) => {
                    any_spun |= spun;
                    if let Some(code) = emit(&mut out, line.as_bytes(), status(any_spun, error)) {
                        return code;
                    }
                }
                Err(e) => {
                    progress.suspend(|| eprintln!("unspin: {}: {e}", display(path)));
                    error = true;
                }
            }
        }
    }
    progress.finish();
    finish(&mut out, status(any_spun, error))
}

/// Whether `input` (read from `path`) is spun, and its report line.
fn judge(restorer: &Restorer, args: &DetectArgs, path: &Path, input: &[u8]) -> (bool, String) {
    let label = display(path);
    let text = String::from_utf8_lossy(input);
    let detection = restorer.detect(&text);
    let verdict = if detection.is_spun() { "spun" } else { "clean" };
    let line = match args.format {
        ReportFormat::Text => {
            format!("{label}: {:.2} {verdict}\n", detection.score().score())
        }
        ReportFormat::Json => {
            let report = json::Detection::new(&label, &text, &detection);
            let mut s = serde_json::to_string(&report).expect("reports serialize");
            s.push('\n');
            s
        }
    };
    (detection.is_spun(), line)
}

fn status(any_spun: bool, error: bool) -> u8 {
    if error {
        ERROR
    } else if any_spun {
        FAILED
    } else {
        OK
    }
}
