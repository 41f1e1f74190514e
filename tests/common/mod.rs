//! What the native test files share: release rows written from named values.

// Each test file is its own crate and uses only some of this.
#![allow(dead_code)]

/// The 2019 layout's tweets header, and the users file's.
pub const TWEETS_HEADER: &str = "tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions";
pub const USERS_HEADER: &str = "userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language";

/// A record in `header`'s order from named values, the others empty, every field quoted.
pub fn row(header: &str, values: &[(&str, &str)]) -> String {
    header
        .split(',')
        .map(|col| {
            let v = values.iter().find(|(k, _)| *k == col).map_or("", |(_, v)| v);
            format!("\"{}\"", v.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(",")
}
