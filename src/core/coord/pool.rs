//! The tweets a network is computed over: one campaign's, or a pool of
//! several, so that accounts of one campaign that act with accounts of
//! another show as edges between them.
//!
//! A pool numbers the tweets of its campaigns one after another (campaign
//! order, then row order) and its accounts by user id across them, as the
//! files write it: an account found in two campaigns is one account of the
//! pool. One campaign is a pool of one, whose tweet and account numbers are
//! its store's own.

use crate::core::interner::Interner;
use crate::core::store::{Profile, Store, TweetId};

/// One campaign of a pool.
struct Part<'a> {
    name: &'a str,
    store: &'a Store,
    /// The pool's number of this campaign's first tweet.
    first: u32,
}

/// The accounts of a pool of more than one campaign.
struct PooledUsers {
    ids: Interner,
    /// Per campaign, the pool's number of each of its store's accounts.
    of_part: Vec<Vec<u32>>,
    /// Per pooled account, the first campaign that knows it, and its number there.
    home: Vec<(u32, u32)>,
}

pub struct Pool<'a> {
    parts: Vec<Part<'a>>,
    /// `None` for one campaign: the store's own numbers serve.
    users: Option<PooledUsers>,
    tweets: usize,
}

impl<'a> Pool<'a> {
    /// One campaign's tweets.
    pub fn one(name: &'a str, store: &'a Store) -> Pool<'a> {
        Pool { parts: vec![Part { name, store, first: 0 }], users: None, tweets: store.len() }
    }

    /// Several campaigns' tweets as one, their accounts joined by user id.
    pub fn of(campaigns: impl IntoIterator<Item = (&'a str, &'a Store)>) -> Pool<'a> {
        let mut parts = Vec::new();
        let mut tweets = 0usize;
        for (name, store) in campaigns {
            let first = u32::try_from(tweets).expect("a pool holds fewer than 2^32 tweets");
            parts.push(Part { name, store, first });
            tweets += store.len();
        }
        if parts.len() == 1 {
            return Pool { parts, users: None, tweets };
        }
        let mut users = PooledUsers { ids: Interner::default(), of_part: Vec::new(), home: Vec::new() };
        for (p, part) in parts.iter().enumerate() {
            let own = part.store.users();
            let map = (0..own.len() as u32)
                .map(|u| {
                    let pooled = users.ids.intern(own.bytes(u));
                    if pooled as usize == users.home.len() {
                        users.home.push((p as u32, u));
                    }
                    pooled
                })
                .collect();
            users.of_part.push(map);
        }
        Pool { parts, users: Some(users), tweets }
    }

    /// How many tweets the pool holds.
    pub fn len(&self) -> usize {
        self.tweets
    }

    pub fn is_empty(&self) -> bool {
        self.tweets == 0
    }

    /// How many accounts the pool knows (authors and mentioned accounts).
    pub fn user_count(&self) -> usize {
        match &self.users {
            Some(users) => users.home.len(),
            None => self.parts.first().map_or(0, |p| p.store.users().len()),
        }
    }

    /// An account's user id as the files write it.
    pub fn user_id(&self, user: u32) -> String {
        let (part, own) = self.home(user);
        self.parts[part].store.users().text(own)
    }

    /// An account's profile, from the first campaign that has one.
    pub fn profile(&self, user: u32) -> Option<&'a Profile> {
        let Some(users) = &self.users else { return self.parts[0].store.profile(user) };
        let id = users.ids.bytes(user);
        self.parts.iter().find_map(|part| part.store.users().get(id).and_then(|own| part.store.profile(own)))
    }

    /// The campaigns, in the pool's order.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.parts.iter().map(|p| p.name)
    }

    /// Each campaign's store with the pool's number of its first tweet.
    pub(crate) fn stores(&self) -> impl Iterator<Item = (usize, &'a Store, u32)> + '_ {
        self.parts.iter().enumerate().map(|(p, part)| (p, part.store, part.first))
    }

    /// The pool's number of account `own` of campaign `part`.
    pub(crate) fn user(&self, part: usize, own: u32) -> u32 {
        match &self.users {
            Some(users) => users.of_part[part][own as usize],
            None => own,
        }
    }

    /// A pooled account's first campaign and its number there.
    fn home(&self, user: u32) -> (usize, u32) {
        match &self.users {
            Some(users) => {
                let (part, own) = users.home[user as usize];
                (part as usize, own)
            }
            None => (0, user),
        }
    }

    /// The campaign of a pooled tweet, and its row in that campaign's store.
    pub fn locate(&self, tweet: u32) -> (usize, usize) {
        let part = self.parts.partition_point(|p| p.first <= tweet) - 1;
        (part, (tweet - self.parts[part].first) as usize)
    }

    /// The store holding a pooled tweet, and its row there.
    pub fn row(&self, tweet: u32) -> (&'a Store, usize) {
        let (part, row) = self.locate(tweet);
        (self.parts[part].store, row)
    }

    /// The campaign a pooled tweet belongs to.
    pub fn campaign(&self, tweet: u32) -> &'a str {
        self.parts[self.locate(tweet).0].name
    }

    pub fn tweet_id(&self, tweet: u32) -> TweetId<'a> {
        let (store, row) = self.row(tweet);
        store.tweet_id(row)
    }

    pub fn text(&self, tweet: u32) -> &'a [u8] {
        let (store, row) = self.row(tweet);
        store.text(row)
    }

    /// How many tweets each pooled account wrote, by account number.
    pub fn tweets_per_user(&self) -> Vec<u64> {
        let mut tweets = vec![0u64; self.user_count()];
        for (_, author) in self.authors() {
            tweets[author as usize] += 1;
        }
        tweets
    }

    /// The campaigns each pooled account tweeted in, joined by `+`, by
    /// account number (empty for an account that only is mentioned).
    pub fn campaigns_per_user(&self) -> Vec<String> {
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); self.user_count()];
        for (part, user) in self.authors() {
            let seen = &mut parts[user as usize];
            if seen.last() != Some(&part) {
                seen.push(part);
            }
        }
        parts.iter().map(|ps| ps.iter().map(|&p| self.parts[p].name).collect::<Vec<_>>().join("+")).collect()
    }

    /// How an account is shown: its screen name where a profile has one,
    /// else its user id.
    pub fn label(&self, user: u32) -> String {
        self.profile(user)
            .map(|p| p.screen_name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.user_id(user))
    }

    /// Every tweet's campaign and pooled author, in the pool's order.
    pub fn authors(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.stores().flat_map(move |(p, store, _)| store.authors().iter().map(move |&own| (p, self.user(p, own))))
    }
}
