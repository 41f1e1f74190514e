//! A force-directed layout of a network for the page to draw: ForceAtlas2
//! (Jacomy, Venturini, Heymann and Bastian, "ForceAtlas2, a continuous graph
//! layout algorithm for handy network visualization designed for the Gephi
//! software", PLoS ONE 9(6): e98679, 2014), in the formulation of Gephi's
//! implementation, which graphology-layout-forceatlas2 follows.
//!
//! Each node has a mass of 1 + its degree, and each iteration sums three
//! forces on it:
//!
//! - repulsion from every other node, k_r·mᵢ·mⱼ/d along the line between them
//!   (k_r the scaling ratio), so hubs push harder and are pushed harder;
//! - attraction along each edge, d × the edge's weight (linear: edge weight
//!   influence 1, no hub dissuasion);
//! - gravity toward the origin, g·mᵢ whatever the distance, which keeps
//!   disconnected parts from drifting away.
//!
//! Repulsion between all pairs is O(n²); the Barnes–Hut approximation makes it
//! O(n log n): a quadtree over the positions, rebuilt every iteration, sums
//! the mass and centre of mass of each square, and a square whose side is under
//! θ = 1.2 times its distance from the node (and which does not hold the node)
//! repels as one body at its centre of mass ([`quadtree`]). Two nodes closer
//! than 0.01 repel as if 0.01 apart; two exactly on top of each other (in
//! practice only pinning puts them there) do not repel each other at all.
//!
//! Nodes then move by FA2's adaptive speed. A node's *swinging* is how much
//! its force changed direction since the last iteration, mᵢ·|Fᵢ − Fᵢ'|, its
//! *traction* how much it kept, mᵢ·|Fᵢ + Fᵢ'|/2. The global speed is raised
//! (at most 50 % an iteration) while the total swinging stays under the jitter
//! tolerance times the total traction, and lowered when it does not; each
//! node moves by its force × speed/(1 + √(speed·swingingᵢ)), so a node that
//! oscillates slows down by itself.
//!
//! The layout has *settled* when the nodes' mean displacement per iteration,
//! as a share of the layout's spread (the root mean square distance of the
//! nodes from their centroid) and averaged exponentially over the last
//! iterations (FA2's jitter makes it noisy), falls under [`SETTLED`]. Measured
//! on the benchmark's planted communities (BENCHMARKS.md): there the mean
//! edge length over the spread, the shape one sees, is then within 1 % of
//! its value after 2000 iterations, and what still moves is a slow drift and
//! jitter of a fraction of a pixel an iteration on screen. A run also stops
//! after [`MAX_ITERATIONS`]. Pinning or unpinning a node starts a new run.
//!
//! Everything is f32 (what the page draws, and half the memory traffic of
//! f64) except the speed's running sums. The arithmetic is only +, ×, ÷ and
//! √, which IEEE 754 rounds alike everywhere, and no step depends on thread
//! or hash order, so the same input and seed give the same positions bit for
//! bit (tested natively; native and wasm should agree by the same argument).

mod quadtree;
#[cfg(test)]
mod tests;

use quadtree::QuadTree;

/// Barnes–Hut's θ: a square is one body when its side is under θ × its distance.
const THETA: f32 = 1.2;
/// k_r: how far apart repulsion holds nodes (Gephi's default for large
/// graphs). With gravity 1 a 10 000-node, 100 000-edge graph settles with a
/// spread of about 1 000 units (BENCHMARKS.md), what the first disc has.
const SCALING_RATIO: f32 = 2.0;
const GRAVITY: f32 = 1.0;
/// How much swinging the global speed tolerates (Gephi's default).
const JITTER_TOLERANCE: f64 = 1.0;
/// Mean displacement per iteration, as a share of the spread and averaged,
/// below which a run has settled.
const SETTLED: f64 = 1e-3;
/// The weight of the latest iteration in that average.
const SMOOTHING: f64 = 0.1;
/// A run stops after this many iterations whether or not it has settled.
pub const MAX_ITERATIONS: usize = 2000;
/// The first positions lie in a disc of this many units × √n.
const INITIAL_RADIUS: f32 = 10.0;
/// A bound on the global speed, which otherwise could grow without end while
/// nothing swings (a lone node falling toward the centre).
const MAX_SPEED: f64 = 1e6;

#[derive(Debug, Clone, Copy)]
struct Edge {
    a: u32,
    b: u32,
    weight: f32,
}

