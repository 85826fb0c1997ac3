"""Tests of the Python bindings: run with pytest on the installed wheel."""

import pickle
import threading

import pytest

import unspin

SPUN = "The Protection Secretary met the U.Okay. team."
RESTORED = "The Defense Secretary met the U.K. team."
CLEAN = "The senator stated her case before the battle over the budget."


def test_restore():
    assert unspin.restore(SPUN) == RESTORED
    assert unspin.restore(CLEAN) == CLEAN
    assert unspin.restore("") == ""


def test_restore_keeps_non_ascii_text():
    text = "Café — la Protection Secretary, 東京 U.Okay. 🎉"
    assert unspin.restore(text) == "Café — la Defense Secretary, 東京 U.K. 🎉"


def test_restoration():
    r = unspin.Restorer().restore(SPUN)
    assert r.text == RESTORED
    assert r.spun and r.changed
    assert [(e.original, e.replacement) for e in r.edits] == [
        ("Protection Secretary", "Defense Secretary"),
        ("U.Okay.", "U.K."),
    ]
    edit = r.edits[1]
    assert (edit.start, edit.end) == (33, 40)
    assert SPUN[edit.start : edit.end] == "U.Okay."
    assert edit.rule == "lexicon"
    assert edit.dictionary == "artifacts"
    assert edit.entry_class == "fingerprint"
    assert edit.confidence == 0.95
    assert edit.reason
    assert "U.Okay." in repr(edit)
    assert r.evidence.spun
    assert r.evidence.fingerprints == 2
    assert r.evidence.signals == 2
    assert r.evidence.words > 0
    assert r.evidence.per_thousand > 0
    assert "Restoration(" in repr(r)


def test_clean_text_is_unchanged():
    r = unspin.Restorer().restore(CLEAN)
    assert r.text == CLEAN
    assert not r.changed and not r.spun
    assert r.edits == []


@pytest.mark.parametrize(
    "text",
    [
        "Café — la Protection Secretary",
        "Protection Secretary in Zürich met the U.Okay. team",
        "日本語のテキスト: Protection Secretary 🎉 and Getty Pictures, ünïcödé U.Okay.",
        "\U0001f600" * 5 + " Protection Secretary",
    ],
)
def test_edit_offsets_index_the_python_string(text):
    r = unspin.Restorer().restore(text)
    assert r.edits, text
    for e in r.edits:
        assert text[e.start : e.end] == e.original
    # Applying the edits to the input in Python gives the restored text.
    out, last = [], 0
    for e in r.edits:
        out += [text[last : e.start], e.replacement]
        last = e.end
    out.append(text[last:])
    assert "".join(out) == r.text


def test_edit_offsets_cafe():
    text = "Café — la Protection Secretary"
    (edit,) = unspin.Restorer().restore(text).edits
    # Code points, not UTF-8 bytes (13 and 33).
    assert (edit.start, edit.end) == (10, 30)
    assert edit.replacement == "Defense Secretary"


def test_skipped():
    text = "Protection Secretary Pete Hegseth visited the U.Okay. It was the stated goal."
    r = unspin.Restorer().restore(text)
    assert "the stated goal" in r.text
    (s,) = r.skipped
    assert (s.original, s.replacement) == ("stated", "said")
    assert text[s.start : s.end] == "stated"


def test_detect():
    d = unspin.detect("The Protection Secretary stated it at the U.Okay. assembly.")
    assert d.spun and d
    assert d.score > 2.0
    assert d.threshold == 2.0
    assert d.fingerprints == 2
    assert d.signals == 2
    assert d.words == 10
    assert d.spintax == 0
    clean = unspin.detect(CLEAN)
    assert not clean.spun and not clean
    assert "Detection(" in repr(d)


def test_detect_paragraphs():
    text = "Ünïcode first paragraph, nothing spun.\n\nThe Protection Secretary met the U.Okay. team."
    d = unspin.Restorer().detect(text)
    assert len(d.paragraphs) == 2
    first, second = d.paragraphs
    assert text[first.start : first.end] == "Ünïcode first paragraph, nothing spun."
    assert text[second.start : second.end].startswith("The Protection Secretary")
    assert second.signals == 2 and first.signals == 0


def test_restore_batch():
    texts = [SPUN, CLEAN, "", "Photo: Getty Pictures"] * 50
    out = unspin.restore_batch(texts)
    assert out == [RESTORED, CLEAN, "", "Photo: Getty Images"] * 50
    # Any iterable of str: a tuple, a generator.
    assert unspin.restore_batch(t for t in (SPUN,)) == [RESTORED]
    assert unspin.restore_batch(()) == []


def test_restore_batch_rejects_a_str():
    with pytest.raises(TypeError):
        unspin.restore_batch(SPUN)
    with pytest.raises(TypeError):
        unspin.restore_batch([SPUN, 3])


