//! Co-action networks: which accounts did the same thing within a time window
//! of each other — retweeted the same tweet, posted the same text, shared the
//! same link, replied to the same tweet, used the same hashtag, mentioned the
//! same account, or merely posted (the baseline chance alone gives).
//!
//! The directed weights follow the Coordination Network Toolkit (QUT Digital
//! Observatory), so that results can be checked against it: the weight from A
//! to B is the number of A's distinct tweets for which B has a tweet with the
//! same key within the window (|Δt| ≤ window seconds, both ends included);
//! pairs of an account with itself are dropped. The archives give times to the
//! minute, so a window under 60 s means the same minute, and 60 s the same or
//! an adjacent minute.
//!
//! A network is computed over a [`Pool`]: one campaign's tweets, or several
//! campaigns' as one, an account being one across them by its user id, so
//! that accounts of one campaign acting with those of another show.
//!
//! The work is one pass over the tweets for their (key, time) events, a sort
//! of each key's events by time, and one sliding window over them; [`Job`]
//! does it a step at a time for the page, [`network`] at once. A key shared
//! by very many tweets at once (a viral tweet, `#news`) makes pairs quadratic
//! in how many fall in one window: keys with more events than a cap within
//! one window are left out and reported, and the cap can be lifted.

mod community;
mod events;
pub mod graph;
mod job;
mod keys;
mod layout;
mod overview;
mod pool;
mod profile;
mod similar;

pub use community::{groups, Groups};
pub use job::{Job, Progress, Stage};
pub use keys::{normalise_text, Kind};
pub use layout::Layout;
pub use overview::{evidence_rows, overview, EdgeRow, EvidenceRow, EvidenceTweet, MonthRow, NodeRow, Overview};
pub use pool::Pool;
pub use profile::{profiles, CommunityProfile};

use crate::core::store::FxMap;
use crate::core::time::Range;
use job::Scan;
use serde::{Deserialize, Serialize};

/// What a network is computed with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub kind: Kind,
    /// Seconds either side of a tweet.
    pub window: u32,
    /// The least weight, in either direction, that makes a pair an edge.
    pub min_weight: u32,
    /// Keys with more events than this within one window are left out;
    /// `None` keeps every key.
    pub max_group: Option<usize>,
    /// Only tweets in this range take part.
    pub range: Option<Range>,
    /// Only pairs whose stronger direction reaches this percentile (0–100)
    /// of all pairs' weights are edges, besides `min_weight` (CooRnet's 90th).
    pub percentile: Option<f64>,
    /// co_similar's least Jaccard index of two texts' word sets.
    pub similarity: f64,
}

impl Settings {
    /// A kind's network with the defaults of the CLI and the page.
    pub fn new(kind: Kind) -> Settings {
        Settings {
            kind,
            window: 60,
            min_weight: 2,
            max_group: Some(MAX_GROUP),
            range: None,
            percentile: None,
            similarity: 0.8,
        }
    }
}

/// The default cap on a key's events within one window (BENCHMARKS.md): more
/// accounts than this acting on one key in the same minute or two is a viral
/// tweet or a generic tag rather than a coordinated group, and its pairs alone
/// would outnumber all the others.
pub const MAX_GROUP: usize = 1_000;

/// One account's action: a key, when, by whom, in which tweet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Event {
    pub(crate) key: u64,
    /// Seconds since 1970.
    pub(crate) time: u32,
    pub(crate) user: u32,
    pub(crate) tweet: u32,
}

/// A key left out because more of its events than the cap fell in one window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CappedKey {
    /// The shared tweet id, text, URL, tag or account, as the files write it.
    pub key: String,
    /// All its events, and the most in one window.
    pub events: usize,
    pub in_one_window: usize,
}

/// The most events of one key (sorted by time) that lie within one window.
fn most_in_one_window(group: &[Event], window: u32) -> usize {
    let mut lo = 0;
    let mut most = 0;
    for (hi, e) in group.iter().enumerate() {
        while group[lo].time.saturating_add(window) < e.time {
            lo += 1;
        }
        most = most.max(hi + 1 - lo);
    }
    most
}

/// An unordered pair of accounts and what links them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PairStats {
    /// Directed weights: from the lower user id to the higher, and back.
    pub forward: u32,
    pub backward: u32,
    /// Pairs of tweets behind the edge, and their time apart in seconds.
    pub pairs: u64,
    pub total_dt: u64,
    pub min_dt: u32,
}

impl PairStats {
    pub fn mean_dt(&self) -> f64 {
        if self.pairs == 0 {
            0.0
        } else {
            self.total_dt as f64 / self.pairs as f64
        }
    }

    /// CooRTweet's symmetry: the smaller direction's weight over the larger's.
    pub fn symmetry(&self) -> f64 {
        let (low, high) = (self.forward.min(self.backward), self.forward.max(self.backward));
        if high == 0 {
            0.0
        } else {
            f64::from(low) / f64::from(high)
        }
    }
}

