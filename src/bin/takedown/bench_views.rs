//! `takedown bench-views`: each question the page asks of a loaded campaign,
//! timed natively through the same `query::answer` the worker calls, so that
//! a view's cost can be found and changed without a browser in the way.

use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::load;
use crate::USAGE;
use std::path::PathBuf;
use std::time::Instant;
use takedown::core::campaign::Campaign;
use takedown::core::newest_first::NewestFirst;
use takedown::core::query::{
    answer, AccountColumn, AccountQuery, Answer, Period, Query, QueryCache, Split, TimelineQuery,
};
use takedown::core::scan::Scan;
use takedown::core::search::TweetQuery;
use takedown::core::time::Range;

/// The words of the search timed: in nearly half the generated tweets. The
/// others: "news", in a word or a hashtag of two in five; "freedomnow", in a
/// tenth, only as the hashtag FreedomNow, which no text writes in one case.
const SEARCHED: &str = "правда";

/// How often each question is asked; the best time counts, as the machine's
/// other work only ever adds time.
const RUNS: usize = 3;

pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse("bench-views", args, &["--memory-budget", "--only"], &[])?;
    let paths: Vec<PathBuf> = options.operands.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let campaigns = load(&paths, memory_budget(options.value("--memory-budget"))?)?;
    let year = |y: u32| Range::from_days(&format!("{y}-01-01"), &format!("{y}-12-31")).expect("a valid year");
    let accounts = |range| AccountQuery {
        filter: String::new(),
        sort: AccountColumn::Tweets,
        descending: true,
        offset: 0,
        limit: 50,
        range,
        without_tweets: false,
    };
    // The account with the most tweets, as the table's first row names it.
    let busiest = |campaign: &Campaign| -> String {
        match answer(campaign, &mut QueryCache::default(), &Query::Accounts(accounts(None))) {
            Answer::Accounts(page) => page.rows.first().map(|r| r.id.clone()).unwrap_or_default(),
            _ => String::new(),
        }
    };
    let search = |text: &str| Query::Tweets(TweetQuery { text: text.into(), limit: 50, ..Default::default() });
    let questions = |account: String| -> Vec<(&str, Query)> {
        vec![
            ("overview, all tweets", Query::Summary { range: None }),
            ("overview, 2017", Query::Summary { range: Some(year(2017)) }),
            ("overview, 2016", Query::Summary { range: Some(year(2016)) }),
            ("overview, all tweets again", Query::Summary { range: None }),
            ("account table, all tweets", Query::Accounts(accounts(None))),
            ("account table, 2017", Query::Accounts(accounts(Some(year(2017))))),
            (
                "account table, by followers",
                Query::Accounts(AccountQuery { sort: AccountColumn::Followers, descending: true, ..accounts(None) }),
            ),
            (
                "account table, screen names",
                Query::Accounts(AccountQuery { sort: AccountColumn::ScreenName, ..accounts(None) }),
            ),
            ("account table, filter", Query::Accounts(AccountQuery { filter: "zz".into(), ..accounts(None) })),
            ("tweet search, all text", search(SEARCHED)),
            ("tweet search, English", search("news")),
            ("tweet search, mixed case", search("freedomnow")),
            ("account page", Query::Account { id: account.clone() }),
            (
                "account timeline",
                Query::Timeline(TimelineQuery {
                    period: Period::Month,
                    split: Split::Kind,
                    account: Some(account.clone()),
                }),
            ),
            ("account's tweets", Query::Tweets(TweetQuery { account: Some(account), limit: 50, ..Default::default() })),
            ("report", Query::Report),
        ]
    };
    let only = options.value("--only").unwrap_or_default();
    for campaign in &campaigns {
        println!("{}: {} tweets", campaign.name, campaign.store.len());
        let questions: Vec<_> =
            questions(busiest(campaign)).into_iter().filter(|(name, _)| name.contains(only)).collect();
        // One cache for the campaign, as the worker keeps one; each question
        // is asked first with the cache as the previous question left it.
        let mut cache = QueryCache::default();
        for (name, query) in &questions {
            let (times, found) = timed(|| size(&answer(campaign, &mut cache, query)));
            println!("  {name:<28} {times} ms  ({found} found)");
            if *name == "overview, all tweets" {
                // As the worker does once the overview is out.
                let started = Instant::now();
                while cache.prepare(campaign, 1 << 16) {}
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                let mb = cache.day_figures_bytes().unwrap_or(0) as f64 / 1e6;
                println!(
                    "  {:<28} {ms:.1} ms  ({mb:.1} MB, the accounts' tweets, newest first)",
                    "days' figures, built"
                );
            }
        }
        if "tweet search, first page".contains(only) {
            first_page(campaign);
        }
    }
    Ok(())
}

/// The search above as the worker reads it: newest first, until its first
/// page is known (the count goes on after it), and the order built once for it.
fn first_page(campaign: &Campaign) {
    let started = Instant::now();
    let newest = &NewestFirst::new(&campaign.store);
    println!("  {:<28} {:.1} ms", "newest-first order, built", started.elapsed().as_secs_f64() * 1000.0);
    let q = TweetQuery { text: SEARCHED.into(), limit: 50, ..Default::default() };
    let (times, found) = timed(|| {
        let mut scan = Scan::new(&campaign.store, &q, Some(newest));
        while !scan.page_known(&campaign.store) {
            scan.step(&campaign.store, Some(newest), 4096);
        }
        scan.total() as u64
    });
    println!("  {:<28} {times} ms  ({found} found by then)", "tweet search, first page");
}

/// Runs `ask` [`RUNS`] times: each run's milliseconds, shown, and what the last found.
fn timed(mut ask: impl FnMut() -> u64) -> (String, u64) {
    let mut times = Vec::with_capacity(RUNS);
    let mut found = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        found = ask();
        times.push(format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0));
    }
    (times.join(", "), found)
}

/// How much an answer holds: tweets, rows or accounts found, an account's tweets.
fn size(answer: &Answer) -> u64 {
    match answer {
        Answer::Summary(s) => s.tweets,
        Answer::Accounts(page) => page.total as u64,
        Answer::Tweets(page) => page.total as u64,
        Answer::Account(detail) => detail.row.tweets,
        Answer::Timeline(timeline) => timeline.series.iter().flat_map(|(_, counts)| counts).sum(),
        Answer::Report(report) => report.headline.tweets,
        _ => 0,
    }
}
