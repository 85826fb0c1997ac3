//! Regions that are never edited: URLs, e-mail addresses, Markdown link and
//! image targets, inline and fenced code, HTML tags; text marked to be left
//! alone (a line holding `unspin: ignore`, a block between
//! `<!-- unspin-ignore-start -->` and `<!-- unspin-ignore-end -->`); and
//! the ranges a caller's own finders report.
//!
//! One pass over the bytes finds the places where such a region can start;
//! each trigger is then extended by a small hand-written rule. Regions may
//! be generous: a protected byte is only ever left as it is.

use std::ops::Range;
use std::sync::Arc;

/// The bytes where a protected region's trigger is found: `:` of
/// `http://`, `https://` and `ftp://`, `.` of `www.`, `]` of `](`, and the
/// first byte of the others. All are rare in prose, unlike the first
/// letters of `http` and `www`, so a table lookup per byte passes over
/// most text.
const TRIGGER_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b":.]`~<@";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// A trigger: a URL scheme or `www.`, `](`, a backtick, `~~~`, `<`, `@`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Trigger {
    Url,
    LinkTarget,
    Backticks,
    Tildes,
    Tag,
    Email,
}

/// The trigger whose marking byte is at `i`, with its start and end.
fn trigger_at(bytes: &[u8], i: usize) -> Option<(Trigger, usize, usize)> {
    let before =
        |word: &[u8]| i >= word.len() && bytes[i - word.len()..i].eq_ignore_ascii_case(word);
    match bytes[i] {
        b':' if bytes[i + 1..].starts_with(b"//") => {
            let scheme = [&b"https"[..], b"http", b"ftp"]
                .into_iter()
                .find(|w| before(w))?;
            Some((Trigger::Url, i - scheme.len(), i + 3))
        }
        b'.' if before(b"www") => Some((Trigger::Url, i - 3, i + 1)),
        b']' if bytes.get(i + 1) == Some(&b'(') => Some((Trigger::LinkTarget, i, i + 2)),
        b'`' => Some((Trigger::Backticks, i, i + 1)),
        b'~' if bytes[i + 1..].starts_with(b"~~") => Some((Trigger::Tildes, i, i + 3)),
        b'<' => Some((Trigger::Tag, i, i + 1)),
        b'@' => Some((Trigger::Email, i, i + 1)),
        _ => None,
    }
}

/// A caller's finder of more regions to leave alone: byte ranges of the
/// text it is given. Unwind safe, so that a `Restorer` holding one is.
pub(crate) type Finder = Arc<
    dyn Fn(&str) -> Vec<Range<usize>>
        + Send
        + Sync
        + std::panic::RefUnwindSafe
        + std::panic::UnwindSafe,
>;

/// The comment that opens a block left alone.
const BLOCK_START: &[u8] = b"unspin-ignore-start";
/// The comment that closes it.
const BLOCK_END: &[u8] = b"unspin-ignore-end";

/// Finds protected regions. Build once, use for many documents.
#[derive(Clone)]
pub(crate) struct Protector {
    /// Whether `unspin: ignore` lines and `unspin-ignore-start` blocks are
    /// left alone.
    markers: bool,
    finders: Vec<Finder>,
}

impl std::fmt::Debug for Protector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Protector")
            .field("markers", &self.markers)
            .field("finders", &self.finders.len())
            .finish()
    }
}

impl Protector {
    pub fn new() -> Protector {
        Protector::with(true, Vec::new())
    }

    /// A protector that honours the ignore markers or not, and leaves alone
    /// what `finders` report too.
    pub fn with(markers: bool, finders: Vec<Finder>) -> Protector {
        Protector { markers, finders }
    }

    /// The same, honouring the markers or not.
    pub fn markers(mut self, yes: bool) -> Protector {
        self.markers = yes;
        self
    }

    /// The same, with `finder` too.
    pub fn finder(mut self, finder: Finder) -> Protector {
        self.finders.push(finder);
        self
    }

    /// Whether this is the default protector (markers, no finders).
    pub fn is_default(&self) -> bool {
        self.markers && self.finders.is_empty()
    }

