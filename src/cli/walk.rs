//! Directory arguments: walked recursively for the text files in them, as
//! ripgrep, typos and codespell walk. `.gitignore`, `.ignore` and
//! `.git/info/exclude` are respected (also outside a git repository),
//! hidden files and directories are skipped, symbolic links are not
//! followed, binary files (a NUL byte in the first 8 KiB) are skipped
//! silently, and the files are taken in the order of their paths.
//! `--exclude GLOB` (gitignore syntax) leaves out walked files and
//! directories, and files named on the command line too.

use std::io::Read;
use std::path::{Path, PathBuf};

use ::ignore::overrides::{Override, OverrideBuilder};
use ::ignore::{Match, WalkBuilder};

/// How much of a walked file is read to tell text from binary.
const SNIFF: u64 = 8 << 10;

/// The inputs the arguments name: files as given (unless excluded), the
/// text files under each directory, `-` as it is; each path once, where it
/// first comes. Problems (a bad glob, a
/// directory that cannot be read) are messages for standard error; the
/// inputs found are still returned.
pub(crate) fn inputs(args: &[PathBuf], exclude: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let mut errors = Vec::new();
    let excluded = match overrides(exclude) {
        Ok(o) => o,
        Err(e) => return (Vec::new(), vec![e]),
    };
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut take = |path: PathBuf, found: &mut Vec<PathBuf>| {
        if path == Path::new("-") || seen.insert(path.clone()) {
            found.push(path);
        }
    };
    for arg in args {
        if arg == Path::new("-") || !arg.is_dir() {
            if !is_excluded(&excluded, arg) {
                take(arg.clone(), &mut found);
            }
            continue;
        }
        let walk = WalkBuilder::new(arg)
            .require_git(false)
            .overrides(excluded.clone())
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_file()) && is_text(entry.path()) {
                        take(entry.into_path(), &mut found);
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
    }
    (found, errors)
}

/// `--exclude` globs as ignore rules, relative to the working directory.
fn overrides(globs: &[String]) -> Result<Override, String> {
    let mut builder = OverrideBuilder::new(".");
    for glob in globs {
        builder.add(&format!("!{glob}")).map_err(|e| {
            let e = e
                .to_string()
                .replace(&format!("'!{glob}'"), &format!("'{glob}'"));
            format!("--exclude {glob:?}: {e}")
        })?;
    }
    builder.build().map_err(|e| e.to_string())
}

/// Whether a file named on the command line is excluded: it, or a
/// directory it is in, matches an `--exclude` glob.
fn is_excluded(excluded: &Override, path: &Path) -> bool {
    if path == Path::new("-") {
        return false;
    }
    path.ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && *p != Path::new("."))
        .enumerate()
        .any(|(i, p)| matches!(excluded.matched(p, i > 0), Match::Ignore(_)))
}

/// Whether the file at `path` looks like text: no NUL byte in its first
/// 8 KiB. A file that cannot be read is taken, so that reading it reports
/// the error.
fn is_text(path: &Path) -> bool {
    let mut head = Vec::new();
    match std::fs::File::open(path).and_then(|f| f.take(SNIFF).read_to_end(&mut head)) {
        Ok(_) => !head.contains(&0),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[PathBuf], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn walks_text_files_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (name, bytes) in [
            ("b.md", &b"text"[..]),
            ("a.txt", b"text"),
            ("sub/c.md", b"text"),
            ("sub/skip.log", b"text"),
            ("bin.dat", b"x\0y"),
            (".hidden.md", b"text"),
            ("built/out.md", b"text"),
            (".gitignore", b"built/\n"),
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let (found, errors) = inputs(&[root.to_path_buf()], &["*.log".to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names(&found, root), ["a.txt", "b.md", "sub/c.md"]);
        // A file named on the command line is taken unless excluded.
        let log = root.join("sub/skip.log");
        let (found, _) = inputs(std::slice::from_ref(&log), &[]);
        assert_eq!(found, std::slice::from_ref(&log));
        let (found, _) = inputs(std::slice::from_ref(&log), &["*.log".to_string()]);
        assert!(found.is_empty());
        // Or in an excluded directory.
        let (found, _) = inputs(&[log], &["sub/".to_string(), "/nowhere".to_string()]);
        assert!(found.is_empty());
    }

    #[test]
    fn a_bad_glob_is_an_error() {
        let (found, errors) = inputs(&[PathBuf::from("-")], &["a[".to_string()]);
        assert!(found.is_empty());
        assert!(errors[0].starts_with("--exclude \"a[\": "), "{errors:?}");
    }
}
