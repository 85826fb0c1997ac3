//! The manifest (`dictionaries/manifest.toml`): which dictionaries exist,
//! their domain, source and licence. Shared with the build script.

use serde::{Deserialize, Serialize};

/// The parsed manifest.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    #[serde(rename = "dictionary")]
    pub dictionaries: Vec<ManifestEntry>,
}

/// One dictionary as the manifest describes it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManifestEntry {
    /// Short identifier, used in reports (`news`).
    pub name: String,
    /// File name inside `dictionaries/`.
    pub file: String,
    /// What kind of text the entries are for (`news`, `science`).
    pub domain: String,
    /// One sentence on what the dictionary holds.
    pub description: String,
    /// Where the entries come from.
    pub source: String,
    /// The licence the entries are under.
    pub license: String,
}

impl Manifest {
    /// Parses and checks a manifest.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut names = std::collections::HashSet::new();
        for entry in &manifest.dictionaries {
            if !names.insert(entry.name.as_str()) {
                return Err(format!("dictionary {:?} is listed twice", entry.name));
            }
            for (field, value) in [
                ("name", &entry.name),
                ("file", &entry.file),
                ("source", &entry.source),
                ("license", &entry.license),
            ] {
                if value.trim().is_empty() {
                    return Err(format!("dictionary {:?}: {field} is empty", entry.name));
                }
            }
        }
        Ok(manifest)
    }
}
