//! Hostile and damaged inputs: each case a review found to crash the loader,
//! hang it, or lose rows without a word. Expected figures come from how the
//! fixtures were built, never from the loader's own counting.

mod common;

use std::io::{Read, Write};
use takedown::core::ingest::{self, Campaign, FileProgress, Loader};
use takedown::core::query::{self, Answer, Query, QueryCache, TweetQuery};
use takedown::core::summary::{summarize, Summary};
use takedown::core::time;

const HEADER: &str = "tweetid,userid,user_display_name,user_screen_name,user_reported_location,\
user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,\
account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,\
in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,\
longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions";

/// A tweets row from named values (the others empty), every field quoted.
fn row(values: &[(&str, &str)]) -> String {
    common::row(HEADER, values)
}

fn tweet(id: &str, user: &str, time: &str, extra: &[(&str, &str)]) -> String {
    let mut values = vec![("tweetid", id), ("userid", user), ("tweet_time", time), ("tweet_text", "text")];
    values.extend_from_slice(extra);
    row(&values)
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut lines = vec![HEADER.to_string()];
    lines.extend_from_slice(rows);
    (lines.join("\n") + "\n").into_bytes()
}

fn load(files: Vec<(&str, Vec<u8>)>) -> (Vec<Campaign>, Vec<FileProgress>) {
    let mut loader = Loader::new();
    loader.set_today(time::parse_date(b"2026-12-02").expect("a date"));
    for (name, bytes) in files {
        loader.add(ingest::memory_input(name, bytes));
    }
    while loader.step(1000) {}
    let progress = loader.progress();
    (loader.into_campaigns(), progress)
}

fn summary_of(files: Vec<(&str, Vec<u8>)>) -> (Summary, Vec<FileProgress>) {
    let (campaigns, progress) = load(files);
    assert_eq!(campaigns.len(), 1, "{progress:?}");
    (summarize(&campaigns[0]), progress)
}

fn all_tweets(campaign: &Campaign) -> Vec<query::TweetRow> {
    query::tweets(campaign, &TweetQuery { limit: usize::MAX, ..TweetQuery::default() }).rows
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).expect("in memory");
    encoder.finish().expect("in memory")
}

fn generated(rows: usize, seed: u64) -> Vec<u8> {
    let mut data = Vec::new();
    takedown::synth::write_tweets(&mut data, &takedown::synth::Spec::benchmark(rows, 40, seed)).expect("in memory");
    data
}

#[test]
fn reference_ids_of_2_to_the_63_and_more_stay_exact() {
    let rows = [
        tweet("1", "u", "2019-01-01 10:00", &[("is_retweet", "true"), ("retweet_tweetid", "10000000000000000000")]),
        tweet("2", "u", "2019-01-01 10:01", &[("in_reply_to_tweetid", "18446744073709551615")]),
        tweet("3", "u", "2019-01-01 10:02", &[("quoted_tweet_tweetid", "0")]),
        tweet("4", "u", "2019-01-01 10:03", &[("quoted_tweet_tweetid", "1.198473762313818e+18")]),
        tweet("0", "u", "2019-01-01 10:04", &[]),
    ];
    let (campaigns, progress) = load(vec![("r_tweets_csv_hashed.csv", file(&rows))]);
    assert_eq!(progress[0].rejected, 0, "{progress:?}");
    let mut references: Vec<(String, Option<String>)> =
        all_tweets(&campaigns[0]).into_iter().map(|t| (t.id, t.reference)).collect();
    references.sort();
    let expected = [
        ("0", None),
        ("1", Some("10000000000000000000")),
        ("2", Some("18446744073709551615")),
        ("3", Some("0")),
        ("4", Some("1.198473762313818e+18")),
    ];
    let expected: Vec<(String, Option<String>)> =
        expected.iter().map(|(id, r)| (id.to_string(), r.map(str::to_string))).collect();
    assert_eq!(references, expected);
}

#[test]
fn one_tweet_with_as_many_hashtags_as_a_record_holds_is_counted_in_linear_time() {
    // 100 000 hashtags of one tweet: under the 1 MiB record limit. Counting a
    // tag once per tweet by searching the tags seen so far took minutes here.
    let tags: Vec<String> = (0..100_000).map(|i| format!("'t{i}'")).collect();
    let list = format!("[{}]", tags.join(","));
    assert!(list.len() < 1 << 20);
    let rows = [tweet("1", "u", "2019-01-01 10:00", &[("hashtags", &list)])];
    let (campaigns, _) = load(vec![("h_tweets_csv_hashed.csv", file(&rows))]);
    let s = summarize(&campaigns[0]);
    assert_eq!(s.top_hashtags.len(), 20);
    assert!(s.top_hashtags.iter().all(|(_, n)| *n == 1));
    let rows = query::account_rows(&campaigns[0], None);
    let detail = query::account_detail(&campaigns[0], &rows, "u").expect("the account");
    assert_eq!(detail.top_hashtags.len(), 20);
}

