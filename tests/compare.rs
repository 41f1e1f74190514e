//! Native tests of the comparison of campaigns on two small fixtures; every
//! expected value is worked out by hand in the comments.

mod common;

use common::{row, TWEETS_HEADER, USERS_HEADER};
use takedown::core::campaign::Campaign;
use takedown::core::compare::{compare, Comparison, LinkKind, MatchedBy};
use takedown::core::ingest;
use takedown::core::query::{self, Answer, Query, QueryCache};
use takedown::core::side_by_side::side_by_side;
use takedown::core::summary::summarize;

fn users(list: &[(&str, &str)]) -> String {
    let mut lines = vec![USERS_HEADER.to_string()];
    for &(id, screen) in list {
        lines.push(row(
            USERS_HEADER,
            &[
                ("userid", id),
                ("user_screen_name", screen),
                ("user_display_name", screen),
                ("account_creation_date", "2019-01-01"),
            ],
        ));
    }
    lines.join("\n")
}

/// A tweet: its id, its author and its fields beside those.
type Tweet<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn tweets(list: &[Tweet]) -> String {
    let mut lines = vec![TWEETS_HEADER.to_string()];
    for &(id, user, extra) in list {
        let mut values =
            vec![("tweetid", id), ("userid", user), ("tweet_time", "2020-01-01 00:00"), ("is_retweet", "false")];
        values.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        values.extend_from_slice(extra);
        lines.push(row(TWEETS_HEADER, &values));
    }
    lines.join("\n")
}

/// The campaigns of these files, by name.
fn load(files: &[(&str, String)]) -> Vec<Campaign> {
    let inputs = files.iter().map(|(name, text)| ingest::memory_input(name, text.clone().into_bytes())).collect();
    let mut campaigns = ingest::load_all(inputs).0;
    campaigns.sort_by(|a, b| a.name.cmp(&b.name));
    campaigns
}

fn fixture() -> Comparison {
    let campaigns = fixture_campaigns();
    compare(&campaigns.iter().collect::<Vec<_>>())
}

/// alpha: 11 ann, 12 ben, 99 both; beta: 21 cat, 22 dan, 99 both.
fn fixture_campaigns() -> Vec<Campaign> {
    let alpha = tweets(&[
        (
            "101",
            "11",
            &[
                ("tweet_text", "#News @cat hello"),
                ("hashtags", "['News', 'Vote']"),
                ("urls", "['https://www.example.com/a', 'https://news.org/x']"),
                ("user_mentions", "['21']"),
            ],
        ),
        (
            "102",
            "11",
            &[
                ("is_retweet", "true"),
                ("retweet_userid", "22"),
                ("tweet_text", "RT @dan: hi"),
                ("hashtags", "['news']"),
                ("user_mentions", "['22']"),
            ],
        ),
        (
            "103",
            "12",
            &[
                ("in_reply_to_userid", "21"),
                ("in_reply_to_tweetid", "500"),
                ("tweet_text", "@cat yes"),
                ("user_mentions", "['21']"),
            ],
        ),
        ("104", "12", &[("is_retweet", "true"), ("tweet_text", "RT @Dan: something")]),
        ("105", "12", &[("tweet_text", "hello @CAT and @nobody")]),
        ("106", "99", &[("tweet_text", "hi"), ("user_mentions", "['21']")]),
        ("107", "99", &[("tweet_text", "me"), ("user_mentions", "['99']")]),
        ("108", "11", &[("is_retweet", "true"), ("retweet_userid", "77"), ("hashtags", "['Vote']")]),
    ]);
    let beta = tweets(&[
        (
            "201",
            "21",
            &[("hashtags", "['vote', 'Other']"), ("urls", "['http://example.com/b']"), ("user_mentions", "['77']")],
        ),
        (
            "202",
            "22",
            &[
                ("is_retweet", "true"),
                ("retweet_userid", "77"),
                ("tweet_text", "RT @outsider: x"),
                ("user_mentions", "['77']"),
            ],
        ),
        (
            "203",
            "22",
            &[
                ("is_retweet", "true"),
                ("retweet_userid", "11"),
                ("tweet_text", "RT @ann: hi"),
                ("user_mentions", "['11']"),
            ],
        ),
        ("204", "21", &[("urls", "['https://other.net/']")]),
    ]);
    let files = [
        ("alpha_users_csv_hashed.csv", users(&[("11", "ann"), ("12", "ben"), ("99", "both")])),
        ("alpha_tweets_csv_hashed.csv", alpha),
        ("beta_users_csv_hashed.csv", users(&[("21", "cat"), ("22", "dan"), ("99", "both")])),
        ("beta_tweets_csv_hashed.csv", beta),
    ];
    load(&files)
}

