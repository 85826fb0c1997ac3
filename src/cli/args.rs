//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use super::values;

/// Repair text mangled by an article spinner.
///
/// Reads each FILE (standard input when none is given, or for `-`; the
/// text files under a directory) and writes the restored text to standard
/// output. Every byte outside the restored phrases is kept as it was, and
/// so is every line holding `unspin: ignore` and every block between
/// `<!-- unspin-ignore-start -->` and `<!-- unspin-ignore-end -->`.
///
/// The text output, `--write` and `--check` hold about 1 MiB of an input
/// in memory at a time, however long it is: a file is read twice (the
/// evidence of spin, then the restore), standard input beyond 8 MiB is
/// spooled to a temporary file. `--format json`, `sarif`, `brief` and
/// `diff`, and `--word-diff`, hold each input whole.
///
/// Exit status: 0 success, 2 usage or I/O error; with `--check`, `-q`,
/// `--count` or `-l`, 1 when some input would change. `unspin check`: 0 when
/// every fixture passes, 1 when some fail, 2 on error. `unspin dict lint`:
/// 0 without errors, 1 with errors, 2 on usage or I/O error. `unspin eval`:
/// 1 when `--min-repaired` or `--max-damage` is not met. `unspin detect`:
/// 0 when every input is clean, 1 when any is spun, 2 on error.
///
/// Options may also come before a subcommand: `unspin --dict mine.tsv
/// detect a.txt` is `unspin detect --dict mine.tsv a.txt`.
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
    /// Measure quality: `repaired` on spun texts with a reference, `damage`
    /// on clean text.
    ///
    /// Each NAME.spun.txt (or NAME.variantK.spun.txt) with a
    /// NAME.original.txt or NAME.expected.txt beside it is restored and
    /// scored: repaired = 1 - errors(reference, restored) / errors(reference,
    /// spun), errors being the word-level edit distance. Each
    /// NAME.original.txt and NAME.clean.txt is restored too: damage is edits
    /// per 1,000 words.
    Eval(EvalArgs),
    /// Learn the spinner's vocabulary from spun texts and their originals:
    /// writes proposed dictionary entries (TSV) and a report.
    ///
    /// Each NAME.spun.txt (or NAME.variantK.spun.txt) with a
    /// NAME.original.txt beside it is aligned word by word with its
    /// original; every substitution of up to three words is judged by its
    /// precision (the share of its occurrences in the spun texts that were
    /// swaps), the independent texts it was seen in (variant spins of one
    /// original count once), its lift over the originals and how common it
    /// is in clean English. The notes of the entries name their sources
    /// and scores. Phrases the embedded dictionaries define are left out.
    Learn(LearnArgs),
    /// Judge whether each input is spun: prints `PATH: SCORE VERDICT`.
    ///
    /// The score is how unlikely the input's matches would be in clean
    /// prose of its length, in powers of ten: fingerprints and spintax
    /// leftovers (clean prose has almost none) and ambiguous phrases (it
    /// has a few per 1,000 words). An input is spun when the score reaches
    /// the threshold and it has 2 matches of which one is a signal, or 4
    /// ambiguous phrases.
    /// `--format json` adds the counts and a score per paragraph.
    Detect(DetectArgs),
    /// Inspect dictionaries: lint them, list them, show what a phrase maps
    /// to.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Print a shell completion script, e.g. `unspin completions bash >
    /// ~/.local/share/bash-completion/completions/unspin`.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `unspin man > unspin.1`, `unspin man
    /// dict lint` for a subcommand's, `unspin man --dir DIR` for all.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The subcommand whose page to print (e.g. `detect`, `dict lint`);
    /// the main page when none is given.
    #[arg(value_name = "SUBCOMMAND")]
    pub command: Vec<String>,

    /// Write every page (unspin.1, unspin-check.1, unspin-dict-lint.1, ...)
    /// into DIR and print their paths.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DictCommand {
    /// Check dictionaries: malformed lines, duplicates, conflicts, cycles,
    /// chains, fingerprints that are common English.
    ///
    /// Without FILE, lints the embedded dictionaries. With FILEs, lints
    /// them together, each overriding the ones before it, as repeated
    /// `--dict` options load them. Each finding is printed as
    /// `file:line: level: kind: message`.
    ///
    /// Exit status: 0 without errors (warnings and notes allowed), 1 with
    /// errors (or warnings, with --deny-warnings), 2 on a usage or I/O
    /// error.
    Lint(LintArgs),
    /// List the loaded dictionaries: name, domain, entries, source, licence.
    List(ListArgs),
    /// Show what each PHRASE maps to and why: canonical, class,
    /// dictionary and line, note, and the definitions it overrides.
    ///
    /// Exit status: 0 when every PHRASE is found, 1 when some is not, 2 on
    /// a usage or I/O error.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// Dictionary files to lint; `-` is standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Lint FILEs after the embedded dictionaries, as `--dict` loads them,
    /// and report the findings that involve a FILE (overrides of embedded
    /// entries, chains through them).
    #[arg(long)]
    pub with_embedded: bool,

    /// Exit with status 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print notes too (the same as `--level note`). Without it, notes
    /// are only counted.
    #[arg(short, long, conflicts_with = "level")]
    pub verbose: bool,

    /// Print the findings at this level and above [default: warning].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub level: Option<LintLevel>,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    pub sources: SourceArgs,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct ShowArgs {
    /// Phrases to look up (as in the text: case and spacing do not matter).
    #[arg(value_name = "PHRASE", required = true)]
    pub phrases: Vec<String>,

    #[command(flatten)]
    pub sources: SourceArgs,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// Files to restore; `-` is standard input. A directory stands for the
    /// text files under it: walked recursively, respecting `.gitignore`
    /// and `.ignore`, skipping hidden and binary files.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Leave out files and directories matching GLOB (gitignore syntax:
    /// `*.log`, `vendor/`, `docs/old/**`), from walks and among the FILEs
    /// named. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Print a unified diff instead of the restored text (the same as
    /// `--format diff`).
    #[arg(long, conflicts_with = "format")]
    pub diff: bool,

    /// In diffs (`--diff`, `--check`), show each changed line once, with
    /// the repairs marked in it: `[-old-]{+new+}`. Alone, it implies
    /// `--diff`.
    #[arg(long, conflicts_with_all = ["write", "jsonl"])]
    pub word_diff: bool,

    /// Rewrite each FILE in place when something changes (atomically: a
    /// temporary file renamed over it, permissions and owner kept). A
    /// symbolic link's target is rewritten, a hard-linked file in place; a
    /// read-only file is refused. Prints nothing.
    #[arg(short, long, visible_alias = "write-changes", conflicts_with_all = ["check", "diff", "format"])]
    pub write: bool,

    /// Change nothing: print a unified diff for each FILE that would change
    /// (or the report `--format` asks for) and exit with 1 when any would
    /// (0 when none would).
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,

    /// Print nothing to standard output; as with `--check`, exit with 1
    /// when any input would change, 0 when none would.
    #[arg(short, long, conflicts_with_all = ["write", "jsonl", "diff", "format", "count", "files_with_changes"])]
    pub quiet: bool,

    /// Print `PATH:N` for each input with N edits, then the total; as with
    /// `--check`, exit with 1 when any input would change.
    #[arg(long, conflicts_with_all = ["write", "jsonl", "diff", "format", "files_with_changes"])]
    pub count: bool,

    /// Print the path of each input that would change; as with `--check`,
    /// exit with 1 when any would.
    #[arg(short = 'l', long, conflicts_with_all = ["write", "jsonl", "diff", "format"])]
    pub files_with_changes: bool,

    /// The name to report standard input under (in diffs, JSON, SARIF,
    /// `--explain`, `--format brief`), e.g. the path of the buffer an
    /// editor pipes in.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// JSON Lines in and out, for pipelines and map steps: each input line
    /// is an object with a `text` string (and any `id`); each output line
    /// has the same `id`, the restored `text`, `changed`, `edits` and
    /// `evidence`. Lines are restored in parallel, in order.
    #[arg(long, conflicts_with_all = ["write", "check", "diff", "format"])]
    pub jsonl: bool,

    /// Fail on input that is not valid UTF-8 (exit 2, naming the first bad
    /// byte's offset) instead of passing its bytes through unchanged.
    #[arg(long)]
    pub strict_utf8: bool,

    /// Restore binary input too. Without this, an input with a NUL byte in
    /// its first 8 KiB is binary: it is passed through unchanged (never
    /// rewritten) and a note on standard error says so.
    #[arg(long)]
    pub binary: bool,

    /// Print every edit, with its rule and the reason it fired, to standard
    /// error.
    #[arg(long)]
    pub explain: bool,

    /// Apply the first candidate of each suggestion (a word the spinner is
    /// known to write that no entry covers, in a document shown to be
    /// spun), as an edit of rule `suggestion`. Off by default: the first
    /// candidate is the original word only about half the time.
    #[arg(long)]
    pub apply_suggestions: bool,

    #[command(flatten)]
    pub progress: ProgressArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Directories holding fixtures (searched recursively).
    #[arg(value_name = "DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    /// Write each spun fixture's restore to its NAME.expected.txt (created
    /// when missing) instead of failing on a difference. Clean fixtures
    /// still fail when they change.
    #[arg(long)]
    pub bless: bool,

    #[command(flatten)]
    pub dictionaries: DictionaryArgs,

    #[command(flatten)]
    pub progress: ProgressArgs,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// Directories (searched recursively) or files to measure.
    #[arg(value_name = "DIR", required = true)]
    pub paths: Vec<PathBuf>,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Exit with 1 when the mean repaired share is below X.
    #[arg(long, value_name = "X", value_parser = values::finite, allow_negative_numbers = true)]
    pub min_repaired: Option<f64>,

    /// Exit with 1 when the damage on clean text is above Y edits per 1,000
    /// words.
    #[arg(long, value_name = "Y", value_parser = values::finite, allow_negative_numbers = true)]
    pub max_damage: Option<f64>,

    /// Measure generalisation: for each group of pairs with one original,
    /// learn from all other pairs (as `unspin learn` does), restore the
    /// group's spun texts with that vocabulary instead of the embedded
    /// learned dictionary, and score them. Hand-written entries whose notes
    /// cite only the held-out texts are left out too. Damage is reported on
    /// the held-out originals and on the clean texts.
    #[arg(long)]
    pub leave_one_out: bool,

    /// With --leave-one-out: fit the decision model again in each fold,
    /// without the held-out group (as `unspin learn --decision-model`
    /// does), instead of restoring with the embedded one. About 80 fits:
    /// minutes, not seconds.
    #[arg(long, requires = "leave_one_out")]
    pub refit_decision_model: bool,

    /// Measure suggestions instead: for each pair, the one-word swaps the
    /// restore leaves (its text aligned with the original), and for how
    /// many a suggestion at that word holds the original among its
    /// candidates; and the suggestions made on the clean texts.
    #[arg(long, conflicts_with = "leave_one_out")]
    pub suggestions: bool,

    /// With --suggestions: suggest from this vocabulary file (as written by
    /// `unspin learn --vocabulary`) instead of the embedded one, e.g. one
    /// learned without the pairs measured.
    #[arg(long, value_name = "FILE", requires = "suggestions")]
    pub vocabulary: Option<PathBuf>,

    /// With --suggestions: exit with 1 when the hit rate (swaps left whose
    /// original is among the candidates) is below X, or when a clean text
    /// gets a suggestion.
    #[arg(long, value_name = "X", requires = "suggestions")]
    pub min_hit_rate: Option<f64>,

    #[command(flatten)]
    pub learning: LearningArgs,

    #[command(flatten)]
    pub dictionaries: DictionaryArgs,

    #[command(flatten)]
    pub progress: ProgressArgs,
}