#[test]
fn accounts_whose_ids_differ_only_in_bytes_8_to_15_are_all_kept() {
    let mut users = String::from("userid,user_screen_name\n");
    for n in 0..200_000u32 {
        users.push_str(&format!("AAAAAAAA{n:08}AAAAAAAAAAAAAAAAAAAAAAAA,n\n"));
    }
    let (s, _) = summary_of(vec![("c_users_csv_hashed.csv", users.into_bytes())]);
    assert_eq!(s.accounts, 200_000);
}

#[test]
fn a_stray_quote_costs_the_row_it_is_in() {
    let data = generated(2000, 5);
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    // Unquoted fields, as pandas or a spreadsheet writes them, and one field
    // opened with a quote that never closes.
    let mut unquoted = Vec::new();
    {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&data[..]);
        let mut writer = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Necessary).from_writer(&mut unquoted);
        for (i, record) in reader.byte_records().enumerate() {
            let mut record = record.expect("generated CSV");
            if i == 700 {
                let mut fields: Vec<Vec<u8>> = record.iter().map(<[u8]>::to_vec).collect();
                fields[4] = b"STRAY-MARK".to_vec();
                record = fields.into_iter().collect();
            }
            writer.write_byte_record(&record).expect("in memory");
        }
    }
    let at = unquoted.windows(10).position(|w| w == b"STRAY-MARK").expect("the mark");
    unquoted.splice(at..at + 10, b"\"stray".iter().copied());
    // Every field quoted, and one more quote at the end of a row: it joins
    // that row to the next.
    let mut joined = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        joined.extend_from_slice(line);
        if i == 1200 {
            joined.push(b'"');
        }
        joined.push(b'\n');
    }
    for (name, bytes) in [("u_tweets_csv_hashed.csv", unquoted), ("j_tweets_csv_hashed.csv", joined)] {
        let (s, progress) = summary_of(vec![(name, bytes)]);
        assert_eq!((s.tweets, s.rejected_rows), (1999, 1), "{name}: {:?} {progress:?}", s.rejections);
    }
}

#[test]
fn nul_bytes_and_blank_lines_end_with_a_sentence() {
    let nul = gzip(&vec![0u8; 64 << 20]);
    let blank = gzip(&vec![b'\n'; 64 << 20]);
    let mut after_header = file(&[tweet("1", "u", "2019-01-01 10:00", &[])]);
    after_header.extend(std::iter::repeat_n(0u8, 8 << 20));
    after_header.extend_from_slice(b"\n");
    after_header.extend_from_slice(tweet("2", "u", "2019-01-01 10:00", &[]).as_bytes());
    let (campaigns, progress) =
        load(vec![("nul.csv.gz", nul), ("blank.csv.gz", blank), ("after_tweets_csv_hashed.csv", after_header)]);
    assert!(progress[0].errors[0].contains("not a header of columns"), "{:?}", progress[0]);
    assert!(progress[1].errors[0].ends_with("the file is empty"), "{:?}", progress[1]);
    let s = summarize(&campaigns[0]);
    assert_eq!((s.tweets, s.rejected_rows), (2, 1));
    assert!(s.rejections[0].to_string().contains("longer than 1 MiB"), "{}", s.rejections[0]);
}

/// The complete records in a prefix of a CSV: those the `csv` crate reads
/// before the last, unfinished one.
fn complete_records(prefix: &[u8]) -> usize {
    let end = prefix.iter().rposition(|&b| b == b'\n').unwrap_or(0);
    csv::ReaderBuilder::new().from_reader(&prefix[..end]).byte_records().count()
}

#[test]
fn a_gzip_cut_short_keeps_every_whole_row_and_says_so() {
    let data = generated(2000, 9);
    let packed = gzip(&data);
    let cut = &packed[..packed.len() / 5];
    let mut decoded = Vec::new();
    let _ = flate2::read::GzDecoder::new(cut).read_to_end(&mut decoded);
    let expected = complete_records(&decoded);
    assert!(expected > 100, "{expected}");
    let (campaigns, progress) = load(vec![("g_tweets_csv_hashed.csv.gz", cut.to_vec())]);
    let s = summarize(&campaigns[0]);
    assert_eq!(s.tweets as usize, expected);
    assert!(progress[0].errors.iter().any(|e| e.contains("cut short")), "{progress:?}");
}

