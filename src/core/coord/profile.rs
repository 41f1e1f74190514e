//! What each community of a network is like: its accounts and tweets, how
//! many of those tweets are coordinated, and what it shares most.

use super::{coordinated_tweets, Groups, Network, Pool};
use crate::core::store::{Entity, FxMap, TweetKind};
use crate::core::summary::{domain, fold_tag, rank, retweeted_name, user_label, Ranking, RevealedNames};
use serde::{Deserialize, Serialize};

/// How many hashtags, domains and retweeted accounts a community lists.
const TOP: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityProfile {
    pub community: u32,
    pub accounts: u64,
    pub tweets: u64,
    /// Tweets with a partner tweet on one of the network's edges.
    pub coordinated_tweets: u64,
    pub top_hashtags: Ranking,
    pub top_domains: Ranking,
    pub top_retweeted: Ranking,
}

impl CommunityProfile {
    pub fn coordinated_share(&self) -> f64 {
        if self.tweets == 0 {
            0.0
        } else {
            self.coordinated_tweets as f64 / self.tweets as f64
        }
    }
}

/// One profile per community of `groups`, in community order.
pub fn profiles(pool: &Pool, network: &Network, groups: &Groups) -> Vec<CommunityProfile> {
    profiles_of(pool, groups, &coordinated_tweets(pool, network.settings, &network.undirected()))
}

/// [`profiles`], given which of the pool's tweets are coordinated.
pub(super) fn profiles_of(pool: &Pool, groups: &Groups, coordinated: &[bool]) -> Vec<CommunityProfile> {
    let community_of: FxMap<u32, u32> = groups.members.iter().map(|&(user, _, c)| (user, c)).collect();
    #[derive(Default)]
    struct Counts {
        accounts: u64,
        tweets: u64,
        coordinated: u64,
        hashtags: FxMap<Vec<u8>, u64>,
        domains: FxMap<String, u64>,
        retweeted: FxMap<String, u64>,
    }
    let mut counts: Vec<Counts> = (0..groups.communities).map(|_| Counts::default()).collect();
    for &(_, _, c) in &groups.members {
        counts[c as usize].accounts += 1;
    }
    for (part, store, first) in pool.stores() {
        let revealed = RevealedNames::new(store);
        for i in 0..store.len() {
            let Some(&c) = community_of.get(&pool.user(part, store.author(i))) else { continue };
            let counts = &mut counts[c as usize];
            counts.tweets += 1;
            counts.coordinated += u64::from(coordinated[first as usize + i]);
            if store.kind(i) == TweetKind::Retweet {
                // The text only without the retweeted account's id (a cache miss).
                let name = match store.ref_user(i) {
                    Some(user) => Some(user_label(store, &revealed, user)),
                    None => retweeted_name(store.text(i)).map(|n| String::from_utf8_lossy(n).into_owned()),
                };
                if let Some(name) = name {
                    *counts.retweeted.entry(name).or_default() += 1;
                }
            }
            for entity in store.entities(i) {
                match entity {
                    Entity::Hashtag(h) => {
                        *counts.hashtags.entry(fold_tag(store.hashtags().bytes(h)).into_owned()).or_default() += 1
                    }
                    Entity::Url(u) => {
                        let url = String::from_utf8_lossy(store.urls().bytes(u));
                        *counts.domains.entry(domain(&url)).or_default() += 1
                    }
                    Entity::Mention(_) => {}
                }
            }
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(c, k)| CommunityProfile {
            community: c as u32,
            accounts: k.accounts,
            tweets: k.tweets,
            coordinated_tweets: k.coordinated,
            top_hashtags: rank(k.hashtags.into_iter().map(|(t, n)| (String::from_utf8_lossy(&t).into_owned(), n)), TOP),
            top_domains: rank(k.domains.into_iter().filter(|(d, _)| !d.is_empty()), TOP),
            top_retweeted: rank(k.retweeted, TOP),
        })
        .collect()
}
