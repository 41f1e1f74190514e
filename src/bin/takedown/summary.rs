//! `takedown summary`: every campaign's headline figures, as text or JSON.

use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::load;
use crate::USAGE;
use std::io::Write;
use std::path::PathBuf;
use takedown::core::error::group_digits;
use takedown::core::summary::{summarize, Ranking, Summary};

pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse("summary", args, &["--memory-budget"], &["--json"])?;
    let json = options.switch("--json");
    let paths: Vec<PathBuf> = options.operands.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let campaigns = load(&paths, memory_budget(options.value("--memory-budget"))?)?;
    let summaries: Vec<Summary> = campaigns.iter().map(summarize).collect();
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "campaigns": summaries }))
            .map_err(|e| e.to_string())
            .and_then(|()| writeln!(out).map_err(|e| e.to_string()))
    } else {
        summaries.iter().try_for_each(|s| print_summary(&mut out, s)).map_err(|e| e.to_string())
    };
    written.map_err(|e| format!("could not write the summary: {e}"))
}

fn print_summary(out: &mut impl Write, s: &Summary) -> std::io::Result<()> {
    let n = |v: u64| group_digits(v);
    writeln!(out, "{}", s.name)?;
    writeln!(
        out,
        "  accounts      {} ({} hashed, {} with tweets)",
        n(s.accounts),
        n(s.hashed_accounts),
        n(s.accounts_with_tweets)
    )?;
    writeln!(
        out,
        "  tweets        {} ({} retweets, {} replies, {} quotes)",
        n(s.tweets),
        n(s.retweets),
        n(s.replies),
        n(s.quotes)
    )?;
    writeln!(
        out,
        "  first, last   {} – {}",
        s.first_tweet.as_deref().unwrap_or("-"),
        s.last_tweet.as_deref().unwrap_or("-")
    )?;
    writeln!(out, "  rejected rows {}", n(s.rejected_rows))?;
    for r in &s.rejections {
        writeln!(out, "    {r}")?;
    }
    if s.duplicate_tweets > 0 {
        writeln!(out, "  duplicates    {} rows repeated a tweet id and were counted once", n(s.duplicate_tweets))?;
    }
    let list = |ranking: &Ranking| {
        ranking.iter().take(5).map(|(k, v)| format!("{k} {}", n(*v))).collect::<Vec<_>>().join(", ")
    };
    writeln!(out, "  hashtags      {}", list(&s.top_hashtags))?;
    writeln!(out, "  languages     {}", list(&s.top_languages))?;
    writeln!(out, "  clients       {}", list(&s.top_clients))?;
    writeln!(out, "  domains       {}", list(&s.top_domains))?;
    writeln!(out)
}