#[derive(Debug, Args)]
pub(crate) struct LearnArgs {
    /// Directories (searched recursively) or NAME.spun.txt files with a
    /// NAME.original.txt beside them.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Write the dictionary to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write the report to FILE instead of standard error.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Propose phrases the embedded dictionaries already define too.
    #[arg(long)]
    pub include_known: bool,

    /// Decipher from spun text alone: PATHs are spun texts (directories are
    /// searched for NAME.spun.txt; originals beside them are not read).
    /// Writes the proposed swaps, best first, as TSV: over-represented spun
    /// words paired with under-represented thesaurus synonyms (Moby), scored
    /// by log-likelihood against clean English.
    #[arg(long)]
    pub decipher: bool,

    /// With --decipher: measure the proposals against the one-word swaps
    /// that the alignments of these spun/original pairs show (directories or
    /// NAME.spun.txt files with a NAME.original.txt beside them). Prints the
    /// precision of the first --top proposals.
    #[arg(long, value_name = "PAIRS_PATH", num_args = 1.., requires = "decipher")]
    pub confirm: Vec<PathBuf>,

    /// With --confirm: how many of the first proposals to measure.
    #[arg(long, value_name = "N", default_value_t = 200, requires = "decipher")]
    pub top: usize,

    /// With --decipher: the least score of a proposed swap: how much more
    /// likely the language model finds the original than the spun word in
    /// the spun word's contexts (log10, summed over them, beyond the two
    /// words' own rates), times 0.2 plus how alike the two words'
    /// neighbours are (0 to 1), less most of the runner-up's. Lower it
    /// for a small corpus.
    #[arg(long, value_name = "SCORE", default_value_t = unspin::learn::DEFAULT_MIN_LLR, requires = "decipher")]
    pub min_llr: f64,

