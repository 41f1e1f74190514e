//! The figures a campaign is known by: headline counts, top-N lists and timelines,
//! small enough to send to the page whole.

use crate::core::campaign::Campaign;
use crate::core::error::Rejection;
use crate::core::fold::fold;
use crate::core::store::{Entity, FxMap, Interner, Store, TweetKind};
use crate::core::time::{self, Range};
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

/// How an account or mentioned user is shown: its screen name where the files
/// give one (a hashed account's is its hash), else the one its retweets reveal,
/// else its id.
pub fn user_label(store: &Store, names: &RevealedNames, user: u32) -> String {
    match store.profile(user) {
        Some(p) if !p.screen_name.is_empty() && p.screen_name.as_bytes() != store.users().bytes(user) => {
            p.screen_name.clone()
        }
        _ => {
            names.get(user).map_or_else(|| store.users().text(user), |name| String::from_utf8_lossy(name).into_owned())
        }
    }
}

/// The screen names that a campaign's retweets reveal for the accounts they
/// retweet, most of which are outside the campaign and known only by id:
/// `RT @army2pr: …` names the account of `retweet_userid` or, where that is
/// blank (most 2020 files), of the retweet's first mention — the entities
/// follow the text, so that is the `@army2pr`.
#[derive(Default)]
pub struct RevealedNames {
    by_user: FxMap<u32, u32>,
    names: Interner,
}

/// Twitter's longest screen name; a longer "name" is a hash or not a name.
const SCREEN_NAME_MAX: usize = 15;

impl RevealedNames {
    /// One pass over the retweets; an account renamed between retweets keeps
    /// the name most of them give (the first seen of equals).
    pub fn new(store: &Store) -> RevealedNames {
        let mut names = Interner::default();
        let mut counts: FxMap<(u32, u32), u32> = FxMap::default();
        for i in (0..store.len()).filter(|&i| store.kind(i) == TweetKind::Retweet) {
            let text = store.text(i);
            let Some(name) = retweeted_name(text) else { continue };
            // `RT @name:` only: a hash with `+` or `=` would stop short of its end.
            if name.len() > SCREEN_NAME_MAX || text.get(4 + name.len()) != Some(&b':') {
                continue;
            }
            let mentioned = store.entities(i).find_map(|e| match e {
                Entity::Mention(user) => Some(user),
                _ => None,
            });
            let Some(user) = store.ref_user(i).or(mentioned) else { continue };
            if name != store.users().bytes(user) {
                *counts.entry((user, names.intern(name))).or_default() += 1;
            }
        }
        let mut best: FxMap<u32, (u32, u32)> = FxMap::default();
        for ((user, name), n) in counts {
            let entry = best.entry(user).or_insert((name, n));
            if n > entry.1 || (n == entry.1 && name < entry.0) {
                *entry = (name, n);
            }
        }
        RevealedNames { by_user: best.into_iter().map(|(user, (name, _))| (user, name)).collect(), names }
    }

    /// The screen name revealed for `user`, if any retweet named it.
    pub fn get(&self, user: u32) -> Option<&[u8]> {
        self.by_user.get(&user).map(|&name| self.names.bytes(name))
    }
}

/// `example.com` from `https://www.Example.com/path`.
pub fn domain(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_lowercase();
    host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
}

/// [`domain`] of a URL's bytes, written into `out`; where the host is ASCII
/// (nearly always) without a `String` along the way, since a campaign's
/// millions of URLs are keyed by their domains at once.
pub fn domain_into(url: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let rest = memchr::memmem::find(url, b"://").map_or(url, |at| &url[at + 3..]);
    let host = rest.split(|b| matches!(b, b'/' | b'?' | b'#')).next().unwrap_or_default();
    let host = host.rsplit(|&b| b == b'@').next().unwrap_or(host);
    let host = host.split(|&b| b == b':').next().unwrap_or(host);
    if host.is_ascii() {
        out.extend(host.iter().map(u8::to_ascii_lowercase));
        if out.starts_with(b"www.") {
            out.drain(..4);
        }
    } else {
        out.extend_from_slice(domain(&String::from_utf8_lossy(url)).as_bytes());
    }
}

