//! The `takedown` binary on the real release files: every expected figure comes
//! from the corpus README or from reading the same file independently with the
//! `csv` and `zip` crates, never from the code under test.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Output};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/");
const TWEETS: &str = "hashed_2020_09_thailand_092020_thailand_092020_tweets_csv_hashed.zip";
const USERS: &str = "hashed_2020_09_thailand_092020_thailand_092020_users_csv_hashed.zip";
const RUSSIA: &str = "russian_linked_tweets_csv_hashed.csv";
/// From the corpus README.
const THAILAND_TWEETS: usize = 21_385;
const THAILAND_ACCOUNTS: usize = 926;
const THAILAND_ACCOUNTS_WITH_TWEETS: usize = 455;
const RUSSIA_WHOLE_RECORDS: usize = 407;

fn corpus(name: &str) -> String {
    format!("{CORPUS}{name}")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_takedown")).args(args).output().expect("the built takedown binary runs")
}

/// Stdout of a run that must succeed.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "takedown {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("the output is UTF-8")
}

/// Stderr of a run that must fail.
fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert!(!out.status.success(), "takedown {args:?} should have failed");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(!stderr.trim().is_empty(), "takedown {args:?} failed without saying why");
    stderr
}

/// A CSV table as header-named rows.
fn table(text: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header line").iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| header.iter().cloned().zip(r.expect("a well-formed CSV record").iter().map(str::to_string)).collect())
        .collect();
    (header, rows)
}

/// The release's own tweets, read from the zip with the zip and csv crates.
fn release_tweets() -> Vec<HashMap<String, String>> {
    let file = std::fs::File::open(corpus(TWEETS)).expect("the Thailand tweets zip");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut member = archive.by_index(0).expect("one member");
    assert!(member.name().ends_with(".csv"));
    let mut text = String::new();
    member.read_to_string(&mut text).expect("UTF-8 CSV");
    table(&text).1
}

/// Neither a retweet, nor a reply, nor a quote: the release's own columns say.
fn is_original(r: &HashMap<String, String>) -> bool {
    ["in_reply_to_tweetid", "in_reply_to_userid", "quoted_tweet_tweetid"].iter().all(|c| r[*c].is_empty())
}

fn count(rows: &[HashMap<String, String>], keep: impl Fn(&HashMap<String, String>) -> bool) -> usize {
    rows.iter().filter(|r| keep(r)).count()
}

#[test]
fn tweets_lists_every_tweet_of_the_release_exactly() {
    let (header, rows) = table(&ok(&["tweets", "--format", "csv", &corpus(TWEETS)]));
    let expected_header = "campaign,tweetid,userid,user_screen_name,tweet_time,kind,tweet_language,tweet_client_name,\
        reference,hashtags,urls,user_mentions,like_count,retweet_count,reply_count,quote_count,tweet_text";
    assert_eq!(header.join(","), expected_header);
    assert_eq!(rows.len(), THAILAND_TWEETS);
    let release = release_tweets();
    assert_eq!(release.len(), THAILAND_TWEETS);
    // Ids beyond 2^53 and texts with newlines and quotes, character for character.
    let by_id: HashMap<&str, &HashMap<String, String>> = release.iter().map(|r| (r["tweetid"].as_str(), r)).collect();
    for row in &rows {
        let original = by_id.get(row["tweetid"].as_str()).unwrap_or_else(|| panic!("no tweet {}", row["tweetid"]));
        assert_eq!(row["userid"], original["userid"]);
        assert_eq!(row["tweet_text"], original["tweet_text"]);
        assert_eq!(row["tweet_time"], original["tweet_time"]);
        assert_eq!(row["campaign"], "thailand_092020");
    }
    assert!(rows.iter().any(|r| r["tweetid"].parse::<u64>().expect("a number") > 1 << 53));
    assert!(rows.iter().any(|r| r["tweet_text"].contains('\n')));
    assert!(rows.windows(2).all(|w| w[0]["tweet_time"] >= w[1]["tweet_time"]), "newest first");
}

