//! Parsers of numeric option values: every number option takes negative
//! numbers as values (`--lm-margin -1`, `--min-per-thousand -1`), and
//! rejects what it cannot use (NaN, infinities, negative counts) with one
//! line that says why, instead of running with a setting that silently
//! turns a check off.

/// A finite number: NaN and infinities are refused.
pub(crate) fn finite(value: &str) -> Result<f64, String> {
    let x: f64 = value
        .trim()
        .parse()
        .map_err(|_| "expected a number".to_string())?;
    check_finite(x)
}

/// A finite number, 0 or more.
pub(crate) fn non_negative(value: &str) -> Result<f64, String> {
    finite(value).and_then(check_non_negative)
}

/// A whole number, 0 or more.
pub(crate) fn count(value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "expected a whole number, 0 or more".to_string())
}

/// `x` when it is finite.
pub(crate) fn check_finite(x: f64) -> Result<f64, String> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(format!("expected a finite number, not {x}"))
    }
}

/// `x` when it is 0 or more (and finite).
pub(crate) fn check_non_negative(x: f64) -> Result<f64, String> {
    match check_finite(x)? {
        x if x < 0.0 => Err(format!("expected 0 or more, not {x}")),
        x => Ok(x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_finite() {
        assert_eq!(finite("-0.5"), Ok(-0.5));
        assert_eq!(finite("2"), Ok(2.0));
        for bad in ["nan", "NaN", "inf", "-inf", "infinity", "x", ""] {
            assert!(finite(bad).is_err(), "{bad}");
        }
        assert_eq!(non_negative("0"), Ok(0.0));
        assert!(non_negative("-1").unwrap_err().contains("0 or more"));
        assert_eq!(count("3"), Ok(3));
        assert!(count("-1").unwrap_err().contains("whole number"));
    }
}
