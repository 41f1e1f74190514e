//! Groups in a co-action network: connected components, and communities found
//! by Louvain's method (Blondel et al. 2008) on the undirected edges weighted
//! by both directions' co-actions, with the modularity they reach.
//!
//! Louvain visits nodes in a fixed order (by user id), so the same network
//! always gives the same communities.

use super::PairStats;
use crate::core::store::FxMap;
use serde::{Deserialize, Serialize};

/// Every account on an edge, with its component and community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// `(user, component, community)`, by user id; groups numbered from 0,
    /// largest first.
    pub members: Vec<(u32, u32, u32)>,
    pub components: usize,
    pub communities: usize,
    pub modularity: f64,
}

/// A weighted undirected graph of nodes `0..n`, as adjacency lists.
struct Graph {
    adjacent: Vec<Vec<(usize, f64)>>,
    /// Each node's weighted degree, loops counted twice.
    degree: Vec<f64>,
    /// Twice the total weight.
    total: f64,
}

impl Graph {
    fn new(n: usize, edges: impl IntoIterator<Item = (usize, usize, f64)>) -> Graph {
        let mut adjacent = vec![Vec::new(); n];
        let mut degree = vec![0.0; n];
        for (a, b, w) in edges {
            adjacent[a].push((b, w));
            degree[a] += w;
            if a != b {
                adjacent[b].push((a, w));
            }
            degree[b] += w;
        }
        let total = degree.iter().sum();
        Graph { adjacent, degree, total }
    }

    fn modularity(&self, community: &[usize]) -> f64 {
        if self.total == 0.0 {
            return 0.0;
        }
        let mut inside = vec![0.0; self.adjacent.len()];
        let mut tot = vec![0.0; self.adjacent.len()];
        for (a, edges) in self.adjacent.iter().enumerate() {
            tot[community[a]] += self.degree[a];
            for &(b, w) in edges {
                if community[a] == community[b] {
                    inside[community[a]] += if a == b { 2.0 * w } else { w };
                }
            }
        }
        inside.iter().zip(&tot).map(|(i, t)| i / self.total - (t / self.total).powi(2)).sum()
    }

    /// Louvain's first phase: nodes move to the neighbouring community that
    /// gains the most modularity, until none does. Returns each node's community.
    fn local_moves(&self) -> (Vec<usize>, bool) {
        let n = self.adjacent.len();
        let mut community: Vec<usize> = (0..n).collect();
        let mut tot = self.degree.clone();
        let mut moved_any = false;
        let mut weight_to: FxMap<usize, f64> = FxMap::default();
        loop {
            let mut moved = false;
            for node in 0..n {
                let own = community[node];
                weight_to.clear();
                for &(other, w) in &self.adjacent[node] {
                    if other != node {
                        *weight_to.entry(community[other]).or_default() += w;
                    }
                }
                let k = self.degree[node];
                tot[own] -= k;
                let gain = |c: usize, w: f64| w - tot[c] * k / self.total;
                let mut best = (own, gain(own, weight_to.get(&own).copied().unwrap_or(0.0)));
                let mut candidates: Vec<(usize, f64)> = weight_to.iter().map(|(&c, &w)| (c, w)).collect();
                candidates.sort_unstable_by_key(|&(c, _)| c);
                for (c, w) in candidates {
                    let g = gain(c, w);
                    if g > best.1 + 1e-12 {
                        best = (c, g);
                    }
                }
                tot[best.0] += k;
                if best.0 != own {
                    community[node] = best.0;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                return (community, moved_any);
            }
        }
    }

    /// The graph of communities: one node each, edges summed.
    fn aggregate(&self, community: &[usize], count: usize) -> Graph {
        let mut summed: FxMap<(usize, usize), f64> = FxMap::default();
        for (a, edges) in self.adjacent.iter().enumerate() {
            for &(b, w) in edges {
                let (ca, cb) = (community[a], community[b]);
                // Each undirected edge is listed at both ends; a loop once.
                if a <= b {
                    *summed.entry((ca.min(cb), ca.max(cb))).or_default() += w;
                }
            }
        }
        let mut edges: Vec<(usize, usize, f64)> = summed.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        edges.sort_unstable_by_key(|&(a, b, _)| (a, b));
        Graph::new(count, edges)
    }
}

/// Renumbers labels `0..k` by group size, largest first (ties by first member).
fn renumber(labels: &[usize]) -> (Vec<u32>, usize) {
    let mut sizes: FxMap<usize, (usize, usize)> = FxMap::default();
    for (i, &l) in labels.iter().enumerate() {
        let entry = sizes.entry(l).or_insert((0, i));
        entry.0 += 1;
    }
    let mut order: Vec<(usize, (usize, usize))> = sizes.into_iter().collect();
    order.sort_unstable_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    let number: FxMap<usize, u32> = order.iter().enumerate().map(|(n, (l, _))| (*l, n as u32)).collect();
    (labels.iter().map(|l| number[l]).collect(), order.len())
}

/// Components and communities of the undirected edges `((a, b), stats)`.
pub fn groups(edges: &[((u32, u32), PairStats)]) -> Groups {
    let mut users: Vec<u32> = edges.iter().flat_map(|&((a, b), _)| [a, b]).collect();
    users.sort_unstable();
    users.dedup();
    let index: FxMap<u32, usize> = users.iter().enumerate().map(|(i, &u)| (u, i)).collect();
    let n = users.len();
    let weighted: Vec<(usize, usize, f64)> =
        edges.iter().map(|&((a, b), s)| (index[&a], index[&b], f64::from(s.forward + s.backward))).collect();

    // Components by union-find.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, _) in &weighted {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let component_of: Vec<usize> = (0..n).map(|x| root(&mut parent, x)).collect();

    // Louvain: move, aggregate, repeat while anything moves.
    let original = Graph::new(n, weighted.iter().copied());
    let mut graph = Graph::new(n, weighted);
    let mut community: Vec<usize> = (0..n).collect();
    loop {
        let (moves, moved) = graph.local_moves();
        if !moved {
            break;
        }
        let (numbered, count) = renumber(&moves);
        let numbered: Vec<usize> = numbered.into_iter().map(|c| c as usize).collect();
        for c in &mut community {
            *c = numbered[*c];
        }
        graph = graph.aggregate(&numbered, count);
    }
    let modularity = original.modularity(&community);
    let (components, component_count) = renumber(&component_of);
    let (communities, community_count) = renumber(&community);
    Groups {
        members: (0..n).map(|i| (users[i], components[i], communities[i])).collect(),
        components: component_count,
        communities: community_count,
        modularity,
    }
}
