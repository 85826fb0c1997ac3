"""The `unspin` wheel in a real Spark job, in local mode: a pandas UDF.

Reads a few JSON Lines records into a DataFrame, restores their "text"
column with

    @pandas_udf("string")
    def restore(texts: pd.Series) -> pd.Series:
        return pd.Series(unspin.restore_batch(texts.tolist()), index=texts.index)

(each Arrow batch of the column restored at once, on all cores of the
executor, with the GIL released), adds the number of edits with a second
UDF over `unspin.Restorer`, writes JSON Lines, and checks what comes back:
every record once, with its id, restored text and edit count. Exits 0
when all is as expected, 1 when not.

Needs the wheel (`pip install unspin`, or `maturin build` in python/ and
`pip install` of the wheel), PySpark, pandas and PyArrow in this
interpreter (`pip install pyspark pandas pyarrow`) and a Java runtime
(Debian: `openjdk-17-jre-headless`); `.ci/run` installs them in a
virtualenv. The Python workers run this same interpreter.

    python3 examples/spark_jsonl.py
"""

import json
import os
import sys
import tempfile

RECORDS = [
    {"id": 1, "text": "The Protection Secretary met the U.Okay. team."},
    {"id": 2, "text": "Photo: Getty Pictures"},
    {"id": 3, "text": "Plain words stay as they are."},
    {"id": 4, "text": "Counterfeit consciousness is a tortured phrase."},
    {"id": 5, "text": "Café — la Protection Secretary et U.Okay."},
]

EXPECTED = {
    1: ("The Defense Secretary met the U.K. team.", 2),
    2: ("Photo: Getty Images", 1),
    3: ("Plain words stay as they are.", 0),
    4: ("Artificial intelligence is a tortured phrase.", 1),
    5: ("Café — la Defense Secretary et U.K.", 2),
}


def main():
    # The workers run this same interpreter, where the wheel is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Each Python worker restores its batches on a thread pool; with one
    # worker per core, one thread each is enough.
    os.environ.setdefault("RAYON_NUM_THREADS", "1")

    import pandas as pd
    from pyspark.sql import SparkSession
    from pyspark.sql.functions import col, pandas_udf

    import unspin

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("unspin-jsonl")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    # (A return type given as a string is parsed by the session.)
    @pandas_udf("string")
    def restore(texts: pd.Series) -> pd.Series:
        return pd.Series(unspin.restore_batch(texts.tolist()), index=texts.index)

    @pandas_udf("int")
    def edit_count(texts: pd.Series) -> pd.Series:
        restorations = unspin.Restorer().restore_batch(texts.tolist())
        return pd.Series([len(r.edits) for r in restorations], index=texts.index)

    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in.jsonl")
        with open(source, "w", encoding="utf-8") as f:
            for record in RECORDS:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        try:
            df = spark.read.json(source).repartition(2)
            restored = df.select(
                "id",
                restore(col("text")).alias("text"),
                edit_count(col("text")).alias("edits"),
            )
            restored.write.json(os.path.join(tmp, "out"))
        finally:
            spark.stop()
        got = []
        out = os.path.join(tmp, "out")
        for name in sorted(os.listdir(out)):
            if name.startswith("part-"):
                with open(os.path.join(out, name), encoding="utf-8") as f:
                    got.extend(json.loads(line) for line in f)

    failures = []
    if sorted(r.get("id") for r in got) != sorted(EXPECTED):
        failures.append(f"ids back: {sorted(r.get('id') for r in got)}, sent {sorted(EXPECTED)}")
    for record in got:
        want = EXPECTED.get(record.get("id"), ("(no such id)", None))
        if (record.get("text"), record.get("edits")) != want:
            failures.append(f"id {record.get('id')!r}: {record.get('text')!r} with {record.get('edits')} edits, expected {want!r}")
    if failures:
        print("spark_jsonl: FAILED", *failures, sep="\n  ", file=sys.stderr)
        return 1
    edits = sum(r["edits"] for r in got)
    print(f"spark_jsonl: {len(got)} records restored by a pandas UDF over unspin.restore_batch, {edits} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
