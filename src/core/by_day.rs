//! Each day's figures, so that the overview of a range of whole days (the
//! only ranges the page asks for) sums the days in it instead of reading
//! every row: a few thousand days against millions of rows.
//!
//! A day keeps its counts by kind and by hour, its first and last minute,
//! and for each ranked list (languages, clients, hashtags, domains, mentioned
//! and retweeted accounts) each value with the number of that day's tweets
//! that carry it. Top lists do not sum from top lists, so the values are kept
//! whole; a value is kept once a day however many tweets carry it, which is
//! where the room is saved: the generated 9 M-row file's mentions and
//! retweets name one of 3 841 accounts, a few thousand times a day. Built in
//! steps of a few thousand rows, so that the worker can answer between them.

use crate::core::interner::Interner;
use crate::core::store::{Entity, Store, TweetKind};
use crate::core::summary::{retweeted_name, Counts, Keys};
use crate::core::time::{self, Range};

const MINUTES_A_DAY: u32 = 1440;

/// What is counted of one day that is not a ranked list.
#[derive(Clone, Copy)]
struct Day {
    kinds: [u32; 4],
    hours: [u32; 24],
    /// The first and the last tweet's minute; `first > last` on a day without one.
    first: u32,
    last: u32,
}

/// The ranked lists; a list's number (`as usize`) is its place in [`LISTS`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum List {
    Languages,
    Clients,
    Hashtags,
    Domains,
    Mentioned,
    RetweetedUsers,
    RetweetedNames,
}

const LISTS: [List; 7] = [
    List::Languages,
    List::Clients,
    List::Hashtags,
    List::Domains,
    List::Mentioned,
    List::RetweetedUsers,
    List::RetweetedNames,
];

/// One ranked list's values, day by day: day `d`'s are
/// `values[starts[d]..starts[d + 1]]`, each with the day's tweets that carry it.
#[derive(Default)]
struct PerDay {
    starts: Vec<usize>,
    values: Vec<(u32, u32)>,
}

impl PerDay {
    fn of_day(&self, day: usize) -> &[(u32, u32)] {
        &self.values[self.starts[day]..self.starts[day + 1]]
    }

    /// From a table of days × `values` counts, a day's counts a row.
    fn of_table(table: &[u32], values: usize) -> PerDay {
        let mut list = PerDay { starts: vec![0], values: Vec::new() };
        for day in table.chunks(values.max(1)) {
            list.values.extend(day.iter().enumerate().filter(|(_, &n)| n > 0).map(|(v, &n)| (v as u32, n)));
            list.starts.push(list.values.len());
        }
        list.values.shrink_to_fit();
        list
    }
}

/// How many cells the tables of days × values may have in all, 4 bytes each,
/// for the lists counted in a table in the first pass; the others (those
/// with many values, as a release's hashtags or mentioned accounts may have)
/// are placed by day and then counted.
const TABLE_CELLS: usize = 1 << 23;

pub struct ByDay {
    /// Day 0 is the campaign's first day with a tweet ([`Keys::days`]).
    first_day: i32,
    days: Vec<Day>,
    /// One for each of [`LISTS`]; empty until built.
    lists: [PerDay; LISTS.len()],
    /// The names that retweets without the retweeted account's id give in their text.
    names: Interner,
    building: Building,
}

/// Per day, the values of each list its tweets carry (each once a tweet).
type Counted = Vec<[u32; LISTS.len()]>;

/// How far the build has come: a pass over the rows for the days' figures,
/// the lists with few values (counted in tables of days × values) and the
/// other lists' sizes; then for each other list a pass that places its
/// values by day (a counting sort) and one over the days that counts each
/// value once a day, in a table stamped with the day that last saw it.
enum Building {
    Days {
        row: usize,
        tables: [Vec<u32>; LISTS.len()],
        counted: Counted,
    },
    Place {
        list: usize,
        row: usize,
        starts: Vec<usize>,
        at: Vec<usize>,
        placed: Vec<u32>,
        counted: Counted,
    },
    Gather {
        list: usize,
        day: usize,
        starts: Vec<usize>,
        placed: Vec<u32>,
        stamp: Vec<u32>,
        slot: Vec<u32>,
        counted: Counted,
    },
    Built,
}

impl ByDay {
    /// Nothing counted yet: [`ByDay::step`] builds it.
    pub fn new(store: &Store, keys: &Keys) -> ByDay {
        let (first_day, last_day) = keys.days();
        let span = if store.is_empty() { 0 } else { (last_day - first_day + 1) as usize };
        let empty = Day { kinds: [0; 4], hours: [0; 24], first: u32::MAX, last: 0 };
        let mut cells = 0;
        let tables = LISTS.map(|list| {
            let values = match list {
                List::Languages => store.languages().len(),
                List::Clients => store.clients().len(),
                List::Hashtags => keys.hashtag_count(),
                List::Domains => keys.domain_count(),
                List::Mentioned | List::RetweetedUsers => store.users().len(),
                // Not known before the pass.
                List::RetweetedNames => return Vec::new(),
            };
            if cells + span * values > TABLE_CELLS {
                return Vec::new();
            }
            cells += span * values;
            vec![0; span * values]
        });
        ByDay {
            first_day,
            days: vec![empty; span],
            lists: Default::default(),
            names: Interner::default(),
            building: Building::Days { row: 0, tables, counted: vec![[0; LISTS.len()]; span] },
        }
    }