#[test]
fn a_links_tweets_by_their_ids_in_the_order_read() {
    let campaigns = fixture_campaigns();
    let ids = ["105", "102", "999", "201"].map(String::from).to_vec();
    let answer = query::answer(&campaigns[0], &mut QueryCache::default(), &Query::TweetsById(ids));
    let Answer::Tweets(page) = answer else { panic!("tweets, not {answer:?}") };
    // 999 is no tweet, and 201 is beta's.
    let got: Vec<(&str, &str)> = page.rows.iter().map(|t| (t.id.as_str(), t.account.as_str())).collect();
    assert_eq!(got, [("102", "11"), ("105", "12")]);
    assert_eq!(page.total, 2);
}

#[test]
fn timelines_languages_and_clients_side_by_side() {
    let tweet = |time: &'static str, lang: &'static str, client: &'static str| -> [(&'static str, &'static str); 3] {
        [("tweet_time", time), ("tweet_language", lang), ("tweet_client_name", client)]
    };
    let (g1, g2, g3) = (
        tweet("2019-12-05 10:00", "en", "Web"),
        tweet("2020-02-01 00:00", "en", "Web"),
        tweet("2020-02-03 23:59", "th", "iPhone"),
    );
    let (d1, d2) = (tweet("2020-01-10 08:00", "ru", "Web"), tweet("2020-01-11 09:00", "ru", "Android"));
    let campaigns = load(&[
        ("gamma_users_csv_hashed.csv", users(&[("31", "g"), ("32", "h")])),
        ("gamma_tweets_csv_hashed.csv", tweets(&[("1", "31", &g1), ("2", "31", &g2), ("3", "32", &g3)])),
        ("delta_tweets_csv_hashed.csv", tweets(&[("4", "41", &d1), ("5", "41", &d2)])),
    ]);
    // Sorted: delta, gamma; compared gamma first.
    let (delta, gamma) = (&campaigns[0], &campaigns[1]);
    let summaries = [summarize(gamma), summarize(delta)];
    let side = side_by_side(&[gamma, delta], &summaries.iter().collect::<Vec<_>>());
    assert_eq!(side.campaigns, ["gamma", "delta"]);
    // One calendar from December to February, January empty for gamma.
    let t = &side.tweets_per_month;
    assert_eq!(t.months, ["2019-12", "2020-01", "2020-02"]);
    assert_eq!(t.counts, [vec![1, 0, 2], vec![0, 2, 0]]);
    assert_eq!(t.shares(), [vec![1.0 / 3.0, 0.0, 2.0 / 3.0], vec![0.0, 1.0, 0.0]]);
    // gamma's two accounts from its users file (2019-01-01); delta's one from
    // its first tweet, without a creation date.
    assert_eq!(
        (side.creations_per_month.months.clone(), side.creations_per_month.counts.clone()),
        (vec!["2019-01".to_string()], vec![vec![2], vec![0]])
    );
    // Languages by the sum of shares: ru 0 + 1, en 2/3 + 0, th 1/3 + 0.
    let rows = |t: &takedown::core::side_by_side::Table| -> Vec<(String, Vec<u64>)> {
        t.rows.iter().map(|r| (r.label.clone(), r.counts.clone())).collect()
    };
    let row = |label: &str, counts: [u64; 2]| (label.to_string(), counts.to_vec());
    assert_eq!(rows(&side.languages), [row("ru", [0, 2]), row("en", [2, 0]), row("th", [1, 0])]);
    // Clients: Web 2/3 + 1/2, Android 0 + 1/2, iPhone 1/3 + 0.
    assert_eq!(rows(&side.clients), [row("Web", [2, 1]), row("Android", [0, 1]), row("iPhone", [1, 0])]);
}

