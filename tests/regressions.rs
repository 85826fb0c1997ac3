//! Regression tests, each named after the issue whose work found the bug.
//! A test here reproduces the input that once went wrong.

use unspin::Restorer;

fn restore(text: &str) -> String {
    Restorer::new().restore(text).into_text()
}

/// The State of the Union corpus showed "did not actually" listed as a
/// fingerprint: it is ordinary English and must not change in clean text.
#[test]
fn issue_4_did_not_actually_is_ordinary_english() {
    let text = "But we did not actually balance the budget that year.\n";
    let r = Restorer::new().restore(text);
    assert_eq!(r.text(), text);
    assert!(r.edits().is_empty());
}

/// The tortured-phrase list held "neural network" as a spun form, which is
/// also the canonical wording of other entries; phrases found inside a
/// canonical are dropped from the generated dictionary.
#[test]
fn issue_3_neural_network_is_not_a_tortured_phrase() {
    let text = "A neural network was trained on the counterfeit consciousness data.\n";
    let restored = restore(text);
    assert!(restored.contains("neural network"), "{restored}");
    assert!(restored.contains("artificial intelligence"), "{restored}");
}

/// A near miss must never fire on wording that a canonical uses, or a
/// second run would change the first run's output ("congested trees" is
/// restored as "choice trees", which is also the plural of the spun
/// "choice tree").
#[test]
fn issue_4_a_restored_text_restores_to_itself() {
    let text = "Spun text: the Protection Secretary met the U.Okay. team. \
                The congested trees model and the choice tree model.\n";
    let once = restore(text);
    assert_eq!(
        once,
        "Spun text: the Defense Secretary met the U.K. team. \
         The choice trees model and the decision tree model.\n"
    );
    assert_eq!(restore(&once), once);
}

/// Replacements keep the source's curly apostrophe and leave a possessive
/// ending outside the phrase.
#[test]
fn issue_2_possessives_and_curly_apostrophes_survive() {
    assert_eq!(
        restore("The Protection Secretary’s plan for the U.Okay."),
        "The Defense Secretary’s plan for the U.K."
    );
}

/// A title-case headline is not evidence of a damaged name: every word in
/// it is capitalised, so a run of capitals says nothing there.
#[test]
fn issue_3_title_case_headlines_are_not_damaged_names() {
    let text = "Workplace Of Nationwide Drug Management Coverage\n\n\
                The Workplace of Nationwide Drug Management Coverage said so.\n";
    let r = Restorer::new().restore(text);
    let (_, body) = r.text().split_once("\n\n").unwrap();
    // "Management" is the spinner's word for "Control" too, and the
    // decision model restores it from the vocabulary in this spun text.
    assert_eq!(
        body,
        "The Office of National Drug Control Policy said so.\n"
    );
    // The name in the sentence is restored as a damaged name; the
    // headline's words only as the spun words they are, one by one, never
    // by the name rule.
    let headline_end = text.find('\n').unwrap();
    assert!(r
        .edits()
        .iter()
        .filter(|e| e.span().start < headline_end)
        .all(|e| !matches!(e.rule(), unspin::Rule::Name { .. })));
    assert!(r
        .edits()
        .iter()
        .any(|e| e.span().start > headline_end && matches!(e.rule(), unspin::Rule::Name { .. })));
}

/// Invalid UTF-8 passes through byte for byte; the valid text around it is
/// still restored, with CRLF line endings kept.
#[test]
fn issue_6_invalid_utf8_passes_through() {
    let r = Restorer::new().restore_bytes(b"caf\xe9 U.Okay.\r\n");
    assert_eq!(r.bytes(), b"caf\xe9 U.K.\r\n");
}

/// A misspelling near miss must rest on a misspelt word: "a photograph of"
/// is one letter from the fingerprint "photograph op", but "of" is a word.
#[test]
fn issue_4_a_common_word_is_no_misspelling() {
    let text = "The U.Okay. and Protection Secretary. A photograph of the Protection Secretery.\n";
    assert_eq!(
        restore(text),
        "The U.K. and Defense Secretary. A photograph of the Defense Secretary.\n"
    );
}

/// A possessive is no plural: "Getty photograph’s" is no near miss of
/// "Getty Photographs" (which once lost the "’s").
#[test]
fn issue_4_a_possessive_is_no_plural() {
    let text = "Getty photograph’s shot\n";
    assert_eq!(restore(text), text);
}

