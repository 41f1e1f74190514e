//! The answers as CSV records: each table's columns and how one answer fills them.
//! Ids are written as the files have them, and nothing is prefixed against
//! spreadsheet formulas: this is a research export, meant to be read by programs.

use serde::Serialize;
use takedown::core::query::{AccountDetail, AccountRow, Timeline, TweetRow};
use takedown::core::time;

pub const TWEET_COLUMNS: [&str; 17] = [
    "campaign",
    "tweetid",
    "userid",
    "user_screen_name",
    "tweet_time",
    "kind",
    "tweet_language",
    "tweet_client_name",
    "reference",
    "hashtags",
    "urls",
    "user_mentions",
    "like_count",
    "retweet_count",
    "reply_count",
    "quote_count",
    "tweet_text",
];

/// The name a value has in the JSON output (`retweet`, `users_file`), so that both formats agree.
pub fn wire_name(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        other => other.map(|v| v.to_string()).unwrap_or_default(),
    }
}

/// Lists are space-separated: hashtags, URLs and user ids hold no spaces.
/// Counts a file does not have (FiveThirtyEight's) are empty, not 0.
pub fn tweet_record(campaign: &str, t: &TweetRow) -> Vec<String> {
    let counts = t.engagement.map(|counts| counts.map(|n| n.to_string()));
    let [likes, retweets, replies, quotes] = counts.unwrap_or_default();
    let mentions: Vec<&str> = t.mentions.iter().map(|m| m.id.as_str()).collect();
    vec![
        campaign.to_string(),
        t.id.clone(),
        t.account.clone(),
        t.screen_name.clone(),
        t.time.clone(),
        wire_name(&t.kind),
        t.language.clone(),
        t.client.clone(),
        t.reference.clone().unwrap_or_default(),
        t.hashtags.join(" "),
        t.urls.join(" "),
        mentions.join(" "),
        likes,
        retweets,
        replies,
        quotes,
        t.text.clone(),
    ]
}

pub const ACCOUNT_COLUMNS: [&str; 15] = [
    "campaign",
    "userid",
    "user_display_name",
    "user_screen_name",
    "hashed",
    "follower_count",
    "following_count",
    "account_creation_date",
    "first_tweet",
    "last_tweet",
    "tweets",
    "retweets",
    "retweet_share",
    "main_language",
    "main_client",
];

pub fn account_record(campaign: &str, r: &AccountRow) -> Vec<String> {
    vec![
        campaign.to_string(),
        r.id.clone(),
        r.display_name.clone(),
        r.screen_name.clone(),
        r.hashed.to_string(),
        r.followers.to_string(),
        r.following.to_string(),
        r.created.clone().unwrap_or_default(),
        r.first_tweet.clone().unwrap_or_default(),
        r.last_tweet.clone().unwrap_or_default(),
        r.tweets.to_string(),
        r.retweets.to_string(),
        format!("{:.4}", r.retweet_share()),
        r.language.clone(),
        r.client.clone(),
    ]
}

/// An account page is several tables; as one CSV it is `section,key,value` lines.
pub const DETAIL_COLUMNS: [&str; 4] = ["campaign", "section", "key", "value"];

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub fn detail_records(campaign: &str, d: &AccountDetail) -> Vec<Vec<String>> {
    let (row, p) = (&d.row, &d.profile);
    let profile = [
        ("userid", row.id.clone()),
        ("user_display_name", p.display_name.clone()),
        ("user_screen_name", p.screen_name.clone()),
        ("user_reported_location", p.location.clone()),
        ("user_profile_description", p.description.clone()),
        ("user_profile_url", p.url.clone()),
        ("follower_count", p.followers.to_string()),
        ("following_count", p.following.to_string()),
        ("account_creation_date", p.created.map(time::format_day).unwrap_or_default()),
        ("account_language", p.language.clone()),
        ("profile_source", wire_name(&p.source)),
        ("hashed", row.hashed.to_string()),
        ("tweets", row.tweets.to_string()),
        ("retweets", row.retweets.to_string()),
        ("first_tweet", row.first_tweet.clone().unwrap_or_default()),
        ("last_tweet", row.last_tweet.clone().unwrap_or_default()),
        ("main_language", row.language.clone()),
        ("main_client", row.client.clone()),
    ];
    let line = |section: &str, key: String, value: String| vec![campaign.to_string(), section.to_string(), key, value];
    let mut lines: Vec<Vec<String>> =
        profile.into_iter().map(|(key, value)| line("profile", key.to_string(), value)).collect();
    lines.extend(d.tweets_per_month.iter().map(|(month, n)| line("month", month.clone(), n.to_string())));
    for (day, hours) in WEEKDAYS.iter().zip(&d.hour_by_weekday) {
        lines.extend(hours.iter().enumerate().map(|(h, n)| line("hour", format!("{day} {h:02}:00"), n.to_string())));
    }
    lines.extend(d.top_hashtags.iter().map(|(tag, n)| line("hashtag", tag.clone(), n.to_string())));
    lines
}

pub const TIMELINE_COLUMNS: [&str; 4] = ["campaign", "period", "series", "tweets"];

/// Long form: every period, zeros included, for each series the timeline has.
pub fn timeline_records(campaign: &str, t: &Timeline) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    for (p, period) in t.periods.iter().enumerate() {
        for (series, counts) in &t.series {
            let n = counts.get(p).copied().unwrap_or_default();
            lines.push(vec![campaign.to_string(), period.clone(), series.clone(), n.to_string()]);
        }
    }
    lines
}
