//! The columnar model of one campaign: tweets as parallel columns, repeated strings
//! interned to `u32` ids, accounts keyed by their interned user id.

pub(crate) use crate::core::interner::hash_bytes;
pub use crate::core::interner::{FxMap, Interner};
use crate::core::schema::is_hashed_id;
use crate::core::text_arena::TextArena;

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

    /// The kind's name wherever it is written: the URL, the page, the CSV
    /// export, the CLI's `--kind` (and the serde name, which a test holds equal).
    pub fn name(self) -> &'static str {
        match self {
            TweetKind::Original => "original",
            TweetKind::Retweet => "retweet",
            TweetKind::Reply => "reply",
            TweetKind::Quote => "quote",
        }
    }

    fn from_bits(bits: u8) -> TweetKind {
        Self::ALL[usize::from(bits & KIND_MASK)]
    }
}

/// Per tweet, one byte of flags: the kind, and which of the optional columns
/// hold a value (a validity bitmap, as arrow keeps one, so that no value of
/// a column has to stand for "none").
const KIND_MASK: u8 = 0b11;
const GEO: u8 = 1 << 2;
/// The tweet id is not an exact integer: `ids` holds an index into `inexact`.
const ID_INEXACT: u8 = 1 << 3;
const REF_EXACT: u8 = 1 << 4;
const REF_INEXACT: u8 = 1 << 5;
const HAS_REF_USER: u8 = 1 << 6;
const HAS_ENGAGEMENT: u8 = 1 << 7;

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

/// A tweet's id as a release gives it: an exact integer (any u64, 0
/// included), or the text of one that is not (a spreadsheet's
/// `1.198473762313818e+18`, or nothing at all in a FiveThirtyEight file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TweetId<'a> {
    Exact(u64),
    Inexact(&'a [u8]),
}

impl TweetId<'_> {
    pub fn exact(self) -> Option<u64> {
        match self {
            TweetId::Exact(id) => Some(id),
            TweetId::Inexact(_) => None,
        }
    }
}

impl std::fmt::Display for TweetId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TweetId::Exact(id) => write!(f, "{id}"),
            TweetId::Inexact(text) => f.write_str(&String::from_utf8_lossy(text)),
        }
    }
}

/// Row `i`'s range in a list stored as N + 1 offsets, as arrow keeps them.
fn span(offsets: &[u32], i: usize) -> std::ops::Range<usize> {
    offsets[i] as usize..offsets[i + 1] as usize
}

/// One row on its way into the store.
pub struct NewTweet<'a> {
    pub id: TweetId<'a>,
    pub author: u32,
    pub time: u32,
    pub kind: TweetKind,
    pub geo: bool,
    pub lang: u32,
    pub client: u32,
    /// The retweeted, replied-to or quoted tweet.
    pub reference: Option<TweetId<'a>>,
    pub ref_user: Option<u32>,
    /// likes, retweets, replies, quotes; `None` where the file has no counts.
    pub engagement: Option<[u32; 4]>,
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

impl Profile {
    /// Whether the account of id `id` has a hashed id; FiveThirtyEight's
    /// accounts are named by handle, whatever their id looks like.
    pub fn is_hashed(&self, id: &str) -> bool {
        self.source != ProfileSource::FiveThirtyEight && is_hashed_id(id)
    }
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
///
/// Every per-tweet column has one value per tweet, and the optional ones are
/// valid where the row's flags say so; the columns are private so that no
/// caller can push to one and not the others.
pub struct Store {
    /// The exact id, or (flag `ID_INEXACT`) an index into `inexact`.
    ids: Vec<u64>,
    author: Vec<u32>,
    /// Minutes since 1970, UTC.
    time: Vec<u32>,
    flags: Vec<u8>,
    lang: Vec<u32>,
    client: Vec<u32>,
    /// As `ids`, under the flags `REF_EXACT` and `REF_INEXACT`; 0 when neither.
    reference: Vec<u64>,
    ref_user: Vec<u32>,
    engagement: Vec<[u32; 4]>,
    /// N + 1 offsets into `entities`.
    entity_offsets: Vec<u32>,
    entities: Vec<u32>,
    text: TextArena,