#[test]
fn tweet_filters_agree_with_a_count_over_the_release() {
    let release = release_tweets();
    let cli = |filter: &[&str]| {
        let mut args = vec!["tweets"];
        args.extend_from_slice(filter);
        let file = corpus(TWEETS);
        args.push(&file);
        table(&ok(&args)).1.len()
    };
    let hashtags = |r: &HashMap<String, String>| -> Vec<String> {
        let list = r["hashtags"].trim_start_matches('[').trim_end_matches(']');
        list.split(", ").map(|t| t.trim_matches('\'').to_lowercase()).filter(|t| !t.is_empty()).collect()
    };
    let mut by_author: BTreeMap<&str, usize> = BTreeMap::new();
    release.iter().for_each(|r| *by_author.entry(&r["userid"]).or_default() += 1);
    let (busiest, tweets) = by_author.iter().max_by_key(|(_, &n)| n).map(|(&a, &n)| (a, n)).expect("authors");

    // Each expected count is checked to be neither zero nor everything, so that
    // a filter ignored or matching nothing cannot pass.
    let agree = |filter: &[&str], expected: usize| {
        assert!(expected > 0 && expected < THAILAND_TWEETS, "{filter:?} selects {expected}");
        assert_eq!(cli(filter), expected, "{filter:?}");
    };
    let army = "กองทัพ";
    agree(&["--search", army], count(&release, |r| r["tweet_text"].contains(army)));
    agree(&["--search", "THAILAND"], count(&release, |r| r["tweet_text"].to_lowercase().contains("thailand")));
    let tag = "กองทัพบก";
    agree(&["--hashtag", tag], count(&release, |r| hashtags(r).iter().any(|t| t == tag)));
    agree(&["--account", busiest], tweets);
    agree(&["--language", "en"], count(&release, |r| r["tweet_language"] == "en"));
    agree(&["--kind", "retweet"], count(&release, |r| r["is_retweet"].eq_ignore_ascii_case("true")));
    agree(&["--from", "2020-01-01", "--to", "2020-01-31"], count(&release, |r| r["tweet_time"].starts_with("2020-01")));
    agree(&["--from", "2020-03-01"], count(&release, |r| r["tweet_time"].as_str() >= "2020-03"));
    agree(
        &["--search", army, "--kind", "original"],
        count(&release, |r| {
            r["tweet_text"].contains(army) && !r["is_retweet"].eq_ignore_ascii_case("true") && is_original(r)
        }),
    );
}

#[test]
fn several_campaigns_are_told_apart_and_one_can_be_chosen() {
    let (thailand, russia) = (corpus(TWEETS), corpus(RUSSIA));
    let (_, rows) = table(&ok(&["tweets", &thailand, &russia]));
    assert_eq!(count(&rows, |r| r["campaign"] == "thailand_092020"), THAILAND_TWEETS);
    assert_eq!(count(&rows, |r| r["campaign"] == "russian_linked"), RUSSIA_WHOLE_RECORDS);
    let (_, rows) = table(&ok(&["tweets", "--campaign", "russian_linked", &thailand, &russia]));
    assert_eq!(rows.len(), RUSSIA_WHOLE_RECORDS);
    // The ids as written in the file, read independently.
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&russia).expect("the Russia file");
    let ids: Vec<String> =
        reader.records().filter_map(Result::ok).filter(|r| r.len() == 31).map(|r| r[0].to_string()).collect();
    assert_eq!(ids.len(), RUSSIA_WHOLE_RECORDS);
    let mut listed: Vec<&str> = rows.iter().map(|r| r["tweetid"].as_str()).collect();
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    listed.sort_unstable();
    ids.sort_unstable();
    assert_eq!(listed, ids);
}

