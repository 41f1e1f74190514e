//! Native tests of tweet search: several words and "phrases" counted against
//! the csv crate over a real file, the orders (tweets without counts last),
//! the mentions filter, and the screen names that retweets reveal, on a
//! hand-built campaign whose ids and names are known.

use std::path::PathBuf;
use takedown::core::ingest::{self, Campaign};
use takedown::core::query::*;
use takedown::core::summary::summarize;

fn russia() -> Campaign {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/russian_linked_tweets_csv_hashed.csv");
    let bytes = std::fs::read(&path).unwrap();
    ingest::load_all(vec![ingest::memory_input(&path.display().to_string(), bytes)]).0.remove(0)
}

/// The texts of the file's whole records, read by the csv crate, lowercased.
fn russian_texts() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/russian_linked_tweets_csv_hashed.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let column = reader.headers().unwrap().iter().position(|h| h == "tweet_text").unwrap();
    let width = reader.headers().unwrap().len();
    reader.records().filter_map(Result::ok).filter(|r| r.len() == width).map(|r| r[column].to_lowercase()).collect()
}

fn search(c: &Campaign, q: TweetQuery) -> TweetPage {
    tweets(c, &TweetQuery { limit: if q.limit == 0 { 1000 } else { q.limit }, ..q })
}

fn text(words: &str) -> TweetQuery {
    TweetQuery { text: words.into(), ..TweetQuery::default() }
}

#[test]
fn every_word_must_match_in_any_order_and_a_phrase_as_written() {
    let c = russia();
    let texts = russian_texts();
    assert_eq!(texts.len(), 407, "the whole records");
    let count = |test: &dyn Fn(&str) -> bool| texts.iter().filter(|t| test(t)).count();
    let both = count(&|t| t.contains("trump") && t.contains("maga"));
    assert!(both > 0);
    assert_eq!(search(&c, text("trump maga")).total, both);
    assert_eq!(search(&c, text("MAGA   Trump")).total, both, "any order, any case, any spacing");
    let phrase = count(&|t| t.contains("president trump"));
    assert!(phrase > 0 && phrase < count(&|t| t.contains("president") && t.contains("trump")));
    assert_eq!(search(&c, text("\"President TRUMP\"")).total, phrase);
    assert_eq!(search(&c, text("\"trump president\"")).total, count(&|t| t.contains("trump president")));
    let mixed = count(&|t| t.contains("make america") && t.contains("great"));
    assert_eq!(search(&c, text("great \"make america\"")).total, mixed);
}

#[test]
fn found_words_are_marked_in_the_text() {
    let c = russia();
    let page = search(&c, text("trump \"make america\""));
    assert!(!page.rows.is_empty());
    for row in &page.rows {
        let marked: Vec<String> = row.marks.iter().map(|&(a, b)| row.text[a..b].to_lowercase()).collect();
        assert!(marked.iter().any(|m| m.contains("trump")), "{marked:?} in {}", row.text);
        assert!(marked.iter().any(|m| m == "make america"), "{marked:?} in {}", row.text);
        assert!(row.marks.windows(2).all(|w| w[0].1 < w[1].0), "in order and apart");
    }
    assert!(search(&c, TweetQuery { limit: 5, ..TweetQuery::default() }).rows.iter().all(|r| r.marks.is_empty()));
}

#[test]
fn tweets_sort_by_time_likes_and_retweets() {
    let c = russia();
    let texts = russian_texts().len();
    let sorted = |sort| search(&c, TweetQuery { sort, ..TweetQuery::default() }).rows;
    let newest = sorted(TweetSort::Newest);
    assert_eq!(newest.len(), texts);
    assert!(newest.windows(2).all(|w| w[0].time >= w[1].time));
    let oldest = sorted(TweetSort::Oldest);
    assert!(oldest.windows(2).all(|w| w[0].time <= w[1].time));
    let count = |row: &TweetRow, n: usize| row.engagement.map(|e| e[n]);
    for (sort, n) in [(TweetSort::MostLiked, 0), (TweetSort::MostRetweeted, 1)] {
        let rows = sorted(sort);
        assert!(rows.windows(2).all(|w| count(&w[0], n) >= count(&w[1], n)), "{sort:?}");
        let most = newest.iter().filter_map(|r| count(r, n)).max();
        assert_eq!(count(&rows[0], n), most);
        assert!(most > Some(0));
    }
    // The second page continues the first in every order.
    for sort in TweetSort::ALL {
        let two = search(&c, TweetQuery { sort, limit: 40, ..TweetQuery::default() }).rows;
        let second = search(&c, TweetQuery { sort, offset: 20, limit: 20, ..TweetQuery::default() }).rows;
        assert_eq!(second, two[20..], "{sort:?}");
    }
}