#[test]
fn headlines_side_by_side() {
    let c = fixture();
    let got: Vec<(&str, u64, u64)> = c.headlines.iter().map(|h| (h.name.as_str(), h.accounts, h.tweets)).collect();
    assert_eq!(got, [("alpha", 3, 8), ("beta", 3, 4)]);
    assert_eq!(c.pairs.len(), 1);
    assert_eq!((c.pairs[0].a.as_str(), c.pairs[0].b.as_str()), ("alpha", "beta"));
}

#[test]
fn shared_items_with_counts_and_jaccard() {
    let pair = &fixture().pairs[0];
    let counts = |s: &takedown::core::compare::SharedItems| (s.shared, s.only_a, s.only_b);
    let items = |s: &takedown::core::compare::SharedItems| -> Vec<(String, u64, u64)> {
        s.items.iter().map(|i| (i.item.clone(), i.tweets_a, i.tweets_b)).collect()
    };
    // Hashtags: alpha {news (101, 102: News and news fold together), vote (101,
    // 108)}, beta {vote (201), other}: shared 1 of 3, Jaccard 1/3.
    assert_eq!(counts(&pair.hashtags), (1, 1, 1));
    assert_eq!(items(&pair.hashtags), [("vote".to_string(), 2, 1)]);
    assert!((pair.hashtags.jaccard - 1.0 / 3.0).abs() < 1e-12);
    // Domains: {example.com, news.org} and {example.com, other.net}.
    assert_eq!(counts(&pair.domains), (1, 1, 1));
    assert_eq!(items(&pair.domains), [("example.com".to_string(), 1, 1)]);
    // Retweeted: alpha {22 (102), @Dan (104: no id, the name from its text), 77
    // (108)}, beta {77 (202), 11 (203)}: shared 77, Jaccard 1/4.
    assert_eq!(counts(&pair.retweeted), (1, 2, 1));
    assert_eq!(items(&pair.retweeted), [("77".to_string(), 1, 1)]);
    assert_eq!(pair.retweeted.jaccard, 0.25);
    // Mentioned: alpha {21 (101, 103, 106), 22 (102), 99 (107)}, beta {77 (201, 202), 11 (203)}.
    assert_eq!(counts(&pair.mentioned), (0, 3, 2));
    assert_eq!(pair.mentioned.jaccard, 0.0);
    assert_eq!(pair.shared_accounts, ["99"]);
}

#[test]
fn cross_links_with_the_tweets_behind_them() {
    let pair = &fixture().pairs[0];
    type Link<'a> = (&'a str, LinkKind, MatchedBy, &'a str, &'a str, Vec<&'a str>);
    let got: Vec<Link> = pair
        .links_a_to_b
        .links
        .iter()
        .chain(&pair.links_b_to_a.links)
        .map(|l| {
            assert_eq!(l.tweet_count, l.tweets.len() as u64);
            (
                l.from.as_str(),
                l.kind,
                l.matched_by,
                l.source.as_str(),
                l.target.as_str(),
                l.tweets.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    // Six links from alpha, one tweet each; one from beta.
    assert_eq!((pair.links_a_to_b.total, pair.links_a_to_b.tweets, pair.links_b_to_a.total), (6, 6, 1));
    use LinkKind::*;
    use MatchedBy::*;
    assert_eq!(
        got,
        [
            // 102 retweets 22 by retweet_userid (its mention of 22 is the retweet).
            ("alpha", Retweet, UserId, "11", "22", vec!["102"]),
            // 104 has no retweet_userid nor mention: "RT @Dan:" is dan's screen name.
            ("alpha", Retweet, ScreenName, "12", "22", vec!["104"]),
            // 103 replies to 21 (its mention of 21 is the reply).
            ("alpha", Reply, UserId, "12", "21", vec!["103"]),
            ("alpha", Mention, UserId, "11", "21", vec!["101"]),
            // 105's text names @CAT, no mention column; @nobody is no account of beta.
            ("alpha", Mention, ScreenName, "12", "21", vec!["105"]),
            // 99 is in both campaigns: its mention of 21 is a link, of itself (107) not.
            ("alpha", Mention, UserId, "99", "21", vec!["106"]),
            // 203 retweets 11 of alpha; its "RT @ann" is that retweet, not a mention.
            ("beta", Retweet, UserId, "22", "11", vec!["203"]),
        ]
    );
}
