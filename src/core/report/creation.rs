//! Account creations per day, ISO week and month, and the batches among them:
//! days (and weeks) on which far more accounts were made than the campaign's
//! usual rate.

use crate::core::store::Store;
use crate::core::time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A day or week is a batch when it has at least this many times the median
/// creations of the days (weeks) that have any …
pub const BATCH_FACTOR: u64 = 10;
/// … and at least this many creations whatever the median.
pub const BATCH_MIN_ACCOUNTS: u64 = 10;

/// The threshold one kind of period was held to, shown beside the batches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRule {
    /// `day` or `week`.
    pub period: String,
    /// Periods with at least one creation, and the median of their creations.
    pub active_periods: u64,
    pub median: f64,
    /// `max(BATCH_MIN_ACCOUNTS, ceil(BATCH_FACTOR × median))`.
    pub threshold: u64,
}

/// A run of consecutive days (or weeks) each at or above the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The first and last day of the run, `YYYY-MM-DD`, both included (for
    /// weeks, the Monday of the first week and the Sunday of the last).
    pub first: String,
    pub last: String,
    /// How many days (weeks) the run has.
    pub periods: u64,
    pub accounts: u64,
    /// The day (the week's Monday) with the most creations, and their number.
    pub peak: String,
    pub peak_accounts: u64,
    /// The user ids of the accounts made in the run, sorted.
    pub ids: Vec<String>,
}

/// Creations of accounts, each account counted once, on its
/// `account_creation_date` (a UTC day); accounts without a date are counted apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Creations {
    /// `YYYY-MM-DD` → accounts made that day; days without any are left out.
    pub per_day: BTreeMap<String, u64>,
    /// Keyed by the week's Monday, `YYYY-MM-DD`.
    pub per_week: BTreeMap<String, u64>,
    /// `YYYY-MM`.
    pub per_month: BTreeMap<String, u64>,
    pub without_date: u64,
    pub day_rule: BatchRule,
    pub week_rule: BatchRule,
    /// Chronological.
    pub day_batches: Vec<Batch>,
    pub week_batches: Vec<Batch>,
}

/// The threshold for periods with these creation counts (periods with none
/// left out). Why this rule: the median of the active periods is the usual
/// rate of a campaign that makes accounts now and then, and the batches
/// themselves, a few periods, hardly move it (a mean would follow them, and a
/// rate over the whole span would be diluted by the one account made years
/// before the rest); ten times it, and never fewer than ten accounts, is far
/// beyond what a campaign's usual days show and easy to check by hand.
pub fn batch_rule(counts: impl IntoIterator<Item = u64>, period: &str) -> BatchRule {
    let mut active: Vec<u64> = counts.into_iter().filter(|&n| n > 0).collect();
    active.sort_unstable();
    let median = super::median_sorted(&active);
    let scaled = (BATCH_FACTOR as f64 * median).ceil() as u64;
    BatchRule {
        period: period.to_string(),
        active_periods: active.len() as u64,
        median,
        threshold: scaled.max(BATCH_MIN_ACCOUNTS),
    }
}

/// Runs of periods at or above the rule's threshold; `step` days apart is consecutive.
fn runs(by_period: &BTreeMap<i32, Vec<String>>, rule: &BatchRule, step: i32) -> Vec<Batch> {
    let mut found: Vec<Batch> = Vec::new();
    let mut last_start = i32::MIN;
    for (&start, ids) in by_period.iter().filter(|(_, ids)| ids.len() as u64 >= rule.threshold) {
        let n = ids.len() as u64;
        let last_day = time::format_day(start + step - 1);
        match found.last_mut() {
            Some(batch) if last_start.checked_add(step) == Some(start) => {
                batch.last = last_day;
                batch.periods += 1;
                batch.accounts += n;
                if n > batch.peak_accounts {
                    (batch.peak, batch.peak_accounts) = (time::format_day(start), n);
                }
                batch.ids.extend(ids.iter().cloned());
            }
            _ => found.push(Batch {
                first: time::format_day(start),
                last: last_day,
                periods: 1,
                accounts: n,
                peak: time::format_day(start),
                peak_accounts: n,
                ids: ids.clone(),
            }),
        }
        last_start = start;
    }
    for batch in &mut found {
        batch.ids.sort_unstable();
    }
    found
}

pub fn creations(store: &Store) -> Creations {
    let mut days: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut without_date = 0;
    for (&user, profile) in store.profiles() {
        match profile.created {
            Some(day) => days.entry(day).or_default().push(store.users().text(user)),
            None => without_date += 1,
        }
    }
    let mut weeks: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for (&day, ids) in &days {
        weeks.entry(time::week_start(day)).or_default().extend(ids.iter().cloned());
        *months.entry(time::format_month(day)).or_default() += ids.len() as u64;
    }
    let day_rule = batch_rule(days.values().map(|ids| ids.len() as u64), "day");
    let week_rule = batch_rule(weeks.values().map(|ids| ids.len() as u64), "week");
    let count = |by: &BTreeMap<i32, Vec<String>>| {
        by.iter().map(|(&d, ids)| (time::format_day(d), ids.len() as u64)).collect::<BTreeMap<_, _>>()
    };
    Creations {
        per_day: count(&days),
        per_week: count(&weeks),
        per_month: months,
        without_date,
        day_batches: runs(&days, &day_rule, 1),
        week_batches: runs(&weeks, &week_rule, 7),
        day_rule,
        week_rule,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_threshold_is_ten_times_the_median_and_never_below_ten() {
        // Active days 1, 2, 2, 3 (and the zeros left out): median 2, 10 × 2 = 20.
        assert_eq!(batch_rule([0, 1, 2, 2, 3, 0], "day").threshold, 20);
        // Median 1: 10 × 1 = 10, the floor.
        assert_eq!(batch_rule([1, 1, 50], "day").threshold, 10);
        // Median 1.5: 15.
        assert_eq!(batch_rule([1, 2], "day").threshold, 15);
        assert_eq!(batch_rule([], "week").threshold, BATCH_MIN_ACCOUNTS);
    }
}
