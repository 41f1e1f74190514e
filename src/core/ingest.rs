//! The steppable streaming loader: files (plain, gzip or zip) in, campaigns out.
//!
//! `step(n)` reads at most `n` records and returns, so a worker can report progress
//! and answer a cancel between steps. The result does not depend on the step size
//! or on how the underlying reader splits its bytes.

use crate::core::error::{group_digits, Rejection};
use crate::core::records::{Records, Row};
use crate::core::schema::{self, FiveThirtyEightColumns, Id, Layout, ProfileColumns, TweetColumns, UserColumns};
use crate::core::store::{Entity, NewTweet, Profile, ProfileSource, Store, TweetKind, INEXACT_ID, NO_REF, NO_USER};
use crate::core::time;
use crate::core::zip::{self, Container, Member, ReadSeek, SharedReader};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::rc::Rc;

/// How many rejected rows a campaign keeps the reasons of.
const KEPT_REJECTIONS: usize = 20;

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

/// One campaign's data and the account of how it was read.
pub struct Campaign {
    pub name: String,
    pub store: Store,
    pub rejected_rows: u64,
    pub rejections: Vec<Rejection>,
    pub duplicate_tweets: u64,
    /// Tweets whose id a spreadsheet turned into a float: kept, never deduplicated.
    pub inexact_ids: u64,
    pub files: Vec<String>,
    unsettled: bool,
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
}

/// Reads any number of files, a few records at a time, into campaigns.
#[derive(Default)]
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
}

impl Loader {
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Queues a file; it is opened when the steps reach it.
    pub fn add(&mut self, input: Input) {
        self.files.push(FileProgress {
            name: input.name.clone(),
            campaigns: Vec::new(),
            kinds: Vec::new(),
            bytes_done: 0,
            bytes_total: input.size,
            rows: 0,
            rejected: 0,
            done: false,
            errors: Vec::new(),
        });
        self.counters.push(Rc::default());
        self.inputs.push_back((self.files.len() - 1, input));
    }

    /// Stops reading, with a message on each file left, once what the
    /// campaigns hold, and would take for their columns to double once more,
    /// comes to more than `bytes`: what was read before is kept. In the browser
    /// this comes before the 4 GiB WebAssembly memory runs out and the worker
    /// dies with everything in it.
    pub fn set_memory_budget(&mut self, bytes: usize) {
        self.memory_budget = Some(bytes);
    }

    /// Reads up to `max_records` records; returns `true` while work remains.
    pub fn step(&mut self, max_records: usize) -> bool {
        if self.memory_budget.is_some_and(|most| self.bytes_after_growth() > most) {
            self.stop_for_memory();
        }
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
            match cursor.records.read() {
                Ok(Some(row)) => {
                    let outcome = if row.len() != cursor.header_len {
                        Err(format!(
                            "{} fields, the header has {} (the row is cut short or malformed)",
                            row.len(),
                            cursor.header_len
                        ))
                    } else {
                        add_row(campaign, &cursor.layout, &row, &mut self.scratch)
                    };
                    match outcome {
                        Ok(()) => file.rows += 1,
                        Err(reason) => {
                            file.rejected += 1;
                            let line = cursor.records.line();
                            campaign.reject(Rejection { file: cursor.label.clone(), line, reason });
                        }
                    }
                }
                Ok(None) => self.close_cursor(None),
                Err(e) => {
                    let line = cursor.records.line();
                    self.close_cursor(Some(format!("reading stopped after line {line}: {e}")));
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

    pub fn campaigns(&self) -> &[Campaign] {
        &self.campaigns
    }

    pub fn into_campaigns(mut self) -> Vec<Campaign> {
        self.settle();
        self.campaigns
    }

    fn close_cursor(&mut self, error: Option<String>) {
        let Some(cursor) = self.cursor.take() else { return };
        let file = &mut self.files[cursor.file];
        if let Some(error) = error {
            file.errors.push(format!("{}: {error}", cursor.label));
        }
        if !self.members.iter().any(|m| m.file == cursor.file) {
            file.done = true;
        }
    }

    /// What the campaigns hold, and what one more doubling of their columns would take.
    fn bytes_after_growth(&self) -> usize {
        self.campaigns.iter().map(|c| c.store.approximate_bytes() + c.store.column_bytes()).sum()
    }

    fn stop_for_memory(&mut self) {
        let held: usize = self.campaigns.iter().map(|c| c.store.approximate_bytes()).sum();
        let full =
            format!("the page's memory is full ({} MB of campaigns loaded)", group_digits(held as u64 / 1_000_000));
        if let Some(cursor) = &mut self.cursor {
            let line = cursor.records.line();
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
                    let reader = gunzip_if(&queued.member.name, reader);
                    self.open_csv(queued.file, label, Some(&queued.member.name), reader);
                }
                Err(e) => self.fail(queued.file, format!("{label}: {e}")),
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
                    Ok(members) => {
                        let all: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
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
                let reader = Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(counted)));
                self.open_csv(file, name, None, reader);
            }
            Ok(Container::Plain) => self.open_csv(file, name, None, Box::new(counted)),
        }
        true
    }

