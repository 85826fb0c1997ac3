//! Dictionaries: named lists of mangled -> canonical entries with their
//! provenance.

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::dict::error::Error;
use crate::format::dict_format::{parse_entries, Class, RawEntry};
use crate::format::manifest::{Manifest, ManifestEntry};

/// Where a dictionary comes from and under what terms.
///
/// # Example
///
/// ```
/// let restorer = unspin::Restorer::new();
/// let news = restorer.dictionaries().into_iter().find(|d| d.name() == "news").unwrap();
/// assert!(!news.license().is_empty());
/// ```
#[derive(Clone, Debug, Serialize)]
pub struct DictionaryInfo {
    name: String,
    domain: String,
    description: String,
    source: String,
    license: String,
    entries: usize,
    fingerprints: usize,
    ambiguous: usize,
    common: usize,
    embedded: bool,
}

impl DictionaryInfo {
    /// Short identifier used in reports.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind of text the entries are for (`news`, `science`, `user`).
    pub fn domain(&self) -> &str {
        &self.domain
    }
    /// What the dictionary holds.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Where the entries come from.
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The licence of the entries.
    pub fn license(&self) -> &str {
        &self.license
    }
    /// How many entries the dictionary has.
    pub fn len(&self) -> usize {
        self.entries
    }
    /// Whether the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }
    /// How many entries of `class` the dictionary has.
    ///
    /// # Example
    ///
    /// ```
    /// use unspin::{Class, Dictionary};
    ///
    /// let dict = Dictionary::from_tsv("mine", "Fb\tFacebook\tfingerprint\nstated\tsaid\tambiguous\n")?;
    /// assert_eq!(dict.info().count(Class::Fingerprint), 1);
    /// assert_eq!(dict.info().count(Class::Ambiguous), 1);
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn count(&self, class: Class) -> usize {
        match class {
            Class::Fingerprint => self.fingerprints,
            Class::Ambiguous => self.ambiguous,
            Class::Common => self.common,
        }
    }
    /// Whether the dictionary is compiled into the library.
    pub fn is_embedded(&self) -> bool {
        self.embedded
    }
}

/// One dictionary entry: a mangled phrase and the wording it restores.
///
/// # Example
///
/// ```
/// use unspin::{Class, Dictionary};
///
/// let dict = Dictionary::from_tsv("mine", "Getty Pictures\tGetty Images\tfingerprint\n")?;
/// let entry = &dict.entries()[0];
/// assert_eq!(entry.canonical(), "Getty Images");
/// assert_eq!(entry.class(), Class::Fingerprint);
/// assert_eq!(entry.line(), 1);
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Entry {
    mangled: Cow<'static, str>,
    canonical: Cow<'static, str>,
    class: Class,
    note: Option<Cow<'static, str>>,
    line: usize,
}

impl Entry {
    /// The spun wording, as written in the dictionary.
    pub fn mangled(&self) -> &str {
        &self.mangled
    }
    /// The wording it restores.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }
    /// How much evidence the entry needs.
    pub fn class(&self) -> Class {
        self.class
    }
    /// The optional note column.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    /// The 1-based line of the dictionary file that defines it.
    pub fn line(&self) -> usize {
        self.line
    }

    #[cfg(test)]
    fn borrowed(raw: RawEntry<'static>) -> Entry {
        Entry {
            mangled: Cow::Borrowed(raw.mangled),
            canonical: Cow::Borrowed(raw.canonical),
            class: raw.class,
            note: raw.note.map(Cow::Borrowed),
            line: raw.line,
        }
    }

    fn owned(raw: RawEntry<'_>) -> Entry {
        Entry {
            mangled: Cow::Owned(raw.mangled.to_string()),
            canonical: Cow::Owned(raw.canonical.to_string()),
            class: raw.class,
            note: raw.note.map(|n| Cow::Owned(n.to_string())),
            line: raw.line,
        }
    }
}

/// The largest dictionary file read: a guard against pointing `--dict` at
/// something that is not one, which would otherwise be read whole.
const MAX_DICTIONARY_BYTES: u64 = 64 << 20;

/// A dictionary: its description and its entries.
///
/// The file format is one entry a line, TAB-separated:
/// `mangled<TAB>canonical<TAB>class[<TAB>note]`, where class is
/// `fingerprint`, `ambiguous` or `common`; `#` starts a comment line.
///
/// # Example
///
/// ```
/// use unspin::{Dictionary, Restorer};
///
/// let dict = Dictionary::from_tsv("house-style", "Fb\tFacebook\tfingerprint\n")?;
/// let restorer = Restorer::builder().dictionary(dict).build();
/// assert_eq!(restorer.restore("Posted on Fb.").text(), "Posted on Facebook.");
/// # Ok::<(), unspin::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Dictionary {
    info: DictionaryInfo,
    entries: Vec<Entry>,
}

impl Dictionary {
    /// Parses a dictionary from its text. `name` identifies it in reports
    /// and error messages.
    pub fn from_tsv(name: &str, text: &str) -> Result<Dictionary, Error> {
        let entries = parse_entries(text).map_err(|errors| Error::dictionary(name, errors))?;
        let entries: Vec<Entry> = entries.into_iter().map(Entry::owned).collect();
        Ok(Dictionary::user(
            name.to_string(),
            name.to_string(),
            entries,
        ))
    }

