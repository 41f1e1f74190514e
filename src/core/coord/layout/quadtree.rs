//! The Barnes–Hut quadtree of the layout: the nodes' masses summed into nested
//! squares, so that the repulsion of a far group of nodes is one term (its
//! total mass at its centre of mass) instead of one per node.
//!
//! The tree lives in flat `Vec`s reused from one iteration to the next: cells
//! name their four children by the index of the first (the four are
//! consecutive) and a leaf's nodes are chained through `next`. Building and
//! walking are loops over an explicit bound, never recursion: below
//! [`MAX_DEPTH`] a leaf simply keeps every node that falls in it, so many
//! coincident nodes make one crowded leaf rather than an endless split.

/// Splits stop here; a leaf this deep holds every node that falls in it.
/// 20 halvings of a 10⁴-wide layout leave squares of a hundredth of a unit.
const MAX_DEPTH: usize = 20;
/// The walk's stack: each level replaces one cell by at most four.
const STACK: usize = 3 * MAX_DEPTH + 4;
const NONE: u32 = u32::MAX;
/// Pairs closer than this (squared) repel as if this far apart, so that two
/// nodes almost on top of each other do not fling each other to infinity.
const MIN_DISTANCE_SQUARED: f32 = 1e-4;

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The centre of mass (while building, the sums of mass × position).
    x: f32,
    y: f32,
    mass: f32,
    /// The square: its centre and half its side.
    centre_x: f32,
    centre_y: f32,
    half: f32,
    /// The first of four consecutive children, or `NONE` for a leaf.
    children: u32,
    /// A leaf's first node (the rest chained through `next`), or `NONE`.
    first: u32,
}

impl Cell {
    fn empty(centre_x: f32, centre_y: f32, half: f32) -> Cell {
        Cell { x: 0.0, y: 0.0, mass: 0.0, centre_x, centre_y, half, children: NONE, first: NONE }
    }

    fn add(&mut self, x: f32, y: f32, mass: f32) {
        self.x += mass * x;
        self.y += mass * y;
        self.mass += mass;
    }

    /// Which of the four children a point falls in: 0–3 as (right, below).
    fn quadrant(&self, x: f32, y: f32) -> u32 {
        u32::from(x >= self.centre_x) + 2 * u32::from(y >= self.centre_y)
    }

    fn contains(&self, x: f32, y: f32) -> bool {
        (x - self.centre_x).abs() <= self.half && (y - self.centre_y).abs() <= self.half
    }
}

