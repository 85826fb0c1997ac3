//! `--jsonl`: JSON Lines in and out, for pipelines and for map steps in
//! distributed engines (Spark `RDD.pipe`, Hadoop streaming). Each input
//! line is an object with a `text` string and any `id`; each output line
//! carries the same `id` with the restored text, its edits and evidence.
//! Lines are read a batch at a time, restored in parallel and written in
//! input order, so memory stays bounded by the batch.

use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use unspin::Restorer;

use super::input::{display, reads_stdin};
use super::json;
use super::output::{emit, finish};
use super::progress::{Progress, Run, Unit};
use super::{ERROR, OK};

/// Lines restored together.
const BATCH_LINES: usize = 1024;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Value,
    text: String,
}

/// Restores the records of `inputs` (`-`: standard input); `no_progress`
/// turns the progress bar off.
pub(crate) fn run(restorer: &Restorer, inputs: &[PathBuf], no_progress: bool) -> u8 {
    let progress = Progress::new(Run {
        total: None,
        unit: Unit::Records,
        prints_while_running: true,
        reads_stdin: reads_stdin(inputs),
        disabled: no_progress,
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = OK;
    for path in inputs {
        let label = display(path);
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            match std::fs::File::open(path) {
                Ok(f) => Box::new(BufReader::new(f)),
                Err(e) => {
                    progress.suspend(|| eprintln!("unspin: {label}: {e}"));
                    status = ERROR;
                    continue;
                }
            }
        };
        let mut lines = reader.lines().enumerate();
        loop {
            let mut batch = Vec::with_capacity(BATCH_LINES);
            for (n, line) in lines.by_ref().take(BATCH_LINES) {
                match line {
                    Ok(line) => batch.push((n + 1, line)),
                    Err(e) => {
                        progress.suspend(|| eprintln!("unspin: {label}:{}: {e}", n + 1));
                        status = ERROR;
                    }
                }
            }
            if batch.is_empty() {
                break;
            }
            let results: Vec<Result<Vec<u8>, String>> = batch
                .par_iter()
                .map(|(n, line)| {
                    let result =
                        restore_line(restorer, line).map_err(|e| format!("{label}:{n}: {e}"));
                    progress.inc();
                    result
                })
                .collect();
            for result in results {
                let line = match result {
                    Ok(line) => line,
                    Err(e) => {
                        progress.suspend(|| eprintln!("unspin: {e}"));
                        status = ERROR;
                        continue;
                    }
                };
                if let Some(code) = emit(&mut out, &line, status) {
                    return code;
                }
            }
        }
    }
    progress.finish();
    finish(&mut out, status)
}

/// One output line (with its newline) for one input line; blank lines give
/// nothing.
fn restore_line(restorer: &Restorer, line: &str) -> Result<Vec<u8>, String> {
    if line.trim().is_empty() {
        return Ok(Vec::new());
    }
    let record: Record =
        serde_json::from_str(line).map_err(|e| format!("not a {{\"text\": ...}} object: {e}"))?;
    let r = restorer.restore(&record.text);
    let mut out = serde_json::to_vec(&json::Record::new(&record.id, &record.text, &r))
        .expect("reports serialize");
    out.push(b'\n');
    Ok(out)
}
