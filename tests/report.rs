//! Native tests of the takedown report on small fixtures whose every expected
//! figure is worked out by hand in the comments, and on the Thailand release,
//! whose figures were counted independently (Python's csv and zipfile modules
//! over the same two zips).

mod common;

use common::{row, TWEETS_HEADER, USERS_HEADER};
use std::path::PathBuf;
use takedown::core::ingest::{self, Campaign};
use takedown::core::query::{self, Answer, Query, QueryCache};
use takedown::core::report::{report, Report, SignalKind};
use takedown::core::summary::summarize;

fn load(files: &[(String, String)]) -> Vec<Campaign> {
    let inputs = files.iter().map(|(name, text)| ingest::memory_input(name, text.clone().into_bytes())).collect();
    ingest::load_all(inputs).0
}

/// A user: id, display name, screen name, bio, followers, following, created, language.
type User<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

fn users_csv(users: &[User]) -> String {
    let mut lines = vec![USERS_HEADER.to_string()];
    for &(id, display, screen, bio, followers, following, created, language) in users {
        lines.push(row(
            USERS_HEADER,
            &[
                ("userid", id),
                ("user_display_name", display),
                ("user_screen_name", screen),
                ("user_profile_description", bio),
                ("follower_count", followers),
                ("following_count", following),
                ("account_creation_date", created),
                ("account_language", language),
            ],
        ));
    }
    lines.join("\n")
}

/// A tweet with counts (likes and retweets given, replies and quotes 0) and other fields.
fn tweet(id: &str, user: &str, time: &str, extra: &[(&str, &str)]) -> String {
    let mut values = vec![
        ("tweetid", id),
        ("userid", user),
        ("tweet_time", time),
        ("like_count", "0"),
        ("retweet_count", "0"),
        ("reply_count", "0"),
        ("quote_count", "0"),
        ("is_retweet", "false"),
    ];
    for &(k, v) in extra {
        values.retain(|(key, _)| *key != k);
        values.push((k, v));
    }
    row(TWEETS_HEADER, &values)
}

/// 42 accounts: six made alone on six days of six different weeks of 2019
/// (101–105 and a hashed one), 12 on Fri 2019-12-06 (201–212), 10 on Sat
/// 12-07 (301–310), 11 on Mon 12-09 (401–411), 2 on Fri 12-20 (501–502), and
/// 601 without a date; ten tweets by nine of them.
fn fixture() -> Report {
    const HASHED: &str = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==";
    let mut users: Vec<User> = vec![
        ("101", "somchai 99", "Somchai_99", "a bio", "5", "1", "2019-01-01", "th"),
        ("102", "MALEE", "Malee", "", "9", "0", "2019-02-01", "en-gb"),
        ("103", "Narong Thai", "narong", "a bio", "10", "0", "2019-03-01", "th"),
        ("104", "Four", "", "", "99", "0", "2019-04-01", ""),
        ("105", "Five", "105", "a bio", "100", "0", "2019-05-01", "th"),
        (HASHED, HASHED, HASHED, "x", "0", "0", "2019-06-01", "th"),
        ("601", "Nobody", "nobody", "", "0", "0", "", "th"),
    ];
    let generated: Vec<(String, &str)> = (201..=212)
        .map(|n| (n.to_string(), "2019-12-06"))
        .chain((301..=310).map(|n| (n.to_string(), "2019-12-07")))
        .chain((401..=411).map(|n| (n.to_string(), "2019-12-09")))
        .chain((501..=502).map(|n| (n.to_string(), "2019-12-20")))
        .collect();
    let names: Vec<(String, String)> =
        generated.iter().map(|(id, _)| (format!("Account {id}"), format!("acct{id}"))).collect();
    for ((id, created), (display, screen)) in generated.iter().zip(&names) {
        let followers = if id == "201" { "12345" } else { "0" };
        let language = if id == "401" { "iw" } else { "th" };
        users.push((id, display, screen, "a bio", followers, "0", created, language));
    }
    let tweets = [
        tweet("1", "101", "2019-01-01 10:00", &[("tweet_language", "th"), ("like_count", "4"), ("retweet_count", "2")]),
        tweet("2", "101", "2019-06-01 00:00", &[("tweet_language", "en")]),
        tweet("3", "102", "2019-02-02 00:00", &[("tweet_language", "en")]),
        tweet("4", "103", "2019-03-31 00:00", &[("tweet_language", "und"), ("like_count", "10")]),
        tweet("5", "104", "2019-04-08 00:00", &[("tweet_language", "th")]),
        tweet("6", "105", "2020-05-01 00:00", &[("tweet_language", "ja")]),
        tweet("7", "201", "2020-03-01 00:00", &[("tweet_language", "th")]),
        tweet("8", "301", "2020-06-01 00:00", &[("tweet_language", "th")]),
        tweet("9", "601", "2020-01-01 00:00", &[("tweet_language", "th")]),
        tweet("10", "401", "2019-12-08 23:00", &[("tweet_language", "he")]),
    ];
    let tweets_csv = [vec![TWEETS_HEADER.to_string()], tweets.to_vec()].concat().join("\n");
    let mut campaigns = load(&[
        ("rpt_users_csv_hashed.csv".into(), users_csv(&users)),
        ("rpt_tweets_csv_hashed.csv".into(), tweets_csv),
    ]);
    assert_eq!(campaigns.len(), 1);
    report(&campaigns.remove(0))
}