    /// Sorted, non-overlapping byte ranges of `text` to leave alone.
    pub fn regions(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        self.find(text.as_bytes(), false, out);
        if self.finders.is_empty() {
            return;
        }
        for finder in &self.finders {
            for r in finder(text) {
                let end = r.end.min(text.len());
                if r.start < end {
                    out.push((r.start, end));
                }
            }
        }
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
        for &(s, e) in out.iter() {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *out = merged;
    }

    /// The regions of `window`, the beginning of a longer text: a region
    /// that the window ends before it is closed (an open code fence,
    /// comment, tag or inline code span), or that reaches the window's end,
    /// could go on past it, and ends at `usize::MAX` instead. Regions the
    /// window closes are the regions of the whole text.
    pub fn open_regions(&self, window: &[u8], out: &mut Vec<(usize, usize)>) {
        self.find(window, true, out);
    }

    fn find(&self, bytes: &[u8], open: bool, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let mut covered = 0;
        let mut i = 0;
        while i < bytes.len() {
            let Some(at) = bytes[i..].iter().position(|&b| TRIGGER_BYTES[b as usize]) else {
                break;
            };
            i += at;
            if self.markers && bytes[i] == b':' {
                if let Some((s, mut e)) = marked_line(bytes, i) {
                    if open && e >= bytes.len() {
                        e = usize::MAX;
                    }
                    push_over(out, s, e);
                    covered = covered.max(e);
                    i += 1;
                    continue;
                }
            }
            let Some((trigger, start, end)) = trigger_at(bytes, i) else {
                i += 1;
                continue;
            };
            // Triggers do not overlap: the next is looked for after this one.
            i = end;
            if start < covered {
                continue;
            }
            let region = match trigger {
                Trigger::Url => url(bytes, start),
                Trigger::LinkTarget => link_target(bytes, start, open),
                Trigger::Backticks => code(bytes, start, b'`', open),
                Trigger::Tildes => code(bytes, start, b'~', open),
                Trigger::Tag => html_tag(bytes, start, open, self.markers),
                Trigger::Email => email(bytes, start),
            };
            if let Some((s, mut e)) = region {
                if open && e >= bytes.len() {
                    e = usize::MAX;
                }
                let s = s.max(covered);
                if e > s {
                    push_merged(out, s, e);
                    covered = e;
                }
            }
        }
    }
}

/// Adds a region that may start before regions already found (a marked
/// line starts before the code or tags on it): it swallows those it
/// overlaps or touches.
fn push_over(out: &mut Vec<(usize, usize)>, mut s: usize, mut e: usize) {
    while let Some(&(ls, le)) = out.last() {
        if le < s {
            break;
        }
        s = s.min(ls);
        e = e.max(le);
        out.pop();
    }
    out.push((s, e));
}

/// The line around `colon` when the colon is that of the line marker
/// `unspin: ignore` (or `unspin:ignore`), a whole word on both sides: the
/// line from its start to its line end (or the end of the text).
fn marked_line(bytes: &[u8], colon: usize) -> Option<(usize, usize)> {
    let word = b"unspin";
    let name_start = colon.checked_sub(word.len())?;
    if &bytes[name_start..colon] != word {
        return None;
    }
    if name_start > 0 && bytes[name_start - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut i = colon + 1;
    if bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let rest = &bytes[i..];
    let after = rest.strip_prefix(&b"ignore"[..])?;
    if after
        .first()
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let start = bytes[..colon]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let end = bytes[colon..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| colon + p);
    Some((start, end))
}

fn push_merged(out: &mut Vec<(usize, usize)>, s: usize, e: usize) {
    if let Some(last) = out.last_mut() {
        if s <= last.1 {
            last.1 = last.1.max(e);
            return;
        }
    }
    out.push((s, e));
}

/// A URL runs to the next whitespace or quote/angle bracket.
fn url(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    // "www." inside a longer word is not a URL start.
    if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut end = start;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() && !b"<>\"".contains(&bytes[end]) {
        end += 1;
    }
    Some((start, end))
}

/// `](target)` with balanced parentheses, on one line. With `open`, a
/// target the text ends inside runs to the end.
fn link_target(bytes: &[u8], start: usize, open: bool) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((start, i + 1));
                }
            }
            b'\n' => return None,
            _ => {}
        }
        i += 1;
    }
    open.then_some((start, bytes.len()))
}

/// A run of backticks (or tildes) closed by a run of the same length. A
/// fence of three or more at a line start runs to its closing fence (or the
/// end of the text); a shorter run is inline code and stays on its line
/// pair (CommonMark lets it span lines, but never a blank line). With
/// `open`, inline code the text ends inside runs to the end.
fn code(bytes: &[u8], start: usize, fence: u8, open: bool) -> Option<(usize, usize)> {
    let mut run = start;
    while run < bytes.len() && bytes[run] == fence {
        run += 1;
    }
    let n = run - start;
    let at_line_start = line_start(bytes, start);
    if n >= 3 && at_line_start {
        // Fenced block: find a line that starts with at least n fence chars.
        let mut i = run;
        while i < bytes.len() {
            if bytes[i] == b'\n' {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] == b' ' {
                    j += 1;
                }
                let mut k = j;
                while k < bytes.len() && bytes[k] == fence {
                    k += 1;
                }
                if k - j >= n {
                    return Some((start, k));
                }
            }
            i += 1;
        }
        return Some((start, bytes.len()));
    }
    if fence != b'`' {
        return None;
    }
    let mut i = run;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let s = i;
            while i < bytes.len() && bytes[i] == b'`' {
                i += 1;
            }
            if i - s == n {
                return Some((start, i));
            }
            continue;
        }
        if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
            return None;
        }
        i += 1;
    }
    open.then_some((start, bytes.len()))
}

