//! Hashtag bursts: weeks in which a hashtag was used far more than in the
//! weeks before.

use crate::core::store::{Entity, FxMap, Store};
use crate::core::summary::Keys;
use crate::core::time;
use serde::{Deserialize, Serialize};

/// A burst week has at least this many tweets with the hashtag …
pub const BURST_MIN_TWEETS: u64 = 10;
/// … and at least this many times the median of the hashtag's earlier weeks.
pub const BURST_FACTOR: u64 = 5;
/// How many bursts the report lists, the largest first.
pub const BURST_LIST: usize = 200;

/// One week of one hashtag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Burst {
    /// As the summary's top list shows it: its first spelling, lowercased.
    pub hashtag: String,
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub tweets: u64,
    /// The median of the hashtag's weekly tweets over `previous_weeks`.
    pub baseline: f64,
    /// Weeks from the hashtag's first week up to this one, this one excluded.
    pub previous_weeks: u64,
}

/// The bursts found and the rule they met, shown with them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bursts {
    pub min_tweets: u64,
    pub factor: u64,
    /// Bursts found; `bursts` lists the first [`BURST_LIST`].
    pub total: u64,
    pub bursts: Vec<Burst>,
}

/// A week is a burst of a hashtag when the tweets carrying it (each tweet once,
/// however often it repeats the tag; tags compared case-folded) number at
/// least [`BURST_MIN_TWEETS`] and at least [`BURST_FACTOR`] times the median of
/// the hashtag's weekly tweets in every earlier week since its first, weeks
/// without it included as 0. A hashtag's first week has no earlier weeks and a
/// median of 0, so it bursts if it starts with 10 tweets or more; a tag in
/// steady use does not burst until it jumps fivefold. Sorted by tweets, most
/// first, then by hashtag and week.
pub fn hashtag_bursts(store: &Store, keys: &Keys) -> Bursts {
    let mut weekly: FxMap<u32, FxMap<i32, u64>> = FxMap::default();
    let mut seen: Vec<u32> = Vec::new();
    for i in 0..store.len() {
        seen.clear();
        for entity in store.entities(i) {
            if let Entity::Hashtag(id) = entity {
                let key = keys.hashtag(id);
                if !seen.contains(&key) {
                    seen.push(key);
                }
            }
        }
        let week = time::week_start((store.time(i) / 1440) as i32);
        for &key in &seen {
            *weekly.entry(key).or_default().entry(week).or_default() += 1;
        }
    }
    let mut found: Vec<(u32, i32, u64, f64, u64)> = Vec::new();
    for (key, weeks) in weekly {
        let mut weeks: Vec<(i32, u64)> = weeks.into_iter().collect();
        weeks.sort_unstable();
        let first = weeks[0].0;
        // The counts of the earlier weeks with the tag, kept sorted; the weeks
        // without it are zeros before them.
        let mut earlier: Vec<u64> = Vec::with_capacity(weeks.len());
        for &(week, n) in &weeks {
            if n >= BURST_MIN_TWEETS {
                let previous_weeks = ((week - first) / 7) as u64;
                let baseline = median_with_zeros(&earlier, previous_weeks as usize - earlier.len());
                if n as f64 >= BURST_FACTOR as f64 * baseline {
                    found.push((key, week, n, baseline, previous_weeks));
                }
            }
            let at = earlier.partition_point(|&e| e <= n);
            earlier.insert(at, n);
        }
    }
    let mut bursts: Vec<Burst> = found
        .into_iter()
        .map(|(key, week, tweets, baseline, previous_weeks)| Burst {
            hashtag: keys.hashtag_label(store, &keys.hashtag_name(key)),
            week: time::format_day(week),
            tweets,
            baseline,
            previous_weeks,
        })
        .collect();
    bursts.sort_by(|a, b| b.tweets.cmp(&a.tweets).then_with(|| a.hashtag.cmp(&b.hashtag)).then(a.week.cmp(&b.week)));
    let total = bursts.len() as u64;
    bursts.truncate(BURST_LIST);
    Bursts { min_tweets: BURST_MIN_TWEETS, factor: BURST_FACTOR, total, bursts }
}

/// The median of `zeros` zeros followed by the sorted `sorted`.
fn median_with_zeros(sorted: &[u64], zeros: usize) -> f64 {
    let n = zeros + sorted.len();
    let at = |i: usize| if i < zeros { 0.0 } else { sorted[i - zeros] as f64 };
    match n {
        0 => 0.0,
        n if n % 2 == 1 => at(n / 2),
        n => (at(n / 2 - 1) + at(n / 2)) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_count_the_weeks_without_the_tag() {
        // 0, 0, 3, 8: (0 + 3) / 2.
        assert_eq!(median_with_zeros(&[3, 8], 2), 1.5);
        assert_eq!(median_with_zeros(&[2, 4, 6], 0), 4.0);
        assert_eq!(median_with_zeros(&[], 0), 0.0);
    }
}
