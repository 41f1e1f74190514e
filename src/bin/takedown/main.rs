//! The native command line on the same `core` as the app: summaries, the page's
//! questions (tweets, accounts, an account, timelines) as CSV or JSON, synthetic
//! files and the ingest benchmark.

mod args;
mod bench;
mod bench_layout;
mod bench_views;
mod budget;
mod coordination;
mod export;
mod files;
mod lesson;
mod output;
mod queries;
mod report;
mod sql;
mod summary;
mod tables;

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = r#"usage:
  takedown summary [--json] FILE...       every campaign's figures (CSV, zip or csv.gz files)
  takedown tweets [FILTER...] [--sort ORDER] FILE...   every matching tweet; the filters:
      --search TEXT (every word, or "a phrase", in any case)  --account USERID
      --mentions USERID  --hashtag TAG  --language CODE
      --kind original|retweet|reply|quote  --from YYYY-MM-DD [--to YYYY-MM-DD];
      ORDER is newest (the default), oldest, likes or retweets (tweets without counts last)
  takedown accounts [--filter TEXT] [--sort COLUMN [--desc]] [--from DAY [--to DAY]] FILE...
      every account with its figures over the days; COLUMN is display_name, screen_name,
      followers, following, created, first_tweet, last_tweet, tweets, retweet_share,
      language or client, ascending unless --desc; without --sort, most tweets first
  takedown account USERID FILE...         one account's page: profile, tweets per month,
                                          weekday and hour, hashtags
  takedown timeline [--period day|week|month] [--split kind|language] [--account USERID] FILE...
                                          tweets per period (default: month, split by kind)
  takedown coordination [--kind KIND[,KIND...]] [--window SECONDS] [--min-weight N]
      [--percentile P] [--similarity S] [--from DAY [--to DAY]] [--max-group N]
      [--pool] [--undirected | --evidence | --communities] [--format csv|json|gexf|graphml] FILE...
                                          co-action networks: accounts that retweeted the same
      tweet (co_retweet, the default), posted the same text (co_tweet), shared a URL
      (co_link), replied to the same tweet (co_reply), used a hashtag (co_hashtag),
      mentioned an account (co_mention), posted nearly the same text (co_similar: word
      sets with a Jaccard index of --similarity S, default 0.8, or more, found with
      MinHash bands and checked exactly), or posted at all (co_post), within SECONDS
      (default 60: times are to the minute, so the same or the next minute) of each
      other. Weight from A to B: A's tweets for which B has one with the same key in
      the window. A pair is an edge when either direction reaches N (default 2) and,
      with --percentile P, the P-th percentile of all co-acting pairs' weights.
      --communities: Louvain communities with their accounts, tweets, share of
      coordinated tweets, top hashtags, domains and retweeted accounts; gexf (1.3)
      and graphml: the undirected edges with their attributes, nodes with their
      component and community.
      --pool: one network over every campaign's tweets, an account being one across
      campaigns by its user id, so that accounts of one campaign acting with those of
      another show; the CSV then names each account's campaigns (those it tweeted in).
      Keys with more than --max-group events in one window (default 1000) are left out
      and named on stderr; 0 keeps every key.
  takedown report [--format csv|json] FILE...   each campaign's takedown report: headline
      figures; accounts made per day, ISO week and month, and batches: runs of consecutive
      days (weeks) each with at least max(10, ceil(10 × the median of the days (weeks) with
      any creation)) accounts made, the threshold shown; the time from creation (the day,
      00:00 UTC) to the first tweet in bins; followers and following in decades (0, 1–9,
      10–99, …); likes, retweets, replies and quotes per tweet (mean, median, max, share
      of zeros); profile signals (empty bio, display name equal to the handle ignoring
      case, spaces and underscores, account language unlike its tweets' main language,
      hashed handle) with the accounts behind them; hashtag bursts: weeks with at least
      10 tweets carrying the tag and 5 times the median of its earlier weeks (zeros in)
  takedown compare [--format json] FILE...  two campaigns or more compared, as JSON: the
      headlines side by side and, for every pair, the hashtags, domains, retweeted and
      mentioned accounts in both (counts of tweets in each, Jaccard index, shared,
      only-a, only-b), the accounts in both (same user id), and cross links: accounts of
      one retweeting, replying to or mentioning accounts of the other (by user id, or by
      @name against screen names), with the tweets behind each (their number, and the
      first 100 ids; the 1 000 links with most tweets each way are listed, all counted)
  takedown export --parquet OUTDIR [--compression snappy|zstd] [--part-rows N] FILE...
                                          every file as Hive-partitioned Parquet for DuckDB and
      Spark: OUTDIR/tweets/campaign=NAME/part-N.parquet (each part sorted by time, N rows at
      most, default 1000000) and OUTDIR/accounts/campaign=NAME/part-0.parquet, one schema
      for every generation (--schema prints its columns); duplicates across parts dropped
  takedown sql KIND [--window SECONDS] [--min-weight N] [--dialect duckdb|spark] [--pool]
                                          the SQL of a co-action network (co_retweet, co_tweet,
      co_link, co_reply, co_mention, co_post) over a view `tweets` of the export, giving
      campaign,source,target,weight as coordination --max-group 0 does; --pool: one
      network over every campaign, as coordination --pool, its campaign column 'pooled'
      (defaults: 60 s, weight 2, duckdb)
  takedown generate ROWS ACCOUNTS OUT [--groups N] [--group-size G]
                                          a synthetic tweets file in the 2019 layout, with N
      groups of G accounts (default ACCOUNTS/50 of 8) that retweet one tweet or post one
      text within a minute, one row in 200 starting such a burst
  takedown bench FILE...                  bare csv row count against full ingest, with memory
  takedown bench-coordination [--windows S,S...] [--kinds KIND,...] [--whole] FILE...
                                          every network kind's time and peak memory; --whole:
                                          reading the files and the kinds' networks, timed together
  takedown bench-layout [NODES EDGES]     the force layout's ms per iteration and time to settle
  takedown bench-views [--only TEXT] FILE...
                                          each view's question to a loaded campaign, timed
  takedown samples DIR                    writes the synthetic sample releases (static/samples)
  takedown lesson                         the guided lesson as JSON: its sample, the sample's
      files, and each step's title, sentence, tab and evidence

