"""Readers of the CMU Sphinx US English trigram language model, shared by
scripts/build_lm.py and scripts/common_english.py: the binary trie file the
Sphinx packages ship (en-us.lm.bin) and an ARPA text listing.

Standard library only. The binary reader follows the public description of
the format in pocketsphinx's BSD-2 sources (ngram_model_trie.c, lm_trie.c,
lm_trie_quant.c). Scores come back in log10.
"""
import math
import struct
import sys

# Sphinx scores are logarithms to base 1.0001.
SPHINX_TO_LOG10 = math.log10(1.0001)
TRIE_MAGIC = b"Trie Language Model"
QUANT_LEVELS = 1 << 16


class Model:
    """vocab: list of words; unigrams: list of (log10 p, log10 bo);
    bigrams: {(a, b): (p, bo)}; trigrams: {(a, b, c): p}."""

    def __init__(self, vocab, unigrams, bigrams, trigrams):
        self.vocab = vocab
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.trigrams = trigrams


def read(path, max_order=3):
    """Reads the model at `path`, binary or ARPA (told apart by the binary
    file's magic text), up to n-grams of `max_order` (2 or 3)."""
    with open(path, "rb") as f:
        binary = f.read(len(TRIE_MAGIC)) == TRIE_MAGIC
    return (read_lm_bin if binary else read_arpa)(path, max_order)


def read_arpa(path, max_order=3):
    """Reads an ARPA listing of a model of order 3 (or 2), up to n-grams of
    `max_order`."""
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
                    if section > max_order:
                        break
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


def read_lm_bin(path, max_order=3):
    """Reads the Sphinx binary trie format, up to n-grams of `max_order` (see the module documentation of
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
            for j in (range(child, after[3]) if max_order >= 3 else ()):
                r = last.record(j)
                trigrams[(r & word_mask, word, last_word)] = (
                    trigram_probs[r >> word_bits] * SPHINX_TO_LOG10)
            record = after
    return Model(vocab, unigrams, bigrams, trigrams)