#[test]
fn the_page_asks_for_the_report_the_cli_prints() {
    let users = users_csv(&[("101", "One", "one", "", "3", "0", "2019-01-01", "th")]);
    let campaign = load(&[("rpt_users_csv_hashed.csv".into(), users)]).remove(0);
    let answer = query::answer(&campaign, &mut QueryCache::default(), &Query::Report);
    assert_eq!(answer, Answer::Report(Box::new(report(&campaign))));
}

fn ids(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| n.to_string()).collect()
}

#[test]
fn headline_of_the_fixture() {
    let h = fixture().headline;
    // 42 accounts, nine of them tweeted ten tweets: 101 two, the others one each.
    assert_eq!((h.accounts, h.accounts_with_tweets, h.tweets), (42, 9, 10));
    assert!((h.mean_tweets_per_account - 10.0 / 9.0).abs() < 1e-9);
    assert_eq!(h.median_tweets_per_account, 1.0);
    assert_eq!(h.first_tweet.as_deref(), Some("2019-01-01 10:00"));
    assert_eq!(h.last_tweet.as_deref(), Some("2020-06-01 00:00"));
}

#[test]
fn creation_batches_are_days_and_weeks_far_above_the_median() {
    let c = fixture().creations;
    // Active days: six with 1, then 12, 10, 11 and 2: sorted 1 1 1 1 1 1 2 10 11 12,
    // median (1 + 1) / 2 = 1, so the threshold is max(10, 10 × 1) = 10.
    assert_eq!((c.day_rule.active_periods, c.day_rule.median, c.day_rule.threshold), (10, 1.0, 10));
    assert_eq!(c.without_date, 1);
    assert_eq!(c.per_day.get("2019-12-06"), Some(&12));
    assert_eq!(c.per_month.get("2019-12"), Some(&35));
    assert_eq!(c.per_month.values().sum::<u64>(), 41);
    // 12-06 (12) and 12-07 (10, exactly the threshold) merge; 12-08 has none, so
    // 12-09 (11) is a batch of its own; 12-20 (2) is not one.
    let days: Vec<(&str, &str, u64, u64, &str, u64)> = c
        .day_batches
        .iter()
        .map(|b| (b.first.as_str(), b.last.as_str(), b.periods, b.accounts, b.peak.as_str(), b.peak_accounts))
        .collect();
    assert_eq!(
        days,
        [("2019-12-06", "2019-12-07", 2, 22, "2019-12-06", 12), ("2019-12-09", "2019-12-09", 1, 11, "2019-12-09", 11)]
    );
    assert_eq!(c.day_batches[0].ids, [ids(201..=212), ids(301..=310)].concat());
    assert_eq!(c.day_batches[1].ids, ids(401..=411));
    // Weeks: six with 1; Mon 12-02 has 22, Mon 12-09 11, Mon 12-16 2. Sorted
    // 1 1 1 1 1 1 2 11 22: median 1, threshold 10. The weeks of 12-02 and 12-09
    // are consecutive: one batch, Monday 12-02 to Sunday 12-15, 33 accounts.
    assert_eq!((c.week_rule.active_periods, c.week_rule.median, c.week_rule.threshold), (9, 1.0, 10));
    assert_eq!(c.per_week.get("2019-12-02"), Some(&22));
    let weeks: Vec<(&str, &str, u64, u64, &str)> = c
        .week_batches
        .iter()
        .map(|b| (b.first.as_str(), b.last.as_str(), b.periods, b.accounts, b.peak.as_str()))
        .collect();
    assert_eq!(weeks, [("2019-12-02", "2019-12-15", 2, 33, "2019-12-02")]);
    assert_eq!(c.week_batches[0].ids.len(), 33);
}

