//! What a tweet's text, as the file wrote it, says of one searched term
//! before it is folded ([`crate::core::fold`]): most texts show that the term
//! is surely there or surely missing, and only the rest are folded to see.
//! Folding costs a pass that writes every character; looking costs a few
//! SIMD searches for bytes, so a search reads most texts without writing any.
//!
//! Why a look can be sure:
//! - Folding maps each character on its own, except that a combining mark may
//!   join the letter before it (e and U+0301 make é). So a stretch of text
//!   that folds to the term by itself, and that no such mark follows, folds
//!   to the term within any text: the term is there.
//! - A folded text holds a character only if the text holds one of its
//!   origins ([`fold::origins`]): without them, the term is missing.
//! - For a term of ASCII characters, only ASCII letters and a few other
//!   characters (ſ, K, ß, the ligatures ﬁ and ﬂ…) fold to them. A text that
//!   holds none of those others holds the term folded only where it holds it
//!   in ASCII, whatever the case.

use crate::core::fold;
use memchr::memmem::Finder;
use memchr::{memchr2_iter, memchr3_iter, memchr_iter};

/// What a look at a text found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    There,
    Missing,
    /// Only the folded text can tell.
    Unsure,
}

/// How to look for one term, worked out once per search.
pub(crate) struct Sieve {
    kind: Kind,
}

enum Kind {
    Ascii {
        /// The term, folded (so lowercase).
        term: Vec<u8>,
        /// Where in it the byte rarest in tweets is: texts are searched for it.
        rare: usize,
        /// The characters other than ASCII that fold to one of the term's.
        others: AnyOf,
    },
    Other {
        /// Ways a text may write the term that fold to it by themselves: the
        /// term folded, with a capital first letter, in capitals.
        written: Vec<Finder<'static>>,
        /// The origins of the term's rarest character; `None` where every
        /// character of the term is one composition makes.
        needed: Option<AnyOf>,
    },
}

impl Sieve {
    /// The sieve for a term already folded.
    pub(crate) fn new(folded: &str) -> Sieve {
        if !folded.is_empty() && folded.is_ascii() {
            let term = folded.as_bytes().to_vec();
            let rare = (0..term.len()).min_by_key(|&at| commonness(char::from(term[at]))).unwrap_or(0);
            let mut others: Vec<char> = Vec::new();
            for c in folded.chars() {
                others.extend(fold::origins(c).unwrap_or_default().into_iter().filter(|o| !o.is_ascii()));
            }
            return Sieve { kind: Kind::Ascii { term, rare, others: AnyOf::new(others) } };
        }
        let mut chars = folded.chars();
        let capital: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        let mut written: Vec<String> = Vec::new();
        for form in [folded.to_string(), capital, folded.to_uppercase()] {
            let by_itself = !fold::starts_with_composing_mark(form.as_bytes()) && fold::fold(&form) == folded;
            if by_itself && !written.contains(&form) {
                written.push(form);
            }
        }
        let needed = folded
            .chars()
            .filter_map(|c| fold::origins(c).map(|origins| ((commonness(c), origins.len()), origins)))
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, origins)| AnyOf::new(origins));
        let written = written.iter().map(|form| Finder::new(form.as_bytes()).into_owned()).collect();
        Sieve { kind: Kind::Other { written, needed } }
    }

    /// What `text`, unfolded, says of the term.
    pub(crate) fn look(&self, text: &[u8]) -> Seen {
        match &self.kind {
            Kind::Ascii { term, rare, others } => {
                let mut before_mark = false;
                let (lower, upper) = (term[*rare], term[*rare].to_ascii_uppercase());
                for hit in memchr2_iter(lower, upper, text) {
                    let Some(start) = hit.checked_sub(*rare) else { continue };
                    let end = start + term.len();
                    if end > text.len() {
                        break;
                    }
                    if text[start..end].eq_ignore_ascii_case(term) {
                        if !fold::starts_with_composing_mark(&text[end..]) {
                            return Seen::There;
                        }
                        before_mark = true;
                    }
                }
                if before_mark || !text.is_ascii() && others.in_text(text) {
                    Seen::Unsure
                } else {
                    Seen::Missing
                }
            }
            Kind::Other { written, needed } => {
                if needed.as_ref().is_some_and(|needed| !needed.in_text(text)) {
                    return Seen::Missing;
                }
                let by_itself = |form: &Finder| {
                    let end = |at: usize| at + form.needle().len();
                    form.find(text).is_some_and(|at| !fold::starts_with_composing_mark(&text[end(at)..]))
                };
                if written.iter().any(by_itself) {
                    Seen::There
                } else {
                    Seen::Unsure
                }
            }
        }
    }
}

/// How common a character is in tweets, 0 for the rarest: any character not
/// ASCII, then ASCII letters by their frequency in English; the space last.
fn commonness(c: char) -> usize {
    match c {
        ' ' => 27,
        c if c.is_ascii_alphabetic() => "zqjxkvbpygfwmucldrhsnioate".find(c).map_or(13, |at| at + 1),
        c if c.is_ascii() => 13,
        _ => 0,
    }
}

/// Any of a few characters, looked for in a text by their last bytes, three
/// to a SIMD pass, each hit checked for a whole character: п or П (D0 BF,
/// D0 9F) take one pass for BF or 9F. Where a character takes three bytes or
/// four (the ligatures, ẞ, K), a pass for the first bytes goes before: those
/// are rare in tweets, while last bytes (80–BF) are common in every script
/// not ASCII.
struct AnyOf {
    chars: Vec<Vec<u8>>,
    /// Empty where every character takes one byte or two.
    firsts: Vec<u8>,
    lasts: Vec<u8>,
}

impl AnyOf {
    fn new(chars: Vec<char>) -> AnyOf {
        let mut chars: Vec<Vec<u8>> = chars.iter().map(|c| c.to_string().into_bytes()).collect();
        chars.sort_unstable();
        chars.dedup();
        let bytes = |pick: fn(&Vec<u8>) -> u8| {
            let mut bytes: Vec<u8> = chars.iter().map(pick).collect();
            bytes.sort_unstable();
            bytes.dedup();
            bytes
        };
        let long = chars.iter().any(|c| c.len() > 2);
        let firsts = if long { bytes(|c| c[0]) } else { Vec::new() };
        AnyOf { lasts: bytes(|c| c[c.len() - 1]), firsts, chars }
    }

    fn in_text(&self, text: &[u8]) -> bool {
        let any_at = |bytes: &[u8], found: &mut dyn FnMut(usize) -> bool| {
            bytes.chunks(3).any(|bytes| match *bytes {
                [a] => memchr_iter(a, text).any(&mut *found),
                [a, b] => memchr2_iter(a, b, text).any(&mut *found),
                [a, b, c] => memchr3_iter(a, b, c, text).any(&mut *found),
                _ => false,
            })
        };
        (self.firsts.is_empty() || any_at(&self.firsts, &mut |_| true))
            && any_at(&self.lasts, &mut |hit| self.chars.iter().any(|c| text[..=hit].ends_with(c)))
    }
}
