//! Carrying the case pattern of the spun text over to its replacement.

use crate::format::tokenize::SMALL_WORDS;

/// The case shape of a span of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Lower,
    /// First letter upper case, the rest not title case.
    Capitalized,
    /// Two or more words and every word that is not a small word starts
    /// with a capital.
    Title,
    /// At least two letters, none lower case.
    Upper,
}

fn shape(text: &str) -> Shape {
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    if upper >= 2 && lower == 0 {
        return Shape::Upper;
    }
    let first_upper = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if !first_upper {
        return Shape::Lower;
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .collect();
    let title = words.len() >= 2
        && words.iter().all(|w| {
            SMALL_WORDS.contains(&w.to_lowercase().as_str())
                || w.chars().next().is_some_and(|c| !c.is_lowercase())
        });
    if title {
        Shape::Title
    } else {
        Shape::Capitalized
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes `canonical` in the case pattern of `source`.
///
/// A canonical phrase with capitals ("U.K.", "Getty Images") is written as
/// the dictionary has it, except that an all-caps source stays all caps, a
/// capital at the start of the source is kept, and in a title-case source
/// its lower-case words are capitalized too ("World Wellbeing Association
/// (WHO)" -> "World Health Organization (WHO)").
pub(crate) fn transfer_case(source: &str, canonical: &str) -> String {
    let cased = transfer_letter_case(source, canonical);
    match_spacing(source, match_apostrophes(source, cased))
}

/// Uses the source's line breaks: a phrase wrapped over two lines
/// ("Getty\nPictures") keeps its break ("Getty\nImages"), so a restore
/// never joins lines. With as many gaps between words in the source as
/// spaces in the replacement, each gap is copied; otherwise the last space
/// takes the source's first gap that holds a line break.
fn match_spacing(source: &str, replacement: String) -> String {
    let gaps: Vec<&str> = whitespace_runs(source).collect();
    if !gaps.iter().any(|g| g.contains('\n')) {
        return replacement;
    }
    let spaces = replacement.matches(' ').count();
    if spaces == 0 {
        return replacement;
    }
    let mut out = String::with_capacity(replacement.len() + 2);
    let mut words = replacement.split(' ');
    out.push_str(words.next().unwrap_or(""));
    if gaps.len() == spaces {
        for (gap, word) in gaps.iter().zip(words) {
            out.push_str(gap);
            out.push_str(word);
        }
    } else {
        let line_break = gaps.iter().find(|g| g.contains('\n')).expect("checked");
        for (k, word) in words.enumerate() {
            out.push_str(if k + 1 == spaces { line_break } else { " " });
            out.push_str(word);
        }
    }
    out
}

/// The maximal runs of whitespace in `text`.
fn whitespace_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_whitespace())
        .filter(|run| !run.is_empty())
}

/// Uses the source's apostrophe: a text typeset with curly apostrophes
/// ("doesn’t") must not get a straight one ("doesn't") from the dictionary,
/// which is written with straight ones.
fn match_apostrophes(source: &str, replacement: String) -> String {
    let curly = source.contains('\u{2019}');
    let straight = source.contains('\'');
    if curly && !straight && replacement.contains('\'') {
        replacement.replace('\'', "\u{2019}")
    } else {
        replacement
    }
}

/// A source that starts in lower case may still capitalize later words
/// ("protection Secretary", a line break between): with as many words on
/// both sides, each canonical word without capitals of its own takes its
/// source word's initial capital. Otherwise the canonical is kept as it is.
fn per_word_capitals(source: &str, canonical: &str) -> String {
    let words: Vec<&str> = source
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let capitals = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if !words.iter().any(capitals) || words.len() != canonical.split(' ').count() {
        return canonical.to_string();
    }
    let mut out = String::with_capacity(canonical.len());
    for (i, (piece, word)) in canonical.split(' ').zip(&words).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if capitals(word) && !piece.chars().any(char::is_uppercase) {
            out.push_str(&capitalize(piece));
        } else {
            out.push_str(piece);
        }
    }
    out
}

