//! Planning a restore: the input cut into chunks, each scanned, the
//! evidence summed over them, then each chunk's edits decided in named
//! steps (see [`Restorer::plan_chunk`]). Nothing is applied here.

use std::borrow::Cow;
use std::ops::Range;

use super::parallel::parallel_map;
use super::report::Outcome;
use super::Restorer;
use crate::decide::evidence::{Counts, Evidence};
use crate::decide::gate::{
    ambiguous_confidence, describe, judge, lm_reason, Judgement, Sample, Verdict,
};
use crate::find::chunk;
use crate::find::lexicon::{overlap_agrees, Hit};
use crate::find::names::{NameHit, NameWords};
use crate::find::near_miss::{pluralize_last, Difference, NearMiss};
use crate::find::scan::{covered, scan, Scan};
use crate::format::dict_format::Class;
use crate::format::tokenize::Token;
use crate::rewrite::article::article_before;
use crate::rewrite::case::transfer_case;
use crate::rewrite::edit::{
    doubles_a_word, joins_lines, Edit, Rule, Skipped, FINGERPRINT_CONFIDENCE, NAME_CONFIDENCE,
    NEAR_MISS_EDIT_CONFIDENCE, NEAR_MISS_EDIT_STEP, NEAR_MISS_PLURAL_CONFIDENCE,
    NEAR_MISS_SPACING_CONFIDENCE, SPINTAX_CONFIDENCE,
};
use crate::suggest::vocabulary::Vocabulary;
use crate::suggest::{self, Suggestion};

impl Restorer {
    /// Protected regions, tokens, spintax leftovers and every lexicon match
    /// (all classes, leftmost-longest) of a chunk.
    pub(super) fn scan(&self, text: &str) -> Scan {
        scan(text, &self.protector, &self.lexicon)
    }

    /// What a scan counts towards the evidence.
    pub(super) fn counts(&self, scan: &Scan) -> Counts {
        Counts::of(scan, &self.lexicon)
    }

