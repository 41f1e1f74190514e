//! The export read back with the parquet crate's own reader: schema and
//! logical types, exact and inexact ids, list columns, time units, duplicates
//! across parts, accounts from users files, FiveThirtyEight's layout.

use super::*;
use ::parquet::basic::LogicalType;
use ::parquet::file::reader::{FileReader, SerializedFileReader};
use ::parquet::record::{Field, Row};

const HEADER: &str = "tweetid,userid,user_display_name,user_screen_name,tweet_time,is_retweet,retweet_tweetid,\
                      retweet_userid,in_reply_to_tweetid,tweet_text,hashtags,urls,user_mentions,like_count";

/// A fresh directory under the system's temporary one.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("takedown-export-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    dir
}

/// Exports `files` (name, content) and returns the output directory.
fn export_files(test: &str, files: &[(&str, String)], extra: &[&str]) -> PathBuf {
    let dir = scratch(test);
    let out = dir.join("out");
    let mut args: Vec<String> = vec!["--parquet".into(), out.display().to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    for (name, content) in files {
        std::fs::write(dir.join(name), content).expect("the input is written");
        args.push(dir.join(name).display().to_string());
    }
    run(&args).expect("the export succeeds");
    out
}

/// Every row of a campaign's partition of a table, part by part.
fn table(out: &Path, table: &str, campaign: &str) -> Vec<Row> {
    let parts = out.join(table).join(format!("campaign={campaign}"));
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&parts).expect("the partition exists").map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().flat_map(|p| read(p)).collect()
}

/// Exports `csv` (a tweets file of campaign `test_201901_1`) and reads back every tweet row.
fn export(test: &str, csv: &str, extra: &[&str]) -> (PathBuf, Vec<Row>) {
    let out = export_files(test, &[("test_201901_1_tweets_csv_hashed.csv", format!("{HEADER}\n{csv}"))], extra);
    let rows = table(&out, "tweets", "test_201901_1");
    (out, rows)
}

fn read(path: &Path) -> Vec<Row> {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader.get_row_iter(None).unwrap().map(|r| r.unwrap()).collect()
}

fn get<'r>(row: &'r Row, name: &str) -> &'r Field {
    row.get_column_iter().find(|(n, _)| n.as_str() == name).map(|(_, f)| f).unwrap_or_else(|| panic!("no {name}"))
}

