//! A campaign's rows newest first, the order the tweet list reads them in by
//! default, built in steps so that the worker can build it while nobody
//! waits (after a load) and answer other questions between the steps.

use crate::core::by_author::bucket_starts;
use crate::core::store::Store;

const MINUTES_A_DAY: u32 = 1440;

/// The rows of a campaign newest first; of tweets of the same minute, the one
/// stored first comes first (the order [`TweetSort::Newest`] lists them in).
///
/// [`TweetSort::Newest`]: crate::core::search::TweetSort::Newest
pub struct NewestFirst {
    rows: Vec<u32>,
}

impl NewestFirst {
    /// Built in one go.
    pub fn new(store: &Store) -> NewestFirst {
        Building::new(store).finish(store)
    }

    /// Every row, newest first.
    pub fn rows(&self) -> &[u32] {
        &self.rows
    }
}

/// A [`NewestFirst`] built in steps: two stable counting sorts, all rows by
/// day (newest day first), then each day's rows by their minute (latest
/// first). The day's pass keeps each row's minute beside it, so that the
/// minutes' pass reads them in order rather than looking up the time of
/// rows spread over the whole campaign.
pub struct Building {
    rows: Vec<u32>,
    /// The campaign's last day with a tweet: a row of day `d` goes to bucket `last - d`.
    last: u32,
    stage: Stage,
}

enum Stage {
    /// Counting each day's rows, `row` and on still to count.
    Count {
        row: usize,
        counts: Vec<usize>,
    },
    /// Placing the rows by day, `row` and on still to place: `at` is where
    /// each day's next row goes, `late` each placed row's minute counted
    /// back from the end of its day.
    Place {
        row: usize,
        days: Vec<usize>,
        at: Vec<usize>,
        late: Vec<u16>,
    },
    /// Sorting each day's rows by minute, `day` and on still to sort.
    Sort {
        day: usize,
        days: Vec<usize>,
        late: Vec<u16>,
        sorted: Vec<u32>,
    },
    Built,
}

impl Building {
    /// Nothing placed yet: [`Building::step`] builds it.
    pub fn new(store: &Store) -> Building {
        let times = store.times();
        let day = |minutes: &u32| minutes / MINUTES_A_DAY;
        let (first, last) = times.iter().min().map(day).zip(times.iter().max().map(day)).unwrap_or((0, 0));
        let counts = vec![0; (last - first) as usize + 2];
        Building { rows: vec![0; times.len()], last, stage: Stage::Count { row: 0, counts } }
    }

    /// Sorts on for about `work` rows; `false` once built.
    pub fn step(&mut self, store: &Store, work: usize) -> bool {
        let times = store.times();
        let last = self.last;
        let bucket = |row: usize| (last - times[row] / MINUTES_A_DAY) as usize;
        let until = |row: usize| times.len().min(row.saturating_add(work));
        self.stage = match std::mem::replace(&mut self.stage, Stage::Built) {
            Stage::Count { row, mut counts } => {
                let end = until(row);
                (row..end).for_each(|i| counts[bucket(i) + 1] += 1);
                if end < times.len() {
                    Stage::Count { row: end, counts }
                } else {
                    for day in 1..counts.len() {
                        counts[day] += counts[day - 1];
                    }
                    let at = counts.clone();
                    Stage::Place { row: 0, days: counts, at, late: vec![0; times.len()] }
                }
            }
            Stage::Place { row, days, mut at, mut late } => {
                let end = until(row);
                for i in row..end {
                    let slot = &mut at[bucket(i)];
                    self.rows[*slot] = i as u32;
                    late[*slot] = (MINUTES_A_DAY - 1 - times[i] % MINUTES_A_DAY) as u16;
                    *slot += 1;
                }
                if end < times.len() {
                    Stage::Place { row: end, days, at, late }
                } else {
                    Stage::Sort { day: 0, days, late, sorted: Vec::new() }
                }
            }
            Stage::Sort { mut day, days, late, mut sorted } => {
                let mut done = 0;
                while day + 1 < days.len() && done < work {
                    let (from, to) = (days[day], days[day + 1]);
                    let lates = &late[from..to];
                    let mut at = bucket_starts(MINUTES_A_DAY as usize, lates.iter().map(|&l| l as usize));
                    sorted.resize(to - from, 0);
                    for (&row, &l) in self.rows[from..to].iter().zip(lates) {
                        sorted[at[l as usize]] = row;
                        at[l as usize] += 1;
                    }
                    self.rows[from..to].copy_from_slice(&sorted);
                    done += to - from + MINUTES_A_DAY as usize;
                    day += 1;
                }
                if day + 1 < days.len() {
                    Stage::Sort { day, days, late, sorted }
                } else {
                    Stage::Built
                }
            }
            Stage::Built => Stage::Built,
        };
        !matches!(self.stage, Stage::Built)
    }

    /// The order, built to the end.
    pub fn finish(mut self, store: &Store) -> NewestFirst {
        while self.step(store, usize::MAX) {}
        NewestFirst { rows: self.rows }
    }
}