#[test]
fn lag_to_the_first_tweet_in_bins() {
    let lag = fixture().first_tweet_lag;
    let got: Vec<(&str, u64)> = lag.iter().map(|(l, n)| (l.as_str(), *n)).collect();
    // From 00:00 UTC of the creation day to the first tweet:
    // 101 10 h (its second tweet does not count), 401 −1 h (tweeted the evening
    // before: < 1 day); 102 exactly 1 day; 104 exactly 7 days; 103 30 days and
    // 201 86 days (12-06 to 03-01 of 2020, a leap year); 301 177 days; 105 366
    // days; 601 has no date; 42 − 9 = 33 never tweeted.
    assert_eq!(
        got,
        [
            ("< 1 day", 2),
            ("1–7 days", 1),
            ("7–30 days", 1),
            ("30–90 days", 2),
            ("90–365 days", 1),
            ("≥ 1 year", 1),
            ("never tweeted", 33),
            ("no creation date", 1),
        ]
    );
}

#[test]
fn followers_and_following_in_decades() {
    let r = fixture();
    let bins = |bins: &[takedown::core::report::LogBin]| -> Vec<(String, u64)> {
        bins.iter().map(|b| (b.label.clone(), b.accounts)).collect()
    };
    // Followers 5 and 9 (1–9), 10 and 99 (10–99), 100, 12 345, and 36 zeros.
    let expected: Vec<(String, u64)> =
        [("0", 36), ("1–9", 2), ("10–99", 2), ("100–999", 1), ("1000–9999", 0), ("10000–99999", 1)]
            .iter()
            .map(|(l, n)| (l.to_string(), *n))
            .collect();
    assert_eq!(bins(&r.followers), expected);
    // Following: 101 follows 1, the 41 others none.
    assert_eq!(bins(&r.following), [("0".to_string(), 41), ("1–9".to_string(), 1)]);
}

#[test]
fn engagement_per_tweet() {
    let e = fixture().engagement;
    assert_eq!((e.tweets_with_counts, e.tweets_without_counts), (10, 0));
    // Likes 4, 10 and eight zeros: mean 14 / 10, median 0, max 10, 8 of 10 zero.
    assert_eq!((e.likes.mean, e.likes.median, e.likes.max, e.likes.zero_share), (1.4, 0.0, 10, 0.8));
    // Retweets 2 and nine zeros; no replies or quotes.
    assert_eq!((e.retweets.mean, e.retweets.max, e.retweets.zero_share), (0.2, 2, 0.9));
    assert_eq!((e.replies.mean, e.quotes.zero_share), (0.0, 1.0));
}