/// A ForceAtlas2 layout run a few iterations at a time (see the module doc).
#[derive(Debug)]
pub struct Layout {
    /// `[x0, y0, x1, y1, …]`
    positions: Vec<f32>,
    /// This iteration's forces and the last one's, interleaved like positions.
    forces: Vec<f32>,
    old_forces: Vec<f32>,
    masses: Vec<f32>,
    pinned: Vec<bool>,
    edges: Vec<Edge>,
    tree: QuadTree,
    speed: f64,
    speed_efficiency: f64,
    iterations: usize,
    /// The iteration the current run started at.
    run_start: usize,
    /// Mean displacement over spread, averaged exponentially (1 at a start).
    movement: f64,
    settled: bool,
}

impl Layout {
    /// Nodes 0..n and undirected weighted edges `(a, b, weight)`; the first
    /// positions are random in a disc of radius 10·√n, the same for the same
    /// `seed`. Self-loops, edges naming a node ≥ n and weights that are not
    /// positive and finite are left out; a duplicate edge counts twice.
    pub fn new(n: usize, edges: &[(u32, u32, f32)], seed: u64) -> Layout {
        let edges: Vec<Edge> = edges
            .iter()
            .filter(|&&(a, b, weight)| {
                a != b && (a as usize) < n && (b as usize) < n && weight > 0.0 && weight.is_finite()
            })
            .map(|&(a, b, weight)| Edge { a, b, weight })
            .collect();
        let mut masses = vec![1.0f32; n];
        for edge in &edges {
            masses[edge.a as usize] += 1.0;
            masses[edge.b as usize] += 1.0;
        }
        Layout {
            positions: initial_positions(n, seed),
            forces: vec![0.0; 2 * n],
            old_forces: vec![0.0; 2 * n],
            masses,
            pinned: vec![false; n],
            edges,
            tree: QuadTree::default(),
            speed: 1.0,
            speed_efficiency: 1.0,
            iterations: 0,
            run_start: 0,
            movement: 1.0,
            settled: n == 0,
        }
    }

    /// Runs up to `iterations` iterations, fewer if the layout settles;
    /// returns true while it has not settled.
    pub fn step(&mut self, iterations: usize) -> bool {
        for _ in 0..iterations {
            if self.settled {
                break;
            }
            self.iterate();
        }
        !self.settled
    }

    /// x, y per node, interleaved: `[x0, y0, x1, y1, …]`.
    pub fn positions(&self) -> &[f32] {
        &self.positions
    }

    /// Iterations run since the layout was made.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Holds a node at (x, y) until [`Layout::unpin`]; it still repels and
    /// attracts the others. Ignored for a node ≥ n or a point not finite.
    pub fn pin(&mut self, node: u32, x: f32, y: f32) {
        let node = node as usize;
        if node < self.pinned.len() && x.is_finite() && y.is_finite() {
            self.pinned[node] = true;
            self.positions[2 * node] = x;
            self.positions[2 * node + 1] = y;
            self.restart();
        }
    }

    /// Lets a pinned node move again.
    pub fn unpin(&mut self, node: u32) {
        if let Some(pinned) = self.pinned.get_mut(node as usize) {
            *pinned = false;
            self.restart();
        }
    }

    fn restart(&mut self) {
        self.run_start = self.iterations;
        self.movement = 1.0;
        self.settled = false;
    }

    fn iterate(&mut self) {
        std::mem::swap(&mut self.forces, &mut self.old_forces);
        self.forces.fill(0.0);
        self.tree.build(&self.positions, &self.masses);
        self.add_repulsion_and_gravity();
        self.add_attraction();
        self.adjust_speed();
        let displacement = self.move_nodes();
        self.iterations += 1;
        self.movement += SMOOTHING * (displacement / self.spread() - self.movement);
        self.settled = self.movement < SETTLED || self.iterations - self.run_start >= MAX_ITERATIONS;
    }

    /// Visits the nodes in the tree's order, so that consecutive nodes walk
    /// mostly the same cells (the forces do not depend on the order).
    fn add_repulsion_and_gravity(&mut self) {
        let Layout { positions, forces, masses, pinned, tree, .. } = self;
        for &node in tree.order() {
            let node = node as usize;
            if pinned[node] {
                continue;
            }
            let mass = masses[node];
            let (rx, ry) = tree.repulsion(node as u32, positions, masses, THETA);
            let (x, y) = (positions[2 * node], positions[2 * node + 1]);
            let distance = (x * x + y * y).sqrt();
            let pull = if distance > 0.0 { GRAVITY * mass / distance } else { 0.0 };
            forces[2 * node] = SCALING_RATIO * mass * rx - x * pull;
            forces[2 * node + 1] = SCALING_RATIO * mass * ry - y * pull;
        }
    }

    fn add_attraction(&mut self) {
        let (positions, forces) = (&self.positions, &mut self.forces);
        for &Edge { a, b, weight } in &self.edges {
            let (a, b) = (2 * a as usize, 2 * b as usize);
            let dx = (positions[a] - positions[b]) * weight;
            let dy = (positions[a + 1] - positions[b + 1]) * weight;
            forces[a] -= dx;
            forces[a + 1] -= dy;
            forces[b] += dx;
            forces[b + 1] += dy;
        }
    }

