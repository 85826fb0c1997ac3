//! Tests of the restorer as a whole: the stages together.

use super::*;
use crate::decide::gate::{Margins, STRONG_SPIN, WEAK_SPIN};
use crate::dict::dictionary::Dictionary;
use crate::format::dict_format::Class;
use crate::suggest::Suggestion;

fn restorer(tsv: &str) -> Restorer {
    Restorer::builder()
        .default_dictionaries(false)
        .dictionary(Dictionary::from_tsv("t", tsv).unwrap())
        .build()
}

const TSV: &str = "protection secretary\tDefense Secretary\tfingerprint\nU.Okay.\tU.K.\tfingerprint\nstated\tsaid\tambiguous\neverlasting\tlasting\tambiguous\ngetty pictures\tGetty Images\tfingerprint\nthey usually\tand they\tfingerprint\n";

#[test]
fn ambiguous_entries_wait_for_evidence() {
    let r = restorer(TSV);
    assert_eq!(r.restore("He stated it.").text(), "He stated it.");
    assert_eq!(
        r.restore("The Protection Secretary stated it in the U.Okay.")
            .text(),
        "The Defense Secretary said it in the U.K."
    );
}

#[test]
fn articles_follow_the_restored_word() {
    // Without the language model, which prefers "an everlasting
    // peace" in this context.
    let r = Restorer::builder()
        .default_dictionaries(false)
        .dictionary(Dictionary::from_tsv("t", TSV).unwrap())
        .language_model(false)
        .build();
    let out = r.restore("U.Okay. and Getty Pictures seek an everlasting peace.");
    assert_eq!(out.text(), "U.K. and Getty Images seek a lasting peace.");
    let kinds: Vec<_> = out.edits().iter().map(|e| e.rule().clone()).collect();
    assert!(kinds.contains(&Rule::Article));
}

#[test]
fn spintax_braces_are_removed() {
    let r = restorer(TSV);
    let out = r.restore("a handout {photograph} and {that a} test");
    assert_eq!(out.text(), "a handout photograph and that a test");
    assert_eq!(out.evidence().spintax(), 2);
}

#[test]
fn edits_report_spans_in_the_input() {
    let r = restorer(TSV);
    let input = "“Protection Secretary’s” words";
    let out = r.restore(input);
    assert_eq!(out.text(), "“Defense Secretary’s” words");
    let e = &out.edits()[0];
    assert_eq!(&input[e.span()], "Protection Secretary");
    assert_eq!(e.dictionary(), Some("t"));
    assert_eq!(e.class(), Some(Class::Fingerprint));
}

#[test]
fn protected_regions_are_untouched() {
    let r = restorer(TSV);
    let input =
        "Getty Pictures ![U.Okay.](https://x/getty pictures) `they usually` <b title=\"U.Okay.\">";
    assert_eq!(
        r.restore(input).text(),
        "Getty Images ![U.K.](https://x/getty pictures) `they usually` <b title=\"U.Okay.\">"
    );
}

/// A document that shows spin (three fingerprints), then `body`.
fn spun(body: &str) -> String {
    format!(
        "Protection Secretary Pete Hegseth met the U.Okay. delegation, via Getty Pictures.\n\n{body}"
    )
}

#[test]
fn language_model_restores_a_spun_said() {
    let r = Restorer::new().restore(&spun("Hegseth stated the plan would work."));
    assert!(
        r.text().ends_with("Hegseth said the plan would work."),
        "{}",
        r.text()
    );
    let e = r.edits().iter().find(|e| e.original() == "stated").unwrap();
    let j = e.judgement().expect("judged by the language model");
    assert!(j.difference() > 1.0 && j.restores(), "{j:?}");
    assert!(
        e.reason().starts_with("decision model: probability")
            && e.reason().contains("language model prefers \"said\""),
        "{}",
        e.reason()
    );
    assert!(hand_skips(&r).is_empty());
}

/// The occurrences of hand-written (`ambiguous`) entries the model left
/// alone; learned `common` words it holds back are not under test here.
fn hand_skips(r: &Restoration) -> Vec<&Skipped> {
    r.skipped()
        .iter()
        .filter(|s| s.class() != Some(Class::Common))
        .collect()
}

