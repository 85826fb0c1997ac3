#!/usr/bin/env python3
"""Build unspin's embedded language model (dictionaries/lm/).

usage: scripts/build_lm.py (--lm-bin en-us.lm.bin | --arpa FILE.arpa)
                           [--listing FILE] [--no-compile]

Reads the CMU Sphinx US English trigram model, either the binary trie file
the Sphinx packages ship (en-us.lm.bin) or an ARPA text listing of a
trigram model, and writes the whole of it, quantized, as a listing that
the library's own code compiles into the two finite-state maps it embeds
(dictionaries/lm/vocab.fst and ngrams.fst, with model.toml; see
src/decide/lm.rs). The compile step runs
`UNSPIN_LM_LISTING=FILE cargo test --lib lm::tests::model_data`, which
this script starts unless --no-compile is given.

Only n-grams whose probability equals their backed-off estimate (the
Sphinx trie holds many bigrams as such fillers, so that longer n-grams
stay reachable) are left out: they change no score.

Standard library only (Python 3.11+). Deterministic: the same input gives
the same bytes. Reading the model takes about half a minute.

Format of the listing (UTF-8, after `#` comment lines):
  source<TAB>TEXT
  sha256<TAB>HEX            of the model file read
  step<TAB>STEP
  left-out<TAB>N            n-grams equal to their backoff, not listed
  \\words
  WORD<TAB>PROB<TAB>BACKOFF
  \\ngrams
  WORD WORD[ WORD]<TAB>PROB[<TAB>BACKOFF]
PROB is -log10 P in steps of 1/STEP (PROB 57 with STEP 20 is log10 P =
-2.85), at most 255; BACKOFF is the log10 backoff weight in the same steps,
signed, from -127 to 127, left out of n-gram lines when it is 0 (always
for trigrams). Lines are in the model's order; the compile step sorts.
"""
import argparse
import hashlib
import math
import os
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Quantization: log10 values in steps of 1/STEP. The library packs -log10 P
# into a byte (0 to -12.75; only <s>, which is never predicted, is lower)
# and the log10 backoff weight into a signed byte. Must equal STEP in
# src/decide/lm.rs.
STEP = 20
MAX_PROB_STEPS = 255
MAX_BACKOFF_STEPS = 127

# Sphinx scores are logarithms to base 1.0001.
SPHINX_TO_LOG10 = math.log10(1.0001)
TRIE_MAGIC = b"Trie Language Model"
QUANT_LEVELS = 1 << 16


# -- the model, as word ids -----------------------------------------------------

class Model:
    """vocab: list of words; unigrams: list of (log10 p, log10 bo);
    bigrams: {(a, b): (p, bo)}; trigrams: {(a, b, c): p}."""

    def __init__(self, vocab, unigrams, bigrams, trigrams):
        self.vocab = vocab
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.trigrams = trigrams


def read_arpa(path):
    """Reads an ARPA listing of a model of order 3 (or 2)."""
    vocab, ids, unigrams = [], {}, []
    bigrams, trigrams = {}, {}
    section = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("\\"):
                if line.endswith("-grams:"):
                    section = int(line[1:line.index("-")])
                    if section > 3:
                        sys.exit(f"{path}:{number}: only models up to order 3 are supported")
                elif line == "\\end\\":
                    break
                continue
            if not section or not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) < 2:
                sys.exit(f"{path}:{number}: expected PROB<TAB>NGRAM[<TAB>BACKOFF]")
            prob = float(fields[0])
            backoff = float(fields[2]) if len(fields) > 2 else 0.0
            words = fields[1].split(" ")
            if len(words) != section:
                sys.exit(f"{path}:{number}: {len(words)} words in the {section}-gram section")
            if section == 1:
                ids[words[0]] = len(vocab)
                vocab.append(words[0])
                unigrams.append((prob, backoff))
                continue
            try:
                key = tuple(ids[w] for w in words)
            except KeyError as e:
                sys.exit(f"{path}:{number}: {e.args[0]!r} is not a unigram")
            if section == 2:
                bigrams[key] = (prob, backoff)
            else:
                trigrams[key] = prob
    return Model(vocab, unigrams, bigrams, trigrams)


class Bits:
    """Little-endian bit-packed records of a fixed width."""

    def __init__(self, data, start, width):
        self.data = data
        self.start = start
        self.width = width
        self.span = (width + 7) // 8 + 1

    def record(self, i):
        bit = i * self.width
        at = self.start + (bit >> 3)
        value = int.from_bytes(self.data[at:at + self.span], "little")
        return (value >> (bit & 7)) & ((1 << self.width) - 1)


