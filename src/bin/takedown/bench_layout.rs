//! `takedown bench-layout [NODES EDGES]`: the force layout's time per
//! iteration and to settle, on a random graph with planted communities.

use crate::USAGE;
use std::time::Instant;
use takedown::core::coord::Layout;
use takedown::synth::Rng;

/// Nodes per planted community, and the share of edges inside one.
const COMMUNITY: usize = 100;
const INSIDE: u64 = 85;
/// The layout is timed this many iterations at a time, best batch counting.
const BATCH: usize = 10;
const RUNS: usize = 3;

pub fn run(args: &[String]) -> Result<(), String> {
    let (nodes, edges) = match args {
        [] => (10_000, 100_000),
        [nodes, edges] => (
            nodes.parse().map_err(|_| format!("NODES must be a number, not {nodes}"))?,
            edges.parse().map_err(|_| format!("EDGES must be a number, not {edges}"))?,
        ),
        _ => return Err(USAGE.into()),
    };
    let graph = planted_communities(nodes, edges, 2026);
    println!(
        "graph            {nodes} nodes, {} edges, communities of {COMMUNITY}, {INSIDE}% of edges inside one",
        graph.len()
    );
    let (mut best_batch, mut best_total, mut settled_after) = (f64::MAX, f64::MAX, 0);
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut layout = Layout::new(nodes, &graph, 1);
        loop {
            let batch = Instant::now();
            let before = layout.iterations();
            let running = layout.step(BATCH);
            let done = layout.iterations() - before;
            if done == BATCH {
                best_batch = best_batch.min(batch.elapsed().as_secs_f64() / BATCH as f64);
            }
            if !running {
                break;
            }
        }
        best_total = best_total.min(started.elapsed().as_secs_f64());
        settled_after = layout.iterations();
    }
    println!("per iteration    {:.2} ms (best batch of {BATCH}, best of {RUNS} runs)", best_batch * 1e3);
    println!(
        "settled after    {settled_after} iterations, {best_total:.2} s (best of {RUNS}), {:.2} ms per iteration on average",
        best_total * 1e3 / settled_after.max(1) as f64
    );
    Ok(())
}

/// `edges` random edges over `nodes` nodes in communities of [`COMMUNITY`],
/// [`INSIDE`] % of them between two nodes of one community, weights 1–3.
fn planted_communities(nodes: usize, edges: usize, seed: u64) -> Vec<(u32, u32, f32)> {
    let mut rng = Rng::new(seed);
    let mut graph = Vec::with_capacity(edges);
    if nodes < 2 {
        return graph;
    }
    while graph.len() < edges {
        let a = rng.below(nodes as u64) as usize;
        let b = if rng.below(100) < INSIDE {
            let start = a - a % COMMUNITY;
            let size = COMMUNITY.min(nodes - start);
            start + rng.below(size as u64) as usize
        } else {
            rng.below(nodes as u64) as usize
        };
        if a != b {
            graph.push((a as u32, b as u32, 1.0 + rng.below(3) as f32));
        }
    }
    graph
}
