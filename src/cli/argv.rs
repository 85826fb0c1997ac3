//! Options before a subcommand: `unspin --dict mine.tsv detect a.txt`
//! reads as `unspin detect --dict mine.tsv a.txt`, the way cargo and git
//! take global options on either side of the subcommand.
//!
//! The filter's own FILE arguments share the top level with the
//! subcommands, so clap alone would read `detect` there as a FILE. Before
//! parsing, the options that come before the first word that is not an
//! option (or an option's value) are moved after the subcommand that word
//! names, and after any subcommand of that one (`dict list`). A word that
//! names no subcommand is a FILE and nothing moves; a FILE named like a
//! subcommand is given as `./detect`. An option the subcommand does not
//! take is then reported by clap as for any other misplaced option.

use std::ffi::{OsStr, OsString};

use clap::Command;

/// `args` (the program name first) with the options given before a
/// subcommand moved after it.
pub(crate) fn hoist(command: &Command, args: Vec<OsString>) -> Vec<OsString> {
    let mut command = command;
    // The program name and the subcommands named so far.
    let mut head: Vec<OsString> = args.iter().take(1).cloned().collect();
    let mut moved: Vec<OsString> = Vec::new();
    let mut i = 1;
    while let Some(arg) = args.get(i) {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text.starts_with('-') && text != "-" {
            let takes = takes_value(command, &text);
            moved.push(arg.clone());
            i += 1;
            if takes {
                if let Some(value) = args.get(i) {
                    moved.push(value.clone());
                    i += 1;
                }
            }
            continue;
        }
        match subcommand(command, arg) {
            Some(sub) => {
                head.push(arg.clone());
                command = sub;
                i += 1;
            }
            None => break,
        }
    }
    if moved.is_empty() || head.len() < 2 {
        return args;
    }
    head.extend(moved);
    head.extend(args.into_iter().skip(i));
    head
}

/// The subcommand of `command` that `name` names (or an alias of it).
fn subcommand<'c>(command: &'c Command, name: &OsStr) -> Option<&'c Command> {
    command.get_subcommands().find(|sub| {
        name == OsStr::new(sub.get_name())
            || sub.get_all_aliases().any(|alias| name == OsStr::new(alias))
    })
}

/// Whether option `arg` of `command` takes its value from the next
/// argument: `--dict FILE`, `-x FILE`, not `--dict=FILE` or a flag.
/// Options `command` does not know take none.
fn takes_value(command: &Command, arg: &str) -> bool {
    let takes = |a: &clap::Arg| a.get_action().takes_values();
    if let Some(long) = arg.strip_prefix("--") {
        if long.contains('=') {
            return false;
        }
        return command
            .get_arguments()
            .find(|a| {
                a.get_long() == Some(long)
                    || a.get_all_aliases().is_some_and(|all| all.contains(&long))
            })
            .is_some_and(takes);
    }
    // A cluster of short flags: the value follows only when the last one
    // takes it and nothing is glued to it.
    let shorts: Vec<char> = arg.chars().skip(1).collect();
    for (k, c) in shorts.iter().enumerate() {
        let found = command.get_arguments().find(|a| {
            a.get_short() == Some(*c)
                || a.get_all_short_aliases().is_some_and(|all| all.contains(c))
        });
        match found {
            Some(a) if takes(a) => return k + 1 == shorts.len(),
            Some(_) => {}
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn hoisted(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(OsString::from).collect();
        hoist(&crate::cli::args::Cli::command(), args)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn options_before_a_subcommand_follow_it() {
        assert_eq!(
            hoisted(&["unspin", "--dict", "mine.tsv", "detect", "spun.txt"]),
            ["unspin", "detect", "--dict", "mine.tsv", "spun.txt"]
        );
        assert_eq!(
            hoisted(&["unspin", "--no-config", "dict", "list"]),
            ["unspin", "dict", "list", "--no-config"]
        );
        assert_eq!(
            hoisted(&["unspin", "--dict=a.tsv", "--no-config", "check", "dir"]),
            ["unspin", "check", "--dict=a.tsv", "--no-config", "dir"]
        );
        // The option's value is not a subcommand, even when named like one.
        assert_eq!(
            hoisted(&["unspin", "--dict", "check", "eval", "dir"]),
            ["unspin", "eval", "--dict", "check", "dir"]
        );
    }

    #[test]
    fn files_and_plain_runs_stay_as_given() {
        for args in [
            &["unspin", "--dict", "mine.tsv", "a.txt", "detect"][..],
            &["unspin", "-w", "a.txt"],
            &["unspin", "--", "detect"],
            &["unspin", "detect", "--dict", "mine.tsv"],
            &["unspin", "-", "check"],
            &["unspin"],
        ] {
            assert_eq!(hoisted(args), args, "{args:?}");
        }
    }
}