#[test]
fn a_zip_member_that_ends_early_keeps_every_whole_row() {
    let data = generated(500, 3);
    let mut stored = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    stored.start_file("s_tweets_csv_hashed.csv", options).expect("in memory");
    stored.write_all(&data).expect("in memory");
    let archive = stored.finish().expect("in memory").into_inner();
    // Keep the directory, but lose the second half of the member's bytes.
    let start = 30 + "s_tweets_csv_hashed.csv".len();
    let lost = start + data.len() / 2..start + data.len();
    let mut cut = archive[..lost.start].to_vec();
    cut.extend_from_slice(&archive[lost.end..]);
    let directory_shift = lost.len() as u32;
    let eocd = cut.len() - 22;
    let offset = u32::from_le_bytes(cut[eocd + 16..eocd + 20].try_into().expect("four bytes")) - directory_shift;
    cut[eocd + 16..eocd + 20].copy_from_slice(&offset.to_le_bytes());
    let (campaigns, progress) = load(vec![("s_tweets_csv_hashed.zip", cut)]);
    let s = summarize(&campaigns[0]);
    let expected = complete_records(&data[..data.len() / 2]);
    assert!(s.tweets as usize >= expected - 1 && s.tweets as usize <= expected, "{} of {expected}", s.tweets);
    assert!(progress[0].errors.iter().any(|e| e.contains("cut short")), "{progress:?}");
}

#[test]
fn bytes_after_the_gzip_data_are_noted_and_the_rows_kept() {
    let data = generated(300, 4);
    let mut padded = gzip(&data);
    padded.extend(std::iter::repeat_n(0u8, 4096));
    let mut junk = gzip(&data);
    junk.extend_from_slice(b"not gzip at all");
    for (name, bytes, note) in
        [("p_tweets_csv_hashed.csv.gz", padded, "zero padding"), ("j_tweets_csv_hashed.csv.gz", junk, "are not gzip")]
    {
        let (s, progress) = summary_of(vec![(name, bytes)]);
        assert_eq!(s.tweets, 300);
        assert!(progress[0].errors.iter().any(|e| e.contains(note)), "{progress:?}");
    }
}

#[test]
fn a_tweets_header_with_a_misspelt_tweetid_is_refused_not_read_as_users() {
    let header = HEADER.replacen("tweetid", "tweet_id", 1);
    let data = format!("{header}\n{}\n", tweet("1", "u", "2019-01-01 10:00", &[]));
    let (campaigns, progress) = load(vec![("m_tweets_csv_hashed.csv", data.into_bytes())]);
    assert!(campaigns.is_empty());
    assert!(progress[0].errors[0].contains("lacks tweetid (it has tweet_id)"), "{progress:?}");
}

#[test]
fn times_before_twitter_or_after_today_are_rejected_rows() {
    let rows = [
        tweet("1", "u", "1970-01-01 00:00", &[]),
        tweet("2", "u", "9999-12-31 23:59", &[]),
        tweet("3", "u", "2026-12-03 00:00", &[]),
        tweet("4", "u", "2006-03-21 00:00", &[]),
        tweet("5", "u", "2026-12-02 23:59", &[]),
    ];
    let (s, _) = summary_of(vec![("t_tweets_csv_hashed.csv", file(&rows))]);
    assert_eq!((s.tweets, s.rejected_rows), (2, 3));
    assert_eq!(s.rejected_by_kind.get("out of time"), Some(&3));
    assert!(s.rejections[0].to_string().contains("2006-03-21 to 2026-12-02"), "{}", s.rejections[0]);
    assert!(s.tweets_per_day.len() == 2);
}

#[test]
fn a_spreadsheet_damaged_file_loaded_twice_counts_once() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/IRAhandle_tweets_excel_resaved_sample.csv");
    let bytes = std::fs::read(path).expect("corpus file");
    let (once, _) = summary_of(vec![("a/IRAhandle_tweets_excel_resaved_sample.csv", bytes.clone())]);
    let (twice, _) = summary_of(vec![
        ("a/IRAhandle_tweets_excel_resaved_sample.csv", bytes.clone()),
        ("b/IRAhandle_tweets_excel_resaved_sample.csv", bytes.clone()),
    ]);
    assert_eq!((once.tweets, twice.tweets, twice.duplicate_tweets), (100, 100, 100));
    assert_eq!(once.top_hashtags, twice.top_hashtags);
    // And merged into a campaign already loaded.
    let (mut first, _) = load(vec![("a/IRAhandle_tweets_excel_resaved_sample.csv", bytes.clone())]);
    let (second, _) = load(vec![("b/IRAhandle_tweets_excel_resaved_sample.csv", bytes)]);
    first[0].absorb(second.into_iter().next().expect("a campaign"));
    assert_eq!(summarize(&first[0]).tweets, 100);
}

