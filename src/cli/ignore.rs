//! Text and phrases left alone on request: `--ignore-re` and the
//! configuration's `ignore-re` (regular expressions whose matches are
//! protected regions), `-L/--ignore-words` and `ignore` (phrases never
//! restored).

use regex::Regex;
use unspin::RestorerBuilder;

/// The phrases of `-L/--ignore-words` values: comma-separated, trimmed,
/// empty ones dropped.
pub(crate) fn words(values: &[String]) -> impl Iterator<Item = &str> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty())
}

/// `builder`, leaving alone every match of `patterns` (`--ignore-re`
/// values and the configuration's `ignore-re`). An invalid pattern is an
/// error naming it.
pub(crate) fn regexes(
    builder: RestorerBuilder,
    patterns: &[String],
) -> Result<RestorerBuilder, String> {
    if patterns.is_empty() {
        return Ok(builder);
    }
    let compiled = patterns
        .iter()
        .map(|p| Regex::new(p).map_err(|e| format!("--ignore-re {p:?}: {e}")))
        .collect::<Result<Vec<Regex>, String>>()?;
    Ok(builder.ignore_regions(move |text| {
        compiled
            .iter()
            .flat_map(|re| re.find_iter(text).map(|m| m.range()))
            .collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_comma_separated() {
        let values = [
            "stated, in keeping with".to_string(),
            ",battle,".to_string(),
        ];
        assert_eq!(
            words(&values).collect::<Vec<_>>(),
            ["stated", "in keeping with", "battle"]
        );
    }

    #[test]
    fn matches_are_left_alone() {
        let b = regexes(
            unspin::Restorer::builder(),
            &[r"(?m)^> .*$".to_string(), r"\bU\.Okay\.\)".to_string()],
        )
        .unwrap();
        let r = b
            .build()
            .restore("> Getty Pictures\nGetty Pictures (U.Okay.)\n");
        assert_eq!(r.text(), "> Getty Pictures\nGetty Images (U.Okay.)\n");
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let e = regexes(unspin::Restorer::builder(), &["(unclosed".to_string()]).unwrap_err();
        assert!(e.starts_with("--ignore-re \"(unclosed\": "), "{e}");
    }
}
