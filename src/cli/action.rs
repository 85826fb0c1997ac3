//! What the filter does with each restored input: one [`Action`] per run,
//! carried out on an input restored whole ([`Action::whole`]) or on a long
//! input a chunk at a time ([`Pieces`], which also serves the whole input
//! as its one piece), so each output is written once.

use std::io::{self, Read, Write};
use std::path::Path;

use unspin::RestoredBytes;

use super::args::{FilterArgs, Format};
use super::output::{hunks, write_all, Written};
use super::{json, sarif, word_diff};

/// What the filter does with each restored input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
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

/// Why an action on one input stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The input (or the file being rewritten): report and go on.
    Input(String),
    /// The output: stop.
    Output(io::Error),
}

impl Action {
    /// The action the options ask for.
    pub(crate) fn of(args: &FilterArgs) -> Action {
        if args.write {
            Action::Write
        } else if args.quiet {
            Action::Quiet
        } else if args.files_with_changes {
            Action::Files
        } else if args.count {
            Action::Count
        } else if args.check {
            Action::Check(match args.format {
                Format::Text => Format::Diff,
                other => other,
            })
        } else if args.diff || (args.word_diff && args.format == Format::Text) {
            Action::Print(Format::Diff)
        } else {
            Action::Print(args.format)
        }
    }

    /// Whether the exit status says if any input would change.
    pub(crate) fn checks(self) -> bool {
        matches!(
            self,
            Action::Check(_) | Action::Files | Action::Count | Action::Quiet
        )
    }

    /// The format of what is printed for each input, if it is one.
    pub(crate) fn format(self) -> Option<Format> {
        match self {
            Action::Print(f) | Action::Check(f) => Some(f),
            _ => None,
        }
    }

    /// Whether the action can be carried out a chunk at a time (the text,
    /// rewrites, line diffs and counts); the reports need each input whole.
    pub(crate) fn is_chunked(self, word_diff: bool) -> bool {
        match self {
            Action::Print(Format::Text)
            | Action::Write
            | Action::Files
            | Action::Count
            | Action::Quiet => true,
            Action::Check(Format::Diff) => !word_diff,
            Action::Print(_) | Action::Check(_) => false,
        }
    }

    /// Whether standard output receives text as the run goes (rather than
    /// nothing, or everything at the end).
    pub(crate) fn prints_while_running(self) -> bool {
        !matches!(
            self,
            Action::Write
                | Action::Quiet
                | Action::Print(Format::Sarif)
                | Action::Check(Format::Sarif)
        )
    }

    /// Carries out the action on `input`, restored whole to `restored`:
    /// the reports here, the rest as [`Pieces`] of one piece.
    pub(crate) fn whole(
        self,
        (path, label): (&Path, &str),
        (input, restored): (&[u8], &RestoredBytes),
        word_diff: bool,
        out: &mut impl Write,
        sarif: &mut sarif::Log,
    ) -> Result<Written, Failure> {
        let output = |written: io::Result<Written>| written.map_err(Failure::Output);
        match self.format() {
            Some(Format::Json) => {
                let report = json::Report::new(label, input, restored);
                let mut line = serde_json::to_vec(&report).expect("reports serialize");
                line.push(b'\n');
                return output(write_all(out, &line));
            }
            Some(Format::Brief) => {
                return output(write_all(out, brief(label, input, restored).as_bytes()));
            }
            Some(Format::Sarif) => {
                sarif.add(label, input, restored.edits());
                sarif.add_suggestions(label, input, restored.suggestions());
                return Ok(Written::Ok);
            }
            Some(Format::Diff) if word_diff => {
                let diff = word_diff::render(label, input, restored.edits());
                return output(write_all(out, diff.as_bytes()));
            }
            _ => {}
        }
        let mut pieces = Pieces::new(self, path, label);
        let changed = restored.bytes() != input;
        let written = pieces.piece(0, input, restored.bytes(), changed, out)?;
        pieces.finish()?;
        Ok(written)
    }
}

/// `--format brief`: a line per edit, `path:line:column: "original" ->
/// "replacement"`.
fn brief(label: &str, input: &[u8], restored: &RestoredBytes) -> String {
    let mut at = super::explain::Locator::default();
    let mut lines = String::new();
    for e in restored.edits() {
        let (line, col) = at.advance(input, e.span().start);
        lines.push_str(&format!(
            "{label}:{line}:{col}: {:?} -> {:?}\n",
            e.original(),
            e.replacement()
        ));
    }
    lines
}

/// An action carried out on one input a piece at a time, in order: the
/// restored text written, the file rewritten, or the diff's hunks printed
/// as each piece comes; nothing for the actions that only count. A whole
/// input is one piece.
pub(crate) struct Pieces<'a> {
    action: Action,
    path: &'a Path,
    label: &'a str,
    /// `--write`: the new file, from the first piece that changes.
    rewrite: Option<tempfile::NamedTempFile>,
    /// Whether the diff's header is out.
    header_done: bool,
    /// Lines of the input and of the output before the next piece.
    old_lines: usize,
    new_lines: usize,
}

