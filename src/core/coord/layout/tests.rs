use super::quadtree::QuadTree;
use super::{Layout, MAX_ITERATIONS};

type Edges = Vec<(u32, u32, f32)>;

fn distance(positions: &[f32], a: usize, b: usize) -> f64 {
    let dx = f64::from(positions[2 * a] - positions[2 * b]);
    let dy = f64::from(positions[2 * a + 1] - positions[2 * b + 1]);
    (dx * dx + dy * dy).sqrt()
}

fn settle(layout: &mut Layout) {
    while layout.step(50) {}
}

fn assert_finite(layout: &Layout, what: &str) {
    assert!(layout.positions().iter().all(|v| v.is_finite()), "{what}: a position is not finite");
}

/// Every pair of `nodes`, each once.
fn clique(nodes: std::ops::Range<u32>) -> Vec<(u32, u32, f32)> {
    let mut edges = Vec::new();
    for a in nodes.clone() {
        for b in a + 1..nodes.end {
            edges.push((a, b, 1.0));
        }
    }
    edges
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    sum / count as f64
}

#[test]
fn layout_separates_two_planted_cliques() {
    let mut edges = clique(0..30);
    edges.extend(clique(30..60));
    edges.push((0, 30, 1.0));
    let mut layout = Layout::new(60, &edges, 7);
    settle(&mut layout);
    let p = layout.positions();
    let centroid = |nodes: std::ops::Range<usize>| {
        let count = nodes.len() as f64;
        let (sx, sy) = nodes.fold((0.0, 0.0), |(x, y), n| (x + f64::from(p[2 * n]), y + f64::from(p[2 * n + 1])));
        (sx / count, sy / count)
    };
    let (a, b) = (centroid(0..30), centroid(30..60));
    let between = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    let within =
        mean(edges.iter().filter(|e| e != &&(0, 30, 1.0)).map(|&(a, b, _)| distance(p, a as usize, b as usize)));
    assert!(within < between / 3.0, "mean distance within a clique {within}, between centroids {between}");
}

#[test]
fn layout_keeps_ring_and_path_neighbours_closer() {
    for ring in [false, true] {
        let n = 40u32;
        let mut edges: Vec<(u32, u32, f32)> = (0..n - 1).map(|a| (a, a + 1, 1.0)).collect();
        if ring {
            edges.push((n - 1, 0, 1.0));
        }
        let mut layout = Layout::new(n as usize, &edges, 3);
        settle(&mut layout);
        let p = layout.positions();
        let linked = |a: u32, b: u32| edges.iter().any(|&(x, y, _)| (x, y) == (a, b) || (x, y) == (b, a));
        let pairs = || (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b)));
        let near = mean(pairs().filter(|&(a, b)| linked(a, b)).map(|(a, b)| distance(p, a as usize, b as usize)));
        let far = mean(pairs().filter(|&(a, b)| !linked(a, b)).map(|(a, b)| distance(p, a as usize, b as usize)));
        assert!(near < far / 2.0, "ring {ring}: neighbours {near} apart on average, others {far}");
    }
}

#[test]
fn layout_is_deterministic_bit_for_bit() {
    let edges: Vec<(u32, u32, f32)> = (0..200u32).map(|a| (a, (a * 7 + 3) % 200, 1.0 + (a % 3) as f32)).collect();
    let run = |seed| {
        let mut layout = Layout::new(200, &edges, seed);
        layout.step(300);
        layout.positions().iter().map(|v| v.to_bits()).collect::<Vec<u32>>()
    };
    assert_eq!(run(11), run(11));
    assert_ne!(run(11), run(12));
}

#[test]
fn layout_stays_finite_on_degenerate_graphs() {
    let star: Vec<(u32, u32, f32)> = (1..1001u32).map(|leaf| (0, leaf, 1.0)).collect();
    let cases: Vec<(&str, usize, Edges)> = vec![
        ("empty graph", 0, vec![]),
        ("one node", 1, vec![]),
        ("no edges", 100, vec![]),
        ("self-loops", 10, (0..10).map(|a| (a, a, 1.0)).collect()),
        ("duplicate edges", 10, vec![(0, 1, 1.0); 50]),
        ("odd edges", 5, vec![(0, 9, 1.0), (1, 2, f32::NAN), (2, 3, -1.0), (3, 4, f32::INFINITY), (4, 0, 0.0)]),
        ("1000 leaves on a hub", 1001, star),
    ];
    for (what, n, edges) in cases {
        let mut layout = Layout::new(n, &edges, 5);
        settle(&mut layout);
        assert_eq!(layout.positions().len(), 2 * n, "{what}");
        assert!(layout.iterations() <= MAX_ITERATIONS, "{what}");
        assert_finite(&layout, what);
    }
}