#[test]
fn profile_signals_with_their_accounts() {
    let signals = fixture().signals;
    let find = |kind: SignalKind| signals.iter().find(|s| s.kind == kind).expect("every signal is reported");
    // Empty bios: 102, 104, 601, of all 42.
    let bio = find(SignalKind::EmptyBio);
    assert_eq!(
        (bio.judged, bio.ids.clone()),
        (42, ids(102..=102).into_iter().chain(["104".into(), "601".into()]).collect())
    );
    // 104 has no screen name, 105's and the hashed one's are their ids: 39 judged;
    // "somchai 99" is Somchai_99, "MALEE" Malee, "Nobody" nobody; "Narong Thai"
    // is not narong, nor "Account 201" acct201.
    let name = find(SignalKind::NameIsHandle);
    assert_eq!((name.judged, name.ids.clone()), (39, vec!["101".to_string(), "102".into(), "601".into()]));
    // Judged: the seven with a setting and a tweet in a known language (103's
    // only tweet is und, 104 has no setting). 101 tweets th once and en once: the
    // tie goes to en, unlike its th; 105 is th and tweets ja; 102 en-gb tweets
    // en and 401 iw tweets he: no mismatch.
    let language = find(SignalKind::LanguageMismatch);
    assert_eq!((language.judged, language.ids.clone()), (7, vec!["101".to_string(), "105".into()]));
    let hashed = find(SignalKind::HashedHandle);
    assert_eq!((hashed.judged, hashed.accounts), (42, 1));
    assert_eq!(hashed.ids, ["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg=="]);
}

#[test]
fn hashtag_bursts_jump_from_their_earlier_weeks() {
    let mut tweets = vec![TWEETS_HEADER.to_string()];
    let mut next = 0;
    let mut add = |day: &str, tags: &str, n: usize| {
        for _ in 0..n {
            next += 1;
            tweets.push(tweet(&next.to_string(), "1", &format!("{day} 12:00"), &[("hashtags", tags)]));
        }
    };
    // #Surge: 2 in the week of Mon 2020-01-06, none the next, 12 in the week of
    // 01-20 (one tweet with it twice, once as SURGE: counted once), 12 in that of
    // 01-27, 11 in that of 02-03.
    add("2020-01-06", "['Surge']", 2);
    add("2020-01-21", "['Surge']", 11);
    add("2020-01-22", "['Surge', 'SURGE']", 1);
    add("2020-01-27", "['surge']", 12);
    add("2020-02-05", "['Surge']", 11);
    // #Steady: 10 a week for three weeks; #small: 9 in one week.
    add("2020-01-06", "['Steady']", 10);
    add("2020-01-14", "['steady']", 10);
    add("2020-01-20", "['Steady']", 10);
    add("2020-01-08", "['small']", 9);
    let mut campaigns = load(&[("burst_tweets_csv_hashed.csv".into(), tweets.join("\n"))]);
    let store = campaigns.remove(0).store;
    let b = takedown::core::report::hashtag_bursts(&store, &takedown::core::summary::Keys::new(&store));
    assert_eq!((b.min_tweets, b.factor, b.total), (10, 5, 3));
    let got: Vec<(&str, &str, u64, f64, u64)> = b
        .bursts
        .iter()
        .map(|b| (b.hashtag.as_str(), b.week.as_str(), b.tweets, b.baseline, b.previous_weeks))
        .collect();
    assert_eq!(
        got,
        [
            // Earlier weeks 2, 0: median 1, and 12 ≥ 5 × 1.
            ("surge", "2020-01-20", 12, 1.0, 2),
            // Earlier 2, 0, 12: median 2, and 12 ≥ 10.
            ("surge", "2020-01-27", 12, 2.0, 3),
            // Its first week: no earlier weeks, median 0, and 10 tweets. Its second
            // (earlier: 10) and third (10, 10) would need 50. Surge's week of
            // 02-03 (earlier 0, 2, 12, 12: median 7) would need 35; small has 9.
            ("steady", "2020-01-06", 10, 0.0, 0),
        ]
    );
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(name)
}