    fn open_csv(&mut self, file: usize, label: String, member: Option<&str>, reader: Box<dyn Read>) {
        let mut records = Records::new(reader);
        let (layout, header_len) = match records.read() {
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
        self.campaigns[campaign].files.push(label.clone());
        let progress = &mut self.files[file];
        push_unique(&mut progress.campaigns, &name);
        push_unique(&mut progress.kinds, layout.describe());
        self.cursor = Some(Cursor { file, campaign, label, layout, header_len, records });
    }

    /// Once everything queued is read: one row per tweet id, no spare capacity.
    fn settle(&mut self) {
        for campaign in self.campaigns.iter_mut().filter(|c| c.unsettled) {
            campaign.duplicate_tweets += campaign.store.remove_duplicate_tweets() as u64;
            campaign.store.shrink();
            campaign.unsettled = false;
        }
    }
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

fn read_prefix(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            got => n += got,
        }
    }
    Ok(n)
}

fn is_csv_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".csv.gz")
}

fn gunzip_if(name: &str, reader: Box<dyn Read>) -> Box<dyn Read> {
    if name.to_ascii_lowercase().ends_with(".gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(reader)))
    } else {
        reader
    }
}

/// The outer file's name wins over a zip member's; a name that tells nothing
/// makes a campaign named after the file.
pub fn campaign_name(file: &str, member: Option<&str>) -> String {
    schema::parse_file_name(file)
        .or_else(|| member.and_then(schema::parse_file_name))
        .map(|n| n.campaign)
        .unwrap_or_else(|| schema::file_stem(file).to_string())
}

impl Campaign {
    fn new(name: String) -> Campaign {
        Campaign {
            name,
            store: Store::default(),
            rejected_rows: 0,
            rejections: Vec::new(),
            duplicate_tweets: 0,
            inexact_ids: 0,
            files: Vec::new(),
            unsettled: false,
        }
    }

    /// Takes in a campaign of the same name loaded later (files added to a campaign
    /// already open); duplicates across the two are removed.
    pub fn absorb(&mut self, other: Campaign) {
        self.store.append(&other.store);
        self.rejected_rows += other.rejected_rows;
        let room = KEPT_REJECTIONS.saturating_sub(self.rejections.len());
        self.rejections.extend(other.rejections.into_iter().take(room));
        self.duplicate_tweets += other.duplicate_tweets + self.store.remove_duplicate_tweets() as u64;
        self.inexact_ids += other.inexact_ids;
        self.files.extend(other.files);
        self.store.shrink();
    }

    fn reject(&mut self, rejection: Rejection) {
        self.rejected_rows += 1;
        if self.rejections.len() < KEPT_REJECTIONS {
            self.rejections.push(rejection);
        }
    }
}

