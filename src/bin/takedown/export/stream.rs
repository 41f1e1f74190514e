//! The export's streaming: the loader stepped to the end, a part written
//! whenever a campaign holds enough rows, and the report.

use super::accounts::{self, Accounts};
use super::error::ExportError;
use super::parquet::{write_part, Codec, Layout};
use super::tweets;
use crate::args::Options;
use crate::budget::memory_budget;
use crate::files::{self, STEP_RECORDS};
use crate::USAGE;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use takedown::core::error::group_digits;
use takedown::core::ingest::{Campaign, Loader};
use takedown::core::interner::FxHasher;
use takedown::core::store::{Store, TweetId};

/// Rows per part file by default: a store of this many tweets holds about 200 MB.
const PART_ROWS: usize = 1_000_000;
/// Rows per row group: large enough for a reader's column scans, small enough
/// that one column of it is a few tens of MB while it is encoded.
const ROW_GROUP_ROWS: usize = 500_000;

type FxSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

pub fn run(args: &[String]) -> Result<(), String> {
    let valued = ["--parquet", "--memory-budget", "--compression", "--part-rows"];
    let options = Options::parse("export", args, &valued, &["--schema"])?;
    if options.switch("--schema") {
        print!("{}", schema_tables());
        return Ok(());
    }
    let out = PathBuf::from(options.value("--parquet").ok_or("takedown export needs --parquet OUTDIR")?);
    let paths: Vec<PathBuf> = options.operands.iter().map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    let codec = Codec::parse(options.value("--compression").unwrap_or("snappy")).map_err(|e| e.to_string())?;
    let part_rows = match options.value("--part-rows") {
        None => PART_ROWS,
        Some(text) => {
            text.parse().ok().filter(|&n| n > 0).ok_or(format!("--part-rows must be a positive number, not {text}"))?
        }
    };
    let budget = memory_budget(options.value("--memory-budget"))?;
    let layout = Layout { codec, row_group_rows: ROW_GROUP_ROWS.min(part_rows), sorted_by: Some(tweets::TIME_COLUMN) };
    let mut export = Export::new(out, part_rows, layout).map_err(|e| e.to_string())?;
    let mut loader = files::loader(&paths, budget);
    let streamed = export.stream(&mut loader);
    files::report(&loader, budget);
    streamed.and_then(|()| export.finish(loader.campaigns())).map_err(|e| e.to_string())?;
    if loader.campaigns().is_empty() {
        return Err("no file could be read".into());
    }
    export.print_report(loader.campaigns()).map_err(|e| format!("could not write the report: {e}"))
}

