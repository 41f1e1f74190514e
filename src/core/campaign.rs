//! A loaded campaign: its tweets and accounts, and the account of how they
//! were read (rejected rows and why, duplicates dropped, the files).

use crate::core::error::{group_digits, Rejection};
use crate::core::store::Store;
use std::collections::BTreeMap;

/// How many rejected rows a campaign keeps the reasons of.
const KEPT_REJECTIONS: usize = 20;
/// How many of its files a campaign lists by name; the rest are counted.
const LISTED_FILES: usize = 50;

/// One campaign's data and the account of how it was read.
pub struct Campaign {
    pub name: String,
    pub store: Store,
    pub rejected_rows: u64,
    pub rejections: Vec<Rejection>,
    /// Rejected rows by [`Problem::name`].
    pub rejected_by_kind: BTreeMap<String, u64>,
    pub duplicate_tweets: u64,
    pub files: Vec<String>,
    /// Files read beyond the ones listed in `files`.
    pub more_files: u64,
    /// Rows came in since duplicates were last dropped and the columns shrunk.
    pub(crate) unsettled: bool,
}

impl Campaign {
    pub(crate) fn new(name: String) -> Campaign {
        Campaign {
            name,
            store: Store::default(),
            rejected_rows: 0,
            rejections: Vec::new(),
            rejected_by_kind: BTreeMap::new(),
            duplicate_tweets: 0,
            files: Vec::new(),
            more_files: 0,
            unsettled: false,
        }
    }

    /// Takes in a campaign of the same name loaded later (files added to a campaign
    /// already open); duplicates across the two are removed, in place.
    pub fn absorb(&mut self, other: Campaign) {
        self.store.append(other.store);
        self.rejected_rows += other.rejected_rows;
        let room = KEPT_REJECTIONS.saturating_sub(self.rejections.len());
        self.rejections.extend(other.rejections.into_iter().take(room));
        for (kind, n) in other.rejected_by_kind {
            *self.rejected_by_kind.entry(kind).or_default() += n;
        }
        self.duplicate_tweets += other.duplicate_tweets + self.store.remove_duplicate_tweets() as u64;
        self.more_files += other.more_files;
        for file in other.files {
            self.list_file(file);
        }
        self.store.shrink();
    }

    /// The files read, as the summary lists them: the first few by name.
    pub fn file_list(&self) -> Vec<String> {
        let mut files = self.files.clone();
        if self.more_files > 0 {
            files.push(format!("and {} more", group_digits(self.more_files)));
        }
        files
    }

    pub(crate) fn list_file(&mut self, label: String) {
        if self.files.len() < LISTED_FILES {
            self.files.push(label);
        } else {
            self.more_files += 1;
        }
    }

    /// Counts a rejected row; returns where its reason was kept, if it was.
    pub(crate) fn reject(&mut self, rejection: Rejection) -> Option<usize> {
        self.rejected_rows += 1;
        *self.rejected_by_kind.entry(rejection.problem.name().to_string()).or_default() += 1;
        (self.rejections.len() < KEPT_REJECTIONS).then(|| {
            self.rejections.push(rejection);
            self.rejections.len() - 1
        })
    }
}
