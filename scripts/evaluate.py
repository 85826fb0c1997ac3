#!/usr/bin/env python3
"""Measure unspin's quality: `repaired` on spun/original pairs and `damage`
on clean text.

usage: scripts/evaluate.py [--bin PATH] [--flags FLAGS] [--json] DIR...

In each DIR (searched recursively):
  NAME.spun.txt with NAME.original.txt or NAME.expected.txt beside it (for
  NAME.variantK.spun.txt also the NAME.original.txt or NAME.expected.txt of
  the base name) is a pair: the spun text is restored and scored;
  NAME.original.txt is restored too and counts as clean text;
  NAME.clean.txt is clean text.

Definitions (the same as the project's scorer):
  tokens    words with inner apostrophes, and single punctuation marks,
            after folding curly quotes to straight ones; case-sensitive.
  errors    word-level edit distance to the reference; `[[a|b]]` in a
            reference offers alternatives, the closest one counts.
  repaired  1 - errors(original, restored) / errors(original, spun), the
            share of the spinner's damage undone net of new damage.
  damage    edits per 1,000 words between a clean text and its restore.

--flags passes options to every restore, e.g. `--flags="--min-signals 0
--min-per-thousand 0"` to force the document gate open (the damage the
ambiguous entries would do on clean text if it were taken for spun) or
`--flags=--no-language-model`.

`unspin eval DIR...` computes the same numbers in-process; this script is
the independent cross-check. Standard library only. Builds nothing: pass
--bin or build first with `cargo build --release`.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

TOKEN = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def tokens(text):
    return TOKEN.findall(text.translate(FOLD))


def distance(a, b):
    """Levenshtein distance over token lists."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        diag, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            cur = min(row[j] + 1, row[j - 1] + 1, diag + (x != y))
            diag, row[j] = row[j], cur
    return row[-1]


def reference_distance(text, hyp):
    """Errors of token list `hyp` against reference `text`, whose `[[a|b]]`
    groups are alternatives (the closest counts)."""
    pos, row = 0, list(range(len(hyp) + 1))

    def step(row, t):
        new = [row[0] + 1]
        for j in range(1, len(row)):
            new.append(min(row[j] + 1, row[j - 1] + (t != hyp[j - 1])))
        return close(new)

    def close(row):
        for j in range(1, len(row)):
            row[j] = min(row[j], row[j - 1] + 1)
        return row

    for m in re.finditer(r"\[\[(.*?)\]\]", text, re.S):
        for t in tokens(text[pos:m.start()]):
            row = step(row, t)
        best = [float("inf")] * len(row)
        for alt in m.group(1).split("|"):
            r = row[:]
            for t in tokens(alt):
                r = step(r, t)
            best = [min(a, b) for a, b in zip(best, r)]
        row = close(best)
        pos = m.end()
    if pos == 0:
        return distance(tokens(text), hyp)
    for t in tokens(text[pos:]):
        row = step(row, t)
    return row[-1]


def restore(binary, path, flags=()):
    out = subprocess.run([binary, *flags, path], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def collect(dirs):
    pairs, clean = [], []
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith(".spun.txt"):
                    stem = name[: -len(".spun.txt")]
                    base = re.sub(r"\.variant\d+$", "", stem)
                    for s in dict.fromkeys([stem, base]):
                        refs = [os.path.join(root, s + ext) for ext in (".original.txt", ".expected.txt")]
                        ref = next((r for r in refs if os.path.isfile(r)), None)
                        if ref:
                            pairs.append((stem, path, ref))
                            break
                elif name.endswith(".original.txt") or name.endswith(".clean.txt"):
                    clean.append((name.rsplit(".", 2)[0], path))
    return sorted(pairs), sorted(clean)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--bin", default="target/release/unspin")
    ap.add_argument("--flags", default="", help="options for every restore")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    flags = shlex.split(args.flags)
    pairs, clean = collect(args.dirs)
    if not pairs and not clean:
        sys.exit("no pairs or clean texts found")
    report = {"pairs": [], "clean": []}
    repaired_values = []
    for name, spun_path, reference_path in pairs:
        gold = read(reference_path)
        before = reference_distance(gold, tokens(read(spun_path)))
        after = reference_distance(gold, tokens(restore(args.bin, spun_path, flags)))
        repaired = 1 - after / before if before else 1.0
        repaired_values.append(repaired)
        report["pairs"].append({"name": name, "errors_before": before,
                                "errors_after": after, "repaired": round(repaired, 3)})
    for name, path in clean:
        text = read(path)
        a = tokens(text)
        edits = distance(a, tokens(restore(args.bin, path, flags)))
        words = sum(1 for t in a if t[0].isalnum())
        report["clean"].append({"name": name, "words": words, "edits": edits,
                                "per1000": round(1000 * edits / max(words, 1), 2)})
    if report["pairs"]:
        report["mean_repaired"] = round(sum(repaired_values) / len(repaired_values), 3)
    if report["clean"]:
        words = sum(c["words"] for c in report["clean"])
        edits = sum(c["edits"] for c in report["clean"])
        report["damage_per1000"] = round(1000 * edits / max(words, 1), 2)
        report["clean_words"] = words
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for p in report["pairs"]:
        print("pair   %-34s errors %4d -> %4d  repaired %.3f"
              % (p["name"], p["errors_before"], p["errors_after"], p["repaired"]))
    for c in report["clean"]:
        print("clean  %-34s words %5d  edits %3d  damage %.2f/1000"
              % (c["name"], c["words"], c["edits"], c["per1000"]))
    if "mean_repaired" in report:
        print("mean repaired over %d pairs: %.3f" % (len(report["pairs"]), report["mean_repaired"]))
    if "damage_per1000" in report:
        print("damage on %d clean words: %.2f edits per 1,000 words"
              % (report["clean_words"], report["damage_per1000"]))


if __name__ == "__main__":
    main()
