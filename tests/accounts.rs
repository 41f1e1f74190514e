//! Native tests of the account table, its CSV export, the load report's
//! grouped rejections and FiveThirtyEight's links. Expected values come from
//! reading the release files with the `zip` and `csv` crates, or from
//! fixtures written here, never from the code under test.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;
use takedown::core::ingest::{self, Campaign};
use takedown::core::query::*;
use takedown::core::summary::{summarize, summarize_in, Keys};

const TWEETS: &str = "hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip";
const USERS: &str = "hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip";
const RUSSIA: &str = "russian_linked_tweets_csv_hashed.csv";

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(name)
}

fn load(names: &[&str]) -> Campaign {
    let inputs = names
        .iter()
        .map(|n| {
            let bytes = std::fs::read(corpus(n)).unwrap_or_else(|e| panic!("{n}: {e}"));
            ingest::memory_input(n, bytes)
        })
        .collect();
    ingest::load_all(inputs).0.remove(0)
}

/// The records of the one CSV in a release zip, as header-named fields.
/// A CSV record, by column name.
type Record = HashMap<String, String>;

fn zip_records(name: &str) -> Vec<HashMap<String, String>> {
    let file = std::fs::File::open(corpus(name)).expect("the zip");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut member = archive.by_index(0).expect("one member");
    let mut bytes = Vec::new();
    member.read_to_end(&mut bytes).expect("readable");
    csv_records(&bytes)
}

fn csv_records(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().expect("a header").iter().map(str::to_string).collect();
    reader
        .records()
        .map(|r| header.iter().cloned().zip(r.expect("a CSV record").iter().map(str::to_string)).collect())
        .collect()
}

fn query(sort: AccountColumn, descending: bool) -> AccountQuery {
    AccountQuery {
        filter: String::new(),
        sort,
        descending,
        offset: 0,
        limit: usize::MAX,
        range: None,
        without_tweets: false,
    }
}

#[test]
fn the_export_keeps_every_userid_exact_and_the_profile_whole() {
    let c = load(&[TWEETS, USERS]);
    let csv = accounts_csv(&account_rows(&c, None), &query(AccountColumn::Tweets, true));
    let body = csv.strip_prefix('\u{FEFF}').expect("a UTF-8 byte order mark for spreadsheets");
    let exported = csv_records(body.as_bytes());
    let users = zip_records(USERS);
    assert_eq!(users.iter().filter(|u| u["userid"].starts_with('+')).count(), 7, "the release's ids with a +");
    let release: HashMap<&str, &HashMap<String, String>> = users.iter().map(|u| (u["userid"].as_str(), u)).collect();
    assert_eq!(exported.len(), release.len());
    for row in &exported {
        let user = release.get(row["userid"].as_str()).unwrap_or_else(|| panic!("{} is no userid", row["userid"]));
        for column in ["user_reported_location", "user_profile_url", "account_language", "user_profile_description"] {
            let written = &row[column];
            let guarded = written.strip_prefix('\'').filter(|rest| rest.starts_with(['=', '+', '-', '@']));
            assert_eq!(guarded.unwrap_or(written), user[column].trim(), "{column} of {}", row["userid"]);
        }
    }
    let ids: HashSet<&str> = exported.iter().map(|r| r["userid"].as_str()).collect();
    assert_eq!(ids.len(), release.len());
}

#[test]
fn with_a_range_the_table_lists_the_accounts_the_overview_counts() {
    let c = load(&[TWEETS, USERS]);
    let tweeted: HashSet<String> = zip_records(TWEETS)
        .into_iter()
        .filter(|t| t["tweet_time"].starts_with("2020-02"))
        .map(|t| t["userid"].clone())
        .collect();
    assert!(!tweeted.is_empty() && tweeted.len() < 455, "a month with some of the accounts: {}", tweeted.len());
    let range = Range::from_days("2020-02-01", "2020-02-29");
    let rows = account_rows(&c, range);
    let page = account_page(&rows, &AccountQuery { range, ..query(AccountColumn::Tweets, true) });
    assert_eq!(page.total, tweeted.len());
    assert!(page.rows.iter().all(|r| tweeted.contains(&r.id)));
    assert_eq!(page.without_tweets, 926 - tweeted.len());
    let summary = summarize_in(&c, range, &Keys::new(&c.store));
    assert_eq!(summary.accounts as usize, page.total);
    let everyone =
        account_page(&rows, &AccountQuery { range, without_tweets: true, ..query(AccountColumn::Tweets, true) });
    assert_eq!(everyone.total, 926);
    let all_time = account_page(&account_rows(&c, None), &query(AccountColumn::Tweets, true));
    assert_eq!((all_time.total, all_time.without_tweets), (926, 0), "without a range every account is listed");
}

