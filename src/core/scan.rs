//! A tweet search that runs in steps: the filters worked out once, then the
//! rows read a batch at a time, so that the worker can answer other
//! questions, send what it has found so far and drop a search nobody waits
//! for. In the newest-first order (the tweet list's default) the rows are
//! read newest first, so that the first page is known as soon as it is found
//! and only the count has to go on to the end.

use crate::core::newest_first::NewestFirst;
use crate::core::search::{sort_key, Needle, TweetQuery, TweetSort};
use crate::core::store::{Entity, Store, TweetKind};
use crate::core::summary::{domain, domain_into, fold_tag};
use crate::core::time::Range;
use std::collections::BinaryHeap;

/// What a search looks for, worked out once: ids instead of names, and a
/// flag per hashtag and per URL instead of a comparison per tweet.
struct Filters {
    range: Option<Range>,
    account: Option<u32>,
    mentioned: Option<u32>,
    language: Option<u32>,
    kind: Option<TweetKind>,
    client: Option<u32>,
    hashtags: Option<Vec<bool>>,
    domains: Option<Vec<bool>>,
    needle: Needle,
}

impl Filters {
    /// `None` where a filter names something the campaign does not have: nothing matches.
    fn new(store: &Store, q: &TweetQuery) -> Option<Filters> {
        let user = |id: &Option<String>| id.as_ref().map(|id| store.users().get(id.as_bytes()));
        let (account, mentioned) = match (user(&q.account), user(&q.mentions)) {
            (Some(None), _) | (_, Some(None)) => return None,
            (account, mentioned) => (account.flatten(), mentioned.flatten()),
        };
        let language = match &q.language {
            Some(code) => Some(store.languages().get(code.as_bytes())?),
            None => None,
        };
        let client = match &q.client {
            Some(name) => Some(store.clients().get(name.as_bytes())?),
            None => None,
        };
        let hashtags = q.hashtag.as_ref().map(|tag| {
            let tag = fold_tag(tag.trim().trim_start_matches('#').as_bytes()).into_owned();
            (0..store.hashtags().len() as u32).map(|h| *fold_tag(store.hashtags().bytes(h)) == *tag).collect()
        });
        // Which URLs link to the domain, worked out once per URL rather than per tweet.
        let domains = q.domain.as_ref().map(|wanted| {
            let wanted = domain(wanted.trim());
            let mut found = Vec::new();
            (0..store.urls().len() as u32)
                .map(|u| {
                    domain_into(store.urls().bytes(u), &mut found);
                    found == wanted.as_bytes()
                })
                .collect()
        });
        let needle = Needle::new(&q.text);
        Some(Filters { range: q.range, account, mentioned, language, kind: q.kind, client, hashtags, domains, needle })
    }

    fn matches(&mut self, store: &Store, i: usize) -> bool {
        self.range.is_none_or(|r| r.contains(store.time(i)))
            && self.account.is_none_or(|a| store.author(i) == a)
            && self.language.is_none_or(|l| store.lang(i) == l)
            && self.kind.is_none_or(|k| store.kind(i) == k)
            && self
                .hashtags
                .as_ref()
                .is_none_or(|wanted| store.entities(i).any(|e| matches!(e, Entity::Hashtag(h) if wanted[h as usize])))
            && self.mentioned.is_none_or(|m| store.entities(i).any(|e| e == Entity::Mention(m)))
            && self.client.is_none_or(|c| store.client(i) == c)
            && self
                .domains
                .as_ref()
                .is_none_or(|wanted| store.entities(i).any(|e| matches!(e, Entity::Url(u) if wanted[u as usize])))
            && self.needle.found_in(store.text(i))
    }
}

/// A search under way over one campaign's store.
pub struct Scan {
    filters: Option<Filters>,
    sort: TweetSort,
    /// How many of the first tweets in the order are kept: the page and those before it.
    keep: usize,
    /// The first `keep` found in the order, the last of them on top.
    first: BinaryHeap<(bool, u32, u32, usize)>,
    total: usize,
    /// Whether rows are read newest first until the page is known.
    newest: bool,
    /// Where reading is: in the newest-first order, then (`counted`) in
    /// storage order.
    at: usize,
    /// Once the page is known, newest first: a bit per row, set for those
    /// already read, as the rest are counted in storage order, the order
    /// their text lies in.
    counted: Option<Vec<u64>>,
    /// How many rows have been read, in either order.
    read: usize,
}

impl Scan {
    /// A search for `q`; with `newest`, the campaign's rows newest first,
    /// read in that order when the query lists its tweets so.
    pub fn new(store: &Store, q: &TweetQuery, newest: Option<&NewestFirst>) -> Scan {
        Scan {
            filters: Filters::new(store, q),
            sort: q.sort,
            keep: q.offset.saturating_add(q.limit),
            first: BinaryHeap::new(),
            total: 0,
            newest: q.sort == TweetSort::Newest && newest.is_some(),
            at: 0,
            counted: None,
            read: 0,
        }
    }

    /// Reads up to `rows` more rows (`newest` as given to [`Scan::new`]);
    /// whether the search is done.
    pub fn step(&mut self, store: &Store, newest: Option<&NewestFirst>, rows: usize) -> bool {
        let Some(filters) = self.filters.as_mut() else { return true };
        let order = newest.filter(|_| self.newest).map(NewestFirst::rows);
        if let (Some(order), None, true) = (order, &self.counted, self.first.len() == self.keep) {
            let mut seen = vec![0u64; store.len().div_ceil(64)];
            order[..self.at].iter().for_each(|&row| seen[row as usize / 64] |= 1 << (row % 64));
            (self.counted, self.at) = (Some(seen), 0);
        }
        let end = self.at.saturating_add(rows).min(store.len());
        if let Some(seen) = &self.counted {
            for i in (self.at..end).filter(|&i| seen[i / 64] & 1 << (i % 64) == 0) {
                self.read += 1;
                self.total += usize::from(filters.matches(store, i));
            }
            self.at = end;
            return self.is_done(store);
        }
        for at in self.at..end {
            let i = order.map_or(at, |rows| rows[at] as usize);
            if !filters.matches(store, i) {
                continue;
            }
            self.total += 1;
            if self.keep > 0 {
                self.first.push(sort_key(store, self.sort, i));
                if self.first.len() > self.keep {
                    self.first.pop();
                }
            }
        }
        self.read += end - self.at;
        self.at = end;
        self.is_done(store)
    }

    pub fn is_done(&self, store: &Store) -> bool {
        self.filters.is_none() || self.read >= store.len()
    }

    /// Whether the rows of the page are known, if not yet their count: read
    /// newest first, once the page is full.
    pub fn page_known(&self, store: &Store) -> bool {
        self.is_done(store) || (self.newest && self.first.len() == self.keep)
    }

    /// Tweets found so far.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The share of the rows read, 0 to 1.
    pub fn share_read(&self, store: &Store) -> f32 {
        if self.is_done(store) {
            1.0
        } else {
            self.read as f32 / store.len() as f32
        }
    }

    /// The rows of the page, in the query's order, after `offset` of them.
    pub fn rows(&self, offset: usize) -> Vec<usize> {
        self.first.clone().into_sorted_vec().into_iter().skip(offset).map(|(_, _, _, i)| i).collect()
    }
}
