//! `unspin detect [FILE]...`: a spin score and verdict per input.

use std::io;
use std::path::PathBuf;

use serde::Serialize;
use unspin::{Paragraph, Restorer, SpinScore};

use super::args::{DetectArgs, ReportFormat};
use super::filter::{display, read_input, reads_stdin};
use super::output::{emit, finish, line_col};
use super::progress::{Progress, Run, Unit};
use super::{ERROR, FAILED, OK};

/// The JSON report of one input.
#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    verdict: &'static str,
    threshold: f64,
    #[serde(flatten)]
    score: &'a SpinScore,
    paragraphs: Vec<ParagraphReport<'a>>,
}

#[derive(Serialize)]
struct ParagraphReport<'a> {
    /// 1-based line where the paragraph starts.
    line: usize,
    #[serde(flatten)]
    paragraph: &'a Paragraph,
}

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
    for path in &inputs {
        let label = display(path);
        let input = match read_input(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                progress.inc();
                progress.suspend(|| eprintln!("unspin: {label}: {e}"));
                error = true;
                continue;
            }
        };
        let text = String::from_utf8_lossy(&input);
        let detection = restorer.detect(&text);
        progress.inc();
        any_spun |= detection.is_spun();
        let verdict = if detection.is_spun() { "spun" } else { "clean" };
        let line = match args.format {
            ReportFormat::Text => {
                format!("{label}: {:.2} {verdict}\n", detection.score().score())
            }
            ReportFormat::Json => {
                let report = Report {
                    path: &label,
                    verdict,
                    threshold: detection.threshold(),
                    score: detection.score(),
                    paragraphs: detection
                        .paragraphs()
                        .iter()
                        .map(|p| ParagraphReport {
                            line: line_col(text.as_bytes(), p.span().start).0,
                            paragraph: p,
                        })
                        .collect(),
                };
                let mut s = serde_json::to_string(&report).expect("reports serialize");
                s.push('\n');
                s
            }
        };
        if let Some(code) = emit(&mut out, line.as_bytes(), status(any_spun, error)) {
            return code;
        }
    }
    progress.finish();
    finish(&mut out, status(any_spun, error))
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