#[test]
fn accounts_lists_every_account_of_the_users_file() {
    let (tweets, users) = (corpus(TWEETS), corpus(USERS));
    let (_, rows) = table(&ok(&["accounts", &tweets, &users]));
    assert_eq!(rows.len(), THAILAND_ACCOUNTS);
    let tweeted = count(&rows, |r| r["tweets"] != "0");
    assert_eq!(tweeted, THAILAND_ACCOUNTS_WITH_TWEETS);
    let total: usize = rows.iter().map(|r| r["tweets"].parse::<usize>().expect("a count")).sum();
    assert_eq!(total, THAILAND_TWEETS);
    let counts: Vec<usize> = rows.iter().map(|r| r["tweets"].parse().expect("a count")).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "without --sort, most tweets first");

    let (_, sorted) = table(&ok(&["accounts", "--sort", "followers", "--desc", &tweets, &users]));
    let followers: Vec<u64> = sorted.iter().map(|r| r["follower_count"].parse().expect("a count")).collect();
    assert!(followers.windows(2).all(|w| w[0] >= w[1]));
    let json: serde_json::Value = serde_json::from_str(&ok(&["accounts", "--format", "json", &tweets, &users]))
        .expect("accounts --format json is JSON");
    assert_eq!(json["campaigns"][0]["name"], "thailand_092020");
    assert_eq!(json["campaigns"][0]["total"], THAILAND_ACCOUNTS);
}

#[test]
fn timeline_months_hold_every_tweet_in_its_month() {
    let release = release_tweets();
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    release.iter().for_each(|r| *months.entry(r["tweet_time"][..7].to_string()).or_default() += 1);
    let (header, rows) = table(&ok(&["timeline", "--period", "month", &corpus(TWEETS)]));
    assert_eq!(header, ["campaign", "period", "series", "tweets"]);
    let mut listed: BTreeMap<String, u64> = BTreeMap::new();
    for r in &rows {
        *listed.entry(r["period"].clone()).or_default() += r["tweets"].parse::<u64>().expect("a count");
    }
    listed.retain(|_, n| *n > 0);
    assert_eq!(listed, months);
    assert_eq!(listed.values().sum::<u64>(), THAILAND_TWEETS as u64);

    let json: serde_json::Value =
        serde_json::from_str(&ok(&["timeline", "--format", "json", "--split", "language", &corpus(TWEETS)]))
            .expect("timeline --format json is JSON");
    let series = json["campaigns"][0]["series"].as_array().expect("series");
    let sum: u64 = series.iter().flat_map(|s| s[1].as_array().expect("counts")).filter_map(|n| n.as_u64()).sum();
    assert_eq!(sum, THAILAND_TWEETS as u64);
}

#[test]
fn account_shows_one_accounts_profile_and_months() {
    let release = release_tweets();
    let mut by_author: BTreeMap<&str, usize> = BTreeMap::new();
    release.iter().for_each(|r| *by_author.entry(&r["userid"]).or_default() += 1);
    let (id, tweets) = by_author.iter().max_by_key(|(_, &n)| n).map(|(&a, &n)| (a, n)).expect("authors");
    let (_, lines) = table(&ok(&["account", id, &corpus(TWEETS), &corpus(USERS)]));
    let value = |section: &str, key: &str| {
        lines.iter().find(|l| l["section"] == section && l["key"] == key).map(|l| l["value"].clone())
    };
    assert_eq!(value("profile", "userid").as_deref(), Some(id));
    assert_eq!(value("profile", "tweets"), Some(tweets.to_string()));
    let monthly: usize =
        lines.iter().filter(|l| l["section"] == "month").map(|l| l["value"].parse::<usize>().expect("a count")).sum();
    assert_eq!(monthly, tweets);
    assert_eq!(count(&lines, |l| l["section"] == "hour"), 7 * 24);

    let json: serde_json::Value =
        serde_json::from_str(&ok(&["account", "--format", "json", id, &corpus(TWEETS)])).expect("JSON");
    assert_eq!(json["campaigns"][0]["row"]["id"], id);
    assert_eq!(json["campaigns"][0]["row"]["tweets"], tweets);
}

