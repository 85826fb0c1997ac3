//! `unspin [FILE]...`: restore and write to standard output.
//!
//! The text output, `--write` and `--check` hold about a chunk of each
//! input in memory (see `stream`); JSON, SARIF and diffs restore each input
//! whole.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use unspin::{Edit, Evidence, RestoredBytes, Restorer, RestorerBuilder, Rule, Skipped, Suggestion};

use super::args::{FilterArgs, Format};
use super::located::{locate, Located};
use super::output::{emit, finish, unified_diff, write_all, Written};
use super::progress::{Progress, Run, Unit};
use super::stream::{self, Failure, Opened, Outcome, Source, Target};
use super::{binary, jsonl, sarif, walk, word_diff};
use super::{ERROR, FAILED, OK};

/// The JSON report of one input.
#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    changed: bool,
    /// The restored text; `null` when the input is not valid UTF-8.
    text: Option<&'a str>,
    evidence: &'a Evidence,
    edits: Vec<Located<'a, Edit>>,
    /// Ambiguous occurrences the language model left alone.
    skipped: Vec<Located<'a, Skipped>>,
    /// Words the spinner is known to write that no entry covers, with
    /// candidate originals (not applied).
    suggestions: Vec<Located<'a, Suggestion>>,
}

/// An input, read: whole with its restoration, or to be streamed.
enum Done {
    Whole(Vec<u8>, RestoredBytes),
    Stream(Source),
    /// Binary (a NUL byte at this offset): passed through, not restored.
    Binary(Source, usize),
}

/// What the filter does with each restored input.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Write it to standard output in a format.
    Print(Format),
    /// Rewrite changed files in place.
    Write,
    /// Report in a format (diffs by default) on files that would change;
    /// exit 1 when any would.
    Check(Format),
    /// `-l`: print the paths of files that would change; exit 1 when any
    /// would.
    Files,
    /// `--count`: print the edits of each file and the total; exit 1 when
    /// any would change.
    Count,
    /// `-q`: print nothing; exit 1 when any file would change.
    Quiet,
}

impl Mode {
    /// The mode the options ask for.
    fn of(args: &FilterArgs) -> Mode {
        if args.write {
            Mode::Write
        } else if args.quiet {
            Mode::Quiet
        } else if args.files_with_changes {
            Mode::Files
        } else if args.count {
            Mode::Count
        } else if args.check {
            Mode::Check(match args.format {
                Format::Text => Format::Diff,
                other => other,
            })
        } else if args.diff || (args.word_diff && args.format == Format::Text) {
            Mode::Print(Format::Diff)
        } else {
            Mode::Print(args.format)
        }
    }

    /// Whether the exit status says if any input would change.
    fn checks(self) -> bool {
        matches!(
            self,
            Mode::Check(_) | Mode::Files | Mode::Count | Mode::Quiet
        )
    }

