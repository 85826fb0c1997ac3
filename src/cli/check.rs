//! `unspin check DIR...`: fixture regression check.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unspin::Restorer;

use super::args::CheckArgs;
use super::fixtures::{self, Kind};
use super::output::unified_diff;
use super::progress::{Progress, Run, Unit};
use super::{ERROR, FAILED, OK};

/// A fixture: an input and the text it must restore to.
struct Case {
    input: PathBuf,
    /// `None` for a clean fixture, which must come out unchanged.
    expected: Option<PathBuf>,
}

pub(crate) fn run(restorer: &Restorer, args: &CheckArgs) -> u8 {
    let mut cases = Vec::new();
    for dir in &args.dirs {
        if let Err(e) = collect(dir, args.bless, &mut cases) {
            eprintln!("unspin: {}: {e}", dir.display());
            return ERROR;
        }
    }
    if cases.is_empty() {
        eprintln!(
            "unspin: no fixtures (NAME.spun.txt with NAME.expected.txt, or NAME.clean.txt) found"
        );
        return ERROR;
    }
    let progress = Progress::new(Run {
        total: Some(cases.len() as u64),
        unit: Unit::Fixtures,
        prints_while_running: true,
        reads_stdin: false,
        disabled: args.progress.no_progress,
    });
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut passed, mut failed, mut blessed) = (0usize, 0usize, 0usize);
    // Fixtures are checked in parallel, a batch at a time, and reported in
    // order.
    let batch_size = 2 * rayon::current_num_threads();
    for batch in cases.chunks(batch_size) {
        let verdicts: Vec<_> = batch
            .par_iter()
            .map(|case| {
                let verdict = verify(restorer, case, args.bless);
                progress.inc();
                verdict
            })
            .collect();
        for verdict in verdicts {
            match verdict {
                Ok(Verdict::Pass) => passed += 1,
                Ok(Verdict::Fail(failure)) => {
                    failed += 1;
                    let _ = out.write_all(failure.as_bytes());
                }
                Ok(Verdict::Blessed(path)) => {
                    blessed += 1;
                    let _ = writeln!(out, "blessed {}", path.display());
                }
                Err((path, e)) => {
                    progress.finish();
                    eprintln!("unspin: {}: {e}", path.display());
                    return ERROR;
                }
            }
        }
    }
    progress.finish();
    if args.bless {
        let _ = writeln!(out, "{passed} passed, {failed} failed, {blessed} blessed");
    } else {
        let _ = writeln!(out, "{passed} passed, {failed} failed");
    }
    let _ = out.flush();
    if failed == 0 {
        OK
    } else {
        FAILED
    }
}

/// How a fixture fared.
enum Verdict {
    Pass,
    /// The report of its failure: a `FAIL` line and a diff.
    Fail(String),
    /// With `--bless`: its expected file was written (or rewritten).
    Blessed(PathBuf),
}

/// Restores a fixture and compares it with what is expected; with `bless`,
/// writes the restore of a spun fixture to its expected file instead of
/// failing (a clean fixture still fails: it must come out unchanged).
fn verify(restorer: &Restorer, case: &Case, bless: bool) -> Result<Verdict, (PathBuf, io::Error)> {
    let read = |path: &Path| std::fs::read(path).map_err(|e| (path.to_path_buf(), e));
    let input = read(&case.input)?;
    let expected = match &case.expected {
        Some(p) if bless && !p.exists() => None,
        Some(p) => Some(read(p)?),
        None => Some(input.clone()),
    };
    let restored = restorer.restore_bytes(&input);
    if expected.as_deref() == Some(restored.bytes()) {
        return Ok(Verdict::Pass);
    }
    if let (true, Some(path)) = (bless, &case.expected) {
        std::fs::write(path, restored.bytes()).map_err(|e| (path.clone(), e))?;
        return Ok(Verdict::Blessed(path.clone()));
    }
    let expected = expected.unwrap_or_default();
    let expected_label = case
        .expected
        .as_deref()
        .unwrap_or(&case.input)
        .display()
        .to_string();
    let diff = unified_diff(
        &String::from_utf8_lossy(&expected),
        &String::from_utf8_lossy(restored.bytes()),
        &format!("expected {expected_label}"),
        &format!("restored {}", case.input.display()),
    );
    let mut report = format!("FAIL {}\n{diff}", case.input.display());
    if diff.is_empty() {
        // Same text after lossy decoding: differing bytes outside UTF-8.
        report.push_str("(outputs differ in bytes that are not UTF-8)\n");
    }
    Ok(Verdict::Fail(report))
}

/// Collects fixtures under `dir`, recursively, in path order. With
/// `bless`, a spun fixture without an expected file is collected too.
fn collect(dir: &Path, bless: bool, cases: &mut Vec<Case>) -> io::Result<()> {
    fixtures::walk_dir(dir, &mut |path| match fixtures::kind(path) {
        Kind::Spun(stem) => {
            let expected = fixtures::expected(path, stem);
            if bless || expected.is_file() {
                cases.push(Case {
                    input: path.to_path_buf(),
                    expected: Some(expected),
                });
            } else {
                eprintln!(
                    "unspin: warning: {} has no {}.expected.txt beside it; skipped",
                    path.display(),
                    stem
                );
            }
        }
        Kind::Clean => cases.push(Case {
            input: path.to_path_buf(),
            expected: None,
        }),
        Kind::Original | Kind::Other => {}
    })
}
