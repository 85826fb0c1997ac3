//! Command-line interface.
//!
//! Exit codes: 0 success (for `check`: every fixture passed), 1 some
//! fixture failed, 2 usage or I/O error. A closed pipe downstream ends the
//! run quietly with 0.

mod args;
mod check;
mod filter;
mod output;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, DictionaryArgs};
use unspin::{Dictionary, Restorer};

/// Exit status: success.
pub(crate) const OK: u8 = 0;
/// Exit status: a check failed.
pub(crate) const FAILED: u8 = 1;
/// Exit status: usage or I/O error.
pub(crate) const ERROR: u8 = 2;

pub(crate) fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { ERROR } else { OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Some(Command::Check(args)) => match restorer(&args.dictionaries) {
            Ok(r) => check::run(&r, &args),
            Err(code) => code,
        },
        None => match restorer(&cli.dictionaries) {
            Ok(r) => filter::run(&r, &cli.filter),
            Err(code) => code,
        },
    };
    ExitCode::from(code)
}

fn restorer(args: &DictionaryArgs) -> Result<Restorer, u8> {
    let mut builder = Restorer::builder()
        .default_dictionaries(!args.no_default_dictionaries)
        .ambiguous(!args.fingerprints_only)
        .min_signals(args.min_signals)
        .min_per_thousand(args.min_per_thousand)
        .language_model(!args.no_language_model)
        .language_model_margins(args.lm_margin, args.lm_margin_spun);
    for path in &args.dict {
        match Dictionary::from_path(path) {
            Ok(d) => builder = builder.dictionary(d),
            Err(e) => {
                for line in e.to_string().lines() {
                    eprintln!("unspin: {line}");
                }
                return Err(ERROR);
            }
        }
    }
    Ok(builder.build())
}