#[test]
fn layout_survives_many_coincident_nodes() {
    let edges: Vec<(u32, u32, f32)> = (0..499u32).map(|a| (a, a + 1, 1.0)).collect();
    let mut layout = Layout::new(500, &edges, 1);
    for node in 0..500 {
        layout.pin(node, 3.0, -4.0);
    }
    layout.step(5);
    for node in 0..500 {
        layout.unpin(node);
    }
    layout.step(200);
    assert_finite(&layout, "coincident nodes");
}

#[test]
fn layout_holds_a_pinned_node() {
    let edges: Vec<(u32, u32, f32)> = (0..50u32).map(|a| (a, (a + 1) % 50, 1.0)).collect();
    let mut layout = Layout::new(50, &edges, 9);
    layout.step(20);
    layout.pin(4, 500.0, -250.0);
    assert!(layout.step(100), "pinning starts a new run");
    assert_eq!((layout.positions()[8], layout.positions()[9]), (500.0, -250.0));
    layout.unpin(4);
    layout.step(100);
    assert_ne!((layout.positions()[8], layout.positions()[9]), (500.0, -250.0));
    assert_finite(&layout, "after unpinning");
}

/// Steps `layout` in sizes 1, 7, 2, 40, 1, … until it has run `iterations`
/// or settled.
fn step_unevenly(layout: &mut Layout, iterations: usize) {
    let mut sizes = [1, 7, 2, 40].into_iter().cycle();
    while layout.iterations() < iterations {
        let left = iterations - layout.iterations();
        if !layout.step(sizes.next().unwrap_or(1).min(left)) {
            break;
        }
    }
}

#[test]
fn layout_in_small_steps_equals_one_big_step() {
    let mut edges = clique(0..20);
    edges.extend((20..300u32).map(|a| (a, a % 20, 1.0)));
    for iterations in [100, MAX_ITERATIONS] {
        let mut big = Layout::new(300, &edges, 21);
        let mut small = Layout::new(300, &edges, 21);
        big.step(iterations);
        step_unevenly(&mut small, iterations);
        assert_eq!(big.iterations(), small.iterations());
        assert_eq!(big.positions(), small.positions());
    }
}

#[test]
fn layout_settles_before_the_cap() {
    let mut edges = clique(0..30);
    edges.extend(clique(30..60));
    edges.push((0, 30, 1.0));
    let mut layout = Layout::new(60, &edges, 7);
    settle(&mut layout);
    assert!(layout.iterations() < MAX_ITERATIONS, "{} iterations", layout.iterations());
    assert!(!layout.step(10), "a settled layout stays settled");
}

/// The tree's repulsion against the exact sum over all pairs, computed here:
/// the error summed over nodes, as a share of the forces summed.
fn barnes_hut_error(theta: f32) -> f64 {
    let n = 2000;
    let layout = Layout::new(n, &[], 4);
    let positions = layout.positions();
    let masses: Vec<f32> = (0..n).map(|i| 1.0 + (i % 5) as f32).collect();
    let mut tree = QuadTree::default();
    tree.build(positions, &masses);
    let (mut error, mut total) = (0.0f64, 0.0f64);
    for node in (0..n).step_by(17) {
        let (mut ex, mut ey) = (0.0f64, 0.0f64);
        for other in (0..n).filter(|&o| o != node) {
            let dx = f64::from(positions[2 * node] - positions[2 * other]);
            let dy = f64::from(positions[2 * node + 1] - positions[2 * other + 1]);
            let factor = f64::from(masses[other]) / (dx * dx + dy * dy);
            ex += dx * factor;
            ey += dy * factor;
        }
        let (ax, ay) = tree.repulsion(node as u32, positions, &masses, theta);
        error += ((f64::from(ax) - ex).powi(2) + (f64::from(ay) - ey).powi(2)).sqrt();
        total += (ex * ex + ey * ey).sqrt();
    }
    error / total
}

#[test]
fn layout_barnes_hut_is_close_to_exact_repulsion() {
    let exact = barnes_hut_error(0.0);
    let approximate = barnes_hut_error(1.2);
    assert!(exact < 1e-4, "theta 0: error {exact}");
    assert!(approximate < 0.05, "theta 1.2: error {approximate}");
}