def test_restorer_batch_matches_one_at_a_time():
    restorer = unspin.Restorer()
    texts = ["Café — la Protection Secretary", SPUN, CLEAN] * 20
    batch = restorer.restore_batch(texts)
    assert [r.text for r in batch] == [restorer.restore(t).text for t in texts]
    for text, r in zip(texts, batch):
        for e in r.edits:
            assert text[e.start : e.end] == e.original
    detections = restorer.detect_batch(texts)
    assert [d.spun for d in detections] == [restorer.detect(t).spun for t in texts]


def test_threads_share_a_restorer():
    restorer = unspin.Restorer()
    results = []

    def work():
        results.append(restorer.restore(SPUN * 100).text)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [RESTORED * 100] * 4


def test_fingerprints_only():
    text = "The Protection Secretary met the U.Okay. team.\n\nHe stated it.\n"
    assert unspin.Restorer().restore(text).text.endswith("He said it.\n")
    r = unspin.Restorer(fingerprints_only=True).restore(text)
    assert r.text == "The Defense Secretary met the U.K. team.\n\nHe stated it.\n"


def test_ignore_words():
    text = "Protection Secretary Hegseth stated it, via Getty Pictures."
    r = unspin.Restorer(ignore_words=["stated"]).restore(text)
    assert r.text == "Defense Secretary Hegseth stated it, via Getty Images."


def test_restorer_repr():
    assert repr(unspin.Restorer()) == "Restorer()"
    r = unspin.Restorer(ignore_words=["stated", "it's"], near_misses=False)
    assert repr(r) == "Restorer(near_misses=False, ignore_words=['stated', 'it\\'s'])"


def test_ignore_words_must_not_be_a_str():
    with pytest.raises(TypeError):
        unspin.Restorer(ignore_words="stated")


def test_near_misses_and_language_model():
    assert unspin.Restorer().restore("via Getty-Pictures").text == "via Getty Images"
    assert unspin.Restorer(near_misses=False).restore("via Getty-Pictures").text == "via Getty-Pictures"
    spun = "Protection Secretary Pete Hegseth stated the plan at the U.Okay. assembly. It was the stated goal of the Pentagon."
    assert "the said goal" in unspin.Restorer(language_model=False).restore(spun).text


def test_disable_dictionaries():
    r = unspin.Restorer(disable_dictionaries=["science"])
    assert "science" not in r.dictionary_names()
    assert "science" in unspin.Restorer().dictionary_names()
    assert r.restore("counterfeit consciousness").text == "counterfeit consciousness"


def test_dictionaries(tmp_path):
    path = tmp_path / "house.tsv"
    path.write_text("Fb\tFacebook\tfingerprint\n", encoding="utf-8")
    r = unspin.Restorer(dictionaries=[path])
    assert r.dictionary_names()[-1] == "house"
    restored = r.restore("Posted on Fb.")
    assert restored.text == "Posted on Facebook."
    assert restored.edits[0].dictionary == "house"
    # Paths as str too, without the embedded dictionaries.
    only = unspin.Restorer(dictionaries=[str(path)], default_dictionaries=False)
    assert only.dictionary_names() == ["house"]
    assert only.restore("Fb and Getty Pictures").text == "Facebook and Getty Pictures"


def test_malformed_dictionary_raises_unspin_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("stated\tsaid\n", encoding="utf-8")
    with pytest.raises(unspin.UnspinError) as info:
        unspin.Restorer(dictionaries=[path])
    assert str(path) in str(info.value)
    assert ":1: expected 3 or 4" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_dictionary_raises_unspin_error(tmp_path):
    with pytest.raises(unspin.UnspinError, match="nowhere.tsv"):
        unspin.Restorer(dictionaries=[tmp_path / "nowhere.tsv"])


def test_thresholds():
    text = "The Protection Secretary met the U.Okay. team. He stated it."
    assert "He said it" in unspin.Restorer().restore(text).text
    strict = unspin.Restorer(min_signals=3, spin_threshold=100.0)
    r = strict.restore(text)
    assert not r.spun
    assert "He stated it" in r.text
    margins = unspin.Restorer(language_model_margins=(3.0, 3.0))
    assert margins.restore(text).text == "The Defense Secretary met the U.K. team. He stated it."


def test_restorer_pickles(tmp_path):
    path = tmp_path / "house.tsv"
    path.write_text("Fb\tFacebook\tfingerprint\n", encoding="utf-8")
    r = unspin.Restorer(ignore_words=["stated"], dictionaries=[path], fingerprints_only=True)
    copy = pickle.loads(pickle.dumps(r))
    text = "Protection Secretary Hegseth stated it on Fb."
    assert copy.restore(text).text == r.restore(text).text == "Defense Secretary Hegseth stated it on Facebook."
    assert repr(copy) == repr(r)


def test_version():
    assert unspin.__version__.count(".") == 2
