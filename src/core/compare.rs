//! Two or more campaigns side by side: their headline figures, the hashtags,
//! domains and accounts they share, the accounts in both, and the links from
//! the accounts of one to those of the other.
//!
//! Items and accounts are matched by their text as the files write it: a
//! hashtag case-folded, a domain lowercased without `www.`, an account by its
//! user id. Hashed releases hash the ids of accounts outside a campaign too,
//! so two releases share such an account only if both wrote the same hash.

use crate::core::campaign::Campaign;
use crate::core::report::{headline, Headline};
use crate::core::store::{Entity, FxMap, Store, TweetKind};
use crate::core::summary::{domain, retweeted_name, user_label, Keys};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How many shared items of each kind a pair lists, those most used first.
pub const SHARED_LIST: usize = 500;
/// How many links a pair lists in each direction, those with most tweets first …
pub const LINK_LIST: usize = 1000;
/// … and how many of a link's tweet ids it lists, the first in row order.
pub const LINK_TWEETS: usize = 100;

/// An item both campaigns have, and how many tweets of each carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedItem {
    /// The key matched: folded hashtag, domain, or user id.
    pub item: String,
    /// How the first campaign shows it (an account's screen name where known).
    pub label: String,
    pub tweets_a: u64,
    pub tweets_b: u64,
}

/// One kind of item of two campaigns as sets: sizes, overlap and the items in both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedItems {
    pub shared: u64,
    pub only_a: u64,
    pub only_b: u64,
    /// shared / (shared + only_a + only_b); 0 when both sets are empty.
    pub jaccard: f64,
    /// The first [`SHARED_LIST`] shared items by `tweets_a + tweets_b`, most
    /// first, then by item.
    pub items: Vec<SharedItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Retweet,
    Reply,
    Mention,
}

/// How a link's target was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// `retweet_userid`, `in_reply_to_userid` or `user_mentions` (or, on a
    /// retweet without `retweet_userid`, its first mention).
    UserId,
    /// An `@name` in the text (`RT @name:` on a retweet without a user id),
    /// case-insensitively equal to the target's screen name.
    ScreenName,
}

/// An account of campaign `from` retweeting, replying to or mentioning an
/// account of campaign `to`, and the tweets that do it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrossLink {
    pub from: String,
    pub to: String,
    pub kind: LinkKind,
    pub matched_by: MatchedBy,
    /// User ids: the author in `from`, the account in `to`.
    pub source: String,
    pub target: String,
    /// Tweets that make the link.
    pub tweet_count: u64,
    /// The first [`LINK_TWEETS`] of their ids, as the files write them, in row order.
    pub tweets: Vec<String>,
}

/// The links from one campaign to the other: how many, and the first [`LINK_LIST`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Links {
    /// Links (source, target, kind and how matched) found, and the tweets behind them.
    pub total: u64,
    pub tweets: u64,
    pub links: Vec<CrossLink>,
}

/// Two campaigns compared, `a` and `b` in the order given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub hashtags: SharedItems,
    pub domains: SharedItems,
    pub retweeted: SharedItems,
    pub mentioned: SharedItems,
    /// User ids that are accounts of both, sorted.
    pub shared_accounts: Vec<String>,
    /// From `a`'s accounts to `b`'s, and from `b`'s to `a`'s.
    pub links_a_to_b: Links,
    pub links_b_to_a: Links,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub headlines: Vec<Headline>,
    /// Every pair (i, j) with i < j in the order given.
    pub pairs: Vec<Pair>,
}

/// What a campaign's tweets use, each item counted once per tweet: key → (label, tweets).
#[derive(Default)]
pub struct Items {
    pub hashtags: BTreeMap<String, (String, u64)>,
    pub domains: BTreeMap<String, (String, u64)>,
    /// Keyed by user id where the tweet names one (`retweet_userid`, else the
    /// retweet's first mention), else by `@name` from `RT @name:`.
    pub retweeted: BTreeMap<String, (String, u64)>,
    pub mentioned: BTreeMap<String, (String, u64)>,
}

/// The account a retweet retweeted, by id: `retweet_userid`, or its first mention.
fn retweeted_user(store: &Store, i: usize) -> Option<u32> {
    store.ref_user(i).or_else(|| {
        store.entities(i).find_map(|e| match e {
            Entity::Mention(user) => Some(user),
            _ => None,
        })
    })
}