#[test]
fn tweets_as_json_parse_and_keep_ids_as_strings() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["tweets", "--format", "json", &corpus(TWEETS)])).expect("tweets JSON");
    let campaign = &json["campaigns"][0];
    assert_eq!(campaign["name"], "thailand_092020");
    assert_eq!(campaign["total"], THAILAND_TWEETS);
    let rows = campaign["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), THAILAND_TWEETS);
    let ids: std::collections::HashSet<String> = release_tweets().iter().map(|r| r["tweetid"].clone()).collect();
    assert!(rows.iter().all(|r| r["id"].as_str().is_some_and(|id| ids.contains(id))));
}

#[test]
fn mistakes_are_refused_with_a_sentence() {
    let (tweets, russia) = (corpus(TWEETS), corpus(RUSSIA));
    let unknown = fails(&["tweets", "--campaign", "nowhere", &tweets, &russia]);
    assert!(unknown.contains("nowhere") && unknown.contains("thailand_092020") && unknown.contains("russian_linked"));
    assert!(fails(&["tweets", "--from", "2020-02-30", &tweets]).contains("not a date"));
    assert!(fails(&["accounts", "--from", "yesterday", &tweets]).contains("not a date"));
    assert!(fails(&["tweets", "--to", "2020-01-01", &tweets]).contains("--from"));
    assert!(fails(&["tweets", "--kind", "like", &tweets]).contains("retweet"));
    assert!(fails(&["accounts", "--sort", "fame", &tweets]).contains("followers"));
    assert!(fails(&["timeline", "--period", "year", &tweets]).contains("month"));
    assert!(fails(&["tweets", "--format", "xml", &tweets]).contains("json"));
    assert!(fails(&["tweets", "--memory-budget", "lots", &tweets]).contains("MB"));
    assert!(fails(&["tweets", "--serch", "x", &tweets]).contains("--search"));
    assert!(fails(&["account", "no-such-user", &tweets]).contains("no-such-user"));
    assert!(fails(&["tweets", "/no/such/file.csv"]).contains("could not be opened"));
}

