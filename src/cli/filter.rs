//! `unspin [FILE]...`: restore and write to standard output.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use unspin::{Edit, Evidence, Restorer, Rule, Skipped};

use super::args::{FilterArgs, Format};
use super::output::{flush, line_col, unified_diff, write_all, Written};
use super::{ERROR, OK};

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

pub(crate) fn run(restorer: &Restorer, args: &FilterArgs) -> u8 {
    let inputs: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = OK;
    for path in &inputs {
        let input = match read_input(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("unspin: {}: {e}", display(path));
                status = ERROR;
                continue;
            }
        };
        let label = display(path);
        let restored = restorer.restore_bytes(&input);
        if args.explain {
            explain(
                &label,
                &input,
                restored.edits(),
                restored.skipped(),
                restored.evidence(),
            );
        }
        let result = match args.format {
            Format::Text => write_all(&mut out, restored.bytes()),
            Format::Json => {
                let report = Report {
                    path: &label,
                    changed: !restored.edits().is_empty(),
                    text: std::str::from_utf8(restored.bytes()).ok(),
                    evidence: restored.evidence(),
                    edits: restored.edits(),
                    skipped: restored.skipped(),
                };
                let mut line = serde_json::to_vec(&report).expect("reports serialize");
                line.push(b'\n');
                write_all(&mut out, &line)
            }
            Format::Diff => {
                let diff = unified_diff(
                    &String::from_utf8_lossy(&input),
                    &String::from_utf8_lossy(restored.bytes()),
                    &format!("a/{label}"),
                    &format!("b/{label}"),
                );
                write_all(&mut out, diff.as_bytes())
            }
        };
        match result {
            Ok(Written::Ok) => {}
            Ok(Written::PipeClosed) => return status,
            Err(e) => {
                eprintln!("unspin: writing output: {e}");
                return ERROR;
            }
        }
    }
    match flush(&mut out) {
        Ok(_) => status,
        Err(e) => {
            eprintln!("unspin: writing output: {e}");
            ERROR
        }
    }
}

fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn read_input(path: &Path) -> io::Result<Vec<u8>> {
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
        other => format!("{other:?}"),
    }
}