#[test]
fn more_than_65_535_languages_stay_apart() {
    let rows: Vec<String> = (0..70_000)
        .map(|n| tweet(&n.to_string(), "u", "2019-01-01 10:00", &[("tweet_language", &format!("l{n}"))]))
        .collect();
    let (campaigns, _) = load(vec![("l_tweets_csv_hashed.csv", file(&rows))]);
    let q = TweetQuery { language: Some("l69999".into()), limit: 10, ..TweetQuery::default() };
    let page = query::tweets(&campaigns[0], &q);
    assert_eq!((page.total, page.rows[0].id.as_str()), (1, "69999"));
}

#[test]
fn hashtags_that_are_not_utf8_are_told_apart() {
    let mut data = file(&[]);
    for (id, tag) in [("1", &b"caf\xe9"[..]), ("2", b"caf\xe8"), ("3", b"caf\xe8")] {
        data.extend_from_slice(
            tweet(id, "u", "2019-01-01 10:00", &[("hashtags", "[TAG]")]).replace("TAG", "\u{1}").as_bytes(),
        );
        let at = data.len() - data.iter().rev().position(|&b| b == 1).expect("the marker") - 1;
        data.splice(at..at + 1, tag.iter().copied());
        data.push(b'\n');
    }
    let (s, _) = summary_of(vec![("x_tweets_csv_hashed.csv", data)]);
    let counts: Vec<u64> = s.top_hashtags.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [2, 1]);
}

#[test]
fn a_file_with_lines_ended_by_returns_alone_names_the_right_lines() {
    let rows =
        [tweet("1", "u", "2019-01-01 10:00", &[]), tweet("2", "u", "2019-01-01 10:00", &[]), "\"3\"".to_string()];
    let data = String::from_utf8(file(&rows)).expect("text").replace('\n', "\r");
    let (s, _) = summary_of(vec![("cr_tweets_csv_hashed.csv", data.into_bytes())]);
    assert_eq!((s.tweets, s.rejected_rows), (2, 1));
    assert!(
        s.rejections[0].to_string().starts_with("cr_tweets_csv_hashed.csv line 4: 1 fields"),
        "{}",
        s.rejections[0]
    );
}

#[test]
fn a_utf16_file_is_refused_with_how_to_save_it_as_utf8() {
    let text = String::from_utf8(file(&[tweet("1", "u", "2019-01-01 10:00", &[])])).expect("text");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let without_bom = utf16[2..].to_vec();
    let (campaigns, progress) =
        load(vec![("w_tweets_csv_hashed.csv", utf16), ("v_tweets_csv_hashed.csv", without_bom)]);
    assert!(campaigns.is_empty());
    for file in &progress {
        assert!(file.errors[0].contains("UTF-16") && file.errors[0].contains("CSV UTF-8"), "{file:?}");
    }
}

#[test]
fn a_zip_of_thousands_of_members_is_listed_in_bounded_space() {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let body = file(&[tweet("1", "u", "2019-01-01 10:00", &[])]);
    for n in 0..5000 {
        archive.start_file(format!("part_{n}.csv"), options).expect("in memory");
        archive.write_all(&body).expect("in memory");
    }
    let bytes = archive.finish().expect("in memory").into_inner();
    let (s, progress) = summary_of(vec![("many_tweets_csv_hashed.zip", bytes)]);
    assert!(
        progress[0].errors.iter().any(|e| e.contains("and 904 more members were not read")),
        "{:?}",
        progress[0].errors
    );
    assert_eq!((s.tweets, s.duplicate_tweets), (1, 4095));
    assert_eq!(s.files.len(), 51);
    assert_eq!(s.files[50], "and 4 046 more");
}

#[test]
fn every_question_about_a_hostile_campaign_is_answered() {
    let rows = [
        tweet("1", "u", "2019-01-01 10:00", &[("is_retweet", "true"), ("retweet_tweetid", "10000000000000000000")]),
        tweet("1.2e+18", "v", "2019-02-01 10:00", &[("quoted_tweet_tweetid", "9.9e+17")]),
    ];
    let (campaigns, _) = load(vec![("q_tweets_csv_hashed.csv", file(&rows))]);
    let mut cache = QueryCache::default();
    let tweets = Query::Tweets(TweetQuery { limit: 10, ..TweetQuery::default() });
    let Answer::Tweets(page) = query::answer(&campaigns[0], &mut cache, &tweets) else { panic!("tweets") };
    assert_eq!(page.rows.len(), 2);
    let account = Query::Account { id: "v".into() };
    assert!(matches!(query::answer(&campaigns[0], &mut cache, &account), Answer::Account(_)));
}