fn transfer_letter_case(source: &str, canonical: &str) -> String {
    let src = shape(source);
    if src == Shape::Upper {
        return canonical.to_uppercase();
    }
    match src {
        Shape::Lower => per_word_capitals(source, canonical),
        Shape::Title => {
            let mut out = String::with_capacity(canonical.len());
            for (i, piece) in canonical.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                // A word with its own capitals ("IoT", "U.K.") stays.
                let own_capitals = piece.chars().any(char::is_uppercase);
                if own_capitals || (i > 0 && SMALL_WORDS.contains(&piece)) {
                    out.push_str(piece);
                } else {
                    out.push_str(&capitalize(piece));
                }
            }
            out
        }
        _ => capitalize(canonical),
    }
}

#[cfg(test)]
mod tests {
    use super::transfer_case;

    #[test]
    fn line_breaks_inside_a_phrase_are_kept() {
        assert_eq!(
            transfer_case("Getty\nPictures", "Getty Images"),
            "Getty\nImages"
        );
        assert_eq!(
            transfer_case("Protection\r\n  Secretary", "Defense Secretary"),
            "Defense\r\n  Secretary"
        );
        // Fewer gaps than spaces: the last space takes the break.
        assert_eq!(transfer_case("they\nusually", "and they"), "and\nthey");
        assert_eq!(
            transfer_case(
                "counterfeit\nconsciousness",
                "artificial intelligence system"
            ),
            "artificial intelligence\nsystem"
        );
        assert_eq!(transfer_case("U.Okay.", "U.K."), "U.K.");
        assert_eq!(
            transfer_case("Getty  Pictures", "Getty Images"),
            "Getty Images"
        );
    }

    #[test]
    fn shapes() {
        assert_eq!(transfer_case("stated", "said"), "said");
        assert_eq!(transfer_case("Stated", "said"), "Said");
        assert_eq!(transfer_case("STATED", "said"), "SAID");
        assert_eq!(
            transfer_case("Authorities Forms", "government bureaucracy"),
            "Government Bureaucracy"
        );
        assert_eq!(
            transfer_case("Supreme Courtroom", "supreme court"),
            "Supreme Court"
        );
        assert_eq!(
            transfer_case("Division of Protection", "department of defense"),
            "Department of Defense"
        );
        assert_eq!(transfer_case("They usually", "and they"), "And they");
        assert_eq!(transfer_case("U.Okay.", "U.K."), "U.K.");
        // A lower-case start with a capital later keeps each word's capital.
        assert_eq!(
            transfer_case("protection\nSecretery", "defense secretary"),
            "defense\nSecretary"
        );
        assert_eq!(
            transfer_case("protection Secretary", "secretary of defense"),
            "secretary of defense"
        );
        assert_eq!(
            transfer_case("protection secretary", "Defense Secretary"),
            "Defense Secretary"
        );
        assert_eq!(transfer_case("A brand new", "a new"), "A new");
        assert_eq!(
            transfer_case("getty pictures", "Getty Images"),
            "Getty Images"
        );
        assert_eq!(
            transfer_case(
                "World Wellbeing Association (WHO)",
                "world health organization (WHO)"
            ),
            "World Health Organization (WHO)"
        );
        assert_eq!(
            transfer_case(
                "world wellbeing association (WHO)",
                "world health organization (WHO)"
            ),
            "world health organization (WHO)"
        );
        assert_eq!(
            transfer_case("Concealed Markov Model", "hidden Markov model"),
            "Hidden Markov Model"
        );
        assert_eq!(
            transfer_case("Web Of Things", "iPhone of things"),
            "iPhone of Things"
        );
    }

    #[test]
    fn apostrophes_follow_the_source() {
        assert_eq!(
            transfer_case("doesn\u{2019}t imagine", "doesn't believe"),
            "doesn\u{2019}t believe"
        );
        assert_eq!(
            transfer_case("doesn't imagine", "doesn't believe"),
            "doesn't believe"
        );
        assert_eq!(transfer_case("just isn\u{2019}t", "is not"), "is not");
    }
}
