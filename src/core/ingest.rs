//! The steppable streaming loader: files (plain, gzip or zip) in, campaigns out.
//!
//! `step(n)` reads at most `n` records and returns, so a worker can report progress
//! and answer a cancel between steps. The result does not depend on the step size
//! or on how the underlying reader splits its bytes.
//!
//! A bad row is counted and skipped with its line; a record that a stray quote
//! or a cut-short download broke costs that record, and the lines it dragged
//! along are counted with it; a file that is not an archive is refused with a
//! sentence; and what loaded is kept whatever comes after.

pub use crate::core::campaign::Campaign;
use crate::core::error::{group_digits, Position, Problem, Rejection};
use crate::core::gzip::{self, Notes};
use crate::core::live::{LiveFigures, LiveTally};
use crate::core::records::{Broken, Records};
use crate::core::room::{make_room_for_rest, ESTIMATE_AFTER_ROWS};
use crate::core::rows::{add_row, TimeBounds};
use crate::core::schema::{self, Layout};
use crate::core::store::Store;
use crate::core::zip::{self, Container, Member, ReadSeek, SharedReader};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

/// How many times records may be read again from their second line between
/// two good rows: enough for the lines of a long tweet that a stray quote
/// shifted, few enough that no byte is read more than this many times over.
const REREADS: u32 = 8;

/// A file the user chose: its name, size and a handle to read it.
pub struct Input {
    pub name: String,
    pub size: u64,
    pub reader: Box<dyn ReadSeek>,
}

/// How far one chosen file has got.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FileProgress {
    pub name: String,
    /// The campaigns its rows went to.
    pub campaigns: Vec<String>,
    /// What it turned out to hold: `tweets`, `users`, `FiveThirtyEight tweets`.
    pub kinds: Vec<String>,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub rows: u64,
    pub rejected: u64,
    pub done: bool,
    pub errors: Vec<String>,
}

/// Counts the bytes taken from the user's file, for progress.
struct Counted {
    inner: Box<dyn ReadSeek>,
    pos: u64,
    furthest: Rc<Cell<u64>>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        self.furthest.set(self.furthest.get().max(self.pos));
        Ok(n)
    }
}

impl Seek for Counted {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

struct QueuedMember {
    file: usize,
    archive: SharedReader,
    member: Member,
}

struct Cursor {
    file: usize,
    campaign: usize,
    label: String,
    layout: Layout,
    header_len: usize,
    records: Records<Box<dyn Read>>,
    /// Records read, the header being record 0.
    record: u64,
    /// After a record with the wrong fields or a broken one: the next ones
    /// that fail the same way are the lines it dragged along (a quote out of
    /// place splits or joins lines), counted with it until a row reads right.
    /// Holds the index of its rejection in the campaign's list, if kept.
    folding: Option<Option<usize>>,
    /// Records read again from their second line since the last good row.
    rereads: u32,
    /// What the gzip reader noticed on the way (bytes after the data).
    notes: Notes,
}

/// Reads any number of files, a few records at a time, into campaigns.
pub struct Loader {
    campaigns: Vec<Campaign>,
    files: Vec<FileProgress>,
    counters: Vec<Rc<Cell<u64>>>,
    inputs: VecDeque<(usize, Input)>,
    members: VecDeque<QueuedMember>,
    cursor: Option<Cursor>,
    scratch: Vec<u8>,
    /// The most the campaigns may hold (`Store::approximate_bytes`), if any.
    memory_budget: Option<usize>,
    stopped_for_memory: bool,
    bounds: TimeBounds,
    /// One per campaign, as far as the campaigns have been looked at.
    live: Vec<LiveTally>,
}

impl Default for Loader {
    fn default() -> Loader {
        Loader {
            campaigns: Vec::new(),
            files: Vec::new(),
            counters: Vec::new(),
            inputs: VecDeque::new(),
            members: VecDeque::new(),
            cursor: None,
            scratch: Vec::new(),
            memory_budget: None,
            stopped_for_memory: false,
            bounds: TimeBounds::unbounded(),
            live: Vec::new(),
        }
    }
}

impl Loader {
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Queues a file; it is opened when the steps reach it.
    pub fn add(&mut self, input: Input) {
        self.files.push(FileProgress { name: input.name.clone(), bytes_total: input.size, ..FileProgress::default() });
        self.counters.push(Rc::default());
        self.inputs.push_back((self.files.len() - 1, input));
    }

    /// Stops reading, with a message on each file left, once what the
    /// campaigns hold, and would take for their columns to double once more
    /// and for their first summary, comes to more than `bytes`: what was read
    /// before is kept. In the browser this comes before the 4 GiB WebAssembly
    /// memory runs out and the worker dies with everything in it.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.memory_budget = Some(bytes);
    }