    /// Also write the spinner's vocabulary to FILE: every one-word
    /// substitution seen, with each original word and counts (the source
    /// of suggestions).
    #[arg(long, value_name = "FILE")]
    pub vocabulary: Option<PathBuf>,

    /// Also fit the decision model that judges each ambiguous or common
    /// occurrence (logistic, on out-of-fold candidates of the pairs: each
    /// fold's dictionary learned without it) and write it to FILE as TOML.
    /// Its report goes with the dictionary's.
    #[arg(long, value_name = "FILE")]
    pub decision_model: Option<PathBuf>,

    /// With --decision-model: what a word-level error an edit adds costs
    /// against one it removes, when the threshold is chosen.
    #[arg(long, value_name = "X", default_value_t = unspin::learn::DEFAULT_DAMAGE_COST, requires = "decision_model")]
    pub damage_cost: f64,

    /// With --decision-model: the least language-model difference in
    /// context (log10) of a common entry or vocabulary word restored.
    #[arg(long, value_name = "LOG10", default_value_t = unspin::learn::DEFAULT_COMMON_MIN_CONTEXT, allow_negative_numbers = true, requires = "decision_model")]
    pub common_min_context: f64,

    #[command(flatten)]
    pub learning: LearningArgs,
}

/// The learner's thresholds.
#[derive(Debug, Args)]
pub(crate) struct LearningArgs {
    /// The least share of a phrase's occurrences in spun text that must be
    /// swaps for its canonical.
    #[arg(long, value_name = "P", default_value_t = unspin::learn::DEFAULT_MIN_PRECISION)]
    pub min_precision: f64,