#[test]
fn thailand_report_matches_the_counts_made_independently() {
    let inputs = [
        "hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip",
        "hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip",
    ]
    .iter()
    .map(|n| {
        let bytes = std::fs::read(corpus(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
        ingest::memory_input(&corpus(n).display().to_string(), bytes)
    })
    .collect();
    let campaign = ingest::load_all(inputs).0.remove(0);
    let r = report(&campaign);
    let h = &r.headline;
    // Counted with Python's csv module: 926 users, 455 distinct authors among
    // the 21 385 tweets, every author in the users file.
    assert_eq!((h.accounts, h.accounts_with_tweets, h.tweets), (926, 455, 21_385));
    let s = summarize(&campaign);
    assert_eq!((h.first_tweet.clone(), h.last_tweet.clone()), (s.first_tweet, s.last_tweet));
    let c = &r.creations;
    // Accounts made per month, as Python counted them: 339 in December 2019, 453 in January 2020.
    assert_eq!((c.per_month.get("2019-12"), c.per_month.get("2020-01")), (Some(&339), Some(&453)));
    assert_eq!(c.per_month, s.account_creations_per_month);
    // 99 days have a creation, most of them one (median 1): threshold 10.
    assert_eq!((c.day_rule.active_periods, c.day_rule.median, c.day_rule.threshold), (99, 1.0, 10));
    // The largest day batch: 50, 72, 106 and 52 accounts on 6–9 December 2019.
    let big = c.day_batches.iter().max_by_key(|b| b.accounts).expect("Thailand has batches");
    assert_eq!((big.first.as_str(), big.last.as_str(), big.accounts), ("2019-12-06", "2019-12-09", 280));
    assert_eq!((big.peak.as_str(), big.peak_accounts), ("2019-12-08", 106));
    // Days of ten or more, as Python listed them: 19 days in nine runs.
    assert_eq!(c.day_batches.len(), 9);
    assert_eq!(c.day_batches.iter().map(|b| b.periods).sum::<u64>(), 19);
    // Weeks: 40 with a creation, median 2, threshold 20; the weeks of Mondays
    // 12-23 to 01-27 (21, 31, 147, 211, 39, 26) are one run of 475 accounts.
    assert_eq!((c.week_rule.active_periods, c.week_rule.median, c.week_rule.threshold), (40, 2.0, 20));
    let run = c.week_batches.iter().find(|b| b.first == "2019-12-23").expect("the December–January run");
    assert_eq!((run.last.as_str(), run.periods, run.accounts), ("2020-02-02", 6, 475));
    // Python's lags from the creation day's midnight to the first tweet; 926 − 455 never tweeted.
    let lag: Vec<u64> = r.first_tweet_lag.iter().map(|(_, n)| *n).collect();
    assert_eq!(lag, [148, 131, 128, 42, 3, 3, 471, 0]);
    let followers: Vec<u64> = r.followers.iter().map(|b| b.accounts).collect();
    assert_eq!(followers, [684, 209, 33]);
    let signal = |kind: SignalKind| r.signals.iter().find(|s| s.kind == kind).expect("every signal is reported");
    // Every screen name is the (hashed) user id, so none is judged for name = handle.
    assert_eq!((signal(SignalKind::HashedHandle).accounts, s.hashed_accounts), (926, 926));
    assert_eq!(signal(SignalKind::NameIsHandle).judged, 0);
    assert_eq!(signal(SignalKind::EmptyBio).accounts, 681);
    let language = signal(SignalKind::LanguageMismatch);
    assert_eq!((language.judged, language.accounts), (439, 251));
    // Python, on the hashtags column (case-folded, once per tweet, weeks from
    // Monday): 104 bursts, the largest #กองทัพบก's 164 in the week of 2020-02-24
    // over a median of 6.
    assert_eq!(r.bursts.total, 104);
    let top = &r.bursts.bursts[0];
    assert_eq!(
        (top.hashtag.as_str(), top.week.as_str(), top.tweets, top.baseline),
        ("กองทัพบก", "2020-02-24", 164, 6.0)
    );
}
