//! The crate's error type.

use std::fmt;
use std::path::PathBuf;

use crate::format::dict_format::LineError;

/// An error from loading dictionaries or reading input.
///
/// The type is opaque: its `Display` output names the file and line at
/// fault, which is what a person needs; programs can ask for the line
/// numbers with [`Error::lines`].
///
/// # Example
///
/// ```
/// use unspin::Dictionary;
///
/// let err = Dictionary::from_tsv("mine", "stated\tsaid\n").unwrap_err();
/// assert!(err.to_string().starts_with("mine:1: expected 3 or 4"));
/// assert_eq!(err.lines(), vec![1]);
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Dictionary {
        origin: String,
        errors: Vec<LineError>,
    },
    Manifest {
        origin: String,
        message: String,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.into(),
                source,
            },
        }
    }

    pub(crate) fn dictionary(origin: impl Into<String>, errors: Vec<LineError>) -> Error {
        Error {
            kind: ErrorKind::Dictionary {
                origin: origin.into(),
                errors,
            },
        }
    }

    pub(crate) fn manifest(origin: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Manifest {
                origin: origin.into(),
                message: message.into(),
            },
        }
    }

    /// The 1-based line numbers at fault, for a malformed dictionary; empty
    /// for other errors.
    pub fn lines(&self) -> Vec<usize> {
        match &self.kind {
            ErrorKind::Dictionary { errors, .. } => errors.iter().map(|e| e.line).collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::Dictionary { origin, errors } => {
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{origin}:{}: {}", e.line, e.message)?;
                }
                Ok(())
            }
            ErrorKind::Manifest { origin, message } => write!(f, "{origin}: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