#[test]
fn language_model_keeps_a_genuine_however() {
    let body =
        "However long it takes, we will wait. The talks stalled, however the two sides will meet.";
    let r = Restorer::new().restore(&spun(body));
    assert!(
        r.text().ends_with(
            "However long it takes, we will wait. The talks stalled, but the two sides will meet."
        ),
        "{}",
        r.text()
    );
    let skipped = hand_skips(&r);
    assert_eq!(skipped.len(), 1);
    let s = skipped[0];
    assert_eq!((s.original(), s.replacement()), ("However", "But"));
    assert!(s.judgement().difference() < -1.0, "{:?}", s.judgement());
    assert!(!s.judgement().restores());
    assert!(s.reason().contains("prefers \"However\""), "{}", s.reason());
}

#[test]
fn language_model_keeps_idioms() {
    for genuine in [
        "It was the stated goal of the Pentagon.",
        "She had been a teacher for years.",
    ] {
        let r = Restorer::new().restore(&spun(genuine));
        assert!(r.text().ends_with(genuine), "{}", r.text());
        assert_eq!(hand_skips(&r).len(), 1, "{genuine}");
    }
}

#[test]
fn without_the_language_model_every_occurrence_is_restored() {
    let body = "However long it takes, it was the stated goal.";
    let r = Restorer::builder()
        .language_model(false)
        .build()
        .restore(&spun(body));
    assert!(r
        .text()
        .ends_with("But long it takes, it was the said goal."));
    assert!(r.skipped().is_empty());
    assert!(r.edits().iter().all(|e| e.judgement().is_none()));
}

#[test]
fn margins_follow_the_document_spin() {
    let m = Margins {
        weak: 2.0,
        strong: -0.5,
    };
    assert_eq!(m.at(0.0), 2.0);
    assert_eq!(m.at(WEAK_SPIN), 2.0);
    assert!((m.at(WEAK_SPIN * 10f64.sqrt()) - 0.75).abs() < 1e-9);
    assert_eq!(m.at(STRONG_SPIN), -0.5);
    assert_eq!(m.at(500.0), -0.5);
    // A high enough margin leaves every judged occurrence alone.
    let r = Restorer::builder()
        .language_model_margins(10.0, 10.0)
        .build()
        .restore(&spun("Hegseth stated the plan would work."));
    assert!(r.text().ends_with("Hegseth stated the plan would work."));
    assert_eq!(r.skipped()[0].judgement().margin(), 10.0);
}

#[test]
fn entries_the_model_does_not_judge_follow_the_document_gate() {
    // A word the model does not know: restored on the document's
    // evidence alone.
    let r = Restorer::builder()
        .dictionary(Dictionary::from_tsv("t", "quarrelz\tdispute\tambiguous\n").unwrap())
        .build()
        .restore(&spun("The quarrelz went on."));
    let e = r
        .edits()
        .iter()
        .find(|e| e.original() == "quarrelz")
        .unwrap();
    assert!(e.judgement().is_none());
    assert!(e.reason().contains("does not judge"), "{}", e.reason());
    // A number: "June fifth" / "June 5".
    let r = Restorer::new().restore(&spun("They met on June fifth."));
    assert!(r.text().ends_with("They met on June 5."), "{}", r.text());
}

#[test]
fn no_article_after_a_determiner() {
    // The model prefers "and the a number of people who use" to "and the
    // numerous individuals who use": the phrase's likely words outweigh
    // "the a". Without a determiner before it, the entry applies.
    let r = Restorer::builder()
        .dictionary(
            Dictionary::from_tsv("t", "numerous individuals\ta number of people\tambiguous\n")
                .unwrap(),
        )
        .build();
    let out = r.restore(&spun("It silences the numerous individuals who use it."));
    assert!(out
        .text()
        .ends_with("It silences the numerous individuals who use it."));
    assert!(out
        .edits()
        .iter()
        .all(|e| e.original() != "numerous individuals"));
    let out = r.restore(&spun("It silences numerous individuals who use it."));
    assert!(
        out.text()
            .ends_with("It silences a number of people who use it."),
        "{}",
        out.text()
    );
}

#[test]
fn context_reads_restored_neighbours() {
    // "stated" follows a fingerprint: its left context is "defense
    // secretary", as restored, which makes "said" far more probable.
    let r = Restorer::new().restore(&spun("The Protection Secretary stated it."));
    let e = r.edits().iter().find(|e| e.original() == "stated").unwrap();
    let restored = e.judgement().unwrap().difference();
    let r = Restorer::new().restore(&spun("The Protection Clerk stated it."));
    let e = r.edits().iter().find(|e| e.original() == "stated");
    let other = e.map_or(f32::MIN, |e| e.judgement().unwrap().difference());
    assert!(restored > other, "{restored} vs {other}");
}