    /// Whether the memory budget stopped the load.
    pub fn stopped_for_memory(&self) -> bool {
        self.stopped_for_memory
    }

    /// Rejects tweets dated after `today` (days since 1970), as well as those
    /// before Twitter began, which are always rejected.
    pub fn set_today(&mut self, today: i32) {
        self.bounds = TimeBounds::until(today);
    }

    /// Reads up to `max_records` records; returns `true` while work remains.
    pub fn step(&mut self, max_records: usize) -> bool {
        let after_growth = self.memory_budget.map(|most| (most, self.bytes_after_growth()));
        if after_growth.is_some_and(|(most, held)| held > most) {
            self.stop_for_memory();
        }
        let bytes_left = after_growth.map(|(most, held)| most.saturating_sub(held));
        let mut budget = max_records.max(1);
        while budget > 0 {
            budget -= 1;
            let Some(cursor) = self.cursor.as_mut() else {
                if !self.open_next() {
                    self.settle();
                    return false;
                }
                continue;
            };
            let campaign = &mut self.campaigns[cursor.campaign];
            let file = &mut self.files[cursor.file];
            // Err((problem, whether the lines after it may be part of it)).
            let outcome = match cursor.records.read() {
                Ok(Some(row)) => match row.broken() {
                    Some(Broken::TooLong) => Err((Problem::TooLong, true)),
                    Some(Broken::CutShort) => Err((Problem::CutShort, true)),
                    None if row.len() != cursor.header_len => {
                        let problem =
                            Problem::FieldCount { found: row.len() as u64, expected: cursor.header_len as u64 };
                        // A record over several lines with the wrong fields: most
                        // likely a stray quote joined them, so the lines after its
                        // first are read again; a few times between good rows, so
                        // that each byte is read a bounded number of times.
                        if cursor.rereads < REREADS && cursor.records.reread_from_second_line() {
                            cursor.rereads += 1;
                        }
                        Err((problem, true))
                    }
                    None => add_row(&mut campaign.store, &cursor.layout, &row, self.bounds, &mut self.scratch)
                        .map_err(|problem| (problem, false)),
                },
                Ok(None) => {
                    self.close_cursor(None);
                    continue;
                }
                Err(e) => {
                    let line = cursor.records.line();
                    let message = format!(
                        "reading stopped after line {}: {e}; every whole row before it was kept",
                        group_digits(line)
                    );
                    self.close_cursor(Some(message));
                    continue;
                }
            };
            cursor.record += 1;
            match outcome {
                Ok(()) => {
                    file.rows += 1;
                    if file.rows >= ESTIMATE_AFTER_ROWS
                        && file.rows.is_power_of_two()
                        && matches!(cursor.layout, Layout::Tweets(_))
                    {
                        make_room_for_rest(
                            &mut campaign.store,
                            file.rows,
                            self.counters[cursor.file].get(),
                            file.bytes_total,
                            bytes_left,
                        );
                    }
                    campaign.unsettled = true;
                    cursor.folding = None;
                    cursor.rereads = 0;
                }
                Err((problem, dragged)) => {
                    let line = cursor.records.line();
                    match cursor.folding.filter(|_| dragged) {
                        Some(kept) => {
                            if let Some(rejection) = kept.and_then(|at| campaign.rejections.get_mut(at)) {
                                rejection.last_line = line;
                            }
                        }
                        None => {
                            file.rejected += 1;
                            let position = Position { line, byte: cursor.records.byte(), record: cursor.record };
                            let rejection =
                                Rejection { file: cursor.label.clone(), position, last_line: line, problem };
                            let kept = campaign.reject(rejection);
                            cursor.folding = dragged.then_some(kept);
                        }
                    }
                }
            }
        }
        true
    }

    /// Every chosen file, with its bytes read so far.
    pub fn progress(&self) -> Vec<FileProgress> {
        self.files
            .iter()
            .zip(&self.counters)
            .map(|(f, c)| FileProgress {
                bytes_done: if f.done { f.bytes_total } else { c.get().min(f.bytes_total) },
                ..f.clone()
            })
            .collect()
    }

    /// Every campaign's figures so far, counting only the rows added since
    /// the last call.
    pub fn live_figures(&mut self) -> Vec<LiveFigures> {
        self.live.resize_with(self.campaigns.len(), LiveTally::default);
        self.live.iter_mut().zip(&self.campaigns).map(|(tally, campaign)| tally.look(campaign)).collect()
    }

