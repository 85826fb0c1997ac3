//! The data compiled in by `build.rs`: the lexicon's fst, the dictionary
//! sources and manifest, the near-miss index and the canonical skeletons.
//! Modules that need embedded data import it from here.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