#[test]
fn detect_scores_each_paragraph() {
    let r = restorer(TSV);
    let text = "Protection Secretary stated it in the U.Okay.\r\n \r\nHe stated it.\nAgain.\n\n\nGetty Pictures";
    let d = r.detect(text);
    let ps = d.paragraphs();
    assert_eq!(ps.len(), 3);
    assert_eq!(
        &text[ps[0].span()],
        "Protection Secretary stated it in the U.Okay."
    );
    assert_eq!(
        (ps[0].score().fingerprints(), ps[0].score().ambiguous()),
        (2, 1)
    );
    assert_eq!(&text[ps[1].span()], "He stated it.\nAgain.");
    assert_eq!((ps[1].score().words(), ps[1].score().ambiguous()), (4, 1));
    assert_eq!(ps[2].score().fingerprints(), 1);
    // The whole text's counts are the restore's evidence.
    let e = *r.restore(text).evidence();
    let s = d.score();
    assert_eq!(
        (s.words(), s.fingerprints(), s.ambiguous(), s.spintax()),
        (e.words(), e.fingerprints(), e.ambiguous(), e.spintax())
    );
    assert!(d.is_spun());
    assert!(r.detect("").paragraphs().is_empty());
    // Damaged names count in their paragraph as in the document.
    let named = "Plain words here.\n\nThe Workplace of Nationwide Drug Management Coverage met.";
    let d = Restorer::new().detect(named);
    let ps = d.paragraphs();
    assert_eq!(ps[0].score().fingerprints(), 0);
    assert_eq!(ps[1].score().fingerprints(), 1);
    assert_eq!(d.score().fingerprints(), 1);
}

/// A document of several paragraphs: spun ones, a fence that spans a
/// blank line, CRLF lines, invalid UTF-8 and names.
fn long_document() -> Vec<u8> {
    let mut doc = Vec::new();
    for i in 0..40 {
        doc.extend_from_slice(match i % 8 {
            0 => &b"The Protection Secretary stated it at the U.Okay. assembly.\n\n"[..],
            1 => b"He stated that the battle would finish soon, via Getty Pictures.\r\n\r\n",
            2 => b"```\nstated\n\nbattle\n```\n\n",
            3 => b"caf\xe9 stated \xff the battle\n \n",
            4 => b"It was the stated goal of the Division of Authorities Effectivity.\n\n",
            5 => b"a handout {photograph} of an everlasting peace\n\n",
            6 => b"One long line of words with no blank line after it, stated once\n",
            _ => b"<!-- stated\n\nbattle -->\n\n",
        });
    }
    doc
}

#[test]
fn cutting_at_blank_lines_changes_nothing() {
    let doc = long_document();
    let whole = Restorer::new().restore_bytes(&doc);
    assert!(whole.evidence().is_spun());
    // Every paragraph fits in 80 bytes, every fence and comment too.
    for size in [160, 300, 1000] {
        let chunked = Restorer::builder().chunk_size(size).build();
        let r = chunked.restore_bytes(&doc);
        assert_eq!(r.bytes(), whole.bytes(), "chunk size {size}");
        assert_eq!(r.edits(), whole.edits(), "chunk size {size}");
        assert_eq!(r.skipped(), whole.skipped(), "chunk size {size}");
        assert_eq!(r.evidence(), whole.evidence(), "chunk size {size}");
        let text = String::from_utf8_lossy(&doc);
        assert_eq!(
            chunked.detect(&text).paragraphs(),
            Restorer::new().detect(&text).paragraphs()
        );
    }
}

#[test]
fn nothing_crosses_a_blank_line() {
    let r = Restorer::new();
    // In a spun document (see `spun`), each pair restores as it does
    // apart: nothing joins the end of one paragraph to the next.
    let restored = |body: &str| {
        let out = r.restore(&spun(body)).into_text();
        out[out.find("\n\n").unwrap() + 2..].to_string()
    };
    let cases = [
        // a phrase
        ("the Protection", "Secretary met them"),
        // a near miss
        ("via Getty-", "Pictures today"),
        // a damaged name
        ("before the Supreme", "Courtroom today"),
        // spintax braces
        ("a handout {photograph", "} of it"),
        // an article before a restored word
        ("they seek an", "everlasting peace"),
    ];
    for (a, b) in cases {
        let joined = restored(&format!("{a}\n\n{b}"));
        assert_eq!(
            joined,
            format!("{}\n\n{}", restored(a), restored(b)),
            "{a:?} / {b:?}"
        );
    }
    assert_eq!(
        restored("they seek an\n\neverlasting peace"),
        "they seek an\n\nlasting peace"
    );
    // The language model's context: a sentence starts after the blank
    // line, as it does after a full stop.
    let judged = |text: &str| {
        let r = r.restore(&spun(text));
        let edit = r.edits().iter().find(|e| e.original() == "stated");
        let left = r.skipped().iter().find(|s| s.original() == "stated");
        edit.and_then(|e| e.judgement().copied())
            .or(left.map(|s| *s.judgement()))
            .unwrap()
    };
    // The context difference; the margin moves with the document's
    // counts, which differ by the "the" and the full stop.
    assert_eq!(
        judged("It was the\n\nstated goal of it.").difference(),
        judged("It was. stated goal of it.").difference()
    );
}