#[test]
fn blanks_sort_last_in_both_directions() {
    let c = load(&[TWEETS, USERS]);
    let rows = account_rows(&c, None);
    type IsBlank = fn(&AccountRow) -> bool;
    let columns: [(AccountColumn, IsBlank); 4] = [
        (AccountColumn::FirstTweet, |r| r.first_tweet.is_none()),
        (AccountColumn::LastTweet, |r| r.last_tweet.is_none()),
        (AccountColumn::Language, |r| r.language.is_empty()),
        (AccountColumn::RetweetShare, |r| r.tweets == 0),
    ];
    for (column, is_blank) in columns {
        for descending in [false, true] {
            let page = account_page(&rows, &query(column, descending));
            let blanks = page.rows.iter().filter(|r| is_blank(r)).count();
            assert_eq!(blanks, 926 - 455, "{column:?}: the accounts without tweets");
            assert!(page.rows[..455].iter().all(|r| !is_blank(r)), "{column:?} descending {descending}: blanks last");
        }
    }
    let firsts = account_page(&rows, &query(AccountColumn::FirstTweet, false));
    assert!(firsts.rows[..455].windows(2).all(|w| w[0].first_tweet <= w[1].first_tweet));
    let lasts = account_page(&rows, &query(AccountColumn::FirstTweet, true));
    assert!(lasts.rows[..455].windows(2).all(|w| w[0].first_tweet >= w[1].first_tweet));
}

#[test]
fn names_sort_in_any_case_their_ties_by_id_and_blanks_last() {
    let c = load(&[TWEETS, USERS]);
    let rows = account_rows(&c, None);
    type Name = fn(&AccountRow) -> &str;
    let columns: [(AccountColumn, Name); 2] =
        [(AccountColumn::DisplayName, |r| &r.display_name), (AccountColumn::ScreenName, |r| &r.screen_name)];
    for (column, name) in columns {
        let mut as_written: Vec<&str> = rows.iter().map(name).collect();
        let mut any_case = as_written.clone();
        as_written.sort();
        any_case.sort_by_key(|n| n.to_lowercase());
        assert_ne!(as_written, any_case, "{column:?}: some names sort otherwise in their case");
        for descending in [false, true] {
            let page = account_page(&rows, &query(column, descending));
            assert_eq!(page.rows.len(), 926);
            let keys: Vec<_> = page.rows.iter().map(|r| (name(r).is_empty(), name(r).to_lowercase(), &r.id)).collect();
            for pair in keys.windows(2) {
                let ((blank_a, a, id_a), (blank_b, b, id_b)) = (&pair[0], &pair[1]);
                let named_in_order = if descending { a > b } else { a < b };
                let in_order = blank_a < blank_b || (blank_a == blank_b && (named_in_order || (a == b && id_a < id_b)));
                assert!(in_order, "{column:?} descending {descending}: {:?} before {:?}", pair[0], pair[1]);
            }
        }
    }
}

#[test]
fn the_rejections_of_a_file_are_grouped_by_kind() {
    let c = load(&[RUSSIA]);
    let summary = summarize(&c);
    let groups = summary.rejections_of(RUSSIA);
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!((groups[0].kind.as_str(), groups[0].rows), ("cut short", 1));
    let first = groups[0].first.as_deref().unwrap_or_default();
    assert!(first.starts_with(RUSSIA) && first.ends_with("(was the download complete?)"), "{first}");
    assert!(summary.rejections_of("another.csv").is_empty());
}

/// The 21 columns of FiveThirtyEight's IRAhandle_tweets files, two rows whose
/// text links through t.co and whose `tco*_step1` say where the links lead.
const FIVETHIRTYEIGHT: &str = "external_author_id,author,content,region,language,publish_date,harvested_date,following,followers,updates,post_type,account_type,retweet,account_category,new_june_2018,alt_external_id,tweet_id,article_url,tco1_step1,tco2_step1,tco3_step1
906000000000000000,TEN_GOP,\"Read this https://t.co/AbC123 and https://t.co/XyZ789\",United States,English,10/1/2017 19:58,10/1/2017 19:59,1052,9636,253,,Right,0,RightTroll,0,905874659358453760,914580356430536707,http://twitter.com/905874659358453760/statuses/914580356430536707,https://www.breitbart.com/big-government/2017/10/01/story/,http://bit.ly/2xyz,
906000000000000000,TEN_GOP,\"Again https://t.co/Qq\",United States,English,10/2/2017 08:00,10/2/2017 08:01,1052,9640,254,,Right,0,RightTroll,0,905874659358453760,914580356430536708,http://twitter.com/905874659358453760/statuses/914580356430536708,https://breitbart.com/x,,
";