    /// Builds on for about `work` rows (or values placed); `false` once built.
    pub fn step(&mut self, store: &Store, keys: &Keys, work: usize) -> bool {
        let times = store.times();
        let first_day = self.first_day as usize;
        let day_of = |i: usize| (times[i] / MINUTES_A_DAY) as usize - first_day;
        let mut seen = Vec::new();
        self.building = match std::mem::replace(&mut self.building, Building::Built) {
            Building::Days { row, mut tables, mut counted } => {
                let end = times.len().min(row + work);
                // Values a day in each list's table; 0 where the list has none.
                let widths = tables.each_ref().map(|t| t.len() / self.days.len().max(1));
                for (i, &minutes) in times.iter().enumerate().take(end).skip(row) {
                    let d = day_of(i);
                    let day = &mut self.days[d];
                    day.kinds[store.kind(i) as usize] += 1;
                    day.hours[(minutes % MINUTES_A_DAY / 60) as usize] += 1;
                    (day.first, day.last) = (day.first.min(minutes), day.last.max(minutes));
                    visit((store, keys, &mut self.names), i, ALL, &mut seen, |list, v| match widths[list] {
                        0 => counted[d][list] += 1,
                        width => tables[list][d * width + v as usize] += 1,
                    });
                }
                if end < times.len() {
                    Building::Days { row: end, tables, counted }
                } else {
                    for (list, table) in tables.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                        self.lists[list] = PerDay::of_table(table, table.len() / self.days.len());
                    }
                    self.place(0, counted)
                }
            }
            Building::Place { list, row, starts, mut at, mut placed, counted } => {
                let end = times.len().min(row + work);
                for i in row..end {
                    let slot = &mut at[day_of(i)];
                    visit((store, keys, &mut self.names), i, 1 << list, &mut seen, |_, v| {
                        placed[*slot] = v;
                        *slot += 1;
                    });
                }
                if end < times.len() {
                    Building::Place { list, row: end, starts, at, placed, counted }
                } else {
                    let span = placed.iter().max().map_or(0, |&v| v as usize + 1);
                    self.lists[list].starts = Vec::with_capacity(self.days.len() + 1);
                    let (stamp, slot) = (vec![u32::MAX; span], vec![0; span]);
                    Building::Gather { list, day: 0, starts, placed, stamp, slot, counted }
                }
            }
            Building::Gather { list, mut day, starts, placed, mut stamp, mut slot, counted } => {
                let out = &mut self.lists[list];
                let mut done = 0;
                while day < self.days.len() && done < work {
                    out.starts.push(out.values.len());
                    for &v in &placed[starts[day]..starts[day + 1]] {
                        let at = v as usize;
                        if std::mem::replace(&mut stamp[at], day as u32) != day as u32 {
                            slot[at] = out.values.len() as u32;
                            out.values.push((v, 0));
                        }
                        out.values[slot[at] as usize].1 += 1;
                    }
                    done += starts[day + 1] - starts[day] + 1;
                    day += 1;
                }
                if day < self.days.len() {
                    Building::Gather { list, day, starts, placed, stamp, slot, counted }
                } else {
                    out.starts.push(out.values.len());
                    out.values.shrink_to_fit();
                    self.place(list + 1, counted)
                }
            }
            Building::Built => Building::Built,
        };
        !self.is_built()
    }

    /// The pass that places the values of the first list from `from` on that
    /// has not been counted in a table, sized by what the first pass counted;
    /// a list without values has nothing to place.
    fn place(&mut self, from: usize, counted: Counted) -> Building {
        for list in from..LISTS.len() {
            if !self.lists[list].starts.is_empty() {
                continue;
            }
            let mut starts = Vec::with_capacity(counted.len() + 1);
            starts.push(0);
            for day in &counted {
                starts.push(starts[starts.len() - 1] + day[list] as usize);
            }
            match starts[counted.len()] {
                0 => self.lists[list].starts = starts,
                values => {
                    let placed = vec![0; values];
                    return Building::Place { list, row: 0, at: starts.clone(), starts, placed, counted };
                }
            }
        }
        Building::Built
    }

    /// Every list built: [`ByDay::counts`] may be asked.
    pub fn is_built(&self) -> bool {
        matches!(self.building, Building::Built)
    }

    /// Bytes held, for the benchmarks.
    pub fn bytes(&self) -> usize {
        let lists: usize = self.lists.iter().map(|l| l.values.len() * 8 + l.starts.len() * 8).sum();
        self.days.len() * std::mem::size_of::<Day>() + lists + self.names.heap_bytes()
    }

    /// The days a range covers (all without one), where it covers each whole
    /// or not at all (an end open or beyond the campaign's days counts as whole).
    pub fn days_of(&self, range: Option<Range>) -> Option<std::ops::Range<usize>> {
        let Some(range) = range else { return Some(0..self.days.len()) };
        let end = (self.first_day as i64 + self.days.len() as i64) * i64::from(MINUTES_A_DAY);
        let whole = |minute: u32| minute.is_multiple_of(MINUTES_A_DAY) || i64::from(minute) >= end;
        if !whole(range.from) || !whole(range.to) {
            return None;
        }
        let day = |minute: u32| {
            let day = i64::from(minute.div_ceil(MINUTES_A_DAY)) - i64::from(self.first_day);
            day.clamp(0, self.days.len() as i64) as usize
        };
        Some(day(range.from)..day(range.to).max(day(range.from)))
    }

    /// What the tweets of `days` count, with `accounts_with_tweets` found by the caller.
    pub(crate) fn counts(&self, store: &Store, keys: &Keys, days: std::ops::Range<usize>, accounts: u64) -> Counts {
        debug_assert!(self.is_built(), "every list is built before a count");
        let mut counts = Counts::empty(store, keys);
        let mut first = None;
        let mut last = None;
        for d in days.clone() {
            let day = &self.days[d];
            counts.days[d] = day.kinds.iter().map(|&n| u64::from(n)).sum();
            for (total, &n) in counts.kinds.iter_mut().zip(&day.kinds) {
                *total += u64::from(n);
            }
            let weekday = &mut counts.hour_by_weekday[time::weekday(self.first_day + d as i32)];
            for (total, &n) in weekday.iter_mut().zip(&day.hours) {
                *total += u64::from(n);
            }
            if day.first <= day.last {
                first = first.or(Some(day.first));
                last = Some(day.last);
            }
        }
        counts.span = first.zip(last);
        counts.accounts_with_tweets = accounts;
        for (&list, per_day) in LISTS.iter().zip(&self.lists) {
            let sum_into = |totals: &mut Vec<u64>| {
                days.clone().flat_map(|d| per_day.of_day(d)).for_each(|&(v, n)| totals[v as usize] += u64::from(n))
            };
            match list {
                List::Languages => sum_into(&mut counts.languages),
                List::Clients => sum_into(&mut counts.clients),
                List::Hashtags => sum_into(&mut counts.hashtags),
                List::Domains => sum_into(&mut counts.domains),
                List::Mentioned => sum_into(&mut counts.mentioned),
                List::RetweetedUsers => sum_into(&mut counts.retweeted_users),
                List::RetweetedNames => {
                    let mut by_name = vec![0u64; self.names.len()];
                    sum_into(&mut by_name);
                    for (name, n) in by_name.into_iter().enumerate().filter(|&(_, n)| n > 0) {
                        *counts.retweeted_names.entry(self.names.text(name as u32)).or_default() += n;
                    }
                }
            }
        }
        counts
    }
}

