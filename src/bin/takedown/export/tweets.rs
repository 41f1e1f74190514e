//! The tweets table: one normalised schema for every generation of release
//! (2018, 2019, 2020+ and FiveThirtyEight's layout), the releases' own column
//! names where they have the column, rows of one part in time order.

use super::parquet::{utf8, Column, Lists, Physical, Strings, Table, Values};
use std::borrow::Cow;
use std::ops::Range;
use takedown::core::coord::normalise_text;
use takedown::core::store::{Entity, Store, TweetId, TweetKind};

const fn column(name: &'static str, physical: Physical, dictionary: bool, doc: &'static str) -> Column {
    Column { name, physical, dictionary, doc }
}

/// The columns, in the files' order. Ids that are exact integers below 2^63
/// are INT64; the `_text` column beside each holds the id as the file wrote it
/// where it is not (a spreadsheet's `1.198473762313818e+18`, or 2^63 and more),
/// so no id ever passes through a float.
pub const COLUMNS: &[Column] = &[
    column("tweetid", Physical::Int64, false, "the tweet's id, where it is an exact integer below 2^63"),
    column("tweetid_text", Physical::Str, false, "the id as written where `tweetid` is null (inexact or too large)"),
    column(
        "userid",
        Physical::Str,
        true,
        "the author's id (a hash in hashed releases, the handle in FiveThirtyEight's)",
    ),
    column("tweet_time", Physical::Timestamp, false, "when, to the minute, UTC"),
    column("kind", Physical::Str, true, "original, retweet, reply or quote"),
    column("is_retweet", Physical::Bool, false, "kind = 'retweet'"),
    column("tweet_language", Physical::Str, true, "Twitter's language code (FiveThirtyEight's names mapped to codes)"),
    column("tweet_client_name", Physical::Str, true, "the client the tweet was sent from"),
    column("tweet_text", Physical::Text, false, "the text as in the file (HTML entities kept)"),
    column(
        "tweet_text_normalised",
        Physical::Text,
        false,
        "co_tweet's key: lowercased, @mentions removed, whitespace collapsed; null where that leaves nothing",
    ),
    column("retweet_tweetid", Physical::Int64, false, "the retweeted tweet, on retweets"),
    column(
        "retweet_tweetid_text",
        Physical::Str,
        false,
        "as written where `retweet_tweetid` is null but the file names one",
    ),
    column("retweet_userid", Physical::Str, true, "the retweeted account, where the file names it"),
    column("in_reply_to_tweetid", Physical::Int64, false, "the tweet replied to, on replies"),
    column(
        "in_reply_to_tweetid_text",
        Physical::Str,
        false,
        "as written where `in_reply_to_tweetid` is null but the file names one",
    ),
    column("in_reply_to_userid", Physical::Str, true, "the account replied to"),
    column("quoted_tweet_tweetid", Physical::Int64, false, "the quoted tweet, on quotes that are not replies"),
    column(
        "quoted_tweet_tweetid_text",
        Physical::Str,
        false,
        "as written where `quoted_tweet_tweetid` is null but the file names one",
    ),
    column("like_count", Physical::Int64, false, "null where the file has no count columns"),
    column("retweet_count", Physical::Int64, false, "null where the file has no count columns"),
    column("reply_count", Physical::Int64, false, "null where the file has no count columns"),
    column("quote_count", Physical::Int64, false, "null where the file has no count columns"),
    column("geo", Physical::Bool, false, "whether `latitude` was `present`"),
    column("hashtags", Physical::StrList, true, "without `#`, as written"),
    column("urls", Physical::StrList, false, "expanded URLs"),
    column("user_mentions", Physical::StrList, true, "mentioned user ids"),
];

/// The index of `tweet_time`, which every part is sorted by.
pub const TIME_COLUMN: usize = 3;

/// The tweets of one part: a store's rows, in time order.
pub struct Tweets<'a> {
    store: &'a Store,
    order: Vec<u32>,
}

impl<'a> Tweets<'a> {
    /// `rows` of `store` (the ones kept after dropping duplicates), sorted by time.
    pub fn new(store: &'a Store, mut rows: Vec<u32>) -> Tweets<'a> {
        rows.sort_by_key(|&i| store.time(i as usize));
        Tweets { store, order: rows }
    }

    fn each<T>(&self, rows: &Range<usize>, value: impl Fn(usize) -> T) -> Vec<T> {
        self.order[rows.clone()].iter().map(|&i| value(i as usize)).collect()
    }

    fn strings(&self, rows: &Range<usize>, value: impl Fn(usize) -> Option<Cow<'a, [u8]>>) -> Strings {
        let mut out = Strings::default();
        for &i in &self.order[rows.clone()] {
            out.push(value(i as usize).as_deref().filter(|v| !v.is_empty()));
        }
        out
    }

    fn entities(&self, rows: &Range<usize>, item: impl Fn(Entity) -> Option<&'a [u8]>) -> Lists {
        let mut out = Lists::default();
        for &i in &self.order[rows.clone()] {
            self.store.entities(i as usize).filter_map(&item).for_each(|bytes| out.push_item(bytes));
            out.end_row();
        }
        out
    }

    /// The reference of row `i` if it is of `kind`.
    fn reference(&self, i: usize, kind: TweetKind) -> Option<TweetId<'a>> {
        (self.store.kind(i) == kind).then(|| self.store.reference(i)).flatten()
    }