#[derive(Debug, Default)]
pub(super) struct QuadTree {
    cells: Vec<Cell>,
    /// The next node in the same leaf, or `NONE`.
    next: Vec<u32>,
    /// Every node, leaf by leaf in depth-first order: nearby nodes together.
    order: Vec<u32>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` (`[x0, y0, x1, …]`) with `masses`,
    /// reusing the storage of the last build.
    pub(super) fn build(&mut self, positions: &[f32], masses: &[f32]) {
        self.cells.clear();
        self.next.clear();
        self.next.resize(masses.len(), NONE);
        let (centre_x, centre_y, half) = bounding_square(positions);
        self.cells.push(Cell::empty(centre_x, centre_y, half));
        for (node, (&mass, xy)) in masses.iter().zip(positions.chunks_exact(2)).enumerate() {
            self.insert(node as u32, xy[0], xy[1], mass, positions);
        }
        for cell in &mut self.cells {
            if cell.mass > 0.0 {
                cell.x /= cell.mass;
                cell.y /= cell.mass;
            }
        }
        self.order_nodes();
    }

    /// Every node, leaf by leaf in depth-first order.
    pub(super) fn order(&self) -> &[u32] {
        &self.order
    }

    fn order_nodes(&mut self) {
        self.order.clear();
        let mut stack = [0u32; STACK];
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let cell = &self.cells[stack[top] as usize];
            if cell.children == NONE {
                let mut node = cell.first;
                while node != NONE {
                    self.order.push(node);
                    node = self.next[node as usize];
                }
            } else {
                for quadrant in 0..4 {
                    stack[top] = cell.children + quadrant;
                    top += 1;
                }
            }
        }
    }

    fn insert(&mut self, node: u32, x: f32, y: f32, mass: f32, positions: &[f32]) {
        let mut index = 0;
        for depth in 0.. {
            let cell = &mut self.cells[index];
            cell.add(x, y, mass);
            if cell.children != NONE {
                index = (cell.children + cell.quadrant(x, y)) as usize;
            } else if cell.first == NONE || depth == MAX_DEPTH {
                self.next[node as usize] = cell.first;
                cell.first = node;
                return;
            } else {
                // Above MAX_DEPTH a leaf holds one node: move it a level down.
                let resident = cell.first;
                cell.first = NONE;
                let (rx, ry) = (positions[2 * resident as usize], positions[2 * resident as usize + 1]);
                let resident_mass = cell.mass - mass;
                let parent = *cell;
                let children = self.split(index);
                let home = &mut self.cells[(children + parent.quadrant(rx, ry)) as usize];
                home.add(rx, ry, resident_mass);
                home.first = resident;
                index = (children + parent.quadrant(x, y)) as usize;
            }
        }
    }

    /// Gives a leaf its four children; returns the index of the first.
    fn split(&mut self, index: usize) -> u32 {
        let parent = self.cells[index];
        let half = parent.half / 2.0;
        let children = self.cells.len() as u32;
        for quadrant in 0..4 {
            let dx = if quadrant & 1 == 1 { half } else { -half };
            let dy = if quadrant & 2 == 2 { half } else { -half };
            self.cells.push(Cell::empty(parent.centre_x + dx, parent.centre_y + dy, half));
        }
        self.cells[index].children = children;
        children
    }

    /// Σ mⱼ·(pᵢ − pⱼ)/|pᵢ − pⱼ|² over every other node j, far cells taken
    /// whole when their side is under `theta` times their distance: the
    /// repulsion on `node` before its own mass and the scaling ratio.
    pub(super) fn repulsion(&self, node: u32, positions: &[f32], masses: &[f32], theta: f32) -> (f32, f32) {
        let (x, y) = (positions[2 * node as usize], positions[2 * node as usize + 1]);
        let theta_squared = theta * theta;
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut push = |dx: f32, dy: f32, mass: f32| {
            let distance_squared = dx * dx + dy * dy;
            if distance_squared > 0.0 {
                let factor = mass / distance_squared.max(MIN_DISTANCE_SQUARED);
                fx += dx * factor;
                fy += dy * factor;
            }
        };
        let mut stack = [0u32; STACK];
        let mut top = 1;
        while top > 0 {
            top -= 1;
            let cell = &self.cells[stack[top] as usize];
            if cell.mass == 0.0 {
                continue;
            }
            let (dx, dy) = (x - cell.x, y - cell.y);
            let side = 2.0 * cell.half;
            if side * side < theta_squared * (dx * dx + dy * dy) && !cell.contains(x, y) {
                push(dx, dy, cell.mass);
            } else if cell.children == NONE {
                let mut other = cell.first;
                while other != NONE {
                    let o = other as usize;
                    if other != node {
                        push(x - positions[2 * o], y - positions[2 * o + 1], masses[o]);
                    }
                    other = self.next[o];
                }
            } else {
                for quadrant in 0..4 {
                    stack[top] = cell.children + quadrant;
                    top += 1;
                }
            }
        }
        (fx, fy)
    }
}

/// The square around every position, a little larger so that none lies on
/// its far edges: (centre x, centre y, half the side).
fn bounding_square(positions: &[f32]) -> (f32, f32, f32) {
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for xy in positions.chunks_exact(2) {
        min_x = min_x.min(xy[0]);
        max_x = max_x.max(xy[0]);
        min_y = min_y.min(xy[1]);
        max_y = max_y.max(xy[1]);
    }
    if min_x > max_x {
        return (0.0, 0.0, 1.0);
    }
    let half = ((max_x - min_x).max(max_y - min_y) / 2.0 * 1.001).max(1.0);
    ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0, half)
}
