//! The page's questions as commands — tweets, accounts, account, timeline —
//! answered by `core::query` over every loaded campaign, or the one `--campaign` names.
//! Every option is checked before the files are read: a load can take minutes.

use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::load;
use crate::output::{self, Format};
use crate::tables;
use std::path::PathBuf;
use takedown::core::error::group_digits;
use takedown::core::ingest::Campaign;
use takedown::core::query::{
    self, AccountColumn, AccountQuery, Period, Range, Split, TimelineQuery, TweetQuery, TweetSort,
};
use takedown::core::store::TweetKind;

/// The options of every question: which campaign, which format, how much memory.
const COMMON: [&str; 3] = ["--campaign", "--format", "--memory-budget"];

pub fn parse(
    command: &str,
    args: &[String],
    own: &[&'static str],
    switches: &[&'static str],
) -> Result<Options, String> {
    Options::parse(command, args, &[&COMMON[..], own].concat(), switches)
}

/// The files, loaded, narrowed to `--campaign`; and the output format.
fn load_campaigns(command: &str, options: &Options, files: &[String]) -> Result<(Vec<Campaign>, Format), String> {
    load_campaigns_as(command, options, files, Format::parse)
}

/// As `load_campaigns`, with the command's own choice of formats.
pub fn load_campaigns_as<F>(
    command: &str,
    options: &Options,
    files: &[String],
    formats: impl Fn(Option<&str>) -> Result<F, String>,
) -> Result<(Vec<Campaign>, F), String> {
    let format = formats(options.value("--format"))?;
    let budget = memory_budget(options.value("--memory-budget"))?;
    if files.is_empty() {
        return Err(format!("takedown {command} needs at least one FILE to read (see takedown --help)"));
    }
    let campaigns = load(&files.iter().map(PathBuf::from).collect::<Vec<_>>(), budget)?;
    // An export that silently lacks rows would mislead; `summary` lists the reasons.
    for c in campaigns.iter().filter(|c| c.rejected_rows > 0) {
        let first = c.rejections.first().map(|r| format!(", the first: {r}")).unwrap_or_default();
        let rows = if c.rejected_rows == 1 { "row could not be read and is" } else { "rows could not be read and are" };
        eprintln!("{}: {} {rows} left out{first}", c.name, group_digits(c.rejected_rows));
    }
    Ok((select(campaigns, options.value("--campaign"))?, format))
}

fn select(campaigns: Vec<Campaign>, name: Option<&str>) -> Result<Vec<Campaign>, String> {
    let Some(name) = name else { return Ok(campaigns) };
    if !campaigns.iter().any(|c| c.name == name) {
        return Err(format!("--campaign {name} is not loaded; the files hold {}", names(&campaigns)));
    }
    Ok(campaigns.into_iter().filter(|c| c.name == name).collect())
}

fn names(campaigns: &[Campaign]) -> String {
    campaigns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// `--from DAY --to DAY`, both days included; `--from` alone runs to the end.
pub fn range(options: &Options) -> Result<Option<Range>, String> {
    let day = |flag: &str, text: &str| {
        Some(text)
            .filter(|t| t.len() == 10)
            .and_then(|t| Range::from_days(t, t))
            .ok_or(format!("{flag} {text} is not a date like 2020-06-13 (year, month and day)"))
    };
    match (options.value("--from"), options.value("--to")) {
        (None, None) => Ok(None),
        (None, Some(to)) => Err(format!("--to {to} needs a --from: give the first day too, as in --from 2020-01-01")),
        (Some(from), None) => Ok(Some(Range { to: u32::MAX, ..day("--from", from)? })),
        (Some(from), Some(to)) => {
            day("--from", from)?;
            day("--to", to)?;
            Ok(Range::from_days(from, to))
        }
    }
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_string)
}

/// One of a fixed set of words, or a sentence naming them all.
fn choose<T: Copy>(flag: &str, value: &str, choices: &[(&str, T)]) -> Result<T, String> {
    choices.iter().find(|(name, _)| *name == value).map(|&(_, v)| v).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        format!("{flag} {value} is not one of {}", names.join(", "))
    })
}

fn kind(value: &str) -> Result<TweetKind, String> {
    // The kinds' own names, so that --kind takes what the output prints.
    TweetKind::ALL.into_iter().find(|k| k.name() == value).ok_or_else(|| {
        let names: Vec<&str> = TweetKind::ALL.iter().map(|k| k.name()).collect();
        format!("--kind {value} is not one of {}", names.join(", "))
    })
}

