//! What every summary of a campaign counts and labels by, worked out once:
//! hashtags folded to one key, URLs keyed by their domain, the screen names
//! that retweets reveal, and the figures that do not depend on a range.

use crate::core::fold::fold;
use crate::core::store::{Entity, FxMap, Interner, Store, TweetKind};

/// How an account or mentioned user is shown: its screen name where the files
/// give one (a hashed account's is its hash), else the one its retweets reveal,
/// else its id.
pub fn user_label(store: &Store, names: &RevealedNames, user: u32) -> String {
    match store.profile(user) {
        Some(p) if !p.screen_name.is_empty() && p.screen_name.as_bytes() != store.users().bytes(user) => {
            p.screen_name.clone()
        }
        _ => {
            names.get(user).map_or_else(|| store.users().text(user), |name| String::from_utf8_lossy(name).into_owned())
        }
    }
}

/// The screen names that a campaign's retweets reveal for the accounts they
/// retweet, most of which are outside the campaign and known only by id:
/// `RT @army2pr: …` names the account of `retweet_userid` or, where that is
/// blank (most 2020 files), of the retweet's first mention — the entities
/// follow the text, so that is the `@army2pr`.
#[derive(Default)]
pub struct RevealedNames {
    by_user: FxMap<u32, u32>,
    names: Interner,
}

/// Twitter's longest screen name; a longer "name" is a hash or not a name.
const SCREEN_NAME_MAX: usize = 15;

impl RevealedNames {
    /// One pass over the retweets; an account renamed between retweets keeps
    /// the name most of them give (the first seen of equals).
    pub fn new(store: &Store) -> RevealedNames {
        let mut names = Interner::default();
        let mut counts: FxMap<(u32, u32), u32> = FxMap::default();
        for i in (0..store.len()).filter(|&i| store.kind(i) == TweetKind::Retweet) {
            let text = store.text(i);
            let Some(name) = retweeted_name(text) else { continue };
            // `RT @name:` only: a hash with `+` or `=` would stop short of its end.
            if name.len() > SCREEN_NAME_MAX || text.get(4 + name.len()) != Some(&b':') {
                continue;
            }
            let mentioned = store.entities(i).find_map(|e| match e {
                Entity::Mention(user) => Some(user),
                _ => None,
            });
            let Some(user) = store.ref_user(i).or(mentioned) else { continue };
            if name != store.users().bytes(user) {
                *counts.entry((user, names.intern(name))).or_default() += 1;
            }
        }
        let mut best: FxMap<u32, (u32, u32)> = FxMap::default();
        for ((user, name), n) in counts {
            let entry = best.entry(user).or_insert((name, n));
            if n > entry.1 || (n == entry.1 && name < entry.0) {
                *entry = (name, n);
            }
        }
        RevealedNames { by_user: best.into_iter().map(|(user, (name, _))| (user, name)).collect(), names }
    }

    /// The screen name revealed for `user`, if any retweet named it.
    pub fn get(&self, user: u32) -> Option<&[u8]> {
        self.by_user.get(&user).map(|&name| self.names.bytes(name))
    }
}

/// `example.com` from `https://www.Example.com/path`.
pub fn domain(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_lowercase();
    host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
}

/// [`domain`] of a URL's bytes, written into `out`; where the host is ASCII
/// (nearly always) without a `String` along the way, since a campaign's
/// millions of URLs are keyed by their domains at once.
pub fn domain_into(url: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let rest = memchr::memmem::find(url, b"://").map_or(url, |at| &url[at + 3..]);
    let host = rest.split(|b| matches!(b, b'/' | b'?' | b'#')).next().unwrap_or_default();
    let host = host.rsplit(|&b| b == b'@').next().unwrap_or(host);
    let host = host.split(|&b| b == b':').next().unwrap_or(host);
    if host.is_ascii() {
        out.extend(host.iter().map(u8::to_ascii_lowercase));
        if out.starts_with(b"www.") {
            out.drain(..4);
        }
    } else {
        out.extend_from_slice(domain(&String::from_utf8_lossy(url)).as_bytes());
    }
}

/// The account a retweet's text names (`RT @name: …`), for files whose
/// `retweet_userid` is blank.
pub fn retweeted_name(text: &[u8]) -> Option<&[u8]> {
    let rest = text.strip_prefix(b"RT @")?;
    let end = rest.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Each hashtag's folded form and each URL's domain as a shared key, the
/// screen names retweets reveal, and the figures that do not depend on a
/// summary's range: worked out once per campaign, since every summary counts
/// and labels by them. The keys are interned bytes, not `String`s: a campaign
/// may have millions of hashtags.
pub struct Keys {
    hashtag_key: Vec<u32>,
    pub(super) hashtag_names: Interner,
    /// The first hashtag of each key: its spelling, lowercased, is the key's
    /// label, since a folded key may read oddly (ایران folds to ايران).
    hashtag_first: Vec<u32>,
    domain_key: Vec<u32>,
    pub(super) domain_names: Interner,
    pub names: RevealedNames,
    /// The first and the last day with a tweet, over all the campaign's tweets.
    pub(super) days: Option<(i32, i32)>,
    pub(super) inexact_ids: u64,
    pub(super) hashed_accounts: u64,
}

/// A hashtag as counted: folded ([`fold`]) where it is UTF-8, and its bytes as
/// they are where it is not (`caf\xe9` and `caf\xe8` are two tags, not one `caf�`).
pub fn fold_tag(tag: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match std::str::from_utf8(tag) {
        Ok(text) if text.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) => fold(text).into_bytes().into(),
        _ => tag.into(),
    }
}