    pub fn campaigns(&self) -> &[Campaign] {
        &self.campaigns
    }

    /// Takes the rows read into campaign `campaign` so far, leaving it an empty
    /// store, so that a consumer that streams them elsewhere (the CLI's Parquet
    /// export) never holds more than a part of a campaign. The campaign keeps
    /// its account of the reading (rejected rows, files); duplicates across the
    /// parts taken are the consumer's to drop.
    pub fn take_store(&mut self, campaign: usize) -> Store {
        self.campaigns.get_mut(campaign).map_or_else(Store::default, |c| {
            c.unsettled = false;
            std::mem::take(&mut c.store)
        })
    }

    pub fn into_campaigns(mut self) -> Vec<Campaign> {
        self.settle();
        self.campaigns
    }

    fn close_cursor(&mut self, error: Option<String>) {
        let Some(cursor) = self.cursor.take() else { return };
        let file = &mut self.files[cursor.file];
        for note in cursor.notes.borrow().iter().chain(&error) {
            file.errors.push(format!("{}: {note}", cursor.label));
        }
        if !self.members.iter().any(|m| m.file == cursor.file) {
            file.done = true;
        }
    }

    /// What the campaigns hold, what one more doubling of their columns would
    /// take, the keys of their first summary, and the record reader's buffers.
    fn bytes_after_growth(&self) -> usize {
        let campaigns: usize = self
            .campaigns
            .iter()
            .map(|c| c.store.approximate_bytes() + c.store.column_bytes() + c.store.summary_key_bytes())
            .sum();
        campaigns + self.cursor.as_ref().map_or(0, |c| c.records.heap_bytes())
    }

    fn stop_for_memory(&mut self) {
        self.stopped_for_memory = true;
        let held: usize = self.campaigns.iter().map(|c| c.store.approximate_bytes()).sum();
        let full = format!("the memory for campaigns is full ({} MB loaded)", group_digits(held as u64 / 1_000_000));
        if let Some(cursor) = &mut self.cursor {
            let line = group_digits(cursor.records.line());
            self.close_cursor(Some(format!("stopped after line {line}: {full}; the rows before it are kept")));
        }
        let left: Vec<usize> =
            self.members.drain(..).map(|m| m.file).chain(self.inputs.drain(..).map(|(file, _)| file)).collect();
        for file in left {
            if !self.files[file].done {
                self.fail(file, format!("{}: not read: {full}", self.files[file].name));
            }
        }
    }

    fn fail(&mut self, file: usize, message: String) {
        self.files[file].errors.push(message);
        self.files[file].done = !self.members.iter().any(|m| m.file == file);
    }

    /// Opens the next zip member or file; `false` when nothing is left.
    fn open_next(&mut self) -> bool {
        if let Some(queued) = self.members.pop_front() {
            let label = format!("{} › {}", self.files[queued.file].name, queued.member.name);
            match zip::open_member(&queued.archive, &queued.member) {
                Ok(reader) => {
                    let notes = Notes::default();
                    let reader = if queued.member.name.to_ascii_lowercase().ends_with(".gz") {
                        gzip::gunzip(reader, Rc::clone(&notes))
                    } else {
                        reader
                    };
                    self.open_csv(queued.file, label, Some(&queued.member.name), reader, notes);
                }
                // The zip reader's sentences name the member.
                Err(e) => self.fail(queued.file, format!("{}: {e}", self.files[queued.file].name)),
            }
            return true;
        }
        let Some((file, input)) = self.inputs.pop_front() else { return false };
        let name = input.name.clone();
        let mut counted = Counted { inner: input.reader, pos: 0, furthest: Rc::clone(&self.counters[file]) };
        let mut magic = [0u8; 4];
        let sniffed = read_prefix(&mut counted, &mut magic).and_then(|n| {
            counted.seek(SeekFrom::Start(0))?;
            Ok(zip::sniff(&magic[..n]))
        });
        match sniffed {
            Err(e) => self.fail(file, format!("{name}: the file could not be read: {e}")),
            Ok(Container::Zip) => {
                let archive: SharedReader = Rc::new(RefCell::new(Box::new(counted)));
                let listed = zip::read_directory(&mut **archive.borrow_mut());
                match listed {
                    Err(e) => self.fail(file, format!("{name}: {e}")),
                    Ok(zip::Directory { members, not_listed }) => {
                        if not_listed > 0 {
                            let more = group_digits(not_listed);
                            self.files[file].errors.push(format!("{name}: and {more} more members were not read"));
                        }
                        let all: Vec<&str> = members.iter().map(|m| m.name.as_str()).take(12).collect();
                        let csvs: Vec<Member> =
                            members.iter().filter(|m| m.is_data() && is_csv_name(&m.name)).cloned().collect();
                        if csvs.is_empty() {
                            let listing = if all.is_empty() { "nothing".to_string() } else { all.join(", ") };
                            self.fail(file, format!("{name}: the zip archive holds no .csv file (it holds {listing})"));
                        }
                        for member in csvs {
                            self.members.push_back(QueuedMember { file, archive: Rc::clone(&archive), member });
                        }
                    }
                }
            }
            Ok(Container::Gzip) => {
                let notes = Notes::default();
                let reader = gzip::gunzip(Box::new(counted), Rc::clone(&notes));
                self.open_csv(file, name, None, reader, notes);
            }
            Ok(Container::Plain) => self.open_csv(file, name, None, Box::new(counted), Notes::default()),
        }
        true
    }