/// Every list; the lists of entities; those of retweets.
const ALL: u32 = (1 << LISTS.len()) - 1;
const ENTITIES: u32 = 1 << List::Hashtags as u32 | 1 << List::Domains as u32 | 1 << List::Mentioned as u32;
const RETWEETED: u32 = 1 << List::RetweetedUsers as u32 | 1 << List::RetweetedNames as u32;

/// Hands each value that tweet `i` carries, each once, to `found` with its
/// list, for the lists whose bits are set in `lists`; `seen` is room for the
/// tweet's entities.
fn visit(
    (store, keys, names): (&Store, &Keys, &mut Interner),
    i: usize,
    lists: u32,
    seen: &mut Vec<(List, u32)>,
    mut found: impl FnMut(usize, u32),
) {
    let wanted = |list: List| lists & (1 << list as u32) != 0;
    if wanted(List::Languages) {
        found(List::Languages as usize, store.lang(i));
    }
    if wanted(List::Clients) {
        found(List::Clients as usize, store.client(i));
    }
    if lists & ENTITIES != 0 {
        seen.clear();
        for entity in store.entities(i) {
            let value = match entity {
                Entity::Hashtag(id) if wanted(List::Hashtags) => (List::Hashtags, keys.hashtag(id)),
                Entity::Url(id) if wanted(List::Domains) => (List::Domains, keys.domain(id)),
                Entity::Mention(user) if wanted(List::Mentioned) => (List::Mentioned, user),
                _ => continue,
            };
            if !seen.contains(&value) {
                seen.push(value);
                found(value.0 as usize, value.1);
            }
        }
    }
    if lists & RETWEETED != 0 && store.kind(i) == TweetKind::Retweet {
        match store.ref_user(i) {
            Some(user) if wanted(List::RetweetedUsers) => found(List::RetweetedUsers as usize, user),
            // As the scan counts them: the text is read only without the id.
            None if wanted(List::RetweetedNames) => {
                if let Some(name) = retweeted_name(store.text(i)) {
                    found(List::RetweetedNames as usize, names.intern(name));
                }
            }
            _ => {}
        }
    }
}
