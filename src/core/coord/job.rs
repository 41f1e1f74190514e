//! A network computed a step at a time, like the loader reads files: the page
//! runs a step, reports progress, answers the person, and runs the next, and
//! can drop the job between any two steps.
//!
//! The stages: reading each tweet's keys into events, sorting each key's
//! events by time, and pairing the events of each key within the window.
//! Each step does about `budget` units of work: a row read, an event sorted,
//! or an event or a pair of events visited.

use super::events::{Events, BUCKETS};
use super::keys::{EventBuilder, Names};
use super::{most_in_one_window, CappedKey, Event, Network, PairStats, Pool, Settings};
use crate::core::store::FxMap;
use serde::{Deserialize, Serialize};

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Reading,
    Sorting,
    Pairing,
    Done,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading the tweets' keys",
            Stage::Sorting => "sorting the events",
            Stage::Pairing => "pairing the accounts",
            Stage::Done => "done",
        }
    }
}

/// How far a job has come: `done` of `total` units of its stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

enum State {
    Reading {
        builder: Box<EventBuilder>,
        part: usize,
        row: usize,
    },
    Sorting {
        events: Events,
        names: Names,
    },
    Pairing(Box<Pairing>),
    Done(Network),
    /// Only while moving from one state to the next.
    Moving,
}

/// The last stage's work: the events, where the scan is, what it counted.
struct Pairing {
    events: Events,
    names: Names,
    scan: Scan,
    counter: Counter,
    capped: Vec<CappedKey>,
}

pub struct Job {
    settings: Settings,
    state: State,
    /// Rows read, or events sorted or paired, in the current stage.
    done: u64,
    total: u64,
}

impl Job {
    pub fn new(pool: &Pool, settings: Settings) -> Job {
        let builder = Box::new(EventBuilder::new(pool, settings.kind, settings.range, None));
        Job { settings, state: State::Reading { builder, part: 0, row: 0 }, done: 0, total: pool.len() as u64 }
    }

    pub fn progress(&self) -> Progress {
        let stage = match self.state {
            State::Reading { .. } | State::Moving => Stage::Reading,
            State::Sorting { .. } => Stage::Sorting,
            State::Pairing(_) => Stage::Pairing,
            State::Done(_) => Stage::Done,
        };
        Progress { stage, done: self.done, total: self.total }
    }

    /// Does about `budget` units of work on `pool`, which must be the pool
    /// the job was made with; returns `true` while work remains.
    pub fn step(&mut self, pool: &Pool, budget: usize) -> bool {
        let budget = budget.max(1);
        match std::mem::replace(&mut self.state, State::Moving) {
            State::Reading { mut builder, mut part, mut row } => {
                let mut left = budget;
                let stores: Vec<_> = pool.stores().collect();
                while left > 0 && part < stores.len() {
                    let (p, store, first) = stores[part];
                    let end = store.len().min(row + left);
                    builder.add(pool, p, store, first, row..end);
                    left -= end - row;
                    self.done += (end - row) as u64;
                    row = end;
                    if row == store.len() {
                        (part, row) = (part + 1, 0);
                    }
                }
                self.state = if part < stores.len() {
                    State::Reading { builder, part, row }
                } else {
                    let (events, names) = builder.finish(pool);
                    self.next_stage(events.len());
                    State::Sorting { events, names }
                };
            }
            State::Sorting { mut events, names } => {
                let (done, more) = events.sort_some(budget);
                self.done += done as u64;
                self.state = if more {
                    State::Sorting { events, names }
                } else {
                    self.next_stage(events.len());
                    let counter = Counter::new(pool.user_count(), self.settings);
                    let scan = Scan::default();
                    State::Pairing(Box::new(Pairing { events, names, scan, counter, capped: Vec::new() }))
                };
            }
            State::Pairing(mut work) => {
                let settings = self.settings;
                let Pairing { events, names, scan, counter, capped } = &mut *work;
                let mut on_capped = |group: &[Event], in_one_window| {
                    let key = names.describe(pool, &group[0]);
                    capped.push(CappedKey { key, events: group.len(), in_one_window });
                };
                let more = scan.step(events, settings, budget, &mut on_capped, &mut |e, other, first| {
                    if names.alike(e.tweet, other.tweet, settings.similarity) {
                        counter.count(e, other, first);
                    }
                });
                self.done = scan.events_done as u64;
                self.state = if more {
                    State::Pairing(work)
                } else {
                    self.next_stage(0);
                    let Pairing { counter, capped, .. } = *work;
                    State::Done(counter.into_network(settings, capped))
                };
            }
            done @ State::Done(_) => self.state = done,
            State::Moving => unreachable!("a job is never left between states"),
        }
        !matches!(self.state, State::Done(_))
    }

    fn next_stage(&mut self, total: usize) {
        self.done = 0;
        self.total = total as u64;
    }

    /// The network once the steps are done, or the job to step further.
    pub fn into_network(self: Box<Self>) -> Result<Network, Box<Job>> {
        match self.state {
            State::Done(network) => Ok(network),
            _ => Err(self),
        }
    }

    /// Runs every step at once.
    pub fn run(pool: &Pool, settings: Settings) -> Network {
        let mut job = Job::new(pool, settings);
        while job.step(pool, usize::MAX) {}
        Box::new(job).into_network().ok().expect("the steps ran to the end")
    }
}

