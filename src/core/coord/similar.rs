//! co_similar: near-identical texts, found in time linear in the tweets.
//!
//! A text's words (after co_tweet's normalisation: lowercased, @mentions
//! removed; a word is a run of letters, digits, marks or `_`) form a set, and
//! two tweets are similar when the Jaccard index of their sets reaches the
//! threshold. Comparing every pair is quadratic, so each set gets a MinHash
//! signature of [`BANDS`] × [`ROWS`] values, and each band's values make one
//! key: two sets share a band key with probability 1 − (1 − J^ROWS)^BANDS,
//! over 0.999 at J = 0.8 and 0.20 at J = 0.4. Tweets that share a key within
//! the window are then checked exactly, so a pair counts only if it really is
//! similar; a similar pair is missed only if no band matches (under 0.1 % at
//! J = 0.8).

use crate::core::store::hash_bytes;

pub const BANDS: usize = 20;
pub const ROWS: usize = 5;

/// Each tweet's word set, as sorted hashes; empty for tweets that take no part.
pub struct WordSets {
    sets: Vec<Vec<u64>>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{e31}'..='\u{e4e}')
}

/// The hashes of the distinct words of a normalised text, sorted.
pub fn word_set(normalised: &str) -> Vec<u64> {
    let mut words: Vec<u64> = normalised
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| hash_bytes(w.as_bytes()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// |a ∩ b| / |a ∪ b| of two sorted sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

/// The `BANDS` keys of a set: each band's minima under `ROWS` hash functions,
/// hashed together with the band's number.
pub fn band_keys(set: &[u64]) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let mut minima = [u64::MAX; ROWS + 1];
        minima[ROWS] = band as u64;
        for (row, min) in minima[..ROWS].iter_mut().enumerate() {
            let seed = ((band * ROWS + row) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            for &word in set {
                let h = (word ^ seed).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                *min = (*min).min(h ^ (h >> 31));
            }
        }
        let bytes: Vec<u8> = minima.iter().flat_map(|m| m.to_le_bytes()).collect();
        *key = hash_bytes(&bytes);
    }
    keys
}

impl WordSets {
    pub fn new(count: usize) -> WordSets {
        WordSets { sets: vec![Vec::new(); count] }
    }

    pub fn set(&mut self, tweet: usize, words: Vec<u64>) {
        self.sets[tweet] = words;
    }

    /// Whether two tweets' texts reach `threshold`.
    pub fn similar(&self, a: u32, b: u32, threshold: f64) -> bool {
        jaccard(&self.sets[a as usize], &self.sets[b as usize]) >= threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_word_sets() {
        let a = word_set("vote now for the people");
        let b = word_set("vote now for the people!");
        let c = word_set("vote now for people today");
        assert_eq!(jaccard(&a, &b), 1.0);
        assert_eq!(jaccard(&a, &c), 4.0 / 6.0);
        assert_eq!(jaccard(&a, &[]), 0.0);
        assert_eq!(word_set("กองทัพบก ไทย"), word_set("ไทย กองทัพบก"));
    }

    #[test]
    fn similar_sets_share_a_band_and_different_ones_rarely_do() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let base = word_set(&words[..20].join(" "));
        // 19 of 20 words kept and one new: J = 19/21 ≈ 0.9.
        let near = word_set(&[&words[..19], &words[25..26]].concat().join(" "));
        let far = word_set(&words[20..40].join(" "));
        let shared = |a: &[u64], b: &[u64]| band_keys(a).iter().zip(band_keys(b)).filter(|(x, y)| **x == *y).count();
        assert!(shared(&base, &near) > 0);
        assert_eq!(shared(&base, &far), 0);
    }
}
