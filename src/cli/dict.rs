//! `unspin dict lint|list|show`: inspect dictionaries.

use std::io::{self, Read};
use std::path::Path;

use serde::Serialize;
use unspin::lint::{Finding, Level, Linter};
use unspin::{Class, DictionaryInfo, Entry, Restorer};

use super::args::{DictCommand, LintArgs, LintLevel, ListArgs, ReportFormat, ShowArgs};
use super::output::print_all;
use super::{builder, json, ERROR, FAILED, OK};

pub(crate) fn run(command: &DictCommand) -> u8 {
    match command {
        DictCommand::Lint(args) => lint(args),
        DictCommand::List(args) => list(args),
        DictCommand::Show(args) => show(args),
    }
}

fn json_line(out: &mut String, value: &impl Serialize) {
    out.push_str(&serde_json::to_string(value).expect("reports serialize"));
    out.push('\n');
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Reads a dictionary file (`-`: standard input) as UTF-8.
fn read_text(path: &Path) -> Result<(String, String), u8> {
    let (label, bytes) = if path == Path::new("-") {
        let mut buf = Vec::new();
        let read = io::stdin().lock().read_to_end(&mut buf).map(|_| buf);
        ("<stdin>".to_string(), read)
    } else {
        (path.display().to_string(), std::fs::read(path))
    };
    let bytes = bytes.map_err(|e| {
        eprintln!("unspin: {label}: {e}");
        ERROR
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((label, text)),
        Err(e) => {
            eprintln!(
                "unspin: {label}: not UTF-8 (byte offset {})",
                e.utf8_error().valid_up_to()
            );
            Err(ERROR)
        }
    }
}

fn lint(args: &LintArgs) -> u8 {
    let mut linter = Linter::new();
    if args.files.is_empty() || args.with_embedded {
        linter = linter.embedded();
    }
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        match read_text(path) {
            Ok((label, text)) => {
                linter = linter.tsv(label.clone(), text);
                files.push(label);
            }
            Err(code) => return code,
        }
    }
    let involves_a_file = |f: &Finding| {
        files.is_empty()
            || files.iter().any(|name| {
                f.file() == name.as_str() || f.related().iter().any(|l| l.file() == name.as_str())
            })
    };
    let findings: Vec<Finding> = linter.lint().into_iter().filter(involves_a_file).collect();

    let count = |level: Level| findings.iter().filter(|f| f.level() == level).count();
    let (errors, warnings, notes) = (
        count(Level::Error),
        count(Level::Warning),
        count(Level::Note),
    );
    let shown = match (args.verbose, args.level) {
        (true, _) | (_, Some(LintLevel::Note)) => Level::Note,
        (_, None | Some(LintLevel::Warning)) => Level::Warning,
        (_, Some(LintLevel::Error)) => Level::Error,
    };
    let mut out = String::new();
    for f in findings.iter().filter(|f| f.level() >= shown) {
        match args.format {
            ReportFormat::Text => {
                out.push_str(&f.to_string());
                out.push('\n');
            }
            ReportFormat::Json => json_line(&mut out, &json::Finding::from(f)),
        }
    }
    if args.format == ReportFormat::Text {
        let hidden = findings.iter().any(|f| f.level() < shown);
        out.push_str(&format!(
            "{}, {}, {}{}\n",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(notes, "note", "notes"),
            if hidden {
                " (--verbose prints them all)"
            } else {
                ""
            }
        ));
    }
    let status = if errors > 0 || (args.deny_warnings && warnings > 0) {
        FAILED
    } else {
        OK
    };
    print_all(out.as_bytes(), status)
}

fn list(args: &ListArgs) -> u8 {
    let restorer = match builder(&args.sources) {
        Ok(b) => b.build(),
        Err(code) => return code,
    };
    let mut out = String::new();
    for info in restorer.dictionaries() {
        match args.format {
            ReportFormat::Json => json_line(&mut out, &json::Dictionary::from(info)),
            ReportFormat::Text => {
                out.push_str(&format!(
                    "{} ({}, domain {}): {}, {} fingerprint, {} ambiguous, {} common\n",
                    info.name(),
                    if info.is_embedded() {
                        "embedded"
                    } else {
                        "loaded"
                    },
                    info.domain(),
                    plural(info.len(), "entry", "entries"),
                    info.count(Class::Fingerprint),
                    info.count(Class::Ambiguous),
                    info.count(Class::Common),
                ));
                out.push_str(&format!("  {}\n", info.description()));
                out.push_str(&format!("  source: {}\n", info.source()));
                out.push_str(&format!("  licence: {}\n", info.license()));
            }
        }
    }
    print_all(out.as_bytes(), OK)
}

fn meaning(class: Class) -> &'static str {
    match class {
        Class::Fingerprint => "restored wherever it appears",
        Class::Ambiguous => "restored only where the document shows spin",
        Class::Common => {
            "restored only where the document shows spin and the language model prefers the canonical in context"
        }
        _ => "",
    }
}

fn show(args: &ShowArgs) -> u8 {
    let restorer: Restorer = match builder(&args.sources) {
        Ok(b) => b.build(),
        Err(code) => return code,
    };
    let mut out = String::new();
    let mut status = OK;
    for phrase in &args.phrases {
        let defs: Vec<(&Entry, &DictionaryInfo)> = restorer.definitions(phrase);
        if defs.is_empty() {
            status = FAILED;
            eprintln!("unspin: no entry for {phrase:?}");
        }
        match args.format {
            ReportFormat::Json => {
                json_line(&mut out, &json::Shown::new(phrase, &defs));
            }
            ReportFormat::Text => {
                let Some(((entry, dict), overridden)) = defs.split_last() else {
                    continue;
                };
                out.push_str(&format!(
                    "{:?} -> {:?}\n  {}:{} {}: {}\n",
                    entry.mangled(),
                    entry.canonical(),
                    dict.name(),
                    entry.line(),
                    entry.class(),
                    meaning(entry.class())
                ));
                if let Some(note) = entry.note() {
                    out.push_str(&format!("  note: {note}\n"));
                }
                for (old, old_dict) in overridden.iter().rev() {
                    out.push_str(&format!(
                        "  overrides {}:{} {:?} -> {:?} ({})\n",
                        old_dict.name(),
                        old.line(),
                        old.mangled(),
                        old.canonical(),
                        old.class()
                    ));
                }
            }
        }
    }
    print_all(out.as_bytes(), status)
}
