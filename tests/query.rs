//! Native tests of the questions the page asks: account table, search,
//! timelines, account pages and date ranges.

use std::path::PathBuf;
use takedown::core::ingest::{self, Campaign};
use takedown::core::query::*;
use takedown::core::store::TweetKind;
use takedown::core::summary::{summarize, summarize_in, Keys};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(name)
}

/// A corpus file as the loader's input, under the name the release gave it.
fn corpus_input(name: &str) -> ingest::Input {
    let bytes = std::fs::read(corpus(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    ingest::memory_input(&corpus(name).display().to_string(), bytes)
}

fn thailand() -> Campaign {
    let inputs = [
        "hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip",
        "hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip",
    ]
    .iter()
    .map(|n| corpus_input(n))
    .collect();
    ingest::load_all(inputs).0.remove(0)
}

fn russia() -> Campaign {
    ingest::load_all(vec![corpus_input("russian_linked_tweets_csv_hashed.csv")]).0.remove(0)
}

fn accounts_query(sort: AccountColumn, descending: bool) -> AccountQuery {
    AccountQuery { filter: String::new(), sort, descending, offset: 0, limit: 50, range: None, without_tweets: false }
}

#[test]
fn the_account_table_has_every_account_and_every_tweet() {
    let c = thailand();
    let rows = account_rows(&c, None);
    assert_eq!(rows.len(), 926);
    assert_eq!(rows.iter().map(|r| r.tweets).sum::<u64>(), 21_385);
    assert_eq!(rows.iter().filter(|r| r.tweets > 0).count(), 455);
    let page = account_page(&rows, &accounts_query(AccountColumn::Tweets, true));
    assert_eq!((page.total, page.rows.len()), (926, 50));
    assert!(page.rows.windows(2).all(|w| w[0].tweets >= w[1].tweets));
    let busiest = &page.rows[0];
    assert!(busiest.first_tweet <= busiest.last_tweet && !busiest.client.is_empty() && busiest.language == "th");
    let next = account_page(&rows, &AccountQuery { offset: 50, ..accounts_query(AccountColumn::Tweets, true) });
    assert_eq!(
        next.rows[0].id,
        account_page(&rows, &AccountQuery { limit: 51, ..accounts_query(AccountColumn::Tweets, true) }).rows[50].id
    );
    let by_followers = account_page(&rows, &accounts_query(AccountColumn::Followers, false));
    assert!(by_followers.rows.windows(2).all(|w| w[0].followers <= w[1].followers));
}

#[test]
fn the_account_filter_finds_names_and_descriptions_in_any_case() {
    let c = russia();
    let rows = account_rows(&c, None);
    let page = account_page(
        &rows,
        &AccountQuery { filter: "inside_SYRIA".into(), ..accounts_query(AccountColumn::ScreenName, false) },
    );
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].screen_name, "Inside_Syria");
    assert!((0.0..=1.0).contains(&page.rows[0].retweet_share()));
    let none = account_page(
        &rows,
        &AccountQuery { filter: "no such account anywhere".into(), ..accounts_query(AccountColumn::Tweets, true) },
    );
    assert_eq!((none.total, none.rows.len()), (0, 0));
}

#[test]
fn the_csv_export_has_the_selected_rows_and_defuses_formulas() {
    let c = russia();
    let rows = account_rows(&c, None);
    let csv = accounts_csv(&rows, &accounts_query(AccountColumn::Tweets, true));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("\u{FEFF}userid,user_display_name,user_screen_name"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), rows.len());
    let tweets: u64 = records.iter().map(|r| r[12].parse::<u64>().unwrap()).sum();
    assert_eq!(tweets, 407);
    assert!(!csv.contains(",\"=") && !csv.contains(",\"+"));
}

fn search(c: &Campaign, q: TweetQuery) -> TweetPage {
    tweets(c, &TweetQuery { limit: if q.limit == 0 { 20 } else { q.limit }, ..q })
}

#[test]
fn search_ignores_case_in_every_script_and_lists_newest_first() {
    let c = russia();
    let all = search(&c, TweetQuery::default());
    assert_eq!(all.total, 407);
    assert!(all.rows.windows(2).all(|w| w[0].time >= w[1].time));
    let maga = search(&c, TweetQuery { text: "maga".into(), limit: 1000, ..TweetQuery::default() });
    assert!(maga.total >= 44 && maga.rows.iter().all(|r| r.text.to_lowercase().contains("maga")));
    let arabic = search(&c, TweetQuery { text: "سورية".into(), ..TweetQuery::default() });
    assert!(arabic.total > 0);
    let upper = search(&c, TweetQuery { text: "НОВОСТИ".into(), ..TweetQuery::default() });
    let lower = search(&c, TweetQuery { text: "новости".into(), ..TweetQuery::default() });
    assert_eq!(upper.total, lower.total);
}

