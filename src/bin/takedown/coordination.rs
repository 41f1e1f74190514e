//! `takedown coordination`: co-action networks of every loaded campaign, as
//! directed weights (the Coordination Network Toolkit's shape), undirected
//! edges with their attributes, the tweet pairs behind every edge, the
//! communities, or a GEXF or GraphML graph.

use crate::output::{self, Format};
use crate::queries::{load_campaigns_as, parse, range};
use serde::Serialize;
use takedown::core::coord::graph::{self, Link, Node};
use takedown::core::coord::{self, CommunityProfile, Kind, Pool, Settings, MAX_GROUP};
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

/// An edge's accounts, and with `--pool` the campaigns each tweeted in.
#[derive(Serialize)]
struct Ends {
    source: String,
    target: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_campaigns: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_campaigns: Option<String>,
}

impl Ends {
    /// The CSV fields: the accounts, then with `--pool` their campaigns.
    fn fields(&self) -> impl Iterator<Item = String> + '_ {
        [&self.source, &self.target]
            .into_iter()
            .cloned()
            .chain(self.source_campaigns.iter().cloned())
            .chain(self.target_campaigns.iter().cloned())
    }
}

#[derive(Serialize)]
struct Edge {
    kind: &'static str,
    #[serde(flatten)]
    ends: Ends,
    weight: u32,
}