Every command that reads FILEs takes --memory-budget SIZE: bytes, or a number with KB, MB,
GB, KiB, MiB or GiB (default: half of this machine's memory, 4 GiB where that is unknown).
A load that would hold more stops with a message on each file left, keeping the rows read.

tweets, accounts, account, timeline, coordination and report also take:
  --campaign NAME      only this campaign (a name as `takedown summary` prints it)
  --format csv|json    CSV (the default) or JSON
and the dates of tweets and accounts, --from DAY --to DAY, include both days; --from
alone runs to the last tweet. With dates, accounts lists the accounts that tweeted
between them, with their figures there, as the page's account table does.

CSV has a header line, and the campaign is the first column:
  tweets    campaign,tweetid,userid,user_screen_name,tweet_time,kind,tweet_language,
            tweet_client_name,reference,hashtags,urls,user_mentions,like_count,
            retweet_count,reply_count,quote_count,tweet_text
            (ids exactly as in the files; hashtags, urls and user_mentions (user ids)
            separated by spaces; reference: the retweeted, replied-to or quoted tweet)
  accounts  campaign,userid,user_display_name,user_screen_name,hashed,follower_count,
            following_count,account_creation_date,first_tweet,last_tweet,tweets,retweets,
            retweet_share,main_language,main_client
  account   campaign,section,key,value, one line per figure: section "profile" (key a
            field such as user_screen_name), "month" (key YYYY-MM, value its tweets, every
            month from the first tweet to the last), "hour" (key like "Mon 13:00", UTC,
            all 168), "hashtag" (the 20 most used, value the tweets using it)
  coordination  campaign,kind,source,target,weight (directed weights, user ids as in the
            files); --undirected: campaign,kind,source,target,weight_source_target,
            weight_target_source,tweet_pairs,mean_dt,min_dt,symmetry (seconds; symmetry is
            the smaller weight over the larger); --evidence: campaign,kind,source,target,
            source_tweet,target_tweet,dt,key, every pair of tweets behind each edge and what
            they share (the tweet id, text, URL, tag or account); with
            --pool, campaign is every campaign joined by "+", and source_campaigns and
            target_campaigns follow target
  report    campaign,section,key,value,ids: one figure per line, sections headline,
            created_day|week|month, created_without_date, batch_rule_day|week, batch_day|week
            (key FIRST..LAST, value accounts, ids their user ids), first_tweet_lag,
            followers, following, engagement, signal (ids the accounts), signal_judged,
            burst_rule, burst and burst_baseline (key "WEEK #tag")
  timeline  campaign,period,series,tweets: every period from the first tweet to the last
            (YYYY-MM for months, the day, or a week's Monday, as YYYY-MM-DD) times every
            series with any tweet (kinds, or the 5 main languages and "other"), zeros included
JSON is one line: {"campaigns":[{"name":NAME, ...that campaign's answer}]}."#;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") || args.first().is_some_and(|a| a == "help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = match args.first().map(String::as_str) {
        Some("summary") => summary::run(&args[1..]),
        Some("tweets") => queries::tweets(&args[1..]),
        Some("accounts") => queries::accounts(&args[1..]),
        Some("account") => queries::account(&args[1..]),
        Some("timeline") => queries::timeline(&args[1..]),
        Some("coordination") => coordination::run(&args[1..]),
        Some("report") => report::run_report(&args[1..]),
        Some("compare") => report::run_compare(&args[1..]),
        Some("export") => export::run(&args[1..]),
        Some("sql") => sql::run(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("bench-coordination") => bench::run_coordination(&args[1..]),
        Some("bench-layout") => bench_layout::run(&args[1..]),
        Some("bench-views") => bench_views::run(&args[1..]),
        Some("samples") => samples(&args[1..]),
        Some("lesson") => lesson::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: &[String]) -> Result<(), String> {
    let options = args::Options::parse("generate", args, &["--groups", "--group-size"], &[])?;
    let [rows, accounts, out] = &options.operands[..] else { return Err(USAGE.into()) };
    let rows: usize = rows.parse().map_err(|_| format!("ROWS must be a number, not {rows}"))?;
    let accounts: usize = accounts
        .parse()
        .ok()
        .filter(|&a| a > 0)
        .ok_or(format!("ACCOUNTS must be a positive number, not {accounts}"))?;
    let mut spec = takedown::synth::Spec::benchmark(rows, accounts, 2019);
    let count = |flag: &str, default: usize| match options.value(flag) {
        None => Ok(default),
        Some(text) => text.parse::<usize>().map_err(|_| format!("{flag} {text} is not a whole number")),
    };
    spec.planted_groups = count("--groups", spec.planted_groups)?;
    spec.group_size = count("--group-size", spec.group_size)?;
    if spec.planted_groups > 0 && spec.group_size < 2 {
        return Err("--group-size must be at least 2: a group of one coordinates with nobody".into());
    }
    let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = BufWriter::new(file);
    takedown::synth::write_tweets(&mut writer, &spec).and_then(|()| writer.flush()).map_err(|e| format!("{out}: {e}"))
}

fn samples(args: &[String]) -> Result<(), String> {
    let [dir] = args else { return Err(USAGE.into()) };
    std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
    for sample in takedown::synth::samples() {
        for (name, bytes) in sample.files().map_err(|e| e.to_string())? {
            let path = Path::new(dir).join(&name);
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