/// Phrases are read through spintax braces, as the text reads once they
/// are gone: a second restore used to find "Getty photograph" only after
/// the first had removed the braces.
#[test]
fn issue_5_phrases_read_through_spintax_braces() {
    let once = restore("The U.Okay. and Getty {Photographs} shot, {photograph} of it.\n");
    assert_eq!(once, "The U.K. and Getty Images shot, photograph of it.\n");
    assert_eq!(restore(&once), once);
}

/// A brace glued to a non-ASCII letter is no spintax: removing it would
/// join two words ("İ{photograph}").
#[test]
fn issue_5_a_brace_after_any_letter_is_not_spintax() {
    let text = "stated İ{photograph} Photographs";
    assert_eq!(restore(text), text);
}

/// A phrase wrapped over two lines keeps its line break: joining the lines
/// changed what the next restore saw (a title-case line grew).
#[test]
fn issue_5_a_wrapped_phrase_keeps_its_line_break() {
    assert_eq!(
        restore("a shot by Getty\nPictures of the U.Okay.\n"),
        "a shot by Getty\nImages of the U.K.\n"
    );
}

/// A phrase that starts in lower case but capitalizes a later word keeps
/// that capital: lower-casing it turned a title-case line into prose, and
/// the next restore read a damaged name there.
#[test]
fn issue_5_later_capitals_of_a_lower_case_phrase_survive() {
    let text = "protection\nSecretery Okay Photographs Protection Secretary U.Okay.";
    let once = restore(text);
    assert_eq!(
        once,
        "defense\nSecretary Okay Photographs Defense Secretary U.K."
    );
    assert_eq!(restore(&once), once);
}

/// Two fingerprints that overlap ("Protection Secretary", "Secretary of
/// Battle") were restored one per run: the first run gave "Defense
/// Secretary of Battle", the second "Defense Secretary of War".
#[test]
fn issue_4_overlapping_fingerprints_restore_in_one_run() {
    let text = "He was Protection Secretary of Battle.\n";
    let once = restore(text);
    assert_eq!(once, "He was Defense Secretary of War.\n");
    assert_eq!(restore(&once), once);
}

/// The same for a near miss that overlaps a restored phrase, also when the
/// shared word is itself misspelt: the near miss reads it as restored.
#[test]
fn issue_4_a_near_miss_may_overlap_the_phrase_before_it() {
    for (text, expected) in [
        (
            "He was Protection Secretary ofbattle at the U.Okay. talks.\n",
            "He was Defense Secretary of war at the U.K. talks.\n",
        ),
        (
            "protection Secretery ofProtection Secretary U.Okay.{photograph}",
            "defense Secretary of defense Secretary U.K.photograph",
        ),
    ] {
        let once = restore(text);
        assert_eq!(once, expected);
        assert_eq!(restore(&once), once);
    }
}

/// A hyphen after a spintax brace is glued to the word inside it, as it is
/// once the brace is gone: "{photograph}-op" restored as "photograph-op",
/// and only a second run gave "photo op".
#[test]
fn issue_4_a_hyphen_after_a_brace_is_glued() {
    let once = restore("{photograph}-op");
    assert_eq!(once, "photo op");
    assert_eq!(restore(&once), once);
}

/// Spintax braces around a phrase that holds another pair: once the inner
/// pair is gone the outer one encloses a plain phrase, and only a second
/// run removed it.
#[test]
fn issue_4_nested_spintax_leftovers_go_in_one_run() {
    let once = restore("a {Okay {photograph}} b");
    assert_eq!(once, "a Okay photograph b");
    assert_eq!(restore(&once), once);
    // Template syntax stays.
    assert_eq!(restore("a {{photograph}} b"), "a {{photograph}} b");
}

/// A phrase wrapped over two lines whose canonical has no space for the
/// line break ("U.\nOkay." and "U.K.") stays as it is: joining the lines
/// changed what the next restore read.
#[test]
fn issue_4_a_replacement_never_joins_lines() {
    let text = "Photographs\tU.\nOkay.\tstated";
    let once = restore(text);
    assert!(once.contains('\n'), "{once:?}");
    assert_eq!(restore(&once), once);
    assert_eq!(
        restore("the U.\nOkay. team, the U.Okay."),
        "the U.\nOkay. team, the U.K."
    );
}

