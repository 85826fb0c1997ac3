#!/usr/bin/env python3
"""Build unspin's pruned n-gram language model (dictionaries/lm/ngrams.txt).

usage: scripts/build_lm.py (--lm-bin en-us.lm.bin | --arpa FILE.arpa)
                           [--max-ngrams N] [--out FILE]

Reads the CMU Sphinx US English trigram model, either the binary trie file
the Sphinx packages ship (en-us.lm.bin) or an ARPA text listing of a
trigram model, and keeps what unspin's language-model gate reads when it
compares the two wordings of an `ambiguous` dictionary entry in context
(see DESIGN.md, "The language-model gate"):

  * the entries: every ambiguous entry of the dictionaries that
    dictionaries/manifest.toml lists, marked `judged` when every word of
    both its phrases is in the model (an entry with a number or a word the
    model lacks is not judged by it);
  * for judged entries, the bigrams and trigrams their comparison can read:
    those over the words where the two phrases differ, with up to two
    words of context on each side. All of them (1.4 million) would make
    the comparison exact but take about 15 MB, so they are pruned to
    --max-ngrams in units that keep both wordings alike (see `prune`);
  * the unigrams of every word in a kept n-gram or a judged entry.

N-grams whose probability equals their backed-off estimate (the Sphinx
trie holds many bigrams as such fillers) are left out first: they change
no score.

Output: a text file, sorted by the bytes of the n-gram, front-coded so that
it stays small. build.rs compiles it into an `fst::Map` embedded in the
library. Standard library only (Python 3.11+ for tomllib). Deterministic:
the same input gives the same bytes. Takes about 4 minutes and 3 GB of
memory.

Format of the output (after `#` comment lines):
  step<TAB>STEP
  \\entries
  MANGLED<TAB>CANONICAL<TAB>judged | unknown: WORDS
  \\ngrams
  SHARED<TAB>SUFFIX<TAB>PROB[<TAB>BACKOFF]
MANGLED and CANONICAL are an entry's phrases as lookup keys (folded tokens
joined by one space). SHARED is how many leading bytes of the n-gram (its
words joined by one space) equal the previous line's n-gram, SUFFIX the
rest of it. PROB is -log10 P in steps of 1/STEP (PROB 57 with STEP 20 is
log10 P = -2.85), at most 255; BACKOFF is the log10 backoff weight in the
same steps, signed, from -127 to 127, left out when it is 0.
"""
import argparse
import math
import os
import re
import struct
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Quantization: log10 values in steps of 1/STEP. The library packs -log10 P
# into a byte (0 to -12.75; only <s>, which is never predicted, is lower)
# and the log10 backoff weight into a signed byte.
STEP = 20
MAX_PROB_STEPS = 255
MAX_BACKOFF_STEPS = 127
# Bigrams and trigrams kept at most (see `prune`).
MAX_NGRAMS = 300000

# Sphinx scores are logarithms to base 1.0001.
SPHINX_TO_LOG10 = math.log10(1.0001)
TRIE_MAGIC = b"Trie Language Model"
QUANT_LEVELS = 1 << 16


# -- tokens, as src/tokenize.rs makes them ------------------------------------

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|\S")


def fold(token):
    """Lower case, curly apostrophes as straight ones (fold_token)."""
    return token.replace("\u2019", "'").replace("\u2018", "'").lower()


def phrase_tokens(phrase):
    return [fold(t) for t in TOKEN.findall(phrase)]


def split(a, b):
    """Where two token lists differ: (start, end_a, end_b), so that
    a[start:end_a] and b[start:end_b] are the cores, after the tokens both
    share at the start and at the end. A core may be empty ("will likely
    be" / "will be"). Must agree with `split` in src/lm.rs.
    """
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return start, end_a, end_b


