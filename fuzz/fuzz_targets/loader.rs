//! Any bytes, as a CSV, a zip or a gzip file under every kind of name, must load
//! without a panic, in bounded memory, with every row accepted or rejected; every
//! question the page asks must be answered about what loaded; the same rows must
//! give the same figures whether plain, gzipped or zipped, whole or in parts; and
//! our CSV reader must find the same fields as the `csv` crate up to the first
//! record it reports broken.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use takedown::core::ingest::{Campaign, Input, Loader};
use takedown::core::query::{
    self, AccountColumn, AccountQuery, Period, Query, QueryCache, Range, Split, TimelineQuery, TweetQuery,
};
use takedown::core::records::Records;
use takedown::core::store::TweetKind;
use takedown::core::summary::{summarize, Summary};
use takedown::core::view::ViewState;
use takedown::core::zip::{self, Container};

/// Hands out at most `chunk` bytes per read, as the browser's slices would.
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

fn load(files: &[(&str, Vec<u8>)], chunk: usize, step: usize, budget: Option<usize>) -> Vec<Campaign> {
    let mut loader = Loader::new();
    loader.set_today(20_424);
    if let Some(bytes) = budget {
        loader.set_memory_budget(bytes);
    }
    for (name, bytes) in files {
        let reader = Box::new(Chunked { inner: Cursor::new(bytes.clone()), chunk });
        loader.add(Input { name: name.to_string(), size: bytes.len() as u64, reader });
    }
    while loader.step(step) {}
    for file in loader.progress() {
        assert!(file.done, "{file:?}");
    }
    loader.into_campaigns()
}

fn check_records(data: &[u8]) {
    let mut ours = Vec::new();
    let mut broken = false;
    let mut records = Records::new(data);
    while let Some(row) = records.read().expect("reading a slice cannot fail") {
        if row.broken().is_some() {
            broken = true;
            break;
        }
        ours.push(row.iter().map(<[u8]>::to_vec).collect::<Vec<_>>());
    }
    let theirs: Vec<Vec<Vec<u8>>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data)
        .byte_records()
        .map(|r| r.expect("csv reads any bytes").iter().map(<[u8]>::to_vec).collect())
        .collect();
    if broken {
        assert!(theirs.starts_with(&ours) && theirs.len() > ours.len());
    } else {
        assert_eq!(ours, theirs);
    }
}

/// Every question the page asks, about every campaign.
fn ask_everything(campaign: &Campaign, words: &str) {
    let s = summarize(campaign);
    assert_eq!(s.originals + s.retweets + s.replies + s.quotes, s.tweets);
    let range = Some(Range { from: 19_000_000, to: 27_000_000 });
    let account = s.top_mentioned.first().map(|(a, _)| a.clone());
    let mut queries = vec![
        Query::Summary { range: None },
        Query::Summary { range },
        Query::Account { id: words.to_string() },
        Query::Tweets(TweetQuery { text: words.to_string(), limit: 5, ..TweetQuery::default() }),
        Query::Tweets(TweetQuery {
            hashtag: Some(words.to_string()),
            language: Some(words.to_string()),
            kind: Some(TweetKind::Retweet),
            range,
            offset: 1,
            limit: 3,
            ..TweetQuery::default()
        }),
        Query::Tweets(TweetQuery { account: account.clone(), limit: usize::MAX, ..TweetQuery::default() }),
        Query::TweetsCsv(TweetQuery { text: words.to_string(), ..TweetQuery::default() }),
    ];
    for (sort, descending) in [(AccountColumn::Tweets, true), (AccountColumn::RetweetShare, false)] {
        let q = AccountQuery { filter: words.to_string(), sort, descending, offset: 0, limit: 10, range, without_tweets: false };
        queries.push(Query::Accounts(q.clone()));
        queries.push(Query::AccountsCsv(AccountQuery { range: None, ..q }));
    }
    for period in [Period::Day, Period::Week, Period::Month] {
        for split in [Split::Kind, Split::Language] {
            queries.push(Query::Timeline(TimelineQuery { period, split, account: account.clone() }));
        }
    }
    let mut cache = QueryCache::default();
    for q in &queries {
        query::answer(campaign, &mut cache, q);
    }
    for row in query::account_rows(campaign, None).iter().take(3) {
        query::answer(campaign, &mut cache, &Query::Account { id: row.id.clone() });
    }
    // A search read newest first a few rows at a time, as the worker reads
    // it, finds the page and the count of one read whole in storage order.
    let q = TweetQuery { text: words.to_string(), offset: 1, limit: 3, ..TweetQuery::default() };
    let newest = takedown::core::newest_first::NewestFirst::new(&campaign.store);
    let mut scan = takedown::core::scan::Scan::new(&campaign.store, &q, Some(&newest));
    while !scan.step(&campaign.store, Some(&newest), 3) {}
    let names = takedown::core::summary::RevealedNames::new(&campaign.store);
    assert_eq!(query::page_of(campaign, &q, &scan, &names), query::tweets(campaign, &q));
    // Each text, looked at as it is before folding, holds the words just
    // where its folding does.
    if !words.contains(['"', '“', '”']) {
        let mut needle = takedown::core::search::Needle::new(words);
        let terms: Vec<String> = words.split_whitespace().map(takedown::core::fold::fold).collect();
        for i in 0..campaign.store.len() {
            let text = campaign.store.text(i);
            let folded = takedown::core::fold::fold(&String::from_utf8_lossy(text));
            assert_eq!(needle.found_in(text), terms.iter().all(|t| folded.contains(t.as_str())), "{words:?} in {text:?}");
        }
    }
    // The days' figures, built two rows at a time, sum to what a pass over
    // the rows counts, over whole days and over every tweet.
    while cache.prepare(campaign, 2) {}
    let keys = takedown::core::summary::Keys::new(&campaign.store);
    let days = Range::from_days("2012-01-01", "2019-06-30");
    let open = days.map(|r| Range { to: u32::MAX, ..r });
    for range in [None, days, open, range] {
        let by_day = cache.summary(campaign, range);
        assert_eq!(by_day, takedown::core::summary::summarize_in(campaign, range, &keys));
    }
}

