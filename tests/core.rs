//! Native tests of the loader on real release files and generated fixtures.

mod common;

use common::row;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use takedown::core::ingest::{self, Input, Loader};
use takedown::core::summary::{summarize, Summary};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(name)
}

/// A corpus file as the loader's input, under the name the release gave it.
fn corpus_input(name: &str) -> ingest::Input {
    let bytes = std::fs::read(corpus(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    ingest::memory_input(&corpus(name).display().to_string(), bytes)
}

fn load_paths(names: &[&str]) -> Vec<Summary> {
    let inputs = names.iter().map(|n| corpus_input(n)).collect();
    ingest::load_all(inputs).0.iter().map(summarize).collect()
}

fn load_bytes(files: &[(&str, Vec<u8>)]) -> (Vec<Summary>, Vec<ingest::FileProgress>) {
    let inputs = files.iter().map(|(n, b)| ingest::memory_input(n, b.clone())).collect();
    let (campaigns, progress) = ingest::load_all(inputs);
    (campaigns.iter().map(summarize).collect(), progress)
}

fn one(summaries: &[Summary], name: &str) -> Summary {
    summaries.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no campaign {name}")).clone()
}

#[test]
fn thailand_zips_give_the_release_figures() {
    let s = load_paths(&[
        "hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip",
        "hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip",
    ]);
    assert_eq!(s.len(), 1);
    let t = &s[0];
    assert_eq!(t.name, "thailand_092020");
    assert_eq!((t.accounts, t.accounts_with_tweets, t.hashed_accounts), (926, 455, 926));
    assert_eq!(t.tweets, 21_385);
    assert_eq!(t.rejected_rows, 0);
    assert_eq!(t.originals + t.retweets + t.replies + t.quotes, t.tweets);
    assert_eq!(t.tweets_per_month.values().sum::<u64>(), t.tweets);
    assert_eq!(t.hour_by_weekday.iter().flatten().sum::<u64>(), t.tweets);
    assert_eq!(t.top_languages[0].0, "th");
    assert!(t.top_hashtags.iter().any(|(tag, _)| tag == "กองทัพบก"), "{:?}", t.top_hashtags);
}

#[test]
fn a_cut_short_download_keeps_every_whole_record() {
    let s = load_paths(&["russian_linked_tweets_csv_hashed.csv"]);
    let r = one(&s, "russian_linked");
    assert_eq!((r.tweets, r.rejected_rows), (407, 1));
    let why = r.rejections[0].to_string();
    assert!(why.ends_with("russian_linked_tweets_csv_hashed.csv lines 998–1 000: the record is cut short at the end of the file (was the download complete?)"), "{why}");
    assert_eq!(r.first_tweet.as_deref(), Some("2011-08-07 23:25"));
}

#[test]
fn users_files_count_their_accounts_and_tell_hashed_from_numeric() {
    let s = load_paths(&["china_082019_1_users_csv_hashed.csv", "catalonia_201906_1_users_csv_hashed.csv"]);
    let china = one(&s, "china_082019_1");
    assert_eq!((china.accounts, china.tweets), (744, 0));
    assert!(china.hashed_accounts > 0 && china.hashed_accounts < 744, "{}", china.hashed_accounts);
    assert_eq!(one(&s, "catalonia_201906_1").accounts, 129);
}

#[test]
fn a_spreadsheet_damaged_fivethirtyeight_file_still_loads() {
    let s = load_paths(&["IRAhandle_tweets_excel_resaved_sample.csv"]);
    let ira = one(&s, "IRAhandle");
    assert_eq!((ira.tweets, ira.rejected_rows, ira.hashed_accounts), (100, 0, 0));
    assert_eq!(ira.inexact_ids, 100, "ids like 9.06E+17 are kept but marked");
    assert_eq!(ira.top_languages[0], ("en".to_string(), 100));
    assert!(ira.first_tweet.as_deref().unwrap_or_default().starts_with("2017-10-"));
}

const H2018: &str = "tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_tweetid,in_reply_to_userid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions,poll_choices";

fn h2019() -> String {
    H2018.replace("in_reply_to_tweetid,in_reply_to_userid", "in_reply_to_userid,in_reply_to_tweetid")
}

fn tweet(header: &str, id: &str, user: &str, time: &str, extra: &[(&str, &str)]) -> String {
    let mut values = vec![("tweetid", id), ("userid", user), ("user_screen_name", user), ("tweet_time", time)];
    values.extend_from_slice(extra);
    row(header, &values)
}

#[test]
fn every_generation_reads_the_same_facts_by_header_name() {
    let reply = [("in_reply_to_tweetid", "111"), ("in_reply_to_userid", "42"), ("tweet_language", "fa")];
    let retweet = [("is_retweet", "True"), ("retweet_userid", "43"), ("hashtags", "[Iran, ایران]")];
    let h2020 = h2019().replace(",poll_choices", ",some_new_column");
    let mut summaries = Vec::new();
    for (name, header, list) in [
        ("g2018", H2018.to_string(), "[Iran, ایران]"),
        ("g2019", h2019(), "['Iran', 'ایران']"),
        ("g2020", h2020, "['Iran', 'ایران']"),
    ] {
        let retweet: Vec<(&str, &str)> =
            retweet.iter().map(|&(k, v)| if k == "hashtags" { (k, list) } else { (k, v) }).collect();
        let csv = [
            header.clone(),
            tweet(&header, "1", "a", "2019-06-13 08:15", &reply),
            tweet(&header, "2", "a", "2019-06-14 09:00", &retweet),
            tweet(&header, "3", "b", "2019-07-01 23:59", &[("quoted_tweet_tweetid", "1.198473762313818e+18")]),
        ]
        .join("\r\n");
        let (s, _) = load_bytes(&[(&format!("{name}_tweets_csv_hashed.csv"), csv.into_bytes())]);
        summaries.push(s[0].clone());
    }
    for s in &summaries {
        assert_eq!((s.tweets, s.replies, s.retweets, s.quotes, s.accounts), (3, 1, 1, 1, 2), "{}", s.name);
        assert_eq!(s.top_hashtags, [("iran".to_string(), 1), ("ایران".to_string(), 1)]);
        assert_eq!(s.tweets_per_month.get("2019-06"), Some(&2));
        assert_eq!(s.last_tweet.as_deref(), Some("2019-07-01 23:59"));
        assert!(s.top_languages.contains(&("fa".to_string(), 1)));
    }
}

#[test]
fn split_parts_merge_and_a_repeated_tweet_counts_once() {
    let header = h2019();
    let part = |ids: &[&str]| {
        let mut lines = vec![header.clone()];
        lines.extend(ids.iter().map(|id| tweet(&header, id, "u1", "2019-01-01 00:00", &[])));
        lines.join("\n").into_bytes()
    };
    let (s, _) = load_bytes(&[
        ("iran_201906_1_tweets_csv_hashed_1.csv", part(&["1", "2", "3"])),
        ("iran_201906_1_tweets_csv_hashed_2.csv", part(&["3", "4"])),
        ("iran_201906_1_users_csv_hashed.csv", b"userid,user_screen_name\nu1,one\nu2,two\n".to_vec()),
    ]);
    assert_eq!(s.len(), 1);
    assert_eq!((s[0].tweets, s[0].duplicate_tweets, s[0].accounts), (4, 1, 2));
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in members {
        out.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_zip_of_several_members_and_a_gzip_load_like_their_csvs() {
    let header = h2019();
    let tweets = format!("{header}\n{}\n", tweet(&header, "9", "u", "2020-01-01 10:00", &[]));
    let zipped = zip_of(&[
        ("release/venezuela_201901_1_tweets_csv_hashed.csv", tweets.as_bytes()),
        ("release/venezuela_201901_1_users_csv_hashed.csv", b"userid,user_screen_name\nu,x\nv,y\n"),
        ("__MACOSX/release/._venezuela_201901_1_tweets_csv_hashed.csv", b"junk"),
        ("README.txt", b"not data"),
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(tweets.replace("\"9\"", "\"10\"").as_bytes()).unwrap();
    let (s, files) = load_bytes(&[
        ("download.zip", zipped),
        ("venezuela_201901_1_tweets_csv_hashed_2.csv.gz", gz.finish().unwrap()),
    ]);
    let v = one(&s, "venezuela_201901_1");
    assert_eq!((v.tweets, v.accounts), (2, 2));
    assert!(files.iter().all(|f| f.done && f.errors.is_empty()), "{files:?}");
    assert_eq!(files[0].kinds, ["tweets", "users"]);
}

#[test]
fn bad_files_are_refused_with_a_reason_and_the_rest_loads() {
    let header = h2019();
    let good = format!("{header}\n{}\n", tweet(&header, "1", "u", "2020-01-01 10:00", &[]));
    let mut zipped = zip_of(&[("x_tweets_csv_hashed.csv", good.as_bytes())]);
    zipped.truncate(zipped.len() - 10);
    let (s, files) = load_bytes(&[
        ("contacts.csv", b"name,email\nann,a@example.com\n".to_vec()),
        ("empty.csv", Vec::new()),
        ("broken_tweets_csv_hashed.zip", zipped),
        ("fine_tweets_csv_hashed.csv", good.clone().into_bytes()),
        ("header_only_tweets_csv_hashed.csv", header.clone().into_bytes()),
    ]);
    assert!(
        files[0].errors[0].contains("contacts.csv: this is not an information-operations archive: a tweets file needs")
    );
    assert!(files[1].errors[0].contains("empty"), "{:?}", files[1].errors);
    assert!(files[2].errors[0].contains("zip archive is damaged"), "{:?}", files[2].errors);
    assert!(files.iter().all(|f| f.done));
    assert_eq!(one(&s, "fine").tweets, 1);
    assert_eq!(one(&s, "header_only").tweets, 0);
}

#[test]
fn malformed_rows_are_counted_with_their_line_and_skipped() {
    let header = h2019();
    let csv = [
        header.clone(),
        tweet(&header, "1", "u", "2020-01-01 10:00", &[("tweet_text", "two\nlines")]),
        "\"2\",\"u\",\"short row\"".to_string(),
        tweet(&header, "3", "u", "yesterday", &[]),
        tweet(&header, "abc", "u", "2020-01-01 10:00", &[]),
        tweet(&header, "5", "", "2020-01-01 10:00", &[]),
        tweet(&header, "6", "u", "2020-01-02 10:00", &[]),
    ]
    .join("\n");
    let (s, _) = load_bytes(&[("m_tweets_csv_hashed.csv", csv.into_bytes())]);
    let m = &s[0];
    assert_eq!((m.tweets, m.rejected_rows), (2, 4));
    let reasons: Vec<String> = m.rejections.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons[0],
        "m_tweets_csv_hashed.csv line 4: 3 fields, the header has 31 (the row is cut short or malformed)"
    );
    assert!(reasons[1].starts_with("m_tweets_csv_hashed.csv line 5: tweet_time 'yesterday'"), "{}", reasons[1]);
    assert!(reasons[2].contains("tweetid 'abc' is not a number"), "{}", reasons[2]);
    assert!(reasons[3].contains("userid is empty"), "{}", reasons[3]);
}

/// Hands out at most `chunk` bytes per read, as a slow network or a slice reader would.
struct Chunked {
    inner: Cursor<Vec<u8>>,
    chunk: usize,
}

impl Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.chunk);
        self.inner.read(&mut buf[..n])
    }
}

impl Seek for Chunked {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.inner.seek(to)
    }
}

#[test]
fn the_result_is_the_same_for_any_chunk_and_step_size() {
    let mut tweets = Vec::new();
    takedown::synth::write_tweets(&mut tweets, &takedown::synth::Spec::benchmark(400, 17, 7)).unwrap();
    tweets.extend_from_slice(b"\"123\",\"cut short");
    let zipped = zip_of(&[("s_tweets_csv_hashed.csv", &tweets)]);
    let files = [("s_tweets_csv_hashed.csv", tweets), ("other_tweets_csv_hashed.zip", zipped)];
    let run = |chunk: usize, step: usize| {
        let mut loader = Loader::new();
        for (name, bytes) in &files {
            let reader = Box::new(Chunked { inner: Cursor::new(bytes.clone()), chunk });
            loader.add(Input { name: name.to_string(), size: bytes.len() as u64, reader });
        }
        while loader.step(step) {}
        loader.into_campaigns().iter().map(summarize).collect::<Vec<_>>()
    };
    let expected = run(1 << 20, 1 << 20);
    assert_eq!(expected[0].tweets, 400);
    assert_eq!(expected[0].rejected_rows, 1);
    for (chunk, step) in [(1, 1), (7, 3), (4093, 7), (4093, 1000)] {
        assert_eq!(run(chunk, step), expected, "chunk {chunk}, step {step}");
    }
}

#[test]
fn a_full_memory_stops_the_load_with_a_message_and_keeps_what_was_read() {
    let tweets = |seed| {
        let mut bytes = Vec::new();
        takedown::synth::write_tweets(&mut bytes, &takedown::synth::Spec::benchmark(3000, 20, seed)).unwrap();
        bytes
    };
    let mut loader = Loader::new();
    loader.set_memory_budget(300_000);
    loader.add(ingest::memory_input("a_tweets_csv_hashed.csv", tweets(1)));
    loader.add(ingest::memory_input("b_tweets_csv_hashed.csv", tweets(2)));
    while loader.step(100) {}
    let progress = loader.progress();
    let (a, b) = (&progress[0], &progress[1]);
    assert!(a.rows > 0 && a.rows < 3000, "{a:?}");
    assert!(
        a.errors[0].contains("stopped after line ") && a.errors[0].contains("the memory for campaigns is full"),
        "{a:?}"
    );
    assert_eq!((b.rows, b.done), (0, true));
    assert!(b.errors[0].starts_with("b_tweets_csv_hashed.csv: not read: the memory for campaigns is full"), "{b:?}");
    let campaigns = loader.into_campaigns();
    assert_eq!(campaigns.len(), 1);
    assert_eq!(summarize(&campaigns[0]).tweets, a.rows);
}

#[test]
fn progress_reaches_every_byte() {
    let mut tweets = Vec::new();
    takedown::synth::write_tweets(&mut tweets, &takedown::synth::Spec::benchmark(300, 5, 3)).unwrap();
    let size = tweets.len() as u64;
    let mut loader = Loader::new();
    loader.add(ingest::memory_input("p_tweets_csv_hashed.csv", tweets));
    let mut seen = Vec::new();
    while loader.step(50) {
        seen.push(loader.progress()[0].bytes_done);
    }
    let last = &loader.progress()[0];
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!((last.bytes_done, last.rows, last.done), (size, 300, true));
}

#[test]
fn the_cli_prints_json_and_fails_only_when_nothing_loads() {
    let cli = env!("CARGO_BIN_EXE_takedown");
    let out = std::process::Command::new(cli)
        .args(["summary", "--json"])
        .arg(corpus("russian_linked_tweets_csv_hashed.csv"))
        .arg(corpus("README.md"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &json["campaigns"][0];
    assert_eq!(
        (c["name"].as_str(), c["tweets"].as_u64(), c["rejected_rows"].as_u64()),
        (Some("russian_linked"), Some(407), Some(1))
    );
    assert_eq!(c["top_hashtags"][0], serde_json::json!(["maga", 44]));
    assert!(c["tweets_per_month"].as_object().unwrap().contains_key("2017-08"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("README.md: this is not an information-operations archive"));
    let failed = std::process::Command::new(cli).args(["summary"]).arg(corpus("README.md")).output().unwrap();
    assert!(!failed.status.success());
}

#[test]
fn files_added_later_merge_into_the_campaign_already_loaded() {
    let header = h2019();
    let part = |rows: &[(&str, &str)]| {
        let mut lines = vec![header.clone()];
        lines.extend(rows.iter().map(|(id, user)| {
            tweet(
                &header,
                id,
                user,
                "2019-01-01 00:00",
                &[("hashtags", "['Iran']"), ("urls", "['https://a.example/x']"), ("quoted_tweet_tweetid", "1.5e+18")],
            )
        }));
        lines.join("\n").into_bytes()
    };
    let first = ("iran_201906_1_tweets_csv_hashed_1.csv", part(&[("1", "u1"), ("2", "u2")]));
    let second = ("iran_201906_1_tweets_csv_hashed_2.csv", part(&[("2", "u2"), ("3", "u3")]));
    let users = ("iran_201906_1_users_csv_hashed.csv", b"userid,user_screen_name\nu9,nine\nu1,one\n".to_vec());
    let (together, _) = load_bytes(&[first.clone(), second.clone(), users.clone()]);
    let load = |files: &[(&str, Vec<u8>)]| {
        let inputs = files.iter().map(|(n, b)| ingest::memory_input(n, b.clone())).collect();
        ingest::load_all(inputs).0.into_iter().next().unwrap()
    };
    let mut campaign = load(&[first]);
    campaign.absorb(load(&[users, second]));
    let mut merged = summarize(&campaign);
    merged.files.sort();
    let mut expected = together[0].clone();
    expected.files.sort();
    assert_eq!(merged, expected);
    assert_eq!((merged.tweets, merged.accounts, merged.duplicate_tweets), (3, 4, 1));
}

#[test]
fn the_shipped_samples_are_what_the_generator_writes_and_load_as_described() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("static/samples");
    let mut inputs = Vec::new();
    for sample in takedown::synth::samples() {
        assert!(sample.campaign.starts_with("synthetic_"));
        for (name, bytes) in sample.files().unwrap() {
            let shipped = std::fs::read(dir.join(&name))
                .unwrap_or_else(|e| panic!("{name}: {e}; run `takedown samples static/samples`"));
            assert!(
                shipped == bytes,
                "{name} differs from the generator's output; run `takedown samples static/samples`"
            );
            inputs.push(ingest::memory_input(&name, bytes));
        }
    }
    let total: u64 = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(total < 5_000_000, "samples take {total} bytes");
    let (campaigns, files) = ingest::load_all(inputs);
    assert!(files.iter().all(|f| f.errors.is_empty()), "{files:?}");
    for (campaign, sample) in campaigns.iter().zip(takedown::synth::samples()) {
        let s = summarize(campaign);
        assert_eq!(s.name, sample.campaign);
        assert_eq!(
            (s.accounts, s.tweets, s.rejected_rows),
            (sample.spec.accounts as u64, sample.spec.tweets as u64, 0)
        );
    }
}