    fn ref_user(&self, i: usize, kind: TweetKind) -> Option<Cow<'a, [u8]>> {
        let store = self.store;
        (store.kind(i) == kind).then(|| store.ref_user(i)).flatten().map(|u| Cow::Borrowed(store.users().bytes(u)))
    }

    fn count(&self, rows: &Range<usize>, which: usize) -> Values {
        Values::Int64(self.each(rows, |i| self.store.engagement(i).map(|counts| i64::from(counts[which]))))
    }
}

/// The INT64 an id is stored as, if it is exact and below 2^63.
pub fn exact_id(id: Option<TweetId>) -> Option<i64> {
    id.and_then(TweetId::exact).and_then(|id| i64::try_from(id).ok())
}

/// The text an id is stored as where it has no INT64.
pub fn id_text(id: Option<TweetId<'_>>) -> Option<Cow<'_, [u8]>> {
    match id? {
        TweetId::Exact(id) if i64::try_from(id).is_ok() => None,
        TweetId::Exact(id) => Some(Cow::Owned(id.to_string().into_bytes())),
        TweetId::Inexact(text) => Some(Cow::Borrowed(text)),
    }
}

/// Minutes since 1970 as Parquet's microseconds.
pub fn micros(minutes: u32) -> i64 {
    i64::from(minutes) * 60_000_000
}

impl Table for Tweets<'_> {
    fn columns(&self) -> &'static [Column] {
        COLUMNS
    }

    fn rows(&self) -> usize {
        self.order.len()
    }

    fn values(&self, column: usize, rows: Range<usize>) -> Values {
        let store = self.store;
        match COLUMNS[column].name {
            "tweetid" => Values::Int64(self.each(&rows, |i| exact_id(Some(store.tweet_id(i))))),
            "tweetid_text" => Values::Str(self.strings(&rows, |i| id_text(Some(store.tweet_id(i))))),
            "userid" => Values::Str(self.strings(&rows, |i| Some(Cow::Borrowed(store.users().bytes(store.author(i)))))),
            "tweet_time" => Values::Int64(self.each(&rows, |i| Some(micros(store.time(i))))),
            "kind" => Values::Str(self.strings(&rows, |i| Some(Cow::Borrowed(store.kind(i).name().as_bytes())))),
            "is_retweet" => Values::Bool(self.each(&rows, |i| Some(store.kind(i) == TweetKind::Retweet))),
            "tweet_language" => {
                Values::Str(self.strings(&rows, |i| Some(Cow::Borrowed(store.languages().bytes(store.lang(i))))))
            }
            "tweet_client_name" => {
                Values::Str(self.strings(&rows, |i| Some(Cow::Borrowed(store.clients().bytes(store.client(i))))))
            }
            "tweet_text" => Values::Str(self.strings(&rows, |i| Some(Cow::Borrowed(store.text(i))))),
            "tweet_text_normalised" => {
                let mut out = Strings::default();
                for &i in &self.order[rows] {
                    out.push_text(&normalise_text(&utf8(store.text(i as usize))));
                }
                Values::Str(out)
            }
            "retweet_tweetid" => Values::Int64(self.each(&rows, |i| exact_id(self.reference(i, TweetKind::Retweet)))),
            "retweet_tweetid_text" => {
                Values::Str(self.strings(&rows, |i| id_text(self.reference(i, TweetKind::Retweet))))
            }
            "retweet_userid" => Values::Str(self.strings(&rows, |i| self.ref_user(i, TweetKind::Retweet))),
            "in_reply_to_tweetid" => Values::Int64(self.each(&rows, |i| exact_id(self.reference(i, TweetKind::Reply)))),
            "in_reply_to_tweetid_text" => {
                Values::Str(self.strings(&rows, |i| id_text(self.reference(i, TweetKind::Reply))))
            }
            "in_reply_to_userid" => Values::Str(self.strings(&rows, |i| self.ref_user(i, TweetKind::Reply))),
            "quoted_tweet_tweetid" => {
                Values::Int64(self.each(&rows, |i| exact_id(self.reference(i, TweetKind::Quote))))
            }
            "quoted_tweet_tweetid_text" => {
                Values::Str(self.strings(&rows, |i| id_text(self.reference(i, TweetKind::Quote))))
            }
            "like_count" => self.count(&rows, 0),
            "retweet_count" => self.count(&rows, 1),
            "reply_count" => self.count(&rows, 2),
            "quote_count" => self.count(&rows, 3),
            "geo" => Values::Bool(self.each(&rows, |i| Some(store.has_geo(i)))),
            "hashtags" => Values::List(self.entities(&rows, |e| match e {
                Entity::Hashtag(h) => Some(store.hashtags().bytes(h)),
                _ => None,
            })),
            "urls" => Values::List(self.entities(&rows, |e| match e {
                Entity::Url(u) => Some(store.urls().bytes(u)),
                _ => None,
            })),
            "user_mentions" => Values::List(self.entities(&rows, |e| match e {
                Entity::Mention(u) => Some(store.users().bytes(u)),
                _ => None,
            })),
            other => unreachable!("tweets::COLUMNS names {other}, which values() does not write"),
        }
    }
}
