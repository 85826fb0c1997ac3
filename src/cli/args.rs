//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Repair text mangled by an article spinner.
///
/// Reads each FILE (standard input when none is given, or for `-`) and
/// writes the restored text to standard output. Every byte outside the
/// restored phrases is kept as it was.
///
/// Exit status: 0 success, 2 usage or I/O error. `unspin check`: 0 when
/// every fixture passes, 1 when some fail, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "unspin", version, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check fixtures: every NAME.spun.txt with a NAME.expected.txt beside
    /// it must restore to exactly that text, and every NAME.clean.txt must
    /// come out unchanged.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Files to restore; `-` is standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Print every edit, with its rule and the reason it fired, to standard
    /// error.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Directories holding fixtures (searched recursively).
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

#[derive(Debug, Args)]
pub(crate) struct DictionaryArgs {
    /// Load an extra dictionary file (TSV: mangled, canonical, class,
    /// note). Its entries override the embedded ones. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,

    /// Do not load the embedded dictionaries.
    #[arg(long)]
    pub no_default_dictionaries: bool,

    /// Restore fingerprints only, never ambiguous entries.
    #[arg(long)]
    pub fingerprints_only: bool,

    /// Signals (fingerprints, spintax leftovers) a document needs before
    /// ambiguous entries apply.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_signals: usize,

    /// Signals per 1,000 words a document needs before ambiguous entries
    /// apply.
    #[arg(long, value_name = "X", default_value_t = 2.0)]
    pub min_per_thousand: f64,

    /// Restore every occurrence of an ambiguous entry once the document
    /// shows spin, without asking the language model about its context.
    #[arg(long)]
    pub no_language_model: bool,

    /// Language-model margin, in log10, in a document with 2 signals per
    /// 1,000 words or fewer: an ambiguous occurrence is restored when the
    /// canonical wording is that much more probable in context than the
    /// observed one.
    #[arg(
        long,
        value_name = "LOG10",
        default_value_t = unspin::RestorerBuilder::DEFAULT_MARGIN_WEAK,
        allow_negative_numbers = true
    )]
    pub lm_margin: f64,

    /// Language-model margin in a strongly spun document (20 signals per
    /// 1,000 words or more). Between the two densities the margin moves
    /// with the logarithm of the density.
    #[arg(
        long,
        value_name = "LOG10",
        default_value_t = unspin::RestorerBuilder::DEFAULT_MARGIN_STRONG,
        allow_negative_numbers = true
    )]
    pub lm_margin_spun: f64,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// The restored text.
    Text,
    /// One JSON object per input: path, restored text, edits, evidence.
    Json,
    /// A unified diff from input to restored text.
    Diff,
}
