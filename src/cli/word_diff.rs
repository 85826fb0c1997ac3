//! `--word-diff`: each changed line once, with the repairs marked in it,
//! `[-old-]{+new+}`, as `git diff --word-diff=plain` marks them; under the
//! usual `---`/`+++` header and `@@` line ranges. Built from the edits, so
//! it shows exactly what was repaired, and never in colour.

use std::ops::Range;

use unspin::Edit;

/// The word diff of `input` restored by `edits` (in order, as a restore
/// reports them), labelled `label`. Empty without edits.
pub(crate) fn render(label: &str, input: &[u8], edits: &[Edit]) -> String {
    if edits.is_empty() {
        return String::new();
    }
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    // Lines of the input and of the output before the current group.
    let (mut old_line, mut new_line) = (1, 1);
    let mut counted = 0;
    let mut i = 0;
    while i < edits.len() {
        // A group: the whole lines that edits on them, or across them, touch.
        let lines = line_span(input, edits[i].span());
        let mut group = i + 1;
        let mut end = lines.end;
        while group < edits.len() && edits[group].span().start < end {
            end = end.max(line_span(input, edits[group].span()).end);
            group += 1;
        }
        let lines = lines.start..end;
        let skipped = newlines(&input[counted..lines.start]);
        old_line += skipped;
        new_line += skipped;
        let mut marked = String::new();
        let mut restored = Vec::new();
        let mut at = lines.start;
        for e in &edits[i..group] {
            let span = e.span();
            let before = &input[at..span.start];
            marked.push_str(&String::from_utf8_lossy(before));
            restored.extend_from_slice(before);
            marked.push_str(&format!("[-{}-]{{+{}+}}", e.original(), e.replacement()));
            restored.extend_from_slice(e.replacement().as_bytes());
            at = span.end;
        }
        let after = &input[at..lines.end];
        marked.push_str(&String::from_utf8_lossy(after));
        restored.extend_from_slice(after);
        if !marked.ends_with('\n') {
            marked.push('\n');
        }
        let old_count = line_count(&input[lines.clone()]);
        let new_count = line_count(&restored);
        out.push_str(&format!(
            "@@ -{} +{} @@\n{marked}",
            range(old_line, old_count),
            range(new_line, new_count)
        ));
        old_line += newlines(&input[lines.clone()]);
        new_line += newlines(&restored);
        counted = lines.end;
        i = group;
    }
    out
}

/// The whole lines of `input` that `span` touches: from the start of its
/// first line to the end of its last, line end included.
fn line_span(input: &[u8], span: Range<usize>) -> Range<usize> {
    let start = input[..span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let from = span.end.max(span.start);
    let end = input[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(input.len(), |p| from + p + 1);
    start..end
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Lines in `bytes`, a last one without a line end included.
fn line_count(bytes: &[u8]) -> usize {
    newlines(bytes) + usize::from(!bytes.is_empty() && !bytes.ends_with(b"\n"))
}

/// A unified diff's line range: `start` alone for one line.
fn range(start: usize, count: usize) -> String {
    if count == 1 {
        start.to_string()
    } else {
        format!("{start},{count}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word diff of a restore of fingerprints only: the rendering is
    /// under test, not which ordinary words a spun text gets back.
    fn word_diff(text: &str) -> String {
        let r = unspin::Restorer::builder()
            .ambiguous(false)
            .build()
            .restore(text);
        render("x.txt", text.as_bytes(), r.edits())
    }

    #[test]
    fn marks_the_repairs_in_their_lines() {
        let text =
            "Title\nThe Protection Secretary met the U.Okay. team.\nkept\n\nvia Getty\nPictures";
        assert_eq!(
            word_diff(text),
            "--- a/x.txt\n+++ b/x.txt\n\
             @@ -2 +2 @@\n\
             The [-Protection Secretary-]{+Defense Secretary+} met the [-U.Okay.-]{+U.K.+} team.\n\
             @@ -5,2 +5,2 @@\n\
             via [-Getty\nPictures-]{+Getty\nImages+}\n"
        );
    }

    #[test]
    fn nothing_without_edits() {
        assert_eq!(word_diff("Clean text.\n"), "");
    }
}