    /// Finds spin and decides every edit, without applying them: the
    /// input is cut into chunks, the evidence is the sum of theirs, and
    /// each chunk is planned on its own with it. Spans are input offsets.
    pub(super) fn plan(&self, input: &[u8]) -> Outcome {
        let ranges = chunk::ranges(input, self.chunk_size, &self.protector);
        let scanned: Vec<(usize, Cow<'_, str>, Scan)> =
            parallel_map(ranges, self.threads, |range| {
                let text = chunk::text_of(&input[range.clone()]);
                let scan = self.scan(&text);
                (range.start, text, scan)
            });
        let mut counts = Counts::default();
        for (_, _, scan) in &scanned {
            counts += self.counts(scan);
        }
        let evidence = Evidence::assess(counts, self.thresholds);
        let mut plan = Outcome::new(Vec::new(), Vec::new(), Vec::new(), evidence);
        let planned = parallel_map(scanned, self.threads, |(offset, text, scan)| {
            let mut planned = self.plan_chunk(&text, scan, &evidence);
            planned.shift(offset);
            planned
        });
        for mut p in planned {
            plan.append(&mut p);
        }
        plan
    }

    /// Decides every edit of one chunk, given the evidence of the whole
    /// input. Spans are offsets in the chunk. The steps:
    ///
    /// 1. the verdicts on the matches: without the ambiguous entries, the
    ///    fingerprints only ([`ChunkPlan::fingerprints_only`]); with them,
    ///    the language model's ([`ChunkPlan::judge`]), and the matches it
    ///    leaves alone left out ([`ChunkPlan::leave_out_judged`]); where a
    ///    match is left out, a fingerprint inside it may still apply;
    /// 2. near misses of fingerprints win over ordinary words inside them
    ///    ([`ChunkPlan::yield_to_near_misses`]);
    /// 3. the edits: spintax braces, lexicon matches (with their
    ///    articles), damaged names, near misses;
    /// 4. braces that a phrase is read through are left to that phrase
    ///    ([`drop_braces_inside`]);
    /// 5. suggestions, in a spun document.
    pub(super) fn plan_chunk(&self, text: &str, scan: Scan, evidence: &Evidence) -> Outcome {
        self.plan_chunk_sampled(text, scan, evidence, None)
    }

    /// [`Restorer::plan_chunk`], collecting what the decision model read
    /// of each candidate into `samples`, where given.
    fn plan_chunk_sampled(
        &self,
        text: &str,
        scan: Scan,
        evidence: &Evidence,
        mut samples: Option<&mut Vec<Sample>>,
    ) -> Outcome {
        let mut plan = ChunkPlan::new(self, text, scan, *evidence);
        if samples.is_some() {
            plan.samples = Some(Vec::new());
        }
        if !(self.ambiguous && evidence.is_spun()) {
            plan.fingerprints_only();
        } else {
            plan.judge();
            plan.leave_out_judged();
        }
        if let (Some(out), Some(found)) = (samples.as_deref_mut(), plan.samples.take()) {
            out.extend(found);
        }
        plan.yield_to_near_misses();
        let mut edits = plan.spintax_edits();
        plan.lexicon_edits(&mut edits);
        plan.name_edits(&mut edits);
        plan.near_miss_edits(&mut edits);
        edits.sort_by_key(|e| e.span().start);
        drop_braces_inside(&mut edits);
        let suggestions = if self.suggestions && evidence.is_spun() {
            self.suggest(
                text,
                &plan.tokens,
                &mut edits,
                &plan.skipped,
                evidence,
                samples,
            )
        } else {
            Vec::new()
        };
        Outcome::new(edits, plan.skipped, suggestions, *evidence)
    }

    /// The candidates the decision model reads in `text` (restored as one
    /// chunk), with what it sees of each: the samples its fit learns from.
    /// Empty where the document does not show spin.
    #[cfg(feature = "learn")]
    pub(crate) fn decision_samples(&self, text: &str) -> (Evidence, Vec<Sample>) {
        let scan = self.scan(text);
        let evidence = Evidence::assess(self.counts(&scan), self.thresholds);
        let mut samples = Vec::new();
        self.plan_chunk_sampled(text, scan, &evidence, Some(&mut samples));
        (evidence, samples)
    }

    /// The suggestions of a chunk of a spun document; with
    /// [`RestorerBuilder::apply_suggestions`](crate::RestorerBuilder::apply_suggestions),
    /// their first candidates applied as edits instead.
    fn suggest(
        &self,
        text: &str,
        tokens: &[Token],
        edits: &mut Vec<Edit>,
        skipped: &[Skipped],
        evidence: &Evidence,
        samples: Option<&mut Vec<Sample>>,
    ) -> Vec<Suggestion> {
        let Some(lm) = self.language_model else {
            return Vec::new();
        };
        let vocabulary = match &self.vocabulary {
            Some(v) => v,
            None => Vocabulary::embedded(),
        };
        let replaced: Vec<(Range<usize>, &str)> =
            edits.iter().map(|e| (e.span(), e.replacement())).collect();
        // A common word the model held back may still be suggested: its
        // entry says only that the context did not prefer one canonical.
        let taken: Vec<Range<usize>> = skipped
            .iter()
            .filter(|s| s.class() != Some(Class::Common))
            .map(|s| s.span())
            .collect();
        let decision = self.decision.as_deref().map(|m| (m, evidence));
        let found = suggest::suggest(lm, vocabulary, text, tokens, &replaced, &taken, decision);
        if let Some(samples) = samples {
            for s in &found {
                for c in s.candidates() {
                    if let Some(mut f) = c.features {
                        f.restores_again = self.restores_again(c.replacement(), vocabulary);
                        samples.push(Sample {
                            start: s.start,
                            end: s.end,
                            canonical: c.replacement().to_string(),
                            features: f,
                        });
                    }
                }
            }
        }
        if self.apply_suggestions {
            let confidence = 0.5 * ambiguous_confidence(evidence, self.thresholds);
            for s in found {
                let first = &s.candidates()[0];
                edits.push(Edit::new(
                    s.span(),
                    s.original(),
                    first.replacement().to_string(),
                    Rule::Suggestion,
                    confidence,
                    format!(
                        "first suggestion (score {:.2}): {}",
                        first.score(),
                        s.reason()
                    ),
                ));
            }
            edits.sort_by_key(|e| e.span().start);
            return Vec::new();
        }
        let Some((model, _)) = decision.filter(|_| self.ambiguous) else {
            return found;
        };
        // The decision model applies the likeliest candidate where it
        // reaches the threshold; the other words stay suggestions.
        let mut left = Vec::new();
        for s in found {
            // A word whose entry the model held back is not decided again
            // from the vocabulary, with the entry's evidence counted twice.
            // `skipped` is in text order and its spans do not overlap: the
            // one that could hold the word is the last starting at or
            // before it.
            let k = skipped.partition_point(|k| k.span().start <= s.start);
            let held_back = k > 0 && s.end <= skipped[k - 1].span().end;
            if held_back {
                left.push(s);
                continue;
            }
            let best = s
                .candidates()
                .iter()
                .filter_map(|c| Some((c, c.probability()?, c.features?)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            // The lookups that keep restores idempotent only where the
            // candidate would otherwise be restored.
            let restored = best.filter(|(c, _, f)| {
                model.applies(f) && !self.restores_again(c.replacement(), vocabulary)
            });
            match restored {
                Some((c, p, f)) => edits.push(Edit::new(
                    s.span(),
                    s.original(),
                    c.replacement().to_string(),
                    Rule::Suggestion,
                    p,
                    format!(
                        "decision model: probability {p:.2} that {:?} was written for {:?} ({}; {})",
                        s.original(),
                        c.replacement(),
                        model.main_terms(&f),
                        s.reason()
                    ),
                )),
                _ => left.push(s),
            }
        }
        edits.sort_by_key(|e| e.span().start);
        left
    }

    /// Whether a word restored from the vocabulary could be restored
    /// again by a second pass: it is itself a word the spinner writes for
    /// another, in the vocabulary or as an entry that is not a
    /// fingerprint. Such a candidate stays a suggestion, so that restoring
    /// a restored text changes nothing.
    fn restores_again(&self, replacement: &str, vocabulary: &Vocabulary) -> bool {
        let key = String::from_utf8(crate::format::tokenize::folded(replacement))
            .expect("folding keeps UTF-8");
        let spun_word = vocabulary
            .get(&key)
            .is_some_and(|w| w.swap_rate() >= suggest::MIN_SWAP_RATE);
        spun_word || self.lexicon.lookup(&key).is_some()
    }

    /// The lexicon rule of a hit.
    fn rule(&self, hit: &Hit) -> Rule {
        let entry = self.lexicon.entry(hit.entry);
        Rule::Lexicon {
            dictionary: self
                .lexicon
                .dictionary_of(hit.entry)
                .info()
                .name()
                .to_string(),
            line: entry.line(),
            entry: entry.mangled().to_string(),
            class: entry.class(),
        }
    }

    /// A record of an ambiguous hit the language model left alone.
    fn skipped(&self, text: &str, hit: &Hit, j: Judgement, evidence: &Evidence) -> Skipped {
        let original = &text[hit.start..hit.end];
        let replacement = transfer_case(original, self.lexicon.canonical_of(hit));
        let reason = lm_reason(
            original,
            &replacement,
            j,
            evidence,
            self.margin_by_score(evidence),
        );
        Skipped::new(
            hit.start..hit.end,
            original,
            replacement,
            self.rule(hit),
            j,
            reason,
        )
    }

    /// Whether the spin score, rather than the signal density, sets the
    /// language-model margin of a document with `evidence`.
    fn margin_by_score(&self, evidence: &Evidence) -> bool {
        self.margins
            .for_evidence(evidence, self.thresholds.spin_threshold)
            .1
    }
}

/// The plan of one chunk while its steps run: the matches still standing,
/// the verdict on each, the damaged-name words outside them, and the
/// occurrences the language model left alone.
struct ChunkPlan<'a> {
    restorer: &'a Restorer,
    text: &'a str,
    tokens: Vec<Token>,
    /// Spintax leftover braces, opening and closing (not in `tokens`).
    braces: Vec<(Token, Token)>,
    /// Lexicon matches, in text order.
    hits: Vec<Hit>,
    /// The verdict on each of `hits`.
    verdicts: Vec<Verdict>,
    /// Words of damaged names outside `hits`.
    name_hits: Vec<NameHit>,
    skipped: Vec<Skipped>,
    evidence: Evidence,
    /// Where the decision model's candidates are collected, if they are.
    samples: Option<Vec<Sample>>,
}

impl<'a> ChunkPlan<'a> {
    /// The plan of a chunk as scanned: every match, each decided by the
    /// document gate alone.
    fn new(restorer: &'a Restorer, text: &'a str, scan: Scan, evidence: Evidence) -> Self {
        let Scan {
            tokens,
            braces,
            hits,
            name_hits,
        } = scan;
        ChunkPlan {
            restorer,
            text,
            tokens,
            braces,
            verdicts: vec![Verdict::Document; hits.len()],
            hits,
            name_hits,
            skipped: Vec::new(),
            evidence,
            samples: None,
        }
    }

    fn class_of(&self, hit: &Hit) -> Class {
        self.restorer.lexicon.entry(hit.entry).class()
    }

    /// Whether every match is a fingerprint.
    fn only_fingerprints(&self) -> bool {
        self.hits
            .iter()
            .all(|h| self.class_of(h) == Class::Fingerprint)
    }

    /// Step 1 without the ambiguous entries (the document shows no spin,
    /// or they are off): every other match is left out. Shorter
    /// fingerprints they shadowed may match: the lexicon looks again
    /// inside each of them (not over the whole text, which would double
    /// the cost on clean prose).
    fn fingerprints_only(&mut self) {
        if self.only_fingerprints() {
            return;
        }
        let r = self.restorer;
        self.leave_out(|h, _| r.lexicon.entry(h.entry).class() != Class::Fingerprint);
    }

    /// Step 1 with the ambiguous entries: the language model's verdict on
    /// each ambiguous and common match. Without the model, common entries
    /// are left out: they need the model's word on each occurrence.
    fn judge(&mut self) {
        let r = self.restorer;
        match r.language_model {
            Some(lm) => {
                let (margin, _) = r
                    .margins
                    .for_evidence(&self.evidence, r.thresholds.spin_threshold);
                let decision = r.decision.as_deref().map(|m| (m, &self.evidence));
                self.verdicts = judge(
                    lm,
                    &r.lexicon,
                    self.text,
                    &self.tokens,
                    &self.hits,
                    margin,
                    decision,
                    self.samples.as_mut(),
                );
            }
            None => {
                for (v, h) in self.verdicts.iter_mut().zip(&self.hits) {
                    if r.lexicon.entry(h.entry).class() == Class::Common {
                        *v = Verdict::Drop;
                    }
                }
            }
        }
    }

    /// The matches the language model left alone are recorded (where the
    /// restore would have changed them) and left out.
    fn leave_out_judged(&mut self) {
        let left_alone = |v: Verdict| matches!(v, Verdict::Skip(_) | Verdict::Drop);
        if !self.verdicts.iter().any(|&v| left_alone(v)) {
            return;
        }
        for (hit, verdict) in self.hits.iter().zip(&self.verdicts) {
            if let Verdict::Skip(judgement) = *verdict {
                let record = self
                    .restorer
                    .skipped(self.text, hit, judgement, &self.evidence);
                if record.replacement() != record.original() {
                    self.skipped.push(record);
                }
            }
        }
        self.leave_out(|_, v| left_alone(v));
    }

    /// Leaves out the matches that `leave` selects (given each with its
    /// verdict). A fingerprint inside a match left out, or starting in it,
    /// may still apply: see [`ChunkPlan::fingerprints_from`]. The words of
    /// damaged names are then looked for again outside what is kept.
    fn leave_out(&mut self, leave: impl Fn(&Hit, Verdict) -> bool) {
        let mut kept = Vec::with_capacity(self.hits.len());
        let mut kept_verdicts = Vec::with_capacity(self.hits.len());
        for (k, (hit, &verdict)) in self.hits.iter().zip(&self.verdicts).enumerate() {
            if leave(hit, verdict) {
                for h in self.fingerprints_from(k) {
                    kept.push(h);
                    kept_verdicts.push(Verdict::Document);
                }
            } else {
                kept.push(*hit);
                kept_verdicts.push(verdict);
            }
        }
        self.hits = kept;
        self.verdicts = kept_verdicts;
        self.name_hits.clear();
        NameWords::embedded().find(
            self.text,
            &self.tokens,
            &covered(&self.tokens, &self.hits),
            &mut self.name_hits,
        );
    }

    /// The fingerprints that start inside match `k`, which is left out:
    /// the lexicon walked again, fingerprints only, from its own tokens
    /// (see [`crate::find::rescan`]).
    fn fingerprints_from(&self, k: usize) -> Vec<Hit> {
        crate::find::rescan::fingerprints_inside(
            &self.restorer.lexicon,
            self.text,
            &self.tokens,
            &self.hits,
            k,
            &self.name_hits,
            self.restorer.full_walk,
        )
    }

    /// Step 2: a near miss of a fingerprint ("Protection Secretery") is a
    /// stronger reading than an ordinary word ("protection") inside it.
    fn yield_to_near_misses(&mut self) {
        if self.only_fingerprints() {
            return;
        }
        let fingerprints: Vec<Hit> = self
            .hits
            .iter()
            .filter(|h| self.class_of(h) == Class::Fingerprint)
            .copied()
            .collect();
        let mut taken = covered(&self.tokens, &fingerprints);
        for h in &self.name_hits {
            taken[h.token] = true;
        }
        let mut found = Vec::new();
        self.restorer.near_miss.find(
            self.text,
            &self.tokens,
            &taken,
            self.evidence.is_spun(),
            &mut found,
        );
        if found.is_empty() {
            return;
        }
        // Only a hit that a longer near miss holds whole gives way: an
        // exact phrase beats a near miss of the same words.
        let inside_near_miss = |h: &Hit| {
            self.class_of(h) != Class::Fingerprint
                && found.iter().any(|m| {
                    m.first <= h.first && h.last <= m.last && m.last - m.first > h.last - h.first
                })
        };
        let keep: Vec<bool> = self.hits.iter().map(|h| !inside_near_miss(h)).collect();
        let mut k = keep.iter();
        self.hits.retain(|_| *k.next().unwrap());
        let mut k = keep.iter();
        self.verdicts.retain(|_| *k.next().unwrap());
    }

    /// Step 3a: the braces of spintax leftovers, removed.
    fn spintax_edits(&self) -> Vec<Edit> {
        let mut edits = Vec::with_capacity(self.hits.len() + self.braces.len() * 2);
        for &(open, close) in &self.braces {
            for t in [open, close] {
                edits.push(Edit::new(
                    t.start..t.end,
                    &self.text[t.start..t.end],
                    String::new(),
                    Rule::Spintax,
                    SPINTAX_CONFIDENCE,
                    "brace left over from unexpanded spintax".to_string(),
                ));
            }
        }
        edits
    }

    /// Step 3b: the lexicon matches, each with the article before it where
    /// the restored word needs the other one.
    fn lexicon_edits(&self, edits: &mut Vec<Edit>) {
        let r = self.restorer;
        let (text, tokens, evidence) = (self.text, &self.tokens, &self.evidence);
        // Tokens that an edit already covers, so article fixes skip them.
        let mut last_edited_token: Option<usize> = None;
        for (hit, verdict) in self.hits.iter().zip(&self.verdicts) {
            let entry = r.lexicon.entry(hit.entry);
            let original = &text[hit.start..hit.end];
            let replacement = transfer_case(original, r.lexicon.canonical_of(hit));
            if replacement == original
                || joins_lines(original, &replacement)
                || doubles_a_word(text, tokens, hit, original, &replacement)
            {
                continue;
            }
            let mut judgement = None;
            let (confidence, reason) = match (entry.class(), *verdict) {
                (Class::Fingerprint, _) if hit.canonical_from > 0 => (
                    FINGERPRINT_CONFIDENCE,
                    format!(
                        "fingerprint: the rest of {:?}, whose first words the phrase before it ends with; it does not occur in clean prose",
                        entry.mangled()
                    ),
                ),
                (Class::Fingerprint, _) => (
                    FINGERPRINT_CONFIDENCE,
                    "fingerprint: this phrase does not occur in clean prose".to_string(),
                ),
                (_, Verdict::Apply(j)) => {
                    judgement = Some(j);
                    (
                        j.probability().unwrap_or_else(|| {
                            ambiguous_confidence(evidence, r.thresholds)
                                + 0.05 * (j.difference() - j.margin()).min(1.0)
                        })
                        .min(FINGERPRINT_CONFIDENCE),
                        lm_reason(original, &replacement, j, evidence, r.margin_by_score(evidence)),
                    )
                }
                (_, verdict) => (
                    ambiguous_confidence(evidence, r.thresholds),
                    format!(
                        "ambiguous, applied because the document shows spin: {}{}",
                        describe(evidence, r.thresholds),
                        if verdict == Verdict::Unjudged {
                            " (an entry the language model does not judge)"
                        } else {
                            ""
                        }
                    ),
                ),
            };
            if let Some(article_edit) = article_before(
                text,
                tokens,
                hit.first,
                last_edited_token,
                original,
                &replacement,
            ) {
                edits.push(article_edit);
            }
            edits.push(
                Edit::new(
                    hit.start..hit.end,
                    original,
                    replacement,
                    r.rule(hit),
                    confidence,
                    reason,
                )
                .judged(judgement),
            );
            last_edited_token = Some(hit.last);
        }
    }

    /// Step 3c: the spun words of damaged names.
    fn name_edits(&self, edits: &mut Vec<Edit>) {
        let (text, tokens) = (self.text, &self.tokens);
        let names = NameWords::embedded();
        for h in &self.name_hits {
            let t = tokens[h.token];
            let word = names.entry(text, &t);
            let original = &text[t.start..t.end];
            let replacement = transfer_case(original, &word.canonical);
            if replacement == original || joins_lines(original, &replacement) {
                continue;
            }
            let name = &text[tokens[h.name_first].start..tokens[h.name_last].end];
            edits.push(Edit::new(
                t.start..t.end,
                original,
                replacement,
                Rule::Name {
                    line: word.line,
                    name: name.to_string(),
                },
                NAME_CONFIDENCE,
                format!(
                    "damaged name: {name:?} holds a spun name word that genuine names do not contain"
                ),
            ));
        }
    }

    /// The near misses outside every match and damaged name, each with its
    /// replacement and whether it is the rest of one that overlaps the
    /// phrase before it, where the two agree on the words they share
    /// ("Protection Secretary ofbattle").
    fn near_misses(&self) -> Vec<(NearMiss, String, bool)> {
        let r = self.restorer;
        let (text, tokens) = (self.text, &self.tokens);
        let mut taken = covered(tokens, &self.hits);
        for h in &self.name_hits {
            taken[h.token] = true;
        }
        let spun = self.evidence.is_spun();
        let mut near: Vec<(NearMiss, String, bool)> = Vec::new();
        let overlapping = |before: &str, last: usize, taken: &mut [bool]| {
            let (m, shared) =
                r.near_miss
                    .find_overlapping(text, tokens, taken, spun, before, last + 1)?;
            let canonical = near_canonical(r.lexicon.entry(m.entry).canonical(), m.difference);
            let from = overlap_agrees(before, &canonical, shared)?;
            taken[m.first..=m.last].fill(true);
            Some((m, canonical[from..].to_string(), true))
        };
        for hit in &self.hits {
            if hit.end == tokens[hit.last].end {
                let before = r.lexicon.canonical_of(hit);
                near.extend(overlapping(before, hit.last, &mut taken));
            }
        }
        let mut found = Vec::new();
        r.near_miss.find(text, tokens, &taken, spun, &mut found);
        for m in &found {
            taken[m.first..=m.last].fill(true);
        }
        for m in found {
            let canonical = near_canonical(r.lexicon.entry(m.entry).canonical(), m.difference);
            let rest = (m.end == tokens[m.last].end)
                .then(|| overlapping(&canonical, m.last, &mut taken))
                .flatten();
            near.push((m, canonical, false));
            near.extend(rest);
        }
        near
    }

    /// Step 3d: near misses of fingerprints.
    fn near_miss_edits(&self, edits: &mut Vec<Edit>) {
        let r = self.restorer;
        for (m, canonical, overlaps) in &self.near_misses() {
            let entry = r.lexicon.entry(m.entry);
            let (start, end) = (self.tokens[m.first].start, m.end);
            let original = &self.text[start..end];
            let replacement = transfer_case(original, canonical);
            if replacement == original || joins_lines(original, &replacement) {
                continue;
            }
            let (difference, confidence, why) = match m.difference {
                Difference::Spacing => (
                    "spacing".to_string(),
                    NEAR_MISS_SPACING_CONFIDENCE,
                    "only spacing or hyphenation differs".to_string(),
                ),
                Difference::Plural => (
                    "plural".to_string(),
                    NEAR_MISS_PLURAL_CONFIDENCE,
                    "the plural of the entry".to_string(),
                ),
                Difference::Edits(d) => (
                    format!("edits:{d}"),
                    NEAR_MISS_EDIT_CONFIDENCE - NEAR_MISS_EDIT_STEP * (d as f32 - 1.0),
                    format!("{d} letter edit(s) away, in a document that shows spin"),
                ),
            };
            let dictionary = r.lexicon.dictionary_of(m.entry).info().name().to_string();
            edits.push(Edit::new(
                start..end,
                original,
                replacement,
                Rule::NearMiss {
                    dictionary,
                    line: entry.line(),
                    entry: entry.mangled().to_string(),
                    difference,
                },
                confidence,
                if !overlaps {
                    format!("near miss of fingerprint {:?}: {why}", entry.mangled())
                } else {
                    format!(
                        "the rest of a near miss of fingerprint {:?}, whose first words the phrase before it ends with: {why}",
                        entry.mangled()
                    )
                },
            ));
        }
    }
}

/// Step 4: a phrase read through a brace ("Getty {photograph}") replaces
/// the brace with the rest of its span, so the brace's own edit goes.
/// `edits` are sorted by start.
fn drop_braces_inside(edits: &mut Vec<Edit>) {
    let spans: Vec<Range<usize>> = edits
        .iter()
        .filter(|e| *e.rule() != Rule::Spintax)
        .map(|e| e.span())
        .collect();
    // `spans` is sorted and disjoint: the one that could hold a brace is
    // the last that starts at or before it.
    edits.retain(|e| {
        *e.rule() != Rule::Spintax || {
            let span = e.span();
            let k = spans.partition_point(|s| s.start <= span.start);
            k == 0 || spans[k - 1].end < span.end
        }
    });
}

/// The canonical a near miss restores: the entry's, or its plural.
fn near_canonical(canonical: &str, difference: Difference) -> String {
    match difference {
        Difference::Plural => pluralize_last(canonical),
        _ => canonical.to_string(),
    }
}
