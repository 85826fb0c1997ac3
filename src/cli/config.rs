//! `unspin.toml`: per-project settings, found in the working directory or
//! the nearest directory above it (or named with `--config`). In each
//! directory, `unspin.toml` comes first, then `.unspin.toml`, then the
//! `[tool.unspin]` table of `pyproject.toml` (a `pyproject.toml` without
//! one is passed over).
//!
//! ```toml
//! dictionaries = ["house.tsv"]          # extra dictionaries, relative to this file
//! default-dictionaries = true           # the embedded dictionaries
//! disable-dictionaries = ["science"]    # embedded (or extra) dictionaries to leave out
//! ignore = ["stated", "in keeping with"] # phrases never to restore
//! ignore-re = ['(?m)^> .*$']             # text to leave alone (regular expressions)
//! min-signals = 3                       # the gate for ambiguous entries
//! min-per-thousand = 2.5
//! fingerprints-only = false
//! near-misses = true
//! language-model = true
//! lm-margin = 2.0                       # language-model margins (log10)
//! lm-margin-spun = -0.5
//! ```
//!
//! Options given on the command line win over the file; each key has an
//! option of the same name (`--disable-dictionary` and `--ignore` are
//! repeated, `--no-…` turns a `true` off).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file names searched for in each directory, in this order.
pub(crate) const FILE_NAMES: [&str; 3] = ["unspin.toml", ".unspin.toml", PYPROJECT];

/// A Python project's settings file: unspin reads its `[tool.unspin]`.
const PYPROJECT: &str = "pyproject.toml";

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
    pub default_dictionaries: Option<bool>,
    pub language_model: Option<bool>,
    pub lm_margin: Option<f64>,
    pub lm_margin_spun: Option<f64>,
    /// The directory of the file: relative dictionary paths start there.
    #[serde(skip)]
    pub dir: PathBuf,
    /// The file read, if any.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// The parts of a `pyproject.toml` that matter here.
#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    unspin: Option<Config>,
}

impl Config {
    /// The configuration to use: the file named by `explicit`, else the
    /// nearest `unspin.toml` at or above the working directory, else none.
    pub(crate) fn load(explicit: Option<&Path>, disabled: bool) -> Result<Config, String> {
        if disabled {
            return Ok(Config::default());
        }
        let (path, text) = match explicit {
            Some(p) => {
                let text =
                    std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
                (p.to_path_buf(), text)
            }
            None => match find_upward()? {
                Some(found) => found,
                None => return Ok(Config::default()),
            },
        };
        let mut config = parse(&path, &text)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .unwrap_or_default();
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.path = Some(path);
        Ok(config)
    }

    /// Refuses numbers no setting can use (NaN, infinities, a negative
    /// density).
    fn validate(self) -> Result<Config, String> {
        fn key(name: &'static str) -> impl Fn(String) -> String {
            move |e| format!("{name}: {e}")
        }
        if let Some(x) = self.min_per_thousand {
            super::values::check_non_negative(x).map_err(key("min-per-thousand"))?;
        }
        for (name, value) in [
            ("lm-margin", self.lm_margin),
            ("lm-margin-spun", self.lm_margin_spun),
        ] {
            if let Some(x) = value {
                super::values::check_finite(x).map_err(key(name))?;
            }
        }
        Ok(self)
    }

    /// Extra dictionary paths, resolved against the file's directory.
    pub(crate) fn dictionary_paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.dictionaries.iter().map(|p| self.dir.join(p))
    }
}

/// The settings in `text`, the contents of `path`: `None` for a
/// `pyproject.toml` without a `[tool.unspin]` table.
fn parse(path: &Path, text: &str) -> Result<Option<Config>, String> {
    let config = if path.file_name() == Some(PYPROJECT.as_ref()) {
        let project: PyProject = toml::from_str(text).map_err(|e| e.to_string())?;
        project.tool.and_then(|t| t.unspin)
    } else {
        Some(toml::from_str(text).map_err(|e| e.to_string())?)
    };
    config.map(Config::validate).transpose()
}

/// The nearest configuration file at or above the working directory, and
/// its text.
fn find_upward() -> Result<Option<(PathBuf, String)>, String> {
    let Ok(mut dir) = std::env::current_dir() else {
        return Ok(None);
    };
    loop {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                continue;
            }
            let text = std::fs::read_to_string(&candidate)
                .map_err(|e| format!("{}: {e}", candidate.display()))?;
            if name == PYPROJECT && !has_tool_table(&text) {
                continue;
            }
            return Ok(Some((candidate, text)));
        }
        if !dir.pop() {
            return Ok(None);
        }
    }
}

/// Whether a `pyproject.toml` has a `[tool.unspin]` table (one that does
/// not parse counts as having it, so that its error is reported).
fn has_tool_table(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => table.get("tool").and_then(|t| t.get("unspin")).is_some(),
        Err(_) => true,
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

    #[test]
    fn numbers_no_setting_can_use_are_errors() {
        let path = Path::new("unspin.toml");
        for bad in [
            "min-per-thousand = nan\n",
            "min-per-thousand = -1.0\n",
            "lm-margin = inf\n",
            "lm-margin-spun = -nan\n",
        ] {
            assert!(parse(path, bad).is_err(), "{bad}");
        }
        assert!(parse(path, "lm-margin-spun = -1.0\n").is_ok());
    }

    #[test]
    fn pyproject_settings_are_under_tool_unspin() {
        let path = Path::new("sub/pyproject.toml");
        let text = "[project]\nname = \"x\"\n[tool.unspin]\nmin-signals = 4\n";
        assert_eq!(parse(path, text).unwrap().unwrap().min_signals, Some(4));
        assert!(parse(path, "[tool.black]\n").unwrap().is_none());
        assert!(has_tool_table(text));
        assert!(!has_tool_table("[tool.black]\nx = 1\n"));
        assert!(parse(path, "[tool.unspin]\nmin_signals = 4\n").is_err());
    }
}