/// The account a retweet's text names (`RT @name: …`), for files whose
/// `retweet_userid` is blank.
pub fn retweeted_name(text: &[u8]) -> Option<&[u8]> {
    let rest = text.strip_prefix(b"RT @")?;
    let end = rest.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Each hashtag's folded form and each URL's domain as a shared key, the
/// screen names retweets reveal, and the figures that do not depend on a
/// summary's range: worked out once per campaign, since every summary counts
/// and labels by them. The keys are interned bytes, not `String`s: a campaign
/// may have millions of hashtags.
pub struct Keys {
    hashtag_key: Vec<u32>,
    hashtag_names: Interner,
    /// The first hashtag of each key: its spelling, lowercased, is the key's
    /// label, since a folded key may read oddly (ایران folds to ايران).
    hashtag_first: Vec<u32>,
    domain_key: Vec<u32>,
    domain_names: Interner,
    pub names: RevealedNames,
    /// The first and the last day with a tweet, over all the campaign's tweets.
    days: Option<(i32, i32)>,
    inexact_ids: u64,
    hashed_accounts: u64,
}

/// A hashtag as counted: folded ([`fold`]) where it is UTF-8, and its bytes as
/// they are where it is not (`caf\xe9` and `caf\xe8` are two tags, not one `caf�`).
pub fn fold_tag(tag: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match std::str::from_utf8(tag) {
        Ok(text) if text.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) => fold(text).into_bytes().into(),
        _ => tag.into(),
    }
}

impl Keys {
    pub fn new(store: &Store) -> Keys {
        let (hashtag_key, hashtag_names) = key_ids(store.hashtags().len(), |i, key| {
            key.clear();
            key.extend_from_slice(&fold_tag(store.hashtags().bytes(i)));
        });
        let (domain_key, domain_names) = key_ids(store.urls().len(), |i, key| domain_into(store.urls().bytes(i), key));
        let mut hashtag_first = vec![u32::MAX; hashtag_names.len()];
        for (id, &key) in hashtag_key.iter().enumerate().rev() {
            hashtag_first[key as usize] = id as u32;
        }
        let times = store.times();
        let day = |minutes: &u32| (minutes / 1440) as i32;
        Keys {
            hashtag_key,
            hashtag_names,
            hashtag_first,
            domain_key,
            domain_names,
            names: RevealedNames::new(store),
            days: times.iter().min().map(day).zip(times.iter().max().map(day)),
            inexact_ids: (0..store.len()).filter(|&i| store.tweet_id(i).exact().is_none()).count() as u64,
            hashed_accounts: store.profiles().iter().filter(|(&u, p)| p.is_hashed(&store.users().text(u))).count()
                as u64,
        }
    }

    /// The key of hashtag `id`.
    pub fn hashtag(&self, id: u32) -> u32 {
        self.hashtag_key[id as usize]
    }

    /// The key of URL `id`: its domain.
    pub fn domain(&self, id: u32) -> u32 {
        self.domain_key[id as usize]
    }

    /// The first and the last day with a tweet, over all the campaign's
    /// tweets; `(0, 0)` without any.
    pub fn days(&self) -> (i32, i32) {
        self.days.unwrap_or((0, 0))
    }

    pub fn domain_count(&self) -> usize {
        self.domain_names.len()
    }

    pub fn hashtag_count(&self) -> usize {
        self.hashtag_names.len()
    }

    /// The key of a hashtag as a person types it (any case, with or without `#`).
    pub fn find_hashtag(&self, tag: &str) -> Option<u32> {
        self.hashtag_names.get(&fold_tag(tag.trim().trim_start_matches('#').as_bytes()))
    }

    pub fn hashtag_name(&self, key: u32) -> String {
        self.hashtag_names.text(key)
    }

    /// How a hashtag key is shown: its first spelling, lowercased.
    pub fn hashtag_label(&self, store: &Store, folded: &str) -> String {
        let first = self.hashtag_names.get(folded.as_bytes()).and_then(|key| self.hashtag_first.get(key as usize));
        match first {
            Some(&id) if (id as usize) < store.hashtags().len() => store.hashtags().text(id).to_lowercase(),
            _ => folded.to_string(),
        }
    }
}

