//! Co-action networks as graph files: GEXF 1.3 (Gephi, Gephi Lite) and
//! GraphML (networkx, igraph, Gephi), with typed attributes on nodes
//! (campaign, screen name, tweets, component, community) and edges (kind,
//! both directed weights, tweet pairs, Δt, symmetry); in GEXF also where the
//! layout put each account, its size and its community's colour.

use super::Overview;
use std::fmt::Write;

/// Okabe–Ito colours for the first communities, then grey: the page's
/// drawing and the graph files colour alike.
pub const COLOURS: [(u8, u8, u8); 8] = [
    (0, 114, 178),
    (230, 159, 0),
    (0, 158, 115),
    (204, 121, 167),
    (86, 180, 233),
    (213, 94, 0),
    (240, 228, 66),
    (0, 0, 0),
];
pub const OTHER_COLOUR: (u8, u8, u8) = (153, 153, 153);

/// A community's colour.
pub fn colour(community: u32) -> (u8, u8, u8) {
    COLOURS.get(community as usize).copied().unwrap_or(OTHER_COLOUR)
}

/// How a node is drawn: where, how large, in which colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viz {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub colour: (u8, u8, u8),
}

/// A dot's radius for an account on `degree` edges.
pub fn radius(degree: u32) -> f64 {
    2.0 + f64::from(degree).sqrt().min(8.0)
}

/// An account on an edge.
pub struct Node {
    /// Unique across campaigns: `campaign/userid`.
    pub id: String,
    pub campaign: String,
    pub userid: String,
    pub label: String,
    pub tweets: u64,
    pub component: u32,
    pub community: u32,
    pub viz: Option<Viz>,
}

pub struct Link {
    pub source: String,
    pub target: String,
    pub kind: &'static str,
    pub weight_source_target: u32,
    pub weight_target_source: u32,
    pub tweet_pairs: u64,
    pub mean_dt: f64,
    pub min_dt: u32,
    pub symmetry: f64,
}

/// Text as XML character data or attribute value: escaped, and without the
/// control characters XML 1.0 cannot hold at all.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const NODE_ATTRIBUTES: [(&str, &str, &str); 5] = [
    ("campaign", "string", "string"),
    ("userid", "string", "string"),
    ("tweets", "long", "long"),
    ("component", "integer", "int"),
    ("community", "integer", "int"),
];

const EDGE_ATTRIBUTES: [(&str, &str, &str); 7] = [
    ("kind", "string", "string"),
    ("weight_source_target", "integer", "int"),
    ("weight_target_source", "integer", "int"),
    ("tweet_pairs", "long", "long"),
    ("mean_dt", "double", "double"),
    ("min_dt", "long", "long"),
    ("symmetry", "double", "double"),
];

fn node_values(n: &Node) -> [String; 5] {
    [n.campaign.clone(), n.userid.clone(), n.tweets.to_string(), n.component.to_string(), n.community.to_string()]
}

fn edge_values(e: &Link) -> [String; 7] {
    [
        e.kind.to_string(),
        e.weight_source_target.to_string(),
        e.weight_target_source.to_string(),
        e.tweet_pairs.to_string(),
        format!("{:.3}", e.mean_dt),
        e.min_dt.to_string(),
        format!("{:.4}", e.symmetry),
    ]
}