    /// The global speed from the total swinging and traction (Gephi's rules).
    fn adjust_speed(&mut self) {
        let (mut swinging, mut traction) = (0.0f64, 0.0f64);
        let mut moving = 0usize;
        for node in (0..self.masses.len()).filter(|&node| !self.pinned[node]) {
            let mass = f64::from(self.masses[node]);
            swinging += mass * f64::from(self.swinging(node));
            traction += mass * 0.5 * f64::from(self.traction(node));
            moving += 1;
        }
        if swinging <= 0.0 || moving == 0 {
            return;
        }
        // Bigger networks need more tolerance, denser ones less (Gephi: "totally empiric").
        let n = moving as f64;
        let estimated = 0.05 * n.sqrt();
        let mut jitter = JITTER_TOLERANCE * estimated.sqrt().max((estimated * traction / (n * n)).min(10.0));
        const MIN_EFFICIENCY: f64 = 0.05;
        if swinging / traction > 2.0 {
            if self.speed_efficiency > MIN_EFFICIENCY {
                self.speed_efficiency *= 0.5;
            }
            jitter = jitter.max(JITTER_TOLERANCE);
        }
        let target = jitter * self.speed_efficiency * traction / swinging;
        if swinging > jitter * traction {
            if self.speed_efficiency > MIN_EFFICIENCY {
                self.speed_efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.speed_efficiency *= 1.3;
        }
        self.speed = (self.speed + (target - self.speed).min(0.5 * self.speed)).min(MAX_SPEED);
    }

    /// |Fᵢ − Fᵢ'|: how much a node's force changed since the last iteration.
    fn swinging(&self, node: usize) -> f32 {
        let dx = self.old_forces[2 * node] - self.forces[2 * node];
        let dy = self.old_forces[2 * node + 1] - self.forces[2 * node + 1];
        (dx * dx + dy * dy).sqrt()
    }

    /// |Fᵢ + Fᵢ'|: how much of it a node kept.
    fn traction(&self, node: usize) -> f32 {
        let dx = self.old_forces[2 * node] + self.forces[2 * node];
        let dy = self.old_forces[2 * node + 1] + self.forces[2 * node + 1];
        (dx * dx + dy * dy).sqrt()
    }

    /// Moves every free node by its force at its own speed; returns the mean
    /// distance they moved.
    fn move_nodes(&mut self) -> f64 {
        let speed = self.speed as f32;
        let (mut moved, mut moving) = (0.0f64, 0usize);
        for node in 0..self.masses.len() {
            if self.pinned[node] {
                continue;
            }
            let swinging = self.masses[node] * self.swinging(node);
            let factor = speed / (1.0 + (speed * swinging).sqrt());
            let (dx, dy) = (self.forces[2 * node] * factor, self.forces[2 * node + 1] * factor);
            self.positions[2 * node] += dx;
            self.positions[2 * node + 1] += dy;
            moved += f64::from((dx * dx + dy * dy).sqrt());
            moving += 1;
        }
        if moving == 0 {
            0.0
        } else {
            moved / moving as f64
        }
    }

    /// The root mean square distance of the nodes from their centroid, at
    /// least 1 (a single node has none).
    fn spread(&self) -> f64 {
        let n = self.masses.len().max(1) as f64;
        let (mut sx, mut sy) = (0.0f64, 0.0f64);
        for xy in self.positions.chunks_exact(2) {
            sx += f64::from(xy[0]);
            sy += f64::from(xy[1]);
        }
        let (cx, cy) = (sx / n, sy / n);
        let mut squares = 0.0f64;
        for xy in self.positions.chunks_exact(2) {
            let (dx, dy) = (f64::from(xy[0]) - cx, f64::from(xy[1]) - cy);
            squares += dx * dx + dy * dy;
        }
        (squares / n).sqrt().max(1.0)
    }
}

/// Uniform in a disc of radius 10·√n (by rejection from its square), from a
/// SplitMix64 stream of `seed`.
fn initial_positions(n: usize, seed: u64) -> Vec<f32> {
    let radius = INITIAL_RADIUS * (n as f32).sqrt();
    let mut state = seed;
    let mut unit = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // The top 24 bits as a number in [-1, 1).
        (z >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    };
    let mut positions = Vec::with_capacity(2 * n);
    while positions.len() < 2 * n {
        let (x, y) = (unit(), unit());
        if x * x + y * y <= 1.0 {
            positions.extend([x * radius, y * radius]);
        }
    }
    positions
}
