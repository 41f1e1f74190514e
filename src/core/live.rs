//! A campaign's figures while it loads: its tweets, the accounts that wrote
//! them, and tweets per month, grown from the rows added since the last look,
//! so that each look costs only the new rows and a 9-million-tweet load shows
//! its campaign taking shape instead of a bare count of bytes.
//!
//! They count rows as read: a tweet repeated within the load counts each time
//! until the load ends and the campaign's summary replaces them.

use crate::core::campaign::Campaign;
use crate::core::interner::FxMap;
use crate::core::time;
use serde::{Deserialize, Serialize};

/// What a campaign holds so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LiveFigures {
    pub campaign: String,
    pub tweets: u64,
    /// Accounts with at least one tweet so far.
    pub authors: u64,
    /// Tweets per calendar month, by its first day (days since 1970), in order.
    pub months: Vec<(i32, u64)>,
}

/// The running count behind one campaign's [`LiveFigures`].
#[derive(Default)]
pub(crate) struct LiveTally {
    /// Rows of the store counted so far.
    counted: usize,
    /// By interned user id: whether the account has a tweet.
    wrote: Vec<bool>,
    authors: u64,
    days: FxMap<u32, u64>,
}

impl LiveTally {
    /// Counts the rows added since the last look, and says what they come to.
    pub(crate) fn look(&mut self, campaign: &Campaign) -> LiveFigures {
        let store = &campaign.store;
        if store.len() < self.counted {
            // The rows were taken away (streamed elsewhere): start again.
            *self = LiveTally::default();
        }
        let new = self.counted..store.len();
        for &author in &store.authors()[new.clone()] {
            let author = author as usize;
            if author >= self.wrote.len() {
                self.wrote.resize(author + 1, false);
            }
            if !std::mem::replace(&mut self.wrote[author], true) {
                self.authors += 1;
            }
        }
        // Rows of a file mostly come in time order: count a run of one day at once.
        let mut run: Option<(u32, u64)> = None;
        for &minutes in &store.times()[new] {
            let day = minutes / 1440;
            match &mut run {
                Some((d, n)) if *d == day => *n += 1,
                _ => {
                    if let Some((d, n)) = run.replace((day, 1)) {
                        *self.days.entry(d).or_default() += n;
                    }
                }
            }
        }
        if let Some((d, n)) = run {
            *self.days.entry(d).or_default() += n;
        }
        self.counted = store.len();
        let mut months: FxMap<i32, u64> = FxMap::default();
        for (&day, &n) in &self.days {
            *months.entry(time::month_start(day as i32)).or_default() += n;
        }
        let mut months: Vec<(i32, u64)> = months.into_iter().collect();
        months.sort_unstable();
        LiveFigures { campaign: campaign.name.clone(), tweets: store.len() as u64, authors: self.authors, months }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest::{Input, Loader};

    fn load(csv: &str) -> Loader {
        let mut loader = Loader::new();
        let reader = Box::new(std::io::Cursor::new(csv.as_bytes().to_vec()));
        loader.add(Input { name: "x_tweets.csv".into(), size: csv.len() as u64, reader });
        loader
    }

    #[test]
    fn grows_with_the_rows_and_counts_each_row_once() {
        let header = "tweetid,userid,tweet_time,tweet_text\n";
        let rows = [
            "1,u1,2019-01-31 23:59,a\n",
            "2,u2,2019-02-01 00:00,b\n",
            "3,u1,2019-02-15 12:00,c\n",
            "4,u3,2019-02-15 12:01,d\n",
        ];
        let mut loader = load(&(header.to_string() + &rows.concat()));
        // The header, then two rows.
        loader.step(3);
        let first = loader.live_figures();
        assert_eq!(first.len(), 1);
        assert_eq!((first[0].tweets, first[0].authors), (2, 2));
        let (jan, feb) = (time::days_from_civil(2019, 1, 1), time::days_from_civil(2019, 2, 1));
        assert_eq!(first[0].months, vec![(jan, 1), (feb, 1)]);
        while loader.step(1) {}
        let last = loader.live_figures();
        assert_eq!((last[0].tweets, last[0].authors), (4, 3));
        assert_eq!(last[0].months, vec![(jan, 1), (feb, 3)]);
        // A look with nothing new changes nothing.
        assert_eq!(loader.live_figures(), last);
    }
}