/// `they usually -> and they` restored "years, and they usually arrived"
/// as "years, and and they arrived": a canonical that starts with the
/// word just before the phrase (or ends with the word after it) would
/// write that word twice, and the phrase there is genuine.
#[test]
fn issue_12_a_canonical_never_doubles_the_word_before_it() {
    let text = "The Protection Secretary met the U.Okay. team. She had been a teacher for years, and they usually arrived early.\n";
    assert_eq!(
        restore(text),
        "The Defense Secretary met the U.K. team. She had been a teacher for years, and they usually arrived early.\n"
    );
    let forced = Restorer::builder()
        .min_signals(0)
        .min_per_thousand(0.0)
        .language_model(false)
        .build();
    assert_eq!(
        forced.restore("years, and they usually arrived").text(),
        "years, and they usually arrived"
    );
    // Without the word before it, the entry still applies.
    assert_eq!(
        forced.restore("years, they usually arrived").text(),
        "years, and they arrived"
    );
    // The same at the end: "swarm improvement" is "particle swarm
    // optimization", and "particle" before it stays single.
    // (One fingerprint in five words shows spin, so "method" may be
    // restored as an ambiguous word; the phrase itself stays.)
    let restored = restore("the particle swarm improvement method");
    assert!(
        restored.starts_with("the particle swarm improvement "),
        "{restored}"
    );
}

/// A dictionary saved with a UTF-8 byte order mark lost its first entry:
/// the mark became part of the first phrase, which then never matched.
#[test]
fn issue_12_a_byte_order_mark_keeps_the_first_entry() {
    let tsv = "\u{feff}x\ty\tfingerprint\nx\tz\tfingerprint\n";
    let dict = unspin::Dictionary::from_tsv("bom", "\u{feff}x\ty\tfingerprint\n").unwrap();
    assert_eq!(dict.entries()[0].mangled(), "x");
    let r = Restorer::builder()
        .default_dictionaries(false)
        .dictionary(dict)
        .build();
    assert_eq!(r.restore("x").text(), "y");
    // The lint sees the entry too: line 2 defines it again.
    let findings = unspin::lint::Linter::new().tsv("bom.tsv", tsv).lint();
    assert!(
        findings
            .iter()
            .any(|f| f.kind() == unspin::lint::Kind::Conflict && f.line() == 2),
        "{findings:?}"
    );
}

/// Issue 11: the language model was pruned to the embedded entries, so an
/// ambiguous entry of a user dictionary was restored on the document's
/// evidence alone, wherever it occurred. The whole model judges it in
/// context like an embedded one: "the vessel sank" is spun, "a blood
/// vessel" is English.
#[test]
fn issue_11_user_entries_are_judged_in_context() {
    let mine = unspin::Dictionary::from_tsv("mine", "vessel\tship\tambiguous\n").unwrap();
    let r = Restorer::builder().dictionary(mine).build().restore(
        "The Protection Secretary met the U.Okay. team. The vessel sank near the coast. \
         A blood vessel burst in his eye.",
    );
    assert_eq!(
        r.text(),
        "The Defense Secretary met the U.K. team. The ship sank near the coast. \
         A blood vessel burst in his eye."
    );
    let restored = r.edits().iter().find(|e| e.original() == "vessel").unwrap();
    let judgement = restored.judgement().expect("judged by the language model");
    assert!(judgement.difference() > judgement.margin(), "{judgement:?}");
    let [left_alone] = r.skipped() else {
        panic!("{:?}", r.skipped());
    };
    assert_eq!(left_alone.original(), "vessel");
    assert!(left_alone.judgement().difference() < left_alone.judgement().margin());
}

/// Issue 12, bug 7: "spun" meant two things. A clean paragraph dense in
/// ordinary words the spinner also writes was "not shown to be spun" to
/// `--explain` and the gate, but "spun" to `detect`. One rule now decides
/// both, whatever the text.
#[test]
fn issue_12_detect_and_restore_agree_on_spun() {
    let r = Restorer::new();
    for text in [
        "The senator stated her case before the battle over the budget.",
        "However long it takes, the stated goal of the assembly is safety and \
         power; the battle, the struggle and the fight for security go on.",
        "The Protection Secretary met the U.Okay. team.",
        "Plain words about nothing in particular, written for this test.",
    ] {
        assert_eq!(
            r.restore(text).evidence().is_spun(),
            r.detect(text).is_spun(),
            "{text}"
        );
    }
}
