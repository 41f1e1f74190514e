//! How accounts were used once made: the wait from creation to the first
//! tweet, followers and following in decades, and the engagement tweets drew.

use crate::core::store::{FxMap, Store};
use serde::{Deserialize, Serialize};

const DAY: i64 = 1440;

/// The bins of [`lag_bins`], in order: the lag from the start (00:00 UTC) of
/// the account's creation day to its first tweet; `1–7 days` is 1 day or
/// more and under 7, and so on.
pub const LAG_BINS: [&str; 8] =
    ["< 1 day", "1–7 days", "7–30 days", "30–90 days", "90–365 days", "≥ 1 year", "never tweeted", "no creation date"];

/// Upper bounds (excluded), in days, of the first six bins.
const LAG_BOUNDS: [i64; 5] = [1, 7, 30, 90, 365];

/// Every account once, in the bin of [`LAG_BINS`] its first tweet falls in:
/// accounts without a tweet in the files are `never tweeted`, and those with
/// tweets but no creation date `no creation date`. A first tweet dated before
/// the creation day (inconsistent files) counts as `< 1 day`.
pub fn lag_bins(store: &Store) -> Vec<(String, u64)> {
    let mut first: FxMap<u32, u32> = FxMap::default();
    for (&author, &t) in store.authors().iter().zip(store.times()) {
        let at = first.entry(author).or_insert(t);
        *at = (*at).min(t);
    }
    let mut counts = [0u64; LAG_BINS.len()];
    for (user, profile) in store.profiles() {
        let bin = match (first.get(user), profile.created) {
            (None, _) => 6,
            (Some(_), None) => 7,
            (Some(&t), Some(day)) => {
                let lag = i64::from(t) - i64::from(day) * DAY;
                LAG_BOUNDS.iter().position(|&bound| lag < bound * DAY).unwrap_or(5)
            }
        };
        counts[bin] += 1;
    }
    LAG_BINS.iter().zip(counts).map(|(label, n)| (label.to_string(), n)).collect()
}

/// Accounts whose count is in `low..=high`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogBin {
    /// `0`, `1–9`, `10–99`, `100–999`, …
    pub label: String,
    pub low: u64,
    pub high: u64,
    pub accounts: u64,
}

/// Counts (followers or following, one per account, as the release gives
/// them) in decades: `0`, `1–9`, `10–99`, … up to the decade of the largest,
/// the empty decades between included so that the bins read as an axis.
pub fn follow_bins(counts: impl IntoIterator<Item = u32>) -> Vec<LogBin> {
    let mut bins: Vec<LogBin> = vec![LogBin { label: "0".into(), low: 0, high: 0, accounts: 0 }];
    for n in counts.into_iter().map(u64::from) {
        // Bin 0 holds 0, bin d ≥ 1 holds 10^(d-1) ..= 10^d - 1.
        let bin = if n == 0 { 0 } else { n.ilog10() as usize + 1 };
        while bins.len() <= bin {
            let low = 10u64.pow(bins.len() as u32 - 1);
            let high = low * 10 - 1;
            bins.push(LogBin { label: format!("{low}–{high}"), low, high, accounts: 0 });
        }
        bins[bin].accounts += 1;
    }
    bins
}

/// One engagement count over the tweets that carry counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EngagementStats {
    pub mean: f64,
    pub median: f64,
    pub max: u64,
    /// Tweets with 0, over the tweets with counts (0 to 1; 0 when none have counts).
    pub zero_share: f64,
}

/// Engagement per tweet, as the release counted it when it was made (the
/// `like_count`, `retweet_count`, `reply_count` and `quote_count` columns),
/// each tweet once. Tweets of files without those columns (FiveThirtyEight's)
/// are counted in `tweets_without_counts` and left out of the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engagement {
    pub tweets_with_counts: u64,
    pub tweets_without_counts: u64,
    pub likes: EngagementStats,
    pub retweets: EngagementStats,
    pub replies: EngagementStats,
    pub quotes: EngagementStats,
}

fn stats(mut values: Vec<u64>) -> EngagementStats {
    values.sort_unstable();
    let n = values.len();
    let share = |count: usize| if n == 0 { 0.0 } else { count as f64 / n as f64 };
    EngagementStats {
        mean: if n == 0 { 0.0 } else { values.iter().sum::<u64>() as f64 / n as f64 },
        median: super::median_sorted(&values),
        max: values.last().copied().unwrap_or(0),
        zero_share: share(values.partition_point(|&v| v == 0)),
    }
}

pub fn engagement(store: &Store) -> Engagement {
    let mut columns: [Vec<u64>; 4] = Default::default();
    for counts in (0..store.len()).filter_map(|i| store.engagement(i)) {
        for (column, n) in columns.iter_mut().zip(counts) {
            column.push(u64::from(n));
        }
    }
    let with = columns[0].len() as u64;
    let [likes, retweets, replies, quotes] = columns.map(stats);
    Engagement {
        tweets_with_counts: with,
        tweets_without_counts: store.len() as u64 - with,
        likes,
        retweets,
        replies,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_from_zero_up_to_the_largest() {
        // 0 → "0"; 1 and 9 → "1–9"; 10 → "10–99"; 1 000 → "1000–9999", with "100–999" empty.
        let bins = follow_bins([0, 1, 9, 10, 1_000]);
        let got: Vec<(&str, u64)> = bins.iter().map(|b| (b.label.as_str(), b.accounts)).collect();
        assert_eq!(got, [("0", 1), ("1–9", 2), ("10–99", 1), ("100–999", 0), ("1000–9999", 1)]);
        assert_eq!((bins[4].low, bins[4].high), (1_000, 9_999));
        assert_eq!(follow_bins([u32::MAX]).last().map(|b| b.low), Some(1_000_000_000));
    }

    #[test]
    fn engagement_figures_of_a_few_values() {
        // 0, 0, 2, 10: mean 3, median (0 + 2) / 2 = 1, max 10, half of them zero.
        let s = stats(vec![10, 0, 2, 0]);
        assert_eq!((s.mean, s.median, s.max, s.zero_share), (3.0, 1.0, 10, 0.5));
        assert_eq!(stats(Vec::new()).zero_share, 0.0);
    }
}
