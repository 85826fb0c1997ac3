#!/usr/bin/env python3
"""Leave-one-out quality: how well the dictionaries repair a text that did
not feed them.

usage: scripts/leave_one_out.py [--bin PATH] [--flags FLAGS] DIR...

The notes of dictionary entries name the pairs they were mined from
("dev:NAME", "train:NAME"; several separated by commas). For each article in
the DIRs (NAME.spun.txt and its variants NAME.variantK.spun.txt, with
NAME.original.txt), this script writes every embedded dictionary without the
entries whose only sources are that article, restores the article with
exactly those dictionaries (`--no-default-dictionaries --dict ...`), and
scores it as scripts/evaluate.py does. Entries that cite another pair too,
or no pair at all, stay: they were not learnt from this article alone.

Standard library only (Python 3.11+ for tomllib). Build first with
`cargo build --release`.
"""
import argparse
import os
import re
import shlex
import sys
import tempfile
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = re.compile(r"\b(?:dev|train):([A-Za-z0-9_.-]+)")


def sources(note):
    """The pair names an entry's note cites."""
    return {m.group(1).split(".variant")[0] for m in SOURCE.finditer(note)}


def without(article, dict_dir, out_dir):
    """Writes every manifest dictionary minus the entries learnt only from
    `article`; returns (paths, number of entries dropped)."""
    with open(os.path.join(dict_dir, "manifest.toml"), "rb") as f:
        manifest = tomllib.load(f)
    paths, dropped = [], 0
    for d in manifest["dictionary"]:
        kept = []
        with open(os.path.join(dict_dir, d["file"]), encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if not line.startswith("#") and len(fields) >= 4:
                    cited = sources(fields[3])
                    if cited and cited <= {article}:
                        dropped += 1
                        continue
                kept.append(line)
        path = os.path.join(out_dir, d["file"])
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(kept)
        paths.append(path)
    return paths, dropped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "unspin"))
    ap.add_argument("--dictionaries", default=os.path.join(ROOT, "dictionaries"))
    ap.add_argument("--flags", default="", help="options for every restore")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args(argv)

    pairs, _ = evaluate.collect(args.dirs)
    articles = {}
    for name, spun, original in pairs:
        articles.setdefault(name.split(".variant")[0], []).append((name, spun, original))

    total, count = 0.0, 0
    for article, members in sorted(articles.items()):
        with tempfile.TemporaryDirectory() as tmp:
            dicts, dropped = without(article, args.dictionaries, tmp)
            flags = shlex.split(args.flags) + ["--no-default-dictionaries"]
            for path in dicts:
                flags += ["--dict", path]
            for name, spun, original in members:
                gold = evaluate.tokens(evaluate.read(original))
                before = evaluate.tokens(evaluate.read(spun))
                after = evaluate.tokens(evaluate.restore(args.bin, spun, flags))
                e0 = evaluate.distance(gold, before)
                e1 = evaluate.distance(gold, after)
                repaired = 1 - e1 / e0 if e0 else 1.0
                total += repaired
                count += 1
                print(f"held out {article:<24} {name:<30} dropped {dropped:>4}  "
                      f"errors {e0:>4} -> {e1:>4}  repaired {repaired:.3f}")
    if count:
        print(f"mean leave-one-out repaired over {count} pairs: {total / count:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
