//! `unspin learn PATH...`: proposes dictionary entries from spun texts and
//! their originals (see [`unspin::learn`]).

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use unspin::Restorer;

use unspin::learn::{Corpus, Decipherer, Learner};
use unspin::Dictionary;

use super::args::{LearnArgs, LearningArgs};
use super::fixtures::{self, Texts};
use super::output::print_all;
use super::{ERROR, OK};

/// The name of the embedded dictionary that `unspin learn` generates; it
/// is left out of what counts as already known.
pub(crate) const LEARNED_DICTIONARY: &str = "learned";

pub(crate) fn run(args: &LearnArgs) -> u8 {
    if args.decipher {
        return decipher(args);
    }
    let texts = match Texts::gather(&args.paths) {
        Ok(texts) => texts,
        Err(code) => return code,
    };
    if texts.pairs.is_empty() {
        eprintln!(
            "unspin: no NAME.spun.txt with a NAME.original.txt or NAME.expected.txt beside it found"
        );
        return ERROR;
    }
    let corpus = match corpus_of(&texts.pairs) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut learner = learner(&args.learning);
    if !args.include_known {
        learner = learner.known(&known_dictionaries(&[]));
    }
    let learned = learner.learn(&corpus);
    if let Some(path) = &args.vocabulary {
        let header = format!(
            "The spinner's vocabulary, learned by `unspin learn --vocabulary` from {} spun/original pairs: {}.\n\
             Facts about substitutions (word counts), not the texts. Licence: MIT OR Apache-2.0.\n\
             Columns: spun word, its occurrences in the spun texts, original:count for each word it replaced.",
            corpus.len(),
            sources(&args.paths)
        );
        if let Err(e) = std::fs::write(path, corpus.vocabulary().to_tsv(&header)) {
            eprintln!("unspin: {}: {e}", path.display());
            return ERROR;
        }
    }
    let header = format!(
        "Learned by `unspin learn` from {} spun/original pairs ({} independent texts): {}.\n\
         Columns: spun phrase, canonical, class, note (evidence and the pairs it was seen in).\n\
         Check it with `unspin dict lint FILE`; use it with `unspin --dict FILE`.",
        corpus.len(),
        corpus.groups().len(),
        sources(&args.paths)
    );
    let tsv = learned.to_tsv(&header);
    let mut report = learned.report();
    if let Some(path) = &args.decision_model {
        let fit = unspin::learn::DecisionFitter::new()
            .damage_cost(args.damage_cost)
            .common_min_context(args.common_min_context)
            .fit(&corpus, &learner, &Restorer::builder());
        let header = format!(
            "# The decision model of ambiguous and common entries (src/decide/model.rs), fitted by\n\
             # `unspin learn --decision-model` on out-of-fold candidates of {} spun/original pairs\n\
             # ({} independent texts): {}.\n\
             # Each fold's dictionary was learned without it; a candidate's label is whether applying\n\
             # it alone brings the text closer to the original. Facts about the pairs (weights), not\n\
             # the texts. Licence: MIT OR Apache-2.0. Rebuilt by scripts/learn_dictionary.sh.",
            corpus.len(),
            corpus.groups().len(),
            sources(&args.paths)
        );
        if let Err(e) = std::fs::write(path, fit.model().to_toml(&header)) {
            eprintln!("unspin: {}: {e}", path.display());
            return ERROR;
        }
        report.push_str(fit.report());
    }
    emit(args, &report, &tsv)
}

/// Writes the report (to `--report` or standard error), then the output
/// (to `--output` or standard output).
fn emit(args: &LearnArgs, report: &str, output: &str) -> u8 {
    if let Err((path, e)) = write_to(args.report.as_deref(), report.as_bytes(), true) {
        eprintln!("unspin: {}: {e}", path.display());
        return ERROR;
    }
    match args.output.as_deref() {
        Some(path) => match std::fs::write(path, output) {
            Ok(()) => OK,
            Err(e) => {
                eprintln!("unspin: {}: {e}", path.display());
                ERROR
            }
        },
        None => print_all(output.as_bytes(), OK),
    }
}

