//! What two tweets must share, per kind of network, as one `u64` key per
//! (tweet, key) event.

use super::events::Events;
use super::similar::{band_keys, word_set, WordSets};
use super::{Event, Pool};
use crate::core::store::{hash_bytes, Entity, Interner, Store, TweetId, TweetKind};
use crate::core::summary::fold_tag;
use crate::core::time::Range;
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
    pub(crate) fn describe(&self, pool: &Pool, event: &Event) -> String {
        let key = event.key;
        if key >= NAMED {
            return self.table.text((key - NAMED) as u32);
        }
        match self.kind {
            Kind::CoTweet => normalise_text(&as_text(pool.text(event.tweet))),
            Kind::CoSimilar => format!("texts like '{}'", normalise_text(&as_text(pool.text(event.tweet)))),
            Kind::CoMention => pool.user_id(key as u32),
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

/// [`normalise_text`] into `out` in one pass over the text, with `lower` as
/// scratch: no allocation per tweet once the buffers have grown.
fn normalise_into(text: &str, lower: &mut String, out: &mut String) {
    out.clear();
    // A capital sigma's small form depends on its neighbours (final ς):
    // str::to_lowercase writes it as Python's lower does.
    let source: &str = if text.contains('Σ') {
        *lower = text.to_lowercase();
        lower
    } else {
        text
    };
    let mut space = false;
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '@' {
            // A mention runs from its `@` to the next whitespace.
            space |= chars.by_ref().any(char::is_whitespace);
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if caseless(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Whether `c` lies in a block of scripts without case (Hebrew to Myanmar,
/// CJK and kana, Hangul, emoji): most of the non-Latin tweets, spared the
/// case tables' search (a test checks every one of them).
fn caseless(c: char) -> bool {
    matches!(c, '\u{557}'..='\u{109f}' | '\u{2cf3}'..='\u{a63f}' | '\u{a7f6}'..='\u{ff20}' | '\u{1f000}'..)
}

fn tweet_id_key(names: &mut Names, id: TweetId) -> u64 {
    match id {
        TweetId::Exact(id) if id < NAMED => id,
        TweetId::Exact(id) => names.key(id.to_string().as_bytes()),
        TweetId::Inexact(text) => names.key(text),
    }
}

/// Builds a network's events a few rows at a time.
pub(crate) struct EventBuilder {
    kind: Kind,
    range: Option<Range>,
    /// Only the tweets of these two pooled accounts.
    only: Option<(u32, u32)>,
    names: Names,
    events: Events,
    /// The events of the tweet at hand, before its repeated keys are dropped.
    tweet: Vec<Event>,
    lower: String,
    normal: String,
}

impl EventBuilder {
    pub(crate) fn new(pool: &Pool, kind: Kind, range: Option<Range>, only: Option<(u32, u32)>) -> EventBuilder {
        let words = (kind == Kind::CoSimilar).then(|| WordSets::new(pool.len()));
        EventBuilder {
            kind,
            range,
            only,
            names: Names { kind, table: Interner::default(), words },
            events: Events::default(),
            tweet: Vec::new(),
            lower: String::new(),
            normal: String::new(),
        }
    }

    /// Adds the events of `rows` of campaign `part` of `pool`.
    pub(crate) fn add(&mut self, pool: &Pool, part: usize, store: &Store, first: u32, rows: std::ops::Range<usize>) {
        let kind = self.kind;
        for i in rows {
            let user = pool.user(part, store.author(i));
            if self.only.is_some_and(|(a, b)| user != a && user != b)
                || self.range.is_some_and(|r| !r.contains(store.time(i)))
            {
                continue;
            }
            let tweet = first + i as u32;
            let event = |key: u64| Event { key, time: store.time(i).saturating_mul(60), user, tweet };
            let names = &mut self.names;
            let out = &mut self.tweet;
            out.clear();
            let retweet = store.kind(i) == TweetKind::Retweet;
            match kind {
                Kind::CoRetweet | Kind::CoReply => {
                    let wanted = if kind == Kind::CoRetweet { TweetKind::Retweet } else { TweetKind::Reply };
                    if let (true, Some(id)) = (store.kind(i) == wanted, store.reference(i)) {
                        out.push(event(tweet_id_key(names, id)));
                    }
                }
                // Texts are keyed by a hash rather than interned (millions of
                // them, nearly all distinct); equal hashes are checked below.
                Kind::CoTweet if !retweet => {
                    normalise_into(&text_of(store, i), &mut self.lower, &mut self.normal);
                    if !self.normal.is_empty() {
                        out.push(event(hash_bytes(self.normal.as_bytes()) & !NAMED));
                    }
                }
                Kind::CoSimilar if !retweet => {
                    normalise_into(&text_of(store, i), &mut self.lower, &mut self.normal);
                    let set = word_set(&self.normal);
                    if !set.is_empty() {
                        out.extend(band_keys(&set).iter().map(|&key| event(key & !NAMED)));
                        if let Some(words) = names.words.as_mut() {
                            words.set(tweet as usize, set);
                        }
                    }
                }
                Kind::CoPost => out.push(event(0)),
                _ if retweet => {}
                Kind::CoLink | Kind::CoHashtag | Kind::CoMention => {
                    for entity in store.entities(i) {
                        match (kind, entity) {
                            (Kind::CoLink, Entity::Url(u)) => out.push(event(names.key(store.urls().bytes(u)))),
                            (Kind::CoHashtag, Entity::Hashtag(h)) => {
                                out.push(event(names.key(&fold_tag(store.hashtags().bytes(h)))))
                            }
                            (Kind::CoMention, Entity::Mention(u)) => out.push(event(u64::from(pool.user(part, u)))),
                            _ => {}
                        }
                    }
                }
                Kind::CoTweet | Kind::CoSimilar => {}
            }
            // A tweet naming one key twice counts once.
            if !kind.one_key_per_tweet() {
                out.sort_unstable_by_key(|e| e.key);
                out.dedup_by_key(|e| e.key);
            }
            for &e in out.iter() {
                self.events.push(e);
            }
        }
    }

    /// The events, grouped by key but not yet sorted, and the keys' names.
    pub(crate) fn finish(mut self, pool: &Pool) -> (Events, Names) {
        if self.kind == Kind::CoTweet {
            for bucket in self.events.buckets_mut() {
                tell_texts_apart(pool, bucket, &mut self.names);
            }
        }
        (self.events, self.names)
    }
}

/// Every event of `kind` in `range`, of all accounts or of the two pooled
/// accounts in `only`, sorted.
pub(crate) fn events(pool: &Pool, kind: Kind, range: Option<Range>, only: Option<(u32, u32)>) -> (Events, Names) {
    let mut builder = EventBuilder::new(pool, kind, range, only);
    for (part, store, first) in pool.stores() {
        builder.add(pool, part, store, first, 0..store.len());
    }
    let (mut events, names) = builder.finish(pool);
    events.sort();
    (events, names)
}

fn text_of(store: &Store, i: usize) -> Cow<'_, str> {
    as_text(store.text(i))
}

fn as_text(raw: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(raw),
    }
}

/// Where two different texts share a hash, keys them by the texts themselves.
pub(super) fn tell_texts_apart(pool: &Pool, events: &mut [Event], names: &mut Names) {
    events.sort_unstable_by_key(|e| e.key);
    let (mut lower, mut first, mut other) = (String::new(), String::new(), String::new());
    let mut start = 0;
    while start < events.len() {
        let end = start + events[start..].iter().take_while(|e| e.key == events[start].key).count();
        if end - start > 1 {
            let first_raw = pool.text(events[start].tweet);
            normalise_into(&as_text(first_raw), &mut lower, &mut first);
            // Copies are nearly always byte for byte: only others need normalising.
            let differ = events[start + 1..end].iter().any(|e| {
                pool.text(e.tweet) != first_raw && {
                    normalise_into(&as_text(pool.text(e.tweet)), &mut lower, &mut other);
                    other != first
                }
            });
            if differ {
                for e in &mut events[start..end] {
                    normalise_into(&as_text(pool.text(e.tweet)), &mut lower, &mut other);
                    e.key = names.key(other.as_bytes());
                }
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::{caseless, normalise_text};

    /// The normalisation as the toolkit states it, step by step: lowercase
    /// the whole text, drop each `@` and what follows it up to whitespace,
    /// then join the words with one space.
    fn by_the_book(text: &str) -> String {
        let lower = text.to_lowercase();
        let mut kept = String::new();
        let mut in_mention = false;
        for c in lower.chars() {
            if c == '@' {
                in_mention = true;
            } else if c.is_whitespace() {
                in_mention = false;
                kept.push(c);
            } else if !in_mention {
                kept.push(c);
            }
        }
        kept.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_pass_normalises_as_the_book_does() {
        let pieces = [
            "Hello",
            "WORLD",
            "@Someone",
            "a@b",
            "@",
            "ΟΔΟΣ",
            "Σ",
            "İstanbul",
            "ﬁ",
            "ข่าว",
            "ДРУГ",
            "\u{a0}",
            "\t",
            "\n",
            "  ",
            "x@y@z",
            "@@",
            "😀",
            "ß",
            "ǅ",
            "#Tag",
            "http://t.co/X",
        ];
        let mut seed = 7u64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed & 1 == 0 {
                    text.push(' ');
                }
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            assert_eq!(normalise_text(&text), by_the_book(&text), "{text:?}");
        }
    }

    #[test]
    fn caseless_characters_lowercase_to_themselves() {
        let wrong: Vec<char> =
            (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| caseless(c) && c.to_lowercase().ne([c])).collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }
}
