"""The datatrove step: a few documents through UnspinFilter in each mode."""

import pickle

import pytest

datatrove = pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.pipeline.writers.disk_base import DiskWriter  # noqa: E402

import unspin  # noqa: E402
from unspin.datatrove import UnspinFilter  # noqa: E402

SPUN = "The Protection Secretary met the U.Okay. team."
RESTORED = "The Defense Secretary met the U.K. team."
CLEAN = "The senator stated her case before the battle over the budget."
PHOTO = "Photo: Getty Pictures"


def documents():
    return [
        Document(text=SPUN, id="spun"),
        Document(text=CLEAN, id="clean"),
        Document(text=PHOTO, id="photo"),
        Document(text="Café — la Protection Secretary et U.Okay.", id="cafe"),
    ]


def stats(step):
    return {name: step.stats[name].total for name in step.stats.stats}


def run(step, docs):
    return list(step.run(iter(docs)))


def test_repair():
    step = UnspinFilter(mode="repair", batch_size=3)
    out = run(step, documents())
    assert [d.id for d in out] == ["spun", "clean", "photo", "cafe"]
    assert [d.text for d in out] == [
        RESTORED,
        CLEAN,
        "Photo: Getty Images",
        "Café — la Defense Secretary et U.K.",
    ]
    s = stats(step)
    assert s["total"] == 4
    assert s["forwarded"] == 4
    assert s["changed"] == 3
    assert s["edits"] == 5
    assert s["spun"] == 2
    assert "dropped" not in s


def test_drop():
    step = UnspinFilter(mode="drop")
    out = run(step, documents())
    assert [d.id for d in out] == ["clean", "photo"]
    # Kept documents are not edited.
    assert out[1].text == PHOTO
    s = stats(step)
    assert (s["total"], s["forwarded"], s["dropped"], s["dropped_spun"], s["spun"]) == (4, 2, 2, 2, 2)


def test_tag():
    step = UnspinFilter(mode="tag", metadata_prefix="spin_")
    out = run(step, documents())
    assert [d.text for d in out] == [d.text for d in documents()]
    tags = {d.id: (d.metadata["spin_spun"], d.metadata["spin_signals"]) for d in out}
    assert tags == {"spun": (True, 2), "clean": (False, 0), "photo": (False, 1), "cafe": (True, 2)}
    assert out[0].metadata["spin_score"] > 2.0
    s = stats(step)
    assert (s["total"], s["forwarded"], s["spun"]) == (4, 4, 2)


def test_options_and_pickling():
    step = UnspinFilter(mode="repair", restorer=unspin.Restorer(ignore_words=["Getty Pictures"]))
    # datatrove's executors pickle their steps.
    step = pickle.loads(pickle.dumps(step))
    out = run(step, documents())
    assert out[2].text == PHOTO
    assert out[0].text == RESTORED


def test_drop_with_exclusion_writer(tmp_path):
    pytest.importorskip("orjson")
    from datatrove.pipeline.writers import JsonlWriter

    writer = JsonlWriter(str(tmp_path), compression=None)
    assert isinstance(writer, DiskWriter)
    step = UnspinFilter(mode="drop", exclusion_writer=writer)
    run(step, documents())
    written = "".join(p.read_text() for p in tmp_path.iterdir())
    assert '"spun"' in written and '"cafe"' in written
    assert '"clean"' not in written


def test_bad_mode():
    with pytest.raises(ValueError, match="mode"):
        UnspinFilter(mode="fix")


def test_a_whole_local_pipeline(tmp_path):
    """Reader, UnspinFilter and writer run by datatrove's local executor, in
    two worker processes (the pipeline is pickled to them)."""
    import json

    pytest.importorskip("orjson")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    src = tmp_path / "in"
    src.mkdir()
    for part in range(2):
        with open(src / f"part{part}.jsonl", "w", encoding="utf-8") as f:
            for d in documents():
                f.write(json.dumps({"id": f"{d.id}{part}", "text": d.text}) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(src), compression=None),
            UnspinFilter(mode="repair", restorer=unspin.Restorer(ignore_words=["Getty Pictures"])),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    stats = executor.run()
    lines = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()).splitlines()
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in lines}
    assert len(texts) == 8
    assert texts["spun0"] == texts["spun1"] == RESTORED
    assert texts["clean1"] == CLEAN
    # The restorer's options went to the workers with it.
    assert texts["photo0"] == PHOTO
    (unspin_stats,) = [s for s in stats.stats if "Unspin" in s.name]
    assert unspin_stats["changed"].total == 4
    assert unspin_stats["edits"].total == 8