    /// The least number of independent texts a swap must be seen in.
    #[arg(long, value_name = "N", default_value_t = unspin::learn::DEFAULT_MIN_TEXTS)]
    pub min_texts: usize,
}

#[derive(Debug, Args)]
pub(crate) struct DetectArgs {
    /// Files to judge; `-` is standard input (also when none is given).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// What to write to standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Score at and above which an input counts as spun.
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = unspin::detect::DEFAULT_THRESHOLD,
        value_parser = values::finite,
        allow_negative_numbers = true
    )]
    pub threshold: f64,

    /// Judge binary input too. Without this, an input with a NUL byte in
    /// its first 8 KiB is left out, with a note on standard error.
    #[arg(long)]
    pub binary: bool,

    #[command(flatten)]
    pub sources: SourceArgs,

    #[command(flatten)]
    pub progress: ProgressArgs,
}

/// The progress bar of runs over many inputs.
#[derive(Debug, Args)]
pub(crate) struct ProgressArgs {
    /// Never show a progress bar. Without this, one appears on standard
    /// error when it is a terminal, the run has several inputs and lasts
    /// more than a second, and standard output is not the same screen.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args)]
pub(crate) struct DictionaryArgs {
    #[command(flatten)]
    pub sources: SourceArgs,

    /// Restore fingerprints only, never ambiguous entries.
    #[arg(long)]
    pub fingerprints_only: bool,

    /// Signals (fingerprints, spintax leftovers) a document needs before
    /// ambiguous entries apply [default: 2].
    #[arg(long, value_name = "N", value_parser = values::count, allow_negative_numbers = true)]
    pub min_signals: Option<usize>,

