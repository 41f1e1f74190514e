//! `takedown coordination`: co-action networks of every loaded campaign, as
//! directed weights (the Coordination Network Toolkit's shape), undirected
//! edges with their attributes, the tweet pairs behind every edge, the
//! communities, or a GEXF or GraphML graph.

use crate::graph::{self, Link, Node};
use crate::output::{self, Format};
use crate::queries::{load_campaigns_as, parse, range};
use serde::Serialize;
use takedown::core::coord::{self, CommunityProfile, Kind, Settings, MAX_GROUP};
use takedown::core::ingest::Campaign;

/// CSV and JSON as every command, or a graph file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Table(Format),
    Gexf,
    Graphml,
}

fn output_format(option: Option<&str>) -> Result<Output, String> {
    match option {
        Some("gexf") => Ok(Output::Gexf),
        Some("graphml") => Ok(Output::Graphml),
        other => Format::parse(other)
            .map(Output::Table)
            .map_err(|_| format!("--format {} is not a format; give csv, json, gexf or graphml", other.unwrap_or(""))),
    }
}

/// What the command prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Directed,
    Undirected,
    Evidence,
    Communities,
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
struct Communities {
    kind: &'static str,
    components: usize,
    modularity: f64,
    communities: Vec<CommunityProfile>,
    /// `(userid, component, community)`
    members: Vec<(String, u32, u32)>,
}

#[derive(Serialize, Default)]
struct Answer {
    capped: Vec<coord::CappedKey>,
    directed: Vec<Edge>,
    undirected: Vec<UndirectedEdge>,
    evidence: Vec<Evidence>,
    communities: Vec<Communities>,
}

fn number(flag: &str, value: Option<&str>, default: u32) -> Result<u32, String> {
    match value {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| format!("{flag} {text} is not a whole number of at least 0")),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let own = ["--kind", "--window", "--min-weight", "--max-group", "--percentile", "--similarity", "--from", "--to"];
    let options = parse("coordination", args, &own, &["--undirected", "--evidence", "--communities"])?;
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
    let shape = match (options.switch("--undirected"), options.switch("--evidence"), options.switch("--communities")) {
        (_, _, true) => Shape::Communities,
        (_, true, _) => Shape::Evidence,
        (true, ..) => Shape::Undirected,
        _ => Shape::Directed,
    };
    let percentile = match options.value("--percentile") {
        None => None,
        Some(text) => Some(
            text.parse::<f64>()
                .ok()
                .filter(|p| (0.0..=100.0).contains(p))
                .ok_or(format!("--percentile {text} is not a number from 0 to 100"))?,
        ),
    };
    let similarity = match options.value("--similarity") {
        None => 0.8,
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|s| (0.0..=1.0).contains(s) && *s > 0.0)
            .ok_or(format!("--similarity {text} is not a number above 0 and at most 1"))?,
    };
    let range = range(&options)?;
    let (campaigns, output) = load_campaigns_as("coordination", &options, &options.operands, output_format)?;
    let settings = |kind| Settings { kind, window, min_weight, max_group, range, percentile, similarity };
    if let Output::Gexf | Output::Graphml = output {
        let description = format!(
            "{} within {window} s, edges of weight {min_weight} or more in either direction",
            kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
        );
        let (nodes, links) = graph_of(&campaigns, &kinds, settings);
        let text = if output == Output::Gexf {
            graph::gexf(&description, &nodes, &links)
        } else {
            graph::graphml(&description, &nodes, &links)
        };
        return output::text(&text);
    }
    let answers: Vec<(String, Answer)> = campaigns
        .iter()
        .map(|c| {
            let mut answer = Answer::default();
            for &kind in &kinds {
                add(c, settings(kind), shape, &mut answer);
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
    match output {
        Output::Table(Format::Json) => output::json(&answers.iter().map(|(n, a)| (n.as_str(), a)).collect::<Vec<_>>()),
        _ => {
            let records = answers.iter().flat_map(|(name, a)| csv_records(name, a, shape));
            output::csv(header(shape), records)
        }
    }
}

/// Every campaign's accounts on an edge of any of the kinds, and the edges;
/// components and communities over all the kinds' edges together.
fn graph_of(campaigns: &[Campaign], kinds: &[Kind], settings: impl Fn(Kind) -> Settings) -> (Vec<Node>, Vec<Link>) {
    let (mut nodes, mut links) = (Vec::new(), Vec::new());
    for c in campaigns {
        let store = &c.store;
        let users = store.users();
        let id = |user: u32| format!("{}/{}", c.name, users.text(user));
        let mut all = Vec::new();
        for &kind in kinds {
            let edges = coord::network(store, settings(kind)).undirected();
            links.extend(edges.iter().map(|&((a, b), s)| Link {
                source: id(a),
                target: id(b),
                kind: kind.name(),
                weight_source_target: s.forward,
                weight_target_source: s.backward,
                tweet_pairs: s.pairs,
                mean_dt: s.mean_dt(),
                min_dt: s.min_dt,
                symmetry: s.symmetry(),
            }));
            all.extend(edges);
        }
        let groups = coord::groups(&all);
        let mut tweets = vec![0u64; users.len()];
        for &author in store.authors() {
            tweets[author as usize] += 1;
        }
        nodes.extend(groups.members.iter().map(|&(user, component, community)| {
            Node {
                id: id(user),
                campaign: c.name.clone(),
                userid: users.text(user),
                label: store
                    .profile(user)
                    .map(|p| p.screen_name.clone())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| users.text(user)),
                tweets: tweets[user as usize],
                component,
                community,
            }
        }));
    }
    (nodes, links)
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
        Shape::Communities => {
            let groups = coord::groups(&network.undirected());
            answer.communities.push(Communities {
                kind,
                components: groups.components,
                modularity: groups.modularity,
                communities: coord::profiles(store, &network, &groups),
                members: groups.members.iter().map(|&(u, comp, comm)| (users.text(u), comp, comm)).collect(),
            });
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
        Shape::Communities => &[
            "campaign",
            "kind",
            "community",
            "accounts",
            "tweets",
            "coordinated_tweets",
            "coordinated_share",
            "modularity",
            "top_hashtags",
            "top_domains",
            "top_retweeted",
        ],
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
        Shape::Communities => Box::new(a.communities.iter().flat_map(move |g| {
            let name = name.clone();
            let list = |r: &[(String, u64)]| r.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join("; ");
            g.communities.iter().map(move |p| {
                vec![
                    name.clone(),
                    g.kind.into(),
                    p.community.to_string(),
                    p.accounts.to_string(),
                    p.tweets.to_string(),
                    p.coordinated_tweets.to_string(),
                    format!("{:.4}", p.coordinated_share()),
                    format!("{:.4}", g.modularity),
                    list(&p.top_hashtags),
                    list(&p.top_domains),
                    list(&p.top_retweeted),
                ]
            })
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
