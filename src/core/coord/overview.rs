//! What the page shows of a network: its accounts and edges (tables and the
//! drawing), its communities, the keys left out, the coordinated tweets month
//! by month against all tweets, and the tweets behind one edge.

use super::{coordinated_tweets, evidence, groups, profile::profiles_of, CappedKey, CommunityProfile};
use super::{Network, Pool, Settings};
use crate::core::csv_text::minimal_field;
use crate::core::time;
use serde::{Deserialize, Serialize};

/// An account on at least one edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRow {
    /// The pool's number of the account (what [`EvidenceRow`]s are asked by).
    pub user: u32,
    /// The user id as the files write it, and the screen name where known.
    pub id: String,
    pub label: String,
    /// The campaigns it tweeted in, joined by `+`.
    pub campaigns: String,
    pub tweets: u64,
    /// Edges it is on.
    pub degree: u32,
    pub component: u32,
    pub community: u32,
}

/// An undirected edge between two of the nodes (by their place in `nodes`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRow {
    pub a: u32,
    pub b: u32,
    /// Directed weights, from `a` to `b` and back.
    pub forward: u32,
    pub backward: u32,
    pub pairs: u64,
    pub mean_dt: f64,
    pub min_dt: u32,
    pub symmetry: f64,
}

/// One month: the pool's tweets in it, and those with a partner on an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthRow {
    pub month: String,
    pub tweets: u64,
    pub coordinated: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub settings: Settings,
    pub campaigns: Vec<String>,
    /// The weight an edge needed (the minimum weight, or the percentile's).
    pub threshold: u32,
    /// By user number.
    pub nodes: Vec<NodeRow>,
    /// Strongest first.
    pub edges: Vec<EdgeRow>,
    pub components: usize,
    pub modularity: f64,
    pub communities: Vec<CommunityProfile>,
    pub capped: Vec<CappedKey>,
    /// From the first month with a tweet in the range to the last.
    pub months: Vec<MonthRow>,
}

impl Overview {
    /// The edges as `takedown coordination --undirected` writes them.
    pub fn edges_csv(&self) -> String {
        let campaign = self.campaigns.join("+");
        let mut out = String::from(
            "campaign,kind,source,target,weight_source_target,weight_target_source,tweet_pairs,mean_dt,min_dt,symmetry\n",
        );
        for e in &self.edges {
            let (a, b) = (&self.nodes[e.a as usize].id, &self.nodes[e.b as usize].id);
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{:.1},{},{:.3}\n",
                minimal_field(&campaign),
                self.settings.kind.name(),
                minimal_field(a),
                minimal_field(b),
                e.forward,
                e.backward,
                e.pairs,
                e.mean_dt,
                e.min_dt,
                e.symmetry
            ));
        }
        out
    }

    /// Every pair of tweets behind every edge, as `takedown coordination
    /// --evidence` writes them; `network` is the one this overview is of.
    pub fn evidence_csv(&self, pool: &Pool, network: &Network) -> String {
        let campaign = minimal_field(&self.campaigns.join("+"));
        let mut out = String::from("campaign,kind,source,target,source_tweet,target_tweet,dt,key\n");
        for e in &self.edges {
            let (a, b) = (&self.nodes[e.a as usize], &self.nodes[e.b as usize]);
            for pair in evidence(pool, network, a.user, b.user) {
                out.push_str(&format!(
                    "{campaign},{},{},{},{},{},{},{}\n",
                    self.settings.kind.name(),
                    minimal_field(&a.id),
                    minimal_field(&b.id),
                    pool.tweet_id(pair.source_tweet),
                    pool.tweet_id(pair.target_tweet),
                    pair.dt,
                    minimal_field(&pair.key)
                ));
            }
        }
        out
    }
}