/// The columns of both tables as the README's tables, in Markdown.
pub fn schema_tables() -> String {
    let mut out = String::new();
    for (table, columns) in [("tweets", tweets::COLUMNS), ("accounts", accounts::COLUMNS)] {
        out.push_str(&format!(
            "`{table}` (and `campaign`, the partition):\n\n| column | type | holds |\n|---|---|---|\n"
        ));
        for column in columns {
            out.push_str(&column.table_row());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// One campaign's export so far.
#[derive(Default)]
struct Written {
    parts: usize,
    tweets: u64,
    duplicates: u64,
    exact_ids: FxSet<u64>,
    /// Tweets without an exact id are the same tweet when their account, time
    /// and text are (as `Store::remove_duplicate_tweets` decides): a hash of those.
    inexact: FxSet<u64>,
    accounts: Accounts,
}

impl Written {
    /// The rows of `store` not seen before in this campaign.
    fn new_rows(&mut self, store: &Store) -> Vec<u32> {
        let mut rows = Vec::with_capacity(store.len());
        for i in 0..store.len() {
            let first = match store.tweet_id(i) {
                TweetId::Exact(id) => self.exact_ids.insert(id),
                TweetId::Inexact(_) => {
                    let mut hasher = FxHasher::default();
                    (store.users().bytes(store.author(i)), store.time(i), store.text(i)).hash(&mut hasher);
                    self.inexact.insert(hasher.finish())
                }
            };
            if first {
                rows.push(i as u32);
            } else {
                self.duplicates += 1;
            }
        }
        rows
    }
}

struct Export {
    out: PathBuf,
    part_rows: usize,
    layout: Layout,
    /// By campaign, in the loader's order.
    written: Vec<Written>,
}

impl Export {
    fn new(out: PathBuf, part_rows: usize, layout: Layout) -> Result<Export, ExportError> {
        for table in ["tweets", "accounts"] {
            let dir = out.join(table);
            if dir.exists() {
                return Err(ExportError::NotEmpty(dir));
            }
        }
        Ok(Export { out, part_rows, layout, written: Vec::new() })
    }

    /// Steps the loader to the end, writing a part whenever a campaign holds enough rows.
    fn stream(&mut self, loader: &mut Loader) -> Result<(), ExportError> {
        let mut more = true;
        while more {
            more = loader.step(STEP_RECORDS.min(self.part_rows));
            for campaign in 0..loader.campaigns().len() {
                let rows = loader.campaigns()[campaign].store.len();
                if rows >= self.part_rows || (!more && rows > 0) {
                    let name = loader.campaigns()[campaign].name.clone();
                    self.write_tweets(campaign, &name, loader.take_store(campaign))?;
                } else if !more {
                    // A users file's profiles, with no tweets to go with them.
                    self.campaign(campaign).accounts.absorb(&loader.take_store(campaign));
                }
            }
        }
        Ok(())
    }

    fn campaign(&mut self, campaign: usize) -> &mut Written {
        if self.written.len() <= campaign {
            self.written.resize_with(campaign + 1, Written::default);
        }
        &mut self.written[campaign]
    }

    fn write_tweets(&mut self, campaign: usize, name: &str, store: Store) -> Result<(), ExportError> {
        let (out, layout) = (self.out.clone(), self.layout);
        let written = self.campaign(campaign);
        written.accounts.absorb(&store);
        let rows = written.new_rows(&store);
        if rows.is_empty() {
            return Ok(());
        }
        let dir = partition(&out, "tweets", name)?;
        let path = dir.join(format!("part-{}.parquet", written.parts));
        written.parts += 1;
        written.tweets += rows.len() as u64;
        write_part(&path, "tweets", &tweets::Tweets::new(&store, rows), layout)
    }

    /// Writes every campaign's accounts.
    fn finish(&mut self, campaigns: &[Campaign]) -> Result<(), ExportError> {
        let layout = Layout { sorted_by: None, ..self.layout };
        for (campaign, c) in campaigns.iter().enumerate() {
            if self.campaign(campaign).accounts.len() > 0 {
                let path = partition(&self.out, "accounts", &c.name)?.join("part-0.parquet");
                write_part(&path, "accounts", &self.written[campaign].accounts.table(), layout)?;
            }
        }
        Ok(())
    }

    /// What went where, and the rows rejected, as `takedown summary` reports them.
    fn print_report(&self, campaigns: &[Campaign]) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        let n = |v: u64| group_digits(v);
        writeln!(out, "{}", self.out.display())?;
        for (c, w) in campaigns.iter().zip(&self.written) {
            writeln!(out, "{}", c.name)?;
            writeln!(out, "  tweets        {} in {} part(s)", n(w.tweets), w.parts)?;
            writeln!(out, "  accounts      {}", n(w.accounts.len() as u64))?;
            writeln!(out, "  rejected rows {}", n(c.rejected_rows))?;
            for r in &c.rejections {
                writeln!(out, "    {r}")?;
            }
            // The loader drops the duplicates within the rows it still holds at the end itself.
            let duplicates = w.duplicates + c.duplicate_tweets;
            if duplicates > 0 {
                writeln!(out, "  duplicates    {} rows repeated a tweet id and were written once", n(duplicates))?;
            }
        }
        Ok(())
    }
}

/// `OUT/TABLE/campaign=NAME`, made if need be; characters a path or a Hive
/// partition would misread are written `%XX`, as Hive writes them.
fn partition(out: &Path, table: &str, campaign: &str) -> Result<PathBuf, ExportError> {
    let dir = out.join(table).join(format!("campaign={}", hive_escape(campaign)));
    std::fs::create_dir_all(&dir).map_err(|error| ExportError::Io { path: dir.clone(), error })?;
    Ok(dir)
}

fn hive_escape(name: &str) -> String {
    let mut out = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
