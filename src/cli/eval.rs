//! `unspin eval DIR...`: how much spin a restore repairs, and how much it
//! damages clean text. The metric is in [`super::score`].

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use unspin::Restorer;

use super::args::{EvalArgs, ReportFormat};
use super::output::print_all;
use super::progress::{Progress, Run, Unit};
use super::score::{self, Reference};
use super::{ERROR, FAILED, OK};

/// What was found to measure.
#[derive(Default)]
struct Texts {
    /// `(spun, reference)`.
    pairs: Vec<(PathBuf, PathBuf)>,
    clean: Vec<PathBuf>,
}

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
    let mut texts = Texts::default();
    for path in &args.paths {
        if let Err(e) = collect(path, &mut texts) {
            eprintln!("unspin: {}: {e}", path.display());
            return ERROR;
        }
    }
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
    let text = match args.format {
        ReportFormat::Text => render_text(&report),
        ReportFormat::Json => {
            let mut s = serde_json::to_string(&report).expect("reports serialize");
            s.push('\n');
            s
        }
    };
    if print_all(text.as_bytes(), OK) == ERROR {
        return ERROR;
    }
    requirements(&report, args)
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

/// Collects pairs and clean texts under `path` (a directory, searched
/// recursively in path order, or a single file).
fn collect(path: &Path, texts: &mut Texts) -> io::Result<()> {
    if !path.is_dir() {
        // A missing path fails here with the usual message.
        std::fs::metadata(path)?;
        classify(path, texts);
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, texts)?;
        } else {
            classify(&entry, texts);
        }
    }
    Ok(())
}

fn classify(path: &Path, texts: &mut Texts) {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if let Some(stem) = name.strip_suffix(".spun.txt") {
        match reference_for(path, stem) {
            Some(reference) => texts.pairs.push((path.to_path_buf(), reference)),
            None => eprintln!(
                "unspin: warning: {} has no {stem}.original.txt or {stem}.expected.txt beside it; skipped",
                path.display()
            ),
        }
    } else if name.ends_with(".original.txt") || name.ends_with(".clean.txt") {
        texts.clean.push(path.to_path_buf());
    }
}

/// The reference of `STEM.spun.txt`: `STEM.original.txt`, else
/// `STEM.expected.txt`; for `BASE.variantK` also `BASE.original.txt` and
/// `BASE.expected.txt`.
fn reference_for(spun: &Path, stem: &str) -> Option<PathBuf> {
    let mut stems = vec![stem];
    if let Some((base, k)) = stem.rsplit_once(".variant") {
        if !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
            stems.push(base);
        }
    }
    stems
        .into_iter()
        .flat_map(|s| [format!("{s}.original.txt"), format!("{s}.expected.txt")])
        .map(|name| spun.with_file_name(name))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_the_reference() {
        let dir = std::env::temp_dir().join(format!("unspin-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "a.original.txt",
            "a.spun.txt",
            "a.variant2.spun.txt",
            "b.expected.txt",
            "b.spun.txt",
            "c.spun.txt",
            "d.clean.txt",
            "notes.txt",
        ] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let mut texts = Texts::default();
        collect(&dir, &mut texts).unwrap();
        let names = |ps: Vec<&PathBuf>| -> Vec<String> {
            ps.iter()
                .map(|p| p.file_name().unwrap().to_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            names(texts.pairs.iter().map(|(s, _)| s).collect()),
            ["a.spun.txt", "a.variant2.spun.txt", "b.spun.txt"]
        );
        assert_eq!(
            names(texts.pairs.iter().map(|(_, r)| r).collect()),
            ["a.original.txt", "a.original.txt", "b.expected.txt"]
        );
        assert_eq!(
            names(texts.clean.iter().collect()),
            ["a.original.txt", "d.clean.txt"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