/// Maps every interned id to a shared key id (lowercase hashtag, URL domain),
/// each key written by `key_of` into one reused buffer.
fn key_ids(count: usize, key_of: impl Fn(u32, &mut Vec<u8>)) -> (Vec<u32>, Interner) {
    let mut keys = Interner::default();
    let mut key = Vec::new();
    let map = (0..count as u32)
        .map(|i| {
            key_of(i, &mut key);
            keys.intern(&key)
        })
        .collect();
    (map, keys)
}

/// Counts values at most once per tweet, in time linear in the values: each
/// value remembers the last tweet that counted it.
struct OncePerTweet {
    counts: Vec<u64>,
    last_tweet: Vec<u32>,
}

impl OncePerTweet {
    /// Counting on from `counts`, one a value.
    fn new(counts: Vec<u64>) -> OncePerTweet {
        OncePerTweet { last_tweet: vec![u32::MAX; counts.len()], counts }
    }

    fn count(&mut self, tweet: usize, value: u32) {
        let at = value as usize;
        if self.last_tweet[at] != tweet as u32 {
            self.last_tweet[at] = tweet as u32;
            self.counts[at] += 1;
        }
    }
}

/// The [`TOP_N`] most counted of an interned table, by count and then by
/// their bytes, without a `String` for each of the (perhaps millions of) others.
fn top_interned(names: &Interner, counts: Vec<u64>, keep: impl Fn(&[u8]) -> bool) -> Ranking {
    let order =
        |&(a, na): &(u32, u64), &(b, nb): &(u32, u64)| nb.cmp(&na).then_with(|| names.bytes(a).cmp(names.bytes(b)));
    let mut top: Vec<(u32, u64)> = Vec::with_capacity(2 * TOP_N);
    for (id, n) in counts.into_iter().enumerate().map(|(id, n)| (id as u32, n)) {
        if n == 0 || !keep(names.bytes(id)) {
            continue;
        }
        top.push((id, n));
        // Keep the list short: sort and cut whenever it doubles.
        if top.len() == 2 * TOP_N {
            top.sort_unstable_by(order);
            top.truncate(TOP_N);
        }
    }
    top.sort_unstable_by(order);
    top.truncate(TOP_N);
    top.into_iter().map(|(id, n)| (names.text(id), n)).collect()
}

fn by_period(counts: &FxMap<i32, u64>, format: fn(i32) -> String) -> BTreeMap<String, u64> {
    counts.iter().map(|(&day, &n)| (format(day), n)).collect()
}

pub fn summarize(campaign: &Campaign) -> Summary {
    summarize_in(campaign, None, &Keys::new(&campaign.store))
}

/// The summary of the tweets in `range`, by a pass over every row; with a
/// range, `accounts` counts the accounts that tweeted in it.
pub fn summarize_in(campaign: &Campaign, range: Option<Range>, keys: &Keys) -> Summary {
    finish(campaign, range, keys, scan(&campaign.store, range, keys))
}

/// What a summary counts, before it is ranked and labelled: by a pass over
/// the rows ([`summarize_in`]) or summed from each day's figures
/// ([`crate::core::by_day`]).
pub(crate) struct Counts {
    pub kinds: [u64; 4],
    /// By language and by client id.
    pub languages: Vec<u64>,
    pub clients: Vec<u64>,
    /// Tweets carrying each hashtag key, each domain key, each mentioned user.
    pub hashtags: Vec<u64>,
    pub domains: Vec<u64>,
    pub mentioned: Vec<u64>,
    /// Retweets of each user id, and by the name their text gives where the id is blank.
    pub retweeted_users: Vec<u64>,
    pub retweeted_names: FxMap<String, u64>,
    /// Tweets a day, from the campaign's first day ([`Keys::days`]) to its last.
    pub days: Vec<u64>,
    pub hour_by_weekday: Vec<[u64; 24]>,
    pub accounts_with_tweets: u64,
    /// The first and the last tweet's minute, where there is one.
    pub span: Option<(u32, u32)>,
}