pub fn tweets(args: &[String]) -> Result<(), String> {
    let own = ["--search", "--account", "--mentions", "--hashtag", "--language", "--kind", "--from", "--to", "--sort"];
    let options = parse("tweets", args, &own, &[])?;
    let sorts = TweetSort::ALL.map(|s| (s.key(), s));
    let query = TweetQuery {
        text: options.value("--search").unwrap_or_default().to_string(),
        account: owned(options.value("--account")),
        mentions: owned(options.value("--mentions")),
        sort: options.value("--sort").map(|s| choose("--sort", s, &sorts)).transpose()?.unwrap_or_default(),
        language: owned(options.value("--language")),
        kind: options.value("--kind").map(kind).transpose()?,
        hashtag: owned(options.value("--hashtag")),
        range: range(&options)?,
        limit: usize::MAX,
        ..Default::default()
    };
    let (campaigns, format) = load_campaigns("tweets", &options, &options.operands)?;
    match format {
        Format::Json => {
            output::json(&campaigns.iter().map(|c| (c.name.as_str(), query::tweets(c, &query))).collect::<Vec<_>>())
        }
        // One campaign's rows at a time, so that only one is held beside the campaigns.
        Format::Csv => output::csv(
            &tables::TWEET_COLUMNS,
            campaigns.iter().flat_map(|c| {
                let page = query::tweets(c, &query);
                page.rows.into_iter().map(|row| tables::tweet_record(&c.name, &row))
            }),
        ),
    }
}

const SORTS: [(&str, AccountColumn); 11] = [
    ("display_name", AccountColumn::DisplayName),
    ("screen_name", AccountColumn::ScreenName),
    ("followers", AccountColumn::Followers),
    ("following", AccountColumn::Following),
    ("created", AccountColumn::Created),
    ("first_tweet", AccountColumn::FirstTweet),
    ("last_tweet", AccountColumn::LastTweet),
    ("tweets", AccountColumn::Tweets),
    ("retweet_share", AccountColumn::RetweetShare),
    ("language", AccountColumn::Language),
    ("client", AccountColumn::Client),
];

pub fn accounts(args: &[String]) -> Result<(), String> {
    let options = parse("accounts", args, &["--filter", "--sort", "--from", "--to"], &["--desc"])?;
    // Without --sort, the page's own order: most tweets first.
    let (sort, descending) = match options.value("--sort") {
        Some(column) => (choose("--sort", column, &SORTS)?, options.switch("--desc")),
        None => (AccountColumn::Tweets, true),
    };
    let query = AccountQuery {
        filter: options.value("--filter").unwrap_or_default().to_string(),
        sort,
        descending,
        offset: 0,
        limit: usize::MAX,
        range: range(&options)?,
        without_tweets: false,
    };
    let (campaigns, format) = load_campaigns("accounts", &options, &options.operands)?;
    let page = |c: &Campaign| query::account_page(&query::account_rows(c, query.range), &query);
    match format {
        Format::Json => output::json(&campaigns.iter().map(|c| (c.name.as_str(), page(c))).collect::<Vec<_>>()),
        Format::Csv => output::csv(
            &tables::ACCOUNT_COLUMNS,
            campaigns.iter().flat_map(|c| page(c).rows.into_iter().map(|row| tables::account_record(&c.name, &row))),
        ),
    }
}

pub fn account(args: &[String]) -> Result<(), String> {
    let options = parse("account", args, &[], &[])?;
    let Some((id, files)) = options.operands.split_first() else {
        return Err("takedown account needs a USERID and then the FILEs to read (see takedown --help)".into());
    };
    let (campaigns, format) = load_campaigns("account", &options, files)?;
    let details: Vec<(&str, query::AccountDetail)> = campaigns
        .iter()
        .filter_map(|c| Some((c.name.as_str(), query::account_detail(c, &query::account_rows(c, None), id)?)))
        .collect();
    if details.is_empty() {
        return Err(format!(
            "no account has the userid {id} in {}; give an id as the files' userid column has it",
            names(&campaigns)
        ));
    }
    match format {
        Format::Json => output::json(&details),
        Format::Csv => output::csv(
            &tables::DETAIL_COLUMNS,
            details.iter().flat_map(|(name, detail)| tables::detail_records(name, detail)),
        ),
    }
}

pub fn timeline(args: &[String]) -> Result<(), String> {
    let options = parse("timeline", args, &["--period", "--split", "--account"], &[])?;
    let periods = Period::ALL.map(|p| (p.key(), p));
    let splits = Split::ALL.map(|s| (s.key(), s));
    let query = TimelineQuery {
        period: choose("--period", options.value("--period").unwrap_or("month"), &periods)?,
        split: choose("--split", options.value("--split").unwrap_or("kind"), &splits)?,
        account: owned(options.value("--account")),
    };
    let (campaigns, format) = load_campaigns("timeline", &options, &options.operands)?;
    let timelines: Vec<(&str, query::Timeline)> =
        campaigns.iter().map(|c| (c.name.as_str(), query::timeline(c, &query))).collect();
    match format {
        Format::Json => output::json(&timelines),
        Format::Csv => output::csv(
            &tables::TIMELINE_COLUMNS,
            timelines.iter().flat_map(|(name, timeline)| tables::timeline_records(name, timeline)),
        ),
    }
}