def ambiguous_entries(dict_dir):
    """(mangled tokens, canonical tokens) of every entry of the dictionaries
    the manifest lists that is ambiguous once later dictionaries have
    overridden earlier ones, as the library loads them; sorted."""
    with open(os.path.join(dict_dir, "manifest.toml"), "rb") as f:
        manifest = tomllib.load(f)
    found = {}
    for d in manifest["dictionary"]:
        with open(os.path.join(dict_dir, d["file"]), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.strip().startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < 3:
                    continue
                mangled = tuple(phrase_tokens(fields[0].strip()))
                canonical = tuple(phrase_tokens(fields[1].strip()))
                found[mangled] = (canonical, fields[2].strip())
    return sorted((m, c) for m, (c, cls) in found.items() if cls == "ambiguous")


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


# -- pruning and output ------------------------------------------------------

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


def slots(judged, ids):
    """What each judged entry's comparison reads, as n-gram patterns.

    Returns {pattern: [(entry, side, where)]}. A pattern is a tuple of word
    ids with None where a word of the context goes; `where` gives, for each
    None, the context position: -2 and -1 before the phrase, 0 and 1 after
    it. Both wordings of an entry put the same context at the same places,
    so an n-gram of one wording and an n-gram of the other with the same
    context words answer the same question.
    """
    found = {}
    for e, (a, b) in enumerate(judged):
        start, end_a, end_b = split(a, b)
        for side, (tokens, end) in enumerate(((a, end_a), (b, end_b))):
            seq = [ids[w] for w in tokens]
            n = len(seq)
            for k in range(start, end + 2):
                for first in (k - 2, k - 1):
                    pattern, where = [], []
                    for i in range(first, k + 1):
                        inside = 0 <= i < n
                        pattern.append(seq[i] if inside else None)
                        where.append(None if inside else (i if i < 0 else i - n))
                    if any(x is not None for x in pattern):
                        found.setdefault(tuple(pattern), []).append((e, side, tuple(where)))
    return found


def units_of(model, judged, ids):
    """Groups the n-grams the judged entries read into units.

    A unit is one entry with one set of context words: {(entry, context):
    ([n-grams of the mangled wording], [n-grams of the canonical
    wording])}. An n-gram without context words (inside a phrase) forms a
    unit with an empty context. Also returns {n-gram: [units]}.
    """
    by_slot = slots(judged, ids)
    index = {}
    for pattern in by_slot:
        mask = tuple(x is not None for x in pattern)
        fixed = tuple(x for x in pattern if x is not None)
        index.setdefault(mask, {}).setdefault(fixed, []).append(pattern)
    units, member = {}, {}
    for table in (model.trigrams, model.bigrams):
        masks = [(mask, fixed) for mask, fixed in index.items() if len(mask) == 3] \
            if table is model.trigrams else \
            [(mask, fixed) for mask, fixed in index.items() if len(mask) == 2]
        for key in table:
            for mask, fixed in masks:
                patterns = fixed.get(tuple(x for x, f in zip(key, mask) if f))
                if not patterns:
                    continue
                for pattern in patterns:
                    for e, side, where in by_slot[pattern]:
                        context = tuple((w, x) for w, x in zip(where, key) if w is not None)
                        unit = (e, context)
                        units.setdefault(unit, ([], []))[side].append(key)
                        member.setdefault(key, []).append(unit)
    return units, member


def prune(model, entries, max_ngrams):
    """The kept n-grams as {word-id tuple: (prob steps, backoff steps)}.

    Every bigram and trigram that a judged entry's comparison can read is a
    candidate: with the model's 1.6 million such n-grams the comparisons
    would be exact, but the data would take about 15 MB. So candidates are
    kept in units (see `units_of`): an entry's n-grams for one context are
    kept together for both wordings or left out together, so that where
    the context is left out both wordings back off the same way and the
    comparison falls back to shorter contexts instead of being skewed.
    Units are taken by weight, as many as fit in `max_ngrams`: how probable
    the context is with the entry (the largest joint probability P(a b c)
    of an n-gram of each wording, summed) times how much the unit changes
    the comparison (the difference between the two wordings of the summed
    log10 gains of their n-grams over backing off). Taking a unit takes the
    units of every n-gram it keeps, and the bigrams a kept trigram backs
    off through, so no n-gram is kept for one entry's comparison and
    missing from another's.
    """
    ids = {w: i for i, w in enumerate(model.vocab)}
    judged = [e for e, ok in entries.items() if ok]
    score = Scorer(model)
    units, member = units_of(model, judged, ids)

    def joint(key):
        if len(key) == 2:
            return score.unigram(key[0]) + score.bigram(*key)
        return score.unigram(key[0]) + score.bigram(key[0], key[1]) + model.trigrams[key]

    def gain(key):
        if len(key) == 2:
            return (model.bigrams[key][0] - model.unigrams[key[0]][1]
                    - model.unigrams[key[1]][0])
        return (model.trigrams[key] - model.bigrams.get(key[:2], (0.0, 0.0))[1]
                - score.bigram(key[1], key[2]))

    weights = []
    for unit, (mangled, canonical) in units.items():
        likely = (max((10 ** joint(k) for k in mangled), default=0.0)
                  + max((10 ** joint(k) for k in canonical), default=0.0))
        change = abs(sum(gain(k) for k in mangled) - sum(gain(k) for k in canonical))
        # Units without context words are always taken.
        weights.append((math.inf if not unit[1] else likely * change, unit))
    weights.sort(key=lambda x: (-x[0], x[1]))

    kept, taken = set(), set()

    def take(unit):
        stack = [unit]
        while stack:
            unit = stack.pop()
            if unit in taken:
                continue
            taken.add(unit)
            for side in units[unit]:
                for key in side:
                    if key in kept:
                        continue
                    kept.add(key)
                    stack.extend(member[key])
                    if len(key) == 3:
                        for sub in (key[:2], key[1:]):
                            if sub in model.bigrams and sub not in kept:
                                kept.add(sub)
                                stack.extend(member.get(sub, ()))

    for weight, unit in weights:
        if len(kept) >= max_ngrams and weight != math.inf:
            break
        take(unit)

    out = {}
    for key in kept:
        if len(key) == 3:
            out[key] = (steps(model.trigrams[key], False), 0)
        else:
            p, b = model.bigrams[key]
            out[key] = (steps(p, False), steps(b, True))
    vocab = set()
    for key in out:
        vocab.update(key)
    for a, b in judged:
        vocab.update(ids[w] for w in a + b)
    for w in vocab:
        p, b = model.unigrams[w]
        out[(w,)] = (steps(p, False), steps(b, True))
    return out, len(member)


def write(model, kept, entries, path, source, candidates, max_ngrams):
    lines = []
    for key, (prob, backoff) in kept.items():
        lines.append((" ".join(model.vocab[w] for w in key).encode("utf-8"), prob, backoff))
    lines.sort()
    counts = [0, 0, 0]
    for text, *_ in lines:
        counts[text.count(b" ")] += 1
    judged = sum(1 for j in entries.values() if j)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# unspin language model: a pruned CMU Sphinx US English trigram model.\n")
        f.write("# Generated by scripts/build_lm.py; do not edit. See README.md here.\n")
        f.write(f"# Source: {source}. Licence: BSD-2-Clause, see README.md here.\n")
        f.write(f"# {counts[0]} unigrams, {counts[1]} bigrams, {counts[2]} trigrams "
                f"(pruned to about {max_ngrams} of the {candidates} the entries read); "
                f"{judged} of {len(entries)} ambiguous entries judged.\n")
        f.write(f"step\t{STEP}\n")
        f.write("\\entries\n")
        vocab = set(model.vocab)
        for (a, b), ok in sorted(entries.items()):
            status = "judged" if ok else "unknown: " + " ".join(
                sorted({w for w in a + b if w not in vocab}))
            f.write(f"{' '.join(a)}\t{' '.join(b)}\t{status}\n")
        f.write("\\ngrams\n")
        previous = b""
        for text, prob, backoff in lines:
            shared = 0
            limit = min(len(previous), len(text))
            while shared < limit and previous[shared] == text[shared]:
                shared += 1
            # Never split a UTF-8 sequence.
            while shared and (text[shared] & 0xC0) == 0x80:
                shared -= 1
            fields = [str(shared), text[shared:].decode("utf-8"), str(prob)]
            if backoff:
                fields.append(str(backoff))
            f.write("\t".join(fields) + "\n")
            previous = text
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--lm-bin", help="the Sphinx binary model (en-us.lm.bin)")
    source.add_argument("--arpa", help="an ARPA listing of a trigram model")
    ap.add_argument("--dictionaries", default=os.path.join(ROOT, "dictionaries"))
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries", "lm", "ngrams.txt"))
    ap.add_argument("--max-ngrams", type=int, default=MAX_NGRAMS,
                    help="bigrams and trigrams to keep at most (default %(default)s)")
    args = ap.parse_args(argv)

    if args.lm_bin:
        model = read_lm_bin(args.lm_bin)
        source = "en-us.lm.bin of the CMU Sphinx US English acoustic and language models"
    else:
        model = read_arpa(args.arpa)
        source = "an ARPA listing of the CMU Sphinx US English language model"
    print(f"model: {len(model.vocab)} words, {len(model.bigrams)} bigrams, "
          f"{len(model.trigrams)} trigrams", file=sys.stderr)
    dropped = drop_redundant(model)
    print(f"left out {dropped} n-grams that equal their backoff", file=sys.stderr)
    vocab = set(model.vocab)
    entries = {}
    for a, b in ambiguous_entries(args.dictionaries):
        entries[(a, b)] = all(w in vocab for w in a + b)
    kept, candidates = prune(model, entries, args.max_ngrams)
    counts = write(model, kept, entries, args.out, source, candidates, args.max_ngrams)
    judged = sum(1 for j in entries.values() if j)
    print(f"{len(entries)} ambiguous entries, {judged} judged; {candidates} candidate "
          f"n-grams; kept {counts[0]} unigrams, {counts[1]} bigrams, {counts[2]} "
          f"trigrams; wrote {args.out} ({os.path.getsize(args.out)} bytes)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