    /// Signals per 1,000 words a document needs before ambiguous entries
    /// apply [default: 2].
    #[arg(
        long,
        value_name = "X",
        value_parser = values::non_negative,
        allow_negative_numbers = true
    )]
    pub min_per_thousand: Option<f64>,

    /// Restore every occurrence of an ambiguous entry once the document
    /// shows spin, without asking the language model about its context.
    #[arg(long, overrides_with = "language_model")]
    pub no_language_model: bool,

    /// Ask the language model about each ambiguous occurrence (the
    /// default; overrides `language-model = false` in the configuration).
    #[arg(long, overrides_with = "no_language_model")]
    pub language_model: bool,

    /// Language-model margin, in log10, in a document with 2 signals per
    /// 1,000 words or fewer: an ambiguous occurrence is restored when the
    /// canonical wording is that much more probable in context than the
    /// observed one [default: 2].
    #[arg(
        long,
        value_name = "LOG10",
        value_parser = values::finite,
        allow_negative_numbers = true
    )]
    pub lm_margin: Option<f64>,

    /// Language-model margin in a strongly spun document (20 signals per
    /// 1,000 words or more). Between the two densities the margin moves
    /// with the logarithm of the density [default: -0.5].
    #[arg(
        long,
        value_name = "LOG10",
        value_parser = values::finite,
        allow_negative_numbers = true
    )]
    pub lm_margin_spun: Option<f64>,

    /// Judge ambiguous and common occurrences with the decision model in
    /// FILE (as `unspin learn --decision-model` writes it) instead of the
    /// embedded one.
    #[arg(long, value_name = "FILE")]
    pub decision_model: Option<PathBuf>,

    /// Print the settings in effect (configuration file and options
    /// merged) as TOML, and exit.
    #[arg(long)]
    pub print_config: bool,
}

/// Which dictionaries to load.
#[derive(Debug, Args)]
pub(crate) struct SourceArgs {
    /// Load an extra dictionary file (TSV: mangled, canonical, class,
    /// note). Its entries override the embedded ones. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,

    /// Do not load the embedded dictionaries.
    #[arg(long)]
    pub no_default_dictionaries: bool,

    /// Read settings from this file instead of the `unspin.toml`,
    /// `.unspin.toml` or `pyproject.toml` with a `[tool.unspin]` table
    /// found in the working directory or the nearest directory above it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Phrases never to restore, comma-separated (as a dictionary spells
    /// the mangled side; case and spacing do not matter). Repeatable; adds
    /// to the configuration's `ignore`.
    #[arg(short = 'L', long, value_name = "PHRASES")]
    pub ignore_words: Vec<String>,

    /// Leave alone every match of this regular expression (Rust `regex`
    /// syntax; `(?m)` makes `^` and `$` match at line ends), like code and
    /// URLs: nothing in it is changed or counted. Repeatable; adds to the
    /// configuration's `ignore-re`.
    #[arg(long, value_name = "REGEX")]
    pub ignore_re: Vec<String>,

    /// Leave out the dictionary called NAME (embedded, such as `science`,
    /// or one loaded with `--dict`, named after its file). Repeatable.
    #[arg(long, value_name = "NAME")]
    pub disable_dictionary: Vec<String>,

    /// Never restore PHRASE (case and spacing do not matter), whatever
    /// dictionary defines it. Repeatable.
    #[arg(long, value_name = "PHRASE")]
    pub ignore: Vec<String>,

    /// Restore near misses of fingerprints: other spacing or hyphenation,
    /// plurals, misspellings (the default).
    #[arg(long, overrides_with = "no_near_misses")]
    pub near_misses: bool,

    /// Restore exact phrases only, no near misses.
    #[arg(long, overrides_with = "near_misses")]
    pub no_near_misses: bool,
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
    /// One SARIF 2.1.0 log for all inputs, a result per edit: for code
    /// scanning in CI.
    Sarif,
    /// One line per edit: path:line:column: "original" -> "replacement".
    Brief,
}

/// The lowest level of finding `dict lint` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum LintLevel {
    /// Everything: notes, warnings and errors.
    Note,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

/// Output formats of the reports (`dict`, `eval`, `detect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Lines for people.
    Text,
    /// JSON: one object a line where a command reports on several inputs.
    Json,
}
