//! One record of a release file into a campaign's store: tweets (any
//! generation), users, and FiveThirtyEight's layout. A row either goes in
//! whole or comes back as a [`Problem`], and nothing of it is stored.

use crate::core::error::{quoted, Problem};
use crate::core::records::Row;
use crate::core::schema::{self, FiveThirtyEightColumns, Id, Layout, ProfileColumns, TweetColumns, UserColumns};
use crate::core::store::{Entity, NewTweet, Profile, ProfileSource, Store, TweetId, TweetKind};
use crate::core::time;

/// The minutes a tweet's time may fall in: from Twitter's first day
/// (2006-03-21) to the end of the day the files are loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeBounds {
    from: u32,
    to: u32,
}

/// 2006-03-21, the day of Twitter's first tweet, in days since 1970.
const TWITTER_BEGAN: u32 = 13_228;

impl TimeBounds {
    /// From Twitter's first day to the end of `today` (days since 1970).
    pub fn until(today: i32) -> TimeBounds {
        let to = u32::try_from(today.saturating_add(1)).unwrap_or(0).max(TWITTER_BEGAN + 1);
        TimeBounds { from: TWITTER_BEGAN * 1440, to: to.saturating_mul(1440) }
    }

    /// Every time from Twitter's first day on, where the day of loading is not known.
    pub fn unbounded() -> TimeBounds {
        TimeBounds { from: TWITTER_BEGAN * 1440, to: u32::MAX }
    }

    fn check(&self, minutes: u32, column: &str, raw: &[u8]) -> Result<u32, Problem> {
        if (self.from..self.to).contains(&minutes) {
            return Ok(minutes);
        }
        let latest =
            if self.to == u32::MAX { "today".to_string() } else { time::format_day((self.to / 1440) as i32 - 1) };
        Err(Problem::OutOfTime { column: column.into(), value: quoted(raw), latest })
    }
}

/// A tweet's time in minutes since 1970: parsed as the column writes it
/// (`example`), and within the time Twitter's archives can hold.
fn read_time(
    raw: &[u8],
    column: &str,
    parse: fn(&[u8]) -> Option<u32>,
    example: &str,
    bounds: TimeBounds,
) -> Result<u32, Problem> {
    let minutes = parse(raw).ok_or_else(|| Problem::NotATime {
        column: column.into(),
        value: quoted(raw),
        example: example.into(),
    })?;
    bounds.check(minutes, column, raw)
}

/// The record's field in `column`, trimmed; empty where the column is absent.
#[inline]
fn field<'r>(record: &Row<'r>, column: Option<usize>) -> &'r [u8] {
    schema::trim(column.and_then(|c| record.get(c)).unwrap_or_default())
}

/// A column every row must fill.
fn required<'r>(record: &Row<'r>, column: usize, name: &str) -> Result<&'r [u8], Problem> {
    match field(record, Some(column)) {
        b"" => Err(Problem::Empty { column: name.into() }),
        value => Ok(value),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Adds one record of a file whose header gave `layout`.
pub fn add_row(
    store: &mut Store,
    layout: &Layout,
    record: &Row,
    bounds: TimeBounds,
    scratch: &mut Vec<u8>,
) -> Result<(), Problem> {
    match layout {
        Layout::Tweets(columns) => add_tweet(store, columns, record, bounds, scratch),
        Layout::Users(columns) => add_user(store, columns, record),
        Layout::FiveThirtyEight(columns) => add_fivethirtyeight(store, columns, record, bounds),
    }
}

fn read_profile(columns: &ProfileColumns, record: &Row, source: ProfileSource) -> Profile {
    Profile {
        display_name: lossy(field(record, columns.display_name)),
        screen_name: lossy(field(record, columns.screen_name)),
        location: lossy(field(record, columns.location)),
        description: lossy(field(record, columns.description)),
        url: lossy(field(record, columns.url)),
        followers: schema::parse_count(field(record, columns.followers)),
        following: schema::parse_count(field(record, columns.following)),
        created: time::parse_date(field(record, columns.created)),
        language: lossy(field(record, columns.language)),
        source,
    }
}

fn add_user(store: &mut Store, columns: &UserColumns, record: &Row) -> Result<(), Problem> {
    let user = store.intern_user(required(record, columns.userid, "userid")?);
    store.set_profile(user, read_profile(&columns.profile, record, ProfileSource::UsersFile));
    Ok(())
}

fn tweet_id<'r>(field: &'r [u8], column: &str) -> Result<TweetId<'r>, Problem> {
    match schema::parse_id(field) {
        Id::Exact(id) => Ok(TweetId::Exact(id)),
        Id::Lossy(text) => Ok(TweetId::Inexact(text)),
        Id::Missing => Err(Problem::Empty { column: column.into() }),
        Id::Text(_) => Err(Problem::NotANumber { column: column.into(), value: quoted(field) }),
    }
}

