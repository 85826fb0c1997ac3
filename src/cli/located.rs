//! Spans in the units readers count in: the JSON reports give each edit's
//! byte offsets (`start`, `end`, as the library reports them), its
//! character offsets (`char_start`, `char_end`: Unicode scalar values, as
//! Python's `str` and Spark's string functions index text) and the 1-based
//! `line` and `column` (in characters) where it starts.

use std::ops::Range;

use serde::Serialize;

/// An edit (or skipped occurrence) with its character offsets and
/// position.
#[derive(Serialize)]
pub(crate) struct Located<T> {
    #[serde(flatten)]
    item: T,
    char_start: usize,
    char_end: usize,
    line: usize,
    column: usize,
}

/// `items` of `input`, each located and made into what goes on the wire
/// by `wire`; `span` gives an item's byte range.
pub(crate) fn locate<'a, T, W>(
    input: &[u8],
    items: &'a [T],
    span: impl Fn(&T) -> Range<usize>,
    wire: impl Fn(&'a T) -> W,
) -> Vec<Located<W>> {
    let mut at = Counter::default();
    items
        .iter()
        .map(|item| {
            let Range { start, end } = span(item);
            let (char_start, line, column) = at.advance(input, start);
            let mut end_at = at.clone();
            let (char_end, _, _) = end_at.advance(input, end);
            Located {
                item: wire(item),
                char_start,
                char_end,
                line,
                column,
            }
        })
        .collect()
}

/// Characters, lines and columns of increasing byte offsets, read forward.
/// Bytes that are not UTF-8 count as one character each sequence, as
/// lossy decoding (Rust's and Python's `errors="replace"`) counts them.
#[derive(Clone, Default)]
struct Counter {
    pos: usize,
    chars: usize,
    /// Newlines before `pos`.
    lines: usize,
    /// Characters between the last newline and `pos`.
    column: usize,
}

impl Counter {
    /// Moves to byte `to` of `input`: (character offset, line, column).
    fn advance(&mut self, input: &[u8], to: usize) -> (usize, usize, usize) {
        let to = to.min(input.len());
        if to < self.pos {
            *self = Counter::default();
        }
        let seg = String::from_utf8_lossy(&input[self.pos..to]);
        for c in seg.chars() {
            self.chars += 1;
            if c == '\n' {
                self.lines += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.pos = to;
        (self.chars, self.lines + 1, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        start: usize,
        end: usize,
    }

    #[test]
    fn characters_lines_and_columns() {
        let text = "é U.Okay.\n“x” Getty Pictures";
        let a = text.find("U.").unwrap();
        let b = text.find("Getty").unwrap();
        let items = [
            Item {
                start: a,
                end: a + 7,
            },
            Item {
                start: b,
                end: text.len(),
            },
        ];
        let located = locate(text.as_bytes(), &items, |i| i.start..i.end, |i| i);
        let json = serde_json::to_string(&located).unwrap();
        assert_eq!(
            json,
            format!(
                "[{{\"start\":{a},\"end\":{},\"char_start\":2,\"char_end\":9,\"line\":1,\"column\":3}},\
                 {{\"start\":{b},\"end\":{},\"char_start\":14,\"char_end\":28,\"line\":2,\"column\":5}}]",
                a + 7,
                text.len()
            )
        );
        assert_eq!(text.chars().skip(14).collect::<String>(), "Getty Pictures");
    }
}