    /// Every user id seen: authors, users-file rows, mentioned, retweeted, replied to.
    users: Interner,
    languages: Interner,
    clients: Interner,
    hashtags: Interner,
    /// Expanded URLs as written, each distinct one once: a retweet repeats its
    /// tweet's links.
    urls: Interner,
    /// Tweet ids, own or referenced, that are not exact integers, as written.
    inexact: Interner,
    /// Profiles by user id; a user with a profile or a tweet is an account.
    profiles: FxMap<u32, Profile>,
}

impl Default for Store {
    fn default() -> Store {
        Store {
            ids: Vec::new(),
            author: Vec::new(),
            time: Vec::new(),
            flags: Vec::new(),
            lang: Vec::new(),
            client: Vec::new(),
            reference: Vec::new(),
            ref_user: Vec::new(),
            engagement: Vec::new(),
            entity_offsets: vec![0],
            entities: Vec::new(),
            text: TextArena::default(),
            users: Interner::default(),
            languages: Interner::default(),
            clients: Interner::default(),
            hashtags: Interner::default(),
            urls: Interner::default(),
            inexact: Interner::default(),
            profiles: FxMap::default(),
        }
    }
}

impl Store {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Appends a tweet whose entities are then added with [`Store::push_entity`].
    pub fn push_tweet(&mut self, t: NewTweet) {
        let mut flags = t.kind as u8 | if t.geo { GEO } else { 0 };
        let id = match t.id {
            TweetId::Exact(id) => id,
            TweetId::Inexact(text) => {
                flags |= ID_INEXACT;
                u64::from(self.inexact.intern(text))
            }
        };
        let reference = match t.reference {
            None => 0,
            Some(TweetId::Exact(id)) => {
                flags |= REF_EXACT;
                id
            }
            Some(TweetId::Inexact(text)) => {
                flags |= REF_INEXACT;
                u64::from(self.inexact.intern(text))
            }
        };
        if t.ref_user.is_some() {
            flags |= HAS_REF_USER;
        }
        if t.engagement.is_some() {
            flags |= HAS_ENGAGEMENT;
        }
        self.ids.push(id);
        self.author.push(t.author);
        self.time.push(t.time);
        self.flags.push(flags);
        self.lang.push(t.lang);
        self.client.push(t.client);
        self.reference.push(reference);
        self.ref_user.push(t.ref_user.unwrap_or(0));
        self.engagement.push(t.engagement.unwrap_or_default());
        self.entity_offsets.push(self.entities.len() as u32);
        self.text.push(t.text);
    }

    /// Adds an entity to the tweet pushed last.
    pub fn push_entity(&mut self, entity: Entity) {
        let (Entity::Hashtag(id) | Entity::Url(id) | Entity::Mention(id)) = entity;
        if id < ENTITY_LIMIT && u32::try_from(self.entities.len() + 1).is_ok() && !self.is_empty() {
            self.entities.push(entity.pack());
            if let Some(end) = self.entity_offsets.last_mut() {
                *end += 1;
            }
        }
    }

    pub fn tweet_id(&self, i: usize) -> TweetId<'_> {
        if self.flags[i] & ID_INEXACT != 0 {
            TweetId::Inexact(self.inexact.bytes(self.ids[i] as u32))
        } else {
            TweetId::Exact(self.ids[i])
        }
    }

    pub fn author(&self, i: usize) -> u32 {
        self.author[i]
    }

    /// Every tweet's author, in row order.
    pub fn authors(&self) -> &[u32] {
        &self.author
    }

    pub fn time(&self, i: usize) -> u32 {
        self.time[i]
    }

    /// Every tweet's time in minutes since 1970, in row order.
    pub fn times(&self) -> &[u32] {
        &self.time
    }

    pub fn kind(&self, i: usize) -> TweetKind {
        TweetKind::from_bits(self.flags[i])
    }

    pub fn has_geo(&self, i: usize) -> bool {
        self.flags[i] & GEO != 0
    }

    pub fn lang(&self, i: usize) -> u32 {
        self.lang[i]
    }

    pub fn client(&self, i: usize) -> u32 {
        self.client[i]
    }