impl Counts {
    /// Nothing counted yet, with room for every value of the campaign.
    pub fn empty(store: &Store, keys: &Keys) -> Counts {
        let (first_day, last_day) = keys.days();
        Counts {
            kinds: [0; 4],
            languages: vec![0; store.languages().len()],
            clients: vec![0; store.clients().len()],
            hashtags: vec![0; keys.hashtag_names.len()],
            domains: vec![0; keys.domain_names.len()],
            mentioned: vec![0; store.users().len()],
            retweeted_users: vec![0; store.users().len()],
            retweeted_names: FxMap::default(),
            days: vec![0; (last_day - first_day + 1) as usize],
            hour_by_weekday: vec![[0; 24]; 7],
            accounts_with_tweets: 0,
            span: None,
        }
    }
}

fn scan(store: &Store, range: Option<Range>, keys: &Keys) -> Counts {
    let mut counts = Counts::empty(store, keys);
    let mut hashtags = OncePerTweet::new(std::mem::take(&mut counts.hashtags));
    let mut domains = OncePerTweet::new(std::mem::take(&mut counts.domains));
    let mut mentioned = OncePerTweet::new(std::mem::take(&mut counts.mentioned));
    let first_day = keys.days().0;
    let mut authors = vec![false; store.users().len()];
    let (mut first, mut last) = (u32::MAX, u32::MIN);

    for (i, &minutes) in store.times().iter().enumerate() {
        if range.is_some_and(|r| !r.contains(minutes)) {
            continue;
        }
        (first, last) = (first.min(minutes), last.max(minutes));
        let kind = store.kind(i);
        counts.kinds[kind as usize] += 1;
        counts.languages[store.lang(i) as usize] += 1;
        counts.clients[store.client(i) as usize] += 1;
        authors[store.author(i) as usize] = true;
        let day = (minutes / 1440) as i32;
        counts.days[(day - first_day) as usize] += 1;
        counts.hour_by_weekday[time::weekday(day)][(minutes % 1440 / 60) as usize] += 1;
        if kind == TweetKind::Retweet {
            // The text is read only without the retweeted account's id: it
            // lies far from the columns, a cache miss for each tweet.
            match store.ref_user(i) {
                Some(user) => counts.retweeted_users[user as usize] += 1,
                None => {
                    if let Some(name) = retweeted_name(store.text(i)) {
                        *counts.retweeted_names.entry(String::from_utf8_lossy(name).into_owned()).or_default() += 1;
                    }
                }
            }
        }
        for entity in store.entities(i) {
            match entity {
                Entity::Hashtag(id) => hashtags.count(i, keys.hashtag(id)),
                Entity::Url(id) => domains.count(i, keys.domain(id)),
                Entity::Mention(user) => mentioned.count(i, user),
            }
        }
    }
    counts.hashtags = hashtags.counts;
    counts.domains = domains.counts;
    counts.mentioned = mentioned.counts;
    counts.accounts_with_tweets = authors.iter().filter(|&&a| a).count() as u64;
    counts.span = (first <= last).then_some((first, last));
    counts
}

