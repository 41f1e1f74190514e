//! The answers as CSV records: each table's columns and how one answer fills them.
//! Ids are written as the files have them, and nothing is prefixed against
//! spreadsheet formulas: this is a research export, meant to be read by programs.

use takedown::core::query::{AccountDetail, AccountRow, Timeline};
use takedown::core::time;

// The tweets' columns and records are core's, shared with the page's export.
pub use takedown::core::query::{tweet_record, wire_name, TWEET_COLUMNS};

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
