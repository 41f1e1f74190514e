//! Problems with the user's files, worded so that a person can act on them.

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

/// A row that was counted and skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub file: String,
    /// The line the record starts on, counting the header as line 1.
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, group_digits(self.line), self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_a_sentence() {
        let r = Rejection { file: "iran.csv".into(), line: 1203, reason: "29 fields, the header has 31".into() };
        assert_eq!(r.to_string(), "iran.csv line 1 203: 29 fields, the header has 31");
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(9_041_308), "9 041 308");
    }
}
