//! `unspin eval --suggestions DIR...`: how often a suggestion holds the
//! original word where the restore left a swap, and how many suggestions
//! clean text gets.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use unspin::{Restoration, RestorerBuilder, Vocabulary};

use super::args::EvalArgs;
use super::fixtures::Texts;
use super::output::print_report;
use super::{ERROR, FAILED, OK};

/// What one pair measured.
#[derive(Default, Serialize)]
struct PairHits {
    path: String,
    /// One-word swaps the restore left.
    swaps: usize,
    /// Of them, those at a suggestion.
    suggested: usize,
    /// Of them, those whose original is among the candidates.
    hits: usize,
    /// Of them, those whose original is the first candidate.
    first: usize,
    /// Suggestions made in the text.
    suggestions: usize,
}

#[derive(Serialize)]
struct CleanCount {
    path: String,
    words: usize,
    spun: bool,
    suggestions: usize,
}

#[derive(Serialize)]
struct Report {
    pairs: Vec<PairHits>,
    swaps: usize,
    hits: usize,
    first: usize,
    /// `hits / swaps`; `null` without swaps.
    hit_rate: Option<f64>,
    /// Suggestions made on the spun texts, and how many were at a swap.
    suggestions: usize,
    suggestions_at_swaps: usize,
    clean: Vec<CleanCount>,
    /// Suggestions on the originals of pairs (`NAME.original.txt`) and on
    /// the other clean texts (`NAME.clean.txt`).
    original_suggestions: usize,
    clean_suggestions: usize,
}

pub(crate) fn run(builder: RestorerBuilder, args: &EvalArgs) -> u8 {
    let texts = match Texts::gather(&args.paths) {
        Ok(texts) => texts,
        Err(code) => return code,
    };
    if texts.pairs.is_empty() && texts.clean.is_empty() {
        eprintln!("unspin: nothing to measure (NAME.spun.txt with NAME.original.txt, or NAME.clean.txt) found");
        return ERROR;
    }
    let mut builder = builder.suggestions(true).apply_suggestions(false);
    if let Some(path) = &args.vocabulary {
        let vocabulary = std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                Vocabulary::from_tsv(&path.display().to_string(), &t).map_err(|e| e.to_string())
            });
        match vocabulary {
            Ok(v) => builder = builder.vocabulary(v),
            Err(e) => {
                eprintln!("unspin: {}: {e}", path.display());
                return ERROR;
            }
        }
    }
    let restorer = builder.build();
    let read = |p: &Path| std::fs::read(p).map(|b| String::from_utf8_lossy(&b).into_owned());
    let pairs: Result<Vec<PairHits>, String> = texts
        .pairs
        .par_iter()
        .map(|(spun, original)| {
            let fail = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
            let text = read(spun).map_err(|e| fail(spun, e))?;
            let original = read(original).map_err(|e| fail(original, e))?;
            Ok(hits(
                &spun.display().to_string(),
                &restorer.restore(&text),
                &original,
            ))
        })
        .collect();
    let clean: Result<Vec<CleanCount>, String> = texts
        .clean
        .par_iter()
        .map(|path| {
            let text = read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let r = restorer.restore(&text);
            Ok(CleanCount {
                path: path.display().to_string(),
                words: r.evidence().words(),
                spun: r.evidence().is_spun(),
                suggestions: r.suggestions().len(),
            })
        })
        .collect();
    let (pairs, clean) = match (pairs, clean) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("unspin: {e}");
            return ERROR;
        }
    };
    let sum = |f: fn(&PairHits) -> usize| pairs.iter().map(f).sum::<usize>();
    let (swaps, hits) = (sum(|p| p.swaps), sum(|p| p.hits));
    let originals = |yes: bool| {
        clean
            .iter()
            .filter(|c| c.path.ends_with(".original.txt") == yes)
            .map(|c| c.suggestions)
            .sum()
    };
    let report = Report {
        swaps,
        hits,
        first: sum(|p| p.first),
        hit_rate: (swaps > 0).then(|| hits as f64 / swaps as f64),
        suggestions: sum(|p| p.suggestions),
        suggestions_at_swaps: sum(|p| p.suggested),
        original_suggestions: originals(true),
        clean_suggestions: originals(false),
        pairs,
        clean,
    };
    if let Err(code) = print_report(args.format, &report, render, true) {
        return code;
    }
    let Some(min) = args.min_hit_rate else {
        return OK;
    };
    let clean = report.clean_suggestions + report.original_suggestions;
    if clean > 0 {
        eprintln!("unspin: {clean} suggestions on clean text");
        return FAILED;
    }
    match report.hit_rate {
        Some(rate) if rate >= min => OK,
        Some(rate) => {
            eprintln!("unspin: hit rate {rate:.3} is below {min}");
            FAILED
        }
        None => {
            eprintln!("unspin: no swaps left to measure the hit rate on");
            FAILED
        }
    }
}

/// The swaps `restored` left in `path`'s text, and the suggestions at them.
fn hits(path: &str, restored: &Restoration, original: &str) -> PairHits {
    // Suggestion spans are input offsets: move each by what the edits
    // before it changed in length.
    let mut at = Vec::with_capacity(restored.suggestions().len());
    let (mut delta, mut e) = (0isize, 0);
    let edits = restored.edits();
    for s in restored.suggestions() {
        while e < edits.len() && edits[e].span().end <= s.span().start {
            delta += edits[e].replacement().len() as isize - edits[e].original().len() as isize;
            e += 1;
        }
        at.push(((s.span().start as isize + delta) as usize, s));
    }
    let mut out = PairHits {
        path: path.to_string(),
        suggestions: at.len(),
        ..PairHits::default()
    };
    for swap in unspin::learn::word_swaps(restored.text(), original) {
        out.swaps += 1;
        let Ok(k) = at.binary_search_by_key(&swap.span.start, |(start, _)| *start) else {
            continue;
        };
        out.suggested += 1;
        let candidates = at[k].1.candidates();
        let is = |c: &unspin::Candidate| c.replacement().to_lowercase() == swap.original;
        if candidates.iter().any(is) {
            out.hits += 1;
        }
        if candidates.first().is_some_and(is) {
            out.first += 1;
        }
    }
    out
}

fn render(r: &Report) -> String {
    let rate = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let mut s = String::new();
    for p in &r.pairs {
        s.push_str(&format!(
            "{}: {} of {} swaps left have the original among the suggestions ({} first); {} suggestions\n",
            p.path, p.hits, p.swaps, p.first, p.suggestions
        ));
    }
    s.push_str(&format!(
        "hit rate: {} of {} one-word swaps left by the restore have the original among the top three suggestions ({:.3}); first: {} ({:.3})\n",
        r.hits,
        r.swaps,
        rate(r.hits, r.swaps),
        r.first,
        rate(r.first, r.swaps)
    ));
    s.push_str(&format!(
        "suggestions on the spun texts: {}, {} of them at a swap ({:.3})\n",
        r.suggestions,
        r.suggestions_at_swaps,
        rate(r.suggestions_at_swaps, r.suggestions)
    ));
    let words = |yes: bool| -> usize {
        r.clean
            .iter()
            .filter(|c| c.path.ends_with(".original.txt") == yes)
            .map(|c| c.words)
            .sum()
    };
    s.push_str(&format!(
        "suggestions on clean texts: {} in {} words; on the originals: {} in {} words\n",
        r.clean_suggestions,
        words(false),
        r.original_suggestions,
        words(true)
    ));
    s
}