pub fn items(campaign: &Campaign) -> Items {
    let store = &campaign.store;
    let keys = Keys::new(store);
    let mut items = Items::default();
    let mut seen: BTreeSet<(u8, String)> = BTreeSet::new();
    let count = |map: &mut BTreeMap<String, (String, u64)>, key: String, label: &dyn Fn() -> String| {
        map.entry(key).or_insert_with(|| (label(), 0)).1 += 1;
    };
    for i in 0..store.len() {
        seen.clear();
        for entity in store.entities(i) {
            let (kind, key) = match entity {
                Entity::Hashtag(id) => (0, keys.hashtag_name(keys.hashtag(id))),
                Entity::Url(id) => (1, domain(&store.urls().text(id))),
                Entity::Mention(user) => (2, store.users().text(user)),
            };
            if key.is_empty() || !seen.insert((kind, key.clone())) {
                continue;
            }
            match (kind, entity) {
                (0, _) => count(&mut items.hashtags, key.clone(), &|| keys.hashtag_label(store, &key)),
                (1, _) => count(&mut items.domains, key.clone(), &|| key.clone()),
                (_, Entity::Mention(user)) => {
                    count(&mut items.mentioned, key, &|| user_label(store, &keys.names, user))
                }
                _ => {}
            }
        }
        if store.kind(i) == TweetKind::Retweet {
            // The text only without the retweeted account's id (a cache miss), as the summary does.
            match retweeted_user(store, i) {
                Some(user) => {
                    count(&mut items.retweeted, store.users().text(user), &|| user_label(store, &keys.names, user))
                }
                None => {
                    if let Some(name) = retweeted_name(store.text(i)) {
                        let name = format!("@{}", String::from_utf8_lossy(name));
                        count(&mut items.retweeted, name.clone(), &|| name.clone())
                    }
                }
            }
        }
    }
    items
}

/// The two sets' overlap, the shared items with their counts in each.
pub fn shared_items(a: &BTreeMap<String, (String, u64)>, b: &BTreeMap<String, (String, u64)>) -> SharedItems {
    let mut items: Vec<SharedItem> = a
        .iter()
        .filter_map(|(key, (label, na))| {
            let (_, nb) = b.get(key)?;
            Some(SharedItem { item: key.clone(), label: label.clone(), tweets_a: *na, tweets_b: *nb })
        })
        .collect();
    let shared = items.len() as u64;
    let (only_a, only_b) = (a.len() as u64 - shared, b.len() as u64 - shared);
    let union = shared + only_a + only_b;
    items.sort_by(|x, y| (y.tweets_a + y.tweets_b).cmp(&(x.tweets_a + x.tweets_b)).then_with(|| x.item.cmp(&y.item)));
    items.truncate(SHARED_LIST);
    SharedItems { shared, only_a, only_b, jaccard: if union == 0 { 0.0 } else { shared as f64 / union as f64 }, items }
}

/// User ids that are accounts (have a profile) in both campaigns, sorted.
pub fn shared_accounts(a: &Campaign, b: &Campaign) -> Vec<String> {
    let mut ids: Vec<String> = a
        .store
        .profiles()
        .keys()
        .map(|&user| a.store.users().bytes(user))
        .filter(|id| b.store.users().get(id).is_some_and(|user| b.store.profile(user).is_some()))
        .map(|id| String::from_utf8_lossy(id).into_owned())
        .collect();
    ids.sort_unstable();
    ids
}

/// The `@name`s of a text: `@` not after a letter, digit or `_`, then 1 to 15
/// of ASCII letters, digits and `_` (Twitter's handles), lowercased.
fn handles(text: &[u8]) -> Vec<String> {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found = Vec::new();
    for (at, _) in text.iter().enumerate().filter(|&(at, &b)| b == b'@' && (at == 0 || !word(text[at - 1]))) {
        let name: Vec<u8> = text[at + 1..].iter().copied().take_while(|&b| word(b)).collect();
        if (1..=15).contains(&name.len()) {
            found.push(String::from_utf8_lossy(&name).to_ascii_lowercase());
        }
    }
    found
}