#[inline]
fn field<'r>(record: &Row<'r>, column: Option<usize>) -> &'r [u8] {
    schema::trim(column.and_then(|c| record.get(c)).unwrap_or_default())
}

/// A column every row must fill.
fn required<'r>(record: &Row<'r>, column: usize, name: &str) -> Result<&'r [u8], String> {
    match field(record, Some(column)) {
        b"" => Err(format!("{name} is empty")),
        value => Ok(value),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn quoted(bytes: &[u8]) -> String {
    let text = lossy(bytes);
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("'{}…'", &text[..cut]),
        None => format!("'{text}'"),
    }
}

fn add_row(campaign: &mut Campaign, layout: &Layout, record: &Row, scratch: &mut Vec<u8>) -> Result<(), String> {
    match layout {
        Layout::Tweets(columns) => add_tweet(campaign, columns, record, scratch)?,
        Layout::Users(columns) => add_user(&mut campaign.store, columns, record)?,
        Layout::FiveThirtyEight(columns) => add_fivethirtyeight(campaign, columns, record)?,
    }
    campaign.unsettled = true;
    Ok(())
}

fn read_profile(columns: &ProfileColumns, record: &Row, source: ProfileSource) -> Profile {
    Profile {
        display_name: lossy(field(record, columns.display_name)),
        screen_name: lossy(field(record, columns.screen_name)),
        location: lossy(field(record, columns.location)),
        description: lossy(field(record, columns.description)),
        url: lossy(field(record, columns.url)),
        followers: schema::parse_count(field(record, columns.followers)),
        following: schema::parse_count(field(record, columns.following)),
        created: time::parse_date(field(record, columns.created)),
        language: lossy(field(record, columns.language)),
        source,
    }
}

fn add_user(store: &mut Store, columns: &UserColumns, record: &Row) -> Result<(), String> {
    let user = store.users.intern(required(record, columns.userid, "userid")?);
    store.profiles.insert(user, read_profile(&columns.profile, record, ProfileSource::UsersFile));
    Ok(())
}

fn tweet_id(field: &[u8], column: &str) -> Result<u64, String> {
    match schema::parse_id(field) {
        Id::Exact(id) if id != INEXACT_ID => Ok(id),
        Id::Lossy(_) => Ok(INEXACT_ID),
        Id::Missing => Err(format!("{column} is empty")),
        _ => Err(format!("{column} {} is not a number", quoted(field))),
    }
}

fn reference(store: &mut Store, field: &[u8]) -> u64 {
    match schema::parse_id(field) {
        Id::Exact(id) => id,
        Id::Lossy(text) => store.lossy_ref(text),
        Id::Missing | Id::Text(_) => NO_REF,
    }
}

fn optional_user(store: &mut Store, field: &[u8]) -> u32 {
    if field.is_empty() {
        NO_USER
    } else {
        store.users.intern(field)
    }
}

fn intern_lang(store: &mut Store, code: &[u8]) -> u16 {
    // Real files hold a few dozen codes; the rare overflow shares the last id.
    u16::try_from(store.languages.intern(code)).unwrap_or(u16::MAX)
}