#[test]
fn search_filters_combine() {
    let c = thailand();
    let tagged = search(&c, TweetQuery { hashtag: Some("#กองทัพบก".into()), limit: 10_000, ..TweetQuery::default() });
    assert_eq!(tagged.total, 389, "the overview counts 389 tweets with this hashtag");
    assert!(tagged.rows.iter().all(|r| r.hashtags.iter().any(|h| h == "กองทัพบก")));
    let account = tagged.rows[0].account.clone();
    let theirs = search(&c, TweetQuery { account: Some(account.clone()), ..TweetQuery::default() });
    assert!(theirs.total > 0 && theirs.rows.iter().all(|r| r.account == account));
    let retweets = search(&c, TweetQuery { kind: Some(TweetKind::Retweet), ..TweetQuery::default() });
    assert_eq!(retweets.total as u64, summarize(&c).retweets);
    let english = search(&c, TweetQuery { language: Some("en".into()), ..TweetQuery::default() });
    assert_eq!(english.total, 162);
    let unknown = search(&c, TweetQuery { language: Some("xx".into()), ..TweetQuery::default() });
    assert_eq!(unknown.total, 0);
    let page2 = search(&c, TweetQuery { offset: 20, ..TweetQuery::default() });
    assert_eq!((page2.offset, page2.rows.len()), (20, 20));
}

#[test]
fn a_date_range_limits_the_overview_and_the_searches() {
    let c = thailand();
    let range = Range::from_days("2020-02-01", "2020-02-29").unwrap();
    let s = summarize_in(&c, Some(range), &Keys::new(&c.store));
    assert_eq!(s.tweets_per_month.len(), 1);
    assert_eq!(s.tweets, *summarize(&c).tweets_per_month.get("2020-02").unwrap());
    assert!(s.first_tweet.as_deref().unwrap() >= "2020-02-01" && s.last_tweet.as_deref().unwrap() < "2020-03");
    let found = search(&c, TweetQuery { range: Some(range), ..TweetQuery::default() });
    assert_eq!(found.total as u64, s.tweets);
    let rows = account_rows(&c, Some(range));
    assert_eq!(rows.iter().map(|r| r.tweets).sum::<u64>(), s.tweets);
    assert_eq!(Range::from_days("2020-02-29", "2020-02-01"), Some(range), "ends in either order");
    assert_eq!(Range::from_days("2020-02-30", "2020-03-01"), None);
}

#[test]
fn timelines_cover_every_period_and_add_up() {
    let c = thailand();
    let total = summarize(&c).tweets;
    for period in [Period::Day, Period::Week, Period::Month] {
        for split in [Split::Kind, Split::Language] {
            let t = timeline(&c, &TimelineQuery { period, split, account: None });
            let sum: u64 = t.series.iter().flat_map(|(_, s)| s).sum();
            assert_eq!(sum, total, "{period:?} {split:?}");
            assert_eq!(t.bounds.len(), t.periods.len() + 1);
            assert!(t.bounds.windows(2).all(|w| w[0] < w[1]));
        }
    }
    let months = timeline(&c, &TimelineQuery { period: Period::Month, split: Split::Kind, account: None });
    assert_eq!(months.periods.first().map(String::as_str), Some("2015-10"));
    assert_eq!(months.periods.last().map(String::as_str), Some("2020-07"));
    assert_eq!(months.periods.len(), 58, "every month from October 2015 to July 2020");
    let languages = timeline(&c, &TimelineQuery { period: Period::Month, split: Split::Language, account: None });
    assert_eq!(languages.series[0].0, "th");
}

#[test]
fn an_account_page_has_its_profile_rhythm_and_hashtags() {
    let c = russia();
    let rows = account_rows(&c, None);
    let syria = rows.iter().find(|r| r.screen_name == "Inside_Syria").unwrap();
    let detail = account_detail(&c, &rows, &syria.id).unwrap();
    assert_eq!(detail.profile.followers, 19_816);
    assert_eq!(detail.tweets_per_month.iter().map(|(_, n)| n).sum::<u64>(), syria.tweets);
    assert_eq!(detail.hour_by_weekday.iter().flatten().sum::<u64>(), syria.tweets);
    assert!(detail.top_hashtags.iter().any(|(t, _)| t == "insidesyriamc"));
    assert!(account_detail(&c, &rows, "nobody").is_none());
}
