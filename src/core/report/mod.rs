//! The takedown report of one campaign: who the accounts are, when they were
//! made, how long they waited to tweet, how they were followed and engaged
//! with, what their profiles give away and which hashtags burst. Every figure is
//! a plain value (serde), small enough to send to the page whole.
//!
//! Times are UTC throughout: tweet times are minutes since 1970, account
//! creation dates whole days, and a week starts on its ISO Monday.

mod activity;
mod bursts;
mod creation;
mod profile;
pub mod tables;

pub use activity::{engagement, follow_bins, lag_bins, Engagement, EngagementStats, LogBin, LAG_BINS};
pub use bursts::{hashtag_bursts, Burst, Bursts, BURST_FACTOR, BURST_LIST, BURST_MIN_TWEETS};
pub use creation::{batch_rule, creations, Batch, BatchRule, Creations, BATCH_FACTOR, BATCH_MIN_ACCOUNTS};
pub use profile::{profile_signals, Signal, SignalKind};

use crate::core::campaign::Campaign;
use crate::core::store::FxMap;
use crate::core::summary::Keys;
use crate::core::time;
use serde::{Deserialize, Serialize};

/// The headline figures of a campaign, as `summary` counts them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    pub name: String,
    /// Accounts: users with a profile (a users-file row, or a tweet of theirs).
    pub accounts: u64,
    /// Accounts with at least one tweet in the files.
    pub accounts_with_tweets: u64,
    /// Tweets, each counted once (duplicates across files are already dropped).
    pub tweets: u64,
    /// Tweets per account that tweeted (accounts without tweets left out).
    pub mean_tweets_per_account: f64,
    pub median_tweets_per_account: f64,
    /// `YYYY-MM-DD HH:MM`, UTC.
    pub first_tweet: Option<String>,
    pub last_tweet: Option<String>,
}

/// Everything the report says about one campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub headline: Headline,
    pub creations: Creations,
    /// Accounts by the time from their creation day to their first tweet ([`LAG_BINS`]).
    pub first_tweet_lag: Vec<(String, u64)>,
    /// Accounts by follower count and by following count, in decades.
    pub followers: Vec<LogBin>,
    pub following: Vec<LogBin>,
    pub engagement: Engagement,
    pub signals: Vec<Signal>,
    pub bursts: Bursts,
}

/// The whole report of a campaign: a few passes over its tweets and profiles.
pub fn report(campaign: &Campaign) -> Report {
    report_with(campaign, &Keys::new(&campaign.store))
}

/// [`report`], with the keys the campaign's summaries count by, where they are at hand.
pub fn report_with(campaign: &Campaign, keys: &Keys) -> Report {
    let store = &campaign.store;
    Report {
        headline: headline(campaign),
        creations: creations(store),
        first_tweet_lag: lag_bins(store),
        followers: follow_bins(store.profiles().values().map(|p| p.followers)),
        following: follow_bins(store.profiles().values().map(|p| p.following)),
        engagement: engagement(store),
        signals: profile_signals(store),
        bursts: hashtag_bursts(store, keys),
    }
}

/// Tweets per author, by interned user id.
pub(crate) fn tweets_per_author(campaign: &Campaign) -> FxMap<u32, u64> {
    let mut counts: FxMap<u32, u64> = FxMap::default();
    for &author in campaign.store.authors() {
        *counts.entry(author).or_default() += 1;
    }
    counts
}

pub fn headline(campaign: &Campaign) -> Headline {
    let store = &campaign.store;
    let mut per_account: Vec<u64> = tweets_per_author(campaign).into_values().collect();
    per_account.sort_unstable();
    let tweets = store.len() as u64;
    let with_tweets = per_account.len() as u64;
    Headline {
        name: campaign.name.clone(),
        accounts: store.profiles().len() as u64,
        accounts_with_tweets: with_tweets,
        tweets,
        mean_tweets_per_account: if with_tweets == 0 { 0.0 } else { tweets as f64 / with_tweets as f64 },
        median_tweets_per_account: median_sorted(&per_account),
        first_tweet: store.times().iter().min().map(|&t| time::format_minutes(t)),
        last_tweet: store.times().iter().max().map(|&t| time::format_minutes(t)),
    }
}

/// The median of sorted values: the middle one, or the mean of the middle two; 0 for none.
pub fn median_sorted(sorted: &[u64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2] as f64,
        n => (sorted[n / 2 - 1] as f64 + sorted[n / 2] as f64) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_no_values() {
        assert_eq!(median_sorted(&[]), 0.0);
        assert_eq!(median_sorted(&[1, 5, 9]), 5.0);
        assert_eq!(median_sorted(&[1, 2, 4, 9]), 3.0);
    }
}
