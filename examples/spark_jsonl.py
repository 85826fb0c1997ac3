"""`unspin --jsonl` as the map step of a real Spark job, in local mode.

Runs the line docs/cli.md documents ("Many documents"),

    restored = (
        rdd.map(json.dumps)
        .pipe("unspin --jsonl", env={"PATH": os.environ["PATH"]})
        .map(json.loads)
    )

over a few records in two partitions, with `unspin` found on PATH (the
directory of the binary given, by default target/debug, is put first), and
checks what comes back: every record once, with its id, restored text and
edits. Exits 0 when all is as expected, 1 when not.

`RDD.pipe` starts the command with the environment it is given, an empty
one by default, where PATH falls back to /bin:/usr/bin: without `env` (or
a full path to the binary), `unspin` in ~/.cargo/bin is not found.

Needs PySpark (`pip install pyspark`) and a Java runtime (Debian:
`openjdk-17-jre-headless`); `.ci/run` installs both.

    python3 examples/spark_jsonl.py [path/to/unspin]
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

RECORDS = [
    {"id": 1, "text": "The Protection Secretary met the U.Okay. team."},
    {"id": "two", "text": "Photo: Getty Pictures"},
    {"id": 3, "text": "Plain words stay as they are."},
    {"id": None, "text": "Counterfeit consciousness is a tortured phrase."},
]

EXPECTED = {
    1: "The Defense Secretary met the U.K. team.",
    "two": "Photo: Getty Images",
    3: "Plain words stay as they are.",
    None: "Artificial intelligence is a tortured phrase.",
}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "target", "debug", "unspin")
    binary = os.path.abspath(binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"spark_jsonl: no unspin binary at {binary} (build it first)")
    os.environ["PATH"] = os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", "")
    # The workers run this same interpreter, whatever `python3` is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setMaster("local[2]").setAppName("unspin-jsonl").set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        rdd = sc.parallelize(RECORDS, 2)
        # The line of docs/cli.md, as written.
        restored = (
            rdd.map(json.dumps)
            .pipe("unspin --jsonl", env={"PATH": os.environ["PATH"]})
            .map(json.loads)
        )
        got = restored.collect()
    finally:
        sc.stop()

    failures = []
    if len(got) != len(RECORDS):
        failures.append(f"{len(got)} records back, {len(RECORDS)} sent")
    for record in got:
        want = EXPECTED.get(record.get("id"), "(no such id)")
        if record.get("text") != want:
            failures.append(f"id {record.get('id')!r}: {record.get('text')!r}, expected {want!r}")
        if record.get("changed") != (want != next(r["text"] for r in RECORDS if r["id"] == record.get("id"))):
            failures.append(f"id {record.get('id')!r}: changed is {record.get('changed')!r}")
    if failures:
        print("spark_jsonl: FAILED", *failures, sep="\n  ", file=sys.stderr)
        return 1
    edits = sum(len(r["edits"]) for r in got)
    print(f"spark_jsonl: {len(got)} records restored through rdd.pipe(\"unspin --jsonl\"), {edits} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
