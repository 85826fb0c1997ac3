//! `unspin [FILE]...`: restore and write to standard output.
//!
//! The text output, `--write` and `--check` hold about a chunk of each
//! input in memory (see `stream`); JSON, SARIF and diffs restore each input
//! whole.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unspin::{RestoredBytes, Restorer, RestorerBuilder};

use super::action::{Action, Failure, Pieces};
use super::args::{FilterArgs, Format};
use super::explain::{explain_edits, explain_evidence, Locator};
use super::input::{display, open, read_input, reads_stdin, Opened, Source};
use super::output::{emit, finish, Written};
use super::progress::{Progress, Run, Unit};
use super::stream::{self, Outcome};
use super::{binary, jsonl, sarif, walk};
use super::{ERROR, FAILED, OK};

/// An input, read: whole with its restoration, or to be streamed.
enum Done {
    Whole(Vec<u8>, RestoredBytes),
    Stream(Source),
    /// Binary (a NUL byte at this offset): passed through, not restored.
    Binary(Source, usize),
}

/// `--count`: edits and inputs so far.
#[derive(Default)]
struct Tally {
    edits: usize,
    changed: usize,
    inputs: usize,
}

/// The most chunks of one streamed input restored at once: enough to keep
/// a few cores busy, few enough to keep memory well under 100 MB.
const STREAM_THREADS: usize = 4;

/// Restores the inputs `args` names with the restorer `builder` builds.
pub(crate) fn run(builder: &RestorerBuilder, args: &FilterArgs) -> u8 {
    let builder = &builder.clone().apply_suggestions(args.apply_suggestions);
    let restorer = &builder.clone().build();
    // Files are restored in parallel, each on one thread; an input longer
    // than a chunk is streamed on its own, several chunks at once (each
    // chunk in flight holds about 10 MB). Built at the first such input.
    let streaming = std::sync::OnceLock::new();
    let streaming = || {
        streaming.get_or_init(|| {
            builder
                .clone()
                .threads(rayon::current_num_threads().min(STREAM_THREADS))
                .build()
        })
    };
    let mut status = OK;
    let inputs: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        let (found, errors) = walk::inputs(&args.files, &args.exclude);
        for e in &errors {
            eprintln!("unspin: {e}");
        }
        if !errors.is_empty() {
            status = ERROR;
            if found.is_empty() {
                return status;
            }
        }
        found
    };
    let action = Action::of(args);
    if args.word_diff && action.format() != Some(Format::Diff) {
        eprintln!("unspin: --word-diff marks the repairs in diffs: use it with --diff or --check");
        return ERROR;
    }
    if action == Action::Write && reads_stdin(&inputs) {
        eprintln!("unspin: --write needs files: standard input cannot be rewritten");
        return ERROR;
    }
    if args.jsonl {
        return jsonl::run(restorer, &inputs, args.progress.no_progress);
    }
    let streams = action.is_chunked(args.word_diff);
    let label = |path: &Path| match &args.stdin_filename {
        Some(name) if path == Path::new("-") => name.clone(),
        _ => display(path),
    };
    let mut tally = Tally::default();
    let progress = Progress::new(Run {
        total: Some(inputs.len() as u64),
        unit: Unit::Files,
        prints_while_running: action.prints_while_running(),
        reads_stdin: reads_stdin(&inputs),
        disabled: args.progress.no_progress,
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut sarif = sarif::Log::default();
    // Files are read and restored in parallel, a batch at a time, and
    // reported in the order given. Inputs longer than a chunk are streamed
    // when their turn comes.
    let batch_size = 2 * rayon::current_num_threads();
    for batch in inputs.chunks(batch_size) {
        let done: Vec<(&PathBuf, io::Result<Done>)> = batch
            .par_iter()
            .map(|path| {
                let opened = if streams {
                    open(path)
                } else {
                    read_input(path).map(Opened::Whole)
                };
                let result = opened.and_then(|opened| {
                    let skip = |nul: Option<usize>| nul.filter(|_| !args.binary);
                    Ok(match opened {
                        Opened::Whole(input) => match skip(binary::nul_at(&input)) {
                            Some(at) => Done::Binary(Source::Memory(io::Cursor::new(input)), at),
                            None => {
                                let restored = restorer.restore_bytes(&input);
                                Done::Whole(input, restored)
                            }
                        },
                        Opened::Stream(mut source) => match skip(binary::peek(&mut source)?) {
                            Some(at) => Done::Binary(source, at),
                            None => Done::Stream(source),
                        },
                    })
                });
                progress.inc();
                (path, result)
            })
            .collect();
        for (path, result) in done {
            let label = label(path);
            let (input, restored) = match result {
                Ok(Done::Whole(input, restored)) => (input, restored),
                Ok(Done::Stream(source)) => {
                    // A long input: the bar stays out of its messages.
                    if let Some(code) = progress.suspend(|| {
                        let input = (path.as_path(), label.as_str());
                        match stream_one(
                            streaming(),
                            source,
                            input,
                            action,
                            args,
                            &mut out,
                            &mut status,
                        ) {
                            Ok(edits) => tally.add(edits, &label, action, &mut out, status),
                            Err(code) => Some(code),
                        }
                    }) {
                        return code;
                    }
                    continue;
                }
                Ok(Done::Binary(mut source, at)) => {
                    progress.suspend(|| {
                        eprintln!(
                            "{}",
                            binary::note(&label, at, "left unchanged", "restores it")
                        )
                    });
                    if action == Action::Print(Format::Text) {
                        match io::copy(&mut source, &mut out) {
                            Ok(_) => {}
                            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return status,
                            Err(e) => {
                                progress.finish();
                                eprintln!("unspin: writing output: {e}");
                                return ERROR;
                            }
                        }
                    }
                    continue;
                }
                Err(e) => {
                    progress.suspend(|| eprintln!("unspin: {label}: {e}"));
                    status = ERROR;
                    continue;
                }
            };
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
                    explain_evidence(&label, restored.evidence());
                    explain_edits(
                        &label,
                        &input,
                        (restored.edits(), restored.skipped(), restored.suggestions()),
                        Locator::default(),
                        0,
                    );
                });
            }
            let changed = restored.bytes() != input.as_slice();
            if changed && action.checks() && status == OK {
                status = FAILED;
            }
            let result = match action {
                Action::Files | Action::Count | Action::Quiet => {
                    match tally.add(restored.edits().len(), &label, action, &mut out, status) {
                        Some(code) => return code,
                        None => Ok(Written::Ok),
                    }
                }
                _ => action.whole(
                    (path, &label),
                    (&input, &restored),
                    args.word_diff,
                    &mut out,
                    &mut sarif,
                ),
            };
            match result {
                Ok(Written::Ok) => {}
                Ok(Written::PipeClosed) => return status,
                Err(Failure::Input(e)) => {
                    progress.suspend(|| eprintln!("unspin: {label}: {e}"));
                    status = ERROR;
                }
                Err(Failure::Output(e)) => {
                    progress.finish();
                    eprintln!("unspin: writing output: {e}");
                    return ERROR;
                }
            }
        }
    }
    progress.finish();
    if action == Action::Count {
        let total = format!(
            "{} edits in {} of {} inputs\n",
            tally.edits, tally.changed, tally.inputs
        );
        if let Some(code) = emit(&mut out, total.as_bytes(), status) {
            return code;
        }
    }
    if action.format() == Some(Format::Sarif) {
        let mut log = serde_json::to_vec_pretty(&sarif.finish()).expect("SARIF serializes");
        log.push(b'\n');
        if let Some(code) = emit(&mut out, &log, status) {
            return code;
        }
    }
    finish(&mut out, status)
}