/// The summary of what was counted over `range`.
pub(crate) fn finish(campaign: &Campaign, range: Option<Range>, keys: &Keys, counts: Counts) -> Summary {
    let store = &campaign.store;
    let mut retweeted = counts.retweeted_names;
    for (user, n) in counts.retweeted_users.into_iter().enumerate().filter(|&(_, n)| n > 0) {
        let user = user as u32;
        *retweeted.entry(user_label(store, &keys.names, user)).or_default() += n;
    }
    let first_day = keys.days().0;
    let per_day: FxMap<i32, u64> =
        counts.days.iter().enumerate().filter(|(_, &n)| n > 0).map(|(d, &n)| (first_day + d as i32, n)).collect();
    let mut weeks: FxMap<i32, u64> = FxMap::default();
    let mut months: FxMap<i32, u64> = FxMap::default();
    for (&day, &n) in &per_day {
        *weeks.entry(time::week_start(day)).or_default() += n;
        *months.entry(time::month_start(day)).or_default() += n;
    }
    let mut creations: FxMap<i32, u64> = FxMap::default();
    for created in store.profiles().values().filter_map(|p| p.created) {
        *creations.entry(time::month_start(created)).or_default() += 1;
    }
    let label = |names: &Interner, i: usize| match names.text(i as u32) {
        blank if blank.is_empty() => "(blank)".to_string(),
        text => text,
    };
    let kinds = counts.kinds;
    let accounts_with_tweets = counts.accounts_with_tweets;
    let mentioned = counts.mentioned.into_iter().enumerate().filter(|(_, n)| *n > 0);
    Summary {
        name: campaign.name.clone(),
        accounts: if range.is_some() { accounts_with_tweets } else { store.profiles().len() as u64 },
        hashed_accounts: keys.hashed_accounts,
        accounts_with_tweets,
        tweets: kinds.iter().sum(),
        originals: kinds[TweetKind::Original as usize],
        retweets: kinds[TweetKind::Retweet as usize],
        replies: kinds[TweetKind::Reply as usize],
        quotes: kinds[TweetKind::Quote as usize],
        first_tweet: counts.span.map(|(first, _)| time::format_minutes(first)),
        last_tweet: counts.span.map(|(_, last)| time::format_minutes(last)),
        rejected_rows: campaign.rejected_rows,
        rejections: campaign.rejections.clone(),
        rejected_by_kind: campaign.rejected_by_kind.clone(),
        duplicate_tweets: campaign.duplicate_tweets,
        inexact_ids: keys.inexact_ids,
        files: campaign.file_list(),
        top_hashtags: top_interned(&keys.hashtag_names, counts.hashtags, |_| true)
            .into_iter()
            .map(|(folded, n)| (keys.hashtag_label(store, &folded), n))
            .collect(),
        top_languages: rank(counts.languages.iter().enumerate().map(|(i, &n)| (label(store.languages(), i), n)), TOP_N),
        top_clients: rank(counts.clients.iter().enumerate().map(|(i, &n)| (label(store.clients(), i), n)), TOP_N),
        top_domains: top_interned(&keys.domain_names, counts.domains, |domain| !domain.is_empty()),
        top_mentioned: rank(mentioned.map(|(u, n)| (user_label(store, &keys.names, u as u32), n)), TOP_N),
        top_retweeted: rank(retweeted, TOP_N),
        tweets_per_day: by_period(&per_day, time::format_day),
        tweets_per_week: by_period(&weeks, time::format_day),
        tweets_per_month: by_period(&months, time::format_month),
        account_creations_per_month: by_period(&creations, time::format_month),
        hour_by_weekday: counts.hour_by_weekday,
    }
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

    #[test]
    fn finds_domains_and_retweeted_names() {
        assert_eq!(domain("https://www.Example.com:8080/a?b#c"), "example.com");
        assert_eq!(domain("http://user@t.co/x"), "t.co");
        assert_eq!(domain("no scheme/path"), "no scheme");
    }

    #[test]
    fn domains_of_bytes_are_the_domains_of_the_text() {
        let urls: [&[u8]; 9] = [
            b"https://www.Example.com:8080/a?b#c",
            b"http://user@t.co/x",
            b"no scheme/path",
            b"HTTPS://WWW.BBC.CO.UK",
            b"https://a@b@Host.org:1/",
            "https://Bücher.DE/x".as_bytes(),
            b"https://ok.com/\xff\xfe",
            b"://",
            b"",
        ];
        let mut out = Vec::new();
        for url in urls {
            domain_into(url, &mut out);
            assert_eq!(out, domain(&String::from_utf8_lossy(url)).into_bytes(), "{url:?}");
        }
        assert_eq!(retweeted_name(b"RT @some_one: hello"), Some(&b"some_one"[..]));
        assert_eq!(retweeted_name(b"RT @: hello"), None);
        assert_eq!(retweeted_name(b"hello"), None);
    }
}
