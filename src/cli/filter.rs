//! `unspin [FILE]...`: restore and write to standard output.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use unspin::{Edit, Evidence, RestoredBytes, Restorer, Rule, Skipped};

use super::args::{FilterArgs, Format};
use super::output::{emit, finish, line_col, unified_diff, write_all, Written};
use super::progress::{Progress, Run, Unit};
use super::{jsonl, sarif};
use super::{ERROR, FAILED, OK};

/// The JSON report of one input.
#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    changed: bool,
    /// The restored text; `null` when the input is not valid UTF-8.
    text: Option<&'a str>,
    evidence: &'a Evidence,
    edits: &'a [Edit],
    /// Ambiguous occurrences the language model left alone.
    skipped: &'a [Skipped],
}

/// An input and its restoration.
type Done = (Vec<u8>, RestoredBytes);

/// What the filter does with each restored input.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Write it to standard output in a format.
    Print(Format),
    /// Rewrite changed files in place.
    Write,
    /// Print diffs of files that would change; exit 1 when any would.
    Check,
}

pub(crate) fn run(restorer: &Restorer, args: &FilterArgs) -> u8 {
    let inputs: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let mode = if args.write {
        Mode::Write
    } else if args.check {
        Mode::Check
    } else if args.diff {
        Mode::Print(Format::Diff)
    } else {
        Mode::Print(args.format)
    };
    if mode == Mode::Write && reads_stdin(&inputs) {
        eprintln!("unspin: --write needs files: standard input cannot be rewritten");
        return ERROR;
    }
    if args.jsonl {
        return jsonl::run(restorer, &inputs, args.progress.no_progress);
    }
    let progress = Progress::new(Run {
        total: Some(inputs.len() as u64),
        unit: Unit::Files,
        prints_while_running: !matches!(mode, Mode::Write | Mode::Print(Format::Sarif)),
        reads_stdin: reads_stdin(&inputs),
        disabled: args.progress.no_progress,
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = OK;
    let mut sarif = sarif::Log::default();
    // Files are read and restored in parallel, a batch at a time, and
    // reported in the order given.
    let batch_size = 2 * rayon::current_num_threads();
    for batch in inputs.chunks(batch_size) {
        let done: Vec<(&PathBuf, io::Result<Done>)> = batch
            .par_iter()
            .map(|path| {
                let result = read_input(path).map(|input| {
                    let restored = restorer.restore_bytes(&input);
                    (input, restored)
                });
                progress.inc();
                (path, result)
            })
            .collect();
        for (path, result) in done {
            let (input, restored) = match result {
                Ok(pair) => pair,
                Err(e) => {
                    progress.suspend(|| eprintln!("unspin: {}: {e}", display(path)));
                    status = ERROR;
                    continue;
                }
            };
            let label = display(path);
            if args.strict_utf8 {
                if let Err(e) = std::str::from_utf8(&input) {
                    progress.suspend(|| {
                        eprintln!(
                            "unspin: {label}: invalid UTF-8 at byte offset {}",
                            e.valid_up_to()
                        )
                    });
                    status = ERROR;
                    continue;
                }
            }
            if args.explain {
                progress.suspend(|| {
                    explain(
                        &label,
                        &input,
                        restored.edits(),
                        restored.skipped(),
                        restored.evidence(),
                    )
                });
            }
            let changed = restored.bytes() != input.as_slice();
            let result = match mode {
                Mode::Write => {
                    if changed {
                        if let Err(e) = rewrite(path, restored.bytes()) {
                            progress.suspend(|| eprintln!("unspin: {label}: {e}"));
                            status = ERROR;
                        }
                    }
                    Ok(Written::Ok)
                }
                Mode::Check => {
                    if changed && status == OK {
                        status = FAILED;
                    }
                    write_all(&mut out, diff(&label, &input, restored.bytes()).as_bytes())
                }
                Mode::Print(Format::Text) => write_all(&mut out, restored.bytes()),
                Mode::Print(Format::Json) => {
                    let report = Report {
                        path: &label,
                        changed,
                        text: std::str::from_utf8(restored.bytes()).ok(),
                        evidence: restored.evidence(),
                        edits: restored.edits(),
                        skipped: restored.skipped(),
                    };
                    let mut line = serde_json::to_vec(&report).expect("reports serialize");
                    line.push(b'\n');
                    write_all(&mut out, &line)
                }
                Mode::Print(Format::Diff) => {
                    write_all(&mut out, diff(&label, &input, restored.bytes()).as_bytes())
                }
                Mode::Print(Format::Sarif) => {
                    sarif.add(&label, &input, restored.edits());
                    Ok(Written::Ok)
                }
            };
            match result {
                Ok(Written::Ok) => {}
                Ok(Written::PipeClosed) => return status,
                Err(e) => {
                    progress.finish();
                    eprintln!("unspin: writing output: {e}");
                    return ERROR;
                }
            }
        }
    }
    progress.finish();
    if mode == Mode::Print(Format::Sarif) {
        let mut log = serde_json::to_vec_pretty(&sarif.finish()).expect("SARIF serializes");
        log.push(b'\n');
        if let Some(code) = emit(&mut out, &log, status) {
            return code;
        }
    }
    finish(&mut out, status)
}

fn diff(label: &str, input: &[u8], restored: &[u8]) -> String {
    unified_diff(
        &String::from_utf8_lossy(input),
        &String::from_utf8_lossy(restored),
        &format!("a/{label}"),
        &format!("b/{label}"),
    )
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file in
/// the same directory, with the original's permissions, renamed over it. A
/// failure leaves the original as it was.
fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Whether standard input is among `inputs`.
pub(crate) fn reads_stdin(inputs: &[PathBuf]) -> bool {
    inputs.iter().any(|p| p == Path::new("-"))
}

pub(crate) fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

pub(crate) fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

/// One line per edit on standard error: where, what, which rule, why; then
/// one line per ambiguous occurrence left alone.
fn explain(label: &str, input: &[u8], edits: &[Edit], skipped: &[Skipped], evidence: &Evidence) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let _ = writeln!(
        err,
        "{label}: {} words, {} fingerprints, {} spintax leftovers, {:.1} signals per 1,000 words: {}",
        evidence.words(),
        evidence.fingerprints(),
        evidence.spintax(),
        evidence.per_thousand(),
        if evidence.is_spun() { "spun" } else { "not shown to be spun" }
    );
    for e in edits {
        let (line, col) = line_col(input, e.span().start);
        let _ = writeln!(
            err,
            "{label}:{line}:{col}: {:?} -> {:?} [{}, confidence {:.2}] {}",
            e.original(),
            e.replacement(),
            describe(e.rule()),
            e.confidence(),
            e.reason()
        );
    }
    for s in skipped {
        let (line, col) = line_col(input, s.span().start);
        let _ = writeln!(
            err,
            "{label}:{line}:{col}: {:?} left alone (not {:?}) [{}] {}",
            s.original(),
            s.replacement(),
            describe(s.rule()),
            s.reason()
        );
    }
}

fn describe(rule: &Rule) -> String {
    match rule {
        Rule::Lexicon {
            dictionary,
            line,
            class,
            ..
        } => format!("{dictionary}:{line} {class}"),
        Rule::Spintax => "spintax".to_string(),
        Rule::Article => "article".to_string(),
        Rule::Name { line, .. } => format!("name-words:{line} name"),
        Rule::NearMiss {
            dictionary,
            line,
            difference,
            ..
        } => format!("{dictionary}:{line} near miss, {difference}"),
        other => format!("{other:?}"),
    }
}