const HEADER: &str = "tweetid,userid,user_display_name,user_screen_name,tweet_language,tweet_text,tweet_time,\
                      tweet_client_name,is_retweet,retweet_userid,retweet_tweetid,hashtags,urls,user_mentions";

/// Part 1 has counts; part 2 (no count columns, as FiveThirtyEight files) has none.
fn fixture() -> Campaign {
    let part1 = format!(
        "{HEADER},like_count,retweet_count,reply_count,quote_count\n{}",
        [
            r#"101,1,Alice,alice,th,"RT @army2pr: ทหาร news",2020-01-01 10:00,web,true,9001,5001,[],[],['9001'],0,0,0,0"#,
            r#"102,1,Alice,alice,en,"RT @newsbot: hello",2020-01-02 10:00,web,true,,5002,[],[],['9002'],0,0,0,0"#,
            r#"103,2,Bob,bob,en,"Hi @army2pr and @newsbot",2020-01-03 10:00,web,false,,,[],[],"['9001', '9002']",50,1,0,0"#,
            r#"104,2,Bob,bob,en,"RT @vMm2zemFOF7k+Torq=: hashed",2020-01-04 10:00,web,true,vMm2zemFOF7k+Torq=,5004,[],[],['vMm2zemFOF7k+Torq='],0,0,0,0"#,
            r#"105,1,Alice,alice,de,"Strasse STRASSE",2020-01-05 10:00,web,false,,,['Straße'],[],[],7,30,0,0"#,
            r#"106,2,Bob,bob,th,"RT @army2pr: again",2020-01-06 10:00,web,true,9001,5006,[],[],['9001'],0,0,0,0"#,
            r#"107,2,Bob,bob,th,"RT @armyold: before the rename",2019-12-30 10:00,web,true,9001,5007,[],[],['9001'],0,0,0,0"#,
            r#"108,2,Bob,bob,en,"@alice hi",2020-01-07 10:00,web,false,,,['STRASSE'],[],['1'],0,0,0,0"#,
        ]
        .join("\n")
    );
    let part2 = format!(
        "{HEADER}\n{}",
        [
            r#"201,3,Carol Straße,carol,en,"newest, no counts",2020-03-01 10:00,web,false,,,['علی'],[],[]"#,
            r#"202,3,Carol Straße,carol,en,"oldest, no counts",2019-12-01 10:00,web,false,,,['علي'],[],[]"#,
        ]
        .join("\n")
    );
    let inputs = vec![
        ingest::memory_input("fixture_201901_1_tweets_csv_hashed_1.csv", part1.into_bytes()),
        ingest::memory_input("fixture_201901_1_tweets_csv_hashed_2.csv", part2.into_bytes()),
    ];
    let (mut campaigns, _) = ingest::load_all(inputs);
    assert_eq!(campaigns.len(), 1);
    let c = campaigns.remove(0);
    assert_eq!((c.store.len(), c.rejected_rows), (10, 0));
    c
}