fn add_tweet(campaign: &mut Campaign, c: &TweetColumns, record: &Row, scratch: &mut Vec<u8>) -> Result<(), String> {
    let id = tweet_id(field(record, Some(c.tweetid)), "tweetid")?;
    let userid = required(record, c.userid, "userid")?;
    let raw_time = field(record, Some(c.time));
    let time = time::parse_tweet_time(raw_time)
        .ok_or_else(|| format!("tweet_time {} is not a time like 2019-06-13 08:15", quoted(raw_time)))?;
    let store = &mut campaign.store;
    let author = store.users.intern(userid);
    store.profiles.entry(author).or_insert_with(|| read_profile(&c.profile, record, ProfileSource::TweetsFile));
    let (reply_tweet, reply_user) = (field(record, c.reply_tweet), field(record, c.reply_user));
    let quoted_tweet = field(record, c.quoted_tweet);
    let (kind, ref_tweet, ref_user) = if schema::parse_bool(field(record, c.is_retweet)) {
        (TweetKind::Retweet, field(record, c.retweet_tweet), field(record, c.retweet_user))
    } else if !reply_tweet.is_empty() || !reply_user.is_empty() {
        (TweetKind::Reply, reply_tweet, reply_user)
    } else if !quoted_tweet.is_empty() {
        (TweetKind::Quote, quoted_tweet, &b""[..])
    } else {
        (TweetKind::Original, &b""[..], &b""[..])
    };
    let tweet = NewTweet {
        id,
        author,
        time,
        kind,
        geo: !matches!(field(record, c.latitude), b"" | b"absent"),
        lang: intern_lang(store, field(record, c.language)),
        client: store.clients.intern(field(record, c.client)),
        reference: reference(store, ref_tweet),
        ref_user: optional_user(store, ref_user),
        engagement: [c.like_count, c.retweet_count, c.reply_count, c.quote_count]
            .map(|column| schema::parse_count(field(record, column))),
        text: record.get(c.text.unwrap_or(usize::MAX)).unwrap_or_default(),
    };
    store.push_tweet(tweet);
    schema::for_each_list_item(field(record, c.hashtags), scratch, |tag| {
        let id = store.hashtags.intern(tag.strip_prefix(b"#").unwrap_or(tag));
        store.push_entity(Entity::Hashtag(id));
    });
    schema::for_each_list_item(field(record, c.urls), scratch, |url| {
        let id = store.urls.push(url);
        store.push_entity(Entity::Url(id));
    });
    schema::for_each_list_item(field(record, c.mentions), scratch, |user| {
        let id = store.users.intern(user);
        store.push_entity(Entity::Mention(id));
    });
    if id == INEXACT_ID {
        campaign.inexact_ids += 1;
    }
    Ok(())
}

/// FiveThirtyEight names languages in English; the model keeps Twitter's codes.
fn language_code(name: &[u8]) -> &[u8] {
    const CODES: &[(&str, &str)] = &[
        ("english", "en"),
        ("russian", "ru"),
        ("german", "de"),
        ("ukrainian", "uk"),
        ("italian", "it"),
        ("spanish", "es"),
        ("french", "fr"),
        ("arabic", "ar"),
        ("serbian", "sr"),
        ("bulgarian", "bg"),
        ("macedonian", "mk"),
        ("norwegian", "no"),
        ("romanian", "ro"),
        ("estonian", "et"),
        ("farsi (persian)", "fa"),
        ("dutch", "nl"),
        ("uzbek", "uz"),
        ("japanese", "ja"),
        ("swedish", "sv"),
        ("polish", "pl"),
        ("portuguese", "pt"),
        ("turkish", "tr"),
        ("croatian", "hr"),
        ("czech", "cs"),
        ("finnish", "fi"),
        ("hungarian", "hu"),
        ("lithuanian", "lt"),
        ("latvian", "lv"),
        ("vietnamese", "vi"),
        ("tagalog (filipino)", "tl"),
        ("catalan", "ca"),
        ("hindi", "hi"),
        ("korean", "ko"),
        ("simplified chinese", "zh-cn"),
        ("traditional chinese", "zh-tw"),
        ("thai", "th"),
        ("greek", "el"),
        ("hebrew", "iw"),
        ("indonesian", "in"),
        ("malay", "ms"),
        ("pushto", "ps"),
        ("kurdish", "ku"),
        ("urdu", "ur"),
        ("bengali", "bn"),
        ("tamil", "ta"),
        ("icelandic", "is"),
        ("danish", "da"),
        ("slovak", "sk"),
        ("slovenian", "sl"),
        ("albanian", "sq"),
        ("somali", "so"),
        ("belarusian", "be"),
        ("kazakh", "kk"),
        ("language undefined", "und"),
    ];
    CODES.iter().find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name)).map_or(name, |(_, code)| code.as_bytes())
}

