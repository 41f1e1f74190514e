//! What two tweets must share, per kind of network, as one `u64` key per
//! (tweet, key) event.

use super::similar::{band_keys, word_set, WordSets};
use super::Event;
use crate::core::query::Range;
use crate::core::store::{hash_bytes, Entity, Interner, Store, TweetId, TweetKind};
use crate::core::summary::fold_tag;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
    /// Near-identical texts: word sets with a Jaccard index of at least the
    /// threshold, retweets excluded (`similar`).
    CoSimilar,
    /// Any two tweets: what chance alone gives.
    CoPost,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::CoRetweet,
        Kind::CoTweet,
        Kind::CoLink,
        Kind::CoReply,
        Kind::CoHashtag,
        Kind::CoMention,
        Kind::CoSimilar,
        Kind::CoPost,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::CoRetweet => "co_retweet",
            Kind::CoTweet => "co_tweet",
            Kind::CoLink => "co_link",
            Kind::CoReply => "co_reply",
            Kind::CoHashtag => "co_hashtag",
            Kind::CoMention => "co_mention",
            Kind::CoSimilar => "co_similar",
            Kind::CoPost => "co_post",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether a tweet has at most one key of this kind.
    pub(crate) fn one_key_per_tweet(self) -> bool {
        !matches!(self, Kind::CoLink | Kind::CoHashtag | Kind::CoMention | Kind::CoSimilar)
    }
}

/// Keys at or above this bit are indexes into [`Names`]; below it, a tweet id,
/// user id or tag id as it is.
const NAMED: u64 = 1 << 63;

/// The keys that are not plain numbers: texts, URLs, tags, ids that are not exact.
pub(crate) struct Names {
    kind: Kind,
    table: Interner,
    /// co_similar's word sets, to check candidate pairs exactly.
    words: Option<WordSets>,
}

impl Names {
    /// Whether two tweets that share a key really are alike: always, but for
    /// co_similar, whose texts must reach `threshold` (its keys are MinHash
    /// bands, which near but unlike texts share too).
    pub(crate) fn alike(&self, a: u32, b: u32, threshold: f64) -> bool {
        self.words.as_ref().is_none_or(|w| w.similar(a, b, threshold))
    }

    fn key(&mut self, bytes: &[u8]) -> u64 {
        NAMED | u64::from(self.table.intern(bytes))
    }

    /// The key of `event` as a person reads it.
    pub(crate) fn describe(&self, store: &Store, event: &Event) -> String {
        let key = event.key;
        if key >= NAMED {
            return self.table.text((key - NAMED) as u32);
        }
        match self.kind {
            Kind::CoTweet => normalise_text(&text_of(store, event.tweet as usize)),
            Kind::CoSimilar => format!("texts like '{}'", normalise_text(&text_of(store, event.tweet as usize))),
            Kind::CoMention => store.users().text(key as u32),
            Kind::CoPost => "any tweet".to_string(),
            _ => key.to_string(),
        }
    }
}

/// co_tweet's normalisation, as the Coordination Network Toolkit's: lowercase,
/// drop every `@` and what follows it up to whitespace, collapse whitespace.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::new();
    normalise_into(text, &mut String::new(), &mut out);
    out
}

/// [`normalise_text`] into `out`, with `lower` as scratch: no allocation per
/// tweet once the buffers have grown.
fn normalise_into(text: &str, lower: &mut String, out: &mut String) {
    lower.clear();
    if text.is_ascii() {
        lower.push_str(text);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(text.chars().flat_map(char::to_lowercase));
        // Final sigma, as str::to_lowercase (and Python's lower) write it.
        if lower.contains('σ') {
            *lower = text.to_lowercase();
        }
    }
    out.clear();
    let mut words = |piece: &str| {
        for word in piece.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    };
    // A mention runs from its `@` to the next whitespace, so the text after
    // it starts with whitespace (or is empty): the pieces never touch.
    let mut rest = lower.as_str();
    while let Some(at) = rest.find('@') {
        words(&rest[..at]);
        let after = &rest[at..];
        rest = &after[after.find(char::is_whitespace).unwrap_or(after.len())..];
    }
    words(rest);
}

fn tweet_id_key(names: &mut Names, id: TweetId) -> u64 {
    match id {
        TweetId::Exact(id) if id < NAMED => id,
        TweetId::Exact(id) => names.key(id.to_string().as_bytes()),
        TweetId::Inexact(text) => names.key(text),
    }
}

/// Every (key, time, user, tweet) event of `kind` in `range`, of all
/// accounts or of the two in `only`.
pub(crate) fn events(store: &Store, kind: Kind, range: Option<Range>, only: Option<(u32, u32)>) -> (Vec<Event>, Names) {
    let words = (kind == Kind::CoSimilar).then(|| WordSets::new(store.len()));
    let mut names = Names { kind, table: Interner::default(), words };
    let mut events = Vec::new();
    let (mut lower, mut normal) = (String::new(), String::new());
    for i in 0..store.len() {
        let user = store.author(i);
        if only.is_some_and(|(a, b)| user != a && user != b) || range.is_some_and(|r| !r.contains(store.time(i))) {
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
            // Texts are keyed by a hash rather than interned (millions of
            // them, nearly all distinct); equal hashes are checked below.
            Kind::CoTweet if !retweet => {
                normalise_into(&text_of(store, i), &mut lower, &mut normal);
                if !normal.is_empty() {
                    events.push(event(hash_bytes(normal.as_bytes()) & !NAMED));
                }
            }
            Kind::CoSimilar if !retweet => {
                normalise_into(&text_of(store, i), &mut lower, &mut normal);
                let set = word_set(&normal);
                if !set.is_empty() {
                    events.extend(band_keys(&set).iter().map(|&key| event(key & !NAMED)));
                    if let Some(words) = names.words.as_mut() {
                        words.set(i, set);
                    }
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
            Kind::CoTweet | Kind::CoSimilar => {}
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
    if kind == Kind::CoTweet {
        tell_texts_apart(store, &mut events, &mut names);
    }
    (events, names)
}

fn text_of(store: &Store, i: usize) -> Cow<'_, str> {
    let raw = store.text(i);
    match std::str::from_utf8(raw) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(raw),
    }
}

/// Where two different texts share a hash, keys them by the texts themselves.
pub(super) fn tell_texts_apart(store: &Store, events: &mut [Event], names: &mut Names) {
    events.sort_unstable_by_key(|e| e.key);
    let (mut lower, mut first, mut other) = (String::new(), String::new(), String::new());
    let mut start = 0;
    while start < events.len() {
        let end = start + events[start..].iter().take_while(|e| e.key == events[start].key).count();
        if end - start > 1 {
            let first_raw = store.text(events[start].tweet as usize);
            normalise_into(&text_of(store, events[start].tweet as usize), &mut lower, &mut first);
            // Copies are nearly always byte for byte: only others need normalising.
            let differ = events[start + 1..end].iter().any(|e| {
                store.text(e.tweet as usize) != first_raw && {
                    normalise_into(&text_of(store, e.tweet as usize), &mut lower, &mut other);
                    other != first
                }
            });
            if differ {
                for e in &mut events[start..end] {
                    normalise_into(&text_of(store, e.tweet as usize), &mut lower, &mut other);
                    e.key = names.key(other.as_bytes());
                }
            }
        }
        start = end;
    }
}
