//! `unspin eval DIR...`: how much spin a restore repairs, and how much it
//! damages clean text. The metric is in [`super::score`].

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use unspin::{Dictionary, Restorer, RestorerBuilder};

use super::args::EvalArgs;
use super::fixtures::{self, Texts};
use super::learn;
use super::output::print_report;
use super::progress::{Progress, Run, Unit};
use super::score::{self, Reference};
use super::{ERROR, FAILED, OK};

#[derive(Serialize)]
struct PairScore {
    path: String,
    reference: String,
    errors_before: usize,
    errors_after: usize,
    repaired: f64,
}

#[derive(Serialize)]
struct CleanScore {
    path: String,
    words: usize,
    edits: usize,
    per_thousand: f64,
}

#[derive(Serialize)]
struct Report {
    pairs: Vec<PairScore>,
    clean: Vec<CleanScore>,
    /// Mean of `repaired` over the pairs; `null` without pairs.
    mean_repaired: Option<f64>,
    clean_words: usize,
    clean_edits: usize,
    /// Edits per 1,000 words over all clean text; `null` without any.
    damage_per_thousand: Option<f64>,
}

pub(crate) fn run(restorer: &Restorer, args: &EvalArgs) -> u8 {
    let texts = match Texts::gather(&args.paths) {
        Ok(texts) => texts,
        Err(code) => return code,
    };
    if texts.pairs.is_empty() && texts.clean.is_empty() {
        eprintln!(
            "unspin: nothing to measure (NAME.spun.txt with NAME.original.txt or NAME.expected.txt, or NAME.original.txt, NAME.clean.txt) found"
        );
        return ERROR;
    }
    let progress = Progress::new(Run {
        total: Some((texts.pairs.len() + texts.clean.len()) as u64),
        unit: Unit::Texts,
        prints_while_running: false,
        reads_stdin: false,
        disabled: args.progress.no_progress,
    });
    let measured = measure(restorer, &texts, &progress);
    progress.finish();
    let report = match measured {
        Ok(r) => r,
        Err((path, e)) => {
            eprintln!("unspin: {}: {e}", path.display());
            return ERROR;
        }
    };
    if let Err(code) = print_report(args.format, &report, render_text, false) {
        return code;
    }
    requirements(&report, args)
}

/// One held-out pair of a leave-one-out run.
#[derive(Serialize)]
struct HeldOut {
    #[serde(flatten)]
    score: PairScore,
    /// The group (pairs spun from one original) it was held out with.
    group: usize,
    /// Entries learned without the group.
    learned: usize,
    /// Hand-written entries left out because they cite only the group.
    dropped: usize,
}

#[derive(Serialize)]
struct LeaveOneOut {
    pairs: Vec<HeldOut>,
    groups: usize,
    mean_repaired: Option<f64>,
    /// The held-out originals, each restored by its fold's restorer.
    originals: Vec<CleanScore>,
    original_damage_per_thousand: Option<f64>,
    /// The clean texts (NAME.clean.txt), restored with a vocabulary
    /// learned from all pairs.
    clean: Vec<CleanScore>,
    damage_per_thousand: Option<f64>,
}

/// What one fold measured: its held-out pairs and their originals.
type Fold = (Vec<HeldOut>, Vec<CleanScore>);

