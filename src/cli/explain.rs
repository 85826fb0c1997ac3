//! `--explain`: the evidence of spin and a line per edit, per occurrence
//! left alone and per suggestion, on standard error; whole inputs and
//! chunks of long ones are explained alike.

use std::io::{self, Write};

use unspin::{Edit, Evidence, Rule, Skipped, Suggestion};

/// The evidence line of `--explain`, on standard error.
pub(crate) fn explain_evidence(label: &str, evidence: &Evidence) {
    let _ = writeln!(
        io::stderr().lock(),
        "{label}: {} words, {} fingerprints, {} spintax leftovers, {:.1} signals per 1,000 words: {}",
        evidence.words(),
        evidence.fingerprints(),
        evidence.spintax(),
        evidence.per_thousand(),
        if evidence.is_spun() { "spun" } else { "not shown to be spun" }
    );
}

/// One line per edit on standard error: where, what, which rule, why; then
/// one line per ambiguous occurrence left alone, then one per suggestion.
/// `input` starts at offset `start` of the whole input, where `at` is.
pub(crate) fn explain_edits(
    label: &str,
    input: &[u8],
    (edits, skipped, suggestions): (&[Edit], &[Skipped], &[Suggestion]),
    at: Locator,
    start: usize,
) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    // Each list is in input order: its positions are found reading
    // forward from `at`.
    let mut lines = |starts: &mut dyn Iterator<Item = (usize, String)>| {
        let mut position = at.clone();
        for (at, text) in starts {
            let (line, col) = position.advance(input, at.saturating_sub(start));
            let _ = writeln!(err, "{label}:{line}:{col}: {text}");
        }
    };
    lines(&mut edits.iter().map(|e| {
        let text = format!(
            "{:?} -> {:?} [{}, confidence {:.2}] {}",
            e.original(),
            e.replacement(),
            describe(e.rule()),
            e.confidence(),
            e.reason()
        );
        (e.span().start, text)
    }));
    lines(&mut skipped.iter().map(|s| {
        let text = format!(
            "{:?} left alone (not {:?}) [{}] {}",
            s.original(),
            s.replacement(),
            describe(s.rule()),
            s.reason()
        );
        (s.span().start, text)
    }));
    lines(&mut suggestions.iter().map(|s| {
        let scores: Vec<String> = s
            .candidates()
            .iter()
            .map(|c| format!("{:.2}", c.score()))
            .collect();
        let text = format!(
            "{:?} might be {} [suggestion, scores {}] {}",
            s.original(),
            alternatives(s),
            scores.join(", "),
            s.reason()
        );
        (s.span().start, text)
    }));
}

/// The candidates of a suggestion in words: `"a"`, `"a" or "b"`, `"a", "b"
/// or "c"`.
pub(crate) fn alternatives(s: &Suggestion) -> String {
    let quoted: Vec<String> = s
        .candidates()
        .iter()
        .map(|c| format!("{:?}", c.replacement()))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Lines and columns of increasing offsets, found by reading forward: for
/// offsets in order, linear in the input, where a search from its start
/// for each would be quadratic.
#[derive(Clone, Debug, Default)]
pub(crate) struct Locator {
    /// Where it is in the current piece of input.
    pos: usize,
    /// Newlines before it.
    lines: usize,
    /// Characters between the last newline and it.
    chars: usize,
}

impl Locator {
    /// Moves forward to byte `to` of `input` (the piece it is in) and
    /// gives its 1-based line and column (in characters, as
    /// `output::line_col` counts them).
    pub(crate) fn advance(&mut self, input: &[u8], to: usize) -> (usize, usize) {
        let to = to.clamp(self.pos, input.len().max(self.pos));
        let seg = &input[self.pos.min(input.len())..to.min(input.len())];
        match seg.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.lines += seg.iter().filter(|&&b| b == b'\n').count();
                self.chars = String::from_utf8_lossy(&seg[last + 1..]).chars().count();
            }
            None => self.chars += String::from_utf8_lossy(seg).chars().count(),
        }
        self.pos = to;
        (self.lines + 1, self.chars + 1)
    }

    /// Goes on at the start of the next piece of input.
    pub(crate) fn restart(&mut self) {
        self.pos = 0;
    }
}

fn describe(rule: &Rule) -> String {
    match rule {
        Rule::Lexicon {
            dictionary,
            line,
            class,
            ..
        } => format!("{dictionary}:{line} {class}"),
        Rule::Spintax => "spintax".to_string(),
        Rule::Suggestion => "suggestion".to_string(),
        Rule::Article => "article".to_string(),
        Rule::Name { line, .. } => format!("name-words:{line} name"),
        Rule::NearMiss {
            dictionary,
            line,
            difference,
            ..
        } => format!("{dictionary}:{line} near miss, {difference}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output::line_col;

    #[test]
    fn alternatives_list_the_candidates_in_words() {
        let r = unspin::Restorer::new()
            .restore("The Protection Secretary met the U.Okay. team. They may leave soon.");
        let s = r
            .suggestions()
            .iter()
            .find(|s| s.original() == "may")
            .unwrap();
        let quoted: Vec<String> = s
            .candidates()
            .iter()
            .map(|c| format!("{:?}", c.replacement()))
            .collect();
        assert_eq!(quoted.len(), 3);
        assert_eq!(
            alternatives(s),
            format!("{}, {} or {}", quoted[0], quoted[1], quoted[2])
        );
    }

    #[test]
    fn locator_agrees_with_line_col() {
        let text = [
            &b"ab\nc"[..],
            "é".as_bytes(),
            b"\r\n\n\xe9 x\nyz\xff\xfe q\nlast",
        ]
        .concat();
        let offsets = [0, 1, 3, 4, 6, 9, 10, 13, 15, 16, 18, text.len()];
        let mut at = Locator::default();
        for &o in &offsets {
            assert_eq!(at.advance(&text, o), line_col(&text, o), "offset {o}");
        }
        // In pieces.
        let (a, b) = text.split_at(10);
        let mut at = Locator::default();
        assert_eq!(at.advance(a, 6), line_col(&text, 6));
        at.advance(a, a.len());
        at.restart();
        for &o in &offsets[6..] {
            assert_eq!(at.advance(b, o - 10), line_col(&text, o), "offset {o}");
        }
    }
}
