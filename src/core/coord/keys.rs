//! What two tweets must share, per kind of network, as one `u64` key per
//! (tweet, key) event.

use super::Event;
use crate::core::store::{Entity, Interner, Store, TweetId, TweetKind};
use crate::core::summary::fold_tag;
use serde::{Deserialize, Serialize};

/// The kinds of co-action network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Retweets of the same tweet.
    CoRetweet,
    /// The same text (lowercased, @mentions removed, whitespace collapsed), retweets excluded.
    CoTweet,
    /// The same URL, retweets excluded.
    CoLink,
    /// Replies to the same tweet.
    CoReply,
    /// The same hashtag (case-folded), retweets excluded.
    CoHashtag,
    /// The same mentioned account, retweets excluded.
    CoMention,
    /// Any two tweets: what chance alone gives.
    CoPost,
}

impl Kind {
    pub const ALL: [Kind; 7] =
        [Kind::CoRetweet, Kind::CoTweet, Kind::CoLink, Kind::CoReply, Kind::CoHashtag, Kind::CoMention, Kind::CoPost];

    pub fn name(self) -> &'static str {
        match self {
            Kind::CoRetweet => "co_retweet",
            Kind::CoTweet => "co_tweet",
            Kind::CoLink => "co_link",
            Kind::CoReply => "co_reply",
            Kind::CoHashtag => "co_hashtag",
            Kind::CoMention => "co_mention",
            Kind::CoPost => "co_post",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether a tweet has at most one key of this kind.
    pub(crate) fn one_key_per_tweet(self) -> bool {
        !matches!(self, Kind::CoLink | Kind::CoHashtag | Kind::CoMention)
    }
}

/// Keys at or above this bit are indexes into [`Names`]; below it, a tweet id,
/// user id or tag id as it is.
const NAMED: u64 = 1 << 63;

/// The keys that are not plain numbers: texts, URLs, tags, ids that are not exact.
pub(crate) struct Names {
    kind: Kind,
    table: Interner,
}

impl Names {
    fn key(&mut self, bytes: &[u8]) -> u64 {
        NAMED | u64::from(self.table.intern(bytes))
    }

    /// A key as a person reads it.
    pub(crate) fn describe(&self, store: &Store, key: u64) -> String {
        if key >= NAMED {
            return self.table.text((key - NAMED) as u32);
        }
        match self.kind {
            Kind::CoMention => store.users().text(key as u32),
            Kind::CoPost => "any tweet".to_string(),
            _ => key.to_string(),
        }
    }
}

/// co_tweet's normalisation, as the Coordination Network Toolkit's: lowercase,
/// drop every `@` and what follows it up to whitespace, collapse whitespace.
pub fn normalise_text(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        rest = &after[after.find(char::is_whitespace).unwrap_or(after.len())..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tweet_id_key(names: &mut Names, id: TweetId) -> u64 {
    match id {
        TweetId::Exact(id) if id < NAMED => id,
        TweetId::Exact(id) => names.key(id.to_string().as_bytes()),
        TweetId::Inexact(text) => names.key(text),
    }
}

/// Every (key, time, user, tweet) event of `kind`, of all accounts or of the
/// two in `only`.
pub(crate) fn events(store: &Store, kind: Kind, only: Option<(u32, u32)>) -> (Vec<Event>, Names) {
    let mut names = Names { kind, table: Interner::default() };
    let mut events = Vec::new();
    for i in 0..store.len() {
        let user = store.author(i);
        if only.is_some_and(|(a, b)| user != a && user != b) {
            continue;
        }
        let event = |key: u64| Event { key, time: store.time(i).saturating_mul(60), user, tweet: i as u32 };
        let retweet = store.kind(i) == TweetKind::Retweet;
        let before = events.len();
        match kind {
            Kind::CoRetweet | Kind::CoReply => {
                let wanted = if kind == Kind::CoRetweet { TweetKind::Retweet } else { TweetKind::Reply };
                if let (true, Some(id)) = (store.kind(i) == wanted, store.reference(i)) {
                    events.push(event(tweet_id_key(&mut names, id)));
                }
            }
            Kind::CoTweet if !retweet => {
                let text = normalise_text(&String::from_utf8_lossy(store.text(i)));
                if !text.is_empty() {
                    events.push(event(names.key(text.as_bytes())));
                }
            }
            Kind::CoPost => events.push(event(0)),
            _ if retweet => {}
            Kind::CoLink | Kind::CoHashtag | Kind::CoMention => {
                for entity in store.entities(i) {
                    match (kind, entity) {
                        (Kind::CoLink, Entity::Url(u)) => events.push(event(names.key(store.urls().bytes(u)))),
                        (Kind::CoHashtag, Entity::Hashtag(h)) => {
                            events.push(event(names.key(&fold_tag(store.hashtags().bytes(h)))))
                        }
                        (Kind::CoMention, Entity::Mention(u)) => events.push(event(u64::from(u))),
                        _ => {}
                    }
                }
            }
            Kind::CoTweet => {}
        }
        // A tweet naming one key twice counts once.
        if !kind.one_key_per_tweet() {
            events[before..].sort_unstable_by_key(|e| e.key);
            let mut seen = before;
            for k in before..events.len() {
                if k == before || events[k].key != events[seen - 1].key {
                    events[seen] = events[k];
                    seen += 1;
                }
            }
            events.truncate(seen);
        }
    }
    (events, names)
}
