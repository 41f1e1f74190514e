//! Co-action networks in the worker: a network is computed in slices, like a
//! load, with progress between them and a cancel or a newer request let in;
//! once computed it stays, so that the tweets behind any of its edges can be
//! asked for.

use super::protocol::{Coordination, Response};
use super::runtime::{let_messages_in, now, post, State, PROGRESS_MS, SLICE_MS};
use crate::core::coord::{self, Job, Network, Pool, Settings};
use crate::core::ingest::Campaign;
use std::cell::RefCell;
use std::rc::Rc;

/// Units of work (rows, events, pairs) between two looks at the clock.
const UNITS_PER_STEP: usize = 20_000;

/// The network asked for last.
pub struct Computed {
    id: u32,
    campaigns: Vec<String>,
    stage: Stage,
}

enum Stage {
    Running { job: Box<Job>, cancelled: bool },
    Done(Network),
}

/// The loaded campaigns named, as one pool, or the sentence saying which is missing.
fn pool_of<'a>(campaigns: &'a [Campaign], names: &[String]) -> Result<Pool<'a>, String> {
    let parts = names
        .iter()
        .map(|name| {
            campaigns
                .iter()
                .find(|c| &c.name == name)
                .map(|c| (c.name.as_str(), &c.store))
                .ok_or_else(|| format!("the campaign {name} is not loaded"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    if parts.is_empty() {
        return Err("no campaign was named".into());
    }
    Ok(Pool::of(parts))
}

fn send(job: u32, event: Coordination) {
    post(&Response::Coordination { job, event });
}

/// Starts computing a network, in place of the one before.
pub fn start(state: &Rc<RefCell<State>>, id: u32, campaigns: Vec<String>, settings: Settings) {
    let mut guard = state.borrow_mut();
    let s = &mut *guard;
    if let Some(Computed { id: old, stage: Stage::Running { .. }, .. }) = &s.coordination {
        send(*old, Coordination::Failed("a newer network was asked for".into()));
    }
    let job = match pool_of(&s.campaigns, &campaigns) {
        Ok(pool) => Box::new(Job::new(&pool, settings)),
        Err(message) => {
            s.coordination = None;
            return send(id, Coordination::Failed(message));
        }
    };
    let running = s.coordination.as_ref().is_some_and(|c| matches!(c.stage, Stage::Running { .. }));
    s.coordination = Some(Computed { id, campaigns, stage: Stage::Running { job, cancelled: false } });
    drop(guard);
    // One loop serves whichever network is asked for last.
    if !running {
        wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
    }
}

/// Stops the network of job `id`, if it is still being computed.
pub fn cancel(state: &mut State, id: u32) {
    if let Some(Computed { id: running, stage: Stage::Running { cancelled, .. }, .. }) = &mut state.coordination {
        if *running == id {
            *cancelled = true;
        }
    }
}

/// Forgets the network: the campaigns it was computed over have changed.
pub fn forget(state: &mut State) {
    if let Some(c) = state.coordination.take() {
        if matches!(c.stage, Stage::Running { .. }) {
            send(c.id, Coordination::Failed("the loaded files changed while the network was computed".into()));
        }
    }
}

async fn run(state: Rc<RefCell<State>>) {
    let mut last_report = now();
    loop {
        {
            let mut guard = state.borrow_mut();
            let s = &mut *guard;
            let Some(Computed { id, campaigns, stage }) = s.coordination.take() else { return };
            let (mut job, cancelled) = match stage {
                Stage::Running { job, cancelled } => (job, cancelled),
                done => {
                    s.coordination = Some(Computed { id, campaigns, stage: done });
                    return;
                }
            };
            if cancelled {
                return send(id, Coordination::Failed("cancelled".into()));
            }
            let pool = match pool_of(&s.campaigns, &campaigns) {
                Ok(pool) => pool,
                Err(message) => return send(id, Coordination::Failed(message)),
            };
            let slice_end = now() + SLICE_MS;
            let mut more = true;
            while more && now() < slice_end {
                more = job.step(&pool, UNITS_PER_STEP);
            }
            if more && now() - last_report >= PROGRESS_MS {
                send(id, Coordination::Progress(job.progress()));
                last_report = now();
            }
            let stage = match job.into_network() {
                Ok(network) => {
                    send(id, Coordination::Network(Box::new(coord::overview(&pool, &network))));
                    Stage::Done(network)
                }
                Err(job) => Stage::Running { job, cancelled: false },
            };
            let done = matches!(stage, Stage::Done(_));
            s.coordination = Some(Computed { id, campaigns, stage });
            if done {
                return;
            }
        }
        let_messages_in().await;
    }
}

/// The tweets behind one edge of the network last computed.
pub fn evidence(state: &State, id: u32, network: u32, a: u32, b: u32) {
    let event = match &state.coordination {
        Some(Computed { id: computed, campaigns, stage: Stage::Done(net) }) if *computed == network => {
            match pool_of(&state.campaigns, campaigns) {
                Ok(pool) => Coordination::Evidence(coord::evidence_rows(&pool, net, a, b)),
                Err(message) => Coordination::Failed(message),
            }
        }
        _ => Coordination::Failed("that network is no longer computed: draw it again".into()),
    };
    send(id, event);
}
