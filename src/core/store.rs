//! The columnar model of one campaign: tweets as parallel columns, repeated strings
//! interned to `u32` ids, accounts keyed by their interned user id.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash, for the few maps outside the interner: the user chose the file, so
/// SipHash's flood resistance buys nothing.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ hash_bytes(bytes)).wrapping_mul(SEED);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(SEED);
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The little-endian word at `bytes[at..at + 8]`.
fn word_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes in range"))
}

/// A string of at most eight bytes as one number, distinct for distinct strings
/// of one length. Its pieces overlap rather than being copied into a padded
/// word: in WebAssembly that copy is a call to `memory.copy`, twice per lookup.
fn short_word(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let half_at = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes in range")));
    match n {
        8 => word_at(bytes, 0),
        4..=7 => half_at(0) | half_at(n - 4) << 32,
        1..=3 => u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16,
        _ => 0,
    }
}

/// A fast hash of a byte string: all of a short one; of a longer one its length
/// and its first, middle and last eight bytes, which tell apart sequential
/// numeric ids, random hashed ids and client names alike. Equal strings still
/// meet by comparison, so a weak spot only costs a longer probe.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    let len = bytes.len();
    let h = match len {
        0..=8 => mix(len as u64, short_word(bytes)),
        9..=16 => mix(mix(len as u64, word_at(bytes, 0)), word_at(bytes, len - 8)),
        _ => mix(mix(mix(len as u64, word_at(bytes, 0)), word_at(bytes, len / 2 - 4)), word_at(bytes, len - 8)),
    };
    h ^ (h >> 29)
}

/// Whether two byte strings are equal, compared eight bytes at a time (the
/// last word overlapping the one before): WebAssembly's `memcmp` goes a byte
/// at a time, and interned strings (hashed account ids above all) are often
/// 64 bytes long.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n <= 8 {
        return short_word(a) == short_word(b);
    }
    let words = |bytes| (0..n - 8).step_by(8).map(move |at| word_at(bytes, at));
    words(a).eq(words(b)) && word_at(a, n - 8) == word_at(b, n - 8)
}

/// Byte strings in one arena, numbered in order of arrival.
#[derive(Default)]
pub struct Strings {
    arena: Vec<u8>,
    ends: Vec<usize>,
}

impl Strings {
    pub fn push(&mut self, bytes: &[u8]) -> u32 {
        let id = u32::try_from(self.ends.len()).expect("fewer than 2^32 strings fit in memory");
        self.arena.extend_from_slice(bytes);
        self.ends.push(self.arena.len());
        id
    }

    pub fn bytes(&self, id: u32) -> &[u8] {
        &self.arena[span(&self.ends, id as usize)]
    }

    pub fn text(&self, id: u32) -> String {
        String::from_utf8_lossy(self.bytes(id)).into_owned()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity() + self.ends.capacity() * 8
    }
}

/// Each distinct byte string once, numbered in order of first appearance.
///
/// One arena of bytes and an open-addressing table of ids: interning runs for
/// every hashtag, client and account of every row, and a table of boxed strings
/// would cost several times the memory.
#[derive(Default)]
pub struct Interner {
    strings: Strings,
    hashes: Vec<u32>,
    /// `id + 1` per slot, 0 for empty; the length is a power of two.
    slots: Vec<u32>,
}

