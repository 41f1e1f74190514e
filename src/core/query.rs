//! Questions the page asks about a loaded campaign — a page of the account
//! table, an account, a tweet search, a timeline, the overview of a date range —
//! each answered with one small serialisable value.

use crate::core::campaign::Campaign;
use crate::core::csv_text::csv_field;
use crate::core::fold::fold;
use crate::core::report::{report, Report};
use crate::core::schema::is_hashed_id;
use crate::core::side_by_side::Compared;
use crate::core::store::{Entity, FxMap, Profile, TweetKind};
use crate::core::summary::{continuous_months, fold_tag, rank, summarize_in, Keys, Ranking, Summary};
use crate::core::time;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::core::time::Range;

pub use crate::core::search::{
    tweet_record, tweets, tweets_by_id, tweets_csv, tweets_with, wire_name, Mention, Needle, TweetPage, TweetQuery,
    TweetRow, TweetSort, TWEET_COLUMNS,
};

fn in_range(range: Option<Range>, minutes: u32) -> bool {
    range.is_none_or(|r| r.contains(minutes))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountColumn {
    DisplayName,
    ScreenName,
    Followers,
    Following,
    Created,
    FirstTweet,
    LastTweet,
    Tweets,
    RetweetShare,
    Language,
    Client,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountQuery {
    /// Case-insensitive text to find in id, names, location or description.
    pub filter: String,
    pub sort: AccountColumn,
    pub descending: bool,
    pub offset: usize,
    pub limit: usize,
    /// With a range, the table lists the accounts with a tweet in it, as the
    /// overview counts them; `without_tweets` lists the others too.
    pub range: Option<Range>,
    #[serde(default)]
    pub without_tweets: bool,
}

/// One row of the account table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub display_name: String,
    pub screen_name: String,
    pub hashed: bool,
    pub followers: u32,
    pub following: u32,
    pub created: Option<String>,
    pub first_tweet: Option<String>,
    pub last_tweet: Option<String>,
    pub tweets: u64,
    pub retweets: u64,
    /// The main language and client of the account's tweets.
    pub language: String,
    pub client: String,
    /// The profile as the files give it.
    pub location: String,
    pub description: String,
    pub url: String,
    pub account_language: String,
    #[serde(skip)]
    search_text: String,
}

impl AccountRow {
    /// Retweets among the account's tweets, 0 to 1.
    pub fn retweet_share(&self) -> f64 {
        if self.tweets == 0 {
            0.0
        } else {
            self.retweets as f64 / self.tweets as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountPage {
    pub total: usize,
    pub offset: usize,
    pub rows: Vec<AccountRow>,
    /// With a range, how many accounts matching the filter have no tweet in
    /// it, listed or not.
    pub without_tweets: usize,
}

/// Every account with its figures over `range`: the table the page pages through.
pub fn account_rows(campaign: &Campaign, range: Option<Range>) -> Vec<AccountRow> {
    let store = &campaign.store;
    #[derive(Default, Clone)]
    struct Stats {
        tweets: u64,
        retweets: u64,
        first: Option<u32>,
        last: Option<u32>,
    }
    let mut stats: FxMap<u32, Stats> = FxMap::default();
    let mut clients: FxMap<(u32, u32), u32> = FxMap::default();
    let mut languages: FxMap<(u32, u32), u32> = FxMap::default();
    for i in (0..store.len()).filter(|&i| in_range(range, store.time(i))) {
        let (author, t) = (store.author(i), store.time(i));
        let s = stats.entry(author).or_default();
        s.tweets += 1;
        s.retweets += u64::from(store.kind(i) == TweetKind::Retweet);
        s.first = Some(s.first.map_or(t, |f| f.min(t)));
        s.last = Some(s.last.map_or(t, |l| l.max(t)));
        *clients.entry((author, store.client(i))).or_default() += 1;
        *languages.entry((author, store.lang(i))).or_default() += 1;
    }
    let top_of = |counts: Vec<((u32, u32), u32)>| -> FxMap<u32, u32> {
        let mut best: FxMap<u32, (u32, u32)> = FxMap::default();
        for ((author, value), n) in counts {
            let entry = best.entry(author).or_insert((value, n));
            if n > entry.1 || (n == entry.1 && value < entry.0) {
                *entry = (value, n);
            }
        }
        best.into_iter().map(|(a, (v, _))| (a, v)).collect()
    };
    let top_client = top_of(clients.into_iter().collect());
    let top_language = top_of(languages.into_iter().collect());
    let mut rows: Vec<AccountRow> = store
        .profiles()
        .iter()
        .map(|(&user, p)| {
            let s = stats.get(&user).cloned().unwrap_or_default();
            let id = store.users().text(user);
            let search_text =
                fold(&[id.as_str(), &p.display_name, &p.screen_name, &p.location, &p.description].join("\n"));
            AccountRow {
                hashed: is_hashed_id(&id) && p.source != crate::core::store::ProfileSource::FiveThirtyEight,
                display_name: p.display_name.clone(),
                screen_name: p.screen_name.clone(),
                followers: p.followers,
                following: p.following,
                created: p.created.map(time::format_day),
                first_tweet: s.first.map(time::format_minutes),
                last_tweet: s.last.map(time::format_minutes),
                tweets: s.tweets,
                retweets: s.retweets,
                language: top_language.get(&user).map(|&l| store.languages().text(l)).unwrap_or_default(),
                client: top_client.get(&user).map(|&c| store.clients().text(c)).unwrap_or_default(),
                location: p.location.clone(),
                description: p.description.clone(),
                url: p.url.clone(),
                account_language: p.language.clone(),
                id,
                search_text,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

/// Whether a row's cell in `column` is blank: blanks sort last either way.
fn blank(r: &AccountRow, column: AccountColumn) -> bool {
    match column {
        AccountColumn::DisplayName => r.display_name.is_empty(),
        AccountColumn::ScreenName => r.screen_name.is_empty(),
        AccountColumn::Created => r.created.is_none(),
        AccountColumn::FirstTweet => r.first_tweet.is_none(),
        AccountColumn::LastTweet => r.last_tweet.is_none(),
        AccountColumn::RetweetShare => r.tweets == 0,
        AccountColumn::Language => r.language.is_empty(),
        AccountColumn::Client => r.client.is_empty(),
        AccountColumn::Followers | AccountColumn::Following | AccountColumn::Tweets => false,
    }
}

/// Filters, sorts and pages precomputed rows.
pub fn account_page(rows: &[AccountRow], q: &AccountQuery) -> AccountPage {
    let needle = fold(q.filter.trim());
    let found = rows.iter().filter(|r| needle.is_empty() || r.search_text.contains(&needle));
    // The rows of a range carry the range's figures: no tweets means none in it.
    let quiet = |r: &AccountRow| q.range.is_some() && r.tweets == 0;
    let without_tweets = found.clone().filter(|r| quiet(r)).count();
    let mut matched: Vec<&AccountRow> = found.filter(|r| q.without_tweets || !quiet(r)).collect();
    use std::cmp::Ordering;
    let by = |a: &&AccountRow, b: &&AccountRow| -> Ordering {
        match q.sort {
            AccountColumn::DisplayName => a.display_name.to_lowercase().cmp(&b.display_name.to_lowercase()),
            AccountColumn::ScreenName => a.screen_name.to_lowercase().cmp(&b.screen_name.to_lowercase()),
            AccountColumn::Followers => a.followers.cmp(&b.followers),
            AccountColumn::Following => a.following.cmp(&b.following),
            AccountColumn::Created => a.created.cmp(&b.created),
            AccountColumn::FirstTweet => a.first_tweet.cmp(&b.first_tweet),
            AccountColumn::LastTweet => a.last_tweet.cmp(&b.last_tweet),
            AccountColumn::Tweets => a.tweets.cmp(&b.tweets),
            AccountColumn::RetweetShare => a.retweet_share().total_cmp(&b.retweet_share()),
            AccountColumn::Language => a.language.cmp(&b.language),
            AccountColumn::Client => a.client.cmp(&b.client),
        }
    };
    // Blanks last in both directions; ties keep id order whichever way the column sorts.
    matched.sort_by(|a, b| {
        let order = by(a, b);
        blank(a, q.sort)
            .cmp(&blank(b, q.sort))
            .then(if q.descending { order.reverse() } else { order })
            .then_with(|| a.id.cmp(&b.id))
    });
    let total = matched.len();
    let offset = q.offset.min(total);
    let rows = matched.into_iter().skip(offset).take(q.limit).cloned().collect();
    AccountPage { total, offset, rows, without_tweets }
}

/// The rows a query selects, all of them, as CSV for download: a UTF-8 byte
/// order mark first, so that spreadsheets read Thai, Arabic or Cyrillic
/// names as such.
pub fn accounts_csv(rows: &[AccountRow], q: &AccountQuery) -> String {
    let all = account_page(rows, &AccountQuery { offset: 0, limit: usize::MAX, ..q.clone() });
    let mut out = String::from(
        "\u{FEFF}userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,first_tweet,last_tweet,tweets,retweets,retweet_share,main_language,main_client\n",
    );
    for r in &all.rows {
        let fields = [
            csv_field(&r.id, false),
            csv_field(&r.display_name, true),
            csv_field(&r.screen_name, true),
            csv_field(&r.location, true),
            csv_field(&r.description, true),
            csv_field(&r.url, true),
            r.followers.to_string(),
            r.following.to_string(),
            r.created.clone().unwrap_or_default(),
            csv_field(&r.account_language, true),
            r.first_tweet.clone().unwrap_or_default(),
            r.last_tweet.clone().unwrap_or_default(),
            r.tweets.to_string(),
            r.retweets.to_string(),
            format!("{:.4}", r.retweet_share()),
            csv_field(&r.language, true),
            csv_field(&r.client, true),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

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
/// asked for, and the keys its summaries count by.
#[derive(Default)]
pub struct QueryCache {
    accounts: Option<(Option<Range>, Vec<AccountRow>)>,
    keys: Option<Keys>,
}

impl QueryCache {
    /// The campaign's summary over `range`, or over everything.
    pub fn summary(&mut self, campaign: &Campaign, range: Option<Range>) -> Summary {
        summarize_in(campaign, range, self.keys(campaign))
    }

    fn keys(&mut self, campaign: &Campaign) -> &Keys {
        self.keys.get_or_insert_with(|| Keys::new(&campaign.store))
    }

    fn accounts(&mut self, campaign: &Campaign, range: Option<Range>) -> &[AccountRow] {
        if self.accounts.as_ref().is_none_or(|(r, _)| *r != range) {
            self.accounts = Some((range, account_rows(campaign, range)));
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
        Query::Report => Answer::Report(Box::new(report(campaign))),
        Query::TweetsById(ids) => Answer::Tweets(tweets_by_id(campaign, ids, &cache.keys(campaign).names)),
    }
}
