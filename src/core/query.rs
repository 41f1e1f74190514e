//! Questions the page asks about a loaded campaign — a page of the account
//! table, an account, a tweet search, a timeline, the overview of a date range —
//! each answered with one small serialisable value.

use crate::core::by_author::{self, ByAuthor};
use crate::core::by_day::ByDay;
use crate::core::campaign::Campaign;
use crate::core::newest_first::{self, NewestFirst};
use crate::core::report::{report_with, Report};
use crate::core::side_by_side::Compared;
use crate::core::store::{Entity, FxMap, Profile, TweetKind};
use crate::core::summary::{
    continuous_months, finish, fold_tag, rank, summarize_in, Keys, Ranking, RevealedNames, Summary,
};
use crate::core::time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::core::account_table::{
    account_page, account_rows, account_rows_in, accounts_csv, AccountColumn, AccountPage, AccountQuery, AccountRow,
};
pub use crate::core::time::Range;

pub use crate::core::search::{
    page_of, tweet_record, tweets, tweets_by_id, tweets_csv, tweets_with, wire_name, Mention, Needle, TweetPage,
    TweetQuery, TweetRow, TweetSort, TWEET_COLUMNS,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Split {
    Kind,
    Language,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];

    /// The word for it in a link, on the page and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

impl Split {
    pub const ALL: [Split; 2] = [Split::Kind, Split::Language];

    /// The word for it in a link, on the page and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Split::Kind => "kind",
            Split::Language => "language",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineQuery {
    pub period: Period,
    pub split: Split,
    pub account: Option<String>,
}

/// Counts per period, every period from the first tweet to the last, in series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// `YYYY-MM-DD` (day, or the Monday of a week) or `YYYY-MM`.
    pub periods: Vec<String>,
    /// Where each period starts, in days since 1970; one more entry closes the last.
    pub bounds: Vec<i32>,
    pub series: Vec<(String, Vec<u64>)>,
}

/// How many languages get a series of their own before the rest become "other".
const TIMELINE_LANGUAGES: usize = 5;

fn period_start(period: Period, day: i32) -> i32 {
    match period {
        Period::Day => day,
        Period::Week => time::week_start(day),
        Period::Month => time::month_start(day),
    }
}

fn next_period(period: Period, start: i32) -> i32 {
    match period {
        Period::Day => start + 1,
        Period::Week => start + 7,
        Period::Month => time::month_start(start + 31),
    }
}

pub fn timeline(campaign: &Campaign, q: &TimelineQuery) -> Timeline {
    let store = &campaign.store;
    let account = q.account.as_ref().map(|id| store.users().get(id.as_bytes()));
    let rows: Vec<usize> = (0..store.len()).filter(|&i| account.is_none_or(|a| Some(store.author(i)) == a)).collect();
    let days = rows.iter().map(|&i| (store.time(i) / 1440) as i32);
    let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
        return Timeline { periods: Vec::new(), bounds: Vec::new(), series: Vec::new() };
    };
    let mut bounds = vec![period_start(q.period, first)];
    while *bounds.last().expect("bounds start non-empty") <= last {
        let next = next_period(q.period, *bounds.last().expect("bounds start non-empty"));
        bounds.push(next);
    }
    let slot = |day: i32| bounds.partition_point(|&b| b <= day) - 1;
    let (labels, series_of): (Vec<String>, Box<dyn Fn(usize) -> usize>) = match q.split {
        Split::Kind => {
            (TweetKind::ALL.iter().map(|k| k.name().to_string()).collect(), Box::new(|i| store.kind(i) as usize))
        }
        Split::Language => {
            let mut counts = vec![0u64; store.languages().len()];
            rows.iter().for_each(|&i| counts[store.lang(i) as usize] += 1);
            let top = rank(counts.iter().enumerate().map(|(l, &n)| (l.to_string(), n)), TIMELINE_LANGUAGES);
            let ids: Vec<usize> = top.iter().filter_map(|(l, _)| l.parse().ok()).collect();
            let mut labels: Vec<String> = ids
                .iter()
                .map(|&l| store.languages().text(l as u32))
                .map(|t| if t.is_empty() { "(blank)".into() } else { t })
                .collect();
            labels.push("other".into());
            let other = ids.len();
            (labels, Box::new(move |i| ids.iter().position(|&l| l == store.lang(i) as usize).unwrap_or(other)))
        }
    };
    let mut series = vec![vec![0u64; bounds.len() - 1]; labels.len()];
    for &i in &rows {
        series[series_of(i)][slot((store.time(i) / 1440) as i32)] += 1;
    }
    let format = if q.period == Period::Month { time::format_month } else { time::format_day };
    Timeline {
        periods: bounds[..bounds.len() - 1].iter().map(|&d| format(d)).collect(),
        bounds,
        series: labels.into_iter().zip(series).filter(|(_, s)| s.iter().any(|&n| n > 0)).collect(),
    }
}

