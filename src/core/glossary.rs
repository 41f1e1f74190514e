//! Plain words: the terms a newcomer meets on the page, each explained in a
//! sentence or two. The page shows one beside every place the term appears
//! (a "?" with a tooltip) and all of them on the glossary page.

/// One term and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Names the term in ids and tests: `hashed-id`, `und`, …
    pub key: &'static str,
    pub term: &'static str,
    pub meaning: &'static str,
}

/// Every term, in the order the glossary page lists them.
pub const TERMS: [Term; 7] = [
    Term {
        key: "hashed-id",
        term: "Hashed id",
        meaning: "A long scramble of letters and digits put in place of an account's id and names. Twitter hashed every account that had fewer than 5,000 followers when it was suspended, to protect people who may not have known what they were part of; bigger accounts keep their number and names. The page tells a hash by its not being all digits.",
    },
    Term {
        key: "und",
        term: "und (undetermined language)",
        meaning: "The language code Twitter gives a tweet whose language it could not tell: a tweet of only links, hashtags, emoji or names, or too short to judge.",
    },
    Term {
        key: "quote-reply",
        term: "Quote versus reply",
        meaning: "A reply answers another tweet and shows under it, in its conversation. A quote shows another tweet inside a new one, for the quoting account's own followers. A tweet that does both counts as a reply.",
    },
    Term {
        key: "retweet-share",
        term: "Retweet share",
        meaning: "The part of an account's tweets that are retweets of other accounts' tweets. An account that only amplifies has a share near 100%.",
    },
    Term {
        key: "rejected-row",
        term: "Rejected row",
        meaning: "A line of a file that could not be read as a tweet or an account (too few fields, a cut-off last line): it is counted, named in the load report with its file and line, and left out. The rest of the file is still read.",
    },
    Term {
        key: "coordination-window",
        term: "Coordination window",
        meaning: "How close in time two accounts' actions must be to count as acting together; 60 seconds by default, which is the same or the next minute, since the files give times to the minute. A wider window finds more pairs, and more of them by chance.",
    },
    Term {
        key: "community",
        term: "Community",
        meaning: "A group of accounts in the co-action network more tightly linked to each other than to the rest, found by the Louvain method. It is a pattern in the network, not a proof that one person ran them.",
    },
];

/// The term of that key.
pub fn term(key: &str) -> Option<&'static Term> {
    TERMS.iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_its_own_key_and_a_meaning_in_sentences() {
        for (i, t) in TERMS.iter().enumerate() {
            assert_eq!(term(t.key), Some(t));
            assert!(TERMS[..i].iter().all(|o| o.key != t.key), "{} twice", t.key);
            assert!(t.meaning.ends_with('.') && t.meaning.len() > 40, "{}", t.key);
            assert!(t.key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", t.key);
        }
        assert_eq!(term("nothing"), None);
    }
}