/// The overview of `network`, computed over `pool`.
pub fn overview(pool: &Pool, network: &Network) -> Overview {
    let undirected = network.undirected();
    let g = groups(&undirected);
    let coordinated = coordinated_tweets(pool, network.settings, &undirected);
    let tweets = pool.tweets_per_user();
    let campaigns = pool.campaigns_per_user();
    let mut index = vec![u32::MAX; pool.user_count()];
    let mut nodes: Vec<NodeRow> = g
        .members
        .iter()
        .enumerate()
        .map(|(i, &(user, component, community))| {
            index[user as usize] = i as u32;
            NodeRow {
                user,
                label: pool.label(user),
                id: pool.user_id(user),
                campaigns: campaigns[user as usize].clone(),
                tweets: tweets[user as usize],
                degree: 0,
                component,
                community,
            }
        })
        .collect();
    let mut edges: Vec<EdgeRow> = undirected
        .iter()
        .map(|&((a, b), s)| {
            let (a, b) = (index[a as usize], index[b as usize]);
            nodes[a as usize].degree += 1;
            nodes[b as usize].degree += 1;
            EdgeRow {
                a,
                b,
                forward: s.forward,
                backward: s.backward,
                pairs: s.pairs,
                mean_dt: s.mean_dt(),
                min_dt: s.min_dt,
                symmetry: s.symmetry(),
            }
        })
        .collect();
    edges.sort_by_key(|e| (std::cmp::Reverse(e.forward.max(e.backward)), std::cmp::Reverse(e.pairs), e.a, e.b));
    Overview {
        settings: network.settings,
        campaigns: pool.names().map(str::to_string).collect(),
        threshold: network.threshold(),
        communities: profiles_of(pool, &g, &coordinated),
        nodes,
        edges,
        components: g.components,
        modularity: g.modularity,
        capped: network.capped.clone(),
        months: months(pool, network.settings, &coordinated),
    }
}

/// Tweets and coordinated tweets per month, every month from the first to the last.
fn months(pool: &Pool, settings: Settings, coordinated: &[bool]) -> Vec<MonthRow> {
    let mut counts: std::collections::BTreeMap<i32, (u64, u64)> = Default::default();
    for (_, store, first) in pool.stores() {
        for (i, &minutes) in store.times().iter().enumerate() {
            if settings.range.is_some_and(|r| !r.contains(minutes)) {
                continue;
            }
            let month = time::month_start((minutes / 1440) as i32);
            let count = counts.entry(month).or_default();
            count.0 += 1;
            count.1 += u64::from(coordinated[first as usize + i]);
        }
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut month = first;
    while month <= last {
        let (tweets, coordinated) = counts.get(&month).copied().unwrap_or_default();
        out.push(MonthRow { month: time::format_month(month), tweets, coordinated });
        // The first of the next month: 32 days on is always in it.
        month = time::month_start(month + 32);
    }
    out
}

/// One tweet of a pair behind an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceTweet {
    pub id: String,
    pub campaign: String,
    /// `YYYY-MM-DD HH:MM`, UTC.
    pub time: String,
    pub text: String,
}

/// A pair of tweets behind an edge, side by side, with what they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRow {
    pub source: EvidenceTweet,
    pub target: EvidenceTweet,
    pub dt: u32,
    /// The shared tweet id, text, URL, tag or account, as the files write it.
    pub key: String,
}

/// Every pair of tweets behind the edge between pooled accounts `a` and `b`.
pub fn evidence_rows(pool: &Pool, network: &Network, a: u32, b: u32) -> Vec<EvidenceRow> {
    let tweet = |t: u32| {
        let (store, row) = pool.row(t);
        EvidenceTweet {
            id: pool.tweet_id(t).to_string(),
            campaign: pool.campaign(t).to_string(),
            time: time::format_minutes(store.time(row)),
            text: String::from_utf8_lossy(store.text(row)).into_owned(),
        }
    };
    evidence(pool, network, a, b)
        .into_iter()
        .map(|p| EvidenceRow { source: tweet(p.source_tweet), target: tweet(p.target_tweet), dt: p.dt, key: p.key })
        .collect()
}
