#!/usr/bin/env bash
# Rebuilds dictionaries/learned.tsv, dictionaries/vocabulary.tsv and
# dictionaries/decision.toml (the model that judges each occurrence): the
# spinner's vocabulary learned by `unspin learn` from spun/original news
# pairs (word-level alignment, precision, independent texts, lift,
# clean-English frequency; see src/learn/). Only the substitutions, counts,
# scores and the names of the pairs go into the files, never the texts.
# The dictionary holds the entries; the vocabulary every one-word
# substitution seen, the source of suggestions.
#
# usage: scripts/learn_dictionary.sh [EVAL_DIR]
#   EVAL_DIR holds train/pairs and dev/pairs (default: ../shared/eval).
# The report (every proposal and every substitution left out, with why)
# goes to target/learned.report.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
cargo build --release --quiet
mkdir -p target
target/release/unspin learn "$eval_dir/train/pairs" "$eval_dir/dev/pairs" \
    --report target/learned.report -o dictionaries/learned.tsv \
    --vocabulary dictionaries/vocabulary.tsv \
    --decision-model dictionaries/decision.toml
head -n 3 target/learned.report
