//! Co-action networks in the worker: a network is computed in slices, like a
//! load, with progress between them and a cancel or a newer request let in;
//! then its force layout runs in slices too, its positions sent as it
//! settles. The network stays, so that the tweets behind any of its edges
//! can be asked for.

use super::protocol::{Coordination, NetworkFile, Response};
use super::runtime::{let_messages_in, now, post, post_with_blob, State, PROGRESS_MS, SLICE_MS};
use crate::core::coord::{self, graph, Job, Layout, Network, Overview, Pool, Settings};
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
    Running {
        job: Box<Job>,
        cancelled: bool,
    },
    /// Computed; `positions` are where the layout (if the network has an
    /// edge) got to, and `settling` whether it still runs: a node the person
    /// drags sets it off again.
    Done {
        network: Network,
        overview: Box<Overview>,
        layout: Option<Box<Layout>>,
        settling: bool,
        positions: Vec<f32>,
    },
}

/// Layout iterations between two looks at the clock.
const ITERATIONS_PER_STEP: usize = 1;

/// The layout of an overview's accounts, weighted by both directions' co-actions.
fn layout_of(overview: &Overview) -> Box<Layout> {
    let edges: Vec<(u32, u32, f32)> =
        overview.edges.iter().map(|e| (e.a, e.b, (e.forward + e.backward) as f32)).collect();
    Box::new(Layout::new(overview.nodes.len(), &edges, 1))
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
    let running = s.coordination.as_ref().is_some_and(|c| c.is_running());
    s.coordination = Some(Computed { id, campaigns, stage: Stage::Running { job, cancelled: false } });
    drop(guard);
    // One loop serves whichever network is asked for last.
    if !running {
        wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
    }
}

/// Stops the network of job `id`, or its layout, if either still runs.
pub fn cancel(state: &mut State, id: u32) {
    match &mut state.coordination {
        Some(Computed { id: running, stage: Stage::Running { cancelled, .. }, .. }) if *running == id => {
            *cancelled = true
        }
        Some(Computed { id: running, stage: Stage::Done { settling, .. }, .. }) if *running == id => *settling = false,
        _ => {}
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
        let more = {
            let mut guard = state.borrow_mut();
            let s = &mut *guard;
            let Some(Computed { id, campaigns, stage }) = s.coordination.take() else { return };
            let stage = match stage {
                Stage::Running { cancelled: true, .. } => return send(id, Coordination::Failed("cancelled".into())),
                Stage::Running { job, .. } => match pool_of(&s.campaigns, &campaigns) {
                    Ok(pool) => compute(id, &pool, job, &mut last_report),
                    Err(message) => return send(id, Coordination::Failed(message)),
                },
                Stage::Done { network, overview, layout: Some(mut layout), settling: true, mut positions } => {
                    let settling = settle(id, &mut layout, overview.nodes.len(), &mut positions, &mut last_report);
                    Stage::Done { network, overview, layout: Some(layout), settling, positions }
                }
                done @ Stage::Done { .. } => done,
            };
            let computed = Computed { id, campaigns, stage };
            let more = computed.is_running();
            s.coordination = Some(computed);
            more
        };
        if !more {
            return;
        }
        let_messages_in().await;
    }
}

/// One slice of computing the network; its overview goes out once it is done.
fn compute(id: u32, pool: &Pool, mut job: Box<Job>, last_report: &mut f64) -> Stage {
    let slice_end = now() + SLICE_MS;
    let mut more = true;
    while more && now() < slice_end {
        more = job.step(pool, UNITS_PER_STEP);
    }
    if more && now() - *last_report >= PROGRESS_MS {
        send(id, Coordination::Progress(job.progress()));
        *last_report = now();
    }
    match job.into_network() {
        Ok(network) => {
            let overview = Box::new(coord::overview(pool, &network));
            let layout = (!overview.edges.is_empty()).then(|| layout_of(&overview));
            send(id, Coordination::Network(overview.clone()));
            Stage::Done { network, overview, settling: layout.is_some(), layout, positions: Vec::new() }
        }
        Err(job) => Stage::Running { job, cancelled: false },
    }
}

