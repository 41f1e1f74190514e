//! `takedown bench`: the loader's speed against a bare CSV row count, and its
//! memory; `takedown bench-coordination`: each co-action network's time and memory.

use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::load;
use crate::USAGE;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;
use takedown::core::error::group_digits;
use takedown::core::records::Records;
use takedown::core::summary::{summarize, Summary};

/// A memory figure of this process from Linux's /proc (`VmHWM`, the peak, or
/// `VmRSS`, now), in MiB.
fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn peak_rss_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// Lets the peak start again from now (Linux: writing 5 to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Loads the files once, then times every network kind at each window, best
/// of three, with the peak memory each adds to the loaded campaigns.
pub fn run_coordination(args: &[String]) -> Result<(), String> {
    use takedown::core::coord::{self, Kind, Settings};
    let options =
        Options::parse("bench-coordination", args, &["--memory-budget", "--windows", "--kinds"], &["--whole"])?;
    let kinds: Vec<Kind> = match options.value("--kinds") {
        None => Kind::ALL.to_vec(),
        Some(names) => names
            .split(',')
            .map(|n| Kind::parse(n.trim()).ok_or(format!("--kinds: {n} is not a kind of network")))
            .collect::<Result<_, _>>()?,
    };
    let paths: Vec<PathBuf> = options.operands.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let windows: Vec<u32> = options
        .value("--windows")
        .unwrap_or("60,300")
        .split(',')
        .map(|w| w.trim().parse().map_err(|_| format!("--windows {w} is not a number of seconds")))
        .collect::<Result<_, _>>()?;
    let budget = memory_budget(options.value("--memory-budget"))?;
    if options.switch("--whole") {
        return time_whole(&paths, budget, &kinds, windows[0]);
    }
    let started = Instant::now();
    let campaigns = load(&paths, budget)?;
    let tweets: usize = campaigns.iter().map(|c| c.store.len()).sum();
    let loaded = status_mib("VmRSS:").unwrap_or(0.0);
    println!(
        "loaded           {} tweets in {:.2} s, {loaded:.0} MiB resident",
        group_digits(tweets as u64),
        started.elapsed().as_secs_f64()
    );
    for &kind in &kinds {
        for &window in &windows {
            let settings = Settings { window, ..Settings::new(kind) };
            let (mut best, mut edges, mut capped) = (f64::MAX, 0, 0);
            reset_peak();
            for _ in 0..3 {
                let started = Instant::now();
                for c in &campaigns {
                    let network = coord::network(&coord::Pool::one(&c.name, &c.store), settings);
                    edges = network.undirected().len();
                    capped = network.capped.len();
                }
                best = best.min(started.elapsed().as_secs_f64());
            }
            let peak = peak_rss_mib().unwrap_or(0.0);
            println!(
                "{:<11} {window:>4} s  {best:6.2} s (best of 3)  {:>9} edges  {capped} keys capped  peak {peak:.0} MiB ({:.2}× loaded)",
                kind.name(),
                group_digits(edges as u64),
                peak / loaded.max(1.0)
            );
        }
    }
    Ok(())
}

/// Times reading the files and computing the kinds' networks, as
/// `takedown coordination` does (the kinds on as many threads as there are
/// cores), within this process: the same work a library call measures.
fn time_whole(
    paths: &[PathBuf],
    budget: usize,
    kinds: &[takedown::core::coord::Kind],
    window: u32,
) -> Result<(), String> {
    use takedown::core::coord::{self, Pool, Settings};
    let (mut best, mut edges) = (f64::MAX, 0);
    for _ in 0..7 {
        let started = Instant::now();
        let campaigns = load(paths, budget)?;
        let work: Vec<_> = campaigns.iter().flat_map(|c| kinds.iter().map(move |&k| (c, k))).collect();
        edges = crate::coordination::parallel_map(&work, |&(c, kind)| {
            coord::network(
                &Pool::one(&c.name, &c.store),
                Settings { window, min_weight: 1, max_group: None, ..Settings::new(kind) },
            )
            .directed()
            .len()
        })
        .into_iter()
        .sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "ingest and networks in-process {:.1} ms (best of 7), {} directed edges",
        best * 1000.0,
        group_digits(edges as u64)
    );
    Ok(())
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

pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::parse("bench", args, &["--memory-budget"], &[])?;
    let paths: Vec<PathBuf> = options.operands.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let budget = memory_budget(options.value("--memory-budget"))?;
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
        campaigns = load(&paths, budget)?;
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
