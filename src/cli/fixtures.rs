//! The fixture naming rule and the one walker over fixture directories
//! that `unspin check`, `eval` and `learn` share.
//!
//! Texts are named by what they are: `NAME.spun.txt` is spun text,
//! `NAME.expected.txt` what the restore must make of it (`unspin check`),
//! `NAME.original.txt` the text it was spun from (`eval`, `learn`), and
//! `NAME.clean.txt` clean text, which must come out unchanged. A spun text
//! `BASE.variantK.spun.txt` is another spin of `BASE`'s original.

use std::io;
use std::path::{Path, PathBuf};

use super::ERROR;

/// Spun text.
const SPUN: &str = ".spun.txt";
/// What `unspin check` expects a spun text to restore to.
const EXPECTED: &str = ".expected.txt";
/// The text a spun text was spun from.
const ORIGINAL: &str = ".original.txt";
/// Clean text.
const CLEAN: &str = ".clean.txt";

/// What a file is, by its name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    /// `STEM.spun.txt`.
    Spun(&'a str),
    /// `NAME.original.txt`.
    Original,
    /// `NAME.clean.txt`.
    Clean,
    /// Anything else, `NAME.expected.txt` among them.
    Other,
}

/// What the file at `path` is, by its name.
pub(crate) fn kind(path: &Path) -> Kind<'_> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Kind::Other;
    };
    if let Some(stem) = name.strip_suffix(SPUN) {
        Kind::Spun(stem)
    } else if name.ends_with(ORIGINAL) {
        Kind::Original
    } else if name.ends_with(CLEAN) {
        Kind::Clean
    } else {
        Kind::Other
    }
}

/// The name of a spun text without its directory and suffix:
/// `dir/wired.variant2.spun.txt` is `wired.variant2`.
pub(crate) fn name(spun: &Path) -> &str {
    spun.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .trim_end_matches(SPUN)
}

/// `STEM` without a `.variantK` suffix: the name of the original that all
/// the variants were spun from.
pub(crate) fn without_variant(stem: &str) -> &str {
    match stem.rsplit_once(".variant") {
        Some((base, k)) if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => stem,
    }
}

/// The expected restore of `STEM.spun.txt`: `STEM.expected.txt` beside it.
pub(crate) fn expected(spun: &Path, stem: &str) -> PathBuf {
    spun.with_file_name(format!("{stem}{EXPECTED}"))
}

/// The reference of `STEM.spun.txt`: `STEM.original.txt`, else
/// `STEM.expected.txt`; for `BASE.variantK` also `BASE.original.txt` and
/// `BASE.expected.txt`.
pub(crate) fn reference(spun: &Path, stem: &str) -> Option<PathBuf> {
    let base = without_variant(stem);
    let stems = if base == stem {
        vec![stem]
    } else {
        vec![stem, base]
    };
    stems
        .into_iter()
        .flat_map(|s| [format!("{s}{ORIGINAL}"), format!("{s}{EXPECTED}")])
        .map(|name| spun.with_file_name(name))
        .find(|p| p.is_file())
}

/// Calls `visit` with each file under the directory `dir`, recursively,
/// in path order.
pub(crate) fn walk_dir(dir: &Path, visit: &mut dyn FnMut(&Path)) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk_dir(&entry, visit)?;
        } else {
            visit(&entry);
        }
    }
    Ok(())
}

/// Spun texts with their references, and clean texts: what `unspin eval`
/// measures and `unspin learn` learns from.
#[derive(Default)]
pub(crate) struct Texts {
    /// `(spun, reference)`.
    pub pairs: Vec<(PathBuf, PathBuf)>,
    pub clean: Vec<PathBuf>,
}

impl Texts {
    /// The texts under each of `paths` (directories, or single files); an
    /// error is reported on standard error and gives the exit status.
    pub(crate) fn gather(paths: &[PathBuf]) -> Result<Texts, u8> {
        let mut texts = Texts::default();
        for path in paths {
            if let Err(e) = texts.collect(path) {
                eprintln!("unspin: {}: {e}", path.display());
                return Err(ERROR);
            }
        }
        Ok(texts)
    }