impl Interner {
    pub fn intern(&mut self, bytes: &[u8]) -> u32 {
        let hash = hash_bytes(bytes);
        match self.find(bytes, hash) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.strings.push(bytes);
                self.hashes.push(hash as u32);
                self.slots[slot] = id + 1;
                if self.len() * 2 > self.slots.len() {
                    self.grow();
                }
                id
            }
        }
    }

    /// The id of `bytes`, or the empty slot where it would go.
    fn find(&mut self, bytes: &[u8], hash: u64) -> Result<u32, usize> {
        if self.slots.is_empty() {
            self.slots = vec![0; 16];
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                n if self.hashes[n as usize - 1] == hash as u32 && same_bytes(self.bytes(n - 1), bytes) => {
                    return Ok(n - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let mut slots = vec![0u32; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for id in 0..self.len() {
            let mut slot = hash_bytes(self.bytes(id as u32)) as usize & mask;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id as u32 + 1;
        }
        self.slots = slots;
    }

    pub fn get(&self, bytes: &[u8]) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let hash = hash_bytes(bytes);
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return None,
                n if same_bytes(self.bytes(n - 1), bytes) => return Some(n - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    pub fn bytes(&self, id: u32) -> &[u8] {
        self.strings.bytes(id)
    }

    pub fn text(&self, id: u32) -> String {
        self.strings.text(id)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Bytes held: the strings, their hashes and the table.
    pub fn heap_bytes(&self) -> usize {
        self.strings.heap_bytes() + self.hashes.capacity() * 4 + self.slots.capacity() * 4
    }
}

/// What kind of tweet a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TweetKind {
    Original = 0,
    Retweet = 1,
    Reply = 2,
    Quote = 3,
}

impl TweetKind {
    pub const ALL: [TweetKind; 4] = [TweetKind::Original, TweetKind::Retweet, TweetKind::Reply, TweetKind::Quote];

    fn from_bits(bits: u8) -> TweetKind {
        Self::ALL[usize::from(bits & KIND_MASK)]
    }
}

const KIND_MASK: u8 = 0b11;
const GEO_FLAG: u8 = 0b100;

/// Entities share one list per tweet; the top two bits of an item say which table
/// its id is in, leaving 2^30 distinct values per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Hashtag(u32),
    Url(u32),
    Mention(u32),
}

const ENTITY_SHIFT: u32 = 30;
pub const ENTITY_LIMIT: u32 = 1 << ENTITY_SHIFT;

impl Entity {
    fn pack(self) -> u32 {
        match self {
            Entity::Hashtag(id) => id,
            Entity::Url(id) => 1 << ENTITY_SHIFT | id,
            Entity::Mention(id) => 2 << ENTITY_SHIFT | id,
        }
    }

    fn unpack(item: u32) -> Entity {
        let id = item & (ENTITY_LIMIT - 1);
        match item >> ENTITY_SHIFT {
            0 => Entity::Hashtag(id),
            1 => Entity::Url(id),
            _ => Entity::Mention(id),
        }
    }
}

/// The tweet a retweet, reply or quote points at: an exact id, or the text of a
/// float-mangled id (high bit set, the rest an index into `lossy_refs`).
pub const NO_REF: u64 = 0;
const LOSSY_REF: u64 = 1 << 63;
/// Tweet ids that are not exact integers are stored as 0 and never deduplicated.
pub const INEXACT_ID: u64 = 0;
pub const NO_USER: u32 = u32::MAX;

/// Row `i`'s items in a list stored as the running end of each row's items.
fn span<T: Copy + TryInto<usize>>(ends: &[T], i: usize) -> std::ops::Range<usize> {
    let at = |j: usize| ends[j].try_into().unwrap_or(usize::MAX);
    (if i == 0 { 0 } else { at(i - 1) })..at(i)
}

/// Tweet text in blocks of at most 64 MiB that never move once written: one
/// growing buffer would double (and copy) its way past a gigabyte on the largest
/// releases, which a 4 GiB WebAssembly memory cannot afford.
#[derive(Default)]
struct TextArena {
    blocks: Vec<Vec<u8>>,
    /// Per tweet: block in the top 16 bits, start in the low 48.
    starts: Vec<u64>,
    lens: Vec<u32>,
}

/// Blocks start small (a sample must not take 64 MiB) and double up to the cap.
const FIRST_TEXT_BLOCK: usize = 1 << 20;
const TEXT_BLOCK: usize = 64 << 20;

impl TextArena {
    fn push(&mut self, text: &[u8]) {
        // A text longer than a block gets a block of its own.
        let fits = self.blocks.last().is_some_and(|b| b.len() + text.len() <= b.capacity());
        if !fits {
            let size = self.blocks.last().map_or(FIRST_TEXT_BLOCK, |b| (b.capacity() * 2).min(TEXT_BLOCK));
            self.blocks.push(Vec::with_capacity(size.max(text.len())));
        }
        let block = self.blocks.len() - 1;
        let buffer = &mut self.blocks[block];
        self.starts.push((block as u64) << 48 | buffer.len() as u64);
        self.lens.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        buffer.extend_from_slice(&text[..text.len().min(u32::MAX as usize)]);
    }

    fn get(&self, i: usize) -> &[u8] {
        let (block, start) = ((self.starts[i] >> 48) as usize, (self.starts[i] & ((1 << 48) - 1)) as usize);
        &self.blocks[block][start..start + self.lens[i] as usize]
    }

    fn shrink(&mut self) {
        if let Some(last) = self.blocks.last_mut() {
            last.shrink_to_fit();
        }
        self.starts.shrink_to_fit();
        self.lens.shrink_to_fit();
    }

    fn heap_bytes(&self) -> usize {
        self.blocks.iter().map(Vec::capacity).sum::<usize>() + self.starts.capacity() * 8 + self.lens.capacity() * 4
    }
}

/// How one store's interned ids translate into another's.
struct IdMaps {
    users: Vec<u32>,
    languages: Vec<u32>,
    clients: Vec<u32>,
    hashtags: Vec<u32>,
    urls: Vec<u32>,
    lossy_refs: Vec<u32>,
}

/// One row on its way into the store.
pub struct NewTweet<'a> {
    pub id: u64,
    pub author: u32,
    pub time: u32,
    pub kind: TweetKind,
    pub geo: bool,
    pub lang: u16,
    pub client: u32,
    pub reference: u64,
    pub ref_user: u32,
    /// likes, retweets, replies, quotes
    pub engagement: [u32; 4],
    pub text: &'a [u8],
}

/// A profile as the users file (or, failing it, the account's first tweet) gives it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub display_name: String,
    pub screen_name: String,
    pub location: String,
    pub description: String,
    pub url: String,
    pub followers: u32,
    pub following: u32,
    /// Days since 1970.
    pub created: Option<i32>,
    pub language: String,
    pub source: ProfileSource,
}

/// Where a profile came from: the users file is authoritative; tweets files
/// repeat the profile on every row; FiveThirtyEight names accounts by handle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileSource {
    UsersFile,
    #[default]
    TweetsFile,
    FiveThirtyEight,
}

