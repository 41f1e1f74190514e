//! The lesson's evidence, planted on purpose in its sample (`core::lesson`):
//! accounts made in one batch, a cluster retweeting together, tweets in
//! working hours on the campaign's clock and a hashtag pushed in one week.
//! Every choice is fixed, so the sample's bytes never change; the native
//! tests find each sign with the analyses the page runs.

use super::{Burst, Rng};
use crate::core::{lesson, time};

/// One row in this many keeps the random time it was drawn with: working
/// hours, but not without exceptions.
const OFF_HOURS_EVERY: usize = 20;
/// One row in this many carries the pushed hashtag, in the push week.
const PUSH_EVERY: usize = 8;

/// What is planted, and where.
#[derive(Debug, Clone)]
pub struct Plant {
    /// Accounts `0..batch_accounts` are made on `batch_day` (days since 1970).
    pub batch_day: u32,
    pub batch_accounts: usize,
    /// The working day: hours from UTC, first and last hour on that clock.
    pub utc_offset: i8,
    pub hours: (u8, u8),
    /// The hashtag, and the Monday of the week it fills.
    pub hashtag: &'static str,
    pub push_week: u32,
    /// Accounts `cluster_first..cluster_first + cluster` retweet one tweet
    /// together `co_retweets` times, each time within a minute.
    pub cluster_first: usize,
    pub cluster: usize,
    pub co_retweets: usize,
}

impl Plant {
    /// The lesson's plan for a sample active from `start_day` for `days`.
    pub fn lesson(start_day: u32, days: u32, accounts: usize) -> Plant {
        let batch_accounts = accounts / 2;
        Plant {
            batch_day: start_day - 30,
            batch_accounts,
            utc_offset: lesson::UTC_OFFSET,
            hours: lesson::OFFICE_HOURS,
            hashtag: lesson::HASHTAG,
            push_week: time::week_start((start_day + days / 2) as i32) as u32,
            cluster_first: batch_accounts,
            cluster: lesson::CLUSTER_ACCOUNTS,
            co_retweets: 5,
        }
    }

    /// The creation day of account `index`, if it belongs to the batch.
    pub fn created(&self, index: usize) -> Option<u32> {
        (index < self.batch_accounts).then_some(self.batch_day)
    }

    /// A minute in working hours on a weekday, on or just before `day`.
    fn working_minute(&self, rng: &mut Rng, day: u32) -> u32 {
        let weekday = time::weekday(day as i32) as u32;
        let day = day - weekday.saturating_sub(4);
        let (first, last) = (u32::from(self.hours.0), u32::from(self.hours.1));
        let local = (first + rng.below(u64::from(last - first + 1)) as u32) * 60 + rng.below(60) as u32;
        // A clock behind UTC reads earlier: its 09:00 is later in UTC.
        (day * 1440 + local).saturating_add_signed(-i32::from(self.utc_offset) * 60)
    }

    /// The time of row `row`, drawn at `minutes`: moved into working hours
    /// but for one row in [`OFF_HOURS_EVERY`].
    pub fn time(&self, rng: &mut Rng, row: usize, minutes: u32) -> u32 {
        if row % OFF_HOURS_EVERY == OFF_HOURS_EVERY / 2 {
            minutes
        } else {
            self.working_minute(rng, minutes / 1440)
        }
    }

    /// Whether row `row` carries the pushed hashtag, and if so, its time in the push week.
    pub fn push(&self, rng: &mut Rng, row: usize) -> Option<u32> {
        (row % PUSH_EVERY == 3).then(|| {
            let day = self.push_week + rng.below(5) as u32;
            self.working_minute(rng, day)
        })
    }

    /// The cluster's co-retweet that starts at row `row`, if one does: the
    /// events are spread evenly over the file's `rows`.
    pub(super) fn burst(&self, rng: &mut Rng, row: usize, rows: usize, accounts: usize) -> Option<Burst> {
        let spacing = (rows / self.co_retweets.max(1)).max(self.cluster + 1);
        let event = row / spacing;
        if row % spacing != 1 || event >= self.co_retweets {
            return None;
        }
        let members = (self.cluster_first..self.cluster_first + self.cluster).map(|m| m % accounts).collect();
        // The retweeted tweet's author is outside the cluster.
        let source = (self.cluster_first + self.cluster + event) % accounts;
        let day = self.batch_day + 31 + (event * 17) as u32;
        Some(Burst {
            members,
            minute: self.working_minute(rng, day),
            retweet: Some(((970_000_000_000_000_000 + event as u64).to_string(), source)),
            text: "¡Compartan y difundan!".to_string(),
        })
    }
}
