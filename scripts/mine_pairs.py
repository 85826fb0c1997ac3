#!/usr/bin/env python3
"""Mine phrase substitutions from spun/original text pairs.

Usage:
    python3 scripts/mine_pairs.py PATH [PATH ...] [options]

Each PATH is either a directory holding NAME.spun.txt + NAME.original.txt
files (also NAME.variantN.spun.txt, paired with NAME.original.txt), or a
single NAME.spun.txt file (its NAME.original.txt is looked up beside it).

Both texts are tokenised the way unspin and tools/score.py do: words are
letters/digits with inner apostrophes, every other non-space character is its
own token, and curly quotes are folded to straight ones. The token sequences
are aligned with difflib.SequenceMatcher (autojunk off) and every replaced
span whose sides are both at most --max-len tokens long is reported.

Output (stdout) is TSV, sorted by count (descending), then spun phrase:
    count <TAB> spun phrase <TAB> original phrase <TAB> sources
Phrases are lower-cased unless --keep-case is given; "sources" lists the
pair names the swap was seen in.

Options:
    --max-len N     longest span on either side to report (default 4)
    --min-count N   only report swaps seen at least N times (default 1)
    --keep-case     do not lower-case phrases
    --inserts       also report pure insertions/deletions (one side empty)
    --context N     add N tokens of left/right context of the spun text as
                    extra columns (default 0)
    --precision     add two columns: how often the spun phrase occurs in all
                    the spun texts (so count/occurrences is the share of its
                    uses that are swaps: the precision of an entry), and how
                    often it occurs in the original texts (clean prose)

Example:
    python3 scripts/mine_pairs.py ../shared/eval/train/pairs --min-count 2
"""
import argparse
import difflib
import os
import re
import sys
from collections import Counter, defaultdict

TOK = re.compile(r"\w+(?:'\w+)*|[^\w\s]")
FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def tokens(text):
    return TOK.findall(text.translate(FOLD))


def find_pairs(paths):
    """Yield (name, spun_path, original_path)."""
    for p in paths:
        if os.path.isdir(p):
            for fn in sorted(os.listdir(p)):
                if fn.endswith(".spun.txt"):
                    yield from find_pairs([os.path.join(p, fn)])
        elif p.endswith(".spun.txt"):
            base = p[: -len(".spun.txt")]
            name = os.path.basename(base)
            stem = re.sub(r"\.variant\d+$", "", base)
            orig = stem + ".original.txt"
            if os.path.exists(orig):
                yield name, p, orig
            else:
                print(f"warning: no original for {p}", file=sys.stderr)
        else:
            print(f"warning: skipping {p} (not a directory or .spun.txt)", file=sys.stderr)


def swaps(spun_toks, orig_toks, max_len, inserts):
    sm = difflib.SequenceMatcher(None, spun_toks, orig_toks, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" and not inserts:
            continue
        if i2 - i1 > max_len or j2 - j1 > max_len:
            continue
        yield i1, i2, j1, j2


def occurrences(toks, phrase):
    """How often the token sequence `phrase` occurs in `toks`."""
    n = len(phrase)
    return sum(1 for i in range(len(toks) - n + 1) if toks[i:i + n] == phrase)


def join(toks):
    # Rejoin tokens with single spaces; the tool ignores whitespace between tokens.
    return " ".join(toks)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--max-len", type=int, default=4)
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--keep-case", action="store_true")
    ap.add_argument("--inserts", action="store_true")
    ap.add_argument("--context", type=int, default=0)
    ap.add_argument("--precision", action="store_true")
    args = ap.parse_args(argv)

    counts = Counter()
    sources = defaultdict(set)
    contexts = defaultdict(list)
    n_pairs = 0
    spun_texts, original_texts = [], {}
    for name, sp, op in find_pairs(args.paths):
        n_pairs += 1
        with open(sp, encoding="utf-8") as f:
            s = tokens(f.read())
        with open(op, encoding="utf-8") as f:
            o = tokens(f.read())
        spun_texts.append([t.lower() for t in s])
        original_texts[op] = [t.lower() for t in o]
        for i1, i2, j1, j2 in swaps(s, o, args.max_len, args.inserts):
            a, b = join(s[i1:i2]), join(o[j1:j2])
            if not args.keep_case:
                a, b = a.lower(), b.lower()
            if a == b:
                continue
            key = (a, b)
            counts[key] += 1
            sources[key].add(name)
            if args.context:
                left = join(s[max(0, i1 - args.context):i1])
                right = join(s[i2:i2 + args.context])
                contexts[key].append(f"{left} [{join(s[i1:i2])}] {right}")
    if n_pairs == 0:
        print("error: no NAME.spun.txt/NAME.original.txt pairs found", file=sys.stderr)
        return 1

    out = sys.stdout
    for (a, b), c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if c < args.min_count:
            continue
        row = [str(c), a, b, ",".join(sorted(sources[(a, b)]))]
        if args.precision:
            phrase = a.lower().split(" ")
            row.append(str(sum(occurrences(t, phrase) for t in spun_texts)))
            row.append(str(sum(occurrences(t, phrase) for t in original_texts.values())))
        if args.context:
            row.append(" | ".join(contexts[(a, b)][:3]))
        out.write("\t".join(row) + "\n")
    print(f"# {n_pairs} pairs, {len(counts)} distinct swaps, {sum(counts.values())} total",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
