//! Deterministic synthetic releases in the real layouts, for benchmarks, tests and
//! the demo samples. Everything here is made up and says so.

use std::io::{self, Write};

mod plant;
mod samples;

pub use plant::Plant;
pub use samples::{samples, Sample};

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

/// A users file's columns: the profile columns that tweets files repeat.
pub const USER_HEADER: &[&str] = TWEET_HEADER_2019.as_slice().split_at(11).0.split_at(1).1;

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

/// What a synthetic release looks like: its size, its window in time, its words.
#[derive(Debug, Clone)]
pub struct Spec {
    pub accounts: usize,
    pub tweets: usize,
    pub seed: u64,
    /// The first day of activity, in days since 1970, and how many days follow.
    pub start_day: u32,
    pub days: u32,
    pub languages: &'static [&'static str],
    pub hashtags: &'static [&'static str],
    pub words: &'static [&'static str],
    pub location: &'static str,
    /// Groups of `group_size` accounts that now and then retweet one tweet,
    /// or post one text, within a minute of each other: what coordination
    /// looks like, planted so that the networks have something to find.
    /// Group k is accounts k·`group_size` .. (k+1)·`group_size`.
    pub planted_groups: usize,
    pub group_size: usize,
    /// The lesson's evidence, in the one sample that carries it.
    pub plant: Option<Plant>,
}

/// The accounts of a planted group, unless said otherwise.
pub const GROUP: usize = 8;
/// One row in this many starts a planted burst (one row per member).
const BURST_EVERY: u64 = 200;

/// A planted group acting at once: each member in turn writes one row.
struct Burst {
    members: Vec<usize>,
    minute: u32,
    /// The retweeted tweet's id and author, or `None` for the same original text.
    retweet: Option<(String, usize)>,
    text: String,
}

impl Burst {
    fn new(rng: &mut Rng, spec: &Spec, number: u64) -> Burst {
        // The groups take turns, each alternating retweets and texts.
        let groups = spec.planted_groups as u64;
        let group = (number % groups) as usize;
        let accounts = spec.accounts.max(1);
        let size = spec.group_size;
        let members = (0..size).map(|m| (group * size + m) % accounts).collect();
        let minute = spec.day(rng) * 1440 + rng.below(1440) as u32;
        let retweet = (number / groups)
            .is_multiple_of(2)
            .then(|| ((960_000_000_000_000_000 + number).to_string(), rng.below(accounts as u64) as usize));
        let text = (0..8).map(|_| *rng.pick(spec.words)).collect::<Vec<_>>().join(" ");
        Burst { members, minute, retweet, text }
    }
}

impl Spec {
    /// The benchmark file: five years from 2014, mixed Latin, Cyrillic and Persian.
    pub fn benchmark(tweets: usize, accounts: usize, seed: u64) -> Spec {
        Spec {
            accounts,
            tweets,
            seed,
            start_day: 16_071, // 2014-01-01
            days: 5 * 365,
            languages: LANGUAGES,
            hashtags: HASHTAGS,
            words: WORDS,
            location: "Москва",
            planted_groups: accounts / 50,
            group_size: GROUP,
            plant: None,
        }
    }

    /// Account ids: hashed like the 2019 releases, a tenth numeric as for larger accounts.
    pub(crate) fn account_ids(&self) -> Vec<String> {
        let mut rng = Rng::new(self.seed ^ 0xACC0);
        (0..self.accounts).map(|i| account_id(&mut rng, i, i % 10 != 0)).collect()
    }

    /// A day in the window: most spread out, a third in a burst two thirds of the way in.
    fn day(&self, rng: &mut Rng) -> u32 {
        if rng.below(3) == 0 {
            self.start_day + self.days * 2 / 3 + rng.below(u64::from(self.days / 12).max(1)) as u32
        } else {
            self.start_day + rng.below(u64::from(self.days).max(1)) as u32
        }
    }
}

/// Writes the users file: one row per account, created in a few batches.
pub fn write_users(out: &mut impl Write, spec: &Spec) -> io::Result<()> {
    let mut rng = Rng::new(spec.seed ^ 0x05E5);
    quoted_row(out, USER_HEADER)?;
    let batches: Vec<u32> = (0..3).map(|_| spec.start_day - 400 + rng.below(360) as u32).collect();
    for (i, id) in spec.account_ids().iter().enumerate() {
        let drawn = batches[i % 3] + rng.below(20) as u32;
        let created =
            crate::core::time::format_day(spec.plant.as_ref().and_then(|p| p.created(i)).unwrap_or(drawn) as i32);
        let (followers, following) =
            (rng.below(if i % 10 == 0 { 40_000 } else { 900 }).to_string(), rng.below(700).to_string());
        let hashed = i % 10 != 0;
        let name = if hashed { id.clone() } else { format!("Synthetic account {i}") };
        let screen = if hashed { id.clone() } else { format!("synthetic_{i}") };
        let description = format!("Synthetic test account, not a real person. {}", rng.pick(spec.words));
        quoted_row(
            out,
            &[id, &name, &screen, spec.location, &description, "", &followers, &following, &created, spec.languages[0]],
        )?;
    }
    Ok(())
}

