//! `takedown coordination`: co-action networks of every loaded campaign, as
//! directed weights (the Coordination Network Toolkit's shape), undirected
//! edges with their attributes, or the tweet pairs behind every edge.

use crate::output::{self, Format};
use crate::queries::{load_campaigns, parse};
use serde::Serialize;
use takedown::core::coord::{self, Kind, Settings, MAX_GROUP};
use takedown::core::ingest::Campaign;

/// What the command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Directed,
    Undirected,
    Evidence,
}

#[derive(Serialize)]
struct Edge {
    kind: &'static str,
    source: String,
    target: String,
    weight: u32,
}

#[derive(Serialize)]
struct UndirectedEdge {
    kind: &'static str,
    source: String,
    target: String,
    /// From source to target, and back.
    weight_source_target: u32,
    weight_target_source: u32,
    tweet_pairs: u64,
    mean_dt: f64,
    min_dt: u32,
    symmetry: f64,
}

#[derive(Serialize)]
struct Evidence {
    kind: &'static str,
    source: String,
    target: String,
    source_tweet: String,
    target_tweet: String,
    dt: u32,
}

#[derive(Serialize)]
struct Answer {
    capped: Vec<coord::CappedKey>,
    directed: Vec<Edge>,
    undirected: Vec<UndirectedEdge>,
    evidence: Vec<Evidence>,
}

fn number(flag: &str, value: Option<&str>, default: u32) -> Result<u32, String> {
    match value {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| format!("{flag} {text} is not a whole number of at least 0")),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let own = ["--kind", "--window", "--min-weight", "--max-group"];
    let options = parse("coordination", args, &own, &["--undirected", "--evidence"])?;
    let kinds = options
        .value("--kind")
        .unwrap_or("co_retweet")
        .split(',')
        .map(|name| {
            Kind::parse(name.trim()).ok_or_else(|| {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!("--kind {name} is not a kind of network; give one or more of {}", all.join(", "))
            })
        })
        .collect::<Result<Vec<Kind>, String>>()?;
    let window = number("--window", options.value("--window"), 60)?;
    let min_weight = number("--min-weight", options.value("--min-weight"), 2)?;
    let max_group = match number("--max-group", options.value("--max-group"), MAX_GROUP as u32)? {
        0 => None,
        most => Some(most as usize),
    };
    let shape = match (options.switch("--undirected"), options.switch("--evidence")) {
        (_, true) => Shape::Evidence,
        (true, false) => Shape::Undirected,
        (false, false) => Shape::Directed,
    };
    let (campaigns, format) = load_campaigns("coordination", &options, &options.operands)?;
    let answers: Vec<(String, Answer)> = campaigns
        .iter()
        .map(|c| {
            let mut answer =
                Answer { capped: Vec::new(), directed: Vec::new(), undirected: Vec::new(), evidence: Vec::new() };
            for &kind in &kinds {
                let settings = Settings { kind, window, min_weight, max_group };
                add(c, settings, shape, &mut answer);
            }
            (c.name.clone(), answer)
        })
        .collect();
    for (name, answer) in &answers {
        for key in &answer.capped {
            eprintln!(
                "{name}: the key {} was left out: {} of its {} events fall within one window, over the cap of {} \
                 (--max-group 0 keeps every key)",
                key.key,
                key.in_one_window,
                key.events,
                max_group.unwrap_or(0)
            );
        }
    }
    match format {
        Format::Json => output::json(&answers.iter().map(|(n, a)| (n.as_str(), a)).collect::<Vec<_>>()),
        Format::Csv => {
            let records = answers.iter().flat_map(|(name, a)| csv_records(name, a, shape));
            output::csv(header(shape), records)
        }
    }
}

fn add(c: &Campaign, settings: Settings, shape: Shape, answer: &mut Answer) {
    let store = &c.store;
    let users = store.users();
    let kind = settings.kind.name();
    let network = coord::network(store, settings);
    answer.capped.extend(network.capped.iter().cloned());
    match shape {
        Shape::Directed => answer.directed.extend(network.directed().into_iter().map(|(a, b, weight)| Edge {
            kind,
            source: users.text(a),
            target: users.text(b),
            weight,
        })),
        Shape::Undirected => {
            answer.undirected.extend(network.undirected().into_iter().map(|((a, b), s)| UndirectedEdge {
                kind,
                source: users.text(a),
                target: users.text(b),
                weight_source_target: s.forward,
                weight_target_source: s.backward,
                tweet_pairs: s.pairs,
                mean_dt: s.mean_dt(),
                min_dt: s.min_dt,
                symmetry: s.symmetry(),
            }))
        }
        Shape::Evidence => {
            for ((a, b), _) in network.undirected() {
                for pair in coord::evidence(store, &network, a, b) {
                    answer.evidence.push(Evidence {
                        kind,
                        source: users.text(a),
                        target: users.text(b),
                        source_tweet: store.tweet_id(pair.source_tweet as usize).to_string(),
                        target_tweet: store.tweet_id(pair.target_tweet as usize).to_string(),
                        dt: pair.dt,
                    });
                }
            }
        }
    }
}

fn header(shape: Shape) -> &'static [&'static str] {
    match shape {
        Shape::Directed => &["campaign", "kind", "source", "target", "weight"],
        Shape::Undirected => &[
            "campaign",
            "kind",
            "source",
            "target",
            "weight_source_target",
            "weight_target_source",
            "tweet_pairs",
            "mean_dt",
            "min_dt",
            "symmetry",
        ],
        Shape::Evidence => &["campaign", "kind", "source", "target", "source_tweet", "target_tweet", "dt"],
    }
}

fn csv_records<'a>(name: &'a str, a: &'a Answer, shape: Shape) -> Box<dyn Iterator<Item = Vec<String>> + 'a> {
    let name = name.to_string();
    match shape {
        Shape::Directed => {
            Box::new(a.directed.iter().map(move |e| {
                vec![name.clone(), e.kind.into(), e.source.clone(), e.target.clone(), e.weight.to_string()]
            }))
        }
        Shape::Undirected => Box::new(a.undirected.iter().map(move |e| {
            vec![
                name.clone(),
                e.kind.into(),
                e.source.clone(),
                e.target.clone(),
                e.weight_source_target.to_string(),
                e.weight_target_source.to_string(),
                e.tweet_pairs.to_string(),
                format!("{:.1}", e.mean_dt),
                e.min_dt.to_string(),
                format!("{:.3}", e.symmetry),
            ]
        })),
        Shape::Evidence => Box::new(a.evidence.iter().map(move |e| {
            vec![
                name.clone(),
                e.kind.into(),
                e.source.clone(),
                e.target.clone(),
                e.source_tweet.clone(),
                e.target_tweet.clone(),
                e.dt.to_string(),
            ]
        })),
    }
}