/// The links from `from`'s accounts to `to`'s: every tweet of `from` that
/// retweets (the retweeted account), replies to (`in_reply_to_userid`) or
/// mentions an account of `to` (by user id, and by `@name` against `to`'s
/// screen names where the tweet does not already name that account by id). A
/// tweet links to each account once: the retweet or the reply first (a
/// retweet's or reply's mention of the account it retweets or answers is that
/// link, not a mention too), then mentions by id, then `@name`s. An account
/// linking to itself (in both campaigns) is left out. By tweets, most first,
/// then by kind, source and target.
pub fn cross_links(from: &Campaign, to: &Campaign) -> Links {
    let (store, target_store) = (&from.store, &to.store);
    // A user id of `from` → the same account in `to`.
    let account_in_to = |user: u32| -> Option<u32> {
        let other = target_store.users().get(store.users().bytes(user))?;
        target_store.profile(other).is_some().then_some(other)
    };
    let mut by_name: FxMap<String, u32> = FxMap::default();
    for (&user, p) in target_store.profiles() {
        // A hashed release's screen name is the hash: mentions name those by id.
        if !p.screen_name.is_empty() && p.screen_name.as_bytes() != target_store.users().bytes(user) {
            by_name.entry(p.screen_name.to_ascii_lowercase()).or_insert(user);
        }
    }
    // (kind, how matched, source, target) → tweets, and the first ids.
    type Key = (LinkKind, MatchedBy, u32, u32);
    let mut links: BTreeMap<Key, (u64, Vec<String>)> = BTreeMap::new();
    for i in 0..store.len() {
        let author = store.author(i);
        let same_as_author = |target: u32| target_store.users().bytes(target) == store.users().bytes(author);
        let mut found: Vec<(LinkKind, MatchedBy, u32)> = Vec::new();
        let retweeted = if store.kind(i) == TweetKind::Retweet { retweeted_user(store, i) } else { None };
        match store.kind(i) {
            TweetKind::Retweet => match retweeted {
                Some(user) => found.extend(account_in_to(user).map(|t| (LinkKind::Retweet, MatchedBy::UserId, t))),
                None => {
                    let name = retweeted_name(store.text(i)).map(|n| String::from_utf8_lossy(n).to_ascii_lowercase());
                    found.extend(
                        name.and_then(|n| by_name.get(&n)).map(|&t| (LinkKind::Retweet, MatchedBy::ScreenName, t)),
                    );
                }
            },
            TweetKind::Reply => {
                found.extend(store.ref_user(i).and_then(account_in_to).map(|t| (LinkKind::Reply, MatchedBy::UserId, t)))
            }
            _ => {}
        }
        let mut named: Vec<u32> = found.iter().map(|&(_, _, t)| t).collect();
        for user in store.entities(i).filter_map(|e| match e {
            Entity::Mention(user) if Some(user) != retweeted => Some(user),
            _ => None,
        }) {
            if let Some(t) = account_in_to(user).filter(|t| !named.contains(t)) {
                named.push(t);
                found.push((LinkKind::Mention, MatchedBy::UserId, t));
            }
        }
        let rt_name = retweeted_name(store.text(i)).filter(|_| store.kind(i) == TweetKind::Retweet);
        let skip = rt_name.map(|n| String::from_utf8_lossy(n).to_ascii_lowercase());
        for name in handles(store.text(i)) {
            if skip.as_ref() == Some(&name) {
                continue;
            }
            if let Some(&t) = by_name.get(&name).filter(|t| !named.contains(t)) {
                named.push(t);
                found.push((LinkKind::Mention, MatchedBy::ScreenName, t));
            }
        }
        for (kind, matched_by, target) in found.into_iter().filter(|&(_, _, t)| !same_as_author(t)) {
            let (count, ids) = links.entry((kind, matched_by, author, target)).or_default();
            *count += 1;
            if ids.len() < LINK_TWEETS {
                ids.push(store.tweet_id(i).to_string());
            }
        }
    }
    let total = links.len() as u64;
    let tweets = links.values().map(|(n, _)| n).sum();
    let mut ranked: Vec<_> = links.into_iter().collect();
    // Ordered before any text is made for them: most of a big pair's links are not listed.
    let (source_id, target_id) = (|u: u32| store.users().bytes(u), |u: u32| target_store.users().bytes(u));
    ranked.sort_by(|((ka, _, sa, ta), (na, _)), ((kb, _, sb, tb), (nb, _))| {
        nb.cmp(na).then_with(|| (ka, source_id(*sa), target_id(*ta)).cmp(&(kb, source_id(*sb), target_id(*tb))))
    });
    ranked.truncate(LINK_LIST);
    let links = ranked
        .into_iter()
        .map(|((kind, matched_by, source, target), (tweet_count, tweets))| CrossLink {
            from: from.name.clone(),
            to: to.name.clone(),
            kind,
            matched_by,
            source: store.users().text(source),
            target: target_store.users().text(target),
            tweet_count,
            tweets,
        })
        .collect();
    Links { total, tweets, links }
}

/// Every campaign's headline, and every pair compared.
pub fn compare(campaigns: &[&Campaign]) -> Comparison {
    let all: Vec<Items> = campaigns.iter().map(|c| items(c)).collect();
    let mut pairs = Vec::new();
    for (i, a) in campaigns.iter().enumerate() {
        for (j, b) in campaigns.iter().enumerate().skip(i + 1) {
            let (ia, ib) = (&all[i], &all[j]);
            pairs.push(Pair {
                a: a.name.clone(),
                b: b.name.clone(),
                hashtags: shared_items(&ia.hashtags, &ib.hashtags),
                domains: shared_items(&ia.domains, &ib.domains),
                retweeted: shared_items(&ia.retweeted, &ib.retweeted),
                mentioned: shared_items(&ia.mentioned, &ib.mentioned),
                shared_accounts: shared_accounts(a, b),
                links_a_to_b: cross_links(a, b),
                links_b_to_a: cross_links(b, a),
            });
        }
    }
    Comparison { headlines: campaigns.iter().map(|c| headline(c)).collect(), pairs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_in_text() {
        assert_eq!(handles(b"@Ann hi @bob_2, mail a@b.c @"), ["ann", "bob_2"]);
        // 16 characters: longer than any handle.
        assert!(handles(b"@sixteen_letters_").is_empty());
        assert_eq!(handles(b"@fifteen_letters"), ["fifteen_letters"]);
    }
}
