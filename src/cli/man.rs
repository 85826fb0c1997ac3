//! `unspin man`: manual pages, one for the command and one for each
//! subcommand (`unspin-check(1)`, `unspin-dict-lint(1)`, ...), rendered by
//! `clap_mangen` from the same help text as `--help`, with the Markdown
//! backticks of that text taken out.

use std::path::Path;

use clap::builder::StyledStr;
use clap::{Command, CommandFactory};

use super::args::{Cli, ManArgs};
use super::output::print_all;
use super::{ERROR, OK};

pub(crate) fn run(args: &ManArgs) -> u8 {
    let mut root = plain(Cli::command()).disable_help_subcommand(true);
    root.build();
    if let Some(dir) = &args.dir {
        return match write_all(root, dir) {
            Ok(names) => print_all(names.as_bytes(), OK),
            Err(e) => {
                eprintln!("unspin: {}: {e}", dir.display());
                ERROR
            }
        };
    }
    let mut page = &root;
    for name in &args.command {
        match page.find_subcommand(name) {
            Some(sub) => page = sub,
            None => {
                eprintln!(
                    "unspin: no manual page for {:?}: {} has the subcommands {}",
                    args.command.join(" "),
                    page.get_display_name().unwrap_or(page.get_name()),
                    subcommands(page).join(", ")
                );
                return ERROR;
            }
        }
    }
    let mut out = Vec::new();
    match clap_mangen::Man::new(page.clone()).render(&mut out) {
        Ok(()) => print_all(&out, OK),
        Err(e) => {
            eprintln!("unspin: {e}");
            ERROR
        }
    }
}

/// Writes the page of `command` and of each of its subcommands into `dir`
/// and gives their file names, a line each.
fn write_all(command: Command, dir: &Path) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let mut names = String::new();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        names.push_str(&write_all(sub.clone(), dir)?);
    }
    let path = clap_mangen::Man::new(command).generate_to(dir)?;
    names.push_str(&format!("{}\n", path.display()));
    Ok(names)
}

fn subcommands(command: &Command) -> Vec<&str> {
    command.get_subcommands().map(|s| s.get_name()).collect()
}

/// `command` with the backticks of its help text (Markdown code spans,
/// which `--help` shows as they are) taken out, for roff.
fn plain(mut command: Command) -> Command {
    let strip = |s: &StyledStr| s.to_string().replace('`', "");
    if let Some(about) = command.get_about().map(strip) {
        command = command.about(about);
    }
    if let Some(about) = command.get_long_about().map(strip) {
        command = command.long_about(about);
    }
    let ids: Vec<clap::Id> = command
        .get_arguments()
        .map(|a| a.get_id().clone())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |mut arg| {
            if let Some(help) = arg.get_help().map(strip) {
                arg = arg.help(help);
            }
            if let Some(help) = arg.get_long_help().map(strip) {
                arg = arg.long_help(help);
            }
            arg
        });
    }
    let names: Vec<String> = subcommands(&command)
        .into_iter()
        .map(String::from)
        .collect();
    for name in names {
        command = command.mut_subcommand(name, plain);
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page the main page names in its SUBCOMMANDS section is
    /// written, and no page shows a backtick.
    #[test]
    fn issue_12_every_page_the_main_page_names_is_written_without_backticks() {
        let dir = tempfile::tempdir().unwrap();
        let mut root = plain(Cli::command()).disable_help_subcommand(true);
        root.build();
        let names = write_all(root, dir.path()).unwrap();
        let main = std::fs::read_to_string(dir.path().join("unspin.1")).unwrap();
        for page in [
            "unspin-check",
            "unspin-dict",
            "unspin-dict-lint",
            "unspin-learn",
            "unspin-man",
        ] {
            assert!(dir.path().join(format!("{page}.1")).is_file(), "{page}");
            assert!(names.contains(&format!("{page}.1")), "{names}");
        }
        let named: Vec<String> = main
            .lines()
            .filter_map(|l| l.strip_suffix("(1)"))
            .map(|page| page.replace("\\-", "-"))
            .collect();
        assert_eq!(named.len(), 7, "{main}");
        for page in named {
            assert!(dir.path().join(format!("{page}.1")).is_file(), "{page}");
        }
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!text.contains('`'), "{text}");
        }
    }
}
