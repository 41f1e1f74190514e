//! What the worker builds while nobody waits for it: a second after a load is done,
//! each campaign's days' figures, its accounts' tweets and its rows newest
//! first ([`QueryCache::prepare`](crate::core::query::QueryCache::prepare)),
//! in short slices, so that the overview of a date range, asked later,
//! sums days instead of reading every row, and the tweet list opens without
//! sorting every row first. A question asked meanwhile is answered between
//! two slices (the overview by a pass over the rows until the build is done,
//! the tweet list by finishing the order); a search under way goes first.

use super::runtime::{let_messages_in, now, State, SLICE_MS};
use gloo::timers::future::TimeoutFuture;
use std::cell::RefCell;
use std::rc::Rc;

/// Rows built between two looks at the clock.
const ROWS_PER_STEP: usize = 1 << 13;
/// How long the build waits after a load's end before it begins: the page
/// is drawing the figures the load sent, on cores the build would share.
const START_AFTER_MS: u32 = 1000;
/// How long one slice may hold the worker: a question asked during the
/// build waits for at most one slice, so shorter than a load's.
const BUILD_SLICE_MS: f64 = 10.0;

/// Builds what the loaded campaigns lack, unless a build is already under way.
pub(super) fn start(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    if !s.preparing {
        s.preparing = true;
        drop(s);
        wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
    }
}

async fn run(state: Rc<RefCell<State>>) {
    TimeoutFuture::new(START_AFTER_MS).await;
    loop {
        let_messages_in().await;
        let slice = slice(&mut state.borrow_mut());
        match slice {
            Slice::Built => {}
            Slice::Wait => TimeoutFuture::new(SLICE_MS as u32).await,
            Slice::Done => return,
        }
    }
}

enum Slice {
    Built,
    /// A search goes first.
    Wait,
    /// Nothing left to build, or a load has begun (its end starts the build again).
    Done,
}

fn slice(s: &mut State) -> Slice {
    let next = s.caches.iter().position(|c| !c.is_prepared());
    let Some(i) = next.filter(|_| !s.is_loading()) else {
        s.preparing = false;
        return Slice::Done;
    };
    if !s.searches.is_empty() {
        return Slice::Wait;
    }
    let slice_end = now() + BUILD_SLICE_MS;
    while now() < slice_end && s.caches[i].prepare(&s.campaigns[i], ROWS_PER_STEP) {}
    Slice::Built
}