    /// The format of what is printed for each input, if it is one.
    fn format(self) -> Option<Format> {
        match self {
            Mode::Print(f) | Mode::Check(f) => Some(f),
            _ => None,
        }
    }
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
    let mode = Mode::of(args);
    if args.word_diff && mode.format() != Some(Format::Diff) {
        eprintln!("unspin: --word-diff marks the repairs in diffs: use it with --diff or --check");
        return ERROR;
    }
    if mode == Mode::Write && reads_stdin(&inputs) {
        eprintln!("unspin: --write needs files: standard input cannot be rewritten");
        return ERROR;
    }
    if args.jsonl {
        return jsonl::run(restorer, &inputs, args.progress.no_progress);
    }
    // Text, rewrites and checks go a chunk at a time; the reports need
    // each input whole.
    let streams = match mode {
        Mode::Print(Format::Text) | Mode::Write | Mode::Files | Mode::Count | Mode::Quiet => true,
        Mode::Check(Format::Diff) => !args.word_diff,
        Mode::Print(_) | Mode::Check(_) => false,
    };
    let label = |path: &Path| match &args.stdin_filename {
        Some(name) if path == Path::new("-") => name.clone(),
        _ => display(path),
    };
    let mut tally = Tally::default();
    let progress = Progress::new(Run {
        total: Some(inputs.len() as u64),
        unit: Unit::Files,
        prints_while_running: !matches!(
            mode,
            Mode::Write | Mode::Quiet | Mode::Print(Format::Sarif) | Mode::Check(Format::Sarif)
        ),
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
                    stream::open(path)
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
                            mode,
                            args,
                            &mut out,
                            &mut status,
                        ) {
                            Ok(edits) => tally.add(edits, &label, mode, &mut out, status),
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
                    if mode == Mode::Print(Format::Text) {
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
            if changed && mode.checks() && status == OK {
                status = FAILED;
            }
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
                Mode::Files | Mode::Count | Mode::Quiet => {
                    match tally.add(restored.edits().len(), &label, mode, &mut out, status) {
                        Some(code) => return code,
                        None => Ok(Written::Ok),
                    }
                }
                Mode::Print(Format::Text) => write_all(&mut out, restored.bytes()),
                Mode::Print(Format::Json) | Mode::Check(Format::Json) => {
                    let report = Report {
                        path: &label,
                        changed,
                        text: std::str::from_utf8(restored.bytes()).ok(),
                        evidence: restored.evidence(),
                        edits: locate(&input, restored.edits(), |e: &Edit| e.span()),
                        skipped: locate(&input, restored.skipped(), |s: &Skipped| s.span()),
                        suggestions: locate(&input, restored.suggestions(), Suggestion::span),
                    };
                    let mut line = serde_json::to_vec(&report).expect("reports serialize");
                    line.push(b'\n');
                    write_all(&mut out, &line)
                }
                Mode::Print(Format::Diff) | Mode::Check(Format::Diff | Format::Text) => {
                    let diff = if args.word_diff {
                        word_diff::render(&label, &input, restored.edits())
                    } else {
                        diff(&label, &input, restored.bytes())
                    };
                    write_all(&mut out, diff.as_bytes())
                }
                Mode::Print(Format::Brief) | Mode::Check(Format::Brief) => {
                    write_all(&mut out, brief(&label, &input, restored.edits()).as_bytes())
                }
                Mode::Print(Format::Sarif) | Mode::Check(Format::Sarif) => {
                    sarif.add(&label, &input, restored.edits());
                    sarif.add_suggestions(&label, &input, restored.suggestions());
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
    if mode == Mode::Count {
        let total = format!(
            "{} edits in {} of {} inputs\n",
            tally.edits, tally.changed, tally.inputs
        );
        if let Some(code) = emit(&mut out, total.as_bytes(), status) {
            return code;
        }
    }
    if mode.format() == Some(Format::Sarif) {
        let mut log = serde_json::to_vec_pretty(&sarif.finish()).expect("SARIF serializes");
        log.push(b'\n');
        if let Some(code) = emit(&mut out, &log, status) {
            return code;
        }
    }
    finish(&mut out, status)
}

impl Tally {
    /// Counts an input with `edits` edits and prints what `mode` prints
    /// for it (`-l`: its path when it changes; `--count`: `PATH:N`).
    /// `Some(code)`: stop and exit with it.
    fn add(
        &mut self,
        edits: usize,
        label: &str,
        mode: Mode,
        out: &mut impl Write,
        status: u8,
    ) -> Option<u8> {
        self.inputs += 1;
        self.edits += edits;
        if edits == 0 {
            return None;
        }
        self.changed += 1;
        let line = match mode {
            Mode::Files => format!("{label}\n"),
            Mode::Count => format!("{label}:{edits}\n"),
            _ => return None,
        };
        emit(out, line.as_bytes(), status)
    }
}

/// `--format brief`: a line per edit, `path:line:column: "original" ->
/// "replacement"`.
fn brief(label: &str, input: &[u8], edits: &[Edit]) -> String {
    let mut at = Locator::default();
    let mut lines = String::new();
    for e in edits {
        let (line, col) = at.advance(input, e.span().start);
        lines.push_str(&format!(
            "{label}:{line}:{col}: {:?} -> {:?}\n",
            e.original(),
            e.replacement()
        ));
    }
    lines
}

/// Restores an input longer than a chunk, a chunk at a time, and updates
/// `status`. `Ok(n)`: it had `n` edits. `Err(code)`: stop and exit with
/// `code`.
fn stream_one(
    restorer: &Restorer,
    source: Source,
    (path, label): (&Path, &str),
    mode: Mode,
    args: &FilterArgs,
    out: &mut impl Write,
    status: &mut u8,
) -> Result<usize, u8> {
    let target = match mode {
        Mode::Write => Target::Rewrite(path),
        Mode::Check(_) => Target::Diff,
        Mode::Files | Mode::Count | Mode::Quiet => Target::Discard,
        Mode::Print(_) => Target::Print,
    };
    let outcome = stream::restore(
        restorer,
        source,
        label,
        target,
        args.strict_utf8,
        args.explain,
        out,
    );
    match outcome {
        Ok(Outcome::Done { changed, edits }) => {
            if changed && mode.checks() && *status == OK {
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

fn diff(label: &str, input: &[u8], restored: &[u8]) -> String {
    unified_diff(
        &String::from_utf8_lossy(input),
        &String::from_utf8_lossy(restored),
        &format!("a/{label}"),
        &format!("b/{label}"),
    )
}

/// Replaces the file at `path` with `bytes` (see `rewrite` for how). A
/// failure leaves the original as it was.
fn rewrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = super::rewrite::temp_beside(path)?;
    tmp.write_all(bytes)?;
    super::rewrite::persist(tmp, path)
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

/// The evidence line of `--explain`, on standard error.
pub(crate) fn explain_evidence(label: &str, evidence: &Evidence) {
    let _ = writeln!(
        io::stderr().lock(),
        "{label}: {} words, {} fingerprints, {} spintax leftovers, {:.1} signals per 1,000 words: {}",
        evidence.words(),
        evidence.fingerprints(),
        evidence.spintax(),
        evidence.per_thousand(),
        if evidence.is_spun() { "spun" } else { "not shown to be spun" }
    );
}

/// One line per edit on standard error: where, what, which rule, why; then
/// one line per ambiguous occurrence left alone, then one per suggestion.
/// `input` starts at offset `start` of the whole input, where `at` is.
pub(crate) fn explain_edits(
    label: &str,
    input: &[u8],
    (edits, skipped, suggestions): (&[Edit], &[Skipped], &[Suggestion]),
    at: Locator,
    start: usize,
) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut position = at.clone();
    for e in edits {
        let (line, col) = position.advance(input, e.span().start.saturating_sub(start));
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
    let mut position = at.clone();
    for s in skipped {
        let (line, col) = position.advance(input, s.span().start.saturating_sub(start));
        let _ = writeln!(
            err,
            "{label}:{line}:{col}: {:?} left alone (not {:?}) [{}] {}",
            s.original(),
            s.replacement(),
            describe(s.rule()),
            s.reason()
        );
    }
    let mut position = at;
    for s in suggestions {
        let (line, col) = position.advance(input, s.span().start.saturating_sub(start));
        let _ = writeln!(
            err,
            "{label}:{line}:{col}: {:?} might be {} [suggestion, scores {}] {}",
            s.original(),
            alternatives(s),
            s.candidates()
                .iter()
                .map(|c| format!("{:.2}", c.score()))
                .collect::<Vec<_>>()
                .join(", "),
            s.reason()
        );
    }
}

/// The candidates of a suggestion in words: `"a"`, `"a" or "b"`, `"a", "b"
/// or "c"`.
pub(crate) fn alternatives(s: &Suggestion) -> String {
    let quoted: Vec<String> = s
        .candidates()
        .iter()
        .map(|c| format!("{:?}", c.replacement()))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Lines and columns of increasing offsets, found by reading forward: for
/// offsets in order, linear in the input, where a search from its start
/// for each would be quadratic.
#[derive(Clone, Debug, Default)]
pub(crate) struct Locator {
    /// Where it is in the current piece of input.
    pos: usize,
    /// Newlines before it.
    lines: usize,
    /// Characters between the last newline and it.
    chars: usize,
}

impl Locator {
    /// Moves forward to byte `to` of `input` (the piece it is in) and
    /// gives its 1-based line and column (in characters, as
    /// `output::line_col` counts them).
    pub(crate) fn advance(&mut self, input: &[u8], to: usize) -> (usize, usize) {
        let to = to.clamp(self.pos, input.len().max(self.pos));
        let seg = &input[self.pos.min(input.len())..to.min(input.len())];
        match seg.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.lines += seg.iter().filter(|&&b| b == b'\n').count();
                self.chars = String::from_utf8_lossy(&seg[last + 1..]).chars().count();
            }
            None => self.chars += String::from_utf8_lossy(seg).chars().count(),
        }
        self.pos = to;
        (self.lines + 1, self.chars + 1)
    }

    /// Goes on at the start of the next piece of input.
    pub(crate) fn restart(&mut self) {
        self.pos = 0;
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
        Rule::Suggestion => "suggestion".to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output::line_col;

    #[test]
    fn alternatives_list_the_candidates_in_words() {
        let r = unspin::Restorer::new()
            .restore("The Protection Secretary met the U.Okay. team. They may leave soon.");
        let s = r
            .suggestions()
            .iter()
            .find(|s| s.original() == "may")
            .unwrap();
        let quoted: Vec<String> = s
            .candidates()
            .iter()
            .map(|c| format!("{:?}", c.replacement()))
            .collect();
        assert_eq!(quoted.len(), 3);
        assert_eq!(
            alternatives(s),
            format!("{}, {} or {}", quoted[0], quoted[1], quoted[2])
        );
    }

    #[test]
    fn locator_agrees_with_line_col() {
        let text = [
            &b"ab\nc"[..],
            "é".as_bytes(),
            b"\r\n\n\xe9 x\nyz\xff\xfe q\nlast",
        ]
        .concat();
        let offsets = [0, 1, 3, 4, 6, 9, 10, 13, 15, 16, 18, text.len()];
        let mut at = Locator::default();
        for &o in &offsets {
            assert_eq!(at.advance(&text, o), line_col(&text, o), "offset {o}");
        }
        // In pieces.
        let (a, b) = text.split_at(10);
        let mut at = Locator::default();
        assert_eq!(at.advance(a, 6), line_col(&text, 6));
        at.advance(a, a.len());
        at.restart();
        for &o in &offsets[6..] {
            assert_eq!(at.advance(b, o - 10), line_col(&text, o), "offset {o}");
        }
    }
}