def read_lm_bin(path):
    """Reads the Sphinx binary trie format (see the module documentation of
    pocketsphinx's lm_trie.c for its description).

    Layout, little-endian: the magic text; the order (u8); one u32 count per
    order; a u32 quantization type; the quantization tables (f32; for each
    middle order 65536 probabilities then 65536 backoffs, then 65536
    probabilities for the last order); the unigrams, count+1 records of
    (f32 prob, f32 backoff, u32 first child); one bit-packed array per
    middle order, count+1 records of (word, backoff index u16, prob index
    u16, first child), each field as wide as needed for its largest value;
    the last order's array of (word, prob index u16); then a u32 byte
    length and the NUL-terminated words. Each array takes
    ceil((count+1) * width / 8) + 8 bytes. The trie stores an n-gram under
    its last word first: a unigram's children are the bigrams that end
    with it, a bigram's children the trigrams that end with it. A record's
    children run up to the next record's first child. All scores are
    logarithms to base 1.0001.
    """
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(TRIE_MAGIC):
        sys.exit(f"{path}: not a Sphinx trie language model")
    pos = len(TRIE_MAGIC)
    order = data[pos]
    pos += 1
    if order != 3:
        sys.exit(f"{path}: a model of order {order}; this reader handles order 3")
    counts = struct.unpack_from("<3I", data, pos)
    pos += 3 * 4 + 4  # the counts, then the quantization type
    tables = struct.unpack_from(f"<{3 * QUANT_LEVELS}f", data, pos)
    pos += 3 * QUANT_LEVELS * 4
    bigram_probs = tables[:QUANT_LEVELS]
    bigram_backoffs = tables[QUANT_LEVELS:2 * QUANT_LEVELS]
    trigram_probs = tables[2 * QUANT_LEVELS:]

    n_words = counts[0]
    unigram_records = list(struct.iter_unpack("<ffI", data[pos:pos + 12 * (n_words + 1)]))
    pos += 12 * (n_words + 1)

    word_bits = n_words.bit_length()
    child_bits = counts[2].bit_length()
    middle_width = word_bits + 16 + 16 + child_bits
    middle = Bits(data, pos, middle_width)
    pos += ((counts[1] + 1) * middle_width + 7) // 8 + 8
    last_width = word_bits + 16
    last = Bits(data, pos, last_width)
    pos += ((counts[2] + 1) * last_width + 7) // 8 + 8

    (length,) = struct.unpack_from("<I", data, pos)
    pos += 4
    raw = data[pos:pos + length]
    if pos + length != len(data) or not raw.endswith(b"\0"):
        sys.exit(f"{path}: unexpected layout at the word list")
    vocab = [w.decode("utf-8") for w in raw[:-1].split(b"\0")]
    if len(vocab) != n_words:
        sys.exit(f"{path}: {len(vocab)} words for {n_words} unigrams")

    word_mask = (1 << word_bits) - 1
    child_mask = (1 << child_bits) - 1
    unigrams = [(p * SPHINX_TO_LOG10, b * SPHINX_TO_LOG10)
                for p, b, _ in unigram_records[:n_words]]
    bigrams, trigrams = {}, {}

    def middle_record(i):
        r = middle.record(i)
        word = r & word_mask
        r >>= word_bits
        backoff = bigram_backoffs[r & 0xFFFF]
        prob = bigram_probs[(r >> 16) & 0xFFFF]
        return word, prob, backoff, (r >> 32) & child_mask

    for last_word in range(n_words):
        first, end = unigram_records[last_word][2], unigram_records[last_word + 1][2]
        if first == end:
            continue
        record = middle_record(first)
        for i in range(first, end):
            after = middle_record(i + 1)
            word, prob, backoff, child = record
            bigrams[(word, last_word)] = (prob * SPHINX_TO_LOG10, backoff * SPHINX_TO_LOG10)
            for j in range(child, after[3]):
                r = last.record(j)
                trigrams[(r & word_mask, word, last_word)] = (
                    trigram_probs[r >> word_bits] * SPHINX_TO_LOG10)
            record = after
    return Model(vocab, unigrams, bigrams, trigrams)


# -- quantization and redundancy ---------------------------------------------

def steps(value, signed):
    """A log10 value as a whole number of steps (probabilities negated)."""
    if signed:
        return min(max(round(value * STEP), -MAX_BACKOFF_STEPS), MAX_BACKOFF_STEPS)
    return min(max(round(-value * STEP), 0), MAX_PROB_STEPS)


