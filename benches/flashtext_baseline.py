#!/usr/bin/env python3
"""unspin against FlashText: the same phrase pairs, the same 10 MiB inputs.

FlashText (https://github.com/vi3k6i5/flashtext) is the usual Python answer
to "replace thousands of phrases in a lot of text". This script loads every
(mangled, canonical) pair of the embedded dictionaries into a FlashText
KeywordProcessor(case_sensitive=False), with add_keyword(mangled,
canonical), in the manifest's order (a later dictionary's entry replaces an
earlier one's, as in unspin), and times replace_keywords() on each input of
benches/inputs.toml, the recipe benches/restore.rs builds its criterion
inputs from, a line at a time (see below). It times unspin's whole restore
of the same bytes by running the release binary, `unspin --no-config FILE >
/dev/null` (start-up, reading, restore, writing: everything a user waits
for), and reports the best of several runs of each, in MiB/s, and the
ratio. The ratio compares one core with one core: unspin runs with
RAYON_NUM_THREADS=1 (one chunk at a time); a last column gives unspin on
all cores.

Setup (Python 3.11 or newer, for tomllib):

    pip install flashtext          # 2.7, pure Python
    cargo build --release          # target/release/unspin

Run from anywhere:

    python3 benches/flashtext_baseline.py [--runs N] [--unspin-runs N]

It writes the inputs to target/bench-inputs/NAME.txt (printing their
SHA-256) and the table to standard output, to target/flashtext-baseline.md
and, as JSON, to target/flashtext-baseline.json. `cargo bench --bench
restore` checks that the inputs it builds are byte for byte the files
written here. The exit status is 0 whatever the ratio, 2 on an error
(FlashText missing, no binary, a failed run).

FlashText gets each input a line at a time, joined again with "\n", as its
author advises for large files (vi3k6i5/flashtext#38). One call over a
whole 10 MiB string is not linear in PyPI's flashtext 2.7: it builds the
result with `+=` (the fix, vi3k6i5/flashtext#55, came after the last
release), and each growth of that string may copy it, depending on whether
the allocator can extend it in place. In a fresh process the speed falls
from about 0.6 MiB/s over 256 KiB to under 0.1 MiB/s over 1 MiB and under
0.02 over 4 MiB, so one call over 10 MiB would take about half an hour.
No keyword holds a line break, and the script checks on the first 256 KiB
of each input that line by line gives exactly what one call gives.
`--whole` times single calls over the first 64 KiB, 256 KiB and 1 MiB, each
in a new Python process. FlashText's time covers replace_keywords() on a
string in memory; unspin's also starting the process, reading the file and
writing the output.

The two do not do the same work. FlashText matches characters against a
trie: a keyword matches only where it is bounded by characters outside
[A-Za-z0-9_], so any other letter is a boundary ("caféstated" becomes
"cafésaid", "she’stated" "she’said"); only with the dictionary's exact
spacing (one space: not "Protection  Secretary" or across a line break);
and the replacement is the canonical as written ("PROTECTION SECRETARY"
becomes "Defense Secretary"). unspin matches tokens (any whitespace between
words, curly and straight apostrophes alike), protects URLs and code,
restores ambiguous entries only in documents that show spin and then asks
its language model, fixes articles and names, and keeps the case of the
text it replaces.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECIPE = ROOT / "benches" / "inputs.toml"
MANIFEST = ROOT / "dictionaries" / "manifest.toml"
MIB = 1 << 20
# The target: unspin at least this many times FlashText's speed.
TARGET_RATIO = 30.0
# Prefix sizes for --whole.
WHOLE_SIZES = (64 << 10, 256 << 10, 1 << 20)


class Failure(Exception):
    """An error that ends the run with status 2."""


def expand(pattern):
    """The files a recipe pattern names, as benches/support/inputs.rs
    expands them: the path itself, or with a `*` in the file name the
    matching files of its directory, sorted by name in byte order."""
    path = ROOT / pattern
    if "*" not in path.name:
        return [path]
    prefix, suffix = path.name.split("*", 1)
    names = sorted(
        (
            entry.name
            for entry in os.scandir(path.parent)
            if len(entry.name) >= len(prefix) + len(suffix)
            and entry.name.startswith(prefix)
            and entry.name.endswith(suffix)
        ),
        key=lambda name: name.encode("utf-8", "surrogateescape"),
    )
    if not names:
        raise Failure(f"{RECIPE}: {pattern} matches no file")
    return [path.parent / name for name in names]


def build_inputs():
    """[(name, bytes)]: each input of the recipe, its files in order, each
    followed by b"\\n\\n", repeated until it is at least target-bytes long."""
    recipe = tomllib.loads(RECIPE.read_text(encoding="utf-8"))
    target = recipe["target-bytes"]
    inputs = []
    for spec in recipe["input"]:
        base = b"".join(
            path.read_bytes() + b"\n\n"
            for pattern in spec["files"]
            for path in expand(pattern)
        )
        if not base:
            raise Failure(f"{RECIPE}: input {spec['name']} is empty")
        rounds = -(-target // len(base))
        inputs.append((spec["name"], base * rounds))
    return inputs


def dictionary_pairs():
    """[(dictionary, [(mangled, canonical)])] in the manifest's order, read
    as unspin's parser reads the files: one entry a line, TAB-separated,
    fields trimmed, blank and `#` lines skipped."""
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    out = []
    for spec in manifest["dictionary"]:
        path = MANIFEST.parent / spec["file"]
        pairs = []
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            line = line.removesuffix("\r")
            if not line.strip() or line.strip().startswith("#"):
                continue
            fields = line.split("\t")
            if not 3 <= len(fields) <= 4:
                raise Failure(f"{path}:{number}: expected 3 or 4 TAB-separated fields")
            pairs.append((fields[0].strip(), fields[1].strip()))
        out.append((spec["name"], pairs))
    return out


def check_counts(binary, dictionaries):
    """The pairs read here must be the entries unspin loads."""
    listing = subprocess.run(
        [str(binary), "dict", "list", "--no-config", "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    loaded = {}
    for line in listing.splitlines():
        item = json.loads(line)
        loaded[item["name"]] = item["entries"]
    for name, pairs in dictionaries:
        if loaded.get(name) != len(pairs):
            raise Failure(
                f"dictionary {name}: {len(pairs)} pairs read here, "
                f"unspin loads {loaded.get(name)} entries"
            )


def replace_by_line(processor, text):
    """FlashText over `text` a line at a time, joined again."""
    return "\n".join(processor.replace_keywords(line) for line in text.split("\n"))


def check_lines(processor, data):
    """Line by line gives what one call over the whole text gives: checked
    on the input's first 256 KiB (cut at a line end), since one call over
    10 MiB would take far too long (see the module's documentation)."""
    head = prefix(data, 256 << 10)
    if replace_by_line(processor, head) != processor.replace_keywords(head):
        raise Failure("FlashText line by line differs from one call over the whole text")


def keyword_processor(dictionaries):
    """A case-insensitive FlashText KeywordProcessor holding every pair."""
    from flashtext import KeywordProcessor

    processor = KeywordProcessor(case_sensitive=False)
    for _, pairs in dictionaries:
        for mangled, canonical in pairs:
            processor.add_keyword(mangled, canonical)
    return processor


def prefix(data, size):
    """The first `size` bytes of `data`, cut after the last line break."""
    head = data[:size]
    return head[: head.rfind(b"\n") + 1].decode("utf-8")


def one_call(path, size):
    """`--one-call`: times one replace_keywords() call over the first
    `size` bytes of `path` in this (fresh) process; prints bytes and MiB/s
    as JSON."""
    processor = keyword_processor(dictionary_pairs())
    text = prefix(path.read_bytes(), size)
    seconds = best_of(1, lambda: processor.replace_keywords(text))
    size = len(text.encode("utf-8"))
    print(json.dumps({"bytes": size, "mib_s": size / MIB / seconds}))


def whole_call_speeds(path, sizes):
    """[{bytes, mib_s}]: one replace_keywords() call over the first `size`
    bytes of the input at `path`, for each size, each in a new Python
    process: how fast a call over a large string is depends on the state of
    the process's heap (see the module's documentation)."""
    out = []
    for size in sizes:
        result = subprocess.run(
            [sys.executable, "-B", str(Path(__file__).resolve()), "--one-call", str(path), str(size)],
            check=True,
            capture_output=True,
            text=True,
        )
        out.append(json.loads(result.stdout))
    return out


def best_of(runs, action):
    """The shortest wall-clock time, in seconds, of `runs` calls of `action`."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def run_unspin(binary, path, one_core):
    """One restore of `path`; with `one_core`, one chunk at a time
    (RAYON_NUM_THREADS=1), as FlashText works."""
    env = dict(os.environ)
    if one_core:
        env["RAYON_NUM_THREADS"] = "1"
    else:
        env.pop("RAYON_NUM_THREADS", None)
    result = subprocess.run(
        [str(binary), "--no-config", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    if result.returncode != 0:
        raise Failure(
            f"{binary} {path} exited with {result.returncode}: "
            + result.stderr.decode("utf-8", "replace").strip()
        )


def render(rows, keywords, runs, unspin_runs):
    lines = [
        f"FlashText {flashtext_version()} (Python {sys.version.split()[0]}, "
        f"{keywords} keywords, line by line, best of {runs}) against unspin's whole restore "
        f"(release binary, best of {unspin_runs}); MiB/s on one core (unspin with "
        f"RAYON_NUM_THREADS=1), and unspin on all {os.cpu_count()} cores (up to 4 chunks at once).",
        "",
        "| input | MiB | FlashText MiB/s | unspin MiB/s | unspin / FlashText | unspin MiB/s, all cores |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['input']} | {row['bytes'] / MIB:.1f} | {row['flashtext_mib_s']:.2f} "
            f"| {row['unspin_mib_s']:.1f} | {row['ratio']:.1f}x | {row['unspin_all_cores_mib_s']:.1f} |"
        )
    if any("flashtext_whole_call" in row for row in rows):
        sizes = [w["bytes"] for w in rows[0]["flashtext_whole_call"]]
        lines += [
            "",
            "FlashText, one replace_keywords() call over the first bytes of each input (MiB/s):",
            "",
            "| input | " + " | ".join(f"{size / 1024:.0f} KiB" for size in sizes) + " |",
            "|---|" + "---|" * len(sizes),
        ]
        for row in rows:
            lines.append(
                f"| {row['input']} | "
                + " | ".join(f"{w['mib_s']:.2f}" for w in row["flashtext_whole_call"])
                + " |"
            )
    worst = min(row["ratio"] for row in rows)
    verdict = "met" if worst >= TARGET_RATIO else "not met"
    lines += ["", f"Lowest ratio {worst:.1f}x: target {TARGET_RATIO:.0f}x {verdict}."]
    return "\n".join(lines) + "\n"


def flashtext_version():
    try:
        from importlib.metadata import version

        return version("flashtext")
    except Exception:  # noqa: BLE001 - a missing version is only cosmetic
        return "(unknown version)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="FlashText runs per input (best counts)")
    parser.add_argument("--unspin-runs", type=int, default=5, help="unspin runs per input (best counts)")
    parser.add_argument(
        "--binary", type=Path, default=ROOT / "target" / "release" / "unspin", help="the unspin binary"
    )
    parser.add_argument(
        "--inputs-dir",
        type=Path,
        default=ROOT / "target" / "bench-inputs",
        help="where to write the inputs (benches/restore.rs compares its own with them)",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "target" / "flashtext-baseline.md", help="the table, Markdown"
    )
    parser.add_argument(
        "--json", type=Path, default=ROOT / "target" / "flashtext-baseline.json", help="the numbers, JSON"
    )
    parser.add_argument(
        "--whole",
        action="store_true",
        help="also time one replace_keywords() call over the first 64 KiB, 256 KiB and 1 MiB of each input",
    )
    parser.add_argument("--one-call", nargs=2, metavar=("FILE", "BYTES"), help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", metavar="NAME", help="measure only this input (repeatable)")
    args = parser.parse_args()
    if args.runs < 1 or args.unspin_runs < 1:
        raise Failure("--runs and --unspin-runs must be at least 1")

    try:
        import flashtext  # noqa: F401 - only whether it is installed
    except ImportError as e:
        raise Failure(f"FlashText is not installed ({e}): pip install flashtext") from e
    if args.one_call:
        one_call(Path(args.one_call[0]), int(args.one_call[1]))
        return
    if not args.binary.is_file():
        raise Failure(f"{args.binary} not found: cargo build --release")

    dictionaries = dictionary_pairs()
    check_counts(args.binary, dictionaries)
    processor = keyword_processor(dictionaries)
    pairs = sum(len(p) for _, p in dictionaries)
    print(f"{pairs} pairs from {len(dictionaries)} dictionaries, {len(processor)} distinct keywords")

    args.inputs_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, data in build_inputs():
        if args.only and name not in args.only:
            continue
        path = args.inputs_dir / f"{name}.txt"
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        print(f"{name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}, {path}")
        text = data.decode("utf-8")
        if len(text.lower()) != len(text):
            print(f"  warning: lower-casing changes the length of {name}; FlashText misaligns it")
        check_lines(processor, data)
        flashtext = best_of(args.runs, lambda: replace_by_line(processor, text))
        unspin = best_of(args.unspin_runs, lambda: run_unspin(args.binary, path, True))
        all_cores = best_of(args.unspin_runs, lambda: run_unspin(args.binary, path, False))
        row = {
            "input": name,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "flashtext_seconds": flashtext,
            "unspin_seconds": unspin,
            "flashtext_mib_s": len(data) / MIB / flashtext,
            "unspin_mib_s": len(data) / MIB / unspin,
            "ratio": flashtext / unspin,
            "unspin_all_cores_seconds": all_cores,
            "unspin_all_cores_mib_s": len(data) / MIB / all_cores,
        }
        print(
            f"  FlashText {row['flashtext_mib_s']:.2f} MiB/s, "
            f"unspin {row['unspin_mib_s']:.1f} MiB/s, {row['ratio']:.1f}x "
            f"(all cores: {row['unspin_all_cores_mib_s']:.1f} MiB/s)",
            flush=True,
        )
        if args.whole:
            row["flashtext_whole_call"] = whole_call_speeds(path, WHOLE_SIZES)
            print(
                "  FlashText, one call over the first "
                + ", ".join(f"{w['bytes'] / 1024:.0f} KiB: {w['mib_s']:.2f} MiB/s" for w in row["flashtext_whole_call"]),
                flush=True,
            )
        rows.append(row)
    if not rows:
        raise Failure("no input measured (check --only)")

    table = render(rows, len(processor), args.runs, args.unspin_runs)
    print()
    print(table, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    args.json.write_text(
        json.dumps(
            {
                "flashtext": flashtext_version(),
                "python": sys.version.split()[0],
                "keywords": len(processor),
                "runs": args.runs,
                "unspin_runs": args.unspin_runs,
                "target_ratio": TARGET_RATIO,
                "inputs": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written: {args.out}, {args.json}")


if __name__ == "__main__":
    try:
        main()
    except (Failure, OSError, subprocess.CalledProcessError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        print(f"flashtext_baseline: {e}", file=sys.stderr)
        sys.exit(2)
