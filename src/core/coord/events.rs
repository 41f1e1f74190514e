//! A network's events, grouped by key.
//!
//! The pairs are counted over each key's events in time order, so the events
//! must be grouped by key and sorted by time within a key, while the order of
//! the keys does not matter. Each event goes into one of [`BUCKETS`] buckets
//! by a hash of its key, so that all the events of a key share a bucket, and
//! each bucket is sorted on its own: a job sorts a few buckets a step rather
//! than millions of events at once, and needs no second copy of them.

use super::Event;

/// Enough buckets that one is a small part of the work at millions of
/// events, few enough that a small campaign does not notice them.
pub(crate) const BUCKETS: usize = 256;

fn bucket(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
}

pub(crate) struct Events {
    buckets: Vec<Vec<Event>>,
    /// Buckets sorted so far, from the first.
    sorted: usize,
}

impl Default for Events {
    fn default() -> Events {
        Events { buckets: (0..BUCKETS).map(|_| Vec::new()).collect(), sorted: 0 }
    }
}

impl Events {
    pub(crate) fn push(&mut self, event: Event) {
        self.buckets[bucket(event.key)].push(event);
        self.sorted = 0;
    }

    pub(crate) fn len(&self) -> usize {
        self.buckets.iter().map(Vec::len).sum()
    }

    pub(crate) fn buckets_mut(&mut self) -> impl Iterator<Item = &mut Vec<Event>> {
        self.sorted = 0;
        self.buckets.iter_mut()
    }

    /// Sorts buckets until about `budget` events have been sorted; returns
    /// how many were, and `true` while buckets remain unsorted.
    pub(crate) fn sort_some(&mut self, budget: usize) -> (usize, bool) {
        let mut done = 0;
        while self.sorted < BUCKETS && done < budget.max(1) {
            let bucket = &mut self.buckets[self.sorted];
            bucket.sort_unstable();
            done += bucket.len();
            self.sorted += 1;
        }
        (done, self.sorted < BUCKETS)
    }

    /// Sorts every bucket.
    pub(crate) fn sort(&mut self) {
        while self.sort_some(usize::MAX).1 {}
    }

    /// A bucket's events, sorted once [`Events::sort`] has run.
    pub(crate) fn bucket(&self, b: usize) -> &[Event] {
        &self.buckets[b]
    }

    /// Every key's events, in time order once sorted.
    pub(crate) fn groups(&self) -> impl Iterator<Item = &[Event]> {
        self.buckets.iter().flat_map(|b| b.chunk_by(|x, y| x.key == y.key))
    }
}
