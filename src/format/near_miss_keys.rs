//! Which lexicon keys the near-miss index holds, and how phrases become
//! skeletons. Only `std`: the build script includes this module to
//! precompute the index of the embedded dictionaries, so start-up does not
//! walk ten thousand keys, and the two cannot disagree.

/// Whether `c` is kept in a skeleton.
pub(crate) fn is_skeleton_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Appends the skeleton of `token`: its letters and digits, lower-cased.
pub(crate) fn push_skeleton(token: &str, out: &mut String) {
    // Most words are ASCII: skip the Unicode tables for them.
    if token.is_ascii() {
        out.extend(
            token
                .bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase() as char),
        );
        return;
    }
    for c in token.chars().filter(|&c| is_skeleton_char(c)) {
        out.extend(c.to_lowercase());
    }
}

/// A phrase the index holds, from its lexicon key (folded tokens joined by
/// spaces).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct IndexKey {
    /// The first word and the first letter of the second, joined by a
    /// space: where in a text the phrase can start.
    pub start: String,
    /// The skeleton of the whole phrase.
    pub skeleton: String,
    /// Its number of words.
    pub words: usize,
}

/// The index key of a fingerprint's lexicon key, or `None` when it is not
/// indexed: a single word, or punctuation inside ("u . okay ." is
/// abbreviation damage, where one letter is all the difference: exact
/// matches only).
pub(crate) fn index_key(key: &str) -> Option<IndexKey> {
    let (first, rest) = key.split_once(' ')?;
    if !key.chars().all(|c| c == ' ' || is_skeleton_char(c)) {
        return None;
    }
    let second = rest.chars().next()?;
    let mut start = String::with_capacity(first.len() + 1 + second.len_utf8());
    start.push_str(first);
    start.push(' ');
    start.push(second);
    Some(IndexKey {
        start,
        skeleton: key.chars().filter(|&c| c != ' ').collect(),
        words: key.split(' ').count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_skeletons() {
        let k = index_key("getty pictures").unwrap();
        assert_eq!(
            (k.start.as_str(), k.skeleton.as_str(), k.words),
            ("getty p", "gettypictures", 2)
        );
        assert_eq!(index_key("protection"), None);
        assert_eq!(index_key("u . okay ."), None);
        let mut s = String::new();
        push_skeleton("Hegseth’s", &mut s);
        push_skeleton("Ünïted-States", &mut s);
        assert_eq!(s, "hegsethsünïtedstates");
    }
}
