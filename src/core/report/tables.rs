//! The report's figures as tables: the page draws its charts and lists from
//! them and saves them as CSV, so that a chart and its file cannot differ.

use super::{Batch, Bursts, Engagement, LogBin, Signal};
use crate::core::csv_text::csv_field;
use crate::core::time;
use std::collections::BTreeMap;

/// Rows of text under named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Per column: whether it holds text people wrote (a hashtag), which a
    /// spreadsheet must not run as a formula; ids and figures stay exact.
    written: Vec<bool>,
}

impl Table {
    fn new(columns: &[(&'static str, bool)]) -> Table {
        Table {
            columns: columns.iter().map(|(name, _)| *name).collect(),
            rows: Vec::new(),
            written: columns.iter().map(|(_, written)| *written).collect(),
        }
    }

    /// CSV with a UTF-8 byte order mark first, as the account and tweet
    /// exports have, so that spreadsheets read Thai or Arabic hashtags as such.
    pub fn csv(&self) -> String {
        let mut out = format!("\u{FEFF}{}\n", self.columns.join(","));
        for row in &self.rows {
            let fields: Vec<String> =
                row.iter().zip(&self.written).map(|(value, &written)| csv_field(value, written)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }
}

/// Every day (`step` 1) or week (`step` 7, keyed by Monday) from the first
/// key to the last, those without creations as 0, so that a bar chart's
/// axis is time; keys that are not `YYYY-MM-DD` are skipped.
pub fn continuous_days(counts: &BTreeMap<String, u64>, step: i32) -> Vec<(String, u64)> {
    let days: Vec<(i32, u64)> =
        counts.iter().filter_map(|(key, &n)| Some((time::parse_date(key.as_bytes())?, n))).collect();
    let (Some(&(first, _)), Some(&(last, _))) = (days.first(), days.last()) else {
        return Vec::new();
    };
    let by_day: BTreeMap<i32, u64> = days.into_iter().collect();
    (first..=last)
        .step_by(step.max(1) as usize)
        .map(|day| (time::format_day(day), by_day.get(&day).copied().unwrap_or(0)))
        .collect()
}

/// `(label, count)` points under two columns.
pub fn points_table(key: &'static str, value: &'static str, points: &[(String, u64)]) -> Table {
    let mut table = Table::new(&[(key, false), (value, false)]);
    table.rows = points.iter().map(|(label, n)| vec![label.clone(), n.to_string()]).collect();
    table
}

/// Batches with their ranges and every account id, separated by spaces.
pub fn batches_table(batches: &[Batch]) -> Table {
    let mut table = Table::new(&[
        ("first", false),
        ("last", false),
        ("periods", false),
        ("accounts", false),
        ("peak", false),
        ("peak_accounts", false),
        ("userids", false),
    ]);
    table.rows = batches
        .iter()
        .map(|b| {
            vec![
                b.first.clone(),
                b.last.clone(),
                b.periods.to_string(),
                b.accounts.to_string(),
                b.peak.clone(),
                b.peak_accounts.to_string(),
                b.ids.join(" "),
            ]
        })
        .collect();
    table
}

/// Decades with their bounds, both included.
pub fn bins_table(bins: &[LogBin]) -> Table {
    let mut table = Table::new(&[("bin", false), ("low", false), ("high", false), ("accounts", false)]);
    table.rows = bins
        .iter()
        .map(|b| vec![b.label.clone(), b.low.to_string(), b.high.to_string(), b.accounts.to_string()])
        .collect();
    table
}

pub fn engagement_table(e: &Engagement) -> Table {
    let mut table =
        Table::new(&[("count", false), ("mean", false), ("median", false), ("max", false), ("zero_share", false)]);
    table.rows = [("likes", &e.likes), ("retweets", &e.retweets), ("replies", &e.replies), ("quotes", &e.quotes)]
        .into_iter()
        .map(|(name, s)| {
            vec![
                name.into(),
                format!("{:.4}", s.mean),
                s.median.to_string(),
                s.max.to_string(),
                format!("{:.4}", s.zero_share),
            ]
        })
        .collect();
    table
}

/// Each signal by its wire name, how many accounts it was judged on and has, and their ids.
pub fn signals_table(signals: &[Signal], name: impl Fn(&Signal) -> String) -> Table {
    let mut table = Table::new(&[("signal", false), ("judged", false), ("accounts", false), ("userids", false)]);
    table.rows =
        signals.iter().map(|s| vec![name(s), s.judged.to_string(), s.accounts.to_string(), s.ids.join(" ")]).collect();
    table
}

pub fn bursts_table(b: &Bursts) -> Table {
    let mut table = Table::new(&[
        ("hashtag", true),
        ("week", false),
        ("tweets", false),
        ("baseline", false),
        ("previous_weeks", false),
    ]);
    table.rows = b
        .bursts
        .iter()
        .map(|b| {
            vec![
                b.hashtag.clone(),
                b.week.clone(),
                b.tweets.to_string(),
                b.baseline.to_string(),
                b.previous_weeks.to_string(),
            ]
        })
        .collect();
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::report::Burst;

    #[test]
    fn days_and_weeks_run_without_gaps_from_the_first_to_the_last() {
        let counts: BTreeMap<String, u64> = [("2019-12-30", 2), ("2020-01-02", 5)].map(|(k, n)| (k.into(), n)).into();
        let days: Vec<String> = continuous_days(&counts, 1).into_iter().map(|(k, n)| format!("{k}={n}")).collect();
        assert_eq!(days, ["2019-12-30=2", "2019-12-31=0", "2020-01-01=0", "2020-01-02=5"]);
        // Mondays 2019-12-02 and 2019-12-23: the two weeks between them are empty.
        let weeks: BTreeMap<String, u64> = [("2019-12-02", 1), ("2019-12-23", 3)].map(|(k, n)| (k.into(), n)).into();
        let labels: Vec<String> = continuous_days(&weeks, 7).into_iter().map(|(k, n)| format!("{k}={n}")).collect();
        assert_eq!(labels, ["2019-12-02=1", "2019-12-09=0", "2019-12-16=0", "2019-12-23=3"]);
        assert!(continuous_days(&BTreeMap::new(), 1).is_empty());
    }

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_guards_only_written_text() {
        let bursts = Bursts {
            min_tweets: 10,
            factor: 5,
            total: 1,
            bursts: vec![Burst {
                hashtag: "=cmd".into(),
                week: "2020-01-06".into(),
                tweets: 12,
                baseline: 1.5,
                previous_weeks: 3,
            }],
        };
        assert_eq!(
            bursts_table(&bursts).csv(),
            "\u{FEFF}hashtag,week,tweets,baseline,previous_weeks\n\"'=cmd\",\"2020-01-06\",\"12\",\"1.5\",\"3\"\n"
        );
        // A hashed id may start with `+`: it stays as the release wrote it.
        let batch = Batch {
            first: "2019-12-06".into(),
            last: "2019-12-07".into(),
            periods: 2,
            accounts: 2,
            peak: "2019-12-06".into(),
            peak_accounts: 1,
            ids: vec!["+abc=".into(), "def=".into()],
        };
        assert!(batches_table(&[batch]).csv().ends_with(",\"+abc= def=\"\n"));
    }
}
