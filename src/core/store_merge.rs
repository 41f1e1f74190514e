//! Merging stores and dropping repeated tweets: a campaign's files loaded
//! one after another come together here, re-numbered and de-duplicated in
//! place.

use super::{span, Entity, FxMap, Interner, Profile, ProfileSource, Store, HAS_REF_USER, ID_INEXACT, REF_INEXACT};

/// How another store's interned ids translate into this one's.
struct IdMaps {
    users: Vec<u32>,
    languages: Vec<u32>,
    clients: Vec<u32>,
    hashtags: Vec<u32>,
    urls: Vec<u32>,
    inexact: Vec<u32>,
}

/// Keeps the rows of `column` marked in `keep`, in place.
fn retain_rows<T>(column: &mut Vec<T>, keep: &[bool]) {
    let mut row = 0;
    column.retain(|_| {
        row += 1;
        keep[row - 1]
    });
}

impl Store {
    /// Keeps the first row of every tweet that appears more than once (a tweet
    /// in two split parts, or one file loaded twice, counts once): by exact id,
    /// or for ids that are not exact by account, time and text. Rows move down
    /// in place; returns how many went.
    pub fn remove_duplicate_tweets(&mut self) -> usize {
        let mut keep = vec![true; self.len()];
        let exact = |i: usize| self.flags[i] & ID_INEXACT == 0;
        // Sized exactly: collected from a filter, the vector would double its
        // way to up to twice the ids, each step a hole in WebAssembly memory
        // (a quarter of a gigabyte at 9 million tweets).
        let mut sorted: Vec<u64> = Vec::with_capacity(self.flags.iter().filter(|&&f| f & ID_INEXACT == 0).count());
        sorted.extend((0..self.len()).filter(|&i| exact(i)).map(|i| self.ids[i]));
        sorted.sort_unstable();
        let mut seen: FxMap<u64, bool> = sorted.windows(2).filter(|w| w[0] == w[1]).map(|w| (w[0], false)).collect();
        drop(sorted);
        for i in (0..self.len()).filter(|&i| exact(i)) {
            if let Some(seen) = seen.get_mut(&self.ids[i]) {
                keep[i] = !std::mem::replace(seen, true);
            }
        }
        drop(seen);
        let mut inexact: Vec<u32> = (0..self.len()).filter(|&i| !exact(i)).map(|i| i as u32).collect();
        let same_tweet = |i: usize| (self.author[i], self.time[i], self.text.get(i));
        inexact.sort_unstable_by(|&a, &b| same_tweet(a as usize).cmp(&same_tweet(b as usize)).then(a.cmp(&b)));
        for pair in inexact.windows(2) {
            if same_tweet(pair[0] as usize) == same_tweet(pair[1] as usize) {
                keep[pair[1] as usize] = false;
            }
        }
        drop(inexact);
        let removed = keep.iter().filter(|&&k| !k).count();
        if removed > 0 {
            self.retain(&keep);
        }
        removed
    }

    /// Keeps the rows marked in `keep`, in place, every column alike.
    fn retain(&mut self, keep: &[bool]) {
        retain_rows(&mut self.ids, keep);
        retain_rows(&mut self.author, keep);
        retain_rows(&mut self.time, keep);
        retain_rows(&mut self.flags, keep);
        retain_rows(&mut self.lang, keep);
        retain_rows(&mut self.client, keep);
        retain_rows(&mut self.reference, keep);
        retain_rows(&mut self.ref_user, keep);
        retain_rows(&mut self.engagement, keep);
        let mut written = 0;
        let mut kept = 1;
        for (i, &keep_row) in keep.iter().enumerate() {
            let items = span(&self.entity_offsets, i);
            if keep_row {
                let len = items.len();
                self.entities.copy_within(items, written);
                written += len;
                self.entity_offsets[kept] = written as u32;
                kept += 1;
            }
        }
        self.entities.truncate(written);
        self.entity_offsets.truncate(kept);
        self.text.retain(keep);
    }

    /// Takes in another store's accounts and tweets, re-numbering its interned
    /// ids; a users-file profile wins over one taken from tweets. Its text
    /// blocks move over as they are.
    pub fn append(&mut self, mut other: Store) {
        let map = |from: &Interner, to: &mut Interner| -> Vec<u32> {
            (0..from.len() as u32).map(|id| to.intern(from.bytes(id))).collect()
        };
        let ids = IdMaps {
            users: map(&other.users, &mut self.users),
            languages: map(&other.languages, &mut self.languages),
            clients: map(&other.clients, &mut self.clients),
            hashtags: map(&other.hashtags, &mut self.hashtags),
            urls: map(&other.urls, &mut self.urls),
            inexact: map(&other.inexact, &mut self.inexact),
        };
        let n = other.len();
        for (user, profile) in std::mem::take(&mut other.profiles) {
            let user = ids.users[user as usize];
            let replaces =
                |ours: &Profile| profile.source == ProfileSource::UsersFile && ours.source != ProfileSource::UsersFile;
            if self.profiles.get(&user).is_none_or(replaces) {
                self.profiles.insert(user, profile);
            }
        }
        self.ids.reserve_exact(n);
        self.author.reserve_exact(n);
        self.time.reserve_exact(n);
        self.flags.reserve_exact(n);
        self.lang.reserve_exact(n);
        self.client.reserve_exact(n);
        self.reference.reserve_exact(n);
        self.ref_user.reserve_exact(n);
        self.engagement.reserve_exact(n);
        self.entity_offsets.reserve_exact(n);
        self.entities.reserve_exact(other.entities.len());
        for i in 0..n {
            let flags = other.flags[i];
            let inexact = |value: u64| u64::from(ids.inexact[value as usize]);
            self.ids.push(if flags & ID_INEXACT != 0 { inexact(other.ids[i]) } else { other.ids[i] });
            self.reference.push(if flags & REF_INEXACT != 0 {
                inexact(other.reference[i])
            } else {
                other.reference[i]
            });
            self.author.push(ids.users[other.author[i] as usize]);
            self.time.push(other.time[i]);
            self.flags.push(flags);
            self.lang.push(ids.languages[other.lang[i] as usize]);
            self.client.push(ids.clients[other.client[i] as usize]);
            self.ref_user.push(if flags & HAS_REF_USER != 0 { ids.users[other.ref_user[i] as usize] } else { 0 });
            self.engagement.push(other.engagement[i]);
            for &item in &other.entities[span(&other.entity_offsets, i)] {
                self.entities.push(
                    match Entity::unpack(item) {
                        Entity::Hashtag(h) => Entity::Hashtag(ids.hashtags[h as usize]),
                        Entity::Url(u) => Entity::Url(ids.urls[u as usize]),
                        Entity::Mention(u) => Entity::Mention(ids.users[u as usize]),
                    }
                    .pack(),
                );
            }
            self.entity_offsets.push(self.entities.len() as u32);
        }
        self.text.append(other.text);
    }
}