impl Keys {
    pub fn new(store: &Store) -> Keys {
        let (hashtag_key, hashtag_names) = key_ids(store.hashtags().len(), |i, key| {
            key.clear();
            key.extend_from_slice(&fold_tag(store.hashtags().bytes(i)));
        });
        let (domain_key, domain_names) = key_ids(store.urls().len(), |i, key| domain_into(store.urls().bytes(i), key));
        let mut hashtag_first = vec![u32::MAX; hashtag_names.len()];
        for (id, &key) in hashtag_key.iter().enumerate().rev() {
            hashtag_first[key as usize] = id as u32;
        }
        let times = store.times();
        let day = |minutes: &u32| (minutes / 1440) as i32;
        Keys {
            hashtag_key,
            hashtag_names,
            hashtag_first,
            domain_key,
            domain_names,
            names: RevealedNames::new(store),
            days: times.iter().min().map(day).zip(times.iter().max().map(day)),
            inexact_ids: (0..store.len()).filter(|&i| store.tweet_id(i).exact().is_none()).count() as u64,
            hashed_accounts: store.profiles().iter().filter(|(&u, p)| p.is_hashed(&store.users().text(u))).count()
                as u64,
        }
    }

    /// The key of hashtag `id`.
    pub fn hashtag(&self, id: u32) -> u32 {
        self.hashtag_key[id as usize]
    }

    /// The key of URL `id`: its domain.
    pub fn domain(&self, id: u32) -> u32 {
        self.domain_key[id as usize]
    }

    /// The first and the last day with a tweet, over all the campaign's
    /// tweets; `(0, 0)` without any.
    pub fn days(&self) -> (i32, i32) {
        self.days.unwrap_or((0, 0))
    }

    pub fn domain_count(&self) -> usize {
        self.domain_names.len()
    }

    pub fn hashtag_count(&self) -> usize {
        self.hashtag_names.len()
    }

    /// The key of a hashtag as a person types it (any case, with or without `#`).
    pub fn find_hashtag(&self, tag: &str) -> Option<u32> {
        self.hashtag_names.get(&fold_tag(tag.trim().trim_start_matches('#').as_bytes()))
    }

    pub fn hashtag_name(&self, key: u32) -> String {
        self.hashtag_names.text(key)
    }

    /// How a hashtag key is shown: its first spelling, lowercased.
    pub fn hashtag_label(&self, store: &Store, folded: &str) -> String {
        let first = self.hashtag_names.get(folded.as_bytes()).and_then(|key| self.hashtag_first.get(key as usize));
        match first {
            Some(&id) if (id as usize) < store.hashtags().len() => store.hashtags().text(id).to_lowercase(),
            _ => folded.to_string(),
        }
    }
}

/// Maps every interned id to a shared key id (lowercase hashtag, URL domain),
/// each key written by `key_of` into one reused buffer.
fn key_ids(count: usize, key_of: impl Fn(u32, &mut Vec<u8>)) -> (Vec<u32>, Interner) {
    let mut keys = Interner::default();
    let mut key = Vec::new();
    let map = (0..count as u32)
        .map(|i| {
            key_of(i, &mut key);
            keys.intern(&key)
        })
        .collect();
    (map, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_domains_and_retweeted_names() {
        assert_eq!(domain("https://www.Example.com:8080/a?b#c"), "example.com");
        assert_eq!(domain("http://user@t.co/x"), "t.co");
        assert_eq!(domain("no scheme/path"), "no scheme");
    }

    #[test]
    fn domains_of_bytes_are_the_domains_of_the_text() {
        let urls: [&[u8]; 9] = [
            b"https://www.Example.com:8080/a?b#c",
            b"http://user@t.co/x",
            b"no scheme/path",
            b"HTTPS://WWW.BBC.CO.UK",
            b"https://a@b@Host.org:1/",
            "https://Bücher.DE/x".as_bytes(),
            b"https://ok.com/\xff\xfe",
            b"://",
            b"",
        ];
        let mut out = Vec::new();
        for url in urls {
            domain_into(url, &mut out);
            assert_eq!(out, domain(&String::from_utf8_lossy(url)).into_bytes(), "{url:?}");
        }
        assert_eq!(retweeted_name(b"RT @some_one: hello"), Some(&b"some_one"[..]));
        assert_eq!(retweeted_name(b"RT @: hello"), None);
        assert_eq!(retweeted_name(b"hello"), None);
    }
}
