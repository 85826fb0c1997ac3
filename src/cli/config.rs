//! `unspin.toml`: per-project settings, found in the working directory or
//! the nearest directory above it (or named with `--config`).
//!
//! ```toml
//! dictionaries = ["house.tsv"]          # extra dictionaries, relative to this file
//! disable-dictionaries = ["science"]    # embedded (or extra) dictionaries to leave out
//! ignore = ["stated", "in keeping with"] # phrases never to restore
//! ignore-re = ['(?m)^> .*$']             # text to leave alone (regular expressions)
//! min-signals = 3                       # the gate for ambiguous entries
//! min-per-thousand = 2.5
//! fingerprints-only = false
//! near-misses = true
//! ```
//!
//! Options given on the command line win over the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file name searched for.
pub(crate) const FILE_NAME: &str = "unspin.toml";

/// The settings of one configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Config {
    #[serde(default)]
    pub dictionaries: Vec<PathBuf>,
    #[serde(default)]
    pub disable_dictionaries: Vec<String>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub ignore_re: Vec<String>,
    pub min_signals: Option<usize>,
    pub min_per_thousand: Option<f64>,
    pub fingerprints_only: Option<bool>,
    pub near_misses: Option<bool>,
    /// The directory of the file: relative dictionary paths start there.
    #[serde(skip)]
    pub dir: PathBuf,
}

impl Config {
    /// The configuration to use: the file named by `explicit`, else the
    /// nearest `unspin.toml` at or above the working directory, else none.
    pub(crate) fn load(explicit: Option<&Path>, disabled: bool) -> Result<Config, String> {
        if disabled {
            return Ok(Config::default());
        }
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match find_upward() {
                Some(p) => p,
                None => return Ok(Config::default()),
            },
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut config: Config =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// Extra dictionary paths, resolved against the file's directory.
    pub(crate) fn dictionary_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.dictionaries.iter().map(|p| self.dir.join(p))
    }
}

fn find_upward() -> Option<PathBuf> {
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if !dir.pop() {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_setting() {
        let c: Config = toml::from_str(
            "dictionaries = [\"a.tsv\"]\ndisable-dictionaries = [\"science\"]\nignore = [\"stated\"]\nignore-re = [\"^x\"]\nmin-signals = 3\nmin-per-thousand = 2.5\nfingerprints-only = true\nnear-misses = false\n",
        )
        .unwrap();
        assert_eq!(c.dictionaries, [PathBuf::from("a.tsv")]);
        assert_eq!(c.disable_dictionaries, ["science"]);
        assert_eq!(c.ignore, ["stated"]);
        assert_eq!(c.ignore_re, ["^x"]);
        assert_eq!(c.min_signals, Some(3));
        assert_eq!(c.min_per_thousand, Some(2.5));
        assert_eq!(c.fingerprints_only, Some(true));
        assert_eq!(c.near_misses, Some(false));
    }

    #[test]
    fn unknown_keys_are_errors() {
        assert!(toml::from_str::<Config>("min_signals = 3\n").is_err());
    }
}
