//! `takedown bench-views`: each question the page asks of a loaded campaign,
//! timed natively through the same `query::answer` the worker calls, so that
//! a view's cost can be found and changed without a browser in the way.

use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::load;
use crate::USAGE;
use std::path::PathBuf;
use std::time::Instant;
use takedown::core::query::{answer, AccountColumn, AccountQuery, Answer, Query, QueryCache};
use takedown::core::search::TweetQuery;
use takedown::core::time::Range;

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
    let questions: Vec<(&str, Query)> = vec![
        ("overview, all tweets", Query::Summary { range: None }),
        ("overview, 2017", Query::Summary { range: Some(year(2017)) }),
        ("overview, 2016", Query::Summary { range: Some(year(2016)) }),
        ("account table, all tweets", Query::Accounts(accounts(None))),
        ("account table, 2017", Query::Accounts(accounts(Some(year(2017))))),
        (
            "account table, by followers",
            Query::Accounts(AccountQuery { sort: AccountColumn::Followers, descending: true, ..accounts(None) }),
        ),
        ("account table, filter", Query::Accounts(AccountQuery { filter: "zz".into(), ..accounts(None) })),
        (
            "tweet search, all text",
            Query::Tweets(TweetQuery { text: "правда".into(), limit: 50, ..Default::default() }),
        ),
    ];
    let only = options.value("--only").unwrap_or_default();
    let questions: Vec<_> = questions.into_iter().filter(|(name, _)| name.contains(only)).collect();
    for campaign in &campaigns {
        println!("{}: {} tweets", campaign.name, campaign.store.len());
        // One cache for the campaign, as the worker keeps one; each question
        // is asked first with the cache as the previous question left it.
        let mut cache = QueryCache::default();
        for (name, query) in &questions {
            let mut times = Vec::with_capacity(RUNS);
            let mut found = 0;
            for _ in 0..RUNS {
                let started = Instant::now();
                found = size(&answer(campaign, &mut cache, query));
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            let shown: Vec<String> = times.iter().map(|t| format!("{t:.1}")).collect();
            println!("  {name:<28} {} ms  ({found} found)", shown.join(", "));
        }
    }
    Ok(())
}

/// How much an answer holds: tweets, rows or accounts found.
fn size(answer: &Answer) -> u64 {
    match answer {
        Answer::Summary(s) => s.tweets,
        Answer::Accounts(page) => page.total as u64,
        Answer::Tweets(page) => page.total as u64,
        _ => 0,
    }
}
