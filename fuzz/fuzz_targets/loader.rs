//! Any bytes, as a CSV, a zip or a gzip file under every kind of name, must load
//! without a panic, and every row must be either accepted or rejected; and our
//! CSV reader must find the same fields as the `csv` crate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use takedown::core::ingest::{memory_input, Loader};
use takedown::core::records::Records;
use takedown::core::summary::summarize;

fuzz_target!(|data: &[u8]| {
    let mut ours = Vec::new();
    let mut records = Records::new(data);
    while let Some(row) = records.read().expect("reading a slice cannot fail") {
        ours.push(row.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
    }
    let theirs: Vec<Vec<Vec<u8>>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data)
        .byte_records()
        .map(|r| r.expect("csv reads any bytes").iter().map(<[u8]>::to_vec).collect())
        .collect();
    assert_eq!(ours, theirs);

    let mut loader = Loader::new();
    loader.add(memory_input("fuzz_tweets_csv_hashed.csv", data.to_vec()));
    loader.add(memory_input("fuzz_users_csv_hashed.zip", data.to_vec()));
    // Odd step sizes, as the worker's time slices cut the work anywhere.
    while loader.step(7) {}
    for file in loader.progress() {
        assert!(file.done);
    }
    for campaign in loader.into_campaigns() {
        let summary = summarize(&campaign);
        assert_eq!(summary.originals + summary.retweets + summary.replies + summary.quotes, summary.tweets);
    }
});
