//! The benchmark inputs of `benches/inputs.toml`, built the way
//! `benches/flashtext_baseline.py` builds them: the listed files in order,
//! each followed by "\n\n", repeated to at least `target-bytes`.

use std::path::{Path, PathBuf};

/// The recipe file, relative to the package root.
pub const RECIPE: &str = "benches/inputs.toml";

#[derive(serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Recipe {
    target_bytes: usize,
    input: Vec<InputRecipe>,
}

#[derive(serde::Deserialize)]
struct InputRecipe {
    name: String,
    files: Vec<String>,
}

/// One input: its name, the files it is made of, and how long it must be.
pub struct Input {
    /// The name, used as the criterion group.
    pub name: String,
    /// The files, in order, with each pattern expanded.
    pub files: Vec<PathBuf>,
    /// The minimum length of the repeated text.
    pub target_bytes: usize,
}

impl Input {
    /// The files, each followed by "\n\n": one round of the input.
    pub fn base(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for path in &self.files {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.extend_from_slice(&bytes);
            out.extend_from_slice(b"\n\n");
        }
        out
    }

    /// The input: [`Input::base`] repeated until it is at least
    /// `target_bytes` long. Panics when it is not UTF-8.
    pub fn text(&self) -> String {
        let base = self.base();
        assert!(!base.is_empty(), "input {} is empty", self.name);
        let mut out = Vec::with_capacity(self.target_bytes + base.len());
        while out.len() < self.target_bytes {
            out.extend_from_slice(&base);
        }
        String::from_utf8(out).unwrap_or_else(|e| panic!("input {} is not UTF-8: {e}", self.name))
    }
}

/// The inputs of the recipe under the package root `root`, in its order.
/// Panics on a recipe that does not parse or a pattern that matches no file.
pub fn inputs(root: &Path) -> Vec<Input> {
    let path = root.join(RECIPE);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let recipe: Recipe =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    recipe
        .input
        .into_iter()
        .map(|input| Input {
            files: input
                .files
                .iter()
                .flat_map(|pattern| expand(root, pattern))
                .collect(),
            name: input.name,
            target_bytes: recipe.target_bytes,
        })
        .collect()
}

/// The files `pattern` names: itself, or with a `*` in the file name the
/// matching files of its directory sorted by name.
fn expand(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let path = root.join(pattern);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let Some((prefix, suffix)) = name.split_once('*') else {
        return vec![path];
    };
    let dir = path
        .parent()
        .expect("a pattern names a file in a directory");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a readable directory").file_name())
        .filter_map(|n| n.into_string().ok())
        .filter(|n| {
            n.len() >= prefix.len() + suffix.len() && n.starts_with(prefix) && n.ends_with(suffix)
        })
        .collect();
    names.sort();
    assert!(!names.is_empty(), "{pattern} matches no file");
    names.into_iter().map(|n| dir.join(n)).collect()
}