#[derive(Serialize)]
struct UndirectedEdge {
    kind: &'static str,
    #[serde(flatten)]
    ends: Ends,
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
    #[serde(flatten)]
    ends: Ends,
    source_tweet: String,
    target_tweet: String,
    dt: u32,
    /// What the two tweets share.
    key: String,
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

impl Answer {
    fn absorb(&mut self, other: Answer) {
        self.capped.extend(other.capped);
        self.directed.extend(other.directed);
        self.undirected.extend(other.undirected);
        self.evidence.extend(other.evidence);
        self.communities.extend(other.communities);
    }
}

/// `f` of every item, in order, on as many threads as there are cores: the
/// networks of several kinds or campaigns are independent of each other.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { return mine };
                        mine.push((i, f(item)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a network's thread does not panic")).collect()
    });
    results.sort_unstable_by_key(|&(i, _)| i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn number(flag: &str, value: Option<&str>, default: u32) -> Result<u32, String> {
    match value {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| format!("{flag} {text} is not a whole number of at least 0")),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let own = ["--kind", "--window", "--min-weight", "--max-group", "--percentile", "--similarity", "--from", "--to"];
    let options = parse("coordination", args, &own, &["--undirected", "--evidence", "--communities", "--pool"])?;
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
    let pools = pools(&campaigns, options.switch("--pool"));
    if let Output::Gexf | Output::Graphml = output {
        let description = format!(
            "{} within {window} s, edges of weight {min_weight} or more in either direction",
            kinds.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
        );
        let (nodes, links) = graph_of(&pools, &kinds, settings);
        let text = if output == Output::Gexf {
            graph::gexf(&description, &nodes, &links)
        } else {
            graph::graphml(&description, &nodes, &links)
        };
        return output::text(&text);
    }
    let work: Vec<(&Pooled, Kind)> = pools.iter().flat_map(|p| kinds.iter().map(move |&k| (p, k))).collect();
    let mut done = parallel_map(&work, |&(p, kind)| {
        let mut answer = Answer::default();
        add(p, settings(kind), shape, &mut answer);
        answer
    })
    .into_iter();
    let answers: Vec<(String, Answer)> = pools
        .iter()
        .map(|p| {
            let mut answer = Answer::default();
            for part in done.by_ref().take(kinds.len()) {
                answer.absorb(part);
            }
            (p.name.clone(), answer)
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
    let pooled = pools.iter().any(|p| p.campaigns.is_some());
    match output {
        Output::Table(Format::Json) => output::json(&answers.iter().map(|(n, a)| (n.as_str(), a)).collect::<Vec<_>>()),
        _ => {
            let records = answers.iter().flat_map(|(name, a)| csv_records(name, a, shape));
            output::csv(&header(shape, pooled), records)
        }
    }
}

/// What a network is computed over: one campaign, or all of them pooled.
struct Pooled<'a> {
    name: String,
    pool: Pool<'a>,
    /// Pooled: each account's campaigns (those it tweeted in), joined by `+`.
    campaigns: Option<Vec<String>>,
}

impl Pooled<'_> {
    /// How a graph file names an account: unique across every pool it holds.
    fn node_id(&self, user: u32) -> String {
        match self.campaigns {
            Some(_) => self.pool.user_id(user),
            None => format!("{}/{}", self.name, self.pool.user_id(user)),
        }
    }

    fn campaigns_of(&self, user: u32) -> String {
        self.campaigns.as_ref().map_or_else(|| self.name.clone(), |c| c[user as usize].clone())
    }
}

/// One pool per campaign, or with `--pool` one of them all, named by theirs
/// joined with `+`.
fn pools(campaigns: &[Campaign], pooled: bool) -> Vec<Pooled<'_>> {
    if !pooled {
        return campaigns
            .iter()
            .map(|c| Pooled { name: c.name.clone(), pool: Pool::one(&c.name, &c.store), campaigns: None })
            .collect();
    }
    let pool = Pool::of(campaigns.iter().map(|c| (c.name.as_str(), &c.store)));
    let name = pool.names().collect::<Vec<_>>().join("+");
    let campaigns_of = pool.campaigns_per_user();
    vec![Pooled { name, pool, campaigns: Some(campaigns_of) }]
}

/// Every pool's accounts on an edge of any of the kinds, and the edges;
/// components and communities over all the kinds' edges together.
fn graph_of(pools: &[Pooled], kinds: &[Kind], settings: impl Fn(Kind) -> Settings) -> (Vec<Node>, Vec<Link>) {
    let (mut nodes, mut links) = (Vec::new(), Vec::new());
    for p in pools {
        let pool = &p.pool;
        let mut all = Vec::new();
        for &kind in kinds {
            let edges = coord::network(pool, settings(kind)).undirected();
            links.extend(edges.iter().map(|&((a, b), s)| Link {
                source: p.node_id(a),
                target: p.node_id(b),
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
        let tweets = pool.tweets_per_user();
        nodes.extend(groups.members.iter().map(|&(user, component, community)| Node {
            id: p.node_id(user),
            campaign: p.campaigns_of(user),
            userid: pool.user_id(user),
            label: pool.label(user),
            tweets: tweets[user as usize],
            component,
            community,
            viz: None,
        }));
    }
    (nodes, links)
}

fn add(p: &Pooled, settings: Settings, shape: Shape, answer: &mut Answer) {
    let pool = &p.pool;
    let kind = settings.kind.name();
    let network = coord::network(pool, settings);
    answer.capped.extend(network.capped.iter().cloned());
    let ends = |a: u32, b: u32| Ends {
        source: pool.user_id(a),
        target: pool.user_id(b),
        source_campaigns: p.campaigns.as_ref().map(|_| p.campaigns_of(a)),
        target_campaigns: p.campaigns.as_ref().map(|_| p.campaigns_of(b)),
    };
    match shape {
        Shape::Directed => answer.directed.extend(network.directed().into_iter().map(|(a, b, weight)| Edge {
            kind,
            ends: ends(a, b),
            weight,
        })),
        Shape::Undirected => {
            answer.undirected.extend(network.undirected().into_iter().map(|((a, b), s)| UndirectedEdge {
                kind,
                ends: ends(a, b),
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
                communities: coord::profiles(pool, &network, &groups),
                members: groups.members.iter().map(|&(u, comp, comm)| (pool.user_id(u), comp, comm)).collect(),
            });
        }
        Shape::Evidence => {
            for ((a, b), _) in network.undirected() {
                for pair in coord::evidence(pool, &network, a, b) {
                    answer.evidence.push(Evidence {
                        kind,
                        ends: ends(a, b),
                        source_tweet: pool.tweet_id(pair.source_tweet).to_string(),
                        target_tweet: pool.tweet_id(pair.target_tweet).to_string(),
                        dt: pair.dt,
                        key: pair.key,
                    });
                }
            }
        }
    }
}

/// The CSV header: the campaign (or pool) and kind, the accounts (with
/// `--pool`, their campaigns after them), then the shape's own columns.
fn header(shape: Shape, pooled: bool) -> Vec<&'static str> {
    let own: &[&str] = match shape {
        Shape::Directed => &["weight"],
        Shape::Undirected => {
            &["weight_source_target", "weight_target_source", "tweet_pairs", "mean_dt", "min_dt", "symmetry"]
        }
        Shape::Evidence => &["source_tweet", "target_tweet", "dt", "key"],
        Shape::Communities => {
            return vec![
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
            ]
        }
    };
    let campaigns: &[&str] = if pooled { &["source_campaigns", "target_campaigns"] } else { &[] };
    ["campaign", "kind", "source", "target"].iter().chain(campaigns).chain(own).copied().collect()
}

fn csv_records<'a>(name: &'a str, a: &'a Answer, shape: Shape) -> Box<dyn Iterator<Item = Vec<String>> + 'a> {
    let row = move |kind: &str, ends: &Ends, own: Vec<String>| -> Vec<String> {
        [name.to_string(), kind.to_string()].into_iter().chain(ends.fields()).chain(own).collect()
    };
    match shape {
        Shape::Directed => Box::new(a.directed.iter().map(move |e| row(e.kind, &e.ends, vec![e.weight.to_string()]))),
        Shape::Undirected => Box::new(a.undirected.iter().map(move |e| {
            let own = vec![
                e.weight_source_target.to_string(),
                e.weight_target_source.to_string(),
                e.tweet_pairs.to_string(),
                format!("{:.1}", e.mean_dt),
                e.min_dt.to_string(),
                format!("{:.3}", e.symmetry),
            ];
            row(e.kind, &e.ends, own)
        })),
        Shape::Communities => Box::new(a.communities.iter().flat_map(move |g| {
            let list = |r: &[(String, u64)]| r.iter().map(|(k, n)| format!("{k} ({n})")).collect::<Vec<_>>().join("; ");
            g.communities.iter().map(move |p| {
                vec![
                    name.to_string(),
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
            row(e.kind, &e.ends, vec![e.source_tweet.clone(), e.target_tweet.clone(), e.dt.to_string(), e.key.clone()])
        })),
    }
}