#[test]
fn fivethirtyeight_domains_are_the_expanded_links() {
    let (mut campaigns, _) =
        ingest::load_all(vec![ingest::memory_input("IRAhandle_tweets_1.csv", FIVETHIRTYEIGHT.as_bytes().to_vec())]);
    let c = campaigns.remove(0);
    let summary = summarize(&c);
    assert_eq!(summary.tweets, 2);
    assert_eq!(summary.top_domains, vec![("breitbart.com".to_string(), 2), ("bit.ly".to_string(), 1)]);
    let page = tweets(&c, &TweetQuery { limit: 10, ..TweetQuery::default() });
    assert!(page.rows.iter().all(|t| t.engagement.is_none()), "the layout has no counts: absent, not 0");
    assert!(page.rows.iter().all(|t| t.urls.iter().all(|u| !u.contains("t.co/"))), "{:?}", page.rows[0].urls);
}

#[test]
fn the_top_client_and_domain_open_as_many_tweets_as_the_overview_counts() {
    let c = load(&[TWEETS, USERS]);
    let summary = summarize(&c);
    let release = zip_records(TWEETS);
    let (client, n) = summary.top_clients[0].clone();
    assert_eq!(release.iter().filter(|t| t["tweet_client_name"] == client).count() as u64, n);
    let page = tweets(&c, &TweetQuery { client: Some(client), limit: 1, ..TweetQuery::default() });
    assert_eq!(page.total as u64, n);
    // The release's `urls` column, its hosts read here without www.
    let (site, n) = summary.top_domains[0].clone();
    let links_to = |urls: &str| {
        urls.split(['\'', ',', '[', ']', ' ']).filter(|u| u.contains("://")).any(|u| {
            let host = u.split("://").nth(1).unwrap_or_default().split(['/', '?', '#', ':']).next().unwrap_or_default();
            host.to_lowercase().trim_start_matches("www.") == site
        })
    };
    assert_eq!(release.iter().filter(|t| links_to(&t["urls"])).count() as u64, n, "{site}");
    let page = tweets(&c, &TweetQuery { domain: Some(site.clone()), limit: 1, ..TweetQuery::default() });
    assert_eq!(page.total as u64, n, "{site}");
    assert_eq!(tweets(&c, &TweetQuery { client: Some("no such client".into()), ..TweetQuery::default() }).total, 0);
}

/// An account's figures over a range, counted from the CSV records: tweets,
/// retweets, first and last time, and the language and client of most of its
/// tweets (of equals, the one the file names first).
fn figures_from_records(records: &[HashMap<String, String>], from: &str, to: &str) -> HashMap<String, [String; 6]> {
    let first_seen = |column: &str| -> HashMap<String, usize> {
        let mut order = HashMap::new();
        for r in records {
            let n = order.len();
            order.entry(r[column].trim().to_string()).or_insert(n);
        }
        order
    };
    let (language_order, client_order) = (first_seen("tweet_language"), first_seen("tweet_client_name"));
    let mut by_account: HashMap<String, Vec<&HashMap<String, String>>> = HashMap::new();
    for r in records.iter().filter(|r| (from..=to).contains(&&r["tweet_time"][..10])) {
        by_account.entry(r["userid"].clone()).or_default().push(r);
    }
    let most = |tweets: &[&HashMap<String, String>], column: &str, order: &HashMap<String, usize>| -> String {
        let mut counts: HashMap<String, usize> = HashMap::new();
        tweets.iter().for_each(|t| *counts.entry(t[column].trim().to_string()).or_default() += 1);
        let best = counts.into_iter().min_by_key(|(value, n)| (std::cmp::Reverse(*n), order[value]));
        best.map(|(value, _)| value).unwrap_or_default()
    };
    by_account
        .into_iter()
        .map(|(id, tweets)| {
            let times: Vec<&str> = tweets.iter().map(|t| t["tweet_time"].as_str()).collect();
            let retweets = tweets.iter().filter(|t| t["is_retweet"].eq_ignore_ascii_case("true")).count();
            let figures = [
                tweets.len().to_string(),
                retweets.to_string(),
                times.iter().min().map(|t| t[..16].to_string()).unwrap_or_default(),
                times.iter().max().map(|t| t[..16].to_string()).unwrap_or_default(),
                most(&tweets, "tweet_language", &language_order),
                most(&tweets, "tweet_client_name", &client_order),
            ];
            (id, figures)
        })
        .collect()
}