    /// Collects pairs and clean texts under `path` (a directory, searched
    /// recursively in path order, or a single file). A spun text without
    /// a reference is left out with a warning.
    fn collect(&mut self, path: &Path) -> io::Result<()> {
        let mut visit = |path: &Path| {
            match kind(path) {
            Kind::Spun(stem) => match reference(path, stem) {
                Some(reference) => self.pairs.push((path.to_path_buf(), reference)),
                None => eprintln!(
                    "unspin: warning: {} has no {stem}{ORIGINAL} or {stem}{EXPECTED} beside it; skipped",
                    path.display()
                ),
            },
            Kind::Original | Kind::Clean => self.clean.push(path.to_path_buf()),
            Kind::Other => {}
        }
        };
        walk(path, &mut visit)
    }
}

/// Calls `visit` with `path` when it is a file, or with each file under
/// it when it is a directory (see [`walk_dir`]).
fn walk(path: &Path, visit: &mut dyn FnMut(&Path)) -> io::Result<()> {
    if path.is_dir() {
        walk_dir(path, visit)
    } else {
        // A missing path fails here with the usual message.
        std::fs::metadata(path)?;
        visit(path);
        Ok(())
    }
}

/// The spun texts under `path`: every `NAME.spun.txt` of a directory
/// (recursively, in path order), or `path` itself when it is a file.
pub(crate) fn spun_texts(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if !path.is_dir() {
        std::fs::metadata(path)?;
        out.push(path.to_path_buf());
        return Ok(());
    }
    walk_dir(path, &mut |p| {
        if let Kind::Spun(_) = kind(p) {
            out.push(p.to_path_buf());
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_what_a_text_is() {
        assert_eq!(kind(Path::new("d/a.spun.txt")), Kind::Spun("a"));
        assert_eq!(kind(Path::new("d/a.original.txt")), Kind::Original);
        assert_eq!(kind(Path::new("d/a.clean.txt")), Kind::Clean);
        assert_eq!(kind(Path::new("d/a.expected.txt")), Kind::Other);
        assert_eq!(kind(Path::new("d/a.txt")), Kind::Other);
        assert_eq!(name(Path::new("d/w.variant2.spun.txt")), "w.variant2");
        assert_eq!(without_variant("w.variant2"), "w");
        assert_eq!(without_variant("w.variant"), "w.variant");
        assert_eq!(without_variant("w.variantx"), "w.variantx");
        assert_eq!(
            expected(Path::new("d/a.spun.txt"), "a"),
            Path::new("d/a.expected.txt")
        );
    }

    #[test]
    fn variants_share_the_reference() {
        let dir = std::env::temp_dir().join(format!("unspin-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "a.original.txt",
            "a.spun.txt",
            "a.variant2.spun.txt",
            "b.expected.txt",
            "b.spun.txt",
            "c.spun.txt",
            "d.clean.txt",
            "notes.txt",
        ] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let texts = Texts::gather(std::slice::from_ref(&dir)).unwrap();
        let names = |ps: Vec<&PathBuf>| -> Vec<String> {
            ps.iter()
                .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            names(texts.pairs.iter().map(|(s, _)| s).collect()),
            ["a.spun.txt", "a.variant2.spun.txt", "b.spun.txt"]
        );
        assert_eq!(
            names(texts.pairs.iter().map(|(_, r)| r).collect()),
            ["a.original.txt", "a.original.txt", "b.expected.txt"]
        );
        assert_eq!(
            names(texts.clean.iter().collect()),
            ["a.original.txt", "d.clean.txt"]
        );
        let mut spun = Vec::new();
        spun_texts(&dir, &mut spun).unwrap();
        assert_eq!(spun.len(), 4);
        assert!(Texts::gather(&[dir.join("missing")]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
