//! The `unspin` command: a filter that restores spun text, and a fixture
//! checker for CI. See `unspin --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
