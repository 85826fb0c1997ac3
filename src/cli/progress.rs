//! A progress bar on standard error for long runs over many inputs.
//!
//! The bar shows only when standard error is a terminal, `--no-progress` is
//! not given, the run has at least [`MIN_INPUTS`] inputs (or an unknown
//! number, as JSON Lines records are), standard output is not the same
//! screen while the command writes to it, and no input is being typed at a
//! terminal. Even then it stays hidden until the
//! run has lasted [`DELAY`]: short runs never draw anything. It is cleared
//! before the command's final messages, and messages printed during the run
//! go through [`Progress::suspend`] so they never mix with it.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run lasts before its bar appears.
pub(crate) const DELAY: Duration = Duration::from_secs(1);

/// The fewest inputs for which a bar is worth showing.
pub(crate) const MIN_INPUTS: u64 = 2;

/// How often a shown bar is redrawn when nothing else moves it (the
/// elapsed time and the spinner keep going during a long input).
const TICK: Duration = Duration::from_millis(200);

/// Everything that decides whether a run may show a bar.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Setting {
    /// Standard error is a terminal.
    pub stderr_is_terminal: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The command writes to standard output during the run, not only at
    /// its end: on a shared screen the two would mix.
    pub prints_while_running: bool,
    /// An input is read from a terminal: someone is typing it.
    pub reads_terminal: bool,
    /// `--no-progress` was given.
    pub disabled: bool,
    /// The number of inputs, when known in advance.
    pub total: Option<u64>,
}

/// Whether a run with `setting` may show a bar (after [`DELAY`]).
pub(crate) fn may_show(setting: &Setting) -> bool {
    let shares_screen = setting.stdout_is_terminal && setting.prints_while_running;
    let worth_it = setting.total.is_none_or(|n| n >= MIN_INPUTS);
    setting.stderr_is_terminal
        && worth_it
        && !(setting.disabled || shares_screen || setting.reads_terminal)
}

/// What a command counts, for the bar's text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Unit {
    /// Input files.
    Files,
    /// Fixtures (`unspin check`).
    Fixtures,
    /// Texts measured (`unspin eval`).
    Texts,
    /// JSON Lines records.
    Records,
}

impl Unit {
    fn as_str(self) -> &'static str {
        match self {
            Unit::Files => "files",
            Unit::Fixtures => "fixtures",
            Unit::Texts => "texts",
            Unit::Records => "records",
        }
    }
}

/// A run, as its command describes it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    /// The number of inputs, when known in advance.
    pub total: Option<u64>,
    /// What the inputs are.
    pub unit: Unit,
    /// The command writes to standard output during the run.
    pub prints_while_running: bool,
    /// Some input is standard input.
    pub reads_stdin: bool,
    /// `--no-progress` was given.
    pub disabled: bool,
}

/// A progress bar that may never show. Cheap to update from many threads.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// Wakes the thread that shows the bar after the delay; dropping it
    /// ends that thread early.
    reveal: Option<(mpsc::Sender<()>, JoinHandle<()>)>,
    shown: Arc<AtomicBool>,
}

impl Progress {
    /// A bar for `run`, drawn on standard error after [`DELAY`] when
    /// [`may_show`] allows it for this process's terminals.
    pub(crate) fn new(run: Run) -> Progress {
        let setting = Setting {
            stderr_is_terminal: io::stderr().is_terminal(),
            stdout_is_terminal: io::stdout().is_terminal(),
            prints_while_running: run.prints_while_running,
            reads_terminal: run.reads_stdin && io::stdin().is_terminal(),
            disabled: run.disabled,
            total: run.total,
        };
        if may_show(&setting) {
            Progress::start(run.total, run.unit, DELAY, ProgressDrawTarget::stderr)
        } else {
            Progress::off()
        }
    }

    /// A bar that never shows.
    pub(crate) fn off() -> Progress {
        Progress {
            bar: None,
            reveal: None,
            shown: Arc::new(AtomicBool::new(false)),
        }
    }

    /// A bar that counts from now and moves to `target()` after `delay`
    /// unless it is finished first.
    fn start(
        total: Option<u64>,
        unit: Unit,
        delay: Duration,
        target: fn() -> ProgressDrawTarget,
    ) -> Progress {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        bar.set_style(style(total.is_some(), unit));
        let shown = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = mpsc::channel::<()>();
        let thread = {
            let bar = bar.clone();
            let shown = Arc::clone(&shown);
            std::thread::spawn(move || {
                if receiver.recv_timeout(delay) == Err(RecvTimeoutError::Timeout) {
                    bar.set_draw_target(target());
                    bar.enable_steady_tick(TICK);
                    shown.store(true, Ordering::SeqCst);
                }
            })
        };
        Progress {
            bar: Some(bar),
            reveal: Some((sender, thread)),
            shown,
        }
    }