/// GEXF 1.3: undirected edges weighted by both directions' co-actions; an
/// edge's `kind` keeps the networks of several kinds apart in one file.
pub fn gexf(description: &str, nodes: &[Node], links: &[Link]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    );
    let _ = writeln!(
        out,
        "  <meta><creator>Takedown Explorer</creator><description>{}</description></meta>",
        xml(description)
    );
    let _ = writeln!(out, r#"  <graph defaultedgetype="undirected" mode="static">"#);
    for (class, attributes) in [("node", &NODE_ATTRIBUTES[..]), ("edge", &EDGE_ATTRIBUTES[..])] {
        let _ = writeln!(out, r#"    <attributes class="{class}">"#);
        for (i, (title, kind, _)) in attributes.iter().enumerate() {
            let _ = writeln!(out, r#"      <attribute id="{i}" title="{title}" type="{kind}"/>"#);
        }
        let _ = writeln!(out, "    </attributes>");
    }
    let _ = writeln!(out, "    <nodes>");
    for n in nodes {
        let _ = write!(out, r#"      <node id="{}" label="{}"><attvalues>"#, xml(&n.id), xml(&n.label));
        for (i, v) in node_values(n).iter().enumerate() {
            let _ = write!(out, r#"<attvalue for="{i}" value="{}"/>"#, xml(v));
        }
        let _ = write!(out, "</attvalues>");
        if let Some(Viz { x, y, size, colour: (r, g, b) }) = n.viz {
            let _ = write!(
                out,
                r#"<viz:color r="{r}" g="{g}" b="{b}"/><viz:position x="{x}" y="{y}" z="0"/><viz:size value="{size}"/>"#
            );
        }
        let _ = writeln!(out, "</node>");
    }
    let _ = writeln!(out, "    </nodes>\n    <edges>");
    for (i, e) in links.iter().enumerate() {
        let weight = e.weight_source_target + e.weight_target_source;
        let _ = write!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" kind="{}" weight="{weight}"><attvalues>"#,
            xml(&e.source),
            xml(&e.target),
            e.kind
        );
        for (k, v) in edge_values(e).iter().enumerate() {
            let _ = write!(out, r#"<attvalue for="{k}" value="{}"/>"#, xml(v));
        }
        let _ = writeln!(out, "</attvalues></edge>");
    }
    let _ = writeln!(out, "    </edges>\n  </graph>\n</gexf>");
    out
}

/// GraphML with typed keys; `weight` is both directions' co-actions.
pub fn graphml(description: &str, nodes: &[Node], links: &[Link]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(out, r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns">"#);
    let _ = writeln!(out, r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#);
    for (title, _, kind) in NODE_ATTRIBUTES {
        let _ = writeln!(out, r#"  <key id="n_{title}" for="node" attr.name="{title}" attr.type="{kind}"/>"#);
    }
    let _ = writeln!(out, r#"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#);
    for (title, _, kind) in EDGE_ATTRIBUTES {
        let _ = writeln!(out, r#"  <key id="e_{title}" for="edge" attr.name="{title}" attr.type="{kind}"/>"#);
    }
    let _ = writeln!(out, r#"  <graph id="{}" edgedefault="undirected">"#, xml(description));
    for n in nodes {
        let _ = write!(out, r#"    <node id="{}"><data key="label">{}</data>"#, xml(&n.id), xml(&n.label));
        for ((title, _, _), v) in NODE_ATTRIBUTES.iter().zip(node_values(n)) {
            let _ = write!(out, r#"<data key="n_{title}">{}</data>"#, xml(&v));
        }
        let _ = writeln!(out, "</node>");
    }
    for e in links {
        let weight = e.weight_source_target + e.weight_target_source;
        let _ = write!(
            out,
            r#"    <edge source="{}" target="{}"><data key="weight">{weight}</data>"#,
            xml(&e.source),
            xml(&e.target)
        );
        for ((title, _, _), v) in EDGE_ATTRIBUTES.iter().zip(edge_values(e)) {
            let _ = write!(out, r#"<data key="e_{title}">{}</data>"#, xml(&v));
        }
        let _ = writeln!(out, "</edge>");
    }
    let _ = writeln!(out, "  </graph>\n</graphml>");
    out
}

/// The nodes and links of a page's network, placed where `positions` (x, y
/// per node, interleaved) says, if anywhere.
pub fn of_overview(o: &Overview, positions: Option<&[f32]>) -> (Vec<Node>, Vec<Link>) {
    let nodes = o
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Node {
            id: n.id.clone(),
            campaign: n.campaigns.clone(),
            userid: n.id.clone(),
            label: n.label.clone(),
            tweets: n.tweets,
            component: n.component,
            community: n.community,
            viz: positions.filter(|p| p.len() >= 2 * o.nodes.len()).map(|p| Viz {
                x: p[2 * i],
                y: p[2 * i + 1],
                size: radius(n.degree) as f32,
                colour: colour(n.community),
            }),
        })
        .collect();
    let links = o
        .edges
        .iter()
        .map(|e| Link {
            source: o.nodes[e.a as usize].id.clone(),
            target: o.nodes[e.b as usize].id.clone(),
            kind: o.settings.kind.name(),
            weight_source_target: e.forward,
            weight_target_source: e.backward,
            tweet_pairs: e.pairs,
            mean_dt: e.mean_dt,
            min_dt: e.min_dt,
            symmetry: e.symmetry,
        })
        .collect();
    (nodes, links)
}