/// Where the sliding window is: in which bucket, at which event, and the
/// window's ends `lo..hi` among the events of that event's key.
#[derive(Default)]
pub(crate) struct Scan {
    bucket: usize,
    /// Where the current key's events end within the bucket, once known.
    group_end: Option<usize>,
    i: usize,
    lo: usize,
    hi: usize,
    /// Events passed, over all buckets.
    events_done: usize,
}

impl Scan {
    /// Calls `on_pair(e, other, first)` for every event and every other event
    /// of the same key by another account within the window (`first`: whether
    /// `e` comes first of the two, so that each unordered pair is once
    /// `first`), and `on_capped(group, in_one_window)` for each key left
    /// out, until about `budget` events and pairs have been visited. Returns
    /// `true` while events remain.
    pub(crate) fn step(
        &mut self,
        events: &Events,
        settings: Settings,
        budget: usize,
        on_capped: &mut impl FnMut(&[Event], usize),
        on_pair: &mut impl FnMut(&Event, &Event, bool),
    ) -> bool {
        let window = settings.window;
        let mut visited = 0;
        while self.bucket < BUCKETS {
            let bucket = events.bucket(self.bucket);
            let end = match self.group_end {
                Some(end) => end,
                None if self.i >= bucket.len() => {
                    (self.bucket, self.i) = (self.bucket + 1, 0);
                    continue;
                }
                None => {
                    let start = self.i;
                    let key = bucket[start].key;
                    let end = start + bucket[start..].iter().take_while(|e| e.key == key).count();
                    let group = &bucket[start..end];
                    let capped = settings.max_group.filter(|&most| group.len() > most).and_then(|most| {
                        let in_one_window = most_in_one_window(group, window);
                        (in_one_window > most).then_some(in_one_window)
                    });
                    if let Some(in_one_window) = capped {
                        on_capped(group, in_one_window);
                        self.events_done += group.len();
                        self.i = end;
                        continue;
                    }
                    self.group_end = Some(end);
                    (self.lo, self.hi) = (start, start);
                    end
                }
            };
            while self.i < end {
                if visited >= budget {
                    return true;
                }
                let (i, e) = (self.i, &bucket[self.i]);
                while bucket[self.lo].time.saturating_add(window) < e.time {
                    self.lo += 1;
                }
                while self.hi < end && bucket[self.hi].time <= e.time.saturating_add(window) {
                    self.hi += 1;
                }
                for (j, other) in bucket[self.lo..self.hi].iter().enumerate().map(|(k, o)| (self.lo + k, o)) {
                    if other.user != e.user {
                        on_pair(e, other, i < j);
                    }
                }
                visited += 1 + (self.hi - self.lo);
                self.i += 1;
                self.events_done += 1;
            }
            self.group_end = None;
        }
        false
    }

    /// Runs the scan to its end.
    pub(crate) fn all(
        events: &Events,
        settings: Settings,
        mut on_capped: impl FnMut(&[Event], usize),
        mut on_pair: impl FnMut(&Event, &Event, bool),
    ) {
        let mut scan = Scan::default();
        while scan.step(events, settings, usize::MAX, &mut on_capped, &mut on_pair) {}
    }
}

/// The directed weights and Δt figures, counted pair by pair.
struct Counter {
    single_key: bool,
    pairs: FxMap<(u32, u32), PairStats>,
    /// Per tweet, the accounts already counted for it (multi-key kinds: a
    /// tweet with two shared URLs counts once for each partner).
    counted: FxMap<(u32, u32), ()>,
    /// One-key kinds: per account, the last tweet it was counted for.
    last_counted: Vec<u32>,
    /// Tweet pairs already in the Δt figures (multi-key kinds meet a pair
    /// once per shared key).
    seen_pairs: FxMap<(u32, u32), ()>,
}

impl Counter {
    fn new(users: usize, settings: Settings) -> Counter {
        Counter {
            single_key: settings.kind.one_key_per_tweet(),
            pairs: FxMap::default(),
            counted: FxMap::default(),
            last_counted: vec![u32::MAX; users],
            seen_pairs: FxMap::default(),
        }
    }

    fn count(&mut self, e: &Event, other: &Event, first: bool) {
        let (pair, forward) =
            if e.user < other.user { ((e.user, other.user), true) } else { ((other.user, e.user), false) };
        let stats = self.pairs.entry(pair).or_insert(PairStats { min_dt: u32::MAX, ..PairStats::default() });
        if first && (self.single_key || self.seen_pairs.insert((e.tweet, other.tweet), ()).is_none()) {
            let dt = other.time - e.time;
            stats.pairs += 1;
            stats.total_dt += u64::from(dt);
            stats.min_dt = stats.min_dt.min(dt);
        }
        let new_for_tweet = if self.single_key {
            std::mem::replace(&mut self.last_counted[other.user as usize], e.tweet) != e.tweet
        } else {
            self.counted.insert((e.tweet, other.user), ()).is_none()
        };
        match (new_for_tweet, forward) {
            (true, true) => stats.forward += 1,
            (true, false) => stats.backward += 1,
            (false, _) => {}
        }
    }

    /// The network, with the keys left out in the order of their names.
    fn into_network(self, settings: Settings, mut capped: Vec<CappedKey>) -> Network {
        capped.sort_by(|a, b| a.key.cmp(&b.key));
        Network { settings, pairs: self.pairs, capped }
    }
}