/// One campaign's tweets and accounts.
#[derive(Default)]
pub struct Store {
    pub tweet_id: Vec<u64>,
    pub author: Vec<u32>,
    /// Minutes since 1970, UTC.
    pub time: Vec<u32>,
    flags: Vec<u8>,
    pub lang: Vec<u16>,
    pub client: Vec<u32>,
    pub reference: Vec<u64>,
    pub ref_user: Vec<u32>,
    pub engagement: Vec<[u32; 4]>,
    entity_end: Vec<u32>,
    entities: Vec<u32>,
    text: TextArena,

    /// Every user id seen: authors, users-file rows, mentioned, retweeted, replied to.
    pub users: Interner,
    pub languages: Interner,
    pub clients: Interner,
    pub hashtags: Interner,
    /// Expanded URLs as written, one per occurrence: nearly all are distinct, so
    /// interning them would cost a hash lookup per URL and save nothing.
    pub urls: Strings,
    pub lossy_refs: Interner,
    /// Profiles by user id; a user with a profile or a tweet is an account.
    pub profiles: FxMap<u32, Profile>,
}

impl Store {
    pub fn len(&self) -> usize {
        self.tweet_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tweet_id.is_empty()
    }

    /// Appends a tweet whose entities are then added with [`Store::push_entity`].
    pub fn push_tweet(&mut self, t: NewTweet) {
        self.tweet_id.push(t.id);
        self.author.push(t.author);
        self.time.push(t.time);
        self.flags.push(t.kind as u8 | if t.geo { GEO_FLAG } else { 0 });
        self.lang.push(t.lang);
        self.client.push(t.client);
        self.reference.push(t.reference);
        self.ref_user.push(t.ref_user);
        self.engagement.push(t.engagement);
        self.entity_end.push(self.entities.len() as u32);
        self.text.push(t.text);
    }