    fn open_csv(&mut self, file: usize, label: String, member: Option<&str>, reader: Box<dyn Read>, notes: Notes) {
        let (prefix, reader) = match peek(reader, 64) {
            Ok(peeked) => peeked,
            Err(e) => return self.fail(file, format!("{label}: the file could not be read: {e}")),
        };
        if let Some(message) = schema::text_encoding_problem(&prefix) {
            return self.fail(file, format!("{label}: {message}"));
        }
        let mut records = Records::new(reader);
        let (layout, header_len) = match records.read() {
            Ok(Some(header)) if header.broken().is_some() => {
                (Err("its first line is not a header of columns (it is over 1 MiB long, or cut short)".to_string()), 0)
            }
            Ok(Some(header)) => (Layout::detect(&header.iter().collect::<Vec<_>>()), header.len()),
            Ok(None) => (Err("the file is empty".to_string()), 0),
            Err(e) => (Err(format!("the file could not be read: {e}")), 0),
        };
        let layout = match layout {
            Ok(layout) => layout,
            Err(message) => return self.fail(file, format!("{label}: {message}")),
        };
        let name = campaign_name(&self.files[file].name, member);
        let campaign = match self.campaigns.iter().position(|c| c.name == name) {
            Some(i) => i,
            None => {
                self.campaigns.push(Campaign::new(name.clone()));
                self.campaigns.len() - 1
            }
        };
        self.campaigns[campaign].list_file(label.clone());
        let progress = &mut self.files[file];
        push_unique(&mut progress.campaigns, &name);
        push_unique(&mut progress.kinds, layout.describe());
        self.cursor = Some(Cursor {
            file,
            campaign,
            label,
            layout,
            header_len,
            records,
            record: 0,
            folding: None,
            rereads: 0,
            notes,
        });
    }

    /// Once everything queued is read: one row per tweet, no spare capacity.
    fn settle(&mut self) {
        for campaign in self.campaigns.iter_mut().filter(|c| c.unsettled) {
            campaign.duplicate_tweets += campaign.store.remove_duplicate_tweets() as u64;
            campaign.store.shrink();
            campaign.unsettled = false;
        }
    }
}

/// The first `n` bytes of a stream (fewer if it is shorter), and the stream
/// as a whole again.
fn peek(mut reader: Box<dyn Read>, n: usize) -> io::Result<(Vec<u8>, Box<dyn Read>)> {
    let mut prefix = vec![0; n];
    let got = read_prefix(&mut reader, &mut prefix)?;
    prefix.truncate(got);
    Ok((prefix.clone(), Box::new(io::Cursor::new(prefix).chain(reader))))
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

fn read_prefix(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(got) => n += got,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn is_csv_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".csv.gz")
}

/// The outer file's name wins over a zip member's; a name that tells nothing
/// makes a campaign named after the file.
pub fn campaign_name(file: &str, member: Option<&str>) -> String {
    schema::parse_file_name(file)
        .or_else(|| member.and_then(schema::parse_file_name))
        .map(|n| n.campaign)
        .unwrap_or_else(|| schema::file_stem(file).to_string())
}

/// The reader a `Loader` needs over bytes held in memory (tests, samples).
pub fn memory_input(name: &str, bytes: Vec<u8>) -> Input {
    Input { name: name.to_string(), size: bytes.len() as u64, reader: Box::new(io::Cursor::new(bytes)) }
}

/// Loads everything in one go (the CLI and tests); the browser steps instead.
pub fn load_all(inputs: Vec<Input>) -> (Vec<Campaign>, Vec<FileProgress>) {
    let mut loader = Loader::new();
    for input in inputs {
        loader.add(input);
    }
    while loader.step(1 << 14) {}
    let progress = loader.progress();
    (loader.into_campaigns(), progress)
}