impl Tally {
    /// Counts an input with `edits` edits and prints what `action` prints
    /// for it (`-l`: its path when it changes; `--count`: `PATH:N`).
    /// `Some(code)`: stop and exit with it.
    fn add(
        &mut self,
        edits: usize,
        label: &str,
        action: Action,
        out: &mut impl Write,
        status: u8,
    ) -> Option<u8> {
        self.inputs += 1;
        self.edits += edits;
        if edits == 0 {
            return None;
        }
        self.changed += 1;
        let line = match action {
            Action::Files => format!("{label}\n"),
            Action::Count => format!("{label}:{edits}\n"),
            _ => return None,
        };
        emit(out, line.as_bytes(), status)
    }
}

/// Restores an input longer than a chunk, a chunk at a time, and updates
/// `status`. `Ok(n)`: it had `n` edits. `Err(code)`: stop and exit with
/// `code`.
fn stream_one(
    restorer: &Restorer,
    source: Source,
    (path, label): (&Path, &str),
    action: Action,
    args: &FilterArgs,
    out: &mut impl Write,
    status: &mut u8,
) -> Result<usize, u8> {
    let outcome = stream::restore(
        restorer,
        source,
        Pieces::new(action, path, label),
        label,
        args.strict_utf8,
        args.explain,
        out,
    );
    match outcome {
        Ok(Outcome::Done { changed, edits }) => {
            if changed && action.checks() && *status == OK {
                *status = FAILED;
            }
            Ok(edits)
        }
        Ok(Outcome::PipeClosed) => Err(*status),
        Err(Failure::Input(e)) => {
            eprintln!("unspin: {label}: {e}");
            *status = ERROR;
            Ok(0)
        }
        Err(Failure::Output(e)) => {
            eprintln!("unspin: writing output: {e}");
            Err(ERROR)
        }
    }
}