/// An account's page: profile, figures, rhythm and hashtags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub row: AccountRow,
    pub profile: Profile,
    pub tweets_per_month: Vec<(String, u64)>,
    pub hour_by_weekday: Vec<[u64; 24]>,
    pub top_hashtags: Ranking,
}

pub fn account_detail(campaign: &Campaign, rows: &[AccountRow], id: &str) -> Option<AccountDetail> {
    let store = &campaign.store;
    let user = store.users().get(id.as_bytes())?;
    let profile = store.profile(user)?.clone();
    let row = rows.iter().find(|r| r.id == id)?.clone();
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    let mut hours = vec![[0u64; 24]; 7];
    // Per folded tag: how many of the account's tweets carry it, the last
    // tweet that counted it (so a tag repeated in one tweet counts once), and
    // its first spelling, shown lowercased (a folded tag may read oddly).
    let mut tags: FxMap<Vec<u8>, (u64, usize, u32)> = FxMap::default();
    for i in (0..store.len()).filter(|&i| store.author(i) == user) {
        let day = (store.time(i) / 1440) as i32;
        *months.entry(time::format_month(day)).or_default() += 1;
        hours[time::weekday(day)][(store.time(i) % 1440 / 60) as usize] += 1;
        for entity in store.entities(i) {
            if let Entity::Hashtag(h) = entity {
                let (count, last, _) =
                    tags.entry(fold_tag(store.hashtags().bytes(h)).into_owned()).or_insert((0, usize::MAX, h));
                if *last != i {
                    *last = i;
                    *count += 1;
                }
            }
        }
    }
    let tags = tags.into_iter().map(|(_, (n, _, first))| (store.hashtags().text(first).to_lowercase(), n));
    Some(AccountDetail {
        row,
        profile,
        tweets_per_month: continuous_months(&months),
        hour_by_weekday: hours,
        top_hashtags: rank(tags, 20),
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Query {
    /// The overview, limited to a date range.
    Summary {
        range: Option<Range>,
    },
    Accounts(AccountQuery),
    AccountsCsv(AccountQuery),
    /// Every tweet a search finds, as CSV.
    TweetsCsv(TweetQuery),
    Account {
        id: String,
    },
    Tweets(TweetQuery),
    Timeline(TimelineQuery),
    /// The campaign's takedown report, over all its tweets and accounts.
    Report,
    /// The tweets of these ids, as the files write them (a cross link's).
    TweetsById(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    Summary(Box<Summary>),
    Accounts(AccountPage),
    Csv(String),
    Account(Box<AccountDetail>),
    Tweets(TweetPage),
    Timeline(Timeline),
    Report(Box<Report>),
    /// Campaigns compared (the worker's answer to a `Compare` request).
    Compared(Box<Compared>),
    /// What was asked for is not loaded (any more).
    Missing(String),
}

/// What a campaign keeps between questions: the account table of the last range
/// asked for, its tweets by account and newest first, and the keys its
/// summaries count by.
#[derive(Default)]
pub struct QueryCache {
    accounts: Option<(Option<Range>, Vec<AccountRow>)>,
    by_author: Option<ByAuthor>,
    /// The accounts' tweets, while [`QueryCache::prepare`] builds them.
    by_author_building: Option<by_author::Building>,
    newest: Option<NewestFirst>,
    /// The newest-first order, while [`QueryCache::prepare`] builds it.
    newest_building: Option<newest_first::Building>,
    keys: Option<Keys>,
    by_day: Option<ByDay>,
}

impl QueryCache {
    /// The campaign's summary over `range`, or over everything: summed from
    /// the days' figures once [`QueryCache::prepare`] has built them and the
    /// range is of whole days, else by a pass over the rows.
    pub fn summary(&mut self, campaign: &Campaign, range: Option<Range>) -> Summary {
        let store = &campaign.store;
        let keys = self.keys.get_or_insert_with(|| Keys::new(store));
        let by_day = self.by_day.as_ref().filter(|d| d.is_built());
        match (by_day.and_then(|d| Some((d, d.days_of(range)?))), &self.by_author) {
            (Some((by_day, days)), Some(by_author)) => {
                let counts = by_day.counts(store, keys, days, by_author.active_in(range));
                finish(campaign, range, keys, counts)
            }
            _ => summarize_in(campaign, range, keys),
        }
    }

    /// Builds on, for about `work` rows, what makes later questions quick:
    /// the days' figures, then each account's tweets (for summaries and the
    /// account table), then the rows newest first (for the tweet list);
    /// `false` once all is built.
    pub fn prepare(&mut self, campaign: &Campaign, work: usize) -> bool {
        let store = &campaign.store;
        let keys = self.keys.get_or_insert_with(|| Keys::new(store));
        let by_day = self.by_day.get_or_insert_with(|| ByDay::new(store, keys));
        if by_day.step(store, keys, work) {
            return true;
        }
        if self.by_author.is_none() {
            let building = self.by_author_building.get_or_insert_with(|| by_author::Building::new(store));
            if building.step(store, work) {
                return true;
            }
            self.by_author = self.by_author_building.take().map(|b| b.finish(store));
        }
        if self.newest.is_none() {
            let building = self.newest_building.get_or_insert_with(|| newest_first::Building::new(store));
            if building.step(store, work) {
                return true;
            }
            self.newest = self.newest_building.take().map(|b| b.finish(store));
        }
        false
    }

    /// Whether [`QueryCache::prepare`] has built all it builds.
    pub fn is_prepared(&self) -> bool {
        self.by_day.as_ref().is_some_and(ByDay::is_built) && self.by_author.is_some() && self.newest.is_some()
    }

    /// Bytes the days' figures hold, once built.
    pub fn day_figures_bytes(&self) -> Option<usize> {
        self.by_day.as_ref().filter(|d| d.is_built()).map(ByDay::bytes)
    }

    fn keys(&mut self, campaign: &Campaign) -> &Keys {
        self.keys.get_or_insert_with(|| Keys::new(&campaign.store))
    }

    /// The screen names the campaign's retweets reveal.
    pub fn names(&mut self, campaign: &Campaign) -> &RevealedNames {
        &self.keys(campaign).names
    }

    /// The campaign's rows newest first, for searches read in that order.
    pub fn newest(&mut self, campaign: &Campaign) -> &NewestFirst {
        let building = &mut self.newest_building;
        self.newest.get_or_insert_with(|| match building.take() {
            Some(b) => b.finish(&campaign.store),
            None => NewestFirst::new(&campaign.store),
        })
    }

    fn accounts(&mut self, campaign: &Campaign, range: Option<Range>) -> &[AccountRow] {
        if self.accounts.as_ref().is_none_or(|(r, _)| *r != range) {
            let building = &mut self.by_author_building;
            let index = self.by_author.get_or_insert_with(|| match building.take() {
                Some(b) => b.finish(&campaign.store),
                None => ByAuthor::new(&campaign.store),
            });
            self.accounts = Some((range, account_rows_in(campaign, index, range)));
        }
        &self.accounts.as_ref().expect("filled just above").1
    }
}

/// Answers one question about one campaign.
pub fn answer(campaign: &Campaign, cache: &mut QueryCache, query: &Query) -> Answer {
    match query {
        Query::Summary { range } => Answer::Summary(Box::new(cache.summary(campaign, *range))),
        Query::Accounts(q) => Answer::Accounts(account_page(cache.accounts(campaign, q.range), q)),
        Query::AccountsCsv(q) => Answer::Csv(accounts_csv(cache.accounts(campaign, q.range), q)),
        Query::Account { id } => match account_detail(campaign, cache.accounts(campaign, None), id) {
            Some(detail) => Answer::Account(Box::new(detail)),
            None => Answer::Missing(format!("no account {id} in {}", campaign.name)),
        },
        Query::Tweets(q) => Answer::Tweets(tweets_with(campaign, q, &cache.keys(campaign).names)),
        Query::TweetsCsv(q) => Answer::Csv(tweets_csv(campaign, q, &cache.keys(campaign).names)),
        Query::Timeline(q) => Answer::Timeline(timeline(campaign, q)),
        Query::Report => Answer::Report(Box::new(report_with(campaign, cache.keys(campaign)))),
        Query::TweetsById(ids) => Answer::Tweets(tweets_by_id(campaign, ids, &cache.keys(campaign).names)),
    }
}