fn ids(page: &TweetPage) -> Vec<&str> {
    page.rows.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn tweets_without_counts_sort_last_in_every_order_by_counts() {
    let c = fixture();
    let sorted = |sort| search(&c, TweetQuery { sort, ..TweetQuery::default() });
    assert_eq!(ids(&sorted(TweetSort::Newest)), ["201", "108", "106", "105", "104", "103", "102", "101", "107", "202"]);
    assert_eq!(ids(&sorted(TweetSort::Oldest)), ["202", "107", "101", "102", "103", "104", "105", "106", "108", "201"]);
    // Equal counts: the newer first.
    assert_eq!(
        ids(&sorted(TweetSort::MostLiked)),
        ["103", "105", "108", "106", "104", "102", "101", "107", "201", "202"]
    );
    assert_eq!(
        ids(&sorted(TweetSort::MostRetweeted)),
        ["105", "103", "108", "106", "104", "102", "101", "107", "201", "202"]
    );
}

#[test]
fn a_mention_finds_the_tweets_that_mention_it() {
    let c = fixture();
    let mentioning = |id: &str| search(&c, TweetQuery { mentions: Some(id.into()), ..TweetQuery::default() });
    assert_eq!(ids(&mentioning("9001")), ["106", "103", "101", "107"]);
    assert_eq!(ids(&mentioning("1")), ["108"]);
    assert_eq!(mentioning("nobody").total, 0);
    let by = search(&c, TweetQuery { account: Some("9001".into()), ..TweetQuery::default() });
    assert_eq!(by.total, 0, "the mentioned account wrote none of the campaign's tweets");
    let both =
        search(&c, TweetQuery { mentions: Some("9001".into()), account: Some("1".into()), ..Default::default() });
    assert_eq!(ids(&both), ["101"]);
}

#[test]
fn mentions_and_retweets_show_the_screen_names_the_retweets_reveal() {
    let c = fixture();
    let page = search(&c, TweetQuery::default());
    let row = |id: &str| page.rows.iter().find(|r| r.id == id).unwrap();
    let labels = |id: &str| {
        row(id).mentions.iter().map(|m| (m.id.as_str(), m.label.as_str(), m.in_campaign)).collect::<Vec<_>>()
    };
    // 9001 named by retweet_userid (army2pr twice, armyold once); 9002 by the first mention.
    assert_eq!(labels("103"), [("9001", "army2pr", false), ("9002", "newsbot", false)]);
    assert_eq!(labels("108"), [("1", "alice", true)], "a campaign account: its profile's name");
    // A hash stops at `+`: the text names no account, and the id stays the label.
    assert_eq!(labels("104"), [("vMm2zemFOF7k+Torq=", "vMm2zemFOF7k+Torq=", false)]);
    let summary = summarize(&c);
    assert!(summary.top_mentioned.contains(&("army2pr".to_string(), 4)), "{:?}", summary.top_mentioned);
    assert!(summary.top_retweeted.contains(&("army2pr".to_string(), 3)), "{:?}", summary.top_retweeted);
    assert!(!summary.top_mentioned.iter().any(|(l, _)| l == "9001"));
}

#[test]
fn search_hashtags_and_the_account_filter_fold_alike() {
    let c = fixture();
    assert_eq!(ids(&search(&c, text("straße"))), ["105"]);
    assert_eq!(search(&c, text("straße")).rows[0].marks, [(0, 7), (8, 15)]);
    let tagged = search(&c, TweetQuery { hashtag: Some("#strasse".into()), ..TweetQuery::default() });
    assert_eq!(ids(&tagged), ["108", "105"], "#STRASSE and #Straße are one hashtag");
    let tags = summarize(&c).top_hashtags;
    // Shown by their first spelling, lowercased.
    assert!(tags.contains(&("straße".to_string(), 2)), "#Straße and #STRASSE are one hashtag: {tags:?}");
    assert!(tags.contains(&("علی".to_string(), 2)), "علی and علي are one hashtag: {tags:?}");
    assert_eq!(tags.len(), 2, "{tags:?}");
    let rows = account_rows(&c, None);
    let filter = |f: &str| {
        let q = AccountQuery {
            filter: f.into(),
            sort: AccountColumn::Tweets,
            descending: true,
            offset: 0,
            limit: 10,
            range: None,
            without_tweets: false,
        };
        account_page(&rows, &q).rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(filter("STRASSE"), ["3"], "Carol Straße");
    assert_eq!(filter("ALICE"), ["1"]);
}

/// A downloaded CSV's header and records, read by the csv crate after its byte order mark.
fn read_export(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let body = text.strip_prefix('\u{FEFF}').expect("the export starts with a UTF-8 byte order mark");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

#[test]
fn a_search_exports_every_tweet_it_counts_with_the_files_ids() {
    let c = russia();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/russian_linked_tweets_csv_hashed.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (text, tweetid, userid) = (at("tweet_text"), at("tweetid"), at("userid"));
    // The file's own (tweetid, userid) of each whole record that holds the word.
    let mut wanted: Vec<(String, String)> = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() == headers.len() && r[text].to_lowercase().contains("trump"))
        .map(|r| (r[tweetid].to_string(), r[userid].to_string()))
        .collect();
    assert!(wanted.len() > 20, "more than one page of tweets: {}", wanted.len());
    // One page is asked for, as the page would: the export holds all of them.
    let query = TweetQuery { text: "Trump".into(), limit: 20, offset: 20, ..TweetQuery::default() };
    let Answer::Csv(export) = answer(&c, &mut QueryCache::default(), &Query::TweetsCsv(query.clone())) else {
        panic!("a CSV answers TweetsCsv");
    };
    let (header, records) = read_export(&export);
    let columns = "campaign,tweetid,userid,user_screen_name,tweet_time,kind,tweet_language,tweet_client_name,\
                   reference,hashtags,urls,user_mentions,like_count,retweet_count,reply_count,quote_count,tweet_text";
    assert_eq!(header.join(","), columns, "the CLI's columns");
    assert_eq!(records.len(), tweets(&c, &query).total, "the rows the search counts");
    let mut got: Vec<(String, String)> = records.iter().map(|r| (r[1].to_string(), r[2].to_string())).collect();
    assert!(records.iter().all(|r| r[0] == c.name && r[16].to_lowercase().contains("trump")));
    wanted.sort();
    got.sort();
    assert_eq!(got, wanted, "ids byte for byte as the file has them");
}

#[test]
fn an_export_guards_text_against_formulas_but_never_an_id() {
    let file = format!(
        "{HEADER}\n{}\n{}",
        r#"301,+Hq9=,Dan,+Hq9=,en,"=HYPERLINK(""x"")",2020-01-01 10:00,@web,false,,,[],[],['-7']"#,
        r#"302,4,Eve,eve,en,"plain ""quoted""
two lines",2020-01-02 10:00,web,false,,,[],[],[]"#,
    );
    let (mut campaigns, _) =
        ingest::load_all(vec![ingest::memory_input("guard_201901_1_tweets_csv_hashed.csv", file.into_bytes())]);
    let c = campaigns.remove(0);
    let Answer::Csv(export) = answer(&c, &mut QueryCache::default(), &Query::TweetsCsv(TweetQuery::default())) else {
        panic!("a CSV answers TweetsCsv");
    };
    let (_, records) = read_export(&export);
    assert_eq!(records.len(), 2, "{export}");
    let by_id = |id: &str| records.iter().find(|r| &r[1] == id).unwrap().clone();
    let formula = by_id("301");
    assert_eq!((&formula[2], &formula[3], &formula[11]), ("+Hq9=", "+Hq9=", "-7"), "ids exact");
    assert_eq!((&formula[7], &formula[16]), ("'@web", "'=HYPERLINK(\"x\")"), "text guarded");
    assert_eq!(&by_id("302")[16], "plain \"quoted\"\ntwo lines");
}

/// The ids and times of the file's whole records whose lowercased text holds `word`, newest
/// first and, of the same minute, in file order: read by the csv crate.
fn newest_with(word: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/russian_linked_tweets_csv_hashed.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, time, text) = (at("tweetid"), at("tweet_time"), at("tweet_text"));
    let mut found: Vec<(String, usize, String)> = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.len() == header.len() && r[text].to_lowercase().contains(word))
        .enumerate()
        .map(|(n, r)| (r[time][..16].to_string(), n, r[id].to_string()))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, _, id)| id).collect()
}

