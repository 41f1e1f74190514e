//! Tweet searches in the worker. A search is read in slices, like a load, so
//! that other questions are answered between them and a search nobody waits
//! for any more is dropped. Newest first (the list's default), its page is
//! known as soon as it is found: it goes out at once as a partial answer,
//! then the count as it grows, then the whole answer.

use super::protocol::Response;
use super::runtime::{let_messages_in, now, post, State, PROGRESS_MS, SLICE_MS};
use crate::core::query::{page_of, Answer, TweetQuery};
use crate::core::scan::Scan;
use std::cell::RefCell;
use std::rc::Rc;

/// Rows read between two looks at the clock.
const ROWS_PER_STEP: usize = 4096;

pub(super) struct Search {
    job: u32,
    campaign: usize,
    query: TweetQuery,
    scan: Scan,
    /// When the last partial answer went out, if one did, and whether it had the page.
    sent: Option<f64>,
    page_sent: bool,
}

/// Starts a search of campaign `campaign` (an index into the loaded ones).
/// Its first slice runs at once, so that a search done within it is answered
/// in one message, as every search of a small campaign is.
pub(super) fn start(state: &Rc<RefCell<State>>, job: u32, campaign: usize, query: TweetQuery) {
    let mut guard = state.borrow_mut();
    let s = &mut *guard;
    let (store, cache) = (&s.campaigns[campaign].store, &mut s.caches[campaign]);
    let scan = Scan::new(store, &query, Some(cache.newest(&s.campaigns[campaign])));
    let running = !s.searches.is_empty();
    s.searches.push(Search { job, campaign, query, scan, sent: None, page_sent: false });
    let done = slice(s, s.searches.len() - 1);
    if done || running {
        return;
    }
    drop(guard);
    wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
}

/// Drops the search of job `id`, if it still runs.
pub(super) fn cancel(state: &mut State, id: u32) {
    state.searches.retain(|s| s.job != id);
}

/// Drops every search: the campaigns they read have changed (the page asks again).
pub(super) fn forget(state: &mut State) {
    state.searches.clear();
}

/// Reads search `at` for one slice and sends what it has to send; whether it
/// is done (and gone).
fn slice(s: &mut State, at: usize) -> bool {
    let State { campaigns, caches, searches, .. } = s;
    let search = &mut searches[at];
    let campaign = &campaigns[search.campaign];
    let cache = &mut caches[search.campaign];
    let newest = Some(cache.newest(campaign));
    let slice_end = now() + SLICE_MS;
    let mut done = false;
    while !done && now() < slice_end {
        done = search.scan.step(&campaign.store, newest, ROWS_PER_STEP);
    }
    let page_found = search.scan.page_known(&campaign.store) && !search.page_sent;
    let due = page_found || search.sent.is_none_or(|sent| now() - sent >= PROGRESS_MS);
    if done || due {
        let page = page_of(campaign, &search.query, &search.scan, cache.names(campaign));
        let (job, answer) = (search.job, Answer::Tweets(page));
        if done {
            searches.remove(at);
            post(&Response::Answer { job, answer });
        } else {
            (search.sent, search.page_sent) = (Some(now()), search.page_sent || page_found);
            post(&Response::Partial { job, answer });
        }
    }
    done
}

/// One slice of each search in turn, with the worker's messages let in between.
async fn run(state: Rc<RefCell<State>>) {
    let mut next = 0;
    loop {
        let_messages_in().await;
        let mut s = state.borrow_mut();
        if s.searches.is_empty() {
            return;
        }
        next %= s.searches.len();
        if !slice(&mut s, next) {
            next += 1;
        }
    }
}