/// The figures that depend on the rows alone, not on file names or lines.
fn figures(s: &Summary) -> impl PartialEq + std::fmt::Debug {
    (s.tweets, s.accounts, s.retweets, s.top_hashtags.clone(), s.top_languages.clone(), s.tweets_per_day.clone())
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).expect("in memory");
    encoder.finish().expect("in memory")
}

fuzz_target!(|input: &[u8]| {
    // The first bytes steer the run: read size, step size, a small memory
    // budget, where to split; the rest is the file.
    let mut control = [0u8; 4];
    let n = input.len().min(4);
    control[..n].copy_from_slice(&input[..n]);
    let data = &input[n..];
    let chunk = 1 + usize::from(control[0]) * 97;
    let step = 1 + usize::from(control[1] % 32);
    let budget = (control[2] % 4 == 0).then(|| usize::from(control[2]) * 4096);
    let words = String::from_utf8_lossy(&data[..data.len().min(12)]).into_owned();

    check_records(data);
    ViewState::from_hash(&words);
    ViewState::from_hash(&String::from_utf8_lossy(data));

    let files = [("fuzz_tweets_csv_hashed.csv", data.to_vec()), ("fuzz_users_csv_hashed.zip", data.to_vec())];
    for campaign in load(&files, chunk, step, budget) {
        ask_everything(&campaign, &words);
    }

    // The same rows plain, gzipped and zipped give the same figures; and
    // whole, or split at a record into two parts of one campaign.
    if zip::sniff(&data[..data.len().min(4)]) != Container::Plain {
        return;
    }
    let plain = load(&[("same_tweets_csv_hashed.csv", data.to_vec())], chunk, step, None);
    let Some(expected) = plain.first().map(summarize) else { return };
    let packed = [
        ("same_tweets_csv_hashed.csv.gz", gzip(data)),
        ("same_tweets_csv_hashed.zip", takedown::synth::zip_one("same_tweets_csv_hashed.csv", data).expect("in memory")),
    ];
    for file in packed {
        let other = load(&[file], chunk, step, None);
        assert_eq!(figures(&summarize(&other[0])), figures(&expected));
    }
    // Split only where the loader reads the records as they are: none broken,
    // none with another number of fields than the header (it would read those
    // again from their second line).
    let mut records = Records::new(data);
    let mut starts = Vec::new();
    let mut fields = None;
    while let Ok(Some(row)) = records.read() {
        if row.broken().is_some() || *fields.get_or_insert(row.len()) != row.len() {
            return;
        }
        starts.push(records.byte() as usize);
    }
    if starts.len() < 3 {
        return;
    }
    let split = starts[1 + usize::from(control[3]) % (starts.len() - 1)];
    let header = &data[..starts[1]];
    let second = [header, &data[split..]].concat();
    let parts = [("same_tweets_csv_hashed_1.csv", data[..split].to_vec()), ("same_tweets_csv_hashed_2.csv", second.clone())];
    let together = load(&parts, chunk, step, None);
    assert_eq!(figures(&summarize(&together[0])), figures(&expected));
    let mut absorbed = load(&parts[..1], chunk, step, None);
    if let (Some(first), Some(later)) = (absorbed.first_mut(), load(&parts[1..], chunk, step, None).pop()) {
        first.absorb(later);
        assert_eq!(figures(&summarize(first)), figures(&expected));
    }
});
