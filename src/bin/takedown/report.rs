//! `takedown report` and `takedown compare`: the takedown report of each
//! campaign, as `section,key,value,ids` lines or JSON, and two or more
//! campaigns compared, as JSON.

use crate::output::{self, Format};
use crate::queries::{load_campaigns_as, parse};
use takedown::core::compare::compare;
use takedown::core::ingest::Campaign;
use takedown::core::query::wire_name;
use takedown::core::report::{report, Batch, BatchRule, EngagementStats, LogBin, Report};

pub const REPORT_COLUMNS: [&str; 5] = ["campaign", "section", "key", "value", "ids"];

pub fn run_report(args: &[String]) -> Result<(), String> {
    let options = parse("report", args, &[], &[])?;
    let (campaigns, format) = load_campaigns_as("report", &options, &options.operands, Format::parse)?;
    let reports: Vec<(&str, Report)> = campaigns.iter().map(|c| (c.name.as_str(), report(c))).collect();
    match format {
        Format::Json => output::json(&reports),
        Format::Csv => output::csv(&REPORT_COLUMNS, reports.iter().flat_map(|(name, r)| report_records(name, r))),
    }
}

pub fn run_compare(args: &[String]) -> Result<(), String> {
    let options = parse("compare", args, &[], &[])?;
    let json_only = |format: Option<&str>| match format {
        None | Some("json") => Ok(()),
        Some(other) => Err(format!("takedown compare writes JSON only; --format {other} is not json")),
    };
    if options.value("--campaign").is_some() {
        return Err("takedown compare compares every campaign the files hold; it takes no --campaign".into());
    }
    let (campaigns, ()) = load_campaigns_as("compare", &options, &options.operands, json_only)?;
    if campaigns.len() < 2 {
        let names: Vec<&str> = campaigns.iter().map(|c| c.name.as_str()).collect();
        return Err(format!(
            "takedown compare needs the files of two campaigns or more; these hold only {}",
            names.join(", ")
        ));
    }
    let all: Vec<&Campaign> = campaigns.iter().collect();
    let text = serde_json::to_string(&compare(&all)).map_err(|e| format!("could not write the comparison: {e}"))?;
    output::text(&format!("{text}\n"))
}

/// The lines of one campaign's report, being written.
struct Lines<'a> {
    campaign: &'a str,
    lines: Vec<Vec<String>>,
}

impl Lines<'_> {
    fn add(&mut self, section: &str, key: &str, value: String, ids: &[String]) {
        self.lines.push(vec![self.campaign.to_string(), section.to_string(), key.to_string(), value, ids.join(" ")]);
    }

    fn rule(&mut self, rule: &BatchRule) {
        let section = format!("batch_rule_{}", rule.period);
        self.add(&section, "active_periods", rule.active_periods.to_string(), &[]);
        self.add(&section, "median", rule.median.to_string(), &[]);
        self.add(&section, "threshold", rule.threshold.to_string(), &[]);
    }

    fn batches(&mut self, section: &str, batches: &[Batch]) {
        for b in batches {
            self.add(section, &format!("{}..{}", b.first, b.last), b.accounts.to_string(), &b.ids);
        }
    }

    fn bins(&mut self, section: &str, bins: &[LogBin]) {
        bins.iter().for_each(|b| self.add(section, &b.label, b.accounts.to_string(), &[]));
    }

    fn stats(&mut self, name: &str, s: &EngagementStats) {
        self.add("engagement", &format!("{name}_mean"), format!("{:.4}", s.mean), &[]);
        self.add("engagement", &format!("{name}_median"), s.median.to_string(), &[]);
        self.add("engagement", &format!("{name}_max"), s.max.to_string(), &[]);
        self.add("engagement", &format!("{name}_zero_share"), format!("{:.4}", s.zero_share), &[]);
    }
}

/// A report as long-form lines: one figure per line, the account ids of a
/// batch or a signal in `ids`, separated by spaces.
pub fn report_records(campaign: &str, r: &Report) -> Vec<Vec<String>> {
    let mut out = Lines { campaign, lines: Vec::new() };
    let h = &r.headline;
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    for (key, value) in [
        ("accounts", h.accounts.to_string()),
        ("accounts_with_tweets", h.accounts_with_tweets.to_string()),
        ("tweets", h.tweets.to_string()),
        ("mean_tweets_per_account", format!("{:.2}", h.mean_tweets_per_account)),
        ("median_tweets_per_account", h.median_tweets_per_account.to_string()),
        ("first_tweet", optional(&h.first_tweet)),
        ("last_tweet", optional(&h.last_tweet)),
    ] {
        out.add("headline", key, value, &[]);
    }
    let c = &r.creations;
    for (section, counts) in
        [("created_day", &c.per_day), ("created_week", &c.per_week), ("created_month", &c.per_month)]
    {
        counts.iter().for_each(|(key, n)| out.add(section, key, n.to_string(), &[]));
    }
    out.add("created_without_date", "accounts", c.without_date.to_string(), &[]);
    out.rule(&c.day_rule);
    out.rule(&c.week_rule);
    out.batches("batch_day", &c.day_batches);
    out.batches("batch_week", &c.week_batches);
    r.first_tweet_lag.iter().for_each(|(label, n)| out.add("first_tweet_lag", label, n.to_string(), &[]));
    out.bins("followers", &r.followers);
    out.bins("following", &r.following);
    let e = &r.engagement;
    out.add("engagement", "tweets_with_counts", e.tweets_with_counts.to_string(), &[]);
    out.add("engagement", "tweets_without_counts", e.tweets_without_counts.to_string(), &[]);
    for (name, s) in [("likes", &e.likes), ("retweets", &e.retweets), ("replies", &e.replies), ("quotes", &e.quotes)] {
        out.stats(name, s);
    }
    for s in &r.signals {
        let kind = wire_name(&s.kind);
        out.add("signal", &kind, s.accounts.to_string(), &s.ids);
        out.add("signal_judged", &kind, s.judged.to_string(), &[]);
    }
    out.add("burst_rule", "min_tweets", r.bursts.min_tweets.to_string(), &[]);
    out.add("burst_rule", "factor", r.bursts.factor.to_string(), &[]);
    out.add("burst_rule", "total", r.bursts.total.to_string(), &[]);
    for b in &r.bursts.bursts {
        let key = format!("{} #{}", b.week, b.hashtag);
        out.add("burst", &key, b.tweets.to_string(), &[]);
        out.add("burst_baseline", &key, b.baseline.to_string(), &[]);
    }
    out.lines
}
