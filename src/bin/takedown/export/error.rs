//! What can stop an export, as data; `Display` writes the sentence.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ExportError {
    /// A file or directory could not be made or written.
    Io { path: PathBuf, error: std::io::Error },
    /// The Parquet writer refused (it names what).
    Parquet { path: PathBuf, error: String },
    /// The output already holds a table: parts of two exports would mix.
    NotEmpty(PathBuf),
    /// `--compression` named no codec we write.
    Codec(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            ExportError::Parquet { path, error } => {
                write!(f, "{}: the Parquet file could not be written: {error}", path.display())
            }
            ExportError::NotEmpty(path) => write!(
                f,
                "{} already exists: export into a new or empty directory, so that parts of two exports do not mix",
                path.display()
            ),
            ExportError::Codec(name) => write!(f, "--compression is snappy or zstd, not {name}"),
        }
    }
}

impl std::error::Error for ExportError {}
