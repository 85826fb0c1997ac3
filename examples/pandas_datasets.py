"""The `unspin` wheel over a pandas DataFrame and a Hugging Face dataset.

pandas: a column restored at once on all cores,

    df["restored"] = unspin.restore_batch(df["text"])

and the verdict of each row, to keep only clean ones:

    restorer = unspin.Restorer()
    df["spun"] = [d.spun for d in restorer.detect_batch(df["text"])]

Hugging Face `datasets`: `Dataset.map` in batches, with the edits:

    def repair(batch):
        done = restorer.restore_batch(batch["text"])
        return {"text": [r.text for r in done], "edits": [len(r.edits) for r in done]}

    ds = ds.map(repair, batched=True)

(`num_proc=N` works too: a `Restorer` pickles.) Checks what comes back and
exits 0 when all is as expected, 1 when not. Needs the wheel and pandas;
the `datasets` part runs when `datasets` is installed and is skipped
otherwise.

    python3 examples/pandas_datasets.py
"""

import sys

import pandas as pd

import unspin

ROWS = [
    ("The Protection Secretary met the U.Okay. team.", "The Defense Secretary met the U.K. team.", True),
    ("Photo: Getty Pictures", "Photo: Getty Images", False),
    ("Plain words stay as they are.", "Plain words stay as they are.", False),
    ("Café — la Protection Secretary et U.Okay.", "Café — la Defense Secretary et U.K.", True),
]


def check_pandas(failures):
    df = pd.DataFrame({"text": [r[0] for r in ROWS]})
    df["restored"] = unspin.restore_batch(df["text"])
    restorer = unspin.Restorer()
    df["spun"] = [d.spun for d in restorer.detect_batch(df["text"])]
    for (_, want, spun), (_, row) in zip(ROWS, df.iterrows()):
        if (row["restored"], row["spun"]) != (want, spun):
            failures.append(f"pandas: {row['text']!r} -> {row['restored']!r}, spun={row['spun']}")
    clean = df[~df["spun"]]
    print(f"pandas: {len(df)} rows restored, {len(clean)} judged clean")


def check_datasets(failures):
    try:
        from datasets import Dataset
    except ImportError:
        print("datasets: not installed, skipped")
        return
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()
    restorer = unspin.Restorer()

    def repair(batch):
        done = restorer.restore_batch(batch["text"])
        return {"text": [r.text for r in done], "edits": [len(r.edits) for r in done]}

    ds = Dataset.from_dict({"id": list(range(len(ROWS))), "text": [r[0] for r in ROWS]})
    ds = ds.map(repair, batched=True, batch_size=2)
    if ds["text"] != [r[1] for r in ROWS]:
        failures.append(f"datasets: {ds['text']!r}")
    if ds["edits"] != [2, 1, 0, 2]:
        failures.append(f"datasets: edits {ds['edits']!r}")
    print(f"datasets: {len(ds)} rows mapped, {sum(ds['edits'])} edits")


def main():
    failures = []
    check_pandas(failures)
    check_datasets(failures)
    if failures:
        print("pandas_datasets: FAILED", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