/// `unspin eval --leave-one-out`: learn without each group of pairs,
/// restore the group with what was learned, score it.
pub(crate) fn leave_one_out(builder: &RestorerBuilder, args: &EvalArgs) -> u8 {
    let texts = match Texts::gather(&args.paths) {
        Ok(texts) => texts,
        Err(code) => return code,
    };
    if texts.pairs.len() < 2 {
        eprintln!("unspin: --leave-one-out needs at least two spun/reference pairs");
        return ERROR;
    }
    let corpus = match learn::corpus_of(&texts.pairs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // The originals of the pairs are measured per fold, the other clean
    // texts once.
    let originals: Vec<&PathBuf> = texts.pairs.iter().map(|(_, r)| r).collect();
    let clean: Vec<PathBuf> = texts
        .clean
        .iter()
        .filter(|c| !originals.contains(c))
        .cloned()
        .collect();
    let groups = corpus.groups();
    let labels: Vec<String> = corpus.names().map(str::to_string).collect();
    let embedded = Dictionary::embedded().unwrap_or_default();
    let progress = Progress::new(Run {
        total: Some((groups.len() + usize::from(!clean.is_empty())) as u64),
        unit: Unit::Texts,
        prints_while_running: false,
        reads_stdin: false,
        disabled: args.progress.no_progress,
    });
    let folds: Vec<Result<Fold, (PathBuf, io::Error)>> = groups
        .par_iter()
        .enumerate()
        .map(|(g, members)| {
            let stems: Vec<&str> = members
                .iter()
                .map(|&i| fixtures::without_variant(&labels[i]))
                .collect();
            let dropped = cited_only_by(&embedded, &stems);
            let rest = corpus.without(members);
            let learner =
                learn::learner(&args.learning).known(&learn::known_dictionaries(&dropped));
            let learned = learner.learn(&rest);
            let mut fold_builder = builder.clone().vocabulary(rest.vocabulary());
            if args.refit_decision_model {
                let fit = unspin::learn::DecisionFitter::new().fit(&rest, &learner, builder);
                fold_builder = fold_builder.decision_model(fit.model().clone());
            }
            let restorer = fold_restorer(&fold_builder, &embedded, &dropped, &learned);
            let mut held = Vec::new();
            let mut damage = Vec::new();
            let mut seen_originals = Vec::new();
            for &i in members {
                let (spun, reference) = &texts.pairs[i];
                held.push(HeldOut {
                    score: score_pair(&restorer, spun, reference)?,
                    group: g,
                    learned: learned.proposals().len(),
                    dropped: dropped.len(),
                });
                if !seen_originals.contains(&reference) {
                    seen_originals.push(reference);
                    damage.push(score_clean(&restorer, reference)?);
                }
            }
            progress.inc();
            Ok((held, damage))
        })
        .collect();
    let mut pairs = Vec::new();
    let mut original_scores = Vec::new();
    for fold in folds {
        match fold {
            Ok((held, damage)) => {
                pairs.extend(held);
                original_scores.extend(damage);
            }
            Err((path, e)) => {
                progress.finish();
                eprintln!("unspin: {}: {e}", path.display());
                return ERROR;
            }
        }
    }
    let mut clean_scores = Vec::new();
    if !clean.is_empty() {
        let learned = learn::learner(&args.learning)
            .known(&learn::known_dictionaries(&[]))
            .learn(&corpus);
        let restorer = fold_restorer(builder, &embedded, &[], &learned);
        for path in &clean {
            match score_clean(&restorer, path) {
                Ok(s) => clean_scores.push(s),
                Err((path, e)) => {
                    progress.finish();
                    eprintln!("unspin: {}: {e}", path.display());
                    return ERROR;
                }
            }
        }
        progress.inc();
    }
    progress.finish();
    let pooled = |scores: &[CleanScore]| {
        let words: usize = scores.iter().map(|c| c.words).sum();
        let edits: usize = scores.iter().map(|c| c.edits).sum();
        (!scores.is_empty()).then(|| score::per_thousand(edits, words))
    };
    let report = LeaveOneOut {
        mean_repaired: Some(
            pairs.iter().map(|p| p.score.repaired).sum::<f64>() / pairs.len() as f64,
        ),
        groups: groups.len(),
        original_damage_per_thousand: pooled(&original_scores),
        damage_per_thousand: pooled(&clean_scores),
        pairs,
        originals: original_scores,
        clean: clean_scores,
    };
    if let Err(code) = print_report(args.format, &report, render_leave_one_out, false) {
        return code;
    }
    let summary = Report {
        pairs: Vec::new(),
        clean: Vec::new(),
        mean_repaired: report.mean_repaired,
        clean_words: 0,
        clean_edits: 0,
        damage_per_thousand: report
            .damage_per_thousand
            .into_iter()
            .chain(report.original_damage_per_thousand)
            .reduce(f64::max),
    };
    requirements(&summary, args)
}

/// The restorer of one fold: the user's, without the embedded learned
/// dictionary and the `dropped` phrases, with `learned` added.
fn fold_restorer(
    builder: &RestorerBuilder,
    embedded: &[Dictionary],
    dropped: &[String],
    learned: &unspin::learn::Learned,
) -> Restorer {
    let mut b = builder.clone();
    if embedded
        .iter()
        .any(|d| d.info().name() == learn::LEARNED_DICTIONARY)
    {
        b = b.disable_dictionary(learn::LEARNED_DICTIONARY);
    }
    let fold = Dictionary::from_tsv("learned-fold", &learned.to_tsv(""))
        .expect("learned entries are well-formed");
    for phrase in dropped {
        if fold.entries().iter().all(|e| e.mangled() != phrase) {
            b = b.ignore(phrase);
        }
    }
    b.dictionary(fold).build()
}

/// The mangled phrases of hand-written entries (not the learned
/// dictionary) whose notes cite pairs (`set:name`) and only pairs of
/// `stems`.
fn cited_only_by(embedded: &[Dictionary], stems: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for d in embedded {
        if d.info().name() == learn::LEARNED_DICTIONARY {
            continue;
        }
        for e in d.entries() {
            let cited = citations(e.note().unwrap_or(""));
            if !cited.is_empty()
                && cited
                    .iter()
                    .all(|c| stems.contains(&fixtures::without_variant(c)))
            {
                out.push(e.mangled().to_string());
            }
        }
    }
    out
}

/// The `set:name` citations of a note (`dev:engadget-doge`,
/// `train:c-01`), as in the notes `unspin learn` writes.
fn citations(note: &str) -> Vec<&str> {
    note.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"'))
        .filter_map(|w| {
            let w = w.trim_end_matches('.');
            let (set, name) = w.split_once(':')?;
            let ok = !set.is_empty()
                && set.bytes().all(|b| b.is_ascii_lowercase())
                && !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            ok.then_some(w)
        })
        .collect()
}

fn render_leave_one_out(report: &LeaveOneOut) -> String {
    let width = report
        .pairs
        .iter()
        .map(|p| p.score.path.len())
        .chain(report.clean.iter().map(|c| c.path.len()))
        .chain(report.originals.iter().map(|c| c.path.len()))
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for p in &report.pairs {
        s.push_str(&format!(
            "held out {:<width$}  group {:>3}  learned {:>4}  dropped {:>3}  errors {:>4} -> {:>4}  repaired {:.3}\n",
            p.score.path, p.group, p.learned, p.dropped, p.score.errors_before, p.score.errors_after, p.score.repaired
        ));
    }
    for c in report.originals.iter().chain(&report.clean) {
        s.push_str(&format!(
            "clean    {:<width$}  words {:>5}  edits {:>3}  damage {:.2}\n",
            c.path, c.words, c.edits, c.per_thousand
        ));
    }
    if let Some(mean) = report.mean_repaired {
        s.push_str(&format!(
            "mean leave-one-out repaired over {} pairs in {} groups: {mean:.3}\n",
            report.pairs.len(),
            report.groups
        ));
    }
    if let Some(d) = report.original_damage_per_thousand {
        s.push_str(&format!(
            "damage on the held-out originals: {d:.2} edits per 1,000 words\n"
        ));
    }
    if let Some(d) = report.damage_per_thousand {
        s.push_str(&format!(
            "damage on the clean texts: {d:.2} edits per 1,000 words\n"
        ));
    }
    s
}

/// Checks `--min-repaired` and `--max-damage`.
fn requirements(report: &Report, args: &EvalArgs) -> u8 {
    let mut status = OK;
    if let Some(min) = args.min_repaired {
        match report.mean_repaired {
            None => {
                eprintln!("unspin: --min-repaired needs spun/reference pairs, and none were found");
                return ERROR;
            }
            Some(mean) if mean < min => {
                eprintln!("unspin: mean repaired {mean:.3} is below --min-repaired {min}");
                status = FAILED;
            }
            Some(_) => {}
        }
    }
    if let Some(max) = args.max_damage {
        match report.damage_per_thousand {
            None => {
                eprintln!("unspin: --max-damage needs clean texts, and none were found");
                return ERROR;
            }
            Some(damage) if damage > max => {
                eprintln!(
                    "unspin: damage {damage:.2} edits per 1,000 words is above --max-damage {max}"
                );
                status = FAILED;
            }
            Some(_) => {}
        }
    }
    status
}

fn read(path: &Path) -> Result<Vec<u8>, (PathBuf, io::Error)> {
    std::fs::read(path).map_err(|e| (path.to_path_buf(), e))
}

fn measure(
    restorer: &Restorer,
    texts: &Texts,
    progress: &Progress,
) -> Result<Report, (PathBuf, io::Error)> {
    // Texts are measured in parallel; `collect` keeps their order, and the
    // first error in that order is the one reported.
    let pairs = texts
        .pairs
        .par_iter()
        .map(|(spun_path, reference_path)| {
            let score = score_pair(restorer, spun_path, reference_path);
            progress.inc();
            score
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let clean = texts
        .clean
        .par_iter()
        .map(|path| {
            let score = score_clean(restorer, path);
            progress.inc();
            score
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let mean_repaired = if pairs.is_empty() {
        None
    } else {
        Some(pairs.iter().map(|p| p.repaired).sum::<f64>() / pairs.len() as f64)
    };
    let clean_words = clean.iter().map(|c| c.words).sum();
    let clean_edits = clean.iter().map(|c| c.edits).sum();
    let damage_per_thousand =
        (!clean.is_empty()).then(|| score::per_thousand(clean_edits, clean_words));
    Ok(Report {
        pairs,
        clean,
        mean_repaired,
        clean_words,
        clean_edits,
        damage_per_thousand,
    })
}

/// How much of the spin in `spun_path` a restore repairs, against the
/// reference in `reference_path`.
fn score_pair(
    restorer: &Restorer,
    spun_path: &Path,
    reference_path: &Path,
) -> Result<PairScore, (PathBuf, io::Error)> {
    let spun = read(spun_path)?;
    let reference = Reference::parse(&String::from_utf8_lossy(&read(reference_path)?));
    let restored = restorer.restore_bytes(&spun);
    let before = reference.errors(&score::tokens(&String::from_utf8_lossy(&spun)));
    let after = reference.errors(&score::tokens(&String::from_utf8_lossy(restored.bytes())));
    Ok(PairScore {
        path: spun_path.display().to_string(),
        reference: reference_path.display().to_string(),
        errors_before: before,
        errors_after: after,
        repaired: score::repaired(before, after),
    })
}

/// The damage a restore does to the clean text in `path`.
fn score_clean(restorer: &Restorer, path: &Path) -> Result<CleanScore, (PathBuf, io::Error)> {
    let input = read(path)?;
    let restored = restorer.restore_bytes(&input);
    let original = score::tokens(&String::from_utf8_lossy(&input));
    let edits = score::distance(
        &original,
        &score::tokens(&String::from_utf8_lossy(restored.bytes())),
    );
    let words = score::words(&original);
    Ok(CleanScore {
        path: path.display().to_string(),
        words,
        edits,
        per_thousand: score::per_thousand(edits, words),
    })
}

fn render_text(report: &Report) -> String {
    let width = report
        .pairs
        .iter()
        .map(|p| p.path.len())
        .chain(report.clean.iter().map(|c| c.path.len()))
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for p in &report.pairs {
        s.push_str(&format!(
            "pair   {:<width$}  errors {:>4} -> {:>4}  repaired {:.3}\n",
            p.path, p.errors_before, p.errors_after, p.repaired
        ));
    }
    for c in &report.clean {
        s.push_str(&format!(
            "clean  {:<width$}  words {:>5}  edits {:>3}  damage {:.2}\n",
            c.path, c.words, c.edits, c.per_thousand
        ));
    }
    if let Some(mean) = report.mean_repaired {
        s.push_str(&format!(
            "mean repaired over {} pairs: {mean:.3}\n",
            report.pairs.len()
        ));
    }
    if let Some(damage) = report.damage_per_thousand {
        s.push_str(&format!(
            "damage on {} clean words: {damage:.2} edits per 1,000 words\n",
            report.clean_words
        ));
    }
    s
}
