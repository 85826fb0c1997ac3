//! Choosing "a" or "an" for the word that follows.

use crate::format::tokenize::{touching, Token, TokenKind};
use crate::rewrite::edit::{Edit, Rule, FINGERPRINT_CONFIDENCE};

/// Whether `word` takes "an" (`Some(true)`), "a" (`Some(false)`), or is too
/// uncertain to say (`None`: acronyms, symbols).
pub(crate) fn wants_an(word: &str) -> Option<bool> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        // "an 8", "an 11-year", "an 18th"; everything else "a".
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        return Some(digits.starts_with('8') || digits == "11" || digits == "18");
    }
    if !first.is_alphabetic() {
        return None;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        return None; // "an FBI", "a NATO": spelled out or read as a word
    }
    let w = word.to_lowercase();
    const VOWEL_BUT_A: &[&str] = &[
        "uni", "use", "usu", "uti", "ura", "ure", "uro", "ubiq", "eu", "ewe", "one", "once", "uk",
    ];
    const BUT_AN: &[&str] = &["unin", "unim", "unid", "unic"];
    const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    if SILENT_H.iter().any(|p| w.starts_with(p)) {
        return Some(true);
    }
    if BUT_AN.iter().any(|p| w.starts_with(p)) {
        return Some(true);
    }
    if VOWEL_BUT_A.iter().any(|p| w.starts_with(p)) {
        return Some(false);
    }
    Some(matches!(
        w.chars().next(),
        Some('a' | 'e' | 'i' | 'o' | 'u')
    ))
}

/// The article `article` ("a", "An", ...) rewritten to agree with `next`,
/// or `None` when it already agrees or cannot be judged.
pub(crate) fn fix_article(article: &str, next: &str) -> Option<String> {
    let is_an = match article.to_lowercase().as_str() {
        "a" => false,
        "an" => true,
        _ => return None,
    };
    let want = wants_an(next)?;
    if want == is_an {
        return None;
    }
    let upper = article.chars().next().is_some_and(char::is_uppercase);
    let all_upper = article.len() > 1 && article.chars().all(char::is_uppercase);
    Some(match (want, upper, all_upper) {
        (true, _, true) => "AN".to_string(),
        (true, true, _) => "An".to_string(),
        (true, false, _) => "an".to_string(),
        (false, true, _) => "A".to_string(),
        (false, false, _) => "a".to_string(),
    })
}

/// An edit of the "a"/"an" just before token `first`, when the restored
/// word needs the other form and the original agreed with the old word.
pub(crate) fn article_before(
    text: &str,
    tokens: &[Token],
    first: usize,
    last_edited: Option<usize>,
    original: &str,
    replacement: &str,
) -> Option<Edit> {
    let prev = first.checked_sub(1)?;
    if last_edited.is_some_and(|l| l >= prev) || tokens[first].break_before {
        return None;
    }
    let art = tokens[prev];
    if art.kind != TokenKind::Word || touching(text, art.end, tokens[first].start) {
        return None;
    }
    let article = &text[art.start..art.end];
    let old_word = original.split_whitespace().next()?;
    let new_word = replacement.split_whitespace().next()?;
    // Only repair an article that agreed with the word it stood before.
    if fix_article(article, old_word).is_some() {
        return None;
    }
    let fixed = fix_article(article, new_word)?;
    Some(Edit::new(
        art.start..art.end,
        article,
        fixed,
        Rule::Article,
        FINGERPRINT_CONFIDENCE,
        format!("article agrees with the restored word {new_word:?}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        assert_eq!(wants_an("everlasting"), Some(true));
        assert_eq!(wants_an("lasting"), Some(false));
        assert_eq!(wants_an("hour"), Some(true));
        assert_eq!(wants_an("university"), Some(false));
        assert_eq!(wants_an("unrealistic"), Some(true));
        assert_eq!(wants_an("one-time"), Some(false));
        assert_eq!(wants_an("FBI"), None);
        assert_eq!(wants_an("8%"), Some(true));
        assert_eq!(fix_article("an", "lasting").as_deref(), Some("a"));
        assert_eq!(fix_article("A", "amazing").as_deref(), Some("An"));
        assert_eq!(fix_article("a", "new"), None);
        assert_eq!(fix_article("the", "apple"), None);
    }
}