/// A retweeted, replied-to or quoted tweet: an exact id (0 included), the
/// text of an inexact one, or none.
fn reference(field: &[u8]) -> Option<TweetId<'_>> {
    match schema::parse_id(field) {
        Id::Exact(id) => Some(TweetId::Exact(id)),
        Id::Lossy(text) => Some(TweetId::Inexact(text)),
        Id::Missing | Id::Text(_) => None,
    }
}

fn optional_user(store: &mut Store, field: &[u8]) -> Option<u32> {
    (!field.is_empty()).then(|| store.intern_user(field))
}

fn add_tweet(
    store: &mut Store,
    c: &TweetColumns,
    record: &Row,
    bounds: TimeBounds,
    scratch: &mut Vec<u8>,
) -> Result<(), Problem> {
    let id = tweet_id(field(record, Some(c.tweetid)), "tweetid")?;
    let userid = required(record, c.userid, "userid")?;
    let time =
        read_time(field(record, Some(c.time)), "tweet_time", time::parse_tweet_time, "2019-06-13 08:15", bounds)?;
    let author = store.intern_user(userid);
    store.profile_or_insert_with(author, || read_profile(&c.profile, record, ProfileSource::TweetsFile));
    let (reply_tweet, reply_user) = (field(record, c.reply_tweet), field(record, c.reply_user));
    let quoted_tweet = field(record, c.quoted_tweet);
    let (kind, ref_tweet, ref_user) = if schema::parse_bool(field(record, c.is_retweet)) {
        (TweetKind::Retweet, field(record, c.retweet_tweet), field(record, c.retweet_user))
    } else if !reply_tweet.is_empty() || !reply_user.is_empty() {
        (TweetKind::Reply, reply_tweet, reply_user)
    } else if !quoted_tweet.is_empty() {
        (TweetKind::Quote, quoted_tweet, &b""[..])
    } else {
        (TweetKind::Original, &b""[..], &b""[..])
    };
    let counts = [c.like_count, c.retweet_count, c.reply_count, c.quote_count];
    let tweet = NewTweet {
        id,
        author,
        time,
        kind,
        geo: !matches!(field(record, c.latitude), b"" | b"absent"),
        lang: store.intern_language(field(record, c.language)),
        client: store.intern_client(field(record, c.client)),
        reference: reference(ref_tweet),
        ref_user: optional_user(store, ref_user),
        engagement: counts
            .iter()
            .any(Option::is_some)
            .then(|| counts.map(|column| schema::parse_count(field(record, column)))),
        text: record.get(c.text.unwrap_or(usize::MAX)).unwrap_or_default(),
    };
    store.push_tweet(tweet);
    schema::for_each_list_item(field(record, c.hashtags), scratch, |tag| {
        let id = store.intern_hashtag(tag.strip_prefix(b"#").unwrap_or(tag));
        store.push_entity(Entity::Hashtag(id));
    });
    schema::for_each_list_item(field(record, c.urls), scratch, |url| {
        let id = store.intern_url(url);
        store.push_entity(Entity::Url(id));
    });
    schema::for_each_list_item(field(record, c.mentions), scratch, |user| {
        let id = store.intern_user(user);
        store.push_entity(Entity::Mention(id));
    });
    Ok(())
}