/// `unspin learn --decipher`: proposals from spun text alone, measured
/// against the alignments of `--confirm` pairs when given.
fn decipher(args: &LearnArgs) -> u8 {
    let mut spun = Vec::new();
    for path in &args.paths {
        if let Err(e) = fixtures::spun_texts(path, &mut spun) {
            eprintln!("unspin: {}: {e}", path.display());
            return ERROR;
        }
    }
    if spun.is_empty() {
        eprintln!("unspin: no NAME.spun.txt found");
        return ERROR;
    }
    let mut texts = Vec::with_capacity(spun.len());
    for path in &spun {
        match std::fs::read(path) {
            Ok(b) => texts.push(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                eprintln!("unspin: {}: {e}", path.display());
                return ERROR;
            }
        }
    }
    let deciphered = Decipherer::new().min_llr(args.min_llr).decipher(&texts);
    let mut report = format!(
        "{} spun texts, {} words: {} proposed swaps\n",
        deciphered.texts(),
        deciphered.words(),
        deciphered.candidates().len()
    );
    if !args.confirm.is_empty() {
        let pairs = match Texts::gather(&args.confirm) {
            Ok(texts) => texts,
            Err(code) => return code,
        };
        let corpus = match corpus_of(&pairs.pairs) {
            Ok(c) => c,
            Err(code) => return code,
        };
        let confirmed = corpus.confirmed_swaps();
        let (hits, compared) = deciphered.confirmed(&confirmed, args.top);
        let precision = ratio(hits, compared);
        report.push_str(&format!(
            "confirmed by the alignments of {} pairs ({} one-word swaps): {hits} of the first {compared}, precision {precision:.3}\n",
            corpus.len(),
            confirmed.len()
        ));
        // The rest splits in two: a spun word the pairs show swapped for
        // other originals was deciphered wrongly; one they never show
        // swapped cannot be judged by these pairs.
        let swapped: HashSet<&str> = confirmed.iter().map(|(s, _)| s.as_str()).collect();
        let unjudged = deciphered.candidates()[..compared]
            .iter()
            .filter(|c| !swapped.contains(c.spun()))
            .count();
        report.push_str(&format!(
            "not confirmed: {} with another original in the pairs, {unjudged} with a spun word no pair shows swapped\n",
            compared - hits - unjudged
        ));
        let (hits, compared) =
            deciphered.confirmed_judgeable(&confirmed, &corpus.spun_words(), args.top);
        report.push_str(&format!(
            "judgeable (spun word in the pairs' spun texts): {hits} of the first {compared}, precision {:.3}\n",
            ratio(hits, compared)
        ));
    }
    emit(args, &report, &deciphered.to_tsv())
}

/// `hits / compared`, 0 when nothing was compared.
fn ratio(hits: usize, compared: usize) -> f64 {
    if compared == 0 {
        0.0
    } else {
        hits as f64 / compared as f64
    }
}

/// The paths learned from, for headers.
fn sources(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes `bytes` to `path`, or to standard error when there is none.
fn write_to(path: Option<&Path>, bytes: &[u8], stderr: bool) -> Result<(), (PathBuf, io::Error)> {
    match path {
        Some(p) => std::fs::write(p, bytes).map_err(|e| (p.to_path_buf(), e)),
        None => {
            use std::io::Write as _;
            let r = if stderr {
                io::stderr().write_all(bytes)
            } else {
                io::stdout().write_all(bytes)
            };
            r.map_err(|e| (PathBuf::from("<stderr>"), e))
        }
    }
}

/// A learner with the thresholds of `args`.
pub(crate) fn learner(args: &LearningArgs) -> Learner {
    Learner::new()
        .min_precision(args.min_precision)
        .min_texts(args.min_texts)
}

/// The embedded dictionaries but the learned one, each without the
/// entries whose mangled phrase is in `dropped`.
pub(crate) fn known_dictionaries(dropped: &[String]) -> Vec<Dictionary> {
    Dictionary::embedded()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.info().name() != LEARNED_DICTIONARY)
        .map(|d| {
            if dropped.is_empty() {
                return d;
            }
            let mut tsv = String::new();
            for e in d.entries() {
                if !dropped.iter().any(|p| p == e.mangled()) {
                    tsv.push_str(&format!(
                        "{}\t{}\t{}\n",
                        e.mangled(),
                        e.canonical(),
                        e.class()
                    ));
                }
            }
            Dictionary::from_tsv(d.info().name(), &tsv).unwrap_or(d)
        })
        .collect()
}

/// The corpus of `(spun, original)` files, each pair named by
/// [`label`]. A file that cannot be read is reported on standard error
/// and gives the exit status.
pub(crate) fn corpus_of(pairs: &[(PathBuf, PathBuf)]) -> Result<Corpus, u8> {
    let mut corpus = Corpus::new();
    for (spun, original) in pairs {
        let read = |p: &Path| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| {
                    eprintln!("unspin: {}: {e}", p.display());
                    ERROR
                })
        };
        corpus.add_pair(&label(spun), &read(spun)?, &read(original)?);
    }
    Ok(corpus)
}

/// How entry notes cite a spun text: `SET:NAME`, SET being the name of
/// its directory, or of the directory above when that is called `pairs`
/// (`eval/train/pairs/c-01.spun.txt` is `train:c-01`).
pub(crate) fn label(spun: &Path) -> String {
    let name = fixtures::name(spun);
    let mut dir = spun.parent();
    if dir.and_then(|d| d.file_name()).and_then(|n| n.to_str()) == Some("pairs") {
        dir = dir.and_then(Path::parent);
    }
    let set = dir
        .and_then(|d| d.canonicalize().ok().or_else(|| Some(d.to_path_buf())))
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "text".to_string());
    format!("{set}:{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_set_and_the_text() {
        assert_eq!(
            label(Path::new("/x/eval/train/pairs/c-01.spun.txt")),
            "train:c-01"
        );
        assert_eq!(
            label(Path::new("/x/dev/pairs/wired.variant2.spun.txt")),
            "dev:wired.variant2"
        );
        assert_eq!(label(Path::new("/x/fixtures/a.spun.txt")), "fixtures:a");
    }
}
