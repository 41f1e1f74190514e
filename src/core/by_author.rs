//! Each account's tweets in time order, packed with what the account table
//! counts of them, so that the table for a date range reads only the tweets
//! in the range: two binary searches an account and a scan of its tweets in
//! it, where the columns would be a pass over every row of the campaign.

use crate::core::store::{FxMap, Store, TweetKind};
use crate::core::time::Range;

/// An account's figures over a range, from its tweets in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorFigures {
    pub tweets: u64,
    pub retweets: u64,
    /// Minutes since 1970 of the first and the last tweet.
    pub first: u32,
    pub last: u32,
    /// The language and the client of most of the tweets; of equals, the one
    /// interned first.
    pub language: u32,
    pub client: u32,
}

pub struct ByAuthor {
    /// The accounts with tweets, ascending, each with where its entries
    /// start; the next account's start ends them.
    authors: Vec<(u32, usize)>,
    /// A tweet each, grouped by account and in time order within one: its
    /// time in the high 32 bits, then [`RETWEET`], then the index of its
    /// language and client in `pairs`.
    entries: Vec<u64>,
    pairs: Vec<(u32, u32)>,
}

const RETWEET: u64 = 1 << 31;
const PAIR: u64 = RETWEET - 1;

impl ByAuthor {
    /// Two passes over the columns (count by account, then place), then a
    /// sort of each account's few thousand entries.
    pub fn new(store: &Store) -> ByAuthor {
        Building::new(store).finish(store)
    }

    fn span(&self, a: usize) -> std::ops::Range<usize> {
        let end = self.authors.get(a + 1).map_or(self.entries.len(), |&(_, start)| start);
        self.authors[a].1..end
    }

    /// How many accounts have a tweet in `range` (or at all).
    pub fn active_in(&self, range: Option<Range>) -> u64 {
        let Some(range) = range else { return self.authors.len() as u64 };
        let active = |a: usize| {
            let all = &self.entries[self.span(a)];
            let from = all.partition_point(|&e| ((e >> 32) as u32) < range.from);
            all.get(from).is_some_and(|&e| ((e >> 32) as u32) < range.to)
        };
        (0..self.authors.len()).filter(|&a| active(a)).count() as u64
    }

    /// Each account with a tweet in `range` (or at all), ascending, with its figures.
    pub fn figures(&self, range: Option<Range>) -> Vec<(u32, AuthorFigures)> {
        // Per pair, the tweets counted of the account in hand; `seen` lists
        // the pairs to read and reset after it.
        let mut counts = vec![0u64; self.pairs.len()];
        let mut seen: Vec<usize> = Vec::new();
        let mut out = Vec::with_capacity(self.authors.len());
        for (a, &(author, _)) in self.authors.iter().enumerate() {
            let all = &self.entries[self.span(a)];
            let within = match range {
                Some(r) => {
                    let from = all.partition_point(|&e| ((e >> 32) as u32) < r.from);
                    let to = all.partition_point(|&e| ((e >> 32) as u32) < r.to);
                    &all[from..to]
                }
                None => all,
            };
            let (Some(&first), Some(&last)) = (within.first(), within.last()) else { continue };
            let mut retweets = 0;
            for &entry in within {
                retweets += (entry & RETWEET != 0) as u64;
                let pair = (entry & PAIR) as usize;
                if counts[pair] == 0 {
                    seen.push(pair);
                }
                counts[pair] += 1;
            }
            let mut languages: FxMap<u32, u64> = FxMap::default();
            let mut clients: FxMap<u32, u64> = FxMap::default();
            for pair in seen.drain(..) {
                let (language, client) = self.pairs[pair];
                *languages.entry(language).or_default() += counts[pair];
                *clients.entry(client).or_default() += counts[pair];
                counts[pair] = 0;
            }
            out.push((
                author,
                AuthorFigures {
                    tweets: within.len() as u64,
                    retweets,
                    first: (first >> 32) as u32,
                    last: (last >> 32) as u32,
                    language: most(languages),
                    client: most(clients),
                },
            ));
        }
        out
    }
}

/// A [`ByAuthor`] built in steps, so that the worker can answer between
/// them: the tweets placed by account, then each account's sorted.
pub struct Building {
    index: ByAuthor,
    /// Where each account's next tweet goes.
    at: Vec<usize>,
    /// Each (language, client) pair's place in the index's `pairs`.
    pair_of: FxMap<(u32, u32), u64>,
    /// Rows placed so far; once all are, the accounts are sorted.
    rows: usize,
    /// Accounts whose tweets are sorted so far.
    sorted: usize,
}

impl Building {
    /// The count by account, in one pass over the authors.
    pub fn new(store: &Store) -> Building {
        let at = bucket_starts(store.users().len(), store.authors().iter().map(|&a| a as usize));
        let authors = (0..store.users().len()).filter(|&u| at[u + 1] > at[u]).map(|u| (u as u32, at[u])).collect();
        let index = ByAuthor { authors, entries: vec![0; store.len()], pairs: Vec::new() };
        Building { index, at, pair_of: FxMap::default(), rows: 0, sorted: 0 }
    }

    /// Places about `work` rows, or sorts the accounts of about as many;
    /// `false` once built.
    pub fn step(&mut self, store: &Store, work: usize) -> bool {
        let index = &mut self.index;
        if self.rows < store.len() {
            let end = store.len().min(self.rows.saturating_add(work));
            for i in self.rows..end {
                let pair = (store.lang(i), store.client(i));
                let pair = *self.pair_of.entry(pair).or_insert_with(|| {
                    index.pairs.push(pair);
                    index.pairs.len() as u64 - 1
                });
                let retweet = if store.kind(i) == TweetKind::Retweet { RETWEET } else { 0 };
                let at = &mut self.at[store.author(i) as usize];
                index.entries[*at] = u64::from(store.time(i)) << 32 | retweet | pair;
                *at += 1;
            }
            self.rows = end;
            return true;
        }
        let mut done = 0;
        while self.sorted < index.authors.len() && done < work {
            let span = index.span(self.sorted);
            done += span.len() + 1;
            index.entries[span].sort_unstable();
            self.sorted += 1;
        }
        self.sorted < index.authors.len()
    }

    /// The index, built to the end.
    pub fn finish(mut self, store: &Store) -> ByAuthor {
        while self.step(store, usize::MAX) {}
        self.index
    }
}

/// A counting sort's offsets: where each bucket starts once `keys` (each
/// below `buckets`) are placed in the order of their buckets, and one more
/// entry that ends the last.
pub(crate) fn bucket_starts(buckets: usize, keys: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0usize; buckets + 1];
    keys.for_each(|key| starts[key + 1] += 1);
    for bucket in 1..starts.len() {
        starts[bucket] += starts[bucket - 1];
    }
    starts
}

/// The value counted most; of equals, the smallest.
fn most(counts: FxMap<u32, u64>) -> u32 {
    counts.into_iter().map(|(value, n)| (std::cmp::Reverse(n), value)).min().map_or(0, |(_, value)| value)
}