impl<'a> Pieces<'a> {
    /// `action` on the input at `path` (`-` for standard input), named
    /// `label` in diffs.
    pub(crate) fn new(action: Action, path: &'a Path, label: &'a str) -> Pieces<'a> {
        Pieces {
            action,
            path,
            label,
            rewrite: None,
            header_done: false,
            old_lines: 0,
            new_lines: 0,
        }
    }

    /// Carries the action out on the next piece: `input`, at byte `start`
    /// of the whole input, restored to `restored`; `changed` tells whether
    /// the restore changed it.
    pub(crate) fn piece(
        &mut self,
        start: u64,
        input: &[u8],
        restored: &[u8],
        changed: bool,
        out: &mut impl Write,
    ) -> Result<Written, Failure> {
        let written = match self.action {
            Action::Print(Format::Text) => write_all(out, restored).map_err(Failure::Output)?,
            Action::Write => {
                self.rewrite(start, restored, changed)
                    .map_err(|e| Failure::Input(e.to_string()))?;
                Written::Ok
            }
            Action::Print(Format::Diff) | Action::Check(Format::Diff) if changed => {
                let diff = hunks(
                    &String::from_utf8_lossy(input),
                    &String::from_utf8_lossy(restored),
                    (!self.header_done)
                        .then(|| (format!("a/{}", self.label), format!("b/{}", self.label))),
                    self.old_lines,
                    self.new_lines,
                );
                self.header_done = true;
                write_all(out, diff.as_bytes()).map_err(Failure::Output)?
            }
            _ => Written::Ok,
        };
        self.old_lines += newlines(input);
        self.new_lines += newlines(restored);
        Ok(written)
    }

    /// The temporary file is made at the first piece that changes, from
    /// the unchanged bytes before it, so a file that does not change is
    /// never written.
    fn rewrite(&mut self, start: u64, restored: &[u8], changed: bool) -> io::Result<()> {
        let tmp = match &mut self.rewrite {
            Some(tmp) => tmp,
            None if !changed => return Ok(()),
            None => {
                let mut tmp = super::rewrite::temp_beside(self.path)?;
                if start > 0 {
                    let mut original = std::fs::File::open(self.path)?;
                    let copied = io::copy(&mut (&mut original).take(start), &mut tmp)?;
                    if copied != start {
                        return Err(io::Error::other("the file changed while being read"));
                    }
                }
                self.rewrite.insert(tmp)
            }
        };
        tmp.write_all(restored)
    }

    /// Ends the input: a rewritten file takes the place of the old one.
    pub(crate) fn finish(self) -> Result<(), Failure> {
        match self.rewrite {
            Some(tmp) => {
                super::rewrite::persist(tmp, self.path).map_err(|e| Failure::Input(e.to_string()))
            }
            None => Ok(()),
        }
    }
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `action` writes for `text` cut at the offsets `cut` (the
    /// restore of each piece writes "NEW" for "old").
    fn run(action: Action, text: &str, cut: &[usize]) -> String {
        let mut pieces = Pieces::new(action, Path::new("a.txt"), "a.txt");
        let mut out = Vec::new();
        let mut start = 0;
        for &end in cut.iter().chain([&text.len()]) {
            let input = &text[start..end];
            let restored = input.replace("old", "NEW");
            pieces
                .piece(
                    start as u64,
                    input.as_bytes(),
                    restored.as_bytes(),
                    restored != input,
                    &mut out,
                )
                .unwrap();
            start = end;
        }
        pieces.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn pieces_write_what_the_whole_input_writes() {
        let text = "one old line\nsame\n\nsame\nsame\nsame\n\nanother old one\nend\n";
        let at = text.find("\nanother").unwrap() + 1;
        let print = Action::Print(Format::Text);
        assert_eq!(run(print, text, &[at]), run(print, text, &[]));
        // Hunks keep their context within a piece, and count lines from
        // the start of the input; one header.
        let whole = run(Action::Check(Format::Diff), text, &[]);
        assert!(whole.contains("@@ -6,4 +6,4 @@"), "{whole}");
        let diff = run(Action::Check(Format::Diff), text, &[at]);
        assert_eq!(diff.matches("--- a/a.txt").count(), 1, "{diff}");
        assert!(diff.contains("@@ -1,3 +1,3 @@"), "{diff}");
        assert!(diff.contains("@@ -8,2 +8,2 @@"), "{diff}");
        assert_eq!(run(Action::Count, text, &[at]), "");
    }

    #[test]
    fn a_file_is_rewritten_from_its_first_changed_piece() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let text = "same\n\nold\n\nsame\n";
        std::fs::write(&path, text).unwrap();
        let mut pieces = Pieces::new(Action::Write, &path, "a.txt");
        let mut out = Vec::new();
        for (start, piece) in [(0, "same\n\n"), (6, "old\n\n"), (11, "same\n")] {
            let restored = piece.replace("old", "NEW");
            let changed = restored != piece;
            pieces
                .piece(
                    start,
                    piece.as_bytes(),
                    restored.as_bytes(),
                    changed,
                    &mut out,
                )
                .unwrap();
        }
        pieces.finish().unwrap();
        assert!(out.is_empty());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "same\n\nNEW\n\nsame\n"
        );
    }

    #[test]
    fn reports_need_the_whole_input() {
        for (action, chunked) in [
            (Action::Print(Format::Text), true),
            (Action::Write, true),
            (Action::Check(Format::Diff), true),
            (Action::Print(Format::Diff), false),
            (Action::Print(Format::Json), false),
            (Action::Check(Format::Sarif), false),
        ] {
            assert_eq!(action.is_chunked(false), chunked, "{action:?}");
        }
        assert!(!Action::Check(Format::Diff).is_chunked(true));
    }
}