#[test]
fn the_evidence_is_the_whole_documents() {
    // The second paragraph alone shows no spin; the document does, so
    // its "stated" is judged as in a spun document.
    let doc = "The Protection Secretary met the U.Okay. team, via Getty Pictures.\n\nHe stated the plan would work.\n";
    let whole = Restorer::new().restore(doc);
    assert!(whole.text().ends_with("He said the plan would work.\n"));
    let chunked = Restorer::builder().chunk_size(70).build();
    let pieces = crate::find::chunk::ranges(doc.as_bytes(), 70, &chunked.protector);
    assert_eq!(pieces.len(), 2);
    assert_eq!(chunked.restore(doc).text(), whole.text());
    let alone = Restorer::new().restore("He stated the plan would work.\n");
    assert_eq!(alone.text(), "He stated the plan would work.\n");
}

#[test]
fn streams_restore_as_memory_does() {
    let doc = long_document();
    for (size, threads) in [(16, 1), (50, 1), (160, 1), (100_000, 1), (16, 3), (50, 2)] {
        let r = Restorer::builder()
            .chunk_size(size)
            .threads(threads)
            .build();
        let memory = r.restore_bytes(&doc);
        let one_thread = Restorer::builder()
            .chunk_size(size)
            .build()
            .restore_bytes(&doc);
        assert_eq!(memory.bytes(), one_thread.bytes());
        assert_eq!(memory.edits(), one_thread.edits());
        let evidence = r.evidence_from(doc.as_slice()).unwrap();
        assert_eq!(&evidence, memory.evidence());
        let mut bytes = Vec::new();
        let (mut edits, mut skipped) = (Vec::new(), Vec::new());
        let mut next = 0;
        for chunk in r.restore_chunks(doc.as_slice(), &evidence) {
            let chunk = chunk.unwrap();
            assert_eq!(chunk.start(), next);
            assert_eq!(
                chunk.input(),
                &doc[next as usize..next as usize + chunk.input().len()]
            );
            next += chunk.input().len() as u64;
            bytes.extend_from_slice(chunk.bytes());
            edits.extend_from_slice(chunk.edits());
            skipped.extend_from_slice(chunk.skipped());
        }
        assert_eq!(next, doc.len() as u64);
        assert_eq!(bytes, memory.bytes(), "chunk size {size}");
        assert_eq!(edits, memory.edits());
        assert_eq!(skipped, memory.skipped());

        let mut out = Vec::new();
        let summary = r
            .restore_stream(std::io::Cursor::new(&doc), &mut out)
            .unwrap();
        assert_eq!(out, memory.bytes());
        assert_eq!(summary.evidence(), memory.evidence());
        assert_eq!(summary.edit_count(), memory.edits().len());
        assert_eq!(summary.skipped_count(), memory.skipped().len());
        assert!(summary.is_changed());
    }
}

#[test]
fn a_stream_restores_from_where_it_is() {
    let mut input = std::io::Cursor::new(b"U.Okay. skipped\n\nThe U.Okay. team\n".to_vec());
    input.set_position(17);
    let mut out = Vec::new();
    for size in [16, 1000] {
        out.clear();
        input.set_position(17);
        let r = Restorer::builder().chunk_size(size).build();
        r.restore_stream(&mut input, &mut out).unwrap();
        assert_eq!(out, b"The U.K. team\n");
    }
}