/// The Thailand release and a generated file of 30 000 rows (from `seed`),
/// each loaded and as the csv crate reads it.
fn thailand_and_generated(seed: u64) -> [(&'static str, Campaign, Vec<Record>); 2] {
    let mut synthetic = Vec::new();
    takedown::synth::write_tweets(&mut synthetic, &takedown::synth::Spec::benchmark(30_000, 60, seed))
        .expect("in memory");
    let generated = ingest::load_all(vec![ingest::memory_input("generated.csv", synthetic.clone())]).0.remove(0);
    [("thailand", load(&[TWEETS, USERS]), zip_records(TWEETS)), ("generated", generated, csv_records(&synthetic))]
}

#[test]
fn every_accounts_figures_over_a_range_match_the_records() {
    for (name, c, records) in thailand_and_generated(5) {
        let ranges = [
            ("2000-01-01", "2030-12-31"),
            ("2020-02-01", "2020-02-29"),
            ("2016-01-01", "2016-12-31"),
            ("2017-03-05", "2017-03-20"),
        ];
        for (from, to) in ranges {
            let expected = figures_from_records(&records, from, to);
            let range = Range::from_days(from, to);
            let page =
                account_page(&account_rows(&c, range), &AccountQuery { range, ..query(AccountColumn::Tweets, true) });
            let got: HashMap<String, [String; 6]> = page
                .rows
                .iter()
                .map(|r| {
                    let figures = [
                        r.tweets.to_string(),
                        r.retweets.to_string(),
                        r.first_tweet.clone().unwrap_or_default(),
                        r.last_tweet.clone().unwrap_or_default(),
                        r.language.clone(),
                        r.client.clone(),
                    ];
                    (r.id.clone(), figures)
                })
                .collect();
            assert_eq!(got.len(), expected.len(), "{name} {from}..{to}: accounts with tweets");
            for (id, figures) in &expected {
                assert_eq!(got.get(id), Some(figures), "{name} {from}..{to}: account {id}");
            }
        }
    }
}

#[test]
fn the_overview_of_a_range_counts_by_day_what_the_records_and_a_pass_over_the_rows_count() {
    for (name, c, records) in thailand_and_generated(7) {
        let keys = Keys::new(&c.store);
        // One cache for every range, as the worker keeps one, built in
        // steps of a thousand rows, fewer than any day's.
        let mut cache = QueryCache::default();
        while cache.prepare(&c, 1000) {}
        let ranges = [
            ("2000-01-01", "2030-12-31"),
            ("2020-02-01", "2020-02-29"),
            ("2016-01-01", "2016-12-31"),
            ("2017-03-05", "2017-03-20"),
            ("2015-10-01", "2015-10-01"),
            ("2025-01-01", "2025-12-31"),
        ];
        for (from, to) in ranges {
            let range = Range::from_days(from, to).expect("valid days");
            let by_day = cache.summary(&c, Some(range));
            assert_eq!(by_day, summarize_in(&c, Some(range), &keys), "{name} {from}..{to}");
            let within: Vec<_> = records.iter().filter(|r| (from..=to).contains(&&r["tweet_time"][..10])).collect();
            let retweets = within.iter().filter(|r| r["is_retweet"].eq_ignore_ascii_case("true")).count();
            let accounts: HashSet<&str> = within.iter().map(|r| r["userid"].as_str()).collect();
            let times: Vec<&str> = within.iter().map(|r| &r["tweet_time"][..16]).collect();
            let english = within.iter().filter(|r| r["tweet_language"] == "en").count() as u64;
            assert_eq!((by_day.tweets, by_day.retweets), (within.len() as u64, retweets as u64), "{name} {from}..{to}");
            assert_eq!(by_day.accounts_with_tweets, accounts.len() as u64, "{name} {from}..{to}");
            assert_eq!(by_day.first_tweet.as_deref(), times.iter().min().copied(), "{name} {from}..{to}");
            assert_eq!(by_day.last_tweet.as_deref(), times.iter().max().copied(), "{name} {from}..{to}");
            let counted = by_day.top_languages.iter().find(|(l, _)| l == "en").map_or(0, |(_, n)| *n);
            assert!(counted == english || by_day.top_languages.len() == 20, "{name} {from}..{to}: English");
        }
        // Open at its end, and ends within a day (a pass over the rows answers those).
        let open = Range { to: u32::MAX, ..Range::from_days("2016-06-01", "2016-06-01").expect("a day") };
        assert_eq!(cache.summary(&c, Some(open)), summarize_in(&c, Some(open), &keys), "{name}: open end");
        let within_days = Range { from: open.from + 90, to: open.from + 400 * 1440 + 30 };
        assert_eq!(cache.summary(&c, Some(within_days)), summarize_in(&c, Some(within_days), &keys), "{name}");
        assert_eq!(cache.summary(&c, None), summarize(&c), "{name}: every tweet");
    }
}
