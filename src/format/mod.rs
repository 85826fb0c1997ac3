//! The formats that the build script shares with the library: tokens and
//! phrase keys, the dictionary TSV format, the dictionary manifest and the
//! near-miss index keys. These modules use only `std` (and each other
//! through `super::`), so `build.rs` includes them with `#[path]` and the
//! embedded data and the runtime agree by construction.

pub(crate) mod dict_format;
pub(crate) mod manifest;
pub(crate) mod near_miss_keys;
pub(crate) mod tokenize;