    /// The retweeted, replied-to or quoted tweet.
    pub fn reference(&self, i: usize) -> Option<TweetId<'_>> {
        let flags = self.flags[i];
        if flags & REF_EXACT != 0 {
            Some(TweetId::Exact(self.reference[i]))
        } else if flags & REF_INEXACT != 0 {
            Some(TweetId::Inexact(self.inexact.bytes(self.reference[i] as u32)))
        } else {
            None
        }
    }

    /// The retweeted or replied-to account.
    pub fn ref_user(&self, i: usize) -> Option<u32> {
        (self.flags[i] & HAS_REF_USER != 0).then(|| self.ref_user[i])
    }

    /// likes, retweets, replies, quotes, where the file has them.
    pub fn engagement(&self, i: usize) -> Option<[u32; 4]> {
        (self.flags[i] & HAS_ENGAGEMENT != 0).then(|| self.engagement[i])
    }

    pub fn entities(&self, i: usize) -> impl Iterator<Item = Entity> + '_ {
        self.entities[span(&self.entity_offsets, i)].iter().map(|&e| Entity::unpack(e))
    }

    pub fn text(&self, i: usize) -> &[u8] {
        self.text.get(i)
    }

    pub fn users(&self) -> &Interner {
        &self.users
    }

    pub fn languages(&self) -> &Interner {
        &self.languages
    }

    pub fn clients(&self) -> &Interner {
        &self.clients
    }

    pub fn hashtags(&self) -> &Interner {
        &self.hashtags
    }

    pub fn urls(&self) -> &Interner {
        &self.urls
    }

    pub fn intern_user(&mut self, id: &[u8]) -> u32 {
        self.users.intern(id)
    }

    pub fn intern_language(&mut self, code: &[u8]) -> u32 {
        self.languages.intern(code)
    }

    pub fn intern_client(&mut self, name: &[u8]) -> u32 {
        self.clients.intern(name)
    }

    pub fn intern_hashtag(&mut self, tag: &[u8]) -> u32 {
        self.hashtags.intern(tag)
    }

    /// A URL's id: each distinct URL is kept once (a retweet repeats its
    /// tweet's links).
    pub fn intern_url(&mut self, url: &[u8]) -> u32 {
        self.urls.intern(url)
    }

    pub fn profiles(&self) -> &FxMap<u32, Profile> {
        &self.profiles
    }

    pub fn profile(&self, user: u32) -> Option<&Profile> {
        self.profiles.get(&user)
    }

    /// Sets a user's profile: a users file's row replaces one taken from tweets.
    pub fn set_profile(&mut self, user: u32, profile: Profile) {
        self.profiles.insert(user, profile);
    }

    /// Gives a user the profile `make` returns, unless it has one.
    pub fn profile_or_insert_with(&mut self, user: u32, make: impl FnOnce() -> Profile) {
        self.profiles.entry(user).or_insert_with(make);
    }

    /// Gives back the slack of the growing columns once loading is over.
    /// Makes room for `tweets` more tweets in every column at once (entities
    /// at the rate so far), so that a large load grows each column to its final
    /// size instead of doubling its way there: each doubling copies the column
    /// and leaves the old one as a hole that WebAssembly memory never gives
    /// back, and the last one can leave half the column unused (BENCHMARKS.md).
    pub fn reserve(&mut self, tweets: usize) {
        self.ids.reserve_exact(tweets);
        self.author.reserve_exact(tweets);
        self.time.reserve_exact(tweets);
        self.flags.reserve_exact(tweets);
        self.lang.reserve_exact(tweets);
        self.client.reserve_exact(tweets);
        self.reference.reserve_exact(tweets);
        self.ref_user.reserve_exact(tweets);
        self.engagement.reserve_exact(tweets);
        self.entity_offsets.reserve_exact(tweets);
        let rows = self.len().max(1);
        let at_rate = |so_far: usize| tweets.saturating_mul(so_far) / rows;
        self.entities.reserve_exact(at_rate(self.entities.len()));
        self.text.reserve(tweets);
    }

    /// What [`Store::reserve`] sets aside per tweet, text offsets included.
    pub fn reserved_bytes_per_tweet(&self) -> usize {
        const FIXED: usize = 8 + 4 + 4 + 1 + 4 + 4 + 8 + 4 + 16 + 4 + TextArena::OFFSET_BYTES;
        let per_tweet = |so_far: usize| so_far.div_ceil(self.len().max(1));
        FIXED + 4 * per_tweet(self.entities.len())
    }

    pub fn shrink(&mut self) {
        self.ids.shrink_to_fit();
        self.author.shrink_to_fit();
        self.time.shrink_to_fit();
        self.flags.shrink_to_fit();
        self.lang.shrink_to_fit();
        self.client.shrink_to_fit();
        self.reference.shrink_to_fit();
        self.ref_user.shrink_to_fit();
        self.engagement.shrink_to_fit();
        self.entity_offsets.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.text.shrink();
    }

    /// Heap bytes of the per-tweet columns, without the text and its offsets.
    pub fn column_bytes(&self) -> usize {
        fn cap<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        cap(&self.ids)
            + cap(&self.author)
            + cap(&self.time)
            + cap(&self.flags)
            + cap(&self.lang)
            + cap(&self.client)
            + cap(&self.reference)
            + cap(&self.ref_user)
            + cap(&self.engagement)
            + cap(&self.entity_offsets)
            + cap(&self.entities)
    }

    /// Heap bytes of the tweet text and its offsets.
    pub fn text_bytes(&self) -> usize {
        self.text.heap_bytes()
    }

    /// About all the heap the store holds, cheaply: as `table_bytes`, but
    /// profiles without their strings (counting those visits every profile).
    pub fn approximate_bytes(&self) -> usize {
        self.column_bytes()
            + self.text_bytes()
            + self.interned_bytes()
            + self.profiles.capacity() * std::mem::size_of::<(u32, Profile)>()
    }

    /// Heap bytes of the interned strings and profiles.
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

    /// What the first summary's keys will take beside the store: a key per
    /// hashtag and per URL, the folded hashtags' own table and first
    /// spellings, and at most one
    /// revealed screen name per user (a map entry and an interned name of at
    /// most 15 bytes: 40 bytes at most).
    pub fn summary_key_bytes(&self) -> usize {
        self.hashtags.heap_bytes() + (2 * self.hashtags.len() + self.urls.len()) * 4 + self.users.len() * 40
    }

    /// The interned strings' tables.
    fn interned_bytes(&self) -> usize {
        [&self.users, &self.languages, &self.clients, &self.hashtags, &self.urls, &self.inexact]
            .iter()
            .map(|t| t.heap_bytes())
            .sum::<usize>()
    }
}

#[path = "store_merge.rs"]
mod merge;

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