fn strings(field: &Field) -> Vec<String> {
    match field {
        Field::ListInternal(list) => {
            list.elements().iter().map(|f| f.to_string().trim_matches('"').to_string()).collect()
        }
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn schema_has_the_columns_and_types() {
    let (out, _) = export("schema", "1,u1,u1,u1,2019-06-13 08:15,false,,,,hello,[],[],[],3\n", &[]);
    let path = out.join("tweets/campaign=test_201901_1/part-0.parquet");
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let names: Vec<&str> = schema.root_schema().get_fields().iter().map(|f| f.name()).collect();
    assert_eq!(names, tweets::COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>());
    let time = schema.root_schema().get_fields()[tweets::TIME_COLUMN].get_basic_info().logical_type_ref();
    let Some(LogicalType::Timestamp { is_adjusted_to_u_t_c: true, unit }) = time else { panic!("{time:?}") };
    assert!(format!("{unit:?}").starts_with("MICROS"), "{unit:?}");
}

#[test]
fn ids_stay_exact_and_times_are_microseconds() {
    let csv = "1198473762313818113,u1,u1,u1,2019-06-13 08:15,true,1.198473762313818e+18,u2,,RT,[],[],[],\n\
               18446744073709551615,u1,u1,u1,2019-06-13 08:16,false,,,1198473762313818114,@u2 hi,[],[],[],\n";
    let (_, rows) = export("ids", csv, &[]);
    assert_eq!(rows.len(), 2);
    assert_eq!(get(&rows[0], "tweetid"), &Field::Long(1198473762313818113));
    assert_eq!(get(&rows[0], "tweetid_text"), &Field::Null);
    assert_eq!(get(&rows[0], "retweet_tweetid"), &Field::Null);
    assert_eq!(get(&rows[0], "retweet_tweetid_text"), &Field::Str("1.198473762313818e+18".into()));
    assert_eq!(get(&rows[0], "tweet_time"), &Field::TimestampMicros(1_560_413_700_000_000));
    // The file has the column, so an empty count is 0, as the page counts it.
    assert_eq!(get(&rows[0], "like_count"), &Field::Long(0));
    assert_eq!(get(&rows[1], "tweetid"), &Field::Null);
    assert_eq!(get(&rows[1], "tweetid_text"), &Field::Str("18446744073709551615".into()));
    assert_eq!(get(&rows[1], "in_reply_to_tweetid"), &Field::Long(1198473762313818114));
    assert_eq!(get(&rows[1], "kind"), &Field::Str("reply".into()));
    assert_eq!(get(&rows[1], "tweet_text_normalised"), &Field::Str("hi".into()));
}

#[test]
fn lists_keep_their_items_and_empty_lists() {
    let csv = "1,u1,u1,u1,2019-06-13 08:15,false,,,,a,\"['สวัสดี', 'b']\",['http://x.example/1'],\"[u2, u3]\",1\n\
               2,u1,u1,u1,2019-06-13 08:15,false,,,,b,[],,[],1\n";
    let (_, rows) = export("lists", csv, &[]);
    assert_eq!(strings(get(&rows[0], "hashtags")), ["สวัสดี", "b"]);
    assert_eq!(strings(get(&rows[0], "urls")), ["http://x.example/1"]);
    assert_eq!(strings(get(&rows[0], "user_mentions")), ["u2", "u3"]);
    assert!(strings(get(&rows[1], "hashtags")).is_empty());
    assert!(strings(get(&rows[1], "urls")).is_empty());
}

#[test]
fn parts_are_sorted_by_time_and_duplicates_across_parts_go() {
    let csv = "3,u1,u1,u1,2019-06-13 08:17,false,,,,c,[],[],[],\n\
               1,u1,u1,u1,2019-06-13 08:15,false,,,,a,[],[],[],\n\
               2,u2,u2,u2,2019-06-13 08:10,false,,,,b,[],[],[],\n\
               1,u1,u1,u1,2019-06-13 08:15,false,,,,a,[],[],[],\n\
               4,u2,u2,u2,2019-06-13 08:01,false,,,,d,[],[],[],\n";
    // Parts of two rows or just over (the loader's steps also count opening a
    // file): [3, 1, 2], then [1 again, 4], each sorted by time.
    let (out, rows) = export("dupes", csv, &["--part-rows", "2"]);
    let ids: Vec<&Field> = rows.iter().map(|r| get(r, "tweetid")).collect();
    assert_eq!(ids, [&Field::Long(2), &Field::Long(1), &Field::Long(3), &Field::Long(4)]);
    let accounts = read(&out.join("accounts/campaign=test_201901_1/part-0.parquet"));
    assert_eq!(accounts.len(), 2);
    assert!(matches!(get(&accounts[0], "hashed"), Field::Bool(true)));
}

#[test]
fn a_users_file_profile_wins_over_the_tweets_one() {
    let tweets = format!("{HEADER}\n1,u1,from tweets,u1,2019-06-13 08:15,false,,,,a,[],[],[],\n");
    let users = "userid,user_display_name,user_screen_name,follower_count,account_creation_date\n\
                 u1,from users,u1,7,2012-03-04\nu9,only users,u9,1,\n";
    let files =
        [("test_201901_1_tweets_csv_hashed.csv", tweets), ("test_201901_1_users_csv_hashed.csv", users.to_string())];
    let out = export_files("users", &files, &["--part-rows", "1"]);
    let accounts = table(&out, "accounts", "test_201901_1");
    assert_eq!(accounts.len(), 2);
    assert_eq!(get(&accounts[0], "user_display_name"), &Field::Str("from users".into()));
    assert_eq!(get(&accounts[0], "follower_count"), &Field::Long(7));
    assert_eq!(get(&accounts[0], "account_creation_date"), &Field::Date(15_403));
    assert_eq!(get(&accounts[0], "profile_source"), &Field::Str("users_file".into()));
    assert_eq!(get(&accounts[1], "account_creation_date"), &Field::Null);
}

#[test]
fn fivethirtyeight_rows_take_the_same_schema() {
    let csv = "external_author_id,author,content,language,publish_date,following,followers,retweet,tweet_id\n\
               9.06E+17,10_GOP,Hello #MAGA https://t.co/x,English,10/1/2017 19:58,1,2,0,914580356430536707\n\
               9.06E+17,10_GOP,RT hi,English,10/1/2017 19:59,1,2,1,9.14622E+17\n";
    let out = export_files("538", &[("IRAhandle_tweets_1.csv", csv.to_string())], &[]);
    let rows = table(&out, "tweets", "IRAhandle");
    assert_eq!(get(&rows[0], "tweetid"), &Field::Long(914580356430536707));
    assert_eq!(get(&rows[0], "userid"), &Field::Str("10_GOP".into()));
    assert_eq!(get(&rows[0], "tweet_language"), &Field::Str("en".into()));
    assert_eq!(strings(get(&rows[0], "hashtags")), ["MAGA"]);
    assert_eq!(get(&rows[0], "like_count"), &Field::Null);
    assert_eq!(get(&rows[1], "tweetid_text"), &Field::Str("9.14622E+17".into()));
    assert_eq!(get(&rows[1], "kind"), &Field::Str("retweet".into()));
    let accounts = table(&out, "accounts", "IRAhandle");
    assert!(matches!(get(&accounts[0], "hashed"), Field::Bool(false)));
}

#[test]
fn an_output_that_holds_a_table_is_refused() {
    let dir = scratch("refused");
    std::fs::create_dir_all(dir.join("tweets")).unwrap();
    let error = Export::new(dir.clone(), 1, Layout { codec: Codec::Snappy, row_group_rows: 1, sorted_by: None });
    assert!(matches!(error, Err(ExportError::NotEmpty(_))));
}

#[test]
fn campaign_names_are_escaped_for_hive() {
    assert_eq!(hive_escape("iran_201906_1"), "iran_201906_1");
    assert_eq!(hive_escape("my file=2/x"), "my%20file%3D2%2Fx");
}

#[test]
fn the_readme_carries_the_schema() {
    let readme = include_str!("../../../../README.md");
    for line in schema_tables().lines().filter(|l| l.starts_with("| `")) {
        assert!(readme.contains(line), "README.md lacks the schema line {line}; `takedown export --schema` prints it");
    }
}