#[test]
fn read_errors_end_a_stream() {
    struct Failing(usize);
    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0);
            buf[..n].fill(b'a');
            self.0 -= n;
            Ok(n)
        }
    }
    for threads in [1, 3] {
        let r = Restorer::builder().chunk_size(16).threads(threads).build();
        assert!(r.evidence_from(Failing(40)).is_err());
        let evidence = r.evidence_from(&b""[..]).unwrap();
        let mut chunks = r.restore_chunks(Failing(40), &evidence);
        let err = chunks.next().unwrap().unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
        assert!(chunks.next().is_none());
        assert!(r
            .restore_stream(std::io::Cursor::new(b""), &mut Vec::new())
            .is_ok());
    }
}

#[test]
fn chunks_before_a_read_error_come_first() {
    // Blank lines every 12 bytes, then an error: the chunks read before
    // it are restored and given out, then the error.
    /// Bytes read so far, and how many to give before the error.
    struct Paragraphs(usize, usize);
    impl Read for Paragraphs {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0 == self.1 {
                return Err(io::Error::other("disk on fire"));
            }
            let at = self.0 % 12;
            let n = buf.len().min(self.1 - self.0).min(12 - at);
            buf[..n].copy_from_slice(&b"U.Okay. a\n\n\n"[at..at + n]);
            self.0 += n;
            Ok(n)
        }
    }
    for threads in [1, 2, 4] {
        let r = Restorer::builder().chunk_size(16).threads(threads).build();
        let evidence = r.evidence_from(&b"U.Okay. U.Okay."[..]).unwrap();
        let items: Vec<_> = r
            .restore_chunks(Paragraphs(0, 200_004), &evidence)
            .collect();
        let (last, chunks) = items.split_last().unwrap();
        assert_eq!(last.as_ref().unwrap_err().to_string(), "disk on fire");
        assert!(!chunks.is_empty());
        for chunk in chunks {
            let bytes = chunk.as_ref().unwrap().bytes();
            assert!(!bytes.windows(4).any(|w| w == b"Okay"), "{bytes:?}");
        }
    }
}

#[test]
fn invalid_utf8_passes_through() {
    let r = restorer(TSV);
    let out = r.restore_bytes(b"caf\xe9 U.Okay.\r\n\xff\xfe getty pictures");
    assert_eq!(out.bytes(), b"caf\xe9 U.K.\r\n\xff\xfe Getty Images");
}

#[test]
fn the_restorer_and_its_results_are_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Restorer>();
    shared::<RestorerBuilder>();
    shared::<Restoration>();
    shared::<RestoredBytes>();
    shared::<RestoredChunk>();
    shared::<StreamSummary>();
    shared::<Outcome>();
    shared::<Edit>();
    shared::<Skipped>();
    shared::<Detection>();
    shared::<Evidence>();
    shared::<Counts>();
    shared::<Suggestion>();
}

/// Issue 17: a genuine paragraph beside fingerprints keeps its ordinary
/// words. Common entries and the spinner's vocabulary need a document
/// rewritten word by word, which a few fingerprints do not make.
#[test]
fn a_clean_paragraph_beside_fingerprints_keeps_its_words() {
    let genuine = "America does not believe that membership is a realistic outcome, \
                   and both sides replied that the full plan should stay.";
    let r = Restorer::new().restore(&spun(genuine));
    assert!(r.text().ends_with(genuine), "{}", r.text());
    assert!(r.edits().iter().all(|e| *e.rule() != Rule::Suggestion));
}

/// The decision model restores a word of the vocabulary in a document
/// rewritten word by word, and leaves one that a second restore would
/// change again as a suggestion (a restored text restores to itself).
#[test]
fn the_vocabulary_is_restored_in_a_densely_spun_document_unless_it_chains() {
    let body = "He stated the battle would finish soon. She stated the battle would finish. \
                The squad won the game.";
    let with = |tsv: &str| {
        Restorer::builder()
            .vocabulary(crate::Vocabulary::from_tsv("v", tsv).unwrap())
            .build()
    };
    let r = with("squad\t10\tteam:9\n").restore(&spun(body));
    assert!(r.text().ends_with("The team won the game."), "{}", r.text());
    let e = r.edits().iter().find(|e| e.original() == "squad").unwrap();
    assert_eq!(*e.rule(), Rule::Suggestion);
    assert!(e.reason().starts_with("decision model: probability"));
    // "team" is itself a word the spinner writes: it stays a suggestion.
    let chained = with("squad\t10\tteam:9\nteam\t10\tsquad:5\n");
    let r = chained.restore(&spun(body));
    assert!(
        r.text().ends_with("The squad won the game."),
        "{}",
        r.text()
    );
    assert!(r.suggestions().iter().any(|s| s.original() == "squad"));
    assert_eq!(chained.restore(r.text()).text(), r.text());
}