#[test]
fn a_small_memory_budget_keeps_the_rows_read_before_it() {
    let rows = 200_000;
    let dir = std::env::temp_dir().join(format!("takedown-cli-budget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file: PathBuf = dir.join("synthetic_tweets.csv");
    let path = file.to_str().expect("a UTF-8 path");
    ok(&["generate", &rows.to_string(), "300", path]);
    let out = run(&["summary", "--json", "--memory-budget", "1MB", path]);
    std::fs::remove_dir_all(&dir).expect("the temporary directory can be removed");
    assert!(out.status.success(), "a load stopped by the budget still answers");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("memory"), "the loader's sentence: {stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("summary JSON");
    let kept = json["campaigns"][0]["tweets"].as_u64().expect("a tweet count");
    assert!(kept > 0 && kept < rows, "kept {kept} of {rows}");
}

#[test]
fn help_names_every_command_and_output() {
    let help = ok(&["--help"]);
    for command in [
        "summary", "tweets", "accounts", "account", "timeline", "report", "compare", "export", "sql", "generate",
        "bench", "samples", "lesson",
    ] {
        assert!(help.contains(&format!("takedown {command} ")), "{command} is missing from --help");
    }
    assert!(help.contains("--memory-budget") && help.contains("campaign,section,key,value"));
    assert!(!run(&[]).status.success(), "no command is a mistake");
}

#[test]
fn the_lesson_names_its_shipped_sample_and_every_step() {
    let json: serde_json::Value = serde_json::from_str(&ok(&["lesson"])).expect("the lesson as JSON");
    assert_eq!(json["sample"], takedown::core::lesson::SAMPLE);
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/samples");
    let files = json["files"].as_array().expect("its files");
    assert_eq!(files.len(), 2);
    assert!(files.iter().all(|f| samples.join(f.as_str().unwrap_or_default()).is_file()), "{files:?}");
    let steps = json["steps"].as_array().expect("its steps");
    let ours = takedown::core::lesson::steps();
    assert_eq!(steps.len(), ours.len());
    for (step, ours) in steps.iter().zip(&ours) {
        assert_eq!(
            (step["sentence"].as_str(), step["tab"].as_str()),
            (Some(ours.sentence.as_str()), Some(ours.tab.key()))
        );
        assert_eq!(step["evidence"]["kind"], ours.evidence.key());
    }
    assert_eq!(steps[3]["evidence"]["hashtag"], takedown::core::lesson::HASHTAG);
    assert!(!run(&["lesson", "extra"]).status.success());
}

#[test]
fn coordination_edges_their_evidence_and_the_graph_files_agree() {
    let zip = corpus(TWEETS);
    let (_, edges) = table(&ok(&["coordination", "--undirected", &zip]));
    assert!(edges.len() > 20, "{}", edges.len());
    // Every edge reaches the minimum weight (2) in one direction at least.
    for e in &edges {
        let (st, ts): (u32, u32) =
            (e["weight_source_target"].parse().unwrap(), e["weight_target_source"].parse().unwrap());
        assert!(st.max(ts) >= 2, "{e:?}");
    }
    // co_retweet has one key per tweet: the pairs behind the edges are the evidence rows.
    let pairs: u64 = edges.iter().map(|e| e["tweet_pairs"].parse::<u64>().unwrap()).sum();
    let (_, evidence) = table(&ok(&["coordination", "--evidence", &zip]));
    assert_eq!(evidence.len() as u64, pairs);
    for e in &evidence {
        assert!(e["dt"].parse::<u32>().unwrap() <= 60, "{e:?}");
    }
    let accounts: std::collections::HashSet<&str> =
        edges.iter().flat_map(|e| [e["source"].as_str(), e["target"].as_str()]).collect();
    let gexf = ok(&["coordination", "--format", "gexf", &zip]);
    assert!(gexf.contains(r#"<gexf xmlns="http://gexf.net/1.3""#));
    assert_eq!(gexf.matches("<node ").count(), accounts.len());
    assert_eq!(gexf.matches("<edge ").count(), edges.len());
    let graphml = ok(&["coordination", "--format", "graphml", &zip]);
    assert_eq!((graphml.matches("<node ").count(), graphml.matches("<edge ").count()), (accounts.len(), edges.len()));
    let (_, communities) = table(&ok(&["coordination", "--communities", &zip]));
    let members: usize = communities.iter().map(|c| c["accounts"].parse::<usize>().unwrap()).sum();
    assert_eq!(members, accounts.len());
    assert!(fails(&["coordination", "--kind", "co_nothing", &zip]).contains("is not a kind of network"));
}

#[test]
fn a_pool_of_the_release_split_in_two_is_the_release_with_each_accounts_campaign_named() {
    // The release's accounts dealt into two files by the parity of their
    // user id's bytes' sum; pooled, the two must give the whole release's
    // network, and every account is named with the file it went to.
    let file = std::fs::File::open(corpus(TWEETS)).expect("the Thailand tweets zip");
    let mut archive = zip::ZipArchive::new(file).expect("a zip archive");
    let mut member = archive.by_index(0).expect("one member");
    let mut text = String::new();
    member.read_to_string(&mut text).expect("UTF-8 CSV");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let user_column = header.iter().position(|h| h == "userid").expect("a userid column");
    let dir = std::env::temp_dir().join(format!("takedown-cli-pool-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths = ["even", "odd"].map(|half| dir.join(format!("thai{half}_tweets_csv_hashed.csv")));
    let mut writers = paths.clone().map(|p| csv::Writer::from_path(p).expect("a file in the temporary folder"));
    for w in &mut writers {
        w.write_record(&header).unwrap();
    }
    let mut half_of: HashMap<String, &str> = HashMap::new();
    for record in reader.records() {
        let record = record.expect("a well-formed record");
        let user = &record[user_column];
        let half = user.bytes().map(usize::from).sum::<usize>() % 2;
        half_of.insert(user.to_string(), ["thaieven", "thaiodd"][half]);
        writers[half].write_record(&record).unwrap();
    }
    drop(writers);
    let [even, odd] = paths.map(|p| p.display().to_string());
    let whole = table(&ok(&["coordination", "--undirected", &corpus(TWEETS)])).1;
    let (header, pooled) = table(&ok(&["coordination", "--undirected", "--pool", &even, &odd]));
    assert!(header.iter().any(|h| h == "source_campaigns") && header.iter().any(|h| h == "target_campaigns"));
    // Which end is the source depends on the order accounts were met in: compare the ends in order.
    let edge = |e: &HashMap<String, String>| {
        let (s, t) = (e["source"].clone(), e["target"].clone());
        let (st, ts) = (e["weight_source_target"].clone(), e["weight_target_source"].clone());
        if s < t {
            (s, t, st, ts)
        } else {
            (t, s, ts, st)
        }
    };
    let mut expected: Vec<_> = whole.iter().map(edge).collect();
    let mut got: Vec<_> = pooled.iter().map(edge).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    let mut across = 0;
    for e in &pooled {
        assert_eq!(e["campaign"], "thaieven+thaiodd");
        assert_eq!(
            (e["source_campaigns"].as_str(), e["target_campaigns"].as_str()),
            (half_of[&e["source"]], half_of[&e["target"]])
        );
        across += usize::from(e["source_campaigns"] != e["target_campaigns"]);
    }
    assert!(across > 0, "some edges join accounts of the two halves");
    // Apart, each half has only its own edges.
    let apart = table(&ok(&["coordination", "--undirected", &even, &odd])).1;
    assert_eq!(apart.len(), pooled.len() - across);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_gives_the_release_figures_and_its_batches_with_their_accounts() {
    let (header, rows) = table(&ok(&["report", &corpus(TWEETS), &corpus(USERS)]));
    assert_eq!(header.join(","), "campaign,section,key,value,ids");
    let value = |section: &str, key: &str| -> Option<&HashMap<String, String>> {
        rows.iter().find(|r| r["section"] == section && r["key"] == key)
    };
    let n = |section: &str, key: &str| value(section, key).map(|r| r["value"].clone()).unwrap_or_default();
    assert_eq!(n("headline", "accounts"), THAILAND_ACCOUNTS.to_string());
    assert_eq!(n("headline", "accounts_with_tweets"), THAILAND_ACCOUNTS_WITH_TWEETS.to_string());
    assert_eq!(n("headline", "tweets"), THAILAND_TWEETS.to_string());
    assert_eq!(n("batch_rule_day", "threshold"), "10");
    // 50 + 72 + 106 + 52 accounts made on 6–9 December 2019, counted from the users file by Python.
    let batch = value("batch_day", "2019-12-06..2019-12-09").expect("the December batch");
    assert_eq!(batch["value"], "280");
    assert_eq!(batch["ids"].split(' ').collect::<std::collections::BTreeSet<_>>().len(), 280);
    assert_eq!(n("first_tweet_lag", "never tweeted"), (THAILAND_ACCOUNTS - THAILAND_ACCOUNTS_WITH_TWEETS).to_string());
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["report", "--format", "json", &corpus(TWEETS), &corpus(USERS)])).expect("JSON");
    let report = &json["campaigns"][0];
    assert_eq!(report["name"], "thailand_092020");
    assert_eq!(report["headline"]["accounts"], THAILAND_ACCOUNTS as u64);
    assert_eq!(report["creations"]["per_month"]["2020-01"], 453);
}

#[test]
fn compare_puts_two_campaigns_side_by_side_and_needs_two() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["compare", &corpus(TWEETS), &corpus(USERS), &corpus(RUSSIA)])).expect("JSON");
    let names: Vec<&str> =
        json["headlines"].as_array().expect("headlines").iter().filter_map(|h| h["name"].as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"thailand_092020") && names.contains(&"russian_linked"));
    let pairs = json["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 1);
    let hashtags = &pairs[0]["hashtags"];
    let (shared, a, b) = (hashtags["shared"].as_u64(), hashtags["only_a"].as_u64(), hashtags["only_b"].as_u64());
    assert!(shared.is_some() && a.is_some() && b.is_some(), "{hashtags}");
    assert!(fails(&["compare", &corpus(TWEETS)]).contains("two campaigns"));
    assert!(fails(&["compare", "--format", "csv", &corpus(TWEETS), &corpus(RUSSIA)]).contains("JSON"));
}
