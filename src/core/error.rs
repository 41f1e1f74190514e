//! Problems with the user's rows, as data: what went wrong (a [`Problem`]) and
//! where (a [`Position`]), as the csv crate reports its errors; `Display`
//! writes the sentence a person can act on, and the page can group and count
//! rejections by kind.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Digits in groups of three, as the app shows counts: `1 203`.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Where a record starts in its file (or zip member, unpacked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based, counting the header as line 1.
    pub line: u64,
    /// 0-based byte offset.
    pub byte: u64,
    /// 0-based record number, the header being record 0.
    pub record: u64,
}

/// Why a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// The row has another number of fields than the header.
    FieldCount {
        found: u64,
        expected: u64,
    },
    /// A column every row must fill is empty.
    Empty {
        column: String,
    },
    NotANumber {
        column: String,
        value: String,
    },
    NotATime {
        column: String,
        value: String,
        example: String,
    },
    /// A time before Twitter's first tweet (2006-03-21) or after the day of loading.
    OutOfTime {
        column: String,
        value: String,
        latest: String,
    },
    /// Over [`crate::core::records::MAX_RECORD`] bytes: a quote left open, or not CSV.
    TooLong,
    /// The file ends inside the record, or reading stopped in it.
    CutShort,
}

impl Problem {
    /// A short name for the kind, to group rejections by.
    pub fn name(&self) -> &'static str {
        match self {
            Problem::FieldCount { .. } => "field count",
            Problem::Empty { .. } => "empty",
            Problem::NotANumber { .. } => "not a number",
            Problem::NotATime { .. } => "not a time",
            Problem::OutOfTime { .. } => "out of time",
            Problem::TooLong => "too long",
            Problem::CutShort => "cut short",
        }
    }
}

/// A value as a rejection quotes it: at most 40 characters.
pub fn quoted(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("'{}…'", &text[..cut]),
        None => format!("'{text}'"),
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::FieldCount { found, expected } => {
                write!(f, "{found} fields, the header has {expected} (the row is cut short or malformed)")
            }
            Problem::Empty { column } => write!(f, "{column} is empty"),
            Problem::NotANumber { column, value } => write!(f, "{column} {value} is not a number"),
            Problem::NotATime { column, value, example } => write!(f, "{column} {value} is not a time like {example}"),
            Problem::OutOfTime { column, value, latest } => write!(
                f,
                "{column} {value} is outside the time Twitter's archives can hold (2006-03-21 to {latest})"
            ),
            Problem::TooLong => f.write_str(
                "the record is longer than 1 MiB, so a quote is most likely left open; reading went on at the next line",
            ),
            Problem::CutShort => f.write_str("the record is cut short at the end of the file (was the download complete?)"),
        }
    }
}

/// A row that was counted and skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub file: String,
    pub position: Position,
    /// The last line it covers, where a broken record took the lines after it
    /// along (they could not be read as rows of their own either).
    pub last_line: u64,
    pub problem: Problem,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.position.line;
        if self.last_line > line {
            write!(f, "{} lines {}–{}: ", self.file, group_digits(line), group_digits(self.last_line))?;
        } else {
            write!(f, "{} line {}: ", self.file, group_digits(line))?;
        }
        write!(f, "{}", self.problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_sentence() {
        let r = Rejection {
            file: "iran.csv".into(),
            position: Position { line: 1203, byte: 0, record: 1000 },
            last_line: 1203,
            problem: Problem::FieldCount { found: 29, expected: 31 },
        };
        assert_eq!(
            r.to_string(),
            "iran.csv line 1 203: 29 fields, the header has 31 (the row is cut short or malformed)"
        );
        let r = Rejection { last_line: 1210, problem: Problem::CutShort, ..r };
        assert!(r.to_string().starts_with("iran.csv lines 1 203–1 210: the record is cut short"), "{r}");
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(9_041_308), "9 041 308");
        assert_eq!(quoted("x".repeat(50).as_bytes()), format!("'{}…'", "x".repeat(40)));
    }
}