/// Hashtags written in a tweet's text: `#` and then letters, digits, marks or `_`.
pub fn for_each_hashtag_in_text(text: &str, mut tag: impl FnMut(&str)) {
    let is_tag_char = |c: char| {
        c.is_alphanumeric()
            || c == '_'
            || matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{e31}'..='\u{e4e}')
    };
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        let after = &rest[at + 1..];
        let end = after.find(|c: char| !is_tag_char(c)).unwrap_or(after.len());
        let preceded_by_word = rest[..at].chars().next_back().is_some_and(is_tag_char);
        if end > 0 && !preceded_by_word {
            tag(&after[..end]);
        }
        rest = &after[end..];
    }
}

fn add_fivethirtyeight(campaign: &mut Campaign, c: &FiveThirtyEightColumns, record: &Row) -> Result<(), String> {
    let handle = required(record, c.author, "author")?;
    let raw_time = field(record, Some(c.publish_date));
    let time = time::parse_us_date_time(raw_time)
        .ok_or_else(|| format!("publish_date {} is not a date like 10/1/2017 19:58", quoted(raw_time)))?;
    let id = match c.tweet_id {
        Some(column) => tweet_id(field(record, Some(column)), "tweet_id")?,
        None => INEXACT_ID,
    };
    let store = &mut campaign.store;
    let author = store.users.intern(handle);
    store.profiles.entry(author).or_insert_with(|| Profile {
        display_name: lossy(handle),
        screen_name: lossy(handle),
        location: lossy(field(record, c.region)),
        followers: schema::parse_count(field(record, c.followers)),
        following: schema::parse_count(field(record, c.following)),
        source: ProfileSource::FiveThirtyEight,
        ..Profile::default()
    });
    let kind = match field(record, c.post_type) {
        b"QUOTE_TWEET" => TweetKind::Quote,
        b"RETWEET" => TweetKind::Retweet,
        _ if schema::parse_bool(field(record, c.retweet)) => TweetKind::Retweet,
        _ => TweetKind::Original,
    };
    let text = record.get(c.content).unwrap_or_default();
    let lang = intern_lang(store, language_code(field(record, c.language)));
    let client = store.clients.intern(b"");
    store.push_tweet(NewTweet {
        id,
        author,
        time,
        kind,
        geo: false,
        lang,
        client,
        reference: NO_REF,
        ref_user: NO_USER,
        engagement: [0; 4],
        text,
    });
    let text = String::from_utf8_lossy(text);
    for_each_hashtag_in_text(&text, |tag| {
        let id = store.hashtags.intern(tag.as_bytes());
        store.push_entity(Entity::Hashtag(id));
    });
    for word in text.split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")) {
        let id = store.urls.push(word.as_bytes());
        store.push_entity(Entity::Url(id));
    }
    if id == INEXACT_ID {
        campaign.inexact_ids += 1;
    }
    Ok(())
}

/// The reader a `Loader` needs over bytes held in memory (tests, samples).
pub fn memory_input(name: &str, bytes: Vec<u8>) -> Input {
    Input { name: name.to_string(), size: bytes.len() as u64, reader: Box::new(io::Cursor::new(bytes)) }
}

/// Opens a file on disk as an input (the native CLI).
pub fn file_input(path: &std::path::Path) -> io::Result<Input> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    Ok(Input {
        name: path.display().to_string(),
        size,
        reader: Box::new(BufSeek(BufReader::with_capacity(1 << 16, file))),
    })
}

/// A buffered file whose seeks keep the buffer when they land inside it.
struct BufSeek<R>(BufReader<R>);

impl<R: Read> Read for BufSeek<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read + Seek> Seek for BufSeek<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match to {
            SeekFrom::Start(target) => {
                let pos = self.0.stream_position()?;
                let buffered = self.0.buffer().len() as u64;
                if target >= pos && target - pos <= buffered {
                    self.0.consume((target - pos) as usize);
                    Ok(target)
                } else {
                    self.0.seek(to)
                }
            }
            other => self.0.seek(other),
        }
    }
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
