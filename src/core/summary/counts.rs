//! What a summary counts, before it is ranked and labelled, and the summary
//! made of it: by a pass over the rows, or summed from the days' figures
//! ([`crate::core::by_day`]).

use super::{rank, retweeted_name, user_label, Keys, Ranking, Summary, TOP_N};
use crate::core::campaign::Campaign;
use crate::core::store::{Entity, FxMap, Interner, Store, TweetKind};
use crate::core::time::{self, Range};
use std::collections::BTreeMap;

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

pub(super) fn scan(store: &Store, range: Option<Range>, keys: &Keys) -> Counts {
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