/// Writes the tweets file in the 2019 layout, every field quoted, with mixed
/// scripts and newlines inside some fields.
pub fn write_tweets(out: &mut impl Write, spec: &Spec) -> io::Result<()> {
    let mut rng = Rng::new(spec.seed);
    quoted_row(out, &TWEET_HEADER_2019)?;
    let ids = spec.account_ids();
    let accounts = spec.accounts.max(1) as u64;
    let (mut burst, mut bursts): (Option<Burst>, u64) = (None, 0);
    for row in 0..spec.tweets {
        if burst.is_none() && spec.planted_groups > 0 && rng.below(BURST_EVERY) == 0 {
            burst = Some(Burst::new(&mut rng, spec, bursts));
            bursts += 1;
        }
        if let (None, Some(plant)) = (&burst, &spec.plant) {
            burst = plant.burst(&mut rng, row, spec.tweets, spec.accounts.max(1));
        }
        let mut author = rng.below(accounts) as usize;
        let kind = rng.below(10);
        let mut text: String = (0..4 + rng.below(14)).map(|_| *rng.pick(spec.words)).collect::<Vec<_>>().join(" ");
        if rng.below(12) == 0 {
            text.push_str("\n\n\"quoted\" line");
        }
        let mut tags: Vec<&str> = (0..rng.below(3)).map(|_| *rng.pick(spec.hashtags)).collect();
        let pushed = match (&spec.plant, &burst) {
            (Some(plant), None) => plant.push(&mut rng, row).map(|minute| (plant.hashtag, minute)),
            _ => None,
        };
        if let Some((tag, _)) = pushed {
            // The pushed tag alone: the push is its week, not the other tags'.
            tags = vec![tag];
        }
        for tag in &tags {
            text.push_str(" #");
            text.push_str(tag);
        }
        let mut retweeted = (kind < 4).then(|| ids[rng.below(accounts) as usize].clone());
        if let Some(user) = &retweeted {
            text = format!("RT @{}: {text}", &user[..8.min(user.len())]);
        }
        let mut minutes = spec.day(&mut rng) * 1440 + rng.below(1440) as u32;
        if let Some(plant) = &spec.plant {
            minutes = pushed.map_or_else(|| plant.time(&mut rng, row, minutes), |(_, minute)| minute);
        }
        let tweetid =
            (1_000_000_000_000_000_000u64 + spec.seed % 1000 * 1_000_000_000 + row as u64 * 104_729).to_string();
        let urls = if rng.below(3) == 0 {
            format!("['https://{}/{}']", rng.pick(DOMAINS), rng.below(100_000))
        } else {
            "[]".to_string()
        };
        let mentions =
            if rng.below(4) == 0 { format!("['{}']", ids[rng.below(accounts) as usize]) } else { "[]".into() };
        let hashtags = format!("[{}]", tags.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", "));
        let mut reply_to = (kind == 4).then(|| (900_000_000_000_000_000u64 + rng.below(1 << 40)).to_string());
        let mut retweet_id = retweeted.as_ref().map(|_| (950_000_000_000_000_000u64 + rng.below(1 << 40)).to_string());
        if let Some(b) = burst.as_mut() {
            let member = b.members.pop().expect("a burst ends when its members have written");
            // Every other member a minute later: all within 60 s of the first.
            (author, minutes, reply_to, text) = (member, b.minute + (member % 2) as u32, None, b.text.clone());
            (retweeted, retweet_id) = match &b.retweet {
                Some((id, source)) => (Some(ids[*source].clone()), Some(id.clone())),
                None => (None, None),
            };
            if let Some(user) = &retweeted {
                text = format!("RT @{}: {text}", &user[..8.min(user.len())]);
            }
            if b.members.is_empty() {
                burst = None;
            }
        }
        let time = crate::core::time::format_minutes(minutes);
        let followers = (author * 37 % 20_000).to_string();
        let counts: Vec<String> = (0..4).map(|_| rng.below(50).to_string()).collect();
        let id = &ids[author];
        quoted_row(
            out,
            &[
                &tweetid,
                id,
                id,
                id,
                if author.is_multiple_of(2) { spec.location } else { "تهران\nایران" },
                "Synthetic account for testing",
                "",
                &followers,
                "120",
                "2013-05-01",
                spec.languages[0],
                *rng.pick(spec.languages),
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

/// A one-member zip archive, deflated, as the releases were shipped.
pub fn zip_one(name: &str, data: &[u8]) -> io::Result<Vec<u8>> {
    let mut deflated = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    deflated.write_all(data)?;
    let deflated = deflated.finish()?;
    let mut crc = flate2::Crc::new();
    crc.update(data);
    let too_big = || io::Error::new(io::ErrorKind::InvalidInput, "samples stay under 4 GiB");
    let (size, packed) =
        (u32::try_from(data.len()).map_err(|_| too_big())?, u32::try_from(deflated.len()).map_err(|_| too_big())?);
    let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
    // 2019-06-13 00:00 in MS-DOS time, fixed so that the bytes never change.
    let (dos_time, dos_date) = (0u16, ((2019 - 1980) << 9 | 6 << 5 | 13) as u16);
    let mut out = Vec::with_capacity(deflated.len() + 2 * name.len() + 100);
    let common = |out: &mut Vec<u8>| {
        for v in [20u16, 0, 8, dos_time, dos_date] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc.sum(), packed, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
    };
    out.extend_from_slice(b"PK\x03\x04");
    common(&mut out);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(&deflated);
    let directory = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02");
    out.extend_from_slice(&20u16.to_le_bytes());
    common(&mut out);
    // Comment length, disk, internal attributes; external attributes; the local header's offset (0).
    for v in [0u16, 0, 0] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&[0u8; 8]);
    out.extend_from_slice(name.as_bytes());
    let directory_size = out.len() as u32 - directory;
    out.extend_from_slice(b"PK\x05\x06");
    for v in [0u16, 0, 1, 1] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&directory_size.to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        write_tweets(&mut a, &Spec::benchmark(50, 7, 1)).unwrap();
        write_tweets(&mut b, &Spec::benchmark(50, 7, 1)).unwrap();
        write_tweets(&mut c, &Spec::benchmark(50, 7, 2)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