#[test]
fn the_rows_newest_first_are_the_records_by_minute_latest_first_and_in_file_order_within_one() {
    use takedown::core::newest_first::{Building, NewestFirst};
    let c = russia();
    let expected = newest_with("");
    assert_eq!(expected.len(), c.store.len(), "every whole record is a row");
    let ids = |order: &NewestFirst| -> Vec<String> {
        order.rows().iter().map(|&r| c.store.tweet_id(r as usize).to_string()).collect()
    };
    assert_eq!(ids(&NewestFirst::new(&c.store)), expected, "built in one go");
    // In steps of a few rows, fewer than many a day's: each stage ends within a step.
    for work in [1, 7, 1000] {
        let mut building = Building::new(&c.store);
        let mut steps = 0;
        while building.step(&c.store, work) {
            steps += 1;
        }
        assert!(steps > c.store.len() / work, "{steps} steps of {work}");
        assert_eq!(ids(&building.finish(&c.store)), expected, "built in steps of {work}");
    }
    let minutes: std::collections::HashSet<&u32> = c.store.times().iter().collect();
    assert!(minutes.len() < expected.len(), "some minutes hold several tweets, whose order is the file's");
}

#[test]
fn a_search_in_steps_knows_its_newest_page_before_its_count() {
    use takedown::core::newest_first::NewestFirst;
    use takedown::core::scan::Scan;
    let c = russia();
    let expected = newest_with("trump");
    assert!(expected.len() > 40, "enough tweets for a page and more: {}", expected.len());
    let q = TweetQuery { text: "trump".into(), limit: 10, offset: 10, ..TweetQuery::default() };
    let newest = NewestFirst::new(&c.store);
    let mut scan = Scan::new(&c.store, &q, Some(&newest));
    let names = takedown::core::summary::RevealedNames::new(&c.store);
    let ids = |page: &TweetPage| page.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    let mut known_early = None;
    while !scan.step(&c.store, Some(&newest), 5) {
        if scan.page_known(&c.store) && known_early.is_none() {
            known_early = Some(page_of(&c, &q, &scan, &names));
        }
    }
    let early = known_early.expect("the page is known before every row is read");
    assert!(early.progress.is_some_and(|p| p > 0.0 && p < 1.0), "{:?}", early.progress);
    assert!(early.total >= 20 && early.total < expected.len(), "found so far: {}", early.total);
    assert_eq!(ids(&early), expected[10..20]);
    let done = page_of(&c, &q, &scan, &names);
    assert_eq!((done.total, done.progress), (expected.len(), None));
    assert_eq!(ids(&done), expected[10..20]);
    assert_eq!(done, tweets(&c, &q), "read newest first or in file order, the same page");
}