    /// Reads and parses a dictionary file. Its name in reports is the file
    /// name without extension; errors name the path and line.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Dictionary, Error> {
        use std::io::Read;
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // Read one byte past the limit to tell "at the limit" from "over".
        let mut bytes = Vec::new();
        file.take(MAX_DICTIONARY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        if bytes.len() as u64 > MAX_DICTIONARY_BYTES {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "larger than {} MiB: not a dictionary",
                        MAX_DICTIONARY_BYTES >> 20
                    ),
                ),
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not UTF-8 (byte offset {})", e.utf8_error().valid_up_to()),
                ),
            )
        })?;
        let origin = path.display().to_string();
        let entries = parse_entries(&text).map_err(|errors| Error::dictionary(&origin, errors))?;
        let entries: Vec<Entry> = entries.into_iter().map(Entry::owned).collect();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.clone());
        Ok(Dictionary::user(name, origin, entries))
    }

    fn user(name: String, source: String, entries: Vec<Entry>) -> Dictionary {
        Dictionary {
            info: DictionaryInfo {
                name,
                domain: "user".to_string(),
                description: "user dictionary".to_string(),
                source,
                license: "unknown (user supplied)".to_string(),
                entries: entries.len(),
                fingerprints: count(&entries, Class::Fingerprint),
                ambiguous: count(&entries, Class::Ambiguous),
                common: count(&entries, Class::Common),
                embedded: false,
            },
            entries,
        }
    }

    /// The dictionary's description.
    pub fn info(&self) -> &DictionaryInfo {
        &self.info
    }

    /// The entries in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The dictionaries compiled into the library, in manifest order
    /// (later ones win where two define a phrase).
    ///
    /// # Example
    ///
    /// ```
    /// let embedded = unspin::Dictionary::embedded()?;
    /// assert!(embedded.iter().any(|d| d.info().name() == "news"));
    /// # Ok::<(), unspin::Error>(())
    /// ```
    pub fn embedded() -> Result<Vec<Dictionary>, Error> {
        let manifest = Manifest::parse(crate::embedded::MANIFEST)
            .map_err(|m| Error::manifest("dictionaries/manifest.toml", m))?;
        let mut out = Vec::with_capacity(manifest.dictionaries.len());
        for (meta, text) in manifest
            .dictionaries
            .into_iter()
            .zip(crate::embedded::DICTIONARY_TEXTS.iter().copied())
        {
            let entries = parse_validated(text);
            out.push(Dictionary {
                info: embedded_info(meta, &entries),
                entries,
            });
        }
        Ok(out)
    }
}

/// Parses a dictionary that the build script already validated with
/// [`parse_entries`] (it fails the build on any error): the same fields
/// without the keys and the duplicate check, which are most of the cost
/// of start-up.
fn parse_validated(text: &'static str) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(text.len() / 32);
    for (line, raw) in crate::format::dict_format::lines(text) {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut fields = raw.split('\t');
        let (Some(mangled), Some(canonical), Some(class)) =
            (fields.next(), fields.next(), fields.next())
        else {
            unreachable!("line {line} was validated at build time");
        };
        let class = class
            .trim()
            .parse()
            .unwrap_or_else(|_| unreachable!("line {line} was validated at build time"));
        let note = fields.next().map(str::trim).filter(|n| !n.is_empty());
        entries.push(Entry {
            mangled: Cow::Borrowed(mangled.trim()),
            canonical: Cow::Borrowed(canonical.trim()),
            class,
            note: note.map(Cow::Borrowed),
            line,
        });
    }
    entries
}

fn embedded_info(meta: ManifestEntry, entries: &[Entry]) -> DictionaryInfo {
    DictionaryInfo {
        name: meta.name,
        domain: meta.domain,
        description: meta.description,
        source: meta.source,
        license: meta.license,
        entries: entries.len(),
        fingerprints: count(entries, Class::Fingerprint),
        ambiguous: count(entries, Class::Ambiguous),
        common: count(entries, Class::Common),
        embedded: true,
    }
}

fn count(entries: &[Entry], class: Class) -> usize {
    entries.iter().filter(|e| e.class == class).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_parse_of_embedded_dictionaries_agrees_with_the_checked_one() {
        for text in crate::embedded::DICTIONARY_TEXTS.iter().copied() {
            let fast = parse_validated(text);
            let checked: Vec<Entry> = parse_entries(text)
                .unwrap()
                .into_iter()
                .map(Entry::borrowed)
                .collect();
            assert_eq!(fast.len(), checked.len());
            for (a, b) in fast.iter().zip(&checked) {
                assert_eq!(
                    (a.mangled(), a.canonical(), a.class(), a.note(), a.line()),
                    (b.mangled(), b.canonical(), b.class(), b.note(), b.line())
                );
            }
        }
    }

    #[test]
    fn embedded_dictionaries_parse_and_match_the_build() {
        let dicts = Dictionary::embedded().unwrap();
        let total: usize = dicts.iter().map(|d| d.entries().len()).sum();
        assert_eq!(total, crate::embedded::ENTRY_COUNT);
        for d in &dicts {
            let info = d.info();
            assert_eq!(
                info.count(Class::Fingerprint)
                    + info.count(Class::Ambiguous)
                    + info.count(Class::Common),
                info.len()
            );
            assert!(info.count(Class::Fingerprint) > 0 && info.count(Class::Ambiguous) > 0);
            // Only learned entries are `common`: hand-written ones are
            // either safe anywhere or evidence of spin.
            assert_eq!(
                info.count(Class::Common) > 0,
                info.name() == "learned",
                "{}",
                info.name()
            );
            assert!(!d.info().license().is_empty());
            assert!(!d.info().source().is_empty());
        }
    }

    #[test]
    fn path_errors_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("unspin-dict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.tsv");
        std::fs::write(&path, "ok\tfine\tambiguous\nbroken line\n").unwrap();
        let err = Dictionary::from_path(&path).unwrap_err().to_string();
        assert!(err.contains("bad.tsv:2: expected 3 or 4"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
