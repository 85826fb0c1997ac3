//! The settings a run uses: the configuration file's, with the options on
//! the command line winning, checked, and turned into a restorer builder.
//! `--print-config` prints them.

use std::fmt::Write as _;
use std::path::PathBuf;

use unspin::{Dictionary, Restorer, RestorerBuilder};

use super::args::{DictionaryArgs, SourceArgs};
use super::config::Config;

/// The effective settings of a run.
#[derive(Debug)]
pub(crate) struct Settings {
    /// The configuration file read, if any.
    pub config_file: Option<PathBuf>,
    /// Extra dictionaries, the configuration's (resolved against its
    /// directory) first.
    pub dictionaries: Vec<PathBuf>,
    pub default_dictionaries: bool,
    pub disable_dictionaries: Vec<String>,
    pub ignore: Vec<String>,
    /// Regular expressions whose matches are left alone.
    pub ignore_re: Vec<String>,
    pub near_misses: bool,
    pub min_signals: usize,
    pub min_per_thousand: f64,
    pub fingerprints_only: bool,
    pub language_model: bool,
    /// Hand-set margins instead of the decision model, where set.
    pub lm_margin: Option<f64>,
    pub lm_margin_spun: Option<f64>,
    /// A decision model file instead of the embedded model.
    pub decision_model: Option<PathBuf>,
}

impl Settings {
    /// The settings of `config` with the dictionary options `args` on top;
    /// the gate and language model as `config` sets them (or defaults).
    pub(crate) fn sources(args: &SourceArgs, config: &Config) -> Settings {
        let flag = |yes: bool, no: bool| {
            if yes {
                Some(true)
            } else if no {
                Some(false)
            } else {
                None
            }
        };
        Settings {
            config_file: config.path.clone(),
            dictionaries: config
                .dictionary_paths()
                .chain(args.dict.iter().cloned())
                .collect(),
            default_dictionaries: !args.no_default_dictionaries
                && config.default_dictionaries != Some(false),
            disable_dictionaries: config
                .disable_dictionaries
                .iter()
                .chain(&args.disable_dictionary)
                .cloned()
                .collect(),
            ignore: config
                .ignore
                .iter()
                .map(String::as_str)
                .chain(args.ignore.iter().map(String::as_str))
                .chain(super::ignore::words(&args.ignore_words))
                .map(str::to_string)
                .collect(),
            ignore_re: config
                .ignore_re
                .iter()
                .chain(&args.ignore_re)
                .cloned()
                .collect(),
            near_misses: flag(args.near_misses, args.no_near_misses)
                .or(config.near_misses)
                .unwrap_or(true),
            min_signals: config
                .min_signals
                .unwrap_or(RestorerBuilder::DEFAULT_MIN_SIGNALS),
            min_per_thousand: config
                .min_per_thousand
                .unwrap_or(RestorerBuilder::DEFAULT_MIN_PER_THOUSAND),
            fingerprints_only: config.fingerprints_only == Some(true),
            language_model: config.language_model.unwrap_or(true),
            lm_margin: config.lm_margin,
            lm_margin_spun: config.lm_margin_spun,
            decision_model: None,
        }
    }

    /// The gate and language-model options `args` on top.
    pub(crate) fn gate(mut self, args: &DictionaryArgs) -> Settings {
        self.fingerprints_only |= args.fingerprints_only;
        self.min_signals = args.min_signals.unwrap_or(self.min_signals);
        self.min_per_thousand = args.min_per_thousand.unwrap_or(self.min_per_thousand);
        if args.no_language_model {
            self.language_model = false;
        } else if args.language_model {
            self.language_model = true;
        }
        self.lm_margin = args.lm_margin.or(self.lm_margin);
        self.lm_margin_spun = args.lm_margin_spun.or(self.lm_margin_spun);
        self.decision_model = args.decision_model.clone().or(self.decision_model);
        self
    }

