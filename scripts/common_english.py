#!/usr/bin/env python3
"""Build data/common-english.txt: the unigrams and bigrams that are common in
clean English, from the CMU Sphinx US English 3-gram language model.

usage: scripts/common_english.py [--min-per-million X] MODEL [OUT]
       scripts/common_english.py --audit DICT [--audit-per-million Y] MODEL

MODEL is the model as the Debian/Ubuntu package pocketsphinx-en-us installs
it (/usr/share/pocketsphinx/model/en-us/en-us.lm.bin, a Sphinx trie binary;
the pip package pocketsphinx 5.1.1 ships the same file), or the same model
as an ARPA text file. Both give the same output. OUT defaults to
data/common-english.txt next to this script's directory.

A word is common when the model gives it a probability of at least
X per million words (default 2). A bigram "w1 w2" is common when it is
listed in the model (seen in training; trie filler entries, which only
exist to make trigrams reachable, do not count) and P(w1) * P(w2 | w1) is at
least X per million. Since P(w2 | w1) <= 1, the first word of a common
bigram is always a common word, so the output is one line per common word,
in byte order:

    word
    word<TAB>next next next

where each `next` makes a common bigram "word next" (sorted). Only words
that unspin reads as one token are kept: letters and digits with inner
apostrophes ("don't", but not "e-mail" or "'cause"); the sentence marks
<s> and </s> are left out. `unspin dict lint` reads the file to flag
fingerprints that are ordinary English.

With --audit, nothing is written: the fingerprints of dictionary DICT whose
mangled phrase is one or two words are scored against the whole model, and
those that occur at least Y times per million words (default 0.05, far
below what data/common-english.txt keeps) are printed, most frequent first,
as `DICT:LINE: N per million: "mangled" -> "canonical"`. It is the deep
version of the lint's check, for reviewing a dictionary by hand: the model
has noise of its own (spun and ungrammatical web text), so read each one.

Standard library only. The model is read by scripts/sphinx_lm.py (the
reader scripts/build_lm.py uses), up to the bigrams.
"""
import argparse
import math
import os
import re
import sys

import sphinx_lm

# What unspin's tokenizer reads as one word: letters and digits with inner
# apostrophes. Other model words ("e-mail", "b.", "'cause") are several
# tokens there and could never match, so they are left out.
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def read(path):
    """Unigrams {word: (log10 p, log10 backoff)} and bigrams
    [(w1, w2, log10 P(w2|w1), log10 backoff)] of the model at `path`,
    rounded to 4 decimals as an ARPA listing prints them, so that the
    binary model and its ARPA listing give the same output."""
    model = sphinx_lm.read(path, max_order=2)
    uni = {w: (round(p, 4), round(b, 4)) for w, (p, b) in zip(model.vocab, model.unigrams)}
    bigrams = [(model.vocab[w1], model.vocab[w2], round(p, 4), round(b, 4))
               for (w1, w2), (p, b) in model.bigrams.items()]
    return uni, bigrams


def is_filler(uni, w1, w2, prob, backoff):
    """A trie filler: no backoff of its own and exactly the backed-off
    estimate as its probability (0.01 log10 covers the 16-bit quantization)."""
    if abs(backoff) > 5e-4:
        return False
    estimate = uni[w2][0] + uni[w1][1]
    return abs(estimate - prob) < 0.01


def audit(uni, bigrams, path, min_per_million):
    """Prints the fingerprints of `path` that the model finds common."""
    listed = {(w1, w2): prob for w1, w2, prob, backoff in bigrams
              if not is_filler(uni, w1, w2, prob, backoff)}
    threshold = math.log10(min_per_million * 1e-6)
    token = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\w\s]|_")
    found = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            fields = line.rstrip("\r\n").split("\t")
            if line.lstrip().startswith("#") or len(fields) < 3:
                continue
            mangled, canonical, cls = (f.strip() for f in fields[:3])
            if cls != "fingerprint":
                continue
            words = [t.lower().replace("\u2019", "'") for t in token.findall(mangled)]
            if len(words) == 1 and words[0] in uni:
                score = uni[words[0]][0]
            elif len(words) == 2 and tuple(words) in listed and words[0] in uni:
                score = uni[words[0]][0] + listed[tuple(words)]
            else:
                continue
            if score >= threshold:
                found.append((score, line_no, mangled, canonical))
    for score, line_no, mangled, canonical in sorted(found, key=lambda f: (-f[0], f[1])):
        print('%s:%d: %.2f per million: "%s" -> "%s"'
              % (path, line_no, 10 ** score * 1e6, mangled, canonical))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="en-us.lm.bin, or the model as ARPA text")
    ap.add_argument("out", nargs="?", help="output file (default: data/common-english.txt)")
    ap.add_argument("--min-per-million", type=float, default=2.0,
                    help="frequency threshold, per million words (default 2)")
    ap.add_argument("--audit", metavar="DICT",
                    help="print the fingerprints of DICT that the model finds common")
    ap.add_argument("--audit-per-million", type=float, default=0.05,
                    help="threshold for --audit, per million words (default 0.05)")
    args = ap.parse_args()
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                   "..", "data", "common-english.txt")
    uni, bigrams = read(args.model)
    if args.audit:
        audit(uni, bigrams, args.audit, args.audit_per_million)
        return
    threshold = math.log10(args.min_per_million * 1e-6)

    common = {w: [] for w, (p, _) in uni.items() if p >= threshold and WORD.fullmatch(w)}
    fillers = 0
    for w1, w2, prob, backoff in bigrams:
        if w1 not in common or not WORD.fullmatch(w2):
            continue
        if uni[w1][0] + prob < threshold:
            continue
        if is_filler(uni, w1, w2, prob, backoff):
            fillers += 1
            continue
        common[w1].append(w2)
    n_bigrams = sum(len(v) for v in common.values())
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Common English words and bigrams: at least %g per million words in the\n"
                 % args.min_per_million)
        fh.write("# CMU Sphinx US English 3-gram model (BSD-2-Clause, see data/README.md).\n")
        fh.write("# Built by scripts/common_english.py. %d words, %d bigrams.\n"
                 % (len(common), n_bigrams))
        fh.write("# word<TAB>each next word that makes a common bigram\n")
        for word in sorted(common, key=lambda w: w.encode("utf-8")):
            nexts = sorted(set(common[word]), key=lambda w: w.encode("utf-8"))
            fh.write(word + ("\t" + " ".join(nexts) if nexts else "") + "\n")
    print("%s: %d words, %d bigrams (%d trie fillers left out), %d bytes"
          % (out, len(common), n_bigrams, fillers, os.path.getsize(out)), file=sys.stderr)


if __name__ == "__main__":
    main()
