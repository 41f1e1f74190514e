//! The native command line on the same `core` as the app: summaries as text or
//! JSON, synthetic files and the ingest benchmark.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use takedown::core::error::group_digits;
use takedown::core::ingest::{self, Campaign, FileProgress};
use takedown::core::records::Records;
use takedown::core::summary::{summarize, Ranking, Summary};

const USAGE: &str = "usage:
  takedown summary [--json] FILE...      every campaign's figures (CSV, zip or csv.gz files)
  takedown generate ROWS ACCOUNTS OUT    a synthetic tweets file in the 2019 layout
  takedown bench FILE...                 bare csv row count against full ingest, with memory
  takedown samples DIR                   writes the synthetic sample releases (static/samples)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("summary") => summary(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("samples") => samples(&args[1..]),
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

/// Loads the files; an error only when none of them could be read at all.
fn load(paths: &[PathBuf]) -> Result<(Vec<Campaign>, Vec<FileProgress>), String> {
    let mut inputs = Vec::new();
    for path in paths {
        match ingest::file_input(path) {
            Ok(input) => inputs.push(input),
            Err(e) => eprintln!("{}: {e}", path.display()),
        }
    }
    let (campaigns, files) = ingest::load_all(inputs);
    for file in &files {
        for error in &file.errors {
            eprintln!("{error}");
        }
    }
    if campaigns.is_empty() {
        return Err("no file could be read".into());
    }
    Ok((campaigns, files))
}

fn summary(args: &[String]) -> Result<(), String> {
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<PathBuf> = args.iter().filter(|a| *a != "--json").map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let (campaigns, _) = load(&paths)?;
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

fn generate(args: &[String]) -> Result<(), String> {
    let [rows, accounts, out] = args else { return Err(USAGE.into()) };
    let rows: usize = rows.parse().map_err(|_| format!("ROWS must be a number, not {rows}"))?;
    let accounts: usize = accounts
        .parse()
        .ok()
        .filter(|&a| a > 0)
        .ok_or(format!("ACCOUNTS must be a positive number, not {accounts}"))?;
    let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = BufWriter::new(file);
    takedown::synth::write_tweets(&mut writer, &takedown::synth::Spec::benchmark(rows, accounts, 2019))
        .and_then(|()| writer.flush())
        .map_err(|e| format!("{out}: {e}"))
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

/// Peak resident memory of this process, from Linux's /proc.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The floor any CSV ingest is measured against: count rows with one reused record.
fn bare_count(path: &Path) -> Result<u64, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).buffer_capacity(1 << 16).from_reader(file);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while reader.read_byte_record(&mut record).map_err(|e| e.to_string())? {
        rows += 1;
    }
    Ok(rows)
}

/// The same count with the loader's own record reader: how much of ingest is parsing.
fn records_count(path: &Path) -> Result<u64, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut records = Records::new(file);
    let mut rows = 0u64;
    while records.read().map_err(|e| e.to_string())?.is_some() {
        rows += 1;
    }
    Ok(rows.saturating_sub(1))
}

fn bench(args: &[String]) -> Result<(), String> {
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let bytes: u64 = paths.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    let mb = bytes as f64 / 1e6;
    // Read once so that both passes start from the page cache.
    for path in &paths {
        let mut sink = Vec::new();
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut sink)).map_err(|e| e.to_string())?;
    }
    // Best of three alternating runs: the machine's other work only ever adds time.
    let (mut count_secs, mut records_secs, mut ingest_secs) = (f64::MAX, f64::MAX, f64::MAX);
    let (mut rows, mut campaigns) = (0, Vec::new());
    for _ in 0..3 {
        let started = Instant::now();
        rows = paths.iter().map(|p| bare_count(p)).sum::<Result<u64, String>>()?;
        count_secs = count_secs.min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        if paths.iter().map(|p| records_count(p)).sum::<Result<u64, String>>()? != rows {
            return Err("our record reader and the csv crate counted different rows".into());
        }
        records_secs = records_secs.min(started.elapsed().as_secs_f64());
        drop(std::mem::take(&mut campaigns));
        let started = Instant::now();
        campaigns = load(&paths)?.0;
        ingest_secs = ingest_secs.min(started.elapsed().as_secs_f64());
    }
    let tweets: usize = campaigns.iter().map(|c| c.store.len()).sum();
    let columns: usize = campaigns.iter().map(|c| c.store.column_bytes()).sum();
    let text: usize = campaigns.iter().map(|c| c.store.text_bytes()).sum();
    let tables: usize = campaigns.iter().map(|c| c.store.table_bytes()).sum();
    let started = Instant::now();
    let summaries: Vec<Summary> = campaigns.iter().map(summarize).collect();
    let summary_secs = started.elapsed().as_secs_f64();
    let per_tweet = |b: usize| b as f64 / tweets.max(1) as f64;
    println!(
        "input            {mb:.1} MB, {} rows, {} tweets in {} campaign(s)",
        group_digits(rows),
        group_digits(tweets as u64),
        summaries.len()
    );
    println!("bare csv count   {count_secs:.2} s (best of 3)  {:.1} MB/s", mb / count_secs);
    println!("our record count {records_secs:.2} s (best of 3)  {:.1} MB/s", mb / records_secs);
    println!("full ingest      {ingest_secs:.2} s (best of 3)  {:.1} MB/s", mb / ingest_secs);
    println!("ingest / count   {:.2}", count_secs / ingest_secs);
    println!("summary          {summary_secs:.2} s");
    println!(
        "store per tweet  {:.1} B columns (excluding text), {:.1} B text, {:.1} B interned tables",
        per_tweet(columns),
        per_tweet(text),
        per_tweet(tables)
    );
    if let Some(peak) = peak_rss_mib() {
        println!("peak memory      {peak:.0} MiB resident");
    }
    Ok(())
}