fn line_start(bytes: &[u8], pos: usize) -> bool {
    bytes[..pos]
        .iter()
        .rev()
        .find(|&&b| b != b' ')
        .is_none_or(|&b| b == b'\n')
}

/// `<tag ...>`, `</tag>`, `<!-- ... -->`, `<https://...>`; at most 4 KiB.
/// With `open`, a comment or tag the text ends inside runs to the end.
/// With `markers`, the comment `<!-- unspin-ignore-start -->` runs to the
/// end of the next `<!-- unspin-ignore-end -->` (or of the text).
fn html_tag(bytes: &[u8], start: usize, open: bool, markers: bool) -> Option<(usize, usize)> {
    let to_end = open.then_some((start, bytes.len()));
    let Some(&next) = bytes.get(start + 1) else {
        return to_end;
    };
    if bytes[start + 1..].starts_with(b"!--") {
        let end = match find(bytes, start + 4, b"-->") {
            Some(end) => end,
            None => return to_end,
        };
        if markers && bytes[start + 4..end].trim_ascii() == BLOCK_START {
            let close = find(bytes, end + 3, BLOCK_END)
                .and_then(|at| find(bytes, at + BLOCK_END.len(), b"-->"));
            return Some((start, close.map_or(bytes.len(), |c| c + 3)));
        }
        return Some((start, end + 3));
    }
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let limit = bytes.len().min(start + 4096);
    let mut i = start + 1;
    while i < limit {
        match bytes[i] {
            b'>' => return Some((start, i + 1)),
            b'<' => return None,
            _ => i += 1,
        }
    }
    if limit == bytes.len() {
        to_end
    } else {
        None
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// `local@domain.tld`: extends over the characters an address may hold.
fn email(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut s = at;
    while s > 0 && is_local(bytes[s - 1]) {
        s -= 1;
    }
    let mut e = at + 1;
    while e < bytes.len() && is_domain(bytes[e]) {
        e += 1;
    }
    while e > at + 1 && bytes[e - 1] == b'.' {
        e -= 1;
    }
    let domain = &bytes[at + 1..e];
    if s == at || !domain.contains(&b'.') {
        return None;
    }
    Some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The triggers as plain patterns: what the byte scan must find.
    fn triggers_by_automaton(bytes: &[u8]) -> Vec<(Trigger, usize, usize)> {
        use aho_corasick::{AhoCorasick, MatchKind};
        const PATTERNS: &[(&str, Trigger)] = &[
            ("http://", Trigger::Url),
            ("https://", Trigger::Url),
            ("ftp://", Trigger::Url),
            ("www.", Trigger::Url),
            ("](", Trigger::LinkTarget),
            ("`", Trigger::Backticks),
            ("~~~", Trigger::Tildes),
            ("<", Trigger::Tag),
            ("@", Trigger::Email),
        ];
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(PATTERNS.iter().map(|p| p.0))
            .unwrap();
        ac.find_iter(bytes)
            .map(|m| (PATTERNS[m.pattern().as_usize()].1, m.start(), m.end()))
            .collect()
    }

    fn triggers_by_scan(bytes: &[u8]) -> Vec<(Trigger, usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match trigger_at(bytes, i) {
                Some(t) => {
                    found.push(t);
                    i = t.2;
                }
                None => i += 1,
            }
        }
        found
    }

    proptest! {
        #[test]
        fn the_byte_scan_finds_what_an_automaton_finds(
            parts in prop::collection::vec(
                prop::sample::select(&[
                    "http", "HTTPS", "s", "://", ":", "/", "ftp", "wWw", "w", ".", "]", "(",
                    "`", "~", "~~", "<", "@", "x", " ", "\n",
                ][..]),
                0..40,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(triggers_by_scan(text.as_bytes()), triggers_by_automaton(text.as_bytes()));
        }
    }

    fn protected(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Protector::new().regions(text, &mut out);
        out.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn urls_and_markdown_targets() {
        let text = "![alt](https://x.com/a_(b).jpg?w=1) see www.example.org/path, or http://a.b";
        assert_eq!(
            protected(text),
            [
                "](https://x.com/a_(b).jpg?w=1)",
                "www.example.org/path,",
                "http://a.b"
            ]
        );
    }

    #[test]
    fn code_tags_and_email() {
        let text = "Use `stated` here.\n```\nbattle\n```\n<a href=\"x\">link</a> mail me@x.org.";
        assert_eq!(
            protected(text),
            [
                "`stated`",
                "```\nbattle\n```",
                "<a href=\"x\">",
                "</a>",
                "me@x.org"
            ]
        );
    }

    #[test]
    fn a_line_with_the_marker_is_left_alone() {
        let text = "a U.Okay.\nthe U.Okay. `x` <b> # unspin: ignore\nb\nc unspin:ignore";
        assert_eq!(
            protected(text),
            ["the U.Okay. `x` <b> # unspin: ignore", "c unspin:ignore"]
        );
        // In a comment, with code before it on the line.
        let text = "x `a` y <!-- unspin: ignore -->\nz";
        assert_eq!(protected(text), ["x `a` y <!-- unspin: ignore -->"]);
        // Only the marker itself, as whole words.
        for not in [
            "unspin: ignored",
            "unspin: ignore-start",
            "xunspin: ignore",
            "unspin:  ignore",
        ] {
            assert!(protected(not).is_empty(), "{not}");
        }
    }

    #[test]
    fn a_marked_block_is_left_alone() {
        let text =
            "a\n<!-- unspin-ignore-start -->\nU.Okay.\n\n`x`\n<!--unspin-ignore-end-->\nb <i>";
        assert_eq!(
            protected(text),
            [
                "<!-- unspin-ignore-start -->\nU.Okay.\n\n`x`\n<!--unspin-ignore-end-->",
                "<i>"
            ]
        );
        // Never closed: to the end of the text.
        let text = "a <!-- unspin-ignore-start --> b\n\nc";
        assert_eq!(protected(text), ["<!-- unspin-ignore-start --> b\n\nc"]);
        // A window may close it later.
        assert_eq!(open(text), [(2, usize::MAX)]);
        // Other comments are comments.
        assert_eq!(protected("<!-- x --> U.Okay."), ["<!-- x -->"]);
    }

    #[test]
    fn markers_can_be_turned_off() {
        let off = Protector::with(false, Vec::new());
        let mut out = Vec::new();
        off.regions("U.Okay. # unspin: ignore", &mut out);
        assert!(out.is_empty());
        off.regions(
            "<!-- unspin-ignore-start --> x <!-- unspin-ignore-end -->",
            &mut out,
        );
        assert_eq!(out, [(0, 28), (31, 57)]);
    }

    #[test]
    fn finders_add_regions() {
        let finder: Finder = Arc::new(|text: &str| {
            text.match_indices("TODO")
                .map(|(i, m)| i..i + m.len())
                .chain([2..3, 40..99])
                .collect()
        });
        let p = Protector::with(true, vec![finder]);
        let mut out = Vec::new();
        p.regions("a TODO `b` TODO", &mut out);
        assert_eq!(out, [(2, 6), (7, 10), (11, 15)]);
    }

    #[test]
    fn unclosed_things_are_not_regions() {
        assert!(protected("a < b and `x and 5 @ 6 and ](no close").is_empty());
    }

    fn open(window: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        Protector::new().open_regions(window.as_bytes(), &mut out);
        out
    }

    #[test]
    fn a_window_leaves_unclosed_things_open() {
        const END: usize = usize::MAX;
        // Closed in the window: the same regions as in the whole text.
        assert_eq!(open("a `x` b <b> c"), [(2, 5), (8, 11)]);
        // Closed later, perhaps: open to the end of the text.
        assert_eq!(open("a `x\n\r\n y"), [(2, END)]);
        assert_eq!(open("a <!-- x\n\n y"), [(2, END)]);
        assert_eq!(open("a <p title=\"x\n\n"), [(2, END)]);
        assert_eq!(open("a <"), [(2, END)]);
        assert_eq!(open("```\nx\n\ny"), [(0, END)]);
        assert_eq!(open("see [x](https://a.b/c d"), [(6, END)]);
        assert_eq!(open("see https://a.b/c"), [(4, END)]);
        // Never closed, whatever follows: not a region.
        assert_eq!(open("a `x\n\ny and a < b <c < d and ](x\n) e"), []);
        let mut out = Vec::new();
        Protector::new().regions("a `x\n\r\n y", &mut out);
        assert!(out.is_empty());
    }
}
