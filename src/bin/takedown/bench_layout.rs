//! `takedown bench-layout [NODES EDGES]`: the force layout's time per
//! iteration and to settle, on a random graph with planted communities, then
//! the page's painting of the settled layout (`takedown::raster`) per frame.

use crate::USAGE;
use std::time::Instant;
use takedown::core::coord::graph::{colour, radius};
use takedown::core::coord::Layout;
use takedown::raster::{Raster, View};
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
    let mut positions = Vec::new();
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
        positions = layout.positions().to_vec();
    }
    println!("per iteration    {:.2} ms (best batch of {BATCH}, best of {RUNS} runs)", best_batch * 1e3);
    println!(
        "settled after    {settled_after} iterations, {best_total:.2} s (best of {RUNS}), {:.2} ms per iteration on average",
        best_total * 1e3 / settled_after.max(1) as f64
    );
    paint(&graph, &positions);
    Ok(())
}

/// The page's drawing (1136 × 480 CSS pixels, one device pixel each) of the
/// settled layout, fitted and zoomed in on its middle: best of 20 frames.
fn paint(graph: &[(u32, u32, f32)], positions: &[f32]) {
    let (width, height) = (1136.0, 480.0);
    let nodes = positions.len() / 2;
    let mut degree = vec![0u32; nodes];
    for &(a, b, _) in graph {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    let radii: Vec<f64> = degree.iter().map(|&d| radius(d)).collect();
    let colours: Vec<(u8, u8, u8)> = (0..nodes).map(|i| colour((i / COMMUNITY) as u32)).collect();
    let (lo, hi) = positions.chunks_exact(2).fold(((f64::MAX, f64::MAX), (f64::MIN, f64::MIN)), |(lo, hi), p| {
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        ((lo.0.min(x), lo.1.min(y)), (hi.0.max(x), hi.1.max(y)))
    });
    let fit = ((width - 40.0) / (hi.0 - lo.0)).min((height - 40.0) / (hi.1 - lo.1));
    let mut raster = Raster::new(0, 0);
    for zoom in [1.0, 4.0, 16.0] {
        let view = View {
            centre: ((lo.0 + hi.0) / 2.0, (lo.1 + hi.1) / 2.0),
            scale: fit * zoom,
            middle: (width / 2.0, height / 2.0),
            ratio: 1.0,
        };
        let best = (0..20)
            .map(|_| {
                let started = Instant::now();
                raster.clear(width as usize, height as usize);
                raster.network(positions, graph.iter().map(|&(a, b, _)| (a, b)), &colours, &radii, view);
                std::hint::black_box(raster.rgba());
                started.elapsed().as_secs_f64()
            })
            .fold(f64::MAX, f64::min);
        println!("paint at {zoom:>2}x     {:.2} ms a frame (1136 × 480, best of 20)", best * 1e3);
    }
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