/// One slice of the layout; the positions go out several times a second
/// (less often for a large network, whose positions are a large message) and
/// once settled. Returns whether it is still settling.
fn settle(id: u32, layout: &mut Layout, nodes: usize, positions: &mut Vec<f32>, last_report: &mut f64) -> bool {
    let slice_end = now() + SLICE_MS;
    let mut more = true;
    while more && now() < slice_end {
        more = layout.step(ITERATIONS_PER_STEP);
    }
    let every = if nodes > 2_000 { PROGRESS_MS } else { PROGRESS_MS / 2.5 };
    if !more || now() - *last_report >= every {
        *positions = layout.positions().to_vec();
        send(id, Coordination::Layout { positions: positions.clone(), settled: !more });
        *last_report = now();
    }
    more
}

impl Computed {
    /// Whether the loop has work: a network to compute or a layout to settle.
    fn is_running(&self) -> bool {
        matches!(self.stage, Stage::Running { .. } | Stage::Done { settling: true, .. })
    }
}

/// Holds a node of network `network` where the person dragged it, and lets
/// the layout settle around it.
pub fn pin(state: &Rc<RefCell<State>>, network: u32, node: u32, x: f32, y: f32) {
    let mut guard = state.borrow_mut();
    let Some(computed) = guard.coordination.as_mut().filter(|c| c.id == network) else { return };
    let was_running = computed.is_running();
    if let Stage::Done { layout: Some(layout), settling, .. } = &mut computed.stage {
        layout.pin(node, x, y);
        *settling = true;
    }
    let running = computed.is_running();
    drop(guard);
    if running && !was_running {
        wasm_bindgen_futures::spawn_local(run(Rc::clone(state)));
    }
}

/// A finished network: the campaigns it was computed over, the network,
/// its overview and where its layout got to.
struct Finished<'a> {
    campaigns: &'a [String],
    network: &'a Network,
    overview: &'a Overview,
    positions: &'a [f32],
}

/// The network of job `network`, if it is the one computed last and it is done.
fn finished(state: &State, network: u32) -> Result<Finished<'_>, String> {
    match &state.coordination {
        Some(Computed { id, campaigns, stage: Stage::Done { network: net, overview, positions, .. } })
            if *id == network =>
        {
            Ok(Finished { campaigns, network: net, overview, positions })
        }
        _ => Err("that network is no longer computed: draw it again".into()),
    }
}

/// The tweets behind one edge of the network last computed.
pub fn evidence(state: &State, id: u32, network: u32, a: u32, b: u32) {
    let rows = finished(state, network).and_then(|done| {
        let pool = pool_of(&state.campaigns, done.campaigns)?;
        Ok(coord::evidence_rows(&pool, done.network, a, b))
    });
    send(id, rows.map_or_else(Coordination::Failed, Coordination::Evidence));
}

/// A file of the network last computed, as a `Blob` beside the answer.
pub fn export(state: &State, id: u32, network: u32, file: NetworkFile) {
    let Finished { campaigns, network, overview, positions } = match finished(state, network) {
        Ok(done) => done,
        Err(message) => return send(id, Coordination::Failed(message)),
    };
    let description = format!(
        "{} within {} s, edges of weight {} or more in either direction, over {}",
        overview.settings.kind.name(),
        overview.settings.window,
        overview.threshold,
        overview.campaigns.join(" + ")
    );
    let placed = (!positions.is_empty()).then_some(positions);
    let text = match file {
        NetworkFile::Gexf | NetworkFile::Graphml => {
            let (nodes, links) = graph::of_overview(overview, placed);
            if file == NetworkFile::Gexf {
                graph::gexf(&description, &nodes, &links)
            } else {
                graph::graphml(&description, &nodes, &links)
            }
        }
        NetworkFile::EdgesCsv => overview.edges_csv(),
        NetworkFile::EvidenceCsv => match pool_of(&state.campaigns, campaigns) {
            Ok(pool) => overview.evidence_csv(&pool, network),
            Err(message) => return send(id, Coordination::Failed(message)),
        },
    };
    let response = Response::Coordination { job: id, event: Coordination::File(file) };
    if let Err(message) = post_with_blob(&response, &text, file.mime()) {
        send(id, Coordination::Failed(message));
    }
}