/// A co-action network of one campaign or a pool, by the pool's account numbers.
pub struct Network {
    pub settings: Settings,
    /// Unordered pairs `(lower, higher)` of interned user ids.
    pairs: FxMap<(u32, u32), PairStats>,
    pub capped: Vec<CappedKey>,
}

impl Network {
    /// The least weight an edge needs: `min_weight`, or the percentile's
    /// weight among all pairs' stronger directions where that is more.
    pub fn threshold(&self) -> u32 {
        let least = self.settings.min_weight.max(1);
        let Some(p) = self.settings.percentile.filter(|_| !self.pairs.is_empty()) else { return least };
        let mut weights: Vec<u32> = self.pairs.values().map(|s| s.forward.max(s.backward)).collect();
        weights.sort_unstable();
        let at = ((p.clamp(0.0, 100.0) / 100.0) * (weights.len() - 1) as f64).round() as usize;
        least.max(weights[at])
    }

    /// Every directed weight of at least the threshold: `(source, target, weight)`.
    pub fn directed(&self) -> Vec<(u32, u32, u32)> {
        let most = self.threshold();
        let mut out: Vec<(u32, u32, u32)> = self
            .pairs
            .iter()
            .flat_map(|(&(a, b), s)| [(a, b, s.forward), (b, a, s.backward)])
            .filter(|&(_, _, w)| w >= most)
            .collect();
        out.sort_unstable();
        out
    }

    /// The pairs where either direction reaches the minimum weight, by user ids.
    pub fn undirected(&self) -> Vec<((u32, u32), PairStats)> {
        let most = self.threshold();
        let mut out: Vec<((u32, u32), PairStats)> =
            self.pairs.iter().filter(|(_, s)| s.forward.max(s.backward) >= most).map(|(&p, &s)| (p, s)).collect();
        out.sort_unstable_by_key(|&(p, _)| p);
        out
    }
}

/// A pair of tweets behind an edge, by the pool's numbers, and how far apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidencePair {
    pub source_tweet: u32,
    pub target_tweet: u32,
    pub dt: u32,
    /// What the two share, as the files write it (keys joined by `, ` where
    /// the pair shares several URLs, tags or accounts).
    pub key: String,
}

/// The network of `settings` over a pool's tweets, all at once ([`Job`] runs
/// it a step at a time).
pub fn network(pool: &Pool, settings: Settings) -> Network {
    Job::run(pool, settings)
}

/// Which tweets (by the pool's numbers) have a partner tweet, within the
/// window and with the same key, by an account they share one of `edges` with.
pub fn coordinated_tweets(pool: &Pool, settings: Settings, edges: &[((u32, u32), PairStats)]) -> Vec<bool> {
    let (events, names) = keys::events(pool, settings.kind, settings.range, None);
    let edge: FxMap<(u32, u32), ()> = edges.iter().map(|&(p, _)| (p, ())).collect();
    let mut marked = vec![false; pool.len()];
    let similar = |a: u32, b: u32| names.alike(a, b, settings.similarity);
    Scan::all(
        &events,
        settings,
        |_, _| {},
        |e, other, _| {
            if similar(e.tweet, other.tweet) && edge.contains_key(&(e.user.min(other.user), e.user.max(other.user))) {
                marked[e.tweet as usize] = true;
            }
        },
    );
    marked
}

/// Every pair of tweets (by the pool's numbers) behind the edge between
/// accounts `a` and `b` of `network`, `a`'s first: the keys it left out give
/// none.
pub fn evidence(pool: &Pool, network: &Network, a: u32, b: u32) -> Vec<EvidencePair> {
    let settings = network.settings;
    let (events, names) = keys::events(pool, settings.kind, settings.range, Some((a, b)));
    let capped: std::collections::HashSet<&str> = network.capped.iter().map(|c| c.key.as_str()).collect();
    let mut out = Vec::new();
    for group in events.groups() {
        if !capped.is_empty() && capped.contains(names.describe(pool, &group[0]).as_str()) {
            continue;
        }
        let mut key = None;
        for x in group.iter().filter(|x| x.user == a) {
            for y in group.iter().filter(|y| y.user == b) {
                let dt = x.time.abs_diff(y.time);
                let similar = names.alike(x.tweet, y.tweet, settings.similarity);
                if dt <= settings.window && similar {
                    let key = key.get_or_insert_with(|| names.describe(pool, x)).clone();
                    out.push(EvidencePair { source_tweet: x.tweet, target_tweet: y.tweet, dt, key });
                }
            }
        }
    }
    out.sort_by(|p, q| (p.source_tweet, p.target_tweet, &p.key).cmp(&(q.source_tweet, q.target_tweet, &q.key)));
    out.dedup_by(|later, kept| {
        let same = (later.source_tweet, later.target_tweet) == (kept.source_tweet, kept.target_tweet);
        if same && later.key != kept.key {
            kept.key = format!("{}, {}", kept.key, later.key);
        }
        same
    });
    out
}

#[cfg(test)]
mod tests;