    /// Adds an entity to the tweet pushed last.
    pub fn push_entity(&mut self, entity: Entity) {
        let (Entity::Hashtag(id) | Entity::Url(id) | Entity::Mention(id)) = entity;
        if id < ENTITY_LIMIT && u32::try_from(self.entities.len() + 1).is_ok() {
            self.entities.push(entity.pack());
            if let Some(end) = self.entity_end.last_mut() {
                *end += 1;
            }
        }
    }

    pub fn kind(&self, i: usize) -> TweetKind {
        TweetKind::from_bits(self.flags[i])
    }

    pub fn has_geo(&self, i: usize) -> bool {
        self.flags[i] & GEO_FLAG != 0
    }

    pub fn entities(&self, i: usize) -> impl Iterator<Item = Entity> + '_ {
        self.entities[span(&self.entity_end, i)].iter().map(|&e| Entity::unpack(e))
    }

    pub fn text(&self, i: usize) -> &[u8] {
        self.text.get(i)
    }

    pub fn lossy_ref(&mut self, text: &[u8]) -> u64 {
        LOSSY_REF | u64::from(self.lossy_refs.intern(text))
    }

    /// The referenced tweet id as text, exact or as the file wrote it.
    pub fn reference_text(&self, i: usize) -> Option<String> {
        match self.reference[i] {
            NO_REF => None,
            r if r & LOSSY_REF != 0 => Some(self.lossy_refs.text((r & !LOSSY_REF) as u32)),
            r => Some(r.to_string()),
        }
    }

    /// Keeps the first row of every exact tweet id that appears more than once
    /// (a tweet in two split parts counts once); returns how many rows went.
    pub fn remove_duplicate_tweets(&mut self) -> usize {
        let mut sorted: Vec<u64> = self.tweet_id.iter().copied().filter(|&id| id != INEXACT_ID).collect();
        sorted.sort_unstable();
        let mut kept: FxMap<u64, bool> = sorted.windows(2).filter(|w| w[0] == w[1]).map(|w| (w[0], false)).collect();
        drop(sorted);
        if kept.is_empty() {
            return 0;
        }
        let keep: Vec<bool> =
            self.tweet_id.iter().map(|id| kept.get_mut(id).is_none_or(|kept| !std::mem::replace(kept, true))).collect();
        let mut old = std::mem::take(self);
        let mut new = Store {
            users: std::mem::take(&mut old.users),
            languages: std::mem::take(&mut old.languages),
            clients: std::mem::take(&mut old.clients),
            hashtags: std::mem::take(&mut old.hashtags),
            urls: std::mem::take(&mut old.urls),
            lossy_refs: std::mem::take(&mut old.lossy_refs),
            profiles: std::mem::take(&mut old.profiles),
            ..Store::default()
        };
        for i in (0..keep.len()).filter(|&i| keep[i]) {
            new.copy_row(&old, i, None);
        }
        *self = new;
        keep.len() - self.len()
    }

    /// Adds another store's accounts and tweets, re-numbering its interned ids;
    /// a users-file profile wins over one taken from tweets.
    pub fn append(&mut self, other: &Store) {
        let map = |from: &Interner, to: &mut Interner| -> Vec<u32> {
            (0..from.len() as u32).map(|id| to.intern(from.bytes(id))).collect()
        };
        let ids = IdMaps {
            users: map(&other.users, &mut self.users),
            languages: map(&other.languages, &mut self.languages),
            clients: map(&other.clients, &mut self.clients),
            hashtags: map(&other.hashtags, &mut self.hashtags),
            urls: (0..other.urls.len() as u32).map(|id| self.urls.push(other.urls.bytes(id))).collect(),
            lossy_refs: map(&other.lossy_refs, &mut self.lossy_refs),
        };
        for (&user, profile) in &other.profiles {
            let user = ids.users[user as usize];
            let ours = self.profiles.get(&user);
            if ours.is_none()
                || (profile.source == ProfileSource::UsersFile
                    && ours.is_some_and(|p| p.source != ProfileSource::UsersFile))
            {
                self.profiles.insert(user, profile.clone());
            }
        }
        for i in 0..other.len() {
            self.copy_row(other, i, Some(&ids));
        }
    }

    /// Copies row `i` of `from`, through `ids` when the two stores number strings differently.
    fn copy_row(&mut self, from: &Store, i: usize, ids: Option<&IdMaps>) {
        let id = |table: fn(&IdMaps) -> &Vec<u32>, value: u32| match ids {
            Some(maps) => table(maps).get(value as usize).copied().unwrap_or(value),
            None => value,
        };
        let reference = match from.reference[i] {
            r if r & LOSSY_REF != 0 => LOSSY_REF | u64::from(id(|m| &m.lossy_refs, (r & !LOSSY_REF) as u32)),
            r => r,
        };
        self.push_tweet(NewTweet {
            id: from.tweet_id[i],
            author: id(|m| &m.users, from.author[i]),
            time: from.time[i],
            kind: from.kind(i),
            geo: from.has_geo(i),
            lang: u16::try_from(id(|m| &m.languages, u32::from(from.lang[i]))).unwrap_or(u16::MAX),
            client: id(|m| &m.clients, from.client[i]),
            reference,
            ref_user: if from.ref_user[i] == NO_USER { NO_USER } else { id(|m| &m.users, from.ref_user[i]) },
            engagement: from.engagement[i],
            text: from.text(i),
        });
        for entity in from.entities(i) {
            self.push_entity(match entity {
                Entity::Hashtag(h) => Entity::Hashtag(id(|m| &m.hashtags, h)),
                Entity::Url(u) => Entity::Url(id(|m| &m.urls, u)),
                Entity::Mention(u) => Entity::Mention(id(|m| &m.users, u)),
            });
        }
    }

    /// Gives back the slack of the growing columns once loading is over.
    pub fn shrink(&mut self) {
        self.tweet_id.shrink_to_fit();
        self.author.shrink_to_fit();
        self.time.shrink_to_fit();
        self.flags.shrink_to_fit();
        self.lang.shrink_to_fit();
        self.client.shrink_to_fit();
        self.reference.shrink_to_fit();
        self.ref_user.shrink_to_fit();
        self.engagement.shrink_to_fit();
        self.entity_end.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.text.shrink();
    }

    /// Heap bytes of the per-tweet columns, without the text and its offsets.
    pub fn column_bytes(&self) -> usize {
        fn cap<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        cap(&self.tweet_id)
            + cap(&self.author)
            + cap(&self.time)
            + cap(&self.flags)
            + cap(&self.lang)
            + cap(&self.client)
            + cap(&self.reference)
            + cap(&self.ref_user)
            + cap(&self.engagement)
            + cap(&self.entity_end)
            + cap(&self.entities)
    }

    /// Heap bytes of the tweet text and its offsets.
    pub fn text_bytes(&self) -> usize {
        self.text.heap_bytes()
    }

    /// Heap bytes of the interned strings and profiles.
    /// About all the heap the store holds, cheaply: as `table_bytes`, but
    /// profiles without their strings (counting those visits every profile).
    pub fn approximate_bytes(&self) -> usize {
        self.column_bytes()
            + self.text_bytes()
            + self.interned_bytes()
            + self.profiles.capacity() * std::mem::size_of::<(u32, Profile)>()
    }

    pub fn table_bytes(&self) -> usize {
        let profiles: usize = self
            .profiles
            .values()
            .map(|p| {
                std::mem::size_of::<Profile>()
                    + p.display_name.len()
                    + p.screen_name.len()
                    + p.location.len()
                    + p.description.len()
                    + p.url.len()
                    + p.language.len()
            })
            .sum();
        self.interned_bytes() + profiles
    }

    /// The interned strings' tables and the URLs.
    fn interned_bytes(&self) -> usize {
        [&self.users, &self.languages, &self.clients, &self.hashtags, &self.lossy_refs]
            .iter()
            .map(|t| t.heap_bytes())
            .sum::<usize>()
            + self.urls.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_each_string_once_through_growth() {
        let mut strings = Interner::default();
        assert_eq!(strings.get(b"x"), None);
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| strings.intern(w.as_bytes())).collect();
        assert_eq!(ids, (0..5000).collect::<Vec<u32>>());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(strings.intern(w.as_bytes()), id);
            assert_eq!(strings.get(w.as_bytes()), Some(id));
            assert_eq!(strings.bytes(id), w.as_bytes());
        }
        assert_eq!(strings.intern(b""), 5000);
        assert_eq!(strings.len(), 5001);
    }

    #[test]
    fn strings_differing_in_any_one_byte_are_told_apart() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37) | 1).collect();
            assert!(same_bytes(&a, &a.clone()));
            assert!(!same_bytes(&a, &[a.as_slice(), b"x"].concat()));
            let mut interned = Interner::default();
            interned.intern(&a);
            for at in 0..len {
                let mut b = a.clone();
                b[at] = 0;
                assert!(!same_bytes(&a, &b), "{len} bytes, differing at {at}");
                assert_eq!(interned.get(&b), None);
                assert_eq!(interned.intern(&b), at as u32 + 1);
            }
        }
    }

    fn tweet(store: &mut Store, id: u64, text: &str, tag: &str) {
        let hashtag = store.hashtags.intern(tag.as_bytes());
        store.push_tweet(NewTweet {
            id,
            author: 0,
            time: 1,
            kind: TweetKind::Reply,
            geo: true,
            lang: 0,
            client: 0,
            reference: NO_REF,
            ref_user: NO_USER,
            engagement: [1, 2, 3, 4],
            text: text.as_bytes(),
        });
        store.push_entity(Entity::Hashtag(hashtag));
        store.push_entity(Entity::Url(7));
    }

    #[test]
    fn text_spreads_over_blocks_that_never_move() {
        let mut arena = TextArena::default();
        let texts: Vec<Vec<u8>> = (0..3000u32).map(|i| vec![(i % 251) as u8; (i as usize * 7919) % 3000]).collect();
        for t in &texts {
            arena.push(t);
        }
        arena.push(&vec![7u8; 3 << 20]);
        assert!(arena.blocks.len() > 2);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(arena.get(i), &t[..]);
        }
        assert_eq!(arena.get(3000).len(), 3 << 20);
    }

    #[test]
    fn keeps_the_first_of_repeated_tweet_ids_with_its_columns() {
        let mut store = Store::default();
        tweet(&mut store, 5, "first", "a");
        tweet(&mut store, 6, "other", "b");
        tweet(&mut store, 5, "again", "c");
        tweet(&mut store, INEXACT_ID, "x", "d");
        tweet(&mut store, INEXACT_ID, "y", "e");
        assert_eq!(store.remove_duplicate_tweets(), 1);
        assert_eq!(store.tweet_id, [5, 6, INEXACT_ID, INEXACT_ID]);
        let texts: Vec<&[u8]> = (0..4).map(|i| store.text(i)).collect();
        assert_eq!(texts, [&b"first"[..], b"other", b"x", b"y"]);
        let b = store.hashtags.get(b"b").unwrap();
        assert_eq!(store.entities(1).collect::<Vec<_>>(), [Entity::Hashtag(b), Entity::Url(7)]);
        assert!(store.has_geo(3) && store.kind(3) == TweetKind::Reply && store.engagement[3] == [1, 2, 3, 4]);
        assert_eq!(store.remove_duplicate_tweets(), 0);
    }
}
