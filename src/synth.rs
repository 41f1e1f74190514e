//! Deterministic synthetic releases in the real layouts, for benchmarks, tests and
//! the demo samples. Everything here is made up and says so.

use std::io::{self, Write};

/// SplitMix64: small, fast and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

pub const TWEET_HEADER_2019: [&str; 31] = [
    "tweetid",
    "userid",
    "user_display_name",
    "user_screen_name",
    "user_reported_location",
    "user_profile_description",
    "user_profile_url",
    "follower_count",
    "following_count",
    "account_creation_date",
    "account_language",
    "tweet_language",
    "tweet_text",
    "tweet_time",
    "tweet_client_name",
    "in_reply_to_userid",
    "in_reply_to_tweetid",
    "quoted_tweet_tweetid",
    "is_retweet",
    "retweet_userid",
    "retweet_tweetid",
    "latitude",
    "longitude",
    "quote_count",
    "reply_count",
    "like_count",
    "retweet_count",
    "hashtags",
    "urls",
    "user_mentions",
    "poll_choices",
];

pub const USER_HEADER: [&str; 10] = [
    "userid",
    "user_display_name",
    "user_screen_name",
    "user_reported_location",
    "user_profile_description",
    "user_profile_url",
    "follower_count",
    "following_count",
    "account_creation_date",
    "account_language",
];

const WORDS: &[&str] = &[
    "news",
    "today",
    "people",
    "world",
    "truth",
    "media",
    "власть",
    "новости",
    "правда",
    "народ",
    "خبر",
    "مردم",
    "ایران",
    "امروز",
    "حقیقت",
    "election",
    "freedom",
    "война",
    "صلح",
    "vote",
];
const HASHTAGS: &[&str] =
    &["News", "Iran", "Россия", "ایران", "Election2016", "FreedomNow", "Правда", "صلح", "MAGA", "BreakingNews"];
const LANGUAGES: &[&str] = &["en", "ru", "fa", "ar", "es", "und"];
const CLIENTS: &[&str] =
    &["Twitter Web Client", "Twitter for Android", "Twitter for iPhone", "TweetDeck", "IFTTT", "dlvr.it"];
const DOMAINS: &[&str] = &["example.com", "news.example.org", "youtu.be", "bit.ly", "تست.example"];

/// A synthetic account id: numeric for most, hashed (base64-like) for some.
pub fn account_id(rng: &mut Rng, index: usize, hashed: bool) -> String {
    if hashed {
        const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+";
        let mut id: String = (0..43).map(|_| char::from(*rng.pick(B64))).collect();
        id.push('=');
        id
    } else {
        (700_000_000_000_000_000u64 + index as u64 * 7919).to_string()
    }
}

fn quoted_row(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\"")?;
        out.write_all(f.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")?;
    }
    out.write_all(b"\n")
}

/// Writes `rows` tweets by `accounts` accounts in the 2019 layout, every field
/// quoted, with mixed scripts and newlines inside some fields.
pub fn write_tweets(out: &mut impl Write, rows: usize, accounts: usize, seed: u64) -> io::Result<()> {
    let mut rng = Rng::new(seed);
    quoted_row(out, &TWEET_HEADER_2019)?;
    let ids: Vec<String> = (0..accounts).map(|i| account_id(&mut rng, i, i % 3 != 0)).collect();
    let start_day = 16_071; // 2014-01-01
    for row in 0..rows {
        let author = rng.below(accounts as u64) as usize;
        let kind = rng.below(10);
        let mut text: String = (0..4 + rng.below(14)).map(|_| *rng.pick(WORDS)).collect::<Vec<_>>().join(" ");
        if rng.below(12) == 0 {
            text.push_str("\n\n\"quoted\" line");
        }
        let tags: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(HASHTAGS)).collect();
        for tag in &tags {
            text.push_str(" #");
            text.push_str(tag);
        }
        let retweeted = (kind < 4).then(|| ids[rng.below(accounts as u64) as usize].clone());
        if let Some(user) = &retweeted {
            text = format!("RT @{}: {text}", &user[..8.min(user.len())]);
        }
        let minutes = (start_day + rng.below(5 * 365) as u32) * 1440 + rng.below(1440) as u32;
        let time = crate::core::time::format_minutes(minutes);
        let tweetid = (1_000_000_000_000_000_000u64 + row as u64 * 104_729).to_string();
        let urls = if rng.below(3) == 0 {
            format!("['https://{}/{}']", rng.pick(DOMAINS), rng.below(100_000))
        } else {
            "[]".to_string()
        };
        let mentions =
            if rng.below(4) == 0 { format!("['{}']", ids[rng.below(accounts as u64) as usize]) } else { "[]".into() };
        let hashtags = format!("[{}]", tags.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", "));
        let followers = (author * 37 % 20_000).to_string();
        let reply_to = (kind == 4).then(|| (900_000_000_000_000_000u64 + rng.below(1 << 40)).to_string());
        let retweet_id = retweeted.as_ref().map(|_| (950_000_000_000_000_000u64 + rng.below(1 << 40)).to_string());
        let counts: Vec<String> = (0..4).map(|_| rng.below(50).to_string()).collect();
        let id = &ids[author];
        quoted_row(
            out,
            &[
                &tweetid,
                id,
                id,
                id,
                if author.is_multiple_of(2) { "Москва" } else { "تهران\nایران" },
                "Synthetic account for testing",
                "",
                &followers,
                "120",
                "2013-05-01",
                "en",
                *rng.pick(LANGUAGES),
                &text,
                &time,
                *rng.pick(CLIENTS),
                if reply_to.is_some() { &ids[0] } else { "" },
                reply_to.as_deref().unwrap_or(""),
                "",
                if retweeted.is_some() { "true" } else { "false" },
                retweeted.as_deref().unwrap_or(""),
                retweet_id.as_deref().unwrap_or(""),
                "absent",
                "absent",
                &counts[0],
                &counts[1],
                &counts[2],
                &counts[3],
                &hashtags,
                &urls,
                &mentions,
                "",
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_tweets(&mut a, 50, 7, 1).unwrap();
        write_tweets(&mut b, 50, 7, 1).unwrap();
        write_tweets(&mut c, 50, 7, 2).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