/// FiveThirtyEight names languages in English; the model keeps Twitter's codes.
fn language_code(name: &[u8]) -> &[u8] {
    const CODES: &[(&str, &str)] = &[
        ("english", "en"),
        ("russian", "ru"),
        ("german", "de"),
        ("ukrainian", "uk"),
        ("italian", "it"),
        ("spanish", "es"),
        ("french", "fr"),
        ("arabic", "ar"),
        ("serbian", "sr"),
        ("bulgarian", "bg"),
        ("macedonian", "mk"),
        ("norwegian", "no"),
        ("romanian", "ro"),
        ("estonian", "et"),
        ("farsi (persian)", "fa"),
        ("dutch", "nl"),
        ("uzbek", "uz"),
        ("japanese", "ja"),
        ("swedish", "sv"),
        ("polish", "pl"),
        ("portuguese", "pt"),
        ("turkish", "tr"),
        ("croatian", "hr"),
        ("czech", "cs"),
        ("finnish", "fi"),
        ("hungarian", "hu"),
        ("lithuanian", "lt"),
        ("latvian", "lv"),
        ("vietnamese", "vi"),
        ("tagalog (filipino)", "tl"),
        ("catalan", "ca"),
        ("hindi", "hi"),
        ("korean", "ko"),
        ("simplified chinese", "zh-cn"),
        ("traditional chinese", "zh-tw"),
        ("thai", "th"),
        ("greek", "el"),
        ("hebrew", "iw"),
        ("indonesian", "in"),
        ("malay", "ms"),
        ("pushto", "ps"),
        ("kurdish", "ku"),
        ("urdu", "ur"),
        ("bengali", "bn"),
        ("tamil", "ta"),
        ("icelandic", "is"),
        ("danish", "da"),
        ("slovak", "sk"),
        ("slovenian", "sl"),
        ("albanian", "sq"),
        ("somali", "so"),
        ("belarusian", "be"),
        ("kazakh", "kk"),
        ("language undefined", "und"),
    ];
    CODES.iter().find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name)).map_or(name, |(_, code)| code.as_bytes())
}

/// Hashtags written in a tweet's text: `#` and then letters, digits, marks or `_`.
pub fn for_each_hashtag_in_text(text: &str, mut tag: impl FnMut(&str)) {
    let is_tag_char = |c: char| {
        c.is_alphanumeric()
            || c == '_'
            || matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{e31}'..='\u{e4e}')
    };
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let after = &rest[at + 1..];
        let end = after.find(|c: char| !is_tag_char(c)).unwrap_or(after.len());
        let preceded_by_word = rest[..at].chars().next_back().is_some_and(is_tag_char);
        if end > 0 && !preceded_by_word {
            tag(&after[..end]);
        }
        rest = &after[end..];
    }
}

fn add_fivethirtyeight(
    store: &mut Store,
    c: &FiveThirtyEightColumns,
    record: &Row,
    bounds: TimeBounds,
) -> Result<(), Problem> {
    let handle = required(record, c.author, "author")?;
    let time = read_time(
        field(record, Some(c.publish_date)),
        "publish_date",
        time::parse_us_date_time,
        "10/1/2017 19:58",
        bounds,
    )?;
    let id = match c.tweet_id {
        Some(column) => tweet_id(field(record, Some(column)), "tweet_id")?,
        None => TweetId::Inexact(b""),
    };
    let author = store.intern_user(handle);
    store.profile_or_insert_with(author, || Profile {
        display_name: lossy(handle),
        screen_name: lossy(handle),
        location: lossy(field(record, c.region)),
        followers: schema::parse_count(field(record, c.followers)),
        following: schema::parse_count(field(record, c.following)),
        source: ProfileSource::FiveThirtyEight,
        ..Profile::default()
    });
    let kind = match field(record, c.post_type) {
        b"QUOTE_TWEET" => TweetKind::Quote,
        b"RETWEET" => TweetKind::Retweet,
        _ if schema::parse_bool(field(record, c.retweet)) => TweetKind::Retweet,
        _ => TweetKind::Original,
    };
    let text = record.get(c.content).unwrap_or_default();
    let lang = store.intern_language(language_code(field(record, c.language)));
    let client = store.intern_client(b"");
    store.push_tweet(NewTweet {
        id,
        author,
        time,
        kind,
        geo: false,
        lang,
        client,
        reference: None,
        ref_user: None,
        engagement: None,
        text,
    });
    let text = String::from_utf8_lossy(text);
    for_each_hashtag_in_text(&text, |tag| {
        let id = store.intern_hashtag(tag.as_bytes());
        store.push_entity(Entity::Hashtag(id));
    });
    // The layout's expanded links say where a tweet pointed; the links in its
    // text are t.co's, which would make t.co every tweet's domain.
    if c.expanded_links.iter().any(Option::is_some) {
        for link in c.expanded_links.iter().map(|&column| field(record, column)).filter(|link| !link.is_empty()) {
            let id = store.intern_url(link);
            store.push_entity(Entity::Url(id));
        }
    } else {
        for word in text.split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")) {
            let id = store.intern_url(word.as_bytes());
            store.push_entity(Entity::Url(id));
        }
    }
    Ok(())
}