    /// A builder with these settings: the dictionaries loaded, the names
    /// to leave out checked. The error is a message for standard error.
    pub(crate) fn builder(&self) -> Result<RestorerBuilder, String> {
        let mut builder = Restorer::builder()
            .default_dictionaries(self.default_dictionaries)
            .near_misses(self.near_misses)
            .ambiguous(!self.fingerprints_only)
            .min_signals(self.min_signals)
            .min_per_thousand(self.min_per_thousand)
            .language_model(self.language_model);
        if let Some(path) = &self.decision_model {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let model = unspin::DecisionModel::from_toml(&text)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            builder = builder.decision_model(model);
        }
        // Either margin set by hand replaces the decision model.
        if self.lm_margin.is_some() || self.lm_margin_spun.is_some() {
            builder = builder.language_model_margins(
                self.lm_margin
                    .unwrap_or(RestorerBuilder::DEFAULT_MARGIN_WEAK),
                self.lm_margin_spun
                    .unwrap_or(RestorerBuilder::DEFAULT_MARGIN_STRONG),
            );
        }
        // The names a dictionary may be left out by (only needed then).
        let mut names: Vec<String> = if self.disable_dictionaries.is_empty() {
            Vec::new()
        } else {
            Restorer::new()
                .dictionaries()
                .iter()
                .map(|d| d.name().to_string())
                .collect()
        };
        for path in &self.dictionaries {
            let d = Dictionary::from_path(path).map_err(|e| e.to_string())?;
            names.push(d.info().name().to_string());
            builder = builder.dictionary(d);
        }
        for name in &self.disable_dictionaries {
            if !names.contains(name) {
                return Err(format!(
                    "cannot disable {name:?}: there is no dictionary by that name (there are {})",
                    names.join(", ")
                ));
            }
            builder = builder.disable_dictionary(name);
        }
        for phrase in &self.ignore {
            builder = builder.ignore(phrase);
        }
        super::ignore::regexes(builder, &self.ignore_re)
    }

    /// The settings as a configuration file would give them.
    pub(crate) fn to_toml(&self) -> String {
        let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
        let list = |items: Vec<String>| {
            let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
            format!("[{}]", quoted.join(", "))
        };
        let number = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.1}")
            } else {
                format!("{x}")
            }
        };
        let mut out = String::new();
        match &self.config_file {
            Some(path) => {
                let _ = writeln!(out, "# from {} and the command line", path.display());
            }
            None => out.push_str("# no configuration file: defaults and the command line\n"),
        }
        let paths = self
            .dictionaries
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let _ = writeln!(out, "dictionaries = {}", list(paths));
        let _ = writeln!(out, "default-dictionaries = {}", self.default_dictionaries);
        let _ = writeln!(
            out,
            "disable-dictionaries = {}",
            list(self.disable_dictionaries.clone())
        );
        let _ = writeln!(out, "ignore = {}", list(self.ignore.clone()));
        let _ = writeln!(out, "ignore-re = {}", list(self.ignore_re.clone()));
        let _ = writeln!(out, "min-signals = {}", self.min_signals);
        let _ = writeln!(out, "min-per-thousand = {}", number(self.min_per_thousand));
        let _ = writeln!(out, "fingerprints-only = {}", self.fingerprints_only);
        let _ = writeln!(out, "near-misses = {}", self.near_misses);
        let _ = writeln!(out, "language-model = {}", self.language_model);
        match (self.lm_margin, self.lm_margin_spun) {
            (None, None) => {
                let _ = writeln!(
                    out,
                    "# lm-margin and lm-margin-spun unset: the decision model judges each occurrence"
                );
            }
            (weak, strong) => {
                let weak = weak.unwrap_or(RestorerBuilder::DEFAULT_MARGIN_WEAK);
                let strong = strong.unwrap_or(RestorerBuilder::DEFAULT_MARGIN_STRONG);
                let _ = writeln!(out, "lm-margin = {}", number(weak));
                let _ = writeln!(out, "lm-margin-spun = {}", number(strong));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `--print-config` prints reads back as the same settings.
    #[test]
    fn printed_settings_read_back() {
        let config: Config = toml::from_str(
            "dictionaries = [\"a \\\"b\\\".tsv\"]\ndisable-dictionaries = [\"science\"]\nignore = [\"stated\"]\nmin-signals = 3\nmin-per-thousand = 2.5\nnear-misses = false\nlanguage-model = false\nlm-margin = 1.0\nlm-margin-spun = -1.5\n",
        )
        .unwrap();
        let args = SourceArgs {
            dict: vec![],
            no_default_dictionaries: false,
            config: None,
            no_config: false,
            disable_dictionary: vec!["news".into()],
            ignore: vec![],
            ignore_words: vec![],
            ignore_re: vec![],
            near_misses: false,
            no_near_misses: false,
        };
        let settings = Settings::sources(&args, &config);
        let printed = settings.to_toml();
        let again: Config = toml::from_str(&printed).unwrap();
        assert_eq!(again.dictionaries, [PathBuf::from("a \"b\".tsv")]);
        assert_eq!(again.disable_dictionaries, ["science", "news"]);
        assert_eq!(again.ignore, ["stated"]);
        assert_eq!(again.min_signals, Some(3));
        assert_eq!(again.min_per_thousand, Some(2.5));
        assert_eq!(again.near_misses, Some(false));
        assert_eq!(again.language_model, Some(false));
        assert_eq!(again.lm_margin, Some(1.0));
        assert_eq!(again.lm_margin_spun, Some(-1.5));
        assert_eq!(again.default_dictionaries, Some(true));
    }
}
