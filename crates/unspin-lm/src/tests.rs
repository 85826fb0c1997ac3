use std::collections::HashMap;
use std::path::Path;

use fst::{Map, Streamer};

use super::*;

/// Bytes of a word id in an n-gram key.
const ID_BYTES: usize = 3;

/// The first word's id of an n-gram key.
fn first_id(key: &[u8]) -> u32 {
    key[..ID_BYTES]
        .iter()
        .fold(0, |id, &b| id << 8 | u32::from(b))
}

/// The model's data as `model.toml` and README.md describe it. With
/// `UNSPIN_LM_LISTING=FILE` (a listing written by `scripts/build_lm.py`,
/// which sets it), compiles the listing into `vocab.fst` and `model.toml`
/// here and the parts' `ngrams.fst` in `../unspin-lm-ngrams-*/` instead;
/// run the test again afterwards to check them.
#[test]
fn model_data() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(listing) = std::env::var_os("UNSPIN_LM_LISTING") {
        let text = std::fs::read_to_string(listing).unwrap();
        compile(&text, dir);
        return;
    }
    let meta: toml::Table = toml::from_str(MODEL_TOML).unwrap();
    let int = |k: &str| meta[k].as_integer().unwrap_or_else(|| panic!("{k}")) as usize;
    let words = Map::new(vocab()).unwrap();
    let parts = ngrams().map(|bytes| Map::new(bytes).unwrap());
    let mut counts = [0usize; 3];
    let mut last: Option<Vec<u8>> = None;
    for (k, part) in parts.iter().enumerate() {
        let mut stream = part.keys();
        let mut first = true;
        while let Some(key) = stream.next() {
            if first {
                // A part starts with a new first word: every n-gram and
                // its prefixes are in one part.
                if let Some(prev) = &last {
                    assert!(first_id(prev) < first_id(key), "part {}", k + 1);
                }
                first = false;
            }
            counts[key.len() / ID_BYTES - 1] += 1;
            last = Some(key.to_vec());
        }
        assert!(!first, "part {} is empty", k + 1);
    }
    assert_eq!(int("words"), words.len());
    assert_eq!(counts[0], words.len(), "a unigram for every word");
    assert_eq!(int("bigrams"), counts[1]);
    assert_eq!(int("trigrams"), counts[2]);
    assert_eq!(int("vocab-bytes"), vocab().len());
    let part_bytes: Vec<usize> = meta["ngrams-bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_integer().unwrap() as usize)
        .collect();
    assert_eq!(part_bytes, ngrams().map(<[u8]>::len));
    // The README states the same numbers.
    let readme = include_str!("../README.md");
    let commas = |n: usize| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let total: usize = part_bytes.iter().sum();
    let mut said = vec![
        (words.len(), "words"),
        (counts[1], "bigrams"),
        (counts[2], "trigrams"),
        (int("left-out"), "n-grams"),
        (total, "bytes"),
        (vocab().len(), "bytes"),
    ];
    said.extend(part_bytes.iter().map(|&n| (n, "bytes")));
    for (n, what) in said {
        let said = format!("{} {what}", commas(n));
        assert!(readme.contains(&said), "README.md should say {said:?}");
    }
}

/// Compiles a listing of `scripts/build_lm.py` into `vocab.fst` and
/// `model.toml` in `dir` and the [`PARTS`] maps of n-grams into
/// `dir/../unspin-lm-ngrams-K/ngrams.fst`.
fn compile(text: &str, dir: &Path) {
    let mut meta = HashMap::new();
    let mut words: Vec<(&str, u64)> = Vec::new();
    let mut grams: Vec<(&str, u64)> = Vec::new();
    let mut section = "";
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('\\') {
            section = match name {
                "words" | "ngrams" => name,
                _ => panic!("unknown section {line:?}"),
            };
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if section.is_empty() {
            meta.insert(f[0], f[1]);
            continue;
        }
        let prob: u8 = f[1].parse().unwrap_or_else(|_| panic!("{line:?}"));
        let backoff: i8 = f.get(2).map_or(0, |b| b.parse().unwrap());
        let value = u64::from(prob) | u64::from(backoff as u8) << 8;
        if section == "words" {
            words.push((f[0], value));
        } else {
            grams.push((f[0], value));
        }
    }
    // Ids in the byte order of the words, so the vocabulary's map is
    // built in order.
    words.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let ids: HashMap<&str, u32> = words
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    assert!(words.len() < 1 << (8 * ID_BYTES), "too many words");
    let mut vocab = fst::MapBuilder::memory();
    for (i, (w, _)) in words.iter().enumerate() {
        vocab.insert(w, i as u64).unwrap();
    }
    let vocab = vocab.into_inner().unwrap();
    let mut keys: Vec<(Vec<u8>, u64)> = Vec::with_capacity(words.len() + grams.len());
    let mut counts = [0usize; 3];
    for (w, value) in &words {
        keys.push((ids[w].to_be_bytes()[4 - ID_BYTES..].to_vec(), *value));
    }
    for (gram, value) in &grams {
        let mut key = Vec::with_capacity(3 * ID_BYTES);
        for w in gram.split(' ') {
            let id = ids
                .get(w)
                .unwrap_or_else(|| panic!("{w:?} of {gram:?} is no word"));
            key.extend_from_slice(&id.to_be_bytes()[4 - ID_BYTES..]);
        }
        counts[key.len() / ID_BYTES - 1] += 1;
        keys.push((key, *value));
    }
    keys.sort_unstable();
    // Parts of about as many n-grams each, each starting at a new first
    // word.
    let mut starts = vec![0];
    for k in 1..PARTS {
        let mut i = keys.len() * k / PARTS;
        while first_id(&keys[i].0) == first_id(&keys[i - 1].0) {
            i += 1;
        }
        starts.push(i);
    }
    starts.push(keys.len());
    let mut part_bytes = Vec::new();
    for (k, range) in starts.windows(2).enumerate() {
        let mut part = fst::MapBuilder::memory();
        for (key, value) in &keys[range[0]..range[1]] {
            part.insert(key, *value).unwrap();
        }
        let part = part.into_inner().unwrap();
        let path = dir.join(format!("../unspin-lm-ngrams-{}/ngrams.fst", k + 1));
        std::fs::write(path, &part).unwrap();
        part_bytes.push(part.len().to_string());
    }
    std::fs::write(dir.join("vocab.fst"), &vocab).unwrap();
    let toml = format!(
        "# The embedded language model (see README.md here). Generated by\n\
         # scripts/build_lm.py; do not edit.\n\
         source = {:?}\n\
         source-sha256 = {:?}\n\
         licence = \"BSD-2-Clause\"\n\
         # log10 values in steps of 1/step\n\
         step = {}\n\
         words = {}\n\
         bigrams = {}\n\
         trigrams = {}\n\
         # n-grams equal to their backed-off estimate, left out\n\
         left-out = {}\n\
         vocab-bytes = {}\n\
         # the n-grams' maps, one a crate: unspin-lm-ngrams-1, -2 ...\n\
         ngrams-bytes = [{}]\n",
        meta["source"],
        meta["sha256"],
        meta["step"],
        words.len(),
        counts[1],
        counts[2],
        meta["left-out"],
        vocab.len(),
        part_bytes.join(", "),
    );
    std::fs::write(dir.join("model.toml"), &toml).unwrap();
    eprintln!("{toml}");
}