class Scorer:
    """Katz backoff over the whole model, in log10."""

    def __init__(self, model):
        self.m = model
        # <s> is never predicted; as a history it is as common as </s>.
        self.start = model.vocab.index("<s>") if "<s>" in model.vocab else None
        self.end_prob = (model.unigrams[model.vocab.index("</s>")][0]
                         if "</s>" in model.vocab else -1.0)

    def unigram(self, a):
        return self.end_prob if a == self.start else self.m.unigrams[a][0]

    def bigram(self, a, b):
        hit = self.m.bigrams.get((a, b))
        if hit:
            return hit[0]
        return self.m.unigrams[a][1] + self.m.unigrams[b][0]

    def trigram(self, a, b, c):
        p = self.m.trigrams.get((a, b, c))
        if p is not None:
            return p
        return self.m.bigrams.get((a, b), (0.0, 0.0))[1] + self.bigram(b, c)


def drop_redundant(model):
    """Leaves out the bigrams and trigrams that say nothing their backoff
    does not: probability within 0.01 of the backed-off estimate, and (for
    bigrams) a backoff weight of 1. The Sphinx trie holds many such bigrams
    as fillers, so that longer n-grams stay reachable. Returns how many.
    """
    score = Scorer(model)
    drop3 = [k for k, p in model.trigrams.items()
             if abs(p - model.bigrams.get(k[:2], (0.0, 0.0))[1] - score.bigram(k[1], k[2])) < 0.01]
    drop2 = [k for k, (p, b) in model.bigrams.items()
             if abs(b) < 0.005
             and abs(p - model.unigrams[k[0]][1] - model.unigrams[k[1]][0]) < 0.01]
    for k in drop3:
        del model.trigrams[k]
    for k in drop2:
        del model.bigrams[k]
    return len(drop2) + len(drop3)


# -- output --------------------------------------------------------------------

def write_listing(model, path, source, sha256, left_out):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# The CMU Sphinx US English trigram model, quantized.\n")
        f.write("# Generated by scripts/build_lm.py; compiled by src/decide/lm.rs (tests::model_data).\n")
        f.write(f"source\t{source}\n")
        f.write(f"sha256\t{sha256}\n")
        f.write(f"step\t{STEP}\n")
        f.write(f"left-out\t{left_out}\n")
        f.write("\\words\n")
        for word, (p, b) in zip(model.vocab, model.unigrams):
            f.write(f"{word}\t{steps(p, False)}\t{steps(b, True)}\n")
        f.write("\\ngrams\n")
        v = model.vocab
        for (a, b), (p, bo) in model.bigrams.items():
            bo = steps(bo, True)
            f.write(f"{v[a]} {v[b]}\t{steps(p, False)}" + (f"\t{bo}\n" if bo else "\n"))
        for (a, b, c), p in model.trigrams.items():
            f.write(f"{v[a]} {v[b]} {v[c]}\t{steps(p, False)}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--lm-bin", help="the Sphinx binary model (en-us.lm.bin)")
    source.add_argument("--arpa", help="an ARPA listing of a trigram model")
    ap.add_argument("--listing", default=os.path.join(ROOT, "target", "lm", "listing.txt"),
                    help="where to write the listing (default %(default)s)")
    ap.add_argument("--no-compile", action="store_true",
                    help="only write the listing; do not run the compile step")
    args = ap.parse_args(argv)

    path = args.lm_bin or args.arpa
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    if args.lm_bin:
        model = read_lm_bin(path)
        source = "en-us.lm.bin of the CMU Sphinx US English acoustic and language models"
    else:
        model = read_arpa(path)
        source = "an ARPA listing of the CMU Sphinx US English language model"
    print(f"model: {len(model.vocab)} words, {len(model.bigrams)} bigrams, "
          f"{len(model.trigrams)} trigrams", file=sys.stderr)
    dropped = drop_redundant(model)
    print(f"left out {dropped} n-grams that equal their backoff", file=sys.stderr)
    write_listing(model, args.listing, source, digest.hexdigest(), dropped)
    print(f"wrote {args.listing} ({os.path.getsize(args.listing)} bytes)", file=sys.stderr)
    if args.no_compile:
        return 0
    env = dict(os.environ, UNSPIN_LM_LISTING=os.path.abspath(args.listing))
    return subprocess.run(["cargo", "test", "--lib", "--", "lm::tests::model_data", "--exact"],
                          cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
