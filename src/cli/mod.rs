//! Command-line interface.
//!
//! Exit codes: 0 success (for `check`: every fixture passed), 1 some
//! input would change (`--check`, `-q`, `--count`, `-l`), some
//! fixture failed (`dict lint`: errors found; `dict show`: a phrase not
//! found; `eval`: a `--min-repaired`/`--max-damage` requirement was not
//! met; `detect`: some input is spun), 2 usage or I/O error. A closed pipe
//! downstream ends the run quietly with 0.

mod action;
mod args;
mod argv;
mod binary;
mod check;
mod config;
mod detect;
mod dict;
mod eval;
mod explain;
mod filter;
mod fixtures;
mod ignore;
mod input;
mod json;
mod jsonl;
mod learn;
mod located;
mod man;
mod output;
mod progress;
mod rewrite;
mod sarif;
mod score;
mod settings;
mod stream;
mod suggestions;
mod values;
mod walk;
mod word_diff;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, DictionaryArgs, SourceArgs};
use settings::Settings;
use unspin::{Restorer, RestorerBuilder};

/// Exit status: success.
pub(crate) const OK: u8 = 0;
/// Exit status: a check failed (a fixture, a lint, a lookup).
pub(crate) const FAILED: u8 = 1;
/// Exit status: usage or I/O error.
pub(crate) const ERROR: u8 = 2;

pub(crate) fn run() -> ExitCode {
    let args = argv::hoist(
        &<Cli as clap::CommandFactory>::command(),
        std::env::args_os().collect(),
    );
    let cli = match Cli::try_parse_from(args) {
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
        Some(Command::Dict(command)) => dict::run(&command),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "unspin", &mut out);
            output::print_all(&out, OK)
        }
        Some(Command::Man(args)) => man::run(&args),
        Some(Command::Detect(args)) => match builder(&args.sources) {
            Ok(b) => detect::run(&b.spin_threshold(args.threshold).build(), &args),
            Err(code) => code,
        },
        Some(Command::Eval(args)) if args.suggestions => {
            match restorer_builder(&args.dictionaries) {
                Ok(b) => suggestions::run(b, &args),
                Err(code) => code,
            }
        }
        Some(Command::Eval(args)) if args.leave_one_out => {
            match restorer_builder(&args.dictionaries) {
                Ok(b) => eval::leave_one_out(&b, &args),
                Err(code) => code,
            }
        }
        Some(Command::Eval(args)) => match restorer(&args.dictionaries) {
            Ok(r) => eval::run(&r, &args),
            Err(code) => code,
        },
        Some(Command::Learn(args)) => learn::run(&args),
        None => match restorer_builder(&cli.dictionaries) {
            Ok(b) => filter::run(&b, &cli.filter),
            Err(code) => code,
        },
    };
    ExitCode::from(code)
}

/// A restorer as the options and the configuration file ask for; options
/// win over the file.
fn restorer(args: &DictionaryArgs) -> Result<Restorer, u8> {
    restorer_builder(args).map(RestorerBuilder::build)
}

/// The builder of [`restorer`]. With `--print-config`, prints the
/// settings and gives `Err(0)`: the run ends there.
fn restorer_builder(args: &DictionaryArgs) -> Result<RestorerBuilder, u8> {
    let settings = Settings::sources(&args.sources, &load_config(&args.sources)?).gate(args);
    if args.print_config {
        return Err(output::print_all(settings.to_toml().as_bytes(), OK));
    }
    make(&settings)
}

/// A builder with the dictionaries `args` and the configuration file ask
/// for; a dictionary or configuration that does not load is reported on
/// standard error.
fn builder(args: &SourceArgs) -> Result<RestorerBuilder, u8> {
    make(&Settings::sources(args, &load_config(args)?))
}

fn load_config(args: &SourceArgs) -> Result<config::Config, u8> {
    config::Config::load(args.config.as_deref(), args.no_config).map_err(report)
}

fn make(settings: &Settings) -> Result<RestorerBuilder, u8> {
    settings.builder().map_err(report)
}

/// Reports an error of the settings on standard error.
fn report(message: String) -> u8 {
    for line in message.lines() {
        eprintln!("unspin: {line}");
    }
    ERROR
}