    /// Counts one input done.
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Runs `f`, which writes to standard error, with the bar out of the
    /// way.
    pub(crate) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Whether the bar has been drawn (the run outlasted the delay).
    #[cfg(test)]
    fn shown(&self) -> bool {
        self.shown.load(Ordering::SeqCst)
    }

    /// Removes the bar from the screen for good; what follows on standard
    /// error starts on a clean line. Dropping the bar does the same.
    pub(crate) fn finish(mut self) {
        self.clear();
    }

    fn clear(&mut self) {
        if let Some((sender, thread)) = self.reveal.take() {
            let _ = sender.send(());
            let _ = thread.join();
        }
        // The thread has ended: `shown` no longer changes.
        if let Some(bar) = self.bar.take() {
            if self.shown.load(Ordering::SeqCst) {
                bar.disable_steady_tick();
                bar.finish_and_clear();
            }
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// ASCII only, never coloured.
fn style(known_total: bool, unit: Unit) -> ProgressStyle {
    let unit = unit.as_str();
    let template = if known_total {
        format!("{{spinner}} [{{elapsed}}] [{{bar:30}}] {{pos}}/{{len}} {unit} (eta {{eta}})")
    } else {
        format!("{{spinner}} [{{elapsed}}] {{pos}} {unit}")
    };
    ProgressStyle::with_template(&template)
        .expect("the progress templates are valid")
        .progress_chars("=> ")
        .tick_chars("|/-\\ ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting() -> Setting {
        Setting {
            stderr_is_terminal: true,
            stdout_is_terminal: false,
            prints_while_running: true,
            reads_terminal: false,
            disabled: false,
            total: Some(10),
        }
    }

    #[test]
    fn shows_on_a_terminal_for_several_inputs() {
        assert!(may_show(&setting()));
        assert!(may_show(&Setting {
            total: None,
            ..setting()
        }));
        assert!(may_show(&Setting {
            total: Some(MIN_INPUTS),
            ..setting()
        }));
    }

    #[test]
    fn never_off_a_terminal_or_when_disabled() {
        assert!(!may_show(&Setting {
            stderr_is_terminal: false,
            ..setting()
        }));
        assert!(!may_show(&Setting {
            disabled: true,
            ..setting()
        }));
    }

    #[test]
    fn not_while_someone_types_the_input() {
        assert!(!may_show(&Setting {
            reads_terminal: true,
            ..setting()
        }));
    }

    #[test]
    fn not_for_a_single_input() {
        assert!(!may_show(&Setting {
            total: Some(1),
            ..setting()
        }));
        assert!(!may_show(&Setting {
            total: Some(0),
            ..setting()
        }));
    }

    #[test]
    fn not_on_the_screen_standard_output_writes_to() {
        let shared = Setting {
            stdout_is_terminal: true,
            ..setting()
        };
        assert!(!may_show(&shared));
        // A command that prints only at its end (`--write`, `eval`) may.
        assert!(may_show(&Setting {
            prints_while_running: false,
            ..shared
        }));
    }

    #[test]
    fn a_short_run_never_shows_its_bar() {
        let progress = Progress::start(
            Some(3),
            Unit::Files,
            Duration::from_secs(60),
            ProgressDrawTarget::hidden,
        );
        progress.inc();
        assert!(!progress.shown());
        // Finishing ends the waiting thread at once, not after the delay.
        let started = std::time::Instant::now();
        progress.finish();
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_long_run_shows_its_bar_after_the_delay() {
        let progress = Progress::start(
            None,
            Unit::Records,
            Duration::from_millis(10),
            ProgressDrawTarget::hidden,
        );
        let waited = std::time::Instant::now();
        while !progress.shown() && waited.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(progress.shown());
        progress.inc();
        assert_eq!(progress.suspend(|| 7), 7);
        progress.finish();
    }

    #[test]
    fn off_does_nothing() {
        let progress = Progress::off();
        progress.inc();
        assert_eq!(progress.suspend(|| "ran"), "ran");
        assert!(!progress.shown());
    }

    #[test]
    fn templates_are_valid() {
        for unit in [Unit::Files, Unit::Fixtures, Unit::Texts, Unit::Records] {
            style(true, unit);
            style(false, unit);
        }
    }
}
