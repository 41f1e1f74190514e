//! The figures a campaign is known by: headline counts, top-N lists and timelines,
//! small enough to send to the page whole.

mod counts;
mod keys;

pub(crate) use counts::{finish, Counts};
pub use keys::{domain, domain_into, fold_tag, retweeted_name, user_label, Keys, RevealedNames};

use crate::core::campaign::Campaign;
use crate::core::error::Rejection;
use crate::core::time::Range;
use counts::scan;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long each top-N list is.
pub const TOP_N: usize = 20;

/// A ranked list: `(label, count)`, by count and then by label.
pub type Ranking = Vec<(String, u64)>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub name: String,
    pub accounts: u64,
    /// Accounts whose ids are hashes rather than Twitter's numbers.
    pub hashed_accounts: u64,
    pub accounts_with_tweets: u64,
    pub tweets: u64,
    pub originals: u64,
    pub retweets: u64,
    pub replies: u64,
    pub quotes: u64,
    pub first_tweet: Option<String>,
    pub last_tweet: Option<String>,
    pub rejected_rows: u64,
    /// The first few rejected rows: file, line and why.
    pub rejections: Vec<Rejection>,
    /// Rejected rows by kind of problem.
    pub rejected_by_kind: BTreeMap<String, u64>,
    /// Rows dropped because an earlier file already had the same tweet id.
    pub duplicate_tweets: u64,
    pub inexact_ids: u64,
    pub files: Vec<String>,
    pub top_hashtags: Ranking,
    pub top_languages: Ranking,
    pub top_clients: Ranking,
    pub top_domains: Ranking,
    pub top_mentioned: Ranking,
    pub top_retweeted: Ranking,
    pub tweets_per_day: BTreeMap<String, u64>,
    /// Keyed by the Monday that starts each week.
    pub tweets_per_week: BTreeMap<String, u64>,
    pub tweets_per_month: BTreeMap<String, u64>,
    pub account_creations_per_month: BTreeMap<String, u64>,
    /// Seven rows, Monday first, of 24 hourly counts (UTC).
    pub hour_by_weekday: Vec<[u64; 24]>,
}

/// One kind of problem among the rejected rows of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectionGroup {
    /// [`crate::core::error::Problem::name`]: `cut short`, `field count`, …
    pub kind: String,
    pub rows: u64,
    /// The first such rejection kept, as the sentence that says where and why.
    pub first: Option<String>,
}

/// Whether a rejection's file label (`a.csv`, `a.zip › a.csv`) is of the chosen file `name`.
fn of_file(label: &str, name: &str) -> bool {
    label == name || label.strip_prefix(name).is_some_and(|rest| rest.starts_with(" › "))
}

impl Summary {
    /// The headline figures as a small table for slides and spreadsheets:
    /// tab-separated, one figure a line, numbers without separators.
    pub fn figures_table(&self) -> String {
        let time = |t: &Option<String>| t.clone().unwrap_or_default();
        let rows = [
            ("Campaign", self.name.clone()),
            ("Accounts", self.accounts.to_string()),
            ("Accounts that tweeted", self.accounts_with_tweets.to_string()),
            ("Tweets", self.tweets.to_string()),
            ("Retweets", self.retweets.to_string()),
            ("Replies", self.replies.to_string()),
            ("Quotes", self.quotes.to_string()),
            ("First tweet (UTC)", time(&self.first_tweet)),
            ("Last tweet (UTC)", time(&self.last_tweet)),
            ("Rejected rows", self.rejected_rows.to_string()),
        ];
        rows.iter().map(|(label, value)| format!("{label}\t{value}\n")).collect()
    }

    /// The rejected rows of the chosen file `name`, grouped by kind, most first.
    /// Where every file of the campaign is that file, the counts are the
    /// campaign's (`rejected_by_kind`), exact; otherwise they count the
    /// rejections kept, the first few.
    pub fn rejections_of(&self, name: &str) -> Vec<RejectionGroup> {
        let kept: Vec<_> = self.rejections.iter().filter(|r| of_file(&r.file, name)).collect();
        let first = |kind: &str| kept.iter().find(|r| r.problem.name() == kind).map(|r| r.to_string());
        let exact = !self.files.is_empty() && self.files.iter().all(|f| of_file(f, name));
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        if exact {
            counts.extend(self.rejected_by_kind.iter().map(|(k, &n)| (k.as_str(), n)));
        } else {
            kept.iter().for_each(|r| *counts.entry(r.problem.name()).or_default() += 1);
        }
        let mut groups: Vec<RejectionGroup> = counts
            .into_iter()
            .filter(|&(_, rows)| rows > 0)
            .map(|(kind, rows)| RejectionGroup { kind: kind.to_string(), rows, first: first(kind) })
            .collect();
        groups.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.kind.cmp(&b.kind)));
        groups
    }
}

/// Sorts counts into a ranking of at most `n`, by count and then by label.
pub fn rank(counts: impl IntoIterator<Item = (String, u64)>, n: usize) -> Ranking {
    let mut ranked: Ranking = counts.into_iter().filter(|(_, c)| *c > 0).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(n);
    ranked
}

pub fn summarize(campaign: &Campaign) -> Summary {
    summarize_in(campaign, None, &Keys::new(&campaign.store))
}

/// The summary of the tweets in `range`, by a pass over every row; with a
/// range, `accounts` counts the accounts that tweeted in it.
pub fn summarize_in(campaign: &Campaign, range: Option<Range>, keys: &Keys) -> Summary {
    finish(campaign, range, keys, scan(&campaign.store, range, keys))
}

/// Every month from the first to the last key of a `YYYY-MM` map, empty months
/// as 0, so that a chart's x axis is even in time.
pub fn continuous_months(counts: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let parse = |key: &str| -> Option<(i32, u32)> {
        let (y, m) = key.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    let (Some(first), Some(last)) =
        (counts.keys().next().and_then(|k| parse(k)), counts.keys().last().and_then(|k| parse(k)))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        let key = format!("{year:04}-{month:02}");
        out.push((key.clone(), counts.get(&key).copied().unwrap_or(0)));
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_count_then_label() {
        let ranked = rank([("b".into(), 2), ("a".into(), 2), ("c".into(), 5), ("z".into(), 0)], 10);
        assert_eq!(ranked, vec![("c".into(), 5), ("a".into(), 2), ("b".into(), 2)]);
        assert_eq!(rank([("a".into(), 1), ("b".into(), 1)], 1).len(), 1);
    }

    #[test]
    fn fills_the_months_without_tweets() {
        let counts: BTreeMap<String, u64> = [("2019-11".to_string(), 2), ("2020-02".to_string(), 5)].into();
        let filled = continuous_months(&counts);
        let months: Vec<&str> = filled.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(months, ["2019-11", "2019-12", "2020-01", "2020-02"]);
        assert_eq!(continuous_months(&counts)[3].1, 5);
        assert!(continuous_months(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn a_rejection_is_of_the_file_chosen_or_of_a_member_of_it() {
        assert!(of_file("a.csv", "a.csv") && of_file("a.zip › a.csv", "a.zip"));
        assert!(!of_file("a.csv2", "a.csv") && !of_file("b.zip › a.zip", "a.zip") && !of_file("a.zip/x", "a.zip"));
    }
}
